//! The parsers of the OpenAlex reader on lines held in memory (no inflate, no I/O): wall time per work,
//! the best of 5 rounds (on a shared machine the best round is the one least disturbed). Stages:
//! `ignored_any` (serde_json into `IgnoredAny`, the parse of the bench's limit), `scan skip` (the
//! reader's scanner skipping the whole line as one value, its checks of serde_json's `ignore_value`),
//! `scan typed` / `serde typed` (the wire structs by the scanner / by serde_json's derived visitors,
//! dropped), `scan work` / `serde work` (the whole `OpenAlexWork`, as the reader builds it). Abstracts
//! skipped, as in `openalex_bench`'s default. `STAGE=NAME` runs one stage only (for `perf record`).
//! docs/openalex.md has the figures.
//!
//! cargo run --release -p cd-ingest --example openalex_parse_bench -- FILE.gz ...
use cd_ingest::papers::openalex::{
    parse_wire_only, parse_wire_only_serde, parse_work, parse_work_serde, scan_skip_only, ReadOptions,
};
use std::io::Read;
use std::time::Instant;

/// A stage: its name and what it does to one line (whether the line passed).
type Stage<'a> = (&'static str, Box<dyn Fn(&[u8]) -> bool + 'a>);

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    assert!(!files.is_empty(), "usage: openalex_parse_bench FILE.gz ...");
    let mut text = String::new();
    for f in &files {
        flate2::read::MultiGzDecoder::new(std::fs::File::open(f).unwrap()).read_to_string(&mut text).unwrap();
    }
    let lines: Vec<&[u8]> = text.lines().map(str::as_bytes).collect();
    let n = lines.len() as f64;
    let opts = ReadOptions { abstracts: false, ..ReadOptions::default() };
    let stages: Vec<Stage> = vec![
        ("ignored_any", Box::new(|l: &[u8]| serde_json::from_slice::<serde::de::IgnoredAny>(l).is_ok())),
        ("scan skip", Box::new(scan_skip_only)),
        ("scan typed", Box::new(|l: &[u8]| parse_wire_only(l, &opts))),
        ("serde typed", Box::new(|l: &[u8]| parse_wire_only_serde(l, &opts))),
        ("scan work", Box::new(|l: &[u8]| parse_work(l, &opts).is_ok())),
        ("serde work", Box::new(|l: &[u8]| parse_work_serde(l, &opts).is_ok())),
    ];
    let mut best = vec![f64::MAX; stages.len()];
    let only = std::env::var("STAGE").ok();
    for _ in 0..5 {
        for (k, (name, f)) in stages.iter().enumerate() {
            if only.as_deref().is_some_and(|o| o != *name) {
                continue;
            }
            let t = Instant::now();
            let mut ok = 0;
            for l in &lines {
                ok += usize::from(f(l));
            }
            assert_eq!(ok, lines.len(), "{name}: every line passes");
            best[k] = best[k].min(t.elapsed().as_secs_f64());
        }
    }
    for (k, (name, _)) in stages.iter().enumerate() {
        if best[k] < f64::MAX {
            println!("{name:<12} {:.2} µs/work (wall, best of 5)", 1e6 * best[k] / n);
        }
    }
}
