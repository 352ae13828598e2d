//! `compute-divide sql` end to end (feature `sql`) on a small warehouse this test writes: the output
//! formats, the exit codes of refused SQL (2) and of an unreadable warehouse (1), `--file` with the shipped
//! queries; with the feature `distributed`, `cluster standalone` as a child process and `sql --cluster`.

use cd_sql::datafusion::arrow::array::{
    ArrayRef, BooleanArray, Float64Array, Int32Array, RecordBatch, StringArray,
};
use cd_sql::datafusion::parquet::arrow::ArrowWriter;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

fn strings(v: &[&str]) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(v.iter().copied()))
}

fn write(path: &Path, columns: Vec<(&str, ArrayRef)>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let mut w = ArrowWriter::try_new(std::fs::File::create(path).unwrap(), batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// `papers` (year-partitioned) and `paper_topics`, with the columns of docs/warehouse.md the shipped
/// queries read.
fn warehouse() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let papers = |ids: &[&str],
                  teams: &[&str],
                  industry: Vec<f64>,
                  share: Vec<f64>|
     -> Vec<(&'static str, ArrayRef)> {
        let n = ids.len();
        vec![
            ("paper_id", strings(ids)),
            ("source", strings(&vec!["papercopilot"; n])),
            ("occurrence", Arc::new(Int32Array::from(vec![1; n]))),
            ("venue", strings(&vec!["ICLR"; n])),
            ("team", strings(teams)),
            ("academic_share", Arc::new(Float64Array::from(share))),
            ("industry_share", Arc::new(Float64Array::from(industry))),
            ("in_publication_corpus", Arc::new(BooleanArray::from(vec![true; n]))),
            ("in_topic_corpus", Arc::new(BooleanArray::from(vec![true; n]))),
        ]
    };
    write(
        &d.join("papers/year=2015/part-00000.parquet"),
        papers(&["p1", "p2"], &["academic_only", "industry_only"], vec![0.0, 1.0], vec![1.0, 0.0]),
    );
    write(
        &d.join("papers/year=2023/part-00000.parquet"),
        papers(
            &["p3", "p4", "p5"],
            &["academic_only", "collaboration", "unknown"],
            vec![0.0, 0.5, 0.0],
            vec![1.0, 0.5, 0.0],
        ),
    );
    write(
        &d.join("paper_topics/part-00000.parquet"),
        vec![
            ("paper_id", strings(&["p1", "p2", "p3", "p4", "p5"])),
            ("source", strings(&["papercopilot"; 5])),
            ("occurrence", Arc::new(Int32Array::from(vec![1; 5]))),
            ("taxonomy", strings(&["study"; 5])),
            ("topic", strings(&["vision", "vision", "vision", "language_models", "vision"])),
        ],
    );
    std::fs::write(d.join("warehouse.json"), r#"{"tables": [{"name": "papers"}, {"name": "paper_topics"}]}"#)
        .unwrap();
    dir
}

fn sql(wh: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_compute-divide"))
        .arg("sql")
        .arg("--warehouse")
        .arg(wh)
        .args(args)
        .output()
        .unwrap()
}

fn stdout_ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn queries() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../queries")
}

#[test]
fn table_csv_and_json() {
    let wh = warehouse();
    let q = "SELECT year, COUNT(*) AS papers FROM papers GROUP BY year ORDER BY year";
    let table = stdout_ok(&sql(wh.path(), &[q]));
    let lines: Vec<&str> = table.lines().map(str::trim_end).collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["year", "papers"]);
    assert_eq!(lines.iter().filter(|l| l.starts_with("2015") || l.starts_with("2023")).count(), 2);
    assert_eq!(stdout_ok(&sql(wh.path(), &[q, "--format", "csv"])), "year,papers\n2015,2\n2023,3\n");
    let v: serde_json::Value =
        serde_json::from_str(&stdout_ok(&sql(wh.path(), &[q, "--format", "json"]))).unwrap();
    assert_eq!(v["row_count"], 2);
    assert_eq!(
        v["columns"],
        serde_json::json!([{"name": "year", "type": "Int32"}, {"name": "papers", "type": "Int64"}])
    );
    assert_eq!(v["rows"], serde_json::json!([{"year": 2015, "papers": 2}, {"year": 2023, "papers": 3}]));
    assert_eq!(v["sql"], q);
}

