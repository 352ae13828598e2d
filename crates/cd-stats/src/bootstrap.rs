//! Bootstrap in Epoch's manner, reproducible at any thread count.
//!
//! Each resample `i` draws from its own random stream: ChaCha8 seeded with the caller's seed and with
//! stream number `i` (`set_stream`). Resamples are computed in parallel with rayon and collected in index
//! order, so the result depends on (seed, B, data) only, never on scheduling or thread count.
//!
//! For trend fits (Sevilla et al. 2022) each resample draws n points with replacement and, if jitter is on,
//! shifts each drawn point's log10 compute by independent uniform noise on [log10 ½, log10 2] — a factor
//! of two either way, Epoch's allowance for the error of compute estimates.

use rand::distributions::{Distribution, Uniform};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// Half-width of the jitter interval in log10 units: log10 2 (the interval is [log10 ½, log10 2]).
pub const JITTER_HALF_WIDTH: f64 = std::f64::consts::LOG10_2;

/// How to bootstrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BootstrapConfig {
    /// Number of resamples B.
    pub resamples: usize,
    pub seed: u64,
    /// Jitter log10 compute by U[log10 ½, log10 2] in each resample.
    pub jitter: bool,
}

impl Default for BootstrapConfig {
    fn default() -> Self {
        BootstrapConfig { resamples: 1000, seed: 0, jitter: true }
    }
}

impl BootstrapConfig {
    /// The same configuration with a seed derived from this one and a label, so that independent
    /// quantities (different teams, eras, cells) use independent streams.
    pub fn derive(&self, label: &str) -> BootstrapConfig {
        BootstrapConfig { seed: derive_seed(self.seed, label), ..*self }
    }
}

