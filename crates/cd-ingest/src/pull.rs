//! Downloading Epoch's public model tables: `compute-divide data pull`.
//!
//! Fetches the zip Epoch publishes on its data page, resuming an interrupted download through an HTTP
//! `Range` request into a `.part` file, unpacks the CSVs into `DIR/epoch` and records their sha256 in
//! `DIR/epoch/SHA256SUMS` (the `sha256sum` format). A server that ignores `Range`, a range the server
//! cannot satisfy, or a part file that turns out not to complete a valid zip all lead to a clean restart
//! from byte 0. This module never parses the tables it downloads.
//!
//! Unpacked file names get a date appended when they carry none (`all_ai_models.csv` →
//! `all_ai_models_2025-11-13.csv`): the newest `Publication date` in the table (no later than today), so
//! that the name says what the table holds, not when it was fetched; the download date when the table
//! has no such column. `datasets::vintage_of` then sees the snapshot's vintage and successive pulls sit
//! side by side.
//!
//! Limits (fields of [`PullOptions`], defaults [`MAX_DOWNLOAD_BYTES`], [`MAX_ENTRY_BYTES`],
//! [`MAX_ENTRY_RATIO`]): a download longer than the limit, or a zip entry that expands beyond its limit
//! or beyond the ratio to its compressed size (a zip bomb), is an error, and nothing of it is kept. A
//! failed pull leaves no empty folder behind that it created.

use crate::datasets::{hex, sha256_file, vintage_of};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Epoch's "Data on AI Models" download (all models, notable, large-scale and frontier tables), from
/// https://epoch.ai/data/ai-models. Override with `compute-divide data pull --url URL`.
pub const DEFAULT_EPOCH_URL: &str = "https://epoch.ai/data/all_ai_models.zip";

/// Largest download accepted (Epoch's archive is a few MB): 1 GiB.
pub const MAX_DOWNLOAD_BYTES: u64 = 1 << 30;
/// Largest size of one unpacked table: 512 MiB, the Epoch reader's own limit.
pub const MAX_ENTRY_BYTES: u64 = crate::epoch::MAX_DECOMPRESSED_BYTES;
/// Largest ratio of an entry's unpacked to compressed size, checked once it passes 10 MiB (CSV
/// compresses 5–20 times; a zip bomb a thousand times and more).
pub const MAX_ENTRY_RATIO: u64 = 200;
/// Size below which the ratio is not checked (tiny files compress arbitrarily well).
const RATIO_FREE_BYTES: u64 = 10 << 20;

/// What to download and where.
#[derive(Debug, Clone)]
pub struct PullOptions {
    pub url: String,
    /// Data folder; the tables go to `to/epoch`.
    pub to: PathBuf,
    /// Show a progress bar on stderr (drawn only when stderr is a terminal).
    pub progress: bool,
    /// Date appended to undated file names; `None` = the newest publication date in the table (else
    /// today's date, UTC).
    pub vintage: Option<String>,
    /// Connect and read timeout; a stalled transfer fails after this and can be resumed.
    pub timeout: Duration,
    /// Limits of the download and of each unpacked entry (see the module docs).
    pub max_download_bytes: u64,
    pub max_entry_bytes: u64,
    pub max_entry_ratio: u64,
}

impl PullOptions {
    pub fn new(url: impl Into<String>, to: impl Into<PathBuf>) -> PullOptions {
        PullOptions {
            url: url.into(),
            to: to.into(),
            progress: true,
            vintage: None,
            timeout: Duration::from_secs(60),
            max_download_bytes: MAX_DOWNLOAD_BYTES,
            max_entry_bytes: MAX_ENTRY_BYTES,
            max_entry_ratio: MAX_ENTRY_RATIO,
        }
    }
}

/// One unpacked table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PulledFile {
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: String,
}

