//! Academic-only representation by topic: shares by topic and period, the change in share between the
//! first and the last period regressed on the topic's compute intensity, and the foundation-model series.
//!
//! Counting (CWTS): *full* counting gives a paper 1 for academic-only (0 otherwise); *fractional*
//! counting gives it its academic fractional share (academic affiliations over known affiliations). A
//! paper with several topics counts in each of them. Denominators are the papers of the topic and period
//! whose team is known (`TeamKind::Unknown` papers are counted in `papers` but not in the shares).
//! Intervals: Wilson 95% for full counting; normal approximation of the mean (clipped to [0, 1]) for
//! fractional counting.
//!
//! The regression (analysis 2): one point per topic that has a pooled compute intensity and at least
//! `defs.topic_min_papers` papers of known team in both the first and the last period that have papers;
//! y = share(last) − share(first), x = median log10 FLOP of the topic's notable Epoch models (pooled over the periods, or
//! of one period; at least `defs.topic_min_models` models), weight =
//! 1 / (1/n_first + 1/n_last) (the inverse of the sampling variance of a difference of two proportions,
//! up to the common factor p(1 − p)). Weighted OLS; the interval is a percentile bootstrap over papers,
//! resampling the papers of each of the two periods with replacement (`defs.bootstrap_resamples`
//! resamples, seeded from `defs.seed`, identical at any thread count); the intensities are held fixed.
//! The same fit is made for each unknown-author policy, from the papers classified under that policy.
//!
//! Pure: the caller classifies papers (once per policy) and assigns topics; nothing here reads files.

use super::intensity::{model_topics, IntensityTable};
use super::taxonomy::{Topic, TopicSet, N_TOPICS};
use crate::largescale::large_scale_flags;
use crate::population::{calendar_year, compute_points, team_kind};
use cd_domain::definitions::{AcademicOnlyRule, Period, UnknownAuthorPolicy};
use cd_domain::sector::Leaning;
use cd_domain::{ClassifiedModel, Definitions, Paper, TeamKind};
use serde::Serialize;

/// What the representation analysis needs of one paper.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicPaper {
    pub year: i32,
    pub topics: TopicSet,
    pub team: TeamKind,
    /// Academic fractional share of the team (0 when the team is unknown).
    pub academic_share: f64,
    pub leaning: Option<Leaning>,
    /// Index of the paper's venue (any numbering the caller keeps fixed): the stratum of the
    /// venue-adjusted fit.
    pub venue: u16,
}

impl TopicPaper {
    /// From a classified paper (its `team` filled under one unknown-author policy) and its topics.
    /// `None` when the paper has no year.
    pub fn from_paper(paper: &Paper, topics: TopicSet) -> Option<TopicPaper> {
        let year = paper.year?;
        let (team, academic_share, leaning) = match &paper.team {
            Some(t) => (t.kind, t.shares.academia, t.leaning),
            None => (TeamKind::Unknown, 0.0, None),
        };
        Some(TopicPaper { year, topics, team, academic_share, leaning, venue: 0 })
    }

    pub fn known(&self) -> bool {
        self.team != TeamKind::Unknown
    }

    /// Academic-only under `defs.academic_only` (the loose rule also counts collaborations leaning to
    /// academia, as for models).
    pub fn academic_only(&self, defs: &Definitions) -> bool {
        self.team == TeamKind::AcademicOnly
            || (defs.academic_only == AcademicOnlyRule::Loose
                && self.team == TeamKind::Collaboration
                && (self.leaning == Some(Leaning::Academia)
                    || self.academic_share >= defs.academia_leaning_min_share))
    }
}

/// Academic-only share of one topic in one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareRow {
    pub topic: Topic,
    pub topic_label: &'static str,
    pub period: String,
    /// Papers of the topic in the period.
    pub papers: usize,
    /// Of those, papers whose team is known (the denominator of the shares).
    pub papers_known_team: usize,
    pub academic_only_papers: usize,
    /// Full counting.
    pub academic_only_share: Option<f64>,
    pub academic_only_share_ci95: Option<[f64; 2]>,
    /// Fractional counting: mean academic fractional share of the known-team papers.
    pub academic_fractional_share: Option<f64>,
    pub academic_fractional_share_ci95: Option<[f64; 2]>,
    /// Median log10 training FLOP of the topic's notable models in the intensity period (pooled by
    /// default): the x of the regression; absent below `defs.topic_min_models` models.
    pub compute_intensity_log10_flop: Option<f64>,
    /// Median log10 training FLOP of the topic's notable models published in this period.
    pub period_compute_log10_flop: Option<f64>,
}

