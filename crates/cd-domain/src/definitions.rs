//! Every definition a researcher might dispute, as one typed value with documented defaults.
//!
//! `Definitions` is read from a TOML config (unknown keys are errors), overridden from the command line,
//! printed into every report's methods section and `manifest.json`. Analyses take it as an argument; no
//! analysis may hard-code a threshold that belongs here.

use serde::{Deserialize, Serialize};

/// Which Epoch models count as notable for the study's analyses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotabilityFilter {
    /// The study's filter: keep models that are a SOTA improvement, historically significant or highly
    /// cited; drop models that qualify only through significant use (or training cost, or discretion),
    /// and models with no notability criteria, because those favour industry.
    Study,
    /// Keep every model with at least one notability criterion.
    AnyCriterion,
    /// Keep every model.
    None,
}

/// Whether academia-leaning collaborations count as academic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcademicOnlyRule {
    /// Academic-only means every known organisation is academic.
    Strict,
    /// Also counts collaborations that lean to academia (Epoch's "Academia leaning" label, or an academic
    /// fractional share of at least `academia_leaning_min_share`) as academic-only.
    Loose,
}

/// Which models count as large-scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LargeScaleRule {
    /// Sevilla et al. (2022): log10 compute more than `threshold` standard deviations above the mean of
    /// the models published within `window_years` either side (the window includes the model itself; the
    /// sample standard deviation, as pandas computes it; a window of fewer than 3 models flags nothing).
    ZScore { threshold: f64, window_years: f64 },
    /// A fixed compute threshold (Epoch's large-scale table uses 1e23 FLOP).
    Threshold { min_flop: f64 },
}

/// Which models count as frontier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FrontierRule {
    /// Among the `n` most compute-intensive models at the time of their release.
    TopN { n: usize },
    /// Above the `percentile`-th percentile of log compute among models within `window_years` either side.
    Percentile { percentile: f64, window_years: f64 },
    /// Residual above the log-linear trend of at least `min_residual_oom` orders of magnitude (the trend
    /// is fitted per era: before and from `dl_era_start`).
    Residual { min_residual_oom: f64 },
}

/// A closed range of publication years with a label, e.g. 2010–2013.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub label: String,
    pub start_year: i32,
    /// Inclusive; `None` means open-ended ("2022+").
    pub end_year: Option<i32>,
}

impl Period {
    pub fn new(label: &str, start_year: i32, end_year: Option<i32>) -> Period {
        Period { label: label.to_string(), start_year, end_year }
    }

    pub fn contains(&self, year: i32) -> bool {
        year >= self.start_year && self.end_year.is_none_or(|e| year <= e)
    }
}

/// How authors whose sector is unknown enter a paper's team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownAuthorPolicy {
    /// Leave them out: a paper is unknown only when no author's sector is known (default).
    Drop,
    /// Count them as academic (upper bound for academic-only shares).
    AsAcademic,
    /// Count them as industry (lower bound for academic-only shares).
    AsIndustry,
}

impl UnknownAuthorPolicy {
    pub const ALL: [UnknownAuthorPolicy; 3] =
        [UnknownAuthorPolicy::Drop, UnknownAuthorPolicy::AsAcademic, UnknownAuthorPolicy::AsIndustry];

    pub fn as_str(self) -> &'static str {
        match self {
            UnknownAuthorPolicy::Drop => "drop",
            UnknownAuthorPolicy::AsAcademic => "as_academic",
            UnknownAuthorPolicy::AsIndustry => "as_industry",
        }
    }

    pub fn parse(text: &str) -> Option<UnknownAuthorPolicy> {
        UnknownAuthorPolicy::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Which evidence decides an author's sector (publications).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorEvidence {
    /// The affiliation string only (the institution classifier).
    String,
    /// The e-mail domain only (then the position when the domain says nothing); strings are ignored.
    Domain,
    /// The affiliation string; where it gives no sector, the e-mail domain; then the position (default).
    Both,
}

