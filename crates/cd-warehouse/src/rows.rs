//! Typed values → table rows: papers (any source) with their authorships, topics and citation edges;
//! Epoch models with their organisations; GRID institutions.

use crate::table::{
    Authorships, Citations, Institutions, ModelMentions, ModelOrganisations, Models, PaperTopics, Papers,
    Sink,
};
use crate::WarehouseError;
use cd_analysis::adoption::{Catalogue, ModelUse};
use cd_analysis::topics::TopicSet;
use cd_domain::{ClassifiedModel, Definitions, Paper, TeamKind};
use cd_ingest::papers::openalex::{InstitutionIds, WorkTopic};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The OpenAlex-only fields of a work that the tables keep beside its `Paper`.
pub struct WorkExtra {
    pub doi: Option<String>,
    pub work_type: Option<String>,
    pub primary_topic: Option<WorkTopic>,
    pub topics: Vec<WorkTopic>,
    pub referenced_works: Vec<String>,
    pub institution_ids: Vec<Vec<InstitutionIds>>,
}

/// What one table of one part holds once written: rows and the file (relative to the warehouse), none
/// when the table got no row.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TablePart {
    pub table: String,
    pub rows: u64,
    pub file: Option<String>,
}

fn relative(root: &Path, written: Option<PathBuf>) -> Option<String> {
    written.map(|p| {
        p.strip_prefix(root)
            .unwrap_or(&p)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    })
}

/// The `occurrence` of each paper row: 1 for the first row of a (`source`, `paper_id`) in the part, 2 for
/// the second ... A few sources list one id more than once (the AI Index files list a paper once per
/// responsible-AI category), so (`source`, `paper_id`, `occurrence`) is the key of a paper row and of the
/// rows that belong to it.
#[derive(Debug, Default)]
pub struct Occurrences {
    seen: HashMap<(String, String), i32>,
}

impl Occurrences {
    /// The occurrence of the next row of `paper`.
    pub fn next(&mut self, paper: &Paper) -> i32 {
        let n = self.seen.entry((paper.source.clone(), paper.paper_id.clone())).or_insert(0);
        *n = n.saturating_add(1);
        *n
    }
}

/// The paper tables of one part being written.
pub struct PaperSinks {
    root: PathBuf,
    occurrences: Occurrences,
    papers: Sink<Papers>,
    authorships: Sink<Authorships>,
    topics: Sink<PaperTopics>,
    citations: Sink<Citations>,
}

fn opt_str(b: &mut arrow_array::builder::StringBuilder, v: Option<&str>) {
    match v {
        Some(v) => b.append_value(v),
        None => b.append_null(),
    }
}

impl PaperSinks {
    pub fn new(root: &Path, part: u32) -> PaperSinks {
        PaperSinks {
            root: root.to_path_buf(),
            occurrences: Occurrences::default(),
            papers: Sink::new(root, part),
            authorships: Sink::new(root, part),
            topics: Sink::new(root, part),
            citations: Sink::new(root, part),
        }
    }

