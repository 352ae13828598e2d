//! The versioned taxonomy of ML research topics (v2.1): the topics, their phrase rules, the topics finer
//! ones imply, the mapping of Paper Copilot areas, and the mapping from OpenAlex topics, subfields and
//! fields.
//!
//! This module is data plus the smallest helpers around it (topic ids, a compact topic set). The matching
//! itself lives in `assignment`. Any change to a topic, a phrase or the OpenAlex table is a change of the
//! taxonomy: bump [`TAXONOMY_VERSION`] and record it in `docs/topics.md`, because shares by topic are only
//! comparable within one version.
//!
//! Phrase syntax: a phrase is matched ASCII-case-insensitively and must sit on word boundaries (the byte
//! before and after is not a letter or digit). A trailing `*` drops the boundary check at the end, so
//! `robot*` matches `robot`, `robots`, `robotic` and `robotics`. A leading `!` makes an exception (v2.1):
//! an occurrence of a phrase of the same topic that lies within an occurrence of the exception does not
//! count (`!pac-bayes` keeps `bayes` from counting in "PAC-Bayes"); exceptions take no trailing `*`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Version of the taxonomy (topics, phrase rules, OpenAlex table). Printed with every topic result.
pub const TAXONOMY_VERSION: &str = "v2.1";

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

    /// The set as bits (bit `Topic::index()` set for each topic in it): its stored form.
    pub fn bits(self) -> u32 {
        self.0
    }

    /// The set of stored bits ([`TopicSet::bits`]); `None` when a bit names no topic.
    pub fn from_bits(bits: u32) -> Option<TopicSet> {
        let all = Topic::ALL.iter().fold(0u32, |a, t| a | 1 << t.index());
        (bits & !all == 0).then_some(TopicSet(bits))
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
        // v2.1 (issue 10)
        "conversation*",
        "commonsense",
        "news",
        "multilingual",
        "cross-lingual",
        "crosslingual",
        "coreference",
        "discourse",
        "grammatical",
        "lexical",
        "entity",
        "event extraction",
        "word sense*",
        "semantic role*",
        "stance detection",
        "rumor*",
        "rumour*",
        "question generation",
        "prefix-tuning",
        "prefix tuning",
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
        // v2.1 exceptions: segmentation of text or speech is not vision
        "!word segmentation",
        "!text segmentation",
        "!sentence segmentation",
        "!topic segmentation",
        "!speech segmentation",
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
        // v2.1 (issue 10)
        "super-resolution",
        "super resolution",
        "face",
        "faces",
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
        // v2.1 (issue 10)
        "radiance field*",
        "nerf",
        "nerfs",
        "gaussian splatting",
        "avatar*",
        "talking face*",
        "talking head*",
        "face generation",
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
        // v2.1 (issue 10)
        "behavior cloning",
        "behavioral cloning",
        "behaviour cloning",
        "behavioural cloning",
        "learning from demonstration*",
        "ucb",
        "upper confidence bound*",
        "value function*",
        "q-function*",
        "q-network*",
        "dqn",
        "experience replay",
        "exploration-exploitation",
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
        // v2.1 (issue 10)
        "navigation",
        "odometry",
        "visual-inertial",
        "lidar",
        "tactile",
        "haptic*",
        "actuator*",
        "gripper*",
        "visual servo*",
        "object manipulation",
        "mobile manipulation",
        "in-hand manipulation",
        "manipulation task*",
        "manipulation skill*",
        "manipulation polic*",
        "bimanual",
        "obstacle avoidance",
        "collision avoidance",
        "kinodynamic*",
        "trajectory optimi*",
        "whole-body",
        "visuomotor",
        "loop closure",
        "model predictive control",
        "impedance control",
        "bev",
        "bird's-eye view",
        "bird's eye view",
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
        // v2.1 exceptions: graphs that are a scene, pose or factor representation, not learning on graphs
        "!scene graph",
        "!scene graphs",
        "!pose graph",
        "!pose-graph",
        "!factor graph",
        "!factor graphs",
        // v2.1 (issue 10)
        "stochastic block model*",
    ],
    // optimisation_theory
    &[
        "optimization",
        "optimisation",
        "optimizer*",
        "convex",
        "non-convex",
        "nonconvex",
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
        // v2.1 exceptions: optimisation as an application (tuning, planning, RL, preference learning)
        "!hyperparameter optimization",
        "!hyperparameter optimisation",
        "!hyper-parameter optimization",
        "!hyper-parameter optimisation",
        "!bayesian optimization",
        "!bayesian optimisation",
        "!preference optimization",
        "!preference optimisation",
        "!trajectory optimization",
        "!trajectory optimisation",
        "!policy optimization",
        "!policy optimisation",
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
        // v2.1 (issue 10)
        "descent", // gradient, mirror, coordinate descent (replaces `gradient descent`)
        "loss landscape*",
        "admm",
        "method of multipliers",
        "hardness",
        "np-hard",
        "rademacher",
        "vc dimension",
        "vc-dimension",
        "excess risk",
        "approximation algorithm*",
    ],
    // probabilistic_bayesian
    &[
        "bayesian",
        "bayes",
        // v2.1 exceptions: PAC-Bayes bounds and the Bayes error are learning theory
        "!pac-bayes",
        "!pac-bayesian",
        "!bayes error",
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
        // v2.1 (issue 10; `gaussians` dropped: 3D Gaussian splatting is vision, not probabilistic)
        "gaussian mixture*",
        "mixture of gaussians",
        "markov chain*",
        "random field*",
        "crf",
        "crfs",
        "belief network*",
        "belief propagation",
        "approximate inference",
        "amortized inference",
        "amortised inference",
        "importance sampling",
        "gibbs sampl*",
        "kalman filter*",
        "chinese restaurant",
        "sum-product network*",
        "partition function*",
        "uncertainty quantification",
        "uncertainty estimation",
        "causal inference",
        "causal discovery",
        "structural causal",
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
        "attribution*",
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
        // v2.1 (issue 10)
        "trojan*",
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
        // v2.1 (issue 10)
        "biomedical",
        "magnetic resonance",
        "ultrasound",
        "histopatholog*",
        "surgical",
        "surgery",
        "ecg",
        "physics-informed",
        "pinn",
        "pinns",
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
        // v2.1: any segmentation (semantic, instance, medical ...; 96% of the titles with the word are
        // image, video or 3D segmentation) replaces fifteen `<kind> segmentation` phrases
        "segmentation",
        // v2.1 exceptions: segmentation of text, speech, actions in time or subspaces
        "!word segmentation",
        "!text segmentation",
        "!sentence segmentation",
        "!topic segmentation",
        "!speech segmentation",
        "!action segmentation",
        "!temporal segmentation",
        "!sequence segmentation",
        "!trajectory segmentation",
        "!subspace segmentation",
        "cosegmentation",
        "scene parsing",
        "object tracking",
        "multi-object tracking",
        "segment anything",
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
        // v2.1: any programming language (was `programming language model*`, `pre-trained programming
        // language*`)
        "programming language*",
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

/// v2.1. A finer topic implies its broad one: a paper given the first topic of a pair also gets the second
/// (in the check sets' labels, 41 of 42 detection papers are also vision, 16 of 18 image-classification
/// papers, 5 of 6 speech-recognition papers speech). Vision-language, code and text recognition imply
/// nothing: their labels hold a broad topic only about half the time.
pub const IMPLIED_TOPICS: &[(Topic, Topic)] = &[
    (Topic::DetectionSegmentation, Topic::Vision),
    (Topic::ImageClassification, Topic::Vision),
    (Topic::SpeechRecognition, Topic::SpeechAudio),
];

/// v2.1. Paper Copilot's `primary_area` values mapped to topics by their meaning. The reader passes a
/// record's area as the keyword `area:<name>`; the shipped lists have 51 values, all from AAAI 2021–2022
/// tracks and IJCAI 2020–2024 areas (6,308 records). Names compare ASCII-case-insensitively in full, after
/// dropping a trailing roman numeral (AAAI splits "Computer Vision" into "Computer Vision I" to "III").
///
/// An area in the table gives exactly its topics (an empty list: none) and is not matched against the
/// phrases, so the AAAI track "Speech and Natural Language Processing" no longer makes every NLP paper a
/// speech paper, and "Search and Optimization" (combinatorial search) no longer gives optimisation and
/// learning theory. An area not in the table (another venue's) is matched by the phrases like a keyword.
pub const AREA_TABLE: &[(&str, &[Topic])] = &[
    ("Computer Vision", &[Topic::Vision]),
    ("Natural Language Processing", &[Topic::LanguageModels]),
    ("Speech and Natural Language Processing", &[Topic::LanguageModels]),
    ("AI Ethics, Trust, Fairness", &[Topic::ResponsibleAi]),
    ("Philosophy and Ethics of AI", &[Topic::ResponsibleAi]),
    ("AI Ethics", &[Topic::ResponsibleAi]),
    ("Uncertainty in AI", &[Topic::ProbabilisticBayesian]),
    ("Reasoning under Uncertainty", &[Topic::ProbabilisticBayesian]),
    ("Robotics", &[Topic::Robotics]),
    ("Intelligent Robots", &[Topic::Robotics]),
    ("Intelligent Robotics", &[Topic::Robotics]),
    ("AI Responses to the COVID-19 Pandemic", &[Topic::ScienceHealth]),
    ("Cognitive Modeling and Cognitive Systems", &[Topic::ScienceHealth]),
    ("Cognitive Modeling & Cognitive Systems", &[Topic::ScienceHealth]),
    // Areas broader than any topic, or outside the taxonomy: no topic from the area itself.
    ("Machine Learning", &[]),
    ("Machine Learning Applications", &[]),
    ("Knowledge Representation and Reasoning", &[]),
    ("Agent-based and Multi-agent Systems", &[]),
    ("Multiagent Systems", &[]),
    ("Data Mining", &[]),
    ("Data Mining and Knowledge Management", &[]),
    ("Game Theory and Economic Paradigms", &[]),
    ("Multidisciplinary Topics and Applications", &[]),
    ("Application Domains", &[]),
    ("Domain(s) Of Application", &[]),
    ("Constraint Satisfaction and Optimization", &[]),
    ("Constraints and SAT", &[]),
    ("Search and Optimization", &[]),
    ("Search", &[]),
    ("Heuristic Search and Game Playing", &[]),
    ("Planning and Scheduling", &[]),
    ("Planning, Routing, and Scheduling", &[]),
    ("Humans and AI", &[]),
    ("Human-Computation and Crowd Sourcing", &[]),
    ("Neuro-Symbolic AI", &[]),
    ("Research Papers", &[]),
    ("AI for Conference Organization and Delivery", &[]),
    ("Exhibits", &[]),
    ("Projects", &[]),
    ("Demos", &[]),
];

/// The topics of a keyword that is an area (`area:<name>`, see [`AREA_TABLE`]); `None` when the keyword is
/// not an area or its name is not in the table (then the phrases read it).
pub fn area_topics(keyword: &str) -> Option<TopicSet> {
    let name = keyword.strip_prefix("area:")?.trim();
    let name = match name.rsplit_once(' ') {
        Some((head, last)) if !last.is_empty() && last.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')) => {
            head.trim_end()
        }
        _ => name,
    };
    AREA_TABLE
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, topics)| topics.iter().copied().collect())
}

