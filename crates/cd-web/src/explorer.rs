//! The models explorer: the analysed vintage's models under the definitions in force, filtered, as rows
//! (HTML, CSV, JSON) and as a scatter of training compute against date drawn by the report's figure
//! engine (`cd_report::figure`), one colour per team kind (`cd_report::palette`).
//!
//! A model's team kind is `cd_analysis::population::team_kind` (the academic-only rule applied), its team
//! source where the kind came from (`epoch_label`, `derived` or `none`, under `team_source`).

use crate::params::Filters;
use cd_domain::{ClassifiedModel, Definitions, TeamKind};
use cd_report::figure::{Axis, Figure, Layer, LegendItem, Panel, Point, Series, Swatch};
use cd_report::palette::{team_color, team_label};
use cd_report::scale::AxisKind;
use serde::Serialize;

/// One model as the explorer lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ModelRow {
    pub name: String,
    pub organizations: Vec<String>,
    pub date: Option<String>,
    pub decimal_year: Option<f64>,
    pub training_compute_flop: Option<f64>,
    pub team: &'static str,
    /// Where the team came from: `epoch_label`, `derived` or `none`.
    pub team_source: String,
    /// The kind Epoch's label alone gives, and the kind derived from organisation names alone.
    pub team_epoch: Option<&'static str>,
    pub team_derived: Option<&'static str>,
    pub accessibility: &'static str,
    pub domains: Vec<String>,
    pub countries: Vec<String>,
    /// Passes the notability filter in force (the population of the analyses).
    pub notable: bool,
    /// 1-based data row in the Epoch table.
    pub source_row: usize,
}

fn contains_ci(list: &[String], needle: &str) -> bool {
    let n = needle.to_lowercase();
    list.iter().any(|s| s.to_lowercase().contains(&n))
}

/// The rows of `models` that pass `f`, in table order.
pub fn rows(models: &[ClassifiedModel], defs: &Definitions, f: &Filters) -> Vec<ModelRow> {
    models
        .iter()
        .filter_map(|m| {
            let kind = cd_analysis::population::team_kind(m, defs);
            let md = &m.model;
            let year = md.publication_date.map(|d| d.year);
            let keep = f.team.is_none_or(|t| t == kind)
                && f.org.as_deref().is_none_or(|o| contains_ci(&md.organizations, o))
                && f.domain.as_deref().is_none_or(|d| contains_ci(&md.domains, d))
                && f.access.is_none_or(|a| a == md.accessibility)
                && f.country.as_deref().is_none_or(|c| contains_ci(&md.countries, c))
                && f.from.is_none_or(|y| year.is_some_and(|v| v >= y))
                && f.to.is_none_or(|y| year.is_some_and(|v| v <= y))
                && f.min_flop.is_none_or(|v| md.training_compute_flop.is_some_and(|c| c >= v));
            keep.then(|| ModelRow {
                name: md.name.clone(),
                organizations: md.organizations.clone(),
                date: md.publication_date.map(|d| d.to_string()),
                decimal_year: md.decimal_year(),
                training_compute_flop: md.training_compute_flop,
                team: kind.as_str(),
                team_source: serde_json::to_value(m.team.source)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                team_epoch: m.team_epoch.map(TeamKind::as_str),
                team_derived: m.team_derived.map(TeamKind::as_str),
                accessibility: md.accessibility.as_str(),
                domains: md.domains.clone(),
                countries: md.countries.clone(),
                notable: cd_analysis::population::passes_notability(md, defs.notability_filter),
                source_row: md.source_row,
            })
        })
        .collect()
}

/// The CSV columns of the selection.
pub const CSV_COLUMNS: [&str; 13] = [
    "name",
    "organizations",
    "date",
    "training_compute_flop",
    "team",
    "team_source",
    "team_epoch",
    "team_derived",
    "accessibility",
    "domains",
    "countries",
    "notable",
    "source_row",
];

/// The selection as CSV (lists joined with `; `).
pub fn to_csv(rows: &[ModelRow]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_COLUMNS)?;
    for r in rows {
        cd_report::listing::write_safe_record(
            &mut w,
            [
                r.name.clone(),
                r.organizations.join("; "),
                r.date.clone().unwrap_or_default(),
                r.training_compute_flop.map(|v| format!("{v:e}")).unwrap_or_default(),
                r.team.to_string(),
                r.team_source.clone(),
                r.team_epoch.unwrap_or("").to_string(),
                r.team_derived.unwrap_or("").to_string(),
                r.accessibility.to_string(),
                r.domains.join("; "),
                r.countries.join("; "),
                r.notable.to_string(),
                r.source_row.to_string(),
            ],
        )?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The text a point shows on hover or focus: name, organisations, date, FLOP, team and its source.
pub fn point_title(r: &ModelRow) -> String {
    format!(
        "{} | {} | {} | {} FLOP | {} (team from {})",
        r.name,
        if r.organizations.is_empty() {
            "organisation unknown".to_string()
        } else {
            r.organizations.join(", ")
        },
        r.date.as_deref().unwrap_or("date unknown"),
        r.training_compute_flop.map(cd_report::table::fmt_flop).unwrap_or_default(),
        team_label(TeamKind::parse(r.team).unwrap_or(TeamKind::Unknown)),
        r.team_source.replace('_', " ")
    )
}

/// The scatter of the selection's models with a date and a positive compute.
pub fn figure(rows: &[ModelRow]) -> Figure {
    let mut layers = Vec::new();
    for kind in TeamKind::ALL {
        let points: Vec<Point> = rows
            .iter()
            .filter(|r| r.team == kind.as_str())
            .filter_map(|r| {
                let x = r.decimal_year?;
                let c = r.training_compute_flop.filter(|c| *c > 0.0 && c.is_finite())?;
                Some(Point { x, y: c.log10(), title: point_title(r) })
            })
            .collect();
        if !points.is_empty() {
            layers.push(Layer::Points {
                series: Series::new(team_label(kind), team_color(kind)),
                points,
                hollow: false,
                radius: 3.2,
            });
        }
    }
    let mut fig = Figure::new("models_explorer", "Training compute of the selected models, by team kind");
    fig.panel_height = 460.0;
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("Publication date (year)", AxisKind::Year),
        y: Axis::new("Training compute (FLOP, log scale)", AxisKind::Log10),
        layers,
    });
    fig.legend = TeamKind::ALL
        .iter()
        .map(|k| LegendItem {
            label: team_label(*k).to_string(),
            color: team_color(*k).to_string(),
            swatch: Swatch::Point,
        })
        .collect();
    fig
}

/// Make the explorer's points reachable with the keyboard: each `class="mark point"` circle gets
/// `tabindex="0"` (its `<title>` child is its accessible name).
pub fn focusable_points(svg: &str) -> String {
    svg.replace("<circle class=\"mark point\"", "<circle class=\"mark point\" tabindex=\"0\"")
}
