//! Adoption and scrutiny on ten hand-made papers whose expected values were worked out by hand (the
//! reasoning is next to each assertion); interval bounds are from statsmodels
//! `proportion_confint(k, n, method="wilson")`. The catalogue comes from the alias table's documented
//! fallbacks alone (no Epoch vintage), so developer teams, accessibilities and release years are those of
//! aliases.rs: BERT Google 2018 open; GPT-3 OpenAI 2020 API; CLIP OpenAI 2021 open; Llama 2 Meta 2023 open
//! (restricted); GPT-4 OpenAI 2023 API.

use cd_analysis::adoption::{
    adoption, build_catalogue, detect_uses, scrutiny, summarise, ShareEstimate, UseType,
};
use cd_domain::{AccessibilityClass, Definitions, Paper, SectorShares, Team, TeamKind, TeamSource};

fn paper(id: &str, year: i32, team: Option<TeamKind>, text: &str, category: Option<&str>) -> Paper {
    Paper {
        paper_id: id.into(),
        year: Some(year),
        venue: "test".into(),
        title: format!("Paper {id}"),
        abstract_text: Some(text.into()),
        keywords: category.map(|c| vec![format!("category:{c}")]).unwrap_or_default(),
        authors: vec![],
        team: team.map(|kind| Team {
            kind,
            shares: SectorShares::default(),
            source: TeamSource::Derived,
            leaning: None,
            sectors: vec![],
        }),
        source: "aiindex".into(),
        status: Default::default(),
        status_label: None,
        citations: None,
        alignment: Default::default(),
        source_topics: Vec::new(),
        team_variants: Vec::new(),
    }
}

fn papers() -> Vec<Paper> {
    use TeamKind::*;
    vec![
        paper("p1", 2022, Some(AcademicOnly), "We fine-tune BERT on legal text.", None),
        paper("p2", 2022, Some(AcademicOnly), "We use GPT-3 in a zero-shot setting.", None),
        paper("p3", 2022, Some(AcademicOnly), "We measure gender bias in CLIP.", Some("Fairness & Bias")),
        paper("p4", 2022, Some(AcademicOnly), "We train a new model for tables.", None),
        paper("p5", 2022, Some(IndustryOnly), "We fine-tune BERT.", None),
        paper(
            "p6",
            2023,
            Some(AcademicOnly),
            "We fine-tune Llama 2 with LoRA and query GPT-4 zero-shot.",
            None,
        ),
        paper(
            "p7",
            2023,
            Some(AcademicOnly),
            "We evaluate the jailbreak robustness of GPT-4.",
            Some("Security"),
        ),
        paper("p8", 2023, Some(Collaboration), "We audit GPT-4 for bias.", Some("Fairness & Bias")),
        // facct2022 writes "Privacy" for "Privacy & Data Governance": both labels fold into one category.
        paper("p10", 2021, Some(IndustryOnly), "A privacy paper.", Some("Privacy")),
        paper("p9", 2023, None, "We fine-tune BERT.", None),
    ]
}

fn close(s: &ShareEstimate, count: usize, total: usize, low: f64, high: f64) {
    assert_eq!((s.count, s.total), (count, total), "{s:?}");
    assert!((s.low.unwrap() - low).abs() < 1e-9 && (s.high.unwrap() - high).abs() < 1e-9, "{s:?}");
}

