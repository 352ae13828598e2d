//! Bad and awkward input, one fixture each (tests/fixtures/epoch/), each asserting the result documented
//! in `cd_ingest::epoch` (module docs, "Row policy").

use cd_domain::{Accessibility, Confidence, DatePrecision, Notability, PubDate};
use cd_ingest::epoch::{read_epoch_bytes, read_epoch_csv, EpochError, EpochTable};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/epoch").join(name)
}

fn read(name: &str) -> EpochTable {
    read_epoch_csv(&fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn counts(t: &EpochTable) -> (usize, usize, usize) {
    assert!(t.report.is_balanced());
    (t.report.rows_read, t.report.rows_loaded, t.report.rows_rejected)
}

#[test]
fn missing_required_column_is_an_error_naming_file_and_column() {
    let e = read_epoch_csv(&fixture("missing_column.csv")).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, EpochError::MissingColumns { .. }));
    assert!(msg.contains("missing_column.csv"), "{msg}");
    assert!(msg.contains("publication_date (any of `Publication date`"), "{msg}");
    assert!(msg.contains("`Model`, `Organization`, `Training compute (FLOP)`"), "{msg}");
}

#[test]
fn bad_dates_reject_the_row_and_precision_is_kept() {
    let t = read("bad_dates.csv");
    assert_eq!(counts(&t), (7, 5, 2));
    let rej: Vec<(usize, &str, &str)> =
        t.report.rejections.iter().map(|r| (r.row, r.field.as_str(), r.reason.as_str())).collect();
    assert_eq!(rej[0].0, 2);
    assert_eq!(rej[0].1, "Publication date");
    assert!(rej[0].2.starts_with("not a date: \"2021-02-30\""), "{}", rej[0].2);
    assert_eq!((rej[1].0, rej[1].1), (4, "Publication date"));
    assert!(rej[1].2.contains("\"June 2021\""));
    assert!(t.report.rejections.iter().all(|r| r.file.ends_with("bad_dates.csv")));
    let by_name = |n: &str| t.models.iter().find(|m| m.name == n).unwrap();
    assert_eq!(by_name("Day").publication_date, PubDate::ymd(2023, 12, 12));
    assert_eq!(by_name("Day").publication_date.unwrap().precision, DatePrecision::Day);
    assert_eq!(by_name("Month").publication_date.unwrap().precision, DatePrecision::Month);
    assert_eq!(by_name("Year").publication_date, Some(PubDate::y(1950)));
    assert_eq!(by_name("No date").publication_date, None);
    assert_eq!(by_name("With time").publication_date, PubDate::ymd(2023, 12, 12));
    assert_eq!(t.models.iter().map(|m| m.source_row).collect::<Vec<_>>(), vec![1, 3, 5, 6, 7]);
}

#[test]
fn non_numeric_flop_rejects_the_row_other_bad_numbers_cost_the_value() {
    let t = read("bad_flop.csv");
    assert_eq!(counts(&t), (6, 3, 3));
    let fields: Vec<(usize, &str)> = t.report.rejections.iter().map(|r| (r.row, r.field.as_str())).collect();
    assert_eq!(
        fields,
        vec![(2, "Training compute (FLOP)"), (3, "Training compute (FLOP)"), (4, "Training compute (FLOP)")]
    );
    assert!(t.report.rejections[0].reason.contains("not a number: \"lots\""));
    assert!(t.report.rejections[1].reason.contains("negative value: \"-5\""));
    assert!(t.report.rejections[2].reason.contains("must be positive: \"0\""));
    let good = &t.models[0];
    assert_eq!(good.training_compute_flop, Some(3.14e23));
    assert_eq!(good.parameters, Some(1.75e11));
    assert_eq!(good.accessibility, Accessibility::Api);
    assert_eq!(good.confidence, Some(Confidence::Confident));
    let soft = &t.models[1];
    assert_eq!((soft.name.as_str(), soft.source_row), ("Bad params", 5));
    assert_eq!(soft.training_compute_flop, Some(1e20));
    assert_eq!(soft.parameters, None);
    assert_eq!(soft.accessibility, Accessibility::Unknown);
    assert_eq!(soft.accessibility_label.as_deref(), Some("Sort of open"));
    assert_eq!(soft.confidence, None);
    let notes: Vec<&String> = t.report.notes.iter().filter(|n| n.starts_with("row 5 (Bad params)")).collect();
    assert_eq!(notes.len(), 3, "{:?}", t.report.notes);
    assert!(notes[0].contains("field `Parameters`: not a number: \"abc\"; loaded without it"));
    assert!(notes.iter().any(|n| n.contains("unknown accessibility label \"Sort of open\"")));
    assert!(notes.iter().any(|n| n.contains("unknown confidence \"Very sure\"")));
    assert_eq!(t.models[2].training_compute_flop, Some(1e6));
}

