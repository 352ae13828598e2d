//! The topic claim of the specification curve: "academic-only shares fell more in compute-intensive
//! topics" ([`Claim::TopicIntensity`]) under every combination of the publication definitions it rests on.
//!
//! The estimate of a specification is the slope of the representation regression (`representation`): the
//! change in a topic's academic-only paper share between an earlier period and the last, regressed on the
//! topic's compute intensity (weighted least squares, fraction per order of magnitude of training FLOP). A
//! specification supports the claim when the slope is negative. Varied, in this order:
//! - `author_evidence`: which evidence decides an author's sector (`spec_curve.author_evidence`; needs the
//!   papers' [`cd_domain::TeamVariant`]s, else only the evidence in force);
//! - `unknown_authors`: the unknown-author policy (`spec_curve.unknown_authors`);
//! - `venue_set`: which papers enter (`spec_curve.venue_set`);
//! - `counting`: full or fractional;
//! - `periods`: each period of `Definitions::periods` before the last, compared with the last.
//!
//! The estimates are raw (all papers of a topic); the venue-adjusted fits, which keep venue mix from
//! passing for a topic effect, are reported beside the raw ones in `representation` (varying the
//! adjustment here too would double the curve's cost for a comparison already shown).
//!
//! Each specification's 95% interval is the representation bootstrap (papers resampled within period) with
//! `spec_curve.resamples` draws, seeded by the specification itself. The compute intensity is that of the
//! definitions in force (the analysed vintage's notable models); it is not varied here.

use crate::speccurve::{curve, spec_seed, Claim, ClaimCurve, Spec};
use crate::topics::corpus::{topic_papers_numbered, venue_numbers, venue_set_members, TeamOf, TopicCorpus};
use crate::topics::intensity::IntensityTable;
use crate::topics::representation::{fit_members, Counting, FitMember, RepresentationOptions, TopicPaper};
use cd_domain::definitions::{AuthorEvidence, UnknownAuthorPolicy, VenueSet};
use cd_domain::Definitions;
use rayon::prelude::*;

/// The papers of the corpus as the topic test sees them under one author-evidence rule, unknown-author
/// policy and venue set: the team from the paper's variants ([`cd_domain::Paper::team_variants`]), or,
/// for the evidence in force, from `team_of`. `None` when a paper lacks the variant asked for.
pub fn variant_papers(
    c: &TopicCorpus,
    evidence: AuthorEvidence,
    policy: UnknownAuthorPolicy,
    venue_set: VenueSet,
    team_of: TeamOf,
) -> Option<Vec<TopicPaper>> {
    variant_papers_numbered(c, &venue_numbers(c), &venue_set_members(c, venue_set), evidence, policy, team_of)
}

/// [`variant_papers`] with the corpus's venue numbers (`corpus::venue_numbers`) and the papers in the
/// venue set (`corpus::venue_set_members`) given.
fn variant_papers_numbered(
    c: &TopicCorpus,
    venues: &[u16],
    in_set: &[bool],
    evidence: AuthorEvidence,
    policy: UnknownAuthorPolicy,
    team_of: TeamOf,
) -> Option<Vec<TopicPaper>> {
    let defs = Definitions { unknown_author_policy: policy, author_evidence: evidence, ..c.defs.clone() };
    let mut complete = true;
    let papers = topic_papers_numbered(c, venues, in_set, |p| {
        match p.team_variants.iter().find(|v| v.evidence == evidence && v.policy == policy) {
            Some(v) => Some((v.kind, v.academic_share, v.leaning)),
            None if evidence == c.defs.author_evidence => {
                let t = team_of(p, &defs);
                Some((t.kind, t.shares.academia, t.leaning))
            }
            None => {
                complete = false;
                None
            }
        }
    });
    complete.then_some(papers)
}

/// Does every paper of the corpus carry its team under each evidence rule?
fn has_variants(c: &TopicCorpus) -> bool {
    c.papers.iter().all(|p| !p.team_variants.is_empty())
}

