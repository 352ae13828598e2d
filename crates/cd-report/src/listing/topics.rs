//! Listings of `topics --intensity`, `representation`, `thematic` and `annotated`.

use super::Listing;
use cd_analysis::topics::annotated::AnnotatedResult;
use cd_analysis::topics::corpus::TopicCorpus;
use cd_analysis::topics::intensity::IntensityTable;
use cd_analysis::topics::representation::{Counting, FoundationSeries, FoundationYear, Representation};
use cd_analysis::topics::thematic::{TermScore, Thematic};
use cd_analysis::topics::{Topic, TopicSet, TAXONOMY_VERSION};
use cd_domain::definitions::UnknownAuthorPolicy;
use serde::Serialize;

fn fmt_opt(v: Option<f64>, digits: usize) -> String {
    v.map_or(String::new(), |v| format!("{v:.digits$}"))
}

fn fmt_ci(v: Option<[f64; 2]>, digits: usize) -> String {
    v.map_or(String::new(), |[a, b]| format!("[{a:.digits$}, {b:.digits$}]"))
}

/// Compute intensity of every topic per period.
pub fn intensity(table: &IntensityTable) -> Listing {
    Listing::of(&["topic", "period", "models", "median_log10_flop", "q25", "q75"], &table.rows, |r| {
        vec![
            r.topic.id().to_string(),
            r.period.clone(),
            r.models.to_string(),
            fmt_opt(r.median_log10_flop, 2),
            fmt_opt(r.q25_log10_flop, 2),
            fmt_opt(r.q75_log10_flop, 2),
        ]
    })
}

/// The representation fits, one row per policy and counting.
pub fn representation_fits(rep: &Representation) -> Listing {
    Listing::of(
        &["policy", "counting", "periods", "topics", "slope_per_oom", "slope_ci95"],
        &rep.fits,
        |fit| {
            vec![
                fit.policy.as_str().to_string(),
                match fit.counting {
                    Counting::Full => "full",
                    Counting::Fractional => "fractional",
                }
                .to_string(),
                format!("{} → {}", fit.first_period, fit.last_period),
                fit.n_topics.to_string(),
                fmt_opt(fit.slope, 4),
                fmt_ci(fit.slope_ci95, 4),
            ]
        },
    )
}

/// Academic-only share by topic and period.
pub fn representation_rows(rep: &Representation) -> Listing {
    let header = [
        "topic",
        "period",
        "papers",
        "known_team",
        "academic_only_share",
        "ci95",
        "fractional_share",
        "compute_intensity_log10_flop",
    ];
    Listing::of(&header, &rep.rows, |r| {
        vec![
            r.topic.id().to_string(),
            r.period.clone(),
            r.papers.to_string(),
            r.papers_known_team.to_string(),
            fmt_opt(r.academic_only_share, 3),
            fmt_ci(r.academic_only_share_ci95, 3),
            fmt_opt(r.academic_fractional_share, 3),
            fmt_opt(r.compute_intensity_log10_flop, 2),
        ]
    })
}

/// Academic-only papers and models by year of the foundation-model series.
pub fn foundation(f: &FoundationSeries) -> Listing {
    let mut years: Vec<i32> = f.papers.iter().chain(&f.models).map(|y| y.year).collect();
    years.sort();
    years.dedup();
    let cell = |series: &[FoundationYear], year: i32| {
        series.iter().find(|y| y.year == year).map_or(String::new(), |y| {
            format!("{}/{} ({})", y.academic_only, y.count, fmt_opt(y.academic_only_share, 2))
        })
    };
    Listing::of(&["year", "papers_academic_only", "models_academic_only"], &years, |y| {
        vec![y.to_string(), cell(&f.papers, *y), cell(&f.models, *y)]
    })
}

/// The terms and topics of each period, academic-only then industry-involved then topics.
pub fn thematic(res: &Thematic) -> Listing {
    let mut rows = Vec::new();
    for p in &res.periods {
        let mut push = |kind: &str, s: &TermScore| {
            rows.push(vec![
                p.period.clone(),
                kind.to_string(),
                s.term.clone(),
                s.count_academic.to_string(),
                s.count_industry.to_string(),
                format!("{:.3}", s.log_odds),
                format!("{:.2}", s.z),
            ])
        };
        for s in &p.top_academic {
            push("term_academic_only", s);
        }
        for s in &p.top_industry {
            push("term_industry_involved", s);
        }
        for s in &p.topics {
            push("topic", s);
        }
    }
    let header = ["period", "kind", "term", "count_academic", "count_industry", "log_odds", "z"];
    Listing { header: header.iter().map(|h| h.to_string()).collect(), rows }
}

