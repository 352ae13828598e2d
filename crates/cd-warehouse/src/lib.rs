//! The Parquet warehouse (`compute-divide warehouse build`, docs/warehouse.md): the study's typed tables
//! from every source of a data folder, and from OpenAlex snapshot parts, read and classified as the report
//! does (`cd-pipeline`, `cd-analysis` for topics and the publication corpus), written as zstd Parquet.
//!
//! Parts: part 0 is the data folder's tables; each OpenAlex input part is part 1, 2 … (its place in name
//! order) of the OpenAlex tables. A part is written to temporary files renamed when complete, then its
//! marker `_parts/part-NNNNN.json` (key, rows, files) is written: a rebuild keeps every part whose key
//! (content hash of its inputs, the definitions, the format) is unchanged, so an interrupted build
//! continues and adding a snapshot part writes only that part. `warehouse.json` is written last.
//!
//! Layer: beside `cd-study` (it calls `cd-pipeline` and `cd-analysis`), below the binary.

pub mod rows;
pub mod snapshot;
pub mod table;

use cd_classify::{ClassifierOptions, InstitutionClassifier};
use cd_domain::{Definitions, ReadReport};
use cd_ingest::locate::DataDir;
use cd_ingest::papers::openalex::{is_ml_work, read_openalex_file, ReadOptions};
use cd_ingest::papers::PaperTable;
use cd_pipeline::{PaperRequest, PipelineError, ShippedPapers};
use rows::{PaperSinks, TablePart, WorkExtra};
use sha2::{Digest, Sha256};
use snapshot::{InputPart, Shard};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Version of the warehouse's layout and of what goes into a part's key: a change makes every part
/// rewritten.
pub const FORMAT_VERSION: u32 = 2;

/// Works classified and written together (bounds the memory of a part being written).
const CHUNK_WORKS: usize = 8192;

#[derive(Debug, thiserror::Error)]
pub enum WarehouseError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: writing Parquet: {message}")]
    Parquet { path: String, message: String },
    #[error("{file}: {message}")]
    Input { file: String, message: String },
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Paper(#[from] cd_ingest::papers::PaperError),
    /// Bad arguments (exit code 2).
    #[error("{0}")]
    Usage(String),
}

impl WarehouseError {
    pub(crate) fn parquet(path: &Path, e: parquet::errors::ParquetError) -> WarehouseError {
        WarehouseError::Parquet { path: path.display().to_string(), message: e.to_string() }
    }

    pub fn is_usage(&self) -> bool {
        match self {
            WarehouseError::Usage(_) => true,
            WarehouseError::Pipeline(p) => p.is_usage(),
            _ => false,
        }
    }
}

type Result<T> = std::result::Result<T, WarehouseError>;

/// Which OpenAlex works go in: the ML works under `Definitions::openalex_ml_filter`, or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenAlexFilter {
    Default,
    None,
}

impl OpenAlexFilter {
    pub fn parse(text: &str) -> std::result::Result<OpenAlexFilter, String> {
        match text {
            "default" => Ok(OpenAlexFilter::Default),
            "none" => Ok(OpenAlexFilter::None),
            _ => Err(format!("--openalex-filter: expected default or none, got {text:?}")),
        }
    }
}

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub out: PathBuf,
    /// Snapshot folders, folders of parts, or part files (may be empty).
    pub openalex: Vec<PathBuf>,
    pub filter: OpenAlexFilter,
    pub shard: Option<Shard>,
    /// Show a progress bar (works, works per second, time left) on stderr.
    pub progress: bool,
    /// The program's name and version, written into `warehouse.json`.
    pub program: String,
}

