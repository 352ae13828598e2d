//! Team classification of papers: the sector of every author affiliation, then the team kind of the paper
//! with full and fractional (CWTS) counting.
//!
//! Two steps, both pure:
//! 1. [`classify_affiliations`] gives every `Affiliation::unclassified` affiliation a sector, confidence
//!    and reason from an [`AffiliationClassifier`] (the institution classifier, or anything else). A raw
//!    string that names several institutions ("Google Brain & University of Toronto") may come back as
//!    several classifications; the affiliation is then split into one affiliation per institution found,
//!    each keeping the raw string. Affiliations that already carry a sector (OpenAlex institution types)
//!    are left alone.
//! 2. [`paper_team`] derives the team from the classified affiliations under
//!    `Definitions::unknown_author_policy`:
//!    - an author's sectors are the known sectors of their affiliations; an author with none is an
//!      *unknown author* (no affiliation given, or none classified);
//!    - `drop` (default) leaves unknown authors out, so a paper is `unknown` only when no author's sector
//!      is known; `as_academic` / `as_industry` count each unknown author as one academic / industry
//!      affiliation, giving the bounds of academic-only and industry-involved shares;
//!    - team kind: academic_only, industry_only, collaboration (academia and industry), other (government,
//!      non-profit or research collective without both academia and industry), unknown
//!      (`cd_domain::sector::team_kind_of`);
//!    - full counting ([`FullCounts`]): the paper counts once for every sector group present;
//!    - fractional counting (CWTS): each counted author has weight 1/n, split equally over the author's
//!      counted affiliations; the weights summed by sector group are `Team::shares`;
//!    - `Team::leaning` for collaborations: academia when the academic share is at least
//!      `Definitions::academia_leaning_min_share`, industry when it is at most one minus that.
//!
//! This module does no I/O and knows nothing of file formats.

use cd_domain::definitions::UnknownAuthorPolicy;
use cd_domain::sector::{team_kind_of, Leaning};
use cd_domain::{Affiliation, Definitions, Paper, Sector, SectorShares, Team, TeamKind, TeamSource};
use std::collections::HashMap;

/// One sector decision for (part of) an affiliation string.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorCall {
    pub sector: Sector,
    pub confidence: f64,
    pub reason: String,
}

/// Anything that can tell the sector(s) of a raw affiliation string. Returning several calls means the
/// string names several institutions; returning none means unknown.
pub trait AffiliationClassifier: Sync {
    fn classify_affiliation(&self, raw: &str) -> Vec<SectorCall>;
}

impl<F: Fn(&str) -> Vec<SectorCall> + Sync> AffiliationClassifier for F {
    fn classify_affiliation(&self, raw: &str) -> Vec<SectorCall> {
        self(raw)
    }
}

/// The institution classifier on raw affiliation strings: one call per institution it finds in the string
/// (`InstitutionClassifier::classify_parts`) whose sector is known; when none is known, one unknown call
/// with the classifier's reason.
impl AffiliationClassifier for crate::institution::InstitutionClassifier {
    fn classify_affiliation(&self, raw: &str) -> Vec<SectorCall> {
        let parts = self.classify_parts(raw);
        let several = parts.len() > 1;
        let known: Vec<SectorCall> = parts
            .iter()
            .filter(|(_, c)| c.is_known())
            .map(|(part, c)| SectorCall {
                sector: c.sector,
                confidence: c.confidence,
                reason: if several { format!("part '{part}': {}", c.reason) } else { c.reason.clone() },
            })
            .collect();
        if !known.is_empty() {
            return known;
        }
        let reason = parts.first().map_or_else(|| "empty affiliation".to_string(), |(_, c)| c.reason.clone());
        vec![SectorCall { sector: Sector::Unknown, confidence: 0.0, reason }]
    }
}

