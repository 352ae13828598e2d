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
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
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
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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

/// Which papers enter the topic test (publications): every source, the complete venue lists, or the three
/// flagship machine-learning venues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VenueSet {
    /// Every source: Paper Copilot, the conference list, the AI Index files, OpenAlex, a user's CSV.
    All,
    /// The complete venue lists only (Paper Copilot and the conference list): leaves out selections by
    /// theme, such as the AI Index's responsible-AI papers.
    CompleteLists,
    /// NeurIPS, ICML and ICLR only, from every source.
    MlCore,
}

impl VenueSet {
    pub const ALL: [VenueSet; 3] = [VenueSet::All, VenueSet::CompleteLists, VenueSet::MlCore];

    pub fn as_str(self) -> &'static str {
        match self {
            VenueSet::All => "all",
            VenueSet::CompleteLists => "complete_lists",
            VenueSet::MlCore => "ml_core",
        }
    }

    pub fn parse(text: &str) -> Option<VenueSet> {
        VenueSet::ALL.into_iter().find(|v| v.as_str() == text)
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

/// Which source decides a model's team kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamSourceRule {
    /// Epoch's `Organization categorization` label only; a model without a label is of unknown team.
    EpochLabel,
    /// Derived from the organisation names only (the institution classifier); Epoch's label is ignored.
    Derived,
    /// Epoch's label where the row has one, else derived from the organisation names (default).
    LabelThenDerived,
}

impl TeamSourceRule {
    pub const ALL: [TeamSourceRule; 3] =
        [TeamSourceRule::EpochLabel, TeamSourceRule::Derived, TeamSourceRule::LabelThenDerived];

    pub fn as_str(self) -> &'static str {
        match self {
            TeamSourceRule::EpochLabel => "epoch_label",
            TeamSourceRule::Derived => "derived",
            TeamSourceRule::LabelThenDerived => "label_then_derived",
        }
    }

    pub fn parse(text: &str) -> Option<TeamSourceRule> {
        TeamSourceRule::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Which models feed the frontier gap's running maximum and top-n envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GapFrom {
    /// Models published from the start of the deep-learning era (`dl_era_start`) on (default): a 2010
    /// frontier is not set by a 1992 model.
    DlEra,
    /// Every notable model with compute, however old (the frontier of 2010 may be TD-Gammon, 1992).
    AllModels,
}

impl GapFrom {
    pub const ALL: [GapFrom; 2] = [GapFrom::DlEra, GapFrom::AllModels];

    pub fn as_str(self) -> &'static str {
        match self {
            GapFrom::DlEra => "dl_era",
            GapFrom::AllModels => "all_models",
        }
    }

    pub fn parse(text: &str) -> Option<GapFrom> {
        GapFrom::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// How a team's frontier is summarised per year in the frontier gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GapMeasure {
    /// The largest model published so far.
    RunningMax,
    /// The mean of the `gap_top_n` largest models published so far.
    TopNMean,
}

impl GapMeasure {
    pub const ALL: [GapMeasure; 2] = [GapMeasure::RunningMax, GapMeasure::TopNMean];

    pub fn as_str(self) -> &'static str {
        match self {
            GapMeasure::RunningMax => "running_max",
            GapMeasure::TopNMean => "top_n_mean",
        }
    }
}

/// The values each disputed definition takes in the specification curve. The values in force elsewhere
/// in `Definitions` (a user's own large-scale rule, for example) join the curve when they are not listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SpecCurveGrid {
    pub notability: Vec<NotabilityFilter>,
    pub academic_only: Vec<AcademicOnlyRule>,
    pub team_source: Vec<TeamSourceRule>,
    pub large_scale: Vec<LargeScaleRule>,
    /// Frontier rules applied within the open and the closed category for the open-vs-closed lag.
    pub open_closed_frontier: Vec<FrontierRule>,
    pub gap_measure: Vec<GapMeasure>,
    pub gap_from: Vec<GapFrom>,
    /// The topic claim: evidence rules for an author's sector.
    pub author_evidence: Vec<AuthorEvidence>,
    /// The topic claim: unknown-author policies.
    pub unknown_authors: Vec<UnknownAuthorPolicy>,
    /// The topic claim: venue sets.
    pub venue_set: Vec<VenueSet>,
    /// Bootstrap resamples behind each specification's 95% interval (0: point estimates only).
    pub resamples: usize,
}

impl Default for SpecCurveGrid {
    fn default() -> Self {
        SpecCurveGrid {
            notability: vec![NotabilityFilter::Study, NotabilityFilter::AnyCriterion, NotabilityFilter::None],
            academic_only: vec![AcademicOnlyRule::Strict, AcademicOnlyRule::Loose],
            team_source: TeamSourceRule::ALL.to_vec(),
            large_scale: vec![
                LargeScaleRule::ZScore { threshold: 0.76, window_years: 1.0 },
                LargeScaleRule::ZScore { threshold: 0.72, window_years: 1.0 },
                LargeScaleRule::Threshold { min_flop: 1e23 },
            ],
            open_closed_frontier: vec![
                FrontierRule::TopN { n: 1 },
                FrontierRule::TopN { n: 5 },
                FrontierRule::TopN { n: 10 },
                FrontierRule::Percentile { percentile: 90.0, window_years: 1.0 },
                FrontierRule::Residual { min_residual_oom: 0.5 },
            ],
            gap_measure: GapMeasure::ALL.to_vec(),
            gap_from: GapFrom::ALL.to_vec(),
            author_evidence: AuthorEvidence::ALL.to_vec(),
            unknown_authors: UnknownAuthorPolicy::ALL.to_vec(),
            venue_set: VenueSet::ALL.to_vec(),
            resamples: 200,
        }
    }
}

/// Add `value` to `values` unless it is there (keeps the grid's order; the definition in force joins last).
fn with_value<T: PartialEq + Copy>(values: &[T], value: T) -> Vec<T> {
    let mut v = values.to_vec();
    if !v.contains(&value) {
        v.push(value);
    }
    v
}

impl SpecCurveGrid {
    /// The grid with the definitions in force joined to it.
    pub fn with_definitions(&self, d: &Definitions) -> SpecCurveGrid {
        SpecCurveGrid {
            notability: with_value(&self.notability, d.notability_filter),
            academic_only: with_value(&self.academic_only, d.academic_only),
            team_source: with_value(&self.team_source, d.team_source),
            large_scale: with_value(&self.large_scale, d.large_scale_rule),
            open_closed_frontier: with_value(&self.open_closed_frontier, d.open_closed_frontier_rule),
            gap_measure: self.gap_measure.clone(),
            gap_from: with_value(&self.gap_from, d.gap_from),
            author_evidence: with_value(&self.author_evidence, d.author_evidence),
            unknown_authors: with_value(&self.unknown_authors, d.unknown_author_policy),
            venue_set: with_value(&self.venue_set, d.venue_set),
            resamples: self.resamples,
        }
    }
}

/// Weights of the topic phrase rules: each phrase occurrence in a title, keyword or OpenAlex topic name
/// scores `strong_weight`, each in an abstract `abstract_weight`; a topic is assigned from `min_score`.
/// By default one title or keyword mention suffices, while an abstract needs three mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TopicScoring {
    pub strong_weight: u32,
    pub abstract_weight: u32,
    pub min_score: u32,
}

