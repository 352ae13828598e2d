//! Compute provision: the study's remedy quantified (docs/provision.md specifies every number).
//!
//! Four analyses, pure functions of Epoch's GPU-clusters and ML-hardware tables, the model frontier
//! (`gap`) and `Definitions::provision`:
//!
//! - **Capacity by sector** ([`capacity`]): H100-equivalents and 16-bit OP/s of the clusters operational
//!   at the end of each year. A cluster counts when it passes the flags (`drop_excluded`,
//!   `drop_possible_duplicates`, `standard_analysis_only`), is not `Planned`, has a first operational
//!   date in or before the year, was not decommissioned in or before the year (a `Decommissioned`
//!   cluster without a decommissioning date never counts), and, under `drop_superseded`, the cluster
//!   named in its `Superseded by` is not operational in the year. Missing capacity values add nothing.
//!   `Public/Private` clusters count as `public_private_as` says; the public share is public over the
//!   total of every sector (unknown included).
//! - **Price-performance** ([`price_performance`]): log10 of peak FLOP/s per purchase dollar of each
//!   accelerator with a release date and a price, on its release date (decimal year), fitted by OLS;
//!   pairs bootstrap (`bootstrap_resamples`, seeded from `seed`) for the interval; doubling time
//!   log10(2) / slope in years.
//! - **Cost of the frontier** ([`frontier_cost`]): each year's industry-only and academic-only running
//!   maximum of training compute (`gap`), in H100-equivalent years (compute ÷ (reference FLOP/s ×
//!   utilisation × seconds per year)) and in dollars: amortised, compute ÷ (price-performance at mid-year
//!   × utilisation × amortisation years × seconds per year); rental, H100-years × hours per year × price.
//!   The dollar interval takes the 2.5% and 97.5% quantiles over the bootstrap fits.
//! - **What a national resource buys** ([`what_if`]): for each budget scenario, the share for large runs
//!   divided by the cost of one run at the industry frontier, at the top-n scale and at the large-scale
//!   threshold (latest year of the model table), and the largest single run that share affords, with its
//!   lag behind the industry frontier in orders of magnitude and in years of industry's trend.

use crate::gap::GapResult;
use crate::population::{calendar_year, Point};
use cd_domain::definitions::{HardwarePrecision, PriceBasis, PublicPrivateAs};
use cd_domain::{Accelerator, ClusterSector, ClusterStatus, Definitions, GpuCluster};
use cd_stats::{bootstrap_map, derive_seed, draw_indices, ols, Summary};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Seconds in a Julian year (365.25 days), the unit of GPU-years.
pub const SECONDS_PER_YEAR: f64 = 365.25 * 86_400.0;
/// Hours in a Julian year.
pub const HOURS_PER_YEAR: f64 = 365.25 * 24.0;

// ---------------------------------------------------------------------------------------------------
// Capacity

/// Capacity of one sector at the end of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapacityRow {
    pub year: i32,
    /// `private`, `public`, `public_private` (under `separate`) or `unknown` (empty `Sector`).
    pub sector: &'static str,
    /// Operational clusters contributing (a halved `Public/Private` cluster counts in both sectors).
    pub clusters: usize,
    pub h100_equivalents: f64,
    pub ops_16bit: f64,
}

/// Totals and shares of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareRow {
    pub year: i32,
    pub clusters: usize,
    pub total_h100_equivalents: f64,
    pub total_ops_16bit: f64,
    /// Public H100-equivalents over the total (every sector, unknown included).
    pub public_share_h100: Option<f64>,
    pub public_share_ops: Option<f64>,
    /// `Public/Private` over the total (0 unless `public_private_as` is `separate`).
    pub public_private_share_h100: Option<f64>,
    pub largest: Option<LargestCluster>,
    pub largest_public: Option<LargestCluster>,
    /// The largest public cluster's H100-equivalents over the largest cluster's.
    pub largest_public_ratio: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LargestCluster {
    pub name: String,
    pub sector: ClusterSector,
    pub country: Option<String>,
    pub h100_equivalents: f64,
}

/// Capacity of one country and sector in the latest year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryRow {
    pub country: String,
    pub sector: &'static str,
    pub clusters: usize,
    pub h100_equivalents: f64,
    pub ops_16bit: f64,
    /// Public H100-equivalents of the country over its total.
    pub public_share_h100: Option<f64>,
}

/// Clusters whose owners or users include an academic institution, per year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AcademicRow {
    pub year: i32,
    pub clusters: usize,
    pub h100_equivalents: f64,
    pub ops_16bit: f64,
    /// Over the year's total H100-equivalents.
    pub share_h100: Option<f64>,
    /// Names of the academic clusters operational in the year (latest year only; empty otherwise).
    pub names: Vec<String>,
}

/// Which clusters the capacity rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapacityAccounting {
    pub clusters: usize,
    pub dropped_excluded: usize,
    pub dropped_possible_duplicate: usize,
    pub dropped_not_standard: usize,
    pub planned: usize,
    /// Not planned, but without a first operational date.
    pub undated: usize,
    /// `Decommissioned` without a decommissioning date.
    pub decommissioned_undated: usize,
    /// Eligible: counted in at least the years from their first operational date.
    pub eligible: usize,
    /// Eligible clusters without an H100-equivalents value (add nothing to that measure).
    pub eligible_without_h100: usize,
    pub eligible_without_ops: usize,
    /// Eligible clusters superseded in the latest year.
    pub superseded_latest: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapacityResult {
    pub accounting: CapacityAccounting,
    pub first_year: Option<i32>,
    pub latest_year: Option<i32>,
    pub rows: Vec<CapacityRow>,
    pub shares: Vec<ShareRow>,
    pub countries: Vec<CountryRow>,
    pub academic: Vec<AcademicRow>,
}

