//! Snapshot diff (issue 16): what changed between two vintages of Epoch's model table, and whether it
//! changes the answer.
//!
//! Three parts, each a pure function of two classified tables and `&Definitions` (the rule is specified in
//! `docs/diff.md`, which `tools/diff_counts.py` re-implements independently):
//! - **Matching** ([`match_models`]): a model of the old vintage and one of the new are the same model when
//!   their normalised names are equal (confidence `high` when the name is unique in both vintages, `low`
//!   when it is duplicated and copies are paired in date order), else when they are a rename: dates at
//!   most `Definitions::diff_rename_max_days` apart, a shared organisation and similar names
//!   (`Definitions::diff_rename_min_similarity`; confidence `medium`). The rest is removed or added.
//! - **Changes** ([`model_changes`]): per matched model, which fields differ.
//! - **Headlines** ([`headline_values`]) on both vintages, and their **attribution** ([`attribute`]) to
//!   removed models, changed values and added models.

use crate::headlines::report_headlines;
use crate::population::team_kind;
use crate::shares::{Counting, ShareGroup};
use cd_domain::{ClassifiedModel, Definitions, PubDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

// ------------------------------------------------------------------------------------------------
// Matching

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Equal normalised names, each unique in its vintage.
    High,
    /// A rename: different normalised names, close dates, a shared organisation, similar names.
    Medium,
    /// Equal normalised names duplicated in a vintage, copies paired in order of date and row.
    Low,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::High, Confidence::Medium, Confidence::Low];
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

/// One model of the old vintage matched to one of the new (indices into the two slices).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Match {
    pub old: usize,
    pub new: usize,
    pub confidence: Confidence,
    /// Similarity of the normalised names (1 for equal names).
    pub similarity: f64,
}

/// The matching of two vintages: every model of each is in exactly one match, or removed (old) / added
/// (new). Matches are ordered by the old index; `removed` and `added` ascend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matching {
    pub matches: Vec<Match>,
    pub removed: Vec<usize>,
    pub added: Vec<usize>,
}

/// A name for matching: ASCII letters and digits only, lower-cased (`GPT-4 (Mar 2023)` → `gpt4mar2023`).
/// Everything else (spaces, punctuation, non-ASCII letters) is dropped.
pub fn normalise_name(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// Similarity of two normalised names: 1 when equal or when one contains the other and the shorter has at
/// least 3 characters; else the Dice coefficient of their character bigrams (as multisets); 0 when either
/// has no bigram.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 3 && long.contains(short) {
        return 1.0;
    }
    let bigrams = |s: &str| {
        let b = s.as_bytes();
        let mut m: HashMap<[u8; 2], usize> = HashMap::new();
        for w in b.windows(2) {
            *m.entry([w[0], w[1]]).or_default() += 1;
        }
        (m, b.len().saturating_sub(1))
    };
    let ((ma, na), (mb, nb)) = (bigrams(a), bigrams(b));
    if na == 0 || nb == 0 {
        return 0.0;
    }
    let common: usize = ma.iter().map(|(k, c)| (*c).min(mb.get(k).copied().unwrap_or(0))).sum();
    2.0 * common as f64 / (na + nb) as f64
}

/// The maximal runs of digits of a normalised name (`llama234b` → `{2, 34}`).
pub fn digit_runs(key: &str) -> BTreeSet<&str> {
    key.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).collect()
}

/// Do the numbers of two normalised names conflict: does each have a digit run the other lacks
/// (`llama234b` / `llama27b`: sizes or versions that differ)? A name without numbers conflicts with none.
pub fn numbers_conflict(a: &str, b: &str) -> bool {
    let (da, db) = (digit_runs(a), digit_runs(b));
    !da.is_subset(&db) && !db.is_subset(&da)
}

