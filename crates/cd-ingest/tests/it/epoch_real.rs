//! Ingest every shipped Epoch vintage and check the counts against `tools/epoch_counts.py`, an independent
//! pandas script. Expected values below are pasted from its output (`python3 tools/epoch_counts.py`).

use cd_ingest::epoch::{read_epoch_csv, EpochField, EpochTable};
use cd_ingest::locate::DataDir;
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
    /// Models with parameters, citations, compute lower bound, upper bound, finetune compute, base model,
    /// accessibility label, frontier flag true (the script's second line, in that order).
    fields: [usize; 8],
    /// Models per notability criterion (lower-cased, once per model).
    notability: &'static [(&'static str, usize)],
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
        fields: [635, 894, 0, 0, 8, 14, 81, 0],
        notability: &[
            ("highly cited", 328),
            ("historical significance", 38),
            ("icpr 2012 mitosis detection competition winner", 1),
            ("significant use", 16),
            ("sota improvement", 291),
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
        fields: [725, 976, 0, 0, 21, 49, 165, 0],
        notability: &[
            ("highly cited", 338),
            ("historical significance", 42),
            ("icpr 2012 mitosis detection competition winner", 1),
            ("significant use", 18),
            ("sota improvement", 359),
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
        fields: [1275, 955, 25, 33, 165, 393, 1396, 0],
        notability: &[
            ("highly cited", 327),
            ("historical significance", 81),
            ("significant use", 42),
            ("sota improvement", 424),
            ("training cost", 58),
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
        fields: [104, 78, 5, 8, 5, 6, 68, 131],
        notability: &[
            ("discretionary", 1),
            ("highly cited", 68),
            ("historical significance", 37),
            ("significant use", 6),
            ("sota improvement", 37),
            ("training cost", 29),
        ],
    },
    Expected {
        file: "large_scale_ai_models_2025-12-02.csv",
        rows: 473,
        empty_name: 0,
        with_compute: 286,
        with_date: 473,
        duplicated_names: 0,
        labels: &[],
        fields: [324, 76, 0, 0, 23, 23, 450, 0],
        notability: &[],
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
        fields: [667, 621, 0, 0, 44, 121, 699, 117],
        notability: &[
            ("discretionary", 17),
            ("highly cited", 296),
            ("historical significance", 133),
            ("significant use", 58),
            ("sota improvement", 561),
            ("training cost", 69),
        ],
    },
];

fn read(dir: &DataDir, file: &str) -> EpochTable {
    read_epoch_csv(&dir.epoch().join(file)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_shipped_vintage_matches_the_independent_counts() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    for e in EXPECTED {
        let t = read(&data, e.file);
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

        let ms = &t.models;
        let n = |f: &dyn Fn(&cd_domain::Model) -> bool| ms.iter().filter(|m| f(m)).count();
        let fields = [
            n(&|m| m.parameters.is_some()),
            n(&|m| m.citations.is_some()),
            n(&|m| m.training_compute_lower_flop.is_some()),
            n(&|m| m.training_compute_upper_flop.is_some()),
            n(&|m| m.finetune_compute_flop.is_some()),
            n(&|m| m.base_model.is_some()),
            n(&|m| m.accessibility_label.is_some()),
            n(&|m| m.frontier_flag == Some(true)),
        ];
        assert_eq!(fields, e.fields, "{}: field presence", e.file);
        let mut notability: BTreeMap<String, usize> = BTreeMap::new();
        for m in ms {
            for c in &m.notability {
                *notability.entry(c.as_str().to_lowercase().replace('_', " ")).or_default() += 1;
            }
        }
        let expected: BTreeMap<String, usize> =
            e.notability.iter().map(|(l, n)| (l.to_string(), *n)).collect();
        assert_eq!(notability, expected, "{}: notability", e.file);
    }
}

#[test]
fn columns_map_across_vintages() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let old = read(&data, "all_ml_systems_2023-12-14.csv");
    assert_eq!(old.columns.header(EpochField::Name), Some("System"));
    assert_eq!(old.columns.header(EpochField::Accessibility), Some("Open-source"));
    assert_eq!(old.columns.header(EpochField::Countries), Some("Country (from Organization)"));
    let new = read(&data, "all_ml_systems_2025-08-07.csv");
    assert_eq!(new.columns.header(EpochField::Name), Some("Model"));
    assert_eq!(new.columns.header(EpochField::Accessibility), Some("Model accessibility"));
    assert_eq!(new.columns.header(EpochField::Countries), Some("Country (of organization)"));
    let large = read(&data, "large_scale_ai_models_2025-12-02.csv");
    assert!(large.columns.get(EpochField::OrganizationCategories).is_none());
    assert_eq!(
        large.columns.header(EpochField::TrainingDatasetSize),
        Some("(DEPRECATED) Training dataset size (datapoints)")
    );
    let frontier = read(&data, "frontier_ai_models_2025-12-02.csv");
    assert!(frontier.columns.ignored.iter().any(|h| h == "Training dataset size"));
}

#[test]
fn known_rows_are_read_field_by_field() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    use cd_domain::{Accessibility, DatePrecision, Notability};
    let t = read(&data, "all_ml_systems_2025-08-07.csv");
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
    let t = read(&data, "notable_ai_models_2025-12-02.csv");
    let m = t.models.iter().find(|m| m.source_row == 357).unwrap();
    assert_eq!(m.organizations[1], "NERSC, Lawrence Berkeley National Laboratory");
    assert_eq!(m.organizations.len(), m.organization_categories.len());
    let t = read(&data, "large_scale_ai_models_2025-12-02.csv");
    let m = t.models.iter().find(|m| m.source_row == 410).unwrap();
    assert_eq!(m.organizations, ["Qilin Hesheng Network Technology Co., Ltd. (APUS)"]);
    // Accessibility: every label of every vintage maps to a known value (no "unknown accessibility" note).
    for file in EXPECTED.iter().map(|e| e.file) {
        let t = read(&data, file);
        assert!(!t.report.notes.iter().any(|n| n.contains("unknown accessibility")), "{file}");
        // Only the notable table's three dataset sizes written as lists ("2260275840,2290000001") are
        // loaded without their value.
        let dropped = t.report.notes.iter().filter(|n| n.contains("loaded without it")).count();
        let expected_dropped = if file.starts_with("notable") { 3 } else { 0 };
        assert_eq!(dropped, expected_dropped, "{file}: {:?}", t.report.notes);
        for m in &t.models {
            if let Some(d) = m.publication_date {
                assert_eq!(d.precision, DatePrecision::Day, "{file}: {}", m.name);
            }
            if m.accessibility_label.is_some() {
                assert_ne!(m.accessibility, Accessibility::Unknown, "{file}: {}", m.name);
            }
        }
    }
    let t = read(&data, "frontier_ai_models_2025-12-02.csv");
    assert!(t.models.iter().all(|m| m.frontier_flag == Some(true)));
    let t = read(&data, "all_ml_systems_2023-12-14.csv");
    let sota = t.models.iter().filter(|m| m.notability.contains(&Notability::SotaImprovement)).count();
    assert!(sota > 0);
}
