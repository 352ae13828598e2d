//! The study's report: turns the analyses' results (`cd-analysis`) into the sections, figures, tables and
//! headline numbers of `report.html`, and writes them with `document::write_document`.
//!
//! Everything plotted or tabulated here was computed by `cd-analysis`; this module selects, labels,
//! formats and lays out. The only arithmetic is geometry (evaluating a fitted line at its end points, the
//! mean date a band pivots on, cumulative heights of stacked bars) and unit conversion for display.
//!
//! # Files (stable names)
//! Every figure `figures/<id>.svg` has its data in `tables/<id>.csv` and `.json`:
//! - `compute_divide`: notable models with compute since `dl_era_start` (dots), per-team fits;
//! - `compute_history`: the same over the whole history, with the all-model pre-DL and DL fits;
//! - `trend_doubling`: doubling time per team and era with 95% intervals;
//! - `shares_periods`, `shares_yearly`: team shares of notable / large-scale / frontier models;
//! - `largest_by_year`: team kinds among the k largest models of each year;
//! - `frontier_gap`: running maximum and top-n envelope per team kind, and the gap;
//! - `openness`: share with open weights per team and year (JSON: the whole openness result);
//! - `lineage`: models built on industry base models (JSON: the whole lineage result);
//! - `speccurve`: one panel per claim; its specifications are in `tables/speccurve_specs.csv`;
//! - `speccurve_<claim>`: one claim's curve with the dashboard of definitions each specification uses.
//!
//! Tables whose JSON is the analysis result itself, with the fields of the matching command's
//! `--format json`: `trends.json` (`trends`), `shares.json` (`shares`), `gap.json` (`gap`),
//! `openness.json` (`openness`), `lineage.json` (`lineage`), `speccurve.json` (`speccurve`). Also
//! `open_closed_frontier.csv` (the frontier models of the lag fit) and `lineage_unresolved.csv` (base
//! model names that match no model).

use crate::document::{write_document, Document, FigureBlock, Headline, ReportFiles, Section, Source};
use crate::figure::{Axis, Bar, Figure, Interval, Layer, LegendItem, Panel, Point, Series, Swatch};
use crate::palette::{self, team_color, team_key_label, team_label};
use crate::scale::AxisKind;
use crate::table::{fmt_flop, fmt_interval, fmt_num, fmt_opt, fmt_pct, Table};
use cd_analysis::gap::GapResult;
use cd_analysis::headlines::{find_fit, report_headlines};
use cd_analysis::lineage::LineageResult;
use cd_analysis::model_study::ModelStudy;
use cd_analysis::openness::{open_closed_frontiers, OpennessResult};
use cd_analysis::population::{compute_points, TeamGroup};
use cd_analysis::shares::{Counting, Granularity, ShareGroup, ShareRow, SharesResult, Subset};
use cd_analysis::speccurve::{Claim, SpecCurveResult};
use cd_analysis::trends::{era_points, points_large_scale, Era, TrendsResult};
use cd_domain::{ClassifiedModel, Definitions, TeamKind};
use std::path::Path;

/// The model analyses' results the model sections and the headlines are drawn from
/// (`cd_analysis::model_study`), with the models they were computed on.
pub struct ModelResults<'a> {
    pub definitions: &'a Definitions,
    /// The classified models of the analysed vintage (the population of every analysis).
    pub models: &'a [ClassifiedModel],
    pub trends: &'a TrendsResult,
    pub shares: &'a SharesResult,
    pub gap: &'a GapResult,
    pub openness: &'a OpennessResult,
    pub lineage: &'a LineageResult,
    pub speccurve: &'a SpecCurveResult,
}

impl<'a> ModelResults<'a> {
    /// The results of `cd_analysis::model_study::model_study` on `models`.
    pub fn of(study: &'a ModelStudy, models: &'a [ClassifiedModel], definitions: &'a Definitions) -> Self {
        ModelResults {
            definitions,
            models,
            trends: &study.trends,
            shares: &study.shares,
            gap: &study.gap,
            openness: &study.openness,
            lineage: &study.lineage,
            speccurve: &study.speccurve,
        }
    }
}

/// Everything the report shows: its headline numbers, its sections as a list in report order (each
/// built, or missing with the input it needs, which its empty state names), and its sources.
pub struct ReportInput<'a> {
    /// Program name and version, e.g. `compute-divide 0.1.0`.
    pub version: String,
    pub definitions: &'a Definitions,
    /// Input files with hashes, row accounting and credits.
    pub sources: Vec<Source>,
    /// The numbers at the top of the page ([`headlines`]).
    pub headlines: Vec<Headline>,
    /// The sections in report order: the model sections ([`model_sections`]) then the paper sections
    /// (`crate::sections`).
    pub sections: Vec<crate::sections::Slot>,
}

/// The model sections, built, in report order.
pub fn model_sections(m: &ModelResults) -> Vec<crate::sections::Slot> {
    [compute_divide_section(m), shares_section(m), gap_section(m), openness_section(m), speccurve_section(m)]
        .into_iter()
        .map(crate::sections::Slot::Built)
        .collect()
}

/// Build the document and write the report folder (see `document::write_document` for the layout).
pub fn write_report(out_dir: &Path, input: &ReportInput) -> crate::Result<ReportFiles> {
    write_document(out_dir, &build_document(input))
}

/// The whole report as a document (no I/O).
pub fn build_document(input: &ReportInput) -> Document {
    let defs = input.definitions;
    let sections = input.sections.iter().map(crate::sections::Slot::to_section).collect();
    let vintage = defs.vintage.clone().unwrap_or_else(|| {
        input.sources.first().map(|s| s.vintage.clone()).unwrap_or_else(|| "newest snapshot".to_string())
    });
    Document {
        title: "The compute divide in machine learning".to_string(),
        subtitle: format!(
            "Training compute of academic and industry models, after Besiroglu et al. (2024), recomputed \
             from Epoch AI's model database (vintage {vintage}) with every disputed definition made explicit."
        ),
        version: input.version.clone(),
        definitions: defs.clone(),
        headlines: input.headlines.clone(),
        sections,
        sources: input.sources.clone(),
        methods: methods_paragraphs(defs),
    }
}

// ------------------------------------------------------------------------------------------------
// Labels

fn era_label(era: Era, defs: &Definitions) -> String {
    match era {
        Era::PreDl => format!("Pre-deep-learning (before {})", year_text(defs.dl_era_start)),
        Era::Dl => format!("Deep learning ({} on)", year_text(defs.dl_era_start)),
        Era::LargeScale => format!("Large-scale ({} on)", year_text(defs.large_scale_era_start)),
    }
}

/// A decimal year as `2010` or `2015-09`.
fn year_text(y: f64) -> String {
    let year = y.floor();
    let frac = y - year;
    if frac.abs() < 1e-9 {
        format!("{year:.0}")
    } else {
        // Era boundaries fall on month starts: round to the nearest month.
        format!("{year:.0}-{:02}", ((frac * 12.0).round() as i32 + 1).min(12))
    }
}

/// A short era label for table cells.
fn era_short(era: Era, defs: &Definitions) -> String {
    match era {
        Era::PreDl => format!("pre-DL (< {})", year_text(defs.dl_era_start)),
        Era::Dl => format!("DL ({}+)", year_text(defs.dl_era_start)),
        Era::LargeScale => format!("large-scale ({}+)", year_text(defs.large_scale_era_start)),
    }
}

fn subset_label(s: Subset) -> &'static str {
    match s {
        Subset::Notable => "Notable models",
        Subset::LargeScale => "Large-scale models",
        Subset::Frontier => "Frontier models",
    }
}

fn group_kind(t: TeamGroup) -> Option<TeamKind> {
    match t {
        TeamGroup::All => None,
        TeamGroup::AcademicOnly => Some(TeamKind::AcademicOnly),
        TeamGroup::IndustryOnly => Some(TeamKind::IndustryOnly),
        TeamGroup::Collaboration => Some(TeamKind::Collaboration),
    }
}

fn group_series(t: TeamGroup) -> Series {
    match group_kind(t) {
        Some(k) => Series::new(team_label(k), team_color(k)),
        None => Series::new("All models", palette::ALL_MODELS),
    }
}

fn months(v: Option<f64>) -> String {
    fmt_opt(v, 1)
}

fn ci_text(ci: [Option<f64>; 2], decimals: usize) -> String {
    match ci {
        [Some(a), Some(b)] => fmt_interval(a, b, decimals),
        [Some(a), None] => format!("[{}, ∞)", fmt_num(a, decimals)),
        _ => String::new(),
    }
}

// ------------------------------------------------------------------------------------------------
// Section 1: the compute divide