/// The sectors of the capacity rows, in order, under a split rule.
fn sectors_of(rule: PublicPrivateAs) -> Vec<ClusterSector> {
    match rule {
        PublicPrivateAs::Separate => ClusterSector::ALL.to_vec(),
        _ => vec![ClusterSector::Private, ClusterSector::Public, ClusterSector::Unknown],
    }
}

/// The sectors a cluster's capacity goes to, with weights.
fn split(sector: ClusterSector, rule: PublicPrivateAs) -> Vec<(ClusterSector, f64)> {
    match (sector, rule) {
        (ClusterSector::PublicPrivate, PublicPrivateAs::Public) => vec![(ClusterSector::Public, 1.0)],
        (ClusterSector::PublicPrivate, PublicPrivateAs::Private) => vec![(ClusterSector::Private, 1.0)],
        (ClusterSector::PublicPrivate, PublicPrivateAs::Half) => {
            vec![(ClusterSector::Private, 0.5), (ClusterSector::Public, 0.5)]
        }
        (s, _) => vec![(s, 1.0)],
    }
}

/// Whether a cluster is eligible, and the reason when it is not.
fn eligibility(c: &GpuCluster, defs: &Definitions) -> Result<(), &'static str> {
    let p = &defs.provision;
    if p.drop_excluded && c.exclude {
        return Err("excluded");
    }
    if p.drop_possible_duplicates && c.possible_duplicate {
        return Err("possible_duplicate");
    }
    if p.standard_analysis_only && !c.standard_analysis {
        return Err("not_standard");
    }
    if c.status == ClusterStatus::Planned {
        return Err("planned");
    }
    if c.first_operational.is_none() {
        return Err("undated");
    }
    if c.status == ClusterStatus::Decommissioned && c.decommissioned.is_none() {
        return Err("decommissioned_undated");
    }
    Ok(())
}

/// Operational at the end of `year`, leaving supersession aside.
fn operational(c: &GpuCluster, year: i32) -> bool {
    c.first_operational.is_some_and(|d| d.year <= year) && c.decommissioned.is_none_or(|d| d.year > year)
}

