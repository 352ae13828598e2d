//! Analyses 3 and 4: team shares of notable, large-scale and frontier models, and the industry share of
//! the k largest models per year.
//!
//! Subsets: `notable` = models passing the notability filter with a publication date (compute not
//! needed); `large_scale` and `frontier` = notable models with compute flagged by `large_scale_rule` /
//! `frontier_rule` (judged among all notable models with compute). Bins: each period of
//! `Definitions::periods`, and each calendar year from the first period's start. Teams use the
//! academic-only rule. Models of unknown team are left out of the denominator (counted in `n_unknown`).
//!
//! Full counting: the share of models whose team kind is academic_only / industry_only / collaboration /
//! other. Fractional counting (CWTS): each model's sector shares (academia / industry / other) summed
//! and divided by the number of models. Intervals: for full counting the Wilson score interval of count
//! of n (positive width at 0% and 100%, unlike a bootstrap there); for fractional counting a percentile
//! bootstrap (resample the bin's models with replacement, B = `bootstrap_resamples`, seeded per subset
//! and bin), except where every model gives the same sector share (0 or 1 for all), where no resample can
//! vary and the Wilson interval of the summed share of n is given instead. A share resting on fewer than
//! `min_n_share` models is flagged `small_n`.

use crate::frontier::frontier_flags;
use crate::population::{calendar_year, compute_points, notable_indices, team_kind};
use crate::trends::points_large_scale;
use cd_domain::{ClassifiedModel, Definitions, Sector, SectorShares, TeamKind};
use cd_stats::binomial::{Z90, Z95};
use cd_stats::{bootstrap_map, derive_seed, wilson, IndexSampler, Summary};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subset {
    Notable,
    LargeScale,
    Frontier,
}

impl Subset {
    pub const ALL: [Subset; 3] = [Subset::Notable, Subset::LargeScale, Subset::Frontier];
    pub fn as_str(self) -> &'static str {
        match self {
            Subset::Notable => "notable",
            Subset::LargeScale => "large_scale",
            Subset::Frontier => "frontier",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    Full,
    Fractional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Period,
    Year,
}

/// Whose share a row gives: a team kind (full counting) or a sector (fractional counting: academia,
/// industry, or `other` for every other sector). Serialised as its name (`academic_only`, `academia`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(untagged)]
pub enum ShareGroup {
    Team(TeamKind),
    Sector(FractionalSector),
}

/// The sectors of fractional counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FractionalSector {
    Academia,
    Industry,
    /// Government, non-profit and research collectives.
    Other,
}

impl FractionalSector {
    pub const ALL: [FractionalSector; 3] =
        [FractionalSector::Academia, FractionalSector::Industry, FractionalSector::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            FractionalSector::Academia => Sector::Academia.as_str(),
            FractionalSector::Industry => Sector::Industry.as_str(),
            FractionalSector::Other => "other",
        }
    }
}

impl ShareGroup {
    pub fn as_str(self) -> &'static str {
        match self {
            ShareGroup::Team(t) => t.as_str(),
            ShareGroup::Sector(s) => s.as_str(),
        }
    }
}

impl std::fmt::Display for ShareGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One share: a team (full counting) or sector (fractional counting) within a subset and bin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareRow {
    pub subset: Subset,
    /// Period label (`2010-13`, `2022+`) or the year (`2015`).
    pub period: String,
    pub granularity: Granularity,
    pub counting: Counting,
    /// Team kind (full counting: academic_only, industry_only, collaboration, other) or sector
    /// (fractional counting: academia, industry, other).
    pub team: ShareGroup,
    /// Models of this team (full) or summed sector shares (fractional).
    pub count: f64,
    /// Models of known team in the bin: the denominator.
    pub n: usize,
    /// Models of unknown team in the bin (not in the denominator).
    pub n_unknown: usize,
    /// count / n; `null` when n = 0.
    pub share: Option<f64>,
    /// Wilson (full counting) or percentile-bootstrap (fractional counting) intervals; `null` when n = 0.
    pub share_ci95: Option<[f64; 2]>,
    pub share_ci90: Option<[f64; 2]>,
    /// `wilson` or `bootstrap`: how the interval was computed.
    pub interval: &'static str,
    /// n < `min_n_share`: the share rests on few models.
    pub small_n: bool,
}

