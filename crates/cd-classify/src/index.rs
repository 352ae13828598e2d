//! The compact form of the classifier's registry index: every string (names, sources, keys) in one
//! text, hits as fixed-size records pointing into it, and each key table as an open-addressing hash
//! table computed when the index is built. Reading it back is a few large copies (no allocation per
//! name, no rehashing), so a stored index loads in milliseconds. Lookups hash with FNV-1a, which does not
//! depend on the Rust version or the process, so the stored table stays valid. No I/O here.

use cd_domain::Sector;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// No entry in a hash slot, and no hit for an ambiguous acronym.
const NONE: u32 = u32::MAX;

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A list of u32 stored as one byte string (little-endian), read back in one pass rather than one
/// variable-length integer at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct U32s(Vec<u32>);

impl Serialize for U32s {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = self.0.iter().flat_map(|v| v.to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }
}

impl<'de> Deserialize<'de> for U32s {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<U32s, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = U32s;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a byte string of little-endian u32")
            }
            fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<U32s, E> {
                let chunks = b.chunks_exact(4);
                if !chunks.remainder().is_empty() {
                    return Err(E::custom("length not a multiple of 4"));
                }
                Ok(U32s(chunks.map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()))
            }
        }
        d.deserialize_bytes(V)
    }
}

/// A span of the shared text: start and length in bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Span(u32, u32);

impl Span {
    fn get(self, text: &str) -> &str {
        let (s, n) = (self.0 as usize, self.1 as usize);
        text.get(s..s.saturating_add(n)).unwrap_or("")
    }

    /// Inside the text (a span that does not fall on character boundaries reads as empty).
    fn valid(self, text: &str) -> bool {
        self.0 as usize + self.1 as usize <= text.len()
    }
}

/// Builds the shared text, storing each distinct string once.
#[derive(Default)]
pub(crate) struct TextBuilder {
    text: String,
    seen: HashMap<String, Span>,
}

impl TextBuilder {
    pub(crate) fn add(&mut self, s: &str) -> Span {
        if let Some(sp) = self.seen.get(s) {
            return *sp;
        }
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(s);
        let sp = Span(start, u32::try_from(s.len()).unwrap_or(u32::MAX));
        self.seen.insert(s.to_string(), sp);
        sp
    }

    pub(crate) fn finish(self) -> String {
        self.text
    }
}

/// One registry hit (see `institution::RegistryHit`), its strings as spans.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct HitRecord {
    pub sector: Sector,
    pub confidence: f64,
    pub priority: u8,
    pub source: Span,
    pub name: Span,
}

/// A string → u32 table: keys as spans, values, and an open-addressing table of entry positions
/// (linear probing, at most half full).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct StrTable {
    /// Start and length in the text of each key, two numbers per key.
    keys: U32s,
    values: U32s,
    slots: U32s,
}

impl StrTable {
    /// From a map, entries in key order (the same map always gives the same table).
    pub(crate) fn build(map: &HashMap<String, u32>, text: &mut TextBuilder) -> StrTable {
        let mut entries: Vec<(&String, u32)> = map.iter().map(|(k, v)| (k, *v)).collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let size = (entries.len() * 2).next_power_of_two().max(8);
        let (mut keys, mut values, mut slots) = (Vec::new(), Vec::new(), vec![NONE; size]);
        for (k, v) in entries {
            let pos = u32::try_from(values.len()).unwrap_or(NONE);
            let Span(start, len) = text.add(k);
            keys.extend([start, len]);
            values.push(v);
            let mut i = (fnv1a(k.as_bytes()) as usize) & (size - 1);
            while slots[i] != NONE {
                i = (i + 1) & (size - 1);
            }
            slots[i] = pos;
        }
        StrTable { keys: U32s(keys), values: U32s(values), slots: U32s(slots) }
    }

    fn key(&self, p: usize) -> Option<Span> {
        Some(Span(*self.keys.0.get(2 * p)?, *self.keys.0.get(2 * p + 1)?))
    }

    pub(crate) fn get(&self, text: &str, key: &str) -> Option<u32> {
        let slots = &self.slots.0;
        let mask = slots.len().checked_sub(1)?;
        let mut i = (fnv1a(key.as_bytes()) as usize) & mask;
        // At most half full, so an empty slot ends every probe; the bound only guards a damaged table.
        for _ in 0..slots.len() {
            let pos = *slots.get(i)?;
            if pos == NONE {
                return None;
            }
            let p = pos as usize;
            if self.key(p)?.get(text) == key {
                return self.values.0.get(p).copied();
            }
            i = (i + 1) & mask;
        }
        None
    }

    pub(crate) fn len(&self) -> usize {
        self.values.0.len()
    }