/// Days since 1970-01-01 of a date's year, month and day (a year-only date is 1 January, a month-only date
/// the 1st).
fn day_number(d: &PubDate) -> i64 {
    // Howard Hinnant's days_from_civil.
    let (y, m, dd) = (d.year as i64, d.month as i64, d.day as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Days between two publication dates (`None` when either is absent).
pub fn days_apart(a: Option<PubDate>, b: Option<PubDate>) -> Option<i64> {
    Some((day_number(&a?) - day_number(&b?)).abs())
}

/// The set of a model's normalised organisation names (empty names dropped).
pub fn organisation_keys(m: &ClassifiedModel) -> BTreeSet<String> {
    m.model.organizations.iter().map(|o| normalise_name(o)).filter(|k| !k.is_empty()).collect()
}

/// Indices of the models of each non-empty normalised name.
fn group(keys: &[String]) -> BTreeMap<&str, Vec<usize>> {
    let mut g: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        if !k.is_empty() {
            g.entry(k.as_str()).or_default().push(i);
        }
    }
    g
}

/// Match the models of two vintages (the rule of `docs/diff.md`).
pub fn match_models(old: &[ClassifiedModel], new: &[ClassifiedModel], defs: &Definitions) -> Matching {
    let old_keys: Vec<String> = old.iter().map(|m| normalise_name(&m.model.name)).collect();
    let new_keys: Vec<String> = new.iter().map(|m| normalise_name(&m.model.name)).collect();
    let (old_groups, new_groups) = (group(&old_keys), group(&new_keys));
    let mut old_done = vec![false; old.len()];
    let mut new_done = vec![false; new.len()];
    let mut matches = Vec::new();
    // Stage 1: equal normalised names. Copies of a duplicated name are paired in order of publication
    // date (undated last), then row.
    let by_date = |models: &[ClassifiedModel], idx: &[usize]| {
        let mut v = idx.to_vec();
        v.sort_by_key(|&i| (models[i].model.publication_date.map(|d| day_number(&d)).unwrap_or(i64::MAX), i));
        v
    };
    for (key, o_idx) in &old_groups {
        let Some(n_idx) = new_groups.get(key) else { continue };
        let confidence =
            if o_idx.len() == 1 && n_idx.len() == 1 { Confidence::High } else { Confidence::Low };
        for (o, n) in by_date(old, o_idx).into_iter().zip(by_date(new, n_idx)) {
            old_done[o] = true;
            new_done[n] = true;
            matches.push(Match { old: o, new: n, confidence, similarity: 1.0 });
        }
    }
    // Stage 2: renames among the models left.
    let old_left: Vec<usize> = (0..old.len()).filter(|&i| !old_done[i] && !old_keys[i].is_empty()).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|&i| !new_done[i] && !new_keys[i].is_empty()).collect();
    let new_orgs: HashMap<usize, BTreeSet<String>> =
        new_left.iter().map(|&j| (j, organisation_keys(&new[j]))).collect();
    let mut candidates: Vec<(f64, i64, usize, usize)> = Vec::new();
    for &i in &old_left {
        let orgs = organisation_keys(&old[i]);
        if orgs.is_empty() {
            continue;
        }
        for &j in &new_left {
            let Some(days) = days_apart(old[i].model.publication_date, new[j].model.publication_date) else {
                continue;
            };
            if days > i64::from(defs.diff_rename_max_days)
                || orgs.is_disjoint(&new_orgs[&j])
                || numbers_conflict(&old_keys[i], &new_keys[j])
            {
                continue;
            }
            let s = name_similarity(&old_keys[i], &new_keys[j]);
            if s >= defs.diff_rename_min_similarity {
                candidates.push((s, days, i, j));
            }
        }
    }
    candidates
        .sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    for (s, _, i, j) in candidates {
        if !old_done[i] && !new_done[j] {
            old_done[i] = true;
            new_done[j] = true;
            matches.push(Match { old: i, new: j, confidence: Confidence::Medium, similarity: s });
        }
    }
    matches.sort_by_key(|m| m.old);
    Matching {
        matches,
        removed: (0..old.len()).filter(|&i| !old_done[i]).collect(),
        added: (0..new.len()).filter(|&i| !new_done[i]).collect(),
    }
}

// ------------------------------------------------------------------------------------------------
// Changes of matched models

/// A field compared between the two versions of a matched model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The name as written (trimmed); a match by normalised name can still differ in spelling.
    Name,
    PublicationDate,
    /// Training compute: present in one version only, or relative difference above 1e-9.
    TrainingCompute,
    /// The set of normalised organisation names.
    Organizations,
    /// The team kind the analyses use (under the academic-only rule).
    TeamKind,
    /// Where the team came from: Epoch's label, derived from organisation names, or neither.
    TeamSource,
    /// Accessibility, normalised across Epoch's vocabularies (a relabelling alone is no change).
    Accessibility,
    /// The set of notability criteria, normalised.
    Notability,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Name,
        Field::PublicationDate,
        Field::TrainingCompute,
        Field::Organizations,
        Field::TeamKind,
        Field::TeamSource,
        Field::Accessibility,
        Field::Notability,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::PublicationDate => "publication_date",
            Field::TrainingCompute => "training_compute",
            Field::Organizations => "organizations",
            Field::TeamKind => "team_kind",
            Field::TeamSource => "team_source",
            Field::Accessibility => "accessibility",
            Field::Notability => "notability",
        }
    }
}

