//! The typed record of one ML model from Epoch's database, in any vintage.
//!
//! Vocabulary normalisation that is pure string mapping (accessibility, notability, confidence) lives here
//! so that every reader and every analysis agrees on it. Column names and file layouts do not: those are
//! the ingestion layer's business.

use crate::date::PubDate;
use crate::definitions::{AcademicOnlyRule, TeamSourceRule};
use crate::sector::{Leaning, Sector, SectorShares, Team, TeamKind, TeamSource};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Accessibility of a model's weights, normalised across Epoch's three vocabularies:
/// `Open-source` (2023: Permissive license, Fully open-source, Weights available, API accessible,
/// Unreleased), `Model accessibility` (2024: Open source, Open access (non-commercial | restricted use),
/// API access, Hosted access (no API), Unreleased) and the 2025 form (Open weights (unrestricted |
/// restricted use | non-commercial), API access, Hosted access (no API), Unreleased).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accessibility {
    OpenWeightsUnrestricted,
    OpenWeightsRestricted,
    OpenWeightsNonCommercial,
    Api,
    Hosted,
    Unreleased,
    Unknown,
}

/// The coarse split used by Epoch's "How far behind are open models?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessibilityClass {
    Open,
    Closed,
    Unknown,
}

impl Accessibility {
    pub const ALL: [Accessibility; 7] = [
        Accessibility::OpenWeightsUnrestricted,
        Accessibility::OpenWeightsRestricted,
        Accessibility::OpenWeightsNonCommercial,
        Accessibility::Api,
        Accessibility::Hosted,
        Accessibility::Unreleased,
        Accessibility::Unknown,
    ];

    /// Map one label of any vintage; `None` for a label no vintage uses (the caller reports it).
    /// An empty label is `Unknown`.
    pub fn parse(label: &str) -> Option<Accessibility> {
        let l = label.trim().to_ascii_lowercase();
        use Accessibility::*;
        Some(match l.as_str() {
            "" => Unknown,
            "permissive license"
            | "fully open-source"
            | "open source"
            | "open weights (unrestricted)"
            | "open weights" => OpenWeightsUnrestricted,
            "weights available" | "open access (restricted use)" | "open weights (restricted use)" => {
                OpenWeightsRestricted
            }
            "open access (non-commercial)" | "open weights (non-commercial)" => OpenWeightsNonCommercial,
            "api accessible" | "api access" => Api,
            "hosted access (no api)" | "hosted access" => Hosted,
            "unreleased" => Unreleased,
            "unknown" => Unknown,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Accessibility::OpenWeightsUnrestricted => "open_weights_unrestricted",
            Accessibility::OpenWeightsRestricted => "open_weights_restricted",
            Accessibility::OpenWeightsNonCommercial => "open_weights_non_commercial",
            Accessibility::Api => "api",
            Accessibility::Hosted => "hosted",
            Accessibility::Unreleased => "unreleased",
            Accessibility::Unknown => "unknown",
        }
    }

    pub fn class(self) -> AccessibilityClass {
        match self {
            Accessibility::OpenWeightsUnrestricted
            | Accessibility::OpenWeightsRestricted
            | Accessibility::OpenWeightsNonCommercial => AccessibilityClass::Open,
            Accessibility::Api | Accessibility::Hosted | Accessibility::Unreleased => {
                AccessibilityClass::Closed
            }
            Accessibility::Unknown => AccessibilityClass::Unknown,
        }
    }
}

/// Why Epoch counts a model as notable. Case variants (`SOTA Improvement`) fold to one value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notability {
    SotaImprovement,
    HighlyCited,
    HistoricalSignificance,
    SignificantUse,
    TrainingCost,
    Discretionary,
    /// A criterion no known vintage uses, kept verbatim.
    Other(String),
}

