//! Domain types of compute-divide.
//!
//! This crate is the bottom layer: every other crate speaks in these types. It holds plain data and the
//! small pure functions that belong to it (decimal years, team kinds from sector shares). It must not do
//! I/O, must not know about file formats, and must not depend on any other crate of the workspace.

pub mod accounting;
pub mod compute;
pub mod date;
pub mod definitions;
pub mod model;
pub mod paper;
pub mod registry;
pub mod sector;

pub use accounting::{Provenance, ReadReport, Rejection};
pub use compute::{Accelerator, ClusterSector, ClusterStatus, GpuCluster};
pub use date::{DatePrecision, PubDate};
pub use definitions::Definitions;
pub use model::{
    Accessibility, AccessibilityClass, ClassifiedModel, Confidence, Model, Notability, TeamCandidates,
};
pub use paper::{Affiliation, Alignment, Authorship, Paper, ReviewStatus, SourceTopic, TeamVariant};
pub use sector::{Sector, SectorShares, Team, TeamKind, TeamSource};

/// The source of the modules whose types are kept in cache files (models, dates, teams, row
/// accounting), for cache keys: a change to any of them (a field added, a variant moved) invalidates
/// the cached tables written with the old layout.
pub const SERDE_SOURCES: [&str; 4] = [
    include_str!("model.rs"),
    include_str!("date.rs"),
    include_str!("sector.rs"),
    include_str!("accounting.rs"),
];
