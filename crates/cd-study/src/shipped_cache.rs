//! The shipped papers, read, topic-assigned and classified, kept in the cache folder
//! (`shipped-<key>.bin`, beside the classifier index and the Epoch tables of `cd-pipeline`).
//!
//! Reading Paper Copilot's 177 files, the conference list and the AI Index files (about 260 MB of JSON
//! and CSV), assigning their topics and classifying their authors (every affiliation string, e-mail
//! domain and position, the team under every evidence rule and policy) is half the CPU time of `report`.
//! None of it changes while the files, the classifier, the definitions it reads and the program stay
//! the same, so `report` keeps the result and reads it back next time.
//!
//! - **Key** ([`key`]): the sha256 of the paper files' full paths and contents (the contents' hash
//!   remembered under each file's identity, `cd_ingest::registry::files_fingerprint_cached`), the
//!   classifier's key (`cd_pipeline::classifier_cache_key`: the registries, options and index code),
//!   the definitions that reading, topics and classification read ([`PAPER_DEFINITIONS`], as JSON; a
//!   test changes every other definition and checks that the papers stay the same), and the running
//!   executable's identity
//!   (`cd_pipeline::executable_identity`), which stands for the readers, the topic rules and the
//!   classification code. Any change gives a new key; a rebuilt binary reads and classifies once again.
//! - **Value:** the three tables (papers with every field, their team variants, read reports) and the
//!   topics, in postcard. Papers are encoded in chunks of [`CHUNK`] that are encoded and decoded in
//!   parallel. A paper is written through a mirror of `Paper` that writes every field (postcard has no
//!   field names, so the fields `Paper`'s JSON form skips when empty cannot be skipped) and the team
//!   variants (`Paper::team_variants` is never written out).
//! - **Checks:** the file carries its length and CRC-32 and is renamed into place
//!   (`cd_ingest::registry::{read,write}_cache_file`); it is written only after its bytes decode back
//!   equal to the tables (a value that would not come back the same is not cached); a file that fails
//!   its check or does not decode whole is ignored, and the papers are read and classified again.
//!
//! The provenance of the paper files (their sha256 and row counts) is not kept: it is made from the data
//! folder and the cached read reports every time, as without the cache.

use cd_analysis::topics::TopicSet;
use cd_domain::paper::{Alignment, ReviewStatus, SourceTopic, TeamVariant};
use cd_domain::{Affiliation, Definitions, Paper, ReadReport, Team};
use cd_ingest::locate::DataDir;
use cd_ingest::papers::PaperTable;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Prefix of the cache files; the rest of the name is the key.
pub(crate) const PREFIX: &str = "shipped-";
/// Files kept (one per data folder, paper definitions and build; each holds every paper, about 200 MB for
/// the shipped folder, so few are kept).
const KEEP: usize = 2;
/// Papers per chunk, the unit of parallel encoding and decoding.
const CHUNK: usize = 2048;

/// The shipped tables as cached: Paper Copilot's, the conference list's, the AI Index's, and the topics
/// (Paper Copilot's; the conference then the AI Index papers').
pub(crate) struct ShippedTables {
    pub papercopilot: PaperTable,
    pub conferences: PaperTable,
    pub ai_index: PaperTable,
    pub papercopilot_topics: Vec<TopicSet>,
    pub topics: Vec<TopicSet>,
}

/// The borrowed form of [`ShippedTables`] that is written.
pub(crate) struct ShippedRefs<'a> {
    pub tables: [&'a PaperTable; 3],
    pub papercopilot_topics: &'a [TopicSet],
    pub topics: &'a [TopicSet],
}

/// The files the shipped-paper readers read: Paper Copilot's lists, the conference list, the AI Index
/// files (`cd_ingest::papers::shipped_paper_files`, Paper Copilot's folder listed file by file).
fn paper_files(data: &DataDir) -> Vec<PathBuf> {
    let mut files = cd_ingest::papers::papercopilot::list_files(&data.papercopilot());
    files.push(data.conferences().join(cd_ingest::papers::conference::SHIPPED_FILE));
    files.extend(cd_ingest::papers::aiindex::list_ai_index_files(&data.ai_index_rai()));
    files
}

