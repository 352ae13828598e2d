//! The `compute-divide` binary: parses arguments, calls the library crates, prints.
//!
//! Exit codes: 0 on success, 1 on bad data (or any failure while running), 2 on bad usage (clap's own
//! errors, unknown config keys, out-of-range definitions).

mod cli;
mod commands;
mod common;
mod definitions_args;
use cd_pipeline as pipeline;
use clap::Parser;

#[global_allocator] // mimalloc: glibc's malloc and free took a fifth of the report's time (issue 10)
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = cli::Cli::parse();
    let code = match commands::run(args) {
        Ok(()) => 0,
        Err(e) => {
            let code = common::exit_code_of(&e);
            eprintln!("error: {}", common::error_text(&e));
            code
        }
    };
    std::process::exit(code);
}
