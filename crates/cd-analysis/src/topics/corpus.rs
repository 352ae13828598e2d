//! The topic corpus: classified papers with their topics, papers in several sources kept once, only the
//! statuses the definitions count; and the analysis steps of the report's topics section on it (the
//! papers of each unknown-author policy, the representation fits, their sensitivity to which models give
//! the compute intensity).
//!
//! A paper's team under a policy comes from the classification layer; the caller passes it in as
//! [`TeamOf`] (`cd_classify::paper::paper_team`), so this module stays a pure function of its inputs.

use crate::topics::intensity::{compute_intensity, IntensityTable};
use crate::topics::representation::{
    representations, PolicyPapers, Representation, RepresentationOptions, TopicPaper,
};
use crate::topics::TopicSet;
use cd_domain::definitions::{NotabilityFilter, UnknownAuthorPolicy, VenueSet};
use cd_domain::sector::Leaning;
use cd_domain::{ClassifiedModel, Definitions, Paper, ReadReport, Team, TeamKind};

/// The topics of every paper, in order: phrase rules on title, abstract and keywords, and the topics the
/// source assigned (`Paper::source_topics`, OpenAlex's). Pure text work: it needs no team, so the report
/// runs it while the classifier is being built. The rule weights are `Definitions::topic_scoring`.
pub fn assign_topics(papers: &[Paper], defs: &Definitions) -> Vec<TopicSet> {
    use rayon::prelude::*;
    let assigner = crate::topics::TopicAssigner::for_definitions(defs);
    // Pure per paper; the parallel collect keeps the papers' order.
    papers
        .par_iter()
        .map(|p| {
            let source: Vec<crate::topics::OpenAlexTopic> = p
                .source_topics
                .iter()
                .map(|t| crate::topics::OpenAlexTopic {
                    display_name: t.name.clone(),
                    subfield: t.subfield.clone(),
                    field: t.field.clone(),
                })
                .collect();
            assigner.assign_paper(p, &source)
        })
        .collect()
}

/// The team of a paper under the definitions (their unknown-author policy).
pub type TeamOf = fn(&Paper, &Definitions) -> Team;

/// Papers with their affiliations classified, their topics (aligned), and the accounting.
#[derive(Debug, Clone)]
pub struct TopicCorpus {
    /// The kept papers (aligned with `topics`). Built by [`topic_corpus`] or [`topic_corpus_of`]: with
    /// their dropped copies' keywords and abstract merged in; by [`topic_corpus_for_analyses`]: without
    /// abstracts, keywords, source topics and status labels. Shared by the corpora of definitions that keep the same papers ([`TopicCorpus::with_definitions`]).
    pub papers: std::sync::Arc<Vec<Paper>>,
    pub topics: Vec<TopicSet>,
    pub report: ReadReport,
    /// Papers dropped because they are copies of a paper of another source (`crate::corpus`).
    pub duplicates_dropped: usize,
    pub defs: Definitions,
}

/// Which of `papers` the topic corpus keeps (aligned with `papers`), and how many were dropped as copies
/// of another paper: papers in several sources count once (`crate::corpus::deduplicate_refs`: normalised
/// title, year and venue; source precedence; within a source the first copy), then only the submissions
/// the definitions count (`crate::corpus::counted`). The one rule behind [`topic_corpus`] and the
/// warehouse's `papers.in_topic_corpus`.
pub fn topic_corpus_mask(papers: &[&Paper], defs: &Definitions) -> (Vec<bool>, usize) {
    let (keep, _) = crate::corpus::deduplicate_refs(papers);
    counted_after_dedup(keep, papers.iter().copied(), defs)
}

/// The mask of [`topic_corpus_mask`] from the deduplication's keep mask: the copies dropped, then the
/// submissions the definitions do not count.
fn counted_after_dedup<'p>(
    mut keep: Vec<bool>,
    papers: impl Iterator<Item = &'p Paper>,
    defs: &Definitions,
) -> (Vec<bool>, usize) {
    let duplicates_dropped = keep.iter().filter(|k| !**k).count();
    for (k, p) in keep.iter_mut().zip(papers) {
        *k = *k && crate::corpus::counted(p, defs);
    }
    (keep, duplicates_dropped)
}

