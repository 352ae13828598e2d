//! What data a data folder holds: every dataset file with its kind, vintage, row count and sha256, and
//! which Epoch table to use by default.
//!
//! This module only looks at files (names, bytes, row counts); it does not parse records into domain types.

use crate::locate::DataDir;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// What a dataset file is, from its folder and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DatasetKind {
    /// Epoch's full model table (`all_ml_systems_*.csv`, `all_ai_models*.csv`).
    EpochAllModels,
    EpochNotable,
    EpochLargeScale,
    EpochFrontier,
    /// Epoch's GPU-clusters table (`epoch_compute/gpu_clusters_*.csv`).
    EpochGpuClusters,
    /// Epoch's ML-hardware table (`epoch_compute/ml_hardware_*.csv`).
    EpochMlHardware,
    /// Author rows of ICML/NeurIPS/ICLR papers.
    Conferences,
    /// AI Index responsible-AI papers.
    AiIndexRai,
    /// GRID institution registry.
    Grid,
    /// World universities and domains.
    Universities,
    Other,
}

impl DatasetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DatasetKind::EpochAllModels => "epoch_all_models",
            DatasetKind::EpochNotable => "epoch_notable",
            DatasetKind::EpochLargeScale => "epoch_large_scale",
            DatasetKind::EpochFrontier => "epoch_frontier",
            DatasetKind::EpochGpuClusters => "epoch_gpu_clusters",
            DatasetKind::EpochMlHardware => "epoch_ml_hardware",
            DatasetKind::Conferences => "conferences",
            DatasetKind::AiIndexRai => "ai_index_rai",
            DatasetKind::Grid => "grid",
            DatasetKind::Universities => "universities",
            DatasetKind::Other => "other",
        }
    }

    pub fn is_epoch(self) -> bool {
        matches!(
            self,
            DatasetKind::EpochAllModels
                | DatasetKind::EpochNotable
                | DatasetKind::EpochLargeScale
                | DatasetKind::EpochFrontier
        )
    }
}

/// One dataset file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetInfo {
    pub path: PathBuf,
    pub kind: DatasetKind,
    /// The date in the file name (`YYYY-MM-DD`), if any.
    pub vintage: Option<String>,
    /// Data rows: CSV records after the header, or the length of a JSON array (0 for other files).
    pub rows: usize,
    /// Lower-case hex sha256 of the file's bytes (empty when the file cannot be read).
    pub sha256: String,
    /// Why the file cannot be read, when it cannot (not a regular file, permission ...): it is listed,
    /// never opened, and not counted or hashed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// What Epoch model table a file is, from its name alone: `all_ml_systems_*.csv` and `all_ai_models*.csv`
/// (the name `data pull` writes: `all_ai_models_<date>.csv`) are the full table; `notable*`,
/// `large_scale*` and `frontier*` the subsets. `None` for any other name. The one place that decides what
/// an Epoch table is: `data list`, `report`, `speccurve` and the adoption catalogue all ask it.
pub fn epoch_table_kind(path: &Path) -> Option<DatasetKind> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    if !name.ends_with(".csv") {
        return None;
    }
    let kinds = [
        ("all_ml_systems", DatasetKind::EpochAllModels),
        ("all_ai_models", DatasetKind::EpochAllModels),
        ("notable", DatasetKind::EpochNotable),
        ("large_scale", DatasetKind::EpochLargeScale),
        ("frontier", DatasetKind::EpochFrontier),
    ];
    kinds.iter().find(|(prefix, _)| name.starts_with(prefix)).map(|(_, kind)| *kind)
}

/// Whether a file is an Epoch all-models table (by name, [`epoch_table_kind`]).
pub fn is_all_models_table(path: &Path) -> bool {
    epoch_table_kind(path) == Some(DatasetKind::EpochAllModels)
}

