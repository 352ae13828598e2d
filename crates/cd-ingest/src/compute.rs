//! Readers of Epoch's compute tables (`epoch_compute/`): the GPU-clusters table (AI supercomputers) into
//! `cd_domain::GpuCluster`s and the ML-hardware table (accelerators) into `cd_domain::Accelerator`s, each
//! with a `ReadReport` accounting for every row.
//!
//! Columns are found by header through the alias tables `CLUSTER_ALIASES` and `HARDWARE_ALIASES`
//! (headers compared case-insensitively with whitespace collapsed, as for the model tables): to support a
//! vintage that renames a column, add the new spelling there. The readers load what the file says; which
//! clusters count (flags, status, sector split) is decided by the analyses under `Definitions::provision`.
//!
//! # Row policy
//! | problem | result |
//! |---|---|
//! | empty name | row rejected |
//! | cluster `Status` not Existing / Planned / Decommissioned (spellings in `ClusterStatus::parse`) | row rejected |
//! | cluster `Sector` not Private / Public / Public/Private (empty is loaded as unknown; the spellings each maps from are in `ClusterSector::parse`) | row rejected |
//! | a number present but not a finite number ≥ 0 (`1,234` and `$5` are numbers) | row rejected |
//! | a date present but not a date (`m/d/yyyy`, `yyyy-mm-dd`, `yyyy-mm`, `yyyy`) | row rejected |
//! | a flag present but not TRUE / FALSE / yes / no / 1 / 0 / checked | row rejected |
//! | empty cells | the value is absent (flags false) |
//!
//! Rows are rejected rather than loaded without the bad value because every value read feeds a sum or a
//! fit: a cluster silently losing its capacity would shrink its sector's total. A missing required column
//! is an error for the whole file, naming the column and the spellings that would do.

use crate::epoch::columns::normalise_header;
use cd_domain::compute::parse_month_first_date;
use cd_domain::{Accelerator, ClusterSector, ClusterStatus, GpuCluster, PubDate, ReadReport};
use std::collections::HashMap;
use std::path::Path;

/// A field, its header spellings (preferred first), and whether a file must have it.
type Alias = (&'static str, &'static [&'static str], bool);

/// GPU-clusters table. `Hardware Cost` is Epoch's calculated cost of the hardware.
pub const CLUSTER_ALIASES: &[Alias] = &[
    ("name", &["Name", "Cluster name", "System", "Supercomputer"], true),
    ("status", &["Status"], true),
    ("sector", &["Sector"], true),
    ("h100_equivalents", &["H100 equivalents", "H100 equivalent", "H100e", "H100-equivalents"], true),
    ("first_operational", &["First Operational Date", "First operational", "Operational date"], true),
    ("certainty", &["Certainty"], false),
    ("ops_16bit", &["16-bit OP/s", "16-bit OP/s (FLOP/s)", "16-bit FLOP/s", "FP16 OP/s"], false),
    ("country", &["Country"], false),
    ("owner", &["Owner", "Owners"], false),
    ("users", &["Users", "User"], false),
    (
        "decommissioned",
        &["Decommissioned Date (if applicable)", "Decommissioned Date", "Decommission date"],
        false,
    ),
    ("superseded_by", &["Superseded by", "Superseded"], false),
    ("hardware_cost", &["Hardware Cost", "Hardware cost (USD)", "Calculated Cost"], false),
    ("standard_analysis", &["Include in Standard Analysis", "Standard analysis"], false),
    ("exclude", &["Exclude", "Excluded"], false),
    ("possible_duplicate", &["Possible Duplicate", "Possible duplicate?", "Duplicate"], false),
];

/// ML-hardware table.
pub const HARDWARE_ALIASES: &[Alias] = &[
    ("name", &["Hardware name", "Hardware", "Name"], true),
    ("release_date", &["Release date", "Release Date"], true),
    ("price_usd", &["Release price (USD)", "Release price", "Price (USD)"], true),
    ("manufacturer", &["Manufacturer"], false),
    ("type", &["Type"], false),
    (
        "fp32",
        &["FP32 (single precision) performance (FLOP/s)", "FP32 performance (FLOP/s)", "FP32 (FLOP/s)"],
        false,
    ),
    (
        "fp16",
        &["FP16 (half precision) performance (FLOP/s)", "FP16 performance (FLOP/s)", "FP16 (FLOP/s)"],
        false,
    ),
    ("tf32", &["TF32 (TensorFloat-32) performance (FLOP/s)", "TF32 performance (FLOP/s)"], false),
    (
        "tensor_fp16",
        &[
            "Tensor-FP16/BF16 performance (FLOP/s)",
            "Tensor FP16/BF16 performance (FLOP/s)",
            "Tensor-FP16 performance (FLOP/s)",
        ],
        false,
    ),
    ("int8", &["INT8 performance (OP/s)", "INT8 performance (FLOP/s)"], false),
];

/// The clusters of one GPU-clusters table and the accounting of the read.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ClusterTable {
    pub clusters: Vec<GpuCluster>,
    pub report: ReadReport,
    /// Field → header as written in the file.
    pub columns: Vec<(String, String)>,
}

/// The accelerators of one ML-hardware table and the accounting of the read.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HardwareTable {
    pub accelerators: Vec<Accelerator>,
    pub report: ReadReport,
    pub columns: Vec<(String, String)>,
}

