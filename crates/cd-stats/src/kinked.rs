//! Two-segment linear fit, continuous at the break ("kinked"), with the break chosen by BIC.
//!
//! Model: y = a + b₁·x + b₂·max(0, x − c). The slope is b₁ before c and b₁ + b₂ after. For each candidate
//! c of a grid the three coefficients are fitted by least squares; the c with the smallest
//! BIC = n·ln(SSR/n) + k·ln n (k = 4: three coefficients and the break) wins. The single line's BIC
//! (k = 2) is reported beside it so that the caller can tell whether a kink is warranted at all.

use crate::ols::ols;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KinkedFit {
    pub n: usize,
    pub break_x: f64,
    pub intercept: f64,
    pub slope_before: f64,
    pub slope_after: f64,
    pub ssr: f64,
    pub bic: f64,
    /// BIC of the single straight line on the same points.
    pub bic_linear: f64,
}

/// Candidate breaks from the third-smallest to the third-largest x in steps of `step` (e.g. 1/12 year),
/// so that each segment keeps at least three points.
pub fn default_break_grid(x: &[f64], step: f64) -> Vec<f64> {
    let mut v: Vec<f64> = x.to_vec();
    v.sort_by(f64::total_cmp);
    if v.len() < 6 || step <= 0.0 {
        return vec![];
    }
    let (lo, hi) = (v[2], v[v.len() - 3]);
    let steps = ((hi - lo) / step).floor() as usize;
    (0..=steps).map(|i| lo + i as f64 * step).collect()
}

/// Solve a 3×3 system by Gaussian elimination with partial pivoting; `None` if singular.
fn solve3(mut a: [[f64; 3]; 3], mut b: [f64; 3]) -> Option<[f64; 3]> {
    for col in 0..3 {
        let piv = (col..3).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, piv);
        b.swap(col, piv);
        for row in col + 1..3 {
            let f = a[row][col] / a[col][col];
            let pivot = a[col];
            for (k, v) in a[row].iter_mut().enumerate().skip(col) {
                *v -= f * pivot[k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut out = [0.0; 3];
    for row in (0..3).rev() {
        let s: f64 = (row + 1..3).map(|k| a[row][k] * out[k]).sum();
        out[row] = (b[row] - s) / a[row][row];
    }
    Some(out)
}

fn bic(n: usize, ssr: f64, k: usize) -> f64 {
    let nf = n as f64;
    nf * (ssr.max(f64::MIN_POSITIVE) / nf).ln() + k as f64 * nf.ln()
}

/// Fit the kinked model for every break in `grid` and keep the one with the smallest BIC.
/// `None` when fewer than 6 points or no candidate gives a solvable fit.
pub fn kinked_fit(x: &[f64], y: &[f64], grid: &[f64]) -> Option<KinkedFit> {
    assert_eq!(x.len(), y.len());
    let n = x.len();
    if n < 6 {
        return None;
    }
    let linear = ols(x, y)?;
    let xm = linear.x_mean; // centre x for conditioning (decimal years ≈ 2000)
    let mut best: Option<KinkedFit> = None;
    for &c in grid {
        // Normal equations of [1, x − xm, max(0, x − c)].
        let mut ata = [[0.0; 3]; 3];
        let mut aty = [0.0; 3];
        for (&xi, &yi) in x.iter().zip(y) {
            let row = [1.0, xi - xm, (xi - c).max(0.0)];
            for i in 0..3 {
                aty[i] += row[i] * yi;
                for j in 0..3 {
                    ata[i][j] += row[i] * row[j];
                }
            }
        }
        let Some(beta) = solve3(ata, aty) else { continue };
        let ssr: f64 = x
            .iter()
            .zip(y)
            .map(|(&xi, &yi)| (yi - beta[0] - beta[1] * (xi - xm) - beta[2] * (xi - c).max(0.0)).powi(2))
            .sum();
        let b = bic(n, ssr, 4);
        if best.is_none_or(|f| b < f.bic) {
            best = Some(KinkedFit {
                n,
                break_x: c,
                intercept: beta[0] - beta[1] * xm,
                slope_before: beta[1],
                slope_after: beta[1] + beta[2],
                ssr,
                bic: b,
                bic_linear: bic(n, linear.ssr, 2),
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy_grid_search() {
        // Python: same data as the Chow test; grid arange(3, 17, 0.25); lstsq on [1, x, max(0, x-c)];
        // best c = 10.25, beta = [1.75976099, 0.42399809, 1.56727423], SSR = 81.19577983527998,
        // BIC = 40.005549090038045; linear BIC = 50.06782588718151.
        let x: Vec<f64> = (0..20).map(|i| i as f64).collect();
        let y: Vec<f64> = x
            .iter()
            .map(|&x| if x < 10.0 { 1.0 + 0.5 * x } else { 6.0 + 2.0 * (x - 10.0) } + 3.0 * x.sin())
            .collect();
        let grid: Vec<f64> = (0..56).map(|i| 3.0 + 0.25 * i as f64).collect();
        let k = kinked_fit(&x, &y, &grid).unwrap();
        assert_eq!(k.break_x, 10.25);
        assert!((k.intercept - 1.75976099).abs() < 1e-7);
        assert!((k.slope_before - 0.42399809).abs() < 1e-7);
        assert!((k.slope_after - (0.42399809 + 1.56727423)).abs() < 1e-7);
        assert!((k.ssr - 81.19577983527998).abs() < 1e-8);
        assert!((k.bic - 40.005549090038045).abs() < 1e-8);
        assert!((k.bic_linear - 50.06782588718151).abs() < 1e-8);
    }

    #[test]
    fn grid_keeps_three_points_each_side() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        assert_eq!(default_break_grid(&x, 0.5), vec![3.0, 3.5, 4.0, 4.5, 5.0]);
        assert!(default_break_grid(&x[..5], 0.5).is_empty());
    }
}
