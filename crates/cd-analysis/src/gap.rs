//! Analysis 5: the frontier gap between industry-only and academic-only compute.
//!
//! For each calendar year from `dl_era_start`: the running maximum of log10 compute of each team kind over
//! the notable models published up to the end of that year (from `dl_era_start` on, or every model however
//! old, as `Definitions::gap_from` says), and the top-n envelope (the mean log10
//! compute of the `gap_top_n` largest such models). The gap is industry minus academic, in orders of
//! magnitude, and in years of lag: gap ÷ the industry-only DL-era OLS slope (how long industry's trend
//! took to grow by the gap). `gap_trend_oom_per_year` is the OLS slope of the yearly gap on the year: a
//! positive value means the gap widened. Teams use the academic-only rule.

use crate::population::{calendar_year, compute_points, Point};
use cd_domain::definitions::GapFrom;
use cd_domain::{ClassifiedModel, Definitions, TeamKind};
use cd_stats::ols;
use serde::Serialize;

pub use cd_domain::definitions::GapMeasure;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapRow {
    pub year: i32,
    pub industry_max_log10: Option<f64>,
    pub academic_max_log10: Option<f64>,
    pub gap_max_oom: Option<f64>,
    pub gap_max_years: Option<f64>,
    pub industry_top_n_log10: Option<f64>,
    pub academic_top_n_log10: Option<f64>,
    pub gap_top_n_oom: Option<f64>,
    pub gap_top_n_years: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapResult {
    /// Which models fed the envelopes (`dl_era` or `all_models`).
    pub gap_from: GapFrom,
    /// n of the top-n envelope.
    pub top_n: usize,
    /// Industry-only DL-era OLS slope (OOM/year) that converts gaps into years.
    pub industry_slope_oom_per_year: Option<f64>,
    pub rows: Vec<GapRow>,
    /// OLS slope of the running-max gap on year (OOM per year); > 0: the gap widened.
    pub gap_max_trend_oom_per_year: Option<f64>,
    /// The same for the top-n envelope.
    pub gap_top_n_trend_oom_per_year: Option<f64>,
}

impl GapResult {
    /// The trend of the gap under one measure.
    pub fn trend(&self, measure: GapMeasure) -> Option<f64> {
        match measure {
            GapMeasure::RunningMax => self.gap_max_trend_oom_per_year,
            GapMeasure::TopNMean => self.gap_top_n_trend_oom_per_year,
        }
    }
}

/// Mean of the `n` largest values of a list kept sorted descending.
pub(crate) fn top_mean(sorted_desc: &[f64], n: usize) -> Option<f64> {
    let k = sorted_desc.len().min(n.max(1));
    (k > 0).then(|| sorted_desc[..k].iter().sum::<f64>() / k as f64)
}

/// Insert `x` into `v`, kept sorted descending and holding at most `cap` values: the `cap` largest
/// inserted so far, the same as the first `cap` of the whole list (all that the running maximum and the
/// top-n mean read), without moving every smaller value on each insert.
fn insert_desc(v: &mut Vec<f64>, x: f64, cap: usize) {
    let at = v.partition_point(|&s| s > x);
    if at < cap {
        v.insert(at, x);
        v.truncate(cap);
    }
}

/// Analysis 5.
pub fn gap(models: &[ClassifiedModel], defs: &Definitions) -> GapResult {
    gap_of_points(&compute_points(models, defs), defs)
}

/// Walk the years from `dl_era_start` to the last point's, calling `year_done(year, industry, academic)`
/// with each team's largest log10 compute so far (sorted descending, at most `gap_top_n` of them, at
/// least one) once the points up to that year are in.
fn envelopes(points: &[Point], defs: &Definitions, mut year_done: impl FnMut(i32, &[f64], &[f64])) {
    let first = calendar_year(defs.dl_era_start);
    let last = points.last().map(|p| calendar_year(p.year)).unwrap_or(first);
    // Only the `gap_top_n` largest of each team are read (at least one: the running maximum).
    let cap = defs.gap_top_n.max(1);
    let (mut ind, mut aca): (Vec<f64>, Vec<f64>) = (Vec::with_capacity(cap + 1), Vec::with_capacity(cap + 1));
    let mut next = 0;
    for year in first..=last {
        while next < points.len() && calendar_year(points[next].year) <= year {
            let p = &points[next];
            next += 1;
            if defs.gap_from == GapFrom::DlEra && p.year < defs.dl_era_start {
                continue;
            }
            match p.team {
                TeamKind::IndustryOnly => insert_desc(&mut ind, p.log10_flop, cap),
                TeamKind::AcademicOnly => insert_desc(&mut aca, p.log10_flop, cap),
                _ => {}
            }
        }
        year_done(year, &ind, &aca);
    }
}

/// The trend of the gap under one measure alone: `gap_of_points(points, defs).trend(measure)`, without
/// the industry slope and the rows (the specification curve's bootstrap asks for nothing else).
pub fn gap_trend_of_points(points: &[Point], defs: &Definitions, measure: GapMeasure) -> Option<f64> {
    let (mut x, mut y) = (vec![], vec![]);
    envelopes(points, defs, |year, ind, aca| {
        let gap = match measure {
            GapMeasure::RunningMax => ind.first().zip(aca.first()).map(|(i, a)| i - a),
            GapMeasure::TopNMean => {
                top_mean(ind, defs.gap_top_n).zip(top_mean(aca, defs.gap_top_n)).map(|(i, a)| i - a)
            }
        };
        if let Some(g) = gap {
            x.push(year as f64);
            y.push(g);
        }
    });
    ols(&x, &y).map(|f| f.slope)
}

/// Analysis 5 on prepared points (sorted by date, teams under the academic-only rule).
pub fn gap_of_points(points: &[Point], defs: &Definitions) -> GapResult {
    let industry_dl: (Vec<f64>, Vec<f64>) = points
        .iter()
        .filter(|p| p.team == TeamKind::IndustryOnly && p.year >= defs.dl_era_start)
        .map(|p| (p.year, p.log10_flop))
        .unzip();
    let slope = ols(&industry_dl.0, &industry_dl.1).map(|f| f.slope).filter(|s| *s > 0.0);
    let mut rows = vec![];
    envelopes(points, defs, |year, ind, aca| {
        let (im, am) = (ind.first().copied(), aca.first().copied());
        let (it, at) = (top_mean(ind, defs.gap_top_n), top_mean(aca, defs.gap_top_n));
        let diff = |a: Option<f64>, b: Option<f64>| Some(a? - b?);
        let years = |g: Option<f64>| Some(g? / slope?);
        let gm = diff(im, am);
        let gt = diff(it, at);
        rows.push(GapRow {
            year,
            industry_max_log10: im,
            academic_max_log10: am,
            gap_max_oom: gm,
            gap_max_years: years(gm),
            industry_top_n_log10: it,
            academic_top_n_log10: at,
            gap_top_n_oom: gt,
            gap_top_n_years: years(gt),
        });
    });
    let trend = |get: fn(&GapRow) -> Option<f64>| {
        let (x, y): (Vec<f64>, Vec<f64>) =
            rows.iter().filter_map(|r| get(r).map(|g| (r.year as f64, g))).unzip();
        ols(&x, &y).map(|f| f.slope)
    };
    GapResult {
        gap_from: defs.gap_from,
        top_n: defs.gap_top_n,
        industry_slope_oom_per_year: slope,
        gap_max_trend_oom_per_year: trend(|r| r.gap_max_oom),
        gap_top_n_trend_oom_per_year: trend(|r| r.gap_top_n_oom),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::testutil::model;

    #[test]
    fn running_max_and_envelope() {
        let ms = vec![
            model("a0", "2009", Some(1e16), TeamKind::AcademicOnly),
            model("i0", "2010", Some(1e17), TeamKind::IndustryOnly),
            model("a1", "2011", Some(1e17), TeamKind::AcademicOnly),
            model("i1", "2011", Some(1e19), TeamKind::IndustryOnly),
            model("i2", "2012", Some(1e21), TeamKind::IndustryOnly),
        ];
        let defs = Definitions { gap_top_n: 2, gap_from: GapFrom::AllModels, ..Definitions::default() };
        let g = gap(&ms, &defs);
        // Industry slope: points (2010.5, 17), (2011.5, 19), (2012.5, 21) → 2 OOM/yr.
        assert!((g.industry_slope_oom_per_year.unwrap() - 2.0).abs() < 1e-9);
        let r: Vec<_> = g.rows.iter().map(|r| (r.year, r.gap_max_oom, r.gap_top_n_oom)).collect();
        assert_eq!(r[0], (2010, Some(1.0), Some(1.0)));
        assert_eq!(r[1], (2011, Some(2.0), Some(18.0 - 16.5)));
        assert_eq!(r[2], (2012, Some(4.0), Some(20.0 - 16.5)));
        assert_eq!(g.rows[2].gap_max_years, Some(2.0));
        // Gaps 1, 2, 4 over 2010..2012: slope 1.5 OOM/yr.
        assert!((g.gap_max_trend_oom_per_year.unwrap() - 1.5).abs() < 1e-12);
    }

    #[test]
    fn the_trend_alone_equals_the_full_result_bit_for_bit() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let kinds = [TeamKind::AcademicOnly, TeamKind::IndustryOnly, TeamKind::Collaboration];
        let ms: Vec<ClassifiedModel> = (0..300)
            .map(|i| {
                let year = rng.gen_range(1995..2025);
                let flop = 10f64.powf(rng.gen_range(14.0..25.0));
                model(&format!("m{i}"), &year.to_string(), Some(flop), kinds[i % 3])
            })
            .collect();
        let points = compute_points(&ms, &Definitions::default());
        for gap_top_n in [1, 3, 10, 1000] {
            for gap_from in [GapFrom::AllModels, GapFrom::DlEra] {
                let defs = Definitions { gap_top_n, gap_from, ..Definitions::default() };
                let full = gap_of_points(&points, &defs);
                for m in [GapMeasure::RunningMax, GapMeasure::TopNMean] {
                    let alone = gap_trend_of_points(&points, &defs, m);
                    assert_eq!(alone.map(f64::to_bits), full.trend(m).map(f64::to_bits), "{gap_top_n} {m:?}");
                    assert!(alone.is_some());
                }
            }
        }
    }

    /// The capped envelope keeps what the whole sorted list would show: its first `cap` values.
    #[test]
    fn the_capped_envelope_is_the_head_of_the_whole_list() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for cap in [1, 2, 5] {
            let (mut whole, mut capped) = (vec![], vec![]);
            for _ in 0..200 {
                // Ties on purpose: values on a coarse grid.
                let x = rng.gen_range(0..20) as f64 / 2.0;
                insert_desc(&mut whole, x, usize::MAX);
                insert_desc(&mut capped, x, cap);
                assert_eq!(capped, whole[..whole.len().min(cap)]);
            }
        }
    }

    #[test]
    fn gap_from_leaves_pre_dl_models_out() {
        // An old industry giant (1992) would set the 2010 industry frontier under `all_models`.
        let ms = vec![
            model("old", "1992", Some(1e20), TeamKind::IndustryOnly),
            model("a0", "2010", Some(1e16), TeamKind::AcademicOnly),
            model("i0", "2010", Some(1e17), TeamKind::IndustryOnly),
            model("i1", "2011", Some(1e19), TeamKind::IndustryOnly),
            model("a1", "2011", Some(1e18), TeamKind::AcademicOnly),
        ];
        let all = gap(&ms, &Definitions { gap_from: GapFrom::AllModels, ..Definitions::default() });
        let dl = gap(&ms, &Definitions::default());
        assert_eq!(dl.gap_from, GapFrom::DlEra);
        let first = |g: &GapResult| (g.rows[0].industry_max_log10, g.rows[0].gap_max_oom);
        assert_eq!(first(&all), (Some(20.0), Some(4.0)));
        assert_eq!(first(&dl), (Some(17.0), Some(1.0)));
        // Gaps 4, 2 (all) against 1, 1 (DL era): the old model alone made the gap look like it closed.
        assert!((all.gap_max_trend_oom_per_year.unwrap() + 2.0).abs() < 1e-12);
        assert!(dl.gap_max_trend_oom_per_year.unwrap().abs() < 1e-12);
    }
}