/// A file that cannot be read as the table at all; problems with single rows are rejections.
#[derive(Debug, thiserror::Error)]
pub enum ComputeError {
    #[error("cannot read {file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: the file is empty; {what} starts with a header row")]
    Empty { file: String, what: &'static str },
    #[error(
        "{file}: required column missing: {missing}. The header row has: {found}. Is this {what}? If a new \
         vintage renamed the column, add the new name to the alias table in crates/cd-ingest/src/compute.rs."
    )]
    MissingColumns { file: String, what: &'static str, missing: String, found: String },
    #[error("{file}: data row {row}: malformed CSV: {message}")]
    Csv { file: String, row: usize, message: String },
}

/// Which column each alias-table entry reads (by position in the table).
struct Mapped {
    index: Vec<Option<usize>>,
    columns: Vec<(String, String)>,
}

fn map_headers(
    file: &str,
    what: &'static str,
    headers: &[String],
    aliases: &[Alias],
) -> Result<Mapped, ComputeError> {
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        first.entry(normalise_header(h)).or_insert(i);
    }
    let index: Vec<Option<usize>> = aliases
        .iter()
        .map(|(_, names, _)| names.iter().find_map(|n| first.get(&normalise_header(n)).copied()))
        .collect();
    let missing: Vec<String> = aliases
        .iter()
        .zip(&index)
        .filter(|((_, _, required), i)| *required && i.is_none())
        .map(|((field, names, _), _)| {
            let any: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("{field} (any of {})", any.join(", "))
        })
        .collect();
    if !missing.is_empty() {
        let found: Vec<String> = headers.iter().map(|h| format!("`{h}`")).collect();
        return Err(ComputeError::MissingColumns {
            file: file.to_string(),
            what,
            missing: missing.join("; "),
            found: found.join(", "),
        });
    }
    let columns = aliases
        .iter()
        .zip(&index)
        .filter_map(|((field, _, _), i)| i.map(|i| (field.to_string(), headers[i].clone())))
        .collect();
    Ok(Mapped { index, columns })
}

/// A number as Epoch writes them: a leading `$`, exponents, and commas as thousands separators only
/// (`1,234,567.5`; groups of three digits before any decimal point, so a decimal comma such as `1.234,0`
/// is not a number rather than a silently wrong one); ≥ 0 and finite.
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = text.trim().trim_start_matches('$').chars().filter(|c| *c != ' ').collect();
    if t.contains(',') {
        let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
        let groups: Vec<&str> = int.split(',').collect();
        let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        let grouped = groups[0].len() <= 3
            && groups.iter().all(|g| digits(g))
            && groups[1..].iter().all(|g| g.len() == 3)
            && !frac.contains(',');
        if !grouped {
            return None;
        }
    }
    let v: f64 = t.replace(',', "").parse().ok()?;
    (v.is_finite() && v >= 0.0).then_some(v)
}

/// A flag: TRUE / FALSE (any case), yes / no, 1 / 0, checked; empty is false.
pub fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "false" | "no" | "0" | "unchecked" => Some(false),
        "true" | "yes" | "1" | "checked" | "x" => Some(true),
        _ => None,
    }
}

