//! `data pull` against a local HTTP server started by each test (no internet needed): full download,
//! resume after an interrupted transfer, a server without Range support, a corrupt partial file, 404,
//! and a body that is not a zip.

use cd_ingest::pull::{pull_epoch, PullError, PullOptions};
use sha2::{Digest, Sha256};
use std::io::{Cursor, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Honours `Range: bytes=N-` with 206 (416 past the end).
    Ranges,
    /// Always sends the whole body with 200.
    NoRanges,
    /// First request: announces the whole length, sends half, then stalls. Later requests: like `Ranges`.
    StallFirst,
    NotFound,
}

struct TestServer {
    url: String,
    ranges_seen: Arc<Mutex<Vec<Option<String>>>>,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(body: Vec<u8>, mode: Mode) -> TestServer {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let ranges_seen = Arc::new(Mutex::new(Vec::new()));
    let (s, log) = (server.clone(), ranges_seen.clone());
    let thread = std::thread::spawn(move || {
        for (i, req) in s.incoming_requests().enumerate() {
            let range = req.headers().iter().find(|h| h.field.equiv("Range")).map(|h| h.value.to_string());
            log.lock().unwrap().push(range.clone());
            let len = body.len();
            if mode == Mode::NotFound {
                let _ = req.respond(tiny_http::Response::from_string("no such file").with_status_code(404));
                continue;
            }
            if mode == Mode::StallFirst && i == 0 {
                let mut w = req.into_writer();
                let _ = write!(
                    w,
                    "HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nContent-Type: application/zip\r\n\r\n"
                );
                let _ = w.write_all(&body[..len / 2]);
                let _ = w.flush();
                // Hold the connection open without sending more, while later requests are served.
                std::thread::spawn(move || {
                    std::thread::sleep(Duration::from_millis(3000));
                    drop(w);
                });
                continue;
            }
            let start = range
                .as_deref()
                .and_then(|r| r.strip_prefix("bytes="))
                .and_then(|r| r.trim_end_matches('-').parse::<usize>().ok())
                .filter(|_| mode != Mode::NoRanges);
            let resp = match start {
                Some(s) if s >= len => tiny_http::Response::from_data(Vec::new()).with_status_code(416),
                Some(s) => {
                    tiny_http::Response::from_data(body[s..].to_vec()).with_status_code(206).with_header(
                        tiny_http::Header::from_bytes(
                            "Content-Range",
                            format!("bytes {s}-{}/{len}", len - 1),
                        )
                        .unwrap(),
                    )
                }
                None => tiny_http::Response::from_data(body.clone()),
            };
            let _ = req.respond(resp);
        }
    });
    TestServer {
        url: format!("http://127.0.0.1:{port}/data/all_ai_models.zip"),
        ranges_seen,
        server,
        thread: Some(thread),
    }
}

/// CSV bodies put into the archive: (name in zip, bytes).
fn tables() -> Vec<(&'static str, Vec<u8>)> {
    let mut big = b"Model,Publication date,Training compute (FLOP)\n".to_vec();
    for i in 0..4000u32 {
        // Varied content so the stored archive is large enough to be cut in half meaningfully.
        big.extend_from_slice(
            format!("Model {i},2020-01-{:02},{}e20\n", i % 28 + 1, i * 7919 % 1000).as_bytes(),
        );
    }
    vec![
        ("all_ai_models.csv", big),
        ("sub/notable_ai_models.csv", b"Model,Publication date\nA,2020-01-01\n".to_vec()),
        ("frontier_ai_models_2024-05-01.csv", b"Model\nB\n".to_vec()),
    ]
}

fn archive() -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.add_directory("sub/", opts).unwrap();
    for (name, bytes) in tables() {
        z.start_file(name, opts).unwrap();
        z.write_all(&bytes).unwrap();
    }
    z.start_file("README.txt", opts).unwrap();
    z.write_all(b"not a table").unwrap();
    z.finish().unwrap().into_inner()
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn options(url: &str, to: &std::path::Path) -> PullOptions {
    let mut o = PullOptions::new(url, to);
    o.progress = false;
    o.vintage = Some("2025-01-02".into());
    o.timeout = Duration::from_millis(700);
    o
}

/// The folder holds exactly the three tables with the right bytes, and SHA256SUMS lists them.
fn assert_unpacked(dir: &std::path::Path) {
    let epoch = dir.join("epoch");
    let t = tables();
    let expect = [
        ("all_ai_models_2025-01-02.csv", &t[0].1),
        ("frontier_ai_models_2024-05-01.csv", &t[2].1),
        ("notable_ai_models_2025-01-02.csv", &t[1].1),
    ];
    let mut sums = String::new();
    for (name, bytes) in expect {
        assert_eq!(&std::fs::read(epoch.join(name)).unwrap(), bytes, "{name}");
        sums.push_str(&format!("{}  {name}\n", sha(bytes)));
    }
    assert_eq!(std::fs::read_to_string(epoch.join("SHA256SUMS")).unwrap(), sums);
    let mut names: Vec<String> = std::fs::read_dir(&epoch)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "SHA256SUMS",
            "all_ai_models_2025-01-02.csv",
            "frontier_ai_models_2024-05-01.csv",
            "notable_ai_models_2025-01-02.csv"
        ]
    );
}

