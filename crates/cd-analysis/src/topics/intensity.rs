//! Compute intensity of a topic: the median and interquartile range of log10 training FLOP of the
//! notable Epoch models mapped to it, per period and pooled over the periods.
//!
//! Models map to topics through their Epoch `Domain` and `Task` values ([`DOMAIN_TABLE`],
//! [`TASK_TABLE`]; documented in docs/topics.md). A model may map to several topics (a `Multimodal,
//! Vision` model counts for language models, vision-language and vision; an `Object detection` task adds
//! detection and segmentation to vision). Topics with no Epoch counterpart (optimisation and theory,
//! probabilistic methods, responsible AI) have no intensity and are left out of the
//! regression rather than given an invented one. Pure: takes classified models and `&Definitions`.

use super::taxonomy::{Topic, TopicSet};
use crate::population::compute_points;
use cd_domain::{ClassifiedModel, Definitions, Model};
use serde::Serialize;

/// Epoch `Domain` values (ASCII case-insensitive, whole value) → topic. Covers the vocabularies of the
/// 2023-12, 2024-02 and 2025 vintages (`Drawing` and `Text-to-Video` are 2023 names).
pub const DOMAIN_TABLE: &[(&str, Topic)] = &[
    ("Language", Topic::LanguageModels),
    ("Multimodal", Topic::LanguageModels),
    ("Multimodal", Topic::VisionLanguage),
    ("Vision", Topic::Vision),
    ("Video", Topic::Vision),
    ("3D modeling", Topic::Vision),
    ("3D reconstruction", Topic::Vision),
    ("Image generation", Topic::ImageVideoGeneration),
    ("Drawing", Topic::ImageVideoGeneration),
    ("Text-to-Video", Topic::ImageVideoGeneration),
    ("Speech", Topic::SpeechAudio),
    ("Audio", Topic::SpeechAudio),
    ("Games", Topic::RlGames),
    ("Robotics", Topic::Robotics),
    ("Driving", Topic::Robotics),
    ("Biology", Topic::ScienceHealth),
    ("Medicine", Topic::ScienceHealth),
    ("Earth science", Topic::ScienceHealth),
    ("Materials science", Topic::ScienceHealth),
];

/// Epoch `Task` values → topic, added to the domain's topics. A trailing `*` matches a prefix.
pub const TASK_TABLE: &[(&str, Topic)] = &[
    ("Image generation", Topic::ImageVideoGeneration),
    ("Text-to-image", Topic::ImageVideoGeneration),
    ("Image-to-image", Topic::ImageVideoGeneration),
    ("Video generation", Topic::ImageVideoGeneration),
    ("Text-to-video", Topic::ImageVideoGeneration),
    ("Image-to-video", Topic::ImageVideoGeneration),
    ("Video-to-video", Topic::ImageVideoGeneration),
    ("Image completion", Topic::ImageVideoGeneration),
    ("Image super-resolution", Topic::ImageVideoGeneration),
    ("Representation learning", Topic::SelfSupervised),
    ("Semantic embedding", Topic::SelfSupervised),
    ("Image representation", Topic::SelfSupervised),
    ("Image embedding", Topic::SelfSupervised),
    ("Document representation", Topic::SelfSupervised),
    ("Protein representation learning", Topic::SelfSupervised),
    ("Molecular representation learning", Topic::SelfSupervised),
    ("Protein embedding", Topic::SelfSupervised),
    ("Entity embedding", Topic::GraphLearning),
    ("Triplet completion", Topic::GraphLearning),
    ("Learning to complete triples", Topic::GraphLearning),
    ("System control", Topic::RlGames),
    ("Pole balancing", Topic::RlGames),
    ("Atari*", Topic::RlGames),
    ("Robotic manipulation", Topic::Robotics),
    ("Self-driving car", Topic::Robotics),
    ("Helicopter driving", Topic::Robotics),
    ("Speech*", Topic::SpeechAudio),
    ("Audio*", Topic::SpeechAudio),
    ("Text-to-speech*", Topic::SpeechAudio),
    ("Protein*", Topic::ScienceHealth),
    ("Drug discovery", Topic::ScienceHealth),
    ("Medical diagnosis", Topic::ScienceHealth),
    ("Weather*", Topic::ScienceHealth),
    // v2
    ("Object detection*", Topic::DetectionSegmentation),
    ("Semantic segmentation", Topic::DetectionSegmentation),
    ("Instance segmentation", Topic::DetectionSegmentation),
    ("Panoptic segmentation", Topic::DetectionSegmentation),
    ("Image segmentation", Topic::DetectionSegmentation),
    ("Video segmentation", Topic::DetectionSegmentation),
    ("Object tracking", Topic::DetectionSegmentation),
    ("Pedestrian detection", Topic::DetectionSegmentation),
    ("Face detection", Topic::DetectionSegmentation),
    ("Visual question answering", Topic::VisionLanguage),
    ("Image captioning", Topic::VisionLanguage),
    ("Video description", Topic::VisionLanguage),
    ("Video captioning", Topic::VisionLanguage),
    ("Vision-language*", Topic::VisionLanguage),
    ("Text-to-image", Topic::VisionLanguage),
    ("Text-to-video", Topic::VisionLanguage),
    ("Visual grounding", Topic::VisionLanguage),
    ("Image-text retrieval", Topic::VisionLanguage),
    ("Code generation", Topic::CodeGeneration),
    ("Code autocompletion", Topic::CodeGeneration),
    ("Code completion", Topic::CodeGeneration),
    ("Program synthesis", Topic::CodeGeneration),
    ("Character recognition", Topic::TextRecognition),
    ("Digit recognition", Topic::TextRecognition),
    ("Handwriting recognition", Topic::TextRecognition),
    ("Optical character recognition*", Topic::TextRecognition),
    ("Text recognition", Topic::TextRecognition),
    ("Image classification", Topic::ImageClassification),
    ("Object recognition", Topic::ImageClassification),
    ("Face recognition", Topic::ImageClassification),
    ("Facial recognition", Topic::ImageClassification),
    ("Action recognition", Topic::ImageClassification),
    ("Video classification", Topic::ImageClassification),
    ("Scene recognition", Topic::ImageClassification),
    ("Person re-identification", Topic::ImageClassification),
    ("Speech recognition*", Topic::SpeechRecognition),
    ("Speech translation", Topic::SpeechRecognition),
    ("Keyword spotting", Topic::SpeechRecognition),
];

