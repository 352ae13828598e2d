//! End-to-end tests of `compute-divide report` on the shipped data: the report folder's contents,
//! byte-identical output across runs and thread counts, and a headless-Chromium check of `report.html`
//! (no console errors, every figure drawn with the number of marks it declares, a PNG screenshot under
//! `target/report-browser/`).
//!
//! Chromium is `/usr/bin/chromium` (Debian package `chromium`, installed by `.ci/run`) or `$CHROMIUM`.
//! The browser test is heavy: it runs only with `COMPUTE_DIVIDE_HEAVY_TESTS=1` (set by `.ci/run`). Without
//! the switch or without Chromium it prints a `SKIPPED` line and returns, except under CI, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_compute-divide")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

/// Run the report into `out` with `threads` rayon threads; B is kept small so that the debug build is
/// quick (determinism does not depend on B).
fn run_report(data: &Path, out: &Path, threads: &str, extra: &[&str]) -> std::process::Output {
    let o = Command::new(bin())
        .args(["--data"])
        .arg(data)
        .args(["report", "--quiet", "--bootstrap", "200", "--out"])
        .arg(out)
        .args(extra)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("run compute-divide");
    assert!(o.status.success(), "report failed: {}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Every file under `dir`, relative, sorted, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn report_is_byte_identical_across_runs_and_thread_counts() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("c"));
    run_report(&data.root, &a, "1", &[]);
    run_report(&data.root, &b, "2", &[]);
    run_report(&data.root, &c, "4", &[]);
    let (sa, sb, sc) = (snapshot(&a), snapshot(&b), snapshot(&c));
    assert!(sa.len() > 20, "expected a full report folder, got {} files", sa.len());
    for (x, y) in [(&sa, &sb), (&sa, &sc)] {
        assert_eq!(x.len(), y.len());
        for ((pa, ba), (pb, bb)) in x.iter().zip(y.iter()) {
            assert_eq!(pa, pb);
            assert!(ba == bb, "{} differs between thread counts", pa.display());
        }
    }
}

/// The shipped papers kept in the cache folder (`cd-study`'s `shipped_cache`) change nothing: the report
/// with the cache off, stored (cold), read back (warm), and with the cache file damaged (ignored, stored
/// again) is the same byte for byte, and stderr says where the papers came from each time; a report under
/// another definition that the papers do not read (B) reads the same file and equals its report with the
/// cache off; a cache folder that cannot be written changes nothing but the message. On a copy of the data folder (links) with three of Paper Copilot's files (ICLR 2013, with
/// its rejected submissions and e-mail domains; COLM 2024, with positions; RSS 2023), so that the seven
/// reports of the debug build stay quick.
#[cfg(unix)]
#[test]
fn report_is_byte_identical_with_the_papers_cache_off_cold_warm_and_damaged() {
    let Some(shared) = crate::support::shared_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    std::fs::create_dir_all(root.join("papercopilot")).unwrap();
    for e in std::fs::read_dir(&shared.root).unwrap() {
        let e = e.unwrap();
        if e.file_name() != "papercopilot" {
            std::os::unix::fs::symlink(e.path(), root.join(e.file_name())).unwrap();
        }
    }
    for (venue, file) in
        [("iclr", "iclr2013.json.gz"), ("colm", "colm2024.json.gz"), ("rss", "rss2023.json.gz")]
    {
        let from = shared.root.join("papercopilot").join(venue).join(file);
        assert!(from.is_file(), "{} is missing", from.display());
        std::fs::create_dir_all(root.join("papercopilot").join(venue)).unwrap();
        std::os::unix::fs::symlink(from, root.join("papercopilot").join(venue).join(file)).unwrap();
    }
    let data = cd_ingest::locate::DataDir { root };
    let cache = tmp.path().join("cache");
    let run_with = |name: &str, cache: &Path, resamples: &str| {
        let out = tmp.path().join(name);
        let o = Command::new(bin())
            .args(["--data"])
            .arg(&data.root)
            .args(["report", "--bootstrap", resamples, "--out"])
            .arg(&out)
            .env("COMPUTE_DIVIDE_CACHE", cache)
            .output()
            .expect("run compute-divide");
        assert!(o.status.success(), "report failed: {}", String::from_utf8_lossy(&o.stderr));
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        let said = stderr.lines().find(|l| l.starts_with("shipped papers: ")).map(str::to_string);
        (snapshot(&out), said.unwrap_or_else(|| panic!("no `shipped papers:` line in {stderr}")))
    };
    let run = |name: &str, cache: &Path| run_with(name, cache, "200");
    let shipped_files = || -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> =
            std::fs::read_dir(&cache).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
        v.retain(|p| p.file_name().unwrap().to_string_lossy().starts_with("shipped-"));
        v
    };
    let (off, said_off) = run("off", Path::new("off"));
    assert_eq!(said_off, "shipped papers: read and classified (no cache)");
    assert!(shipped_files().is_empty());
    let (cold, said_cold) = run("cold", &cache);
    assert!(
        said_cold.starts_with("shipped papers: read and classified, stored in the cache ("),
        "{said_cold}"
    );
    let stored = shipped_files();
    assert_eq!(stored.len(), 1, "one file of shipped papers: {stored:?}");
    assert!(said_cold.contains(&*stored[0].to_string_lossy()), "{said_cold}");
    let (warm, said_warm) = run("warm", &cache);
    assert!(said_warm.starts_with("shipped papers: read from the cache ("), "{said_warm}");
    // Another definition that the papers do not read (B): the same file serves it, and the report is the
    // one made with the cache off.
    let (other, said_other) = run_with("other", &cache, "150");
    assert_eq!(said_other, said_warm);
    let (other_off, _) = run_with("other_off", Path::new("off"), "150");
    assert!(other == other_off, "B = 150: the report differs between the cache off and warm");
    assert!(other != off, "B = 150 and B = 200 give different reports");
    // A byte of the stored papers changed: the file fails its check, the papers are read and classified
    // again and stored anew.
    let mut bytes = std::fs::read(&stored[0]).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    std::fs::write(&stored[0], &bytes).unwrap();
    let (damaged, said_damaged) = run("damaged", &cache);
    assert!(
        said_damaged.starts_with("shipped papers: read and classified, stored in the cache ("),
        "{said_damaged}"
    );
    // A cache folder that cannot be written: the papers are read and classified, stderr says why they
    // were not stored, and the report is the same.
    let (unwritable, said_unwritable) = run("unwritable", Path::new("/dev/null/cache"));
    assert!(
        said_unwritable.starts_with(
            "shipped papers: read and classified, not stored in the cache (/dev/null/cache/shipped-"
        ),
        "{said_unwritable}"
    );
    assert!(off.len() > 20, "expected a full report folder, got {} files", off.len());
    for (name, other) in
        [("cold", &cold), ("warm", &warm), ("damaged", &damaged), ("unwritable", &unwritable)]
    {
        assert_eq!(off.len(), other.len(), "{name}: number of files");
        for ((pa, ba), (pb, bb)) in off.iter().zip(other.iter()) {
            assert_eq!(pa, pb);
            assert!(ba == bb, "{} differs between the cache off and {name}", pa.display());
        }
    }
}

