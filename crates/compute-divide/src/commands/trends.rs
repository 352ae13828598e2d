//! `trends`, `shares`, `gap`, `openness`, `lineage` and `speccurve`: the compute-divide analyses of the
//! Epoch model table (issue 3). Each command loads and classifies models through `pipeline`, resolves the
//! definitions through `definitions_args`, calls one pure analysis of `cd-analysis`, and prints its
//! listing (`cd_report::listing::trends`) as a table or CSV, or its JSON, which carries the input file,
//! its sha256 and every definition used.

use crate::common::{print_json, print_listing, usage, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::load_models;
use cd_analysis::speccurve::Vintage;
use cd_analysis::{gap, lineage, openness, shares, speccurve, trends};
use cd_domain::{ClassifiedModel, Definitions};
use cd_report::listing::trends::{self as listing, Envelope, InputInfo, Inputs};
use cd_report::listing::Listing;
use serde::Serialize;
use std::path::PathBuf;

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

struct Loaded {
    models: Vec<ClassifiedModel>,
    info: InputInfo,
    report: cd_domain::ReadReport,
    defs: Definitions,
}

fn load(data: &DataArgs, args: &AnalysisArgs) -> anyhow::Result<Loaded> {
    let defs = args.defs.load()?;
    let dir = cd_ingest::locate::locate(data.data.as_deref())?;
    let l = load_models(&dir, args.models.as_deref(), &defs)?;
    let info = InputInfo::new(l.path.display().to_string(), l.sha256, l.models.len(), &l.report);
    Ok(Loaded { models: l.models, info, report: l.report, defs })
}

/// Print `result` as JSON in its envelope, else its listing with the note below a table.
fn emit<T: Serialize>(
    l: &Loaded,
    format: OutputFormat,
    result: &T,
    listing: impl FnOnce(&T) -> Listing,
    note: impl FnOnce(&T) -> Option<String>,
) -> anyhow::Result<()> {
    let r = &l.report;
    if format == OutputFormat::Json {
        return print_json(&Envelope {
            input: l.info.clone(),
            counts: r.into(),
            rejections: &r.rejections,
            definitions: &l.defs,
            result,
        });
    }
    if r.rows_rejected > 0 {
        eprintln!("{} (`--format json` lists them)", cd_report::listing::accounting_line(&r.file, r));
    }
    print_listing(format, &listing(result))?;
    if format == OutputFormat::Table {
        if let Some(note) = note(result) {
            println!("\n{note}");
        }
    }
    Ok(())
}

pub fn run_trends(data: &DataArgs, args: AnalysisArgs) -> anyhow::Result<()> {
    let l = load(data, &args)?;
    emit(&l, args.format, &trends::trends(&l.models, &l.defs), listing::trends, |_| None)
}

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
    let table = |r: &shares::SharesResult| match args.largest {
        true => listing::largest(r),
        false => listing::shares(r, args.by_year, args.fractional),
    };
    emit(&l, args.common.format, &shares::shares(&l.models, &l.defs), table, |_| None)
}

pub fn run_gap(data: &DataArgs, args: AnalysisArgs) -> anyhow::Result<()> {
    let l = load(data, &args)?;
    let r = gap::gap(&l.models, &l.defs);
    emit(&l, args.format, &r, listing::gap, |r| Some(listing::gap_note(r)))
}

pub fn run_openness(data: &DataArgs, args: AnalysisArgs) -> anyhow::Result<()> {
    let l = load(data, &args)?;
    let r = openness::openness(&l.models, &l.defs);
    emit(&l, args.format, &r, listing::openness, |r| Some(listing::openness_note(r)))
}

pub fn run_lineage(data: &DataArgs, args: AnalysisArgs) -> anyhow::Result<()> {
    let l = load(data, &args)?;
    let r = lineage::lineage(&l.models, &l.defs);
    emit(&l, args.format, &r, listing::lineage, listing::lineage_note)
}

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

pub fn run_speccurve(data: &DataArgs, args: SpeccurveArgs) -> anyhow::Result<()> {
    let defs = args.defs.load()?;
    let dir = cd_ingest::locate::locate(data.data.as_deref())?;
    let files = if args.models.is_empty() {
        cd_ingest::datasets::all_models_tables(&dir)
    } else {
        args.models.clone()
    };
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
        inputs.push(InputInfo::new(
            l.path.display().to_string(),
            l.sha256.clone(),
            l.models.len(),
            &l.report,
        ));
        loaded.push((name, l.models));
    }
    let vintages: Vec<Vintage> = loaded.iter().map(|(n, m)| Vintage { name: n.clone(), models: m }).collect();
    let r = speccurve::spec_curve(&vintages, &defs);
    if args.format == OutputFormat::Json {
        return print_json(&Inputs { inputs, definitions: &defs, result: &r });
    }
    let table = if args.specs { listing::speccurve_specs(&r) } else { listing::speccurve_summary(&r) };
    print_listing(args.format, &table)
}