/// The cache file of the shipped papers of `data` under `defs` in the cache folder `dir` (see the
/// module docs); `None` when no key can be made (a file that cannot be read, an executable that cannot
/// be named): then nothing is cached.
pub(crate) fn cache_file(data: &DataDir, defs: &Definitions, dir: &Path) -> Option<PathBuf> {
    Some(dir.join(format!("{PREFIX}{}.bin", key(data, defs, dir)?)))
}

/// The key of [`cache_file`].
pub(crate) fn key(data: &DataDir, defs: &Definitions, dir: &Path) -> Option<String> {
    let exe = cd_pipeline::executable_identity()?;
    let files = paper_files(data);
    let contents = cd_ingest::registry::files_fingerprint_cached(&files, dir).ok()?;
    let paths: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    let options = cd_classify::ClassifierOptions::from_definitions(defs);
    let classifier = cd_pipeline::classifier_cache_key(data, options, dir).ok()?;
    let defs = serde_json::to_string(&paper_definitions(defs)?).ok()?;
    Some(cd_ingest::registry::cache_key(&[
        b"compute-divide classified shipped papers",
        paths.as_bytes(),
        contents.as_bytes(),
        classifier.as_bytes(),
        defs.as_bytes(),
        exe.as_bytes(),
    ]))
}

/// The definitions that reading the shipped papers, assigning their topics and classifying them read
/// (by name, as in `Definitions`): the readers' and the classifier's sectors of research institutes and
/// hospitals, the topic rules' weights, and the team of a paper (its unknown-author policy, the share
/// from which a collaboration leans academic, its author evidence; the team variants cover every
/// evidence rule and policy whatever the definitions). No other definition changes the cached papers
/// (tested field by field), so a report under other model, topic-analysis or bootstrap definitions reads
/// the same file.
pub(crate) const PAPER_DEFINITIONS: [&str; 6] = [
    "research_institute_sector",
    "hospital_sector",
    "topic_scoring",
    "unknown_author_policy",
    "academia_leaning_min_share",
    "author_evidence",
];

/// [`PAPER_DEFINITIONS`] of `defs`, as JSON, for the key (the test of the two lists fails on a name
/// that is not a field).
fn paper_definitions(defs: &Definitions) -> Option<serde_json::Value> {
    let mut v = serde_json::to_value(defs).ok()?;
    v.as_object_mut()?.retain(|name, _| PAPER_DEFINITIONS.contains(&name.as_str()));
    Some(v)
}

/// A paper as written: every field of `Paper`, in order, with its team variants.
#[derive(Serialize)]
struct PaperOut<'a> {
    paper_id: &'a str,
    year: Option<i32>,
    venue: &'a str,
    title: &'a str,
    abstract_text: &'a Option<String>,
    keywords: &'a [String],
    authors: Vec<AuthorOut<'a>>,
    team: &'a Option<Team>,
    source: &'a str,
    status: ReviewStatus,
    status_label: &'a Option<String>,
    citations: Option<u64>,
    alignment: Alignment,
    source_topics: &'a [SourceTopic],
    team_variants: &'a [TeamVariant],
}

#[derive(Serialize)]
struct AuthorOut<'a> {
    author: &'a str,
    affiliations: &'a [Affiliation],
    email_domain: &'a Option<String>,
    position: &'a Option<String>,
}

/// A paper as read back ([`PaperOut`]'s fields, owned).
#[derive(Deserialize)]
struct PaperIn {
    paper_id: String,
    year: Option<i32>,
    venue: String,
    title: String,
    abstract_text: Option<String>,
    keywords: Vec<String>,
    authors: Vec<AuthorIn>,
    team: Option<Team>,
    source: String,
    status: ReviewStatus,
    status_label: Option<String>,
    citations: Option<u64>,
    alignment: Alignment,
    source_topics: Vec<SourceTopic>,
    team_variants: Vec<TeamVariant>,
}

#[derive(Deserialize)]
struct AuthorIn {
    author: String,
    affiliations: Vec<Affiliation>,
    email_domain: Option<String>,
    position: Option<String>,
}

