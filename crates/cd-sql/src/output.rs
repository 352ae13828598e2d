//! A query's rows, and their text, JSON and Parquet forms.

use crate::{Result, SqlError};
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Float32Type, Float64Type, SchemaRef};
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::{Compression, ZstdLevel};
use datafusion::parquet::file::properties::WriterProperties;

/// The result of one query: its schema and record batches, in the order the plan produced them.
#[derive(Debug, Clone)]
pub struct QueryResult {
    pub schema: SchemaRef,
    pub batches: Vec<RecordBatch>,
}

impl QueryResult {
    pub fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> QueryResult {
        QueryResult { schema, batches }
    }

    pub fn row_count(&self) -> usize {
        self.batches.iter().map(|b| b.num_rows()).sum()
    }

    /// Column names.
    pub fn header(&self) -> Vec<String> {
        self.schema.fields().iter().map(|f| f.name().clone()).collect()
    }

    /// Column types as Arrow writes them (`Int64`, `Utf8`, `Float64` ...).
    pub fn types(&self) -> Vec<String> {
        self.schema.fields().iter().map(|f| f.data_type().to_string()).collect()
    }

    /// Every cell as text (Arrow's display form; a null is empty), row by row.
    pub fn text_rows(&self) -> Result<Vec<Vec<String>>> {
        let options = FormatOptions::default().with_null("");
        let mut rows = Vec::with_capacity(self.row_count());
        for batch in &self.batches {
            let formatters = batch
                .columns()
                .iter()
                .map(|c| ArrayFormatter::try_new(c.as_ref(), &options))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| SqlError::Execution(format!("formatting the result: {e}")))?;
            for i in 0..batch.num_rows() {
                rows.push(formatters.iter().map(|f| f.value(i).to_string()).collect());
            }
        }
        Ok(rows)
    }

    /// Every row as a JSON object: integers and floats as numbers (a non-finite float as null), booleans,
    /// nulls; any other type as its text.
    pub fn json_rows(&self) -> Result<Vec<serde_json::Map<String, serde_json::Value>>> {
        use serde_json::Value;
        let header = self.header();
        let text = self.text_rows()?;
        let mut rows = Vec::with_capacity(text.len());
        let mut offset = 0;
        for batch in &self.batches {
            for i in 0..batch.num_rows() {
                let mut obj = serde_json::Map::new();
                for (c, col) in batch.columns().iter().enumerate() {
                    let value = if col.is_null(i) {
                        Value::Null
                    } else {
                        match col.data_type() {
                            DataType::Boolean => Value::Bool(col.as_boolean().value(i)),
                            DataType::Float64 => number(col.as_primitive::<Float64Type>().value(i)),
                            DataType::Float32 => {
                                number(f64::from(col.as_primitive::<Float32Type>().value(i)))
                            }
                            t if t.is_integer() => {
                                let s = &text[offset + i][c];
                                s.parse::<i64>()
                                    .map(Value::from)
                                    .or_else(|_| s.parse::<u64>().map(Value::from))
                                    .unwrap_or_else(|_| Value::String(s.clone()))
                            }
                            _ => Value::String(text[offset + i][c].clone()),
                        }
                    };
                    obj.insert(header[c].clone(), value);
                }
                rows.push(obj);
            }
            offset += batch.num_rows();
        }
        Ok(rows)
    }

    /// The rows as the `sql --format json` document: the warehouse, the cluster and the query, the
    /// columns with their types, the row count and the rows.
    pub fn json_document(
        &self,
        warehouse: &std::path::Path,
        cluster: Option<&str>,
        sql: &str,
    ) -> Result<serde_json::Value> {
        let columns: Vec<serde_json::Value> = (self.header().into_iter().zip(self.types()))
            .map(|(name, ty)| serde_json::json!({ "name": name, "type": ty }))
            .collect();
        Ok(serde_json::json!({
            "warehouse": warehouse.display().to_string(),
            "cluster": cluster,
            "sql": sql,
            "columns": columns,
            "row_count": self.row_count(),
            "rows": self.json_rows()?,
        }))
    }

    /// Write the rows as one Parquet file (zstd) to `out`.
    pub fn write_parquet<W: std::io::Write + Send>(&self, out: W) -> Result<()> {
        let props =
            WriterProperties::builder().set_compression(Compression::ZSTD(ZstdLevel::default())).build();
        let mut writer = ArrowWriter::try_new(out, self.schema.clone(), Some(props))
            .map_err(|e| SqlError::Execution(format!("writing Parquet: {e}")))?;
        for batch in &self.batches {
            writer.write(batch).map_err(|e| SqlError::Execution(format!("writing Parquet: {e}")))?;
        }
        writer.close().map_err(|e| SqlError::Execution(format!("writing Parquet: {e}")))?;
        Ok(())
    }
}

fn number(x: f64) -> serde_json::Value {
    serde_json::Number::from_f64(x).map_or(serde_json::Value::Null, serde_json::Value::Number)
}
