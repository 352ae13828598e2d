//! `topics`, `representation`, `thematic` and `annotated`: research topics of papers, academic-only
//! representation by topic against compute intensity, thematic differences, annotated-paper compute.
//!
//! Papers come as for `papers` (`--input FILE...`, `--input-format`; default: the shipped conference
//! author list and AI Index files, and Paper Copilot's lists, with papers in several sources kept once:
//! `cd_analysis::corpus`).
//! Each command reads, classifies and assigns topics here, then calls the pure analyses of
//! `cd_analysis::topics` and prints.

use crate::commands::papers::PaperInputArgs;
use crate::common::{print_csv, print_json, print_table, usage, DataArgs, OutputFormat};
use crate::pipeline;
use crate::pipeline::ShippedPapers;
use cd_analysis::topics::annotated::{annotated_compute, parse_annotated_csv};
use cd_analysis::topics::intensity::{compute_intensity, IntensityTable};
use cd_analysis::topics::representation::{
    foundation_series, representation, Counting, FoundationSeries, PolicyPapers, Representation,
    RepresentationFit, RepresentationOptions, ShareRow, TopicPaper,
};
use cd_analysis::topics::thematic::{thematic, Side, ThematicDoc};
use cd_analysis::topics::{OpenAlexTopic, Topic, TopicAssigner, TopicSet, TAXONOMY_VERSION};
use cd_classify::paper::paper_team;
use cd_domain::definitions::UnknownAuthorPolicy;
use cd_domain::{Definitions, Paper, ReadReport, TeamKind};
use cd_ingest::locate::{locate, DataDir};
use cd_ingest::papers::openalex::WorkTopic;
use cd_report::figure::{Axis, Figure, Interval, Layer, LegendItem, Panel, Point, Series, Swatch};
use cd_report::palette;
use cd_report::scale::AxisKind;
use cd_report::table::Table;
use cd_report::{FigureBlock, Section};
use rayon::prelude::*;
use serde::Serialize;
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
    /// Terms listed on each side per period.
    #[arg(long, value_name = "N", default_value_t = 15)]
    pub top: usize,
    /// Terms with fewer occurrences (both sides together) are not listed.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub min_count: u64,
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

fn to_openalex(t: &WorkTopic) -> OpenAlexTopic {
    OpenAlexTopic {
        display_name: t.display_name.clone(),
        subfield: t.subfield.clone().unwrap_or_default(),
        field: t.field.clone().unwrap_or_default(),
    }
}

/// Papers with their affiliations classified (teams not yet set), their topics, and the accounting.
struct TopicCorpus {
    papers: Vec<Paper>,
    topics: Vec<TopicSet>,
    report: ReadReport,
    /// Papers dropped because an earlier paper had the same year and title (shipped data overlap).
    duplicates_dropped: usize,
    defs: Definitions,
    data: Option<DataDir>,
}

fn load_corpus(data: &DataArgs, args: &PaperInputArgs) -> anyhow::Result<TopicCorpus> {
    let defs = args.definitions()?;
    let loaded = args.load(data, ShippedPapers::All, true, &defs)?;
    Ok(corpus_of(loaded.table, defs, loaded.data))
}

/// The topics of every paper of a table, in order. Pure text work (title, abstract, keywords, OpenAlex
/// topics): it needs no team, so the report runs it while the classifier is being built.
pub fn assign_topics(table: &cd_ingest::papers::PaperTable) -> Vec<TopicSet> {
    let assigner = TopicAssigner::default();
    // Pure per paper; the parallel collect keeps the papers' order.
    table
        .papers
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let oa: Vec<OpenAlexTopic> = table.openalex_topics_of(i).iter().map(to_openalex).collect();
            assigner.assign_paper(p, &oa)
        })
        .collect()
}

/// The corpus of classified papers: repeated (year, title) pairs dropped, topics assigned.
fn corpus_of(table: cd_ingest::papers::PaperTable, defs: Definitions, data: Option<DataDir>) -> TopicCorpus {
    let topics = assign_topics(&table);
    corpus_with_topics(table, topics, defs, data)
}

/// [`corpus_of`] with the topics of every paper of `table` already assigned ([`assign_topics`]).
fn corpus_with_topics(
    table: cd_ingest::papers::PaperTable,
    mut topics: Vec<TopicSet>,
    defs: Definitions,
    data: Option<DataDir>,
) -> TopicCorpus {
    let (mut papers, report) = (table.papers, table.report);
    // Papers in several sources count once (cd_analysis::corpus: normalised title, year and venue;
    // Paper Copilot before the conference list before the AI Index), then only the submissions the
    // definitions count (accepted ones by default).
    let (mut keep, _) = cd_analysis::corpus::deduplicate(&mut papers);
    let duplicates_dropped = keep.iter().filter(|k| !**k).count();
    for (k, p) in keep.iter_mut().zip(&papers) {
        *k = *k && cd_analysis::corpus::counted(p, &defs);
    }
    let mut it = keep.iter();
    papers.retain(|_| *it.next().unwrap());
    let mut it = keep.iter();
    topics.retain(|_| *it.next().unwrap());
    TopicCorpus { papers, topics, report, duplicates_dropped, defs, data }
}

/// The three unknown-author policies' papers (drop, as academic, as industry) of a corpus.
fn policy_papers(c: &TopicCorpus) -> Vec<PolicyPapers> {
    [UnknownAuthorPolicy::Drop, UnknownAuthorPolicy::AsAcademic, UnknownAuthorPolicy::AsIndustry]
        .into_iter()
        .map(|policy| PolicyPapers { policy, papers: topic_papers(c, policy) })
        .collect()
}

