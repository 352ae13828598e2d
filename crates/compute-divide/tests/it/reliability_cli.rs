//! Issue 11's regressions end to end: inputs that crashed, hung or slipped through, each answered now
//! with a clear message and the documented exit code (0 ok, 1 bad or unreadable data, 2 bad usage).

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_compute-divide"))
}

/// Run `cmd` with stdin closed, failing the test (instead of hanging it) after 120 s. The output is
/// read while the command runs (in a thread), so a large output never blocks it.
fn run(mut cmd: Command) -> Output {
    cmd.stdin(Stdio::null());
    let shown = format!("{cmd:?}");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(cmd.output()));
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(out) => out.unwrap(),
        Err(_) => panic!("{shown} hung for 120 s"),
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const AI_INDEX_HEADER: &str =
    "link,category,title,abstract,keywords,ccs_concepts,author_names,author_affiliations,author_countries\n";

/// A list cell nested 32,000 deep aborted the program (stack overflow, rc 134) and took `report` down
/// with it; a million unclosed brackets exhausted memory. Now the cell is read as an empty list with a
/// note naming row and field, and the paper is loaded.
#[test]
fn deeply_nested_ai_index_cells_are_a_note_not_an_abort() {
    let dir = tempfile::tempdir().unwrap();
    for (name, cell) in [
        ("deep.csv", format!("{}{}", "[".repeat(32_000), "]".repeat(32_000))),
        ("unclosed.csv", "[".repeat(1_000_000)),
    ] {
        let path = dir.path().join(name);
        let row = format!("x,Fairness,T,A,[],[],['a'],{cell},['US']\n");
        std::fs::write(&path, format!("{AI_INDEX_HEADER}{row}")).unwrap();
        let mut cmd = bin();
        cmd.args(["papers", "--input-format", "aiindex", "--format", "json", "--input"]).arg(&path);
        let out = run(cmd);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["rows_loaded"], 1, "{name}");
        let notes = v["notes"].to_string();
        assert!(
            notes.contains("row 1, field author_affiliations: lists nested deeper than 32 levels"),
            "{notes}"
        );
    }
}

/// A FIFO given as an input hung every command (it blocks until a writer appears), and `/dev/zero` never
/// ends. Now each is refused before it is opened, with one message, exit 1.
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("input.csv");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let cases: [&[&str]; 5] = [
        &["trends", "--config"],
        &["annotated", "--input"],
        &["papers", "--input"],
        &["models", "--models"],
        &["teams", "--input"],
    ];
    for args in cases {
        for input in [fifo.as_path(), Path::new("/dev/zero")] {
            let mut cmd = bin();
            cmd.args(args).arg(input);
            let out = run(cmd);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{args:?} {input:?}: {err}");
            assert!(err.contains("not a regular file"), "{args:?}: {err}");
            assert!(err.contains("compute-divide reads regular files only"), "{args:?}: {err}");
        }
    }
    // `data list` over a folder holding a FIFO and a link to /dev/zero lists them with a warning.
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("epoch")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(data.join("epoch/all_ai_models_2026-01-01.csv"))
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink("/dev/zero", data.join("epoch/notable_ai_models_2026-02-01.csv")).unwrap();
    let mut cmd = bin();
    cmd.args(["data", "list", "--format", "json", "--data"]).arg(&data);
    let out = run(cmd);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("all_ai_models_2026-01-01.csv: not a regular file (a FIFO)"), "{err}");
    assert!(
        err.contains("notable_ai_models_2026-02-01.csv: not a regular file (a character device)"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.to_string().matches("not a regular file").count(), 2, "{v}");
}

/// One rule for a missing input file, whatever the command: it is unreadable data, exit 1 (before, it
/// was 1 for `models --models` but 2 for `papers --input`, `--config` and `annotated --input`).
#[test]
fn a_missing_input_file_is_exit_1_for_every_command() {
    let Some(data) = crate::support::shared_data() else { return };
    let cases: [&[&str]; 7] = [
        &["papers", "--input"],
        &["teams", "--input"],
        &["annotated", "--input"],
        &["models", "--models"],
        &["trends", "--models"],
        &["trends", "--config"],
        &["report", "--config"],
    ];
    for args in cases {
        let mut cmd = bin();
        cmd.arg("--data").arg(&data.root).args(args).arg("/nonexistent/compute-divide-input.csv");
        let out = run(cmd);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("/nonexistent/compute-divide-input.csv"), "{args:?}: {err}");
        assert_eq!(err.matches("No such file or directory").count(), 1, "{args:?}: cause once: {err}");
    }
    // A config file that is read but holds an unknown key is the user's usage: exit 2.
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("c.toml");
    std::fs::write(&cfg, "[[periods]]\nlabel = \"a\"\nstart_year = 2010\nend_year = 2015\nfoo = \"bar\"\n")
        .unwrap();
    let mut cmd = bin();
    cmd.args(["trends", "--config"]).arg(&cfg);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("unknown field `foo`"), "{}", stderr(&out));
}

