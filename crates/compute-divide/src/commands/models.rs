//! `compute-divide models`: the classified models of one Epoch table.
//!
//! Reads through `pipeline::load_models` (default file: `--vintage`, else the newest all-models snapshot)
//! and prints one row per model. `--format json` prints an object with the read's accounting
//! (`rows_read`, `rows_loaded`, `rows_rejected`, `rejections` with row, field and reason) and `models`.
//! Exit code 1 when the file cannot be read as an Epoch table; rejected rows are listed, not fatal.

use crate::common::{print_csv, print_json, print_table, DataArgs, OutputFormat};
use crate::definitions_args::DefinitionArgs;
use crate::pipeline::{load_models, LoadedModels};
use cd_domain::{ClassifiedModel, Rejection, TeamKind};
use cd_ingest::locate::{locate, DataDir};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ModelsArgs {
    /// Epoch model table to read (any vintage). Default: the `--vintage` named, else the newest
    /// all_ml_systems_*.csv of the data folder.
    #[arg(long, value_name = "FILE")]
    pub models: Option<PathBuf>,
    /// Output format: an aligned table, CSV (more columns) or JSON (everything).
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub definitions: DefinitionArgs,
}

/// One model as printed in JSON.
#[derive(Debug, Serialize)]
struct ModelOut<'a> {
    name: &'a str,
    publication_date: Option<String>,
    publication_date_precision: Option<cd_domain::DatePrecision>,
    training_compute_flop: Option<f64>,
    team: TeamKind,
    team_epoch: Option<TeamKind>,
    team_derived: Option<TeamKind>,
    team_source: cd_domain::TeamSource,
    team_shares: cd_domain::SectorShares,
    team_leaning: Option<cd_domain::sector::Leaning>,
    organization_sectors: &'a [cd_domain::Sector],
    accessibility: &'static str,
    accessibility_label: Option<&'a str>,
    notability: Vec<&'a str>,
    organizations: &'a [String],
    organization_categories: &'a [String],
    base_model: Option<&'a str>,
    parameters: Option<f64>,
    finetune_compute_flop: Option<f64>,
    confidence: Option<cd_domain::Confidence>,
    citations: Option<f64>,
    countries: &'a [String],
    domains: &'a [String],
    frontier_flag: Option<bool>,
    source_row: usize,
}

#[derive(Debug, Serialize)]
struct Output<'a> {
    file: String,
    sha256: &'a str,
    rows_read: usize,
    rows_loaded: usize,
    rows_rejected: usize,
    rejections: &'a [Rejection],
    notes: &'a [String],
    /// Models per team kind (`team`).
    team_counts: BTreeMap<&'static str, usize>,
    models: Vec<ModelOut<'a>>,
}

fn model_out(c: &ClassifiedModel) -> ModelOut<'_> {
    let m = &c.model;
    ModelOut {
        name: &m.name,
        publication_date: m.publication_date.map(|d| d.to_string()),
        publication_date_precision: m.publication_date.map(|d| d.precision),
        training_compute_flop: m.training_compute_flop,
        team: c.team.kind,
        team_epoch: c.team_epoch,
        team_derived: c.team_derived,
        team_source: c.team.source,
        team_shares: c.team.shares,
        team_leaning: c.team.leaning,
        organization_sectors: &c.team.sectors,
        accessibility: m.accessibility.as_str(),
        accessibility_label: m.accessibility_label.as_deref(),
        notability: m.notability.iter().map(|n| n.as_str()).collect(),
        organizations: &m.organizations,
        organization_categories: &m.organization_categories,
        base_model: m.base_model.as_deref(),
        parameters: m.parameters,
        finetune_compute_flop: m.finetune_compute_flop,
        confidence: m.confidence,
        citations: m.citations,
        countries: &m.countries,
        domains: &m.domains,
        frontier_flag: m.frontier_flag,
        source_row: m.source_row,
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn flop(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.3e}")).unwrap_or_default()
}

fn team_counts(loaded: &LoadedModels) -> Vec<(TeamKind, usize)> {
    TeamKind::ALL.iter().map(|k| (*k, loaded.models.iter().filter(|m| m.team.kind == *k).count())).collect()
}

