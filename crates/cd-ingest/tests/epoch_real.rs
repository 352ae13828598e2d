//! Ingest every shipped Epoch vintage and check the counts against `tools/epoch_counts.py`, an independent
//! pandas script. Expected values below are pasted from its output (`python3 tools/epoch_counts.py`).

use cd_ingest::epoch::{read_epoch_csv, EpochField, EpochTable};
use cd_ingest::locate::test_data_dir;
use std::collections::BTreeMap;

struct Expected {
    file: &'static str,
    rows: usize,
    empty_name: usize,
    with_compute: usize,
    with_date: usize,
    duplicated_names: usize,
    /// `Organization categorization` items (cells split on commas); `<empty>` = rows without a label.
    labels: &'static [(&'static str, usize)],
}

// From `python3 tools/epoch_counts.py` on the shipped data (see /work/shared/data/README.md sha256 list).
const EXPECTED: &[Expected] = &[
    Expected {
        file: "all_ml_systems_2023-12-14.csv",
        rows: 1117,
        empty_name: 1,
        with_compute: 412,
        with_date: 1115,
        duplicated_names: 0,
        labels: &[
            ("<empty>", 395),
            ("Academia", 254),
            ("Government", 2),
            ("Industry", 305),
            ("Industry - Academia Collaboration", 78),
            ("Industry - Academia Collaboration (Academia Leaning)", 2),
            ("Industry - Academia Collaboration (Academia leaning)", 10),
            ("Industry - Academia Collaboration (Industry Leaning)", 1),
            ("Industry - Academia Collaboration (Industry leaning)", 53),
            ("Industry - Academia collaboration", 2),
            ("Non-profit", 4),
            ("Research Collective", 8),
            ("Research collective", 2),
        ],
    },
    Expected {
        file: "all_ml_systems_2024-02-05.csv",
        rows: 1107,
        empty_name: 1,
        with_compute: 467,
        with_date: 1079,
        duplicated_names: 1,
        labels: &[
            ("<empty>", 320),
            ("Academia", 281),
            ("Government", 2),
            ("Industry", 326),
            ("Industry - Academia Collaboration", 89),
            ("Industry - Academia Collaboration (Academia Leaning)", 3),
            ("Industry - Academia Collaboration (Academia leaning)", 10),
            ("Industry - Academia Collaboration (Industry Leaning)", 1),
            ("Industry - Academia Collaboration (Industry leaning)", 62),
            ("Industry - Academia collaboration", 2),
            ("Non-profit", 4),
            ("Research Collective", 4),
            ("Research collective", 2),
        ],
    },
    Expected {
        file: "all_ml_systems_2025-08-07.csv",
        rows: 1892,
        empty_name: 0,
        with_compute: 988,
        with_date: 1892,
        duplicated_names: 1,
        labels: &[
            ("<empty>", 27),
            ("Academia", 1481),
            ("Government", 65),
            ("Industry", 1454),
            ("Research collective", 78),
        ],
    },
    Expected {
        file: "frontier_ai_models_2025-12-02.csv",
        rows: 131,
        empty_name: 0,
        with_compute: 125,
        with_date: 131,
        duplicated_names: 0,
        labels: &[("<empty>", 8), ("Academia", 53), ("Government", 1), ("Industry", 92)],
    },
    Expected {
        file: "large_scale_ai_models_2025-12-02.csv",
        rows: 473,
        empty_name: 0,
        with_compute: 286,
        with_date: 473,
        duplicated_names: 0,
        labels: &[],
    },
    Expected {
        file: "notable_ai_models_2025-12-02.csv",
        rows: 952,
        empty_name: 0,
        with_compute: 510,
        with_date: 952,
        duplicated_names: 0,
        labels: &[
            ("<empty>", 19),
            ("Academia", 652),
            ("Government", 20),
            ("Industry", 731),
            ("Research collective", 18),
        ],
    },
];

