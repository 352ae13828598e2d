//! Topic analyses against values computed independently by tools/topics/reference_values.py (pandas,
//! numpy, statsmodels, scipy) from the same inputs.

use cd_analysis::topics::annotated::{annotated_compute, parse_annotated_csv};
use cd_analysis::topics::intensity::compute_intensity;
use cd_analysis::topics::representation::{
    representation, Counting, PolicyPapers, RepresentationOptions, TopicPaper,
};
use cd_analysis::topics::thematic::{log_odds, thematic, Side, ThematicDoc};
use cd_analysis::topics::{Topic, TopicSet};
use cd_domain::definitions::{NotabilityFilter, UnknownAuthorPolicy};
use cd_domain::sector::{Team, TeamSource};
use cd_domain::{ClassifiedModel, Definitions, Model, PubDate, SectorShares, TeamKind};
use std::collections::BTreeMap;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

#[test]
fn annotated_example_matches_scipy() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/topics/annotated_example.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let (papers, report) = parse_annotated_csv(&text, "annotated_example.csv").unwrap();
    assert_eq!((report.rows_read, report.rows_loaded, report.rows_rejected), (24, 23, 1));
    assert_eq!((report.rejections[0].row, report.rejections[0].field.as_str()), (24, "training_flop"));
    let defs = Definitions::default();
    let res = annotated_compute(&papers, &defs);
    // (topic, papers, with compute, ratio, U1, p) from reference_values.py
    let want = [
        ("nlp", 8, 7, 494.7129221826155, 12.0, 0.05714285714285714),
        ("other", 7, 5, 31.622776601683793, 6.0, 0.2),
        ("vision", 8, 6, 25.327856188386406, 7.0, 0.26666666666666666),
        ("all", 23, 18, 174.4098610623266, 66.0, 0.020521961698432286),
    ];
    assert_eq!(res.topics.len(), want.len());
    for (got, (topic, n, nc, ratio, u1, p)) in res.topics.iter().zip(want) {
        assert_eq!((got.topic.as_str(), got.papers, got.papers_with_compute), (topic, n, nc));
        assert!(close(got.ratio.unwrap(), ratio, 1e-9), "{topic}: {:?}", got.ratio);
        let mw = got.mann_whitney.unwrap();
        assert_eq!(mw.u1, u1, "{topic}");
        assert!((mw.p_value - p).abs() < 1e-9, "{topic}: p {} vs {p}", mw.p_value);
        let [lo, hi] = got.ratio_ci95.unwrap();
        assert!(lo < ratio && ratio < hi, "{topic}: {lo} .. {hi}");
    }
    assert_eq!(res.topics[3].chinese_lab_papers, 5);
}

#[test]
fn log_odds_match_reference() {
    let m = |v: &[(&str, u64)]| v.iter().map(|(k, c)| (k.to_string(), *c)).collect::<BTreeMap<_, _>>();
    let acad = m(&[("graph", 30), ("theorem", 12), ("model", 50), ("scaling", 2)]);
    let ind = m(&[("graph", 10), ("model", 60), ("scaling", 25), ("gpu", 8)]);
    let scores = log_odds(&acad, &ind, 10.0, 0);
    let want = [
        ("graph", 1.3178216220961798, 3.8971983131053385),
        ("theorem", 3.236970838219462, 2.4674684176120394),
        ("model", -0.18630754907726685, -1.0219024643188555),
        ("gpu", -3.020526916320053, -1.8799655733019303),
        ("scaling", -2.206974898829287, -3.8153057517006994),
    ];
    assert_eq!(
        scores.iter().map(|s| s.term.as_str()).collect::<Vec<_>>(),
        want.iter().map(|w| w.0).collect::<Vec<_>>()
    );
    for (s, (_, delta, z)) in scores.iter().zip(want) {
        assert!(close(s.log_odds, delta, 1e-12) && close(s.z, z, 1e-12), "{s:?}");
    }
}

#[test]
fn thematic_sides_and_periods() {
    let doc = |year, side, text: &str, topics: &str| ThematicDoc {
        year,
        side,
        text: text.to_string(),
        topics: TopicSet::parse_ids(topics).unwrap(),
    };
    let mut docs = Vec::new();
    for _ in 0..20 {
        docs.push(doc(
            2019,
            Side::AcademicOnly,
            "convergence theorem for sparse recovery",
            "optimisation_theory",
        ));
        docs.push(doc(
            2019,
            Side::IndustryInvolved,
            "scaling transformer pretraining on tpu pods",
            "language_models",
        ));
    }
    let t = thematic(&docs, &Definitions::default(), 5, 3);
    assert_eq!(t.periods.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(), vec!["2018-21", "all"]);
    let p = &t.periods[0];
    assert_eq!((p.papers_academic_only, p.papers_industry_involved), (20, 20));
    assert!(p.top_academic.iter().all(|s| s.z > 0.0 && s.count_industry == 0), "{:?}", p.top_academic);
    assert!(p.top_industry.iter().any(|s| s.term == "transformer"));
    assert_eq!(p.topics.first().unwrap().term, "optimisation_theory");
    assert_eq!(p.topics.last().unwrap().term, "language_models");
    assert_eq!(p.topics.len(), cd_analysis::topics::Topic::ALL.len());
}

fn model(domain: &str, date: &str, flop: f64) -> ClassifiedModel {
    let mut m = Model::named(domain);
    m.domains = vec![domain.to_string()];
    m.publication_date = PubDate::parse(date);
    m.training_compute_flop = Some(flop);
    let team = Team {
        kind: TeamKind::IndustryOnly,
        shares: SectorShares { academia: 0.0, industry: 1.0, other: 0.0 },
        source: TeamSource::EpochLabel,
        leaning: None,
        sectors: vec![],
    };
    ClassifiedModel {
        model: m,
        team,
        team_epoch: Some(TeamKind::IndustryOnly),
        team_derived: None,
        candidates: Default::default(),
    }
}

