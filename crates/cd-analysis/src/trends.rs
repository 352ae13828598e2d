//! Analysis 1: compute trends per team group and era (Sevilla et al. 2022, in Epoch's manner).
//!
//! Eras: `pre_dl` = models published before `dl_era_start`; `dl` = every model from `dl_era_start` on;
//! `large_scale` = large-scale models (by `large_scale_rule`, judged among all notable models with
//! compute) published from `large_scale_era_start` on. Within each era and team group: OLS of log10
//! training FLOP on decimal year, and a bootstrap (B = `bootstrap_resamples`, seeded, jittered if
//! `bootstrap_jitter`) of the slope, giving 95% and 90% percentile intervals of slope, growth and doubling
//! time. A doubling-time interval is the image of the slope interval (doubling time falls as the slope
//! rises); its upper end is `null` when the slope interval reaches zero (doubling time unbounded).

use crate::largescale::large_scale_flags;
use crate::population::{compute_points, Point, TeamGroup};
use cd_domain::{ClassifiedModel, Definitions};
use cd_stats::{
    bootstrap_slopes, chow_test, default_break_grid, doubling_months, growth_per_year, kinked_fit, ols,
    BootstrapConfig, ChowTest, KinkedFit, Summary,
};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Era {
    PreDl,
    Dl,
    LargeScale,
}

impl Era {
    pub const ALL: [Era; 3] = [Era::PreDl, Era::Dl, Era::LargeScale];

    pub fn as_str(self) -> &'static str {
        match self {
            Era::PreDl => "pre_dl",
            Era::Dl => "dl",
            Era::LargeScale => "large_scale",
        }
    }
}

/// One trend fit. Fields are `null` in JSON when the fit has fewer than `Definitions::min_fit_points` points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendFit {
    pub team: TeamGroup,
    pub era: Era,
    pub n: usize,
    /// Earliest and latest publication date (decimal years) in the fit.
    pub first_year: Option<f64>,
    pub last_year: Option<f64>,
    /// OLS slope of log10 FLOP on decimal year: orders of magnitude per year.
    pub slope_oom_per_year: Option<f64>,
    /// Classical standard error of the slope.
    pub slope_se: Option<f64>,
    pub intercept: Option<f64>,
    /// Growth factor per year, 10^slope.
    pub growth_per_year: Option<f64>,
    /// Doubling time, 12·log10 2 / slope months (`null` if the slope is not positive).
    pub doubling_months: Option<f64>,
    /// Bootstrap percentile intervals [2.5%, 97.5%] and [5%, 95%].
    pub slope_ci95: Option<[f64; 2]>,
    pub slope_ci90: Option<[f64; 2]>,
    pub growth_per_year_ci95: Option<[f64; 2]>,
    pub doubling_months_ci95: [Option<f64>; 2],
    pub doubling_months_ci90: [Option<f64>; 2],
    /// Median of the bootstrap slopes.
    pub slope_bootstrap_median: Option<f64>,
}

/// Everything analysis 1 reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendsResult {
    pub fits: Vec<TrendFit>,
    /// Notable models with a date and compute (the population of every fit).
    pub n_points: usize,
    /// How many of those count as large-scale.
    pub n_large_scale: usize,
    /// Chow test of a break at `dl_era_start` in the trend of all models.
    pub chow_dl_break: Option<ChowTest>,
    /// Two-segment fit of all models with the break chosen by BIC (monthly grid).
    pub kinked_all: Option<KinkedFit>,
}

/// The points of one era (all teams).
pub fn era_points(points: &[Point], large_scale: &[bool], era: Era, defs: &Definitions) -> Vec<Point> {
    points
        .iter()
        .zip(large_scale)
        .filter(|(p, &ls)| match era {
            Era::PreDl => p.year < defs.dl_era_start,
            Era::Dl => p.year >= defs.dl_era_start,
            Era::LargeScale => ls && p.year >= defs.large_scale_era_start,
        })
        .map(|(p, _)| *p)
        .collect()
}

/// Large-scale flags of points sorted by date.
pub fn points_large_scale(points: &[Point], defs: &Definitions) -> Vec<bool> {
    let years: Vec<f64> = points.iter().map(|p| p.year).collect();
    let v: Vec<f64> = points.iter().map(|p| p.log10_flop).collect();
    large_scale_flags(&years, &v, &defs.large_scale_rule)
}

/// Fit one (team, era) cell.
pub fn fit_cell(team: TeamGroup, era: Era, points: &[Point], defs: &Definitions) -> TrendFit {
    let x: Vec<f64> = points.iter().map(|p| p.year).collect();
    let y: Vec<f64> = points.iter().map(|p| p.log10_flop).collect();
    let n = x.len();
    let fit = if n >= defs.min_fit_points { ols(&x, &y) } else { None };
    let mut out = TrendFit {
        team,
        era,
        n,
        first_year: x.first().copied(),
        last_year: x.last().copied(),
        slope_oom_per_year: None,
        slope_se: None,
        intercept: None,
        growth_per_year: None,
        doubling_months: None,
        slope_ci95: None,
        slope_ci90: None,
        growth_per_year_ci95: None,
        doubling_months_ci95: [None, None],
        doubling_months_ci90: [None, None],
        slope_bootstrap_median: None,
    };
    let Some(fit) = fit else { return out };
    out.slope_oom_per_year = Some(fit.slope);
    out.slope_se = Some(fit.slope_se);
    out.intercept = Some(fit.intercept);
    out.growth_per_year = Some(growth_per_year(fit.slope));
    out.doubling_months = doubling_months(fit.slope);
    let cfg = BootstrapConfig {
        resamples: defs.bootstrap_resamples,
        seed: defs.seed,
        jitter: defs.bootstrap_jitter,
    }
    .derive(&format!("trend/{}/{}", team.as_str(), era.as_str()));
    if let Some(s) = Summary::of(&bootstrap_slopes(&x, &y, &cfg)) {
        let interval = |ci: [f64; 2]| [doubling_months(ci[1]), doubling_months(ci[0])];
        out.slope_ci95 = Some(s.ci95);
        out.slope_ci90 = Some(s.ci90);
        out.growth_per_year_ci95 = Some([growth_per_year(s.ci95[0]), growth_per_year(s.ci95[1])]);
        out.doubling_months_ci95 = interval(s.ci95);
        out.doubling_months_ci90 = interval(s.ci90);
        out.slope_bootstrap_median = Some(s.median);
    }
    out
}

