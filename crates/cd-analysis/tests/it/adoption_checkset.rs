//! Mention precision/recall and per-use-type precision/recall on the hand-labelled check set
//! (tests/fixtures/adoption/checkset.csv; sampling and labelling guide in its header) and on the held-out
//! set (tests/fixtures/adoption/heldout.csv), which was labelled before the use-type rules were revised and
//! never used to tune them: its figures are the honest ones. Run with `-- --nocapture` to see the
//! per-use-type precision and recall and every disagreement.
//!
//! The abstracts are read from the shipped data (../shared/data/ai_index_rai), row by row as the fixture's
//! `paper_id` (`<file stem>:<1-based data row>`) names them; nothing of the data is copied into the repo.
//! Scoring is at the level of (paper, model) pairs: the gold set of a paper is every model its rows name
//! (rows with model NONE are the negatives), the system set is every model `detect_uses` links in the paper.

use cd_analysis::adoption::{build_catalogue, detect_uses, UseType};
use cd_domain::{Definitions, Paper};
use cd_ingest::locate::DataDir;
use cd_ingest::papers::aiindex::decode_text;
use cd_ingest::papers::pylist::parse_py_list;
use std::collections::{BTreeMap, BTreeSet};

struct Gold {
    models: BTreeMap<String, BTreeSet<String>>,
    uses: BTreeMap<(String, String), BTreeSet<UseType>>,
    negatives: usize,
    rows: usize,
}

fn read_gold(file: &str) -> Gold {
    let path = format!("{}/tests/fixtures/adoption/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    let mut rdr = csv::Reader::from_reader(body.as_bytes());
    let mut g = Gold { models: BTreeMap::new(), uses: BTreeMap::new(), negatives: 0, rows: 0 };
    for rec in rdr.records() {
        let rec = rec.unwrap();
        g.rows += 1;
        let (paper, model, uses) = (rec[0].to_string(), rec[2].to_string(), &rec[3]);
        let models = g.models.entry(paper.clone()).or_default();
        if model == "NONE" {
            g.negatives += 1;
            continue;
        }
        models.insert(model.clone());
        let set = g.uses.entry((paper, model)).or_default();
        for u in uses.split(';').filter(|u| !u.is_empty()) {
            set.insert(UseType::parse(u).unwrap_or_else(|| panic!("unknown use type {u}")));
        }
    }
    g
}

/// The papers the fixture names, read row by row from the shipped AI Index files.
fn read_papers(data: &DataDir, ids: &BTreeSet<String>) -> Vec<Paper> {
    let dir = data.ai_index_rai();
    let mut by_file: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for id in ids {
        let (file, row) = id.split_once(':').unwrap();
        by_file.entry(file).or_default().insert(row.parse().unwrap());
    }
    let mut papers = Vec::new();
    for (file, rows) in by_file {
        let bytes = std::fs::read(dir.join(format!("{file}.csv"))).unwrap();
        let text = decode_text(&bytes).0;
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let headers = rdr.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (ct, ca, ck) = (col("title"), col("abstract"), col("keywords"));
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.unwrap();
            if !rows.contains(&(i + 1)) {
                continue;
            }
            let keywords = parse_py_list(rec.get(ck).unwrap_or(""))
                .map(|p| p.items.into_iter().flatten().collect())
                .unwrap_or_default();
            papers.push(Paper {
                paper_id: format!("{file}:{}", i + 1),
                year: file[file.len() - 4..].parse().ok(),
                venue: file.to_string(),
                title: rec[ct].to_string(),
                abstract_text: Some(rec[ca].to_string()),
                keywords,
                authors: vec![],
                team: None,
                source: "aiindex".into(),
                status: Default::default(),
                status_label: None,
                citations: None,
                alignment: Default::default(),
                source_topics: Vec::new(),
                team_variants: Vec::new(),
            });
        }
    }
    papers
}

#[derive(Default, Debug)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

