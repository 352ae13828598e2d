//! Ingestion: the only library layer that opens files or the network.
//!
//! Readers turn files into the typed tables of `cd-domain`, with a `ReadReport` for every read: rows
//! read, loaded and rejected, each rejection naming file, row and field. Readers never classify and never
//! analyse; they normalise vocabularies only where the domain type defines the mapping.

pub mod compute;
pub mod datasets;
pub mod epoch;
pub mod locate;
pub mod papers;
pub mod pull;
pub mod registry;
