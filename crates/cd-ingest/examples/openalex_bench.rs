//! Benchmark of the OpenAlex snapshot reader, end to end from gzip: decompression, line splitting,
//! parsing into `OpenAlexWork`s (papers with affiliations, topics, abstracts rebuilt).
//!
//! Make input with `python3 tools/gen_openalex.py --works 40000 --files 2 --out /tmp/oa/part.gz`, then
//! `cargo run --release -p cd-ingest --example openalex_bench -- /tmp/oa/part_000.gz /tmp/oa/part_001.gz`.
//! It gunzips the input once alone (the decompression floor), then reads it with one thread and with every
//! rayon thread, and prints compressed and uncompressed MB/s and works/s, both per wall second and per
//! CPU second (= per core, robust to a shared machine), and the peak resident memory (VmHWM).
//! Works are counted and dropped as they come (the streaming sink), as a pipeline over a full snapshot
//! would do; nothing is collected.

use cd_ingest::papers::openalex::{for_each_openalex_work, ReadOptions};
use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

fn vm_hwm_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU seconds (user + system) this process has used, from /proc/self/stat (clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit_once(')').map_or("", |(_, rest)| rest);
    let f: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name.
    (tick(11) + tick(12)) / 100.0
}

fn uncompressed_bytes(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .map(|p| {
            let mut r = flate2::read::MultiGzDecoder::new(std::fs::File::open(p).expect("input file"));
            let mut buf = vec![0u8; 1 << 20];
            let mut n = 0u64;
            loop {
                match r.read(&mut buf) {
                    Ok(0) | Err(_) => break n,
                    Ok(k) => n += k as u64,
                }
            }
        })
        .sum()
}

fn run(paths: &[PathBuf], threads: usize, raw_mb: f64, gz_mb: f64) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    let works = AtomicU64::new(0);
    let authors = AtomicU64::new(0);
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    let reports = pool
        .install(|| {
            for_each_openalex_work(paths, &ReadOptions::default(), &|_, w| {
                works.fetch_add(1, Ordering::Relaxed);
                authors.fetch_add(w.paper.authors.len() as u64, Ordering::Relaxed);
            })
        })
        .expect("readable input");
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    let n = works.load(Ordering::Relaxed) as f64;
    let rejected: usize = reports.iter().map(|r| r.rows_rejected).sum();
    println!(
        "threads {threads}: {n:.0} works ({} authors, {rejected} rejected) in {secs:.2} s wall, {cpu:.2} s CPU: \
         {:.0} works/s, {:.1} MB/s uncompressed, {:.1} MB/s gzip; per CPU-second (per core): {:.0} works, \
         {:.1} MB uncompressed",
        authors.load(Ordering::Relaxed),
        n / secs,
        raw_mb / secs,
        gz_mb / secs,
        n / cpu,
        raw_mb / cpu,
    );
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: openalex_bench FILE.gz... (make them with tools/gen_openalex.py)");
        std::process::exit(2);
    }
    let gz: u64 = paths.iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum();
    let (t0, c0) = (Instant::now(), cpu_seconds());
    let raw = uncompressed_bytes(&paths);
    let (gunzip_wall, gunzip_cpu) = (t0.elapsed().as_secs_f64(), cpu_seconds() - c0);
    let (raw_mb, gz_mb) = (raw as f64 / 1e6, gz as f64 / 1e6);
    println!("input: {} files, {gz_mb:.1} MB gzip, {raw_mb:.1} MB uncompressed", paths.len());
    println!(
        "gzip alone (one thread): {gunzip_wall:.2} s wall, {gunzip_cpu:.2} s CPU: {:.1} MB/s uncompressed per CPU-second",
        raw_mb / gunzip_cpu
    );
    println!("peak RSS before reading: {} KiB", vm_hwm_kib().unwrap_or(0));
    run(&paths, 1, raw_mb, gz_mb);
    let all = rayon::current_num_threads();
    if all > 1 && paths.len() > 1 {
        run(&paths, all, raw_mb, gz_mb);
    }
    println!("peak RSS (VmHWM): {} KiB", vm_hwm_kib().unwrap_or(0));
}
