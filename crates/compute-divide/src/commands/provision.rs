//! `compute-divide provision`: public and private AI compute, the cost of the frontier and what a
//! national budget buys (`cd_analysis::provision`, docs/provision.md). Loads Epoch's compute tables and
//! the model table through `pipeline`, runs the analyses, prints the headline listing or the JSON.

use crate::common::usage;
use crate::common::{print_json, print_listing, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::{load_classifier_with, load_compute, load_models, missing_compute_inputs};
use cd_classify::ClassifierOptions;
use cd_report::listing::provision::{self as listing, ModelsInput, ProvisionJson, TableRead};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ProvisionArgs {
    /// GPU-clusters table. Default: the newest `epoch_compute/gpu_clusters_*.csv`.
    #[arg(long, value_name = "FILE")]
    pub clusters: Option<PathBuf>,
    /// ML-hardware table. Default: the newest `epoch_compute/ml_hardware_*.csv`.
    #[arg(long, value_name = "FILE")]
    pub hardware: Option<PathBuf>,
    /// Epoch model table the frontier comes from. Default: --vintage, else the newest all-models snapshot.
    #[arg(long, value_name = "FILE")]
    pub models: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub defs: DefinitionArgs,
}

pub fn run(data: &DataArgs, args: ProvisionArgs) -> anyhow::Result<()> {
    let defs = args.defs.load()?;
    let dir = cd_ingest::locate::locate(data.data.as_deref())?;
    let clf = load_classifier_with(&dir, ClassifierOptions::from_definitions(&defs))?;
    let Some(compute) = load_compute(&dir, args.clusters.as_deref(), args.hardware.as_deref(), &clf)? else {
        return Err(usage(format!(
            "provision needs {} in {} (or --clusters and --hardware)",
            missing_compute_inputs(&dir).join(" and "),
            dir.root.display()
        )));
    };
    let m = load_models(&dir, args.models.as_deref(), &defs)?;
    let study = cd_analysis::provision::provision_from_models(
        &compute.clusters.clusters,
        &compute.academic,
        &compute.hardware.accelerators,
        &m.models,
        &defs,
    );
    if args.format == OutputFormat::Json {
        let sha = |p: &std::path::Path| cd_ingest::datasets::sha256_file(p).unwrap_or_default();
        let json = ProvisionJson::new(
            &study,
            &defs,
            TableRead::new(&compute.clusters.report, &sha(&compute.clusters_path)),
            TableRead::new(&compute.hardware.report, &sha(&compute.hardware_path)),
            ModelsInput {
                path: m.path.display().to_string(),
                sha256: m.sha256.clone(),
                models: m.models.len(),
            },
        );
        return print_json(&json);
    }
    print_listing(args.format, &listing::provision(&study, &defs))
}
