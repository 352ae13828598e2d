//! `papers`, `teams` and `openalex fetch`: read papers from any source, classify their affiliations and
//! teams, print them or their venue-year composition; pull works from the OpenAlex API.
//!
//! Without `--input`, `papers` reads the shipped conference author list and every AI Index CSV; `teams`
//! reads only the conference author list (the AI Index files are a responsible-AI subset of the same
//! venues, so mixing them into one venue-year would double count). With `--input`, each file's format is
//! taken from `--input-format` or detected from its name and header.

use crate::common::{print_csv, print_json, print_table, usage, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::{load_papers, LoadedPapers, PaperRequest, ShippedPapers};
use anyhow::Context;
use cd_analysis::composition::{team_composition, CompositionRow, CompositionTable, TeamOutcome, TeamRecord};
use cd_classify::paper::{paper_team, unknown_authors};
use cd_domain::definitions::UnknownAuthorPolicy;
use cd_domain::{Definitions, Paper, ReadReport};
use cd_ingest::locate::locate;
use cd_ingest::papers::openalex_api::{fetch, FetchOptions};
use cd_ingest::papers::{PaperFormat, PaperTable};
use cd_report::figure::{Axis, Figure, Interval, Layer, Panel, Point, Series};
use cd_report::palette;
use cd_report::scale::AxisKind;
use cd_report::table::{fmt_interval, fmt_pct, Table};
use cd_report::{FigureBlock, Section};
use serde::Serialize;
use std::path::PathBuf;

/// Input files and how to read and classify them.
#[derive(Debug, clap::Args)]
pub struct PaperInputArgs {
    /// Paper files or folders (repeat or list several; a folder is a Paper Copilot venue folder or
    /// clone). Default: the shipped data.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub input: Vec<PathBuf>,
    /// Format of every --input file; detected from the name and header when absent.
    #[arg(long, value_name = "auto|conference|aiindex|openalex|generic|papercopilot")]
    pub input_format: Option<String>,
    /// How authors of unknown sector enter teams: drop (default; a paper is unknown only when no author
    /// is known), as_academic, as_industry.
    #[arg(long, value_name = "drop|as_academic|as_industry")]
    pub unknown_authors: Option<String>,
    #[command(flatten)]
    pub definitions: DefinitionArgs,
}

#[derive(Debug, clap::Args)]
pub struct PapersArgs {
    #[command(flatten)]
    pub input: PaperInputArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Debug, clap::Args)]
pub struct TeamsArgs {
    #[command(flatten)]
    pub input: PaperInputArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    /// Also write the report's figure (industry-involved share by venue and year beside Ahmed et al.) as
    /// SVG to this file.
    #[arg(long, value_name = "FILE.svg")]
    pub figure: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
pub enum OpenAlexCommand {
    /// Fetch works from the OpenAlex API into a JSON Lines file (gzip), resumable.
    Fetch {
        /// OpenAlex filter, e.g. `primary_location.source.id:S4306420609,publication_year:2020`.
        #[arg(long)]
        filter: String,
        /// Output file (`.jsonl.gz`); its state file `<out>.state.json` makes a rerun resume.
        #[arg(long, value_name = "FILE.jsonl.gz")]
        out: PathBuf,
        /// E-mail for OpenAlex's polite pool.
        #[arg(long)]
        mailto: Option<String>,
        #[arg(long, default_value = "https://api.openalex.org")]
        base_url: String,
        /// Results per page (OpenAlex allows up to 200).
        #[arg(long, default_value_t = 200)]
        per_page: usize,
        /// Stop after this many pages in this run (resume later).
        #[arg(long)]
        max_pages: Option<usize>,
    },
}

/// `--unknown-authors` as a policy; a bad value is a usage error naming the allowed ones.
fn parse_policy(text: &str) -> anyhow::Result<UnknownAuthorPolicy> {
    UnknownAuthorPolicy::parse(text)
        .ok_or_else(|| usage(format!("--unknown-authors: {text:?}; allowed: drop, as_academic, as_industry")))
}

impl PaperInputArgs {
    /// The definitions (config file, flags and `--unknown-authors`) these arguments ask for.
    pub fn definitions(&self) -> anyhow::Result<Definitions> {
        let mut defs = self.definitions.load()?;
        if let Some(p) = &self.unknown_authors {
            defs.unknown_author_policy = parse_policy(p)?;
        }
        Ok(defs)
    }

