//! OpenAlex API client for targeted pulls: `GET {base}/works?filter=..&per-page=200&cursor=..&mailto=..`,
//! written as a snapshot-shaped `.jsonl.gz` that [`super::openalex`] reads.
//!
//! - Cursor paging: the first request sends `cursor=*`, each next one the `meta.next_cursor` of the last
//!   page; the pull ends when a page has no results or no next cursor.
//! - Politeness: `mailto` joins OpenAlex's polite pool; pages are fetched one at a time.
//! - Retries: HTTP 429 and 5xx and transport errors are retried with exponential backoff (doubling from
//!   `initial_backoff`, at most `max_backoff`; a `Retry-After` header in seconds is honoured), up to
//!   `max_retries` times per page; other statuses fail at once with the status and body.
//! - Resumable: each page is appended to the output as one gzip member, then a state file beside the
//!   output (`<out>.state.json`) records the next cursor, the works and pages written and the output's
//!   length. A rerun with the same filter continues from that cursor, first cutting the output back to the
//!   recorded length (so a page written but not recorded is not duplicated). A state file of a different
//!   filter is an error; a finished pull is not repeated.
//!
//! This module does network and file I/O only; it never parses works beyond splitting the page.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What to fetch and how.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// API root, `https://api.openalex.org` by default (tests point it at a local server).
    pub base_url: String,
    /// OpenAlex filter, e.g. `primary_location.source.id:S4306420609,publication_year:2020`.
    pub filter: String,
    pub mailto: Option<String>,
    pub per_page: usize,
    pub max_retries: u32,
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
    /// Stop after this many pages in this run (the state allows resuming); `None` = until the end.
    pub max_pages: Option<usize>,
    pub out: PathBuf,
}

impl FetchOptions {
    pub fn new(filter: impl Into<String>, out: impl Into<PathBuf>) -> FetchOptions {
        FetchOptions {
            base_url: "https://api.openalex.org".into(),
            filter: filter.into(),
            mailto: None,
            per_page: 200,
            max_retries: 6,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
            max_pages: None,
            out: out.into(),
        }
    }
}

/// The resumable state, stored as JSON beside the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FetchState {
    pub filter: String,
    /// Cursor of the next page to fetch; `None` once the pull is complete.
    pub next_cursor: Option<String>,
    pub works_written: u64,
    pub pages: u64,
    /// Length of the output file after the last recorded page.
    pub bytes_written: u64,
    pub done: bool,
}

/// What a run did.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchSummary {
    pub state: FetchState,
    /// Pages and works fetched in this run.
    pub pages_this_run: u64,
    pub works_this_run: u64,
    pub retries: u64,
    pub resumed: bool,
}

impl FetchOptions {
    /// The options' ranges, each error naming its flag (`--per-page`, `--max-pages`, `--base-url`).
    pub fn check(&self) -> Result<(), String> {
        if !(1..=200).contains(&self.per_page) {
            return Err(format!("--per-page: {}; allowed: 1 to 200", self.per_page));
        }
        if self.max_pages == Some(0) {
            return Err("--max-pages: 0; allowed: 1 or more (leave it out for no limit)".into());
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(format!("--base-url: {:?} is not an http:// or https:// URL", self.base_url));
        }
        Ok(())
    }
}

impl FetchSummary {
    /// The run in one line: pages and works of this run, the totals, and where the pull stands.
    pub fn describe(&self) -> String {
        let s = self;
        format!(
            "{} {} pages, {} works this run ({} retries); total {} works in {} pages; {}",
            if s.resumed { "resumed:" } else { "fetched" },
            s.pages_this_run,
            s.works_this_run,
            s.retries,
            s.state.works_written,
            s.state.pages,
            match (&s.state.next_cursor, s.state.done) {
                (_, true) => "complete".to_string(),
                (Some(c), false) => format!("next cursor {c}"),
                (None, false) => "no next cursor".to_string(),
            }
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{url}: HTTP {status}: {body}")]
    Status { url: String, status: u16, body: String },
    #[error("{url}: gave up after {attempts} attempts; last error: {last}")]
    GaveUp { url: String, attempts: u32, last: String },
    #[error("{url}: response is not an OpenAlex page: {message}")]
    BadPage { url: String, message: String },
    #[error(
        "{state}: records a pull of filter '{found}', not '{wanted}'; choose another --out or delete the \
         state file and output"
    )]
    OtherFilter { state: String, found: String, wanted: String },
    #[error("{out}: exists without a state file ({state}); refusing to overwrite it")]
    Exists { out: String, state: String },
}

/// Path of the state file of an output.
pub fn state_path(out: &Path) -> PathBuf {
    let mut s = out.as_os_str().to_owned();
    s.push(".state.json");
    PathBuf::from(s)
}

#[derive(Deserialize)]
struct Page {
    meta: Meta,
    #[serde(default)]
    results: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    next_cursor: Option<String>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> FetchError + '_ {
    move |e| FetchError::Io(path.display().to_string(), e)
}

fn save_state(path: &Path, state: &FetchState) -> Result<(), FetchError> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(state).expect("state serialises"))
        .map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io_err(path))
}

