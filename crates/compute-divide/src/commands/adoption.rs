//! `catalogue`, `mentions`, `adoption`, `scrutiny`: the model catalogue, model mentions in papers with use
//! types, academic adoption of industry models, and who scrutinises the influential models (issue 7).
//!
//! Models: every Epoch table of the data folder (all-models, notable, large-scale, frontier), oldest
//! vintage first so that a newer vintage's row wins; `--models FILE` (repeatable, oldest first) replaces
//! them. Papers: `--input` as for `papers`; without it, every AI Index responsible-AI CSV of the data
//! folder (the only shipped source with abstracts; the conference list has titles only). The analyses are
//! in `cd_analysis::adoption`; this module loads, calls and prints.

use crate::commands::papers::PaperInputArgs;
use crate::common::{print_csv, print_json, print_rows, print_table, usage, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::load_models;
use crate::pipeline::ShippedPapers;
use anyhow::anyhow;
use cd_analysis::adoption::study::{adoption_study, catalogue_of, AdoptionStudy, CatalogueTable};
use cd_analysis::adoption::{Catalogue, ShareEstimate};
use cd_analysis::lineage::LineageRow;
use cd_domain::{ClassifiedModel, Definitions, ReadReport, Rejection};
use cd_ingest::locate::{locate, DataDir};
use cd_report::sections::{fmt_opt, fmt_share};
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

/// Row accounting of everything read.
#[derive(Debug, Serialize)]
struct Accounting {
    /// Paper rows (for `catalogue`: the Epoch tables' rows).
    rows_read: usize,
    rows_loaded: usize,
    rows_rejected: usize,
    rejections: Vec<Rejection>,
    notes: Vec<String>,
    /// Epoch tables read, oldest first, with their rows.
    model_tables: Vec<TableRows>,
    epoch_rows: usize,
    epoch_duplicate_rows: usize,
    epoch_distinct_models: usize,
}

#[derive(Debug, Serialize)]
struct TableRows {
    file: String,
    rows_read: usize,
    rows_loaded: usize,
    rows_rejected: usize,
}

struct Models {
    tables: Vec<(String, Vec<ClassifiedModel>, ReadReport)>,
}

fn data_dir(data: &DataArgs) -> anyhow::Result<DataDir> {
    locate(data.data.as_deref()).map_err(|e| anyhow!("{e}"))
}

/// Every Epoch table of the folder, oldest vintage first (ties by path): the catalogue's tables.
pub fn epoch_tables(dir: &DataDir) -> Vec<PathBuf> {
    let mut files: Vec<(Option<String>, PathBuf)> = cd_ingest::datasets::epoch_tables(dir)
        .into_iter()
        .map(|(path, _, vintage)| (vintage, path))
        .collect();
    files.sort();
    files.into_iter().map(|(_, p)| p).collect()
}

fn load_all_models(dir: &DataDir, files: &[PathBuf], defs: &Definitions) -> anyhow::Result<Models> {
    let paths = if files.is_empty() { epoch_tables(dir) } else { files.to_vec() };
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
    Accounting {
        rows_read: report.rows_read,
        rows_loaded: report.rows_loaded,
        rows_rejected: report.rows_rejected,
        rejections: report.rejections.clone(),
        notes: report.notes.clone(),
        model_tables: models
            .tables
            .iter()
            .map(|(_, _, r)| TableRows {
                file: r.file.clone(),
                rows_read: r.rows_read,
                rows_loaded: r.rows_loaded,
                rows_rejected: r.rows_rejected,
            })
            .collect(),
        epoch_rows: cat.epoch_rows,
        epoch_duplicate_rows: cat.duplicate_rows,
        epoch_distinct_models: cat.distinct_epoch_models,
    }
}

/// Count, share, low and high of a share as plain numbers (empty when undefined), for CSV.
fn share_cols(s: &ShareEstimate) -> [String; 4] {
    let num = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.6}"));
    [s.count.to_string(), num(s.share), num(s.low), num(s.high)]
}

