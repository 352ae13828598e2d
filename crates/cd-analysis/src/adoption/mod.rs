//! Adoption and scrutiny (issue 7): who builds on industry models, and who examines them.
//!
//! Flow: [`catalogue::build_catalogue`] (Epoch vintages + the alias table of [`aliases`]) →
//! [`detect::detect_uses`] (mentions in titles, abstracts and keywords by [`mentions`], use types by
//! [`use_types`]) → [`academic_adoption::adoption`] and [`scrutiny::scrutiny`] → [`summarise`].
//!
//! Everything here is pure text and table processing: no file is opened, nothing is printed, no clock or
//! randomness is read. The rules (forms, guards, cue phrases) are data in [`aliases`] and [`use_types`] and are
//! explained in docs/aliases.md; the check set that measures them is
//! crates/cd-analysis/tests/fixtures/adoption/checkset.csv.

pub mod academic_adoption;
pub mod aliases;
pub mod catalogue;
pub mod detect;
pub mod interval;
pub mod mentions;
pub mod scrutiny;
pub mod study;
pub mod use_types;

pub use academic_adoption::{adoption, AdoptionResult};
pub use catalogue::{build_catalogue, Catalogue, CatalogueModel, Vintage};
pub use detect::{detect_uses, MentionTable, ModelUse};
pub use interval::ShareEstimate;
pub use mentions::Matcher;
pub use scrutiny::{scrutiny, ScrutinyResult};
pub use use_types::UseType;

use cd_domain::AccessibilityClass;
use serde::Serialize;

/// A plain-language summary of what the data does and does not show, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdoptionSummary {
    /// Statements with their intervals.
    pub findings: Vec<String>,
    /// What the data cannot show.
    pub caveats: Vec<String>,
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_string(), |v| format!("{:.1}%", 100.0 * v))
}

fn share_text(s: &ShareEstimate) -> String {
    format!("{} ({} of {}; 95% CI {}–{})", pct(s.share), s.count, s.total, pct(s.low), pct(s.high))
}

/// Summarise the adoption and scrutiny results in sentences.
pub fn summarise(
    table: &MentionTable,
    adoption: &AdoptionResult,
    scrutiny: &ScrutinyResult,
) -> AdoptionSummary {
    let mut findings = Vec::new();
    findings.push(format!(
        "{} of {} papers name at least one catalogued model ({} (paper, model) pairs).",
        table.papers_with_mentions,
        table.papers_scanned,
        table.uses.len()
    ));
    if let (Some(first), Some(last)) = (adoption.years.first(), adoption.years.last()) {
        findings.push(format!(
            "Academic-only papers building on an industry-developed model: {} in {}, {} in {}.",
            share_text(&first.builds_on_industry),
            first.year,
            share_text(&last.builds_on_industry),
            last.year
        ));
        findings.push(format!(
            "In {}, open-weights industry models: {}; closed (API, hosted or unreleased): {}.",
            last.year,
            share_text(&last.builds_on_industry_open),
            share_text(&last.builds_on_industry_closed)
        ));
    }
    for b in &scrutiny.by_accessibility {
        if b.models == 0 || b.accessibility_class == AccessibilityClass::Unknown {
            continue;
        }
        let class = match b.accessibility_class {
            AccessibilityClass::Open => "open-weights",
            _ => "closed",
        };
        findings.push(format!(
            "Scrutiny of {} influential {} models: academic-only share of the scrutinising papers {}; median \
             {} years from release to the first academic scrutiny; {} of them never scrutinised by an \
             academic-only paper in these data.",
            b.models,
            class,
            share_text(&b.academic_share),
            b.median_years_to_first_academic_scrutiny.map_or_else(|| "n/a".to_string(), |m| format!("{m:.1}")),
            b.models_without_academic_scrutiny
        ));
    }
    let caveats = vec![
        "The papers are the AI Index responsible-AI selection (six venues, 2018–2023), not all of ML: \
         scrutiny is over-represented and adoption under-represented."
            .to_string(),
        "Mentions come from titles, abstracts and keywords only; a model used only in the body of a paper is \
         missed, and use types come from phrase rules whose precision and recall are measured on a \
         hand-labelled check set of 226 pairs."
            .to_string(),
        "Team kinds of papers come from author affiliations; papers of unknown team are left out of shares."
            .to_string(),
        "Years are publication years of the papers; lags are in whole years and cannot resolve months."
            .to_string(),
        "Intervals are 95% Wilson intervals for binomial shares; they treat papers as independent and do not \
         include the error of the mention and use-type rules."
            .to_string(),
    ];
    AdoptionSummary { findings, caveats }
}
