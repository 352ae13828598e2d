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
use cd_ingest::locate::{locate, DataDir};
use cd_report::figure::{Axis, Figure, Interval, Layer, Panel, Point, Series};
use cd_report::palette;
use cd_report::scale::AxisKind;
use cd_report::table::Table;
use cd_report::{FigureBlock, Section};
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

/// Prints a blank line, then `items` as a table under `header`, one row per item made by `row` (the
/// secondary tables of the table format).
fn print_subtable<T>(header: &[&str], items: &[T], row: impl Fn(&T) -> Vec<String>) {
    println!();
    let rows: Vec<Vec<String>> = items.iter().map(row).collect();
    print_table(header, &rows);
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
    prepare_from(&dir, table.papers, table.report, &args.models, defs)
}

/// `prepare` from papers already read and classified (teams under `defs`).
fn prepare_from(
    dir: &DataDir,
    papers: Vec<Paper>,
    report: ReadReport,
    model_files: &[PathBuf],
    defs: Definitions,
) -> anyhow::Result<Prepared> {
    let models = load_all_models(dir, model_files, &defs)?;
    Ok(prepare_with(papers, report, models, defs))
}

/// `prepare` from papers and Epoch tables already read and classified.
fn prepare_with(papers: Vec<Paper>, report: ReadReport, models: Models, defs: Definitions) -> Prepared {
    let catalogue = catalogue_of(&models);
    let table = detect_uses(&papers, &catalogue, &defs);
    Prepared { papers, report, models, catalogue, table, defs }
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
    emit(args.common.format, &header, &rows)?;
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

// ------------------------------------------------------------------------------------------------
// The report's sections

/// The report's "Adoption" and "Scrutiny" sections from the AI Index papers already read and classified
/// (teams under `defs`) and the Epoch tables of [`epoch_tables`], already read and classified, in that
/// order (as `adoption` and `scrutiny` without `--models`): `(file path, models, read report)`. For
/// `ReportInput::adoption` and `ReportInput::scrutiny`.
pub fn adoption_scrutiny_sections(
    papers: Vec<Paper>,
    report: ReadReport,
    tables: Vec<(PathBuf, Vec<ClassifiedModel>, ReadReport)>,
    defs: &Definitions,
) -> anyhow::Result<(Section, Section)> {
    let tables = tables
        .into_iter()
        .map(|(p, m, r)| (p.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string(), m, r))
        .collect();
    let p = prepare_with(papers, report, Models { tables }, defs.clone());
    let a = adoption(&p.papers, &p.table, &p.catalogue, &p.defs);
    let s = scrutiny(&p.papers, &p.table, &p.catalogue, &p.defs);
    let summary = summarise(&p.table, &a, &s);
    let lineage_academic = lineage_rows(&p);
    Ok((adoption_section(&a, &summary, &lineage_academic)?, scrutiny_section(&s, &summary)?))
}

fn share_num(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:.4}"))
}

type Measure = fn(&cd_analysis::adoption::academic_adoption::AdoptionYear) -> &ShareEstimate;

