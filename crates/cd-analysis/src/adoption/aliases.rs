//! The alias table: how papers name the models of the catalogue, as data.
//!
//! One [`AliasEntry`] per canonical model. Each lists the surface forms a paper may use (matched with word
//! boundaries by [`super::mentions`]), the Epoch rows that make up the model (so that the catalogue can give it
//! a developer, an accessibility, a release date and a compute), the guards against false hits, and a
//! fallback for models no Epoch vintage holds. docs/aliases.md explains every guard in prose.
//!
//! This module is data and tiny accessors only: no matching, no I/O. To add a model, add an entry; to add a
//! spelling, add a form. Case-sensitive forms are for names that are also English words or other acronyms
//! (`PaLM` vs "palm", `CLIP` vs "video clip", `BERT`, `T5`, `ViT`).

use cd_domain::{Accessibility, TeamKind};

/// How the text after a form may continue and still be the same model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suffix {
    /// Only sizes and variants: `-7B`, ` 175B`, `-base`, `-XXL`, `-B/16`, a plural `s`.
    Sizes,
    /// Also a depth or version number glued or hyphenated: `ResNet-50`, `VGG16`, `Inception-v3`, `YOLOv3`,
    /// `MobileNetV2`, `EfficientNet-B0`, `DenseNet-121`.
    Numbered,
}

/// Context rules that keep a form from matching another sense of the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// No context rule.
    None,
    /// The name is also a person, a space mission, a bird, a wind ... : the paper must speak of language
    /// models somewhere (see [`LLM_CONTEXT`]), and the form must not be followed by a capitalised word that is
    /// not a product tier (`Claude Shannon`, `Gemini constellation`).
    LanguageModelContext,
    /// `Whisper`: the paper must speak of speech or audio.
    SpeechContext,
    /// `DINO` the self-supervised method, not the DETR-family detector: rejected when DETR is named within
    /// about 150 characters.
    NotDetr,
    /// `Inception` is also an English word, `OPT` an optimiser's name: only with a version or size
    /// (`Inception-v3`, `OPT-175B`), a plural, `-ResNet`, or followed by net / network / model / module /
    /// architecture.
    ArchitectureWord,
}

/// Developer, accessibility and release year of a model that no Epoch vintage holds, or whose Epoch rows
/// leave a field empty. Taken from the model's own paper or release note.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fallback {
    pub developer: &'static str,
    pub team: TeamKind,
    pub accessibility: Accessibility,
    pub year: i32,
}

/// One canonical model and how papers name it.
#[derive(Debug, Clone, Copy)]
pub struct AliasEntry {
    /// The catalogue's name for the model.
    pub canonical: &'static str,
    /// The family it belongs to (GPT, LLaMA, BERT ...), for grouping versions.
    pub family: &'static str,
    /// Forms matched ignoring ASCII case.
    pub forms_ci: &'static [&'static str],
    /// Forms matched exactly.
    pub forms_cs: &'static [&'static str],
    pub suffix: Suffix,
    pub guard: Guard,
    /// Text right after the form (ignoring ASCII case) that makes it another thing (`VGG-Sound` the dataset).
    pub reject_after: &'static [&'static str],
    /// Epoch model names (compared after trimming and lower-casing; a trailing `*` is a prefix) whose rows make
    /// up this model.
    pub epoch_names: &'static [&'static str],
    pub fallback: Option<Fallback>,
}

/// Words whose presence in a paper says it is about language models (for [`Guard::LanguageModelContext`]).
/// Compared ignoring ASCII case against the whole title + abstract + keywords.
pub const LLM_CONTEXT: &[&str] = &[
    "language model",
    "llm",
    "chatbot",
    "chatgpt",
    "gpt-",
    "assistant",
    "anthropic",
    "deepmind",
    "foundation model",
    "generative ai",
    "prompt",
    "multimodal model",
    "vision-language model",
];

