//! Benchmark of issue 3's analyses against the Python peer, in one run.
//!
//! Loads Epoch's all_ml_systems_2025-08-07 table (and, for the specification curve, every shipped
//! all-models vintage), classifies it, then times every analysis with B = 1000: trends, shares (with the
//! k largest per year), gap, openness, lineage and the specification curve. Then runs tools/peer/peer.py
//! --all on the same table (trends, shares, largest, gap, openness, lineage; the peer has no specification
//! curve) and prints both times and their ratio. Loading is timed apart on both sides and not in the
//! ratio. Run: `cargo bench -p cd-analysis --bench analyses`. Prints figures; asserts nothing about time.

use cd_analysis::speccurve::{spec_curve, Vintage};
use cd_analysis::{gap, lineage, openness, shares, trends};
use cd_classify::{classify_models, ClassifierOptions, InstitutionClassifier};
use cd_domain::{ClassifiedModel, Definitions};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn load(path: &Path, clf: &InstitutionClassifier, defs: &Definitions) -> Vec<ClassifiedModel> {
    let table = cd_ingest::epoch::read_epoch_csv(path).expect("read Epoch table");
    classify_models(&table.models, clf, defs)
}

/// Rust repetitions per analysis; the fastest is reported (the machine may be shared).
const REPEATS: usize = 5;

fn time<T>(label: &str, f: impl Fn() -> T) -> (T, f64) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..REPEATS {
        let t = Instant::now();
        out = Some(std::hint::black_box(f()));
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("  {label:<28} {:>9.1} ms", best * 1e3);
    (out.unwrap(), best)
}

fn main() {
    let data = cd_ingest::locate::test_data_dir().expect("data folder (../shared/data) not found");
    let defs = Definitions::default();
    assert_eq!(defs.bootstrap_resamples, 1000);
    let t0 = Instant::now();
    let grid = cd_ingest::registry::read_grid(&data.grid()).map(|g| g.0).unwrap_or_default();
    let unis = cd_ingest::registry::read_universities(
        &data.universities().join("world_universities_and_domains.json"),
    )
    .map(|u| u.0)
    .unwrap_or_default();
    let clf = InstitutionClassifier::new(&grid, &unis, ClassifierOptions::from_definitions(&defs));
    let mut vintages: Vec<(String, Vec<ClassifiedModel>)> = vec![];
    for stem in ["all_ml_systems_2023-12-14", "all_ml_systems_2024-02-05", "all_ml_systems_2025-08-07"] {
        vintages.push((stem.to_string(), load(&data.epoch().join(format!("{stem}.csv")), &clf, &defs)));
    }
    let models = &vintages[2].1;
    println!(
        "compute-divide (Rust, {} rayon threads), {} models of all_ml_systems_2025-08-07, B = {}",
        rayon::current_num_threads(),
        models.len(),
        defs.bootstrap_resamples
    );
    println!(
        "  {:<28} {:>9.1} ms (not in the ratio)",
        "load + classify 3 vintages",
        t0.elapsed().as_secs_f64() * 1e3
    );
    println!("  (each analysis: fastest of {REPEATS} runs)");
    let (_, t_trends) = time("1 trends", || trends::trends(models, &defs));
    let (_, t_shares) = time("3+4 shares + largest", || shares::shares(models, &defs));
    let b1 = Definitions { bootstrap_resamples: 1, ..defs.clone() };
    time("   (shares with B = 1)", || shares::shares(models, &b1));
    time("   (trends with B = 1)", || trends::trends(models, &b1));
    let (_, t_gap) = time("5 gap", || gap::gap(models, &defs));
    let (_, t_open) = time("6 openness", || openness::openness(models, &defs));
    let (_, t_lin) = time("7 lineage", || lineage::lineage(models, &defs));
    let (sc, t_spec) = time("8 speccurve (3 vintages)", || {
        let v: Vec<Vintage> = vintages.iter().map(|(n, m)| Vintage { name: n.clone(), models: m }).collect();
        spec_curve(&v, &defs)
    });
    let rust_total = t_trends + t_shares + t_gap + t_open + t_lin + t_spec;
    let rust_common = t_trends + t_shares + t_gap + t_open + t_lin;
    println!(
        "  {:<28} {:>9.1} ms ({} specifications)",
        "all analyses",
        rust_total * 1e3,
        sc.claims.iter().map(|c| c.n_specs).sum::<usize>()
    );

    // The peer reads team kinds in the shape of `compute-divide models --format json`.
    let tmp = std::env::temp_dir().join(format!("cd-bench-teams-{}.json", std::process::id()));
    let teams: Vec<serde_json::Value> = models
        .iter()
        .map(|m| {
            serde_json::json!({
                "name": m.model.name, "source_row": m.model.source_row, "team": m.team.kind,
                "team_shares": m.team.shares, "team_leaning": m.team.leaning,
            })
        })
        .collect();
    std::fs::write(&tmp, serde_json::to_vec(&serde_json::json!({ "models": teams })).unwrap()).unwrap();
    let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/peer/peer.py");
    let csv = data.epoch().join("all_ml_systems_2025-08-07.csv");
    // The peer runs twice; the faster run counts, as for Rust.
    let mut runs = vec![];
    for _ in 0..2 {
        let wall = Instant::now();
        let out = Command::new("python3")
            .arg(&peer)
            .arg("--epoch")
            .arg(&csv)
            .arg("--teams")
            .arg(&tmp)
            .arg("--all")
            .output();
        runs.push((out, wall.elapsed().as_secs_f64()));
    }
    let seconds = |r: &(std::io::Result<std::process::Output>, f64)| match &r.0 {
        Ok(o) if o.status.success() => {
            serde_json::from_slice::<serde_json::Value>(&o.stdout).ok()?["seconds_analyses"].as_f64()
        }
        _ => None,
    };
    runs.sort_by(|a, b| seconds(a).unwrap_or(f64::INFINITY).total_cmp(&seconds(b).unwrap_or(f64::INFINITY)));
    let (out, wall) = runs.swap_remove(0);
    let _ = std::fs::remove_file(&tmp);
    match out {
        Ok(o) if o.status.success() => {
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let py = v["seconds_analyses"].as_f64().unwrap();
            println!("Python peer (numpy/pandas/statsmodels), same table, B = 1000, analyses 1 and 3-7 (faster of 2 runs)");
            println!(
                "  {:<28} {:>9.1} ms (not in the ratio)",
                "load",
                v["seconds_load"].as_f64().unwrap() * 1e3
            );
            println!("  {:<28} {:>9.1} ms", "analyses 1, 3-7", py * 1e3);
            println!("  {:<28} {:>9.1} ms (process incl. imports)", "wall", wall * 1e3);
            println!("ratio, same work (analyses 1, 3-7): peer / Rust = {:.0}x", py / rust_common);
            println!(
                "ratio, Rust doing more (all analyses incl. speccurve) vs peer 1, 3-7: {:.0}x; Rust total {:.3} s",
                py / rust_total,
                rust_total
            );
        }
        Ok(o) => println!("Python peer failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => println!("Python peer not run (python3 missing?): {e}"),
    }
}
