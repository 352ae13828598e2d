//! What the server holds: the Epoch tables read once at start, their provenance, and the results of each
//! distinct set of definitions in a bounded LRU cache.
//!
//! A request's results ([`Computed`]) are the report's: the models are classified under the request's
//! definitions (`cd_classify::team::classify_models`, with the institution classifier of those
//! definitions' classifier options, which `cd_pipeline` builds once per options), the model analyses run
//! (`cd_analysis::model_study::model_study`, with every all-models vintage for the specification curve),
//! and the sections, figures and headlines come from `cd_report` (`model_sections`, `headlines`,
//! `figure::render_svg`). Nothing here computes a statistic.

use crate::params::Limits;
use cd_analysis::model_study::ModelStudy;
use cd_analysis::paper_study::PaperPart;
use cd_analysis::speccurve::Vintage;
use cd_classify::ClassifierOptions;
use cd_domain::{ClassifiedModel, Definitions, Model};
use cd_ingest::locate::DataDir;
use cd_report::{Headline, Section, Source};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// An error of loading the data at start (the server does not start).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Pipeline(#[from] cd_pipeline::PipelineError),
    #[error("no Epoch all-models table (all_ml_systems_*.csv) to analyse in {0}")]
    NoModels(String),
    #[error("{0}")]
    Hash(String),
}

/// One Epoch all-models table, read once.
pub struct VintageTable {
    /// File stem, e.g. `all_ml_systems_2025-08-07` (the values of the `vintage` parameter).
    pub stem: String,
    pub models: Vec<Model>,
    pub source: Source,
}

/// The results of one set of definitions.
pub struct Computed {
    pub defs: Definitions,
    /// The analysed vintage's stem.
    pub vintage: String,
    /// Every vintage's models classified under `defs`, the analysed vintage first (the specification
    /// curve's input).
    pub classified: Arc<Classified>,
    /// The model analyses' results, the specification curve left empty.
    pub study: ModelStudy,
    /// The specification curve's section and figures, computed when first asked for (it bootstraps every
    /// specification: most of a cold recompute's time).
    pub speccurve: OnceCell<Result<SpecCurveSection, String>>,
    /// The paper sections under `defs` and their figures, by part of the paper analyses (in
    /// [`PaperPart::ALL`] order), each computed when a panel of it is first asked for (after the paper
    /// sources are read at start).
    pub papers: [OnceCell<Result<PaperSections, String>>; 4],
    pub headlines: Vec<Headline>,
    /// The report's model sections, in report order.
    pub sections: Vec<Section>,
    /// Every figure of `sections`, rendered, by figure id.
    pub svgs: BTreeMap<String, String>,
    /// Wall time of the computation, milliseconds.
    pub compute_ms: f64,
    /// Responses already rendered from these results, by path and canonical query (bounded): every
    /// response is a function of the two, so a repeated request is answered without rendering again.
    responses: Mutex<lru::LruCache<String, Rendered>>,
}

/// A rendered response body with its content type.
#[derive(Clone)]
pub struct Rendered {
    pub content_type: &'static str,
    pub body: bytes::Bytes,
}

/// How many rendered responses each set of results keeps.
const RESPONSES_PER_ENTRY: usize = 64;

impl Computed {
    /// The response for `key` (path and canonical query): rendered once by `render`, then from memory.
    /// A render that fails is not kept.
    pub fn rendered<E>(
        &self,
        key: &str,
        render: impl FnOnce() -> Result<Rendered, E>,
    ) -> Result<Rendered, E> {
        if let Some(r) = self.responses.lock().ok().and_then(|mut c| c.get(key).cloned()) {
            return Ok(r);
        }
        let r = render()?;
        if let Ok(mut c) = self.responses.lock() {
            c.put(key.to_string(), r.clone());
        }
        Ok(r)
    }
}

/// The paper sections of some definitions, with their figures rendered.
pub struct PaperSections {
    pub sections: Vec<Section>,
    pub svgs: BTreeMap<String, String>,
    /// Wall time of the computation (the classification of the papers included when it was not in
    /// memory), milliseconds.
    pub compute_ms: f64,
}

/// The report's section id of the specification curve.
pub const SPECCURVE_SECTION: &str = "speccurve";

/// The specification curve's section with its figures rendered.
pub struct SpecCurveSection {
    pub section: Section,
    pub svgs: BTreeMap<String, String>,
    pub compute_ms: f64,
}