    /// `--input-format`, when given.
    pub fn format(&self) -> anyhow::Result<Option<PaperFormat>> {
        self.input_format
            .as_deref()
            .filter(|f| *f != "auto")
            .map(|f| {
                PaperFormat::parse(f).ok_or_else(|| {
                    usage(format!("--input-format: {f:?}; allowed: auto, conference, aiindex, openalex, generic, papercopilot"))
                })
            })
            .transpose()
    }

    /// Read and classify the papers these arguments name (else the `shipped` ones) under `defs`.
    pub fn load(
        &self,
        data: &DataArgs,
        shipped: ShippedPapers,
        progress: bool,
        defs: &Definitions,
    ) -> anyhow::Result<LoadedPapers> {
        let request = PaperRequest { inputs: &self.input, format: self.format()?, shipped, progress };
        load_papers(locate(data.data.as_deref()), &request, defs)
    }
}

/// Read, classify (affiliations and teams) and return the papers with the read report.
struct Loaded {
    table: PaperTable,
    defs: Definitions,
}

fn load(data: &DataArgs, args: &PaperInputArgs, shipped: ShippedPapers) -> anyhow::Result<Loaded> {
    let defs = args.definitions()?;
    let table = args.load(data, shipped, true, &defs)?.table;
    Ok(Loaded { table, defs })
}

/// Composition by venue and year with the bounds of the two other unknown-author policies.
fn composition(papers: &[&Paper], defs: &Definitions) -> CompositionTable {
    let with = |policy| Definitions { unknown_author_policy: policy, ..defs.clone() };
    let (as_aca, as_ind) = (with(UnknownAuthorPolicy::AsAcademic), with(UnknownAuthorPolicy::AsIndustry));
    let records: Vec<TeamRecord> = papers
        .iter()
        .map(|p| TeamRecord {
            venue: p.venue.clone(),
            year: p.year,
            outcome: TeamOutcome::of_team(p.team.as_ref()),
            bounds: Some((
                TeamOutcome::of_team(Some(&paper_team(p, &as_aca))),
                TeamOutcome::of_team(Some(&paper_team(p, &as_ind))),
            )),
        })
        .collect();
    team_composition(&records)
}

/// Ahmed, Wahed & Thompson (2023): share of papers at leading AI conferences with an industry co-author.
const AHMED_2023: [(i32, f64); 2] = [(2000, 0.22), (2020, 0.38)];

/// The report's "Publications" section: the industry-involved share of papers by field of venues and
/// year (complete venue lists: Paper Copilot and the 2019 conference list, deduplicated, accepted papers),
/// with Wilson intervals, beside Ahmed et al.'s 22% (2000) and 38% (2020), and the composition table.
/// `papers` are already classified and passed through `cd_analysis::corpus::publication_corpus`, whose
/// report `dedup` the section states. `teams --figure` uses the same section builder.
pub fn publications_section(
    papers: &[&Paper],
    dedup: &cd_analysis::corpus::DedupReport,
    defs: &Definitions,
) -> anyhow::Result<Section> {
    let comp = composition(papers, defs);
    let mut section = composition_section(&comp, papers.len(), defs)?;
    if !dedup.matches.is_empty() {
        let m: Vec<String> = dedup.matches.iter().map(|(k, v)| format!("{v} ({k})")).collect();
        section.paragraphs.push(format!(
            "Papers in several sources count once (same normalised title, year and venue; Paper Copilot \
             before the conference list): {} of {} records were copies: {}.",
            dedup.papers_in - dedup.papers_out,
            dedup.papers_in,
            m.join(", ")
        ));
    }
    Ok(section)
}

/// The report's "Review outcomes and citations" section, with the coverage table of the publication
/// data. `papers` are the classified papers of the complete venue lists, every status, as read (the
/// coverage is per source); `deduplicated` the same after `cd_analysis::corpus::deduplicate_refs`.
pub fn review_section(
    papers: &[&Paper],
    deduplicated: &[&Paper],
    by_topic: &(Vec<cd_analysis::review::TopicAcceptanceRow>, Option<cd_analysis::review::WlsFit>),
    defs: &Definitions,
) -> anyhow::Result<Section> {
    use cd_analysis::review::{acceptance_rates, citation_rows, coverage};
    use cd_classify::evidence::{author_sector, EvidenceKind};
    let mut section = Section::new("review", "Review outcomes and citations by team kind");
    let acc = acceptance_rates(deduplicated);
    let cites = citation_rows(deduplicated);
    let pct = |v: f64| fmt_pct(v, 1);
    let mut t = Table::new(
        "review_acceptance",
        "Acceptance rate by team kind where the source lists rejected and withdrawn submissions",
        &["venue", "year", "team", "submissions", "accepted", "rate"],
    );
    for r in &acc {
        t.push(vec![
            r.venue.clone(),
            if r.year == 0 { "all".into() } else { r.year.to_string() },
            r.team.as_str().into(),
            r.submissions.to_string(),
            r.accepted.to_string(),
            format!("{} {}", pct(r.rate), fmt_interval(100.0 * r.rate_ci95[0], 100.0 * r.rate_ci95[1], 1)),
        ]);
    }
    t.json = serde_json::to_value(&acc)?;
    let pooled: Vec<String> = acc
        .iter()
        .filter(|r| r.venue == "all")
        .map(|r| format!("{} {} of {} ({})", r.team.as_str(), r.accepted, r.submissions, pct(r.rate)))
        .collect();
    section.paragraphs.push(format!(
        "OpenReview venues in Paper Copilot list rejected and withdrawn submissions too, which relates review \
         outcomes to the compute divide as the study could not. Pooled over those venue-years: {}. These \
         are associations: team kinds differ in topic and venue mix, and profile affiliations are those at \
         scrape time.",
        pooled.join("; ")
    ));
    section.tables.push(t);
    let (topic_rows, topic_fit) = by_topic;
    let mut tt = Table::new(
        "review_acceptance_by_topic",
        "Acceptance by topic: academic-only and industry-involved submissions, beside the topic's compute intensity",
        &["topic", "compute_intensity_log10_flop", "academic_only", "industry_involved", "gap"],
    );
    for r in topic_rows {
        tt.push(vec![
            r.topic.id().to_string(),
            r.compute_intensity_log10_flop.map_or(String::new(), |x| format!("{x:.2}")),
            format!(
                "{} of {} ({} {})",
                r.academic_accepted,
                r.academic_submissions,
                pct(r.academic_rate),
                fmt_interval(100.0 * r.academic_rate_ci95[0], 100.0 * r.academic_rate_ci95[1], 1)
            ),
            format!(
                "{} of {} ({} {})",
                r.industry_accepted,
                r.industry_submissions,
                pct(r.industry_rate),
                fmt_interval(100.0 * r.industry_rate_ci95[0], 100.0 * r.industry_rate_ci95[1], 1)
            ),
            format!("{:+.1} pp", 100.0 * r.gap),
        ]);
    }
    tt.json = serde_json::json!({ "rows": topic_rows, "fit": topic_fit.as_ref().map(|f| serde_json::json!({
        "slope": f.slope, "slope_se": f.slope_se, "intercept": f.intercept, "n_topics": f.n })) });
    section.paragraphs.push(match topic_fit {
        Some(f) => format!(
            "By topic: the gap between the acceptance rates of industry-involved and academic-only \
             submissions changes by {:+.1} pp (SE {:.1}) per order of magnitude of the topic's compute \
             intensity, over {} topics with an intensity and at least {} submissions of each kind (weighted \
             least squares). An association over few topics.",
            100.0 * f.slope,
            100.0 * f.slope_se,
            f.n,
            defs.topic_min_papers
        ),
        None => {
            "By topic: too few topics with an intensity and enough submissions of each kind for a fit.".into()
        }
    });
    section.tables.push(tt);
    let mut c = Table::new(
        "review_citations",
        "Citations of accepted papers by team kind (Google Scholar counts as scraped)",
        &["team", "papers", "median_citations", "top_decile", "top_decile_share"],
    );
    for r in &cites {
        c.push(vec![
            r.team.as_str().into(),
            r.papers.to_string(),
            format!("{:.1}", r.median_citations),
            r.top_decile.to_string(),
            format!(
                "{} {}",
                pct(r.top_decile_share),
                fmt_interval(100.0 * r.top_decile_share_ci95[0], 100.0 * r.top_decile_share_ci95[1], 1)
            ),
        ]);
    }
    c.json = serde_json::to_value(&cites)?;
    section.paragraphs.push(
        "Top decile: papers whose citation count is at least the ⌈n/10⌉-th largest of their venue-year; a \
         team kind with 10% of its papers there is cited like the venue-year's average paper. An association, \
         not an effect of team kind."
            .into(),
    );
    section.tables.push(c);
    let evidence_index = |a: &cd_domain::Authorship| match author_sector(a).evidence {
        EvidenceKind::String => 0,
        EvidenceKind::Domain => 1,
        EvidenceKind::Position => 2,
        EvidenceKind::None => 3,
    };
    let cov = coverage(papers, evidence_index);
    let mut v = Table::new(
        "publications_coverage",
        "Coverage of the publication data by source, venue and year: records, accepted papers, authors \
         with a known sector and the evidence that gave it",
        &[
            "source",
            "venue",
            "year",
            "records",
            "accepted",
            "authors",
            "known_share",
            "by_string",
            "by_domain",
            "by_position",
            "unaligned_records",
        ],
    );
    for r in &cov {
        v.push(vec![
            r.source.clone(),
            r.venue.clone(),
            r.year.to_string(),
            r.records.to_string(),
            r.accepted.to_string(),
            r.authors.to_string(),
            pct(r.known_share),
            r.by_string.to_string(),
            r.by_domain.to_string(),
            r.by_position.to_string(),
            r.unaligned_records.to_string(),
        ]);
    }
    v.json = serde_json::to_value(&cov)?;
    section.paragraphs.push(
        "Coverage: which venues and years each publication number rests on. Unaligned records are those \
         whose affiliation list names the paper's institutions (CVPR 2020–24, ICLR 2022) or only the \
         authors with a profile (OpenReview venues), not who is where."
            .into(),
    );
    section.tables.push(v);
    Ok(section)
}

/// Industry involvement of one field of venues in one year (venue-years pooled).
struct FieldYear {
    field: &'static str,
    year: i32,
    venues: Vec<String>,
    papers: usize,
    industry_involved: usize,
    share: f64,
    lo: f64,
    hi: f64,
}

/// The composition rows pooled by field of venues and year, in field then year order.
fn field_year_rows(comp: &CompositionTable) -> Vec<FieldYear> {
    let mut acc: std::collections::BTreeMap<(&'static str, i32), (Vec<String>, usize, usize)> =
        std::collections::BTreeMap::new();
    for r in &comp.rows {
        let e = acc.entry((cd_analysis::corpus::venue_field(&r.venue), r.year)).or_default();
        e.0.push(r.venue.clone());
        e.1 += r.papers;
        e.2 += r.industry_involved;
    }
    acc.into_iter()
        .filter(|(_, (_, n, _))| *n > 0)
        .map(|((field, year), (venues, papers, k))| {
            let (share, lo, hi) = cd_analysis::composition::wilson(k, papers);
            FieldYear { field, year, venues, papers, industry_involved: k, share, lo, hi }
        })
        .collect()
}

/// Columns of the composition table, in the report and in `teams`.
const COMPOSITION_COLUMNS: [&str; 8] = [
    "venue",
    "year",
    "papers",
    "academic_only",
    "industry_involved",
    "collaboration",
    "unknown",
    "industry_involved_bounds",
];

/// One row of the composition table; `ci` formats a share with its interval, `bounds` the range of the
/// industry-involved share under the other unknown-author policies.
fn composition_cells(
    r: &CompositionRow,
    ci: impl Fn(f64, f64, f64) -> String,
    bounds: impl Fn(f64, f64) -> String,
) -> Vec<String> {
    vec![
        r.venue.clone(),
        r.year.to_string(),
        r.papers.to_string(),
        ci(r.academic_only_share, r.academic_only_share_lower, r.academic_only_share_upper),
        ci(r.industry_involved_share, r.industry_involved_share_lower, r.industry_involved_share_upper),
        ci(r.collaboration_share, r.collaboration_share_lower, r.collaboration_share_upper),
        ci(r.unknown_share, r.unknown_share_lower, r.unknown_share_upper),
        r.industry_involved_share_bounds.map_or(String::new(), |(lo, hi)| bounds(lo, hi)),
    ]
}

/// The "Publications" section (figure, caveat, table) of a composition.
fn composition_section(
    comp: &CompositionTable,
    n_papers: usize,
    defs: &Definitions,
) -> anyhow::Result<Section> {
    let mut section =
        Section::new("publications", "Publications: academic and industry teams at ML conferences");
    // One line per field of venues (cd_analysis::corpus::VENUE_FIELDS): the venue-years' papers pooled.
    let colors = [
        palette::BLUE,
        palette::VERMILLION,
        palette::BLUISH_GREEN,
        palette::ORANGE,
        palette::REDDISH_PURPLE,
        palette::SKY_BLUE,
        palette::GREY,
    ];
    let mut fields: Vec<&str> = cd_analysis::corpus::VENUE_FIELDS.iter().map(|(f, _)| *f).collect();
    fields.push("Other venues");
    let field_rows = field_year_rows(comp);
    let mut layers = Vec::new();
    for (field, color) in fields.iter().zip(colors) {
        let rows: Vec<&FieldYear> = field_rows.iter().filter(|r| r.field == *field).collect();
        if rows.is_empty() {
            continue;
        }
        let series = Series::new(*field, color);
        layers.push(Layer::ErrorBars {
            series: series.clone(),
            intervals: rows.iter().map(|r| Interval { at: r.year as f64, lo: r.lo, hi: r.hi }).collect(),
            horizontal: false,
        });
        layers.push(Layer::Line {
            series: series.clone(),
            points: rows.iter().map(|r| (r.year as f64, r.share)).collect(),
            dashed: false,
        });
        layers.push(Layer::Points {
            series,
            points: rows
                .iter()
                .map(|r| Point {
                    x: r.year as f64,
                    y: r.share,
                    title: format!(
                        "{field} {}: {} of {} papers ({:.1}%, 95% CI {:.1}–{:.1}%; {})",
                        r.year,
                        r.industry_involved,
                        r.papers,
                        100.0 * r.share,
                        100.0 * r.lo,
                        100.0 * r.hi,
                        r.venues.join(", ")
                    ),
                })
                .collect(),
            hollow: false,
            radius: 3.5,
        });
    }
    layers.push(Layer::Points {
        series: Series::new("Ahmed, Wahed & Thompson (2023), leading AI conferences", palette::BLACK),
        points: AHMED_2023
            .iter()
            .map(|(y, v)| Point {
                x: *y as f64,
                y: *v,
                title: format!("Ahmed et al.: {:.0}% in {y}", 100.0 * v),
            })
            .collect(),
        hollow: true,
        radius: 4.5,
    });
    let mut fig = Figure::new("publications_industry_share", "Papers with at least one industry author");
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("Year of the conference", AxisKind::Year).domain(1999.5, 2025.5),
        y: Axis::new("Share of papers with an industry affiliation", AxisKind::Percent).domain(0.0, 0.8),
        layers,
    });
    let policy = serde_json::to_value(defs.unknown_author_policy)?.as_str().unwrap_or("").to_string();
    let mut data = Table::new(
        "publications_industry_share",
        "Share of papers with at least one industry author, by field of venues and year",
        &["field", "year", "papers", "industry_involved", "share", "ci95_low", "ci95_high"],
    );
    for field in &fields {
        for r in field_rows.iter().filter(|r| r.field == *field) {
            data.push(vec![
                r.field.to_string(),
                r.year.to_string(),
                r.papers.to_string(),
                r.industry_involved.to_string(),
                format!("{:.4}", r.share),
                format!("{:.4}", r.lo),
                format!("{:.4}", r.hi),
            ]);
        }
    }
    for (y, v) in AHMED_2023 {
        data.push(vec![
            "Ahmed, Wahed & Thompson (2023)".into(),
            y.to_string(),
            String::new(),
            String::new(),
            format!("{v:.4}"),
            String::new(),
            String::new(),
        ]);
    }
    data.in_html = false; // the figure's data, as files only
    section.tables.push(data);
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Share of papers with at least one author affiliated with a company, by field of venues and \
             year, with 95% Wilson intervals; {} papers of complete venue lists (Paper Copilot's lists and \
             the 2019 scrape of the NeurIPS, ICML and ICLR sites; a paper in both counts once). Authors of \
             unknown sector: {policy}. Hollow points: Ahmed, Wahed & Thompson (2023), leading AI \
             conferences.",
            n_papers
        ),
        claim: "Industry co-authorship at leading AI conferences rose from 22% (2000) to 38% (2020) (Ahmed, \
                Wahed & Thompson 2023)."
            .into(),
    });
    section.paragraphs.push(
        "Where affiliations come from author profiles (the 2019 conference list; OpenReview venues in \
         Paper Copilot: ICLR, NeurIPS 2021, ICML 2023–24, CoRL, COLM), they show where authors worked \
         when the list was scraped, not at publication. CVPR 2020–24 and ICLR 2022 \
         lists give the paper's institutions without saying which author is where: every author there \
         carries all of them. The 2019 conference list shows the affiliations on authors' conference \
         profiles when it was scraped (2019), not at publication: NeurIPS 2006 lists Google Brain (founded 2011) and NeurIPS 2008 OpenAI \
         (2015). Shares before about 2017 therefore describe where those authors worked in 2019 and \
         overstate industry involvement at the time."
            .into(),
    );
    let mut t = Table::new(
        "publications_composition",
        "Team composition of conference papers by venue and year",
        &COMPOSITION_COLUMNS,
    );
    for r in comp.rows.iter().chain(comp.pooled.iter()) {
        let pct = |v: f64| fmt_pct(v, 1);
        let ci = |v: f64, lo: f64, hi: f64| format!("{} {}", pct(v), fmt_interval(100.0 * lo, 100.0 * hi, 1));
        t.push(composition_cells(r, ci, |lo, hi| format!("{}–{}", pct(lo), pct(hi))));
    }
    t.json = serde_json::to_value(comp)?;
    section.tables.push(t);
    Ok(section)
}

