//! Property tests of the statistics (issue 11): on random inputs, OLS recovers exact lines, Wilson
//! intervals bracket the share and stay in [0, 1], quantiles are ordered, and bootstrap draws do not
//! depend on the number of threads.

use cd_stats::binomial::wilson95;
use cd_stats::bootstrap::{bootstrap_slopes, BootstrapConfig};
use cd_stats::kinked::kinked_fit;
use cd_stats::ols::ols;
use cd_stats::quantile::quantile;
use proptest::prelude::*;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

/// Distinct decimal years (x) of a sample, sorted: 2 to 60 of them in 1950–2030.
fn years() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::btree_set(0u32..80_000, 2..60)
        .prop_map(|s| s.into_iter().map(|v| 1950.0 + f64::from(v) / 1000.0).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Points on a line y = a + b·x: OLS returns b and a (to rounding), zero residuals and R² = 1.
    #[test]
    fn ols_recovers_exact_lines(x in years(), slope in -5.0f64..5.0, level in -30.0f64..30.0) {
        let y: Vec<f64> = x.iter().map(|v| level + slope * (v - 2000.0)).collect();
        let f = ols(&x, &y).expect("two distinct x give a fit");
        prop_assert!(close(f.slope, slope, 1e-9), "slope {} vs {}", f.slope, slope);
        prop_assert!(close(f.predict(2000.0), level, 1e-9), "level {} vs {}", f.predict(2000.0), level);
        prop_assert!(f.ssr <= 1e-12 * (1.0 + y.iter().map(|v| v * v).sum::<f64>()), "ssr {}", f.ssr);
        prop_assert_eq!(f.n, x.len());
    }

    /// A line with a kink at a grid point: the kinked fit finds both slopes.
    #[test]
    fn kinked_fit_recovers_a_kink(before in -1.0f64..1.0, after in -1.0f64..1.0) {
        let x: Vec<f64> = (0..40).map(|i| 2000.0 + f64::from(i) * 0.5).collect();
        let y: Vec<f64> = x.iter().map(|v| if *v < 2010.0 { before * (v - 2010.0) } else { after * (v - 2010.0) }).collect();
        let f = kinked_fit(&x, &y, &[2005.0, 2010.0, 2015.0]).expect("a fit");
        prop_assert!(close(f.break_x, 2010.0, 1e-12) || close(before, after, 1e-6));
        prop_assert!(close(f.slope_before, before, 1e-8) && close(f.slope_after, after, 1e-8));
    }

    /// Wilson intervals hold the observed share and stay within [0, 1].
    #[test]
    fn wilson_brackets_the_share(n in 1u32..100_000, frac in 0.0f64..=1.0) {
        let k = (f64::from(n) * frac).floor();
        let [lo, hi] = wilson95(k, f64::from(n)).expect("n > 0");
        let p = k / f64::from(n);
        prop_assert!((0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi));
        prop_assert!(lo <= p + 1e-12 && p <= hi + 1e-12, "{lo} <= {p} <= {hi}");
    }

    /// Quantiles are ordered and within the data's range.
    #[test]
    fn quantiles_are_ordered(v in prop::collection::vec(-1e6f64..1e6, 1..200)) {
        let (lo, mid, hi) = (quantile(&v, 0.025), quantile(&v, 0.5), quantile(&v, 0.975));
        let (min, max) = v.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(*x), b.max(*x)));
        prop_assert!(min <= lo && lo <= mid && mid <= hi && hi <= max);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The bootstrap draws each resample from its own stream: the same slopes, bit for bit, with one
    /// thread or four; and the 95% interval of a noiseless line is the line's slope.
    #[test]
    fn bootstrap_does_not_depend_on_threads(x in years(), slope in -2.0f64..2.0, seed in any::<u64>(), jitter in any::<bool>()) {
        let y: Vec<f64> = x.iter().map(|v| 20.0 + slope * (v - 2000.0)).collect();
        let cfg = BootstrapConfig { resamples: 200, seed, jitter };
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| bootstrap_slopes(&x, &y, &cfg))
        };
        let one = run(1);
        let four = run(4);
        prop_assert_eq!(one.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), four.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
        if !jitter {
            // Every resample of distinct x on one line has that line's slope (or NaN when all x coincide).
            prop_assert!(one.iter().all(|s| s.is_nan() || close(*s, slope, 1e-6)), "{:?}", &one[..5]);
        }
    }
}