#[test]
fn non_utf8_bytes_are_decoded_as_windows_1252_with_a_note() {
    let t = read("non_utf8.csv");
    assert_eq!(counts(&t), (1, 1, 0));
    assert_eq!(t.models[0].name, "Modèle");
    assert_eq!(t.models[0].organizations, vec!["Université de Montréal".to_string()]);
    assert!(t.report.notes[0].contains("decoded as Windows-1252"), "{:?}", t.report.notes);
}

#[test]
fn quoted_newlines_blank_lines_and_empty_names() {
    let t = read("quoted_newlines.csv");
    assert_eq!(counts(&t), (6, 3, 3));
    let m = &t.models[0];
    assert_eq!(m.name, "Two Lines");
    assert_eq!(m.authors, vec!["A. Author", "B. Author"]);
    assert_eq!(m.organizations, vec!["EleutherAI", "Indraprastha Institute of Information Technology Delhi"]);
    assert_eq!(m.training_compute_flop, Some(1e21));
    assert_eq!(
        t.models.iter().map(|m| (m.name.as_str(), m.source_row)).collect::<Vec<_>>(),
        vec![("Two Lines", 1), ("After", 3), ("Last", 5)]
    );
    let rej: Vec<(usize, &str, &str)> =
        t.report.rejections.iter().map(|r| (r.row, r.field.as_str(), r.reason.as_str())).collect();
    assert_eq!(
        rej,
        vec![
            (2, "", "blank line (file line 6)"),
            (4, "Model", "empty model name; every model needs a name"),
            (6, "", "blank line (file line 10)"),
        ]
    );
}

#[test]
fn duplicated_names_are_kept_and_noted() {
    let t = read("duplicated_names.csv");
    assert_eq!(counts(&t), (3, 3, 0));
    assert_eq!(t.models[2].name, "Twin");
    assert!(t.report.notes.contains(&"duplicated model name \"Twin\" at rows 1, 3; all kept".to_string()));
}

#[test]
fn empty_file_is_an_error_and_header_only_is_zero_rows() {
    let e = read_epoch_csv(&fixture("empty.csv")).unwrap_err();
    assert!(matches!(e, EpochError::Empty { .. }));
    assert!(e.to_string().contains("empty.csv: the file is empty"));
    let t = read("header_only.csv");
    assert_eq!(counts(&t), (0, 0, 0));
    assert!(t.models.is_empty());
    assert!(t.report.notes.contains(&"header only: no data rows".to_string()));
}

#[test]
fn old_vintage_vocabulary() {
    let t = read("old_vintage.csv");
    assert_eq!(counts(&t), (3, 3, 0));
    let alexnet = &t.models[0];
    assert_eq!(alexnet.organization_categories, vec!["Academia"]);
    assert_eq!(
        alexnet.notability.iter().cloned().collect::<Vec<_>>(),
        vec![Notability::SotaImprovement, Notability::HighlyCited]
    );
    assert_eq!(alexnet.countries, vec!["Canada"]);
    assert_eq!(alexnet.foundation_flag, Some(false));
    assert_eq!(t.models[1].accessibility, Accessibility::Api);
    assert_eq!(t.models[1].foundation_flag, Some(true));
    assert_eq!(t.models[1].frontier_flag, Some(true));
    assert_eq!(t.models[2].accessibility, Accessibility::OpenWeightsRestricted);
    assert_eq!(t.models[2].frontier_flag, None);
    assert!(t
        .report
        .notes
        .iter()
        .any(|n| n.contains("field `Frontier model`: not a yes/no flag: \"perhaps\"")));
}

#[test]
fn in_memory_reads_and_tab_separated() {
    let t = read_epoch_bytes("mem.tsv", b"Model\tPublication date\tTraining compute (FLOP)\nA\t2020\t1e20\n")
        .unwrap();
    assert_eq!(counts(&t), (1, 1, 0));
    assert_eq!(t.models[0].training_compute_flop, Some(1e20));
    assert_eq!(t.report.file, "mem.tsv");
}

