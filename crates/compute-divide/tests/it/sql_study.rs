//! Heavy (`COMPUTE_DIVIDE_HEAVY_TESTS=1`, shipped data): the warehouse of the shipped data, and the
//! shipped queries on it give the numbers of the Rust analyses behind the report: `queries/
//! team_composition.sql` equals `compute-divide teams` (cd_analysis::composition, the publications
//! section) and `queries/topic_shares.sql` equals the share rows of `compute-divide representation`
//! (cd_analysis::topics::representation::share_rows, the topics section): counts exactly, shares to 1e-12.

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

#[test]
fn shipped_queries_equal_the_rust_analyses() {
    let Some(data) = crate::support::shared_data() else { return };
    if !crate::support::heavy("the warehouse of the shipped data") {
        return;
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
    let queries = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../queries");
    let sql = |file: &str| {
        let path = queries.join(file);
        let args = [
            "sql",
            "--warehouse",
            wh.to_str().unwrap(),
            "--file",
            path.to_str().unwrap(),
            "--format",
            "json",
        ];
        run(&data.root, &args)["rows"].as_array().unwrap().clone()
    };

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

    // Topic shares: the representation's rows with papers (SQL has no row for an empty topic-period).
    let rep = run(&data.root, &["representation", "--format", "json"]);
    let rust: Vec<&Value> =
        rep["rows"].as_array().unwrap().iter().filter(|r| r["papers"].as_u64() != Some(0)).collect();
    let mut rows = sql("topic_shares.sql");
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
