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

/// What a bootstrap resample counts of one topic in one stratum: papers of known team, academic-only
/// papers among them and the sum of their academic shares (the fields of [`Cell`] that
/// [`topic_change`] reads, summed in the same order).
#[derive(Debug, Clone, Copy, Default)]
struct DrawCell {
    known: usize,
    academic: usize,
    frac_sum: f64,
}

/// Per stratum, a resample's counts of each topic.
type DrawStrata = Vec<[DrawCell; N_TOPICS]>;

/// The counts [`topic_change`] reads, of a [`Cell`] or a [`DrawCell`].
trait Counts: Copy {
    fn known(&self) -> usize;
    fn share(&self, counting: Counting) -> Option<f64>;
}

impl Counts for Cell {
    fn known(&self) -> usize {
        self.known
    }
    fn share(&self, counting: Counting) -> Option<f64> {
        share(self, counting)
    }
}

impl Counts for DrawCell {
    fn known(&self) -> usize {
        self.known
    }
    /// The same arithmetic as [`share`].
    fn share(&self, counting: Counting) -> Option<f64> {
        (self.known > 0).then(|| match counting {
            Counting::Full => self.academic as f64 / self.known as f64,
            Counting::Fractional => self.frac_sum / self.known as f64,
        })
    }
}

/// The buffers of one rayon job of a fit's bootstrap: type counts, the two periods' cells, each fitted
/// topic's (change, weight), the points.
type FitScratch = (Vec<u64>, DrawStrata, DrawStrata, Vec<Option<(f64, f64)>>, Vec<(f64, f64, f64)>);

/// A topic's first and last share, change and weight over the strata with papers of known team in both
/// periods: each stratum weighted by 1 / (1/n_first + 1/n_last). With one stratum this is the raw share
/// change with the harmonic weight.
fn topic_change<C: Counts>(
    a: &[[C; N_TOPICS]],
    b: &[[C; N_TOPICS]],
    t: usize,
    counting: Counting,
) -> Option<(f64, f64, f64, usize, usize)> {
    let (mut w_sum, mut s1, mut s2, mut n1, mut n2) = (0.0, 0.0, 0.0, 0usize, 0usize);
    for (ca, cb) in a.iter().zip(b) {
        let (ca, cb) = (ca[t], cb[t]);
        if ca.known() == 0 || cb.known() == 0 {
            continue;
        }
        let w = 1.0 / (1.0 / ca.known() as f64 + 1.0 / cb.known() as f64);
        w_sum += w;
        s1 += w * ca.share(counting)?;
        s2 += w * cb.share(counting)?;
        n1 += ca.known();
        n2 += cb.known();
    }
    (w_sum > 0.0).then(|| (s1 / w_sum, s2 / w_sum, w_sum, n1, n2))
}

/// A topic's change ([`topic_change`]) from the periods' cells, per topic.
type Changes = [Option<(f64, f64, f64, usize, usize)>; N_TOPICS];

/// What a fit takes from its papers whatever the compute intensity: the two periods compared, their
/// papers and cells (per stratum).
struct FitBase<'p> {
    first: Period,
    last: Period,
    first_papers: Vec<&'p TopicPaper>,
    last_papers: Vec<&'p TopicPaper>,
    n_strata: usize,
    c_first: Strata,
    c_last: Strata,
}

fn stratum_of(p: &TopicPaper, venue_adjusted: bool) -> usize {
    if venue_adjusted {
        p.venue as usize
    } else {
        0
    }
}

