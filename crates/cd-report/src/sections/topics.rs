//! The "Topics and compute intensity" section: the change in the academic-only share of papers by topic
//! against the training compute of the topic's models (`cd_analysis::topics::corpus::topic_study`), the
//! shares over time of the most compute-intensive topics, the fits under every unknown-author policy and
//! their sensitivity to which models give the compute intensity.

use crate::figure::{Axis, Figure, Interval, Layer, LegendItem, Panel, Point, Series, Swatch};
use crate::palette;
use crate::scale::AxisKind;
use crate::table::Table;
use crate::{FigureBlock, Section};
use cd_analysis::topics::corpus::{TopicCorpus, TopicStudy};
use cd_analysis::topics::representation::{Counting, Representation, RepresentationFit, ShareRow};
use cd_analysis::topics::{Topic, TAXONOMY_VERSION};
use cd_domain::definitions::NotabilityFilter;
use cd_domain::Definitions;

pub const ID: &str = "topics";
pub const TITLE: &str = "Topics and compute intensity";

/// The section of a corpus and its analyses (`topic_study` of the same corpus).
pub fn section(c: &TopicCorpus, study: &TopicStudy) -> crate::Result<Section> {
    let mut section = representation_section(&study.representation, c)?;
    let sensitivity = intensity_sensitivity(&study.by_intensity_models, &c.defs)?;
    section.paragraphs.push(sensitivity_paragraph(&sensitivity));
    section.tables.push(sensitivity);
    let curve = &study.claim_curve;
    section.paragraphs.push(claim_curve_paragraph(curve));
    let (figure, mut data) = crate::study::speccurve_dashboard(curve);
    data.json = serde_json::to_value(curve)?;
    section.figures.push(FigureBlock {
        figure,
        caption: format!(
            "{} Each dot is one specification's slope (change in the academic-only share per order of \
             magnitude of compute intensity) with its 95% bootstrap interval ({} resamples), sorted; filled \
             dots support the claim (slope < 0). Bottom: the definitions each specification uses.",
            curve.statement, curve.resamples
        ),
        claim: String::new(),
    });
    section.tables.push(data);
    Ok(section)
}

/// The sentence that sums up the topic claim's specification curve.
fn claim_curve_paragraph(c: &cd_analysis::speccurve::ClaimCurve) -> String {
    let median = c.median.map_or("n/a".to_string(), pct_points);
    let range = match (c.min, c.max) {
        (Some(a), Some(b)) => format!("{} to {}", pct_points(a), pct_points(b)),
        _ => "n/a".to_string(),
    };
    format!(
        "Specification curve of the claim \"{}\" (figure speccurve_{}): {} specifications over {}. {} of \
         the {} estimated support it (slope below zero), {} with the whole 95% interval below zero; median \
         slope {median} per order of magnitude (range {range}).",
        c.statement.trim_end_matches('.'),
        c.claim,
        c.n_specs,
        c.dimensions.iter().map(|d| d.replace('_', " ")).collect::<Vec<_>>().join(", "),
        c.n_supporting,
        c.n_estimated,
        c.n_supporting_ci95,
    )
}

/// The main fits (the definitions' unknown-author policy; raw and venue-adjusted, full and fractional)
/// with each topic's compute intensity taken from the models of each notability filter.
fn intensity_sensitivity(
    reps: &[(NotabilityFilter, Representation)],
    defs: &Definitions,
) -> crate::Result<Table> {
    let mut t = Table::new(
        "topics_fits_by_intensity_models",
        "The regression with compute intensity from the models of each notability filter",
        &["intensity_models", "estimate", "counting", "topics", "slope_per_oom", "slope_ci95"],
    );
    let mut json = Vec::new();
    for (filter, rep) in reps {
        let name = serde_json::to_value(filter)?.as_str().unwrap_or("").to_string();
        for (estimate, fits) in [("raw", &rep.fits), ("venue_adjusted", &rep.venue_adjusted_fits)] {
            for f in fits.iter().filter(|f| f.policy == defs.unknown_author_policy) {
                t.push(vec![
                    name.clone(),
                    estimate.to_string(),
                    match f.counting {
                        Counting::Full => "full",
                        Counting::Fractional => "fractional",
                    }
                    .to_string(),
                    f.n_topics.to_string(),
                    f.slope.map_or(String::new(), pct_points),
                    f.slope_ci95
                        .map_or(String::new(), |[a, b]| format!("{} to {}", pct_points(a), pct_points(b))),
                ]);
                json.push(serde_json::json!({
                    "intensity_models": name, "estimate": estimate, "counting": f.counting,
                    "n_topics": f.n_topics, "slope": f.slope, "slope_ci95": f.slope_ci95,
                }));
            }
        }
    }
    t.json = serde_json::Value::Array(json);
    Ok(t)
}

