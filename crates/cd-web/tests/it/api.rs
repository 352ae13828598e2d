//! The JSON API and the pages over the shipped data: validation (400 with a JSON error naming the
//! parameter), every panel and page answering, downloads, and the headlines equal to what the library
//! computes for the same definitions through the command line's loading path (`cd_pipeline`).

use crate::support::{get, get_json, server};
use cd_analysis::speccurve::Vintage;
use cd_domain::definitions::LargeScaleRule;
use cd_domain::Definitions;

/// Few bootstrap resamples (and point estimates only in the specification curve) keep the debug build
/// quick; the code path is the one of B = 1000.
const SMALL: &str = "bootstrap_resamples=50&spec_curve=%7B%22resamples%22%3A0%7D";

#[test]
fn bad_parameters_are_400_with_a_json_error_naming_them() {
    let Some(s) = server() else { return };
    for (query, parameter) in [
        ("large_scale_rule=big", "large_scale_rule"),
        ("large_scale_rule=threshold:-1", "large_scale_rule"),
        ("bootstrap_resamples=0", "bootstrap_resamples"),
        ("bootstrap_resamples=abc", "bootstrap_resamples"),
        ("bootstrap_resamples=100000", "bootstrap_resamples"),
        ("team_source=everyone", "team_source"),
        ("vintage=..%2F..%2Fetc%2Fpasswd", "vintage"),
        ("periods=%5B", "periods"),
        ("dl_era_start=1e300", "dl_era_start"),
        ("no_such_thing=1", "no_such_thing"),
        ("team=aliens", "team"),
        ("from=2020&to=2010", "to"),
        ("format=xml", "format"),
        ("seed=1&seed=2", "seed"),
    ] {
        for endpoint in ["/api/headlines", "/api/models", "/api/panels/shares", "/api/definitions"] {
            let (code, body) = get_json(s, &format!("{endpoint}?{query}"));
            assert_eq!(code, 400, "{endpoint}?{query}: {body}");
            assert_eq!(body["parameter"], parameter, "{endpoint}?{query}: {body}");
            assert!(!body["error"].as_str().unwrap().is_empty());
        }
        // A page answers a bad parameter with a 400 page naming it.
        let (code, _, html) = get(s, &format!("/?{query}"));
        assert_eq!(code, 400);
        assert!(html.contains(parameter), "{html}");
    }
    let (code, body) = get_json(s, "/api/panels/nope");
    assert_eq!((code, body["parameter"].as_str()), (404, Some("id")));
    let (code, body) = get_json(s, &format!("/api/tables/nope?{SMALL}"));
    assert_eq!((code, body["parameter"].as_str()), (404, Some("name")));
    let (code, body) = get_json(s, "/no/such/path");
    assert_eq!((code, body["parameter"].as_str()), (404, Some("path")));
}

#[test]
fn every_page_and_panel_answers_with_its_figures_and_tables() {
    let Some(s) = server() else { return };
    let q = format!("{SMALL}&large_scale_rule=threshold:1e23");
    for panel in ["trends", "shares", "gap", "openness", "lineage", "speccurve"] {
        let (code, body) = get_json(s, &format!("/api/panels/{panel}?{q}"));
        assert_eq!(code, 200, "{panel}: {body}");
        assert_eq!(body["panel"], panel);
        let figures = body["figures"].as_array().unwrap();
        assert!(!figures.is_empty(), "{panel} has no figure");
        for f in figures {
            let id = f["id"].as_str().unwrap();
            let (code, ctype, svg) = get(s, &format!("/api/figures/{id}?{q}"));
            assert_eq!((code, ctype.as_str()), (200, "image/svg+xml"), "{id}");
            // The figure declares as many marks as the panel says it draws.
            assert!(svg.contains(&format!("data-marks=\"{}\"", f["marks"])), "{id}");
        }
        for t in body["tables"].as_array().unwrap() {
            let name = t["name"].as_str().unwrap();
            let (code, ctype, csv) = get(s, &format!("/api/tables/{name}?{q}&format=csv"));
            assert_eq!((code, ctype.as_str()), (200, "text/csv"), "{name}");
            assert_eq!(
                csv.lines().count(),
                t["rows"].as_array().unwrap().len() + 1,
                "{name}: one line a row"
            );
        }
        let (code, _, html) = get(s, &format!("/panel/{panel}?{q}"));
        assert_eq!(code, 200);
        assert!(html.contains("<svg") && html.contains("name=\"large_scale_rule\""), "{panel} page");
        assert!(html.contains("value=\"threshold:1e23\""), "{panel}: the form shows the rule in force");
    }
    for page in ["/", "/models", "/provenance"] {
        let (code, ctype, html) = get(s, &format!("{page}?{q}"));
        assert_eq!((code, ctype.as_str()), (200, "text/html"), "{page}");
        assert!(html.contains("<form id=\"view\""), "{page}");
    }
    let (code, ctype, _) = get(s, "/static/app.js");
    assert_eq!((code, ctype.as_str()), (200, "text/javascript"));
    let (code, spec) = get_json(s, "/openapi.json");
    assert_eq!(code, 200);
    // Every definition is a documented parameter of the API.
    for (key, _) in cd_domain::definitions::FIELD_DOCS {
        assert!(
            spec["components"]["parameters"][format!("def_{key}")]["name"] == *key,
            "openapi lacks {key}"
        );
    }
}

