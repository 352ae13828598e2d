//! Readers for the institution registries the classifier is built from: GRID (release 2016-01-25:
//! `grid.csv`, `types.csv`, `aliases.csv`, `acronyms.csv`, `relationships.csv`) and the world
//! universities list (`world_universities_and_domains.json`).
//!
//! These readers only turn files into `cd_domain::registry` records with a `ReadReport`; they do not
//! decide sectors (that is `cd-classify`'s business). The same module fingerprints the registry files
//! and reads and writes the checksummed, atomically written cache files in which the binary keeps the
//! classifier's index, the parsed Epoch tables and their classified models (`cache_dir`,
//! `read_cache_file`, `write_cache_file`, `read_cache_value`, `write_cache_value`, `remembered_hash`).
//! The report counts the institutions of `grid.csv`
//! (or the entries of the JSON list); problems in the side tables (an alias naming an id that `grid.csv`
//! lacks, a type GRID does not define) are loaded-but-noteworthy facts and go into the report's notes.

use cd_domain::registry::{GridInstitution, GridType, University};
use cd_domain::ReadReport;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A registry file that cannot be read at all. Rows that cannot be used are rejections or notes in the
/// `ReadReport`, not errors.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// A CSV file cannot be opened (`what` = "cannot open") or its header row read.
    #[error("{}: {what}", path.display())]
    Csv {
        path: PathBuf,
        what: &'static str,
        #[source]
        source: csv::Error,
    },
    #[error("{}: required column `{column}` is missing (header: {header})", path.display())]
    MissingColumn { path: PathBuf, column: String, header: String },
    #[error("{}: cannot read", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not valid JSON (expected an array of universities)", path.display())]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{}: expected a JSON array of universities at the top level", path.display())]
    NotAnArray { path: PathBuf },
}

type Result<T> = std::result::Result<T, RegistryError>;

/// Open a CSV with headers and check that it has the wanted columns; returns their indexes.
fn open_csv(path: &Path, wanted: &[&str]) -> Result<(csv::Reader<std::fs::File>, Vec<usize>)> {
    let csv_error = |what, source| RegistryError::Csv { path: path.to_path_buf(), what, source };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(crate::open_regular(path).map_err(|e| csv_error("cannot open", e.into()))?);
    let headers = rdr.headers().map_err(|e| csv_error("cannot read the header row", e))?;
    let mut idx = Vec::new();
    for w in wanted {
        match headers.iter().position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(w)) {
            Some(i) => idx.push(i),
            None => {
                return Err(RegistryError::MissingColumn {
                    path: path.to_path_buf(),
                    column: w.to_string(),
                    header: headers.iter().collect::<Vec<_>>().join(","),
                })
            }
        }
    }
    Ok((rdr, idx))
}

/// Read a two-column side table (`grid_id`, value) into a map from id to values, in file order.
/// Rows that cannot be parsed are counted in a note rather than failing the whole registry.
fn read_side_table(
    dir: &Path,
    file: &str,
    value_column: &str,
    report: &mut ReadReport,
) -> Result<HashMap<String, Vec<String>>> {
    let path = dir.join(file);
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    if !path.exists() {
        report.note(format!("{file} not found; no {value_column} loaded"));
        return Ok(out);
    }
    let (mut rdr, idx) = open_csv(&path, &["grid_id", value_column])?;
    let mut bad = 0usize;
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let id = r.get(idx[0]).unwrap_or("").trim();
                let v = r.get(idx[1]).unwrap_or("").trim();
                if id.is_empty() || v.is_empty() {
                    bad += 1;
                    continue;
                }
                out.entry(id.to_string()).or_default().push(v.to_string());
            }
            Err(_) => bad += 1,
        }
    }
    if bad > 0 {
        report.note(format!("{file}: {bad} rows skipped (empty id or value, or malformed)"));
    }
    Ok(out)
}

