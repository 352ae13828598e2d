//! Analysis 8: the specification curve — each headline claim under every combination of the disputed
//! definitions it depends on, on every vintage given.
//!
//! Claims, their estimate and when a specification supports the claim:
//! - `academic_share_fell`: academic-only share of large-scale models in the last period minus the first
//!   (`Definitions::periods`); supports when < 0. Varies vintage × notability × academic-only rule ×
//!   large-scale rule.
//! - `industry_trend_steeper`: industry-only minus academic-only OLS slope (OOM/year) in the DL era or the
//!   large-scale era; supports when > 0. Varies vintage × notability × academic-only rule × era (the
//!   large-scale era once per large-scale rule).
//! - `frontier_gap_widened`: OLS slope of the yearly industry-minus-academic gap (OOM/year; see `gap`);
//!   supports when > 0. Varies vintage × notability × academic-only rule × gap measure.
//! - `open_models_lag`: open-vs-closed lag in years (see `openness`); supports when > 0. Varies vintage ×
//!   notability × frontier rule applied within each category.
//!
//! Only the definitions a claim depends on are varied for it, so that no specification is counted twice.
//! Estimates are point estimates (no bootstrap). The analysis takes the vintages as data, so it stays
//! I/O-free; the caller loads them.

use crate::gap::{gap_of_points, GapMeasure};
use crate::openness::lag_point;
use crate::population::{calendar_year, compute_points, Point};
use crate::trends::{era_points, points_large_scale, Era};
use cd_domain::definitions::{AcademicOnlyRule, FrontierRule, LargeScaleRule, NotabilityFilter};
use cd_domain::{ClassifiedModel, Definitions, TeamKind};
use cd_stats::{ols, quantile_sorted};
use rayon::prelude::*;
use serde::Serialize;

/// One vintage of the model table: its name (file stem) and its classified models.
pub struct Vintage<'a> {
    pub name: String,
    pub models: &'a [ClassifiedModel],
}

/// The values each disputed definition takes in the curve.
pub const NOTABILITY: [NotabilityFilter; 3] =
    [NotabilityFilter::Study, NotabilityFilter::AnyCriterion, NotabilityFilter::None];
pub const ACADEMIC_ONLY: [AcademicOnlyRule; 2] = [AcademicOnlyRule::Strict, AcademicOnlyRule::Loose];
pub const LARGE_SCALE: [LargeScaleRule; 3] = [
    LargeScaleRule::ZScore { threshold: 0.76, window_years: 1.0 },
    LargeScaleRule::ZScore { threshold: 0.72, window_years: 1.0 },
    LargeScaleRule::Threshold { min_flop: 1e23 },
];
pub const FRONTIER: [FrontierRule; 5] = [
    FrontierRule::TopN { n: 1 },
    FrontierRule::TopN { n: 5 },
    FrontierRule::TopN { n: 10 },
    FrontierRule::Percentile { percentile: 90.0, window_years: 1.0 },
    FrontierRule::Residual { min_residual_oom: 0.5 },
];
pub const GAP_MEASURES: [GapMeasure; 2] = [GapMeasure::RunningMax, GapMeasure::TopNMean];

pub fn notability_label(f: NotabilityFilter) -> &'static str {
    match f {
        NotabilityFilter::Study => "study",
        NotabilityFilter::AnyCriterion => "any_criterion",
        NotabilityFilter::None => "none",
    }
}

pub fn academic_label(r: AcademicOnlyRule) -> &'static str {
    match r {
        AcademicOnlyRule::Strict => "strict",
        AcademicOnlyRule::Loose => "loose",
    }
}

pub fn large_scale_label(r: &LargeScaleRule) -> String {
    match r {
        LargeScaleRule::ZScore { threshold, window_years } => format!("zscore>{threshold}(±{window_years}y)"),
        LargeScaleRule::Threshold { min_flop } => format!("threshold>={min_flop:e}"),
    }
}

pub fn frontier_label(r: &FrontierRule) -> String {
    match r {
        FrontierRule::TopN { n } => format!("top_{n}"),
        FrontierRule::Percentile { percentile, window_years } => {
            format!("percentile_{percentile}(±{window_years}y)")
        }
        FrontierRule::Residual { min_residual_oom } => format!("residual>={min_residual_oom}"),
    }
}

