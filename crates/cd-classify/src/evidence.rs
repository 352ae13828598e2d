//! Sector of an author from all the evidence: the affiliation string (the institution classifier, applied
//! by `paper::classify_affiliations`), the e-mail domain and the position.
//!
//! ## E-mail domains ([`DomainClassifier`])
//! A domain is looked up label by label, from the full domain to its registrable suffix
//! (`cs.stanford.edu`, then `stanford.edu`), and the first hit decides:
//! 1. webmail (`gmail.com`, `163.com`, `qq.com`, `outlook.com` ... [`WEBMAIL`]) is no evidence;
//! 2. the curated domain list [`CURATED_DOMAINS`] (AI companies and labs, public research institutes,
//!    non-profits);
//! 3. the world universities list's domains → academia;
//! 4. GRID homepages (`links.csv`) → the sector of the institution's GRID type (Education → academia,
//!    Company → industry, Government → government, Nonprofit → non-profit, Facility → the research-institute
//!    option, Healthcare → the hospital option); a domain shared by institutions of several types takes the
//!    type of most of them, ties broken towards Education;
//! 5. rules: a label `edu` anywhere after the first (`*.edu`, `*.edu.cn`, `*.edu.au`), or `ac` as the
//!    second-to-last label (`*.ac.uk`, `*.ac.jp`) → academia; `gov`, `gouv` or `mil` as a label after the
//!    first → government.
//!
//! ## Positions ([`position_sector`])
//! Academic ranks and student positions (professor, lecturer, postdoc, PhD / MS / undergraduate student,
//! faculty) → academia. "Researcher", "Research Scientist", "Engineer", "Intern" and the like are no
//! evidence: they occur in every sector.
//!
//! ## Combination ([`apply_author_evidence`], `Definitions::author_evidence`)
//! - `string`: the affiliation string only.
//! - `both` (default): the affiliation string; for an author whose strings give no known sector, the
//!   e-mail domain; failing that, the position. When string and domain disagree the string is kept (it
//!   is the more specific) and the disagreement is counted, except when the string call is only a rule's
//!   guess (confidence below [`STRONG_STRING`]: "laboratory", "software", "labs") and the domain is on the
//!   curated or universities list (confidence at least [`STRONG_DOMAIN`]): then the domain decides.
//! - `domain`: the e-mail domain, failing that the position; the strings are kept for display but carry
//!   no sector.
//!
//! The evidence used is recorded as an extra affiliation whose `reason` starts `domain:` or `position:`,
//! so that teams and fractional counting treat it like any other affiliation.

use crate::institution::ClassifierOptions;
use cd_domain::definitions::AuthorEvidence;
use cd_domain::registry::{GridInstitution, GridType, University};
use cd_domain::{Affiliation, Authorship, Paper, Sector};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Webmail and ISP mail domains: no evidence of a sector.
pub const WEBMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "163.com",
    "126.com",
    "yeah.net",
    "qq.com",
    "foxmail.com",
    "139.com",
    "sina.com",
    "sina.cn",
    "sohu.com",
    "aliyun.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.jp",
    "yahoo.co.uk",
    "yahoo.fr",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "protonmail.com",
    "proton.me",
    "pm.me",
    "mail.ru",
    "yandex.ru",
    "yandex.com",
    "gmx.de",
    "gmx.net",
    "gmx.com",
    "web.de",
    "naver.com",
    "hanmail.net",
    "daum.net",
    "zoho.com",
    "tutanota.com",
    "fastmail.com",
    "hey.com",
    "rediffmail.com",
    "mail.com",
    "email.com",
    "inbox.ru",
    "seznam.cz",
    "libero.it",
    "orange.fr",
    "free.fr",
    "t-online.de",
    "comcast.net",
    "outlook.fr",
    "hotmail.fr",
    "live.cn",
    "vip.qq.com",
    "users.noreply.github.com",
];

