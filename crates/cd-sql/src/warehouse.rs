//! The warehouse's tables: which there are, where their Parquet files live, and their hive partition
//! columns. Every table is registered as a Parquet listing table of its own folder; the SQL can reach
//! nothing else.
//!
//! Layout (`docs/warehouse.md`): `DIR/<table>/part-NNNNN.parquet` or, partitioned,
//! `DIR/<table>/<key>=<value>/part-NNNNN.parquet`; `DIR/warehouse.json` lists the tables
//! (`{"tables": [{"name": ...}, ...]}`). Without `warehouse.json`, every folder of `DIR` that holds Parquet
//! files is a table.

use crate::{Result, SqlError};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::datasource::empty::EmptyTable;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::ListingOptions;
use datafusion::prelude::SessionContext;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One table of the warehouse.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The SQL name (lower case letters, digits, `_`).
    pub name: String,
    /// Its folder (absolute).
    pub dir: PathBuf,
    /// Hive partition columns (`year=2020/` → `year`), outermost first, with their type: `Int32` when
    /// every value is an integer, else `Utf8`.
    pub partitions: Vec<(String, DataType)>,
    /// A table without rows has no folder (docs/warehouse.md): its schema from `warehouse.json`, and it is
    /// registered as an empty table.
    pub empty_schema: Option<SchemaRef>,
}

/// An opened warehouse.
#[derive(Debug, Clone, PartialEq)]
pub struct Warehouse {
    /// The warehouse folder (absolute, symbolic links resolved).
    pub root: PathBuf,
    /// Sorted by name.
    pub tables: Vec<Table>,
}

fn err(path: &Path, message: impl Into<String>) -> SqlError {
    SqlError::Warehouse { path: path.display().to_string(), message: message.into() }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Warehouse {
    /// Open the warehouse in `dir`: its tables from `warehouse.json`, else from its folders.
    pub fn open(dir: &Path) -> Result<Warehouse> {
        let root = dir.canonicalize().map_err(|e| err(dir, format!("cannot open the folder: {e}")))?;
        if !root.is_dir() {
            return Err(err(dir, "not a folder"));
        }
        let manifest = root.join("warehouse.json");
        let mut names = if manifest.exists() {
            names_from_manifest(&manifest)?
        } else {
            names_from_folders(&root)?.into_iter().map(|n| (n, None)).collect()
        };
        names.sort_by(|a, b| a.0.cmp(&b.0));
        names.dedup_by(|a, b| a.0 == b.0);
        if names.is_empty() {
            return Err(err(&root, "no tables (no warehouse.json and no folder with Parquet files)"));
        }
        let mut tables = Vec::with_capacity(names.len());
        for (name, schema) in names {
            if !valid_name(&name) {
                return Err(err(
                    &root,
                    format!("table name `{name}`: expected lower case letters, digits and _"),
                ));
            }
            let table_dir = root.join(&name);
            if !table_dir.is_dir() {
                // A table without rows has no file (docs/warehouse.md); warehouse.json gives its columns.
                match (schema, std::fs::symlink_metadata(&table_dir)) {
                    (Some(schema), Err(_)) => {
                        let empty_schema = Some(schema);
                        tables.push(Table { name, dir: table_dir, partitions: Vec::new(), empty_schema });
                        continue;
                    }
                    _ => {
                        let msg = format!("table `{name}` is listed but its folder is missing");
                        return Err(err(&table_dir, msg));
                    }
                }
            }
            let partitions = partition_columns(&table_dir)?;
            tables.push(Table { name, dir: table_dir, partitions, empty_schema: None });
        }
        Ok(Warehouse { root, tables })
    }

    pub fn table_names(&self) -> Vec<String> {
        self.tables.iter().map(|t| t.name.clone()).collect()
    }

    /// Register every table on `ctx` as a Parquet listing table of its folder.
    pub async fn register(&self, ctx: &SessionContext) -> Result<()> {
        for t in &self.tables {
            if let Some(schema) = &t.empty_schema {
                ctx.register_table(t.name.as_str(), Arc::new(EmptyTable::new(schema.clone())))
                    .map_err(|e| err(&t.dir, format!("table `{}`: {}", t.name, crate::one_line(&e))))?;
                continue;
            }
            let options = ListingOptions::new(Arc::new(ParquetFormat::default()))
                .with_file_extension(".parquet")
                .with_table_partition_cols(t.partitions.clone());
            // A folder URL ends with `/`: the listing reads every Parquet file below it.
            let url = format!("file://{}/", t.dir.display());
            ctx.register_listing_table(t.name.as_str(), &url, options, None, None)
                .await
                .map_err(|e| err(&t.dir, format!("table `{}`: {}", t.name, crate::one_line(&e))))?;
        }
        Ok(())
    }
}

/// Table names from `warehouse.json`: `{"tables": [{"name": "papers", "columns": [{"name": ..., "type":
/// "Utf8", "nullable": true}, ...], ...}, ...]}`, with the schema the columns give (for a table without
/// files) when every column's type is one of `Utf8`, `Int32`, `Int64`, `Float64`, `Boolean`.
fn names_from_manifest(path: &Path) -> Result<Vec<(String, Option<SchemaRef>)>> {
    let text = std::fs::read_to_string(path).map_err(|e| err(path, format!("cannot read: {e}")))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| err(path, format!("not valid JSON: {e}")))?;
    let tables =
        value.get("tables").and_then(|t| t.as_array()).ok_or_else(|| err(path, "no `tables` array"))?;
    tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let name = t
                .get("name")
                .and_then(|n| n.as_str())
                .map(str::to_string)
                .ok_or_else(|| err(path, format!("tables[{i}] has no string `name`")))?;
            Ok((name, t.get("columns").and_then(schema_of)))
        })
        .collect()
}

