//! Topic assignment: phrase rules of the taxonomy matched with aho-corasick over title, keywords and
//! abstract; multi-label. Also the check-set evaluation (per-topic precision and recall).
//!
//! Pure text matching: no I/O, no knowledge of where the text came from. Matching is ASCII
//! case-insensitive; word boundaries are checked after matching (see `taxonomy` for the phrase syntax).
//! A topic is assigned when its score reaches [`AssignOptions::min_score`], where each phrase occurrence
//! in the title, a keyword or an OpenAlex topic name scores `strong_weight` and each occurrence in the
//! abstract scores `abstract_weight`: by default one title or keyword mention suffices, while an abstract
//! needs three mentions, so that a passing mention ("unlike image models, ...") does not assign a topic.
//!
//! v2.1: an occurrence that lies within an occurrence of one of its topic's exception phrases (`!phrase`)
//! does not count; a keyword `area:<name>` whose name is in `taxonomy::AREA_TABLE` gives the table's topics
//! instead of being read by the phrases; and a finer topic adds the broad one it implies
//! (`taxonomy::IMPLIED_TOPICS`).

use super::taxonomy::{
    area_topics, openalex_table_topics, with_implied, OpenAlexLevel, Topic, TopicSet, N_TOPICS,
};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Serialize;

/// Weights of the scoring rule (`Definitions::topic_scoring`; see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AssignOptions {
    /// Score of one phrase occurrence in a title, keyword or OpenAlex topic name.
    pub strong_weight: u32,
    /// Score of one phrase occurrence in an abstract.
    pub abstract_weight: u32,
    /// Score from which a topic is assigned.
    pub min_score: u32,
}

impl Default for AssignOptions {
    fn default() -> Self {
        AssignOptions::from(cd_domain::definitions::TopicScoring::default())
    }
}

impl From<cd_domain::definitions::TopicScoring> for AssignOptions {
    fn from(t: cd_domain::definitions::TopicScoring) -> Self {
        AssignOptions {
            strong_weight: t.strong_weight,
            abstract_weight: t.abstract_weight,
            min_score: t.min_score,
        }
    }
}

/// One OpenAlex classification of a work (`primary_topic` or an entry of `topics`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OpenAlexTopic {
    pub display_name: String,
    pub subfield: String,
    pub field: String,
}

/// Text of one paper to classify.
#[derive(Debug, Clone, Copy, Default)]
pub struct PaperText<'a> {
    pub title: &'a str,
    pub abstract_text: Option<&'a str>,
    pub keywords: &'a [String],
    pub openalex: &'a [OpenAlexTopic],
}

/// The compiled phrase rules. Build once, share across threads (`Sync`).
#[derive(Debug, Clone)]
pub struct TopicAssigner {
    matcher: AhoCorasick,
    /// Per pattern: its topic, whether the end boundary is checked (no trailing `*`) and whether it is
    /// an exception (`!phrase`).
    patterns: Vec<(Topic, bool, bool)>,
    options: AssignOptions,
}

