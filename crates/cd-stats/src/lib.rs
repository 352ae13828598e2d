//! Statistics for compute-divide: least squares, Epoch-style bootstrap, percentile intervals, growth
//! conversions, the Chow test and a two-segment (kinked) trend fit.
//!
//! Everything here is a pure function of slices of numbers. The crate must not do I/O, must not know
//! about models, teams or definitions (callers pass plain numbers and a [`BootstrapConfig`]), and must be
//! deterministic: the same inputs and seed give the same output bit for bit at any rayon thread count.
//! Distributions and sampling come from `statrs` and `rand`; only what no maintained crate does (OLS with
//! standard errors on two vectors, the break search) is written here.

pub mod binomial;
pub mod bootstrap;
pub mod chow;
pub mod growth;
pub mod kinked;
pub mod multinomial;
pub mod ols;
pub mod quantile;
pub mod rank;
pub mod wls;

pub use binomial::{median, wilson, wilson90, wilson95};
pub use bootstrap::{
    bootstrap_map, bootstrap_map_init, bootstrap_slopes, derive_seed, draw_indices, resample_rng,
    BootstrapConfig, IndexSampler, JITTER_HALF_WIDTH,
};
pub use chow::{chow_test, ChowTest};
pub use growth::{doubling_months, growth_per_year, slope_from_doubling_months};
pub use kinked::{default_break_grid, kinked_fit, KinkedFit};
pub use multinomial::Multinomial;
pub use ols::{ols, ols_slope, OlsFit};
pub use quantile::{quantile, quantile_sorted, Summary};
pub use rank::{mann_whitney_u, MannWhitney, MwuMethod};
pub use wls::{wls, wls_line, WlsFit};
