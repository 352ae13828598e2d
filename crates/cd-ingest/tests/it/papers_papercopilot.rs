//! The Paper Copilot reader: on the shipped lists against `tools/papercopilot_counts.py` (an independent
//! Python implementation of docs/papercopilot.md), and on small bad or odd inputs written here.

use cd_domain::{Alignment, ReviewStatus};
use cd_ingest::papers::detect_source;
use cd_ingest::papers::papercopilot::{read_file, read_papercopilot};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Python counts, per file (path relative to the papercopilot folder) and `_total`.
fn python_counts(data: &Path) -> serde_json::Value {
    let out = tempfile::NamedTempFile::new().unwrap();
    let status = std::process::Command::new("python3")
        .arg(workspace().join("tools/papercopilot_counts.py"))
        .arg(data)
        .arg("--json")
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 is needed for the independent counts");
    assert!(status.success(), "tools/papercopilot_counts.py failed");
    serde_json::from_slice(&std::fs::read(out.path()).unwrap()).unwrap()
}

#[test]
fn shipped_lists_match_the_independent_counts() {
    if !crate::support::heavy("python3 running tools/papercopilot_counts.py") {
        return;
    }
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let root = data.papercopilot();
    let py = python_counts(&data.root);
    let files = cd_ingest::papers::papercopilot::list_files(&root);
    assert_eq!(files.len() as u64, py["_total"]["files"].as_u64().unwrap());
    assert_eq!(files.len(), 177, "data README: 177 files");
    let mut total_loaded = 0;
    for f in &files {
        let rel = f.strip_prefix(&root).unwrap().display().to_string();
        let want = &py[&rel];
        let t = read_file(f).unwrap();
        assert!(t.report.is_balanced(), "{rel}");
        let n = |k: &str| want[k].as_u64().unwrap_or_else(|| panic!("{rel}: python lacks {k}")) as usize;
        assert_eq!(t.report.rows_read, n("rows_read"), "{rel} rows_read");
        assert_eq!(t.report.rows_loaded, n("rows_loaded"), "{rel} rows_loaded");
        assert_eq!(t.report.rows_rejected, n("rows_rejected"), "{rel} rows_rejected");
        total_loaded += t.papers.len();
        let mut status: BTreeMap<&str, u64> = BTreeMap::new();
        let mut align: BTreeMap<&str, u64> = BTreeMap::new();
        for p in &t.papers {
            *status.entry(p.status.as_str()).or_default() += 1;
            *align.entry(p.alignment.as_str()).or_default() += 1;
        }
        for s in ReviewStatus::ALL {
            let w = want["status"][s.as_str()].as_u64().unwrap_or(0);
            assert_eq!(status.get(s.as_str()).copied().unwrap_or(0), w, "{rel} status {}", s.as_str());
        }
        for a in [Alignment::Aligned, Alignment::PaperLevel, Alignment::Partial, Alignment::None] {
            let w = want["alignment"][a.as_str()].as_u64().unwrap_or(0);
            assert_eq!(align.get(a.as_str()).copied().unwrap_or(0), w, "{rel} alignment {}", a.as_str());
        }
        let authors: usize = t.papers.iter().map(|p| p.authors.len()).sum();
        assert_eq!(authors, n("authors"), "{rel} authors");
        let with_aff =
            t.papers.iter().flat_map(|p| &p.authors).filter(|a| !a.affiliations.is_empty()).count();
        assert_eq!(with_aff, n("authors_with_aff"), "{rel} authors_with_aff");
        let with_dom = t.papers.iter().flat_map(|p| &p.authors).filter(|a| a.email_domain.is_some()).count();
        assert_eq!(with_dom, n("authors_with_domain"), "{rel} authors_with_domain");
        let with_pos = t.papers.iter().flat_map(|p| &p.authors).filter(|a| a.position.is_some()).count();
        assert_eq!(with_pos, n("authors_with_position"), "{rel} authors_with_position");
        let cited: Vec<u64> = t.papers.iter().filter_map(|p| p.citations).collect();
        assert_eq!(cited.len(), n("with_citation"), "{rel} with_citation");
        assert_eq!(cited.iter().sum::<u64>(), want["citations_sum"].as_u64().unwrap(), "{rel} citations_sum");
    }
    // Data README: 100,536 records; 92,049 not rejected or withdrawn (this reader reports the 48 of
    // missing or unlisted status as unknown instead of accepting them).
    let all = read_papercopilot(&root).unwrap();
    assert_eq!(all.report.rows_read, 100_536);
    assert_eq!(all.papers.len(), total_loaded);
    let not_refused = all
        .papers
        .iter()
        .filter(|p| !matches!(p.status, ReviewStatus::Rejected | ReviewStatus::Withdrawn))
        .count();
    assert_eq!(not_refused, 92_049);
    assert_eq!(detect_source(&root).unwrap().name(), "papercopilot");
    assert_eq!(detect_source(&root.join("cvpr/cvpr2021.json.gz")).unwrap().name(), "papercopilot");
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn odd_records_are_rejected_or_noted_with_file_row_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "clone/foo/foo2031.json",
        r#"[
 {"title": "A", "author": "X One;Y Two;", "aff": "MIT;Google;", "aff_domain": "mit.edu;google.com", "status": "Poster", "gs_citation": "12"},
 "not a record",
 {"title": "None", "author": "Z"},
 {"title": "B", "author": "P;Q;P;Q", "aff": "Universit ´e Laval; None", "status": "Active", "year": 2031},
 {"title": "C", "author": "R", "status": "Withdraw", "year": "2030"},
 {"title": "D", "author": "S;T;U", "aff": "MIT", "aff_domain": "mit.edu", "position": "PhD student", "status": "Reject", "gs_citation": "many"}
]"#,
    );
    let t = read_file(&f).unwrap();
    assert!(t.report.is_balanced());
    assert_eq!((t.report.rows_read, t.report.rows_loaded, t.report.rows_rejected), (6, 3, 3));
    let rej: Vec<(usize, &str)> = t.report.rejections.iter().map(|r| (r.row, r.field.as_str())).collect();
    assert_eq!(rej, vec![(2, ""), (3, "title"), (5, "year")]);
    assert!(t.report.rejections[0].file.ends_with("foo2031.json"));
    let a = &t.papers[0];
    assert_eq!(
        (a.venue.as_str(), a.year, a.status, a.citations),
        ("FOO", Some(2031), ReviewStatus::Accepted, Some(12))
    );
    assert_eq!(a.alignment, Alignment::Aligned);
    assert_eq!(a.authors.len(), 2, "trailing separator");
    assert_eq!(a.authors[1].email_domain.as_deref(), Some("google.com"));
    assert_eq!(a.authors[1].affiliations[0].raw, "Google");
    let b = &t.papers[1];
    assert_eq!(b.authors.len(), 2, "repeated author list de-duplicated");
    assert_eq!(b.status, ReviewStatus::Unknown);
    assert_eq!(b.authors[0].affiliations[0].raw, "Université Laval");
    assert!(b.authors[1].affiliations.is_empty(), "'None' entry is missing");
    let d = &t.papers[2];
    assert_eq!((d.status, d.citations, d.alignment), (ReviewStatus::Rejected, None, Alignment::Partial));
    assert_eq!(d.authors[0].position.as_deref(), Some("PhD student"));
    assert!(d.authors[1].affiliations.is_empty() && d.authors[1].email_domain.is_none());
    let notes = t.report.notes.join("\n");
    assert!(notes.contains("unknown status values (not guessed): 'Active' ×1"), "{notes}");
    assert!(notes.contains("1 repeated author lists de-duplicated"), "{notes}");
    assert!(notes.contains("1 gs_citation values are not integers"), "{notes}");
    // A clone: folders walked, other files ignored.
    write(dir.path(), "clone/foo/README.md", "x");
    write(dir.path(), "clone/bar/bar2020.json", r#"[{"title": "E", "author": "A, B", "aff": "Sony"}]"#);
    let all = read_papercopilot(&dir.path().join("clone")).unwrap();
    assert_eq!(all.papers.len(), 4);
    assert_eq!(all.papers[0].venue, "BAR", "sorted by path");
    assert_eq!(all.papers[0].alignment, Alignment::PaperLevel, "one institution for two authors");
    assert_eq!(all.papers[0].authors[1].affiliations[0].raw, "Sony");
}

