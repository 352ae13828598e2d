//! The whole study from one data folder, as `compute-divide report` writes it and `serve` shows it.
//!
//! Every Epoch table of the folder (the analysed one; the other all-models vintages for the
//! specification curve; the notable, large-scale and frontier tables for the adoption catalogue) and the
//! shipped papers are read once while the institution classifier is built (`cd-pipeline`), then all are
//! classified in parallel; the model analyses and the paper analyses (`cd-analysis`) run side by side;
//! each result becomes a section of the report (`cd-report`), built or missing with the input it needs.
//! Nothing here prints, and nothing written depends on the clock or the thread count.
//!
//! `serve` takes the paper half in three steps ([`read_paper_sources`] once, [`classify_papers`] per
//! classification, [`paper_slots`] per definitions) that end in the report's own `paper_sections`, so
//! that the dashboard's paper panels and the report never disagree.
//!
//! Layer: above `cd-pipeline`, `cd-analysis` and `cd-report` (it only calls them), below the binary and
//! `cd-web`.

use cd_analysis::adoption::study::CatalogueTable;
use cd_analysis::paper_study::{paper_study, CatalogueCache, PaperCache, PaperInputs, PaperPart};
use cd_analysis::speccurve::Vintage;
use cd_analysis::topics::corpus::TopicCorpus;
use cd_analysis::topics::TopicSet;
use cd_classify::evidence::{author_sector, EvidenceKind};
use cd_classify::paper::paper_team;
use cd_classify::{ClassifierOptions, InstitutionClassifier};
use cd_domain::definitions::TopicScoring;
use cd_domain::{ClassifiedModel, Definitions};
use cd_ingest::datasets::provenance;
use cd_ingest::locate::DataDir;
use cd_ingest::papers::PaperTable;
use cd_pipeline::{
    classify_paper_table_with_variants, classify_read_models, load_classifier_with, models_path, read_models,
    read_paper_table, LoadedModels, PaperRequest, PipelineError, ReadModels, ShippedPapers,
};
use cd_report::sections::{Slot, PAPER_SECTIONS};
use cd_report::Source;
use rayon::prelude::*;
use shipped_cache::PAPER_DEFINITIONS;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod shipped_cache;

/// Why the study could not be assembled (a table that cannot be read, a file that cannot be hashed, a
/// section that cannot be rendered).
#[derive(Debug, thiserror::Error)]
pub enum StudyError {
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Hash(#[from] cd_ingest::datasets::HashError),
    #[error(transparent)]
    Report(#[from] cd_report::ReportError),
}

/// The result of a study step.
pub type Result<T> = std::result::Result<T, StudyError>;

/// The report, assembled: its input for `cd_report::write_report`, and the paper inputs the data folder
/// lacks (paths relative to it; empty when the paper sections were built).
pub struct Study<'a> {
    pub input: cd_report::ReportInput<'a>,
    pub missing_papers: Vec<String>,
    /// Where the classified shipped papers came from.
    pub papers_cache: PapersCache,
}

/// What the cache folder did for the shipped papers (see `shipped_cache`: the papers read, with their
/// topics and classified, kept under the data, the definitions the papers read and the build).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PapersCache {
    /// Not used: the cache is off (`$COMPUTE_DIVIDE_CACHE=off`), no key could be made, or the data
    /// folder has no papers.
    Off,
    /// The papers came from this file.
    Read(PathBuf),
    /// The papers were read and classified, then stored in this file for the next run.
    Stored(PathBuf),
    /// The papers were read and classified, and could not be stored in this file, for the reason given
    /// (a folder that cannot be written, papers that would not come back equal); the report is the same,
    /// only the next run is slower.
    NotStored(PathBuf, String),
}

impl std::fmt::Display for PapersCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PapersCache::Off => f.write_str("read and classified (no cache)"),
            PapersCache::Read(p) => write!(f, "read from the cache ({})", p.display()),
            PapersCache::Stored(p) => write!(f, "read and classified, stored in the cache ({})", p.display()),
            PapersCache::NotStored(p, why) => {
                write!(f, "read and classified, not stored in the cache ({}: {why})", p.display())
            }
        }
    }
}

