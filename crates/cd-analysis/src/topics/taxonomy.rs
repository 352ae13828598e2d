//! The versioned taxonomy of ML research topics (v1): the topics, their phrase rules, and the mapping from
//! OpenAlex topics, subfields and fields.
//!
//! This module is data plus the smallest helpers around it (topic ids, a compact topic set). The matching
//! itself lives in `assignment`. Any change to a topic, a phrase or the OpenAlex table is a change of the
//! taxonomy: bump [`TAXONOMY_VERSION`] and record it in `docs/topics.md`, because shares by topic are only
//! comparable within one version.
//!
//! Phrase syntax: a phrase is matched ASCII-case-insensitively and must sit on word boundaries (the byte
//! before and after is not a letter or digit). A trailing `*` drops the boundary check at the end, so
//! `robot*` matches `robot`, `robots`, `robotic` and `robotics`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Version of the taxonomy (topics, phrase rules, OpenAlex table). Printed with every topic result.
pub const TAXONOMY_VERSION: &str = "v2";

/// The number of topics of the taxonomy: every per-topic array is this long, so a new topic that is not
/// added everywhere fails to compile.
pub const N_TOPICS: usize = 18;

/// One research topic of the taxonomy (v2: the twelve topics of v1 and four finer ones, which a paper
/// holds beside its broader topic: object detection is also computer vision).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Natural language processing, language models and foundation models.
    LanguageModels,
    /// Self-supervised, contrastive and unsupervised representation learning; pre-training.
    SelfSupervised,
    /// Computer vision: recognition, detection, segmentation, 3D, video understanding.
    Vision,
    /// Image and video generation: GANs, diffusion, text-to-image, neural rendering.
    ImageVideoGeneration,
    /// Speech and audio.
    SpeechAudio,
    /// Reinforcement learning, bandits, imitation learning and game playing.
    RlGames,
    /// Robotics and autonomous driving.
    Robotics,
    /// Learning on graphs: graph neural networks, knowledge graphs, network models.
    GraphLearning,
    /// Optimisation and learning theory.
    OptimisationTheory,
    /// Probabilistic and Bayesian methods.
    ProbabilisticBayesian,
    /// Fairness, privacy, interpretability, robustness to attacks, safety and AI ethics.
    ResponsibleAi,
    /// Applications in the sciences and health (biology, medicine, neuroscience, physics, earth science).
    ScienceHealth,
    /// v2. Object detection and segmentation: localising objects or regions in images, video or 3D data.
    DetectionSegmentation,
    /// v2. Vision-language and multimodal models: captioning, visual question answering, grounding,
    /// text-image retrieval and generation, multimodal language models, audio-visual models.
    VisionLanguage,
    /// v2. Code and program synthesis: generating, completing, repairing or searching code; program
    /// synthesis and induction; text-to-SQL.
    CodeGeneration,
    /// v2. Handwriting, character and document recognition: OCR, scene text, document images.
    TextRecognition,
    /// v2. Image classification and recognition: image, object, scene, face and action categories.
    ImageClassification,
    /// v2. Speech recognition: transcribing or understanding spoken language (ASR, keyword spotting,
    /// speech translation, spoken language understanding).
    SpeechRecognition,
}

impl Topic {
    pub const ALL: [Topic; N_TOPICS] = [
        Topic::LanguageModels,
        Topic::SelfSupervised,
        Topic::Vision,
        Topic::ImageVideoGeneration,
        Topic::SpeechAudio,
        Topic::RlGames,
        Topic::Robotics,
        Topic::GraphLearning,
        Topic::OptimisationTheory,
        Topic::ProbabilisticBayesian,
        Topic::ResponsibleAi,
        Topic::ScienceHealth,
        Topic::DetectionSegmentation,
        Topic::VisionLanguage,
        Topic::CodeGeneration,
        Topic::TextRecognition,
        Topic::ImageClassification,
        Topic::SpeechRecognition,
    ];

