//! The tables' schemas (one typed builder struct per table, declared once by [`table!`]) and the Parquet
//! file writer (zstd, bounded row groups, written to a temporary name and renamed when complete).

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::{WriterProperties, WriterVersion};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A column kind: its Arrow type and builder.
pub trait Kind {
    type Builder: ArrayBuilder + Default;
    fn data_type() -> DataType;
}

pub struct Str;
pub struct I32;
pub struct I64;
pub struct F64;
pub struct Bool;

impl Kind for Str {
    type Builder = StringBuilder;
    fn data_type() -> DataType {
        DataType::Utf8
    }
}
impl Kind for I32 {
    type Builder = Int32Builder;
    fn data_type() -> DataType {
        DataType::Int32
    }
}
impl Kind for I64 {
    type Builder = Int64Builder;
    fn data_type() -> DataType {
        DataType::Int64
    }
}
impl Kind for F64 {
    type Builder = Float64Builder;
    fn data_type() -> DataType {
        DataType::Float64
    }
}
impl Kind for Bool {
    type Builder = BooleanBuilder;
    fn data_type() -> DataType {
        DataType::Boolean
    }
}

/// Declares a table: a struct with one Arrow builder per column (same names as the columns), its name,
/// its schema and the batch of the rows appended so far. `nullable` is the literal after the kind.
macro_rules! table {
    ($(#[$doc:meta])* $ty:ident = $name:literal { $($col:ident: $kind:ident $null:literal),* $(,)? }) => {
        $(#[$doc])*
        pub struct $ty {
            $(pub $col: <$kind as Kind>::Builder,)*
        }

        impl Default for $ty {
            fn default() -> Self {
                $ty { $($col: Default::default(),)* }
            }
        }

        impl $ty {
            pub const NAME: &'static str = $name;

            pub fn schema() -> SchemaRef {
                Arc::new(Schema::new(vec![$(Field::new(stringify!($col), <$kind as Kind>::data_type(), $null)),*]))
            }

            /// Rows appended since the last [`Self::finish`].
            pub fn len(&self) -> usize {
                let lens = [$(ArrayBuilder::len(&self.$col)),*];
                debug_assert!(lens.iter().all(|&l| l == lens[0]), "{}: columns of unequal length {lens:?}", $name);
                lens[0]
            }

            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// The rows appended so far as one batch; the builders start empty again.
            pub fn finish(&mut self) -> RecordBatch {
                let columns: Vec<ArrayRef> = vec![$(ArrayBuilder::finish(&mut self.$col)),*];
                RecordBatch::try_new(Self::schema(), columns)
                    .expect("every column is appended once per row with its declared type")
            }
        }
    };
}

table! {
    /// `papers`: one row per paper per source (docs/warehouse.md).
    Papers = "papers" {
        paper_id: Str false, source: Str false, occurrence: I32 false, year: I32 true, venue: Str false, title: Str false,
        team: Str false, academic_share: F64 false, industry_share: F64 false, status: Str false,
        accepted: Bool false, counted: Bool false, in_publication_corpus: Bool false, venue_field: Str false,
        n_authors: I32 false, citations: I64 true, work_type: Str true, doi: Str true, in_topic_corpus: Bool false,
    }
}

table! {
    /// `authorships`: one row per author and affiliation.
    Authorships = "authorships" {
        paper_id: Str false, source: Str false, occurrence: I32 false, author_position: I32 false, author: Str false,
        affiliation_position: I32 true, institution_id: Str true, institution_type: Str true, ror: Str true,
        country_code: Str true, sector: Str false, confidence: F64 false, reason: Str false,
        raw_affiliation: Str true, email_domain: Str true,
    }
}

table! {
    /// `paper_topics`: one row per paper and topic (the study's taxonomy and OpenAlex's topics).
    PaperTopics = "paper_topics" {
        paper_id: Str false, source: Str false, occurrence: I32 false, taxonomy: Str false, topic: Str false, topic_label: Str false,
        topic_id: Str true, score: F64 true, is_primary: Bool false, subfield: Str true, field: Str true,
    }
}

table! {
    /// `citations`: OpenAlex citation edges.
    Citations = "citations" { citing_paper_id: Str false, cited_paper_id: Str false }
}

table! {
    /// `models`: one row per model per Epoch table.
    Models = "models" {
        epoch_table: Str false, model: Str false, source_row: I64 false, publication_date: Str true,
        year: I32 true, team: Str false, team_epoch: Str true, team_derived: Str true,
        academic_share: F64 false, industry_share: F64 false, training_compute_flop: F64 true,
        parameters: F64 true, training_dataset_size: F64 true, accessibility: Str false, notability: Str false,
        domains: Str false, frontier_flag: Bool true, citations: F64 true,
    }
}

table! {
    /// `model_organisations`: one row per model and organisation.
    ModelOrganisations = "model_organisations" {
        epoch_table: Str false, model: Str false, source_row: I64 false, position: I32 false,
        organisation: Str false, category: Str true, sector: Str false,
    }
}

table! {
    /// `institutions`: the GRID registry, classified.
    Institutions = "institutions" {
        institution_id: Str false, name: Str false, country: Str false, grid_type: Str true, sector: Str false,
    }
}

table! {
    /// `model_mentions`: one row per paper and catalogued model it names (the adoption analysis's uses).
    ModelMentions = "model_mentions" {
        paper_id: Str false, source: Str false, occurrence: I32 false, year: I32 true, paper_team: Str false,
        model: Str false, epoch_names: Str false, developer_team: Str false, accessibility: Str false,
        use_types: Str false, builds_on: Bool false, scrutinises: Bool false, matched_text: Str false,
        fields: Str false, mentions: I32 false,
    }
}

/// Every table's name and schema, in the order `warehouse.json` lists them.
pub fn all_tables() -> Vec<(&'static str, SchemaRef)> {
    vec![
        (Papers::NAME, Papers::schema()),
        (Authorships::NAME, Authorships::schema()),
        (PaperTopics::NAME, PaperTopics::schema()),
        (Citations::NAME, Citations::schema()),
        (Models::NAME, Models::schema()),
        (ModelOrganisations::NAME, ModelOrganisations::schema()),
        (Institutions::NAME, Institutions::schema()),
        (ModelMentions::NAME, ModelMentions::schema()),
    ]
}

/// The tables an OpenAlex part writes.
pub const OPENALEX_TABLES: [&str; 4] = [Papers::NAME, Authorships::NAME, PaperTopics::NAME, Citations::NAME];

/// Rows per Parquet row group (and per batch handed to the writer): bounds the writer's memory.
pub const ROW_GROUP_ROWS: usize = 65_536;

/// The file name of part `n` of a table.
pub fn part_file(table: &str, n: u32) -> PathBuf {
    PathBuf::from(table).join(format!("part-{n:05}.parquet"))
}

fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_writer_version(WriterVersion::PARQUET_2_0)
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).expect("3 is a valid zstd level")))
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_created_by(format!("compute-divide {}", env!("CARGO_PKG_VERSION")))
        .build()
}

