//! `diff --html DIR`: the snapshot diff (`cd_analysis::diff`) as one self-contained page, `DIR/diff.html`,
//! laid out by the report's document machinery (`document::render_html`, figures inline as SVG): the
//! counts, one figure of the report headlines' moves (old and new with 95% intervals), the headlines with
//! their attribution, and the per-model changes, additions and removals.

use crate::document::{render_html, Document, FigureBlock, Headline, Section};
use crate::figure::{Axis, Figure, Interval, Layer, Panel, Point, Series};
use crate::listing::diff::{changes, counts, headlines, DiffInput};
use crate::listing::Listing;
use crate::palette;
use crate::scale::AxisKind;
use crate::table::Table;
use cd_analysis::diff::{DiffResult, HeadlineDiff, ModelRef};
use cd_domain::{Definitions, Provenance};
use std::path::{Path, PathBuf};

fn table_of(name: &str, title: &str, l: &Listing) -> Table {
    let cols: Vec<&str> = l.header.iter().map(String::as_str).collect();
    let mut t = Table::new(name, title, &cols);
    for r in &l.rows {
        t.push(r.clone());
    }
    t
}

fn models_table(name: &str, title: &str, models: &[ModelRef]) -> Table {
    let mut t = Table::new(
        name,
        title,
        &["model", "row", "publication_date", "organizations", "team_kind", "training_compute_flop"],
    );
    for m in models {
        t.push(vec![
            m.name.clone(),
            m.row.to_string(),
            m.publication_date.map(|d| d.to_string()).unwrap_or_default(),
            m.organizations.join("; "),
            m.team_kind.to_string(),
            m.training_compute_flop.map(|c| format!("{c:e}")).unwrap_or_default(),
        ]);
    }
    t
}

/// One panel per report headline: old and new value with their 95% intervals.
fn moves_figure(r: &DiffResult) -> Figure {
    let mut fig =
        Figure::new("diff_headlines", "The report's headline numbers on the old and the new vintage");
    fig.columns = 2;
    fig.panel_height = 150.0;
    let old_s = Series::new("old vintage", palette::GREY);
    let new_s = Series::new("new vintage", palette::BLUE);
    let cats = vec!["new".to_string(), "old".to_string()];
    for h in r.headlines.iter().filter(|h| h.group == "report") {
        let mut layers = Vec::new();
        let mut hi_all: Vec<f64> = vec![];
        for (at, v, ci, series) in [(1.0, h.old, h.old_ci95, &old_s), (0.0, h.new, h.new_ci95, &new_s)] {
            let Some(v) = v.filter(|v| v.is_finite()) else { continue };
            hi_all.push(v);
            if let Some([Some(lo), hi]) = ci {
                let hi = hi.unwrap_or(v * 3.0).min(v.abs() * 3.0 + 1.0);
                hi_all.extend([lo, hi]);
                layers.push(Layer::ErrorBars {
                    series: series.clone(),
                    intervals: vec![Interval { at, lo, hi }],
                    horizontal: true,
                });
            }
            layers.push(Layer::Points {
                series: series.clone(),
                points: vec![Point { x: v, y: at, title: format!("{}: {v:.3} {}", h.name, h.unit) }],
                hollow: false,
                radius: 4.0,
            });
        }
        if hi_all.is_empty() {
            continue;
        }
        let lo = hi_all.iter().copied().fold(f64::INFINITY, f64::min).min(0.0);
        let hi = hi_all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let hi = if hi > lo { hi * 1.05 } else { lo + 1.0 };
        fig.panels.push(Panel {
            title: Some(h.name.trim_start_matches("report.").to_string()),
            x: Axis::new(h.unit, AxisKind::Linear).domain(lo, hi),
            y: Axis::new("", AxisKind::Category(cats.clone())),
            layers,
        });
    }
    fig
}

fn headline_box(h: &HeadlineDiff) -> Headline {
    let v = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.3}"));
    Headline {
        value: format!("{} → {}", v(h.old), v(h.new)),
        label: h.name.clone(),
        note: format!("{} ({} → {})", h.unit, h.old_detail, h.new_detail),
    }
}

fn source(d: &DiffInput, which: &str) -> Provenance {
    Provenance {
        name: format!("{which} vintage"),
        path: d.path.clone(),
        vintage: Path::new(&d.path).file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string(),
        sha256: d.sha256.clone(),
        rows_read: d.rows.rows_read,
        rows_loaded: d.rows.rows_loaded,
        rows_rejected: d.rows.rows_rejected,
        credit: "Epoch AI, Data on AI Models (CC BY 4.0)".to_string(),
        dropped_values: Vec::new(),
    }
}

/// The page as a document (no I/O).
pub fn diff_document(
    old: &DiffInput,
    new: &DiffInput,
    defs: &Definitions,
    r: &DiffResult,
    version: &str,
) -> Document {
    let mut summary = Section::new("diff_counts", "What changed");
    summary.paragraphs.push(
        "Models are matched by normalised name (high confidence when unique in both vintages, low when \
         duplicated), else as renames: close dates, a shared organisation and similar names (medium). \
         The rule is documented in docs/diff.md."
            .to_string(),
    );
    summary.tables.push(table_of("diff_counts", "Counts", &counts(r)));
    let mut moves = Section::new("diff_headlines", "Does it change the answer?");
    moves.paragraphs.push(crate::listing::diff::note(r));
    moves.figures.push(FigureBlock {
        figure: moves_figure(r),
        caption: "Each panel is one of the report's headline numbers: grey the old vintage, blue the new, \
                  with 95% intervals where the number has one."
            .to_string(),
        claim: String::new(),
    });
    moves.tables.push(table_of("diff_headline_values", "Headlines and attribution", &headlines(r, false)));
    let mut models = Section::new("diff_models", "Models");
    models.tables.push(table_of("diff_changes", "Changed fields of matched models", &changes(r)));
    models.tables.push(models_table("diff_added", "Added models", &r.added));
    models.tables.push(models_table("diff_removed", "Removed models", &r.removed));
    Document {
        title: "Snapshot diff".to_string(),
        subtitle: format!("{} → {}", old.path, new.path),
        version: version.to_string(),
        definitions: defs.clone(),
        headlines: r.headlines.iter().filter(|h| h.group == "report").map(headline_box).collect(),
        sections: vec![summary, moves, models],
        sources: vec![source(old, "old"), source(new, "new")],
        methods: vec![],
    }
}

/// The page stands alone: drop the report's notes that name its `figures/` and `tables/` files (every
/// table is shown whole, every figure inline).
fn without_file_notes(html: &str) -> String {
    let mut out = html.to_string();
    for (open, close) in [(" <span class=\"files\">", "</span>"), ("<p class=\"table-files\">", "</p>")] {
        while let Some(a) = out.find(open) {
            let Some(len) = out[a..].find(close) else { break };
            out.replace_range(a..a + len + close.len(), "");
        }
    }
    out
}

/// Write `out_dir/diff.html` and return its path.
pub fn write_diff_page(
    out_dir: &Path,
    old: &DiffInput,
    new: &DiffInput,
    defs: &Definitions,
    r: &DiffResult,
    version: &str,
) -> crate::Result<PathBuf> {
    let html = without_file_notes(&render_html(&diff_document(old, new, defs, r, version))?);
    std::fs::create_dir_all(out_dir).map_err(|e| crate::ReportError::CreateDir {
        path: out_dir.display().to_string(),
        message: e.to_string(),
    })?;
    let file = out_dir.join("diff.html");
    std::fs::write(&file, html).map_err(|e| crate::ReportError::Write {
        path: file.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(file)
}
