//! The OpenAlex snapshot's layout: the parts (`data/works/updated_date=…/part_NNN.gz`, or files given one
//! by one), the `manifest` files that list them with their record counts, and a deterministic share of the
//! parts (`--shard K/N`).

use crate::WarehouseError;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One input part: its file, the name it is known by (its path below the snapshot folder given, with
/// `/`), and the record count its manifest gives.
#[derive(Debug, Clone, PartialEq)]
pub struct InputPart {
    pub path: PathBuf,
    pub name: String,
    pub manifest_records: Option<u64>,
}

/// The parts of the inputs, sorted by name, and what the manifests say that the folder does not match
/// (a listed part missing, a part not listed).
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub parts: Vec<InputPart>,
    pub warnings: Vec<String>,
}

/// `K/N`: the parts whose index (in name order, from 0) is `K-1` modulo `N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

impl Shard {
    /// Parse `K/N` with 1 ≤ K ≤ N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let err = || format!("--shard: expected K/N with 1 ≤ K ≤ N (e.g. 2/8), got {text:?}");
        let (k, n) = text.split_once('/').ok_or_else(err)?;
        let (k, n): (usize, usize) =
            (k.trim().parse().map_err(|_| err())?, n.trim().parse().map_err(|_| err())?);
        if k == 0 || n == 0 || k > n {
            return Err(err());
        }
        Ok(Shard { k, n })
    }

    /// Whether the part at `index` (0-based, in name order) is this shard's.
    pub fn takes(&self, index: usize) -> bool {
        index % self.n == self.k - 1
    }
}

fn is_part_file(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    !name.starts_with('.')
        && (name.ends_with(".gz") || name.ends_with(".jsonl") || name.ends_with(".json"))
        && name != "manifest"
}

fn walk(dir: &Path, parts: &mut Vec<PathBuf>, manifests: &mut Vec<PathBuf>) -> Result<(), WarehouseError> {
    let io = |e: std::io::Error| WarehouseError::Io { path: dir.display().to_string(), source: e };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, parts, manifests)?;
        } else if p.file_name().is_some_and(|n| n == "manifest") {
            manifests.push(p);
        } else if is_part_file(&p) {
            parts.push(p);
        }
    }
    Ok(())
}

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The last two segments of a path or URL (`updated_date=2024-01-01/part_000.gz`): how a manifest entry
/// and a file are matched.
fn tail2(text: &str) -> String {
    let segs: Vec<&str> = text.rsplit('/').take(2).collect();
    segs.into_iter().rev().collect::<Vec<_>>().join("/")
}

#[derive(serde::Deserialize)]
struct Manifest {
    entries: Vec<ManifestEntry>,
}

#[derive(serde::Deserialize)]
struct ManifestEntry {
    url: String,
    #[serde(default)]
    meta: Option<ManifestMeta>,
}

#[derive(serde::Deserialize)]
struct ManifestMeta {
    #[serde(default)]
    record_count: Option<u64>,
}

/// Read an OpenAlex `manifest`: entry (its URL's last two segments) → record count.
pub fn read_manifest(path: &Path) -> Result<Vec<(String, Option<u64>)>, WarehouseError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| WarehouseError::Io { path: path.display().to_string(), source: e })?;
    let m: Manifest = serde_json::from_str(&text).map_err(|e| WarehouseError::Input {
        file: path.display().to_string(),
        message: format!("not an OpenAlex manifest (expected {{\"entries\": [{{\"url\", \"meta\": {{\"record_count\"}}}}]}}): {e}"),
    })?;
    Ok(m.entries.into_iter().map(|e| (tail2(&e.url), e.meta.and_then(|m| m.record_count))).collect())
}

/// The parts of the inputs (`--openalex` values: snapshot folders, folders of parts, or part files), in
/// name order. A folder with `data/works` is read from there. Manifests found in the folders give each
/// part's record count; a part a manifest lists that is not there, or a part no manifest lists when a
/// manifest exists, is a warning.
pub fn discover(inputs: &[PathBuf]) -> Result<Snapshot, WarehouseError> {
    let mut out = Snapshot::default();
    let mut by_name: BTreeMap<String, InputPart> = BTreeMap::new();
    for input in inputs {
        if input.is_file() {
            let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            by_name.insert(name.clone(), InputPart { path: input.clone(), name, manifest_records: None });
            continue;
        }
        if !input.is_dir() {
            return Err(WarehouseError::Usage(format!(
                "--openalex: {} is not a file or folder",
                input.display()
            )));
        }
        let root = if input.join("data").join("works").is_dir() {
            input.join("data").join("works")
        } else {
            input.clone()
        };
        let (mut parts, mut manifests) = (Vec::new(), Vec::new());
        walk(&root, &mut parts, &mut manifests)?;
        let mut listed: BTreeMap<String, Option<u64>> = BTreeMap::new();
        for m in &manifests {
            for (entry, count) in read_manifest(m)? {
                listed.insert(entry, count);
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for p in parts {
            let rel = slash_path(p.strip_prefix(&root).unwrap_or(&p));
            let key = tail2(&rel);
            let manifest_records = listed.get(&key).copied().flatten();
            if !manifests.is_empty() && !listed.contains_key(&key) {
                out.warnings.push(format!("{}: not listed in the manifest", p.display()));
            }
            seen.insert(key);
            by_name.insert(rel.clone(), InputPart { path: p, name: rel, manifest_records });
        }
        for entry in listed.keys() {
            if !seen.contains(entry) {
                out.warnings.push(format!(
                    "{}: the manifest lists {entry}, which is not in the folder (that part's works are missing)",
                    root.display()
                ));
            }
        }
    }
    out.parts = by_name.into_values().collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_the_parts_and_parse_strictly() {
        let s = Shard::parse("2/3").unwrap();
        let taken: Vec<usize> = (0..8).filter(|&i| s.takes(i)).collect();
        assert_eq!(taken, vec![1, 4, 7]);
        let all: Vec<usize> = (0..8).filter(|&i| (1..=3).any(|k| Shard { k, n: 3 }.takes(i))).collect();
        assert_eq!(all, (0..8).collect::<Vec<_>>());
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(Shard::parse(bad).unwrap_err().contains("K/N"), "{bad}");
        }
    }

    #[test]
    fn manifest_entries_match_files_by_their_last_two_segments() {
        assert_eq!(
            tail2("s3://openalex/data/works/updated_date=2024-01-01/part_000.gz"),
            "updated_date=2024-01-01/part_000.gz"
        );
        assert_eq!(tail2("part_000.gz"), "part_000.gz");
    }
}