impl Computed {
    /// The analysed vintage's models, classified under `defs`.
    pub fn models(&self) -> &[ClassifiedModel] {
        &self.classified[0].1
    }

    /// Every section computed so far, in report order (the specification curve's once computed).
    pub fn all_sections(&self) -> Vec<&Section> {
        let mut out: Vec<&Section> = self.sections.iter().collect();
        if let Some(Ok(sc)) = self.speccurve.get() {
            out.push(&sc.section);
        }
        out
    }

    /// A figure computed so far, rendered.
    pub fn svg(&self, id: &str) -> Option<&String> {
        let paper = || self.paper_parts().find_map(|p| p.svgs.get(id));
        self.svgs
            .get(id)
            .or_else(|| match self.speccurve.get() {
                Some(Ok(sc)) => sc.svgs.get(id),
                _ => None,
            })
            .or_else(paper)
    }

    /// The parts of the paper sections computed so far (none until asked for), in report order.
    fn paper_parts(&self) -> impl Iterator<Item = &PaperSections> + Clone {
        self.papers.iter().filter_map(|p| p.get().and_then(|r| r.as_ref().ok()))
    }

    /// The paper sections computed so far (none until asked for), in report order.
    pub fn paper_sections(&self) -> impl Iterator<Item = &Section> + Clone {
        self.paper_parts().flat_map(|p| &p.sections)
    }
}

fn render_figures(sections: &[Section]) -> Result<BTreeMap<String, String>, ComputeError> {
    let mut svgs = BTreeMap::new();
    for f in sections.iter().flat_map(|s| &s.figures) {
        let svg = cd_report::figure::render_svg(&f.figure).map_err(|e| ComputeError(e.to_string()))?;
        svgs.insert(f.figure.id.clone(), svg);
    }
    Ok(svgs)
}

impl Computed {
    /// The specification curve over every vintage, and its section as the report builds it.
    fn compute_speccurve(&self) -> Result<SpecCurveSection, String> {
        let started = std::time::Instant::now();
        let vintages: Vec<Vintage> =
            self.classified.iter().map(|(name, models)| Vintage { name: name.clone(), models }).collect();
        let mut study = self.study.clone();
        study.speccurve = cd_analysis::speccurve::spec_curve(&vintages, &self.defs);
        let results = cd_report::ModelResults::of(&study, self.models(), &self.defs);
        let section = cd_report::model_sections(&results)
            .iter()
            .map(|s| s.to_section())
            .find(|s| s.id == SPECCURVE_SECTION)
            .ok_or_else(|| "the report built no specification-curve section".to_string())?;
        let svgs = render_figures(std::slice::from_ref(&section)).map_err(|e| e.0)?;
        Ok(SpecCurveSection { section, svgs, compute_ms: started.elapsed().as_secs_f64() * 1000.0 })
    }
}

/// An error of computing results (a classifier that cannot be built, a figure that cannot be rendered):
/// the server's fault or the data's, answered with 500.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ComputeError(pub String);

type Slot = Arc<OnceCell<Arc<Computed>>>;

/// Every vintage's models classified under some definitions, the analysed vintage first.
pub type Classified = Vec<(String, Vec<ClassifiedModel>)>;

/// Fields of `Definitions` that no step of classification reads (they choose samples, rules and
/// statistics of the analyses): definitions that differ only in them share their classified models. A
/// field not listed here is part of the classification key, so a new field is safe by default.
const NOT_CLASSIFICATION: &[&str] = &[
    "seed",
    "bootstrap_resamples",
    "bootstrap_jitter",
    "notability_filter",
    "dl_era_start",
    "large_scale_era_start",
    "large_scale_rule",
    "frontier_rule",
    "periods",
    "top_k_largest",
    "topic_min_papers",
    "topic_min_models",
    "thematic_prior_scale",
    "open_closed_frontier_rule",
    "open_closed_fit_start",
    "gap_top_n",
    "influential_min_compute_flop",
    "influential_top_mentioned",
    "adoption_top_models",
    "gap_from",
    "min_fit_points",
    "min_n_share",
    "min_valid_bootstrap_share",
    "headline_year",
    "spec_curve",
    "topic_scoring",
    "thematic_min_count",
    "thematic_top",
    "adoption_min_papers_per_year",
    "venue_set",
];

