//! Reader of OpenAlex works in the snapshot format: JSON Lines, one work per line, plain or gzip (any
//! number of concatenated gzip members, as the snapshot's `part_*.gz` files are), many files.
//!
//! Fields read (everything else is skipped unparsed into values): `id`, `doi`, `title` (else
//! `display_name`), `publication_year`, `type`, `primary_location.source.display_name` (the venue),
//! `authorships[].author.display_name`, `authorships[].institutions[]` (`id`, `display_name`, `ror`,
//! `type`, `country_code`), `authorships[].raw_affiliation_strings`, `primary_topic` and `topics` (with
//! `subfield`, `field`, `domain`, and the subfield's and field's ids), `concepts` (`id`, `score`),
//! `abstract_inverted_index` (turned back into text unless `ReadOptions::abstracts` is off, then skipped),
//! `referenced_works`, `cited_by_count`. Any of them may be missing or null. Which works are ML:
//! [`is_ml_work`] under `Definitions::openalex_ml_filter`. Measured against the machine's limit and
//! DuckDB in docs/openalex.md.
//!
//! Affiliations: an institution whose OpenAlex `type` names a sector gets it here, because the mapping is
//! OpenAlex's own registry vocabulary ([`sector_of_institution_type`]); an institution of type `other`
//! or without a type, and every raw affiliation string of an authorship without institutions, leave as
//! `Affiliation::unclassified` for the institution classifier in `cd-classify`.
//!
//! Performance and memory: files are read in parallel (rayon, one file per task); each file is streamed
//! line by line through a reused buffer and never held whole; lines are parsed with borrowed strings into
//! structs of just the fields above, by a hand-written scanner (`openalex/scan.rs`) that accepts and
//! reads exactly what serde_json's derived visitors accept and read (they stay as its reference and
//! parse every line it does not accept, for their message). A line that is not valid JSON is a
//! rejection (file, line number, serde_json's message) and the next line is read; a truncated gzip
//! member or an I/O error ends that file with a rejection and keeps what was read before. Empty lines
//! are skipped and not counted.

use super::{open, PaperError};
use cd_domain::{Affiliation, Authorship, Paper, ReadReport, Sector, SourceTopic};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

mod scan;
#[doc(hidden)]
pub use scan::Stop as ScanStop;

/// A topic of a work (OpenAlex's topic hierarchy: topic → subfield → field → domain).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WorkTopic {
    pub id: String,
    pub display_name: String,
    pub score: Option<f64>,
    pub subfield: Option<String>,
    pub field: Option<String>,
    pub domain: Option<String>,
    /// OpenAlex's numeric subfield and field ids (`1702` for `https://openalex.org/subfields/1702`).
    pub subfield_id: Option<String>,
    pub field_id: Option<String>,
}

/// A concept of a work (OpenAlex's older, deprecated tagging, still in the snapshot).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WorkConcept {
    /// Short id (`C154945302`).
    pub id: String,
    pub score: Option<f64>,
}

/// One OpenAlex work: the paper and the OpenAlex-only fields.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OpenAlexWork {
    pub paper: Paper,
    pub doi: Option<String>,
    pub work_type: Option<String>,
    pub primary_topic: Option<WorkTopic>,
    pub topics: Vec<WorkTopic>,
    pub referenced_works: Vec<String>,
    pub cited_by_count: Option<u64>,
    pub concepts: Vec<WorkConcept>,
    /// Per author, per institution: the OpenAlex institution id, ROR id and country code, aligned with
    /// `paper.authors[i].affiliations` for the affiliations that came from institutions.
    pub institution_ids: Vec<Vec<InstitutionIds>>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InstitutionIds {
    pub id: Option<String>,
    pub ror: Option<String>,
    pub country_code: Option<String>,
    /// OpenAlex's institution `type` (`education`, `company` ...).
    pub kind: Option<String>,
}

/// Options of a read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Show a progress bar (works and works per second) on stderr.
    pub progress: bool,
    /// Sector of institutions of type `facility` (research facilities, national labs); the CLI sets it
    /// from `Definitions::research_institute_sector` so that OpenAlex agrees with the name classifier.
    pub facility_sector: Sector,
    /// Sector of institutions of type `healthcare`; from `Definitions::hospital_sector`.
    pub healthcare_sector: Sector,
    /// Rebuild abstracts from `abstract_inverted_index` (else the index is skipped unparsed into values
    /// and `Paper::abstract_text` is `None`). Topic assignment needs them; a pure extraction may not.
    pub abstracts: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        let d = cd_domain::Definitions::default();
        ReadOptions {
            progress: false,
            facility_sector: d.research_institute_sector,
            healthcare_sector: d.hospital_sector,
            abstracts: true,
        }
    }
}

/// The works of every file (in the order of the files given, lines in file order) and one report per file.
#[derive(Debug, Clone, Default)]
pub struct OpenAlexRead {
    pub works: Vec<OpenAlexWork>,
    pub reports: Vec<ReadReport>,
}

fn type_reason(kind: &str) -> &'static str {
    match kind {
        "education" => "OpenAlex institution type 'education'",
        "company" => "OpenAlex institution type 'company'",
        "government" => "OpenAlex institution type 'government'",
        "facility" => "OpenAlex institution type 'facility'",
        "healthcare" => "OpenAlex institution type 'healthcare'",
        "nonprofit" => "OpenAlex institution type 'nonprofit'",
        "archive" => "OpenAlex institution type 'archive'",
        "funder" => "OpenAlex institution type 'funder'",
        _ => "OpenAlex institution type",
    }
}

