//! The report as a document: headline numbers, sections (figures with captions, tables), data sources
//! and definitions; and the writer that puts it on disk as `report.html`, `figures/*.svg`,
//! `tables/*.{csv,json}` and `manifest.json`.
//!
//! A `Document` is generic: it knows nothing about trends or shares. `crate::study` turns the analyses'
//! results into sections; a later capability (publications, adoption, scrutiny) adds its own `Section`.
//! The writer only writes inside the output folder it is given, and writes nothing that varies between
//! runs (no clock, no absolute path, no thread-dependent order), so two runs give identical bytes.

use crate::figure::{render_svg, Figure};
use crate::methods::{definition_rows, DefinitionRow};
use crate::table::Table;
use cd_domain::Definitions;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A figure with its caption: what it shows, and what the study claimed.
#[derive(Debug, Clone)]
pub struct FigureBlock {
    pub figure: Figure,
    /// What the figure shows, in plain words.
    pub caption: String,
    /// What the study (or the literature) claimed that the figure checks; empty if nothing.
    pub claim: String,
}

/// One section of the report.
#[derive(Debug, Clone)]
pub struct Section {
    /// Anchor id (`compute-divide`).
    pub id: String,
    pub title: String,
    /// Paragraphs of plain text.
    pub paragraphs: Vec<String>,
    pub figures: Vec<FigureBlock>,
    pub tables: Vec<Table>,
    /// When set, the section has not been computed and says this instead of showing results.
    pub not_computed: Option<String>,
}

impl Section {
    pub fn new(id: &str, title: &str) -> Section {
        Section {
            id: id.to_string(),
            title: title.to_string(),
            paragraphs: vec![],
            figures: vec![],
            tables: vec![],
            not_computed: None,
        }
    }

    /// A placeholder for a capability that does not exist yet.
    pub fn not_yet_computed(id: &str, title: &str, what: &str) -> Section {
        let mut s = Section::new(id, title);
        s.not_computed = Some(format!("Not yet computed. {what}"));
        s
    }

    /// The empty state of a section whose input is missing: `needs` names it (files or folders of the
    /// data folder).
    pub fn missing_input(id: &str, title: &str, needs: &str) -> Section {
        let mut s = Section::new(id, title);
        s.not_computed = Some(format!("Not computed: needs {needs} in the data folder."));
        s
    }
}

/// A headline number at the top of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    /// The number as shown (`5.9 months`).
    pub value: String,
    /// What it is (`Doubling time of training compute, deep-learning era`).
    pub label: String,
    /// Interval and the published number beside it (`95% CI 5.2–6.8; Sevilla et al.: 5.7`).
    pub note: String,
}

/// One input file and what reading it did (name, path relative to the data folder, vintage, sha256, row
/// accounting, credit): the domain's `Provenance`, which `cd-ingest` fills.
pub type Source = cd_domain::Provenance;

/// The whole report.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    /// Program version (`compute-divide 0.1.0`).
    pub version: String,
    pub definitions: Definitions,
    pub headlines: Vec<Headline>,
    pub sections: Vec<Section>,
    pub sources: Vec<Source>,
    /// Extra paragraphs of the methods section.
    pub methods: Vec<String>,
}

/// What `write_document` wrote, relative to the output folder, in writing order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFiles {
    pub out_dir: PathBuf,
    pub files: Vec<PathBuf>,
}

impl ReportFiles {
    pub fn html(&self) -> PathBuf {
        self.out_dir.join("report.html")
    }
}

#[derive(Serialize)]
struct OutputFile {
    path: String,
    sha256: String,
    bytes: usize,
}

#[derive(Serialize)]
struct Manifest<'a> {
    program: &'a str,
    version: &'a str,
    seed: u64,
    bootstrap_resamples: usize,
    inputs: &'a [Source],
    definitions: &'a Definitions,
    outputs: Vec<OutputFile>,
}

#[derive(Serialize)]
struct HFigure {
    id: String,
    number: usize,
    svg: String,
    caption: String,
    claim: String,
    file: String,
}

#[derive(Serialize)]
struct HTable {
    name: String,
    title: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    total_rows: usize,
    shown_rows: usize,
    columns_cut: bool,
}

#[derive(Serialize)]
struct HSection {
    id: String,
    number: usize,
    title: String,
    paragraphs: Vec<String>,
    figures: Vec<HFigure>,
    tables: Vec<HTable>,
    not_computed: Option<String>,
}

#[derive(Serialize)]
struct HPage<'a> {
    title: &'a str,
    subtitle: &'a str,
    version: &'a str,
    seed: u64,
    headlines: &'a [Headline],
    sections: Vec<HSection>,
    sources: &'a [Source],
    definitions: Vec<DefinitionRow>,
    methods: &'a [String],
    methods_number: usize,
    css: &'a str,
}

