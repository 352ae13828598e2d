//! The read-only guard: one statement, a query, over the warehouse's tables only.
//!
//! Three layers, each enough on its own for what it covers:
//! 1. the statement's kind, from the parsed SQL: only `SELECT` / `WITH` / `VALUES` queries and `EXPLAIN`
//!    of one pass; DDL (`CREATE`, `DROP`, `ALTER`, `CREATE EXTERNAL TABLE`), DML (`INSERT`, `UPDATE`,
//!    `DELETE`, `COPY`), `SET`, `RESET`, `SHOW` and the rest are refused by name;
//! 2. the relations the query names (CTEs aside) must be tables of the warehouse: a quoted path
//!    (`FROM '/etc/passwd'`), a table function (`read_parquet('x')`, `generate_series(…)`) or another
//!    catalog's table is refused; the session also has no table functions and no URL tables at all;
//! 3. the logical plan is verified by DataFusion's `SQLOptions` with DDL, DML and statements disallowed
//!    (this catches `SELECT … INTO new_table`, which parses as a query but plans as DDL).

use crate::{planning_error, Result, SqlError, Target};
use datafusion::common::TableReference;
use datafusion::logical_expr::LogicalPlan;
use datafusion::prelude::SessionContext;
use datafusion::sql::parser::Statement as DfStatement;
use datafusion::sql::sqlparser::ast::Statement as SqlStatement;

/// What every statement is checked against after planning.
pub fn sql_options() -> datafusion::execution::context::SQLOptions {
    datafusion::execution::context::SQLOptions::new()
        .with_allow_ddl(false)
        .with_allow_dml(false)
        .with_allow_statements(false)
}

/// Parse, check and plan `sql` on `ctx` (whose tables are `tables`).
pub async fn plan(ctx: &SessionContext, sql: &str, tables: &[String]) -> Result<LogicalPlan> {
    let state = ctx.state();
    let dialect = state.config().options().sql_parser.dialect;
    let statement = state.sql_to_statement(sql, &dialect).map_err(|e| planning_error(e, &Target::Local))?;
    check_kind(&statement)?;
    let references =
        state.resolve_table_references(&statement).map_err(|e| planning_error(e, &Target::Local))?;
    check_references(&references, tables)?;
    let plan = state.statement_to_plan(statement).await.map_err(|e| planning_error(e, &Target::Local))?;
    sql_options().verify_plan(&plan).map_err(|e| {
        SqlError::Refused(format!("{} (compute-divide sql is read-only)", crate::one_line(&e)))
    })?;
    Ok(plan)
}

/// Only a query, or `EXPLAIN` of a query.
pub fn check_kind(statement: &DfStatement) -> Result<()> {
    match statement {
        DfStatement::Statement(s) => check_sql_kind(s),
        DfStatement::Explain(e) => check_kind(&e.statement),
        DfStatement::CreateExternalTable(_) => Err(refused("CREATE EXTERNAL TABLE")),
        DfStatement::CopyTo(_) => Err(refused("COPY")),
        DfStatement::Reset(_) => Err(refused("RESET")),
    }
}

fn check_sql_kind(s: &SqlStatement) -> Result<()> {
    match s {
        SqlStatement::Query(_) => Ok(()),
        SqlStatement::Explain { statement, .. } => check_sql_kind(statement),
        other => Err(refused(&statement_name(other))),
    }
}

fn refused(what: &str) -> SqlError {
    SqlError::Refused(format!(
        "{what} statement: compute-divide sql is read-only (only SELECT, WITH, VALUES and EXPLAIN queries \
         over the warehouse's tables)"
    ))
}

/// The statement's leading keywords as written by the parser: `INSERT`, `CREATE TABLE`,
/// `CREATE OR REPLACE VIEW`, `SET`, `DROP TABLE` ...
fn statement_name(s: &SqlStatement) -> String {
    let text = s.to_string();
    let mut words = Vec::new();
    for w in text.split_whitespace() {
        let is_keyword = w.chars().all(|c| c.is_ascii_uppercase() || c == '_') && !w.is_empty();
        if !is_keyword || words.len() == 4 {
            break;
        }
        words.push(w);
        // After the object kind comes its name.
        if ["TABLE", "VIEW", "SCHEMA", "DATABASE", "FUNCTION", "INDEX", "CATALOG", "INTO", "FROM"]
            .contains(&w)
        {
            break;
        }
        if words.len() == 1 && !["CREATE", "DROP", "ALTER", "TRUNCATE", "SHOW"].contains(&w) {
            break;
        }
    }
    if words.is_empty() {
        "this".to_string()
    } else {
        words.join(" ")
    }
}

/// Every relation must be one of the warehouse's tables, by its bare name.
pub fn check_references(references: &[TableReference], tables: &[String]) -> Result<()> {
    for r in references {
        let ok = matches!(r, TableReference::Bare { table } if tables.iter().any(|t| t.as_str() == table.as_ref()));
        if !ok {
            return Err(SqlError::Refused(format!(
                "`{r}` is not a table of the warehouse: compute-divide sql reads only the warehouse's tables \
                 ({}), no file paths, table functions or other catalogs",
                tables.join(", ")
            )));
        }
    }
    Ok(())
}