/// `TopicPaper`s of the corpus with teams under one policy.
fn topic_papers(c: &TopicCorpus, policy: UnknownAuthorPolicy) -> Vec<TopicPaper> {
    let defs = Definitions { unknown_author_policy: policy, ..c.defs.clone() };
    // Venues numbered in sorted order (the strata of the venue-adjusted fits).
    let mut venues: Vec<&str> = c.papers.iter().map(|p| p.venue.as_str()).collect();
    venues.sort_unstable();
    venues.dedup();
    let venue_index = |v: &str| venues.binary_search(&v).map_or(0, |i| i as u16);
    c.papers
        .iter()
        .zip(&c.topics)
        .filter_map(|(p, t)| {
            let team = paper_team(p, &defs);
            Some(TopicPaper {
                year: p.year?,
                topics: *t,
                team: team.kind,
                academic_share: team.shares.academia,
                leaning: team.leaning,
                venue: venue_index(&p.venue),
            })
        })
        .collect()
}

fn print_report_summary(r: &ReadReport, duplicates: usize) {
    eprintln!(
        "read {} rows: {} loaded, {} rejected; {} duplicate papers (same year and title) kept once",
        r.rows_read, r.rows_loaded, r.rows_rejected, duplicates
    );
}

fn fmt_opt(v: Option<f64>, digits: usize) -> String {
    v.map_or(String::new(), |v| format!("{v:.digits$}"))
}

fn fmt_ci(v: Option<[f64; 2]>, digits: usize) -> String {
    v.map_or(String::new(), |[a, b]| format!("[{a:.digits$}, {b:.digits$}]"))
}

fn output(format: OutputFormat, header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    if format == OutputFormat::Csv {
        print_csv(header, rows)
    } else {
        print_table(header, rows);
        Ok(())
    }
}

fn load_intensity(
    data: Option<&DataDir>,
    models: Option<&PathBuf>,
    defs: &Definitions,
) -> anyhow::Result<(IntensityTable, pipeline::LoadedModels)> {
    let dir = match data {
        Some(d) => d.clone(),
        None => {
            return Err(anyhow::anyhow!(
                "no data folder: pass --data DIR (Epoch tables give compute intensity)"
            ))
        }
    };
    let loaded = pipeline::load_models(&dir, models.map(|p| p.as_path()), defs)?;
    Ok((compute_intensity(&loaded.models, defs), loaded))
}

#[derive(Serialize)]
struct TopicsPaperOut<'a> {
    paper_id: &'a str,
    year: Option<i32>,
    venue: &'a str,
    title: &'a str,
    topics: TopicSet,
    team: &'static str,
}

#[derive(Serialize)]
struct TopicCount {
    topic: Topic,
    label: &'static str,
    papers: usize,
}

#[derive(Serialize)]
struct TopicsJson<'a> {
    taxonomy_version: &'static str,
    rows_read: usize,
    rows_loaded: usize,
    rows_rejected: usize,
    duplicates_dropped: usize,
    unknown_author_policy: UnknownAuthorPolicy,
    rejections: &'a [cd_domain::Rejection],
    counts: Vec<TopicCount>,
    papers_without_topic: usize,
    papers: Vec<TopicsPaperOut<'a>>,
}

pub fn run_topics(data: &DataArgs, args: TopicsArgs) -> anyhow::Result<()> {
    if args.intensity {
        let defs = args.input.definitions.load()?;
        let dir = locate(data.data.as_deref()).map_err(|e| anyhow::anyhow!("{e}"))?;
        let (table, loaded) = load_intensity(Some(&dir), args.models.as_ref(), &defs)?;
        if args.format == OutputFormat::Json {
            #[derive(Serialize)]
            struct J<'a> {
                models_file: String,
                rows_read: usize,
                rows_loaded: usize,
                rows_rejected: usize,
                #[serde(flatten)]
                table: &'a IntensityTable,
            }
            return print_json(&J {
                models_file: loaded.path.display().to_string(),
                rows_read: loaded.report.rows_read,
                rows_loaded: loaded.report.rows_loaded,
                rows_rejected: loaded.report.rows_rejected,
                table: &table,
            });
        }
        eprintln!(
            "{}: {} notable models with compute in the periods, {} mapped to no topic",
            loaded.path.display(),
            table.models_with_compute,
            table.models_unmapped
        );
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.topic.id().to_string(),
                    r.period.clone(),
                    r.models.to_string(),
                    fmt_opt(r.median_log10_flop, 2),
                    fmt_opt(r.q25_log10_flop, 2),
                    fmt_opt(r.q75_log10_flop, 2),
                ]
            })
            .collect();
        return output(args.format, &["topic", "period", "models", "median_log10_flop", "q25", "q75"], &rows);
    }
    let c = load_corpus(data, &args.input)?;
    let team_of = |p: &Paper| -> &'static str { paper_team(p, &c.defs).kind.as_str() };
    let counts: Vec<TopicCount> = Topic::ALL
        .iter()
        .map(|t| TopicCount {
            topic: *t,
            label: t.label(),
            papers: c.topics.iter().filter(|s| s.contains(*t)).count(),
        })
        .collect();
    let papers: Vec<TopicsPaperOut> = c
        .papers
        .iter()
        .zip(&c.topics)
        .map(|(p, t)| TopicsPaperOut {
            paper_id: &p.paper_id,
            year: p.year,
            venue: &p.venue,
            title: &p.title,
            topics: *t,
            team: team_of(p),
        })
        .collect();
    match args.format {
        OutputFormat::Json => print_json(&TopicsJson {
            taxonomy_version: TAXONOMY_VERSION,
            rows_read: c.report.rows_read,
            rows_loaded: c.report.rows_loaded,
            rows_rejected: c.report.rows_rejected,
            duplicates_dropped: c.duplicates_dropped,
            unknown_author_policy: c.defs.unknown_author_policy,
            rejections: &c.report.rejections,
            papers_without_topic: c.topics.iter().filter(|t| t.is_empty()).count(),
            counts,
            papers,
        }),
        f => {
            print_report_summary(&c.report, c.duplicates_dropped);
            for k in &counts {
                eprintln!("  {:<24} {:>6} papers", k.topic.id(), k.papers);
            }
            let rows: Vec<Vec<String>> = papers
                .iter()
                .map(|p| {
                    let title = if f == OutputFormat::Table && p.title.chars().count() > 70 {
                        format!("{}…", p.title.chars().take(69).collect::<String>())
                    } else {
                        p.title.to_string()
                    };
                    vec![
                        p.paper_id.to_string(),
                        p.year.map_or(String::new(), |y| y.to_string()),
                        p.venue.to_string(),
                        p.team.to_string(),
                        p.topics.to_ids(),
                        title,
                    ]
                })
                .collect();
            output(f, &["paper_id", "year", "venue", "team", "topics", "title"], &rows)
        }
    }
}