/// The key of `defs`' classification: the definitions but the fields of [`NOT_CLASSIFICATION`], with
/// the analysed vintage when given.
fn classification_key(defs: &Definitions, vintage: Option<&str>) -> Result<String, String> {
    let mut key = serde_json::to_value(defs).map_err(|e| e.to_string())?;
    if let Some(o) = key.as_object_mut() {
        o.retain(|k, _| !NOT_CLASSIFICATION.contains(&k.as_str()));
        o.remove("vintage");
        if let Some(v) = vintage {
            o.insert("vintage".into(), v.into());
        }
    }
    Ok(key.to_string())
}

/// How many sets of classified models are kept.
const CLASSIFIED_ENTRIES: usize = 8;

/// The server's state, shared by every request.
pub struct AppState {
    pub data: DataDir,
    /// Every all-models vintage of the data folder, sorted by path (oldest first).
    pub vintages: Vec<VintageTable>,
    /// The vintage analysed when the definitions name none: the newest.
    pub default_vintage: String,
    /// Provenance of every input: the vintages, then the registries of the institution classifier.
    pub sources: Vec<Source>,
    pub limits: Limits,
    /// The definitions when a query sets none (the study's, unless `serve` was given a config or flags).
    pub base: Definitions,
    pub version: String,
    /// The paper sources, read once in the background after start (`cd_study::read_paper_sources`).
    pub papers: PaperState,
    /// Whether the paper panels are served (`serve` without `--no-papers`).
    pub papers_expected: bool,
    cache: Mutex<lru::LruCache<String, Slot>>,
    classified: Mutex<lru::LruCache<String, Arc<Classified>>>,
    /// The paper sources classified, by classification key (see [`NOT_CLASSIFICATION`]).
    /// Classifications with the same `cd_study::paper_classification_key` share their classified papers
    /// (`cd_study::classify_tables`).
    classified_papers: Mutex<lru::LruCache<String, Arc<cd_study::ClassifiedPapers>>>,
    /// The part of the paper analyses of each figure id and table name of the paper sections, for the
    /// parts computed so far (they do not depend on the definitions).
    paper_ids: Mutex<PaperIds>,
}

/// The paper sources once read: `None` inside when the data folder lacks them (the panels then show the
/// report's empty states).
#[derive(Default)]
pub struct PaperState(std::sync::OnceLock<PaperLoad>);

pub struct PaperLoad {
    pub result: Result<Option<cd_study::PaperSources>, String>,
    /// Wall time of reading them, milliseconds.
    pub load_ms: f64,
}

impl PaperState {
    pub fn get(&self) -> Option<&PaperLoad> {
        self.0.get()
    }
}

/// The figures and tables of the paper sections, by the part of the paper analyses that builds them.
#[derive(Default)]
struct PaperIds {
    figures: BTreeMap<String, PaperPart>,
    tables: BTreeMap<String, PaperPart>,
    /// The parts computed at least once (under any definitions).
    seen: Vec<PaperPart>,
}

/// The position of a part in [`Computed::papers`] ([`PaperPart::ALL`] order).
fn part_slot(part: PaperPart) -> usize {
    match part {
        PaperPart::Publications => 0,
        PaperPart::Topics => 1,
        PaperPart::Review => 2,
        PaperPart::Adoption => 3,
    }
}

/// How many classifications of the papers are kept (each holds a copy of every paper, but those that
/// share their classified papers: `cd_study::classify_tables`).
const CLASSIFIED_PAPER_ENTRIES: usize = 4;

/// How many distinct definitions the cache keeps.
pub const DEFAULT_CACHE_ENTRIES: usize = 32;

