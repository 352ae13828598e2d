//! Use types: what a paper does with a model it mentions, from documented phrase rules (docs/use_types.md).
//!
//! Multi-label, per (paper, model), from the title, the abstract and where the model is named in them
//! ([`MentionSites`]). The rules, in the order [`classify`] applies them:
//! 1. Passing mentions: a model named only as an example ("such as", "e.g.", "like", "including" ...) in
//!    sentences that do not say what the authors do, and not in the title or keywords, gets no use type.
//! 2. Local cues: the cue phrases of [`CUES`] in the sentences that name the model, and in the title.
//! 3. Inheritance: a model named without any cue inherits what the authors say they do (title and "we"
//!    sentences), except evaluation; a model named with cues that make it neither a tool (prompting) nor an
//!    adapted base (fine-tuning) inherits the paper's safety-audit and examination cues.
//! 4. In an audit or examination of the model, "evaluate" / "assess" name the audit: evaluation then needs a
//!    strong cue (benchmark, comparison, performance) in a sentence naming the model or in the title.
//!
//! Cues are lower-case phrases matched at the start of a word, after removing phrases that contain a cue word
//! in another sense ([`NOT_CUES`]: "inductive bias" is not social bias, "pre-trained" is not training,
//! "generative adversarial network" is not an attack). The weak evaluation cues ([`WEAK_EVALUATION_CUES`])
//! count only in a sentence without a safety cue whose subject is not the authors' own method
//! ([`OWN_METHOD`]). A sentence that says the model is used "without training" drops fine-tuning and
//! from-scratch ([`NO_TRAINING`]).
//!
//! Must not: do I/O, know the check sets, or know anything of a paper beyond its text.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What a paper does with a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UseType {
    /// Adapts the pretrained model: fine-tuning, LoRA, adapters, instruction tuning, DPO, continued
    /// pre-training, heads on its features, its encoder as a backbone.
    FineTuning,
    /// Uses the model as released for a task or as a tool: prompting, zero/few-shot, in-context learning,
    /// LLM-as-a-judge, synthetic data, generation through an API.
    Prompting,
    /// Evaluates or benchmarks it, or compares against it.
    Evaluation,
    /// Looks inside it: interpretability, representations, attention, probing, neurons, circuits, logits.
    Examination,
    /// Quantisation, pruning, sparsity, distillation, KV cache, efficiency.
    Compression,
    /// Bias and fairness, jailbreaks, red-teaming, adversarial and privacy attacks, hallucination,
    /// memorisation, toxicity, robustness.
    SafetyAudit,
    /// Trains a model of this kind from scratch.
    FromScratch,
}

impl UseType {
    pub const ALL: [UseType; 7] = [
        UseType::FineTuning,
        UseType::Prompting,
        UseType::Evaluation,
        UseType::Examination,
        UseType::Compression,
        UseType::SafetyAudit,
        UseType::FromScratch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UseType::FineTuning => "fine_tuning",
            UseType::Prompting => "prompting",
            UseType::Evaluation => "evaluation",
            UseType::Examination => "examination",
            UseType::Compression => "compression",
            UseType::SafetyAudit => "safety_audit",
            UseType::FromScratch => "from_scratch",
        }
    }

    pub fn parse(s: &str) -> Option<UseType> {
        UseType::ALL.into_iter().find(|u| u.as_str() == s.trim())
    }

    /// Uses that build on the model (the adoption analysis): fine-tuning, prompting, compression.
    pub fn builds_on(self) -> bool {
        matches!(self, UseType::FineTuning | UseType::Prompting | UseType::Compression)
    }

    /// Uses that scrutinise the model (the scrutiny analysis): evaluation, examination, safety audit.
    pub fn scrutinises(self) -> bool {
        matches!(self, UseType::Evaluation | UseType::Examination | UseType::SafetyAudit)
    }
}

