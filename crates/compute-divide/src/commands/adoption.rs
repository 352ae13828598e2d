//! `catalogue`, `mentions`, `adoption`, `scrutiny`: the model catalogue, model mentions in papers with use
//! types, academic adoption of industry models, and who scrutinises the influential models (issue 7).
//!
//! Models: every Epoch table of the data folder (all-models, notable, large-scale, frontier), oldest
//! vintage first so that a newer vintage's row wins; `--models FILE` (repeatable, oldest first) replaces
//! them. Papers: `--input` as for `papers`; without it, every AI Index responsible-AI CSV of the data
//! folder (the only shipped source with abstracts; the conference list has titles only). The analyses are
//! in `cd_analysis::adoption`; this module loads, calls and prints.

use crate::commands::papers::PaperInputArgs;
use crate::common::{print_csv, print_json, print_table, usage, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::load_models;
use crate::pipeline::ShippedPapers;
use anyhow::anyhow;
use cd_analysis::adoption::{
    adoption, build_catalogue, detect_uses, scrutiny, summarise, Catalogue, MentionTable, ShareEstimate,
    Vintage,
};
use cd_analysis::lineage::{lineage, LineageRow};
use cd_domain::{ClassifiedModel, Definitions, Paper, ReadReport, Rejection, TeamKind};
use cd_ingest::datasets::{list, DatasetKind};
use cd_ingest::locate::{locate, DataDir};
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

/// Every Epoch table of the folder, oldest vintage first (ties by path).
fn epoch_tables(dir: &DataDir) -> Vec<PathBuf> {
    let mut files: Vec<(Option<String>, PathBuf)> = list(dir)
        .into_iter()
        .filter(|d| d.kind.is_epoch() && d.kind != DatasetKind::Other)
        .map(|d| (d.vintage, d.path))
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

fn catalogue_of(models: &Models) -> Catalogue {
    let vintages: Vec<Vintage<'_>> =
        models.tables.iter().map(|(label, m, _)| Vintage { label, models: m }).collect();
    build_catalogue(&vintages)
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

fn fmt_opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

fn fmt_share(s: &ShareEstimate) -> String {
    match (s.share, s.low, s.high) {
        (Some(p), Some(l), Some(h)) => {
            format!("{:.1}% [{:.1}, {:.1}] ({}/{})", 100.0 * p, 100.0 * l, 100.0 * h, s.count, s.total)
        }
        _ => format!("n/a (0/{})", s.total),
    }
}

/// Count, share, low and high of a share as plain numbers (empty when undefined), for CSV.
fn share_cols(s: &ShareEstimate) -> [String; 4] {
    let num = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.6}"));
    [s.count.to_string(), num(s.share), num(s.low), num(s.high)]
}

fn emit(format: OutputFormat, header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    match format {
        OutputFormat::Csv => print_csv(header, rows),
        _ => {
            print_table(header, rows);
            Ok(())
        }
    }
}

pub fn run_catalogue(data: &DataArgs, args: CatalogueArgs) -> anyhow::Result<()> {
    let defs = args.definitions.load()?;
    let dir = data_dir(data)?;
    let models = load_all_models(&dir, &args.models, &defs)?;
    let cat = catalogue_of(&models);
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
    emit(args.format, &header, &rows)
}

struct Prepared {
    papers: Vec<Paper>,
    report: ReadReport,
    models: Models,
    catalogue: Catalogue,
    table: MentionTable,
    defs: Definitions,
}

fn prepare(data: &DataArgs, args: &PaperModelArgs) -> anyhow::Result<Prepared> {
    let defs = args.input.definitions()?;
    let dir = data_dir(data)?;
    // Without --input: the AI Index files, the only shipped papers with abstracts.
    let table = args.input.load(data, ShippedPapers::AiIndex, false, &defs)?.table;
    let (papers, report) = (table.papers, table.report);
    let models = load_all_models(&dir, &args.models, &defs)?;
    let catalogue = catalogue_of(&models);
    let table = detect_uses(&papers, &catalogue, &defs);
    Ok(Prepared { papers, report, models, catalogue, table, defs })
}

fn print_read_summary(p: &Prepared) {
    eprintln!(
        "read {} paper rows: {} loaded, {} rejected; {} papers, {} name a catalogued model ({} mentions, {} \
         (paper, model) pairs)",
        p.report.rows_read,
        p.report.rows_loaded,
        p.report.rows_rejected,
        p.table.papers_scanned,
        p.table.papers_with_mentions,
        p.table.raw_mentions,
        p.table.uses.len()
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
            accounting: accounting(&p.report, &p.models, &p.catalogue),
            papers_scanned: p.table.papers_scanned,
            papers_with_mentions: p.table.papers_with_mentions,
            raw_mentions: p.table.raw_mentions,
            unlinked_mentions: p.table.unlinked_mentions,
            mentions: &p.table.uses,
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
        .table
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
    emit(args.common.format, &header, &rows)
}

/// Lineage (academic-only models built on industry base models) of the newest all-models table.
fn lineage_rows(p: &Prepared) -> Vec<LineageRow> {
    let newest = p
        .models
        .tables
        .iter()
        .rev()
        .find(|(label, _, _)| label.starts_with("all_ml_systems") || label.starts_with("all_ai_models"));
    newest
        .map(|(_, m, _)| {
            lineage(m, &p.defs).rows.into_iter().filter(|r| r.team == TeamKind::AcademicOnly).collect()
        })
        .unwrap_or_default()
}

pub fn run_adoption(data: &DataArgs, args: AdoptionArgs) -> anyhow::Result<()> {
    let p = prepare(data, &args.common)?;
    let a = adoption(&p.papers, &p.table, &p.catalogue, &p.defs);
    let s = scrutiny(&p.papers, &p.table, &p.catalogue, &p.defs);
    let summary = summarise(&p.table, &a, &s);
    let lineage_academic = lineage_rows(&p);
    if args.common.format == OutputFormat::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            accounting: Accounting,
            papers_with_mentions: usize,
            adoption: &'a cd_analysis::adoption::AdoptionResult,
            /// Academic-only models built on industry base models (Epoch's `Base model`), beside adoption.
            lineage_academic: Vec<LineageRow>,
            summary: cd_analysis::adoption::AdoptionSummary,
        }
        return print_json(&Out {
            accounting: accounting(&p.report, &p.models, &p.catalogue),
            papers_with_mentions: p.table.papers_with_mentions,
            adoption: &a,
            lineage_academic,
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
    emit(args.common.format, &header, &rows)?;
    if args.common.format == OutputFormat::Table {
        println!();
        let rows: Vec<Vec<String>> = a
            .top_models
            .iter()
            .map(|t| {
                vec![
                    t.year.to_string(),
                    t.rank.to_string(),
                    t.model.clone(),
                    t.developer_team.as_str().to_string(),
                    t.accessibility.as_str().to_string(),
                    t.academic_papers.to_string(),
                ]
            })
            .collect();
        print_table(&["year", "rank", "model", "developer_team", "accessibility", "academic_papers"], &rows);
        println!();
        let rows: Vec<Vec<String>> = a
            .lags
            .iter()
            .map(|l| {
                vec![
                    l.model.clone(),
                    l.accessibility.as_str().to_string(),
                    fmt_opt(l.release_year),
                    fmt_opt(l.first_academic_use_year),
                    fmt_opt(l.lag_years),
                    l.academic_papers.to_string(),
                    l.uses_before_release.to_string(),
                ]
            })
            .collect();
        print_table(
            &[
                "model",
                "accessibility",
                "released",
                "first_academic_use",
                "lag_years",
                "academic_papers",
                "before_release",
            ],
            &rows,
        );
        println!();
        for f in summary.findings.iter().chain(&summary.caveats) {
            println!("- {f}");
        }
    }
    Ok(())
}

pub fn run_scrutiny(data: &DataArgs, args: ScrutinyArgs) -> anyhow::Result<()> {
    let p = prepare(data, &args.common)?;
    let s = scrutiny(&p.papers, &p.table, &p.catalogue, &p.defs);
    if args.common.format == OutputFormat::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            accounting: Accounting,
            papers_with_mentions: usize,
            scrutiny: &'a cd_analysis::adoption::ScrutinyResult,
        }
        return print_json(&Out {
            accounting: accounting(&p.report, &p.models, &p.catalogue),
            papers_with_mentions: p.table.papers_with_mentions,
            scrutiny: &s,
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
        let rows: Vec<Vec<String>> = s
            .models
            .iter()
            .map(|m| {
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
                    [c.academic_only, c.industry_only, c.collaboration, c.other, c.unknown]
                        .map(|n| n.to_string()),
                );
                row.extend(share_cols(&m.academic_share));
                row.push(fmt_opt(m.first_academic_scrutiny_year));
                row.push(fmt_opt(m.years_to_first_academic_scrutiny));
                row
            })
            .collect();
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
    let rows: Vec<Vec<String>> = s
        .models
        .iter()
        .map(|m| {
            let c = &m.scrutiny_papers;
            vec![
                m.model.clone(),
                m.developer_team.as_str().to_string(),
                m.accessibility.as_str().to_string(),
                fmt_opt(m.release_year),
                m.influential_because.join("+"),
                m.papers_mentioning.to_string(),
                c.academic_only.to_string(),
                c.industry_only.to_string(),
                c.collaboration.to_string(),
                c.other.to_string(),
                c.unknown.to_string(),
                fmt_share(&m.academic_share),
                fmt_opt(m.first_academic_scrutiny_year),
                fmt_opt(m.years_to_first_academic_scrutiny),
            ]
        })
        .collect();
    emit(args.common.format, &header, &rows)?;
    if args.common.format == OutputFormat::Table {
        println!();
        let rows: Vec<Vec<String>> = s
            .by_accessibility
            .iter()
            .map(|b| {
                vec![
                    format!("{:?}", b.accessibility_class).to_lowercase(),
                    b.models.to_string(),
                    b.scrutiny_papers.total().to_string(),
                    fmt_share(&b.academic_share),
                    b.median_years_to_first_academic_scrutiny.map_or_else(String::new, |m| format!("{m:.1}")),
                    b.models_without_academic_scrutiny.to_string(),
                ]
            })
            .collect();
        print_table(
            &[
                "accessibility",
                "models",
                "scrutiny_papers",
                "academic_share",
                "median_years_to_first",
                "never_by_academia",
            ],
            &rows,
        );
        println!();
        let rows: Vec<Vec<String>> = s
            .rai_shares
            .iter()
            .map(|r| {
                vec![
                    r.category.clone(),
                    r.year.to_string(),
                    r.papers.total().to_string(),
                    fmt_share(&r.academic_only),
                    fmt_share(&r.industry_involved),
                ]
            })
            .collect();
        print_table(&["category", "year", "papers", "academic_only", "industry_involved"], &rows);
    }
    Ok(())
}