impl Default for TopicScoring {
    fn default() -> Self {
        TopicScoring { strong_weight: 3, abstract_weight: 1, min_score: 3 }
    }
}

/// How Epoch's `Public/Private` clusters enter the capacity by sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicPrivateAs {
    /// A sector of their own, `public_private` (default); the public share counts `public` only.
    Separate,
    /// As public.
    Public,
    /// As private.
    Private,
    /// Half of each cluster's capacity to each.
    Half,
}

impl PublicPrivateAs {
    pub fn as_str(self) -> &'static str {
        match self {
            PublicPrivateAs::Separate => "separate",
            PublicPrivateAs::Public => "public",
            PublicPrivateAs::Private => "private",
            PublicPrivateAs::Half => "half",
        }
    }
}

/// Which peak performance of an accelerator its price-performance uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HardwarePrecision {
    /// Tensor FP16/BF16 where the table gives it, else plain FP16. Mixes two precisions: chips of the
    /// tensor era carry tensor figures, older ones only FP16, which steepens the trend.
    TensorThenFp16,
    /// Tensor FP16/BF16 only; accelerators without it are left out (default).
    Tensor,
    Fp16,
    Fp32,
}

impl HardwarePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            HardwarePrecision::TensorThenFp16 => "tensor_then_fp16",
            HardwarePrecision::Tensor => "tensor",
            HardwarePrecision::Fp16 => "fp16",
            HardwarePrecision::Fp32 => "fp32",
        }
    }
}

/// What a FLOP of training costs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PriceBasis {
    /// The accelerators' purchase price spread over `years` of use: a dollar buys the fitted
    /// price-performance (peak FLOP/s per dollar) for `years` years.
    Amortised { years: f64 },
    /// A rental price per hour of one H100-equivalent (no trend: the same price every year).
    Rental { usd_per_h100_hour: f64 },
}

/// A budget for nationally sponsored compute (a what-if scenario).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetScenario {
    pub name: String,
    /// Dollars per year.
    pub usd_per_year: f64,
    /// Share of the budget that goes to large training runs (the rest serves many small users).
    pub large_run_share: f64,
    /// Where the budget comes from (and what is assumed about it).
    pub source: String,
}

/// Definitions of the compute-provision analyses (Epoch's GPU-clusters and ML-hardware tables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProvisionDefs {
    /// Leave out clusters Epoch flags `Exclude`.
    pub drop_excluded: bool,
    /// Leave out clusters Epoch flags `Possible Duplicate`.
    pub drop_possible_duplicates: bool,
    /// Keep only clusters Epoch flags `Include in Standard Analysis` (only existing clusters carry it).
    pub standard_analysis_only: bool,
    /// A cluster stops counting from the year the cluster named in its `Superseded by` is operational
    /// (a later phase usually contains the earlier one).
    pub drop_superseded: bool,
    pub public_private_as: PublicPrivateAs,
    /// How many countries (largest total capacity in the latest year) get their own rows.
    pub top_countries: usize,
    pub precision: HardwarePrecision,
    /// Model FLOP utilisation of peak during training (Epoch: 30–40%).
    pub utilisation: f64,
    pub price_basis: PriceBasis,
    /// Peak FLOP/s of one H100-equivalent (H100 SXM dense tensor FP16/BF16), the unit of GPU-years.
    pub reference_gpu_flops: f64,
    /// What-if: the "top-n scale" is the n-th largest training compute of any team up to the year.
    pub top_scale_n: usize,
    /// What-if: the large-scale threshold in FLOP (Epoch's large-scale table: 1e23).
    pub large_run_flop: f64,
    pub scenarios: Vec<BudgetScenario>,
    /// What-if curve: budgets from `curve_min_usd` to `curve_max_usd` per year, log-spaced.
    pub curve_min_usd: f64,
    pub curve_max_usd: f64,
    pub curve_points: usize,
}

impl Default for ProvisionDefs {
    fn default() -> Self {
        ProvisionDefs {
            drop_excluded: true,
            drop_possible_duplicates: true,
            standard_analysis_only: false,
            drop_superseded: true,
            public_private_as: PublicPrivateAs::Separate,
            top_countries: 6,
            precision: HardwarePrecision::Tensor,
            utilisation: 0.35,
            price_basis: PriceBasis::Amortised { years: 4.0 },
            reference_gpu_flops: 989.4e12,
            top_scale_n: 10,
            large_run_flop: 1e23,
            scenarios: vec![
                BudgetScenario {
                    name: "NAIRR".into(),
                    usd_per_year: 2.6e9 / 6.0,
                    large_run_share: 0.5,
                    source: "NAIRR Task Force final report (Jan 2023): $2.6B over 6 years; the share for \
                             large runs is an assumption"
                        .into(),
                },
                BudgetScenario {
                    name: "UK AIRR".into(),
                    usd_per_year: 3.8e8 / 4.0,
                    large_run_share: 0.5,
                    source: "UK AI Research Resource (Nov 2023): £300M (≈ $380M) of capital, spread over 4 \
                             years here; the share for large runs is an assumption"
                        .into(),
                },
            ],
            curve_min_usd: 1e7,
            curve_max_usd: 1e11,
            curve_points: 17,
        }
    }
}

impl ProvisionDefs {
    fn validate(&self) -> Result<(), String> {
        let p = self;
        let pos = |v: f64| v.is_finite() && v > 0.0;
        if !(p.utilisation > 0.0 && p.utilisation <= 1.0) {
            return Err(format!("provision.utilisation: must be in (0, 1], got {}", p.utilisation));
        }
        match p.price_basis {
            PriceBasis::Amortised { years } if !pos(years) => {
                return Err(format!("provision.price_basis: years must be a finite number > 0, got {years}"))
            }
            PriceBasis::Rental { usd_per_h100_hour } if !pos(usd_per_h100_hour) => {
                return Err(format!(
                    "provision.price_basis: usd_per_h100_hour must be a finite number > 0, got {usd_per_h100_hour}"
                ))
            }
            _ => {}
        }
        if !pos(p.reference_gpu_flops) || !pos(p.large_run_flop) {
            return Err("provision.reference_gpu_flops / large_run_flop: must be finite numbers > 0".into());
        }
        if p.top_scale_n == 0 || p.top_countries == 0 {
            return Err("provision.top_scale_n / top_countries: must be ≥ 1".into());
        }
        if !(pos(p.curve_min_usd)
            && pos(p.curve_max_usd)
            && p.curve_min_usd < p.curve_max_usd
            && (2..=1000).contains(&p.curve_points))
        {
            return Err(
                "provision.curve_min_usd < curve_max_usd (finite, > 0) and curve_points in 2–1000 are needed"
                    .into(),
            );
        }
        for (i, s) in p.scenarios.iter().enumerate() {
            if s.name.trim().is_empty() || p.scenarios[..i].iter().any(|q| q.name == s.name) {
                return Err(format!(
                    "provision.scenarios: names must be non-empty and distinct, got {:?}",
                    s.name
                ));
            }
            if !(pos(s.usd_per_year) && s.large_run_share > 0.0 && s.large_run_share <= 1.0) {
                return Err(format!(
                    "provision.scenarios {:?}: usd_per_year must be > 0 and large_run_share in (0, 1]",
                    s.name
                ));
            }
        }
        Ok(())
    }
}

