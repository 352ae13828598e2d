//! Figures: a small grammar of panels and layers (points, lines, interval bands, error bars, bars,
//! reference rules), laid out in Rust and rendered to SVG through a minijinja template.
//!
//! The geometry (scales, ticks, legend wrapping, panel grid) is computed here; the markup lives in
//! `templates/figure.svg.j2`. Every plotted data mark (a point or a bar) carries `class="mark"` and the
//! `<svg>` root carries `data-marks="N"` so that a browser test can count what was drawn. Numbers are
//! written with fixed precision, so the same figure always gives the same bytes. This module computes no
//! statistic: intervals, fits and shares arrive already computed.

use crate::scale::{text_width_px, AxisKind, LabelPart, Scale, Tick};
use serde::Serialize;

/// Name and colour of a series; the legend shows one entry per distinct label.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub color: String,
}

impl Series {
    pub fn new(label: impl Into<String>, color: impl Into<String>) -> Series {
        Series { label: label.into(), color: color.into() }
    }
}

/// One plotted point; `title` becomes its hover text.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub title: String,
}

/// A rectangle in data units (a bar), with hover text.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    pub title: String,
}

/// An interval at one position: `at` along the axis the interval is not on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub at: f64,
    pub lo: f64,
    pub hi: f64,
}

/// What a panel draws, back to front in the order given.
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    /// A shaded band between `lo` and `hi` along x (a confidence band around a fit).
    Band {
        series: Series,
        points: Vec<Interval>,
    },
    /// A polyline through the points in order.
    Line {
        series: Series,
        points: Vec<(f64, f64)>,
        dashed: bool,
    },
    /// Interval whiskers: vertical (x = at) or horizontal (y = at).
    ErrorBars {
        series: Series,
        intervals: Vec<Interval>,
        horizontal: bool,
    },
    /// Dots; `hollow` draws an outline only (e.g. a specification that does not support a claim).
    Points {
        series: Series,
        points: Vec<Point>,
        hollow: bool,
        radius: f64,
    },
    Bars {
        series: Series,
        bars: Vec<Bar>,
    },
    /// A labelled horizontal reference line.
    HRule {
        y: f64,
        label: String,
    },
    /// A labelled vertical reference line.
    VRule {
        x: f64,
        label: String,
    },
}

impl Layer {
    fn series(&self) -> Option<&Series> {
        match self {
            Layer::Band { series, .. }
            | Layer::Line { series, .. }
            | Layer::ErrorBars { series, .. }
            | Layer::Points { series, .. }
            | Layer::Bars { series, .. } => Some(series),
            Layer::HRule { .. } | Layer::VRule { .. } => None,
        }
    }
}

/// An axis: label (with units), kind, and an optional fixed domain (else fitted to the data).
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub label: String,
    pub kind: AxisKind,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Axis {
    pub fn new(label: impl Into<String>, kind: AxisKind) -> Axis {
        Axis { label: label.into(), kind, min: None, max: None }
    }
    pub fn domain(mut self, min: f64, max: f64) -> Axis {
        self.min = Some(min);
        self.max = Some(max);
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub title: Option<String>,
    pub x: Axis,
    pub y: Axis,
    pub layers: Vec<Layer>,
}

/// Legend swatch shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Swatch {
    Point,
    HollowPoint,
    Line,
    DashedLine,
    Band,
    Bar,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    pub label: String,
    pub color: String,
    pub swatch: Swatch,
}

/// A figure: one or more panels on a grid, a title and a legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// File stem and element id (`[a-z0-9_]+`), e.g. `compute_divide`.
    pub id: String,
    pub title: String,
    pub panels: Vec<Panel>,
    pub columns: usize,
    pub width: f64,
    pub panel_height: f64,
    /// Explicit legend; when empty, one entry per distinct series label in order of appearance.
    pub legend: Vec<LegendItem>,
    /// Fixed left margin of every panel (pixels from the cell's edge to the plot area), so that panels
    /// stacked in one column share their x positions; `None` fits each panel to its tick labels.
    pub left_margin: Option<f64>,
}

