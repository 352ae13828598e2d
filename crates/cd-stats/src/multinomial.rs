//! Exact multinomial resampling of a population grouped into types.
//!
//! A bootstrap resample of N items drawn with replacement from N items that fall into K types (items of a
//! type are interchangeable for the statistic) is a draw of the types' counts from the multinomial
//! (N; c_1/N, …, c_K/N). [`Multinomial::draw`] makes that draw exactly, in two parts:
//! - the *large* types (at least [`LARGE_TYPE`] items), largest first, as a chain of conditional binomials
//!   (k_i ~ Binomial(N − drawn so far, c_i / items left); rand_distr's exact BTPE / inversion sampler);
//! - the draws left after them fall on the *small* types: each is one uniform pick among the small types'
//!   items (an index into a table of their items' types), which is the multinomial of the remaining
//!   draws over the small types with probabilities c_i / (their total).
//!
//! Conditioning a multinomial on the counts of some of its cells leaves a multinomial over the others, so
//! the draw is exact. The cost is a binomial per large type plus a uniform index per draw that falls on a
//! small type: a per-type binomial (with its `powi`) for each of thousands of types of a few items was the
//! report's largest cost. The result depends only on the counts and the random stream.

use crate::bootstrap::IndexSampler;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Types with at least this many items get their own binomial draw; smaller ones are drawn by index.
/// (A binomial draw costs about as much as a few dozen index draws.)
pub const LARGE_TYPE: u64 = 32;

/// A multinomial resampler for fixed type counts (see the module docs).
#[derive(Debug, Clone)]
pub struct Multinomial {
    n_types: usize,
    total: u64,
    /// (type, count) of the large types, largest first (ties by type).
    large: Vec<(usize, u64)>,
    /// The type of each item of the small types, in type order.
    small_items: Vec<u32>,
    small_index: Option<IndexSampler>,
}

impl Multinomial {
    /// A resampler of `counts.len()` types with `counts[i]` items of type `i`. Panics when there are more
    /// than u32::MAX types or small-type items (no table here is that large).
    pub fn new(counts: &[u64]) -> Multinomial {
        assert!(counts.len() <= u32::MAX as usize, "Multinomial: too many types");
        let mut large: Vec<(usize, u64)> =
            counts.iter().enumerate().filter(|(_, &c)| c >= LARGE_TYPE).map(|(i, &c)| (i, c)).collect();
        large.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut small_items = Vec::new();
        for (i, &c) in counts.iter().enumerate() {
            if c < LARGE_TYPE {
                small_items.extend(std::iter::repeat_n(i as u32, c as usize));
            }
        }
        let small_index = (!small_items.is_empty()).then(|| IndexSampler::new(small_items.len()));
        Multinomial { n_types: counts.len(), total: counts.iter().sum(), large, small_items, small_index }
    }

