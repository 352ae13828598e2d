//! `trends`, `shares`, `gap`, `openness`, `lineage` and `speccurve`: the compute-divide analyses of the
//! Epoch model table (issue 3). Each command loads and classifies models through `pipeline`, resolves the
//! definitions through `definitions_args`, calls one pure analysis of `cd-analysis`, and prints it as a
//! table, CSV or JSON. JSON carries the input file, its sha256 and every definition used.

use crate::common::{print_csv, print_json, print_table, usage, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::load_models;
use cd_analysis::speccurve::Vintage;
use cd_analysis::{gap, lineage, openness, shares, speccurve, trends};
use cd_domain::{ClassifiedModel, Definitions};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Arguments every analysis command shares.
#[derive(Debug, clap::Args)]
pub struct AnalysisArgs {
    /// Epoch table to analyse (any vintage). Default: --vintage, else the newest all-models snapshot.
    #[arg(long, value_name = "FILE")]
    pub models: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub defs: DefinitionArgs,
}

/// What every JSON output starts with: where the numbers came from.
#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    input: InputInfo,
    definitions: &'a Definitions,
    #[serde(flatten)]
    result: &'a T,
}

#[derive(Serialize)]
struct InputInfo {
    path: String,
    sha256: String,
    models: usize,
}

struct Loaded {
    models: Vec<ClassifiedModel>,
    info: InputInfo,
    defs: Definitions,
}

fn load(data: &DataArgs, args: &AnalysisArgs) -> anyhow::Result<Loaded> {
    let defs = args.defs.load()?;
    let dir = cd_ingest::locate::locate(data.data.as_deref())?;
    let l = load_models(&dir, args.models.as_deref(), &defs)?;
    let info = InputInfo { path: l.path.display().to_string(), sha256: l.sha256, models: l.models.len() };
    Ok(Loaded { models: l.models, info, defs })
}

fn emit<T: Serialize>(l: &Loaded, result: &T) -> anyhow::Result<()> {
    let info = InputInfo { path: l.info.path.clone(), sha256: l.info.sha256.clone(), models: l.info.models };
    print_json(&Envelope { input: info, definitions: &l.defs, result })
}

fn out(format: OutputFormat, header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    match format {
        OutputFormat::Csv => print_csv(header, rows),
        _ => {
            print_table(header, rows);
            Ok(())
        }
    }
}

