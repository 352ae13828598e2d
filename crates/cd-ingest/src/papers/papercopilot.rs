//! Reader of Paper Copilot's paper lists (GitHub papercopilot/paperlists): one JSON array of paper records
//! per venue and year, `<venue>/<venue><year>.json` upstream, `.json.gz` in the shipped data.
//!
//! The specification is docs/papercopilot.md (file names, rejected rows, the status table, the author
//! separator, duplicated author lists, mojibake, the per-author evidence lists and their alignment with
//! the authors); `tools/papercopilot_counts.py` implements it independently and the tests compare the two.
//!
//! Memory: one file at a time per thread is decompressed into memory (at most [`MAX_FILE_BYTES`]); its
//! records are parsed one at a time, borrowing from that buffer, and only the fields the analyses use are
//! kept. A clone of the whole upstream repository is read file by file, in parallel, in sorted order.
//!
//! Readers only read: affiliations leave here unclassified; e-mail domains and positions are carried on
//! the authorship for the classification layer (`cd-classify`).

use super::{open, PaperError, PaperTable};
use cd_domain::{Affiliation, Alignment, Authorship, Paper, ReadReport, ReviewStatus};
use rayon::prelude::*;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Largest uncompressed file read (2 GiB); a larger one is an error naming it.
pub const MAX_FILE_BYTES: u64 = 2 << 30;

/// The documented status table (docs/papercopilot.md): trimmed, lower-cased status → outcome. Values not
/// in it are `Unknown` and reported.
pub const STATUS_TABLE: &[(&str, ReviewStatus)] = &[
    ("poster", ReviewStatus::Accepted),
    ("oral", ReviewStatus::Accepted),
    ("spotlight", ReviewStatus::Accepted),
    ("highlight", ReviewStatus::Accepted),
    ("long", ReviewStatus::Accepted),
    ("short", ReviewStatus::Accepted),
    ("main", ReviewStatus::Accepted),
    ("findings", ReviewStatus::Accepted),
    ("technical", ReviewStatus::Accepted),
    ("industry", ReviewStatus::Accepted),
    ("workshop", ReviewStatus::Accepted),
    ("system demonstrations", ReviewStatus::Accepted),
    ("demo", ReviewStatus::Accepted),
    ("demonstration", ReviewStatus::Accepted),
    ("talk", ReviewStatus::Accepted),
    ("poster workshop", ReviewStatus::Accepted),
    ("oral workshop", ReviewStatus::Accepted),
    ("award", ReviewStatus::Accepted),
    ("best paper", ReviewStatus::Accepted),
    ("accept", ReviewStatus::Accepted),
    ("reject", ReviewStatus::Rejected),
    ("rejected", ReviewStatus::Rejected),
    ("desk reject", ReviewStatus::Rejected),
    ("desk rejected", ReviewStatus::Rejected),
    ("withdraw", ReviewStatus::Withdrawn),
    ("withdrawn", ReviewStatus::Withdrawn),
];

/// The outcome of a status value under [`STATUS_TABLE`]; missing, `None`, empty and unlisted values are
/// `Unknown`.
pub fn review_status(raw: Option<&str>) -> ReviewStatus {
    let Some(t) = raw.map(str::trim).filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("none")) else {
        return ReviewStatus::Unknown;
    };
    let lower = t.to_lowercase();
    STATUS_TABLE.iter().find(|(k, _)| *k == lower).map_or(ReviewStatus::Unknown, |(_, s)| *s)
}

/// Canonical venue name of a file stem's venue part (`nips` → `NeurIPS`); any other is upper-cased.
pub fn venue_name(stem: &str) -> String {
    let known = [
        ("nips", "NeurIPS"),
        ("neurips", "NeurIPS"),
        ("icml", "ICML"),
        ("iclr", "ICLR"),
        ("cvpr", "CVPR"),
        ("iccv", "ICCV"),
        ("wacv", "WACV"),
        ("acl", "ACL"),
        ("naacl", "NAACL"),
        ("coling", "COLING"),
        ("colm", "COLM"),
        ("aaai", "AAAI"),
        ("ijcai", "IJCAI"),
        ("aistats", "AISTATS"),
        ("uai", "UAI"),
        ("colt", "COLT"),
        ("acml", "ACML"),
        ("corl", "CoRL"),
        ("rss", "RSS"),
        ("icra", "ICRA"),
        ("iros", "IROS"),
        ("3dv", "3DV"),
        ("automl", "AutoML"),
        ("emnlp", "EMNLP"),
        ("eccv", "ECCV"),
        ("kdd", "KDD"),
        ("www", "WWW"),
        ("siggraph", "SIGGRAPH"),
    ];
    let lower = stem.to_lowercase();
    known.iter().find(|(k, _)| *k == lower).map_or_else(|| stem.to_uppercase(), |(_, v)| v.to_string())
}

