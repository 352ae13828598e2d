//! OpenAlex snapshot reader on fixtures written to OpenAlex's documented work schema
//! (tests/fixtures/papers/openalex/works.jsonl): a full work, nulls everywhere, a bare id, an empty line, a
//! cut-off line, a work without id, institution types of every kind; plus an empty file, a gzip of two
//! members and a truncated gzip made from it at test time; and every extracted field of the 200 real works
//! (and of generated works, heavy) against an independent reading through `serde_json::Value`.

use cd_domain::Sector;
use cd_ingest::papers::openalex::{read_openalex, OpenAlexWork, ReadOptions};
use cd_ingest::papers::{openalex::OpenAlex, read_papers};
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/papers/openalex").join(name)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn fields_nulls_and_bad_lines() {
    let r = read_openalex(&[fixture("works.jsonl")], &ReadOptions::default()).unwrap();
    let rep = &r.reports[0];
    assert_eq!((rep.rows_read, rep.rows_loaded, rep.rows_rejected), (6, 4, 2));
    assert_eq!((rep.rejections[0].row, rep.rejections[0].field.as_str()), (5, ""));
    assert!(rep.rejections[0].reason.contains("not a JSON work"), "{:?}", rep.rejections[0]);
    assert_eq!((rep.rejections[1].row, rep.rejections[1].field.as_str()), (6, "id"));
    assert!(rep.rejections[1].file.ends_with("works.jsonl"));

    let ids: Vec<&str> = r.works.iter().map(|w| w.paper.paper_id.as_str()).collect();
    assert_eq!(ids, ["W2741809807", "W100", "W101", "W103"]);

    let w = &r.works[0];
    assert_eq!(w.doi.as_deref(), Some("https://doi.org/10.5555/3295222.3295349"));
    assert_eq!(w.work_type.as_deref(), Some("article"));
    assert_eq!(w.paper.year, Some(2017));
    assert_eq!(w.paper.venue, "Neural Information Processing Systems");
    assert_eq!(w.paper.title, "Attention is All you Need");
    assert_eq!(w.cited_by_count, Some(98765));
    assert_eq!(w.referenced_works, ["W1522301498", "W2064675550"]);
    assert_eq!(
        w.paper.abstract_text.as_deref(),
        Some("The dominant sequence transduction models are based on complex The \"encoder\" été")
    );
    let pt = w.primary_topic.as_ref().unwrap();
    assert_eq!(
        (pt.id.as_str(), pt.display_name.as_str()),
        ("T10181", "Natural Language Processing Techniques")
    );
    assert_eq!(pt.subfield.as_deref(), Some("Artificial Intelligence"));
    assert_eq!(pt.field.as_deref(), Some("Computer Science"));
    assert_eq!(pt.domain.as_deref(), Some("Physical Sciences"));
    assert_eq!(w.topics.len(), 2);
    let a = &w.paper.authors;
    assert_eq!(a[0].author, "Ashish Vaswani");
    assert_eq!(
        (a[0].affiliations[0].raw.as_str(), a[0].affiliations[0].sector),
        ("Google (United States)", Sector::Industry)
    );
    assert_eq!(a[0].affiliations.len(), 1, "raw strings are not used when institutions exist");
    assert_eq!(a[0].affiliations[0].reason, "OpenAlex institution type 'company'");
    assert_eq!(a[1].affiliations[0].sector, Sector::Academia);
    assert_eq!(w.institution_ids[1][0].ror.as_deref(), Some("https://ror.org/03dbr7087"));
    assert_eq!(w.institution_ids[1][0].country_code.as_deref(), Some("CA"));
    // No institution: the raw affiliation string goes to the classifier.
    assert_eq!(a[2].affiliations[0].raw, "Google Research, Mountain View");
    assert!(a[2].affiliations[0].is_unclassified());

    // Nulls everywhere: title falls back to display_name, everything else empty.
    let n = &r.works[1];
    assert_eq!(
        (n.paper.title.as_str(), n.paper.year, n.paper.authors.len()),
        ("A work with nulls everywhere", None, 0)
    );
    assert_eq!(
        (n.doi.clone(), n.primary_topic.clone(), n.cited_by_count, n.paper.abstract_text.clone()),
        (None, None, None, None)
    );
    assert_eq!(r.works[2].paper.title, "");

    // Institution types → sectors; `other` goes to the classifier; a null name is skipped.
    let t = &r.works[3].paper.authors;
    let got: Vec<(Sector, bool)> =
        t[0].affiliations.iter().map(|f| (f.sector, f.is_unclassified())).collect();
    assert_eq!(
        got,
        [
            (Sector::Academia, false),
            (Sector::Unknown, true),
            (Sector::NonProfit, false),
            (Sector::Government, false),
            (Sector::Academia, false)
        ]
    );
    let gov = ReadOptions { facility_sector: Sector::Government, ..ReadOptions::default() };
    let r2 = read_openalex(&[fixture("works.jsonl")], &gov).unwrap();
    assert_eq!(r2.works[3].paper.authors[0].affiliations[0].sector, Sector::Government);
    assert_eq!(t[1].author, "");
    assert_eq!(t[1].affiliations.len(), 1);
    assert_eq!(t[1].affiliations[0].raw, "MIT CSAIL, Cambridge MA");
    assert!(t[2].affiliations.is_empty());
}