    /// Every key inside `text`, every slot empty or an entry, values below `max_value` (or `NONE` when
    /// `none_ok`), the table a power of two.
    fn valid(&self, text: &str, max_value: usize, none_ok: bool) -> bool {
        let n = self.len();
        self.keys.0.len() == 2 * n
            && self.slots.0.len().is_power_of_two()
            && self.slots.0.len() > n
            && self.keys.0.chunks_exact(2).all(|k| Span(k[0], k[1]).valid(text))
            && self.values.0.iter().all(|&v| (v as usize) < max_value || (none_ok && v == NONE))
            && self.slots.0.iter().all(|&s| s == NONE || (s as usize) < n)
    }
}

/// The registry index in compact form (see the module documentation).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct CompactIndex {
    text: String,
    hits: Vec<HitRecord>,
    pub names: StrTable,
    pub max_words: u32,
    acronyms: StrTable,
    domains: StrTable,
}

/// A hit of a lookup, its strings borrowed from the index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit<'a> {
    pub sector: Sector,
    pub confidence: f64,
    pub source: &'a str,
    pub name: &'a str,
}

impl CompactIndex {
    pub(crate) fn new(
        text: TextBuilder,
        hits: Vec<HitRecord>,
        names: StrTable,
        max_words: u32,
        acronyms: StrTable,
        domains: StrTable,
    ) -> CompactIndex {
        CompactIndex { text: text.finish(), hits, names, max_words, acronyms, domains }
    }