fn schema_of(columns: &serde_json::Value) -> Option<SchemaRef> {
    let fields = columns
        .as_array()?
        .iter()
        .map(|c| {
            let ty = match c.get("type")?.as_str()? {
                "Utf8" => DataType::Utf8,
                "Int32" => DataType::Int32,
                "Int64" => DataType::Int64,
                "Float64" => DataType::Float64,
                "Boolean" => DataType::Boolean,
                _ => return None,
            };
            let nullable = c.get("nullable").and_then(|n| n.as_bool()).unwrap_or(true);
            Some(Field::new(c.get("name")?.as_str()?, ty, nullable))
        })
        .collect::<Option<Vec<Field>>>()?;
    Some(Arc::new(Schema::new(fields)))
}

/// Every sub-folder that holds a Parquet file (at any depth).
fn names_from_folders(root: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root).map_err(|e| err(root, format!("cannot list: {e}")))? {
        let entry = entry.map_err(|e| err(root, format!("cannot list: {e}")))?;
        let path = entry.path();
        if path.is_dir() && holds_parquet(&path)? {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    Ok(names)
}

fn holds_parquet(dir: &Path) -> Result<bool> {
    for entry in std::fs::read_dir(dir).map_err(|e| err(dir, format!("cannot list: {e}")))? {
        let path = entry.map_err(|e| err(dir, format!("cannot list: {e}")))?.path();
        if path.is_dir() {
            if holds_parquet(&path)? {
                return Ok(true);
            }
        } else if path.extension().is_some_and(|e| e == "parquet") {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The hive partition columns below `dir`: each level of `key=value` folders is one column; the values of
/// a level are gathered over all its folders to choose the type.
fn partition_columns(dir: &Path) -> Result<Vec<(String, DataType)>> {
    let mut columns = Vec::new();
    let mut level = vec![dir.to_path_buf()];
    loop {
        let mut key: Option<String> = None;
        let mut values = Vec::new();
        let mut next = Vec::new();
        for d in &level {
            for entry in std::fs::read_dir(d).map_err(|e| err(d, format!("cannot list: {e}")))? {
                let path = entry.map_err(|e| err(d, format!("cannot list: {e}")))?.path();
                if !path.is_dir() {
                    continue;
                }
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let Some((k, v)) = name.split_once('=') else {
                    return Err(err(&path, "a folder inside a table must be a partition, `key=value`"));
                };
                match &key {
                    None => key = Some(k.to_string()),
                    Some(prev) if prev != k => {
                        return Err(err(
                            &path,
                            format!("partition folders `{prev}=` and `{k}=` at one level"),
                        ))
                    }
                    _ => {}
                }
                values.push(v.to_string());
                next.push(path);
            }
        }
        let Some(key) = key else { break };
        let ty =
            if values.iter().all(|v| v.parse::<i32>().is_ok()) { DataType::Int32 } else { DataType::Utf8 };
        columns.push((key, ty));
        level = next;
    }
    Ok(columns)
}
