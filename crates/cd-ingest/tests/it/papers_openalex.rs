//! OpenAlex snapshot reader on fixtures written to OpenAlex's documented work schema
//! (tests/fixtures/papers/openalex/works.jsonl): a full work, nulls everywhere, a bare id, an empty line, a
//! cut-off line, a work without id, institution types of every kind; plus an empty file, a gzip of two
//! members and a truncated gzip made from it at test time.

use cd_domain::Sector;
use cd_ingest::papers::openalex::{read_openalex, ReadOptions};
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