/// Scores of one fixture: mention detection, and use types on the pairs whose model was found.
struct Evaluation {
    gold: Gold,
    papers: Vec<Paper>,
    mention: Score,
    per_use: BTreeMap<UseType, Score>,
}

impl Evaluation {
    fn pinned(&self) -> Vec<(&'static str, usize, usize, usize)> {
        self.per_use.iter().map(|(u, s)| (u.as_str(), s.tp, s.fp, s.fn_)).collect()
    }

    /// Micro-averaged F1 over all use types.
    fn micro_f1(&self) -> f64 {
        let (tp, fp, fn_) =
            self.per_use.values().fold((0, 0, 0), |a, s| (a.0 + s.tp, a.1 + s.fp, a.2 + s.fn_));
        2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64
    }
}

fn evaluate(data: &DataDir, file: &str) -> Evaluation {
    let gold = read_gold(file);
    let ids: BTreeSet<String> = gold.models.keys().cloned().collect();
    let papers = read_papers(data, &ids);
    assert_eq!(papers.len(), ids.len(), "every paper of {file} is found in the shipped data");
    let catalogue = build_catalogue(&[]);
    let table = detect_uses(&papers, &catalogue, &Definitions::default());
    let mut system: BTreeMap<String, BTreeMap<String, BTreeSet<UseType>>> = BTreeMap::new();
    for u in &table.uses {
        system
            .entry(u.paper_id.clone())
            .or_default()
            .insert(u.model.clone(), u.use_types.iter().copied().collect());
    }
    let mut mention = Score::default();
    let mut per_use: BTreeMap<UseType, Score> = UseType::ALL.iter().map(|u| (*u, Score::default())).collect();
    let mut errors = Vec::new();
    let mut uses_diff = Vec::new();
    for (paper, gold_models) in &gold.models {
        let empty = BTreeMap::new();
        let sys = system.get(paper).unwrap_or(&empty);
        for m in gold_models {
            if let Some(sys_uses) = sys.get(m) {
                mention.tp += 1;
                let gold_uses = &gold.uses[&(paper.clone(), m.clone())];
                if gold_uses != sys_uses {
                    let show =
                        |s: &BTreeSet<UseType>| s.iter().map(|u| u.as_str()).collect::<Vec<_>>().join(";");
                    uses_diff.push(format!(
                        "uses    {paper} {m}: gold [{}] system [{}]",
                        show(gold_uses),
                        show(sys_uses)
                    ));
                }
                for u in UseType::ALL {
                    let s = per_use.get_mut(&u).unwrap();
                    match (gold_uses.contains(&u), sys_uses.contains(&u)) {
                        (true, true) => s.tp += 1,
                        (false, true) => s.fp += 1,
                        (true, false) => s.fn_ += 1,
                        _ => {}
                    }
                }
            } else {
                mention.fn_ += 1;
                errors.push(format!("missed  {paper} {m}"));
            }
        }
        for m in sys.keys().filter(|m| !gold_models.contains(*m)) {
            mention.fp += 1;
            errors.push(format!("false   {paper} {m}"));
        }
    }
    println!("== {file}");
    println!("mentions: {mention:?} precision {:.3} recall {:.3}", mention.precision(), mention.recall());
    for (u, s) in &per_use {
        println!("{:13} {s:?} precision {:.3} recall {:.3}", u.as_str(), s.precision(), s.recall());
    }
    for e in errors.iter().chain(&uses_diff) {
        println!("{e}");
    }
    let ev = Evaluation { gold, papers, mention, per_use };
    println!("use types micro-F1 {:.3}", ev.micro_f1());
    ev
}