/// The fit's periods and cells; `None` when the periods are missing or the same.
fn fit_base<'p>(
    papers: &'p [TopicPaper],
    options: &RepresentationOptions,
    defs: &Definitions,
    venue_adjusted: bool,
) -> Option<FitBase<'p>> {
    let n_strata = papers.iter().map(|p| stratum_of(p, venue_adjusted)).max().map_or(1, |m| m + 1);
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
    if first == last {
        return None;
    }
    let first_papers: Vec<&TopicPaper> = papers.iter().filter(|p| first.contains(p.year)).collect();
    let last_papers: Vec<&TopicPaper> = papers.iter().filter(|p| last.contains(p.year)).collect();
    let cells = |set: &[&TopicPaper]| {
        let mut c: Strata = vec![[Cell::default(); N_TOPICS]; n_strata];
        for p in set {
            add(&mut c[stratum_of(p, venue_adjusted)], p, defs);
        }
        c
    };
    let (c_first, c_last) = (cells(&first_papers), cells(&last_papers));
    Some(FitBase { first, last, first_papers, last_papers, n_strata, c_first, c_last })
}

/// The points of one fit (one intensity table): the fitted topics with their x, the topics left out,
/// the fit on the points, and the fitted topics as bits.
struct FitSetup {
    points: Vec<FitPoint>,
    excluded: Vec<(Topic, String)>,
    /// Fitted topics with their x, in topic order.
    topics: Vec<(Topic, f64)>,
    fit: Option<cd_stats::WlsFit>,
    mask: u32,
}