/// Sector of an OpenAlex institution `type`, with the confidence of the mapping; `None` for `other`,
/// unknown types and a missing type (the name then goes through the classifier).
///
/// | type | sector | why |
/// |---|---|---|
/// | education | academia | universities and colleges |
/// | company | industry | |
/// | government | government | |
/// | facility | `ReadOptions::facility_sector` (0.8) | research facilities; as the classifier treats research institutes |
/// | healthcare | `ReadOptions::healthcare_sector` (0.8) | hospitals; as the classifier treats them |
/// | nonprofit | non_profit | |
/// | archive | non_profit (0.6) | libraries, museums, archives |
/// | funder | non_profit (0.6) | funding bodies |
pub fn sector_of_institution_type(kind: &str, opts: &ReadOptions) -> Option<(Sector, f64)> {
    Some(match kind {
        "education" => (Sector::Academia, 0.95),
        "company" => (Sector::Industry, 0.95),
        "government" => (Sector::Government, 0.9),
        "facility" => (opts.facility_sector, 0.8),
        "healthcare" => (opts.healthcare_sector, 0.8),
        "nonprofit" => (Sector::NonProfit, 0.9),
        "archive" | "funder" => (Sector::NonProfit, 0.6),
        _ => return None,
    })
}

// ---- the borrowed, skip-the-rest wire structs ----

/// A JSON string, borrowed from the line when it has no escape sequences (nearly always) and owned
/// otherwise. serde's `#[serde(borrow)]` borrows only a bare `Cow<str>` field: a `Cow<str>` inside an
/// `Option`, a list or a map key goes through `String` and always allocates, so every string field here is
/// this type instead. It accepts exactly what `String` accepts, with the same error message.
struct Str<'a>(Cow<'a, str>);

impl Str<'_> {
    fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Str<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_string(V(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
struct RawWork<'a> {
    #[serde(borrow, default)]
    id: Option<Str<'a>>,
    #[serde(borrow, default)]
    doi: Option<Str<'a>>,
    #[serde(borrow, default)]
    title: Option<Str<'a>>,
    #[serde(borrow, default)]
    display_name: Option<Str<'a>>,
    #[serde(default)]
    publication_year: Option<i32>,
    #[serde(borrow, default, rename = "type")]
    work_type: Option<Str<'a>>,
    #[serde(borrow, default)]
    primary_location: Option<RawLocation<'a>>,
    #[serde(borrow, default)]
    authorships: Option<Vec<RawAuthorship<'a>>>,
    #[serde(borrow, default)]
    primary_topic: Option<RawTopic<'a>>,
    #[serde(borrow, default)]
    topics: Option<Vec<RawTopic<'a>>>,
    #[serde(borrow, default)]
    abstract_inverted_index: Option<InvertedIndex<'a>>,
    #[serde(default)]
    referenced_works: Option<ShortIds>,
    #[serde(default)]
    cited_by_count: Option<u64>,
    #[serde(borrow, default)]
    concepts: Option<Vec<RawConcept<'a>>>,
}

#[derive(Deserialize)]
struct RawConcept<'a> {
    #[serde(borrow, default)]
    id: Option<Str<'a>>,
    #[serde(default)]
    score: Option<f64>,
}

#[derive(Deserialize)]
struct RawLocation<'a> {
    #[serde(borrow, default)]
    source: Option<RawNamed<'a>>,
}

#[derive(Deserialize)]
struct RawNamed<'a> {
    #[serde(borrow, default)]
    display_name: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct RawLevel<'a> {
    #[serde(borrow, default)]
    id: Option<Str<'a>>,
    #[serde(borrow, default)]
    display_name: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct RawAuthorship<'a> {
    #[serde(borrow, default)]
    author: Option<RawNamed<'a>>,
    #[serde(borrow, default)]
    institutions: Option<Few<RawInstitution<'a>>>,
    #[serde(borrow, default)]
    raw_affiliation_strings: Option<FewStrings<'a>>,
}

#[derive(Deserialize)]
struct RawInstitution<'a> {
    #[serde(borrow, default)]
    id: Option<Str<'a>>,
    #[serde(borrow, default)]
    display_name: Option<Str<'a>>,
    #[serde(borrow, default)]
    ror: Option<Str<'a>>,
    #[serde(borrow, default, rename = "type")]
    kind: Option<Str<'a>>,
    #[serde(borrow, default)]
    country_code: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct RawTopic<'a> {
    #[serde(borrow, default)]
    id: Option<Str<'a>>,
    #[serde(borrow, default)]
    display_name: Option<Str<'a>>,
    #[serde(default)]
    score: Option<f64>,
    #[serde(borrow, default)]
    subfield: Option<RawLevel<'a>>,
    #[serde(borrow, default)]
    field: Option<RawLevel<'a>>,
    #[serde(borrow, default)]
    domain: Option<RawNamed<'a>>,
}

/// A list of strings (nulls skipped) that keeps the first one inline ([`Few`]): most authorships have one
/// raw affiliation string, so this usually allocates nothing.
#[derive(Default)]
struct FewStrings<'a>(Few<Str<'a>>);

impl<'a> FewStrings<'a> {
    fn into_iter(self) -> impl Iterator<Item = Str<'a>> {
        self.0.into_iter()
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for FewStrings<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = FewStrings<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                let mut out = Few::default();
                while let Some(item) = seq.next_element::<Option<Str<'de>>>()? {
                    if let Some(item) = item {
                        out.push(item);
                    }
                }
                Ok(FewStrings(out))
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

/// A list that keeps its first item inline: most authorships have one institution, so this usually
/// allocates nothing (a `Vec` would allocate room for four).
struct Few<T> {
    first: Option<T>,
    rest: Vec<T>,
}