/// The whole study of a data folder under `defs`: the analysed table `models_file` (default: the
/// `vintage` definition, else the newest all-models snapshot), every section in report order, the
/// headline numbers and the sources. `progress(steps, message)` is told when a stage ends (5 steps in
/// all, the last when the report is written by the caller); `version` names the program in the report.
pub fn study<'a>(
    data: &DataDir,
    defs: &'a Definitions,
    models_file: Option<&Path>,
    version: String,
    progress: &dyn Fn(u64, &str),
) -> Result<Study<'a>> {
    // Every Epoch table (the analysed one; the other all-models vintages for the specification curve;
    // the notable, large-scale and frontier tables for the adoption catalogue) and the shipped papers
    // are read once, while the institution classifier is built; then all are classified in parallel.
    let main_path = models_path(data, models_file, defs)?;
    let other_paths = other_vintages(data, &main_path);
    let catalogue_paths = cd_ingest::datasets::epoch_tables_by_vintage(data);
    let mut all_paths: Vec<PathBuf> = vec![main_path.clone()];
    all_paths.extend(other_paths.iter().cloned());
    push_new(&mut all_paths, &catalogue_paths);
    let options = ClassifierOptions::from_definitions(defs);
    // The shipped papers come classified from the cache folder when it holds them for this data, the
    // definitions the papers read and this build (`shipped_cache`; its key hashes the paper files the
    // first time, so it is made here, beside the other reads); else they are read now and classified
    // below.
    let papers_in = || {
        let cache_file = cd_ingest::registry::cache_dir().and_then(|dir| {
            missing_paper_inputs(data)
                .is_empty()
                .then(|| shipped_cache::cache_file(data, defs, &dir))
                .flatten()
        });
        let papers = match cache_file.as_deref().and_then(shipped_cache::read) {
            Some(t) => Ok(Some((Shipped::from(t), true))),
            None => read_shipped_papers(data, defs).map(|s| s.map(|s| (s, false))),
        };
        (cache_file, papers)
    };
    let (clf, (read, (cache_file, papers_read))) = rayon::join(
        || load_classifier_with(data, options),
        || rayon::join(|| all_paths.par_iter().map(|p| read_models(p)).collect::<Vec<_>>(), papers_in),
    );
    let mut read = read.into_iter();
    let main_read = read.next().expect("the analysed table is read first")?;
    let clf = clf?;
    let read: Vec<ReadModels> = read.collect::<std::result::Result<_, _>>()?;
    let papers_read = papers_read?;
    // The models are classified while the papers are (or come from the cache); then the model analyses
    // run beside the paper sections: neither reads the other's results.
    let ((loaded, tables), (registries, shipped)) = rayon::join(
        || {
            rayon::join(
                || classify_read_models(main_read, &clf, defs),
                || read.into_par_iter().map(|r| classify_read_models(r, &clf, defs)).collect::<Vec<_>>(),
            )
        },
        || {
            rayon::join(
                || registry_sources(data),
                || {
                    papers_read
                        .map(|(r, classified)| {
                            if classified {
                                let sources = shipped_sources(data, &r)?;
                                Ok((r, sources, true))
                            } else {
                                classify_shipped_papers(data, r, &clf, defs).map(|(r, s)| (r, s, false))
                            }
                        })
                        .transpose()
                },
            )
        },
    );
    let (registries, shipped) = (registries?, shipped?);
    progress(2, "running the analyses");
    let table_of = |p: &Path| table_at(p, &loaded, &tables);
    let others: Vec<&LoadedModels> = other_paths.iter().map(|p| table_of(p)).collect();
    let labels: Vec<String> = catalogue_paths.iter().map(|p| stem(p)).collect();
    let catalogue = catalogue(&catalogue_paths, &labels, |p| &table_of(p).models);
    let models = &loaded.models;
    let model_study = || {
        let mut vintages = vec![Vintage { name: stem(&loaded.path), models }];
        vintages.extend(others.iter().map(|o| Vintage { name: stem(&o.path), models: &o.models }));
        cd_analysis::model_study::model_study(models, &vintages, defs)
    };
    let cache_file = cache_file.as_ref();
    let paper_study = || {
        shipped
            .map(|(s, sources, cached)| {
                let topics = (&s.papercopilot_topics[..], &s.topics[..]);
                let sections = || {
                    paper_sections(
                        &s,
                        topics,
                        models,
                        &stem(&loaded.path),
                        &catalogue,
                        defs,
                        &PaperPart::ALL,
                        None,
                        None,
                    )
                };
                // Papers read and classified now are stored for the next run while the sections are
                // made. The cache only saves time: a folder that cannot be written changes nothing.
                let (out, used) = rayon::join(sections, || match (cache_file, cached) {
                    (Some(file), true) => PapersCache::Read(file.clone()),
                    (Some(file), false) => match shipped_cache::write(file, &s.refs()) {
                        Ok(()) => PapersCache::Stored(file.clone()),
                        Err(e) => PapersCache::NotStored(file.clone(), e.to_string()),
                    },
                    (None, _) => PapersCache::Off,
                });
                // The papers (hundreds of thousands of strings) take a while to free: a thread of their
                // own frees them while the report is written (and an exiting command need not wait).
                std::thread::spawn(move || drop(s));
                out.map(|(v, _)| (v, sources, used))
            })
            .transpose()
    };
    let (m, papers) = rayon::join(model_study, paper_study);
    let papers = papers?;
    let needs = missing_paper_inputs(data);
    let missing_papers = if papers.is_none() { needs.clone() } else { Vec::new() };
    progress(1, "writing the report");
    let mut sources = vec![model_source(data, &loaded, "analysed table")];
    sources.extend(others.iter().map(|o| model_source(data, o, "specification curve only")));
    for t in &tables {
        if !others.iter().any(|o| same_file(&o.path, &t.path)) {
            sources.push(model_source(data, t, "adoption catalogue only"));
        }
    }
    sources.extend(registries);
    let results = cd_report::ModelResults::of(&m, models, defs);
    let mut sections = cd_report::model_sections(&results);
    let mut papers_cache = PapersCache::Off;
    match papers {
        Some((slots, paper_sources, used)) => {
            sources.extend(paper_sources);
            sections.extend(slots);
            papers_cache = used;
        }
        None => sections.extend(PAPER_SECTIONS.iter().map(|(id, title)| Slot::missing(id, title, &needs))),
    }
    let (slot, compute_sources) = provision_slot(data, &clf, models, defs)?;
    sections.push(slot);
    sources.extend(compute_sources);
    let input = cd_report::ReportInput {
        version,
        definitions: defs,
        sources,
        headlines: cd_report::headlines(&results),
        sections,
    };
    Ok(Study { input, missing_papers, papers_cache })
}