/// One row being read: its cells by alias-table position, and the first problem found.
struct Row<'a> {
    record: &'a csv::StringRecord,
    mapped: &'a Mapped,
    aliases: &'a [Alias],
    problem: Option<(String, String)>,
}

impl<'a> Row<'a> {
    fn cell(&self, field: &str) -> &'a str {
        let pos = self.aliases.iter().position(|(f, _, _)| *f == field).expect("field in alias table");
        self.mapped.index[pos].and_then(|i| self.record.get(i)).map(str::trim).unwrap_or("")
    }

    fn header(&self, field: &str) -> String {
        self.mapped
            .columns
            .iter()
            .find(|(f, _)| f == field)
            .map_or_else(|| field.to_string(), |(_, h)| h.clone())
    }

    fn fail(&mut self, field: &str, reason: String) {
        if self.problem.is_none() {
            self.problem = Some((self.header(field), reason));
        }
    }

    fn text(&self, field: &str) -> Option<String> {
        let c = self.cell(field);
        (!c.is_empty()).then(|| c.to_string())
    }

    fn list(&self, field: &str) -> Vec<String> {
        self.cell(field).split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
    }

    fn number(&mut self, field: &str) -> Option<f64> {
        let c = self.cell(field);
        if c.is_empty() {
            return None;
        }
        let v = parse_number(c);
        if v.is_none() {
            self.fail(field, format!("not a number ≥ 0: {c:?}"));
        }
        v
    }

    fn date(&mut self, field: &str) -> Option<PubDate> {
        let c = self.cell(field);
        if c.is_empty() {
            return None;
        }
        let v = parse_month_first_date(c);
        if v.is_none() {
            self.fail(field, format!("not a date (m/d/yyyy or yyyy-mm-dd): {c:?}"));
        }
        v
    }

    fn flag(&mut self, field: &str) -> bool {
        let c = self.cell(field);
        parse_flag(c).unwrap_or_else(|| {
            self.fail(field, format!("not a flag (TRUE/FALSE): {c:?}"));
            false
        })
    }
}

/// The values read, the accounting, and field → header of the columns used.
type RowsRead<T> = (Vec<T>, ReadReport, Vec<(String, String)>);

/// Read the rows of `bytes` with `aliases`, building a value from each row with `build`.
fn read_rows<T>(
    name: &str,
    bytes: &[u8],
    what: &'static str,
    aliases: &[Alias],
    build: impl Fn(&mut Row, usize) -> Option<T>,
) -> Result<RowsRead<T>, ComputeError> {
    let decoded = crate::epoch::decode::decode(bytes);
    let mut report = ReadReport::new(name);
    if let Some(n) = decoded.note {
        report.note(n);
    }
    if decoded.text.trim().is_empty() {
        return Err(ComputeError::Empty { file: name.to_string(), what });
    }
    let delimiter = crate::epoch::sniff_delimiter(&decoded.text);
    if delimiter != b',' {
        report.note(format!("cells separated by {:?} rather than commas", delimiter as char));
    }
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).delimiter(delimiter).from_reader(decoded.text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ComputeError::Csv { file: name.to_string(), row: 0, message: e.to_string() })?
        .iter()
        .map(str::to_string)
        .collect();
    let mapped = map_headers(name, what, &headers, aliases)?;
    let absent: Vec<&str> =
        aliases.iter().zip(&mapped.index).filter(|(_, i)| i.is_none()).map(|((f, _, _), _)| *f).collect();
    if !absent.is_empty() {
        report.note(format!("optional columns absent (values empty, flags false): {}", absent.join(", ")));
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        let record =
            record.map_err(|e| ComputeError::Csv { file: name.to_string(), row, message: e.to_string() })?;
        let mut r = Row { record: &record, mapped: &mapped, aliases, problem: None };
        if r.cell("name").is_empty() {
            report.reject(row, r.header("name"), "empty name");
            continue;
        }
        let value = build(&mut r, row);
        match (value, r.problem) {
            (Some(v), None) => {
                report.loaded();
                out.push(v);
            }
            (_, Some((field, reason))) => report.reject(row, field, reason),
            (None, None) => report.reject(row, "", "row not usable"),
        }
    }
    Ok((out, report, mapped.columns))
}