impl<T> Default for Few<T> {
    fn default() -> Self {
        Few { first: None, rest: Vec::new() }
    }
}

impl<T> Few<T> {
    fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.rest.len()
    }

    fn push(&mut self, item: T) {
        if self.first.is_none() {
            self.first = Some(item);
        } else {
            self.rest.push(item);
        }
    }

    fn into_iter(self) -> impl Iterator<Item = T> {
        self.first.into_iter().chain(self.rest)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Few<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Few<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                // As `Vec`'s, so that a rejection reads as before.
                f.write_str("a sequence")
            }
            fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Few<T>, S::Error> {
                let mut out = Few::default();
                while let Some(item) = seq.next_element::<T>()? {
                    out.push(item);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

/// A list of OpenAlex ids read straight into short ids (`W123` for `https://openalex.org/W123`).
struct ShortIds(Vec<String>);

impl<'de> Deserialize<'de> for ShortIds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ShortIds;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of OpenAlex ids")
            }
            fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<ShortIds, S::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(16));
                while let Some(item) = seq.next_element::<Option<Str<'de>>>()? {
                    if let Some(id) = item {
                        out.push(short_id(&id).to_string());
                    }
                }
                Ok(ShortIds(out))
            }
        }
        d.deserialize_seq(V)
    }
}

/// `abstract_inverted_index` as its distinct words (each once, borrowed from the line) and
/// (position, word number) pairs in input order: no intermediate map, no vector per word and no copy of a
/// word per position.
#[derive(Default)]
struct InvertedIndex<'a> {
    words: Vec<Str<'a>>,
    positions: Vec<(u32, u32)>,
}

/// Appends the positions of word number `word` to the shared list.
struct Positions<'v> {
    word: u32,
    out: &'v mut Vec<(u32, u32)>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Positions<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Positions<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of word positions")
    }
    fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(p) = seq.next_element::<u32>()? {
            self.out.push((p, self.word));
        }
        Ok(())
    }
}

thread_local! {
    /// `!ReadOptions::abstracts` of the line being parsed on this thread (set by [`parse_work`]).
    static SKIP_ABSTRACTS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl<'de: 'a, 'a> Deserialize<'de> for InvertedIndex<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if SKIP_ABSTRACTS.with(|s| s.get()) {
            d.deserialize_ignored_any(serde::de::IgnoredAny)?;
            return Ok(InvertedIndex::default());
        }
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = InvertedIndex<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from words to lists of positions")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut out =
                    InvertedIndex { words: Vec::with_capacity(64), positions: Vec::with_capacity(128) };
                while let Some(word) = map.next_key::<Str<'de>>()? {
                    // More than 2^32 distinct words cannot fit in a line anyway.
                    let number = out.words.len() as u32;
                    out.words.push(word);
                    map.next_value_seed(Positions { word: number, out: &mut out.positions })?;
                }
                Ok(out)
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// Rebuild an abstract from its inverted index: words in position order, joined by single spaces. Dense
/// positions (the usual case) are placed directly (a word at a repeated position replaces the earlier
/// one); sparse or huge ones fall back to a stable sort (repeated positions keep every word, in input
/// order).
fn abstract_text(index: InvertedIndex<'_>) -> Option<String> {
    let InvertedIndex { words, mut positions } = index;
    if positions.is_empty() {
        return None;
    }
    let word = |k: u32| -> &str { &words[k as usize] };
    let len: usize = positions.iter().map(|&(_, w)| word(w).len() + 1).sum();
    let mut out = String::with_capacity(len);
    let max = positions.iter().map(|&(p, _)| p as usize).max().unwrap_or(0);
    if max < 4 * positions.len() + 16 {
        const EMPTY: u32 = u32::MAX;
        let mut slots: Vec<u32> = vec![EMPTY; max + 1];
        for &(p, w) in &positions {
            slots[p as usize] = w;
        }
        for w in slots.into_iter().filter(|&w| w != EMPTY) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word(w));
        }
    } else {
        positions.sort_by_key(|&(p, _)| p);
        for (i, &(_, w)) in positions.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word(w));
        }
    }
    Some(out)
}

fn short_id(id: &str) -> &str {
    id.strip_prefix("https://openalex.org/").unwrap_or(id)
}

fn owned(c: Option<Str<'_>>) -> Option<String> {
    c.map(Str::into_owned)
}

/// The last path segment of an OpenAlex id (`1702` of `https://openalex.org/subfields/1702`).
fn last_segment(id: &str) -> &str {
    // A byte loop from the end: the segment is a few bytes, so this finds the slash at once.
    match id.as_bytes().iter().rposition(|&c| c == b'/') {
        Some(k) => &id[k + 1..],
        None => id,
    }
}

fn topic(t: RawTopic<'_>) -> WorkTopic {
    let name = |n: Option<RawNamed<'_>>| n.and_then(|n| owned(n.display_name));
    let (subfield_id, subfield) = level(t.subfield);
    let (field_id, field) = level(t.field);
    WorkTopic {
        id: t.id.map(|i| short_id(&i).to_string()).unwrap_or_default(),
        display_name: owned(t.display_name).unwrap_or_default(),
        score: t.score,
        subfield,
        field,
        domain: name(t.domain),
        subfield_id,
        field_id,
    }
}

fn level(l: Option<RawLevel<'_>>) -> (Option<String>, Option<String>) {
    match l {
        Some(l) => (l.id.map(|i| last_segment(&i).to_string()), owned(l.display_name)),
        None => (None, None),
    }
}

