//! Scrutiny: who evaluates, examines and audits the influential models, and how soon.
//!
//! - Influential models: catalogue models named in the papers that Epoch flags as frontier, or whose
//!   largest variant used at least `Definitions::influential_min_compute_flop`, or that are among the
//!   `Definitions::influential_top_mentioned` models named in the most papers.
//! - A paper *scrutinises* a model when one of its use types is evaluation, examination or safety audit
//!   ([`UseType::scrutinises`]). Counts are papers, by the paper's team kind.
//! - Time to first academic scrutiny: the year of the first academic-only paper scrutinising the model minus
//!   the model's release year (papers dated before release are counted apart, as in the adoption lag).
//! - By accessibility class (open weights / closed / unknown): models, scrutiny papers, the academic-only
//!   share of those papers (Wilson interval), the median time to first academic scrutiny, and models no
//!   academic-only paper scrutinised.
//! - Responsible-AI papers (the AI Index categories, read from `category:` keywords): per category and year,
//!   papers by team kind and the academic-only and industry-involved shares among papers of known team. A
//!   paper listed under two categories counts in both; a paper could carry the same category twice only
//!   through a label alias, and then counts once.
//!
//! Pure: typed tables in, typed results out.

use super::catalogue::Catalogue;
use super::detect::{paper_team_kind, MentionTable, ModelUse};
use super::interval::ShareEstimate;
use cd_domain::{Accessibility, AccessibilityClass, Definitions, Paper, TeamKind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Papers by team kind (every kind present, zeros included, in `TeamKind::ALL` order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamCounts {
    pub academic_only: usize,
    pub industry_only: usize,
    pub collaboration: usize,
    pub other: usize,
    pub unknown: usize,
}

impl TeamCounts {
    fn zero() -> TeamCounts {
        TeamCounts { academic_only: 0, industry_only: 0, collaboration: 0, other: 0, unknown: 0 }
    }
    fn add(&mut self, kind: TeamKind) {
        match kind {
            TeamKind::AcademicOnly => self.academic_only += 1,
            TeamKind::IndustryOnly => self.industry_only += 1,
            TeamKind::Collaboration => self.collaboration += 1,
            TeamKind::Other => self.other += 1,
            TeamKind::Unknown => self.unknown += 1,
        }
    }
    pub fn get(&self, kind: TeamKind) -> usize {
        match kind {
            TeamKind::AcademicOnly => self.academic_only,
            TeamKind::IndustryOnly => self.industry_only,
            TeamKind::Collaboration => self.collaboration,
            TeamKind::Other => self.other,
            TeamKind::Unknown => self.unknown,
        }
    }
    pub fn total(&self) -> usize {
        TeamKind::ALL.iter().map(|k| self.get(*k)).sum()
    }
    pub fn known(&self) -> usize {
        self.total() - self.unknown
    }
}

/// Scrutiny of one influential model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelScrutiny {
    pub model: String,
    pub developer_team: TeamKind,
    pub accessibility: Accessibility,
    pub accessibility_class: AccessibilityClass,
    pub release_year: Option<i32>,
    /// Why it counts as influential: `frontier`, `compute`, `most_mentioned`.
    pub influential_because: Vec<String>,
    /// Papers naming it at all.
    pub papers_mentioning: usize,
    /// Papers evaluating, examining or auditing it, by team kind.
    pub scrutiny_papers: TeamCounts,
    /// Academic-only share of its scrutiny papers of known team.
    pub academic_share: ShareEstimate,
    pub first_academic_scrutiny_year: Option<i32>,
    pub years_to_first_academic_scrutiny: Option<i32>,
    pub academic_scrutiny_before_release: usize,
}

/// Scrutiny summed over the influential models of one accessibility class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScrutinyByAccess {
    pub accessibility_class: AccessibilityClass,
    pub models: usize,
    pub scrutiny_papers: TeamCounts,
    pub academic_share: ShareEstimate,
    pub median_years_to_first_academic_scrutiny: Option<f64>,
    pub models_without_academic_scrutiny: usize,
}

/// Responsible-AI papers of one category and year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaiShare {
    pub category: String,
    pub year: i32,
    pub papers: TeamCounts,
    pub academic_only: ShareEstimate,
    pub industry_involved: ShareEstimate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScrutinyResult {
    pub models: Vec<ModelScrutiny>,
    pub by_accessibility: Vec<ScrutinyByAccess>,
    pub rai_shares: Vec<RaiShare>,
}

fn scrutinises(u: &ModelUse) -> bool {
    u.use_types.iter().any(|t| t.scrutinises())
}

