//! Team of a model: from Epoch's `Organization categorization` label(s), and derived from organisation
//! names with the institution classifier.
//!
//! Epoch's labels come in two shapes. Vintages of 2023–24 give one label per model (`Academia`,
//! `Industry`, `Industry - Academia Collaboration`, optionally `(Industry leaning)` / `(Academia
//! leaning)`, `Research Collective`, `Non-profit`, `Government`, with case variants). From 2025 the label
//! is a comma list aligned with the comma list of organisations. Both are read here.
//!
//! Fractional shares (CWTS fractional counting) come from per-organisation sectors. An old collaboration
//! label has no per-organisation sectors: its shares come from the derived sectors when those also make a
//! collaboration, else they are 0.5/0.5 (no leaning) or 0.85/0.15 (leaning: the middle of Epoch's 71–99%
//! band). This module decides; it does no I/O.

use crate::institution::{Classification, InstitutionClassifier};
use cd_domain::sector::{team_kind_of, Leaning};
use cd_domain::{
    ClassifiedModel, Definitions, Model, Sector, SectorShares, Team, TeamCandidates, TeamKind, TeamSource,
};
use rayon::prelude::*;

/// One parsed Epoch label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpochLabel {
    Sector(Sector),
    /// `Industry - Academia Collaboration`, with its leaning when the label gives one.
    Collaboration(Option<Leaning>),
}

/// Parse one Epoch `Organization categorization` label (case-insensitive); `None` for an empty or
/// unknown label.
pub fn parse_epoch_label(label: &str) -> Option<EpochLabel> {
    let l = label.trim().to_ascii_lowercase();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match l.as_str() {
        "" => return None,
        "academia" | "academic" => EpochLabel::Sector(Sector::Academia),
        "industry" => EpochLabel::Sector(Sector::Industry),
        "government" => EpochLabel::Sector(Sector::Government),
        "non-profit" | "nonprofit" | "non profit" => EpochLabel::Sector(Sector::NonProfit),
        "research collective" => EpochLabel::Sector(Sector::ResearchCollective),
        _ if l.starts_with("industry - academia collaboration")
            || l.starts_with("industry-academia collaboration") =>
        {
            let leaning = if l.contains("industry leaning") {
                Some(Leaning::Industry)
            } else if l.contains("academia leaning") {
                Some(Leaning::Academia)
            } else {
                None
            };
            EpochLabel::Collaboration(leaning)
        }
        _ => return None,
    })
}

/// The labels of a model, each list element split further on commas (a reader may keep the 2025 comma
/// list as one string).
fn epoch_labels(model: &Model) -> Vec<Option<EpochLabel>> {
    model
        .organization_categories
        .iter()
        .flat_map(|c| c.split(','))
        .filter(|s| !s.trim().is_empty())
        .map(parse_epoch_label)
        .collect()
}

fn leaning_from_shares(shares: &SectorShares, defs: &Definitions) -> Option<Leaning> {
    let ai = shares.academia + shares.industry;
    if ai <= 0.0 || shares.academia == 0.0 || shares.industry == 0.0 {
        return None;
    }
    let a = shares.academia / ai;
    if a >= defs.academia_leaning_min_share {
        Some(Leaning::Academia)
    } else if a <= 1.0 - defs.academia_leaning_min_share {
        Some(Leaning::Industry)
    } else {
        None
    }
}

/// Sectors per organisation from the classifier: one per organisation (the first known institution of
/// a string naming several), and every institution's sector for the team.
fn derived_sectors(model: &Model, clf: &InstitutionClassifier) -> (Vec<Sector>, Vec<Sector>) {
    let mut per_org = Vec::with_capacity(model.organizations.len());
    let mut all = Vec::new();
    for org in &model.organizations {
        let parts: Vec<Classification> = clf.classify_parts(org).into_iter().map(|(_, c)| c).collect();
        let first_known = parts.iter().find(|c| c.is_known()).map(|c| c.sector).unwrap_or(Sector::Unknown);
        per_org.push(first_known);
        all.extend(parts.iter().map(|c| c.sector));
    }
    (per_org, all)
}

/// The team derived from organisation names alone; `None` when no organisation could be classified.
pub fn derive_team(model: &Model, clf: &InstitutionClassifier, defs: &Definitions) -> Option<Team> {
    let (per_org, all) = derived_sectors(model, clf);
    let kind = team_kind_of(&all);
    if kind == TeamKind::Unknown {
        return None;
    }
    let shares = SectorShares::from_sectors(&all);
    let leaning = if kind == TeamKind::Collaboration { leaning_from_shares(&shares, defs) } else { None };
    Some(Team { kind, shares, source: TeamSource::Derived, leaning, sectors: per_org })
}

