//! The analyses behind the report's five paper sections, in four parts ([`PaperPart`]) run together (in
//! parallel; each deterministic) or one at a time (the dashboard's panels):
//! publications and review outcomes from the complete venue lists (Paper Copilot and the conference list,
//! deduplicated by `crate::corpus`), topics from every source (papers in several count once), adoption
//! and scrutiny from the AI Index files with the Epoch tables of the catalogue.
//!
//! A paper's team under a policy and an author's evidence come from the classification layer; the caller
//! passes them in (`cd_classify::paper::paper_team`, `cd_classify::evidence::author_sector`).

use crate::adoption::detect::set_paper_teams;
use crate::adoption::study::{adoption_study_of, mentions_of, AdoptionStudy, CatalogueTable};
use crate::adoption::{Catalogue, MentionTable};
use crate::corpus::DedupReport;
use crate::publications::{publication_study, review_study, PublicationStudy, ReviewStudy};
use crate::topics::corpus::{topic_corpus_for_analyses, topic_study, TeamOf, TopicCorpus, TopicStudy};
use crate::topics::TopicSet;
use cd_domain::definitions::PaperStatusFilter;
use cd_domain::{Authorship, ClassifiedModel, Definitions, Paper, ReadReport};
use std::borrow::Cow;
use std::sync::{Arc, Mutex, OnceLock};

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
    /// What earlier studies of these papers computed that does not depend on the definitions (see
    /// [`PaperCache`]): used and filled when given.
    pub cache: Option<&'a PaperCache>,
    /// What earlier studies of these papers against the same catalogue tables computed (see
    /// [`CatalogueCache`]): used and filled when given.
    pub catalogue_cache: Option<&'a CatalogueCache>,
}

/// What [`paper_study`] computes from the papers alone, or from the papers and a few definitions it keys
/// explicitly, kept for the next study of the same papers under other definitions (the dashboard's paper
/// panels, one classification of the papers and many queries).
///
/// One cache serves one set of [`PaperInputs`] papers (as classified: teams and affiliations included),
/// one `team_of` and one `evidence_of`: give it only to studies of those (whatever their models and
/// catalogue tables).
/// `team_of` must read no definition but `unknown_author_policy` and `academia_leaning_min_share` (as
/// `cd_classify::paper::paper_team`). What it holds:
/// - the deduplication (keep mask and report) of the complete venue lists (a function of the titles,
///   years, venues and sources);
/// - the review outcomes, citations and coverage (functions of the deduplicated papers' teams, statuses,
///   citations and of `evidence_of`), and which of Paper Copilot's papers acceptance by topic counts
///   (their statuses, venues and years); acceptance by topic itself reads topics, models and definitions
///   and is computed per study;
/// - the publications study, by `paper_statuses` and `academia_leaning_min_share` (the only definitions
///   it reads, through [`crate::corpus::counted`] and `team_of`).
///
/// Every value is computed outside any lock and stored when none is there yet (two studies at once may
/// both compute it, and one keeps its value: the same), so that a study waiting on another's value never
/// blocks a thread that work-stealing asked to compute it.
#[derive(Default)]
pub struct PaperCache {
    complete_dedup: OnceLock<(Vec<bool>, DedupReport)>,
    review: OnceLock<ReviewBase>,
    /// Which of Paper Copilot's papers enter the review outcomes (`crate::review::reviewed_mask`).
    papercopilot_reviewed: OnceLock<Vec<bool>>,
    /// Newest first, at most [`CACHE_ENTRIES`].
    publications: Mutex<Vec<(PublicationsKey, PublicationStudy)>>,
}

/// What [`paper_study`] computes from the AI Index papers and the catalogue tables, kept for the next
/// study of the same papers and tables under other definitions: the catalogue and the mentions of the
/// papers in it, by the tables' labels (the mentions' paper teams are set again per study:
/// `crate::adoption::detect::paper_team_kind` reads definitions). One cache serves one set of
/// [`PaperInputs`] papers and one set of classified tables per label list (the catalogue's developer
/// teams come from the tables' classification): give it only to studies of those. Kept as in
/// [`PaperCache`].
#[derive(Default)]
pub struct CatalogueCache {
    /// Newest first, at most [`CACHE_ENTRIES`].
    mentions: Mutex<Vec<(Vec<String>, Mentions)>>,
}

/// The catalogue and the mentions of the AI Index papers in it (`crate::adoption::study::mentions_of`),
/// shared by the studies that take them from a [`CatalogueCache`].
type Mentions = Arc<(Catalogue, MentionTable)>;

/// How many catalogues are kept.
impl std::fmt::Debug for CatalogueCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogueCache")
            .field("mentions", &self.mentions.lock().map_or(0, |v| v.len()))
            .finish()
    }
}

