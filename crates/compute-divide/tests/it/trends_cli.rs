//! The issue-3 commands end to end on the shipped 2023-12-14 snapshot: JSON shapes, definition errors
//! (exit code 2 naming the key), and identical output at any thread count.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn snapshot(data: &Path) -> String {
    data.join("epoch/all_ml_systems_2023-12-14.csv").to_str().unwrap().to_string()
}

fn cmd(data: &Path, args: &[&str], threads: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_compute-divide"));
    c.arg("--data").arg(data).args(args);
    if let Some(t) = threads {
        c.env("RAYON_NUM_THREADS", t);
    }
    c.output().unwrap()
}

fn json(data: &Path, args: &[&str]) -> Value {
    let o = cmd(data, args, None);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn trends_json_shape_and_thread_independence() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let m = snapshot(&data.root);
    let args = ["trends", "--models", m.as_str(), "--format", "json", "--bootstrap", "200"];
    let one = cmd(&data.root, &args, Some("1"));
    let two = cmd(&data.root, &args, Some("2"));
    assert!(one.status.success(), "{}", String::from_utf8_lossy(&one.stderr));
    assert_eq!(one.stdout, two.stdout, "output differs between 1 and 2 threads");
    let v: Value = serde_json::from_slice(&one.stdout).unwrap();
    let fits = v["fits"].as_array().unwrap();
    assert_eq!(fits.len(), 12, "4 team groups × 3 eras");
    for f in fits {
        for key in [
            "team",
            "era",
            "n",
            "slope_oom_per_year",
            "growth_per_year",
            "doubling_months",
            "doubling_months_ci95",
        ] {
            assert!(f.get(key).is_some(), "fit lacks {key}: {f}");
        }
        assert_eq!(f["doubling_months_ci95"].as_array().unwrap().len(), 2);
    }
    let dl = fits.iter().find(|f| f["team"] == "all" && f["era"] == "dl").unwrap();
    // Doubling time is 12·log10(2)/slope, and its interval brackets it.
    let slope = dl["slope_oom_per_year"].as_f64().unwrap();
    let dm = dl["doubling_months"].as_f64().unwrap();
    assert!((dm - 12.0 * std::f64::consts::LOG10_2 / slope).abs() < 1e-9);
    let ci = &dl["doubling_months_ci95"];
    assert!(ci[0].as_f64().unwrap() < dm && dm < ci[1].as_f64().unwrap());
    assert_eq!(v["definitions"]["bootstrap_resamples"], 200);
    assert_eq!(v["input"]["sha256"], "963456b6cfbae1a7acfb440e994b95b34a4edadc7f16b02c4f1f058c734d84fd");
}

#[test]
fn shares_gap_openness_lineage_json() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let m = snapshot(&data.root);
    let v = json(&data.root, &["shares", "--models", m.as_str(), "--format", "json", "--bootstrap", "100"]);
    let rows = v["rows"].as_array().unwrap();
    for key in ["subset", "period", "team", "count", "share", "share_ci95"] {
        assert!(rows[0].get(key).is_some(), "row lacks {key}");
    }
    for subset in ["notable", "large_scale", "frontier"] {
        // Full-counting shares of one period sum to 1.
        let s: f64 = rows
            .iter()
            .filter(|r| r["subset"] == subset && r["period"] == "2018-21" && r["counting"] == "full")
            .map(|r| r["share"].as_f64().unwrap())
            .sum();
        assert!((s - 1.0).abs() < 1e-9, "{subset}: {s}");
    }
    assert!(!v["largest"].as_array().unwrap().is_empty());
    let g = json(&data.root, &["gap", "--models", m.as_str(), "--format", "json"]);
    assert!(g["rows"].as_array().unwrap().iter().any(|r| r["year"] == 2020 && r["gap_max_oom"].is_number()));
    let o = json(&data.root, &["openness", "--models", m.as_str(), "--format", "json", "--bootstrap", "100"]);
    assert!(o["lag"]["lag_years"].is_number() && o["shares"].is_array());
    let l = json(&data.root, &["lineage", "--models", m.as_str(), "--format", "json"]);
    assert!(l["derivations"].as_array().unwrap().len() >= 10 && l["unresolved"].is_array());
}

