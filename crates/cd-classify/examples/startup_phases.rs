//! Developer tool: where the time of loading the institution classifier goes — fingerprinting the
//! registry files, building from them, encoding the index, and reading it back (cache file, institution
//! section, e-mail domain section). Prints milliseconds; asserts nothing.
//! `cargo run --release -p cd-classify --example startup_phases`

use cd_classify::{ClassifierOptions, InstitutionClassifier};
use std::error::Error;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() -> Result<(), Box<dyn Error>> {
    let data = cd_ingest::locate::test_data_dir().ok_or("no data folder (../shared/data)")?;
    let unis_path = data.universities().join("world_universities_and_domains.json");
    let files = cd_ingest::registry::registry_files(&data.grid(), &unis_path);
    let options = ClassifierOptions::default();
    let t = Instant::now();
    cd_ingest::registry::files_fingerprint(&files)?;
    eprintln!("sha256 of the registry files        {:8.1} ms", ms(t));
    let t = Instant::now();
    let (grid, _) = cd_ingest::registry::read_grid(&data.grid())?;
    let (unis, _) = cd_ingest::registry::read_universities(&unis_path)?;
    let links = cd_ingest::registry::read_grid_links(&data.grid())?;
    eprintln!("read GRID, links, universities      {:8.1} ms", ms(t));
    let t = Instant::now();
    let clf = InstitutionClassifier::build(&grid, &links, &unis, options);
    eprintln!("build the classifier                {:8.1} ms", ms(t));
    let t = Instant::now();
    let bytes = clf.index_bytes()?;
    eprintln!("encode the index                    {:8.1} ms ({} bytes)", ms(t), bytes.len());
    let dir = std::env::temp_dir().join(format!("cd-startup-phases-{}", std::process::id()));
    let path = dir.join("index.bin");
    cd_ingest::registry::write_cache_file(&path, &bytes, "index", 1)?;
    for run in 1..=3 {
        let t = Instant::now();
        let b = cd_ingest::registry::read_cache_file(&path).ok_or("cache file unreadable")?;
        let read = ms(t);
        let t = Instant::now();
        let c = InstitutionClassifier::from_index_bytes(&b, options, move || {
            cd_classify::evidence::DomainClassifier::curated_only(options)
        })?;
        let decode = ms(t);
        let t = Instant::now();
        c.email_domains();
        eprintln!(
            "run {run}: read cache file {read:6.1} ms, institution section {decode:6.1} ms, e-mail domain section {:6.1} ms",
            ms(t)
        );
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
