//! Listings of `models`: the JSON of one classified Epoch table and its table and CSV rows.

use super::Listing;
use cd_domain::{ClassifiedModel, ReadReport, Rejection, TeamKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// One model as printed in JSON.
#[derive(Debug, Serialize)]
pub struct ModelOut<'a> {
    pub name: &'a str,
    pub publication_date: Option<String>,
    pub publication_date_precision: Option<cd_domain::DatePrecision>,
    pub training_compute_flop: Option<f64>,
    pub team: TeamKind,
    pub team_epoch: Option<TeamKind>,
    pub team_derived: Option<TeamKind>,
    pub team_source: cd_domain::TeamSource,
    pub team_shares: cd_domain::SectorShares,
    pub team_leaning: Option<cd_domain::sector::Leaning>,
    pub organization_sectors: &'a [cd_domain::Sector],
    pub accessibility: &'static str,
    pub accessibility_label: Option<&'a str>,
    pub notability: Vec<&'a str>,
    pub organizations: &'a [String],
    pub organization_categories: &'a [String],
    pub base_model: Option<&'a str>,
    pub parameters: Option<f64>,
    pub finetune_compute_flop: Option<f64>,
    pub confidence: Option<cd_domain::Confidence>,
    pub citations: Option<f64>,
    pub countries: &'a [String],
    pub domains: &'a [String],
    pub frontier_flag: Option<bool>,
    pub source_row: usize,
}

#[derive(Debug, Serialize)]
pub struct ModelsJson<'a> {
    pub file: String,
    sha256: &'a str,
    pub rows_read: usize,
    pub rows_loaded: usize,
    pub rows_rejected: usize,
    pub rejections: &'a [Rejection],
    pub notes: &'a [String],
    /// Models per team kind (`team`).
    pub team_counts: BTreeMap<&'static str, usize>,
    pub models: Vec<ModelOut<'a>>,
}

pub fn model_out(c: &ClassifiedModel) -> ModelOut<'_> {
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

/// The JSON of `models`: the read's accounting, the models per team kind and every model.
pub fn models_json<'a>(
    file: String,
    sha256: &'a str,
    r: &'a ReadReport,
    models: &'a [ClassifiedModel],
) -> ModelsJson<'a> {
    ModelsJson {
        file,
        sha256,
        rows_read: r.rows_read,
        rows_loaded: r.rows_loaded,
        rows_rejected: r.rows_rejected,
        rejections: &r.rejections,
        notes: &r.notes,
        team_counts: team_counts(models).iter().map(|(k, n)| (k.as_str(), *n)).collect(),
        models: models.iter().map(model_out).collect(),
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn flop(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.3e}")).unwrap_or_default()
}

/// Models per team kind, in `TeamKind::ALL` order.
pub fn team_counts(models: &[ClassifiedModel]) -> Vec<(TeamKind, usize)> {
    TeamKind::ALL.iter().map(|k| (*k, models.iter().filter(|m| m.team.kind == *k).count())).collect()
}

/// The table format: one short row per model (long names and organisation lists cut).
pub fn models_table(models: &[ClassifiedModel]) -> Listing {
    let header =
        ["name", "date", "compute_flop", "team", "team_epoch", "team_derived", "access", "organizations"];
    Listing::of(&header, models, |c| {
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
}

/// The lines under the table: the read's accounting, the team counts and every rejected row.
pub fn models_footer(file: &str, r: &ReadReport, models: &[ClassifiedModel]) -> Vec<String> {
    let counts = team_counts(models).iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ");
    let mut lines = vec![super::accounting_line(file, r), format!("teams: {counts}")];
    lines.extend(r.rejections.iter().map(|j| format!("rejected row {} ({}): {}", j.row, j.field, j.reason)));
    lines
}

/// The CSV format: every field of every model.
pub fn models_csv(models: &[ClassifiedModel]) -> Listing {
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
    Listing::of(&header, models, |c| {
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
}