/// What a pull did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PullOutcome {
    pub url: String,
    pub epoch_dir: PathBuf,
    pub zip_bytes: u64,
    pub zip_sha256: String,
    /// Bytes already present in the `.part` file that the download continued from (0 = fresh start).
    pub resumed_from: u64,
    /// The download restarted from byte 0 after finding a `.part` file it could not continue.
    pub restarted: bool,
    pub files: Vec<PulledFile>,
    pub sums_path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(
        "{url}: the server answered HTTP {status} {text}. Check the address (`--url`); Epoch's tables are \
             linked from https://epoch.ai/data/ai-models"
    )]
    Http { url: String, status: u16, text: String },
    #[error("could not reach {url}: {message}. Check the network connection or `--url`")]
    Network { url: String, message: String },
    #[error("download of {url} interrupted after {got} of {} bytes ({message}); the partial file {} is \
             kept: run the same command again to resume", expected.map(|e| e.to_string()).unwrap_or_else(|| "?".into()), part.display())]
    Interrupted { url: String, got: u64, expected: Option<u64>, message: String, part: PathBuf },
    #[error("{url}: the download is not a valid zip archive ({message})")]
    NotZip { url: String, message: String },
    #[error("{url}: the zip archive holds no CSV file")]
    NoCsv { url: String },
    #[error("{url}: {message}; nothing of it was kept")]
    TooLarge { url: String, message: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> PullError + '_ {
    move |source| PullError::Io { path: path.to_path_buf(), source }
}

/// Download, unpack and checksum Epoch's tables (see the module docs). On error, the folders this call
/// created are removed again when they are empty (a resumable `.part` file keeps its folder).
pub fn pull_epoch(opts: &PullOptions) -> Result<PullOutcome, PullError> {
    let epoch_dir = opts.to.join("epoch");
    let created: Vec<PathBuf> =
        [opts.to.clone(), epoch_dir.clone()].into_iter().filter(|d| !d.exists()).collect();
    let out = pull_into(opts, &epoch_dir);
    if out.is_err() {
        // Innermost first; `remove_dir` removes only empty folders.
        for d in created.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
    out
}

fn pull_into(opts: &PullOptions, epoch_dir: &Path) -> Result<PullOutcome, PullError> {
    std::fs::create_dir_all(epoch_dir).map_err(io_err(epoch_dir))?;
    let part = epoch_dir.join(format!("{}.part", zip_name(&opts.url)));
    // Statuses are answers to handle here, not errors; a read that stalls for `timeout` fails.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(opts.timeout))
        .timeout_per_read(Some(opts.timeout))
        .http_status_as_error(false)
        .build()
        .into();

    // A refused archive is never kept: the part file goes with the error.
    let refuse = |problem: ZipProblem| {
        let _ = std::fs::remove_file(&part);
        problem.into_error(&opts.url)
    };
    let mut first = download(&agent, opts, &part)?;
    match check_zip(&part, opts) {
        Ok(()) => {}
        Err(ZipProblem::Invalid(_)) if first.resumed_from > 0 => {
            // The bytes we continued from were not the start of this archive: start again from byte 0.
            let _ = std::fs::remove_file(&part);
            download(&agent, opts, &part)?;
            check_zip(&part, opts).map_err(refuse)?;
            first = Download { resumed_from: 0, restarted: true };
        }
        Err(problem) => return Err(refuse(problem)),
    }

    let files = unpack(&part, epoch_dir, opts)?;
    let zip_bytes = std::fs::metadata(&part).map_err(io_err(&part))?.len();
    let zip_sha256 = sha256_file(&part).map_err(io_err(&part))?;
    std::fs::remove_file(&part).map_err(io_err(&part))?;
    let sums_path = write_sums(epoch_dir)?;
    Ok(PullOutcome {
        url: opts.url.clone(),
        epoch_dir: epoch_dir.to_path_buf(),
        zip_bytes,
        zip_sha256,
        resumed_from: first.resumed_from,
        restarted: first.restarted,
        files,
        sums_path,
    })
}

/// The archive's file name from the URL's last path segment.
fn zip_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    let clean: String =
        last.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')).collect();
    if clean.is_empty() || clean.starts_with('.') {
        "epoch_download.zip".to_string()
    } else {
        clean
    }
}

struct Download {
    resumed_from: u64,
    restarted: bool,
}

/// `bytes START-END/TOTAL` → START.
fn content_range_start(v: &str) -> Option<u64> {
    v.trim().strip_prefix("bytes")?.trim().split('-').next()?.trim().parse().ok()
}

fn download(agent: &ureq::Agent, opts: &PullOptions, part: &Path) -> Result<Download, PullError> {
    let url = &opts.url;
    let existing = std::fs::metadata(part).map(|m| m.len()).unwrap_or(0);
    let mut restarted = false;
    let request = |range_from: u64| {
        let mut r = agent.get(url).header("Accept-Encoding", "identity");
        if range_from > 0 {
            r = r.header("Range", &format!("bytes={range_from}-"));
        }
        r.call().map_err(|e| PullError::Network { url: url.clone(), message: e.to_string() })
    };
    let mut response = request(existing)?;
    if existing > 0 && response.status().as_u16() == 416 {
        // The part is as long as the file or longer: it cannot be continued.
        restarted = true;
        response = request(0)?;
    }
    match receive(response, existing, restarted, opts, part)? {
        Received::Saved(d) => Ok(d),
        // A 206 that does not continue our part: fetch the whole file instead.
        Received::Refetch => download(agent, opts, part).map(|d| Download { restarted: true, ..d }),
    }
}

