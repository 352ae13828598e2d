//! Placeholder: filled in by the issue that delivers these commands.
use crate::common::DataArgs;

#[derive(Debug, clap::Args)]
pub struct PapersArgs {}

pub fn run_papers(_data: &DataArgs, _args: PapersArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct TeamsArgs {}

pub fn run_teams(_data: &DataArgs, _args: TeamsArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Subcommand)]
pub enum OpenAlexCommand {
    /// Fetch works from the OpenAlex API into a JSON Lines file.
    Fetch {},
}

pub fn run_openalex(_data: &DataArgs, _cmd: OpenAlexCommand) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