#[derive(Serialize)]
struct RepresentationJson<'a> {
    taxonomy_version: &'static str,
    rows_read: usize,
    rows_loaded: usize,
    rows_rejected: usize,
    duplicates_dropped: usize,
    models_file: String,
    models_rows_read: usize,
    rows_policy: UnknownAuthorPolicy,
    fits: &'a [RepresentationFit],
    venue_adjusted_fits: &'a [RepresentationFit],
    rows: &'a [ShareRow],
    intensity: &'a IntensityTable,
    foundation: &'a FoundationSeries,
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
    let mut c = load_corpus(data, &args.input)?;
    if let Some(n) = args.min_papers {
        c.defs.topic_min_papers = n;
    }
    if let Some(n) = args.min_models {
        c.defs.topic_min_models = n;
    }
    let (intensity, loaded) = load_intensity(c.data.as_ref(), args.models.as_ref(), &c.defs)?;
    let policies = policy_papers(&c);
    let rep = representation(&policies, &intensity, &options, &c.defs);
    let default_papers = policies.iter().find(|p| p.policy == rep.rows_policy).map_or(&[][..], |p| &p.papers);
    let foundation = foundation_series(default_papers, &loaded.models, &c.defs);
    match args.format {
        OutputFormat::Json => print_json(&RepresentationJson {
            taxonomy_version: TAXONOMY_VERSION,
            rows_read: c.report.rows_read,
            rows_loaded: c.report.rows_loaded,
            rows_rejected: c.report.rows_rejected,
            duplicates_dropped: c.duplicates_dropped,
            models_file: loaded.path.display().to_string(),
            models_rows_read: loaded.report.rows_read,
            rows_policy: rep.rows_policy,
            fits: &rep.fits,
            venue_adjusted_fits: &rep.venue_adjusted_fits,
            rows: &rep.rows,
            intensity: &intensity,
            foundation: &foundation,
        }),
        f => {
            print_report_summary(&c.report, c.duplicates_dropped);
            if f == OutputFormat::Table {
                println!(
                    "Change in academic-only share (last − first period) regressed on compute intensity"
                );
                let fits: Vec<Vec<String>> = rep
                    .fits
                    .iter()
                    .map(|fit| {
                        vec![
                            fit.policy.as_str().to_string(),
                            match fit.counting {
                                Counting::Full => "full",
                                Counting::Fractional => "fractional",
                            }
                            .to_string(),
                            format!("{} → {}", fit.first_period, fit.last_period),
                            fit.n_topics.to_string(),
                            fmt_opt(fit.slope, 4),
                            fmt_ci(fit.slope_ci95, 4),
                        ]
                    })
                    .collect();
                print_table(
                    &["policy", "counting", "periods", "topics", "slope_per_oom", "slope_ci95"],
                    &fits,
                );
                println!();
                println!(
                    "Academic-only share by topic and period (unknown authors: {})",
                    rep.rows_policy.as_str()
                );
            }
            let rows: Vec<Vec<String>> = rep
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.topic.id().to_string(),
                        r.period.clone(),
                        r.papers.to_string(),
                        r.papers_known_team.to_string(),
                        fmt_opt(r.academic_only_share, 3),
                        fmt_ci(r.academic_only_share_ci95, 3),
                        fmt_opt(r.academic_fractional_share, 3),
                        fmt_opt(r.compute_intensity_log10_flop, 2),
                    ]
                })
                .collect();
            output(
                f,
                &[
                    "topic",
                    "period",
                    "papers",
                    "known_team",
                    "academic_only_share",
                    "ci95",
                    "fractional_share",
                    "compute_intensity_log10_flop",
                ],
                &rows,
            )?;
            if f == OutputFormat::Table {
                println!();
                println!(
                    "Foundation models: academic-only share of language/foundation-model papers and of Epoch models \
                     ({})",
                    foundation.model_selection
                );
                let mut years: Vec<i32> =
                    foundation.papers.iter().chain(&foundation.models).map(|y| y.year).collect();
                years.sort();
                years.dedup();
                let cell = |series: &[cd_analysis::topics::representation::FoundationYear], year: i32| {
                    series.iter().find(|y| y.year == year).map_or(String::new(), |y| {
                        format!("{}/{} ({})", y.academic_only, y.count, fmt_opt(y.academic_only_share, 2))
                    })
                };
                let rows: Vec<Vec<String>> = years
                    .iter()
                    .map(|y| vec![y.to_string(), cell(&foundation.papers, *y), cell(&foundation.models, *y)])
                    .collect();
                print_table(&["year", "papers_academic_only", "models_academic_only"], &rows);
            }
            Ok(())
        }
    }
}

