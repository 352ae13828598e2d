//! The OpenAlex reader against the machine's limit (tools/bench/openalex.sh runs it; docs/openalex.md has
//! the figures). On the part files given, each stage on ONE core (one file after another, one thread):
//!
//! - `inflate`: gzip decompression alone (flate2, zlib-rs backend) into a reused buffer;
//! - `inflate+parse`: the same and every line parsed by serde_json into `IgnoredAny` (the whole JSON
//!   validated, nothing kept): the limit of any serde_json reader of these files;
//! - `extract`: the reader (`read_openalex_file`): the study's fields into `OpenAlexWork`s, dropped;
//!
//! then `extract` on every core (`for_each_openalex_work`, rayon over the files). Prints MB/s of
//! uncompressed JSON, works/s, and extraction as a share of the limit. Benchmarks print; nothing asserts.
//!
//! cargo run --release -p cd-ingest --example openalex_bench -- FILE.gz ...

use cd_ingest::papers::openalex::{for_each_openalex_work, read_openalex_file, ReadOptions};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

fn open(p: &PathBuf) -> flate2::bufread::MultiGzDecoder<BufReader<std::fs::File>> {
    flate2::bufread::MultiGzDecoder::new(BufReader::with_capacity(
        1 << 16,
        std::fs::File::open(p).expect("open"),
    ))
}

fn cpu_seconds() -> f64 {
    // user + system time of this process (all threads), from /proc/self/stat (clock ticks of 1/100 s).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    assert!(!files.is_empty(), "usage: openalex_bench FILE.gz ...");
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");

    // inflate alone
    let t = Instant::now();
    let mut bytes = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    for p in &files {
        let mut r = open(p);
        loop {
            let n = r.read(&mut buf).expect("inflate");
            if n == 0 {
                break;
            }
            bytes += n as u64;
        }
    }
    let inflate = t.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;

    // inflate + minimal parse
    let t = Instant::now();
    let mut works = 0u64;
    let mut line = Vec::with_capacity(1 << 16);
    for p in &files {
        let mut r = BufReader::with_capacity(1 << 20, open(p));
        loop {
            line.clear();
            if r.read_until(b'\n', &mut line).expect("read") == 0 {
                break;
            }
            let _: serde::de::IgnoredAny = serde_json::from_slice(&line).expect("JSON");
            works += 1;
        }
    }
    let parse = t.elapsed().as_secs_f64();

    // extraction, one core
    let opts = ReadOptions::default();
    let t = Instant::now();
    let counter = AtomicU64::new(0);
    let mut extracted = 0u64;
    one.install(|| {
        for p in &files {
            let r = read_openalex_file(p, &opts, &counter, &mut |w| {
                extracted += 1;
                std::hint::black_box(&w);
            })
            .expect("read");
            assert_eq!(r.rows_rejected, 0, "{:?}", r.rejections.first());
        }
    });
    let extract1 = t.elapsed().as_secs_f64();
    assert_eq!(extracted, works);

    // extraction, every core
    let threads = rayon::current_num_threads();
    let (t, c0) = (Instant::now(), cpu_seconds());
    let n = AtomicU64::new(0);
    for_each_openalex_work(&files, &opts, &|_, w| {
        std::hint::black_box(&w);
        n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    })
    .expect("read");
    let (extract_n, cpu_n) = (t.elapsed().as_secs_f64(), cpu_seconds() - c0);

    println!(
        "files {}  works {works}  uncompressed {mb:.0} MB ({:.0} bytes per work)",
        files.len(),
        bytes as f64 / works as f64
    );
    let row = |name: &str, s: f64| {
        println!("{name:<28} {s:>7.2} s  {:>6.0} MB/s  {:>8.0} works/s", mb / s, works as f64 / s);
    };
    row("inflate (1 core)", inflate);
    row("inflate+parse (1 core)", parse);
    row("extract (1 core)", extract1);
    row(&format!("extract ({threads} threads)"), extract_n);
    println!(
        "extract per CPU-second ({threads} threads): {:.0} works/s ({cpu_n:.2} CPU s)",
        works as f64 / cpu_n.max(1e-9)
    );
    println!("extract / (inflate+parse) limit, one core: {:.0}%", 100.0 * parse / extract1);
    println!("scaling {threads} threads vs 1: {:.2}x", extract1 / extract_n);
}
