//! Sectors of institutions and team kinds of models and papers.
//!
//! A *sector* belongs to one institution (an organisation of a model, an affiliation of an author). A
//! *team kind* belongs to a whole model or paper and is derived from the sectors of its members.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Sector of one institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Academia,
    Industry,
    Government,
    NonProfit,
    ResearchCollective,
    Unknown,
}

impl Sector {
    pub const ALL: [Sector; 6] = [
        Sector::Academia,
        Sector::Industry,
        Sector::Government,
        Sector::NonProfit,
        Sector::ResearchCollective,
        Sector::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Academia => "academia",
            Sector::Industry => "industry",
            Sector::Government => "government",
            Sector::NonProfit => "non_profit",
            Sector::ResearchCollective => "research_collective",
            Sector::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Team kind of a model or paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamKind {
    /// Every institution with a known sector is academic.
    AcademicOnly,
    /// Every institution with a known sector is a company.
    IndustryOnly,
    /// At least one academic and at least one industry institution.
    Collaboration,
    /// Government, non-profit or research collective alone, or mixed with one of academia / industry
    /// but not both.
    Other,
    /// No institution's sector is known.
    Unknown,
}

impl TeamKind {
    pub const ALL: [TeamKind; 5] = [
        TeamKind::AcademicOnly,
        TeamKind::IndustryOnly,
        TeamKind::Collaboration,
        TeamKind::Other,
        TeamKind::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TeamKind::AcademicOnly => "academic_only",
            TeamKind::IndustryOnly => "industry_only",
            TeamKind::Collaboration => "collaboration",
            TeamKind::Other => "other",
            TeamKind::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<TeamKind> {
        TeamKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Industry took part (industry-only or collaboration).
    pub fn industry_involved(self) -> bool {
        matches!(self, TeamKind::IndustryOnly | TeamKind::Collaboration)
    }
}

impl fmt::Display for TeamKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Fractional sector shares of a team (CWTS fractional counting): each institution counts 1/n.
/// The shares of the known sectors sum to 1 when any sector is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct SectorShares {
    pub academia: f64,
    pub industry: f64,
    pub other: f64,
}

impl SectorShares {
    /// Shares from a list of sectors; unknown sectors are left out of the denominator.
    pub fn from_sectors(sectors: &[Sector]) -> SectorShares {
        let known: Vec<Sector> = sectors.iter().copied().filter(|s| *s != Sector::Unknown).collect();
        if known.is_empty() {
            return SectorShares::default();
        }
        let n = known.len() as f64;
        let count = |want: &dyn Fn(Sector) -> bool| known.iter().filter(|s| want(**s)).count() as f64 / n;
        SectorShares {
            academia: count(&|s| s == Sector::Academia),
            industry: count(&|s| s == Sector::Industry),
            other: count(&|s| !matches!(s, Sector::Academia | Sector::Industry)),
        }
    }
}

/// Team kind from the sectors of the members. Unknown sectors are ignored; the team is unknown only when
/// no member's sector is known.
pub fn team_kind_of(sectors: &[Sector]) -> TeamKind {
    let has = |s: Sector| sectors.contains(&s);
    let any_known = sectors.iter().any(|s| *s != Sector::Unknown);
    match (has(Sector::Academia), has(Sector::Industry)) {
        _ if !any_known => TeamKind::Unknown,
        (true, true) => TeamKind::Collaboration,
        (true, false) if sectors.iter().all(|s| matches!(s, Sector::Academia | Sector::Unknown)) => {
            TeamKind::AcademicOnly
        }
        (false, true) if sectors.iter().all(|s| matches!(s, Sector::Industry | Sector::Unknown)) => {
            TeamKind::IndustryOnly
        }
        _ => TeamKind::Other,
    }
}

/// Where a team's kind came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamSource {
    /// Epoch's `Organization categorization` label(s).
    EpochLabel,
    /// Derived from organisation names (or affiliations) by the institution classifier.
    Derived,
    /// Neither gave a sector.
    None,
}

/// Which way an Epoch "Industry - Academia Collaboration" label leans, when it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Leaning {
    Academia,
    Industry,
}

/// The classified team of a model or paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub kind: TeamKind,
    pub shares: SectorShares,
    pub source: TeamSource,
    /// For collaborations labelled by Epoch as leaning one way (old single-label vintages), or computed
    /// from shares (academia ≥ 71% leans academia, ≤ 29% leans industry, as in Epoch's categories).
    pub leaning: Option<Leaning>,
    /// Sector per organisation, aligned with the organisation list.
    pub sectors: Vec<Sector>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Sector::*;

    #[test]
    fn kinds() {
        assert_eq!(team_kind_of(&[Academia, Academia]), TeamKind::AcademicOnly);
        assert_eq!(team_kind_of(&[Academia, Unknown]), TeamKind::AcademicOnly);
        assert_eq!(team_kind_of(&[Industry]), TeamKind::IndustryOnly);
        assert_eq!(team_kind_of(&[Industry, Academia, Government]), TeamKind::Collaboration);
        assert_eq!(team_kind_of(&[Academia, Government]), TeamKind::Other);
        assert_eq!(team_kind_of(&[NonProfit]), TeamKind::Other);
        assert_eq!(team_kind_of(&[Unknown]), TeamKind::Unknown);
        assert_eq!(team_kind_of(&[]), TeamKind::Unknown);
    }

    #[test]
    fn shares() {
        let s = SectorShares::from_sectors(&[Academia, Industry, Unknown, Academia, Government]);
        assert_eq!((s.academia, s.industry, s.other), (0.5, 0.25, 0.25));
    }
}