/// `set` with the broad topics its finer topics imply ([`IMPLIED_TOPICS`]).
pub fn with_implied(set: TopicSet) -> TopicSet {
    let mut out = set;
    for (fine, broad) in IMPLIED_TOPICS {
        if set.contains(*fine) {
            out.insert(*broad);
        }
    }
    out
}

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
        // The bits are what folding the topics into bits gives.
        let folded = |s: TopicSet| s.iter().fold(0u32, |m, t| m | (1 << t.index()));
        assert_eq!(s.bits(), folded(s));
        assert_eq!(s.bits().count_ones(), 2);
        let every: TopicSet = Topic::ALL.into_iter().collect();
        assert_eq!((every.bits(), TopicSet::empty().bits()), (folded(every), 0));
    }

    #[test]
    fn exception_phrases_are_plain_and_cover_a_phrase_of_their_topic() {
        for t in Topic::ALL {
            let positive: Vec<&str> = t.phrases().iter().filter(|p| !p.starts_with('!')).copied().collect();
            for ex in t.phrases().iter().filter_map(|p| p.strip_prefix('!')) {
                assert!(!ex.ends_with('*'), "{t}: exception {ex:?} has a trailing *");
                // An exception that contains no phrase of its topic would never stop anything.
                let covers = positive.iter().any(|p| ex.contains(p.trim_end_matches('*')));
                assert!(covers, "{t}: exception {ex:?} contains no phrase of its topic");
            }
        }
    }

    #[test]
    fn area_table() {
        assert_eq!(area_topics("area:Computer Vision III").unwrap().to_ids(), "vision");
        assert_eq!(area_topics("area:computer vision").unwrap().to_ids(), "vision");
        assert_eq!(area_topics("area:Machine Learning IV"), Some(TopicSet::empty()));
        assert_eq!(area_topics("area:Philosophy and Ethics of AI").unwrap().to_ids(), "responsible_ai");
        assert_eq!(area_topics("area:Graph learning"), None);
        assert_eq!(area_topics("Computer Vision"), None, "not an area keyword");
        let names: std::collections::BTreeSet<String> =
            AREA_TABLE.iter().map(|(n, _)| n.to_ascii_lowercase()).collect();
        assert_eq!(names.len(), AREA_TABLE.len(), "an area is listed twice");
        assert_eq!(
            with_implied(TopicSet::parse_ids("image_classification").unwrap()).to_ids(),
            "vision;image_classification"
        );
    }

    #[test]
    fn openalex_table() {
        assert!(openalex_table_topics(OpenAlexLevel::Field, "medicine").contains(Topic::ScienceHealth));
        assert!(openalex_table_topics(OpenAlexLevel::Topic, "Medicine").is_empty());
    }
}