fn compute_divide_section(input: &ModelResults) -> Section {
    let defs = input.definitions;
    let tr = input.trends;
    let mut s = Section::new("compute-divide", "The compute divide: training compute by team");
    s.paragraphs.push(format!(
        "Each dot is a notable model with a known publication date and training-compute estimate \
         ({} models; {} of them large-scale). Lines are least-squares fits of log10 training compute on \
         date within each era; shaded bands show the 95% bootstrap interval of the slope ({} resamples{}).",
        tr.n_points,
        tr.n_large_scale,
        defs.bootstrap_resamples,
        if defs.bootstrap_jitter { ", each point's compute jittered by a factor of up to 2" } else { "" }
    ));
    if let Some(c) = &tr.chow_dl_break {
        s.paragraphs.push(format!(
            "A Chow test for a break in the all-model trend at {} gives F = {} (p {}; {} models before, \
             {} from then on).",
            year_text(c.break_x),
            fmt_num(c.f, 1),
            if c.p_value < 1e-4 { "< 0.0001".to_string() } else { format!("= {}", fmt_num(c.p_value, 4)) },
            c.n_before,
            c.n_after
        ));
    }
    if let Some(k) = &tr.kinked_all {
        s.paragraphs.push(format!(
            "A two-segment fit with the break chosen by BIC puts the kink at {} ({} OOM/year before, {} \
             after; BIC {} against {} for one line).",
            year_text(k.break_x),
            fmt_num(k.slope_before, 3),
            fmt_num(k.slope_after, 3),
            fmt_num(k.bic, 1),
            fmt_num(k.bic_linear, 1)
        ));
    }
    let (fig, data) = compute_scatter(input, true);
    s.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Training compute of notable models published from {} on, on a log scale, coloured by the kind \
             of team that built them. Solid lines: deep-learning-era trend per team; dashed: large-scale-era \
             trend per team (fitted on large-scale models only); bands: 95% bootstrap interval of each slope.",
            year_text(defs.dl_era_start)
        ),
        claim: "industry and academic labs differ sharply in the compute they use, and compute has \
                doubled about every six months since 2010 (Sevilla et al. 2022: 5.7 months)."
            .to_string(),
    });
    s.tables.push(data);
    let (fig, data) = compute_scatter(input, false);
    s.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "The whole history: every notable model with compute since the 1950s, with the pre-deep-learning \
             trend of all models (before {}) and the deep-learning-era trend of all models.",
            year_text(defs.dl_era_start)
        ),
        claim:
            "Sevilla et al. (2022) find compute growth accelerated around 2010, from doubling about every \
                21 months to about every 6."
                .to_string(),
    });
    s.tables.push(data);
    let (fig, data) = doubling_dotplot(input);
    s.figures.push(FigureBlock {
        figure: fig,
        caption: "Doubling time of training compute per team and era, with 95% bootstrap intervals. \
                  Shorter means faster growth; an interval that reaches the right edge is unbounded (the \
                  slope interval includes zero)."
            .to_string(),
        claim: "Sevilla et al. (2022) report doubling every 21.3 months before 2010, 5.7 months in the \
                deep-learning era and 9.9 months among large-scale models."
            .to_string(),
    });
    s.tables.push(data);
    s.tables.push(trends_table(tr, defs));
    s
}

/// The compute scatter: the deep-learning era with per-team fits (`dl_only`), or the whole history with
/// the all-model fits of the pre-DL and DL eras.
fn compute_scatter(input: &ModelResults, dl_only: bool) -> (Figure, Table) {
    let defs = input.definitions;
    let points = compute_points(input.models, defs);
    let large = points_large_scale(&points, defs);
    let id = if dl_only { "compute_divide" } else { "compute_history" };
    let shown = |year: f64| !dl_only || year >= defs.dl_era_start;
    let mut table = Table::new(
        id,
        "Data of figure: models plotted",
        &["model", "publication_year", "log10_training_flop", "training_flop", "team", "large_scale"],
    );
    table.in_html = false;
    let mut by_kind: Vec<(TeamKind, Vec<Point>)> = TeamKind::ALL.iter().map(|k| (*k, vec![])).collect();
    for (p, ls) in points.iter().zip(&large).filter(|(p, _)| shown(p.year)) {
        let m = &input.models[p.index].model;
        let date = m.publication_date.map(|d| d.to_string()).unwrap_or_default();
        let flop = 10f64.powf(p.log10_flop);
        table.push(vec![
            m.name.clone(),
            fmt_num(p.year, 3),
            fmt_num(p.log10_flop, 3),
            fmt_flop(flop),
            p.team.as_str().to_string(),
            ls.to_string(),
        ]);
        let slot = by_kind.iter_mut().find(|(k, _)| *k == p.team).expect("every kind has a slot");
        slot.1.push(Point {
            x: p.year,
            y: p.log10_flop,
            title: format!(
                "{} ({date}): {} FLOP, {}",
                m.name,
                fmt_flop(flop),
                team_label(p.team).to_lowercase()
            ),
        });
    }
    let mut layers = Vec::new();
    // Fits first (behind the dots): DL and large-scale era per team, pre-DL for all models.
    let mut fits: Vec<(TeamGroup, Era, bool)> = Vec::new();
    if dl_only {
        for t in [TeamGroup::AcademicOnly, TeamGroup::IndustryOnly, TeamGroup::Collaboration] {
            fits.push((t, Era::Dl, false));
            fits.push((t, Era::LargeScale, true));
        }
    } else {
        fits.push((TeamGroup::All, Era::PreDl, false));
        fits.push((TeamGroup::All, Era::Dl, false));
    }
    let mut lines = Vec::new();
    for (team, era, dashed) in fits {
        let Some(f) = find_fit(input.trends, team, era) else { continue };
        let (Some(b), Some(a), Some(x0), Some(x1)) =
            (f.slope_oom_per_year, f.intercept, f.first_year, f.last_year)
        else {
            continue;
        };
        let series = group_series(team);
        // The OLS line passes through the mean of the fitted points; the band spans the slope's
        // bootstrap interval pivoting there.
        let members: Vec<f64> = era_points(&points, &large, era, defs)
            .into_iter()
            .filter(|p| team.contains(p.team))
            .map(|p| p.year)
            .collect();
        if let (Some([lo, hi]), false) = (f.slope_ci95, members.is_empty()) {
            let xm = members.iter().sum::<f64>() / members.len() as f64;
            let ym = a + b * xm;
            let steps = 24;
            let band: Vec<Interval> = (0..=steps)
                .map(|i| {
                    let x = x0 + (x1 - x0) * i as f64 / steps as f64;
                    let (u, v) = (ym + lo * (x - xm), ym + hi * (x - xm));
                    Interval { at: x, lo: u.min(v), hi: u.max(v) }
                })
                .collect();
            layers.push(Layer::Band { series: series.clone(), points: band });
        }
        lines.push(Layer::Line { series, points: vec![(x0, a + b * x0), (x1, a + b * x1)], dashed });
    }
    for (kind, pts) in by_kind {
        if !pts.is_empty() {
            layers.push(Layer::Points {
                series: Series::new(team_label(kind), team_color(kind)),
                points: pts,
                hollow: false,
                radius: 2.8,
            });
        }
    }
    layers.extend(lines);
    let title = if dl_only {
        format!("Training compute of notable ML models since {}, by team", year_text(defs.dl_era_start))
    } else {
        "Training compute of notable ML models, the whole history".to_string()
    };
    let mut fig = Figure::new(id, title);
    fig.panel_height = if dl_only { 500.0 } else { 380.0 };
    let mut x = Axis::new("Publication date (year)", AxisKind::Year);
    if dl_only {
        x = x.domain(
            defs.dl_era_start - 0.3,
            points.last().map(|p| p.year + 0.3).unwrap_or(defs.dl_era_start + 1.0),
        );
    }
    fig.panels.push(Panel {
        title: None,
        x,
        y: Axis::new("Training compute (FLOP, log scale)", AxisKind::Log10),
        layers,
    });
    let mut legend: Vec<LegendItem> = TeamKind::ALL
        .iter()
        .map(|k| LegendItem {
            label: team_label(*k).to_string(),
            color: team_color(*k).to_string(),
            swatch: Swatch::Point,
        })
        .collect();
    if dl_only {
        legend.push(LegendItem {
            label: "DL-era fit, 95% band".into(),
            color: palette::GREY.into(),
            swatch: Swatch::Band,
        });
        legend.push(LegendItem {
            label: "Large-scale-era fit".into(),
            color: palette::GREY.into(),
            swatch: Swatch::DashedLine,
        });
    } else {
        legend.push(LegendItem {
            label: "All models: era fits, 95% band".into(),
            color: palette::ALL_MODELS.into(),
            swatch: Swatch::Band,
        });
    }
    fig.legend = legend;
    (fig, table)
}

fn doubling_dotplot(input: &ModelResults) -> (Figure, Table) {
    let defs = input.definitions;
    let eras = Era::ALL;
    let teams = TeamGroup::ALL;
    let cats: Vec<String> = eras.iter().map(|e| era_label(*e, defs)).collect();
    let finite_hi = input
        .trends
        .fits
        .iter()
        .flat_map(|f| [f.doubling_months, f.doubling_months_ci95[1]])
        .flatten()
        .fold(0.0_f64, f64::max);
    let x_max = (finite_hi.min(48.0) / 6.0).ceil().max(1.0) * 6.0;
    let mut table = Table::new(
        "trend_doubling",
        "Data of figure: doubling times",
        &["team", "era", "n", "doubling_months", "ci95_low", "ci95_high"],
    );
    table.in_html = false;
    let mut layers = Vec::new();
    for (ti, team) in teams.iter().enumerate() {
        let series = group_series(*team);
        let offset = (ti as f64 - (teams.len() as f64 - 1.0) / 2.0) * 0.17;
        let mut pts = Vec::new();
        let mut bars = Vec::new();
        for (ei, era) in eras.iter().enumerate() {
            let Some(f) = find_fit(input.trends, *team, *era) else { continue };
            table.push(vec![
                team.as_str().into(),
                era.as_str().into(),
                f.n.to_string(),
                months(f.doubling_months),
                months(f.doubling_months_ci95[0]),
                months(f.doubling_months_ci95[1]),
            ]);
            let Some(d) = f.doubling_months else { continue };
            let at = ei as f64 + offset;
            pts.push(Point {
                x: d,
                y: at,
                title: format!(
                    "{}, {}: {} months (95% CI {}), n = {}",
                    series.label,
                    cats[ei],
                    fmt_num(d, 1),
                    ci_text(f.doubling_months_ci95, 1),
                    f.n
                ),
            });
            if let Some(lo) = f.doubling_months_ci95[0] {
                let hi = f.doubling_months_ci95[1].unwrap_or(f64::INFINITY).min(x_max);
                bars.push(Interval { at, lo, hi });
            }
        }
        layers.push(Layer::ErrorBars { series: series.clone(), intervals: bars, horizontal: true });
        layers.push(Layer::Points { series, points: pts, hollow: false, radius: 4.0 });
    }
    let mut fig = Figure::new("trend_doubling", "Doubling time of training compute, by team and era");
    fig.panel_height = 260.0;
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("Doubling time (months; 95% bootstrap interval)", AxisKind::Linear).domain(0.0, x_max),
        y: Axis::new("Era", AxisKind::Category(cats)),
        layers,
    });
    (fig, table)
}