/// The team from Epoch's label(s) alone; `None` when the row has no usable label. `derived` (the team
/// from names) fills per-organisation sectors where the labels are not aligned with the organisations.
pub fn epoch_team(model: &Model, derived: Option<&Team>, defs: &Definitions) -> Option<Team> {
    let labels = epoch_labels(model);
    let parsed: Vec<EpochLabel> = labels.iter().flatten().copied().collect();
    if parsed.is_empty() {
        return None;
    }
    let collaboration = parsed.iter().find_map(|l| match l {
        EpochLabel::Collaboration(lean) => Some(*lean),
        _ => None,
    });
    let fallback_sectors = || {
        derived.map(|d| d.sectors.clone()).unwrap_or_else(|| vec![Sector::Unknown; model.organizations.len()])
    };
    if let Some(lean) = collaboration {
        let shares = match derived {
            Some(d) if d.kind == TeamKind::Collaboration => d.shares,
            _ => match lean {
                None => SectorShares { academia: 0.5, industry: 0.5, other: 0.0 },
                Some(Leaning::Academia) => SectorShares { academia: 0.85, industry: 0.15, other: 0.0 },
                Some(Leaning::Industry) => SectorShares { academia: 0.15, industry: 0.85, other: 0.0 },
            },
        };
        let leaning = lean.or_else(|| leaning_from_shares(&shares, defs));
        return Some(Team {
            kind: TeamKind::Collaboration,
            shares,
            source: TeamSource::EpochLabel,
            leaning,
            sectors: fallback_sectors(),
        });
    }
    let sectors: Vec<Sector> = labels
        .iter()
        .map(|l| match l {
            Some(EpochLabel::Sector(s)) => *s,
            _ => Sector::Unknown,
        })
        .collect();
    let kind = team_kind_of(&sectors);
    let shares = SectorShares::from_sectors(&sectors);
    let leaning = if kind == TeamKind::Collaboration { leaning_from_shares(&shares, defs) } else { None };
    let aligned = sectors.len() == model.organizations.len();
    Some(Team {
        kind,
        shares,
        source: TeamSource::EpochLabel,
        leaning,
        sectors: if aligned { sectors } else { fallback_sectors() },
    })
}

/// Classify one model's team. `team` follows `Definitions::team_source` (default: Epoch's label where there
/// is one, else the derived team, else unknown). Under `AcademicOnlyRule::Loose`, a collaboration leaning
/// to academia counts as academic-only in `team.kind` (never in `team_epoch` / `team_derived`, which stay
/// as the sources say).
pub fn classify_model(model: &Model, clf: &InstitutionClassifier, defs: &Definitions) -> ClassifiedModel {
    let derived = derive_team(model, clf, defs);
    let epoch = epoch_team(model, derived.as_ref(), defs);
    let candidates = TeamCandidates { epoch, derived };
    let team = candidates.select(defs.team_source, defs.academic_only, model.organizations.len());
    ClassifiedModel {
        model: model.clone(),
        team,
        team_epoch: candidates.epoch.as_ref().map(|t| t.kind),
        team_derived: candidates.derived.as_ref().map(|t| t.kind),
        candidates,
    }
}

