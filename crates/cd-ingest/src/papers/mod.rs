//! Paper readers: every source of papers with author affiliations becomes `Vec<cd_domain::Paper>` plus a
//! `ReadReport`.
//!
//! Every source implements [`PaperSource`] (recognise a path, read it into papers with their read
//! reports) and has one line in the registry [`SOURCES`] (`source.rs`), which `--input-format auto` and
//! the named formats go through. Sources and their modules:
//! - [`conference`]: the ICML / NeurIPS / ICLR author list (one row per author, grouped into papers);
//! - [`aiindex`]: the AI Index 2024 responsible-AI CSVs (Python-list literals, varying column names,
//!   Windows-1252 files);
//! - [`openalex`]: OpenAlex works snapshots (JSON Lines, plain or gzip, many files, in parallel);
//! - [`generic`]: the documented generic CSV for users' own data;
//! - [`papercopilot`]: Paper Copilot's paper lists (JSON arrays per venue and year, plain or gzip; a file,
//!   a venue folder or a whole clone), with e-mail domains, positions, review outcomes and citations;
//! - [`openalex_api`]: the OpenAlex API client for targeted pulls into a snapshot-shaped `.jsonl.gz`.
//!
//! Readers only read: every affiliation leaves here as [`Affiliation::unclassified`] (except OpenAlex
//! institutions whose registry `type` already names a sector), and `Paper::team` is `None`. The sector
//! classifier and the team rule live in `cd-classify` (`paper.rs`). This module must not classify strings,
//! decide teams or analyse anything.
//!
//! Row accounting follows `cd_domain::ReadReport`: for the per-author conference and generic CSVs a row is
//! an author row; for the AI Index CSVs a row is a paper; for OpenAlex a row is a line (a work).

pub mod aiindex;
pub mod conference;
pub mod generic;
pub mod openalex;
pub mod openalex_api;
pub mod papercopilot;
pub mod pylist;
pub mod source;

pub use source::{detect_source, read_papers, source_named, PaperSource, Probe, SourceRead, SOURCES};

use crate::locate::DataDir;
use cd_domain::{Affiliation, Paper, ReadReport};
use std::path::{Path, PathBuf};

/// Papers read from one or more files, with the merged row accounting. Topics a source assigned travel
/// on each paper (`Paper::source_topics`).
#[derive(Debug, Clone, Default)]
pub struct PaperTable {
    pub papers: Vec<Paper>,
    pub report: ReadReport,
}

/// A file that could not be read at all (missing, unreadable, without the columns the format needs).
/// Problems with single rows are rejections in the `ReadReport`, not errors.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    #[error("{file}: cannot open: {source}")]
    Open { file: String, source: std::io::Error },
    #[error("{file}: cannot read: {source}")]
    Io { file: String, source: std::io::Error },
    #[error("{file}: {message}")]
    Format { file: String, message: String },
}

impl PaperError {
    pub(crate) fn format(file: &Path, message: impl Into<String>) -> PaperError {
        PaperError::Format { file: file.display().to_string(), message: message.into() }
    }
}

pub(crate) fn open(path: &Path) -> Result<std::fs::File, PaperError> {
    crate::open_regular(path).map_err(|source| PaperError::Open { file: path.display().to_string(), source })
}

/// The shipped paper data: the Paper Copilot folder (when present), the conference author list and every
/// AI Index CSV (sorted by name), in the order of `cd_analysis::corpus::SOURCE_PRECEDENCE`.
pub fn shipped_paper_files(data: &DataDir) -> Vec<(PathBuf, &'static dyn PaperSource)> {
    let mut out: Vec<(PathBuf, &'static dyn PaperSource)> = Vec::new();
    let pc = data.papercopilot();
    if !papercopilot::list_files(&pc).is_empty() {
        out.push((pc, &papercopilot::PaperCopilot));
    }
    let conf = data.conferences().join(conference::SHIPPED_FILE);
    if conf.is_file() {
        out.push((conf, &conference::Conference));
    }
    for f in aiindex::list_ai_index_files(&data.ai_index_rai()) {
        out.push((f, &aiindex::AiIndex));
    }
    out
}

/// Read the shipped conference and AI Index data.
pub fn read_shipped_papers(data: &DataDir) -> Result<PaperTable, PaperError> {
    let files = shipped_paper_files(data);
    if files.is_empty() {
        return Err(PaperError::Format {
            file: data.root.display().to_string(),
            message: "no conference or AI Index paper files in this data folder".into(),
        });
    }
    let mut parts = Vec::new();
    let mut papers = Vec::new();
    for (path, source) in &files {
        let t = read_papers(std::slice::from_ref(path), Some(*source), &openalex::ReadOptions::default())?;
        papers.extend(t.papers);
        parts.push(t.report);
    }
    Ok(PaperTable { papers, report: ReadReport::merge("shipped paper data", &parts) })
}

/// An affiliation cell as the sources write it: empty, `None`, `null`, `nan` mean unknown.
/// Advance to the next well-formed record of a paper CSV and count its 1-based data row. Malformed
/// records are rejected in `report` with their row and skipped, so that one bad line never stops a read.
/// Returns false at the end of the file.
pub(crate) fn next_record<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    record: &mut csv::StringRecord,
    row: &mut usize,
    report: &mut ReadReport,
) -> bool {
    loop {
        *row += 1;
        match rdr.read_record(record) {
            Ok(more) => return more,
            Err(e) => report.reject(*row, "", format!("malformed CSV record: {e}")),
        }
    }
}

pub(crate) fn affiliation_cell(raw: &str) -> Option<Affiliation> {
    let t = raw.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("none") || t.eq_ignore_ascii_case("null") || t == "nan" {
        None
    } else {
        Some(Affiliation::unclassified(t))
    }
}

/// Conference names as the study writes them (NIPS became NeurIPS in 2018).
pub fn canonical_venue(raw: &str) -> String {
    match raw.trim().to_ascii_lowercase().as_str() {
        "nips" | "neurips" => "NeurIPS".into(),
        "icml" => "ICML".into(),
        "iclr" => "ICLR".into(),
        "aaai" => "AAAI".into(),
        "aies" => "AIES".into(),
        "facct" | "fat*" | "fat" => "FAccT".into(),
        _ => raw.trim().to_string(),
    }
}
