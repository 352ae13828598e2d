//! Publication dates with their precision.
//!
//! Epoch gives most dates to the day, some only to the month or year. A date known to the month is placed
//! at mid-month and a year-only date at mid-year when converted to decimal years, so that imprecision does
//! not bias trend fits towards the start of a period.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

/// A calendar date with the precision it was given to. `month` and `day` are 1-based and meaningful only
/// down to the precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PubDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub precision: DatePrecision,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl PubDate {
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<PubDate> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(PubDate { year, month, day, precision: DatePrecision::Day })
    }

    pub fn ym(year: i32, month: u8) -> Option<PubDate> {
        if !(1..=12).contains(&month) {
            return None;
        }
        Some(PubDate { year, month, day: 1, precision: DatePrecision::Month })
    }

    pub fn y(year: i32) -> PubDate {
        PubDate { year, month: 1, day: 1, precision: DatePrecision::Year }
    }

    /// Parse the forms found in Epoch's tables and paper sources: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY-MM`,
    /// `YYYY`, and a trailing time (`2023-12-12 00:00:00`, `2023-12-12T00:00:00Z`). Returns `None` for
    /// anything else, including impossible dates such as `2021-02-30`.
    pub fn parse(text: &str) -> Option<PubDate> {
        let t = text.trim();
        let t = t.split(['T', ' ']).next().unwrap_or("");
        let parts: Vec<&str> = t.split(['-', '/']).collect();
        let num = |s: &str| -> Option<i64> {
            if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                s.parse().ok()
            }
        };
        match parts.as_slice() {
            [y] if y.len() == 4 => Some(PubDate::y(num(y)? as i32)),
            [y, m] if y.len() == 4 => PubDate::ym(num(y)? as i32, u8::try_from(num(m)?).ok()?),
            [y, m, d] if y.len() == 4 => {
                PubDate::ymd(num(y)? as i32, u8::try_from(num(m)?).ok()?, u8::try_from(num(d)?).ok()?)
            }
            _ => None,
        }
    }

    /// Day of year, 0-based.
    fn ordinal0(&self) -> u32 {
        (1..self.month).map(|m| days_in_month(self.year, m) as u32).sum::<u32>() + self.day as u32 - 1
    }

    /// Decimal year: the year plus the fraction of the year elapsed at the date (at noon for day precision,
    /// mid-month for month precision, mid-year for year precision).
    pub fn decimal_year(&self) -> f64 {
        let len = if is_leap(self.year) { 366.0 } else { 365.0 };
        match self.precision {
            DatePrecision::Day => self.year as f64 + (self.ordinal0() as f64 + 0.5) / len,
            DatePrecision::Month => {
                let start = PubDate { day: 1, ..*self }.ordinal0() as f64;
                let half = days_in_month(self.year, self.month) as f64 / 2.0;
                self.year as f64 + (start + half) / len
            }
            DatePrecision::Year => self.year as f64 + 0.5,
        }
    }
}

impl fmt::Display for PubDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            DatePrecision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
            DatePrecision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            DatePrecision::Year => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PubDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PubDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PubDate::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_epoch_forms() {
        assert_eq!(PubDate::parse("2023-12-12"), PubDate::ymd(2023, 12, 12));
        assert_eq!(PubDate::parse("2023-12-12 00:00:00"), PubDate::ymd(2023, 12, 12));
        assert_eq!(PubDate::parse("2017/06/12"), PubDate::ymd(2017, 6, 12));
        assert_eq!(PubDate::parse("2019-07").unwrap().precision, DatePrecision::Month);
        assert_eq!(PubDate::parse("1950").unwrap().precision, DatePrecision::Year);
        assert_eq!(PubDate::parse("2021-02-30"), None);
        assert_eq!(PubDate::parse("2021-13-01"), None);
        assert_eq!(PubDate::parse("June 2021"), None);
        assert_eq!(PubDate::parse(""), None);
    }

    #[test]
    fn decimal_years() {
        assert!((PubDate::y(2020).decimal_year() - 2020.5).abs() < 1e-12);
        // 2021-01-01 at noon: 0.5/365 into the year.
        assert!((PubDate::ymd(2021, 1, 1).unwrap().decimal_year() - (2021.0 + 0.5 / 365.0)).abs() < 1e-12);
        // July 2021 at mid-month: (181 + 15.5)/365.
        let d = PubDate::ym(2021, 7).unwrap().decimal_year();
        assert!((d - (2021.0 + 196.5 / 365.0)).abs() < 1e-12);
        assert_eq!(PubDate::ymd(2024, 3, 9).unwrap().to_string(), "2024-03-09");
    }
}
