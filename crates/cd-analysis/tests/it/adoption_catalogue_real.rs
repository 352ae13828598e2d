//! The catalogue built from the six shipped Epoch tables, against numbers computed independently with
//! pandas (tools/adoption: read each CSV, key rows by the trimmed, space-collapsed, lower-cased name, newest
//! file first, ordered by the date in the file name then the path):
//! 5,672 rows of which 2 have an empty name (rejected by the reader), 2,698 distinct names, so 2,972 rows
//! are older duplicates. Llama 2's four rows are all dated 2023-07-18, the largest compute is the 70B's
//! 8.1e23 FLOP; GPT-3.5's seven rows start with InstructGPT on 2022-01-27 and the largest compute is
//! text-davinci-003's 2.578e24.

use cd_analysis::adoption::{build_catalogue, Vintage};
use cd_classify::{classify_models, ClassifierOptions, InstitutionClassifier};
use cd_domain::{Accessibility, ClassifiedModel, Definitions, TeamKind};
use cd_ingest::epoch::read_epoch_csv;

#[test]
fn catalogue_of_the_shipped_vintages() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let epoch = data.epoch();
    // Oldest first: by the date in the name, then the path (as the CLI orders them).
    let stems = [
        "all_ml_systems_2023-12-14",
        "all_ml_systems_2024-02-05",
        "all_ml_systems_2025-08-07",
        "frontier_ai_models_2025-12-02",
        "large_scale_ai_models_2025-12-02",
        "notable_ai_models_2025-12-02",
    ];
    let defs = Definitions::default();
    let clf = InstitutionClassifier::curated_only(ClassifierOptions::from_definitions(&defs));
    let tables: Vec<Vec<ClassifiedModel>> = stems
        .iter()
        .map(|s| {
            let t = read_epoch_csv(&epoch.join(format!("{s}.csv"))).unwrap();
            classify_models(&t.models, &clf, &defs)
        })
        .collect();
    let vintages: Vec<Vintage<'_>> =
        stems.iter().zip(&tables).map(|(label, models)| Vintage { label, models }).collect();
    let cat = build_catalogue(&vintages);
    assert_eq!((cat.epoch_rows, cat.duplicate_rows, cat.distinct_epoch_models), (5670, 2972, 2698));

    let l2 = cat.get("Llama 2").unwrap();
    assert_eq!(l2.epoch_names, ["Llama 2-13B", "Llama 2-34B", "Llama 2-70B", "Llama 2-7B"]);
    assert_eq!(l2.release_date.unwrap().to_string(), "2023-07-18");
    assert_eq!(l2.training_compute_flop, Some(8.1e23));
    assert_eq!(
        (l2.developer_team, l2.accessibility),
        (TeamKind::IndustryOnly, Accessibility::OpenWeightsRestricted)
    );

    let g35 = cat.get("GPT-3.5").unwrap();
    assert_eq!(g35.epoch_names.len(), 7);
    assert_eq!(g35.release_date.unwrap().to_string(), "2022-01-27");
    assert_eq!(g35.training_compute_flop, Some(2.578e24));
    assert_eq!(g35.accessibility, Accessibility::Api);
    // Every alias entry is in the catalogue, with or without Epoch rows.
    assert!(cat.get("BLIP").is_some_and(|m| !m.in_epoch));
    assert!(cat.get("BERT").is_some_and(|m| m.in_epoch));
}