/// Which values are kept (not the values).
impl std::fmt::Debug for PaperCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaperCache")
            .field("complete_dedup", &self.complete_dedup.get().is_some())
            .field("review", &self.review.get().is_some())
            .field("papercopilot_reviewed", &self.papercopilot_reviewed.get().is_some())
            .field("publications", &self.publications.lock().map_or(0, |v| v.len()))
            .finish()
    }
}

/// How many keyed values of each kind a [`PaperCache`] or a [`CatalogueCache`] keeps.
const CACHE_ENTRIES: usize = 4;

/// The definitions the publications study reads: `paper_statuses`, and `academia_leaning_min_share`'s
/// bits (what `team_of` may read beside the policy it is given).
type PublicationsKey = (PaperStatusFilter, u64);

/// The review study but acceptance by topic.
#[derive(Debug, Clone)]
struct ReviewBase {
    acceptance: Vec<crate::review::AcceptanceRow>,
    citations: Vec<crate::review::CitationRow>,
    coverage: Vec<crate::review::CoverageRow>,
}

/// The value of `cell`, computed by `f` and stored when there is none yet (no lock is held while `f`
/// runs: see [`PaperCache`]).
fn cached<T>(cell: Option<&OnceLock<T>>, f: impl FnOnce() -> T) -> Cow<'_, T>
where
    T: Clone,
{
    match cell {
        None => Cow::Owned(f()),
        Some(c) => {
            if c.get().is_none() {
                let v = f();
                let _ = c.set(v);
            }
            Cow::Borrowed(c.get().expect("set above"))
        }
    }
}

