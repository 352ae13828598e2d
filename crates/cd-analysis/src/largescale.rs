//! The large-scale rule: which models count as large-scale.
//!
//! `ZScore` (Sevilla et al. 2022, Epoch's code): a model is large-scale when its log10 compute is more than
//! `threshold` standard deviations above the mean log10 compute of the models published within
//! `window_years` either side of it (the window includes the model itself; the standard deviation is the
//! sample one, ddof = 1, as pandas computes it). A window with fewer than 3 models, or no spread, flags
//! nothing. `Threshold`: training compute ≥ `min_flop`.
//!
//! Pure function of dates and compute; the caller chooses the population (normally the notable models
//! with compute, every team together).

use cd_domain::definitions::LargeScaleRule;

/// Flags aligned with the inputs. `years` must be sorted ascending (as `population::compute_points`
/// returns them); `log10_flop` is aligned with it.
pub fn large_scale_flags(years: &[f64], log10_flop: &[f64], rule: &LargeScaleRule) -> Vec<bool> {
    assert_eq!(years.len(), log10_flop.len());
    debug_assert!(years.windows(2).all(|w| w[0] <= w[1]), "years must be sorted");
    match *rule {
        LargeScaleRule::Threshold { min_flop } => {
            let cut = min_flop.log10();
            log10_flop.iter().map(|&v| v >= cut).collect()
        }
        LargeScaleRule::ZScore { threshold, window_years } => {
            let n = years.len();
            // Prefix sums over values centred on the overall mean keep the variance accurate.
            let centre = if n > 0 { log10_flop.iter().sum::<f64>() / n as f64 } else { 0.0 };
            let mut s1 = vec![0.0; n + 1];
            let mut s2 = vec![0.0; n + 1];
            for i in 0..n {
                let v = log10_flop[i] - centre;
                s1[i + 1] = s1[i] + v;
                s2[i + 1] = s2[i] + v * v;
            }
            let (mut lo, mut hi) = (0usize, 0usize);
            (0..n)
                .map(|i| {
                    while years[lo] < years[i] - window_years {
                        lo += 1;
                    }
                    while hi < n && years[hi] <= years[i] + window_years {
                        hi += 1;
                    }
                    let k = (hi - lo) as f64;
                    if k < 3.0 {
                        return false;
                    }
                    let sum = s1[hi] - s1[lo];
                    let mean = sum / k;
                    let var = ((s2[hi] - s2[lo]) - sum * mean) / (k - 1.0);
                    if var <= 1e-12 {
                        return false;
                    }
                    (log10_flop[i] - centre - mean) / var.sqrt() > threshold
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zscore_matches_a_direct_computation() {
        // Python check: for each i, w = v[|y - y_i| <= 1]; z = (v_i - w.mean()) / w.std(ddof=1) > 0.76.
        let years = [2010.0, 2010.3, 2010.5, 2010.9, 2011.2, 2011.4, 2012.0, 2012.8, 2013.5, 2013.6];
        let v = [17.0, 18.5, 17.2, 19.9, 18.0, 20.1, 18.3, 21.0, 19.0, 19.2];
        let flags =
            large_scale_flags(&years, &v, &LargeScaleRule::ZScore { threshold: 0.76, window_years: 1.0 });
        let naive: Vec<bool> = (0..years.len())
            .map(|i| {
                let w: Vec<f64> =
                    (0..years.len()).filter(|&j| (years[j] - years[i]).abs() <= 1.0).map(|j| v[j]).collect();
                let m = w.iter().sum::<f64>() / w.len() as f64;
                let sd = (w.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (w.len() as f64 - 1.0)).sqrt();
                w.len() >= 3 && (v[i] - m) / sd > 0.76
            })
            .collect();
        assert_eq!(flags, naive);
        // Pinned from pandas (tools/peer uses the same rule): models 3, 5 and 7 are large-scale.
        assert_eq!(
            flags.iter().enumerate().filter(|(_, f)| **f).map(|(i, _)| i).collect::<Vec<_>>(),
            vec![3, 5, 7]
        );
    }

    #[test]
    fn threshold() {
        let flags = large_scale_flags(
            &[2020.0, 2021.0],
            &[22.9, 23.0],
            &LargeScaleRule::Threshold { min_flop: 1e23 },
        );
        assert_eq!(flags, vec![false, true]);
    }
}