/// Classify a file by the folder it sits in (relative to the data root) and its name.
pub fn kind_of(relative: &Path) -> DatasetKind {
    let folder = relative.parent().and_then(|p| p.components().next()).and_then(|c| c.as_os_str().to_str());
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let csv = name.ends_with(".csv");
    match folder {
        Some("epoch") => epoch_table_kind(relative).unwrap_or(DatasetKind::Other),
        Some("epoch_compute") if csv && name.starts_with("gpu_clusters") => DatasetKind::EpochGpuClusters,
        Some("epoch_compute") if csv && name.starts_with("ml_hardware") => DatasetKind::EpochMlHardware,
        Some("conferences") if csv => DatasetKind::Conferences,
        Some("ai_index_rai") if csv => DatasetKind::AiIndexRai,
        Some("grid") if csv => DatasetKind::Grid,
        Some("universities") if name.ends_with(".json") => DatasetKind::Universities,
        _ => DatasetKind::Other,
    }
}

/// The first `YYYY-MM-DD` in a file name (with a real month and day).
pub fn vintage_of(file_name: &str) -> Option<String> {
    let b = file_name.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let s = &b[i..i + 10];
        let digits = |r: std::ops::Range<usize>| s[r].iter().all(u8::is_ascii_digit);
        let boundary_ok = i == 0 || !b[i - 1].is_ascii_digit();
        let after_ok = !matches!(b.get(i + 10), Some(c) if c.is_ascii_digit());
        if boundary_ok
            && after_ok
            && digits(0..4)
            && s[4] == b'-'
            && digits(5..7)
            && s[7] == b'-'
            && digits(8..10)
        {
            let text = std::str::from_utf8(s).ok()?;
            cd_domain::PubDate::parse(text).map(|_| text.to_string())
        } else {
            None
        }
    })
}

/// Files that are bookkeeping, not data.
fn is_bookkeeping(name: &str) -> bool {
    name.starts_with('.')
        || name == "SHA256SUMS"
        || name.ends_with(".part")
        || name.eq_ignore_ascii_case("README.md")
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if is_bookkeeping(name) {
            continue;
        }
        if p.is_dir() {
            if depth < 2 {
                walk(&p, depth + 1, out);
            }
        } else {
            out.push(p);
        }
    }
}

/// sha256 of a file, hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut f = crate::open_regular(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex(&h.finalize()))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Data rows of a file: CSV records after the header (blank lines skipped), JSON array length.
fn count_rows(path: &Path) -> usize {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    if name.ends_with(".csv") {
        let Ok(mut r) = crate::open_regular(path)
            .map(|f| csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(f))
        else {
            return 0;
        };
        let mut rec = csv::ByteRecord::new();
        let mut n = 0;
        while let Ok(true) = r.read_byte_record(&mut rec) {
            n += 1;
        }
        n
    } else if name.ends_with(".json") {
        crate::read_regular(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| v.as_array().map(|a| a.len()))
            .unwrap_or(0)
    } else {
        0
    }
}

/// Every dataset file under the data folder (its files and two levels of subfolders), sorted by path.
/// Bookkeeping files (`SHA256SUMS`, `*.part`, hidden files, README.md) are left out. Unreadable files
/// are listed with an empty sha256.
pub fn list(dir: &DataDir) -> Vec<DatasetInfo> {
    let mut files = Vec::new();
    walk(&dir.root, 0, &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&dir.root).unwrap_or(&path).to_path_buf();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let (rows, sha256, problem) = match sha256_file(&path) {
                Ok(sha) => (count_rows(&path), sha, None),
                Err(e) => (0, String::new(), Some(e.to_string())),
            };
            DatasetInfo { kind: kind_of(&relative), vintage: vintage_of(name), rows, sha256, problem, path }
        })
        .collect()
}

/// Epoch files of the folder with kind and vintage (no hashing or counting).
fn epoch_files(dir: &DataDir) -> Vec<(PathBuf, DatasetKind, Option<String>)> {
    let mut files = Vec::new();
    walk(&dir.epoch(), 1, &mut files);
    files
        .into_iter()
        .filter_map(|p| {
            let relative = p.strip_prefix(&dir.root).ok()?.to_path_buf();
            let kind = kind_of(&relative);
            let vintage = vintage_of(p.file_name()?.to_str()?);
            kind.is_epoch().then_some((p, kind, vintage))
        })
        .collect()
}

