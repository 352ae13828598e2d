//! Listings of the model analyses: `trends`, `shares`, `gap`, `openness`, `lineage` and `speccurve`, and
//! the envelope their JSON starts with (the input file, its sha256 and every definition used).

use super::Listing;
use cd_analysis::gap::GapResult;
use cd_analysis::lineage::LineageResult;
use cd_analysis::openness::OpennessResult;
use cd_analysis::shares::{Counting, Granularity, SharesResult};
use cd_analysis::speccurve::SpecCurveResult;
use cd_analysis::trends::TrendsResult;
use cd_domain::Definitions;
use serde::Serialize;

/// What every JSON output of one table starts with: where the numbers came from, and the table's row
/// accounting (`rows_read`, `rows_loaded`, `rows_rejected`, `rejections`, as in every listing).
#[derive(Serialize)]
pub struct Envelope<'a, T: Serialize> {
    pub input: InputInfo,
    #[serde(flatten)]
    pub counts: super::ReadCounts,
    pub rejections: &'a [cd_domain::Rejection],
    pub definitions: &'a Definitions,
    #[serde(flatten)]
    pub result: &'a T,
}

/// The JSON of an analysis of several tables (`speccurve`).
#[derive(Serialize)]
pub struct Inputs<'a, T: Serialize> {
    pub inputs: Vec<InputInfo>,
    pub definitions: &'a Definitions,
    #[serde(flatten)]
    pub result: &'a T,
}

/// An analysed Epoch table with its row accounting.
#[derive(Debug, Clone, Serialize)]
pub struct InputInfo {
    pub path: String,
    pub sha256: String,
    pub models: usize,
    #[serde(flatten)]
    pub counts: super::ReadCounts,
}

impl InputInfo {
    /// The table at `path` (content `sha256`) as read (`report`).
    pub fn new(path: String, sha256: String, models: usize, report: &cd_domain::ReadReport) -> InputInfo {
        InputInfo { path, sha256, models, counts: report.into() }
    }
}

/// A number for a table: `-` when absent or not finite.
pub fn num(v: Option<f64>, digits: usize) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x:.digits$}"),
        _ => "-".into(),
    }
}

fn interval(v: Option<[f64; 2]>, digits: usize) -> String {
    v.map_or("-".into(), |[a, b]| format!("[{}, {}]", num(Some(a), digits), num(Some(b), digits)))
}

fn interval_opt(v: [Option<f64>; 2], digits: usize) -> String {
    if v[0].is_none() && v[1].is_none() {
        return "-".into();
    }
    format!("[{}, {}]", num(v[0], digits), v[1].map_or("∞".into(), |x| num(Some(x), digits)))
}

/// The trend fits, one row per team kind and era.
pub fn trends(r: &TrendsResult) -> Listing {
    let header = [
        "team",
        "era",
        "n",
        "slope_oom_per_year",
        "slope_ci95",
        "growth_per_year",
        "doubling_months",
        "doubling_months_ci95",
    ];
    Listing::of(&header, &r.fits, |f| {
        vec![
            f.team.as_str().into(),
            f.era.as_str().into(),
            f.n.to_string(),
            num(f.slope_oom_per_year, 3),
            interval(f.slope_ci95, 3),
            num(f.growth_per_year, 2),
            num(f.doubling_months, 1),
            interval_opt(f.doubling_months_ci95, 1),
        ]
    })
}

/// The industry share of the k largest models per year.
pub fn largest(r: &SharesResult) -> Listing {
    let header = ["year", "k", "n", "industry_only_share", "industry_involved_share", "academic_only_share"];
    Listing::of(&header, &r.largest, |x| {
        vec![
            x.year.to_string(),
            x.k.to_string(),
            x.n.to_string(),
            num(x.industry_only_share, 3),
            num(x.industry_involved_share, 3),
            num(x.academic_only_share, 3),
        ]
    })
}

/// Team shares per period (or per year with `by_year`), full counting (or fractional).
pub fn shares(r: &SharesResult, by_year: bool, fractional: bool) -> Listing {
    let want_gran = if by_year { Granularity::Year } else { Granularity::Period };
    let want_count = if fractional { Counting::Fractional } else { Counting::Full };
    let header = ["subset", "period", "team", "count", "n", "n_unknown", "share", "share_ci95", "small_n"];
    let rows: Vec<_> =
        r.rows.iter().filter(|x| x.granularity == want_gran && x.counting == want_count).collect();
    Listing::of(&header, &rows, |x| {
        vec![
            x.subset.as_str().into(),
            x.period.clone(),
            x.team.to_string(),
            if fractional { format!("{:.2}", x.count) } else { format!("{}", x.count) },
            x.n.to_string(),
            x.n_unknown.to_string(),
            num(x.share, 3),
            interval(x.share_ci95, 3),
            if x.small_n { "yes".into() } else { String::new() },
        ]
    })
}