    /// Stable identifier used in CSV, JSON and the check set.
    pub fn id(self) -> &'static str {
        match self {
            Topic::LanguageModels => "language_models",
            Topic::SelfSupervised => "self_supervised",
            Topic::Vision => "vision",
            Topic::ImageVideoGeneration => "image_video_generation",
            Topic::SpeechAudio => "speech_audio",
            Topic::RlGames => "rl_games",
            Topic::Robotics => "robotics",
            Topic::GraphLearning => "graph_learning",
            Topic::OptimisationTheory => "optimisation_theory",
            Topic::ProbabilisticBayesian => "probabilistic_bayesian",
            Topic::ResponsibleAi => "responsible_ai",
            Topic::ScienceHealth => "science_health",
            Topic::DetectionSegmentation => "detection_segmentation",
            Topic::VisionLanguage => "vision_language",
            Topic::CodeGeneration => "code_generation",
            Topic::TextRecognition => "text_recognition",
            Topic::ImageClassification => "image_classification",
            Topic::SpeechRecognition => "speech_recognition",
        }
    }

    /// Human-readable name for tables and figures.
    pub fn label(self) -> &'static str {
        match self {
            Topic::LanguageModels => "Language and foundation models",
            Topic::SelfSupervised => "Self-supervised pre-training",
            Topic::Vision => "Computer vision",
            Topic::ImageVideoGeneration => "Image and video generation",
            Topic::SpeechAudio => "Speech and audio",
            Topic::RlGames => "Reinforcement learning and games",
            Topic::Robotics => "Robotics",
            Topic::GraphLearning => "Graph learning",
            Topic::OptimisationTheory => "Optimisation and learning theory",
            Topic::ProbabilisticBayesian => "Probabilistic and Bayesian methods",
            Topic::ResponsibleAi => "Fairness, privacy, interpretability, safety",
            Topic::ScienceHealth => "Science and health applications",
            Topic::DetectionSegmentation => "Object detection and segmentation",
            Topic::VisionLanguage => "Vision-language and multimodal models",
            Topic::CodeGeneration => "Code and program synthesis",
            Topic::TextRecognition => "Handwriting, character and document recognition",
            Topic::ImageClassification => "Image classification and recognition",
            Topic::SpeechRecognition => "Speech recognition",
        }
    }

    /// Parse an id (as written by [`Topic::id`]); case and surrounding space are ignored.
    pub fn parse(text: &str) -> Option<Topic> {
        let t = text.trim().to_ascii_lowercase();
        Topic::ALL.into_iter().find(|topic| topic.id() == t)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The phrase rules of this topic (see the module docs for the syntax).
    pub fn phrases(self) -> &'static [&'static str] {
        PHRASES[self.index()]
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A set of topics (multi-label), stored as a bit set. Iterates in the order of [`Topic::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicSet(u32);

impl TopicSet {
    pub fn empty() -> TopicSet {
        TopicSet(0)
    }

    pub fn insert(&mut self, topic: Topic) {
        self.0 |= 1 << topic.index();
    }

    pub fn contains(&self, topic: Topic) -> bool {
        self.0 & (1 << topic.index()) != 0
    }

    pub fn union(self, other: TopicSet) -> TopicSet {
        TopicSet(self.0 | other.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn iter(&self) -> impl Iterator<Item = Topic> + '_ {
        Topic::ALL.into_iter().filter(|t| self.contains(*t))
    }

    /// `;`-separated ids, empty for the empty set (the check-set and CSV form).
    pub fn to_ids(&self) -> String {
        self.iter().map(Topic::id).collect::<Vec<_>>().join(";")
    }

    /// Parse `;`- or `,`-separated ids; an unknown id is an error naming it.
    pub fn parse_ids(text: &str) -> Result<TopicSet, String> {
        let mut set = TopicSet::empty();
        for part in text.split([';', ',']).map(str::trim).filter(|p| !p.is_empty()) {
            let topic = Topic::parse(part).ok_or_else(|| {
                format!(
                    "unknown topic {part:?}; expected one of {}",
                    Topic::ALL.iter().map(|t| t.id()).collect::<Vec<_>>().join(", ")
                )
            })?;
            set.insert(topic);
        }
        Ok(set)
    }
}

impl FromIterator<Topic> for TopicSet {
    fn from_iter<I: IntoIterator<Item = Topic>>(iter: I) -> Self {
        let mut s = TopicSet::empty();
        for t in iter {
            s.insert(t);
        }
        s
    }
}

impl Serialize for TopicSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Topic::id))
    }
}

/// Phrase rules, indexed like [`Topic::ALL`]. Kept in one table so that the taxonomy reads as one document.
const PHRASES: [&[&str]; N_TOPICS] = [
    // language_models
    &[
        "language model*",
        "language",
        "languages",
        "text",
        "texts",
        "textual",
        "sentence*",
        "llm",
        "llms",
        "natural language",
        "nlp",
        "machine translation",
        "neural machine translation",
        "translation model*",
        "question answering",
        "reading comprehension",
        "text classification",
        "text generation",
        "text summari*",
        "summarization",
        "summarisation",
        "sentiment",
        "dialogue",
        "dialog",
        "chatbot*",
        "named entity",
        "entity recognition",
        "relation extraction",
        "information extraction",
        "word embedding*",
        "word vector*",
        "word2vec",
        "bilingual",
        "word representation*",
        "bert",
        "gpt",
        "gpt-2",
        "gpt-3",
        "gpt-4",
        "chatgpt",
        "transformer language",
        "foundation model*",
        "in-context learning",
        "prompt tuning",
        "prompting",
        "instruction tuning",
        "chain-of-thought",
        "seq2seq",
        "sequence-to-sequence",
        "textual entailment",
        "text entailment",
        "natural language inference",
        "language understanding",
        "language generation",
        "fake news",
        "hate speech",
        "toxic language",
        "corpus",
        "corpora",
        "linguistic",
        "syntactic",
        "semantic parsing",
        "dependency parsing",
        "topic model*",
        "code generation",
        "programming language model*",
    ],
    // self_supervised
    &[
        "self-supervised",
        "self supervised",
        "selfsupervised",
        "self-supervision",
        "contrastive learning",
        "contrastive",
        "representation learning",
        "unsupervised representation*",
        "pre-training",
        "pretraining",
        "masked autoencoder*",
        "autoencoder*",
        "disentangl*",
        "masked language model*",
        "simclr",
        "byol",
        "moco",
    ],
    // vision
    &[
        "computer vision",
        "image*",
        "visual*",
        "vision",
        "video*",
        "object detection",
        "object detector*",
        "object recognition",
        "segmentation",
        "pixel*",
        "camera*",
        "3d",
        "point cloud*",
        "optical flow",
        "stereo",
        "action localization",
        "objects",
        "face recognition",
        "facial",
        "re-identification",
        "pose estimation",
        "scene*",
        "cifar*",
        "mnist",
        "action recognition",
        "captioning",
        "depth estimation",
        "surface reconstruction",
        "hyperspectral",
        "convolutional neural network*",
        "vision transformer*",
        "vit",
        "vits",
        "imagery",
    ],
    // image_video_generation
    &[
        "image generation",
        "image synthesis",
        "video generation",
        "video synthesis",
        "text-to-image",
        "text to image",
        "text-to-video",
        "diffusion model*",
        "denoising diffusion",
        "score-based generative",
        "generative adversarial network*",
        "gan",
        "gans",
        "image-to-image",
        "image translation",
        "style transfer",
        "inpainting",
        "view synthesis",
        "neural rendering",
        "image editing",
        "image manipulation",
        "stable diffusion",
        "dall-e",
        "midjourney",
        "generated images",
    ],
    // speech_audio
    &[
        "speech",
        "speaker*",
        "audio",
        "acoustic*",
        "spoken",
        "asr",
        "voice",
        "music*",
        "sound*",
        "text-to-speech",
        "tts",
        "phoneme*",
    ],
    // rl_games
    &[
        "reinforcement learning",
        "reinforcement-learning",
        "reinforced",
        "deep rl",
        "rl",
        "policy gradient*",
        "policy optimi*",
        "policy search",
        "policy iteration",
        "policy update*",
        "on-policy",
        "off-policy",
        "actor-critic",
        "q-learning",
        "markov decision process*",
        "mdp",
        "mdps",
        "pomdp*",
        "imitation learning",
        "inverse reinforcement",
        "reward*",
        "bandit*",
        "multi-armed",
        "thompson sampling",
        "counterfactual regret",
        "extensive form games",
        "extensive-form games",
        "imperfect information games",
        "atari",
        "chess",
        "poker",
        "starcraft",
        "dota",
        "video game*",
        "board game*",
        "self-play",
        "zero-sum",
        "tree search",
        "policy improvement",
        "td learning",
        "temporal difference",
        "continuous control",
        "action space*",
        "model-based reinforcement",
    ],
    // robotics
    &[
        "robot*",
        "robotic manipulation",
        "grasp*",
        "locomotion",
        "autonomous driving",
        "self-driving",
        "autonomous vehicle*",
        "vehicle*",
        "trajectory prediction",
        "legged",
        "quadruped*",
        "sim-to-real",
        "embodied",
        "manipulator*",
        // v1.1 (from the Paper Copilot check set's misses)
        "humanoid*",
        "exoskeleton*",
        "gait",
        "gaits",
        "slam",
        "localization and mapping",
        "motion planning",
        "trajectory planning",
        "path planning",
        "kinematic*",
        "rover*",
        "quadrotor*",
        "uav",
        "uavs",
        "drone*",
        "dexterous",
        "teleoperation",
        "end-effector",
    ],
    // graph_learning
    &[
        "graph",
        "graphs",
        "graph neural network*",
        "gnn",
        "gnns",
        "graph convolution*",
        "gcn",
        "graph embedding*",
        "knowledge graph*",
        "node classification",
        "link prediction",
        "hypergraph*",
        "spectral clustering",
        "spectral partitioning",
        "community detection",
        "communities",
        "social network*",
        "graph isomorphism",
        "message passing",
        "weisfeiler*",
    ],
    // optimisation_theory
    &[
        "optimization",
        "optimisation",
        "optimizer*",
        "convex",
        "non-convex",
        "nonconvex",
        "gradient descent",
        "stochastic gradient",
        "sgd",
        "convergence",
        "convergent",
        "regret bound*",
        "generalization bound*",
        "generalisation bound*",
        "pac-bayes*",
        "pac-bayesian",
        "pac learning",
        "sample complexity",
        "minimax",
        "minimax-optimal",
        "lasso",
        "sparsity",
        "sparse pca",
        "sparse regression",
        "sparse linear",
        "sparse coding",
        "sparse recovery",
        "compressed sensing",
        "submodular",
        "approximation bound*",
        "polynomial time",
        "momentum",
        "low-rank",
        "fixed-rank",
        "proximal",
        "acceleration",
        "accelerated",
        "expressive power",
        "approximation capabilities",
        "universal approximation",
        "implicit bias",
        "implicit regularization",
        "overparameteriz*",
        "overparameteris*",
        "risk minimization",
        "stochastic approximation",
        "boosting",
        "majority vote*",
        "quadratic",
        "linear systems",
        "we prove",
        "lower bound*",
        "upper bound*",
        "regularization",
        "learning theory",
        "regret*",
        "local minima",
        "matrix completion",
        "minimization",
        "minimisation",
        "generalization",
        "generalisation",
        "algorithmic stability",
        "coreset*",
        "stepsize",
        "step-size",
        "heavy-tailed",
        "exact recovery",
        "statistical learning",
        "provable",
        "provably",
        "online learning",
        "inductive bias",
        "consistency of",
        "nonsmooth",
        "non-smooth",
        "good-turing",
        "distribution estimation",
    ],
    // probabilistic_bayesian
    &[
        "bayesian",
        "bayes",
        "variational",
        "monte carlo",
        "mcmc",
        "gaussian process*",
        "posterior*",
        "probabilistic",
        "graphical model*",
        "latent variable*",
        "expectation maximization",
        "expectation-maximization",
        "exponential family",
        "inference algorithm*",
        "probabilistic inference",
        "mixture model*",
        "mixtures",
        "hidden markov",
        "indian buffet",
        "dirichlet process*",
        "density estimation",
        "nonparametric",
        "non-parametric",
        "gaussians",
        "poisson",
        "dirichlet",
        "stochastic neural network*",
        "normalizing flow*",
        "normalising flow*",
        "boltzmann machine*",
        "particle filter*",
        "rao-blackwell*",
        "inverse covariance",
        "covariance estimation",
        "exchangeable",
        "probability spaces",
    ],
    // responsible_ai
    &[
        "fairness",
        "fair",
        "unfair*",
        "debias*",
        "bias mitigation",
        "algorithmic bias",
        "social bias*",
        "gender bias",
        "racial",
        "discrimination",
        "discriminatory",
        "attribution",
        "demographic*",
        "privacy",
        "private",
        "privacy-preserving",
        "differential privacy",
        "differentially private",
        "membership inference",
        "interpretab*",
        "interpreting",
        "explainab*",
        "explanation*",
        "explainable",
        "xai",
        "saliency",
        "transparency",
        "accountability",
        "audit*",
        "adversarial attack*",
        "adversarial example*",
        "adversarial image*",
        "adversarial robustness",
        "adversarial training",
        "adversarial perturbation*",
        "adversarially",
        "attacks",
        "attack",
        "backdoor*",
        "poisoning",
        "ai safety",
        "safety",
        "deception",
        "ethic*",
        "stereotype*",
        "harm",
        "harms",
        "harmful",
        "responsible ai",
        "trustworthy",
        "gdpr",
        "data protection",
        "homomorphic*",
        "encrypted",
        "certified",
        "fate",
        "black box",
        "black-box",
        "shapley",
        "unlearn*",
        "out-of-distribution detection",
        "ood detection",
        "misclassification",
        "concept-based",
        "reverse engineering",
        "responsible development",
    ],
    // science_health
    &[
        "medical",
        "medicine",
        "clinical",
        "clinician*",
        "health*",
        "mhealth",
        "patient*",
        "disease*",
        "biology",
        "biological",
        "protein*",
        "molecul*",
        "drug*",
        "chemistry",
        "chemical",
        "physics",
        "materials science",
        "climate",
        "weather",
        "neuroscience",
        "neural population*",
        "brain",
        "fmri",
        "eeg",
        "cognitive",
        "cognition",
        "synaptic",
        "hebbian",
        "dendrit*",
        "spike",
        "spikes",
        "spiking",
        "neural encoding",
        "neural coding",
        "neurophysiolog*",
        "neurons",
        "cortex",
        "cortical",
        "bci",
        "brain-computer",
        "genomic*",
        "genome*",
        "cancer",
        "electronic health",
        "pde",
        "pdes",
        "partial differential equation*",
        "land cover",
        "remote sensing",
        "satellite",
        "astronomy",
        "astrophysics",
        "ecology",
        "wildlife",
        "epidemiolog*",
        "covid*",
        "radiology",
        "mri",
        "dna",
        "rna",
        "survival analysis",
        "seismic",
        "psychotherapy",
        "animal behavio*",
        "blood vessel*",
        "vessel segmentation",
    ],
    // detection_segmentation (v2)
    &[
        "object detection",
        "object detector*",
        "3d detection",
        "detection transformer*",
        "detr",
        "yolo*",
        "r-cnn",
        "bounding box*",
        "region proposal*",
        "object proposal*",
        "object localization",
        "object localisation",
        "pedestrian detection",
        "face detection",
        "vehicle detection",
        "lane detection",
        "salient object*",
        "semantic segmentation",
        "instance segmentation",
        "panoptic segmentation",
        "image segmentation",
        "video segmentation",
        "object segmentation",
        "scene segmentation",
        "point cloud segmentation",
        "part segmentation",
        "scene parsing",
        "object tracking",
        "multi-object tracking",
        "segment anything",
        "vessel segmentation",
        "lesion segmentation",
        "tumor segmentation",
        "tumour segmentation",
        "organ segmentation",
        "cell segmentation",
        "3d semantic*",
        "semantic occupancy",
        "occupancy prediction",
        "multi-target tracking",
        "vehicle tracking",
        "pedestrian tracking",
        "3d perception",
        "bev perception",
    ],
    // vision_language (v2)
    &[
        "vision-language",
        "vision language",
        "visual-language",
        "visual language model*",
        "vision-and-language",
        "vision and language",
        "language and vision",
        "image caption*",
        "video caption*",
        "captioning",
        "dense caption*",
        "visual question*",
        "vqa",
        "video question answering",
        "visual grounding",
        "referring expression*",
        "image-text",
        "text-image",
        "image-sentence",
        "text-to-image",
        "text to image",
        "text-to-video",
        "text-video",
        "video-text",
        "cross-modal",
        "crossmodal",
        "multimodal",
        "multi-modal",
        "mllm*",
        "lvlm*",
        "vlm",
        "vlms",
        "clip",
        "visual dialog*",
        "audio-visual",
        "audiovisual",
        "visually grounded",
        "visual instruction",
        "visual storytelling",
        "describing images",
        "image description*",
        "open-vocabulary",
        "open vocabulary",
        "text-driven",
        "text-guided",
        "language-guided",
        "audio and video",
        "report generation",
    ],
    // code_generation (v2)
    &[
        "code generation",
        "program synthesis",
        "program induction",
        "program generation",
        "synthesizing programs",
        "synthesising programs",
        "neural program*",
        "programming by example*",
        "code completion",
        "code search",
        "code summari*",
        "code translation",
        "code repair",
        "program repair",
        "source code",
        "code llm*",
        "code language model*",
        "large language models for code",
        "code models",
        "code model",
        "codex",
        "text-to-sql",
        "nl2sql",
        "sql queries",
        "sql query",
        "competitive programming",
        "software engineering",
        "programming tasks",
        "coding tasks",
        "programming language model*",
        "pre-trained programming language*",
        "bug localization",
        "bug localisation",
        "codebase*",
    ],
    // text_recognition (v2)
    &[
        "handwrit*",
        "ocr",
        "optical character recognition",
        "character recognition",
        "text recognition",
        "scene text",
        "text detection",
        "text spotting",
        "word spotting",
        "document image*",
        "document layout",
        "layout analysis",
        "digit recognition",
        "license plate*",
        "formula recognition",
    ],
    // image_classification (v2)
    &[
        "image classification",
        "image classifier*",
        "image recognition",
        "image categori*",
        "object recognition",
        "visual recognition",
        "visual categori*",
        "scene recognition",
        "scene classification",
        "fine-grained recognition",
        "fine-grained classification",
        "fine-grained visual*",
        "fine-grained image*",
        "face recognition",
        "face verification",
        "face identification",
        "facial recognition",
        "facial expression recognition",
        "person re-identification",
        "re-identification",
        "reid",
        "re-id",
        "action recognition",
        "activity recognition",
        "gesture recognition",
        "video classification",
        "video recognition",
        "texture classification",
        "zero-shot recognition",
    ],
    // speech_recognition (v2)
    &[
        "speech recognition",
        "speech recogni*",
        "asr",
        "speech-to-text",
        "speech to text",
        "speech transcription",
        "keyword spotting",
        "speech translation",
        "spoken language understanding",
        "spoken language",
        "lip reading",
        "lipreading",
        "lip-reading",
        "audio-visual speech",
        "acoustic model*",
        "wav2vec*",
        "word error rate",
    ],
];

/// How an OpenAlex classification level maps to topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenAlexLevel {
    /// An OpenAlex topic (`primary_topic.display_name` / `topics[].display_name`).
    Topic,
    /// Its subfield (`subfield.display_name`).
    Subfield,
    /// Its field (`field.display_name`).
    Field,
}

/// Explicit OpenAlex names mapped to topics, beyond what the phrase rules find in the topic names
/// themselves. Names are compared ASCII-case-insensitively and in full.
///
/// How OpenAlex classifications enter (see `assignment::TopicAssigner::assign_openalex`): every OpenAlex
/// topic display name is matched against the phrase rules like a keyword (so "Natural Language Processing
/// Techniques" gives `language_models`, "Adversarial Robustness in Machine Learning" gives
/// `responsible_ai`); then this table adds topics by exact topic, subfield or field name. The table covers
/// the science and health fields, whose names carry no phrase of the rules, and a few AI topics whose
/// names are too generic for the rules.
pub const OPENALEX_TABLE: &[(OpenAlexLevel, &str, Topic)] = &[
    (OpenAlexLevel::Subfield, "Computer Vision and Pattern Recognition", Topic::Vision),
    (OpenAlexLevel::Subfield, "Signal Processing", Topic::SpeechAudio),
    (OpenAlexLevel::Subfield, "Control and Systems Engineering", Topic::Robotics),
    (OpenAlexLevel::Topic, "Topic Modeling", Topic::LanguageModels),
    (OpenAlexLevel::Topic, "Speech Recognition and Synthesis", Topic::SpeechAudio),
    (OpenAlexLevel::Topic, "Music and Audio Processing", Topic::SpeechAudio),
    (OpenAlexLevel::Topic, "Domain Adaptation and Few-Shot Learning", Topic::SelfSupervised),
    (OpenAlexLevel::Topic, "Explainable Artificial Intelligence (XAI)", Topic::ResponsibleAi),
    (OpenAlexLevel::Topic, "Ethics and Social Impacts of AI", Topic::ResponsibleAi),
    (OpenAlexLevel::Topic, "Privacy-Preserving Technologies in Data", Topic::ResponsibleAi),
    (OpenAlexLevel::Topic, "Stochastic Gradient Optimization Techniques", Topic::OptimisationTheory),
    (OpenAlexLevel::Topic, "Sparse and Compressive Sensing Techniques", Topic::OptimisationTheory),
    (OpenAlexLevel::Topic, "Gaussian Processes and Bayesian Inference", Topic::ProbabilisticBayesian),
    (OpenAlexLevel::Topic, "Bayesian Methods and Mixture Models", Topic::ProbabilisticBayesian),
    (OpenAlexLevel::Topic, "Reinforcement Learning in Robotics", Topic::Robotics),
    (OpenAlexLevel::Topic, "Robotic Path Planning Algorithms", Topic::Robotics),
    (
        OpenAlexLevel::Topic,
        "Generative Adversarial Networks and Image Synthesis",
        Topic::ImageVideoGeneration,
    ),
    (OpenAlexLevel::Topic, "Advanced Graph Neural Networks", Topic::GraphLearning),
    (OpenAlexLevel::Topic, "Graph Neural Network Models and Applications", Topic::GraphLearning),
    (OpenAlexLevel::Field, "Medicine", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Health Professions", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Nursing", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Biochemistry, Genetics and Molecular Biology", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Neuroscience", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Chemistry", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Physics and Astronomy", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Earth and Planetary Sciences", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Environmental Science", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Materials Science", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Agricultural and Biological Sciences", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Immunology and Microbiology", Topic::ScienceHealth),
    (OpenAlexLevel::Field, "Pharmacology, Toxicology and Pharmaceutics", Topic::ScienceHealth),
];

/// Topics an OpenAlex name maps to through [`OPENALEX_TABLE`] alone (no phrase rules).
pub fn openalex_table_topics(level: OpenAlexLevel, name: &str) -> TopicSet {
    let name = name.trim();
    OPENALEX_TABLE
        .iter()
        .filter(|(l, n, _)| *l == level && n.eq_ignore_ascii_case(name))
        .map(|(_, _, t)| *t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_sets() {
        for t in Topic::ALL {
            assert_eq!(Topic::parse(t.id()), Some(t));
            assert!(!t.phrases().is_empty(), "{t} has no phrases");
        }
        let s = TopicSet::parse_ids("vision; rl_games,vision").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s.to_ids(), "vision;rl_games");
        assert!(TopicSet::parse_ids("").unwrap().is_empty());
        let e = TopicSet::parse_ids("vision;nlp").unwrap_err();
        assert!(e.contains("\"nlp\""), "{e}");
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"["vision","rl_games"]"#);
    }

    #[test]
    fn openalex_table() {
        assert!(openalex_table_topics(OpenAlexLevel::Field, "medicine").contains(Topic::ScienceHealth));
        assert!(openalex_table_topics(OpenAlexLevel::Topic, "Medicine").is_empty());
    }
}
