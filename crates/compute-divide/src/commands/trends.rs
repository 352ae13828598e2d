//! Placeholder: filled in by the issue that delivers these commands.
use crate::common::DataArgs;

#[derive(Debug, clap::Args)]
pub struct TrendsArgs {}

pub fn run_trends(_data: &DataArgs, _args: TrendsArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct SharesArgs {}

pub fn run_shares(_data: &DataArgs, _args: SharesArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct GapArgs {}

pub fn run_gap(_data: &DataArgs, _args: GapArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct OpennessArgs {}

pub fn run_openness(_data: &DataArgs, _args: OpennessArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct LineageArgs {}

pub fn run_lineage(_data: &DataArgs, _args: LineageArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}

#[derive(Debug, clap::Args)]
pub struct SpeccurveArgs {}

pub fn run_speccurve(_data: &DataArgs, _args: SpeccurveArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