#[test]
fn speccurve_counts_every_specification() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let m = snapshot(&data.root);
    let v = json(&data.root, &["speccurve", "--models", m.as_str(), "--format", "json"]);
    let n: Vec<u64> =
        v["claims"].as_array().unwrap().iter().map(|c| c["n_specs"].as_u64().unwrap()).collect();
    // One vintage: team source 3 × notability 3 × academic rule 2 × {large-scale rule 3 | eras 4 |
    // gap source 2 × gap measure 2}; open lag: notability 3 × frontier rule 5 (teams do not enter it).
    assert_eq!(n, vec![54, 72, 72, 15]);
    // Every estimated specification has its interval, and it is ordered.
    for c in v["claims"].as_array().unwrap() {
        for s in c["specs"].as_array().unwrap().iter().filter(|s| s["estimate"].is_number()) {
            let ci = s["ci95"].as_array().unwrap_or_else(|| panic!("no interval: {s}"));
            assert!(ci[0].as_f64().unwrap() <= ci[1].as_f64().unwrap(), "{s}");
        }
    }
    // A user's own large-scale rule joins the curve: 4 rules instead of 3.
    let args = ["speccurve", "--models", m.as_str(), "--format", "json", "--large-scale", "threshold:1e24"];
    let v = json(&data.root, &args);
    assert_eq!(v["claims"][0]["n_specs"], 3 * 3 * 2 * 4);
}

#[test]
fn bad_definitions_exit_2_naming_the_key() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let m = snapshot(&data.root);
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("defs.toml");
    std::fs::write(&cfg, "bootstrap_resampels = 10\n").unwrap();
    let o = cmd(&data.root, &["trends", "--models", m.as_str(), "--config", cfg.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bootstrap_resampels") && err.contains("defs.toml"), "{err}");
    let o = cmd(&data.root, &["shares", "--models", m.as_str(), "--frontier", "percentile:150"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("frontier_rule"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = cmd(&data.root, &["gap", "--models", m.as_str(), "--academic-only", "lax"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("allowed: strict, loose"));
}

#[test]
fn no_share_interval_has_zero_width_on_any_shipped_vintage() {
    // Every share of every subset, bin and counting, on every all-models snapshot shipped: an interval at
    // 0% or 100% (or anywhere) has positive width unless n is 0 (then there is none).
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let epoch = data.root.join("epoch");
    let mut tables: Vec<std::path::PathBuf> = std::fs::read_dir(&epoch)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().to_string();
            (n.starts_with("all_ml_systems_") || n.starts_with("all_ai_models")) && n.ends_with(".csv")
        })
        .collect();
    tables.sort();
    assert!(tables.len() >= 3, "{tables:?}");
    let (mut rows, mut edges) = (0, 0);
    for t in &tables {
        let args = ["shares", "--models", t.to_str().unwrap(), "--format", "json", "--bootstrap", "100"];
        let v = json(&data.root, &args);
        for r in v["rows"].as_array().unwrap() {
            let n = r["n"].as_u64().unwrap();
            if n == 0 {
                assert!(r["share_ci95"].is_null(), "{r}");
                continue;
            }
            rows += 1;
            let (lo, hi) = (r["share_ci95"][0].as_f64().unwrap(), r["share_ci95"][1].as_f64().unwrap());
            assert!(hi > lo, "zero-width interval in {}: {r}", t.display());
            let s = r["share"].as_f64().unwrap();
            edges += usize::from(s == 0.0 || s == 1.0);
            assert_eq!(r["small_n"].as_bool().unwrap(), n < 10, "{r}");
        }
    }
    assert!(rows > 1000 && edges > 100, "{rows} rows, {edges} at 0% or 100%");
}

/// Every analysis command accounts for its rows, as the README promises: the 2023-12-14 snapshot has
/// 1,117 data rows, one without a name (tools/team_labels.py counts them independently).
#[test]
fn analysis_json_accounts_for_rows_and_tables_say_so() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let snap = snapshot(&data.root);
    for command in ["trends", "shares", "gap", "openness", "lineage"] {
        let v = json(&data.root, &[command, "--models", &snap, "--format", "json", "--bootstrap", "20"]);
        assert_eq!(
            (v["rows_read"].as_u64(), v["rows_loaded"].as_u64()),
            (Some(1117), Some(1116)),
            "{command}"
        );
        assert_eq!(v["rows_rejected"], 1, "{command}");
        let rejections = v["rejections"].as_array().unwrap();
        assert_eq!(rejections.len(), 1, "{command}");
        assert_eq!(rejections[0]["row"], 2, "{command}: the second data row has no name");
        assert_eq!(v["input"]["rows_read"], 1117, "{command}");
    }
    let v = json(&data.root, &["speccurve", "--models", &snap, "--format", "json", "--bootstrap", "20"]);
    assert_eq!(v["inputs"][0]["rows_rejected"], 1);
    let o = cmd(&data.root, &["trends", "--models", &snap, "--bootstrap", "20"], None);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1117 rows read, 1116 loaded, 1 rejected"), "{err}");
}
