//! Weighted least squares of y on x (one regressor and an intercept), with classical standard errors.
//!
//! Used where points stand for groups of unequal size (topics with many or few papers). Pure function of
//! three slices; no I/O.

use serde::Serialize;

/// A weighted least-squares line `y = intercept + slope · x`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WlsFit {
    pub slope: f64,
    pub intercept: f64,
    /// Standard error of the slope: `sqrt(s² / Σ wᵢ (xᵢ − x̄_w)²)` with `s² = Σ wᵢ eᵢ² / (n − 2)`, as
    /// statsmodels' `WLS` reports it (weights taken as inverse variances up to a common factor).
    pub slope_se: f64,
    pub intercept_se: f64,
    pub n: usize,
    /// Weighted R².
    pub r_squared: f64,
}

/// Is a point usable: finite x, y and weight, and a positive weight.
fn usable(p: &(f64, f64, f64)) -> bool {
    p.0.is_finite() && p.1.is_finite() && p.2.is_finite() && p.2 > 0.0
}

/// The sums of a line through usable points (`pts` all usable, at least two): total weight, weighted
/// means of x and y, Σ w (x − x̄)², slope, intercept. `None` when x has no spread. The one arithmetic
/// behind [`wls`] and [`wls_line`].
fn line(pts: &[(f64, f64, f64)]) -> Option<(f64, f64, f64, f64, f64, f64)> {
    let sw: f64 = pts.iter().map(|p| p.2).sum();
    let xm = pts.iter().map(|p| p.2 * p.0).sum::<f64>() / sw;
    let ym = pts.iter().map(|p| p.2 * p.1).sum::<f64>() / sw;
    let sxx: f64 = pts.iter().map(|p| p.2 * (p.0 - xm).powi(2)).sum();
    if sxx <= 0.0 || !sxx.is_finite() {
        return None;
    }
    let sxy: f64 = pts.iter().map(|p| p.2 * (p.0 - xm) * (p.1 - ym)).sum();
    let slope = sxy / sxx;
    let intercept = ym - slope * xm;
    Some((sw, xm, ym, sxx, slope, intercept))
}

/// Weighted least squares. Points with a non-finite value or a weight ≤ 0 are left out. `None` when
/// fewer than two points remain or x has no spread; the standard errors are NaN with exactly two points.
pub fn wls(x: &[f64], y: &[f64], w: &[f64]) -> Option<WlsFit> {
    assert!(x.len() == y.len() && y.len() == w.len(), "wls: x, y and w must have the same length");
    let pts: Vec<(f64, f64, f64)> = (0..x.len()).map(|i| (x[i], y[i], w[i])).filter(usable).collect();
    let n = pts.len();
    if n < 2 {
        return None;
    }
    let (sw, xm, ym, sxx, slope, intercept) = line(&pts)?;
    let sse: f64 = pts.iter().map(|p| p.2 * (p.1 - intercept - slope * p.0).powi(2)).sum();
    let syy: f64 = pts.iter().map(|p| p.2 * (p.1 - ym).powi(2)).sum();
    let s2 = if n > 2 { sse / (n - 2) as f64 } else { f64::NAN };
    let slope_se = (s2 / sxx).sqrt();
    let intercept_se = (s2 * (1.0 / sw + xm * xm / sxx)).sqrt();
    let r_squared = if syy > 0.0 { 1.0 - sse / syy } else { f64::NAN };
    Some(WlsFit { slope, intercept, slope_se, intercept_se, n, r_squared })
}

/// The (slope, intercept) of [`wls`] on points (x, y, w), bit for bit the same, without the standard
/// errors and without allocating when every point is usable (a bootstrap fits a line per resample).
pub fn wls_line(pts: &[(f64, f64, f64)]) -> Option<(f64, f64)> {
    let line = if pts.iter().all(usable) {
        (pts.len() >= 2).then(|| line(pts))?
    } else {
        let kept: Vec<(f64, f64, f64)> = pts.iter().copied().filter(usable).collect();
        (kept.len() >= 2).then(|| line(&kept))?
    };
    line.map(|l| (l.4, l.5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_statsmodels_wls() {
        // statsmodels 0.14: sm.WLS(y, sm.add_constant(x), weights=w).fit()
        //   params [-0.02912621, 0.68932039], bse [0.47224802, 0.14002141], rsquared 0.88984996
        // (values from tools/topics/wls_reference.py).
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [1.0, 1.0, 2.0, 3.0, 3.0];
        let w = [1.0, 2.0, 1.0, 3.0, 1.0];
        let f = wls(&x, &y, &w).unwrap();
        assert!((f.intercept - -0.02912621).abs() < 1e-7, "{f:?}");
        assert!((f.slope - 0.68932039).abs() < 1e-7, "{f:?}");
        assert!((f.intercept_se - 0.47224802).abs() < 1e-7, "{f:?}");
        assert!((f.slope_se - 0.14002141).abs() < 1e-7, "{f:?}");
        assert!((f.r_squared - 0.88984996).abs() < 1e-7, "{f:?}");
        assert_eq!(f.n, 5);
    }

    #[test]
    fn equal_weights_are_ols_and_degenerate_inputs_are_none() {
        let f = wls(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0], &[2.0, 2.0, 2.0]).unwrap();
        assert!((f.slope - 2.0).abs() < 1e-12 && (f.intercept - 1.0).abs() < 1e-12);
        assert!(wls(&[1.0, 1.0], &[1.0, 2.0], &[1.0, 1.0]).is_none());
        assert!(wls(&[1.0, 2.0], &[1.0, 2.0], &[1.0, 0.0]).is_none());
    }

    #[test]
    fn the_line_alone_is_the_fits_line_bit_for_bit() {
        let bits = |f: Option<(f64, f64)>| f.map(|(a, b)| (a.to_bits(), b.to_bits()));
        let cases: [&[(f64, f64, f64)]; 6] = [
            &[(1.0, 1.0, 1.0), (2.0, 1.0, 2.0), (3.0, 2.0, 1.0), (4.0, 3.0, 3.0), (5.0, 3.0, 1.0)],
            // Irregular values, where a different order of the sums would show in the last bits.
            &[(22.7, -0.031, 13.3), (19.1, 0.017, 41.9), (24.3, -0.22, 7.1), (20.9, 0.003, 88.6)],
            // Unusable points left out: NaN, infinite, zero and negative weights.
            &[
                (1.0, 2.0, 1.0),
                (f64::NAN, 1.0, 1.0),
                (2.0, 5.0, 0.5),
                (3.0, f64::INFINITY, 1.0),
                (4.0, 1.0, 0.0),
            ],
            &[(1.0, 2.0, 1.0), (2.0, 3.0, -1.0)],
            &[(1.0, 2.0, 1.0), (1.0, 3.0, 1.0)],
            &[],
        ];
        for pts in cases {
            let (x, y, w): (Vec<f64>, Vec<f64>, Vec<f64>) = (
                pts.iter().map(|p| p.0).collect(),
                pts.iter().map(|p| p.1).collect(),
                pts.iter().map(|p| p.2).collect(),
            );
            let full = wls(&x, &y, &w).map(|f| (f.slope, f.intercept));
            assert_eq!(bits(wls_line(pts)), bits(full), "{pts:?}");
        }
        assert!(wls_line(&[(1.0, 2.0, 1.0), (2.0, 3.0, -1.0)]).is_none());
        assert_eq!(wls_line(&[(0.0, 1.0, 2.0), (1.0, 3.0, 2.0), (2.0, 5.0, 2.0)]), Some((2.0, 1.0)));
    }
}