/// Curated domains: sector and the name they stand for. Companies first, then research institutes (sector
/// per `ClassifierOptions::research_institute_sector`, written `Sector::ResearchCollective` here as a
/// marker), non-profits and government bodies.
pub const CURATED_DOMAINS: &[(&str, Sector, &str)] = &[
    ("google.com", Sector::Industry, "Google"),
    ("deepmind.com", Sector::Industry, "DeepMind"),
    ("google.org", Sector::Industry, "Google"),
    ("microsoft.com", Sector::Industry, "Microsoft"),
    ("fb.com", Sector::Industry, "Meta"),
    ("meta.com", Sector::Industry, "Meta"),
    ("facebook.com", Sector::Industry, "Meta"),
    ("openai.com", Sector::Industry, "OpenAI"),
    ("anthropic.com", Sector::Industry, "Anthropic"),
    ("nvidia.com", Sector::Industry, "NVIDIA"),
    ("ibm.com", Sector::Industry, "IBM"),
    ("amazon.com", Sector::Industry, "Amazon"),
    ("amazon.de", Sector::Industry, "Amazon"),
    ("a2z.com", Sector::Industry, "Amazon"),
    ("apple.com", Sector::Industry, "Apple"),
    ("adobe.com", Sector::Industry, "Adobe"),
    ("intel.com", Sector::Industry, "Intel"),
    ("qualcomm.com", Sector::Industry, "Qualcomm"),
    ("qti.qualcomm.com", Sector::Industry, "Qualcomm"),
    ("baidu.com", Sector::Industry, "Baidu"),
    ("alibaba-inc.com", Sector::Industry, "Alibaba"),
    ("taobao.com", Sector::Industry, "Alibaba"),
    ("antgroup.com", Sector::Industry, "Ant Group"),
    ("antfin.com", Sector::Industry, "Ant Group"),
    ("tencent.com", Sector::Industry, "Tencent"),
    ("huawei.com", Sector::Industry, "Huawei"),
    ("bytedance.com", Sector::Industry, "ByteDance"),
    ("jd.com", Sector::Industry, "JD.com"),
    ("sensetime.com", Sector::Industry, "SenseTime"),
    ("megvii.com", Sector::Industry, "Megvii"),
    ("iflytek.com", Sector::Industry, "iFlytek"),
    ("kuaishou.com", Sector::Industry, "Kuaishou"),
    ("meituan.com", Sector::Industry, "Meituan"),
    ("didiglobal.com", Sector::Industry, "DiDi"),
    ("xiaomi.com", Sector::Industry, "Xiaomi"),
    ("oppo.com", Sector::Industry, "OPPO"),
    ("vivo.com", Sector::Industry, "vivo"),
    ("netease.com", Sector::Industry, "NetEase"),
    ("samsung.com", Sector::Industry, "Samsung"),
    ("lgresearch.ai", Sector::Industry, "LG AI Research"),
    ("lge.com", Sector::Industry, "LG Electronics"),
    ("navercorp.com", Sector::Industry, "NAVER"),
    ("kakaobrain.com", Sector::Industry, "Kakao Brain"),
    ("sony.com", Sector::Industry, "Sony"),
    ("preferred.jp", Sector::Industry, "Preferred Networks"),
    ("nec-labs.com", Sector::Industry, "NEC Labs"),
    ("nec.com", Sector::Industry, "NEC"),
    ("ntt.com", Sector::Industry, "NTT"),
    ("hco.ntt.co.jp", Sector::Industry, "NTT"),
    ("fujitsu.com", Sector::Industry, "Fujitsu"),
    ("hitachi.com", Sector::Industry, "Hitachi"),
    ("toshiba.co.jp", Sector::Industry, "Toshiba"),
    ("toyota-tri.com", Sector::Industry, "Toyota Research Institute"),
    ("tri.global", Sector::Industry, "Toyota Research Institute"),
    ("siemens.com", Sector::Industry, "Siemens"),
    ("bosch.com", Sector::Industry, "Bosch"),
    ("de.bosch.com", Sector::Industry, "Bosch"),
    ("philips.com", Sector::Industry, "Philips"),
    ("uber.com", Sector::Industry, "Uber"),
    ("salesforce.com", Sector::Industry, "Salesforce"),
    ("linkedin.com", Sector::Industry, "LinkedIn"),
    ("twitter.com", Sector::Industry, "Twitter"),
    ("netflix.com", Sector::Industry, "Netflix"),
    ("spotify.com", Sector::Industry, "Spotify"),
    ("snap.com", Sector::Industry, "Snap"),
    ("pinterest.com", Sector::Industry, "Pinterest"),
    ("airbnb.com", Sector::Industry, "Airbnb"),
    ("yahoo-inc.com", Sector::Industry, "Yahoo"),
    ("yahooinc.com", Sector::Industry, "Yahoo"),
    ("ebay.com", Sector::Industry, "eBay"),
    ("paypal.com", Sector::Industry, "PayPal"),
    ("visa.com", Sector::Industry, "Visa"),
    ("jpmorgan.com", Sector::Industry, "JPMorgan"),
    ("jpmchase.com", Sector::Industry, "JPMorgan"),
    ("gs.com", Sector::Industry, "Goldman Sachs"),
    ("bloomberg.net", Sector::Industry, "Bloomberg"),
    ("twosigma.com", Sector::Industry, "Two Sigma"),
    ("deshaw.com", Sector::Industry, "D. E. Shaw"),
    ("citadel.com", Sector::Industry, "Citadel"),
    ("borealisai.com", Sector::Industry, "Borealis AI"),
    ("rbc.com", Sector::Industry, "RBC"),
    ("element.ai", Sector::Industry, "Element AI"),
    ("servicenow.com", Sector::Industry, "ServiceNow"),
    ("cohere.com", Sector::Industry, "Cohere"),
    ("cohere.ai", Sector::Industry, "Cohere"),
    ("mistral.ai", Sector::Industry, "Mistral AI"),
    ("huggingface.co", Sector::Industry, "Hugging Face"),
    ("stability.ai", Sector::Industry, "Stability AI"),
    ("x.ai", Sector::Industry, "xAI"),
    ("inflection.ai", Sector::Industry, "Inflection"),
    ("character.ai", Sector::Industry, "Character.AI"),
    ("adept.ai", Sector::Industry, "Adept"),
    ("together.ai", Sector::Industry, "Together AI"),
    ("databricks.com", Sector::Industry, "Databricks"),
    ("mosaicml.com", Sector::Industry, "MosaicML"),
    ("scale.com", Sector::Industry, "Scale AI"),
    ("waymo.com", Sector::Industry, "Waymo"),
    ("tesla.com", Sector::Industry, "Tesla"),
    ("cruise.com", Sector::Industry, "Cruise"),
    ("getcruise.com", Sector::Industry, "Cruise"),
    ("aurora.tech", Sector::Industry, "Aurora"),
    ("zoox.com", Sector::Industry, "Zoox"),
    ("motional.com", Sector::Industry, "Motional"),
    ("argo.ai", Sector::Industry, "Argo AI"),
    ("nuro.ai", Sector::Industry, "Nuro"),
    ("wayve.ai", Sector::Industry, "Wayve"),
    ("bostondynamics.com", Sector::Industry, "Boston Dynamics"),
    ("covariant.ai", Sector::Industry, "Covariant"),
    ("x.team", Sector::Industry, "X (Alphabet)"),
    ("isomorphiclabs.com", Sector::Industry, "Isomorphic Labs"),
    ("insilico.com", Sector::Industry, "Insilico"),
    ("recursionpharma.com", Sector::Industry, "Recursion"),
    ("roche.com", Sector::Industry, "Roche"),
    ("gene.com", Sector::Industry, "Genentech"),
    ("novartis.com", Sector::Industry, "Novartis"),
    ("pfizer.com", Sector::Industry, "Pfizer"),
    ("astrazeneca.com", Sector::Industry, "AstraZeneca"),
    ("gsk.com", Sector::Industry, "GSK"),
    ("sap.com", Sector::Industry, "SAP"),
    ("oracle.com", Sector::Industry, "Oracle"),
    ("cisco.com", Sector::Industry, "Cisco"),
    ("hp.com", Sector::Industry, "HP"),
    ("hpe.com", Sector::Industry, "HPE"),
    ("dell.com", Sector::Industry, "Dell"),
    ("amd.com", Sector::Industry, "AMD"),
    ("arm.com", Sector::Industry, "Arm"),
    ("micron.com", Sector::Industry, "Micron"),
    ("graphcore.ai", Sector::Industry, "Graphcore"),
    ("cerebras.net", Sector::Industry, "Cerebras"),
    ("sambanovasystems.com", Sector::Industry, "SambaNova"),
    ("ericsson.com", Sector::Industry, "Ericsson"),
    ("nokia.com", Sector::Industry, "Nokia"),
    ("nokia-bell-labs.com", Sector::Industry, "Nokia Bell Labs"),
    ("bell-labs.com", Sector::Industry, "Bell Labs"),
    ("att.com", Sector::Industry, "AT&T"),
    ("research.att.com", Sector::Industry, "AT&T Labs"),
    ("verizon.com", Sector::Industry, "Verizon"),
    ("telefonica.com", Sector::Industry, "Telefónica"),
    ("orange.com", Sector::Industry, "Orange"),
    ("thalesgroup.com", Sector::Industry, "Thales"),
    ("airbus.com", Sector::Industry, "Airbus"),
    ("boeing.com", Sector::Industry, "Boeing"),
    ("lmco.com", Sector::Industry, "Lockheed Martin"),
    ("rtx.com", Sector::Industry, "RTX"),
    ("ge.com", Sector::Industry, "GE"),
    ("honda-ri.de", Sector::Industry, "Honda Research Institute"),
    ("honda-ri.com", Sector::Industry, "Honda Research Institute"),
    ("jp.honda-ri.com", Sector::Industry, "Honda Research Institute"),
    ("merl.com", Sector::Industry, "MERL"),
    ("parc.com", Sector::Industry, "PARC"),
    ("xerox.com", Sector::Industry, "Xerox"),
    ("naverlabs.com", Sector::Industry, "NAVER LABS"),
    ("criteo.com", Sector::Industry, "Criteo"),
    ("zalando.de", Sector::Industry, "Zalando"),
    ("booking.com", Sector::Industry, "Booking.com"),
    ("yandex-team.ru", Sector::Industry, "Yandex"),
    ("sber.ru", Sector::Industry, "Sber"),
    ("sberbank.ru", Sector::Industry, "Sber"),
    ("airi.net", Sector::NonProfit, "AIRI"),
    ("rakuten.com", Sector::Industry, "Rakuten"),
    ("linecorp.com", Sector::Industry, "LINE"),
    ("cyberagent.co.jp", Sector::Industry, "CyberAgent"),
    ("horizon.ai", Sector::Industry, "Horizon Robotics"),
    ("horizon.cc", Sector::Industry, "Horizon Robotics"),
    ("dji.com", Sector::Industry, "DJI"),
    ("unity3d.com", Sector::Industry, "Unity"),
    ("ea.com", Sector::Industry, "Electronic Arts"),
    ("ubisoft.com", Sector::Industry, "Ubisoft"),
    ("disneyresearch.com", Sector::Industry, "Disney Research"),
    ("disney.com", Sector::Industry, "Disney"),
    ("autodesk.com", Sector::Industry, "Autodesk"),
    ("mobileye.com", Sector::Industry, "Mobileye"),
    ("valeo.com", Sector::Industry, "Valeo"),
    ("continental.com", Sector::Industry, "Continental"),
    ("nuance.com", Sector::Industry, "Nuance"),
    ("grammarly.com", Sector::Industry, "Grammarly"),
    ("duolingo.com", Sector::Industry, "Duolingo"),
    ("zhipuai.cn", Sector::Industry, "Zhipu AI"),
    ("moonshot.cn", Sector::Industry, "Moonshot AI"),
    ("deepseek.com", Sector::Industry, "DeepSeek"),
    ("01.ai", Sector::Industry, "01.AI"),
    ("minimaxi.com", Sector::Industry, "MiniMax"),
    ("noahlab.com.hk", Sector::Industry, "Huawei Noah's Ark Lab"),
    ("msra.cn", Sector::Industry, "Microsoft Research Asia"),
    ("pjlab.org.cn", Sector::ResearchCollective, "Shanghai AI Laboratory"),
    ("baai.ac.cn", Sector::ResearchCollective, "BAAI"),
    ("mpg.de", Sector::ResearchCollective, "Max Planck Society"),
    ("tuebingen.mpg.de", Sector::ResearchCollective, "Max Planck Institute for Intelligent Systems"),
    ("inria.fr", Sector::ResearchCollective, "INRIA"),
    ("cnrs.fr", Sector::ResearchCollective, "CNRS"),
    ("riken.jp", Sector::ResearchCollective, "RIKEN"),
    ("cas.cn", Sector::ResearchCollective, "Chinese Academy of Sciences"),
    ("ia.ac.cn", Sector::ResearchCollective, "CASIA"),
    ("ict.ac.cn", Sector::ResearchCollective, "ICT, CAS"),
    ("cwi.nl", Sector::ResearchCollective, "CWI"),
    ("mila.quebec", Sector::ResearchCollective, "Mila"),
    ("vectorinstitute.ai", Sector::ResearchCollective, "Vector Institute"),
    ("iit.it", Sector::ResearchCollective, "IIT"),
    ("cnr.it", Sector::ResearchCollective, "CNR"),
    ("fbk.eu", Sector::ResearchCollective, "FBK"),
    ("idiap.ch", Sector::ResearchCollective, "Idiap"),
    ("ist.ac.at", Sector::Academia, "ISTA"),
    ("dfki.de", Sector::ResearchCollective, "DFKI"),
    ("fraunhofer.de", Sector::ResearchCollective, "Fraunhofer"),
    ("kaust.edu.sa", Sector::Academia, "KAUST"),
    ("aist.go.jp", Sector::ResearchCollective, "AIST"),
    ("nii.ac.jp", Sector::ResearchCollective, "NII"),
    ("tti-c.org", Sector::Academia, "TTIC"),
    ("ttic.edu", Sector::Academia, "TTIC"),
    ("allenai.org", Sector::NonProfit, "Allen Institute for AI"),
    ("mlcommons.org", Sector::NonProfit, "MLCommons"),
    ("cshl.edu", Sector::NonProfit, "Cold Spring Harbor Laboratory"),
    ("janelia.hhmi.org", Sector::NonProfit, "HHMI Janelia"),
    ("hhmi.org", Sector::NonProfit, "HHMI"),
    ("lri.fr", Sector::Academia, "LRI, Université Paris-Saclay"),
    ("improbable.io", Sector::Industry, "Improbable"),
    ("unbabel.com", Sector::Industry, "Unbabel"),
    ("flatironinstitute.org", Sector::NonProfit, "Flatiron Institute"),
    ("simonsfoundation.org", Sector::NonProfit, "Simons Foundation"),
    ("turing.ac.uk", Sector::NonProfit, "Alan Turing Institute"),
    ("eleuther.ai", Sector::NonProfit, "EleutherAI"),
    ("mbzuai.ac.ae", Sector::Academia, "MBZUAI"),
    ("a-star.edu.sg", Sector::Government, "A*STAR"),
    ("i2r.a-star.edu.sg", Sector::Government, "A*STAR"),
    ("csiro.au", Sector::Government, "CSIRO"),
    ("data61.csiro.au", Sector::Government, "CSIRO Data61"),
    ("nasa.gov", Sector::Government, "NASA"),
    ("nist.gov", Sector::Government, "NIST"),
    ("llnl.gov", Sector::Government, "LLNL"),
    ("lanl.gov", Sector::Government, "LANL"),
    ("ornl.gov", Sector::Government, "ORNL"),
    ("anl.gov", Sector::Government, "Argonne"),
    ("sandia.gov", Sector::Government, "Sandia"),
    ("pnnl.gov", Sector::Government, "PNNL"),
    ("lbl.gov", Sector::Government, "LBNL"),
    ("nih.gov", Sector::Government, "NIH"),
    ("dlr.de", Sector::Government, "DLR"),
    ("afrl.af.mil", Sector::Government, "AFRL"),
    ("ll.mit.edu", Sector::Government, "MIT Lincoln Laboratory"),
    ("jpl.nasa.gov", Sector::Government, "JPL"),
    ("etri.re.kr", Sector::Government, "ETRI"),
    ("kist.re.kr", Sector::Government, "KIST"),
];