/// Lower-case words after "Gemini" that mean the constellation, the space programme or the twins.
pub const GEMINI_OTHER_SENSES: [&str; 8] = [
    " constellation",
    " mission",
    " spacecraft",
    " program",
    " observatory",
    " telescope",
    " twins",
    " zodiac",
];

/// Capitalised words that may follow a guarded name and still be the model (product tiers).
pub const PRODUCT_TIERS: &[&str] = &[
    "Instant", "Opus", "Sonnet", "Haiku", "Pro", "Ultra", "Nano", "Flash", "Large", "Medium", "Small", "Chat",
];

/// Words for [`Guard::SpeechContext`].
pub const SPEECH_CONTEXT: &[&str] = &["speech", "audio", "asr", "transcri", "spoken", "voice"];

const fn fb(
    developer: &'static str,
    team: TeamKind,
    accessibility: Accessibility,
    year: i32,
) -> Option<Fallback> {
    Some(Fallback { developer, team, accessibility, year })
}

use Accessibility::{
    Api, OpenWeightsNonCommercial as OpenNc, OpenWeightsRestricted as OpenR, OpenWeightsUnrestricted as Open,
};
use TeamKind::{AcademicOnly as Acad, Collaboration as Collab, IndustryOnly as Ind};

macro_rules! entry {
    ($canon:expr, $family:expr, ci: [$($ci:expr),*], cs: [$($cs:expr),*], $suffix:expr, $guard:expr,
     reject: $rj:expr, epoch: [$($ep:expr),*], $fallback:expr) => {
        AliasEntry {
            canonical: $canon,
            family: $family,
            forms_ci: &[$($ci),*],
            forms_cs: &[$($cs),*],
            suffix: $suffix,
            guard: $guard,
            reject_after: &$rj,
            epoch_names: &[$($ep),*],
            fallback: $fallback,
        }
    };
}

use Guard as G;
use Suffix::{Numbered as Num, Sizes};