fn fit_setup(
    base: &FitBase,
    changes: &Changes,
    intensity: &IntensityTable,
    intensity_period: &str,
    defs: &Definitions,
    venue_adjusted: bool,
) -> FitSetup {
    let (first, last) = (&base.first, &base.last);
    let mut points = Vec::new();
    let mut excluded = Vec::new();
    let mut topics = Vec::new();
    for topic in Topic::ALL {
        let change = changes[topic.index()];
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
    let mask = topics.iter().fold(0, |m, (t, _)| m | (1 << t.index()));
    FitSetup { points, excluded, topics, fit, mask }
}

/// The papers of one period as sorted type keys (stratum, fitted topic bits, known, academic, share bits)
/// under fractional counting, one key per paper; papers without a fitted topic have the key of the one
/// type that adds nothing.
fn type_keys(ps: &[&TopicPaper], mask: u32, defs: &Definitions, venue_adjusted: bool) -> Vec<DrawKey> {
    let mut keys: Vec<DrawKey> = ps
        .iter()
        .map(|p| {
            let topics = p.topics.bits() & mask;
            if topics == 0 {
                (0, 0, false, false, 0f64.to_bits())
            } else {
                let known = p.known();
                let academic = known && p.academic_only(defs);
                (stratum_of(p, venue_adjusted), topics, known, academic, p.academic_share.to_bits())
            }
        })
        .collect();
    keys.sort_unstable();
    keys
}

/// The types of a period and their sampler (see [`bootstrap_lines`]), from its sorted keys
/// ([`type_keys`]): types in key order with their counts. Papers without a fitted topic add nothing: one
/// type. Under full counting the academic share is never read, so papers that differ only in it are one
/// type (zeroing the last field of sorted keys leaves them sorted).
fn compact(keys: &[DrawKey], counting: Counting) -> (Vec<Draw>, cd_stats::Multinomial) {
    let mut draws: Vec<Draw> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut prev: Option<DrawKey> = None;
    for &key in keys {
        let key = if counting == Counting::Full { (key.0, key.1, key.2, key.3, 0f64.to_bits()) } else { key };
        if prev == Some(key) {
            *counts.last_mut().expect("a type per distinct key") += 1;
        } else {
            let (stratum, topics, known, academic, share) = key;
            draws.push(Draw { stratum, topics, known, academic, share: f64::from_bits(share) });
            counts.push(1);
            prev = Some(key);
        }
    }
    (draws, cd_stats::Multinomial::new(&counts))
}

/// A run of types (`start..end`, in key order) of one stratum and one set of fitted topics whose papers
/// have a known team: what a resample adds to the same cells.
struct DrawGroup {
    start: usize,
    end: usize,
    stratum: usize,
    topics: u32,
}

/// The groups of a period's types ([`compact`]'s, sorted by key: a group's types are consecutive).
/// Types of unknown team or without a fitted topic add nothing and are in no group.
fn draw_groups(types: &[Draw]) -> Vec<DrawGroup> {
    let mut groups: Vec<DrawGroup> = Vec::new();
    for (i, d) in types.iter().enumerate() {
        if !d.known || d.topics == 0 {
            continue;
        }
        match groups.last_mut() {
            Some(g) if g.end == i && g.stratum == d.stratum && g.topics == d.topics => g.end = i + 1,
            _ => groups.push(DrawGroup { start: i, end: i + 1, stratum: d.stratum, topics: d.topics }),
        }
    }
    groups
}

/// The types of the two periods under one counting (see [`bootstrap_lines`]).
type PeriodTypes = ((Vec<Draw>, cd_stats::Multinomial), (Vec<Draw>, cd_stats::Multinomial));

/// The bootstrap lines (slope, intercept; NaN where undefined) of fits that share their papers, periods,
/// counting, adjustment, seed and fitted topics (`topics`, in topic order) and differ only in the x of
/// those topics (`xs[m][j]`: fit m's x of topic j): `result[m][r]` is fit m's line in resample r.
///
/// Papers are resampled with replacement within each period; the topic set and the intensities stay
/// fixed. Each paper is reduced once to what a resample needs (its fitted topics as bits, whether its team
/// is known, academic-only, its academic share), and identical papers are grouped into types with their
/// counts (`types`, [`compact`]). Drawing n papers with replacement is then drawing the types' counts
/// from the multinomial (n; count_i / n), done exactly by `cd_stats::Multinomial` (binomials for the
/// large types, uniform picks among the items of the small ones), so a resample costs about the number
/// of large types plus the draws that fall on small ones. Papers without a fitted topic form one type
/// that adds nothing. The resampled cells depend on the papers and the fitted topics, not on the x: each
/// resample is drawn once and every fit's line is made from it, each exactly as a fit of its own would
/// make it.
fn bootstrap_lines(
    n_strata: usize,
    types: &PeriodTypes,
    topics: &[Topic],
    xs: &[Vec<f64>],
    counting: Counting,
    seed: u64,
    resamples: usize,
) -> Vec<Vec<(f64, f64)>> {
    let (draw_first, draw_last) = types;
    let groups = (draw_groups(&draw_first.0), draw_groups(&draw_last.0));
    // Each rayon job keeps its buffers across the resamples it runs; every resample clears them first.
    let scratch = || -> FitScratch { (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new()) };
    let lines: Vec<Vec<(f64, f64)>> =
        cd_stats::bootstrap_map_init(resamples, seed, scratch, |scratch, rng| {
            let (ks, a, b, changes, pts) = scratch;
            let mut draw = |(types, sampler): &(Vec<Draw>, cd_stats::Multinomial),
                            groups: &[DrawGroup],
                            c: &mut DrawStrata,
                            rng: &mut rand_chacha::ChaCha8Rng| {
                c.clear();
                c.resize(n_strata, [DrawCell::default(); N_TOPICS]);
                sampler.draw(rng, ks);
                for g in groups {
                    let (ts, kg) = (&types[g.start..g.end], &ks[g.start..g.end]);
                    // Types drawn no time add zeros: no test of k = 0 (a branch taken at random for a
                    // third of the small types cost more than the adds it saves).
                    let (mut known, mut academic) = (0usize, 0usize);
                    for (d, &k) in ts.iter().zip(kg) {
                        known += k as usize;
                        academic += if d.academic { k as usize } else { 0 };
                    }
                    let cells = &mut c[g.stratum];
                    let mut bits = g.topics;
                    while bits != 0 {
                        let cell = &mut cells[bits.trailing_zeros() as usize];
                        bits &= bits - 1;
                        cell.known += known;
                        cell.academic += academic;
                        if counting == Counting::Fractional {
                            // Each cell's sum in type order, as adding type by type makes it, in a
                            // register. A select, not a product, for k = 0: a share that is not finite,
                            // drawn no time, adds nothing (NaN · 0 would be NaN).
                            let mut sum = cell.frac_sum;
                            for (d, &k) in ts.iter().zip(kg) {
                                sum += if k == 0 { 0.0 } else { d.share * k as f64 };
                            }
                            cell.frac_sum = sum;
                        }
                    }
                }
            };
            draw(draw_first, &groups.0, a, rng);
            draw(draw_last, &groups.1, b, rng);
            changes.clear();
            changes.extend(topics.iter().map(|t| {
                let (s1, s2, w, _, _) = topic_change(a, b, t.index(), counting)?;
                Some((s2 - s1, w))
            }));
            xs.iter()
                .map(|x| {
                    pts.clear();
                    pts.extend(x.iter().zip(changes.iter()).filter_map(|(&x, c)| c.map(|(y, w)| (x, y, w))));
                    cd_stats::wls_line(pts).unwrap_or((f64::NAN, f64::NAN))
                })
                .collect()
        });
    (0..xs.len()).map(|m| lines.iter().map(|l| l[m]).collect()).collect()
}

/// One fit asked of [`fit_members`]: its counting, the table that gives the x, and its bootstrap's
/// resamples and seed base (`defs.seed` for [`fit_policy`]; the stream is
/// `derive_seed(seed, "representation/{policy:?}/{counting:?}{/venue}")`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FitMember<'a> {
    pub counting: Counting,
    pub intensity: &'a IntensityTable,
    pub seed: u64,
    pub resamples: usize,
}