/// A part's marker (`_parts/part-NNNNN.json`): written after its files, read by the next build.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PartRecord {
    pub part: u32,
    /// `data folder` for part 0, else the input part's name.
    pub input: String,
    /// sha256 over the format, the definitions, the filter and the inputs' contents.
    pub key: String,
    /// sha256 of each input file (`name`, `sha256`).
    pub inputs: Vec<(String, String)>,
    pub reads: Vec<ReadCounts>,
    /// OpenAlex: works that passed the filter (the rows of `papers`).
    pub works_kept: Option<u64>,
    pub manifest_records: Option<u64>,
    pub warnings: Vec<String>,
    pub tables: Vec<TablePart>,
}

/// One read's accounting.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReadCounts {
    pub file: String,
    pub rows_read: usize,
    pub rows_loaded: usize,
    pub rows_rejected: usize,
    /// The first rejections (at most 20), as text.
    pub rejections: Vec<String>,
}

impl From<&ReadReport> for ReadCounts {
    fn from(r: &ReadReport) -> Self {
        ReadCounts {
            file: r.file.clone(),
            rows_read: r.rows_read,
            rows_loaded: r.rows_loaded,
            rows_rejected: r.rows_rejected,
            rejections: r
                .rejections
                .iter()
                .take(20)
                .map(|j| format!("{} row {} {}: {}", j.file, j.row, j.field, j.reason))
                .collect(),
        }
    }
}

