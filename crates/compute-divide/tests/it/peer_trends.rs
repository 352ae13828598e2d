//! Cross-check of analyses 1 (trends) and 3 (shares) — and the point estimates of 4 (largest), 5 (gap)
//! and 6 (open-vs-closed lag) — against the independent Python peer (tools/peer/peer.py) on Epoch's
//! 2023-12-14 snapshot.
//!
//! The peer recomputes filters, decimal years, the large-scale and frontier rules, OLS fits and bootstraps
//! with numpy/pandas/statsmodels; it takes only the team kinds from `compute-divide models --format json`.
//! OLS slopes must agree to 1e-9 relative; counts and point shares exactly; bootstrap quantiles within
//! Monte-Carlo error, since the two sides draw different random numbers: each Rust quantile must lie in the
//! peer's distribution-free band for that quantile, the peer's order statistics at ranks
//! B·q ∓ 4·√2·√(B·q·(1−q)) — four standard deviations of the difference of two independent runs' quantile
//! ranks. Ranks rather than a density-based standard error keep the band valid for the discrete bootstrap
//! distributions of shares.
//!
//! Heavy: runs only with `COMPUTE_DIVIDE_HEAVY_TESTS=1` (set by `.ci/run`). Skips with a message when the
//! switch is off or python3 with pandas/numpy/statsmodels is missing, except under CI (then fails).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn python_ready() -> bool {
    Command::new("python3")
        .args(["-c", "import pandas, numpy, statsmodels"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().expect("spawn");
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn cli(data: &Path, args: &[&str]) -> Value {
    let bin = env!("CARGO_BIN_EXE_compute-divide");
    serde_json::from_slice(&run(Command::new(bin).arg("--data").arg(data).args(args))).unwrap()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn trends_and_shares_agree_with_python_peer() {
    if !crate::support::heavy("the Python peer tools/peer/peer.py") {
        return;
    }
    if !python_ready() {
        cd_ingest::locate::skip_test(
            "python3 with pandas, numpy and statsmodels not found (pip install pandas numpy statsmodels)",
        );
        return;
    }
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let data = data.root;
    let csv = data.join("epoch").join("all_ml_systems_2023-12-14.csv");
    let csv_s = csv.to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let teams: PathBuf = tmp.path().join("models.json");
    let bin = env!("CARGO_BIN_EXE_compute-divide");
    let models = run(Command::new(bin)
        .arg("--data")
        .arg(&data)
        .args(["models", "--models", csv_s, "--format", "json"]));
    std::fs::write(&teams, models).unwrap();
    let peer_py = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/peer/peer.py");
    let peer: Value = serde_json::from_slice(&run(Command::new("python3")
        .arg(&peer_py)
        .args(["--epoch", csv_s, "--all", "--teams"])
        .arg(&teams)))
    .unwrap();
    let trends = cli(&data, &["trends", "--models", csv_s, "--format", "json"]);
    let shares = cli(&data, &["shares", "--models", csv_s, "--format", "json"]);

    assert_eq!(trends["n_points"], peer["n_points"], "notable models with date and compute");
    assert_eq!(trends["n_large_scale"], peer["n_large_scale"], "large-scale models (z-score rule)");

    let mut slopes_checked = 0;
    for pf in peer["fits"].as_array().unwrap() {
        let rf = trends["fits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["team"] == pf["team"] && r["era"] == pf["era"])
            .unwrap_or_else(|| panic!("no Rust fit for {pf}"));
        let cell = format!("{}/{}", pf["team"], pf["era"]);
        assert_eq!(rf["n"], pf["n"], "{cell}: n");
        if pf.get("slope").is_none() {
            assert!(rf["slope_oom_per_year"].is_null(), "{cell}: Rust fitted what the peer could not");
            continue;
        }
        let (rs, ps) = (f(&rf["slope_oom_per_year"]), f(&pf["slope"]));
        assert!((rs - ps).abs() <= 1e-9 * ps.abs(), "{cell}: slope {rs} vs peer {ps}");
        let (rse, pse) = (f(&rf["slope_se"]), f(&pf["slope_se"]));
        assert!((rse - pse).abs() <= 1e-7 * pse.abs(), "{cell}: se {rse} vs peer {pse}");
        for (key, pkey) in [("slope_ci95", "ci95"), ("slope_ci90", "ci90")] {
            for k in 0..2 {
                let r = f(&rf[key][k]);
                let band = &pf[format!("{pkey}_band")][k];
                let (lo, hi) = (f(&band[0]), f(&band[1]));
                assert!(
                    lo - 1e-12 <= r && r <= hi + 1e-12,
                    "{cell}: {key}[{k}] {r} outside peer band [{lo}, {hi}]"
                );
            }
        }
        slopes_checked += 1;
    }
    assert!(slopes_checked >= 8, "only {slopes_checked} fits compared");

    let mut shares_checked = 0;
    for pr in peer["shares"].as_array().unwrap() {
        let rr = shares["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["subset"] == pr["subset"]
                    && r["period"] == pr["period"]
                    && r["counting"] == pr["counting"]
                    && r["team"] == pr["team"]
            })
            .unwrap_or_else(|| panic!("no Rust share row for {pr}"));
        let cell = format!("{}/{}/{}/{}", pr["subset"], pr["period"], pr["counting"], pr["team"]);
        assert_eq!(rr["n"], pr["n"], "{cell}: n");
        assert!(
            (f(&rr["count"]) - f(&pr["count"])).abs() < 1e-9,
            "{cell}: count {} vs {}",
            rr["count"],
            pr["count"]
        );
        if pr["share"].is_null() {
            assert!(rr["share"].is_null(), "{cell}");
            continue;
        }
        assert!((f(&rr["share"]) - f(&pr["share"])).abs() < 1e-12, "{cell}: share");
        for k in 0..2 {
            let r = f(&rr["share_ci95"][k]);
            let (lo, hi) = (f(&pr["ci95_band"][k][0]), f(&pr["ci95_band"][k][1]));
            assert!(
                lo - 1e-12 <= r && r <= hi + 1e-12,
                "{cell}: share_ci95[{k}] {r} outside peer band [{lo}, {hi}]"
            );
        }
        shares_checked += 1;
    }
    assert!(shares_checked > 200, "only {shares_checked} share rows compared");

    // Analysis 4: industry-only share of the 10 largest per year, exactly.
    for pl in peer["largest"].as_array().unwrap() {
        let rl = shares["largest"].as_array().unwrap().iter().find(|r| r["year"] == pl["year"]).unwrap();
        assert_eq!(rl["n"], pl["n"], "largest {}: n", pl["year"]);
        assert_eq!(rl["industry_only_share"], pl["industry_only"], "largest {}", pl["year"]);
    }
    // Analysis 5: running-max gap per year (OOM and years of lag).
    let gap = cli(&data, &["gap", "--models", csv_s, "--format", "json"]);
    let peer_gap = peer["gap"].as_array().unwrap();
    assert!(peer_gap.len() >= 10);
    for pg in peer_gap {
        let rg = gap["rows"].as_array().unwrap().iter().find(|r| r["year"] == pg["year"]).unwrap();
        for (rk, pk) in [("gap_max_oom", "gap"), ("gap_top_n_oom", "gap_top"), ("gap_max_years", "years")] {
            assert!(
                (f(&rg[rk]) - f(&pg[pk])).abs() < 1e-9,
                "gap {}: {rk} {} vs peer {}",
                pg["year"],
                rg[rk],
                pg[pk]
            );
        }
    }
    // Analysis 6: the open-vs-closed lag (point estimate).
    let open = cli(&data, &["openness", "--models", csv_s, "--format", "json", "--bootstrap", "10"]);
    let (rl, pl) = (f(&open["lag"]["lag_years"]), f(&peer["openness"]["lag"]));
    assert!((rl - pl).abs() < 1e-9 * pl.abs(), "open-vs-closed lag {rl} vs peer {pl}");
}
