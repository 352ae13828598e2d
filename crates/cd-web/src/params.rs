//! Query parameters: the definitions in force and the models explorer's filters, parsed and validated.
//!
//! Every field of `Definitions` is a query parameter of the same name (`FIELD_DOCS` lists them). A choice
//! set from text on the command line (`large_scale_rule=threshold:1e23`, `team_source=derived`, ...) is
//! parsed by `Definitions::set_from_text`, exactly as the flags are; a number, a switch or a name is
//! parsed as that JSON value; a structured field (`periods`, `spec_curve`, `topic_scoring`) and any rule
//! may also be given as JSON. An empty value keeps the default. Then `Definitions::validate`, the one
//! validation, runs, and the server's own limits (`Limits`). Any failure is a [`ParamError`] naming the
//! parameter: the API answers it with 400 and `{"error": ..., "parameter": ...}`.
//!
//! The canonical query of a view ([`canonical_query`]) lists only what differs from the defaults, in
//! `FIELD_DOCS` order, so that equal views have equal links.

use cd_domain::definitions::{FrontierRule, LargeScaleRule, FIELD_DOCS};
use cd_domain::{Accessibility, Definitions, TeamKind};
use serde::Serialize;

/// A bad query parameter: which one, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamError {
    pub parameter: String,
    pub error: String,
}

impl ParamError {
    pub fn new(parameter: &str, error: impl Into<String>) -> ParamError {
        ParamError { parameter: parameter.to_string(), error: error.into() }
    }
}

/// Bounds the server puts on definitions so that one request cannot occupy it for minutes. They are
/// limits of the dashboard, not definitions: the command line has none.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest `bootstrap_resamples` (and `spec_curve.resamples`) a request may ask for.
    pub max_bootstrap: usize,
    /// Largest number of specifications of the specification curve, as a multiple of the default grid's.
    pub max_spec_factor: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bootstrap: 5000, max_spec_factor: 4 }
    }
}

/// Choices parsed by `Definitions::set_from_text`, with the values a form offers.
pub const TEXT_CHOICES: &[(&str, &[&str])] = &[
    ("notability_filter", &["study", "any_criterion", "none"]),
    ("academic_only", &["strict", "loose"]),
    ("team_source", &["label_then_derived", "epoch_label", "derived"]),
    ("gap_from", &["dl_era", "all_models"]),
    ("author_evidence", &["both", "string", "domain"]),
    ("venue_set", &["all", "complete_lists", "ml_core"]),
    ("unknown_author_policy", &["drop", "as_academic", "as_industry"]),
];

/// Rules given as flag text (`zscore:0.76`, `top-n:10`) or JSON.
pub const RULES: &[&str] = &["large_scale_rule", "frontier_rule", "open_closed_frontier_rule"];

/// Named choices of other fields, set as their JSON names.
pub const NAMED_CHOICES: &[(&str, &[&str])] = &[
    (
        "research_institute_sector",
        &["academia", "industry", "government", "non_profit", "research_collective"],
    ),
    ("hospital_sector", &["academia", "industry", "government", "non_profit", "research_collective"]),
    ("paper_statuses", &["accepted", "all"]),
];

/// The explorer's filters (all optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Filters {
    pub team: Option<TeamKind>,
    /// Case-insensitive substring of any organisation.
    pub org: Option<String>,
    /// Case-insensitive substring of any domain.
    pub domain: Option<String>,
    pub access: Option<Accessibility>,
    /// Case-insensitive substring of any country.
    pub country: Option<String>,
    /// First publication year (inclusive).
    pub from: Option<i32>,
    /// Last publication year (inclusive).
    pub to: Option<i32>,
    /// Least training compute, FLOP.
    pub min_flop: Option<f64>,
}

/// The explorer's filter parameters, in form order.
pub const FILTER_KEYS: &[&str] = &["team", "org", "domain", "access", "country", "from", "to", "min_flop"];

/// Parameters that are neither definitions nor filters.
pub const OTHER_KEYS: &[&str] = &["format"];