fn trends_table(tr: &TrendsResult, defs: &Definitions) -> Table {
    let mut t = Table::new(
        "trends",
        "Growth of training compute per team and era",
        &[
            "team",
            "era",
            "n",
            "doubling (months)",
            "doubling 95% CI",
            "slope (OOM/yr)",
            "slope 95% CI",
            "growth (×/yr)",
            "growth 95% CI",
        ],
    );
    for era in Era::ALL {
        for team in TeamGroup::ALL {
            let Some(f) = find_fit(tr, team, era) else { continue };
            t.push(vec![
                team_key_label(team.as_str()),
                era_short(era, defs),
                f.n.to_string(),
                months(f.doubling_months),
                ci_text(f.doubling_months_ci95, 1),
                fmt_opt(f.slope_oom_per_year, 3),
                f.slope_ci95.map(|c| fmt_interval(c[0], c[1], 3)).unwrap_or_default(),
                fmt_opt(f.growth_per_year, 2),
                f.growth_per_year_ci95.map(|c| fmt_interval(c[0], c[1], 2)).unwrap_or_default(),
            ]);
        }
    }
    t.json = serde_json::to_value(tr).unwrap_or_default();
    t
}

// ------------------------------------------------------------------------------------------------
// Section 2: shares

fn full_rows(sh: &SharesResult, subset: Subset, g: Granularity) -> impl Iterator<Item = &ShareRow> {
    sh.rows.iter().filter(move |r| r.subset == subset && r.granularity == g && r.counting == Counting::Full)
}

const SHARE_TEAMS: [TeamKind; 4] =
    [TeamKind::AcademicOnly, TeamKind::IndustryOnly, TeamKind::Collaboration, TeamKind::Other];

fn shares_section(input: &ModelResults) -> Section {
    let defs = input.definitions;
    let sh = input.shares;
    let mut s = Section::new("shares", "Who builds notable, large-scale and frontier models");
    s.paragraphs.push(format!(
        "Shares of models by team kind among notable models, large-scale models ({}) and frontier models \
         ({}), per period and per year. Each share counts models of known team (models whose team is \
         unknown are left out of the denominator); error bars and bands are 95% bootstrap intervals.",
        rule_text_large(defs),
        rule_text_frontier(defs)
    ));
    let (fig, data) = shares_periods_figure(sh, defs);
    s.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Share of models built by each kind of team, per period, with 95% Wilson intervals (full \
             counting: each model counts once for its team kind). Hollow marks rest on fewer than {} models.",
            input.definitions.min_n_share
        ),
        claim: "the academic share of large-scale models fell from about 65% in the early 2010s to about \
                10% in the early 2020s, and industry-only teams built 81% of large-scale models in 2022."
            .to_string(),
    });
    s.tables.push(data);
    let (fig, data) = shares_yearly_figure(sh);
    s.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Academic-only and industry-only shares per calendar year, with 95% Wilson bands \
             (collaborations and other teams make up the rest). Hollow marks rest on fewer than {} models.",
            input.definitions.min_n_share
        ),
        claim: "Stanford's AI Index counts 32 industry against 3 academic notable models in 2022."
            .to_string(),
    });
    s.tables.push(data);
    let (fig, data) = largest_figure(sh, defs);
    s.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Team kinds among the {} largest notable models (by training compute) of each year.",
            defs.top_k_largest
        ),
        claim: "Ahmed, Wahed & Thompson (2023) report that industry's share of the largest models rose \
                from 11% in 2010 to 96% in 2021."
            .to_string(),
    });
    s.tables.push(data);
    s.tables.push(shares_table(sh));
    s
}

pub(crate) fn rule_text_large(defs: &Definitions) -> String {
    match defs.large_scale_rule {
        cd_domain::definitions::LargeScaleRule::ZScore { threshold, window_years } => format!(
            "log compute more than {threshold} standard deviations above models published within {window_years} \
             year(s) either side"
        ),
        cd_domain::definitions::LargeScaleRule::Threshold { min_flop } => {
            format!("at least {} FLOP", fmt_flop(min_flop))
        }
    }
}

pub(crate) fn rule_text_frontier(defs: &Definitions) -> String {
    match defs.frontier_rule {
        cd_domain::definitions::FrontierRule::TopN { n } => {
            format!("among the {n} most compute-intensive models at the time of release")
        }
        cd_domain::definitions::FrontierRule::Percentile { percentile, window_years } => format!(
            "above the {percentile}th percentile of compute within {window_years} year(s) either side"
        ),
        cd_domain::definitions::FrontierRule::Residual { min_residual_oom } => {
            format!("at least {min_residual_oom} OOM above the overall trend")
        }
    }
}

/// The empty three-column figure of team shares per subset `"Share of models by team kind, per {unit}"`
/// and its data table (files only, not in the HTML), both named `id`; `unit` is `period` or `year`.
fn shares_figure_table(id: &str, unit: &str, panel_height: f64) -> (Figure, Table) {
    let mut fig = Figure::new(id, format!("Share of models by team kind, per {unit}"));
    fig.columns = 3;
    fig.width = 900.0;
    fig.panel_height = panel_height;
    let mut table = Table::new(
        id,
        format!("Data of figure: shares per {unit}"),
        &["subset", unit, "team", "count", "n", "share", "ci95_low", "ci95_high", "small_n"],
    );
    table.in_html = false;
    (fig, table)
}

/// One row of the data table of [`shares_figure_table`]: a share of one team in one period or year.
fn share_data_row(subset: Subset, r: &ShareRow) -> Vec<String> {
    let ci = r.share_ci95;
    vec![
        subset.as_str().into(),
        r.period.clone(),
        r.team.to_string(),
        fmt_num(r.count, 0),
        r.n.to_string(),
        fmt_opt(r.share, 4),
        fmt_opt(ci.map(|c| c[0]), 4),
        fmt_opt(ci.map(|c| c[1]), 4),
        r.small_n.to_string(),
    ]
}

/// The hover title of a team's `share` in one period or year of a shares figure.
fn share_point_title(subset: Subset, r: &ShareRow, team_label: &str, share: f64) -> String {
    format!(
        "{}, {}, {}: {} ({} of {}{})",
        subset_label(subset),
        r.period,
        team_label,
        fmt_pct(share, 1),
        fmt_num(r.count, 0),
        r.n,
        if r.small_n { "; few models" } else { "" }
    )
}

fn shares_periods_figure(sh: &SharesResult, defs: &Definitions) -> (Figure, Table) {
    let cats: Vec<String> = defs.periods.iter().map(|p| p.label.clone()).collect();
    let (mut fig, mut table) = shares_figure_table("shares_periods", "period", 330.0);
    for subset in Subset::ALL {
        let mut layers = Vec::new();
        for (ti, kind) in SHARE_TEAMS.iter().enumerate() {
            let series = Series::new(team_label(*kind), team_color(*kind));
            let offset = (ti as f64 - 1.5) * 0.16;
            let (mut pts, mut few, mut bars) = (Vec::new(), Vec::new(), Vec::new());
            for r in full_rows(sh, subset, Granularity::Period).filter(|r| r.team == ShareGroup::Team(*kind))
            {
                let ci = r.share_ci95;
                table.push(share_data_row(subset, r));
                let (Some(share), Some(ci_idx)) = (r.share, cats.iter().position(|c| *c == r.period)) else {
                    continue;
                };
                let at = ci_idx as f64 + offset;
                if let Some([lo, hi]) = ci {
                    bars.push(Interval { at, lo, hi });
                }
                (if r.small_n { &mut few } else { &mut pts }).push(Point {
                    x: at,
                    y: share,
                    title: share_point_title(subset, r, &series.label, share),
                });
            }
            layers.push(Layer::ErrorBars { series: series.clone(), intervals: bars, horizontal: false });
            layers.push(Layer::Points { series: series.clone(), points: few, hollow: true, radius: 3.6 });
            layers.push(Layer::Points { series, points: pts, hollow: false, radius: 3.6 });
        }
        fig.panels.push(Panel {
            title: Some(subset_label(subset).to_string()),
            x: Axis::new("Period", AxisKind::Category(cats.clone())),
            y: Axis::new("Share of models of known team", AxisKind::Percent).domain(0.0, 1.0),
            layers,
        });
    }
    (fig, table)
}

