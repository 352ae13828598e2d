//! Finding model names in paper text: aho-corasick over every form of the alias table, then word
//! boundaries, version and size suffixes, and the guards of [`super::aliases::Guard`].
//!
//! The matcher works on one string at a time and knows nothing of papers or the catalogue; [`find_in_paper`]
//! runs it over a paper's title, abstract and keywords. It must not decide use types (that is
//! [`super::use_types`]) and must not do I/O.
//!
//! Rules, in order, for every occurrence of a form (all occurrences, overlapping ones included):
//! 1. Left boundary: the character before is not a letter or digit, and not a `-` glued to a word
//!    (`Med-PaLM`, `MiniGPT-4` and `VQGAN-CLIP` are other models); `/` is a list separator (`ResNet50/MobileNetV2`).
//! 2. Suffix: sizes and variants are part of the mention (`Llama-2-7B`, `GPT-3 175B`, `BERT-base-uncased`,
//!    `ViT-B/16`, a plural `s`); numbered families also take a depth or version (`ResNet-50`, `VGG16`,
//!    `Inception-v3`, `YOLOv3`, `EfficientNet-B0`); a decimal after a version (`Claude 1` + `.3`).
//! 3. Right boundary: the character after the suffix is not a letter or digit (`T5` is a token only: `mT5`,
//!    `T5X` and `ByT5` do not match; `BERT` inside `RoBERTa` does not either).
//! 4. `reject_after`: text that turns the name into something else (`VGG-Sound`, `Alpaca dataset`).
//! 5. The entry's guard (language-model context for Claude, Gemini, Falcon, Mistral ...; speech context for
//!    Whisper; no DETR near DINO; `Inception` only as an architecture).
//! 6. Overlaps: the longest surviving match wins, then the leftmost (`GPT-3 Codex` is Codex, not GPT-3).

use super::aliases::{AliasEntry, Guard, Suffix, ALIASES, LLM_CONTEXT, PRODUCT_TIERS, SPEECH_CONTEXT};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use cd_domain::Paper;
use serde::Serialize;

/// Where in a paper a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    Title,
    Abstract,
    Keywords,
}

impl TextField {
    /// The field's name as serialised (`title`, `abstract`, `keywords`).
    pub fn as_str(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Abstract => "abstract",
            TextField::Keywords => "keywords",
        }
    }
}

/// One occurrence of a model name in one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawMention {
    /// Index into [`ALIASES`].
    #[serde(skip)]
    pub entry: usize,
    /// Canonical name of the model.
    pub model: &'static str,
    /// Byte range in the text, suffix included.
    pub start: usize,
    pub end: usize,
    /// The text as written, suffix included.
    pub matched_text: String,
    /// Length of the alias form itself (without suffix): among equally long matches the longer form wins
    /// (`GPT-3.5` + `-turbo` over `GPT-3` + `.5-turbo`).
    #[serde(skip)]
    pub form_len: usize,
}

/// The compiled alias table.
pub struct Matcher {
    ci: AhoCorasick,
    ci_entries: Vec<usize>,
    cs: AhoCorasick,
    cs_entries: Vec<usize>,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher::new()
    }
}

/// Variant words that may follow a model name after `-` or `_` (`BERT-base`, `T5-XXL`, `ViT-B/16`).
const VARIANTS: &[&str] = &[
    "base", "large", "small", "medium", "tiny", "huge", "mini", "xxl", "xl", "uncased", "cased", "turbo",
    "instruct", "chat", "hf", "b", "l", "h", "s", "g",
];

