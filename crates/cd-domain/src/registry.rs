//! Institution registry records (GRID, the world universities list) as plain data.
//!
//! `cd-ingest::registry` reads them from files; `cd-classify` builds its institution classifier from
//! them. They live here so that neither of those crates has to depend on the other. No I/O here.

use serde::{Deserialize, Serialize};

/// GRID's institution type (`types.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GridType {
    Company,
    Education,
    Healthcare,
    Nonprofit,
    Facility,
    Government,
    Archive,
    Other,
}

impl GridType {
    /// Parse GRID's label (case-insensitive); `None` for a label GRID does not use.
    pub fn parse(label: &str) -> Option<GridType> {
        Some(match label.trim().to_ascii_lowercase().as_str() {
            "company" => GridType::Company,
            "education" => GridType::Education,
            "healthcare" => GridType::Healthcare,
            "nonprofit" => GridType::Nonprofit,
            "facility" => GridType::Facility,
            "government" => GridType::Government,
            "archive" => GridType::Archive,
            "other" => GridType::Other,
            _ => return None,
        })
    }
}

/// One GRID institution with its names, type and parents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridInstitution {
    /// GRID id, e.g. `grid.116068.8`.
    pub id: String,
    pub name: String,
    pub city: String,
    pub country: String,
    /// `None` when `types.csv` has no row for the institution (about 10% of GRID 2016).
    pub kind: Option<GridType>,
    pub aliases: Vec<String>,
    pub acronyms: Vec<String>,
    /// GRID ids of the institution's parents (`relationships.csv`, type `Parent`).
    pub parents: Vec<String>,
}

/// One university of the world universities list (Hipo/university-domains-list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct University {
    pub name: String,
    pub country: String,
    pub domains: Vec<String>,
}
