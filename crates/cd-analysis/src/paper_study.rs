//! The analyses behind the report's five paper sections, in four parts ([`PaperPart`]) run together (in
//! parallel; each deterministic) or one at a time (the dashboard's panels):
//! publications and review outcomes from the complete venue lists (Paper Copilot and the conference list,
//! deduplicated by `crate::corpus`), topics from every source (papers in several count once), adoption
//! and scrutiny from the AI Index files with the Epoch tables of the catalogue.
//!
//! A paper's team under a policy and an author's evidence come from the classification layer; the caller
//! passes them in (`cd_classify::paper::paper_team`, `cd_classify::evidence::author_sector`).

use crate::adoption::study::{adoption_study, AdoptionStudy, CatalogueTable};
use crate::publications::{publication_study, review_study, PublicationStudy, ReviewStudy};
use crate::topics::corpus::{topic_corpus_for_analyses, topic_study, TeamOf, TopicCorpus, TopicStudy};
use crate::topics::TopicSet;
use cd_domain::{Authorship, ClassifiedModel, Definitions, Paper, ReadReport};

/// The shipped papers, classified, with their topics (aligned) and read reports.
#[derive(Debug, Clone, Copy)]
pub struct PaperInputs<'a> {
    /// Paper Copilot's lists (every status); empty when absent.
    pub papercopilot: &'a [Paper],
    pub papercopilot_topics: &'a [TopicSet],
    pub conferences: &'a [Paper],
    pub ai_index: &'a [Paper],
    /// Topics of the conference papers, then of the AI Index papers.
    pub other_topics: &'a [TopicSet],
    /// Read reports of Paper Copilot, the conference list and the AI Index files.
    pub reports: [&'a ReadReport; 3],
    /// The model table the compute intensities come from (its file stem), named in the topic claim's
    /// specifications.
    pub models_vintage: &'a str,
    /// The topic corpus of these papers and topics built before (under definitions that may differ from
    /// this study's in anything but what the corpus reads; see [`TopicCorpus::with_definitions`]): used
    /// instead of building the corpus again when it fits, else ignored.
    pub topic_corpus: Option<&'a TopicCorpus>,
}

/// A part of the paper analyses: what one or two of the paper sections show. The report runs them all;
/// the dashboard runs the part of the panel asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaperPart {
    /// Team composition by venue and year (the publications section).
    Publications,
    /// The topic test (the topics section).
    Topics,
    /// Review outcomes and citations by team kind (the review section).
    Review,
    /// Which papers use which models, and who examines them (the adoption and scrutiny sections).
    Adoption,
}

impl PaperPart {
    /// Every part, in report order.
    pub const ALL: [PaperPart; 4] =
        [PaperPart::Publications, PaperPart::Topics, PaperPart::Review, PaperPart::Adoption];
}

/// What the paper sections show: each part asked for, `None` for the others.
#[derive(Debug, Clone, Default)]
pub struct PaperStudy {
    pub publications: Option<PublicationStudy>,
    pub review: Option<ReviewStudy>,
    /// The topic corpus (its papers without abstracts and keywords: `topic_corpus_for_analyses`) and the
    /// topic study on it.
    pub topics: Option<(TopicCorpus, TopicStudy)>,
    pub adoption: Option<AdoptionStudy>,
}

/// The analyses of the paper sections' `parts` (each deterministic; run in parallel); `evidence_of`
/// gives the index (0 string, 1 domain, 2 position, 3 none) of the evidence that decided an author's
/// sector. A part's result does not depend on which other parts are asked for.
pub fn paper_study(
    input: PaperInputs,
    models: &[ClassifiedModel],
    catalogue: &[CatalogueTable],
    defs: &Definitions,
    team_of: TeamOf,
    evidence_of: &(dyn Fn(&Authorship) -> usize + Sync),
    parts: &[PaperPart],
) -> PaperStudy {
    let PaperInputs {
        papercopilot: pc,
        papercopilot_topics,
        conferences: conf,
        ai_index: ai,
        other_topics,
        reports,
        models_vintage,
        topic_corpus: built,
    } = input;
    let wants = |p: PaperPart| parts.contains(&p);
    let complete: Vec<&Paper> = pc.iter().chain(conf).collect();
    let complete_wanted = wants(PaperPart::Publications) || wants(PaperPart::Review);
    // The corpus built before, when it fits these definitions; else the topics part builds one.
    let reused = built.filter(|_| wants(PaperPart::Topics)).and_then(|c| c.with_definitions(defs.clone()));
    let builds_corpus = wants(PaperPart::Topics) && reused.is_none();
    // Every source, Paper Copilot first: the complete venue lists are its first papers, so the match keys
    // are computed once for both deduplications (publications and review, topics).
    let every: Vec<&Paper> = if builds_corpus {
        complete.iter().copied().chain(ai).collect()
    } else if complete_wanted {
        complete.clone()
    } else {
        Vec::new()
    };
    let keys = crate::corpus::match_keys(&every);
    let ((publications, review), (topics, adoption)) = rayon::join(
        || {
            if !complete_wanted {
                return (None, None);
            }
            // Deduplicated once: review outcomes see every status, publications the counted ones.
            let (keep, dedup) = crate::corpus::deduplicate_refs_keyed(&complete, &keys[..complete.len()]);
            let deduplicated: Vec<&Paper> =
                complete.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect();
            let review = wants(PaperPart::Review).then(|| {
                // Acceptance by topic and compute intensity (Paper Copilot's venue-years that list
                // rejections).
                let pc_refs: Vec<&Paper> = pc.iter().collect();
                let intensity = crate::topics::intensity::compute_intensity(models, defs);
                let by_topic = crate::review::acceptance_by_topic(
                    &pc_refs,
                    papercopilot_topics,
                    &intensity,
                    defs.topic_min_papers,
                    defs.topic_min_models,
                );
                review_study(&complete, &deduplicated, by_topic, evidence_of)
            });
            let publications = wants(PaperPart::Publications).then(|| {
                let counted: Vec<&Paper> =
                    deduplicated.iter().copied().filter(|p| crate::corpus::counted(p, defs)).collect();
                publication_study(&counted, dedup, defs, team_of)
            });
            (publications, review)
        },
        || {
            rayon::join(
                || {
                    wants(PaperPart::Topics).then(|| {
                        let c = reused.unwrap_or_else(|| {
                            // Only the papers kept are copied, with what the topic analyses read.
                            let topics: Vec<TopicSet> =
                                papercopilot_topics.iter().chain(other_topics).copied().collect();
                            let parts = [reports[0].clone(), reports[1].clone(), reports[2].clone()];
                            topic_corpus_for_analyses(
                                &every,
                                &keys,
                                topics,
                                ReadReport::merge("shipped papers", &parts),
                                defs.clone(),
                            )
                        });
                        let study = topic_study(&c, models, models_vintage, team_of);
                        (c, study)
                    })
                },
                || wants(PaperPart::Adoption).then(|| adoption_study(ai, catalogue, defs)),
            )
        },
    );
    PaperStudy { publications, review, topics, adoption }
}
