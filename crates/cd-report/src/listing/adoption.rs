//! Listings of `catalogue`, `mentions`, `adoption` and `scrutiny`.

use super::Listing;
use crate::sections::{fmt_opt, fmt_share};
use cd_analysis::adoption::scrutiny::ModelScrutiny;
use cd_analysis::adoption::{
    AdoptionResult, Catalogue, CatalogueModel, ModelUse, ScrutinyResult, ShareEstimate,
};
use cd_domain::{ReadReport, Rejection};
use serde::Serialize;

/// Row accounting of everything read, at the head of the JSON of `catalogue`, `mentions`, `adoption` and
/// `scrutiny`.
#[derive(Debug, Serialize)]
pub struct Accounting {
    /// Paper rows (for `catalogue`: the Epoch tables' rows).
    rows_read: usize,
    rows_loaded: usize,
    rows_rejected: usize,
    rejections: Vec<Rejection>,
    notes: Vec<String>,
    /// Epoch tables read, oldest first, with their rows.
    model_tables: Vec<TableRows>,
    epoch_rows: usize,
    epoch_duplicate_rows: usize,
    epoch_distinct_models: usize,
}

#[derive(Debug, Serialize)]
struct TableRows {
    file: String,
    rows_read: usize,
    rows_loaded: usize,
    rows_rejected: usize,
}

impl Accounting {
    /// `report`: the rows read (papers; for `catalogue` the Epoch tables merged); `tables`: the read
    /// reports of the catalogue's Epoch tables, oldest first.
    pub fn of(report: &ReadReport, tables: &[&ReadReport], cat: &Catalogue) -> Accounting {
        Accounting {
            rows_read: report.rows_read,
            rows_loaded: report.rows_loaded,
            rows_rejected: report.rows_rejected,
            rejections: report.rejections.clone(),
            notes: report.notes.clone(),
            model_tables: tables
                .iter()
                .map(|r| TableRows {
                    file: r.file.clone(),
                    rows_read: r.rows_read,
                    rows_loaded: r.rows_loaded,
                    rows_rejected: r.rows_rejected,
                })
                .collect(),
            epoch_rows: cat.epoch_rows,
            epoch_duplicate_rows: cat.duplicate_rows,
            epoch_distinct_models: cat.distinct_epoch_models,
        }
    }
}

/// Count, share, low and high of a share as plain numbers (empty when undefined), for CSV.
fn share_cols(s: &ShareEstimate) -> [String; 4] {
    let num = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.6}"));
    [s.count.to_string(), num(s.share), num(s.low), num(s.high)]
}

/// The catalogue models, one row each.
pub fn catalogue(models: &[&CatalogueModel]) -> Listing {
    let header = [
        "model",
        "family",
        "developer_team",
        "accessibility",
        "release",
        "compute_flop",
        "frontier",
        "epoch_rows",
        "developer",
        "aliases",
    ];
    Listing::of(&header, models, |m| {
        vec![
            m.canonical.clone(),
            m.family.clone(),
            m.developer_team.as_str().to_string(),
            m.accessibility.as_str().to_string(),
            fmt_opt(m.release_date),
            m.training_compute_flop.map_or_else(String::new, |c| format!("{c:.2e}")),
            m.frontier_flag.to_string(),
            m.epoch_names.len().to_string(),
            m.developer.clone(),
            m.aliases.join("; "),
        ]
    })
}

/// The (paper, model) uses, one row each.
pub fn mentions(uses: &[ModelUse]) -> Listing {
    let header = [
        "paper_id",
        "year",
        "paper_team",
        "model",
        "matched_text",
        "developer_team",
        "accessibility",
        "use_types",
    ];
    Listing::of(&header, uses, |u| {
        vec![
            u.paper_id.clone(),
            fmt_opt(u.year),
            u.paper_team.as_str().to_string(),
            u.model.clone(),
            u.matched_text.clone(),
            u.developer_team.as_str().to_string(),
            u.accessibility.as_str().to_string(),
            u.use_types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(";"),
        ]
    })
}

/// Adoption by year: for CSV numbers only (count, share and 95% interval per measure), else one cell per
/// measure.
pub fn adoption_years(a: &AdoptionResult, csv: bool) -> Listing {
    if csv {
        let mut header = vec!["year".to_string(), "academic_papers".to_string()];
        for m in [
            "builds_on_industry",
            "builds_on_industry_open",
            "builds_on_industry_closed",
            "mentions_industry",
        ] {
            for part in ["count", "share", "low", "high"] {
                header.push(format!("{m}_{part}"));
            }
        }
        let rows = a
            .years
            .iter()
            .map(|y| {
                let mut row = vec![y.year.to_string(), y.academic_papers.to_string()];
                for s in [
                    &y.builds_on_industry,
                    &y.builds_on_industry_open,
                    &y.builds_on_industry_closed,
                    &y.mentions_industry,
                ] {
                    row.extend(share_cols(s));
                }
                row
            })
            .collect();
        return Listing { header, rows };
    }
    let header =
        ["year", "academic_papers", "builds_on_industry", "open_weights", "closed", "mentions_industry"];
    Listing::of(&header, &a.years, |y| {
        vec![
            y.year.to_string(),
            y.academic_papers.to_string(),
            fmt_share(&y.builds_on_industry),
            fmt_share(&y.builds_on_industry_open),
            fmt_share(&y.builds_on_industry_closed),
            fmt_share(&y.mentions_industry),
        ]
    })
}

