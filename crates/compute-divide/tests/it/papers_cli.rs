//! `papers`, `teams` and `openalex fetch` through the binary, on cd-ingest's paper fixtures and the
//! shipped conference data.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_compute-divide"))
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../cd-ingest/tests/fixtures/papers").join(rel)
}

fn json(args: &[&str]) -> Value {
    let out = bin().args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn papers_json_from_generic_and_openalex_inputs() {
    let generic = fixture("generic/papers.csv");
    let v = json(&["papers", "--input", generic.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        (v["rows_read"].as_u64(), v["rows_loaded"].as_u64(), v["rows_rejected"].as_u64()),
        (Some(8), Some(6), Some(2))
    );
    let papers = v["papers"].as_array().unwrap();
    assert_eq!(papers.len(), 3);
    let p1 = &papers[0];
    assert_eq!(
        (p1["paper_id"].as_str(), p1["year"].as_i64(), p1["venue"].as_str()),
        (Some("p1"), Some(2021), Some("ICML"))
    );
    // Oxford (academia), DeepMind + UCL, None, Meta: a collaboration.
    assert_eq!(p1["team"], "collaboration");
    let aff = &p1["authors"][0]["affiliations"][0];
    assert_eq!(
        (aff["raw"].as_str(), aff["sector"].as_str()),
        (Some("University of Oxford"), Some("academia"))
    );
    assert!(aff["confidence"].as_f64().unwrap() > 0.0 && !aff["reason"].as_str().unwrap().is_empty());
    assert_eq!(papers[2]["team"], "unknown", "a paper without authors has an unknown team");

    let oa = fixture("openalex/works.jsonl");
    let v =
        json(&["papers", "--input", oa.to_str().unwrap(), "--input-format", "openalex", "--format", "json"]);
    assert_eq!((v["rows_read"].as_u64(), v["rows_rejected"].as_u64()), (Some(6), Some(2)));
    let w = &v["papers"][0];
    assert_eq!(w["paper_id"], "W2741809807");
    assert_eq!(w["team"], "collaboration");
    assert_eq!(
        w["authors"][2]["affiliations"][0]["sector"], "industry",
        "raw string Google Research classified"
    );
}

#[test]
fn teams_agree_with_papers_and_bounds_hold() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let conf = data.conferences().join("icml_neurips_iclr_authors_2006-2019.csv");
    let c = conf.to_str().unwrap();
    let papers = json(&["papers", "--input", c, "--format", "json"]);
    let teams = json(&["teams", "--input", c, "--format", "json"]);
    let rows = teams["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 18);
    for row in rows {
        let (venue, year) = (row["venue"].as_str().unwrap(), row["year"].as_i64().unwrap());
        let of: Vec<&Value> = papers["papers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["venue"] == venue && p["year"].as_i64() == Some(year))
            .collect();
        let n = of.len() as f64;
        let share = |kinds: &[&str]| {
            of.iter().filter(|p| kinds.contains(&p["team"].as_str().unwrap())).count() as f64 / n
        };
        assert_eq!(row["papers"].as_u64(), Some(of.len() as u64));
        // Industry-involved = at least one company affiliation (full counting).
        let industry = of.iter().filter(|p| p["industry_share"].as_f64().unwrap() > 0.0).count() as f64 / n;
        assert!((row["industry_involved_share"].as_f64().unwrap() - industry).abs() < 1e-12);
        assert!((row["academic_only_share"].as_f64().unwrap() - share(&["academic_only"])).abs() < 1e-12);
        assert!((row["collaboration_share"].as_f64().unwrap() - share(&["collaboration"])).abs() < 1e-12);
        assert!((row["unknown_share"].as_f64().unwrap() - share(&["unknown"])).abs() < 1e-12);
        let (lo, hi) = (
            row["industry_involved_share_lower"].as_f64().unwrap(),
            row["industry_involved_share_upper"].as_f64().unwrap(),
        );
        assert!(
            lo <= row["industry_involved_share"].as_f64().unwrap()
                && hi >= row["industry_involved_share"].as_f64().unwrap()
        );
        let b = row["industry_involved_share_bounds"].as_array().unwrap();
        assert!(b[0].as_f64().unwrap() <= row["industry_involved_share"].as_f64().unwrap() + 1e-12);
        assert!(b[1].as_f64().unwrap() >= row["industry_involved_share"].as_f64().unwrap() - 1e-12);
    }
    assert!(teams["pooled"].as_array().unwrap().iter().all(|r| r["venue"] == "all"));
}

#[test]
fn usage_errors_exit_2() {
    let out = bin().args(["papers", "--input-format", "xml", "--input", "Cargo.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let out = bin().args(["papers", "--unknown-authors", "maybe"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin()
        .args(["openalex", "fetch", "--filter", "x", "--out", "/tmp/h5_never.gz", "--per-page", "500"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // No retries for a URL that cannot be one, no debug output for zero pages: usage errors at once.
    let tmp = tempfile::tempdir().unwrap();
    let out_file = tmp.path().join("w.jsonl.gz");
    let fetch = |extra: &[&str]| {
        let mut args = vec!["openalex", "fetch", "--filter", "x", "--out", out_file.to_str().unwrap()];
        args.extend_from_slice(extra);
        bin().args(&args).output().unwrap()
    };
    let out = fetch(&["--base-url", "not a url"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--base-url") && !err.contains("attempts"), "{err}");
    let out = fetch(&["--base-url", "http://127.0.0.1:9", "--max-pages", "0"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--max-pages") && !err.contains("Some("), "{err}");
    assert!(!out_file.exists(), "nothing written");
}

/// A Paper Copilot venue folder through `papers --input-format papercopilot` and `auto`: the row
/// accounting, status and acceptance, team, and per author the sector with its evidence.
#[test]
fn papers_json_from_a_papercopilot_folder() {
    let dir = tempfile::tempdir().unwrap();
    let venue = dir.path().join("iclr");
    std::fs::create_dir_all(&venue).unwrap();
    std::fs::write(
        venue.join("iclr2030.json"),
        r#"[
 {"title": "Only e-mail domains", "author": "A;B", "aff": ";", "aff_domain": "google.com;gmail.com", "position": ";PhD student", "status": "Reject"},
 {"title": "Strings", "author": "C;D", "aff": "Stanford University;DeepMind", "status": "Oral", "gs_citation": 7},
 {"title": ""}
]"#,
    )
    .unwrap();
    for format in ["papercopilot", "auto"] {
        let v = json(&[
            "papers",
            "--input",
            dir.path().to_str().unwrap(),
            "--input-format",
            format,
            "--format",
            "json",
        ]);
        assert_eq!(
            (v["rows_read"].as_u64(), v["rows_loaded"].as_u64(), v["rows_rejected"].as_u64()),
            (Some(3), Some(2), Some(1))
        );
        assert_eq!(v["rejections"][0]["field"], "title");
        let p = &v["papers"][0];
        assert_eq!((p["venue"].as_str(), p["year"].as_i64()), (Some("ICLR"), Some(2030)));
        assert_eq!((p["status"].as_str(), p["accepted"].as_bool()), (Some("rejected"), Some(false)));
        // google.com → industry by domain; gmail.com is no evidence, the position says academia.
        assert_eq!(p["authors"][0]["sector"], "industry");
        assert_eq!(p["authors"][0]["evidence"], "domain");
        assert_eq!(p["authors"][1]["sector"], "academia");
        assert_eq!(p["authors"][1]["evidence"], "position");
        assert_eq!(p["team"], "collaboration");
        let q = &v["papers"][1];
        assert_eq!(
            (q["status"].as_str(), q["accepted"].as_bool(), q["citations"].as_u64()),
            (Some("accepted"), Some(true), Some(7))
        );
        assert_eq!(q["authors"][0]["evidence"], "string");
        assert_eq!(q["team"], "collaboration");
    }
    // --author-evidence string ignores the domain and the position.
    let v = json(&[
        "papers",
        "--input",
        dir.path().to_str().unwrap(),
        "--author-evidence",
        "string",
        "--format",
        "json",
    ]);
    assert_eq!(v["papers"][0]["team"], "unknown");
    let out = bin()
        .args(["papers", "--input", dir.path().to_str().unwrap(), "--author-evidence", "email"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("allowed: string, domain, both"));
}