#[derive(Serialize)]
struct PaperOut<'a> {
    paper_id: &'a str,
    source: &'a str,
    year: Option<i32>,
    venue: &'a str,
    title: &'a str,
    status: &'static str,
    status_label: Option<&'a str>,
    accepted: bool,
    citations: Option<u64>,
    alignment: &'static str,
    team: &'static str,
    academia_share: f64,
    industry_share: f64,
    other_share: f64,
    unknown_authors: usize,
    authors: Vec<AuthorOut<'a>>,
}

#[derive(Serialize)]
struct AuthorOut<'a> {
    author: &'a str,
    /// The author's sector from all the evidence (`evidence`), with its confidence.
    sector: cd_domain::Sector,
    sectors: Vec<cd_domain::Sector>,
    confidence: f64,
    evidence: cd_classify::evidence::EvidenceKind,
    email_domain: Option<&'a str>,
    position: Option<&'a str>,
    affiliations: &'a [cd_domain::Affiliation],
}

#[derive(Serialize)]
struct PapersJson<'a> {
    rows_read: usize,
    rows_loaded: usize,
    rows_rejected: usize,
    unknown_author_policy: UnknownAuthorPolicy,
    rejections: &'a [cd_domain::Rejection],
    notes: &'a [String],
    papers: Vec<PaperOut<'a>>,
}

