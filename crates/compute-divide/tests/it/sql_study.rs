//! Heavy (`COMPUTE_DIVIDE_HEAVY_TESTS=1`, shipped data): the warehouse of the shipped data, and the
//! shipped queries on it give the numbers of the Rust analyses behind the report: `queries/
//! team_composition.sql` equals `compute-divide teams` (cd_analysis::composition, the publications
//! section): every venue-year and pooled year, counts exactly, shares and Wilson bounds to 1e-12.
//!
//! NOT YET EQUAL, so ignored: `queries/topic_shares.sql` against the share rows of `compute-divide
//! representation` (cd_analysis::topics::representation::share_rows). On the shipped data 29 of the 72
//! topic-period rows differ, SQL counting a few more papers (e.g. detection_segmentation 2018-21: 1475
//! against 1473; responsible_ai 2022+: 7251 against 7213), mostly of unknown team. `representation` reads
//! 137,640 paper rows (10,025 dropped as duplicates) where the warehouse holds 116,900; likely cause: papers the
//! warehouse lacks remove duplicates in Rust that stay in `in_topic_corpus`. The warehouse must hold
//! every paper `topic_corpus` sees before this can pass.
//! Run it with `cargo test --features sql --test it sql_study -- --ignored`.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn run(data: &Path, args: &[&str]) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_compute-divide"))
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn close(a: &Value, b: &Value, what: &str) {
    let (x, y) = (a.as_f64(), b.as_f64());
    match (x, y) {
        (Some(x), Some(y)) => assert!((x - y).abs() <= 1e-12, "{what}: {x} vs {y}"),
        _ => assert_eq!(a, b, "{what}"),
    }
}

/// The warehouse of the shipped data in a temporary folder (`None`: skipped).
fn build() -> Option<(cd_ingest::locate::DataDir, tempfile::TempDir)> {
    let data = crate::support::shared_data()?;
    if !crate::support::heavy("the warehouse of the shipped data") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let wh = dir.path().join("wh");
    let o = Command::new(env!("CARGO_BIN_EXE_compute-divide"))
        .arg("--data")
        .arg(&data.root)
        .args(["warehouse", "build", "--out"])
        .arg(&wh)
        .output()
        .unwrap();
    assert!(o.status.success(), "warehouse build: {}", String::from_utf8_lossy(&o.stderr));
    Some((data, dir))
}

fn sql(data: &Path, wh: &Path, file: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../queries").join(file);
    let args =
        ["sql", "--warehouse", wh.to_str().unwrap(), "--file", path.to_str().unwrap(), "--format", "json"];
    run(data, &args)["rows"].as_array().unwrap().clone()
}

#[test]
fn team_composition_sql_equals_the_rust_analysis() {
    let Some((data, dir)) = build() else { return };
    let wh = dir.path().join("wh");
    let sql = |file: &str| sql(&data.root, &wh, file);

    // Team composition: venue-years, then the pooled years (venue `all`).
    let teams = run(&data.root, &["teams", "--format", "json"]);
    let rust: Vec<&Value> =
        teams["rows"].as_array().unwrap().iter().chain(teams["pooled"].as_array().unwrap()).collect();
    let rows = sql("team_composition.sql");
    assert!(rust.len() > 100, "{} composition rows", rust.len());
    assert_eq!(rows.len(), rust.len());
    for (s, r) in rows.iter().zip(&rust) {
        let what = format!("{} {}", r["venue"], r["year"]);
        for key in
            ["venue", "year", "papers", "academic_only", "industry_involved", "collaboration", "unknown"]
        {
            assert_eq!(s[key], r[key], "{what}: {key}");
        }
        for key in [
            "academic_only_share",
            "academic_only_share_lower",
            "academic_only_share_upper",
            "industry_involved_share",
            "industry_involved_share_lower",
            "industry_involved_share_upper",
            "collaboration_share",
            "unknown_share",
        ] {
            close(&s[key], &r[key], &format!("{what}: {key}"));
        }
    }
}

#[test]
#[ignore = "not yet equal on the shipped data: 29 of 72 topic-period rows differ (the warehouse holds 116,900 of the 137,640 paper rows representation reads)"]
fn topic_shares_sql_equals_the_rust_analysis() {
    let Some((data, dir)) = build() else { return };
    let wh = dir.path().join("wh");
    // Topic shares: the representation's rows with papers (SQL has no row for an empty topic-period).
    let rep = run(&data.root, &["representation", "--format", "json"]);
    let rust: Vec<&Value> =
        rep["rows"].as_array().unwrap().iter().filter(|r| r["papers"].as_u64() != Some(0)).collect();
    let mut rows = sql(&data.root, &wh, "topic_shares.sql");
    // SQL orders by topic id; the Rust rows are in taxonomy order: compare by (topic, period).
    let key =
        |v: &Value| (v["topic"].as_str().unwrap().to_string(), v["period"].as_str().unwrap().to_string());
    let mut rust = rust;
    rust.sort_by_key(|v| key(v));
    rows.sort_by_key(key);
    assert!(rust.len() >= 40, "{} topic rows", rust.len());
    assert_eq!(rows.len(), rust.len());
    for (s, r) in rows.iter().zip(&rust) {
        let what = format!("{} {}", r["topic"], r["period"]);
        for k in ["topic", "period", "papers", "papers_known_team", "academic_only_papers"] {
            assert_eq!(s[k], r[k], "{what}: {k}");
        }
        close(&s["academic_only_share"], &r["academic_only_share"], &format!("{what}: share"));
        close(
            &s["academic_fractional_share"],
            &r["academic_fractional_share"],
            &format!("{what}: fractional"),
        );
    }
}
