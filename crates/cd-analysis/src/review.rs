//! Beyond the study: review outcomes and citations by team kind, and the coverage of the publication
//! data (which venues and years each number rests on). Pure functions of classified papers.
//!
//! - **Acceptance** ([`acceptance_rates`]): only venue-years whose source lists rejected or withdrawn
//!   submissions too (OpenReview venues in Paper Copilot) enter; per team kind, accepted / all
//!   submissions with a 95% Wilson interval, per venue-year and pooled. Submissions of unknown status
//!   are left out.
//! - **Citations** ([`citation_rows`]): accepted papers with a citation count; per venue-year the top
//!   decile is the papers whose count is at least the ⌈n/10⌉-th largest; per team kind the median count
//!   and the share of its papers in their venue-year's top decile (10% if team kind did not matter), with
//!   a Wilson interval. Counts are as scraped (Google Scholar), so older papers have had longer.
//!
//! These are associations: team kinds differ in topic, venue and year, and review is not blind to
//! everything that correlates with team kind.

use crate::composition::wilson;
use cd_domain::{Paper, ReviewStatus, TeamKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// The weighted fit of acceptance on topic compute intensity (re-exported so that callers need not
/// depend on cd-stats).
pub use cd_stats::WlsFit;

/// Team kinds reported by these analyses.
pub const REVIEW_TEAMS: [TeamKind; 3] =
    [TeamKind::AcademicOnly, TeamKind::IndustryOnly, TeamKind::Collaboration];

fn team_of(p: &Paper) -> TeamKind {
    p.team.as_ref().map_or(TeamKind::Unknown, |t| t.kind)
}

/// Which papers enter the review-outcome analyses: those of known status in venue-years whose source
/// lists rejected or withdrawn submissions too (aligned with `papers`).
pub fn reviewed_mask(papers: &[&Paper]) -> Vec<bool> {
    let mut lists_rejections: BTreeMap<(&str, i32), bool> = BTreeMap::new();
    for p in papers {
        if let Some(y) = p.year {
            *lists_rejections.entry((p.venue.as_str(), y)).or_default() |=
                matches!(p.status, ReviewStatus::Rejected | ReviewStatus::Withdrawn);
        }
    }
    papers
        .iter()
        .map(|p| {
            p.status != ReviewStatus::Unknown
                && p.year
                    .is_some_and(|y| lists_rejections.get(&(p.venue.as_str(), y)).copied().unwrap_or(false))
        })
        .collect()
}

/// Acceptance of one team kind in one venue-year (or pooled: `venue` = `all`, `year` = 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AcceptanceRow {
    pub venue: String,
    pub year: i32,
    pub team: TeamKind,
    pub submissions: usize,
    pub accepted: usize,
    pub rate: f64,
    pub rate_ci95: [f64; 2],
}

/// Acceptance rates by team kind where the source lists non-accepted submissions; rows per venue-year
/// (sorted) then the pooled rows.
pub fn acceptance_rates(papers: &[&Paper]) -> Vec<AcceptanceRow> {
    let keep = reviewed_mask(papers);
    let mut acc: BTreeMap<(String, i32, TeamKind), (usize, usize)> = BTreeMap::new();
    for (p, _) in papers.iter().zip(&keep).filter(|(_, k)| **k) {
        let Some(y) = p.year else { continue };
        let team = team_of(p);
        if !REVIEW_TEAMS.contains(&team) {
            continue;
        }
        for key in [(p.venue.clone(), y, team), ("all".to_string(), 0, team)] {
            let e = acc.entry(key).or_default();
            e.0 += 1;
            e.1 += usize::from(p.accepted());
        }
    }
    let row = |(venue, year, team): (String, i32, TeamKind), (n, k): (usize, usize)| {
        let (rate, lo, hi) = wilson(k, n);
        AcceptanceRow { venue, year, team, submissions: n, accepted: k, rate, rate_ci95: [lo, hi] }
    };
    let (mut pooled, mut rows): (Vec<_>, Vec<_>) =
        acc.into_iter().map(|(k, v)| row(k, v)).partition(|r| r.venue == "all");
    rows.append(&mut pooled);
    rows
}