fn paper_out(p: &Paper) -> PaperOut<'_> {
    let team = p.team.as_ref();
    PaperOut {
        paper_id: &p.paper_id,
        source: &p.source,
        year: p.year,
        venue: &p.venue,
        title: &p.title,
        status: p.status.as_str(),
        status_label: p.status_label.as_deref(),
        accepted: p.accepted(),
        citations: p.citations,
        alignment: p.alignment.as_str(),
        team: team.map_or("unknown", |t| t.kind.as_str()),
        academia_share: team.map_or(0.0, |t| t.shares.academia),
        industry_share: team.map_or(0.0, |t| t.shares.industry),
        other_share: team.map_or(0.0, |t| t.shares.other),
        unknown_authors: unknown_authors(p),
        authors: p
            .authors
            .iter()
            .map(|a| {
                let s = cd_classify::evidence::author_sector(a);
                AuthorOut {
                    author: &a.author,
                    sector: s.sector,
                    sectors: s.sectors,
                    confidence: s.confidence,
                    evidence: s.evidence,
                    email_domain: a.email_domain.as_deref(),
                    position: a.position.as_deref(),
                    affiliations: &a.affiliations,
                }
            })
            .collect(),
    }
}

fn print_report_summary(r: &ReadReport) {
    eprintln!("read {} rows: {} loaded, {} rejected", r.rows_read, r.rows_loaded, r.rows_rejected);
    for rej in r.rejections.iter().take(10) {
        eprintln!("  rejected {} row {} field '{}': {}", rej.file, rej.row, rej.field, rej.reason);
    }
    if r.rejections.len() > 10 {
        eprintln!("  ... and {} more rejections (see --format json)", r.rejections.len() - 10);
    }
}

