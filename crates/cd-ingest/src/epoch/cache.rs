//! Epoch tables kept parsed in the cache folder, so that a command does not decode and parse the CSV
//! again while the file is unchanged.
//!
//! A cached table is the whole [`EpochTable`] (models, read report, column map) in postcard, in a cache
//! file of `crate::registry` (length and CRC-32 checked, written to a temporary file and renamed). Its
//! name is `epoch-<key>.bin`, the key being the sha256 of [`TABLE_FORMAT`], the reader's source
//! ([`READER_SOURCES`], with the domain types' `cd_domain::SERDE_SOURCES`), the file's name as given
//! (it is written into the read report) and the sha256 of its content. The content hash is remembered
//! under the file's size, times and inode (`registry::remembered_hash`), so an unchanged file is not
//! read at all; an edited file, or a change to the reader or to the types, gives another key. A file
//! that fails its check or does not decode is ignored and rewritten; a folder that cannot be written
//! leaves the read as it was. The table is the same with and without the cache (tested on every
//! shipped vintage in `tests/it/epoch_cache.rs`).

use super::{read_epoch_bytes, EpochError, EpochTable};
use crate::registry::{cache_key, read_cache_value, remembered_hash, write_cache_value};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Layout version of a cached table; bump it when the meaning of a cached value changes without a
/// change to the sources in the key.
pub const TABLE_FORMAT: u32 = 1;

/// The source of the Epoch reader, for cache keys: any change to how a table is read invalidates the
/// tables cached by the old code.
pub const READER_SOURCES: [&str; 6] = [
    include_str!("../epoch.rs"),
    include_str!("columns.rs"),
    include_str!("decode.rs"),
    include_str!("lists.rs"),
    include_str!("values.rs"),
    include_str!("cache.rs"),
];

/// Prefix of the cached tables' file names; the rest of the name is the key.
pub const TABLE_CACHE_PREFIX: &str = "epoch-";
/// Cached tables kept (the six shipped vintages and a few of the user's; older ones are removed).
pub const TABLE_CACHE_KEEP: usize = 16;

/// An Epoch table with the sha256 (hex) of the bytes it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct HashedTable {
    pub table: EpochTable,
    pub sha256: String,
}

/// The cache key of the table read from a file named `name` (as given: it appears in the read report)
/// whose content has the sha256 `sha256`.
pub fn table_cache_key(name: &str, sha256: &str) -> String {
    let format = TABLE_FORMAT.to_le_bytes();
    let mut parts: Vec<&[u8]> = vec![b"compute-divide epoch table", &format];
    parts.extend(READER_SOURCES.iter().map(|s| s.as_bytes()));
    parts.extend(cd_domain::SERDE_SOURCES.iter().map(|s| s.as_bytes()));
    parts.push(name.as_bytes());
    parts.push(sha256.as_bytes());
    cache_key(&parts)
}

/// The cache file of that table in the cache folder `cache_dir`.
pub fn table_cache_path(cache_dir: &Path, name: &str, sha256: &str) -> PathBuf {
    cache_dir.join(format!("{TABLE_CACHE_PREFIX}{}.bin", table_cache_key(name, sha256)))
}

fn sha256_hex(bytes: &[u8]) -> String {
    crate::datasets::hex(&Sha256::digest(bytes))
}

/// The sha256 (hex) of the file at `path`, remembered in `cache_dir` under the file's identity (see
/// `registry::remembered_hash`), so that an unchanged file is not read again.
pub fn file_sha256_cached(path: &Path, cache_dir: &Path) -> Result<String, EpochError> {
    remembered_hash(&[path.to_path_buf()], cache_dir, "sha256", || {
        crate::datasets::sha256_file(path)
            .map_err(|source| EpochError::Io { file: path.display().to_string(), source })
    })
}

/// Read an Epoch model CSV as [`super::read_epoch_csv`] does, with the sha256 of its content; through
/// the cache folder `cache_dir` when one is given (`None`: parse every time). Errors are those of
/// `read_epoch_csv`: a file that is not an Epoch table is never cached.
pub fn read_epoch_csv_cached(path: &Path, cache_dir: Option<&Path>) -> Result<HashedTable, EpochError> {
    let name = path.display().to_string();
    let read = || crate::read_regular(path).map_err(|source| EpochError::Io { file: name.clone(), source });
    let Some(dir) = cache_dir else {
        let bytes = read()?;
        return Ok(HashedTable { table: read_epoch_bytes(&name, &bytes)?, sha256: sha256_hex(&bytes) });
    };
    // The bytes hashed when the hash was not remembered, kept for parsing.
    let mut content: Option<Vec<u8>> = None;
    let remembered = remembered_hash(&[path.to_path_buf()], dir, "sha256", || {
        let bytes = read()?;
        let sha = sha256_hex(&bytes);
        content = Some(bytes);
        Ok(sha)
    })?;
    if let Some(table) = read_cache_value::<EpochTable>(&table_cache_path(dir, &name, &remembered)) {
        return Ok(HashedTable { table, sha256: remembered });
    }
    // Parse; the hash is that of the bytes parsed (the file may have changed since it was remembered).
    let (bytes, sha256) = match content {
        Some(bytes) => (bytes, remembered),
        None => {
            let bytes = read()?;
            let sha = sha256_hex(&bytes);
            (bytes, sha)
        }
    };
    let table = read_epoch_bytes(&name, &bytes)?;
    // The cache only saves time: a folder that cannot be written leaves the read as it was.
    let _ = write_cache_value(
        &table_cache_path(dir, &name, &sha256),
        &table,
        TABLE_CACHE_PREFIX,
        TABLE_CACHE_KEEP,
    );
    Ok(HashedTable { table, sha256 })
}