/// The alias table. Order does not matter: overlapping forms resolve to the longest match.
pub const ALIASES: &[AliasEntry] = &[
    // --- OpenAI GPT family. A bare "GPT" is not linked: it names the family, not a model.
    entry!("GPT-2", "GPT", ci: ["GPT-2", "GPT2", "GPT 2"], cs: [], Sizes, G::None, reject: [],
        epoch: ["GPT-2 (1.5B)", "GPT-2 (1542M)", "GPT-2 (117M)", "GPT-2 (345M)", "GPT-2 (762M)"],
        fb("OpenAI", Ind, Open, 2019)),
    entry!("GPT-3", "GPT", ci: ["GPT-3", "GPT3", "GPT 3"], cs: [], Sizes, G::None, reject: [],
        epoch: ["GPT-3 175B (davinci)", "GPT-3 13B", "GPT-3 6.7B", "GPT-3 2.7B", "GPT-3 XL", "GPT-3 Large",
                "GPT-3 Medium", "GPT-3 Small"],
        fb("OpenAI", Ind, Api, 2020)),
    entry!("GPT-3.5", "GPT",
        ci: ["GPT-3.5", "GPT3.5", "GPT 3.5", "ChatGPT", "Chat-GPT", "InstructGPT", "text-davinci-003",
             "text-davinci-002", "gpt-3.5-turbo"],
        cs: [], Sizes, G::None, reject: [],
        epoch: ["GPT-3.5 (text-davinci-003)", "GPT-3.5", "ChatGPT (gpt-3.5-turbo)", "GPT-3.5 Turbo",
                "InstructGPT 175B", "InstructGPT 6B", "InstructGPT 1.3B"],
        fb("OpenAI", Ind, Api, 2022)),
    entry!("GPT-4", "GPT", ci: ["GPT-4", "GPT4", "GPT 4", "GPT-4V", "GPT-4 Turbo", "GPT-4-Turbo"], cs: [], Sizes,
        G::None, reject: [], epoch: ["GPT-4", "GPT-4 Turbo", "GPT-4V"], fb("OpenAI", Ind, Api, 2023)),
    entry!("GPT-4o", "GPT", ci: ["GPT-4o"], cs: [], Sizes, G::None, reject: [], epoch: ["GPT-4o"],
        fb("OpenAI", Ind, Api, 2024)),
    entry!("Codex", "GPT", ci: ["GPT-3 Codex", "OpenAI Codex"], cs: ["Codex"], Sizes, G::None, reject: [],
        epoch: ["Codex"], fb("OpenAI", Ind, Api, 2021)),
    entry!("GPT-J", "GPT-J", ci: ["GPT-J"], cs: [], Sizes, G::None, reject: [], epoch: ["GPT-J-6B"],
        fb("EleutherAI", TeamKind::Other, Open, 2021)),
    entry!("GPT-NeoX", "GPT-NeoX", ci: ["GPT-NeoX"], cs: [], Sizes, G::None, reject: [], epoch: ["GPT-NeoX-20B"],
        fb("EleutherAI", TeamKind::Other, Open, 2022)),
    entry!("Pythia", "Pythia", ci: [], cs: ["Pythia"], Sizes, G::None, reject: [], epoch: ["Pythia-*"],
        fb("EleutherAI", TeamKind::Other, Open, 2023)),
    // --- Meta LLaMA family, with version patterns: LLaMA-65b -> LLaMA, Llama-2-7B -> Llama 2.
    entry!("LLaMA", "LLaMA", ci: ["LLaMA", "LLaMA-1", "LLaMA 1", "LLaMA1"], cs: [], Sizes, G::None, reject: [],
        epoch: ["LLaMA-65B", "LLaMA-33B", "LLaMA-13B", "LLaMA-7B", "LLaMA-30B"], fb("Meta", Ind, OpenNc, 2023)),
    entry!("Llama 2", "LLaMA", ci: ["Llama 2", "Llama-2", "Llama2", "Llama v2", "Llama-v2"], cs: [], Sizes,
        G::None, reject: [], epoch: ["Llama 2-70B", "Llama 2-34B", "Llama 2-13B", "Llama 2-7B"],
        fb("Meta", Ind, OpenR, 2023)),
    entry!("Llama 3", "LLaMA", ci: ["Llama 3", "Llama-3", "Llama3", "Llama 3.1", "Llama-3.1", "Llama 3.2",
        "Llama-3.2", "Llama 3.3"], cs: [], Sizes, G::None, reject: [], epoch: ["Llama 3-*", "Llama 3.1-*"],
        fb("Meta", Ind, OpenR, 2024)),
    entry!("Code Llama", "LLaMA", ci: ["Code Llama", "CodeLlama"], cs: [], Sizes, G::None, reject: [],
        epoch: ["Code Llama-*"], fb("Meta", Ind, OpenR, 2023)),
    entry!("Alpaca", "LLaMA", ci: [], cs: ["Alpaca"], Sizes, G::None, reject: [" dataset", " data"],
        epoch: ["Alpaca"], fb("Stanford", Acad, OpenNc, 2023)),
    entry!("Vicuna", "LLaMA", ci: [], cs: ["Vicuna"], Sizes, G::None, reject: [], epoch: ["Vicuna-*"],
        fb("LMSYS", Acad, OpenNc, 2023)),
    // --- Google / DeepMind.
    entry!("BERT", "BERT", ci: [], cs: ["BERT", "BERTs"], Sizes, G::None, reject: ["Score"],
        epoch: ["BERT-Large", "BERT-Base"], fb("Google", Ind, Open, 2018)),
    entry!("ALBERT", "BERT", ci: [], cs: ["ALBERT"], Sizes, G::None, reject: [], epoch: ["ALBERT", "ALBERT-xxlarge"],
        fb("Google", Ind, Open, 2019)),
    entry!("ELECTRA", "BERT", ci: [], cs: ["ELECTRA"], Sizes, G::None, reject: [], epoch: ["ELECTRA"],
        fb("Google, Stanford", Collab, Open, 2020)),
    entry!("T5", "T5", ci: [], cs: ["T5"], Sizes, G::None, reject: [], epoch: ["T5-11B", "T5-3B"],
        fb("Google", Ind, Open, 2019)),
    entry!("Flan-T5", "T5", ci: ["Flan-T5", "Flan T5", "FlanT5"], cs: [], Sizes, G::None, reject: [],
        epoch: ["Flan-T5 11B"], fb("Google", Ind, Open, 2022)),
    entry!("PaLM", "PaLM", ci: [], cs: ["PaLM"], Sizes, G::None, reject: [], epoch: ["PaLM (540B)"],
        fb("Google", Ind, Unreleased_, 2022)),
    entry!("PaLM 2", "PaLM", ci: [], cs: ["PaLM 2", "PaLM-2", "PaLM2"], Sizes, G::None, reject: [],
        epoch: ["PaLM 2"], fb("Google", Ind, Api, 2023)),
    entry!("Flan-PaLM", "PaLM", ci: [], cs: ["Flan-PaLM", "FLAN-PaLM", "Flan PaLM"], Sizes, G::None, reject: [],
        epoch: ["Flan-PaLM 540B"], fb("Google", Ind, Unreleased_, 2022)),
    entry!("Med-PaLM", "PaLM", ci: [], cs: ["Med-PaLM", "MedPaLM", "Med-PaLM 2", "MedPaLM 2"], Sizes, G::None,
        reject: [], epoch: ["Med-PaLM", "Med-PaLM 2"], fb("Google", Ind, Unreleased_, 2022)),
    entry!("LaMDA", "LaMDA", ci: [], cs: ["LaMDA"], Sizes, G::None, reject: [], epoch: ["LaMDA"],
        fb("Google", Ind, Unreleased_, 2021)),
    entry!("Gemini", "Gemini", ci: [], cs: ["Gemini", "Gemini 1.0", "Gemini Pro", "Gemini Ultra", "Gemini Nano"],
        Sizes, G::LanguageModelContext, reject: GEMINI_OTHER_SENSES,
        epoch: ["Gemini 1.0 Ultra", "Gemini 1.0 Pro", "Gemini Ultra", "Gemini Nano-*"],
        fb("Google DeepMind", Ind, Api, 2023)),
    entry!("Gemini 1.5", "Gemini", ci: [], cs: ["Gemini 1.5", "Gemini-1.5"], Sizes, G::LanguageModelContext,
        reject: GEMINI_OTHER_SENSES, epoch: ["Gemini 1.5 Pro", "Gemini 1.5 Flash"], fb("Google DeepMind", Ind, Api, 2024)),
    entry!("Chinchilla", "Chinchilla", ci: [], cs: ["Chinchilla"], Sizes, G::LanguageModelContext, reject: [],
        epoch: ["Chinchilla"], fb("DeepMind", Ind, Unreleased_, 2022)),
    entry!("Gopher", "Gopher", ci: [], cs: ["Gopher"], Sizes, G::LanguageModelContext, reject: [],
        epoch: ["Gopher (280B)", "Gopher"], fb("DeepMind", Ind, Unreleased_, 2021)),
    entry!("Sparrow", "Sparrow", ci: [], cs: ["Sparrow"], Sizes, G::LanguageModelContext, reject: [],
        epoch: ["Sparrow"], fb("DeepMind", Ind, Unreleased_, 2022)),
    entry!("Imagen", "Imagen", ci: [], cs: ["Imagen"], Sizes, G::None, reject: [], epoch: ["Imagen"],
        fb("Google", Ind, Unreleased_, 2022)),
    entry!("ViT", "ViT", ci: [], cs: ["ViT", "ViTs", "Vision Transformer", "Vision Transformers"], Sizes, G::None,
        reject: [], epoch: ["ViT-Huge/14", "ViT-G/14", "ViT-Base/32", "ViT-22B"], fb("Google", Ind, Open, 2020)),
    entry!("MobileNet", "MobileNet", ci: ["MobileNet", "MobileNets"], cs: [], Num, G::None, reject: [],
        epoch: ["MobileNet", "MobileNetV2"], fb("Google", Ind, Open, 2017)),
    entry!("EfficientNet", "EfficientNet", ci: ["EfficientNet", "EfficientNets"], cs: [], Num, G::None,
        reject: [], epoch: ["EfficientNet-B1", "EfficientNetV2-XL"], fb("Google", Ind, Open, 2019)),
    entry!("Inception", "Inception", ci: ["GoogLeNet", "Inception-ResNet"], cs: ["Inception"], Num,
        G::ArchitectureWord, reject: [],
        epoch: ["GoogLeNet / InceptionV1", "Inception v3", "Inceptionv4", "Inception-ResNet-V2"],
        fb("Google", Ind, Open, 2014)),
    entry!("word2vec", "word2vec", ci: ["word2vec"], cs: [], Sizes, G::None, reject: [],
        epoch: ["Word2Vec (large)", "Word2Vec (small)"], fb("Google", Ind, Open, 2013)),
    entry!("AlphaGo", "AlphaGo", ci: ["AlphaGo", "AlphaGo Zero"], cs: [], Sizes, G::None, reject: [],
        epoch: ["AlphaGo Lee", "AlphaGo Fan", "AlphaGo Master", "AlphaGo Zero"], fb("DeepMind", Ind, Unreleased_, 2016)),
    entry!("AlphaFold", "AlphaFold", ci: ["AlphaFold", "AlphaFold2", "AlphaFold 2"], cs: [], Sizes, G::None,
        reject: [], epoch: ["AlphaFold", "AlphaFold 2", "AlphaFold2"], fb("DeepMind", Ind, Open, 2020)),
    // --- Meta / Facebook.
    entry!("RoBERTa", "BERT", ci: ["RoBERTa"], cs: [], Sizes, G::None, reject: [], epoch: ["RoBERTa Large", "RoBERTa Base"],
        fb("Meta", Collab, Open, 2019)),
    entry!("XLM-RoBERTa", "BERT", ci: ["XLM-RoBERTa", "XLM-R", "XLMR"], cs: [], Sizes, G::None, reject: [],
        epoch: ["XLM-RoBERTa", "XLMR-XXL"], fb("Meta", Ind, Open, 2019)),
    entry!("BART", "BART", ci: [], cs: ["BART"], Sizes, G::None, reject: [], epoch: ["BART"], fb("Meta", Ind, Open, 2019)),
    entry!("OPT", "OPT", ci: [], cs: ["OPT", "OPT-IML"], Sizes, G::ArchitectureWord, reject: [], epoch: ["OPT-175B", "OPT-66B"],
        fb("Meta", Ind, OpenNc, 2022)),
    entry!("DINO", "DINO", ci: [], cs: ["DINO"], Sizes, G::NotDetr, reject: [], epoch: ["ViT + DINO"],
        fb("Meta, Inria", Collab, Open, 2021)),
    entry!("DINOv2", "DINO", ci: ["DINOv2", "DINO v2", "DINO-v2"], cs: [], Sizes, G::None, reject: [],
        epoch: ["DINOv2"], fb("Meta", Ind, Open, 2023)),
    entry!("Segment Anything", "SAM", ci: ["Segment Anything", "Segment-Anything"], cs: [], Sizes, G::None,
        reject: [], epoch: ["Segment Anything Model"], fb("Meta", Ind, Open, 2023)),
    entry!("wav2vec 2.0", "wav2vec", ci: ["wav2vec", "wav2vec 2.0", "wav2vec2", "wav2vec2.0"], cs: [], Sizes,
        G::None, reject: [], epoch: ["Wav2vec 2.0*", "wav2vec 2.0*"], fb("Meta", Ind, Open, 2020)),
    entry!("HuBERT", "wav2vec", ci: [], cs: ["HuBERT"], Sizes, G::None, reject: [], epoch: ["HuBERT"],
        fb("Meta", Ind, Open, 2021)),
    // --- Microsoft.
    entry!("ResNet", "ResNet", ci: ["ResNet", "ResNets", "Residual Network"], cs: [], Num, G::None, reject: [],
        epoch: ["ResNet-152 (ImageNet)", "ResNet-101 (ImageNet)", "ResNet-110 (CIFAR-10)", "ResNet-200", "ResNet-1001"],
        fb("Microsoft", Ind, Open, 2015)),
    entry!("DeBERTa", "BERT", ci: ["DeBERTa", "DeBERTaV3", "DeBERTa-v3"], cs: [], Sizes, G::None, reject: [],
        epoch: ["DeBERTa", "DeBERTaV3large"], fb("Microsoft", Ind, Open, 2020)),
    // --- OpenAI vision, speech, image.
    entry!("CLIP", "CLIP", ci: ["OpenCLIP"], cs: ["CLIP"], Sizes, G::None, reject: [],
        epoch: ["CLIP (ViT L/14@336px)", "CLIP (ResNet-50)"], fb("OpenAI", Ind, Open, 2021)),
    entry!("DALL-E", "DALL-E", ci: ["DALL-E", "DALL·E", "DALLE", "DALL E", "DALL-E 1"], cs: [], Sizes, G::None,
        reject: [], epoch: ["DALL-E"], fb("OpenAI", Ind, Unreleased_, 2021)),
    entry!("DALL-E 2", "DALL-E", ci: ["DALL-E 2", "DALL·E 2", "DALLE 2", "DALLE-2", "DALL-E-2", "DALLE2", "DALLE-v2",
        "DALL-E v2", "DALL·E2"], cs: [], Sizes, G::None, reject: [], epoch: ["DALL·E 2", "DALL-E 2"],
        fb("OpenAI", Ind, Api, 2022)),
    entry!("DALL-E 3", "DALL-E", ci: ["DALL-E 3", "DALL·E 3", "DALLE 3", "DALLE-3", "DALLE3"], cs: [], Sizes, G::None,
        reject: [], epoch: ["DALL·E 3", "DALL-E 3"], fb("OpenAI", Ind, Api, 2023)),
    entry!("Whisper", "Whisper", ci: [], cs: ["Whisper"], Sizes, G::SpeechContext, reject: [],
        epoch: ["Whisper", "Whisper v2", "Whisper v3"], fb("OpenAI", Ind, Open, 2022)),
    // --- Anthropic.
    entry!("Claude", "Claude", ci: [], cs: ["Claude", "Claude 1", "Claude v1", "Claude-v1", "Claude-1",
        "Claude Instant"], Sizes, G::LanguageModelContext, reject: [],
        epoch: ["Claude", "Claude 1.3", "Claude Instant"], fb("Anthropic", Ind, Api, 2023)),
    entry!("Claude 2", "Claude", ci: [], cs: ["Claude 2", "Claude-2", "Claude v2", "Claude 2.0", "Claude 2.1"],
        Sizes, G::LanguageModelContext, reject: [], epoch: ["Claude 2", "Claude 2.1"], fb("Anthropic", Ind, Api, 2023)),
    entry!("Claude 3", "Claude", ci: [], cs: ["Claude 3", "Claude-3", "Claude 3 Opus", "Claude 3 Sonnet",
        "Claude 3 Haiku"], Sizes, G::LanguageModelContext, reject: [],
        epoch: ["Claude 3 Opus", "Claude 3 Sonnet", "Claude 3 Haiku"], fb("Anthropic", Ind, Api, 2024)),
    // --- Others.
    entry!("Mistral 7B", "Mistral", ci: ["Mistral-7B", "Mistral 7B"], cs: ["Mistral"], Sizes,
        G::LanguageModelContext, reject: [], epoch: ["Mistral 7B"], fb("Mistral AI", Ind, Open, 2023)),
    entry!("Mixtral", "Mistral", ci: ["Mixtral", "Mixtral-8x7B", "Mixtral 8x7B"], cs: [], Sizes, G::None, reject: [],
        epoch: ["Mixtral 8x7B"], fb("Mistral AI", Ind, Open, 2023)),
    entry!("Qwen", "Qwen", ci: ["Qwen", "Qwen-7B", "Qwen-14B", "Qwen-72B"], cs: [], Sizes, G::None, reject: [],
        epoch: ["Qwen-7B", "Qwen-14B", "Qwen-72B"], fb("Alibaba", Ind, OpenR, 2023)),
    entry!("Qwen2", "Qwen", ci: ["Qwen2", "Qwen-2", "Qwen 2", "Qwen2.5", "Qwen-2.5", "Qwen 2.5"], cs: [], Sizes,
        G::None, reject: [], epoch: ["Qwen2-72B", "Qwen2-7B"], fb("Alibaba", Ind, Open, 2024)),
    entry!("BLOOM", "BLOOM", ci: ["BLOOMZ"], cs: ["BLOOM"], Sizes, G::None, reject: [],
        epoch: ["BLOOM-176B", "BLOOMZ-176B"], fb("BigScience", TeamKind::Other, OpenR, 2022)),
    entry!("Falcon", "Falcon", ci: ["Falcon-40B", "Falcon-7B", "Falcon-180B"], cs: ["Falcon"], Sizes,
        G::LanguageModelContext, reject: [], epoch: ["Falcon-40B", "Falcon-7B", "Falcon-180B"],
        fb("Technology Innovation Institute", TeamKind::Other, Open, 2023)),
    entry!("Dolly", "Dolly", ci: [], cs: ["Dolly"], Sizes, G::LanguageModelContext, reject: [],
        epoch: ["Dolly 2.0-12b"], fb("Databricks", Ind, Open, 2023)),
    entry!("Palmyra", "Palmyra", ci: [], cs: ["Palmyra"], Sizes, G::None, reject: [], epoch: ["Palmyra Large 20B",
        "Palmyra Large (20B)"], fb("Writer", Ind, Open, 2023)),
    entry!("Stable Diffusion", "Stable Diffusion", ci: ["Stable Diffusion", "StableDiffusion", "SDXL"], cs: [],
        Sizes, G::None, reject: [],
        epoch: ["Stable Diffusion (LDM-KL-8-G)", "Stable Diffusion XL", "Stable Diffusion XL (SDXL)"],
        fb("Stability AI, LMU Munich, Runway", Collab, Open, 2022)),
    entry!("Midjourney", "Midjourney", ci: ["Midjourney", "MidJourney"], cs: [], Sizes, G::None, reject: [],
        epoch: ["Midjourney V1"], fb("Midjourney", Ind, Hosted_, 2022)),
    entry!("BLIP", "BLIP", ci: [], cs: ["BLIP"], Sizes, G::None, reject: [], epoch: [],
        fb("Salesforce", Ind, Open, 2022)),
    entry!("BLIP-2", "BLIP", ci: [], cs: ["BLIP-2", "BLIP2", "InstructBLIP"], Sizes, G::None, reject: [],
        epoch: ["BLIP-2 (Q-Former)", "InstructBLIP"], fb("Salesforce", Ind, Open, 2023)),
    entry!("LLaVA", "LLaVA", ci: ["LLaVA", "LLaVA-1.5", "LLaVA 1.5"], cs: [], Sizes, G::None, reject: [],
        epoch: ["LLaVA", "LLaVA 1.5"], fb("University of Wisconsin-Madison, Microsoft", Collab, Open, 2023)),
    entry!("StyleGAN", "StyleGAN", ci: ["StyleGAN", "StyleGANs"], cs: [], Sizes, G::None, reject: [],
        epoch: ["StyleGAN"], fb("NVIDIA", Ind, OpenNc, 2018)),
    entry!("StyleGAN2", "StyleGAN", ci: ["StyleGAN2", "StyleGAN-2", "StyleGAN2-ADA"], cs: [], Sizes, G::None,
        reject: [], epoch: ["StyleGAN2"], fb("NVIDIA", Ind, OpenNc, 2019)),
    entry!("StyleGAN3", "StyleGAN", ci: ["StyleGAN3", "StyleGAN-3"], cs: [], Sizes, G::None, reject: [],
        epoch: ["StyleGAN3-R", "StyleGAN3-T"], fb("NVIDIA", Ind, OpenNc, 2021)),
    // --- Academic classics.
    entry!("AlexNet", "AlexNet", ci: ["AlexNet"], cs: [], Sizes, G::None, reject: [], epoch: ["AlexNet"],
        fb("University of Toronto", Acad, Open, 2012)),
    entry!("VGG", "VGG", ci: ["VGGNet"], cs: ["VGG"], Num, G::None,
        reject: ["-Sound", "Sound", "Face", "-Face", " Face", "-Sound"], epoch: ["VGG16", "VGG19"],
        fb("University of Oxford", Acad, Open, 2014)),
    entry!("DenseNet", "DenseNet", ci: ["DenseNet", "DenseNets"], cs: [], Num, G::None, reject: [],
        epoch: ["DenseNet-264"], fb("Cornell, Tsinghua, Facebook", Collab, Open, 2016)),
    entry!("U-Net", "U-Net", ci: ["U-Net", "UNet"], cs: [], Sizes, G::None, reject: [], epoch: ["U-Net"],
        fb("University of Freiburg", Acad, Open, 2015)),
    entry!("YOLO", "YOLO", ci: [], cs: ["YOLO"], Num, G::None, reject: [],
        epoch: ["YOLO", "YOLOv2", "YOLOv3"], fb("University of Washington", Collab, Open, 2015)),
    entry!("GloVe", "GloVe", ci: [], cs: ["GloVe"], Sizes, G::None, reject: [], epoch: ["GloVe (6B)", "GloVe (32B)"],
        fb("Stanford", Acad, Open, 2014)),
    entry!("ELMo", "ELMo", ci: [], cs: ["ELMo"], Sizes, G::None, reject: [], epoch: ["ELMo"],
        fb("Allen Institute for AI, University of Washington", TeamKind::Other, Open, 2018)),
    entry!("XLNet", "XLNet", ci: ["XLNet"], cs: [], Sizes, G::None, reject: [], epoch: ["XLNet"],
        fb("Carnegie Mellon, Google", Collab, Open, 2019)),
];

