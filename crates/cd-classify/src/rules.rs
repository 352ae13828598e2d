//! String rules: words in an institution's name that say its sector when no registry or curated entry
//! matches (`University`, `Universität`, `Institute of Technology`, `Inc.`, `GmbH`, `National
//! Laboratory`, `Foundation` ...).
//!
//! Every rule has a confidence; the most confident matching rule decides, and on ties the earlier one
//! (the list is in groups: government, academia, hospitals, non-profit, industry, research institutes).
//! So `Department of Energy` (0.9) beats `Department` (0.7), `University Foundation` is academic,
//! `Geely Automobile Research Institute Company` is a company (`Company` 0.8 over `Institute` 0.6). Rules work on normalised names
//! (see `normalize`), as whole words. Data and matching only; no I/O.

use crate::curated::CuratedKind;
use aho_corasick::AhoCorasick;
use cd_domain::Sector;
use std::sync::OnceLock;

/// How a rule matches a normalised name.
#[derive(Debug, Clone, Copy)]
pub enum Pattern {
    /// A phrase of whole words anywhere in the name.
    Phrase(&'static str),
    /// A word that starts with this prefix (`univ` matches `universitat`, `universidade` ...).
    Prefix(&'static str),
    /// The last word of the name.
    Last(&'static str),
    /// The first word of the name (`U. Montreal`, `TU Dortmund`).
    First(&'static str),
    /// A word that ends with this suffix and is longer than it (`Marburguniversity`, glued words).
    Suffix(&'static str),
}

/// One string rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub pattern: Pattern,
    pub kind: CuratedKind,
    pub confidence: f64,
}

const fn r(pattern: Pattern, kind: CuratedKind, confidence: f64) -> Rule {
    Rule { pattern, kind, confidence }
}

use Pattern::{First, Last, Phrase, Prefix, Suffix};
const GOV: CuratedKind = CuratedKind::Sector(Sector::Government);
const ACA: CuratedKind = CuratedKind::Sector(Sector::Academia);
const NPO: CuratedKind = CuratedKind::Sector(Sector::NonProfit);
const IND: CuratedKind = CuratedKind::Sector(Sector::Industry);
const RES: CuratedKind = CuratedKind::ResearchInstitute;
/// Hospitals and medical centres: sector per `ClassifierOptions::hospital_sector`.
pub const HOSPITAL: CuratedKind = CuratedKind::Hospital;

/// The rules, in groups; within the list, earlier rules win.
pub const RULES: &[Rule] = &[
    // Government.
    r(Phrase("national laboratory"), GOV, 0.85),
    r(Phrase("national laboratories"), GOV, 0.85),
    r(Phrase("national lab"), GOV, 0.8),
    r(Phrase("ministry"), GOV, 0.85),
    r(Phrase("department of energy"), GOV, 0.9),
    r(Phrase("department of defense"), GOV, 0.9),
    r(Phrase("department of defence"), GOV, 0.9),
    r(Phrase("department of health and human services"), GOV, 0.9),
    r(Phrase("department of veterans affairs"), GOV, 0.9),
    r(Phrase("department of agriculture"), GOV, 0.85),
    r(Phrase("government"), GOV, 0.85),
    r(Phrase("army"), GOV, 0.8),
    r(Phrase("navy"), GOV, 0.8),
    r(Phrase("naval"), GOV, 0.8),
    r(Phrase("air force"), GOV, 0.8),
    r(Phrase("police"), GOV, 0.8),
    r(Phrase("national research council"), GOV, 0.8),
    r(Phrase("national institutes of health"), GOV, 0.9),
    r(Phrase("state administration"), GOV, 0.8),
    r(Phrase("bundesamt"), GOV, 0.8),
    r(Phrase("bundesanstalt"), GOV, 0.8),
    // Academia.
    r(Prefix("univ"), ACA, 0.9),
    r(Prefix("uniwersytet"), ACA, 0.9),
    r(First("u"), ACA, 0.8),
    // Misspellings and abbreviations: `Unversity`, `Unviersity`, `Uni Alberta`, `Duke U`, glued words.
    r(Prefix("unv"), ACA, 0.85),
    r(First("uni"), ACA, 0.8),
    r(Last("u"), ACA, 0.75),
    r(Suffix("university"), ACA, 0.85),
    r(Suffix("institute"), RES, 0.55),
    // `Insitute`, `Intitute` (misspelt `Institute`).
    r(Prefix("insitut"), RES, 0.6),
    r(Prefix("intitut"), RES, 0.6),
    r(First("uc"), ACA, 0.8),
    r(First("tu"), ACA, 0.8),
    r(First("fu"), ACA, 0.75),
    r(First("ctu"), ACA, 0.75),
    r(Phrase("institute of technology"), ACA, 0.85),
    r(Phrase("inst of technology"), ACA, 0.85),
    r(Phrase("polytechnic"), ACA, 0.85),
    r(Prefix("politecnic"), ACA, 0.85),
    r(Phrase("polytechnique"), ACA, 0.85),
    r(Phrase("college"), ACA, 0.85),
    r(Phrase("ecole"), ACA, 0.8),
    r(Phrase("escuela"), ACA, 0.8),
    r(Phrase("scuola"), ACA, 0.8),
    r(Prefix("hochschule"), ACA, 0.85),
    r(Phrase("technische"), ACA, 0.8),
    r(Phrase("school"), ACA, 0.8),
    r(Phrase("faculty"), ACA, 0.8),
    r(Phrase("faculdade"), ACA, 0.8),
    r(Phrase("facultad"), ACA, 0.8),
    r(Phrase("academy of sciences"), ACA, 0.8),
    r(Phrase("academy of science"), ACA, 0.8),
    r(Phrase("department"), ACA, 0.7),
    r(Phrase("dept"), ACA, 0.7),
    r(Phrase("dep"), ACA, 0.6),
    r(Phrase("laboratoire"), ACA, 0.65),
    r(Phrase("instituto tecnologico"), ACA, 0.8),
    r(Phrase("iit"), ACA, 0.8),
    r(Phrase("iiit"), ACA, 0.8),
    r(Phrase("phd student"), ACA, 0.7),
    r(Phrase("graduate student"), ACA, 0.7),
    r(Phrase("professor"), ACA, 0.7),
    r(Phrase("student"), ACA, 0.6),
    // Weaker government words, after the academic ones (`Swiss Federal Institute of Technology`).
    r(Phrase("federal"), GOV, 0.7),
    r(Phrase("agency"), GOV, 0.7),
    r(Phrase("military"), GOV, 0.7),
    // Hospitals (option `hospital_sector`, default academia).
    r(Phrase("hospital"), HOSPITAL, 0.75),
    r(Phrase("medical center"), HOSPITAL, 0.75),
    r(Phrase("medical centre"), HOSPITAL, 0.75),
    r(Phrase("clinic"), HOSPITAL, 0.7),
    r(Phrase("health system"), HOSPITAL, 0.65),
    // Non-profits.
    r(Phrase("foundation"), NPO, 0.75),
    r(Phrase("stiftung"), NPO, 0.75),
    r(Phrase("fondation"), NPO, 0.75),
    r(Phrase("fundacion"), NPO, 0.75),
    r(Phrase("non profit"), NPO, 0.85),
    r(Phrase("nonprofit"), NPO, 0.85),
    r(Phrase("charity"), NPO, 0.75),
    r(Phrase("e v"), NPO, 0.6),
    // Industry.
    r(Phrase("inc"), IND, 0.85),
    r(Phrase("incorporated"), IND, 0.85),
    r(Phrase("ltd"), IND, 0.85),
    r(Phrase("limited"), IND, 0.8),
    r(Phrase("llc"), IND, 0.85),
    r(Phrase("llp"), IND, 0.85),
    r(Phrase("corp"), IND, 0.85),
    r(Phrase("corporation"), IND, 0.8),
    r(Phrase("gmbh"), IND, 0.85),
    r(Phrase("ag"), IND, 0.7),
    r(Phrase("co"), IND, 0.7),
    r(Phrase("company"), IND, 0.8),
    r(Phrase("plc"), IND, 0.85),
    r(Phrase("s a"), IND, 0.7),
    r(Phrase("sas"), IND, 0.7),
    r(Phrase("sarl"), IND, 0.75),
    r(Phrase("spa"), IND, 0.7),
    r(Phrase("s p a"), IND, 0.75),
    r(Phrase("bv"), IND, 0.75),
    r(Phrase("b v"), IND, 0.75),
    r(Phrase("nv"), IND, 0.7),
    r(Phrase("kk"), IND, 0.7),
    r(Phrase("pte"), IND, 0.8),
    r(Phrase("pty"), IND, 0.8),
    r(Phrase("technologies"), IND, 0.75),
    r(Phrase("labs"), IND, 0.65),
    r(Phrase("systems"), IND, 0.5),
    r(Phrase("software"), IND, 0.65),
    r(Phrase("solutions"), IND, 0.55),
    r(Phrase("robotics"), IND, 0.5),
    r(Phrase("networks"), IND, 0.5),
    r(Phrase("holdings"), IND, 0.75),
    r(Phrase("group"), IND, 0.5),
    r(Phrase("pharmaceuticals"), IND, 0.75),
    r(Phrase("pharma"), IND, 0.75),
    r(Phrase("therapeutics"), IND, 0.75),
    r(Phrase("biosciences"), IND, 0.6),
    r(Phrase("biotech"), IND, 0.7),
    r(Phrase("biotechnology"), IND, 0.6),
    r(Phrase("consulting"), IND, 0.7),
    r(Phrase("capital"), IND, 0.5),
    r(Phrase("ventures"), IND, 0.7),
    r(Phrase("analytics"), IND, 0.5),
    r(Phrase("bank"), IND, 0.7),
    r(Phrase("insurance"), IND, 0.7),
    r(Phrase("startup"), IND, 0.7),
    // Research institutes (option `research_institute_sector`, default academia).
    r(Prefix("institut"), RES, 0.6),
    r(Phrase("istituto"), RES, 0.6),
    r(Phrase("research center"), RES, 0.6),
    r(Phrase("research centre"), RES, 0.6),
    r(Phrase("centre for"), RES, 0.6),
    r(Phrase("center for"), RES, 0.6),
    r(Phrase("centre de"), RES, 0.6),
    r(Phrase("centro de"), RES, 0.6),
    r(Phrase("research institute"), RES, 0.6),
    r(Phrase("centre national"), RES, 0.6),
    r(Phrase("national center"), RES, 0.6),
    r(Phrase("national centre"), RES, 0.6),
    r(Phrase("laboratory"), RES, 0.55),
    r(Phrase("academy"), RES, 0.55),
    r(Phrase("lab"), RES, 0.5),
    // Names ending in `AI` or `Technology` are mostly start-ups (`Contextual AI`, `Shenzhen Yuanxiang
    // Technology`); only tried after institute words (`Shenzhen Institute of Advanced Technology`).
    r(Last("ai"), IND, 0.55),
    r(Last("technology"), IND, 0.55),
    // A name ending in `Research` with nothing else to go on is most often a company's lab
    // (`Nous Research`, `Basecamp Research`).
    r(Last("research"), IND, 0.5),
];

struct Matcher {
    /// Automaton over ` phrase ` (space-padded) for every `Phrase` rule.
    phrases: AhoCorasick,
    /// Rule index of each automaton pattern.
    phrase_rule: Vec<usize>,
}

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let mut pats = Vec::new();
        let mut phrase_rule = Vec::new();
        for (i, rule) in RULES.iter().enumerate() {
            if let Phrase(p) = rule.pattern {
                pats.push(format!(" {p} "));
                phrase_rule.push(i);
            }
        }
        let phrases = AhoCorasick::new(&pats).expect("rule phrases form a valid automaton");
        Matcher { phrases, phrase_rule }
    })
}

/// The most confident rule that matches a normalised name (words separated by single spaces); the
/// earlier rule in `RULES` on ties. A weak word (`Analytics`, 0.5) thus yields to a stronger one
/// (`Centre for`, 0.6; `Institute of Technology`, 0.85) wherever it stands in the name.
pub fn first_match(normalized: &str) -> Option<&'static Rule> {
    if normalized.is_empty() {
        return None;
    }
    let m = matcher();
    let padded = format!(" {normalized} ");
    let last = normalized.rsplit(' ').next().unwrap_or("");
    let first = normalized.split(' ').next().unwrap_or("");
    let mut best: Option<usize> = None;
    let mut consider = |i: usize| {
        let better = match best {
            None => true,
            Some(b) => {
                RULES[i].confidence > RULES[b].confidence
                    || (RULES[i].confidence == RULES[b].confidence && i < b)
            }
        };
        if better {
            best = Some(i);
        }
    };
    for hit in m.phrases.find_overlapping_iter(&padded) {
        consider(m.phrase_rule[hit.pattern().as_usize()]);
    }
    for (i, rule) in RULES.iter().enumerate() {
        let matched = match rule.pattern {
            Phrase(_) => false,
            Prefix(p) => normalized.split(' ').any(|w| w.starts_with(p)),
            Last(p) => last == p,
            First(p) => first == p,
            Suffix(p) => normalized.split(' ').any(|w| w.len() > p.len() && w.ends_with(p)),
        };
        if matched {
            consider(i);
        }
    }
    best.map(|i| &RULES[i])
}

