//! Reading Epoch's model tables ("Data on AI Models": all models, notable, large-scale, frontier) of any
//! vintage into `cd_domain::Model`s, with a `ReadReport` accounting for every row.
//!
//! Columns are found by header through the alias table in `epoch::columns` (the place to add a new
//! vintage's spelling). Cells are decoded (`epoch::decode`), split into lists (`epoch::lists`) and parsed
//! (`epoch::values`). The reader never classifies teams or filters models: it loads what the file says.
//!
//! # Row policy
//! Every data row is either loaded or rejected with a `Rejection` naming file, row, field and value; blank
//! lines count as rows (rejected, field empty) so that nothing vanishes silently. Row numbers are 1-based
//! data rows (the header is row 0), counting blank lines.
//!
//! | problem | result |
//! |---|---|
//! | empty name (including a row of empty cells) or blank line | row rejected |
//! | publication date present but not a date (`2021-02-30`, `June 2021`) | row rejected |
//! | `A/B/YYYY` dates: one order (month or day first) decided per file and noted; mixed orders | those rows rejected |
//! | training compute present but not a positive number | row rejected |
//! | parameters, compute bounds, finetune compute, citations not a number | loaded without the value, note |
//! | confidence or accessibility label no vintage uses | loaded as unknown (accessibility keeps the raw label), note |
//! | frontier / foundation flag not a yes/no value | loaded without the flag, note |
//! | empty cells | the value is absent; never an error |
//!
//! Date and compute reject the row because every analysis places a model by them: a model loaded without
//! them would silently leave the counts of "models with compute" and the trend fits. The other fields are
//! descriptive, so a bad value costs only that value and is reported as a note.
//!
//! File-level notes: encoding fallbacks, ignored columns, duplicated headers, rows with more or fewer cells
//! than the header, duplicated model names (all copies kept), categorisation lists whose length differs
//! from the organisation list, cells filled from a fallback alias column.

pub mod cache;
pub mod columns;
pub mod decode;
pub mod lists;
pub mod plausible;
pub mod values;

pub use columns::{ColumnMap, ColumnRef, EpochField, MappedColumn, ALIASES, REQUIRED};

use cd_domain::{Accessibility, Confidence, Model, Notability, ReadReport};
use std::collections::BTreeMap;
use std::path::Path;

/// The models of one Epoch table, the accounting of the read, and where each field came from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EpochTable {
    pub models: Vec<Model>,
    pub report: ReadReport,
    pub columns: ColumnMap,
}

/// A file that cannot be read as an Epoch model table at all. Problems with single rows are not errors:
/// they are rejections in the `ReadReport`.
#[derive(Debug, thiserror::Error)]
pub enum EpochError {
    #[error("cannot read {file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: the file is empty; an Epoch model table starts with a header row naming at least the \
         model (`Model` or `System`), `Publication date` and `Training compute (FLOP)`"
    )]
    Empty { file: String },
    #[error(
        "{file}: required column missing: {}. The header row has: {}. Is this an Epoch model table? If it \
         is a new vintage that renamed the column, add the new name to ALIASES in \
         crates/cd-ingest/src/epoch/columns.rs.",
        missing.iter().map(|(f, a)| format!("{f} (any of {})", a.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", "))).collect::<Vec<_>>().join("; "),
        found.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
    )]
    MissingColumns {
        file: String,
        /// Field name and the header spellings that would have satisfied it.
        missing: Vec<(String, Vec<String>)>,
        found: Vec<String>,
    },
    #[error("{file}: data row {row}: malformed CSV: {message}")]
    Csv { file: String, row: usize, message: String },
    #[error("{file}: {message}")]
    Compressed { file: String, message: String },
}

/// The most bytes a gzip-compressed Epoch table may expand to (Epoch's tables are a few MB; a larger
/// expansion is refused rather than read into memory).
pub const MAX_DECOMPRESSED_BYTES: u64 = 512 * 1024 * 1024;