fn shares_yearly_figure(sh: &SharesResult) -> (Figure, Table) {
    let (mut fig, mut table) = shares_figure_table("shares_yearly", "year", 300.0);
    for subset in Subset::ALL {
        let mut layers = Vec::new();
        let mut points_layers = Vec::new();
        for kind in [TeamKind::AcademicOnly, TeamKind::IndustryOnly] {
            let series = Series::new(team_label(kind), team_color(kind));
            let (mut line, mut band, mut pts, mut few) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for r in full_rows(sh, subset, Granularity::Year).filter(|r| r.team == ShareGroup::Team(kind)) {
                let ci = r.share_ci95;
                table.push(share_data_row(subset, r));
                let Ok(year) = r.period.parse::<f64>() else { continue };
                let x = year + 0.5;
                match r.share {
                    Some(share) => {
                        line.push((x, share));
                        (if r.small_n { &mut few } else { &mut pts }).push(Point {
                            x,
                            y: share,
                            title: share_point_title(subset, r, &series.label, share),
                        });
                    }
                    None => line.push((x, f64::NAN)),
                }
                if let Some([lo, hi]) = ci {
                    band.push(Interval { at: x, lo, hi });
                }
            }
            layers.push(Layer::Band { series: series.clone(), points: band });
            layers.push(Layer::Line { series: series.clone(), points: line, dashed: false });
            points_layers.push(Layer::Points {
                series: series.clone(),
                points: few,
                hollow: true,
                radius: 2.4,
            });
            points_layers.push(Layer::Points { series, points: pts, hollow: false, radius: 2.4 });
        }
        layers.extend(points_layers);
        fig.panels.push(Panel {
            title: Some(subset_label(subset).to_string()),
            x: Axis::new("Year", AxisKind::Year),
            y: Axis::new("Share of models of known team", AxisKind::Percent).domain(0.0, 1.0),
            layers,
        });
    }
    (fig, table)
}

fn largest_figure(sh: &SharesResult, defs: &Definitions) -> (Figure, Table) {
    let mut table = Table::new(
        "largest_by_year",
        format!("Team kinds among the {} largest models of each year", defs.top_k_largest),
        &[
            "year",
            "models",
            "known team",
            "industry-only",
            "industry-involved",
            "academic-only",
            "largest models",
        ],
    );
    table.html_columns = Some(6);
    let cats: Vec<String> = sh.largest.iter().map(|r| r.year.to_string()).collect();
    let kinds = [
        (TeamKind::IndustryOnly, "industry-only"),
        (TeamKind::Collaboration, "collaboration"),
        (TeamKind::AcademicOnly, "academic-only"),
        (TeamKind::Other, "other"),
    ];
    let mut bars: Vec<Vec<Bar>> = vec![Vec::new(); kinds.len()];
    for (i, r) in sh.largest.iter().enumerate() {
        table.push(vec![
            r.year.to_string(),
            r.n.to_string(),
            r.n_known.to_string(),
            r.industry_only_share.map(|v| fmt_pct(v, 0)).unwrap_or_default(),
            r.industry_involved_share.map(|v| fmt_pct(v, 0)).unwrap_or_default(),
            r.academic_only_share.map(|v| fmt_pct(v, 0)).unwrap_or_default(),
            r.models.join("; "),
        ]);
        let (Some(ind), Some(inv), Some(aca)) =
            (r.industry_only_share, r.industry_involved_share, r.academic_only_share)
        else {
            continue;
        };
        // Stack: industry-only, collaboration (= involved − only), academic-only, the rest.
        let heights = [ind, (inv - ind).max(0.0), aca, (1.0 - inv - aca).max(0.0)];
        let mut base = 0.0;
        for (k, h) in heights.iter().enumerate() {
            if *h > 1e-12 {
                bars[k].push(Bar {
                    x0: i as f64 - 0.38,
                    x1: i as f64 + 0.38,
                    y0: base,
                    y1: base + h,
                    title: format!("{}: {} {} of {} known", r.year, kinds[k].1, fmt_pct(*h, 0), r.n_known),
                });
            }
            base += h;
        }
    }
    let layers = kinds
        .iter()
        .zip(bars)
        .map(|((k, _), b)| Layer::Bars { series: Series::new(team_label(*k), team_color(*k)), bars: b })
        .collect();
    let mut fig = Figure::new(
        "largest_by_year",
        format!("Team kinds among the {} largest models of each year", defs.top_k_largest),
    );
    fig.panel_height = 320.0;
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("Year", AxisKind::Category(cats)),
        y: Axis::new("Share of the largest models (known team)", AxisKind::Percent).domain(0.0, 1.0),
        layers,
    });
    (fig, table)
}

fn shares_table(sh: &SharesResult) -> Table {
    let mut t = Table::new(
        "shares",
        "Team shares per period (full counting)",
        &["subset", "period", "team", "models", "of known team", "share", "share 95% CI"],
    );
    for subset in Subset::ALL {
        for r in full_rows(sh, subset, Granularity::Period) {
            t.push(vec![
                subset_label(subset).to_string(),
                r.period.clone(),
                team_key_label(r.team.as_str()),
                fmt_num(r.count, 0),
                r.n.to_string(),
                r.share.map(|v| fmt_pct(v, 1)).unwrap_or_default(),
                r.share_ci95
                    .map(|c| format!("[{}, {}]", fmt_pct(c[0], 1), fmt_pct(c[1], 1)))
                    .unwrap_or_default(),
            ]);
        }
    }
    t.json = serde_json::to_value(sh).unwrap_or_default();
    t
}

// ------------------------------------------------------------------------------------------------
// Section 3: the frontier gap

fn gap_section(input: &ModelResults) -> Section {
    let g = input.gap;
    let mut s = Section::new("gap", "The frontier gap between industry and academia");
    s.paragraphs.push(format!(
        "For each year, the largest training compute that industry-only and academic-only teams had \
         reached by the end of that year (running maximum), and the mean of their {} largest models so \
         far (top-{} envelope). The gap is industry minus academia in orders of magnitude (OOM); in years, \
         it is the gap divided by the industry-only deep-learning-era slope{}.",
        g.top_n,
        g.top_n,
        g.industry_slope_oom_per_year.map(|b| format!(" ({} OOM/year)", fmt_num(b, 3))).unwrap_or_default()
    ));
    if let (Some(a), Some(b)) = (g.gap_max_trend_oom_per_year, g.gap_top_n_trend_oom_per_year) {
        s.paragraphs.push(format!(
            "The gap's own trend: {} OOM per year for the running maximum and {} OOM per year for the top-{} \
             envelope (positive: the gap widened).",
            fmt_num(a, 3),
            fmt_num(b, 3),
            g.top_n
        ));
    }
    let mut levels = Vec::new();
    let mut gaps = Vec::new();
    let mut table = Table::new(
        "gap",
        "Frontier gap per year",
        &[
            "year",
            "gap (OOM)",
            "gap (years)",
            "industry max (log10 FLOP)",
            "academic max (log10 FLOP)",
            &format!("top-{} gap (OOM)", g.top_n),
            &format!("top-{} gap (years)", g.top_n),
            &format!("industry top-{} (log10)", g.top_n),
            &format!("academic top-{} (log10)", g.top_n),
        ],
    );
    table.html_columns = Some(7);
    let series = [
        (Series::new("Industry-only: largest so far", team_color(TeamKind::IndustryOnly)), false),
        (Series::new("Academic-only: largest so far", team_color(TeamKind::AcademicOnly)), false),
        (
            Series::new(format!("Industry-only: top-{} mean", g.top_n), team_color(TeamKind::IndustryOnly)),
            true,
        ),
        (
            Series::new(format!("Academic-only: top-{} mean", g.top_n), team_color(TeamKind::AcademicOnly)),
            true,
        ),
    ];
    let mut lv: Vec<Vec<(f64, f64)>> = vec![vec![]; 4];
    let mut pts: Vec<Vec<Point>> = vec![vec![]; 2];
    let gap_series = Series::new("Gap, largest so far", palette::BLACK);
    let gap_topn = Series::new(format!("Gap, top-{} mean", g.top_n), palette::GREY);
    let (mut gl, mut gt, mut gp) = (Vec::new(), Vec::new(), Vec::new());
    for r in &g.rows {
        table.push(vec![
            r.year.to_string(),
            fmt_opt(r.gap_max_oom, 2),
            fmt_opt(r.gap_max_years, 2),
            fmt_opt(r.industry_max_log10, 2),
            fmt_opt(r.academic_max_log10, 2),
            fmt_opt(r.gap_top_n_oom, 2),
            fmt_opt(r.gap_top_n_years, 2),
            fmt_opt(r.industry_top_n_log10, 2),
            fmt_opt(r.academic_top_n_log10, 2),
        ]);
        let x = r.year as f64 + 0.5; // plotted inside its year; the value is the state at its end
        let vals =
            [r.industry_max_log10, r.academic_max_log10, r.industry_top_n_log10, r.academic_top_n_log10];
        for (k, v) in vals.iter().enumerate() {
            lv[k].push((x, v.unwrap_or(f64::NAN)));
            if k < 2 {
                if let Some(v) = v {
                    pts[k].push(Point {
                        x,
                        y: *v,
                        title: format!(
                            "{}, end of {}: {} FLOP",
                            series[k].0.label,
                            r.year,
                            fmt_flop(10f64.powf(*v))
                        ),
                    });
                }
            }
        }
        gl.push((x, r.gap_max_oom.unwrap_or(f64::NAN)));
        gt.push((x, r.gap_top_n_oom.unwrap_or(f64::NAN)));
        if let Some(v) = r.gap_max_oom {
            gp.push(Point {
                x,
                y: v,
                title: format!(
                    "End of {}: gap {} OOM ({} years)",
                    r.year,
                    fmt_num(v, 2),
                    fmt_opt(r.gap_max_years, 1)
                ),
            });
        }
    }
    for (k, line) in lv.into_iter().enumerate() {
        levels.push(Layer::Line { series: series[k].0.clone(), points: line, dashed: series[k].1 });
    }
    for (k, p) in pts.into_iter().enumerate() {
        levels.push(Layer::Points { series: series[k].0.clone(), points: p, hollow: false, radius: 3.0 });
    }
    gaps.push(Layer::HRule { y: 0.0, label: "no gap".into() });
    gaps.push(Layer::Line { series: gap_topn, points: gt, dashed: true });
    gaps.push(Layer::Line { series: gap_series.clone(), points: gl, dashed: false });
    gaps.push(Layer::Points { series: gap_series, points: gp, hollow: false, radius: 3.0 });
    let mut fig =
        Figure::new("frontier_gap", "The frontier gap: industry-only against academic-only compute");
    fig.columns = 2;
    fig.width = 900.0;
    fig.panel_height = 340.0;
    fig.panels.push(Panel {
        title: Some("Frontier of each team kind".into()),
        x: Axis::new("Year", AxisKind::Year),
        y: Axis::new("Training compute (FLOP, log scale)", AxisKind::Log10),
        layers: levels,
    });
    fig.panels.push(Panel {
        title: Some("Industry minus academia".into()),
        x: Axis::new("Year", AxisKind::Year),
        y: Axis::new(
            match g.industry_slope_oom_per_year {
                Some(b) if b > 0.0 => format!("Gap (OOM; 1 OOM ≈ {} years)", fmt_num(1.0 / b, 1)),
                _ => "Gap (orders of magnitude)".to_string(),
            },
            AxisKind::Linear,
        ),
        layers: gaps,
    });
    let mut data = table.clone();
    data.name = "frontier_gap".into();
    data.in_html = false;
    s.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Left: the largest training compute reached so far by industry-only and academic-only teams \
             (solid, with dots) and the mean of their {} largest models so far (dashed). Right: the \
             difference in orders of magnitude; one OOM is a factor of ten.",
            g.top_n
        ),
        claim: "the compute divide is widening: industry's frontier pulls away from academia's.".into(),
    });
    s.tables.push(data);
    table.json = serde_json::to_value(g).unwrap_or_default();
    s.tables.push(table);
    s
}