/// The empty states of the five paper sections, naming what the data folder lacks.
pub fn missing_paper_slots(data: &DataDir) -> Vec<Slot> {
    let needs = missing_paper_inputs(data);
    PAPER_SECTIONS.iter().map(|(id, title)| Slot::missing(id, title, &needs)).collect()
}

/// What the paper sections read, read once and classified under no definitions (for `serve`, which
/// classifies and analyses them again per definitions with [`classify_papers`] and [`paper_slots`]):
/// the shipped papers with their topics, and every Epoch table the sections may draw on (each
/// all-models vintage, the analysed one among them, and the adoption catalogue's tables).
pub struct PaperSources {
    data: DataDir,
    shipped: Shipped,
    /// The topic scoring `shipped`'s topics were assigned under.
    topic_scoring: cd_domain::definitions::TopicScoring,
    /// Every table read, by path.
    tables: Vec<ReadModels>,
    catalogue_paths: Vec<PathBuf>,
    /// The shipped paper files' provenance.
    pub sources: Vec<Source>,
}

/// The papers of [`PaperSources`] and its Epoch tables, classified under some definitions (only the
/// classification's fields matter: definitions that classify alike can share one).
///
/// The papers' part depends only on [`paper_classification_key`]: [`classify_tables`] makes the
/// classification of other definitions with the same key by classifying the tables alone, sharing the
/// papers (and the topic corpora built from them) with this one.
pub struct ClassifiedPapers {
    /// The [`paper_classification_key`] of the definitions the papers were classified under.
    paper_key: String,
    shipped: Arc<Shipped>,
    /// The tables of [`PaperSources::tables`], classified, in the same order.
    tables: Vec<Vec<ClassifiedModel>>,
    /// The topic corpora built from these papers (newest first, at most [`TOPIC_CORPORA`]): definitions
    /// that count the same submissions and score topics alike share one (the dashboard's topic panels
    /// under another seed or resample count need not copy the papers again). Shared by the
    /// classifications that share the papers.
    topic_corpora: Arc<std::sync::Mutex<Vec<TopicCorpus>>>,
    /// What the paper analyses computed from these papers that other definitions share (deduplication,
    /// review outcomes, publications by status filter; see `PaperCache`): the papers, their teams and the
    /// evidence rule are the same in every [`paper_slots`] call on them. Shared by the classifications
    /// that share the papers.
    paper_cache: Arc<PaperCache>,
    /// The adoption catalogue of these tables and the AI Index papers' mentions in it (see
    /// `CatalogueCache`): its own, as the tables are.
    catalogue_cache: CatalogueCache,
    /// The papers' topics under topic scorings other than the one they were read under (newest first, at
    /// most [`RETOPICS`]; [`topics_of`] reads no definition but `topic_scoring`). Shared by the
    /// classifications that share the papers.
    retopics: Arc<std::sync::Mutex<Vec<(TopicScoring, Retopics)>>>,
}

