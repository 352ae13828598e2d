//! Reader of the generic paper CSV, for users' own data.
//!
//! # Format
//! UTF-8 CSV with a header row and these columns, in any order (case-insensitive names; extra columns are
//! ignored and listed in the report notes):
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `paper_id` | yes | identifier of the paper; rows with the same id are authors of one paper |
//! | `year` | no | publication year (integer); empty = unknown |
//! | `venue` | no | conference or journal |
//! | `title` | yes (first row of a paper) | title |
//! | `abstract` | no | abstract text |
//! | `author` | no | author name (may be empty) |
//! | `affiliation` | no | the author's affiliation as free text; several institutions of one author are separated by ` ; ` or `\|`; empty, `None` or `null` = unknown sector |
//!
//! One row per author. A paper with no author rows (a row with empty `author` and `affiliation`) is
//! allowed. Paper-level fields are taken from the paper's first row; later rows that disagree are noted.
//! Rejected: rows without `paper_id`, rows whose `year` is not an integer.

use super::{affiliation_cell, next_record, open, PaperError, PaperTable};
use cd_domain::{Authorship, Paper, ReadReport};
use std::collections::HashMap;
use std::path::Path;

pub const COLUMNS: [&str; 7] = ["paper_id", "year", "venue", "title", "abstract", "author", "affiliation"];

/// Read a generic paper CSV.
pub fn read_generic_csv(path: &Path) -> Result<PaperTable, PaperError> {
    read_generic_from(path, open(path)?)
}

/// Read a generic paper CSV from `input`; `path` names it in the report and errors (the fuzz target
/// reads from memory).
pub fn read_generic_from(path: &Path, input: impl std::io::Read) -> Result<PaperTable, PaperError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers =
        rdr.headers().map_err(|e| PaperError::format(path, format!("row 0 (header): {e}")))?.clone();
    let find = |want: &str| {
        headers.iter().position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(want))
    };
    let idx: Vec<Option<usize>> = COLUMNS.iter().map(|c| find(c)).collect();
    if idx[0].is_none() {
        return Err(PaperError::format(
            path,
            format!("row 0 (header), field 'paper_id': column missing; expected {}", COLUMNS.join(",")),
        ));
    }
    let mut report = ReadReport::new(path.display().to_string());
    let extra: Vec<&str> = headers
        .iter()
        .filter(|h| !COLUMNS.iter().any(|c| h.trim().eq_ignore_ascii_case(c)))
        .filter(|h| !h.trim().is_empty())
        .collect();
    if !extra.is_empty() {
        report.note(format!("ignored columns: {}", extra.join(", ")));
    }
    let mut papers: Vec<Paper> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut disagreements = 0usize;
    let mut record = csv::StringRecord::new();
    let mut row = 0usize;
    while next_record(&mut rdr, &mut record, &mut row, &mut report) {
        let get = |k: usize| idx[k].and_then(|i| record.get(i)).unwrap_or("").trim();
        let id = get(0);
        if id.is_empty() {
            report.reject(row, "paper_id", "empty; every row needs the id of its paper");
            continue;
        }
        let year = match get(1) {
            "" => None,
            y => match y.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    report.reject(row, "year", format!("'{y}' is not an integer year"));
                    continue;
                }
            },
        };
        let at = match by_id.get(id) {
            Some(&at) => {
                let p = &papers[at];
                if p.year != year || p.venue != get(2) || (!get(3).is_empty() && p.title != get(3)) {
                    disagreements += 1;
                }
                at
            }
            None => {
                let abstract_text = Some(get(4).to_string()).filter(|a| !a.is_empty());
                papers.push(Paper {
                    paper_id: id.to_string(),
                    year,
                    venue: get(2).to_string(),
                    title: get(3).to_string(),
                    abstract_text,
                    keywords: Vec::new(),
                    authors: Vec::new(),
                    team: None,
                    source: "generic".into(),
                    status: Default::default(),
                    status_label: None,
                    citations: None,
                    alignment: Default::default(),
                    source_topics: Vec::new(),
                    team_variants: Vec::new(),
                });
                by_id.insert(id.to_string(), papers.len() - 1);
                papers.len() - 1
            }
        };
        let (author, aff) = (get(5), get(6));
        if !author.is_empty() || !aff.is_empty() {
            let affiliations = aff.split(['|', ';']).filter_map(affiliation_cell).collect::<Vec<_>>();
            papers[at].authors.push(Authorship::new(author.to_string(), affiliations));
        }
        report.loaded();
    }
    if disagreements > 0 {
        report.note(format!(
            "{disagreements} rows disagree with their paper's first row on year, venue or title; the first \
             row's values are kept"
        ));
    }
    Ok(PaperTable { papers, report })
}

/// The documented generic CSV for users' own data: a CSV with a `paper_id` column.
pub struct Generic;

impl super::source::PaperSource for Generic {
    fn name(&self) -> &'static str {
        "generic"
    }

    fn recognise(&self, probe: &super::source::Probe) -> bool {
        probe.has_column("paper_id")
    }

    fn read(
        &self,
        paths: &[std::path::PathBuf],
        _opts: &super::openalex::ReadOptions,
    ) -> Result<super::source::SourceRead, PaperError> {
        super::source::read_each(paths, read_generic_csv)
    }
}