/// Run (or resume) a pull.
pub fn fetch(opts: &FetchOptions) -> Result<FetchSummary, FetchError> {
    let state_file = state_path(&opts.out);
    let (mut state, resumed) = if state_file.exists() {
        let text = std::fs::read(&state_file).map_err(io_err(&state_file))?;
        let state: FetchState = serde_json::from_slice(&text).map_err(|e| {
            FetchError::Io(state_file.display().to_string(), std::io::Error::other(e.to_string()))
        })?;
        if state.filter != opts.filter {
            return Err(FetchError::OtherFilter {
                state: state_file.display().to_string(),
                found: state.filter,
                wanted: opts.filter.clone(),
            });
        }
        (state, true)
    } else {
        if opts.out.exists() {
            return Err(FetchError::Exists {
                out: opts.out.display().to_string(),
                state: state_file.display().to_string(),
            });
        }
        let state = FetchState {
            filter: opts.filter.clone(),
            next_cursor: Some("*".into()),
            works_written: 0,
            pages: 0,
            bytes_written: 0,
            done: false,
        };
        (state, false)
    };
    let mut summary =
        FetchSummary { state: state.clone(), pages_this_run: 0, works_this_run: 0, retries: 0, resumed };
    if state.done {
        return Ok(summary);
    }
    // Cut off anything written after the last recorded page.
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&opts.out)
        .map_err(io_err(&opts.out))?;
    file.set_len(state.bytes_written).map_err(io_err(&opts.out))?;
    drop(file);
    // Statuses are answers to handle here (retry, or report), not errors.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .http_status_as_error(false)
        .build()
        .into();
    while let Some(cursor) = state.next_cursor.clone() {
        if opts.max_pages.is_some_and(|m| summary.pages_this_run as usize >= m) {
            break;
        }
        let (page, url, retries) = get_page(&agent, opts, &cursor)?;
        summary.retries += retries;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for work in &page.results {
            serde_json::to_writer(&mut gz, work).expect("a JSON value serialises");
            gz.write_all(b"\n").map_err(io_err(&opts.out))?;
        }
        let member = gz.finish().map_err(io_err(&opts.out))?;
        if !page.results.is_empty() {
            let mut out =
                std::fs::OpenOptions::new().append(true).open(&opts.out).map_err(io_err(&opts.out))?;
            out.write_all(&member).map_err(io_err(&opts.out))?;
            out.sync_data().map_err(io_err(&opts.out))?;
            state.bytes_written += member.len() as u64;
        }
        let _ = url;
        state.works_written += page.results.len() as u64;
        state.pages += 1;
        summary.works_this_run += page.results.len() as u64;
        summary.pages_this_run += 1;
        state.next_cursor = page.meta.next_cursor.filter(|c| !c.is_empty() && !page.results.is_empty());
        state.done = state.next_cursor.is_none();
        save_state(&state_file, &state)?;
    }
    summary.state = state;
    Ok(summary)
}

fn get_page(
    agent: &ureq::Agent,
    opts: &FetchOptions,
    cursor: &str,
) -> Result<(Page, String, u64), FetchError> {
    let base = format!("{}/works", opts.base_url.trim_end_matches('/'));
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("filter", &opts.filter);
    query.append_pair("per-page", &opts.per_page.to_string());
    query.append_pair("cursor", cursor);
    if let Some(m) = &opts.mailto {
        query.append_pair("mailto", m);
    }
    let url = format!("{base}?{}", query.finish());
    let mut backoff = opts.initial_backoff;
    let mut retries = 0u64;
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let last = match agent.get(&url).call() {
            Ok(mut resp) if resp.status().is_success() => {
                let body = resp
                    .body_mut()
                    .read_to_string()
                    .map_err(|e| FetchError::BadPage { url: url.clone(), message: e.to_string() })?;
                let page: Page = serde_json::from_str(&body)
                    .map_err(|e| FetchError::BadPage { url: url.clone(), message: e.to_string() })?;
                return Ok((page, url, retries));
            }
            Ok(resp) if resp.status().as_u16() == 429 || resp.status().is_server_error() => {
                let retry_after = resp
                    .headers()
                    .get("Retry-After")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                if let Some(ra) = retry_after {
                    backoff = ra.min(opts.max_backoff);
                }
                format!("HTTP {}", resp.status().as_u16())
            }
            Ok(mut resp) => {
                let code = resp.status().as_u16();
                let reason = resp.status().canonical_reason().unwrap_or("").to_string();
                let body: String =
                    resp.body_mut().read_to_string().unwrap_or_default().trim().chars().take(500).collect();
                // A bare answer ("HTTP 404" and no body) still says what it means.
                let body = match (body.is_empty(), reason.is_empty()) {
                    (false, _) => body,
                    (true, false) => format!("{reason} (empty body)"),
                    (true, true) => "(no reason and an empty body)".to_string(),
                };
                return Err(FetchError::Status { url, status: code, body });
            }
            // An address ureq cannot use fails at once: retrying cannot mend it.
            Err(e @ (ureq::Error::BadUri(_) | ureq::Error::Http(_))) => {
                return Err(FetchError::GaveUp { url, attempts: attempt, last: e.to_string() })
            }
            Err(e) => e.to_string(),
        };
        if attempt > opts.max_retries {
            return Err(FetchError::GaveUp { url, attempts: attempt, last });
        }
        retries += 1;
        std::thread::sleep(backoff);
        backoff = (backoff * 2).min(opts.max_backoff);
    }
}