/// Prints a blank line, then `items` as a table under `header`, one row per item made by `row` (the
/// secondary tables of the table format).
fn print_subtable<T>(header: &[&str], items: &[T], row: impl Fn(&T) -> Vec<String>) {
    println!();
    let rows: Vec<Vec<String>> = items.iter().map(row).collect();
    print_table(header, &rows);
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
    let header = [
        "model",
        "family",
        "developer_team",
        "accessibility",
        "release",
        "compute_flop",
        "frontier",
        "epoch_rows",
        "developer",
        "aliases",
    ];
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|m| {
            vec![
                m.canonical.clone(),
                m.family.clone(),
                m.developer_team.as_str().to_string(),
                m.accessibility.as_str().to_string(),
                fmt_opt(m.release_date),
                m.training_compute_flop.map_or_else(String::new, |c| format!("{c:.2e}")),
                m.frontier_flag.to_string(),
                m.epoch_names.len().to_string(),
                m.developer.clone(),
                m.aliases.join("; "),
            ]
        })
        .collect();
    print_rows(args.format, &header, &rows)
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
    let header = [
        "paper_id",
        "year",
        "paper_team",
        "model",
        "matched_text",
        "developer_team",
        "accessibility",
        "use_types",
    ];
    let rows: Vec<Vec<String>> = p
        .study
        .mentions
        .uses
        .iter()
        .map(|u| {
            vec![
                u.paper_id.clone(),
                fmt_opt(u.year),
                u.paper_team.as_str().to_string(),
                u.model.clone(),
                u.matched_text.clone(),
                u.developer_team.as_str().to_string(),
                u.accessibility.as_str().to_string(),
                u.use_types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(";"),
            ]
        })
        .collect();
    print_rows(args.common.format, &header, &rows)
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
    if args.common.format == OutputFormat::Csv {
        // Numbers only: count, share and 95% interval per measure.
        let mut header = vec!["year".to_string(), "academic_papers".to_string()];
        for m in [
            "builds_on_industry",
            "builds_on_industry_open",
            "builds_on_industry_closed",
            "mentions_industry",
        ] {
            for part in ["count", "share", "low", "high"] {
                header.push(format!("{m}_{part}"));
            }
        }
        let rows: Vec<Vec<String>> = a
            .years
            .iter()
            .map(|y| {
                let mut row = vec![y.year.to_string(), y.academic_papers.to_string()];
                for s in [
                    &y.builds_on_industry,
                    &y.builds_on_industry_open,
                    &y.builds_on_industry_closed,
                    &y.mentions_industry,
                ] {
                    row.extend(share_cols(s));
                }
                row
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        return print_csv(&header, &rows);
    }
    let header =
        ["year", "academic_papers", "builds_on_industry", "open_weights", "closed", "mentions_industry"];
    let rows: Vec<Vec<String>> = a
        .years
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                y.academic_papers.to_string(),
                fmt_share(&y.builds_on_industry),
                fmt_share(&y.builds_on_industry_open),
                fmt_share(&y.builds_on_industry_closed),
                fmt_share(&y.mentions_industry),
            ]
        })
        .collect();
    print_rows(args.common.format, &header, &rows)?;
    if args.common.format == OutputFormat::Table {
        print_subtable(
            &["year", "rank", "model", "developer_team", "accessibility", "academic_papers"],
            &a.top_models,
            |t| {
                vec![
                    t.year.to_string(),
                    t.rank.to_string(),
                    t.model.clone(),
                    t.developer_team.as_str().to_string(),
                    t.accessibility.as_str().to_string(),
                    t.academic_papers.to_string(),
                ]
            },
        );
        print_subtable(
            &[
                "model",
                "accessibility",
                "released",
                "first_academic_use",
                "lag_years",
                "academic_papers",
                "before_release",
            ],
            &a.lags,
            |l| {
                vec![
                    l.model.clone(),
                    l.accessibility.as_str().to_string(),
                    fmt_opt(l.release_year),
                    fmt_opt(l.first_academic_use_year),
                    fmt_opt(l.lag_years),
                    l.academic_papers.to_string(),
                    l.uses_before_release.to_string(),
                ]
            },
        );
        println!();
        for f in summary.findings.iter().chain(&summary.caveats) {
            println!("- {f}");
        }
    }
    Ok(())
}