#[test]
fn report_folder_has_documented_files_provenance_and_analysis_json() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    run_report(&data.root, &out, "2", &[]);
    for f in [
        "report.html",
        "manifest.json",
        "figures/compute_divide.svg",
        "figures/compute_history.svg",
        "figures/trend_doubling.svg",
        "figures/shares_periods.svg",
        "figures/shares_yearly.svg",
        "figures/largest_by_year.svg",
        "figures/frontier_gap.svg",
        "figures/openness.svg",
        "figures/lineage.svg",
        "figures/speccurve.svg",
        "figures/publications_industry_share.svg",
        "figures/topics_intensity.svg",
        "figures/topics_over_time.svg",
        "figures/adoption_by_accessibility.svg",
        "figures/scrutiny_models.svg",
        "figures/scrutiny_time_to_first.svg",
        "tables/publications_composition.csv",
        "tables/topics_fits.json",
        "tables/adoption_lineage_academic.csv",
        "tables/scrutiny_rai_shares.csv",
        "tables/trends.csv",
        "tables/trends.json",
        "tables/shares.csv",
        "tables/shares.json",
        "tables/gap.json",
        "tables/speccurve.json",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    // Every figure has its data table.
    for e in std::fs::read_dir(out.join("figures")).unwrap() {
        let stem = e.unwrap().path().file_stem().unwrap().to_string_lossy().to_string();
        assert!(out.join("tables").join(format!("{stem}.csv")).is_file(), "figure {stem} has no data table");
    }
    // trends.json and shares.json carry the fields of `trends/shares --format json`.
    let trends: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("tables/trends.json")).unwrap()).unwrap();
    let fit = &trends["fits"][0];
    for k in [
        "team",
        "era",
        "n",
        "slope_oom_per_year",
        "growth_per_year",
        "doubling_months",
        "doubling_months_ci95",
    ] {
        assert!(fit.get(k).is_some(), "trends.json fit lacks {k}");
    }
    let shares: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("tables/shares.json")).unwrap()).unwrap();
    let row = &shares["rows"][0];
    for k in ["subset", "period", "team", "count", "share", "share_ci95"] {
        assert!(row.get(k).is_some(), "shares.json row lacks {k}");
    }
    // The manifest: the analysed input with the sha256 of the README, every definition, version, seed.
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let input = &m["inputs"][0];
    assert_eq!(input["path"], "epoch/all_ml_systems_2025-08-07.csv");
    assert_eq!(input["sha256"], "74509130a942f476053447d26cd9a3805a03d48b8feffef714826c5e340c9ec2");
    assert_eq!(input["rows_read"], 1892);
    assert_eq!(m["seed"], 20240105);
    assert_eq!(m["definitions"]["bootstrap_resamples"], 200);
    let n_defs = serde_json::to_value(cd_domain::Definitions::default()).unwrap().as_object().unwrap().len();
    assert_eq!(m["definitions"].as_object().unwrap().len(), n_defs);
    assert!(m["version"].as_str().unwrap().starts_with("compute-divide "));
    // Every output is listed with the sha256 of its bytes.
    for o in m["outputs"].as_array().unwrap() {
        let bytes = std::fs::read(out.join(o["path"].as_str().unwrap())).unwrap();
        assert_eq!(o["sha256"].as_str().unwrap(), cd_report::document::sha256_hex(&bytes));
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains("Not computed"), "every section is computed on the shipped data");
    for id in ["publications", "topics", "adoption", "scrutiny"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "section {id}");
    }
    let topics_at = html.find("id=\"topics\"").unwrap();
    assert!(html.find("id=\"publications\"").unwrap() < topics_at, "topics after publications");
    assert!(topics_at < html.find("id=\"adoption\"").unwrap(), "topics before adoption");
    // The paper files are in the manifest's inputs.
    let paths: Vec<&str> =
        m["inputs"].as_array().unwrap().iter().filter_map(|i| i["path"].as_str()).collect();
    assert!(paths.contains(&"conferences/icml_neurips_iclr_authors_2006-2019.csv"), "{paths:?}");
    assert!(paths.contains(&"ai_index_rai"), "{paths:?}");
    assert!(html.contains("CC BY 4.0") && html.contains("Digital Science"), "credit lines");
    assert!(!html.contains("<script"), "the report needs no JavaScript");
    // The DL-era scatter draws one dot per notable model with date and compute since 2010: the rows of
    // its data table.
    let rows = std::fs::read_to_string(out.join("tables/compute_divide.csv")).unwrap().lines().count() - 1;
    let svg = std::fs::read_to_string(out.join("figures/compute_divide.svg")).unwrap();
    assert!(svg.contains(&format!("data-marks=\"{rows}\"")), "{rows} rows");
    // Counted independently with pandas by tools/report/scatter_counts.py: notable (study filter) models
    // with date and compute, 384 of them from 2010 on, 440 in all.
    assert_eq!(rows, 384);
    let history = std::fs::read_to_string(out.join("figures/compute_history.svg")).unwrap();
    assert!(history.contains("data-marks=\"440\""));
    check_paper_figure_marks(&data.root, &out);
    // The topics section shows the fits of `representation` (same corpus, same code): compare the slopes.
    let o = Command::new(bin())
        .args(["--data"])
        .arg(&data.root)
        .args(["representation", "--format", "json", "--bootstrap", "200"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rep: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fits: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("tables/topics_fits.json")).unwrap()).unwrap();
    assert_eq!(fits.as_array().unwrap().len(), 6, "3 policies × 2 countings");
    assert_eq!(fits, rep["fits"], "the report's fits are those of `representation`");
}

