//! Which header of an Epoch table feeds which field of `cd_domain::Model`: the alias table.
//!
//! Epoch renames columns between vintages (`System` → `Model`, `Open-source` → `Model accessibility`,
//! `Country (from Organization)` → `Country (of organization)` ...). Every known spelling is listed here,
//! in order of preference; headers are compared case-insensitively with whitespace collapsed. To support a
//! new vintage that renames a column, add the new spelling to `ALIASES`; nothing else changes.
//!
//! When a file holds several aliases of one field (2025-08-07 has both `Organization categorization` and
//! `Organization categorization (from Organization)`), the first in `ALIASES` order is used and the others
//! fill in, row by row, where it is empty.

use serde::{Deserialize, Serialize};

/// A field of `cd_domain::Model` that comes from one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EpochField {
    Name,
    PublicationDate,
    Organizations,
    OrganizationCategories,
    Authors,
    Domains,
    Tasks,
    Parameters,
    TrainingCompute,
    TrainingComputeLower,
    TrainingComputeUpper,
    TrainingDatasetSize,
    Confidence,
    Notability,
    Citations,
    Accessibility,
    BaseModel,
    FinetuneCompute,
    Countries,
    FrontierFlag,
    FoundationFlag,
}

impl EpochField {
    pub fn as_str(self) -> &'static str {
        use EpochField::*;
        match self {
            Name => "name",
            PublicationDate => "publication_date",
            Organizations => "organizations",
            OrganizationCategories => "organization_categories",
            Authors => "authors",
            Domains => "domains",
            Tasks => "tasks",
            Parameters => "parameters",
            TrainingCompute => "training_compute_flop",
            TrainingComputeLower => "training_compute_lower_flop",
            TrainingComputeUpper => "training_compute_upper_flop",
            TrainingDatasetSize => "training_dataset_size",
            Confidence => "confidence",
            Notability => "notability",
            Citations => "citations",
            Accessibility => "accessibility",
            BaseModel => "base_model",
            FinetuneCompute => "finetune_compute_flop",
            Countries => "countries",
            FrontierFlag => "frontier_flag",
            FoundationFlag => "foundation_flag",
        }
    }
}

/// Fields without which a file is not a model table this program can use: a model needs a name, and every
/// analysis needs the date and the compute. Everything else may be missing (the large-scale table has no
/// organisation categorisation; old vintages have no compute bounds).
pub const REQUIRED: [EpochField; 3] =
    [EpochField::Name, EpochField::PublicationDate, EpochField::TrainingCompute];

/// Known header spellings per field, preferred first. Where each comes from:
/// - `System` (2023-12-14, 2024-02-05) / `Model` (2025 on).
/// - `Open-source` (2023–24: Permissive license, Fully open-source, Weights available, API accessible,
///   Unreleased) / `Model accessibility` (2025 on).
/// - `Country (from Organization)` (2023–24) / `Country (of organization)` (2025 on).
/// - `Organization (from Organization)` (2023–24) is a `", "`-joined copy of `Organization`.
/// - `Organization categorization (from Organization)` (2025-08-07) duplicates `Organization
///   categorization`.
///
/// - Dataset size: `Training dataset size (datapoints)` (2023–25) / `Training dataset size (gradients)`
///   (notable 2025-12) / `(DEPRECATED) Training dataset size (datapoints)` (large-scale and frontier
///   2025-12). The frontier table's bare `Training dataset size` holds linked model names, not sizes,
///   so it is deliberately not an alias.
///
/// The many notes and cost columns have no field in `Model` and are listed as ignored.
pub const ALIASES: &[(EpochField, &[&str])] = &[
    (EpochField::Name, &["Model", "System", "Model name", "System name"]),
    (EpochField::PublicationDate, &["Publication date", "Date of publication"]),
    (
        EpochField::Organizations,
        &["Organization", "Organisation", "Organizations", "Organization (from Organization)"],
    ),
    (
        EpochField::OrganizationCategories,
        &[
            "Organization categorization",
            "Organisation categorisation",
            "Organization categorization (from Organization)",
        ],
    ),
    (EpochField::Authors, &["Authors", "Author(s)"]),
    (EpochField::Domains, &["Domain", "Domains"]),
    (EpochField::Tasks, &["Task", "Tasks"]),
    (EpochField::Parameters, &["Parameters", "Parameter count"]),
    (
        EpochField::TrainingCompute,
        &["Training compute (FLOP)", "Training compute (FLOPs)", "Training compute"],
    ),
    (
        EpochField::TrainingComputeLower,
        &["Training compute lower bound", "Training compute lower bound (FLOP)"],
    ),
    (
        EpochField::TrainingComputeUpper,
        &["Training compute upper bound", "Training compute upper bound (FLOP)"],
    ),
    (
        EpochField::TrainingDatasetSize,
        &[
            "Training dataset size (datapoints)",
            "Training dataset size (gradients)",
            "(DEPRECATED) Training dataset size (datapoints)",
        ],
    ),
    (EpochField::Confidence, &["Confidence"]),
    (EpochField::Notability, &["Notability criteria", "Notability"]),
    (EpochField::Citations, &["Citations", "Citation count"]),
    (EpochField::Accessibility, &["Model accessibility", "Open-source", "Open source", "Accessibility"]),
    (EpochField::BaseModel, &["Base model"]),
    (
        EpochField::FinetuneCompute,
        &["Finetune compute (FLOP)", "Fine-tune compute (FLOP)", "Finetune compute"],
    ),
    (
        EpochField::Countries,
        &["Country (of organization)", "Country (from Organization)", "Country (of organisation)", "Country"],
    ),
    (EpochField::FrontierFlag, &["Frontier model"]),
    (EpochField::FoundationFlag, &["Foundation model"]),
];