impl Notability {
    pub fn parse(label: &str) -> Option<Notability> {
        let t = label.trim();
        if t.is_empty() {
            return None;
        }
        let l = t.to_ascii_lowercase();
        Some(match l.as_str() {
            "sota improvement" | "sota" | "state of the art improvement" => Notability::SotaImprovement,
            "highly cited" => Notability::HighlyCited,
            "historical significance" | "historically significant" => Notability::HistoricalSignificance,
            "significant use" => Notability::SignificantUse,
            "training cost" => Notability::TrainingCost,
            "discretionary" => Notability::Discretionary,
            _ => Notability::Other(t.to_string()),
        })
    }

    /// Parse a comma-separated list into a normalised set.
    pub fn parse_set(list: &str) -> BTreeSet<Notability> {
        list.split(',').filter_map(Notability::parse).collect()
    }

    pub fn as_str(&self) -> &str {
        match self {
            Notability::SotaImprovement => "sota_improvement",
            Notability::HighlyCited => "highly_cited",
            Notability::HistoricalSignificance => "historical_significance",
            Notability::SignificantUse => "significant_use",
            Notability::TrainingCost => "training_cost",
            Notability::Discretionary => "discretionary",
            Notability::Other(s) => s,
        }
    }
}

/// Epoch's confidence in the compute estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Confident,
    Likely,
    Speculative,
    Unverified,
    Wrong,
    Unknown,
}

impl Confidence {
    pub fn parse(label: &str) -> Option<Confidence> {
        Some(match label.trim().to_ascii_lowercase().as_str() {
            "confident" => Confidence::Confident,
            "likely" => Confidence::Likely,
            "speculative" => Confidence::Speculative,
            "unverified" => Confidence::Unverified,
            "wrong" => Confidence::Wrong,
            "unknown" | "" => Confidence::Unknown,
            _ => return None,
        })
    }
}

/// One model as read from an Epoch table. Absent values are `None` or empty lists, never errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub name: String,
    pub publication_date: Option<PubDate>,
    /// Organisations, in Epoch's order.
    pub organizations: Vec<String>,
    /// Epoch's `Organization categorization`, as given: one label per model in 2023–24 vintages, a list
    /// aligned with `organizations` from 2025 on. Empty when Epoch gives none.
    pub organization_categories: Vec<String>,
    pub authors: Vec<String>,
    pub domains: Vec<String>,
    pub tasks: Vec<String>,
    pub parameters: Option<f64>,
    pub training_compute_flop: Option<f64>,
    pub training_compute_lower_flop: Option<f64>,
    pub training_compute_upper_flop: Option<f64>,
    /// Training dataset size in Epoch's units (datapoints in older vintages, gradients / tokens later).
    pub training_dataset_size: Option<f64>,
    pub confidence: Option<Confidence>,
    pub notability: BTreeSet<Notability>,
    pub citations: Option<f64>,
    pub accessibility: Accessibility,
    /// The accessibility label as Epoch wrote it.
    pub accessibility_label: Option<String>,
    pub base_model: Option<String>,
    pub finetune_compute_flop: Option<f64>,
    pub countries: Vec<String>,
    /// Epoch's `Frontier model` flag, where the vintage has the column.
    pub frontier_flag: Option<bool>,
    /// Epoch's `Foundation model` flag, where the vintage has the column.
    pub foundation_flag: Option<bool>,
    /// 1-based data row in the source file.
    pub source_row: usize,
}

impl Model {
    /// A model with only a name; every other field absent. Useful for tests and fixtures.
    pub fn named(name: impl Into<String>) -> Model {
        Model {
            name: name.into(),
            publication_date: None,
            organizations: vec![],
            organization_categories: vec![],
            authors: vec![],
            domains: vec![],
            tasks: vec![],
            parameters: None,
            training_compute_flop: None,
            training_compute_lower_flop: None,
            training_compute_upper_flop: None,
            training_dataset_size: None,
            confidence: None,
            notability: BTreeSet::new(),
            citations: None,
            accessibility: Accessibility::Unknown,
            accessibility_label: None,
            base_model: None,
            finetune_compute_flop: None,
            countries: vec![],
            frontier_flag: None,
            foundation_flag: None,
            source_row: 0,
        }
    }

    pub fn decimal_year(&self) -> Option<f64> {
        self.publication_date.map(|d| d.decimal_year())
    }