/// Acceptance of academic-only and industry-involved submissions on one topic (venue-years that list
/// rejections), beside the topic's compute intensity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicAcceptanceRow {
    pub topic: crate::topics::Topic,
    /// Median log10 training FLOP of the topic's notable Epoch models (`Definitions::topic_min_models`).
    pub compute_intensity_log10_flop: Option<f64>,
    pub academic_submissions: usize,
    pub academic_accepted: usize,
    pub academic_rate: f64,
    pub academic_rate_ci95: [f64; 2],
    /// Industry-only and collaboration submissions together.
    pub industry_submissions: usize,
    pub industry_accepted: usize,
    pub industry_rate: f64,
    pub industry_rate_ci95: [f64; 2],
    /// Industry-involved rate minus academic-only rate.
    pub gap: f64,
}

/// Acceptance by topic and team where the source lists rejections; `topics` is aligned with `papers`.
/// With the weighted least-squares slope of the gap (industry-involved minus academic-only rate) on
/// compute intensity over the topics with an intensity and at least `min_n` submissions of each kind
/// (weights 1/(1/n_academic + 1/n_industry)); `None` with fewer than 3 such topics.
pub fn acceptance_by_topic(
    papers: &[&Paper],
    topics: &[crate::topics::TopicSet],
    intensity: &crate::topics::intensity::IntensityTable,
    min_n: usize,
    min_models: usize,
) -> (Vec<TopicAcceptanceRow>, Option<cd_stats::WlsFit>) {
    acceptance_by_topic_of(papers, &reviewed_mask(papers), topics, intensity, min_n, min_models)
}

/// [`acceptance_by_topic`] with the papers' [`reviewed_mask`] given (`keep`, aligned with `papers`).
pub fn acceptance_by_topic_of(
    papers: &[&Paper],
    keep: &[bool],
    topics: &[crate::topics::TopicSet],
    intensity: &crate::topics::intensity::IntensityTable,
    min_n: usize,
    min_models: usize,
) -> (Vec<TopicAcceptanceRow>, Option<cd_stats::WlsFit>) {
    use crate::topics::Topic;
    let mut acc = vec![[(0usize, 0usize); 2]; Topic::ALL.len()];
    for ((p, ts), _) in papers.iter().zip(topics).zip(keep).filter(|(_, k)| **k) {
        let k = match team_of(p) {
            TeamKind::AcademicOnly => 0,
            TeamKind::IndustryOnly | TeamKind::Collaboration => 1,
            _ => continue,
        };
        for t in ts.iter() {
            let e = &mut acc[t.index()][k];
            e.0 += 1;
            e.1 += usize::from(p.accepted());
        }
    }
    let mut rows = Vec::new();
    for t in Topic::ALL {
        let [(na, ka), (ni, ki)] = acc[t.index()];
        if na + ni == 0 {
            continue;
        }
        let (ra, la, ha) = wilson(ka, na);
        let (ri, li, hi) = wilson(ki, ni);
        let x = intensity.get(t, "all").filter(|r| r.models >= min_models).and_then(|r| r.median_log10_flop);
        rows.push(TopicAcceptanceRow {
            topic: t,
            compute_intensity_log10_flop: x,
            academic_submissions: na,
            academic_accepted: ka,
            academic_rate: ra,
            academic_rate_ci95: [la, ha],
            industry_submissions: ni,
            industry_accepted: ki,
            industry_rate: ri,
            industry_rate_ci95: [li, hi],
            gap: ri - ra,
        });
    }
    let pts: Vec<&TopicAcceptanceRow> = rows
        .iter()
        .filter(|r| {
            r.compute_intensity_log10_flop.is_some()
                && r.academic_submissions >= min_n
                && r.industry_submissions >= min_n
        })
        .collect();
    let fit = (pts.len() >= 3)
        .then(|| {
            let x: Vec<f64> = pts.iter().map(|r| r.compute_intensity_log10_flop.unwrap_or(0.0)).collect();
            let y: Vec<f64> = pts.iter().map(|r| r.gap).collect();
            let w: Vec<f64> = pts
                .iter()
                .map(|r| 1.0 / (1.0 / r.academic_submissions as f64 + 1.0 / r.industry_submissions as f64))
                .collect();
            cd_stats::wls(&x, &y, &w)
        })
        .flatten();
    (rows, fit)
}