/// A request's parsed query.
#[derive(Debug, Clone)]
pub struct Query {
    pub defs: Definitions,
    pub filters: Filters,
    /// `format=json|csv` (downloads), when given.
    pub format: Option<Format>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

/// Longest text of one parameter value.
const MAX_VALUE_LEN: usize = 4096;

/// Parse a query string's pairs into definitions (over `base`, the server's definitions when a query sets
/// nothing) and filters. `vintages` are the stems the server loaded (the allowed values of `vintage`).
pub fn parse_query(
    pairs: &[(String, String)],
    base: &Definitions,
    vintages: &[String],
    limits: Limits,
) -> Result<Query, ParamError> {
    let mut defs = base.clone();
    let mut filters = Filters::default();
    let mut format = None;
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in pairs {
        let key = key.as_str();
        if seen.contains(&key) {
            return Err(ParamError::new(key, "given more than once"));
        }
        if value.len() > MAX_VALUE_LEN {
            return Err(ParamError::new(key, format!("longer than {MAX_VALUE_LEN} characters")));
        }
        let value = value.trim();
        if FIELD_DOCS.iter().any(|(k, _)| *k == key) {
            seen.push(FIELD_DOCS.iter().find(|(k, _)| *k == key).map(|(k, _)| *k).unwrap_or(""));
            if !value.is_empty() {
                set_definition(&mut defs, key, value, vintages)?;
            }
        } else if let Some(k) = FILTER_KEYS.iter().find(|k| **k == key) {
            seen.push(k);
            if !value.is_empty() {
                set_filter(&mut filters, key, value)?;
            }
        } else if key == "format" {
            seen.push("format");
            format = match value {
                "" => None,
                "json" => Some(Format::Json),
                "csv" => Some(Format::Csv),
                other => {
                    return Err(ParamError::new(
                        "format",
                        format!("unknown format {other:?}; allowed: json, csv"),
                    ))
                }
            };
        } else {
            return Err(ParamError::new(
                key,
                "unknown parameter; allowed: the fields of the definitions (see /api/definitions), the \
                 explorer filters (team, org, domain, access, country, from, to, min_flop) and format",
            ));
        }
    }
    if let Err(message) = defs.validate() {
        let first = message.split([':', ' ', '.', '[']).next().unwrap_or("");
        let parameter = if FIELD_DOCS.iter().any(|(k, _)| *k == first) { first } else { "definitions" };
        return Err(ParamError::new(parameter, message.clone()));
    }
    check_limits(&defs, limits)?;
    if let (Some(a), Some(b)) = (filters.from, filters.to) {
        if a > b {
            return Err(ParamError::new("to", format!("must not be before from ({a}), got {b}")));
        }
    }
    Ok(Query { defs, filters, format })
}

fn check_limits(defs: &Definitions, limits: Limits) -> Result<(), ParamError> {
    if defs.bootstrap_resamples > limits.max_bootstrap {
        return Err(ParamError::new(
            "bootstrap_resamples",
            format!(
                "the dashboard computes at most {} resamples, got {}",
                limits.max_bootstrap, defs.bootstrap_resamples
            ),
        ));
    }
    if defs.spec_curve.resamples > limits.max_bootstrap {
        return Err(ParamError::new(
            "spec_curve",
            format!(
                "resamples: the dashboard computes at most {}, got {}",
                limits.max_bootstrap, defs.spec_curve.resamples
            ),
        ));
    }
    let size = |d: &Definitions| {
        let g = d.spec_curve.with_definitions(d);
        [
            g.notability.len(),
            g.academic_only.len(),
            g.team_source.len(),
            g.large_scale.len(),
            g.open_closed_frontier.len(),
            g.gap_measure.len(),
            g.gap_from.len(),
        ]
        .iter()
        .map(|&n| n.max(1))
        .product::<usize>()
    };
    let default_size = size(&Definitions::default());
    if size(defs) > limits.max_spec_factor * default_size {
        return Err(ParamError::new(
            "spec_curve",
            format!(
                "the grid has {} combinations; the dashboard computes at most {} ({} times the default grid's)",
                size(defs),
                limits.max_spec_factor * default_size,
                limits.max_spec_factor
            ),
        ));
    }
    Ok(())
}

/// Set one definition from its text.
fn set_definition(
    defs: &mut Definitions,
    key: &str,
    text: &str,
    vintages: &[String],
) -> Result<(), ParamError> {
    let bad = |e: String| ParamError::new(key, e);
    if TEXT_CHOICES.iter().any(|(k, _)| *k == key) {
        return defs.set_from_text(key, text).map_err(bad);
    }
    if RULES.contains(&key) && !text.starts_with('{') {
        return match key {
            "large_scale_rule" => defs.set_from_text(key, text).map_err(bad),
            "frontier_rule" => defs.set_from_text(key, text).map_err(bad),
            _ => {
                defs.open_closed_frontier_rule =
                    FrontierRule::from_flag(text, &defs.open_closed_frontier_rule).map_err(bad)?;
                Ok(())
            }
        };
    }
    if key == "vintage" {
        if !vintages.iter().any(|v| v == text) {
            return Err(bad(format!("no loaded Epoch vintage {text:?}; allowed: {}", vintages.join(", "))));
        }
        defs.vintage = Some(text.to_string());
        return Ok(());
    }
    let mut value = serde_json::to_value(&*defs).map_err(|e| bad(e.to_string()))?;
    let current = value.get(key).cloned().unwrap_or(serde_json::Value::Null);
    let new = match current {
        serde_json::Value::Bool(_) => match text {
            "true" | "on" | "1" => serde_json::Value::Bool(true),
            "false" | "off" | "0" => serde_json::Value::Bool(false),
            other => return Err(bad(format!("{other:?} is not a switch; allowed: true, false"))),
        },
        serde_json::Value::Number(_) => {
            let n: serde_json::Number =
                serde_json::from_str(text).map_err(|_| bad(format!("{text:?} is not a number")))?;
            serde_json::Value::Number(n)
        }
        serde_json::Value::String(_) => serde_json::Value::String(text.to_string()),
        _ => serde_json::from_str(text).map_err(|e| bad(format!("not valid JSON: {e}")))?,
    };
    value[key] = new;
    *defs = serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
    Ok(())
}

fn set_filter(f: &mut Filters, key: &str, text: &str) -> Result<(), ParamError> {
    let year = |t: &str| -> Result<i32, ParamError> {
        t.parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
            .ok_or_else(|| ParamError::new(key, format!("{t:?} is not a year in 1900–2200")))
    };
    match key {
        "team" => {
            f.team = Some(TeamKind::parse(text).ok_or_else(|| {
                ParamError::new(
                    key,
                    format!("unknown team kind {text:?}; allowed: {}", team_keys().join(", ")),
                )
            })?)
        }
        "access" => {
            f.access =
                Some(Accessibility::ALL.iter().copied().find(|a| a.as_str() == text).ok_or_else(|| {
                    let allowed: Vec<&str> = Accessibility::ALL.iter().map(|a| a.as_str()).collect();
                    ParamError::new(
                        key,
                        format!("unknown accessibility {text:?}; allowed: {}", allowed.join(", ")),
                    )
                })?)
        }
        "org" => f.org = Some(text.to_string()),
        "domain" => f.domain = Some(text.to_string()),
        "country" => f.country = Some(text.to_string()),
        "from" => f.from = Some(year(text)?),
        "to" => f.to = Some(year(text)?),
        "min_flop" => {
            let v: f64 = text
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| ParamError::new(key, format!("{text:?} is not a number of FLOP ≥ 0")))?;
            f.min_flop = Some(v)
        }
        _ => unreachable!("filter keys are matched before"),
    }
    Ok(())
}

