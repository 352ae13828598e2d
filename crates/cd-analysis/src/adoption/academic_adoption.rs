//! Adoption: how often academic-only papers build on models that industry developed.
//!
//! - A paper *builds on* a model when one of its use types is fine-tuning, prompting or compression
//!   ([`UseType::builds_on`]); evaluation, examination and audits are scrutiny, not adoption, and training
//!   the architecture from scratch is not building on the released model.
//! - An *industry model* is one whose developer team is industry-only or an industry–academia collaboration
//!   ([`TeamKind::industry_involved`]).
//! - Per year: among academic-only papers (all of them, with or without mentions), the share building on at
//!   least one industry model; split by the model's accessibility class (open weights vs closed: API,
//!   hosted, unreleased; a paper building on both counts in both). 95% Wilson score intervals.
//! - The models academic-only papers build on most per year, and per industry model the lag in whole years
//!   from release to the first academic-only paper building on it. A paper dated before the model's
//!   release (possible when a source gives an updated abstract under the original year) is counted in
//!   `uses_before_release` and left out of the lag.
//!
//! Pure: typed tables in, typed results out.

use super::catalogue::Catalogue;
use super::detect::{paper_team_kind, MentionTable, ModelUse};
use super::interval::ShareEstimate;
use cd_domain::{Accessibility, AccessibilityClass, Definitions, Paper, TeamKind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One year of the adoption series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdoptionYear {
    pub year: i32,
    /// Academic-only papers of the year (the denominator).
    pub academic_papers: usize,
    /// Building on at least one industry model.
    pub builds_on_industry: ShareEstimate,
    /// ... with open weights.
    pub builds_on_industry_open: ShareEstimate,
    /// ... available only through an API, hosted, or unreleased.
    pub builds_on_industry_closed: ShareEstimate,
    /// Naming at least one industry model at all (any use, passing mentions included).
    pub mentions_industry: ShareEstimate,
}

/// A model academic-only papers built on in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopAdopted {
    pub year: i32,
    pub rank: usize,
    pub model: String,
    pub developer_team: TeamKind,
    pub accessibility: Accessibility,
    pub academic_papers: usize,
}

/// Release-to-first-academic-use lag of one industry model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdoptionLag {
    pub model: String,
    pub developer_team: TeamKind,
    pub accessibility: Accessibility,
    pub release_year: Option<i32>,
    pub first_academic_use_year: Option<i32>,
    pub lag_years: Option<i32>,
    /// Academic-only papers building on it (all years).
    pub academic_papers: usize,
    pub uses_before_release: usize,
}

/// Lag summary by accessibility class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LagByAccess {
    pub accessibility_class: AccessibilityClass,
    pub models_adopted: usize,
    pub median_lag_years: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdoptionResult {
    pub years: Vec<AdoptionYear>,
    pub top_models: Vec<TopAdopted>,
    pub lags: Vec<AdoptionLag>,
    pub lag_by_access: Vec<LagByAccess>,
    /// Academic-only papers over all years, and those of unknown team that were left out.
    pub academic_papers: usize,
    pub papers_unknown_team: usize,
}

fn is_industry(u: &ModelUse) -> bool {
    u.developer_team.industry_involved()
}

fn builds_on(u: &ModelUse) -> bool {
    u.use_types.iter().any(|t| t.builds_on())
}

