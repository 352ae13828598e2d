//! The analysis steps of the report's publication sections: the team composition of papers by venue and
//! year with the bounds of the other unknown-author policies, the same pooled by field of venues, and the
//! review outcomes, citations and coverage of the complete venue lists.
//!
//! A paper's team under a policy and an author's evidence come from the classification layer; the caller
//! passes them in (`cd_classify::paper::paper_team`, `cd_classify::evidence::author_sector`).

use crate::composition::{team_composition, CompositionTable, TeamOutcome, TeamRecord};
use crate::review::{CitationRow, CoverageRow, TopicAcceptanceRow};
use crate::topics::corpus::TeamOf;
use cd_domain::definitions::UnknownAuthorPolicy;
use cd_domain::{Authorship, Definitions, Paper};

/// Composition by venue and year (teams as classified) with the bounds of the two other unknown-author
/// policies.
pub fn composition(papers: &[&Paper], defs: &Definitions, team_of: TeamOf) -> CompositionTable {
    let with = |policy| Definitions { unknown_author_policy: policy, ..defs.clone() };
    let (as_aca, as_ind) = (with(UnknownAuthorPolicy::AsAcademic), with(UnknownAuthorPolicy::AsIndustry));
    let records: Vec<TeamRecord> = papers
        .iter()
        .map(|p| TeamRecord {
            venue: p.venue.clone(),
            year: p.year,
            outcome: TeamOutcome::of_team(p.team.as_ref()),
            bounds: Some((
                TeamOutcome::of_team(Some(&team_of(p, &as_aca))),
                TeamOutcome::of_team(Some(&team_of(p, &as_ind))),
            )),
        })
        .collect();
    team_composition(&records)
}

/// Industry involvement of one field of venues in one year (venue-years pooled), with its 95% Wilson
/// interval.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldYear {
    pub field: &'static str,
    pub year: i32,
    pub venues: Vec<String>,
    pub papers: usize,
    pub industry_involved: usize,
    pub share: f64,
    pub lo: f64,
    pub hi: f64,
}

/// The composition rows pooled by field of venues (`crate::corpus::venue_field`) and year, in field then
/// year order; fields without papers are left out.
pub fn field_year_rows(comp: &CompositionTable) -> Vec<FieldYear> {
    let mut acc: std::collections::BTreeMap<(&'static str, i32), (Vec<String>, usize, usize)> =
        std::collections::BTreeMap::new();
    for r in &comp.rows {
        let e = acc.entry((crate::corpus::venue_field(&r.venue), r.year)).or_default();
        e.0.push(r.venue.clone());
        e.1 += r.papers;
        e.2 += r.industry_involved;
    }
    acc.into_iter()
        .filter(|(_, (_, n, _))| *n > 0)
        .map(|((field, year), (venues, papers, k))| {
            let (share, lo, hi) = crate::composition::wilson(k, papers);
            FieldYear { field, year, venues, papers, industry_involved: k, share, lo, hi }
        })
        .collect()
}

/// The analyses of the report's review section.
#[derive(Debug, Clone)]
pub struct ReviewStudy {
    pub acceptance: Vec<crate::review::AcceptanceRow>,
    /// Acceptance by topic and the weighted fit of the gap on compute intensity.
    pub by_topic: (Vec<TopicAcceptanceRow>, Option<cd_stats::WlsFit>),
    pub citations: Vec<CitationRow>,
    pub coverage: Vec<CoverageRow>,
}

/// Review outcomes of the complete venue lists: `papers` as read (every status; the coverage is per
/// source), `deduplicated` the same after `crate::corpus::deduplicate_refs`, `by_topic` from
/// `crate::review::acceptance_by_topic`, `evidence_of` the index (0 string, 1 domain, 2 position, 3 none)
/// of the evidence that gave an author's sector.
pub fn review_study(
    papers: &[&Paper],
    deduplicated: &[&Paper],
    by_topic: (Vec<TopicAcceptanceRow>, Option<cd_stats::WlsFit>),
    evidence_of: impl Fn(&Authorship) -> usize,
) -> ReviewStudy {
    ReviewStudy {
        acceptance: crate::review::acceptance_rates(deduplicated),
        by_topic,
        citations: crate::review::citation_rows(deduplicated),
        coverage: crate::review::coverage(papers, evidence_of),
    }
}

/// The analyses of the report's publications section.
#[derive(Debug, Clone)]
pub struct PublicationStudy {
    pub composition: CompositionTable,
    /// `composition` pooled by field of venues and year.
    pub by_field: Vec<FieldYear>,
    /// Papers counted (after de-duplication and the status filter).
    pub papers: usize,
    /// What the de-duplication of the sources did.
    pub dedup: crate::corpus::DedupReport,
}

/// The publications section's analyses on the counted papers of the complete venue lists (already
/// classified, deduplicated by `crate::corpus`, whose report is `dedup`).
pub fn publication_study(
    papers: &[&Paper],
    dedup: crate::corpus::DedupReport,
    defs: &Definitions,
    team_of: TeamOf,
) -> PublicationStudy {
    let composition = composition(papers, defs, team_of);
    let by_field = field_year_rows(&composition);
    PublicationStudy { composition, by_field, papers: papers.len(), dedup }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_domain::{SectorShares, Team, TeamKind, TeamSource};

    fn team(industry: f64) -> Team {
        let kind = if industry > 0.0 { TeamKind::IndustryOnly } else { TeamKind::AcademicOnly };
        let shares = SectorShares { academia: 1.0 - industry, industry, other: 0.0 };
        Team { kind, shares, source: TeamSource::Derived, leaning: None, sectors: vec![] }
    }

    fn paper(venue: &str, industry: f64) -> Paper {
        let mut p = Paper::new("conference", venue.into(), Some(2020), venue.into(), "t".into());
        p.team = Some(team(industry));
        p
    }

    /// Every paper academic under the other policies.
    fn academic(_: &Paper, _: &Definitions) -> cd_domain::Team {
        team(0.0)
    }

    #[test]
    fn venue_years_pool_into_fields_with_wilson_intervals() {
        let papers = [
            paper("NeurIPS", 1.0),
            paper("NeurIPS", 0.0),
            paper("ICML", 0.5),
            paper("ICML", 0.0),
            paper("CVPR", 0.0),
        ];
        let refs: Vec<&Paper> = papers.iter().collect();
        let study = publication_study(&refs, Default::default(), &Definitions::default(), academic);
        assert_eq!(study.papers, 5);
        let ml = &study.by_field[0];
        assert_eq!(
            (ml.field, ml.year, ml.papers, ml.industry_involved),
            (crate::corpus::VENUE_FIELDS[0].0, 2020, 4, 2)
        );
        assert_eq!(ml.venues, ["ICML", "NeurIPS"]);
        assert_eq!((ml.share, ml.lo, ml.hi), crate::composition::wilson(2, 4));
        assert!(ml.lo > 0.0 && ml.hi < 1.0, "{} {}", ml.lo, ml.hi);
        let vision = &study.by_field[1];
        assert_eq!(
            (vision.field, vision.papers, vision.industry_involved),
            (crate::corpus::VENUE_FIELDS[1].0, 1, 0)
        );
        assert_eq!(vision.share, 0.0);
    }
}