/// The sector of a GRID type under the classifier options.
fn grid_sector(t: GridType, o: &ClassifierOptions) -> Option<Sector> {
    Some(match t {
        GridType::Education => Sector::Academia,
        GridType::Company => Sector::Industry,
        GridType::Government => Sector::Government,
        GridType::Nonprofit => Sector::NonProfit,
        GridType::Facility => o.research_institute_sector,
        GridType::Healthcare => o.hospital_sector,
        _ => return None,
    })
}

/// One decision about an e-mail domain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainCall {
    pub sector: Sector,
    pub confidence: f64,
    pub reason: String,
}

/// E-mail domain → sector, from the curated list, the universities list, GRID homepages and rules.
#[derive(Debug, Clone)]
pub struct DomainClassifier {
    curated: HashMap<&'static str, (Sector, &'static str)>,
    universities: HashMap<String, String>,
    grid: HashMap<String, (Sector, String)>,
    /// Sector of the curated research institutes (`ClassifierOptions::research_institute_sector`).
    research_institute_sector: Sector,
}

/// [`DomainClassifier`]'s registry maps as stored.
#[derive(Serialize, Deserialize)]
pub(crate) struct DomainIndexWire {
    universities: Vec<(String, String)>,
    grid: Vec<(String, Sector, String)>,
    research_institute_sector: Sector,
}

