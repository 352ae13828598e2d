//! The Wilson score interval of a proportion (Wilson 1927): the interval for every full-counting share in
//! compute-divide (model shares, paper shares, acceptance rates, adoption). Wilson rather than the normal
//! approximation or a percentile bootstrap because many counts are small or at 0% or 100%, where the
//! bootstrap gives a zero-width interval and the normal approximation one of width zero or below 0.

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;
/// z for a two-sided 90% interval.
pub const Z90: f64 = 1.644_853_626_951_472_2;

/// Wilson score interval of `k` successes in `n` trials with normal quantile `z`; `None` when n ≤ 0 or
/// the inputs are not finite. `k` may be fractional (CWTS fractional counts). The bounds are exactly 0 at
/// k = 0 and exactly 1 at k = n (the formula leaves rounding noise of order 1e-17 there); the interval
/// has positive width whenever n > 0.
pub fn wilson(k: f64, n: f64, z: f64) -> Option<[f64; 2]> {
    if !(n > 0.0 && n.is_finite() && k.is_finite() && z.is_finite()) {
        return None;
    }
    let k = k.clamp(0.0, n);
    let p = k / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    let lower = if k == 0.0 { 0.0 } else { (centre - half).max(0.0) };
    let upper = if k == n { 1.0 } else { (centre + half).min(1.0) };
    Some([lower, upper])
}

/// The 95% Wilson interval of `k` of `n`.
pub fn wilson95(k: f64, n: f64) -> Option<[f64; 2]> {
    wilson(k, n, Z95)
}

/// The 90% Wilson interval of `k` of `n`.
pub fn wilson90(k: f64, n: f64) -> Option<[f64; 2]> {
    wilson(k, n, Z90)
}

/// The median of finite values (the mean of the two middle ones for an even count); `None` when there is
/// none. Sorts `values` in place.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.iter().any(|v| !v.is_finite()) || values.is_empty() {
        let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if finite.is_empty() {
            return None;
        }
        return median(&mut finite);
    }
    values.sort_unstable_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_statsmodels() {
        // statsmodels.stats.proportion.proportion_confint(k, n, alpha, method='wilson')
        let [lo, hi] = wilson95(7.0, 120.0).unwrap();
        assert!((lo - 0.028541010000220288).abs() < 1e-12 && (hi - 0.11552592033630114).abs() < 1e-12);
        // proportion_confint(0, 37, 0.05, 'wilson') = (6.9e-18, 0.09405782583720251); (7, 7) =
        // (0.6456695649333125, 0.9999999999999999): the edges here are exact.
        let [lo, hi] = wilson95(0.0, 37.0).unwrap();
        assert_eq!(lo, 0.0);
        assert!((hi - 0.09405782583720251).abs() < 1e-12, "{hi}");
        let [lo, hi] = wilson95(7.0, 7.0).unwrap();
        assert_eq!(hi, 1.0);
        assert!((lo - 0.6456695649333125).abs() < 1e-12, "{lo}");
        // proportion_confint(3, 10, 0.10, 'wilson') = (0.12687658390319784, 0.558300204130165)
        let [lo, hi] = wilson90(3.0, 10.0).unwrap();
        assert!((lo - 0.12687658390319784).abs() < 1e-12 && (hi - 0.558300204130165).abs() < 1e-12);
        assert!(wilson95(0.0, 0.0).is_none() && wilson95(1.0, f64::NAN).is_none());
        // Positive width whenever n > 0, also at the edges.
        for n in 1..60 {
            for k in [0, n / 2, n] {
                let [lo, hi] = wilson95(k as f64, n as f64).unwrap();
                assert!(hi - lo > 0.0 && (0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi));
            }
        }
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut [f64::NAN, 5.0]), Some(5.0));
        assert_eq!(median(&mut []), None);
    }
}