impl<'a> PaperOut<'a> {
    fn of(p: &'a Paper) -> PaperOut<'a> {
        // Every field named: a field added to `Paper` or `Authorship` must be added here too.
        let Paper {
            paper_id,
            year,
            venue,
            title,
            abstract_text,
            keywords,
            authors,
            team,
            source,
            status,
            status_label,
            citations,
            alignment,
            source_topics,
            team_variants,
        } = p;
        let authors = authors
            .iter()
            .map(|a| {
                let cd_domain::Authorship { author, affiliations, email_domain, position } = a;
                AuthorOut { author, affiliations, email_domain, position }
            })
            .collect();
        PaperOut {
            paper_id,
            year: *year,
            venue,
            title,
            abstract_text,
            keywords,
            authors,
            team,
            source,
            status: *status,
            status_label,
            citations: *citations,
            alignment: *alignment,
            source_topics,
            team_variants,
        }
    }
}

impl PaperIn {
    fn into_paper(self) -> Paper {
        let PaperIn {
            paper_id,
            year,
            venue,
            title,
            abstract_text,
            keywords,
            authors,
            team,
            source,
            status,
            status_label,
            citations,
            alignment,
            source_topics,
            team_variants,
        } = self;
        let authors = authors
            .into_iter()
            .map(|a| cd_domain::Authorship {
                author: a.author,
                affiliations: a.affiliations,
                email_domain: a.email_domain,
                position: a.position,
            })
            .collect();
        Paper {
            paper_id,
            year,
            venue,
            title,
            abstract_text,
            keywords,
            authors,
            team,
            source,
            status,
            status_label,
            citations,
            alignment,
            source_topics,
            team_variants,
        }
    }
}

/// What precedes the chunks: each table's read report and its chunks' byte lengths, and the topics.
#[derive(Serialize, Deserialize)]
struct Header {
    tables: Vec<(ReadReport, Vec<u64>)>,
    papercopilot_topics: Vec<u32>,
    topics: Vec<u32>,
}

/// The payload of a cache file: the header's length (u64 LE), the header, then every table's chunks.
fn encode(s: &ShippedRefs) -> Option<Vec<u8>> {
    let chunks: Vec<Vec<Vec<u8>>> = s
        .tables
        .iter()
        .map(|t| {
            t.papers
                .par_chunks(CHUNK)
                .map(|c| postcard::to_stdvec(&c.iter().map(PaperOut::of).collect::<Vec<_>>()).ok())
                .collect::<Option<Vec<_>>>()
        })
        .collect::<Option<_>>()?;
    let header = Header {
        tables: s
            .tables
            .iter()
            .zip(&chunks)
            .map(|(t, c)| (t.report.clone(), c.iter().map(|b| b.len() as u64).collect()))
            .collect(),
        papercopilot_topics: s.papercopilot_topics.iter().map(|t| t.bits()).collect(),
        topics: s.topics.iter().map(|t| t.bits()).collect(),
    };
    let header = postcard::to_stdvec(&header).ok()?;
    let total = 8 + header.len() + chunks.iter().flatten().map(Vec::len).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&(header.len() as u64).to_le_bytes());
    out.extend_from_slice(&header);
    for c in chunks.iter().flatten() {
        out.extend_from_slice(c);
    }
    Some(out)
}