/// One changed field of a matched model, with both values as text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: Field,
    pub old: String,
    pub new: String,
    /// Training compute: new / old, when both are present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
}

/// A matched model and what changed about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelChange {
    pub old_name: String,
    pub new_name: String,
    pub confidence: Confidence,
    /// 1-based data rows in the two files.
    pub old_row: usize,
    pub new_row: usize,
    pub changes: Vec<FieldChange>,
}

fn opt_text<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn flop_text(v: Option<f64>) -> String {
    v.map(|x| format!("{x:e}")).unwrap_or_default()
}

fn set_text<'a>(v: impl IntoIterator<Item = &'a str>) -> String {
    v.into_iter().collect::<Vec<_>>().join("; ")
}

/// What differs between the two versions of a matched model (empty when nothing does).
pub fn field_changes(o: &ClassifiedModel, n: &ClassifiedModel, defs: &Definitions) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut push = |field, old: String, new: String, ratio| out.push(FieldChange { field, old, new, ratio });
    let (om, nm) = (&o.model, &n.model);
    if om.name.trim() != nm.name.trim() {
        push(Field::Name, om.name.trim().to_string(), nm.name.trim().to_string(), None);
    }
    if om.publication_date != nm.publication_date {
        push(Field::PublicationDate, opt_text(om.publication_date), opt_text(nm.publication_date), None);
    }
    let (oc, nc) = (om.training_compute_flop, nm.training_compute_flop);
    let compute_changed = match (oc, nc) {
        (Some(a), Some(b)) => (b / a - 1.0).abs() > 1e-9,
        (None, None) => false,
        _ => true,
    };
    if compute_changed {
        let ratio = oc.zip(nc).map(|(a, b)| b / a);
        push(Field::TrainingCompute, flop_text(oc), flop_text(nc), ratio);
    }
    let (oo, no) = (organisation_keys(o), organisation_keys(n));
    if oo != no {
        push(Field::Organizations, om.organizations.join("; "), nm.organizations.join("; "), None);
    }
    let (ok, nk) = (team_kind(o, defs), team_kind(n, defs));
    if ok != nk {
        push(Field::TeamKind, ok.as_str().to_string(), nk.as_str().to_string(), None);
    }
    if o.team.source != n.team.source {
        let s = |t: cd_domain::TeamSource| match t {
            cd_domain::TeamSource::EpochLabel => "epoch_label".to_string(),
            cd_domain::TeamSource::Derived => "derived".to_string(),
            cd_domain::TeamSource::None => "none".to_string(),
        };
        push(Field::TeamSource, s(o.team.source), s(n.team.source), None);
    }
    if om.accessibility != nm.accessibility {
        push(
            Field::Accessibility,
            om.accessibility.as_str().to_string(),
            nm.accessibility.as_str().to_string(),
            None,
        );
    }
    if om.notability != nm.notability {
        push(
            Field::Notability,
            set_text(om.notability.iter().map(|x| x.as_str())),
            set_text(nm.notability.iter().map(|x| x.as_str())),
            None,
        );
    }
    out
}

/// The changes of every match with at least one changed field, in match order.
pub fn model_changes(
    old: &[ClassifiedModel],
    new: &[ClassifiedModel],
    matching: &Matching,
    defs: &Definitions,
) -> Vec<ModelChange> {
    matching
        .matches
        .iter()
        .filter_map(|m| {
            let (o, n) = (&old[m.old], &new[m.new]);
            let changes = field_changes(o, n, defs);
            (!changes.is_empty()).then(|| ModelChange {
                old_name: o.model.name.clone(),
                new_name: n.model.name.clone(),
                confidence: m.confidence,
                old_row: o.model.source_row,
                new_row: n.model.source_row,
                changes,
            })
        })
        .collect()
}

// ------------------------------------------------------------------------------------------------
// Headline numbers

