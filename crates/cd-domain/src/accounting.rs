//! Row accounting: every reader reports what it read, loaded and rejected, and why.
//!
//! Invariant (checked by `ReadReport::is_balanced`): `rows_read == rows_loaded + rows_rejected`.
//! Notes are for things that were loaded but are worth telling (a file decoded as Windows-1252, a
//! duplicated model name kept twice); they never count as rejections.

use serde::{Deserialize, Serialize};

/// One input row that was not loaded, with the place and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// File the row came from (as given to the reader).
    pub file: String,
    /// 1-based data row number (the header is row 0), or line number for line-oriented formats.
    pub row: usize,
    /// The field (column) that made the row unusable; empty when the row as a whole was malformed.
    pub field: String,
    /// What was wrong and what was expected.
    pub reason: String,
}

/// What one read of one input did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadReport {
    pub file: String,
    pub rows_read: usize,
    pub rows_loaded: usize,
    pub rows_rejected: usize,
    pub rejections: Vec<Rejection>,
    /// Loaded-but-noteworthy facts about the input (encoding detected, duplicated names, ignored columns).
    pub notes: Vec<String>,
}

impl ReadReport {
    pub fn new(file: impl Into<String>) -> Self {
        ReadReport { file: file.into(), ..Default::default() }
    }

    /// Record a loaded row.
    pub fn loaded(&mut self) {
        self.rows_read += 1;
        self.rows_loaded += 1;
    }

    /// Record a rejected row with its reason.
    pub fn reject(&mut self, row: usize, field: impl Into<String>, reason: impl Into<String>) {
        self.rows_read += 1;
        self.rows_rejected += 1;
        self.rejections.push(Rejection {
            file: self.file.clone(),
            row,
            field: field.into(),
            reason: reason.into(),
        });
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Every row read is either loaded or rejected.
    pub fn is_balanced(&self) -> bool {
        self.rows_read == self.rows_loaded + self.rows_rejected && self.rows_rejected == self.rejections.len()
    }

    /// Sum several reports (for example one per file of a multi-file input).
    pub fn merge(file: impl Into<String>, parts: &[ReadReport]) -> ReadReport {
        let mut out = ReadReport::new(file);
        for p in parts {
            out.rows_read += p.rows_read;
            out.rows_loaded += p.rows_loaded;
            out.rows_rejected += p.rows_rejected;
            out.rejections.extend(p.rejections.iter().cloned());
            out.notes.extend(p.notes.iter().map(|n| format!("{}: {}", p.file, n)));
        }
        out
    }
}

/// One input as the report's list of sources shows it: what it is, where it sits in the data folder,
/// its vintage and sha256, the row accounting of reading it, and the credit its licence asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub name: String,
    /// Relative to the data folder when inside it (never an absolute path then).
    pub path: String,
    pub vintage: String,
    pub sha256: String,
    pub rows_read: usize,
    pub rows_loaded: usize,
    pub rows_rejected: usize,
    pub credit: String,
    /// Values dropped as implausible (`Definitions::plausibility`), one note each naming row, field,
    /// value and bound; the report lists them under its sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped_values: Vec<String>,
}

/// The start of the note a reader writes for each value dropped as implausible (rows stay).
pub const IMPLAUSIBLE_NOTE: &str = "implausible value dropped";

impl Provenance {
    /// The same input with the row accounting of reading it, and its values dropped as implausible.
    pub fn with_rows(mut self, r: &ReadReport) -> Provenance {
        (self.rows_read, self.rows_loaded, self.rows_rejected) =
            (r.rows_read, r.rows_loaded, r.rows_rejected);
        self.dropped_values = r.notes.iter().filter(|n| n.starts_with(IMPLAUSIBLE_NOTE)).cloned().collect();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_and_merge() {
        let mut a = ReadReport::new("a.csv");
        a.loaded();
        a.reject(2, "Publication date", "not a date: '2020-13-45'");
        assert!(a.is_balanced());
        assert_eq!(a.rejections[0].file, "a.csv");
        let mut b = ReadReport::new("b.csv");
        b.loaded();
        b.note("decoded as Windows-1252");
        let m = ReadReport::merge("all", &[a, b]);
        assert_eq!((m.rows_read, m.rows_loaded, m.rows_rejected), (3, 2, 1));
        assert_eq!(m.notes, vec!["b.csv: decoded as Windows-1252".to_string()]);
        assert!(m.is_balanced());
    }
}