/// Capacity by sector and year, shares, countries and the academic clusters. `academic[i]` says whether
/// cluster `i` has an academic owner or user (the institution classifier's verdict, made by the caller).
pub fn capacity(clusters: &[GpuCluster], academic: &[bool], defs: &Definitions) -> CapacityResult {
    assert_eq!(clusters.len(), academic.len(), "one academic flag per cluster");
    let p = &defs.provision;
    let mut acc = CapacityAccounting {
        clusters: clusters.len(),
        dropped_excluded: 0,
        dropped_possible_duplicate: 0,
        dropped_not_standard: 0,
        planned: 0,
        undated: 0,
        decommissioned_undated: 0,
        eligible: 0,
        eligible_without_h100: 0,
        eligible_without_ops: 0,
        superseded_latest: 0,
    };
    let mut eligible: Vec<usize> = Vec::new();
    for (i, c) in clusters.iter().enumerate() {
        match eligibility(c, defs) {
            Ok(()) => eligible.push(i),
            Err("excluded") => acc.dropped_excluded += 1,
            Err("possible_duplicate") => acc.dropped_possible_duplicate += 1,
            Err("not_standard") => acc.dropped_not_standard += 1,
            Err("planned") => acc.planned += 1,
            Err("undated") => acc.undated += 1,
            Err(_) => acc.decommissioned_undated += 1,
        }
    }
    acc.eligible = eligible.len();
    acc.eligible_without_h100 = eligible.iter().filter(|&&i| clusters[i].h100_equivalents.is_none()).count();
    acc.eligible_without_ops = eligible.iter().filter(|&&i| clusters[i].ops_16bit.is_none()).count();
    // Successor of each eligible cluster (by name, among eligible clusters; first by row order).
    let by_name: HashMap<&str, usize> =
        eligible.iter().rev().map(|&i| (clusters[i].name.as_str(), i)).collect();
    let successor: HashMap<usize, usize> = eligible
        .iter()
        .filter_map(|&i| {
            let s = clusters[i].superseded_by.as_deref()?;
            by_name.get(s.trim()).filter(|&&j| j != i).map(|&j| (i, j))
        })
        .collect();
    let counts = |i: usize, year: i32| {
        operational(&clusters[i], year)
            && !(p.drop_superseded && successor.get(&i).is_some_and(|&j| operational(&clusters[j], year)))
    };
    let years: Vec<i32> =
        eligible.iter().filter_map(|&i| clusters[i].first_operational.map(|d| d.year)).collect();
    let (first_year, latest_year) = (years.iter().min().copied(), years.iter().max().copied());
    let mut result = CapacityResult {
        accounting: acc,
        first_year,
        latest_year,
        rows: vec![],
        shares: vec![],
        countries: vec![],
        academic: vec![],
    };
    let (Some(first), Some(last)) = (first_year, latest_year) else {
        return result;
    };
    let sectors = sectors_of(p.public_private_as);
    let h100 = |i: usize| clusters[i].h100_equivalents.unwrap_or(0.0);
    let ops = |i: usize| clusters[i].ops_16bit.unwrap_or(0.0);
    for year in first..=last {
        let live: Vec<usize> = eligible.iter().copied().filter(|&i| counts(i, year)).collect();
        let mut by_sector: BTreeMap<ClusterSector, (usize, f64, f64)> =
            sectors.iter().map(|s| (*s, (0, 0.0, 0.0))).collect();
        for &i in &live {
            for (s, w) in split(clusters[i].sector, p.public_private_as) {
                let e = by_sector.entry(s).or_insert((0, 0.0, 0.0));
                e.0 += 1;
                e.1 += w * h100(i);
                e.2 += w * ops(i);
            }
        }
        for s in &sectors {
            let (n, h, o) = by_sector[s];
            result.rows.push(CapacityRow {
                year,
                sector: s.as_str(),
                clusters: n,
                h100_equivalents: h,
                ops_16bit: o,
            });
        }
        let total_h: f64 = live.iter().map(|&i| h100(i)).sum();
        let total_o: f64 = live.iter().map(|&i| ops(i)).sum();
        let share = |v: f64, t: f64| (t > 0.0).then(|| v / t);
        let largest_of = |filter: &dyn Fn(usize) -> bool| {
            live.iter()
                .copied()
                .filter(|&i| filter(i) && clusters[i].h100_equivalents.is_some())
                .max_by(|&a, &b| h100(a).total_cmp(&h100(b)).then(b.cmp(&a)))
                .map(|i| LargestCluster {
                    name: clusters[i].name.clone(),
                    sector: clusters[i].sector,
                    country: clusters[i].country.clone(),
                    h100_equivalents: h100(i),
                })
        };
        let largest = largest_of(&|_| true);
        let largest_public = largest_of(&|i| clusters[i].sector == ClusterSector::Public);
        let ratio = match (&largest, &largest_public) {
            (Some(l), Some(lp)) if l.h100_equivalents > 0.0 => Some(lp.h100_equivalents / l.h100_equivalents),
            _ => None,
        };
        let public = by_sector.get(&ClusterSector::Public).copied().unwrap_or((0, 0.0, 0.0));
        let pp = by_sector.get(&ClusterSector::PublicPrivate).copied().unwrap_or((0, 0.0, 0.0));
        result.shares.push(ShareRow {
            year,
            clusters: live.len(),
            total_h100_equivalents: total_h,
            total_ops_16bit: total_o,
            public_share_h100: share(public.1, total_h),
            public_share_ops: share(public.2, total_o),
            public_private_share_h100: share(pp.1, total_h),
            largest,
            largest_public,
            largest_public_ratio: ratio,
        });
        let aca: Vec<usize> = live.iter().copied().filter(|&i| academic[i]).collect();
        let aca_h: f64 = aca.iter().map(|&i| h100(i)).sum();
        let mut names: Vec<String> =
            if year == last { aca.iter().map(|&i| clusters[i].name.clone()).collect() } else { vec![] };
        names.sort();
        result.academic.push(AcademicRow {
            year,
            clusters: aca.len(),
            h100_equivalents: aca_h,
            ops_16bit: aca.iter().map(|&i| ops(i)).sum(),
            share_h100: share(aca_h, total_h),
            names,
        });
        if year == last {
            result.accounting.superseded_latest =
                eligible.iter().filter(|&&i| operational(&clusters[i], year) && !counts(i, year)).count();
            result.countries = countries(clusters, &live, defs);
        }
    }
    result
}

/// The `top_countries` countries with the most H100-equivalents among `live`, by sector.
fn countries(clusters: &[GpuCluster], live: &[usize], defs: &Definitions) -> Vec<CountryRow> {
    let p = &defs.provision;
    let name = |i: usize| clusters[i].country.clone().unwrap_or_else(|| "unknown".to_string());
    let mut totals: BTreeMap<String, f64> = BTreeMap::new();
    for &i in live {
        *totals.entry(name(i)).or_default() += clusters[i].h100_equivalents.unwrap_or(0.0);
    }
    let mut order: Vec<(String, f64)> = totals.into_iter().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut rows = vec![];
    for (country, total) in order.into_iter().take(p.top_countries) {
        let mut by_sector: BTreeMap<ClusterSector, (usize, f64, f64)> = BTreeMap::new();
        for &i in live.iter().filter(|&&i| name(i) == country) {
            for (s, w) in split(clusters[i].sector, p.public_private_as) {
                let e = by_sector.entry(s).or_insert((0, 0.0, 0.0));
                e.0 += 1;
                e.1 += w * clusters[i].h100_equivalents.unwrap_or(0.0);
                e.2 += w * clusters[i].ops_16bit.unwrap_or(0.0);
            }
        }
        let public = by_sector.get(&ClusterSector::Public).map_or(0.0, |e| e.1);
        for (s, (n, h, o)) in by_sector {
            rows.push(CountryRow {
                country: country.clone(),
                sector: s.as_str(),
                clusters: n,
                h100_equivalents: h,
                ops_16bit: o,
                public_share_h100: (total > 0.0).then(|| public / total),
            });
        }
    }
    rows
}

