//! Classification: the sector of an institution and the team kind of a model or a paper.
//!
//! - `institution`: `InstitutionClassifier`, built from registry records (GRID, world universities) that
//!   `cd-ingest` reads, a curated list of AI labs and companies (`curated`) and string rules (`rules`);
//!   `classify(name) -> Classification { sector, confidence, reason, matched }`.
//! - `team`: the team of an Epoch model from its labels, or derived from organisation names.
//! - `agreement`: derived vs Epoch labels (confusion matrix) and sector coverage.
//! - `paper`: sectors of authors' affiliations and the team of a paper under an unknown-author policy,
//!   with full and fractional (CWTS) counting.
//!
//! This crate does no file or network I/O and prints nothing: it is built from records and returns
//! values. Every disputable choice is documented where it is made, and the ones that move results are
//! options (`ClassifierOptions`, fed from `Definitions`).

pub mod agreement;
pub mod curated;
pub mod evidence;
mod index;
pub mod institution;
pub mod normalize;
pub mod paper;
pub mod rules;
pub mod team;

pub use agreement::{agreement_report, coverage, AgreementReport, Coverage};
pub use institution::{
    Classification, ClassifierOptions, IndexError, InstitutionClassifier, INDEX_FORMAT, INDEX_SOURCES,
};
pub use team::{classify_model, classify_models, derive_team, epoch_team, parse_epoch_label, EpochLabel};