/// Counts of one topic over a set of papers.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    papers: usize,
    known: usize,
    academic: usize,
    frac_sum: f64,
    frac_sq: f64,
}

fn add(cells: &mut [Cell; N_TOPICS], p: &TopicPaper, defs: &Definitions) {
    for t in p.topics.iter() {
        let c = &mut cells[t.index()];
        c.papers += 1;
        if p.known() {
            c.known += 1;
            c.academic += p.academic_only(defs) as usize;
            c.frac_sum += p.academic_share;
            c.frac_sq += p.academic_share * p.academic_share;
        }
    }
}

fn share(c: &Cell, counting: Counting) -> Option<f64> {
    (c.known > 0).then(|| match counting {
        Counting::Full => c.academic as f64 / c.known as f64,
        Counting::Fractional => c.frac_sum / c.known as f64,
    })
}

/// The x of a topic: median log10 FLOP of its models in `period` (`all` = pooled), when at least
/// `defs.topic_min_models` models map to it.
pub fn intensity_x(
    intensity: &IntensityTable,
    topic: Topic,
    period: &str,
    defs: &Definitions,
) -> Option<f64> {
    intensity
        .get(topic, period)
        .filter(|r| r.models >= defs.topic_min_models)
        .and_then(|r| r.median_log10_flop)
}

/// Academic-only shares by topic and period (papers outside every period are left out).
pub fn share_rows(
    papers: &[TopicPaper],
    intensity: &IntensityTable,
    intensity_period: &str,
    defs: &Definitions,
) -> Vec<ShareRow> {
    let mut by_period: Vec<[Cell; N_TOPICS]> = vec![[Cell::default(); N_TOPICS]; defs.periods.len()];
    for p in papers {
        if let Some(i) = defs.periods.iter().position(|per| per.contains(p.year)) {
            add(&mut by_period[i], p, defs);
        }
    }
    let mut rows = Vec::new();
    for topic in Topic::ALL {
        for (period, cells) in defs.periods.iter().zip(&by_period) {
            let c = cells[topic.index()];
            let frac = share(&c, Counting::Fractional);
            let frac_ci = frac.map(|m| {
                let n = c.known as f64;
                let var = if c.known > 1 { (c.frac_sq - n * m * m).max(0.0) / (n - 1.0) } else { 0.0 };
                let half = 1.959963984540054 * (var / n).sqrt();
                [(m - half).max(0.0), (m + half).min(1.0)]
            });
            rows.push(ShareRow {
                topic,
                topic_label: topic.label(),
                period: period.label.clone(),
                papers: c.papers,
                papers_known_team: c.known,
                academic_only_papers: c.academic,
                academic_only_share: share(&c, Counting::Full),
                academic_only_share_ci95: cd_stats::wilson95(c.academic as f64, c.known as f64),
                academic_fractional_share: frac,
                academic_fractional_share_ci95: frac_ci,
                compute_intensity_log10_flop: intensity_x(intensity, topic, intensity_period, defs),
                period_compute_log10_flop: intensity
                    .get(topic, &period.label)
                    .and_then(|r| r.median_log10_flop),
            });
        }
    }
    rows
}

/// Full or fractional counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    Full,
    Fractional,
}

/// One topic as a point of the regression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitPoint {
    pub topic: Topic,
    pub compute_intensity_log10_flop: f64,
    pub papers_first: usize,
    pub papers_last: usize,
    pub share_first: f64,
    pub share_last: f64,
    pub change: f64,
    pub weight: f64,
}

