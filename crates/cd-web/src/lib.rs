//! The dashboard behind `compute-divide serve`: an axum server whose pages and JSON API recompute the
//! study (the model analyses, and the paper analyses when a paper panel asks) for any definitions given
//! in the query string.
//!
//! - `state`: the data read once at start, and the results per distinct definitions (bounded LRU cache,
//!   computed on the blocking pool);
//! - `params`: query parameters → `Definitions` and the explorer's filters, validated (400 naming the
//!   parameter);
//! - `explorer`: the models explorer's rows, downloads and scatter;
//! - `pages`: the server-rendered HTML (one GET form holds the view's state, so a link reproduces it);
//! - this file: the router, the handlers, the JSON errors, request logs and graceful shutdown.
//!
//! Read-only: no parameter names a file (the vintage is one of the loaded tables' stems).

pub mod explorer;
pub mod pages;
pub mod params;
pub mod state;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use params::{canonical_pairs, encode_query, parse_query, Filters, Format, Limits, ParamError, Query};
use state::{AppState, Computed, Rendered};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

pub use state::{LoadError, DEFAULT_CACHE_ENTRIES};

/// The OpenAPI description of the JSON API, served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// How to serve.
pub struct ServeOptions {
    pub data: cd_ingest::locate::DataDir,
    pub bind: SocketAddr,
    pub cache_entries: usize,
    pub limits: Limits,
    /// The definitions when a query sets none.
    pub base: cd_domain::Definitions,
    /// Serve the paper panels (their sources are read in the background after start).
    pub papers: bool,
}

/// Why the server did not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// Load the data, listen on `options.bind`, print the address, and serve until SIGINT or SIGTERM
/// (requests in flight finish).
pub fn serve(options: ServeOptions) -> Result<(), WebError> {
    init_logs();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let started = std::time::Instant::now();
        let data = options.data.clone();
        let (limits, entries, base) = (options.limits, options.cache_entries, options.base.clone());
        let mut state = tokio::task::spawn_blocking(move || AppState::load(data, base, limits, entries))
            .await
            .map_err(|e| WebError::Io(std::io::Error::other(e)))??;
        state.papers_expected = options.papers;
        let state = Arc::new(state);
        // The starting definitions' results, computed before anyone asks (the first page is then quick).
        let warm = state.clone();
        tokio::spawn(async move {
            let base = warm.base.clone();
            if let Ok(c) = warm.results(&base).await {
                tracing::info!(ms = c.compute_ms as u64, "starting definitions computed");
            }
        });
        if options.papers {
            let s = state.clone();
            tokio::task::spawn_blocking(move || s.load_papers());
        }
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|source| WebError::Bind { addr: options.bind, source })?;
        let addr = listener.local_addr()?;
        tracing::info!(
            vintages = state.vintages.len(),
            load_ms = started.elapsed().as_millis() as u64,
            "data loaded"
        );
        // The line tests and users read: where to point the browser.
        println!("compute-divide serve: listening on http://{addr}/ (Ctrl-C to stop)");
        run(state, listener, shutdown_signal()).await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// Request logs to stderr through `tracing` (`RUST_LOG` overrides the default `info`).
pub fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Serve `state` on `listener` until `shutdown` completes.
pub async fn run(
    state: Arc<AppState>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}