/// The corpus of `papers` (topics aligned with them): the papers [`topic_corpus_mask`] keeps, each with
/// the keywords and abstract of its dropped copies merged in ([`topic_corpus_of`]).
pub fn topic_corpus(
    papers: Vec<Paper>,
    topics: Vec<TopicSet>,
    report: ReadReport,
    defs: Definitions,
) -> TopicCorpus {
    topic_corpus_of(&papers.iter().collect::<Vec<_>>(), topics, report, defs)
}

/// [`topic_corpus`] of borrowed papers: only the papers the corpus keeps are cloned
/// (`crate::corpus::deduplicated_clones`).
pub fn topic_corpus_of(
    papers: &[&Paper],
    mut topics: Vec<TopicSet>,
    report: ReadReport,
    defs: Definitions,
) -> TopicCorpus {
    let (kept, dedup_keep, _) =
        crate::corpus::deduplicated_clones(papers, |p| crate::corpus::counted(p, &defs));
    let (keep, duplicates_dropped) = counted_after_dedup(dedup_keep, papers.iter().copied(), &defs);
    let mut it = keep.iter();
    topics.retain(|_| *it.next().unwrap_or(&false));
    TopicCorpus { papers: std::sync::Arc::new(kept), topics, report, duplicates_dropped, defs }
}

/// The corpus of [`topic_corpus_of`] for the topic analyses only ([`topic_study`]: the report's topics
/// section and the dashboard's), with less copied: the same papers kept (the same order), the same
/// topics and counts, but each kept paper copied without its abstract, keywords, source topics and
/// status label ([`analysis_copy`]), which those analyses do not read (the topics were assigned from them
/// before), so the dropped copies' keywords and abstracts are not merged in either. `keys` are the
/// papers' match keys (`crate::corpus::match_keys` of `papers`, or of a list `papers` begins), computed
/// once by a caller that also deduplicates other papers.
pub fn topic_corpus_for_analyses(
    papers: &[&Paper],
    keys: &[Option<crate::corpus::MatchKey>],
    mut topics: Vec<TopicSet>,
    report: ReadReport,
    defs: Definitions,
) -> TopicCorpus {
    let (dedup_keep, _) = crate::corpus::deduplicate_refs_keyed(papers, keys);
    let (keep, duplicates_dropped) = counted_after_dedup(dedup_keep, papers.iter().copied(), &defs);
    let kept: Vec<Paper> =
        papers.iter().zip(&keep).filter(|(_, k)| **k).map(|(p, _)| analysis_copy(p)).collect();
    let mut it = keep.iter();
    topics.retain(|_| *it.next().unwrap_or(&false));
    TopicCorpus { papers: std::sync::Arc::new(kept), topics, report, duplicates_dropped, defs }
}

/// A copy of `p` with what the topic analyses read (identity, title, year, venue, source, status,
/// citations, alignment, authors with their affiliations, team, team variants); no abstract, keywords,
/// source topics or status label.
pub fn analysis_copy(p: &Paper) -> Paper {
    Paper {
        paper_id: p.paper_id.clone(),
        year: p.year,
        venue: p.venue.clone(),
        title: p.title.clone(),
        abstract_text: None,
        keywords: Vec::new(),
        authors: p.authors.clone(),
        team: p.team.clone(),
        source: p.source.clone(),
        status: p.status,
        status_label: None,
        citations: p.citations,
        alignment: p.alignment,
        source_topics: Vec::new(),
        team_variants: p.team_variants.clone(),
    }
}

impl TopicCorpus {
    /// The same corpus under `defs`, its papers shared (not copied), when `defs` keep the same papers:
    /// the corpus's only definition is which submissions count (`paper_statuses`, [`topic_corpus_mask`]).
    /// `None` when they count others. The topics stay as they are: the caller knows they were assigned
    /// as `defs` assign them.
    pub fn with_definitions(&self, defs: Definitions) -> Option<TopicCorpus> {
        (defs.paper_statuses == self.defs.paper_statuses).then(|| TopicCorpus {
            papers: self.papers.clone(),
            topics: self.topics.clone(),
            report: self.report.clone(),
            duplicates_dropped: self.duplicates_dropped,
            defs,
        })
    }
}

