//! The study's analyses as pure functions of typed tables and a `Definitions` value.
//!
//! Each module takes `&[ClassifiedModel]` (or several vintages of them) and `&Definitions` and returns a
//! serde-serialisable result struct that the CLI prints and the report renders. Nothing here opens a file,
//! prints, or reads the clock; randomness comes only from `Definitions::seed` through `cd-stats`.

pub mod adoption;
pub mod composition;
pub mod corpus;
pub mod diff;
pub mod frontier;
pub mod gap;
pub mod headlines;
pub mod largescale;
pub mod lineage;
pub mod model_study;
pub mod openness;
pub mod paper_study;
pub mod population;
pub mod provision;
pub mod publications;
pub mod review;
pub mod shares;
pub mod speccurve;
pub mod topics;
pub mod trends;