/// Cells that a spreadsheet would run as formulas (CSV injection) are written as text in every CSV.
#[test]
fn csv_output_never_starts_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("papers.csv");
    std::fs::write(
        &path,
        "paper_id,year,venue,title,abstract,author,affiliation\n\
         p1,2021,ICML,=HYPERLINK(\"http://evil\"),x,Ada,University of Oxford\n\
         p2,2021,ICML,-1+cmd|' /C calc'!A0,x,Bob,Google\n",
    )
    .unwrap();
    let mut cmd = bin();
    cmd.args(["papers", "--input-format", "generic", "--format", "csv", "--input"]).arg(&path);
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let titles: Vec<String> = {
        let col = rdr.headers().unwrap().iter().position(|h| h == "title").expect("a title column");
        rdr.records().map(|r| r.unwrap()[col].to_string()).collect()
    };
    assert_eq!(titles, ["'=HYPERLINK(\"http://evil\")", "'-1+cmd|' /C calc'!A0"], "{text}");
}

/// One added row dated 9999-12-31 with 1e30 FLOP turned the report's doubling time into 2,983.6 months.
/// Now implausible values (`Definitions::plausibility`) are dropped with a note naming row, field and
/// bound, the row stays, and every fit is what it was without the row.
#[test]
fn implausible_values_are_dropped_and_move_no_fit() {
    let Some(data) = crate::support::shared_data() else { return };
    let table = data.epoch().join("all_ml_systems_2023-12-14.csv");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("all_ml_systems_2023-12-14.csv");
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_path(&table).unwrap();
    let header = rdr.headers().unwrap().clone();
    let mut w = csv::Writer::from_path(&bad).unwrap();
    w.write_record(&header).unwrap();
    let mut n = 0;
    for r in rdr.records() {
        let r = r.unwrap();
        let mut cells: Vec<String> = r.iter().map(str::to_string).collect();
        cells.resize(header.len(), String::new());
        w.write_record(&cells).unwrap();
        n += 1;
    }
    let cell = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (name, date, flop) in [
        ("Far future", "9999-12-31", "1e30"),
        ("Year one", "0001-01-01", "1e20"),
        ("Huge", "2020-01-01", "1.7e308"),
    ] {
        let mut row = vec![String::new(); header.len()];
        row[cell("System")] = name.into();
        row[cell("Publication date")] = date.into();
        row[cell("Training compute (FLOP)")] = flop.into();
        row[cell("Organization categorization")] = "Industry".into();
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
    let json = |args: &[&str], table: &Path| -> serde_json::Value {
        let mut cmd = bin();
        cmd.arg("--data").arg(&data.root).args(args).arg("--format").arg("json").arg("--models").arg(table);
        let out = run(cmd);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let models = json(&["models"], &bad);
    // Every row written is read; the clean table's one rejection (a row without a name) stays the only one.
    assert_eq!(models["rows_read"], n + 3);
    assert_eq!(models["rows_loaded"], json(&["models"], &table)["rows_loaded"].as_u64().unwrap() + 3);
    assert_eq!(models["rows_rejected"], 1);
    let notes: Vec<String> = serde_json::from_value(models["notes"].clone()).unwrap();
    let dropped: Vec<&String> = notes.iter().filter(|n| n.starts_with("implausible value dropped")).collect();
    assert_eq!(dropped.len(), 3, "{dropped:?}");
    assert!(
        dropped[0].contains(&format!("row {}, field Publication date: 9999-12-31 (Far future)", n + 1)),
        "{dropped:?}"
    );
    assert!(dropped[0].contains("1940 to 366 days after the snapshot 2023-12-14"), "{dropped:?}");
    assert!(dropped[2].contains("field Training compute (FLOP): 1.7e308 (Huge)"), "{dropped:?}");
    // The fits: "Far future" has no date left, "Year one" no date, "Huge" no compute, so none enters a
    // fit and every fit equals the clean table's (the row count differs, so compare the fits alone).
    let fits = |t: &Path| json(&["trends", "--bootstrap", "50"], t)["fits"].clone();
    assert_eq!(fits(&bad), fits(&table));
}

/// `papers` and `teams` listed `--frontier`, `--large-scale` and `--vintage`, which they cannot use. Now
/// the model-only flags are absent from their help and refused (exit 2); `representation`, which reads
/// the Epoch table for topic compute intensity, keeps them.
#[test]
fn paper_commands_neither_list_nor_accept_model_only_flags() {
    for cmd in ["papers", "teams"] {
        let help = run({
            let mut c = bin();
            c.args([cmd, "--help"]);
            c
        });
        let text = String::from_utf8_lossy(&help.stdout);
        for flag in ["--frontier", "--large-scale", "--vintage", "--top-k", "--gap-from", "--team-source"] {
            assert!(!text.contains(flag), "{cmd} --help lists {flag}");
        }
        assert!(text.contains("--venue-set") && text.contains("--author-evidence"), "{text}");
        let mut c = bin();
        c.args([cmd, "--large-scale", "threshold:1e23"]);
        let out = run(c);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(
            stderr(&out).contains("--large-scale applies to the model analyses only"),
            "{}",
            stderr(&out)
        );
    }
    let mut c = bin();
    c.args(["representation", "--help"]);
    let text = String::from_utf8_lossy(&run(c).stdout).into_owned();
    assert!(text.contains("--vintage"), "{text}");
}