#[test]
fn the_models_explorer_filters_and_downloads_the_selection() {
    let Some(s) = server() else { return };
    let q = format!("{SMALL}&team=academic_only&from=2020&min_flop=1e22");
    let (code, body) = get_json(s, &format!("/api/models?{q}"));
    assert_eq!(code, 200, "{body}");
    let models = body["models"].as_array().unwrap();
    assert_eq!(body["count"].as_u64().unwrap() as usize, models.len());
    assert!(!models.is_empty(), "some academic-only models from 2020 with 1e22 FLOP");
    for m in models {
        assert_eq!(m["team"], "academic_only");
        assert!(m["training_compute_flop"].as_f64().unwrap() >= 1e22);
        assert!(m["date"].as_str().unwrap()[..4].parse::<i32>().unwrap() >= 2020);
    }
    let (code, _, csv) = get(s, &format!("/api/models?{q}&format=csv"));
    assert_eq!(code, 200);
    assert_eq!(csv.lines().count(), models.len() + 1);
    let (_, _, html) = get(s, &format!("/models?{q}"));
    assert!(html.contains(&format!("<span id=\"n-selected\">{}</span>", models.len())));
    // Plotted points are focusable and titled with the model.
    let name = models[0]["name"].as_str().unwrap();
    assert!(html.contains("class=\"mark point\" tabindex=\"0\""));
    assert!(html.contains(&cd_web::pages::esc(name)));
}

/// The headlines and the specification curve the library gives for `defs`: the models loaded and
/// classified by `cd_pipeline` (the command line's path), the analyses of `cd_analysis`
/// (`model_study`), the cards of `cd_report`.
fn library_results(defs: &Definitions) -> (Vec<String>, serde_json::Value) {
    let data = cd_ingest::locate::test_data_dir().unwrap();
    let main = cd_pipeline::load_models(&data, None, defs).unwrap();
    let others: Vec<cd_pipeline::LoadedModels> = cd_ingest::datasets::all_models_tables(&data)
        .into_iter()
        .filter(|p| p != &main.path)
        .map(|p| cd_pipeline::load_models(&data, Some(&p), defs).unwrap())
        .collect();
    let stem = |p: &std::path::Path| p.file_stem().unwrap().to_str().unwrap().to_string();
    let mut vintages = vec![Vintage { name: stem(&main.path), models: &main.models }];
    vintages.extend(others.iter().map(|o| Vintage { name: stem(&o.path), models: &o.models }));
    let study = cd_analysis::model_study::model_study(&main.models, &vintages, defs);
    let results = cd_report::ModelResults::of(&study, &main.models, defs);
    let cards = cd_report::headlines(&results).iter().map(|h| format!("{} | {}", h.value, h.label)).collect();
    // Through text, as the server's answer arrives (serde_json's parser may round the last digit, the
    // same way for both).
    (cards, serde_json::from_str(&serde_json::to_string(&study.speccurve).unwrap()).unwrap())
}