fn table_match(pattern: &str, value: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => value.len() >= prefix.len() && value[..prefix.len()].eq_ignore_ascii_case(prefix),
        None => value.eq_ignore_ascii_case(pattern),
    }
}

/// Topics of one Epoch model from its Domain and Task values.
pub fn model_topics(model: &Model) -> TopicSet {
    let mut set = TopicSet::empty();
    for d in &model.domains {
        for (name, topic) in DOMAIN_TABLE {
            if table_match(name, d.trim()) {
                set.insert(*topic);
            }
        }
    }
    for t in &model.tasks {
        for (name, topic) in TASK_TABLE {
            if table_match(name, t.trim()) {
                set.insert(*topic);
            }
        }
    }
    set
}

/// Compute intensity of one topic in one period (`period` = "all" for the pool over every period).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicIntensity {
    pub topic: Topic,
    pub period: String,
    /// Notable models with compute and a date in the period mapped to the topic.
    pub models: usize,
    pub median_log10_flop: Option<f64>,
    pub q25_log10_flop: Option<f64>,
    pub q75_log10_flop: Option<f64>,
}

/// Compute intensity of every topic, per period and pooled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntensityTable {
    pub taxonomy_version: &'static str,
    /// Notable models with a date in one of the periods and a positive training compute.
    pub models_with_compute: usize,
    /// Of those, models no table entry maps to any topic.
    pub models_unmapped: usize,
    pub rows: Vec<TopicIntensity>,
}

impl IntensityTable {
    /// The pooled ("all") median log10 FLOP of a topic.
    pub fn pooled(&self, topic: Topic) -> Option<f64> {
        self.get(topic, "all").and_then(|r| r.median_log10_flop)
    }

    pub fn get(&self, topic: Topic, period: &str) -> Option<&TopicIntensity> {
        self.rows.iter().find(|r| r.topic == topic && r.period == period)
    }
}

fn summarise(topic: Topic, period: &str, values: &[f64]) -> TopicIntensity {
    let q = |p| (!values.is_empty()).then(|| cd_stats::quantile(values, p));
    TopicIntensity {
        topic,
        period: period.to_string(),
        models: values.len(),
        median_log10_flop: q(0.5),
        q25_log10_flop: q(0.25),
        q75_log10_flop: q(0.75),
    }
}