/// One number of the report's headlines or of `trends`, `shares`, `gap` or `openness`, on one vintage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineValue {
    /// Stable identifier, e.g. `report.dl_doubling_months.industry_only`, `shares.large_scale.2022.industry_only`.
    pub name: String,
    /// `report`, `trends`, `shares`, `gap` or `openness`.
    pub group: &'static str,
    /// Yearly rows (shares, gap and openness per year) are `true`: the table format leaves them out.
    pub yearly: bool,
    /// Unit of `value`: `months`, `share`, `oom`, `oom_per_year`, `years`.
    pub unit: &'static str,
    pub value: Option<f64>,
    /// 95% interval; an absent bound is unbounded (a doubling time whose slope interval reaches zero).
    pub ci95: Option<[Option<f64>; 2]>,
    /// What the number rests on, e.g. `10 of 13` for a share, `n = 421` for a fit, the year of the latest gap.
    pub detail: String,
}

fn hv(
    name: String,
    group: &'static str,
    yearly: bool,
    unit: &'static str,
    value: Option<f64>,
    ci95: Option<[Option<f64>; 2]>,
    detail: String,
) -> HeadlineValue {
    HeadlineValue { name, group, yearly, unit, value, ci95, detail }
}

fn some_ci(c: Option<[f64; 2]>) -> Option<[Option<f64>; 2]> {
    c.map(|[a, b]| [Some(a), Some(b)])
}

fn share_detail(count: f64, n: usize) -> String {
    if count.fract() == 0.0 {
        format!("{count:.0} of {n}")
    } else {
        format!("{count:.2} of {n}")
    }
}

/// Every headline number of `models` under `defs`: the report's headlines (group `report`), every trend
/// fit's doubling time, every full-counting share, the frontier gap per year and its trend, the open share
/// per team and year, and the open-vs-closed lag. Runs `trends`, `shares`, `gap` and `openness`.
pub fn headline_values(models: &[ClassifiedModel], defs: &Definitions) -> Vec<HeadlineValue> {
    let ((trends, shares), (gap, openness)) = rayon::join(
        || rayon::join(|| crate::trends::trends(models, defs), || crate::shares::shares(models, defs)),
        || rayon::join(|| crate::gap::gap(models, defs), || crate::openness::openness(models, defs)),
    );
    let h = report_headlines(&trends, &shares, &gap, &openness, defs);
    let mut out = Vec::new();
    let fit = |name: &str, f: Option<&crate::trends::TrendFit>| {
        hv(
            format!("report.dl_doubling_months.{name}"),
            "report",
            false,
            "months",
            f.and_then(|f| f.doubling_months),
            f.map(|f| f.doubling_months_ci95),
            f.map(|f| format!("n = {}", f.n)).unwrap_or_default(),
        )
    };
    out.push(fit("all", h.dl_all));
    out.push(fit("industry_only", h.dl_industry_only));
    out.push(fit("academic_only", h.dl_academic_only));
    for (which, r) in [("first", h.large_scale_academic_first), ("last", h.large_scale_academic_last)] {
        let label = r.map(|(p, _)| p.to_string()).unwrap_or_else(|| which.to_string());
        out.push(hv(
            format!("report.large_scale_academic_only_share.{label}"),
            "report",
            false,
            "share",
            r.and_then(|(_, r)| r.share),
            r.and_then(|(_, r)| some_ci(r.share_ci95)),
            r.map(|(_, r)| share_detail(r.count, r.n)).unwrap_or_default(),
        ));
    }
    let r = h.large_scale_industry_year;
    out.push(hv(
        format!("report.large_scale_industry_only_share.{}", defs.headline_year),
        "report",
        false,
        "share",
        r.and_then(|r| r.share),
        r.and_then(|r| some_ci(r.share_ci95)),
        r.map(|r| share_detail(r.count, r.n)).unwrap_or_default(),
    ));
    out.push(hv(
        "report.frontier_gap_oom.latest".to_string(),
        "report",
        false,
        "oom",
        h.gap_latest.and_then(|r| r.gap_max_oom),
        None,
        h.gap_latest.map(|r| format!("year {}", r.year)).unwrap_or_default(),
    ));
    out.push(hv(
        "report.open_closed_lag_years".to_string(),
        "report",
        false,
        "years",
        h.lag.lag_years,
        some_ci(h.lag.lag_years_ci95),
        format!("{} of {} valid draws", h.lag.bootstrap_valid, h.lag.bootstrap_drawn),
    ));
    for f in &trends.fits {
        out.push(hv(
            format!("trends.doubling_months.{}.{}", f.era.as_str(), f.team.as_str()),
            "trends",
            false,
            "months",
            f.doubling_months,
            Some(f.doubling_months_ci95),
            format!("n = {}", f.n),
        ));
    }
    for r in shares.rows.iter().filter(|r| r.counting == Counting::Full) {
        let ShareGroup::Team(team) = r.team else { continue };
        out.push(hv(
            format!("shares.{}.{}.{}", r.subset.as_str(), r.period, team.as_str()),
            "shares",
            r.granularity == crate::shares::Granularity::Year,
            "share",
            r.share,
            some_ci(r.share_ci95),
            share_detail(r.count, r.n),
        ));
    }
    for r in &gap.rows {
        out.push(hv(
            format!("gap.max_oom.{}", r.year),
            "gap",
            true,
            "oom",
            r.gap_max_oom,
            None,
            String::new(),
        ));
        out.push(hv(
            format!("gap.top_n_oom.{}", r.year),
            "gap",
            true,
            "oom",
            r.gap_top_n_oom,
            None,
            format!("top {}", gap.top_n),
        ));
    }
    out.push(hv(
        "gap.max_trend_oom_per_year".to_string(),
        "gap",
        false,
        "oom_per_year",
        gap.gap_max_trend_oom_per_year,
        None,
        String::new(),
    ));
    out.push(hv(
        "gap.top_n_trend_oom_per_year".to_string(),
        "gap",
        false,
        "oom_per_year",
        gap.gap_top_n_trend_oom_per_year,
        None,
        format!("top {}", gap.top_n),
    ));
    for r in &openness.shares {
        out.push(hv(
            format!("openness.share_open.{}.{}", r.year, r.team.as_str()),
            "openness",
            true,
            "share",
            r.share_open,
            None,
            format!("{} of {}", r.n_open, r.n_known),
        ));
    }
    out.push(hv(
        "openness.lag_years".to_string(),
        "openness",
        false,
        "years",
        openness.lag.lag_years,
        some_ci(openness.lag.lag_years_ci95),
        format!("{} of {} valid draws", openness.lag.bootstrap_valid, openness.lag.bootstrap_drawn),
    ));
    out
}

