//! `catalogue`, `mentions`, `adoption`, `scrutiny`: the model catalogue, model mentions in papers with use
//! types, academic adoption of industry models, and who scrutinises the influential models (issue 7).
//!
//! Models: every Epoch table of the data folder (all-models, notable, large-scale, frontier), oldest
//! vintage first so that a newer vintage's row wins; `--models FILE` (repeatable, oldest first) replaces
//! them. Papers: `--input` as for `papers`; without it, every AI Index responsible-AI CSV of the data
//! folder (the only shipped source with abstracts; the conference list has titles only). The analyses are
//! in `cd_analysis::adoption`; this module loads, calls and prints.

use crate::commands::papers::PaperInputArgs;
use crate::common::{print_details, print_json, print_listing, usage, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::load_models;
use crate::pipeline::ShippedPapers;
use anyhow::anyhow;
use cd_analysis::adoption::study::{adoption_study, catalogue_of, AdoptionStudy, CatalogueTable};
use cd_analysis::adoption::Catalogue;
use cd_analysis::lineage::LineageRow;
use cd_domain::{ClassifiedModel, Definitions, ReadReport};
use cd_ingest::locate::{locate, DataDir};
use cd_report::listing::adoption::{self as listing, Accounting};
use serde::Serialize;
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

#[derive(Debug, clap::Args)]
pub struct MentionsArgs {
    #[command(flatten)]
    pub common: PaperModelArgs,
}

#[derive(Debug, clap::Args)]
pub struct AdoptionArgs {
    #[command(flatten)]
    pub common: PaperModelArgs,
}

#[derive(Debug, clap::Args)]
pub struct ScrutinyArgs {
    #[command(flatten)]
    pub common: PaperModelArgs,
}

struct Models {
    tables: Vec<(String, Vec<ClassifiedModel>, ReadReport)>,
}

fn data_dir(data: &DataArgs) -> anyhow::Result<DataDir> {
    locate(data.data.as_deref()).map_err(|e| anyhow!("{e}"))
}

fn load_all_models(dir: &DataDir, files: &[PathBuf], defs: &Definitions) -> anyhow::Result<Models> {
    let paths =
        if files.is_empty() { cd_ingest::datasets::epoch_tables_by_vintage(dir) } else { files.to_vec() };
    if paths.is_empty() {
        return Err(anyhow!("no Epoch table in {}; pass some with --models FILE", dir.epoch().display()));
    }
    let mut tables = Vec::new();
    for p in &paths {
        if !p.is_file() {
            return Err(usage(format!("--models: {} is not a file", p.display())));
        }
        let loaded = load_models(dir, Some(p), defs)?;
        let label = p.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        tables.push((label, loaded.models, loaded.report));
    }
    Ok(Models { tables })
}

/// The tables as the catalogue takes them (all-models tables by name: `cd_ingest::datasets`).
fn catalogue_tables(models: &Models) -> Vec<CatalogueTable<'_>> {
    models
        .tables
        .iter()
        .map(|(label, m, _)| CatalogueTable {
            label,
            models: m,
            all_models: cd_ingest::datasets::is_all_models_table(std::path::Path::new(&format!(
                "{label}.csv"
            ))),
        })
        .collect()
}

fn accounting(report: &ReadReport, models: &Models, cat: &Catalogue) -> Accounting {
    Accounting::of(report, &models.tables.iter().map(|(_, _, r)| r).collect::<Vec<_>>(), cat)
}

pub fn run_catalogue(data: &DataArgs, args: CatalogueArgs) -> anyhow::Result<()> {
    let defs = args.definitions.load()?;
    let dir = data_dir(data)?;
    let models = load_all_models(&dir, &args.models, &defs)?;
    let cat = catalogue_of(&catalogue_tables(&models));
    let shown: Vec<&cd_analysis::adoption::CatalogueModel> =
        cat.models.iter().filter(|m| !args.aliased_only || !m.aliases.is_empty()).collect();
    if args.format == OutputFormat::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            accounting: Accounting,
            vintages: &'a [String],
            epoch_models_in_alias_table: usize,
            models: Vec<&'a cd_analysis::adoption::CatalogueModel>,
        }
        // For the catalogue the rows are the Epoch tables' rows.
        let parts: Vec<ReadReport> = models.tables.iter().map(|(_, _, r)| r.clone()).collect();
        let merged = ReadReport::merge("epoch tables", &parts);
        return print_json(&Out {
            accounting: accounting(&merged, &models, &cat),
            vintages: &cat.vintages,
            epoch_models_in_alias_table: cat.epoch_models_in_alias_table,
            models: shown,
        });
    }
    eprintln!(
        "{} Epoch rows in {} tables, {} duplicates across vintages dropped, {} distinct models ({} in the alias \
         table); {} catalogue models",
        cat.epoch_rows,
        cat.vintages.len(),
        cat.duplicate_rows,
        cat.distinct_epoch_models,
        cat.epoch_models_in_alias_table,
        cat.models.len()
    );
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