/// The routes.
pub fn router(state: Arc<AppState>) -> Router {
    use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
    Router::new()
        .route("/", get(overview_page))
        .route("/models", get(models_page))
        .route("/panel/{id}", get(panel_page))
        .route("/provenance", get(provenance_page))
        .route("/api/headlines", get(api_headlines))
        .route("/api/models", get(api_models))
        .route("/api/panels/{id}", get(api_panel))
        .route("/api/figures/{id}", get(api_figure))
        .route("/api/tables/{name}", get(api_table))
        .route("/api/definitions", get(api_definitions))
        .route("/api/provenance", get(api_provenance))
        .route("/openapi.json", get(openapi))
        .route("/static/app.js", get(app_js))
        .route("/static/app.css", get(app_css))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(not_found)
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

// ------------------------------------------------------------------------------------------------
// Errors

/// An API error: a JSON body `{"error": ..., "parameter": ...}` with a 4xx status (5xx only for a
/// failure of the server itself).
pub enum ApiError {
    BadParameter(ParamError),
    NotFound(ParamError),
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::BadParameter(e) => (StatusCode::BAD_REQUEST, serde_json::to_value(e)),
            ApiError::NotFound(e) => (StatusCode::NOT_FOUND, serde_json::to_value(e)),
            ApiError::Internal(e) => {
                tracing::error!(error = %e, "computation failed");
                (StatusCode::INTERNAL_SERVER_ERROR, Ok(serde_json::json!({ "error": e })))
            }
        };
        (status, Json(body.unwrap_or_default())).into_response()
    }
}

async fn not_found() -> ApiError {
    ApiError::NotFound(ParamError::new("path", "no such page or endpoint; see /openapi.json"))
}

fn pairs(raw: Option<String>) -> Vec<(String, String)> {
    raw.map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default()
}

fn query(state: &AppState, raw: Option<String>) -> Result<Query, ParamError> {
    parse_query(&pairs(raw), &state.base, &state.vintage_stems(), state.limits)
}

async fn results(state: &Arc<AppState>, q: &Query) -> Result<Arc<Computed>, ApiError> {
    state.results(&q.defs).await.map_err(|e| ApiError::Internal(e.0))
}

/// Parse the query and get the results, for the JSON API.
async fn api_input(state: &Arc<AppState>, raw: Option<String>) -> Result<(Query, Arc<Computed>), ApiError> {
    let q = query(state, raw).map_err(ApiError::BadParameter)?;
    let c = results(state, &q).await?;
    Ok((q, c))
}

// ------------------------------------------------------------------------------------------------
// Responses, rendered once per results, path and canonical query

const HTML: &str = "text/html; charset=utf-8";
const JSON: &str = "application/json";
const CSV: &str = "text/csv; charset=utf-8";
const SVG: &str = "image/svg+xml";

fn rendered(content_type: &'static str, body: impl Into<bytes::Bytes>) -> Rendered {
    Rendered { content_type, body: body.into() }
}

fn json_rendered(v: &serde_json::Value) -> Result<Rendered, ApiError> {
    serde_json::to_vec(v).map(|b| rendered(JSON, b)).map_err(|e| ApiError::Internal(e.to_string()))
}

fn respond(r: Rendered) -> Response {
    ([(header::CONTENT_TYPE, r.content_type)], r.body).into_response()
}

/// The key of a response in its results' cache: the path and the canonical query (definitions,
/// filters, format).
fn response_key(state: &AppState, path: &str, q: &Query) -> String {
    let mut pairs = canonical_pairs(&q.defs, &state.base, &q.filters);
    match q.format {
        Some(Format::Csv) => pairs.push(("format".into(), "csv".into())),
        Some(Format::Json) => pairs.push(("format".into(), "json".into())),
        None => {}
    }
    format!("{path}?{}", encode_query(&pairs))
}

// ------------------------------------------------------------------------------------------------
// Pages

/// Parse the query and get the results, for a page: a bad parameter is a 400 page naming it.
async fn page_input(
    state: &Arc<AppState>,
    raw: Option<String>,
    path: &str,
) -> Result<(Query, Arc<Computed>), Response> {
    let q = match query(state, raw) {
        Ok(q) => q,
        Err(e) => {
            return Err((
                StatusCode::BAD_REQUEST,
                Html(pages::bad_parameter_page(&e.parameter, &e.error, path)),
            )
                .into_response())
        }
    };
    let c = results(state, &q).await.map_err(IntoResponse::into_response)?;
    Ok((q, c))
}

