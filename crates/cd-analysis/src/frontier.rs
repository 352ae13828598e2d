//! Frontier rules: which models were at the compute frontier when they appeared.
//!
//! - `TopN { n }`: fewer than `n` models published on or before the model's date (itself excluded) have
//!   more compute — the model was among the `n` largest at the time of its release.
//! - `Percentile { percentile, window_years }`: log10 compute at or above the `percentile`-th percentile
//!   (numpy's linear quantile) of the models within `window_years` either side, itself included.
//! - `Residual { min_residual_oom }`: log10 compute at least `min_residual_oom` above the era's OLS trend
//!   of log10 compute on date (fitted separately before and from `dl_era_start`, because one line through
//!   seventy years of both eras would misplace both).
//!
//! Pure function of dates and compute; the caller chooses the population.

use cd_domain::definitions::FrontierRule;
use cd_stats::{ols, quantile_sorted};

/// Flags aligned with the inputs; `years` sorted ascending.
pub fn frontier_flags(
    years: &[f64],
    log10_flop: &[f64],
    rule: &FrontierRule,
    dl_era_start: f64,
) -> Vec<bool> {
    assert_eq!(years.len(), log10_flop.len());
    debug_assert!(years.windows(2).all(|w| w[0] <= w[1]), "years must be sorted");
    match *rule {
        FrontierRule::TopN { n } => top_n_at_release(years, log10_flop, n),
        FrontierRule::Percentile { percentile, window_years } => {
            let q = (percentile / 100.0).clamp(0.0, 1.0);
            let (mut lo, mut hi) = (0usize, 0usize);
            let mut window: Vec<f64> = Vec::new();
            (0..years.len())
                .map(|i| {
                    while years[lo] < years[i] - window_years {
                        lo += 1;
                    }
                    while hi < years.len() && years[hi] <= years[i] + window_years {
                        hi += 1;
                    }
                    window.clear();
                    window.extend_from_slice(&log10_flop[lo..hi]);
                    window.sort_by(f64::total_cmp);
                    log10_flop[i] >= quantile_sorted(&window, q)
                })
                .collect()
        }
        FrontierRule::Residual { min_residual_oom } => {
            let mut flags = vec![false; years.len()];
            let split = years.partition_point(|&y| y < dl_era_start);
            for (start, end) in [(0, split), (split, years.len())] {
                if let Some(fit) = ols(&years[start..end], &log10_flop[start..end]) {
                    for i in start..end {
                        flags[i] = log10_flop[i] - fit.predict(years[i]) >= min_residual_oom;
                    }
                }
            }
            flags
        }
    }
}

/// Among the `n` largest at release: fewer than `n` models with a date ≤ its own (itself excluded) have
/// strictly more compute. Models sharing a date see each other.
pub fn top_n_at_release(years: &[f64], log10_flop: &[f64], n: usize) -> Vec<bool> {
    let len = years.len();
    let mut flags = vec![false; len];
    let mut seen: Vec<f64> = Vec::with_capacity(len); // sorted ascending
    let mut i = 0;
    while i < len {
        let mut j = i;
        while j < len && years[j] == years[i] {
            let v = log10_flop[j];
            let at = seen.partition_point(|&s| s < v);
            seen.insert(at, v);
            j += 1;
        }
        for k in i..j {
            let v = log10_flop[k];
            let greater = seen.len() - seen.partition_point(|&s| s <= v);
            flags[k] = greater < n;
        }
        i = j;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_n() {
        let years = [2010.0, 2011.0, 2012.0, 2012.0, 2013.0, 2014.0];
        let v = [20.0, 19.0, 21.0, 20.5, 18.0, 22.0];
        assert_eq!(top_n_at_release(&years, &v, 1), vec![true, false, true, false, false, true]);
        // n = 2: 2011 (19 < 20 only) is 2nd; 2012's 20.5 sees 21 on the same date; 2013's 18 is 5th.
        assert_eq!(top_n_at_release(&years, &v, 2), vec![true, true, true, true, false, true]);
    }

    #[test]
    fn percentile_window() {
        let years = [2010.0, 2010.5, 2011.0, 2013.0];
        let v = [1.0, 2.0, 3.0, 0.0];
        // Windows: {1,2,3} p90 = 2.8; {1,2,3} → 2.8; {1,2,3} → 2.8; {0} → 0.
        let f = frontier_flags(
            &years,
            &v,
            &FrontierRule::Percentile { percentile: 90.0, window_years: 1.0 },
            2010.0,
        );
        assert_eq!(f, vec![false, false, true, true]);
    }

    #[test]
    fn residual_per_era() {
        let years = [2000.0, 2001.0, 2002.0, 2010.0, 2011.0, 2012.0, 2013.0];
        let v = [10.0, 10.0, 10.0, 20.0, 21.0, 23.0, 23.0];
        // DL fit: slope 1.1, intercept at 2010 = 20.1; residuals -0.1, -0.2, 0.7, -0.4.
        let f = frontier_flags(&years, &v, &FrontierRule::Residual { min_residual_oom: 0.5 }, 2010.0);
        assert_eq!(f, vec![false, false, false, false, false, true, false]);
    }
}