/// Is a paper in the venue set? `complete_lists`: Paper Copilot's lists and the conference list;
/// `ml_core`: NeurIPS (NIPS), ICML and ICLR, whatever the source.
pub fn in_venue_set(p: &Paper, set: VenueSet) -> bool {
    match set {
        VenueSet::All => true,
        VenueSet::CompleteLists => matches!(p.source.as_str(), "papercopilot" | "conference"),
        VenueSet::MlCore => {
            // The venue's ASCII letters and digits, lower case, without a trailing year (`NeurIPS 2019`,
            // `neurips2019`), compared without building a string (this runs per paper for every
            // specification).
            let letters =
                || p.venue.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase());
            let end =
                letters().enumerate().filter(|(_, b)| !b.is_ascii_digit()).last().map_or(0, |(i, _)| i + 1);
            ["neurips", "nips", "icml", "iclr"]
                .iter()
                .any(|n| n.len() == end && letters().take(end).eq(n.bytes()))
        }
    }
}

/// `TopicPaper`s of the corpus's papers in `venue_set` with the team `team` gives (kind, academic share,
/// leaning; `None` leaves the paper out), papers without a year left out. Venues are numbered in sorted
/// order over the whole corpus (the strata of the venue-adjusted fits).
pub fn topic_papers_with(
    c: &TopicCorpus,
    venue_set: VenueSet,
    team: impl FnMut(&Paper) -> Option<(TeamKind, f64, Option<Leaning>)>,
) -> Vec<TopicPaper> {
    topic_papers_numbered(c, &venue_numbers(c), &venue_set_members(c, venue_set), team)
}

/// The number of each paper's venue, venues numbered in sorted order over the whole corpus (the strata
/// of the venue-adjusted fits). Computed once by callers that build the papers many times.
pub(crate) fn venue_numbers(c: &TopicCorpus) -> Vec<u16> {
    let mut venues: Vec<&str> = c.papers.iter().map(|p| p.venue.as_str()).collect();
    venues.sort_unstable();
    venues.dedup();
    c.papers.iter().map(|p| venues.binary_search(&p.venue.as_str()).map_or(0, |i| i as u16)).collect()
}

/// Whether each paper of the corpus is in `venue_set` ([`in_venue_set`]; aligned with `c.papers`).
/// Computed once by callers that build the papers of one venue set many times.
pub(crate) fn venue_set_members(c: &TopicCorpus, venue_set: VenueSet) -> Vec<bool> {
    c.papers.iter().map(|p| in_venue_set(p, venue_set)).collect()
}

/// [`topic_papers_with`] with the venue numbers given ([`venue_numbers`] of the same corpus) and the
/// papers in the venue set ([`venue_set_members`] of the same corpus).
pub(crate) fn topic_papers_numbered(
    c: &TopicCorpus,
    venue_numbers: &[u16],
    in_set: &[bool],
    mut team: impl FnMut(&Paper) -> Option<(TeamKind, f64, Option<Leaning>)>,
) -> Vec<TopicPaper> {
    c.papers
        .iter()
        .zip(&c.topics)
        .zip(venue_numbers)
        .zip(in_set)
        .filter(|(_, &inside)| inside)
        .filter_map(|(((p, t), &venue), _)| {
            let year = p.year?;
            let (kind, academic_share, leaning) = team(p)?;
            Some(TopicPaper { year, topics: *t, team: kind, academic_share, leaning, venue })
        })
        .collect()
}

/// `TopicPaper`s of the corpus (its definitions' venue set) with teams under one policy (papers without
/// a year left out).
pub fn topic_papers(c: &TopicCorpus, policy: UnknownAuthorPolicy, team_of: TeamOf) -> Vec<TopicPaper> {
    let defs = Definitions { unknown_author_policy: policy, ..c.defs.clone() };
    topic_papers_with(c, c.defs.venue_set, |p| {
        let team = team_of(p, &defs);
        Some((team.kind, team.shares.academia, team.leaning))
    })
}

/// The three unknown-author policies' papers (drop, as academic, as industry) of a corpus.
pub fn policy_papers(c: &TopicCorpus, team_of: TeamOf) -> Vec<PolicyPapers> {
    [UnknownAuthorPolicy::Drop, UnknownAuthorPolicy::AsAcademic, UnknownAuthorPolicy::AsIndustry]
        .into_iter()
        .map(|policy| PolicyPapers { policy, papers: topic_papers(c, policy, team_of) })
        .collect()
}

/// The analyses of the report's topics section.
#[derive(Debug, Clone)]
pub struct TopicStudy {
    /// The representation fits and rows with the default options.
    pub representation: Representation,
    /// The main policy's fits with each topic's compute intensity from the models of each notability
    /// filter (study, any criterion, none), in that order: which Epoch models measure "compute
    /// intensity" is itself a disputed choice.
    pub by_intensity_models: Vec<(NotabilityFilter, Representation)>,
    /// The topic claim of the specification curve (`crate::topics::speccurve`).
    pub claim_curve: crate::speccurve::ClaimCurve,
}

