//! Queries on the fixture warehouse: the partition column, joins, the shipped queries against a direct
//! count of the fixture's papers, the output forms, and the warehouse's errors.

use crate::support::{papers, query_file, warehouse, write_parquet, REPEATED};
use cd_sql::{query, SqlError, Target, Warehouse};
use datafusion::arrow::array::{ArrayRef, Int32Array};
use std::sync::Arc;

#[test]
fn tables_come_from_warehouse_json_with_their_partitions() {
    let (dir, wh) = warehouse();
    assert_eq!(wh.table_names(), ["authorships", "paper_topics", "papers"]);
    let papers_table = wh.tables.iter().find(|t| t.name == "papers").unwrap();
    assert_eq!(
        papers_table.partitions,
        vec![("year".to_string(), datafusion::arrow::datatypes::DataType::Int32)]
    );
    assert_eq!(wh.root, dir.path().canonicalize().unwrap());
    let r = query(&wh, "SELECT year, COUNT(*) AS n FROM papers GROUP BY year ORDER BY year", &Target::Local)
        .unwrap();
    assert_eq!(r.header(), ["year", "n"]);
    // Each paper has two rows (its conference and AI Index copies), and the repeated one a third.
    let mut expected = std::collections::BTreeMap::<i32, usize>::new();
    for p in papers() {
        *expected.entry(p.year).or_default() += if p.id == REPEATED { 3 } else { 2 };
    }
    let expected: Vec<[String; 2]> = expected.iter().map(|(y, n)| [y.to_string(), n.to_string()]).collect();
    assert_eq!(r.text_rows().unwrap(), expected);
    assert_eq!(expected[3], ["2019", "7"]);
}

#[test]
fn without_warehouse_json_every_folder_with_parquet_is_a_table() {
    let (dir, _) = warehouse();
    std::fs::remove_file(dir.path().join("warehouse.json")).unwrap();
    std::fs::create_dir_all(dir.path().join("empty_folder")).unwrap();
    let wh = Warehouse::open(dir.path()).unwrap();
    assert_eq!(wh.table_names(), ["authorships", "paper_topics", "papers"]);
}

#[test]
fn topic_shares_query_equals_a_direct_count() {
    let (_dir, wh) = warehouse();
    let r = query(&wh, &query_file("topic_shares.sql"), &Target::Local).unwrap();
    assert_eq!(
        r.header(),
        [
            "topic",
            "period",
            "papers",
            "papers_known_team",
            "academic_only_papers",
            "academic_only_share",
            "academic_fractional_share"
        ]
    );
    let rows = r.json_rows().unwrap();
    // Direct count over the fixture: accepted papers, periods of the default definitions.
    let period = |y: i32| match y {
        2010..=2013 => Some("2010-13"),
        2014..=2017 => Some("2014-17"),
        2018..=2021 => Some("2018-21"),
        y if y >= 2022 => Some("2022+"),
        _ => None,
    };
    let mut expected = std::collections::BTreeMap::new();
    for p in papers().iter().filter(|p| p.accepted) {
        let Some(per) = period(p.year) else { continue };
        for t in p.topics {
            let e = expected.entry((t.to_string(), per)).or_insert((0, 0, 0, 0.0));
            e.0 += 1;
            if p.team != "unknown" {
                e.1 += 1;
                e.2 += (p.team == "academic_only") as i64;
                e.3 += p.academic_share;
            }
        }
    }
    assert_eq!(rows.len(), expected.len());
    for (row, ((topic, per), (n, known, aca, frac))) in rows.iter().zip(&expected) {
        assert_eq!(row["topic"], topic.as_str());
        assert_eq!(row["period"], *per);
        assert_eq!(row["papers"], *n);
        assert_eq!(row["papers_known_team"], *known);
        assert_eq!(row["academic_only_papers"], *aca);
        let share = row["academic_only_share"].as_f64().unwrap();
        assert!((share - *aca as f64 / *known as f64).abs() < 1e-12);
        let fractional = row["academic_fractional_share"].as_f64().unwrap();
        assert!((fractional - frac / *known as f64).abs() < 1e-12);
    }
    // Spot values: vision 2010-13 has a1 (academic), a2 (industry), a3 (unknown): 3 papers, 2 known, 1/2.
    assert_eq!(rows[3]["topic"], "vision");
    assert_eq!((rows[3]["papers"].as_i64(), rows[3]["papers_known_team"].as_i64()), (Some(3), Some(2)));
    assert_eq!(rows[3]["academic_only_share"], 0.5);
}

