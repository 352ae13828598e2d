//! How well the derived team (from organisation names) agrees with Epoch's own label, and how much of a
//! table has a known team before and after derivation. Pure functions of classified models; no I/O.

use cd_domain::{ClassifiedModel, TeamKind};
use serde::{Deserialize, Serialize};

/// Sector coverage of one table: how many models have a known team from Epoch's label alone (before)
/// and once derived teams fill the gaps (after).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub models: usize,
    /// Models with a usable Epoch label.
    pub epoch_labelled: usize,
    /// Models whose team could be derived from organisation names.
    pub derived_known: usize,
    /// Models with a known team kind from Epoch's label alone.
    pub known_before: usize,
    /// Models with a known team kind using the label, else the derived team.
    pub known_after: usize,
    pub share_before: f64,
    pub share_after: f64,
}

/// One cell row of the confusion matrix: Epoch's kind and the counts of each derived kind
/// (`TeamKind::ALL` order; a model with no derived team counts as `unknown`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfusionRow {
    pub epoch: TeamKind,
    pub derived: Vec<(TeamKind, usize)>,
}

/// A labelled model whose derived team differs from Epoch's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub name: String,
    pub organizations: Vec<String>,
    pub organization_categories: Vec<String>,
    pub epoch: TeamKind,
    pub derived: TeamKind,
}

/// Derived vs Epoch team kinds over the models that carry an Epoch label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementReport {
    /// Models with an Epoch label (the rows compared).
    pub compared: usize,
    /// Of those, models whose team could also be derived.
    pub derived_known: usize,
    pub agreeing: usize,
    /// `agreeing / compared`: a model whose team cannot be derived counts as a disagreement.
    pub agreement: f64,
    /// `agreeing / derived_known`: agreement where the classifier decided at all.
    pub agreement_when_derived: f64,
    pub confusion: Vec<ConfusionRow>,
    pub coverage: Coverage,
    pub disagreements: Vec<Disagreement>,
}

fn share(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Coverage of a classified table.
pub fn coverage(models: &[ClassifiedModel]) -> Coverage {
    let n = models.len();
    let epoch_labelled = models.iter().filter(|m| m.team_epoch.is_some()).count();
    let derived_known =
        models.iter().filter(|m| m.team_derived.is_some_and(|k| k != TeamKind::Unknown)).count();
    let known_before = models.iter().filter(|m| m.team_epoch.is_some_and(|k| k != TeamKind::Unknown)).count();
    let known_after = models
        .iter()
        .filter(|m| m.team_epoch.or(m.team_derived).is_some_and(|k| k != TeamKind::Unknown))
        .count();
    Coverage {
        models: n,
        epoch_labelled,
        derived_known,
        known_before,
        known_after,
        share_before: share(known_before, n),
        share_after: share(known_after, n),
    }
}

/// Confusion matrix and agreement of derived vs Epoch team kinds.
pub fn agreement_report(models: &[ClassifiedModel]) -> AgreementReport {
    let idx = |k: TeamKind| TeamKind::ALL.iter().position(|x| *x == k).unwrap_or(4);
    let mut counts = [[0usize; 5]; 5];
    let mut disagreements = Vec::new();
    let (mut compared, mut derived_known, mut agreeing) = (0, 0, 0);
    for m in models {
        let Some(epoch) = m.team_epoch else { continue };
        compared += 1;
        let derived = m.team_derived.unwrap_or(TeamKind::Unknown);
        if derived != TeamKind::Unknown {
            derived_known += 1;
        }
        counts[idx(epoch)][idx(derived)] += 1;
        if epoch == derived {
            agreeing += 1;
        } else {
            disagreements.push(Disagreement {
                name: m.model.name.clone(),
                organizations: m.model.organizations.clone(),
                organization_categories: m.model.organization_categories.clone(),
                epoch,
                derived,
            });
        }
    }
    let confusion = TeamKind::ALL
        .iter()
        .map(|e| ConfusionRow {
            epoch: *e,
            derived: TeamKind::ALL.iter().map(|d| (*d, counts[idx(*e)][idx(*d)])).collect(),
        })
        .collect();
    AgreementReport {
        compared,
        derived_known,
        agreeing,
        agreement: share(agreeing, compared),
        agreement_when_derived: share(agreeing, derived_known),
        confusion,
        coverage: coverage(models),
        disagreements,
    }
}

impl AgreementReport {
    /// The confusion matrix as text (rows: Epoch's kind; columns: derived kind).
    pub fn matrix_text(&self) -> String {
        let mut s = format!("{:<16}", "epoch \\ derived");
        for k in TeamKind::ALL {
            s.push_str(&format!("{:>15}", k.as_str()));
        }
        s.push('\n');
        for row in &self.confusion {
            s.push_str(&format!("{:<16}", row.epoch.as_str()));
            for (_, n) in &row.derived {
                s.push_str(&format!("{n:>15}"));
            }
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_domain::{Model, SectorShares, Team, TeamSource};

    fn cm(epoch: Option<TeamKind>, derived: Option<TeamKind>) -> ClassifiedModel {
        let kind = epoch.or(derived).unwrap_or(TeamKind::Unknown);
        ClassifiedModel {
            model: Model::named("m"),
            team: Team {
                kind,
                shares: SectorShares::default(),
                source: TeamSource::None,
                leaning: None,
                sectors: vec![],
            },
            team_epoch: epoch,
            team_derived: derived,
            candidates: Default::default(),
        }
    }

    #[test]
    fn counts_and_shares() {
        use TeamKind::*;
        let ms = vec![
            cm(Some(AcademicOnly), Some(AcademicOnly)),
            cm(Some(IndustryOnly), Some(Collaboration)),
            cm(Some(IndustryOnly), None),
            cm(None, Some(IndustryOnly)),
            cm(None, None),
        ];
        let r = agreement_report(&ms);
        assert_eq!((r.compared, r.derived_known, r.agreeing), (3, 2, 1));
        assert!((r.agreement - 1.0 / 3.0).abs() < 1e-12);
        assert!((r.agreement_when_derived - 0.5).abs() < 1e-12);
        assert_eq!(r.confusion[1].derived[2], (Collaboration, 1));
        assert_eq!(r.confusion[1].derived[4], (Unknown, 1));
        assert_eq!(r.disagreements.len(), 2);
        let c = r.coverage;
        assert_eq!((c.models, c.known_before, c.known_after), (5, 3, 4));
        assert!(r_text_ok(&agreement_report(&ms)));
    }

    fn r_text_ok(r: &AgreementReport) -> bool {
        r.matrix_text().lines().count() == 6
    }
}