/// The definitions the classification of the shipped papers reads, as JSON: [`PAPER_DEFINITIONS`] but
/// `topic_scoring` (topics are assigned apart from the classification, and again in [`paper_slots`] when
/// `defs` score them otherwise). Definitions with the same key classify the papers alike (the test of
/// `shipped_cache` changes every other definition and checks that the papers stay the same), so the
/// dashboard classifies the papers once per key ([`classify_tables`]).
pub fn paper_classification_key(defs: &Definitions) -> String {
    let mut v = serde_json::to_value(defs).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.retain(|name, _| name != "topic_scoring" && PAPER_DEFINITIONS.contains(&name.as_str()));
    }
    v.to_string()
}

/// The shipped papers' topics under one topic scoring: Paper Copilot's, then the conference papers' and
/// the AI Index papers' ([`topics_of`]).
type Retopics = Arc<(Vec<TopicSet>, Vec<TopicSet>)>;

/// How many topic scorings' topics a [`ClassifiedPapers`] keeps (4 bytes a paper each).
const RETOPICS: usize = 4;

/// How many topic corpora a [`ClassifiedPapers`] keeps. Each holds a copy of the corpus's papers: about
/// 165 MB of the server's RSS on the shipped data (two corpora took it from 1.68 to 2.01 GB), and the
/// dashboard keeps up to four classifications.
const TOPIC_CORPORA: usize = 1;

/// Read what the paper sections need (the shipped papers and their topics under `defs`; every
/// all-models table and every table of the adoption catalogue), in parallel; `None` when the data folder
/// lacks the shipped papers ([`missing_paper_slots`] then gives the sections' empty states).
pub fn read_paper_sources(data: &DataDir, defs: &Definitions) -> Result<Option<PaperSources>> {
    let catalogue_paths = cd_ingest::datasets::epoch_tables_by_vintage(data);
    let mut paths = cd_ingest::datasets::all_models_tables(data);
    push_new(&mut paths, &catalogue_paths);
    let (papers, tables) = rayon::join(
        || read_shipped_papers(data, defs),
        || paths.par_iter().map(|p| read_models(p)).collect::<std::result::Result<Vec<_>, _>>(),
    );
    let Some(shipped) = papers? else { return Ok(None) };
    let tables = tables?;
    let reports = (&shipped.papercopilot.report, &shipped.conferences.report, &shipped.ai_index.report);
    let sources = provenance::shipped_papers(data, reports.0, reports.1, reports.2)?;
    Ok(Some(PaperSources {
        data: data.clone(),
        shipped,
        topic_scoring: defs.topic_scoring,
        tables,
        catalogue_paths,
        sources,
    }))
}

/// Classify the papers and the Epoch tables of `src` under `defs` (as [`study`] does: the institution
/// classifier of `defs`' options; the papers with their team under every evidence rule and policy).
pub fn classify_papers(src: &PaperSources, defs: &Definitions) -> Result<ClassifiedPapers> {
    let clf = load_classifier_with(&src.data, ClassifierOptions::from_definitions(defs))?;
    let (shipped, tables) = rayon::join(
        || {
            let mut s = src.shipped.clone();
            classify_shipped_tables(&mut s, &clf, defs);
            s
        },
        || classify_epoch_tables(src, &clf, defs),
    );
    Ok(ClassifiedPapers {
        paper_key: paper_classification_key(defs),
        shipped: Arc::new(shipped),
        tables,
        topic_corpora: Default::default(),
        paper_cache: Default::default(),
        catalogue_cache: Default::default(),
        retopics: Default::default(),
    })
}

/// The Epoch tables of `src`, classified (in parallel, in their order).
fn classify_epoch_tables(
    src: &PaperSources,
    clf: &InstitutionClassifier,
    defs: &Definitions,
) -> Vec<Vec<ClassifiedModel>> {
    src.tables.par_iter().map(|r| cd_classify::team::classify_models(&r.table.models, clf, defs)).collect()
}

impl ClassifiedPapers {
    /// The [`paper_classification_key`] of the definitions its papers were classified under.
    pub fn paper_key(&self) -> &str {
        &self.paper_key
    }
}

/// The classification of `src` under `defs` made from `papers`, classified under definitions with the
/// same [`paper_classification_key`]: its papers, topic corpora and what was computed from the papers
/// alone shared, only the Epoch tables classified again (what [`classify_papers`] would give, without
/// classifying every paper again). `None` when the keys differ.
pub fn classify_tables(
    src: &PaperSources,
    papers: &ClassifiedPapers,
    defs: &Definitions,
) -> Result<Option<ClassifiedPapers>> {
    if papers.paper_key != paper_classification_key(defs) {
        return Ok(None);
    }
    let clf = load_classifier_with(&src.data, ClassifierOptions::from_definitions(defs))?;
    Ok(Some(ClassifiedPapers {
        paper_key: papers.paper_key.clone(),
        shipped: papers.shipped.clone(),
        tables: classify_epoch_tables(src, &clf, defs),
        topic_corpora: papers.topic_corpora.clone(),
        paper_cache: papers.paper_cache.clone(),
        // The catalogue is made of the tables, classified again.
        catalogue_cache: Default::default(),
        retopics: papers.retopics.clone(),
    }))
}