/// Bounds of plausible values in a model table. A value outside them is taken for an error of the table
/// (a row dated 9999-12-31 with 1e30 FLOP turned the report's doubling time into 2,983.6 months): the
/// value is dropped, the row kept, and a note names row, field, value and bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Plausibility {
    /// Earliest plausible publication year. Default 1940: a decade before Epoch's earliest model
    /// (Theseus, July 1950).
    pub first_year: i32,
    /// Days after the table's snapshot date (the `YYYY-MM-DD` in its file name) that a publication date
    /// may lie; Epoch lists a few announced models with dates a little ahead. Default 366.
    pub days_after_snapshot: u32,
    /// Latest plausible publication year of a table whose file name carries no date. Default 2100.
    pub last_year_without_snapshot: i32,
    /// Smallest plausible training compute, FLOP. Default 1 (Epoch's smallest is 40 FLOP, Theseus).
    pub min_training_flop: f64,
    /// Largest plausible training compute, FLOP. Default 1e31, more than four orders of magnitude above
    /// the largest in any shipped vintage (5e26 FLOP).
    pub max_training_flop: f64,
}

impl Default for Plausibility {
    fn default() -> Self {
        Plausibility {
            first_year: 1940,
            days_after_snapshot: 366,
            last_year_without_snapshot: 2100,
            min_training_flop: 1.0,
            max_training_flop: 1e31,
        }
    }
}

/// Which OpenAlex works count as machine learning: the population of a snapshot read (`warehouse build
/// --openalex`, unless `--openalex-filter none`). A work is ML when any of its topics (only the primary
/// topic with `primary_topic_only`) is in `fields`, `subfields` or `topics`, or any of its concepts with
/// at least `concept_min_score` is in `concepts`. Ids are OpenAlex's, without the URL prefix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OpenAlexMlFilter {
    /// Field ids (`17` Computer Science).
    pub fields: Vec<String>,
    /// Subfield ids (`1702` Artificial Intelligence, `1707` Computer Vision and Pattern Recognition).
    pub subfields: Vec<String>,
    /// Topic ids (`T10320` ...).
    pub topics: Vec<String>,
    /// Concept ids (`C119857082` Machine learning ...).
    pub concepts: Vec<String>,
    /// A concept counts only with at least this score (0–1).
    pub concept_min_score: f64,
    /// Look at the primary topic only (else at every topic of the work).
    pub primary_topic_only: bool,
}

impl Default for OpenAlexMlFilter {
    fn default() -> Self {
        OpenAlexMlFilter {
            fields: Vec::new(),
            // Artificial Intelligence; Computer Vision and Pattern Recognition.
            subfields: vec!["1702".into(), "1707".into()],
            topics: Vec::new(),
            // Machine learning; Deep learning; Artificial neural network; Natural language processing;
            // Computer vision.
            concepts: vec![
                "C119857082".into(),
                "C108583219".into(),
                "C50644808".into(),
                "C204321447".into(),
                "C31972630".into(),
            ],
            concept_min_score: 0.5,
            primary_topic_only: false,
        }
    }
}

impl Plausibility {
    fn validate(&self) -> Result<(), String> {
        let p = self;
        if !(1000..=2200).contains(&p.first_year)
            || !(p.first_year..=2200).contains(&p.last_year_without_snapshot)
        {
            return Err(format!(
                "plausibility: first_year and last_year_without_snapshot must be years in 1000–2200 with \
                 first_year ≤ last_year_without_snapshot, got {} and {}",
                p.first_year, p.last_year_without_snapshot
            ));
        }
        if p.days_after_snapshot > 36_600 {
            return Err(format!(
                "plausibility.days_after_snapshot: must be 0–36600, got {}",
                p.days_after_snapshot
            ));
        }
        let pos = |v: f64| v.is_finite() && v > 0.0;
        if !(pos(p.min_training_flop)
            && pos(p.max_training_flop)
            && p.min_training_flop < p.max_training_flop)
        {
            return Err(format!(
                "plausibility: min_training_flop < max_training_flop, both finite and > 0, are needed; got {} \
                 and {}",
                p.min_training_flop, p.max_training_flop
            ));
        }
        Ok(())
    }
}

impl OpenAlexMlFilter {
    fn validate(&self) -> Result<(), String> {
        let f = self;
        if !(0.0..=1.0).contains(&f.concept_min_score) {
            return Err(format!(
                "openalex_ml_filter.concept_min_score: must be in [0, 1], got {}",
                f.concept_min_score
            ));
        }
        let lists = [&f.fields, &f.subfields, &f.topics, &f.concepts];
        if lists.iter().all(|l| l.is_empty()) {
            return Err(
                "openalex_ml_filter: fields, subfields, topics and concepts are all empty, so no work \
                        would count as ML (to keep every work, use `--openalex-filter none`)"
                    .into(),
            );
        }
        for id in lists.iter().flat_map(|l| l.iter()) {
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!(
                    "openalex_ml_filter: ids are OpenAlex's short ids (`1702`, `T10320`, `C119857082`), got {id:?}"
                ));
            }
        }
        Ok(())
    }
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
    /// Topic representation: a topic enters the regression of the change in academic-only share
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
    /// Scrutiny: a catalogue model counts as influential when Epoch flags it frontier, or its
    /// largest variant used at least this much training compute (Epoch's large-scale table: 1e23 FLOP) ...
    pub influential_min_compute_flop: f64,
    /// ... or it is among this many models named in the most papers of the input.
    pub influential_top_mentioned: usize,
    /// Adoption: how many of the most-adopted models to list per year.
    pub adoption_top_models: usize,
    /// Publications: which evidence decides an author's sector: `string` (the affiliation string),
    /// `domain` (the e-mail domain, then the position) or `both` (the string; where it says nothing, the
    /// domain, then the position). Sources without domains or positions are unaffected by `both`.
    pub author_evidence: AuthorEvidence,
    /// Topic test: which papers enter: `all` (every source), `complete_lists` (Paper Copilot and the
    /// conference list; no selection by theme) or `ml_core` (NeurIPS, ICML, ICLR).
    pub venue_set: VenueSet,
    /// Publications: `accepted` counts accepted papers only; `all` counts every submission (rejected and
    /// withdrawn ones too, where the source lists them). Review-outcome analyses always use all.
    pub paper_statuses: PaperStatusFilter,
    /// Which source decides a model's team kind: `epoch_label`, `derived` or `label_then_derived`.
    pub team_source: TeamSourceRule,
    /// Frontier gap: which models feed each team's running maximum and top-n envelope (`dl_era` or
    /// `all_models`).
    pub gap_from: GapFrom,
    /// Fewest points for a least-squares fit (trend differences in the specification curve, the open and
    /// closed frontier fits).
    pub min_fit_points: usize,
    /// A share resting on fewer models or papers than this is flagged as small-n (`small_n` in JSON, marked in
    /// tables, hollow marks in figures, named in captions).
    pub min_n_share: usize,
    /// A bootstrap interval is flagged when fewer than this fraction of its resamples gave an estimate
    /// (e.g. open-vs-closed lag draws whose closed slope is not positive).
    pub min_valid_bootstrap_share: f64,
    /// The year of the report's headline shares (the study reports 2022).
    pub headline_year: i32,
    /// Values of each disputed definition in the specification curve.
    pub spec_curve: SpecCurveGrid,
    /// Topic assignment: weights of the phrase rules.
    pub topic_scoring: TopicScoring,
    /// Thematic log-odds: terms with fewer pooled occurrences are left out.
    pub thematic_min_count: u64,
    /// Thematic log-odds: how many terms to list on each side.
    pub thematic_top: usize,
    /// Adoption figure: a year enters the figure's axis only with at least this many papers.
    pub adoption_min_papers_per_year: usize,
    /// Snapshot diff: a model of the old vintage and one of the new whose names differ count as one
    /// renamed model only if their publication dates are at most this many days apart (and they share an
    /// organisation and their names are similar; docs/diff.md).
    pub diff_rename_max_days: u32,
    /// Snapshot diff: the least similarity of two normalised names (Dice coefficient of character
    /// bigrams; 1 when one name contains the other) for a rename match.
    pub diff_rename_min_similarity: f64,
    /// Compute provision: flags, sector split, price-performance, cost and budget scenarios.
    pub provision: ProvisionDefs,
    /// Bounds of plausible publication dates and training compute in a model table.
    pub plausibility: Plausibility,
    /// Which OpenAlex works of a snapshot count as machine learning.
    pub openalex_ml_filter: OpenAlexMlFilter,
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
            venue_set: VenueSet::All,
            paper_statuses: PaperStatusFilter::Accepted,
            team_source: TeamSourceRule::LabelThenDerived,
            gap_from: GapFrom::DlEra,
            min_fit_points: 3,
            min_n_share: 10,
            min_valid_bootstrap_share: 0.95,
            headline_year: 2022,
            spec_curve: SpecCurveGrid::default(),
            topic_scoring: TopicScoring::default(),
            thematic_min_count: 10,
            thematic_top: 15,
            adoption_min_papers_per_year: 20,
            diff_rename_max_days: 31,
            diff_rename_min_similarity: 0.5,
            provision: ProvisionDefs::default(),
            plausibility: Plausibility::default(),
            openalex_ml_filter: OpenAlexMlFilter::default(),
        }
    }
}

