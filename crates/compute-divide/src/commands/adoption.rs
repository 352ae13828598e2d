//! `catalogue`, `mentions`, `adoption`, `scrutiny`: the model catalogue, model mentions in papers with use
//! types, academic adoption of industry models, and who scrutinises the influential models (issue 7).
//!
//! Models: every Epoch table of the data folder (all-models, notable, large-scale, frontier), oldest
//! vintage first so that a newer vintage's row wins; `--models FILE` (repeatable, oldest first) replaces
//! them. Papers: `--input` as for `papers`; without it, every AI Index responsible-AI CSV of the data
//! folder (the only shipped source with abstracts; the conference list has titles only). The analyses are
//! in `cd_analysis::adoption`; this module loads, calls and prints.

use crate::commands::papers::PaperInputArgs;
use crate::common::{print_details, print_json, print_listing, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::ShippedPapers;
use anyhow::anyhow;
use cd_analysis::adoption::study::{adoption_study, catalogue_of, AdoptionStudy, CatalogueTable};
use cd_analysis::adoption::Catalogue;
use cd_domain::{Definitions, ReadReport};
use cd_ingest::locate::{locate, DataDir};
use cd_report::listing::adoption::{self as listing, Accounting};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CatalogueArgs {
    /// Epoch tables, oldest vintage first (repeat). Default: every Epoch table of the data folder.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub models: Vec<PathBuf>,
    /// List only the models of the alias table (the ones searched for in papers).
    #[arg(long)]
    pub aliased_only: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub definitions: DefinitionArgs,
}

/// Arguments shared by `mentions`, `adoption` and `scrutiny`.
#[derive(Debug, clap::Args)]
pub struct PaperModelArgs {
    #[command(flatten)]
    pub input: PaperInputArgs,
    /// Epoch tables for the catalogue, oldest vintage first (repeat). Default: every Epoch table.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub models: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

struct Models {
    tables: Vec<cd_pipeline::ModelTable>,
}

fn data_dir(data: &DataArgs) -> anyhow::Result<DataDir> {
    locate(data.data.as_deref()).map_err(|e| anyhow!("{e}"))
}

fn load_all_models(dir: &DataDir, files: &[PathBuf], defs: &Definitions) -> anyhow::Result<Models> {
    Ok(Models { tables: cd_pipeline::load_model_tables(dir, files, defs)? })
}

/// The tables as the catalogue takes them.
fn catalogue_tables(models: &Models) -> Vec<CatalogueTable<'_>> {
    models
        .tables
        .iter()
        .map(|t| CatalogueTable { label: &t.label, models: &t.models, all_models: t.all_models })
        .collect()
}

fn accounting(report: &ReadReport, models: &Models, cat: &Catalogue) -> Accounting {
    Accounting::of(report, &models.tables.iter().map(|t| &t.report).collect::<Vec<_>>(), cat)
}

pub fn run_catalogue(data: &DataArgs, args: CatalogueArgs) -> anyhow::Result<()> {
    let defs = args.definitions.load()?;
    let dir = data_dir(data)?;
    let models = load_all_models(&dir, &args.models, &defs)?;
    let cat = catalogue_of(&catalogue_tables(&models));
    let shown: Vec<&cd_analysis::adoption::CatalogueModel> =
        cat.models.iter().filter(|m| !args.aliased_only || !m.aliases.is_empty()).collect();
    if args.format == OutputFormat::Json {
        // For the catalogue the rows are the Epoch tables' rows.
        let parts: Vec<ReadReport> = models.tables.iter().map(|t| t.report.clone()).collect();
        let merged = ReadReport::merge("epoch tables", &parts);
        return print_json(&listing::CatalogueJson {
            accounting: accounting(&merged, &models, &cat),
            vintages: &cat.vintages,
            epoch_models_in_alias_table: cat.epoch_models_in_alias_table,
            models: shown,
        });
    }
    eprintln!("{}", listing::catalogue_summary(&cat));
    print_listing(args.format, &listing::catalogue(&shown))
}

struct Prepared {
    report: ReadReport,
    models: Models,
    study: AdoptionStudy,
}

fn prepare(data: &DataArgs, args: &PaperModelArgs) -> anyhow::Result<Prepared> {
    let defs = args.input.definitions()?;
    let dir = data_dir(data)?;
    // Without --input: the AI Index files, the only shipped papers with abstracts.
    let table = args.input.load(data, ShippedPapers::AiIndex, false, &defs)?.table;
    prepare_from(&dir, table.papers, table.report, &args.models, defs)
}

/// `prepare` from papers already read and classified (teams under `defs`).
fn prepare_from(
    dir: &DataDir,
    papers: Vec<cd_domain::Paper>,
    report: ReadReport,
    model_files: &[PathBuf],
    defs: Definitions,
) -> anyhow::Result<Prepared> {
    let models = load_all_models(dir, model_files, &defs)?;
    let study = adoption_study(&papers, &catalogue_tables(&models), &defs);
    Ok(Prepared { report, models, study })
}

impl Prepared {
    fn accounting(&self) -> Accounting {
        accounting(&self.report, &self.models, &self.study.catalogue)
    }
}

pub fn run_mentions(data: &DataArgs, args: PaperModelArgs) -> anyhow::Result<()> {
    let p = prepare(data, &args)?;
    if args.format == OutputFormat::Json {
        return print_json(&listing::mentions_json(p.accounting(), &p.study));
    }
    eprintln!("{}", listing::read_summary(&p.report, &p.study));
    print_listing(args.format, &listing::mentions(&p.study.mentions.uses))
}

pub fn run_adoption(data: &DataArgs, args: PaperModelArgs) -> anyhow::Result<()> {
    let p = prepare(data, &args)?;
    let (a, summary) = (&p.study.adoption, &p.study.summary);
    if args.format == OutputFormat::Json {
        return print_json(&listing::adoption_json(p.accounting(), &p.study));
    }
    eprintln!("{}", listing::read_summary(&p.report, &p.study));
    print_listing(args.format, &listing::adoption_years(a, args.format == OutputFormat::Csv))?;
    if args.format == OutputFormat::Table {
        print_details(&listing::adoption_details(a));
        println!();
        for f in summary.findings.iter().chain(&summary.caveats) {
            println!("- {f}");
        }
    }
    Ok(())
}

pub fn run_scrutiny(data: &DataArgs, args: PaperModelArgs) -> anyhow::Result<()> {
    let p = prepare(data, &args)?;
    let s = &p.study.scrutiny;
    if args.format == OutputFormat::Json {
        return print_json(&listing::scrutiny_json(p.accounting(), &p.study));
    }
    let csv = args.format == OutputFormat::Csv;
    if !csv {
        eprintln!("{}", listing::read_summary(&p.report, &p.study));
    }
    print_listing(args.format, &listing::scrutiny_models(s, csv))?;
    if args.format == OutputFormat::Table {
        print_details(&listing::scrutiny_details(s));
    }
    Ok(())
}
