//! Who is in an analysis: the notability filter, team kinds under the academic-only rule, team groups,
//! and the (date, compute) points that trend-type analyses fit.
//!
//! Pure selection over `ClassifiedModel`s; no statistics and no I/O here.

use cd_domain::definitions::{AcademicOnlyRule, NotabilityFilter};
use cd_domain::sector::Leaning;
use cd_domain::{ClassifiedModel, Definitions, Model, Notability, TeamKind};
use serde::Serialize;

/// Does the model pass the notability filter?
///
/// `Study` keeps models with at least one of SOTA improvement, historical significance or highly cited;
/// models whose only criteria are significant use, training cost, discretionary or an unrecognised
/// free-text criterion are dropped, and so are models with no criterion.
pub fn passes_notability(model: &Model, filter: NotabilityFilter) -> bool {
    match filter {
        NotabilityFilter::Study => model.notability.iter().any(|n| {
            matches!(
                n,
                Notability::SotaImprovement | Notability::HistoricalSignificance | Notability::HighlyCited
            )
        }),
        NotabilityFilter::AnyCriterion => !model.notability.is_empty(),
        NotabilityFilter::None => true,
    }
}

/// Team kind of a model under the academic-only rule. `Loose` turns a collaboration that leans to
/// academia (Epoch's label, or an academic fractional share ≥ `academia_leaning_min_share`) into
/// academic-only; `Strict` leaves team kinds as classified.
pub fn team_kind(model: &ClassifiedModel, defs: &Definitions) -> TeamKind {
    let kind = model.team.kind;
    if defs.academic_only == AcademicOnlyRule::Loose
        && kind == TeamKind::Collaboration
        && (model.team.leaning == Some(Leaning::Academia)
            || model.team.shares.academia >= defs.academia_leaning_min_share)
    {
        return TeamKind::AcademicOnly;
    }
    kind
}

/// The team groups trend-type analyses report on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamGroup {
    All,
    AcademicOnly,
    IndustryOnly,
    Collaboration,
}

impl TeamGroup {
    pub const ALL: [TeamGroup; 4] =
        [TeamGroup::All, TeamGroup::AcademicOnly, TeamGroup::IndustryOnly, TeamGroup::Collaboration];

    pub fn contains(self, kind: TeamKind) -> bool {
        match self {
            TeamGroup::All => true,
            TeamGroup::AcademicOnly => kind == TeamKind::AcademicOnly,
            TeamGroup::IndustryOnly => kind == TeamKind::IndustryOnly,
            TeamGroup::Collaboration => kind == TeamKind::Collaboration,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TeamGroup::All => "all",
            TeamGroup::AcademicOnly => "academic_only",
            TeamGroup::IndustryOnly => "industry_only",
            TeamGroup::Collaboration => "collaboration",
        }
    }
}

/// One model as a point of a compute trend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Index into the model slice the point was built from.
    pub index: usize,
    /// Publication date as a decimal year.
    pub year: f64,
    pub log10_flop: f64,
    /// Team kind under the academic-only rule.
    pub team: TeamKind,
}

/// Models that pass the notability filter, as indices into `models`, in input order.
pub fn notable_indices(models: &[ClassifiedModel], defs: &Definitions) -> Vec<usize> {
    (0..models.len()).filter(|&i| passes_notability(&models[i].model, defs.notability_filter)).collect()
}

/// Notable models with a publication date and a positive, finite training compute, sorted by date
/// (ties by input order).
pub fn compute_points(models: &[ClassifiedModel], defs: &Definitions) -> Vec<Point> {
    let mut pts: Vec<Point> = notable_indices(models, defs)
        .into_iter()
        .filter_map(|i| {
            let m = &models[i];
            let year = m.model.decimal_year()?;
            let log10_flop = m.model.log10_compute().filter(|v| v.is_finite())?;
            Some(Point { index: i, year, log10_flop, team: team_kind(m, defs) })
        })
        .collect();
    pts.sort_by(|a, b| a.year.total_cmp(&b.year).then(a.index.cmp(&b.index)));
    pts
}

