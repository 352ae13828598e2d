//! The integration tests of cd-analysis, one binary (one module per former test file).

mod adoption_analyses;
mod adoption_catalogue_real;
mod adoption_checkset;
mod shares_properties;
mod support;
mod topics_analyses;
mod topics_check_set;
mod topics_papercopilot;
mod topics_shipped;
