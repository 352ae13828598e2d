//! `compute-divide warehouse build`: the study's tables as Parquet (`cd_warehouse::build`,
//! docs/warehouse.md). Parses the arguments, calls the build, prints what was written.

use crate::common::{print_json, print_listing, usage, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use cd_report::listing::Listing;
use cd_warehouse::snapshot::Shard;
use cd_warehouse::{BuildOptions, OpenAlexFilter};
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum WarehouseCommand {
    /// Write every table of the data folder (and of OpenAlex snapshot parts) as Parquet into --out;
    /// a rebuild writes only the parts whose inputs or definitions changed.
    Build(BuildArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The warehouse folder (created if needed; an existing warehouse is brought up to date).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// OpenAlex works: a snapshot folder (`data/works/updated_date=…/part_NNN.gz` with manifests), a
    /// folder of parts, or part files (JSON Lines, plain or gzip). Repeatable.
    #[arg(long, value_name = "PATH")]
    pub openalex: Vec<PathBuf>,
    /// Which OpenAlex works go in: `default` (the ML works under the `openalex_ml_filter` definition)
    /// or `none` (every work).
    #[arg(long, value_name = "default|none", default_value = "default")]
    pub openalex_filter: String,
    /// Write only a deterministic share of the OpenAlex parts: K/N takes every N-th part from the K-th.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Hide the progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub defs: DefinitionArgs,
}

pub fn run(data: &DataArgs, c: WarehouseCommand) -> anyhow::Result<()> {
    let WarehouseCommand::Build(args) = c;
    let defs = args.defs.load()?;
    let filter = OpenAlexFilter::parse(&args.openalex_filter).map_err(usage)?;
    let shard = args.shard.as_deref().map(Shard::parse).transpose().map_err(usage)?;
    let dir = cd_ingest::locate::locate(data.data.as_deref())?;
    let opts = BuildOptions {
        out: args.out.clone(),
        openalex: args.openalex.clone(),
        filter,
        shard,
        progress: !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        program: format!("compute-divide {}", env!("CARGO_PKG_VERSION")),
    };
    let summary = cd_warehouse::build(&dir, &defs, &opts).map_err(|e| {
        if e.is_usage() {
            usage(e.to_string())
        } else {
            anyhow::Error::new(e)
        }
    })?;
    for w in &summary.manifest.warnings {
        eprintln!("warning: {w}");
    }
    let m = &summary.manifest;
    if args.format == OutputFormat::Json {
        return print_json(m);
    }
    if args.format == OutputFormat::Table {
        eprintln!(
            "warehouse {}: {} parts written, {} kept",
            args.out.display(),
            summary.written,
            summary.kept
        );
    }
    let listing = Listing::of(&["table", "rows", "files"], &m.tables, |t| {
        vec![t.name.clone(), t.rows.to_string(), t.files.len().to_string()]
    });
    print_listing(args.format, &listing)?;
    Ok(())
}