/// Cue phrases per use type (lower case, matched at a word start), looked up in the sentences that name the
/// model. Each list says what the use type means, not which words happened to occur in the check set:
/// fine-tuning cues name an adaptation of the weights or a use of the model's pretrained features inside a new
/// model; prompting cues name a use of the released model as a tool; evaluation cues name a measurement of
/// its task performance or a comparison with it; examination cues name a look at its internals; compression
/// cues name an efficiency method; safety cues name an attack, a bias or another harm; from-scratch cues
/// name training (the pretrained senses are removed first by [`NOT_CUES`]) or a dataset that models are
/// trained on from random initialisation.
pub const CUES: &[(UseType, &[&str])] = &[
    (
        UseType::FineTuning,
        &[
            "fine-tun",
            "finetun",
            "fine tun",
            "lora",
            "adapter",
            "instruction-tun",
            "instruction tun",
            "continued pre",
            "continual pre",
            "further pre",
            "dpo",
            "sft",
            "prompt tuning",
            "prefix tuning",
            "soft prompt",
            "transfer learning",
            "backbone",
            "encoder",
            "feature extractor",
            "extracted features",
            "features from",
            "features of",
            "embeddings from",
            "representations from",
            "built on",
            "build on",
            "builds on",
            "build upon",
            "builds upon",
            "on top of",
            "initialized from",
            "initialised from",
            "adapted",
            "adapting",
            "adapt ",
            "adapts",
            "equi-tun",
            "self-align",
            "-based classifier",
            "-based model",
            "-style model",
            "retrain",
            "re-purpos",
            "repurpos",
        ],
    ),
    (
        UseType::Prompting,
        &[
            "prompting",
            "prompted",
            "prompt engineering",
            "prompts",
            "zero-shot",
            "zero shot",
            "few-shot",
            "few shot",
            "in-context",
            "in context learning",
            "as a judge",
            "-as-a-judge",
            "synthetic",
            "chain-of-thought",
            "training-free",
            "off-the-shelf",
            "sanitiz",
            "as the lm",
            "as our",
            "as an assistant",
            "powered by",
            "-powered",
            "to generate",
            "for generating",
            "generated by",
            "generated with",
            "generated using",
            "generation via",
            "through dall",
            "paraphras",
            "annotat",
            "as a metric",
            "as an oracle",
            "commercial api",
        ],
    ),
    (
        UseType::Evaluation,
        &[
            "benchmark",
            "compared to",
            "compared with",
            "comparing",
            "outperform",
            "baseline",
            "surpass",
            "competitive with",
            "comparable to",
            "performs competitively",
            "performs worse",
            "perform worse",
            "accuracy of",
            "performance of",
            "capabilit",
        ],
    ),
    (
        UseType::Examination,
        &[
            "interpretab",
            "explanation",
            "explainab",
            "attention map",
            "attention weight",
            "attention head",
            "lens of attention",
            "representations of",
            "representation space",
            "probing",
            "probe",
            "neuron",
            "circuit",
            "mechanistic",
            "saliency",
            "attribution",
            "grad-cam",
            "gradcam",
            "embedding space",
            "logit",
            "internal",
            "inside",
            "hidden state",
            "cosine similarit",
            "self-similarit",
            "subspace",
            "reverse-engineer",
            "visualiz",
            "visualis",
            "faithful",
            "heatmap",
            "what the model",
            "latent concept",
            "encodes",
            "encoded",
            "encode ",
            "layer-wise",
            "across layers",
            "middle layers",
            "intermediate layer",
        ],
    ),
    (
        UseType::Compression,
        &[
            "quantiz",
            "quantis",
            "prun",
            "sparse",
            "sparsity",
            "distill",
            "compress",
            "low-bit",
            "bit width",
            "bitwidth",
            "bit-width",
            "-bit",
            "kv cache",
            "efficient inference",
            "low-precision",
            "low precision",
            "mixed precision",
            "minifloat",
            "lottery",
            "winning ticket",
            "latency",
            "inference time",
            "throughput",
        ],
    ),
    (
        UseType::SafetyAudit,
        &[
            "bias",
            "fairness",
            "unfair",
            "stereotyp",
            "jailbreak",
            "red-team",
            "red team",
            "adversarial",
            "attack",
            "backdoor",
            "trojan",
            "poison",
            "privacy",
            "membership inference",
            "hallucinat",
            "memoriz",
            "memoris",
            "toxic",
            "harm",
            "unsafe",
            "safety",
            "audit",
            "discriminat",
            "misuse",
            "vulnerab",
            "gender",
            "racial",
            "hypodescent",
            "objectification",
            "susceptib",
        ],
    ),
    (
        UseType::FromScratch,
        &[
            "from scratch",
            "random initiali",
            "we train",
            "train a",
            "train the",
            "trained on cifar",
            "training on",
            "trained with",
            "search space",
            "reproduc",
            "checkpoints",
            "cifar",
            "mnist",
            "svhn",
        ],
    ),
];

