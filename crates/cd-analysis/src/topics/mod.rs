//! Topics and compute intensity (issue 6): the study's central claim that academic-only teams lost
//! ground where research needs the most compute.
//!
//! - [`taxonomy`]: the versioned topic taxonomy (v2.1), phrase rules, the Paper Copilot area table and
//!   the OpenAlex mapping.
//! - [`assignment`]: multi-label topic assignment by phrase rules; check-set precision and recall.
//! - [`intensity`]: compute intensity of a topic from Epoch models (Domain/Task → topic table).
//! - [`representation`]: academic-only share by topic and period, its change regressed on compute
//!   intensity (weighted OLS, bootstrap over papers, per unknown-author policy), foundation-model series.
//! - [`speccurve`]: the topic claim of the specification curve ("academic-only shares fell more in
//!   compute-intensive topics") over author evidence, unknown-author policy, venue set, counting
//!   and periods.
//! - [`thematic`]: log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).
//! - [`annotated`]: annotated-paper compute (the study's NeurIPS 2021 annotation format): ratio of
//!   geometric means and Mann–Whitney U.
//!
//! Everything here is a pure function of typed values and `&Definitions`: no file or network I/O, no
//! printing. Text the caller has read (the annotated-paper CSV) is parsed from a `&str`.

pub mod annotated;
pub mod assignment;
pub mod corpus;
pub mod intensity;
pub mod representation;
pub mod speccurve;
pub mod taxonomy;
pub mod thematic;

pub use assignment::{evaluate, AssignOptions, OpenAlexTopic, PaperText, TopicAssigner, TopicScore};
pub use taxonomy::{Topic, TopicSet, TAXONOMY_VERSION};