/// What became of one response.
enum Received {
    Saved(Download),
    /// The response could not continue the part file, which is removed: fetch the whole file.
    Refetch,
}

/// Handle one response to a request that asked to continue `existing` bytes of `part` (0: the whole
/// file): check its status and `Content-Range`, write its body to `part` within the download limit, and
/// check the length against `Content-Length`. Public for the fuzz target only (`fuzz/`), which feeds it
/// any bytes as an HTTP response; commands call [`pull_epoch`].
#[doc(hidden)]
pub fn receive_response(
    response: Response,
    existing: u64,
    opts: &PullOptions,
    part: &Path,
) -> Result<Option<u64>, PullError> {
    match receive(response, existing, false, opts, part)? {
        Received::Saved(d) => Ok(Some(d.resumed_from)),
        Received::Refetch => Ok(None),
    }
}

/// A response as ureq returns it.
pub type Response = ureq::http::Response<ureq::Body>;

fn receive(
    response: Response,
    existing: u64,
    mut restarted: bool,
    opts: &PullOptions,
    part: &Path,
) -> Result<Received, PullError> {
    let url = &opts.url;
    let status = response.status().as_u16();
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok());
    let offset = match status {
        206 if existing > 0 => match header("Content-Range").and_then(content_range_start) {
            Some(start) if start == existing => existing,
            _ => {
                restarted = true;
                0
            }
        },
        200 => {
            if existing > 0 {
                restarted = true; // The server ignored the Range header and sent the whole file.
            }
            0
        }
        _ => {
            return Err(PullError::Http {
                url: url.clone(),
                status,
                text: response.status().canonical_reason().unwrap_or("").to_string(),
            })
        }
    };
    if restarted && offset == 0 && status == 206 {
        // A 206 that does not continue our part: fetch the whole file instead.
        let _ = std::fs::remove_file(part);
        return Ok(Received::Refetch);
    }
    let expected_rest: Option<u64> = header("Content-Length").and_then(|v| v.trim().parse().ok());
    let expected = expected_rest.map(|n| n + offset);
    let mut out = if offset > 0 {
        OpenOptions::new().append(true).open(part).map_err(io_err(part))?
    } else {
        File::create(part).map_err(io_err(part))?
    };
    let bar = if opts.progress {
        let bar = indicatif::ProgressBar::with_draw_target(expected, indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} {bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        ) {
            bar.set_style(style);
        }
        bar.set_message(format!("downloading {}", zip_name(url)));
        bar.set_position(offset);
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut reader = response.into_body().into_reader();
    let mut buf = vec![0u8; 1 << 16];
    let mut got = offset;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                out.write_all(&buf[..n]).map_err(io_err(part))?;
                got += n as u64;
                bar.set_position(got);
                if got > opts.max_download_bytes {
                    drop(out);
                    bar.abandon();
                    let _ = std::fs::remove_file(part);
                    return Err(PullError::TooLarge {
                        url: url.clone(),
                        message: format!(
                            "the download passed the limit of {} bytes (Epoch's archive is a few MB)",
                            opts.max_download_bytes
                        ),
                    });
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let _ = out.flush();
                bar.abandon();
                return Err(PullError::Interrupted {
                    url: url.clone(),
                    got,
                    expected,
                    message: e.to_string(),
                    part: part.to_path_buf(),
                });
            }
        }
    }
    out.flush().map_err(io_err(part))?;
    bar.finish_and_clear();
    if let Some(exp) = expected {
        if got < exp {
            return Err(PullError::Interrupted {
                url: url.clone(),
                got,
                expected,
                message: "connection closed early".into(),
                part: part.to_path_buf(),
            });
        }
    }
    Ok(Received::Saved(Download { resumed_from: offset, restarted }))
}

/// Why an archive is refused.
enum ZipProblem {
    /// Not a zip, or a corrupt one (a partial download may be to blame).
    Invalid(String),
    /// An entry past the limits (a zip bomb, or not Epoch's archive).
    TooLarge(String),
}

