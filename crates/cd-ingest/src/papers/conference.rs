//! Reader of the conference author list (`conferences/icml_neurips_iclr_authors_2006-2019.csv`).
//!
//! Format: `Conference,Year,Title,Author,Affiliation`, one row per author. Rows are grouped into papers by
//! (Conference, Year, Title) in order of first appearance; paper ids are `{venue}-{year}-{n:04}` with `n`
//! counting papers within the venue-year. `NIPS` is written `NeurIPS`. An empty or literal `None`
//! affiliation is an author of unknown sector (loaded, counted in the notes), never a rejection. An empty
//! `Author` with a usable paper is kept as an unnamed author (the ICLR 2018 scrape has ten). Rejected:
//! rows without a conference or title, and rows whose year is not a number.
//!
//! Streaming: one record at a time; memory grows with the number of papers, not the file.

use super::{affiliation_cell, canonical_venue, next_record, open, PaperError, PaperTable};
use cd_domain::{Authorship, Paper, ReadReport};
use std::collections::HashMap;
use std::path::Path;

/// File name of the shipped author list inside `conferences/`.
pub const SHIPPED_FILE: &str = "icml_neurips_iclr_authors_2006-2019.csv";

const COLUMNS: [&str; 5] = ["Conference", "Year", "Title", "Author", "Affiliation"];

/// Read a conference author list.
pub fn read_conference_csv(path: &Path) -> Result<PaperTable, PaperError> {
    read_conference_from(path, open(path)?)
}

/// Read a conference author list from `input`; `path` names it in the report and errors (the fuzz
/// target reads from memory).
pub fn read_conference_from(path: &Path, input: impl std::io::Read) -> Result<PaperTable, PaperError> {
    let file_name = path.display().to_string();
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers =
        rdr.headers().map_err(|e| PaperError::format(path, format!("row 0 (header): {e}")))?.clone();
    let mut idx = [0usize; 5];
    for (k, want) in COLUMNS.iter().enumerate() {
        idx[k] = headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(want))
            .ok_or_else(|| {
                PaperError::format(
                    path,
                    format!("row 0 (header), field '{want}': column missing; expected {}", COLUMNS.join(",")),
                )
            })?;
    }
    let mut report = ReadReport::new(file_name);
    let mut papers: Vec<Paper> = Vec::new();
    let mut by_key: HashMap<(String, i32, String), usize> = HashMap::new();
    let mut per_venue_year: HashMap<(String, i32), usize> = HashMap::new();
    let (mut empty_aff, mut none_aff, mut unnamed) = (0usize, 0usize, 0usize);
    let mut record = csv::StringRecord::new();
    let mut row = 0usize;
    while next_record(&mut rdr, &mut record, &mut row, &mut report) {
        let get = |k: usize| record.get(idx[k]).unwrap_or("").trim();
        let (conf, year_text, title, author, aff) = (get(0), get(1), get(2), get(3), get(4));
        if conf.is_empty() {
            report.reject(row, "Conference", "empty; expected a conference name such as ICML");
            continue;
        }
        let Ok(year) = year_text.parse::<i32>() else {
            report.reject(row, "Year", format!("'{year_text}' is not a year"));
            continue;
        };
        if title.is_empty() {
            report.reject(row, "Title", "empty; a paper needs a title to group its authors");
            continue;
        }
        let venue = canonical_venue(conf);
        let key = (venue.clone(), year, title.to_string());
        let at = *by_key.entry(key).or_insert_with(|| {
            let n = per_venue_year.entry((venue.clone(), year)).or_insert(0);
            *n += 1;
            papers.push(Paper {
                paper_id: format!("{venue}-{year}-{:04}", *n),
                year: Some(year),
                venue: venue.clone(),
                title: title.to_string(),
                abstract_text: None,
                keywords: Vec::new(),
                authors: Vec::new(),
                team: None,
                source: "conference".into(),
                status: Default::default(),
                status_label: None,
                citations: None,
                alignment: Default::default(),
                source_topics: Vec::new(),
                team_variants: Vec::new(),
            });
            papers.len() - 1
        });
        let affiliation = affiliation_cell(aff);
        if affiliation.is_none() {
            if aff.is_empty() {
                empty_aff += 1;
            } else {
                none_aff += 1;
            }
        }
        if author.is_empty() {
            unnamed += 1;
        }
        papers[at].authors.push(Authorship::new(author.to_string(), affiliation.into_iter().collect()));
        report.loaded();
    }
    report.note(format!(
        "{} papers from {} author rows; {empty_aff} empty and {none_aff} 'None' affiliations (unknown \
         sector); {unnamed} rows without an author name kept as unnamed authors",
        papers.len(),
        report.rows_loaded
    ));
    Ok(PaperTable { papers, report })
}

/// The ICML / NeurIPS / ICLR author list: a CSV with `Conference` and `Affiliation` columns.
pub struct Conference;

impl super::source::PaperSource for Conference {
    fn name(&self) -> &'static str {
        "conference"
    }

    fn recognise(&self, probe: &super::source::Probe) -> bool {
        probe.has_column("conference") && probe.has_column("affiliation")
    }

    fn read(
        &self,
        paths: &[std::path::PathBuf],
        _opts: &super::openalex::ReadOptions,
    ) -> Result<super::source::SourceRead, PaperError> {
        super::source::read_each(paths, read_conference_csv)
    }
}
