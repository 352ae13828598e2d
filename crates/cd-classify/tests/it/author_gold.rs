//! The sector of an author from all the evidence (affiliation string, e-mail domain, position) against the
//! hand-labelled Paper Copilot author gold sets (tests/fixtures/author_gold.csv and
//! author_gold_heldout.csv; how they were sampled and labelled is in their headers), under each
//! `author_evidence` setting. Run with `--nocapture` for the misses and the per-evidence table.

use cd_classify::evidence::{apply_author_evidence, author_sector, EvidenceKind};
use cd_classify::paper::classify_affiliations;
use cd_classify::{ClassifierOptions, InstitutionClassifier};
use cd_domain::definitions::AuthorEvidence;
use cd_domain::{Affiliation, Authorship, Paper, Sector};
use cd_ingest::locate::DataDir;
use std::collections::{BTreeMap, BTreeSet};

fn classifier(data: &DataDir) -> InstitutionClassifier {
    let (grid, _) = cd_ingest::registry::read_grid(&data.grid()).unwrap();
    let (unis, _) = cd_ingest::registry::read_universities(
        &data.universities().join("world_universities_and_domains.json"),
    )
    .unwrap();
    let links = cd_ingest::registry::read_grid_links(&data.grid()).unwrap();
    InstitutionClassifier::new(&grid, &unis, ClassifierOptions::default())
        .with_grid_links(&grid, &links, &unis)
}

fn parse_sector(s: &str) -> Sector {
    Sector::ALL.into_iter().find(|x| x.as_str() == s.trim()).unwrap_or_else(|| panic!("unknown sector {s:?}"))
}

struct Scored {
    n: usize,
    correct: usize,
    unknown: usize,
    by_evidence: BTreeMap<EvidenceKind, (usize, usize)>,
}

fn evaluate(clf: &InstitutionClassifier, file: &str, mode: AuthorEvidence) -> Scored {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_path(&path).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| {
        headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("{file}: no column {name}"))
    };
    let (c_aff, c_dom, c_pos, c_sec) = (col("affiliation"), col("domain"), col("position"), col("sector"));
    let mut s = Scored { n: 0, correct: 0, unknown: 0, by_evidence: BTreeMap::new() };
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (aff, dom, pos) = (rec[c_aff].trim(), rec[c_dom].trim(), rec[c_pos].trim());
        let gold: BTreeSet<Sector> = rec[c_sec].split('+').map(parse_sector).collect();
        // As the Paper Copilot reader builds an author from the three entries.
        use cd_ingest::papers::papercopilot::{affiliation_parts, first_part};
        let mut a = Authorship::new("gold", affiliation_parts(aff).map(Affiliation::unclassified).collect());
        a.email_domain = first_part((!dom.is_empty()).then(|| dom.to_lowercase()));
        a.position = first_part((!pos.is_empty()).then(|| pos.to_string()));
        let mut p = Paper::new("papercopilot", "gold".into(), None, String::new(), String::new());
        p.authors.push(a);
        let mut papers = vec![p];
        classify_affiliations(&mut papers, clf);
        apply_author_evidence(&mut papers, clf.email_domains(), mode);
        let got = author_sector(&papers[0].authors[0]);
        let pred: BTreeSet<Sector> = if got.sectors.is_empty() {
            BTreeSet::from([Sector::Unknown])
        } else {
            got.sectors.iter().copied().collect()
        };
        s.n += 1;
        s.unknown += usize::from(pred.contains(&Sector::Unknown));
        let ok = pred == gold;
        s.correct += usize::from(ok);
        let e = s.by_evidence.entry(got.evidence).or_default();
        e.0 += 1;
        e.1 += usize::from(ok);
        if !ok && mode == AuthorEvidence::Both {
            println!(
                "MISS {file}: gold {gold:?} predicted {pred:?} ({:?}): {aff:?} / {dom:?} / {pos:?}",
                got.evidence
            );
        }
    }
    println!(
        "{file} [{}]: accuracy {}/{} = {:.4}; unknown {} ({:.1}%)",
        mode.as_str(),
        s.correct,
        s.n,
        s.correct as f64 / s.n as f64,
        s.unknown,
        100.0 * s.unknown as f64 / s.n as f64
    );
    for (k, (n, ok)) in &s.by_evidence {
        println!("  evidence {:<9} {n:>4} authors, {ok:>4} correct", k.as_str());
    }
    s
}

fn acc(s: &Scored) -> f64 {
    s.correct as f64 / s.n as f64
}

#[test]
fn author_gold_sets_under_each_evidence_setting() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let clf = classifier(&data);
    let gold_both = evaluate(&clf, "author_gold.csv", AuthorEvidence::Both);
    let gold_string = evaluate(&clf, "author_gold.csv", AuthorEvidence::String);
    let gold_domain = evaluate(&clf, "author_gold.csv", AuthorEvidence::Domain);
    let held_both = evaluate(&clf, "author_gold_heldout.csv", AuthorEvidence::Both);
    let held_string = evaluate(&clf, "author_gold_heldout.csv", AuthorEvidence::String);
    assert!(gold_both.n >= 400 && held_both.n >= 150, "{} / {} records", gold_both.n, held_both.n);
    // Using the domain and position where the string says nothing must help, on both sets.
    assert!(acc(&gold_both) > acc(&gold_string), "{} vs {}", acc(&gold_both), acc(&gold_string));
    assert!(acc(&held_both) > acc(&held_string), "{} vs {}", acc(&held_both), acc(&held_string));
    assert!(acc(&gold_both) > acc(&gold_domain));
    // Floors a little under the measured values (see the closing note of issue 10), so a regression fails.
    assert!(acc(&gold_both) >= FLOOR_GOLD, "gold accuracy {:.4}", acc(&gold_both));
    assert!(acc(&held_both) >= FLOOR_HELDOUT, "held-out accuracy {:.4}", acc(&held_both));
    // Authors left unknown on the held-out set (goal ≤ 3%).
    assert!(held_both.unknown as f64 / held_both.n as f64 <= 0.03, "{} unknown", held_both.unknown);
}

/// Measured (issue 10), `author_evidence = both`. Before any rule change for these sets: gold 426/450 =
/// 0.9467, held-out 188/200 = 0.9400 (strings only: 0.9089 / 0.9300). Then, from the gold set's misses
/// only: `+`-joined affiliations split, a weak string rule gives way to a listed domain, seven curated
/// domains: gold 437/450 = 0.9711, held-out 191/200 = 0.9550 (never used for tuning).
const FLOOR_GOLD: f64 = 0.96;
const FLOOR_HELDOUT: f64 = 0.95;