/// Analysis 4: the k largest models of one calendar year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LargestRow {
    pub year: i32,
    pub k: usize,
    /// Models among the k largest (fewer than k when the year has fewer models with compute).
    pub n: usize,
    /// Of those, models of known team (the denominator of the shares).
    pub n_known: usize,
    pub industry_only_share: Option<f64>,
    /// Industry-only or collaboration.
    pub industry_involved_share: Option<f64>,
    pub academic_only_share: Option<f64>,
    /// Names, largest first.
    pub models: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharesResult {
    pub rows: Vec<ShareRow>,
    pub largest: Vec<LargestRow>,
}

const FULL_TEAMS: [TeamKind; 4] =
    [TeamKind::AcademicOnly, TeamKind::IndustryOnly, TeamKind::Collaboration, TeamKind::Other];

/// One model as it enters a share bin.
#[derive(Debug, Clone, Copy)]
struct Member {
    year: i32,
    team: TeamKind,
    shares: SectorShares,
}

fn team_slot(kind: TeamKind) -> Option<usize> {
    FULL_TEAMS.iter().position(|k| *k == kind)
}

/// Counts of one bin's members with known team: 4 full-counting counts then 3 fractional sums.
fn bin_counts(known: &[Member], pick: impl Iterator<Item = usize>) -> [f64; 7] {
    let mut acc = [0.0; 7];
    for i in pick {
        let m = &known[i];
        if let Some(s) = team_slot(m.team) {
            acc[s] += 1.0;
        }
        acc[4] += m.shares.academia;
        acc[5] += m.shares.industry;
        acc[6] += m.shares.other;
    }
    acc
}

fn bin_rows(
    subset: Subset,
    label: String,
    granularity: Granularity,
    members: &[Member],
    n_unknown: usize,
    defs: &Definitions,
) -> Vec<ShareRow> {
    let n = members.len();
    let counts = bin_counts(members, 0..n);
    let boot: Vec<[f64; 7]> = if n > 0 {
        let seed = derive_seed(defs.seed, &format!("shares/{}/{}", subset.as_str(), label));
        let index = IndexSampler::new(n);
        bootstrap_map(defs.bootstrap_resamples, seed, |rng| {
            bin_counts(members, (0..n).map(|_| index.draw(rng))).map(|c| c / n as f64)
        })
    } else {
        vec![]
    };
    (0..7)
        .map(|slot| {
            let (counting, team) = if slot < 4 {
                (Counting::Full, ShareGroup::Team(FULL_TEAMS[slot]))
            } else {
                (Counting::Fractional, ShareGroup::Sector(FractionalSector::ALL[slot - 4]))
            };
            let dist: Vec<f64> = boot.iter().map(|b| b[slot]).collect();
            // Full counting, or a fractional share no resample can move (every model 0 or every model 1).
            let degenerate = counting == Counting::Fractional
                && (counts[slot] == 0.0 || counts[slot] == n as f64)
                && members.iter().all(|m| {
                    let v = [m.shares.academia, m.shares.industry, m.shares.other][slot - 4];
                    v == 0.0 || v == 1.0
                });
            let (ci95, ci90, interval) = if counting == Counting::Full || degenerate {
                (wilson(counts[slot], n as f64, Z95), wilson(counts[slot], n as f64, Z90), "wilson")
            } else {
                let summary = Summary::of(&dist);
                (summary.map(|s| s.ci95), summary.map(|s| s.ci90), "bootstrap")
            };
            ShareRow {
                subset,
                period: label.clone(),
                granularity,
                counting,
                team,
                count: counts[slot],
                n,
                n_unknown,
                share: (n > 0).then(|| counts[slot] / n as f64),
                share_ci95: ci95,
                share_ci90: ci90,
                interval,
                small_n: n < defs.min_n_share,
            }
        })
        .collect()
}

/// The members of each subset (all teams, unknown included).
fn subset_members(models: &[ClassifiedModel], defs: &Definitions) -> Vec<(Subset, Vec<Member>)> {
    let member = |i: usize, year: f64| Member {
        year: calendar_year(year),
        team: team_kind(&models[i], defs),
        shares: models[i].team.shares,
    };
    let notable: Vec<Member> = notable_indices(models, defs)
        .into_iter()
        .filter_map(|i| models[i].model.decimal_year().map(|y| member(i, y)))
        .collect();
    let points = compute_points(models, defs);
    let large = points_large_scale(&points, defs);
    let years: Vec<f64> = points.iter().map(|p| p.year).collect();
    let v: Vec<f64> = points.iter().map(|p| p.log10_flop).collect();
    let front = frontier_flags(&years, &v, &defs.frontier_rule, defs.dl_era_start);
    let pick = |flags: &[bool]| -> Vec<Member> {
        points.iter().zip(flags).filter(|(_, f)| **f).map(|(p, _)| member(p.index, p.year)).collect()
    };
    vec![(Subset::Notable, notable), (Subset::LargeScale, pick(&large)), (Subset::Frontier, pick(&front))]
}