/// The host of a homepage URL, lower-case, without `www.` (`http://www.anu.edu.au/` → `anu.edu.au`).
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?.trim().to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

impl DomainClassifier {
    /// Build from GRID institutions with their homepages (`links`: GRID id → URL) and the universities
    /// list.
    pub fn new(
        grid: &[GridInstitution],
        links: &[(String, String)],
        universities: &[University],
        options: ClassifierOptions,
    ) -> DomainClassifier {
        let curated = CURATED_DOMAINS.iter().map(|(d, s, n)| (*d, (*s, *n))).collect();
        let mut unis = HashMap::new();
        for u in universities {
            for d in &u.domains {
                let d = d.trim().to_lowercase();
                let d = d.strip_prefix("www.").unwrap_or(&d).to_string();
                if !d.is_empty() {
                    unis.entry(d).or_insert_with(|| u.name.clone());
                }
            }
        }
        let by_id: HashMap<&str, &GridInstitution> = grid.iter().map(|g| (g.id.as_str(), g)).collect();
        // Domain → votes per sector (with the first name seen), majority wins, ties to academia.
        let mut votes: HashMap<String, Vec<(Sector, usize, String)>> = HashMap::new();
        for (id, url) in links {
            let (Some(g), Some(host)) = (by_id.get(id.as_str()), url_host(url)) else { continue };
            let Some(sector) = g.kind.and_then(|t| grid_sector(t, &options)) else { continue };
            let v = votes.entry(host).or_default();
            match v.iter_mut().find(|(s, _, _)| *s == sector) {
                Some(e) => e.1 += 1,
                None => v.push((sector, 1, g.name.clone())),
            }
        }
        let mut grid_map = HashMap::new();
        for (host, mut v) in votes {
            v.sort_by(|a, b| {
                b.1.cmp(&a.1).then_with(|| (b.0 == Sector::Academia).cmp(&(a.0 == Sector::Academia)))
            });
            let (s, _, name) = v.swap_remove(0);
            grid_map.insert(host, (s, name));
        }
        DomainClassifier {
            curated,
            universities: unis,
            grid: grid_map,
            research_institute_sector: options.research_institute_sector,
        }
    }

