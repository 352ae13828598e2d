//! The "Review outcomes and citations by team kind" section, with the coverage table of the publication
//! data (`cd_analysis::publications::review_study`).

use crate::table::{fmt_interval, fmt_pct, Table};
use crate::Section;
use cd_analysis::publications::ReviewStudy;
use cd_domain::Definitions;

pub const ID: &str = "review";
pub const TITLE: &str = "Review outcomes and citations by team kind";

/// The section of a review study.
pub fn section(study: &ReviewStudy, defs: &Definitions) -> crate::Result<Section> {
    let mut section = Section::new(ID, TITLE);
    let (acc, cites, cov) = (&study.acceptance, &study.citations, &study.coverage);
    let pct = |v: f64| fmt_pct(v, 1);
    let mut t = Table::new(
        "review_acceptance",
        "Acceptance rate by team kind where the source lists rejected and withdrawn submissions",
        &["venue", "year", "team", "submissions", "accepted", "rate"],
    );
    for r in acc {
        t.push(vec![
            r.venue.clone(),
            if r.year == 0 { "all".into() } else { r.year.to_string() },
            r.team.as_str().into(),
            r.submissions.to_string(),
            r.accepted.to_string(),
            format!("{} {}", pct(r.rate), fmt_interval(100.0 * r.rate_ci95[0], 100.0 * r.rate_ci95[1], 1)),
        ]);
    }
    t.json = serde_json::to_value(acc)?;
    let pooled: Vec<String> = acc
        .iter()
        .filter(|r| r.venue == "all")
        .map(|r| format!("{} {} of {} ({})", r.team.as_str(), r.accepted, r.submissions, pct(r.rate)))
        .collect();
    section.paragraphs.push(format!(
        "OpenReview venues in Paper Copilot list rejected and withdrawn submissions too, which relates review \
         outcomes to the compute divide as the study could not. Pooled over those venue-years: {}. These \
         are associations: team kinds differ in topic and venue mix, and profile affiliations are those at \
         scrape time.",
        pooled.join("; ")
    ));
    section.tables.push(t);
    let (topic_rows, topic_fit) = &study.by_topic;
    let mut tt = Table::new(
        "review_acceptance_by_topic",
        "Acceptance by topic: academic-only and industry-involved submissions, beside the topic's compute intensity",
        &["topic", "compute_intensity_log10_flop", "academic_only", "industry_involved", "gap"],
    );
    for r in topic_rows {
        tt.push(vec![
            r.topic.id().to_string(),
            r.compute_intensity_log10_flop.map_or(String::new(), |x| format!("{x:.2}")),
            format!(
                "{} of {} ({} {})",
                r.academic_accepted,
                r.academic_submissions,
                pct(r.academic_rate),
                fmt_interval(100.0 * r.academic_rate_ci95[0], 100.0 * r.academic_rate_ci95[1], 1)
            ),
            format!(
                "{} of {} ({} {})",
                r.industry_accepted,
                r.industry_submissions,
                pct(r.industry_rate),
                fmt_interval(100.0 * r.industry_rate_ci95[0], 100.0 * r.industry_rate_ci95[1], 1)
            ),
            format!("{:+.1} pp", 100.0 * r.gap),
        ]);
    }
    tt.json = serde_json::json!({ "rows": topic_rows, "fit": topic_fit.as_ref().map(|f| serde_json::json!({
        "slope": f.slope, "slope_se": f.slope_se, "intercept": f.intercept, "n_topics": f.n })) });
    section.paragraphs.push(match topic_fit {
        Some(f) => format!(
            "By topic: the gap between the acceptance rates of industry-involved and academic-only \
             submissions changes by {:+.1} pp (SE {:.1}) per order of magnitude of the topic's compute \
             intensity, over {} topics with an intensity and at least {} submissions of each kind (weighted \
             least squares). An association over few topics.",
            100.0 * f.slope,
            100.0 * f.slope_se,
            f.n,
            defs.topic_min_papers
        ),
        None => {
            "By topic: too few topics with an intensity and enough submissions of each kind for a fit.".into()
        }
    });
    section.tables.push(tt);
    let mut c = Table::new(
        "review_citations",
        "Citations of accepted papers by team kind (Google Scholar counts as scraped)",
        &["team", "papers", "median_citations", "top_decile", "top_decile_share"],
    );
    for r in cites {
        c.push(vec![
            r.team.as_str().into(),
            r.papers.to_string(),
            format!("{:.1}", r.median_citations),
            r.top_decile.to_string(),
            format!(
                "{} {}",
                pct(r.top_decile_share),
                fmt_interval(100.0 * r.top_decile_share_ci95[0], 100.0 * r.top_decile_share_ci95[1], 1)
            ),
        ]);
    }
    c.json = serde_json::to_value(cites)?;
    section.paragraphs.push(
        "Top decile: papers whose citation count is at least the ⌈n/10⌉-th largest of their venue-year; a \
         team kind with 10% of its papers there is cited like the venue-year's average paper. An association, \
         not an effect of team kind."
            .into(),
    );
    section.tables.push(c);
    let mut v = Table::new(
        "publications_coverage",
        "Coverage of the publication data by source, venue and year: records, accepted papers, authors \
         with a known sector and the evidence that gave it",
        &[
            "source",
            "venue",
            "year",
            "records",
            "accepted",
            "authors",
            "known_share",
            "by_string",
            "by_domain",
            "by_position",
            "unaligned_records",
        ],
    );
    for r in cov {
        v.push(vec![
            r.source.clone(),
            r.venue.clone(),
            r.year.to_string(),
            r.records.to_string(),
            r.accepted.to_string(),
            r.authors.to_string(),
            pct(r.known_share),
            r.by_string.to_string(),
            r.by_domain.to_string(),
            r.by_position.to_string(),
            r.unaligned_records.to_string(),
        ]);
    }
    v.json = serde_json::to_value(cov)?;
    section.paragraphs.push(
        "Coverage: which venues and years each publication number rests on. Unaligned records are those \
         whose affiliation list names the paper's institutions (CVPR 2020–24, ICLR 2022) or only the \
         authors with a profile (OpenReview venues), not who is where."
            .into(),
    );
    section.tables.push(v);
    Ok(section)
}