/// The topic claim's curve on a corpus (see the module docs); `vintage` names the model table the compute
/// intensity comes from.
pub fn topic_claim_curve(
    c: &TopicCorpus,
    intensity: &IntensityTable,
    vintage: &str,
    team_of: TeamOf,
) -> ClaimCurve {
    let defs = &c.defs;
    let grid = defs.spec_curve.with_definitions(defs);
    let evidence: Vec<AuthorEvidence> =
        if has_variants(c) { grid.author_evidence.clone() } else { vec![defs.author_evidence] };
    let last = defs.periods.last().map(|p| p.label.clone());
    let firsts: Vec<String> = match defs.periods.split_last() {
        Some((_, earlier)) => earlier.iter().map(|p| p.label.clone()).collect(),
        None => Vec::new(),
    };
    // The papers of each (evidence, policy, venue set), built once and shared by the fits on them.
    let mut cells = Vec::new();
    for &e in &evidence {
        for &policy in &grid.unknown_authors {
            for &venues in &grid.venue_set {
                cells.push((e, policy, venues));
            }
        }
    }
    let numbers = venue_numbers(c);
    // Which papers each venue set holds, once per set (not once per cell).
    let members: Vec<(VenueSet, Vec<bool>)> =
        grid.venue_set.par_iter().map(|&set| (set, venue_set_members(c, set))).collect();
    let in_set = |set: VenueSet| &members.iter().find(|(s, _)| *s == set).expect("a venue set of the grid").1;
    let papers: Vec<Option<Vec<TopicPaper>>> = cells
        .par_iter()
        .map(|&(e, policy, venues)| variant_papers_numbered(c, &numbers, in_set(venues), e, policy, team_of))
        .collect();
    // One job per papers and first period: both countings' fits in one call share the periods' cells
    // and types (each fit keeps its own seed, so no resamples are shared).
    let countings = [Counting::Full, Counting::Fractional];
    let mut jobs = Vec::new();
    for (i, &(e, policy, venues)) in cells.iter().enumerate() {
        for first in &firsts {
            jobs.push((i, e, policy, venues, first.clone()));
        }
    }
    let made: Vec<[Spec; 2]> = jobs
        .par_iter()
        .map(|(i, e, policy, venues, first)| {
            let choices = |counting: Counting| -> Vec<(&'static str, String)> {
                vec![
                    ("author_evidence", e.as_str().to_string()),
                    ("unknown_authors", policy.as_str().to_string()),
                    ("venue_set", venues.as_str().to_string()),
                    ("counting", if counting == Counting::Full { "full" } else { "fractional" }.to_string()),
                    ("periods", format!("{first} vs {}", last.as_deref().unwrap_or(""))),
                ]
            };
            let choices = countings.map(choices);
            let members = [0, 1].map(|k| FitMember {
                counting: countings[k],
                intensity,
                seed: spec_seed(defs, vintage, Claim::TopicIntensity, &choices[k]),
                resamples: grid.resamples,
            });
            let options = RepresentationOptions {
                intensity_period: "all".into(),
                first_period: Some(first.clone()),
                last_period: last.clone(),
            };
            let mut fits = match &papers[*i] {
                Some(ps) => fit_members(*policy, ps, &options, defs, false, &members),
                None => vec![None, None],
            }
            .into_iter();
            choices.map(|choices| {
                let fit = fits.next().flatten();
                let estimate = fit.as_ref().and_then(|f| f.slope);
                Spec {
                    vintage: vintage.to_string(),
                    choices: choices.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                    estimate,
                    ci95: estimate.and(fit.as_ref().and_then(|f| f.slope_ci95)),
                    supports: estimate.map(|s| Claim::TopicIntensity.supports(s)),
                }
            })
        })
        .collect();
    // The specifications in the curve's order: papers, counting, first period.
    let per_papers = firsts.len().max(1);
    let mut specs = Vec::with_capacity(2 * made.len());
    for block in made.chunks(per_papers) {
        for k in 0..2 {
            specs.extend(block.iter().map(|pair| pair[k].clone()));
        }
    }
    curve(Claim::TopicIntensity, specs, grid.resamples)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::testutil::model;
    use crate::topics::corpus::topic_corpus;
    use crate::topics::intensity::compute_intensity;
    use crate::topics::{Topic, TopicSet};
    use cd_domain::{Paper, ReadReport, SectorShares, Team, TeamKind, TeamSource};

    /// Academic-only when the title starts with "a", else industry-only (a stand-in for the classifier).
    fn team_of(p: &Paper, _: &Definitions) -> Team {
        let academic = p.title.starts_with('a');
        Team {
            kind: if academic { TeamKind::AcademicOnly } else { TeamKind::IndustryOnly },
            shares: SectorShares { academia: if academic { 1.0 } else { 0.0 }, ..SectorShares::default() },
            source: TeamSource::Derived,
            leaning: None,
            sectors: vec![],
        }
    }

    #[test]
    fn the_curve_varies_every_dimension_and_recovers_a_known_slope() {
        // Three topics whose models need 1e23, 1e21 and 1e19 FLOP; 40 papers each in 2011 and 2023.
        // Academic-only shares: 75% everywhere in 2011; 25%, 50% and 75% in 2023. The changes -0.5, -0.25
        // and 0 against log10 intensity 23, 21, 19 lie on a line of slope -0.125 per OOM.
        let mut models = Vec::new();
        for (domain, flop) in [("Language", 1e23), ("Vision", 1e21), ("Robotics", 1e19)] {
            for y in ["2012-01-01", "2016-01-01", "2020-01-01"] {
                let mut m = model(domain, y, Some(flop), TeamKind::IndustryOnly);
                m.model.domains = vec![domain.to_string()];
                models.push(m);
            }
        }
        let mut papers = Vec::new();
        let mut topics = Vec::new();
        for (topic, academic_2023) in
            [(Topic::LanguageModels, 10), (Topic::Vision, 20), (Topic::Robotics, 30)]
        {
            for (year, academic) in [(2011, 30), (2023, academic_2023)] {
                for i in 0..40 {
                    let title = format!("{}{topic}{year}{i}", if i < academic { "a" } else { "i" });
                    papers.push(Paper::new(
                        "papercopilot",
                        title.clone(),
                        Some(year),
                        "NeurIPS".into(),
                        title,
                    ));
                    topics.push([topic].into_iter().collect::<TopicSet>());
                }
            }
        }
        let defs = Definitions { bootstrap_resamples: 20, ..Definitions::default() };
        let c = topic_corpus(papers, topics, ReadReport::new("t"), defs.clone());
        let intensity = compute_intensity(&models, &defs);
        let curve = topic_claim_curve(&c, &intensity, "test", team_of);
        // No team variants on these papers: the evidence in force only. 3 policies × 3 venue sets × 2
        // countings × 3 earlier periods; only 2010-13 holds papers.
        assert_eq!(curve.claim, Claim::TopicIntensity);
        assert_eq!(curve.n_specs, 54);
        assert_eq!(curve.n_estimated, 18);
        assert_eq!(curve.n_supporting, 18);
        for s in curve.specs.iter().filter_map(|s| s.estimate) {
            assert!((s + 0.125).abs() < 1e-12, "{s}");
        }
        let first = &curve.specs[0];
        assert_eq!(first.choices[0], ("author_evidence".to_string(), "both".to_string()));
        assert!(first.ci95.is_some());
        // Every paper is a NeurIPS paper from Paper Copilot, so each venue set holds them all: the nine
        // specifications per counting estimated on 2010-13 agree, whatever the venue set.
        let per_set =
            |v: &str| curve.specs.iter().filter(|s| s.estimate.is_some() && s.choices[2].1 == v).count();
        assert_eq!((per_set("all"), per_set("complete_lists"), per_set("ml_core")), (6, 6, 6));
    }
}