    pub fn log10_compute(&self) -> Option<f64> {
        self.training_compute_flop.filter(|c| *c > 0.0).map(f64::log10)
    }
}

/// A model with its classified team. `team` is what analyses use: Epoch's label where there is one,
/// otherwise the team derived from organisation names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifiedModel {
    pub model: Model,
    pub team: Team,
    /// Team kind from Epoch's label alone, if the row has a label.
    pub team_epoch: Option<TeamKind>,
    /// Team kind derived from organisation names alone, if any organisation could be classified.
    pub team_derived: Option<TeamKind>,
    /// The whole team each source gives, so that analyses can change `Definitions::team_source` (the
    /// specification curve does) without classifying again. Not serialised.
    #[serde(skip)]
    pub candidates: TeamCandidates,
}

/// The team from Epoch's label and the team derived from organisation names, each when there is one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamCandidates {
    pub epoch: Option<Team>,
    pub derived: Option<Team>,
}

impl TeamCandidates {
    /// The team under a team-source rule and the academic-only rule: Epoch's label, the derived team, or
    /// the label then the derived team; unknown when the chosen source says nothing. Under
    /// `AcademicOnlyRule::Loose`, a collaboration leaning to academia counts as academic-only.
    pub fn select(&self, rule: TeamSourceRule, academic_only: AcademicOnlyRule, n_orgs: usize) -> Team {
        let chosen = match rule {
            TeamSourceRule::EpochLabel => self.epoch.clone(),
            TeamSourceRule::Derived => self.derived.clone(),
            TeamSourceRule::LabelThenDerived => self.epoch.clone().or_else(|| self.derived.clone()),
        };
        let mut team = chosen.unwrap_or_else(|| Team {
            kind: TeamKind::Unknown,
            shares: SectorShares::default(),
            source: TeamSource::None,
            leaning: None,
            sectors: vec![Sector::Unknown; n_orgs],
        });
        if academic_only == AcademicOnlyRule::Loose
            && team.kind == TeamKind::Collaboration
            && team.leaning == Some(Leaning::Academia)
        {
            team.kind = TeamKind::AcademicOnly;
        }
        team
    }
}

impl ClassifiedModel {
    /// The same model with its team chosen by another team-source rule (from `candidates`).
    pub fn with_team_source(&self, rule: TeamSourceRule, academic_only: AcademicOnlyRule) -> ClassifiedModel {
        ClassifiedModel {
            team: self.candidates.select(rule, academic_only, self.model.organizations.len()),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessibility_vocabularies() {
        use Accessibility::*;
        for (l, a) in [
            ("Permissive license", OpenWeightsUnrestricted),
            ("Fully open-source", OpenWeightsUnrestricted),
            ("Weights available", OpenWeightsRestricted),
            ("API accessible", Api),
            ("Open source", OpenWeightsUnrestricted),
            ("Open access (non-commercial)", OpenWeightsNonCommercial),
            ("Open access (restricted use)", OpenWeightsRestricted),
            ("Hosted access (no API)", Hosted),
            ("Open weights (unrestricted)", OpenWeightsUnrestricted),
            ("Open weights (restricted use)", OpenWeightsRestricted),
            ("Open weights (non-commercial)", OpenWeightsNonCommercial),
            ("API access", Api),
            ("Unreleased", Unreleased),
            ("", Unknown),
        ] {
            assert_eq!(Accessibility::parse(l), Some(a), "{l}");
        }
        assert_eq!(Accessibility::parse("Sort of open"), None);
        assert_eq!(Api.class(), AccessibilityClass::Closed);
    }

    #[test]
    fn notability_folds_case() {
        let s = Notability::parse_set("SOTA Improvement,Highly cited, SOTA improvement,");
        assert_eq!(
            s.into_iter().collect::<Vec<_>>(),
            vec![Notability::SotaImprovement, Notability::HighlyCited]
        );
        assert_eq!(
            Notability::parse("ICPR 2012 mitosis detection competition winner"),
            Some(Notability::Other("ICPR 2012 mitosis detection competition winner".into()))
        );
    }
}
