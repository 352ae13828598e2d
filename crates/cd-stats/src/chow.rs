//! Chow test for a structural break in a simple linear trend at a given x.

use crate::ols::ols;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, FisherSnedecor};

/// Result of a Chow test (k = 2 coefficients per segment).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChowTest {
    pub break_x: f64,
    /// Points before the break (x < break_x) and from it on.
    pub n_before: usize,
    pub n_after: usize,
    pub f: f64,
    /// Upper-tail probability of F(2, n − 4).
    pub p_value: f64,
    pub df_num: usize,
    pub df_den: usize,
    pub ssr_pooled: f64,
    pub ssr_before: f64,
    pub ssr_after: f64,
}

/// Chow test of a break at `break_x`: F = ((S − S₁ − S₂)/k) / ((S₁ + S₂)/(n − 2k)), k = 2.
/// `None` when either segment has fewer than 3 points or no spread in x.
pub fn chow_test(x: &[f64], y: &[f64], break_x: f64) -> Option<ChowTest> {
    assert_eq!(x.len(), y.len());
    let (mut x1, mut y1, mut x2, mut y2) = (vec![], vec![], vec![], vec![]);
    for (&xi, &yi) in x.iter().zip(y) {
        if xi < break_x {
            x1.push(xi);
            y1.push(yi);
        } else {
            x2.push(xi);
            y2.push(yi);
        }
    }
    if x1.len() < 3 || x2.len() < 3 {
        return None;
    }
    let pooled = ols(x, y)?;
    let before = ols(&x1, &y1)?;
    let after = ols(&x2, &y2)?;
    let k = 2usize;
    let n = x.len();
    let df_den = n - 2 * k;
    let within = before.ssr + after.ssr;
    let f = ((pooled.ssr - within) / k as f64) / (within / df_den as f64);
    let p_value =
        if f.is_finite() { FisherSnedecor::new(k as f64, df_den as f64).ok()?.sf(f.max(0.0)) } else { 0.0 };
    Some(ChowTest {
        break_x,
        n_before: x1.len(),
        n_after: x2.len(),
        f,
        p_value,
        df_num: k,
        df_den,
        ssr_pooled: pooled.ssr,
        ssr_before: before.ssr,
        ssr_after: after.ssr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_scipy() {
        // Python: x = arange(20); y = where(x<10, 1+0.5x, 6+2(x-10)) + 3 sin x; pooled and split lstsq;
        // F = 10.545854366062134, scipy.stats.f.sf(F, 2, 16) = 0.0011987955858085474.
        let x: Vec<f64> = (0..20).map(|i| i as f64).collect();
        let y: Vec<f64> = x
            .iter()
            .map(|&x| if x < 10.0 { 1.0 + 0.5 * x } else { 6.0 + 2.0 * (x - 10.0) } + 3.0 * x.sin())
            .collect();
        let t = chow_test(&x, &y, 10.0).unwrap();
        assert_eq!((t.n_before, t.n_after, t.df_den), (10, 10, 16));
        assert!((t.f - 10.545854366062134).abs() < 1e-9, "{}", t.f);
        assert!((t.p_value - 0.0011987955858085474).abs() < 1e-9, "{}", t.p_value);
        assert!(chow_test(&x, &y, 1.0).is_none());
    }
}