/// The regressions of one policy's papers, raw or venue-adjusted, one per member: element i is the fit
/// of `members[i]`, exactly (bit for bit) what [`fit_policy`] makes with that counting and table and
/// with `defs` of that seed and resamples; `None` when the periods are missing or the same. What does not
/// depend on the member is made once: the periods and their cells; each period's types per set of fitted
/// topics. Members of the same counting, seed, resamples and fitted topics have the same resamples and
/// share one bootstrap pass ([`bootstrap_lines`]).
pub(crate) fn fit_members(
    policy: UnknownAuthorPolicy,
    papers: &[TopicPaper],
    options: &RepresentationOptions,
    defs: &Definitions,
    venue_adjusted: bool,
    members: &[FitMember],
) -> Vec<Option<RepresentationFit>> {
    let Some(base) = fit_base(papers, options, defs, venue_adjusted) else {
        return members.iter().map(|_| None).collect();
    };
    let intensity_period = options.intensity_period.as_str();
    let changes = |counting| -> Changes {
        std::array::from_fn(|t| topic_change(&base.c_first, &base.c_last, t, counting))
    };
    let (full, fractional) = (changes(Counting::Full), changes(Counting::Fractional));
    let setups: Vec<FitSetup> = members
        .iter()
        .map(|m| {
            let changes = if m.counting == Counting::Full { &full } else { &fractional };
            fit_setup(&base, changes, m.intensity, intensity_period, defs, venue_adjusted)
        })
        .collect();
    let label = if venue_adjusted { "/venue" } else { "" };
    let seed = |m: &FitMember| {
        cd_stats::derive_seed(m.seed, &format!("representation/{policy:?}/{:?}{label}", m.counting))
    };
    // Each period's sorted type keys per set of fitted topics, made once.
    let mut keys: Vec<(u32, Vec<DrawKey>, Vec<DrawKey>)> = Vec::new();
    // The members in groups of one bootstrap pass, in the order of their first member.
    let mut lines: Vec<Vec<(f64, f64)>> = vec![Vec::new(); members.len()];
    let mut done = vec![false; members.len()];
    for i in 0..members.len() {
        if done[i] {
            continue;
        }
        let (m, mask) = (&members[i], setups[i].mask);
        let group: Vec<usize> = (i..members.len())
            .filter(|&j| {
                let o = &members[j];
                setups[j].mask == mask
                    && o.counting == m.counting
                    && o.seed == m.seed
                    && o.resamples == m.resamples
            })
            .collect();
        if !keys.iter().any(|k| k.0 == mask) {
            keys.push((
                mask,
                type_keys(&base.first_papers, mask, defs, venue_adjusted),
                type_keys(&base.last_papers, mask, defs, venue_adjusted),
            ));
        }
        let (_, first_keys, last_keys) = keys.iter().find(|k| k.0 == mask).expect("made above");
        let types = (compact(first_keys, m.counting), compact(last_keys, m.counting));
        let topics: Vec<Topic> = setups[i].topics.iter().map(|(t, _)| *t).collect();
        let xs: Vec<Vec<f64>> =
            group.iter().map(|&j| setups[j].topics.iter().map(|(_, x)| *x).collect()).collect();
        let group_lines =
            bootstrap_lines(base.n_strata, &types, &topics, &xs, m.counting, seed(m), m.resamples);
        for (&j, l) in group.iter().zip(group_lines) {
            lines[j] = l;
            done[j] = true;
        }
    }
    setups
        .into_iter()
        .zip(members)
        .zip(lines)
        .map(|((s, m), fits_boot)| {
            let slopes: Vec<f64> = fits_boot.iter().map(|f| f.0).collect();
            let band = if s.fit.is_some() { fit_band(&s.points, &fits_boot) } else { Vec::new() };
            let summary = cd_stats::Summary::of(&slopes);
            let fit = s.fit;
            Some(RepresentationFit {
                policy,
                counting: m.counting,
                venue_adjusted,
                first_period: base.first.label.clone(),
                last_period: base.last.label.clone(),
                intensity_period: intensity_period.to_string(),
                n_topics: s.points.len(),
                slope: fit.map(|f| f.slope),
                slope_se: fit.map(|f| f.slope_se).filter(|v| v.is_finite()),
                intercept: fit.map(|f| f.intercept),
                slope_ci95: fit.and(summary.map(|s| s.ci95)),
                slope_ci90: fit.and(summary.map(|s| s.ci90)),
                bootstrap_valid: summary.map_or(0, |s| s.n_valid),
                band,
                points: s.points,
                excluded: s.excluded,
            })
        })
        .collect()
}

