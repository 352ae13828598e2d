//! The hand-labelled topic check set (tests/fixtures/topics/check_set.csv, 220 papers; sampling method in
//! the fixture header) and its title-only hold-out (holdout.csv, 60 papers): per-topic precision and recall
//! of the phrase rules, with floors. Both sets were used to tune taxonomy v2.1 (issue 10), so neither is a
//! hold-out any more; `python3 tools/topics/assign_reference.py eval check_set.csv holdout.csv` recomputes
//! the figures independently.

use cd_analysis::topics::{evaluate, PaperText, Topic, TopicAssigner, TopicSet};

/// Floors of the old hold-out, a little below the measured micro precision and recall: v1 0.886 / 0.619,
/// v2 0.898 / 0.620, v2.1 (tuned on it) 0.895 / 0.718.
const FLOOR_HOLDOUT_P: f64 = 0.87;
const FLOOR_HOLDOUT_R: f64 = 0.70;

struct Row {
    id: String,
    title: String,
    abstract_text: String,
    keywords: Vec<String>,
    gold: TopicSet,
}

fn load(name: &str) -> Vec<Row> {
    let path = format!("{}/tests/fixtures/topics/{name}", env!("CARGO_MANIFEST_DIR"));
    let path = path.as_str();
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_path(path).expect("check set opens");
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.unwrap_or_else(|e| panic!("{path}: row {}: {e}", i + 1));
        let gold =
            TopicSet::parse_ids(&rec[5]).unwrap_or_else(|e| panic!("{path}: row {}: topics: {e}", i + 1));
        // Keywords are a Python list literal in the AI Index files; the phrases only need the words.
        let keywords =
            if rec[4].trim().is_empty() || rec[4].trim() == "[]" { vec![] } else { vec![rec[4].to_string()] };
        out.push(Row {
            id: rec[0].to_string(),
            title: rec[2].to_string(),
            abstract_text: rec[3].to_string(),
            keywords,
            gold,
        });
    }
    out
}

#[test]
fn check_set_precision_and_recall() {
    let rows = load("check_set.csv");
    assert_eq!(rows.len(), 220);
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
    if std::env::var_os("TOPICS_SHOW_ERRORS").is_some() {
        for (r, (g, p)) in rows.iter().zip(&pairs) {
            if g != p {
                eprintln!("{} | {} | gold {} | pred {}", r.id, r.title, g.to_ids(), p.to_ids());
            }
        }
    }
    let (scores, micro_p, micro_r) = evaluate(&pairs);
    eprintln!("{:<24} {:>7} {:>9} {:>7}", "topic", "support", "precision", "recall");
    for s in &scores {
        let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
        eprintln!("{:<24} {:>7} {:>9} {:>7}", s.topic.id(), s.support, f(s.precision), f(s.recall));
    }
    eprintln!("micro precision {micro_p:.3} recall {micro_r:.3}");
    for source in ["aiindex", "conf"] {
        let sub: Vec<(TopicSet, TopicSet)> =
            rows.iter().zip(&pairs).filter(|(r, _)| r.id.starts_with(source)).map(|(_, p)| *p).collect();
        let (_, p, r) = evaluate(&sub);
        let covered = |f: fn(&(TopicSet, TopicSet)) -> bool| sub.iter().filter(|x| f(x)).count();
        eprintln!(
            "{source}: {} papers, micro precision {p:.3} recall {r:.3}; with a topic: gold {} rules {}",
            sub.len(),
            covered(|x| !x.0.is_empty()),
            covered(|x| !x.1.is_empty())
        );
    }
    // Floors a little below what the rules achieve on this set (v1 micro 0.80 / 0.84; v2 and v2.1
    // 0.810 / 0.860; per topic in docs/topics.md). The rules were revised on this set (v1 once after a
    // first run, v2.1 from its misses: generic phrases, never a phrase copied from one paper), so these
    // figures are optimistic for unseen papers.
    assert!(micro_p >= 0.79, "micro precision {micro_p}");
    assert!(micro_r >= 0.84, "micro recall {micro_r}");
    for s in &scores {
        if s.support >= 10 {
            assert!(s.recall.unwrap() >= 0.6, "{}: recall {:?}", s.topic, s.recall);
            assert!(s.precision.unwrap_or(0.0) >= 0.6, "{}: precision {:?}", s.topic, s.precision);
        }
    }
    let rai = &scores[Topic::ResponsibleAi.index()];
    assert!(rai.support >= 40, "the AI Index sample is mostly responsible-AI papers");
}

/// The old hold-out set: 60 more conference papers labelled after the v1 rules were final and not used to
/// revise them until taxonomy v2.1, which was tuned on it too; its figures are no longer an unbiased
/// estimate for unseen titles.
#[test]
fn holdout_precision_and_recall() {
    let rows = load("holdout.csv");
    assert_eq!(rows.len(), 60);
    let assigner = TopicAssigner::default();
    let pairs: Vec<(TopicSet, TopicSet)> = rows
        .iter()
        .map(|r| (r.gold, assigner.assign(&PaperText { title: &r.title, ..Default::default() })))
        .collect();
    if std::env::var_os("TOPICS_SHOW_ERRORS").is_some() {
        for (r, (g, p)) in rows.iter().zip(&pairs) {
            if g != p {
                eprintln!("{} | {} | gold {} | pred {}", r.id, r.title, g.to_ids(), p.to_ids());
            }
        }
    }
    let (scores, micro_p, micro_r) = evaluate(&pairs);
    for s in scores.iter().filter(|s| s.support > 0) {
        let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
        eprintln!("{:<24} {:>7} {:>9} {:>7}", s.topic.id(), s.support, f(s.precision), f(s.recall));
    }
    eprintln!("hold-out micro precision {micro_p:.3} recall {micro_r:.3}");
    // Floors below the measured values (see docs/topics.md).
    assert!(micro_p >= FLOOR_HOLDOUT_P, "hold-out micro precision {micro_p}");
    assert!(micro_r >= FLOOR_HOLDOUT_R, "hold-out micro recall {micro_r}");
}
