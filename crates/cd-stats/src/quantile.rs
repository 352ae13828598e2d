//! Sample quantiles and the percentile summary of a bootstrap distribution.
//!
//! The quantile definition is numpy's default (`method="linear"`, Hyndman & Fan type 7): for sorted values
//! x₀ ≤ … ≤ xₙ₋₁ and probability q, h = (n − 1)·q and Q(q) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋+1 − x⌊h⌋). Using the same
//! definition as numpy lets the Python peer agree on intervals up to Monte-Carlo error only.

use serde::Serialize;

/// Quantile `q` ∈ [0, 1] of already sorted, finite values (numpy's linear method). NaN when empty.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Quantile of unsorted values; non-finite values are left out.
pub fn quantile(values: &[f64], q: f64) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_unstable_by(f64::total_cmp);
    quantile_sorted(&v, q)
}

/// Median and percentile intervals of a bootstrap distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// 50% quantile.
    pub median: f64,
    /// [2.5%, 97.5%] quantiles.
    pub ci95: [f64; 2],
    /// [5%, 95%] quantiles.
    pub ci90: [f64; 2],
    /// Resamples that gave a finite value (degenerate resamples, e.g. all points on one date, give none).
    pub n_valid: usize,
}

impl Summary {
    /// Summarise the finite values of a sample; `None` when there are none.
    pub fn of(values: &[f64]) -> Option<Summary> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_unstable_by(f64::total_cmp);
        let q = |p| quantile_sorted(&v, p);
        Some(Summary {
            median: q(0.5),
            ci95: [q(0.025), q(0.975)],
            ci90: [q(0.05), q(0.95)],
            n_valid: v.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy_linear() {
        // np.quantile([3,1,10,2,4], [0.025,0.5,0.975,0.05,0.95,0,1])
        // = [1.1, 3.0, 9.399999999999999, 1.2, 8.799999999999999, 1.0, 10.0]
        let v = [3.0, 1.0, 10.0, 2.0, 4.0];
        let want = [1.1, 3.0, 9.399999999999999, 1.2, 8.799999999999999, 1.0, 10.0];
        for (q, w) in [0.025, 0.5, 0.975, 0.05, 0.95, 0.0, 1.0].into_iter().zip(want) {
            assert!((quantile(&v, q) - w).abs() < 1e-12, "q={q}: {} vs {w}", quantile(&v, q));
        }
        let s = Summary::of(&[f64::NAN, 3.0, 1.0, 10.0, 2.0, 4.0]).unwrap();
        assert_eq!(s.n_valid, 5);
        assert!((s.ci95[1] - 9.4).abs() < 1e-12 && s.median == 3.0);
        assert!(Summary::of(&[f64::NAN]).is_none());
        assert!(quantile(&[], 0.5).is_nan());
    }
}