/// Every field of [`Definitions`] with its documentation, in declaration order: the methods section of the
/// report and `--print-config` read it, and a test checks that every serialised key has an entry.
pub const FIELD_DOCS: &[(&str, &str)] = &[
    ("seed", "Seed of every random draw (bootstrap resamples, jitter)."),
    ("bootstrap_resamples", "Bootstrap resamples (Epoch uses 1000)."),
    ("bootstrap_jitter", "Shift each point's log10 compute by uniform noise on [log10 ½, log10 2] in each resample, as Epoch does to reflect the error of compute estimates."),
    ("notability_filter", "Which Epoch models count as notable for the study's analyses."),
    ("academic_only", "Whether academia-leaning collaborations count as academic."),
    ("academia_leaning_min_share", "Academic fractional share from which a collaboration leans to academia (Epoch: 71%)."),
    ("dl_era_start", "Start of the deep-learning era, decimal year (Sevilla et al.: 2010)."),
    ("large_scale_era_start", "Start of the large-scale era, decimal year (Sevilla et al.: late 2015; 2015-09-01 here)."),
    ("large_scale_rule", "Which models count as large-scale."),
    ("frontier_rule", "Which models count as frontier."),
    ("periods", "Multi-year periods for shares and representation."),
    ("top_k_largest", "How many of the largest models per year enter the industry share of the largest models."),
    ("vintage", "Epoch vintage to analyse (file stem such as `all_ml_systems_2023-12-14`); `None` = the newest all-models snapshot found."),
    ("unknown_author_policy", "How authors of unknown sector enter paper teams."),
    ("topic_min_papers", "Topic representation: a topic enters the regression of the change in academic-only share on compute intensity only with at least this many papers of known team in both the first and the last period."),
    ("topic_min_models", "Topic representation: a topic's compute intensity (median log10 FLOP of its notable Epoch models) is reported, and the topic enters the regression, only when at least this many models map to it."),
    ("thematic_prior_scale", "Thematic log-odds (Monroe, Colaresi & Quinn 2008): total weight α₀ of the informative Dirichlet prior, spread over terms in proportion to their frequency in the pooled corpus. Larger values shrink rare terms' log-odds harder towards zero."),
    ("research_institute_sector", "Sector of public research institutes (Max Planck, INRIA, CNRS, RIKEN, Chinese Academy of Sciences, Shanghai AI Lab, Mila, Vector Institute; GRID type `Facility`) in the institution classifier. Epoch labels them academia (default); `government` is the stricter reading."),
    ("hospital_sector", "Sector of hospitals and medical centres (GRID type `Healthcare`) in the institution classifier. Default academia: in research authorship they are mostly academic medical centres."),
    ("open_closed_frontier_rule", "Open-vs-closed lag (Epoch, \"How far behind are open models?\"): which models of each category (open weights / closed) form that category's frontier, applied within the category (default: the 5 largest at the time of release)."),
    ("open_closed_fit_start", "Open-vs-closed lag: the frontier fits use models published from this decimal year on."),
    ("gap_top_n", "Frontier gap: the top-n envelope is the mean log10 compute of the `gap_top_n` largest models a team kind has published up to each year (beside the running maximum, which is n = 1)."),
    ("influential_min_compute_flop", "Scrutiny: a catalogue model counts as influential when Epoch flags it frontier, or its largest variant used at least this much training compute (Epoch's large-scale table: 1e23 FLOP) ..."),
    ("influential_top_mentioned", "... or it is among this many models named in the most papers of the input."),
    ("adoption_top_models", "Adoption: how many of the most-adopted models to list per year."),
    ("author_evidence", "Publications: which evidence decides an author's sector: `string` (the affiliation string), `domain` (the e-mail domain, then the position) or `both` (the string; where it says nothing, the domain, then the position). Sources without domains or positions are unaffected by `both`."),
    ("paper_statuses", "Publications: `accepted` counts accepted papers only; `all` counts every submission (rejected and withdrawn ones too, where the source lists them). Review-outcome analyses always use all."),
    ("team_source", "Which source decides a model's team kind: `epoch_label`, `derived` or `label_then_derived`."),
    ("gap_from", "Frontier gap: which models feed each team's running maximum and top-n envelope (`dl_era` or `all_models`)."),
    ("min_fit_points", "Fewest points for a least-squares fit (trend differences in the specification curve, the open and closed frontier fits)."),
    ("min_n_share", "A share resting on fewer models or papers than this is flagged as small-n (`small_n` in JSON, marked in tables, hollow marks in figures, named in captions)."),
    ("min_valid_bootstrap_share", "A bootstrap interval is flagged when fewer than this fraction of its resamples gave an estimate (e.g. open-vs-closed lag draws whose closed slope is not positive)."),
    ("headline_year", "The year of the report's headline shares (the study reports 2022)."),
    ("venue_set", "Topic test: which papers enter: `all` (every source), `complete_lists` (Paper Copilot's lists and the conference list; leaves out selections by theme such as the AI Index's responsible-AI papers) or `ml_core` (NeurIPS, ICML and ICLR from every source)."),
    ("spec_curve", "Values of each disputed definition in the specification curve (the model claims: notability, academic-only rule, team source, large-scale rule, open/closed frontier rule, gap measure, gap source; the topic claim: author evidence, unknown-author policy, venue set; and the resamples behind each specification's interval)."),
    ("topic_scoring", "Topic assignment: weights of the phrase rules."),
    ("thematic_min_count", "Thematic log-odds: terms with fewer pooled occurrences are left out."),
    ("thematic_top", "Thematic log-odds: how many terms to list on each side."),
    ("adoption_min_papers_per_year", "Adoption figure: a year enters the figure's axis only with at least this many papers."),
    ("diff_rename_max_days", "Snapshot diff: two models of different names in the old and the new vintage match as a rename only if their publication dates are at most this many days apart (and they share an organisation and their names are similar; docs/diff.md)."),
    ("diff_rename_min_similarity", "Snapshot diff: the least similarity of two normalised names for a rename match (Dice coefficient of character bigrams; 1 when one name contains the other)."),
    ("plausibility", "Bounds of plausible values in a model table: publication years from `first_year` to the table's snapshot date (the date in its file name) plus `days_after_snapshot` days (`last_year_without_snapshot` when the name has no date, or when a tenth or more of the table's dates lie beyond it, so that it cannot be the snapshot's date), training compute from `min_training_flop` to `max_training_flop`. A value outside is dropped (the row stays) with a note naming row, field, value and bound; the report lists them under its sources."),
    ("provision", "Compute provision (Epoch's GPU-clusters and ML-hardware tables, docs/provision.md): which flagged clusters are left out (`drop_excluded`, `drop_possible_duplicates`, `standard_analysis_only`, `drop_superseded`), how `Public/Private` clusters count (`public_private_as`: separate, public, private, half), how many countries get rows; the accelerator precision of price-performance (`precision`), the utilisation of peak (Epoch: 30–40%), the price basis (purchase price amortised over `years`, or a rental price per H100-hour), the FLOP/s of one H100-equivalent (the unit of GPU-years), the top-n scale and the large-scale threshold of the what-if, the budget scenarios (dollars per year, share for large runs, source) and the budgets of the what-if curve."),
    ("openalex_ml_filter", "Which OpenAlex works of a snapshot count as machine learning (`warehouse build --openalex`; `--openalex-filter none` keeps every work): a work is ML when any of its topics (only the primary topic with `primary_topic_only`) has a field, subfield or topic id listed, or any of its concepts with at least `concept_min_score` is listed. Default: subfields 1702 Artificial Intelligence and 1707 Computer Vision and Pattern Recognition; concepts C119857082 Machine learning, C108583219 Deep learning, C50644808 Artificial neural network, C204321447 Natural language processing, C31972630 Computer vision, at score ≥ 0.5."),
];

