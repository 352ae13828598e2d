//! Analysis 6: open weights by team kind and year, and the open-vs-closed frontier lag.
//!
//! Shares: among notable models of a team group published in a calendar year (from `dl_era_start`),
//! the share with open weights (unrestricted, restricted or non-commercial), of those whose accessibility
//! is known; unknown accessibility is counted apart, not in the denominator.
//!
//! Lag (Epoch, "How far behind are open models?", 2024): split notable models with compute into open and
//! closed (API, hosted, unreleased); within each category select the frontier by
//! `open_closed_frontier_rule` (default: top 5 at release, judged over the category's whole history);
//! fit log10 compute on date over the frontier models published from `open_closed_fit_start`; the lag is
//! the vertical gap between the closed and the open fit at the latest publication date in the fits,
//! divided by the closed slope (years). Interval: bootstrap of both frontier sets (with the configured
//! jitter), refitting both lines.

use crate::frontier::frontier_flags;
use crate::population::{calendar_year, compute_points, notable_indices, team_kind, Point, TeamGroup};
use cd_domain::{AccessibilityClass, ClassifiedModel, Definitions};
use cd_stats::{bootstrap_map, derive_seed, ols, OlsFit, Summary, JITTER_HALF_WIDTH};
use rand::Rng;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenShareRow {
    pub team: TeamGroup,
    pub year: i32,
    /// Models with known accessibility (the denominator).
    pub n_known: usize,
    pub n_open: usize,
    pub n_unknown: usize,
    pub share_open: Option<f64>,
}

