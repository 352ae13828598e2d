//! Shared by this crate's integration tests: the shipped data, or a `SKIPPED` line when it is absent
//! (a failure under CI), and the switch for heavy tests (`COMPUTE_DIVIDE_HEAVY_TESTS=1`).

use cd_ingest::locate::DataDir;

/// The shipped data (`$COMPUTE_DIVIDE_DATA`, else `../shared/data` beside the workspace), or `None` after
/// printing `SKIPPED: <test>: ../shared/data not found ...` (under CI: a failure). Use as
/// `let Some(data) = support::shared_data() else { return };`.
pub fn shared_data() -> Option<DataDir> {
    cd_ingest::locate::test_data_or_skip()
}

/// Whether a heavy test runs (`COMPUTE_DIVIDE_HEAVY_TESTS=1`); otherwise it prints a `SKIPPED` line naming
/// `what` (under CI: a failure). Use as `if !support::heavy("Chromium") { return; }`.
#[allow(dead_code)]
pub fn heavy(what: &str) -> bool {
    cd_ingest::locate::heavy_tests_enabled(what)
}
