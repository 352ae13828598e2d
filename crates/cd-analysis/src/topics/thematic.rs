//! Thematic differences between academic-only and industry-involved papers: log-odds ratios with an
//! informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eqs. 16–22), for terms
//! of titles and abstracts and for topics, per period and pooled.
//!
//! For a term w with counts y_a, y_i in the two groups (totals n_a, n_i) and prior α_w = α₀ · y_w / n
//! (y_w, n: pooled counts; α₀ = `defs.thematic_prior_scale`):
//!   δ_w = ln((y_a + α_w) / (n_a + α₀ − y_a − α_w)) − ln((y_i + α_w) / (n_i + α₀ − y_i − α_w)),
//!   σ²(δ_w) ≈ 1 / (y_a + α_w) + 1 / (y_i + α_w),  z_w = δ_w / σ.
//! Positive z: the term is relatively more frequent in academic-only papers. For topics each (paper,
//! topic) assignment is one "token". Tokens: lower-cased ASCII letter/digit runs of at least 3 characters,
//! not all digits, not in a short English stop list. Pure: takes texts, returns tables.

use super::taxonomy::{Topic, TopicSet};
use cd_domain::Definitions;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which side of the comparison a paper is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    AcademicOnly,
    IndustryInvolved,
}

/// One paper for the thematic comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ThematicDoc {
    pub year: i32,
    pub side: Side,
    /// Title and abstract (whatever text the source has).
    pub text: String,
    pub topics: TopicSet,
}

const STOPWORDS: &[&str] = &[
    "about", "above", "across", "after", "again", "against", "all", "also", "although", "among", "and",
    "any", "are", "as", "based", "been", "before", "being", "below", "between", "both", "but", "can",
    "could", "did", "does", "doing", "done", "due", "during", "each", "either", "etc", "even", "few", "for",
    "from", "further", "had", "has", "have", "having", "here", "how", "however", "into", "its", "itself",
    "may", "more", "most", "much", "must", "not", "now", "off", "often", "once", "one", "only", "other",
    "our", "ours", "out", "over", "own", "per", "same", "several", "should", "show", "shows", "since",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "thus", "too", "two", "under", "until", "upon", "use", "used", "uses", "using",
    "very", "via", "was", "well", "were", "what", "when", "where", "whether", "which", "while", "who",
    "whom", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "paper", "propose",
    "proposed", "results", "method", "methods", "approach", "new", "work", "study", "first", "also", "can",
    "we", "it", "is", "in", "to", "of", "on", "by", "be", "or", "an", "at", "this", "a", "i", "e", "g",
];

/// Tokens of a text (see the module docs).
pub fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| t.len() >= 3 && !t.bytes().all(|b| b.is_ascii_digit()))
        .map(|t| t.to_ascii_lowercase())
        .filter(|t| !STOPWORDS.contains(&t.as_str()))
        .collect()
}

/// Log-odds of one term (or topic id).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermScore {
    pub term: String,
    pub count_academic: u64,
    pub count_industry: u64,
    pub log_odds: f64,
    pub z: f64,
}