#[test]
fn full_download_unpacks_and_records_sha256() {
    let zip = archive();
    let srv = serve(zip.clone(), Mode::Ranges);
    let dir = tempfile::tempdir().unwrap();
    let out = pull_epoch(&options(&srv.url, dir.path())).unwrap();
    assert_eq!((out.resumed_from, out.restarted), (0, false));
    assert_eq!(out.zip_bytes, zip.len() as u64);
    assert_eq!(out.zip_sha256, sha(&zip));
    assert_eq!(out.files.len(), 3);
    assert_eq!(out.files[0].sha256, sha(&tables()[0].1));
    assert_unpacked(dir.path());
    assert_eq!(*srv.ranges_seen.lock().unwrap(), vec![None]);
}

#[test]
fn interrupted_download_resumes_with_a_range_request() {
    let zip = archive();
    let half = zip.len() / 2;
    let srv = serve(zip.clone(), Mode::StallFirst);
    let dir = tempfile::tempdir().unwrap();
    let err = pull_epoch(&options(&srv.url, dir.path())).unwrap_err();
    let part = dir.path().join("epoch/all_ai_models.zip.part");
    match &err {
        PullError::Interrupted { got, expected, .. } => {
            assert_eq!(*got, half as u64);
            assert_eq!(*expected, Some(zip.len() as u64));
        }
        e => panic!("expected an interruption, got {e}"),
    }
    assert!(err.to_string().contains("run the same command again to resume"), "{err}");
    assert_eq!(std::fs::read(&part).unwrap(), zip[..half]);
    let out = pull_epoch(&options(&srv.url, dir.path())).unwrap();
    assert_eq!((out.resumed_from, out.restarted), (half as u64, false));
    assert_eq!(out.zip_sha256, sha(&zip));
    assert!(!part.exists());
    assert_unpacked(dir.path());
    assert_eq!(*srv.ranges_seen.lock().unwrap(), vec![None, Some(format!("bytes={half}-"))]);
}

#[test]
fn server_without_range_support_restarts_cleanly() {
    let zip = archive();
    let srv = serve(zip.clone(), Mode::NoRanges);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("epoch")).unwrap();
    std::fs::write(dir.path().join("epoch/all_ai_models.zip.part"), &zip[..1000]).unwrap();
    let out = pull_epoch(&options(&srv.url, dir.path())).unwrap();
    assert_eq!((out.resumed_from, out.restarted), (0, true));
    assert_eq!(out.zip_bytes, zip.len() as u64);
    assert_unpacked(dir.path());
    assert_eq!(*srv.ranges_seen.lock().unwrap(), vec![Some("bytes=1000-".to_string())]);
}

#[test]
fn corrupt_partial_file_restarts_from_zero() {
    let zip = archive();
    let srv = serve(zip.clone(), Mode::Ranges);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("epoch")).unwrap();
    std::fs::write(dir.path().join("epoch/all_ai_models.zip.part"), vec![0x55u8; 1000]).unwrap();
    let out = pull_epoch(&options(&srv.url, dir.path())).unwrap();
    assert_eq!((out.resumed_from, out.restarted), (0, true));
    assert_unpacked(dir.path());
    assert_eq!(*srv.ranges_seen.lock().unwrap(), vec![Some("bytes=1000-".to_string()), None]);
}

#[test]
fn part_longer_than_the_file_restarts() {
    let zip = archive();
    let srv = serve(zip.clone(), Mode::Ranges);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("epoch")).unwrap();
    let mut long = zip.clone();
    long.extend_from_slice(b"trailing junk");
    std::fs::write(dir.path().join("epoch/all_ai_models.zip.part"), &long).unwrap();
    let out = pull_epoch(&options(&srv.url, dir.path())).unwrap();
    assert_eq!((out.resumed_from, out.restarted), (0, true));
    assert_unpacked(dir.path());
}