/// The Epoch tables of the folder (kinds that are `is_epoch`, `Other` left out) with kind and vintage:
/// the files [`list`] gives for them, in the same order, without hashing or counting rows.
pub fn epoch_tables(dir: &DataDir) -> Vec<(PathBuf, DatasetKind, Option<String>)> {
    epoch_files(dir).into_iter().filter(|(_, k, _)| *k != DatasetKind::Other).collect()
}

/// Every Epoch table of the folder, oldest vintage first (ties by path; undated files first): the tables
/// of the adoption catalogue, where a newer vintage's row wins.
pub fn epoch_tables_by_vintage(dir: &DataDir) -> Vec<PathBuf> {
    let mut files: Vec<(Option<String>, PathBuf)> =
        epoch_tables(dir).into_iter().map(|(path, _, vintage)| (vintage, path)).collect();
    files.sort();
    files.into_iter().map(|(_, p)| p).collect()
}

/// The Epoch all-models tables of the folder (every vintage, [`is_all_models_table`]), sorted by path:
/// the vintages of the specification curve.
pub fn all_models_tables(dir: &DataDir) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = epoch_files(dir)
        .into_iter()
        .filter(|(_, k, _)| *k == DatasetKind::EpochAllModels)
        .map(|(p, _, _)| p)
        .collect();
    v.sort();
    v
}

/// The all-models table with the latest vintage (the default input of `models` and the analyses). Among
/// equal vintages the last path wins; files without a date in their name come before any dated file.
pub fn newest_all_models(dir: &DataDir) -> Option<PathBuf> {
    epoch_files(dir)
        .into_iter()
        .filter(|(_, k, _)| *k == DatasetKind::EpochAllModels)
        .max_by(|a, b| (&a.2, &a.0).cmp(&(&b.2, &b.0)))
        .map(|(p, _, _)| p)
}

/// Find an Epoch table by vintage or name. `query` may be
/// - a file name or stem (`notable_ai_models_2025-12-02`): that file;
/// - a date or date prefix (`2023-12-14`, `2024-02`, `2025`): the file whose vintage starts with it,
///   preferring the all-models table over notable, large-scale and frontier, and the newest vintage
///   among several matches.
pub fn find_vintage(dir: &DataDir, query: &str) -> Option<PathBuf> {
    let q = query.trim();
    if q.is_empty() {
        return None;
    }
    let files = epoch_files(dir);
    let by_name = files.iter().find(|(p, _, _)| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name == q || name.strip_suffix(".csv") == Some(q)
    });
    if let Some((p, _, _)) = by_name {
        return Some(p.clone());
    }
    files
        .iter()
        .filter(|(_, _, v)| v.as_deref().is_some_and(|v| v.starts_with(q)))
        // Prefer all-models (smallest kind), then the newest vintage, then the last path.
        .max_by(|a, b| (std::cmp::Reverse(a.1), &a.2, &a.0).cmp(&(std::cmp::Reverse(b.1), &b.2, &b.0)))
        .map(|(p, _, _)| p.clone())
}

// ------------------------------------------------------------------------------------------------
// Provenance: what the report lists for each input

pub use cd_domain::Provenance;

/// A file that could not be hashed for its provenance.
#[derive(Debug, thiserror::Error)]
#[error("cannot hash {path}: {source}")]
pub struct HashError {
    pub path: String,
    pub source: std::io::Error,
}

fn hash(path: &Path) -> Result<String, HashError> {
    sha256_file(path).map_err(|source| HashError { path: path.display().to_string(), source })
}

/// The sha256 of a folder's listing: the lines `<sha256>  <path below root>` of `files` in order, as
/// `sha256sum` prints them.
fn listing_sha256(root: &Path, files: &[PathBuf]) -> Result<String, HashError> {
    let mut listing = String::new();
    for f in files {
        listing.push_str(&format!("{}  {}\n", hash(f)?, f.strip_prefix(root).unwrap_or(f).display()));
    }
    Ok(hex(&Sha256::digest(listing.as_bytes())))
}

/// Provenance of each kind of input (the shared `cd_domain::Provenance` filled from the data folder).
pub mod provenance {
    use super::*;

