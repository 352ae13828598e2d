//! Rank tests: the Mann–Whitney U test (two-sided), matching `scipy.stats.mannwhitneyu` with its
//! defaults (`use_continuity=True`, `method='auto'`).
//!
//! `U1` is the statistic of the first sample (sum of its mid-ranks minus n1(n1+1)/2). The p-value uses
//! the exact null distribution when either sample has at most 8 values and there are no ties, otherwise
//! the normal approximation with tie correction and continuity correction, exactly as scipy decides.
//! Pure function of two slices; no I/O.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MwuMethod {
    Exact,
    Asymptotic,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MannWhitney {
    /// U statistic of the first sample (what scipy returns as `statistic`).
    pub u1: f64,
    /// U statistic of the second sample, `n1·n2 − u1`.
    pub u2: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    pub method: MwuMethod,
    pub n1: usize,
    pub n2: usize,
}

/// Mid-ranks (1-based) of `values` and the sizes of the tie groups.
fn midranks(values: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut ties = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = rank;
        }
        ties.push(j - i + 1);
        i = j + 1;
    }
    (ranks, ties)
}

/// P(U ≥ k) under the null for sample sizes n1, n2 (no ties): counts of arrangements by U, built by the
/// recurrence over the largest observation.
fn exact_sf(n1: usize, n2: usize, k: usize) -> f64 {
    let max_u = n1 * n2;
    // counts[a][b][u]: number of arrangements of a x's and b y's with U_x = u. Built bottom-up in b.
    let mut prev: Vec<Vec<f64>> = (0..=n1).map(|_| vec![1.0]).collect(); // b = 0: U = 0, one arrangement
    for b in 1..=n2 {
        let mut cur: Vec<Vec<f64>> = Vec::with_capacity(n1 + 1);
        for a in 0..=n1 {
            let mut v = vec![0.0; a * b + 1];
            // Largest value is a y: contributes nothing to U_x; the rest is (a, b − 1).
            for (u, c) in prev[a].iter().enumerate() {
                v[u] += c;
            }
            // Largest value is an x: it exceeds all b y's; the rest is (a − 1, b).
            if a > 0 {
                for (u, c) in cur[a - 1].iter().enumerate() {
                    v[u + b] += c;
                }
            }
            cur.push(v);
        }
        prev = cur;
    }
    let dist = &prev[n1];
    debug_assert_eq!(dist.len(), max_u + 1);
    let total: f64 = dist.iter().sum();
    dist.iter().skip(k).sum::<f64>() / total
}

/// Two-sided Mann–Whitney U test of `x` against `y`. `None` when either sample is empty or holds a
/// non-finite value.
pub fn mann_whitney_u(x: &[f64], y: &[f64]) -> Option<MannWhitney> {
    let (n1, n2) = (x.len(), y.len());
    if n1 == 0 || n2 == 0 || x.iter().chain(y).any(|v| !v.is_finite()) {
        return None;
    }
    let all: Vec<f64> = x.iter().chain(y).copied().collect();
    let (ranks, ties) = midranks(&all);
    let r1: f64 = ranks[..n1].iter().sum();
    let u1 = r1 - (n1 * (n1 + 1)) as f64 / 2.0;
    let u2 = (n1 * n2) as f64 - u1;
    let u = u1.max(u2);
    let has_ties = ties.iter().any(|&t| t > 1);
    let (p, method) = if (n1 <= 8 || n2 <= 8) && !has_ties {
        (2.0 * exact_sf(n1, n2, u.round() as usize), MwuMethod::Exact)
    } else {
        let n = (n1 + n2) as f64;
        let tie_term: f64 = ties.iter().map(|&t| (t * t * t - t) as f64).sum();
        let s = ((n1 * n2) as f64 / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)))).sqrt();
        let z = (u - (n1 * n2) as f64 / 2.0 - 0.5) / s;
        let normal = Normal::new(0.0, 1.0).expect("standard normal");
        (2.0 * (1.0 - normal.cdf(z)), MwuMethod::Asymptotic)
    };
    Some(MannWhitney { u1, u2, p_value: p.clamp(0.0, 1.0), method, n1, n2 })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference values printed by tools/topics/wls_reference.py (scipy 1.17.1, mannwhitneyu defaults).
    #[test]
    fn matches_scipy() {
        let check = |x: &[f64], y: &[f64], u1: f64, p: f64, method: MwuMethod| {
            let r = mann_whitney_u(x, y).unwrap();
            assert_eq!(r.u1, u1, "{r:?}");
            assert!((r.p_value - p).abs() < 1e-9, "{r:?} vs p = {p}");
            assert_eq!(r.method, method);
        };
        check(&[1.1, 2.3, 0.4, 5.5], &[3.3, 4.4, 6.6, 7.7, 8.8], 2.0, 0.06349206349206349, MwuMethod::Exact);
        check(
            &[0.5, 1.5, 2.5, 3.5, 9.0, 10.0, 11.0, 12.0],
            &[4.0, 5.0, 6.0, 7.0, 8.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.5],
            20.0,
            0.03142017940779551,
            MwuMethod::Exact,
        );
        check(
            &[1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0],
            &[3.0, 4.0, 4.0, 5.0, 6.0, 6.0, 7.0, 8.0, 9.0, 9.0, 10.0],
            18.5,
            0.010669300560314204,
            MwuMethod::Asymptotic,
        );
        let a: Vec<f64> = (0..20).map(|i| i as f64 * 0.7).collect();
        let b: Vec<f64> = (0..15).map(|i| i as f64 * 0.9 + 2.1).collect();
        check(&a, &b, 113.0, 0.22373106645169727, MwuMethod::Asymptotic);
    }

    #[test]
    fn degenerate_inputs() {
        assert!(mann_whitney_u(&[], &[1.0]).is_none());
        assert!(mann_whitney_u(&[f64::NAN], &[1.0]).is_none());
        let r = mann_whitney_u(&[1.0], &[2.0]).unwrap();
        assert_eq!((r.u1, r.u2, r.p_value), (0.0, 1.0, 1.0));
    }
}
