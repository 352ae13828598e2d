//! Any bytes as the HTTP response `data pull` receives, continuing a part file of 0 or 5 bytes: first
//! byte bit 0 = a part file exists; next two bytes = the status (100–599); then header lines
//! (`name: value`, to the first empty line; lines ureq's `http` types refuse are dropped, as ureq's parser
//! would refuse them) and the body. The response handling either saves the body within the download
//! limit (here 4 KiB), asks to fetch the whole file again, or returns an error; never a panic or a
//! hang, and the part file never ends longer than the limit. (The bytes-on-the-wire parsing is ureq's;
//! the regression test for the ureq 2 header panic this target found is in tests/it/pull.rs.)
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [flags, s0, s1, rest @ ..] = data else { return };
    let status = 100 + u16::from_le_bytes([*s0, *s1]) % 500;
    let split = rest.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)).unwrap_or((rest.len(), 0));
    let (head, body) = (&rest[..split.0], &rest[(split.0 + split.1).min(rest.len())..]);
    let mut builder = ureq::http::Response::builder().status(status);
    for line in head.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
        let name = ureq::http::HeaderName::from_bytes(&line[..colon]);
        let value = ureq::http::HeaderValue::from_bytes(line[colon + 1..].trim_ascii());
        if let (Ok(n), Ok(v)) = (name, value) {
            builder = builder.header(n, v);
        }
    }
    let Ok(response) = builder.body(ureq::Body::builder().data(body.to_vec())) else { return };
    let dir = std::env::temp_dir().join(format!("cd-fuzz-http-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let part = dir.join("all_ai_models.zip.part");
    let existing: u64 = if flags & 1 == 1 { 5 } else { 0 };
    if existing > 0 {
        std::fs::write(&part, b"PK\x03\x04\x00").unwrap();
    } else {
        let _ = std::fs::remove_file(&part);
    }
    let mut opts = cd_ingest::pull::PullOptions::new("http://127.0.0.1/all_ai_models.zip", &dir);
    opts.progress = false;
    opts.max_download_bytes = 4096;
    let out = cd_ingest::pull::receive_response(response, existing, &opts, &part);
    let len = std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
    assert!(len <= opts.max_download_bytes, "part file of {len} bytes");
    if let Ok(Some(from)) = out {
        assert!(from == 0 || from == existing);
    }
});
