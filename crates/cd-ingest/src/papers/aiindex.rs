//! Reader of the AI Index 2024 responsible-AI paper CSVs (`ai_index_rai/{venue}{year}.csv`).
//!
//! Columns (names vary by file; matched through [`COLUMN_ALIASES`]): `link, category, title, abstract,
//! keywords, ccs_concepts, author_names, author_affiliations | affiliations, author_countries |
//! affiliated_countries`; some files carry trailing columns with empty names, which are ignored (a
//! non-empty value in one is noted). The list columns hold Python list literals, parsed by
//! [`super::pylist`].
//!
//! Decisions, each counted in the report notes:
//! - Encoding: a file that is not valid UTF-8 (facct2020, facct2022) has its invalid bytes decoded as
//!   Windows-1252 and its valid UTF-8 passages kept ([`decode_text`]). Detection needs the whole file, so a
//!   file is read into memory (the largest is 1.4 MB); records are then parsed one at a time.
//! - Venue and year come from the file name (`neurips2021.csv` → NeurIPS, 2021).
//! - A paper listed under several categories appears once per category: rows with the same `link` (else
//!   the same title) are merged into one paper; categories become keywords `category:<name>`.
//! - Affiliations align with authors by position. When the affiliation list is empty, or its length
//!   differs from the author list (the scrape then often holds another paper's affiliations), the authors
//!   are loaded without affiliations: unknown sector, never guessed.
//! - A list cell that is not a list (`Authors section not found.`, empty) is loaded as an empty list; text
//!   glued after a list's `]` is dropped. Both are noted with their row.
//!
//! Rejected: rows without a title.

use super::pylist::parse_py_list;
use super::{affiliation_cell, canonical_venue, PaperError, PaperTable};
use cd_domain::{Authorship, Paper, ReadReport};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Accepted header names per field.
pub const COLUMN_ALIASES: [(&str, &[&str]); 8] = [
    ("link", &["link", "url"]),
    ("category", &["category"]),
    ("title", &["title"]),
    ("abstract", &["abstract"]),
    ("keywords", &["keywords"]),
    ("author_names", &["author_names", "authors"]),
    ("author_affiliations", &["author_affiliations", "affiliations"]),
    ("author_countries", &["author_countries", "affiliated_countries", "countries"]),
];

/// Every `*.csv` in the AI Index folder, sorted by name.
pub fn list_ai_index_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Venue and year from a file stem such as `neurips2021`.
pub fn venue_year_of(path: &Path) -> (String, Option<i32>) {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let split = stem.find(|c: char| c.is_ascii_digit()).unwrap_or(stem.len());
    let (name, digits) = stem.split_at(split);
    let year = digits.get(..4).and_then(|d| d.parse::<i32>().ok());
    (canonical_venue(name.trim_end_matches(['_', '-'])), year)
}

/// Decode bytes as UTF-8 where they are valid UTF-8, and every byte that is not as Windows-1252.
///
/// The two non-UTF-8 files are mixed: mostly Windows-1252, with some passages pasted in as UTF-8 (curly
/// quotes as `E2 80 99`). Decoding the whole file as Windows-1252 would garble those passages (`â€™`),
/// so valid UTF-8 sequences are kept and only the invalid bytes are read as Windows-1252. Returns the text
/// and the number of bytes decoded as Windows-1252 (0 for a clean UTF-8 file). A UTF-8 BOM is dropped.
pub fn decode_text(bytes: &[u8]) -> (String, usize) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), 0);
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut legacy = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(std::slice::from_ref(b));
            out.push_str(&c);
            legacy += 1;
        }
    }
    (out, legacy)
}

