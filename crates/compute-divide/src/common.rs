//! Conventions shared by every command: data location, output format, config and exit codes.

use std::path::PathBuf;

/// `--data DIR`, shared by every command that reads the shipped data.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// Data folder (holds epoch/, conferences/, grid/ ...). Else $COMPUTE_DIVIDE_DATA, else ./data, else
    /// ../shared/data.
    #[arg(long, value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,
}

/// `--format`, shared by every listing command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for reading in a terminal.
    #[default]
    Table,
    Csv,
    Json,
}

pub use cd_pipeline::{PipelineError, UsageError};

/// A usage error (exit code 2) as an `anyhow::Error`.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(msg.into()))
}

/// An error and its causes as one line, `outer: cause: cause`, leaving out a cause whose text the
/// message already holds (readers' errors name their cause in their own text).
pub fn error_text(e: &anyhow::Error) -> String {
    let text = error_chain(e);
    // Bytes from an input file (a header with ESC in it) never reach the terminal raw.
    cd_report::listing::printable(&text, true).into_owned()
}

fn error_chain(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let t = cause.to_string();
        if !text.contains(&t) {
            text.push_str(": ");
            text.push_str(&t);
        }
    }
    text
}

/// 2 for the user's usage (a [`UsageError`], alone or inside a [`PipelineError`]), else 1.
pub fn exit_code_of(e: &anyhow::Error) -> i32 {
    let is_usage = |c: &(dyn std::error::Error + 'static)| {
        c.downcast_ref::<UsageError>().is_some()
            || c.downcast_ref::<PipelineError>().is_some_and(|p| p.is_usage())
    };
    if e.chain().any(is_usage) {
        2
    } else {
        1
    }
}

/// Write a line to stdout. A closed pipe (`compute-divide models | head`) ends the program quietly with
/// exit code 0, as command-line tools do, instead of panicking.
pub fn out_line(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: writing to stdout: {e}");
        std::process::exit(1);
    }
}

/// The read's accounting and its first ten rejections, on stderr (table and CSV modes).
pub fn print_read(r: &cd_domain::ReadReport) {
    eprintln!("read {} rows: {} loaded, {} rejected", r.rows_read, r.rows_loaded, r.rows_rejected);
    for rej in r.rejections.iter().take(10) {
        eprintln!("  rejected {} row {} field '{}': {}", rej.file, rej.row, rej.field, rej.reason);
    }
    if r.rejections.len() > 10 {
        eprintln!("  ... and {} more rejections (see --format json)", r.rejections.len() - 10);
    }
}

/// Print a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    out_line(&serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Print a listing (`cd_report::listing`) in `format`: CSV, else an aligned table (a command prints its
/// own JSON).
pub fn print_listing(format: OutputFormat, l: &cd_report::listing::Listing) -> anyhow::Result<()> {
    if format == OutputFormat::Csv {
        out_line(&l.csv_text()?);
    } else {
        l.table_lines().iter().for_each(|line| out_line(line));
    }
    Ok(())
}

/// The secondary tables of a table format, each after a blank line.
pub fn print_details(listings: &[cd_report::listing::Listing]) {
    for l in listings {
        println!();
        l.table_lines().iter().for_each(|line| out_line(line));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let e = anyhow::Error::new(cd_ingest::epoch::EpochError::Io { file: "x.csv".into(), source: io })
            .context("reading models");
        assert_eq!(super::error_text(&e), "reading models: cannot read x.csv: No such file");
        let plain = anyhow::anyhow!("inner").context("outer");
        assert_eq!(super::error_text(&plain), "outer: inner");
        let raw = anyhow::anyhow!("header `Mod\u{1b}[31mel`\n  next line");
        assert_eq!(super::error_text(&raw), "header `Mod\\u{1b}[31mel`\n  next line");
    }
}
