//! `compute-divide data list` and `data pull` as a user runs them: output, exit codes (0 ok, 1 bad data or
//! download failure, 2 bad usage). The download itself is tested in cd-ingest/tests/it/pull.rs.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_compute-divide"))
}

#[test]
fn data_list_json_names_every_epoch_table() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let out =
        bin().arg("--data").arg(&data.root).args(["data", "list", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sets = v["datasets"].as_array().unwrap();
    let epoch: Vec<(&str, &str, u64)> = sets
        .iter()
        .filter(|d| d["kind"].as_str().unwrap().starts_with("epoch_"))
        .map(|d| {
            (d["kind"].as_str().unwrap(), d["vintage"].as_str().unwrap_or(""), d["rows"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        epoch,
        vec![
            ("epoch_all_models", "2023-12-14", 1117),
            ("epoch_all_models", "2024-02-05", 1107),
            ("epoch_all_models", "2025-08-07", 1892),
            ("epoch_frontier", "2025-12-02", 131),
            ("epoch_large_scale", "2025-12-02", 473),
            ("epoch_notable", "2025-12-02", 952),
            ("epoch_gpu_clusters", "", 786),
            ("epoch_ml_hardware", "", 170),
        ]
    );
}

#[test]
fn data_list_table_and_missing_folder() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let out = bin().arg("--data").arg(&data.root).args(["data", "list"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("path "), "{text}");
    assert!(text.contains("963456b6cfbae1a7acfb440e994b95b34a4edadc7f16b02c4f1f058c734d84fd"));
    let out = bin().args(["--data", "/nonexistent/folder", "data", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/folder (--data: no such folder)") && err.contains("data pull"),
        "{err}"
    );
}

/// A local server that answers one request with HTTP 404: its port and its thread.
fn serve_404_once() -> (u16, std::thread::JoinHandle<()>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let t = std::thread::spawn(move || {
        if let Ok(req) = server.recv() {
            let _ = req.respond(tiny_http::Response::from_string("gone").with_status_code(404));
        }
    });
    (port, t)
}

#[test]
fn data_pull_reports_http_errors_and_bad_usage() {
    let (port, t) = serve_404_once();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{port}/all_ai_models.zip");
    let out = bin().args(["data", "pull", "--url", &url, "--to"]).arg(dir.path()).output().unwrap();
    t.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{url}: the server answered HTTP 404")), "{err}");
    let out = bin().args(["data", "pull", "--no-such-flag"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 11: `data pull --data DIR` ignored DIR and filled ./data. Now `--data` is the folder filled when
/// `--to` is absent, and `--to` naming another folder than `--data` is a usage error.
#[test]
fn data_pull_fills_the_data_folder_given() {
    let (port, t) = serve_404_once();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mydata");
    let url = format!("http://127.0.0.1:{port}/all_ai_models.zip");
    let out = bin()
        .current_dir(dir.path())
        .args(["data", "pull", "--url", &url, "--data"])
        .arg(&target)
        .output()
        .unwrap();
    t.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("data pull into {}", target.display())), "{err}");
    assert!(!dir.path().join("data").exists() && !target.exists(), "nothing created by a failed pull");
    let out = bin().args(["data", "pull", "--url", &url, "--to", "a", "--data", "b"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--to a and --data b name two folders"), "{err}");
}

/// A local server that answers `n` requests with a zip holding one small Epoch table: its port and
/// its thread.
fn serve_zip(n: usize) -> (u16, std::thread::JoinHandle<()>) {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        z.start_file("all_ai_models.csv", opts).unwrap();
        z.write_all(
            b"Model,Publication date,Training compute (FLOP)\nM1,2024-03-01,1e24\nM2,2024-05-02,2e24\n",
        )
        .unwrap();
        z.finish().unwrap();
    }
    let bytes = buf.into_inner();
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let t = std::thread::spawn(move || {
        for _ in 0..n {
            if let Ok(req) = server.recv() {
                let _ = req.respond(tiny_http::Response::from_data(bytes.clone()));
            }
        }
    });
    (port, t)
}

/// Issue 11: pulling into ./data inside a checkout silently shadowed ../shared/data (the report then
/// dropped its paper sections). The pull now says so; and a pull into a folder that the commands run
/// here will not read says which folder they read instead.
#[test]
fn data_pull_notes_when_the_folder_shadows_or_is_shadowed() {
    let (port, t) = serve_zip(2);
    let url = format!("http://127.0.0.1:{port}/all_ai_models.zip");
    let root = tempfile::tempdir().unwrap();
    let shared_epoch = root.path().join("shared").join("data").join("epoch");
    std::fs::create_dir_all(&shared_epoch).unwrap();
    std::fs::write(
        shared_epoch.join("all_ai_models_2023-01-01.csv"),
        "Model,Publication date\nA,2023-01-01\n",
    )
    .unwrap();
    let checkout = root.path().join("checkout");
    std::fs::create_dir_all(&checkout).unwrap();
    let pull = |to: &str| {
        bin()
            .current_dir(&checkout)
            .env_remove("COMPUTE_DIVIDE_DATA")
            .args(["data", "pull", "--url", &url, "--to", to])
            .output()
            .unwrap()
    };
    // Into `other/`: the commands run here read ../shared/data, not the tables just pulled.
    let out = pull("other");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(checkout.join("other/epoch/all_ai_models_2024-05-02.csv").is_file(), "{err}");
    assert!(err.contains("note: commands run here read ../shared/data"), "{err}");
    assert!(err.contains("not other; pass `--data other`"), "{err}");
    // Into `data/`: it now hides ../shared/data.
    let out = pull("data");
    t.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("note: ./data now comes before ../shared/data"), "{err}");
    assert!(!err.contains("commands run here read"), "{err}");
}
