//! Placeholder: filled in by the issue that delivers these commands.
use crate::common::DataArgs;

#[derive(Debug, clap::Args)]
pub struct CatalogueArgs {}

pub fn run_catalogue(_data: &DataArgs, _args: CatalogueArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct MentionsArgs {}

pub fn run_mentions(_data: &DataArgs, _args: MentionsArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct AdoptionArgs {}

pub fn run_adoption(_data: &DataArgs, _args: AdoptionArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct ScrutinyArgs {}

pub fn run_scrutiny(_data: &DataArgs, _args: ScrutinyArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