    fn new(
        dir: &DataDir,
        path: &Path,
        name: String,
        vintage: &str,
        sha256: String,
        credit: &str,
    ) -> Provenance {
        Provenance {
            name,
            path: path.strip_prefix(&dir.root).unwrap_or(path).to_string_lossy().replace('\\', "/"),
            vintage: vintage.to_string(),
            sha256,
            rows_read: 0,
            rows_loaded: 0,
            rows_rejected: 0,
            credit: credit.to_string(),
            dropped_values: Vec::new(),
        }
    }

    /// An Epoch table (`what`: its use in the report, e.g. `analysed table`), hashed by the caller.
    pub fn epoch(
        dir: &DataDir,
        path: &Path,
        sha256: &str,
        report: &cd_domain::ReadReport,
        what: &str,
    ) -> Provenance {
        let vintage = path.file_name().and_then(|n| n.to_str()).and_then(vintage_of);
        let credit = "Epoch AI, \u{201c}Data on AI Models\u{201d} (epoch.ai/data/ai-models), CC BY 4.0. Credit: Epoch AI.";
        let name = format!("Epoch AI, Data on AI Models ({what})");
        new(dir, path, name, vintage.as_deref().unwrap_or("unknown"), sha256.to_string(), credit)
            .with_rows(report)
    }

    /// One of Epoch's compute tables (`epoch_compute/`: GPU clusters or ML hardware), hashed here.
    pub fn epoch_compute(
        dir: &DataDir,
        path: &Path,
        report: &cd_domain::ReadReport,
        what: &str,
    ) -> Result<Provenance, HashError> {
        let vintage = path
            .file_stem()
            .and_then(|n| n.to_str())
            .and_then(|n| n.rsplit('_').next())
            .unwrap_or("unknown")
            .to_string();
        let credit = "Epoch AI, \u{201c}Data on GPU Clusters\u{201d} and \u{201c}Data on Machine Learning \
                      Hardware\u{201d} (epoch.ai/data), CC BY 4.0. Credit: Epoch AI.";
        let name = format!("Epoch AI, {what}");
        Ok(new(dir, path, name, &vintage, hash(path)?, credit).with_rows(report))
    }

    /// The GRID registry (`grid/grid.csv`) with the accounting of reading it.
    pub fn grid(dir: &DataDir, report: &cd_domain::ReadReport) -> Result<Provenance, HashError> {
        let path = dir.grid().join("grid.csv");
        let name = "GRID, Global Research Identifier Database (institution registry)".to_string();
        let credit = "GRID release 2016-01-25, Digital Science, CC BY (doi:10.6084/m9.figshare.2067321.v1).";
        Ok(new(dir, &path, name, "2016-01-25", hash(&path)?, credit).with_rows(report))
    }

    /// The world universities list with the accounting of reading it.
    pub fn universities(dir: &DataDir, report: &cd_domain::ReadReport) -> Result<Provenance, HashError> {
        let path = dir.universities().join("world_universities_and_domains.json");
        let name = "World universities and domains (institution list)".to_string();
        let credit = "Hipo, university-domains-list (github.com/Hipo/university-domains-list), MIT licence.";
        Ok(new(dir, &path, name, "as shipped", hash(&path)?, credit).with_rows(report))
    }

