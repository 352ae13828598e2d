//! Derived teams against Epoch's own labels on the shipped snapshots (real data in ../shared/data).
//! Run with `--nocapture` to see the confusion matrix, the coverage table and every disagreement.

use cd_classify::{agreement_report, classify_models, coverage, ClassifierOptions, InstitutionClassifier};
use cd_domain::{Definitions, TeamKind};
use cd_ingest::locate::DataDir;

fn classifier(data: &DataDir) -> InstitutionClassifier {
    let (grid, _) = cd_ingest::registry::read_grid(&data.grid()).unwrap();
    let (unis, _) = cd_ingest::registry::read_universities(
        &data.universities().join("world_universities_and_domains.json"),
    )
    .unwrap();
    InstitutionClassifier::new(&grid, &unis, ClassifierOptions::default())
}

#[test]
fn derived_teams_agree_with_epoch_labels_2025() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let clf = classifier(&data);
    let defs = Definitions::default();
    let table =
        cd_ingest::epoch::read_epoch_csv(&data.epoch().join("all_ml_systems_2025-08-07.csv")).unwrap();
    let models = classify_models(&table.models, &clf, &defs);
    let r = agreement_report(&models);
    println!("{}", r.matrix_text());
    println!(
        "compared {} derived {} agreeing {} agreement {:.4} (when derived {:.4})",
        r.compared, r.derived_known, r.agreeing, r.agreement, r.agreement_when_derived
    );
    for d in &r.disagreements {
        println!(
            "DISAGREE {:?} vs {:?}: {:?} {:?}",
            d.epoch, d.derived, d.organizations, d.organization_categories
        );
    }
    // tools/team_labels.py: 1,865 of 1,892 rows carry a non-empty `Organization categorization`.
    assert_eq!(r.compared, 1865);
    assert!(r.agreement >= 0.90, "agreement {:.4} below the 0.90 goal", r.agreement);
}

#[test]
fn coverage_before_and_after_derivation_per_vintage() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let clf = classifier(&data);
    let defs = Definitions::default();
    // tools/team_labels.py: named rows, rows with a label, rows with a label or an organisation.
    let expected = [
        ("all_ml_systems_2023-12-14.csv", 1116, 721, 855),
        ("all_ml_systems_2024-02-05.csv", 1106, 786, 978),
        ("all_ml_systems_2025-08-07.csv", 1892, 1865, 1873),
    ];
    println!(
        "{:<32} {:>6} {:>8} {:>8} {:>8} {:>8}",
        "vintage", "models", "before", "after", "share0", "share1"
    );
    for (file, named, labelled, label_or_org) in expected {
        let table = cd_ingest::epoch::read_epoch_csv(&data.epoch().join(file)).unwrap();
        let models = classify_models(&table.models, &clf, &defs);
        let c = coverage(&models);
        let a = agreement_report(&models);
        println!("{file}: derived vs Epoch agreement {}/{} = {:.4}", a.agreeing, a.compared, a.agreement);
        if std::env::var_os("SHOW_DISAGREEMENTS").is_some() {
            for d in &a.disagreements {
                println!(
                    "  {file} {:?} vs {:?}: {:?} {:?}",
                    d.epoch, d.derived, d.organizations, d.organization_categories
                );
            }
        }
        println!(
            "{file:<32} {:>6} {:>8} {:>8} {:>8.3} {:>8.3}",
            c.models, c.known_before, c.known_after, c.share_before, c.share_after
        );
        for m in models.iter().filter(|m| m.team_epoch.is_none() && m.team_derived.is_none()) {
            if !m.model.organizations.is_empty() {
                println!("  UNDERIVED {:?}", m.model.organizations);
            }
        }
        assert_eq!((c.models, c.epoch_labelled, c.known_before), (named, labelled, labelled));
        // Rows with neither label nor organisation cannot be classified; of the others at most 1% may
        // stay unknown.
        assert!(c.known_after <= label_or_org);
        assert!(c.known_after as f64 >= 0.99 * label_or_org as f64, "{file}: {c:?}");
        let unknown_after = models.iter().filter(|m| m.team.kind == TeamKind::Unknown).count();
        assert_eq!(unknown_after, c.models - c.known_after);
    }
}