/// One category's frontier fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryFit {
    /// Frontier models in the fit window.
    pub n: usize,
    pub slope_oom_per_year: f64,
    pub intercept: f64,
    pub models: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenClosedLag {
    pub fit_start: f64,
    pub open: Option<CategoryFit>,
    pub closed: Option<CategoryFit>,
    /// Decimal year at which the vertical gap is measured.
    pub evaluated_at: Option<f64>,
    /// Closed fit minus open fit at `evaluated_at`, in orders of magnitude.
    pub gap_oom: Option<f64>,
    /// gap_oom / closed slope, in years; > 0: open models lag.
    pub lag_years: Option<f64>,
    pub lag_years_ci95: Option<[f64; 2]>,
    pub lag_years_ci90: Option<[f64; 2]>,
    /// Bootstrap resamples that gave a lag (draws whose closed slope is not positive, or whose category
    /// has too few points to fit, give none and are left out of the interval).
    pub bootstrap_valid: usize,
    /// Resamples drawn (`bootstrap_resamples`; 0 when there is no point estimate).
    pub bootstrap_drawn: usize,
    /// True when fewer than `min_valid_bootstrap_share` of the draws gave a lag: the interval rests on
    /// the draws that did and is not to be trusted at face value.
    pub interval_flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpennessResult {
    pub shares: Vec<OpenShareRow>,
    pub lag: OpenClosedLag,
}

/// The frontier points of one accessibility class within the fit window.
fn category_frontier(points: &[Point], defs: &Definitions) -> Vec<Point> {
    let years: Vec<f64> = points.iter().map(|p| p.year).collect();
    let v: Vec<f64> = points.iter().map(|p| p.log10_flop).collect();
    let flags = frontier_flags(&years, &v, &defs.open_closed_frontier_rule, defs.dl_era_start);
    points
        .iter()
        .zip(flags)
        .filter(|(p, f)| *f && p.year >= defs.open_closed_fit_start)
        .map(|(p, _)| *p)
        .collect()
}

fn fit(points: &[Point], min_points: usize) -> Option<OlsFit> {
    let (x, y): (Vec<f64>, Vec<f64>) = points.iter().map(|p| (p.year, p.log10_flop)).unzip();
    if x.len() < min_points.max(2) {
        return None;
    }
    ols(&x, &y)
}

fn lag_of(open: &OlsFit, closed: &OlsFit, at: f64) -> Option<f64> {
    (closed.slope > 0.0).then(|| (closed.predict(at) - open.predict(at)) / closed.slope)
}

/// The open and closed frontier sets (fit window applied).
pub fn open_closed_frontiers(models: &[ClassifiedModel], defs: &Definitions) -> (Vec<Point>, Vec<Point>) {
    let points = compute_points(models, defs);
    let class = |p: &Point| models[p.index].model.accessibility.class();
    let open: Vec<Point> = points.iter().filter(|p| class(p) == AccessibilityClass::Open).copied().collect();
    let closed: Vec<Point> =
        points.iter().filter(|p| class(p) == AccessibilityClass::Closed).copied().collect();
    (category_frontier(&open, defs), category_frontier(&closed, defs))
}

/// The lag alone (point estimate), for the specification curve.
pub fn lag_point(models: &[ClassifiedModel], defs: &Definitions) -> Option<f64> {
    let (open, closed) = open_closed_frontiers(models, defs);
    let at = open.iter().chain(&closed).map(|p| p.year).fold(f64::NAN, f64::max);
    let m = defs.min_fit_points;
    lag_of(&fit(&open, m)?, &fit(&closed, m)?, at)
}

/// Bootstrap draws of the lag: each category's frontier points resampled with replacement (jittered as
/// `bootstrap_jitter` says) and refitted; a draw that gives no lag is NaN. `label` seeds the stream.
pub fn lag_draws(
    open: &[Point],
    closed: &[Point],
    at: f64,
    defs: &Definitions,
    resamples: usize,
    label: &str,
) -> Vec<f64> {
    if open.is_empty() || closed.is_empty() {
        return vec![f64::NAN; resamples];
    }
    let seed = derive_seed(defs.seed, label);
    bootstrap_map(resamples, seed, |rng| {
        let mut resample = |pts: &[Point]| -> Vec<Point> {
            (0..pts.len())
                .map(|_| {
                    let mut p = pts[rng.gen_range(0..pts.len())];
                    if defs.bootstrap_jitter {
                        p.log10_flop += rng.gen_range(-JITTER_HALF_WIDTH..=JITTER_HALF_WIDTH);
                    }
                    p
                })
                .collect()
        };
        let (o, c) = (resample(open), resample(closed));
        match (fit(&o, defs.min_fit_points), fit(&c, defs.min_fit_points)) {
            (Some(o), Some(c)) => lag_of(&o, &c, at).unwrap_or(f64::NAN),
            _ => f64::NAN,
        }
    })
}

/// The lag with its bootstrap (point, draws) for a spec-curve cell.
pub fn lag_with_draws(
    models: &[ClassifiedModel],
    defs: &Definitions,
    resamples: usize,
    label: &str,
) -> (Option<f64>, Vec<f64>) {
    let (open, closed) = open_closed_frontiers(models, defs);
    let at = open.iter().chain(&closed).map(|p| p.year).fold(f64::NAN, f64::max);
    let m = defs.min_fit_points;
    let point = (|| lag_of(&fit(&open, m)?, &fit(&closed, m)?, at))();
    let draws = if point.is_some() { lag_draws(&open, &closed, at, defs, resamples, label) } else { vec![] };
    (point, draws)
}

fn open_closed_lag(models: &[ClassifiedModel], defs: &Definitions) -> OpenClosedLag {
    let (open, closed) = open_closed_frontiers(models, defs);
    let describe = |pts: &[Point], f: Option<OlsFit>| {
        f.map(|f| CategoryFit {
            n: pts.len(),
            slope_oom_per_year: f.slope,
            intercept: f.intercept,
            models: pts.iter().map(|p| models[p.index].model.name.clone()).collect(),
        })
    };
    let (fo, fc) = (fit(&open, defs.min_fit_points), fit(&closed, defs.min_fit_points));
    let at = open.iter().chain(&closed).map(|p| p.year).fold(f64::NAN, f64::max);
    let lag = match (&fo, &fc) {
        (Some(o), Some(c)) => lag_of(o, c, at),
        _ => None,
    };
    let draws = match lag {
        Some(_) => lag_draws(&open, &closed, at, defs, defs.bootstrap_resamples, "openness/lag"),
        None => vec![],
    };
    let summary = Summary::of(&draws);
    let valid = summary.map_or(0, |s| s.n_valid);
    let flagged = !draws.is_empty() && (valid as f64) < defs.min_valid_bootstrap_share * draws.len() as f64;
    OpenClosedLag {
        fit_start: defs.open_closed_fit_start,
        gap_oom: match (&fo, &fc) {
            (Some(o), Some(c)) => Some(c.predict(at) - o.predict(at)),
            _ => None,
        },
        open: describe(&open, fo),
        closed: describe(&closed, fc),
        evaluated_at: at.is_finite().then_some(at),
        lag_years: lag,
        lag_years_ci95: summary.map(|s| s.ci95),
        lag_years_ci90: summary.map(|s| s.ci90),
        bootstrap_valid: valid,
        bootstrap_drawn: draws.len(),
        interval_flagged: flagged,
    }
}

/// Analysis 6.
pub fn openness(models: &[ClassifiedModel], defs: &Definitions) -> OpennessResult {
    let notable: Vec<(i32, cd_domain::TeamKind, AccessibilityClass)> = notable_indices(models, defs)
        .into_iter()
        .filter_map(|i| {
            let m = &models[i];
            Some((calendar_year(m.model.decimal_year()?), team_kind(m, defs), m.model.accessibility.class()))
        })
        .collect();
    let first = calendar_year(defs.dl_era_start);
    let last = notable.iter().map(|r| r.0).max().unwrap_or(first);
    let mut shares = vec![];
    for team in TeamGroup::ALL {
        for year in first..=last {
            let cell: Vec<_> = notable.iter().filter(|r| r.0 == year && team.contains(r.1)).collect();
            let n_open = cell.iter().filter(|r| r.2 == AccessibilityClass::Open).count();
            let n_unknown = cell.iter().filter(|r| r.2 == AccessibilityClass::Unknown).count();
            let n_known = cell.len() - n_unknown;
            shares.push(OpenShareRow {
                team,
                year,
                n_known,
                n_open,
                n_unknown,
                share_open: (n_known > 0).then(|| n_open as f64 / n_known as f64),
            });
        }
    }
    OpennessResult { shares, lag: open_closed_lag(models, defs) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::testutil::model;
    use cd_domain::definitions::FrontierRule;
    use cd_domain::{Accessibility, TeamKind};

    #[test]
    fn lag_is_gap_over_closed_slope() {
        // Closed: 10^(20 + (t - 2018)); open: one OOM below, i.e. one year behind.
        let mut ms = vec![];
        for y in 2018..2024 {
            let mut c = model(
                &format!("c{y}"),
                &format!("{y}"),
                Some(10f64.powi(20 + y - 2018)),
                TeamKind::IndustryOnly,
            );
            c.model.accessibility = Accessibility::Api;
            let mut o = model(
                &format!("o{y}"),
                &format!("{y}"),
                Some(10f64.powi(19 + y - 2018)),
                TeamKind::AcademicOnly,
            );
            o.model.accessibility = Accessibility::OpenWeightsUnrestricted;
            ms.push(c);
            ms.push(o);
        }
        let mut unknown = model("u", "2020", Some(1e10), TeamKind::AcademicOnly);
        unknown.model.accessibility = Accessibility::Unknown;
        ms.push(unknown);
        let defs = Definitions {
            open_closed_frontier_rule: FrontierRule::TopN { n: 1 },
            bootstrap_resamples: 200,
            bootstrap_jitter: false,
            ..Definitions::default()
        };
        let r = openness(&ms, &defs);
        assert!((r.lag.lag_years.unwrap() - 1.0).abs() < 1e-9, "{:?}", r.lag.lag_years);
        assert!((r.lag.gap_oom.unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(r.lag.closed.as_ref().unwrap().n, 6);
        // Without jitter every resample of exact lines gives the same lag (degenerate draws excluded).
        let ci = r.lag.lag_years_ci95.unwrap();
        assert!((ci[0] - 1.0).abs() < 1e-9 && (ci[1] - 1.0).abs() < 1e-9);
        let a2020 = r.shares.iter().find(|s| s.team == TeamGroup::AcademicOnly && s.year == 2020).unwrap();
        assert_eq!((a2020.n_known, a2020.n_open, a2020.n_unknown, a2020.share_open), (1, 1, 1, Some(1.0)));
        let all2020 = r.shares.iter().find(|s| s.team == TeamGroup::All && s.year == 2020).unwrap();
        assert_eq!(all2020.share_open, Some(0.5));
        assert_eq!(lag_point(&ms, &defs), r.lag.lag_years);
    }
}
