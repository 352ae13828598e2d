//! `papers`, `teams` and `openalex fetch`: read papers from any source, classify their affiliations and
//! teams, print them or their venue-year composition; pull works from the OpenAlex API.
//!
//! Without `--input`, `papers` reads the shipped conference author list and every AI Index CSV; `teams`
//! reads only the conference author list (the AI Index files are a responsible-AI subset of the same
//! venues, so mixing them into one venue-year would double count). With `--input`, each file's format is
//! taken from `--input-format` or detected from its name and header.

use crate::common::{print_json, print_listing, usage, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::{load_papers, LoadedPapers, PaperRequest, ShippedPapers};
use anyhow::Context;
use cd_analysis::publications::publication_study;
use cd_classify::evidence::author_sector;
use cd_classify::paper::{paper_team, unknown_authors};
use cd_domain::{Definitions, Paper};
use cd_ingest::locate::locate;
use cd_ingest::papers::openalex_api::{fetch, FetchOptions};
use cd_ingest::papers::{source_named, PaperSource, PaperTable};
use cd_report::listing::papers as listing;
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

/// A usage error naming the model-only definition flags given to a paper command.
pub fn refuse_model_flags(command: &str, d: &DefinitionArgs) -> anyhow::Result<()> {
    let given: Vec<&str> = [
        ("--large-scale", d.large_scale.is_some()),
        ("--frontier", d.frontier.is_some()),
        ("--top-k", d.top_k.is_some()),
        ("--vintage", d.vintage.is_some()),
        ("--gap-from", d.gap_from.is_some()),
        ("--team-source", d.team_source.is_some()),
        ("--notability", d.notability.is_some()),
        ("--no-jitter", d.no_jitter),
    ]
    .into_iter()
    .filter_map(|(flag, set)| set.then_some(flag))
    .collect();
    if given.is_empty() {
        return Ok(());
    }
    Err(usage(format!(
        "{} applies to the model analyses only; `{command}` reads papers and does not use it",
        given.join(", ")
    )))
}

/// `papers`: the model-only definition flags are neither listed (hidden from `--help`) nor accepted
/// ([`refuse_model_flags`]): they would change nothing here.
#[derive(Debug, clap::Args)]
#[command(mut_arg("large_scale", |a| a.hide(true)))]
#[command(mut_arg("frontier", |a| a.hide(true)))]
#[command(mut_arg("top_k", |a| a.hide(true)))]
#[command(mut_arg("vintage", |a| a.hide(true)))]
#[command(mut_arg("gap_from", |a| a.hide(true)))]
#[command(mut_arg("team_source", |a| a.hide(true)))]
#[command(mut_arg("notability", |a| a.hide(true)))]
#[command(mut_arg("no_jitter", |a| a.hide(true)))]
pub struct PapersArgs {
    #[command(flatten)]
    pub input: PaperInputArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// `teams`: the arguments of `papers` (model-only flags hidden and refused) and the figure.
#[derive(Debug, clap::Args)]
pub struct TeamsArgs {
    #[command(flatten)]
    pub papers: PapersArgs,
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

impl PaperInputArgs {
    /// The definitions (config file, flags and `--unknown-authors`) these arguments ask for.
    pub fn definitions(&self) -> anyhow::Result<Definitions> {
        let mut defs = self.definitions.load()?;
        if let Some(p) = &self.unknown_authors {
            defs.set_from_text("unknown_author_policy", p)
                .map_err(|e| usage(format!("--unknown-authors: {e}")))?;
        }
        Ok(defs)
    }

    /// `--input-format`, when given.
    pub fn format(&self) -> anyhow::Result<Option<&'static dyn PaperSource>> {
        self.input_format
            .as_deref()
            .filter(|f| *f != "auto")
            .map(|f| {
                source_named(f).ok_or_else(|| {
                    let names = cd_ingest::papers::source::source_names().join(", ");
                    usage(format!("--input-format: {f:?}; allowed: auto, {names}"))
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
        Ok(load_papers(locate(data.data.as_deref()), &request, defs)?)
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

pub fn run_papers(data: &DataArgs, args: PapersArgs) -> anyhow::Result<()> {
    refuse_model_flags("papers", &args.input.definitions)?;
    let Loaded { table, defs } = load(data, &args.input, ShippedPapers::All)?;
    let papers: Vec<_> =
        table.papers.iter().map(|p| listing::paper_out(p, unknown_authors(p), author_sector)).collect();
    if args.format == OutputFormat::Json {
        return print_json(&listing::papers_json(&table.report, defs.unknown_author_policy, papers));
    }
    crate::common::print_read(&table.report);
    print_listing(args.format, &listing::papers(&papers, args.format == OutputFormat::Table))
}

pub fn run_teams(data: &DataArgs, args: TeamsArgs) -> anyhow::Result<()> {
    refuse_model_flags("teams", &args.papers.input.definitions)?;
    let Loaded { table, defs } = load(data, &args.papers.input, ShippedPapers::CompleteLists)?;
    let all: Vec<&Paper> = table.papers.iter().collect();
    let (papers, dedup) = cd_analysis::corpus::publication_corpus(&all, &defs);
    let study = publication_study(&papers, dedup, &defs, paper_team);
    let comp = &study.composition;
    if let Some(path) = &args.figure {
        let section = cd_report::sections::publications::section(&study, &defs)?;
        let svg = cd_report::figure::render_svg(&section.figures[0].figure)?;
        std::fs::write(path, svg).with_context(|| format!("{}: cannot write the figure", path.display()))?;
    }
    if args.papers.format == OutputFormat::Json {
        return print_json(&listing::teams_json(comp, defs.unknown_author_policy));
    }
    crate::common::print_read(&table.report);
    print_listing(args.papers.format, &listing::teams(comp))?;
    if args.papers.format == OutputFormat::Table {
        println!("\n{}", listing::teams_note(comp));
    }
    Ok(())
}

pub fn run_openalex(_data: &DataArgs, cmd: OpenAlexCommand) -> anyhow::Result<()> {
    let OpenAlexCommand::Fetch { filter, out, mailto, base_url, per_page, max_pages } = cmd;
    let mut opts = FetchOptions::new(filter, out);
    (opts.mailto, opts.base_url, opts.per_page, opts.max_pages) = (mailto, base_url, per_page, max_pages);
    opts.check().map_err(usage)?;
    eprintln!("{}", fetch(&opts).with_context(|| "openalex fetch")?.describe());
    Ok(())
}
