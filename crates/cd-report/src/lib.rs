//! Rendering of the study's results: SVG figures, the self-contained HTML report, CSV/JSON tables and
//! `manifest.json`.
//!
//! Layers, bottom up: `scale` (axes and ticks), `palette` (one colour per team kind), `figure` (panels and
//! layers to SVG through a minijinja template), `table` (CSV/JSON/HTML tables), `methods` (the definitions
//! list), `document` (a generic report and its writer), `study` (the model sections built from the
//! analyses' results: `ReportInput`, `write_report`), `sections` (the paper sections, one module each,
//! handed over as a list of built or missing sections). This crate renders results that `cd-analysis`
//! computed; it must not compute statistics (no fit, no bootstrap, no share). It writes only inside the
//! output folder it is given.

pub mod document;
pub mod figure;
pub mod listing;
pub mod methods;
pub mod palette;
pub mod scale;
pub mod sections;
pub mod study;
pub mod table;

pub use document::{write_document, Document, FigureBlock, Headline, ReportFiles, Section, Source};
pub use study::{build_document, write_report, ReportInput};
