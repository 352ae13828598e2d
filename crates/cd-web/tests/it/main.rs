//! The integration tests of cd-web, one binary: the server started in-process on 127.0.0.1:0 over the
//! shipped data.

mod api;
mod papers;
mod support;