/// GRID homepages (`links.csv`: grid_id, link) as (GRID id, URL) pairs in file order; empty when the file
/// is absent. For the e-mail domain classifier.
pub fn read_grid_links(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut report = ReadReport::new(dir.join("links.csv").display().to_string());
    let table = read_side_table(dir, "links.csv", "link", &mut report)?;
    let mut out: Vec<(String, String)> =
        table.into_iter().flat_map(|(id, links)| links.into_iter().map(move |l| (id.clone(), l))).collect();
    out.sort();
    Ok(out)
}

/// Read the GRID release in `dir`. `grid.csv` is required; the side tables are optional (a missing one
/// is noted). Institutions are returned in `grid.csv` order.
pub fn read_grid(dir: &Path) -> Result<(Vec<GridInstitution>, ReadReport)> {
    let main = dir.join("grid.csv");
    let mut report = ReadReport::new(main.display().to_string());
    let types = read_side_table(dir, "types.csv", "type", &mut report)?;
    let aliases = read_side_table(dir, "aliases.csv", "alias", &mut report)?;
    let acronyms = read_side_table(dir, "acronyms.csv", "acronym", &mut report)?;
    let mut parents: HashMap<String, Vec<String>> = HashMap::new();
    let rel = dir.join("relationships.csv");
    if rel.exists() {
        let (mut rdr, idx) = open_csv(&rel, &["grid_id", "relationship_type", "related_grid_id"])?;
        for r in rdr.records().flatten() {
            if r.get(idx[1]).is_some_and(|t| t.trim().eq_ignore_ascii_case("parent")) {
                let (id, p) = (r.get(idx[0]).unwrap_or("").trim(), r.get(idx[2]).unwrap_or("").trim());
                if !id.is_empty() && !p.is_empty() {
                    parents.entry(id.to_string()).or_default().push(p.to_string());
                }
            }
        }
    }

    let (mut rdr, idx) = open_csv(&main, &["ID", "Name", "City", "Country"])?;
    let mut out = Vec::new();
    let mut unknown_types: BTreeMap<String, usize> = BTreeMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 1;
        let r = match rec {
            Ok(r) => r,
            Err(e) => {
                report.reject(row, "", format!("malformed CSV row: {e}"));
                continue;
            }
        };
        let get = |k: usize| r.get(idx[k]).unwrap_or("").trim().to_string();
        let (id, name) = (get(0), get(1));
        if id.is_empty() {
            report.reject(row, "ID", "empty GRID id");
            continue;
        }
        if name.is_empty() {
            report.reject(row, "Name", format!("institution {id} has an empty name"));
            continue;
        }
        let kind = types.get(&id).and_then(|ts| {
            let t = &ts[0];
            let parsed = GridType::parse(t);
            if parsed.is_none() {
                *unknown_types.entry(t.clone()).or_default() += 1;
            }
            parsed
        });
        out.push(GridInstitution {
            aliases: aliases.get(&id).cloned().unwrap_or_default(),
            acronyms: acronyms.get(&id).cloned().unwrap_or_default(),
            parents: parents.get(&id).cloned().unwrap_or_default(),
            kind,
            city: get(2),
            country: get(3),
            name,
            id,
        });
        report.loaded();
    }
    for (t, n) in unknown_types {
        report.note(format!("types.csv: {n} institutions have the unknown type {t:?}; left untyped"));
    }
    let untyped = out.iter().filter(|g| g.kind.is_none()).count();
    if untyped > 0 {
        report.note(format!("{untyped} institutions have no type in types.csv"));
    }
    Ok((out, report))
}

/// Read the world universities list (a JSON array of objects with `name`, `country`, `domains`).
/// Entries without a name are rejected with their 1-based position as the row.
pub fn read_universities(path: &Path) -> Result<(Vec<University>, ReadReport)> {
    let mut report = ReadReport::new(path.display().to_string());
    let text =
        crate::read_regular(path).map_err(|source| RegistryError::Io { path: path.to_path_buf(), source })?;
    let value: serde_json::Value = serde_json::from_slice(&text)
        .map_err(|source| RegistryError::Json { path: path.to_path_buf(), source })?;
    let Some(items) = value.as_array() else {
        return Err(RegistryError::NotAnArray { path: path.to_path_buf() });
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        let name = item.get("name").and_then(|v| v.as_str()).map(str::trim).unwrap_or("");
        if name.is_empty() {
            report.reject(row, "name", "university entry has no name");
            continue;
        }
        let country = item.get("country").and_then(|v| v.as_str()).unwrap_or("").trim().to_string();
        let domains = item
            .get("domains")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|d| d.as_str()).map(|d| d.trim().to_ascii_lowercase()).collect())
            .unwrap_or_default();
        out.push(University { name: name.to_string(), country, domains });
        report.loaded();
    }
    Ok((out, report))
}