#[test]
fn headlines_for_a_threshold_rule_equal_the_library_and_differ_from_the_default() {
    let Some(s) = server() else { return };
    let cards = |q: &str| -> Vec<String> {
        let (code, body) = get_json(s, &format!("/api/headlines?{q}"));
        assert_eq!(code, 200, "{body}");
        body["headlines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| format!("{} | {}", h["value"].as_str().unwrap(), h["label"].as_str().unwrap()))
            .collect()
    };
    let threshold = cards(&format!("{SMALL}&large_scale_rule=threshold:1e23"));
    let defs = Definitions {
        bootstrap_resamples: 50,
        spec_curve: cd_domain::definitions::SpecCurveGrid { resamples: 0, ..Default::default() },
        large_scale_rule: LargeScaleRule::Threshold { min_flop: 1e23 },
        ..Definitions::default()
    };
    let (cards_lib, speccurve_lib) = library_results(&defs);
    assert_eq!(threshold, cards_lib);
    // The specification curve, computed when first asked for, is the library's too.
    let (code, speccurve) =
        get_json(s, &format!("/api/tables/speccurve?{SMALL}&large_scale_rule=threshold:1e23"));
    assert_eq!(code, 200);
    if speccurve != speccurve_lib {
        let dir = std::env::temp_dir();
        std::fs::write(
            dir.join("cd-web-speccurve-server.json"),
            serde_json::to_string_pretty(&speccurve).unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir.join("cd-web-speccurve-library.json"),
            serde_json::to_string_pretty(&speccurve_lib).unwrap(),
        )
        .unwrap();
        panic!("the specification curves differ: see {}/cd-web-speccurve-*.json", dir.display());
    }
    let default = cards(SMALL);
    assert_ne!(threshold, default, "the large-scale rule moves a headline");
    // The same definitions spelled differently are one cache entry with the same answer.
    let again = cards(&format!("large_scale_rule=threshold:1e23&{SMALL}&team=unknown"));
    assert_eq!(again, threshold);
}

#[test]
fn the_canonical_query_reproduces_the_view() {
    let Some(s) = server() else { return };
    let (_, a) = get_json(
        s,
        "/api/definitions?team_source=derived&bootstrap_resamples=50&large_scale_rule=threshold:1e22",
    );
    let query = a["query"].as_str().unwrap();
    assert_eq!(query, "bootstrap_resamples=50&large_scale_rule=threshold:1e22&team_source=derived");
    let (_, b) = get_json(s, &format!("/api/definitions?{query}"));
    assert_eq!(a["definitions"], b["definitions"]);
    let fields = a["fields"].as_array().unwrap();
    assert_eq!(fields.len(), cd_domain::definitions::FIELD_DOCS.len());
    let (_, p) = get_json(s, "/api/provenance");
    let inputs = p["inputs"].as_array().unwrap();
    assert!(inputs.iter().any(|i| i["path"] == "epoch/all_ml_systems_2025-08-07.csv"
        && i["sha256"] == "74509130a942f476053447d26cd9a3805a03d48b8feffef714826c5e340c9ec2"));
}

#[test]
fn results_are_cached_per_definitions_and_the_cache_is_bounded() {
    let Some(s) = server() else { return };
    let q = "bootstrap_resamples=2&spec_curve=%7B%22resamples%22%3A0%7D&headline_year=2021";
    let (_, a) = get_json(s, &format!("/api/headlines?{q}"));
    // The same definitions spelled differently (order, filters) hit the same entry: the same computation.
    let reordered = "headline_year=2021&spec_curve=%7B%22resamples%22%3A0%7D&org=x&bootstrap_resamples=2";
    let (_, b) = get_json(s, &format!("/api/headlines?{reordered}"));
    assert_eq!(a["compute_ms"], b["compute_ms"], "answered from the cache");
    // The test server keeps 8 entries (support.rs): more distinct definitions evict the oldest.
    for seed in 0..10 {
        let (code, _) = get_json(s, &format!("/api/headlines?{q}&seed={seed}"));
        assert_eq!(code, 200);
        assert!(s.state.cached_entries() <= 8, "{} entries", s.state.cached_entries());
    }
    assert_eq!(s.state.cached_entries(), 8);
}

#[test]
fn paper_panels_are_404_on_a_server_started_without_them() {
    let Some(s) = server() else { return };
    for panel in ["publications", "topics", "review", "adoption", "scrutiny"] {
        let (code, body) = get_json(s, &format!("/api/panels/{panel}"));
        assert_eq!((code, body["parameter"].as_str()), (404, Some("id")), "{body}");
        assert!(body["error"].as_str().unwrap().contains("--no-papers"));
    }
}
