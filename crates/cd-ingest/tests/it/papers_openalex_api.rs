//! The OpenAlex API client against a local tiny_http server started by the test: cursor paging, mailto
//! and per-page in the query, a 429 then success, a 500 then success, a 404 failing at once, and resuming
//! after an interrupted pull (including bytes written after the last recorded page).

use cd_ingest::papers::openalex::{read_openalex, ReadOptions};
use cd_ingest::papers::openalex_api::{fetch, state_path, FetchError, FetchOptions};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Pages by cursor: `*` → W1, W2 (next c2); `c2` → W3, W4 (next c3); `c3` → W5 (next c4); `c4` → none.
fn page(cursor: &str) -> Option<String> {
    let (ids, next): (&[u32], Option<&str>) = match cursor {
        "*" => (&[1, 2], Some("c2")),
        "c2" => (&[3, 4], Some("c3")),
        "c3" => (&[5], Some("c4")),
        "c4" => (&[], None),
        _ => return None,
    };
    let results: Vec<String> = ids
        .iter()
        .map(|i| {
            format!(r#"{{"id":"https://openalex.org/W{i}","title":"Work {i}","publication_year":2020}}"#)
        })
        .collect();
    let next = next.map_or("null".to_string(), |n| format!("\"{n}\""));
    Some(format!(
        r#"{{"meta":{{"count":5,"next_cursor":{next},"per_page":200}},"results":[{}]}}"#,
        results.join(",")
    ))
}

struct Server {
    base: String,
    log: Arc<Mutex<Vec<String>>>,
}

/// Serve pages; `fail` maps a cursor to the statuses to answer before succeeding.
fn serve(fail: HashMap<&'static str, Vec<u16>>) -> Server {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let log2 = log.clone();
    std::thread::spawn(move || {
        let mut fail = fail;
        for req in server.incoming_requests() {
            let url = req.url().to_string();
            log2.lock().unwrap().push(url.clone());
            let query: HashMap<String, String> = url
                .split_once('?')
                .map(|(_, q)| q)
                .unwrap_or("")
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_string(), v.replace("%2A", "*").replace("%3A", ":").replace("%2C", ",")))
                .collect();
            let cursor = query.get("cursor").cloned().unwrap_or_default();
            if let Some(statuses) = fail.get_mut(cursor.as_str()) {
                if !statuses.is_empty() {
                    let code = statuses.remove(0);
                    let resp = tiny_http::Response::from_string("busy")
                        .with_status_code(code)
                        .with_header("Retry-After: 0".parse::<tiny_http::Header>().unwrap());
                    let _ = req.respond(resp);
                    continue;
                }
            }
            let _ = match page(&cursor) {
                Some(body) => req.respond(tiny_http::Response::from_string(body)),
                None => req.respond(tiny_http::Response::from_string("no such cursor").with_status_code(404)),
            };
        }
    });
    Server { base, log }
}

fn options(server: &Server, out: &std::path::Path) -> FetchOptions {
    let mut o = FetchOptions::new("publication_year:2020", out);
    o.base_url = server.base.clone();
    o.mailto = Some("lab@example.org".into());
    o.initial_backoff = Duration::from_millis(5);
    o.max_backoff = Duration::from_millis(20);
    o
}

fn ids_in(path: &std::path::Path) -> (Vec<String>, usize) {
    let r = read_openalex(&[path.to_path_buf()], &ReadOptions::default()).unwrap();
    (r.works.into_iter().map(|w| w.paper.paper_id).collect(), r.reports[0].rows_rejected)
}

#[test]
fn pages_retries_and_query() {
    let server = serve(HashMap::from([("c2", vec![429]), ("c3", vec![500, 503])]));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("works.jsonl.gz");
    let s = fetch(&options(&server, &out)).unwrap();
    assert_eq!((s.pages_this_run, s.works_this_run, s.retries, s.resumed), (4, 5, 3, false));
    assert!(s.state.done && s.state.next_cursor.is_none());
    assert_eq!(ids_in(&out), (vec!["W1", "W2", "W3", "W4", "W5"].into_iter().map(String::from).collect(), 0));
    let log = server.log.lock().unwrap().clone();
    assert_eq!(log.len(), 7);
    assert!(log[0].starts_with("/works?"), "{}", log[0]);
    for want in ["cursor=*", "per-page=200", "mailto=lab%40example.org", "filter=publication_year%3A2020"] {
        assert!(log[0].contains(want), "{want} missing from {}", log[0]);
    }
    // A finished pull is not repeated.
    let again = fetch(&options(&server, &out)).unwrap();
    assert_eq!((again.pages_this_run, again.resumed), (0, true));
    assert_eq!(server.log.lock().unwrap().len(), 7);
}

#[test]
fn resume_after_interruption() {
    let server = serve(HashMap::new());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("works.jsonl.gz");
    let mut o = options(&server, &out);
    o.max_pages = Some(1);
    let first = fetch(&o).unwrap();
    assert_eq!((first.state.works_written, first.state.next_cursor.as_deref()), (2, Some("c2")));
    let state: serde_json::Value = serde_json::from_slice(&std::fs::read(state_path(&out)).unwrap()).unwrap();
    assert_eq!(state["next_cursor"], "c2");
    // A crash after writing a page but before recording it leaves extra bytes: they are cut on resume.
    let mut f = std::fs::OpenOptions::new().append(true).open(&out).unwrap();
    std::io::Write::write_all(&mut f, b"\x1f\x8bhalf a gzip member").unwrap();
    drop(f);
    o.max_pages = None;
    let second = fetch(&o).unwrap();
    assert!(second.resumed);
    assert_eq!((second.works_this_run, second.state.works_written, second.state.pages), (3, 5, 4));
    let (ids, rejected) = ids_in(&out);
    assert_eq!((ids.len(), rejected), (5, 0));
    // Another filter on the same output is refused.
    let mut other = options(&server, &out);
    other.filter = "publication_year:2021".into();
    assert!(matches!(fetch(&other), Err(FetchError::OtherFilter { .. })));
}

#[test]
fn client_errors_fail_at_once_and_retries_give_up() {
    let server = serve(HashMap::from([("*", vec![500, 500, 500])]));
    let dir = tempfile::tempdir().unwrap();
    let mut o = options(&server, &dir.path().join("a.jsonl.gz"));
    o.max_retries = 2;
    let e = fetch(&o).unwrap_err().to_string();
    assert!(e.contains("gave up after 3 attempts") && e.contains("HTTP 500"), "{e}");
    let server = serve(HashMap::from([("*", vec![404])]));
    let o = options(&server, &dir.path().join("b.jsonl.gz"));
    let e = fetch(&o).unwrap_err().to_string();
    assert!(e.contains("HTTP 404"), "{e}");
}

/// Issue 11: a bare 404 (no body) ended in "HTTP 404:" with nothing after it. Now the reason phrase says
/// what it means, and that the body was empty.
#[test]
fn a_bare_404_still_says_what_it_means() {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    std::thread::spawn(move || {
        if let Ok(req) = server.recv() {
            let _ = req.respond(tiny_http::Response::empty(404));
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let mut o = FetchOptions::new("publication_year:2020", dir.path().join("c.jsonl.gz"));
    o.base_url = base;
    let e = fetch(&o).unwrap_err().to_string();
    assert!(e.contains("HTTP 404: Not Found (empty body)"), "{e}");
}