// ---------------------------------------------------------------------------------------------------
// Price-performance

/// One accelerator in the price-performance fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricePoint {
    pub name: String,
    pub year: f64,
    pub flops: f64,
    pub price_usd: f64,
    pub flops_per_usd: f64,
    /// Which figure gave `flops` (`tensor_fp16`, `fp16`, `fp32`).
    pub precision: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricePerformance {
    pub precision: HardwarePrecision,
    pub n: usize,
    /// Accelerators with a price and a release date but no figure at the precision.
    pub left_out_no_figure: usize,
    pub slope_oom_per_year: Option<f64>,
    pub intercept: Option<f64>,
    pub slope_ci95: Option<[f64; 2]>,
    pub doubling_years: Option<f64>,
    /// log10(2) over the slope interval's bounds: `[log10 2 / high, log10 2 / low]`; the upper bound is
    /// `null` (unbounded) when the slope interval reaches zero or below (prices may not fall at all).
    pub doubling_years_ci95: Option<[Option<f64>; 2]>,
    pub resamples: usize,
    /// Resamples with a positive slope.
    pub n_valid: usize,
    /// Fewer than `min_valid_bootstrap_share` of the resamples have a positive slope.
    pub interval_flagged: bool,
    pub points: Vec<PricePoint>,
    /// Fitted (slope, intercept) of each bootstrap resample, in resample order (not serialised).
    #[serde(skip)]
    pub draws: Vec<(f64, f64)>,
}

impl PricePerformance {
    /// Fitted log10 FLOP/s per dollar at a decimal year.
    pub fn log10_at(&self, year: f64) -> Option<f64> {
        Some(self.intercept? + self.slope_oom_per_year? * year)
    }
}

/// The figure an accelerator's price-performance uses, with its name.
fn figure(a: &Accelerator, precision: HardwarePrecision) -> Option<(f64, &'static str)> {
    let pos = |v: Option<f64>| v.filter(|x| *x > 0.0);
    match precision {
        HardwarePrecision::TensorThenFp16 => pos(a.tensor_fp16_flops)
            .map(|v| (v, "tensor_fp16"))
            .or_else(|| pos(a.fp16_flops).map(|v| (v, "fp16"))),
        HardwarePrecision::Tensor => pos(a.tensor_fp16_flops).map(|v| (v, "tensor_fp16")),
        HardwarePrecision::Fp16 => pos(a.fp16_flops).map(|v| (v, "fp16")),
        HardwarePrecision::Fp32 => pos(a.fp32_flops).map(|v| (v, "fp32")),
    }
}

/// Price-performance of accelerators over time (see the module documentation).
pub fn price_performance(hardware: &[Accelerator], defs: &Definitions) -> PricePerformance {
    let precision = defs.provision.precision;
    let priced: Vec<&Accelerator> = hardware
        .iter()
        .filter(|a| a.release_date.is_some() && a.price_usd.is_some_and(|p| p > 0.0))
        .collect();
    let mut points: Vec<PricePoint> = priced
        .iter()
        .filter_map(|a| {
            let (flops, which) = figure(a, precision)?;
            let price = a.price_usd?;
            Some(PricePoint {
                name: a.name.clone(),
                year: a.release_date?.decimal_year(),
                flops,
                price_usd: price,
                flops_per_usd: flops / price,
                precision: which,
            })
        })
        .collect();
    points.sort_by(|a, b| a.year.total_cmp(&b.year).then(a.name.cmp(&b.name)));
    let x: Vec<f64> = points.iter().map(|p| p.year).collect();
    let y: Vec<f64> = points.iter().map(|p| p.flops_per_usd.log10()).collect();
    let fit = ols(&x, &y);
    let resamples = defs.bootstrap_resamples;
    let seed = derive_seed(defs.seed, "provision/price_performance");
    let draws: Vec<(f64, f64)> = if x.len() >= 2 {
        bootstrap_map(resamples, seed, |rng| {
            let mut idx = Vec::new();
            draw_indices(rng, x.len(), &mut idx);
            let (bx, by): (Vec<f64>, Vec<f64>) = idx.iter().map(|&i| (x[i], y[i])).unzip();
            ols(&bx, &by).map_or((f64::NAN, f64::NAN), |f| (f.slope, f.intercept))
        })
    } else {
        vec![]
    };
    let slopes: Vec<f64> = draws.iter().map(|d| d.0).collect();
    let n_valid = slopes.iter().filter(|s| s.is_finite() && **s > 0.0).count();
    let slope_ci95 = Summary::of(&slopes).map(|s| s.ci95);
    let doubling = |s: f64| (s > 0.0).then(|| std::f64::consts::LOG10_2 / s);
    let slope = fit.map(|f| f.slope);
    PricePerformance {
        precision,
        n: points.len(),
        left_out_no_figure: priced.len() - points.len(),
        slope_oom_per_year: slope,
        intercept: fit.map(|f| f.intercept),
        slope_ci95,
        doubling_years: slope.and_then(doubling),
        doubling_years_ci95: slope_ci95
            .filter(|[_, hi]| *hi > 0.0)
            .map(|[lo, hi]| [doubling(hi), doubling(lo)]),
        resamples: draws.len(),
        n_valid,
        interval_flagged: (n_valid as f64) < defs.min_valid_bootstrap_share * draws.len() as f64,
        points,
        draws: draws.into_iter().filter(|d| d.0.is_finite() && d.1.is_finite()).collect(),
    }
}