/// The tables of a payload written by [`encode`]; `None` when it does not decode whole.
fn decode(bytes: &[u8]) -> Option<ShippedTables> {
    let header_len = usize::try_from(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)).ok()?;
    let header_end = 8usize.checked_add(header_len)?;
    let header: Header = cd_ingest::registry::decode_value(bytes.get(8..header_end)?)?;
    if header.tables.len() != 3 {
        return None;
    }
    // Each chunk's bytes, by table, in order; the chunks must fill the rest of the payload exactly.
    let mut at = header_end;
    let mut spans: Vec<Vec<&[u8]>> = Vec::new();
    for (_, lens) in &header.tables {
        let mut table = Vec::new();
        for &len in lens {
            let end = at.checked_add(usize::try_from(len).ok()?)?;
            table.push(bytes.get(at..end)?);
            at = end;
        }
        spans.push(table);
    }
    if at != bytes.len() {
        return None;
    }
    let mut tables = header.tables.into_iter().zip(spans).map(|((report, _), chunks)| {
        let papers: Vec<Vec<Paper>> = chunks
            .par_iter()
            .map(|c| {
                let papers: Vec<PaperIn> = cd_ingest::registry::decode_value(c)?;
                Some(papers.into_iter().map(PaperIn::into_paper).collect())
            })
            .collect::<Option<_>>()?;
        Some(PaperTable { papers: papers.into_iter().flatten().collect(), report })
    });
    let (papercopilot, conferences, ai_index) = (tables.next()??, tables.next()??, tables.next()??);
    let topics = |bits: Vec<u32>| bits.into_iter().map(TopicSet::from_bits).collect::<Option<Vec<_>>>();
    let (papercopilot_topics, topics) = (topics(header.papercopilot_topics)?, topics(header.topics)?);
    // The topics are aligned with the papers.
    if papercopilot_topics.len() != papercopilot.papers.len()
        || topics.len() != conferences.papers.len() + ai_index.papers.len()
    {
        return None;
    }
    Some(ShippedTables { papercopilot, conferences, ai_index, papercopilot_topics, topics })
}

/// The cached tables of `file`; `None` when it is absent, fails its check or does not decode whole.
pub(crate) fn read(file: &Path) -> Option<ShippedTables> {
    decode(&cd_ingest::registry::read_cache_file(file)?)
}

