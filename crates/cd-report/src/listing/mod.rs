//! The listings of the command line: the tables that `catalogue`, `mentions`, `adoption`, `scrutiny`
//! (module `adoption`) and `topics --intensity`, `representation`, `thematic`, `annotated` (module
//! `topics`) print in their table and CSV formats, built from the analyses' results. The binary
//! prints them (`--format json` prints the results themselves).

pub mod adoption;
pub mod diff;
pub mod models;
pub mod papers;
pub mod provision;
pub mod topics;
pub mod trends;

/// A table to print: a header and rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// `text` with its control characters written as escapes (`\u{1b}`), so that bytes from an input file
/// (ESC, BEL, a carriage return) never reach a terminal raw. `keep_lines` keeps line breaks and tabs (for
/// messages of several lines).
pub fn printable(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let escape = |c: char| c.is_control() && !(keep_lines && (c == '\n' || c == '\t'));
    if !text.chars().any(escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `cell` safe to open in a spreadsheet (CSV injection): a cell that begins with `=` or `@`, a tab or a
/// carriage return is taken for a formula by Excel, LibreOffice or Google Sheets, so it gets a leading
/// `'`, which spreadsheets show as text. A cell that begins with `+` or `-` is a formula too, but without
/// a function call `(`, a DDE link or sheet reference (`|`, `!`), a string (`"`, `'`), `&`, `=` or `@` it
/// can only do arithmetic, so such cells — numbers (`-1.5`), intervals (`-2.7 pp to +5.2 pp`), a lone
/// `-` — stay as written and pandas and R still read numeric columns; the others (`-1+cmd|' /C
/// calc'!A0`, `+HYPERLINK("…")`) get the `'`. Every CSV the program writes passes its cells through here.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let always = cell.starts_with(['=', '@', '\t', '\r']);
    let signed = cell.starts_with(['+', '-']) && cell.contains(['(', '|', '!', '"', '\'', '&', '=', '@']);
    if always || signed {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Write `record` to `w` with every cell passed through [`csv_safe`].
pub fn write_safe_record<W: std::io::Write, S: AsRef<str>>(
    w: &mut csv::Writer<W>,
    record: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    w.write_record(record.into_iter().map(|c| csv_safe(c.as_ref()).into_owned()))
}

impl Listing {
    /// A listing of `items`, one row per item made by `row`.
    pub fn of<T>(header: &[&str], items: &[T], row: impl Fn(&T) -> Vec<String>) -> Listing {
        Listing {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: items.iter().map(row).collect(),
        }
    }

    /// The listing as an aligned text table: the header then one line per row, columns two spaces
    /// apart, no trailing spaces. Columns are aligned by display width (a CJK character takes two
    /// columns of a terminal, a combining mark none).
    pub fn table_lines(&self) -> Vec<String> {
        use unicode_width::UnicodeWidthStr;
        let width = |s: &str| UnicodeWidthStr::width(printable(s, false).as_ref());
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for r in &self.rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(width(c));
            }
        }
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    s.push_str("  ");
                }
                s.push_str(&printable(c, false));
                if i + 1 < cells.len() {
                    let w = widths.get(i).copied().unwrap_or(0);
                    s.push_str(&" ".repeat(w.saturating_sub(width(c))));
                }
            }
            s.trim_end().to_string()
        };
        std::iter::once(&self.header).chain(&self.rows).map(|r| line(r)).collect()
    }

    /// The listing as CSV (header first), without the final line break.
    pub fn csv_text(&self) -> crate::Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        write_safe_record(&mut w, &self.header)?;
        for r in &self.rows {
            write_safe_record(&mut w, r)?;
        }
        let bytes = w.into_inner().map_err(|e| crate::ReportError::Csv(e.to_string()))?;
        Ok(String::from_utf8(bytes)
            .map_err(|e| crate::ReportError::Csv(e.to_string()))?
            .trim_end_matches('\n')
            .to_string())
    }
}

/// The rows of a read, at the head of a JSON output (`#[serde(flatten)]`).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ReadCounts {
    pub rows_read: usize,
    pub rows_loaded: usize,
    pub rows_rejected: usize,
}

/// The read's accounting in one line, `FILE: N rows read, N loaded, N rejected`, as every table-mode
/// command writes it.
pub fn accounting_line(file: &str, r: &cd_domain::ReadReport) -> String {
    format!("{file}: {} rows read, {} loaded, {} rejected", r.rows_read, r.rows_loaded, r.rows_rejected)
}

impl From<&cd_domain::ReadReport> for ReadCounts {
    fn from(r: &cd_domain::ReadReport) -> ReadCounts {
        ReadCounts { rows_read: r.rows_read, rows_loaded: r.rows_loaded, rows_rejected: r.rows_rejected }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11: cells that a spreadsheet would run as formulas are written as text; numbers stay numbers.
    #[test]
    fn csv_cells_never_start_a_formula() {
        for (cell, out) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
            ("-HYPERLINK(\"http://x\")", "'-HYPERLINK(\"http://x\")"),
            ("-2+3", "-2+3"),
            ("+7.6 pp", "+7.6 pp"),
            ("'-1.111 [-1.537, -0.762]", "'-1.111 [-1.537, -0.762]"),
            ("-1.111 [-1.537, -0.762]", "-1.111 [-1.537, -0.762]"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("-1.5", "-1.5"),
            ("+3e9", "+3e9"),
            ("-", "-"),
            ("GPT-4", "GPT-4"),
            ("", ""),
        ] {
            assert_eq!(csv_safe(cell), out, "{cell:?}");
        }
        let l = Listing::of(&["name"], &["=1+1", "-0.5"], |s| vec![s.to_string()]);
        assert_eq!(l.csv_text().unwrap(), "name\n'=1+1\n-0.5");
    }

    #[test]
    fn tables_align_and_csv_quotes() {
        let l = Listing::of(&["a", "bb"], &[("xyz", "1"), ("q", "a,b")], |(x, y)| {
            vec![x.to_string(), y.to_string()]
        });
        assert_eq!(l.table_lines(), ["a    bb", "xyz  1", "q    a,b"]);
        assert_eq!(l.csv_text().unwrap(), "a,bb\nxyz,1\nq,\"a,b\"");
    }

    #[test]
    fn control_characters_are_escaped_in_tables() {
        let l = Listing::of(&["name", "n"], &[("Evil\u{1b}[31mRed\u{7}", "1")], |(x, y)| {
            vec![x.to_string(), y.to_string()]
        });
        assert_eq!(l.table_lines()[1], "Evil\\u{1b}[31mRed\\u{7}  1");
        assert_eq!(printable("a\nb\u{1b}", true), "a\nb\\u{1b}");
        assert!(matches!(printable("plain", false), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn wide_characters_take_two_columns() {
        // 北京大学 is 4 characters but 8 terminal columns; the next column starts after it.
        let l = Listing::of(&["name", "n"], &[("北京大学", "1"), ("MIT", "2")], |(x, y)| {
            vec![x.to_string(), y.to_string()]
        });
        assert_eq!(l.table_lines(), ["name      n", "北京大学  1", "MIT       2"]);
    }
}