/// The files of a data folder the institution classifier is built from, in a fixed order: GRID's tables
/// in `grid_dir` and the world universities list at `universities`.
pub fn registry_files(grid_dir: &Path, universities: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        ["grid.csv", "types.csv", "aliases.csv", "acronyms.csv", "relationships.csv", "links.csv"]
            .iter()
            .map(|f| grid_dir.join(f))
            .collect();
    files.push(universities.to_path_buf());
    files
}

/// The sha256 (hex) of a list of files: of each file's name, whether it exists, and its bytes. Any
/// change to a file's content, or a file appearing or vanishing, changes it; moving the folder does not.
pub fn files_fingerprint(files: &[PathBuf]) -> Result<String> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    for f in files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        if !f.is_file() {
            h.update(b"absent");
            continue;
        }
        h.update(b"present");
        let io = |source| RegistryError::Io { path: f.clone(), source };
        let mut file = crate::open_regular(f).map_err(io)?;
        let mut len = 0u64;
        loop {
            let n = file.read(&mut buf).map_err(io)?;
            if n == 0 {
                break;
            }
            len += n as u64;
            h.update(&buf[..n]);
        }
        h.update(len.to_le_bytes());
    }
    Ok(crate::datasets::hex(&h.finalize()))
}

/// [`files_fingerprint`], remembered in the cache folder `cache_dir` under the files' identity (path,
/// size, modification and status-change times, device and inode): while none of these changes, the
/// files are not read again. A changed file, even rewritten in place with the same size and a reset
/// modification time (its status-change time moves), is hashed anew.
pub fn files_fingerprint_cached(files: &[PathBuf], cache_dir: &Path) -> Result<String> {
    remembered_hash(files, cache_dir, "files_fingerprint", || files_fingerprint(files))
}

