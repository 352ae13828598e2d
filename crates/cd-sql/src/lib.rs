//! Read-only SQL over the compute-divide Parquet warehouse (`compute-divide warehouse build`), on
//! DataFusion in this process or on a Ballista cluster (`df://HOST:PORT`, feature `distributed`).
//!
//! - [`Warehouse::open`] finds the warehouse's tables (from `warehouse.json`, else its folders) and their
//!   hive partition columns (`year=2020/`); every table is registered explicitly as a Parquet listing
//!   table of its folder, and nothing else is reachable.
//! - [`guard`] lets only queries through (`SELECT`, `WITH`, `VALUES`, `EXPLAIN` of a query) that name the
//!   warehouse's tables: DDL, DML, `COPY`, `CREATE EXTERNAL TABLE`, `SET`, table functions and file paths
//!   are refused before planning, and the plan is checked again by DataFusion's `SQLOptions` (no DDL, no
//!   DML, no statements).
//! - [`QueryResult`] holds the rows: text cells for tables and CSV, JSON rows, Parquet.
//!
//! Without the `sql` feature this crate is empty, so that the workspace's default build never compiles
//! DataFusion.
#![cfg(feature = "sql")]

pub mod guard;
pub mod output;
pub mod warehouse;

#[cfg(feature = "distributed")]
pub mod cluster;

pub use output::QueryResult;
pub use warehouse::{Table, Warehouse};

/// The DataFusion this crate runs on (and its arrow and parquet), for callers that build or read record
/// batches of the same versions.
pub use datafusion;

use datafusion::error::DataFusionError;
use datafusion::execution::session_state::SessionStateBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};

/// What went wrong, and whose fault it is: [`SqlError::is_usage`] errors are the user's (exit code 2),
/// the rest are the data's or the cluster's (exit code 1).
#[derive(Debug, thiserror::Error)]
pub enum SqlError {
    /// The statement is valid SQL but not allowed (DDL, DML, COPY, a file outside the warehouse ...).
    #[error("refused: {0}")]
    Refused(String),
    /// The SQL does not parse or plan (syntax, unknown column, type mismatch).
    #[error("invalid SQL: {0}")]
    Invalid(String),
    /// A bad argument (cluster URL, output path).
    #[error("{0}")]
    Usage(String),
    /// The warehouse cannot be read (missing folder, bad `warehouse.json`, unreadable Parquet).
    #[error("warehouse {path}: {message}")]
    Warehouse { path: String, message: String },
    /// Running the query failed (a file became unreadable, a cluster error).
    #[error("running the query: {0}")]
    Execution(String),
}

impl SqlError {
    /// Exit code 2 (the user's SQL or arguments), else 1.
    pub fn is_usage(&self) -> bool {
        matches!(self, SqlError::Refused(_) | SqlError::Invalid(_) | SqlError::Usage(_))
    }
}

pub type Result<T> = std::result::Result<T, SqlError>;

/// Where a query runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// DataFusion in this process.
    Local,
    /// A Ballista scheduler, `df://HOST:PORT` (feature `distributed`).
    Cluster(String),
}

impl Target {
    /// `None` → local; `Some("df://host:port")` → that cluster. Any other scheme is a usage error.
    pub fn parse(cluster: Option<&str>) -> Result<Target> {
        match cluster {
            None => Ok(Target::Local),
            Some(url) => {
                let rest = url.strip_prefix("df://").ok_or_else(|| {
                    SqlError::Usage(format!(
                        "--cluster `{url}`: expected df://HOST:PORT (a Ballista scheduler)"
                    ))
                })?;
                let (host, port) = rest.rsplit_once(':').ok_or_else(|| {
                    SqlError::Usage(format!(
                        "--cluster `{url}`: expected df://HOST:PORT, the port is missing"
                    ))
                })?;
                if host.is_empty() || port.parse::<u16>().is_err() {
                    return Err(SqlError::Usage(format!(
                        "--cluster `{url}`: expected df://HOST:PORT with a port number"
                    )));
                }
                Ok(Target::Cluster(url.to_string()))
            }
        }
    }
}

/// The session state every query starts from: DataFusion's defaults without any table function (none
/// can then read a path), information schema off, and no URL tables (`SELECT * FROM 'file.parquet'`).
fn base_state() -> datafusion::execution::SessionState {
    let config = SessionConfig::new().with_information_schema(false);
    SessionStateBuilder::new()
        .with_config(config)
        .with_default_features()
        .with_table_function_list(Vec::new())
        .build()
}

/// A context for `target` with the warehouse's tables registered.
pub async fn context(warehouse: &Warehouse, target: &Target) -> Result<SessionContext> {
    let ctx = match target {
        Target::Local => SessionContext::new_with_state(base_state()),
        #[cfg(feature = "distributed")]
        Target::Cluster(url) => cluster::remote_context(url, base_state())?,
        #[cfg(not(feature = "distributed"))]
        Target::Cluster(url) => {
            return Err(SqlError::Usage(format!(
                "--cluster {url}: this build has no Ballista support (build with `--features distributed`)"
            )))
        }
    };
    warehouse.register(&ctx).await?;
    Ok(ctx)
}

/// Run one read-only statement on the warehouse (async; see [`query`]).
pub async fn query_async(warehouse: &Warehouse, sql: &str, target: &Target) -> Result<QueryResult> {
    let ctx = context(warehouse, target).await?;
    let plan = guard::plan(&ctx, sql, &warehouse.table_names()).await?;
    let frame = ctx.execute_logical_plan(plan).await.map_err(|e| planning_error(e, target))?;
    let schema = frame.schema().inner().clone();
    let batches = frame.collect().await.map_err(|e| execution_error(e, target))?;
    Ok(QueryResult::new(schema, batches))
}

/// Run one read-only statement on the warehouse, on a runtime of its own (not from inside an async
/// context: use [`query_async`] there).
pub fn query(warehouse: &Warehouse, sql: &str, target: &Target) -> Result<QueryResult> {
    runtime()?.block_on(query_async(warehouse, sql, target))
}

/// A multi-threaded tokio runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| SqlError::Execution(format!("starting the async runtime: {e}")))
}

/// An error while turning SQL into a plan: the user's SQL, unless it is an I/O or cluster error.
pub(crate) fn planning_error(e: DataFusionError, target: &Target) -> SqlError {
    match root(&e) {
        DataFusionError::SQL(..)
        | DataFusionError::Plan(_)
        | DataFusionError::SchemaError(..)
        | DataFusionError::NotImplemented(_) => SqlError::Invalid(one_line(&e)),
        _ => execution_error(e, target),
    }
}

/// An error while running a plan.
pub(crate) fn execution_error(e: DataFusionError, target: &Target) -> SqlError {
    match target {
        Target::Local => SqlError::Execution(one_line(&e)),
        Target::Cluster(url) => SqlError::Execution(format!("on the cluster {url}: {}", one_line(&e))),
    }
}

/// The innermost DataFusion error (contexts and shared errors unwrapped).
fn root(e: &DataFusionError) -> &DataFusionError {
    match e {
        DataFusionError::Context(_, inner) => root(inner),
        DataFusionError::Shared(inner) => root(inner),
        DataFusionError::Diagnostic(_, inner) => root(inner),
        DataFusionError::Collection(errors) => errors.first().map_or(e, root),
        _ => e,
    }
}

/// DataFusion's message without its trailing blank lines and backtrace hint.
pub(crate) fn one_line(e: &DataFusionError) -> String {
    e.to_string().trim().to_string()
}