impl Default for TopicAssigner {
    fn default() -> Self {
        TopicAssigner::new(AssignOptions::default())
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl TopicAssigner {
    /// The assigner with the weights of `Definitions::topic_scoring`.
    pub fn for_definitions(defs: &cd_domain::Definitions) -> TopicAssigner {
        TopicAssigner::new(AssignOptions::from(defs.topic_scoring))
    }

    pub fn new(options: AssignOptions) -> TopicAssigner {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        for topic in Topic::ALL {
            for phrase in topic.phrases() {
                let (phrase, exception) = match phrase.strip_prefix('!') {
                    Some(rest) => (rest, true),
                    None => (*phrase, false),
                };
                let (text, end_checked) = match phrase.strip_suffix('*') {
                    Some(stem) => (stem, false),
                    None => (phrase, true),
                };
                texts.push(text.to_string());
                patterns.push((topic, end_checked, exception));
            }
        }
        // A DFA, not the NFA the builder picks for this many patterns: the same matches, found with one
        // table lookup per byte (every paper's title, keywords and abstract go through it).
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&texts)
            .expect("taxonomy phrases compile");
        TopicAssigner { matcher, patterns, options }
    }

    pub fn options(&self) -> AssignOptions {
        self.options
    }

    /// Add `weight` to `scores[topic]` for every phrase occurrence in `text` that sits on word boundaries
    /// and does not lie within an occurrence of an exception phrase of the same topic. Overlapping matches
    /// are all seen, so "large language model" counts for `language model*` even though "language" alone
    /// is not a phrase.
    fn score_text(&self, text: &str, weight: u32, scores: &mut [u32; N_TOPICS]) {
        let bytes = text.as_bytes();
        // The matches on word boundaries: (topic, start, end, exception).
        let matches = || {
            self.matcher.find_overlapping_iter(text).filter_map(|m| {
                let (topic, end_checked, exception) = self.patterns[m.pattern().as_usize()];
                let start_ok = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
                let end_ok = !end_checked || m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
                (start_ok && end_ok).then_some((topic, m.start(), m.end(), exception))
            })
        };
        // Most texts hold no exception phrase: count in one pass, without allocating.
        let mut local = [0u32; N_TOPICS];
        let mut any_exception = false;
        for (topic, _, _, exception) in matches() {
            any_exception |= exception;
            if !exception {
                local[topic.index()] += weight;
            }
        }
        if !any_exception {
            for (s, l) in scores.iter_mut().zip(local) {
                *s += l;
            }
            return;
        }
        let found: Vec<(Topic, usize, usize, bool)> = matches().collect();
        for &(topic, start, end, exception) in &found {
            let excepted = found.iter().any(|&(t, s, e, x)| x && t == topic && s <= start && end <= e);
            if !exception && !excepted {
                scores[topic.index()] += weight;
            }
        }
    }

    /// Per-topic scores of one paper (before the threshold), indexed like `Topic::ALL`.
    pub fn scores(&self, paper: &PaperText<'_>) -> [u32; N_TOPICS] {
        let mut scores = [0u32; N_TOPICS];
        let o = self.options;
        self.score_text(paper.title, o.strong_weight, &mut scores);
        // An area of the area table gives its topics in `assign`; the phrases do not read it.
        for k in paper.keywords.iter().filter(|k| area_topics(k).is_none()) {
            self.score_text(k, o.strong_weight, &mut scores);
        }
        if let Some(a) = paper.abstract_text {
            self.score_text(a, o.abstract_weight, &mut scores);
        }
        for t in paper.openalex {
            self.score_text(&t.display_name, o.strong_weight, &mut scores);
        }
        scores
    }

    /// Topics of one paper: phrase rules over title, keywords, abstract and OpenAlex topic names, plus
    /// the explicit OpenAlex table (see `taxonomy::OPENALEX_TABLE`) and the area table
    /// (`taxonomy::AREA_TABLE`), then the broad topics the finer ones imply.
    pub fn assign(&self, paper: &PaperText<'_>) -> TopicSet {
        let scores = self.scores(paper);
        let mut set: TopicSet =
            Topic::ALL.into_iter().filter(|t| scores[t.index()] >= self.options.min_score).collect();
        for t in paper.openalex {
            set = set
                .union(openalex_table_topics(OpenAlexLevel::Topic, &t.display_name))
                .union(openalex_table_topics(OpenAlexLevel::Subfield, &t.subfield))
                .union(openalex_table_topics(OpenAlexLevel::Field, &t.field));
        }
        for k in paper.keywords {
            if let Some(topics) = area_topics(k) {
                set = set.union(topics);
            }
        }
        with_implied(set)
    }

    /// Topics of a `cd_domain::Paper` (title, abstract, keywords; OpenAlex topics passed separately
    /// because not every source has them).
    pub fn assign_paper(&self, paper: &cd_domain::Paper, openalex: &[OpenAlexTopic]) -> TopicSet {
        self.assign(&PaperText {
            title: &paper.title,
            abstract_text: paper.abstract_text.as_deref(),
            keywords: &paper.keywords,
            openalex,
        })
    }
}

/// Precision and recall of one topic on a labelled set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicScore {
    pub topic: Topic,
    /// Papers labelled with the topic.
    pub support: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    /// `None` when the rules never assigned the topic.
    pub precision: Option<f64>,
    /// `None` when no paper is labelled with the topic.
    pub recall: Option<f64>,
}

