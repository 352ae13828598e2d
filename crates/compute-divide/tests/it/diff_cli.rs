//! `compute-divide diff` (issue 16) end to end: a hand-made pair of tables with one of each kind of change
//! (exact output), bad input (exit codes 1 and 2), and the shipped vintages, whose counts are checked
//! against `tools/diff_counts.py` (an independent pandas implementation of docs/diff.md; heavy test).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_compute-divide"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("COMPUTE_DIVIDE_CACHE", "off")
        .output()
        .unwrap()
}

fn json(data: &Path, args: &[&str]) -> Value {
    let o = run(data, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn fixture_pair() -> (String, String) {
    let f = fixtures().join("epoch");
    (
        f.join("old_2000-01-01.csv").to_str().unwrap().to_string(),
        f.join("new_2000-02-01.csv").to_str().unwrap().to_string(),
    )
}

/// Every headline's sequential steps sum to its move, exactly up to rounding.
fn assert_sequential_sums(v: &Value) {
    let mut checked = 0;
    for a in v["attribution"].as_array().unwrap() {
        let f = |k: &str| a[k].as_f64();
        if let (Some(t), Some(r), Some(c), Some(d)) =
            (f("total"), f("sequential_removed"), f("sequential_changed"), f("sequential_added"))
        {
            assert!((r + c + d - t).abs() < 1e-9, "{}: {r} + {c} + {d} != {t}", a["name"]);
            checked += 1;
        }
    }
    assert!(checked > 0, "no headline with a complete attribution");
}

#[test]
fn fixture_pair_exact_output() {
    let (old, new) = fixture_pair();
    let data = fixtures();
    let v = json(&data, &["diff", &old, &new, "--format", "json", "--bootstrap", "50"]);
    let c = &v["counts"];
    assert_eq!(c["old_models"], 5);
    assert_eq!(c["new_models"], 5);
    assert_eq!(c["matched"], 4);
    assert_eq!(v["matches"], serde_json::json!({"high": 3, "medium": 1, "low": 0}));
    assert_eq!(c["added"], 1);
    assert_eq!(c["removed"], 1);
    assert_eq!(c["renamed"], 1);
    assert_eq!(c["changed"], 3);
    assert_eq!(
        c["changed_by_field"],
        serde_json::json!({"name": 1, "publication_date": 1, "training_compute": 1, "organizations": 0,
            "team_kind": 0, "team_source": 0, "accessibility": 0, "notability": 0})
    );
    assert_eq!(v["added"][0]["name"], "FreshModel");
    assert_eq!(v["added"][0]["team_kind"], "industry_only");
    assert_eq!(v["removed"][0]["name"], "OldGone");
    assert_eq!(
        v["renamed"],
        serde_json::json!([{"old_name": "Bert-Big", "new_name": "BERT Big (v2)", "confidence": "medium",
            "similarity": 1.0}])
    );
    assert_eq!(
        v["changed"],
        serde_json::json!([
            {"old_name": "Bert-Big", "new_name": "BERT Big (v2)", "confidence": "medium", "old_row": 2,
             "new_row": 2, "changes": [{"field": "name", "old": "Bert-Big", "new": "BERT Big (v2)"}]},
            {"old_name": "DateShift", "new_name": "DateShift", "confidence": "high", "old_row": 3,
             "new_row": 3, "changes": [{"field": "publication_date", "old": "2021-03-01", "new": "2021-06-15"}]},
            {"old_name": "ComputeUp", "new_name": "ComputeUp", "confidence": "high", "old_row": 4,
             "new_row": 4, "changes": [{"field": "training_compute", "old": "1e23", "new": "4e23", "ratio": 4.0}]}
        ])
    );
    for side in ["old", "new"] {
        assert_eq!(v[side]["rows_read"], 5);
        assert_eq!(v[side]["rows_loaded"], 5);
        assert_eq!(v[side]["rows_rejected"], 0);
        assert_eq!(v[side]["sha256"].as_str().unwrap().len(), 64);
    }
    assert_eq!(v["attribution_order"], serde_json::json!(["removed", "changed", "added"]));
    // Identical at any thread count.
    let at = |threads: &str| {
        Command::new(env!("CARGO_BIN_EXE_compute-divide"))
            .arg("--data")
            .arg(&data)
            .args(["diff", &old, &new, "--format", "json", "--bootstrap", "50"])
            .env("COMPUTE_DIVIDE_CACHE", "off")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(at("1"), at("2"), "output differs between 1 and 2 threads");
    // The DL-era doubling of all models: 5 models on each side; with only additions applied the old set
    // has 6 models, so `added_alone` is a real recomputation.
    let h = v["headlines"].as_array().unwrap();
    let dl = h.iter().find(|h| h["name"] == "report.dl_doubling_months.all").unwrap();
    assert_eq!(dl["old_detail"], "n = 5");
    assert_eq!(dl["new_detail"], "n = 5");
    let d = dl["new"].as_f64().unwrap() - dl["old"].as_f64().unwrap();
    assert!((dl["difference"].as_f64().unwrap() - d).abs() < 1e-12);
    assert_sequential_sums(&v);

    // The table format: the counts block, exactly.
    let o = run(&data, &["diff", &old, &new, "--bootstrap", "50"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    let counts: Vec<&str> = text.lines().skip(3).take(19).collect();
    assert_eq!(
        counts,
        [
            "count                              models",
            "models, old                        5",
            "models, new                        5",
            "matched                            4",
            "matched, high confidence           3",
            "matched, low confidence            0",
            "matched, medium confidence         1",
            "added                              1",
            "removed                            1",
            "renamed (name as written differs)  1",
            "changed (any field)                3",
            "changed: accessibility             0",
            "changed: name                      1",
            "changed: notability                0",
            "changed: organizations             0",
            "changed: publication_date          1",
            "changed: team_kind                 0",
            "changed: team_source               0",
            "changed: training_compute          1",
        ]
    );
    // CSV: one row per headline, with its attribution.
    let o = run(&data, &["diff", &old, &new, "--format", "csv", "--bootstrap", "50"]);
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with("headline,unit,old,new,difference,old_ci95,new_ci95,intervals_overlap,"));
    assert_eq!(csv.lines().count(), 1 + h.len());

    // --html writes one self-contained page with the figure.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page");
    let o = run(&data, &["diff", &old, &new, "--bootstrap", "50", "--html", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(out.join("diff.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("FreshModel") && html.contains("BERT Big (v2)"));
    assert!(
        !html.contains("tables/diff_") && !html.contains("figures/diff_"),
        "names files it does not write"
    );
}

#[test]
fn bad_input_exit_codes() {
    let (old, new) = fixture_pair();
    let data = fixtures();
    let dir = tempfile::tempdir().unwrap();
    let check = |args: &[&str], code: i32, says: &str| {
        let o = run(&data, args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: stderr lacks {says:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    };
    let missing = dir.path().join("nope.csv");
    check(&["diff", &old, missing.to_str().unwrap()], 1, "nope.csv: no such file");
    let not_epoch = dir.path().join("notepoch.csv");
    std::fs::write(&not_epoch, "Foo,Bar\n1,2\n").unwrap();
    check(&["diff", not_epoch.to_str().unwrap(), &new], 1, "notepoch.csv");
    let empty = fixtures().join("epoch/empty.csv");
    check(&["diff", &old, empty.to_str().unwrap()], 1, "no model could be loaded");
    check(&["diff", &old, &old], 2, "same table");
    // The same content under another name is the same table too.
    let copy = dir.path().join("copy.csv");
    std::fs::copy(&old, &copy).unwrap();
    check(&["diff", &old, copy.to_str().unwrap()], 2, "same table");
    check(&["diff", &old], 2, "NEW.csv");
    check(&["diff", &old, &new, "--format", "xml"], 2, "xml");
}

/// Counts of a shipped pair: (added, removed, matched, [high, medium, low], renamed, changed per field
/// name, publication_date, training_compute, organizations, accessibility, notability), from
/// `python3 tools/diff_counts.py OLD NEW`.
type Counts = (u64, u64, u64, [u64; 3], u64, [u64; 6]);

const FIELDS: [&str; 6] =
    ["name", "publication_date", "training_compute", "organizations", "accessibility", "notability"];

fn check_counts(v: &Value, want: Counts) {
    let c = &v["counts"];
    let (added, removed, matched, conf, renamed, fields) = want;
    assert_eq!(c["added"], added);
    assert_eq!(c["removed"], removed);
    assert_eq!(c["matched"], matched);
    assert_eq!(
        c["matched_by_confidence"],
        serde_json::json!({"high": conf[0], "medium": conf[1], "low": conf[2]})
    );
    assert_eq!(c["renamed"], renamed);
    for (f, n) in FIELDS.iter().zip(fields) {
        assert_eq!(c["changed_by_field"][f], n, "{f}");
    }
}

fn shipped(data: &Path, stem: &str) -> String {
    data.join(format!("epoch/{stem}.csv")).to_str().unwrap().to_string()
}

fn headline<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["headlines"].as_array().unwrap().iter().find(|h| h["name"] == name).unwrap()
}

#[test]
fn shipped_2023_12_to_2024_02() {
    let Some(data) = crate::support::shared_data() else { return };
    let (old, new) =
        (shipped(&data.root, "all_ml_systems_2023-12-14"), shipped(&data.root, "all_ml_systems_2024-02-05"));
    let v = json(&data.root, &["diff", &old, &new, "--format", "json", "--bootstrap", "100"]);
    check_counts(&v, (165, 175, 941, [928, 4, 9], 5, [5, 6, 18, 7, 10, 4]));
    assert_eq!(v["old"]["rows_read"], 1117);
    assert_eq!(v["old"]["rows_rejected"], 1);
    // The "7 of 7 → 10 of 13": the industry-only share of large-scale models in 2022.
    let h = headline(&v, "report.large_scale_industry_only_share.2022");
    assert_eq!(h["old_detail"], "7 of 7");
    assert_eq!(h["new_detail"], "10 of 13");
    assert_sequential_sums(&v);
}

#[test]
fn shipped_2023_12_to_2025_08() {
    let Some(data) = crate::support::shared_data() else { return };
    let (old, new) =
        (shipped(&data.root, "all_ml_systems_2023-12-14"), shipped(&data.root, "all_ml_systems_2025-08-07"));
    let v = json(&data.root, &["diff", &old, &new, "--format", "json", "--bootstrap", "100"]);
    check_counts(&v, (1234, 458, 658, [625, 25, 8], 31, [31, 18, 197, 170, 407, 59]));
    assert_sequential_sums(&v);
}

/// The counts of both shipped pairs against `tools/diff_counts.py` run now.
#[test]
fn shipped_counts_match_python() {
    let Some(data) = crate::support::shared_data() else { return };
    if !crate::support::heavy("diff counts against tools/diff_counts.py (python3, pandas)") {
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/diff_counts.py");
    for new in ["all_ml_systems_2024-02-05", "all_ml_systems_2025-08-07"] {
        let (old, new) = (shipped(&data.root, "all_ml_systems_2023-12-14"), shipped(&data.root, new));
        let o = Command::new("python3").arg(&script).args([&old, &new]).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let p: Value = serde_json::from_slice(&o.stdout).unwrap();
        let v = json(&data.root, &["diff", &old, &new, "--format", "json", "--bootstrap", "20"]);
        let c = &v["counts"];
        for k in ["old_models", "new_models", "matched", "added", "removed", "renamed"] {
            assert_eq!(c[k], p[k], "{new}: {k}");
        }
        for k in ["high", "medium", "low"] {
            assert_eq!(c["matched_by_confidence"][k], p[format!("matched_{k}")], "{new}: matched {k}");
        }
        for f in FIELDS {
            assert_eq!(c["changed_by_field"][f], p["changed_by_field"][f], "{new}: changed {f}");
        }
    }
}
