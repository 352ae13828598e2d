//! The "Scrutiny" section: who evaluates, examines and audits the influential models, how long the first
//! academic scrutiny takes by accessibility, and the responsible-AI shares
//! (`cd_analysis::adoption::study::adoption_study`).

use super::{fmt_opt, fmt_share};
use crate::figure::{Axis, Figure, Layer, Panel, Point, Series};
use crate::palette;
use crate::scale::AxisKind;
use crate::table::Table;
use crate::{FigureBlock, Section};
use cd_analysis::adoption::study::AdoptionStudy;
use cd_domain::TeamKind;

pub const ID: &str = "scrutiny";
pub const TITLE: &str = "Scrutiny: who evaluates the influential models";

/// The section of an adoption study.
pub fn section(study: &AdoptionStudy) -> crate::Result<Section> {
    scrutiny_section(&study.scrutiny, &study.summary)
}

/// Team kinds of the dot plot, in legend order (`Unknown` stands for other or unknown).
const DOT_TEAMS: [TeamKind; 4] =
    [TeamKind::AcademicOnly, TeamKind::IndustryOnly, TeamKind::Collaboration, TeamKind::Unknown];

type ModelScrutiny = cd_analysis::adoption::scrutiny::ModelScrutiny;

fn class_name(class: cd_domain::AccessibilityClass) -> &'static str {
    match class {
        cd_domain::AccessibilityClass::Open => "open",
        cd_domain::AccessibilityClass::Closed => "closed",
        cd_domain::AccessibilityClass::Unknown => "unknown",
    }
}