/// Evaluation cues that also describe audits ("we evaluate the bias of ..."): they count as evaluation only
/// in a sentence without a safety-audit cue.
pub const WEAK_EVALUATION_CUES: &[&str] = &["evaluat", "assess", "test "];

/// Words that make the authors' own method the subject of a sentence: a weak evaluation cue there evaluates
/// the method, not the models it is tried on ("we evaluate our approach on ResNet-50").
pub const OWN_METHOD: &[&str] = &[
    "our ",
    "method",
    "approach",
    "framework",
    "proposed",
    "technique",
    "algorithm",
    "mechanism",
    "strateg",
];

/// Phrases removed before cue matching because they contain a cue word in another sense.
pub const NOT_CUES: &[&str] = &[
    "inductive bias",
    "implicit bias",
    "spectral bias",
    "exposure bias",
    "estimation bias",
    "confirmation bias",
    "texture bias",
    "shape bias",
    "object bias",
    "weights and biases",
    "generative adversarial",
    "adversarial network",
    "adversarial learning",
    "adversarially biases",
    "without biases",
    "biased gradient",
    "pre-training",
    "pre-trained",
    "pretraining",
    "pretrained",
    "pre-train",
    "pretrain",
    "training data",
    "training set",
    "training example",
    "training sample",
    "training iteration",
    "robust conclusions",
    "test set",
    "video clip",
    "encoder-decoder",
    "encoder models",
    "the encoder outputs",
    "language understanding",
    "other than ",
    "rather than ",
    "more than ",
    "less than ",
    "fewer than ",
    "greater than ",
    "higher than ",
    "lower than ",
    "larger than ",
    "smaller than ",
];

/// Phrases that say the model is used without being trained (drop fine-tuning and from-scratch).
pub const NO_TRAINING: &[&str] = &[
    "without training",
    "without any training",
    "training-free",
    "without retraining",
    "without requiring the model to be retrained",
    "not require any retraining",
    "without requiring labels or retraining",
    "without additional training",
    "without any parameter",
    "without requiring retraining",
    "without model updating",
    "does not require any additional training",
];

/// Constructions that make a mention an example (a passing mention) when they come just before it.
pub const EXAMPLE_MARKERS: &[&str] =
    &["such as", "e.g.", "e.g.,", "\\eg", "like", "for example", "for instance", "including"];

/// Use types that a model named in a sentence without cues inherits from what the authors say they do
/// (title and "we" sentences): everything but evaluation, which must be said of the model itself ("we
/// evaluate our method" does not evaluate every model the abstract names).
const INHERITED_WHEN_NO_CUE: [UseType; 6] = [
    UseType::FineTuning,
    UseType::Prompting,
    UseType::Examination,
    UseType::Compression,
    UseType::SafetyAudit,
    UseType::FromScratch,
];

