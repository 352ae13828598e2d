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

/// An error that is the user's usage, not the data: maps to exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(msg.into()))
}

pub fn exit_code_of(e: &anyhow::Error) -> i32 {
    if e.chain().any(|c| c.downcast_ref::<UsageError>().is_some()) {
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

/// Print rows as an aligned text table.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w.saturating_sub(c.chars().count())));
            }
        }
        out_line(s.trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for r in rows {
        line(r.clone());
    }
}

/// Print rows as CSV on stdout.
pub fn print_csv(header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?;
    let text = String::from_utf8(bytes)?;
    out_line(text.trim_end_matches('\n'));
    Ok(())
}

/// Print a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    out_line(&serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Print listing rows in `format`: CSV for `csv`, else an aligned table (a command prints its own JSON).
pub fn print_rows(format: OutputFormat, header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    if format == OutputFormat::Csv {
        print_csv(header, rows)
    } else {
        print_table(header, rows);
        Ok(())
    }
}

/// Print a listing (`cd_report::listing`) in `format`: CSV, else an aligned table.
pub fn print_listing(format: OutputFormat, l: &cd_report::listing::Listing) -> anyhow::Result<()> {
    print_rows(format, &l.header_refs(), &l.rows)
}

/// The secondary tables of a table format, each after a blank line.
pub fn print_details(listings: &[cd_report::listing::Listing]) {
    for l in listings {
        println!();
        print_table(&l.header_refs(), &l.rows);
    }
}
