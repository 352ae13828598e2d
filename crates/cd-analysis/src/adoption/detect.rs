//! Papers → (paper, model) uses: mentions linked to catalogue models, with use types.
//!
//! One [`ModelUse`] per paper and model, however often the model is named. The model's developer team and
//! accessibility come from the catalogue; the paper's team from the paper's classified team (unknown when
//! the paper was not classified). Pure: papers and catalogue in, table out.

use super::catalogue::Catalogue;
use super::mentions::{find_in_paper, Matcher, TextField};
use super::use_types::{classify, MentionSites, UseType};
use cd_domain::definitions::AcademicOnlyRule;
use cd_domain::sector::Leaning;
use cd_domain::{Accessibility, Definitions, Paper, TeamKind};
use rayon::prelude::*;
use serde::Serialize;

/// One paper's use of one model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelUse {
    /// The paper's place in the papers given to [`detect_uses`] (0-based; ids may repeat within a source).
    #[serde(skip)]
    pub paper_index: usize,
    pub paper_id: String,
    pub year: Option<i32>,
    /// Team kind of the paper (after the academic-only rule of the definitions).
    pub paper_team: TeamKind,
    /// Catalogue canonical name.
    pub model: String,
    /// The first mention as written.
    pub matched_text: String,
    /// Fields the model is named in.
    pub fields: Vec<TextField>,
    /// How many times it is named.
    pub mentions: usize,
    pub developer_team: TeamKind,
    pub accessibility: Accessibility,
    pub use_types: Vec<UseType>,
}

/// All uses found in a set of papers, with accounting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionTable {
    pub papers_scanned: usize,
    pub papers_with_mentions: usize,
    /// Name occurrences accepted by the matcher.
    pub raw_mentions: usize,
    /// Occurrences whose canonical model is missing from the catalogue (0 when the catalogue was built from
    /// the same alias table).
    pub unlinked_mentions: usize,
    pub uses: Vec<ModelUse>,
}

/// Team kind of a paper under the definitions' academic-only rule.
pub fn paper_team_kind(paper: &Paper, defs: &Definitions) -> TeamKind {
    match &paper.team {
        None => TeamKind::Unknown,
        Some(t) => match (defs.academic_only, t.kind, t.leaning) {
            (AcademicOnlyRule::Loose, TeamKind::Collaboration, Some(Leaning::Academia)) => {
                TeamKind::AcademicOnly
            }
            (AcademicOnlyRule::Loose, TeamKind::Collaboration, None)
                if t.shares.academia >= defs.academia_leaning_min_share =>
            {
                TeamKind::AcademicOnly
            }
            (_, kind, _) => kind,
        },
    }
}

/// Find, link and type the model uses of every paper.
pub fn detect_uses(papers: &[Paper], catalogue: &Catalogue, defs: &Definitions) -> MentionTable {
    let matcher = Matcher::new();
    let per_paper: Vec<(usize, usize, Vec<ModelUse>)> =
        papers.par_iter().enumerate().map(|(i, p)| uses_of_paper(&matcher, i, p, catalogue, defs)).collect();
    let mut table = MentionTable {
        papers_scanned: papers.len(),
        papers_with_mentions: 0,
        raw_mentions: 0,
        unlinked_mentions: 0,
        uses: Vec::new(),
    };
    for (raw, unlinked, uses) in per_paper {
        table.raw_mentions += raw;
        table.unlinked_mentions += unlinked;
        if !uses.is_empty() {
            table.papers_with_mentions += 1;
        }
        table.uses.extend(uses);
    }
    table
}

/// Set the paper team of every use in `table` (found by [`detect_uses`] in `papers`, under any
/// definitions) to the one under `defs`: the only thing of a use that depends on the definitions, so the
/// table is then what [`detect_uses`] gives under `defs`.
pub fn set_paper_teams(table: &mut MentionTable, papers: &[Paper], defs: &Definitions) {
    for u in &mut table.uses {
        u.paper_team = paper_team_kind(&papers[u.paper_index], defs);
    }
}

fn uses_of_paper(
    matcher: &Matcher,
    paper_index: usize,
    paper: &Paper,
    catalogue: &Catalogue,
    defs: &Definitions,
) -> (usize, usize, Vec<ModelUse>) {
    let found = find_in_paper(matcher, paper);
    let raw = found.len();
    // Models in order of first appearance.
    let mut order: Vec<&'static str> = Vec::new();
    for (_, m) in &found {
        if !order.contains(&m.model) {
            order.push(m.model);
        }
    }
    let abstract_text = paper.abstract_text.as_deref().unwrap_or("");
    let team = paper_team_kind(paper, defs);
    let mut unlinked = 0;
    let mut uses = Vec::new();
    for model in &order {
        let mine: Vec<&(TextField, super::mentions::RawMention)> =
            found.iter().filter(|(_, m)| m.model == *model).collect();
        let Some(entry) = catalogue.get(model) else {
            unlinked += mine.len();
            continue;
        };
        let sites = MentionSites {
            in_title: mine.iter().any(|(f, _)| *f == TextField::Title),
            in_keywords: mine.iter().any(|(f, _)| *f == TextField::Keywords),
            abstract_spans: mine
                .iter()
                .filter(|(f, _)| *f == TextField::Abstract)
                .map(|(_, m)| (m.start, m.end))
                .collect(),
        };
        let use_types: Vec<UseType> = classify(&paper.title, abstract_text, &sites).into_iter().collect();
        let mut fields: Vec<TextField> = mine.iter().map(|(f, _)| *f).collect();
        fields.sort();
        fields.dedup();
        uses.push(ModelUse {
            paper_index,
            paper_id: paper.paper_id.clone(),
            year: paper.year,
            paper_team: team,
            model: model.to_string(),
            matched_text: mine[0].1.matched_text.clone(),
            fields,
            mentions: mine.len(),
            developer_team: entry.developer_team,
            accessibility: entry.accessibility,
            use_types,
        });
    }
    (raw, unlinked, uses)
}