/// Split text into sentences as byte ranges (on `. `, `? `, `! `, `; ` and line breaks).
pub fn sentence_ranges(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let end_here = match b[i] {
            b'\n' => true,
            b'.' | b'?' | b'!' => {
                // "e.g." and "i.e." and decimals do not end a sentence.
                let next_space = i + 1 >= b.len() || b[i + 1] == b' ';
                let head = &b[..i];
                next_space && !head.ends_with(b"e.g") && !head.ends_with(b"i.e") && !head.ends_with(b" al")
            }
            _ => false,
        };
        if end_here {
            out.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

/// Use types whose cues occur in `sentence`.
pub fn cues_in(sentence: &str) -> BTreeSet<UseType> {
    let s = normalise(sentence);
    let mut out = BTreeSet::new();
    for (use_type, cues) in CUES {
        if cues.iter().any(|c| word_start_contains(&s, c)) {
            out.insert(*use_type);
        }
    }
    if !out.contains(&UseType::SafetyAudit) && weak_evaluation(&s) {
        out.insert(UseType::Evaluation);
    }
    let lower = sentence.to_lowercase();
    if NO_TRAINING.iter().any(|p| lower.contains(p)) {
        out.remove(&UseType::FineTuning);
        out.remove(&UseType::FromScratch);
    }
    out
}

/// A weak evaluation cue ([`WEAK_EVALUATION_CUES`]) in a sentence whose subject is not the authors' own method
/// ([`OWN_METHOD`]); `s` is lower case with [`NOT_CUES`] removed.
fn weak_evaluation(s: &str) -> bool {
    !OWN_METHOD.iter().any(|c| word_start_contains(s, c))
        && WEAK_EVALUATION_CUES.iter().any(|c| word_start_contains(s, c))
}

/// Lower case, [`NOT_CUES`] removed.
fn normalise(sentence: &str) -> String {
    let mut s = sentence.to_lowercase();
    for p in NOT_CUES {
        s = s.replace(p, " ");
    }
    s
}

/// Whether `needle` occurs in `haystack` at the start of a word (not right after a letter or digit), or
/// anywhere when `needle` itself does not start with one. Occurrences are tried left to right, each search
/// going on after the end of the last occurrence (`memchr::memmem`: the leftmost match, as `str::find`).
fn word_start_contains(haystack: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&haystack.as_bytes()[from..], needle.as_bytes()) {
        let at = from + pos;
        let before = haystack[..at].chars().next_back();
        if !before.is_some_and(|c| c.is_alphanumeric()) || !needle.starts_with(|c: char| c.is_alphanumeric())
        {
            return true;
        }
        from = at + needle.len().max(1);
        while !haystack.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// Whether the mention at `start` in `text` comes right after an example marker ("such as X", "e.g. X",
/// "X, Y or Z" after such a marker within the same clause).
pub fn is_example(text: &str, start: usize) -> bool {
    let head = text[..start].to_lowercase();
    let window_start = head.len().saturating_sub(60);
    let mut ws = window_start;
    while !head.is_char_boundary(ws) {
        ws += 1;
    }
    let window = &head[ws..];
    // The marker must be in the same clause: no sentence end between marker and mention.
    EXAMPLE_MARKERS.iter().any(|m| {
        window.rfind(m).is_some_and(|p| {
            let between = &window[p + m.len()..];
            !between.contains(". ") && !between.contains(':') && between.split_whitespace().count() <= 8
        })
    })
}

/// Where one model is mentioned in one paper, for [`classify`].
#[derive(Debug, Clone, Default)]
pub struct MentionSites {
    /// Named in the title.
    pub in_title: bool,
    /// Named in the keywords.
    pub in_keywords: bool,
    /// Byte ranges of the mentions in the abstract.
    pub abstract_spans: Vec<(usize, usize)>,
}

/// Sentences in which the authors say what they do ("We ...", "Our ...", "In this paper ...").
fn says_what_we_do(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    [" we ", " our ", "this paper", "this work", "this study", "in this article", " us "]
        .iter()
        .any(|w| l.contains(w))
        || l.trim_start().starts_with("we ")
        || l.trim_start().starts_with("our ")
}

/// Use types of one model in one paper.
///
/// 1. A passing mention gets no use type: every abstract mention is an example ("such as GPT-3", "e.g.
///    CLIP", "including ...") in a sentence that does not say what the authors do, and the model is not in
///    the title or keywords. An example in a "we" sentence ("we run experiments with models such as GPT-3")
///    names what the paper uses and is classified like any mention.
/// 2. Local cues: the cues of the sentences that name the model, and of the title (the title says what
///    the whole paper does).
/// 3. When those sentences have no cue at all, the model inherits the cues of what the authors say they do
///    (the title and the "we" sentences), except evaluation (see [`INHERITED_WHEN_NO_CUE`]): the model is
///    then named in a sentence that lists what was used ("on ImageNet with Inception-v3 and ResNet-101").
/// 4. A model that the local cues make a tool (prompting) or a base that is adapted (fine-tuning) is not
///    the object of the paper's scrutiny: it inherits nothing further. Any other model named with cues
///    also inherits the paper's safety-audit and examination cues (an audit paper audits the models it
///    names: "We evaluate GPT-4 and Claude v1.3 against both existing and newly designed attacks").
pub fn classify(title: &str, abstract_text: &str, sites: &MentionSites) -> BTreeSet<UseType> {
    let sentences = sentence_ranges(abstract_text);
    let mut local = BTreeSet::new();
    let mut passing = !sites.abstract_spans.is_empty();
    for (s, e) in &sentences {
        let spans: Vec<&(usize, usize)> =
            sites.abstract_spans.iter().filter(|(ms, _)| *ms >= *s && *ms < *e).collect();
        if spans.is_empty() {
            continue;
        }
        let sentence = &abstract_text[*s..*e];
        if says_what_we_do(sentence) || !spans.iter().all(|(ms, _)| is_example(abstract_text, *ms)) {
            passing = false;
        }
        local.extend(cues_in(sentence));
    }
    if passing && !sites.in_title && !sites.in_keywords {
        return BTreeSet::new();
    }
    let title_cues = cues_in(title);
    let mut paper = title_cues.clone();
    for (s, e) in &sentences {
        let sentence = &abstract_text[*s..*e];
        if says_what_we_do(sentence) {
            paper.extend(cues_in(sentence));
        }
    }
    let mut out = local.clone();
    if local.is_empty() {
        out.extend(paper.iter().filter(|u| INHERITED_WHEN_NO_CUE.contains(u)));
        out.extend(title_cues);
    } else if local.contains(&UseType::Prompting) || local.contains(&UseType::FineTuning) {
        out.extend(title_cues.iter().filter(|u| !matches!(u, UseType::SafetyAudit | UseType::Examination)));
    } else {
        out.extend(title_cues);
        out.extend(paper.iter().filter(|u| matches!(u, UseType::SafetyAudit | UseType::Examination)));
    }
    // In an audit or an examination of the model, "evaluate" / "assess" name the audit: evaluation then needs
    // a strong cue (a benchmark, a comparison, a performance figure) in a mention sentence or the title.
    if out.contains(&UseType::SafetyAudit) || out.contains(&UseType::Examination) {
        let strong = |t: &str| strong_evaluation(&normalise(t));
        let said = strong(title)
            || sentences.iter().any(|(s, e)| {
                sites.abstract_spans.iter().any(|(ms, _)| ms >= s && ms < e) && strong(&abstract_text[*s..*e])
            });
        if !said {
            out.remove(&UseType::Evaluation);
        }
    }
    out
}

/// An evaluation cue of [`CUES`] (not a weak one) in normalised text.
fn strong_evaluation(s: &str) -> bool {
    CUES.iter()
        .filter(|(u, _)| *u == UseType::Evaluation)
        .any(|(_, cues)| cues.iter().any(|c| word_start_contains(s, c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk of [`word_start_contains`] with `str::find` (its definition before `memchr::memmem`).
    fn word_start_contains_by_find(haystack: &str, needle: &str) -> bool {
        let mut from = 0;
        while let Some(pos) = haystack[from..].find(needle) {
            let at = from + pos;
            let before = haystack[..at].chars().next_back();
            if !before.is_some_and(|c| c.is_alphanumeric())
                || !needle.starts_with(|c: char| c.is_alphanumeric())
            {
                return true;
            }
            from = at + needle.len().max(1);
            while !haystack.is_char_boundary(from) {
                from += 1;
            }
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn word_start_contains_equals_the_find_walk(h in "[ab1 .é-]{0,24}", n in "[ab1 .é-]{0,4}") {
            proptest::prop_assert_eq!(word_start_contains(&h, &n), word_start_contains_by_find(&h, &n));
        }
    }

    #[test]
    fn cues_and_not_cues() {
        let u = cues_in("We fine-tune BERT with LoRA and measure gender bias.");
        assert_eq!(u.into_iter().collect::<Vec<_>>(), vec![UseType::FineTuning, UseType::SafetyAudit]);
        // "Evaluate" is evaluation unless the sentence is about an audit.
        assert_eq!(
            cues_in("We evaluate BERT on GLUE.").into_iter().collect::<Vec<_>>(),
            vec![UseType::Evaluation]
        );
        assert_eq!(
            cues_in("We evaluate the gender bias of BERT.").into_iter().collect::<Vec<_>>(),
            vec![UseType::SafetyAudit]
        );
        assert!(cues_in("CNNs have a strong inductive bias.").is_empty());
        let v = cues_in(
            "We train a sampler for the off-the-shelf StyleGAN2, without requiring labels or retraining.",
        );
        assert!(v.contains(&UseType::Prompting) && !v.contains(&UseType::FromScratch), "{v:?}");
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let t = "Models (e.g. BERT) are big. We use them! Done";
        let r: Vec<&str> = sentence_ranges(t).into_iter().map(|(s, e)| &t[s..e]).collect();
        assert_eq!(r, vec!["Models (e.g. BERT) are big.", " We use them!", " Done"]);
    }

    fn classify_in(title: &str, a: &str, model: &str) -> Vec<UseType> {
        let start = a.find(model).unwrap();
        let sites = MentionSites { abstract_spans: vec![(start, start + model.len())], ..Default::default() };
        classify(title, a, &sites).into_iter().collect()
    }

    #[test]
    fn examples_in_what_we_do_are_uses() {
        // Background example: passing. The same example in a "we" sentence names what the paper uses.
        let a = "Models such as GPT-3 are popular. We study fairness of classifiers.";
        assert!(classify_in("A title", a, "GPT-3").is_empty());
        let b = "Prompts matter. We run experiments with models such as GPT-3 using few-shot prompts.";
        assert_eq!(classify_in("A title", b, "GPT-3"), vec![UseType::Prompting]);
    }

    #[test]
    fn evaluation_is_said_of_the_model() {
        // "We evaluate our method on ResNet-50" evaluates the method, not ResNet.
        assert!(!cues_in("We evaluate our method on ResNet-50.").contains(&UseType::Evaluation));
        // In an audit, "evaluate" names the audit; a comparison is still evaluation.
        let a = "We evaluate GPT-4 and Claude against newly designed attacks.";
        assert_eq!(classify_in("Jailbroken", a, "GPT-4"), vec![UseType::SafetyAudit]);
        let b = "We attack GPT-4 and find it more vulnerable compared to Claude.";
        assert_eq!(classify_in("Jailbroken", b, "Claude"), vec![UseType::Evaluation, UseType::SafetyAudit]);
    }

    #[test]
    fn tools_do_not_inherit_the_papers_scrutiny() {
        // ChatGPT paraphrases for a backdoor defence: a tool, not the object of the audit.
        let a =
            "Backdoor attacks threaten NLP models. We employ ChatGPT as our paraphraser to remove triggers.";
        assert_eq!(classify_in("Detecting Poisoned Samples", a, "ChatGPT"), vec![UseType::Prompting]);
        // A model named without cues inherits what the authors say they do, but not evaluation.
        let b = "We audit the gender bias of image classifiers and evaluate them. Models: ResNet-50.";
        assert_eq!(classify_in("A title", b, "ResNet-50"), vec![UseType::SafetyAudit]);
    }

    #[test]
    fn examples_are_passing_mentions() {
        let a = "Large language models such as GPT-3 are popular. We study fairness of classifiers.";
        let start = a.find("GPT-3").unwrap();
        assert!(is_example(a, start));
        let sites = MentionSites { abstract_spans: vec![(start, start + 5)], ..Default::default() };
        assert!(classify("A title", a, &sites).is_empty());
    }
}
