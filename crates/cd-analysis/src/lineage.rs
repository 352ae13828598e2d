//! Analysis 7: academic and collaboration models built on industry base models.
//!
//! Each model's `base_model` is resolved against the catalogue of model names of the same table: names
//! compare after lower-casing and dropping everything but letters and digits ("GPT-3 175B" = "gpt3 175b").
//! A base that does not resolve as a whole is split on commas and resolved piece by piece (the first
//! piece that resolves is used). A name (or piece) that still does not resolve is matched by family: its
//! family key drops any parenthesised part and a trailing size token ("GPT-2 (124M)" → "GPT-2",
//! "LLaMA-13B" → "LLaMA", "ESM2-650M" → "ESM2"), and resolves to the earliest-published catalogue model of
//! the same family key (the original release precedes its fine-tunes), so that a size variant missing from
//! the catalogue resolves to a sibling of the same developer ("LLaMA-13B" → "LLaMA-65B"). A base is "built by industry" when its team is industry-only or a
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

/// The name without any parenthesised part, trimmed.
fn without_parentheses(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The name without a trailing size token (`-7B`, ` 1.3b-base`, `-650M`): the text before the last
/// space or hyphen that is followed by digits and a K/M/B/T unit. `None` when there is no such token.
fn without_size_suffix(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    for (i, &b) in bytes.iter().enumerate().rev() {
        if (b == b'-' || b == b' ') && i > 0 {
            let rest = &name[i + 1..];
            let digits = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').count();
            let unit = rest[digits..].chars().next().map(|c| c.to_ascii_lowercase());
            if digits > 0 && matches!(unit, Some('k' | 'm' | 'b' | 't')) {
                return Some(name[..i].trim().to_string());
            }
        }
    }
    None
}

/// The family key of a model name: without parenthesised parts and a trailing size token.
pub fn family_key(name: &str) -> String {
    let no_paren = without_parentheses(name);
    name_key(&without_size_suffix(&no_paren).unwrap_or(no_paren))
}

/// Analysis 7.
pub fn lineage(models: &[ClassifiedModel], defs: &Definitions) -> LineageResult {
    // First model of a name wins (duplicated names are rare and noted by the reader).
    let mut catalogue: HashMap<String, usize> = HashMap::new();
    for (i, m) in models.iter().enumerate() {
        catalogue.entry(name_key(&m.model.name)).or_insert(i);
    }
    // Family key → earliest-published model of the family (undated models last, then input order).
    let mut families: HashMap<String, usize> = HashMap::new();
    let date = |i: usize| models[i].model.decimal_year().unwrap_or(f64::INFINITY);
    for (i, m) in models.iter().enumerate() {
        let slot = families.entry(family_key(&m.model.name)).or_insert(i);
        if date(i) < date(*slot) {
            *slot = i;
        }
    }
    let exact = |name: &str| catalogue.get(&name_key(name)).copied();
    let family = |name: &str| families.get(&family_key(name)).copied();
    let resolve = |base: &str| -> Option<usize> {
        exact(base)
            .or_else(|| base.split(',').find_map(exact))
            .or_else(|| family(base))
            .or_else(|| base.split(',').find_map(family))
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

    #[test]
    fn size_variants_resolve_to_their_family() {
        assert_eq!(without_parentheses("GPT-2 (124M)"), "GPT-2");
        assert_eq!(without_size_suffix("LLaMA-13B").as_deref(), Some("LLaMA"));
        assert_eq!(without_size_suffix("DeepSeek-LLM-1.3b-base").as_deref(), Some("DeepSeek-LLM"));
        assert_eq!(without_size_suffix("ESM2-650M").as_deref(), Some("ESM2"));
        assert_eq!(without_size_suffix("GPT-2"), None);
        let mut ms = vec![
            model("GPT-2 (AMPS)", "2021-03-01", Some(1e20), TeamKind::AcademicOnly),
            model("GPT-2 (1.5B)", "2019-02-01", Some(1e21), TeamKind::IndustryOnly),
            model("LLaMA-65B", "2023-02-01", Some(1e23), TeamKind::IndustryOnly),
            model("A", "2023-03-01", None, TeamKind::AcademicOnly),
            model("B", "2023-03-01", None, TeamKind::AcademicOnly),
            model("C", "2023-03-01", None, TeamKind::AcademicOnly),
        ];
        ms[3].model.base_model = Some("GPT-2 (124M)".into());
        ms[4].model.base_model = Some("LLaMA-13B".into());
        ms[5].model.base_model = Some("Qwen-7B".into());
        let r = lineage(&ms, &Definitions::default());
        let to: Vec<_> = r.derivations.iter().map(|d| d.resolved_to.as_deref()).collect();
        // The earliest GPT-2 (the original), not the later academic fine-tune; no Qwen in the catalogue.
        assert_eq!(to, vec![Some("GPT-2 (1.5B)"), Some("LLaMA-65B"), None]);
        assert_eq!(r.unresolved, vec!["Qwen-7B".to_string()]);
    }
}
