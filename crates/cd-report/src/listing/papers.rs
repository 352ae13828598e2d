//! Listings of `papers` and `teams`: the papers with their classified authors (JSON, table, CSV) and the
//! team composition by venue and year.

use super::Listing;
use crate::sections::publications::{composition_cells, AHMED_2023, COMPOSITION_COLUMNS};
use cd_analysis::composition::CompositionTable as Composition;
use cd_domain::definitions::UnknownAuthorPolicy;
use cd_domain::{Affiliation, Paper, ReadReport, Rejection};
use serde::Serialize;

/// A paper as printed in JSON.
#[derive(Serialize)]
pub struct PaperOut<'a, S: Serialize> {
    pub paper_id: &'a str,
    pub source: &'a str,
    pub year: Option<i32>,
    pub venue: &'a str,
    pub title: &'a str,
    pub status: &'static str,
    pub status_label: Option<&'a str>,
    pub accepted: bool,
    pub citations: Option<u64>,
    pub alignment: &'static str,
    pub team: &'static str,
    pub academia_share: f64,
    pub industry_share: f64,
    pub other_share: f64,
    pub unknown_authors: usize,
    pub authors: Vec<AuthorOut<'a, S>>,
}

/// An author with the sector from all the evidence (`S`: sector, sectors, confidence, evidence).
#[derive(Serialize)]
pub struct AuthorOut<'a, S: Serialize> {
    pub author: &'a str,
    #[serde(flatten)]
    pub sector: S,
    pub email_domain: Option<&'a str>,
    pub position: Option<&'a str>,
    pub affiliations: &'a [Affiliation],
}

#[derive(Serialize)]
pub struct PapersJson<'a, S: Serialize> {
    pub rows_read: usize,
    pub rows_loaded: usize,
    pub rows_rejected: usize,
    pub unknown_author_policy: UnknownAuthorPolicy,
    pub rejections: &'a [Rejection],
    pub notes: &'a [String],
    pub papers: Vec<PaperOut<'a, S>>,
}

/// A paper as printed, with its number of authors of unknown sector and each author's sector.
pub fn paper_out<S: Serialize>(
    p: &Paper,
    unknown_authors: usize,
    sector: impl Fn(&cd_domain::Authorship) -> S,
) -> PaperOut<'_, S> {
    let team = p.team.as_ref();
    PaperOut {
        paper_id: &p.paper_id,
        source: &p.source,
        year: p.year,
        venue: &p.venue,
        title: &p.title,
        status: p.status.as_str(),
        status_label: p.status_label.as_deref(),
        accepted: p.accepted(),
        citations: p.citations,
        alignment: p.alignment.as_str(),
        team: team.map_or("unknown", |t| t.kind.as_str()),
        academia_share: team.map_or(0.0, |t| t.shares.academia),
        industry_share: team.map_or(0.0, |t| t.shares.industry),
        other_share: team.map_or(0.0, |t| t.shares.other),
        unknown_authors,
        authors: p
            .authors
            .iter()
            .map(|a| AuthorOut {
                author: &a.author,
                sector: sector(a),
                email_domain: a.email_domain.as_deref(),
                position: a.position.as_deref(),
                affiliations: &a.affiliations,
            })
            .collect(),
    }
}

/// The JSON of `papers`: the read's accounting and every paper.
pub fn papers_json<'a, S: Serialize>(
    r: &'a ReadReport,
    unknown_author_policy: UnknownAuthorPolicy,
    papers: Vec<PaperOut<'a, S>>,
) -> PapersJson<'a, S> {
    PapersJson {
        rows_read: r.rows_read,
        rows_loaded: r.rows_loaded,
        rows_rejected: r.rows_rejected,
        unknown_author_policy,
        rejections: &r.rejections,
        notes: &r.notes,
        papers,
    }
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// One row per paper; `short` cuts affiliations and titles to 60 characters (the table format).
pub fn papers<S: Serialize>(papers: &[PaperOut<S>], short: bool) -> Listing {
    let header = ["paper_id", "year", "venue", "team", "authors", "unknown_authors", "affiliations", "title"];
    Listing::of(&header, papers, |p| {
        let affs: Vec<String> = p
            .authors
            .iter()
            .flat_map(|a| a.affiliations.iter().map(|f| format!("{} [{}]", f.raw, f.sector)))
            .collect();
        let mut affs = affs.join("; ");
        let mut title = p.title.to_string();
        if short {
            affs = shorten(&affs, 60);
            title = shorten(&title, 60);
        }
        vec![
            p.paper_id.to_string(),
            p.year.map_or(String::new(), |y| y.to_string()),
            p.venue.to_string(),
            p.team.to_string(),
            p.authors.len().to_string(),
            p.unknown_authors.to_string(),
            affs,
            title,
        ]
    })
}

/// The JSON of `teams`.
#[derive(Serialize)]
pub struct TeamsJson<'a> {
    pub unknown_author_policy: UnknownAuthorPolicy,
    pub interval: &'a str,
    pub papers_without_year: usize,
    pub rows: &'a [cd_analysis::composition::CompositionRow],
    pub pooled: &'a [cd_analysis::composition::CompositionRow],
}

pub fn teams_json(comp: &Composition, unknown_author_policy: UnknownAuthorPolicy) -> TeamsJson<'_> {
    TeamsJson {
        unknown_author_policy,
        interval: comp.interval,
        papers_without_year: comp.papers_without_year,
        rows: &comp.rows,
        pooled: &comp.pooled,
    }
}

/// The team composition by venue and year, then pooled, in percent.
pub fn teams(comp: &Composition) -> Listing {
    let pct = |v: f64| format!("{:.1}", 100.0 * v);
    let ci = |v: f64, lo: f64, hi: f64| format!("{}% [{}, {}]", pct(v), pct(lo), pct(hi));
    let rows: Vec<_> = comp.rows.iter().chain(comp.pooled.iter()).collect();
    Listing::of(&COMPOSITION_COLUMNS, &rows, |r| {
        composition_cells(r, ci, |lo, hi| format!("{}–{}%", pct(lo), pct(hi)))
    })
}

/// The note under the composition table: what the shares are, beside Ahmed et al. (2023).
pub fn teams_note(comp: &Composition) -> String {
    let [(y0, v0), (y1, v1)] = AHMED_2023;
    format!(
        "Shares of all papers of the venue-year ({}); bounds: unknown authors counted as academic … as \
         industry. Ahmed, Wahed & Thompson (2023): {:.0}% ({y0}) → {:.0}% ({y1}) of papers at leading AI \
         conferences had an industry co-author.",
        comp.interval,
        100.0 * v0,
        100.0 * v1
    )
}