/// The documentation of one field of [`Definitions`] (`None` for an unknown key).
pub fn field_doc(key: &str) -> Option<&'static str> {
    FIELD_DOCS.iter().find(|(k, _)| *k == key).map(|(_, d)| *d)
}

fn check_frontier(key: &str, rule: &FrontierRule) -> Result<(), String> {
    match *rule {
        FrontierRule::TopN { n: 0 } => Err(format!("{key}: top_n n must be ≥ 1, got 0")),
        FrontierRule::Percentile { percentile, window_years }
            if !((0.0..=100.0).contains(&percentile) && window_years.is_finite() && window_years > 0.0) =>
        {
            Err(format!(
                "{key}: percentile must be in 0–100 and window_years a finite number > 0, got {percentile} and \
                 {window_years}"
            ))
        }
        FrontierRule::Residual { min_residual_oom } if !min_residual_oom.is_finite() => {
            Err(format!("{key}: min_residual_oom must be a finite number"))
        }
        _ => Ok(()),
    }
}

fn check_large_scale(key: &str, rule: &LargeScaleRule) -> Result<(), String> {
    match *rule {
        LargeScaleRule::ZScore { threshold, window_years }
            if !(threshold.is_finite() && window_years.is_finite() && window_years > 0.0) =>
        {
            Err(format!(
                "{key}: z_score needs a finite threshold and a finite window_years > 0, got {threshold} and \
                 {window_years}"
            ))
        }
        LargeScaleRule::Threshold { min_flop } if !(min_flop > 0.0 && min_flop.is_finite()) => {
            Err(format!("{key}: threshold min_flop must be > 0, got {min_flop}"))
        }
        _ => Ok(()),
    }
}

/// Decimal years the analyses accept for era boundaries and fit starts.
const YEAR_RANGE: std::ops::RangeInclusive<f64> = 1900.0..=2200.0;

/// Keys of `input` that `known` (the parsed definitions written back) lacks, at any nesting level: serde
/// cannot refuse unknown fields inside internally tagged rules, so they are found here.
fn unknown_keys(input: &toml::Value, known: &toml::Value, path: &str, out: &mut Vec<String>) {
    match (input, known) {
        (toml::Value::Table(i), toml::Value::Table(k)) => {
            for (key, v) in i {
                let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match k.get(key) {
                    Some(kv) => unknown_keys(v, kv, &at, out),
                    None => out.push(at),
                }
            }
        }
        (toml::Value::Array(i), toml::Value::Array(k)) => {
            for (n, (iv, kv)) in i.iter().zip(k).enumerate() {
                unknown_keys(iv, kv, &format!("{path}[{n}]"), out);
            }
        }
        _ => {}
    }
}

impl Definitions {
    /// Definitions from a TOML config (`--config`): defaults for absent keys; an unknown key at any level
    /// is an error naming it. Ranges are checked by [`Definitions::validate`], which the caller runs
    /// after applying its flags.
    pub fn from_toml(text: &str) -> Result<Definitions, String> {
        let d = toml::from_str::<Definitions>(text).map_err(|e| e.to_string().trim().to_string())?;
        let input: toml::Value = toml::from_str(text).map_err(|e| e.to_string().trim().to_string())?;
        let known = toml::Value::try_from(&d).map_err(|e| e.to_string())?;
        let mut unknown = vec![];
        unknown_keys(&input, &known, "", &mut unknown);
        if !unknown.is_empty() {
            return Err(format!(
                "unknown key{} {}; see `report --print-config` for the keys and their values",
                if unknown.len() > 1 { "s" } else { "" },
                unknown.join(", ")
            ));
        }
        Ok(d)
    }

    /// The definitions as a TOML config file (`report --print-config`), which [`Definitions::from_toml`]
    /// reads back.
    pub fn to_toml(&self) -> Result<String, String> {
        let body = toml::to_string(self).map_err(|e| format!("cannot write the definitions as TOML: {e}"))?;
        Ok(format!(
            "# compute-divide definitions (pass with --config FILE.toml; every key is optional).\n\
             # The report's methods section documents each key.\n{body}"
        ))
    }