/// The team kinds as the parameter `team` spells them.
pub fn team_keys() -> Vec<&'static str> {
    TeamKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// A definition's value as the text of its query parameter (what a form shows and a link carries): the
/// flag form for choices and rules when it gives the value back, else the JSON value (strings unquoted).
pub fn field_text(defs: &Definitions, key: &str) -> String {
    let value = serde_json::to_value(defs).ok().and_then(|v| v.get(key).cloned()).unwrap_or_default();
    match key {
        "large_scale_rule" => {
            let r = defs.large_scale_rule;
            let flag = match r {
                LargeScaleRule::ZScore { threshold, .. } => format!("zscore:{threshold}"),
                LargeScaleRule::Threshold { min_flop } => format!("threshold:{min_flop:e}"),
            };
            if LargeScaleRule::from_flag(&flag, &Definitions::default().large_scale_rule) == Ok(r) {
                return flag;
            }
        }
        "frontier_rule" | "open_closed_frontier_rule" => {
            let r = if key == "frontier_rule" { defs.frontier_rule } else { defs.open_closed_frontier_rule };
            let flag = match r {
                FrontierRule::TopN { n } => format!("top-n:{n}"),
                FrontierRule::Percentile { percentile, .. } => format!("percentile:{percentile}"),
                FrontierRule::Residual { min_residual_oom } => format!("residual:{min_residual_oom}"),
            };
            let base = if key == "frontier_rule" {
                Definitions::default().frontier_rule
            } else {
                Definitions::default().open_closed_frontier_rule
            };
            if FrontierRule::from_flag(&flag, &base) == Ok(r) {
                return flag;
            }
        }
        _ => {}
    }
    match value {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        v => v.to_string(),
    }
}

