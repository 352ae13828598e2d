//! What `compute-divide provision` prints: the headline numbers of the compute-provision analyses, each
//! beside its assumptions (table and CSV), and the JSON shape (`ProvisionJson`).

use super::{Listing, ReadCounts};
use cd_analysis::provision::{
    AcademicRow, CapacityAccounting, CapacityRow, CountryRow, FrontierCostRow, PricePerformance,
    ProvisionStudy, ShareRow, WhatIf,
};
use cd_domain::definitions::{PriceBasis, ProvisionDefs};
use cd_domain::{Definitions, ReadReport, Rejection};
use serde::Serialize;

/// The accounting of reading one table.
#[derive(Debug, Clone, Serialize)]
pub struct TableRead {
    pub file: String,
    pub sha256: String,
    #[serde(flatten)]
    pub counts: ReadCounts,
    pub rejections: Vec<Rejection>,
    pub notes: Vec<String>,
}

impl TableRead {
    pub fn new(report: &ReadReport, sha256: &str) -> TableRead {
        TableRead {
            file: report.file.clone(),
            sha256: sha256.to_string(),
            counts: report.into(),
            rejections: report.rejections.clone(),
            notes: report.notes.clone(),
        }
    }
}

/// The model table the frontier comes from.
#[derive(Debug, Clone, Serialize)]
pub struct ModelsInput {
    pub path: String,
    pub sha256: String,
    pub models: usize,
}

/// The JSON of `compute-divide provision`.
#[derive(Debug, Serialize)]
pub struct ProvisionJson<'a> {
    pub gpu_clusters: TableRead,
    pub ml_hardware: TableRead,
    pub models: ModelsInput,
    pub definitions: &'a ProvisionDefs,
    pub seed: u64,
    pub bootstrap_resamples: usize,
    pub cluster_accounting: &'a CapacityAccounting,
    pub capacity: &'a [CapacityRow],
    pub shares: &'a [ShareRow],
    pub countries: &'a [CountryRow],
    pub academic_clusters: &'a [AcademicRow],
    pub price_performance: &'a PricePerformance,
    pub frontier_cost: &'a [FrontierCostRow],
    pub what_if: &'a WhatIf,
}

impl<'a> ProvisionJson<'a> {
    pub fn new(
        study: &'a ProvisionStudy,
        defs: &'a Definitions,
        gpu_clusters: TableRead,
        ml_hardware: TableRead,
        models: ModelsInput,
    ) -> ProvisionJson<'a> {
        let c = &study.capacity;
        ProvisionJson {
            gpu_clusters,
            ml_hardware,
            models,
            definitions: &defs.provision,
            seed: defs.seed,
            bootstrap_resamples: defs.bootstrap_resamples,
            cluster_accounting: &c.accounting,
            capacity: &c.rows,
            shares: &c.shares,
            countries: &c.countries,
            academic_clusters: &c.academic,
            price_performance: &study.price_performance,
            frontier_cost: &study.frontier_cost,
            what_if: &study.what_if,
        }
    }
}

/// A number with three significant digits (`1.23e6` style for large and small values).
pub fn sig(v: f64) -> String {
    if !v.is_finite() {
        return "-".into();
    }
    let a = v.abs();
    if a != 0.0 && !(0.01..1e5).contains(&a) {
        format!("{v:.2e}")
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
    }
}

fn opt(v: Option<f64>) -> String {
    v.map_or("-".into(), sig)
}

fn ci(v: Option<[f64; 2]>) -> String {
    v.map_or(String::new(), |[a, b]| format!(" [{}, {}]", sig(a), sig(b)))
}

/// A doubling-time interval; an unbounded upper end is `∞`.
pub fn doubling_ci(v: Option<[Option<f64>; 2]>) -> String {
    v.map_or("[-]".into(), |[a, b]| format!("[{}, {}]", opt(a), b.map_or("∞".into(), sig)))
}

fn pct(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{:.1}%", 100.0 * x))
}

/// The cost assumptions in words.
pub fn cost_assumptions(p: &ProvisionDefs) -> String {
    let basis = match p.price_basis {
        PriceBasis::Amortised { years } => format!("purchase price amortised over {years} years"),
        PriceBasis::Rental { usd_per_h100_hour } => format!("rental at ${usd_per_h100_hour}/H100-hour"),
    };
    format!(
        "utilisation {:.0}%, {basis}, precision {}, H100-equivalent = {:.4e} FLOP/s; accelerators only",
        100.0 * p.utilisation,
        p.precision.as_str(),
        p.reference_gpu_flops
    )
}