#[test]
fn shipped_queries_from_file() {
    let wh = warehouse();
    let file = queries().join("topic_shares.sql");
    let out = stdout_ok(&sql(wh.path(), &["--file", file.to_str().unwrap(), "--format", "csv"]));
    let rows: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        rows,
        [
            "topic,period,papers,papers_known_team,academic_only_papers,academic_only_share,academic_fractional_share",
            "language_models,2022+,1,1,0,0.0,0.5",
            "vision,2014-17,2,2,1,0.5,0.5",
            "vision,2022+,2,1,1,1.0,1.0",
        ]
    );
    let file = queries().join("team_composition.sql");
    let out = stdout_ok(&sql(wh.path(), &["--file", file.to_str().unwrap(), "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4, "ICLR 2015, 2023 and all 2015, 2023");
    assert_eq!((rows[1]["venue"].as_str(), rows[1]["year"].as_i64()), (Some("ICLR"), Some(2023)));
    assert_eq!(rows[1]["industry_involved"], 1);
    assert_eq!(rows[1]["unknown"], 1);
}

#[test]
fn parquet_to_a_file_reads_back() {
    let wh = warehouse();
    let out = wh.path().join("copy/result/part-00000.parquet");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let o = sql(
        wh.path(),
        &[
            "SELECT paper_id, team FROM papers ORDER BY paper_id",
            "--format",
            "parquet",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let back = stdout_ok(&sql(
        &wh.path().join("copy"),
        &["SELECT * FROM result ORDER BY paper_id", "--format", "csv"],
    ));
    assert!(back.starts_with("paper_id,team\np1,academic_only\np2,industry_only\n"), "{back}");
    // --out without --format parquet is a usage error.
    let o = sql(wh.path(), &["SELECT 1", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn refused_sql_exits_2_and_names_what_was_refused() {
    let wh = warehouse();
    for (q, name) in [
        ("DROP TABLE papers", "DROP TABLE"),
        ("INSERT INTO papers SELECT * FROM papers", "INSERT"),
        ("CREATE EXTERNAL TABLE x STORED AS PARQUET LOCATION '/etc'", "CREATE EXTERNAL TABLE"),
        ("COPY papers TO '/tmp/cd-sql-never.parquet'", "COPY"),
        ("SET datafusion.execution.batch_size = 1", "SET"),
        ("SELECT * FROM '/etc/passwd'", "`/etc/passwd` is not a table of the warehouse"),
    ] {
        let o = sql(wh.path(), &[q]);
        assert_eq!(o.status.code(), Some(2), "{q}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with("error: refused: ") && err.contains(name), "{q}: {err}");
        assert!(o.stdout.is_empty());
    }
    assert!(!Path::new("/tmp/cd-sql-never.parquet").exists());
    let o = sql(wh.path(), &["SELECT nope FROM papers"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("invalid SQL"));
}

#[test]
fn an_unreadable_warehouse_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let o = sql(&dir.path().join("missing"), &["SELECT 1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing"));
    std::fs::write(dir.path().join("warehouse.json"), "[]").unwrap();
    let o = sql(dir.path(), &["SELECT 1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no `tables` array"));
}

/// `cluster standalone` as a child process, then `sql --cluster` against it; the child is ended by its id.
#[cfg(feature = "distributed")]
#[test]
fn sql_on_a_standalone_cluster_child_process_equals_local() {
    use std::io::BufRead;
    let wh = warehouse();
    let mut child = Command::new(env!("CARGO_BIN_EXE_compute-divide"))
        .args(["cluster", "standalone", "--task-slots", "2"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut url).unwrap();
    let url = url.trim().to_string();
    let file = queries().join("topic_shares.sql");
    let args = ["--file", file.to_str().unwrap(), "--format", "csv"];
    let local = sql(wh.path(), &args);
    let remote = sql(wh.path(), &[&args[..], &["--cluster", url.as_str()]].concat());
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(url.starts_with("df://localhost:"), "{url}");
    assert_eq!(stdout_ok(&remote), stdout_ok(&local));
}