/// The line as text. Validating UTF-8 once for the whole line is cheaper than serde_json checking every
/// string; simdutf8 does it with SIMD (the CPU's features detected at run time; 0.7% of the extraction's
/// CPU time in the profile of docs/openalex.md). A line that is not UTF-8 is checked again by std for its
/// message (the position of the first bad byte), so the rejection reads as before.
fn line_text(line: &[u8]) -> Result<&str, (String, String)> {
    match simdutf8::basic::from_utf8(line) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(line).map_err(|e| (String::new(), format!("not UTF-8 text: {e}"))),
    }
}

/// For the benchmark (`examples/openalex_bench.rs`) only, not an API: the typed parse of one line into
/// the borrowed wire structs by the scanner (serde_json for a line the scanner does not accept, as
/// [`parse_work`] does), dropped without building the work; whether the line parsed. The bench's
/// `extract` minus this is the cost of building the owned work; this minus the minimal parse is the cost
/// of parsing the fields into types.
#[doc(hidden)]
pub fn parse_wire_only(line: &[u8], opts: &ReadOptions) -> bool {
    let Ok(text) = line_text(line) else { return false };
    match scan::work(text, opts.abstracts) {
        Ok(raw) => {
            std::hint::black_box(raw);
            true
        }
        Err(_) => parse_wire_only_serde(line, opts),
    }
}

/// For the benchmark only, not an API: [`parse_wire_only`] through serde_json's derived visitors (the
/// reader before the scanner, kept as the reference).
#[doc(hidden)]
pub fn parse_wire_only_serde(line: &[u8], opts: &ReadOptions) -> bool {
    let Ok(text) = line_text(line) else { return false };
    SKIP_ABSTRACTS.with(|s| s.set(!opts.abstracts));
    serde_json::from_str::<RawWork<'_>>(text).map(std::hint::black_box).is_ok()
}

/// Parse one line into a work. The error is the JSON parser's message, or the missing field.
///
/// The line goes through the hand-written scanner (`openalex/scan.rs`), which accepts exactly the
/// lines serde_json accepts into the wire structs and reads the same values. A line the scanner does not
/// accept is parsed again by serde_json ([`parse_work_serde`]): a malformed line is then rejected with
/// serde_json's message (line and column), and the one form the scanner leaves to serde_json (a struct
/// written as a JSON array, which serde_json reads field by field) reads as it always did.
pub fn parse_work(line: &[u8], opts: &ReadOptions) -> Result<OpenAlexWork, (String, String)> {
    let text = line_text(line)?;
    match scan::work(text, opts.abstracts) {
        Ok(raw) => build_work(raw, opts),
        Err(_) => parse_text_serde(text, opts),
    }
}

/// For the benchmark only (`examples/openalex_parse_bench.rs`), not an API: the whole line skipped by
/// the scanner as one unread value (its checks of serde_json's `ignore_value`); whether it passed.
#[doc(hidden)]
pub fn scan_skip_only(line: &[u8]) -> bool {
    line_text(line).is_ok_and(scan::skip_line)
}

/// Not an API (tests, the fuzz target and the bench): [`parse_work`] through serde_json's derived
/// visitors only, the reader before the scanner and the reference the scanner is tested against.
#[doc(hidden)]
pub fn parse_work_serde(line: &[u8], opts: &ReadOptions) -> Result<OpenAlexWork, (String, String)> {
    parse_text_serde(line_text(line)?, opts)
}

/// Not an API (tests and the fuzz target): [`parse_work`] through the scanner only; `Err` when the
/// scanner does not accept the line (malformed, or a struct written as an array: see [`parse_work`]).
#[doc(hidden)]
pub fn parse_work_scanner(
    line: &[u8],
    opts: &ReadOptions,
) -> Result<Result<OpenAlexWork, (String, String)>, ScanStop> {
    let text = match line_text(line) {
        Ok(text) => text,
        Err(e) => return Ok(Err(e)),
    };
    scan::work(text, opts.abstracts).map(|raw| build_work(raw, opts))
}

fn parse_text_serde(text: &str, opts: &ReadOptions) -> Result<OpenAlexWork, (String, String)> {
    SKIP_ABSTRACTS.with(|s| s.set(!opts.abstracts));
    let raw: RawWork<'_> =
        serde_json::from_str(text).map_err(|e| (String::new(), format!("not a JSON work: {e}")))?;
    build_work(raw, opts)
}