/// The sentence under the sensitivity table: the sign of the main raw slope per notability filter.
fn sensitivity_paragraph(t: &Table) -> String {
    let main: Vec<String> = t
        .rows
        .iter()
        .filter(|r| r[1] == "raw" && r[2] == "full")
        .map(|r| format!("{} models: {} ({})", r[0], r[4], r[5]))
        .collect();
    format!(
        "Which Epoch models measure a topic's compute intensity is itself a disputed choice (table \
         topics_fits_by_intensity_models): raw, full counting, {}. When the slope changes sign with the \
         models used, the data do not settle the claim either way.",
        main.join("; ")
    )
}

/// The table of regression fits (one row per policy and counting); its JSON is the fits themselves.
fn fits_table(name: &str, title: &str, fits: &[RepresentationFit]) -> crate::Result<Table> {
    let mut t = Table::new(
        name,
        title,
        &[
            "unknown_authors",
            "counting",
            "periods",
            "topics",
            "slope_per_oom",
            "slope_ci95",
            "bootstrap_valid",
        ],
    );
    for f in fits {
        t.push(vec![
            f.policy.as_str().to_string(),
            match f.counting {
                Counting::Full => "full",
                Counting::Fractional => "fractional",
            }
            .to_string(),
            format!("{} → {}", f.first_period, f.last_period),
            f.n_topics.to_string(),
            f.slope.map_or(String::new(), pct_points),
            f.slope_ci95.map_or(String::new(), |[a, b]| format!("{} to {}", pct_points(a), pct_points(b))),
            f.bootstrap_valid.to_string(),
        ]);
    }
    t.json = serde_json::to_value(fits)?;
    Ok(t)
}

fn pct_points(v: f64) -> String {
    format!("{:+.1} pp", 100.0 * v)
}

/// The 95% interval of a topic's academic-only share in one period, drawn at `at`; `None` when the interval
/// or the position is undefined.
fn share_interval(r: &ShareRow, at: Option<f64>) -> Option<Interval> {
    let [lo, hi] = r.academic_only_share_ci95?;
    Some(Interval { at: at?, lo, hi })
}

/// A topic's academic-only share in one period as a point at `x`, titled with its counts.
fn share_point(r: &ShareRow, x: f64) -> Point {
    Point {
        x,
        y: r.academic_only_share.unwrap_or(f64::NAN),
        title: format!(
            "{}, {}: {} of {} papers of known team academic-only ({:.1}%)",
            r.topic_label,
            r.period,
            r.academic_only_papers,
            r.papers_known_team,
            100.0 * r.academic_only_share.unwrap_or(f64::NAN)
        ),
    }
}

