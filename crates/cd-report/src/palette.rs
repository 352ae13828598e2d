//! The report's colours: the Okabe–Ito palette (safe for the common colour-vision deficiencies), with ONE
//! fixed colour per team kind used by every figure, so a reader learns "blue = academic-only" once.
//!
//! It holds names and hex codes only; no figure decides its own team colours.

use cd_domain::TeamKind;

/// Okabe & Ito (2008), "Color Universal Design".
pub const BLACK: &str = "#000000";
pub const ORANGE: &str = "#E69F00";
pub const SKY_BLUE: &str = "#56B4E9";
pub const BLUISH_GREEN: &str = "#009E73";
pub const YELLOW: &str = "#F0E442";
pub const BLUE: &str = "#0072B2";
pub const VERMILLION: &str = "#D55E00";
pub const REDDISH_PURPLE: &str = "#CC79A7";
/// Not an Okabe–Ito colour: the neutral for "unknown" and for reference marks.
pub const GREY: &str = "#8C8C8C";

/// The colour of a team kind, everywhere.
pub fn team_color(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::AcademicOnly => BLUE,
        TeamKind::IndustryOnly => VERMILLION,
        TeamKind::Collaboration => BLUISH_GREEN,
        TeamKind::Other => REDDISH_PURPLE,
        TeamKind::Unknown => GREY,
    }
}

/// The reader-facing name of a team kind.
pub fn team_label(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::AcademicOnly => "Academic-only",
        TeamKind::IndustryOnly => "Industry-only",
        TeamKind::Collaboration => "Collaboration",
        TeamKind::Other => "Other (government, non-profit, collective)",
        TeamKind::Unknown => "Unknown",
    }
}

/// The colour of the pooled series ("all models").
pub const ALL_MODELS: &str = BLACK;
/// Open-weight models (openness figures).
pub const OPEN: &str = ORANGE;
/// Closed models: API, hosted or unreleased.
pub const CLOSED: &str = SKY_BLUE;
/// A specification that supports the claim, and one that does not.
pub const SUPPORTS: &str = BLUE;
pub const DOES_NOT_SUPPORT: &str = GREY;

/// Colour for a team key as the analyses spell it (`academic_only`, ..., or `all`).
pub fn team_key_color(key: &str) -> &'static str {
    match TeamKind::parse(key) {
        Some(k) => team_color(k),
        None => ALL_MODELS,
    }
}

/// Reader-facing label for a team key as the analyses spell it.
pub fn team_key_label(key: &str) -> String {
    match TeamKind::parse(key) {
        Some(k) => team_label(k).to_string(),
        None if key == "all" => "All models".to_string(),
        None => key.replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_team_kind_has_its_own_colour() {
        let mut c: Vec<&str> = TeamKind::ALL.iter().map(|k| team_color(*k)).collect();
        c.push(ALL_MODELS);
        let n = c.len();
        c.sort();
        c.dedup();
        assert_eq!(c.len(), n);
        assert_eq!(team_key_color("industry_only"), VERMILLION);
        assert_eq!(team_key_label("all"), "All models");
    }
}