    fn hit(&self, i: u32) -> Option<Hit<'_>> {
        let r = self.hits.get(i as usize)?;
        Some(Hit {
            sector: r.sector,
            confidence: r.confidence,
            source: r.source.get(&self.text),
            name: r.name.get(&self.text),
        })
    }

    pub(crate) fn name(&self, key: &str) -> Option<Hit<'_>> {
        self.hit(self.names.get(&self.text, key)?)
    }

    /// A GRID acronym shared by institutions of one sector (an ambiguous one gives `None`).
    pub(crate) fn acronym(&self, key: &str) -> Option<Hit<'_>> {
        self.acronyms.get(&self.text, key).filter(|&v| v != NONE).and_then(|v| self.hit(v))
    }

    pub(crate) fn domain(&self, key: &str) -> Option<Hit<'_>> {
        self.hit(self.domains.get(&self.text, key)?)
    }

    /// Whether an index read back from bytes is whole: every span, position and value in range.
    pub(crate) fn valid(&self) -> bool {
        let n = self.hits.len();
        self.hits.iter().all(|h| h.source.valid(&self.text) && h.name.valid(&self.text))
            && self.names.valid(&self.text, n, false)
            && self.acronyms.valid(&self.text, n, true)
            && self.domains.valid(&self.text, n, false)
    }

    /// `NONE` as the value of an ambiguous acronym, for building.
    pub(crate) const AMBIGUOUS: u32 = NONE;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::institution::{ClassifierOptions, InstitutionClassifier};
    use cd_domain::registry::{GridInstitution, University};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    #[test]
    fn table_finds_every_key_and_no_other() {
        let map: HashMap<String, u32> = (0..1000u32).map(|i| (format!("name {i}"), i * 3)).collect();
        let mut text = TextBuilder::default();
        let t = StrTable::build(&map, &mut text);
        let text = text.finish();
        assert!(t.valid(&text, 3000, false));
        for (k, v) in &map {
            assert_eq!(t.get(&text, k), Some(*v), "{k}");
        }
        assert_eq!(t.get(&text, "name 1000"), None);
        assert_eq!(t.get(&text, ""), None);
        // An empty table answers nothing and is whole.
        let mut empty_text = TextBuilder::default();
        let e = StrTable::build(&HashMap::new(), &mut empty_text);
        assert_eq!((e.get("", "x"), e.len()), (None, 0));
        assert!(e.valid("", 0, false));
        // A value out of range is caught.
        assert!(!t.valid(&text, 10, false));
    }

    type Registries = (Vec<GridInstitution>, Vec<(String, String)>, Vec<University>);

    /// GRID, its homepages and the universities list; `None` (after a `SKIPPED` line) without the data.
    fn registries() -> Option<Registries> {
        let data = cd_ingest::locate::test_data_or_skip()?;
        let (grid, _) = cd_ingest::registry::read_grid(&data.grid()).unwrap();
        let links = cd_ingest::registry::read_grid_links(&data.grid()).unwrap();
        let (unis, _) = cd_ingest::registry::read_universities(
            &data.universities().join("world_universities_and_domains.json"),
        )
        .unwrap();
        Some((grid, links, unis))
    }

    /// Strings that reach every step of the classifier: GRID names, aliases and acronyms alone, inside
    /// a department string and beside a company; university names and web domains as e-mail addresses.
    fn probes(grid: &[GridInstitution], unis: &[University]) -> Vec<String> {
        let mut out = Vec::new();
        for g in grid.iter().step_by(13) {
            out.push(g.name.clone());
            out.push(format!("Department of Computer Science, {}, {}", g.name, g.city));
            out.push(format!("{} and Google", g.name));
            out.extend(g.aliases.iter().cloned());
            out.extend(g.acronyms.iter().map(|a| format!("Lab of Vision, {a}")));
        }
        for u in unis.iter().step_by(7) {
            out.push(u.name.clone());
            out.extend(u.domains.iter().map(|d| format!("someone@cs.{d}")));
        }
        out.extend(
            ["Google DeepMind", "M.I.T.", "Blorp", "", "Acme GmbH", "Dept. of EECS, MIT"].map(String::from),
        );
        out
    }

    #[test]
    fn stored_index_classifies_as_the_built_one() {
        let Some((grid, links, unis)) = registries() else {
            return;
        };
        for options in [
            ClassifierOptions::default(),
            ClassifierOptions {
                research_institute_sector: Sector::Government,
                hospital_sector: Sector::Unknown,
            },
        ] {
            let built = InstitutionClassifier::build(&grid, &links, &unis, options);
            let bytes = built.index_bytes().unwrap();
            // The same registries give the same bytes (no hash-map order leaks into them).
            assert_eq!(
                InstitutionClassifier::build(&grid, &links, &unis, options).index_bytes().unwrap(),
                bytes
            );
            let used_fallback = Arc::new(AtomicBool::new(false));
            let flag = used_fallback.clone();
            let read = InstitutionClassifier::from_index_bytes(&bytes, options, move || {
                flag.store(true, Ordering::SeqCst);
                crate::evidence::DomainClassifier::curated_only(options)
            })
            .unwrap();
            assert_eq!(format!("{read:?}"), format!("{built:?}"));
            let probes = probes(&grid, &unis);
            assert!(probes.len() > 12_000, "{}", probes.len());
            let mut registry_hits = 0;
            for p in &probes {
                let (a, b) = (built.classify_parts(p), read.classify_parts(p));
                assert_eq!(a, b, "{p}");
                registry_hits += a.iter().filter(|(_, c)| c.reason.starts_with("GRID")).count();
            }
            assert!(registry_hits > 3_000, "{registry_hits}");
            // Remembered parts (as `classify_models` uses them) are the classifier's own.
            let some: Vec<&str> = probes.iter().step_by(4).map(String::as_str).collect();
            let memo = read.remembering(some.iter().copied());
            for p in &some {
                assert_eq!(memo.classify_parts(p), built.classify_parts(p), "{p}");
            }
            // The e-mail domain section, decoded on first use.
            let mut known = 0;
            for (_, url) in links.iter().step_by(5) {
                let host = crate::evidence::url_host(url).unwrap_or_default();
                let (a, b) = (built.email_domains().classify(&host), read.email_domains().classify(&host));
                assert_eq!(a, b, "{host}");
                known += usize::from(a.is_some());
            }
            assert!(known > 3_000, "{known}");
            assert!(!used_fallback.load(Ordering::SeqCst));
            // Read back and written again, the index is the same bytes.
            assert_eq!(read.index_bytes().unwrap(), bytes);
        }
    }

    #[test]
    fn damaged_or_foreign_bytes_are_refused_never_a_panic() {
        let grid = vec![GridInstitution {
            id: "grid.1".into(),
            name: "Stanford University".into(),
            city: "Stanford".into(),
            country: "United States".into(),
            kind: Some(cd_domain::registry::GridType::Education),
            aliases: vec!["Leland Stanford Junior University".into()],
            acronyms: vec!["SU".into()],
            parents: vec![],
        }];
        let unis =
            vec![University { name: "Uni A".into(), country: "X".into(), domains: vec!["unia.edu".into()] }];
        let o = ClassifierOptions::default();
        let bytes = InstitutionClassifier::build(&grid, &[], &unis, o).index_bytes().unwrap();
        let fallback = move || crate::evidence::DomainClassifier::curated_only(o);
        assert!(InstitutionClassifier::from_index_bytes(&bytes, o, fallback).is_ok());
        // Other options, a truncated file, garbage: refused.
        let gov = ClassifierOptions { research_institute_sector: Sector::Government, ..o };
        let e = InstitutionClassifier::from_index_bytes(&bytes, gov, fallback).unwrap_err();
        assert!(e.to_string().contains("built for"), "{e}");
        for cut in [0, 1, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(InstitutionClassifier::from_index_bytes(&bytes[..cut], o, fallback).is_err(), "{cut}");
        }
        assert!(InstitutionClassifier::from_index_bytes(b"not an index at all", o, fallback).is_err());
        // Every single flipped byte is refused or gives a classifier that answers without panicking
        // (the cache file's CRC-32 refuses these before they get here).
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            if let Ok(c) = InstitutionClassifier::from_index_bytes(&b, o, fallback) {
                for s in ["Stanford University", "Leland Stanford Junior University", "x@unia.edu", "SU, Lab"]
                {
                    let _ = c.classify(s);
                }
                let _ = c.email_domains().classify("unia.edu");
            }
        }
    }
}
