//! A proportion with its 95% Wilson score interval (Wilson 1927), the interval for every share in the
//! adoption and scrutiny results. Wilson rather than the normal approximation because many counts here are
//! small or zero.

use serde::Serialize;

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
        let ci = cd_stats::wilson95(count as f64, total as f64);
        ShareEstimate {
            count,
            total,
            share: (total > 0).then(|| count as f64 / total as f64),
            low: ci.map(|c| c[0]),
            high: ci.map(|c| c[1]),
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
