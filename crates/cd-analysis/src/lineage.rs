//! Analysis 7: academic and collaboration models built on industry base models.
//!
//! Each model's `base_model` is resolved against the catalogue of model names of the same table: names
//! compare after lower-casing and dropping everything but letters and digits ("GPT-3 175B" = "gpt3 175b").
//! A base that does not resolve as a whole is split on commas and resolved piece by piece (the first
//! piece that resolves is used). A base is "built by industry" when its team is industry-only or a
//! collaboration (industry took part). All models of the table count, not only notable ones: derived
//! models rarely meet notability criteria themselves. Teams use the academic-only rule.

use crate::population::{calendar_year, team_kind};
use cd_domain::{ClassifiedModel, Definitions, TeamKind};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineageRow {
    pub team: TeamKind,
    pub year: i32,
    /// Models of this team published in the year.
    pub n_models: usize,
    /// Of those, with a base model named.
    pub n_with_base: usize,
    /// Of those, whose base resolved to a catalogue model.
    pub n_base_resolved: usize,
    /// Of those, whose base was built with industry (industry-only or collaboration).
    pub n_base_industry: usize,
    /// n_base_industry / n_models.
    pub share_industry_base: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Derivation {
    pub model: String,
    pub team: TeamKind,
    pub base_model: String,
    /// The catalogue model the base resolved to, if any.
    pub resolved_to: Option<String>,
    pub base_team: Option<TeamKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineageResult {
    pub rows: Vec<LineageRow>,
    /// Every model with a base model named, in input order.
    pub derivations: Vec<Derivation>,
    /// Distinct base names that did not resolve, sorted.
    pub unresolved: Vec<String>,
}

/// The comparison key of a model name.
pub fn name_key(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Analysis 7.
pub fn lineage(models: &[ClassifiedModel], defs: &Definitions) -> LineageResult {
    // First model of a name wins (duplicated names are rare and noted by the reader).
    let mut catalogue: HashMap<String, usize> = HashMap::new();
    for (i, m) in models.iter().enumerate() {
        catalogue.entry(name_key(&m.model.name)).or_insert(i);
    }
    let resolve = |base: &str| -> Option<usize> {
        let whole = catalogue.get(&name_key(base)).copied();
        whole.or_else(|| base.split(',').find_map(|piece| catalogue.get(&name_key(piece)).copied()))
    };
    let mut derivations = vec![];
    let mut unresolved = std::collections::BTreeSet::new();
    // (team, year) → counts
    let mut cells: BTreeMap<(TeamKind, i32), [usize; 4]> = BTreeMap::new();
    for (i, m) in models.iter().enumerate() {
        let team = team_kind(m, defs);
        let year = m.model.decimal_year().map(calendar_year);
        let base = m.model.base_model.as_deref().map(str::trim).filter(|b| !b.is_empty());
        let resolved = base.and_then(resolve).filter(|&j| j != i);
        let base_team = resolved.map(|j| team_kind(&models[j], defs));
        if let Some(b) = base {
            if resolved.is_none() {
                unresolved.insert(b.to_string());
            }
            derivations.push(Derivation {
                model: m.model.name.clone(),
                team,
                base_model: b.to_string(),
                resolved_to: resolved.map(|j| models[j].model.name.clone()),
                base_team,
            });
        }
        if let Some(year) = year {
            let c = cells.entry((team, year)).or_default();
            c[0] += 1;
            c[1] += base.is_some() as usize;
            c[2] += resolved.is_some() as usize;
            c[3] += base_team.is_some_and(|k| k.industry_involved()) as usize;
        }
    }
    let first = calendar_year(defs.dl_era_start);
    let rows = cells
        .into_iter()
        .filter(|((team, year), _)| {
            *year >= first && matches!(team, TeamKind::AcademicOnly | TeamKind::Collaboration)
        })
        .map(|((team, year), c)| LineageRow {
            team,
            year,
            n_models: c[0],
            n_with_base: c[1],
            n_base_resolved: c[2],
            n_base_industry: c[3],
            share_industry_base: (c[0] > 0).then(|| c[3] as f64 / c[0] as f64),
        })
        .collect();
    LineageResult { rows, derivations, unresolved: unresolved.into_iter().collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::testutil::model;

    #[test]
    fn resolves_names_and_counts_industry_bases() {
        let mut ms = vec![
            model("LLaMA-7B", "2023-02-01", Some(1e22), TeamKind::IndustryOnly),
            model("Alpaca", "2023-03-01", None, TeamKind::AcademicOnly),
            model("Vicuna", "2023-03-30", None, TeamKind::AcademicOnly),
            model("OwnNet", "2023-05-01", None, TeamKind::AcademicOnly),
            model("Koala", "2023-04-01", None, TeamKind::Collaboration),
        ];
        ms[1].model.base_model = Some("llama 7b".into());
        ms[2].model.base_model = Some("Unknown-13B, LLaMA-7B".into());
        ms[4].model.base_model = Some("Mystery".into());
        let r = lineage(&ms, &Definitions::default());
        let aca = r.rows.iter().find(|x| x.team == TeamKind::AcademicOnly && x.year == 2023).unwrap();
        assert_eq!((aca.n_models, aca.n_with_base, aca.n_base_resolved, aca.n_base_industry), (3, 2, 2, 2));
        assert!((aca.share_industry_base.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        let col = r.rows.iter().find(|x| x.team == TeamKind::Collaboration).unwrap();
        assert_eq!((col.n_with_base, col.n_base_resolved), (1, 0));
        assert_eq!(r.unresolved, vec!["Mystery".to_string()]);
        assert_eq!(r.derivations[0].resolved_to.as_deref(), Some("LLaMA-7B"));
        assert!(r.rows.iter().all(|x| x.team != TeamKind::IndustryOnly));
    }
}