impl AuthorEvidence {
    pub const ALL: [AuthorEvidence; 3] =
        [AuthorEvidence::String, AuthorEvidence::Domain, AuthorEvidence::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            AuthorEvidence::String => "string",
            AuthorEvidence::Domain => "domain",
            AuthorEvidence::Both => "both",
        }
    }

    pub fn parse(text: &str) -> Option<AuthorEvidence> {
        AuthorEvidence::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Which submissions the publication analyses count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperStatusFilter {
    /// Accepted papers only (default): sources that list rejected and withdrawn submissions
    /// (OpenReview venues in Paper Copilot) then count like those that list accepted papers only.
    Accepted,
    /// Every submission whatever its outcome.
    All,
}

/// The disputed definitions, with the study's (or the literature's) choices as defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Definitions {
    /// Seed of every random draw (bootstrap resamples, jitter).
    pub seed: u64,
    /// Bootstrap resamples (Epoch uses 1000).
    pub bootstrap_resamples: usize,
    /// Shift each point's log10 compute by uniform noise on [log10 ½, log10 2] in each resample, as
    /// Epoch does to reflect the error of compute estimates.
    pub bootstrap_jitter: bool,
    pub notability_filter: NotabilityFilter,
    pub academic_only: AcademicOnlyRule,
    /// Academic fractional share from which a collaboration leans to academia (Epoch: 71%).
    pub academia_leaning_min_share: f64,
    /// Start of the deep-learning era, decimal year (Sevilla et al.: 2010).
    pub dl_era_start: f64,
    /// Start of the large-scale era, decimal year (Sevilla et al.: late 2015; 2015-09-01 here).
    pub large_scale_era_start: f64,
    pub large_scale_rule: LargeScaleRule,
    pub frontier_rule: FrontierRule,
    /// Multi-year periods for shares and representation.
    pub periods: Vec<Period>,
    /// How many of the largest models per year enter the industry share of the largest models.
    pub top_k_largest: usize,
    /// Epoch vintage to analyse (file stem such as `all_ml_systems_2023-12-14`); `None` = the newest
    /// all-models snapshot found.
    pub vintage: Option<String>,
    /// How authors of unknown sector enter paper teams.
    pub unknown_author_policy: UnknownAuthorPolicy,
    /// Topic representation (issue 6): a topic enters the regression of the change in academic-only share
    /// on compute intensity only with at least this many papers of known team in both the first and the
    /// last period.
    pub topic_min_papers: usize,
    /// Topic representation: a topic's compute intensity (median log10 FLOP of its notable Epoch models) is
    /// reported, and the topic enters the regression, only when at least this many models map to it.
    pub topic_min_models: usize,
    /// Thematic log-odds (Monroe, Colaresi & Quinn 2008): total weight α₀ of the informative Dirichlet
    /// prior, spread over terms in proportion to their frequency in the pooled corpus. Larger values shrink
    /// rare terms' log-odds harder towards zero.
    pub thematic_prior_scale: f64,
    /// Sector of public research institutes (Max Planck, INRIA, CNRS, RIKEN, Chinese Academy of Sciences,
    /// Shanghai AI Lab, Mila, Vector Institute; GRID type `Facility`) in the institution classifier.
    /// Epoch labels them academia (default); `government` is the stricter reading.
    pub research_institute_sector: crate::Sector,
    /// Sector of hospitals and medical centres (GRID type `Healthcare`) in the institution classifier.
    /// Default academia: in research authorship they are mostly academic medical centres.
    pub hospital_sector: crate::Sector,
    /// Open-vs-closed lag (Epoch, "How far behind are open models?"): which models of each category (open
    /// weights / closed) form that category's frontier, applied within the category (default: the 5
    /// largest at the time of release).
    pub open_closed_frontier_rule: FrontierRule,
    /// Open-vs-closed lag: the frontier fits use models published from this decimal year on.
    pub open_closed_fit_start: f64,
    /// Frontier gap: the top-n envelope is the mean log10 compute of the `gap_top_n` largest models a team
    /// kind has published up to each year (beside the running maximum, which is n = 1).
    pub gap_top_n: usize,
    /// Scrutiny (issue 7): a catalogue model counts as influential when Epoch flags it frontier, or its
    /// largest variant used at least this much training compute (Epoch's large-scale table: 1e23 FLOP) ...
    pub influential_min_compute_flop: f64,
    /// ... or it is among this many models named in the most papers of the input.
    pub influential_top_mentioned: usize,
    /// Adoption (issue 7): how many of the most-adopted models to list per year.
    pub adoption_top_models: usize,
    /// Publications: which evidence decides an author's sector: `string` (the affiliation string),
    /// `domain` (the e-mail domain, then the position) or `both` (the string; where it says nothing, the
    /// domain, then the position). Sources without domains or positions are unaffected by `both`.
    pub author_evidence: AuthorEvidence,
    /// Publications: `accepted` counts accepted papers only; `all` counts every submission (rejected and
    /// withdrawn ones too, where the source lists them). Review-outcome analyses always use all.
    pub paper_statuses: PaperStatusFilter,
}

impl Default for Definitions {
    fn default() -> Self {
        Definitions {
            seed: 20240105,
            bootstrap_resamples: 1000,
            bootstrap_jitter: true,
            notability_filter: NotabilityFilter::Study,
            academic_only: AcademicOnlyRule::Strict,
            academia_leaning_min_share: 0.71,
            dl_era_start: 2010.0,
            large_scale_era_start: 2015.0 + 243.0 / 365.0,
            large_scale_rule: LargeScaleRule::ZScore { threshold: 0.76, window_years: 1.0 },
            frontier_rule: FrontierRule::TopN { n: 10 },
            periods: vec![
                Period::new("2010-13", 2010, Some(2013)),
                Period::new("2014-17", 2014, Some(2017)),
                Period::new("2018-21", 2018, Some(2021)),
                Period::new("2022+", 2022, None),
            ],
            top_k_largest: 10,
            vintage: None,
            unknown_author_policy: UnknownAuthorPolicy::Drop,
            topic_min_papers: 20,
            topic_min_models: 3,
            thematic_prior_scale: 1000.0,
            research_institute_sector: crate::Sector::Academia,
            hospital_sector: crate::Sector::Academia,
            open_closed_frontier_rule: FrontierRule::TopN { n: 5 },
            open_closed_fit_start: 2018.0,
            gap_top_n: 5,
            influential_min_compute_flop: 1e23,
            influential_top_mentioned: 10,
            adoption_top_models: 5,
            author_evidence: AuthorEvidence::Both,
            paper_statuses: PaperStatusFilter::Accepted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_contain() {
        let d = Definitions::default();
        assert!(d.periods[0].contains(2013));
        assert!(!d.periods[0].contains(2014));
        assert!(d.periods[3].contains(2030));
    }
}