/// Classify the unclassified affiliations of many papers, calling the classifier once per distinct raw
/// string (the distinct strings in parallel; the result of a string does not depend on the thread).
/// Returns how many distinct strings were classified.
pub fn classify_affiliations(papers: &mut [Paper], classifier: &dyn AffiliationClassifier) -> usize {
    use rayon::prelude::*;
    // Each unclassified affiliation's string, numbered in first-seen order (one number per affiliation,
    // in the order the second pass below walks them).
    let mut number: HashMap<&str, u32> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    for a in papers.iter().flat_map(|p| &p.authors).flat_map(|a| &a.affiliations) {
        if a.is_unclassified() {
            let next = distinct.len() as u32;
            let id = *number.entry(a.raw.as_str()).or_insert(next);
            if id == next {
                distinct.push(a.raw.as_str());
            }
            ids.push(id);
        }
    }
    let calls: Vec<Vec<SectorCall>> =
        distinct.par_iter().map(|raw| classifier.classify_affiliation(raw)).collect();
    drop(number);
    let n_distinct = distinct.len();
    let mut ids = ids.into_iter();
    for paper in papers.iter_mut() {
        for author in &mut paper.authors {
            if !author.affiliations.iter().any(Affiliation::is_unclassified) {
                continue;
            }
            let mut out = Vec::with_capacity(author.affiliations.len());
            for aff in author.affiliations.drain(..) {
                if !aff.is_unclassified() {
                    out.push(aff);
                    continue;
                }
                let calls = &calls[ids.next().expect("a number for every unclassified affiliation") as usize];
                if calls.is_empty() {
                    out.push(Affiliation {
                        raw: aff.raw,
                        sector: Sector::Unknown,
                        confidence: 0.0,
                        reason: "no institution recognised".into(),
                    });
                    continue;
                }
                let last = calls.len() - 1;
                let mut raw = Some(aff.raw);
                for (i, call) in calls.iter().enumerate() {
                    let raw = if i == last {
                        raw.take().unwrap_or_default()
                    } else {
                        raw.clone().unwrap_or_default()
                    };
                    out.push(Affiliation {
                        raw,
                        sector: call.sector,
                        confidence: call.confidence,
                        reason: call.reason.clone(),
                    });
                }
            }
            author.affiliations = out;
        }
    }
    n_distinct
}

/// Which sector groups a paper counts for under full counting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FullCounts {
    pub academia: bool,
    pub industry: bool,
    /// Government, non-profit or research collective.
    pub other: bool,
}

/// The counted sectors of each author under a policy (empty for an author left out).
pub fn author_sectors(paper: &Paper, policy: UnknownAuthorPolicy) -> Vec<Vec<Sector>> {
    paper
        .authors
        .iter()
        .map(|a| {
            let known: Vec<Sector> =
                a.affiliations.iter().map(|f| f.sector).filter(|s| *s != Sector::Unknown).collect();
            if !known.is_empty() {
                return known;
            }
            match policy {
                UnknownAuthorPolicy::Drop => Vec::new(),
                UnknownAuthorPolicy::AsAcademic => vec![Sector::Academia],
                UnknownAuthorPolicy::AsIndustry => vec![Sector::Industry],
            }
        })
        .collect()
}

/// Number of authors of unknown sector (no affiliation with a known sector).
pub fn unknown_authors(paper: &Paper) -> usize {
    paper.authors.iter().filter(|a| a.affiliations.iter().all(|f| f.sector == Sector::Unknown)).count()
}

/// Full counting under a policy.
pub fn full_counts(paper: &Paper, policy: UnknownAuthorPolicy) -> FullCounts {
    let mut c = FullCounts::default();
    for s in author_sectors(paper, policy).into_iter().flatten() {
        match s {
            Sector::Academia => c.academia = true,
            Sector::Industry => c.industry = true,
            Sector::Unknown => {}
            _ => c.other = true,
        }
    }
    c
}

/// Fractional (CWTS) counting under a policy: author weight 1/n over the counted authors, split equally
/// over each author's counted affiliations. All zero when no author is counted.
pub fn fractional_shares(paper: &Paper, policy: UnknownAuthorPolicy) -> SectorShares {
    let per_author = author_sectors(paper, policy);
    let counted: Vec<&Vec<Sector>> = per_author.iter().filter(|s| !s.is_empty()).collect();
    let mut shares = SectorShares::default();
    if counted.is_empty() {
        return shares;
    }
    let w_author = 1.0 / counted.len() as f64;
    for sectors in counted {
        let w = w_author / sectors.len() as f64;
        for s in sectors {
            match s {
                Sector::Academia => shares.academia += w,
                Sector::Industry => shares.industry += w,
                _ => shares.other += w,
            }
        }
    }
    shares
}

