//! A server over the shipped data, started once for the whole test binary on 127.0.0.1:0 (its own
//! tokio runtime on a background thread), and a small blocking HTTP client.

use cd_web::params::Limits;
use cd_web::state::AppState;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

pub struct Server {
    pub addr: SocketAddr,
    pub state: Arc<AppState>,
}

/// The running server, or `None` (a `SKIPPED` line; a failure under CI) when the shipped data is absent.
pub fn server() -> Option<&'static Server> {
    static SERVER: OnceLock<Option<Server>> = OnceLock::new();
    SERVER.get_or_init(|| start(cd_domain::Definitions::default(), false)).as_ref()
}

/// A second server, with the paper panels (their sources read before it answers), starting from `base`
/// on its first call.
pub fn server_with_papers(base: &cd_domain::Definitions) -> Option<&'static Server> {
    static SERVER: OnceLock<Option<Server>> = OnceLock::new();
    SERVER.get_or_init(|| start(base.clone(), true)).as_ref()
}

fn start(base: cd_domain::Definitions, papers: bool) -> Option<Server> {
    {
        {
            let data = cd_ingest::locate::test_data_or_skip()?;
            let mut state = AppState::load(data, base, Limits::default(), 8).expect("load the shipped data");
            state.papers_expected = papers;
            if papers {
                state.load_papers();
            }
            let state = Arc::new(state);
            let (tx, rx) = std::sync::mpsc::channel();
            let s = state.clone();
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
                rt.block_on(async move {
                    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                    tx.send(listener.local_addr().unwrap()).unwrap();
                    cd_web::run(s, listener, std::future::pending()).await.unwrap();
                });
            });
            let addr = rx.recv().expect("server address");
            Some(Server { addr, state })
        }
    }
}

/// Status, content type and body of `GET path`.
pub fn get(s: &Server, path: &str) -> (u16, String, String) {
    let url = format!("http://{}{path}", s.addr);
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    match agent.get(&url).call() {
        Ok(mut r) => {
            // The media type without parameters (`text/csv`, not `text/csv; charset=utf-8`).
            let ctype = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
            let ctype = ctype.split(';').next().unwrap_or("").trim().to_string();
            let body = r.body_mut().with_config().limit(1 << 30).read_to_string().unwrap();
            (r.status().as_u16(), ctype, body)
        }
        Err(e) => panic!("GET {url}: {e}"),
    }
}

pub fn get_json(s: &Server, path: &str) -> (u16, serde_json::Value) {
    let (code, ctype, body) = get(s, path);
    assert!(ctype.starts_with("application/json"), "GET {path}: content type {ctype}");
    (code, serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {body}")))
}