/// The work of its wire structs (from the scanner or from serde_json).
fn build_work(raw: RawWork<'_>, opts: &ReadOptions) -> Result<OpenAlexWork, (String, String)> {
    let id = match raw.id.as_deref() {
        Some(id) if !id.is_empty() => short_id(id).to_string(),
        _ => return Err(("id".into(), "missing or null; every work needs its OpenAlex id".into())),
    };
    let authorships = raw.authorships.unwrap_or_default();
    let mut institution_ids = Vec::with_capacity(authorships.len());
    let authors = authorships
        .into_iter()
        .map(|a| {
            let institutions = a.institutions.unwrap_or_default();
            let mut ids = Vec::with_capacity(institutions.len());
            let mut affiliations = Vec::with_capacity(institutions.len());
            for inst in institutions.into_iter() {
                let Some(name) = inst.display_name.filter(|n| !n.trim().is_empty()) else { continue };
                let kind = inst.kind.as_deref().unwrap_or("");
                affiliations.push(match sector_of_institution_type(kind, opts) {
                    Some((sector, confidence)) => Affiliation {
                        raw: name.into_owned(),
                        sector,
                        confidence,
                        reason: type_reason(kind).to_string(),
                    },
                    None => Affiliation::unclassified(name.into_owned()),
                });
                ids.push(InstitutionIds {
                    id: inst.id.map(|i| short_id(&i).to_string()),
                    ror: owned(inst.ror),
                    country_code: owned(inst.country_code),
                    kind: (!kind.is_empty()).then(|| kind.to_string()),
                });
            }
            if affiliations.is_empty() {
                for s in a.raw_affiliation_strings.unwrap_or_default().into_iter() {
                    if !s.trim().is_empty() {
                        affiliations.push(Affiliation::unclassified(s.trim()));
                    }
                }
            }
            institution_ids.push(ids);
            Authorship::new(a.author.and_then(|n| owned(n.display_name)).unwrap_or_default(), affiliations)
        })
        .collect();
    let venue =
        raw.primary_location.and_then(|l| l.source).and_then(|s| owned(s.display_name)).unwrap_or_default();
    let primary_topic = raw.primary_topic.map(topic);
    let topics: Vec<WorkTopic> = raw.topics.unwrap_or_default().into_iter().map(topic).collect();
    // The paper carries the topics, primary first (each once).
    let source_topics = primary_topic
        .iter()
        .chain(topics.iter().filter(|t| Some(*t) != primary_topic.as_ref()))
        .map(|t| SourceTopic {
            name: t.display_name.clone(),
            subfield: t.subfield.clone().unwrap_or_default(),
            field: t.field.clone().unwrap_or_default(),
        })
        .collect();
    let paper = Paper {
        paper_id: id,
        year: raw.publication_year,
        venue,
        title: owned(raw.title.or(raw.display_name)).unwrap_or_default(),
        abstract_text: raw.abstract_inverted_index.and_then(abstract_text),
        keywords: Vec::new(),
        authors,
        team: None,
        source: "openalex".into(),
        status: Default::default(),
        status_label: None,
        citations: raw.cited_by_count,
        alignment: Default::default(),
        source_topics,
        team_variants: Vec::new(),
    };
    Ok(OpenAlexWork {
        paper,
        doi: owned(raw.doi),
        work_type: owned(raw.work_type),
        primary_topic,
        topics,
        referenced_works: raw.referenced_works.map(|r| r.0).unwrap_or_default(),
        cited_by_count: raw.cited_by_count,
        concepts: raw
            .concepts
            .unwrap_or_default()
            .into_iter()
            .filter_map(|c| Some(WorkConcept { id: short_id(&c.id?).to_string(), score: c.score }))
            .collect(),
        institution_ids,
    })
}

/// Whether a work is machine learning under `filter` (`Definitions::openalex_ml_filter`): any of its
/// topics (the primary one only with `primary_topic_only`) has a listed field, subfield or topic id, or a
/// concept with at least `concept_min_score` is listed.
pub fn is_ml_work(work: &OpenAlexWork, filter: &cd_domain::definitions::OpenAlexMlFilter) -> bool {
    let listed = |list: &[String], id: Option<&str>| id.is_some_and(|id| list.iter().any(|x| x == id));
    let topic_hit = |t: &WorkTopic| {
        listed(&filter.topics, Some(t.id.as_str()))
            || listed(&filter.subfields, t.subfield_id.as_deref())
            || listed(&filter.fields, t.field_id.as_deref())
    };
    let topics_hit = if filter.primary_topic_only {
        work.primary_topic.as_ref().is_some_and(topic_hit)
    } else {
        work.primary_topic.as_ref().is_some_and(topic_hit) || work.topics.iter().any(topic_hit)
    };
    topics_hit
        || work
            .concepts
            .iter()
            .any(|c| c.score.unwrap_or(0.0) >= filter.concept_min_score && filter.concepts.contains(&c.id))
}

/// Position of the first `\n` (memchr: SIMD, many bytes per instruction; lines are ~6 KB, so a byte loop
/// would cost a few microseconds per work).
fn find_newline(hay: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', hay)
}

/// Longest line read (one OpenAlex work is a few KB; the longest seen is about 2 MB): a longer line is
/// a rejection naming its line and length, skipped without being held in memory (a 1 MB `.gz` holding one
/// 1 GiB line took 3.15 GB).
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Calls `each(line_number, line)` for every line of a stream, reading it in large chunks and handing out
/// slices of the chunk (no copy per line; only a partial last line moves to the front of the buffer).
/// A line longer than `max_line` bytes is skipped as it streams by (memory stays under twice the limit)
/// and reported by `too_long(line_number, bytes)`. An I/O error (a truncated gzip member) ends the
/// stream: it is returned with the number of the line that could not be read.
fn for_each_line(
    mut reader: impl Read,
    max_line: usize,
    each: &mut dyn FnMut(usize, &[u8]),
    too_long: &mut dyn FnMut(usize, u64),
) -> Result<(), (usize, std::io::Error)> {
    let mut buf = vec![0u8; (1 << 20).min(max_line.max(1) * 2)];
    let (mut start, mut end, mut line_no) = (0usize, 0usize, 0usize);
    // Bytes of an over-long line skipped so far, while one is being skipped.
    let mut skipping: Option<u64> = None;
    loop {
        if start > 0 && (end - start) < buf.len() / 2 {
            buf.copy_within(start..end, 0);
            end -= start;
            start = 0;
        }
        if skipping.is_none() && end - start > max_line {
            // The line in the buffer is already too long: skip it from here on.
            skipping = Some((end - start) as u64);
            (start, end) = (0, 0);
        }
        if end == buf.len() {
            // A line longer than the buffer (and within the limit): grow it.
            let new_len = buf.len() * 2;
            buf.resize(new_len, 0);
        }
        let n = match reader.read(&mut buf[end..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err((line_no + 1, e)),
        };
        if n == 0 {
            if let Some(skipped) = skipping {
                line_no += 1;
                too_long(line_no, skipped + (end - start) as u64);
            } else if start < end {
                line_no += 1;
                each(line_no, &buf[start..end]);
            }
            return Ok(());
        }
        let scan_from = end;
        end += n;
        let mut at = scan_from;
        if let Some(skipped) = skipping {
            match find_newline(&buf[at..end]) {
                Some(k) => {
                    line_no += 1;
                    too_long(line_no, skipped + (at + k - start) as u64);
                    skipping = None;
                    start = at + k + 1;
                    at = start;
                }
                None => {
                    skipping = Some(skipped + (end - start) as u64);
                    (start, end) = (0, 0);
                    continue;
                }
            }
        }
        while let Some(k) = find_newline(&buf[at..end]) {
            let nl = at + k;
            line_no += 1;
            each(line_no, &buf[start..nl]);
            start = nl + 1;
            at = start;
        }
    }
}

/// Open a file as a raw byte stream, decompressing gzip (detected by its magic bytes, any number of
/// members).
fn open_stream(path: &Path) -> Result<Box<dyn Read + Send>, PaperError> {
    let mut file = BufReader::with_capacity(1 << 16, open(path)?);
    let head =
        file.fill_buf().map_err(|source| PaperError::Io { file: path.display().to_string(), source })?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(flate2::bufread::MultiGzDecoder::new(file)))
    } else {
        Ok(Box::new(file))
    }
}