// ---------------------------------------------------------------------------------------------------
// Cost of the frontier

/// H100-equivalent years of a training run of `flop` at the utilisation in force.
pub fn gpu_years(flop: f64, defs: &Definitions) -> f64 {
    flop / (defs.provision.reference_gpu_flops * defs.provision.utilisation * SECONDS_PER_YEAR)
}

/// Dollars of a training run of `flop` when a dollar buys 10^`log10_pp` peak FLOP/s (amortised basis), or
/// at the rental price.
fn usd_of(flop: f64, log10_pp: f64, defs: &Definitions) -> f64 {
    let p = &defs.provision;
    match p.price_basis {
        PriceBasis::Amortised { years } => {
            flop / (10f64.powf(log10_pp) * p.utilisation * years * SECONDS_PER_YEAR)
        }
        PriceBasis::Rental { usd_per_h100_hour } => {
            gpu_years(flop, defs) * HOURS_PER_YEAR * usd_per_h100_hour
        }
    }
}

/// Dollars of a run of `flop` in `year`: the point estimate and the bootstrap values.
fn usd_with_draws(
    flop: f64,
    year: i32,
    pp: &PricePerformance,
    defs: &Definitions,
) -> (Option<f64>, Vec<f64>) {
    let at = year as f64 + 0.5;
    let point = pp.log10_at(at).map(|l| usd_of(flop, l, defs));
    let draws = pp.draws.iter().map(|(s, i)| usd_of(flop, i + s * at, defs)).collect();
    (point, draws)
}