#[test]
fn team_composition_query_counts_and_wilson_bounds() {
    let (_dir, wh) = warehouse();
    let r = query(&wh, &query_file("team_composition.sql"), &Target::Local).unwrap();
    let rows = r.json_rows().unwrap();
    let key: Vec<(String, i64, i64)> = rows
        .iter()
        .map(|r| {
            (
                r["venue"].as_str().unwrap().to_string(),
                r["year"].as_i64().unwrap(),
                r["papers"].as_i64().unwrap(),
            )
        })
        .collect();
    let k = |v: &str, y, n| (v.to_string(), y, n);
    assert_eq!(
        key,
        [
            k("ICML", 2005, 1),
            k("ICML", 2012, 1),
            k("ICML", 2016, 2),
            k("ICML", 2019, 1),
            k("NeurIPS", 2012, 2),
            k("NeurIPS", 2016, 1),
            k("NeurIPS", 2019, 1),
            k("all", 2005, 1),
            k("all", 2012, 3),
            k("all", 2016, 3),
            k("all", 2019, 2),
        ]
    );
    // all 2016: a4 collaboration + industry, a5 academic, a6 other: 1 of 3 academic-only, 1 of 3 industry.
    let all2016 = &rows[9];
    assert_eq!(all2016["academic_only"], 1);
    assert_eq!(all2016["industry_involved"], 1);
    assert_eq!(all2016["collaboration"], 1);
    assert_eq!(all2016["unknown"], 0);
    // Wilson 95% of 1 of 3, computed here: centre (p + z²/2n)/(1 + z²/n), half-width as cd_stats.
    let z: f64 = 1.959963984540054;
    let (p, n) = (1.0 / 3.0, 3.0);
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    assert!((all2016["academic_only_share_lower"].as_f64().unwrap() - (centre - half)).abs() < 1e-12);
    assert!((all2016["academic_only_share_upper"].as_f64().unwrap() - (centre + half)).abs() < 1e-12);
    // k = 0 and k = n give exactly 0 and 1.
    let icml2005 = &rows[0];
    assert_eq!(icml2005["academic_only_share_upper"], 1.0);
    assert_eq!(icml2005["industry_involved_share_lower"], 0.0);
}

#[test]
fn output_forms_text_json_and_parquet() {
    let (dir, wh) = warehouse();
    let r = query(
        &wh,
        "SELECT paper_id, year, academic_share, accepted, CAST(NULL AS VARCHAR) AS nothing FROM papers \
         WHERE paper_id IN ('a4', 'a8') AND source = 'conference' ORDER BY paper_id",
        &Target::Local,
    )
    .unwrap();
    // DataFusion reads Parquet strings as string views.
    assert_eq!(r.types(), ["Utf8View", "Int32", "Float64", "Boolean", "Utf8View"]);
    assert_eq!(
        r.text_rows().unwrap(),
        [["a4", "2016", "0.5", "true", ""], ["a8", "2019", "1.0", "false", ""]]
    );
    let json =
        serde_json::Value::Array(r.json_rows().unwrap().into_iter().map(serde_json::Value::Object).collect());
    assert_eq!(
        json,
        serde_json::json!([
            {"paper_id": "a4", "year": 2016, "academic_share": 0.5, "accepted": true, "nothing": null},
            {"paper_id": "a8", "year": 2019, "academic_share": 1.0, "accepted": false, "nothing": null},
        ])
    );
    // Parquet round trip: the written file is a table of a new warehouse.
    let out = dir.path().join("roundtrip/result");
    std::fs::create_dir_all(&out).unwrap();
    r.write_parquet(std::fs::File::create(out.join("part-00000.parquet")).unwrap()).unwrap();
    let wh2 = Warehouse::open(&dir.path().join("roundtrip")).unwrap();
    let back = query(&wh2, "SELECT * FROM result ORDER BY paper_id", &Target::Local).unwrap();
    assert_eq!(back.text_rows().unwrap(), r.text_rows().unwrap());
}

#[test]
fn an_unreadable_warehouse_is_bad_data() {
    let missing = Warehouse::open(std::path::Path::new("/nonexistent/warehouse")).unwrap_err();
    assert!(!missing.is_usage());
    assert!(missing.to_string().contains("/nonexistent/warehouse"), "{missing}");

    let (dir, _) = warehouse();
    std::fs::write(dir.path().join("warehouse.json"), "{not json").unwrap();
    let e = Warehouse::open(dir.path()).unwrap_err();
    assert!(matches!(e, SqlError::Warehouse { .. }) && e.to_string().contains("not valid JSON"), "{e}");

    // A listed table without folder is an empty table when warehouse.json gives its columns.
    let manifest = r#"{"tables": [{"name": "papers"}, {"name": "citations", "columns":
        [{"name": "citing_paper_id", "type": "Utf8", "nullable": false}]}]}"#;
    std::fs::write(dir.path().join("warehouse.json"), manifest).unwrap();
    let wh = Warehouse::open(dir.path()).unwrap();
    let r =
        query(&wh, "SELECT COUNT(*) AS n, MIN(citing_paper_id) AS m FROM citations", &Target::Local).unwrap();
    assert_eq!(r.text_rows().unwrap(), [["0", ""]]);

    std::fs::write(dir.path().join("warehouse.json"), r#"{"tables": [{"name": "models"}]}"#).unwrap();
    let e = Warehouse::open(dir.path()).unwrap_err();
    assert!(e.to_string().contains("table `models` is listed but its folder is missing"), "{e}");

    // A file that is not Parquet: the table cannot be registered.
    let (dir, _) = warehouse();
    std::fs::write(dir.path().join("paper_topics/part-00001.parquet"), b"not parquet").unwrap();
    let wh = Warehouse::open(dir.path()).unwrap();
    let e = query(&wh, "SELECT COUNT(*) FROM paper_topics", &Target::Local).unwrap_err();
    assert!(!e.is_usage(), "{e:?}");
    assert!(e.to_string().contains("paper_topics"), "{e}");
}

#[test]
fn mixed_partition_keys_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let col =
        |v: i32| -> Vec<(&str, ArrayRef)> { vec![("x", Arc::new(Int32Array::from(vec![v])) as ArrayRef)] };
    write_parquet(&dir.path().join("t/year=2020/part-00000.parquet"), col(1));
    write_parquet(&dir.path().join("t/venue=x/part-00000.parquet"), col(2));
    let e = Warehouse::open(dir.path()).unwrap_err();
    assert!(e.to_string().contains("at one level"), "{e}");
}