/// Read an Epoch model CSV from disk.
pub fn read_epoch_csv(path: &Path) -> Result<EpochTable, EpochError> {
    let file = path.display().to_string();
    let bytes = crate::read_regular(path).map_err(|source| EpochError::Io { file: file.clone(), source })?;
    read_epoch_bytes(&file, &bytes)
}

/// Read an Epoch model CSV held in memory; `name` stands for the file in the report and in errors.
pub fn read_epoch_bytes(name: &str, bytes: &[u8]) -> Result<EpochTable, EpochError> {
    // A gzip-compressed table (`.csv.gz`) is read through its decompression, within a bound.
    let unzipped;
    let (bytes, gzip_note) = if bytes.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::read::MultiGzDecoder::new(bytes);
        unzipped = crate::read_at_most(gz, MAX_DECOMPRESSED_BYTES)
            .map_err(|e| EpochError::Compressed {
                file: name.to_string(),
                message: format!("gzip-compressed, but it cannot be decompressed: {e}"),
            })?
            .ok_or_else(|| EpochError::Compressed {
                file: name.to_string(),
                message: format!(
                    "gzip-compressed and expands beyond {} MiB; refused",
                    MAX_DECOMPRESSED_BYTES / (1024 * 1024)
                ),
            })?;
        (&unzipped[..], Some(format!("gzip-compressed: {} bytes decompressed", unzipped.len())))
    } else {
        (bytes, None)
    };
    let decoded = decode::decode(bytes);
    let mut report = ReadReport::new(name);
    if let Some(n) = gzip_note {
        report.note(n);
    }
    if let Some(n) = decoded.note {
        report.note(n);
    }
    let text = decoded.text;
    if text.trim().is_empty() {
        return Err(EpochError::Empty { file: name.to_string() });
    }
    let delimiter = sniff_delimiter(&text);
    if delimiter != b',' {
        report.note(format!("cells separated by {:?} rather than commas", delimiter as char));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| EpochError::Csv { file: name.to_string(), row: 0, message: e.to_string() })?
        .iter()
        .map(|h| h.to_string())
        .collect();
    let columns = ColumnMap::from_headers(&headers);
    let missing = columns.missing_required();
    if !missing.is_empty() {
        return Err(EpochError::MissingColumns {
            file: name.to_string(),
            missing: missing
                .iter()
                .map(|f| {
                    (f.as_str().to_string(), columns::aliases(*f).iter().map(|s| s.to_string()).collect())
                })
                .collect(),
            found: headers.clone(),
        });
    }
    if !columns.ignored.is_empty() {
        report.note(format!("{} column(s) not used: {}", columns.ignored.len(), columns.ignored.join(" | ")));
    }
    if !columns.duplicate_headers.is_empty() {
        report.note(format!(
            "header(s) repeated, first occurrence used: {}",
            columns.duplicate_headers.join(" | ")
        ));
    }

    let slash_order = decide_slash_order(&text, delimiter, &columns, &mut report);

    let mut models = Vec::new();
    let mut row = 0usize;
    let mut lines = LineCounter::default();
    let mut record = csv::StringRecord::new();
    let mut ragged = 0usize;
    let mut fallback_cells: BTreeMap<String, usize> = BTreeMap::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| EpochError::Csv {
            file: name.to_string(),
            row: row + 1,
            message: e.to_string(),
        })?;
        if !more {
            let (first_line, blank) = trailing_blank_lines(&text);
            for k in 0..blank {
                row += 1;
                report.reject(row, "", format!("blank line (file line {})", first_line + k));
            }
            break;
        }
        // The csv reader skips blank lines; recover them from the line breaks just before the record's
        // first byte: one ends the previous record (or the header), any more are blank lines. Counted
        // per break (`\n`, `\r\n` or a lone `\r`), so files that mix LF and CRLF endings are read right.
        // (The record's position may be where the reader began looking for it, before the blank lines.)
        let from = record.position().map_or(text.len(), |p| p.byte() as usize).min(text.len());
        let start = text.as_bytes()[from..]
            .iter()
            .position(|&b| b != b'\n' && b != b'\r')
            .map_or(text.len(), |i| from + i);
        let (first_blank, blank) = lines.blank_lines_before(text.as_bytes(), start);
        for k in 0..blank {
            row += 1;
            report.reject(row, "", format!("blank line (file line {})", first_blank + k));
        }
        row += 1;
        if record.len() != headers.len() {
            ragged += 1;
        }
        let mut ctx = RowContext {
            columns: &columns,
            slash_order,
            record: &record,
            row,
            fallback_cells: &mut fallback_cells,
        };
        match parse_row(&mut ctx, &mut report) {
            Ok(model) => {
                report.loaded();
                models.push(model);
            }
            Err((field, reason)) => report.reject(row, field, reason),
        }
    }
    if ragged > 0 {
        report.note(format!(
            "{ragged} row(s) have a different number of cells from the header ({}); missing cells read as empty, extra cells ignored",
            headers.len()
        ));
    }
    for (header, n) in &fallback_cells {
        report.note(format!("{n} empty cell(s) filled from the alias column `{header}`"));
    }
    if row == 0 {
        report.note("header only: no data rows");
    }
    note_duplicates(&models, &mut report);
    note_misaligned_categories(&models, &mut report);
    Ok(EpochTable { models, report, columns })
}