/// A whole page around `body`.
fn render(
    state: &AppState,
    c: &Computed,
    path: &str,
    title: &str,
    filters: Option<&Filters>,
    body: &str,
) -> Rendered {
    let canonical = canonical_pairs(&c.defs, &state.base, filters.unwrap_or(&Filters::default()));
    let query = encode_query(&canonical);
    let frame = pages::Frame { state, computed: c, path, title, filters, query: &query };
    rendered(HTML, pages::page(&frame, body))
}

/// A page: parse, get the results, render once per path and canonical query.
async fn serve_page(
    state: Arc<AppState>,
    raw: Option<String>,
    path: &str,
    speccurve: bool,
    make: impl FnOnce(&AppState, &Query, &Computed) -> Result<Rendered, ApiError>,
) -> Response {
    let (q, c) = match page_input(&state, raw, path).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    if speccurve {
        if let Err(e) = AppState::speccurve(&c).await {
            return ApiError::Internal(e.0).into_response();
        }
    }
    let key = response_key(&state, path, &q);
    match c.rendered(&key, || make(&state, &q, &c)) {
        Ok(r) => respond(r),
        Err(e) => e.into_response(),
    }
}

async fn overview_page(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    serve_page(state, raw, "/", false, |state, _, c| {
        Ok(render(state, c, "/", "Overview", None, &pages::overview(c, &state.base)))
    })
    .await
}

async fn models_page(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    serve_page(state, raw, "/models", false, |state, q, c| {
        let rows = explorer::rows(c.models(), &c.defs, &q.filters);
        let svg = cd_report::figure::render_svg(&explorer::figure(&rows))
            .map(|s| explorer::focusable_points(&s))
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let query = encode_query(&canonical_pairs(&c.defs, &state.base, &q.filters));
        let body = pages::models_body(&rows, &svg, &query);
        Ok(render(state, c, "/models", "Models explorer", Some(&q.filters), &body))
    })
    .await
}

async fn panel_page(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(def) = pages::panel(&id) else {
        return unknown_panel(&id).into_response();
    };
    let path = format!("/panel/{id}");
    if def.paper {
        return paper_page(state, raw, def, &path).await;
    }
    let speccurve = def.section == state::SPECCURVE_SECTION;
    serve_page(state, raw, &path.clone(), speccurve, move |state, _, c| {
        let (sections, svgs) = panel_sections(c, speccurve)?;
        let v = pages::PanelView::of(def, sections)
            .ok_or_else(|| ApiError::Internal(format!("section {} was not built", def.section)))?;
        let dq = pages::defs_query(&c.defs, &state.base);
        let body = pages::panel_body(&v, svgs, &dq, None);
        Ok(render(state, c, &path, def.title, None, &body))
    })
    .await
}

/// The sections and figures a model panel draws from: the specification curve's (computed before the
/// call) or the others.
fn panel_sections(
    c: &Computed,
    speccurve: bool,
) -> Result<(&[cd_report::Section], &BTreeMap<String, String>), ApiError> {
    if !speccurve {
        return Ok((&c.sections, &c.svgs));
    }
    match c.speccurve.get() {
        Some(Ok(sc)) => Ok((std::slice::from_ref(&sc.section), &sc.svgs)),
        Some(Err(e)) => Err(ApiError::Internal(e.clone())),
        None => Err(ApiError::Internal("the specification curve was not computed".into())),
    }
}

fn papers_off(id: &str) -> ApiError {
    ApiError::NotFound(ParamError::new(
        "id",
        format!("panel {id:?} is a paper panel, and this server was started without them (--no-papers)"),
    ))
}

/// What a paper panel says while the paper sources are being read.
const PAPERS_LOADING: &str =
    "The papers are being read (they are read once, when the server starts); reload this page in a moment.";

/// The paper sections of the panel `def` under `c`'s definitions (its part of the paper analyses):
/// `Ok(None)` while the paper sources are being read, 404 when the server serves no paper panels.
async fn paper_results<'a>(
    state: &Arc<AppState>,
    c: &'a Arc<Computed>,
    def: &pages::PanelDef,
) -> Result<Option<&'a state::PaperSections>, ApiError> {
    if !state.papers_expected {
        return Err(papers_off(def.id));
    }
    let part = cd_report::sections::paper_part(def.section)
        .ok_or_else(|| ApiError::Internal(format!("panel {} shows no paper section", def.id)))?;
    match state.papers(c, part).await {
        None => Ok(None),
        Some(r) => r.map(Some).map_err(|e| ApiError::Internal(e.0)),
    }
}