/// Do two intervals overlap (an absent bound is unbounded)? `None` when either interval is absent.
pub fn intervals_overlap(a: Option<[Option<f64>; 2]>, b: Option<[Option<f64>; 2]>) -> Option<bool> {
    let ([al, ah], [bl, bh]) = (a?, b?);
    let lo = |x: Option<f64>| x.unwrap_or(f64::NEG_INFINITY);
    let hi = |x: Option<f64>| x.unwrap_or(f64::INFINITY);
    if al.is_none() && ah.is_none() || bl.is_none() && bh.is_none() {
        return None;
    }
    Some(lo(al) <= hi(bh) && lo(bl) <= hi(ah))
}

/// One headline number on both vintages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineDiff {
    pub name: String,
    pub group: &'static str,
    pub yearly: bool,
    pub unit: &'static str,
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// new − old.
    pub difference: Option<f64>,
    pub old_ci95: Option<[Option<f64>; 2]>,
    pub new_ci95: Option<[Option<f64>; 2]>,
    pub intervals_overlap: Option<bool>,
    pub old_detail: String,
    pub new_detail: String,
}

// ------------------------------------------------------------------------------------------------
// Attribution

/// Which groups of changes a recomputation applies to the old vintage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Leave out the removed models.
    pub removals: bool,
    /// Use the new vintage's version of every matched model.
    pub changes: bool,
    /// Add the added models.
    pub additions: bool,
}

/// The old vintage with some groups of changes applied: the old models in their order (each matched one
/// in its new version when `changes`), removed ones left out when `removals`, then the added models in
/// the new vintage's order when `additions`.
pub fn apply(
    old: &[ClassifiedModel],
    new: &[ClassifiedModel],
    matching: &Matching,
    applied: Applied,
) -> Vec<ClassifiedModel> {
    let new_of: HashMap<usize, usize> = matching.matches.iter().map(|m| (m.old, m.new)).collect();
    let mut out = Vec::with_capacity(old.len() + matching.added.len());
    for (i, m) in old.iter().enumerate() {
        match new_of.get(&i) {
            Some(&j) if applied.changes => out.push(new[j].clone()),
            Some(_) => out.push(m.clone()),
            None if applied.removals => {}
            None => out.push(m.clone()),
        }
    }
    if applied.additions {
        out.extend(matching.added.iter().map(|&j| new[j].clone()));
    }
    out
}

