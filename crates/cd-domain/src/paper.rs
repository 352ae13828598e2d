//! Papers with authors and affiliations, from any source (conference lists, AI Index files, OpenAlex,
//! the generic CSV).

use crate::sector::{Sector, Team};
use serde::{Deserialize, Serialize};

/// One affiliation of one author, with its classified sector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affiliation {
    /// The affiliation as the source gives it (raw string or institution display name).
    pub raw: String,
    pub sector: Sector,
    /// 0..=1; how sure the classifier is.
    pub confidence: f64,
    /// Why the classifier decided so (registry entry, curated list, string rule, source type ...).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Authorship {
    pub author: String,
    /// Empty when the source gives no affiliation (empty, `None`, null): the author's sector is unknown.
    pub affiliations: Vec<Affiliation>,
}

/// One paper. `team` is filled in by the classification layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paper {
    pub paper_id: String,
    pub year: Option<i32>,
    pub venue: String,
    pub title: String,
    pub abstract_text: Option<String>,
    pub keywords: Vec<String>,
    pub authors: Vec<Authorship>,
    pub team: Option<Team>,
}

/// `Affiliation::reason` of an affiliation that no classifier has looked at yet. Readers produce it; the
/// paper classification (cd-classify) replaces it with the classifier's sector, confidence and reason.
pub const UNCLASSIFIED_REASON: &str = "unclassified";

impl Affiliation {
    /// An affiliation as read, before classification: sector unknown, confidence 0.
    pub fn unclassified(raw: impl Into<String>) -> Affiliation {
        Affiliation {
            raw: raw.into(),
            sector: Sector::Unknown,
            confidence: 0.0,
            reason: UNCLASSIFIED_REASON.to_string(),
        }
    }

    /// Whether a classifier still has to decide this affiliation's sector.
    pub fn is_unclassified(&self) -> bool {
        self.reason == UNCLASSIFIED_REASON
    }
}