/// How a line becomes a work: [`parse_work`], or (the bench's reference) [`parse_work_serde`].
type LineParser = fn(&[u8], &ReadOptions) -> Result<OpenAlexWork, (String, String)>;

fn read_lines_into(
    name: &str,
    reader: impl Read,
    opts: &ReadOptions,
    parse: LineParser,
    counter: &AtomicU64,
    sink: &mut dyn FnMut(OpenAlexWork),
) -> ReadReport {
    let mut report = ReadReport::new(name);
    let mut pending = 0u64;
    let mut long_lines: Vec<(usize, u64)> = Vec::new();
    let result = for_each_line(
        reader,
        MAX_LINE_BYTES,
        &mut |line_no, line| {
            let text = line.trim_ascii();
            if text.is_empty() {
                return;
            }
            match parse(text, opts) {
                Ok(w) => {
                    report.loaded();
                    sink(w);
                }
                Err((field, reason)) => report.reject(line_no, field, reason),
            }
            pending += 1;
            if pending == 1024 {
                counter.fetch_add(pending, Ordering::Relaxed);
                pending = 0;
            }
        },
        &mut |line_no, bytes| long_lines.push((line_no, bytes)),
    );
    counter.fetch_add(pending, Ordering::Relaxed);
    // Rejections in line order (the over-long lines were collected apart).
    for (line_no, bytes) in long_lines {
        report.reject(
            line_no,
            "",
            format!("line of {bytes} bytes, longer than the limit of {MAX_LINE_BYTES} bytes; skipped"),
        );
    }
    report.rejections.sort_by_key(|r| r.row);
    if let Err((line_no, e)) = result {
        report.reject(
            line_no,
            "",
            format!(
                "input ends in error ({e}); a truncated gzip member or a broken file: lines from here on are lost"
            ),
        );
    }
    report
}

/// Stream one file, handing each work to `sink`. `counter` counts works across files (for the bar).
pub fn read_openalex_file(
    path: &Path,
    opts: &ReadOptions,
    counter: &AtomicU64,
    sink: &mut dyn FnMut(OpenAlexWork),
) -> Result<ReadReport, PaperError> {
    read_file_by(path, opts, parse_work, counter, sink)
}

fn read_file_by(
    path: &Path,
    opts: &ReadOptions,
    parse: LineParser,
    counter: &AtomicU64,
    sink: &mut dyn FnMut(OpenAlexWork),
) -> Result<ReadReport, PaperError> {
    let reader = open_stream(path)?;
    Ok(read_lines_into(&path.display().to_string(), reader, opts, parse, counter, sink))
}

/// Read many files in parallel, handing each work to `sink` together with the index of its file. The sink
/// is called from several threads; the per-file reports come back in the order of `paths`.
pub fn for_each_openalex_work(
    paths: &[PathBuf],
    opts: &ReadOptions,
    sink: &(dyn Fn(usize, OpenAlexWork) + Sync),
) -> Result<Vec<ReadReport>, PaperError> {
    for_each_work_by(paths, opts, parse_work, sink)
}

/// For the benchmark only, not an API: [`for_each_openalex_work`] with every line parsed by serde_json's
/// derived visitors ([`parse_work_serde`], the reader before the scanner), so that the bench measures
/// the two parsers in the same run through the same reader.
#[doc(hidden)]
pub fn for_each_openalex_work_serde(
    paths: &[PathBuf],
    opts: &ReadOptions,
    sink: &(dyn Fn(usize, OpenAlexWork) + Sync),
) -> Result<Vec<ReadReport>, PaperError> {
    for_each_work_by(paths, opts, parse_work_serde, sink)
}

