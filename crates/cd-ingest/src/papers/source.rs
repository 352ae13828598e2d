//! Paper sources behind one trait. A source recognises its files and reads them into papers with their
//! read report; [`SOURCES`] is the registry that `--input-format auto` (detection) and the named formats
//! go through.
//!
//! Adding a source: a new module under `papers/` with a unit struct implementing [`PaperSource`], and its
//! line in [`SOURCES`]. Nothing else names the sources one by one.

use super::{aiindex, conference, generic, open, openalex, papercopilot, PaperError, PaperTable};
use cd_domain::{Paper, ReadReport};
use std::path::{Path, PathBuf};

/// What detection knows about a path: its lower-case file name, whether it is a folder, and the columns
/// of its first line (read only for files that may be CSV: not folders, `.json`, `.jsonl` or `.gz`).
#[derive(Debug, Clone)]
pub struct Probe<'a> {
    pub path: &'a Path,
    pub name: String,
    pub is_dir: bool,
    /// The first line, lower-case, without a byte-order mark; empty when not read.
    pub header: String,
}

impl<'a> Probe<'a> {
    pub fn new(path: &'a Path) -> Result<Probe<'a>, PaperError> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
        let is_dir = path.is_dir();
        let mut header = String::new();
        if !is_dir && !json_like(&name) && !papercopilot::looks_like_papercopilot(path) {
            use std::io::BufRead;
            let mut first = Vec::new();
            std::io::BufReader::new(open(path)?)
                .read_until(b'\n', &mut first)
                .map_err(|source| PaperError::Io { file: path.display().to_string(), source })?;
            header = String::from_utf8_lossy(&first)
                .to_ascii_lowercase()
                .trim()
                .trim_start_matches('\u{feff}')
                .into();
        }
        Ok(Probe { path, name, is_dir, header })
    }

    /// Whether the first line has this column (lower-case).
    pub fn has_column(&self, column: &str) -> bool {
        !self.header.is_empty() && self.header.split(',').map(str::trim).any(|c| c == column)
    }
}

/// `.json`, `.jsonl` or `.gz`: never a CSV.
fn json_like(name: &str) -> bool {
    name.ends_with(".jsonl") || name.ends_with(".json") || name.ends_with(".gz")
}

/// Papers read by one source, with one read report per file read.
#[derive(Debug, Clone, Default)]
pub struct SourceRead {
    pub papers: Vec<Paper>,
    pub reports: Vec<ReadReport>,
}

impl From<PaperTable> for SourceRead {
    fn from(t: PaperTable) -> SourceRead {
        SourceRead { papers: t.papers, reports: vec![t.report] }
    }
}

/// A source of papers.
pub trait PaperSource: Sync {
    /// The name `--input-format` takes (`conference`, `papercopilot` ...) and `Paper::source` carries.
    fn name(&self) -> &'static str;
    /// Whether `probe` is one of this source's files. Detection asks the sources in registry order and
    /// takes the first that says yes.
    fn recognise(&self, probe: &Probe) -> bool;
    /// Read `paths` (all of this source): papers with the read report of each file.
    fn read(&self, paths: &[PathBuf], opts: &openalex::ReadOptions) -> Result<SourceRead, PaperError>;
    /// Whether the source reads all its files of one request in one call (in parallel, after the other
    /// sources' files) rather than one file at a time in the order given.
    fn reads_together(&self) -> bool {
        false
    }
}

impl std::fmt::Debug for dyn PaperSource + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Every paper source, in detection order.
pub static SOURCES: &[&dyn PaperSource] = &[
    &papercopilot::PaperCopilot,
    &openalex::OpenAlex,
    &conference::Conference,
    &aiindex::AiIndex,
    &generic::Generic,
];

/// The source of this name (`--input-format`), if any.
pub fn source_named(name: &str) -> Option<&'static dyn PaperSource> {
    SOURCES.iter().copied().find(|s| s.name() == name)
}

/// The names of the sources, for messages (`conference|aiindex|...`).
pub fn source_names() -> Vec<&'static str> {
    SOURCES.iter().map(|s| s.name()).collect()
}

/// Which source reads `path`: the first of [`SOURCES`] that recognises it.
pub fn detect_source(path: &Path) -> Result<&'static dyn PaperSource, PaperError> {
    let probe = Probe::new(path)?;
    SOURCES.iter().copied().find(|s| s.recognise(&probe)).ok_or_else(|| {
        PaperError::format(
            path,
            format!(
                "cannot tell the format from the header '{}'; pass --input-format {}",
                probe.header,
                source_names().join("|")
            ),
        )
    })
}

