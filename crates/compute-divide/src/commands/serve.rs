//! `compute-divide serve`: the dashboard (`cd_web`). Parses the arguments and calls `cd_web::serve`;
//! everything else (loading, the routes, the cache) lives in `cd-web`.

use crate::common::DataArgs;
use crate::definitions_args::DefinitionArgs;
use std::net::SocketAddr;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on. Loopback by default; give e.g. 0.0.0.0:8080 to expose the dashboard.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// How many distinct sets of definitions keep their results in memory.
    #[arg(long, value_name = "N", default_value_t = cd_web::DEFAULT_CACHE_ENTRIES)]
    pub cache_entries: usize,
    /// Most bootstrap resamples a request may ask for (a limit of the server, not a definition).
    #[arg(long, value_name = "B", default_value_t = cd_web::params::Limits::default().max_bootstrap)]
    pub max_bootstrap: usize,
    /// Leave out the paper panels (publications, topics, review, adoption, scrutiny), whose papers are
    /// otherwise read once at start, in the background, and analysed again per definitions.
    #[arg(long)]
    pub no_papers: bool,
    /// The definitions a page starts from (the study's unless a config file or flags change them); the
    /// query string of each request changes them further.
    #[command(flatten)]
    pub definitions: DefinitionArgs,
}

pub fn run(data_args: &DataArgs, args: ServeArgs) -> anyhow::Result<()> {
    let base = args.definitions.load()?;
    let data = cd_ingest::locate::locate(data_args.data.as_deref())?;
    let limits = cd_web::params::Limits { max_bootstrap: args.max_bootstrap, ..Default::default() };
    let options = cd_web::ServeOptions {
        data,
        bind: args.bind,
        cache_entries: args.cache_entries,
        limits,
        base,
        papers: !args.no_papers,
    };
    cd_web::serve(options)?;
    Ok(())
}