    /// Check every value's range, whatever its origin (defaults, a config file, flags): the one place
    /// definitions are validated. The message names the key and what is allowed.
    pub fn validate(&self) -> Result<(), String> {
        let d = self;
        if !(1..=1_000_000).contains(&d.bootstrap_resamples) {
            return Err(format!("bootstrap_resamples: must be 1–1000000, got {}", d.bootstrap_resamples));
        }
        if !(d.academia_leaning_min_share > 0.5 && d.academia_leaning_min_share <= 1.0) {
            return Err(format!(
                "academia_leaning_min_share: must be in (0.5, 1], got {}",
                d.academia_leaning_min_share
            ));
        }
        if !(YEAR_RANGE.contains(&d.dl_era_start)
            && YEAR_RANGE.contains(&d.large_scale_era_start)
            && d.dl_era_start <= d.large_scale_era_start)
        {
            return Err(format!(
                "dl_era_start / large_scale_era_start: must be decimal years in 1900–2200 with dl_era_start ≤ \
                 large_scale_era_start, got {} and {}",
                d.dl_era_start, d.large_scale_era_start
            ));
        }
        check_large_scale("large_scale_rule", &d.large_scale_rule)?;
        d.provision.validate()?;
        d.plausibility.validate()?;
        d.openalex_ml_filter.validate()?;
        check_frontier("frontier_rule", &d.frontier_rule)?;
        check_frontier("open_closed_frontier_rule", &d.open_closed_frontier_rule)?;
        if d.periods.is_empty() {
            return Err("periods: at least one period is needed".into());
        }
        for (i, p) in d.periods.iter().enumerate() {
            if !(1900..=2200).contains(&p.start_year)
                || p.end_year.is_some_and(|e| !(1900..=2200).contains(&e))
            {
                return Err(format!("periods: {:?} must lie within the years 1900–2200", p.label));
            }
            if p.end_year.is_some_and(|e| e < p.start_year) {
                return Err(format!("periods: {:?} ends before it starts", p.label));
            }
            for q in &d.periods[..i] {
                let overlap = p.start_year <= q.end_year.unwrap_or(i32::MAX)
                    && q.start_year <= p.end_year.unwrap_or(i32::MAX);
                if overlap || p.label == q.label {
                    return Err(format!("periods: {:?} and {:?} overlap or share a label", q.label, p.label));
                }
            }
        }
        if d.top_k_largest == 0 {
            return Err("top_k_largest: must be ≥ 1".into());
        }
        if d.gap_top_n == 0 {
            return Err("gap_top_n: must be ≥ 1".into());
        }
        if !YEAR_RANGE.contains(&d.open_closed_fit_start) {
            return Err("open_closed_fit_start: must be a decimal year in 1900–2200".into());
        }
        if !(d.thematic_prior_scale.is_finite() && d.thematic_prior_scale > 0.0) {
            return Err(format!(
                "thematic_prior_scale: must be a finite number > 0, got {}",
                d.thematic_prior_scale
            ));
        }
        if !(d.influential_min_compute_flop.is_finite() && d.influential_min_compute_flop > 0.0) {
            return Err(format!(
                "influential_min_compute_flop: must be a finite number > 0, got {}",
                d.influential_min_compute_flop
            ));
        }
        if d.min_fit_points < 3 {
            return Err(format!(
                "min_fit_points: must be ≥ 3 (a line through fewer says nothing), got {}",
                d.min_fit_points
            ));
        }
        if !(d.diff_rename_min_similarity > 0.0 && d.diff_rename_min_similarity <= 1.0) {
            return Err(format!(
                "diff_rename_min_similarity: must be in (0, 1], got {}",
                d.diff_rename_min_similarity
            ));
        }
        if d.diff_rename_max_days > 3660 {
            return Err(format!("diff_rename_max_days: must be 0–3660, got {}", d.diff_rename_max_days));
        }
        if !(d.min_valid_bootstrap_share > 0.0 && d.min_valid_bootstrap_share <= 1.0) {
            return Err(format!(
                "min_valid_bootstrap_share: must be in (0, 1], got {}",
                d.min_valid_bootstrap_share
            ));
        }
        if !(1900..=2200).contains(&d.headline_year) {
            return Err(format!("headline_year: must be a year in 1900–2200, got {}", d.headline_year));
        }
        let t = &d.topic_scoring;
        if t.min_score == 0 || (t.strong_weight == 0 && t.abstract_weight == 0) {
            return Err("topic_scoring: min_score must be ≥ 1 and at least one weight ≥ 1".into());
        }
        let g = &d.spec_curve;
        if g.notability.is_empty()
            || g.academic_only.is_empty()
            || g.team_source.is_empty()
            || g.large_scale.is_empty()
            || g.open_closed_frontier.is_empty()
            || g.gap_measure.is_empty()
            || g.gap_from.is_empty()
            || g.author_evidence.is_empty()
            || g.unknown_authors.is_empty()
            || g.venue_set.is_empty()
        {
            return Err("spec_curve: every list of values needs at least one value".into());
        }
        if g.resamples > 100_000 {
            return Err(format!("spec_curve.resamples: must be 0–100000, got {}", g.resamples));
        }
        for r in &g.large_scale {
            check_large_scale("spec_curve.large_scale", r)?;
        }
        for r in &g.open_closed_frontier {
            check_frontier("spec_curve.open_closed_frontier", r)?;
        }
        Ok(())
    }
}

/// A number of a rule's text, or the message naming it and the `allowed` forms.
fn rule_number<T: std::str::FromStr>(text: &str, allowed: &str) -> Result<T, String> {
    text.trim().parse().map_err(|_| format!("{text:?} is not a number; allowed: {allowed}"))
}

impl LargeScaleRule {
    /// `zscore[:SD]` or `threshold[:FLOP]` over `current`: a value the text does not give (the window, or
    /// the number itself) keeps the rule in force when it is of the same kind, else the specification
    /// curve's default of that kind. Ranges are checked by [`Definitions::validate`].
    pub fn from_flag(text: &str, current: &LargeScaleRule) -> Result<LargeScaleRule, String> {
        const ALLOWED: &str = "zscore[:SD] (SD finite), threshold[:FLOP] (FLOP > 0)";
        let (kind, value) = text.split_once(':').map_or((text, None), |(k, v)| (k, Some(v)));
        let number = || value.map(|v| rule_number::<f64>(v, ALLOWED)).transpose();
        let known = [*current].into_iter().chain(SpecCurveGrid::default().large_scale);
        let same_kind =
            |zscore: bool| known.clone().find(|r| matches!(r, LargeScaleRule::ZScore { .. }) == zscore);
        match (kind.trim(), same_kind(true), same_kind(false)) {
            ("zscore", Some(LargeScaleRule::ZScore { threshold, window_years }), _) => {
                Ok(LargeScaleRule::ZScore { threshold: number()?.unwrap_or(threshold), window_years })
            }
            ("threshold", _, Some(LargeScaleRule::Threshold { min_flop })) => {
                Ok(LargeScaleRule::Threshold { min_flop: number()?.unwrap_or(min_flop) })
            }
            (other, _, _) => Err(format!("unknown rule {other:?}; allowed: {ALLOWED}")),
        }
    }
}

