//! Tables of the report: one value written three ways — `tables/<name>.csv`, `tables/<name>.json` and an
//! HTML table in `report.html`.
//!
//! The JSON is whatever serialisation the producer chose (for the trends and shares tables, the analysis
//! result structs themselves, so that they match `trends --format json` and `shares --format json`); the
//! CSV and HTML share one list of already-formatted cells. Nothing here computes a number.

use serde::Serialize;

/// A named table. `name` is the stable file stem under `tables/`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub name: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Content of `tables/<name>.json`.
    #[serde(skip)]
    pub json: serde_json::Value,
    /// Show at most this many rows in the HTML page (the files always hold every row); `None` = all.
    #[serde(skip)]
    pub html_row_limit: Option<usize>,
    /// Show this table in the HTML page at all (some tables are only files, e.g. the data behind a
    /// figure).
    #[serde(skip)]
    pub in_html: bool,
    /// Show only the first this many columns in the HTML page (long lists stay in the files).
    #[serde(skip)]
    pub html_columns: Option<usize>,
}

impl Table {
    pub fn new(name: &str, title: impl Into<String>, columns: &[&str]) -> Table {
        Table {
            name: name.to_string(),
            title: title.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: vec![],
            json: serde_json::Value::Null,
            html_row_limit: None,
            in_html: true,
            html_columns: None,
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len(), "table {}: row width", self.name);
        self.rows.push(row);
    }

    /// The JSON content; when none was set, the rows as an array of objects keyed by column name.
    pub fn json_value(&self) -> serde_json::Value {
        if !self.json.is_null() {
            return self.json.clone();
        }
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                let m: serde_json::Map<String, serde_json::Value> = self
                    .columns
                    .iter()
                    .zip(r)
                    .map(|(c, v)| (c.clone(), serde_json::Value::String(v.clone())))
                    .collect();
                serde_json::Value::Object(m)
            })
            .collect();
        serde_json::json!({ "columns": self.columns, "rows": rows })
    }

    pub fn to_csv(&self) -> crate::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        crate::listing::write_safe_record(&mut w, &self.columns)?;
        for r in &self.rows {
            crate::listing::write_safe_record(&mut w, r)?;
        }
        w.into_inner().map_err(|e| crate::ReportError::Csv(e.to_string()))
    }

    /// The rows the HTML page shows (row limit and column limit applied).
    pub fn html_rows(&self) -> Vec<Vec<String>> {
        let rows = match self.html_row_limit {
            Some(n) if n < self.rows.len() => &self.rows[..n],
            _ => &self.rows[..],
        };
        let k = self.html_columns.unwrap_or(self.columns.len());
        rows.iter().map(|r| r.iter().take(k).cloned().collect()).collect()
    }

    /// The column names the HTML page shows.
    pub fn html_column_names(&self) -> Vec<String> {
        self.columns.iter().take(self.html_columns.unwrap_or(self.columns.len())).cloned().collect()
    }
}

/// Fixed-precision number formatting shared by every table, so that files are stable byte for byte.
pub fn fmt_num(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Optional value: empty when absent.
pub fn fmt_opt(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| fmt_num(v, decimals)).unwrap_or_default()
}

/// A share as a percentage with `decimals` places, e.g. `64.3%`.
pub fn fmt_pct(v: f64, decimals: usize) -> String {
    if v.is_finite() {
        format!("{}%", fmt_num(v * 100.0, decimals))
    } else {
        String::new()
    }
}

/// An interval `[lo, hi]` as text, e.g. `[4.9, 6.8]`.
pub fn fmt_interval(lo: f64, hi: f64, decimals: usize) -> String {
    if lo.is_finite() && hi.is_finite() {
        format!("[{}, {}]", fmt_num(lo, decimals), fmt_num(hi, decimals))
    } else {
        String::new()
    }
}

/// A FLOP count in scientific notation with 2 significant digits (`3.1e23`).
pub fn fmt_flop(v: f64) -> String {
    if v.is_finite() && v > 0.0 {
        format!("{v:.1e}")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_json_of_rows() {
        let mut t = Table::new("x", "X", &["team", "share"]);
        t.push(vec!["academic_only".into(), "0.5".into()]);
        t.push(vec!["a,b".into(), "".into()]);
        assert_eq!(
            String::from_utf8(t.to_csv().unwrap()).unwrap(),
            "team,share\nacademic_only,0.5\n\"a,b\",\n"
        );
        assert_eq!(t.json_value()["rows"][0]["team"], "academic_only");
        assert_eq!(fmt_num(-0.0001, 2), "0.00");
        assert_eq!(fmt_pct(0.6432, 1), "64.3%");
        assert_eq!(fmt_interval(4.91, 6.849, 1), "[4.9, 6.8]");
        assert_eq!(fmt_flop(3.14e23), "3.1e23");
    }
}
