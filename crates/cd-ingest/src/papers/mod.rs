//! Paper readers: every source of papers with author affiliations becomes `Vec<cd_domain::Paper>` plus a
//! `ReadReport`.
//!
//! Sources and their modules:
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

use crate::locate::DataDir;
use cd_domain::{Affiliation, Paper, ReadReport};
use std::path::{Path, PathBuf};

/// Papers read from one or more files, with the merged row accounting.
#[derive(Debug, Clone, Default)]
pub struct PaperTable {
    pub papers: Vec<Paper>,
    pub report: ReadReport,
    /// OpenAlex's topics (primary first) of each paper read from an OpenAlex snapshot, by index into
    /// `papers`; papers from other sources have none. Shorter than `papers` when the last papers have
    /// none: read it through `openalex_topics_of`.
    pub openalex_topics: Vec<Vec<openalex::WorkTopic>>,
}

impl PaperTable {
    /// OpenAlex's topics of paper `i` (primary topic first), empty for papers from other sources.
    pub fn openalex_topics_of(&self, i: usize) -> &[openalex::WorkTopic] {
        self.openalex_topics.get(i).map_or(&[], |t| t.as_slice())
    }
}

/// Which reader a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaperFormat {
    Conference,
    AiIndex,
    OpenAlex,
    Generic,
    PaperCopilot,
}

impl PaperFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            PaperFormat::Conference => "conference",
            PaperFormat::AiIndex => "aiindex",
            PaperFormat::OpenAlex => "openalex",
            PaperFormat::Generic => "generic",
            PaperFormat::PaperCopilot => "papercopilot",
        }
    }

    pub fn parse(s: &str) -> Option<PaperFormat> {
        [
            PaperFormat::Conference,
            PaperFormat::AiIndex,
            PaperFormat::OpenAlex,
            PaperFormat::Generic,
            PaperFormat::PaperCopilot,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }
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
    std::fs::File::open(path).map_err(|source| PaperError::Open { file: path.display().to_string(), source })
}

/// Guess the format from the file name and header: a folder, or a `<venue><year>.json[.gz]` file holding
/// a JSON array, is Paper Copilot; other `.jsonl`/`.json`/`.gz` files are OpenAlex; CSVs by their header
/// (`Conference,Year,Title,Author,Affiliation`; `author_names`; `paper_id`).
pub fn detect_format(path: &Path) -> Result<PaperFormat, PaperError> {
    if path.is_dir() {
        return Ok(PaperFormat::PaperCopilot);
    }
    if papercopilot::looks_like_papercopilot(path) {
        return Ok(PaperFormat::PaperCopilot);
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    if name.ends_with(".jsonl") || name.ends_with(".json") || name.ends_with(".gz") {
        return Ok(PaperFormat::OpenAlex);
    }
    use std::io::BufRead;
    let mut first = Vec::new();
    std::io::BufReader::new(open(path)?)
        .read_until(b'\n', &mut first)
        .map_err(|source| PaperError::Io { file: path.display().to_string(), source })?;
    let header = String::from_utf8_lossy(&first).to_ascii_lowercase();
    let cols: Vec<&str> = header.trim().trim_start_matches('\u{feff}').split(',').map(str::trim).collect();
    if cols.contains(&"conference") && cols.contains(&"affiliation") {
        Ok(PaperFormat::Conference)
    } else if cols.contains(&"author_names") {
        Ok(PaperFormat::AiIndex)
    } else if cols.contains(&"paper_id") {
        Ok(PaperFormat::Generic)
    } else {
        Err(PaperError::format(
            path,
            format!(
                "cannot tell the format from the header '{}'; pass --input-format \
                 conference|aiindex|openalex|generic|papercopilot",
                header.trim()
            ),
        ))
    }
}

/// Read files of one format (or each file's detected format when `format` is `None`). OpenAlex files are
/// read in parallel with `opts` (progress bar, sectors of facility and healthcare institutions). Papers keep the order of the files given.
pub fn read_papers(
    paths: &[PathBuf],
    format: Option<PaperFormat>,
    opts: &openalex::ReadOptions,
) -> Result<PaperTable, PaperError> {
    let mut parts = Vec::new();
    let mut papers = Vec::new();
    let mut openalex_files = Vec::new();
    for path in paths {
        let f = match format {
            Some(f) => f,
            None => detect_format(path)?,
        };
        let table = match f {
            PaperFormat::Conference => conference::read_conference_csv(path)?,
            PaperFormat::AiIndex => aiindex::read_ai_index_csv(path)?,
            PaperFormat::Generic => generic::read_generic_csv(path)?,
            PaperFormat::PaperCopilot => papercopilot::read_papercopilot(path)?,
            PaperFormat::OpenAlex => {
                openalex_files.push(path.clone());
                continue;
            }
        };
        papers.extend(table.papers);
        parts.push(table.report);
    }
    let mut openalex_topics = Vec::new();
    if !openalex_files.is_empty() {
        let read = openalex::read_openalex(&openalex_files, opts)?;
        openalex_topics.resize(papers.len(), Vec::new());
        for w in read.works {
            let mut topics: Vec<openalex::WorkTopic> = w.primary_topic.iter().cloned().collect();
            topics.extend(w.topics.into_iter().filter(|t| Some(t) != w.primary_topic.as_ref()));
            openalex_topics.push(topics);
            papers.push(w.paper);
        }
        parts.extend(read.reports);
    }
    let name =
        if paths.len() == 1 { paths[0].display().to_string() } else { format!("{} files", paths.len()) };
    let report = if parts.len() == 1 { parts.pop().unwrap() } else { ReadReport::merge(name, &parts) };
    Ok(PaperTable { papers, report, openalex_topics })
}

/// The shipped paper data: the Paper Copilot folder (when present), the conference author list and every
/// AI Index CSV (sorted by name), in the order of `cd_analysis::corpus::SOURCE_PRECEDENCE`.
pub fn shipped_paper_files(data: &DataDir) -> Vec<(PathBuf, PaperFormat)> {
    let mut out = Vec::new();
    let pc = data.papercopilot();
    if !papercopilot::list_files(&pc).is_empty() {
        out.push((pc, PaperFormat::PaperCopilot));
    }
    let conf = data.conferences().join(conference::SHIPPED_FILE);
    if conf.is_file() {
        out.push((conf, PaperFormat::Conference));
    }
    for f in aiindex::list_ai_index_files(&data.ai_index_rai()) {
        out.push((f, PaperFormat::AiIndex));
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
    for (path, format) in &files {
        let t = read_papers(std::slice::from_ref(path), Some(*format), &openalex::ReadOptions::default())?;
        papers.extend(t.papers);
        parts.push(t.report);
    }
    Ok(PaperTable {
        papers,
        report: ReadReport::merge("shipped paper data", &parts),
        openalex_topics: Vec::new(),
    })
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
