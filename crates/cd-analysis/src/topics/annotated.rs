//! Annotated-paper compute (the study annotated 519 NeurIPS 2021 papers for topic, industry
//! co-authorship, Chinese-lab co-authorship and training FLOP): the CSV format for such annotations, and
//! the comparison of industry-involved with academic-only papers per topic.
//!
//! # Format (UTF-8 CSV with a header; column order free; lines starting with `#` are comments)
//! | column | required | meaning |
//! |---|---|---|
//! | `paper_id` | yes | any identifier, unique within the file |
//! | `topic` | yes | the annotator's topic label (e.g. `nlp`, `vision`, `other`, or a taxonomy v1 id) |
//! | `industry_coauthor` | yes | `true`/`false` (also `yes`/`no`, `1`/`0`): at least one industry author |
//! | `chinese_lab_coauthor` | no | same values, empty = not annotated |
//! | `training_flop` | no | training compute in FLOP (`3.2e18`); empty = could not be inferred |
//! | `year`, `venue`, `title` | no | carried along |
//!
//! A row with an empty `paper_id` or `topic`, an unreadable boolean, or a `training_flop` that is not a
//! positive finite number is rejected with file, row and field; the rest is read.
//!
//! # Analysis
//! Per topic label and pooled (`all`), over papers with compute: the ratio of geometric-mean compute of
//! industry-involved to academic-only papers, 10^(mean log10 FLOP industry − mean log10 FLOP academic),
//! with a percentile bootstrap interval (each group resampled with replacement on its own;
//! `defs.bootstrap_resamples`, seeded from `defs.seed` and the topic), and a two-sided Mann–Whitney U test
//! of log10 FLOP (scipy's defaults, see `cd_stats::rank`). Also the share of the topic's papers for which
//! compute could be inferred. Parsing takes text the caller has read; nothing here opens files.

use cd_domain::{Definitions, ReadReport};
use rand::Rng;
use serde::Serialize;
use std::collections::BTreeMap;

/// One annotated paper.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotatedPaper {
    pub paper_id: String,
    pub topic: String,
    pub industry_coauthor: bool,
    pub chinese_lab_coauthor: Option<bool>,
    pub training_flop: Option<f64>,
    pub year: Option<i32>,
    pub venue: Option<String>,
    pub title: Option<String>,
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// Parse the annotated-paper CSV from `text`; `file` names it in the report and rejections.
pub fn parse_annotated_csv(text: &str, file: &str) -> Result<(Vec<AnnotatedPaper>, ReadReport), String> {
    let mut report = ReadReport::new(file);
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| format!("{file}: header: {e}"))?.clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(c_id), Some(c_topic), Some(c_ind)) = (col("paper_id"), col("topic"), col("industry_coauthor"))
    else {
        return Err(format!(
            "{file}: header must have paper_id, topic and industry_coauthor (found: {})",
            headers.iter().collect::<Vec<_>>().join(", ")
        ));
    };
    let (c_cn, c_flop, c_year, c_venue, c_title) =
        (col("chinese_lab_coauthor"), col("training_flop"), col("year"), col("venue"), col("title"));
    let mut papers = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 1;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                report.reject(row, "", format!("malformed CSV row: {e}"));
                continue;
            }
        };
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
        let id = get(Some(c_id));
        let topic = get(Some(c_topic));
        if id.is_empty() {
            report.reject(row, "paper_id", "empty; every annotation needs an identifier");
            continue;
        }
        if topic.is_empty() {
            report.reject(row, "topic", "empty; expected the annotator's topic label");
            continue;
        }
        let Some(industry) = parse_bool(get(Some(c_ind))) else {
            report.reject(
                row,
                "industry_coauthor",
                format!("{:?} is not true/false/yes/no/1/0", get(Some(c_ind))),
            );
            continue;
        };
        let cn_text = get(c_cn);
        let chinese = if cn_text.is_empty() {
            None
        } else if let Some(b) = parse_bool(cn_text) {
            Some(b)
        } else {
            report.reject(
                row,
                "chinese_lab_coauthor",
                format!("{cn_text:?} is not true/false/yes/no/1/0 or empty"),
            );
            continue;
        };
        let flop_text = get(c_flop);
        let flop = if flop_text.is_empty() {
            None
        } else {
            match flop_text.parse::<f64>() {
                Ok(v) if v.is_finite() && v > 0.0 => Some(v),
                _ => {
                    report.reject(
                        row,
                        "training_flop",
                        format!("{flop_text:?} is not a positive number of FLOP"),
                    );
                    continue;
                }
            }
        };
        let year_text = get(c_year);
        let year = if year_text.is_empty() {
            None
        } else if let Ok(y) = year_text.parse::<i32>() {
            Some(y)
        } else {
            report.reject(row, "year", format!("{year_text:?} is not a year"));
            continue;
        };
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        papers.push(AnnotatedPaper {
            paper_id: id.to_string(),
            topic: topic.to_string(),
            industry_coauthor: industry,
            chinese_lab_coauthor: chinese,
            training_flop: flop,
            year,
            venue: opt(get(c_venue)),
            title: opt(get(c_title)),
        });
        report.loaded();
    }
    Ok((papers, report))
}

