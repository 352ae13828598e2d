//! One module per family of commands. A command parses nothing itself (clap does), loads through
//! `cd-ingest`, classifies through `cd-classify`, analyses through `cd-analysis`, and prints.

pub mod adoption;
pub mod data;
pub mod diff;
pub mod models;
pub mod papers;
pub mod provision;
pub mod report;
#[cfg(feature = "web")]
pub mod serve;
#[cfg(feature = "sql")]
pub mod sql;
pub mod topics;
pub mod trends;
pub mod warehouse;

use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let d = &cli.data;
    match cli.command {
        Command::Data(c) => data::run(d, c),
        Command::Models(a) => models::run(d, a),
        Command::Trends(a) => trends::run_trends(d, a),
        Command::Shares(a) => trends::run_shares(d, a),
        Command::Gap(a) => trends::run_gap(d, a),
        Command::Openness(a) => trends::run_openness(d, a),
        Command::Lineage(a) => trends::run_lineage(d, a),
        Command::Speccurve(a) => trends::run_speccurve(d, a),
        Command::Provision(a) => provision::run(d, a),
        Command::Report(a) => report::run(d, a),
        Command::Warehouse(c) => warehouse::run(d, c),
        Command::Diff(a) => diff::run(d, a),
        #[cfg(feature = "web")]
        Command::Serve(a) => serve::run(d, a),
        #[cfg(feature = "sql")]
        Command::Sql(a) => sql::run(a),
        #[cfg(feature = "distributed")]
        Command::Cluster(c) => sql::run_cluster(c),
        Command::Papers(a) => papers::run_papers(d, a),
        Command::Teams(a) => papers::run_teams(d, a),
        Command::Openalex(c) => papers::run_openalex(d, c),
        Command::Topics(a) => topics::run_topics(d, a),
        Command::Representation(a) => topics::run_representation(d, a),
        Command::Thematic(a) => topics::run_thematic(d, a),
        Command::Annotated(a) => topics::run_annotated(d, a),
        Command::Catalogue(a) => adoption::run_catalogue(d, a),
        Command::Mentions(a) => adoption::run_mentions(d, a),
        Command::Adoption(a) => adoption::run_adoption(d, a),
        Command::Scrutiny(a) => adoption::run_scrutiny(d, a),
    }
}