/// Influential models among those named in the papers, with the reasons.
pub fn influential_models(
    table: &MentionTable,
    catalogue: &Catalogue,
    defs: &Definitions,
) -> Vec<(String, Vec<String>)> {
    let mut papers_per_model: BTreeMap<&str, usize> = BTreeMap::new();
    for u in &table.uses {
        *papers_per_model.entry(u.model.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = papers_per_model.iter().map(|(m, n)| (*m, *n)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top: BTreeSet<&str> = ranked.iter().take(defs.influential_top_mentioned).map(|(m, _)| *m).collect();
    let mut out = Vec::new();
    for (model, _) in &ranked {
        let Some(entry) = catalogue.get(model) else { continue };
        let mut why = Vec::new();
        if entry.frontier_flag {
            why.push("frontier".to_string());
        }
        if entry.training_compute_flop.is_some_and(|c| c >= defs.influential_min_compute_flop) {
            why.push("compute".to_string());
        }
        if top.contains(model) {
            why.push("most_mentioned".to_string());
        }
        if !why.is_empty() {
            out.push((model.to_string(), why));
        }
    }
    out.sort();
    out
}

/// The scrutiny analysis.
pub fn scrutiny(
    papers: &[Paper],
    table: &MentionTable,
    catalogue: &Catalogue,
    defs: &Definitions,
) -> ScrutinyResult {
    let mut models = Vec::new();
    for (model, why) in influential_models(table, catalogue, defs) {
        let Some(entry) = catalogue.get(&model) else { continue };
        let uses: Vec<&ModelUse> = table.uses.iter().filter(|u| u.model == model).collect();
        let mut counts = TeamCounts::zero();
        let mut first: Option<i32> = None;
        let mut before = 0;
        for u in uses.iter().filter(|u| scrutinises(u)) {
            counts.add(u.paper_team);
            if u.paper_team == TeamKind::AcademicOnly {
                if let Some(y) = u.year {
                    if entry.release_year.is_some_and(|r| y < r) {
                        before += 1;
                    } else {
                        first = Some(first.map_or(y, |f| f.min(y)));
                    }
                }
            }
        }
        models.push(ModelScrutiny {
            model: model.clone(),
            developer_team: entry.developer_team,
            accessibility: entry.accessibility,
            accessibility_class: entry.accessibility_class,
            release_year: entry.release_year,
            influential_because: why,
            papers_mentioning: uses.len(),
            academic_share: ShareEstimate::wilson(counts.academic_only, counts.known()),
            scrutiny_papers: counts,
            first_academic_scrutiny_year: first,
            years_to_first_academic_scrutiny: match (first, entry.release_year) {
                (Some(f), Some(r)) => Some(f - r),
                _ => None,
            },
            academic_scrutiny_before_release: before,
        });
    }
    let by_accessibility =
        [AccessibilityClass::Open, AccessibilityClass::Closed, AccessibilityClass::Unknown]
            .into_iter()
            .map(|class| {
                let ms: Vec<&ModelScrutiny> =
                    models.iter().filter(|m| m.accessibility_class == class).collect();
                // Papers, not (paper, model) pairs: a paper auditing two closed models counts once.
                let mut seen: BTreeSet<&str> = BTreeSet::new();
                let mut counts = TeamCounts::zero();
                for u in table.uses.iter().filter(|u| scrutinises(u) && ms.iter().any(|m| m.model == u.model))
                {
                    if seen.insert(u.paper_id.as_str()) {
                        counts.add(u.paper_team);
                    }
                }
                let mut lags: Vec<f64> =
                    ms.iter().filter_map(|m| m.years_to_first_academic_scrutiny.map(f64::from)).collect();
                ScrutinyByAccess {
                    accessibility_class: class,
                    models: ms.len(),
                    academic_share: ShareEstimate::wilson(counts.academic_only, counts.known()),
                    scrutiny_papers: counts,
                    median_years_to_first_academic_scrutiny: cd_stats::median(&mut lags),
                    models_without_academic_scrutiny: ms
                        .iter()
                        .filter(|m| m.first_academic_scrutiny_year.is_none())
                        .count(),
                }
            })
            .collect();
    ScrutinyResult { models, by_accessibility, rai_shares: rai_shares(papers, defs) }
}

/// Category labels that name one of the AI Index's four categories another way (facct2022.csv writes
/// "Privacy" for "Privacy & Data Governance").
pub const CATEGORY_ALIASES: &[(&str, &str)] = &[("Privacy", "Privacy & Data Governance")];

/// Responsible-AI category shares by team kind and year (papers without a `category:` keyword are skipped;
/// labels are folded through [`CATEGORY_ALIASES`]).
pub fn rai_shares(papers: &[Paper], defs: &Definitions) -> Vec<RaiShare> {
    let mut cells: BTreeMap<(String, i32), TeamCounts> = BTreeMap::new();
    for p in papers {
        let Some(year) = p.year else { continue };
        let kind = paper_team_kind(p, defs);
        let categories: BTreeSet<&str> = p
            .keywords
            .iter()
            .filter_map(|k| k.strip_prefix("category:"))
            .map(|c| {
                let c = c.trim();
                CATEGORY_ALIASES.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to)
            })
            .collect();
        for cat in categories {
            cells.entry((cat.to_string(), year)).or_insert_with(TeamCounts::zero).add(kind);
        }
    }
    cells
        .into_iter()
        .map(|((category, year), c)| RaiShare {
            category,
            year,
            academic_only: ShareEstimate::wilson(c.academic_only, c.known()),
            industry_involved: ShareEstimate::wilson(c.industry_only + c.collaboration, c.known()),
            papers: c,
        })
        .collect()
}
