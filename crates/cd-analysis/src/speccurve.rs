//! Analysis 8: the specification curve — each headline claim under every combination of the disputed
//! definitions it depends on, on every vintage given, each specification with its bootstrap interval.
//!
//! Claims ([`Claim`]), their estimate and when a specification supports the claim:
//! - `academic_share_fell`: academic-only share of large-scale models in the last period minus the first
//!   (`Definitions::periods`); supports when < 0. Varies vintage × team source × notability × academic-only
//!   rule × large-scale rule.
//! - `industry_trend_steeper`: industry-only minus academic-only OLS slope (OOM/year) in the DL era or the
//!   large-scale era; supports when > 0. Varies vintage × team source × notability × academic-only rule ×
//!   era (the large-scale era once per large-scale rule).
//! - `frontier_gap_widened`: OLS slope of the yearly industry-minus-academic gap (OOM/year; see `gap`);
//!   supports when > 0. Varies vintage × team source × notability × academic-only rule × gap source
//!   (`gap_from`) × gap measure.
//! - `open_models_lag`: open-vs-closed lag in years (see `openness`); supports when > 0. Varies vintage ×
//!   notability × frontier rule applied within each category (teams do not enter it).
//!
//! The values varied are `Definitions::spec_curve`, joined by the values in force elsewhere in the
//! definitions (a user's own rule joins the curve). Only the definitions a claim depends on are varied for
//! it, so that no specification is counted twice. Each specification's 95% interval is a percentile
//! bootstrap with `spec_curve.resamples` draws (models resampled with replacement, log10 compute jittered as
//! `bootstrap_jitter` says; the large-scale and frontier flags are those of the full sample), seeded by the
//! specification itself. The analysis takes the vintages as data, so it stays I/O-free; the caller loads
//! them.

use crate::gap::{gap_of_points, top_mean, GapMeasure};
use crate::openness::lag_with_draws;
use crate::population::{calendar_year, compute_points, Point};
use crate::trends::{era_points, points_large_scale, Era};
use cd_domain::definitions::{
    AcademicOnlyRule, FrontierRule, GapFrom, LargeScaleRule, NotabilityFilter, TeamSourceRule,
};
use cd_domain::{ClassifiedModel, Definitions, TeamKind};
use cd_stats::{
    bootstrap_map, bootstrap_map_init, derive_seed, ols, ols_slope, quantile_sorted, IndexSampler, Summary,
    JITTER_HALF_WIDTH,
};
use rand::distributions::{Distribution, Uniform};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;

/// The claims the curve tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Claim {
    AcademicShareFell,
    IndustryTrendSteeper,
    FrontierGapWidened,
    OpenModelsLag,
    /// Academic-only paper shares fell more in compute-intensive topics (computed on papers, by
    /// `topics::speccurve`).
    TopicIntensity,
}

impl Claim {
    pub const ALL: [Claim; 5] = [
        Claim::AcademicShareFell,
        Claim::IndustryTrendSteeper,
        Claim::FrontierGapWidened,
        Claim::OpenModelsLag,
        Claim::TopicIntensity,
    ];

    /// The claims computed from the model tables alone ([`spec_curve`]).
    pub const MODEL: [Claim; 4] = [
        Claim::AcademicShareFell,
        Claim::IndustryTrendSteeper,
        Claim::FrontierGapWidened,
        Claim::OpenModelsLag,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Claim::AcademicShareFell => "academic_share_fell",
            Claim::IndustryTrendSteeper => "industry_trend_steeper",
            Claim::FrontierGapWidened => "frontier_gap_widened",
            Claim::OpenModelsLag => "open_models_lag",
            Claim::TopicIntensity => "topic_intensity",
        }
    }

    pub fn statement(self) -> &'static str {
        match self {
            Claim::AcademicShareFell => "The academic-only share of large-scale models fell.",
            Claim::IndustryTrendSteeper => "Industry's compute trend is steeper than academia's.",
            Claim::FrontierGapWidened => "The frontier gap between industry and academia widened.",
            Claim::OpenModelsLag => "Open-weight models lag closed ones.",
            Claim::TopicIntensity => "Academic-only paper shares fell more in compute-intensive topics.",
        }
    }

    /// What the estimate measures and in which unit.
    pub fn estimate(self) -> &'static str {
        match self {
            Claim::AcademicShareFell => {
                "academic-only share of large-scale models, last period minus first (fraction)"
            }
            Claim::IndustryTrendSteeper => {
                "industry-only minus academic-only OLS slope of log10 FLOP on date (OOM/year)"
            }
            Claim::FrontierGapWidened => {
                "OLS slope of the yearly industry-minus-academic frontier gap (OOM/year)"
            }
            Claim::OpenModelsLag => "open-vs-closed frontier lag (years)",
            Claim::TopicIntensity => {
                "slope of the change in a topic's academic-only paper share on its compute intensity \
                 (fraction per OOM of training FLOP)"
            }
        }
    }

    pub fn supports_when(self) -> &'static str {
        match self {
            Claim::AcademicShareFell | Claim::TopicIntensity => "estimate < 0",
            _ => "estimate > 0",
        }
    }

    /// Does an estimate support the claim?
    pub fn supports(self, estimate: f64) -> bool {
        match self {
            Claim::AcademicShareFell | Claim::TopicIntensity => estimate < 0.0,
            _ => estimate > 0.0,
        }
    }

    /// The definitions varied for the claim, in the order of each specification's choices.
    pub fn dimensions(self) -> &'static [&'static str] {
        match self {
            Claim::AcademicShareFell => {
                &["vintage", "notability", "academic_only", "large_scale", "team_source"]
            }
            Claim::IndustryTrendSteeper => &["vintage", "notability", "academic_only", "era", "team_source"],
            Claim::FrontierGapWidened => {
                &["vintage", "notability", "academic_only", "gap_measure", "team_source", "gap_from"]
            }
            Claim::OpenModelsLag => &["vintage", "notability", "open_closed_frontier"],
            Claim::TopicIntensity => {
                &["author_evidence", "unknown_authors", "venue_set", "counting", "periods"]
            }
        }
    }
}