/// The rows of a figure's data table (CSV with a header), as column name → value.
fn csv_rows(out: &Path, name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(out.join("tables").join(format!("{name}.csv"))).unwrap();
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

fn declared_marks(out: &Path, figure: &str) -> usize {
    let svg = std::fs::read_to_string(out.join("figures").join(format!("{figure}.svg"))).unwrap();
    let i = svg.find("data-marks=\"").unwrap() + "data-marks=\"".len();
    svg[i..].split('"').next().unwrap().parse().unwrap()
}

/// The venue names of Paper Copilot's file stems, as cd-analysis's venue fields spell them.
fn venue_name(stem: &str) -> String {
    match stem {
        "nips" => "NeurIPS".into(),
        other => other.to_string(),
    }
}

/// The paper figures draw one mark per row of their data tables that has a value to draw.
fn check_paper_figure_marks(data: &Path, out: &Path) {
    // One point per field of venues and year with papers, plus Ahmed et al.'s two. Counted from the file
    // names of papercopilot/<venue>/<venue><year>.json.gz and the conference list's years (NeurIPS
    // 2006–2018, ICML 2017–2019, ICLR 2018–2019: all machine learning).
    let mut field_years = std::collections::BTreeSet::new();
    for venue in std::fs::read_dir(data.join("papercopilot")).unwrap() {
        let venue = venue.unwrap().path();
        if !venue.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&venue).unwrap() {
            let name = f.unwrap().file_name().to_string_lossy().to_string();
            let stem = name.trim_end_matches(".gz").trim_end_matches(".json");
            let (v, y) = stem.split_at(stem.len() - 4);
            field_years.insert((cd_analysis::corpus::venue_field(&venue_name(v)), y.parse::<i32>().unwrap()));
        }
    }
    for y in 2006..=2019 {
        field_years.insert((cd_analysis::corpus::venue_field("NeurIPS"), y));
    }
    let n = csv_rows(out, "publications_industry_share").len();
    assert_eq!(n, field_years.len() + 2);
    assert_eq!(declared_marks(out, "publications_industry_share"), n);
    // One point per (model, team kind) with at least one scrutinising paper.
    let n = csv_rows(out, "scrutiny_models").iter().filter(|r| r["papers"] != "0").count();
    assert!(n > 20, "{n}");
    assert_eq!(declared_marks(out, "scrutiny_models"), n);
    // One point per open or closed model with a first academic scrutiny, plus the two medians.
    let n = csv_rows(out, "scrutiny_time_to_first").iter().filter(|r| !r["years"].is_empty()).count();
    assert_eq!(declared_marks(out, "scrutiny_time_to_first"), n + 2);
    // One point per year and measure with a share.
    let n = csv_rows(out, "adoption_by_accessibility").iter().filter(|r| !r["share"].is_empty()).count();
    assert_eq!(n, 21, "7 years (the AI Index's 2018–2024) × 3 measures");
    assert_eq!(declared_marks(out, "adoption_by_accessibility"), n);
    // Periods with at least topic_min_papers (20) papers of known team.
    let n = csv_rows(out, "topics_over_time")
        .iter()
        .filter(|r| r["known_team"].parse::<usize>().unwrap() >= 20)
        .count();
    assert_eq!(declared_marks(out, "topics_over_time"), n);
    // One point per regression topic, plus first- and last-period shares of every topic with an intensity.
    let fit_points = csv_rows(out, "topics_intensity").len();
    assert_eq!(
        fit_points, 10,
        "taxonomy v2.1 (as v2): language models, self-supervised, vision, speech, RL and games, robotics, science and \
         health, detection and segmentation, vision-language, image classification"
    );
    assert!(declared_marks(out, "topics_intensity") > fit_points);
    // The topic claim's specification curve: 3 evidence rules × 3 unknown-author policies × 3 venue sets ×
    // 2 countings × 3 earlier periods; the specification of the definitions in force is the main fit.
    let specs = csv_rows(out, "speccurve_topic_intensity");
    assert_eq!(specs.len(), 162);
    let main = specs
        .iter()
        .find(|r| {
            r["choices"].ends_with(
                "author_evidence=both, unknown_authors=drop, venue_set=all, counting=full, periods=2010-13 vs 2022+",
            )
        })
        .expect("the main specification");
    let fits: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("tables/topics_fits.json")).unwrap()).unwrap();
    let fit = fits
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["policy"] == "drop" && f["counting"] == "full")
        .expect("the main fit");
    assert_eq!(main["estimate"], format!("{:.4}", fit["slope"].as_f64().unwrap()));
}