/// The secondary tables of `adoption`'s table format: the most adopted models per year, and the lag to
/// the first academic use.
pub fn adoption_details(a: &AdoptionResult) -> [Listing; 2] {
    let top = Listing::of(
        &["year", "rank", "model", "developer_team", "accessibility", "academic_papers"],
        &a.top_models,
        |t| {
            vec![
                t.year.to_string(),
                t.rank.to_string(),
                t.model.clone(),
                t.developer_team.as_str().to_string(),
                t.accessibility.as_str().to_string(),
                t.academic_papers.to_string(),
            ]
        },
    );
    let lags = Listing::of(
        &[
            "model",
            "accessibility",
            "released",
            "first_academic_use",
            "lag_years",
            "academic_papers",
            "before_release",
        ],
        &a.lags,
        |l| {
            vec![
                l.model.clone(),
                l.accessibility.as_str().to_string(),
                fmt_opt(l.release_year),
                fmt_opt(l.first_academic_use_year),
                fmt_opt(l.lag_years),
                l.academic_papers.to_string(),
                l.uses_before_release.to_string(),
            ]
        },
    );
    [top, lags]
}

/// One influential model's row: the model, its developer team, accessibility, release year, why it is
/// influential, the papers mentioning it, the scrutiny papers by team (academic-only, industry-only,
/// collaboration, other, unknown), then `academic_share` (its columns as the format shows it), then the
/// first academic scrutiny year and the years to it.
fn scrutiny_model_row(m: &ModelScrutiny, academic_share: impl IntoIterator<Item = String>) -> Vec<String> {
    let c = &m.scrutiny_papers;
    let mut row = vec![
        m.model.clone(),
        m.developer_team.as_str().to_string(),
        m.accessibility.as_str().to_string(),
        fmt_opt(m.release_year),
        m.influential_because.join("+"),
        m.papers_mentioning.to_string(),
    ];
    row.extend(
        [c.academic_only, c.industry_only, c.collaboration, c.other, c.unknown].map(|n| n.to_string()),
    );
    row.extend(academic_share);
    row.push(fmt_opt(m.first_academic_scrutiny_year));
    row.push(fmt_opt(m.years_to_first_academic_scrutiny));
    row
}

/// The influential models, one row each: for CSV numbers only, else the academic share in one cell.
pub fn scrutiny_models(s: &ScrutinyResult, csv: bool) -> Listing {
    if csv {
        let header = [
            "model",
            "developer_team",
            "accessibility",
            "release_year",
            "influential_because",
            "papers_mentioning",
            "academic_only",
            "industry_only",
            "collaboration",
            "other",
            "unknown",
            "academic_count",
            "academic_share",
            "academic_low",
            "academic_high",
            "first_academic_scrutiny_year",
            "years_to_first_academic_scrutiny",
        ];
        return Listing::of(&header, &s.models, |m| scrutiny_model_row(m, share_cols(&m.academic_share)));
    }
    let header = [
        "model",
        "developer_team",
        "accessibility",
        "released",
        "why",
        "mentioning",
        "academic_only",
        "industry_only",
        "collaboration",
        "other",
        "unknown",
        "academic_share",
        "first_academic",
        "years_to_first",
    ];
    Listing::of(&header, &s.models, |m| scrutiny_model_row(m, [fmt_share(&m.academic_share)]))
}

/// The secondary tables of `scrutiny`'s table format: by accessibility class, and the responsible-AI
/// shares by category and year.
pub fn scrutiny_details(s: &ScrutinyResult) -> [Listing; 2] {
    let by_class = Listing::of(
        &[
            "accessibility",
            "models",
            "scrutiny_papers",
            "academic_share",
            "median_years_to_first",
            "never_by_academia",
        ],
        &s.by_accessibility,
        |b| {
            vec![
                format!("{:?}", b.accessibility_class).to_lowercase(),
                b.models.to_string(),
                b.scrutiny_papers.total().to_string(),
                fmt_share(&b.academic_share),
                b.median_years_to_first_academic_scrutiny.map_or_else(String::new, |m| format!("{m:.1}")),
                b.models_without_academic_scrutiny.to_string(),
            ]
        },
    );
    let rai = Listing::of(
        &["category", "year", "papers", "academic_only", "industry_involved"],
        &s.rai_shares,
        |r| {
            vec![
                r.category.clone(),
                r.year.to_string(),
                r.papers.total().to_string(),
                fmt_share(&r.academic_only),
                fmt_share(&r.industry_involved),
            ]
        },
    );
    [by_class, rai]
}
