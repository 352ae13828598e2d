// TEMPORARY (perf work, to be deleted): dumps every work and report as JSON lines for golden comparison.
use cd_ingest::papers::openalex::{read_openalex, ReadOptions};
use std::io::Write;
use std::path::PathBuf;
fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let r = read_openalex(&paths, &ReadOptions::default()).expect("read");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for w in &r.works {
        serde_json::to_writer(&mut out, w).unwrap();
        out.write_all(b"\n").unwrap();
    }
    for rep in &r.reports {
        writeln!(out, "{rep:?}").unwrap();
    }
}