impl std::fmt::Display for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

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

/// One vintage of the model table: its name (file stem) and its classified models (teams chosen by the
/// base definitions' `team_source`; other team sources are chosen again from each model's candidates).
pub struct Vintage<'a> {
    pub name: String,
    pub models: &'a [ClassifiedModel],
}

/// One specification and its estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spec {
    pub vintage: String,
    /// (definition, value) pairs, in the claim's dimension order.
    pub choices: Vec<(String, String)>,
    pub estimate: Option<f64>,
    /// Percentile bootstrap 95% interval (`null` without an estimate or with `spec_curve.resamples` = 0).
    pub ci95: Option<[f64; 2]>,
    /// `null` when the estimate could not be computed (too few models).
    pub supports: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCurve {
    pub claim: Claim,
    pub statement: String,
    /// What the estimate measures and in which unit.
    pub estimate: String,
    pub supports_when: String,
    pub dimensions: Vec<String>,
    pub n_specs: usize,
    pub n_estimated: usize,
    pub n_supporting: usize,
    /// Specifications whose whole 95% interval lies on the supporting side.
    pub n_supporting_ci95: usize,
    /// n_supporting / n_estimated.
    pub share_supporting: Option<f64>,
    /// Quantiles (0, 25, 50, 75, 100%) of the estimates.
    pub min: Option<f64>,
    pub q25: Option<f64>,
    pub median: Option<f64>,
    pub q75: Option<f64>,
    pub max: Option<f64>,
    /// Bootstrap resamples behind each specification's interval.
    pub resamples: usize,
    /// Every specification, sorted by estimate (the curve), uncomputable ones last.
    pub specs: Vec<Spec>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpecCurveResult {
    pub vintages: Vec<String>,
    pub claims: Vec<ClaimCurve>,
}

/// Industry-only minus academic-only slope of points, each team needing `min_points`.
fn slope_diff(points: &[Point], min_points: usize) -> Option<f64> {
    let slope = |team: TeamKind| {
        let (x, y): (Vec<f64>, Vec<f64>) =
            points.iter().filter(|p| p.team == team).map(|p| (p.year, p.log10_flop)).unzip();
        if x.len() < min_points {
            return None;
        }
        ols(&x, &y).map(|f| f.slope)
    };
    Some(slope(TeamKind::IndustryOnly)? - slope(TeamKind::AcademicOnly)?)
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

/// Bootstrap draws of a statistic of (points, flags): points resampled with replacement (flags carried,
/// log10 compute jittered when `jitter`), sorted by date again, the statistic recomputed; NaN when it
/// gives nothing.
///
/// The resample is put in order by (date, model index), repeated draws of one point in the order drawn
/// (a stable sort). When `points` are already in that order with distinct keys (as `compute_points`
/// gives them), that order is the order of the points' positions, so a counting sort by position gives
/// the same sequence in linear time; otherwise the draws are sorted.
fn point_draws(
    points: &[Point],
    flags: &[bool],
    resamples: usize,
    seed: u64,
    jitter: bool,
    statistic: impl Fn(&[Point], &[bool]) -> Option<f64> + Sync,
) -> Vec<f64> {
    point_draws_in(points, flags, resamples, seed, jitter, statistic, true)
}

/// [`point_draws`], with the counting sort allowed or not (`counting`; a test compares the two).
fn point_draws_in(
    points: &[Point],
    flags: &[bool],
    resamples: usize,
    seed: u64,
    jitter: bool,
    statistic: impl Fn(&[Point], &[bool]) -> Option<f64> + Sync,
    counting: bool,
) -> Vec<f64> {
    if points.is_empty() || resamples == 0 {
        return vec![];
    }
    let key_order = |a: &Point, b: &Point| a.year.total_cmp(&b.year).then(a.index.cmp(&b.index));
    let in_key_order =
        counting && points.windows(2).all(|w| key_order(&w[0], &w[1]) == std::cmp::Ordering::Less);
    let n = points.len();
    let index = IndexSampler::new(n);
    // Built once: `gen_range` over an inclusive float range builds this very sampler on every call
    // (rand 0.8's `sample_single_inclusive`), so the draws are the same.
    let shift_of = Uniform::new_inclusive(-JITTER_HALF_WIDTH, JITTER_HALF_WIDTH);
    // Each rayon job keeps its buffers across the resamples it runs (every resample overwrites them).
    let scratch = || (Vec::<(u32, f64)>::with_capacity(n), Vec::<u32>::new(), Vec::new(), Vec::new());
    bootstrap_map_init(resamples, seed, scratch, |scratch, rng| {
        if in_key_order {
            let (drawn, starts, p, f) = scratch;
            // Positions drawn (and jitter, in the same order of random draws as below), then placed
            // by a counting sort on the position: stable, so repeats keep the order drawn.
            drawn.clear();
            starts.clear();
            starts.resize(n + 1, 0);
            for _ in 0..n {
                let i = index.draw(rng);
                let shift = if jitter { shift_of.sample(rng) } else { 0.0 };
                starts[i + 1] += 1;
                drawn.push((i as u32, shift));
            }
            for k in 1..=n {
                starts[k] += starts[k - 1];
            }
            p.clear();
            p.resize(n, points[0]);
            f.clear();
            f.resize(n, false);
            for &(i, shift) in drawn.iter() {
                let i = i as usize;
                let at = starts[i] as usize;
                starts[i] += 1;
                let mut q = points[i];
                if jitter {
                    q.log10_flop += shift;
                }
                p[at] = q;
                f[at] = flags[i];
            }
            return statistic(p, f).unwrap_or(f64::NAN);
        }
        let mut drawn: Vec<(Point, bool)> = (0..n)
            .map(|_| {
                let i = index.draw(rng);
                let mut p = points[i];
                if jitter {
                    p.log10_flop += shift_of.sample(rng);
                }
                (p, flags[i])
            })
            .collect();
        drawn.sort_by(|a, b| key_order(&a.0, &b.0));
        let (p, f): (Vec<Point>, Vec<bool>) = drawn.into_iter().unzip();
        statistic(&p, &f).unwrap_or(f64::NAN)
    })
}

/// One resample's draws, in the order [`point_draws`] makes them: `n` positions, each followed by its
/// jitter shift when `jitter` (0 otherwise), handed to `each(position, shift)` as drawn.
#[inline]
fn draw_resample(
    rng: &mut ChaCha8Rng,
    n: usize,
    index: &IndexSampler,
    shift_of: &Uniform<f64>,
    jitter: bool,
    mut each: impl FnMut(usize, f64),
) {
    for _ in 0..n {
        let i = index.draw(rng);
        let shift = if jitter { shift_of.sample(rng) } else { 0.0 };
        each(i, shift);
    }
}

/// [`point_draws`] of [`share_change`] (without jitter), bit for bit. The share change reads only how
/// many large-scale models of known team, and how many academic-only ones, each of the two periods
/// holds: so each resample counts its draws by a code of each point, without building or sorting the
/// resample.
fn share_draws(
    points: &[Point],
    large: &[bool],
    defs: &Definitions,
    resamples: usize,
    seed: u64,
) -> Vec<f64> {
    if points.is_empty() || resamples == 0 {
        return vec![];
    }
    let (Some(last), Some(first)) = (defs.periods.last(), defs.periods.first()) else {
        return vec![f64::NAN; resamples];
    };
    // Per point: bit 0, known team in the last period; bit 1, academic-only there; bits 2 and 3 the
    // same in the first period.
    let codes: Vec<u8> = points
        .iter()
        .zip(large)
        .map(|(p, &l)| {
            let known = l && p.team != TeamKind::Unknown;
            let aca = (p.team == TeamKind::AcademicOnly) as u8;
            let year = calendar_year(p.year);
            let mut code = 0;
            if known && last.contains(year) {
                code |= 1 | aca << 1;
            }
            if known && first.contains(year) {
                code |= 4 | aca << 3;
            }
            code
        })
        .collect();
    let n = points.len();
    let index = IndexSampler::new(n);
    bootstrap_map(resamples, seed, |rng| {
        let (mut known_last, mut aca_last, mut known_first, mut aca_first) = (0usize, 0usize, 0usize, 0usize);
        for _ in 0..n {
            let code = codes[index.draw(rng)] as usize;
            known_last += code & 1;
            aca_last += (code >> 1) & 1;
            known_first += (code >> 2) & 1;
            aca_first += code >> 3;
        }
        let share = |known: usize, aca: usize| (known > 0).then(|| aca as f64 / known as f64);
        match (share(known_last, aca_last), share(known_first, aca_first)) {
            (Some(l), Some(f)) => l - f,
            _ => f64::NAN,
        }
    })
}

/// Insert `x` into `list[..*len]`, kept sorted descending and holding at most `list.len()` values: what
/// `gap`'s envelopes do with a vector (the same values in the same places).
#[inline]
fn insert_capped(list: &mut [f64], len: &mut usize, x: f64) {
    let (cap, n) = (list.len(), *len);
    if n == cap && list[cap - 1] > x {
        return; // every kept value is larger
    }
    let at = list[..n].partition_point(|&s| s > x);
    if at < cap {
        list.copy_within(at..n.min(cap - 1), at + 1);
        list[at] = x;
        *len = (n + 1).min(cap);
    }
}

/// Put `x` among the `cap` values of `top`, kept sorted descending (unfilled places hold −∞), the
/// smallest of the `cap + 1` dropped; without a branch on the values. Equal values are the same bits
/// here (finite log10 compute, never a signed zero), so the values and their order are those of
/// `gap`'s envelopes, whichever of two equal values is kept.
#[inline]
fn push_top(top: &mut [f64], mut x: f64) {
    for s in top.iter_mut() {
        let (hi, lo) = if x > *s { (x, *s) } else { (*s, x) };
        *s = hi;
        x = lo;
    }
}

/// Above this `gap_top_n`, the envelopes' lists take their values by [`insert_capped`] rather than by
/// [`push_top`] (whose cost grows with the list).
const PUSH_TOP_MAX: usize = 8;

/// Put `x` among the largest values kept in `list` (`*len` of them, at most `list.len()`, sorted
/// descending): by [`push_top`] up to [`PUSH_TOP_MAX`] places (unfilled ones hold −∞), else by
/// [`insert_capped`]; the same values in the same places either way.
#[inline]
fn keep_top(list: &mut [f64], len: &mut usize, x: f64) {
    if list.len() <= PUSH_TOP_MAX {
        push_top(list, x);
        *len = (*len + 1).min(list.len());
    } else {
        insert_capped(list, len, x);
    }
}

/// [`point_draws`] of [`gap_trend_of_points`], bit for bit. The trend reads, for each year from
/// `dl_era_start` to the resample's last, each team's largest log10 compute so far (at most
/// `gap_top_n`, sorted descending): values that depend on which values were drawn in which year, not
/// on the order of the resample. So each resample keeps the largest values of each (year, team) as they
/// are drawn (the largest alone for the running maximum) and folds the years in order, without building
/// or sorting the resample.
fn gap_draws(
    points: &[Point],
    defs: &Definitions,
    measure: GapMeasure,
    resamples: usize,
    seed: u64,
    jitter: bool,
) -> Vec<f64> {
    if points.is_empty() || resamples == 0 {
        return vec![];
    }
    let n = points.len();
    let first = calendar_year(defs.dl_era_start);
    let top = points.iter().map(|p| calendar_year(p.year)).max().unwrap_or(first);
    if top < first {
        return vec![f64::NAN; resamples]; // no year to fold: no trend
    }
    let years = (top - first) as usize + 1;
    // List 2·year + team (industry-only 0, academic-only 1); the points the envelopes leave out go to
    // one more list, never read.
    let unread = 2 * years;
    let prepared: Vec<(i32, u32, f64)> = points
        .iter()
        .map(|p| {
            let year = calendar_year(p.year);
            let team = match p.team {
                TeamKind::IndustryOnly => 0,
                TeamKind::AcademicOnly => 1,
                _ => 2,
            };
            let out = team == 2 || (defs.gap_from == GapFrom::DlEra && p.year < defs.dl_era_start);
            // Years before the first are in by the first.
            let list = if out { unread } else { 2 * (year.max(first) - first) as usize + team };
            (year, list as u32, p.log10_flop)
        })
        .collect();
    // The running maximum reads the largest value alone; a list never holds more values than were drawn.
    let cap = match measure {
        GapMeasure::RunningMax => 1,
        GapMeasure::TopNMean => defs.gap_top_n.max(1).min(n),
    };
    let index = IndexSampler::new(n);
    let shift_of = Uniform::new_inclusive(-JITTER_HALF_WIDTH, JITTER_HALF_WIDTH);
    let scratch = || {
        (
            vec![0.0; (unread + 1) * cap], // the largest values of each list, `cap` places each
            vec![0usize; unread + 1],      // how many values each list holds
            vec![0.0; 2 * cap],            // the industry and academic envelopes so far
            Vec::<(f64, f64)>::with_capacity(years),
        )
    };
    bootstrap_map_init(resamples, seed, scratch, |(lists, lens, env, xy), rng| {
        lists.fill(f64::NEG_INFINITY);
        lens.fill(0);
        let mut last = i32::MIN;
        draw_resample(rng, n, &index, &shift_of, jitter, |i, shift| {
            let (year, list, mut v) = prepared[i];
            last = last.max(year);
            if jitter {
                v += shift;
            }
            let l = list as usize;
            keep_top(&mut lists[l * cap..(l + 1) * cap], &mut lens[l], v);
        });
        env.fill(f64::NEG_INFINITY);
        let (ind, aca) = env.split_at_mut(cap);
        let (mut n_ind, mut n_aca) = (0, 0);
        xy.clear();
        for year in first..=last {
            let l = 2 * (year - first) as usize;
            for (team, env, n_env) in [(0, &mut *ind, &mut n_ind), (1, &mut *aca, &mut n_aca)] {
                let l = l + team;
                for &v in &lists[l * cap..l * cap + lens[l]] {
                    keep_top(env, n_env, v);
                }
            }
            let (ind, aca) = (&ind[..n_ind], &aca[..n_aca]);
            let gap = match measure {
                GapMeasure::RunningMax => ind.first().zip(aca.first()).map(|(i, a)| i - a),
                GapMeasure::TopNMean => {
                    top_mean(ind, defs.gap_top_n).zip(top_mean(aca, defs.gap_top_n)).map(|(i, a)| i - a)
                }
            };
            if let Some(g) = gap {
                xy.push((year as f64, g));
            }
        }
        ols_slope(xy).unwrap_or(f64::NAN)
    })
}

/// [`point_draws`] of [`slope_diff`], bit for bit. Each team's fit sums its points in the order of the
/// sorted resample. So the points are ranked industry-only first, then academic-only, then the others,
/// each group in (date, index) order, and a counting sort on the rank (stable: repeats in the order
/// drawn, as in `point_draws`) puts each team's draws, as (date, log10 compute) pairs, in that order and
/// next to each other. Points not in (date, index) order go to `point_draws`.
fn steeper_draws(points: &[Point], min_points: usize, resamples: usize, seed: u64, jitter: bool) -> Vec<f64> {
    let key_order = |a: &Point, b: &Point| a.year.total_cmp(&b.year).then(a.index.cmp(&b.index));
    if !points.windows(2).all(|w| key_order(&w[0], &w[1]) == std::cmp::Ordering::Less) {
        let flags = vec![false; points.len()];
        return point_draws(points, &flags, resamples, seed, jitter, |p, _| slope_diff(p, min_points));
    }
    if points.is_empty() || resamples == 0 {
        return vec![];
    }
    let n = points.len();
    let of_team = |team: TeamKind| points.iter().filter(move |p| p.team == team);
    let ranked: Vec<(f64, f64)> = of_team(TeamKind::IndustryOnly)
        .chain(of_team(TeamKind::AcademicOnly))
        .map(|p| (p.year, p.log10_flop))
        .collect();
    let n_ind_points = of_team(TeamKind::IndustryOnly).count();
    // The rank of each point (the others last, in no matter which order: their draws are not read).
    let (mut next_ind, mut next_aca, mut next_other) = (0, n_ind_points, ranked.len());
    let rank: Vec<u32> = points
        .iter()
        .map(|p| {
            let next = match p.team {
                TeamKind::IndustryOnly => &mut next_ind,
                TeamKind::AcademicOnly => &mut next_aca,
                _ => &mut next_other,
            };
            *next += 1;
            (*next - 1) as u32
        })
        .collect();
    let index = IndexSampler::new(n);
    let shift_of = Uniform::new_inclusive(-JITTER_HALF_WIDTH, JITTER_HALF_WIDTH);
    let scratch = || {
        (
            Vec::<(u32, f64)>::with_capacity(n), // (rank, shift) of each draw, as drawn
            Vec::<u32>::with_capacity(n + 1),    // per rank: where its draws go
            Vec::<(f64, f64)>::with_capacity(n), // the draws of both teams in resample order
        )
    };
    bootstrap_map_init(resamples, seed, scratch, |(drawn, starts, pairs), rng| {
        drawn.clear();
        starts.clear();
        starts.resize(n + 1, 0);
        draw_resample(rng, n, &index, &shift_of, jitter, |i, shift| {
            let r = rank[i];
            starts[r as usize + 1] += 1;
            drawn.push((r, shift));
        });
        for k in 1..=ranked.len() {
            starts[k] += starts[k - 1];
        }
        let (n_ind, n_both) = (starts[n_ind_points] as usize, starts[ranked.len()] as usize);
        pairs.clear();
        pairs.resize(n_both, (0.0, 0.0));
        for &(r, shift) in drawn.iter() {
            let r = r as usize;
            if r < ranked.len() {
                let at = starts[r] as usize;
                starts[r] += 1;
                let (x, mut y) = ranked[r];
                if jitter {
                    y += shift;
                }
                pairs[at] = (x, y);
            }
        }
        let slope = |xy: &[(f64, f64)]| if xy.len() < min_points { None } else { ols_slope(xy) };
        match slope(&pairs[..n_ind]) {
            Some(i) => slope(&pairs[n_ind..]).map_or(f64::NAN, |a| i - a),
            None => f64::NAN,
        }
    })
}

struct Partial {
    claim: Claim,
    spec: Spec,
}

/// A specification from its choices, point estimate and bootstrap draws.
fn spec(
    vintage: &str,
    claim: Claim,
    choices: Vec<(&str, String)>,
    estimate: Option<f64>,
    draws: &[f64],
) -> Partial {
    let ci95 = estimate.and(Summary::of(draws)).map(|s| s.ci95);
    Partial {
        claim,
        spec: Spec {
            vintage: vintage.to_string(),
            choices: choices.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            estimate,
            ci95,
            supports: estimate.map(|e| claim.supports(e)),
        },
    }
}

/// Seed of one specification: the base seed mixed with the vintage, claim and choices.
pub(crate) fn spec_seed(defs: &Definitions, vintage: &str, claim: Claim, choices: &[(&str, String)]) -> u64 {
    let mut label = format!("speccurve/{vintage}/{claim}");
    for (k, v) in choices {
        label.push_str(&format!("/{k}={v}"));
    }
    derive_seed(defs.seed, &label)
}

/// The team-dependent claims (0–2) for one vintage, team source and notability filter.
fn run_team_cell(
    v: &Vintage,
    models: &[ClassifiedModel],
    team_source: TeamSourceRule,
    notability: NotabilityFilter,
    grid: &cd_domain::definitions::SpecCurveGrid,
    base: &Definitions,
) -> Vec<Partial> {
    let mut out = vec![];
    let b = grid.resamples;
    let nb = ("notability", notability_label(notability).to_string());
    let ts = ("team_source", team_source.as_str().to_string());
    let min_pts = base.min_fit_points;
    for &academic in &grid.academic_only {
        let defs = Definitions { notability_filter: notability, academic_only: academic, ..base.clone() };
        let ac = ("academic_only", academic_label(academic).to_string());
        let points = compute_points(models, &defs);
        for rule in &grid.large_scale {
            let d = Definitions { large_scale_rule: *rule, ..defs.clone() };
            let large = points_large_scale(&points, &d);
            let ls = ("large_scale", large_scale_label(rule));
            let choices = vec![nb.clone(), ac.clone(), ls.clone(), ts.clone()];
            let est = share_change(&points, &large, &d);
            let seed = spec_seed(base, &v.name, Claim::AcademicShareFell, &choices);
            let draws = match est {
                Some(_) => share_draws(&points, &large, &d, b, seed),
                None => vec![],
            };
            out.push(spec(&v.name, Claim::AcademicShareFell, choices, est, &draws));
            let era = era_points(&points, &large, Era::LargeScale, &d);
            let choices = vec![nb.clone(), ac.clone(), ("era", format!("large_scale/{}", ls.1)), ts.clone()];
            out.push(steeper_spec(v, &era, choices, b, base, min_pts));
        }
        let dl = era_points(&points, &vec![false; points.len()], Era::Dl, &defs);
        let choices = vec![nb.clone(), ac.clone(), ("era", "dl".into()), ts.clone()];
        out.push(steeper_spec(v, &dl, choices, b, base, min_pts));
        for &from in &grid.gap_from {
            let d = Definitions { gap_from: from, ..defs.clone() };
            let g = gap_of_points(&points, &d);
            for &m in &grid.gap_measure {
                let choices = vec![
                    nb.clone(),
                    ac.clone(),
                    ("gap_measure", m.as_str().to_string()),
                    ts.clone(),
                    ("gap_from", from.as_str().to_string()),
                ];
                let est = g.trend(m);
                let seed = spec_seed(base, &v.name, Claim::FrontierGapWidened, &choices);
                let draws = match est {
                    Some(_) => gap_draws(&points, &d, m, b, seed, base.bootstrap_jitter),
                    None => vec![],
                };
                out.push(spec(&v.name, Claim::FrontierGapWidened, choices, est, &draws));
            }
        }
    }
    out
}

fn steeper_spec(
    v: &Vintage,
    era: &[Point],
    choices: Vec<(&str, String)>,
    resamples: usize,
    base: &Definitions,
    min_points: usize,
) -> Partial {
    let est = slope_diff(era, min_points);
    let seed = spec_seed(base, &v.name, Claim::IndustryTrendSteeper, &choices);
    let draws = match est {
        Some(_) => steeper_draws(era, min_points, resamples, seed, base.bootstrap_jitter),
        None => vec![],
    };
    spec(&v.name, Claim::IndustryTrendSteeper, choices, est, &draws)
}

/// The open-vs-closed lag (claim 3) for one vintage and notability filter.
fn run_lag_cell(
    v: &Vintage,
    notability: NotabilityFilter,
    grid: &cd_domain::definitions::SpecCurveGrid,
    base: &Definitions,
) -> Vec<Partial> {
    let nb = ("notability", notability_label(notability).to_string());
    grid.open_closed_frontier
        .iter()
        .map(|rule| {
            let d = Definitions {
                notability_filter: notability,
                open_closed_frontier_rule: *rule,
                ..base.clone()
            };
            let choices = vec![nb.clone(), ("open_closed_frontier", frontier_label(rule))];
            let seed_label =
                format!("speccurve/{}/{}/{}/{}", v.name, Claim::OpenModelsLag, nb.1, choices[1].1);
            let (est, draws) = lag_with_draws(v.models, &d, grid.resamples, &seed_label);
            spec(&v.name, Claim::OpenModelsLag, choices, est, &draws)
        })
        .collect()
}

pub(crate) fn curve(claim: Claim, mut specs: Vec<Spec>, resamples: usize) -> ClaimCurve {
    specs.sort_by(|a, b| match (a.estimate, b.estimate) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let est: Vec<f64> = specs.iter().filter_map(|s| s.estimate).collect(); // sorted
    let q = |p: f64| (!est.is_empty()).then(|| quantile_sorted(&est, p));
    let n_supporting = specs.iter().filter(|s| s.supports == Some(true)).count();
    let n_supporting_ci95 = specs
        .iter()
        .filter(|s| s.ci95.is_some_and(|[lo, hi]| claim.supports(lo) && claim.supports(hi)))
        .count();
    ClaimCurve {
        claim,
        statement: claim.statement().into(),
        estimate: claim.estimate().into(),
        supports_when: claim.supports_when().into(),
        dimensions: claim.dimensions().iter().map(|d| d.to_string()).collect(),
        n_specs: specs.len(),
        n_estimated: est.len(),
        n_supporting,
        n_supporting_ci95,
        share_supporting: (!est.is_empty()).then(|| n_supporting as f64 / est.len() as f64),
        min: q(0.0),
        q25: q(0.25),
        median: q(0.5),
        q75: q(0.75),
        max: q(1.0),
        resamples,
        specs,
    }
}

/// Analysis 8 over the given vintages; `base` supplies every definition that is not varied, and its
/// `spec_curve` grid (joined by the values in force) the values that are.
pub fn spec_curve(vintages: &[Vintage], base: &Definitions) -> SpecCurveResult {
    let grid = base.spec_curve.with_definitions(base);
    // Models of each vintage under each team source (the base source as given).
    let by_source: Vec<Vec<(TeamSourceRule, Cow<[ClassifiedModel]>)>> = vintages
        .iter()
        .map(|v| {
            grid.team_source
                .iter()
                .map(|&ts| {
                    let models: Cow<[ClassifiedModel]> = if ts == base.team_source {
                        Cow::Borrowed(v.models)
                    } else {
                        Cow::Owned(
                            v.models
                                .iter()
                                .map(|m| m.with_team_source(ts, AcademicOnlyRule::Strict))
                                .collect(),
                        )
                    };
                    (ts, models)
                })
                .collect()
        })
        .collect();
    let mut cells: Vec<(usize, Option<usize>, NotabilityFilter)> = vec![];
    for v in 0..vintages.len() {
        for s in 0..grid.team_source.len() {
            cells.extend(grid.notability.iter().map(|&n| (v, Some(s), n)));
        }
        cells.extend(grid.notability.iter().map(|&n| (v, None, n)));
    }
    let partials: Vec<Partial> = cells
        .par_iter()
        .map(|&(v, s, n)| match s {
            Some(s) => {
                let (ts, models) = &by_source[v][s];
                run_team_cell(&vintages[v], models, *ts, n, &grid, base)
            }
            None => run_lag_cell(&vintages[v], n, &grid, base),
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let mut by_claim: Vec<Vec<Spec>> = vec![vec![]; Claim::MODEL.len()];
    for p in partials {
        by_claim[p.claim as usize].push(p.spec);
    }
    SpecCurveResult {
        vintages: vintages.iter().map(|v| v.name.clone()).collect(),
        claims: Claim::MODEL.into_iter().zip(by_claim).map(|(c, s)| curve(c, s, grid.resamples)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gap::gap_trend_of_points;
    use crate::population::testutil::model;
    use cd_domain::Accessibility;

    /// The counting sort of the resamples gives the draws of the sort, bit for bit, with and without
    /// jitter, for statistics that read the order (the gap trend) and the flags (the share change).
    #[test]
    fn resamples_in_order_by_counting_equal_the_sorted_ones() {
        let kinds = [TeamKind::AcademicOnly, TeamKind::IndustryOnly, TeamKind::Collaboration];
        // Several models share a date: ties broken by index.
        let ms: Vec<ClassifiedModel> = (0..120)
            .map(|i| {
                let date = format!("{}-{:02}", 2005 + (i * 7) % 19, 1 + i % 12);
                model(&format!("m{i}"), &date, Some(10f64.powi(15 + (i as i32 * 5) % 10)), kinds[i % 3])
            })
            .collect();
        let defs = Definitions::default();
        let points = compute_points(&ms, &defs);
        let large = points_large_scale(&points, &defs);
        for jitter in [false, true] {
            let gap =
                |p: &[Point], _: &[bool]| gap_trend_of_points(p, &defs, crate::gap::GapMeasure::TopNMean);
            let share = |p: &[Point], f: &[bool]| share_change(p, f, &defs);
            let bits = |v: Vec<f64>| v.into_iter().map(f64::to_bits).collect::<Vec<_>>();
            let a = bits(point_draws_in(&points, &large, 200, 5, jitter, gap, true));
            let b = bits(point_draws_in(&points, &large, 200, 5, jitter, gap, false));
            assert_eq!(a, b, "gap, jitter {jitter}");
            assert!(a.iter().any(|x| !f64::from_bits(*x).is_nan()));
            let a = bits(point_draws_in(&points, &large, 200, 6, jitter, share, true));
            let b = bits(point_draws_in(&points, &large, 200, 6, jitter, share, false));
            assert_eq!(a, b, "share, jitter {jitter}");
        }
    }

    /// Random points sorted by (date, index), several on one date, of every team kind, some before the
    /// DL era; and the same points shuffled.
    fn random_points(seed: u64, n: usize) -> (Vec<Point>, Vec<Point>) {
        use rand::seq::SliceRandom;
        use rand::{Rng, SeedableRng};
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let kinds = [
            TeamKind::AcademicOnly,
            TeamKind::IndustryOnly,
            TeamKind::Collaboration,
            TeamKind::Other,
            TeamKind::Unknown,
        ];
        let mut points: Vec<Point> = (0..n)
            .map(|index| {
                // Coarse dates and compute: ties of both on purpose.
                let year = 2003.0 + rng.gen_range(0..90) as f64 / 4.0;
                let log10_flop = 14.0 + rng.gen_range(0..40) as f64 / 4.0 + (year - 2003.0) * 0.3;
                let team = kinds[rng.gen_range(0..if index % 7 == 0 { 5 } else { 2 })];
                Point { index, year, log10_flop, team }
            })
            .collect();
        points.sort_by(|a, b| a.year.total_cmp(&b.year).then(a.index.cmp(&b.index)));
        let mut shuffled = points.clone();
        shuffled.shuffle(&mut rng);
        (points, shuffled)
    }

    fn bits(v: Vec<f64>) -> Vec<u64> {
        v.into_iter().map(f64::to_bits).collect()
    }

    /// The share change, gap trend and slope difference draws equal those of the generic resample (built
    /// and sorted), bit for bit, on random points, sorted or not, with and without jitter.
    #[test]
    fn the_special_draws_equal_the_generic_ones() {
        use cd_domain::definitions::Period;
        use rand::{Rng, SeedableRng};
        let mut rng = ChaCha8Rng::seed_from_u64(17);
        for (case, n) in [1, 2, 5, 40, 150, 400].into_iter().enumerate() {
            let (sorted, shuffled) = random_points(case as u64, n);
            let large: Vec<bool> = (0..n).map(|_| rng.gen_bool(0.4)).collect();
            let seed = 100 + case as u64;
            for points in [&sorted, &shuffled] {
                // Share change (no jitter), under the default periods and others.
                for periods in [
                    Definitions::default().periods,
                    vec![
                        Period { label: "a".into(), start_year: 2001, end_year: Some(2012) },
                        Period { label: "b".into(), start_year: 2018, end_year: None },
                    ],
                    vec![Period { label: "c".into(), start_year: 2010, end_year: Some(2015) }],
                    vec![],
                ] {
                    let defs = Definitions { periods, ..Definitions::default() };
                    let share = |p: &[Point], f: &[bool]| share_change(p, f, &defs);
                    let old = point_draws_in(points, &large, 60, seed, false, share, false);
                    assert_eq!(bits(share_draws(points, &large, &defs, 60, seed)), bits(old), "share n {n}");
                }
                for jitter in [false, true] {
                    for gap_top_n in [1, 2, 5, 1000] {
                        for gap_from in [GapFrom::AllModels, GapFrom::DlEra] {
                            for dl_era_start in [2010.0, 2002.5, 2030.0] {
                                let defs = Definitions {
                                    gap_top_n,
                                    gap_from,
                                    dl_era_start,
                                    ..Definitions::default()
                                };
                                for m in [GapMeasure::RunningMax, GapMeasure::TopNMean] {
                                    let gap = |p: &[Point], _: &[bool]| gap_trend_of_points(p, &defs, m);
                                    let old =
                                        bits(point_draws_in(points, &large, 40, seed, jitter, gap, false));
                                    let new = bits(gap_draws(points, &defs, m, 40, seed, jitter));
                                    assert_eq!(new, old, "gap n {n} {jitter} {gap_top_n} {gap_from:?} {m:?}");
                                    if n >= 40 && dl_era_start < 2020.0 {
                                        assert!(old.iter().any(|x| !f64::from_bits(*x).is_nan()));
                                    }
                                }
                            }
                        }
                    }
                    for min_points in [0, 2, 10] {
                        let steeper = |p: &[Point], _: &[bool]| slope_diff(p, min_points);
                        let old = bits(point_draws_in(points, &large, 60, seed, jitter, steeper, false));
                        let new = bits(steeper_draws(points, min_points, 60, seed, jitter));
                        assert_eq!(new, old, "steeper n {n} {jitter} {min_points}");
                        if n >= 40 {
                            assert!(old.iter().any(|x| !f64::from_bits(*x).is_nan()));
                        }
                    }
                }
            }
        }
        // No resamples, no points: no draws.
        let defs = Definitions::default();
        assert!(gap_draws(&[], &defs, GapMeasure::TopNMean, 10, 1, true).is_empty());
        assert!(steeper_draws(&[], 2, 10, 1, true).is_empty());
        assert!(share_draws(&[], &[], &defs, 10, 1).is_empty());
        let (points, _) = random_points(9, 30);
        assert!(gap_draws(&points, &defs, GapMeasure::TopNMean, 0, 1, true).is_empty());
    }

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
        let defs = Definitions {
            spec_curve: cd_domain::definitions::SpecCurveGrid { resamples: 50, ..Default::default() },
            ..Definitions::default()
        };
        let r = spec_curve(&vintages, &defs);
        let n: Vec<usize> = r.claims.iter().map(|c| c.n_specs).collect();
        // vintages × team sources × notability × academic-only × the claim's own dimension(s).
        assert_eq!(n, vec![2 * 3 * 3 * 2 * 3, 2 * 3 * 3 * 2 * 4, 2 * 3 * 3 * 2 * 2 * 2, 2 * 3 * 5]);
        assert_eq!(r.claims.iter().map(|c| c.claim).collect::<Vec<_>>(), Claim::MODEL.to_vec());
        let steeper = &r.claims[1];
        // DL era on the full vintage: 0.7 − 0.3 = 0.4 OOM/yr, up to the date offsets of the synthetic data.
        let dl = steeper
            .specs
            .iter()
            .find(|s| s.vintage == "v1" && s.choices[2].1 == "dl" && s.choices[3].1 == "label_then_derived")
            .unwrap();
        assert!((dl.estimate.unwrap() - 0.4).abs() < 0.01, "{:?}", dl.estimate);
        let [lo, hi] = dl.ci95.unwrap();
        assert!(lo < 0.4 && 0.4 < hi && hi - lo < 0.2, "{lo} {hi}");
        assert_eq!(steeper.n_supporting, steeper.n_estimated);
        assert!(steeper.n_supporting_ci95 > 0 && steeper.n_supporting_ci95 <= steeper.n_supporting);
        // The test models carry Epoch labels only: derived teams are unknown, so nothing is estimable.
        assert!(steeper.specs.iter().filter(|s| s.choices[3].1 == "derived").all(|s| s.estimate.is_none()));
        let gap = &r.claims[2];
        assert!(gap.n_estimated > 0 && gap.n_supporting == gap.n_estimated);
        // Every interval brackets its estimate's neighbourhood and is ordered.
        for c in &r.claims {
            for s in &c.specs {
                if let Some([lo, hi]) = s.ci95 {
                    assert!(lo <= hi, "{:?}", s);
                }
            }
        }
        // Sorted curve.
        let e: Vec<f64> = steeper.specs.iter().filter_map(|s| s.estimate).collect();
        assert!(e.windows(2).all(|w| w[0] <= w[1]));
        // Same result at another thread count.
        let again = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| spec_curve(&vintages, &defs));
        assert_eq!(again, r);
    }

    #[test]
    fn a_users_own_rule_joins_the_curve() {
        let ms: Vec<_> = (0..40)
            .map(|i| {
                let y = 2012 + i / 4;
                let kind = if i % 2 == 0 { TeamKind::IndustryOnly } else { TeamKind::AcademicOnly };
                model(
                    &format!("m{i}"),
                    &format!("{y}-0{}-01", 1 + i % 4),
                    Some(10f64.powf(18.0 + i as f64 * 0.2)),
                    kind,
                )
            })
            .collect();
        let own = LargeScaleRule::Threshold { min_flop: 3e22 };
        let defs = Definitions {
            large_scale_rule: own,
            spec_curve: cd_domain::definitions::SpecCurveGrid { resamples: 0, ..Default::default() },
            ..Definitions::default()
        };
        let r = spec_curve(&[Vintage { name: "v".into(), models: &ms }], &defs);
        let label = large_scale_label(&own);
        assert!(r.claims[0].specs.iter().any(|s| s.choices[2].1 == label));
        assert_eq!(r.claims[0].n_specs, 3 * 3 * 2 * 4);
        assert!(r.claims.iter().flat_map(|c| &c.specs).all(|s| s.ci95.is_none()));
    }
}
