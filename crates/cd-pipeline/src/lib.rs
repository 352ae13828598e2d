//! Loading shared by the commands: the institution classifier (built once per data folder and options),
//! the classified models of one Epoch table, and classified papers from any source.
//!
//! This is the one place where read → classify are chained, so that every command sees the same tables,
//! the same classifier and the same row accounting. It prints nothing but warnings; commands do. It sits
//! above `cd-ingest` and `cd-classify` and below the analyses' callers (the binary).

/// An error that is the user's usage, not the data: the binary maps it to exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Why loading failed. `Usage` is the user's usage (exit code 2); every other variant is the data (exit
/// code 1) and names its file, row and field as the reader that failed does.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Usage(#[from] UsageError),
    /// An input the command needs is not in the data folder.
    #[error("{0}")]
    Missing(String),
    #[error(transparent)]
    Epoch(#[from] cd_ingest::epoch::EpochError),
    #[error(transparent)]
    Registry(#[from] cd_ingest::registry::RegistryError),
    #[error(transparent)]
    Papers(#[from] cd_ingest::papers::PaperError),
    #[error(transparent)]
    Compute(#[from] cd_ingest::compute::ComputeError),
    /// A value could not be written as JSON (a cache key).
    #[error("cannot write a cache key: {0}")]
    Json(#[from] serde_json::Error),
    /// Another thread panicked while holding an in-process memo.
    #[error("the in-process {0} memo is poisoned")]
    Poisoned(&'static str),
}

impl PipelineError {
    /// Is it the user's usage (exit code 2) rather than the data?
    pub fn is_usage(&self) -> bool {
        matches!(self, PipelineError::Usage(_))
    }
}

/// The result of a loading step.
pub type Result<T> = std::result::Result<T, PipelineError>;

use cd_classify::paper::{classify_affiliations, paper_team};
use cd_classify::{classify_models, ClassifierOptions, InstitutionClassifier};
use cd_domain::{ClassifiedModel, Definitions, ReadReport};
use cd_ingest::locate::{DataDir, NotFound};
use cd_ingest::papers::openalex::ReadOptions;
use cd_ingest::papers::{aiindex, conference, read_papers, shipped_paper_files, PaperSource, PaperTable};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The classified models of one Epoch table, with the read's accounting and the file's identity.
#[derive(Debug, Clone)]
pub struct LoadedModels {
    pub models: Vec<ClassifiedModel>,
    pub report: ReadReport,
    pub path: PathBuf,
    pub sha256: String,
}

/// The file `load_models` reads: `file` if given, else the vintage named in the definitions, else the
/// newest all-models snapshot of the data folder.
pub fn models_path(data: &DataDir, file: Option<&Path>, defs: &Definitions) -> Result<PathBuf> {
    if let Some(f) = file {
        return Ok(f.to_path_buf());
    }
    if let Some(v) = &defs.vintage {
        return cd_ingest::datasets::find_vintage(data, v).ok_or_else(|| {
            PipelineError::Missing(format!(
                "no Epoch table matches vintage {v:?} in {}; `compute-divide data list` shows the tables found",
                data.epoch().display()
            ))
        });
    }
    cd_ingest::datasets::newest_all_models(data).ok_or_else(|| {
        PipelineError::Missing(format!(
            "no Epoch all-models table (all_ml_systems_*.csv) in {}; pass one with --models FILE or run \
             `compute-divide data pull`",
            data.epoch().display()
        ))
    })
}

/// Read, classify and fingerprint one Epoch table. A file that cannot be read as an Epoch table is an
/// error (exit code 1); rows that cannot be loaded are rejections in the report, not errors.
///
/// Through the cache folder (`cd_ingest::registry::cache_dir`): the classified models of an unchanged
/// table are read from it without reading the table or loading the classifier (see
/// [`classified_cache_key`]); otherwise the table comes parsed from the cache
/// (`cd_ingest::epoch::cache`) while the classifier loads, and the classified models are stored.
///
/// A table from which no model could be loaded (header only, or every row rejected) is an error
/// (exit code 1) naming the file and the first rejection: there is nothing to analyse.
pub fn load_models(data: &DataDir, file: Option<&Path>, defs: &Definitions) -> Result<LoadedModels> {
    let loaded = load_models_in(data, file, defs, cd_ingest::registry::cache_dir().as_deref())?;
    something_loaded(loaded)
}

/// `loaded`, or an error when it holds no model.
fn something_loaded(loaded: LoadedModels) -> Result<LoadedModels> {
    if !loaded.models.is_empty() {
        return Ok(loaded);
    }
    let r = &loaded.report;
    let first = r
        .rejections
        .first()
        .map(|j| format!("; first rejection: row {} ({}): {}", j.row, j.field, j.reason))
        .unwrap_or_default();
    Err(PipelineError::Missing(format!(
        "{}: no model could be loaded ({} rows read, {} rejected{first}); nothing to analyse",
        loaded.path.display(),
        r.rows_read,
        r.rows_rejected
    )))
}

/// [`load_models`] with the cache folder given (`None`: no cache, everything read and built).
pub fn load_models_in(
    data: &DataDir,
    file: Option<&Path>,
    defs: &Definitions,
    cache_dir: Option<&Path>,
) -> Result<LoadedModels> {
    let path = models_path(data, file, defs)?;
    let options = ClassifierOptions::from_definitions(defs);
    // The classified models of this table under these definitions, if the cache holds them.
    let cached = match cache_dir {
        Some(dir) => {
            let sha256 = cd_ingest::epoch::cache::file_sha256_cached(&path, dir)?;
            // A key that cannot be made (a registry file unreadable: the classifier's load says why)
            // means no cache.
            classified_cache_key(data, &path, &sha256, defs, dir)
                .ok()
                .flatten()
                .map(|key| (dir.join(format!("{MODELS_CACHE_PREFIX}{key}.bin")), sha256))
        }
        None => None,
    };
    if let Some((file, sha256)) = &cached {
        if let Some(t) = cd_ingest::registry::read_cache_value::<ClassifiedTable>(file) {
            return Ok(t.into_loaded(path, sha256.clone()));
        }
    }
    // The classifier (read from the cache folder, or built) loads while the table is read.
    let (read, clf) =
        rayon::join(|| read_models_in(&path, cache_dir), || load_classifier_in(data, options, cache_dir));
    let loaded = classify_read_models(read?, &clf?, defs);
    match cached {
        // Stored only if the table read is the one hashed for the key.
        Some((file, sha256)) if sha256 == loaded.sha256 => {
            let table = ClassifiedTable::from_loaded(loaded);
            // The cache only saves time: a folder that cannot be written leaves the command as it was.
            let _ =
                cd_ingest::registry::write_cache_value(&file, &table, MODELS_CACHE_PREFIX, MODELS_CACHE_KEEP);
            Ok(table.into_loaded(path, sha256))
        }
        _ => Ok(loaded),
    }
}

/// Prefix of the classified models' cache files; the rest of the name is the key.
const MODELS_CACHE_PREFIX: &str = "models-";
/// Classified tables kept (one per table, registries, definitions and build; older ones are removed).
const MODELS_CACHE_KEEP: usize = 16;

/// The cache key of the classified models of the Epoch table at `path` (content sha256 `sha256`): the
/// sha256 of the table's own cache key (`cd_ingest::epoch::cache::table_cache_key`: the reader's code
/// and format, the file's name and content), the classifier's key ([`classifier_cache_key`]: the
/// registry files, the classifier options and the index code), every definition (as JSON; the team
/// source and the academic-only rule among them), and the identity of the running executable (its
/// path, size, modification time and inode), which stands for the classification code: the curated
/// list, the rules, the team logic. Any change to data, definitions or build gives a new key. `None`
/// when the executable cannot be named (then nothing is cached).
pub fn classified_cache_key(
    data: &DataDir,
    path: &Path,
    sha256: &str,
    defs: &Definitions,
    cache_dir: &Path,
) -> Result<Option<String>> {
    let Some(exe) = executable_identity() else { return Ok(None) };
    let table = cd_ingest::epoch::cache::table_cache_key(&path.display().to_string(), sha256);
    let index = classifier_cache_key(data, ClassifierOptions::from_definitions(defs), cache_dir)?;
    let defs = serde_json::to_string(defs)?;
    Ok(Some(cd_ingest::registry::cache_key(&[
        b"compute-divide classified models",
        table.as_bytes(),
        index.as_bytes(),
        defs.as_bytes(),
        exe.as_bytes(),
    ])))
}

/// The running executable's path, size, modification time and inode: a rebuilt or replaced binary has
/// another. (Not its status-change time, which moves when Cargo adds a hard link to an unchanged binary.)
pub fn executable_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let m = std::fs::metadata(&exe).ok()?;
    let modified = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let inode = 0u64;
    Some(format!("{}\0{} {} {}", exe.display(), m.len(), modified.as_nanos(), inode))
}

/// The classified models of one table as kept in the cache folder. `ClassifiedModel::candidates` is not
/// serialised with the model (it is left out of the JSON output), so it travels beside it.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct ClassifiedTable {
    report: ReadReport,
    models: Vec<ClassifiedModel>,
    candidates: Vec<cd_domain::TeamCandidates>,
}

impl ClassifiedTable {
    fn from_loaded(loaded: LoadedModels) -> ClassifiedTable {
        let mut models = loaded.models;
        let candidates = models.iter_mut().map(|m| std::mem::take(&mut m.candidates)).collect();
        ClassifiedTable { report: loaded.report, models, candidates }
    }

    fn into_loaded(self, path: PathBuf, sha256: String) -> LoadedModels {
        let mut models = self.models;
        for (m, c) in models.iter_mut().zip(self.candidates) {
            m.candidates = c;
        }
        LoadedModels { models, report: self.report, path, sha256 }
    }
}

/// One Epoch table read and fingerprinted but not yet classified (the first half of [`load_models`],
/// which needs no classifier, so that it can run while the classifier is built).
#[derive(Debug)]
pub struct ReadModels {
    pub table: cd_ingest::epoch::EpochTable,
    pub path: PathBuf,
    pub sha256: String,
}

/// Read and fingerprint the Epoch table at `path` (errors as in [`load_models`]), parsed from the cache
/// folder when it holds the table (`cd_ingest::epoch::cache`).
pub fn read_models(path: &Path) -> Result<ReadModels> {
    read_models_in(path, cd_ingest::registry::cache_dir().as_deref())
}

/// [`read_models`] with the cache folder given (`None`: the CSV is parsed).
pub fn read_models_in(path: &Path, cache_dir: Option<&Path>) -> Result<ReadModels> {
    let read = cd_ingest::epoch::cache::read_epoch_csv_cached(path, cache_dir)?;
    Ok(ReadModels { table: read.table, path: path.to_path_buf(), sha256: read.sha256 })
}

/// Classify a table of [`read_models`] (the second half of [`load_models`]).
pub fn classify_read_models(
    read: ReadModels,
    clf: &InstitutionClassifier,
    defs: &Definitions,
) -> LoadedModels {
    let mut read = read;
    let models = classify_plausible(&read.table.models, &read.path, &mut read.table.report, clf, defs);
    LoadedModels { models, report: read.table.report, path: read.path, sha256: read.sha256 }
}

/// One Epoch table loaded and classified, with its label (the file stem) and whether it is an all-models
/// table (`cd_ingest::datasets::is_all_models_table`).
#[derive(Debug)]
pub struct ModelTable {
    pub label: String,
    pub models: Vec<ClassifiedModel>,
    pub report: ReadReport,
    pub all_models: bool,
}

/// The Epoch tables `files`, else every Epoch table of the folder, oldest vintage first (the adoption
/// catalogue's tables), each loaded and classified by [`load_models`].
pub fn load_model_tables(data: &DataDir, files: &[PathBuf], defs: &Definitions) -> Result<Vec<ModelTable>> {
    let paths =
        if files.is_empty() { cd_ingest::datasets::epoch_tables_by_vintage(data) } else { files.to_vec() };
    if paths.is_empty() {
        return Err(PipelineError::Missing(format!(
            "no Epoch table in {}; pass some with --models FILE",
            data.epoch().display()
        )));
    }
    paths
        .iter()
        .map(|p| {
            let loaded = load_models(data, Some(p), defs)?;
            Ok(ModelTable {
                label: p.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string(),
                models: loaded.models,
                report: loaded.report,
                all_models: cd_ingest::datasets::is_all_models_table(p),
            })
        })
        .collect()
}

/// The table's snapshot date: the `YYYY-MM-DD` in its file name, if any.
pub fn snapshot_date(path: &Path) -> Option<cd_domain::PubDate> {
    let name = path.file_name()?.to_str()?;
    cd_domain::PubDate::parse(&cd_ingest::datasets::vintage_of(name)?)
}

/// Classify `models`, read from the table at `path`, after dropping their implausible values
/// (`Definitions::plausibility`, `cd_ingest::epoch::plausible`; one note each in `report`): every path
/// from a model table to an analysis (report, commands, dashboard) goes through here.
pub fn classify_plausible(
    models: &[cd_domain::Model],
    path: &Path,
    report: &mut ReadReport,
    clf: &InstitutionClassifier,
    defs: &Definitions,
) -> Vec<cd_domain::ClassifiedModel> {
    let mut checked = models.to_vec();
    let snapshot = snapshot_date(path);
    if cd_ingest::epoch::plausible::drop_implausible(&mut checked, report, snapshot, &defs.plausibility) == 0
    {
        return classify_models(models, clf, defs);
    }
    classify_models(&checked, clf, defs)
}

type ClassifierCache = Mutex<HashMap<(PathBuf, ClassifierOptions), InstitutionClassifier>>;

/// The institution classifier of a data folder, built once per folder and options and then shared.
/// GRID and the universities list are optional: a folder without them (for example one filled by
/// `data pull`, which fetches Epoch's tables only) gives a classifier of the curated list and rules;
/// files that exist but cannot be read are errors.
///
/// Its registry index is kept in the cache folder (`cd_ingest::registry::cache_dir`), keyed by the
/// registry files' sha256, the classifier options and the index code (see [`classifier_cache_key`]), so
/// that later runs read it instead of reading GRID and building; its e-mail domain part is decoded only
/// when a paper needs it. A missing, stale or corrupt cache file is rebuilt, never trusted.
pub fn load_classifier_with(data: &DataDir, options: ClassifierOptions) -> Result<InstitutionClassifier> {
    load_classifier_in(data, options, cd_ingest::registry::cache_dir().as_deref())
}

/// [`load_classifier_with`] with the cache folder given (`None`: built). The in-process memo is shared
/// whatever the folder: the classifier is the same with and without the cache.
fn load_classifier_in(
    data: &DataDir,
    options: ClassifierOptions,
    cache_dir: Option<&Path>,
) -> Result<InstitutionClassifier> {
    static CACHE: OnceLock<ClassifierCache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let key = (data.root.clone(), options);
    if let Some(c) = cache.lock().map_err(|_| PipelineError::Poisoned("classifier"))?.get(&key) {
        return Ok(c.clone());
    }
    let clf = load_classifier_cached(data, options, cache_dir)?;
    cache.lock().map_err(|_| PipelineError::Poisoned("classifier"))?.insert(key, clf.clone());
    Ok(clf)
}

/// Prefix of the classifier's cache files; the rest of the name is the key.
const CLASSIFIER_CACHE_PREFIX: &str = "classifier-";
/// Cache files kept (one per set of registries and options; older ones are removed).
const CLASSIFIER_CACHE_KEEP: usize = 8;

/// The cache key of a classifier index: the sha256 of the index format and code (the classifier's index
/// sources and the registry reader), the options, and the registry files' names and sha256.
/// The files' sha256 is remembered in `cache_dir` under their size, times and inode
/// (`cd_ingest::registry::files_fingerprint_cached`).
pub fn classifier_cache_key(data: &DataDir, options: ClassifierOptions, cache_dir: &Path) -> Result<String> {
    let files = cd_ingest::registry::registry_files(&data.grid(), &universities_path(data));
    let fingerprint = cd_ingest::registry::files_fingerprint_cached(&files, cache_dir)?;
    let options = format!("{options:?}");
    let format = cd_classify::INDEX_FORMAT.to_le_bytes();
    let mut parts: Vec<&[u8]> = vec![b"compute-divide classifier index", &format, options.as_bytes()];
    parts.extend(cd_classify::INDEX_SOURCES.iter().map(|s| s.as_bytes()));
    parts.push(cd_ingest::registry::READER_SOURCE.as_bytes());
    parts.push(fingerprint.as_bytes());
    Ok(cd_ingest::registry::cache_key(&parts))
}

/// [`load_classifier_with`] without the in-process memo, with the cache folder given (`None`: no
/// cache, always build).
pub fn load_classifier_cached(
    data: &DataDir,
    options: ClassifierOptions,
    cache_dir: Option<&Path>,
) -> Result<InstitutionClassifier> {
    let Some(dir) = cache_dir else { return build_classifier(data, options) };
    let key = classifier_cache_key(data, options, dir)?;
    let path = dir.join(format!("{CLASSIFIER_CACHE_PREFIX}{key}.bin"));
    if let Some(bytes) = cd_ingest::registry::read_cache_file(&path) {
        let folder = data.clone();
        // Only if the e-mail domain section fails to decode (it is checksummed, so not expected).
        let fallback = move || match build_classifier(&folder, options) {
            Ok(c) => c.email_domains().clone(),
            Err(_) => cd_classify::evidence::DomainClassifier::curated_only(options),
        };
        if let Ok(clf) = InstitutionClassifier::from_index_bytes(&bytes, options, fallback) {
            return Ok(clf);
        }
    }
    let clf = build_classifier(data, options)?;
    // The cache only saves time: a folder that cannot be written leaves the command as it was.
    if let Ok(bytes) = clf.index_bytes() {
        let _ = cd_ingest::registry::write_cache_file(
            &path,
            &bytes,
            CLASSIFIER_CACHE_PREFIX,
            CLASSIFIER_CACHE_KEEP,
        );
    }
    Ok(clf)
}

/// Build the classifier from the registries of a data folder (no cache).
pub fn build_classifier(data: &DataDir, options: ClassifierOptions) -> Result<InstitutionClassifier> {
    let reg = load_registries(data)?;
    Ok(InstitutionClassifier::build(&reg.grid, &reg.grid_links, &reg.universities, options))
}

fn universities_path(data: &DataDir) -> PathBuf {
    data.universities().join("world_universities_and_domains.json")
}

/// The registry files of a data folder (GRID, the world universities list) as read, with their row
/// accounting; `None` reports for files that are absent.
#[derive(Debug)]
pub struct Registries {
    pub grid: Vec<cd_domain::registry::GridInstitution>,
    pub grid_report: Option<ReadReport>,
    pub universities: Vec<cd_domain::registry::University>,
    pub universities_report: Option<ReadReport>,
    /// GRID homepages (GRID id, URL), for the e-mail domain classifier.
    pub grid_links: Vec<(String, String)>,
}

type RegistryCache = Mutex<HashMap<PathBuf, Arc<Registries>>>;

/// The registries of a data folder, read once per folder and then shared (the classifier is built from
/// them; the report's provenance takes their row accounting). Files that exist but cannot be read are
/// errors.
pub fn load_registries(data: &DataDir) -> Result<Arc<Registries>> {
    static CACHE: OnceLock<RegistryCache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(r) = cache.lock().map_err(|_| PipelineError::Poisoned("registry"))?.get(&data.root) {
        return Ok(r.clone());
    }
    let grid_dir = data.grid();
    let unis_path = universities_path(data);
    let (grid, unis) = rayon::join(
        || {
            if grid_dir.join("grid.csv").is_file() {
                cd_ingest::registry::read_grid(&grid_dir).map(|(g, r)| (g, Some(r)))
            } else {
                Ok((Vec::new(), None))
            }
        },
        || {
            if unis_path.is_file() {
                cd_ingest::registry::read_universities(&unis_path).map(|(u, r)| (u, Some(r)))
            } else {
                Ok((Vec::new(), None))
            }
        },
    );
    let ((grid, grid_report), (universities, universities_report)) = (grid?, unis?);
    let grid_links = if grid_dir.join("links.csv").is_file() {
        cd_ingest::registry::read_grid_links(&grid_dir)?
    } else {
        Vec::new()
    };
    let reg = Arc::new(Registries { grid, grid_report, universities, universities_report, grid_links });
    cache.lock().map_err(|_| PipelineError::Poisoned("registry"))?.insert(data.root.clone(), reg.clone());
    Ok(reg)
}

/// Which shipped papers a command reads when the user names no `--input`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShippedPapers {
    /// The NeurIPS / ICML / ICLR author list only (the venue-year composition series: the AI Index files
    /// are a responsible-AI subset of the same venues and would count twice).
    Conferences,
    /// The AI Index responsible-AI files only: the shipped papers that have abstracts.
    AiIndex,
    /// The complete venue lists: Paper Copilot's and the conference author list (venue-year
    /// composition; the AI Index files are a responsible-AI selection and are left out).
    CompleteLists,
    /// Paper Copilot's venue lists only (`papercopilot/`).
    PaperCopilot,
    /// Both.
    All,
}

/// What to read: the user's files (format given or detected per file), else the shipped papers.
#[derive(Debug, Clone)]
pub struct PaperRequest<'a> {
    pub inputs: &'a [PathBuf],
    pub format: Option<&'static dyn PaperSource>,
    pub shipped: ShippedPapers,
    /// Show a progress bar while reading OpenAlex snapshots.
    pub progress: bool,
}

/// Papers with classified affiliations and teams (under `defs.unknown_author_policy`).
#[derive(Debug, Clone)]
pub struct LoadedPapers {
    pub table: PaperTable,
    /// The data folder, when one was found (the registries come from it).
    pub data: Option<DataDir>,
}

/// Read papers, classify every affiliation and every paper's team. The data folder is needed for the
/// shipped papers and gives the registries; the user's own files can be read without one, with a
/// classifier of the curated list and rules only (a warning says so).
pub fn load_papers(
    data: std::result::Result<DataDir, NotFound>,
    request: &PaperRequest<'_>,
    defs: &Definitions,
) -> Result<LoadedPapers> {
    let mut table = read_paper_table(&data, request, defs)?;
    let options = ClassifierOptions::from_definitions(defs);
    let classifier = match &data {
        Ok(d) => load_classifier_with(d, options)?,
        Err(_) => {
            eprintln!("warning: no data folder for the registries; classifying with the curated list only");
            InstitutionClassifier::curated_only(options)
        }
    };
    classify_paper_table(&mut table, &classifier, defs);
    Ok(LoadedPapers { table, data: data.ok() })
}

/// The first half of [`load_papers`]: read the papers, classifying nothing (needs no classifier).
pub fn read_paper_table(
    data: &std::result::Result<DataDir, NotFound>,
    request: &PaperRequest<'_>,
    defs: &Definitions,
) -> Result<PaperTable> {
    let opts = ReadOptions {
        progress: request.progress,
        facility_sector: defs.research_institute_sector,
        healthcare_sector: defs.hospital_sector,
        abstracts: true,
    };
    Ok(if request.inputs.is_empty() {
        let dir = data.as_ref().map_err(|e| PipelineError::Missing(e.to_string()))?;
        let files: Vec<(PathBuf, &'static dyn PaperSource)> = match request.shipped {
            ShippedPapers::All => shipped_paper_files(dir),
            ShippedPapers::Conferences => {
                vec![(dir.conferences().join(conference::SHIPPED_FILE), &conference::Conference)]
            }
            ShippedPapers::CompleteLists => shipped_paper_files(dir)
                .into_iter()
                .filter(|(_, f)| matches!(f.name(), "papercopilot" | "conference"))
                .collect(),
            ShippedPapers::PaperCopilot => {
                shipped_paper_files(dir).into_iter().filter(|(_, f)| f.name() == "papercopilot").collect()
            }
            ShippedPapers::AiIndex => aiindex::list_ai_index_files(&dir.ai_index_rai())
                .into_iter()
                .map(|f| (f, &aiindex::AiIndex as &dyn PaperSource))
                .collect(),
        };
        if files.is_empty() || !files.iter().all(|(f, _)| f.is_file() || f.is_dir()) {
            return Err(PipelineError::Missing(format!(
                "the shipped papers are missing from {}; pass papers with --input FILE",
                dir.root.display()
            )));
        }
        let mut parts = Vec::new();
        for (path, format) in &files {
            parts.push(read_papers(std::slice::from_ref(path), Some(*format), &opts)?);
        }
        let report =
            ReadReport::merge("shipped papers", &parts.iter().map(|p| p.report.clone()).collect::<Vec<_>>());
        let papers = parts.into_iter().flat_map(|p| p.papers).collect();
        PaperTable { papers, report }
    } else {
        for p in request.inputs {
            // A path that cannot be read is bad data (exit 1), like every unreadable input.
            if let Err(e) = cd_ingest::check_regular(p) {
                return Err(PipelineError::Missing(format!("--input: cannot read {}: {e}", p.display())));
            }
        }
        read_papers(request.inputs, request.format, &opts)?
    })
}

/// The second half of [`load_papers`]: classify every affiliation and every paper's team (under
/// `defs.unknown_author_policy`).
pub fn classify_paper_table(table: &mut PaperTable, classifier: &InstitutionClassifier, defs: &Definitions) {
    classify_papers_in(table, classifier, defs, false);
}

/// [`classify_paper_table`], and each paper's team under every author-evidence rule and unknown-author
/// policy (`Paper::team_variants`, for the topic claim of the specification curve).
pub fn classify_paper_table_with_variants(
    table: &mut PaperTable,
    classifier: &InstitutionClassifier,
    defs: &Definitions,
) {
    classify_papers_in(table, classifier, defs, true);
}

fn classify_papers_in(
    table: &mut PaperTable,
    classifier: &InstitutionClassifier,
    defs: &Definitions,
    variants: bool,
) {
    classify_affiliations(&mut table.papers, classifier);
    if variants {
        cd_classify::evidence::set_team_variants(&mut table.papers, classifier.email_domains(), defs);
    }
    cd_classify::evidence::apply_author_evidence(
        &mut table.papers,
        classifier.email_domains(),
        defs.author_evidence,
    );
    for p in &mut table.papers {
        p.team = Some(paper_team(p, defs));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_domain::TeamKind;

    #[test]
    fn loads_newest_snapshot_and_caches_classifier() {
        let Some(data) = cd_ingest::locate::test_data_or_skip() else {
            return;
        };
        let defs = Definitions::default();
        let loaded = load_models(&data, None, &defs).unwrap();
        assert!(loaded.path.ends_with("all_ml_systems_2025-08-07.csv"), "{}", loaded.path.display());
        // README sha256 of the snapshot.
        assert_eq!(loaded.sha256, "74509130a942f476053447d26cd9a3805a03d48b8feffef714826c5e340c9ec2");
        assert_eq!(loaded.models.len(), 1892);
        assert!(loaded.report.is_balanced());
        let gdm = loaded.models.iter().find(|m| m.model.organizations == ["Google DeepMind"]).unwrap();
        assert_eq!(gdm.team.kind, TeamKind::IndustryOnly);
        let a = load_classifier_with(&data, ClassifierOptions::default()).unwrap();
        let b = load_classifier_with(&data, ClassifierOptions::default()).unwrap();
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        let v = Definitions { vintage: Some("2023-12-14".into()), ..Definitions::default() };
        assert!(models_path(&data, None, &v).unwrap().ends_with("all_ml_systems_2023-12-14.csv"));
        let bad = Definitions { vintage: Some("1999".into()), ..Definitions::default() };
        assert!(models_path(&data, None, &bad).unwrap_err().to_string().contains("1999"));
    }

    #[test]
    fn classified_models_from_the_cache_equal_classified_ones_on_every_vintage() {
        let Some(data) = cd_ingest::locate::test_data_or_skip() else {
            return;
        };
        let cache = tempfile::tempdir().unwrap();
        let models_files = || -> Vec<PathBuf> {
            let mut v: Vec<PathBuf> = std::fs::read_dir(cache.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(MODELS_CACHE_PREFIX))
                .collect();
            v.sort();
            v
        };
        // Everything a model carries, the team candidates included (they are not in the JSON output).
        let full = |l: &LoadedModels| {
            let candidates: Vec<_> = l.models.iter().map(|m| format!("{:?}", m.candidates)).collect();
            (format!("{:?}", l.models), candidates, format!("{:?}", l.report), l.sha256.clone())
        };
        let derived = Definitions {
            team_source: cd_domain::definitions::TeamSourceRule::Derived,
            ..Definitions::default()
        };
        let mut tables: Vec<PathBuf> = std::fs::read_dir(data.epoch())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect();
        tables.sort();
        assert_eq!(tables.len(), 6);
        let mut written = 0;
        for defs in [Definitions::default(), derived] {
            for t in &tables {
                let want = load_models_in(&data, Some(t), &defs, None).unwrap();
                assert!(want.models.iter().any(|m| m.candidates.derived.is_some()), "{}", t.display());
                let stored = load_models_in(&data, Some(t), &defs, Some(cache.path())).unwrap();
                written += 1;
                assert_eq!(models_files().len(), written, "one file per table and definitions");
                let read = load_models_in(&data, Some(t), &defs, Some(cache.path())).unwrap();
                assert_eq!(full(&stored), full(&want), "{}", t.display());
                assert_eq!(full(&read), full(&want), "{}", t.display());
                assert_eq!(read.path, want.path);
            }
        }
        // The file read is the cache file: a valid file under the key is what comes back ...
        let t = &tables[0];
        let defs = Definitions::default();
        let sha = cd_ingest::datasets::sha256_file(t).unwrap();
        let key = classified_cache_key(&data, t, &sha, &defs, cache.path()).unwrap().unwrap();
        let file = cache.path().join(format!("{MODELS_CACHE_PREFIX}{key}.bin"));
        let good = std::fs::read(&file).unwrap();
        let mut marked = ClassifiedTable::from_loaded(load_models_in(&data, Some(t), &defs, None).unwrap());
        marked.models.truncate(2);
        marked.candidates.truncate(2);
        cd_ingest::registry::write_cache_value(&file, &marked, MODELS_CACHE_PREFIX, 16).unwrap();
        assert_eq!(load_models_in(&data, Some(t), &defs, Some(cache.path())).unwrap().models.len(), 2);
        // ... and a corrupt one is ignored and rewritten.
        let mut bad = good.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 0x10;
        std::fs::write(&file, &bad).unwrap();
        let again = load_models_in(&data, Some(t), &defs, Some(cache.path())).unwrap();
        assert_eq!(full(&again), full(&load_models_in(&data, Some(t), &defs, None).unwrap()));
        assert_eq!(std::fs::read(&file).unwrap(), good);
        // Other definitions that classification reads: other keys.
        let loose = Definitions {
            academic_only: cd_domain::definitions::AcademicOnlyRule::Loose,
            ..Definitions::default()
        };
        assert_ne!(classified_cache_key(&data, t, &sha, &loose, cache.path()).unwrap().unwrap(), key);
    }

    #[test]
    fn cached_classifier_equals_the_built_one_and_survives_a_corrupt_cache() {
        let Some(data) = cd_ingest::locate::test_data_or_skip() else {
            return;
        };
        let cache = tempfile::tempdir().unwrap();
        let options = ClassifierOptions::default();
        let files = |prefix: &str| -> Vec<PathBuf> {
            let mut v: Vec<PathBuf> = std::fs::read_dir(cache.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
                .collect();
            v.sort();
            v
        };
        let built = load_classifier_cached(&data, options, None).unwrap();
        assert!(files("").is_empty());
        let written = load_classifier_cached(&data, options, Some(cache.path())).unwrap();
        let index = files(CLASSIFIER_CACHE_PREFIX);
        assert_eq!(index.len(), 1, "{index:?}");
        let key = classifier_cache_key(&data, options, cache.path()).unwrap();
        assert!(index[0].ends_with(format!("{CLASSIFIER_CACHE_PREFIX}{key}.bin")));
        let good = std::fs::read(&index[0]).unwrap();
        let read = load_classifier_cached(&data, options, Some(cache.path())).unwrap();
        // Other options: another key, another file.
        let gov = ClassifierOptions { research_institute_sector: cd_domain::Sector::Government, ..options };
        assert_ne!(classifier_cache_key(&data, gov, cache.path()).unwrap(), key);
        // A corrupt file (one flipped byte in the middle) is ignored and rewritten.
        let mut bad = good.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 0xff;
        std::fs::write(&index[0], &bad).unwrap();
        let rebuilt = load_classifier_cached(&data, options, Some(cache.path())).unwrap();
        assert_eq!(std::fs::read(&index[0]).unwrap(), good);
        // Every model of two vintages gets the same team, sectors and shares from every classifier, at one
        // thread and at two.
        let defs = Definitions::default();
        for vintage in ["all_ml_systems_2023-12-14.csv", "all_ml_systems_2025-08-07.csv"] {
            let table = cd_ingest::epoch::read_epoch_csv(&data.epoch().join(vintage)).unwrap();
            let run = |clf: &InstitutionClassifier, threads: usize| {
                let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                format!("{:?}", pool.install(|| classify_models(&table.models, clf, &defs)))
            };
            let want = run(&built, 1);
            assert!(want.contains("Derived"), "some teams come from organisation names");
            for clf in [&written, &read, &rebuilt] {
                assert_eq!(run(clf, 2), want, "{vintage}");
            }
        }
        // Affiliations and e-mail domains of papers, the domain part decoded lazily.
        for s in
            ["Department of Physics, University of Tokyo", "Google Brain and ETH Zurich", "x@cs.ucl.ac.uk"]
        {
            assert_eq!(read.classify(s), built.classify(s), "{s}");
        }
        for d in ["cs.stanford.edu", "deepmind.com", "anu.edu.au", "mpg.de", "unknown.example"] {
            assert_eq!(read.email_domains().classify(d), built.email_domains().classify(d), "{d}");
        }
    }
}

/// Epoch's compute tables of one data folder (`epoch_compute/`), read, with the academic verdict of each
/// cluster's owners and users.
#[derive(Debug, Clone)]
pub struct LoadedCompute {
    pub clusters_path: PathBuf,
    pub hardware_path: PathBuf,
    pub clusters: cd_ingest::compute::ClusterTable,
    pub hardware: cd_ingest::compute::HardwareTable,
    /// `academic[i]`: an owner or a user of cluster `i` is an academic institution (the institution
    /// classifier's sector `academia`).
    pub academic: Vec<bool>,
}

/// What the compute tables need that the data folder lacks (paths relative to it; empty when nothing).
pub fn missing_compute_inputs(data: &DataDir) -> Vec<String> {
    let dir = data.epoch_compute();
    ["gpu_clusters", "ml_hardware"]
        .iter()
        .filter(|p| cd_ingest::compute::newest(&dir, p).is_none())
        .map(|p| format!("epoch_compute/{p}_*.csv"))
        .collect()
}

/// Read the newest GPU-clusters and ML-hardware tables of `epoch_compute/` (or the files given) and
/// classify the clusters' owners and users. `Ok(None)` when the folder lacks a table and none is given.
pub fn load_compute(
    data: &DataDir,
    clusters_file: Option<&Path>,
    hardware_file: Option<&Path>,
    classifier: &InstitutionClassifier,
) -> Result<Option<LoadedCompute>> {
    let dir = data.epoch_compute();
    let pick = |given: Option<&Path>, prefix: &str| {
        given.map(Path::to_path_buf).or_else(|| cd_ingest::compute::newest(&dir, prefix))
    };
    let (Some(clusters_path), Some(hardware_path)) =
        (pick(clusters_file, "gpu_clusters"), pick(hardware_file, "ml_hardware"))
    else {
        return Ok(None);
    };
    let clusters = cd_ingest::compute::read_clusters(&clusters_path)?;
    let hardware = cd_ingest::compute::read_hardware(&hardware_path)?;
    let academic = cluster_academic_flags(&clusters.clusters, classifier);
    Ok(Some(LoadedCompute { clusters_path, hardware_path, clusters, hardware, academic }))
}

/// Whether any owner or user of each cluster is classified as academia.
pub fn cluster_academic_flags(
    clusters: &[cd_domain::GpuCluster],
    classifier: &InstitutionClassifier,
) -> Vec<bool> {
    clusters
        .iter()
        .map(|c| {
            c.owners
                .iter()
                .chain(&c.users)
                .any(|name| classifier.classify(name).sector == cd_domain::Sector::Academia)
        })
        .collect()
}
