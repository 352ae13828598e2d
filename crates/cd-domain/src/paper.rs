//! Papers with authors and affiliations, from any source (conference lists, AI Index files, OpenAlex,
//! the generic CSV).

use crate::definitions::{AuthorEvidence, UnknownAuthorPolicy};
use crate::sector::{Leaning, Sector, Team, TeamKind};
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
    /// The author's e-mail domain (`microsoft.com`, `cs.stanford.edu`), lower-case, when the source has
    /// one (Paper Copilot's `aff_domain` / `email` / `authorids`). Evidence of the author's sector beside
    /// the affiliation string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_domain: Option<String>,
    /// The author's position as the source gives it (`PhD student`, `Full Professor`, `Researcher`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
}

impl Authorship {
    /// An author with affiliations only (no domain, no position).
    pub fn new(author: impl Into<String>, affiliations: Vec<Affiliation>) -> Authorship {
        Authorship { author: author.into(), affiliations, email_domain: None, position: None }
    }
}

/// The review outcome of a paper. Sources that list accepted papers only give `Accepted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    #[default]
    Accepted,
    Rejected,
    Withdrawn,
    /// The source gives no status, or one that the documented status table does not know.
    Unknown,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 4] =
        [ReviewStatus::Accepted, ReviewStatus::Rejected, ReviewStatus::Withdrawn, ReviewStatus::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Accepted => "accepted",
            ReviewStatus::Rejected => "rejected",
            ReviewStatus::Withdrawn => "withdrawn",
            ReviewStatus::Unknown => "unknown",
        }
    }
}

/// How the source's per-author evidence lines up with the author list (Paper Copilot; see
/// docs/papercopilot.md). Every other source is `Aligned`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Alignment {
    /// Author i has evidence entry i.
    #[default]
    Aligned,
    /// The affiliation list names the paper's institutions, not who is where: every author carries all
    /// of them.
    PaperLevel,
    /// The evidence describes some of the authors (those with a profile) but not which: the first m
    /// authors carry it, the others have none.
    Partial,
    /// No evidence at all.
    None,
}

impl Alignment {
    pub fn as_str(self) -> &'static str {
        match self {
            Alignment::Aligned => "aligned",
            Alignment::PaperLevel => "paper_level",
            Alignment::Partial => "partial",
            Alignment::None => "none",
        }
    }
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
    /// Which reader produced the paper (`conference`, `aiindex`, `openalex`, `generic`, `papercopilot`).
    #[serde(default)]
    pub source: String,
    /// The review outcome (accepted unless the source lists other submissions too).
    #[serde(default)]
    pub status: ReviewStatus,
    /// The source's own status label (`Poster`, `Oral`, `Reject` ...), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_label: Option<String>,
    /// Citation count when the source has one (Paper Copilot's Google Scholar `gs_citation`, OpenAlex's
    /// `cited_by_count`), as of the scrape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citations: Option<u64>,
    /// How the affiliation evidence lines up with the authors.
    #[serde(default)]
    pub alignment: Alignment,
    /// The topics the source assigned (OpenAlex's topics, primary first); empty for sources without.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_topics: Vec<SourceTopic>,
    /// The paper's team under each author-evidence rule and unknown-author policy, for the specification
    /// curve (filled by the classification layer when asked; empty otherwise; never written out).
    #[serde(skip)]
    pub team_variants: Vec<TeamVariant>,
}

/// A paper's team under one author-evidence rule and one unknown-author policy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TeamVariant {
    pub evidence: AuthorEvidence,
    pub policy: UnknownAuthorPolicy,
    pub kind: TeamKind,
    /// Fractional (CWTS) academic share of the paper under the policy.
    pub academic_share: f64,
    pub leaning: Option<Leaning>,
}

/// A topic a source assigned to a paper (OpenAlex's topic with its subfield and field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceTopic {
    pub name: String,
    /// Empty when the source gives none.
    pub subfield: String,
    pub field: String,
}

impl Paper {
    /// A paper as most readers produce it: accepted, aligned, no citations, no team yet.
    pub fn new(source: &str, paper_id: String, year: Option<i32>, venue: String, title: String) -> Paper {
        Paper {
            paper_id,
            year,
            venue,
            title,
            abstract_text: None,
            keywords: Vec::new(),
            authors: Vec::new(),
            team: None,
            source: source.to_string(),
            status: ReviewStatus::Accepted,
            status_label: None,
            citations: None,
            alignment: Alignment::Aligned,
            source_topics: Vec::new(),
            team_variants: Vec::new(),
        }
    }

    pub fn accepted(&self) -> bool {
        self.status == ReviewStatus::Accepted
    }
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