// ------------------------------------------------------------------------------------------------
// Section 4: openness and lineage

fn openness_section(input: &ModelResults) -> Section {
    let defs = input.definitions;
    let op = input.openness;
    let li = input.lineage;
    let mut s = Section::new("openness", "Open models and what academia builds on");
    let lag = &op.lag;
    s.paragraphs.push(format!(
        "Open-weight models (unrestricted, restricted or non-commercial) against closed ones (API, hosted or \
         unreleased), as in Epoch's \u{201c}How far behind are open models?\u{201d}: each category's frontier \
         ({}) from {} on, a log-linear fit per category, and the lag = the vertical gap between the fits \
         divided by the closed slope.{}",
        rule_text(&defs.open_closed_frontier_rule),
        year_text(lag.fit_start),
        match (lag.lag_years, lag.gap_oom) {
            (Some(y), Some(g)) => format!(
                " Here open models lag by {} years (95% CI {}), a gap of {} OOM. {} of {} bootstrap draws \
                 gave a lag{}.",
                fmt_num(y, 2),
                lag.lag_years_ci95.map(|c| fmt_interval(c[0], c[1], 2)).unwrap_or_default(),
                fmt_num(g, 2),
                lag.bootstrap_valid,
                lag.bootstrap_drawn,
                if lag.interval_flagged {
                    " (the others had a closed slope that was not positive): too few for the interval to \
                     be read at face value"
                } else {
                    ""
                }
            ),
            _ => " The lag could not be estimated (too few frontier models).".to_string(),
        }
    ));
    // Figure: share open per year by team.
    let teams = [TeamGroup::All, TeamGroup::AcademicOnly, TeamGroup::IndustryOnly, TeamGroup::Collaboration];
    let mut layers = Vec::new();
    let mut point_layers = Vec::new();
    let mut table = Table::new(
        "openness",
        "Share of notable models with open weights, per team kind and year",
        &["team", "year", "accessibility known", "open", "unknown", "share open"],
    );
    table.html_row_limit = Some(0);
    for t in teams {
        let series = group_series(t);
        let (mut line, mut pts) = (Vec::new(), Vec::new());
        for r in op.shares.iter().filter(|r| r.team == t) {
            table.push(vec![
                t.as_str().into(),
                r.year.to_string(),
                r.n_known.to_string(),
                r.n_open.to_string(),
                r.n_unknown.to_string(),
                fmt_opt(r.share_open, 4),
            ]);
            let x = r.year as f64 + 0.5;
            line.push((x, r.share_open.unwrap_or(f64::NAN)));
            if let Some(v) = r.share_open {
                pts.push(Point {
                    x,
                    y: v,
                    title: format!(
                        "{}, {}: {} open ({} of {})",
                        series.label,
                        r.year,
                        fmt_pct(v, 0),
                        r.n_open,
                        r.n_known
                    ),
                });
            }
        }
        layers.push(Layer::Line { series: series.clone(), points: line, dashed: false });
        point_layers.push(Layer::Points { series, points: pts, hollow: false, radius: 2.8 });
    }
    layers.extend(point_layers);
    let mut share_panel = Panel {
        title: Some("Share with open weights".into()),
        x: Axis::new("Year", AxisKind::Year),
        y: Axis::new("Share of models (known accessibility)", AxisKind::Percent).domain(0.0, 1.0),
        layers,
    };
    // Frontier fits.
    let (open_pts, closed_pts) = open_closed_frontiers(input.models, defs);
    let mut fl = Vec::new();
    let mut fit_table = Table::new(
        "open_closed_frontier",
        "Data of figure: open and closed frontier models",
        &["category", "model", "publication_year", "log10_training_flop"],
    );
    fit_table.in_html = false;
    for (label, color, fit, pts) in [
        ("Open weights", palette::OPEN, &lag.open, &open_pts),
        ("Closed", palette::CLOSED, &lag.closed, &closed_pts),
    ] {
        let series = Series::new(format!("{label} frontier"), color);
        if let (Some(f), Some(end)) = (fit, lag.evaluated_at) {
            let x0 = pts.iter().map(|p| p.year).fold(f64::INFINITY, f64::min).max(lag.fit_start);
            if x0.is_finite() {
                fl.push(Layer::Line {
                    series: series.clone(),
                    points: vec![
                        (x0, f.intercept + f.slope_oom_per_year * x0),
                        (end, f.intercept + f.slope_oom_per_year * end),
                    ],
                    dashed: false,
                });
            }
        }
        let mut dots = Vec::new();
        for p in pts.iter() {
            let name = &input.models[p.index].model.name;
            fit_table.push(vec![
                label.to_lowercase(),
                name.clone(),
                fmt_num(p.year, 3),
                fmt_num(p.log10_flop, 3),
            ]);
            dots.push(Point {
                x: p.year,
                y: p.log10_flop,
                title: format!("{name} ({label}): {} FLOP", fmt_flop(10f64.powf(p.log10_flop))),
            });
        }
        fl.push(Layer::Points { series, points: dots, hollow: false, radius: 3.2 });
    }
    let lag_panel = Panel {
        title: Some("Open vs closed frontier".into()),
        x: Axis::new("Publication date (year)", AxisKind::Year),
        y: Axis::new("Training compute (FLOP, log scale)", AxisKind::Log10),
        layers: fl,
    };
    let mut fig = Figure::new("openness", "Open weights by team kind, and the open-vs-closed frontier");
    fig.columns = 2;
    fig.width = 900.0;
    fig.panel_height = 340.0;
    share_panel.x.min = Some(defs.dl_era_start - 0.2);
    fig.panels.push(share_panel);
    fig.panels.push(lag_panel);
    s.figures.push(FigureBlock {
        figure: fig,
        caption:
            "Left: share of notable models released with open weights, per year and team kind (models of \
                  unknown accessibility left out). Right: frontier models of each category with the \
                  log-linear fits whose vertical gap, divided by the closed slope, gives the lag in years."
                .into(),
        claim: "Epoch (2024) finds open models lag closed ones by about one year in training compute.".into(),
    });
    s.tables.push(fit_table);
    // The figure's data (share rows) as CSV; the JSON is the whole analysis result.
    table.json = serde_json::to_value(op).unwrap_or_default();
    table.in_html = false;
    s.tables.push(table);
    // Lineage.
    let years: Vec<i32> = {
        let mut y: Vec<i32> = li.rows.iter().filter(|r| r.n_models > 0).map(|r| r.year).collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    let cats: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    let mut ltable = Table::new(
        "lineage",
        "Models built on an industry base model, per team kind and year",
        &[
            "team",
            "year",
            "models",
            "with base",
            "base resolved",
            "base by industry",
            "share on industry base",
        ],
    );
    let mut bar_layers = Vec::new();
    let lineage_teams = [TeamKind::AcademicOnly, TeamKind::Collaboration];
    for (ti, kind) in lineage_teams.iter().enumerate() {
        let mut bars = Vec::new();
        for r in li.rows.iter().filter(|r| r.team == *kind) {
            if r.n_with_base > 0 {
                ltable.push(vec![
                    team_label(*kind).into(),
                    r.year.to_string(),
                    r.n_models.to_string(),
                    r.n_with_base.to_string(),
                    r.n_base_resolved.to_string(),
                    r.n_base_industry.to_string(),
                    r.share_industry_base.map(|v| fmt_pct(v, 1)).unwrap_or_default(),
                ]);
            }
            let (Some(v), Some(i)) = (r.share_industry_base, years.iter().position(|y| *y == r.year)) else {
                continue;
            };
            let x = i as f64 + if ti == 0 { -0.2 } else { 0.2 };
            bars.push(Bar {
                x0: x - 0.18,
                x1: x + 0.18,
                y0: 0.0,
                y1: v,
                title: format!(
                    "{} models, {}: {} on an industry base ({} of {})",
                    team_label(*kind),
                    r.year,
                    fmt_pct(v, 1),
                    r.n_base_industry,
                    r.n_models
                ),
            });
        }
        bar_layers.push(Layer::Bars { series: Series::new(team_label(*kind), team_color(*kind)), bars });
    }
    let mut lfig = Figure::new("lineage", "Academic models built on industry base models");
    lfig.panel_height = 300.0;
    lfig.panels.push(Panel {
        title: None,
        x: Axis::new("Year", AxisKind::Category(cats)),
        y: Axis::new("Share of the team's models", AxisKind::Percent),
        layers: bar_layers,
    });
    s.figures.push(FigureBlock {
        figure: lfig,
        caption: format!(
            "Lineage: share of each year's academic-only and collaboration models (all models of the table, \
             not only notable ones) whose named base model was built by industry or with industry. {} base \
             names did not match any model of the catalogue (tables/lineage_unresolved.csv).",
            li.unresolved.len()
        ),
        claim:
            "academic research has shifted towards building on open pre-trained models released by industry."
                .into(),
    });
    // The figure's data in the page and as CSV; the JSON is the full result (with every derivation).
    ltable.json = serde_json::to_value(li).unwrap_or_default();
    s.tables.push(ltable);
    let mut unresolved =
        Table::new("lineage_unresolved", "Base model names that did not resolve", &["base_model"]);
    for n in &li.unresolved {
        unresolved.push(vec![n.clone()]);
    }
    unresolved.in_html = false;
    s.tables.push(unresolved);
    s
}

fn rule_text(rule: &cd_domain::definitions::FrontierRule) -> String {
    rule_text_frontier(&Definitions { frontier_rule: *rule, ..Definitions::default() })
}

// ------------------------------------------------------------------------------------------------
// Section 5: the specification curve

fn speccurve_section(input: &ModelResults) -> Section {
    let sc = input.speccurve;
    let mut s = Section::new("speccurve", "How much the answers depend on the definitions");
    s.paragraphs.push(format!(
        "Each headline claim re-estimated under every combination of the disputed definitions it depends on \
         (notability filter, strict or loose academic-only, large-scale and frontier rules, gap measure, era) \
         and on each Epoch vintage ({}). Estimates are point estimates; a specification supports the claim \
         when its estimate has the claimed sign.",
        sc.vintages.join(", ")
    ));
    let mut table = Table::new(
        "speccurve",
        "Specification curve: support for each claim",
        &[
            "claim",
            "specifications",
            "estimated",
            "supporting",
            "share supporting",
            "median",
            "range",
            "estimate",
        ],
    );
    table.html_columns = Some(7);
    let mut data = Table::new(
        "speccurve_specs",
        "Data of figure: every specification",
        &["claim", "rank", "vintage", "choices", "estimate", "ci95_low", "ci95_high", "supports"],
    );
    data.in_html = false;
    let mut fig = Figure::new("speccurve", "Specification curves: one panel per claim");
    fig.columns = 2;
    fig.width = 900.0;
    fig.panel_height = 300.0;
    fig.legend = vec![
        LegendItem {
            label: "Supports the claim".into(),
            color: palette::SUPPORTS.into(),
            swatch: Swatch::Point,
        },
        LegendItem {
            label: "Does not support it".into(),
            color: palette::DOES_NOT_SUPPORT.into(),
            swatch: Swatch::HollowPoint,
        },
    ];
    for c in &sc.claims {
        table.push(vec![
            c.statement.clone(),
            c.n_specs.to_string(),
            c.n_estimated.to_string(),
            c.n_supporting.to_string(),
            c.share_supporting.map(|v| fmt_pct(v, 0)).unwrap_or_default(),
            fmt_opt(c.median, 3),
            match (c.min, c.max) {
                (Some(a), Some(b)) => fmt_interval(a, b, 3),
                _ => String::new(),
            },
            c.estimate.clone(),
        ]);
        let (mut yes, mut no, mut bars) = (Vec::new(), Vec::new(), Vec::new());
        for (rank, spec) in c.specs.iter().enumerate() {
            let choices = spec.choices.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
            data.push(vec![
                c.claim.to_string(),
                (rank + 1).to_string(),
                spec.vintage.clone(),
                choices.clone(),
                fmt_opt(spec.estimate, 4),
                fmt_opt(spec.ci95.map(|c| c[0]), 4),
                fmt_opt(spec.ci95.map(|c| c[1]), 4),
                spec.supports.map(|b| b.to_string()).unwrap_or_default(),
            ]);
            let Some(e) = spec.estimate else { continue };
            if let Some([lo, hi]) = spec.ci95 {
                bars.push(Interval { at: (rank + 1) as f64, lo, hi });
            }
            let p = Point {
                x: (rank + 1) as f64,
                y: e,
                title: format!("{}: {} ({})", spec.vintage, fmt_num(e, 3), choices),
            };
            if spec.supports == Some(true) {
                yes.push(p);
            } else {
                no.push(p);
            }
        }
        let n = c.n_estimated.max(1) as f64;
        fig.panels.push(Panel {
            title: Some(format!("{} ({} of {} support)", claim_title(c), c.n_supporting, c.n_estimated)),
            x: Axis::new("Specification (sorted by estimate)", AxisKind::Linear).domain(0.0, n + 1.0),
            y: Axis::new(short_unit(&c.estimate), AxisKind::Linear),
            layers: vec![
                Layer::HRule { y: 0.0, label: String::new() },
                Layer::ErrorBars {
                    series: Series::new("95% interval", palette::DOES_NOT_SUPPORT),
                    intervals: bars,
                    horizontal: false,
                },
                Layer::Points {
                    series: Series::new("Does not support it", palette::DOES_NOT_SUPPORT),
                    points: no,
                    hollow: true,
                    radius: 3.0,
                },
                Layer::Points {
                    series: Series::new("Supports the claim", palette::SUPPORTS),
                    points: yes,
                    hollow: false,
                    radius: 3.0,
                },
            ],
        });
    }
    s.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Each dot is one specification's estimate, sorted from lowest to highest, with its 95% \
                 bootstrap interval ({} resamples); filled dots support the claim, hollow ones do not. The \
                 dashed line marks zero.",
            sc.claims.first().map_or(0, |c| c.resamples)
        ),
        claim: "the academic share of large-scale models fell; industry's compute trend is steeper than \
                academia's; the frontier gap widened; open models lag closed ones."
            .into(),
    });
    s.tables.push(data);
    for c in &sc.claims {
        let (fig, data) = speccurve_dashboard(c);
        s.figures.push(FigureBlock {
            figure: fig,
            caption: format!(
                "{} Top: the estimate of each specification with its 95% interval, sorted. Bottom: the definitions each \
                 specification uses (one row per definition value), so a reader can see which choices give \
                 the low and the high estimates. Supports the claim when {}.",
                c.statement, c.supports_when
            ),
            claim: String::new(),
        });
        s.tables.push(data);
    }
    table.json = serde_json::to_value(sc).unwrap_or_default();
    s.tables.push(table);
    s
}

