//! `topics`, `representation`, `thematic` and `annotated`: research topics of papers, academic-only
//! representation by topic against compute intensity, thematic differences, annotated-paper compute.
//!
//! Papers come as for `papers` (`--input FILE...`, `--input-format`; default: the shipped conference
//! author list and AI Index files, and Paper Copilot's lists, with papers in several sources kept once:
//! `cd_analysis::corpus`).
//! Each command reads, classifies and assigns topics here, then calls the pure analyses of
//! `cd_analysis::topics` and prints.

use crate::commands::papers::PaperInputArgs;
use crate::common::{print_json, print_listing, usage, DataArgs, OutputFormat};
use crate::pipeline;
use crate::pipeline::ShippedPapers;
use cd_analysis::topics::annotated::{annotated_compute, parse_annotated_csv};
use cd_analysis::topics::corpus::{assign_topics, policy_papers, topic_corpus, topic_papers, TopicCorpus};
use cd_analysis::topics::intensity::{compute_intensity, IntensityTable};
use cd_analysis::topics::representation::{foundation_series, representation, RepresentationOptions};
use cd_analysis::topics::thematic::{thematic, Side, ThematicDoc};
use cd_classify::paper::paper_team;
use cd_domain::{Definitions, TeamKind};
use cd_ingest::locate::{locate, DataDir};
use cd_report::listing::topics as listing;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct TopicsArgs {
    #[command(flatten)]
    pub input: PaperInputArgs,
    /// Print the compute intensity of every topic (median and IQR of log10 training FLOP of the notable
    /// Epoch models mapped to it, per period) instead of the papers.
    #[arg(long)]
    pub intensity: bool,
    /// Epoch table for --intensity (default: as `models`).
    #[arg(long, value_name = "FILE")]
    pub models: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Debug, clap::Args)]
pub struct RepresentationArgs {
    #[command(flatten)]
    pub input: PaperInputArgs,
    /// Epoch table whose notable models give the compute intensity (default: as `models`).
    #[arg(long, value_name = "FILE")]
    pub models: Option<PathBuf>,
    /// Minimum papers of known team per topic in the first and the last period for the regression.
    #[arg(long, value_name = "N")]
    pub min_papers: Option<usize>,
    /// Minimum notable Epoch models with compute for a topic to have a compute intensity.
    #[arg(long, value_name = "N")]
    pub min_models: Option<usize>,
    /// Which models give the x: `all` (every period pooled) or one period label (e.g. `2022+`).
    #[arg(long, value_name = "all|PERIOD", default_value = "all")]
    pub intensity_period: String,
    /// First period of the comparison (a period label; default: the first period with papers).
    #[arg(long, value_name = "PERIOD")]
    pub first_period: Option<String>,
    /// Last period of the comparison (default: the last period with papers).
    #[arg(long, value_name = "PERIOD")]
    pub last_period: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Debug, clap::Args)]
pub struct ThematicArgs {
    #[command(flatten)]
    pub input: PaperInputArgs,
    /// Terms listed on each side per period (default from the definitions: `thematic_top`, 15).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Terms with fewer occurrences (both sides together) are not listed (default from the definitions:
    /// `thematic_min_count`, 10).
    #[arg(long, value_name = "N")]
    pub min_count: Option<u64>,
    /// Total weight α₀ of the informative Dirichlet prior (default from the definitions: 1000).
    #[arg(long, value_name = "ALPHA0")]
    pub prior_scale: Option<f64>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Debug, clap::Args)]
