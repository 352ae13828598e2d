//! `compute-divide provision` as a user runs it: the JSON shape with the row accounting of both tables,
//! exit codes for bad input, and (heavy) the independent Python check `tools/provision_check.py` of the
//! capacity sums and the price-performance fit, to 1e-9 relative.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_compute-divide"))
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../cd-ingest/tests/fixtures/compute")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

fn provision_json(data: &Path, extra: &[&str]) -> Value {
    let out =
        bin().arg("--data").arg(data).args(["provision", "--format", "json"]).args(extra).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn provision_json_on_the_shipped_tables() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let v = provision_json(&data.root, &[]);
    let counts =
        |t: &Value| (t["rows_read"].as_u64(), t["rows_loaded"].as_u64(), t["rows_rejected"].as_u64());
    assert_eq!(counts(&v["gpu_clusters"]), (Some(786), Some(786), Some(0)));
    assert_eq!(counts(&v["ml_hardware"]), (Some(170), Some(170), Some(0)));
    let acc = &v["cluster_accounting"];
    assert_eq!(acc["dropped_possible_duplicate"], 94);
    assert_eq!(acc["planned"], 170, "171 planned, one of them a possible duplicate");
    let cap = v["capacity"].as_array().unwrap();
    let sectors: Vec<&str> = cap.iter().take(4).map(|r| r["sector"].as_str().unwrap()).collect();
    assert_eq!(sectors, ["private", "public", "public_private", "unknown"]);
    assert!(cap
        .iter()
        .all(|r| r["year"].is_i64() && r["h100_equivalents"].is_f64() && r["ops_16bit"].is_f64()));
    let pp = &v["price_performance"];
    assert_eq!(pp["precision"], "tensor");
    assert!(pp["doubling_years"].as_f64().unwrap() > 0.0 && pp["doubling_years_ci95"].is_array());
    let fc = v["frontier_cost"].as_array().unwrap();
    assert!(
        fc.iter().any(|r| r["team"] == "academic_only") && fc.iter().any(|r| r["team"] == "industry_only")
    );
    for key in ["year", "team", "training_flop", "usd", "usd_ci95", "gpu_years"] {
        assert!(fc[0].get(key).is_some(), "frontier_cost rows carry {key}");
    }
    let w = &v["what_if"];
    assert_eq!(w["scenarios"].as_array().unwrap().len(), 2);
    assert_eq!(w["scenarios"][0]["name"], "NAIRR");
    // Table format: the headline numbers.
    let out = bin().arg("--data").arg(&data.root).arg("provision").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("measure"), "{text}");
    assert!(text.contains("price-performance doubling time"), "{text}");
}

#[test]
fn fixtures_give_their_row_accounting_and_bad_files_exit_1() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let (c, h) = (fixture("clusters_drifted.csv"), fixture("hardware_drifted.csv"));
    let v = provision_json(&data.root, &["--clusters", &c, "--hardware", &h]);
    assert_eq!(v["gpu_clusters"]["rows_rejected"], 5);
    assert_eq!(v["gpu_clusters"]["rejections"][0]["row"], 9);
    assert_eq!(v["gpu_clusters"]["rejections"][0]["field"], "First operational");
    assert_eq!(v["ml_hardware"]["rows_loaded"], 4);
    let last =
        v["capacity"].as_array().unwrap().iter().filter(|r| r["year"] == 2023).cloned().collect::<Vec<_>>();
    assert_eq!(last[0]["h100_equivalents"].as_f64(), Some(3000.0));
    // A table without a required column: exit 1, the message names the file and the column.
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("gpu_clusters_bad.csv");
    std::fs::write(&bad, "Name,Status,Sector\na,Existing,Public\n").unwrap();
    let out = bin()
        .arg("--data")
        .arg(&data.root)
        .args(["provision", "--clusters", bad.to_str().unwrap(), "--hardware", &h])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gpu_clusters_bad.csv: required column missing: h100_equivalents"), "{err}");
}

fn python_ready() -> bool {
    Command::new("python3")
        .args(["-c", "import pandas, numpy, statsmodels"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn close(a: f64, b: f64, what: &str) {
    let scale = a.abs().max(b.abs()).max(1e-300);
    assert!((a - b).abs() / scale <= 1e-9 || a == b, "{what}: rust {a} python {b}");
}

#[test]
fn capacity_and_price_performance_agree_with_python_check() {
    if !crate::support::heavy("the Python check tools/provision_check.py") {
        return;
    }
    if !python_ready() {
        cd_ingest::locate::skip_test("python3 with pandas, numpy and statsmodels not found");
        return;
    }
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let dir = data.epoch_compute();
    let (c, h) = (dir.join("gpu_clusters_2025-12.csv"), dir.join("ml_hardware_2025-12.csv"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/provision_check.py");
    for (precision, split) in [("tensor", "separate"), ("tensor_then_fp16", "half"), ("fp32", "public")] {
        let out = Command::new("python3")
            .arg(&script)
            .arg("--clusters")
            .arg(&c)
            .arg("--hardware")
            .arg(&h)
            .args(["--precision", precision, "--public-private-as", split])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let py: Value = serde_json::from_slice(&out.stdout).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let config = tmp.path().join("p.toml");
        std::fs::write(
            &config,
            format!("[provision]\nprecision = \"{precision}\"\npublic_private_as = \"{split}\"\n"),
        )
        .unwrap();
        let rust = provision_json(&data.root, &["--config", config.to_str().unwrap()]);
        let (rc, pc) = (rust["capacity"].as_array().unwrap(), py["capacity"].as_array().unwrap());
        assert_eq!(rc.len(), pc.len(), "{precision}/{split}: capacity rows");
        for (r, p) in rc.iter().zip(pc) {
            assert_eq!(
                (&r["year"], &r["sector"], &r["clusters"]),
                (&p["year"], &p["sector"], &p["clusters"])
            );
            let what = format!("{} {}", r["year"], r["sector"]);
            close(r["h100_equivalents"].as_f64().unwrap(), p["h100_equivalents"].as_f64().unwrap(), &what);
            close(r["ops_16bit"].as_f64().unwrap(), p["ops_16bit"].as_f64().unwrap(), &what);
        }
        let (rp, pp) = (&rust["price_performance"], &py["price_performance"]);
        assert_eq!(rp["n"], pp["n"], "{precision}: accelerators in the fit");
        for key in ["slope_oom_per_year", "intercept", "doubling_years"] {
            close(rp[key].as_f64().unwrap(), pp[key].as_f64().unwrap(), &format!("{precision}: {key}"));
        }
    }
}