impl ZipProblem {
    /// The pull's error for this problem with the archive at `url`.
    fn into_error(self, url: &str) -> PullError {
        match self {
            ZipProblem::TooLarge(message) => PullError::TooLarge { url: url.to_string(), message },
            ZipProblem::Invalid(message) => PullError::NotZip { url: url.to_string(), message },
        }
    }
}

/// Copy `entry` (named `name`, `compressed` bytes in the archive) to `out` within the limits of `opts`;
/// returns the bytes written.
fn copy_bounded(
    entry: &mut impl Read,
    name: &str,
    compressed: u64,
    out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
    opts: &PullOptions,
) -> Result<u64, ZipProblem> {
    let mut buf = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = entry.read(&mut buf).map_err(|e| ZipProblem::Invalid(format!("entry {name}: {e}")))?;
        if n == 0 {
            return Ok(bytes);
        }
        bytes += n as u64;
        if bytes > opts.max_entry_bytes {
            return Err(ZipProblem::TooLarge(format!(
                "zip entry {name} expands beyond the limit of {} bytes",
                opts.max_entry_bytes
            )));
        }
        if bytes > RATIO_FREE_BYTES && bytes > compressed.max(1).saturating_mul(opts.max_entry_ratio) {
            return Err(ZipProblem::TooLarge(format!(
                "zip entry {name} expands more than {} times its {compressed} compressed bytes (a zip bomb?)",
                opts.max_entry_ratio
            )));
        }
        out(&buf[..n]).map_err(|e| ZipProblem::Invalid(format!("entry {name}: {e}")))?;
    }
}

fn check_zip(path: &Path, opts: &PullOptions) -> Result<(), ZipProblem> {
    let f = File::open(path).map_err(|e| ZipProblem::Invalid(e.to_string()))?;
    check_archive(f, opts)
}

fn check_archive(archive: impl Read + Seek, opts: &PullOptions) -> Result<(), ZipProblem> {
    let mut z = zip::ZipArchive::new(archive).map_err(|e| ZipProblem::Invalid(e.to_string()))?;
    // Reading every entry checks each CRC, so that a corrupt middle is caught, not only the directory.
    for i in 0..z.len() {
        let mut entry = z.by_index(i).map_err(|e| ZipProblem::Invalid(e.to_string()))?;
        let (name, compressed) = (entry.name().to_string(), entry.compressed_size());
        copy_bounded(&mut entry, &name, compressed, &mut |_| Ok(()), opts)?;
    }
    Ok(())
}

/// The newest `Publication date` (`YYYY-MM-DD…`) in a CSV table, no later than `today`; `None` when the
/// table has no such column or no such date.
fn newest_publication_date(path: &Path, today: &str) -> Option<String> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(File::open(path).ok()?);
    let col = rdr
        .headers()
        .ok()?
        .iter()
        .position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case("Publication date"))?;
    let mut newest: Option<String> = None;
    for rec in rdr.records().map_while(Result::ok) {
        let cell = rec.get(col).unwrap_or("").trim();
        let date = cell.get(..10).filter(|d| vintage_of(d).as_deref() == Some(*d));
        if let Some(d) = date {
            if d <= today && newest.as_deref().is_none_or(|n| d > n) {
                newest = Some(d.to_string());
            }
        }
    }
    newest
}

/// Unpack the CSV entries (flattened to their file names) into `epoch_dir`.
fn unpack(zip_path: &Path, epoch_dir: &Path, opts: &PullOptions) -> Result<Vec<PulledFile>, PullError> {
    let f = File::open(zip_path).map_err(io_err(zip_path))?;
    unpack_archive(f, epoch_dir, opts)
}

/// Check and unpack an archive held in memory into `epoch_dir`, as a pull does with the downloaded file.
/// Public for the fuzz target only (`fuzz/`), which feeds it any bytes; commands call [`pull_epoch`].
#[doc(hidden)]
pub fn unpack_bytes(
    archive: &[u8],
    epoch_dir: &Path,
    opts: &PullOptions,
) -> Result<Vec<PulledFile>, PullError> {
    check_archive(std::io::Cursor::new(archive), opts).map_err(|p| p.into_error(&opts.url))?;
    unpack_archive(std::io::Cursor::new(archive), epoch_dir, opts)
}