fn ci95(values: &[f64]) -> Option<[f64; 2]> {
    Summary::of(values).map(|s| s.ci95)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrontierCostRow {
    pub year: i32,
    /// `industry_only` or `academic_only`.
    pub team: &'static str,
    pub log10_flop: f64,
    pub training_flop: f64,
    /// Fitted peak FLOP/s per dollar at mid-year (amortised basis).
    pub flops_per_usd: Option<f64>,
    pub usd: Option<f64>,
    pub usd_ci95: Option<[f64; 2]>,
    pub gpu_years: f64,
}

/// The cost of each year's industry-only and academic-only frontier (running maximum of the gap).
/// Years before the first priced accelerator are left out (the fit would be extrapolated backwards).
pub fn frontier_cost(gap: &GapResult, pp: &PricePerformance, defs: &Definitions) -> Vec<FrontierCostRow> {
    let first = pp.points.first().map(|p| calendar_year(p.year)).unwrap_or(i32::MAX);
    let mut rows = vec![];
    for r in gap.rows.iter().filter(|r| r.year >= first) {
        for (team, v) in [("industry_only", r.industry_max_log10), ("academic_only", r.academic_max_log10)] {
            let Some(l) = v else { continue };
            let flop = 10f64.powf(l);
            let (usd, draws) = usd_with_draws(flop, r.year, pp, defs);
            rows.push(FrontierCostRow {
                year: r.year,
                team,
                log10_flop: l,
                training_flop: flop,
                flops_per_usd: pp.log10_at(r.year as f64 + 0.5).map(|l| 10f64.powf(l)),
                usd,
                usd_ci95: ci95(&draws),
                gpu_years: gpu_years(flop, defs),
            });
        }
    }
    rows
}

// ---------------------------------------------------------------------------------------------------
// What a national resource buys

/// A training scale of the what-if.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    /// `industry_frontier`, `top_n` or `large_scale`.
    pub name: &'static str,
    pub training_flop: f64,
    pub usd: Option<f64>,
    pub usd_ci95: Option<[f64; 2]>,
    pub gpu_years: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Runs {
    pub scale: &'static str,
    pub runs_per_year: Option<f64>,
    pub runs_per_year_ci95: Option<[f64; 2]>,
}

/// The largest run a budget for large runs affords, and its lag behind the industry frontier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lag {
    pub affordable_flop: Option<f64>,
    pub lag_oom: Option<f64>,
    pub lag_oom_ci95: Option<[f64; 2]>,
    /// `lag_oom` over industry's trend (OOM/year); negative: ahead of the frontier.
    pub lag_years: Option<f64>,
    pub lag_years_ci95: Option<[f64; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    pub name: String,
    pub usd_per_year: f64,
    pub large_run_share: f64,
    pub large_run_usd: f64,
    pub source: String,
    pub runs: Vec<Runs>,
    #[serde(flatten)]
    pub lag: Lag,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurvePoint {
    /// Dollars per year for large runs.
    pub large_run_usd: f64,
    pub runs_industry_frontier: Option<f64>,
    pub runs_top_n: Option<f64>,
    pub runs_large_scale: Option<f64>,
    #[serde(flatten)]
    pub lag: Lag,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// The year whose frontier and price-performance the scenarios use (latest year of the model table).
    pub year: Option<i32>,
    /// Industry-only DL-era trend (OOM/year) that turns a lag in OOM into years.
    pub industry_slope_oom_per_year: Option<f64>,
    pub top_scale_n: usize,
    pub scales: Vec<Scale>,
    pub scenarios: Vec<ScenarioResult>,
    pub curve: Vec<CurvePoint>,
}

/// FLOP a yearly budget affords at the year's price-performance 10^`log10_pp` (inverse of `usd_of`).
fn flop_of(usd: f64, log10_pp: f64, defs: &Definitions) -> f64 {
    usd * (usd_of(1.0, log10_pp, defs)).recip()
}

/// What budgets buy in the latest year of the model frontier (see the module documentation). `points`
/// are the notable models with compute (`population::compute_points`), for the top-n scale.
pub fn what_if(gap: &GapResult, points: &[Point], pp: &PricePerformance, defs: &Definitions) -> WhatIf {
    let p = &defs.provision;
    let last = gap.rows.iter().rev().find(|r| r.industry_max_log10.is_some());
    let year = last.map(|r| r.year);
    let slope = gap.industry_slope_oom_per_year;
    let mut out = WhatIf {
        year,
        industry_slope_oom_per_year: slope,
        top_scale_n: p.top_scale_n,
        scales: vec![],
        scenarios: vec![],
        curve: vec![],
    };
    let (Some(row), Some(year)) = (last, year) else { return out };
    let frontier_log10 = row.industry_max_log10.expect("found by it");
    let mut upto: Vec<f64> =
        points.iter().filter(|q| calendar_year(q.year) <= year).map(|q| q.log10_flop).collect();
    upto.sort_by(|a, b| b.total_cmp(a));
    let top_n = upto.get(p.top_scale_n - 1).copied();
    let scales: Vec<(&'static str, f64)> = [
        ("industry_frontier", Some(frontier_log10)),
        ("top_n", top_n),
        ("large_scale", Some(p.large_run_flop.log10())),
    ]
    .into_iter()
    .filter_map(|(n, l)| Some((n, 10f64.powf(l?))))
    .collect();
    let at = year as f64 + 0.5;
    let scale_costs: Vec<(&'static str, Option<f64>, Vec<f64>)> = scales
        .iter()
        .map(|&(n, flop)| {
            let (usd, draws) = usd_with_draws(flop, year, pp, defs);
            (n, usd, draws)
        })
        .collect();
    for (&(name, flop), (_, usd, draws)) in scales.iter().zip(&scale_costs) {
        out.scales.push(Scale {
            name,
            training_flop: flop,
            usd: *usd,
            usd_ci95: ci95(draws),
            gpu_years: gpu_years(flop, defs),
        });
    }
    let runs = |budget: f64| -> Vec<Runs> {
        scale_costs
            .iter()
            .map(|(n, usd, draws)| Runs {
                scale: n,
                runs_per_year: usd.map(|u| budget / u),
                runs_per_year_ci95: ci95(&draws.iter().map(|u| budget / u).collect::<Vec<_>>()),
            })
            .collect()
    };
    let lag = |budget: f64| -> Lag {
        let point = pp.log10_at(at).map(|l| flop_of(budget, l, defs));
        let draws: Vec<f64> = pp
            .draws
            .iter()
            .map(|(s, i)| frontier_log10 - flop_of(budget, i + s * at, defs).log10())
            .collect();
        let lag_oom = point.map(|f| frontier_log10 - f.log10());
        let years = |v: f64| slope.map(|s| v / s);
        let oom_ci = ci95(&draws);
        Lag {
            affordable_flop: point,
            lag_oom,
            lag_oom_ci95: oom_ci,
            lag_years: lag_oom.and_then(years),
            lag_years_ci95: oom_ci.and_then(|[a, b]| Some([years(a)?, years(b)?])),
        }
    };
    for s in &p.scenarios {
        let budget = s.usd_per_year * s.large_run_share;
        out.scenarios.push(ScenarioResult {
            name: s.name.clone(),
            usd_per_year: s.usd_per_year,
            large_run_share: s.large_run_share,
            large_run_usd: budget,
            source: s.source.clone(),
            runs: runs(budget),
            lag: lag(budget),
        });
    }
    let (lo, hi) = (p.curve_min_usd.log10(), p.curve_max_usd.log10());
    for k in 0..p.curve_points {
        let budget = 10f64.powf(lo + (hi - lo) * k as f64 / (p.curve_points - 1) as f64);
        let r = runs(budget);
        let get = |n: &str| r.iter().find(|x| x.scale == n).and_then(|x| x.runs_per_year);
        out.curve.push(CurvePoint {
            large_run_usd: budget,
            runs_industry_frontier: get("industry_frontier"),
            runs_top_n: get("top_n"),
            runs_large_scale: get("large_scale"),
            lag: lag(budget),
        });
    }
    out
}

/// Every provision result together (what the command prints and the report renders).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvisionStudy {
    pub capacity: CapacityResult,
    pub price_performance: PricePerformance,
    pub frontier_cost: Vec<FrontierCostRow>,
    pub what_if: WhatIf,
}

/// Run the four analyses. `points` and `gap` come from the model table (`population::compute_points`,
/// `gap::gap_of_points`).
pub fn provision_study(
    clusters: &[GpuCluster],
    academic: &[bool],
    hardware: &[Accelerator],
    points: &[Point],
    gap: &GapResult,
    defs: &Definitions,
) -> ProvisionStudy {
    let pp = price_performance(hardware, defs);
    ProvisionStudy {
        capacity: capacity(clusters, academic, defs),
        frontier_cost: frontier_cost(gap, &pp, defs),
        what_if: what_if(gap, points, &pp, defs),
        price_performance: pp,
    }
}

/// [`provision_study`] from the classified models: the frontier under `Definitions` (`gap`) and the
/// notable models with compute.
pub fn provision_from_models(
    clusters: &[GpuCluster],
    academic: &[bool],
    hardware: &[Accelerator],
    models: &[cd_domain::ClassifiedModel],
    defs: &Definitions,
) -> ProvisionStudy {
    let points = crate::population::compute_points(models, defs);
    let gap = crate::gap::gap_of_points(&points, defs);
    provision_study(clusters, academic, hardware, &points, &gap, defs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gap::GapRow;
    use crate::population::testutil::model;
    use cd_domain::definitions::{BudgetScenario, HardwarePrecision, PublicPrivateAs};
    use cd_domain::TeamKind;
    use std::path::Path;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../cd-ingest/tests/fixtures/compute").join(name)
    }

    fn clusters() -> Vec<GpuCluster> {
        cd_ingest::compute::read_clusters(&fixture("clusters_drifted.csv")).unwrap().clusters
    }

    fn row<'a>(c: &'a CapacityResult, year: i32, sector: &str) -> &'a CapacityRow {
        c.rows.iter().find(|r| r.year == year && r.sector == sector).unwrap()
    }

    #[test]
    fn capacity_counts_operational_clusters_by_sector() {
        let cs = clusters();
        // Beta (Stanford) is the academic cluster.
        let academic: Vec<bool> = cs.iter().map(|c| c.name == "Beta").collect();
        let c = capacity(&cs, &academic, &Definitions::default());
        let a = &c.accounting;
        assert_eq!(
            (a.clusters, a.planned, a.dropped_possible_duplicate, a.dropped_excluded, a.eligible),
            (8, 1, 1, 1, 5)
        );
        assert_eq!((c.first_year, c.latest_year), (Some(2019), Some(2023)));
        assert_eq!(c.rows.len(), 5 * 4);
        assert_eq!(row(&c, 2019, "public_private").h100_equivalents, 200.0);
        assert_eq!(row(&c, 2020, "private").h100_equivalents, 1000.0);
        // 2022: Alpha Phase 2 supersedes Phase 1; Gamma was decommissioned in 2022.
        assert_eq!(row(&c, 2022, "private").h100_equivalents, 3000.0);
        assert_eq!(row(&c, 2022, "private").clusters, 1);
        assert_eq!(row(&c, 2022, "public_private").h100_equivalents, 0.0);
        assert_eq!(row(&c, 2023, "public").clusters, 2);
        assert!((row(&c, 2023, "public").ops_16bit - 7e17).abs() < 1.0);
        let s = c.shares.last().unwrap();
        assert_eq!(s.total_h100_equivalents, 3500.0);
        assert_eq!(s.public_share_h100, Some(500.0 / 3500.0));
        assert!((s.public_share_ops.unwrap() - 7.0 / 37.0).abs() < 1e-12);
        assert_eq!(s.largest.as_ref().unwrap().name, "Alpha Phase 2");
        assert_eq!(s.largest_public_ratio, Some(500.0 / 3000.0));
        assert_eq!(c.accounting.superseded_latest, 1);
        let ac = c.academic.last().unwrap();
        assert_eq!(
            (ac.clusters, ac.h100_equivalents, ac.names.clone()),
            (1, 500.0, vec!["Beta".to_string()])
        );
        let us = c
            .countries
            .iter()
            .find(|r| r.country == "United States of America" && r.sector == "public")
            .unwrap();
        assert_eq!(us.public_share_h100, Some(500.0 / 3500.0));
        // Without supersession, both Alpha phases count in 2022; halving Public/Private in 2020.
        let mut d = Definitions::default();
        d.provision.drop_superseded = false;
        d.provision.public_private_as = PublicPrivateAs::Half;
        let c = capacity(&cs, &academic, &d);
        assert_eq!(row(&c, 2022, "private").h100_equivalents, 4000.0);
        assert_eq!(row(&c, 2020, "private").h100_equivalents, 1100.0);
        assert_eq!(row(&c, 2020, "public").h100_equivalents, 100.0);
        assert!(c.rows.iter().all(|r| r.sector != "public_private"));
        // Possible duplicates kept: Epsilon (private, 2021) counts.
        let mut d = Definitions::default();
        d.provision.drop_possible_duplicates = false;
        assert_eq!(row(&capacity(&cs, &academic, &d), 2021, "private").h100_equivalents, 1400.0);
    }

    fn hardware() -> Vec<Accelerator> {
        cd_ingest::compute::read_hardware(&fixture("hardware_drifted.csv")).unwrap().accelerators
    }

    #[test]
    fn price_performance_fit_and_doubling() {
        let d = Definitions { bootstrap_resamples: 200, ..Definitions::default() };
        let pp = price_performance(&hardware(), &d);
        // Tensor only: B (1e14 / $2000, 2018-01-01) and C (4e14 / $4000, 2020-01-01): ×2 in two years.
        assert_eq!(pp.n, 2);
        let dx = (2020.0 + 0.5 / 366.0) - (2018.0 + 0.5 / 365.0);
        assert!((pp.slope_oom_per_year.unwrap() - std::f64::consts::LOG10_2 / dx).abs() < 1e-12);
        assert!((pp.doubling_years.unwrap() - dx).abs() < 1e-9);
        let mut d2 = d.clone();
        d2.provision.precision = HardwarePrecision::TensorThenFp16;
        let pp2 = price_performance(&hardware(), &d2);
        assert_eq!(pp2.n, 3);
        assert_eq!(pp2.points[0].precision, "fp16");
        // Bootstrap: reproducible, and the interval brackets the point estimate.
        let again = price_performance(&hardware(), &d2);
        assert_eq!(pp2.doubling_years_ci95, again.doubling_years_ci95);
        let [lo, hi] = pp2.doubling_years_ci95.unwrap();
        let (lo, hi) = (lo.unwrap(), hi.unwrap());
        assert!(lo <= pp2.doubling_years.unwrap() && pp2.doubling_years.unwrap() <= hi);
        // The doubling interval is log10(2) over the slope interval's bounds.
        let [slo, shi] = pp2.slope_ci95.unwrap();
        assert!(
            (lo - std::f64::consts::LOG10_2 / shi).abs() < 1e-12
                && (hi - std::f64::consts::LOG10_2 / slo).abs() < 1e-12
        );
        // Three points: a ninth of the resamples draw one point three times and give no slope, so fewer
        // than 95% are valid and the interval is flagged.
        assert!(pp2.interval_flagged && pp2.n_valid < 200);
    }

    fn gap_of(industry: f64, academic: f64, year: i32) -> GapResult {
        GapResult {
            gap_from: cd_domain::definitions::GapFrom::DlEra,
            top_n: 5,
            industry_slope_oom_per_year: Some(0.5),
            rows: vec![GapRow {
                year,
                industry_max_log10: Some(industry),
                academic_max_log10: Some(academic),
                gap_max_oom: Some(industry - academic),
                gap_max_years: None,
                industry_top_n_log10: None,
                academic_top_n_log10: None,
                gap_top_n_oom: None,
                gap_top_n_years: None,
            }],
            gap_max_trend_oom_per_year: None,
            gap_top_n_trend_oom_per_year: None,
        }
    }

    #[test]
    fn frontier_cost_and_what_if_agree() {
        let d = Definitions { bootstrap_resamples: 200, ..Definitions::default() };
        let pp = price_performance(&hardware(), &d);
        let gap = gap_of(24.0, 22.0, 2020);
        let rows = frontier_cost(&gap, &pp, &d);
        assert_eq!(rows.len(), 2);
        let ind = &rows[0];
        let pp_mid = 10f64.powf(pp.log10_at(2020.5).unwrap());
        let expected = 1e24 / (pp_mid * 0.35 * 4.0 * SECONDS_PER_YEAR);
        assert!((ind.usd.unwrap() / expected - 1.0).abs() < 1e-12);
        assert!((ind.gpu_years - 1e24 / (989.4e12 * 0.35 * SECONDS_PER_YEAR)).abs() < 1e-9);
        let [lo, hi] = ind.usd_ci95.unwrap();
        assert!(lo <= ind.usd.unwrap() && ind.usd.unwrap() <= hi, "{lo} {hi}");
        assert!((rows[1].usd.unwrap() * 100.0 / ind.usd.unwrap() - 1.0).abs() < 1e-12);
        // A scenario whose large-run budget is exactly one frontier run: one run per year, no lag.
        let mut d = d;
        d.provision.scenarios = vec![BudgetScenario {
            name: "one".into(),
            usd_per_year: 2.0 * ind.usd.unwrap(),
            large_run_share: 0.5,
            source: "test".into(),
        }];
        let points: Vec<Point> = crate::population::compute_points(
            &(0..12)
                .map(|i| model(&format!("m{i}"), "2020", Some(10f64.powi(20 + i)), TeamKind::IndustryOnly))
                .collect::<Vec<_>>(),
            &d,
        );
        let w = what_if(&gap, &points, &pp, &d);
        let s = &w.scenarios[0];
        let frontier = s.runs.iter().find(|r| r.scale == "industry_frontier").unwrap();
        assert!((frontier.runs_per_year.unwrap() - 1.0).abs() < 1e-12);
        assert!(s.lag.lag_oom.unwrap().abs() < 1e-12);
        // The 10th largest of 1e20..1e31 is 1e22: a hundred runs for the price of one frontier run.
        assert!((w.scales[1].training_flop / 1e22 - 1.0).abs() < 1e-12);
        let top = s.runs.iter().find(|r| r.scale == "top_n").unwrap();
        assert!((top.runs_per_year.unwrap() - 100.0).abs() < 1e-9);
        // Ten times the budget: one OOM ahead, two years at 0.5 OOM/year.
        assert_eq!(w.curve.len(), d.provision.curve_points);
        let big = w.curve.iter().map(|c| c.large_run_usd).fold(0.0, f64::max);
        assert!((big - 1e11).abs() < 1.0);
        // Ten times the budget: one OOM beyond the frontier, two years of a 0.5 OOM/year trend.
        d.provision.scenarios[0].usd_per_year *= 10.0;
        let s = &what_if(&gap, &points, &pp, &d).scenarios[0];
        assert!((s.lag.lag_oom.unwrap() + 1.0).abs() < 1e-12);
        assert!((s.lag.lag_years.unwrap() + 2.0).abs() < 1e-12);
        let [lo, hi] = s.lag.lag_oom_ci95.unwrap();
        assert!(lo <= -1.0 + 1e-9 && -1.0 - 1e-9 <= hi, "{lo} {hi}");
    }
}