/// One claim's specification curve with its dashboard of choices (Simonsohn, Simmons & Nelson 2020).
pub(crate) fn speccurve_dashboard(c: &cd_analysis::speccurve::ClaimCurve) -> (Figure, Table) {
    let id = format!("speccurve_{}", c.claim);
    let mut data = Table::new(
        &id,
        "Data of figure: specifications",
        &["rank", "vintage", "choices", "estimate", "ci95_low", "ci95_high", "supports"],
    );
    data.in_html = false;
    // Rows of the dashboard: "definition: value", in the claim's dimension order, values as they appear.
    let choices_of = |spec: &cd_analysis::speccurve::Spec| -> Vec<(String, String)> {
        let mut v = vec![("vintage".to_string(), spec.vintage.clone())];
        v.extend(spec.choices.iter().filter(|(k, _)| k != "vintage").cloned());
        v
    };
    let mut rows: Vec<(String, String)> = Vec::new();
    for dim in std::iter::once("vintage".to_string()).chain(c.dimensions.iter().cloned()) {
        let mut values: Vec<String> = c
            .specs
            .iter()
            .flat_map(|spec| choices_of(spec).into_iter().filter(|(k, _)| *k == dim).map(|(_, v)| v))
            .collect();
        values.sort();
        values.dedup();
        for v in values {
            if !rows.contains(&(dim.clone(), v.clone())) {
                rows.push((dim.clone(), v));
            }
        }
    }
    // Dimensions not listed in `dimensions` still get rows.
    for spec in &c.specs {
        for kv in choices_of(spec) {
            if !rows.contains(&kv) {
                rows.push(kv);
            }
        }
    }
    let labels: Vec<String> = rows.iter().map(|(k, v)| format!("{}: {v}", k.replace('_', " "))).collect();
    let (mut est_yes, mut est_no, mut dash_yes, mut dash_no, mut bars) =
        (vec![], vec![], vec![], vec![], vec![]);
    for (rank, spec) in c.specs.iter().enumerate() {
        let choices = choices_of(spec);
        let text = choices.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
        data.push(vec![
            (rank + 1).to_string(),
            spec.vintage.clone(),
            text.clone(),
            fmt_opt(spec.estimate, 4),
            fmt_opt(spec.ci95.map(|c| c[0]), 4),
            fmt_opt(spec.ci95.map(|c| c[1]), 4),
            spec.supports.map(|b| b.to_string()).unwrap_or_default(),
        ]);
        let Some(e) = spec.estimate else { continue };
        let x = (rank + 1) as f64;
        if let Some([lo, hi]) = spec.ci95 {
            bars.push(Interval { at: x, lo, hi });
        }
        let yes = spec.supports == Some(true);
        let p = Point { x, y: e, title: format!("{}: {text}", fmt_num(e, 3)) };
        if yes {
            est_yes.push(p);
        } else {
            est_no.push(p);
        }
        for kv in &choices {
            if let Some(row) = rows.iter().position(|r| r == kv) {
                let d = Point { x, y: row as f64, title: format!("specification {}: {text}", rank + 1) };
                if yes {
                    dash_yes.push(d);
                } else {
                    dash_no.push(d);
                }
            }
        }
    }
    let n = c.n_estimated.max(1) as f64;
    let yes_series = Series::new("Supports the claim", palette::SUPPORTS);
    let no_series = Series::new("Does not support it", palette::DOES_NOT_SUPPORT);
    let x_axis = Axis::new("Specification (sorted by estimate)", AxisKind::Linear).domain(0.0, n + 1.0);
    let mut fig = Figure::new(
        &id,
        format!("{} ({} of {} support)", c.statement.trim_end_matches('.'), c.n_supporting, c.n_estimated),
    );
    fig.legend = vec![
        LegendItem {
            label: yes_series.label.clone(),
            color: yes_series.color.clone(),
            swatch: Swatch::Point,
        },
        LegendItem {
            label: no_series.label.clone(),
            color: no_series.color.clone(),
            swatch: Swatch::HollowPoint,
        },
    ];
    fig.width = 900.0;
    fig.panel_height = (labels.len() as f64 * 21.0 + 70.0).max(220.0);
    fig.left_margin =
        Some(30.0 + labels.iter().map(|l| crate::scale::text_width_px(l, 11.0)).fold(0.0, f64::max));
    fig.panels.push(Panel {
        title: Some("Estimate".into()),
        x: x_axis.clone(),
        y: Axis::new(short_unit(&c.estimate), AxisKind::Linear),
        layers: vec![
            Layer::HRule { y: 0.0, label: String::new() },
            Layer::ErrorBars {
                series: Series::new("95% interval", palette::DOES_NOT_SUPPORT),
                intervals: bars,
                horizontal: false,
            },
            Layer::Points { series: no_series.clone(), points: est_no, hollow: true, radius: 3.0 },
            Layer::Points { series: yes_series.clone(), points: est_yes, hollow: false, radius: 3.0 },
        ],
    });
    fig.panels.push(Panel {
        title: Some("Definitions used".into()),
        x: x_axis,
        y: Axis::new("", AxisKind::Category(labels)),
        layers: vec![
            Layer::Points { series: no_series, points: dash_no, hollow: true, radius: 2.6 },
            Layer::Points { series: yes_series, points: dash_yes, hollow: false, radius: 2.6 },
        ],
    });
    (fig, data)
}