fn representation_section(rep: &Representation, c: &TopicCorpus) -> crate::Result<Section> {
    let defs = &c.defs;
    let mut section = Section::new(ID, TITLE);
    let main = rep
        .fits
        .iter()
        .find(|f| f.policy == rep.rows_policy && f.counting == Counting::Full)
        .or_else(|| rep.fits.first());
    let with_intensity: Vec<&ShareRow> =
        rep.rows.iter().filter(|r| r.compute_intensity_log10_flop.is_some()).collect();
    let n_topics_intensity = {
        let mut t: Vec<Topic> = with_intensity.iter().map(|r| r.topic).collect();
        t.dedup();
        t.len()
    };
    let last_ai_index_note = "The venue mix changes between periods (Paper Copilot covers NeurIPS to 2021, \
         ICML 2023–24 but not 2020–22, ICLR to 2022; vision, robotics and theory venues throughout; the AI \
         Index files add a responsible-AI selection), so a topic's change can partly be a change of venues: \
         the shares are raw, not venue-adjusted.";

    // Figure 1: change in academic-only share against compute intensity, and the shares themselves. Both
    // panels share the x range of the topics with an intensity, half an order of magnitude around it.
    let (x_lo, x_hi) = with_intensity
        .iter()
        .filter_map(|r| r.compute_intensity_log10_flop)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    let (x_lo, x_hi) =
        if x_lo.is_finite() { ((x_lo - 0.25).floor(), (x_hi + 0.25).ceil()) } else { (18.0, 26.0) };
    let mut fig = Figure::new("topics_intensity", "Academic-only share and compute intensity by topic");
    fig.columns = 2;
    fig.width = 900.0;
    fig.panel_height = 380.0;
    let mut data1 = Table::new(
        "topics_intensity",
        "Topics of the regression: compute intensity, academic-only share in the first and last period",
        &[
            "topic",
            "compute_intensity_log10_flop",
            "first_period",
            "papers_first",
            "share_first",
            "last_period",
            "papers_last",
            "share_last",
            "change",
            "weight",
        ],
    );
    if let Some(fit) = main {
        let mut layers = Vec::new();
        if !fit.band.is_empty() {
            layers.push(Layer::Band {
                series: Series::new("Bootstrap 95% band of the fitted line", palette::GREY),
                points: fit
                    .band
                    .iter()
                    .map(|b| Interval { at: b.compute_intensity_log10_flop, lo: b.lo, hi: b.hi })
                    .collect(),
            });
        }
        if let (Some(slope), Some(intercept)) = (fit.slope, fit.intercept) {
            let xs = fit.points.iter().map(|p| p.compute_intensity_log10_flop);
            let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
            layers.push(Layer::Line {
                series: Series::new("Weighted least-squares fit", palette::BLACK),
                points: vec![(lo, intercept + slope * lo), (hi, intercept + slope * hi)],
                dashed: false,
            });
        }
        layers.push(Layer::HRule { y: 0.0, label: String::new() });
        let max_papers = fit.points.iter().map(|p| p.papers_first + p.papers_last).max().unwrap_or(1) as f64;
        for p in &fit.points {
            let n = p.papers_first + p.papers_last;
            layers.push(Layer::Points {
                series: Series::new("Topic", palette::BLUE),
                points: vec![Point {
                    x: p.compute_intensity_log10_flop,
                    y: p.change,
                    title: format!(
                        "{}: {:.1}% ({}, {} papers) → {:.1}% ({}, {} papers), change {}; median model \
                         10^{:.1} FLOP",
                        p.topic.label(),
                        100.0 * p.share_first,
                        fit.first_period,
                        p.papers_first,
                        100.0 * p.share_last,
                        fit.last_period,
                        p.papers_last,
                        pct_points(p.change),
                        p.compute_intensity_log10_flop
                    ),
                }],
                hollow: false,
                radius: 3.0 + 9.0 * (n as f64 / max_papers).sqrt(),
            });
            data1.push(vec![
                p.topic.id().to_string(),
                format!("{:.3}", p.compute_intensity_log10_flop),
                fit.first_period.clone(),
                p.papers_first.to_string(),
                format!("{:.4}", p.share_first),
                fit.last_period.clone(),
                p.papers_last.to_string(),
                format!("{:.4}", p.share_last),
                format!("{:.4}", p.change),
                format!("{:.3}", p.weight),
            ]);
        }
        let ys = fit.points.iter().map(|p| p.change).chain(fit.band.iter().flat_map(|b| [b.lo, b.hi]));
        let (ylo, yhi) = ys.fold((0.0f64, 0.0f64), |(a, b), y| (a.min(y), b.max(y)));
        let pad = 0.08 * (yhi - ylo).max(0.05);
        fig.panels.push(Panel {
            title: Some(format!("Change {} → {} (regression points)", fit.first_period, fit.last_period)),
            x: Axis::new("Median training compute of the topic's models (FLOP)", AxisKind::Log10)
                .domain(x_lo, x_hi),
            y: Axis::new("Change in academic-only share", AxisKind::Percent).domain(ylo - pad, yhi + pad),
            layers,
        });
    }
    // Panel 2: academic-only share in the first and the last period for every topic with an intensity.
    let periods: Vec<&str> = defs.periods.iter().map(|p| p.label.as_str()).collect();
    let (first_label, last_label) = match main {
        Some(f) => (f.first_period.clone(), f.last_period.clone()),
        None => (
            periods.first().map_or(String::new(), |s| s.to_string()),
            periods.last().map_or(String::new(), |s| s.to_string()),
        ),
    };
    let mut layers2 = Vec::new();
    for (label, color, hollow, dx) in
        [(&first_label, palette::SKY_BLUE, true, -0.02), (&last_label, palette::BLUE, false, 0.02)]
    {
        let rows: Vec<&&ShareRow> =
            with_intensity.iter().filter(|r| &r.period == label && r.academic_only_share.is_some()).collect();
        let series = Series::new(format!("Academic-only share, {label}"), color);
        layers2.push(Layer::ErrorBars {
            series: series.clone(),
            intervals: rows
                .iter()
                .filter_map(|r| share_interval(r, r.compute_intensity_log10_flop.map(|x| x + dx)))
                .collect(),
            horizontal: false,
        });
        layers2.push(Layer::Points {
            series,
            points: rows
                .iter()
                .map(|r| share_point(r, r.compute_intensity_log10_flop.unwrap_or(f64::NAN) + dx))
                .collect(),
            hollow,
            radius: 4.0,
        });
    }
    fig.panels.push(Panel {
        title: Some("Academic-only share, every topic with a compute intensity".into()),
        x: Axis::new("Median training compute of the topic's models (FLOP)", AxisKind::Log10)
            .domain(x_lo, x_hi),
        y: Axis::new("Academic-only share of papers", AxisKind::Percent).domain(0.0, 1.0),
        layers: layers2,
    });
    let claim = "Academic-only teams lost ground where research needs the most compute (Besiroglu et al. \
                 2024): the academic-only share should fall most in the most compute-intensive topics, a \
                 negative slope.";
    let caption = match main {
        Some(f) => format!(
            "Left: the change in the academic-only share of papers of known team between {} and {} for each \
             topic that has a compute intensity and at least {} papers in both periods ({} topics), against \
             the median training compute of the notable Epoch models mapped to the topic; point area grows \
             with the papers; the line is the weighted least-squares fit (weights: inverse variance of the \
             difference) and the band its pointwise 95% bootstrap band over papers. Slope {} per order of \
             magnitude (95% CI {}, unknown authors: {}). Right: the shares themselves with 95% Wilson \
             intervals. Our data: {}",
            f.first_period,
            f.last_period,
            defs.topic_min_papers,
            f.n_topics,
            f.slope.map_or("n/a".into(), pct_points),
            f.slope_ci95.map_or("n/a".into(), |[a, b]| format!("{} to {}", pct_points(a), pct_points(b))),
            f.policy.as_str(),
            match f.slope_ci95 {
                Some([_, b]) if b < 0.0 =>
                    "the slope is negative and its interval excludes zero.".to_string(),
                Some([a, _]) if a > 0.0 => "the slope is positive, against the claim.".to_string(),
                Some(_) => "the interval includes zero: these papers neither confirm nor refute the claim."
                    .to_string(),
                None => "no interval could be computed.".to_string(),
            }
        ),
        None => "No regression could be fitted: too few topics have both a compute intensity and enough \
                 papers in two periods."
            .to_string(),
    };
    let item = |label: String, color: &str, swatch| LegendItem { label, color: color.to_string(), swatch };
    fig.legend = vec![
        item("Topic (area grows with papers of known team)".into(), palette::BLUE, Swatch::Point),
        item("Weighted least-squares fit".into(), palette::BLACK, Swatch::Line),
        item("Bootstrap 95% band of the fit".into(), palette::GREY, Swatch::Band),
        item(format!("Academic-only share, {first_label}"), palette::SKY_BLUE, Swatch::HollowPoint),
        item(format!("Academic-only share, {last_label}"), palette::BLUE, Swatch::Point),
    ];
    section.figures.push(FigureBlock { figure: fig, caption, claim: claim.into() });
    data1.json = serde_json::to_value(main)?;
    section.tables.push(data1);

    // Figure 2: academic-only share by period for the most compute-intensive topics.
    let mut ranked: Vec<(Topic, f64)> = Vec::new();
    for r in &with_intensity {
        if let Some(x) = r.compute_intensity_log10_flop {
            if !ranked.iter().any(|(t, _)| *t == r.topic) {
                ranked.push((r.topic, x));
            }
        }
    }
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.index().cmp(&b.0.index())));
    // The four most compute-intensive topics with at least two periods to compare.
    ranked.retain(|(t, _)| {
        rep.rows.iter().filter(|r| r.topic == *t && r.papers_known_team >= defs.topic_min_papers).count() >= 2
    });
    ranked.truncate(4);
    let colors = [palette::VERMILLION, palette::BLUE, palette::BLUISH_GREEN, palette::REDDISH_PURPLE];
    let mut layers = Vec::new();
    let mut data2 = Table::new(
        "topics_over_time",
        "Academic-only share by period, the most compute-intensive topics",
        &[
            "topic",
            "compute_intensity_log10_flop",
            "period",
            "papers",
            "known_team",
            "academic_only",
            "share",
            "ci95_low",
            "ci95_high",
        ],
    );
    for (k, ((topic, x), color)) in ranked.iter().zip(colors).enumerate() {
        let offset = (k as f64 - 1.5) * 0.08;
        let rows: Vec<(usize, &ShareRow)> = rep
            .rows
            .iter()
            .filter(|r| r.topic == *topic)
            .filter_map(|r| periods.iter().position(|p| *p == r.period).map(|i| (i, r)))
            .collect();
        let series = Series::new(format!("{} (10^{:.1} FLOP)", topic.label(), x), color);
        // Periods with fewer papers of known team than the regression's minimum are left out of the
        // figure (a single paper gives 0% or 100%); the data table keeps them.
        let shown: Vec<&(usize, &ShareRow)> = rows
            .iter()
            .filter(|(_, r)| r.academic_only_share.is_some() && r.papers_known_team >= defs.topic_min_papers)
            .collect();
        layers.push(Layer::ErrorBars {
            series: series.clone(),
            intervals: shown
                .iter()
                .filter_map(|(i, r)| share_interval(r, Some(*i as f64 + offset)))
                .collect(),
            horizontal: false,
        });
        layers.push(Layer::Line {
            series: series.clone(),
            points: shown
                .iter()
                .map(|(i, r)| (*i as f64 + offset, r.academic_only_share.unwrap_or(f64::NAN)))
                .collect(),
            dashed: false,
        });
        layers.push(Layer::Points {
            series,
            points: shown.iter().map(|(i, r)| share_point(r, *i as f64 + offset)).collect(),
            hollow: false,
            radius: 3.5,
        });
        for (_, r) in &rows {
            let [lo, hi] = r.academic_only_share_ci95.map_or([f64::NAN; 2], |v| v);
            data2.push(vec![
                r.topic.id().to_string(),
                format!("{x:.3}"),
                r.period.clone(),
                r.papers.to_string(),
                r.papers_known_team.to_string(),
                r.academic_only_papers.to_string(),
                fmt_opt(r.academic_only_share, 4),
                if lo.is_finite() { format!("{lo:.4}") } else { String::new() },
                if hi.is_finite() { format!("{hi:.4}") } else { String::new() },
            ]);
        }
    }
    let mut fig2 =
        Figure::new("topics_over_time", "Academic-only share over time, most compute-intensive topics");
    fig2.panel_height = 360.0;
    fig2.panels.push(Panel {
        title: None,
        x: Axis::new("Period", AxisKind::Category(periods.iter().map(|p| p.to_string()).collect())),
        y: Axis::new("Academic-only share of papers of known team", AxisKind::Percent).domain(0.0, 1.0),
        layers,
    });
    section.figures.push(FigureBlock {
        figure: fig2,
        caption: format!(
            "Academic-only share of papers of known team by period, with 95% Wilson intervals, for the {} \
             topics whose notable Epoch models need the most training compute (median, in brackets) among \
             those with at least two periods to compare. Points \
             are shifted sideways slightly so that intervals do not overlap. A period needs at least {} papers \
             of known team to be shown (the regression's minimum; the data table lists all). Unknown \
             authors: {}.",
            ranked.len(),
            defs.topic_min_papers,
            rep.rows_policy.as_str()
        ),
        claim: "If academia lost ground where compute matters most, these shares should fall over time."
            .into(),
    });
    data2.json = serde_json::to_value(&rep.rows)?;
    data2.in_html = false; // the figure's data, as files only
    section.tables.push(data2);

    // The fits under every policy and counting, raw and venue-adjusted.
    section.tables.push(fits_table(
        "topics_fits",
        "Change in academic-only share regressed on compute intensity, per unknown-author policy (raw shares)",
        &rep.fits,
    )?);
    section.tables.push(fits_table(
        "topics_fits_venue_adjusted",
        "The same regression on venue-adjusted changes (within-venue changes, venues present in both periods)",
        &rep.venue_adjusted_fits,
    )?);
    let main_of = |fits: &[RepresentationFit]| {
        fits.iter().find(|f| f.policy == rep.rows_policy && f.counting == Counting::Full).cloned()
    };
    if let (Some(raw), Some(adj)) = (main_of(&rep.fits), main_of(&rep.venue_adjusted_fits)) {
        let fmt = |f: &RepresentationFit| {
            format!(
                "{} per order of magnitude ({}; {} topics)",
                f.slope.map_or("undefined".into(), pct_points),
                f.slope_ci95.map_or("no interval".into(), |[a, b]| format!(
                    "95% CI {} to {}",
                    pct_points(a),
                    pct_points(b)
                )),
                f.n_topics
            )
        };
        section.paragraphs.push(format!(
            "Venue mix must not pass for a topic effect (robotics papers come from ICRA and IROS, vision \
             from CVPR ...). Raw: {}. Venue-adjusted (each topic's change is the weighted mean of its \
             changes within venues that have its papers in both periods): {}. The difference, {}, is how \
             much of the raw slope the change of venue mix accounts for.",
            fmt(&raw),
            fmt(&adj),
            match (raw.slope, adj.slope) {
                (Some(a), Some(b)) => pct_points(a - b),
                _ => "undefined".into(),
            }
        ));
    }

    section.paragraphs.push(format!(
        "The study's central claim is that academic-only teams lost ground where research needs the most \
         compute. We test it on {} accepted papers (Paper Copilot's lists of 22 venues, the NeurIPS, ICML \
         and ICLR author list and the AI Index responsible-AI files; {} copies of papers in several \
         sources kept once), with topics assigned by phrase rules \
         (taxonomy {}) and each topic's compute intensity taken from the notable Epoch models mapped to it.",
        c.papers.len(),
        c.duplicates_dropped,
        TAXONOMY_VERSION
    ));
    section.paragraphs.push(format!(
        "Caveats: only {} of {} topics have enough Epoch models with training compute (at least {}) to have \
         an intensity, and only {} of them enter the regression, so the slope rests on a handful of points. \
         {} The bounds over the unknown-author policies (table below) show how much the answer depends on \
         authors whose affiliation we cannot place.",
        n_topics_intensity,
        Topic::ALL.len(),
        defs.topic_min_models,
        main.map_or(0, |f| f.n_topics),
        last_ai_index_note
    ));
    Ok(section)
}

fn fmt_opt(v: Option<f64>, digits: usize) -> String {
    v.map_or(String::new(), |v| format!("{v:.digits$}"))
}