/// Monroe et al. log-odds with an informative Dirichlet prior for every term present in either group,
/// sorted by z descending (ties by term). `min_count`: terms with fewer pooled occurrences are left out
/// of the output (they still count in the totals).
pub fn log_odds(
    academic: &BTreeMap<String, u64>,
    industry: &BTreeMap<String, u64>,
    prior_scale: f64,
    min_count: u64,
) -> Vec<TermScore> {
    let n_a: u64 = academic.values().sum();
    let n_i: u64 = industry.values().sum();
    let n = (n_a + n_i) as f64;
    if n == 0.0 {
        return vec![];
    }
    let mut terms: Vec<&String> = academic.keys().chain(industry.keys()).collect();
    terms.sort();
    terms.dedup();
    let mut out: Vec<TermScore> = terms
        .into_iter()
        .filter_map(|t| {
            let ya = *academic.get(t).unwrap_or(&0);
            let yi = *industry.get(t).unwrap_or(&0);
            if ya + yi < min_count {
                return None;
            }
            if ya + yi == 0 {
                // Listed for completeness (topics); no evidence either way.
                return Some(TermScore {
                    term: t.clone(),
                    count_academic: 0,
                    count_industry: 0,
                    log_odds: 0.0,
                    z: 0.0,
                });
            }
            let alpha = prior_scale * (ya + yi) as f64 / n;
            let (ya_f, yi_f) = (ya as f64, yi as f64);
            let la = ((ya_f + alpha) / (n_a as f64 + prior_scale - ya_f - alpha)).ln();
            let li = ((yi_f + alpha) / (n_i as f64 + prior_scale - yi_f - alpha)).ln();
            let delta = la - li;
            let var = 1.0 / (ya_f + alpha) + 1.0 / (yi_f + alpha);
            Some(TermScore {
                term: t.clone(),
                count_academic: ya,
                count_industry: yi,
                log_odds: delta,
                z: delta / var.sqrt(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.term.cmp(&b.term)));
    out
}

/// The comparison in one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThematicPeriod {
    pub period: String,
    pub papers_academic_only: usize,
    pub papers_industry_involved: usize,
    /// Terms most typical of academic-only papers (highest z), at most `top_n`.
    pub top_academic: Vec<TermScore>,
    /// Terms most typical of industry-involved papers (lowest z), at most `top_n`, most extreme first.
    pub top_industry: Vec<TermScore>,
    /// Every topic, by z descending.
    pub topics: Vec<TermScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Thematic {
    pub taxonomy_version: &'static str,
    pub prior_scale: f64,
    pub min_count: u64,
    pub periods: Vec<ThematicPeriod>,
}

fn compare(
    label: &str,
    docs: &[&ThematicDoc],
    prior_scale: f64,
    min_count: u64,
    top_n: usize,
) -> ThematicPeriod {
    let mut terms = [BTreeMap::new(), BTreeMap::new()];
    let mut topics = [BTreeMap::new(), BTreeMap::new()];
    let mut papers = [0usize, 0usize];
    for d in docs {
        let s = (d.side == Side::IndustryInvolved) as usize;
        papers[s] += 1;
        for t in tokenize(&d.text) {
            *terms[s].entry(t).or_insert(0u64) += 1;
        }
        for t in d.topics.iter() {
            *topics[s].entry(t.id().to_string()).or_insert(0u64) += 1;
        }
    }
    let scored = log_odds(&terms[0], &terms[1], prior_scale, min_count);
    let top_academic: Vec<TermScore> = scored.iter().filter(|t| t.z > 0.0).take(top_n).cloned().collect();
    let top_industry: Vec<TermScore> =
        scored.iter().rev().filter(|t| t.z < 0.0).take(top_n).cloned().collect();
    // Topics: every topic is listed, with zero counts where absent, so that tables have all twelve.
    for side in topics.iter_mut() {
        for t in Topic::ALL {
            side.entry(t.id().to_string()).or_insert(0);
        }
    }
    ThematicPeriod {
        period: label.to_string(),
        papers_academic_only: papers[0],
        papers_industry_involved: papers[1],
        top_academic,
        top_industry,
        topics: log_odds(&topics[0], &topics[1], prior_scale, 0),
    }
}

/// Analysis 4, per period of `defs.periods` (periods with no papers on either side are skipped) and
/// pooled ("all").
pub fn thematic(docs: &[ThematicDoc], defs: &Definitions, min_count: u64, top_n: usize) -> Thematic {
    let mut periods = Vec::new();
    for p in &defs.periods {
        let sel: Vec<&ThematicDoc> = docs.iter().filter(|d| p.contains(d.year)).collect();
        let both = sel.iter().any(|d| d.side == Side::AcademicOnly)
            && sel.iter().any(|d| d.side == Side::IndustryInvolved);
        if both {
            periods.push(compare(&p.label, &sel, defs.thematic_prior_scale, min_count, top_n));
        }
    }
    let all: Vec<&ThematicDoc> = docs.iter().collect();
    periods.push(compare("all", &all, defs.thematic_prior_scale, min_count, top_n));
    Thematic {
        taxonomy_version: super::TAXONOMY_VERSION,
        prior_scale: defs.thematic_prior_scale,
        min_count,
        periods,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(
            tokenize("We propose GPT-3 scaling in 2020: the Transformer's 12 layers"),
            vec!["gpt", "scaling", "transformer", "layers"]
        );
    }
}
