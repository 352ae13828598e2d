//! The topic rules (taxonomy v2.1) on the hand-labelled Paper Copilot sets
//! (tests/fixtures/topics/papercopilot_check.csv and papercopilot_holdout.csv; sampling and labelling in
//! their headers): micro precision, recall and F1 with title, keywords, areas and abstracts as the
//! lists give them. Run with `--nocapture` for the per-topic table.
//!
//! From v2.1 on both are tuning sets: `papercopilot_holdout.csv` was measured several times under v1–v2
//! and is retired as a hold-out; the v2.1 rules were revised on both. The hold-out of v2.1 is
//! `papercopilot_holdout2.csv`, labelled by another person before any v2.1 rule change and measured once
//! by the lead after the merge (not by this test). tools/topics/assign_reference.py recomputes these
//! figures independently (`python3 tools/topics/assign_reference.py eval`).

use cd_analysis::topics::{evaluate, PaperText, TopicAssigner, TopicSet};

struct Row {
    title: String,
    abstract_text: String,
    keywords: Vec<String>,
    gold: TopicSet,
}

fn load(name: &str) -> Vec<Row> {
    let path = format!("{}/tests/fixtures/topics/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_path(&path).expect("check set opens");
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.unwrap_or_else(|e| panic!("{path}: row {}: {e}", i + 1));
        let gold =
            TopicSet::parse_ids(&rec[5]).unwrap_or_else(|e| panic!("{path}: row {}: topics: {e}", i + 1));
        let keywords =
            rec[4].split(';').map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect();
        out.push(Row { title: rec[2].to_string(), abstract_text: rec[3].to_string(), keywords, gold });
    }
    out
}

/// Micro precision, recall and F1 of the rules on one set.
fn score(name: &str) -> (usize, f64, f64, f64) {
    let rows = load(name);
    let assigner = TopicAssigner::default();
    let pairs: Vec<(TopicSet, TopicSet)> = rows
        .iter()
        .map(|r| {
            let text = PaperText {
                title: &r.title,
                abstract_text: (!r.abstract_text.is_empty()).then_some(r.abstract_text.as_str()),
                keywords: &r.keywords,
                openalex: &[],
            };
            (r.gold, assigner.assign(&text))
        })
        .collect();
    let (scores, p, r) = evaluate(&pairs);
    for s in &scores {
        let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
        eprintln!("{name} {:<24} {:>5} {:>6} {:>6}", s.topic.id(), s.support, f(s.precision), f(s.recall));
    }
    let f1 = 2.0 * p * r / (p + r);
    eprintln!("{name}: {} papers, micro precision {p:.3} recall {r:.3} F1 {f1:.3}", rows.len());
    (rows.len(), p, r, f1)
}

#[test]
fn papercopilot_check_and_retired_holdout_sets() {
    let (n_check, p_check, r_check, f1_check) = score("papercopilot_check.csv");
    let (n_hold, p_hold, r_hold, f1_hold) = score("papercopilot_holdout.csv");
    assert_eq!((n_check, n_hold), (220, 150));
    // Floors a little under the measured values (see below), so a regression fails.
    assert!(f1_check >= FLOOR_F1_CHECK, "check-set micro-F1 {f1_check:.3} (P {p_check:.3}, R {r_check:.3})");
    assert!(f1_hold >= FLOOR_F1_HOLDOUT, "old hold-out micro-F1 {f1_hold:.3} (P {p_hold:.3}, R {r_hold:.3})");
    // Recall was raised without giving up precision: at least 0.80 on each set.
    assert!(p_check >= FLOOR_P && p_hold >= FLOOR_P, "micro precision {p_check:.3}, {p_hold:.3}");
}

/// The hold-out set 2 (papercopilot_holdout2.csv: 180 papers labelled before any change after v2, by a
/// labeller who never saw the rules' code): measured once, after v2.1 was final, and never used to revise
/// the rules.
#[test]
fn papercopilot_holdout2_set() {
    let (n, p, r, f1) = score("papercopilot_holdout2.csv");
    assert_eq!(n, 180);
    assert!(f1 >= FLOOR_F1_HOLDOUT2, "hold-out 2 micro-F1 {f1:.3} (P {p:.3}, R {r:.3})");
}

/// Measured (issue 10). Taxonomy v1, before any rule change: check 0.774 (P 0.774, R 0.774), held-out
/// 0.765 (P 0.789, R 0.742). v1.1 (robotics phrases from the check set's misses only): check 0.785, held-out
/// 0.771 (P 0.791, R 0.753). v2 (18 topics: six finer ones labelled on both sets before their phrases were
/// final, and phrases added from the check sets' misses only): check 0.820 (P 0.803, R 0.838), held-out
/// 0.768 (P 0.803, R 0.736). v2.1 (tuned on both sets, see docs/topics.md): check 0.849 (P 0.818,
/// R 0.882), old hold-out 0.826 (P 0.815, R 0.838); these are tuning figures, optimistic for unseen
/// papers; the fair figure is the new hold-out's.
const FLOOR_F1_CHECK: f64 = 0.835;
const FLOOR_F1_HOLDOUT: f64 = 0.81;
const FLOOR_P: f64 = 0.80;
/// Hold-out 2, measured once after v2.1 was final: P 0.820, R 0.801, F1 0.810 (v2 on the same papers:
/// 0.787); the floor is the goal.
const FLOOR_F1_HOLDOUT2: f64 = 0.80;