/// The regression of the change in academic-only share on compute intensity, for one unknown-author
/// policy and one counting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepresentationFit {
    pub policy: UnknownAuthorPolicy,
    pub counting: Counting,
    /// `false`: raw shares of all papers of a topic. `true`: venue-adjusted: a topic's change is the mean
    /// of its within-venue changes over the venues with papers of known team in both periods, venues
    /// weighted by 1 / (1/n_first + 1/n_last), so a change of venue mix does not pass for a topic effect.
    pub venue_adjusted: bool,
    pub first_period: String,
    pub last_period: String,
    /// Which period's model compute is the x (`all` = pooled).
    pub intensity_period: String,
    pub n_topics: usize,
    /// Change in academic-only share per order of magnitude of compute intensity.
    pub slope: Option<f64>,
    pub slope_se: Option<f64>,
    pub intercept: Option<f64>,
    /// Percentile bootstrap interval over papers (2.5%, 97.5%).
    pub slope_ci95: Option<[f64; 2]>,
    pub slope_ci90: Option<[f64; 2]>,
    /// Resamples in which the fit was defined.
    pub bootstrap_valid: usize,
    /// Pointwise 95% percentile band of the fitted line over the bootstrap resamples, at 21 evenly spaced
    /// intensities across the fitted topics (empty without a fit).
    pub band: Vec<BandPoint>,
    pub points: Vec<FitPoint>,
    /// Topics left out, with the reason.
    pub excluded: Vec<(Topic, String)>,
}

/// One x of a fit's bootstrap band: the 2.5% and 97.5% percentiles of intercept + slope·x.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BandPoint {
    pub compute_intensity_log10_flop: f64,
    pub lo: f64,
    pub hi: f64,
}

/// What makes two papers the same for a bootstrap draw: stratum, topic bits, known, academic, share.
type DrawKey = (usize, u32, bool, bool, u64);

/// A paper of a bootstrap draw: its fitted topics as bits, team known, academic-only, academic share.
#[derive(Debug, Clone, Copy)]
struct Draw {
    stratum: usize,
    topics: u32,
    known: bool,
    academic: bool,
    share: f64,
}

/// The pointwise percentile band of the bootstrap lines across the range of the points' intensities.
fn fit_band(points: &[FitPoint], fits: &[(f64, f64)]) -> Vec<BandPoint> {
    let xs = points.iter().map(|p| p.compute_intensity_log10_flop);
    let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    if !(lo.is_finite() && hi.is_finite()) {
        return Vec::new();
    }
    (0..=20)
        .filter_map(|i| {
            let x = lo + (hi - lo) * i as f64 / 20.0;
            let ys: Vec<f64> = fits.iter().map(|(b, a)| a + b * x).filter(|y| y.is_finite()).collect();
            let s = cd_stats::Summary::of(&ys)?;
            Some(BandPoint { compute_intensity_log10_flop: x, lo: s.ci95[0], hi: s.ci95[1] })
        })
        .collect()
}

/// The papers of one unknown-author policy, for [`representation`].
#[derive(Debug, Clone)]
pub struct PolicyPapers {
    pub policy: UnknownAuthorPolicy,
    pub papers: Vec<TopicPaper>,
}

/// Everything of analyses 1 and 2.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Representation {
    pub taxonomy_version: &'static str,
    /// The policy of `rows` (`defs.unknown_author_policy`, or the first policy given when that one is
    /// not among them).
    pub rows_policy: UnknownAuthorPolicy,
    pub fits: Vec<RepresentationFit>,
    /// The same fits, venue-adjusted (`RepresentationFit::venue_adjusted`): beside the raw ones, so a
    /// reader sees how far venue mix moves the answer.
    pub venue_adjusted_fits: Vec<RepresentationFit>,
    pub rows: Vec<ShareRow>,
}

fn weighted_fit(points: &[(f64, f64, f64)]) -> Option<cd_stats::WlsFit> {
    let x: Vec<f64> = points.iter().map(|p| p.0).collect();
    let y: Vec<f64> = points.iter().map(|p| p.1).collect();
    let w: Vec<f64> = points.iter().map(|p| p.2).collect();
    cd_stats::wls(&x, &y, &w)
}

/// Which periods and which intensity the regression compares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepresentationOptions {
    /// Which models give the x: `"all"` (every period pooled) or one period's label.
    pub intensity_period: String,
    /// Period labels to compare; `None` = the first / last period of `defs.periods` that holds papers.
    pub first_period: Option<String>,
    pub last_period: Option<String>,
}