/// The comparison for one topic label (or `all`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotatedTopic {
    pub topic: String,
    pub papers: usize,
    pub papers_with_compute: usize,
    /// Share of the topic's papers whose compute could be inferred.
    pub compute_share: f64,
    /// Share of all annotated papers that are in this topic.
    pub topic_share_of_papers: f64,
    pub industry_with_compute: usize,
    pub academic_with_compute: usize,
    pub chinese_lab_papers: usize,
    pub geomean_flop_industry: Option<f64>,
    pub geomean_flop_academic: Option<f64>,
    /// Geometric-mean compute of industry-involved over academic-only papers.
    pub ratio: Option<f64>,
    pub ratio_ci95: Option<[f64; 2]>,
    /// Mann–Whitney U of industry-involved against academic-only log10 FLOP.
    pub mann_whitney: Option<cd_stats::MannWhitney>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotatedResult {
    pub papers: usize,
    pub topics: Vec<AnnotatedTopic>,
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn compare(label: &str, group: &[&AnnotatedPaper], total: usize, defs: &Definitions) -> AnnotatedTopic {
    let logs = |industry: bool| -> Vec<f64> {
        group
            .iter()
            .filter(|p| p.industry_coauthor == industry)
            .filter_map(|p| p.training_flop.map(f64::log10))
            .collect()
    };
    let (ind, acad) = (logs(true), logs(false));
    let (mi, ma) = (mean(&ind), mean(&acad));
    let ratio = mi.zip(ma).map(|(a, b)| 10f64.powf(a - b));
    let ratio_ci95 = ratio.and_then(|_| {
        let seed = cd_stats::derive_seed(defs.seed, &format!("annotated/{label}"));
        let draws = cd_stats::bootstrap_map(defs.bootstrap_resamples, seed, |rng| {
            let draw = |v: &[f64], rng: &mut rand_chacha::ChaCha8Rng| {
                (0..v.len()).map(|_| v[rng.gen_range(0..v.len())]).sum::<f64>() / v.len() as f64
            };
            let a = draw(&ind, rng);
            let b = draw(&acad, rng);
            10f64.powf(a - b)
        });
        cd_stats::Summary::of(&draws).map(|s| s.ci95)
    });
    let with_compute = group.iter().filter(|p| p.training_flop.is_some()).count();
    AnnotatedTopic {
        topic: label.to_string(),
        papers: group.len(),
        papers_with_compute: with_compute,
        compute_share: if group.is_empty() { 0.0 } else { with_compute as f64 / group.len() as f64 },
        topic_share_of_papers: if total == 0 { 0.0 } else { group.len() as f64 / total as f64 },
        industry_with_compute: ind.len(),
        academic_with_compute: acad.len(),
        chinese_lab_papers: group.iter().filter(|p| p.chinese_lab_coauthor == Some(true)).count(),
        geomean_flop_industry: mi.map(|m| 10f64.powf(m)),
        geomean_flop_academic: ma.map(|m| 10f64.powf(m)),
        ratio,
        ratio_ci95,
        mann_whitney: cd_stats::mann_whitney_u(&ind, &acad),
    }
}

/// Analysis 5: per topic label (sorted) and pooled (`all`, last).
pub fn annotated_compute(papers: &[AnnotatedPaper], defs: &Definitions) -> AnnotatedResult {
    let mut by_topic: BTreeMap<&str, Vec<&AnnotatedPaper>> = BTreeMap::new();
    for p in papers {
        by_topic.entry(p.topic.as_str()).or_default().push(p);
    }
    let mut topics: Vec<AnnotatedTopic> =
        by_topic.iter().map(|(t, g)| compare(t, g, papers.len(), defs)).collect();
    topics.push(compare("all", &papers.iter().collect::<Vec<_>>(), papers.len(), defs));
    AnnotatedResult { papers: papers.len(), topics }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_with_row_and_field() {
        let text = "paper_id,topic,industry_coauthor,training_flop\n\
                    a,nlp,true,1e20\n\
                    b,nlp,maybe,1e18\n\
                    c,vision,false,-3\n\
                    ,vision,false,\n\
                    d,vision,no,\n";
        let (papers, report) = parse_annotated_csv(text, "ann.csv").unwrap();
        assert_eq!(papers.len(), 2);
        assert_eq!((report.rows_read, report.rows_loaded, report.rows_rejected), (5, 2, 3));
        assert!(report.is_balanced());
        let fields: Vec<(usize, &str)> =
            report.rejections.iter().map(|r| (r.row, r.field.as_str())).collect();
        assert_eq!(fields, vec![(2, "industry_coauthor"), (3, "training_flop"), (4, "paper_id")]);
        assert_eq!(papers[1].training_flop, None);
        assert!(parse_annotated_csv("id,topic\n", "x.csv").unwrap_err().contains("paper_id"));
    }
}
