//! The listings of the command line: the tables that `catalogue`, `mentions`, `adoption`, `scrutiny`
//! (module `adoption`) and `topics --intensity`, `representation`, `thematic`, `annotated` (module
//! `topics`) print in their table and CSV formats, built from the analyses' results. The binary
//! prints them (`--format json` prints the results themselves).

pub mod adoption;
pub mod models;
pub mod papers;
pub mod topics;
pub mod trends;

/// A table to print: a header and rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Listing {
    /// A listing of `items`, one row per item made by `row`.
    pub fn of<T>(header: &[&str], items: &[T], row: impl Fn(&T) -> Vec<String>) -> Listing {
        Listing {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: items.iter().map(row).collect(),
        }
    }

    pub fn header_refs(&self) -> Vec<&str> {
        self.header.iter().map(String::as_str).collect()
    }
}

/// The rows of a read, at the head of a JSON output (`#[serde(flatten)]`).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ReadCounts {
    pub rows_read: usize,
    pub rows_loaded: usize,
    pub rows_rejected: usize,
}

impl From<&cd_domain::ReadReport> for ReadCounts {
    fn from(r: &cd_domain::ReadReport) -> ReadCounts {
        ReadCounts { rows_read: r.rows_read, rows_loaded: r.rows_loaded, rows_rejected: r.rows_rejected }
    }
}
