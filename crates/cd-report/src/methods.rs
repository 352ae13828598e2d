//! The methods section's list of definitions: every field of `Definitions` with its value (flattened to
//! readable text) and its documentation.
//!
//! The documentation is the doc comment written on the field (or, for a field without one, on its type)
//! in `cd-domain/src/definitions.rs`, read at compile time, so the report cannot drift from the code and a
//! new definition appears in every report without an edit here. Nothing here changes a definition.

use cd_domain::Definitions;
use serde::Serialize;

const DEFINITIONS_SOURCE: &str = include_str!("../../cd-domain/src/definitions.rs");

/// One row of the definitions table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefinitionRow {
    /// The TOML key (`large_scale_rule`).
    pub key: String,
    /// The value as text (`z_score: threshold = 0.76, window_years = 1`).
    pub value: String,
    /// The doc comment of the field or of its type.
    pub doc: String,
}

/// Doc comment lines directly above the line at `idx`, joined.
fn doc_above(lines: &[&str], idx: usize) -> String {
    let mut docs = Vec::new();
    let mut i = idx;
    while i > 0 {
        i -= 1;
        let l = lines[i].trim();
        if let Some(d) = l.strip_prefix("///") {
            docs.push(d.trim().to_string());
        } else if l.starts_with("#[") {
            continue;
        } else {
            break;
        }
    }
    docs.reverse();
    docs.join(" ")
}

/// (field name, type, doc) of every field of `pub struct Definitions`, from the source text.
fn field_docs(src: &str) -> Vec<(String, String, String)> {
    let lines: Vec<&str> = src.lines().collect();
    let Some(start) = lines.iter().position(|l| l.trim_start().starts_with("pub struct Definitions")) else {
        return vec![];
    };
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let t = line.trim();
        if t == "}" {
            break;
        }
        let Some(rest) = t.strip_prefix("pub ") else { continue };
        let Some((name, ty)) = rest.split_once(':') else { continue };
        let ty = ty.trim().trim_end_matches(',').to_string();
        let mut doc = doc_above(&lines, i);
        if doc.is_empty() {
            let base = ty.trim_start_matches("Option<").trim_start_matches("Vec<").trim_end_matches('>');
            if let Some(j) = lines.iter().position(|l| {
                let l = l.trim();
                l == format!("pub enum {base} {{") || l == format!("pub struct {base} {{")
            }) {
                doc = doc_above(&lines, j);
            }
        }
        out.push((name.trim().to_string(), ty, doc));
    }
    out
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
    let docs = field_docs(DEFINITIONS_SOURCE);
    let mut rows: Vec<DefinitionRow> = docs
        .iter()
        .filter_map(|(k, _, doc)| {
            value.get(k).map(|v| DefinitionRow { key: k.clone(), value: value_text(v), doc: doc.clone() })
        })
        .collect();
    // Keys serialised but not found in the source text (renamed fields): still listed, undocumented.
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