fn adoption_section(
    a: &cd_analysis::adoption::AdoptionResult,
    summary: &cd_analysis::adoption::AdoptionSummary,
    lineage_academic: &[LineageRow],
) -> anyhow::Result<Section> {
    let mut section = Section::new("adoption", "Adoption: academic research built on industry models");
    let measures: [(&str, &str, f64, Measure); 3] = [
        ("Any industry model", palette::ALL_MODELS, 0.0, |y| &y.builds_on_industry),
        ("Open-weights industry model", palette::OPEN, -0.12, |y| &y.builds_on_industry_open),
        ("Closed industry model (API, hosted, unreleased)", palette::CLOSED, 0.12, |y| {
            &y.builds_on_industry_closed
        }),
    ];
    let mut layers = Vec::new();
    let mut data = Table::new(
        "adoption_by_accessibility",
        "Academic-only papers that build on an industry-developed model, by year and accessibility",
        &["year", "academic_papers", "measure", "count", "share", "ci95_low", "ci95_high"],
    );
    for (label, color, offset, get) in measures {
        let series = Series::new(label, color);
        let pts: Vec<(i32, &ShareEstimate)> = a.years.iter().map(|y| (y.year, get(y))).collect();
        layers.push(Layer::ErrorBars {
            series: series.clone(),
            intervals: pts
                .iter()
                .filter_map(|(y, s)| Some(Interval { at: *y as f64 + offset, lo: s.low?, hi: s.high? }))
                .collect(),
            horizontal: false,
        });
        layers.push(Layer::Line {
            series: series.clone(),
            points: pts.iter().filter_map(|(y, s)| Some((*y as f64 + offset, s.share?))).collect(),
            dashed: false,
        });
        layers.push(Layer::Points {
            series,
            points: pts
                .iter()
                .filter_map(|(y, s)| {
                    Some(Point {
                        x: *y as f64 + offset,
                        y: s.share?,
                        title: format!(
                            "{y}, {}: {} of {} academic-only papers ({:.1}%, 95% CI {:.1}–{:.1}%)",
                            label.to_lowercase(),
                            s.count,
                            s.total,
                            100.0 * s.share?,
                            100.0 * s.low?,
                            100.0 * s.high?
                        ),
                    })
                })
                .collect(),
            hollow: false,
            radius: 3.5,
        });
        for (y, s) in &pts {
            data.push(vec![
                y.to_string(),
                s.total.to_string(),
                label.to_string(),
                s.count.to_string(),
                share_num(s.share),
                share_num(s.low),
                share_num(s.high),
            ]);
        }
    }
    // The vertical axis covers the intervals of the years with at least 20 papers; a year with two papers
    // has an interval up to 66% that would flatten everything else (it is clipped, and in the table).
    let max_hi = a
        .years
        .iter()
        .filter(|y| y.academic_papers >= 20)
        .filter_map(|y| y.builds_on_industry.high)
        .fold(0.05f64, f64::max);
    let (y0, y1) = a.years.iter().fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y.year), hi.max(y.year)));
    let mut fig =
        Figure::new("adoption_by_accessibility", "Academic-only papers building on industry models");
    fig.panel_height = 340.0;
    let mut x = Axis::new("Publication year", AxisKind::Year);
    if y0 <= y1 {
        x = x.domain(y0 as f64 - 0.5, y1 as f64 + 0.5);
    }
    fig.panels.push(Panel {
        title: None,
        x,
        y: Axis::new("Share of academic-only papers", AxisKind::Percent)
            .domain(0.0, (max_hi * 1.15).min(1.0)),
        layers,
    });
    let few: Vec<String> = a
        .years
        .iter()
        .filter(|y| y.academic_papers < 20)
        .map(|y| format!("{}: {} papers", y.year, y.academic_papers))
        .collect();
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Share of academic-only papers (AI Index responsible-AI files) that fine-tune, prompt, compress \
             or extend at least one industry-developed model named in their title, abstract or keywords, by \
             year, split by the model's accessibility, with 95% Wilson intervals ({} academic-only papers; \
             {} papers of unknown team left out). The vertical axis covers the years with at least 20 \
             papers{}.",
            a.academic_papers,
            a.papers_unknown_team,
            if few.is_empty() {
                String::new()
            } else {
                format!("; intervals of the others ({}) are cut at the top", few.join(", "))
            }
        ),
        claim: "Academic research turned towards open pre-trained models built by industry (Besiroglu et \
                al. 2024)."
            .into(),
    });
    data.json = serde_json::to_value(&a.years)?;
    data.in_html = false; // the figure's data, as files only
    section.tables.push(data);
    section.paragraphs.push("What the data show, and do not show:".into());
    for f in &summary.findings {
        section.paragraphs.push(f.clone());
    }
    for c in &summary.caveats {
        section.paragraphs.push(format!("Caveat: {c}"));
    }
    let with_base: usize = lineage_academic.iter().map(|r| r.n_with_base).sum();
    let industry_base: usize = lineage_academic.iter().map(|r| r.n_base_industry).sum();
    let models: usize = lineage_academic.iter().map(|r| r.n_models).sum();
    section.paragraphs.push(format!(
        "Lineage beside adoption: of {models} academic-only notable Epoch models (newest all-models \
         table), {with_base} name a base model and {industry_base} of those bases were built by industry \
         (the lineage figure of the section on open models; rows by year in the last table below). Papers \
         show what academia uses; lineage shows what it releases."
    ));
    let mut t = Table::new(
        "adoption_top_models",
        "Industry models adopted most by academic-only papers, by year",
        &["year", "rank", "model", "developer_team", "accessibility", "academic_papers"],
    );
    for m in &a.top_models {
        t.push(vec![
            m.year.to_string(),
            m.rank.to_string(),
            m.model.clone(),
            m.developer_team.as_str().to_string(),
            m.accessibility.as_str().to_string(),
            m.academic_papers.to_string(),
        ]);
    }
    t.json = serde_json::to_value(&a.top_models)?;
    section.tables.push(t);
    let mut t = Table::new(
        "adoption_lineage_academic",
        "Academic-only notable models built on a base model, by year (Epoch's Base model field)",
        &["year", "models", "with_base", "base_resolved", "base_industry", "share_industry_base"],
    );
    for r in lineage_academic {
        t.push(vec![
            r.year.to_string(),
            r.n_models.to_string(),
            r.n_with_base.to_string(),
            r.n_base_resolved.to_string(),
            r.n_base_industry.to_string(),
            r.share_industry_base.map_or(String::new(), |v| cd_report::table::fmt_pct(v, 1)),
        ]);
    }
    t.json = serde_json::to_value(lineage_academic)?;
    section.tables.push(t);
    Ok(section)
}