/// A paper panel's page: computed for the query's definitions (cached like every page once ready).
async fn paper_page(
    state: Arc<AppState>,
    raw: Option<String>,
    def: &'static pages::PanelDef,
    path: &str,
) -> Response {
    let (q, c) = match page_input(&state, raw, path).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let p = match paper_results(&state, &c, def).await {
        Ok(Some(p)) => p,
        Ok(None) => {
            let body = format!(
                "<h2>{}</h2>\n<p class=\"note\" id=\"panel-note\">{}</p>\n",
                pages::esc(def.title),
                pages::esc(PAPERS_LOADING)
            );
            return respond(render(&state, &c, path, def.title, None, &body));
        }
        Err(e) => return e.into_response(),
    };
    let key = response_key(&state, path, &q);
    let made = c.rendered::<ApiError>(&key, || {
        let v = pages::PanelView::of(def, &p.sections)
            .ok_or_else(|| ApiError::Internal(format!("section {} was not built", def.section)))?;
        let dq = pages::defs_query(&c.defs, &state.base);
        let body = pages::panel_body(&v, &p.svgs, &dq, None);
        Ok(render(&state, &c, path, def.title, None, &body))
    });
    match made {
        Ok(r) => respond(r),
        Err(e) => e.into_response(),
    }
}

async fn provenance_page(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    serve_page(state, raw, "/provenance", false, |state, _, c| {
        Ok(render(state, c, "/provenance", "Provenance", None, &pages::provenance_body(state, c)))
    })
    .await
}

fn unknown_panel(id: &str) -> ApiError {
    let ids: Vec<&str> = pages::PANELS.iter().map(|p| p.id).collect();
    ApiError::NotFound(ParamError::new("id", format!("no panel {id:?}; panels: {}", ids.join(", "))))
}

// ------------------------------------------------------------------------------------------------
// JSON API

fn context(state: &AppState, c: &Computed) -> serde_json::Value {
    serde_json::json!({
        "version": state.version,
        "vintage": c.vintage,
        "definitions": c.defs,
        "query": encode_query(&canonical_pairs(&c.defs, &state.base, &Filters::default())),
        "compute_ms": c.compute_ms,
    })
}

fn with_context(state: &AppState, c: &Computed, fields: serde_json::Value) -> serde_json::Value {
    let mut v = context(state, c);
    if let (Some(o), serde_json::Value::Object(f)) = (v.as_object_mut(), fields) {
        o.extend(f);
    }
    v
}

/// An API answer: parse, get the results, render once per path and canonical query.
async fn serve_api(
    state: Arc<AppState>,
    raw: Option<String>,
    path: &str,
    speccurve: bool,
    make: impl FnOnce(&AppState, &Query, &Computed) -> Result<Rendered, ApiError>,
) -> Result<Response, ApiError> {
    let (q, c) = api_input(&state, raw).await?;
    if speccurve {
        AppState::speccurve(&c).await.map_err(|e| ApiError::Internal(e.0))?;
    }
    let key = response_key(&state, path, &q);
    c.rendered(&key, || make(&state, &q, &c)).map(respond)
}

async fn api_headlines(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    serve_api(state, raw, "/api/headlines", false, |state, _, c| {
        json_rendered(&with_context(state, c, serde_json::json!({ "headlines": c.headlines })))
    })
    .await
}

async fn api_models(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    serve_api(state, raw, "/api/models", false, |state, q, c| {
        let rows = explorer::rows(c.models(), &c.defs, &q.filters);
        match q.format.unwrap_or(Format::Json) {
            Format::Csv => {
                let bytes = explorer::to_csv(&rows).map_err(|e| ApiError::Internal(e.to_string()))?;
                Ok(rendered(CSV, bytes))
            }
            Format::Json => json_rendered(&with_context(
                state,
                c,
                serde_json::json!({ "filters": q.filters, "count": rows.len(), "models": rows }),
            )),
        }
    })
    .await
}