/// The team kind, fractional shares and leaning of a paper under `defs` (what [`paper_team`] gives, without
/// the list of every affiliation's sector). One pass over the authors for the sectors present, one for the
/// shares, with no list per author: the same sets and the same sums, in the same order, as
/// [`author_sectors`] and [`fractional_shares`] (the specification curve asks this nine times a paper).
pub fn team_summary(paper: &Paper, defs: &Definitions) -> (TeamKind, SectorShares, Option<Leaning>) {
    let fallback = match defs.unknown_author_policy {
        UnknownAuthorPolicy::Drop => None,
        UnknownAuthorPolicy::AsAcademic => Some(Sector::Academia),
        UnknownAuthorPolicy::AsIndustry => Some(Sector::Industry),
    };
    // The distinct counted sectors (the team kind depends on which are present only).
    let mut present = [Sector::Unknown; Sector::ALL.len()];
    let mut n_present = 0;
    let mut note = |s: Sector| {
        if !present[..n_present].contains(&s) {
            present[n_present] = s;
            n_present += 1;
        }
    };
    let mut counted = 0usize;
    for a in &paper.authors {
        let mut any = false;
        for s in known_sectors(a) {
            any = true;
            note(s);
        }
        if any {
            counted += 1;
        } else if let Some(s) = fallback {
            counted += 1;
            note(s);
        }
    }
    let kind = team_kind_of(&present[..n_present]);
    let mut shares = SectorShares::default();
    if counted > 0 {
        let w_author = 1.0 / counted as f64;
        let mut add = |s: Sector, w: f64| match s {
            Sector::Academia => shares.academia += w,
            Sector::Industry => shares.industry += w,
            _ => shares.other += w,
        };
        for a in &paper.authors {
            let k = known_sectors(a).count();
            if k == 0 {
                if let Some(s) = fallback {
                    add(s, w_author / 1.0);
                }
                continue;
            }
            let w = w_author / k as f64;
            for s in known_sectors(a) {
                add(s, w);
            }
        }
    }
    let leaning = if kind != TeamKind::Collaboration {
        None
    } else if shares.academia >= defs.academia_leaning_min_share {
        Some(Leaning::Academia)
    } else if shares.academia <= 1.0 - defs.academia_leaning_min_share {
        Some(Leaning::Industry)
    } else {
        None
    };
    (kind, shares, leaning)
}

/// The team of a paper from its classified affiliations.
pub fn paper_team(paper: &Paper, defs: &Definitions) -> Team {
    let (kind, shares, leaning) = team_summary(paper, defs);
    Team {
        kind,
        shares,
        source: if kind == TeamKind::Unknown { TeamSource::None } else { TeamSource::Derived },
        leaning,
        sectors: paper.authors.iter().flat_map(|a| a.affiliations.iter().map(|f| f.sector)).collect(),
    }
}

/// The known sectors of an author's affiliations, in order.
fn known_sectors(a: &cd_domain::Authorship) -> impl Iterator<Item = Sector> + '_ {
    a.affiliations.iter().map(|f| f.sector).filter(|s| *s != Sector::Unknown)
}