/// The paper sections of `parts` under `defs` (all five for [`PaperPart::ALL`]), as [`study`] builds
/// them, from papers and tables `classified` under definitions that classify as `defs` do: the analysed
/// table is `defs`' vintage (else the newest all-models table); topics are assigned again when `defs`
/// score them otherwise than at reading.
pub fn paper_slots(
    src: &PaperSources,
    classified: &ClassifiedPapers,
    defs: &Definitions,
    parts: &[PaperPart],
) -> Result<Vec<Slot>> {
    let main_path = models_path(&src.data, None, defs)?;
    let table_of = |p: &Path| -> &[ClassifiedModel] {
        src.tables
            .iter()
            .position(|t| same_file(&t.path, p))
            .map(|i| classified.tables[i].as_slice())
            .unwrap_or(&[])
    };
    if !src.tables.iter().any(|t| same_file(&t.path, &main_path)) {
        return Err(StudyError::Pipeline(PipelineError::Missing(format!(
            "the Epoch table {} was not read at start",
            main_path.display()
        ))));
    }
    let labels: Vec<String> = src.catalogue_paths.iter().map(|p| stem(p)).collect();
    let catalogue = catalogue(&src.catalogue_paths, &labels, table_of);
    let s = &classified.shipped;
    let retopic;
    // Only the topic test and the review outcomes (acceptance by topic) read topics.
    let reads_topics = parts.iter().any(|p| matches!(p, PaperPart::Topics | PaperPart::Review));
    let topics = if defs.topic_scoring == src.topic_scoring || !reads_topics {
        (&s.papercopilot_topics[..], &s.topics[..])
    } else {
        retopic = retopics_of(classified, defs);
        (&retopic.0[..], &retopic.1[..])
    };
    let corpora = &classified.topic_corpora;
    // A corpus of the same papers and topics, built for earlier definitions (see `ClassifiedPapers`).
    let fits = |c: &TopicCorpus| {
        c.defs.paper_statuses == defs.paper_statuses && c.defs.topic_scoring == defs.topic_scoring
    };
    let built = corpora.lock().ok().and_then(|v| v.iter().find(|c| fits(c)).cloned());
    let (slots, corpus) = paper_sections(
        s,
        topics,
        table_of(&main_path),
        &stem(&main_path),
        &catalogue,
        defs,
        parts,
        built.as_ref(),
        Some((&classified.paper_cache, &classified.catalogue_cache)),
    )?;
    if let (None, Some(c), Ok(mut v)) = (built, corpus, corpora.lock()) {
        v.insert(0, c);
        v.truncate(TOPIC_CORPORA);
    }
    Ok(slots)
}

/// [`topics_of`] the papers of `classified`, kept by topic scoring (`cd_analysis::paper_study::keyed`:
/// computed outside the lock, two calls at once may both compute them, and the same topics are kept).
fn retopics_of(classified: &ClassifiedPapers, defs: &Definitions) -> Retopics {
    cd_analysis::paper_study::keyed(Some(&*classified.retopics), defs.topic_scoring, RETOPICS, || {
        Arc::new(topics_of(&classified.shipped, defs))
    })
}

/// The topics of the shipped papers under `defs`: Paper Copilot's, then the conference papers' and the
/// AI Index papers' (as [`read_shipped_papers`] assigns them).
fn topics_of(s: &Shipped, defs: &Definitions) -> (Vec<TopicSet>, Vec<TopicSet>) {
    use cd_analysis::topics::corpus::assign_topics;
    let pc = if s.papercopilot.papers.is_empty() {
        Vec::new()
    } else {
        assign_topics(&s.papercopilot.papers, defs)
    };
    let mut other = assign_topics(&s.conferences.papers, defs);
    other.extend(assign_topics(&s.ai_index.papers, defs));
    (pc, other)
}

/// The loaded table read from `p`: the analysed one or another (every Epoch table of the study is loaded).
fn table_at<'t>(p: &Path, loaded: &'t LoadedModels, tables: &'t [LoadedModels]) -> &'t LoadedModels {
    if same_file(p, &loaded.path) {
        loaded
    } else {
        tables.iter().find(|t| same_file(&t.path, p)).expect("every Epoch table was loaded")
    }
}