/// One Parquet file being written: created on the first non-empty batch (a table with no rows has no
/// file), under a temporary name until [`FileWriter::close`] renames it.
pub struct FileWriter {
    schema: SchemaRef,
    path: PathBuf,
    tmp: PathBuf,
    writer: Option<ArrowWriter<std::fs::File>>,
    rows: u64,
}

impl FileWriter {
    /// A writer of `root/relative` (the folder is created when the first rows come).
    pub fn new(root: &Path, relative: &Path, schema: SchemaRef) -> FileWriter {
        let path = root.join(relative);
        let mut tmp = path.clone().into_os_string();
        tmp.push(".tmp");
        FileWriter { schema, path, tmp: PathBuf::from(tmp), writer: None, rows: 0 }
    }

    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), crate::WarehouseError> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        let io = |e: std::io::Error, p: &Path| crate::WarehouseError::Io {
            path: p.display().to_string(),
            source: e,
        };
        if self.writer.is_none() {
            if let Some(dir) = self.tmp.parent() {
                std::fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
            }
            let file = std::fs::File::create(&self.tmp).map_err(|e| io(e, &self.tmp))?;
            let w = ArrowWriter::try_new(file, self.schema.clone(), Some(properties()))
                .map_err(|e| crate::WarehouseError::parquet(&self.path, e))?;
            self.writer = Some(w);
        }
        let w = self.writer.as_mut().expect("created above");
        w.write(batch).map_err(|e| crate::WarehouseError::parquet(&self.path, e))?;
        self.rows += batch.num_rows() as u64;
        Ok(())
    }

    /// Finish the file and move it into place; `None` when no row was written (and no file left, an old
    /// file of the same name removed).
    pub fn close(self) -> Result<(u64, Option<PathBuf>), crate::WarehouseError> {
        let io = |e: std::io::Error, p: &Path| crate::WarehouseError::Io {
            path: p.display().to_string(),
            source: e,
        };
        match self.writer {
            None => {
                if self.path.exists() {
                    std::fs::remove_file(&self.path).map_err(|e| io(e, &self.path))?;
                }
                Ok((0, None))
            }
            Some(w) => {
                w.close().map_err(|e| crate::WarehouseError::parquet(&self.path, e))?;
                std::fs::rename(&self.tmp, &self.path).map_err(|e| io(e, &self.path))?;
                Ok((self.rows, Some(self.path)))
            }
        }
    }
}

/// A table's builder and its file: appends go to the builder, a full batch goes to the file.
pub struct Sink<T> {
    pub rows: T,
    file: FileWriter,
}

/// What a table builder offers a [`Sink`].
pub trait Builder: Default {
    fn name() -> &'static str;
    fn schema_ref() -> SchemaRef;
    fn pending(&self) -> usize;
    fn batch(&mut self) -> RecordBatch;
}

macro_rules! builder {
    ($($ty:ident),*) => {$(
        impl Builder for $ty {
            fn name() -> &'static str { $ty::NAME }
            fn schema_ref() -> SchemaRef { $ty::schema() }
            fn pending(&self) -> usize { self.len() }
            fn batch(&mut self) -> RecordBatch { self.finish() }
        }
    )*};
}
builder!(
    Papers,
    Authorships,
    PaperTopics,
    Citations,
    Models,
    ModelOrganisations,
    Institutions,
    ModelMentions
);

impl<T: Builder> Sink<T> {
    /// A sink writing part `part` of the table under `root`.
    pub fn new(root: &Path, part: u32) -> Sink<T> {
        Sink { rows: T::default(), file: FileWriter::new(root, &part_file(T::name(), part), T::schema_ref()) }
    }

    /// Hand the rows to the file when a row group's worth is pending.
    pub fn maybe_flush(&mut self) -> Result<(), crate::WarehouseError> {
        if self.rows.pending() >= ROW_GROUP_ROWS {
            let batch = self.rows.batch();
            self.file.write(&batch)?;
        }
        Ok(())
    }

    /// Write what is pending and close the file: (rows, file written).
    pub fn close(mut self) -> Result<(u64, Option<PathBuf>), crate::WarehouseError> {
        let batch = self.rows.batch();
        self.file.write(&batch)?;
        self.file.close()
    }
}