/// The frontier gap per year.
pub fn gap(r: &GapResult) -> Listing {
    let header = [
        "year",
        "industry_max_log10",
        "academic_max_log10",
        "gap_max_oom",
        "gap_max_years",
        "industry_top_n_log10",
        "academic_top_n_log10",
        "gap_top_n_oom",
        "gap_top_n_years",
    ];
    Listing::of(&header, &r.rows, |x| {
        [
            x.industry_max_log10,
            x.academic_max_log10,
            x.gap_max_oom,
            x.gap_max_years,
            x.industry_top_n_log10,
            x.academic_top_n_log10,
            x.gap_top_n_oom,
            x.gap_top_n_years,
        ]
        .into_iter()
        .fold(vec![x.year.to_string()], |mut v, c| {
            v.push(num(c, 2));
            v
        })
    })
}

/// The line under the gap table: the slopes.
pub fn gap_note(r: &GapResult) -> String {
    format!(
        "industry-only DL slope {} OOM/yr; gap trend {} OOM/yr (running max), {} OOM/yr (top-{} mean)",
        num(r.industry_slope_oom_per_year, 3),
        num(r.gap_max_trend_oom_per_year, 3),
        num(r.gap_top_n_trend_oom_per_year, 3),
        r.top_n
    )
}

/// The share of open models per team kind and year.
pub fn openness(r: &OpennessResult) -> Listing {
    let header = ["team", "year", "n_known", "n_open", "n_unknown", "share_open"];
    Listing::of(&header, &r.shares, |x| {
        vec![
            x.team.as_str().into(),
            x.year.to_string(),
            x.n_known.to_string(),
            x.n_open.to_string(),
            x.n_unknown.to_string(),
            num(x.share_open, 3),
        ]
    })
}

/// The line under the openness table: the open-vs-closed lag.
pub fn openness_note(r: &OpennessResult) -> String {
    let lag = &r.lag;
    format!(
        "open-vs-closed lag: {} years {} (gap {} OOM at {}; open n = {}, closed n = {}; {} of {} bootstrap \
         draws valid{})",
        num(lag.lag_years, 2),
        interval(lag.lag_years_ci95, 2),
        num(lag.gap_oom, 2),
        num(lag.evaluated_at, 2),
        lag.open.as_ref().map_or(0, |f| f.n),
        lag.closed.as_ref().map_or(0, |f| f.n),
        lag.bootstrap_valid,
        lag.bootstrap_drawn,
        if lag.interval_flagged { ", interval flagged" } else { "" }
    )
}

/// Models built on a base model, per team kind and year.
pub fn lineage(r: &LineageResult) -> Listing {
    let header = [
        "team",
        "year",
        "n_models",
        "n_with_base",
        "n_base_resolved",
        "n_base_industry",
        "share_industry_base",
    ];
    Listing::of(&header, &r.rows, |x| {
        vec![
            x.team.as_str().into(),
            x.year.to_string(),
            x.n_models.to_string(),
            x.n_with_base.to_string(),
            x.n_base_resolved.to_string(),
            x.n_base_industry.to_string(),
            num(x.share_industry_base, 3),
        ]
    })
}

/// The line under the lineage table: base models not in the catalogue (none when all resolve).
pub fn lineage_note(r: &LineageResult) -> Option<String> {
    (!r.unresolved.is_empty()).then(|| {
        format!("base models not in the catalogue ({}): {}", r.unresolved.len(), r.unresolved.join("; "))
    })
}

/// Every specification of every claim.
pub fn speccurve_specs(r: &SpecCurveResult) -> Listing {
    let header = ["claim", "vintage", "choices", "estimate", "ci95", "supports"];
    let specs: Vec<_> = r.claims.iter().flat_map(|c| c.specs.iter().map(move |s| (c, s))).collect();
    Listing::of(&header, &specs, |(c, s)| {
        vec![
            c.claim.to_string(),
            s.vintage.clone(),
            s.choices.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" "),
            num(s.estimate, 4),
            interval(s.ci95, 4),
            s.supports.map_or("-".into(), |b| b.to_string()),
        ]
    })
}

/// One summary row per claim.
pub fn speccurve_summary(r: &SpecCurveResult) -> Listing {
    let header = [
        "claim",
        "n_specs",
        "n_estimated",
        "n_supporting",
        "n_supporting_ci95",
        "min",
        "q25",
        "median",
        "q75",
        "max",
    ];
    Listing::of(&header, &r.claims, |c| {
        let counts = [c.n_specs, c.n_estimated, c.n_supporting, c.n_supporting_ci95];
        let mut row = vec![c.claim.to_string()];
        row.extend(counts.iter().map(|n| n.to_string()));
        row.extend([c.min, c.q25, c.median, c.q75, c.max].into_iter().map(|v| num(v, 3)));
        row
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_intervals_print_dashes_when_absent() {
        assert_eq!(num(Some(1.23456), 3), "1.235");
        assert_eq!(num(Some(f64::NAN), 3), "-");
        assert_eq!(num(None, 1), "-");
        assert_eq!(interval(Some([0.1, 0.25]), 2), "[0.10, 0.25]");
        assert_eq!(interval(None, 2), "-");
        assert_eq!(interval_opt([Some(3.0), None], 1), "[3.0, ∞]");
        assert_eq!(interval_opt([None, None], 1), "-");
    }
}