/// Citations of one team kind (accepted papers with a count).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationRow {
    pub team: TeamKind,
    pub papers: usize,
    pub median_citations: f64,
    pub top_decile: usize,
    pub top_decile_share: f64,
    pub top_decile_share_ci95: [f64; 2],
}

/// The median of a slice of counts (`cd_stats::median`; NaN when empty).
fn median_sorted(v: &[u64]) -> f64 {
    let mut f: Vec<f64> = v.iter().map(|&c| c as f64).collect();
    cd_stats::median(&mut f).unwrap_or(f64::NAN)
}

/// Citations by team kind: median and share in the venue-year's top decile.
pub fn citation_rows(papers: &[&Paper]) -> Vec<CitationRow> {
    let cited: Vec<&Paper> = papers
        .iter()
        .copied()
        .filter(|p| p.accepted() && p.citations.is_some() && p.year.is_some())
        .collect();
    let mut by_vy: BTreeMap<(String, i32), Vec<u64>> = BTreeMap::new();
    for p in &cited {
        by_vy.entry((p.venue.clone(), p.year.unwrap_or(0))).or_default().push(p.citations.unwrap_or(0));
    }
    let thresholds: BTreeMap<(String, i32), u64> = by_vy
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_unstable_by(|a, b| b.cmp(a));
            let at = v.len().div_ceil(10).max(1) - 1;
            (k, v[at])
        })
        .collect();
    REVIEW_TEAMS
        .iter()
        .map(|&team| {
            let mine: Vec<&&Paper> = cited.iter().filter(|p| team_of(p) == team).collect();
            let mut counts: Vec<u64> = mine.iter().map(|p| p.citations.unwrap_or(0)).collect();
            counts.sort_unstable();
            let top = mine
                .iter()
                .filter(|p| p.citations.unwrap_or(0) >= thresholds[&(p.venue.clone(), p.year.unwrap_or(0))])
                .count();
            let (share, lo, hi) = wilson(top, mine.len());
            CitationRow {
                team,
                papers: mine.len(),
                median_citations: median_sorted(&counts),
                top_decile: top,
                top_decile_share: share,
                top_decile_share_ci95: [lo, hi],
            }
        })
        .collect()
}

/// Coverage of one venue-year: records, accepted papers, authors and which evidence gave their sector.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    pub source: String,
    pub venue: String,
    pub year: i32,
    pub records: usize,
    pub accepted: usize,
    pub authors: usize,
    /// Authors whose sector is known, by evidence: string, domain, position.
    pub by_string: usize,
    pub by_domain: usize,
    pub by_position: usize,
    pub known_share: f64,
    /// Records whose affiliation list is not aligned with the authors (paper-level or partial).
    pub unaligned_records: usize,
}

