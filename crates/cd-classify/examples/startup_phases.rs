//! Developer tool: time the steps of loading the institution classifier.
use cd_classify::{ClassifierOptions, InstitutionClassifier};
use std::time::Instant;
fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}
fn main() -> anyhow::Result<()> {
    let data = cd_ingest::locate::test_data_dir().expect("data folder");
    let unis = data.universities().join("world_universities_and_domains.json");
    let files = cd_ingest::registry::registry_files(&data.grid(), &unis);
    let t = Instant::now();
    let fp = cd_ingest::registry::files_fingerprint(&files)?;
    eprintln!("fingerprint {:.1} ms {fp}", ms(t));
    let (grid, _) = cd_ingest::registry::read_grid(&data.grid())?;
    let (u, _) = cd_ingest::registry::read_universities(&unis)?;
    let links = cd_ingest::registry::read_grid_links(&data.grid())?;
    let t = Instant::now();
    let clf = InstitutionClassifier::build(&grid, &links, &u, ClassifierOptions::default());
    eprintln!("build {:.1} ms", ms(t));
    let t = Instant::now();
    let bytes = clf.index_bytes()?;
    eprintln!("encode {:.1} ms, {} bytes", ms(t), bytes.len());
    let p = std::env::temp_dir().join("phases-cache.bin");
    cd_ingest::registry::write_cache_file(&p, &bytes, "phases-cache", 1)?;
    for _ in 0..3 {
        let t = Instant::now();
        let b = cd_ingest::registry::read_cache_file(&p).expect("cache");
        eprintln!("read_cache_file {:.1} ms", ms(t));
        let t = Instant::now();
        let c = InstitutionClassifier::from_index_bytes(&b, ClassifierOptions::default(), || unreachable!())?;
        eprintln!("from_index_bytes {:.1} ms", ms(t));
        let t = Instant::now();
        let _ = c.email_domains();
        eprintln!("email_domains decode {:.1} ms", ms(t));
        let t = Instant::now();
        drop(c);
        eprintln!("drop {:.1} ms", ms(t));
    }
    Ok(())
}