async fn api_panel(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let def = pages::panel(&id).ok_or_else(|| unknown_panel(&id))?;
    if def.paper {
        let (q, c) = api_input(&state, raw).await?;
        return paper_api(&state, &q, &c, def).await;
    }
    let speccurve = def.section == state::SPECCURVE_SECTION;
    serve_api(state, raw, &format!("/api/panels/{id}"), speccurve, move |state, _, c| {
        let (sections, _) = panel_sections(c, speccurve)?;
        let v = pages::PanelView::of(def, sections)
            .ok_or_else(|| ApiError::Internal(format!("section {} was not built", def.section)))?;
        let mut v = panel_json(&v);
        if let Some(o) = v.as_object_mut() {
            o.insert("status".into(), "ready".into());
        }
        json_rendered(&with_context(state, c, v))
    })
    .await
}

/// A panel as JSON: paragraphs, figures (id, title, caption, claim, marks) and tables (rows as shown).
fn panel_json(v: &pages::PanelView) -> serde_json::Value {
    let figures: Vec<serde_json::Value> = v
        .figures
        .iter()
        .map(|f| {
            serde_json::json!({
                "id": f.figure.id,
                "title": f.figure.title,
                "caption": f.caption,
                "claim": f.claim,
                "marks": f.figure.mark_count(),
            })
        })
        .collect();
    let tables: Vec<serde_json::Value> = v
        .tables
        .iter()
        .map(
            |t| serde_json::json!({ "name": t.name, "title": t.title, "columns": t.columns, "rows": t.rows }),
        )
        .collect();
    serde_json::json!({
        "panel": v.def.id,
        "title": v.section.title,
        "paragraphs": v.section.paragraphs,
        "figures": figures,
        "tables": tables,
    })
}

/// A paper panel as JSON for the query's definitions, with its `status` (`computing` while the papers
/// are being read at start, with no figures or tables; then `ready`).
async fn paper_api(
    state: &Arc<AppState>,
    q: &Query,
    c: &Arc<Computed>,
    def: &'static pages::PanelDef,
) -> Result<Response, ApiError> {
    let Some(p) = paper_results(state, c, def).await? else {
        let v = serde_json::json!({
            "panel": def.id, "title": def.title, "paragraphs": [], "figures": [], "tables": [],
            "status": "computing", "note": PAPERS_LOADING,
        });
        return Ok(Json(with_context(state, c, v)).into_response());
    };
    let key = response_key(state, &format!("/api/panels/{}", def.id), q);
    c.rendered(&key, || {
        let view = pages::PanelView::of(def, &p.sections)
            .ok_or_else(|| ApiError::Internal(format!("section {} was not built", def.section)))?;
        let mut v = panel_json(&view);
        if let Some(o) = v.as_object_mut() {
            o.insert("status".into(), "ready".into());
        }
        let mut v = with_context(state, c, v);
        if let Some(o) = v.as_object_mut() {
            o.insert("compute_ms".into(), p.compute_ms.into());
        }
        json_rendered(&v)
    })
    .map(respond)
}

/// Compute the paper sections of the query's definitions that may hold a figure or table `id` none of
/// the model panels has, before answering for it: the part of the paper analyses known to build it, or,
/// while some part was never computed, each such part (`AppState::paper_parts_for`). A 404 follows when
/// none has it.
async fn with_paper_ids(
    state: &Arc<AppState>,
    c: &Arc<Computed>,
    id: &str,
    figure: bool,
) -> Result<(), ApiError> {
    let model = c.sections.iter().any(|s| {
        if figure {
            s.figures.iter().any(|f| f.figure.id == id)
        } else {
            s.tables.iter().any(|t| t.name == id)
        }
    });
    if model || !state.papers_expected {
        return Ok(());
    }
    for part in state.paper_parts_for(id, figure) {
        if let Some(Err(e)) = state.papers(c, part).await {
            return Err(ApiError::Internal(e.0));
        }
    }
    Ok(())
}