/// Team kinds of the dot plot, in legend order (`Unknown` stands for other or unknown).
const DOT_TEAMS: [TeamKind; 4] =
    [TeamKind::AcademicOnly, TeamKind::IndustryOnly, TeamKind::Collaboration, TeamKind::Unknown];

type ModelScrutiny = cd_analysis::adoption::scrutiny::ModelScrutiny;

fn class_name(class: cd_domain::AccessibilityClass) -> &'static str {
    match class {
        cd_domain::AccessibilityClass::Open => "open",
        cd_domain::AccessibilityClass::Closed => "closed",
        cd_domain::AccessibilityClass::Unknown => "unknown",
    }
}

fn scrutiny_section(
    s: &cd_analysis::adoption::ScrutinyResult,
    summary: &cd_analysis::adoption::AdoptionSummary,
) -> anyhow::Result<Section> {
    let mut section = Section::new("scrutiny", "Scrutiny: who evaluates the influential models");
    // Dot plot: one row per model, in the result's order from the top (category 0 is the top row).
    let models: Vec<&ModelScrutiny> = s.models.iter().collect();
    let labels: Vec<String> =
        models.iter().map(|m| format!("{} ({})", m.model, class_name(m.accessibility.class()))).collect();
    let mut layers = Vec::new();
    let mut data = Table::new(
        "scrutiny_models",
        "Papers that evaluate, examine or audit each influential model, by team kind",
        &["model", "accessibility", "release_year", "team", "papers"],
    );
    for (k, team) in DOT_TEAMS.iter().enumerate() {
        let count = |m: &ModelScrutiny| {
            let c = &m.scrutiny_papers;
            match team {
                TeamKind::AcademicOnly => c.academic_only,
                TeamKind::IndustryOnly => c.industry_only,
                TeamKind::Collaboration => c.collaboration,
                _ => c.other + c.unknown,
            }
        };
        let label = if *team == TeamKind::Unknown {
            "Other or unknown team".to_string()
        } else {
            palette::team_label(*team).to_string()
        };
        let offset = (k as f64 - 1.5) * 0.12;
        layers.push(Layer::Points {
            series: Series::new(label.clone(), palette::team_color(*team)),
            points: models
                .iter()
                .enumerate()
                .filter(|(_, m)| count(m) > 0)
                .map(|(i, m)| Point {
                    x: count(m) as f64,
                    y: i as f64 + offset,
                    title: format!("{}: {} scrutinising papers, {}", m.model, count(m), label.to_lowercase()),
                })
                .collect(),
            hollow: false,
            radius: 4.0,
        });
        for m in &s.models {
            data.push(vec![
                m.model.clone(),
                m.accessibility.as_str().to_string(),
                fmt_opt(m.release_year),
                label.clone(),
                count(m).to_string(),
            ]);
        }
    }
    let max_count = s
        .models
        .iter()
        .map(|m| {
            let c = &m.scrutiny_papers;
            [c.academic_only, c.industry_only, c.collaboration, c.other + c.unknown]
                .into_iter()
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0) as f64;
    let mut fig = Figure::new("scrutiny_models", "Who scrutinises each influential model");
    fig.panel_height = (22.0 * models.len() as f64 + 90.0).max(260.0);
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("Papers that evaluate, examine or audit the model", AxisKind::Linear)
            .domain(0.0, max_count + 1.0),
        y: Axis::new("", AxisKind::Category(labels)),
        layers,
    });
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "One row per influential model ({} models: frontier or large-scale in Epoch's data, or among the \
             most mentioned), with its accessibility; each point is the number of AI Index responsible-AI \
             papers by one kind of team that evaluate, examine or audit it (use types from the abstract). A \
             kind of team with no such paper has no point.",
            s.models.len()
        ),
        claim: "Academia's share of the critical evaluation and scrutiny of influential models is at risk \
                (Besiroglu et al. 2024)."
            .into(),
    });
    data.json = serde_json::to_value(&s.models)?;
    data.in_html = false; // the figure's data, as files only
    section.tables.push(data);

    let mut t = Table::new(
        "scrutiny_by_model",
        "Scrutiny of each influential model: papers by team kind, academic-only share, first academic scrutiny",
        &[
            "model",
            "accessibility",
            "released",
            "academic_only",
            "industry_only",
            "collaboration",
            "other_or_unknown",
            "academic_only_share",
            "years_to_first_academic",
        ],
    );
    for m in &s.models {
        let c = &m.scrutiny_papers;
        t.push(vec![
            m.model.clone(),
            m.accessibility.as_str().to_string(),
            fmt_opt(m.release_year),
            c.academic_only.to_string(),
            c.industry_only.to_string(),
            c.collaboration.to_string(),
            (c.other + c.unknown).to_string(),
            fmt_share(&m.academic_share),
            fmt_opt(m.years_to_first_academic_scrutiny),
        ]);
    }
    t.json = serde_json::to_value(&s.models)?;
    section.tables.push(t);

    // Time to first academic scrutiny by accessibility.
    let classes = [
        (cd_domain::AccessibilityClass::Open, "Open weights", palette::OPEN),
        (cd_domain::AccessibilityClass::Closed, "Closed (API, hosted, unreleased)", palette::CLOSED),
    ];
    let mut layers = Vec::new();
    let mut data = Table::new(
        "scrutiny_time_to_first",
        "Years from release to the first academic-only scrutiny, by accessibility",
        &["model", "accessibility", "release_year", "first_academic_scrutiny_year", "years"],
    );
    let mut lanes = Vec::new();
    for (lane, (class, label, color)) in classes.iter().enumerate() {
        lanes.push(label.to_string());
        let ms: Vec<&ModelScrutiny> = s.models.iter().filter(|m| m.accessibility.class() == *class).collect();
        // Models with the same lag are spread vertically so that every one is seen.
        let mut seen: std::collections::BTreeMap<i32, usize> = Default::default();
        let points: Vec<Point> = ms
            .iter()
            .filter_map(|m| Some((m, m.years_to_first_academic_scrutiny?)))
            .map(|(m, y)| {
                let k = seen.entry(y).or_default();
                let dy = (*k as f64) * 0.08 - 0.25;
                *k += 1;
                Point {
                    x: y as f64,
                    y: lane as f64 + dy,
                    title: format!(
                        "{}: released {}, first academic-only scrutiny {} ({} years)",
                        m.model,
                        fmt_opt(m.release_year),
                        fmt_opt(m.first_academic_scrutiny_year),
                        y
                    ),
                }
            })
            .collect();
        layers.push(Layer::Points {
            series: Series::new(*label, *color),
            points,
            hollow: false,
            radius: 3.5,
        });
        if let Some(b) = s.by_accessibility.iter().find(|b| b.accessibility_class == *class) {
            if let Some(med) = b.median_years_to_first_academic_scrutiny {
                layers.push(Layer::Points {
                    series: Series::new("Median of the accessibility class", palette::BLACK),
                    points: vec![Point {
                        x: med,
                        y: lane as f64 + 0.3,
                        title: format!(
                            "{label}: median {med:.1} years over {} models; {} never scrutinised by an \
                             academic-only paper",
                            b.models - b.models_without_academic_scrutiny,
                            b.models_without_academic_scrutiny
                        ),
                    }],
                    hollow: true,
                    radius: 6.0,
                });
            }
        }
        for m in &ms {
            data.push(vec![
                m.model.clone(),
                m.accessibility.as_str().to_string(),
                fmt_opt(m.release_year),
                fmt_opt(m.first_academic_scrutiny_year),
                fmt_opt(m.years_to_first_academic_scrutiny),
            ]);
        }
    }
    let max_years =
        s.models.iter().filter_map(|m| m.years_to_first_academic_scrutiny).max().unwrap_or(1).max(1) as f64;
    let mut fig = Figure::new("scrutiny_time_to_first", "Time from release to the first academic scrutiny");
    fig.panel_height = 240.0;
    fig.panels.push(Panel {
        title: None,
        x: Axis::new(
            "Years from release to the first academic-only paper that scrutinises the model",
            AxisKind::Linear,
        )
        .domain(-0.5, max_years + 0.5),
        y: Axis::new("", AxisKind::Category(lanes)),
        layers,
    });
    let never: Vec<String> = s
        .by_accessibility
        .iter()
        .filter(|b| b.models > 0)
        .map(|b| {
            format!(
                "{} of {} {}",
                b.models_without_academic_scrutiny,
                b.models,
                class_name(b.accessibility_class)
            )
        })
        .collect();
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Whole years from a model's release to the first academic-only paper that evaluates, examines \
             or audits it, one point per influential model, by accessibility; hollow circles are the \
             medians. Models never scrutinised by an academic-only paper in these data have no point ({}). \
             The papers start in 2018, so older models (AlexNet, VGG, ResNet) show long lags by \
             construction.",
            never.join(", ")
        ),
        claim: "If closed models are harder for academia to examine, academic scrutiny of them should come \
                later, or not at all."
            .into(),
    });
    data.json = serde_json::to_value(&s.by_accessibility)?;
    data.in_html = false; // the figure's data, as files only
    section.tables.push(data);
    for f in summary.findings.iter().filter(|f| f.starts_with("Scrutiny")) {
        section.paragraphs.push(f.clone());
    }
    section.paragraphs.push(
        "These counts come from the AI Index responsible-AI papers only (2018\u{2013}2023), from titles and \
         abstracts; they describe who publishes scrutiny at those venues, not all scrutiny of the models. \
         Intervals are 95% Wilson intervals; the caveats of the adoption section apply."
            .into(),
    );
    let mut t = Table::new(
        "scrutiny_rai_shares",
        "Responsible-AI papers of the AI Index: academic-only and industry-involved shares by category and \
         year",
        &["category", "year", "papers", "academic_only", "industry_involved"],
    );
    for r in &s.rai_shares {
        t.push(vec![
            r.category.clone(),
            r.year.to_string(),
            r.papers.total().to_string(),
            fmt_share(&r.academic_only),
            fmt_share(&r.industry_involved),
        ]);
    }
    t.json = serde_json::to_value(&s.rai_shares)?;
    section.tables.push(t);
    Ok(section)
}
