//! `cd_warehouse::build` on the shipped data folder and an OpenAlex snapshot made of the 200 real works
//! (`openalex/works_sample_200.jsonl`) split into parts: incremental rebuilds, a resumed build, shards, a
//! manifest whose record count disagrees, byte-identical files at one thread and at many; and (heavy)
//! every table read by pandas and DuckDB with the OpenAlex rows checked field by field against Python's
//! json module (tools/warehouse/check.py).

use cd_warehouse::snapshot::Shard;
use cd_warehouse::{build, BuildOptions, OpenAlexFilter, WarehouseManifest};
use std::io::Write;
use std::path::{Path, PathBuf};

fn sample(data: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(data.join("openalex").join("works_sample_200.jsonl")).unwrap();
    text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

/// Write works as a gzip part `data/works/updated_date=<date>/part_000.gz` of the snapshot `root`.
fn write_part(root: &Path, date: &str, works: &[String]) -> PathBuf {
    let dir = root.join("data").join("works").join(format!("updated_date={date}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("part_000.gz");
    let mut gz =
        flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::fast());
    for w in works {
        writeln!(gz, "{w}").unwrap();
    }
    gz.finish().unwrap();
    path
}

/// OpenAlex's manifest of the snapshot's parts (`entries` with `url` and `meta.record_count`).
fn write_manifest(root: &Path, entries: &[(&str, usize)]) {
    let entries: Vec<serde_json::Value> = entries
        .iter()
        .map(|(date, n)| {
            serde_json::json!({
                "url": format!("s3://openalex/data/works/updated_date={date}/part_000.gz"),
                "meta": {"content_length": 1, "record_count": n}
            })
        })
        .collect();
    let m = serde_json::json!({"entries": entries, "meta": {"content_length": 1, "record_count": 0}});
    std::fs::write(root.join("data").join("works").join("manifest"), m.to_string()).unwrap();
}

fn opts(out: &Path, snapshot: &Path, shard: Option<Shard>) -> BuildOptions {
    BuildOptions {
        out: out.to_path_buf(),
        openalex: vec![snapshot.to_path_buf()],
        filter: OpenAlexFilter::None,
        shard,
        progress: false,
        program: "test".into(),
    }
}

fn status(m: &WarehouseManifest) -> Vec<(u32, String)> {
    m.parts.iter().map(|p| (p.record.part, p.status.clone())).collect()
}

fn rows(m: &WarehouseManifest, table: &str) -> u64 {
    m.tables.iter().find(|t| t.name == table).unwrap().rows
}

/// Every Parquet file and marker of a warehouse, with its bytes.
fn files(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v = Vec::new();
    for dir in std::fs::read_dir(out).unwrap().flatten().filter(|e| e.path().is_dir()) {
        for f in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let name = format!("{}/{}", dir.file_name().to_string_lossy(), f.file_name().to_string_lossy());
            v.push((name, std::fs::read(f.path()).unwrap()));
        }
    }
    v.sort();
    v
}

fn modified(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
fn incremental_resumed_sharded_and_deterministic() {
    let Some(data) = crate::support::shared_data() else { return };
    let works = sample(&data.root);
    assert_eq!(works.len(), 200);
    let defs = cd_domain::Definitions::default();
    let tmp = tempfile::tempdir().unwrap();
    let snap = tmp.path().join("snapshot");
    write_part(&snap, "2024-01-01", &works[..70]);
    write_part(&snap, "2024-02-01", &works[70..140]);
    write_manifest(&snap, &[("2024-01-01", 70), ("2024-02-01", 70)]);
    let out = tmp.path().join("wh");

    // First build: part 0 (the data folder) and the two snapshot parts.
    let m = build(&data, &defs, &opts(&out, &snap, None)).unwrap().manifest;
    assert_eq!(status(&m), [(0, "written".into()), (1, "written".into()), (2, "written".into())]);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    let shipped_papers = m.parts[0].record.tables.iter().find(|t| t.table == "papers").unwrap().rows;
    assert_eq!(rows(&m, "papers"), shipped_papers + 140);
    for p in &m.parts[1..] {
        assert_eq!(p.record.works_kept, Some(70));
        assert_eq!(p.record.reads[0].rows_loaded, 70);
        assert_eq!(p.record.manifest_records, Some(70));
    }
    let papers0 = out.join("papers/part-00000.parquet");
    let papers1 = out.join("papers/part-00001.parquet");
    let (t0, t1) = (modified(&papers0), modified(&papers1));
    let before = files(&out);

    // Unchanged inputs: everything kept, no file touched.
    let m = build(&data, &defs, &opts(&out, &snap, None)).unwrap().manifest;
    assert_eq!(status(&m), [(0, "kept".into()), (1, "kept".into()), (2, "kept".into())]);
    assert_eq!(files(&out), before);
    assert_eq!((modified(&papers0), modified(&papers1)), (t0, t1));

    // A new part whose manifest count is wrong (61 listed, 60 there): only it is written, and the
    // mismatch is reported.
    write_part(&snap, "2024-03-01", &works[140..]);
    write_manifest(&snap, &[("2024-01-01", 70), ("2024-02-01", 70), ("2024-03-01", 61)]);
    let m = build(&data, &defs, &opts(&out, &snap, None)).unwrap().manifest;
    assert_eq!(
        status(&m),
        [(0, "kept".into()), (1, "kept".into()), (2, "kept".into()), (3, "written".into())]
    );
    assert_eq!((modified(&papers0), modified(&papers1)), (t0, t1));
    assert_eq!(rows(&m, "papers"), shipped_papers + 200);
    assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
    assert!(
        m.warnings[0].contains("the manifest gives 61 records, the file has 60 works"),
        "{}",
        m.warnings[0]
    );

    // A killed build: part 2's marker and a half-written file. The next build writes part 2 only.
    std::fs::remove_file(out.join("_parts/part-00002.json")).unwrap();
    std::fs::write(out.join("papers/part-00002.parquet.tmp"), b"half").unwrap();
    let m = build(&data, &defs, &opts(&out, &snap, None)).unwrap().manifest;
    assert_eq!(
        status(&m),
        [(0, "kept".into()), (1, "kept".into()), (2, "written".into()), (3, "kept".into())]
    );
    assert!(!out.join("papers/part-00002.parquet.tmp").exists());
    let full = files(&out);

    // The same snapshot built as two shards, one thread, in a fresh folder: the same files, byte for byte.
    let out2 = tmp.path().join("wh2");
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let s1 = pool
        .install(|| build(&data, &defs, &opts(&out2, &snap, Some(Shard::parse("1/2").unwrap()))))
        .unwrap()
        .manifest;
    assert_eq!(status(&s1), [(0, "written".into()), (1, "written".into()), (3, "written".into())]);
    let s2 = pool
        .install(|| build(&data, &defs, &opts(&out2, &snap, Some(Shard::parse("2/2").unwrap()))))
        .unwrap()
        .manifest;
    assert_eq!(
        status(&s2),
        [
            (0, "kept".into()),
            (1, "kept (other shard)".into()),
            (2, "written".into()),
            (3, "kept (other shard)".into())
        ]
    );
    let all = build(&data, &defs, &opts(&out2, &snap, None)).unwrap().manifest;
    assert!(all.parts.iter().all(|p| p.status == "kept"), "{:?}", status(&all));
    assert_eq!(files(&out2), full, "files differ between the two histories / thread counts");

    // Removing a part from the inputs removes its files.
    std::fs::remove_dir_all(snap.join("data/works/updated_date=2024-03-01")).unwrap();
    write_manifest(&snap, &[("2024-01-01", 70), ("2024-02-01", 70)]);
    let m = build(&data, &defs, &opts(&out, &snap, None)).unwrap().manifest;
    assert_eq!(m.parts.len(), 3);
    assert!(!out.join("papers/part-00003.parquet").exists());
    assert_eq!(rows(&m, "papers"), shipped_papers + 140);
}

#[test]
fn pandas_and_duckdb_read_every_table_and_python_agrees_on_the_openalex_rows() {
    if !crate::support::heavy("pandas, pyarrow and DuckDB (tools/warehouse/check.py)") {
        return;
    }
    let Some(data) = crate::support::shared_data() else { return };
    let ready = std::process::Command::new("python3")
        .args(["-c", "import pandas, pyarrow, duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        cd_ingest::locate::skip_test(
            "python3 with pandas, pyarrow and duckdb not found (pip install pandas pyarrow duckdb)",
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let sample = data.root.join("openalex").join("works_sample_200.jsonl");
    let out = tmp.path().join("wh");
    let o = BuildOptions {
        out: out.clone(),
        openalex: vec![sample.clone()],
        filter: OpenAlexFilter::None,
        shard: None,
        progress: false,
        program: "test".into(),
    };
    let m = build(&data, &cd_domain::Definitions::default(), &o).unwrap().manifest;
    // All 200 real works load, none rejected.
    let p = &m.parts[1].record;
    assert_eq!((p.reads[0].rows_read, p.reads[0].rows_loaded, p.reads[0].rows_rejected), (200, 200, 0));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/warehouse/check.py");
    let run = std::process::Command::new("python3")
        .arg(&script)
        .arg(&out)
        .arg("--openalex")
        .arg(&sample)
        .arg("--data")
        .arg(&data.root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&run.stdout);
    println!("{text}");
    assert!(run.status.success(), "{text}\n{}", String::from_utf8_lossy(&run.stderr));
    // Every table with rows was checked by both readers.
    for t in m.tables.iter().filter(|t| t.rows > 0) {
        assert!(text.contains(&format!("ok   {}: DuckDB reads {} rows", t.name, t.rows)), "{}", t.name);
    }
    assert!(text.contains("ok   OpenAlex papers: 200 works, fields equal"), "{text}");
}