/// The query pairs of a view: each definition that differs from `base`, in `FIELD_DOCS` order, then the
/// filters that are set. Parsing them over `base` gives the same definitions and filters back.
pub fn canonical_pairs(defs: &Definitions, base: &Definitions, filters: &Filters) -> Vec<(String, String)> {
    let (now, base) =
        (serde_json::to_value(defs).unwrap_or_default(), serde_json::to_value(base).unwrap_or_default());
    let mut out = Vec::new();
    for (key, _) in FIELD_DOCS {
        if now.get(key) != base.get(key) {
            out.push((key.to_string(), field_text(defs, key)));
        }
    }
    out.extend(filter_pairs(filters));
    out
}

/// The filters that are set, as query pairs.
pub fn filter_pairs(f: &Filters) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            out.push((k.to_string(), v));
        }
    };
    push("team", f.team.map(|t| t.as_str().to_string()));
    push("org", f.org.clone());
    push("domain", f.domain.clone());
    push("access", f.access.map(|a| a.as_str().to_string()));
    push("country", f.country.clone());
    push("from", f.from.map(|y| y.to_string()));
    push("to", f.to.map(|y| y.to_string()));
    push("min_flop", f.min_flop.map(|v| format!("{v:e}")));
    out
}

/// `a=b&c=d`, percent-encoded.
pub fn encode_query(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn parse(list: &[(&str, &str)]) -> Result<Query, ParamError> {
        let vintages = ["all_ml_systems_2025-08-07".to_string()];
        parse_query(&pairs(list), &Definitions::default(), &vintages, Limits::default())
    }

    #[test]
    fn flags_set_rules_and_choices() {
        let q = parse(&[("large_scale_rule", "threshold:1e23"), ("team_source", "derived")]).unwrap();
        assert_eq!(q.defs.large_scale_rule, LargeScaleRule::Threshold { min_flop: 1e23 });
        assert_eq!(q.defs.team_source, cd_domain::definitions::TeamSourceRule::Derived);
        let q = parse(&[("bootstrap_resamples", "200"), ("bootstrap_jitter", "false")]).unwrap();
        assert_eq!((q.defs.bootstrap_resamples, q.defs.bootstrap_jitter), (200, false));
        let q = parse(&[("research_institute_sector", "government"), ("dl_era_start", "2012.5")]).unwrap();
        assert_eq!(q.defs.research_institute_sector, cd_domain::Sector::Government);
        assert_eq!(q.defs.dl_era_start, 2012.5);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        let e = |list: &[(&str, &str)]| parse(list).unwrap_err().parameter;
        assert_eq!(e(&[("large_scale_rule", "big")]), "large_scale_rule");
        assert_eq!(e(&[("large_scale_rule", "threshold:-1")]), "large_scale_rule");
        assert_eq!(e(&[("bootstrap_resamples", "0")]), "bootstrap_resamples");
        assert_eq!(e(&[("bootstrap_resamples", "1.5")]), "bootstrap_resamples");
        assert_eq!(e(&[("bootstrap_resamples", "999999")]), "bootstrap_resamples");
        assert_eq!(e(&[("min_fit_points", "2")]), "min_fit_points");
        assert_eq!(e(&[("vintage", "../../etc/passwd")]), "vintage");
        assert_eq!(e(&[("periods", "[")]), "periods");
        assert_eq!(e(&[("nonsense", "1")]), "nonsense");
        assert_eq!(e(&[("team", "aliens")]), "team");
        assert_eq!(e(&[("from", "2020"), ("to", "2019")]), "to");
        assert_eq!(e(&[("seed", "1"), ("seed", "2")]), "seed");
        assert_eq!(e(&[("format", "xml")]), "format");
        assert_eq!(e(&[("bootstrap_jitter", "maybe")]), "bootstrap_jitter");
    }

    #[test]
    fn canonical_pairs_round_trip() {
        let q = parse(&[
            ("large_scale_rule", "threshold:1e22"),
            ("frontier_rule", "percentile:95"),
            (
                "periods",
                r#"[{"label":"a","start_year":2010,"end_year":2015},{"label":"b","start_year":2016}]"#,
            ),
            ("team", "academic_only"),
            ("min_flop", "1e20"),
        ])
        .unwrap();
        let canon = canonical_pairs(&q.defs, &Definitions::default(), &q.filters);
        let keys: Vec<&str> = canon.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["large_scale_rule", "frontier_rule", "periods", "team", "min_flop"]);
        let list: Vec<(&str, &str)> = canon.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let back = parse(&list).unwrap();
        assert_eq!(back.defs, q.defs);
        assert_eq!(back.filters, q.filters);
        let d = Definitions::default();
        assert!(canonical_pairs(&d, &d, &Filters::default()).is_empty());
    }
}