#[test]
fn broken_files_are_clear_errors_or_rejections() {
    let dir = tempfile::tempdir().unwrap();
    let e = read_file(&write(dir.path(), "x2020.json", r#"{"title": "A"}"#)).unwrap_err().to_string();
    assert!(e.contains("x2020.json") && e.contains("not a JSON array"), "{e}");
    let e = read_file(&write(dir.path(), "y2020.json", "  ")).unwrap_err().to_string();
    assert!(e.contains("empty file"), "{e}");
    let e = read_file(&write(dir.path(), "nodate.json", "[]")).unwrap_err().to_string();
    assert!(e.contains("never guessed"), "{e}");
    // Truncated mid-array: what was read stays, the rest is one rejection naming line and column.
    let t =
        read_file(&write(dir.path(), "z2020.json", r#"[{"title": "A", "author": "B"}, {"title": "#)).unwrap();
    assert_eq!((t.report.rows_loaded, t.report.rows_rejected), (1, 1));
    assert!(t.report.rejections[0].reason.contains("malformed JSON at line 1"), "{:?}", t.report.rejections);
    // Truncated gzip.
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(br#"[{"title": "A", "author": "B"}]"#).unwrap();
    let gz = enc.finish().unwrap();
    let p = dir.path().join("g2020.json.gz");
    std::fs::write(&p, &gz[..gz.len() - 6]).unwrap();
    assert!(read_file(&p).is_err(), "a truncated gzip stream is an error, not a silent short read");
    std::fs::write(&p, &gz).unwrap();
    assert_eq!(read_file(&p).unwrap().papers.len(), 1);
}