fn papers(topic: &str, year: i32, known: usize, academic: usize, unknown: usize) -> Vec<TopicPaper> {
    let topics = TopicSet::parse_ids(topic).unwrap();
    (0..known + unknown)
        .map(|i| {
            let team = if i >= known {
                TeamKind::Unknown
            } else if i < academic {
                TeamKind::AcademicOnly
            } else {
                TeamKind::IndustryOnly
            };
            let academic_share = if team == TeamKind::AcademicOnly { 1.0 } else { 0.0 };
            TopicPaper { year, topics, team, academic_share, leaning: None, venue: 0 }
        })
        .collect()
}

#[test]
fn representation_slope_matches_statsmodels_wls() {
    let defs = Definitions {
        notability_filter: NotabilityFilter::None,
        bootstrap_resamples: 400,
        topic_min_models: 1,
        ..Definitions::default()
    };
    // Pooled intensities: vision 21, language models 24 (median of 23, 24, 25), RL 19, robotics 20.
    let models = vec![
        model("Vision", "2015-06-01", 1e21),
        model("Language", "2019-01-01", 1e23),
        model("Language", "2022-01-01", 1e24),
        model("Language", "2023-01-01", 1e25),
        model("Games", "2016-01-01", 1e19),
        model("Robotics", "2016-01-01", 1e20),
    ];
    let intensity = compute_intensity(&models, &defs);
    assert_eq!(intensity.pooled(Topic::LanguageModels), Some(24.0));
    let mut ps = Vec::new();
    // (known, academic-only) per period, as in reference_values.py; plus unknown-team papers that must
    // not enter the shares, a topic without intensity and a topic with too few papers.
    ps.extend(papers("vision", 2011, 40, 30, 7));
    ps.extend(papers("vision", 2023, 50, 20, 3));
    ps.extend(papers("language_models", 2012, 30, 24, 0));
    ps.extend(papers("language_models", 2022, 60, 12, 9));
    ps.extend(papers("rl_games", 2013, 25, 15, 0));
    ps.extend(papers("rl_games", 2022, 25, 14, 1));
    ps.extend(papers("optimisation_theory", 2011, 50, 45, 0));
    ps.extend(papers("optimisation_theory", 2023, 50, 40, 0));
    ps.extend(papers("robotics", 2011, 10, 5, 0));
    ps.extend(papers("robotics", 2023, 50, 10, 0));
    let policies = [PolicyPapers { policy: UnknownAuthorPolicy::Drop, papers: ps.clone() }];
    let all = RepresentationOptions::default();
    let r = representation(&policies, &intensity, &all, &defs);
    let full = r.fits.iter().find(|f| f.counting == Counting::Full).unwrap();
    assert_eq!(
        (full.first_period.as_str(), full.last_period.as_str(), full.n_topics),
        ("2010-13", "2022+", 3)
    );
    assert!(close(full.slope.unwrap(), -0.10611246943765279, 1e-9), "{:?}", full.slope);
    assert!(close(full.slope_se.unwrap(), 0.02086859729523245, 1e-9), "{:?}", full.slope_se);
    assert!(close(full.intercept.unwrap(), 1.925672371638142, 1e-9), "{:?}", full.intercept);
    let [lo, hi] = full.slope_ci95.unwrap();
    assert!(lo < -0.106 && -0.106 < hi && hi < 0.0, "{lo} .. {hi}");
    let excluded: Vec<Topic> = full.excluded.iter().map(|e| e.0).collect();
    assert!(excluded.contains(&Topic::OptimisationTheory) && excluded.contains(&Topic::Robotics));
    // With 0/1 academic shares, fractional counting gives the same fit.
    let frac = r.fits.iter().find(|f| f.counting == Counting::Fractional).unwrap();
    assert!(close(frac.slope.unwrap(), full.slope.unwrap(), 1e-12));
    // Rows: vision 2010-13 has 47 papers, 40 of known team, share 0.75.
    let row = r.rows.iter().find(|r| r.topic == Topic::Vision && r.period == "2010-13").unwrap();
    assert_eq!((row.papers, row.papers_known_team, row.academic_only_papers), (47, 40, 30));
    assert_eq!(row.academic_only_share, Some(0.75));
    assert_eq!(row.compute_intensity_log10_flop, Some(21.0));
    // With at least 3 models required, only language models keep an intensity: no fit.
    let strict = Definitions { topic_min_models: 3, ..defs.clone() };
    let r3 = representation(&policies, &intensity, &all, &strict);
    assert_eq!((r3.fits[0].n_topics, r3.fits[0].slope), (1, None));
    // The last period's intensity as x: language models 24.5 (1e24, 1e25), vision/RL have no 2022+ model.
    let last = representation(
        &policies,
        &intensity,
        &RepresentationOptions { intensity_period: "2022+".into(), ..all.clone() },
        &defs,
    );
    assert_eq!(last.fits[0].n_topics, 1);
    // Chosen periods: 2010-13 against 2014-17, where no paper lies, gives no shares and no fit.
    let chosen = RepresentationOptions { last_period: Some("2014-17".into()), ..all.clone() };
    let r4 = representation(&policies, &intensity, &chosen, &defs);
    assert_eq!((r4.fits[0].last_period.as_str(), r4.fits[0].n_topics), ("2014-17", 0));
    // Same numbers at any thread count.
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let three = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    let a = one.install(|| representation(&policies, &intensity, &all, &defs));
    let b = three.install(|| representation(&policies, &intensity, &all, &defs));
    assert_eq!(a, b);
}
