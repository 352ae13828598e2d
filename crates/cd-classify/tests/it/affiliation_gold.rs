//! The institution classifier on raw affiliation strings against the hand-labelled gold set
//! (tests/fixtures/affiliation_gold.csv; how it was sampled is in its header), and the share of
//! conference author rows left unknown. Run with `--nocapture` for the per-sector table and the misses.

use cd_classify::{ClassifierOptions, InstitutionClassifier};
use cd_domain::Sector;
use cd_ingest::locate::DataDir;
use std::collections::BTreeSet;

fn classifier(data: &DataDir) -> InstitutionClassifier {
    let (grid, _) = cd_ingest::registry::read_grid(&data.grid()).unwrap();
    let (unis, _) = cd_ingest::registry::read_universities(
        &data.universities().join("world_universities_and_domains.json"),
    )
    .unwrap();
    InstitutionClassifier::new(&grid, &unis, ClassifierOptions::default())
}

fn parse_sector(s: &str) -> Sector {
    Sector::ALL.into_iter().find(|x| x.as_str() == s).unwrap_or_else(|| panic!("unknown sector {s:?}"))
}

/// The set of known sectors the classifier finds in a string; `{unknown}` when it finds none.
fn predicted(clf: &InstitutionClassifier, raw: &str) -> BTreeSet<Sector> {
    let known: BTreeSet<Sector> = clf
        .classify_parts(raw)
        .into_iter()
        .map(|(_, c)| c.sector)
        .filter(|s| *s != Sector::Unknown)
        .collect();
    if known.is_empty() {
        BTreeSet::from([Sector::Unknown])
    } else {
        known
    }
}

struct GoldResult {
    n: usize,
    correct: usize,
    /// Per sector: true positives, predicted, gold (over string-sector memberships).
    stats: std::collections::BTreeMap<Sector, (usize, usize, usize)>,
}

impl GoldResult {
    fn accuracy(&self) -> f64 {
        self.correct as f64 / self.n as f64
    }
}

fn evaluate(clf: &InstitutionClassifier, file: &str) -> GoldResult {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_path(&path).unwrap();
    let mut r = GoldResult { n: 0, correct: 0, stats: Default::default() };
    let mut distinct = BTreeSet::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let raw = &rec[1];
        assert!(distinct.insert(raw.to_string()), "{file}: {raw:?} twice");
        let gold: BTreeSet<Sector> = rec[2].split('+').map(parse_sector).collect();
        let pred = predicted(clf, raw);
        r.n += 1;
        if pred == gold {
            r.correct += 1;
        } else {
            println!("MISS {file}: gold {gold:?} predicted {pred:?}: {raw:?} ({})", clf.classify(raw).reason);
        }
        for s in Sector::ALL {
            let e = r.stats.entry(s).or_default();
            e.0 += usize::from(pred.contains(&s) && gold.contains(&s));
            e.1 += usize::from(pred.contains(&s));
            e.2 += usize::from(gold.contains(&s));
        }
    }
    println!("{file}: accuracy {}/{} = {:.4}", r.correct, r.n, r.accuracy());
    println!("{:<20} {:>6} {:>6} {:>6} {:>9} {:>7}", "sector", "tp", "pred", "gold", "precision", "recall");
    for (s, (tp, p, g)) in &r.stats {
        let prec = if *p > 0 { *tp as f64 / *p as f64 } else { f64::NAN };
        let rec = if *g > 0 { *tp as f64 / *g as f64 } else { f64::NAN };
        println!("{:<20} {tp:>6} {p:>6} {g:>6} {prec:>9.3} {rec:>7.3}", s.as_str());
    }
    r
}

#[test]
fn gold_set_accuracy_and_per_sector_precision_recall() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let clf = classifier(&data);
    let r = evaluate(&clf, "affiliation_gold.csv");
    assert_eq!(r.n, 350);
    // Reached 345/350 = 0.9857 (issue 5 generalisation pass); 0.95 is the goal.
    assert!(r.accuracy() >= 0.98, "gold-set accuracy {:.4} below the 0.98 floor", r.accuracy());
    // The two large classes must each be good on their own, not only on average.
    for s in [Sector::Academia, Sector::Industry] {
        let (tp, p, g) = r.stats[&s];
        assert!(tp as f64 / p as f64 >= 0.95 && tp as f64 / g as f64 >= 0.95, "{s}: {tp} {p} {g}");
    }
}

/// Precision of the two large classes on a held-out set.
fn assert_precision(r: &GoldResult, floor: f64) {
    for s in [Sector::Academia, Sector::Industry] {
        let (tp, p, _) = r.stats[&s];
        assert!(tp as f64 / p as f64 >= floor, "{s}: precision {tp}/{p} below {floor}");
    }
}