/// How much of a headline's move comes from each group of changes.
///
/// *Alone*: the headline recomputed on the old vintage with one group applied, minus the old value.
/// *Sequential*: the groups applied one after another in the order removals → value changes → additions;
/// its three steps sum exactly to `total` (the last step ends on the new vintage itself). `interaction` is
/// `total` minus the sum of the three *alone* effects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub name: String,
    pub group: &'static str,
    pub yearly: bool,
    pub total: Option<f64>,
    pub removed_alone: Option<f64>,
    pub changed_alone: Option<f64>,
    pub added_alone: Option<f64>,
    pub interaction: Option<f64>,
    pub sequential_removed: Option<f64>,
    pub sequential_changed: Option<f64>,
    pub sequential_added: Option<f64>,
}

fn sub(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? - b?)
}

/// Counts of the diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffCounts {
    pub old_models: usize,
    pub new_models: usize,
    pub matched: usize,
    /// Matches per confidence (`high`, `medium`, `low`).
    pub matched_by_confidence: BTreeMap<&'static str, usize>,
    pub added: usize,
    pub removed: usize,
    /// Matches whose name as written differs (renames and respellings).
    pub renamed: usize,
    /// Matches with at least one changed field.
    pub changed: usize,
    /// Matches per changed field (a model counts once per field).
    pub changed_by_field: BTreeMap<&'static str, usize>,
}

/// A model only one vintage has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelRef {
    pub name: String,
    pub row: usize,
    pub publication_date: Option<PubDate>,
    pub organizations: Vec<String>,
    pub team_kind: &'static str,
    pub training_compute_flop: Option<f64>,
}

fn model_ref(m: &ClassifiedModel, defs: &Definitions) -> ModelRef {
    ModelRef {
        name: m.model.name.clone(),
        row: m.model.source_row,
        publication_date: m.model.publication_date,
        organizations: m.model.organizations.clone(),
        team_kind: team_kind(m, defs).as_str(),
        training_compute_flop: m.model.training_compute_flop,
    }
}

/// A renamed model (names as written differ).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rename {
    pub old_name: String,
    pub new_name: String,
    pub confidence: Confidence,
    pub similarity: f64,
}

/// The whole diff of two vintages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffResult {
    pub counts: DiffCounts,
    pub added: Vec<ModelRef>,
    pub removed: Vec<ModelRef>,
    pub renamed: Vec<Rename>,
    pub changed: Vec<ModelChange>,
    pub headlines: Vec<HeadlineDiff>,
    pub attribution: Vec<Attribution>,
    /// The order of the sequential decomposition.
    pub attribution_order: [&'static str; 3],
}

/// Attribute each headline's move (see [`Attribution`]). `old_values` and `new_values` are the headlines
/// of the two vintages themselves.
pub fn attribute(
    old: &[ClassifiedModel],
    new: &[ClassifiedModel],
    matching: &Matching,
    old_values: &[HeadlineValue],
    new_values: &[HeadlineValue],
    defs: &Definitions,
) -> Vec<Attribution> {
    let at = |removals, changes, additions| {
        let set = apply(old, new, matching, Applied { removals, changes, additions });
        headline_values(&set, defs)
    };
    // Removals alone is also the first sequential step.
    let ((r, c), (a, rc)) = rayon::join(
        || rayon::join(|| at(true, false, false), || at(false, true, false)),
        || rayon::join(|| at(false, false, true), || at(true, true, false)),
    );
    let index = |v: &[HeadlineValue]| -> HashMap<String, Option<f64>> {
        v.iter().map(|h| (h.name.clone(), h.value)).collect()
    };
    let (ix_new, ix_r, ix_c, ix_a, ix_rc) = (index(new_values), index(&r), index(&c), index(&a), index(&rc));
    let get = |ix: &HashMap<String, Option<f64>>, k: &str| ix.get(k).copied().flatten();
    old_values
        .iter()
        .map(|h| {
            let o = h.value;
            let n = get(&ix_new, &h.name);
            let (vr, vc, va, vrc) =
                (get(&ix_r, &h.name), get(&ix_c, &h.name), get(&ix_a, &h.name), get(&ix_rc, &h.name));
            let total = sub(n, o);
            let (ra, ca, aa) = (sub(vr, o), sub(vc, o), sub(va, o));
            let interaction = (|| Some(total? - ra? - ca? - aa?))();
            Attribution {
                name: h.name.clone(),
                group: h.group,
                yearly: h.yearly,
                total,
                removed_alone: ra,
                changed_alone: ca,
                added_alone: aa,
                interaction,
                sequential_removed: sub(vr, o),
                sequential_changed: sub(vrc, vr),
                sequential_added: sub(n, vrc),
            }
        })
        .collect()
}