const PAGE: &str = include_str!("../templates/report.html.j2");
const CSS: &str = include_str!("../templates/report.css");
/// The report's style sheet (the dashboard of `cd-web` uses it too, so that both look alike).
pub const REPORT_CSS: &str = CSS;

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn write(out_dir: &Path, rel: &str, bytes: &[u8], written: &mut Vec<OutputFile>) -> crate::Result<()> {
    let path = out_dir.join(rel);
    std::fs::write(&path, bytes).map_err(|e| crate::ReportError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    written.push(OutputFile { path: rel.to_string(), sha256: sha256_hex(bytes), bytes: bytes.len() });
    Ok(())
}

/// Render the HTML page alone (figures inline), with figure files named as the writer names them.
pub fn render_html(doc: &Document) -> crate::Result<String> {
    let mut number = 0;
    let mut sections = Vec::new();
    for (i, s) in doc.sections.iter().enumerate() {
        let mut figures = Vec::new();
        for f in &s.figures {
            number += 1;
            figures.push(HFigure {
                id: f.figure.id.clone(),
                number,
                svg: render_svg(&f.figure)?,
                caption: f.caption.clone(),
                claim: f.claim.clone(),
                file: format!("figures/{}.svg", f.figure.id),
            });
        }
        let tables = s
            .tables
            .iter()
            .filter(|t| t.in_html)
            .map(|t| HTable {
                name: t.name.clone(),
                title: t.title.clone(),
                columns: t.html_column_names(),
                rows: t.html_rows(),
                total_rows: t.rows.len(),
                shown_rows: t.html_rows().len(),
                columns_cut: t.html_columns.is_some_and(|k| k < t.columns.len()),
            })
            .collect();
        sections.push(HSection {
            id: s.id.clone(),
            number: i + 1,
            title: s.title.clone(),
            paragraphs: s.paragraphs.clone(),
            figures,
            tables,
            not_computed: s.not_computed.clone(),
        });
    }
    let page = HPage {
        title: &doc.title,
        subtitle: &doc.subtitle,
        version: &doc.version,
        seed: doc.definitions.seed,
        headlines: &doc.headlines,
        methods_number: sections.len() + 1,
        sections,
        sources: &doc.sources,
        definitions: definition_rows(&doc.definitions),
        methods: &doc.methods,
        css: CSS,
    };
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_template("report.html", PAGE)?;
    Ok(env.get_template("report.html")?.render(minijinja::context! { p => page })?)
}

/// Write the report folder: `report.html`, `figures/<id>.svg`, `tables/<name>.csv` and `.json`,
/// `manifest.json` (inputs with sha256, every definition, version, seed, and every output with its
/// sha256). Figure ids and table names must be unique across the document.
pub fn write_document(out_dir: &Path, doc: &Document) -> crate::Result<ReportFiles> {
    let mut ids: Vec<&str> =
        doc.sections.iter().flat_map(|s| &s.figures).map(|f| f.figure.id.as_str()).collect();
    let mut names: Vec<&str> = doc.sections.iter().flat_map(|s| &s.tables).map(|t| t.name.as_str()).collect();
    for (what, list) in [("figure id", &mut ids), ("table name", &mut names)] {
        list.sort_unstable();
        if let Some(w) = list.windows(2).find(|w| w[0] == w[1]) {
            return Err(crate::ReportError::Duplicate { what, name: w[0].to_string() });
        }
    }
    // What an earlier run wrote here (its manifest's outputs): files of it that this run does not write
    // again are removed at the end, so that the folder holds what its new manifest lists. Files the
    // program did not write (not in that manifest) are never touched.
    let earlier: Vec<String> = std::fs::read(out_dir.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| {
            v["outputs"]
                .as_array()
                .map(|a| a.iter().filter_map(|o| o["path"].as_str().map(str::to_string)).collect())
        })
        .unwrap_or_default();
    for sub in ["", "figures", "tables"] {
        let d = out_dir.join(sub);
        std::fs::create_dir_all(&d).map_err(|e| crate::ReportError::CreateDir {
            path: d.display().to_string(),
            message: e.to_string(),
        })?;
    }
    let mut written = Vec::new();
    for s in &doc.sections {
        for f in &s.figures {
            let mut svg = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            svg.push_str(&render_svg(&f.figure)?);
            write(out_dir, &format!("figures/{}.svg", f.figure.id), svg.as_bytes(), &mut written)?;
        }
        for t in &s.tables {
            write(out_dir, &format!("tables/{}.csv", t.name), &t.to_csv()?, &mut written)?;
            let mut json = serde_json::to_string_pretty(&t.json_value())?;
            json.push('\n');
            write(out_dir, &format!("tables/{}.json", t.name), json.as_bytes(), &mut written)?;
        }
    }
    let html = render_html(doc)?;
    write(out_dir, "report.html", html.as_bytes(), &mut written)?;
    let manifest = Manifest {
        program: "compute-divide",
        version: &doc.version,
        seed: doc.definitions.seed,
        bootstrap_resamples: doc.definitions.bootstrap_resamples,
        inputs: &doc.sources,
        definitions: &doc.definitions,
        outputs: written,
    };
    let mut files: Vec<PathBuf> = manifest.outputs.iter().map(|o| PathBuf::from(&o.path)).collect();
    let mut json = serde_json::to_string_pretty(&manifest)?;
    json.push('\n');
    let path = out_dir.join("manifest.json");
    std::fs::write(&path, json).map_err(|e| crate::ReportError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    files.push(PathBuf::from("manifest.json"));
    for stale in earlier.iter().filter(|p| !files.iter().any(|f| f.as_path() == Path::new(p))) {
        // Only plain relative paths under figures/ or tables/ (a manifest edited by hand cannot make the
        // program delete anything else).
        let rel = Path::new(stale);
        let inside = rel.components().count() == 2
            && (rel.starts_with("figures") || rel.starts_with("tables"))
            && rel.components().all(|c| matches!(c, std::path::Component::Normal(_)));
        if inside {
            let _ = std::fs::remove_file(out_dir.join(rel));
        }
    }
    Ok(ReportFiles { out_dir: out_dir.to_path_buf(), files })
}