/// The 1-based line number at a byte offset, counted forward as records are read (each byte once).
#[derive(Default)]
struct LineCounter {
    /// Bytes counted so far.
    at: usize,
    /// Line breaks in `text[..at]`.
    breaks: u64,
}

impl LineCounter {
    /// Line breaks in `bytes`: `\n`, `\r\n` and a lone `\r` count one each.
    fn count(bytes: &[u8]) -> u64 {
        let mut n = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                n += 1;
            }
        }
        n
    }

    /// For a record starting at byte `start`: the blank lines just before it, as (1-based file line of
    /// the first, count). The run of line-break bytes before `start` holds the break that ends the
    /// previous record and one more per blank line (a line of spaces is not blank: the csv reader reads
    /// it as a record).
    fn blank_lines_before(&mut self, text: &[u8], start: usize) -> (u64, u64) {
        let run_start = text[..start].iter().rposition(|&b| b != b'\n' && b != b'\r').map_or(0, |i| i + 1);
        let run_start = run_start.max(self.at.min(start));
        if run_start > self.at {
            self.breaks += Self::count(&text[self.at..run_start]);
            self.at = run_start;
        }
        let run = Self::count(&text[run_start..start]);
        let blank = run.saturating_sub(1);
        // The previous record ends on line `breaks + 1`; the first blank line is the one after it.
        let first = self.breaks + 2;
        self.breaks += run;
        self.at = start;
        (first, blank)
    }
}

/// Blank lines at the end of the text: (1-based line of the first, count). The line break that ends the
/// last record is not a blank line.
fn trailing_blank_lines(text: &str) -> (u64, u64) {
    let body = text.trim_end_matches(['\r', '\n']);
    let breaks = text[body.len()..].matches('\n').count() as u64;
    let last_line = 1 + body.matches('\n').count() as u64;
    (last_line + 1, breaks.saturating_sub(1))
}