async fn api_figure(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let speccurve = id.starts_with(state::SPECCURVE_SECTION);
    let (q, c) = api_input(&state, raw).await?;
    if speccurve {
        AppState::speccurve(&c).await.map_err(|e| ApiError::Internal(e.0))?;
    } else if id != "models_explorer" {
        with_paper_ids(&state, &c, &id, true).await?;
    }
    let key = response_key(&state, &format!("/api/figures/{id}"), &q);
    c.rendered(&key, || {
        if id == "models_explorer" {
            let rows = explorer::rows(c.models(), &c.defs, &q.filters);
            let svg = cd_report::figure::render_svg(&explorer::figure(&rows))
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            return Ok(rendered(SVG, svg));
        }
        let svg = c.svg(&id).cloned().ok_or_else(|| {
            let ids: Vec<&str> = c
                .all_sections()
                .into_iter()
                .chain(c.paper_sections())
                .flat_map(|s| &s.figures)
                .map(|f| f.figure.id.as_str())
                .collect();
            ApiError::NotFound(ParamError::new(
                "id",
                format!("no figure {id:?}; figures: models_explorer, {}", ids.join(", ")),
            ))
        })?;
        Ok(rendered(SVG, svg))
    })
    .map(respond)
}

async fn api_table(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let speccurve = name.starts_with(state::SPECCURVE_SECTION);
    let (q, c) = api_input(&state, raw).await?;
    if speccurve {
        AppState::speccurve(&c).await.map_err(|e| ApiError::Internal(e.0))?;
    } else {
        with_paper_ids(&state, &c, &name, false).await?;
    }
    let key = response_key(&state, &format!("/api/tables/{name}"), &q);
    c.rendered(&key, || {
        let all = c.all_sections().into_iter().chain(c.paper_sections());
        let table = all.clone().flat_map(|s| &s.tables).find(|t| t.name == name).ok_or_else(|| {
            let names: Vec<&str> = all.flat_map(|s| &s.tables).map(|t| t.name.as_str()).collect();
            ApiError::NotFound(ParamError::new(
                "name",
                format!("no table {name:?}; tables: {}", names.join(", ")),
            ))
        })?;
        match q.format.unwrap_or(Format::Json) {
            Format::Csv => Ok(rendered(CSV, table.to_csv().map_err(|e| ApiError::Internal(e.to_string()))?)),
            Format::Json => json_rendered(&table.json_value()),
        }
    })
    .map(respond)
}

async fn api_definitions(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    // Parsing is enough: the definitions in force need no results.
    let q = query(&state, raw).map_err(ApiError::BadParameter)?;
    let default = &state.base;
    let fields: Vec<serde_json::Value> = cd_domain::definitions::FIELD_DOCS
        .iter()
        .map(|(k, doc)| {
            serde_json::json!({
                "name": k,
                "doc": doc,
                "value": params::field_text(&q.defs, k),
                "default": params::field_text(default, k),
            })
        })
        .collect();
    Ok(Json(serde_json::json!({
        "definitions": q.defs,
        "vintage": state.vintage_of(&q.defs),
        "vintages": state.vintage_stems(),
        "default_vintage": state.default_vintage,
        "fields": fields,
        "query": encode_query(&canonical_pairs(&q.defs, &state.base, &Filters::default())),
    }))
    .into_response())
}

async fn api_provenance(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q = query(&state, raw).map_err(ApiError::BadParameter)?;
    Ok(Json(serde_json::json!({
        "version": state.version,
        "inputs": state.sources,
        "vintage": state.vintage_of(&q.defs),
        "definitions": q.defs,
    }))
    .into_response())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn app_js() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], APP_JS).into_response()
}

async fn app_css() -> Response {
    let css = format!("{}\n{}", cd_report::document::REPORT_CSS, APP_CSS);
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], css).into_response()
}
