//! `sql` (feature `sql`): one read-only SQL query over the Parquet warehouse (`warehouse build`), on
//! DataFusion here or on a Ballista cluster (`--cluster df://HOST:PORT`, feature `distributed`); and
//! `cluster standalone` (feature `distributed`): a scheduler and an executor on loopback.
//!
//! The engine, the read-only guard and the output forms are `cd_sql`; this module parses, calls and
//! prints. Exit codes: 0 ok, 1 an unreadable warehouse or a failed run, 2 bad usage or refused SQL.

use crate::common::{out_line, print_json, print_listing, usage, OutputFormat};
use cd_report::listing::Listing;
use cd_sql::{SqlError, Target, Warehouse};
use std::path::PathBuf;

/// `--format` of `sql`: the listing formats, and Parquet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SqlFormat {
    #[default]
    Table,
    Csv,
    Json,
    /// One Parquet file (zstd) to --out, or to stdout when it is not a terminal.
    Parquet,
}

#[derive(Debug, clap::Args)]
pub struct SqlArgs {
    /// The query: SELECT, WITH, VALUES or EXPLAIN over the warehouse's tables (read-only: DDL, DML, COPY,
    /// SET, table functions and file paths are refused).
    #[arg(value_name = "SQL", required_unless_present = "file", conflicts_with = "file")]
    pub sql: Option<String>,
    /// Read the query from a file instead (e.g. queries/topic_shares.sql).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The warehouse folder (`compute-divide warehouse build --out DIR`).
    #[arg(long, value_name = "DIR", env = "COMPUTE_DIVIDE_WAREHOUSE")]
    pub warehouse: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: SqlFormat,
    /// Output file for --format parquet.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Run on a Ballista cluster: its scheduler, df://HOST:PORT (build with `--features distributed`).
    #[arg(long, value_name = "df://HOST:PORT")]
    pub cluster: Option<String>,
}

/// A `cd_sql` error as the binary's error: the user's (exit code 2) or the data's (1).
fn error(e: SqlError) -> anyhow::Error {
    if e.is_usage() {
        usage(e.to_string())
    } else {
        anyhow::Error::new(e)
    }
}

pub fn run(a: SqlArgs) -> anyhow::Result<()> {
    let sql = match (&a.sql, &a.file) {
        (Some(s), None) => s.clone(),
        (None, Some(f)) => cd_ingest::read_text(f).map_err(|e| anyhow::anyhow!("--file: {e}"))?,
        _ => return Err(usage("give the query as an argument or with --file, not both")),
    };
    if a.out.is_some() && a.format != SqlFormat::Parquet {
        return Err(usage("--out is for --format parquet"));
    }
    let target = Target::parse(a.cluster.as_deref()).map_err(error)?;
    let warehouse = Warehouse::open(&a.warehouse).map_err(error)?;
    let result = cd_sql::query(&warehouse, &sql, &target).map_err(error)?;
    match a.format {
        SqlFormat::Table | SqlFormat::Csv => {
            let listing = Listing { header: result.header(), rows: result.text_rows().map_err(error)? };
            let format = if a.format == SqlFormat::Csv { OutputFormat::Csv } else { OutputFormat::Table };
            print_listing(format, &listing)?;
        }
        SqlFormat::Json => {
            print_json(&result.json_document(&warehouse.root, a.cluster.as_deref(), &sql).map_err(error)?)?
        }
        SqlFormat::Parquet => match &a.out {
            Some(path) => {
                let file = std::fs::File::create(path)
                    .map_err(|e| usage(format!("--out {}: cannot create: {e}", path.display())))?;
                result.write_parquet(std::io::BufWriter::new(file)).map_err(error)?;
                eprintln!("wrote {} rows to {}", result.row_count(), path.display());
            }
            None => {
                use std::io::IsTerminal;
                if std::io::stdout().is_terminal() {
                    return Err(usage("--format parquet writes binary: give --out FILE or redirect stdout"));
                }
                // ArrowWriter needs the whole file before it can be written to a pipe.
                let mut buf = Vec::new();
                result.write_parquet(&mut buf).map_err(error)?;
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                out.write_all(&buf).and_then(|_| out.flush())?;
            }
        },
    }
    if a.format == SqlFormat::Table && result.row_count() == 0 {
        out_line("(no rows)");
    }
    Ok(())
}

/// `cluster`: a Ballista cluster of this build's version.
#[cfg(feature = "distributed")]
#[derive(Debug, clap::Subcommand)]
pub enum ClusterCommand {
    /// Start a scheduler and one executor in this process on loopback, print the scheduler's df:// URL
    /// and serve until interrupted (Ctrl-C). For trying `sql --cluster` on one machine.
    Standalone {
        /// Tasks the executor runs at a time (default: the number of CPUs).
        #[arg(long, value_name = "N")]
        task_slots: Option<usize>,
    },
}

#[cfg(feature = "distributed")]
pub fn run_cluster(c: ClusterCommand) -> anyhow::Result<()> {
    let ClusterCommand::Standalone { task_slots } = c;
    let slots = task_slots.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let runtime = cd_sql::runtime().map_err(error)?;
    runtime.block_on(async {
        let url = cd_sql::cluster::start_loopback(slots).await.map_err(error)?;
        out_line(&url);
        eprintln!("scheduler and executor ({slots} task slots) on loopback; Ctrl-C stops them");
        // Ctrl-C ends the process through the default handler; until then, serve.
        std::future::pending::<anyhow::Result<()>>().await
    })
}