    /// Items in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// One resample of `total()` items with replacement: `out[i]` = how many drawn items are of type `i`
    /// (`out` is resized to the number of types).
    pub fn draw(&self, rng: &mut ChaCha8Rng, out: &mut Vec<u64>) {
        out.clear();
        out.resize(self.n_types, 0);
        let (mut left_n, mut left_items) = (self.total, self.total);
        for &(i, c) in &self.large {
            if left_n == 0 {
                return;
            }
            let k = if c == left_items {
                left_n
            } else {
                let p = c as f64 / left_items as f64;
                rand_distr::Binomial::new(left_n, p).map_or(0, |b| rng.sample(b))
            };
            out[i] = k;
            left_n -= k;
            left_items -= c;
        }
        // What is left falls on the small types (left_items is their item count: when none are left, the
        // last large type took every remaining draw).
        if let Some(index) = &self.small_index {
            for _ in 0..left_n {
                out[self.small_items[index.draw(rng)] as usize] += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bootstrap::resample_rng;

    #[test]
    fn every_draw_has_the_population_size_and_only_existing_types() {
        let counts = [0, 1, 5, 31, 32, 200, 3, 0, 1000];
        let m = Multinomial::new(&counts);
        assert_eq!(m.total(), 1272);
        let mut out = Vec::new();
        for i in 0..200 {
            m.draw(&mut resample_rng(7, i), &mut out);
            assert_eq!(out.len(), counts.len());
            assert_eq!(out.iter().sum::<u64>(), 1272);
            assert_eq!((out[0], out[7]), (0, 0));
        }
        // One type only: it takes every draw; an empty population draws nothing.
        Multinomial::new(&[40]).draw(&mut resample_rng(1, 0), &mut out);
        assert_eq!(out, [40]);
        Multinomial::new(&[3]).draw(&mut resample_rng(1, 0), &mut out);
        assert_eq!(out, [3]);
        Multinomial::new(&[]).draw(&mut resample_rng(1, 0), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn draws_are_reproducible_from_the_stream() {
        let m = Multinomial::new(&[3, 50, 7, 700, 2]);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        m.draw(&mut resample_rng(11, 4), &mut a);
        m.draw(&mut resample_rng(11, 4), &mut b);
        assert_eq!(a, b);
    }

    /// The moments of the multinomial (N; p): E k_i = N p_i, Var k_i = N p_i (1 − p_i),
    /// Cov(k_i, k_j) = −N p_i p_j, for large and small types and across the two. With R = 40,000 draws the
    /// standard error of a sample mean is sqrt(Var / R) and of a sample variance about
    /// Var·sqrt(2 / R); the tolerances are five of those.
    #[test]
    fn moments_match_the_multinomial() {
        let counts = [2u64, 5, 9, 31, 32, 60, 150, 1, 1, 400];
        let n: u64 = counts.iter().sum();
        let nf = n as f64;
        let m = Multinomial::new(&counts);
        let r = 40_000usize;
        let mut sums = vec![0.0; counts.len()];
        let mut sq = vec![0.0; counts.len()];
        let (mut cross_small_large, mut cross_large_large) = (0.0, 0.0);
        let mut out = Vec::new();
        for i in 0..r {
            m.draw(&mut resample_rng(2024, i as u64), &mut out);
            for (t, &k) in out.iter().enumerate() {
                sums[t] += k as f64;
                sq[t] += (k as f64) * (k as f64);
            }
            cross_small_large += out[1] as f64 * out[9] as f64;
            cross_large_large += out[5] as f64 * out[6] as f64;
        }
        let rf = r as f64;
        for (t, &c) in counts.iter().enumerate() {
            let p = c as f64 / nf;
            let (mean, var) = (nf * p, nf * p * (1.0 - p));
            let got_mean = sums[t] / rf;
            let got_var = sq[t] / rf - got_mean * got_mean;
            assert!(
                (got_mean - mean).abs() < 5.0 * (var / rf).sqrt() + 1e-12,
                "type {t}: mean {got_mean} vs {mean}"
            );
            assert!(
                (got_var - var).abs() < 5.0 * var * (2.0 / rf).sqrt() + 1e-12,
                "type {t}: var {got_var} vs {var}"
            );
        }
        let cov = |s: f64, a: usize, b: usize| s / rf - (sums[a] / rf) * (sums[b] / rf);
        for (s, a, b) in [(cross_small_large, 1, 9), (cross_large_large, 5, 6)] {
            let (pa, pb) = (counts[a] as f64 / nf, counts[b] as f64 / nf);
            let want = -nf * pa * pb;
            // sd of a product moment: about sqrt(Var_a Var_b / R).
            let tol = 5.0 * (nf * pa * (1.0 - pa) * nf * pb * (1.0 - pb) / rf).sqrt();
            assert!((cov(s, a, b) - want).abs() < tol, "cov({a},{b}) {} vs {want}", cov(s, a, b));
        }
    }
}
