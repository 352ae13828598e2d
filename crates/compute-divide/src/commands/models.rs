//! Placeholder: filled in by the issue that delivers these commands.
use crate::common::DataArgs;

#[derive(Debug, clap::Args)]
pub struct ModelsArgs {}

pub fn run(_data: &DataArgs, _args: ModelsArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
