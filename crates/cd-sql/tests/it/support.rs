//! A small warehouse with the columns of `docs/warehouse.md`, written with the arrow and parquet crates:
//! `papers` (here hive-partitioned by year, `papers/year=YYYY/part-00000.parquet`, to test partition
//! columns too), `paper_topics` and `authorships`, and `warehouse.json` listing them. Each paper also has
//! a second copy from another source (`aiindex`) outside both corpora, and an OpenAlex-taxonomy topic row,
//! which the shipped queries must leave out; and one paper (`a7`) is listed twice by its source, the
//! second row (`occurrence` 2) outside both corpora with a topic of its own (`robotics`), which must not
//! reach the first row.

use datafusion::arrow::array::{ArrayRef, BooleanArray, Float64Array, Int32Array, RecordBatch, StringArray};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::{Compression, ZstdLevel};
use datafusion::parquet::file::properties::WriterProperties;
use std::path::Path;
use std::sync::Arc;

/// One paper of the fixture.
pub struct P {
    pub id: &'static str,
    pub year: i32,
    pub venue: &'static str,
    pub team: &'static str,
    pub industry: bool,
    pub academic_share: f64,
    /// Accepted, hence in the corpora (the fixture has no duplicates within a corpus).
    pub accepted: bool,
    pub topics: &'static [&'static str],
}

/// The paper listed twice by its source (the second row outside the corpora, with a topic of its own).
pub const REPEATED: &str = "a7";

/// The fixture's papers: 2 venues, 4 years over 3 periods, every team kind, one rejected paper.
pub fn papers() -> Vec<P> {
    let p = |id, year, venue, team, industry, academic_share, accepted, topics| P {
        id,
        year,
        venue,
        team,
        industry,
        academic_share,
        accepted,
        topics,
    };
    vec![
        p("a1", 2012, "NeurIPS", "academic_only", false, 1.0, true, &["vision"]),
        p("a2", 2012, "NeurIPS", "industry_only", true, 0.0, true, &["vision", "language_models"]),
        p("a3", 2012, "ICML", "unknown", false, 0.0, true, &["vision"]),
        p("a4", 2016, "ICML", "collaboration", true, 0.5, true, &["language_models"]),
        p("a5", 2016, "ICML", "academic_only", false, 1.0, true, &["language_models"]),
        p("a6", 2016, "NeurIPS", "other", false, 0.0, true, &["vision"]),
        p("a7", 2019, "NeurIPS", "academic_only", false, 1.0, true, &["vision", "language_models"]),
        p("a8", 2019, "NeurIPS", "academic_only", false, 1.0, false, &["vision"]),
        p("a9", 2019, "ICML", "collaboration", true, 0.25, true, &["vision"]),
        p("b1", 2005, "ICML", "academic_only", false, 1.0, true, &["vision"]),
    ]
}

pub fn write_parquet(path: &Path, columns: Vec<(&str, ArrayRef)>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let props = WriterProperties::builder().set_compression(Compression::ZSTD(ZstdLevel::default())).build();
    let mut w =
        ArrowWriter::try_new(std::fs::File::create(path).unwrap(), batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn strings<'a>(v: impl IntoIterator<Item = &'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(v))
}

/// Write the fixture warehouse into `dir`.
pub fn write_warehouse(dir: &Path) {
    let all = papers();
    let mut years: Vec<i32> = all.iter().map(|p| p.year).collect();
    years.sort();
    years.dedup();
    for year in years {
        let ps: Vec<&P> = all.iter().filter(|p| p.year == year).collect();
        // Each paper twice: the counted copy, and an AI Index copy in neither corpus; `a7` a third time,
        // as the second row of its id in its source.
        let copies: Vec<(&P, &str, i32)> = ps
            .iter()
            .map(|p| (*p, "conference", 1))
            .chain(ps.iter().map(|p| (*p, "aiindex", 1)))
            .chain(ps.iter().filter(|p| p.id == REPEATED).map(|p| (*p, "conference", 2)))
            .collect();
        let counted: Vec<bool> =
            copies.iter().map(|(p, s, n)| p.accepted && *s == "conference" && *n == 1).collect();
        let bools = |v: Vec<bool>| -> ArrayRef { Arc::new(BooleanArray::from(v)) };
        let floats = |v: Vec<f64>| -> ArrayRef { Arc::new(Float64Array::from(v)) };
        write_parquet(
            &dir.join(format!("papers/year={year}/part-00000.parquet")),
            vec![
                ("paper_id", strings(copies.iter().map(|(p, _, _)| p.id))),
                ("source", strings(copies.iter().map(|(_, s, _)| *s))),
                ("occurrence", Arc::new(Int32Array::from_iter_values(copies.iter().map(|(_, _, n)| *n)))),
                ("venue", strings(copies.iter().map(|(p, _, _)| p.venue))),
                ("title", strings(copies.iter().map(|(p, _, _)| p.id))),
                ("team", strings(copies.iter().map(|(p, _, _)| p.team))),
                ("academic_share", floats(copies.iter().map(|(p, _, _)| p.academic_share).collect())),
                (
                    "industry_share",
                    floats(copies.iter().map(|(p, _, _)| if p.industry { 0.5 } else { 0.0 }).collect()),
                ),
                (
                    "status",
                    strings(copies.iter().map(|(p, _, _)| if p.accepted { "accepted" } else { "rejected" })),
                ),
                ("accepted", bools(copies.iter().map(|(p, _, _)| p.accepted).collect())),
                ("counted", bools(copies.iter().map(|(p, _, _)| p.accepted).collect())),
                ("in_publication_corpus", bools(counted.clone())),
                ("in_topic_corpus", bools(counted)),
            ],
        );
    }
    let mut rows: Vec<(&str, &str, i32, &str, &str)> = Vec::new();
    for p in &all {
        for source in ["conference", "aiindex"] {
            for t in p.topics {
                rows.push((p.id, source, 1, "study", t));
            }
            rows.push((p.id, source, 1, "openalex", "Computer vision (OpenAlex)"));
        }
        if p.id == REPEATED {
            rows.push((p.id, "conference", 2, "study", "robotics"));
        }
    }
    write_parquet(
        &dir.join("paper_topics/part-00000.parquet"),
        vec![
            ("paper_id", strings(rows.iter().map(|x| x.0))),
            ("source", strings(rows.iter().map(|x| x.1))),
            ("occurrence", Arc::new(Int32Array::from_iter_values(rows.iter().map(|x| x.2)))),
            ("taxonomy", strings(rows.iter().map(|x| x.3))),
            ("topic", strings(rows.iter().map(|x| x.4))),
        ],
    );
    write_parquet(
        &dir.join("authorships/part-00000.parquet"),
        vec![
            ("paper_id", strings(all.iter().map(|p| p.id))),
            ("author_position", Arc::new(Int32Array::from_iter_values(all.iter().map(|_| 1)))),
        ],
    );
    std::fs::write(
        dir.join("warehouse.json"),
        r#"{"tables": [{"name": "papers"}, {"name": "paper_topics"}, {"name": "authorships"}]}"#,
    )
    .unwrap();
}

/// A fixture warehouse in a temporary folder.
pub fn warehouse() -> (tempfile::TempDir, cd_sql::Warehouse) {
    let dir = tempfile::tempdir().unwrap();
    write_warehouse(dir.path());
    let wh = cd_sql::Warehouse::open(dir.path()).unwrap();
    (dir, wh)
}

/// The repository's `queries/` folder.
pub fn query_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../queries").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