/// Side by side: every headline of either vintage (old's order, then those only the new one has).
pub fn headline_diffs(old_values: &[HeadlineValue], new_values: &[HeadlineValue]) -> Vec<HeadlineDiff> {
    let new_ix: HashMap<&str, &HeadlineValue> = new_values.iter().map(|h| (h.name.as_str(), h)).collect();
    let old_names: BTreeSet<&str> = old_values.iter().map(|h| h.name.as_str()).collect();
    let mut out: Vec<HeadlineDiff> = old_values
        .iter()
        .map(|o| {
            let n = new_ix.get(o.name.as_str());
            let new = n.and_then(|n| n.value);
            let new_ci95 = n.and_then(|n| n.ci95);
            HeadlineDiff {
                name: o.name.clone(),
                group: o.group,
                yearly: o.yearly,
                unit: o.unit,
                old: o.value,
                new,
                difference: sub(new, o.value),
                old_ci95: o.ci95,
                new_ci95,
                intervals_overlap: intervals_overlap(o.ci95, new_ci95),
                old_detail: o.detail.clone(),
                new_detail: n.map(|n| n.detail.clone()).unwrap_or_default(),
            }
        })
        .collect();
    out.extend(new_values.iter().filter(|n| !old_names.contains(n.name.as_str())).map(|n| HeadlineDiff {
        name: n.name.clone(),
        group: n.group,
        yearly: n.yearly,
        unit: n.unit,
        old: None,
        new: n.value,
        difference: None,
        old_ci95: None,
        new_ci95: n.ci95,
        intervals_overlap: None,
        old_detail: String::new(),
        new_detail: n.detail.clone(),
    }));
    out
}