#[test]
fn not_found_is_a_clear_error() {
    let srv = serve(Vec::new(), Mode::NotFound);
    let dir = tempfile::tempdir().unwrap();
    let err = pull_epoch(&options(&srv.url, dir.path())).unwrap_err();
    assert!(matches!(err, PullError::Http { status: 404, .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains(&srv.url) && msg.contains("HTTP 404") && msg.contains("--url"), "{msg}");
    assert!(!dir.path().join("epoch/all_ai_models.zip.part").exists());
}

#[test]
fn a_body_that_is_not_a_zip_is_an_error_and_leaves_no_part() {
    let srv = serve(b"<html>moved</html>".to_vec(), Mode::Ranges);
    let dir = tempfile::tempdir().unwrap();
    let err = pull_epoch(&options(&srv.url, dir.path())).unwrap_err();
    assert!(matches!(err, PullError::NotZip { .. }), "{err}");
    assert!(!dir.path().join("epoch/all_ai_models.zip.part").exists());
}

#[test]
fn unreachable_server_is_a_network_error() {
    let dir = tempfile::tempdir().unwrap();
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/x.zip");
    let err = pull_epoch(&options(&url, dir.path())).unwrap_err();
    assert!(matches!(err, PullError::Network { .. }), "{err}");
    assert!(err.to_string().starts_with(&format!("could not reach {url}: ")), "{err}");
}

/// Issue 11: a 1 MB zip bomb wrote a 1 GiB CSV. Now an entry that expands beyond the ratio (or the size
/// limit) is an error, and nothing of it is kept: no table, no temporary file, no part file.
#[test]
fn a_zip_bomb_is_refused_and_nothing_is_kept() {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("all_ai_models.csv", opts).unwrap();
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..24 {
        z.write_all(&zeros).unwrap();
    }
    let bomb = z.finish().unwrap().into_inner();
    assert!(bomb.len() < 200_000, "{} bytes", bomb.len());
    let srv = serve(bomb, Mode::Ranges);
    let dir = tempfile::tempdir().unwrap();
    let err = pull_epoch(&options(&srv.url, dir.path())).unwrap_err();
    assert!(matches!(err, PullError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("expands more than 200 times"), "{err}");
    assert!(!dir.path().join("epoch").exists(), "the folder it created is removed again");
    // The size limit, with the ratio out of the way.
    let mut o = options(&srv.url, dir.path());
    (o.max_entry_ratio, o.max_entry_bytes) = (u64::MAX, 5 << 20);
    let err = pull_epoch(&o).unwrap_err();
    assert!(err.to_string().contains("expands beyond the limit of 5242880 bytes"), "{err}");
    // The download limit.
    let mut o = options(&srv.url, dir.path());
    o.max_download_bytes = 1000;
    let err = pull_epoch(&o).unwrap_err();
    assert!(err.to_string().contains("passed the limit of 1000 bytes"), "{err}");
    assert!(!dir.path().join("epoch").exists());
}

/// Issue 11: an undated table was named after the download date. Now it is named after the newest
/// publication date it holds; a failed pull leaves no empty `epoch/` behind.
#[test]
fn undated_tables_are_named_after_their_newest_publication_date() {
    let srv = serve(archive(), Mode::Ranges);
    let dir = tempfile::tempdir().unwrap();
    let mut o = options(&srv.url, dir.path());
    o.vintage = None;
    let out = pull_epoch(&o).unwrap();
    let names: Vec<String> =
        out.files.iter().map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned()).collect();
    // tables(): the big table's dates run to 2020-01-28; the notable table has 2020-01-01.
    assert_eq!(
        names,
        [
            "all_ai_models_2020-01-28.csv",
            "frontier_ai_models_2024-05-01.csv",
            "notable_ai_models_2020-01-01.csv"
        ]
    );
    let failed = tempfile::tempdir().unwrap();
    let srv = serve(Vec::new(), Mode::NotFound);
    assert!(pull_epoch(&options(&srv.url, &failed.path().join("data"))).is_err());
    assert!(!failed.path().join("data").exists(), "no empty data/epoch left by a failed pull");
}

/// A raw server that answers every connection with `response` (bytes on the wire): its URL.
fn serve_raw(response: &'static [u8]) -> String {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().map_while(Result::ok) {
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            let _ = conn.write_all(response);
        }
    });
    format!("http://127.0.0.1:{port}/all_ai_models.zip")
}

/// Issue 11, found by the `pull_http` fuzz target: with ureq 2, a response header line without a colon
/// (`Content-Length` alone) made `data pull` panic inside ureq (a slice index past the line's end) when
/// the header was read. ureq 3 refuses such a response; the pull ends in a network error naming the URL,
/// and keeps nothing.
#[test]
fn a_header_line_without_a_colon_is_an_error_not_a_panic() {
    for raw in [
        &b"HTTP/1.1 200 OK\r\nContent-Length\r\n\r\nPK"[..],
        &b"HTTP/1.1 200 OK\r\nConnection\r\nContent-Length: 2\r\n\r\nPK"[..],
        &b"HTTP/1.1 206 Partial Content\r\nContent-Range\r\n\r\nPK"[..],
    ] {
        let url = serve_raw(raw);
        let dir = tempfile::tempdir().unwrap();
        let err = pull_epoch(&options(&url, dir.path())).unwrap_err();
        assert!(matches!(err, PullError::Network { .. }), "{err}");
        assert!(err.to_string().starts_with(&format!("could not reach {url}: ")), "{err}");
        assert!(!dir.path().join("epoch").exists(), "a failed pull keeps nothing");
    }
}