#[test]
fn print_config_is_a_valid_config_and_bad_config_names_the_key() {
    let o = Command::new(bin()).args(["report", "--print-config"]).output().unwrap();
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("bootstrap_resamples = 1000"), "{text}");
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("defaults.toml");
    std::fs::write(&good, &text).unwrap();
    let o = Command::new(bin()).args(["report", "--print-config", "--config"]).arg(&good).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), text, "printed defaults read back unchanged");

    let bad = tmp.path().join("bad.toml");
    std::fs::write(&bad, "bootstrap_resampels = 10\n").unwrap();
    let o = Command::new(bin())
        .args(["report", "--config"])
        .arg(&bad)
        .arg("--out")
        .arg(tmp.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bootstrap_resampels") && err.contains("bootstrap_resamples"), "{err}");

    std::fs::write(&bad, "[frontier_rule]\nkind = \"top_n\"\nn = 0\n").unwrap();
    let o = Command::new(bin())
        .args(["report", "--config"])
        .arg(&bad)
        .arg("--out")
        .arg(tmp.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("frontier_rule") && err.contains("≥ 1"), "{err}");
    assert!(!tmp.path().join("x").exists(), "nothing written on a bad config");

    std::fs::write(&bad, "notability_filter = \"sometimes\"\n").unwrap();
    let o = Command::new(bin()).args(["report", "--config"]).arg(&bad).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("notability_filter") || err.contains("sometimes"), "{err}");
    assert!(err.contains("any_criterion"), "lists the allowed values: {err}");
}

