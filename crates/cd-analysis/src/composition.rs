//! Team composition of papers by venue and year: how many papers, and the shares that are academic-only,
//! industry-involved (at least one company affiliation: full counting, as CWTS and Ahmed et al. count
//! industry co-authorship), collaborations (academia and industry) and of unknown team, each with a
//! Wilson score interval; also the same per year pooled over venues (the series to put beside Ahmed, Wahed
//! & Thompson 2023: 22% of papers at leading AI conferences had an industry co-author in 2000, 38% in
//! 2020).
//!
//! Denominator: every paper of the venue-year, unknown teams included, so that `unknown_share` shows how
//! much the other shares could move. The team kind of each paper comes from `Paper::team` (set by
//! `cd-classify::paper` under `Definitions::unknown_author_policy`); when the caller also gives the kinds
//! under `as_academic` and `as_industry`, each row carries the academic-only and industry-involved shares
//! under those two policies as bounds.
//!
//! Pure: no I/O, no printing, deterministic (Wilson intervals need no random draws). Papers without a year
//! are left out and counted in `CompositionTable::papers_without_year`.

use cd_domain::{Paper, TeamKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// Coverage of every interval here (two-sided 95%, z = 1.959964).
pub const INTERVAL_LEVEL: f64 = 0.95;

/// The team of one paper under one unknown-author policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamOutcome {
    pub kind: TeamKind,
    /// At least one counted affiliation is a company (full counting, CWTS: "industry collaboration" when
    /// any affiliation is a company). Unlike `TeamKind::industry_involved`, this includes industry mixed
    /// with government or non-profits only (team kind `other`).
    pub industry_author: bool,
}

impl TeamOutcome {
    pub fn of_team(team: Option<&cd_domain::Team>) -> TeamOutcome {
        TeamOutcome {
            kind: team.map_or(TeamKind::Unknown, |t| t.kind),
            industry_author: team.is_some_and(|t| t.shares.industry > 0.0),
        }
    }
}

/// The team of one paper under the chosen policy and, optionally, the two bounding policies.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRecord {
    pub venue: String,
    pub year: Option<i32>,
    /// Under the chosen policy (`Definitions::unknown_author_policy`).
    pub outcome: TeamOutcome,
    /// Under `as_academic` and `as_industry`, when computed.
    pub bounds: Option<(TeamOutcome, TeamOutcome)>,
}

impl TeamRecord {
    /// From a classified paper (`team` set); a paper without a team counts as unknown. No bounds.
    pub fn from_paper(p: &Paper) -> TeamRecord {
        TeamRecord {
            venue: p.venue.clone(),
            year: p.year,
            outcome: TeamOutcome::of_team(p.team.as_ref()),
            bounds: None,
        }
    }
}

/// One venue-year (or one pooled year, venue `all`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompositionRow {
    pub venue: String,
    pub year: i32,
    pub papers: usize,
    pub academic_only: usize,
    pub industry_involved: usize,
    pub collaboration: usize,
    pub unknown: usize,
    pub academic_only_share: f64,
    pub academic_only_share_lower: f64,
    pub academic_only_share_upper: f64,
    pub industry_involved_share: f64,
    pub industry_involved_share_lower: f64,
    pub industry_involved_share_upper: f64,
    pub collaboration_share: f64,
    pub collaboration_share_lower: f64,
    pub collaboration_share_upper: f64,
    pub unknown_share: f64,
    pub unknown_share_lower: f64,
    pub unknown_share_upper: f64,
    /// Academic-only share with unknown authors counted as industry (lower bound) and as academic
    /// (upper bound); `None` when bounds were not computed.
    pub academic_only_share_bounds: Option<(f64, f64)>,
    /// Industry-involved share with unknown authors counted as academic (lower) and as industry (upper).
    pub industry_involved_share_bounds: Option<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompositionTable {
    /// Sorted by venue, then year.
    pub rows: Vec<CompositionRow>,
    /// Per year over every venue given (venue `all`).
    pub pooled: Vec<CompositionRow>,
    pub papers_without_year: usize,
    pub interval: &'static str,
}

/// Wilson score interval of `k` successes in `n` trials at 95% (`cd_stats::wilson95`): (share, lower,
/// upper); all 0 for n = 0.
pub fn wilson(k: usize, n: usize) -> (f64, f64, f64) {
    match cd_stats::wilson95(k as f64, n as f64) {
        Some([lo, hi]) => (k as f64 / n as f64, lo, hi),
        None => (0.0, 0.0, 0.0),
    }
}

fn row(venue: &str, year: i32, recs: &[&TeamRecord]) -> CompositionRow {
    let n = recs.len();
    let count = |f: &dyn Fn(&TeamOutcome) -> bool| recs.iter().filter(|r| f(&r.outcome)).count();
    let academic_only = count(&|o| o.kind == TeamKind::AcademicOnly);
    let industry_involved = count(&|o| o.industry_author);
    let collaboration = count(&|o| o.kind == TeamKind::Collaboration);
    let unknown = count(&|o| o.kind == TeamKind::Unknown);
    let (a, al, au) = wilson(academic_only, n);
    let (i, il, iu) = wilson(industry_involved, n);
    let (c, cl, cu) = wilson(collaboration, n);
    let (u, ul, uu) = wilson(unknown, n);
    let with_bounds = n > 0 && recs.iter().all(|r| r.bounds.is_some());
    let share = |f: &dyn Fn(&(TeamOutcome, TeamOutcome)) -> bool| {
        recs.iter().filter(|r| r.bounds.as_ref().is_some_and(f)).count() as f64 / n as f64
    };
    CompositionRow {
        venue: venue.to_string(),
        year,
        papers: n,
        academic_only,
        industry_involved,
        collaboration,
        unknown,
        academic_only_share: a,
        academic_only_share_lower: al,
        academic_only_share_upper: au,
        industry_involved_share: i,
        industry_involved_share_lower: il,
        industry_involved_share_upper: iu,
        collaboration_share: c,
        collaboration_share_lower: cl,
        collaboration_share_upper: cu,
        unknown_share: u,
        unknown_share_lower: ul,
        unknown_share_upper: uu,
        academic_only_share_bounds: with_bounds.then(|| {
            (share(&|b| b.1.kind == TeamKind::AcademicOnly), share(&|b| b.0.kind == TeamKind::AcademicOnly))
        }),
        industry_involved_share_bounds: with_bounds
            .then(|| (share(&|b| b.0.industry_author), share(&|b| b.1.industry_author))),
    }
}