/// `warehouse.json`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct WarehouseManifest {
    pub format: String,
    pub version: u32,
    pub program: String,
    pub definitions_sha256: String,
    pub definitions: serde_json::Value,
    pub openalex_filter: OpenAlexFilter,
    pub shard: Option<String>,
    /// Every part in the folder, part 0 first; `status` says whether this build wrote or kept it.
    pub parts: Vec<PartStatus>,
    pub warnings: Vec<String>,
    pub tables: Vec<TableEntry>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PartStatus {
    #[serde(flatten)]
    pub record: PartRecord,
    /// `written`, `kept` or `renamed` (kept under a new number).
    pub status: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TableEntry {
    pub name: String,
    pub rows: u64,
    pub columns: Vec<ColumnEntry>,
    pub files: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ColumnEntry {
    pub name: String,
    #[serde(rename = "type")]
    pub data_type: String,
    pub nullable: bool,
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> WarehouseError + '_ {
    move |e| WarehouseError::Io { path: path.display().to_string(), source: e }
}

fn sha_hex(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    format!("{:x}", h.finalize())
}

fn marker_path(out: &Path, part: u32) -> PathBuf {
    out.join("_parts").join(format!("part-{part:05}.json"))
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io_err(path))
}

fn read_markers(out: &Path) -> Vec<PartRecord> {
    let Ok(entries) = std::fs::read_dir(out.join("_parts")) else { return Vec::new() };
    let mut v: Vec<PartRecord> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .filter_map(|b| serde_json::from_slice::<PartRecord>(&b).ok())
        .collect();
    v.sort_by_key(|r| r.part);
    v
}

/// Whether every file a marker names is there.
fn files_present(out: &Path, r: &PartRecord) -> bool {
    r.tables.iter().filter_map(|t| t.file.as_ref()).all(|f| out.join(f).is_file())
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub manifest: WarehouseManifest,
    pub written: usize,
    pub kept: usize,
}

/// Build (or bring up to date) the warehouse in `opts.out` from the data folder and the OpenAlex inputs.
pub fn build(data: &DataDir, defs: &Definitions, opts: &BuildOptions) -> Result<BuildSummary> {
    let out = &opts.out;
    std::fs::create_dir_all(out).map_err(io_err(out))?;
    remove_temporaries(out)?;
    let defs_json = serde_json::to_value(defs).expect("definitions serialise");
    let defs_text = defs_json.to_string();
    let defs_sha = sha_hex(&[&defs_text]);
    let snapshot = snapshot::discover(&opts.openalex)?;
    let old = read_markers(out);
    let mut statuses: Vec<PartStatus> = Vec::new();
    let mut warnings = snapshot.warnings.clone();

    let classifier = cd_pipeline::load_classifier_with(data, ClassifierOptions::from_definitions(defs))?;

    // Part 0: the data folder.
    let shipped_inputs = shipped_inputs(data)?;
    let shipped_key = {
        let mut k = vec![format!("format {FORMAT_VERSION}"), defs_sha.clone()];
        k.extend(shipped_inputs.iter().map(|(n, h)| format!("{n} {h}")));
        sha_hex(&k.iter().map(String::as_str).collect::<Vec<_>>())
    };
    match old.iter().find(|r| r.part == 0 && r.key == shipped_key && files_present(out, r)) {
        Some(r) => statuses.push(PartStatus { record: r.clone(), status: "kept".into() }),
        None => {
            let record = write_shipped(data, defs, &classifier, out, shipped_key, shipped_inputs)?;
            write_atomic(&marker_path(out, 0), &serde_json::to_vec_pretty(&record).expect("serialises"))?;
            statuses.push(PartStatus { record, status: "written".into() });
        }
    }

    // OpenAlex parts: part i + 1 is the i-th input part in name order.
    let filter_text = match opts.filter {
        OpenAlexFilter::Default => serde_json::to_string(&defs.openalex_ml_filter).expect("serialises"),
        OpenAlexFilter::None => "none".to_string(),
    };
    let selected: Vec<(u32, &InputPart)> = snapshot
        .parts
        .iter()
        .enumerate()
        .filter(|(i, _)| opts.shard.is_none_or(|s| s.takes(*i)))
        .map(|(i, p)| (u32::try_from(i + 1).unwrap_or(u32::MAX), p))
        .collect();
    use rayon::prelude::*;
    let hashes: Vec<String> = selected
        .par_iter()
        .map(|(_, p)| cd_ingest::datasets::sha256_file(&p.path).map_err(io_err(&p.path)))
        .collect::<Result<_>>()?;
    let keys: Vec<String> = hashes
        .iter()
        .map(|h| sha_hex(&[&format!("format {FORMAT_VERSION}"), &defs_sha, &filter_text, h]))
        .collect();
    // Parts already written under another number (a part was added before them): move their files.
    let mut plan: Vec<(u32, &InputPart, String, String, Option<PartRecord>)> = Vec::new();
    let mut moves: Vec<(PartRecord, u32)> = Vec::new();
    for (((n, p), h), key) in selected.iter().zip(hashes).zip(keys) {
        let found = old.iter().find(|r| r.part != 0 && r.key == key && files_present(out, r));
        match found {
            Some(r) if r.part == *n => plan.push((*n, p, h, key, Some(r.clone()))),
            Some(r) => {
                moves.push((r.clone(), *n));
                plan.push((*n, p, h, key, None));
            }
            None => plan.push((*n, p, h, key, None)),
        }
    }
    let moved = move_parts(out, &moves)?;
    let to_write: Vec<&(u32, &InputPart, String, String, Option<PartRecord>)> =
        plan.iter().filter(|x| x.4.is_none() && !moved.iter().any(|m| m.part == x.0)).collect();
    let total_records: Option<u64> = to_write.iter().map(|x| x.1.manifest_records).sum();
    let counter = AtomicU64::new(0);
    let written: Vec<PartRecord> =
        with_progress(opts.progress && !to_write.is_empty(), total_records, &counter, || {
            to_write
                .par_iter()
                .map(|(n, p, h, key, _)| {
                    let filter = match opts.filter {
                        OpenAlexFilter::Default => Some(&defs.openalex_ml_filter),
                        OpenAlexFilter::None => None,
                    };
                    let r = write_openalex_part(out, *n, p, h, key, &classifier, defs, filter, &counter)?;
                    write_atomic(&marker_path(out, *n), &serde_json::to_vec_pretty(&r).expect("serialises"))?;
                    Ok(r)
                })
                .collect::<Result<Vec<_>>>()
        })?;
    for (n, _, _, _, kept) in &plan {
        if let Some(r) = kept {
            statuses.push(PartStatus { record: r.clone(), status: "kept".into() });
        } else if let Some(r) = moved.iter().find(|r| r.part == *n) {
            statuses.push(PartStatus { record: r.clone(), status: "renamed".into() });
        } else if let Some(r) = written.iter().find(|r| r.part == *n) {
            statuses.push(PartStatus { record: r.clone(), status: "written".into() });
        }
    }
    // With a shard, the other shards' parts stay (they may be written by another run into this folder);
    // without one, parts beyond the inputs are removed.
    let n_parts = u32::try_from(snapshot.parts.len()).unwrap_or(u32::MAX);
    if opts.shard.is_some() {
        for r in read_markers(out) {
            if r.part != 0 && r.part <= n_parts && !statuses.iter().any(|s| s.record.part == r.part) {
                statuses.push(PartStatus { record: r, status: "kept (other shard)".into() });
            }
        }
        statuses.sort_by_key(|s| s.record.part);
    }
    remove_stale_parts(out, n_parts)?;
    for s in &statuses {
        warnings.extend(s.record.warnings.iter().cloned());
    }

    let tables = table::all_tables()
        .into_iter()
        .map(|(name, schema)| {
            let mut rows = 0;
            let mut files = Vec::new();
            for s in &statuses {
                for t in s.record.tables.iter().filter(|t| t.table == name) {
                    rows += t.rows;
                    files.extend(t.file.clone());
                }
            }
            TableEntry {
                name: name.to_string(),
                rows,
                columns: schema
                    .fields()
                    .iter()
                    .map(|f| ColumnEntry {
                        name: f.name().clone(),
                        data_type: f.data_type().to_string(),
                        nullable: f.is_nullable(),
                    })
                    .collect(),
                files,
            }
        })
        .collect();
    let written_n = statuses.iter().filter(|s| s.status == "written").count();
    let kept_n = statuses.len() - written_n;
    let manifest = WarehouseManifest {
        format: "compute-divide warehouse".into(),
        version: FORMAT_VERSION,
        program: opts.program.clone(),
        definitions_sha256: defs_sha,
        definitions: defs_json,
        openalex_filter: opts.filter,
        shard: opts.shard.map(|s| format!("{}/{}", s.k, s.n)),
        parts: statuses,
        warnings,
        tables,
    };
    let mut text = serde_json::to_string_pretty(&manifest).expect("serialises");
    text.push('\n');
    write_atomic(&out.join("warehouse.json"), text.as_bytes())?;
    Ok(BuildSummary { manifest, written: written_n, kept: kept_n })
}

fn with_progress<T>(show: bool, total: Option<u64>, counter: &AtomicU64, f: impl FnOnce() -> T + Send) -> T
where
    T: Send,
{
    if !show {
        return f();
    }
    let bar = match total {
        Some(t) => {
            let pb = indicatif::ProgressBar::new(t);
            pb.set_style(
                indicatif::ProgressStyle::with_template(
                    "OpenAlex {bar:30} {pos}/{len} works, {per_sec} [{elapsed_precise}, {eta} left]",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            pb
        }
        None => {
            let pb = indicatif::ProgressBar::new_spinner();
            pb.set_style(
                indicatif::ProgressStyle::with_template(
                    "OpenAlex {spinner} {pos} works, {per_sec} [{elapsed_precise}]",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            pb
        }
    };
    let done = std::sync::atomic::AtomicBool::new(false);
    let result = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                bar.set_position(counter.load(Ordering::Relaxed));
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
        });
        let r = f();
        done.store(true, Ordering::Relaxed);
        r
    });
    bar.set_position(counter.load(Ordering::Relaxed));
    bar.finish();
    result
}

/// Files a killed build left half-written.
fn remove_temporaries(out: &Path) -> Result<()> {
    let mut dirs = vec![out.join("_parts")];
    dirs.extend(table::all_tables().into_iter().map(|(n, _)| out.join(n)));
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "tmp") {
                std::fs::remove_file(e.path()).map_err(io_err(&e.path()))?;
            }
        }
    }
    Ok(())
}