/// A pre-pass over the date column(s): if the file writes dates as `A/B/YYYY`, decide once whether that
/// is month or day first (see `values::slash_order`) and say so in a note.
fn decide_slash_order(
    text: &str,
    delimiter: u8,
    columns: &ColumnMap,
    report: &mut ReadReport,
) -> Option<values::SlashOrder> {
    let m = columns.get(EpochField::PublicationDate)?;
    let indices: Vec<usize> =
        std::iter::once(m.column.index).chain(m.fallbacks.iter().map(|c| c.index)).collect();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .filter_map(Result::ok)
        .flat_map(|r| indices.iter().filter_map(|&i| r.get(i).map(str::to_string)).collect::<Vec<_>>())
        .collect();
    match values::slash_order(cells.iter().map(String::as_str)) {
        Ok(None) => None,
        Ok(Some((order, evidence))) => {
            let how = match (order, evidence) {
                (values::SlashOrder::DayFirst, _) => "day/month/year (some first parts exceed 12)",
                (values::SlashOrder::MonthFirst, true) => "month/day/year (some second parts exceed 12)",
                (values::SlashOrder::MonthFirst, false) => {
                    "month/day/year (assumed, as in US-locale exports; no date in the file decides it)"
                }
            };
            report.note(format!("dates written as d/m/yyyy read as {how}"));
            Some(order)
        }
        Err(e) => {
            report.note(format!("{e}: rows with such dates are rejected"));
            None
        }
    }
}

/// Comma unless the header row has tabs and no commas (a TSV export).
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if !first.contains(',') && first.contains('\t') {
        b'\t'
    } else if !first.contains(',') && first.contains(';') {
        b';'
    } else {
        b','
    }
}

struct RowContext<'a> {
    columns: &'a ColumnMap,
    slash_order: Option<values::SlashOrder>,
    record: &'a csv::StringRecord,
    row: usize,
    fallback_cells: &'a mut BTreeMap<String, usize>,
}

impl<'a> RowContext<'a> {
    /// The cell of a field (trimmed), falling back to other alias columns where the first is empty, with
    /// the header it came from. Empty string when the file has no column for the field.
    fn cell(&mut self, field: EpochField) -> (&'a str, String) {
        let columns: &'a ColumnMap = self.columns;
        let record: &'a csv::StringRecord = self.record;
        let Some(m) = columns.get(field) else { return ("", String::new()) };
        let get = |c: &ColumnRef| record.get(c.index).unwrap_or("").trim();
        let primary = get(&m.column);
        if primary.is_empty() {
            for fb in &m.fallbacks {
                let v = get(fb);
                if !v.is_empty() {
                    *self.fallback_cells.entry(fb.header.clone()).or_default() += 1;
                    return (v, fb.header.clone());
                }
            }
        }
        (primary, m.column.header.clone())
    }
}

/// A rejected row: the field (header) and the reason.
type RowError = (String, String);