impl AppState {
    /// Read every all-models vintage of `data` (in parallel, through the parse cache of `cd_pipeline`),
    /// hash it, and build the classifier of `base`, the definitions a query starts from.
    pub fn load(
        data: DataDir,
        base: Definitions,
        limits: Limits,
        cache_entries: usize,
    ) -> Result<AppState, LoadError> {
        let paths = cd_ingest::datasets::all_models_tables(&data);
        let newest = cd_ingest::datasets::newest_all_models(&data)
            .ok_or_else(|| LoadError::NoModels(data.epoch().display().to_string()))?;
        let options = ClassifierOptions::from_definitions(&base);
        let (read, clf) = rayon::join(
            || paths.par_iter().map(|p| cd_pipeline::read_models(p)).collect::<Vec<_>>(),
            || cd_pipeline::load_classifier_with(&data, options),
        );
        clf?;
        let stem = |p: &Path| p.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        let mut vintages = Vec::new();
        for r in read {
            let r = r?;
            let what = if cd_ingest::datasets::is_all_models_table(&r.path) { "all models" } else { "table" };
            let source =
                cd_ingest::datasets::provenance::epoch(&data, &r.path, &r.sha256, &r.table.report, what);
            vintages.push(VintageTable { stem: stem(&r.path), models: r.table.models, source });
        }
        let mut sources: Vec<Source> = vintages.iter().map(|v| v.source.clone()).collect();
        let registries = cd_pipeline::load_registries(&data)?;
        if let Some(r) = &registries.grid_report {
            sources.push(
                cd_ingest::datasets::provenance::grid(&data, r)
                    .map_err(|e| LoadError::Hash(e.to_string()))?,
            );
        }
        if let Some(r) = &registries.universities_report {
            sources.push(
                cd_ingest::datasets::provenance::universities(&data, r)
                    .map_err(|e| LoadError::Hash(e.to_string()))?,
            );
        }
        if let Some(v) = &base.vintage {
            if !vintages.iter().any(|t| &t.stem == v) {
                return Err(LoadError::NoModels(format!(
                    "{} (vintage {v:?} is not among them)",
                    data.epoch().display()
                )));
            }
        }
        let entries = NonZeroUsize::new(cache_entries.max(1)).expect("at least one entry");
        Ok(AppState {
            default_vintage: stem(&newest),
            data,
            vintages,
            sources,
            limits,
            base,
            papers: PaperState::default(),
            papers_expected: false,
            version: format!("compute-divide {}", env!("CARGO_PKG_VERSION")),
            cache: Mutex::new(lru::LruCache::new(entries)),
            classified: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(CLASSIFIED_ENTRIES).expect("a positive bound"),
            )),
            paper_ids: Mutex::new(PaperIds::default()),
            classified_papers: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(CLASSIFIED_PAPER_ENTRIES).expect("a positive bound"),
            )),
        })
    }

    /// Read the paper sources (blocking; once, at start, in the background) for the paper panels.
    pub fn load_papers(&self) {
        let started = std::time::Instant::now();
        let result = cd_study::read_paper_sources(&self.data, &self.base).map_err(|e| e.to_string());
        let load_ms = started.elapsed().as_secs_f64() * 1000.0;
        match &result {
            Ok(_) => tracing::info!(ms = load_ms as u64, "paper sources read"),
            Err(e) => tracing::error!(error = %e, "paper sources could not be read"),
        }
        let _ = self.papers.0.set(PaperLoad { result, load_ms });
    }

    /// The parts of the paper analyses to compute before answering for a figure (`figure`) or a table
    /// `id` that no model panel has: the part that builds it when known; else every part not yet computed
    /// (under any definitions), since one of them may build it; none when every part was computed and
    /// none builds it.
    pub fn paper_parts_for(&self, id: &str, figure: bool) -> Vec<PaperPart> {
        let Ok(ids) = self.paper_ids.lock() else { return PaperPart::ALL.to_vec() };
        let known = if figure { &ids.figures } else { &ids.tables };
        match known.get(id) {
            Some(&part) => vec![part],
            None => PaperPart::ALL.into_iter().filter(|p| !ids.seen.contains(p)).collect(),
        }
    }

    /// The paper sections of `part` under `c`'s definitions (computed on the blocking pool the first
    /// time, once). `None` while the paper sources are still being read.
    pub async fn papers<'c>(
        self: &Arc<Self>,
        c: &'c Arc<Computed>,
        part: PaperPart,
    ) -> Option<Result<&'c PaperSections, ComputeError>> {
        self.papers.get()?;
        let (state, owned) = (self.clone(), c.clone());
        let got = c.papers[part_slot(part)]
            .get_or_init(|| async move {
                tokio::task::spawn_blocking(move || state.compute_papers(&owned.defs, part))
                    .await
                    .unwrap_or_else(|e| Err(format!("computation failed: {e}")))
            })
            .await;
        Some(got.as_ref().map_err(|e| ComputeError(e.clone())))
    }

    /// The paper sections of `part` under `defs`, as the report builds them (`cd_study`): the papers
    /// classified once per classification (kept in memory), the part's analyses run again.
    fn compute_papers(&self, defs: &Definitions, part: PaperPart) -> Result<PaperSections, String> {
        let started = std::time::Instant::now();
        let load = self.papers.get().ok_or("the paper sources are not read yet")?;
        let slots = match &load.result {
            Err(e) => return Err(e.clone()),
            Ok(None) => cd_study::missing_paper_slots(&self.data)
                .into_iter()
                .filter(|s| cd_report::sections::paper_part(&s.to_section().id) == Some(part))
                .collect(),
            Ok(Some(src)) => {
                let key = classification_key(defs, None)?;
                let cached = self.classified_papers.lock().ok().and_then(|mut c| c.get(&key).cloned());
                let classified = match cached {
                    Some(c) => c,
                    None => {
                        // The papers of a classification whose papers are classified as `defs` would
                        // classify them, the tables classified again; else everything classified.
                        let papers_key = cd_study::paper_classification_key(defs);
                        let same_papers = self.classified_papers.lock().ok().and_then(|c| {
                            c.iter().map(|(_, c)| c).find(|c| c.paper_key() == papers_key).cloned()
                        });
                        let reused = match &same_papers {
                            Some(c) => cd_study::classify_tables(src, c, defs).map_err(|e| e.to_string())?,
                            None => None,
                        };
                        let c = match reused {
                            Some(c) => Arc::new(c),
                            None => {
                                Arc::new(cd_study::classify_papers(src, defs).map_err(|e| e.to_string())?)
                            }
                        };
                        if let Ok(mut m) = self.classified_papers.lock() {
                            m.put(key, c.clone());
                        }
                        c
                    }
                };
                cd_study::paper_slots(src, &classified, defs, &[part]).map_err(|e| e.to_string())?
            }
        };
        let sections: Vec<Section> = slots.iter().map(|s| s.to_section()).collect();
        let svgs = render_figures(&sections).map_err(|e| e.0)?;
        if let Ok(mut ids) = self.paper_ids.lock() {
            for s in &sections {
                ids.figures.extend(s.figures.iter().map(|f| (f.figure.id.clone(), part)));
                ids.tables.extend(s.tables.iter().map(|t| (t.name.clone(), part)));
            }
            if !ids.seen.contains(&part) {
                ids.seen.push(part);
            }
        }
        Ok(PaperSections { sections, svgs, compute_ms: started.elapsed().as_secs_f64() * 1000.0 })
    }

    /// The stems of the loaded vintages.
    pub fn vintage_stems(&self) -> Vec<String> {
        self.vintages.iter().map(|v| v.stem.clone()).collect()
    }

    /// The vintage `defs` analyse.
    pub fn vintage_of(&self, defs: &Definitions) -> String {
        defs.vintage.clone().unwrap_or_else(|| self.default_vintage.clone())
    }

    /// The cache key of `defs`: their canonical JSON with the vintage resolved.
    pub fn key(&self, defs: &Definitions) -> String {
        let mut d = defs.clone();
        d.vintage = Some(self.vintage_of(defs));
        serde_json::to_string(&d).unwrap_or_default()
    }

    /// Number of definitions whose results the cache holds.
    pub fn cached_entries(&self) -> usize {
        self.cache.lock().map(|c| c.len()).unwrap_or(0)
    }

    /// The results of `defs`: from the cache, or computed on the blocking pool (one computation per
    /// distinct definitions at a time: concurrent requests for the same definitions wait for it).
    pub async fn results(self: &Arc<Self>, defs: &Definitions) -> Result<Arc<Computed>, ComputeError> {
        let key = self.key(defs);
        let slot = {
            let mut cache = self.cache.lock().map_err(|_| ComputeError("cache lock poisoned".into()))?;
            cache.get_or_insert(key.clone(), || Arc::new(OnceCell::new())).clone()
        };
        let state = self.clone();
        let defs = defs.clone();
        let got = slot
            .get_or_try_init(|| async move {
                tokio::task::spawn_blocking(move || state.compute(&defs))
                    .await
                    .map_err(|e| ComputeError(format!("computation failed: {e}")))?
                    .map(Arc::new)
            })
            .await;
        if got.is_err() {
            // Do not keep a failed computation's slot.
            if let Ok(mut cache) = self.cache.lock() {
                cache.pop(&key);
            }
        }
        got.cloned()
    }

    /// The specification curve of `c` (computed on the blocking pool the first time, once).
    pub async fn speccurve(c: &Arc<Computed>) -> Result<&SpecCurveSection, ComputeError> {
        let owned = c.clone();
        let got = c
            .speccurve
            .get_or_init(|| async move {
                tokio::task::spawn_blocking(move || owned.compute_speccurve())
                    .await
                    .unwrap_or_else(|e| Err(format!("computation failed: {e}")))
            })
            .await;
        got.as_ref().map_err(|e| ComputeError(e.clone()))
    }

    /// Every vintage's models classified under `defs` (the analysed vintage first), from memory when
    /// definitions that classify the same way were seen (see [`NOT_CLASSIFICATION`]).
    fn classify(&self, defs: &Definitions, vintage: &str) -> Result<Arc<Classified>, ComputeError> {
        let key = classification_key(defs, Some(vintage)).map_err(ComputeError)?;
        if let Some(c) = self.classified.lock().ok().and_then(|mut c| c.get(&key).cloned()) {
            return Ok(c);
        }
        let options = ClassifierOptions::from_definitions(defs);
        let clf = cd_pipeline::load_classifier_with(&self.data, options)
            .map_err(|e| ComputeError(e.to_string()))?;
        // The analysed vintage first, then the others (the specification curve's order in the report).
        let mut order: Vec<&VintageTable> = self.vintages.iter().filter(|v| v.stem == vintage).collect();
        if order.is_empty() {
            return Err(ComputeError(format!("vintage {vintage:?} is not loaded")));
        }
        order.extend(self.vintages.iter().filter(|v| v.stem != vintage));
        let classified: Arc<Classified> = Arc::new(
            order
                .par_iter()
                .map(|v| {
                    // Notes of dropped values are the report's; the dashboard lists the sources.
                    let mut notes = cd_domain::ReadReport::new(&v.stem);
                    let path = std::path::Path::new(&v.stem);
                    (v.stem.clone(), cd_pipeline::classify_plausible(&v.models, path, &mut notes, &clf, defs))
                })
                .collect(),
        );
        if let Ok(mut c) = self.classified.lock() {
            c.put(key, classified.clone());
        }
        Ok(classified)
    }

    /// Compute the results of `defs` (blocking; see the module documentation): every model analysis but
    /// the specification curve, which [`AppState::speccurve`] adds when a request needs it.
    pub fn compute(&self, defs: &Definitions) -> Result<Computed, ComputeError> {
        let started = std::time::Instant::now();
        let vintage = self.vintage_of(defs);
        let classified = self.classify(defs, &vintage)?;
        let models = &classified[0].1;
        // The analyses of `model_study` but the curve, in parallel; the curve stays empty until asked for.
        let ((trends, shares), ((gap, openness), lineage)) = rayon::join(
            || {
                rayon::join(
                    || cd_analysis::trends::trends(models, defs),
                    || cd_analysis::shares::shares(models, defs),
                )
            },
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || cd_analysis::gap::gap(models, defs),
                            || cd_analysis::openness::openness(models, defs),
                        )
                    },
                    || cd_analysis::lineage::lineage(models, defs),
                )
            },
        );
        let speccurve = cd_analysis::speccurve::SpecCurveResult { vintages: vec![], claims: vec![] };
        let study = ModelStudy { trends, shares, gap, openness, lineage, speccurve };
        let results = cd_report::ModelResults::of(&study, models, defs);
        let sections: Vec<Section> = cd_report::model_sections(&results)
            .iter()
            .map(|s| s.to_section())
            .filter(|s| s.id != SPECCURVE_SECTION)
            .collect();
        let headlines = cd_report::headlines(&results);
        let svgs = render_figures(&sections)?;
        Ok(Computed {
            defs: defs.clone(),
            vintage,
            headlines,
            sections,
            svgs,
            study,
            classified,
            speccurve: OnceCell::new(),
            papers: Default::default(),
            compute_ms: started.elapsed().as_secs_f64() * 1000.0,
            responses: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(RESPONSES_PER_ENTRY).expect("a positive bound"),
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_kept_out_of_the_classification_key_are_fields_no_classifier_reads() {
        let fields = serde_json::to_value(Definitions::default()).unwrap();
        for k in NOT_CLASSIFICATION {
            assert!(fields.get(k).is_some(), "{k} is not a field of Definitions");
        }
        // Every `defs.<field>` the classification crate reads stays in the key.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../cd-classify/src");
        let mut stack = vec![dir];
        let mut read = 0;
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                for (i, _) in text.match_indices("defs.") {
                    let field: String =
                        text[i + 5..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                    read += 1;
                    assert!(
                        !NOT_CLASSIFICATION.contains(&field.as_str()),
                        "cd-classify reads {field} ({p:?})"
                    );
                }
            }
        }
        assert!(read >= 5, "found the classifier's reads of the definitions");
    }
}
