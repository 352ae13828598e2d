//! Ordinary least squares of one response on one regressor, with classical standard errors.

use serde::Serialize;

/// A fitted line `y = intercept + slope · x`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OlsFit {
    pub n: usize,
    pub slope: f64,
    pub intercept: f64,
    /// Classical (homoskedastic) standard error of the slope; NaN when n < 3.
    pub slope_se: f64,
    /// Classical standard error of the intercept; NaN when n < 3.
    pub intercept_se: f64,
    /// Residual standard deviation √(SSR / (n − 2)); NaN when n < 3.
    pub residual_sd: f64,
    /// Sum of squared residuals.
    pub ssr: f64,
    pub r_squared: f64,
    /// Mean of x (the fit is computed on centred x for accuracy with x ≈ 2000).
    pub x_mean: f64,
}

impl OlsFit {
    pub fn predict(&self, x: f64) -> f64 {
        self.intercept + self.slope * x
    }
}

/// Fit `y` on `x`. `None` when fewer than two points or when `x` has no spread (the slope is undefined).
/// Non-finite inputs are the caller's business: pass only finite values.
pub fn ols(x: &[f64], y: &[f64]) -> Option<OlsFit> {
    assert_eq!(x.len(), y.len(), "ols: x and y differ in length");
    let n = x.len();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let x_mean = x.iter().sum::<f64>() / nf;
    let y_mean = y.iter().sum::<f64>() / nf;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (xi, yi) in x.iter().zip(y) {
        let dx = xi - x_mean;
        let dy = yi - y_mean;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if sxx <= 0.0 || !sxx.is_finite() {
        return None;
    }
    let slope = sxy / sxx;
    let intercept = y_mean - slope * x_mean;
    let ssr = x.iter().zip(y).map(|(xi, yi)| (yi - intercept - slope * xi).powi(2)).sum::<f64>();
    let (slope_se, intercept_se, residual_sd) = if n > 2 {
        let s2 = ssr / (nf - 2.0);
        ((s2 / sxx).sqrt(), (s2 * (1.0 / nf + x_mean * x_mean / sxx)).sqrt(), s2.sqrt())
    } else {
        (f64::NAN, f64::NAN, f64::NAN)
    };
    let r_squared = if syy > 0.0 { 1.0 - ssr / syy } else { f64::NAN };
    Some(OlsFit { n, slope, intercept, slope_se, intercept_se, residual_sd, ssr, r_squared, x_mean })
}

/// [`ols`]`(x, y).map(|f| f.slope)` of the pairs (x, y), bit for bit (the same operations in the same
/// order), without the fit's other fields (for bootstrap statistics that need the slope alone).
pub fn ols_slope(xy: &[(f64, f64)]) -> Option<f64> {
    let n = xy.len();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    // `x.iter().sum()` and `y.iter().sum()` in one pass: each sum in its own order, from the same start
    // (the sum of nothing, whichever zero that is).
    let zero: f64 = std::iter::empty::<f64>().sum();
    let (mut sx, mut sy) = (zero, zero);
    for &(xi, yi) in xy {
        sx += xi;
        sy += yi;
    }
    let (x_mean, y_mean) = (sx / nf, sy / nf);
    let (mut sxx, mut sxy) = (0.0, 0.0);
    for &(xi, yi) in xy {
        let dx = xi - x_mean;
        let dy = yi - y_mean;
        sxx += dx * dx;
        sxy += dx * dy;
    }
    if sxx <= 0.0 || !sxx.is_finite() {
        return None;
    }
    Some(sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ols_slope_is_the_slope_of_ols() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        for n in [0, 1, 2, 3, 10, 200] {
            for _ in 0..50 {
                let xy: Vec<(f64, f64)> = (0..n)
                    .map(|_| (2000.0 + rng.gen_range(0..80) as f64 / 3.0, rng.gen_range(-5.0..30.0)))
                    .collect();
                let (x, y): (Vec<f64>, Vec<f64>) = xy.iter().copied().unzip();
                let old = ols(&x, &y).map(|f| f.slope.to_bits());
                assert_eq!(ols_slope(&xy).map(f64::to_bits), old, "{xy:?}");
            }
        }
        assert_eq!(ols_slope(&[(2020.0, 1.0), (2020.0, 2.0)]), None);
        // Signed zeros: the sums start where `sum` does.
        for ys in [[-0.0, -0.0, -0.0], [0.0, -0.0, -0.0], [-0.0, 0.0, 0.0]] {
            let x = [1.0, 2.0, 4.0];
            let xy: Vec<(f64, f64)> = x.iter().copied().zip(ys).collect();
            let old = ols(&x, &ys).map(|f| f.slope.to_bits());
            assert_eq!(ols_slope(&xy).map(f64::to_bits), old, "{ys:?}");
        }
    }

    #[test]
    fn matches_statsmodels() {
        // Reference (tools/peer is not needed for this): statsmodels.OLS(y, add_constant(x)).fit() gives
        // params [-4183.3047619055, 2.102857142857511], bse [195.64727498382106, 0.09770147507221705],
        // ssr 0.6681904761898668, rsquared 0.991439308897465, sqrt(scale) 0.4087145936316279.
        let x = [2000.0, 2001.0, 2002.0, 2003.0, 2004.0, 2005.0];
        let y = [22.6, 24.4, 26.6, 28.8, 30.2, 33.4];
        let f = ols(&x, &y).unwrap();
        let close = |a: f64, b: f64, tol: f64| assert!((a - b).abs() <= tol * b.abs(), "{a} vs {b}");
        close(f.slope, 2.102857142857511, 1e-9);
        close(f.intercept, -4183.3047619055, 1e-9);
        close(f.slope_se, 0.09770147507221705, 1e-7);
        close(f.intercept_se, 195.64727498382106, 1e-7);
        close(f.ssr, 0.6681904761898668, 1e-7);
        close(f.r_squared, 0.991439308897465, 1e-9);
        close(f.residual_sd, 0.4087145936316279, 1e-7);
    }

    #[test]
    fn degenerate() {
        assert!(ols(&[1.0], &[2.0]).is_none());
        assert!(ols(&[1.0, 1.0, 1.0], &[2.0, 3.0, 4.0]).is_none());
        let f = ols(&[0.0, 1.0], &[1.0, 3.0]).unwrap();
        assert_eq!((f.slope, f.intercept), (2.0, 1.0));
        assert!(f.slope_se.is_nan());
    }
}
