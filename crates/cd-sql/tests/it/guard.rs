//! The read-only guard: every kind of write or outside access is refused with its name, and DataFusion's
//! own `SQLOptions` check refuses DDL and DML plans too.

use crate::support::warehouse;
use cd_sql::{query, SqlError, Target};

fn refusal(sql: &str) -> String {
    let (_dir, wh) = warehouse();
    match query(&wh, sql, &Target::Local) {
        Err(e @ SqlError::Refused(_)) => {
            assert!(e.is_usage());
            e.to_string()
        }
        other => panic!("{sql}: expected a refusal, got {other:?}"),
    }
}

#[test]
fn ddl_dml_copy_and_set_are_refused_by_name() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().display();
    let copy_table = format!("COPY papers TO '{o}/out.parquet'");
    let copy_query = format!("COPY (SELECT 1) TO '{o}/out.csv' STORED AS CSV");
    let explain_copy = format!("EXPLAIN COPY papers TO '{o}/out2.parquet'");
    let cases = [
        ("CREATE TABLE t (x INT)", "CREATE TABLE statement"),
        ("CREATE TABLE t AS SELECT * FROM papers", "CREATE TABLE statement"),
        ("CREATE OR REPLACE VIEW v AS SELECT 1", "CREATE OR REPLACE VIEW statement"),
        (
            "CREATE EXTERNAL TABLE t STORED AS PARQUET LOCATION '/tmp/x.parquet'",
            "CREATE EXTERNAL TABLE statement",
        ),
        ("DROP TABLE papers", "DROP TABLE statement"),
        ("INSERT INTO papers SELECT * FROM papers", "INSERT statement"),
        ("DELETE FROM papers", "DELETE statement"),
        ("UPDATE papers SET title = 'x'", "UPDATE statement"),
        (copy_table.as_str(), "COPY statement"),
        (copy_query.as_str(), "COPY statement"),
        ("SET datafusion.execution.batch_size = 1", "SET statement"),
        (explain_copy.as_str(), "COPY statement"),
        ("EXPLAIN DELETE FROM papers", "DELETE statement"),
    ];
    for (sql, name) in cases {
        let msg = refusal(sql);
        assert!(msg.starts_with("refused: ") && msg.contains(name), "{sql}: {msg}");
        assert!(msg.contains("read-only"), "{sql}: {msg}");
    }
    // Nothing was written.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn files_table_functions_and_other_catalogs_are_refused() {
    let cases = [
        ("SELECT * FROM '/etc/passwd'", "`/etc/passwd` is not a table of the warehouse"),
        ("SELECT * FROM 'papers/year=2012/part-00000.parquet'", "is not a table of the warehouse"),
        ("SELECT * FROM read_parquet('/tmp/x.parquet')", "`read_parquet` is not a table of the warehouse"),
        ("SELECT * FROM generate_series(1, 3)", "`generate_series` is not a table of the warehouse"),
        ("SELECT * FROM information_schema.tables", "`information_schema.tables` is not a table"),
        ("SELECT * FROM other.papers", "`other.papers` is not a table"),
        ("WITH x AS (SELECT * FROM '/etc/hosts') SELECT * FROM x", "`/etc/hosts` is not a table"),
        ("SELECT (SELECT COUNT(*) FROM nope) FROM papers", "`nope` is not a table"),
    ];
    for (sql, expected) in cases {
        let msg = refusal(sql);
        assert!(msg.contains(expected), "{sql}: {msg}");
        assert!(msg.contains("authorships, paper_topics, papers"), "{sql}: {msg}");
    }
}

#[test]
fn select_into_is_refused_by_the_plan_check() {
    // Parses as a query, plans as DDL (CREATE MEMORY TABLE): DataFusion's SQLOptions catch it.
    let msg = refusal("SELECT * INTO copy_of_papers FROM papers");
    assert!(msg.contains("DDL not supported"), "{msg}");
}

#[test]
fn datafusion_sql_options_refuse_ddl_dml_and_statements_on_their_own() {
    // The second layer alone, on plans the first layer never lets through.
    let (dir, wh) = warehouse();
    let never = dir.path().join("never.csv");
    let copy = format!("COPY (SELECT 1) TO '{}' STORED AS CSV", never.display());
    let rt = cd_sql::runtime().unwrap();
    rt.block_on(async {
        let ctx = cd_sql::context(&wh, &Target::Local).await.unwrap();
        let state = ctx.state();
        let options = cd_sql::guard::sql_options();
        for (sql, expected) in [
            ("CREATE TABLE t AS SELECT 1", "DDL not supported"),
            ("CREATE VIEW v AS SELECT 1", "DDL not supported"),
            ("DROP TABLE papers", "DDL not supported"),
            ("INSERT INTO papers SELECT * FROM papers", "DML not supported"),
            (copy.as_str(), "DML not supported: COPY"),
            ("SET datafusion.execution.batch_size = 1", "Statement not supported"),
        ] {
            let plan = state.create_logical_plan(sql).await.unwrap();
            let e = options.verify_plan(&plan).unwrap_err().to_string();
            assert!(e.contains(expected), "{sql}: {e}");
        }
        let plan = state.create_logical_plan("SELECT COUNT(*) FROM papers").await.unwrap();
        options.verify_plan(&plan).unwrap();
    });
    assert!(!never.exists());
}

#[test]
fn two_statements_bad_syntax_and_unknown_columns_are_usage_errors() {
    let (_dir, wh) = warehouse();
    for (sql, expected) in [
        ("SELECT 1; DROP TABLE papers", "single SQL statement"),
        ("SELEC 1", "invalid SQL"),
        ("SELECT no_such_column FROM papers", "no_such_column"),
        ("", "invalid SQL"),
    ] {
        let e = query(&wh, sql, &Target::Local).unwrap_err();
        assert!(e.is_usage(), "{sql}: {e:?}");
        assert!(e.to_string().contains(expected), "{sql}: {e}");
    }
}

#[test]
fn queries_and_explain_pass() {
    let (_dir, wh) = warehouse();
    for sql in [
        "SELECT COUNT(*) FROM papers",
        "WITH t AS (SELECT * FROM paper_topics) SELECT COUNT(*) FROM t",
        "VALUES (1), (2)",
        "EXPLAIN SELECT COUNT(*) FROM papers",
    ] {
        query(&wh, sql, &Target::Local).unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}