/// The topics section's analyses on a corpus: the same corpus, fits and rows as `representation` with
/// its default options, the compute intensity from `models` (of the table `vintage`), and the topic
/// claim's specification curve.
pub fn topic_study(
    c: &TopicCorpus,
    models: &[ClassifiedModel],
    vintage: &str,
    team_of: TeamOf,
) -> TopicStudy {
    let defs = &c.defs;
    let intensity = compute_intensity(models, defs);
    let policies = policy_papers(c, team_of);
    // The main policy's fits with the intensity of each other notability filter are the same papers under
    // the same seeds as its fits in `rep`: made together with them, their resamples are drawn once
    // (`representations`).
    let filters = [NotabilityFilter::Study, NotabilityFilter::AnyCriterion, NotabilityFilter::None];
    let others: Vec<(NotabilityFilter, _)> = filters
        .into_iter()
        .filter(|&f| f != defs.notability_filter)
        .map(|filter| {
            let d = Definitions { notability_filter: filter, ..defs.clone() };
            (filter, compute_intensity(models, &d))
        })
        .collect();
    let all: Vec<UnknownAuthorPolicy> = policies.iter().map(|p| p.policy).collect();
    let main = [defs.unknown_author_policy];
    let mut jobs: Vec<(&IntensityTable, &[UnknownAuthorPolicy])> = vec![(&intensity, &all)];
    jobs.extend(others.iter().map(|(_, i)| (i, &main[..])));
    let mut reps = representations(&policies, &jobs, &RepresentationOptions::default(), defs).into_iter();
    let rep = reps.next().expect("a representation per job");
    let mut other_reps = others.iter().map(|(f, _)| *f).zip(reps);
    let by_intensity_models = filters
        .into_iter()
        .map(|filter| {
            if filter == defs.notability_filter {
                (filter, rep.clone())
            } else {
                other_reps.next().expect("a representation per other filter")
            }
        })
        .collect();
    let claim_curve = crate::topics::speccurve::topic_claim_curve(c, &intensity, vintage, team_of);
    TopicStudy { representation: rep, by_intensity_models, claim_curve }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topics::Topic;
    use cd_domain::{ReviewStatus, SectorShares, TeamKind, TeamSource};

    fn paper(source: &str, title: &str, venue: &str, status: ReviewStatus) -> Paper {
        let mut p = Paper::new(source, format!("{source}:{title}"), Some(2020), venue.into(), title.into());
        p.status = status;
        p
    }

    /// Academic-only when the venue is NeurIPS, else industry-only (a stand-in for the classifier).
    fn team_of(p: &Paper, _: &Definitions) -> Team {
        let kind = if p.venue == "NeurIPS" { TeamKind::AcademicOnly } else { TeamKind::IndustryOnly };
        Team {
            kind,
            shares: SectorShares::default(),
            source: TeamSource::Derived,
            leaning: None,
            sectors: vec![],
        }
    }

    #[test]
    fn copies_count_once_and_only_counted_statuses_stay() {
        let papers = vec![
            paper("aiindex", "Fair Models", "NeurIPS", ReviewStatus::Accepted),
            paper("papercopilot", "fair models", "NeurIPS", ReviewStatus::Accepted),
            paper("papercopilot", "Robot Arms", "ICRA", ReviewStatus::Accepted),
            paper("papercopilot", "Rejected One", "ICLR", ReviewStatus::Rejected),
        ];
        let topics = vec![
            TopicSet::empty(),
            TopicSet::empty(),
            {
                let mut t = TopicSet::empty();
                t.insert(Topic::Robotics);
                t
            },
            TopicSet::empty(),
        ];
        let (papers_in, topics_in) = (papers.clone(), topics.clone());
        let c = topic_corpus(papers, topics, ReadReport::new("t"), Definitions::default());
        // The AI Index copy loses to Paper Copilot's; the rejected submission is not counted.
        assert_eq!(c.duplicates_dropped, 1);
        let ids: Vec<&str> = c.papers.iter().map(|p| p.paper_id.as_str()).collect();
        assert_eq!(ids, ["papercopilot:fair models", "papercopilot:Robot Arms"]);
        // Topics stay aligned with their papers.
        assert_eq!(
            (c.topics[0].contains(Topic::Robotics), c.topics[1].contains(Topic::Robotics)),
            (false, true)
        );
        // The kept copy takes its dropped copy's keywords (those it lacks, after its own) and abstract.
        let mut with_text = papers_in.clone();
        with_text[0].keywords = vec!["fairness".into(), "audit".into()];
        with_text[0].abstract_text = Some("An abstract only the AI Index copy has.".into());
        with_text[1].keywords = vec!["audit".into()];
        let refs: Vec<&Paper> = with_text.iter().collect();
        let merged = topic_corpus_of(&refs, topics_in.clone(), ReadReport::new("t"), Definitions::default());
        assert_eq!(merged.papers.iter().map(|p| &p.paper_id).collect::<Vec<_>>(), ids);
        assert_eq!(merged.papers[0].keywords, ["audit", "fairness"]);
        assert_eq!(
            merged.papers[0].abstract_text.as_deref(),
            Some("An abstract only the AI Index copy has.")
        );
        assert_eq!(merged.topics, c.topics);
        assert_eq!(merged.duplicates_dropped, 1);
        let tp = topic_papers(&c, UnknownAuthorPolicy::Drop, team_of);
        assert_eq!(
            tp.iter().map(|p| p.team).collect::<Vec<_>>(),
            [TeamKind::AcademicOnly, TeamKind::IndustryOnly]
        );
        // Venues numbered in sorted order: ICRA 0, NeurIPS 1.
        assert_eq!(tp.iter().map(|p| p.venue).collect::<Vec<_>>(), [1, 0]);
        assert_eq!(policy_papers(&c, team_of).len(), 3);
    }

    #[test]
    fn the_mask_selects_the_corpus_and_a_repeated_id_once() {
        // The AI Index lists a paper once per category: the same id, title, year and venue twice.
        let mut twice = paper("aiindex", "Private Models", "ICML", ReviewStatus::Accepted);
        twice.keywords = vec!["category:Privacy".into()];
        let mut again = twice.clone();
        again.keywords = vec!["category:Security".into()];
        let papers = [
            paper("papercopilot", "Private Models", "ICML", ReviewStatus::Rejected),
            twice,
            again,
            paper("aiindex", "Other", "ICML", ReviewStatus::Accepted),
        ];
        let refs: Vec<&Paper> = papers.iter().collect();
        let (keep, dropped) = topic_corpus_mask(&refs, &Definitions::default());
        // Paper Copilot's copy wins the match but is not counted (rejected); both AI Index rows lose.
        assert_eq!(keep, [false, false, false, true]);
        assert_eq!(dropped, 2);
        let (keep, _) = topic_corpus_mask(&refs[1..], &Definitions::default());
        assert_eq!(keep, [true, false, true], "the first of the repeated rows");
        // `topic_corpus` keeps what the mask keeps, the first row with the second's category merged in.
        let c = topic_corpus(
            papers[1..].to_vec(),
            vec![TopicSet::empty(); 3],
            ReadReport::new("t"),
            Definitions::default(),
        );
        assert_eq!(c.papers.len(), 2);
        assert_eq!(c.papers[0].keywords, ["category:Privacy", "category:Security"]);
        assert_eq!(c.duplicates_dropped, 1);
    }

    #[test]
    fn the_corpus_for_analyses_keeps_the_same_papers_without_their_text() {
        let mut papers = [
            paper("papercopilot", "Fair Models", "NeurIPS", ReviewStatus::Accepted),
            paper("papercopilot", "Robot Arms", "ICRA", ReviewStatus::Rejected),
            paper("aiindex", "fair models", "NeurIPS", ReviewStatus::Accepted),
            paper("aiindex", "Other Work", "AAAI", ReviewStatus::Accepted),
        ];
        papers[0].abstract_text = Some("kept only by the full copy".into());
        papers[2].keywords = vec!["category:Fairness & Bias".into()];
        papers[3].status_label = Some("Poster".into());
        let topics: Vec<TopicSet> = (0..4)
            .map(|i| if i == 3 { [Topic::Robotics].into_iter().collect() } else { TopicSet::empty() })
            .collect();
        let refs: Vec<&Paper> = papers.iter().collect();
        let defs = Definitions::default();
        let full = topic_corpus_of(&refs, topics.clone(), ReadReport::new("t"), defs.clone());
        // Keys of a longer list that `refs` begins are fine (only the first keys are read).
        let mut longer = refs.clone();
        longer.push(&papers[0]);
        let keys = crate::corpus::match_keys(&longer);
        let lean = topic_corpus_for_analyses(&refs, &keys, topics, ReadReport::new("t"), defs);
        let ids = |c: &TopicCorpus| c.papers.iter().map(|p| p.paper_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&lean), ["papercopilot:Fair Models", "aiindex:Other Work"]);
        assert_eq!((ids(&lean), &lean.topics, lean.duplicates_dropped), (ids(&full), &full.topics, 1));
        // The full corpus merges the dropped copy's keyword; the lean one carries no text beside the title.
        assert_eq!(full.papers[0].keywords, ["category:Fairness & Bias"]);
        assert!(lean.papers.iter().all(|p| p.keywords.is_empty() && p.abstract_text.is_none()));
        assert_eq!(lean.papers[1].status_label, None);
        // Everything the topic analyses read is the same.
        for (a, b) in lean.papers.iter().zip(full.papers.iter()) {
            assert_eq!(
                (&a.title, a.year, &a.venue, &a.source, a.status),
                (&b.title, b.year, &b.venue, &b.source, b.status)
            );
            assert_eq!((&a.authors, &a.team, &a.team_variants), (&b.authors, &b.team, &b.team_variants));
        }
        assert_eq!(
            topic_papers(&lean, UnknownAuthorPolicy::Drop, team_of),
            topic_papers(&full, UnknownAuthorPolicy::Drop, team_of)
        );
    }

    #[test]
    fn a_corpus_serves_definitions_that_count_the_same_submissions() {
        use cd_domain::definitions::PaperStatusFilter;
        let papers = vec![
            paper("papercopilot", "Robot Arms", "ICRA", ReviewStatus::Accepted),
            paper("papercopilot", "Rejected One", "ICLR", ReviewStatus::Rejected),
        ];
        let topics = vec![TopicSet::empty(); 2];
        let c = topic_corpus(papers.clone(), topics.clone(), ReadReport::new("t"), Definitions::default());
        // Another seed and venue set: the same papers, shared, under the new definitions.
        let other = Definitions { seed: 99, venue_set: VenueSet::MlCore, ..Definitions::default() };
        let shared = c.with_definitions(other.clone()).expect("the same submissions count");
        assert!(std::sync::Arc::ptr_eq(&shared.papers, &c.papers));
        let fresh = topic_corpus(papers.clone(), topics.clone(), ReadReport::new("t"), other.clone());
        assert_eq!(format!("{shared:?}"), format!("{fresh:?}"), "equal to the corpus built for them");
        // Counting every submission keeps the rejected one: not the same corpus.
        let all = Definitions { paper_statuses: PaperStatusFilter::All, ..Definitions::default() };
        assert!(c.with_definitions(all.clone()).is_none());
        assert_eq!(topic_corpus(papers, topics, ReadReport::new("t"), all).papers.len(), 2);
        assert_eq!(c.papers.len(), 1);
    }

    #[test]
    fn venue_sets() {
        let p = |source: &str, venue: &str| paper(source, "t", venue, ReviewStatus::Accepted);
        use VenueSet::*;
        assert!(in_venue_set(&p("aiindex", "AAAI"), All));
        assert!(!in_venue_set(&p("aiindex", "NeurIPS"), CompleteLists));
        assert!(in_venue_set(&p("conference", "NIPS"), CompleteLists));
        for v in ["NeurIPS", "NIPS", "ICML", "ICLR", "neurips2019", "NeurIPS 2021"] {
            assert!(in_venue_set(&p("aiindex", v), MlCore), "{v}");
        }
        for v in ["AAAI", "CVPR", "ICRA", "UAI", "ICMLA", "NIPS Workshop", "2019", "", "Ñeurips"] {
            assert!(!in_venue_set(&p("papercopilot", v), MlCore), "{v}");
        }
        // Letters beyond the stack buffer: the same rule (a long trailing year run, or a long name).
        assert!(in_venue_set(&p("aiindex", &format!("ICLR {}", "2024 ".repeat(20))), MlCore));
        assert!(!in_venue_set(&p("aiindex", &format!("ICLR {} x", "2024 ".repeat(20))), MlCore));
        // Non-ASCII letters are skipped, as the rule always did.
        assert!(in_venue_set(&p("aiindex", "ICML–2021"), MlCore));
    }
}
