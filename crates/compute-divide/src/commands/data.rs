//! Placeholder: filled in by the foundation issue.
use crate::common::DataArgs;

#[derive(Debug, clap::Subcommand)]
pub enum DataCommand {
    /// Print every dataset found: path, kind, vintage, rows, sha256.
    List {},
    /// Download Epoch's public model tables.
    Pull {},
}

pub fn run(_data: &DataArgs, _cmd: DataCommand) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