/// One influential model's row in the CSV and table formats of `scrutiny`: the model, its developer team,
/// accessibility, release year, why it is influential, the papers mentioning it, the scrutiny papers by
/// team (academic-only, industry-only, collaboration, other, unknown), then `academic_share` (the columns
/// of the academic share, as the format shows it), then the first academic scrutiny year and the years to it.
fn scrutiny_model_row(
    m: &cd_analysis::adoption::scrutiny::ModelScrutiny,
    academic_share: impl IntoIterator<Item = String>,
) -> Vec<String> {
    let c = &m.scrutiny_papers;
    let mut row = vec![
        m.model.clone(),
        m.developer_team.as_str().to_string(),
        m.accessibility.as_str().to_string(),
        fmt_opt(m.release_year),
        m.influential_because.join("+"),
        m.papers_mentioning.to_string(),
    ];
    row.extend(
        [c.academic_only, c.industry_only, c.collaboration, c.other, c.unknown].map(|n| n.to_string()),
    );
    row.extend(academic_share);
    row.push(fmt_opt(m.first_academic_scrutiny_year));
    row.push(fmt_opt(m.years_to_first_academic_scrutiny));
    row
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
    if args.common.format == OutputFormat::Csv {
        // One row per influential model, numbers only.
        let header = [
            "model",
            "developer_team",
            "accessibility",
            "release_year",
            "influential_because",
            "papers_mentioning",
            "academic_only",
            "industry_only",
            "collaboration",
            "other",
            "unknown",
            "academic_count",
            "academic_share",
            "academic_low",
            "academic_high",
            "first_academic_scrutiny_year",
            "years_to_first_academic_scrutiny",
        ];
        let rows: Vec<Vec<String>> =
            s.models.iter().map(|m| scrutiny_model_row(m, share_cols(&m.academic_share))).collect();
        return print_csv(&header, &rows);
    }
    print_read_summary(&p);
    let header = [
        "model",
        "developer_team",
        "accessibility",
        "released",
        "why",
        "mentioning",
        "academic_only",
        "industry_only",
        "collaboration",
        "other",
        "unknown",
        "academic_share",
        "first_academic",
        "years_to_first",
    ];
    let rows: Vec<Vec<String>> =
        s.models.iter().map(|m| scrutiny_model_row(m, [fmt_share(&m.academic_share)])).collect();
    print_rows(args.common.format, &header, &rows)?;
    if args.common.format == OutputFormat::Table {
        print_subtable(
            &[
                "accessibility",
                "models",
                "scrutiny_papers",
                "academic_share",
                "median_years_to_first",
                "never_by_academia",
            ],
            &s.by_accessibility,
            |b| {
                vec![
                    format!("{:?}", b.accessibility_class).to_lowercase(),
                    b.models.to_string(),
                    b.scrutiny_papers.total().to_string(),
                    fmt_share(&b.academic_share),
                    b.median_years_to_first_academic_scrutiny.map_or_else(String::new, |m| format!("{m:.1}")),
                    b.models_without_academic_scrutiny.to_string(),
                ]
            },
        );
        print_subtable(
            &["category", "year", "papers", "academic_only", "industry_involved"],
            &s.rai_shares,
            |r| {
                vec![
                    r.category.clone(),
                    r.year.to_string(),
                    r.papers.total().to_string(),
                    fmt_share(&r.academic_only),
                    fmt_share(&r.industry_involved),
                ]
            },
        );
    }
    Ok(())
}
