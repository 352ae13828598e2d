//! `compute-divide diff OLD.csv NEW.csv`: what changed between two vintages of Epoch's model table and
//! whether it changes the answer (issue 16; the rule is in docs/diff.md). Both tables are read and
//! classified through `pipeline::load_models` under the same definitions, `cd_analysis::diff::diff`
//! matches, compares and attributes, and `cd_report::listing::diff` formats.
//!
//! Exit codes: 1 when a file is missing, is not an Epoch table or holds no model; 2 when both arguments
//! are the same file (same content).

use crate::common::{print_json, print_listing, usage, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::{load_models, LoadedModels};
use cd_ingest::locate::{locate, DataDir};
use cd_report::listing::diff as listing;
use cd_report::listing::ReadCounts;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older Epoch table (any vintage, any naming).
    #[arg(value_name = "OLD.csv")]
    pub old: PathBuf,
    /// The newer Epoch table.
    #[arg(value_name = "NEW.csv")]
    pub new: PathBuf,
    /// Table: counts, headlines with attribution (yearly rows left out); CSV: every headline with its
    /// attribution; JSON: everything, with per-model rows.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Also write DIR/diff.html (self-contained: tables and a figure of the headline moves).
    #[arg(long, value_name = "DIR")]
    pub html: Option<PathBuf>,
    #[command(flatten)]
    pub defs: DefinitionArgs,
}

fn load(dir: &DataDir, file: &Path, defs: &cd_domain::Definitions) -> anyhow::Result<LoadedModels> {
    if !file.is_file() {
        anyhow::bail!("{}: no such file", file.display());
    }
    // A table with no model is an error of `load_models` (exit 1, naming the first rejection).
    Ok(load_models(dir, Some(file), defs)?)
}

fn input(l: &LoadedModels) -> listing::DiffInput {
    listing::DiffInput {
        path: l.path.display().to_string(),
        sha256: l.sha256.clone(),
        rows: ReadCounts::from(&l.report),
        rejections: l.report.rejections.clone(),
        models: l.models.len(),
    }
}

pub fn run(data: &DataArgs, args: DiffArgs) -> anyhow::Result<()> {
    let defs = args.defs.load()?;
    // Both files are given: a missing data folder only costs the registries (the classifier then runs
    // on its curated list and rules), as in `models --models FILE`.
    let dir = match locate(data.data.as_deref()) {
        Ok(d) => d,
        Err(_) if data.data.is_none() => {
            DataDir { root: args.old.parent().map(|p| p.to_path_buf()).unwrap_or_else(|| PathBuf::from(".")) }
        }
        Err(e) => return Err(e.into()),
    };
    let old = load(&dir, &args.old, &defs)?;
    let new = load(&dir, &args.new, &defs)?;
    if old.sha256 == new.sha256 {
        return Err(usage(format!(
            "{} and {} are the same table (sha256 {}): give two different vintages",
            args.old.display(),
            args.new.display(),
            old.sha256
        )));
    }
    let r = cd_analysis::diff::diff(&old.models, &new.models, &defs);
    let (old_in, new_in) = (input(&old), input(&new));
    if let Some(out) = &args.html {
        let version = format!("compute-divide {}", env!("CARGO_PKG_VERSION"));
        let file = cd_report::diff_page::write_diff_page(out, &old_in, &new_in, &defs, &r, &version)?;
        eprintln!("wrote {}", file.display());
    }
    match args.format {
        OutputFormat::Json => print_json(&listing::DiffJson {
            old: old_in,
            new: new_in,
            definitions: &defs,
            matches: &r.counts.matched_by_confidence,
            result: &r,
        }),
        OutputFormat::Csv => print_listing(args.format, &listing::headlines(&r, true)),
        OutputFormat::Table => {
            println!("old: {} ({} models)", old_in.path, old_in.models);
            println!("new: {} ({} models)", new_in.path, new_in.models);
            println!();
            print_listing(args.format, &listing::counts(&r))?;
            println!();
            print_listing(args.format, &listing::headlines(&r, false))?;
            println!("\n{}", listing::note(&r));
            Ok(())
        }
    }
}