/// The aliases of one field.
pub fn aliases(field: EpochField) -> &'static [&'static str] {
    ALIASES.iter().find(|(f, _)| *f == field).map(|(_, a)| *a).unwrap_or(&[])
}

/// Header as compared: BOM removed, whitespace collapsed, lower case.
pub fn normalise_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}').split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// One column of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnRef {
    /// The header as written in the file.
    pub header: String,
    /// 0-based position in the header row.
    pub index: usize,
}

/// Where one field's values come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedColumn {
    pub field: EpochField,
    pub column: ColumnRef,
    /// Other aliases present in the file, used row by row where `column` is empty.
    pub fallbacks: Vec<ColumnRef>,
}

/// Which header each field came from, and which headers were not used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMap {
    /// In `ALIASES` order; fields with no column in the file are absent.
    pub mapped: Vec<MappedColumn>,
    /// Headers that feed no field, in file order.
    pub ignored: Vec<String>,
    /// Headers that occur more than once; only the first occurrence is used.
    pub duplicate_headers: Vec<String>,
}

impl ColumnMap {
    /// Map a header row.
    pub fn from_headers(headers: &[String]) -> ColumnMap {
        let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
        let mut first_index: std::collections::HashMap<&str, usize> = Default::default();
        let mut duplicate_headers = Vec::new();
        for (i, n) in normalised.iter().enumerate() {
            if first_index.contains_key(n.as_str()) {
                duplicate_headers.push(headers[i].clone());
            } else {
                first_index.insert(n, i);
            }
        }
        let mut used = vec![false; headers.len()];
        let mut mapped = Vec::new();
        for (field, names) in ALIASES {
            let mut present: Vec<ColumnRef> = Vec::new();
            for name in names.iter() {
                if let Some(&i) = first_index.get(normalise_header(name).as_str()) {
                    if !used[i] {
                        used[i] = true;
                        present.push(ColumnRef { header: headers[i].clone(), index: i });
                    }
                }
            }
            if !present.is_empty() {
                let column = present.remove(0);
                mapped.push(MappedColumn { field: *field, column, fallbacks: present });
            }
        }
        let ignored = headers
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i] && first_index.get(normalised[*i].as_str()) == Some(i))
            .map(|(_, h)| h.clone())
            .collect();
        ColumnMap { mapped, ignored, duplicate_headers }
    }

    pub fn get(&self, field: EpochField) -> Option<&MappedColumn> {
        self.mapped.iter().find(|m| m.field == field)
    }

    /// The header a field came from, as written in the file.
    pub fn header(&self, field: EpochField) -> Option<&str> {
        self.get(field).map(|m| m.column.header.as_str())
    }

    /// Required fields with no column.
    pub fn missing_required(&self) -> Vec<EpochField> {
        REQUIRED.iter().copied().filter(|f| self.get(*f).is_none()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn aliases_resolve_by_preference_and_case() {
        let m = ColumnMap::from_headers(&h(&[
            "\u{feff}SYSTEM",
            "publication  date",
            "Organization (from Organization)",
            "Organization",
            "Open-source",
            "Link",
        ]));
        assert_eq!(m.header(EpochField::Name), Some("\u{feff}SYSTEM"));
        assert_eq!(m.header(EpochField::Organizations), Some("Organization"));
        assert_eq!(m.get(EpochField::Organizations).unwrap().fallbacks[0].index, 2);
        assert_eq!(m.header(EpochField::Accessibility), Some("Open-source"));
        assert_eq!(m.ignored, vec!["Link".to_string()]);
        assert_eq!(m.missing_required(), vec![EpochField::TrainingCompute]);
    }

    #[test]
    fn every_field_has_aliases() {
        for (f, a) in ALIASES {
            assert!(!a.is_empty(), "{f:?}");
        }
        assert_eq!(ALIASES.len(), 21);
    }
}
