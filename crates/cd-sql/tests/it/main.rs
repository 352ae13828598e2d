//! Integration tests of cd-sql: on small warehouses the tests write themselves (`support`), and with
//! `COMPUTE_DIVIDE_HEAVY_TESTS=1` on the warehouse of the shipped data.
#![cfg(feature = "sql")]

#[cfg(feature = "distributed")]
mod cluster;
mod guard;
mod query;
mod support;