// ------------------------------------------------------------------------------------------------
// The browser test

fn chromium() -> Option<PathBuf> {
    let candidates =
        [std::env::var_os("CHROMIUM").map(PathBuf::from), Some(PathBuf::from("/usr/bin/chromium"))];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

/// Headless Chromium with the flags of the env notes, a fresh profile, logging to stderr.
fn chromium_cmd(exe: &Path, profile: &Path) -> Command {
    let mut c = Command::new(exe);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    c.arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// Console messages in Chromium's log (`INFO:CONSOLE(..)] "message", source: ...`).
fn console_lines(stderr: &str) -> Vec<String> {
    stderr.lines().filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught")).map(str::to_string).collect()
}

/// (figure id, declared data-marks, counted `class="mark…"` elements) for each `<svg … data-marks>`.
fn figure_marks(dom: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(start) = rest.find("<svg") {
        let svg = &rest[start..];
        let end = svg.find("</svg>").expect("closed svg");
        let body = &svg[..end];
        let tag_end = body.find('>').unwrap();
        let tag = &body[..tag_end];
        let attr = |name: &str| -> Option<String> {
            let k = format!("{name}=\"");
            let i = tag.find(&k)? + k.len();
            Some(tag[i..].split('"').next()?.to_string())
        };
        if let (Some(id), Some(marks)) = (attr("id"), attr("data-marks")) {
            let counted = body.matches("class=\"mark ").count() + body.matches("class=\"mark\"").count();
            out.push((id, marks.parse().unwrap(), counted));
        }
        rest = &svg[end..];
    }
    out
}

#[test]
fn report_renders_in_headless_chromium() {
    if !crate::support::heavy("headless Chromium") {
        return;
    }
    let Some(exe) = chromium() else {
        cd_ingest::locate::skip_test("no Chromium at /usr/bin/chromium or $CHROMIUM (.ci/run installs it)");
        return;
    };
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // The console check must be able to fail: a page that logs an error is caught.
    let control = tmp.path().join("control.html");
    std::fs::write(&control, "<!DOCTYPE html><p>x</p><script>console.error('control-error')</script>")
        .unwrap();
    let o = chromium_cmd(&exe, &tmp.path().join("profile0"))
        .arg("--dump-dom")
        .arg(format!("file://{}", control.display()))
        .output()
        .unwrap();
    let lines = console_lines(&String::from_utf8_lossy(&o.stderr));
    assert!(lines.iter().any(|l| l.contains("control-error")), "console capture does not work: {lines:?}");

    let out = tmp.path().join("report");
    run_report(&data.root, &out, "2", &[]);
    let html = out.join("report.html").canonicalize().unwrap();
    let url = format!("file://{}", html.display());
    let o = chromium_cmd(&exe, &tmp.path().join("profile1")).arg("--dump-dom").arg(&url).output().unwrap();
    assert!(o.status.success(), "chromium --dump-dom failed: {}", String::from_utf8_lossy(&o.stderr));
    let dom = String::from_utf8(o.stdout).unwrap();
    let errors = console_lines(&String::from_utf8_lossy(&o.stderr));
    assert!(errors.is_empty(), "console messages: {errors:#?}");
    assert!(!dom.contains("src=\"http") && !dom.contains("href=\"http"), "the report must load nothing");
    let figures = figure_marks(&dom);
    let n_files = std::fs::read_dir(out.join("figures")).unwrap().count();
    assert_eq!(figures.len(), n_files, "one inline figure per figures/*.svg: {figures:?}");
    for (id, declared, counted) in &figures {
        assert!(*declared > 0, "{id} draws nothing");
        assert_eq!(declared, counted, "{id}: data-marks says {declared}, the DOM has {counted} marks");
    }

    let shots = workspace().join("target").join("report-browser");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join("report.png");
    let _ = std::fs::remove_file(&png);
    let o = chromium_cmd(&exe, &tmp.path().join("profile2"))
        .arg("--window-size=1100,32000")
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(o.status.success(), "screenshot failed: {}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert_eq!(&bytes[1..4], b"PNG");
    assert!(bytes.len() > 100_000, "a blank page compresses to a few KB; got {} bytes", bytes.len());
    eprintln!("screenshot: {}", png.display());
}