/// Write the tables to `file`, after checking that they decode back equal (a value that would not come
/// back the same is not cached). Errors only say why nothing was written: the cache only saves time.
pub(crate) fn write(file: &Path, s: &ShippedRefs) -> std::io::Result<()> {
    let bytes = encode(s).ok_or_else(|| std::io::Error::other("the papers cannot be encoded"))?;
    let back = decode(&bytes).ok_or_else(|| std::io::Error::other("the encoded papers do not decode"))?;
    let same = [&back.papercopilot, &back.conferences, &back.ai_index]
        .iter()
        .zip(s.tables)
        .all(|(a, b)| a.papers == b.papers && a.report == b.report)
        && back.papercopilot_topics == s.papercopilot_topics
        && back.topics == s.topics;
    if !same {
        return Err(std::io::Error::other("the papers do not survive encoding; not cached"));
    }
    // Freed while the file is written.
    std::thread::spawn(move || drop(back));
    cd_ingest::registry::write_cache_file(file, &bytes, PREFIX, KEEP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_domain::definitions::{AuthorEvidence, UnknownAuthorPolicy};
    use cd_domain::sector::Leaning;
    use cd_domain::{Authorship, Sector, SectorShares, TeamKind, TeamSource};

    /// A paper with every field filled (`full`) or left empty, numbered `i`.
    fn paper(i: usize, full: bool) -> Paper {
        let mut p = Paper::new(
            "papercopilot",
            format!("pc:{i}"),
            Some(2000 + (i % 26) as i32),
            "ICLR".into(),
            format!("Title {i} é"),
        );
        if full {
            p.abstract_text = Some(format!("Abstract {i}"));
            p.keywords = vec!["vision".into(), format!("k{i}")];
            let aff = |raw: &str, sector, confidence| Affiliation {
                raw: raw.into(),
                sector,
                confidence,
                reason: format!("rule {raw}"),
            };
            p.authors = vec![
                Authorship {
                    author: "A. Author".into(),
                    affiliations: vec![
                        aff("MIT", Sector::Academia, 0.95),
                        aff("Google", Sector::Industry, 0.9),
                    ],
                    email_domain: Some("mit.edu".into()),
                    position: Some("PhD student".into()),
                },
                Authorship::new("B. Author", Vec::new()),
            ];
            p.team = Some(Team {
                kind: TeamKind::Collaboration,
                shares: SectorShares { academia: 0.5, industry: 0.5, other: 0.0 },
                source: TeamSource::Derived,
                leaning: Some(Leaning::Academia),
                sectors: vec![Sector::Academia, Sector::Industry],
            });
            p.status = ReviewStatus::Rejected;
            p.status_label = Some("Reject".into());
            p.citations = Some(i as u64);
            p.alignment = Alignment::PaperLevel;
            p.source_topics =
                vec![SourceTopic { name: "Vision".into(), subfield: String::new(), field: "CS".into() }];
            p.team_variants = vec![TeamVariant {
                evidence: AuthorEvidence::Domain,
                policy: UnknownAuthorPolicy::AsIndustry,
                kind: TeamKind::AcademicOnly,
                academic_share: 1.0 / 3.0,
                leaning: None,
            }];
        }
        p
    }

    fn table(n: usize, file: &str) -> PaperTable {
        let mut report = ReadReport::new(file);
        report.rows_read = n + 1;
        report.rows_loaded = n;
        report.rows_rejected = 1;
        report.rejections.push(cd_domain::Rejection {
            file: file.into(),
            row: 3,
            field: "title".into(),
            reason: "empty".into(),
        });
        report.notes.push("a note".into());
        PaperTable { papers: (0..n).map(|i| paper(i, i % 3 != 0)).collect(), report }
    }

    fn topics(n: usize) -> Vec<TopicSet> {
        let all = TopicSet::from_bits(u32::MAX >> (32 - cd_analysis::topics::Topic::ALL.len())).unwrap();
        (0..n)
            .map(|i| TopicSet::from_bits(all.bits() & (i as u32).wrapping_mul(2_654_435_761)).unwrap())
            .collect()
    }

    /// Paper Copilot's table spans several chunks, the AI Index's is empty.
    fn tables() -> ShippedTables {
        let (pc, conf, ai) = (table(2 * CHUNK + 7, "pc"), table(5, "conf"), table(0, "ai"));
        ShippedTables {
            papercopilot_topics: topics(pc.papers.len()),
            topics: topics(5),
            papercopilot: pc,
            conferences: conf,
            ai_index: ai,
        }
    }

    fn refs(t: &ShippedTables) -> ShippedRefs<'_> {
        ShippedRefs {
            tables: [&t.papercopilot, &t.conferences, &t.ai_index],
            papercopilot_topics: &t.papercopilot_topics,
            topics: &t.topics,
        }
    }

    fn assert_same(a: &ShippedTables, b: &ShippedTables) {
        for (x, y) in
            [(&a.papercopilot, &b.papercopilot), (&a.conferences, &b.conferences), (&a.ai_index, &b.ai_index)]
        {
            assert_eq!(x.papers, y.papers);
            assert_eq!(x.report, y.report);
        }
        assert_eq!(a.papercopilot_topics, b.papercopilot_topics);
        assert_eq!(a.topics, b.topics);
    }

    #[test]
    fn tables_come_back_equal_through_a_file_with_every_field_and_the_team_variants() {
        let t = tables();
        assert!(
            t.papercopilot.papers[1].team_variants.len() == 1
                && t.papercopilot.papers[1].status_label.is_some()
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("{PREFIX}k.bin"));
        write(&file, &refs(&t)).unwrap();
        let back = read(&file).expect("the file written reads back");
        assert_same(&t, &back);
        assert_eq!(back.papercopilot.papers.len(), 2 * CHUNK + 7);
        // A byte changed anywhere: the file fails its check and is ignored.
        let mut bytes = std::fs::read(&file).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 1;
        std::fs::write(&file, &bytes).unwrap();
        assert!(read(&file).is_none());
        assert!(read(&dir.path().join("absent.bin")).is_none());
    }

    #[test]
    fn payloads_that_do_not_decode_whole_are_refused() {
        let t = tables();
        let good = encode(&refs(&t)).unwrap();
        assert_same(&t, &decode(&good).unwrap());
        // Truncated, or with a byte more: the chunks no longer fill the payload.
        assert!(decode(&good[..good.len() - 1]).is_none());
        let mut longer = good.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        // A header length beyond the payload, or shorter than the header.
        let mut bad = good.clone();
        bad[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(decode(&bad).is_none());
        let mut bad = good.clone();
        bad[..8].copy_from_slice(&3u64.to_le_bytes());
        assert!(decode(&bad).is_none());
        assert!(decode(&[]).is_none());
        // Topics not aligned with the papers.
        let mut fewer = tables();
        fewer.topics.pop();
        assert!(decode(&encode(&refs(&fewer)).unwrap()).is_none());
        // A topic bit that names no topic.
        assert!(TopicSet::from_bits(1 << 31).is_none());
    }

    /// Damaged payloads (the CRC aside: `decode` directly) never panic: 3,000 copies of a valid payload
    /// with 1–4 bytes changed, or cut short, each decoded (to tables or to `None`). Seeded, reproducible.
    #[test]
    fn damaged_payloads_never_panic() {
        let t = ShippedTables {
            papercopilot: table(40, "pc"),
            conferences: table(3, "conf"),
            ai_index: table(2, "ai"),
            papercopilot_topics: topics(40),
            topics: topics(5),
        };
        let good = encode(&refs(&t)).unwrap();
        // xorshift64*: enough to spread the damage, no dependency.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
        };
        let (mut decoded, mut refused) = (0, 0);
        for i in 0..3000 {
            let mut bad = good.clone();
            if i % 4 == 3 {
                bad.truncate(next(good.len()));
            } else {
                for _ in 0..1 + next(4) {
                    let at = next(bad.len());
                    bad[at] = next(256) as u8;
                }
            }
            match decode(&bad) {
                Some(_) => decoded += 1,
                None => refused += 1,
            }
        }
        assert_eq!(decoded + refused, 3000);
        assert!(refused > 700, "{refused} of 3000 damaged payloads refused");
    }

    #[test]
    fn a_value_that_would_not_come_back_the_same_is_not_written() {
        let mut t = tables();
        t.conferences.papers[1].authors[0].affiliations[0].confidence = f64::NAN;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("{PREFIX}k.bin"));
        assert!(write(&file, &refs(&t)).is_err());
        assert!(!file.exists());
    }

    #[test]
    fn the_key_follows_the_files_the_definitions_and_the_registries() {
        let root = tempfile::tempdir().unwrap();
        let data = DataDir { root: root.path().to_path_buf() };
        std::fs::create_dir_all(data.conferences()).unwrap();
        std::fs::create_dir_all(data.ai_index_rai()).unwrap();
        let conf = data.conferences().join(cd_ingest::papers::conference::SHIPPED_FILE);
        std::fs::write(&conf, "title,year\n").unwrap();
        let cache = tempfile::tempdir().unwrap();
        let defs = Definitions::default();
        let k0 = key(&data, &defs, cache.path()).unwrap();
        assert_eq!(key(&data, &defs, cache.path()).unwrap(), k0, "the same inputs give the same key");
        let other = Definitions { academia_leaning_min_share: 0.8, ..Definitions::default() };
        assert_ne!(key(&data, &other, cache.path()).unwrap(), k0, "a definition changed");
        std::fs::write(&conf, "title,year\nx,2019\n").unwrap();
        let k1 = key(&data, &defs, cache.path()).unwrap();
        assert_ne!(k1, k0, "a paper file changed");
        std::fs::create_dir_all(data.papercopilot().join("iclr")).unwrap();
        std::fs::write(data.papercopilot().join("iclr").join("iclr2020.json"), "[]").unwrap();
        let k2 = key(&data, &defs, cache.path()).unwrap();
        assert_ne!(k2, k1, "a Paper Copilot file added");
        std::fs::create_dir_all(data.universities()).unwrap();
        std::fs::write(data.universities().join("world_universities_and_domains.json"), "[]").unwrap();
        assert_ne!(key(&data, &defs, cache.path()).unwrap(), k2, "a registry file added");
    }

    /// Every definition outside [`PAPER_DEFINITIONS`] leaves the cached papers as they are, and every one
    /// inside changes the key. Real papers (COLM 2024 with e-mail domains and positions, ICLR 2020 with
    /// e-mail domains, an AI Index file) are read once (reading reads only `research_institute_sector`
    /// and `hospital_sector`: `cd_pipeline::read_paper_table`), then topic-assigned and classified with
    /// the team variants under the defaults and under each other definition changed: papers, teams,
    /// variants and topics are equal, and so is the key. Every field of `Definitions` is placed in one of
    /// the two lists (a new field fails here until it is).
    #[test]
    fn only_the_paper_definitions_change_the_papers_and_the_key() {
        use cd_domain::definitions::*;
        use cd_pipeline::{PaperRequest, ShippedPapers};
        let Some(data) = cd_ingest::locate::test_data_or_skip() else {
            return;
        };
        type Change = (&'static str, fn(&mut Definitions));
        let others: Vec<Change> = vec![
            ("seed", |d| d.seed += 1),
            ("bootstrap_resamples", |d| d.bootstrap_resamples = 17),
            ("bootstrap_jitter", |d| d.bootstrap_jitter = !d.bootstrap_jitter),
            ("notability_filter", |d| d.notability_filter = NotabilityFilter::AnyCriterion),
            ("academic_only", |d| d.academic_only = AcademicOnlyRule::Loose),
            ("dl_era_start", |d| d.dl_era_start = 2012.0),
            ("large_scale_era_start", |d| d.large_scale_era_start = 2016.0),
            ("large_scale_rule", |d| d.large_scale_rule = LargeScaleRule::Threshold { min_flop: 1e23 }),
            ("frontier_rule", |d| d.frontier_rule = FrontierRule::TopN { n: 3 }),
            ("periods", |d| d.periods.truncate(2)),
            ("top_k_largest", |d| d.top_k_largest = 3),
            ("vintage", |d| d.vintage = Some("2023-12-14".into())),
            ("topic_min_papers", |d| d.topic_min_papers = 5),
            ("topic_min_models", |d| d.topic_min_models = 1),
            ("thematic_prior_scale", |d| d.thematic_prior_scale = 10.0),
            ("open_closed_frontier_rule", |d| d.open_closed_frontier_rule = FrontierRule::TopN { n: 2 }),
            ("open_closed_fit_start", |d| d.open_closed_fit_start = 2015.0),
            ("gap_top_n", |d| d.gap_top_n = 2),
            ("influential_min_compute_flop", |d| d.influential_min_compute_flop = 1e20),
            ("influential_top_mentioned", |d| d.influential_top_mentioned = 3),
            ("adoption_top_models", |d| d.adoption_top_models = 2),
            ("venue_set", |d| d.venue_set = VenueSet::MlCore),
            ("paper_statuses", |d| d.paper_statuses = PaperStatusFilter::All),
            ("team_source", |d| d.team_source = TeamSourceRule::Derived),
            ("gap_from", |d| d.gap_from = GapFrom::AllModels),
            ("min_fit_points", |d| d.min_fit_points = 5),
            ("min_n_share", |d| d.min_n_share = 3),
            ("min_valid_bootstrap_share", |d| d.min_valid_bootstrap_share = 0.5),
            ("headline_year", |d| d.headline_year = 2020),
            ("spec_curve", |d| {
                d.spec_curve.author_evidence.truncate(1);
                d.spec_curve.unknown_authors.truncate(1);
                d.spec_curve.resamples = 50;
            }),
            ("thematic_min_count", |d| d.thematic_min_count = 3),
            ("thematic_top", |d| d.thematic_top = 4),
            ("adoption_min_papers_per_year", |d| d.adoption_min_papers_per_year = 5),
            ("diff_rename_max_days", |d| d.diff_rename_max_days = 5),
            ("diff_rename_min_similarity", |d| d.diff_rename_min_similarity = 0.9),
            ("provision", |d| d.provision.top_countries = 3),
            ("plausibility", |d| d.plausibility.first_year = 1990),
            ("openalex_ml_filter", |d| {
                d.openalex_ml_filter.primary_topic_only = !d.openalex_ml_filter.primary_topic_only
            }),
        ];
        let paper_defs: Vec<Change> = vec![
            ("research_institute_sector", |d| d.research_institute_sector = Sector::Government),
            ("hospital_sector", |d| d.hospital_sector = Sector::NonProfit),
            ("topic_scoring", |d| d.topic_scoring.min_score += 1),
            ("unknown_author_policy", |d| d.unknown_author_policy = UnknownAuthorPolicy::AsIndustry),
            ("academia_leaning_min_share", |d| d.academia_leaning_min_share = 0.9),
            ("author_evidence", |d| d.author_evidence = AuthorEvidence::String),
        ];
        let defaults = Definitions::default();
        let json = serde_json::to_value(&defaults).unwrap();
        let fields: std::collections::BTreeSet<&str> =
            json.as_object().unwrap().keys().map(String::as_str).collect();
        let placed: std::collections::BTreeSet<&str> =
            others.iter().chain(&paper_defs).map(|(n, _)| *n).collect();
        assert_eq!(fields, placed, "every definition is a paper definition or checked not to be one");
        assert_eq!(paper_defs.iter().map(|(n, _)| *n).collect::<Vec<_>>(), PAPER_DEFINITIONS);
        let changed = |f: fn(&mut Definitions)| {
            let mut d = defaults.clone();
            f(&mut d);
            d
        };
        // The key, in a cache folder of its own (its remembered hashes).
        let dir = tempfile::tempdir().unwrap();
        let k0 = key(&data, &defaults, dir.path()).unwrap();
        // The sample, read once.
        let found = Ok(data.clone());
        let pc = data.papercopilot();
        let ai = cd_ingest::papers::aiindex::list_ai_index_files(&data.ai_index_rai());
        let inputs: Vec<(PathBuf, &'static dyn cd_ingest::papers::PaperSource, usize)> = vec![
            (pc.join("colm").join("colm2024.json.gz"), &cd_ingest::papers::papercopilot::PaperCopilot, 400),
            (pc.join("iclr").join("iclr2020.json.gz"), &cd_ingest::papers::papercopilot::PaperCopilot, 600),
            (ai.last().expect("an AI Index file").clone(), &cd_ingest::papers::aiindex::AiIndex, 600),
        ];
        let tables: Vec<PaperTable> = inputs
            .iter()
            .map(|(file, format, n)| {
                let request = PaperRequest {
                    inputs: std::slice::from_ref(file),
                    format: Some(*format),
                    shipped: ShippedPapers::All,
                    progress: false,
                };
                let mut t = cd_pipeline::read_paper_table(&found, &request, &defaults).unwrap();
                t.papers.truncate(*n);
                t
            })
            .collect();
        let with_emails = tables
            .iter()
            .flat_map(|t| &t.papers)
            .flat_map(|p| &p.authors)
            .filter(|a| a.email_domain.is_some())
            .count();
        let with_positions = tables
            .iter()
            .flat_map(|t| &t.papers)
            .flat_map(|p| &p.authors)
            .filter(|a| a.position.is_some())
            .count();
        assert!(
            with_emails > 1000 && with_positions > 500,
            "{with_emails} e-mail domains, {with_positions} positions"
        );
        let clf = cd_pipeline::load_classifier_with(
            &data,
            cd_classify::ClassifierOptions::from_definitions(&defaults),
        )
        .unwrap();
        let papers_under = |d: &Definitions| -> Vec<(Vec<Paper>, Vec<TopicSet>)> {
            tables
                .iter()
                .map(|t| {
                    let mut t = t.clone();
                    let topics = cd_analysis::topics::corpus::assign_topics(&t.papers, d);
                    cd_pipeline::classify_paper_table_with_variants(&mut t, &clf, d);
                    (t.papers, topics)
                })
                .collect()
        };
        let base = papers_under(&defaults);
        assert!(base.iter().all(|(ps, _)| ps.iter().all(|p| p.team.is_some() && p.team_variants.len() == 9)));
        for (name, f) in &others {
            let d = changed(*f);
            assert_ne!(serde_json::to_value(&d).unwrap(), json, "{name}: the change changes nothing");
            assert_eq!(key(&data, &d, dir.path()).unwrap(), k0, "{name} is not a paper definition: same key");
            assert!(papers_under(&d) == base, "{name} changed the papers: it must be in PAPER_DEFINITIONS");
        }
        for (name, f) in &paper_defs {
            assert_ne!(
                key(&data, &changed(*f), dir.path()).unwrap(),
                k0,
                "{name} is a paper definition: another key"
            );
        }
        // The test can fail: a paper definition changes the papers.
        assert!(papers_under(&changed(paper_defs[3].1)) != base);
    }
}
