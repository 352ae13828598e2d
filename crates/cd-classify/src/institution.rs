//! The institution classifier: the sector of an organisation name or a raw affiliation string.
//!
//! Built once from registry records (GRID 2016, the world universities list) that `cd-ingest` reads, plus
//! the curated list (`curated`) and string rules (`rules`); it never opens a file itself. Lookups are
//! hash-map probes on normalised names, so classifying is fast (well over 100k names/s on one core).
//!
//! Decision order for one institution (first hit wins; the reason says which step decided):
//! 1. curated list, exact name (of the whole string, without parentheses, or one `/` alternative), or a
//!    curated acronym as the whole string;
//! 2. curated list, exact name of a comma-separated segment (`Google Brain, Mountain View`);
//! 3. curated list, a name inside the string (longest, leftmost: `Microsoft Research Asia, Beijing`), or
//!    a curated acronym as an upper-case word (`Dept. of EECS, MIT`);
//! 4. registry (GRID name or alias, world universities), exact name of the string or of a segment of two
//!    words or more (GRID has one-word names that are common words: `Scope`, `Skills`); GRID's country
//!    suffixes (`Google (United States)`) are dropped; an untyped GRID entry takes its parent's type;
//! 5. string rules on each segment, the most confident segment winning (`Department of X, Acme Corp.`);
//! 6. registry name of two or more words inside the string; a GRID acronym (unique in GRID) as a segment;
//! 7. otherwise unknown.
//!
//! The curated list wins over GRID because GRID 2016 lacks the labs founded since and types some
//! AI-relevant entities oddly. Strings naming several institutions are split (`split_institutions`);
//! `classify_parts` returns one classification per institution.

use crate::curated::{CuratedKind, CURATED};
use crate::index::{CompactIndex, Hit, HitRecord, StrTable, TextBuilder};
use crate::normalize::{normalize, split_parentheses};
use crate::rules;
use cd_domain::registry::{GridInstitution, GridType, University};
use cd_domain::{Definitions, Sector};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The disputable choices of the classifier. Defaults follow Epoch's own labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClassifierOptions {
    /// Sector of public research institutes (Max Planck, INRIA, CNRS, RIKEN, Chinese Academy of Sciences,
    /// Shanghai AI Lab, Mila, Vector Institute, GRID type `Facility`, names with `Institute`/`Research
    /// Center`). Default academia, as Epoch labels them; government is the stricter reading.
    pub research_institute_sector: Sector,
    /// Sector of hospitals and medical centres (GRID type `Healthcare`, names with `Hospital`/`Medical
    /// Center`). Default academia: in research authorship they are overwhelmingly academic medical centres.
    pub hospital_sector: Sector,
}

impl Default for ClassifierOptions {
    fn default() -> Self {
        ClassifierOptions { research_institute_sector: Sector::Academia, hospital_sector: Sector::Academia }
    }
}

impl ClassifierOptions {
    pub fn from_definitions(defs: &Definitions) -> ClassifierOptions {
        ClassifierOptions {
            research_institute_sector: defs.research_institute_sector,
            hospital_sector: defs.hospital_sector,
        }
    }
}

/// The sector of one institution, with how sure the classifier is and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub sector: Sector,
    /// 0..=1; 0 when unknown.
    pub confidence: f64,
    /// Which step decided, in words (`curated list: DeepMind`, `GRID grid.116068.8 (Education)` ...).
    pub reason: String,
    /// The registry or curated name that matched, if any.
    pub matched: Option<String>,
}

impl Classification {
    pub fn unknown(reason: impl Into<String>) -> Classification {
        Classification { sector: Sector::Unknown, confidence: 0.0, reason: reason.into(), matched: None }
    }

    pub fn is_known(&self) -> bool {
        self.sector != Sector::Unknown
    }
}

/// Where a hit came from; decides whether a conditional split is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// Curated or registry name (or acronym) matched exactly.
    Exact,
    /// Curated or registry name found inside the string.
    Contained,
    /// String rule.
    Rule,
}

#[derive(Debug, Clone)]
struct CuratedHit {
    kind: CuratedKind,
    display: &'static str,
    exact_only: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct RegistryHit {
    sector: Sector,
    confidence: f64,
    /// Display name and source, e.g. `Massachusetts Institute of Technology (GRID grid.116068.8, Education)`.
    source: String,
    name: String,
    priority: u8,
}

/// The part of the classifier built from the registries (GRID, the world universities list), as it is
/// built; [`RegistryIndex::freeze`] turns it into the compact form the classifier keeps and stores
/// ([`InstitutionClassifier::index_bytes`]). Every hit is kept once; the maps hold its position.
#[derive(Debug, Clone, Default)]
struct RegistryIndex {
    hits: Vec<RegistryHit>,
    /// Normalised GRID names and aliases, and world-universities names.
    names: HashMap<String, u32>,
    max_words: usize,
    /// GRID acronyms; `None` when institutions of several sectors share one.
    acronyms: HashMap<String, Option<u32>>,
    /// Web domains of the world universities list (`ucl.ac.uk`), for strings that are an e-mail address
    /// or a domain.
    domains: HashMap<String, u32>,
}

impl RegistryIndex {
    fn freeze(self) -> CompactIndex {
        let mut text = TextBuilder::default();
        let hits = self
            .hits
            .iter()
            .map(|h| HitRecord {
                sector: h.sector,
                confidence: h.confidence,
                priority: h.priority,
                source: text.add(&h.source),
                name: text.add(&h.name),
            })
            .collect();
        let names = StrTable::build(&self.names, &mut text);
        let acronyms: HashMap<String, u32> =
            self.acronyms.into_iter().map(|(k, v)| (k, v.unwrap_or(CompactIndex::AMBIGUOUS))).collect();
        let acronyms = StrTable::build(&acronyms, &mut text);
        let domains = StrTable::build(&self.domains, &mut text);
        let max_words = u32::try_from(self.max_words).unwrap_or(u32::MAX);
        CompactIndex::new(text, hits, names, max_words, acronyms, domains)
    }
}

struct Inner {
    options: ClassifierOptions,
    curated: HashMap<String, CuratedHit>,
    curated_max_words: usize,
    curated_acronyms: HashMap<&'static str, CuratedHit>,
    registry: CompactIndex,
}

/// Why stored classifier index bytes were not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError(String);

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "classifier index: {}", self.0)
    }
}