fn parse_row(ctx: &mut RowContext<'_>, report: &mut ReadReport) -> Result<Model, RowError> {
    let row = ctx.row;
    let (name, name_header) = ctx.cell(EpochField::Name);
    let name = lists::clean(name);
    if name.is_empty() {
        return Err((name_header, "empty model name; every model needs a name".to_string()));
    }
    let mut model = Model::named(name.clone());
    model.source_row = row;

    let (date, date_header) = ctx.cell(EpochField::PublicationDate);
    if !date.is_empty() {
        match values::parse_date(date, ctx.slash_order) {
            Some(d) => model.publication_date = Some(d),
            None => {
                return Err((
                    date_header,
                    format!(
                        "not a date: {date:?} (expected YYYY-MM-DD, YYYY-MM or YYYY, or d/m/yyyy in one \
                         consistent order, a real calendar date)"
                    ),
                ))
            }
        }
    }
    let (flop, flop_header) = ctx.cell(EpochField::TrainingCompute);
    match values::parse_number(flop) {
        Ok(Some(v)) if v > 0.0 => model.training_compute_flop = Some(v),
        Ok(Some(_)) => return Err((flop_header, format!("training compute must be positive: {flop:?}"))),
        Ok(None) => {}
        Err(e) => return Err((flop_header, format!("{e} (expected FLOP, e.g. 1.2e+24)"))),
    }

    // Descriptive fields: a bad value costs only the value, with a note.
    let mut soft_number = |ctx: &mut RowContext<'_>, field: EpochField| -> Option<f64> {
        let (cell, header) = ctx.cell(field);
        match values::parse_number(cell) {
            Ok(v) => v,
            Err(e) => {
                report.note(format!("row {row} ({name}), field `{header}`: {e}; loaded without it"));
                None
            }
        }
    };
    model.parameters = soft_number(ctx, EpochField::Parameters);
    model.training_compute_lower_flop = soft_number(ctx, EpochField::TrainingComputeLower);
    model.training_compute_upper_flop = soft_number(ctx, EpochField::TrainingComputeUpper);
    model.finetune_compute_flop = soft_number(ctx, EpochField::FinetuneCompute);
    model.training_dataset_size = soft_number(ctx, EpochField::TrainingDatasetSize);
    model.citations = soft_number(ctx, EpochField::Citations);

    model.organizations = lists::split_organizations(ctx.cell(EpochField::Organizations).0);
    model.organization_categories = lists::split_list(ctx.cell(EpochField::OrganizationCategories).0);
    model.authors = lists::split_list(ctx.cell(EpochField::Authors).0);
    model.domains = lists::split_list(ctx.cell(EpochField::Domains).0);
    model.tasks = lists::split_list(ctx.cell(EpochField::Tasks).0);
    model.countries = lists::split_list(ctx.cell(EpochField::Countries).0);
    model.notability = lists::split_list(ctx.cell(EpochField::Notability).0)
        .iter()
        .filter_map(|s| Notability::parse(s))
        .collect();
    let base = lists::clean(ctx.cell(EpochField::BaseModel).0);
    model.base_model = (!base.is_empty()).then_some(base);

    let (conf, conf_header) = ctx.cell(EpochField::Confidence);
    if ctx.columns.get(EpochField::Confidence).is_some() {
        model.confidence = Confidence::parse(conf);
        if model.confidence.is_none() {
            report.note(format!(
                "row {row} ({name}), field `{conf_header}`: unknown confidence {conf:?}; loaded without it"
            ));
        }
    }

    let (access, access_header) = ctx.cell(EpochField::Accessibility);
    let access = lists::clean(access);
    model.accessibility = match Accessibility::parse(&access) {
        Some(a) => a,
        None => {
            report.note(format!(
                "row {row} ({name}), field `{access_header}`: unknown accessibility label {access:?}; \
                 loaded as unknown"
            ));
            Accessibility::Unknown
        }
    };
    model.accessibility_label = (!access.is_empty()).then_some(access);

    for (field, slot) in [
        (EpochField::FrontierFlag, &mut model.frontier_flag),
        (EpochField::FoundationFlag, &mut model.foundation_flag),
    ] {
        if ctx.columns.get(field).is_none() {
            continue;
        }
        let (cell, header) = ctx.cell(field);
        match values::parse_flag(cell) {
            Ok(b) => *slot = Some(b),
            Err(e) => report.note(format!("row {row} ({name}), field `{header}`: {e}; loaded without it")),
        }
    }
    Ok(model)
}

fn note_duplicates(models: &[Model], report: &mut ReadReport) {
    let mut rows_by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for m in models {
        rows_by_name.entry(m.name.as_str()).or_default().push(m.source_row);
    }
    for (name, rows) in rows_by_name.iter().filter(|(_, r)| r.len() > 1) {
        let rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        report.note(format!("duplicated model name {name:?} at rows {}; all kept", rows.join(", ")));
    }
}

fn note_misaligned_categories(models: &[Model], report: &mut ReadReport) {
    let bad: Vec<&Model> = models
        .iter()
        .filter(|m| {
            m.organization_categories.len() > 1 && m.organization_categories.len() != m.organizations.len()
        })
        .collect();
    if !bad.is_empty() {
        let examples: Vec<String> = bad
            .iter()
            .take(5)
            .map(|m| {
                format!(
                    "row {} ({} organisations, {} categories)",
                    m.source_row,
                    m.organizations.len(),
                    m.organization_categories.len()
                )
            })
            .collect();
        report.note(format!(
            "{} row(s) list a different number of organisation categories than organisations, e.g. {}",
            bad.len(),
            examples.join("; ")
        ));
    }
}