impl Default for RepresentationOptions {
    fn default() -> Self {
        RepresentationOptions { intensity_period: "all".into(), first_period: None, last_period: None }
    }
}

/// Per stratum (venue, or one stratum for raw shares), the counts of each topic.
type Strata = Vec<[Cell; N_TOPICS]>;

/// The buffers of one rayon job of a fit's bootstrap: type counts, the two periods' cells, the points.
type FitScratch = (Vec<u64>, Strata, Strata, Vec<(f64, f64, f64)>);

/// A topic's first and last share, change and weight over the strata with papers of known team in both
/// periods: each stratum weighted by 1 / (1/n_first + 1/n_last). With one stratum this is the raw share
/// change with the harmonic weight.
fn topic_change(
    a: &Strata,
    b: &Strata,
    t: usize,
    counting: Counting,
) -> Option<(f64, f64, f64, usize, usize)> {
    let (mut w_sum, mut s1, mut s2, mut n1, mut n2) = (0.0, 0.0, 0.0, 0usize, 0usize);
    for (ca, cb) in a.iter().zip(b) {
        let (ca, cb) = (ca[t], cb[t]);
        if ca.known == 0 || cb.known == 0 {
            continue;
        }
        let w = 1.0 / (1.0 / ca.known as f64 + 1.0 / cb.known as f64);
        w_sum += w;
        s1 += w * share(&ca, counting)?;
        s2 += w * share(&cb, counting)?;
        n1 += ca.known;
        n2 += cb.known;
    }
    (w_sum > 0.0).then(|| (s1 / w_sum, s2 / w_sum, w_sum, n1, n2))
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn fit_policy(
    policy: UnknownAuthorPolicy,
    papers: &[TopicPaper],
    counting: Counting,
    intensity: &IntensityTable,
    options: &RepresentationOptions,
    defs: &Definitions,
    venue_adjusted: bool,
) -> Option<RepresentationFit> {
    let stratum = |p: &TopicPaper| if venue_adjusted { p.venue as usize } else { 0 };
    let n_strata = papers.iter().map(stratum).max().map_or(1, |m| m + 1);
    let intensity_period = options.intensity_period.as_str();
    // First and last periods that hold papers, unless chosen.
    let used: Vec<&Period> =
        defs.periods.iter().filter(|per| papers.iter().any(|p| per.contains(p.year))).collect();
    let pick = |label: &Option<String>, default: Option<&Period>| -> Option<Period> {
        match label {
            Some(l) => defs.periods.iter().find(|p| &p.label == l).cloned(),
            None => default.cloned(),
        }
    };
    let first = pick(&options.first_period, used.first().copied())?;
    let last = pick(&options.last_period, used.last().copied())?;
    let (first, last) = (&first, &last);
    if first == last {
        return None;
    }
    let first_papers: Vec<&TopicPaper> = papers.iter().filter(|p| first.contains(p.year)).collect();
    let last_papers: Vec<&TopicPaper> = papers.iter().filter(|p| last.contains(p.year)).collect();
    let cells = |set: &mut dyn Iterator<Item = &TopicPaper>| {
        let mut c: Strata = vec![[Cell::default(); N_TOPICS]; n_strata];
        for p in set {
            add(&mut c[stratum(p)], p, defs);
        }
        c
    };
    let c_first = cells(&mut first_papers.iter().copied());
    let c_last = cells(&mut last_papers.iter().copied());
    let mut points = Vec::new();
    let mut excluded = Vec::new();
    let mut topics = Vec::new();
    for topic in Topic::ALL {
        let change = topic_change(&c_first, &c_last, topic.index(), counting);
        let (known_a, known_b) = change.map_or((0, 0), |c| (c.3, c.4));
        let Some(row) = intensity.get(topic, intensity_period) else {
            excluded.push((topic, format!("no compute intensity for period {intensity_period:?}")));
            continue;
        };
        let Some(x) = row.median_log10_flop.filter(|_| row.models >= defs.topic_min_models) else {
            excluded.push((
                topic,
                format!(
                    "{} Epoch models with compute map to the topic in {intensity_period} (minimum {})",
                    row.models, defs.topic_min_models
                ),
            ));
            continue;
        };
        let Some((s1, s2, weight, _, _)) =
            change.filter(|_| known_a >= defs.topic_min_papers && known_b >= defs.topic_min_papers)
        else {
            excluded.push((
                topic,
                format!(
                    "{} / {} papers of known team in {} / {}{} (minimum {})",
                    known_a,
                    known_b,
                    first.label,
                    last.label,
                    if venue_adjusted { " at venues present in both" } else { "" },
                    defs.topic_min_papers
                ),
            ));
            continue;
        };
        topics.push((topic, x));
        points.push(FitPoint {
            topic,
            compute_intensity_log10_flop: x,
            papers_first: known_a,
            papers_last: known_b,
            share_first: s1,
            share_last: s2,
            change: s2 - s1,
            weight,
        });
    }
    let fit = weighted_fit(
        &points.iter().map(|p| (p.compute_intensity_log10_flop, p.change, p.weight)).collect::<Vec<_>>(),
    );
    // Bootstrap over papers, stratified by period; the topic set and the intensities stay fixed. Each
    // paper is reduced once to what a resample needs (its fitted topics as bits, whether its team is
    // known, academic-only, its academic share), and identical papers are grouped into types with their
    // counts. Drawing n papers with replacement is then drawing the types' counts from the multinomial
    // (n; count_i / n), done exactly by `cd_stats::Multinomial` (binomials for the large types, uniform
    // picks among the items of the small ones), so a resample costs about the number of large types plus
    // the draws that fall on small ones. Papers without a fitted topic form one type that adds nothing.
    let fitted_mask: u32 = topics.iter().fold(0, |m, (t, _)| m | (1 << t.index()));
    let compact = |ps: &[&TopicPaper]| -> (Vec<Draw>, cd_stats::Multinomial) {
        let mut types: std::collections::BTreeMap<DrawKey, (Draw, u64)> = std::collections::BTreeMap::new();
        for p in ps {
            let d = Draw {
                stratum: stratum(p),
                topics: p.topics.iter().fold(0u32, |m, t| m | (1 << t.index())) & fitted_mask,
                known: p.known(),
                academic: p.known() && p.academic_only(defs),
                share: p.academic_share,
            };
            // Papers without a fitted topic add nothing: one type. Under full counting the academic share
            // is never read, so papers that differ only in it are one type.
            let d = if d.topics == 0 {
                Draw { stratum: 0, topics: 0, known: false, academic: false, share: 0.0 }
            } else if counting == Counting::Full {
                Draw { share: 0.0, ..d }
            } else {
                d
            };
            let key = (d.stratum, d.topics, d.known, d.academic, d.share.to_bits());
            types.entry(key).or_insert((d, 0)).1 += 1;
        }
        let (draws, counts): (Vec<Draw>, Vec<u64>) = types.into_values().unzip();
        (draws, cd_stats::Multinomial::new(&counts))
    };
    let (draw_first, draw_last) = (compact(&first_papers), compact(&last_papers));
    let label = if venue_adjusted { "/venue" } else { "" };
    let seed = cd_stats::derive_seed(defs.seed, &format!("representation/{policy:?}/{counting:?}{label}"));
    // Each rayon job keeps its buffers (type counts, the two periods' cells, the points) across the
    // resamples it runs; every resample clears them first.
    let scratch = || -> FitScratch { (Vec::new(), Vec::new(), Vec::new(), Vec::new()) };
    let fits_boot: Vec<(f64, f64)> =
        cd_stats::bootstrap_map_init(defs.bootstrap_resamples, seed, scratch, |scratch, rng| {
            let (ks, a, b, pts) = scratch;
            let mut draw = |(types, sampler): &(Vec<Draw>, cd_stats::Multinomial),
                            c: &mut Strata,
                            rng: &mut rand_chacha::ChaCha8Rng| {
                c.clear();
                c.resize(n_strata, [Cell::default(); N_TOPICS]);
                sampler.draw(rng, ks);
                for (d, &k) in types.iter().zip(ks.iter()) {
                    if k == 0 {
                        continue;
                    }
                    let mut bits = d.topics;
                    while bits != 0 {
                        let cell = &mut c[d.stratum][bits.trailing_zeros() as usize];
                        bits &= bits - 1;
                        cell.papers += k as usize;
                        if d.known {
                            cell.known += k as usize;
                            cell.academic += if d.academic { k as usize } else { 0 };
                            cell.frac_sum += d.share * k as f64;
                        }
                    }
                }
            };
            draw(&draw_first, a, rng);
            draw(&draw_last, b, rng);
            pts.clear();
            pts.extend(topics.iter().filter_map(|(t, x)| {
                let (s1, s2, w, _, _) = topic_change(a, b, t.index(), counting)?;
                Some((*x, s2 - s1, w))
            }));
            weighted_fit(pts).map_or((f64::NAN, f64::NAN), |f| (f.slope, f.intercept))
        });
    let slopes: Vec<f64> = fits_boot.iter().map(|f| f.0).collect();
    let band = if fit.is_some() { fit_band(&points, &fits_boot) } else { Vec::new() };
    let summary = cd_stats::Summary::of(&slopes);
    Some(RepresentationFit {
        policy,
        counting,
        venue_adjusted,
        first_period: first.label.clone(),
        last_period: last.label.clone(),
        intensity_period: intensity_period.to_string(),
        n_topics: points.len(),
        slope: fit.map(|f| f.slope),
        slope_se: fit.map(|f| f.slope_se).filter(|v| v.is_finite()),
        intercept: fit.map(|f| f.intercept),
        slope_ci95: fit.and(summary.map(|s| s.ci95)),
        slope_ci90: fit.and(summary.map(|s| s.ci90)),
        bootstrap_valid: summary.map_or(0, |s| s.n_valid),
        band,
        points,
        excluded,
    })
}

/// Analyses 1 and 2: shares by topic and period (for `defs.unknown_author_policy`) and, for every
/// policy given, the regression of the change in academic-only share on compute intensity under full
/// and fractional counting. `options` choose the x (pooled intensity by default, or one period's, e.g.
/// the last period: what topics need now) and the two periods compared.
pub fn representation(
    policies: &[PolicyPapers],
    intensity: &IntensityTable,
    options: &RepresentationOptions,
    defs: &Definitions,
) -> Representation {
    let intensity_period = options.intensity_period.as_str();
    let rows_set =
        policies.iter().find(|p| p.policy == defs.unknown_author_policy).or_else(|| policies.first());
    let mut fits = Vec::new();
    let mut venue_adjusted_fits = Vec::new();
    for pp in policies {
        for counting in [Counting::Full, Counting::Fractional] {
            if let Some(f) = fit_policy(pp.policy, &pp.papers, counting, intensity, options, defs, false) {
                fits.push(f);
            }
            if let Some(f) = fit_policy(pp.policy, &pp.papers, counting, intensity, options, defs, true) {
                venue_adjusted_fits.push(f);
            }
        }
    }
    Representation {
        taxonomy_version: super::TAXONOMY_VERSION,
        rows_policy: rows_set.map_or(defs.unknown_author_policy, |p| p.policy),
        fits,
        venue_adjusted_fits,
        rows: rows_set.map(|p| share_rows(&p.papers, intensity, intensity_period, defs)).unwrap_or_default(),
    }
}

/// One year of a foundation-model series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundationYear {
    pub year: i32,
    /// Papers (or models) with a known team.
    pub count: usize,
    pub academic_only: usize,
    pub academic_only_share: Option<f64>,
    pub academic_only_share_ci95: Option<[f64; 2]>,
}