/// Coverage per source, venue and year. `evidence_of` says which evidence gave an author's sector:
/// 0 string, 1 domain, 2 position, 3 none (cd-classify's `evidence::author_sector`).
pub fn coverage(
    papers: &[&Paper],
    evidence_of: impl Fn(&cd_domain::Authorship) -> usize,
) -> Vec<CoverageRow> {
    let mut acc: BTreeMap<(String, String, i32), CoverageRow> = BTreeMap::new();
    for p in papers {
        let Some(year) = p.year else { continue };
        let r = acc.entry((p.source.clone(), p.venue.clone(), year)).or_insert_with(|| CoverageRow {
            source: p.source.clone(),
            venue: p.venue.clone(),
            year,
            records: 0,
            accepted: 0,
            authors: 0,
            by_string: 0,
            by_domain: 0,
            by_position: 0,
            known_share: 0.0,
            unaligned_records: 0,
        });
        r.records += 1;
        r.accepted += usize::from(p.accepted());
        r.unaligned_records += usize::from(matches!(
            p.alignment,
            cd_domain::Alignment::PaperLevel | cd_domain::Alignment::Partial
        ));
        for a in &p.authors {
            r.authors += 1;
            match evidence_of(a) {
                0 => r.by_string += 1,
                1 => r.by_domain += 1,
                2 => r.by_position += 1,
                _ => {}
            }
        }
    }
    acc.into_values()
        .map(|mut r| {
            let known = r.by_string + r.by_domain + r.by_position;
            r.known_share = if r.authors == 0 { 0.0 } else { known as f64 / r.authors as f64 };
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_domain::{SectorShares, Team, TeamSource};

    fn paper(venue: &str, team: TeamKind, status: ReviewStatus, cites: Option<u64>) -> Paper {
        let mut p = Paper::new("papercopilot", "x".into(), Some(2021), venue.into(), "t".into());
        p.status = status;
        p.citations = cites;
        p.team = Some(Team {
            kind: team,
            shares: SectorShares::default(),
            source: TeamSource::Derived,
            leaning: None,
            sectors: vec![],
        });
        p
    }

    #[test]
    fn acceptance_only_where_rejections_are_listed() {
        use ReviewStatus::{Accepted, Rejected};
        use TeamKind::*;
        let ps = [
            paper("ICLR", AcademicOnly, Accepted, None),
            paper("ICLR", AcademicOnly, Rejected, None),
            paper("ICLR", IndustryOnly, Accepted, None),
            paper("ICLR", IndustryOnly, ReviewStatus::Unknown, None),
            paper("CVPR", AcademicOnly, Accepted, None),
        ];
        let rows = acceptance_rates(&ps.iter().collect::<Vec<_>>());
        assert_eq!(rows.len(), 4, "{rows:?}");
        let a = rows.iter().find(|r| r.venue == "ICLR" && r.team == AcademicOnly).unwrap();
        assert_eq!((a.submissions, a.accepted, a.rate), (2, 1, 0.5));
        let i = rows.iter().find(|r| r.venue == "all" && r.team == IndustryOnly).unwrap();
        assert_eq!((i.submissions, i.accepted), (1, 1));
    }

    #[test]
    fn acceptance_by_topic_counts_industry_involved_together() {
        use crate::topics::{intensity::IntensityTable, Topic, TopicSet};
        use ReviewStatus::{Accepted, Rejected};
        use TeamKind::*;
        let ps = [
            paper("ICLR", AcademicOnly, Accepted, None),
            paper("ICLR", AcademicOnly, Rejected, None),
            paper("ICLR", IndustryOnly, Accepted, None),
            paper("ICLR", Collaboration, Rejected, None),
            paper("ICLR", Collaboration, Accepted, None),
        ];
        let refs: Vec<&Paper> = ps.iter().collect();
        let vision = TopicSet::parse_ids("vision").unwrap();
        let topics = vec![vision; 5];
        let table = IntensityTable {
            taxonomy_version: "v1",
            models_with_compute: 0,
            models_unmapped: 0,
            rows: vec![],
        };
        let (rows, fit) = acceptance_by_topic(&refs, &topics, &table, 1, 3);
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.topic, Topic::Vision);
        assert_eq!(
            (r.academic_submissions, r.academic_accepted, r.industry_submissions, r.industry_accepted),
            (2, 1, 3, 2)
        );
        assert!((r.gap - (2.0 / 3.0 - 0.5)).abs() < 1e-12);
        assert!(fit.is_none(), "no intensity, no fit");
    }

    #[test]
    fn citations_median_and_top_decile() {
        use TeamKind::*;
        let mut ps: Vec<Paper> =
            (0..10).map(|i| paper("X", AcademicOnly, ReviewStatus::Accepted, Some(i))).collect();
        ps.push(paper("X", IndustryOnly, ReviewStatus::Accepted, Some(100)));
        ps.push(paper("X", IndustryOnly, ReviewStatus::Accepted, Some(3)));
        // 12 papers: top decile = ⌈1.2⌉ = 2 largest: 100 and 9.
        let rows = citation_rows(&ps.iter().collect::<Vec<_>>());
        assert_eq!(rows[0].median_citations, 4.5);
        assert_eq!(rows[0].top_decile, 1);
        assert_eq!((rows[1].median_citations, rows[1].top_decile), (51.5, 1));
        assert_eq!(rows[2].papers, 0);
    }
}