    /// The registry part as stored (maps as lists sorted by key, so the same registries give the same
    /// bytes); the curated list is code and is not stored.
    pub(crate) fn to_wire(&self) -> DomainIndexWire {
        let mut universities: Vec<(String, String)> =
            self.universities.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        universities.sort();
        let mut grid: Vec<(String, Sector, String)> =
            self.grid.iter().map(|(k, (s, n))| (k.clone(), *s, n.clone())).collect();
        grid.sort_by(|a, b| a.0.cmp(&b.0));
        DomainIndexWire { universities, grid, research_institute_sector: self.research_institute_sector }
    }

    /// Back from postcard bytes of [`DomainClassifier::to_wire`], checked against the options.
    pub(crate) fn from_wire_bytes(
        bytes: &[u8],
        options: ClassifierOptions,
    ) -> Result<DomainClassifier, crate::institution::IndexError> {
        let w: DomainIndexWire = postcard::from_bytes(bytes).map_err(|e| {
            crate::institution::IndexError::new(format!("cannot decode the e-mail domain section: {e}"))
        })?;
        if w.research_institute_sector != options.research_institute_sector {
            return Err(crate::institution::IndexError::new("e-mail domain section built for other options"));
        }
        Ok(DomainClassifier {
            curated: CURATED_DOMAINS.iter().map(|(d, s, n)| (*d, (*s, *n))).collect(),
            universities: w.universities.into_iter().collect(),
            grid: w.grid.into_iter().map(|(k, s, n)| (k, (s, n))).collect(),
            research_institute_sector: w.research_institute_sector,
        })
    }

    /// Curated list and rules only (no registries).
    pub fn curated_only(options: ClassifierOptions) -> DomainClassifier {
        DomainClassifier::new(&[], &[], &[], options)
    }

    /// The sector evidence of an e-mail domain; `None` when it gives none (webmail, unknown domain).
    pub fn classify(&self, domain: &str) -> Option<DomainCall> {
        let d = domain.trim().trim_start_matches('@').to_lowercase();
        let d = d.strip_prefix("www.").unwrap_or(&d);
        if d.is_empty() || !d.contains('.') {
            return None;
        }
        let labels: Vec<&str> = d.split('.').collect();
        for k in 0..labels.len().saturating_sub(1) {
            let suffix = labels[k..].join(".");
            if WEBMAIL.contains(&suffix.as_str()) {
                return None;
            }
            if let Some((s, name)) = self.curated.get(suffix.as_str()) {
                let sector =
                    if *s == Sector::ResearchCollective { self.research_institute_sector } else { *s };
                return Some(DomainCall {
                    sector,
                    confidence: 0.95,
                    reason: format!("curated domain {suffix} ({name})"),
                });
            }
            if let Some(name) = self.universities.get(&suffix) {
                return Some(DomainCall {
                    sector: Sector::Academia,
                    confidence: 0.95,
                    reason: format!("universities list domain {suffix} ({name})"),
                });
            }
            if let Some((s, name)) = self.grid.get(&suffix) {
                return Some(DomainCall {
                    sector: *s,
                    confidence: 0.85,
                    reason: format!("GRID homepage {suffix} ({name})"),
                });
            }
        }
        let n = labels.len();
        let later = &labels[1.min(n)..];
        if later.contains(&"edu") || (n >= 3 && labels[n - 2] == "ac") {
            return Some(DomainCall {
                sector: Sector::Academia,
                confidence: 0.8,
                reason: format!("academic domain rule ({d})"),
            });
        }
        if later.iter().any(|l| matches!(*l, "gov" | "gouv" | "mil")) {
            return Some(DomainCall {
                sector: Sector::Government,
                confidence: 0.8,
                reason: format!("government domain rule ({d})"),
            });
        }
        None
    }
}

