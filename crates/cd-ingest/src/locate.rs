//! Finding the data folder: `--data DIR`, else `$COMPUTE_DIVIDE_DATA`, else `./data`, else the sibling
//! `../shared/data`.

use std::path::{Path, PathBuf};

/// Environment variable naming the data folder.
pub const DATA_ENV: &str = "COMPUTE_DIVIDE_DATA";

/// A folder that holds the data (at least one of its known subfolders).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    pub root: PathBuf,
}

impl DataDir {
    pub fn epoch(&self) -> PathBuf {
        self.root.join("epoch")
    }
    /// Epoch's GPU-clusters and ML-hardware tables.
    pub fn epoch_compute(&self) -> PathBuf {
        self.root.join("epoch_compute")
    }
    pub fn conferences(&self) -> PathBuf {
        self.root.join("conferences")
    }
    /// Paper Copilot's lists (`papercopilot/<venue>/<venue><year>.json[.gz]`).
    pub fn papercopilot(&self) -> PathBuf {
        self.root.join("papercopilot")
    }
    pub fn ai_index_rai(&self) -> PathBuf {
        self.root.join("ai_index_rai")
    }
    pub fn grid(&self) -> PathBuf {
        self.root.join("grid")
    }
    pub fn universities(&self) -> PathBuf {
        self.root.join("universities")
    }
}

/// Subfolders any one of which makes a folder a data folder.
const KNOWN_SUBDIRS: [&str; 5] = ["epoch", "conferences", "ai_index_rai", "grid", "universities"];

fn holds_data(dir: &Path) -> bool {
    KNOWN_SUBDIRS.iter().any(|s| dir.join(s).is_dir())
}

/// No candidate folder held the data.
#[derive(Debug, thiserror::Error)]
#[error(
    "no data found. Tried, in order:\n{}\nPoint at the data with `--data DIR` or `{DATA_ENV}=DIR`, \
     or download Epoch's model tables with `compute-divide data pull` (into ./data).",
    tried.iter().map(|(p, why)| format!("  - {} ({why})", p.display())).collect::<Vec<_>>().join("\n")
)]
pub struct NotFound {
    pub tried: Vec<(PathBuf, String)>,
}

/// Resolve the data folder. An explicit folder (flag) that does not hold data is an error rather than a
/// fall-through, so that a typo is not silently replaced by another folder.
pub fn locate(explicit: Option<&Path>) -> Result<DataDir, NotFound> {
    let env = env_folder(std::env::var_os(DATA_ENV));
    // An empty base keeps the printed paths short (`data`, `../shared/data`) rather than `./data`.
    locate_from(explicit, env.as_deref(), Path::new(""))
}

/// The folder `$COMPUTE_DIVIDE_DATA` names: none when it is unset or empty (`COMPUTE_DIVIDE_DATA=` is
/// not the path "").
fn env_folder(value: Option<std::ffi::OsString>) -> Option<PathBuf> {
    value.filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// `locate` with the environment and working directory given, for tests.
pub fn locate_from(explicit: Option<&Path>, env: Option<&Path>, cwd: &Path) -> Result<DataDir, NotFound> {
    let mut tried = Vec::new();
    let mut candidates: Vec<(PathBuf, &str, bool)> = Vec::new();
    if let Some(p) = explicit {
        candidates.push((p.to_path_buf(), "--data", true));
    }
    if let Some(p) = env {
        candidates.push((p.to_path_buf(), DATA_ENV, true));
    }
    candidates.push((cwd.join("data"), "./data", false));
    candidates.push((cwd.join("..").join("shared").join("data"), "../shared/data", false));
    for (path, origin, decisive) in candidates {
        if holds_data(&path) {
            return Ok(DataDir { root: path });
        }
        let why = if path.is_dir() {
            format!("{origin}: folder has none of {}", KNOWN_SUBDIRS.join(", "))
        } else {
            format!("{origin}: no such folder")
        };
        tried.push((path, why));
        if decisive {
            return Err(NotFound { tried });
        }
    }
    Err(NotFound { tried })
}

/// The data folder for tests and benches: `$COMPUTE_DIVIDE_DATA`, else `../shared/data` seen from the
/// workspace root. `None` when absent (tests that need real data then fail with a clear message).
pub fn test_data_dir() -> Option<DataDir> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..");
    let env = std::env::var_os(DATA_ENV).map(PathBuf::from);
    locate_from(None, env.as_deref(), &workspace).ok()
}

/// Environment switch that turns on the heavy tests (a headless browser, the Python peers): `1` runs them.
/// `.ci/run` sets it.
pub const HEAVY_TESTS_ENV: &str = "COMPUTE_DIVIDE_HEAVY_TESTS";

/// Whether the tests run under CI (`$CI` set to anything but empty, `0` or `false`; `.ci/run` sets
/// `CI=true`). Under CI no test may skip.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// A test cannot run here (`reason`): print `SKIPPED: <test>: <reason>` straight to stderr (so that it
/// shows without `--nocapture`), or, under CI, fail the test.
pub fn skip_test(reason: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("test");
    if under_ci() {
        panic!("{test}: {reason}; CI is set, and under CI no test may skip");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {test}: {reason}");
}

/// The data folder for a test that needs the shipped data; `None` (after [`skip_test`] printed why, or
/// failed under CI) when it is absent. Use as `let Some(data) = test_data_or_skip() else { return };`.
pub fn test_data_or_skip() -> Option<DataDir> {
    let found = test_data_dir();
    if found.is_none() {
        skip_test(&format!("../shared/data not found (nor ${DATA_ENV}); this test needs the shipped data"));
    }
    found
}

/// Whether a heavy test (`what` it needs, e.g. "Chromium") runs: only with `COMPUTE_DIVIDE_HEAVY_TESTS=1`.
/// Otherwise it is skipped with a line saying so ([`skip_test`]; a failure under CI).
pub fn heavy_tests_enabled(what: &str) -> bool {
    let on = std::env::var(HEAVY_TESTS_ENV).is_ok_and(|v| v == "1");
    if !on {
        skip_test(&format!("heavy test ({what}); set {HEAVY_TESTS_ENV}=1 to run it"));
    }
    on
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_environment_variable_is_unset() {
        assert_eq!(env_folder(None), None);
        assert_eq!(env_folder(Some("".into())), None);
        assert_eq!(env_folder(Some("/d".into())), Some(PathBuf::from("/d")));
    }

    #[test]
    fn explicit_wrong_folder_is_an_error_listing_it() {
        let e = locate_from(Some(Path::new("/nonexistent/x")), None, Path::new("/nonexistent")).unwrap_err();
        assert_eq!(e.tried.len(), 1);
        assert!(e.to_string().contains("/nonexistent/x (--data: no such folder)"), "{e}");
    }

    #[test]
    fn falls_back_to_shared_data() {
        let Some(d) = test_data_or_skip() else {
            return;
        };
        assert!(d.epoch().is_dir());
    }

    #[test]
    fn nothing_found_lists_every_place() {
        let e = locate_from(None, None, Path::new("/nonexistent")).unwrap_err();
        assert_eq!(e.tried.len(), 2);
        assert!(e.to_string().contains("compute-divide data pull"));
    }
}