/// Compute of annotated papers by topic.
pub fn annotated(res: &AnnotatedResult) -> Listing {
    let header = [
        "topic",
        "papers",
        "with_compute",
        "industry",
        "academic",
        "geomean_ratio",
        "ratio_ci95",
        "mann_whitney_u",
        "p_value",
    ];
    Listing::of(&header, &res.topics, |t| {
        vec![
            t.topic.clone(),
            t.papers.to_string(),
            t.papers_with_compute.to_string(),
            t.industry_with_compute.to_string(),
            t.academic_with_compute.to_string(),
            t.ratio.map_or(String::new(), |r| format!("{r:.3e}")),
            t.ratio_ci95.map_or(String::new(), |[a, b]| format!("[{a:.3e}, {b:.3e}]")),
            t.mann_whitney.map_or(String::new(), |m| format!("{}", m.u1)),
            t.mann_whitney.map_or(String::new(), |m| format!("{:.4}", m.p_value)),
        ]
    })
}

/// One paper of `topics --format json`.
#[derive(Debug, Serialize)]
pub struct TopicsPaper<'a> {
    paper_id: &'a str,
    year: Option<i32>,
    venue: &'a str,
    title: &'a str,
    topics: TopicSet,
    team: &'static str,
}

/// Papers per topic.
#[derive(Debug, Serialize)]
pub struct TopicCount {
    pub topic: Topic,
    label: &'static str,
    pub papers: usize,
}

/// `topics --format json`: the accounting, the counts per topic and every paper with its topics.
#[derive(Debug, Serialize)]
pub struct TopicsJson<'a> {
    taxonomy_version: &'static str,
    rows_read: usize,
    rows_loaded: usize,
    rows_rejected: usize,
    duplicates_dropped: usize,
    unknown_author_policy: UnknownAuthorPolicy,
    rejections: &'a [cd_domain::Rejection],
    pub counts: Vec<TopicCount>,
    papers_without_topic: usize,
    pub papers: Vec<TopicsPaper<'a>>,
}

/// The topics of a corpus; `teams` are the papers' team kinds (aligned with `c.papers`).
pub fn topics_json<'a>(c: &'a TopicCorpus, teams: &[&'static str]) -> TopicsJson<'a> {
    let counts = Topic::ALL
        .iter()
        .map(|t| TopicCount {
            topic: *t,
            label: t.label(),
            papers: c.topics.iter().filter(|s| s.contains(*t)).count(),
        })
        .collect();
    let papers = c
        .papers
        .iter()
        .zip(&c.topics)
        .zip(teams)
        .map(|((p, t), team)| TopicsPaper {
            paper_id: &p.paper_id,
            year: p.year,
            venue: &p.venue,
            title: &p.title,
            topics: *t,
            team,
        })
        .collect();
    TopicsJson {
        taxonomy_version: TAXONOMY_VERSION,
        rows_read: c.report.rows_read,
        rows_loaded: c.report.rows_loaded,
        rows_rejected: c.report.rows_rejected,
        duplicates_dropped: c.duplicates_dropped,
        unknown_author_policy: c.defs.unknown_author_policy,
        rejections: &c.report.rejections,
        counts,
        papers_without_topic: c.topics.iter().filter(|t| t.is_empty()).count(),
        papers,
    }
}

/// The papers with their topics, one row each; titles cut at 70 characters when `shorten`.
pub fn topic_papers(papers: &[TopicsPaper], shorten: bool) -> Listing {
    Listing::of(&["paper_id", "year", "venue", "team", "topics", "title"], papers, |p| {
        let title = if shorten && p.title.chars().count() > 70 {
            format!("{}…", p.title.chars().take(69).collect::<String>())
        } else {
            p.title.to_string()
        };
        vec![
            p.paper_id.to_string(),
            p.year.map_or(String::new(), |y| y.to_string()),
            p.venue.to_string(),
            p.team.to_string(),
            p.topics.to_ids(),
            title,
        ]
    })
}