fn scrutiny_section(
    s: &cd_analysis::adoption::ScrutinyResult,
    summary: &cd_analysis::adoption::AdoptionSummary,
) -> crate::Result<Section> {
    let mut section = Section::new(ID, TITLE);
    // Dot plot: one row per model, in the result's order from the top (category 0 is the top row).
    let models: Vec<&ModelScrutiny> = s.models.iter().collect();
    let labels: Vec<String> =
        models.iter().map(|m| format!("{} ({})", m.model, class_name(m.accessibility.class()))).collect();
    let mut layers = Vec::new();
    let mut data = Table::new(
        "scrutiny_models",
        "Papers that evaluate, examine or audit each influential model, by team kind",
        &["model", "accessibility", "release_year", "team", "papers"],
    );
    for (k, team) in DOT_TEAMS.iter().enumerate() {
        let count = |m: &ModelScrutiny| {
            let c = &m.scrutiny_papers;
            match team {
                TeamKind::AcademicOnly => c.academic_only,
                TeamKind::IndustryOnly => c.industry_only,
                TeamKind::Collaboration => c.collaboration,
                _ => c.other + c.unknown,
            }
        };
        let label = if *team == TeamKind::Unknown {
            "Other or unknown team".to_string()
        } else {
            palette::team_label(*team).to_string()
        };
        let offset = (k as f64 - 1.5) * 0.12;
        layers.push(Layer::Points {
            series: Series::new(label.clone(), palette::team_color(*team)),
            points: models
                .iter()
                .enumerate()
                .filter(|(_, m)| count(m) > 0)
                .map(|(i, m)| Point {
                    x: count(m) as f64,
                    y: i as f64 + offset,
                    title: format!("{}: {} scrutinising papers, {}", m.model, count(m), label.to_lowercase()),
                })
                .collect(),
            hollow: false,
            radius: 4.0,
        });
        for m in &s.models {
            data.push(vec![
                m.model.clone(),
                m.accessibility.as_str().to_string(),
                fmt_opt(m.release_year),
                label.clone(),
                count(m).to_string(),
            ]);
        }
    }
    let max_count = s
        .models
        .iter()
        .map(|m| {
            let c = &m.scrutiny_papers;
            [c.academic_only, c.industry_only, c.collaboration, c.other + c.unknown]
                .into_iter()
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0) as f64;
    let mut fig = Figure::new("scrutiny_models", "Who scrutinises each influential model");
    fig.panel_height = (22.0 * models.len() as f64 + 90.0).max(260.0);
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("Papers that evaluate, examine or audit the model", AxisKind::Linear)
            .domain(0.0, max_count + 1.0),
        y: Axis::new("", AxisKind::Category(labels)),
        layers,
    });
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "One row per influential model ({} models: frontier or large-scale in Epoch's data, or among the \
             most mentioned), with its accessibility; each point is the number of AI Index responsible-AI \
             papers by one kind of team that evaluate, examine or audit it (use types from the abstract). A \
             kind of team with no such paper has no point.",
            s.models.len()
        ),
        claim: "Academia's share of the critical evaluation and scrutiny of influential models is at risk \
                (Besiroglu et al. 2024)."
            .into(),
    });
    data.json = serde_json::to_value(&s.models)?;
    data.in_html = false; // the figure's data, as files only
    section.tables.push(data);

    let mut t = Table::new(
        "scrutiny_by_model",
        "Scrutiny of each influential model: papers by team kind, academic-only share, first academic scrutiny",
        &[
            "model",
            "accessibility",
            "released",
            "academic_only",
            "industry_only",
            "collaboration",
            "other_or_unknown",
            "academic_only_share",
            "years_to_first_academic",
        ],
    );
    for m in &s.models {
        let c = &m.scrutiny_papers;
        t.push(vec![
            m.model.clone(),
            m.accessibility.as_str().to_string(),
            fmt_opt(m.release_year),
            c.academic_only.to_string(),
            c.industry_only.to_string(),
            c.collaboration.to_string(),
            (c.other + c.unknown).to_string(),
            fmt_share(&m.academic_share),
            fmt_opt(m.years_to_first_academic_scrutiny),
        ]);
    }
    t.json = serde_json::to_value(&s.models)?;
    section.tables.push(t);

    // Time to first academic scrutiny by accessibility.
    let classes = [
        (cd_domain::AccessibilityClass::Open, "Open weights", palette::OPEN),
        (cd_domain::AccessibilityClass::Closed, "Closed (API, hosted, unreleased)", palette::CLOSED),
    ];
    let mut layers = Vec::new();
    let mut data = Table::new(
        "scrutiny_time_to_first",
        "Years from release to the first academic-only scrutiny, by accessibility",
        &["model", "accessibility", "release_year", "first_academic_scrutiny_year", "years"],
    );
    let mut lanes = Vec::new();
    for (lane, (class, label, color)) in classes.iter().enumerate() {
        lanes.push(label.to_string());
        let ms: Vec<&ModelScrutiny> = s.models.iter().filter(|m| m.accessibility.class() == *class).collect();
        // Models with the same lag are spread vertically so that every one is seen.
        let mut seen: std::collections::BTreeMap<i32, usize> = Default::default();
        let points: Vec<Point> = ms
            .iter()
            .filter_map(|m| Some((m, m.years_to_first_academic_scrutiny?)))
            .map(|(m, y)| {
                let k = seen.entry(y).or_default();
                let dy = (*k as f64) * 0.08 - 0.25;
                *k += 1;
                Point {
                    x: y as f64,
                    y: lane as f64 + dy,
                    title: format!(
                        "{}: released {}, first academic-only scrutiny {} ({} years)",
                        m.model,
                        fmt_opt(m.release_year),
                        fmt_opt(m.first_academic_scrutiny_year),
                        y
                    ),
                }
            })
            .collect();
        layers.push(Layer::Points {
            series: Series::new(*label, *color),
            points,
            hollow: false,
            radius: 3.5,
        });
        if let Some(b) = s.by_accessibility.iter().find(|b| b.accessibility_class == *class) {
            if let Some(med) = b.median_years_to_first_academic_scrutiny {
                layers.push(Layer::Points {
                    series: Series::new("Median of the accessibility class", palette::BLACK),
                    points: vec![Point {
                        x: med,
                        y: lane as f64 + 0.3,
                        title: format!(
                            "{label}: median {med:.1} years over {} models; {} never scrutinised by an \
                             academic-only paper",
                            b.models - b.models_without_academic_scrutiny,
                            b.models_without_academic_scrutiny
                        ),
                    }],
                    hollow: true,
                    radius: 6.0,
                });
            }
        }
        for m in &ms {
            data.push(vec![
                m.model.clone(),
                m.accessibility.as_str().to_string(),
                fmt_opt(m.release_year),
                fmt_opt(m.first_academic_scrutiny_year),
                fmt_opt(m.years_to_first_academic_scrutiny),
            ]);
        }
    }
    let max_years =
        s.models.iter().filter_map(|m| m.years_to_first_academic_scrutiny).max().unwrap_or(1).max(1) as f64;
    let mut fig = Figure::new("scrutiny_time_to_first", "Time from release to the first academic scrutiny");
    fig.panel_height = 240.0;
    fig.panels.push(Panel {
        title: None,
        x: Axis::new(
            "Years from release to the first academic-only paper that scrutinises the model",
            AxisKind::Linear,
        )
        .domain(-0.5, max_years + 0.5),
        y: Axis::new("", AxisKind::Category(lanes)),
        layers,
    });
    let never: Vec<String> = s
        .by_accessibility
        .iter()
        .filter(|b| b.models > 0)
        .map(|b| {
            format!(
                "{} of {} {}",
                b.models_without_academic_scrutiny,
                b.models,
                class_name(b.accessibility_class)
            )
        })
        .collect();
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Whole years from a model's release to the first academic-only paper that evaluates, examines \
             or audits it, one point per influential model, by accessibility; hollow circles are the \
             medians. Models never scrutinised by an academic-only paper in these data have no point ({}). \
             The papers start in 2018, so older models (AlexNet, VGG, ResNet) show long lags by \
             construction.",
            never.join(", ")
        ),
        claim: "If closed models are harder for academia to examine, academic scrutiny of them should come \
                later, or not at all."
            .into(),
    });
    data.json = serde_json::to_value(&s.by_accessibility)?;
    data.in_html = false; // the figure's data, as files only
    section.tables.push(data);
    for f in summary.findings.iter().filter(|f| f.starts_with("Scrutiny")) {
        section.paragraphs.push(f.clone());
    }
    section.paragraphs.push(
        "These counts come from the AI Index responsible-AI papers only (2018\u{2013}2023), from titles and \
         abstracts; they describe who publishes scrutiny at those venues, not all scrutiny of the models. \
         Intervals are 95% Wilson intervals; the caveats of the adoption section apply."
            .into(),
    );
    let mut t = Table::new(
        "scrutiny_rai_shares",
        "Responsible-AI papers of the AI Index: academic-only and industry-involved shares by category and \
         year",
        &["category", "year", "papers", "academic_only", "industry_involved"],
    );
    for r in &s.rai_shares {
        t.push(vec![
            r.category.clone(),
            r.year.to_string(),
            r.papers.total().to_string(),
            fmt_share(&r.academic_only),
            fmt_share(&r.industry_involved),
        ]);
    }
    t.json = serde_json::to_value(&s.rai_shares)?;
    section.tables.push(t);
    Ok(section)
}
