//! The command-line grammar. Each command's own arguments are declared in its module under `commands/`.

use crate::commands::{adoption, data, diff, models, papers, provision, report, topics, trends, warehouse};
use crate::common::DataArgs;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "compute-divide",
    version,
    about = "Measures the compute divide between academic and industrial machine-learning research",
    long_about = "Measures the compute divide between academic and industrial machine-learning research, \
                  following Besiroglu et al. (2024), on Epoch's model database and publication records.\n\n\
                  Start with `compute-divide report` (the full study as one HTML page)."
)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find, list and download the input data.
    #[command(subcommand)]
    Data(data::DataCommand),
    /// List the classified models of one Epoch table.
    Models(models::ModelsArgs),
    /// Compute trends (log-linear fits, doubling times) per team kind and era.
    Trends(trends::AnalysisArgs),
    /// Team shares of notable, large-scale and frontier models per year and period.
    Shares(trends::SharesArgs),
    /// The frontier gap between industry and academic-only compute.
    Gap(trends::AnalysisArgs),
    /// Open weights by team kind, and the open-vs-closed frontier lag.
    Openness(trends::AnalysisArgs),
    /// Academic models built on industry base models.
    Lineage(trends::AnalysisArgs),
    /// Specification curve: every headline claim under every combination of disputed definitions.
    Speccurve(trends::SpeccurveArgs),
    /// Public vs private AI compute, the cost of the frontier, and what a national budget buys.
    Provision(provision::ProvisionArgs),
    /// Write the full report (HTML, figures, tables, manifest).
    Report(report::ReportArgs),
    /// The Parquet warehouse: every source's tables for SQL engines (docs/warehouse.md).
    #[command(subcommand)]
    Warehouse(warehouse::WarehouseCommand),
    /// What changed between two Epoch vintages, and whether it changes the headline numbers.
    Diff(diff::DiffArgs),
    /// Serve the dashboard: every definition a control, every figure recomputed (http://127.0.0.1:8080).
    #[cfg(feature = "web")]
    Serve(crate::commands::serve::ServeArgs),
    /// Read-only SQL over the Parquet warehouse, here or on a Ballista cluster (build with `--features sql`).
    #[cfg(feature = "sql")]
    Sql(crate::commands::sql::SqlArgs),
    /// A Ballista cluster on loopback for `sql --cluster` (build with `--features distributed`).
    #[cfg(feature = "distributed")]
    #[command(subcommand)]
    Cluster(crate::commands::sql::ClusterCommand),
    /// List papers with classified author affiliations and teams.
    Papers(papers::PapersArgs),
    /// Team composition of papers by venue and year.
    Teams(papers::TeamsArgs),
    /// OpenAlex API client for targeted pulls.
    #[command(subcommand)]
    Openalex(papers::OpenAlexCommand),
    /// Assign research topics to papers.
    Topics(topics::TopicsArgs),
    /// Academic-only representation by topic against the topic's compute intensity.
    Representation(topics::RepresentationArgs),
    /// Terms and topics that separate academic-only from industry-involved papers.
    Thematic(topics::ThematicArgs),
    /// Compute of annotated papers: industry-involved vs academic-only.
    Annotated(topics::AnnotatedArgs),
    /// The model catalogue with aliases for mention detection.
    Catalogue(adoption::CatalogueArgs),
    /// Model mentions in papers, with use types.
    Mentions(adoption::PaperModelArgs),
    /// Academic adoption of industry-built models.
    Adoption(adoption::PaperModelArgs),
    /// Who evaluates, examines and audits the influential models.
    Scrutiny(adoption::PaperModelArgs),
}