/// Human-readable form of a rule's pattern, for reasons.
pub fn describe(rule: &Rule) -> String {
    match rule.pattern {
        Phrase(p) => format!("word(s) '{p}'"),
        Prefix(p) => format!("word starting with '{p}'"),
        Last(p) => format!("last word '{p}'"),
        First(p) => format!("first word '{p}'"),
        Suffix(p) => format!("word ending with '{p}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn kind(name: &str) -> Option<CuratedKind> {
        first_match(&normalize(name)).map(|r| r.kind)
    }

    #[test]
    fn rules_by_group() {
        assert_eq!(kind("Technische Universität München"), Some(ACA));
        assert_eq!(kind("Universidad de Chile"), Some(ACA));
        assert_eq!(kind("École Normale Supérieure"), Some(ACA));
        assert_eq!(kind("US Department of Energy"), Some(GOV));
        assert_eq!(kind("Department of Computer Science"), Some(ACA));
        assert_eq!(kind("Acme Widgets GmbH"), Some(IND));
        assert_eq!(kind("Foo Bar Co., Ltd."), Some(IND));
        assert_eq!(kind("Geely Automobile Research Institute (Ningbo) Company"), Some(IND));
        assert_eq!(kind("Lawrence Livermore National Laboratory"), Some(GOV));
        assert_eq!(kind("Gates Foundation"), Some(NPO));
        assert_eq!(kind("Institut für Informatik"), Some(RES));
        assert_eq!(kind("Contextual AI"), Some(IND));
        assert_eq!(kind("Mass General Hospital"), Some(HOSPITAL));
        assert_eq!(kind("Agriculture"), None);
        assert_eq!(kind("Coimbra"), None);
        assert_eq!(kind("Marburguniversity"), Some(ACA));
        assert_eq!(kind("Unversity of Oxford"), Some(ACA));
        assert_eq!(kind("Northwestern U"), Some(ACA));
        assert_eq!(kind("Uni-Karlsruhe"), Some(ACA));
    }
}