/// Analysis 3 (and 4): team shares per subset, period and year, plus the k largest per year.
pub fn shares(models: &[ClassifiedModel], defs: &Definitions) -> SharesResult {
    let subsets = subset_members(models, defs);
    let first_year =
        defs.periods.iter().map(|p| p.start_year).min().unwrap_or(calendar_year(defs.dl_era_start));
    let mut bins: Vec<(Subset, String, Granularity, Vec<Member>, usize)> = vec![];
    for (subset, members) in &subsets {
        let (known, unknown): (Vec<Member>, Vec<Member>) =
            members.iter().partition(|m| m.team != TeamKind::Unknown);
        for p in &defs.periods {
            let inside = |m: &&Member| p.contains(m.year);
            bins.push((
                *subset,
                p.label.clone(),
                Granularity::Period,
                known.iter().filter(inside).copied().collect(),
                unknown.iter().filter(inside).count(),
            ));
        }
        let last_year = members.iter().map(|m| m.year).max().unwrap_or(first_year);
        for y in first_year..=last_year {
            bins.push((
                *subset,
                y.to_string(),
                Granularity::Year,
                known.iter().filter(|m| m.year == y).copied().collect(),
                unknown.iter().filter(|m| m.year == y).count(),
            ));
        }
    }
    let rows = bins
        .into_par_iter()
        .map(|(s, label, g, members, unk)| bin_rows(s, label, g, &members, unk, defs))
        .collect::<Vec<_>>()
        .concat();
    SharesResult { rows, largest: largest_by_year(models, defs) }
}