fn for_each_work_by(
    paths: &[PathBuf],
    opts: &ReadOptions,
    parse: LineParser,
    sink: &(dyn Fn(usize, OpenAlexWork) + Sync),
) -> Result<Vec<ReadReport>, PaperError> {
    use rayon::prelude::*;
    let counter = AtomicU64::new(0);
    let done = std::sync::atomic::AtomicBool::new(false);
    let bar = if opts.progress {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed_precise}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Some(pb)
    } else {
        None
    };
    let start = std::time::Instant::now();
    let reports = std::thread::scope(|scope| {
        if let Some(pb) = &bar {
            let (counter, done) = (&counter, &done);
            scope.spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    let n = counter.load(Ordering::Relaxed);
                    let rate = n as f64 / start.elapsed().as_secs_f64().max(1e-9);
                    pb.set_message(format!("OpenAlex: {n} works, {rate:.0} works/s"));
                    pb.tick();
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
            });
        }
        let r: Result<Vec<ReadReport>, PaperError> = paths
            .par_iter()
            .enumerate()
            .map(|(i, p)| read_file_by(p, opts, parse, &counter, &mut |w| sink(i, w)))
            .collect();
        done.store(true, Ordering::Relaxed);
        r
    })?;
    if let Some(pb) = bar {
        let n = counter.load(Ordering::Relaxed);
        pb.finish_with_message(format!("OpenAlex: {n} works in {:.1} s", start.elapsed().as_secs_f64()));
    }
    Ok(reports)
}

/// Read many files in parallel and collect every work, in file order then line order.
pub fn read_openalex(paths: &[PathBuf], opts: &ReadOptions) -> Result<OpenAlexRead, PaperError> {
    let per_file: Vec<std::sync::Mutex<Vec<OpenAlexWork>>> =
        paths.iter().map(|_| std::sync::Mutex::new(Vec::new())).collect();
    let reports = for_each_openalex_work(paths, opts, &|i, w| {
        per_file[i].lock().expect("no panics while holding the lock").push(w)
    })?;
    let works = per_file.into_iter().flat_map(|m| m.into_inner().expect("not poisoned")).collect();
    Ok(OpenAlexRead { works, reports })
}

/// Read a whole stream (for tests and in-memory data): same rules as a file.
pub fn read_openalex_stream(
    name: &str,
    reader: impl Read,
    opts: &ReadOptions,
) -> (Vec<OpenAlexWork>, ReadReport) {
    let mut works = Vec::new();
    let report = read_lines_into(name, reader, opts, parse_work, &AtomicU64::new(0), &mut |w| works.push(w));
    (works, report)
}

/// OpenAlex works snapshots: `.jsonl`, `.json` or `.gz` files (JSON Lines, plain or gzip), read together
/// in parallel.
pub struct OpenAlex;

