//! The model catalogue: one record per canonical model, from every Epoch vintage and the alias table.
//!
//! Built by [`build_catalogue`], a pure function of several vintages of classified models (oldest first).
//! - Dedupe across vintages: rows are keyed by their normalised name (trimmed, inner spaces collapsed, lower
//!   case); the newest vintage's row wins.
//! - Every alias-table entry becomes one catalogue model made of the Epoch rows its `epoch_names` list. Its
//!   release date is the earliest date among them; developer, team kind and accessibility come from the
//!   earliest row (the original release), and when that row leaves them empty, from the first dated row that
//!   has them, then from the entry's documented fallback. Compute is the largest among its rows (the biggest
//!   variant). An entry with no Epoch row is kept from its fallback alone (`in_epoch: false`).
//! - Every other Epoch row becomes a catalogue model of its own, under its Epoch name, without aliases: it
//!   is listed but not searched for in text (raw Epoch names such as "Transformer" would match prose).
//!
//! No I/O; the caller reads the vintages.

use super::aliases::{epoch_name_matches, normalise_epoch_name, AliasEntry, ALIASES};
use cd_domain::{Accessibility, AccessibilityClass, ClassifiedModel, PubDate, TeamKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// One Epoch vintage: a label (file stem) and its classified models.
#[derive(Debug, Clone, Copy)]
pub struct Vintage<'a> {
    pub label: &'a str,
    pub models: &'a [ClassifiedModel],
}

/// One canonical model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogueModel {
    pub canonical: String,
    pub family: String,
    /// Surface forms searched for in papers (empty for Epoch-only models).
    pub aliases: Vec<String>,
    /// Epoch rows (names as Epoch writes them) that make up this model, after deduplication.
    pub epoch_names: Vec<String>,
    /// Vintage of the row the developer and accessibility came from (`fallback` when none).
    pub source: String,
    pub in_epoch: bool,
    pub developer: String,
    pub developer_team: TeamKind,
    pub accessibility: Accessibility,
    pub accessibility_class: AccessibilityClass,
    pub release_date: Option<PubDate>,
    pub release_year: Option<i32>,
    /// Largest training compute among the model's rows, FLOP.
    pub training_compute_flop: Option<f64>,
    /// Epoch flags any of its rows as a frontier model.
    pub frontier_flag: bool,
}

/// The catalogue and its row accounting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalogue {
    pub models: Vec<CatalogueModel>,
    /// Vintage labels, oldest first.
    pub vintages: Vec<String>,
    /// Rows over all vintages.
    pub epoch_rows: usize,
    /// Rows dropped because a newer vintage has the same (normalised) name.
    pub duplicate_rows: usize,
    /// Distinct Epoch models after deduplication.
    pub distinct_epoch_models: usize,
    /// Distinct Epoch models assigned to an alias-table model.
    pub epoch_models_in_alias_table: usize,
}

impl Catalogue {
    pub fn get(&self, canonical: &str) -> Option<&CatalogueModel> {
        self.models.iter().find(|m| m.canonical == canonical)
    }
}

struct Row<'a> {
    vintage: &'a str,
    model: &'a ClassifiedModel,
}