/// The same file, named the same or through another path.
fn same_file(a: &Path, b: &Path) -> bool {
    a == b || std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
}

/// Add each of `more` to `paths` unless the file is there already.
fn push_new(paths: &mut Vec<PathBuf>, more: &[PathBuf]) {
    for p in more {
        if !paths.iter().any(|e| same_file(e, p)) {
            paths.push(p.clone());
        }
    }
}

/// The adoption catalogue: each of `paths` (labelled by `labels`) with its classified models.
fn catalogue<'a>(
    paths: &[PathBuf],
    labels: &'a [String],
    table_of: impl Fn(&Path) -> &'a [ClassifiedModel],
) -> Vec<CatalogueTable<'a>> {
    paths
        .iter()
        .zip(labels)
        .map(|(p, label)| CatalogueTable {
            label,
            models: table_of(p),
            all_models: cd_ingest::datasets::is_all_models_table(p),
        })
        .collect()
}

/// A file's stem (the vintage name of an Epoch table).
fn stem(p: &Path) -> String {
    p.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string()
}

/// The report's entry for an input.
fn model_source(data: &DataDir, loaded: &LoadedModels, what: &str) -> Source {
    provenance::epoch(data, &loaded.path, &loaded.sha256, &loaded.report, what)
}

/// The registries the institution classifier is built from, with their row accounting (read once, by
/// `pipeline::load_registries`).
fn registry_sources(data: &DataDir) -> Result<Vec<Source>> {
    let registries = cd_pipeline::load_registries(data)?;
    let grid = registries.grid_report.as_ref().map(|r| provenance::grid(data, r)).transpose()?;
    let unis =
        registries.universities_report.as_ref().map(|r| provenance::universities(data, r)).transpose()?;
    Ok(grid.into_iter().chain(unis).collect())
}

/// Every all-models Epoch table of the data folder other than `except`, sorted by path.
fn other_vintages(data: &DataDir, except: &Path) -> Vec<PathBuf> {
    let except = std::fs::canonicalize(except).ok();
    cd_ingest::datasets::all_models_tables(data)
        .into_iter()
        .filter(|p| std::fs::canonicalize(p).ok() != except)
        .collect()
}

/// The shipped papers, read once (then classified in place): Paper Copilot's lists (empty when absent),
/// the conference list and the AI Index files, with their topics (topics need no classification).
#[derive(Clone)]
struct Shipped {
    papercopilot: PaperTable,
    papercopilot_topics: Vec<TopicSet>,
    conferences: PaperTable,
    ai_index: PaperTable,
    /// Topics of the conference papers then the AI Index papers.
    topics: Vec<TopicSet>,
}

impl From<shipped_cache::ShippedTables> for Shipped {
    fn from(t: shipped_cache::ShippedTables) -> Shipped {
        let shipped_cache::ShippedTables { papercopilot, conferences, ai_index, papercopilot_topics, topics } =
            t;
        Shipped { papercopilot, papercopilot_topics, conferences, ai_index, topics }
    }
}

impl Shipped {
    /// The tables and topics as the cache writes them.
    fn refs(&self) -> shipped_cache::ShippedRefs<'_> {
        shipped_cache::ShippedRefs {
            tables: [&self.papercopilot, &self.conferences, &self.ai_index],
            papercopilot_topics: &self.papercopilot_topics,
            topics: &self.topics,
        }
    }
}

/// What the paper sections need that the data folder lacks (paths relative to it; empty when nothing).
fn missing_paper_inputs(data: &DataDir) -> Vec<String> {
    let conf = cd_ingest::papers::conference::SHIPPED_FILE;
    let mut needs = Vec::new();
    if !data.conferences().join(conf).is_file() {
        needs.push(format!("conferences/{conf}"));
    }
    if cd_ingest::papers::aiindex::list_ai_index_files(&data.ai_index_rai()).is_empty() {
        needs.push("ai_index_rai/*.csv".to_string());
    }
    needs
}

