//! Placeholder: filled in by the issue that delivers these commands.
use crate::common::DataArgs;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {}

pub fn run(_data: &DataArgs, _args: ReportArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
