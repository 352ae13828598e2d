//! `compute-divide serve` end to end: the binary started on 127.0.0.1:0 over the shipped data, then
//!
//! - a browser test (`tools/web/browser.mjs`, playwright-core driving Debian's Chromium): every page loads
//!   without a console error, changing the large-scale rule and the team source moves the headline cards
//!   and the figure to what the JSON API gives, the shared link reproduces the view, the explorer works
//!   with the keyboard, the form works without JavaScript, every paper panel loads and the topics panel
//!   follows `venue_set` to what the JSON API gives; screenshots under `target/web-browser/`;
//! - schemathesis (`tools/web/schemathesis.sh`) checking the server against `/openapi.json`: no 5xx, no
//!   response that breaks the schema; bounded examples per operation (on a server started with
//!   `--no-papers`: every case is new definitions, and a debug build takes minutes per paper analysis);
//! - SIGTERM stops the server gracefully (exit status 0).
//!
//! Heavy: only with `COMPUTE_DIVIDE_HEAVY_TESTS=1` (set by `.ci/run`, which installs Chromium, the npm
//! packages of `tools/web/` and schemathesis). Without the switch or a tool, a `SKIPPED` line (under CI, a
//! failure).

#![cfg(feature = "web")]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

/// A running `compute-divide serve` (started from `tools/web/test-definitions.toml`: the study's
/// definitions with few resamples, so that the debug build's cold recomputes take seconds), killed if
/// dropped before `stop`.
struct Served {
    child: Child,
    url: String,
}

impl Served {
    fn start(data: &Path, more: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_compute-divide"))
            .arg("--data")
            .arg(data)
            .args(["serve", "--bind", "127.0.0.1:0", "--config"])
            .arg(workspace().join("tools").join("web").join("test-definitions.toml"))
            .args(more)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("start compute-divide serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .map(|a| format!("http://{a}"))
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Served { child, url }
    }

    /// SIGTERM, then the exit status (graceful shutdown exits 0).
    fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        self.child.wait().unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn tool(name: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {name}")]).output().is_ok_and(|o| o.status.success())
}

#[test]
fn dashboard_in_chromium_and_the_api_against_its_openapi_file() {
    let Some(data) = crate::support::shared_data() else { return };
    if !crate::support::heavy("Chromium, playwright-core and schemathesis against compute-divide serve") {
        return;
    }
    let web = workspace().join("tools").join("web");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ready = Path::new(&chromium).exists()
        && tool("node")
        && web.join("node_modules").join("playwright-core").is_dir()
        && tool("schemathesis");
    if !ready {
        cd_ingest::locate::skip_test(
            "serve_browser: needs /usr/bin/chromium, node, `npm ci --prefix tools/web` and schemathesis (.ci/run \
             installs them)",
        );
        return;
    }
    let served = Served::start(&data.root, &[]);
    let out = workspace().join("target").join("web-browser");
    let o = Command::new("node")
        .arg(web.join("browser.mjs"))
        .arg(&served.url)
        .arg(&out)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node");
    let summary = String::from_utf8_lossy(&o.stdout).to_string();
    println!("browser test summary:\n{summary}");
    assert!(o.status.success(), "browser test failed:\n{summary}\n{}", String::from_utf8_lossy(&o.stderr));
    let s: serde_json::Value = serde_json::from_str(&summary).unwrap();
    assert_eq!(s["pages"].as_array().unwrap().len(), 9);
    assert_eq!(s["console_errors"].as_array().unwrap().len(), 0);
    assert_eq!(s["checks"]["headlines"]["shared_reproduces"], true);
    assert_eq!(s["paper_panels"].as_array().unwrap().len(), 5);
    // A paper panel follows a definition (venue_set) and equals the API for it.
    assert_eq!(s["checks"]["paper_definitions"]["table_equal"], true);
    assert_eq!(s["checks"]["paper_definitions"]["figure_equal"], true);
    for shot in s["screenshots"].as_array().unwrap() {
        let p = Path::new(shot.as_str().unwrap());
        assert!(std::fs::metadata(p).unwrap().len() > 10_000, "{} is a real screenshot", p.display());
    }

    let status = served.stop();
    assert!(status.success(), "SIGTERM stops the server gracefully: {status:?}");

    // Schemathesis against a server without the paper panels: each of its cases is a new set of
    // definitions, and a paper panel's analyses take minutes in a debug build (the browser test above
    // checked those panels; their answers have the model panels' schema).
    let served = Served::start(&data.root, &["--no-papers"]);
    let o = Command::new("bash")
        .arg(web.join("schemathesis.sh"))
        .arg(&served.url)
        .output()
        .expect("run schemathesis");
    let report = String::from_utf8_lossy(&o.stdout).to_string();
    println!("schemathesis:\n{report}");
    assert!(
        o.status.success(),
        "schemathesis found failures:\n{report}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let status = served.stop();
    assert!(status.success(), "SIGTERM stops the server gracefully: {status:?}");
}