/// Read the shipped papers (the conference list and the AI Index files, in parallel) and assign their
/// topics, classifying nothing. `None` when the data folder lacks them (e.g. one filled by `data pull`).
fn read_shipped_papers(data: &DataDir, defs: &Definitions) -> Result<Option<Shipped>> {
    if !missing_paper_inputs(data).is_empty() {
        return Ok(None);
    }
    let found = Ok(data.clone());
    let read = |shipped| {
        let request = PaperRequest { inputs: &[], format: None, shipped, progress: false };
        let table = read_paper_table(&found, &request, defs)?;
        let topics = cd_analysis::topics::corpus::assign_topics(&table.papers, defs);
        Ok::<_, StudyError>((table, topics))
    };
    // Paper Copilot's lists are optional: an empty table when the data folder has none.
    let read_pc = || {
        if cd_ingest::papers::papercopilot::list_files(&data.papercopilot()).is_empty() {
            return Ok::<_, StudyError>((PaperTable::default(), Vec::new()));
        }
        read(ShippedPapers::PaperCopilot)
    };
    let (pc, (conf, ai)) = rayon::join(read_pc, || {
        rayon::join(|| read(ShippedPapers::Conferences), || read(ShippedPapers::AiIndex))
    });
    let ((papercopilot, papercopilot_topics), (conferences, mut topics), (ai_index, ai_topics)) =
        (pc?, conf?, ai?);
    topics.extend(ai_topics);
    Ok(Some(Shipped { papercopilot, papercopilot_topics, conferences, ai_index, topics }))
}

/// Classify the shipped papers of [`read_shipped_papers`] (the tables in parallel) and take their
/// provenance.
fn classify_shipped_papers(
    data: &DataDir,
    mut s: Shipped,
    clf: &InstitutionClassifier,
    defs: &Definitions,
) -> Result<(Shipped, Vec<Source>)> {
    classify_shipped_tables(&mut s, clf, defs);
    let sources = shipped_sources(data, &s)?;
    Ok((s, sources))
}

/// The provenance of the shipped paper files (their sha256 and the rows read of each table).
fn shipped_sources(data: &DataDir, s: &Shipped) -> Result<Vec<Source>> {
    let reports = (&s.papercopilot.report, &s.conferences.report, &s.ai_index.report);
    Ok(provenance::shipped_papers(data, reports.0, reports.1, reports.2)?)
}

/// Classify the three tables of shipped papers in place, in parallel.
fn classify_shipped_tables(s: &mut Shipped, clf: &InstitutionClassifier, defs: &Definitions) {
    let (pc, conf, ai) = (&mut s.papercopilot, &mut s.conferences, &mut s.ai_index);
    // With each paper's team under every evidence rule and policy, for the topic claim's curve.
    let classify = |t: &mut PaperTable| classify_paper_table_with_variants(t, clf, defs);
    rayon::join(|| classify(pc), || rayon::join(|| classify(conf), || classify(ai)));
}

/// The paper sections of `parts` (`cd_analysis::paper_study`, rendered by `cd_report::sections`) of the
/// classified shipped papers with their topics (Paper Copilot's; the conference and AI Index papers'),
/// and the topic corpus when the topics part was asked for. `topic_corpus`: one built before from the
/// same papers and topics, used when it fits `defs` (`PaperInputs::topic_corpus`). `caches`: the values
/// kept from earlier calls on the same papers, and on the same papers and catalogue tables
/// (`PaperInputs::cache` and `catalogue_cache`).
#[allow(clippy::too_many_arguments)]
fn paper_sections(
    shipped: &Shipped,
    (papercopilot_topics, other_topics): (&[TopicSet], &[TopicSet]),
    models: &[ClassifiedModel],
    models_vintage: &str,
    catalogue: &[CatalogueTable],
    defs: &Definitions,
    parts: &[PaperPart],
    topic_corpus: Option<&TopicCorpus>,
    caches: Option<(&PaperCache, &CatalogueCache)>,
) -> Result<(Vec<Slot>, Option<TopicCorpus>)> {
    let (pc, conf, ai) = (&shipped.papercopilot, &shipped.conferences, &shipped.ai_index);
    let input = PaperInputs {
        papercopilot: &pc.papers,
        papercopilot_topics,
        conferences: &conf.papers,
        ai_index: &ai.papers,
        other_topics,
        reports: [&pc.report, &conf.report, &ai.report],
        models_vintage,
        topic_corpus,
        cache: caches.map(|c| c.0),
        catalogue_cache: caches.map(|c| c.1),
    };
    let evidence_of = |a: &cd_domain::Authorship| match author_sector(a).evidence {
        EvidenceKind::String => 0,
        EvidenceKind::Domain => 1,
        EvidenceKind::Position => 2,
        EvidenceKind::None => 3,
    };
    let study = paper_study(input, models, catalogue, defs, paper_team, &evidence_of, parts);
    let slots = cd_report::sections::built(&study, defs)?;
    Ok((slots, study.topics.map(|(c, _)| c)))
}