// Short names for the two accessibilities used only in fallbacks (keeps the table lines short).
#[allow(non_upper_case_globals)]
const Unreleased_: Accessibility = Accessibility::Unreleased;
#[allow(non_upper_case_globals)]
const Hosted_: Accessibility = Accessibility::Hosted;

/// The entry of a canonical name.
pub fn entry_of(canonical: &str) -> Option<&'static AliasEntry> {
    ALIASES.iter().find(|e| e.canonical == canonical)
}

/// Whether an Epoch model name belongs to an entry (trimmed, case-insensitive; `*` suffix = prefix).
pub fn epoch_name_matches(entry: &AliasEntry, epoch_name: &str) -> bool {
    let name = normalise_epoch_name(epoch_name);
    entry.epoch_names.iter().any(|p| {
        let p = p.to_lowercase();
        match p.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == p,
        }
    })
}

/// Lower case, trimmed, inner whitespace collapsed: the key on which vintages are deduplicated.
pub fn normalise_epoch_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn canonical_names_are_unique_and_forms_nonempty() {
        let mut seen = BTreeSet::new();
        for e in ALIASES {
            assert!(seen.insert(e.canonical), "duplicate canonical {}", e.canonical);
            assert!(!e.forms_ci.is_empty() || !e.forms_cs.is_empty(), "{} has no form", e.canonical);
        }
    }

    #[test]
    fn epoch_names_match_with_prefix_and_case() {
        let llama = entry_of("Llama 2").unwrap();
        assert!(epoch_name_matches(llama, " Llama 2-7B "));
        assert!(!epoch_name_matches(llama, "LLaMA-7B"));
        let pythia = entry_of("Pythia").unwrap();
        assert!(epoch_name_matches(pythia, "Pythia-12b"));
        assert!(!epoch_name_matches(pythia, "DPO on Pythia-2.8B"));
    }
}