/// Read one AI Index CSV.
pub fn read_ai_index_csv(path: &Path) -> Result<PaperTable, PaperError> {
    let bytes = std::fs::read(path)
        .map_err(|source| PaperError::Open { file: path.display().to_string(), source })?;
    let (text, legacy_bytes) = decode_text(&bytes);
    let mut report = ReadReport::new(path.display().to_string());
    if legacy_bytes > 0 {
        report.note(format!(
            "not valid UTF-8: {legacy_bytes} bytes decoded as Windows-1252 (valid UTF-8 passages kept as UTF-8)"
        ));
    }
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers =
        rdr.headers().map_err(|e| PaperError::format(path, format!("row 0 (header): {e}")))?.clone();
    let col = |field: &str| -> Option<usize> {
        let aliases = COLUMN_ALIASES.iter().find(|(f, _)| *f == field).map(|(_, a)| *a).unwrap_or(&[]);
        headers.iter().position(|h| aliases.iter().any(|a| h.trim().eq_ignore_ascii_case(a)))
    };
    let (c_link, c_cat, c_title, c_abs, c_kw) =
        (col("link"), col("category"), col("title"), col("abstract"), col("keywords"));
    let (c_names, c_affs) = (col("author_names"), col("author_affiliations"));
    for (field, c) in [("title", c_title), ("author_names", c_names), ("author_affiliations", c_affs)] {
        if c.is_none() {
            return Err(PaperError::format(
                path,
                format!("row 0 (header), field '{field}': column missing (accepted names: {:?})", {
                    COLUMN_ALIASES.iter().find(|(f, _)| *f == field).map(|(_, a)| *a).unwrap_or(&[])
                }),
            ));
        }
    }
    let renamed: Vec<String> = COLUMN_ALIASES
        .iter()
        .filter_map(|(field, _)| col(field).map(|i| (field, &headers[i])))
        .filter(|(field, h)| h.trim() != **field)
        .map(|(field, h)| format!("'{h}' read as {field}"))
        .collect();
    if !renamed.is_empty() {
        report.note(format!("column names: {}", renamed.join(", ")));
    }
    let known: Vec<usize> = COLUMN_ALIASES.iter().filter_map(|(f, _)| col(f)).collect();
    let (venue, year) = venue_year_of(path);
    let mut papers: Vec<Paper> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let (mut merged, mut misaligned, mut no_affs) = (0usize, 0usize, 0usize);
    let mut list_notes: Vec<String> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut row = 0usize;
    loop {
        row += 1;
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                report.reject(row, "", format!("malformed CSV record: {e}"));
                continue;
            }
        }
        let get = |c: Option<usize>| c.and_then(|i| record.get(i)).unwrap_or("").trim();
        let title = get(c_title);
        if title.is_empty() {
            report.reject(row, "title", "empty; a paper needs a title");
            continue;
        }
        let extra: Vec<&str> = record
            .iter()
            .enumerate()
            .filter(|(i, v)| !known.contains(i) && !v.trim().is_empty() && *i > 8)
            .map(|(_, v)| v)
            .collect();
        if !extra.is_empty() {
            list_notes.push(format!("row {row}: {} values in unnamed trailing columns ignored", extra.len()));
        }
        let mut list = |field: &str, c: Option<usize>| -> Vec<Option<String>> {
            let cell = get(c);
            match parse_py_list(cell) {
                Ok(p) => {
                    if !p.trailing.is_empty() {
                        let shown: String = p.trailing.chars().take(40).collect();
                        list_notes.push(format!(
                            "row {row}, field {field}: text after the list dropped ('{shown}')"
                        ));
                    }
                    p.items
                }
                Err(e) => {
                    if !cell.is_empty() {
                        list_notes.push(format!("row {row}, field {field}: {e}; read as an empty list"));
                    }
                    Vec::new()
                }
            }
        };
        let names = list("author_names", c_names);
        let affs = list("author_affiliations", c_affs);
        let keywords = list("keywords", c_kw);
        let category = get(c_cat).to_string();
        let key = match get(c_link) {
            "" => format!("title:{}", title.to_lowercase()),
            link => link.to_string(),
        };
        if let Some(&at) = by_key.get(&key) {
            let kw = format!("category:{category}");
            if !category.is_empty() && !papers[at].keywords.contains(&kw) {
                papers[at].keywords.push(kw);
            }
            merged += 1;
            report.loaded();
            continue;
        }
        let aligned = !affs.is_empty() && affs.len() == names.len();
        if affs.is_empty() {
            no_affs += 1;
        } else if !aligned {
            misaligned += 1;
        }
        let authors = names
            .iter()
            .enumerate()
            .map(|(i, name)| Authorship {
                author: name.clone().unwrap_or_default(),
                affiliations: if aligned {
                    affs[i].as_deref().and_then(affiliation_cell).into_iter().collect()
                } else {
                    Vec::new()
                },
            })
            .collect();
        let mut kws: Vec<String> = keywords.into_iter().flatten().collect();
        if !category.is_empty() {
            kws.push(format!("category:{category}"));
        }
        let link = get(c_link);
        papers.push(Paper {
            paper_id: if link.is_empty() {
                format!("{venue}-{}-row{row}", year.unwrap_or(0))
            } else {
                link.into()
            },
            year,
            venue: venue.clone(),
            title: title.to_string(),
            abstract_text: Some(get(c_abs).to_string()).filter(|a| !a.is_empty()),
            keywords: kws,
            authors,
            team: None,
        });
        by_key.insert(key, papers.len() - 1);
        report.loaded();
    }
    report.note(format!(
        "{} papers from {} rows: {merged} rows merged into an earlier row of the same paper (another \
         category); {no_affs} papers without affiliations; {misaligned} papers whose affiliation list does \
         not match the author list (authors loaded without affiliations)",
        papers.len(),
        report.rows_loaded
    ));
    report.notes.extend(list_notes);
    Ok(PaperTable { papers, report })
}