/// A short panel title for a claim.
fn claim_title(c: &cd_analysis::speccurve::ClaimCurve) -> String {
    match c.claim {
        Claim::AcademicShareFell => "Academic share of large-scale fell".into(),
        Claim::IndustryTrendSteeper => "Industry trend steeper".into(),
        Claim::FrontierGapWidened => "Frontier gap widened".into(),
        Claim::OpenModelsLag => "Open models lag closed ones".into(),
        Claim::TopicIntensity => "Academic-only papers fell more where topics need compute".into(),
    }
}

/// The unit part of an estimate description, for an axis label (`OOM/year`, `years` ...).
fn short_unit(estimate: &str) -> String {
    let e = estimate.trim();
    if e.chars().count() <= 48 {
        return e.to_string();
    }
    match e.rfind('(') {
        Some(i) if e.ends_with(')') => format!("Estimate {}", &e[i..]),
        _ => "Estimate".to_string(),
    }
}

// ------------------------------------------------------------------------------------------------
// Headlines and methods

/// Do the definitions behind the large-scale share headlines equal the study's? Only then is the study's
/// figure printed beside ours.
fn study_share_definitions(defs: &Definitions) -> bool {
    let d = Definitions::default();
    defs.periods == d.periods
        && defs.large_scale_rule == d.large_scale_rule
        && defs.notability_filter == d.notability_filter
        && defs.academic_only == d.academic_only
        && defs.team_source == d.team_source
}

/// The headline numbers at the top of the report.
pub fn headlines(input: &ModelResults) -> Vec<Headline> {
    let defs = input.definitions;
    let h = report_headlines(input.trends, input.shares, input.gap, input.openness, defs);
    let mut out = Vec::new();
    if let Some(f) = h.dl_all {
        if let Some(d) = f.doubling_months {
            out.push(Headline {
                value: format!("{} months", fmt_num(d, 1)),
                label: format!("Doubling time of training compute since {}", year_text(defs.dl_era_start)),
                note: if defs.dl_era_start == Definitions::default().dl_era_start {
                    format!("95% CI {}; Sevilla et al. (2022): 5.7", ci_text(f.doubling_months_ci95, 1))
                } else {
                    format!("95% CI {}", ci_text(f.doubling_months_ci95, 1))
                },
            });
        }
    }
    let ind = h.dl_industry_only.and_then(|f| f.doubling_months);
    let aca = h.dl_academic_only.and_then(|f| f.doubling_months);
    if let (Some(i), Some(a)) = (ind, aca) {
        out.push(Headline {
            value: format!("{} vs {} months", fmt_num(i, 1), fmt_num(a, 1)),
            label: "Doubling time, industry-only vs academic-only models (deep-learning era)".to_string(),
            note: "intervals in the trends table".to_string(),
        });
    }
    if let (Some((first, ra)), Some((last, rb))) = (h.large_scale_academic_first, h.large_scale_academic_last)
    {
        if let (Some(a), Some(b)) = (ra.share, rb.share) {
            // Name the periods that rest on few models: the interval is wide there.
            let few: Vec<String> = [(first, ra), (last, rb)]
                .iter()
                .filter(|(_, r)| r.small_n)
                .map(|(p, r)| format!("{p} rests on {} models", r.n))
                .collect();
            let few = if few.is_empty() { String::new() } else { format!("{}; ", few.join(", ")) };
            out.push(Headline {
                value: format!("{} → {}", fmt_pct(a, 0), fmt_pct(b, 0)),
                label: format!("Academic-only share of large-scale models, {first} to {last}"),
                note: if study_share_definitions(defs) {
                    format!("{few}the study: about 65% → 10%")
                } else {
                    format!("{few}definitions differ from the study's: no comparison")
                },
            });
        }
    }
    let year = defs.headline_year;
    if let Some(r) = h.large_scale_industry_year {
        if let Some(v) = r.share {
            let ci = r
                .share_ci95
                .map(|c| format!("{}–{}", fmt_pct(c[0], 0), fmt_pct(c[1], 0)))
                .unwrap_or_default();
            let few = if r.small_n { format!("; only {} models", r.n) } else { String::new() };
            out.push(Headline {
                value: fmt_pct(v, 0),
                label: format!("Industry-only share of large-scale models in {year}"),
                note: if year == 2022 && study_share_definitions(defs) {
                    format!("95% CI {ci}{few}; the study: 81%")
                } else {
                    format!("95% CI {ci}{few}")
                },
            });
        }
    }
    if let Some(r) = h.gap_latest {
        out.push(Headline {
            value: format!("{} OOM", fmt_opt(r.gap_max_oom, 1)),
            label: format!("Frontier gap, industry-only over academic-only, {}", r.year),
            note: format!(
                "largest model so far; about {} years of industry's growth",
                fmt_opt(r.gap_max_years, 1)
            ),
        });
    }
    let lag = h.lag;
    if let Some(y) = lag.lag_years {
        out.push(Headline {
            value: format!("{} years", fmt_num(y, 1)),
            label: "Lag of open-weight models behind closed ones (frontier compute)".to_string(),
            note: format!(
                "95% CI {}{}; Epoch (2024): about 1 year",
                lag.lag_years_ci95
                    .map(|c| format!("{}–{}", fmt_num(c[0], 1), fmt_num(c[1], 1)))
                    .unwrap_or_default(),
                if lag.interval_flagged { " (flagged: few valid draws)" } else { "" }
            ),
        });
    }
    out
}