/// Mix a label into a seed (FNV-1a over the label, then SplitMix64 finalisation). Stable across
/// platforms and releases, unlike `std::hash`.
pub fn derive_seed(seed: u64, label: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325 ^ seed;
    for b in label.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let mut z = h.wrapping_add(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

/// The random stream of resample `index`.
pub fn resample_rng(seed: u64, index: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(index);
    rng
}

/// Run `statistic` once per resample, each with its own stream; results in resample order.
pub fn bootstrap_map<T, F>(resamples: usize, seed: u64, statistic: F) -> Vec<T>
where
    T: Send,
    F: Fn(&mut ChaCha8Rng) -> T + Sync,
{
    (0..resamples as u64).into_par_iter().map(|i| statistic(&mut resample_rng(seed, i))).collect()
}

/// [`bootstrap_map`] with a scratch value per rayon job (`init`), lent to each resample it runs, so that
/// buffers are reused rather than allocated per resample. The scratch must not carry results from one
/// resample to the next: the result depends on (seed, B, data) only, as with [`bootstrap_map`].
pub fn bootstrap_map_init<S, T, I, F>(resamples: usize, seed: u64, init: I, statistic: F) -> Vec<T>
where
    T: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, &mut ChaCha8Rng) -> T + Sync + Send,
{
    (0..resamples as u64)
        .into_par_iter()
        .map_init(init, |scratch, i| statistic(scratch, &mut resample_rng(seed, i)))
        .collect()
}

/// Uniform indices in 0..n for drawing resamples: rand's `Uniform` over u32, built once so that the
/// rejection zone is computed once rather than per draw (bootstraps spend most of their time here; a
/// per-call `gen_range` costs about four times as much).
#[derive(Debug, Clone, Copy)]
pub struct IndexSampler(Uniform<u32>);

impl IndexSampler {
    /// Panics when n is 0 or above u32::MAX (no sample here is that large).
    pub fn new(n: usize) -> IndexSampler {
        assert!(n > 0 && n <= u32::MAX as usize, "IndexSampler: n = {n} out of 1..=u32::MAX");
        IndexSampler(Uniform::new(0, n as u32))
    }

    #[inline]
    pub fn draw(&self, rng: &mut ChaCha8Rng) -> usize {
        self.0.sample(rng) as usize
    }
}

/// Indices of one resample with replacement of `n` items.
pub fn draw_indices(rng: &mut ChaCha8Rng, n: usize, out: &mut Vec<usize>) {
    out.clear();
    if n > 0 {
        let index = IndexSampler::new(n);
        out.extend((0..n).map(|_| index.draw(rng)));
    }
}

/// Bootstrap distribution of the OLS slope of `y` (log10 compute) on `x` (decimal year): resample points
/// with replacement, jitter `y` if configured, refit. Degenerate resamples (all x equal) give NaN.
///
/// Each resample's slope comes from running sums over the drawn points (no allocation per resample);
/// x and y are centred on their full-sample means first, so the sums do not lose precision to the size
/// of decimal years. The slope is the same as `ols` on the resample up to rounding (~1e-12 relative).
pub fn bootstrap_slopes(x: &[f64], y: &[f64], cfg: &BootstrapConfig) -> Vec<f64> {
    assert_eq!(x.len(), y.len());
    let n = x.len();
    if n < 2 {
        return vec![f64::NAN; cfg.resamples];
    }
    let nf = n as f64;
    let (xm, ym) = (x.iter().sum::<f64>() / nf, y.iter().sum::<f64>() / nf);
    let xy: Vec<(f64, f64)> = x.iter().zip(y).map(|(a, b)| (a - xm, b - ym)).collect();
    let jitter = Uniform::new_inclusive(-JITTER_HALF_WIDTH, JITTER_HALF_WIDTH);
    let index = IndexSampler::new(n);
    bootstrap_map(cfg.resamples, cfg.seed, |rng| {
        let (mut sx, mut sy, mut sxx, mut sxy) = (0.0, 0.0, 0.0, 0.0);
        for _ in 0..n {
            let (xi, mut yi) = xy[index.draw(rng)];
            if cfg.jitter {
                yi += jitter.sample(rng);
            }
            sx += xi;
            sy += yi;
            sxx += xi * xi;
            sxy += xi * yi;
        }
        let den = nf * sxx - sx * sx;
        if den <= 1e-10 * nf * sxx || den <= 0.0 {
            f64::NAN
        } else {
            (nf * sxy - sx * sy) / den
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ols::ols;
    use crate::quantile::Summary;

    fn line(n: usize) -> (Vec<f64>, Vec<f64>) {
        let x: Vec<f64> = (0..n).map(|i| 2010.0 + i as f64 * 0.25).collect();
        let y: Vec<f64> =
            x.iter().enumerate().map(|(i, x)| 0.5 * (x - 2010.0) + ((i * 7) % 5) as f64 * 0.1).collect();
        (x, y)
    }

    #[test]
    fn same_result_at_any_thread_count() {
        let (x, y) = line(40);
        let cfg = BootstrapConfig { resamples: 300, seed: 7, jitter: true };
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let four = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        let a = one.install(|| bootstrap_slopes(&x, &y, &cfg));
        let b = four.install(|| bootstrap_slopes(&x, &y, &cfg));
        assert_eq!(a, b);
        let c = bootstrap_slopes(&x, &y, &BootstrapConfig { seed: 8, ..cfg });
        assert_ne!(a, c);
    }

    #[test]
    fn interval_covers_true_slope_and_jitter_widens_it() {
        let (x, y) = line(60);
        let plain = Summary::of(&bootstrap_slopes(
            &x,
            &y,
            &BootstrapConfig { resamples: 1000, seed: 1, jitter: false },
        ))
        .unwrap();
        let jit = Summary::of(&bootstrap_slopes(
            &x,
            &y,
            &BootstrapConfig { resamples: 1000, seed: 1, jitter: true },
        ))
        .unwrap();
        let fit = ols(&x, &y).unwrap();
        assert!(plain.ci95[0] < fit.slope && fit.slope < plain.ci95[1]);
        // Without jitter the bootstrap SE is close to the classical SE (a few per cent).
        let boot_width = plain.ci95[1] - plain.ci95[0];
        let normal_width = 2.0 * 1.96 * fit.slope_se;
        assert!((boot_width / normal_width - 1.0).abs() < 0.25, "{boot_width} vs {normal_width}");
        assert!(jit.ci95[1] - jit.ci95[0] > boot_width);
    }

    #[test]
    fn jitter_is_uniform_on_log10_half_to_2() {
        let d = bootstrap_map(20000, 3, |rng| {
            Uniform::new_inclusive(-JITTER_HALF_WIDTH, JITTER_HALF_WIDTH).sample(rng)
        });
        let s = Summary::of(&d).unwrap();
        assert!(d.iter().all(|v| v.abs() <= JITTER_HALF_WIDTH));
        // Uniform quantiles: 2.5% at -0.95·log10 2.
        assert!((s.ci95[0] + 0.95 * JITTER_HALF_WIDTH).abs() < 0.01, "{:?}", s.ci95);
        assert!(s.median.abs() < 0.01);
    }

    #[test]
    fn resample_slopes_equal_refits() {
        // Without jitter, every resample slope equals OLS on the drawn points (same stream, same draws).
        let (x, y) = line(25);
        let cfg = BootstrapConfig { resamples: 20, seed: 11, jitter: false };
        let fast = bootstrap_slopes(&x, &y, &cfg);
        for (i, slope) in fast.iter().enumerate() {
            let mut rng = resample_rng(cfg.seed, i as u64);
            let mut idx = vec![];
            draw_indices(&mut rng, x.len(), &mut idx);
            let xs: Vec<f64> = idx.iter().map(|&j| x[j]).collect();
            let ys: Vec<f64> = idx.iter().map(|&j| y[j]).collect();
            let refit = ols(&xs, &ys).unwrap().slope;
            assert!((slope - refit).abs() < 1e-10 * refit.abs(), "{slope} vs {refit}");
        }
        // All points on one date: no slope.
        let flat = bootstrap_slopes(&[2020.0; 5], &[1.0, 2.0, 3.0, 4.0, 5.0], &cfg);
        assert!(flat.iter().all(|s| s.is_nan()));
    }

    #[test]
    fn map_init_equals_map_at_any_thread_count() {
        // A statistic that uses its scratch buffer (cleared per resample) gives what the plain map gives,
        // whichever jobs the scratch is shared between.
        let plain = |rng: &mut ChaCha8Rng| {
            let mut idx = vec![];
            draw_indices(rng, 37, &mut idx);
            idx.iter().map(|&i| i as u64 * i as u64).sum::<u64>()
        };
        let reused = |buf: &mut Vec<usize>, rng: &mut ChaCha8Rng| {
            draw_indices(rng, 37, buf);
            buf.iter().map(|&i| i as u64 * i as u64).sum::<u64>()
        };
        let expected = bootstrap_map(500, 9, plain);
        for threads in [1, 4] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let got = pool.install(|| bootstrap_map_init(500, 9, Vec::new, reused));
            assert_eq!(got, expected, "{threads} threads");
        }
        assert_ne!(bootstrap_map(500, 10, plain), expected);
    }

    #[test]
    fn derived_seeds_differ_and_are_stable() {
        assert_ne!(derive_seed(1, "academic_only/dl"), derive_seed(1, "industry_only/dl"));
        assert_eq!(derive_seed(1, "x"), derive_seed(1, "x"));
    }
}
