//! The "Publications" section: the industry-involved share of papers by field of venues and year
//! (complete venue lists: Paper Copilot and the 2019 conference list, deduplicated, accepted papers), with
//! Wilson intervals, beside Ahmed et al.'s 22% (2000) and 38% (2020), and the composition table
//! (`cd_analysis::publications::publication_study`). `teams --figure` draws the same figure.

use crate::figure::{Axis, Figure, Interval, Layer, Panel, Point, Series};
use crate::palette;
use crate::scale::AxisKind;
use crate::table::{fmt_interval, fmt_pct, Table};
use crate::{FigureBlock, Section};
use cd_analysis::composition::CompositionRow;
use cd_analysis::publications::{FieldYear, PublicationStudy};
use cd_domain::Definitions;

pub const ID: &str = "publications";
pub const TITLE: &str = "Publications: academic and industry teams at ML conferences";

/// Ahmed, Wahed & Thompson (2023): share of papers at leading AI conferences with an industry co-author.
pub const AHMED_2023: [(i32, f64); 2] = [(2000, 0.22), (2020, 0.38)];

/// The section of a publication study, with the de-duplication it rests on.
pub fn section(study: &PublicationStudy, defs: &Definitions) -> crate::Result<Section> {
    let mut section = composition_section(study, defs)?;
    let dedup = &study.dedup;
    if !dedup.matches.is_empty() {
        let m: Vec<String> = dedup.matches.iter().map(|(k, v)| format!("{v} ({k})")).collect();
        section.paragraphs.push(format!(
            "Papers in several sources count once (same normalised title, year and venue; Paper Copilot \
             before the conference list): {} of {} records were copies: {}.",
            dedup.papers_in - dedup.papers_out,
            dedup.papers_in,
            m.join(", ")
        ));
    }
    Ok(section)
}

/// Columns of the composition table, in the report and in `teams`.
pub const COMPOSITION_COLUMNS: [&str; 8] = [
    "venue",
    "year",
    "papers",
    "academic_only",
    "industry_involved",
    "collaboration",
    "unknown",
    "industry_involved_bounds",
];

/// One row of the composition table; `ci` formats a share with its interval, `bounds` the range of the
/// industry-involved share under the other unknown-author policies.
pub fn composition_cells(
    r: &CompositionRow,
    ci: impl Fn(f64, f64, f64) -> String,
    bounds: impl Fn(f64, f64) -> String,
) -> Vec<String> {
    vec![
        r.venue.clone(),
        r.year.to_string(),
        r.papers.to_string(),
        ci(r.academic_only_share, r.academic_only_share_lower, r.academic_only_share_upper),
        ci(r.industry_involved_share, r.industry_involved_share_lower, r.industry_involved_share_upper),
        ci(r.collaboration_share, r.collaboration_share_lower, r.collaboration_share_upper),
        ci(r.unknown_share, r.unknown_share_lower, r.unknown_share_upper),
        r.industry_involved_share_bounds.map_or(String::new(), |(lo, hi)| bounds(lo, hi)),
    ]
}