/// The compute-provision section (`cd_analysis::provision`) and the compute tables' provenance; the
/// section's empty state when the data folder lacks `epoch_compute/`.
fn provision_slot(
    data: &DataDir,
    clf: &InstitutionClassifier,
    models: &[ClassifiedModel],
    defs: &Definitions,
) -> Result<(Slot, Vec<Source>)> {
    use cd_report::sections::provision::{section, ID, TITLE};
    let Some(c) = cd_pipeline::load_compute(data, None, None, clf)? else {
        let needs = cd_pipeline::missing_compute_inputs(data);
        return Ok((Slot::missing(ID, TITLE, &needs), vec![]));
    };
    let study = cd_analysis::provision::provision_from_models(
        &c.clusters.clusters,
        &c.academic,
        &c.hardware.accelerators,
        models,
        defs,
    );
    let sources = vec![
        provenance::epoch_compute(
            data,
            &c.clusters_path,
            &c.clusters.report,
            "Data on GPU Clusters (compute provision)",
        )?,
        provenance::epoch_compute(
            data,
            &c.hardware_path,
            &c.hardware.report,
            "Data on Machine Learning Hardware (compute provision)",
        )?,
    ];
    Ok((Slot::Built(section(&study, defs)?), sources))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_domain::definitions::{AuthorEvidence, TeamSourceRule, UnknownAuthorPolicy};
    use cd_domain::Paper;
    use cd_domain::Sector;

    /// Papers of `source` whose abstracts name a vision phrase `n` times (in a title: once).
    fn table(source: &str, n: usize) -> PaperTable {
        let papers = (0..4)
            .map(|i| {
                let title = if i == 3 { "Camera models" } else { "A study" };
                let mut p =
                    Paper::new(source, format!("{source}:{i}"), Some(2020), "ICLR".into(), title.into());
                p.abstract_text = Some(vec!["We segment each image."; (n + i) % 4].join(" "));
                p
            })
            .collect();
        PaperTable { papers, report: Default::default() }
    }

    /// The topics kept by scoring are those of a fresh assignment under each scoring, whichever was asked
    /// first; one list per scoring.
    #[test]
    fn topics_kept_by_scoring_equal_fresh_ones() {
        let (pc, conf, ai) = (table("papercopilot", 0), table("conference", 1), table("aiindex", 2));
        let shipped = Shipped {
            papercopilot: pc,
            papercopilot_topics: Vec::new(),
            conferences: conf,
            ai_index: ai,
            topics: Vec::new(),
        };
        let classified = ClassifiedPapers {
            paper_key: paper_classification_key(&Definitions::default()),
            shipped: Arc::new(shipped),
            tables: Vec::new(),
            topic_corpora: Default::default(),
            paper_cache: Default::default(),
            catalogue_cache: Default::default(),
            retopics: Default::default(),
        };
        let scoring = |min_score| Definitions {
            topic_scoring: TopicScoring { min_score, ..TopicScoring::default() },
            ..Definitions::default()
        };
        let (one, three) = (scoring(1), scoring(3));
        let fresh = |d: &Definitions| topics_of(&classified.shipped, d);
        assert_ne!(fresh(&one), fresh(&three), "the scorings assign differently");
        assert_eq!(fresh(&one).0.len(), 4);
        assert_eq!(fresh(&one).1.len(), 8);
        for d in [&one, &three, &one, &three] {
            assert_eq!(*retopics_of(&classified, d), fresh(d));
        }
        assert_eq!(classified.retopics.lock().unwrap().len(), 2);
        assert!(std::sync::Arc::ptr_eq(&retopics_of(&classified, &one), &retopics_of(&classified, &one)));
    }

    /// The papers' key moves with each of the five definitions their classification reads and with
    /// no other (the test of `shipped_cache` checks that no other definition changes the papers).
    #[test]
    fn the_paper_classification_key_is_the_five_definitions_the_papers_read() {
        let d = Definitions::default();
        let k = paper_classification_key(&d);
        let changes: [fn(&mut Definitions); 5] = [
            |d| d.research_institute_sector = Sector::Government,
            |d| d.hospital_sector = Sector::NonProfit,
            |d| d.unknown_author_policy = UnknownAuthorPolicy::AsIndustry,
            |d| d.academia_leaning_min_share = 0.9,
            |d| d.author_evidence = AuthorEvidence::String,
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut e = d.clone();
            change(&mut e);
            assert_ne!(paper_classification_key(&e), k, "change {i}");
        }
        let same = Definitions {
            team_source: TeamSourceRule::Derived,
            seed: 9,
            topic_scoring: cd_domain::definitions::TopicScoring { min_score: 9, ..d.topic_scoring },
            vintage: Some("2023-12-14".into()),
            ..d.clone()
        };
        assert_eq!(paper_classification_key(&same), k);
        let fields: serde_json::Value = serde_json::from_str(&k).unwrap();
        assert_eq!(fields.as_object().unwrap().len(), 5, "{k}");
    }
}
