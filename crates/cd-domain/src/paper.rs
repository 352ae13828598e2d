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
