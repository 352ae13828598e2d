//! The report's sections built from papers, one module per section: `publications`, `topics`,
//! `review`, `adoption`, `scrutiny`. Each renders the result of its analysis step in `cd-analysis`
//! (`publications::publication_study`, `topics::corpus::topic_study`, `publications::review_study`,
//! `adoption::study::adoption_study`) and has an `ID` and a `TITLE`.
//!
//! The binary hands them over as a list of [`Slot`]s in report order (`ReportInput::sections`): built,
//! or missing with the input files or folders that would make them, which the empty state names.

pub mod adoption;
pub mod provision;
pub mod publications;
pub mod review;
pub mod scrutiny;
pub mod topics;

use crate::Section;
use cd_analysis::adoption::ShareEstimate;

/// The paper sections in report order: `(ID, TITLE)`.
pub const PAPER_SECTIONS: [(&str, &str); 5] = [
    (publications::ID, publications::TITLE),
    (topics::ID, topics::TITLE),
    (review::ID, review::TITLE),
    (adoption::ID, adoption::TITLE),
    (scrutiny::ID, scrutiny::TITLE),
];

/// The paper sections of a paper study's parts, built, in report order (all five when every part was
/// run).
pub fn built(
    study: &cd_analysis::paper_study::PaperStudy,
    defs: &cd_domain::Definitions,
) -> crate::Result<Vec<Slot>> {
    let mut sections = Vec::new();
    for (id, _) in PAPER_SECTIONS {
        let section = match id {
            publications::ID => study.publications.as_ref().map(|p| publications::section(p, defs)),
            topics::ID => study.topics.as_ref().map(|(c, t)| topics::section(c, t)),
            review::ID => study.review.as_ref().map(|r| review::section(r, defs)),
            adoption::ID => study.adoption.as_ref().map(adoption::section),
            scrutiny::ID => study.adoption.as_ref().map(scrutiny::section),
            _ => None,
        };
        if let Some(s) = section {
            sections.push(Slot::Built(s?));
        }
    }
    Ok(sections)
}

/// The part of the paper analyses (`cd_analysis::paper_study`) a paper section shows, by section id;
/// `None` for a section not built from papers.
pub fn paper_part(id: &str) -> Option<cd_analysis::paper_study::PaperPart> {
    use cd_analysis::paper_study::PaperPart;
    match id {
        publications::ID => Some(PaperPart::Publications),
        topics::ID => Some(PaperPart::Topics),
        review::ID => Some(PaperPart::Review),
        adoption::ID | scrutiny::ID => Some(PaperPart::Adoption),
        _ => None,
    }
}

/// One section of the report as its builder hands it over.
#[derive(Debug, Clone)]
pub enum Slot {
    Built(Section),
    /// The section could not be built: its input is missing from the data folder.
    Missing {
        id: String,
        title: String,
        /// What is missing, as paths relative to the data folder (`papercopilot/`, `ai_index_rai/*.csv`).
        needs: Vec<String>,
    },
}

impl Slot {
    /// A section missing `needs` (paths relative to the data folder).
    pub fn missing(id: &str, title: &str, needs: &[String]) -> Slot {
        Slot::Missing { id: id.to_string(), title: title.to_string(), needs: needs.to_vec() }
    }

    /// The section to show: the built one, or an empty state naming the missing input.
    pub fn to_section(&self) -> Section {
        match self {
            Slot::Built(s) => s.clone(),
            Slot::Missing { id, title, needs } => Section::missing_input(id, title, &needs_text(needs)),
        }
    }
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn needs_text(needs: &[String]) -> String {
    let quoted: Vec<String> = needs.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => "its input".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// A value, or empty when absent.
pub fn fmt_opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// A share with its 95% interval and counts (`12.5% [8.1, 18.0] (20/160)`), or `n/a (0/n)`.
pub fn fmt_share(s: &ShareEstimate) -> String {
    match (s.share, s.low, s.high) {
        (Some(p), Some(l), Some(h)) => {
            format!("{:.1}% [{:.1}, {:.1}] ({}/{})", 100.0 * p, 100.0 * l, 100.0 * h, s.count, s.total)
        }
        _ => format!("n/a (0/{})", s.total),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_section_names_its_input() {
        let slot = Slot::missing(
            topics::ID,
            topics::TITLE,
            &["conferences/papers.csv".to_string(), "ai_index_rai/*.csv".to_string()],
        );
        let s = slot.to_section();
        assert_eq!((s.id.as_str(), s.title.as_str()), ("topics", "Topics and compute intensity"));
        assert_eq!(
            s.not_computed.as_deref(),
            Some("Not computed: needs `conferences/papers.csv` and `ai_index_rai/*.csv` in the data folder.")
        );
        assert!(s.figures.is_empty() && s.tables.is_empty());
        assert_eq!(needs_text(&["a".into(), "b".into(), "c".into()]), "`a`, `b` and `c`");
    }
}
