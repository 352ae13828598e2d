//! Wall time of the whole report (`compute-divide report`, B = 1000, default definitions) on the shipped
//! data, in the bench (release) profile: `cargo bench -p compute-divide --bench report`.
//!
//! Runs the real binary end to end (load and classify every vintage, every analysis, every figure and
//! file), once to warm the file cache and then `REPORT_BENCH_RUNS` times (default 5), and prints each
//! time with the minimum and median. The goal is under 2 s on the 2-core machine. A benchmark prints
//! figures; it asserts nothing about time.

use std::process::Command;
use std::time::Instant;

fn main() {
    let bin = env!("CARGO_BIN_EXE_compute-divide");
    let data = cd_ingest::locate::test_data_dir()
        .expect("the shipped data (../shared/data or $COMPUTE_DIVIDE_DATA)");
    let runs: usize = std::env::var("REPORT_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let out = tempfile::tempdir().expect("temp dir");
    let run = || {
        let t = Instant::now();
        let o = Command::new(bin)
            .arg("--data")
            .arg(&data.root)
            .args(["report", "--quiet", "--bootstrap", "1000", "--out"])
            .arg(out.path())
            .output()
            .expect("run compute-divide");
        assert!(o.status.success(), "report failed: {}", String::from_utf8_lossy(&o.stderr));
        t.elapsed().as_secs_f64()
    };
    run();
    let mut times: Vec<f64> = (0..runs.max(1)).map(|_| run()).collect();
    for (i, t) in times.iter().enumerate() {
        println!("report run {}: {:.3} s", i + 1, t);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "compute-divide report, B = 1000, {} runs, {} thread(s): min {:.3} s, median {:.3} s (goal < 2 s)",
        times.len(),
        std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".into()),
        times[0],
        times[times.len() / 2]
    );
}