impl FrontierRule {
    /// `top-n[:N]`, `percentile[:P]` or `residual[:OOM]` over `current`, as
    /// [`LargeScaleRule::from_flag`]: missing values come from the rule in force when it is of the same
    /// kind, else from the default rule and the specification curve's rules.
    pub fn from_flag(text: &str, current: &FrontierRule) -> Result<FrontierRule, String> {
        const ALLOWED: &str = "top-n[:N] (N ≥ 1), percentile[:P] (0–100), residual[:OOM]";
        let (kind, value) = text.split_once(':').map_or((text, None), |(k, v)| (k, Some(v)));
        let mut known = vec![*current, Definitions::default().frontier_rule];
        known.extend(SpecCurveGrid::default().open_closed_frontier);
        // The first known rule of the flag's kind gives the values the flag leaves out (the defaults hold
        // one rule of every kind, so a kind the flag names is always found).
        let of_kind = |kind: fn(&FrontierRule) -> bool| known.iter().copied().find(&kind);
        let top_n = of_kind(|r| matches!(r, FrontierRule::TopN { .. }));
        let percentile = of_kind(|r| matches!(r, FrontierRule::Percentile { .. }));
        let residual = of_kind(|r| matches!(r, FrontierRule::Residual { .. }));
        match (kind.trim(), top_n, percentile, residual) {
            ("top-n" | "top_n", Some(FrontierRule::TopN { n }), _, _) => {
                let given: Option<usize> = value.map(|v| rule_number(v, ALLOWED)).transpose()?;
                Ok(FrontierRule::TopN { n: given.unwrap_or(n) })
            }
            ("percentile", _, Some(FrontierRule::Percentile { percentile, window_years }), _) => {
                let given: Option<f64> = value.map(|v| rule_number(v, ALLOWED)).transpose()?;
                Ok(FrontierRule::Percentile { percentile: given.unwrap_or(percentile), window_years })
            }
            ("residual", _, _, Some(FrontierRule::Residual { min_residual_oom })) => {
                let given: Option<f64> = value.map(|v| rule_number(v, ALLOWED)).transpose()?;
                Ok(FrontierRule::Residual { min_residual_oom: given.unwrap_or(min_residual_oom) })
            }
            (other, ..) => Err(format!("unknown rule {other:?}; allowed: {ALLOWED}")),
        }
    }
}

impl NotabilityFilter {
    pub fn parse(text: &str) -> Option<NotabilityFilter> {
        match text {
            "study" => Some(NotabilityFilter::Study),
            "any_criterion" | "any-criterion" => Some(NotabilityFilter::AnyCriterion),
            "none" => Some(NotabilityFilter::None),
            _ => None,
        }
    }
}

impl AcademicOnlyRule {
    pub fn parse(text: &str) -> Option<AcademicOnlyRule> {
        match text {
            "strict" => Some(AcademicOnlyRule::Strict),
            "loose" => Some(AcademicOnlyRule::Loose),
            _ => None,
        }
    }
}

