//! `compute-divide report`: the whole study as one folder — `report.html` (self-contained), figures,
//! tables and `manifest.json`.
//!
//! `cd_study::study` loads every table of the data folder, runs the analyses and builds the sections;
//! this command shows its progress on stderr (silent with `--quiet`) and hands the result to
//! `cd_report::write_report`. It computes nothing itself.

use crate::common::DataArgs;
use crate::definitions_args::DefinitionArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Output folder (created if missing; files of the same names are overwritten).
    #[arg(long, value_name = "DIR", default_value = "report")]
    pub out: PathBuf,
    /// Epoch table to analyse. Default: the `vintage` definition, else the newest all-models snapshot.
    #[arg(long, value_name = "FILE")]
    pub models: Option<PathBuf>,
    /// No progress on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the definitions in force as TOML (the defaults, unless --config or flags change them) and
    /// exit. The output is a valid --config file.
    #[arg(long)]
    pub print_config: bool,
    #[command(flatten)]
    pub definitions: DefinitionArgs,
}

fn progress(quiet: bool, steps: u64) -> ProgressBar {
    let pb = ProgressBar::new(steps);
    if quiet {
        pb.set_draw_target(ProgressDrawTarget::hidden());
    } else {
        pb.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} [{bar:20}] {pos}/{len} {msg} ({elapsed})")
        {
            pb.set_style(style.progress_chars("=> "));
        }
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
    }
    pb
}

pub fn run(data_args: &DataArgs, args: ReportArgs) -> anyhow::Result<()> {
    let defs = args.definitions.load()?;
    if args.print_config {
        print!("{}", defs.to_toml().map_err(|e| anyhow::anyhow!(e))?);
        return Ok(());
    }
    let data = cd_ingest::locate::locate(data_args.data.as_deref())?;
    let pb = progress(args.quiet, 5);
    pb.set_message("loading and classifying models and papers");
    let version = format!("compute-divide {}", env!("CARGO_PKG_VERSION"));
    let step = |n: u64, message: &str| {
        pb.inc(n);
        pb.set_message(message.to_string());
    };
    let study = cd_study::study(&data, &defs, args.models.as_deref(), version, &step)?;
    if !study.missing_papers.is_empty() && !args.quiet {
        eprintln!(
            "note: the paper sections need {} in {}: their sections say so",
            study.missing_papers.join(" and "),
            data.root.display()
        );
    }
    if !args.quiet {
        eprintln!("shipped papers: {}", study.papers_cache);
    }
    let files = cd_report::write_report(&args.out, &study.input)?;
    pb.inc(2);
    pb.finish_and_clear();
    if !args.quiet {
        eprintln!(
            "wrote {} ({} files: report.html, {} figures, {} tables, manifest.json)",
            args.out.display(),
            files.files.len(),
            files.files.iter().filter(|f| f.starts_with("figures")).count(),
            files.files.iter().filter(|f| f.starts_with("tables")).count() / 2
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use cd_domain::Definitions;

    #[test]
    fn print_config_round_trips_through_the_config_parser() {
        let d = Definitions::default();
        let text = d.to_toml().unwrap();
        assert!(text.contains("bootstrap_resamples = 1000"), "{text}");
        let back = crate::definitions_args::parse_config(&text, "printed").unwrap();
        assert_eq!(back, d);
    }
}
