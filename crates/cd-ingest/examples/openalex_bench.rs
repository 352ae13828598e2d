//! The OpenAlex reader against the machine's limit (tools/bench/openalex.sh runs it; docs/openalex.md has
//! the figures). On the part files given:
//!
//! - `inflate`: gzip decompression alone (flate2, zlib-rs backend) into a reused buffer, one thread;
//! - `inflate+parse`: the same, the stream cut into lines as the reader cuts it (1 MB chunks, lines handed
//!   out as slices, no copy per line) and every line parsed by serde_json into `IgnoredAny` (the whole
//!   JSON validated, nothing kept), one thread: the limit of any serde_json reader of these files;
//! - `inflate+typed`: the same with every line parsed into the reader's borrowed wire structs by its
//!   scanner and dropped (`parse_wire_only`): what parsing the fields into types costs, before any owned
//!   value is built;
//! - `inflate+serde-typed`: the same through serde_json's derived visitors (`parse_wire_only_serde`, the
//!   reader's parser before the scanner, kept as its reference);
//! - `serde-extract (1 thread)`: the reader with serde_json's derived visitors in place of the scanner
//!   (`for_each_openalex_work_serde`), one thread: the reader before the scanner, measured in the same run;
//! - `extract (T threads)`: the reader (`for_each_openalex_work`, rayon over the files) in a pool of T
//!   threads, for each T of `--threads` (default `1,N` with N the cores): the study's fields into
//!   `OpenAlexWork`s, dropped (abstracts rebuilt only with `--abstracts`).
//!
//! Each stage prints the load average before it, wall and CPU time (user + system of the whole process),
//! MB of uncompressed JSON and works per CPU-second, works per wall second and CPU microseconds per work;
//! then extraction as a share of the limit (per CPU-second), and for every T > 1 the CPU per work against
//! one thread (perfect scaling: 1.00) and the wall-time speed-up (which depends on the cores free).
//! `--no-limit` skips the first three stages and the serde_json ones (the 100x memory run). Benchmarks print; nothing asserts
//! beyond "every line loaded".
//!
//! The allocator is mimalloc, the compute-divide binary's (so the bench measures the reader as the
//! binary runs it); with the feature `bench-system-alloc`, the system's (glibc). `--inbuf KB` sets the
//! buffer of compressed input of the first three stages (default 64 KB, the reader's). (simd-json and
//! sonic-rs were measured by this bench's feature `bench-parsers` at commit ad3acee, then dropped: see
//! docs/openalex.md.) `tools/bench/openalex_compare.py` runs this bench and the DuckDB peer alternately,
//! several times, and prints the medians and the ratios.
//!
//! cargo run --release -p cd-ingest --example openalex_bench -- [--abstracts] [--no-limit] [--threads 1,2] [--inbuf KB] FILE.gz ...

