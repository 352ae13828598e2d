//! Conversions between a log10 slope (orders of magnitude per year) and growth rates.

/// Multiplicative growth per year, 10^b, for a slope b in OOM/year.
pub fn growth_per_year(slope_oom_per_year: f64) -> f64 {
    10f64.powf(slope_oom_per_year)
}

/// Doubling time in months, 12·log10(2)/b. `None` when b ≤ 0 (nothing doubles) or b is not finite.
pub fn doubling_months(slope_oom_per_year: f64) -> Option<f64> {
    (slope_oom_per_year.is_finite() && slope_oom_per_year > 0.0)
        .then(|| 12.0 * std::f64::consts::LOG10_2 / slope_oom_per_year)
}

/// The slope (OOM/year) that doubles every `months` months; the inverse of [`doubling_months`].
pub fn slope_from_doubling_months(months: f64) -> f64 {
    12.0 * std::f64::consts::LOG10_2 / months
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        // Sevilla et al.: 5.7-month doubling ⇔ 0.63375 OOM/yr ⇔ ×4.303 per year (Python: 12*log10(2)/5.7).
        let b = slope_from_doubling_months(5.7);
        assert!((b - 0.633747359292592).abs() < 1e-12, "{b}");
        assert!((growth_per_year(b) - 4.30276234488073).abs() < 1e-9, "{}", growth_per_year(b));
        assert!((doubling_months(b).unwrap() - 5.7).abs() < 1e-12);
        assert!((doubling_months(1.0).unwrap() - 3.612359947967774).abs() < 1e-12);
        assert_eq!(doubling_months(0.0), None);
        assert_eq!(doubling_months(-0.1), None);
    }
}