/// Remove the OpenAlex part files and markers numbered above `n_parts`.
fn remove_stale_parts(out: &Path, n_parts: u32) -> Result<()> {
    for r in read_markers(out) {
        if r.part > n_parts {
            for f in r.tables.iter().filter_map(|t| t.file.as_ref()) {
                let p = out.join(f);
                if p.exists() {
                    std::fs::remove_file(&p).map_err(io_err(&p))?;
                }
            }
            let m = marker_path(out, r.part);
            std::fs::remove_file(&m).map_err(io_err(&m))?;
        }
    }
    Ok(())
}

/// Move kept parts to their new numbers (through temporary names, so that numbers can swap), and rewrite
/// their markers.
fn move_parts(out: &Path, moves: &[(PartRecord, u32)]) -> Result<Vec<PartRecord>> {
    let mut staged = Vec::new();
    for (r, to) in moves {
        let mut files = Vec::new();
        for t in &r.tables {
            if let Some(f) = &t.file {
                let from = out.join(f);
                let tmp = out.join(format!("{f}.move"));
                std::fs::rename(&from, &tmp).map_err(io_err(&from))?;
                files.push((t.table.clone(), tmp));
            }
        }
        let m = marker_path(out, r.part);
        if m.exists() {
            std::fs::remove_file(&m).map_err(io_err(&m))?;
        }
        staged.push((r, *to, files));
    }
    let mut moved = Vec::new();
    for (r, to, files) in staged {
        let mut rec = r.clone();
        rec.part = to;
        for t in rec.tables.iter_mut() {
            if let Some((_, tmp)) = files.iter().find(|(name, _)| *name == t.table) {
                let rel = table::part_file(&t.table, to);
                let dest = out.join(&rel);
                std::fs::rename(tmp, &dest).map_err(io_err(&dest))?;
                t.file =
                    Some(format!("{}/{}", t.table, rel.file_name().expect("a file name").to_string_lossy()));
            }
        }
        write_atomic(&marker_path(out, to), &serde_json::to_vec_pretty(&rec).expect("serialises"))?;
        moved.push(rec);
    }
    Ok(moved)
}

