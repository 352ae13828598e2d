//! The integration tests of cd-classify, one binary (one module per former test file).

mod affiliation_gold;
mod author_gold;
mod epoch_agreement;
mod support;
