//! Developer tool: classify every distinct affiliation of the conference author list and print
//! `count<TAB>sector<TAB>confidence<TAB>affiliation<TAB>reason`, most frequent first, then the speed.
//! `cargo run --release -p cd-classify --example classify_affiliations > /tmp/aff.tsv`

use cd_classify::{ClassifierOptions, InstitutionClassifier};
use std::collections::HashMap;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let data = cd_ingest::locate::test_data_dir().expect("data folder");
    let (grid, _) = cd_ingest::registry::read_grid(&data.grid())?;
    let (unis, _) = cd_ingest::registry::read_universities(
        &data.universities().join("world_universities_and_domains.json"),
    )?;
    let t = Instant::now();
    let clf = InstitutionClassifier::new(&grid, &unis, ClassifierOptions::default());
    eprintln!("built in {:.2}s ({} registry names)", t.elapsed().as_secs_f64(), clf.registry_size());
    let mut rdr = csv::Reader::from_path(data.conferences().join("icml_neurips_iclr_authors_2006-2019.csv"))?;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for r in rdr.records() {
        let r = r?;
        let a = r.get(4).unwrap_or("").trim();
        if !a.is_empty() && a != "None" {
            *counts.entry(a.to_string()).or_default() += 1;
        }
    }
    let mut names: Vec<(String, usize)> = counts.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..5 {
        for (a, _) in &names {
            std::hint::black_box(clf.classify(a));
            n += 1;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    eprintln!("{n} classifications in {secs:.3}s: {:.0} names/s", n as f64 / secs);
    for (a, c) in &names {
        let k = clf.classify(a);
        println!("{c}\t{}\t{:.2}\t{a}\t{}", k.sector, k.confidence, k.reason);
    }
    Ok(())
}