/// Calendar year of a decimal year.
pub fn calendar_year(decimal_year: f64) -> i32 {
    // `decimal_year.floor() as i32` without the call to libm's floor (the portable x86-64 build has no
    // rounding instruction, and the specification curve's resamples ask this of every point drawn):
    // truncate, then step down where truncation went up. Equal for every f64, NaN and infinities
    // included (the cast saturates; tested).
    let t = decimal_year as i32;
    if (t as f64) > decimal_year {
        t.saturating_sub(1)
    } else {
        t
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Hand-built models for unit tests.
    use cd_domain::sector::{Leaning, Team, TeamSource};
    use cd_domain::{ClassifiedModel, Model, Notability, PubDate, SectorShares, TeamKind};

    pub fn model(name: &str, date: &str, flop: Option<f64>, kind: TeamKind) -> ClassifiedModel {
        let mut m = Model::named(name);
        m.publication_date = PubDate::parse(date);
        m.training_compute_flop = flop;
        m.notability.insert(Notability::SotaImprovement);
        let shares = match kind {
            TeamKind::AcademicOnly => SectorShares { academia: 1.0, industry: 0.0, other: 0.0 },
            TeamKind::IndustryOnly => SectorShares { academia: 0.0, industry: 1.0, other: 0.0 },
            TeamKind::Collaboration => SectorShares { academia: 0.5, industry: 0.5, other: 0.0 },
            TeamKind::Other => SectorShares { academia: 0.0, industry: 0.0, other: 1.0 },
            TeamKind::Unknown => SectorShares::default(),
        };
        let team = Team { kind, shares, source: TeamSource::EpochLabel, leaning: None, sectors: vec![] };
        let candidates = cd_domain::TeamCandidates { epoch: Some(team.clone()), derived: None };
        ClassifiedModel { model: m, team, team_epoch: Some(kind), team_derived: None, candidates }
    }

    pub fn leaning_academia(mut m: ClassifiedModel) -> ClassifiedModel {
        m.team.leaning = Some(Leaning::Academia);
        m.team.shares = SectorShares { academia: 0.8, industry: 0.2, other: 0.0 };
        m.candidates.epoch = Some(m.team.clone());
        m
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;

    proptest::proptest! {
        /// The calendar year is `floor` cast to i32, for any bits: decimal years, negative and huge
        /// values, NaN and infinities.
        #[test]
        fn calendar_year_is_the_floor_cast(bits in proptest::prelude::any::<u64>(), year in -1e10f64..1e10) {
            for x in [f64::from_bits(bits), year, year.round(), year.trunc() - 0.5] {
                proptest::prop_assert_eq!(calendar_year(x), x.floor() as i32, "{}", x);
            }
        }
    }

    #[test]
    fn calendar_year_at_the_edges() {
        for x in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            0.0,
            -0.5,
            0.5,
            -1.0,
            2_023.999_999,
            2024.0,
            i32::MAX as f64,
            i32::MAX as f64 + 0.5,
            i32::MIN as f64,
            i32::MIN as f64 - 0.5,
            -3e9,
            3e9,
        ] {
            assert_eq!(calendar_year(x), x.floor() as i32, "{x}");
        }
    }
    use cd_domain::definitions::NotabilityFilter;

    #[test]
    fn notability_filter() {
        let mut m = Model::named("x");
        assert!(!passes_notability(&m, NotabilityFilter::Study));
        assert!(!passes_notability(&m, NotabilityFilter::AnyCriterion));
        assert!(passes_notability(&m, NotabilityFilter::None));
        m.notability.insert(Notability::SignificantUse);
        assert!(!passes_notability(&m, NotabilityFilter::Study));
        assert!(passes_notability(&m, NotabilityFilter::AnyCriterion));
        m.notability.insert(Notability::HighlyCited);
        assert!(passes_notability(&m, NotabilityFilter::Study));
    }

    #[test]
    fn loose_rule_counts_academia_leaning_collaborations() {
        let c = leaning_academia(model("c", "2020-01-01", Some(1e20), TeamKind::Collaboration));
        let plain = model("d", "2020-01-01", Some(1e20), TeamKind::Collaboration);
        let strict = Definitions::default();
        let loose = Definitions { academic_only: AcademicOnlyRule::Loose, ..Definitions::default() };
        assert_eq!(team_kind(&c, &strict), TeamKind::Collaboration);
        assert_eq!(team_kind(&c, &loose), TeamKind::AcademicOnly);
        assert_eq!(team_kind(&plain, &loose), TeamKind::Collaboration);
    }

    #[test]
    fn points_sorted_and_filtered() {
        let ms = vec![
            model("b", "2021-06-01", Some(1e21), TeamKind::IndustryOnly),
            model("a", "2019-06-01", Some(1e19), TeamKind::AcademicOnly),
            model("no compute", "2019-06-01", None, TeamKind::AcademicOnly),
            model("no date", "", Some(1e19), TeamKind::AcademicOnly),
            model("zero", "2019-06-01", Some(0.0), TeamKind::AcademicOnly),
        ];
        let p = compute_points(&ms, &Definitions::default());
        assert_eq!(p.iter().map(|p| p.index).collect::<Vec<_>>(), vec![1, 0]);
        assert_eq!(p[1].log10_flop, 21.0);
    }
}
