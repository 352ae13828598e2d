//! The methods section's list of definitions: every field of `Definitions` with its value (flattened to
//! readable text) and its documentation.
//!
//! The documentation comes from `cd_domain::definitions::FIELD_DOCS`, a table beside the struct whose test
//! checks that every field has an entry, so a new definition appears in every report with its text.
//! Nothing here changes a definition.

use cd_domain::definitions::FIELD_DOCS;
use cd_domain::Definitions;
use serde::Serialize;

/// One row of the definitions table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefinitionRow {
    /// The TOML key (`large_scale_rule`).
    pub key: String,
    /// The value as text (`z_score: threshold = 0.76, window_years = 1`).
    pub value: String,
    /// The documentation of the field.
    pub doc: String,
}

/// A JSON value as compact readable text.
fn value_text(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "none".to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join("; "),
        Value::Object(m) => {
            // A period {label, start_year, end_year} or a tagged rule {kind, ...}.
            if let (Some(l), Some(s)) = (m.get("label"), m.get("start_year")) {
                let end = m.get("end_year").filter(|e| !e.is_null()).map(value_text).unwrap_or_default();
                return format!("{} = {}–{}", value_text(l), value_text(s), end);
            }
            let mut parts: Vec<String> = m
                .iter()
                .filter(|(k, _)| k.as_str() != "kind")
                .map(|(k, v)| format!("{k} = {}", value_text(v)))
                .collect();
            parts.sort();
            match m.get("kind") {
                Some(k) if parts.is_empty() => value_text(k),
                Some(k) => format!("{}: {}", value_text(k), parts.join(", ")),
                None => parts.join(", "),
            }
        }
    }
}

/// Every definition with its value and documentation, in declaration order.
pub fn definition_rows(defs: &Definitions) -> Vec<DefinitionRow> {
    let value = serde_json::to_value(defs).unwrap_or(serde_json::Value::Null);
    let mut rows: Vec<DefinitionRow> = FIELD_DOCS
        .iter()
        .filter_map(|(k, doc)| {
            value.get(k).map(|v| DefinitionRow {
                key: k.to_string(),
                value: value_text(v),
                doc: doc.to_string(),
            })
        })
        .collect();
    // Keys serialised but missing from the table (its test forbids this): still listed, undocumented.
    if let serde_json::Value::Object(m) = &value {
        for (k, v) in m {
            if !rows.iter().any(|r| &r.key == k) {
                rows.push(DefinitionRow { key: k.clone(), value: value_text(v), doc: String::new() });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_definition_listed_with_a_doc() {
        let d = Definitions::default();
        let rows = definition_rows(&d);
        let keys = serde_json::to_value(&d).unwrap().as_object().unwrap().len();
        assert_eq!(rows.len(), keys);
        for r in &rows {
            assert!(!r.doc.is_empty(), "definition {} has no documentation", r.key);
        }
        let get = |k: &str| rows.iter().find(|r| r.key == k).unwrap();
        assert_eq!(get("seed").value, "20240105");
        assert_eq!(get("large_scale_rule").value, "z_score: threshold = 0.76, window_years = 1.0");
        assert_eq!(get("frontier_rule").value, "top_n: n = 10");
        assert_eq!(
            get("periods").value,
            "2010-13 = 2010–2013; 2014-17 = 2014–2017; 2018-21 = 2018–2021; 2022+ = 2022–"
        );
        assert_eq!(get("vintage").value, "none");
        assert!(get("notability_filter").doc.starts_with("Which Epoch models count as notable"));
        assert_eq!(rows[0].key, "seed");
    }
}
