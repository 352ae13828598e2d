//! Time the Paper Copilot reader on a folder: `cargo run --release -p cd-ingest --example
//! papercopilot_bench -- ../shared/data/papercopilot`. Prints records, papers and wall time.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/data/papercopilot".into());
    let t = std::time::Instant::now();
    let table =
        cd_ingest::papers::papercopilot::read_papercopilot(std::path::Path::new(&path)).expect("read");
    let dt = t.elapsed().as_secs_f64();
    let authors: usize = table.papers.iter().map(|p| p.authors.len()).sum();
    println!(
        "{} records, {} papers, {} authors in {:.3} s ({:.0} records/s)",
        table.report.rows_read,
        table.papers.len(),
        authors,
        dt,
        table.report.rows_read as f64 / dt
    );
}