/// A number for a table: `-` when absent or not finite.
fn num(v: Option<f64>, digits: usize) -> String {
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

// ---------------------------------------------------------------------------------------------- trends

#[derive(Debug, clap::Args)]
pub struct TrendsArgs {
    #[command(flatten)]
    pub common: AnalysisArgs,
}

pub fn run_trends(data: &DataArgs, args: TrendsArgs) -> anyhow::Result<()> {
    let l = load(data, &args.common)?;
    let r = trends::trends(&l.models, &l.defs);
    if args.common.format == OutputFormat::Json {
        return emit(&l, &r);
    }
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
    let rows: Vec<Vec<String>> = r
        .fits
        .iter()
        .map(|f| {
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
        .collect();
    out(args.common.format, &header, &rows)
}

// ---------------------------------------------------------------------------------------------- shares

#[derive(Debug, clap::Args)]
pub struct SharesArgs {
    #[command(flatten)]
    pub common: AnalysisArgs,
    /// Table/CSV: show per-year rows instead of per-period rows.
    #[arg(long)]
    pub by_year: bool,
    /// Table/CSV: fractional counting (sector shares) instead of full counting (team kinds).
    #[arg(long)]
    pub fractional: bool,
    /// Table/CSV: show the industry share of the k largest models per year instead.
    #[arg(long)]
    pub largest: bool,
}

pub fn run_shares(data: &DataArgs, args: SharesArgs) -> anyhow::Result<()> {
    let l = load(data, &args.common)?;
    let r = shares::shares(&l.models, &l.defs);
    if args.common.format == OutputFormat::Json {
        return emit(&l, &r);
    }
    if args.largest {
        let header =
            ["year", "k", "n", "industry_only_share", "industry_involved_share", "academic_only_share"];
        let rows: Vec<Vec<String>> = r
            .largest
            .iter()
            .map(|x| {
                vec![
                    x.year.to_string(),
                    x.k.to_string(),
                    x.n.to_string(),
                    num(x.industry_only_share, 3),
                    num(x.industry_involved_share, 3),
                    num(x.academic_only_share, 3),
                ]
            })
            .collect();
        return out(args.common.format, &header, &rows);
    }
    let want_gran = if args.by_year { shares::Granularity::Year } else { shares::Granularity::Period };
    let want_count = if args.fractional { shares::Counting::Fractional } else { shares::Counting::Full };
    let header = ["subset", "period", "team", "count", "n", "n_unknown", "share", "share_ci95", "small_n"];
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .filter(|x| x.granularity == want_gran && x.counting == want_count)
        .map(|x| {
            vec![
                x.subset.as_str().into(),
                x.period.clone(),
                x.team.to_string(),
                if args.fractional { format!("{:.2}", x.count) } else { format!("{}", x.count) },
                x.n.to_string(),
                x.n_unknown.to_string(),
                num(x.share, 3),
                interval(x.share_ci95, 3),
                if x.small_n { "yes".into() } else { String::new() },
            ]
        })
        .collect();
    out(args.common.format, &header, &rows)
}

// ------------------------------------------------------------------------------------------------- gap

#[derive(Debug, clap::Args)]
pub struct GapArgs {
    #[command(flatten)]
    pub common: AnalysisArgs,
}

pub fn run_gap(data: &DataArgs, args: GapArgs) -> anyhow::Result<()> {
    let l = load(data, &args.common)?;
    let r = gap::gap(&l.models, &l.defs);
    if args.common.format == OutputFormat::Json {
        return emit(&l, &r);
    }
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
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|x| {
            vec![
                x.year.to_string(),
                num(x.industry_max_log10, 2),
                num(x.academic_max_log10, 2),
                num(x.gap_max_oom, 2),
                num(x.gap_max_years, 2),
                num(x.industry_top_n_log10, 2),
                num(x.academic_top_n_log10, 2),
                num(x.gap_top_n_oom, 2),
                num(x.gap_top_n_years, 2),
            ]
        })
        .collect();
    out(args.common.format, &header, &rows)?;
    if args.common.format == OutputFormat::Table {
        println!(
            "\nindustry-only DL slope {} OOM/yr; gap trend {} OOM/yr (running max), {} OOM/yr (top-{} mean)",
            num(r.industry_slope_oom_per_year, 3),
            num(r.gap_max_trend_oom_per_year, 3),
            num(r.gap_top_n_trend_oom_per_year, 3),
            r.top_n
        );
    }
    Ok(())
}

// -------------------------------------------------------------------------------------------- openness

#[derive(Debug, clap::Args)]
pub struct OpennessArgs {
    #[command(flatten)]
    pub common: AnalysisArgs,
}

pub fn run_openness(data: &DataArgs, args: OpennessArgs) -> anyhow::Result<()> {
    let l = load(data, &args.common)?;
    let r = openness::openness(&l.models, &l.defs);
    if args.common.format == OutputFormat::Json {
        return emit(&l, &r);
    }
    let header = ["team", "year", "n_known", "n_open", "n_unknown", "share_open"];
    let rows: Vec<Vec<String>> = r
        .shares
        .iter()
        .map(|x| {
            vec![
                x.team.as_str().into(),
                x.year.to_string(),
                x.n_known.to_string(),
                x.n_open.to_string(),
                x.n_unknown.to_string(),
                num(x.share_open, 3),
            ]
        })
        .collect();
    out(args.common.format, &header, &rows)?;
    if args.common.format == OutputFormat::Table {
        let lag = &r.lag;
        println!(
            "\nopen-vs-closed lag: {} years {} (gap {} OOM at {}; open n = {}, closed n = {}; {} of {} \
             bootstrap draws valid{})",
            num(lag.lag_years, 2),
            interval(lag.lag_years_ci95, 2),
            num(lag.gap_oom, 2),
            num(lag.evaluated_at, 2),
            lag.open.as_ref().map_or(0, |f| f.n),
            lag.closed.as_ref().map_or(0, |f| f.n),
            lag.bootstrap_valid,
            lag.bootstrap_drawn,
            if lag.interval_flagged { ", interval flagged" } else { "" }
        );
    }
    Ok(())
}

// --------------------------------------------------------------------------------------------- lineage

#[derive(Debug, clap::Args)]
pub struct LineageArgs {
    #[command(flatten)]
    pub common: AnalysisArgs,
}

pub fn run_lineage(data: &DataArgs, args: LineageArgs) -> anyhow::Result<()> {
    let l = load(data, &args.common)?;
    let r = lineage::lineage(&l.models, &l.defs);
    if args.common.format == OutputFormat::Json {
        return emit(&l, &r);
    }
    let header = [
        "team",
        "year",
        "n_models",
        "n_with_base",
        "n_base_resolved",
        "n_base_industry",
        "share_industry_base",
    ];
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|x| {
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
        .collect();
    out(args.common.format, &header, &rows)?;
    if args.common.format == OutputFormat::Table && !r.unresolved.is_empty() {
        println!("\nbase models not in the catalogue ({}): {}", r.unresolved.len(), r.unresolved.join("; "));
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------- speccurve

#[derive(Debug, clap::Args)]
pub struct SpeccurveArgs {
    /// Epoch tables to use as vintages (repeatable). Default: every all_ml_systems_*.csv in the data
    /// folder's epoch/.
    #[arg(long, value_name = "FILE")]
    pub models: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Table/CSV: list every specification instead of one summary row per claim.
    #[arg(long)]
    pub specs: bool,
    #[command(flatten)]
    pub defs: DefinitionArgs,
}

/// The all-models snapshots of a data folder, sorted by name (= by date).
fn all_model_snapshots(epoch_dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(epoch_dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot list: {e}", epoch_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| cd_ingest::datasets::is_all_models_table(p))
        .collect();
    v.sort();
    Ok(v)
}

pub fn run_speccurve(data: &DataArgs, args: SpeccurveArgs) -> anyhow::Result<()> {
    let defs = args.defs.load()?;
    let dir = cd_ingest::locate::locate(data.data.as_deref())?;
    let files = if args.models.is_empty() { all_model_snapshots(&dir.epoch())? } else { args.models.clone() };
    if files.is_empty() {
        return Err(usage(format!(
            "no Epoch all-models tables in {}; pass --models FILE",
            dir.epoch().display()
        )));
    }
    let mut loaded = vec![];
    let mut inputs = vec![];
    for f in &files {
        let l = load_models(&dir, Some(f), &defs)?;
        let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
        inputs.push(InputInfo {
            path: l.path.display().to_string(),
            sha256: l.sha256.clone(),
            models: l.models.len(),
        });
        loaded.push((name, l.models));
    }
    let vintages: Vec<Vintage> = loaded.iter().map(|(n, m)| Vintage { name: n.clone(), models: m }).collect();
    let r = speccurve::spec_curve(&vintages, &defs);
    if args.format == OutputFormat::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            inputs: Vec<InputInfo>,
            definitions: &'a Definitions,
            #[serde(flatten)]
            result: &'a speccurve::SpecCurveResult,
        }
        return print_json(&Out { inputs, definitions: &defs, result: &r });
    }
    if args.specs {
        let header = ["claim", "vintage", "choices", "estimate", "ci95", "supports"];
        let rows: Vec<Vec<String>> = r
            .claims
            .iter()
            .flat_map(|c| {
                c.specs.iter().map(move |s| {
                    vec![
                        c.claim.to_string(),
                        s.vintage.clone(),
                        s.choices.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" "),
                        num(s.estimate, 4),
                        interval(s.ci95, 4),
                        s.supports.map_or("-".into(), |b| b.to_string()),
                    ]
                })
            })
            .collect();
        return out(args.format, &header, &rows);
    }
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
    let rows: Vec<Vec<String>> = r
        .claims
        .iter()
        .map(|c| {
            vec![
                c.claim.to_string(),
                c.n_specs.to_string(),
                c.n_estimated.to_string(),
                c.n_supporting.to_string(),
                c.n_supporting_ci95.to_string(),
                num(c.min, 3),
                num(c.q25, 3),
                num(c.median, 3),
                num(c.q75, 3),
                num(c.max, 3),
            ]
        })
        .collect();
    out(args.format, &header, &rows)
}