pub fn run_thematic(data: &DataArgs, args: ThematicArgs) -> anyhow::Result<()> {
    let mut c = load_corpus(data, &args.input)?;
    if let Some(a) = args.prior_scale {
        if !(a.is_finite() && a > 0.0) {
            return Err(usage(format!("--prior-scale: {a} must be a positive number")));
        }
        c.defs.thematic_prior_scale = a;
    }
    let docs: Vec<ThematicDoc> = topic_papers(&c, c.defs.unknown_author_policy)
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
    let res = thematic(&docs, &c.defs, args.min_count, args.top);
    match args.format {
        OutputFormat::Json => {
            #[derive(Serialize)]
            struct J<'a> {
                rows_read: usize,
                rows_loaded: usize,
                rows_rejected: usize,
                duplicates_dropped: usize,
                unknown_author_policy: UnknownAuthorPolicy,
                #[serde(flatten)]
                result: &'a cd_analysis::topics::thematic::Thematic,
            }
            print_json(&J {
                rows_read: c.report.rows_read,
                rows_loaded: c.report.rows_loaded,
                rows_rejected: c.report.rows_rejected,
                duplicates_dropped: c.duplicates_dropped,
                unknown_author_policy: c.defs.unknown_author_policy,
                result: &res,
            })
        }
        f => {
            print_report_summary(&c.report, c.duplicates_dropped);
            let mut rows = Vec::new();
            for p in &res.periods {
                let mut push = |kind: &str, s: &cd_analysis::topics::thematic::TermScore| {
                    rows.push(vec![
                        p.period.clone(),
                        kind.to_string(),
                        s.term.clone(),
                        s.count_academic.to_string(),
                        s.count_industry.to_string(),
                        format!("{:.3}", s.log_odds),
                        format!("{:.2}", s.z),
                    ])
                };
                for s in &p.top_academic {
                    push("term_academic_only", s);
                }
                for s in &p.top_industry {
                    push("term_industry_involved", s);
                }
                for s in &p.topics {
                    push("topic", s);
                }
            }
            if f == OutputFormat::Table {
                for p in &res.periods {
                    eprintln!(
                        "{}: {} academic-only, {} industry-involved papers",
                        p.period, p.papers_academic_only, p.papers_industry_involved
                    );
                }
            }
            output(f, &["period", "kind", "term", "count_academic", "count_industry", "log_odds", "z"], &rows)
        }
    }
}

