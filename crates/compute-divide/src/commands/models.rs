//! `compute-divide models`: the classified models of one Epoch table.
//!
//! Reads through `pipeline::load_models` (default file: `--vintage`, else the newest all-models snapshot)
//! and prints one row per model (`cd_report::listing::models`). `--format json` prints an object with the
//! read's accounting (`rows_read`, `rows_loaded`, `rows_rejected`, `rejections` with row, field and
//! reason) and `models`. Exit code 1 when the file cannot be read as an Epoch table; rejected rows are
//! listed, not fatal.

use crate::common::{print_json, print_listing, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::load_models;
use cd_ingest::locate::{locate, DataDir};
use cd_report::listing::models as listing;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ModelsArgs {
    /// Epoch model table to read (any vintage). Default: the `--vintage` named, else the newest
    /// all_ml_systems_*.csv of the data folder.
    #[arg(long, value_name = "FILE")]
    pub models: Option<PathBuf>,
    /// Output format: an aligned table, CSV (more columns) or JSON (everything).
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub definitions: DefinitionArgs,
}

pub fn run(data: &DataArgs, args: ModelsArgs) -> anyhow::Result<()> {
    let defs = args.definitions.load()?;
    // With an explicit file, a missing data folder only costs the registries (GRID, universities): the
    // classifier then runs on its curated list and rules.
    let dir = match (locate(data.data.as_deref()), &args.models) {
        (Ok(d), _) => d,
        (Err(_), Some(file)) if data.data.is_none() => {
            DataDir { root: file.parent().map(|p| p.to_path_buf()).unwrap_or_else(|| PathBuf::from(".")) }
        }
        (Err(e), _) => return Err(e.into()),
    };
    let loaded = load_models(&dir, args.models.as_deref(), &defs)?;
    let file = loaded.path.display().to_string();
    match args.format {
        OutputFormat::Json => {
            print_json(&listing::models_json(file, &loaded.sha256, &loaded.report, &loaded.models))
        }
        OutputFormat::Table => {
            print_listing(args.format, &listing::models_table(&loaded.models))?;
            println!();
            for line in listing::models_footer(&file, &loaded.report, &loaded.models) {
                println!("{line}");
            }
            Ok(())
        }
        OutputFormat::Csv => print_listing(args.format, &listing::models_csv(&loaded.models)),
    }
}
