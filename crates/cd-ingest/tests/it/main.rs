//! The integration tests of cd-ingest, one binary (one module per former test file).

mod compute_fixtures;
mod compute_real;
mod datasets_real;
mod epoch_cache;
mod epoch_fixtures;
mod epoch_real;
mod papers_generic;
mod papers_openalex;
mod papers_openalex_api;
mod papers_papercopilot;
mod papers_shipped;
mod pull;
mod support;