pub fn run_papers(data: &DataArgs, args: PapersArgs) -> anyhow::Result<()> {
    let Loaded { table, defs } = load(data, &args.input, ShippedPapers::All)?;
    let papers: Vec<PaperOut> = table.papers.iter().map(paper_out).collect();
    match args.format {
        OutputFormat::Json => print_json(&PapersJson {
            rows_read: table.report.rows_read,
            rows_loaded: table.report.rows_loaded,
            rows_rejected: table.report.rows_rejected,
            unknown_author_policy: defs.unknown_author_policy,
            rejections: &table.report.rejections,
            notes: &table.report.notes,
            papers,
        }),
        f => {
            print_report_summary(&table.report);
            let header =
                ["paper_id", "year", "venue", "team", "authors", "unknown_authors", "affiliations", "title"];
            let rows: Vec<Vec<String>> = papers
                .iter()
                .map(|p| {
                    let affs: Vec<String> = p
                        .authors
                        .iter()
                        .flat_map(|a| a.affiliations.iter().map(|f| format!("{} [{}]", f.raw, f.sector)))
                        .collect();
                    let mut affs = affs.join("; ");
                    let mut title = p.title.to_string();
                    if f == OutputFormat::Table {
                        affs = shorten(&affs, 60);
                        title = shorten(&title, 60);
                    }
                    vec![
                        p.paper_id.to_string(),
                        p.year.map_or(String::new(), |y| y.to_string()),
                        p.venue.to_string(),
                        p.team.to_string(),
                        p.authors.len().to_string(),
                        p.unknown_authors.to_string(),
                        affs,
                        title,
                    ]
                })
                .collect();
            if f == OutputFormat::Csv {
                print_csv(&header, &rows)
            } else {
                print_table(&header, &rows);
                Ok(())
            }
        }
    }
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

#[derive(Serialize)]
struct TeamsJson<'a> {
    unknown_author_policy: UnknownAuthorPolicy,
    interval: &'a str,
    papers_without_year: usize,
    rows: &'a [CompositionRow],
    pooled: &'a [CompositionRow],
}

