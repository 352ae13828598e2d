//! The report's headline numbers, selected from the model analyses' results: the one definition of which
//! fit, share row, gap row and lag the report's headline boxes show (`cd_report::study` formats them),
//! and which `diff` compares across vintages (`crate::diff`).
//!
//! Selection only: every number was computed by `trends`, `shares`, `gap` or `openness`.

use crate::gap::{GapResult, GapRow};
use crate::openness::{OpenClosedLag, OpennessResult};
use crate::population::TeamGroup;
use crate::shares::{Counting, ShareGroup, ShareRow, SharesResult, Subset};
use crate::trends::{Era, TrendFit, TrendsResult};
use cd_domain::{Definitions, TeamKind};

/// The fit of `team` in `era`, if the trends hold one.
pub fn find_fit(tr: &TrendsResult, team: TeamGroup, era: Era) -> Option<&TrendFit> {
    tr.fits.iter().find(|f| f.team == team && f.era == era)
}

/// The full-counting share of `team` among `subset` models in the bin labelled `period` (a period label
/// or a year).
pub fn share_of<'a>(
    sh: &'a SharesResult,
    subset: Subset,
    period: &str,
    team: TeamKind,
) -> Option<&'a ShareRow> {
    sh.rows.iter().find(|r| {
        r.subset == subset
            && r.period == period
            && r.team == ShareGroup::Team(team)
            && r.counting == Counting::Full
    })
}

/// The rows behind the report's headlines, each when the analyses give it.
#[derive(Debug, Clone, Copy)]
pub struct ReportHeadlines<'a> {
    /// All notable models, deep-learning era.
    pub dl_all: Option<&'a TrendFit>,
    /// Industry-only models, deep-learning era.
    pub dl_industry_only: Option<&'a TrendFit>,
    /// Academic-only models, deep-learning era.
    pub dl_academic_only: Option<&'a TrendFit>,
    /// Academic-only share of large-scale models in the first and the last period of
    /// `Definitions::periods` (with the periods' labels).
    pub large_scale_academic_first: Option<(&'a str, &'a ShareRow)>,
    pub large_scale_academic_last: Option<(&'a str, &'a ShareRow)>,
    /// Industry-only share of large-scale models in `Definitions::headline_year`.
    pub large_scale_industry_year: Option<&'a ShareRow>,
    /// The latest year with a frontier gap (largest model so far).
    pub gap_latest: Option<&'a GapRow>,
    /// The open-vs-closed lag.
    pub lag: &'a OpenClosedLag,
}

/// Select the report's headline rows from the analyses' results.
pub fn report_headlines<'a>(
    trends: &'a TrendsResult,
    shares: &'a SharesResult,
    gap: &'a GapResult,
    openness: &'a OpennessResult,
    defs: &'a Definitions,
) -> ReportHeadlines<'a> {
    let period_share = |p: Option<&'a cd_domain::definitions::Period>| {
        p.and_then(|p| {
            share_of(shares, Subset::LargeScale, &p.label, TeamKind::AcademicOnly)
                .map(|r| (p.label.as_str(), r))
        })
    };
    ReportHeadlines {
        dl_all: find_fit(trends, TeamGroup::All, Era::Dl),
        dl_industry_only: find_fit(trends, TeamGroup::IndustryOnly, Era::Dl),
        dl_academic_only: find_fit(trends, TeamGroup::AcademicOnly, Era::Dl),
        large_scale_academic_first: period_share(defs.periods.first()),
        large_scale_academic_last: period_share(defs.periods.last()),
        large_scale_industry_year: share_of(
            shares,
            Subset::LargeScale,
            &defs.headline_year.to_string(),
            TeamKind::IndustryOnly,
        ),
        gap_latest: gap.rows.iter().rev().find(|r| r.gap_max_oom.is_some()),
        lag: &openness.lag,
    }
}