/// The value kept in `entries` under `key`, else `f`'s, kept (newest first, at most `bound`; `f` runs
/// outside the lock: two calls at once may both compute a value, and the first stored stays). No
/// entries: `f`'s value, kept nowhere.
pub fn keyed<K: PartialEq, V: Clone>(
    entries: Option<&Mutex<Vec<(K, V)>>>,
    key: K,
    bound: usize,
    f: impl FnOnce() -> V,
) -> V {
    let Some(entries) = entries else { return f() };
    let found = entries.lock().ok().and_then(|v| v.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()));
    if let Some(v) = found {
        return v;
    }
    let v = f();
    if let Ok(mut e) = entries.lock() {
        if !e.iter().any(|(k, _)| *k == key) {
            e.insert(0, (key, v.clone()));
            e.truncate(bound);
        }
    }
    v
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
        cache,
        catalogue_cache,
    } = input;
    let wants = |p: PaperPart| parts.contains(&p);
    let complete: Vec<&Paper> = pc.iter().chain(conf).collect();
    let complete_wanted = wants(PaperPart::Publications) || wants(PaperPart::Review);
    // The corpus built before, when it fits these definitions; else the topics part builds one.
    let reused = built.filter(|_| wants(PaperPart::Topics)).and_then(|c| c.with_definitions(defs.clone()));
    let builds_corpus = wants(PaperPart::Topics) && reused.is_none();
    // Every source, Paper Copilot first: the complete venue lists are its first papers, so the match keys
    // are computed once for both deduplications (publications and review, topics). Not kept: the
    // deduplication of the complete lists is (see `PaperCache`), and a corpus is built once.
    let dedup_kept = cache.is_some_and(|c| c.complete_dedup.get().is_some());
    let needs_keys = builds_corpus || (complete_wanted && !dedup_kept);
    let every: Vec<&Paper> = if builds_corpus {
        complete.iter().copied().chain(ai).collect()
    } else if needs_keys {
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
            let dedup = cached(cache.map(|c| &c.complete_dedup), || {
                // The keys computed above; none were when the deduplication was kept already (then
                // this does not run: a kept value stays), but nothing here relies on that.
                let own;
                let keys = if keys.len() >= complete.len() {
                    &keys[..complete.len()]
                } else {
                    own = crate::corpus::match_keys(&complete);
                    &own[..]
                };
                crate::corpus::deduplicate_refs_keyed(&complete, keys)
            });
            let (keep, dedup) = &*dedup;
            let deduplicated: Vec<&Paper> =
                complete.iter().zip(keep).filter(|(_, k)| **k).map(|(p, _)| *p).collect();
            let review = wants(PaperPart::Review).then(|| {
                // Acceptance by topic and compute intensity (Paper Copilot's venue-years that list
                // rejections).
                let pc_refs: Vec<&Paper> = pc.iter().collect();
                let intensity = crate::topics::intensity::compute_intensity(models, defs);
                let reviewed = cached(cache.map(|c| &c.papercopilot_reviewed), || {
                    crate::review::reviewed_mask(&pc_refs)
                });
                let by_topic = crate::review::acceptance_by_topic_of(
                    &pc_refs,
                    &reviewed,
                    papercopilot_topics,
                    &intensity,
                    defs.topic_min_papers,
                    defs.topic_min_models,
                );
                let base = cached(cache.map(|c| &c.review), || {
                    let ReviewStudy { acceptance, citations, coverage, .. } =
                        review_study(&complete, &deduplicated, Default::default(), evidence_of);
                    ReviewBase { acceptance, citations, coverage }
                });
                let ReviewBase { acceptance, citations, coverage } = base.into_owned();
                ReviewStudy { acceptance, by_topic, citations, coverage }
            });
            let publications = wants(PaperPart::Publications).then(|| {
                let key = (defs.paper_statuses, defs.academia_leaning_min_share.to_bits());
                keyed(cache.map(|c| &c.publications), key, CACHE_ENTRIES, || {
                    let counted: Vec<&Paper> =
                        deduplicated.iter().copied().filter(|p| crate::corpus::counted(p, defs)).collect();
                    publication_study(&counted, dedup.clone(), defs, team_of)
                })
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
                || {
                    wants(PaperPart::Adoption).then(|| {
                        // The catalogue and the mentions, kept by the catalogue's labels; the papers'
                        // teams under these definitions.
                        let labels: Vec<String> = catalogue.iter().map(|t| t.label.to_string()).collect();
                        let found =
                            keyed(catalogue_cache.map(|c| &c.mentions), labels, CACHE_ENTRIES, || {
                                Arc::new(mentions_of(ai, catalogue, defs))
                            });
                        let (cat, mut mentions) = (*found).clone();
                        set_paper_teams(&mut mentions, ai, defs);
                        adoption_study_of(ai, catalogue, defs, cat, mentions)
                    })
                },
            )
        },
    );
    PaperStudy { publications, review, topics, adoption }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_classify::evidence::{author_sector, EvidenceKind};
    use cd_classify::paper::paper_team;
    use cd_domain::definitions::{AcademicOnlyRule, UnknownAuthorPolicy};
    use cd_domain::{Affiliation, ReviewStatus, Sector};

    fn author(sectors: &[Sector]) -> Authorship {
        let aff = |s: &Sector| Affiliation {
            raw: format!("{s:?}"),
            sector: *s,
            confidence: 0.9,
            reason: if *s == Sector::Industry { "domain: x".into() } else { "string rule".into() },
        };
        Authorship::new("A", sectors.iter().map(aff).collect())
    }

    /// A paper of `source` classified under the default definitions: `n` authors of each sector listed in
    /// `team` (an empty list is an unknown author).
    fn paper(
        source: &str,
        i: usize,
        venue: &str,
        status: ReviewStatus,
        team: &[(&[Sector], usize)],
    ) -> Paper {
        let mut p = Paper::new(source, format!("{source}:{i}"), Some(2020 + (i % 2) as i32), venue.into(), {
            // Papers 0 and 1 of every source share their titles (the deduplication drops copies).
            format!("Paper number {}", if i < 2 { i } else { i + 100 * source.len() })
        });
        p.status = status;
        p.citations = Some(i as u64 * 7 % 11);
        p.authors = team.iter().flat_map(|(s, n)| (0..*n).map(|_| author(s))).collect();
        p.team = Some(paper_team(&p, &Definitions::default()));
        p
    }

    fn evidence_of(a: &Authorship) -> usize {
        match author_sector(a).evidence {
            EvidenceKind::String => 0,
            EvidenceKind::Domain => 1,
            EvidenceKind::Position => 2,
            EvidenceKind::None => 3,
        }
    }

    /// The same study with a cache filled under other definitions and without one, for every part the
    /// cache serves, under definitions that change each keyed value and some it does not key.
    #[test]
    fn a_cached_study_equals_a_fresh_one_under_every_definitions() {
        use ReviewStatus::{Accepted, Rejected};
        use Sector::{Academia, Industry};
        let teams: [&[(&[Sector], usize)]; 6] = [
            &[(&[Academia], 2)],
            &[(&[Industry], 1)],
            // A collaboration leaning to academia (0.8): academic-only under the loose rule.
            &[(&[Academia], 4), (&[Industry], 1)],
            // Academic share 0.6, no leaning at 0.71: academic-only under the loose rule from 0.6 down.
            &[(&[Academia], 3), (&[Industry], 2)],
            &[(&[Academia], 1), (&[], 1)],
            &[(&[], 2)],
        ];
        let status = |i: usize| if i % 3 == 2 { Rejected } else { Accepted };
        let pc: Vec<Paper> =
            (0..12).map(|i| paper("papercopilot", i, "ICLR", status(i), teams[i % 6])).collect();
        let conf: Vec<Paper> =
            (0..6).map(|i| paper("conference", i, "ICLR", Accepted, teams[i % 6])).collect();
        let abstracts = [
            "We fine-tune BERT on a new dataset.",
            "We audit GPT-3 for gender bias and find harms.",
            "We fine-tune BERT and evaluate RoBERTa.",
        ];
        let ai: Vec<Paper> = (0..12)
            .map(|i| {
                let mut p = paper("aiindex", i, "FAccT", Accepted, teams[(i + 2) % 6]);
                p.abstract_text = Some(abstracts[i % 3].into());
                p
            })
            .collect();
        let pc_topics = vec![TopicSet::parse_ids("vision").unwrap(); pc.len()];
        let other_topics = vec![TopicSet::empty(); conf.len() + ai.len()];
        let report = ReadReport::default();
        let (cache, catalogue_cache) = (PaperCache::default(), CatalogueCache::default());
        let none: Vec<ClassifiedModel> = Vec::new();
        let table = |label| CatalogueTable { label, models: &none, all_models: true };
        let (one, two) = ([table("epoch")], [table("epoch"), table("epoch-2")]);
        let parts = [PaperPart::Publications, PaperPart::Review, PaperPart::Adoption];
        let study_of = |defs: &Definitions,
                        caches: Option<(&PaperCache, &CatalogueCache)>,
                        catalogue: &[CatalogueTable]| {
            let input = PaperInputs {
                papercopilot: &pc,
                papercopilot_topics: &pc_topics,
                conferences: &conf,
                ai_index: &ai,
                other_topics: &other_topics,
                reports: [&report, &report, &report],
                models_vintage: "none",
                topic_corpus: None,
                cache: caches.map(|c| c.0),
                catalogue_cache: caches.map(|c| c.1),
            };
            let s = paper_study(input, &none, catalogue, defs, paper_team, &evidence_of, &parts);
            [format!("{:?}", s.publications), format!("{:?}", s.review), format!("{:?}", s.adoption)]
        };
        let study = |defs: &Definitions, caches| study_of(defs, caches, &one);
        let caches = Some((&cache, &catalogue_cache));
        let d = Definitions::default;
        let loose = Definitions { academic_only: AcademicOnlyRule::Loose, ..d() };
        let variants = [
            d(),
            Definitions { paper_statuses: PaperStatusFilter::All, ..d() },
            loose.clone(),
            Definitions { academia_leaning_min_share: 0.55, ..loose.clone() },
            Definitions { adoption_top_models: 1, seed: 7, ..d() },
            Definitions { unknown_author_policy: UnknownAuthorPolicy::AsIndustry, ..d() },
            Definitions { topic_min_papers: 1, ..d() },
        ];
        let fresh: Vec<[String; 3]> = variants.iter().map(|v| study(v, None)).collect();
        // The definitions change what the cache keys or sets again per study (else this test shows nothing).
        assert!(fresh[0][0] != fresh[1][0], "the status filter changes the publications");
        assert!(fresh[0][2] != fresh[2][2], "the academic-only rule changes the adoption part");
        assert!(fresh[2][2] != fresh[3][2], "the leaning share changes the adoption part");
        assert!(fresh[0][2] != fresh[4][2], "the number of top models changes the adoption part");
        assert!(fresh[0][2].contains("model: \"BERT\""), "BERT is found");
        assert!(fresh[0][1].contains("by_domain: 1"), "evidence is counted: {}", fresh[0][1]);
        // In order, then again in reverse order: every study from the cache equals the fresh one.
        for i in (0..variants.len()).chain((0..variants.len()).rev()) {
            assert!(study(&variants[i], caches) == fresh[i], "definitions {i}");
        }
        // Other catalogue tables (by their labels): another catalogue, kept beside the first.
        let fresh_two = study_of(&variants[2], None, &two);
        assert!(fresh_two[2] != fresh[2][2], "the catalogue's vintages are in the adoption part");
        assert!(study_of(&variants[2], caches, &two) == fresh_two);
        assert!(study_of(&variants[2], caches, &one) == fresh[2]);
        let kept = format!("{cache:?}");
        assert!(kept.contains("complete_dedup: true") && kept.contains("review: true"), "{kept}");
        // Publications by (status filter, leaning share): (accepted, 0.71), (all, 0.71), (accepted, 0.55).
        assert!(kept.contains("publications: 3"), "{kept}");
        assert_eq!(format!("{catalogue_cache:?}"), "CatalogueCache { mentions: 2 }");
    }
}