fn print_read_summary(p: &Prepared) {
    eprintln!(
        "read {} paper rows: {} loaded, {} rejected; {} papers, {} name a catalogued model ({} mentions, {} \
         (paper, model) pairs)",
        p.report.rows_read,
        p.report.rows_loaded,
        p.report.rows_rejected,
        p.study.mentions.papers_scanned,
        p.study.mentions.papers_with_mentions,
        p.study.mentions.raw_mentions,
        p.study.mentions.uses.len()
    );
}

pub fn run_mentions(data: &DataArgs, args: MentionsArgs) -> anyhow::Result<()> {
    let p = prepare(data, &args.common)?;
    if args.common.format == OutputFormat::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            accounting: Accounting,
            papers_scanned: usize,
            papers_with_mentions: usize,
            raw_mentions: usize,
            unlinked_mentions: usize,
            mentions: &'a [cd_analysis::adoption::ModelUse],
        }
        return print_json(&Out {
            accounting: accounting(&p.report, &p.models, &p.study.catalogue),
            papers_scanned: p.study.mentions.papers_scanned,
            papers_with_mentions: p.study.mentions.papers_with_mentions,
            raw_mentions: p.study.mentions.raw_mentions,
            unlinked_mentions: p.study.mentions.unlinked_mentions,
            mentions: &p.study.mentions.uses,
        });
    }
    print_read_summary(&p);
    print_listing(args.common.format, &listing::mentions(&p.study.mentions.uses))
}

pub fn run_adoption(data: &DataArgs, args: AdoptionArgs) -> anyhow::Result<()> {
    let p = prepare(data, &args.common)?;
    let (a, summary) = (&p.study.adoption, &p.study.summary);
    if args.common.format == OutputFormat::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            accounting: Accounting,
            papers_with_mentions: usize,
            adoption: &'a cd_analysis::adoption::AdoptionResult,
            /// Academic-only models built on industry base models (Epoch's `Base model`), beside adoption.
            lineage_academic: &'a [LineageRow],
            summary: &'a cd_analysis::adoption::AdoptionSummary,
        }
        return print_json(&Out {
            accounting: accounting(&p.report, &p.models, &p.study.catalogue),
            papers_with_mentions: p.study.mentions.papers_with_mentions,
            adoption: a,
            lineage_academic: &p.study.lineage_academic,
            summary,
        });
    }
    print_read_summary(&p);
    print_listing(args.common.format, &listing::adoption_years(a, args.common.format == OutputFormat::Csv))?;
    if args.common.format == OutputFormat::Table {
        print_details(&listing::adoption_details(a));
        println!();
        for f in summary.findings.iter().chain(&summary.caveats) {
            println!("- {f}");
        }
    }
    Ok(())
}

pub fn run_scrutiny(data: &DataArgs, args: ScrutinyArgs) -> anyhow::Result<()> {
    let p = prepare(data, &args.common)?;
    let s = &p.study.scrutiny;
    if args.common.format == OutputFormat::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            accounting: Accounting,
            papers_with_mentions: usize,
            scrutiny: &'a cd_analysis::adoption::ScrutinyResult,
        }
        return print_json(&Out {
            accounting: accounting(&p.report, &p.models, &p.study.catalogue),
            papers_with_mentions: p.study.mentions.papers_with_mentions,
            scrutiny: s,
        });
    }
    let csv = args.common.format == OutputFormat::Csv;
    if !csv {
        print_read_summary(&p);
    }
    print_listing(args.common.format, &listing::scrutiny_models(s, csv))?;
    if args.common.format == OutputFormat::Table {
        print_details(&listing::scrutiny_details(s));
    }
    Ok(())
}
