//! The integration tests of compute-divide, one binary (one module per former test file).

mod data_cli;
mod diff_cli;
mod models_cli;
mod papers_cli;
mod peer_trends;
mod provision_cli;
mod reliability_cli;
mod report_browser;
mod serve_browser;
#[cfg(feature = "sql")]
mod sql_cli;
#[cfg(feature = "sql")]
mod sql_study;
mod support;
mod trends_cli;