fn methods_paragraphs(defs: &Definitions) -> Vec<String> {
    vec![
        format!(
            "Models are Epoch AI's notable models that pass the notability filter ({}), with teams taken \
             from Epoch's organisation categories where given and otherwise derived from organisation \
             names. Academic-only is {}.",
            serde_json::to_value(defs.notability_filter)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            match defs.academic_only {
                cd_domain::definitions::AcademicOnlyRule::Strict =>
                    "strict (every known organisation academic)",
                cd_domain::definitions::AcademicOnlyRule::Loose =>
                    "loose (academia-leaning collaborations count as academic)",
            }
        ),
        "Trends follow Sevilla et al. (2022): ordinary least squares of log10 training FLOP on the \
         publication date in decimal years within each era, bootstrap percentile intervals, growth = \
         10^slope per year and doubling time = 12·log10(2)/slope months."
            .to_string(),
    ]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use cd_domain::sector::{Team, TeamSource};
    use cd_domain::{Model, Notability, PubDate, SectorShares};

    /// A hand-made catalogue: industry grows 1 OOM/yr, academia 0.5 OOM/yr, 2011–2022, plus a few
    /// collaborations and pre-2010 models.
    pub(crate) fn models() -> Vec<ClassifiedModel> {
        let mut v = Vec::new();
        let mk = |name: String, date: String, log10: f64, kind: TeamKind| {
            let mut m = Model::named(name);
            m.publication_date = PubDate::parse(&date);
            m.training_compute_flop = Some(10f64.powf(log10));
            m.notability.insert(Notability::SotaImprovement);
            let shares = match kind {
                TeamKind::AcademicOnly => SectorShares { academia: 1.0, industry: 0.0, other: 0.0 },
                TeamKind::IndustryOnly => SectorShares { academia: 0.0, industry: 1.0, other: 0.0 },
                _ => SectorShares { academia: 0.5, industry: 0.5, other: 0.0 },
            };
            let team = Team { kind, shares, source: TeamSource::EpochLabel, leaning: None, sectors: vec![] };
            ClassifiedModel {
                model: m,
                team,
                team_epoch: Some(kind),
                team_derived: None,
                candidates: Default::default(),
            }
        };
        for i in 0..48 {
            let t = 2011.0 + i as f64 * 0.25;
            let (y, m) = (t.floor() as i32, 1 + (i % 4) * 3);
            let w = [0.3, -0.2, -0.3, 0.2][i % 4];
            v.push(mk(
                format!("Ind-{i}"),
                format!("{y}-{m:02}-10"),
                18.0 + (t - 2011.0) + w,
                TeamKind::IndustryOnly,
            ));
            v.push(mk(
                format!("Aca-{i}"),
                format!("{y}-{m:02}-20"),
                17.5 + 0.5 * (t - 2011.0) - w,
                TeamKind::AcademicOnly,
            ));
            if i % 3 == 0 {
                v.push(mk(
                    format!("Col-{i}"),
                    format!("{y}-{m:02}-05"),
                    18.0 + 0.8 * (t - 2011.0),
                    TeamKind::Collaboration,
                ));
            }
        }
        for i in 0..12 {
            v.push(mk(
                format!("Old-{i}"),
                format!("{}-06-01", 1985 + 2 * i),
                12.0 + 0.25 * i as f64,
                TeamKind::AcademicOnly,
            ));
        }
        v.push(mk("Mystery".into(), "2019-05-05".into(), 20.0, TeamKind::Unknown));
        v
    }

    pub(crate) struct Results {
        pub tr: TrendsResult,
        pub sh: SharesResult,
        pub gp: GapResult,
        pub op: OpennessResult,
        pub li: LineageResult,
        pub sc: SpecCurveResult,
    }

    pub(crate) fn results(models: &[ClassifiedModel], defs: &Definitions) -> Results {
        let vintages = [cd_analysis::speccurve::Vintage { name: "test".into(), models }];
        Results {
            tr: cd_analysis::trends::trends(models, defs),
            sh: cd_analysis::shares::shares(models, defs),
            gp: cd_analysis::gap::gap(models, defs),
            op: cd_analysis::openness::openness(models, defs),
            li: cd_analysis::lineage::lineage(models, defs),
            sc: cd_analysis::speccurve::spec_curve(&vintages, defs),
        }
    }

    pub(crate) fn input<'a>(
        models: &'a [ClassifiedModel],
        defs: &'a Definitions,
        r: &'a Results,
    ) -> ReportInput<'a> {
        let m = ModelResults {
            definitions: defs,
            models,
            trends: &r.tr,
            shares: &r.sh,
            gap: &r.gp,
            openness: &r.op,
            lineage: &r.li,
            speccurve: &r.sc,
        };
        let mut sections = model_sections(&m);
        sections.extend(
            crate::sections::PAPER_SECTIONS
                .iter()
                .map(|(id, title)| crate::sections::Slot::missing(id, title, &["papers/".to_string()])),
        );
        ReportInput {
            version: "compute-divide 0.0.0-test".into(),
            definitions: defs,
            sources: vec![Source {
                name: "Hand-made test catalogue".into(),
                path: "epoch/test.csv".into(),
                vintage: "test".into(),
                sha256: "0".repeat(64),
                rows_read: models.len(),
                rows_loaded: models.len(),
                rows_rejected: 0,
                credit: "none (synthetic)".into(),
                dropped_values: vec![
                    "implausible value dropped: row 9, field Publication date: 9999-12-31".into()
                ],
            }],
            headlines: headlines(&m),
            sections,
        }
    }

    #[test]
    fn tables_carry_the_analysis_numbers() {
        let ms = models();
        let defs = Definitions { bootstrap_resamples: 50, ..Definitions::default() };
        let r = results(&ms, &defs);
        let doc = build_document(&input(&ms, &defs, &r));
        let table =
            |name: &str| doc.sections.iter().flat_map(|s| &s.tables).find(|t| t.name == name).unwrap();
        // 2011-01 .. 2013-10: 12 industry, 12 academic and 4 collaboration models (every third), counted
        // by hand: academic-only 12 / 28 = 42.9%.
        let shares = table("shares");
        let row = shares
            .rows
            .iter()
            .find(|r| r[0] == "Notable models" && r[1] == "2010-13" && r[2] == "Academic-only")
            .unwrap();
        assert_eq!(row[3..6], ["12", "28", "42.9%"]);
        let collab = shares
            .rows
            .iter()
            .find(|r| r[0] == "Notable models" && r[1] == "2010-13" && r[2] == "Collaboration")
            .unwrap();
        assert_eq!(collab[3..6], ["4", "28", "14.3%"]);
        // The trends table: 3 eras x 4 team groups; the JSON is the analysis result itself.
        let trends = table("trends");
        assert_eq!(trends.rows.len(), 12);
        assert_eq!(trends.json, serde_json::to_value(&r.tr).unwrap());
        let all_dl = find_fit(&r.tr, TeamGroup::All, Era::Dl).unwrap();
        let row = trends.rows.iter().find(|x| x[0] == "All models" && x[1] == "DL (2010+)").unwrap();
        assert_eq!(row[2], all_dl.n.to_string());
        assert_eq!(row[3], format!("{:.1}", all_dl.doubling_months.unwrap()));
        assert_eq!(table("shares").json, serde_json::to_value(&r.sh).unwrap());
        // Headline: the DL-era doubling time as in the table.
        assert_eq!(doc.headlines[0].value, format!("{} months", row[3]));
        assert_eq!(year_text(defs.large_scale_era_start), "2015-09");
    }

    #[test]
    fn report_from_hand_made_results() {
        let ms = models();
        let defs = Definitions { bootstrap_resamples: 100, ..Definitions::default() };
        let r = results(&ms, &defs);
        let doc = build_document(&input(&ms, &defs, &r));
        // Every model has a date and compute and passes the study's filter: one dot each in the history,
        // all but the 12 pre-2010 ones in the deep-learning-era figure.
        assert_eq!(doc.sections[0].figures[0].figure.mark_count(), ms.len() - 12);
        assert_eq!(doc.sections[0].figures[1].figure.mark_count(), ms.len());
        // CD_REPORT_DEMO_DIR keeps the folder for a look in a browser.
        let keep = std::env::var_os("CD_REPORT_DEMO_DIR").map(std::path::PathBuf::from);
        let dir = keep
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join(format!("cd-report-test-{}", std::process::id())));
        let files = write_document(&dir, &doc).unwrap();
        let html = std::fs::read_to_string(files.html()).unwrap();
        assert!(html.contains("Not computed: needs `papers&#x2f;` in the data folder."));
        // Values dropped as implausible are listed under the data sources.
        assert!(html.contains("1 implausible value(s) dropped, the rows kept"), "dropped values listed");
        assert!(
            html.contains("<li>implausible value dropped: row 9, field Publication date: 9999-12-31</li>")
        );
        let missing = doc.sections.iter().filter(|s| s.not_computed.is_some()).count();
        assert_eq!(missing, crate::sections::PAPER_SECTIONS.len());
        // 48 industry + 48 academic + 16 collaboration + 1 unknown-team model since 2010; 12 before.
        assert!(html.contains(r#"id="fig-compute_divide" class="figure""#));
        assert!(html.contains(r#"data-marks="113""#));
        assert!(html.contains(r#"data-marks="125""#));
        let trends_json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("tables/trends.json")).unwrap()).unwrap();
        assert_eq!(trends_json["fits"].as_array().unwrap().len(), 12);
        // Writing again into the same folder a document without the trends table removes the files the
        // earlier run wrote and this one does not (the manifest lists what the folder holds); a file the
        // program never wrote stays.
        if keep.is_none() {
            std::fs::write(dir.join("tables/my_notes.txt"), "mine").unwrap();
            let mut fewer = doc.clone();
            for s in &mut fewer.sections {
                s.tables.retain(|t| t.name != "trends");
            }
            let again = write_document(&dir, &fewer).unwrap();
            assert!(!dir.join("tables/trends.json").exists() && !dir.join("tables/trends.csv").exists());
            assert!(dir.join("tables/my_notes.txt").exists());
            assert_eq!(again.files.len(), files.files.len() - 2);
            let on_disk = |sub: &str| std::fs::read_dir(dir.join(sub)).unwrap().count();
            assert_eq!(
                on_disk("tables") + on_disk("figures") + 2,
                again.files.len() + 1,
                "all listed, plus my notes"
            );
        }
        // Each claim's dashboard draws one dot per estimated specification for the estimate, and one per
        // definition it uses (its vintage and its choices).
        for c in &r.sc.claims {
            let fig = doc
                .sections
                .iter()
                .flat_map(|s| &s.figures)
                .find(|f| f.figure.id == format!("speccurve_{}", c.claim));
            let expected: usize = c
                .specs
                .iter()
                .filter(|s| s.estimate.is_some())
                .map(|s| 2 + s.choices.iter().filter(|(k, _)| k != "vintage").count())
                .sum();
            assert_eq!(fig.unwrap().figure.mark_count(), expected, "{}", c.claim);
        }
        if keep.is_none() {
            std::fs::remove_dir_all(&dir).ok();
        }
    }
}
