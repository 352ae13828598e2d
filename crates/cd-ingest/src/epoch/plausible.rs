//! Plausibility of a model table's values (`Definitions::plausibility`): a publication date or a
//! training compute outside the bounds is taken for an error of the table, dropped (the row stays, as
//! any row with an empty cell does) and named in a note of the read, which every listing and the report
//! show. Without it one row dated 9999-12-31 with 1e30 FLOP moved the report's headline doubling time to
//! 2,983.6 months.

use cd_domain::definitions::Plausibility;
use cd_domain::{Model, PubDate, ReadReport};

/// The start of every note this check writes (the report picks its notes by it).
pub use cd_domain::accounting::IMPLAUSIBLE_NOTE as NOTE_PREFIX;

/// Latest plausible publication date as a decimal year: the snapshot date plus the margin, else the
/// year bound for tables without a date.
fn last_decimal_year(p: &Plausibility, snapshot: Option<PubDate>) -> f64 {
    match snapshot {
        Some(d) => d.decimal_year() + f64::from(p.days_after_snapshot) / 365.25,
        None => f64::from(p.last_year_without_snapshot) + 1.0,
    }
}

/// Drop implausible publication dates and training compute of `models` (with their bounds), one note in
/// `report` per dropped value. `snapshot`: the table's date (the `YYYY-MM-DD` in its file name).
/// Returns the number of values dropped.
pub fn drop_implausible(
    models: &mut [Model],
    report: &mut ReadReport,
    snapshot: Option<PubDate>,
    p: &Plausibility,
) -> usize {
    let first = f64::from(p.first_year);
    // A name's date that a tenth or more of the dated models lie beyond is not the table's snapshot date
    // (a user's own naming, a fixture): then the year bound for undated names applies, with a note.
    let beyond = |d: PubDate| {
        let last = last_decimal_year(p, Some(d));
        models.iter().filter(|m| m.publication_date.is_some_and(|x| x.decimal_year() >= last)).count()
    };
    let dated = models.iter().filter(|m| m.publication_date.is_some()).count();
    let snapshot = match snapshot {
        Some(d) if beyond(d) * 10 >= dated.max(1) => {
            report.note(format!(
                "the date in the file name ({:04}-{:02}-{:02}) comes before {} of the {dated} publication dates, \
                 so it is not taken as the snapshot date: dates are checked against the end of {} \
                 (plausibility.last_year_without_snapshot)",
                d.year,
                d.month,
                d.day,
                beyond(d),
                p.last_year_without_snapshot
            ));
            None
        }
        other => other,
    };
    let last = last_decimal_year(p, snapshot);
    let last_text = match snapshot {
        Some(d) => format!(
            "{} days after the snapshot {:04}-{:02}-{:02}",
            p.days_after_snapshot, d.year, d.month, d.day
        ),
        None => format!("the end of {}", p.last_year_without_snapshot),
    };
    let mut dropped = 0;
    for m in models.iter_mut() {
        if let Some(d) = m.publication_date {
            let y = d.decimal_year();
            if !(first..last).contains(&y) {
                report.note(format!(
                    "{NOTE_PREFIX}: row {}, field Publication date: {:04}-{:02}-{:02} ({}) lies outside \
                     {} to {last_text} (plausibility.first_year, days_after_snapshot)",
                    m.source_row, d.year, d.month, d.day, m.name, p.first_year
                ));
                m.publication_date = None;
                dropped += 1;
            }
        }
        if let Some(c) = m.training_compute_flop {
            if !(p.min_training_flop..=p.max_training_flop).contains(&c) {
                report.note(format!(
                    "{NOTE_PREFIX}: row {}, field Training compute (FLOP): {c:e} ({}) lies outside {:e} to \
                     {:e} FLOP (plausibility.min_training_flop, max_training_flop)",
                    m.source_row, m.name, p.min_training_flop, p.max_training_flop
                ));
                m.training_compute_flop = None;
                m.training_compute_lower_flop = None;
                m.training_compute_upper_flop = None;
                dropped += 1;
            }
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(row: usize, date: Option<PubDate>, flop: Option<f64>) -> Model {
        let mut m = Model::named(format!("m{row}"));
        m.source_row = row;
        m.publication_date = date;
        m.training_compute_flop = flop;
        m
    }

    #[test]
    fn values_outside_the_bounds_are_dropped_with_a_note_and_the_row_kept() {
        let p = Plausibility::default();
        let snapshot = PubDate::ymd(2025, 8, 7);
        let mut models = vec![
            model(1, PubDate::ymd(1950, 7, 2), Some(40.0)),
            model(2, PubDate::ymd(9999, 12, 31), Some(1e30)),
            model(3, PubDate::ymd(1, 1, 1), Some(f64::MAX)),
            model(4, PubDate::ymd(2100, 1, 1), Some(5e-324)),
            model(5, PubDate::ymd(2026, 8, 1), Some(5e26)),
            model(6, PubDate::ymd(2026, 8, 9), None),
        ];
        // A table of ordinary models around them (a few bad values do not unseat the snapshot date).
        models.extend((10..40).map(|i| model(i, PubDate::ymd(2020, 1, 1), Some(1e20))));
        let mut report = ReadReport::new("t.csv");
        let n = drop_implausible(&mut models, &mut report, snapshot, &p);
        assert_eq!(n, 6, "{:?}", report.notes);
        let dates: Vec<bool> = models[..6].iter().map(|m| m.publication_date.is_some()).collect();
        assert_eq!(dates, [true, false, false, false, true, false]);
        let flops: Vec<Option<f64>> = models[..6].iter().map(|m| m.training_compute_flop).collect();
        assert_eq!(flops, [Some(40.0), Some(1e30), None, None, Some(5e26), None]);
        assert!(report.notes[0].starts_with(
            "implausible value dropped: row 2, field Publication date: 9999-12-31 (m2) lies outside 1940 to 366 \
             days after the snapshot 2025-08-07"
        ));
        assert!(report
            .notes
            .iter()
            .any(|n| n.contains("row 3, field Training compute (FLOP): 1.7976931348623157e308")));
        // A name's date that many models lie beyond is not a snapshot date: the year bound applies.
        let mut models: Vec<Model> =
            (1..=5).map(|i| model(i, PubDate::ymd(2020, 1, i as u8), None)).collect();
        let mut report = ReadReport::new("old_2000-01-01.csv");
        assert_eq!(drop_implausible(&mut models, &mut report, PubDate::ymd(2000, 1, 1), &p), 0);
        assert!(report.notes[0].contains("comes before 5 of the 5 publication dates"), "{:?}", report.notes);
        // Without a snapshot date the year bound applies.
        let mut models =
            vec![model(1, PubDate::ymd(2100, 12, 31), None), model(2, PubDate::ymd(2101, 1, 1), None)];
        let mut report = ReadReport::new("t.csv");
        assert_eq!(drop_implausible(&mut models, &mut report, None, &p), 1);
        assert!(report.notes[0].contains("row 2") && report.notes[0].contains("the end of 2100"));
    }
}