/// The regression of one policy's papers under one counting, raw or venue-adjusted (see the module
/// docs); `None` when the periods are missing or the same. (The callers ask [`fit_members`] for several
/// fits at once.)
#[cfg(test)]
pub(crate) fn fit_policy(
    policy: UnknownAuthorPolicy,
    papers: &[TopicPaper],
    counting: Counting,
    intensity: &IntensityTable,
    options: &RepresentationOptions,
    defs: &Definitions,
    venue_adjusted: bool,
) -> Option<RepresentationFit> {
    let member = FitMember { counting, intensity, seed: defs.seed, resamples: defs.bootstrap_resamples };
    fit_members(policy, papers, options, defs, venue_adjusted, &[member]).pop().flatten()
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
    let all: Vec<UnknownAuthorPolicy> = policies.iter().map(|p| p.policy).collect();
    representations(policies, &[(intensity, &all)], options, defs).pop().expect("one job, one result")
}

/// [`representation`] with several intensity tables, each over some of the policies: element j of the
/// result is `representation` of the policies whose policy is in `jobs[j].1` (in the order of
/// `policies`) with the intensity `jobs[j].0`, bit for bit. The fits of one policy and adjustment are
/// made together ([`fit_members`]): those of one counting resample the same papers under the same seed,
/// drawn once where the fitted topics agree.
pub fn representations(
    policies: &[PolicyPapers],
    jobs: &[(&IntensityTable, &[UnknownAuthorPolicy])],
    options: &RepresentationOptions,
    defs: &Definitions,
) -> Vec<Representation> {
    let intensity_period = options.intensity_period.as_str();
    let mut fits: Vec<Vec<RepresentationFit>> = vec![Vec::new(); jobs.len()];
    let mut venue_adjusted_fits: Vec<Vec<RepresentationFit>> = vec![Vec::new(); jobs.len()];
    for pp in policies {
        let js: Vec<usize> = (0..jobs.len()).filter(|&j| jobs[j].1.contains(&pp.policy)).collect();
        if js.is_empty() {
            continue;
        }
        // Per adjustment, every counting and table in one call: the periods' cells and types are made
        // once, and the tables whose fitted topics agree share their resamples.
        let mut members = Vec::new();
        for counting in [Counting::Full, Counting::Fractional] {
            for &j in &js {
                let (intensity, _) = jobs[j];
                members.push((
                    j,
                    FitMember { counting, intensity, seed: defs.seed, resamples: defs.bootstrap_resamples },
                ));
            }
        }
        let asked: Vec<FitMember> = members.iter().map(|m| m.1).collect();
        for venue_adjusted in [false, true] {
            let out = if venue_adjusted { &mut venue_adjusted_fits } else { &mut fits };
            let made = fit_members(pp.policy, &pp.papers, options, defs, venue_adjusted, &asked);
            for ((j, _), f) in members.iter().zip(made) {
                out[*j].extend(f);
            }
        }
    }
    jobs.iter()
        .zip(fits.into_iter().zip(venue_adjusted_fits))
        .map(|((intensity, which), (fits, venue_adjusted_fits))| {
            let mut mine = policies.iter().filter(|p| which.contains(&p.policy));
            let rows_set =
                mine.clone().find(|p| p.policy == defs.unknown_author_policy).or_else(|| mine.next());
            Representation {
                taxonomy_version: super::TAXONOMY_VERSION,
                rows_policy: rows_set.map_or(defs.unknown_author_policy, |p| p.policy),
                fits,
                venue_adjusted_fits,
                rows: rows_set
                    .map(|p| share_rows(&p.papers, intensity, intensity_period, defs))
                    .unwrap_or_default(),
            }
        })
        .collect()
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

    /// The fit as it was made before fits shared their resamples (a copy of that code): one bootstrap
    /// pass per fit, types grouped in a `BTreeMap`, full cells, `cd_stats::wls` per resample. The fits
    /// of today must equal it bit for bit.
    #[allow(clippy::too_many_arguments)]
    fn fit_policy_reference(
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
            let mut types: std::collections::BTreeMap<DrawKey, (Draw, u64)> =
                std::collections::BTreeMap::new();
            for p in ps {
                let d = Draw {
                    stratum: stratum(p),
                    topics: p.topics.bits() & fitted_mask,
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
        let seed =
            cd_stats::derive_seed(defs.seed, &format!("representation/{policy:?}/{counting:?}{label}"));
        // Each rayon job keeps its buffers (type counts, the two periods' cells, the points) across the
        // resamples it runs; every resample clears them first.
        #[allow(clippy::type_complexity)]
        let scratch = || -> (Vec<u64>, Strata, Strata, Vec<(f64, f64, f64)>) {
            (Vec::new(), Vec::new(), Vec::new(), Vec::new())
        };
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
                                // A select, not a product, for k = 0: a share that is not finite, drawn no
                                // time, adds nothing (NaN · 0 would be NaN).
                                cell.frac_sum += if k == 0 { 0.0 } else { d.share * k as f64 };
                            }
                        }
                    }
                };
                draw(&draw_first, a, rng);
                draw(&draw_last, b, rng);
                pts.clear();
                pts.extend(topics.iter().filter_map(|(t, x)| {
                    let (s1, s2, w, _, _) = topic_change(&a[..], &b[..], t.index(), counting)?;
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

    /// A small corpus: two periods (2011, 2023), six topics of which the last has too few papers to be
    /// fitted, four venues, every team kind, academic shares from a short list (so that types repeat and
    /// some are large enough for a binomial draw).
    fn small_corpus() -> Vec<TopicPaper> {
        let mut state: u64 = 0x2545F4914F6CDD1D;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let topics = [
            Topic::LanguageModels,
            Topic::Vision,
            Topic::Robotics,
            Topic::OptimisationTheory,
            Topic::SpeechAudio,
        ];
        let mut papers = Vec::new();
        for year in [2011, 2023] {
            for i in 0..900 {
                let mut set = TopicSet::empty();
                set.insert(topics[next(5) as usize]);
                if next(3) == 0 {
                    set.insert(topics[next(5) as usize]);
                }
                if i % 60 == 0 {
                    set.insert(Topic::ResponsibleAi);
                }
                let (team, academic_share) = match next(if year == 2011 { 4 } else { 5 }) {
                    0 => (TeamKind::AcademicOnly, 1.0),
                    1 => (TeamKind::Unknown, 0.0),
                    2 => (TeamKind::Collaboration, [0.25, 0.5, 0.75, 0.8][next(4) as usize]),
                    _ => (TeamKind::IndustryOnly, 0.0),
                };
                papers.push(TopicPaper {
                    year,
                    topics: set,
                    team,
                    academic_share,
                    leaning: None,
                    venue: next(4) as u16,
                });
            }
        }
        papers
    }

    /// An intensity table with the pooled x of the topics given.
    fn table(xs: &[(Topic, f64)]) -> IntensityTable {
        IntensityTable {
            taxonomy_version: crate::topics::TAXONOMY_VERSION,
            models_with_compute: 0,
            models_unmapped: 0,
            rows: xs
                .iter()
                .map(|&(topic, x)| super::super::intensity::TopicIntensity {
                    topic,
                    period: "all".into(),
                    models: 5,
                    median_log10_flop: Some(x),
                    q25_log10_flop: None,
                    q75_log10_flop: None,
                })
                .collect(),
        }
    }

    /// Tables whose fitted topics agree (a, b: different x; d: a's topics and an x for the topic without
    /// enough papers; e: a again) and one whose fitted topics differ (c: no x for Robotics).
    fn tables() -> Vec<IntensityTable> {
        use Topic::*;
        let a = [
            (LanguageModels, 23.1),
            (Vision, 21.7),
            (Robotics, 19.9),
            (OptimisationTheory, 18.2),
            (SpeechAudio, 20.4),
        ];
        let b = [
            (LanguageModels, 22.0),
            (Vision, 22.5),
            (Robotics, 20.3),
            (OptimisationTheory, 17.6),
            (SpeechAudio, 21.1),
        ];
        let c = [(LanguageModels, 23.1), (Vision, 21.7), (OptimisationTheory, 18.2), (SpeechAudio, 20.4)];
        let mut d = a.to_vec();
        d.push((ResponsibleAi, 24.0));
        vec![table(&a), table(&b), table(&c), table(&d), table(&a)]
    }

    #[test]
    fn fits_sharing_resamples_equal_separate_fits_bit_for_bit() {
        let papers = small_corpus();
        let defs = Definitions { bootstrap_resamples: 150, ..Definitions::default() };
        let options = RepresentationOptions::default();
        let tables = tables();
        let policy = UnknownAuthorPolicy::Drop;
        for venue_adjusted in [false, true] {
            // Every table under both countings in one call, as `representations` asks.
            let mut members = Vec::new();
            for counting in [Counting::Full, Counting::Fractional] {
                for intensity in &tables {
                    members.push(FitMember { counting, intensity, seed: defs.seed, resamples: 150 });
                }
            }
            let made = fit_members(policy, &papers, &options, &defs, venue_adjusted, &members);
            assert_eq!(made.len(), members.len());
            for (m, f) in members.iter().zip(&made) {
                let alone = fit_policy_reference(
                    policy,
                    &papers,
                    m.counting,
                    m.intensity,
                    &options,
                    &defs,
                    venue_adjusted,
                );
                // Debug prints every f64 in its shortest round-trip form: equal text, equal bits.
                assert_eq!(format!("{f:?}"), format!("{alone:?}"), "{:?} venue {venue_adjusted}", m.counting);
                let one =
                    fit_policy(policy, &papers, m.counting, m.intensity, &options, &defs, venue_adjusted);
                assert_eq!(format!("{one:?}"), format!("{alone:?}"));
            }
            // The cases the test means to cover: a, b, d, e fit the same five topics (d leaves
            // ResponsibleAi out for want of papers, with a reason of its own), c four; the bootstrap
            // defined everywhere; a and b differ.
            for per_counting in made.chunks(tables.len()) {
                let fits: Vec<&RepresentationFit> =
                    per_counting.iter().map(|f| f.as_ref().unwrap()).collect();
                let n: Vec<usize> = fits.iter().map(|f| f.n_topics).collect();
                assert_eq!(n, [5, 5, 4, 5, 5]);
                assert_ne!(fits[0].excluded, fits[3].excluded);
                assert_ne!(fits[0].slope, fits[1].slope);
                assert_ne!(fits[0].slope_ci95, fits[1].slope_ci95);
                assert!(fits.iter().all(|f| f.bootstrap_valid == 150));
                assert_eq!(format!("{:?}", fits[0]), format!("{:?}", fits[4]));
            }
        }
        // As the specification curve asks: seeds and resamples of their own per member.
        let members = [
            FitMember { counting: Counting::Full, intensity: &tables[0], seed: 7, resamples: 40 },
            FitMember { counting: Counting::Fractional, intensity: &tables[0], seed: 8, resamples: 40 },
            FitMember { counting: Counting::Full, intensity: &tables[1], seed: 7, resamples: 40 },
            FitMember { counting: Counting::Full, intensity: &tables[1], seed: 9, resamples: 30 },
            FitMember { counting: Counting::Fractional, intensity: &tables[2], seed: 8, resamples: 40 },
        ];
        let made = fit_members(policy, &papers, &options, &defs, false, &members);
        for (m, f) in members.iter().zip(&made) {
            let d = Definitions { seed: m.seed, bootstrap_resamples: m.resamples, ..defs.clone() };
            let alone = fit_policy_reference(policy, &papers, m.counting, m.intensity, &options, &d, false);
            assert_eq!(format!("{f:?}"), format!("{alone:?}"), "{m:?}");
        }
        assert_ne!(made[2].as_ref().unwrap().slope_ci95, made[3].as_ref().unwrap().slope_ci95);
        // Periods that are the same: no fit, for every member.
        let same = RepresentationOptions {
            first_period: Some("2022+".into()),
            last_period: Some("2022+".into()),
            ..RepresentationOptions::default()
        };
        let none = fit_members(policy, &papers, &same, &defs, false, &members);
        assert!(none.len() == members.len() && none.iter().all(Option::is_none));
    }

    #[test]
    fn representations_equal_representation_per_job() {
        let papers = small_corpus();
        // The same papers under three policies, told apart by dropping some of them.
        let policies: Vec<PolicyPapers> =
            [UnknownAuthorPolicy::Drop, UnknownAuthorPolicy::AsAcademic, UnknownAuthorPolicy::AsIndustry]
                .into_iter()
                .enumerate()
                .map(|(i, policy)| PolicyPapers {
                    policy,
                    papers: papers.iter().skip(i).step_by(i + 1).cloned().collect(),
                })
                .collect();
        let defs = Definitions { bootstrap_resamples: 60, ..Definitions::default() };
        let options = RepresentationOptions::default();
        let tables = tables();
        let all: Vec<UnknownAuthorPolicy> = policies.iter().map(|p| p.policy).collect();
        let main = [UnknownAuthorPolicy::Drop];
        let one = [UnknownAuthorPolicy::AsIndustry];
        let jobs: Vec<(&IntensityTable, &[UnknownAuthorPolicy])> =
            vec![(&tables[0], &all), (&tables[1], &main), (&tables[2], &main), (&tables[1], &one)];
        let together = representations(&policies, &jobs, &options, &defs);
        assert_eq!(together.len(), 4);
        for ((intensity, which), r) in jobs.iter().zip(&together) {
            let mine: Vec<PolicyPapers> =
                policies.iter().filter(|p| which.contains(&p.policy)).cloned().collect();
            let alone = representation(&mine, intensity, &options, &defs);
            assert_eq!(format!("{r:?}"), format!("{alone:?}"));
            assert_eq!(r.fits.len(), 2 * which.len());
        }
        assert_eq!(together[3].rows_policy, UnknownAuthorPolicy::AsIndustry);
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
