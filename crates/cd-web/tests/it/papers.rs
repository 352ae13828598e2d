//! The paper panels follow the definitions: for definitions other than the server's, each paper panel's
//! tables equal the report's paper sections for the same definitions, built by `cd_study::study` (the
//! `report` command's path: its own reading and classification of every table and paper), and differ
//! from the panel under the starting definitions where the changed definition matters.
//!
//! Heavy (`COMPUTE_DIVIDE_HEAVY_TESTS=1`): the papers are classified and analysed four times over in a
//! debug build.

use crate::support::{get_json, server_with_papers};
use cd_domain::definitions::{AuthorEvidence, SpecCurveGrid, TeamSourceRule, VenueSet};
use cd_domain::Definitions;

/// Few resamples keep the debug build quick (the code path is the one of B = 1000).
fn base() -> Definitions {
    Definitions {
        bootstrap_resamples: 20,
        spec_curve: SpecCurveGrid { resamples: 0, ..Default::default() },
        ..Definitions::default()
    }
}

/// Every table of the report's paper sections for `defs`, by section id: (name, rows as JSON).
fn report_tables(defs: &Definitions) -> Vec<(String, Vec<(String, serde_json::Value)>)> {
    let data = cd_ingest::locate::test_data_dir().unwrap();
    let study = cd_study::study(&data, defs, None, "test".into(), &|_, _| {}).unwrap();
    let papers = ["publications", "topics", "review", "adoption", "scrutiny"];
    study
        .input
        .sections
        .iter()
        .map(|s| s.to_section())
        .filter(|s| papers.contains(&s.id.as_str()))
        .map(|s| {
            let tables =
                s.tables.iter().map(|t| (t.name.clone(), serde_json::to_value(&t.rows).unwrap())).collect();
            (s.id.clone(), tables)
        })
        .collect()
}

/// The tables of every paper panel the server gives for `query`.
fn served_tables(s: &crate::support::Server, query: &str) -> Vec<(String, Vec<(String, serde_json::Value)>)> {
    ["publications", "topics", "review", "adoption", "scrutiny"]
        .iter()
        .map(|p| {
            let (code, body) = get_json(s, &format!("/api/panels/{p}?{query}"));
            assert_eq!((code, body["status"].as_str()), (200, Some("ready")), "{p}: {body}");
            let tables = body["tables"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| (t["name"].as_str().unwrap().to_string(), t["rows"].clone()))
                .collect();
            (p.to_string(), tables)
        })
        .collect()
}

#[test]
fn paper_panels_follow_the_definitions_and_equal_the_report() {
    if !cd_ingest::locate::heavy_tests_enabled("the paper sections, four times, in a debug build") {
        return;
    }
    let base = base();
    let Some(s) = server_with_papers(&base) else { return };
    let small = "bootstrap_resamples=20&spec_curve=%7B%22resamples%22%3A0%7D";
    // A paper table asked for by name before any paper panel (each part of the paper analyses that may
    // build it is computed first) is found, with the report's rows.
    let report_at_start = report_tables(&base);
    let (_, scrutiny) = report_at_start.iter().find(|(id, _)| id == "scrutiny").expect("a scrutiny section");
    let (name, rows) = &scrutiny[0];
    let (code, _, csv) = crate::support::get(s, &format!("/api/tables/{name}?{small}&format=csv"));
    assert_eq!(code, 200, "{name}: {csv}");
    assert_eq!(csv.lines().count(), rows.as_array().map_or(0, Vec::len) + 1, "{name}: {csv}");
    let at_start = served_tables(s, small);
    let (_, served) = at_start.iter().find(|(id, _)| id == "scrutiny").expect("a scrutiny panel");
    assert_eq!(
        serde_json::to_string(served).unwrap(),
        serde_json::to_string(scrutiny).unwrap(),
        "the scrutiny panel equals the report's section"
    );
    // Once every part was computed, a name none of them builds is a 404 naming the parameter.
    let (code, body) = get_json(s, &format!("/api/tables/no_such_table?{small}&seed=5"));
    assert_eq!((code, body["parameter"].as_str()), (404, Some("name")), "{body}");
    // A definition of the analyses only (the papers are not classified again); one the classification
    // of the authors reads; one the classification of the models reads but not the papers' (the papers
    // classified at start are reused, the Epoch tables classified again: `cd_study::classify_tables`).
    for (query, defs) in [
        ("venue_set=ml_core", Definitions { venue_set: VenueSet::MlCore, ..base.clone() }),
        ("author_evidence=string", Definitions { author_evidence: AuthorEvidence::String, ..base.clone() }),
        ("team_source=derived", Definitions { team_source: TeamSourceRule::Derived, ..base.clone() }),
    ] {
        let served = served_tables(s, &format!("{small}&{query}"));
        // Through text, as the server's answer arrives.
        let report: Vec<(String, Vec<(String, serde_json::Value)>)> =
            serde_json::from_str(&serde_json::to_string(&report_tables(&defs)).unwrap()).unwrap();
        let ids = |v: &[(String, Vec<(String, serde_json::Value)>)]| -> Vec<String> {
            v.iter().map(|(id, _)| id.clone()).collect()
        };
        assert_eq!(ids(&served), ids(&report), "{query}: the five paper panels");
        for ((id, got), (_, want)) in served.iter().zip(&report) {
            // A panel shows the tables of its section (the report's, in order).
            assert_eq!(got, want, "{query}: panel {id} equals the report's section");
        }
        assert_ne!(served, at_start, "{query} changes a paper panel");
    }
}