#[test]
fn check_set_precision_and_recall() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let ev = evaluate(&data, "checkset.csv");
    // Row numbering agrees with the tool that sampled the fixture.
    let title = |id: &str| ev.papers.iter().find(|p| p.paper_id == id).unwrap().title.clone();
    assert!(title("aaai2020:240").starts_with("Is BERT Really Robust?"));
    assert!(title("neurips2023:586").starts_with("Stable Diffusion is Unstable"));
    assert!(title("facct2022:64").starts_with("Evidence for Hypodescent"));
    assert_eq!((ev.gold.rows, ev.gold.negatives, ev.gold.models.len()), (226, 16, 139));
    let mention = &ev.mention;
    // Goals of the issue: mention precision >= 95%, recall >= 90%.
    assert!(mention.precision() >= 0.95 && mention.recall() >= 0.90, "{mention:?}");
    // Pinned so that a change of the rules shows here (values printed above).
    assert_eq!((mention.tp, mention.fp, mention.fn_), (204, 1, 0));
    assert_eq!(
        ev.pinned(),
        vec![
            ("fine_tuning", 19, 10, 13),
            ("prompting", 18, 18, 9),
            ("evaluation", 25, 31, 20),
            ("examination", 15, 13, 4),
            ("compression", 6, 4, 1),
            ("safety_audit", 64, 35, 7),
            ("from_scratch", 14, 12, 17),
        ]
    );
    // Floors reached by the rules of use_types.rs (before the rewrite of 2026-11-30 micro-F1 was 0.590).
    assert!(ev.micro_f1() >= 0.62, "{}", ev.micro_f1());
    assert_floors(
        &ev,
        &[
            ("fine_tuning", 0.65, 0.55),
            ("prompting", 0.50, 0.65),
            ("evaluation", 0.40, 0.55),
            ("examination", 0.50, 0.75),
            ("compression", 0.60, 0.85),
            ("safety_audit", 0.60, 0.90),
            ("from_scratch", 0.50, 0.45),
        ],
    );
}

/// Per-use-type precision and recall floors: (use type, precision >=, recall >=).
fn assert_floors(ev: &Evaluation, floors: &[(&str, f64, f64)]) {
    for (u, p, r) in floors {
        let s = &ev.per_use[&UseType::parse(u).unwrap()];
        assert!(s.precision() >= *p && s.recall() >= *r, "{u}: {s:?} below floors {p} / {r}");
    }
}

#[test]
fn held_out_precision_and_recall() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let ev = evaluate(&data, "heldout.csv");
    let title = |id: &str| ev.papers.iter().find(|p| p.paper_id == id).unwrap().title.clone();
    assert!(title("neurips2023:209").starts_with("Mathematical Capabilities of ChatGPT"));
    assert!(title("iclr2021:105").starts_with("Revisiting Few-sample BERT Fine-tuning"));
    assert_eq!((ev.gold.rows, ev.gold.negatives, ev.gold.models.len()), (133, 9, 90));
    // Mention detection on unseen papers (goals: precision >= 95%, recall >= 90%).
    assert_eq!((ev.mention.tp, ev.mention.fp, ev.mention.fn_), (115, 2, 3));
    // The honest figures: these papers were labelled before the rules were changed and never used to tune
    // them. With the rules as they were before (micro-F1 0.450) the counts were fine_tuning 5/5/11,
    // prompting 8/9/17, evaluation 13/27/6, examination 9/9/12, compression 1/6/5, safety_audit 24/23/16,
    // from_scratch 9/14/9 (tp/fp/fn).
    assert_eq!(
        ev.pinned(),
        vec![
            ("fine_tuning", 6, 6, 10),
            ("prompting", 12, 12, 13),
            ("evaluation", 12, 15, 7),
            ("examination", 14, 12, 7),
            ("compression", 5, 8, 1),
            ("safety_audit", 35, 18, 5),
            ("from_scratch", 10, 9, 8),
        ]
    );
    assert!(ev.micro_f1() >= 0.58, "{}", ev.micro_f1());
    assert_floors(
        &ev,
        &[
            ("fine_tuning", 0.50, 0.35),
            ("prompting", 0.50, 0.45),
            ("evaluation", 0.40, 0.60),
            ("examination", 0.50, 0.65),
            ("compression", 0.35, 0.80),
            ("safety_audit", 0.65, 0.85),
            ("from_scratch", 0.50, 0.55),
        ],
    );
}