/// Read a GPU-clusters table from disk.
pub fn read_clusters(path: &Path) -> Result<ClusterTable, ComputeError> {
    let file = path.display().to_string();
    let bytes =
        crate::read_regular(path).map_err(|source| ComputeError::Io { file: file.clone(), source })?;
    read_clusters_bytes(&file, &bytes)
}

/// Read a GPU-clusters table held in memory; `name` stands for the file in the report and in errors.
pub fn read_clusters_bytes(name: &str, bytes: &[u8]) -> Result<ClusterTable, ComputeError> {
    let what = "an Epoch GPU-clusters table";
    let (clusters, report, columns) = read_rows(name, bytes, what, CLUSTER_ALIASES, |r, row| {
        let status_text = r.cell("status");
        let status = ClusterStatus::parse(status_text);
        if status.is_none() {
            r.fail("status", format!("not Existing, Planned or Decommissioned: {status_text:?}"));
        }
        let sector_text = r.cell("sector");
        let sector = ClusterSector::parse(sector_text);
        if sector.is_none() {
            r.fail("sector", format!("not Private, Public or Public/Private: {sector_text:?}"));
        }
        let cluster = GpuCluster {
            row,
            name: r.cell("name").to_string(),
            status: status.unwrap_or(ClusterStatus::Planned),
            sector: sector.unwrap_or(ClusterSector::Unknown),
            certainty: r.text("certainty"),
            h100_equivalents: r.number("h100_equivalents"),
            ops_16bit: r.number("ops_16bit"),
            country: r.text("country"),
            owners: r.list("owner"),
            users: r.list("users"),
            first_operational: r.date("first_operational"),
            decommissioned: r.date("decommissioned"),
            superseded_by: r.text("superseded_by"),
            hardware_cost_usd: r.number("hardware_cost"),
            standard_analysis: r.flag("standard_analysis"),
            exclude: r.flag("exclude"),
            possible_duplicate: r.flag("possible_duplicate"),
        };
        Some(cluster)
    })?;
    Ok(ClusterTable { clusters, report, columns })
}

/// Read an ML-hardware table from disk.
pub fn read_hardware(path: &Path) -> Result<HardwareTable, ComputeError> {
    let file = path.display().to_string();
    let bytes =
        crate::read_regular(path).map_err(|source| ComputeError::Io { file: file.clone(), source })?;
    read_hardware_bytes(&file, &bytes)
}

/// Read an ML-hardware table held in memory.
pub fn read_hardware_bytes(name: &str, bytes: &[u8]) -> Result<HardwareTable, ComputeError> {
    let what = "an Epoch ML-hardware table";
    let (accelerators, report, columns) = read_rows(name, bytes, what, HARDWARE_ALIASES, |r, row| {
        Some(Accelerator {
            row,
            name: r.cell("name").to_string(),
            manufacturer: r.text("manufacturer"),
            kind: r.text("type"),
            release_date: r.date("release_date"),
            price_usd: r.number("price_usd"),
            fp32_flops: r.number("fp32"),
            fp16_flops: r.number("fp16"),
            tf32_flops: r.number("tf32"),
            tensor_fp16_flops: r.number("tensor_fp16"),
            int8_ops: r.number("int8"),
        })
    })?;
    Ok(HardwareTable { accelerators, report, columns })
}

/// The newest file of `dir` whose name starts with `prefix` and ends in `.csv` (names sort by vintage).
pub fn newest(dir: &Path, prefix: &str) -> Option<std::path::PathBuf> {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".csv"))
        })
        .collect();
    found.sort();
    found.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_flags() {
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("12,345,678"), Some(12345678.0));
        assert_eq!(parse_number("1.234,0"), None);
        assert_eq!(parse_number("1,23"), None);
        assert_eq!(parse_number("9.90E+22"), Some(9.9e22));
        assert_eq!(parse_number("$5"), Some(5.0));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("-3"), None);
        assert_eq!(parse_number("n/a"), None);
        assert_eq!(parse_flag("TRUE"), Some(true));
        assert_eq!(parse_flag(""), Some(false));
        assert_eq!(parse_flag("maybe"), None);
    }
}
