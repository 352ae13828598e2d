//! The generic paper CSV on a hand-written fixture (tests/fixtures/papers/generic/papers.csv).

use cd_ingest::papers::generic::read_generic_csv;
use cd_ingest::papers::openalex::ReadOptions;
use cd_ingest::papers::{detect_source, read_papers};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/papers/generic/papers.csv")
}

#[test]
fn generic_csv() {
    let t = read_generic_csv(&fixture()).unwrap();
    let r = &t.report;
    assert_eq!((r.rows_read, r.rows_loaded, r.rows_rejected), (8, 6, 2));
    assert_eq!((r.rejections[0].row, r.rejections[0].field.as_str()), (6, "paper_id"));
    assert_eq!((r.rejections[1].row, r.rejections[1].field.as_str()), (7, "year"));
    assert!(r.rejections[1].reason.contains("'twenty'"));
    assert!(r.notes.iter().any(|n| n == "ignored columns: notes"), "{:?}", r.notes);
    assert!(r.notes.iter().any(|n| n.starts_with("1 rows disagree")), "{:?}", r.notes);
    let ids: Vec<&str> = t.papers.iter().map(|p| p.paper_id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2", "p3"]);
    let p1 = &t.papers[0];
    assert_eq!((p1.year, p1.venue.as_str(), p1.title.as_str()), (Some(2021), "ICML", "First paper"));
    assert_eq!(p1.authors.len(), 4);
    let raws: Vec<&str> = p1.authors[1].affiliations.iter().map(|a| a.raw.as_str()).collect();
    assert_eq!(raws, ["Google DeepMind", "University College London"]);
    assert!(p1.authors[2].affiliations.is_empty(), "None is unknown");
    let p2 = &t.papers[1];
    assert_eq!(
        (p2.year, p2.title.as_str(), p2.abstract_text.as_deref()),
        (None, "Quoted, title", Some("With \"quotes\""))
    );
    assert!(p2.authors[0].affiliations.is_empty());
    assert!(t.papers[2].authors.is_empty());
    assert_eq!(detect_source(&fixture()).unwrap().name(), "generic");
    assert_eq!(read_papers(&[fixture()], None, &ReadOptions::default()).unwrap().papers.len(), 3);
}