/// `(venue stem, year)` of a Paper Copilot file name (`cvpr2021.json`, `cvpr2021.json.gz`), or `None`
/// when the name does not follow the pattern.
pub fn parse_file_name(name: &str) -> Option<(String, i32)> {
    let stem = name.strip_suffix(".json.gz").or_else(|| name.strip_suffix(".json"))?;
    if stem.len() < 5 || !stem.is_char_boundary(stem.len() - 4) {
        return None;
    }
    let (venue, year) = stem.split_at(stem.len() - 4);
    if venue.is_empty()
        || !year.bytes().all(|b| b.is_ascii_digit())
        || venue.ends_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    Some((venue.to_string(), year.parse().ok()?))
}

/// Whether `path` looks like a Paper Copilot file (by name) whose content starts with a JSON array.
pub fn looks_like_papercopilot(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    if parse_file_name(name).is_none() {
        return false;
    }
    let Ok(file) = crate::open_regular(path) else { return false };
    let mut head = Vec::new();
    let read: Box<dyn Read> = if name.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    if read.take(4096).read_to_end(&mut head).is_err() && head.is_empty() {
        return false;
    }
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

/// The Paper Copilot files under `path` (a file, a venue folder or a whole clone), sorted by path.
pub fn list_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().and_then(|n| n.to_str()).and_then(parse_file_name).is_some() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Read Paper Copilot files: `path` is one file, a venue folder or a clone of the repository. Files are
/// read in parallel and merged in sorted path order; each file's report notes its separator, the
/// alignment of its evidence, its statuses and repairs.
pub fn read_papercopilot(path: &Path) -> Result<PaperTable, PaperError> {
    let files = list_files(path);
    if files.is_empty() {
        return Err(PaperError::format(
            path,
            "no Paper Copilot file (<venue><year>.json or .json.gz) found here",
        ));
    }
    let parts: Vec<Result<PaperTable, PaperError>> = files.par_iter().map(|f| read_file(f)).collect();
    let mut papers = Vec::new();
    let mut reports = Vec::new();
    for p in parts {
        let t = p?;
        papers.extend(t.papers);
        reports.push(t.report);
    }
    let report = if reports.len() == 1 {
        reports.pop().unwrap()
    } else {
        ReadReport::merge(path.display().to_string(), &reports)
    };
    Ok(PaperTable { papers, report })
}

/// Read one Paper Copilot file.
pub fn read_file(path: &Path) -> Result<PaperTable, PaperError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let (stem, year) = parse_file_name(name).ok_or_else(|| {
        PaperError::format(
            path,
            "file name is not <venue><year>.json or <venue><year>.json.gz; the year is never guessed",
        )
    })?;
    let buf = read_bytes(path, name.ends_with(".gz"))?;
    parse_records(&path.display().to_string(), &stem, year, &buf)
}

/// Parse the uncompressed content of one Paper Copilot file of venue `stem` and `year`; `file` names it
/// in errors and rejections. The reader's core, also the entry point of the fuzz target
/// (`fuzz/fuzz_targets/papercopilot.rs`): any bytes give an error or a balanced read report.
pub fn parse_records(file: &str, stem: &str, year: i32, buf: &[u8]) -> Result<PaperTable, PaperError> {
    let first = buf.iter().position(|b| !b.is_ascii_whitespace());
    if first.map(|i| buf[i]) != Some(b'[') {
        return Err(PaperError::Format {
            file: file.to_string(),
            message: if first.is_none() {
                "empty file; expected a JSON array of paper records"
            } else {
                "the top-level value is not a JSON array of paper records"
            }
            .into(),
        });
    }
    let mut elements = Vec::new();
    let parse = {
        let mut de = serde_json::Deserializer::from_slice(buf);
        de.deserialize_seq(ArrayVisitor(|e| elements.push(e))).and_then(|()| de.end())
    };
    let mut report = ReadReport::new(file);
    let papers = build_papers(stem, year, &elements, &mut report);
    if let Err(e) = parse {
        report.reject(
            elements.len() + 1,
            "",
            format!(
                "malformed JSON at line {} column {}: {e}; the rest of the file is not read",
                e.line(),
                e.column()
            ),
        );
    }
    Ok(PaperTable { papers, report })
}