pub fn run_teams(data: &DataArgs, args: TeamsArgs) -> anyhow::Result<()> {
    let Loaded { table, defs } = load(data, &args.input, ShippedPapers::CompleteLists)?;
    let all: Vec<&Paper> = table.papers.iter().collect();
    let (papers, _) = cd_analysis::corpus::publication_corpus(&all, &defs);
    let comp = composition(&papers, &defs);
    if let Some(path) = &args.figure {
        let section = composition_section(&comp, papers.len(), &defs)?;
        let svg = cd_report::figure::render_svg(&section.figures[0].figure)?;
        std::fs::write(path, svg).with_context(|| format!("{}: cannot write the figure", path.display()))?;
    }
    match args.format {
        OutputFormat::Json => print_json(&TeamsJson {
            unknown_author_policy: defs.unknown_author_policy,
            interval: comp.interval,
            papers_without_year: comp.papers_without_year,
            rows: &comp.rows,
            pooled: &comp.pooled,
        }),
        f => {
            print_report_summary(&table.report);
            let header = COMPOSITION_COLUMNS;
            let pct = |v: f64| format!("{:.1}", 100.0 * v);
            let ci = |v: f64, lo: f64, hi: f64| format!("{}% [{}, {}]", pct(v), pct(lo), pct(hi));
            let rows: Vec<Vec<String>> = comp
                .rows
                .iter()
                .chain(comp.pooled.iter())
                .map(|r| composition_cells(r, ci, |lo, hi| format!("{}–{}%", pct(lo), pct(hi))))
                .collect();
            if f == OutputFormat::Csv {
                print_csv(&header, &rows)
            } else {
                print_table(&header, &rows);
                println!(
                    "\nShares of all papers of the venue-year ({}); bounds: unknown authors counted as \
                     academic … as industry. Ahmed, Wahed & Thompson (2023): 22% (2000) → 38% (2020) of \
                     papers at leading AI conferences had an industry co-author.",
                    comp.interval
                );
                Ok(())
            }
        }
    }
}

pub fn run_openalex(_data: &DataArgs, cmd: OpenAlexCommand) -> anyhow::Result<()> {
    let OpenAlexCommand::Fetch { filter, out, mailto, base_url, per_page, max_pages } = cmd;
    if !(1..=200).contains(&per_page) {
        return Err(usage(format!("--per-page: {per_page}; allowed: 1 to 200")));
    }
    let mut opts = FetchOptions::new(filter, out);
    opts.mailto = mailto;
    opts.base_url = base_url;
    opts.per_page = per_page;
    opts.max_pages = max_pages;
    let s = fetch(&opts).with_context(|| "openalex fetch")?;
    eprintln!(
        "{} {} pages, {} works this run ({} retries); total {} works in {} pages; {}",
        if s.resumed { "resumed:" } else { "fetched" },
        s.pages_this_run,
        s.works_this_run,
        s.retries,
        s.state.works_written,
        s.state.pages,
        if s.state.done { "complete".to_string() } else { format!("next cursor {:?}", s.state.next_cursor) }
    );
    Ok(())
}