/// Classify affiliations, then set every paper's team.
pub fn classify_papers(papers: &mut [Paper], classifier: &dyn AffiliationClassifier, defs: &Definitions) {
    classify_affiliations(papers, classifier);
    for p in papers.iter_mut() {
        p.team = Some(paper_team(p, defs));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_domain::Authorship;

    /// `team_summary` gives exactly (bit for bit) what the per-author lists give: the kind of the counted
    /// sectors, the fractional shares and the leaning, for every policy.
    #[test]
    fn team_summary_equals_the_per_author_definition() {
        use Sector::*;
        let with = |sectors: &[Sector]| {
            let affiliations = sectors
                .iter()
                .map(|&sector| Affiliation {
                    raw: "x".into(),
                    sector,
                    confidence: 1.0,
                    reason: String::new(),
                })
                .collect();
            Authorship::new("a", affiliations)
        };
        let teams: Vec<Vec<&[Sector]>> = vec![
            vec![],
            vec![&[]],
            vec![&[Unknown]],
            vec![&[Academia]],
            vec![&[Academia], &[Industry, Academia], &[]],
            vec![&[Industry], &[Unknown], &[Industry, Industry, Government]],
            vec![&[Academia, Unknown], &[Academia], &[Academia], &[NonProfit]],
            vec![&[ResearchCollective], &[], &[Academia, Industry, Academia]],
            vec![&[Academia], &[Academia], &[Industry], &[], &[], &[Unknown, Industry]],
        ];
        for t in teams {
            let p = paper(t.iter().map(|s| with(s)).collect());
            for policy in UnknownAuthorPolicy::ALL {
                for min in [0.5, 0.6, 0.75] {
                    let defs = Definitions {
                        unknown_author_policy: policy,
                        academia_leaning_min_share: min,
                        ..Definitions::default()
                    };
                    let counted: Vec<Sector> = author_sectors(&p, policy).into_iter().flatten().collect();
                    let kind = team_kind_of(&counted);
                    let shares = fractional_shares(&p, policy);
                    let (k, s, leaning) = team_summary(&p, &defs);
                    assert_eq!(k, kind, "{t:?} {policy:?}");
                    assert_eq!(
                        (s.academia.to_bits(), s.industry.to_bits(), s.other.to_bits()),
                        (shares.academia.to_bits(), shares.industry.to_bits(), shares.other.to_bits()),
                        "{t:?} {policy:?}"
                    );
                    let team = paper_team(&p, &defs);
                    assert_eq!((team.kind, team.leaning), (k, leaning));
                    let want = if kind != TeamKind::Collaboration {
                        None
                    } else if shares.academia >= min {
                        Some(Leaning::Academia)
                    } else if shares.academia <= 1.0 - min {
                        Some(Leaning::Industry)
                    } else {
                        None
                    };
                    assert_eq!(leaning, want, "{t:?} {policy:?} {min}");
                }
            }
        }
    }

    fn aff(raw: &str) -> Affiliation {
        Affiliation::unclassified(raw)
    }

    fn author(affs: &[&str]) -> Authorship {
        Authorship::new("x", affs.iter().map(|a| aff(a)).collect())
    }

    fn paper(authors: Vec<Authorship>) -> Paper {
        Paper {
            paper_id: "p".into(),
            year: Some(2020),
            venue: "ICML".into(),
            title: "t".into(),
            abstract_text: None,
            keywords: vec![],
            authors,
            team: None,
            source: "conference".into(),
            status: Default::default(),
            status_label: None,
            citations: None,
            alignment: Default::default(),
            source_topics: Vec::new(),
            team_variants: Vec::new(),
        }
    }

    /// A toy classifier: "uni" academia, "corp" industry, "gov" government, "&" splits.
    fn toy(raw: &str) -> Vec<SectorCall> {
        raw.split('&')
            .filter_map(|part| {
                let p = part.trim().to_lowercase();
                let sector = if p.contains("uni") {
                    Sector::Academia
                } else if p.contains("corp") {
                    Sector::Industry
                } else if p.contains("gov") {
                    Sector::Government
                } else {
                    return None;
                };
                Some(SectorCall { sector, confidence: 0.9, reason: format!("toy: {p}") })
            })
            .collect()
    }

    fn classified(authors: Vec<Authorship>) -> Paper {
        let mut ps = vec![paper(authors)];
        classify_affiliations(&mut ps, &toy);
        ps.pop().unwrap()
    }

    fn defs(policy: UnknownAuthorPolicy) -> Definitions {
        Definitions { unknown_author_policy: policy, ..Definitions::default() }
    }

    #[test]
    fn policies_give_bounds() {
        // One academic author, two unknown ones (no affiliation; unrecognised string).
        let p = classified(vec![author(&["Uni A"]), author(&[]), author(&["Somewhere"])]);
        assert_eq!(unknown_authors(&p), 2);
        assert_eq!(paper_team(&p, &defs(UnknownAuthorPolicy::Drop)).kind, TeamKind::AcademicOnly);
        assert_eq!(paper_team(&p, &defs(UnknownAuthorPolicy::AsAcademic)).kind, TeamKind::AcademicOnly);
        let t = paper_team(&p, &defs(UnknownAuthorPolicy::AsIndustry));
        assert_eq!(t.kind, TeamKind::Collaboration);
        // academia 1/3, industry 2/3 → leans industry (≤ 0.29? no: 0.333 > 0.29) → no leaning.
        assert!(
            (t.shares.academia - 1.0 / 3.0).abs() < 1e-12 && (t.shares.industry - 2.0 / 3.0).abs() < 1e-12
        );
        assert_eq!(t.leaning, None);
        // Nobody known: unknown under drop, academic-only as academic.
        let q = classified(vec![author(&[]), author(&["nowhere"])]);
        assert_eq!(paper_team(&q, &defs(UnknownAuthorPolicy::Drop)).kind, TeamKind::Unknown);
        assert_eq!(paper_team(&q, &defs(UnknownAuthorPolicy::Drop)).source, TeamSource::None);
        assert_eq!(paper_team(&q, &defs(UnknownAuthorPolicy::AsAcademic)).kind, TeamKind::AcademicOnly);
    }

    #[test]
    fn multi_institution_strings_split_and_fractional_counting() {
        // Author 1: "Corp X & Uni Y" (split: ½ industry, ½ academia); authors 2, 3: Uni; author 4: Gov.
        let p = classified(vec![
            author(&["Corp X & Uni Y"]),
            author(&["Uni Z"]),
            author(&["Uni Z"]),
            author(&["Gov"]),
        ]);
        assert_eq!(p.authors[0].affiliations.len(), 2);
        assert_eq!(p.authors[0].affiliations[0].raw, "Corp X & Uni Y");
        assert_eq!(p.authors[0].affiliations[1].reason, "toy: uni y");
        let t = paper_team(&p, &Definitions::default());
        assert_eq!(t.kind, TeamKind::Collaboration);
        // academia = 1/8 + 1/4 + 1/4 = 0.625; industry = 0.125; other = 0.25.
        assert!((t.shares.academia - 0.625).abs() < 1e-12);
        assert!((t.shares.industry - 0.125).abs() < 1e-12);
        assert!((t.shares.other - 0.25).abs() < 1e-12);
        assert_eq!(
            full_counts(&p, UnknownAuthorPolicy::Drop),
            FullCounts { academia: true, industry: true, other: true }
        );
        assert_eq!(t.leaning, None);
    }

    #[test]
    fn leaning_and_preclassified_affiliations() {
        let mut pre = author(&[]);
        pre.affiliations.push(Affiliation {
            raw: "Acme".into(),
            sector: Sector::Industry,
            confidence: 0.95,
            reason: "OpenAlex institution type 'company'".into(),
        });
        let authors = vec![pre, author(&["Uni"]), author(&["Uni"]), author(&["Uni"])];
        let p = classified(authors);
        assert_eq!(p.authors[0].affiliations[0].reason, "OpenAlex institution type 'company'");
        let t = paper_team(&p, &Definitions::default());
        assert_eq!(t.kind, TeamKind::Collaboration);
        assert_eq!(t.leaning, Some(Leaning::Academia)); // 0.75 ≥ 0.71
        let other = classified(vec![author(&["Gov"]), author(&["Uni"])]);
        assert_eq!(paper_team(&other, &Definitions::default()).kind, TeamKind::Other);
    }
}

#[cfg(test)]
mod institution_tests {
    use super::*;
    use crate::institution::{ClassifierOptions, InstitutionClassifier};

    #[test]
    fn institution_classifier_splits_raw_strings() {
        let clf = InstitutionClassifier::curated_only(ClassifierOptions::default());
        let calls = clf.classify_affiliation("Google Brain & University of Toronto");
        let sectors: Vec<Sector> = calls.iter().map(|c| c.sector).collect();
        assert_eq!(sectors, [Sector::Industry, Sector::Academia], "{calls:?}");
        assert!(calls[0].reason.starts_with("part 'Google Brain'"), "{}", calls[0].reason);
        let one = clf.classify_affiliation("DeepMind");
        assert_eq!((one.len(), one[0].sector), (1, Sector::Industry));
        assert!(!one[0].reason.starts_with("part"));
        let none = clf.classify_affiliation("Xyzzy Plugh");
        assert_eq!((none.len(), none[0].sector), (1, Sector::Unknown));
        let mut papers = vec![Paper {
            paper_id: "p".into(),
            year: Some(2019),
            venue: "ICLR".into(),
            title: "t".into(),
            abstract_text: None,
            keywords: vec![],
            authors: vec![
                cd_domain::Authorship::new(
                    "a",
                    vec![Affiliation::unclassified("Google Brain & University of Toronto")],
                ),
                cd_domain::Authorship::new("b", vec![]),
            ],
            team: None,
            source: "conference".into(),
            status: Default::default(),
            status_label: None,
            citations: None,
            alignment: Default::default(),
            source_topics: Vec::new(),
            team_variants: Vec::new(),
        }];
        classify_papers(&mut papers, &clf, &Definitions::default());
        let team = papers[0].team.as_ref().unwrap();
        assert_eq!(team.kind, TeamKind::Collaboration);
        assert_eq!((team.shares.academia, team.shares.industry), (0.5, 0.5));
    }
}