/// Positions that place an author in academia (lower-case substrings).
pub const ACADEMIC_POSITIONS: &[&str] = &[
    "professor",
    "lecturer",
    "postdoc",
    "post-doc",
    "post doc",
    "phd",
    "ph.d",
    "doctoral",
    "student",
    "undergrad",
    "graduate",
    "faculty",
    "master",
    "msc",
    "m.s.",
    "tenure",
];

/// The sector evidence of a position ("PhD student" → academia); `None` for positions that occur in
/// every sector ("Researcher", "Research Scientist", "Engineer", "Intern").
pub fn position_sector(position: &str) -> Option<DomainCall> {
    let p = position.trim().to_lowercase();
    if p.is_empty() {
        return None;
    }
    let hit = ACADEMIC_POSITIONS.iter().find(|k| p.contains(*k))?;
    Some(DomainCall {
        sector: Sector::Academia,
        confidence: 0.7,
        reason: format!("academic position '{}' ({hit})", position.trim()),
    })
}

/// Which evidence decided an author's sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    String,
    Domain,
    Position,
    None,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 4] =
        [EvidenceKind::String, EvidenceKind::Domain, EvidenceKind::Position, EvidenceKind::None];

    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::String => "string",
            EvidenceKind::Domain => "domain",
            EvidenceKind::Position => "position",
            EvidenceKind::None => "none",
        }
    }
}

/// An author's sector with its confidence and evidence (after [`apply_author_evidence`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorSector {
    /// The author's sector; with affiliations in several sectors, the one of highest confidence (the
    /// first on ties); unknown without evidence.
    pub sector: Sector,
    /// Every known sector of the author, in affiliation order.
    pub sectors: Vec<Sector>,
    pub confidence: f64,
    pub evidence: EvidenceKind,
}

const DOMAIN_PREFIX: &str = "domain: ";
const POSITION_PREFIX: &str = "position: ";

/// The sector, confidence and evidence of a classified author.
pub fn author_sector(a: &Authorship) -> AuthorSector {
    let known: Vec<&Affiliation> = a.affiliations.iter().filter(|x| x.sector != Sector::Unknown).collect();
    let Some(best) = known.iter().copied().reduce(|b, x| if x.confidence > b.confidence { x } else { b })
    else {
        return AuthorSector {
            sector: Sector::Unknown,
            sectors: Vec::new(),
            confidence: 0.0,
            evidence: EvidenceKind::None,
        };
    };
    let mut sectors = Vec::new();
    for x in &known {
        if !sectors.contains(&x.sector) {
            sectors.push(x.sector);
        }
    }
    let evidence = if best.reason.starts_with(DOMAIN_PREFIX) {
        EvidenceKind::Domain
    } else if best.reason.starts_with(POSITION_PREFIX) {
        EvidenceKind::Position
    } else {
        EvidenceKind::String
    };
    AuthorSector { sector: best.sector, sectors, confidence: best.confidence, evidence }
}

/// What [`apply_author_evidence`] did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvidenceSummary {
    pub authors: usize,
    pub by_string: usize,
    pub by_domain: usize,
    pub by_position: usize,
    pub unknown: usize,
    /// Authors whose string and domain both gave a known sector, and disagreed (the string was kept).
    pub string_domain_conflicts: usize,
    /// Authors with a domain that is webmail or unknown to every list and rule.
    pub domain_no_evidence: usize,
    /// Authors whose weak string call gave way to a strong domain call.
    pub domain_overrides: usize,
}

/// A string call below this confidence is a rule's guess (words such as "laboratory", "software").
pub const STRONG_STRING: f64 = 0.75;
/// A domain call at or above this confidence comes from the curated or the universities list.
pub const STRONG_DOMAIN: f64 = 0.9;

fn evidence_affiliation(raw: String, call: DomainCall, prefix: &str) -> Affiliation {
    Affiliation {
        raw,
        sector: call.sector,
        confidence: call.confidence,
        reason: format!("{prefix}{}", call.reason),
    }
}