/// A sha256 (64 hex digits) computed from `files` by `compute`, remembered in the cache folder under
/// `what` and the files' identity (path, size, modification and status-change times, device and inode,
/// or their absence): while none of these changes, `compute` is not called again. `compute`'s errors
/// are returned; a folder that cannot be written only means computing again next time.
pub fn remembered_hash<E>(
    files: &[PathBuf],
    cache_dir: &Path,
    what: &str,
    compute: impl FnOnce() -> std::result::Result<String, E>,
) -> std::result::Result<String, E> {
    let mut identity = String::new();
    for f in files {
        identity.push_str(&f.to_string_lossy());
        identity.push('\0');
        match std::fs::metadata(f) {
            Ok(m) => identity.push_str(&file_identity(&m)),
            Err(_) => identity.push_str("absent"),
        }
        identity.push('\n');
    }
    let key = cache_key(&[what.as_bytes(), identity.as_bytes()]);
    let memo = cache_dir.join(format!("{FINGERPRINT_PREFIX}{key}.bin"));
    if let Some(bytes) = read_cache_file(&memo) {
        if bytes.len() == 64 && bytes.iter().all(u8::is_ascii_hexdigit) {
            return Ok(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let hash = compute()?;
    if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        // Housekeeping only: a folder that cannot be written means hashing again next time.
        let _ = write_cache_file(&memo, hash.as_bytes(), FINGERPRINT_PREFIX, FINGERPRINT_KEEP);
    }
    Ok(hash)
}

const FINGERPRINT_PREFIX: &str = "fingerprint-";
/// Remembered hashes kept (one per set of registry files, one per Epoch table).
const FINGERPRINT_KEEP: usize = 32;

#[cfg(unix)]
fn file_identity(m: &std::fs::Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    format!(
        "{} {}.{} {}.{} {} {}",
        m.len(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec(),
        m.dev(),
        m.ino()
    )
}

#[cfg(not(unix))]
fn file_identity(m: &std::fs::Metadata) -> String {
    let mtime = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    format!("{} {:?}", m.len(), mtime)
}

/// The sha256 (hex) of a list of byte strings, each prefixed with its length (so that no two lists give
/// the same input): for cache keys.
pub fn cache_key(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    crate::datasets::hex(&h.finalize())
}

/// This reader's source, for cache keys: a change to how the registries are read invalidates indexes
/// built from them.
pub const READER_SOURCE: &str = include_str!("registry.rs");

/// The environment variable naming the cache folder; `off` (or empty) disables the cache.
pub const CACHE_ENV: &str = "COMPUTE_DIVIDE_CACHE";

/// The cache folder: `$COMPUTE_DIVIDE_CACHE` (`off` or empty: no cache), else
/// `$XDG_CACHE_HOME/compute-divide`, else `$HOME/.cache/compute-divide`; `None` when the cache is off or
/// no folder can be named.
pub fn cache_dir() -> Option<PathBuf> {
    cache_dir_from(
        std::env::var_os(CACHE_ENV).as_deref(),
        std::env::var_os("XDG_CACHE_HOME").as_deref(),
        std::env::var_os("HOME").as_deref(),
    )
}

/// [`cache_dir`] from given values of `$COMPUTE_DIVIDE_CACHE`, `$XDG_CACHE_HOME` and `$HOME`.
pub fn cache_dir_from(
    explicit: Option<&OsStr>,
    xdg: Option<&OsStr>,
    home: Option<&OsStr>,
) -> Option<PathBuf> {
    if let Some(e) = explicit {
        return (!e.is_empty() && e != "off").then(|| PathBuf::from(e));
    }
    // The XDG specification ignores relative paths.
    if let Some(x) = xdg.map(Path::new).filter(|x| x.is_absolute()) {
        return Some(x.join("compute-divide"));
    }
    home.filter(|h| !h.is_empty()).map(|h| Path::new(h).join(".cache").join("compute-divide"))
}

/// First bytes of a cache file (the last one is the layout version of this header).
const CACHE_MAGIC: &[u8; 8] = b"cd-cach1";
/// Magic, payload length (u64 LE), CRC-32 of the payload (u32 LE).
const CACHE_HEADER: usize = 8 + 8 + 4;

/// The payload of a cache file written by [`write_cache_file`]; `None` when the file is absent or
/// unreadable, or when its header, length or CRC-32 does not match (a truncated or corrupt file): such a
/// file is never trusted, and the caller rebuilds.
pub fn read_cache_file(path: &Path) -> Option<Vec<u8>> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut header = [0u8; CACHE_HEADER];
    f.read_exact(&mut header).ok()?;
    if &header[..8] != CACHE_MAGIC {
        return None;
    }
    let len = usize::try_from(u64::from_le_bytes(header[8..16].try_into().ok()?)).ok()?;
    let crc = u32::from_le_bytes(header[16..20].try_into().ok()?);
    let on_disk = f.metadata().ok()?.len();
    if on_disk != (CACHE_HEADER + len) as u64 {
        return None;
    }
    let mut payload = Vec::with_capacity(len);
    f.read_to_end(&mut payload).ok()?;
    (payload.len() == len && crc32fast::hash(&payload) == crc).then_some(payload)
}

/// Write `payload` to the cache file `path` with a header (its length and CRC-32), atomically: into a temporary
/// file of the same folder (created if needed), then renamed, so that a reader sees the old file or the
/// whole new one. Other files of the folder whose names start with `prefix` are removed, the
/// `keep - 1` most recent excepted.
pub fn write_cache_file(path: &Path, payload: &[u8], prefix: &str, keep: usize) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Unique to this write: threads of one process may write the same file at once.
    static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(CACHE_MAGIC)?;
        f.write_all(&(payload.len() as u64).to_le_bytes())?;
        f.write_all(&crc32fast::hash(payload).to_le_bytes())?;
        f.write_all(payload)?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    prune_cache(dir, &name, prefix, keep);
    Ok(())
}

/// Write `value` (postcard) to the cache file `path` as [`write_cache_file`] does, after checking that
/// the bytes decode to a value equal to `value`: a value that would not come back the same (a NaN, a
/// type whose serialised form loses something) is not cached, and the caller computes it every time.
pub fn write_cache_value<T>(path: &Path, value: &T, prefix: &str, keep: usize) -> std::io::Result<()>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq,
{
    let bytes = postcard::to_stdvec(value).map_err(std::io::Error::other)?;
    if decode_value::<T>(&bytes).as_ref() != Some(value) {
        return Err(std::io::Error::other("the value does not survive encoding; not cached"));
    }
    write_cache_file(path, &bytes, prefix, keep)
}

/// The value of a cache file written by [`write_cache_value`]; `None` when the file is absent, fails
/// its check ([`read_cache_file`]), or does not decode whole.
pub fn read_cache_value<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    decode_value(&read_cache_file(path)?)
}