pub fn run(data: &DataArgs, args: ModelsArgs) -> anyhow::Result<()> {
    let defs = args.definitions.load()?;
    // With an explicit file, a missing data folder only costs the registries (GRID, universities): the
    // classifier then runs on its curated list and rules.
    let dir = match (locate(data.data.as_deref()), &args.models) {
        (Ok(d), _) => d,
        (Err(_), Some(file)) if data.data.is_none() => {
            DataDir { root: file.parent().map(|p| p.to_path_buf()).unwrap_or_else(|| PathBuf::from(".")) }
        }
        (Err(e), _) => return Err(e.into()),
    };
    let loaded = load_models(&dir, args.models.as_deref(), &defs)?;
    let counts = team_counts(&loaded);
    match args.format {
        OutputFormat::Json => print_json(&Output {
            file: loaded.path.display().to_string(),
            sha256: &loaded.sha256,
            rows_read: loaded.report.rows_read,
            rows_loaded: loaded.report.rows_loaded,
            rows_rejected: loaded.report.rows_rejected,
            rejections: &loaded.report.rejections,
            notes: &loaded.report.notes,
            team_counts: counts.iter().map(|(k, n)| (k.as_str(), *n)).collect(),
            models: loaded.models.iter().map(model_out).collect(),
        })?,
        OutputFormat::Table => {
            let header = [
                "name",
                "date",
                "compute_flop",
                "team",
                "team_epoch",
                "team_derived",
                "access",
                "organizations",
            ];
            let rows: Vec<Vec<String>> = loaded
                .models
                .iter()
                .map(|c| {
                    let m = &c.model;
                    let mut name: String = m.name.chars().take(40).collect();
                    if m.name.chars().count() > 40 {
                        name.push('…');
                    }
                    let mut orgs = m.organizations.join("; ");
                    if orgs.chars().count() > 60 {
                        orgs = orgs.chars().take(59).collect::<String>() + "…";
                    }
                    vec![
                        name,
                        opt(m.publication_date),
                        flop(m.training_compute_flop),
                        c.team.kind.to_string(),
                        opt(c.team_epoch),
                        opt(c.team_derived),
                        m.accessibility.as_str().to_string(),
                        orgs,
                    ]
                })
                .collect();
            print_table(&header, &rows);
            let r = &loaded.report;
            println!();
            println!(
                "{}: {} rows read, {} loaded, {} rejected",
                loaded.path.display(),
                r.rows_read,
                r.rows_loaded,
                r.rows_rejected
            );
            println!(
                "teams: {}",
                counts.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
            );
            for j in &r.rejections {
                println!("rejected row {} ({}): {}", j.row, j.field, j.reason);
            }
        }
        OutputFormat::Csv => {
            let header = [
                "name",
                "publication_date",
                "training_compute_flop",
                "team",
                "team_epoch",
                "team_derived",
                "team_source",
                "academia_share",
                "industry_share",
                "other_share",
                "leaning",
                "accessibility",
                "notability",
                "organizations",
                "organization_categories",
                "organization_sectors",
                "base_model",
                "parameters",
                "countries",
                "source_row",
            ];
            let rows: Vec<Vec<String>> = loaded
                .models
                .iter()
                .map(|c| {
                    let m = &c.model;
                    let t = &c.team;
                    vec![
                        m.name.clone(),
                        opt(m.publication_date),
                        opt(m.training_compute_flop),
                        t.kind.to_string(),
                        opt(c.team_epoch),
                        opt(c.team_derived),
                        serde_json::to_value(t.source)
                            .ok()
                            .and_then(|v| v.as_str().map(String::from))
                            .unwrap_or_default(),
                        t.shares.academia.to_string(),
                        t.shares.industry.to_string(),
                        t.shares.other.to_string(),
                        t.leaning
                            .and_then(|l| serde_json::to_value(l).ok())
                            .and_then(|v| v.as_str().map(String::from))
                            .unwrap_or_default(),
                        m.accessibility.as_str().to_string(),
                        m.notability.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(";"),
                        m.organizations.join(";"),
                        m.organization_categories.join(";"),
                        t.sectors.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(";"),
                        m.base_model.clone().unwrap_or_default(),
                        opt(m.parameters),
                        m.countries.join(";"),
                        m.source_row.to_string(),
                    ]
                })
                .collect();
            print_csv(&header, &rows)?;
        }
    }
    Ok(())
}