impl Figure {
    pub fn new(id: &str, title: impl Into<String>) -> Figure {
        Figure {
            id: id.to_string(),
            title: title.into(),
            panels: vec![],
            columns: 1,
            width: 820.0,
            panel_height: 420.0,
            legend: vec![],
            left_margin: None,
        }
    }

    /// Number of data marks (points and bars) the figure draws.
    pub fn mark_count(&self) -> usize {
        self.panels
            .iter()
            .flat_map(|p| &p.layers)
            .map(|l| match l {
                Layer::Points { points, .. } => {
                    points.iter().filter(|p| p.x.is_finite() && p.y.is_finite()).count()
                }
                Layer::Bars { bars, .. } => bars.len(),
                _ => 0,
            })
            .sum()
    }

    fn auto_legend(&self) -> Vec<LegendItem> {
        if !self.legend.is_empty() {
            return self.legend.clone();
        }
        let mut out: Vec<LegendItem> = Vec::new();
        for l in self.panels.iter().flat_map(|p| &p.layers) {
            let Some(s) = l.series() else { continue };
            if out.iter().any(|i| i.label == s.label) {
                continue;
            }
            let swatch = match l {
                Layer::Band { .. } => Swatch::Band,
                Layer::Line { dashed: true, .. } => Swatch::DashedLine,
                Layer::Line { .. } => Swatch::Line,
                Layer::Points { hollow: true, .. } => Swatch::HollowPoint,
                Layer::Bars { .. } => Swatch::Bar,
                _ => Swatch::Point,
            };
            out.push(LegendItem { label: s.label.clone(), color: s.color.clone(), swatch });
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------------
// Layout: the scene handed to the template. Coordinates are strings with fixed precision.

const FONT: f64 = 12.0;
const TICK_FONT: f64 = 11.0;

/// Fixed-precision pixel coordinate (one decimal; no "-0.0").
fn n(v: f64) -> String {
    let s = format!("{v:.1}");
    if s == "-0.0" {
        "0.0".to_string()
    } else {
        s
    }
}

#[derive(Serialize)]
struct SText {
    x: String,
    y: String,
    anchor: &'static str,
    parts: Vec<LabelPart>,
}

#[derive(Serialize)]
struct SLine {
    x1: String,
    y1: String,
    x2: String,
    y2: String,
}

#[derive(Serialize)]
struct SPath {
    d: String,
    color: String,
    dashed: bool,
}

#[derive(Serialize)]
struct SCircle {
    cx: String,
    cy: String,
    r: String,
    color: String,
    hollow: bool,
    title: String,
}

#[derive(Serialize)]
struct SRect {
    x: String,
    y: String,
    w: String,
    h: String,
    color: String,
    title: String,
}

#[derive(Serialize)]
struct SWhisker {
    color: String,
    line: SLine,
    cap1: SLine,
    cap2: SLine,
}

#[derive(Serialize)]
struct SRule {
    line: SLine,
    label: SText,
}

#[derive(Serialize)]
struct SPanel {
    clip_id: String,
    title: Option<SText>,
    frame: SRect,
    grid: Vec<SLine>,
    xticks: Vec<SText>,
    yticks: Vec<SText>,
    xtick_marks: Vec<SLine>,
    ytick_marks: Vec<SLine>,
    xlabel: SText,
    ylabel: SText,
    bands: Vec<SPath>,
    lines: Vec<SPath>,
    whiskers: Vec<SWhisker>,
    bars: Vec<SRect>,
    points: Vec<SCircle>,
    rules: Vec<SRule>,
}

#[derive(Serialize)]
struct SLegend {
    x: String,
    y: String,
    label: String,
    color: String,
    swatch: Swatch,
}

#[derive(Serialize)]
struct Scene {
    id: String,
    width: String,
    height: String,
    title: String,
    title_x: String,
    marks: usize,
    legend: Vec<SLegend>,
    panels: Vec<SPanel>,
}

/// Shorten a label with an ellipsis so that it fits `width_px`.
fn fit_text(text: &str, width_px: f64, font_px: f64) -> String {
    if text_width_px(text, font_px) <= width_px {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && text_width_px(&out, font_px) + font_px > width_px {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

fn plain(text: &str) -> Vec<LabelPart> {
    vec![LabelPart { text: text.to_string(), sup: false }]
}

fn text(x: f64, y: f64, anchor: &'static str, parts: Vec<LabelPart>) -> SText {
    SText { x: n(x), y: n(y), anchor, parts }
}

fn seg(x1: f64, y1: f64, x2: f64, y2: f64) -> SLine {
    SLine { x1: n(x1), y1: n(y1), x2: n(x2), y2: n(y2) }
}

/// Data extent of a panel along one axis.
fn extent(panel: &Panel, want_x: bool) -> Option<(f64, f64)> {
    let mut vals: Vec<f64> = Vec::new();
    for l in &panel.layers {
        match l {
            Layer::Band { points, .. } => {
                for p in points {
                    if want_x {
                        vals.push(p.at);
                    } else {
                        vals.extend([p.lo, p.hi]);
                    }
                }
            }
            Layer::Line { points, .. } => vals.extend(points.iter().map(|p| if want_x { p.0 } else { p.1 })),
            Layer::ErrorBars { intervals, horizontal, .. } => {
                for i in intervals {
                    if want_x != *horizontal {
                        vals.push(i.at);
                    } else {
                        vals.extend([i.lo, i.hi]);
                    }
                }
            }
            Layer::Points { points, .. } => {
                vals.extend(points.iter().map(|p| if want_x { p.x } else { p.y }))
            }
            Layer::Bars { bars, .. } => {
                for b in bars {
                    if want_x {
                        vals.extend([b.x0, b.x1]);
                    } else {
                        vals.extend([b.y0, b.y1]);
                    }
                }
            }
            Layer::HRule { y, .. } if !want_x => vals.push(*y),
            Layer::VRule { x, .. } if want_x => vals.push(*x),
            _ => {}
        }
    }
    let vals: Vec<f64> = vals.into_iter().filter(|v| v.is_finite()).collect();
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}

fn domain(axis: &Axis, data: Option<(f64, f64)>) -> (f64, f64) {
    let (lo, hi) = data.unwrap_or((0.0, 1.0));
    let (dlo, dhi) = match axis.kind {
        AxisKind::Category(_) => (0.0, 0.0),
        AxisKind::Percent => (0.0, ((hi * 10.0 + 0.5).ceil() / 10.0).clamp(0.1, 1.0).max(hi)),
        AxisKind::Log10 => ((lo - 0.3).floor(), (hi + 0.3).ceil()),
        AxisKind::Year => {
            let pad = ((hi - lo) * 0.02).max(0.25);
            (lo - pad, hi + pad)
        }
        AxisKind::Linear => crate::scale::nice_domain(lo.min(if lo > 0.0 { 0.0 } else { lo }), hi, 5.0),
    };
    (axis.min.unwrap_or(dlo), axis.max.unwrap_or(dhi))
}

fn layout_panel(
    fig_id: &str,
    index: usize,
    panel: &Panel,
    cell: (f64, f64, f64, f64),
    left_margin: Option<f64>,
) -> SPanel {
    let (cx, cy, cw, ch) = cell;
    let title_h = if panel.title.is_some() { 22.0 } else { 4.0 };
    let top = cy + title_h;
    let bottom = cy + ch - 44.0; // tick labels + axis label
    let (ylo, yhi) = domain(&panel.y, extent(panel, false));
    let mut yscale = Scale::new(panel.y.kind.clone(), ylo, yhi, bottom, top);
    if let AxisKind::Category(_) = panel.y.kind {
        yscale = Scale::new(panel.y.kind.clone(), 0.0, 0.0, top, bottom); // first category at the top
    }
    let yticks = yscale
        .ticks(if matches!(panel.y.kind, AxisKind::Category(_)) { 14.0 } else { 24.0 }, &|_| TICK_FONT * 1.3);
    let ylabel_w = yticks.iter().map(|t| t.width_px(TICK_FONT)).fold(0.0, f64::max);
    let left = cx + left_margin.unwrap_or(22.0 + ylabel_w + 8.0);
    let right = cx + cw - 14.0;
    let (xlo, xhi) = domain(&panel.x, extent(panel, true));
    let xscale = Scale::new(panel.x.kind.clone(), xlo, xhi, left, right);
    let xticks = xscale.ticks(28.0, &|t| t.width_px(TICK_FONT));

    let clip_id = format!("{fig_id}-clip{index}");
    let mut sp = SPanel {
        clip_id,
        title: panel
            .title
            .as_ref()
            .map(|t| text(left, cy + 15.0, "start", plain(&fit_text(t, right - left, FONT)))),
        frame: SRect {
            x: n(left),
            y: n(top),
            w: n(right - left),
            h: n(bottom - top),
            color: String::new(),
            title: String::new(),
        },
        grid: vec![],
        xticks: vec![],
        yticks: vec![],
        xtick_marks: vec![],
        ytick_marks: vec![],
        xlabel: text(
            (left + right) / 2.0,
            bottom + 38.0,
            "middle",
            plain(&fit_text(&panel.x.label, right - left, FONT)),
        ),
        // Beside the tick labels (at the cell's edge unless a fixed margin leaves room).
        ylabel: text(
            (left - ylabel_w - 18.0).max(cx + 12.0),
            (top + bottom) / 2.0,
            "middle",
            plain(&fit_text(&panel.y.label, bottom - top, FONT)),
        ),
        bands: vec![],
        lines: vec![],
        whiskers: vec![],
        bars: vec![],
        points: vec![],
        rules: vec![],
    };
    let is_cat = |k: &AxisKind| matches!(k, AxisKind::Category(_));
    for t in &yticks {
        let y = yscale.px(t.value);
        if !is_cat(&panel.y.kind) {
            sp.grid.push(seg(left, y, right, y));
        }
        sp.ytick_marks.push(seg(left - 4.0, y, left, y));
        sp.yticks.push(text(left - 7.0, y + TICK_FONT * 0.35, "end", t.label.clone()));
    }
    for t in &xticks {
        let x = xscale.px(t.value);
        if !is_cat(&panel.x.kind) {
            sp.grid.push(seg(x, top, x, bottom));
        }
        sp.xtick_marks.push(seg(x, bottom, x, bottom + 4.0));
        sp.xticks.push(text(x, bottom + 17.0, "middle", t.label.clone()));
    }
    let inside_y =
        |v: f64| v.is_finite() && v >= yscale.min.min(yscale.max) && v <= yscale.max.max(yscale.min);
    let inside_x = |v: f64| v.is_finite() && v >= xscale.min && v <= xscale.max;
    for layer in &panel.layers {
        match layer {
            Layer::Band { series, points } => {
                let pts: Vec<&Interval> = points
                    .iter()
                    .filter(|p| p.at.is_finite() && p.lo.is_finite() && p.hi.is_finite())
                    .collect();
                if pts.len() < 2 {
                    continue;
                }
                let mut d = String::new();
                for (i, p) in pts.iter().enumerate() {
                    d.push_str(if i == 0 { "M" } else { "L" });
                    d.push_str(&format!("{},{}", n(xscale.px(p.at)), n(yscale.px(p.hi))));
                }
                for p in pts.iter().rev() {
                    d.push_str(&format!("L{},{}", n(xscale.px(p.at)), n(yscale.px(p.lo))));
                }
                d.push('Z');
                sp.bands.push(SPath { d, color: series.color.clone(), dashed: false });
            }
            Layer::Line { series, points, dashed } => {
                let mut d = String::new();
                let mut pen_down = false;
                for (x, y) in points {
                    if !(x.is_finite() && y.is_finite()) {
                        pen_down = false;
                        continue;
                    }
                    d.push_str(if pen_down { "L" } else { "M" });
                    d.push_str(&format!("{},{}", n(xscale.px(*x)), n(yscale.px(*y))));
                    pen_down = true;
                }
                if !d.is_empty() {
                    sp.lines.push(SPath { d, color: series.color.clone(), dashed: *dashed });
                }
            }
            Layer::ErrorBars { series, intervals, horizontal } => {
                for i in intervals {
                    if !(i.at.is_finite() && i.lo.is_finite() && i.hi.is_finite()) {
                        continue;
                    }
                    let cap = 3.0;
                    let w = if *horizontal {
                        let (y, x1, x2) = (yscale.px(i.at), xscale.px(i.lo), xscale.px(i.hi));
                        SWhisker {
                            color: series.color.clone(),
                            line: seg(x1, y, x2, y),
                            cap1: seg(x1, y - cap, x1, y + cap),
                            cap2: seg(x2, y - cap, x2, y + cap),
                        }
                    } else {
                        let (x, y1, y2) = (xscale.px(i.at), yscale.px(i.lo), yscale.px(i.hi));
                        SWhisker {
                            color: series.color.clone(),
                            line: seg(x, y1, x, y2),
                            cap1: seg(x - cap, y1, x + cap, y1),
                            cap2: seg(x - cap, y2, x + cap, y2),
                        }
                    };
                    sp.whiskers.push(w);
                }
            }
            Layer::Points { series, points, hollow, radius } => {
                for p in points {
                    if !(p.x.is_finite() && p.y.is_finite()) {
                        continue;
                    }
                    // Points outside a fixed domain are pinned to its edge rather than dropped, so
                    // that the mark count always equals the data.
                    let x = xscale.px(p.x.clamp(xscale.min, xscale.max));
                    let (ymin, ymax) = (yscale.min.min(yscale.max), yscale.max.max(yscale.min));
                    let y = yscale.px(p.y.clamp(ymin, ymax));
                    sp.points.push(SCircle {
                        cx: n(x),
                        cy: n(y),
                        r: n(*radius),
                        color: series.color.clone(),
                        hollow: *hollow,
                        title: p.title.clone(),
                    });
                }
            }
            Layer::Bars { series, bars } => {
                for b in bars {
                    let (x0, x1) = (xscale.px(b.x0), xscale.px(b.x1));
                    let (y0, y1) = (yscale.px(b.y0), yscale.px(b.y1));
                    sp.bars.push(SRect {
                        x: n(x0.min(x1)),
                        y: n(y0.min(y1)),
                        w: n((x1 - x0).abs()),
                        h: n((y1 - y0).abs()),
                        color: series.color.clone(),
                        title: b.title.clone(),
                    });
                }
            }
            Layer::HRule { y, label } if inside_y(*y) => {
                let py = yscale.px(*y);
                sp.rules.push(SRule {
                    line: seg(left, py, right, py),
                    label: text(right - 4.0, py - 4.0, "end", plain(label)),
                });
            }
            Layer::VRule { x, label } if inside_x(*x) => {
                let px = xscale.px(*x);
                sp.rules.push(SRule {
                    line: seg(px, top, px, bottom),
                    label: text(px + 4.0, top + 12.0, "start", plain(label)),
                });
            }
            _ => {}
        }
    }
    sp
}

const TEMPLATE: &str = include_str!("../templates/figure.svg.j2");

/// Render a figure to a standalone SVG document (no XML prolog, so it can also be inlined in HTML).
pub fn render_svg(fig: &Figure) -> crate::Result<String> {
    let width = fig.width;
    // Legend: entries left to right, wrapped to new rows; widths estimated from the label text.
    let mut legend = Vec::new();
    let (mut lx, mut ly) = (16.0, 48.0);
    for item in fig.auto_legend() {
        let w = 22.0 + text_width_px(&item.label, FONT) + 18.0;
        if lx + w > width - 8.0 && lx > 16.0 {
            lx = 16.0;
            ly += 20.0;
        }
        legend.push(SLegend {
            x: n(lx),
            y: n(ly),
            label: item.label,
            color: item.color,
            swatch: item.swatch,
        });
        lx += w;
    }
    let legend_bottom = if legend.is_empty() { 34.0 } else { ly + 14.0 };
    let columns = fig.columns.max(1);
    let rows = fig.panels.len().div_ceil(columns);
    let cell_w = (width - 8.0) / columns as f64;
    let panels: Vec<SPanel> = fig
        .panels
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (r, c) = (i / columns, i % columns);
            let cell = (
                4.0 + c as f64 * cell_w,
                legend_bottom + r as f64 * fig.panel_height,
                cell_w,
                fig.panel_height,
            );
            layout_panel(&fig.id, i, p, cell, fig.left_margin)
        })
        .collect();
    let height = legend_bottom + rows as f64 * fig.panel_height + 6.0;
    let scene = Scene {
        id: fig.id.clone(),
        width: n(width),
        height: n(height),
        title: fig.title.clone(),
        title_x: n(16.0),
        marks: panels.iter().map(|p| p.points.len() + p.bars.len()).sum(),
        legend,
        panels,
    };
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_template("figure.svg", TEMPLATE)?;
    let out = env.get_template("figure.svg")?.render(minijinja::context! { s => scene })?;
    Ok(out)
}

/// Tick labels of an axis as plain strings (`10^23` for superscripts), for tests and captions.
pub fn tick_texts(ticks: &[Tick]) -> Vec<String> {
    ticks
        .iter()
        .map(|t| {
            t.label.iter().map(|p| if p.sup { format!("^{}", p.text) } else { p.text.clone() }).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scatter() -> Figure {
        let mut f = Figure::new("test_scatter", "Training compute & date");
        let ind = Series::new("Industry-only", "#D55E00");
        let aca = Series::new("Academic-only", "#0072B2");
        f.panels.push(Panel {
            title: None,
            x: Axis::new("Publication date (year)", AxisKind::Year),
            y: Axis::new("Training compute (FLOP)", AxisKind::Log10),
            layers: vec![
                Layer::Band {
                    series: ind.clone(),
                    points: vec![
                        Interval { at: 2012.0, lo: 17.0, hi: 18.0 },
                        Interval { at: 2022.0, lo: 23.0, hi: 24.5 },
                    ],
                },
                Layer::Line {
                    series: ind.clone(),
                    points: vec![(2012.0, 17.5), (2022.0, 23.7)],
                    dashed: false,
                },
                Layer::Points {
                    series: ind,
                    points: vec![
                        Point { x: 2012.5, y: 17.2, title: "A<b>".into() },
                        Point { x: 2021.0, y: 23.1, title: "B".into() },
                    ],
                    hollow: false,
                    radius: 3.0,
                },
                Layer::Points {
                    series: aca,
                    points: vec![Point { x: 2015.0, y: 19.0, title: "C".into() }],
                    hollow: true,
                    radius: 3.0,
                },
                Layer::HRule { y: 23.0, label: "10^23 FLOP".into() },
            ],
        });
        f
    }

    #[test]
    fn svg_counts_marks_escapes_text_and_labels_powers() {
        let f = scatter();
        assert_eq!(f.mark_count(), 3);
        let svg = render_svg(&f).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
        assert!(svg.contains(r#"data-marks="3""#));
        assert_eq!(svg.matches(r#"class="mark"#).count(), 3);
        assert!(svg.contains("A&lt;b&gt;"), "hover text is escaped");
        assert!(svg.contains("Training compute &amp; date"));
        // Ticks at 10^17 ... 10^25 with superscript exponents.
        assert!(svg.contains(r#"10<tspan class="sup" dy="-0.5em" font-size="0.75em">23</tspan>"#), "{svg}");
        // Two legend entries, in order of appearance.
        let ia = svg.find(">Industry-only<").unwrap();
        let ib = svg.find(">Academic-only<").unwrap();
        assert!(ia < ib);
        // Byte-identical on a second render.
        assert_eq!(svg, render_svg(&f).unwrap());
    }

    #[test]
    fn points_map_to_expected_pixels() {
        // Domain of the Log10 axis is floor(17.0-0.3)=16 .. ceil(24.5+0.3)=25; the panel spans
        // top = 34 + 14 + 4 ... (legend one row at y=48, bottom at 62) → check via the scale directly.
        let f = scatter();
        let svg = render_svg(&f).unwrap();
        let legend_bottom = 48.0 + 14.0;
        let top = legend_bottom + 4.0;
        let bottom = legend_bottom + 420.0 - 44.0;
        let y = |v: f64| bottom + (v - 16.0) / (25.0 - 16.0) * (top - bottom);
        assert!(svg.contains(&format!(r#"cy="{:.1}""#, y(23.1))), "{}", y(23.1));
        assert!(svg.contains(&format!(r#"cy="{:.1}""#, y(19.0))));
    }
}
