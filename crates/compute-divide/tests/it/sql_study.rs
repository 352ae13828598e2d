//! Heavy (`COMPUTE_DIVIDE_HEAVY_TESTS=1`, shipped data): the warehouse of the shipped data, and the
//! shipped queries on it give the numbers of the Rust analyses behind the report:
//! - `queries/team_composition.sql` equals `compute-divide teams` (cd_analysis::composition, the
//!   publications section): every venue-year and pooled year, counts exactly, shares and Wilson bounds to
//!   1e-12;
//! - `queries/topic_shares.sql` equals the share rows of `compute-divide representation`
//!   (cd_analysis::topics::representation::share_rows, the topics section): all topic-periods, counts
//!   exactly, shares to 1e-12; and the papers flagged `in_topic_corpus` are the papers of `compute-divide
//!   topics` (the topic corpus), one row each;
//! - `queries/openalex_topic_shares.sql` equals `compute-divide representation` on OpenAlex parts
//!   (generated works) that both `representation --input` and `warehouse build --openalex` read;
//! - `model_mentions` holds the uses of `compute-divide mentions` (cd_analysis::adoption::detect_uses), row
//!   for row, and `queries/model_adoption.sql` gives the adoption section's table of the models
//!   academic-only papers build on most (`compute-divide adoption`, `adoption.top_models`).
//!
//! The warehouse is built once per test run (the tests share it) under Cargo's temporary folder for
//! integration tests, removed first so that no file of an earlier build is kept.
//! Run: `COMPUTE_DIVIDE_HEAVY_TESTS=1 cargo test -p compute-divide --features sql --test it sql_study`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

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

/// The warehouse of the shipped data, built once for the tests of this module (`None`: skipped).
fn warehouse() -> Option<&'static (cd_ingest::locate::DataDir, PathBuf)> {
    static BUILT: OnceLock<Option<(cd_ingest::locate::DataDir, PathBuf)>> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let data = crate::support::shared_data()?;
            if !crate::support::heavy("the warehouse of the shipped data") {
                return None;
            }
            let wh = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sql_study_warehouse");
            if wh.exists() {
                std::fs::remove_dir_all(&wh).unwrap();
            }
            let o = Command::new(env!("CARGO_BIN_EXE_compute-divide"))
                .arg("--data")
                .arg(&data.root)
                .args(["warehouse", "build", "--out"])
                .arg(&wh)
                .output()
                .unwrap();
            assert!(o.status.success(), "warehouse build: {}", String::from_utf8_lossy(&o.stderr));
            Some((data, wh))
        })
        .as_ref()
}

/// The rows of an SQL text on the warehouse.
fn sql_text(data: &Path, wh: &Path, query: &str) -> Vec<Value> {
    run(data, &["sql", "--warehouse", wh.to_str().unwrap(), query, "--format", "json"])["rows"]
        .as_array()
        .unwrap()
        .clone()
}

fn sql(data: &Path, wh: &Path, file: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../queries").join(file);
    let args =
        ["sql", "--warehouse", wh.to_str().unwrap(), "--file", path.to_str().unwrap(), "--format", "json"];
    run(data, &args)["rows"].as_array().unwrap().clone()
}

