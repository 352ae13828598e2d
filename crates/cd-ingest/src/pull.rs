//! Downloading Epoch's public model tables: `compute-divide data pull`.
//!
//! Fetches the zip Epoch publishes on its data page, resuming an interrupted download through an HTTP
//! `Range` request into a `.part` file, unpacks the CSVs into `DIR/epoch` and records their sha256 in
//! `DIR/epoch/SHA256SUMS` (the `sha256sum` format). A server that ignores `Range`, a range the server
//! cannot satisfy, or a part file that turns out not to complete a valid zip all lead to a clean restart
//! from byte 0. This module never parses the tables it downloads.
//!
//! Unpacked file names get the download date appended when they carry no date (`all_ai_models.csv` →
//! `all_ai_models_2025-12-02.csv`), so that `datasets::vintage_of` sees the snapshot's vintage and
//! successive pulls sit side by side.

use crate::datasets::{hex, sha256_file, vintage_of};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Epoch's "Data on AI Models" download (all models, notable, large-scale and frontier tables), from
/// https://epoch.ai/data/ai-models. Override with `compute-divide data pull --url URL`.
pub const DEFAULT_EPOCH_URL: &str = "https://epoch.ai/data/all_ai_models.zip";

/// What to download and where.
#[derive(Debug, Clone)]
pub struct PullOptions {
    pub url: String,
    /// Data folder; the tables go to `to/epoch`.
    pub to: PathBuf,
    /// Show a progress bar on stderr (drawn only when stderr is a terminal).
    pub progress: bool,
    /// Date appended to undated file names; `None` = today's date (UTC).
    pub vintage: Option<String>,
    /// Connect and read timeout; a stalled transfer fails after this and can be resumed.
    pub timeout: Duration,
}

impl PullOptions {
    pub fn new(url: impl Into<String>, to: impl Into<PathBuf>) -> PullOptions {
        PullOptions {
            url: url.into(),
            to: to.into(),
            progress: true,
            vintage: None,
            timeout: Duration::from_secs(60),
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

/// Download, unpack and checksum Epoch's tables (see the module docs).
pub fn pull_epoch(opts: &PullOptions) -> Result<PullOutcome, PullError> {
    let epoch_dir = opts.to.join("epoch");
    std::fs::create_dir_all(&epoch_dir).map_err(io_err(&epoch_dir))?;
    let part = epoch_dir.join(format!("{}.part", zip_name(&opts.url)));
    let agent = ureq::AgentBuilder::new().timeout_connect(opts.timeout).timeout_read(opts.timeout).build();

    let mut first = download(&agent, opts, &part)?;
    let archive_check = check_zip(&part);
    if let Err(message) = archive_check {
        let _ = std::fs::remove_file(&part);
        if first.resumed_from == 0 {
            return Err(PullError::NotZip { url: opts.url.clone(), message });
        }
        // The bytes we continued from were not the start of this archive: start again from byte 0.
        download(&agent, opts, &part)?;
        check_zip(&part).map_err(|message| {
            let _ = std::fs::remove_file(&part);
            PullError::NotZip { url: opts.url.clone(), message }
        })?;
        first = Download { resumed_from: 0, restarted: true };
    }

    let vintage = opts.vintage.clone().unwrap_or_else(today_utc);
    let files = unpack(&part, &epoch_dir, &vintage, &opts.url)?;
    let zip_bytes = std::fs::metadata(&part).map_err(io_err(&part))?.len();
    let zip_sha256 = sha256_file(&part).map_err(io_err(&part))?;
    std::fs::remove_file(&part).map_err(io_err(&part))?;
    let sums_path = write_sums(&epoch_dir)?;
    Ok(PullOutcome {
        url: opts.url.clone(),
        epoch_dir,
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
        let mut r = agent.get(url).set("Accept-Encoding", "identity");
        if range_from > 0 {
            r = r.set("Range", &format!("bytes={range_from}-"));
        }
        r.call().map_err(Box::new)
    };
    let map_err = |e: Box<ureq::Error>| match *e {
        ureq::Error::Status(status, resp) => {
            PullError::Http { url: url.clone(), status, text: resp.status_text().to_string() }
        }
        ureq::Error::Transport(t) => PullError::Network {
            url: url.clone(),
            message: match t.message() {
                Some(m) => format!("{}: {m}", t.kind()),
                None => t.kind().to_string(),
            },
        },
    };
    let response = match request(existing) {
        Err(e) if existing > 0 && matches!(*e, ureq::Error::Status(416, _)) => {
            // The part is as long as the file or longer: it cannot be continued.
            restarted = true;
            request(0).map_err(map_err)?
        }
        other => other.map_err(map_err)?,
    };
    let offset = match response.status() {
        206 if existing > 0 => match response.header("Content-Range").and_then(content_range_start) {
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
        status => {
            return Err(PullError::Http {
                url: url.clone(),
                status,
                text: response.status_text().to_string(),
            })
        }
    };
    if restarted && offset == 0 && response.status() == 206 {
        // A 206 that does not continue our part: fetch the whole file instead.
        let _ = std::fs::remove_file(part);
        return download(agent, opts, part).map(|d| Download { restarted: true, ..d });
    }
    let expected_rest: Option<u64> = response.header("Content-Length").and_then(|v| v.trim().parse().ok());
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
    let mut reader = response.into_reader();
    let mut buf = vec![0u8; 1 << 16];
    let mut got = offset;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                out.write_all(&buf[..n]).map_err(io_err(part))?;
                got += n as u64;
                bar.set_position(got);
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
    Ok(Download { resumed_from: offset, restarted })
}

fn check_zip(path: &Path) -> Result<(), String> {
    let f = File::open(path).map_err(|e| e.to_string())?;
    let mut z = zip::ZipArchive::new(f).map_err(|e| e.to_string())?;
    // Reading every entry checks each CRC, so that a corrupt middle is caught, not only the directory.
    for i in 0..z.len() {
        let mut entry = z.by_index(i).map_err(|e| e.to_string())?;
        std::io::copy(&mut entry, &mut std::io::sink()).map_err(|e| format!("entry {i}: {e}"))?;
    }
    Ok(())
}

/// Unpack the CSV entries (flattened to their file names) into `epoch_dir`.
fn unpack(zip_path: &Path, epoch_dir: &Path, vintage: &str, url: &str) -> Result<Vec<PulledFile>, PullError> {
    let f = File::open(zip_path).map_err(io_err(zip_path))?;
    let mut z = zip::ZipArchive::new(f)
        .map_err(|e| PullError::NotZip { url: url.to_string(), message: e.to_string() })?;
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
        let out_name = if vintage_of(&name).is_some() {
            name.clone()
        } else {
            format!("{}_{vintage}.csv", &name[..name.len() - 4])
        };
        let out_path = epoch_dir.join(&out_name);
        let tmp = epoch_dir.join(format!(".{out_name}.tmp"));
        let mut w = File::create(&tmp).map_err(io_err(&tmp))?;
        let mut h = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut bytes = 0u64;
        loop {
            let n = entry.read(&mut buf).map_err(io_err(&tmp))?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
            w.write_all(&buf[..n]).map_err(io_err(&tmp))?;
            bytes += n as u64;
        }
        w.flush().map_err(io_err(&tmp))?;
        drop(w);
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