impl Definitions {
    /// Set the choice `key` (a field name: `notability_filter`, `academic_only`, `large_scale_rule`,
    /// `frontier_rule`, `team_source`, `gap_from`, `author_evidence`, `venue_set`, `unknown_author_policy`) from its
    /// command-line text, over the value in force. The message names the text and the allowed values;
    /// ranges are checked by [`Definitions::validate`].
    pub fn set_from_text(&mut self, key: &str, text: &str) -> Result<(), String> {
        fn or<T>(v: Option<T>, what: &str, text: &str, allowed: &str) -> Result<T, String> {
            v.ok_or_else(|| format!("{what}{text:?}; allowed: {allowed}"))
        }
        match key {
            "notability_filter" => {
                let v = NotabilityFilter::parse(text);
                self.notability_filter = or(v, "unknown filter ", text, "study, any_criterion, none")?
            }
            "academic_only" => {
                self.academic_only =
                    or(AcademicOnlyRule::parse(text), "unknown rule ", text, "strict, loose")?
            }
            "large_scale_rule" => {
                self.large_scale_rule = LargeScaleRule::from_flag(text, &self.large_scale_rule)?
            }
            "frontier_rule" => self.frontier_rule = FrontierRule::from_flag(text, &self.frontier_rule)?,
            "team_source" => {
                let v = TeamSourceRule::parse(text);
                self.team_source = or(v, "unknown source ", text, "epoch_label, derived, label_then_derived")?
            }
            "gap_from" => {
                self.gap_from = or(GapFrom::parse(text), "unknown choice ", text, "dl_era, all_models")?
            }
            "author_evidence" => {
                let v = AuthorEvidence::parse(text);
                self.author_evidence = or(v, "unknown evidence ", text, "string, domain, both")?
            }
            "venue_set" => {
                let v = VenueSet::parse(text);
                self.venue_set = or(v, "unknown venue set ", text, "all, complete_lists, ml_core")?
            }
            "unknown_author_policy" => {
                let v = UnknownAuthorPolicy::parse(text);
                self.unknown_author_policy = or(v, "", text, "drop, as_academic, as_industry")?
            }
            other => return Err(format!("{other}: not a choice set from text")),
        }
        Ok(())
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

    #[test]
    fn openalex_ml_filter_is_checked() {
        let bad = |f: OpenAlexMlFilter| {
            Definitions { openalex_ml_filter: f, ..Definitions::default() }.validate().unwrap_err()
        };
        let empty = OpenAlexMlFilter { subfields: vec![], concepts: vec![], ..OpenAlexMlFilter::default() };
        assert!(bad(empty).contains("--openalex-filter none"));
        assert!(bad(OpenAlexMlFilter { concept_min_score: 1.5, ..OpenAlexMlFilter::default() })
            .contains("concept_min_score"));
        let url = OpenAlexMlFilter {
            subfields: vec!["https://openalex.org/subfields/1702".into()],
            ..OpenAlexMlFilter::default()
        };
        assert!(bad(url).contains("short ids"));
        // Old config files without the key parse to the default.
        let d: Definitions = serde_json::from_str(r#"{"seed": 1}"#).unwrap();
        assert_eq!(d.openalex_ml_filter, OpenAlexMlFilter::default());
    }

    #[test]
    fn every_field_has_documentation() {
        let value = serde_json::to_value(Definitions::default()).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        for k in &keys {
            let doc = field_doc(k).unwrap_or_else(|| panic!("definition {k} has no entry in FIELD_DOCS"));
            assert!(!doc.trim().is_empty(), "definition {k} has an empty doc");
            assert!(!doc.contains("(issue"), "definition {k}: no issue tags in user text");
        }
        assert_eq!(FIELD_DOCS.len(), keys.len(), "FIELD_DOCS lists a key that is not a field");
    }

    #[test]
    fn unknown_keys_are_errors_at_every_level() {
        for (text, key) in [
            ("[large_scale_rule]\nkind = \"z_score\"\nthreshold = 0.7\nwindow_years = 1.0\ncolour = \"red\"\n", "colour"),
            ("[[periods]]\nlabel = \"a\"\nstart_year = 2010\nfoo = \"bar\"\n", "foo"),
            ("[spec_curve]\nresampels = 3\n", "resampels"),
            ("[topic_scoring]\nweight = 3\n", "weight"),
            ("[plausibility]\nfirst_yaer = 1950\n", "first_yaer"),
        ] {
            let e = Definitions::from_toml(text).unwrap_err();
            assert!(e.contains(key), "{text}: {e}");
        }
        let d = Definitions::from_toml(
            "bootstrap_resamples = 200\nlarge_scale_rule = { kind = \"threshold\", min_flop = 1e22 }\n",
        )
        .unwrap();
        assert_eq!(d.bootstrap_resamples, 200);
        assert_eq!(d.large_scale_rule, LargeScaleRule::Threshold { min_flop: 1e22 });
        assert_eq!(d.seed, Definitions::default().seed);
        assert_eq!(Definitions::from_toml(&d.to_toml().unwrap()).unwrap(), d, "to_toml reads back");
        let d =
            Definitions::from_toml("[spec_curve]\nresamples = 50\nteam_source = [\"derived\"]\n").unwrap();
        assert_eq!(d.spec_curve.resamples, 50);
        assert_eq!(d.spec_curve.team_source, vec![TeamSourceRule::Derived]);
        assert_eq!(d.spec_curve.notability.len(), 3, "absent keys keep their defaults");
    }

    #[test]
    fn defaults_are_valid_and_bad_values_are_named() {
        Definitions::default().validate().unwrap();
        let bad = |d: Definitions| d.validate().unwrap_err();
        let d = Definitions::default;
        assert!(bad(Definitions { dl_era_start: -1e300, ..d() }).contains("dl_era_start"));
        let wide = vec![Period::new("all", -2147483648, Some(2147483647))];
        assert!(bad(Definitions { periods: wide, ..d() }).contains("1900–2200"));
        let dup = vec![Period::new("a", 2010, Some(2015)), Period::new("b", 2015, None)];
        assert!(bad(Definitions { periods: dup, ..d() }).contains("overlap"));
        assert!(bad(Definitions { thematic_prior_scale: f64::NAN, ..d() }).contains("thematic_prior_scale"));
        assert!(bad(Definitions { influential_min_compute_flop: -1.0, ..d() }).contains("influential"));
        let inf = LargeScaleRule::ZScore { threshold: 0.76, window_years: f64::INFINITY };
        assert!(bad(Definitions { large_scale_rule: inf, ..d() }).contains("large_scale_rule"));
        assert!(bad(Definitions { min_fit_points: 2, ..d() }).contains("min_fit_points"));
        let grid = SpecCurveGrid { team_source: vec![], ..SpecCurveGrid::default() };
        assert!(bad(Definitions { spec_curve: grid, ..d() }).contains("spec_curve"));
        let prov = |f: &dyn Fn(&mut ProvisionDefs)| {
            let mut p = ProvisionDefs::default();
            f(&mut p);
            bad(Definitions { provision: p, ..d() })
        };
        assert!(prov(&|p| p.utilisation = 0.0).contains("provision.utilisation"));
        assert!(prov(&|p| p.utilisation = 1.5).contains("provision.utilisation"));
        assert!(prov(&|p| p.price_basis = PriceBasis::Amortised { years: f64::NAN }).contains("years"));
        assert!(prov(&|p| p.price_basis = PriceBasis::Rental { usd_per_h100_hour: -2.0 })
            .contains("usd_per_h100_hour"));
        assert!(prov(&|p| p.curve_min_usd = 1e12).contains("curve_min_usd"));
        assert!(prov(&|p| p.top_scale_n = 0).contains("top_scale_n"));
        let plaus = |f: &dyn Fn(&mut Plausibility)| {
            let mut p = Plausibility::default();
            f(&mut p);
            bad(Definitions { plausibility: p, ..d() })
        };
        assert!(plaus(&|p| p.min_training_flop = f64::NAN).contains("plausibility"));
        assert!(plaus(&|p| p.max_training_flop = 0.5).contains("min_training_flop < max_training_flop"));
        assert!(plaus(&|p| p.first_year = -2147483648).contains("first_year"));
        assert!(plaus(&|p| p.last_year_without_snapshot = 1900).contains("first_year ≤"));
        assert!(plaus(&|p| p.days_after_snapshot = u32::MAX).contains("days_after_snapshot"));
        assert!(prov(&|p| p.scenarios[1].name = "NAIRR".into()).contains("distinct"));
        assert!(prov(&|p| p.scenarios[0].large_run_share = 0.0).contains("large_run_share"));
    }

    #[test]
    fn grid_joins_the_definitions_in_force() {
        let own = LargeScaleRule::Threshold { min_flop: 1e24 };
        let d = Definitions { large_scale_rule: own, gap_from: GapFrom::AllModels, ..Definitions::default() };
        let g = d.spec_curve.with_definitions(&d);
        assert_eq!(g.large_scale.len(), 4);
        assert_eq!(g.large_scale[3], own);
        assert_eq!(g.gap_from, GapFrom::ALL.to_vec());
        let g = Definitions::default().spec_curve.with_definitions(&Definitions::default());
        assert_eq!(g, SpecCurveGrid::default());
    }

    #[test]
    fn rules_from_text_keep_the_values_in_force() {
        let z = LargeScaleRule::ZScore { threshold: 0.7, window_years: 2.0 };
        let p = FrontierRule::Percentile { percentile: 80.0, window_years: 3.0 };
        let ls = |t: &str, c: &LargeScaleRule| LargeScaleRule::from_flag(t, c);
        assert_eq!(ls("zscore:1.5", &z), Ok(LargeScaleRule::ZScore { threshold: 1.5, window_years: 2.0 }));
        assert_eq!(ls("zscore", &z), Ok(z));
        assert_eq!(ls("threshold", &z), Ok(LargeScaleRule::Threshold { min_flop: 1e23 }));
        assert_eq!(ls("threshold:1e22", &z), Ok(LargeScaleRule::Threshold { min_flop: 1e22 }));
        assert!(ls("big", &z).unwrap_err().contains("unknown rule \"big\"; allowed: zscore[:SD]"));
        assert!(ls("zscore:x", &z).unwrap_err().contains("\"x\" is not a number"));
        let fr = |t: &str| FrontierRule::from_flag(t, &p);
        assert_eq!(fr("percentile:95"), Ok(FrontierRule::Percentile { percentile: 95.0, window_years: 3.0 }));
        assert_eq!(fr("top-n"), Ok(FrontierRule::TopN { n: 10 }));
        assert_eq!(fr("top_n:3"), Ok(FrontierRule::TopN { n: 3 }));
        assert_eq!(fr("residual"), Ok(FrontierRule::Residual { min_residual_oom: 0.5 }));
        assert!(fr("top").unwrap_err().contains("allowed: top-n[:N]"));
        let d = Definitions::default().frontier_rule;
        assert_eq!(
            FrontierRule::from_flag("percentile", &d),
            Ok(FrontierRule::Percentile { percentile: 90.0, window_years: 1.0 })
        );
    }

    #[test]
    fn choices_from_text_name_the_allowed_values() {
        let mut d = Definitions::default();
        d.set_from_text("notability_filter", "any-criterion").unwrap();
        d.set_from_text("academic_only", "loose").unwrap();
        d.set_from_text("team_source", "derived").unwrap();
        d.set_from_text("gap_from", "all_models").unwrap();
        d.set_from_text("author_evidence", "domain").unwrap();
        d.set_from_text("unknown_author_policy", "as_industry").unwrap();
        assert_eq!(d.notability_filter, NotabilityFilter::AnyCriterion);
        assert_eq!(d.academic_only, AcademicOnlyRule::Loose);
        assert_eq!((d.team_source, d.gap_from), (TeamSourceRule::Derived, GapFrom::AllModels));
        assert_eq!(d.author_evidence, AuthorEvidence::Domain);
        assert_eq!(d.unknown_author_policy, UnknownAuthorPolicy::AsIndustry);
        let e = |k: &str, t: &str| Definitions::default().set_from_text(k, t).unwrap_err();
        assert_eq!(e("academic_only", "lax"), "unknown rule \"lax\"; allowed: strict, loose");
        assert_eq!(e("notability_filter", "x"), "unknown filter \"x\"; allowed: study, any_criterion, none");
        assert!(e("team_source", "labels").ends_with("allowed: epoch_label, derived, label_then_derived"));
        assert_eq!(e("unknown_author_policy", "x"), "\"x\"; allowed: drop, as_academic, as_industry");
        assert!(e("seed", "3").contains("seed"));
    }
}