/// Classify many models in parallel; the output is in input order.
pub fn classify_models(
    models: &[Model],
    clf: &InstitutionClassifier,
    defs: &Definitions,
) -> Vec<ClassifiedModel> {
    // Each distinct organisation string is classified once.
    let clf = clf.remembering(models.iter().flat_map(|m| m.organizations.iter().map(String::as_str)));
    models.par_iter().map(|m| classify_model(m, &clf, defs)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::institution::ClassifierOptions;
    use cd_domain::definitions::AcademicOnlyRule;

    fn model(orgs: &[&str], cats: &[&str]) -> Model {
        let mut m = Model::named("m");
        m.organizations = orgs.iter().map(|s| s.to_string()).collect();
        m.organization_categories = cats.iter().map(|s| s.to_string()).collect();
        m
    }

    #[test]
    fn labels_of_every_vintage() {
        use EpochLabel::*;
        assert_eq!(parse_epoch_label("Academia"), Some(Sector(cd_domain::Sector::Academia)));
        assert_eq!(parse_epoch_label("Industry - Academia collaboration"), Some(Collaboration(None)));
        assert_eq!(
            parse_epoch_label("Industry - Academia Collaboration (Academia Leaning)"),
            Some(Collaboration(Some(Leaning::Academia)))
        );
        assert_eq!(
            parse_epoch_label("Research collective"),
            Some(Sector(cd_domain::Sector::ResearchCollective))
        );
        assert_eq!(parse_epoch_label("Non-profit"), Some(Sector(cd_domain::Sector::NonProfit)));
        assert_eq!(parse_epoch_label(""), None);
        assert_eq!(parse_epoch_label("Whatever"), None);
    }

    #[test]
    fn model_teams() {
        let clf = InstitutionClassifier::curated_only(ClassifierOptions::default());
        let defs = Definitions::default();
        // New aligned list.
        let c =
            classify_model(&model(&["Google", "Stanford University"], &["Industry,Academia"]), &clf, &defs);
        assert_eq!(c.team_epoch, Some(TeamKind::Collaboration));
        assert_eq!(c.team_derived, Some(TeamKind::Collaboration));
        assert_eq!(c.team.source, TeamSource::EpochLabel);
        assert_eq!((c.team.shares.academia, c.team.shares.industry), (0.5, 0.5));
        assert_eq!(c.team.sectors, vec![Sector::Industry, Sector::Academia]);
        // No label: derived; a multi-institution organisation string.
        let c = classify_model(&model(&["Stanford University; Google"], &[]), &clf, &defs);
        assert_eq!((c.team_epoch, c.team_derived), (None, Some(TeamKind::Collaboration)));
        assert_eq!(c.team.source, TeamSource::Derived);
        assert_eq!(c.team.kind, TeamKind::Collaboration);
        // Old single label with leaning; shares from the derived sectors (2 academic, 1 industry).
        let m = model(
            &["Tsinghua University", "Peking University", "Meta AI"],
            &["Industry - Academia Collaboration (Academia leaning)"],
        );
        let c = classify_model(&m, &clf, &defs);
        assert_eq!(c.team.kind, TeamKind::Collaboration);
        assert_eq!(c.team.leaning, Some(Leaning::Academia));
        assert!((c.team.shares.academia - 2.0 / 3.0).abs() < 1e-12);
        let loose = Definitions { academic_only: AcademicOnlyRule::Loose, ..Definitions::default() };
        let c = classify_model(&m, &clf, &loose);
        assert_eq!((c.team.kind, c.team_epoch), (TeamKind::AcademicOnly, Some(TeamKind::Collaboration)));
        // Derived only, nothing known.
        let c = classify_model(&model(&["Blorp"], &[]), &clf, &defs);
        assert_eq!((c.team.kind, c.team.source, c.team_derived), (TeamKind::Unknown, TeamSource::None, None));
        // Government + industry is `other`.
        let c = classify_model(&model(&["Sber"], &["Industry,Government"]), &clf, &defs);
        assert_eq!(c.team.kind, TeamKind::Other);
        // Order is preserved by the parallel version.
        let ms: Vec<Model> =
            (0..50).map(|i| Model { source_row: i, ..Model::named(format!("m{i}")) }).collect();
        let out = classify_models(&ms, &clf, &defs);
        assert!(out.iter().enumerate().all(|(i, c)| c.model.source_row == i));
    }

    #[test]
    fn team_source_rule_picks_the_source() {
        use cd_domain::definitions::TeamSourceRule;
        let clf = InstitutionClassifier::curated_only(ClassifierOptions::default());
        // Labelled academia, but the names say industry: the rule decides.
        let m = model(&["Google"], &["Academia"]);
        let with = |rule| Definitions { team_source: rule, ..Definitions::default() };
        let kind = |rule| classify_model(&m, &clf, &with(rule)).team.kind;
        assert_eq!(kind(TeamSourceRule::LabelThenDerived), TeamKind::AcademicOnly);
        assert_eq!(kind(TeamSourceRule::EpochLabel), TeamKind::AcademicOnly);
        assert_eq!(kind(TeamSourceRule::Derived), TeamKind::IndustryOnly);
        // No label: the label rule leaves the team unknown, the others derive it.
        let m = model(&["Stanford University"], &[]);
        let c = classify_model(&m, &clf, &with(TeamSourceRule::EpochLabel));
        assert_eq!((c.team.kind, c.team.source), (TeamKind::Unknown, TeamSource::None));
        assert_eq!(c.team_derived, Some(TeamKind::AcademicOnly));
        // Re-selection from the candidates equals classifying again.
        for rule in TeamSourceRule::ALL {
            let again = c.with_team_source(rule, AcademicOnlyRule::Strict);
            assert_eq!(again.team, classify_model(&m, &clf, &with(rule)).team, "{rule:?}");
        }
    }
}
