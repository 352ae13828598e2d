//! Use types: what a paper does with a model it mentions, from documented phrase rules.
//!
//! Multi-label. For each model, the cue phrases of [`CUES`] are looked up in the sentences that mention it
//! and in the title. When the mention sentences have no cue, the cues of the sentences where the authors
//! say what they do count instead. A model named only as an example ("such as" / "e.g." / "like") outside
//! the title and keywords gets no use type (a passing mention). See [`classify`].
//!
//! Cues are lower-case phrases matched at the start of a word. "Evaluate" and "assess" count as evaluation
//! only in a sentence without a safety-audit cue (there they describe the audit, [`WEAK_EVALUATION_CUES`]). Phrases that look like cues but are not are
//! removed first ([`NOT_CUES`]: "inductive bias" is not social bias; "pre-trained" is not training from
//! scratch). In a sentence that says the model is used "without training" / "training-free" / "without
//! retraining", fine-tuning and training from scratch are dropped. No I/O, no knowledge of papers beyond text.

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

/// Cue phrases per use type (lower case, matched at a word start).
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
            "transfer learning",
            "backbone",
            "encoder",
            "feature extractor",
            "features from",
            "features of",
            "embeddings from",
            "built on",
            "build on",
            "builds on",
            "build upon",
            "builds upon",
            "on top of",
            "initialized from",
            "initialised from",
            "adapt",
            "equi-tun",
            "self-align",
            "leverage pre",
        ],
    ),
    (
        UseType::Prompting,
        &[
            "prompting",
            "prompted",
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
            "powered by",
            "-powered",
            "to generate",
            "generation via",
            "paraphras",
        ],
    ),
    (
        UseType::Evaluation,
        &[
            "benchmark",
            "compared to",
            "compared with",
            "comparing",
            "comparison",
            "outperform",
            "baseline",
            "surpass",
            "competitive with",
            "comparable to",
            "performs competitively",
            "accuracy of",
            "performance of",
        ],
    ),
    (
        UseType::Examination,
        &[
            "interpretab",
            "explain",
            "explanation",
            "attention map",
            "attention weight",
            "attention head",
            "representations of",
            "probing",
            "probe",
            "neuron",
            "circuit",
            "mechanistic",
            "saliency",
            "grad-cam",
            "gradcam",
            "activation",
            "embedding space",
            "logit",
            "internal",
            "hidden state",
            "cosine similarit",
            "self-similarit",
            "subspace",
            "kernel",
            "reverse-engineer",
            "visualiz",
            "visualis",
            "faithful",
            "heatmap",
            "what the model",
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
            "kv cache",
            "efficient inference",
            "low-precision",
            "low precision",
            "mixed precision",
            "minifloat",
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
            "we train",
            "trained on",
            "training on",
            "trained with",
            "train a",
            "train the",
            "architecture",
            "search space",
            "reproduc",
            "checkpoints",
        ],
    ),
];

/// Evaluation cues that also describe audits ("we evaluate the bias of ..."): they count as evaluation only
/// in a sentence without a safety-audit cue.
pub const WEAK_EVALUATION_CUES: &[&str] = &["evaluat", "assess"];

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
    "weights and biases",
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
    "robust conclusions",
    "test set",
    "video clip",
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
];

/// Constructions that make a mention an example (a passing mention) when they come just before it.
pub const EXAMPLE_MARKERS: &[&str] = &["such as", "e.g.", "e.g.,", "like", "for example", "for instance"];

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
    let mut s = sentence.to_lowercase();
    for p in NOT_CUES {
        s = s.replace(p, " ");
    }
    let mut out = BTreeSet::new();
    for (use_type, cues) in CUES {
        if cues.iter().any(|c| word_start_contains(&s, c)) {
            out.insert(*use_type);
        }
    }
    if !out.contains(&UseType::SafetyAudit) && WEAK_EVALUATION_CUES.iter().any(|c| word_start_contains(&s, c))
    {
        out.insert(UseType::Evaluation);
    }
    if NO_TRAINING.iter().any(|p| sentence.to_lowercase().contains(p)) {
        out.remove(&UseType::FineTuning);
        out.remove(&UseType::FromScratch);
    }
    out
}

fn word_start_contains(haystack: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(needle) {
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
    [" we ", " our ", "this paper", "this work", "in this article"].iter().any(|w| l.contains(w))
        || l.trim_start().starts_with("we ")
        || l.trim_start().starts_with("our ")
}

/// Use types of one model in one paper.
///
/// 1. Cues of the sentences that mention the model, and of the title (the title says what the whole paper
///    does, so its cues apply to every model the paper names other than as an example).
/// 2. When the mention sentences have no cue, the cues of the abstract's sentences in which the authors say
///    what they do ("We ...", "Our ...", "In this paper ...") count instead (the model is then named in a
///    sentence that lists what was used: "on ImageNet with Inception-v3 and ResNet-101").
/// 3. A model named only as an example ("such as GPT-3", "e.g. CLIP") outside the title and keywords gets
///    no use type.
pub fn classify(title: &str, abstract_text: &str, sites: &MentionSites) -> BTreeSet<UseType> {
    let sentences = sentence_ranges(abstract_text);
    let mut from_sentences = BTreeSet::new();
    let mut all_examples = !sites.abstract_spans.is_empty();
    for (s, e) in &sentences {
        let spans: Vec<&(usize, usize)> =
            sites.abstract_spans.iter().filter(|(ms, _)| *ms >= *s && *ms < *e).collect();
        if spans.is_empty() {
            continue;
        }
        if !spans.iter().all(|(ms, _)| is_example(abstract_text, *ms)) {
            all_examples = false;
        }
        from_sentences.extend(cues_in(&abstract_text[*s..*e]));
    }
    if all_examples && !sites.in_title && !sites.in_keywords {
        return BTreeSet::new();
    }
    let mut out = cues_in(title);
    if from_sentences.is_empty() {
        for (s, e) in &sentences {
            let sentence = &abstract_text[*s..*e];
            if says_what_we_do(sentence) {
                out.extend(cues_in(sentence));
            }
        }
    } else {
        out.extend(from_sentences);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn examples_are_passing_mentions() {
        let a = "Large language models such as GPT-3 are popular. We study fairness of classifiers.";
        let start = a.find("GPT-3").unwrap();
        assert!(is_example(a, start));
        let sites = MentionSites { abstract_spans: vec![(start, start + 5)], ..Default::default() };
        assert!(classify("A title", a, &sites).is_empty());
    }
}