use cd_ingest::papers::openalex::{
    for_each_openalex_work, for_each_openalex_work_serde, parse_wire_only, parse_wire_only_serde, ReadOptions,
};
use std::io::{BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

#[cfg(not(feature = "bench-system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn open(p: &PathBuf, inbuf: usize) -> flate2::bufread::MultiGzDecoder<BufReader<std::fs::File>> {
    flate2::bufread::MultiGzDecoder::new(BufReader::with_capacity(
        inbuf,
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

fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().next().unwrap_or("?").to_string()
}

#[repr(align(128))]
struct PerThread(AtomicU64);

/// Wall seconds, CPU seconds and the load average (1 minute) just before the stage started.
struct Stage {
    name: String,
    load: String,
    wall: f64,
    cpu: f64,
}

fn timed(name: String, f: impl FnOnce()) -> Stage {
    let load = load_average();
    let (t, c) = (Instant::now(), cpu_seconds());
    f();
    Stage { name, load, wall: t.elapsed().as_secs_f64(), cpu: cpu_seconds() - c }
}

/// Every line of a stream as a slice of a 1 MB chunk (as the reader cuts them).
fn each_line(mut r: impl Read, mut f: impl FnMut(&[u8])) {
    let mut buf = vec![0u8; 1 << 20];
    let (mut start, mut end) = (0usize, 0usize);
    loop {
        if start > 0 {
            buf.copy_within(start..end, 0);
            end -= start;
            start = 0;
        }
        if end == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
        let n = r.read(&mut buf[end..]).expect("inflate");
        if n == 0 {
            if start < end {
                f(&buf[start..end]);
            }
            return;
        }
        let mut at = end;
        end += n;
        while let Some(k) = memchr::memchr(b'\n', &buf[at..end]) {
            f(&buf[start..at + k]);
            start = at + k + 1;
            at = start;
        }
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |args: &mut Vec<String>, name: &str| {
        let had = args.iter().any(|a| a == name);
        args.retain(|a| a != name);
        had
    };
    let with_abstracts = flag(&mut args, "--abstracts");
    let no_limit = flag(&mut args, "--no-limit");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut threads: Vec<usize> = if cores > 1 { vec![1, cores] } else { vec![1] };
    if let Some(i) = args.iter().position(|a| a == "--threads") {
        let list = args.get(i + 1).expect("--threads LIST, e.g. 1,2").clone();
        threads = list.split(',').map(|t| t.trim().parse().expect("--threads: numbers")).collect();
        args.drain(i..i + 2);
    }
    let mut inbuf = 64 << 10;
    if let Some(i) = args.iter().position(|a| a == "--inbuf") {
        let kb: usize = args.get(i + 1).and_then(|v| v.parse().ok()).expect("--inbuf KB, e.g. 256");
        inbuf = kb << 10;
        args.drain(i..i + 2);
    }
    let files: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    assert!(
        !files.is_empty(),
        "usage: openalex_bench [--abstracts] [--no-limit] [--threads 1,2] [--inbuf KB] FILE.gz ..."
    );

    let mut stages = Vec::new();
    let mut bytes = 0u64;
    let mut works = 0u64;
    if !no_limit {
        stages.push(timed("inflate (1 thread)".into(), || {
            let mut buf = vec![0u8; 1 << 20];
            for p in &files {
                let mut r = open(p, inbuf);
                loop {
                    let n = r.read(&mut buf).expect("inflate");
                    if n == 0 {
                        break;
                    }
                    bytes += n as u64;
                }
            }
        }));
        stages.push(timed("inflate+parse (1 thread)".into(), || {
            for p in &files {
                each_line(open(p, inbuf), |line| {
                    if line.trim_ascii().is_empty() {
                        return;
                    }
                    let _: serde::de::IgnoredAny = serde_json::from_slice(line).expect("JSON");
                    works += 1;
                });
            }
        }));
        let wire_opts = ReadOptions { abstracts: with_abstracts, ..ReadOptions::default() };
        stages.push(timed("inflate+typed (1 thread)".into(), || {
            for p in &files {
                each_line(open(p, inbuf), |line| {
                    let line = line.trim_ascii();
                    if !line.is_empty() {
                        assert!(parse_wire_only(line, &wire_opts), "every generated line parses");
                    }
                });
            }
        }));
        stages.push(timed("inflate+serde-typed (1 thread)".into(), || {
            for p in &files {
                each_line(open(p, inbuf), |line| {
                    let line = line.trim_ascii();
                    if !line.is_empty() {
                        assert!(parse_wire_only_serde(line, &wire_opts), "every generated line parses");
                    }
                });
            }
        }));
        let opts = ReadOptions { abstracts: with_abstracts, ..ReadOptions::default() };
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
        let seen = AtomicU64::new(0);
        stages.push(timed("serde-extract (1 thread)".into(), || {
            let reports = pool
                .install(|| {
                    for_each_openalex_work_serde(&files, &opts, &|_, w| {
                        std::hint::black_box(&w);
                        seen.fetch_add(1, Ordering::Relaxed);
                    })
                })
                .expect("read");
            assert_eq!(
                reports.iter().map(|r| r.rows_rejected).sum::<usize>(),
                0,
                "every generated line loads"
            );
        }));
        assert_eq!(seen.load(Ordering::Relaxed), works, "the serde reader saw every work");
    }

    // extraction at each thread count; abstracts only with --abstracts (the DuckDB peer does not rebuild
    // them)
    let opts = ReadOptions { abstracts: with_abstracts, ..ReadOptions::default() };
    let mut extracted = Vec::new();
    let mut busy = Vec::new();
    for &t in &threads {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(t).build().expect("pool");
        // Works per pool thread (one counter per cache line, so the threads do not share one).
        let per_thread: Vec<PerThread> = (0..t).map(|_| PerThread(AtomicU64::new(0))).collect();
        let mut rejected = 0;
        stages.push(timed(format!("extract ({t} thread{})", if t > 1 { "s" } else { "" }), || {
            let reports = pool
                .install(|| {
                    for_each_openalex_work(&files, &opts, &|_, w| {
                        std::hint::black_box(&w);
                        let i = rayon::current_thread_index().unwrap_or(0);
                        per_thread[i].0.fetch_add(1, Ordering::Relaxed);
                    })
                })
                .expect("read");
            rejected = reports.iter().map(|r| r.rows_rejected).sum::<usize>();
        }));
        assert_eq!(rejected, 0, "every generated line loads");
        let counts: Vec<u64> = per_thread.iter().map(|c| c.0.load(Ordering::Relaxed)).collect();
        extracted.push(counts.iter().sum::<u64>());
        busy.push(counts);
    }
    if no_limit {
        works = extracted[0];
    }
    assert!(extracted.iter().all(|&n| n == works), "every stage saw every work: {works} {extracted:?}");

    let mb = bytes as f64 / 1e6;
    let allocator = if cfg!(feature = "bench-system-alloc") { "the system's (glibc)" } else { "mimalloc" };
    println!(
        "allocator: {allocator}; abstracts: {}; compressed input buffer of the limit stages: {} KB",
        if with_abstracts { "rebuilt" } else { "skipped" },
        inbuf >> 10
    );
    if no_limit {
        println!("files {}  works {works}", files.len());
    } else {
        println!(
            "files {}  works {works}  uncompressed {mb:.0} MB ({:.0} bytes per work)",
            files.len(),
            bytes as f64 / works as f64
        );
    }
    println!(
        "{:<26} {:>6} {:>8} {:>8} {:>9} {:>12} {:>12} {:>11}",
        "stage", "load", "wall s", "CPU s", "MB/CPU-s", "works/CPU-s", "works/s wall", "CPU µs/work"
    );
    for s in &stages {
        let cpu = s.cpu.max(1e-9);
        let mbs = if no_limit { "-".to_string() } else { format!("{:.0}", mb / cpu) };
        println!(
            "{:<26} {:>6} {:>8.2} {:>8.2} {:>9} {:>12.0} {:>12.0} {:>11.2}",
            s.name,
            s.load,
            s.wall,
            s.cpu,
            mbs,
            works as f64 / cpu,
            works as f64 / s.wall,
            1e6 * cpu / works as f64
        );
    }
    let extract: Vec<&Stage> = stages.iter().filter(|s| s.name.starts_with("extract")).collect();
    if !no_limit {
        let limit = &stages[1];
        println!(
            "extract (1st) / (inflate+parse) limit, per CPU-second: {:.0}%",
            100.0 * limit.cpu / extract[0].cpu
        );
        println!(
            "serde-extract / limit, per CPU-second: {:.0}%; extract (1st) over serde-extract: {:.2}x faster",
            100.0 * limit.cpu / stages[4].cpu,
            stages[4].cpu / extract[0].cpu
        );
        // Building the owned works (and dropping them): extraction minus the typed parse.
        let build = extract[0].cpu - stages[2].cpu;
        println!(
            "building the owned works: {:.2} CPU µs/work ({:.0}% of extraction); typed parse over the minimal parse: {:.2} µs/work (serde_json's derived visitors: {:.2})",
            1e6 * build / works as f64,
            100.0 * build / extract[0].cpu,
            1e6 * (stages[2].cpu - stages[1].cpu) / works as f64,
            1e6 * (stages[3].cpu - stages[1].cpu) / works as f64
        );
    }
    for (&t, counts) in threads.iter().zip(&busy) {
        let used = counts.iter().filter(|&&c| c > 0).count();
        println!("pool of {t}: {used} of {t} threads read, works per thread {counts:?}");
    }
    for (s, &t) in extract.iter().zip(&threads).skip(1) {
        println!(
            "{t} threads vs {}: CPU per work {:.2}x (perfect scaling 1.00), wall speed-up {:.2}x (depends on the cores free)",
            threads[0],
            s.cpu / extract[0].cpu.max(1e-9),
            extract[0].wall / s.wall
        );
    }
}