pub fn run_annotated(_data: &DataArgs, args: AnnotatedArgs) -> anyhow::Result<()> {
    let defs = args.definitions.load()?;
    let bytes = std::fs::read(&args.input)
        .map_err(|e| usage(format!("--input: cannot read {}: {e}", args.input.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not UTF-8 (byte {}); save the CSV as UTF-8",
            args.input.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let name = args.input.display().to_string();
    let (papers, report) = parse_annotated_csv(&text, &name).map_err(|e| anyhow::anyhow!(e))?;
    let res = annotated_compute(&papers, &defs);
    match args.format {
        OutputFormat::Json => {
            #[derive(Serialize)]
            struct J<'a> {
                rows_read: usize,
                rows_loaded: usize,
                rows_rejected: usize,
                rejections: &'a [cd_domain::Rejection],
                #[serde(flatten)]
                result: &'a cd_analysis::topics::annotated::AnnotatedResult,
            }
            print_json(&J {
                rows_read: report.rows_read,
                rows_loaded: report.rows_loaded,
                rows_rejected: report.rows_rejected,
                rejections: &report.rejections,
                result: &res,
            })
        }
        f => {
            eprintln!(
                "read {} rows: {} loaded, {} rejected",
                report.rows_read, report.rows_loaded, report.rows_rejected
            );
            for r in report.rejections.iter().take(10) {
                eprintln!("  rejected {} row {} field '{}': {}", r.file, r.row, r.field, r.reason);
            }
            let rows: Vec<Vec<String>> = res
                .topics
                .iter()
                .map(|t| {
                    vec![
                        t.topic.clone(),
                        t.papers.to_string(),
                        t.papers_with_compute.to_string(),
                        t.industry_with_compute.to_string(),
                        t.academic_with_compute.to_string(),
                        t.ratio.map_or(String::new(), |r| format!("{r:.3e}")),
                        t.ratio_ci95.map_or(String::new(), |[a, b]| format!("[{a:.3e}, {b:.3e}]")),
                        t.mann_whitney.map_or(String::new(), |m| format!("{}", m.u1)),
                        t.mann_whitney.map_or(String::new(), |m| format!("{:.4}", m.p_value)),
                    ]
                })
                .collect();
            output(
                f,
                &[
                    "topic",
                    "papers",
                    "with_compute",
                    "industry",
                    "academic",
                    "geomean_ratio",
                    "ratio_ci95",
                    "mann_whitney_u",
                    "p_value",
                ],
                &rows,
            )
        }
    }
}

// ------------------------------------------------------------------------------------------------
// The report's section

/// The report's "Topics and compute intensity" section from already classified papers (`table`: the
/// shipped conference and AI Index papers, in that order, teams under `defs`), their topics
/// ([`assign_topics`] of `table`) and the analysed Epoch table's models (the compute intensity): the
/// same corpus, fits and rows as `representation` with its default options. For `ReportInput::topics`.
pub fn topics_section(
    table: cd_ingest::papers::PaperTable,
    topics: Vec<TopicSet>,
    models: &[cd_domain::ClassifiedModel],
    defs: &Definitions,
) -> anyhow::Result<Section> {
    let c = corpus_with_topics(table, topics, defs.clone(), None);
    let intensity = compute_intensity(models, &c.defs);
    let policies = policy_papers(&c);
    let rep = representation(&policies, &intensity, &RepresentationOptions::default(), &c.defs);
    let mut section = representation_section(&rep, &c)?;
    let sensitivity = intensity_sensitivity(&policies, &rep, models, &c.defs)?;
    section.paragraphs.push(sensitivity_paragraph(&sensitivity));
    section.tables.push(sensitivity);
    Ok(section)
}

/// The main fits (the definitions' unknown-author policy; raw and venue-adjusted, full and fractional)
/// with each topic's compute intensity taken from the models of each notability filter: which Epoch
/// models measure "compute intensity" is itself a disputed choice.
fn intensity_sensitivity(
    policies: &[PolicyPapers],
    rep_main: &Representation,
    models: &[cd_domain::ClassifiedModel],
    defs: &Definitions,
) -> anyhow::Result<Table> {
    use cd_domain::definitions::NotabilityFilter;
    let mut t = Table::new(
        "topics_fits_by_intensity_models",
        "The regression with compute intensity from the models of each notability filter",
        &["intensity_models", "estimate", "counting", "topics", "slope_per_oom", "slope_ci95"],
    );
    let main: Vec<PolicyPapers> =
        policies.iter().filter(|p| p.policy == defs.unknown_author_policy).cloned().collect();
    let mut json = Vec::new();
    for filter in [NotabilityFilter::Study, NotabilityFilter::AnyCriterion, NotabilityFilter::None] {
        let computed;
        let rep = if filter == defs.notability_filter {
            rep_main
        } else {
            let d = Definitions { notability_filter: filter, ..defs.clone() };
            let intensity = compute_intensity(models, &d);
            computed = representation(&main, &intensity, &RepresentationOptions::default(), defs);
            &computed
        };
        let name = serde_json::to_value(filter)?.as_str().unwrap_or("").to_string();
        for (estimate, fits) in [("raw", &rep.fits), ("venue_adjusted", &rep.venue_adjusted_fits)] {
            for f in fits.iter().filter(|f| f.policy == defs.unknown_author_policy) {
                t.push(vec![
                    name.clone(),
                    estimate.to_string(),
                    match f.counting {
                        Counting::Full => "full",
                        Counting::Fractional => "fractional",
                    }
                    .to_string(),
                    f.n_topics.to_string(),
                    f.slope.map_or(String::new(), pct_points),
                    f.slope_ci95
                        .map_or(String::new(), |[a, b]| format!("{} to {}", pct_points(a), pct_points(b))),
                ]);
                json.push(serde_json::json!({
                    "intensity_models": name, "estimate": estimate, "counting": f.counting,
                    "n_topics": f.n_topics, "slope": f.slope, "slope_ci95": f.slope_ci95,
                }));
            }
        }
    }
    t.json = serde_json::Value::Array(json);
    Ok(t)
}

/// The sentence under the sensitivity table: the sign of the main raw slope per notability filter.
fn sensitivity_paragraph(t: &Table) -> String {
    let main: Vec<String> = t
        .rows
        .iter()
        .filter(|r| r[1] == "raw" && r[2] == "full")
        .map(|r| format!("{} models: {} ({})", r[0], r[4], r[5]))
        .collect();
    format!(
        "Which Epoch models measure a topic's compute intensity is itself a disputed choice (table \
         topics_fits_by_intensity_models): raw, full counting, {}. When the slope changes sign with the \
         models used, the data do not settle the claim either way.",
        main.join("; ")
    )
}

/// The table of regression fits (one row per policy and counting); its JSON is the fits themselves.
fn fits_table(name: &str, title: &str, fits: &[RepresentationFit]) -> anyhow::Result<Table> {
    let mut t = Table::new(
        name,
        title,
        &[
            "unknown_authors",
            "counting",
            "periods",
            "topics",
            "slope_per_oom",
            "slope_ci95",
            "bootstrap_valid",
        ],
    );
    for f in fits {
        t.push(vec![
            f.policy.as_str().to_string(),
            match f.counting {
                Counting::Full => "full",
                Counting::Fractional => "fractional",
            }
            .to_string(),
            format!("{} → {}", f.first_period, f.last_period),
            f.n_topics.to_string(),
            f.slope.map_or(String::new(), pct_points),
            f.slope_ci95.map_or(String::new(), |[a, b]| format!("{} to {}", pct_points(a), pct_points(b))),
            f.bootstrap_valid.to_string(),
        ]);
    }
    t.json = serde_json::to_value(fits)?;
    Ok(t)
}

fn pct_points(v: f64) -> String {
    format!("{:+.1} pp", 100.0 * v)
}

/// The 95% interval of a topic's academic-only share in one period, drawn at `at`; `None` when the interval
/// or the position is undefined.
fn share_interval(r: &ShareRow, at: Option<f64>) -> Option<Interval> {
    let [lo, hi] = r.academic_only_share_ci95?;
    Some(Interval { at: at?, lo, hi })
}

/// A topic's academic-only share in one period as a point at `x`, titled with its counts.
fn share_point(r: &ShareRow, x: f64) -> Point {
    Point {
        x,
        y: r.academic_only_share.unwrap_or(f64::NAN),
        title: format!(
            "{}, {}: {} of {} papers of known team academic-only ({:.1}%)",
            r.topic_label,
            r.period,
            r.academic_only_papers,
            r.papers_known_team,
            100.0 * r.academic_only_share.unwrap_or(f64::NAN)
        ),
    }
}

fn representation_section(rep: &Representation, c: &TopicCorpus) -> anyhow::Result<Section> {
    let defs = &c.defs;
    let mut section = Section::new("topics", "Topics and compute intensity");
    let main = rep
        .fits
        .iter()
        .find(|f| f.policy == rep.rows_policy && f.counting == Counting::Full)
        .or_else(|| rep.fits.first());
    let with_intensity: Vec<&ShareRow> =
        rep.rows.iter().filter(|r| r.compute_intensity_log10_flop.is_some()).collect();
    let n_topics_intensity = {
        let mut t: Vec<Topic> = with_intensity.iter().map(|r| r.topic).collect();
        t.dedup();
        t.len()
    };
    let last_ai_index_note = "The venue mix changes between periods (Paper Copilot covers NeurIPS to 2021, \
         ICML 2023–24 but not 2020–22, ICLR to 2022; vision, robotics and theory venues throughout; the AI \
         Index files add a responsible-AI selection), so a topic's change can partly be a change of venues: \
         the shares are raw, not venue-adjusted.";

    // Figure 1: change in academic-only share against compute intensity, and the shares themselves. Both
    // panels share the x range of the topics with an intensity, half an order of magnitude around it.
    let (x_lo, x_hi) = with_intensity
        .iter()
        .filter_map(|r| r.compute_intensity_log10_flop)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    let (x_lo, x_hi) =
        if x_lo.is_finite() { ((x_lo - 0.25).floor(), (x_hi + 0.25).ceil()) } else { (18.0, 26.0) };
    let mut fig = Figure::new("topics_intensity", "Academic-only share and compute intensity by topic");
    fig.columns = 2;
    fig.width = 900.0;
    fig.panel_height = 380.0;
    let mut data1 = Table::new(
        "topics_intensity",
        "Topics of the regression: compute intensity, academic-only share in the first and last period",
        &[
            "topic",
            "compute_intensity_log10_flop",
            "first_period",
            "papers_first",
            "share_first",
            "last_period",
            "papers_last",
            "share_last",
            "change",
            "weight",
        ],
    );
    if let Some(fit) = main {
        let mut layers = Vec::new();
        if !fit.band.is_empty() {
            layers.push(Layer::Band {
                series: Series::new("Bootstrap 95% band of the fitted line", palette::GREY),
                points: fit
                    .band
                    .iter()
                    .map(|b| Interval { at: b.compute_intensity_log10_flop, lo: b.lo, hi: b.hi })
                    .collect(),
            });
        }
        if let (Some(slope), Some(intercept)) = (fit.slope, fit.intercept) {
            let xs = fit.points.iter().map(|p| p.compute_intensity_log10_flop);
            let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
            layers.push(Layer::Line {
                series: Series::new("Weighted least-squares fit", palette::BLACK),
                points: vec![(lo, intercept + slope * lo), (hi, intercept + slope * hi)],
                dashed: false,
            });
        }
        layers.push(Layer::HRule { y: 0.0, label: String::new() });
        let max_papers = fit.points.iter().map(|p| p.papers_first + p.papers_last).max().unwrap_or(1) as f64;
        for p in &fit.points {
            let n = p.papers_first + p.papers_last;
            layers.push(Layer::Points {
                series: Series::new("Topic", palette::BLUE),
                points: vec![Point {
                    x: p.compute_intensity_log10_flop,
                    y: p.change,
                    title: format!(
                        "{}: {:.1}% ({}, {} papers) → {:.1}% ({}, {} papers), change {}; median model \
                         10^{:.1} FLOP",
                        p.topic.label(),
                        100.0 * p.share_first,
                        fit.first_period,
                        p.papers_first,
                        100.0 * p.share_last,
                        fit.last_period,
                        p.papers_last,
                        pct_points(p.change),
                        p.compute_intensity_log10_flop
                    ),
                }],
                hollow: false,
                radius: 3.0 + 9.0 * (n as f64 / max_papers).sqrt(),
            });
            data1.push(vec![
                p.topic.id().to_string(),
                format!("{:.3}", p.compute_intensity_log10_flop),
                fit.first_period.clone(),
                p.papers_first.to_string(),
                format!("{:.4}", p.share_first),
                fit.last_period.clone(),
                p.papers_last.to_string(),
                format!("{:.4}", p.share_last),
                format!("{:.4}", p.change),
                format!("{:.3}", p.weight),
            ]);
        }
        let ys = fit.points.iter().map(|p| p.change).chain(fit.band.iter().flat_map(|b| [b.lo, b.hi]));
        let (ylo, yhi) = ys.fold((0.0f64, 0.0f64), |(a, b), y| (a.min(y), b.max(y)));
        let pad = 0.08 * (yhi - ylo).max(0.05);
        fig.panels.push(Panel {
            title: Some(format!("Change {} → {} (regression points)", fit.first_period, fit.last_period)),
            x: Axis::new("Median training compute of the topic's models (FLOP)", AxisKind::Log10)
                .domain(x_lo, x_hi),
            y: Axis::new("Change in academic-only share", AxisKind::Percent).domain(ylo - pad, yhi + pad),
            layers,
        });
    }
    // Panel 2: academic-only share in the first and the last period for every topic with an intensity.
    let periods: Vec<&str> = defs.periods.iter().map(|p| p.label.as_str()).collect();
    let (first_label, last_label) = match main {
        Some(f) => (f.first_period.clone(), f.last_period.clone()),
        None => (
            periods.first().map_or(String::new(), |s| s.to_string()),
            periods.last().map_or(String::new(), |s| s.to_string()),
        ),
    };
    let mut layers2 = Vec::new();
    for (label, color, hollow, dx) in
        [(&first_label, palette::SKY_BLUE, true, -0.02), (&last_label, palette::BLUE, false, 0.02)]
    {
        let rows: Vec<&&ShareRow> =
            with_intensity.iter().filter(|r| &r.period == label && r.academic_only_share.is_some()).collect();
        let series = Series::new(format!("Academic-only share, {label}"), color);
        layers2.push(Layer::ErrorBars {
            series: series.clone(),
            intervals: rows
                .iter()
                .filter_map(|r| share_interval(r, r.compute_intensity_log10_flop.map(|x| x + dx)))
                .collect(),
            horizontal: false,
        });
        layers2.push(Layer::Points {
            series,
            points: rows
                .iter()
                .map(|r| share_point(r, r.compute_intensity_log10_flop.unwrap_or(f64::NAN) + dx))
                .collect(),
            hollow,
            radius: 4.0,
        });
    }
    fig.panels.push(Panel {
        title: Some("Academic-only share, every topic with a compute intensity".into()),
        x: Axis::new("Median training compute of the topic's models (FLOP)", AxisKind::Log10)
            .domain(x_lo, x_hi),
        y: Axis::new("Academic-only share of papers", AxisKind::Percent).domain(0.0, 1.0),
        layers: layers2,
    });
    let claim = "Academic-only teams lost ground where research needs the most compute (Besiroglu et al. \
                 2024): the academic-only share should fall most in the most compute-intensive topics, a \
                 negative slope.";
    let caption = match main {
        Some(f) => format!(
            "Left: the change in the academic-only share of papers of known team between {} and {} for each \
             topic that has a compute intensity and at least {} papers in both periods ({} topics), against \
             the median training compute of the notable Epoch models mapped to the topic; point area grows \
             with the papers; the line is the weighted least-squares fit (weights: inverse variance of the \
             difference) and the band its pointwise 95% bootstrap band over papers. Slope {} per order of \
             magnitude (95% CI {}, unknown authors: {}). Right: the shares themselves with 95% Wilson \
             intervals. Our data: {}",
            f.first_period,
            f.last_period,
            defs.topic_min_papers,
            f.n_topics,
            f.slope.map_or("n/a".into(), pct_points),
            f.slope_ci95.map_or("n/a".into(), |[a, b]| format!("{} to {}", pct_points(a), pct_points(b))),
            f.policy.as_str(),
            match f.slope_ci95 {
                Some([_, b]) if b < 0.0 =>
                    "the slope is negative and its interval excludes zero.".to_string(),
                Some([a, _]) if a > 0.0 => "the slope is positive, against the claim.".to_string(),
                Some(_) => "the interval includes zero: these papers neither confirm nor refute the claim."
                    .to_string(),
                None => "no interval could be computed.".to_string(),
            }
        ),
        None => "No regression could be fitted: too few topics have both a compute intensity and enough \
                 papers in two periods."
            .to_string(),
    };
    let item = |label: String, color: &str, swatch| LegendItem { label, color: color.to_string(), swatch };
    fig.legend = vec![
        item("Topic (area grows with papers of known team)".into(), palette::BLUE, Swatch::Point),
        item("Weighted least-squares fit".into(), palette::BLACK, Swatch::Line),
        item("Bootstrap 95% band of the fit".into(), palette::GREY, Swatch::Band),
        item(format!("Academic-only share, {first_label}"), palette::SKY_BLUE, Swatch::HollowPoint),
        item(format!("Academic-only share, {last_label}"), palette::BLUE, Swatch::Point),
    ];
    section.figures.push(FigureBlock { figure: fig, caption, claim: claim.into() });
    data1.json = serde_json::to_value(main)?;
    section.tables.push(data1);

    // Figure 2: academic-only share by period for the most compute-intensive topics.
    let mut ranked: Vec<(Topic, f64)> = Vec::new();
    for r in &with_intensity {
        if let Some(x) = r.compute_intensity_log10_flop {
            if !ranked.iter().any(|(t, _)| *t == r.topic) {
                ranked.push((r.topic, x));
            }
        }
    }
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.index().cmp(&b.0.index())));
    // The four most compute-intensive topics with at least two periods to compare.
    ranked.retain(|(t, _)| {
        rep.rows.iter().filter(|r| r.topic == *t && r.papers_known_team >= defs.topic_min_papers).count() >= 2
    });
    ranked.truncate(4);
    let colors = [palette::VERMILLION, palette::BLUE, palette::BLUISH_GREEN, palette::REDDISH_PURPLE];
    let mut layers = Vec::new();
    let mut data2 = Table::new(
        "topics_over_time",
        "Academic-only share by period, the most compute-intensive topics",
        &[
            "topic",
            "compute_intensity_log10_flop",
            "period",
            "papers",
            "known_team",
            "academic_only",
            "share",
            "ci95_low",
            "ci95_high",
        ],
    );
    for (k, ((topic, x), color)) in ranked.iter().zip(colors).enumerate() {
        let offset = (k as f64 - 1.5) * 0.08;
        let rows: Vec<(usize, &ShareRow)> = rep
            .rows
            .iter()
            .filter(|r| r.topic == *topic)
            .filter_map(|r| periods.iter().position(|p| *p == r.period).map(|i| (i, r)))
            .collect();
        let series = Series::new(format!("{} (10^{:.1} FLOP)", topic.label(), x), color);
        // Periods with fewer papers of known team than the regression's minimum are left out of the
        // figure (a single paper gives 0% or 100%); the data table keeps them.
        let shown: Vec<&(usize, &ShareRow)> = rows
            .iter()
            .filter(|(_, r)| r.academic_only_share.is_some() && r.papers_known_team >= defs.topic_min_papers)
            .collect();
        layers.push(Layer::ErrorBars {
            series: series.clone(),
            intervals: shown
                .iter()
                .filter_map(|(i, r)| share_interval(r, Some(*i as f64 + offset)))
                .collect(),
            horizontal: false,
        });
        layers.push(Layer::Line {
            series: series.clone(),
            points: shown
                .iter()
                .map(|(i, r)| (*i as f64 + offset, r.academic_only_share.unwrap_or(f64::NAN)))
                .collect(),
            dashed: false,
        });
        layers.push(Layer::Points {
            series,
            points: shown.iter().map(|(i, r)| share_point(r, *i as f64 + offset)).collect(),
            hollow: false,
            radius: 3.5,
        });
        for (_, r) in &rows {
            let [lo, hi] = r.academic_only_share_ci95.map_or([f64::NAN; 2], |v| v);
            data2.push(vec![
                r.topic.id().to_string(),
                format!("{x:.3}"),
                r.period.clone(),
                r.papers.to_string(),
                r.papers_known_team.to_string(),
                r.academic_only_papers.to_string(),
                fmt_opt(r.academic_only_share, 4),
                if lo.is_finite() { format!("{lo:.4}") } else { String::new() },
                if hi.is_finite() { format!("{hi:.4}") } else { String::new() },
            ]);
        }
    }
    let mut fig2 =
        Figure::new("topics_over_time", "Academic-only share over time, most compute-intensive topics");
    fig2.panel_height = 360.0;
    fig2.panels.push(Panel {
        title: None,
        x: Axis::new("Period", AxisKind::Category(periods.iter().map(|p| p.to_string()).collect())),
        y: Axis::new("Academic-only share of papers of known team", AxisKind::Percent).domain(0.0, 1.0),
        layers,
    });
    section.figures.push(FigureBlock {
        figure: fig2,
        caption: format!(
            "Academic-only share of papers of known team by period, with 95% Wilson intervals, for the {} \
             topics whose notable Epoch models need the most training compute (median, in brackets) among \
             those with at least two periods to compare. Points \
             are shifted sideways slightly so that intervals do not overlap. A period needs at least {} papers \
             of known team to be shown (the regression's minimum; the data table lists all). Unknown \
             authors: {}.",
            ranked.len(),
            defs.topic_min_papers,
            rep.rows_policy.as_str()
        ),
        claim: "If academia lost ground where compute matters most, these shares should fall over time."
            .into(),
    });
    data2.json = serde_json::to_value(&rep.rows)?;
    data2.in_html = false; // the figure's data, as files only
    section.tables.push(data2);

    // The fits under every policy and counting, raw and venue-adjusted.
    section.tables.push(fits_table(
        "topics_fits",
        "Change in academic-only share regressed on compute intensity, per unknown-author policy (raw shares)",
        &rep.fits,
    )?);
    section.tables.push(fits_table(
        "topics_fits_venue_adjusted",
        "The same regression on venue-adjusted changes (within-venue changes, venues present in both periods)",
        &rep.venue_adjusted_fits,
    )?);
    let main_of = |fits: &[RepresentationFit]| {
        fits.iter().find(|f| f.policy == rep.rows_policy && f.counting == Counting::Full).cloned()
    };
    if let (Some(raw), Some(adj)) = (main_of(&rep.fits), main_of(&rep.venue_adjusted_fits)) {
        let fmt = |f: &RepresentationFit| {
            format!(
                "{} per order of magnitude ({}; {} topics)",
                f.slope.map_or("undefined".into(), pct_points),
                f.slope_ci95.map_or("no interval".into(), |[a, b]| format!(
                    "95% CI {} to {}",
                    pct_points(a),
                    pct_points(b)
                )),
                f.n_topics
            )
        };
        section.paragraphs.push(format!(
            "Venue mix must not pass for a topic effect (robotics papers come from ICRA and IROS, vision \
             from CVPR ...). Raw: {}. Venue-adjusted (each topic's change is the weighted mean of its \
             changes within venues that have its papers in both periods): {}. The difference, {}, is how \
             much of the raw slope the change of venue mix accounts for.",
            fmt(&raw),
            fmt(&adj),
            match (raw.slope, adj.slope) {
                (Some(a), Some(b)) => pct_points(a - b),
                _ => "undefined".into(),
            }
        ));
    }

    section.paragraphs.push(format!(
        "The study's central claim is that academic-only teams lost ground where research needs the most \
         compute. We test it on {} accepted papers (Paper Copilot's lists of 22 venues, the NeurIPS, ICML \
         and ICLR author list and the AI Index responsible-AI files; {} copies of papers in several \
         sources kept once), with topics assigned by phrase rules \
         (taxonomy {}) and each topic's compute intensity taken from the notable Epoch models mapped to it.",
        c.papers.len(),
        c.duplicates_dropped,
        TAXONOMY_VERSION
    ));
    section.paragraphs.push(format!(
        "Caveats: only {} of {} topics have enough Epoch models with training compute (at least {}) to have \
         an intensity, and only {} of them enter the regression, so the slope rests on a handful of points. \
         {} The bounds over the unknown-author policies (table below) show how much the answer depends on \
         authors whose affiliation we cannot place.",
        n_topics_intensity,
        Topic::ALL.len(),
        defs.topic_min_models,
        main.map_or(0, |f| f.n_topics),
        last_ai_index_note
    ));
    Ok(section)
}