/// Per-topic precision and recall of predicted against gold topic sets (pairs: gold, predicted), plus
/// micro-averaged precision and recall over all topics.
pub fn evaluate(pairs: &[(TopicSet, TopicSet)]) -> (Vec<TopicScore>, f64, f64) {
    let mut out = Vec::new();
    let (mut tp_all, mut fp_all, mut fn_all) = (0usize, 0usize, 0usize);
    for topic in Topic::ALL {
        let (mut tp, mut fp, mut fneg) = (0, 0, 0);
        for (gold, pred) in pairs {
            match (gold.contains(topic), pred.contains(topic)) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fneg += 1,
                (false, false) => {}
            }
        }
        tp_all += tp;
        fp_all += fp;
        fn_all += fneg;
        out.push(TopicScore {
            topic,
            support: tp + fneg,
            true_positives: tp,
            false_positives: fp,
            false_negatives: fneg,
            precision: (tp + fp > 0).then(|| tp as f64 / (tp + fp) as f64),
            recall: (tp + fneg > 0).then(|| tp as f64 / (tp + fneg) as f64),
        });
    }
    let micro_p = tp_all as f64 / (tp_all + fp_all).max(1) as f64;
    let micro_r = tp_all as f64 / (tp_all + fn_all).max(1) as f64;
    (out, micro_p, micro_r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(title: &str, abstract_text: Option<&str>) -> TopicSet {
        TopicAssigner::default().assign(&PaperText { title, abstract_text, ..Default::default() })
    }

    #[test]
    fn word_boundaries_and_prefixes() {
        // "rl" must not fire inside "world"; "gan" not inside "organ"; "robot*" matches "Robotics".
        assert!(!topics("World models of organ growth", None).contains(Topic::RlGames));
        assert!(!topics("World models of organ growth", None).contains(Topic::ImageVideoGeneration));
        assert!(topics("Policy Search for Motor Primitives in Robotics", None).contains(Topic::Robotics));
        assert!(topics("Policy Search for Motor Primitives in Robotics", None).contains(Topic::RlGames));
        // Case-insensitive, overlapping: "Large Language Models" counts for language_models.
        assert!(topics("Bias in LARGE LANGUAGE MODELS", None).contains(Topic::LanguageModels));
    }

    #[test]
    fn abstract_needs_three_mentions() {
        let one = topics("A method", Some("Unlike speech systems, we study tables."));
        assert!(!one.contains(Topic::SpeechAudio));
        let two = topics("A method", Some("We study speech. Our speech model is small. Speech is hard."));
        assert!(two.contains(Topic::SpeechAudio));
    }

    #[test]
    fn exceptions_areas_and_implied_topics() {
        // `!pac-bayes`, `!pac-bayesian`: PAC-Bayes is learning theory, Bayesian inference is probabilistic.
        assert!(
            !topics("PAC-Bayes bounds for stable algorithms", None).contains(Topic::ProbabilisticBayesian)
        );
        assert!(!topics("A PAC-Bayesian analysis", None).contains(Topic::ProbabilisticBayesian));
        assert!(topics("Bayes meets PAC-Bayes", None).contains(Topic::ProbabilisticBayesian));
        // An exception only stops its own topic: "bayesian optimization" is still probabilistic.
        let bo = topics("Poisson process for Bayesian optimization", None);
        assert!(bo.contains(Topic::ProbabilisticBayesian) && !bo.contains(Topic::OptimisationTheory));
        // Segmentation of words is not vision; of images it is, and detection_segmentation implies vision.
        assert!(topics("Chinese word segmentation with lattices", None).is_empty());
        assert_eq!(topics("Cosegmentation of image pairs", None).to_ids(), "vision;detection_segmentation");
        assert_eq!(topics("Panoptic segmentation", None).to_ids(), "vision;detection_segmentation");
        assert_eq!(topics("Keyword spotting on chips", None).to_ids(), "speech_audio;speech_recognition");
        // Areas: the table, with AAAI's roman numerals dropped, instead of the phrases.
        let with_area = |area: &str| {
            let kw = [format!("area:{area}")];
            TopicAssigner::default().assign(&PaperText {
                title: "A method",
                keywords: &kw,
                ..Default::default()
            })
        };
        assert_eq!(with_area("Speech and Natural Language Processing II").to_ids(), "language_models");
        assert_eq!(with_area("Reasoning under Uncertainty").to_ids(), "probabilistic_bayesian");
        assert!(with_area("Search and Optimization").is_empty());
        // An area not in the table is read by the phrases like any keyword.
        assert_eq!(with_area("Reinforcement learning").to_ids(), "rl_games");
    }

    #[test]
    fn openalex_names_and_table() {
        let oa = [OpenAlexTopic {
            display_name: "Natural Language Processing Techniques".into(),
            subfield: "Artificial Intelligence".into(),
            field: "Medicine".into(),
        }];
        let set = TopicAssigner::default().assign(&PaperText {
            title: "Untitled",
            openalex: &oa,
            ..Default::default()
        });
        assert_eq!(set.to_ids(), "language_models;science_health");
    }

    #[test]
    fn evaluation_counts() {
        let v = TopicSet::parse_ids("vision").unwrap();
        let vr = TopicSet::parse_ids("vision;rl_games").unwrap();
        let (scores, p, r) = evaluate(&[(v, vr), (vr, v), (TopicSet::empty(), TopicSet::empty())]);
        let vision = &scores[Topic::Vision.index()];
        assert_eq!((vision.true_positives, vision.precision, vision.recall), (2, Some(1.0), Some(1.0)));
        let rl = &scores[Topic::RlGames.index()];
        assert_eq!((rl.false_positives, rl.false_negatives, rl.precision), (1, 1, Some(0.0)));
        assert!((p - 2.0 / 3.0).abs() < 1e-12 && (r - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(scores[Topic::Robotics.index()].precision, None);
    }
}
