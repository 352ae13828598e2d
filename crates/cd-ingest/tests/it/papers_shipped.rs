//! Paper readers on the shipped data. Expected numbers come from `tools/papers_counts.py` (pandas and
//! Python's own csv/ast modules), not from this code.

use cd_ingest::papers::{aiindex, conference, read_shipped_papers};
use std::path::PathBuf;

#[test]
fn conference_author_list() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let path = data.conferences().join(conference::SHIPPED_FILE);
    let t = conference::read_conference_csv(&path).unwrap();
    assert_eq!((t.report.rows_read, t.report.rows_loaded, t.report.rows_rejected), (27897, 27897, 0));
    assert!(t.report.is_balanced());
    assert_eq!(t.papers.len(), 7994);
    assert!(t.report.notes[0].contains("315 empty and 838 'None' affiliations"), "{:?}", t.report.notes);
    // ICLR 2018: 158 of 336 papers have at least one author without affiliation (47.0%).
    let iclr18: Vec<_> = t.papers.iter().filter(|p| p.venue == "ICLR" && p.year == Some(2018)).collect();
    let with_unaffiliated =
        iclr18.iter().filter(|p| p.authors.iter().any(|a| a.affiliations.is_empty())).count();
    assert_eq!((with_unaffiliated, iclr18.len()), (158, 336));
    // NIPS is written NeurIPS; ids are stable and unique.
    assert!(t.papers.iter().any(|p| p.venue == "NeurIPS" && p.year == Some(2006)));
    assert!(!t.papers.iter().any(|p| p.venue == "NIPS"));
    let first = &t.papers[0];
    assert_eq!(first.paper_id, "ICML-2017-0001");
    assert_eq!(first.title, "Decoupled Neural Interfaces using Synthetic Gradients");
    assert_eq!(first.authors[0].affiliations[0].raw, "DeepMind");
    assert!(first.authors[0].affiliations[0].is_unclassified());
    let ids: std::collections::HashSet<_> = t.papers.iter().map(|p| &p.paper_id).collect();
    assert_eq!(ids.len(), t.papers.len());
}

#[test]
fn ai_index_files() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let files = aiindex::list_ai_index_files(&data.ai_index_rai());
    // 2018–2023 (AI Index 2024) and 2024 (AI Index 2025, six files).
    assert_eq!(files.len(), 37);
    let (mut rows, mut papers, mut with_affs) = (0, 0, 0);
    for f in &files {
        let t = aiindex::read_ai_index_csv(f).unwrap();
        assert!(t.report.is_balanced());
        assert_eq!(t.report.rows_rejected, 0, "{:?}", t.report.rejections);
        rows += t.report.rows_read;
        papers += t.papers.len();
        with_affs += t.papers.iter().filter(|p| p.authors.iter().any(|a| !a.affiliations.is_empty())).count();
        let name = f.file_name().unwrap().to_str().unwrap();
        let decoded = t.report.notes.iter().any(|n| n.contains("stray bytes decoded as Mac Roman"));
        assert_eq!(decoded, name == "facct2020.csv" || name == "facct2022.csv", "{name}");
    }
    assert_eq!((rows, papers, with_affs), (9208, 8371, 5317));
}

#[test]
fn ai_index_quirks() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let dir = data.ai_index_rai();
    // Not UTF-8: stray Mac Roman curly quotes in UTF-8 text; no replacement characters, no mojibake.
    let t = aiindex::read_ai_index_csv(&dir.join("facct2022.csv")).unwrap();
    assert!(
        t.report.notes[0].starts_with("not valid UTF-8: 15 stray bytes decoded as Mac Roman"),
        "{:?}",
        t.report.notes
    );
    assert!(t.papers.iter().any(|p| p.title.contains("\u{201c}AI Ethics\u{201d}")));
    assert!(!t.papers.iter().any(|p| p.title.contains("\u{d2}AI Ethics")));
    let t = aiindex::read_ai_index_csv(&dir.join("facct2020.csv")).unwrap();
    assert_eq!((t.papers.len(), t.report.rows_read), (50, 64));
    let all_text: String = t.papers.iter().map(|p| format!("{} {:?}", p.title, p.abstract_text)).collect();
    assert!(!all_text.contains('\u{fffd}'));
    assert!(!all_text.contains("â€"), "UTF-8 mojibake in a Windows-1252 file");
    assert!(t.papers.iter().all(|p| p.venue == "FAccT" && p.year == Some(2020)));
    // Renamed columns.
    let t = aiindex::read_ai_index_csv(&dir.join("iclr2023.csv")).unwrap();
    assert!(
        t.report.notes.iter().any(|n| n.contains("'affiliations' read as author_affiliations")),
        "{:?}",
        t.report.notes
    );
    assert_eq!(t.papers.iter().filter(|p| p.authors.iter().any(|a| !a.affiliations.is_empty())).count(), 294);
    let t = aiindex::read_ai_index_csv(&dir.join("neurips2021.csv")).unwrap();
    assert!(t.report.notes.iter().any(|n| n.contains("'affiliated_countries' read as author_countries")));
    // Trailing empty columns (one row fills them); a scraper message instead of a list.
    let t = aiindex::read_ai_index_csv(&dir.join("neurips2023.csv")).unwrap();
    assert_eq!(t.papers.len(), 698);
    assert!(
        t.report.notes.iter().any(|n| n == "row 584: 6 values in unnamed trailing columns ignored"),
        "{:?}",
        t.report.notes
    );
    assert!(t.report.notes.iter().any(|n| n.starts_with("row 142, field keywords: expected a Python list")));
    // "Authors section not found." is noted, the paper loaded without authors.
    let t = aiindex::read_ai_index_csv(&dir.join("icml2021.csv")).unwrap();
    assert!(t.report.notes.iter().any(|n| n.contains("field author_names: expected a Python list")));
    // Categories of a paper listed twice are merged.
    assert!(t.papers.iter().any(|p| p.keywords.iter().filter(|k| k.starts_with("category:")).count() > 1));
}

#[test]
fn shipped_papers_together() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let t = read_shipped_papers(&data).unwrap();
    // Paper Copilot (100,536 records, one without a title: tools/papercopilot_counts.py), the conference
    // list, the AI Index files.
    assert_eq!(t.report.rows_read, 100_536 + 27897 + 9208);
    assert_eq!(t.papers.len(), 100_535 + 7994 + 8371);
    assert!(t.report.is_balanced());
}

#[test]
fn missing_column_names_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let p: PathBuf = dir.path().join("conf.csv");
    std::fs::write(&p, "Conference,Year,Title,Author\nICML,2017,T,A\n").unwrap();
    let e = conference::read_conference_csv(&p).unwrap_err().to_string();
    assert!(e.contains("conf.csv") && e.contains("field 'Affiliation'"), "{e}");
}
