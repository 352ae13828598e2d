//! `compute-divide models` end to end on the shipped data: JSON shape, counts, exit codes.

use std::path::Path;
use std::process::Command;

fn bin(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_compute-divide"));
    c.arg("--data").arg(data);
    c
}

#[test]
fn models_json_has_accounting_and_teams() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let out =
        bin(&data.root).args(["models", "--format", "json", "--vintage", "2023-12-14"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // tools/team_labels.py: 1,117 data rows, one without a name (rejected), 721 labelled.
    assert_eq!(v["rows_read"], 1117);
    assert_eq!(v["rows_loaded"], 1116);
    assert_eq!(v["rows_rejected"], 1);
    assert_eq!(v["rejections"].as_array().unwrap().len(), 1);
    let models = v["models"].as_array().unwrap();
    assert_eq!(models.len(), 1116);
    let labelled = models.iter().filter(|m| !m["team_epoch"].is_null()).count();
    assert_eq!(labelled, 721);
    for key in [
        "name",
        "publication_date",
        "training_compute_flop",
        "team",
        "team_epoch",
        "team_derived",
        "accessibility",
        "notability",
        "organizations",
        "base_model",
    ] {
        assert!(models[0].get(key).is_some(), "missing {key}");
    }
    // Rows without a label take the derived team.
    let derived_only = models.iter().filter(|m| m["team_epoch"].is_null() && !m["team_derived"].is_null());
    assert!(derived_only.clone().count() > 100);
    assert!(derived_only
        .into_iter()
        .all(|m| m["team"] == m["team_derived"] && m["team_source"] == "derived"));
}

#[test]
fn models_bad_file_is_exit_1_and_bad_usage_exit_2() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Foo,Bar\n1,2\n").unwrap();
    let out = bin(&data.root).args(["models", "--models"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.csv"));
    let out = bin(&data.root).args(["models", "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A table that leaves nothing to analyse (header only, or every row rejected) is bad data: exit 1 with
/// the file, the counts and the first rejection, for the listing and the analysis commands alike.
#[test]
fn nothing_loaded_is_exit_1_naming_the_first_rejection() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let header_only = dir.path().join("header_only.csv");
    std::fs::write(&header_only, "Model,Publication date,Training compute (FLOP)\n").unwrap();
    let rejected = dir.path().join("all_rejected.csv");
    std::fs::write(
        &rejected,
        "Model,Publication date,Training compute (FLOP)\n,2020-01-01,1e20\n,2021-01-01,1e21\n",
    )
    .unwrap();
    for cmd in ["models", "trends", "shares"] {
        let out = bin(&data.root).args([cmd, "--models"]).arg(&header_only).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
        assert!(err.contains("header_only.csv: no model could be loaded (0 rows read, 0 rejected)"), "{err}");
        let out = bin(&data.root).args([cmd, "--models"]).arg(&rejected).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
        assert!(err.contains("(2 rows read, 2 rejected; first rejection: row 1 ("), "{err}");
    }
}