/// Compute intensity per topic and period over the notable models (`defs.notability_filter`) with a
/// publication date and training compute. "all" pools the models of every period in `defs.periods`
/// (models before the first period are left out, so that early-history models do not pull down the
/// topics that have them). Quantiles use linear interpolation (numpy's default).
pub fn compute_intensity(models: &[ClassifiedModel], defs: &Definitions) -> IntensityTable {
    let in_periods = |year: i32| defs.periods.iter().any(|p| p.contains(year));
    let points: Vec<(i32, f64, TopicSet)> = compute_points(models, defs)
        .into_iter()
        .map(|p| {
            (crate::population::calendar_year(p.year), p.log10_flop, model_topics(&models[p.index].model))
        })
        .filter(|(y, _, _)| in_periods(*y))
        .collect();
    let mut rows = Vec::new();
    for topic in Topic::ALL {
        let of = |keep: &dyn Fn(i32) -> bool| -> Vec<f64> {
            points.iter().filter(|(y, _, t)| t.contains(topic) && keep(*y)).map(|(_, v, _)| *v).collect()
        };
        for period in &defs.periods {
            rows.push(summarise(topic, &period.label, &of(&|y| period.contains(y))));
        }
        rows.push(summarise(topic, "all", &of(&|_| true)));
    }
    IntensityTable {
        taxonomy_version: super::TAXONOMY_VERSION,
        models_with_compute: points.len(),
        models_unmapped: points.iter().filter(|(_, _, t)| t.is_empty()).count(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::testutil::model;
    use cd_domain::definitions::NotabilityFilter;
    use cd_domain::TeamKind;

    fn with(domains: &[&str], tasks: &[&str], date: &str, flop: f64) -> ClassifiedModel {
        let mut m = model("m", date, Some(flop), TeamKind::IndustryOnly);
        m.model.domains = domains.iter().map(|s| s.to_string()).collect();
        m.model.tasks = tasks.iter().map(|s| s.to_string()).collect();
        m
    }

    #[test]
    fn domain_and_task_tables() {
        let m =
            with(&["Multimodal", "vision"], &["Text-to-image", "Protein folding prediction"], "2022", 1e20);
        assert_eq!(
            model_topics(&m.model).to_ids(),
            "language_models;vision;image_video_generation;science_health;vision_language"
        );
        // v2's finer topics sit beside the broad ones.
        let det = with(&["Vision"], &["Object detection", "Image classification"], "2016", 1e19);
        assert_eq!(model_topics(&det.model).to_ids(), "vision;detection_segmentation;image_classification");
        let asr = with(&["Speech"], &["Speech recognition (ASR)"], "2019", 1e20);
        assert_eq!(model_topics(&asr.model).to_ids(), "speech_audio;speech_recognition");
        let code = with(&["Language"], &["Code generation"], "2021", 1e23);
        assert_eq!(model_topics(&code.model).to_ids(), "language_models;code_generation");
        assert!(model_topics(&with(&["Recommendation"], &[], "2022", 1e20).model).is_empty());
    }

    #[test]
    fn medians_and_quartiles_per_period() {
        let defs = Definitions { notability_filter: NotabilityFilter::None, ..Definitions::default() };
        // Language: 1e20, 1e22, 1e24 in 2022+ and 1e18 in 2014-17; one vision model; one pre-2010 model.
        let models = vec![
            with(&["Language"], &[], "2022-01-01", 1e20),
            with(&["Language"], &[], "2023-01-01", 1e22),
            with(&["Language"], &[], "2024-01-01", 1e24),
            with(&["Language"], &[], "2016-01-01", 1e18),
            with(&["Vision"], &[], "2015-06-01", 1e17),
            with(&["Language"], &[], "1990-01-01", 1e9),
        ];
        let t = compute_intensity(&models, &defs);
        assert_eq!((t.models_with_compute, t.models_unmapped), (5, 0));
        let lm = t.get(Topic::LanguageModels, "2022+").unwrap();
        assert_eq!(lm.models, 3);
        // numpy: np.percentile([20, 22, 24], [25, 50, 75]) = [21, 22, 23]
        assert_eq!(
            (lm.median_log10_flop, lm.q25_log10_flop, lm.q75_log10_flop),
            (Some(22.0), Some(21.0), Some(23.0))
        );
        // Pooled: [18, 20, 22, 24] -> median 21, q25 19.5, q75 22.5 (the 1990 model is outside every period).
        let all = t.get(Topic::LanguageModels, "all").unwrap();
        assert_eq!((all.models, all.median_log10_flop, all.q25_log10_flop), (4, Some(21.0), Some(19.5)));
        assert_eq!(t.pooled(Topic::Vision), Some(17.0));
        assert_eq!(t.pooled(Topic::OptimisationTheory), None);
    }
}
