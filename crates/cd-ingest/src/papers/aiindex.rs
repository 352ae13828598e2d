//! Reader of the AI Index 2024 responsible-AI paper CSVs (`ai_index_rai/{venue}{year}.csv`).
//!
//! Columns (names vary by file; matched through [`COLUMN_ALIASES`]): `link, category, title, abstract,
//! keywords, ccs_concepts, author_names, author_affiliations | affiliations, author_countries |
//! affiliated_countries`; some files carry trailing columns with empty names, which are ignored (a
//! non-empty value in one is noted). The list columns hold Python list literals, parsed by
//! [`super::pylist`].
//!
//! Decisions, each counted in the report notes:
//! - Encoding: a file that is not valid UTF-8 (facct2020, facct2022) keeps its valid UTF-8 and has its
//!   stray bytes decoded as Windows-1252 or Mac Roman, whichever makes them punctuation ([`decode_text`];
//!   both files turn out to be UTF-8 with Mac Roman curly quotes). Detection needs the whole file, so a
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
use super::{affiliation_cell, canonical_venue, next_record, PaperError, PaperTable};
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

/// Legacy single-byte encodings tried for bytes that are not UTF-8, in order of preference on a tie.
const LEGACY: [(&encoding_rs::Encoding, &str); 2] =
    [(encoding_rs::WINDOWS_1252, "Windows-1252"), (encoding_rs::MACINTOSH, "Mac Roman")];

/// Typographic characters that stray legacy bytes usually are (curly quotes, dashes, bullet, ellipsis).
const TYPOGRAPHIC: &str = "\u{2018}\u{2019}\u{201c}\u{201d}\u{2013}\u{2014}\u{2022}\u{2026}";

/// Decode bytes as UTF-8 where they are valid UTF-8, and every byte that is not in a legacy encoding.
///
/// The two non-UTF-8 files are mixed: UTF-8 text with a few stray single-byte characters pasted in.
/// Decoding the whole file in a legacy encoding would garble the UTF-8 passages (`â€™`), so valid UTF-8
/// is kept and only the invalid bytes are decoded. Which legacy encoding: the one of [`LEGACY`] that turns
/// more of the stray bytes into typographic punctuation (Windows-1252 on a tie). In facct2022 the stray
/// bytes are `D2 D3 D5`, Mac Roman's curly quotes (“AI Ethics”, It’s), which Windows-1252 would show as
/// `ÒAI EthicsÓ`. Returns the text, the number of bytes decoded and the encoding's name (empty for clean
/// UTF-8). A UTF-8 BOM is dropped.
pub fn decode_text(bytes: &[u8]) -> (String, usize, &'static str) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), 0, "");
    }
    let stray: Vec<u8> = bytes.utf8_chunks().flat_map(|c| c.invalid().iter().copied()).collect();
    let score = |enc: &'static encoding_rs::Encoding| {
        let (text, _) = enc.decode_without_bom_handling(&stray);
        text.chars().filter(|c| TYPOGRAPHIC.contains(*c)).count()
    };
    let (encoding, name) = LEGACY
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|(i, (enc, _))| (score(enc), usize::MAX - i))
        .map(|(_, e)| e)
        .expect("LEGACY is not empty");
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        let (c, _) = encoding.decode_without_bom_handling(chunk.invalid());
        out.push_str(&c);
    }
    (out, stray.len(), name)
}

/// Read one AI Index CSV.
pub fn read_ai_index_csv(path: &Path) -> Result<PaperTable, PaperError> {
    let bytes = crate::read_regular(path)
        .map_err(|source| PaperError::Open { file: path.display().to_string(), source })?;
    read_ai_index_bytes(path, &bytes)
}

/// Read one AI Index CSV held in memory; `path` names it in the report and errors, and its file name
/// gives the venue and year as for a file (the fuzz target reads from memory).
pub fn read_ai_index_bytes(path: &Path, bytes: &[u8]) -> Result<PaperTable, PaperError> {
    let (text, legacy_bytes, encoding) = decode_text(bytes);
    let mut report = ReadReport::new(path.display().to_string());
    if legacy_bytes > 0 {
        report.note(format!(
            "not valid UTF-8: {legacy_bytes} stray bytes decoded as {encoding} (the rest is valid UTF-8 and \
             kept as such)"
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
    while next_record(&mut rdr, &mut record, &mut row, &mut report) {
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
            .map(|(i, name)| {
                Authorship::new(
                    name.clone().unwrap_or_default(),
                    if aligned {
                        affs[i].as_deref().and_then(affiliation_cell).into_iter().collect()
                    } else {
                        Vec::new()
                    },
                )
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
            source: "aiindex".into(),
            status: Default::default(),
            status_label: None,
            citations: None,
            alignment: Default::default(),
            source_topics: Vec::new(),
            team_variants: Vec::new(),
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

/// The AI Index responsible-AI CSVs: a CSV with an `author_names` column.
pub struct AiIndex;

impl super::source::PaperSource for AiIndex {
    fn name(&self) -> &'static str {
        "aiindex"
    }

    fn recognise(&self, probe: &super::source::Probe) -> bool {
        probe.has_column("author_names")
    }

    fn read(
        &self,
        paths: &[std::path::PathBuf],
        _opts: &super::openalex::ReadOptions,
    ) -> Result<super::source::SourceRead, PaperError> {
        super::source::read_each(paths, read_ai_index_csv)
    }
}

#[cfg(test)]
mod tests {
    use super::decode_text;

    #[test]
    fn stray_bytes_pick_the_encoding_that_makes_punctuation() {
        // UTF-8 "é" kept; Windows-1252 curly quotes 0x93 0x94.
        let (t, n, enc) = decode_text(b"caf\xc3\xa9 \x93x\x94");
        assert_eq!((t.as_str(), n, enc), ("café \u{201c}x\u{201d}", 2, "Windows-1252"));
        // Mac Roman curly quotes 0xD2 0xD3 and apostrophe 0xD5.
        let (t, n, enc) = decode_text(b"\xd2AI\xd3 it\xd5s");
        assert_eq!((t.as_str(), n, enc), ("\u{201c}AI\u{201d} it\u{2019}s", 3, "Mac Roman"));
        // No punctuation either way: Windows-1252.
        let (t, _, enc) = decode_text(b"Z\xfcrich");
        assert_eq!((t.as_str(), enc), ("Zürich", "Windows-1252"));
        assert_eq!(decode_text(b"\xef\xbb\xbfplain"), ("plain".to_string(), 0, ""));
    }
}