/// One specification and its estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spec {
    pub vintage: String,
    /// (definition, value) pairs, in the claim's dimension order.
    pub choices: Vec<(String, String)>,
    pub estimate: Option<f64>,
    /// `null` when the estimate could not be computed (too few models).
    pub supports: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCurve {
    pub claim: String,
    pub statement: String,
    /// What the estimate measures and in which unit.
    pub estimate: String,
    pub supports_when: String,
    pub dimensions: Vec<String>,
    pub n_specs: usize,
    pub n_estimated: usize,
    pub n_supporting: usize,
    /// n_supporting / n_estimated.
    pub share_supporting: Option<f64>,
    /// Quantiles (0, 25, 50, 75, 100%) of the estimates.
    pub min: Option<f64>,
    pub q25: Option<f64>,
    pub median: Option<f64>,
    pub q75: Option<f64>,
    pub max: Option<f64>,
    /// Every specification, sorted by estimate (the curve), uncomputable ones last.
    pub specs: Vec<Spec>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpecCurveResult {
    pub vintages: Vec<String>,
    pub claims: Vec<ClaimCurve>,
}

fn slope_of(points: &[Point], team: TeamKind) -> Option<f64> {
    let (x, y): (Vec<f64>, Vec<f64>) =
        points.iter().filter(|p| p.team == team).map(|p| (p.year, p.log10_flop)).unzip();
    if x.len() < 3 {
        return None;
    }
    ols(&x, &y).map(|f| f.slope)
}

/// Academic-only share of large-scale models, last period minus first.
fn share_change(points: &[Point], large: &[bool], defs: &Definitions) -> Option<f64> {
    let share = |period: &cd_domain::definitions::Period| {
        let (mut known, mut aca) = (0usize, 0usize);
        for (p, &l) in points.iter().zip(large) {
            if l && p.team != TeamKind::Unknown && period.contains(calendar_year(p.year)) {
                known += 1;
                aca += (p.team == TeamKind::AcademicOnly) as usize;
            }
        }
        (known > 0).then(|| aca as f64 / known as f64)
    };
    Some(share(defs.periods.last()?)? - share(defs.periods.first()?)?)
}

struct Partial {
    claim: usize,
    spec: Spec,
}

fn spec(
    vintage: &str,
    choices: Vec<(&str, String)>,
    estimate: Option<f64>,
    supports: fn(f64) -> bool,
) -> Spec {
    Spec {
        vintage: vintage.to_string(),
        choices: choices.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        estimate,
        supports: estimate.map(supports),
    }
}

/// Every specification of every claim for one vintage and notability filter.
fn run_cell(v: &Vintage, notability: NotabilityFilter, base: &Definitions) -> Vec<Partial> {
    let mut out = vec![];
    let nb = ("notability", notability_label(notability).to_string());
    for academic in ACADEMIC_ONLY {
        let defs = Definitions { notability_filter: notability, academic_only: academic, ..base.clone() };
        let ac = ("academic_only", academic_label(academic).to_string());
        let points = compute_points(v.models, &defs);
        for rule in LARGE_SCALE {
            let d = Definitions { large_scale_rule: rule, ..defs.clone() };
            let large = points_large_scale(&points, &d);
            let ls = ("large_scale", large_scale_label(&rule));
            let est = share_change(&points, &large, &d);
            out.push(Partial {
                claim: 0,
                spec: spec(&v.name, vec![nb.clone(), ac.clone(), ls.clone()], est, |e| e < 0.0),
            });
            let era = era_points(&points, &large, Era::LargeScale, &d);
            let est = slope_of(&era, TeamKind::IndustryOnly)
                .zip(slope_of(&era, TeamKind::AcademicOnly))
                .map(|(i, a)| i - a);
            let era_label = ("era", format!("large_scale/{}", ls.1));
            out.push(Partial {
                claim: 1,
                spec: spec(&v.name, vec![nb.clone(), ac.clone(), era_label], est, |e| e > 0.0),
            });
        }
        let dl = era_points(&points, &vec![false; points.len()], Era::Dl, &defs);
        let est = slope_of(&dl, TeamKind::IndustryOnly)
            .zip(slope_of(&dl, TeamKind::AcademicOnly))
            .map(|(i, a)| i - a);
        out.push(Partial {
            claim: 1,
            spec: spec(&v.name, vec![nb.clone(), ac.clone(), ("era", "dl".into())], est, |e| e > 0.0),
        });
        let g = gap_of_points(&points, &defs);
        for m in GAP_MEASURES {
            let gm = ("gap_measure", m.as_str().to_string());
            out.push(Partial {
                claim: 2,
                spec: spec(&v.name, vec![nb.clone(), ac.clone(), gm], g.trend(m), |e| e > 0.0),
            });
        }
    }
    for rule in FRONTIER {
        let d =
            Definitions { notability_filter: notability, open_closed_frontier_rule: rule, ..base.clone() };
        let fr = ("open_closed_frontier", frontier_label(&rule));
        out.push(Partial {
            claim: 3,
            spec: spec(&v.name, vec![nb.clone(), fr], lag_point(v.models, &d), |e| e > 0.0),
        });
    }
    out
}

fn curve(claim: usize, mut specs: Vec<Spec>) -> ClaimCurve {
    let (id, statement, estimate, supports_when, dims): (&str, &str, &str, &str, &[&str]) = match claim {
        0 => (
            "academic_share_fell",
            "The academic-only share of large-scale models fell.",
            "academic-only share of large-scale models, last period minus first (fraction)",
            "estimate < 0",
            &["vintage", "notability", "academic_only", "large_scale"],
        ),
        1 => (
            "industry_trend_steeper",
            "Industry's compute trend is steeper than academia's.",
            "industry-only minus academic-only OLS slope of log10 FLOP on date (OOM/year)",
            "estimate > 0",
            &["vintage", "notability", "academic_only", "era"],
        ),
        2 => (
            "frontier_gap_widened",
            "The frontier gap between industry and academia widened.",
            "OLS slope of the yearly industry-minus-academic frontier gap (OOM/year)",
            "estimate > 0",
            &["vintage", "notability", "academic_only", "gap_measure"],
        ),
        _ => (
            "open_models_lag",
            "Open-weight models lag closed ones.",
            "open-vs-closed frontier lag (years)",
            "estimate > 0",
            &["vintage", "notability", "open_closed_frontier"],
        ),
    };
    specs.sort_by(|a, b| match (a.estimate, b.estimate) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let est: Vec<f64> = specs.iter().filter_map(|s| s.estimate).collect(); // sorted
    let q = |p: f64| (!est.is_empty()).then(|| quantile_sorted(&est, p));
    let n_supporting = specs.iter().filter(|s| s.supports == Some(true)).count();
    ClaimCurve {
        claim: id.into(),
        statement: statement.into(),
        estimate: estimate.into(),
        supports_when: supports_when.into(),
        dimensions: dims.iter().map(|d| d.to_string()).collect(),
        n_specs: specs.len(),
        n_estimated: est.len(),
        n_supporting,
        share_supporting: (!est.is_empty()).then(|| n_supporting as f64 / est.len() as f64),
        min: q(0.0),
        q25: q(0.25),
        median: q(0.5),
        q75: q(0.75),
        max: q(1.0),
        specs,
    }
}

/// Analysis 8 over the given vintages; `base` supplies every definition that is not varied.
pub fn spec_curve(vintages: &[Vintage], base: &Definitions) -> SpecCurveResult {
    let cells: Vec<(usize, NotabilityFilter)> =
        (0..vintages.len()).flat_map(|v| NOTABILITY.iter().map(move |&n| (v, n))).collect();
    let partials: Vec<Partial> = cells
        .par_iter()
        .map(|&(v, n)| run_cell(&vintages[v], n, base))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let mut by_claim: Vec<Vec<Spec>> = vec![vec![]; 4];
    for p in partials {
        by_claim[p.claim].push(p.spec);
    }
    SpecCurveResult {
        vintages: vintages.iter().map(|v| v.name.clone()).collect(),
        claims: by_claim.into_iter().enumerate().map(|(i, s)| curve(i, s)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::testutil::model;
    use cd_domain::Accessibility;

    #[test]
    fn counts_every_combination_and_support() {
        let mut ms = vec![];
        for y in 2010..2024 {
            let t = (y - 2010) as f64;
            for k in 0..3 {
                let mut i = model(
                    &format!("i{y}{k}"),
                    &format!("{y}-0{}-01", k + 1),
                    Some(10f64.powf(18.0 + 0.7 * t + k as f64 * 0.3)),
                    TeamKind::IndustryOnly,
                );
                i.model.accessibility = Accessibility::Api;
                let mut a = model(
                    &format!("a{y}{k}"),
                    &format!("{y}-0{}-15", k + 1),
                    Some(10f64.powf(17.5 + 0.3 * t + k as f64 * 0.3)),
                    TeamKind::AcademicOnly,
                );
                a.model.accessibility = Accessibility::OpenWeightsUnrestricted;
                ms.push(i);
                ms.push(a);
            }
        }
        let vintages =
            [Vintage { name: "v1".into(), models: &ms }, Vintage { name: "v2".into(), models: &ms[..60] }];
        let r = spec_curve(&vintages, &Definitions::default());
        let n: Vec<usize> = r.claims.iter().map(|c| c.n_specs).collect();
        assert_eq!(n, vec![2 * 3 * 2 * 3, 2 * 3 * 2 * 4, 2 * 3 * 2 * 2, 2 * 3 * 5]);
        let steeper = &r.claims[1];
        // DL era on the full vintage: 0.7 − 0.3 = 0.4 OOM/yr, up to the date offsets of the synthetic data.
        let dl = steeper.specs.iter().find(|s| s.vintage == "v1" && s.choices[2].1 == "dl").unwrap();
        assert!((dl.estimate.unwrap() - 0.4).abs() < 0.01, "{:?}", dl.estimate);
        assert_eq!(steeper.n_supporting, steeper.n_estimated);
        let gap = &r.claims[2];
        assert!(gap.n_estimated > 0 && gap.n_supporting == gap.n_estimated);
        // Sorted curve.
        let e: Vec<f64> = steeper.specs.iter().filter_map(|s| s.estimate).collect();
        assert!(e.windows(2).all(|w| w[0] <= w[1]));
    }
}