fn read(file: &str) -> EpochTable {
    let dir = test_data_dir().expect("the shipped data (../shared/data or $COMPUTE_DIVIDE_DATA) is needed");
    read_epoch_csv(&dir.epoch().join(file)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_shipped_vintage_matches_the_independent_counts() {
    for e in EXPECTED {
        let t = read(e.file);
        let r = &t.report;
        println!("{}: read {} loaded {} rejected {}", e.file, r.rows_read, r.rows_loaded, r.rows_rejected);
        for rej in &r.rejections {
            println!("  rejected row {} field {:?}: {}", rej.row, rej.field, rej.reason);
        }
        for n in &r.notes {
            println!("  note: {}", &n[..n.len().min(300)]);
        }
        assert!(r.is_balanced(), "{}", e.file);
        assert_eq!(r.rows_read, e.rows, "{}: rows", e.file);
        assert_eq!(r.rows_loaded, e.rows - e.empty_name, "{}: loaded", e.file);
        assert_eq!(r.rows_rejected, e.empty_name, "{}: rejected", e.file);
        for rej in &r.rejections {
            assert!(rej.reason.contains("empty model name"), "{}: {:?}", e.file, rej);
        }
        let with_compute = t.models.iter().filter(|m| m.training_compute_flop.is_some()).count();
        assert_eq!(with_compute, e.with_compute, "{}: with compute", e.file);
        let with_date = t.models.iter().filter(|m| m.publication_date.is_some()).count();
        assert_eq!(with_date, e.with_date, "{}: with date", e.file);
        let dup_notes = r.notes.iter().filter(|n| n.starts_with("duplicated model name")).count();
        assert_eq!(dup_notes, e.duplicated_names, "{}: duplicated names", e.file);

        let mut labels: BTreeMap<String, usize> = BTreeMap::new();
        if t.columns.get(EpochField::OrganizationCategories).is_some() {
            for m in &t.models {
                if m.organization_categories.is_empty() {
                    *labels.entry("<empty>".into()).or_default() += 1;
                }
                for c in &m.organization_categories {
                    *labels.entry(c.clone()).or_default() += 1;
                }
            }
        }
        let expected: BTreeMap<String, usize> = e.labels.iter().map(|(l, n)| (l.to_string(), *n)).collect();
        assert_eq!(labels, expected, "{}: categorisation labels", e.file);
    }
}

#[test]
fn columns_map_across_vintages() {
    let old = read("all_ml_systems_2023-12-14.csv");
    assert_eq!(old.columns.header(EpochField::Name), Some("System"));
    assert_eq!(old.columns.header(EpochField::Accessibility), Some("Open-source"));
    assert_eq!(old.columns.header(EpochField::Countries), Some("Country (from Organization)"));
    let new = read("all_ml_systems_2025-08-07.csv");
    assert_eq!(new.columns.header(EpochField::Name), Some("Model"));
    assert_eq!(new.columns.header(EpochField::Accessibility), Some("Model accessibility"));
    assert_eq!(new.columns.header(EpochField::Countries), Some("Country (of organization)"));
    let large = read("large_scale_ai_models_2025-12-02.csv");
    assert!(large.columns.get(EpochField::OrganizationCategories).is_none());
    assert!(large.columns.ignored.iter().any(|h| h == "(DEPRECATED) Training dataset size (datapoints)"));
}

#[test]
fn known_rows_are_read_field_by_field() {
    use cd_domain::{Accessibility, DatePrecision, Notability};
    let t = read("all_ml_systems_2025-08-07.csv");
    // Row with a quoted organisation containing a comma (file row 1225, pandas index 1224).
    let m = t.models.iter().find(|m| m.source_row == 1225).unwrap();
    assert_eq!(
        m.organizations,
        [
            "Stanford University",
            "SambaNova Systems, Inc",
            "Peking University",
            "Adobe",
            "University at Buffalo"
        ]
    );
    assert_eq!(m.organization_categories.len(), 5);
    let t = read("notable_ai_models_2025-12-02.csv");
    let m = t.models.iter().find(|m| m.source_row == 357).unwrap();
    assert_eq!(m.organizations[1], "NERSC, Lawrence Berkeley National Laboratory");
    assert_eq!(m.organizations.len(), m.organization_categories.len());
    // Accessibility: every label of every vintage maps to a known value (no "unknown accessibility" note).
    for file in EXPECTED.iter().map(|e| e.file) {
        let t = read(file);
        assert!(!t.report.notes.iter().any(|n| n.contains("unknown accessibility")), "{file}");
        assert!(!t.report.notes.iter().any(|n| n.contains("loaded without it")), "{file}");
        for m in &t.models {
            if let Some(d) = m.publication_date {
                assert_eq!(d.precision, DatePrecision::Day, "{file}: {}", m.name);
            }
            if m.accessibility_label.is_some() {
                assert_ne!(m.accessibility, Accessibility::Unknown, "{file}: {}", m.name);
            }
        }
    }
    let t = read("frontier_ai_models_2025-12-02.csv");
    assert!(t.models.iter().all(|m| m.frontier_flag == Some(true)));
    let t = read("all_ml_systems_2023-12-14.csv");
    let sota = t.models.iter().filter(|m| m.notability.contains(&Notability::SotaImprovement)).count();
    assert!(sota > 0);
}