#[test]
fn slash_dates_take_one_order_per_file() {
    let t = read("us_dates.csv");
    assert_eq!(counts(&t), (3, 2, 1));
    assert_eq!(t.models[0].publication_date, PubDate::ymd(2024, 5, 13));
    assert_eq!(t.models[1].publication_date, PubDate::ymd(2023, 1, 2));
    assert_eq!((t.report.rejections[0].row, t.report.rejections[0].field.as_str()), (3, "Publication date"));
    assert!(t.report.notes.contains(
        &"dates written as d/m/yyyy read as month/day/year (some second parts exceed 12)".to_string()
    ));
}

#[test]
fn crlf_line_ends_and_ragged_rows() {
    let bytes = b"Model,Publication date,Training compute (FLOP)\r\nA,2020-01-01,1e20\r\n\r\nB,2021-01-01\r\nC,2022-01-01,3e21,extra\r\n";
    let t = read_epoch_bytes("crlf.csv", bytes).unwrap();
    assert_eq!(counts(&t), (4, 3, 1));
    assert_eq!(t.report.rejections[0].reason, "blank line (file line 3)");
    assert_eq!(t.models.iter().map(|m| m.source_row).collect::<Vec<_>>(), vec![1, 3, 4]);
    assert_eq!(t.models[2].training_compute_flop, Some(3e21));
    assert!(t.report.notes.iter().any(|n| n.starts_with("2 row(s) have a different number of cells")));
}

#[test]
fn a_gzip_compressed_table_reads_as_the_plain_one_and_broken_gzip_is_an_error() {
    use std::io::Write;
    let plain_bytes = std::fs::read(fixture("bad_dates.csv")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&plain_bytes).unwrap();
    let packed = gz.finish().unwrap();
    let plain = read_epoch_bytes("t.csv", &plain_bytes).unwrap();
    let unpacked = read_epoch_bytes("t.csv.gz", &packed).unwrap();
    assert_eq!(unpacked.models, plain.models);
    assert_eq!(counts(&unpacked), counts(&plain));
    assert!(
        unpacked.report.notes.iter().any(|n| n.starts_with("gzip-compressed")),
        "{:?}",
        unpacked.report.notes
    );
    // The gzip magic followed by junk: a clear error naming the file, not binary in a header message.
    let e = read_epoch_bytes("junk.csv.gz", &[0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]).unwrap_err();
    assert!(matches!(e, EpochError::Compressed { .. }), "{e}");
    assert!(e.to_string().starts_with("junk.csv.gz: gzip-compressed, but it cannot be decompressed"), "{e}");
}

/// Issue 11: a file that mixes LF and CRLF endings reported phantom blank lines ("blank line (file line
/// 2)" for a real row; 20 bogus rejections in a 40-row file). Now each break counts once, whatever its
/// kind, and real blank lines keep their file line numbers.
#[test]
fn mixed_lf_and_crlf_endings_give_no_phantom_blank_lines() {
    let bytes = b"Model,Publication date,Training compute (FLOP)\r\nA,2020-01-01,1e20\nB,2021-01-01,2e20\r\n\r\nC,2022-01-01,3e20\n\nD,\"2023-01-01\",4e20\r\nE,2024-01-01,5e20\n";
    let t = read_epoch_bytes("mixed.csv", bytes).unwrap();
    assert_eq!(counts(&t), (7, 5, 2));
    let rej: Vec<(usize, &str)> = t.report.rejections.iter().map(|r| (r.row, r.reason.as_str())).collect();
    assert_eq!(rej, vec![(3, "blank line (file line 4)"), (5, "blank line (file line 6)")]);
    assert_eq!(t.models.iter().map(|m| m.source_row).collect::<Vec<_>>(), vec![1, 2, 4, 6, 7]);
    // Alternating endings on every line, as the 40-row file had: no rejection at all.
    let mut alt = b"Model,Publication date,Training compute (FLOP)\r\n".to_vec();
    for i in 0..40 {
        alt.extend_from_slice(
            format!("M{i},2020-01-01,1e20{}", if i % 2 == 0 { "\n" } else { "\r\n" }).as_bytes(),
        );
    }
    let t = read_epoch_bytes("alternating.csv", &alt).unwrap();
    assert_eq!(counts(&t), (40, 40, 0), "{:?}", t.report.rejections);
}