/// Analysis 4: for each calendar year from the first period's start, the `top_k_largest` notable models
/// by compute, and the shares of industry-only, industry-involved and academic-only teams among those of
/// known team (Ahmed, Wahed & Thompson 2023 count the largest models per year).
pub fn largest_by_year(models: &[ClassifiedModel], defs: &Definitions) -> Vec<LargestRow> {
    let points = compute_points(models, defs);
    let first_year =
        defs.periods.iter().map(|p| p.start_year).min().unwrap_or(calendar_year(defs.dl_era_start));
    let Some(last_year) = points.last().map(|p| calendar_year(p.year)) else { return vec![] };
    (first_year..=last_year)
        .map(|year| {
            let mut of_year: Vec<_> = points.iter().filter(|p| calendar_year(p.year) == year).collect();
            // Largest first; ties by input order for stability.
            of_year.sort_by(|a, b| b.log10_flop.total_cmp(&a.log10_flop).then(a.index.cmp(&b.index)));
            of_year.truncate(defs.top_k_largest);
            let known: Vec<_> = of_year.iter().filter(|p| p.team != TeamKind::Unknown).collect();
            let share = |f: &dyn Fn(TeamKind) -> bool| {
                (!known.is_empty())
                    .then(|| known.iter().filter(|p| f(p.team)).count() as f64 / known.len() as f64)
            };
            LargestRow {
                year,
                k: defs.top_k_largest,
                n: of_year.len(),
                n_known: known.len(),
                industry_only_share: share(&|k| k == TeamKind::IndustryOnly),
                industry_involved_share: share(&|k| k.industry_involved()),
                academic_only_share: share(&|k| k == TeamKind::AcademicOnly),
                models: of_year.iter().map(|p| models[p.index].model.name.clone()).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::testutil::model;
    use cd_domain::definitions::LargeScaleRule;

    fn data() -> Vec<ClassifiedModel> {
        vec![
            model("a1", "2011-03-01", Some(1e18), TeamKind::AcademicOnly),
            model("a2", "2012-03-01", Some(1e17), TeamKind::AcademicOnly),
            model("i1", "2013-03-01", Some(1e19), TeamKind::IndustryOnly),
            model("u1", "2013-04-01", Some(1e16), TeamKind::Unknown),
            model("c1", "2022-03-01", Some(1e24), TeamKind::Collaboration),
            model("i2", "2022-05-01", Some(1e25), TeamKind::IndustryOnly),
            model("i3", "2023-05-01", Some(1e23), TeamKind::IndustryOnly),
            model("a3", "2023-06-01", Some(1e22), TeamKind::AcademicOnly),
        ]
    }

    fn row<'a>(
        r: &'a SharesResult,
        subset: Subset,
        period: &str,
        counting: Counting,
        team: &str,
    ) -> &'a ShareRow {
        r.rows
            .iter()
            .find(|x| {
                x.subset == subset && x.period == period && x.counting == counting && x.team.as_str() == team
            })
            .unwrap()
    }

    #[test]
    fn full_and_fractional_shares_with_intervals() {
        let defs = Definitions {
            bootstrap_resamples: 400,
            large_scale_rule: LargeScaleRule::Threshold { min_flop: 1e23 },
            ..Definitions::default()
        };
        let r = shares(&data(), &defs);
        let early = row(&r, Subset::Notable, "2010-13", Counting::Full, "academic_only");
        assert_eq!((early.n, early.n_unknown, early.count), (3, 1, 2.0));
        assert!((early.share.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        let [lo, hi] = early.share_ci95.unwrap();
        assert!(lo <= 2.0 / 3.0 && 2.0 / 3.0 <= hi && lo >= 0.0 && hi <= 1.0);
        // Fractional: the collaboration counts half academia, half industry.
        let late = row(&r, Subset::LargeScale, "2022+", Counting::Fractional, "industry");
        assert_eq!(late.n, 3);
        assert!((late.share.unwrap() - 2.5 / 3.0).abs() < 1e-12);
        let ind22 = row(&r, Subset::LargeScale, "2022", Counting::Full, "industry_only");
        assert_eq!((ind22.n, ind22.share), (2, Some(0.5)));
        let empty = row(&r, Subset::LargeScale, "2015", Counting::Full, "industry_only");
        assert_eq!((empty.n, empty.share, empty.share_ci95), (0, None, None));
        // Full counting: Wilson, statsmodels' proportion_confint(2, 3, method='wilson').
        assert_eq!((early.interval, early.small_n), ("wilson", true));
        let [lo, hi] = early.share_ci95.unwrap();
        assert!((lo - 0.2076596008020477).abs() < 1e-12 && (hi - 0.9385080552796037).abs() < 1e-12);
        // 0 of 3 and 3 of 3 keep a positive width.
        let none = row(&r, Subset::LargeScale, "2022+", Counting::Full, "academic_only");
        assert_eq!((none.count, none.n), (0.0, 3));
        // proportion_confint(0, 3, method='wilson') = (~0, 0.5614970317550455)
        let [lo, hi] = none.share_ci95.unwrap();
        assert!(lo == 0.0 && (hi - 0.5614970317550455).abs() < 1e-12, "{hi}");
        for x in r.rows.iter().filter(|x| x.n > 0) {
            let [lo, hi] = x.share_ci95.unwrap();
            assert!(hi > lo, "zero-width interval: {x:?}");
            let s = x.share.unwrap();
            assert!(lo <= s + 1e-12 && s <= hi + 1e-12, "{x:?}");
        }
        // Fractional shares that no resample can move (no model of the 2022+ large-scale set has an
        // `other` sector) use Wilson; others the bootstrap.
        assert_eq!(late.interval, "bootstrap");
        let other = row(&r, Subset::LargeScale, "2022+", Counting::Fractional, "other");
        assert_eq!((other.share, other.interval), (Some(0.0), "wilson"));
        let json = serde_json::to_value(early).unwrap();
        assert_eq!(json["team"], "academic_only");
        assert_eq!(serde_json::to_value(late).unwrap()["team"], "industry");
    }

    #[test]
    fn largest_per_year() {
        let defs = Definitions { top_k_largest: 1, ..Definitions::default() };
        let l = largest_by_year(&data(), &defs);
        let y2013 = l.iter().find(|r| r.year == 2013).unwrap();
        assert_eq!(y2013.models, vec!["i1".to_string()]);
        assert_eq!(y2013.industry_only_share, Some(1.0));
        let y2022 = l.iter().find(|r| r.year == 2022).unwrap();
        assert_eq!(y2022.models, vec!["i2".to_string()]);
        let y2015 = l.iter().find(|r| r.year == 2015).unwrap();
        assert_eq!((y2015.n, y2015.industry_only_share), (0, None));
    }
}
