//! The publication corpus from several sources: papers seen in several sources count once, and the
//! analyses see the submissions that `Definitions::paper_statuses` asks for.
//!
//! ## Match rule
//! Two papers are the same when their normalised titles (letters and digits only, lower-cased), years and
//! venues are equal. Papers without a title or year never match.
//!
//! ## Source precedence
//! Of a matched group the copy from the source earliest in [`SOURCE_PRECEDENCE`] is kept: Paper Copilot
//! (complete venue lists with e-mail domains, positions and review outcomes), then the 2019 conference
//! list, the AI Index files, OpenAlex and the generic CSV. The kept copy takes the dropped copies'
//! keywords it lacks (the AI Index's responsible-AI categories) and their abstract when it has none.
//! Within one source, the first copy wins (a source listing a paper twice keeps it once).

use cd_domain::definitions::PaperStatusFilter;
use cd_domain::{Definitions, Paper};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Sources in order of precedence when a paper is in several.
pub const SOURCE_PRECEDENCE: [&str; 5] = ["papercopilot", "conference", "aiindex", "openalex", "generic"];

fn rank(source: &str) -> usize {
    SOURCE_PRECEDENCE.iter().position(|s| *s == source).unwrap_or(SOURCE_PRECEDENCE.len())
}

/// The match key of a paper: normalised title, year, venue.
pub fn match_key(p: &Paper) -> Option<MatchKey> {
    // ASCII titles (nearly all) byte by byte: for ASCII, `is_alphanumeric` and `to_lowercase` are the
    // ASCII ones, so the key is the same.
    let title: String = if p.title.is_ascii() {
        p.title
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect()
    } else {
        p.title.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    };
    (!title.is_empty()).then_some(())?;
    Some((title, p.year?, p.venue.to_lowercase()))
}

/// A paper's match key (see [`match_key`]): normalised title, year, lower-cased venue.
pub type MatchKey = (String, i32, String);

/// The match keys of `papers` (aligned), computed in parallel (pure per paper; the collect keeps the
/// order). Callers that deduplicate overlapping lists of papers compute them once and pass the slice of
/// each list ([`deduplicate_refs_keyed`]).
pub fn match_keys(papers: &[&Paper]) -> Vec<Option<MatchKey>> {
    use rayon::prelude::*;
    papers.par_iter().map(|p| match_key(p)).collect()
}

/// What the deduplication ([`deduplicated_clones`], [`deduplicate_refs`]) did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DedupReport {
    pub papers_in: usize,
    pub papers_out: usize,
    /// Dropped copies by (kept source, dropped source), e.g. `papercopilot <- aiindex`.
    pub matches: BTreeMap<String, usize>,
}

/// Which papers to keep (one per match group, by precedence), with the keep mask (aligned with `papers`)
/// and the report: the kept papers for which `also` holds, cloned (the others are not), each with its
/// dropped copies' keywords (those it lacks, in order) and abstract (when it has none) merged in.
pub fn deduplicated_clones(
    papers: &[&Paper],
    also: impl Fn(&Paper) -> bool,
) -> (Vec<Paper>, Vec<bool>, DedupReport) {
    let (keep, groups, mut report) = groups_of(papers, &match_keys(papers));
    report.papers_out = keep.iter().filter(|k| **k).count();
    let mut out = Vec::new();
    for (i, p) in papers.iter().enumerate() {
        if !keep[i] || !also(p) {
            continue;
        }
        let mut kept = (*p).clone();
        for d in groups.get(&i).map_or(&[][..], Vec::as_slice).iter().map(|&d| papers[d]) {
            for k in &d.keywords {
                if !kept.keywords.contains(k) {
                    kept.keywords.push(k.clone());
                }
            }
            if kept.abstract_text.is_none() {
                kept.abstract_text = d.abstract_text.clone();
            }
        }
        out.push(kept);
    }
    (out, keep, report)
}

/// The keep mask and the report of [`deduplicated_clones`], cloning nothing.
pub fn deduplicate_refs(papers: &[&Paper]) -> (Vec<bool>, DedupReport) {
    deduplicate_refs_keyed(papers, &match_keys(papers))
}

/// [`deduplicate_refs`] with the papers' match keys given (`keys` aligned with `papers`, from
/// [`match_keys`] of these papers or of a list they begin).
pub fn deduplicate_refs_keyed(papers: &[&Paper], keys: &[Option<MatchKey>]) -> (Vec<bool>, DedupReport) {
    let (keep, _, mut report) = groups_of(papers, keys);
    report.papers_out = keep.iter().filter(|k| **k).count();
    (keep, report)
}

/// foldhash with a fixed seed: the maps here are only looked up (iteration order never reaches a
/// result), and SipHash was a large part of deduplicating a few hundred thousand papers.
type Fast = foldhash::fast::FixedState;

type Groups = HashMap<usize, Vec<usize>, Fast>;

/// The keep mask, the dropped copies of each kept paper, and the match counts.
fn groups_of(papers: &[&Paper], keys: &[Option<MatchKey>]) -> (Vec<bool>, Groups, DedupReport) {
    let mut groups: Groups = HashMap::default();
    let keys = &keys[..papers.len()];
    // The copy kept of each key: the first of the highest precedence.
    let mut best: HashMap<&MatchKey, usize, Fast> =
        HashMap::with_capacity_and_hasher(keys.len(), Fast::default());
    for (i, k) in keys.iter().enumerate() {
        let Some(k) = k else { continue };
        best.entry(k)
            .and_modify(|j| {
                if rank(&papers[i].source) < rank(&papers[*j].source) {
                    *j = i;
                }
            })
            .or_insert(i);
    }
    let mut keep = vec![true; papers.len()];
    for (i, k) in keys.iter().enumerate() {
        let Some(k) = k else { continue };
        let w = best[k];
        if w != i {
            keep[i] = false;
            groups.entry(w).or_default().push(i);
        }
    }
    let mut report = DedupReport { papers_in: papers.len(), ..Default::default() };
    for (w, dropped) in &groups {
        for &d in dropped {
            let label = format!("{} <- {}", papers[*w].source, papers[d].source);
            *report.matches.entry(label).or_default() += 1;
        }
    }
    (keep, groups, report)
}