/// The headline numbers: (measure, value, assumptions).
pub fn headline(study: &ProvisionStudy, defs: &Definitions) -> Vec<[String; 3]> {
    let p = &defs.provision;
    let c = &study.capacity;
    let mut out: Vec<[String; 3]> = vec![];
    let flags = format!(
        "operational at year end; drop_excluded={}, drop_possible_duplicates={}, standard_analysis_only={}, \
         drop_superseded={}, public_private_as={}",
        p.drop_excluded,
        p.drop_possible_duplicates,
        p.standard_analysis_only,
        p.drop_superseded,
        p.public_private_as.as_str()
    );
    if let Some(s) = c.shares.last() {
        out.push([
            format!("total H100-equivalents {}", s.year),
            format!("{} ({} clusters)", sig(s.total_h100_equivalents), s.clusters),
            flags.clone(),
        ]);
        out.push([format!("public share of H100e {}", s.year), pct(s.public_share_h100), flags.clone()]);
        out.push([
            format!("public/private share of H100e {}", s.year),
            pct(s.public_private_share_h100),
            flags.clone(),
        ]);
        out.push([format!("public share of 16-bit OP/s {}", s.year), pct(s.public_share_ops), flags.clone()]);
        if let (Some(l), Some(lp)) = (&s.largest, &s.largest_public) {
            out.push([
                format!("largest public cluster / largest cluster {}", s.year),
                format!(
                    "{} ({}: {} vs {}: {})",
                    pct(s.largest_public_ratio),
                    lp.name,
                    sig(lp.h100_equivalents),
                    l.name,
                    sig(l.h100_equivalents)
                ),
                "H100-equivalents".into(),
            ]);
        }
        for r in c.rows.iter().filter(|r| r.year == s.year) {
            out.push([
                format!("{} H100e {}", r.sector, r.year),
                format!(
                    "{} ({} clusters; 16-bit OP/s {})",
                    sig(r.h100_equivalents),
                    r.clusters,
                    sig(r.ops_16bit)
                ),
                flags.clone(),
            ]);
        }
    }
    if let Some(a) = c.academic.last() {
        out.push([
            format!("clusters with academic owners or users {}", a.year),
            format!(
                "{} clusters, {} H100e ({} of total)",
                a.clusters,
                sig(a.h100_equivalents),
                pct(a.share_h100)
            ),
            "owners and users classified by the institution classifier".into(),
        ]);
    }
    let pp = &study.price_performance;
    out.push([
        "price-performance doubling time (years)".into(),
        format!(
            "{} {}{}",
            opt(pp.doubling_years),
            doubling_ci(pp.doubling_years_ci95),
            if pp.interval_flagged { " (interval flagged: few resamples with a positive slope)" } else { "" }
        ),
        format!(
            "OLS of log10 FLOP/s per release-price dollar on release date, {} accelerators, precision {}, \
             {} bootstrap resamples",
            pp.n,
            pp.precision.as_str(),
            pp.resamples
        ),
    ]);
    let last_year = study.frontier_cost.last().map(|r| r.year);
    for r in study.frontier_cost.iter().filter(|r| Some(r.year) == last_year || Some(r.year + 1) == last_year)
    {
        out.push([
            format!("cost of the {} frontier {} (USD)", r.team, r.year),
            format!(
                "{}{}; {} GPU-years; {} FLOP",
                opt(r.usd),
                ci(r.usd_ci95),
                sig(r.gpu_years),
                sig(r.training_flop)
            ),
            cost_assumptions(p),
        ]);
    }
    let w = &study.what_if;
    for s in &w.scenarios {
        let runs: Vec<String> = s
            .runs
            .iter()
            .map(|r| format!("{} {}{}", r.scale, opt(r.runs_per_year), ci(r.runs_per_year_ci95)))
            .collect();
        out.push([
            format!("{}: runs per year ({})", s.name, w.year.map_or("-".into(), |y| y.to_string())),
            runs.join("; "),
            format!(
                "${} per year, {:.0}% for large runs; {}",
                sig(s.usd_per_year),
                100.0 * s.large_run_share,
                cost_assumptions(p)
            ),
        ]);
        out.push([
            format!("{}: best run's lag behind the industry frontier", s.name),
            format!(
                "{} OOM{}, {} years{}",
                opt(s.lag.lag_oom),
                ci(s.lag.lag_oom_ci95),
                opt(s.lag.lag_years),
                ci(s.lag.lag_years_ci95)
            ),
            format!(
                "whole large-run share on one run; industry trend {} OOM/year",
                opt(w.industry_slope_oom_per_year)
            ),
        ]);
    }
    out
}

/// The table and CSV of `compute-divide provision`.
pub fn provision(study: &ProvisionStudy, defs: &Definitions) -> Listing {
    Listing::of(&["measure", "value", "assumptions"], &headline(study, defs), |r| r.to_vec())
}
