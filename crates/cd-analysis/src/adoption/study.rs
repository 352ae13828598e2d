//! The analyses of the report's adoption and scrutiny sections (and of the `adoption` and `scrutiny`
//! commands) on papers already classified and the Epoch tables of the catalogue.

use crate::adoption::{
    adoption, build_catalogue, detect_uses, scrutiny, summarise, AdoptionResult, AdoptionSummary, Catalogue,
    MentionTable, ScrutinyResult, Vintage,
};
use crate::lineage::{lineage, LineageRow};
use cd_domain::{ClassifiedModel, Definitions, Paper, TeamKind};

/// One Epoch table of the catalogue: its label (file stem), its models, and whether it is an all-models
/// table (the lineage beside adoption uses the newest of those).
#[derive(Debug, Clone, Copy)]
pub struct CatalogueTable<'a> {
    pub label: &'a str,
    pub models: &'a [ClassifiedModel],
    pub all_models: bool,
}

/// The catalogue of the tables, oldest vintage first (a newer vintage's row wins).
pub fn catalogue_of(tables: &[CatalogueTable]) -> Catalogue {
    let vintages: Vec<Vintage<'_>> =
        tables.iter().map(|t| Vintage { label: t.label, models: t.models }).collect();
    build_catalogue(&vintages)
}

/// Lineage rows of the academic-only models of the newest all-models table (none without one).
pub fn lineage_academic(tables: &[CatalogueTable], defs: &Definitions) -> Vec<LineageRow> {
    tables
        .iter()
        .rev()
        .find(|t| t.all_models)
        .map(|t| {
            lineage(t.models, defs).rows.into_iter().filter(|r| r.team == TeamKind::AcademicOnly).collect()
        })
        .unwrap_or_default()
}

/// The catalogue of `tables` and the model uses detected in `papers` against it: the first step of
/// [`adoption_study`], and the rows of the warehouse's `model_mentions`.
pub fn mentions_of(
    papers: &[Paper],
    tables: &[CatalogueTable],
    defs: &Definitions,
) -> (Catalogue, MentionTable) {
    let catalogue = catalogue_of(tables);
    let mentions = detect_uses(papers, &catalogue, defs);
    (catalogue, mentions)
}

/// Everything the adoption and scrutiny sections show.
#[derive(Debug, Clone)]
pub struct AdoptionStudy {
    pub catalogue: Catalogue,
    pub mentions: MentionTable,
    pub adoption: AdoptionResult,
    pub scrutiny: ScrutinyResult,
    pub summary: AdoptionSummary,
    pub lineage_academic: Vec<LineageRow>,
    /// A year enters the adoption figure's vertical axis only with at least this many academic-only
    /// papers (`Definitions::adoption_min_papers_per_year`).
    pub axis_min_papers: usize,
}

/// Mentions, adoption, scrutiny and their summary for classified `papers` (teams under `defs`) against
/// the catalogue of `tables`.
pub fn adoption_study(papers: &[Paper], tables: &[CatalogueTable], defs: &Definitions) -> AdoptionStudy {
    let (catalogue, mentions) = mentions_of(papers, tables, defs);
    adoption_study_of(papers, tables, defs, catalogue, mentions)
}

/// [`adoption_study`] with its first step given: `catalogue` and `mentions` as [`mentions_of`] gives them
/// for these `papers`, `tables` and `defs` (the mentions' paper teams under `defs`: see
/// `crate::adoption::detect::set_paper_teams`).
pub fn adoption_study_of(
    papers: &[Paper],
    tables: &[CatalogueTable],
    defs: &Definitions,
    catalogue: Catalogue,
    mentions: MentionTable,
) -> AdoptionStudy {
    let adoption = adoption(papers, &mentions, &catalogue, defs);
    let scrutiny = scrutiny(papers, &mentions, &catalogue, defs);
    let summary = summarise(&mentions, &adoption, &scrutiny);
    let lineage_academic = lineage_academic(tables, defs);
    AdoptionStudy {
        catalogue,
        mentions,
        adoption,
        scrutiny,
        summary,
        lineage_academic,
        axis_min_papers: defs.adoption_min_papers_per_year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_takes_the_tables_in_order() {
        let none: Vec<ClassifiedModel> = Vec::new();
        let tables = [
            CatalogueTable { label: "all_ml_systems_2023-12-14", models: &none, all_models: true },
            CatalogueTable { label: "notable_ai_models_2025-12-02", models: &none, all_models: false },
        ];
        let cat = catalogue_of(&tables);
        assert_eq!(cat.vintages, ["all_ml_systems_2023-12-14", "notable_ai_models_2025-12-02"]);
        assert_eq!(cat.epoch_rows, 0);
    }
}