    /// The shipped paper files with the accounting of reading each: the Paper Copilot folder (when it
    /// has files) and the AI Index folder each as one source (the sha256 of its listing, in path order),
    /// and the conference list.
    pub fn shipped_papers(
        dir: &DataDir,
        papercopilot: &cd_domain::ReadReport,
        conferences: &cd_domain::ReadReport,
        ai_index: &cd_domain::ReadReport,
    ) -> Result<Vec<Provenance>, HashError> {
        use crate::papers::{aiindex, conference, papercopilot as pc};
        let mut out = Vec::new();
        let (root, pc_files) = (dir.papercopilot(), pc::list_files(&dir.papercopilot()));
        if !pc_files.is_empty() {
            let name = format!(
                "Paper Copilot paper lists, {} files (publications, topics, review outcomes, citations)",
                pc_files.len()
            );
            let credit = "Paper Copilot, paperlists (github.com/papercopilot/paperlists); research use.";
            let sha = listing_sha256(&root, &pc_files)?;
            out.push(
                new(dir, &root, name, "paperlists, commits in VERSIONS.tsv", sha, credit)
                    .with_rows(papercopilot),
            );
        }
        let conf = dir.conferences().join(conference::SHIPPED_FILE);
        let name = "NeurIPS, ICML and ICLR author list (paper teams; publications and topics)".to_string();
        let credit =
            "Paper dataset from ICML, NeurIPS and ICLR (github.com/martenlienen/icml-nips-iclr-dataset).";
        out.push(new(dir, &conf, name, "2019-08-17", hash(&conf)?, credit).with_rows(conferences));
        let ai = dir.ai_index_rai();
        let name =
            "Stanford AI Index 2024 and 2025, responsible-AI papers 2018\u{2013}2024 (topics, adoption, scrutiny)".to_string();
        let credit =
            "Stanford HAI, AI Index Reports 2024 and 2025 (github.com/andrewcshi/AI-Index-Report-2024, \
                      github.com/andrewcshi/ai-index-2025).";
        let sha = listing_sha256(&ai, &aiindex::list_ai_index_files(&ai))?;
        out.push(new(dir, &ai, name, "AI Index 2024 and 2025", sha, credit).with_rows(ai_index));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vintages_from_names() {
        assert_eq!(vintage_of("all_ml_systems_2023-12-14.csv").as_deref(), Some("2023-12-14"));
        assert_eq!(vintage_of("icml_neurips_iclr_authors_2006-2019.csv"), None);
        assert_eq!(vintage_of("x_2023-13-01.csv"), None);
        assert_eq!(vintage_of("aaai2019.csv"), None);
        assert_eq!(vintage_of("2025-08-07"), Some("2025-08-07".into()));
    }

    #[test]
    fn kinds_from_paths() {
        assert_eq!(kind_of(Path::new("epoch/all_ml_systems_2023-12-14.csv")), DatasetKind::EpochAllModels);
        assert_eq!(kind_of(Path::new("epoch/all_ai_models.csv")), DatasetKind::EpochAllModels);
        assert_eq!(kind_of(Path::new("epoch/frontier_ai_models.csv")), DatasetKind::EpochFrontier);
        assert_eq!(kind_of(Path::new("epoch/ml_hardware.csv")), DatasetKind::Other);
        assert_eq!(kind_of(Path::new("grid/types.csv")), DatasetKind::Grid);
        assert_eq!(
            kind_of(Path::new("universities/world_universities_and_domains.json")),
            DatasetKind::Universities
        );
        assert_eq!(kind_of(Path::new("notes.txt")), DatasetKind::Other);
    }

    #[test]
    fn epoch_tables_by_name_include_what_data_pull_writes() {
        // `data pull` unpacks all_ai_models.csv as all_ai_models_<date>.csv.
        for name in ["all_ai_models_2025-12-02.csv", "all_ml_systems_2023-12-14.csv", "ALL_AI_MODELS.CSV"] {
            assert!(is_all_models_table(Path::new(name)), "{name}");
        }
        assert_eq!(
            epoch_table_kind(Path::new("x/notable_ai_models_2025-12-02.csv")),
            Some(DatasetKind::EpochNotable)
        );
        assert_eq!(
            epoch_table_kind(Path::new("large_scale_ai_models.csv")),
            Some(DatasetKind::EpochLargeScale)
        );
        assert_eq!(epoch_table_kind(Path::new("all_ai_models_2025-12-02.zip")), None);
        assert_eq!(epoch_table_kind(Path::new("ml_hardware.csv")), None);
        let tmp = tempfile::tempdir().unwrap();
        let epoch = tmp.path().join("epoch");
        std::fs::create_dir_all(&epoch).unwrap();
        for name in
            ["all_ai_models_2025-12-02.csv", "all_ml_systems_2023-12-14.csv", "frontier_ai_models.csv"]
        {
            std::fs::write(epoch.join(name), "System\n").unwrap();
        }
        let dir = DataDir { root: tmp.path().to_path_buf() };
        let names: Vec<String> = all_models_tables(&dir)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["all_ai_models_2025-12-02.csv", "all_ml_systems_2023-12-14.csv"]);
        assert!(newest_all_models(&dir).unwrap().ends_with("all_ai_models_2025-12-02.csv"));
    }
}
