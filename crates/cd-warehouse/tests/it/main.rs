mod build;
mod support;
