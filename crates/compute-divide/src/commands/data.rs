//! `compute-divide data list` and `compute-divide data pull`: what data there is, and how to get Epoch's
//! model tables onto a fresh machine.
//!
//! Both only call `cd_ingest::{locate, datasets, pull}` and print; they never parse the tables.

use crate::common::{print_json, print_listing, DataArgs, OutputFormat};
use anyhow::Context;
use cd_ingest::datasets::{list, DatasetInfo};
use cd_ingest::locate::locate;
use cd_ingest::pull::{pull_epoch, PullOptions, DEFAULT_EPOCH_URL};
use cd_report::listing::Listing;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum DataCommand {
    /// Print every dataset found in the data folder: path, kind, vintage, rows, sha256.
    ///
    /// The data folder is `--data DIR`, else $COMPUTE_DIVIDE_DATA, else ./data, else ../shared/data.
    /// Kinds: epoch_all_models, epoch_notable, epoch_large_scale, epoch_frontier, epoch_gpu_clusters,
    /// epoch_ml_hardware, conferences, ai_index_rai, grid, universities, other. The vintage is the date in the file name.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Download Epoch's public model tables and unpack them into DIR/epoch, with SHA256SUMS.
    ///
    /// Downloads the zip Epoch publishes on https://epoch.ai/data/ai-models (all models, notable,
    /// large-scale and frontier tables, CC BY 4.0, credit "Epoch AI"). Shows progress on stderr. An
    /// interrupted download is kept as DIR/epoch/<name>.part and resumed by running the command again;
    /// if the server cannot resume it, the download restarts from the beginning. Undated file names get
    /// today's date appended (all_ai_models.csv → all_ai_models_YYYY-MM-DD.csv) so that vintages sit side
    /// by side.
    Pull {
        /// Data folder to fill; the tables go to DIR/epoch. Default: `--data DIR` when given, else ./data.
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// Address of the zip to download.
        #[arg(long, value_name = "URL", default_value = DEFAULT_EPOCH_URL)]
        url: String,
    },
}

pub fn run(data: &DataArgs, cmd: DataCommand) -> anyhow::Result<()> {
    match cmd {
        DataCommand::List { format } => run_list(data, format),
        DataCommand::Pull { to, url } => run_pull(pull_target(data, to)?, url),
    }
}

const HEADER: [&str; 5] = ["path", "kind", "vintage", "rows", "sha256"];

fn row(d: &DatasetInfo) -> Vec<String> {
    vec![
        d.path.display().to_string(),
        d.kind.as_str().to_string(),
        d.vintage.clone().unwrap_or_default(),
        d.rows.to_string(),
        d.sha256.clone(),
    ]
}

fn run_list(data: &DataArgs, format: OutputFormat) -> anyhow::Result<()> {
    let dir = locate(data.data.as_deref())?;
    let found = list(&dir);
    for d in found.iter() {
        if let Some(problem) = &d.problem {
            eprintln!("warning: {}: {problem}; listed without rows or sha256", d.path.display());
        }
    }
    match format {
        OutputFormat::Table | OutputFormat::Csv => {
            if format == OutputFormat::Table {
                eprintln!("data folder: {}", dir.root.display());
            }
            print_listing(format, &Listing::of(&HEADER, &found, row))?
        }
        OutputFormat::Json => {
            #[derive(serde::Serialize)]
            struct Out<'a> {
                data_dir: String,
                datasets: &'a [DatasetInfo],
            }
            print_json(&Out { data_dir: dir.root.display().to_string(), datasets: &found })?
        }
    }
    Ok(())
}

/// The folder `data pull` fills: `--to`, else `--data`, else ./data; `--to` and `--data` naming two
/// folders is a usage error (the pull would fill one and the next command read the other).
fn pull_target(data: &DataArgs, to: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match (to, &data.data) {
        (Some(to), Some(d)) if &to != d => Err(crate::common::usage(format!(
            "--to {} and --data {} name two folders; give one",
            to.display(),
            d.display()
        ))),
        (Some(to), _) => Ok(to),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Ok(PathBuf::from("data")),
    }
}

fn run_pull(to: PathBuf, url: String) -> anyhow::Result<()> {
    let opts = PullOptions::new(url.clone(), to.clone());
    let out = pull_epoch(&opts).with_context(|| format!("data pull into {}", to.display()))?;
    if out.restarted {
        eprintln!("note: the partial download could not be continued; downloaded again from the start");
    } else if out.resumed_from > 0 {
        eprintln!("resumed the partial download at byte {}", out.resumed_from);
    }
    println!("downloaded {} ({} bytes, sha256 {})", out.url, out.zip_bytes, out.zip_sha256);
    for f in &out.files {
        println!("{}  {}  ({} bytes)", f.sha256, f.path.display(), f.bytes);
    }
    println!("checksums written to {}", out.sums_path.display());
    println!(
        "Epoch AI, \"Data on AI Models\", CC BY 4.0. Use it with `compute-divide --data {} models`.",
        to.display()
    );
    if let Some(note) = cd_ingest::pull::shadowing_note(&to) {
        eprintln!("{note}");
    }
    Ok(())
}
