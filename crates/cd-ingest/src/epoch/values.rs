//! Parsing single cells: numbers and yes/no flags. Each parser says what it expected when it fails, so
//! that the reader can put that into a rejection or a note.

/// A number as Epoch writes it: `1.2e+24`, `175000000000`, `3.14`, optionally with thousands separators
/// (`1,000,000`) or a leading `+`. Empty means absent (`Ok(None)`). Not finite, or negative, is an error.
pub fn parse_number(cell: &str) -> Result<Option<f64>, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let plain: String = if is_thousands_grouped(t) { t.replace(',', "") } else { t.to_string() };
    let looks_numeric = plain
        .trim_start_matches(['+', '-'])
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && plain.chars().any(|c| c.is_ascii_digit());
    let value: f64 = match plain.parse() {
        Ok(v) if looks_numeric => v,
        _ => return Err(format!("not a number: {t:?}")),
    };
    if !value.is_finite() {
        return Err(format!("not a finite number: {t:?}"));
    }
    if value < 0.0 {
        return Err(format!("negative value: {t:?}"));
    }
    Ok(Some(value))
}

/// `1,234,567` or `1,234.5`: groups of three digits after the first.
fn is_thousands_grouped(t: &str) -> bool {
    let int_part = t.trim_start_matches('+').split('.').next().unwrap_or("");
    let mut groups = int_part.split(',');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest.iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A checkbox as exported by Epoch's tables: `True`, `checked`, `yes`, `1` are true; `False`,
/// `unchecked`, `no`, `0` and empty are false (an unticked box exports as empty).
pub fn parse_flag(cell: &str) -> Result<bool, String> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "true" | "checked" | "yes" | "y" | "1" => Ok(true),
        "false" | "unchecked" | "no" | "n" | "0" | "" => Ok(false),
        _ => Err(format!("not a yes/no flag: {:?} (expected True, False, checked or empty)", cell.trim())),
    }
}

/// Order of day and month in `NN/NN/YYYY` dates, decided once per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlashOrder {
    /// `5/13/2024` (the US form spreadsheet and Airtable exports use).
    MonthFirst,
    /// `13/5/2024`.
    DayFirst,
}

/// `A/B/YYYY`, optionally followed by a time: `(A, B, YYYY)`.
pub fn slash_parts(cell: &str) -> Option<(u32, u32, i32)> {
    let date = cell.trim().split([' ', 'T']).next()?;
    let parts: Vec<&str> = date.split('/').collect();
    let [a, b, y] = parts.as_slice() else { return None };
    let small = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    if !small(a) || !small(b) || y.len() != 4 || !y.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
}

/// Decide the order of a file's `A/B/YYYY` dates: a first part above 12 means day first, a second part
/// above 12 month first. `Ok(None)` when the file has no such dates; `Err` when it has both kinds of
/// evidence. With no evidence either way, month first (the form of US-locale exports).
pub fn slash_order<'a>(cells: impl Iterator<Item = &'a str>) -> Result<Option<(SlashOrder, bool)>, String> {
    let (mut any, mut day_first, mut month_first) = (false, false, false);
    for (a, b, _) in cells.filter_map(slash_parts) {
        any = true;
        day_first |= a > 12;
        month_first |= b > 12;
    }
    match (any, day_first, month_first) {
        (false, _, _) => Ok(None),
        (true, true, true) => Err("the file's d/m/yyyy dates mix day-first and month-first orders".into()),
        (true, true, false) => Ok(Some((SlashOrder::DayFirst, true))),
        (true, false, evidence) => Ok(Some((SlashOrder::MonthFirst, evidence))),
    }
}

/// A publication date: the ISO forms of `PubDate::parse`, or `A/B/YYYY` in the file's order.
pub fn parse_date(cell: &str, order: Option<SlashOrder>) -> Option<cd_domain::PubDate> {
    if let Some(d) = cd_domain::PubDate::parse(cell) {
        return Some(d);
    }
    let (a, b, y) = slash_parts(cell)?;
    let (m, d) = match order? {
        SlashOrder::MonthFirst => (a, b),
        SlashOrder::DayFirst => (b, a),
    };
    cd_domain::PubDate::ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1.2e+24"), Ok(Some(1.2e24)));
        assert_eq!(parse_number(" 175000000000 "), Ok(Some(1.75e11)));
        assert_eq!(parse_number("1,000,000"), Ok(Some(1e6)));
        assert_eq!(parse_number("1E23"), Ok(Some(1e23)));
        assert_eq!(parse_number(""), Ok(None));
        assert!(parse_number("about 1e24").unwrap_err().contains("not a number: \"about 1e24\""));
        assert!(parse_number("1,00").is_err());
        assert!(parse_number("NaN").is_err());
        assert!(parse_number("inf").is_err());
        assert!(parse_number("-5").unwrap_err().contains("negative"));
        assert!(parse_number("e").is_err());
    }

    #[test]
    fn flags() {
        assert_eq!(parse_flag("True"), Ok(true));
        assert_eq!(parse_flag("checked"), Ok(true));
        assert_eq!(parse_flag(""), Ok(false));
        assert!(parse_flag("maybe").is_err());
    }

    #[test]
    fn slash_dates() {
        use cd_domain::PubDate;
        let us = ["5/13/2024", "1/2/2023 0:00", "2024-01-01"];
        assert_eq!(slash_order(us.iter().copied()), Ok(Some((SlashOrder::MonthFirst, true))));
        let eu = ["13/5/2024", "1/2/2023"];
        assert_eq!(slash_order(eu.iter().copied()), Ok(Some((SlashOrder::DayFirst, true))));
        assert_eq!(slash_order(["1/2/2023"].iter().copied()), Ok(Some((SlashOrder::MonthFirst, false))));
        assert!(slash_order(["13/5/2024", "5/13/2024"].iter().copied()).is_err());
        assert_eq!(slash_order(["2024-05-13"].iter().copied()), Ok(None));
        assert_eq!(parse_date("5/13/2024", Some(SlashOrder::MonthFirst)), PubDate::ymd(2024, 5, 13));
        assert_eq!(parse_date("1/2/2023 0:00", Some(SlashOrder::DayFirst)), PubDate::ymd(2023, 2, 1));
        assert_eq!(parse_date("2/30/2023", Some(SlashOrder::MonthFirst)), None);
        assert_eq!(parse_date("5/13/2024", None), None);
        assert_eq!(parse_date("2023/12/01", None), PubDate::ymd(2023, 12, 1));
    }
}