#[test]
fn team_composition_sql_equals_the_rust_analysis() {
    let Some((data, wh)) = warehouse() else { return };
    let sql = |file: &str| sql(&data.root, wh, file);

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
fn topic_shares_sql_equals_the_rust_analysis() {
    let Some((data, wh)) = warehouse() else { return };
    let rep = run(&data.root, &["representation", "--format", "json"]);
    let rows = sql(&data.root, wh, "topic_shares.sql");
    assert_topic_shares_equal(&rep, rows, 40);
}

/// The rows of a topic-share query equal the share rows of a `representation` output that have papers
/// (SQL has no row for an empty topic-period), at least `min` of them: compared by (topic, period), since
/// SQL orders by topic id and the Rust rows are in taxonomy order; counts exactly, shares to 1e-12.
fn assert_topic_shares_equal(rep: &Value, mut rows: Vec<Value>, min: usize) {
    let key =
        |v: &Value| (v["topic"].as_str().unwrap().to_string(), v["period"].as_str().unwrap().to_string());
    let mut rust: Vec<&Value> =
        rep["rows"].as_array().unwrap().iter().filter(|r| r["papers"].as_u64() != Some(0)).collect();
    rust.sort_by_key(|v| key(v));
    rows.sort_by_key(key);
    assert!(rust.len() >= min, "{} topic rows", rust.len());
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

/// `queries/openalex_topic_shares.sql` over the OpenAlex works of a warehouse equals the share rows of
/// `compute-divide representation` reading the same works (2,000 from tools/gen_openalex.py, seed 7;
/// Python): every topic-period, counts exactly, shares to 1e-12. The warehouse is given the part twice,
/// under two names (a work in two parts counts once in SQL); the part holds no copy of one paper under
/// two work ids (asserted: `representation` drops none), the one case where the two differ.
#[test]
fn openalex_topic_shares_sql_equals_the_rust_analysis() {
    let Some((data, _)) = warehouse() else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sql_study_openalex");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    let part = dir.join("parts/part_000.gz");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/gen_openalex.py");
    let status = Command::new("python3")
        .arg(script)
        .args(["--works", "2000", "--seed", "7", "--out"])
        .arg(&part)
        .status()
        .expect("python3 runs");
    assert!(status.success());
    std::fs::copy(&part, dir.join("parts/part_001.gz")).unwrap();
    let wh = dir.join("wh");
    let o = Command::new(env!("CARGO_BIN_EXE_compute-divide"))
        .arg("--data")
        .arg(&data.root)
        .args(["warehouse", "build", "--quiet", "--out"])
        .arg(&wh)
        .arg("--openalex")
        .arg(dir.join("parts"))
        .output()
        .unwrap();
    assert!(o.status.success(), "warehouse build: {}", String::from_utf8_lossy(&o.stderr));
    let part = part.to_str().unwrap();
    let rep = run(
        &data.root,
        &["representation", "--input", part, "--input-format", "openalex", "--format", "json"],
    );
    assert_eq!(rep["rows_loaded"], 2000);
    assert_eq!(rep["duplicates_dropped"], 0);
    let works = "SELECT COUNT(*) AS n FROM papers WHERE source = 'openalex'";
    assert_eq!(sql_text(&data.root, &wh, works)[0]["n"], 4000);
    let rows = sql(&data.root, &wh, "openalex_topic_shares.sql");
    let total: u64 = rows.iter().map(|r| r["papers"].as_u64().unwrap()).sum();
    assert!(total >= 2000, "{total} topic-paper rows");
    assert_topic_shares_equal(&rep, rows, 20);
}

#[test]
fn the_topic_corpus_flags_mark_the_papers_of_the_topic_corpus() {
    let Some((data, wh)) = warehouse() else { return };
    // The topic corpus as `topics` lists it (every paper with its year and team), against the rows
    // flagged `in_topic_corpus`, as multisets of (paper id, year, team).
    let topics = run(&data.root, &["topics", "--format", "json"]);
    let key = |id: &Value, year: &Value, team: &Value| format!("{id} {year} {team}");
    let mut rust: Vec<String> = topics["papers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| key(&p["paper_id"], &p["year"], &p["team"]))
        .collect();
    let q = "SELECT paper_id, year, team FROM papers WHERE in_topic_corpus";
    let mut rows: Vec<String> =
        sql_text(&data.root, wh, q).iter().map(|p| key(&p["paper_id"], &p["year"], &p["team"])).collect();
    assert!(rust.len() > 90_000, "{} papers in the topic corpus", rust.len());
    assert_eq!(rows.len(), rust.len());
    rust.sort();
    rows.sort();
    assert!(rows == rust, "{:?}", rows.iter().zip(&rust).find(|(a, b)| a != b));
    // (source, paper_id, occurrence) is the key of a paper row.
    let q = "SELECT (SELECT COUNT(*) FROM papers) AS n, \
             (SELECT COUNT(*) FROM (SELECT DISTINCT source, paper_id, occurrence FROM papers)) AS keys";
    let r = &sql_text(&data.root, wh, q)[0];
    assert!(r["n"].as_u64().unwrap() > 100_000);
    assert_eq!(r["n"], r["keys"]);
}

/// A use as text, for comparing multisets of uses.
fn use_key(u: &Value) -> String {
    let list = |v: &Value| match v {
        Value::Array(a) => a.iter().map(|x| x.as_str().unwrap()).collect::<Vec<_>>().join(";"),
        v => v.as_str().unwrap().to_string(),
    };
    format!(
        "{} | {} | {} | {} | {} | {} | {} | {} | {} | {}",
        u["paper_id"],
        u["year"],
        u["paper_team"],
        u["model"],
        u["matched_text"],
        list(&u["fields"]),
        u["mentions"],
        u["developer_team"],
        u["accessibility"],
        list(&u["use_types"]),
    )
}

#[test]
fn model_mentions_holds_the_uses_of_the_mentions_command() {
    let Some((data, wh)) = warehouse() else { return };
    let m = run(&data.root, &["mentions", "--format", "json"]);
    let uses = m["mentions"].as_array().unwrap();
    let q = "SELECT paper_id, year, paper_team, model, matched_text, fields, mentions, developer_team, \
             accessibility, use_types, source FROM model_mentions";
    let rows = sql_text(&data.root, wh, q);
    assert!(uses.len() > 500, "{} uses", uses.len());
    assert_eq!(rows.len(), uses.len());
    assert!(rows.iter().all(|r| r["source"] == "aiindex"));
    let mut a: Vec<String> = rows.iter().map(use_key).collect();
    let mut b: Vec<String> = uses.iter().map(use_key).collect();
    a.sort();
    b.sort();
    assert!(a == b, "{:?}", a.iter().zip(&b).find(|(x, y)| x != y));
    // Papers with a mention: one per paper row (a paper the AI Index lists twice counts twice, as in
    // `detect_uses`), and every mention's paper row is in `papers`.
    let q = "SELECT (SELECT COUNT(*) FROM (SELECT DISTINCT paper_id, occurrence FROM model_mentions)) \
             AS papers, (SELECT COUNT(*) FROM model_mentions m LEFT JOIN papers p ON p.source = m.source \
             AND p.paper_id = m.paper_id AND p.occurrence = m.occurrence AND p.year = m.year \
             WHERE p.paper_id IS NULL) AS orphans";
    let r = &sql_text(&data.root, wh, q)[0];
    assert_eq!(r["papers"], m["papers_with_mentions"]);
    assert_eq!(r["orphans"], 0);
}

#[test]
fn model_adoption_sql_gives_the_adoption_sections_table() {
    let Some((data, wh)) = warehouse() else { return };
    let a = run(&data.root, &["adoption", "--format", "json"]);
    let top = a["adoption"]["top_models"].as_array().unwrap();
    let rows = sql(&data.root, wh, "model_adoption.sql");
    let n_top = cd_domain::Definitions::default().adoption_top_models;
    assert!(top.len() >= 10, "{} top models", top.len());
    let years: Vec<i64> =
        a["adoption"]["years"].as_array().unwrap().iter().map(|y| y["year"].as_i64().unwrap()).collect();
    let mut compared = 0;
    for year in years {
        // The section's ranking: academic-only papers building on the model, then the model's name.
        let mut ranked: Vec<&Value> = rows
            .iter()
            .filter(|r| r["year"].as_i64() == Some(year) && r["paper_team"] == "academic_only")
            .filter(|r| r["papers_building_on"].as_u64().unwrap() > 0)
            .collect();
        ranked.sort_by(|x, y| {
            y["papers_building_on"]
                .as_u64()
                .cmp(&x["papers_building_on"].as_u64())
                .then(x["model"].as_str().cmp(&y["model"].as_str()))
        });
        ranked.truncate(n_top);
        let rust: Vec<&Value> = top.iter().filter(|t| t["year"].as_i64() == Some(year)).collect();
        assert_eq!(ranked.len(), rust.len(), "{year}");
        for (s, r) in ranked.iter().zip(&rust) {
            let what = format!("{year} rank {}", r["rank"]);
            assert_eq!(s["model"], r["model"], "{what}");
            assert_eq!(s["papers_building_on"], r["academic_papers"], "{what}");
            assert_eq!(s["developer_team"], r["developer_team"], "{what}");
            assert_eq!(s["accessibility"], r["accessibility"], "{what}");
            compared += 1;
        }
    }
    assert_eq!(compared, top.len());
}