impl Matcher {
    pub fn new() -> Matcher {
        let (mut ci_pats, mut ci_entries, mut cs_pats, mut cs_entries) = (vec![], vec![], vec![], vec![]);
        for (i, e) in ALIASES.iter().enumerate() {
            for f in e.forms_ci {
                ci_pats.push(*f);
                ci_entries.push(i);
            }
            for f in e.forms_cs {
                cs_pats.push(*f);
                cs_entries.push(i);
            }
        }
        // DFAs (the same matches as the NFA the builder would pick, one table lookup per byte).
        let build = |pats: &[&str], ci: bool| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .ascii_case_insensitive(ci)
                .build(pats)
                .expect("alias forms compile")
        };
        Matcher { ci: build(&ci_pats, true), ci_entries, cs: build(&cs_pats, false), cs_entries }
    }

    /// Every accepted mention in `text`, ordered by position. `context` is the whole paper (title, abstract,
    /// keywords) for the guards that look beyond the sentence.
    pub fn find(&self, text: &str, context: &str) -> Vec<RawMention> {
        let mut found: Vec<RawMention> = Vec::new();
        let automata = [(&self.ci, &self.ci_entries), (&self.cs, &self.cs_entries)];
        for (ac, entries) in automata {
            for m in ac.find_overlapping_iter(text) {
                let idx = entries[m.pattern().as_usize()];
                if let Some(end) = accept(&ALIASES[idx], text, context, m.start(), m.end()) {
                    found.push(RawMention {
                        entry: idx,
                        model: ALIASES[idx].canonical,
                        start: m.start(),
                        end,
                        matched_text: text[m.start()..end].to_string(),
                        form_len: m.end() - m.start(),
                    });
                }
            }
        }
        // Longest first, then leftmost; keep those that do not overlap a kept one.
        found.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(b.form_len.cmp(&a.form_len))
                .then(a.start.cmp(&b.start))
                .then(a.entry.cmp(&b.entry))
        });
        let mut kept: Vec<RawMention> = Vec::new();
        for m in found {
            if !kept.iter().any(|k| m.start < k.end && k.start < m.end) {
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| (m.start, m.end));
        kept
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

fn contains_ci(haystack: &str, needles: &[&str]) -> bool {
    let h = haystack.to_lowercase();
    needles.iter().any(|n| h.contains(&n.to_lowercase()))
}

/// Apply rules 1–5 to one occurrence; the end of the mention (suffix included) if accepted.
fn accept(entry: &AliasEntry, text: &str, context: &str, start: usize, end: usize) -> Option<usize> {
    // 1. Left boundary, and no compound name glued with '-' or '/'.
    let before = char_before(text, start);
    if is_word_char(before) {
        return None;
    }
    if before == Some('-') && is_word_char(char_before(text, start - 1)) {
        return None;
    }
    // 2. Suffix.
    let ext = extend_suffix(text, end, entry.suffix);
    // 3. Right boundary.
    if is_word_char(char_at(text, ext)) {
        return None;
    }
    // 4. Rejected continuations.
    let rest = &text[ext..];
    if entry.reject_after.iter().any(|r| {
        rest.len() >= r.len() && rest.is_char_boundary(r.len()) && rest[..r.len()].eq_ignore_ascii_case(r)
    }) {
        return None;
    }
    // 5. Guards.
    match entry.guard {
        Guard::None => {}
        Guard::LanguageModelContext => {
            if !contains_ci(context, LLM_CONTEXT) {
                return None;
            }
            // `Claude Shannon`, `Gemini Observatory`: a capitalised word right after that is not a tier.
            if let Some(next) = rest.strip_prefix(' ') {
                let word: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
                if word.chars().next().is_some_and(|c| c.is_uppercase())
                    && !PRODUCT_TIERS.contains(&word.as_str())
                {
                    return None;
                }
            }
        }
        Guard::SpeechContext => {
            if !contains_ci(context, SPEECH_CONTEXT) {
                return None;
            }
        }
        Guard::NotDetr => {
            // Within the sentence around the mention (about 150 bytes either side).
            let mut lo = start.saturating_sub(150);
            while !text.is_char_boundary(lo) {
                lo -= 1;
            }
            let mut hi = (ext + 150).min(text.len());
            while !text.is_char_boundary(hi) {
                hi += 1;
            }
            if text[lo..hi].contains("DETR") {
                return None;
            }
        }
        Guard::ArchitectureWord => {
            let follows = [" net", " network", " model", " module", " architecture", "-resnet"];
            if ext == end && !contains_prefix_ci(rest, &follows) {
                return None;
            }
        }
    }
    Some(ext)
}

fn contains_prefix_ci(rest: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        rest.len() >= p.len() && rest.is_char_boundary(p.len()) && rest[..p.len()].eq_ignore_ascii_case(p)
    })
}