#[test]
fn gzip_members_empty_file_truncation_and_parallel_order() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(fixture("works.jsonl")).unwrap();
    let cut = plain.iter().position(|&b| b == b'\n').unwrap() + 1;
    // Two gzip members, as OpenAlex's part files and the fetch client write them.
    let mut two = gzip(&plain[..cut]);
    two.extend(gzip(&plain[cut..]));
    let two_path = dir.path().join("two_members.jsonl.gz");
    std::fs::write(&two_path, &two).unwrap();
    // Truncated: the first member whole, the second cut in half.
    let second = gzip(&plain[cut..]);
    let mut trunc = gzip(&plain[..cut]);
    trunc.extend(&second[..second.len() / 2]);
    let trunc_path = dir.path().join("truncated.gz");
    std::fs::write(&trunc_path, &trunc).unwrap();

    let files = vec![fixture("empty.jsonl"), two_path.clone(), trunc_path.clone(), fixture("works.jsonl")];
    let r = read_openalex(&files, &ReadOptions::default()).unwrap();
    assert_eq!(r.reports.len(), 4);
    assert_eq!((r.reports[0].rows_read, r.reports[0].rows_rejected), (0, 0));
    assert_eq!((r.reports[1].rows_loaded, r.reports[1].rows_rejected), (4, 2));
    let t = &r.reports[2];
    assert!(t.rows_loaded >= 1, "the first member is kept");
    let last = t.rejections.last().unwrap();
    assert!(last.reason.contains("truncated gzip"), "{last:?}");
    assert!(t.is_balanced());
    assert_eq!((r.reports[3].rows_loaded, r.reports[3].rows_rejected), (4, 2));
    // Works come back in file order then line order, whatever the thread count.
    let ids: Vec<&str> = r.works.iter().map(|w| w.paper.paper_id.as_str()).collect();
    assert_eq!(&ids[..4], ["W2741809807", "W100", "W101", "W103"]);
    assert_eq!(ids[4], "W2741809807");
    assert_eq!(&ids[ids.len() - 4..], ["W2741809807", "W100", "W101", "W103"]);

    // Through the generic entry point: detected by extension, reports merged.
    let t = read_papers(&[two_path], None, &ReadOptions::default()).unwrap();
    assert_eq!(t.papers.len(), 4);
    let t = read_papers(&files[..2], Some(&OpenAlex), &ReadOptions::default()).unwrap();
    assert_eq!((t.report.rows_read, t.report.rows_loaded), (6, 4));
    assert!(t.report.is_balanced());
}

