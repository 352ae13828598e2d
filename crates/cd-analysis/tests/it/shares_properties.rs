//! Property tests of the shares (issue 11): on random catalogues, in every bin the team shares (full
//! counting) and the sector shares (fractional counting) sum to one, counts add up to the bin's known
//! models, every interval brackets its share, and the result is the same at one and at four threads.

use cd_analysis::shares::{shares, Counting, SharesResult};
use cd_domain::{ClassifiedModel, Definitions, Model, PubDate, SectorShares, Team, TeamKind, TeamSource};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn model(i: usize, year: i32, log_flop: f64, kind: TeamKind, academia: f64) -> ClassifiedModel {
    let mut m = Model::named(format!("m{i}"));
    m.publication_date = PubDate::ymd(year, 6, 1 + (i % 28) as u8);
    m.training_compute_flop = Some(10f64.powf(log_flop));
    m.notability = [cd_domain::Notability::parse("SOTA improvement").unwrap()].into_iter().collect();
    let shares = match kind {
        TeamKind::AcademicOnly => SectorShares { academia: 1.0, industry: 0.0, other: 0.0 },
        TeamKind::IndustryOnly => SectorShares { academia: 0.0, industry: 1.0, other: 0.0 },
        TeamKind::Collaboration => SectorShares { academia, industry: 1.0 - academia, other: 0.0 },
        TeamKind::Other => SectorShares { academia: 0.0, industry: 0.0, other: 1.0 },
        TeamKind::Unknown => SectorShares::default(),
    };
    let team = Team { kind, shares, source: TeamSource::EpochLabel, leaning: None, sectors: vec![] };
    ClassifiedModel {
        model: m,
        team,
        team_epoch: Some(kind),
        team_derived: None,
        candidates: Default::default(),
    }
}

fn catalogue() -> impl Strategy<Value = Vec<ClassifiedModel>> {
    let kind = prop::sample::select(vec![
        TeamKind::AcademicOnly,
        TeamKind::IndustryOnly,
        TeamKind::Collaboration,
        TeamKind::Other,
        TeamKind::Unknown,
    ]);
    prop::collection::vec((2008i32..2025, 15.0f64..26.0, kind, 0.05f64..0.95), 1..120).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (y, c, k, a))| model(i, y, c + 0.1 * f64::from(y - 2008), k, a))
            .collect()
    })
}

fn check(r: &SharesResult) -> Result<(), TestCaseError> {
    let mut bins: BTreeMap<String, (f64, f64, usize)> = BTreeMap::new();
    for row in &r.rows {
        let key = format!("{:?}|{}|{:?}|{:?}", row.subset, row.period, row.granularity, row.counting);
        let e = bins.entry(key).or_insert((0.0, 0.0, row.n));
        prop_assert_eq!(e.2, row.n, "one n per bin");
        e.0 += row.count;
        e.1 += row.share.unwrap_or(0.0);
        if let (Some(s), Some([lo, hi])) = (row.share, row.share_ci95) {
            prop_assert!((0.0..=1.0).contains(&s));
            if row.counting == Counting::Full {
                prop_assert!(lo <= s + 1e-12 && s <= hi + 1e-12, "{lo} <= {s} <= {hi}");
            }
            prop_assert!((-1e-12..=1.0 + 1e-12).contains(&lo) && (-1e-12..=1.0 + 1e-12).contains(&hi));
        }
    }
    for (key, (count, share, n)) in bins {
        prop_assert!((count - n as f64).abs() < 1e-9, "{key}: counts {count} vs n {n}");
        if n > 0 {
            prop_assert!((share - 1.0).abs() < 1e-9, "{key}: shares sum to {share}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn shares_sum_to_one_and_do_not_depend_on_threads(models in catalogue(), seed in any::<u64>()) {
        let defs = Definitions { bootstrap_resamples: 50, seed, ..Definitions::default() };
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| shares(&models, &defs))
        };
        let one = run(1);
        check(&one)?;
        prop_assert_eq!(one, run(4));
    }
}