/// Analysis 3: academic-only share of language/foundation-model papers and of foundation models.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundationSeries {
    pub papers: Vec<FoundationYear>,
    /// How the Epoch models were selected: `epoch_foundation_flag` when the vintage has Epoch's
    /// `Foundation model` flag, else `large_scale_language_or_self_supervised` (notable models mapped to
    /// language models or self-supervised pre-training that are large-scale under `defs.large_scale_rule`).
    pub model_selection: &'static str,
    pub models: Vec<FoundationYear>,
}

fn by_year(items: impl Iterator<Item = (i32, bool)>) -> Vec<FoundationYear> {
    let mut map: std::collections::BTreeMap<i32, (usize, usize)> = Default::default();
    for (year, academic) in items {
        let e = map.entry(year).or_default();
        e.0 += 1;
        e.1 += academic as usize;
    }
    map.into_iter()
        .map(|(year, (count, academic_only))| FoundationYear {
            year,
            count,
            academic_only,
            academic_only_share: (count > 0).then(|| academic_only as f64 / count as f64),
            academic_only_share_ci95: cd_stats::wilson95(academic_only as f64, count as f64),
        })
        .collect()
}

/// Analysis 3. Papers: known-team papers on language and foundation models, by year. Models: see
/// [`FoundationSeries::model_selection`]; models of unknown team are left out.
pub fn foundation_series(
    papers: &[TopicPaper],
    models: &[ClassifiedModel],
    defs: &Definitions,
) -> FoundationSeries {
    let paper_series = by_year(
        papers
            .iter()
            .filter(|p| p.known() && p.topics.contains(Topic::LanguageModels))
            .map(|p| (p.year, p.academic_only(defs))),
    );
    let has_flag = models.iter().any(|m| m.model.foundation_flag == Some(true));
    let selected: Vec<usize> = if has_flag {
        (0..models.len()).filter(|&i| models[i].model.foundation_flag == Some(true)).collect()
    } else {
        let pts = compute_points(models, defs);
        let years: Vec<f64> = pts.iter().map(|p| p.year).collect();
        let flop: Vec<f64> = pts.iter().map(|p| p.log10_flop).collect();
        let flags = large_scale_flags(&years, &flop, &defs.large_scale_rule);
        pts.iter()
            .zip(flags)
            .filter(|(p, large)| {
                let t = model_topics(&models[p.index].model);
                *large && (t.contains(Topic::LanguageModels) || t.contains(Topic::SelfSupervised))
            })
            .map(|(p, _)| p.index)
            .collect()
    };
    let model_series = by_year(selected.into_iter().filter_map(|i| {
        let m = &models[i];
        let year = calendar_year(m.model.decimal_year()?);
        let kind = team_kind(m, defs);
        (kind != TeamKind::Unknown).then_some((year, kind == TeamKind::AcademicOnly))
    }));
    FoundationSeries {
        papers: paper_series,
        model_selection: if has_flag {
            "epoch_foundation_flag"
        } else {
            "large_scale_language_or_self_supervised"
        },
        models: model_series,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_is_the_pointwise_percentile_of_the_bootstrap_lines() {
        let pt = |x: f64| FitPoint {
            topic: Topic::Vision,
            compute_intensity_log10_flop: x,
            papers_first: 1,
            papers_last: 1,
            share_first: 0.0,
            share_last: 0.0,
            change: 0.0,
            weight: 1.0,
        };
        // Lines y = b·x (slope b, intercept 0) for b = 1, 2, 3, and one undefined resample.
        let fits = [(1.0, 0.0), (2.0, 0.0), (3.0, 0.0), (f64::NAN, f64::NAN)];
        let band = fit_band(&[pt(1.0), pt(0.0)], &fits);
        assert_eq!(band.len(), 21);
        assert_eq!(band[0].compute_intensity_log10_flop, 0.0);
        assert_eq!(band[20].compute_intensity_log10_flop, 1.0);
        // numpy.percentile([1, 2, 3], [2.5, 97.5]) -> [1.05, 2.95]; at x = 0.5: [0.525, 1.475].
        assert!((band[20].lo - 1.05).abs() < 1e-12 && (band[20].hi - 2.95).abs() < 1e-12, "{:?}", band[20]);
        assert!((band[10].lo - 0.525).abs() < 1e-12 && (band[10].hi - 1.475).abs() < 1e-12);
        assert_eq!((band[0].lo, band[0].hi), (0.0, 0.0));
        assert!(fit_band(&[], &fits).is_empty());
    }

    #[test]
    fn wilson_matches_statsmodels() {
        // statsmodels.stats.proportion.proportion_confint(3, 10, method="wilson")
        //   -> (0.10779126740630089, 0.6032218525388546)
        let [lo, hi] = cd_stats::wilson95(3.0, 10.0).unwrap();
        assert!((lo - 0.10779126740630089).abs() < 1e-9 && (hi - 0.6032218525388546).abs() < 1e-9);
        assert!(cd_stats::wilson95(0.0, 0.0).is_none());
    }
}