/// Rule 2: consume sizes, variants, numbers and a plural after a form.
fn extend_suffix(text: &str, end: usize, kind: Suffix) -> usize {
    let b = text.as_bytes();
    let digits_from = |i: usize| -> usize {
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut i = end;
    if kind == Suffix::Numbered {
        let mut j = i;
        if j < b.len() && matches!(b[j], b'-' | b'_' | b' ') {
            j += 1;
        }
        if j < b.len()
            && matches!(b[j], b'v' | b'V' | b'b' | b'B')
            && j + 1 < b.len()
            && b[j + 1].is_ascii_digit()
        {
            j += 1;
        }
        let k = digits_from(j);
        // A space may only separate a number when nothing alphabetic follows ("ResNet 50", not "VGG 3 times").
        if k > j && (b[i] != b' ' || !is_word_char(char_at(text, k))) {
            i = k;
            if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                i = digits_from(i + 1);
            }
        }
    }
    loop {
        let prev_is_digit = i > 0 && b[i - 1].is_ascii_digit();
        // A decimal after a version digit: "Claude 1" + ".3", "GPT-3" + ".5" is a form of its own.
        if prev_is_digit && i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            i = digits_from(i + 1);
            continue;
        }
        let sep = i < b.len() && matches!(b[i], b'-' | b'_' | b' ');
        let j = if sep { i + 1 } else { i };
        // Size: 7B, 65b, 1.5B, 175B, 117M (a space is allowed before a size only).
        let k = digits_from(j);
        if k > j {
            let mut k2 = k;
            if k2 + 1 < b.len() && b[k2] == b'.' && b[k2 + 1].is_ascii_digit() {
                k2 = digits_from(k2 + 1);
            }
            if k2 < b.len()
                && matches!(b[k2], b'b' | b'B' | b'm' | b'M' | b'k' | b'K')
                && !is_word_char(char_at(text, k2 + 1))
            {
                i = k2 + 1;
                continue;
            }
        }
        // Variant: only after '-' or '_'.
        if sep && b[i] != b' ' {
            let rest = &text[j..];
            let word: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if !word.is_empty() && VARIANTS.iter().any(|v| v.eq_ignore_ascii_case(&word)) {
                let mut k = j + word.len();
                if k + 1 < b.len() && b[k] == b'/' && b[k + 1].is_ascii_digit() {
                    k = digits_from(k + 1);
                }
                i = k;
                continue;
            }
        }
        break;
    }
    // Plural.
    if i < b.len() && b[i] == b's' && !is_word_char(char_at(text, i + 1)) && i == end {
        i += 1;
    }
    i
}

/// The text of a paper that mentions are searched in, per field. Keywords that the AI Index reader adds
/// for categories (`category:...`) are left out.
pub fn paper_fields(paper: &Paper) -> [(TextField, String); 3] {
    let keywords: Vec<&str> =
        paper.keywords.iter().map(|k| k.as_str()).filter(|k| !k.starts_with("category:")).collect();
    [
        (TextField::Title, paper.title.clone()),
        (TextField::Abstract, paper.abstract_text.clone().unwrap_or_default()),
        (TextField::Keywords, keywords.join("; ")),
    ]
}