/// The diff of two vintages classified under the same definitions.
pub fn diff(old: &[ClassifiedModel], new: &[ClassifiedModel], defs: &Definitions) -> DiffResult {
    let matching = match_models(old, new, defs);
    let changed = model_changes(old, new, &matching, defs);
    let (old_values, new_values) = rayon::join(|| headline_values(old, defs), || headline_values(new, defs));
    let attribution = attribute(old, new, &matching, &old_values, &new_values, defs);
    let headlines = headline_diffs(&old_values, &new_values);
    let mut by_conf: BTreeMap<&'static str, usize> =
        Confidence::ALL.iter().map(|c| (c.as_str(), 0)).collect();
    for m in &matching.matches {
        *by_conf.entry(m.confidence.as_str()).or_default() += 1;
    }
    let mut by_field: BTreeMap<&'static str, usize> = Field::ALL.iter().map(|f| (f.as_str(), 0)).collect();
    for c in &changed {
        for f in &c.changes {
            *by_field.entry(f.field.as_str()).or_default() += 1;
        }
    }
    let renamed: Vec<Rename> = matching
        .matches
        .iter()
        .filter(|m| old[m.old].model.name.trim() != new[m.new].model.name.trim())
        .map(|m| Rename {
            old_name: old[m.old].model.name.clone(),
            new_name: new[m.new].model.name.clone(),
            confidence: m.confidence,
            similarity: m.similarity,
        })
        .collect();
    DiffResult {
        counts: DiffCounts {
            old_models: old.len(),
            new_models: new.len(),
            matched: matching.matches.len(),
            matched_by_confidence: by_conf,
            added: matching.added.len(),
            removed: matching.removed.len(),
            renamed: renamed.len(),
            changed: changed.len(),
            changed_by_field: by_field,
        },
        added: matching.added.iter().map(|&j| model_ref(&new[j], defs)).collect(),
        removed: matching.removed.iter().map(|&i| model_ref(&old[i], defs)).collect(),
        renamed,
        changed,
        headlines,
        attribution,
        attribution_order: ["removed", "changed", "added"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_domain::{Model, SectorShares, Team, TeamKind, TeamSource};

    fn m(name: &str, date: &str, org: &str, flop: f64, kind: TeamKind) -> ClassifiedModel {
        let mut model = Model::named(name);
        model.publication_date = PubDate::parse(date);
        model.organizations = vec![org.to_string()];
        model.training_compute_flop = Some(flop);
        model.notability = [cd_domain::Notability::SotaImprovement].into_iter().collect();
        let team = Team {
            kind,
            shares: SectorShares::default(),
            source: TeamSource::EpochLabel,
            leaning: None,
            sectors: vec![],
        };
        ClassifiedModel {
            model,
            team,
            team_epoch: Some(kind),
            team_derived: None,
            candidates: Default::default(),
        }
    }

    #[test]
    fn names_normalise_and_compare() {
        assert_eq!(normalise_name("GPT-4 (Mar 2023)"), "gpt4mar2023");
        assert_eq!(normalise_name("  Ünïcode só "), "ncodes");
        assert_eq!(name_similarity("gpt4", "gpt4mar2023"), 1.0);
        // night / nacht: bigrams ni ig gh ht / na ac ch ht: one common of 8.
        assert!((name_similarity("night", "nacht") - 0.25).abs() < 1e-12);
        assert_eq!(name_similarity("ab", "xy"), 0.0);
        assert_eq!(name_similarity("a", "b"), 0.0);
        assert!(numbers_conflict("llama234b", "llama27b"));
        assert!(!numbers_conflict("gemini10ultra", "geminiultra"));
        assert!(!numbers_conflict("xglm", "xglm75b"));
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(&PubDate::parse("1970-01-01").unwrap()), 0);
        assert_eq!(day_number(&PubDate::parse("2000-03-01").unwrap()), 11017);
        assert_eq!(days_apart(PubDate::parse("2024-02-28"), PubDate::parse("2024-03-01")), Some(2));
        assert_eq!(days_apart(None, PubDate::parse("2024-03-01")), None);
    }

    #[test]
    fn intervals() {
        assert_eq!(intervals_overlap(Some([Some(1.0), Some(2.0)]), Some([Some(2.0), Some(3.0)])), Some(true));
        assert_eq!(intervals_overlap(Some([Some(1.0), Some(2.0)]), Some([Some(2.5), None])), Some(false));
        assert_eq!(intervals_overlap(Some([Some(1.0), None]), Some([Some(9.0), Some(10.0)])), Some(true));
        assert_eq!(intervals_overlap(None, Some([Some(9.0), Some(10.0)])), None);
    }

    #[test]
    fn matching_stages_and_duplicates() {
        let d = Definitions::default();
        let i = TeamKind::IndustryOnly;
        let old = vec![
            m("Same", "2020-01-01", "A", 1e20, i),
            m("Dup", "2021-05-01", "A", 1e20, i),
            m("Dup", "2021-01-01", "A", 1e20, i),
            m("Widget Large", "2022-01-01", "Acme", 1e21, i),
            m("Llama 2-34B", "2023-07-18", "Meta AI", 1e23, i),
            m("Gone", "2019-01-01", "B", 1e19, i),
        ];
        let new = vec![
            m("Dup", "2021-02-01", "A", 1e20, i),
            m("same", "2020-01-01", "A", 1e20, i),
            m("Widget-Large XL", "2022-01-20", "ACME", 1e21, i),
            m("Llama 2-7B", "2023-07-18", "Meta AI", 1e22, i),
        ];
        let r = match_models(&old, &new, &d);
        let pairs: Vec<(usize, usize, Confidence)> =
            r.matches.iter().map(|m| (m.old, m.new, m.confidence)).collect();
        // "Dup": the earlier old copy (row 2) pairs with the only new one; the other is removed.
        assert_eq!(
            pairs,
            vec![(0, 1, Confidence::High), (2, 0, Confidence::Low), (3, 2, Confidence::Medium)]
        );
        assert_eq!(r.removed, vec![1, 4, 5]);
        assert_eq!(r.added, vec![3]);
        // Tighter date tolerance: the rename (19 days) no longer matches.
        let strict = Definitions { diff_rename_max_days: 10, ..Definitions::default() };
        assert!(match_models(&old, &new, &strict).matches.iter().all(|m| m.confidence != Confidence::Medium));
        // Applying everything reproduces the new vintage's models (as a set).
        let all = apply(&old, &new, &r, Applied { removals: true, changes: true, additions: true });
        let mut a: Vec<&str> = all.iter().map(|m| m.model.name.as_str()).collect();
        let mut b: Vec<&str> = new.iter().map(|m| m.model.name.as_str()).collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        let none = apply(&old, &new, &r, Applied { removals: false, changes: false, additions: false });
        assert_eq!(none, old);
    }
}