/// The adoption analysis.
pub fn adoption(
    papers: &[Paper],
    table: &MentionTable,
    catalogue: &Catalogue,
    defs: &Definitions,
) -> AdoptionResult {
    // Denominators: academic-only papers per year.
    let mut academic_by_year: BTreeMap<i32, usize> = BTreeMap::new();
    let mut unknown = 0;
    for p in papers {
        let kind = paper_team_kind(p, defs);
        if kind == TeamKind::Unknown {
            unknown += 1;
        }
        if let (TeamKind::AcademicOnly, Some(y)) = (kind, p.year) {
            *academic_by_year.entry(y).or_default() += 1;
        }
    }
    let academic_uses: Vec<&ModelUse> =
        table.uses.iter().filter(|u| u.paper_team == TeamKind::AcademicOnly && u.year.is_some()).collect();
    let papers_where = |year: i32, pred: &dyn Fn(&ModelUse) -> bool| -> usize {
        academic_uses
            .iter()
            .filter(|u| u.year == Some(year) && pred(u))
            .map(|u| u.paper_id.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let years = academic_by_year
        .iter()
        .map(|(&year, &n)| AdoptionYear {
            year,
            academic_papers: n,
            builds_on_industry: ShareEstimate::wilson(
                papers_where(year, &|u| is_industry(u) && builds_on(u)),
                n,
            ),
            builds_on_industry_open: ShareEstimate::wilson(
                papers_where(year, &|u| {
                    is_industry(u) && builds_on(u) && u.accessibility.class() == AccessibilityClass::Open
                }),
                n,
            ),
            builds_on_industry_closed: ShareEstimate::wilson(
                papers_where(year, &|u| {
                    is_industry(u) && builds_on(u) && u.accessibility.class() == AccessibilityClass::Closed
                }),
                n,
            ),
            mentions_industry: ShareEstimate::wilson(papers_where(year, &|u| is_industry(u)), n),
        })
        .collect();

    // Top adopted models per year (all developers, so that academic models show beside industry ones).
    let mut per_year_model: BTreeMap<(i32, String), BTreeSet<&str>> = BTreeMap::new();
    for u in academic_uses.iter().filter(|u| builds_on(u)) {
        per_year_model.entry((u.year.unwrap_or_default(), u.model.clone())).or_default().insert(&u.paper_id);
    }
    let mut top_models = Vec::new();
    for &year in academic_by_year.keys() {
        let mut rows: Vec<(&String, usize)> =
            per_year_model.iter().filter(|((y, _), _)| *y == year).map(|((_, m), s)| (m, s.len())).collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (rank, (model, count)) in rows.into_iter().take(defs.adoption_top_models).enumerate() {
            let entry = catalogue.get(model);
            top_models.push(TopAdopted {
                year,
                rank: rank + 1,
                model: model.clone(),
                developer_team: entry.map_or(TeamKind::Unknown, |e| e.developer_team),
                accessibility: entry.map_or(Accessibility::Unknown, |e| e.accessibility),
                academic_papers: count,
            });
        }
    }

    // Lags, per industry model with at least one academic use.
    let mut by_model: BTreeMap<&str, Vec<&ModelUse>> = BTreeMap::new();
    for u in academic_uses.iter().filter(|u| builds_on(u) && is_industry(u)) {
        by_model.entry(u.model.as_str()).or_default().push(u);
    }
    let mut lags = Vec::new();
    for (model, uses) in by_model {
        let entry = catalogue.get(model);
        let release_year = entry.and_then(|e| e.release_year);
        let mut before = 0;
        let mut first: Option<i32> = None;
        for u in &uses {
            let y = u.year.unwrap_or_default();
            if release_year.is_some_and(|r| y < r) {
                before += 1;
            } else {
                first = Some(first.map_or(y, |f| f.min(y)));
            }
        }
        lags.push(AdoptionLag {
            model: model.to_string(),
            developer_team: entry.map_or(TeamKind::Unknown, |e| e.developer_team),
            accessibility: entry.map_or(Accessibility::Unknown, |e| e.accessibility),
            release_year,
            first_academic_use_year: first,
            lag_years: match (first, release_year) {
                (Some(f), Some(r)) => Some(f - r),
                _ => None,
            },
            academic_papers: uses.iter().map(|u| u.paper_id.as_str()).collect::<BTreeSet<_>>().len(),
            uses_before_release: before,
        });
    }
    let lag_by_access = [AccessibilityClass::Open, AccessibilityClass::Closed, AccessibilityClass::Unknown]
        .into_iter()
        .map(|class| {
            let mut v: Vec<f64> = lags
                .iter()
                .filter(|l| l.accessibility.class() == class)
                .filter_map(|l| l.lag_years.map(f64::from))
                .collect();
            LagByAccess {
                accessibility_class: class,
                models_adopted: lags.iter().filter(|l| l.accessibility.class() == class).count(),
                median_lag_years: cd_stats::median(&mut v),
            }
        })
        .collect();
    AdoptionResult {
        years,
        top_models,
        lags,
        lag_by_access,
        academic_papers: academic_by_year.values().sum(),
        papers_unknown_team: unknown,
    }
}