    /// One paper's rows in every paper table. `corpus`: the copy the publication analyses keep;
    /// `topic_corpus`: the copy the topic analyses keep. Returns the row's `occurrence`.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        p: &Paper,
        topics: TopicSet,
        corpus: bool,
        topic_corpus: bool,
        defs: &Definitions,
        extra: Option<&WorkExtra>,
    ) -> Result<i32, WarehouseError> {
        let occurrence = self.occurrences.next(p);
        let t = &mut self.papers.rows;
        t.paper_id.append_value(&p.paper_id);
        t.source.append_value(&p.source);
        t.occurrence.append_value(occurrence);
        t.year.append_option(p.year);
        t.venue.append_value(&p.venue);
        t.title.append_value(&p.title);
        let team = p.team.as_ref();
        t.team.append_value(team.map_or(TeamKind::Unknown, |t| t.kind).as_str());
        t.academic_share.append_value(team.map_or(0.0, |t| t.shares.academia));
        t.industry_share.append_value(team.map_or(0.0, |t| t.shares.industry));
        t.status.append_value(p.status.as_str());
        t.accepted.append_value(p.accepted());
        t.counted.append_value(cd_analysis::corpus::counted(p, defs));
        t.in_publication_corpus.append_value(corpus);
        t.venue_field.append_value(cd_analysis::corpus::venue_field(&p.venue));
        t.n_authors.append_value(i32::try_from(p.authors.len()).unwrap_or(i32::MAX));
        t.citations.append_option(p.citations.map(|c| i64::try_from(c).unwrap_or(i64::MAX)));
        opt_str(&mut t.work_type, extra.and_then(|e| e.work_type.as_deref()));
        opt_str(&mut t.doi, extra.and_then(|e| e.doi.as_deref()));
        t.in_topic_corpus.append_value(topic_corpus);

        let a = &mut self.authorships.rows;
        for (i, author) in p.authors.iter().enumerate() {
            let position = i32::try_from(i + 1).unwrap_or(i32::MAX);
            let ids = extra.and_then(|e| e.institution_ids.get(i));
            let mut row = |aff: Option<(usize, &cd_domain::Affiliation)>| {
                a.paper_id.append_value(&p.paper_id);
                a.source.append_value(&p.source);
                a.occurrence.append_value(occurrence);
                a.author_position.append_value(position);
                a.author.append_value(&author.author);
                let id = aff.and_then(|(j, _)| ids.and_then(|ids| ids.get(j)));
                a.affiliation_position
                    .append_option(aff.map(|(j, _)| i32::try_from(j + 1).unwrap_or(i32::MAX)));
                opt_str(&mut a.institution_id, id.and_then(|x| x.id.as_deref()));
                opt_str(&mut a.institution_type, id.and_then(|x| x.kind.as_deref()));
                opt_str(&mut a.ror, id.and_then(|x| x.ror.as_deref()));
                opt_str(&mut a.country_code, id.and_then(|x| x.country_code.as_deref()));
                match aff {
                    Some((_, f)) => {
                        a.sector.append_value(f.sector.as_str());
                        a.confidence.append_value(f.confidence);
                        a.reason.append_value(&f.reason);
                        a.raw_affiliation.append_value(&f.raw);
                    }
                    None => {
                        a.sector.append_value(cd_domain::Sector::Unknown.as_str());
                        a.confidence.append_value(0.0);
                        a.reason.append_value("no affiliation");
                        a.raw_affiliation.append_null();
                    }
                }
                opt_str(&mut a.email_domain, author.email_domain.as_deref());
            };
            if author.affiliations.is_empty() {
                row(None);
            } else {
                for (j, f) in author.affiliations.iter().enumerate() {
                    row(Some((j, f)));
                }
            }
        }

        let tp = &mut self.topics.rows;
        for topic in topics.iter() {
            tp.paper_id.append_value(&p.paper_id);
            tp.source.append_value(&p.source);
            tp.occurrence.append_value(occurrence);
            tp.taxonomy.append_value("study");
            tp.topic.append_value(topic.id());
            tp.topic_label.append_value(topic.label());
            tp.topic_id.append_null();
            tp.score.append_null();
            tp.is_primary.append_value(false);
            tp.subfield.append_null();
            tp.field.append_null();
        }
        if let Some(e) = extra {
            let primary = e.primary_topic.iter().map(|t| (t, true));
            let others = e.topics.iter().filter(|t| Some(*t) != e.primary_topic.as_ref()).map(|t| (t, false));
            for (t, is_primary) in primary.chain(others) {
                tp.paper_id.append_value(&p.paper_id);
                tp.source.append_value(&p.source);
                tp.occurrence.append_value(occurrence);
                tp.taxonomy.append_value("openalex");
                tp.topic.append_value(&t.display_name);
                tp.topic_label.append_value(&t.display_name);
                opt_str(&mut tp.topic_id, (!t.id.is_empty()).then_some(t.id.as_str()));
                tp.score.append_option(t.score);
                tp.is_primary.append_value(is_primary);
                opt_str(&mut tp.subfield, t.subfield.as_deref());
                opt_str(&mut tp.field, t.field.as_deref());
            }
            let c = &mut self.citations.rows;
            for cited in &e.referenced_works {
                c.citing_paper_id.append_value(&p.paper_id);
                c.cited_paper_id.append_value(cited);
            }
        }
        self.papers.maybe_flush()?;
        self.authorships.maybe_flush()?;
        self.topics.maybe_flush()?;
        self.citations.maybe_flush()?;
        Ok(occurrence)
    }

    pub fn close(self) -> Result<Vec<TablePart>, WarehouseError> {
        let root = self.root;
        let mut out = Vec::new();
        let mut add = |table: &str, (rows, file): (u64, Option<PathBuf>)| {
            out.push(TablePart { table: table.to_string(), rows, file: relative(&root, file) });
        };
        add(Papers::NAME, self.papers.close()?);
        add(Authorships::NAME, self.authorships.close()?);
        add(PaperTopics::NAME, self.topics.close()?);
        add(Citations::NAME, self.citations.close()?);
        Ok(out)
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The `models` and `model_organisations` rows of the Epoch tables, in the order given.
pub fn write_models(
    root: &Path,
    tables: &[(PathBuf, Vec<ClassifiedModel>)],
) -> Result<Vec<TablePart>, WarehouseError> {
    let mut models: Sink<Models> = Sink::new(root, 0);
    let mut orgs: Sink<ModelOrganisations> = Sink::new(root, 0);
    for (path, list) in tables {
        let stem = file_stem(path);
        for cm in list {
            let m = &cm.model;
            let row = i64::try_from(m.source_row).unwrap_or(i64::MAX);
            let t = &mut models.rows;
            t.epoch_table.append_value(&stem);
            t.model.append_value(&m.name);
            t.source_row.append_value(row);
            opt_str(&mut t.publication_date, m.publication_date.map(|d| d.to_string()).as_deref());
            t.year.append_option(m.publication_date.map(|d| d.year));
            t.team.append_value(cm.team.kind.as_str());
            opt_str(&mut t.team_epoch, cm.team_epoch.map(|k| k.as_str()));
            opt_str(&mut t.team_derived, cm.team_derived.map(|k| k.as_str()));
            t.academic_share.append_value(cm.team.shares.academia);
            t.industry_share.append_value(cm.team.shares.industry);
            t.training_compute_flop.append_option(m.training_compute_flop);
            t.parameters.append_option(m.parameters);
            t.training_dataset_size.append_option(m.training_dataset_size);
            t.accessibility.append_value(m.accessibility.as_str());
            t.notability.append_value(m.notability.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(";"));
            t.domains.append_value(m.domains.join(";"));
            t.frontier_flag.append_option(m.frontier_flag);
            t.citations.append_option(m.citations);
            let o = &mut orgs.rows;
            let cats = &m.organization_categories;
            for (i, org) in m.organizations.iter().enumerate() {
                o.epoch_table.append_value(&stem);
                o.model.append_value(&m.name);
                o.source_row.append_value(row);
                o.position.append_value(i32::try_from(i + 1).unwrap_or(i32::MAX));
                o.organisation.append_value(org);
                let cat = if cats.len() == m.organizations.len() {
                    cats.get(i)
                } else if cats.len() == 1 {
                    cats.first()
                } else {
                    None
                };
                opt_str(&mut o.category, cat.map(String::as_str));
                o.sector.append_value(
                    cm.team.sectors.get(i).copied().unwrap_or(cd_domain::Sector::Unknown).as_str(),
                );
            }
            models.maybe_flush()?;
            orgs.maybe_flush()?;
        }
    }
    let mut out = Vec::new();
    let (rows, file) = models.close()?;
    out.push(TablePart { table: Models::NAME.into(), rows, file: relative(root, file) });
    let (rows, file) = orgs.close()?;
    out.push(TablePart { table: ModelOrganisations::NAME.into(), rows, file: relative(root, file) });
    Ok(out)
}

/// The `institutions` rows: GRID, in the registry's order, each name classified.
pub fn write_institutions(
    root: &Path,
    grid: &[cd_domain::registry::GridInstitution],
    classifier: &cd_classify::InstitutionClassifier,
) -> Result<Vec<TablePart>, WarehouseError> {
    use rayon::prelude::*;
    let sectors: Vec<&'static str> =
        grid.par_iter().map(|g| classifier.classify(&g.name).sector.as_str()).collect();
    let mut sink: Sink<Institutions> = Sink::new(root, 0);
    for (g, sector) in grid.iter().zip(sectors) {
        let t = &mut sink.rows;
        t.institution_id.append_value(&g.id);
        t.name.append_value(&g.name);
        t.country.append_value(&g.country);
        opt_str(&mut t.grid_type, g.kind.map(|k| format!("{k:?}")).as_deref());
        t.sector.append_value(sector);
        sink.maybe_flush()?;
    }
    let (rows, file) = sink.close()?;
    Ok(vec![TablePart { table: Institutions::NAME.into(), rows, file: relative(root, file) }])
}

/// The `model_mentions` rows: the uses `cd_analysis::adoption::study::mentions_of` found in `papers`, in
/// its order (papers in order, each paper's models in order of first mention); `occurrences[i]` is the
/// `occurrence` of `papers[i]` in `papers`.
pub fn write_model_mentions(
    root: &Path,
    papers: &[Paper],
    occurrences: &[i32],
    uses: &[ModelUse],
    catalogue: &Catalogue,
) -> Result<Vec<TablePart>, WarehouseError> {
    let mut sink: Sink<ModelMentions> = Sink::new(root, 0);
    for u in uses {
        let p = &papers[u.paper_index];
        let t = &mut sink.rows;
        t.paper_id.append_value(&u.paper_id);
        t.source.append_value(&p.source);
        t.occurrence.append_value(occurrences[u.paper_index]);
        t.year.append_option(u.year);
        t.paper_team.append_value(u.paper_team.as_str());
        t.model.append_value(&u.model);
        t.epoch_names
            .append_value(catalogue.get(&u.model).map(|m| m.epoch_names.join(";")).unwrap_or_default());
        t.developer_team.append_value(u.developer_team.as_str());
        t.accessibility.append_value(u.accessibility.as_str());
        t.use_types.append_value(u.use_types.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(";"));
        t.builds_on.append_value(u.use_types.iter().any(|x| x.builds_on()));
        t.scrutinises.append_value(u.use_types.iter().any(|x| x.scrutinises()));
        t.matched_text.append_value(&u.matched_text);
        t.fields.append_value(u.fields.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(";"));
        t.mentions.append_value(i32::try_from(u.mentions).unwrap_or(i32::MAX));
        sink.maybe_flush()?;
    }
    let (rows, file) = sink.close()?;
    Ok(vec![TablePart { table: ModelMentions::NAME.into(), rows, file: relative(root, file) }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_number_the_rows_of_an_id_within_its_source() {
        let p = |source: &str, id: &str| Paper::new(source, id.into(), Some(2020), "V".into(), "T".into());
        let mut o = Occurrences::default();
        let got: Vec<i32> = [
            p("aiindex", "x"),
            p("aiindex", "y"),
            p("aiindex", "x"),
            p("conference", "x"),
            p("aiindex", "x"),
        ]
        .iter()
        .map(|q| o.next(q))
        .collect();
        assert_eq!(got, [1, 1, 2, 1, 3]);
    }
}