/// The "Publications" section (figure, caveat, table) of a composition.
fn composition_section(study: &PublicationStudy, defs: &Definitions) -> crate::Result<Section> {
    let (comp, n_papers) = (&study.composition, study.papers);
    let mut section = Section::new(ID, TITLE);
    // One line per field of venues (cd_analysis::corpus::VENUE_FIELDS): the venue-years' papers pooled.
    let colors = [
        palette::BLUE,
        palette::VERMILLION,
        palette::BLUISH_GREEN,
        palette::ORANGE,
        palette::REDDISH_PURPLE,
        palette::SKY_BLUE,
        palette::GREY,
    ];
    let mut fields: Vec<&str> = cd_analysis::corpus::VENUE_FIELDS.iter().map(|(f, _)| *f).collect();
    fields.push("Other venues");
    let field_rows = &study.by_field;
    let mut layers = Vec::new();
    for (field, color) in fields.iter().zip(colors) {
        let rows: Vec<&FieldYear> = field_rows.iter().filter(|r| r.field == *field).collect();
        if rows.is_empty() {
            continue;
        }
        let series = Series::new(*field, color);
        layers.push(Layer::ErrorBars {
            series: series.clone(),
            intervals: rows.iter().map(|r| Interval { at: r.year as f64, lo: r.lo, hi: r.hi }).collect(),
            horizontal: false,
        });
        layers.push(Layer::Line {
            series: series.clone(),
            points: rows.iter().map(|r| (r.year as f64, r.share)).collect(),
            dashed: false,
        });
        layers.push(Layer::Points {
            series,
            points: rows
                .iter()
                .map(|r| Point {
                    x: r.year as f64,
                    y: r.share,
                    title: format!(
                        "{field} {}: {} of {} papers ({:.1}%, 95% CI {:.1}–{:.1}%; {})",
                        r.year,
                        r.industry_involved,
                        r.papers,
                        100.0 * r.share,
                        100.0 * r.lo,
                        100.0 * r.hi,
                        r.venues.join(", ")
                    ),
                })
                .collect(),
            hollow: false,
            radius: 3.5,
        });
    }
    layers.push(Layer::Points {
        series: Series::new("Ahmed, Wahed & Thompson (2023), leading AI conferences", palette::BLACK),
        points: AHMED_2023
            .iter()
            .map(|(y, v)| Point {
                x: *y as f64,
                y: *v,
                title: format!("Ahmed et al.: {:.0}% in {y}", 100.0 * v),
            })
            .collect(),
        hollow: true,
        radius: 4.5,
    });
    let mut fig = Figure::new("publications_industry_share", "Papers with at least one industry author");
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("Year of the conference", AxisKind::Year).domain(1999.5, 2025.5),
        y: Axis::new("Share of papers with an industry affiliation", AxisKind::Percent).domain(0.0, 0.8),
        layers,
    });
    let policy = serde_json::to_value(defs.unknown_author_policy)?.as_str().unwrap_or("").to_string();
    let mut data = Table::new(
        "publications_industry_share",
        "Share of papers with at least one industry author, by field of venues and year",
        &["field", "year", "papers", "industry_involved", "share", "ci95_low", "ci95_high"],
    );
    for field in &fields {
        for r in field_rows.iter().filter(|r| r.field == *field) {
            data.push(vec![
                r.field.to_string(),
                r.year.to_string(),
                r.papers.to_string(),
                r.industry_involved.to_string(),
                format!("{:.4}", r.share),
                format!("{:.4}", r.lo),
                format!("{:.4}", r.hi),
            ]);
        }
    }
    for (y, v) in AHMED_2023 {
        data.push(vec![
            "Ahmed, Wahed & Thompson (2023)".into(),
            y.to_string(),
            String::new(),
            String::new(),
            format!("{v:.4}"),
            String::new(),
            String::new(),
        ]);
    }
    data.in_html = false; // the figure's data, as files only
    section.tables.push(data);
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Share of papers with at least one author affiliated with a company, by field of venues and \
             year, with 95% Wilson intervals; {} papers of complete venue lists (Paper Copilot's lists and \
             the 2019 scrape of the NeurIPS, ICML and ICLR sites; a paper in both counts once). Authors of \
             unknown sector: {policy}. Hollow points: Ahmed, Wahed & Thompson (2023), leading AI \
             conferences.",
            n_papers
        ),
        claim: "Industry co-authorship at leading AI conferences rose from 22% (2000) to 38% (2020) (Ahmed, \
                Wahed & Thompson 2023)."
            .into(),
    });
    section.paragraphs.push(
        "Where affiliations come from author profiles (the 2019 conference list; OpenReview venues in \
         Paper Copilot: ICLR, NeurIPS 2021, ICML 2023–24, CoRL, COLM), they show where authors worked \
         when the list was scraped, not at publication. CVPR 2020–24 and ICLR 2022 \
         lists give the paper's institutions without saying which author is where: every author there \
         carries all of them. The 2019 conference list shows the affiliations on authors' conference \
         profiles when it was scraped (2019), not at publication: NeurIPS 2006 lists Google Brain (founded 2011) and NeurIPS 2008 OpenAI \
         (2015). Shares before about 2017 therefore describe where those authors worked in 2019 and \
         overstate industry involvement at the time."
            .into(),
    );
    let mut t = Table::new(
        "publications_composition",
        "Team composition of conference papers by venue and year",
        &COMPOSITION_COLUMNS,
    );
    for r in comp.rows.iter().chain(comp.pooled.iter()) {
        let pct = |v: f64| fmt_pct(v, 1);
        let ci = |v: f64, lo: f64, hi: f64| format!("{} {}", pct(v), fmt_interval(100.0 * lo, 100.0 * hi, 1));
        t.push(composition_cells(r, ci, |lo, hi| format!("{}–{}", pct(lo), pct(hi))));
    }
    t.json = serde_json::to_value(comp)?;
    section.tables.push(t);
    Ok(section)
}
