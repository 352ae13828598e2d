//! Readers for the institution registries the classifier is built from: GRID (release 2016-01-25:
//! `grid.csv`, `types.csv`, `aliases.csv`, `acronyms.csv`, `relationships.csv`) and the world
//! universities list (`world_universities_and_domains.json`).
//!
//! These readers only turn files into `cd_domain::registry` records with a `ReadReport`; they do not
//! decide sectors (that is `cd-classify`'s business). The report counts the institutions of `grid.csv`
//! (or the entries of the JSON list); problems in the side tables (an alias naming an id that `grid.csv`
//! lacks, a type GRID does not define) are loaded-but-noteworthy facts and go into the report's notes.

use cd_domain::registry::{GridInstitution, GridType, University};
use cd_domain::ReadReport;
use std::collections::{BTreeMap, HashMap};
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
    let mut rdr =
        csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| csv_error("cannot open", e))?;
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
        std::fs::read(path).map_err(|source| RegistryError::Io { path: path.to_path_buf(), source })?;
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
}
