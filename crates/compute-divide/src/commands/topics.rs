//! Placeholder: filled in by the issue that delivers these commands.
use crate::common::DataArgs;

#[derive(Debug, clap::Args)]
pub struct TopicsArgs {}

pub fn run_topics(_data: &DataArgs, _args: TopicsArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct RepresentationArgs {}

pub fn run_representation(_data: &DataArgs, _args: RepresentationArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct ThematicArgs {}

pub fn run_thematic(_data: &DataArgs, _args: ThematicArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct AnnotatedArgs {}

pub fn run_annotated(_data: &DataArgs, _args: AnnotatedArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
