//! Listings of `diff` (snapshot diff, issue 16): the counts, the headlines side by side with their
//! attribution, the changed models, and the JSON shape.

use super::{Listing, ReadCounts};
use cd_analysis::diff::{Attribution, DiffResult, HeadlineDiff};
use cd_domain::{Definitions, Rejection};
use serde::Serialize;
use std::collections::HashMap;

/// One vintage of a diff: the file, its hash and the read's accounting.
#[derive(Debug, Clone, Serialize)]
pub struct DiffInput {
    pub path: String,
    pub sha256: String,
    #[serde(flatten)]
    pub rows: ReadCounts,
    pub rejections: Vec<Rejection>,
    /// Classified models (the diff's population).
    pub models: usize,
}

/// The JSON of `diff --format json`.
#[derive(Serialize)]
pub struct DiffJson<'a> {
    pub old: DiffInput,
    pub new: DiffInput,
    pub definitions: &'a Definitions,
    /// Matches per confidence.
    pub matches: &'a std::collections::BTreeMap<&'static str, usize>,
    #[serde(flatten)]
    pub result: &'a DiffResult,
}

fn num(v: Option<f64>, digits: usize) -> String {
    super::trends::num(v, digits)
}

fn digits(unit: &str) -> usize {
    match unit {
        "share" => 3,
        "months" | "years" | "oom" => 2,
        _ => 3,
    }
}

fn ci(v: Option<[Option<f64>; 2]>, d: usize) -> String {
    match v {
        None | Some([None, None]) => "-".into(),
        Some([a, b]) => format!("[{}, {}]", num(a, d), b.map_or("∞".into(), |x| num(Some(x), d))),
    }
}

fn yes_no(v: Option<bool>) -> String {
    v.map_or("-".into(), |b| if b { "yes" } else { "no" }.into())
}

/// The counts: models, matches per confidence, added, removed, renamed, changed per field.
pub fn counts(r: &DiffResult) -> Listing {
    let c = &r.counts;
    let mut rows = vec![
        vec!["models, old".into(), c.old_models.to_string()],
        vec!["models, new".into(), c.new_models.to_string()],
        vec!["matched".into(), c.matched.to_string()],
    ];
    rows.extend(
        c.matched_by_confidence.iter().map(|(k, v)| vec![format!("matched, {k} confidence"), v.to_string()]),
    );
    rows.push(vec!["added".into(), c.added.to_string()]);
    rows.push(vec!["removed".into(), c.removed.to_string()]);
    rows.push(vec!["renamed (name as written differs)".into(), c.renamed.to_string()]);
    rows.push(vec!["changed (any field)".into(), c.changed.to_string()]);
    rows.extend(c.changed_by_field.iter().map(|(k, v)| vec![format!("changed: {k}"), v.to_string()]));
    Listing { header: vec!["count".into(), "models".into()], rows }
}

const HEADLINE_HEADER: [&str; 17] = [
    "headline",
    "unit",
    "old",
    "new",
    "difference",
    "old_ci95",
    "new_ci95",
    "intervals_overlap",
    "old_detail",
    "new_detail",
    "removed_alone",
    "changed_alone",
    "added_alone",
    "interaction",
    "seq_removed",
    "seq_changed",
    "seq_added",
];

/// Headlines side by side with their attribution; yearly rows only when `yearly`.
pub fn headlines(r: &DiffResult, yearly: bool) -> Listing {
    let attr: HashMap<&str, &Attribution> = r.attribution.iter().map(|a| (a.name.as_str(), a)).collect();
    let rows = r
        .headlines
        .iter()
        .filter(|h| yearly || !h.yearly)
        .map(|h: &HeadlineDiff| {
            let d = digits(h.unit);
            let a = attr.get(h.name.as_str());
            let av = |f: fn(&Attribution) -> Option<f64>| num(a.and_then(|a| f(a)), d);
            vec![
                h.name.clone(),
                h.unit.to_string(),
                num(h.old, d),
                num(h.new, d),
                num(h.difference, d),
                ci(h.old_ci95, d),
                ci(h.new_ci95, d),
                yes_no(h.intervals_overlap),
                h.old_detail.clone(),
                h.new_detail.clone(),
                av(|a| a.removed_alone),
                av(|a| a.changed_alone),
                av(|a| a.added_alone),
                av(|a| a.interaction),
                av(|a| a.sequential_removed),
                av(|a| a.sequential_changed),
                av(|a| a.sequential_added),
            ]
        })
        .collect();
    Listing { header: HEADLINE_HEADER.iter().map(|s| s.to_string()).collect(), rows }
}

/// The changed models, one row per changed field.
pub fn changes(r: &DiffResult) -> Listing {
    let mut rows = vec![];
    for m in &r.changed {
        for c in &m.changes {
            rows.push(vec![
                m.new_name.clone(),
                m.confidence.as_str().to_string(),
                c.field.as_str().to_string(),
                c.old.clone(),
                c.new.clone(),
                c.ratio.map_or(String::new(), |x| format!("{x:.4}")),
            ]);
        }
    }
    Listing {
        header: ["model", "confidence", "field", "old", "new", "ratio"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        rows,
    }
}

/// The note under the table format.
pub fn note(r: &DiffResult) -> String {
    let yearly = r.headlines.iter().filter(|h| h.yearly).count();
    format!(
        "Attribution: *_alone = the headline with only that group of changes applied to the old vintage, minus \
         the old value; seq_* = the groups applied in the order {}, summing exactly to the difference; \
         interaction = difference − the three *_alone. {yearly} yearly rows (shares, gap and openness per \
         year) and the per-model rows are in --format csv / json.",
        r.attribution_order.join(" → ")
    )
}