/// Read files of one source (or each file's detected source when `source` is `None`). Sources that read
/// together (OpenAlex: in parallel) get all their files at once, after the others; papers otherwise keep
/// the order of the files given.
pub fn read_papers(
    paths: &[PathBuf],
    source: Option<&'static dyn PaperSource>,
    opts: &openalex::ReadOptions,
) -> Result<PaperTable, PaperError> {
    let mut parts = Vec::new();
    let mut papers = Vec::new();
    let mut together: Vec<(&'static dyn PaperSource, Vec<PathBuf>)> = Vec::new();
    for path in paths {
        let s = match source {
            Some(s) => s,
            None => detect_source(path)?,
        };
        if s.reads_together() {
            match together.iter_mut().find(|(t, _)| t.name() == s.name()) {
                Some((_, files)) => files.push(path.clone()),
                None => together.push((s, vec![path.clone()])),
            }
            continue;
        }
        let read = s.read(std::slice::from_ref(path), opts)?;
        papers.extend(read.papers);
        parts.extend(read.reports);
    }
    for (s, files) in together {
        let read = s.read(&files, opts)?;
        papers.extend(read.papers);
        parts.extend(read.reports);
    }
    let name =
        if paths.len() == 1 { paths[0].display().to_string() } else { format!("{} files", paths.len()) };
    let report =
        if parts.len() == 1 { parts.pop().unwrap_or_default() } else { ReadReport::merge(name, &parts) };
    Ok(PaperTable { papers, report })
}

/// Read each path with a one-file reader, in order (the body of most sources' `read`).
pub fn read_each(
    paths: &[PathBuf],
    reader: impl Fn(&Path) -> Result<PaperTable, PaperError>,
) -> Result<SourceRead, PaperError> {
    let mut out = SourceRead::default();
    for p in paths {
        let t = reader(p)?;
        out.papers.extend(t.papers);
        out.reports.push(t.report);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_names_each_source_once() {
        let names = source_names();
        assert_eq!(names, ["papercopilot", "openalex", "conference", "aiindex", "generic"]);
        for n in &names {
            assert_eq!(source_named(n).map(|s| s.name()), Some(*n));
        }
        assert!(source_named("auto").is_none());
    }

    #[test]
    fn detection_goes_through_the_registry() {
        let tmp = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = tmp.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let cases = [
            (write("a.csv", "\u{feff}Conference,Year,Title,Author,Affiliation\n"), "conference"),
            (write("b.csv", "title,author_names,abstract\n"), "aiindex"),
            (write("c.csv", "Paper_ID,year,venue,title,author,affiliation\n"), "generic"),
            (write("d.jsonl", "{}\n"), "openalex"),
        ];
        for (path, want) in &cases {
            assert_eq!(detect_source(path).unwrap().name(), *want, "{}", path.display());
        }
        assert_eq!(detect_source(tmp.path()).unwrap().name(), "papercopilot");
        let err = detect_source(&write("e.csv", "x,y\n")).unwrap_err().to_string();
        assert!(
            err.contains("header 'x,y'") && err.contains("papercopilot|openalex|conference|aiindex|generic"),
            "{err}"
        );
        assert!(matches!(detect_source(&tmp.path().join("missing.csv")), Err(PaperError::Open { .. })));
    }

    #[test]
    fn openalex_topics_travel_on_the_paper() {
        let works = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/papers/openalex/works.jsonl");
        let read =
            openalex::read_openalex(std::slice::from_ref(&works), &openalex::ReadOptions::default()).unwrap();
        let table = read_papers(&[works], None, &openalex::ReadOptions::default()).unwrap();
        assert_eq!(table.papers.len(), read.works.len());
        let (w, p) = (&read.works[0], &table.papers[0]);
        let names: Vec<&str> = p.source_topics.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names[0], "Natural Language Processing Techniques");
        assert_eq!(p.source_topics[0].subfield, "Artificial Intelligence");
        assert_eq!(p.source_topics[0].field, "Computer Science");
        // Primary first, then the other topics, each once.
        let others = w.topics.iter().filter(|t| Some(*t) != w.primary_topic.as_ref()).count();
        assert_eq!(names.len(), 1 + others);
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }
}