/// The held-out set was labelled after the first tuning on `affiliation_gold.csv`: 111/120 = 0.925 then.
/// Its misses were then studied to improve the classifier (issue 5 generalisation pass), so its score
/// since (119/120) is optimistic too; `affiliation_gold_heldout2.csv` is the untouched estimate.
#[test]
fn held_out_gold_set_accuracy() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let clf = classifier(&data);
    let r = evaluate(&clf, "affiliation_gold_heldout.csv");
    assert_eq!(r.n, 120);
    assert!(r.accuracy() >= 0.98, "held-out accuracy {:.4}", r.accuracy());
    assert_precision(&r, 0.97);
}

/// The second held-out set (drawn with a new seed, labelled by hand before the classifier was run on it,
/// its misses never used for tuning): the honest estimate on new strings. 134/150 = 0.8933 before the
/// generalisation pass, 136/150 = 0.9067 after; the floor is below the 0.95 goal on purpose.
#[test]
fn held_out2_gold_set_accuracy() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let clf = classifier(&data);
    let r = evaluate(&clf, "affiliation_gold_heldout2.csv");
    assert_eq!(r.n, 150);
    assert!(r.accuracy() >= 0.90, "held-out-2 accuracy {:.4}", r.accuracy());
    assert_precision(&r, 0.95);
}

#[test]
fn conference_author_rows_left_unknown_at_most_5_percent() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let clf = classifier(&data);
    let mut rdr =
        csv::Reader::from_path(data.conferences().join("icml_neurips_iclr_authors_2006-2019.csv")).unwrap();
    let (mut rows, mut with_affiliation, mut unknown) = (0usize, 0usize, 0usize);
    let mut unknown_strings: std::collections::BTreeMap<String, usize> = Default::default();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        rows += 1;
        let a = rec.get(4).unwrap_or("").trim();
        if a.is_empty() || a == "None" {
            continue;
        }
        with_affiliation += 1;
        if predicted(&clf, a) == BTreeSet::from([Sector::Unknown]) {
            unknown += 1;
            *unknown_strings.entry(a.to_string()).or_default() += 1;
        }
    }
    // data README: 27,897 author rows, 315 empty and 838 the literal `None`.
    assert_eq!(rows, 27897);
    assert_eq!(with_affiliation, 27897 - 315 - 838);
    let share = unknown as f64 / with_affiliation as f64;
    println!("unknown {unknown}/{with_affiliation} = {share:.4}");
    let mut top: Vec<(&String, &usize)> = unknown_strings.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let shown = std::env::var("GOLD_UNKNOWN_SHOWN").ok().and_then(|v| v.parse().ok()).unwrap_or(25);
    println!("most frequent unknown affiliations ({} distinct):", top.len());
    for (s, n) in top.iter().take(shown) {
        println!("  {n:>4} {s:?}");
    }
    assert!(share <= 0.05, "unknown share {share:.4} above the 0.05 goal");
    // Reached 81/26,744 = 0.0030 (0.0096 before the generalisation pass).
    assert!(share <= 0.004, "unknown share {share:.4} above the 0.004 floor reached");
}

#[test]
fn tricky_names_with_the_full_registry() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let clf = classifier(&data);
    for (name, sector) in [
        ("Google DeepMind", Sector::Industry),
        ("Microsoft Research Asia", Sector::Industry),
        ("Tsinghua University", Sector::Academia),
        ("Meta AI", Sector::Industry),
        ("Dept. of EECS, MIT", Sector::Academia),
        ("CMU", Sector::Academia),
        ("ETH Zürich", Sector::Academia),
        (
            "Department of Computer Science, Universität des Saarlandes, Saarbrücken, Germany",
            Sector::Academia,
        ),
        ("Allen Institute for AI", Sector::NonProfit),
        ("Lawrence Berkeley National Laboratory", Sector::Government),
        ("Amazon Lab126", Sector::Industry),
    ] {
        let c = clf.classify(name);
        assert_eq!(c.sector, sector, "{name}: {c:?}");
    }
    let parts = clf.classify_parts("Stanford University; Google");
    let sectors: Vec<Sector> = parts.iter().map(|(_, c)| c.sector).collect();
    assert_eq!(sectors, vec![Sector::Academia, Sector::Industry]);
    let parts = clf.classify_parts("Google Brain & University of Toronto");
    assert_eq!(
        parts.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        ["Google Brain", "University of Toronto"]
    );
    // One institution whose name contains `and`: not split.
    assert_eq!(clf.classify_parts("Hong Kong University of Science and Technology").len(), 1);
    assert_eq!(clf.classify_parts("Broad Institute of MIT and Harvard").len(), 1);
}