pub struct AnnotatedArgs {
    /// Annotated-paper CSV (columns paper_id, topic, industry_coauthor, [chinese_lab_coauthor],
    /// [training_flop], [year, venue, title]; see docs/topics.md).
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    #[command(flatten)]
    pub definitions: crate::definitions_args::DefinitionArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// The corpus of the loaded papers (`cd_analysis::topics::corpus`) and the data folder, if any.
fn load_corpus(data: &DataArgs, args: &PaperInputArgs) -> anyhow::Result<(TopicCorpus, Option<DataDir>)> {
    let defs = args.definitions()?;
    let loaded = args.load(data, ShippedPapers::All, true, &defs)?;
    let topics = assign_topics(&loaded.table.papers, &defs);
    Ok((topic_corpus(loaded.table.papers, topics, loaded.table.report, defs), loaded.data))
}

fn load_intensity(
    data: Option<&DataDir>,
    models: Option<&PathBuf>,
    defs: &Definitions,
) -> anyhow::Result<(IntensityTable, pipeline::LoadedModels)> {
    let dir = data.ok_or_else(|| {
        anyhow::anyhow!("no data folder: pass --data DIR (Epoch tables give compute intensity)")
    })?;
    let loaded = pipeline::load_models(dir, models.map(|p| p.as_path()), defs)?;
    Ok((compute_intensity(&loaded.models, defs), loaded))
}

pub fn run_topics(data: &DataArgs, args: TopicsArgs) -> anyhow::Result<()> {
    if args.intensity {
        let defs = args.input.definitions.load()?;
        let dir = locate(data.data.as_deref()).map_err(|e| anyhow::anyhow!("{e}"))?;
        let (table, loaded) = load_intensity(Some(&dir), args.models.as_ref(), &defs)?;
        if args.format == OutputFormat::Json {
            let file = loaded.path.display().to_string();
            return print_json(&listing::IntensityJson {
                models_file: file,
                counts: (&loaded.report).into(),
                table: &table,
            });
        }
        eprintln!(
            "{}: {} notable models with compute in the periods, {} mapped to no topic",
            loaded.path.display(),
            table.models_with_compute,
            table.models_unmapped
        );
        return print_listing(args.format, &listing::intensity(&table));
    }
    let (c, _) = load_corpus(data, &args.input)?;
    let teams: Vec<&'static str> = c.papers.iter().map(|p| paper_team(p, &c.defs).kind.as_str()).collect();
    let out = listing::topics_json(&c, &teams);
    if args.format == OutputFormat::Json {
        return print_json(&out);
    }
    eprintln!("{}", listing::read_summary(&c.report, c.duplicates_dropped));
    for k in &out.counts {
        eprintln!("  {:<24} {:>6} papers", k.topic.id(), k.papers);
    }
    print_listing(args.format, &listing::topic_papers(&out.papers, args.format == OutputFormat::Table))
}

pub fn run_representation(data: &DataArgs, args: RepresentationArgs) -> anyhow::Result<()> {
    // Check the period flags before the (slow) read.
    let early = args.input.definitions.load()?;
    let labels = early.periods.iter().map(|p| p.label.as_str()).collect::<Vec<_>>();
    for (flag, value, all_ok) in [
        ("--intensity-period", Some(&args.intensity_period), true),
        ("--first-period", args.first_period.as_ref(), false),
        ("--last-period", args.last_period.as_ref(), false),
    ] {
        if let Some(v) = value {
            if !(labels.contains(&v.as_str()) || (all_ok && v == "all")) {
                let allowed = if all_ok { format!("all, {}", labels.join(", ")) } else { labels.join(", ") };
                return Err(usage(format!("{flag}: {v:?}; allowed: {allowed}")));
            }
        }
    }
    let options = RepresentationOptions {
        intensity_period: args.intensity_period.clone(),
        first_period: args.first_period.clone(),
        last_period: args.last_period.clone(),
    };
    let (mut c, dir) = load_corpus(data, &args.input)?;
    if let Some(n) = args.min_papers {
        c.defs.topic_min_papers = n;
    }
    if let Some(n) = args.min_models {
        c.defs.topic_min_models = n;
    }
    let (intensity, loaded) = load_intensity(dir.as_ref(), args.models.as_ref(), &c.defs)?;
    let policies = policy_papers(&c, paper_team);
    let rep = representation(&policies, &intensity, &options, &c.defs);
    let default_papers = policies.iter().find(|p| p.policy == rep.rows_policy).map_or(&[][..], |p| &p.papers);
    let foundation = foundation_series(default_papers, &loaded.models, &c.defs);
    match args.format {
        OutputFormat::Json => {
            let models = (loaded.path.display().to_string(), &loaded.report);
            print_json(&listing::representation_json(&c, models, &rep, &intensity, &foundation))
        }
        f => {
            eprintln!("{}", listing::read_summary(&c.report, c.duplicates_dropped));
            if f == OutputFormat::Table {
                println!(
                    "Change in academic-only share (last − first period) regressed on compute intensity"
                );
                print_listing(OutputFormat::Table, &listing::representation_fits(&rep))?;
                println!();
                println!(
                    "Academic-only share by topic and period (unknown authors: {})",
                    rep.rows_policy.as_str()
                );
            }
            print_listing(f, &listing::representation_rows(&rep))?;
            if f == OutputFormat::Table {
                println!();
                println!(
                    "Foundation models: academic-only share of language/foundation-model papers and of Epoch models \
                     ({})",
                    foundation.model_selection
                );
                print_listing(OutputFormat::Table, &listing::foundation(&foundation))?;
            }
            Ok(())
        }
    }
}

pub fn run_thematic(data: &DataArgs, args: ThematicArgs) -> anyhow::Result<()> {
    let (mut c, _) = load_corpus(data, &args.input)?;
    if let Some(a) = args.prior_scale {
        if !(a.is_finite() && a > 0.0) {
            return Err(usage(format!("--prior-scale: {a} must be a positive number")));
        }
        c.defs.thematic_prior_scale = a;
    }
    let docs: Vec<ThematicDoc> = topic_papers(&c, c.defs.unknown_author_policy, paper_team)
        .into_iter()
        .zip(c.papers.iter().filter(|p| p.year.is_some()))
        .filter_map(|(tp, p)| {
            let side = if tp.academic_only(&c.defs) {
                Side::AcademicOnly
            } else if matches!(tp.team, TeamKind::IndustryOnly | TeamKind::Collaboration) {
                Side::IndustryInvolved
            } else {
                return None;
            };
            let text = format!("{} {}", p.title, p.abstract_text.as_deref().unwrap_or(""));
            Some(ThematicDoc { year: tp.year, side, text, topics: tp.topics })
        })
        .collect();
    let min_count = args.min_count.unwrap_or(c.defs.thematic_min_count);
    let res = thematic(&docs, &c.defs, min_count, args.top.unwrap_or(c.defs.thematic_top));
    match args.format {
        OutputFormat::Json => print_json(&listing::thematic_json(&c, &res)),
        f => {
            eprintln!("{}", listing::read_summary(&c.report, c.duplicates_dropped));
            if f == OutputFormat::Table {
                for p in &res.periods {
                    eprintln!(
                        "{}: {} academic-only, {} industry-involved papers",
                        p.period, p.papers_academic_only, p.papers_industry_involved
                    );
                }
            }
            print_listing(f, &listing::thematic(&res))
        }
    }
}

pub fn run_annotated(_data: &DataArgs, args: AnnotatedArgs) -> anyhow::Result<()> {
    let defs = args.definitions.load()?;
    let text = cd_ingest::read_text(&args.input).map_err(|e| anyhow::anyhow!("--input: {e}"))?;
    let name = args.input.display().to_string();
    let (papers, report) = parse_annotated_csv(&text, &name).map_err(|e| anyhow::anyhow!(e))?;
    let res = annotated_compute(&papers, &defs);
    match args.format {
        OutputFormat::Json => print_json(&listing::AnnotatedJson {
            counts: (&report).into(),
            rejections: &report.rejections,
            result: &res,
        }),
        f => {
            crate::common::print_read(&report);
            print_listing(f, &listing::annotated(&res))
        }
    }
}
