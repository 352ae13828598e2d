//! Rendering of the study's results: SVG figures, the self-contained HTML report, CSV/JSON tables and
//! `manifest.json`.
//!
//! Layers, bottom up: `scale` (axes and ticks), `palette` (one colour per team kind), `figure` (panels and
//! layers to SVG through a minijinja template), `table` (CSV/JSON/HTML tables), `methods` (the definitions
//! list), `document` (a generic report and its writer), `study` (the model sections built from the
//! analyses' results: `ModelResults`, `model_sections`, `headlines`; the report as a list of sections: `ReportInput`, `write_report`), `sections` (the paper sections, one module each,
//! handed over as a list of built or missing sections). This crate renders results that `cd-analysis`
//! computed; it must not compute statistics (no fit, no bootstrap, no share). It writes only inside the
//! output folder it is given.

pub mod diff_page;
pub mod document;
pub mod figure;
pub mod listing;
pub mod methods;
pub mod palette;
pub mod scale;
pub mod sections;
pub mod study;
pub mod table;

/// Why a report, a figure or a table could not be written. Messages name the file; a cause is part of the
/// message (not a separate source), so that it is printed once.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("writing {path}: {message}")]
    Write { path: String, message: String },
    #[error("creating {path}: {message}")]
    CreateDir { path: String, message: String },
    #[error("report: duplicate {what} '{name}'")]
    Duplicate { what: &'static str, name: String },
    #[error("csv: {0}")]
    Csv(String),
    #[error("template: {0}")]
    Template(String),
    #[error("json: {0}")]
    Json(String),
}

impl From<minijinja::Error> for ReportError {
    fn from(e: minijinja::Error) -> Self {
        ReportError::Template(e.to_string())
    }
}

impl From<serde_json::Error> for ReportError {
    fn from(e: serde_json::Error) -> Self {
        ReportError::Json(e.to_string())
    }
}

impl From<csv::Error> for ReportError {
    fn from(e: csv::Error) -> Self {
        ReportError::Csv(e.to_string())
    }
}

/// The result of this crate's fallible functions.
pub type Result<T> = std::result::Result<T, ReportError>;

pub use document::{write_document, Document, FigureBlock, Headline, ReportFiles, Section, Source};
pub use study::{build_document, headlines, model_sections, write_report, ModelResults, ReportInput};