fn read_bytes(path: &Path, gz: bool) -> Result<Vec<u8>, PaperError> {
    let file = open(path)?;
    let io = |source| PaperError::Io { file: path.display().to_string(), source };
    let reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::with_capacity(1 << 16, file)))
    } else {
        Box::new(file)
    };
    crate::read_at_most(reader, MAX_FILE_BYTES).map_err(io)?.ok_or_else(|| {
        PaperError::format(path, format!("larger than the limit of {MAX_FILE_BYTES} bytes uncompressed"))
    })
}

// ---------------------------------------------------------------------------------------------------
// Parsing: records as borrowed loose fields.

/// A JSON value as far as this reader cares: a string (borrowed when unescaped), a number, or other.
#[derive(Debug, Default)]
enum Loose<'a> {
    #[default]
    Missing,
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Other,
}

impl<'a> Loose<'a> {
    /// The value as text: a string trimmed, not empty and not `None`; integers written out.
    fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            Loose::Str(s) => {
                let t = s.trim();
                (!t.is_empty() && !t.eq_ignore_ascii_case("none")).then_some(Cow::Borrowed(t))
            }
            Loose::Int(i) => Some(Cow::Owned(i.to_string())),
            _ => None,
        }
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Loose<'de>, E> {
        Ok(Loose::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Loose<'de>, E> {
        Ok(Loose::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Loose<'de>, E> {
        Ok(Loose::Str(Cow::Owned(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Loose<'de>, E> {
        Ok(Loose::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Loose<'de>, E> {
        Ok(i64::try_from(v).map_or(Loose::Float(v as f64), Loose::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Loose<'de>, E> {
        Ok(Loose::Float(v))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }
    fn visit_unit<E>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Missing)
    }
    fn visit_none<E>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Missing)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
}

impl<'de> Deserialize<'de> for Loose<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

/// The fields of one record that the reader uses.
#[derive(Debug, Default)]
struct RawRecord<'a> {
    title: Loose<'a>,
    author: Loose<'a>,
    status: Loose<'a>,
    aff: Loose<'a>,
    aff_domain: Loose<'a>,
    email: Loose<'a>,
    authorids: Loose<'a>,
    position: Loose<'a>,
    keywords: Loose<'a>,
    primary_area: Loose<'a>,
    abstract_text: Loose<'a>,
    gs_citation: Loose<'a>,
    id: Loose<'a>,
    year: Loose<'a>,
}

/// One element of the top-level array.
#[derive(Debug)]
enum Element<'a> {
    Record(Box<RawRecord<'a>>),
    /// Not a JSON object: what it was.
    NotObject(&'static str),
}

struct ElementVisitor;

impl<'de> Visitor<'de> for ElementVisitor {
    type Value = Element<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a paper record (JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Element<'de>, A::Error> {
        let mut r = RawRecord::default();
        while let Some(key) = map.next_key::<Loose<'de>>()? {
            let Loose::Str(key) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let slot = match key.as_ref() {
                "title" => &mut r.title,
                "author" => &mut r.author,
                "status" => &mut r.status,
                "aff" => &mut r.aff,
                "aff_domain" => &mut r.aff_domain,
                "email" => &mut r.email,
                "authorids" => &mut r.authorids,
                "position" => &mut r.position,
                "keywords" => &mut r.keywords,
                "primary_area" => &mut r.primary_area,
                "abstract" => &mut r.abstract_text,
                "gs_citation" => &mut r.gs_citation,
                "id" => &mut r.id,
                "year" => &mut r.year,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value()?;
        }
        Ok(Element::Record(Box::new(r)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Element<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Element::NotObject("an array"))
    }
    fn visit_borrowed_str<E>(self, _: &'de str) -> Result<Element<'de>, E> {
        Ok(Element::NotObject("a string"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Element<'de>, E> {
        Ok(Element::NotObject("a string"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Element<'de>, E> {
        Ok(Element::NotObject("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Element<'de>, E> {
        Ok(Element::NotObject("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Element<'de>, E> {
        Ok(Element::NotObject("a number"))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Element<'de>, E> {
        Ok(Element::NotObject("a boolean"))
    }
    fn visit_unit<E>(self) -> Result<Element<'de>, E> {
        Ok(Element::NotObject("null"))
    }
}

impl<'de> Deserialize<'de> for Element<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ElementVisitor)
    }
}

struct ArrayVisitor<F>(F);

impl<'de, F: FnMut(Element<'de>)> Visitor<'de> for ArrayVisitor<F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON array of paper records")
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(e) = seq.next_element::<Element<'de>>()? {
            (self.0)(e);
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------------
// From records to papers (docs/papercopilot.md, "Records").

/// Split a list field; `""` and `None` entries are missing (`None`) and keep their place.
fn split_list(text: Option<&str>, seps: &[char]) -> Vec<Option<String>> {
    let Some(t) = text else { return Vec::new() };
    t.split(seps)
        .map(|x| {
            let x = x.trim();
            (!x.is_empty() && !x.eq_ignore_ascii_case("none")).then(|| x.to_string())
        })
        .collect()
}

/// Spacing accents of PDF extraction and the combining marks they stand for.
const SPACING_ACCENTS: [(char, char); 8] = [
    ('\u{b4}', '\u{301}'),
    ('`', '\u{300}'),
    ('\u{a8}', '\u{308}'),
    ('\u{2c6}', '\u{302}'),
    ('\u{2dc}', '\u{303}'),
    ('\u{b8}', '\u{327}'),
    ('\u{2c7}', '\u{30c}'),
    ('\u{2da}', '\u{30a}'),
];

/// Compose spacing accents with the letter that follows ("Universit ´e" → "Université"); `None` when the
/// string has none to fix.
pub fn fix_mojibake(s: &str) -> Option<String> {
    if !s.chars().any(|c| SPACING_ACCENTS.iter().any(|(a, _)| *a == c)) {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Optional space, accent, optional space, letter.
        let accent_at = if c == ' ' && i + 1 < chars.len() { i + 1 } else { i };
        if let Some((_, mark)) = SPACING_ACCENTS.iter().find(|(a, _)| *a == chars[accent_at]) {
            let mut j = accent_at + 1;
            if j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j].is_alphabetic() {
                out.push(chars[j]);
                out.push(*mark);
                changed = true;
                i = j + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    changed.then(|| out.nfc().collect())
}

/// Authors of a record under the file's separator, de-duplicated when the list is repeated.
fn split_authors(text: Option<&str>, semicolon: bool) -> (Vec<String>, bool) {
    let seps: &[char] = if semicolon { &[';'] } else { &[',', ';'] };
    let mut names: Vec<String> = split_list(text, seps).into_iter().flatten().collect();
    let k = names.len() / 2;
    let dedup = names.len() >= 2 && names.len().is_multiple_of(2) && names[..k] == names[k..];
    if dedup {
        names.truncate(k);
    }
    (names, dedup)
}

/// A list with no non-missing entry is absent (empty); a list longer than `n` whose extra entries are all
/// missing is cut to `n`.
fn normalise_list(mut list: Vec<Option<String>>, n: usize) -> Vec<Option<String>> {
    if list.iter().all(Option::is_none) {
        return Vec::new();
    }
    if list.len() > n && list[n..].iter().all(Option::is_none) {
        list.truncate(n);
    }
    list
}

fn domain_entry(d: &str) -> String {
    let d = d.trim().to_lowercase();
    let d = d.trim_start_matches('@');
    d.strip_prefix("www.").unwrap_or(d).to_string()
}

/// The e-mail domain list of a record: `aff_domain`, else `email`, else the domains of `authorids`
/// e-mails.
fn domain_list(r: &RawRecord) -> Vec<Option<String>> {
    for field in [&r.aff_domain, &r.email] {
        let l = split_list(field.text().as_deref(), &[';']);
        if l.iter().any(Option::is_some) {
            return l.into_iter().map(|d| d.map(|d| domain_entry(&d)).filter(|d| !d.is_empty())).collect();
        }
    }
    let ids = r.authorids.text();
    let ids = ids.as_deref().unwrap_or("");
    if !ids.contains('@') {
        return Vec::new();
    }
    ids.split(';')
        .map(|e| e.rsplit_once('@').map(|(_, d)| domain_entry(d)).filter(|d| !d.is_empty()))
        .collect()
}

/// A record's lists, split and normalised.
struct Lists {
    authors: Vec<String>,
    dedup: bool,
    aff: Vec<Option<String>>,
    domains: Vec<Option<String>>,
    positions: Vec<Option<String>>,
}

fn lists(r: &RawRecord, semicolon: bool) -> Lists {
    let (authors, dedup) = split_authors(r.author.text().as_deref(), semicolon);
    let n = authors.len();
    Lists {
        aff: normalise_list(split_list(r.aff.text().as_deref(), &[';']), n),
        domains: normalise_list(domain_list(r), n),
        positions: normalise_list(split_list(r.position.text().as_deref(), &[';']), n),
        authors,
        dedup,
    }
}

fn alignment_of(l: &Lists, paper_level_file: bool) -> Alignment {
    let n = l.authors.len();
    let present: Vec<&Vec<Option<String>>> =
        [&l.aff, &l.domains, &l.positions].into_iter().filter(|x| !x.is_empty()).collect();
    if present.is_empty() {
        return Alignment::None;
    }
    if paper_level_file {
        return if l.aff.is_empty() { Alignment::None } else { Alignment::PaperLevel };
    }
    if present.iter().all(|x| x.len() == n) {
        return Alignment::Aligned;
    }
    if l.domains.is_empty() && l.positions.is_empty() {
        return Alignment::PaperLevel;
    }
    let m = present.iter().map(|x| x.len()).max().unwrap_or(0);
    if m <= n {
        Alignment::Partial
    } else {
        Alignment::PaperLevel
    }
}

/// One author's affiliations from an `aff` entry: several are joined with `+` (PMLR, ACL, 3DV).
pub fn affiliation_parts(entry: &str) -> impl Iterator<Item = &str> {
    entry.split('+').map(str::trim).filter(|p| !p.is_empty())
}

/// The first non-empty `+`-joined part of a domain or position entry (`usc.edu+ict.usc.edu` → `usc.edu`).
pub fn first_part(v: Option<String>) -> Option<String> {
    let v = v?;
    if !v.contains('+') {
        return Some(v);
    }
    v.split('+').map(str::trim).find(|p| !p.is_empty()).map(str::to_string)
}

fn citation(v: &Loose, bad: &mut usize) -> Option<u64> {
    match v {
        Loose::Int(i) if *i >= 0 => Some(*i as u64),
        Loose::Float(f) if *f >= 0.0 && f.fract() == 0.0 && *f < 1e15 => Some(*f as u64),
        Loose::Str(s) => {
            let t = s.trim();
            if t.is_empty() || t.eq_ignore_ascii_case("none") {
                None
            } else if let Ok(n) = t.parse::<u64>() {
                Some(n)
            } else {
                *bad += 1;
                None
            }
        }
        Loose::Missing => None,
        _ => {
            *bad += 1;
            None
        }
    }
}

fn build_papers(stem: &str, year: i32, elements: &[Element], report: &mut ReadReport) -> Vec<Paper> {
    let venue = venue_name(stem);
    let records: Vec<&RawRecord> = elements
        .iter()
        .filter_map(|e| match e {
            Element::Record(r) => Some(r.as_ref()),
            Element::NotObject(_) => None,
        })
        .collect();
    // The file's separator: `;` unless more records use `,` without `;`.
    let (mut semi, mut comma) = (0usize, 0usize);
    for r in &records {
        if let Some(a) = r.author.text() {
            if a.contains(';') {
                semi += 1;
            } else if a.contains(',') {
                comma += 1;
            }
        }
    }
    let semicolon = semi >= comma;
    let all_lists: Vec<Lists> = records.iter().map(|r| lists(r, semicolon)).collect();
    // The paper-level file rule.
    let per_author_fields = all_lists.iter().any(|l| !l.domains.is_empty() || !l.positions.is_empty());
    let (mut considered, mut mismatched) = (0usize, 0usize);
    for l in &all_lists {
        if l.authors.len() >= 2 && !l.aff.is_empty() {
            considered += 1;
            mismatched += usize::from(l.aff.len() != l.authors.len());
        }
    }
    let paper_level_file = !per_author_fields && considered > 0 && 2 * mismatched > considered;

    let mut papers = Vec::with_capacity(records.len());
    let mut align_counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut status_counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut unknown_values: BTreeMap<String, usize> = BTreeMap::new();
    let (mut dedup, mut mojibake, mut bad_citations) = (0usize, 0usize, 0usize);
    let mut lists_iter = all_lists.into_iter();
    for (i, e) in elements.iter().enumerate() {
        let row = i + 1;
        let r = match e {
            Element::NotObject(what) => {
                report.reject(row, "", format!("{what}, not a paper record (JSON object)"));
                continue;
            }
            Element::Record(r) => r,
        };
        let l = lists_iter.next().expect("one list per record");
        let Some(title) = r.title.text() else {
            let why = match &r.title {
                Loose::Missing => "missing or null",
                Loose::Str(_) => "empty or 'None'",
                _ => "not a string",
            };
            report.reject(row, "title", format!("{why}; a paper needs a title"));
            continue;
        };
        if let Some(y) = r.year.text() {
            if y.trim().parse::<i32>().ok() != Some(year) {
                report.reject(row, "year", format!("'{y}' disagrees with the file name's year {year}"));
                continue;
            }
        }
        let status = review_status(r.status.text().as_deref());
        *status_counts.entry(status.as_str()).or_default() += 1;
        if status == ReviewStatus::Unknown {
            let v = r.status.text().map_or_else(|| "(missing)".to_string(), |s| s.into_owned());
            *unknown_values.entry(v).or_default() += 1;
        }
        let alignment = alignment_of(&l, paper_level_file);
        *align_counts.entry(alignment.as_str()).or_default() += 1;
        dedup += usize::from(l.dedup);
        let mut fix = |s: String| match fix_mojibake(&s) {
            Some(f) => {
                mojibake += 1;
                f
            }
            None => s,
        };
        let names: Vec<String> = l.authors.into_iter().map(&mut fix).collect();
        let aff: Vec<Option<String>> = l.aff.into_iter().map(|a| a.map(&mut fix)).collect();
        let mut authors: Vec<Authorship> =
            names.into_iter().map(|n| Authorship::new(n, Vec::new())).collect();
        match alignment {
            Alignment::Aligned | Alignment::Partial => {
                for (k, a) in authors.iter_mut().enumerate() {
                    if let Some(Some(x)) = aff.get(k) {
                        for part in affiliation_parts(x) {
                            a.affiliations.push(Affiliation::unclassified(part));
                        }
                    }
                    a.email_domain = first_part(l.domains.get(k).cloned().flatten());
                    a.position = first_part(l.positions.get(k).cloned().flatten());
                }
            }
            Alignment::PaperLevel => {
                let mut all: Vec<&String> = Vec::new();
                for x in aff.iter().flatten() {
                    if !all.contains(&x) {
                        all.push(x);
                    }
                }
                for a in &mut authors {
                    a.affiliations = all.iter().map(|x| Affiliation::unclassified(x.as_str())).collect();
                }
            }
            Alignment::None => {}
        }
        let mut keywords: Vec<String> =
            split_list(r.keywords.text().as_deref(), &[';']).into_iter().flatten().collect();
        if let Some(area) = r.primary_area.text() {
            keywords.push(format!("area:{area}"));
        }
        let id = r.id.text().map_or_else(|| row.to_string(), |s| s.into_owned());
        let mut p = Paper::new(
            "papercopilot",
            format!("papercopilot:{stem}{year}:{id}"),
            Some(year),
            venue.clone(),
            title.into_owned(),
        );
        p.abstract_text = r.abstract_text.text().map(Cow::into_owned);
        p.keywords = keywords;
        p.authors = authors;
        p.status = status;
        p.status_label = r.status.text().map(Cow::into_owned);
        p.citations = citation(&r.gs_citation, &mut bad_citations);
        p.alignment = alignment;
        papers.push(p);
        report.loaded();
    }
    let fmt_counts =
        |m: &BTreeMap<&str, usize>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
    report.note(format!(
        "author separator '{}'; evidence alignment{}: {}",
        if semicolon { ';' } else { ',' },
        if paper_level_file { " (paper-level affiliation lists, not aligned with authors)" } else { "" },
        fmt_counts(&align_counts)
    ));
    report.note(format!("status: {}", fmt_counts(&status_counts)));
    if !unknown_values.is_empty() {
        let v: Vec<String> = unknown_values.iter().map(|(k, n)| format!("'{k}' ×{n}")).collect();
        report.note(format!("unknown status values (not guessed): {}", v.join(", ")));
    }
    if dedup > 0 {
        report.note(format!("{dedup} repeated author lists de-duplicated"));
    }
    if mojibake > 0 {
        report.note(format!("{mojibake} names or affiliations with PDF-extraction accents repaired"));
    }
    if bad_citations > 0 {
        report.note(format!("{bad_citations} gs_citation values are not integers (left missing)"));
    }
    papers
}

/// Paper Copilot's lists: a folder (a venue folder or a clone) or a `<venue><year>.json[.gz]` file holding a JSON array.
pub struct PaperCopilot;

impl super::source::PaperSource for PaperCopilot {
    fn name(&self) -> &'static str {
        "papercopilot"
    }

    fn recognise(&self, probe: &super::source::Probe) -> bool {
        probe.is_dir || looks_like_papercopilot(probe.path)
    }

    fn read(
        &self,
        paths: &[std::path::PathBuf],
        _opts: &super::openalex::ReadOptions,
    ) -> Result<super::source::SourceRead, PaperError> {
        super::source::read_each(paths, |p: &std::path::Path| read_papercopilot(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(parse_file_name("cvpr2021.json.gz"), Some(("cvpr".into(), 2021)));
        assert_eq!(parse_file_name("3dv2025.json"), Some(("3dv".into(), 2025)));
        assert_eq!(parse_file_name("cvpr.json"), None);
        assert_eq!(parse_file_name("2021.json"), None);
        assert_eq!(parse_file_name("cvpr2021.csv"), None);
        assert_eq!(venue_name("nips"), "NeurIPS");
        assert_eq!(venue_name("corl"), "CoRL");
        assert_eq!(venue_name("foo"), "FOO");
    }

    #[test]
    fn statuses() {
        assert_eq!(review_status(Some(" Poster ")), ReviewStatus::Accepted);
        assert_eq!(review_status(Some("Desk Reject")), ReviewStatus::Rejected);
        assert_eq!(review_status(Some("Withdraw")), ReviewStatus::Withdrawn);
        assert_eq!(review_status(Some("Active")), ReviewStatus::Unknown);
        assert_eq!(review_status(Some("None")), ReviewStatus::Unknown);
        assert_eq!(review_status(None), ReviewStatus::Unknown);
    }

    #[test]
    fn mojibake() {
        assert_eq!(fix_mojibake("Universit ´e de Montr ´eal").as_deref(), Some("Université de Montréal"));
        assert_eq!(fix_mojibake("M ¨uller").as_deref(), Some("Müller"));
        assert_eq!(fix_mojibake("Universit´e").as_deref(), Some("Université"));
        assert_eq!(fix_mojibake("MIT"), None);
    }

    #[test]
    fn authors_and_lists() {
        assert_eq!(split_authors(Some("A; B;"), true), (vec!["A".to_string(), "B".to_string()], false));
        assert_eq!(split_authors(Some("A, B"), false).0.len(), 2);
        assert_eq!(split_authors(Some("A;B;A;B"), true), (vec!["A".to_string(), "B".to_string()], true));
        assert_eq!(normalise_list(vec![None, None], 2), Vec::<Option<String>>::new());
        assert_eq!(normalise_list(vec![Some("x".into()), None, None], 2).len(), 2);
    }
}