/// Mentions in one paper's title, abstract and keywords, with the field each was found in.
pub fn find_in_paper(matcher: &Matcher, paper: &Paper) -> Vec<(TextField, RawMention)> {
    let fields = paper_fields(paper);
    let context = fields.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    for (field, text) in &fields {
        for m in matcher.find(text, &context) {
            out.push((*field, m));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn models(text: &str) -> Vec<(&'static str, String)> {
        Matcher::new().find(text, text).into_iter().map(|m| (m.model, m.matched_text)).collect()
    }

    #[test]
    fn bert_is_not_found_inside_roberta() {
        assert_eq!(
            models("We fine-tune RoBERTa and DeBERTa."),
            vec![("RoBERTa", "RoBERTa".to_string()), ("DeBERTa", "DeBERTa".to_string())]
        );
        assert_eq!(models("BERT-base-uncased"), vec![("BERT", "BERT-base-uncased".to_string())]);
    }

    #[test]
    fn versions_fold_into_canonical_models() {
        assert_eq!(
            models("Llama-2-7B and LLaMA-65b and llama2"),
            vec![
                ("Llama 2", "Llama-2-7B".to_string()),
                ("LLaMA", "LLaMA-65b".to_string()),
                ("Llama 2", "llama2".to_string())
            ]
        );
        assert_eq!(
            models("GPT-3.5-turbo, GPT-3 175B, ChatGPT, GPT4"),
            vec![
                ("GPT-3.5", "GPT-3.5-turbo".to_string()),
                ("GPT-3", "GPT-3 175B".to_string()),
                ("GPT-3.5", "ChatGPT".to_string()),
                ("GPT-4", "GPT4".to_string())
            ]
        );
        assert_eq!(
            models("ResNet-50, VGG16, Inception-v3, EfficientNet-B0"),
            vec![
                ("ResNet", "ResNet-50".to_string()),
                ("VGG", "VGG16".to_string()),
                ("Inception", "Inception-v3".to_string()),
                ("EfficientNet", "EfficientNet-B0".to_string())
            ]
        );
        assert_eq!(models("We employ GPT-3 Codex as the LM."), vec![("Codex", "GPT-3 Codex".to_string())]);
    }

    #[test]
    fn t5_is_a_token_only() {
        assert_eq!(models("mT5, ByT5 and T5X differ from T5-XXL"), vec![("T5", "T5-XXL".to_string())]);
        assert_eq!(
            models("Flan-T5 beats T5"),
            vec![("Flan-T5", "Flan-T5".to_string()), ("T5", "T5".to_string())]
        );
    }

    #[test]
    fn palm_and_clip_are_case_sensitive() {
        assert!(models("the palm of a hand, a video clip").is_empty());
        assert_eq!(
            models("PaLM and CLIP-based"),
            vec![("PaLM", "PaLM".to_string()), ("CLIP", "CLIP".to_string())]
        );
        assert!(models("Med-PaLM is not PaLM").iter().any(|(m, _)| *m == "Med-PaLM"));
    }

    #[test]
    fn claude_and_gemini_need_a_language_model_context() {
        assert!(models("Claude Shannon founded information theory.").is_empty());
        assert!(models("We implement a prototype called Gemini for binary similarity.").is_empty());
        assert!(models("the Gemini constellation, a language model of the sky").is_empty());
        assert_eq!(
            models("We jailbreak Claude v1.3 and GPT-4, two large language models."),
            vec![("Claude", "Claude v1.3".to_string()), ("GPT-4", "GPT-4".to_string())]
        );
    }

    #[test]
    fn other_guards() {
        assert!(models("on Flickr-SoundNet and VGG-Sound Source").is_empty());
        assert!(models("since its inception, the field").is_empty());
        assert_eq!(
            models("Inceptions and ResNets"),
            vec![("Inception", "Inceptions".to_string()), ("ResNet", "ResNets".to_string())]
        );
        assert!(models("Deformable-DETR, UP-DETR, and DINO").is_empty());
        assert!(models("a MiniGPT-4 model").is_empty());
    }
}