/// A postcard value that fills `bytes` exactly; `None` when it does not decode or bytes are left over.
pub fn decode_value<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    match postcard::take_from_bytes::<T>(bytes) {
        Ok((value, [])) => Some(value),
        _ => None,
    }
}

/// Remove the files of `dir` named `prefix*` other than `current`, the `keep - 1` most recently
/// modified excepted. Failures are ignored: pruning is housekeeping.
fn prune_cache(dir: &Path, current: &str, prefix: &str, keep: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut old: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(prefix) && n != current
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    old.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for (_, p) in old.into_iter().skip(keep.saturating_sub(1)) {
        let _ = std::fs::remove_file(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locate::test_data_or_skip;

    #[test]
    fn reads_grid_2016() {
        let Some(data) = test_data_or_skip() else {
            return;
        };
        let (grid, report) = read_grid(&data.grid()).unwrap();
        // pandas: len(pd.read_csv('grid.csv')) == 54310; types.csv has 49036 rows for 49031 distinct ids
        // (the first type of an id is used: 15110 companies after drop_duplicates('grid_id')).
        assert_eq!(report.rows_read, 54310);
        assert_eq!(report.rows_loaded, 54310);
        assert!(report.is_balanced());
        assert_eq!(grid.iter().filter(|g| g.kind.is_some()).count(), 49031);
        let mit = grid.iter().find(|g| g.id == "grid.116068.8").unwrap();
        assert_eq!(mit.name, "Massachusetts Institute of Technology");
        assert_eq!(mit.kind, Some(GridType::Education));
        assert!(mit.acronyms.contains(&"MIT".to_string()));
        let companies = grid.iter().filter(|g| g.kind == Some(GridType::Company)).count();
        assert_eq!(companies, 15110);
    }

    #[test]
    fn reads_universities() {
        let Some(data) = test_data_or_skip() else {
            return;
        };
        let (unis, report) =
            read_universities(&data.universities().join("world_universities_and_domains.json")).unwrap();
        assert_eq!(unis.len(), 10251);
        assert!(report.is_balanced());
        assert!(unis.iter().any(|u| u.name == "Tsinghua University" && u.country == "China"));
    }

    #[test]
    fn bad_registry_input_names_file_row_and_field() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("grid.csv"), "ID,Name,City,Country\ngrid.1,A Univ,X,Y\n,NoId,X,Y\n")
            .unwrap();
        let (g, r) = read_grid(dir.path()).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!((r.rows_read, r.rows_rejected), (2, 1));
        assert_eq!((r.rejections[0].row, r.rejections[0].field.as_str()), (2, "ID"));
        std::fs::write(dir.path().join("grid.csv"), "ID,City,Country\n").unwrap();
        let e = read_grid(dir.path()).unwrap_err();
        assert!(matches!(&e, RegistryError::MissingColumn { column, .. } if column == "Name"), "{e:?}");
        let e = e.to_string();
        assert!(e.contains("grid.csv") && e.contains("`Name`"), "{e}");
        std::fs::write(dir.path().join("u.json"), "{\"name\": \"U\"}").unwrap();
        let e = read_universities(&dir.path().join("u.json")).unwrap_err();
        assert!(matches!(e, RegistryError::NotAnArray { .. }), "{e:?}");
        assert!(
            e.to_string().ends_with("u.json: expected a JSON array of universities at the top level"),
            "{e}"
        );
        let e = read_universities(&dir.path().join("none.json")).unwrap_err();
        assert!(
            matches!(e, RegistryError::Io { .. }) && e.to_string().ends_with("none.json: cannot read"),
            "{e}"
        );
        let u = dir.path().join("u.json");
        std::fs::write(&u, r#"[{"name":"U1","country":"C","domains":["u1.edu"]},{"country":"C"}]"#).unwrap();
        let (unis, r) = read_universities(&u).unwrap();
        assert_eq!(unis[0].domains, vec!["u1.edu".to_string()]);
        assert_eq!((r.rows_rejected, r.rejections[0].row), (1, 2));
    }

    #[test]
    fn cache_files_are_checked_and_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("classifier-abc.bin");
        assert_eq!(read_cache_file(&path), None);
        write_cache_file(&path, b"payload bytes", "classifier-", 8).unwrap();
        assert_eq!(read_cache_file(&path).as_deref(), Some(&b"payload bytes"[..]));
        let good = std::fs::read(&path).unwrap();
        // Any flipped byte (header or payload), a truncation or an appended byte: not trusted.
        for i in 0..good.len() {
            let mut b = good.clone();
            b[i] ^= 1;
            std::fs::write(&path, &b).unwrap();
            assert_eq!(read_cache_file(&path), None, "byte {i}");
        }
        for b in [&good[..good.len() - 1], &good[..3], &[][..], &[good.as_slice(), b"x"].concat()[..]] {
            std::fs::write(&path, b).unwrap();
            assert_eq!(read_cache_file(&path), None);
        }
        // Writing leaves no temporary file, and old files of the same prefix beyond `keep` go.
        for k in 0..5 {
            write_cache_file(
                &dir.path().join("sub").join(format!("classifier-{k}.bin")),
                b"p",
                "classifier-",
                3,
            )
            .unwrap();
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.contains(&"classifier-4.bin".to_string()), "{names:?}");
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn cache_folder_and_fingerprints() {
        let os = |s: &'static str| Some(OsStr::new(s));
        assert_eq!(cache_dir_from(os("/c"), os("/x"), os("/h")), Some(PathBuf::from("/c")));
        assert_eq!(cache_dir_from(os("off"), os("/x"), os("/h")), None);
        assert_eq!(cache_dir_from(os(""), os("/x"), os("/h")), None);
        assert_eq!(cache_dir_from(None, os("/x"), os("/h")), Some(PathBuf::from("/x/compute-divide")));
        assert_eq!(
            cache_dir_from(None, os("rel"), os("/h")),
            Some(PathBuf::from("/h/.cache/compute-divide"))
        );
        assert_eq!(cache_dir_from(None, None, None), None);

        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let files = registry_files(dir.path(), &dir.path().join("unis.json"));
        assert_eq!(files.len(), 7);
        let none = files_fingerprint(&files).unwrap();
        std::fs::write(&files[0], "ID,Name,City,Country\n").unwrap();
        let one = files_fingerprint(&files).unwrap();
        assert_ne!(none, one);
        assert_eq!(files_fingerprint_cached(&files, &cache).unwrap(), one);
        assert_eq!(files_fingerprint_cached(&files, &cache).unwrap(), one);
        // Rewritten in place with the same size: the status-change time moves, so it is hashed again.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&files[0], "ID,Name,City,Countrx\n").unwrap();
        let changed = files_fingerprint(&files).unwrap();
        assert_ne!(changed, one);
        assert_eq!(files_fingerprint_cached(&files, &cache).unwrap(), changed);
        assert_eq!(cache_key(&[b"a", b"bc"]).len(), 64);
        assert_ne!(cache_key(&[b"a", b"bc"]), cache_key(&[b"ab", b"c"]));
    }
}