/// Fields of the venues, for figures that pool venues (lower-cased venue → field label). Venues not
/// listed are `Other venues`.
pub const VENUE_FIELDS: [(&str, &[&str]); 6] = [
    ("Machine learning (NeurIPS, ICML, ICLR)", &["neurips", "icml", "iclr"]),
    ("Vision (CVPR, ICCV, WACV, 3DV)", &["cvpr", "iccv", "wacv", "3dv", "eccv"]),
    ("Language (ACL, NAACL, COLING, COLM)", &["acl", "naacl", "coling", "colm", "emnlp"]),
    ("Robotics (ICRA, IROS, CoRL, RSS)", &["icra", "iros", "corl", "rss"]),
    ("AI (AAAI, IJCAI)", &["aaai", "ijcai"]),
    (
        "Learning theory and statistics (COLT, AISTATS, UAI, ACML, AutoML)",
        &["colt", "aistats", "uai", "acml", "automl"],
    ),
];

/// The field of a venue (see [`VENUE_FIELDS`]).
pub fn venue_field(venue: &str) -> &'static str {
    let v = venue.to_lowercase();
    VENUE_FIELDS.iter().find(|(_, vs)| vs.contains(&v.as_str())).map_or("Other venues", |(f, _)| f)
}

/// Which of `papers` the publication corpus keeps (aligned with `papers`): the copy [`deduplicate_refs`]
/// keeps, if [`counted`] under `defs`. The one rule behind [`publication_corpus`] and the warehouse's
/// `papers.in_publication_corpus`.
pub fn publication_mask(papers: &[&Paper], defs: &Definitions) -> (Vec<bool>, DedupReport) {
    let (mut keep, report) = deduplicate_refs(papers);
    for (k, p) in keep.iter_mut().zip(papers) {
        *k = *k && counted(p, defs);
    }
    (keep, report)
}

/// Deduplicate (see [`deduplicate_refs`]) and keep the papers [`counted`] under `defs`
/// ([`publication_mask`]).
pub fn publication_corpus<'a>(papers: &[&'a Paper], defs: &Definitions) -> (Vec<&'a Paper>, DedupReport) {
    let (keep, report) = publication_mask(papers, defs);
    let out = papers.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect();
    (out, report)
}

/// Whether the publication analyses count this paper under `defs.paper_statuses`.
pub fn counted(p: &Paper, defs: &Definitions) -> bool {
    match defs.paper_statuses {
        PaperStatusFilter::Accepted => p.accepted(),
        PaperStatusFilter::All => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_keys_of_ascii_and_other_titles() {
        let key = |title: &str, venue: &str| match_key(&paper("conference", title, venue));
        assert_eq!(
            key("Fair  Models, v2!", "NeurIPS"),
            Some(("fairmodelsv2".into(), 2019, "neurips".into()))
        );
        // Beyond ASCII: Unicode letters and digits, lower-cased by Unicode's rules.
        assert_eq!(key("Über-Netze ÅB²", "ÉCCV"), Some(("übernetzeåb²".into(), 2019, "éccv".into())));
        assert_eq!(key("?!", "ICML"), None);
        let mut no_year = paper("conference", "t", "ICML");
        no_year.year = None;
        assert_eq!(match_key(&no_year), None);
    }

    fn paper(source: &str, title: &str, venue: &str) -> Paper {
        Paper::new(source, format!("{source}:{title}"), Some(2019), venue.into(), title.into())
    }

    #[test]
    fn precedence_and_merge() {
        let mut a = paper("aiindex", "Fair Models!", "NeurIPS");
        a.keywords.push("category:Fairness & Bias".into());
        a.abstract_text = Some("abs".into());
        let ps = [
            a,
            paper("conference", "fair models", "NeurIPS"),
            paper("papercopilot", "Fair  Models", "NeurIPS"),
            paper("papercopilot", "Fair Models", "ICML"),
            paper("conference", "", "NeurIPS"),
        ];
        let refs: Vec<&Paper> = ps.iter().collect();
        let (kept, keep, r) = deduplicated_clones(&refs, |_| true);
        assert_eq!(keep, vec![false, false, true, true, true]);
        assert_eq!(r.papers_out, 3);
        assert_eq!(r.matches["papercopilot <- aiindex"], 1);
        assert_eq!(r.matches["papercopilot <- conference"], 1);
        // The first kept paper is ps[2], with its dropped copies' keyword and abstract.
        assert_eq!(kept.len(), 3);
        assert_eq!(kept[0].paper_id, ps[2].paper_id);
        assert_eq!(kept[0].keywords, vec!["category:Fairness & Bias".to_string()]);
        assert_eq!(kept[0].abstract_text.as_deref(), Some("abs"));
        // Keys given: the same mask and report.
        assert_eq!(deduplicate_refs_keyed(&refs, &match_keys(&refs)), (keep.clone(), r.clone()));
        // `also` leaves a kept paper out of the clones, not out of the mask.
        let (kept, keep2, _) = deduplicated_clones(&refs, |p| p.venue == "ICML");
        assert_eq!((kept.len(), keep2), (1, keep));
    }
}
