//! Epoch tables read through the cache folder (`cd_ingest::epoch::cache`) are the tables the reader
//! parses, on every shipped vintage; a corrupt, stale or foreign cache file is never trusted.

use crate::support;
use cd_ingest::epoch::cache::{read_epoch_csv_cached, table_cache_path, HashedTable, TABLE_CACHE_PREFIX};
use cd_ingest::epoch::{read_epoch_csv, EpochTable};
use cd_ingest::registry::{read_cache_value, write_cache_value};
use std::path::{Path, PathBuf};

/// Every f64 of every model, as bits (`PartialEq` on f64 would let -0.0 pass for 0.0).
fn float_bits(t: &EpochTable) -> Vec<Option<u64>> {
    t.models
        .iter()
        .flat_map(|m| {
            [
                m.parameters,
                m.training_compute_flop,
                m.training_compute_lower_flop,
                m.training_compute_upper_flop,
                m.training_dataset_size,
                m.citations,
                m.finetune_compute_flop,
            ]
        })
        .map(|v| v.map(f64::to_bits))
        .collect()
}

fn assert_same(got: &HashedTable, want: &EpochTable, sha256: &str, what: &str) {
    assert_eq!(&got.table, want, "{what}");
    assert_eq!(float_bits(&got.table), float_bits(want), "{what}");
    assert_eq!(got.sha256, sha256, "{what}");
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    v.retain(|p| p.file_name().unwrap().to_string_lossy().starts_with(TABLE_CACHE_PREFIX));
    v.sort();
    v
}

#[test]
fn cached_tables_equal_parsed_ones_on_every_vintage() {
    let Some(data) = support::shared_data() else { return };
    let cache = tempfile::tempdir().unwrap();
    let mut tables: Vec<PathBuf> = std::fs::read_dir(data.epoch())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    tables.sort();
    assert_eq!(tables.len(), 6, "{tables:?}");
    for path in &tables {
        let what = path.display().to_string();
        let want = read_epoch_csv(path).unwrap();
        let sha256 = cd_ingest::datasets::sha256_file(path).unwrap();
        assert!(want.models.iter().any(|m| m.publication_date.is_some()), "{what}");
        // Without a cache folder; then the first read (parsed, stored) and the second (from the file).
        assert_same(&read_epoch_csv_cached(path, None).unwrap(), &want, &sha256, &what);
        let before = cache_files(cache.path()).len();
        assert_same(&read_epoch_csv_cached(path, Some(cache.path())).unwrap(), &want, &sha256, &what);
        assert_eq!(cache_files(cache.path()).len(), before + 1, "{what}: one table file written");
        let file = table_cache_path(cache.path(), &what, &sha256);
        assert_eq!(read_cache_value::<EpochTable>(&file).as_ref(), Some(&want), "{what}");
        assert_same(&read_epoch_csv_cached(path, Some(cache.path())).unwrap(), &want, &sha256, &what);
    }
}

#[test]
fn the_cache_file_is_what_is_read_and_a_corrupt_one_is_ignored() {
    let Some(data) = support::shared_data() else { return };
    let cache = tempfile::tempdir().unwrap();
    let path = data.epoch().join("all_ml_systems_2023-12-14.csv");
    let name = path.display().to_string();
    let want = read_epoch_csv(&path).unwrap();
    let sha256 = cd_ingest::datasets::sha256_file(&path).unwrap();
    read_epoch_csv_cached(&path, Some(cache.path())).unwrap();
    let file = table_cache_path(cache.path(), &name, &sha256);
    let good = std::fs::read(&file).unwrap();
    // A valid cache file under the key is what a read returns (so the hit path is the one tested).
    let mut marked = want.clone();
    marked.models.truncate(3);
    write_cache_value(&file, &marked, TABLE_CACHE_PREFIX, 16).unwrap();
    assert_eq!(read_epoch_csv_cached(&path, Some(cache.path())).unwrap().table.models.len(), 3);
    // One flipped byte, a truncation, garbage: ignored, parsed again and rewritten.
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    for bad in [flipped, good[..good.len() - 10].to_vec(), b"not a cache file".to_vec()] {
        std::fs::write(&file, &bad).unwrap();
        assert_same(&read_epoch_csv_cached(&path, Some(cache.path())).unwrap(), &want, &sha256, "corrupt");
        assert_eq!(std::fs::read(&file).unwrap(), good);
    }
    // A cache folder that cannot be created (under a regular file): read as without a cache.
    let blocked = cache.path().join("a-file");
    std::fs::write(&blocked, "x").unwrap();
    assert_same(
        &read_epoch_csv_cached(&path, Some(&blocked.join("cache"))).unwrap(),
        &want,
        &sha256,
        "blocked",
    );
}

#[test]
fn an_edited_table_is_parsed_again() {
    let Some(data) = support::shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = dir.path().join("all_ml_systems_2023-12-14.csv");
    let text = std::fs::read_to_string(data.epoch().join("all_ml_systems_2023-12-14.csv")).unwrap();
    std::fs::write(&path, &text).unwrap();
    let first = read_epoch_csv_cached(&path, Some(&cache)).unwrap();
    assert_eq!(first.table, read_epoch_csv(&path).unwrap());
    // Drop the last data row, in place: another content, another key.
    let cut = text.trim_end().rfind('\n').unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, &text[..=cut]).unwrap();
    let second = read_epoch_csv_cached(&path, Some(&cache)).unwrap();
    assert_eq!(second.table, read_epoch_csv(&path).unwrap());
    assert_eq!(second.table.models.len() + 1, first.table.models.len());
    assert_eq!(second.sha256, cd_ingest::datasets::sha256_file(&path).unwrap());
    assert_ne!(second.sha256, first.sha256);
    assert_eq!(cache_files(&cache).len(), 2);
    // A file that is not an Epoch table: the reader's error, nothing cached.
    std::fs::write(&path, "a,b\n1,2\n").unwrap();
    let e = read_epoch_csv_cached(&path, Some(&cache)).unwrap_err().to_string();
    assert!(e.contains("required column missing"), "{e}");
    assert_eq!(cache_files(&cache).len(), 2);
}
