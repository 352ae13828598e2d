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
    let (mut best_read, mut best_decode, mut best_domains) = (f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..5 {
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
        best_domains = best_domains.min(ms(t));
        best_read = best_read.min(read);
        best_decode = best_decode.min(decode);
    }
    eprintln!(
        "from the cache file (fastest of 5): read and check {best_read:.1} ms, institution section {best_decode:.1} ms, \
         e-mail domain section (only when a paper needs it) {best_domains:.1} ms"
    );
    std::fs::remove_dir_all(&dir)?;
    // For comparison, the rest of a model command's loading: the Epoch table read and hashed, and its
    // models classified (fastest of 5, one thread).
    let table = data.epoch().join("all_ml_systems_2025-08-07.csv");
    let (mut read, mut hash, mut classify) = (f64::MAX, f64::MAX, f64::MAX);
    let defs = cd_domain::Definitions::default();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    for _ in 0..5 {
        let t = Instant::now();
        let epoch = cd_ingest::epoch::read_epoch_csv(&table)?;
        read = read.min(ms(t));
        let t = Instant::now();
        cd_ingest::datasets::sha256_file(&table)?;
        hash = hash.min(ms(t));
        let t = Instant::now();
        pool.install(|| cd_classify::classify_models(&epoch.models, &clf, &defs));
        classify = classify.min(ms(t));
    }
    eprintln!(
        "Epoch 2025-08-07: read {read:.1} ms, sha256 {hash:.1} ms, classify its models {classify:.1} ms (fastest of 5, one thread)"
    );
    Ok(())
}