/// Combine the evidence of every author under `mode` (after the strings were classified by
/// `paper::classify_affiliations`). Domain and position decisions are memoised by string.
pub fn apply_author_evidence(
    papers: &mut [Paper],
    domains: &DomainClassifier,
    mode: AuthorEvidence,
) -> EvidenceSummary {
    // Decisions memoised by domain and by position (411k authors, far fewer distinct values).
    let mut domain_cache: HashMap<String, Option<DomainCall>> = HashMap::new();
    let mut position_cache: HashMap<String, Option<DomainCall>> = HashMap::new();
    fn memo(
        cache: &mut HashMap<String, Option<DomainCall>>,
        key: &str,
        decide: impl FnOnce(&str) -> Option<DomainCall>,
    ) -> Option<DomainCall> {
        if let Some(c) = cache.get(key) {
            return c.clone();
        }
        let c = decide(key);
        cache.insert(key.to_string(), c.clone());
        c
    }
    let mut summary = EvidenceSummary::default();
    for p in papers.iter_mut() {
        for a in &mut p.authors {
            summary.authors += 1;
            let string_sector = a.affiliations.iter().find(|x| x.sector != Sector::Unknown).map(|x| x.sector);
            let domain_call =
                a.email_domain.as_deref().and_then(|d| memo(&mut domain_cache, d, |d| domains.classify(d)));
            if a.email_domain.is_some() && domain_call.is_none() {
                summary.domain_no_evidence += 1;
            }
            let position_call =
                a.position.as_deref().and_then(|x| memo(&mut position_cache, x, position_sector));
            if let (Some(s), Some(d)) = (string_sector, &domain_call) {
                if s != d.sector && mode == AuthorEvidence::Both {
                    summary.string_domain_conflicts += 1;
                }
            }
            // A weak string call (rules only, confidence below STRONG_STRING) gives way to a strong domain
            // call (curated list or universities list, confidence at least STRONG_DOMAIN) that names
            // another sector.
            let string_conf = a
                .affiliations
                .iter()
                .filter(|x| x.sector != Sector::Unknown)
                .map(|x| x.confidence)
                .fold(0.0, f64::max);
            let overridden = mode == AuthorEvidence::Both
                && string_sector.is_some()
                && string_conf < STRONG_STRING
                && domain_call.as_ref().is_some_and(|d| {
                    d.confidence >= STRONG_DOMAIN && !a.affiliations.iter().any(|x| x.sector == d.sector)
                });
            if overridden {
                summary.domain_overrides += 1;
                for x in &mut a.affiliations {
                    if x.sector != Sector::Unknown {
                        x.reason = format!(
                            "overridden by the e-mail domain (string call was {}: {})",
                            x.sector.as_str(),
                            x.reason
                        );
                        x.sector = Sector::Unknown;
                        x.confidence = 0.0;
                    }
                }
            }
            let use_fallback = match mode {
                AuthorEvidence::String => false,
                AuthorEvidence::Both => string_sector.is_none() || overridden,
                AuthorEvidence::Domain => {
                    for x in &mut a.affiliations {
                        x.sector = Sector::Unknown;
                        x.confidence = 0.0;
                        x.reason = "not used (author_evidence = domain)".into();
                    }
                    true
                }
            };
            let mut evidence = if use_fallback {
                EvidenceKind::None
            } else if string_sector.is_some() {
                EvidenceKind::String
            } else {
                EvidenceKind::None
            };
            if use_fallback {
                if let Some(call) = domain_call {
                    let raw = format!("e-mail domain {}", a.email_domain.as_deref().unwrap_or(""));
                    a.affiliations.push(evidence_affiliation(raw, call, DOMAIN_PREFIX));
                    evidence = EvidenceKind::Domain;
                } else if let Some(call) = position_call {
                    let raw = format!("position {}", a.position.as_deref().unwrap_or(""));
                    a.affiliations.push(evidence_affiliation(raw, call, POSITION_PREFIX));
                    evidence = EvidenceKind::Position;
                }
            }
            match evidence {
                EvidenceKind::String => summary.by_string += 1,
                EvidenceKind::Domain => summary.by_domain += 1,
                EvidenceKind::Position => summary.by_position += 1,
                EvidenceKind::None => summary.unknown += 1,
            }
        }
    }
    summary
}

/// Fill each paper's `team_variants`: its team under every author-evidence rule and unknown-author policy
/// (for the specification curve), each as [`apply_author_evidence`] and `paper::paper_team` would give it.
/// The papers must have their affiliation strings classified and no evidence applied yet; they are not
/// changed otherwise. `defs` gives the rest of the team rule (the academia-leaning share).
pub fn set_team_variants(papers: &mut [Paper], domains: &DomainClassifier, defs: &cd_domain::Definitions) {
    use cd_domain::definitions::UnknownAuthorPolicy;
    use rayon::prelude::*;
    let by_policy: Vec<(UnknownAuthorPolicy, cd_domain::Definitions)> = UnknownAuthorPolicy::ALL
        .into_iter()
        .map(|policy| (policy, cd_domain::Definitions { unknown_author_policy: policy, ..defs.clone() }))
        .collect();
    // The three evidence rules side by side, each on a light copy of the authors: what the rule and the
    // team read (sectors, confidences, e-mail domains, positions), without the names, raw strings and
    // reasons. The variants are collected per rule, then set in rule order (independent of the threads).
    let per_rule: Vec<Vec<[cd_domain::TeamVariant; 3]>> = AuthorEvidence::ALL
        .par_iter()
        .map(|&evidence| {
            let mut light: Vec<Paper> = papers.iter().map(light_copy).collect();
            apply_author_evidence(&mut light, domains, evidence);
            light
                .par_iter()
                .map(|l| {
                    let variant = |(policy, d): &(UnknownAuthorPolicy, cd_domain::Definitions)| {
                        let (kind, shares, leaning) = crate::paper::team_summary(l, d);
                        cd_domain::TeamVariant {
                            evidence,
                            policy: *policy,
                            kind,
                            academic_share: shares.academia,
                            leaning,
                        }
                    };
                    [variant(&by_policy[0]), variant(&by_policy[1]), variant(&by_policy[2])]
                })
                .collect()
        })
        .collect();
    for (i, p) in papers.iter_mut().enumerate() {
        p.team_variants.clear();
        p.team_variants.extend(per_rule.iter().flat_map(|rule| rule[i].iter().cloned()));
    }
}