/// The data folder's input files (relative name, sha256), in a fixed order.
fn shipped_inputs(data: &DataDir) -> Result<Vec<(String, String)>> {
    let mut files: Vec<PathBuf> = cd_ingest::datasets::epoch_tables_by_vintage(data);
    files.push(data.conferences().join(cd_ingest::papers::conference::SHIPPED_FILE));
    files.extend(cd_ingest::papers::aiindex::list_ai_index_files(&data.ai_index_rai()));
    files.extend(cd_ingest::papers::papercopilot::list_files(&data.papercopilot()));
    for dir in [data.grid(), data.universities()] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut v: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
            v.sort();
            files.extend(v);
        }
    }
    use rayon::prelude::*;
    files
        .par_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.strip_prefix(&data.root).unwrap_or(p).to_string_lossy().into_owned();
            Ok((name, cd_ingest::datasets::sha256_file(p).map_err(io_err(p))?))
        })
        .collect()
}

/// Part 0: the papers of the data folder (Paper Copilot, the conference list, the AI Index files), the
/// Epoch tables' models, GRID.
fn write_shipped(
    data: &DataDir,
    defs: &Definitions,
    classifier: &InstitutionClassifier,
    out: &Path,
    key: String,
    inputs: Vec<(String, String)>,
) -> Result<PartRecord> {
    use rayon::prelude::*;
    let found = Ok(data.clone());
    let read = |shipped: ShippedPapers| -> Result<PaperTable> {
        let request = PaperRequest { inputs: &[], format: None, shipped, progress: false };
        let mut t = cd_pipeline::read_paper_table(&found, &request, defs)?;
        cd_pipeline::classify_paper_table(&mut t, classifier, defs);
        Ok(t)
    };
    let has_pc = !cd_ingest::papers::papercopilot::list_files(&data.papercopilot()).is_empty();
    let has_ai = !cd_ingest::papers::aiindex::list_ai_index_files(&data.ai_index_rai()).is_empty();
    let has_conf = data.conferences().join(cd_ingest::papers::conference::SHIPPED_FILE).is_file();
    let pick = |yes: bool, s: ShippedPapers| if yes { read(s) } else { Ok(PaperTable::default()) };
    let (pc, (conf, ai)) = rayon::join(
        || pick(has_pc, ShippedPapers::PaperCopilot),
        || {
            rayon::join(
                || pick(has_conf, ShippedPapers::Conferences),
                || pick(has_ai, ShippedPapers::AiIndex),
            )
        },
    );
    let (pc, conf, ai) = (pc?, conf?, ai?);
    let epoch = cd_ingest::datasets::epoch_tables_by_vintage(data);
    let models: Vec<(PathBuf, Vec<cd_domain::ClassifiedModel>, ReadReport)> = epoch
        .par_iter()
        .map(|p| {
            let l = cd_pipeline::load_models(data, Some(p), defs)?;
            Ok((p.clone(), l.models, l.report))
        })
        .collect::<Result<_>>()?;

    // The corpus flags, by the functions the analyses select their papers with, on the papers in the
    // order the analyses read them (Paper Copilot, the conference list, the AI Index files): the
    // publication corpus (`teams`, the publications section) of the complete lists, the topic corpus
    // (`representation`, the topics section) of every source.
    let every: Vec<&cd_domain::Paper> = pc.papers.iter().chain(&conf.papers).chain(&ai.papers).collect();
    let n_complete = pc.papers.len() + conf.papers.len();
    let (in_publication, _) = cd_analysis::corpus::publication_mask(&every[..n_complete], defs);
    let (in_topic, _) = cd_analysis::topics::corpus::topic_corpus_mask(&every, defs);
    let mut tables = Vec::new();
    let mut sinks = PaperSinks::new(out, 0);
    let mut i = 0;
    let mut ai_occurrences = Vec::with_capacity(ai.papers.len());
    for t in [&pc, &conf, &ai] {
        let topics = cd_analysis::topics::corpus::assign_topics(&t.papers, defs);
        for (p, topics) in t.papers.iter().zip(topics) {
            let corpus = i < n_complete && in_publication[i];
            let occurrence = sinks.push(p, topics, corpus, in_topic[i], defs, None)?;
            if std::ptr::eq(t, &ai) {
                ai_occurrences.push(occurrence);
            }
            i += 1;
        }
    }
    tables.extend(sinks.close()?);
    // Model mentions: the adoption analysis's uses (the AI Index papers, the only shipped papers with
    // abstracts, against the catalogue of every Epoch table, oldest vintage first), as the `mentions`
    // command and the report's adoption section find them.
    let labels: Vec<String> = models
        .iter()
        .map(|(p, _, _)| p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
        .collect();
    let catalogue_tables: Vec<cd_analysis::adoption::study::CatalogueTable> = models
        .iter()
        .zip(&labels)
        .map(|((p, m, _), label)| cd_analysis::adoption::study::CatalogueTable {
            label,
            models: m,
            all_models: cd_ingest::datasets::is_all_models_table(p),
        })
        .collect();
    let (catalogue, mentions) =
        cd_analysis::adoption::study::mentions_of(&ai.papers, &catalogue_tables, defs);
    tables.extend(rows::write_model_mentions(out, &ai.papers, &ai_occurrences, &mentions.uses, &catalogue)?);
    let model_tables: Vec<(PathBuf, Vec<cd_domain::ClassifiedModel>)> =
        models.iter().map(|(p, m, _)| (p.clone(), m.clone())).collect();
    tables.extend(rows::write_models(out, &model_tables)?);
    let registries = cd_pipeline::load_registries(data)?;
    tables.extend(rows::write_institutions(out, &registries.grid, classifier)?);
    let mut reads: Vec<ReadCounts> = [&pc.report, &conf.report, &ai.report]
        .into_iter()
        .filter(|r| r.rows_read > 0 || !r.file.is_empty())
        .map(ReadCounts::from)
        .collect();
    reads.extend(models.iter().map(|(_, _, r)| ReadCounts::from(r)));
    reads.extend(registries.grid_report.iter().map(ReadCounts::from));
    // Empty tables of part 0 (citations) have no file but are listed with 0 rows.
    Ok(PartRecord {
        part: 0,
        input: "data folder".into(),
        key,
        inputs,
        reads,
        works_kept: None,
        manifest_records: None,
        warnings: Vec::new(),
        tables,
    })
}

/// One OpenAlex part: stream its works, keep those the filter admits, classify and write them in chunks.
#[allow(clippy::too_many_arguments)]
fn write_openalex_part(
    out: &Path,
    part: u32,
    input: &InputPart,
    sha256: &str,
    key: &str,
    classifier: &InstitutionClassifier,
    defs: &Definitions,
    filter: Option<&cd_domain::definitions::OpenAlexMlFilter>,
    counter: &AtomicU64,
) -> Result<PartRecord> {
    let opts = ReadOptions {
        progress: false,
        facility_sector: defs.research_institute_sector,
        healthcare_sector: defs.hospital_sector,
        abstracts: true,
    };
    let mut sinks = PaperSinks::new(out, part);
    let mut chunk: Vec<cd_ingest::papers::openalex::OpenAlexWork> = Vec::with_capacity(CHUNK_WORKS);
    let mut failed: Option<WarehouseError> = None;
    let mut kept = 0u64;
    let flush =
        |chunk: &mut Vec<cd_ingest::papers::openalex::OpenAlexWork>, sinks: &mut PaperSinks| -> Result<()> {
            let mut papers = Vec::with_capacity(chunk.len());
            let mut extras = Vec::with_capacity(chunk.len());
            for w in chunk.drain(..) {
                papers.push(w.paper);
                extras.push(WorkExtra {
                    doi: w.doi,
                    work_type: w.work_type,
                    primary_topic: w.primary_topic,
                    topics: w.topics,
                    referenced_works: w.referenced_works,
                    institution_ids: w.institution_ids,
                });
            }
            let mut table = PaperTable { papers, report: ReadReport::new(String::new()) };
            cd_pipeline::classify_paper_table(&mut table, classifier, defs);
            let topics = cd_analysis::topics::corpus::assign_topics(&table.papers, defs);
            for ((p, t), e) in table.papers.iter().zip(topics).zip(&extras) {
                sinks.push(p, t, false, false, defs, Some(e))?;
            }
            Ok(())
        };
    let report = read_openalex_file(&input.path, &opts, counter, &mut |w| {
        if failed.is_some() || filter.is_some_and(|f| !is_ml_work(&w, f)) {
            return;
        }
        kept += 1;
        chunk.push(w);
        if chunk.len() >= CHUNK_WORKS {
            if let Err(e) = flush(&mut chunk, &mut sinks) {
                failed = Some(e);
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    flush(&mut chunk, &mut sinks)?;
    let tables = sinks.close()?;
    let mut warnings = Vec::new();
    if let Some(n) = input.manifest_records {
        if n != report.rows_read as u64 {
            warnings.push(format!(
                "{}: the manifest gives {n} records, the file has {} works ({} loaded, {} rejected)",
                input.path.display(),
                report.rows_read,
                report.rows_loaded,
                report.rows_rejected
            ));
        }
    }
    if report.rows_rejected > 0 {
        warnings.push(format!("{}: {} works rejected", input.path.display(), report.rows_rejected));
    }
    Ok(PartRecord {
        part,
        input: input.name.clone(),
        key: key.to_string(),
        inputs: vec![(input.name.clone(), sha256.to_string())],
        reads: vec![ReadCounts::from(&report)],
        works_kept: Some(kept),
        manifest_records: input.manifest_records,
        warnings,
        tables,
    })
}