/// Analysis 1 over every team group × era.
pub fn trends(models: &[ClassifiedModel], defs: &Definitions) -> TrendsResult {
    let points = compute_points(models, defs);
    let large_scale = points_large_scale(&points, defs);
    let cells: Vec<(TeamGroup, Era)> =
        TeamGroup::ALL.iter().flat_map(|&t| Era::ALL.iter().map(move |&e| (t, e))).collect();
    let fits: Vec<TrendFit> = cells
        .par_iter()
        .map(|&(team, era)| {
            let pts: Vec<Point> = era_points(&points, &large_scale, era, defs)
                .into_iter()
                .filter(|p| team.contains(p.team))
                .collect();
            fit_cell(team, era, &pts, defs)
        })
        .collect();
    let x: Vec<f64> = points.iter().map(|p| p.year).collect();
    let y: Vec<f64> = points.iter().map(|p| p.log10_flop).collect();
    TrendsResult {
        fits,
        n_points: points.len(),
        n_large_scale: large_scale.iter().filter(|f| **f).count(),
        chow_dl_break: chow_test(&x, &y, defs.dl_era_start),
        kinked_all: kinked_fit(&x, &y, &default_break_grid(&x, 1.0 / 12.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::testutil::model;
    use cd_domain::TeamKind;

    fn synthetic() -> Vec<ClassifiedModel> {
        // Industry grows 1 OOM/yr, academia 0.5 OOM/yr, from 2012 to 2021; pre-DL academia 0.1 OOM/yr.
        let mut v = vec![];
        for i in 0..40 {
            let t = 2012.0 + i as f64 * 0.25;
            let (y, m) = (t.floor() as i32, 1 + (i % 4) * 3);
            let wobble = [0.2, -0.1, -0.2, 0.1][(i % 4) as usize];
            v.push(model(
                &format!("ind{i}"),
                &format!("{y}-{m:02}-01"),
                Some(10f64.powf(18.0 + (t - 2012.0) + wobble)),
                TeamKind::IndustryOnly,
            ));
            v.push(model(
                &format!("aca{i}"),
                &format!("{y}-{m:02}-15"),
                Some(10f64.powf(17.0 + 0.5 * (t - 2012.0) - wobble)),
                TeamKind::AcademicOnly,
            ));
        }
        for i in 0..10 {
            v.push(model(
                &format!("old{i}"),
                &format!("{}", 1990 + 2 * i),
                Some(10f64.powf(12.0 + 0.2 * i as f64)),
                TeamKind::AcademicOnly,
            ));
        }
        v
    }

    #[test]
    fn slopes_by_team_and_era() {
        let ms = synthetic();
        let defs = Definitions { bootstrap_resamples: 200, ..Definitions::default() };
        let r = trends(&ms, &defs);
        let get = |t, e| r.fits.iter().find(|f| f.team == t && f.era == e).unwrap();
        let ind = get(TeamGroup::IndustryOnly, Era::Dl);
        let aca = get(TeamGroup::AcademicOnly, Era::Dl);
        assert_eq!((ind.n, aca.n), (40, 40));
        // Month-start dates sit a little off the quarter grid, so the slope is close to, not exactly, 1.
        assert!((ind.slope_oom_per_year.unwrap() - 1.0).abs() < 0.05, "{:?}", ind.slope_oom_per_year);
        assert!((aca.slope_oom_per_year.unwrap() - 0.5).abs() < 0.05);
        let pre = get(TeamGroup::All, Era::PreDl);
        assert_eq!(pre.n, 10);
        assert!((pre.slope_oom_per_year.unwrap() - 0.1).abs() < 1e-9);
        assert!(get(TeamGroup::Collaboration, Era::Dl).slope_oom_per_year.is_none());
        let ci = ind.doubling_months_ci95;
        let dm = ind.doubling_months.unwrap();
        assert!(ci[0].unwrap() < dm && dm < ci[1].unwrap(), "{ci:?} vs {dm}");
        assert!(r.chow_dl_break.is_some());
    }

    #[test]
    fn deterministic_and_seed_sensitive() {
        let ms = synthetic();
        let defs = Definitions { bootstrap_resamples: 100, ..Definitions::default() };
        assert_eq!(trends(&ms, &defs), trends(&ms, &defs));
        let other = Definitions { seed: 1, ..defs.clone() };
        assert_ne!(trends(&ms, &defs).fits[4].slope_ci95, trends(&ms, &other).fits[4].slope_ci95);
    }
}