impl super::source::PaperSource for OpenAlex {
    fn name(&self) -> &'static str {
        "openalex"
    }

    fn recognise(&self, probe: &super::source::Probe) -> bool {
        let n = &probe.name;
        n.ends_with(".jsonl") || n.ends_with(".json") || n.ends_with(".gz")
    }

    fn read(&self, paths: &[PathBuf], opts: &ReadOptions) -> Result<super::source::SourceRead, PaperError> {
        let read = read_openalex(paths, opts)?;
        Ok(super::source::SourceRead {
            papers: read.works.into_iter().map(|w| w.paper).collect(),
            reports: read.reports,
        })
    }

    fn reads_together(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abstracts_with_gaps_duplicates_sparse_positions_and_escaped_words() {
        // Expected texts worked out by hand from the rule in `abstract_text`, and identical to what the
        // reader printed before its inverted index stopped copying a word per position.
        let opts = ReadOptions::default();
        let text = |line: &str| parse_work(line.as_bytes(), &opts).unwrap().paper.abstract_text;
        // Dense, with gaps (7 is missing), a word at two positions and escaped words (owned, not borrowed).
        let line = r#"{"id":"W1","abstract_inverted_index":{"The":[0],"model":[1,4],"works":[2],"a\"b":[6],"\u00e9t\u00e9":[3,5]}}"#;
        assert_eq!(text(line).as_deref(), Some("The model works été model été a\"b"));
        // Dense, two words at one position: the later one replaces the earlier.
        let line = r#"{"id":"W2","abstract_inverted_index":{"x":[0],"y":[0],"z":[1]}}"#;
        assert_eq!(text(line).as_deref(), Some("y z"));
        // Sparse (position 1000 for 4 positions): sorted, a repeated position keeps both words in input order.
        let line =
            r#"{"id":"W3","abstract_inverted_index":{"far":[1000],"near":[0],"mid":[500],"dup":[500]}}"#;
        assert_eq!(text(line).as_deref(), Some("near mid dup far"));
        // No positions at all: no abstract.
        assert_eq!(text(r#"{"id":"W4","abstract_inverted_index":{"only":[]}}"#), None);
    }

    #[test]
    fn ml_filter_looks_at_topic_levels_and_scored_concepts() {
        use cd_domain::definitions::OpenAlexMlFilter;
        let opts = ReadOptions::default();
        let topic = |id: &str, sub: &str, field: &str| {
            format!(
                r#"{{"id":"https://openalex.org/{id}","display_name":"t","subfield":{{"id":"https://openalex.org/subfields/{sub}","display_name":"s"}},"field":{{"id":"https://openalex.org/fields/{field}","display_name":"f"}}}}"#
            )
        };
        let work = |primary: &str, others: &str, concepts: &str| {
            let line = format!(
                r#"{{"id":"W1","primary_topic":{primary},"topics":[{others}],"concepts":[{concepts}]}}"#
            );
            parse_work(line.as_bytes(), &opts).unwrap()
        };
        let f = OpenAlexMlFilter::default();
        let ai = topic("T1", "1702", "17");
        let eco = topic("T2", "2002", "20");
        assert!(is_ml_work(&work(&ai, &eco, ""), &f));
        assert!(is_ml_work(&work(&eco, &ai, ""), &f));
        let primary_only = OpenAlexMlFilter { primary_topic_only: true, ..f.clone() };
        assert!(!is_ml_work(&work(&eco, &ai, ""), &primary_only));
        assert!(!is_ml_work(&work(&eco, "", ""), &f));
        // Machine learning at 0.6 counts, at 0.4 not (minimum 0.5).
        let ml = |score: f64| format!(r#"{{"id":"https://openalex.org/C119857082","score":{score}}}"#);
        assert!(is_ml_work(&work(&eco, "", &ml(0.6)), &f));
        assert!(!is_ml_work(&work(&eco, "", &ml(0.4)), &f));
        // Field and topic ids.
        let by_field = OpenAlexMlFilter { fields: vec!["20".into()], ..f.clone() };
        assert!(is_ml_work(&work(&eco, "", ""), &by_field));
        let by_topic = OpenAlexMlFilter { topics: vec!["T2".into()], ..f };
        assert!(is_ml_work(&work(&eco, "", ""), &by_topic));
    }

    #[test]
    fn lines_are_checked_for_utf8_with_std_message() {
        let opts = ReadOptions::default();
        // Non-ASCII text passes (two-byte, three-byte and four-byte characters), as with std.
        let ok = "{\"id\":\"W1\",\"title\":\"caf\u{e9} \u{2014} \u{1f600}\"}";
        assert_eq!(parse_work(ok.as_bytes(), &opts).unwrap().paper.title, "caf\u{e9} \u{2014} \u{1f600}");
        // A Latin-1 byte: rejected with std's message and position, as before simdutf8.
        let bad = b"{\"id\":\"W1\",\"title\":\"caf\xe9\"}";
        let (field, reason) = parse_work(bad, &opts).err().unwrap();
        assert_eq!(field, "");
        assert_eq!(reason, "not UTF-8 text: invalid utf-8 sequence of 1 bytes from index 23");
        // Cut inside a character at the very end.
        let (_, reason) = parse_work(&"{\"id\":\"\u{e9}".as_bytes()[..8], &opts).err().unwrap();
        assert_eq!(reason, "not UTF-8 text: incomplete utf-8 byte sequence from index 7");
        assert!(!parse_wire_only(bad, &opts));
    }

    #[test]
    fn strings_borrow_unless_escaped_and_fail_like_string() {
        let s: Str<'_> = serde_json::from_str(r#""plain""#).unwrap();
        assert!(matches!(s.0, Cow::Borrowed("plain")));
        let s: Str<'_> = serde_json::from_str(r#""tab\there""#).unwrap();
        assert!(matches!(&s.0, Cow::Owned(o) if o == "tab\there"));
        let ours = serde_json::from_str::<Str<'_>>("5").err().unwrap().to_string();
        let std = serde_json::from_str::<String>("5").err().unwrap().to_string();
        assert_eq!(ours, std);
    }

    #[test]
    fn newline_search_agrees_with_a_byte_loop() {
        let text: Vec<u8> = (0..300u32)
            .map(|i| if i % 37 == 36 || i == 299 { b'\n' } else { b'a' + (i % 26) as u8 })
            .collect();
        for start in 0..text.len() {
            for end in start..text.len().min(start + 60) {
                let hay = &text[start..end];
                assert_eq!(find_newline(hay), hay.iter().position(|&b| b == b'\n'), "{start}..{end}");
            }
        }
        // Bytes 0x8a / 0x0b next to '\n' must not be mistaken for it.
        let tricky = [0x8a, 0x0b, 0x09, 0x8a, 0x0a, 0x8a, 0x0b, 0x0b, 0x0b, 0x0a];
        assert_eq!(find_newline(&tricky), Some(4));
    }

    /// Issue 11: one huge line (a 1 MB `.gz` of one 1 GiB line took 3.15 GB) is skipped as it streams by
    /// and reported with its line number and length; the lines around it are read, and the buffer never
    /// grows past twice the limit.
    #[test]
    fn over_long_lines_are_skipped_and_reported() {
        struct Chunks<'a>(&'a [u8], usize);
        impl std::io::Read for Chunks<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.1.min(out.len()).min(self.0.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let long = "x".repeat(1000);
        let data = format!("short\n{long}\nok\n{long}{long}\nlast\n{long}");
        for chunk in [1, 7, 64, 4096] {
            let (mut seen, mut long_seen) = (Vec::new(), Vec::new());
            for_each_line(
                Chunks(data.as_bytes(), chunk),
                100,
                &mut |n, l| seen.push((n, String::from_utf8_lossy(l).into_owned())),
                &mut |n, bytes| long_seen.push((n, bytes)),
            )
            .unwrap();
            let want: Vec<(usize, String)> = vec![(1, "short".into()), (3, "ok".into()), (5, "last".into())];
            assert_eq!(seen, want, "chunk {chunk}");
            assert_eq!(long_seen, vec![(2, 1000), (4, 2000), (6, 1000)], "chunk {chunk}");
        }
    }

    #[test]
    fn lines_across_chunk_boundaries_and_without_final_newline() {
        let mut data = Vec::new();
        for i in 0..5000 {
            data.extend(format!("line {i} {}\n", "x".repeat(i % 700)).bytes());
        }
        data.extend(b"last line without newline");
        let mut seen = Vec::new();
        for_each_line(&data[..], MAX_LINE_BYTES, &mut |n, l| seen.push((n, l.len())), &mut |_, _| {
            panic!("no long line")
        })
        .unwrap();
        assert_eq!(seen.len(), 5001);
        assert_eq!(seen[4999], (5000, format!("line 4999 {}", "x".repeat(4999 % 700)).len()));
        assert_eq!(seen[5000].1, "last line without newline".len());
    }
}
