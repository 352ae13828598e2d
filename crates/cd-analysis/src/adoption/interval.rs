//! A proportion with its 95% Wilson score interval (Wilson 1927), the interval for every share in the
//! adoption and scrutiny results. Wilson rather than the normal approximation because many counts here are
//! small or zero.

use serde::Serialize;

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// `count` of `total`, the share and its 95% Wilson interval (`None` when `total` is 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ShareEstimate {
    pub count: usize,
    pub total: usize,
    pub share: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl ShareEstimate {
    pub fn wilson(count: usize, total: usize) -> ShareEstimate {
        if total == 0 {
            return ShareEstimate { count, total, share: None, low: None, high: None };
        }
        let n = total as f64;
        let p = count as f64 / n;
        let z2 = Z95 * Z95;
        let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
        let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        ShareEstimate {
            count,
            total,
            share: Some(p),
            // Exact bounds at the edges (the formula leaves rounding noise of order 1e-17 there).
            low: Some(if count == 0 { 0.0 } else { (centre - half).max(0.0) }),
            high: Some(if count == total { 1.0 } else { (centre + half).min(1.0) }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_statsmodels() {
        // statsmodels.stats.proportion.proportion_confint(7, 120, method='wilson')
        let s = ShareEstimate::wilson(7, 120);
        assert!((s.low.unwrap() - 0.028541010000220288).abs() < 1e-9, "{s:?}");
        assert!((s.high.unwrap() - 0.11552592033630114).abs() < 1e-9, "{s:?}");
        let z = ShareEstimate::wilson(0, 25);
        assert_eq!(z.low, Some(0.0));
        assert!((z.high.unwrap() - 0.13319).abs() < 1e-5);
        assert_eq!(ShareEstimate::wilson(0, 0).share, None);
    }
}