impl std::error::Error for IndexError {}

impl IndexError {
    pub(crate) fn new(msg: impl Into<String>) -> IndexError {
        IndexError(msg.into())
    }
}

/// Version of the stored index layout ([`InstitutionClassifier::index_bytes`]); part of any cache key.
pub const INDEX_FORMAT: u32 = 1;

/// The source files whose code decides what the index holds (name normalisation, the registry part of
/// the classifier, the e-mail domain classifier): a cache key that includes them is invalidated by any
/// change to that code.
pub const INDEX_SOURCES: [&str; 4] = [
    include_str!("normalize.rs"),
    include_str!("institution.rs"),
    include_str!("index.rs"),
    include_str!("evidence.rs"),
];

/// The stored index: a format version, the options it was built under, and two sections encoded on
/// their own, so that the e-mail domain section is decoded only when a paper needs it.
/// The sections are borrowed byte strings, so that reading does not copy them byte by byte.
#[derive(Serialize, Deserialize)]
struct IndexFile<'a> {
    format: u32,
    options: ClassifierOptions,
    institutions: &'a [u8],
    email_domains: &'a [u8],
}

type DomainInit = Box<dyn FnOnce() -> crate::evidence::DomainClassifier + Send>;

/// The e-mail domain classifier, built (or decoded) the first time it is asked for.
struct LazyDomains {
    cell: OnceLock<crate::evidence::DomainClassifier>,
    init: Mutex<Option<DomainInit>>,
    options: ClassifierOptions,
}

impl LazyDomains {
    fn ready(d: crate::evidence::DomainClassifier, options: ClassifierOptions) -> LazyDomains {
        LazyDomains { cell: OnceLock::from(d), init: Mutex::new(None), options }
    }

    fn deferred(init: DomainInit, options: ClassifierOptions) -> LazyDomains {
        LazyDomains { cell: OnceLock::new(), init: Mutex::new(Some(init)), options }
    }

    fn get(&self) -> &crate::evidence::DomainClassifier {
        self.cell.get_or_init(|| {
            let init = self.init.lock().unwrap_or_else(|e| e.into_inner()).take();
            match init {
                Some(f) => f(),
                // Only reachable if a first initialiser panicked; the curated list still answers.
                None => crate::evidence::DomainClassifier::curated_only(self.options),
            }
        })
    }
}

/// Sector classifier for institution names and raw affiliation strings. Cheap to clone (shared inside).
/// It carries the e-mail domain classifier built from the same registries
/// ([`InstitutionClassifier::email_domains`]), which a classifier read back from stored bytes decodes
/// only when it is first asked for.
#[derive(Clone)]
pub struct InstitutionClassifier {
    inner: Arc<Inner>,
    email_domains: Arc<LazyDomains>,
    /// Parts of strings classified beforehand ([`InstitutionClassifier::remembering`]).
    memo: Option<Arc<PartsMemo>>,
}

type PartsMemo = HashMap<String, Vec<(String, Classification)>>;

impl std::fmt::Debug for InstitutionClassifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InstitutionClassifier")
            .field("options", &self.inner.options)
            .field("curated_names", &self.inner.curated.len())
            .field("registry_names", &self.inner.registry.names.len())
            .finish()
    }
}

fn grid_sector(t: GridType, o: &ClassifierOptions) -> Option<(Sector, f64, u8)> {
    Some(match t {
        GridType::Education => (Sector::Academia, 0.95, 7),
        GridType::Company => (Sector::Industry, 0.9, 6),
        GridType::Government => (Sector::Government, 0.9, 5),
        GridType::Nonprofit => (Sector::NonProfit, 0.85, 4),
        GridType::Facility => (o.research_institute_sector, 0.8, 3),
        GridType::Healthcare => (o.hospital_sector, 0.8, 2),
        // Archives (museums, libraries) and `Other` say too little to decide; rules get a chance.
        GridType::Archive | GridType::Other => return None,
    })
}

pub(crate) fn is_acronym(name: &str) -> bool {
    name.len() >= 2
        && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && name.chars().any(|c| c.is_ascii_uppercase())
}

fn word_count(s: &str) -> usize {
    if s.is_empty() {
        0
    } else {
        s.split(' ').count()
    }
}

/// Byte ranges of the words of a normalised string (words separated by single spaces).
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        if b == b' ' {
            spans.push((start, i));
            start = i + 1;
        }
    }
    if start < s.len() {
        spans.push((start, s.len()));
    }
    spans
}