/// An independent reading of one work through `serde_json::Value`, written from the field list in
/// docs/openalex.md ("What the reader extracts") and the sector table of `sector_of_institution_type`'s
/// documentation, not from the reader's code: the reader's borrowed, skip-the-rest structs must give the
/// same `OpenAlexWork`, field by field. Abstracts are compared apart (`abstract_of`).
fn reference_work(v: &serde_json::Value, opts: &ReadOptions) -> OpenAlexWork {
    use cd_domain::{Affiliation, Authorship, Paper, SourceTopic};
    use cd_ingest::papers::openalex::{InstitutionIds, WorkConcept, WorkTopic};
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let short = |id: &str| id.strip_prefix("https://openalex.org/").unwrap_or(id).to_string();
    let last = |id: &str| id.rsplit('/').next().unwrap_or(id).to_string();
    let sector = |kind: &str| -> Option<(Sector, f64)> {
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
    };
    let topic = |t: &serde_json::Value| WorkTopic {
        id: t["id"].as_str().map(short).unwrap_or_default(),
        display_name: text(&t["display_name"]).unwrap_or_default(),
        score: t["score"].as_f64(),
        subfield: text(&t["subfield"]["display_name"]),
        field: text(&t["field"]["display_name"]),
        domain: text(&t["domain"]["display_name"]),
        subfield_id: t["subfield"]["id"].as_str().map(last),
        field_id: t["field"]["id"].as_str().map(last),
    };
    let list = |v: &serde_json::Value| v.as_array().cloned().unwrap_or_default();
    let mut institution_ids = Vec::new();
    let mut authors = Vec::new();
    for a in list(&v["authorships"]) {
        let (mut affiliations, mut ids) = (Vec::new(), Vec::new());
        for inst in list(&a["institutions"]) {
            let Some(name) = inst["display_name"].as_str().filter(|n| !n.trim().is_empty()) else { continue };
            let kind = inst["type"].as_str().unwrap_or("");
            affiliations.push(match sector(kind) {
                Some((sector, confidence)) => Affiliation {
                    raw: name.to_string(),
                    sector,
                    confidence,
                    reason: format!("OpenAlex institution type '{kind}'"),
                },
                None => Affiliation::unclassified(name),
            });
            ids.push(InstitutionIds {
                id: inst["id"].as_str().map(short),
                ror: text(&inst["ror"]),
                country_code: text(&inst["country_code"]),
                kind: (!kind.is_empty()).then(|| kind.to_string()),
            });
        }
        if affiliations.is_empty() {
            for s in list(&a["raw_affiliation_strings"]) {
                if let Some(s) = s.as_str().map(str::trim).filter(|s| !s.is_empty()) {
                    affiliations.push(Affiliation::unclassified(s));
                }
            }
        }
        institution_ids.push(ids);
        authors.push(Authorship::new(text(&a["author"]["display_name"]).unwrap_or_default(), affiliations));
    }
    let primary_topic = (!v["primary_topic"].is_null()).then(|| topic(&v["primary_topic"]));
    let topics: Vec<WorkTopic> = list(&v["topics"]).iter().map(topic).collect();
    let mut source_topics: Vec<SourceTopic> = Vec::new();
    for t in primary_topic.iter().chain(topics.iter().filter(|t| Some(*t) != primary_topic.as_ref())) {
        source_topics.push(SourceTopic {
            name: t.display_name.clone(),
            subfield: t.subfield.clone().unwrap_or_default(),
            field: t.field.clone().unwrap_or_default(),
        });
    }
    let cited_by_count = v["cited_by_count"].as_u64();
    let paper = Paper {
        paper_id: short(v["id"].as_str().expect("every real work has an id")),
        year: v["publication_year"].as_i64().map(|y| y as i32),
        venue: text(&v["primary_location"]["source"]["display_name"]).unwrap_or_default(),
        title: text(&v["title"]).or_else(|| text(&v["display_name"])).unwrap_or_default(),
        abstract_text: None,
        keywords: Vec::new(),
        authors,
        team: None,
        source: "openalex".into(),
        status: Default::default(),
        status_label: None,
        citations: cited_by_count,
        alignment: Default::default(),
        source_topics,
        team_variants: Vec::new(),
    };
    OpenAlexWork {
        paper,
        doi: text(&v["doi"]),
        work_type: text(&v["type"]),
        primary_topic,
        topics,
        referenced_works: list(&v["referenced_works"]).iter().filter_map(|r| r.as_str().map(short)).collect(),
        cited_by_count,
        concepts: list(&v["concepts"])
            .iter()
            .filter_map(|c| Some(WorkConcept { id: short(c["id"].as_str()?), score: c["score"].as_f64() }))
            .collect(),
        institution_ids,
    }
}

