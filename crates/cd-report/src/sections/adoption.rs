//! The "Adoption" section: academic-only papers that build on industry-developed models, by year and
//! accessibility, the most adopted models, and the lineage of academic-only models
//! (`cd_analysis::adoption::study::adoption_study`).

use crate::figure::{Axis, Figure, Interval, Layer, Panel, Point, Series};
use crate::palette;
use crate::scale::AxisKind;
use crate::table::Table;
use crate::{FigureBlock, Section};
use cd_analysis::adoption::study::AdoptionStudy;
use cd_analysis::adoption::ShareEstimate;
use cd_analysis::lineage::LineageRow;

pub const ID: &str = "adoption";
pub const TITLE: &str = "Adoption: academic research built on industry models";

/// The section of an adoption study.
pub fn section(study: &AdoptionStudy) -> crate::Result<Section> {
    adoption_section(&study.adoption, &study.summary, &study.lineage_academic, study.axis_min_papers)
}

fn share_num(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:.4}"))
}

type Measure = fn(&cd_analysis::adoption::academic_adoption::AdoptionYear) -> &ShareEstimate;

fn adoption_section(
    a: &cd_analysis::adoption::AdoptionResult,
    summary: &cd_analysis::adoption::AdoptionSummary,
    lineage_academic: &[LineageRow],
    axis_min_papers: usize,
) -> crate::Result<Section> {
    let mut section = Section::new(ID, TITLE);
    let measures: [(&str, &str, f64, Measure); 3] = [
        ("Any industry model", palette::ALL_MODELS, 0.0, |y| &y.builds_on_industry),
        ("Open-weights industry model", palette::OPEN, -0.12, |y| &y.builds_on_industry_open),
        ("Closed industry model (API, hosted, unreleased)", palette::CLOSED, 0.12, |y| {
            &y.builds_on_industry_closed
        }),
    ];
    let mut layers = Vec::new();
    let mut data = Table::new(
        "adoption_by_accessibility",
        "Academic-only papers that build on an industry-developed model, by year and accessibility",
        &["year", "academic_papers", "measure", "count", "share", "ci95_low", "ci95_high"],
    );
    for (label, color, offset, get) in measures {
        let series = Series::new(label, color);
        let pts: Vec<(i32, &ShareEstimate)> = a.years.iter().map(|y| (y.year, get(y))).collect();
        layers.push(Layer::ErrorBars {
            series: series.clone(),
            intervals: pts
                .iter()
                .filter_map(|(y, s)| Some(Interval { at: *y as f64 + offset, lo: s.low?, hi: s.high? }))
                .collect(),
            horizontal: false,
        });
        layers.push(Layer::Line {
            series: series.clone(),
            points: pts.iter().filter_map(|(y, s)| Some((*y as f64 + offset, s.share?))).collect(),
            dashed: false,
        });
        layers.push(Layer::Points {
            series,
            points: pts
                .iter()
                .filter_map(|(y, s)| {
                    Some(Point {
                        x: *y as f64 + offset,
                        y: s.share?,
                        title: format!(
                            "{y}, {}: {} of {} academic-only papers ({:.1}%, 95% CI {:.1}–{:.1}%)",
                            label.to_lowercase(),
                            s.count,
                            s.total,
                            100.0 * s.share?,
                            100.0 * s.low?,
                            100.0 * s.high?
                        ),
                    })
                })
                .collect(),
            hollow: false,
            radius: 3.5,
        });
        for (y, s) in &pts {
            data.push(vec![
                y.to_string(),
                s.total.to_string(),
                label.to_string(),
                s.count.to_string(),
                share_num(s.share),
                share_num(s.low),
                share_num(s.high),
            ]);
        }
    }
    // The vertical axis covers the intervals of the years with at least `axis_min_papers` papers; a year
    // with two papers has an interval up to 66% that would flatten everything else (it is clipped, and in
    // the table).
    let max_hi = a
        .years
        .iter()
        .filter(|y| y.academic_papers >= axis_min_papers)
        .filter_map(|y| y.builds_on_industry.high)
        .fold(0.05f64, f64::max);
    let (y0, y1) = a.years.iter().fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y.year), hi.max(y.year)));
    let mut fig =
        Figure::new("adoption_by_accessibility", "Academic-only papers building on industry models");
    fig.panel_height = 340.0;
    let mut x = Axis::new("Publication year", AxisKind::Year);
    if y0 <= y1 {
        x = x.domain(y0 as f64 - 0.5, y1 as f64 + 0.5);
    }
    fig.panels.push(Panel {
        title: None,
        x,
        y: Axis::new("Share of academic-only papers", AxisKind::Percent)
            .domain(0.0, (max_hi * 1.15).min(1.0)),
        layers,
    });
    let few: Vec<String> = a
        .years
        .iter()
        .filter(|y| y.academic_papers < 20)
        .map(|y| format!("{}: {} papers", y.year, y.academic_papers))
        .collect();
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Share of academic-only papers (AI Index responsible-AI files) that fine-tune, prompt, compress \
             or extend at least one industry-developed model named in their title, abstract or keywords, by \
             year, split by the model's accessibility, with 95% Wilson intervals ({} academic-only papers; \
             {} papers of unknown team left out). The vertical axis covers the years with at least 20 \
             papers{}.",
            a.academic_papers,
            a.papers_unknown_team,
            if few.is_empty() {
                String::new()
            } else {
                format!("; intervals of the others ({}) are cut at the top", few.join(", "))
            }
        ),
        claim: "Academic research turned towards open pre-trained models built by industry (Besiroglu et \
                al. 2024)."
            .into(),
    });
    data.json = serde_json::to_value(&a.years)?;
    data.in_html = false; // the figure's data, as files only
    section.tables.push(data);
    section.paragraphs.push("What the data show, and do not show:".into());
    for f in &summary.findings {
        section.paragraphs.push(f.clone());
    }
    for c in &summary.caveats {
        section.paragraphs.push(format!("Caveat: {c}"));
    }
    let with_base: usize = lineage_academic.iter().map(|r| r.n_with_base).sum();
    let industry_base: usize = lineage_academic.iter().map(|r| r.n_base_industry).sum();
    let models: usize = lineage_academic.iter().map(|r| r.n_models).sum();
    section.paragraphs.push(format!(
        "Lineage beside adoption: of {models} academic-only notable Epoch models (newest all-models \
         table), {with_base} name a base model and {industry_base} of those bases were built by industry \
         (the lineage figure of the section on open models; rows by year in the last table below). Papers \
         show what academia uses; lineage shows what it releases."
    ));
    let mut t = Table::new(
        "adoption_top_models",
        "Industry models adopted most by academic-only papers, by year",
        &["year", "rank", "model", "developer_team", "accessibility", "academic_papers"],
    );
    for m in &a.top_models {
        t.push(vec![
            m.year.to_string(),
            m.rank.to_string(),
            m.model.clone(),
            m.developer_team.as_str().to_string(),
            m.accessibility.as_str().to_string(),
            m.academic_papers.to_string(),
        ]);
    }
    t.json = serde_json::to_value(&a.top_models)?;
    section.tables.push(t);
    let mut t = Table::new(
        "adoption_lineage_academic",
        "Academic-only notable models built on a base model, by year (Epoch's Base model field)",
        &["year", "models", "with_base", "base_resolved", "base_industry", "share_industry_base"],
    );
    for r in lineage_academic {
        t.push(vec![
            r.year.to_string(),
            r.n_models.to_string(),
            r.n_with_base.to_string(),
            r.n_base_resolved.to_string(),
            r.n_base_industry.to_string(),
            r.share_industry_base.map_or(String::new(), |v| crate::table::fmt_pct(v, 1)),
        ]);
    }
    t.json = serde_json::to_value(lineage_academic)?;
    section.tables.push(t);
    Ok(section)
}