fn unpack_archive(
    archive: impl Read + Seek,
    epoch_dir: &Path,
    opts: &PullOptions,
) -> Result<Vec<PulledFile>, PullError> {
    let url = &opts.url;
    let mut z = zip::ZipArchive::new(archive)
        .map_err(|e| PullError::NotZip { url: url.to_string(), message: e.to_string() })?;
    let today = today_utc();
    let mut files = Vec::new();
    for i in 0..z.len() {
        let mut entry =
            z.by_index(i).map_err(|e| PullError::NotZip { url: url.to_string(), message: e.to_string() })?;
        if entry.is_dir() {
            continue;
        }
        let Some(name) =
            entry.enclosed_name().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        else {
            continue;
        };
        if !name.to_ascii_lowercase().ends_with(".csv") || name.starts_with("._") {
            continue;
        }
        let tmp = epoch_dir.join(format!(".{name}.tmp"));
        let mut w = File::create(&tmp).map_err(io_err(&tmp))?;
        let mut h = Sha256::new();
        let compressed = entry.compressed_size();
        let copied = copy_bounded(
            &mut entry,
            &name,
            compressed,
            &mut |chunk: &[u8]| {
                h.update(chunk);
                w.write_all(chunk)
            },
            opts,
        )
        .and_then(|bytes| w.flush().map(|_| bytes).map_err(|e| ZipProblem::Invalid(e.to_string())));
        drop(w);
        let bytes = match copied {
            Ok(bytes) => bytes,
            Err(problem) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(problem.into_error(url));
            }
        };
        let out_name = if vintage_of(&name).is_some() {
            name.clone()
        } else {
            let date = opts
                .vintage
                .clone()
                .or_else(|| newest_publication_date(&tmp, &today))
                .unwrap_or_else(|| today.clone());
            format!("{}_{date}.csv", &name[..name.len() - 4])
        };
        let out_path = epoch_dir.join(&out_name);
        std::fs::rename(&tmp, &out_path).map_err(io_err(&out_path))?;
        files.push(PulledFile { path: out_path, bytes, sha256: hex(&h.finalize()) });
    }
    if files.is_empty() {
        return Err(PullError::NoCsv { url: url.to_string() });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Write `SHA256SUMS` for every CSV in the folder, sorted by name.
fn write_sums(epoch_dir: &Path) -> Result<PathBuf, PullError> {
    let mut names: Vec<String> = std::fs::read_dir(epoch_dir)
        .map_err(io_err(epoch_dir))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.to_ascii_lowercase().ends_with(".csv") && !n.starts_with('.'))
        .collect();
    names.sort();
    let mut text = String::new();
    for n in names {
        let p = epoch_dir.join(&n);
        text.push_str(&format!("{}  {n}\n", sha256_file(&p).map_err(io_err(&p))?));
    }
    let sums = epoch_dir.join("SHA256SUMS");
    std::fs::write(&sums, text).map_err(io_err(&sums))?;
    Ok(sums)
}

/// After a pull into `to`, from the current folder: a note when the commands run here would not read `to`
/// (the data location order: `--data`, `$COMPUTE_DIVIDE_DATA`, `./data`, `../shared/data`), or when `to`
/// is `./data` and now hides `../shared/data`, whose paper and compute folders `./data` lacks.
pub fn shadowing_note(to: &Path) -> Option<String> {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    let found = crate::locate::locate(None).ok()?;
    if canon(&found.root) != canon(to) {
        return Some(format!(
            "note: commands run here read {} (the data location order: --data, $COMPUTE_DIVIDE_DATA, ./data, \
             ../shared/data), not {}; pass `--data {}` to use the tables just pulled",
            found.root.display(),
            to.display(),
            to.display()
        ));
    }
    let shared = Path::new("../shared/data");
    (canon(to) == canon(Path::new("data")) && shared.join("epoch").is_dir()).then(|| {
        "note: ./data now comes before ../shared/data for every command run here, and it holds only Epoch's \
         tables: the report's paper, topic, adoption and provision sections need the other folders. Pass \
         `--data ../shared/data` to use that folder, or remove ./data"
            .to_string()
    })
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today_utc() -> String {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_700), (2023, 12, 9));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn names_and_ranges() {
        assert_eq!(zip_name(DEFAULT_EPOCH_URL), "all_ai_models.zip");
        assert_eq!(zip_name("http://x/"), "epoch_download.zip");
        assert_eq!(zip_name("http://x/a/b.zip?token=1"), "b.zip");
        assert_eq!(content_range_start("bytes 100-199/200"), Some(100));
        assert_eq!(content_range_start("items 1-2"), None);
    }
}