/// The abstract from `abstract_inverted_index` by the plain rule (words sorted by position, joined by
/// spaces), for works where no position holds two words (where the reader's rule and this one agree).
fn abstract_of(v: &serde_json::Value) -> Option<Option<String>> {
    let Some(index) = v["abstract_inverted_index"].as_object() else { return Some(None) };
    let mut at: Vec<(u64, &str)> = Vec::new();
    for (word, positions) in index {
        for p in positions.as_array().into_iter().flatten() {
            at.push((p.as_u64()?, word.as_str()));
        }
    }
    at.sort();
    if at.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    Some((!at.is_empty()).then(|| at.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ")))
}

/// Compares the reader with [`reference_work`] on every line of a file; returns (works, abstracts compared).
fn compare_with_reference(path: &Path) -> (usize, usize) {
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        let file = std::fs::File::open(path).unwrap();
        std::io::Read::read_to_string(&mut flate2::read::MultiGzDecoder::new(file), &mut s).unwrap();
        s
    } else {
        std::fs::read_to_string(path).unwrap()
    };
    let opts = ReadOptions {
        abstracts: false,
        facility_sector: Sector::Government,
        healthcare_sector: Sector::NonProfit,
        progress: false,
    };
    let with_abstracts = ReadOptions { abstracts: true, ..opts.clone() };
    let r = read_openalex(&[path.to_path_buf()], &opts).unwrap();
    let ra = read_openalex(&[path.to_path_buf()], &with_abstracts).unwrap();
    assert_eq!(r.reports[0].rows_rejected, 0, "{:?}", r.reports[0].rejections.first());
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!((r.works.len(), ra.works.len()), (lines.len(), lines.len()));
    let mut abstracts = 0;
    for ((line, got), got_abstract) in lines.iter().zip(&r.works).zip(&ra.works) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let want = reference_work(&v, &opts);
        assert_eq!(got, &want, "work {}", want.paper.paper_id);
        let mut without = got_abstract.clone();
        without.paper.abstract_text = None;
        assert_eq!(&without, got, "abstracts change nothing else ({})", want.paper.paper_id);
        if let Some(want_abstract) = abstract_of(&v) {
            assert_eq!(
                got_abstract.paper.abstract_text, want_abstract,
                "abstract of {}",
                want.paper.paper_id
            );
            abstracts += 1;
        }
    }
    (lines.len(), abstracts)
}

#[test]
fn real_works_equal_an_independent_value_reading() {
    let Some(data) = crate::support::shared_data() else { return };
    let (works, abstracts) = compare_with_reference(&data.root.join("openalex/works_sample_200.jsonl"));
    assert_eq!(works, 200);
    assert!(abstracts >= 100, "most real abstracts compared: {abstracts}");
    // And the fixture's full work (every field, escapes, institution types).
    let text = std::fs::read_to_string(fixture("works.jsonl")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good: Vec<&str> = text.lines().filter(|l| l.contains("\"id\":\"") && l.ends_with('}')).collect();
    let path = dir.path().join("good.jsonl");
    std::fs::write(&path, good.join("\n")).unwrap();
    assert_eq!(compare_with_reference(&path).0, good.len());
}

/// The same on works from tools/gen_openalex.py (the benchmark's input; Python).
#[test]
fn generated_works_equal_an_independent_value_reading() {
    if !crate::support::heavy("python3 tools/gen_openalex.py") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("part_000.gz");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/gen_openalex.py");
    let status = std::process::Command::new("python3")
        .arg(script)
        .args(["--works", "3000", "--seed", "7", "--out"])
        .arg(&out)
        .status()
        .expect("python3 runs");
    assert!(status.success());
    let (works, abstracts) = compare_with_reference(&out);
    assert_eq!(works, 3000);
    assert!(abstracts > 0);
}

/// The reader's scanner reads every real work and every fixture line (the malformed ones included) as
/// serde_json's derived visitors do (its reference), abstracts rebuilt and skipped; what it rejects,
/// serde_json rejects too, and the reader then reports serde_json's message.
#[test]
fn scanner_equals_serde_json_on_real_and_fixture_lines() {
    use cd_ingest::papers::openalex::{parse_work, parse_work_scanner, parse_work_serde, ScanStop};
    let mut texts = vec![std::fs::read_to_string(fixture("works.jsonl")).unwrap()];
    if let Some(data) = crate::support::shared_data() {
        texts.push(std::fs::read_to_string(data.root.join("openalex/works_sample_200.jsonl")).unwrap());
    }
    let (mut accepted, mut rejected) = (0, 0);
    for text in &texts {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            for abstracts in [true, false] {
                let opts = ReadOptions { abstracts, ..ReadOptions::default() };
                let reference = parse_work_serde(line.as_bytes(), &opts);
                assert_eq!(parse_work(line.as_bytes(), &opts), reference);
                match parse_work_scanner(line.as_bytes(), &opts) {
                    Ok(got) => {
                        assert_eq!(got, reference, "{line}");
                        accepted += 1;
                    }
                    Err(ScanStop::Invalid(_)) => {
                        let (field, reason) = reference.clone().unwrap_err();
                        assert_eq!(field, "");
                        assert!(reason.starts_with("not a JSON work: "), "{reason}");
                        rejected += 1;
                    }
                    Err(ScanStop::Defer(_)) => panic!("no struct is written as an array here: {line}"),
                }
            }
        }
    }
    // The fixture's cut-off line (twice: with and without abstracts) is the only rejection.
    assert_eq!(rejected, 2);
    assert!(accepted >= 2 * 5, "{accepted}");
    if texts.len() == 2 {
        assert_eq!(accepted, 2 * (5 + 200));
    }
}