/// A paper with only what an evidence rule and the team read of its authors: each affiliation's sector and
/// confidence (raw string and reason left empty), the e-mail domain and the position.
fn light_copy(p: &Paper) -> Paper {
    let mut l = Paper::new("", String::new(), None, String::new(), String::new());
    l.authors = p
        .authors
        .iter()
        .map(|a| cd_domain::Authorship {
            author: String::new(),
            affiliations: a
                .affiliations
                .iter()
                .map(|x| cd_domain::Affiliation {
                    raw: String::new(),
                    sector: x.sector,
                    confidence: x.confidence,
                    reason: String::new(),
                })
                .collect(),
            email_domain: a.email_domain.clone(),
            position: a.position.clone(),
        })
        .collect();
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clf() -> DomainClassifier {
        let unis = vec![University {
            name: "Stanford University".into(),
            country: "US".into(),
            domains: vec!["stanford.edu".into()],
        }];
        DomainClassifier::new(&[], &[], &unis, ClassifierOptions::default())
    }

    #[test]
    fn domains() {
        let c = clf();
        assert_eq!(c.classify("cs.stanford.edu").unwrap().sector, Sector::Academia);
        assert_eq!(c.classify("google.com").unwrap().sector, Sector::Industry);
        assert_eq!(c.classify("research.microsoft.com").unwrap().sector, Sector::Industry);
        assert!(c.classify("gmail.com").is_none());
        assert!(c.classify("163.com").is_none());
        assert_eq!(c.classify("ox.ac.uk").unwrap().sector, Sector::Academia);
        assert_eq!(c.classify("mails.tsinghua.edu.cn").unwrap().sector, Sector::Academia);
        assert_eq!(c.classify("nasa.gov").unwrap().sector, Sector::Government);
        assert_eq!(c.classify("turing.ac.uk").unwrap().sector, Sector::NonProfit);
        assert_eq!(c.classify("inria.fr").unwrap().sector, Sector::Academia);
        assert!(c.classify("example.com").is_none());
        assert!(c.classify("").is_none());
        assert_eq!(url_host("http://www.anu.edu.au/").as_deref(), Some("anu.edu.au"));
    }

    #[test]
    fn positions() {
        assert_eq!(position_sector("PhD student").unwrap().sector, Sector::Academia);
        assert_eq!(position_sector("Full Professor").unwrap().sector, Sector::Academia);
        assert!(position_sector("Researcher").is_none());
        assert!(position_sector("Research Scientist").is_none());
        assert!(position_sector("Intern").is_none());
    }

    #[test]
    fn combination() {
        let mut a = Authorship::new("x", vec![]);
        a.email_domain = Some("google.com".into());
        a.position = Some("PhD student".into());
        let mut p = Paper::new("papercopilot", "p".into(), Some(2021), "ICLR".into(), "t".into());
        p.authors.push(a.clone());
        let mut q = p.clone();
        let s = apply_author_evidence(std::slice::from_mut(&mut q), &clf(), AuthorEvidence::Both);
        assert_eq!((s.by_domain, s.unknown), (1, 0));
        let got = author_sector(&q.authors[0]);
        assert_eq!((got.sector, got.evidence), (Sector::Industry, EvidenceKind::Domain));
        let mut q = p.clone();
        apply_author_evidence(std::slice::from_mut(&mut q), &clf(), AuthorEvidence::String);
        assert_eq!(author_sector(&q.authors[0]).evidence, EvidenceKind::None);
        // A known string wins over the domain under `both`; `domain` ignores it.
        let mut q = p.clone();
        q.authors[0].affiliations.push(Affiliation {
            raw: "Stanford".into(),
            sector: Sector::Academia,
            confidence: 0.9,
            reason: "registry".into(),
        });
        let s = apply_author_evidence(std::slice::from_mut(&mut q.clone()), &clf(), AuthorEvidence::Both);
        assert_eq!((s.by_string, s.string_domain_conflicts), (1, 1));
        apply_author_evidence(std::slice::from_mut(&mut q), &clf(), AuthorEvidence::Domain);
        assert_eq!(author_sector(&q.authors[0]).sector, Sector::Industry);
    }

    #[test]
    fn team_variants_match_each_evidence_rule() {
        use cd_domain::definitions::UnknownAuthorPolicy;
        use cd_domain::{Definitions, TeamKind};
        // One academic author by string (no domain), one author known only by a company domain.
        let stanford = Affiliation {
            raw: "Stanford".into(),
            sector: Sector::Academia,
            confidence: 0.9,
            reason: "registry".into(),
        };
        let mut b = Authorship::new("b", vec![]);
        b.email_domain = Some("google.com".into());
        let mut p = Paper::new("papercopilot", "p".into(), Some(2021), "ICLR".into(), "t".into());
        p.authors = vec![Authorship::new("a", vec![stanford]), b];
        let defs = Definitions::default();
        let mut papers = vec![p.clone()];
        set_team_variants(&mut papers, &clf(), &defs);
        assert_eq!(papers[0].authors, p.authors, "the paper's own authors are not changed");
        assert_eq!(papers[0].team_variants.len(), 9);
        let kind = |e: AuthorEvidence, policy: UnknownAuthorPolicy| {
            papers[0].team_variants.iter().find(|v| v.evidence == e && v.policy == policy).unwrap().kind
        };
        use AuthorEvidence::*;
        use UnknownAuthorPolicy::*;
        assert_eq!(kind(String, Drop), TeamKind::AcademicOnly);
        assert_eq!(kind(String, AsIndustry), TeamKind::Collaboration);
        assert_eq!(kind(Both, Drop), TeamKind::Collaboration);
        assert_eq!(kind(Domain, Drop), TeamKind::IndustryOnly);
        assert_eq!(kind(Domain, AsAcademic), TeamKind::Collaboration);
        // Each variant is what applying the rule and taking the team gives.
        for e in AuthorEvidence::ALL {
            for policy in UnknownAuthorPolicy::ALL {
                let mut q = vec![p.clone()];
                apply_author_evidence(&mut q, &clf(), e);
                let d = Definitions { unknown_author_policy: policy, ..defs.clone() };
                assert_eq!(kind(e, policy), crate::paper::paper_team(&q[0], &d).kind, "{e:?} {policy:?}");
            }
        }
    }
}