/// Build the catalogue from vintages given oldest first.
pub fn build_catalogue(vintages: &[Vintage<'_>]) -> Catalogue {
    let mut by_name: BTreeMap<String, Row<'_>> = BTreeMap::new();
    let mut epoch_rows = 0;
    let mut duplicate_rows = 0;
    for v in vintages.iter().rev() {
        for m in v.models {
            epoch_rows += 1;
            let key = normalise_epoch_name(&m.model.name);
            if key.is_empty() || by_name.contains_key(&key) {
                duplicate_rows += 1;
                continue;
            }
            by_name.insert(key, Row { vintage: v.label, model: m });
        }
    }
    let mut assigned: BTreeMap<String, usize> = BTreeMap::new();
    let mut models = Vec::new();
    for (i, entry) in ALIASES.iter().enumerate() {
        let rows: Vec<&Row<'_>> = by_name
            .iter()
            .filter(|(key, r)| !assigned.contains_key(*key) && epoch_name_matches(entry, &r.model.model.name))
            .map(|(_, r)| r)
            .collect();
        for r in &rows {
            assigned.insert(normalise_epoch_name(&r.model.model.name), i);
        }
        models.push(alias_model(entry, &rows));
    }
    let epoch_models_in_alias_table = assigned.len();
    for (key, r) in &by_name {
        if !assigned.contains_key(key) {
            models.push(epoch_only_model(r));
        }
    }
    Catalogue {
        models,
        vintages: vintages.iter().map(|v| v.label.to_string()).collect(),
        epoch_rows,
        duplicate_rows,
        distinct_epoch_models: by_name.len(),
        epoch_models_in_alias_table,
    }
}

fn developer_of(m: &ClassifiedModel) -> String {
    m.model.organizations.join(", ")
}

fn alias_model(entry: &AliasEntry, rows: &[&Row<'_>]) -> CatalogueModel {
    let mut sorted: Vec<&Row<'_>> = rows.to_vec();
    // Earliest first; undated rows last; ties by name for a stable order.
    sorted.sort_by(|a, b| {
        let key = |r: &Row<'_>| (r.model.model.publication_date.is_none(), r.model.model.publication_date);
        key(a).cmp(&key(b)).then(a.model.model.name.cmp(&b.model.model.name))
    });
    let fallback = entry.fallback;
    let team = sorted
        .iter()
        .map(|r| r.model.team.kind)
        .find(|k| *k != TeamKind::Unknown)
        .or(fallback.map(|f| f.team))
        .unwrap_or(TeamKind::Unknown);
    let access_row = sorted.iter().find(|r| r.model.model.accessibility != Accessibility::Unknown);
    let accessibility = access_row
        .map(|r| r.model.model.accessibility)
        .or(fallback.map(|f| f.accessibility))
        .unwrap_or(Accessibility::Unknown);
    let release_date =
        sorted.first().and_then(|r| r.model.model.publication_date).or(fallback.map(|f| PubDate::y(f.year)));
    let developer = sorted
        .iter()
        .map(|r| developer_of(r.model))
        .find(|d| !d.is_empty())
        .or(fallback.map(|f| f.developer.to_string()))
        .unwrap_or_default();
    let compute = rows
        .iter()
        .filter_map(|r| r.model.model.training_compute_flop)
        .filter(|c| c.is_finite() && *c > 0.0)
        .fold(None, |acc: Option<f64>, c| Some(acc.map_or(c, |a| a.max(c))));
    let mut epoch_names: Vec<String> = sorted.iter().map(|r| r.model.model.name.trim().to_string()).collect();
    epoch_names.sort();
    let mut aliases: Vec<String> =
        entry.forms_ci.iter().chain(entry.forms_cs.iter()).map(|s| s.to_string()).collect();
    aliases.sort();
    aliases.dedup();
    CatalogueModel {
        canonical: entry.canonical.to_string(),
        family: entry.family.to_string(),
        aliases,
        epoch_names,
        source: sorted.first().map(|r| r.vintage.to_string()).unwrap_or_else(|| "fallback".to_string()),
        in_epoch: !rows.is_empty(),
        developer,
        developer_team: team,
        accessibility,
        accessibility_class: accessibility.class(),
        release_date,
        release_year: release_date.map(|d| d.year),
        training_compute_flop: compute,
        frontier_flag: rows.iter().any(|r| r.model.model.frontier_flag == Some(true)),
    }
}

fn epoch_only_model(r: &Row<'_>) -> CatalogueModel {
    let m = &r.model.model;
    let name = m.name.trim().to_string();
    CatalogueModel {
        canonical: name.clone(),
        family: name.clone(),
        aliases: vec![],
        epoch_names: vec![name],
        source: r.vintage.to_string(),
        in_epoch: true,
        developer: developer_of(r.model),
        developer_team: r.model.team.kind,
        accessibility: m.accessibility,
        accessibility_class: m.accessibility.class(),
        release_date: m.publication_date,
        release_year: m.publication_date.map(|d| d.year),
        training_compute_flop: m.training_compute_flop.filter(|c| c.is_finite() && *c > 0.0),
        frontier_flag: m.frontier_flag == Some(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_domain::{Model, SectorShares, Team, TeamSource};

    fn cm(
        name: &str,
        date: &str,
        kind: TeamKind,
        access: Accessibility,
        flop: Option<f64>,
    ) -> ClassifiedModel {
        let mut m = Model::named(name);
        m.publication_date = PubDate::parse(date);
        m.accessibility = access;
        m.training_compute_flop = flop;
        m.organizations = vec!["Org".into()];
        ClassifiedModel {
            model: m,
            team: Team {
                kind,
                shares: SectorShares::default(),
                source: TeamSource::EpochLabel,
                leaning: None,
                sectors: vec![],
            },
            team_epoch: Some(kind),
            team_derived: None,
            candidates: Default::default(),
        }
    }

    #[test]
    fn newest_vintage_wins_and_versions_group() {
        let old = vec![
            cm("Llama 2-7B", "2023-07-18", TeamKind::Unknown, Accessibility::Unknown, Some(8.4e22)),
            cm("Some Model", "2020-01-01", TeamKind::AcademicOnly, Accessibility::Unknown, None),
        ];
        let new = vec![
            cm(
                " Llama 2-7B",
                "2023-07-18",
                TeamKind::IndustryOnly,
                Accessibility::OpenWeightsRestricted,
                Some(8.4e22),
            ),
            cm(
                "Llama 2-70B",
                "2023-07-18",
                TeamKind::IndustryOnly,
                Accessibility::OpenWeightsRestricted,
                Some(8.1e23),
            ),
        ];
        let cat = build_catalogue(&[
            Vintage { label: "old", models: &old },
            Vintage { label: "new", models: &new },
        ]);
        assert_eq!((cat.epoch_rows, cat.duplicate_rows, cat.distinct_epoch_models), (4, 1, 3));
        let l2 = cat.get("Llama 2").unwrap();
        assert_eq!(l2.epoch_names, vec!["Llama 2-70B".to_string(), "Llama 2-7B".to_string()]);
        assert_eq!(l2.developer_team, TeamKind::IndustryOnly);
        assert_eq!(l2.accessibility, Accessibility::OpenWeightsRestricted);
        assert_eq!(l2.source, "new");
        assert_eq!(l2.training_compute_flop, Some(8.1e23));
        assert_eq!(l2.release_year, Some(2023));
        let other = cat.get("Some Model").unwrap();
        assert!(other.aliases.is_empty() && other.in_epoch);
        // An alias entry without Epoch rows comes from its fallback.
        let blip = cat.get("BLIP").unwrap();
        assert!(!blip.in_epoch);
        assert_eq!((blip.developer_team, blip.release_year), (TeamKind::IndustryOnly, Some(2022)));
    }
}