/// Composition by venue and year, and pooled by year.
pub fn team_composition(records: &[TeamRecord]) -> CompositionTable {
    let mut by_venue_year: BTreeMap<(&str, i32), Vec<&TeamRecord>> = BTreeMap::new();
    let mut by_year: BTreeMap<i32, Vec<&TeamRecord>> = BTreeMap::new();
    let mut without_year = 0;
    for r in records {
        match r.year {
            Some(y) => {
                by_venue_year.entry((r.venue.as_str(), y)).or_default().push(r);
                by_year.entry(y).or_default().push(r);
            }
            None => without_year += 1,
        }
    }
    CompositionTable {
        rows: by_venue_year.iter().map(|((v, y), recs)| row(v, *y, recs)).collect(),
        pooled: by_year.iter().map(|(y, recs)| row("all", *y, recs)).collect(),
        papers_without_year: without_year,
        interval: "Wilson score, 95%",
    }
}

/// Composition of classified papers (kinds from `Paper::team`, no bounds).
pub fn composition_of_papers(papers: &[Paper]) -> CompositionTable {
    let recs: Vec<TeamRecord> = papers.iter().map(TeamRecord::from_paper).collect();
    team_composition(&recs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TeamKind::*;

    fn o(kind: TeamKind) -> TeamOutcome {
        TeamOutcome { kind, industry_author: matches!(kind, IndustryOnly | Collaboration) }
    }

    fn rec(venue: &str, year: i32, kind: TeamKind, bounds: (TeamKind, TeamKind)) -> TeamRecord {
        TeamRecord {
            venue: venue.into(),
            year: Some(year),
            outcome: o(kind),
            bounds: Some((o(bounds.0), o(bounds.1))),
        }
    }

    #[test]
    fn wilson_matches_statsmodels() {
        // statsmodels.stats.proportion.proportion_confint(3, 10, method='wilson')
        let (p, lo, hi) = wilson(3, 10);
        assert_eq!(p, 0.3);
        assert!((lo - 0.10779126740630104).abs() < 1e-12, "{lo}");
        assert!((hi - 0.6032218525388546).abs() < 1e-12, "{hi}");
        // proportion_confint(0, 25, method='wilson') → (0, 0.13319...)
        let (_, lo, hi) = wilson(0, 25);
        assert_eq!(lo, 0.0);
        assert!((hi - 0.13319225093904855).abs() < 1e-12, "{hi}");
        assert_eq!(wilson(0, 0), (0.0, 0.0, 0.0));
    }

    #[test]
    fn shares_bounds_and_pooling() {
        let recs = vec![
            rec("ICML", 2019, AcademicOnly, (AcademicOnly, Collaboration)),
            rec("ICML", 2019, Collaboration, (Collaboration, Collaboration)),
            rec("ICML", 2019, Unknown, (AcademicOnly, IndustryOnly)),
            rec("ICML", 2019, IndustryOnly, (IndustryOnly, IndustryOnly)),
            rec("ICLR", 2019, Other, (Other, Other)),
            TeamRecord { venue: "ICLR".into(), year: None, outcome: o(AcademicOnly), bounds: None },
            // Industry with government only: team kind `other`, but an industry author.
            TeamRecord {
                venue: "ICLR".into(),
                year: Some(2019),
                outcome: TeamOutcome { kind: Other, industry_author: true },
                bounds: None,
            },
        ];
        let t = team_composition(&recs);
        assert_eq!(t.papers_without_year, 1);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].venue, "ICLR");
        assert_eq!((t.rows[0].papers, t.rows[0].industry_involved, t.rows[0].collaboration), (2, 1, 0));
        assert_eq!(t.rows[0].industry_involved_share_bounds, None, "bounds need every paper's bounds");
        let icml = &t.rows[1];
        assert_eq!(
            (icml.papers, icml.academic_only, icml.industry_involved, icml.collaboration, icml.unknown),
            (4, 1, 2, 1, 1)
        );
        assert_eq!(icml.industry_involved_share, 0.5);
        assert_eq!(icml.academic_only_share_bounds, Some((0.0, 0.5)));
        assert_eq!(icml.industry_involved_share_bounds, Some((0.5, 1.0)));
        assert_eq!(t.pooled.len(), 1);
        assert_eq!(t.pooled[0].papers, 6);
        assert_eq!(t.pooled[0].industry_involved_share, 0.5);
        let (_, lo, hi) = wilson(3, 6);
        assert_eq!(
            (t.pooled[0].industry_involved_share_lower, t.pooled[0].industry_involved_share_upper),
            (lo, hi)
        );
    }
}