/// Longest, then leftmost, sub-phrase of `s` (whole words) accepted by `probe`.
fn longest_inner<T>(
    s: &str,
    max_words: usize,
    min_words: usize,
    probe: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let spans = word_spans(s);
    let n = spans.len();
    for len in (min_words..=max_words.min(n)).rev() {
        for start in 0..=(n - len) {
            let phrase = &s[spans[start].0..spans[start + len - 1].1];
            if let Some(hit) = probe(phrase) {
                return Some(hit);
            }
        }
    }
    None
}

/// Dots of dotted acronyms removed (`M.I.T.` → `MIT`, `K.U. Leuven` → `KU Leuven`): a dot right after a
/// single capital letter that starts a word or follows another such dot. A word glued on after the
/// dot is kept apart (`U.C.Louvain` → `UC Louvain`, `U.Tuebingen` → `U Tuebingen`).
fn undot(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '.' && i >= 1 && chars[i - 1].is_ascii_uppercase() {
            let starts_word = i == 1 || matches!(chars[i - 2], ' ' | '.' | '(' | '/' | ',' | '-');
            if starts_word {
                let next_is_word = chars.get(i + 1).is_some_and(|c| c.is_alphabetic())
                    && chars.get(i + 2).is_some_and(|c| *c != '.');
                if next_is_word {
                    out.push(' ');
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// US state codes: the segment before one is a city (`Princeton, NJ`), not an institution.
const US_STATES: [&str; 51] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
    "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
    "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
];

/// Recruiting and similar noise cut off the end of a raw string (`Amazon - We are hiring!` → `Amazon`).
fn strip_noise(raw: &str) -> &str {
    const NOISE: [&str; 5] = ["we are hiring", "we're hiring", "we’re hiring", "is hiring", "now hiring"];
    let lower = raw.to_lowercase();
    // Lower-casing can change byte offsets outside ASCII; only cut where it did not.
    if lower.len() != raw.len() {
        return raw;
    }
    match NOISE.iter().filter_map(|n| lower.find(n)).min() {
        Some(0) | None => raw,
        Some(i) => raw[..i].trim_end_matches(|c: char| c.is_whitespace() || "-–—,:;!(".contains(c)),
    }
}

/// Split a string on separators that always separate institutions (`;`, `|`, newline).
fn hard_split(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([';', '|', '\n']).map(str::trim).filter(|s| !s.is_empty())
}

/// Separators that separate institutions only when both sides are institutions
/// (`Stanford University and Google` but not `University of Science and Technology`). A slash separates
/// only institutions of different sectors (`Cornell/Google`), since it also joins two names of one
/// institution (`University of Montreal / Université de Montréal`).
const SOFT_SEPARATORS: [&str; 6] = [" & ", " and ", " And ", " + ", " / ", "/"];

impl InstitutionClassifier {
    /// Build from GRID institutions and world universities (either may be empty), the curated list and
    /// the rules.
    pub fn new(grid: &[GridInstitution], universities: &[University], options: ClassifierOptions) -> Self {
        let domains = crate::evidence::DomainClassifier::new(grid, &[], universities, options);
        Self::from_parts(options, RegistryIndex::build(grid, universities, &options).freeze(), domains)
    }

    /// Build from GRID institutions with their homepages (`links`: GRID id → URL, for the e-mail domain
    /// classifier) and the world universities list: `new` followed by `with_grid_links`, building the
    /// e-mail domain classifier once.
    pub fn build(
        grid: &[GridInstitution],
        links: &[(String, String)],
        universities: &[University],
        options: ClassifierOptions,
    ) -> Self {
        let domains = crate::evidence::DomainClassifier::new(grid, links, universities, options);
        Self::from_parts(options, RegistryIndex::build(grid, universities, &options).freeze(), domains)
    }

    fn from_parts(
        options: ClassifierOptions,
        registry: CompactIndex,
        domains: crate::evidence::DomainClassifier,
    ) -> Self {
        InstitutionClassifier {
            inner: Arc::new(Inner::curated(options, registry)),
            email_domains: Arc::new(LazyDomains::ready(domains, options)),
            memo: None,
        }
    }

    /// The registry part of the classifier and its e-mail domain classifier as bytes (postcard), to be
    /// stored and read back with [`InstitutionClassifier::from_index_bytes`]. The same registries and
    /// options always give the same bytes. The curated list and the rules are code and are not stored.
    pub fn index_bytes(&self) -> Result<Vec<u8>, IndexError> {
        let enc =
            |r: Result<Vec<u8>, postcard::Error>| r.map_err(|e| IndexError(format!("cannot encode: {e}")));
        let institutions = enc(postcard::to_stdvec(&self.inner.registry))?;
        let email_domains = enc(postcard::to_stdvec(&self.email_domains().to_wire()))?;
        let file = IndexFile {
            format: INDEX_FORMAT,
            options: self.inner.options,
            institutions: &institutions,
            email_domains: &email_domains,
        };
        enc(postcard::to_stdvec(&file))
    }

    /// A classifier from bytes of [`InstitutionClassifier::index_bytes`]: the institution section is
    /// decoded now (an error if it does not decode, or if the bytes were built under another format
    /// version or other options); the e-mail domain section when it is first asked for, and should it
    /// fail to decode then, `fallback` builds the domain classifier instead.
    pub fn from_index_bytes(
        bytes: &[u8],
        options: ClassifierOptions,
        fallback: impl FnOnce() -> crate::evidence::DomainClassifier + Send + 'static,
    ) -> Result<Self, IndexError> {
        let file: IndexFile =
            postcard::from_bytes(bytes).map_err(|e| IndexError(format!("cannot decode: {e}")))?;
        if file.format != INDEX_FORMAT {
            return Err(IndexError(format!("format {} where {INDEX_FORMAT} is read", file.format)));
        }
        if file.options != options {
            return Err(IndexError(format!("built for {:?}, wanted {options:?}", file.options)));
        }
        let registry: CompactIndex = postcard::from_bytes(file.institutions)
            .map_err(|e| IndexError(format!("cannot decode the institution section: {e}")))?;
        if !registry.valid() {
            return Err(IndexError("the institution section points outside itself".into()));
        }
        let section = file.email_domains.to_vec();
        let init: DomainInit = Box::new(move || {
            crate::evidence::DomainClassifier::from_wire_bytes(&section, options)
                .unwrap_or_else(|_| fallback())
        });
        Ok(InstitutionClassifier {
            inner: Arc::new(Inner::curated(options, registry)),
            email_domains: Arc::new(LazyDomains::deferred(init, options)),
            memo: None,
        })
    }
}

impl Inner {
    /// The curated part (built from the list in code every time: it is small) beside a registry index.
    fn curated(options: ClassifierOptions, registry: CompactIndex) -> Inner {
        let mut curated: HashMap<String, CuratedHit> = HashMap::new();
        let mut curated_acronyms = HashMap::new();
        let mut curated_max_words = 1;
        for entry in CURATED {
            for &raw in entry.names {
                let (exact_only, name) = match raw.strip_prefix('=') {
                    Some(n) => (true, n),
                    None => (false, raw),
                };
                let acronym = is_acronym(name);
                // Acronyms match as upper-case words only (`curated_acronyms`), never as lower-case text.
                let hit = CuratedHit { kind: entry.kind, display: name, exact_only: exact_only || acronym };
                if acronym {
                    curated_acronyms.insert(name, hit.clone());
                }
                let key = normalize(name);
                curated_max_words = curated_max_words.max(word_count(&key));
                // `INRIA` (acronym, exact only) and `Inria` (a name, also inside `Inria Lille`) share a
                // key: the one that may match inside a longer string wins.
                match curated.get(&key) {
                    Some(old) if !old.exact_only || hit.exact_only => {}
                    _ => {
                        curated.insert(key, hit);
                    }
                }
            }
        }

        Inner { options, curated, curated_max_words, curated_acronyms, registry }
    }
}

impl RegistryIndex {
    fn build(grid: &[GridInstitution], universities: &[University], options: &ClassifierOptions) -> Self {
        let mut hits: Vec<RegistryHit> = Vec::new();
        let mut registry: HashMap<String, u32> = HashMap::new();
        let mut registry_max_words = 1;
        let mut insert = |hits: &Vec<RegistryHit>, key: String, hit: u32| {
            if key.is_empty() {
                return;
            }
            registry_max_words = registry_max_words.max(word_count(&key));
            match registry.get(&key) {
                Some(&old) if hits[old as usize].priority >= hits[hit as usize].priority => {}
                _ => {
                    registry.insert(key, hit);
                }
            }
        };
        let push = |hits: &mut Vec<RegistryHit>, hit: RegistryHit| -> u32 {
            hits.push(hit);
            u32::try_from(hits.len() - 1).unwrap_or(u32::MAX)
        };
        let by_id: HashMap<&str, &GridInstitution> = grid.iter().map(|g| (g.id.as_str(), g)).collect();
        let mut acronyms: HashMap<String, Option<u32>> = HashMap::new();
        for g in grid {
            // An untyped institution takes its (first typed) parent's type.
            let kind = g.kind.or_else(|| g.parents.iter().find_map(|p| by_id.get(p.as_str())?.kind));
            let Some(kind) = kind else { continue };
            let Some((sector, confidence, priority)) = grid_sector(kind, options) else { continue };
            let inherited = if g.kind.is_none() { ", type of its parent" } else { "" };
            let hit = push(
                &mut hits,
                RegistryHit {
                    sector,
                    confidence,
                    source: format!("GRID {} ({:?}{inherited})", g.id, kind),
                    name: g.name.clone(),
                    priority,
                },
            );
            let mut names: Vec<&str> = vec![&g.name];
            names.extend(g.aliases.iter().map(String::as_str));
            for n in names {
                insert(&hits, normalize(n), hit);
                let (outside, _) = split_parentheses(n);
                insert(&hits, normalize(&outside), hit);
            }
            for a in &g.acronyms {
                if a.len() >= 3 && is_acronym(a) {
                    let slot = acronyms.entry(a.clone()).or_insert(Some(hit));
                    if slot.is_some_and(|h| hits[h as usize].sector != sector) {
                        *slot = None; // ambiguous: several sectors share it
                    }
                }
            }
        }
        let mut domains: HashMap<String, u32> = HashMap::new();
        for u in universities {
            for d in &u.domains {
                let key = d.trim().to_ascii_lowercase();
                if let std::collections::hash_map::Entry::Vacant(slot) = domains.entry(key) {
                    let hit = push(
                        &mut hits,
                        RegistryHit {
                            sector: Sector::Academia,
                            confidence: 0.9,
                            source: format!("world universities list ({}), web domain {d}", u.country),
                            name: u.name.clone(),
                            priority: 7,
                        },
                    );
                    slot.insert(hit);
                }
            }
            let hit = push(
                &mut hits,
                RegistryHit {
                    sector: Sector::Academia,
                    confidence: 0.95,
                    source: format!("world universities list ({})", u.country),
                    name: u.name.clone(),
                    priority: 7,
                },
            );
            insert(&hits, normalize(&u.name), hit);
        }
        RegistryIndex { hits, names: registry, max_words: registry_max_words.min(8), acronyms, domains }
    }
}

impl InstitutionClassifier {
    /// The same classifier with an e-mail domain classifier that also knows GRID's homepages (`links`:
    /// GRID id → URL).
    pub fn with_grid_links(
        mut self,
        grid: &[GridInstitution],
        links: &[(String, String)],
        universities: &[University],
    ) -> Self {
        let options = self.inner.options;
        self.email_domains = Arc::new(LazyDomains::ready(
            crate::evidence::DomainClassifier::new(grid, links, universities, options),
            options,
        ));
        self
    }

    /// The e-mail domain classifier (see `evidence`); decoded or built on the first call when the
    /// classifier was read back from stored bytes.
    pub fn email_domains(&self) -> &crate::evidence::DomainClassifier {
        self.email_domains.get()
    }

    /// A classifier from the curated list and rules alone (no registry); for tests and offline use.
    pub fn curated_only(options: ClassifierOptions) -> Self {
        InstitutionClassifier::new(&[], &[], options)
    }

    pub fn options(&self) -> ClassifierOptions {
        self.inner.options
    }

    /// Number of normalised names in the registry index.
    pub fn registry_size(&self) -> usize {
        self.inner.registry.names.len()
    }

    fn kind_sector(&self, kind: CuratedKind) -> Sector {
        match kind {
            CuratedKind::Sector(s) => s,
            CuratedKind::ResearchInstitute => self.inner.options.research_institute_sector,
            CuratedKind::Hospital => self.inner.options.hospital_sector,
        }
    }

    fn kind_note(kind: CuratedKind) -> &'static str {
        match kind {
            CuratedKind::Sector(_) => "",
            CuratedKind::ResearchInstitute => " (research institute: option research_institute_sector)",
            CuratedKind::Hospital => " (hospital: option hospital_sector)",
        }
    }

    fn curated_result(&self, hit: &CuratedHit, how: &str, confidence: f64) -> Classification {
        Classification {
            sector: self.kind_sector(hit.kind),
            confidence,
            reason: format!("curated list{how}: {}{}", hit.display, Self::kind_note(hit.kind)),
            matched: Some(hit.display.to_string()),
        }
    }

    fn registry_result(hit: Hit<'_>, how: &str, confidence_factor: f64) -> Classification {
        Classification {
            sector: hit.sector,
            confidence: hit.confidence * confidence_factor,
            reason: format!("{}{how}: {}", hit.source, hit.name),
            matched: Some(hit.name.to_string()),
        }
    }

    /// Classify one institution (no splitting into several institutions), with how strong the hit was.
    fn classify_single(&self, raw: &str) -> (Classification, Option<Strength>) {
        let inner = &*self.inner;
        let undotted = undot(raw.trim());
        let raw = undotted.as_str();
        if raw.is_empty() {
            return (Classification::unknown("empty name"), None);
        }
        if let Some(c) = self.domain_lookup(raw) {
            return (c, Some(Strength::Exact));
        }
        let (outside, inside) = split_parentheses(raw);
        // Candidate forms of the whole name.
        let mut forms: Vec<&str> = vec![raw];
        if !outside.is_empty() && outside != raw {
            forms.push(&outside);
        }
        let base = if outside.is_empty() { raw } else { outside.as_str() };
        if base.contains('/') {
            forms.extend(base.split('/').map(str::trim).filter(|s| !s.is_empty()));
        }
        forms.extend(inside.iter().map(String::as_str).filter(|s| !s.is_empty()));
        let normalized: Vec<String> = forms.iter().map(|f| normalize(f)).collect();

        // 1. Curated, exact.
        for (f, n) in forms.iter().zip(&normalized) {
            if let Some(hit) = inner.curated.get(n) {
                return (self.curated_result(hit, "", 0.99), Some(Strength::Exact));
            }
            if let Some(hit) = inner.curated_acronyms.get(f.trim()) {
                return (self.curated_result(hit, " (acronym)", 0.97), Some(Strength::Exact));
            }
        }
        let segments: Vec<&str> = base.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        let seg_norm: Vec<String> = segments.iter().map(|s| normalize(s)).collect();
        // 2. Curated, exact segment.
        if segments.len() > 1 {
            for (s, n) in segments.iter().zip(&seg_norm) {
                if let Some(hit) = inner.curated.get(n) {
                    return (self.curated_result(hit, ", segment", 0.95), Some(Strength::Exact));
                }
                if let Some(hit) = inner.curated_acronyms.get(*s) {
                    return (self.curated_result(hit, " (acronym), segment", 0.93), Some(Strength::Exact));
                }
            }
        }
        // 3. Curated name inside a segment, or curated acronym as an upper-case word.
        for (s, n) in segments.iter().zip(&seg_norm) {
            let found = longest_inner(n, inner.curated_max_words, 1, |phrase| {
                inner.curated.get(phrase).filter(|h| !h.exact_only)
            });
            if let Some(hit) = found {
                return (self.curated_result(hit, ", name inside", 0.9), Some(Strength::Contained));
            }
            let word =
                s.split(|c: char| !c.is_ascii_alphanumeric()).find_map(|w| inner.curated_acronyms.get(w));
            if let Some(hit) = word {
                return (self.curated_result(hit, " (acronym inside)", 0.88), Some(Strength::Contained));
            }
        }
        // 4. Registry, exact name of the whole or of a segment. GRID has one-word names that are common
        // words (`Scope`, `Span`, `Skills`): a one-word name matches the whole string only.
        let whole_forms = normalized.iter().map(|n| (n, true));
        for (n, whole) in whole_forms.chain(seg_norm.iter().map(|n| (n, false))) {
            if !whole && word_count(n) < 2 {
                continue;
            }
            if let Some(hit) = inner.registry.name(n) {
                return (Self::registry_result(hit, "", 1.0), Some(Strength::Exact));
            }
        }
        // 5. Rules per segment; the most confident segment wins, leftmost on ties.
        let mut best: Option<(&rules::Rule, &str)> = None;
        for (s, n) in segments.iter().zip(&seg_norm) {
            if let Some(rule) = rules::first_match(n) {
                if best.is_none_or(|(b, _)| rule.confidence > b.confidence) {
                    best = Some((rule, s));
                }
            }
        }
        if let Some((rule, seg)) = best {
            let note = Self::kind_note(rule.kind);
            return (
                Classification {
                    sector: self.kind_sector(rule.kind),
                    confidence: rule.confidence,
                    reason: format!("rule: {} in '{seg}'{note}", rules::describe(rule)),
                    matched: None,
                },
                Some(Strength::Rule),
            );
        }
        // 6. Registry name inside (two words or more), or a GRID acronym as a whole segment.
        for n in &seg_norm {
            let found =
                longest_inner(n, inner.registry.max_words as usize, 2, |phrase| inner.registry.name(phrase));
            if let Some(hit) = found {
                return (Self::registry_result(hit, ", name inside", 0.85), Some(Strength::Contained));
            }
        }
        for s in &segments {
            if let Some(hit) = inner.registry.acronym(s) {
                return (Self::registry_result(hit, ", acronym", 0.8), Some(Strength::Contained));
            }
        }
        (Classification::unknown("no curated name, registry entry or rule matched"), None)
    }

    /// A string that is an e-mail address or a web domain (`taiji@mist.i.u-tokyo.ac.jp`, `ucl.ac.uk`):
    /// the university whose domain it is (or ends with), else academia for `.edu` and `.ac.` domains.
    fn domain_lookup(&self, raw: &str) -> Option<Classification> {
        if raw.contains(char::is_whitespace) || !raw.contains('.') {
            return None;
        }
        let host = raw.rsplit('@').next()?.trim_end_matches('.').to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        let looks_like_domain = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if !looks_like_domain {
            return None;
        }
        for i in 0..labels.len() - 1 {
            if let Some(hit) = self.inner.registry.domain(&labels[i..].join(".")) {
                return Some(Self::registry_result(hit, "", 1.0));
            }
        }
        let academic = labels.last() == Some(&"edu")
            || labels[..labels.len() - 1].iter().any(|l| *l == "edu" || *l == "ac");
        academic.then(|| Classification {
            sector: Sector::Academia,
            confidence: 0.8,
            reason: format!("rule: academic web domain '{host}'"),
            matched: None,
        })
    }

    /// Split a string into the institutions it names: always on `;`, `|` and newlines; on ` & `, ` and `,
    /// ` + `, ` / ` only when both sides are institutions in their own right (matched by name, or of
    /// different sectors); on commas only when two segments are different-sector institutions matched
    /// by name (`MIT, Google`), since commas usually separate department, institution and address.
    pub fn split_institutions<'a>(&self, raw: &'a str) -> Vec<&'a str> {
        self.split_classified(raw).into_iter().map(|(p, _)| p).collect()
    }

    /// `split_institutions`, keeping the classification of a part where splitting already computed it.
    fn split_classified<'a>(&self, raw: &'a str) -> Vec<(&'a str, Option<Classification>)> {
        let mut out = Vec::new();
        for piece in hard_split(strip_noise(raw)) {
            self.soft_split(piece, &mut out);
        }
        out
    }

    /// A single word that is neither a curated name nor an upper-case acronym (`SFU`, `HUJI`).
    fn one_word_uncurated(&self, part: &str) -> bool {
        let n = normalize(part);
        word_count(&n) < 2 && !self.inner.curated.contains_key(&n) && !is_acronym(undot(part.trim()).as_str())
    }

    /// Curated or registry name (or curated acronym) equal to the whole string: cheap, for splitting.
    fn exact_lookup(&self, s: &str) -> Option<Classification> {
        let inner = &*self.inner;
        let (outside, _) = split_parentheses(s);
        let n = normalize(if outside.is_empty() { s } else { &outside });
        // Exact-only curated names are mostly places (`Oxford`): as a comma segment they are an address.
        if let Some(hit) = inner.curated.get(&n).filter(|h| !h.exact_only) {
            return Some(self.curated_result(hit, "", 0.99));
        }
        if let Some(hit) = inner.curated_acronyms.get(undot(s.trim()).as_str()) {
            return Some(self.curated_result(hit, " (acronym)", 0.97));
        }
        // One-word registry names are too often common words to split on.
        inner.registry.name(&n).filter(|_| word_count(&n) >= 2).map(|hit| Self::registry_result(hit, "", 1.0))
    }

    fn soft_split<'a>(&self, piece: &'a str, out: &mut Vec<(&'a str, Option<Classification>)>) {
        let has_comma = piece.contains(',');
        let has_separator = SOFT_SEPARATORS.iter().any(|sep| piece.contains(sep));
        if !has_comma && !has_separator {
            out.push((piece, None));
            return;
        }
        let (whole, _) = self.classify_single(piece);
        // A name that is itself an entry (`Broad Institute of MIT and Harvard`) is never split.
        if has_separator && self.exact_lookup(piece).is_none() {
            // Every occurrence, not only the first (`College of Information and Computer Sciences,
            // UMass Amherst and Akamai Tech`).
            for sep in SOFT_SEPARATORS {
                for (i, _) in piece.match_indices(sep) {
                    let (left, right) = (piece[..i].trim(), piece[i + sep.len()..].trim());
                    if left.is_empty() || right.is_empty() {
                        continue;
                    }
                    // A one-word side must be a curated name or acronym: GRID's one-word names are
                    // often common words (`LUMS School of Science and Engineering`).
                    if [left, right].iter().any(|p| self.one_word_uncurated(p)) {
                        continue;
                    }
                    let (l, ls) = self.classify_single(left);
                    let (r, rs) = self.classify_single(right);
                    let by_name =
                        |s: Option<Strength>| matches!(s, Some(Strength::Exact | Strength::Contained));
                    // Both sides must be institutions in their own right: known with some confidence
                    // (`Skolkovo Institute of Science and Technology` is not split at `and`).
                    let sure = |c: &Classification| c.is_known() && c.confidence >= 0.75;
                    let differ = sure(&l) && sure(&r) && l.sector != r.sector;
                    let both_named = sure(&l) && sure(&r) && by_name(ls) && by_name(rs);
                    if (!sep.contains('/') && both_named) || differ {
                        self.soft_split(left, out);
                        self.soft_split(right, out);
                        return;
                    }
                }
            }
        }
        // Comma lists of institutions of different sectors.
        if has_comma {
            let segs: Vec<&str> = piece.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
            // A segment followed by a US state code is a city of an address (`NEC Labs, Princeton, NJ`).
            let city = |i: usize| i > 0 && segs.get(i + 1).is_some_and(|n| US_STATES.contains(n));
            let named: Vec<(usize, Classification)> = segs
                .iter()
                .enumerate()
                .filter(|&(i, _)| !city(i))
                .filter_map(|(i, s)| self.exact_lookup(s).filter(Classification::is_known).map(|c| (i, c)))
                .collect();
            let distinct_sectors = named.iter().any(|(_, c)| c.sector != named[0].1.sector);
            if named.len() >= 2 && distinct_sectors {
                // Each named segment starts an institution; earlier unnamed segments (a department)
                // belong to the first.
                let mut bounds: Vec<usize> = named.iter().map(|(i, _)| *i).collect();
                bounds[0] = 0;
                bounds.push(segs.len());
                let mut offsets = Vec::new();
                let mut pos = 0;
                for s in &segs {
                    let at = piece[pos..].find(s).map(|o| o + pos).unwrap_or(pos);
                    offsets.push(at);
                    pos = at + s.len();
                }
                for w in bounds.windows(2) {
                    let start = offsets[w[0]];
                    let end = if w[1] < segs.len() { offsets[w[1]] } else { piece.len() };
                    let part = piece[start..end].trim().trim_end_matches(',').trim();
                    if !part.is_empty() {
                        out.push((part, None));
                    }
                }
                return;
            }
        }
        out.push((piece, Some(whole)));
    }

    /// The same classifier, with every distinct string of `names` classified once now (in parallel)
    /// and remembered: for many rows that repeat the same names (1,892 models of the 2025-08-07 table
    /// name 735 distinct organisations). Results are those of the classifier itself.
    pub fn remembering<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Self {
        use rayon::prelude::*;
        let mut distinct: Vec<&str> = names.into_iter().collect();
        distinct.sort_unstable();
        distinct.dedup();
        let base = InstitutionClassifier { memo: None, ..self.clone() };
        let parts: Vec<(String, Vec<(String, Classification)>)> =
            distinct.par_iter().map(|n| (n.to_string(), base.classify_parts(n))).collect();
        InstitutionClassifier { memo: Some(Arc::new(parts.into_iter().collect())), ..base }
    }

    /// One classification per institution named in the string (see `split_institutions`).
    pub fn classify_parts(&self, raw: &str) -> Vec<(String, Classification)> {
        if let Some(parts) = self.memo.as_ref().and_then(|m| m.get(raw)) {
            return parts.clone();
        }
        self.split_classified(raw)
            .into_iter()
            .map(|(p, c)| (p.to_string(), c.unwrap_or_else(|| self.classify_single(p).0)))
            .collect()
    }

    /// The sector of an institution name or raw affiliation string. A string naming several institutions
    /// gets the sector they share, or (when they differ) the first known one, with all of them in the
    /// reason; use `classify_parts` to keep them apart.
    pub fn classify(&self, name: &str) -> Classification {
        let parts = self.classify_parts(name);
        match parts.len() {
            0 => Classification::unknown("empty name"),
            1 => parts.into_iter().next().map(|(_, c)| c).unwrap_or_else(|| Classification::unknown("")),
            _ => {
                let known: Vec<&(String, Classification)> =
                    parts.iter().filter(|(_, c)| c.is_known()).collect();
                let Some(first) = known.first() else {
                    return Classification::unknown("several institutions, none classified");
                };
                let same = known.iter().all(|(_, c)| c.sector == first.1.sector);
                let listing =
                    parts.iter().map(|(p, c)| format!("{p} → {}", c.sector)).collect::<Vec<_>>().join("; ");
                Classification {
                    sector: first.1.sector,
                    confidence: if same {
                        known.iter().map(|(_, c)| c.confidence).fold(1.0, f64::min)
                    } else {
                        first.1.confidence * 0.5
                    },
                    reason: if same {
                        format!("several institutions, all {}: {listing}", first.1.sector)
                    } else {
                        format!("several institutions of different sectors (first known kept): {listing}")
                    },
                    matched: first.1.matched.clone(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clf() -> InstitutionClassifier {
        let grid = vec![
            GridInstitution {
                id: "grid.1".into(),
                name: "Stanford University".into(),
                city: "Stanford".into(),
                country: "United States".into(),
                kind: Some(GridType::Education),
                aliases: vec![],
                acronyms: vec![],
                parents: vec![],
            },
            GridInstitution {
                id: "grid.2".into(),
                name: "Acme Grenoble Research Site".into(),
                city: "".into(),
                country: "France".into(),
                kind: None,
                aliases: vec![],
                acronyms: vec!["IRG".into()],
                parents: vec!["grid.3".into()],
            },
            GridInstitution {
                id: "grid.3".into(),
                name: "Acme Holdings Worldwide".into(),
                city: "".into(),
                country: "France".into(),
                kind: Some(GridType::Company),
                aliases: vec![],
                acronyms: vec![],
                parents: vec![],
            },
        ];
        InstitutionClassifier::new(&grid, &[], ClassifierOptions::default())
    }

    #[test]
    fn dotted_acronyms_and_noise() {
        assert_eq!(undot("M.I.T."), "MIT");
        assert_eq!(undot("K.U. Leuven"), "KU Leuven");
        assert_eq!(undot("U.C.Louvain"), "UC Louvain");
        assert_eq!(undot("U.Tuebingen"), "U Tuebingen");
        assert_eq!(undot("Dept. of EECS, MIT"), "Dept. of EECS, MIT");
        assert_eq!(strip_noise("Amazon - We are hiring!"), "Amazon");
        assert_eq!(strip_noise("Hiring Lab"), "Hiring Lab");
        let clf = clf();
        assert_eq!(clf.split_institutions("Akamai Tech, Princeton, NJ").len(), 1);
        assert_eq!(clf.split_institutions("Amazon - We are hiring!"), ["Amazon"]);
        assert_eq!(clf.classify("M.I.T.").sector, Sector::Academia);
    }

    #[test]
    fn tricky_names() {
        let c = clf();
        for (name, sector) in [
            ("Google DeepMind", Sector::Industry),
            ("Microsoft Research Asia", Sector::Industry),
            ("Meta AI", Sector::Industry),
            ("Tsinghua University", Sector::Academia),
            ("Carnegie Mellon University (CMU)", Sector::Academia),
            ("University of Montreal / Université de Montréal", Sector::Academia),
            ("Allen Institute for AI", Sector::NonProfit),
            ("EleutherAI", Sector::ResearchCollective),
            ("Dept. of EECS, MIT, Cambridge, MA", Sector::Academia),
            ("Google Brain, Mountain View", Sector::Industry),
            ("Lawrence Livermore National Laboratory", Sector::Government),
            ("Samsung Advanced Institute of Technology", Sector::Industry),
        ] {
            let got = c.classify(name);
            assert_eq!(got.sector, sector, "{name}: {got:?}");
            assert!(got.confidence > 0.5, "{name}: {got:?}");
        }
        let u = c.classify("Blorp");
        assert_eq!((u.sector, u.confidence), (Sector::Unknown, 0.0));
    }

    #[test]
    fn multi_institution_strings() {
        let c = clf();
        assert_eq!(
            c.split_institutions("Stanford University; Google"),
            vec!["Stanford University", "Google"]
        );
        assert_eq!(
            c.split_institutions("Google Brain & University of Toronto"),
            vec!["Google Brain", "University of Toronto"]
        );
        assert_eq!(
            c.split_institutions("Stanford University and Google"),
            vec!["Stanford University", "Google"]
        );
        assert_eq!(
            c.split_institutions("University of Science and Technology of China"),
            vec!["University of Science and Technology of China"]
        );
        assert_eq!(
            c.split_institutions("Department of Electrical and Computer Engineering, Stanford University"),
            vec!["Department of Electrical and Computer Engineering, Stanford University"]
        );
        assert_eq!(c.split_institutions("MIT, Google"), vec!["MIT", "Google"]);
        let parts = c.classify_parts("Stanford University; Google");
        assert_eq!(parts[0].1.sector, Sector::Academia);
        assert_eq!(parts[1].1.sector, Sector::Industry);
    }

    #[test]
    fn grid_untyped_inherits_parent_and_options_apply() {
        let c = clf();
        let site = c.classify("Acme Grenoble Research Site");
        assert_eq!(site.sector, Sector::Industry, "{site:?}");
        assert!(site.reason.contains("type of its parent"), "{site:?}");
        // The curated list wins over GRID: an INRIA centre is a research institute, not what GRID says.
        assert_eq!(c.classify("Inria Grenoble - Rhône-Alpes research centre").sector, Sector::Academia);
        // Curated research institutes follow the option.
        assert_eq!(c.classify("Max Planck Institute for Intelligent Systems").sector, Sector::Academia);
        let gov = InstitutionClassifier::curated_only(ClassifierOptions {
            research_institute_sector: Sector::Government,
            ..Default::default()
        });
        assert_eq!(gov.classify("Max Planck Institute for Intelligent Systems").sector, Sector::Government);
    }
}