#[test]
fn adoption_and_scrutiny_on_hand_made_papers() {
    let defs = Definitions::default();
    let papers = papers();
    let catalogue = build_catalogue(&[]);
    let table = detect_uses(&papers, &catalogue, &defs);
    // p1 BERT, p2 GPT-3, p3 CLIP, p5 BERT, p6 Llama 2 + GPT-4, p7 GPT-4, p8 GPT-4, p9 BERT; p4 names none.
    assert_eq!((table.papers_scanned, table.papers_with_mentions, table.uses.len()), (10, 8, 9));
    let uses_of = |id: &str, model: &str| {
        table.uses.iter().find(|u| u.paper_id == id && u.model == model).unwrap().use_types.clone()
    };
    assert_eq!(uses_of("p1", "BERT"), vec![UseType::FineTuning]);
    assert_eq!(uses_of("p2", "GPT-3"), vec![UseType::Prompting]);
    assert_eq!(uses_of("p3", "CLIP"), vec![UseType::SafetyAudit]);
    assert_eq!(uses_of("p6", "GPT-4"), vec![UseType::FineTuning, UseType::Prompting]);
    // "evaluate" is an audit's word here: the sentence has safety cues, so no evaluation.
    assert_eq!(uses_of("p7", "GPT-4"), vec![UseType::SafetyAudit]);

    let a = adoption(&papers, &table, &catalogue, &defs);
    // 2022: academic-only p1–p4 (4); building on industry models p1 (BERT, open) and p2 (GPT-3, API).
    let y22 = &a.years[0];
    assert_eq!((y22.year, y22.academic_papers), (2022, 4));
    close(&y22.builds_on_industry, 2, 4, 0.15003898915214947, 0.8499610108478506);
    close(&y22.builds_on_industry_open, 1, 4, 0.0455872608097006, 0.6993581574175982);
    close(&y22.builds_on_industry_closed, 1, 4, 0.0455872608097006, 0.6993581574175982);
    // p3 names CLIP (OpenAI) without building on it: 3 of 4 mention an industry model.
    close(&y22.mentions_industry, 3, 4, 0.30064184258240184, 0.9544127391902995);
    // 2023: academic-only p6, p7 (2); p6 builds on Llama 2 (open) and GPT-4 (API).
    let y23 = &a.years[1];
    assert_eq!((y23.year, y23.academic_papers), (2023, 2));
    close(&y23.builds_on_industry, 1, 2, 0.09453120573423068, 0.9054687942657693);
    close(&y23.builds_on_industry_open, 1, 2, 0.09453120573423068, 0.9054687942657693);
    close(&y23.mentions_industry, 2, 2, 0.342380227506653, 1.0);
    assert_eq!((a.academic_papers, a.papers_unknown_team), (6, 1));
    let top: Vec<(i32, usize, &str)> =
        a.top_models.iter().map(|t| (t.year, t.rank, t.model.as_str())).collect();
    assert_eq!(top, vec![(2022, 1, "BERT"), (2022, 2, "GPT-3"), (2023, 1, "GPT-4"), (2023, 2, "Llama 2")]);
    // Lags: BERT 2018 → 2022 = 4; GPT-3 2020 → 2022 = 2; GPT-4 and Llama 2 2023 → 2023 = 0.
    let lags: Vec<(&str, Option<i32>)> = a.lags.iter().map(|l| (l.model.as_str(), l.lag_years)).collect();
    assert_eq!(lags, vec![("BERT", Some(4)), ("GPT-3", Some(2)), ("GPT-4", Some(0)), ("Llama 2", Some(0))]);
    // Open: BERT 4, Llama 2 0 → median 2; closed: GPT-3 2, GPT-4 0 → median 1.
    assert_eq!(a.lag_by_access[0].median_lag_years, Some(2.0));
    assert_eq!(a.lag_by_access[1].median_lag_years, Some(1.0));

    let s = scrutiny(&papers, &table, &catalogue, &defs);
    // Every named model is among the 10 most named, so all five are influential.
    let names: Vec<&str> = s.models.iter().map(|m| m.model.as_str()).collect();
    assert_eq!(names, vec!["BERT", "CLIP", "GPT-3", "GPT-4", "Llama 2"]);
    let gpt4 = s.models.iter().find(|m| m.model == "GPT-4").unwrap();
    // p7 (academic-only) and p8 (collaboration) audit GPT-4; p6 builds on it.
    assert_eq!((gpt4.scrutiny_papers.academic_only, gpt4.scrutiny_papers.collaboration), (1, 1));
    close(&gpt4.academic_share, 1, 2, 0.09453120573423068, 0.9054687942657693);
    assert_eq!(
        (gpt4.first_academic_scrutiny_year, gpt4.years_to_first_academic_scrutiny),
        (Some(2023), Some(0))
    );
    let clip = s.models.iter().find(|m| m.model == "CLIP").unwrap();
    assert_eq!(clip.years_to_first_academic_scrutiny, Some(1));
    let open = &s.by_accessibility[0];
    assert_eq!(open.accessibility_class, AccessibilityClass::Open);
    // Open: BERT, CLIP, Llama 2; only CLIP scrutinised (p3, academic), 1 year after release.
    assert_eq!((open.models, open.models_without_academic_scrutiny), (3, 2));
    close(&open.academic_share, 1, 1, 0.2065493143772374, 1.0);
    assert_eq!(open.median_years_to_first_academic_scrutiny, Some(1.0));
    let closed = &s.by_accessibility[1];
    assert_eq!((closed.models, closed.models_without_academic_scrutiny), (2, 1));
    close(&closed.academic_share, 1, 2, 0.09453120573423068, 0.9054687942657693);
    // RAI: (Fairness & Bias, 2022) p3 academic; (Fairness & Bias, 2023) p8 collaboration; (Privacy & Data
    // Governance, 2021) p10 industry; (Security, 2023) p7 academic.
    let rai: Vec<(&str, i32, usize, usize)> = s
        .rai_shares
        .iter()
        .map(|r| (r.category.as_str(), r.year, r.academic_only.count, r.industry_involved.count))
        .collect();
    assert_eq!(
        rai,
        vec![
            ("Fairness & Bias", 2022, 1, 0),
            ("Fairness & Bias", 2023, 0, 1),
            ("Privacy & Data Governance", 2021, 0, 1),
            ("Security", 2023, 1, 0)
        ]
    );
    close(&s.rai_shares[1].academic_only, 0, 1, 0.0, 0.7934506856227627);

    let summary = summarise(&table, &a, &s);
    assert!(
        summary.findings[1].contains("50.0% (2 of 4; 95% CI 15.0%–85.0%) in 2022"),
        "{:?}",
        summary.findings
    );
    assert!(!summary.caveats.is_empty());
}
