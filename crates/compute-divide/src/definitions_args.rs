//! Definitions from the command line: `--config FILE.toml` (parsed into `Definitions`, unknown keys are
//! errors) and per-flag overrides, validated. Shared by the analysis commands and `report`.
//!
//! Precedence: built-in defaults < config file < flags. Any bad key or out-of-range value is a usage
//! error (exit code 2) naming the key and the allowed values.

use crate::common::usage;
use cd_domain::Definitions;
use std::path::{Path, PathBuf};

/// Definition overrides every analysis command accepts.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DefinitionArgs {
    /// TOML file of definitions (the field names of the report's methods section, e.g.
    /// `bootstrap_resamples = 500`, `large_scale_rule = { kind = "threshold", min_flop = 1e23 }`).
    /// Unknown keys are errors. Flags below override the file.
    #[arg(long, value_name = "FILE.toml")]
    pub config: Option<PathBuf>,
    /// Seed of every random draw.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Bootstrap resamples B (default 1000).
    #[arg(long, value_name = "B")]
    pub bootstrap: Option<usize>,
    /// Do not jitter log10 compute by U[log10 ½, log10 2] in bootstrap resamples.
    #[arg(long)]
    pub no_jitter: bool,
    /// Notability filter: study (SOTA / historical / highly cited; default), any_criterion, none.
    #[arg(long, value_name = "study|any_criterion|none")]
    pub notability: Option<String>,
    /// Academic-only: strict (default) or loose (also academia-leaning collaborations).
    #[arg(long, value_name = "strict|loose")]
    pub academic_only: Option<String>,
    /// Large-scale rule: zscore[:SD] (default 0.76 SD above models within ±1 year) or threshold[:FLOP]
    /// (default 1e23).
    #[arg(long, value_name = "zscore[:SD]|threshold[:FLOP]")]
    pub large_scale: Option<String>,
    /// Frontier rule: top-n[:N] (default 10), percentile[:P] (default 90, ±1 year), residual[:OOM]
    /// (default 0.5 above the era trend).
    #[arg(long, value_name = "top-n[:N]|percentile[:P]|residual[:OOM]")]
    pub frontier: Option<String>,
    /// Number of largest models per year for the industry share of the largest models.
    #[arg(long, value_name = "K")]
    pub top_k: Option<usize>,
    /// Epoch vintage (file stem, e.g. all_ml_systems_2023-12-14) when --models is not given.
    #[arg(long, value_name = "STEM")]
    pub vintage: Option<String>,
    /// Evidence of an author's sector: string (affiliation), domain (e-mail domain, then position) or
    /// both (the string; where it says nothing, the domain, then the position; default).
    #[arg(long, value_name = "string|domain|both")]
    pub author_evidence: Option<String>,
    /// Which papers enter the topic test: all (every source; default), complete_lists (Paper Copilot and
    /// the conference list) or ml_core (NeurIPS, ICML, ICLR).
    #[arg(long, value_name = "all|complete_lists|ml_core")]
    pub venue_set: Option<String>,
    /// Count every submission in the publication analyses, not only accepted papers.
    #[arg(long)]
    pub all_submissions: bool,
    /// Which source decides a model's team: epoch_label (Epoch's label only), derived (organisation
    /// names only) or label_then_derived (the label, else the names; default).
    #[arg(long, value_name = "epoch_label|derived|label_then_derived")]
    pub team_source: Option<String>,
    /// Which models feed the frontier gap's envelopes: dl_era (from the deep-learning era on; default) or
    /// all_models (however old).
    #[arg(long, value_name = "dl_era|all_models")]
    pub gap_from: Option<String>,
}

/// Parse a TOML config into `Definitions` (`Definitions::from_toml`: defaults for absent keys, unknown
/// keys refused at every level); its errors are the user's (exit code 2), named by `origin`.
pub fn parse_config(text: &str, origin: &str) -> anyhow::Result<Definitions> {
    Definitions::from_toml(text).map_err(|e| usage(format!("{origin}: {e}")))
}

/// Defaults, then the config file, then the flags; validated.
pub fn load_definitions(config: Option<&Path>, overrides: &DefinitionArgs) -> anyhow::Result<Definitions> {
    let mut d = match config {
        Some(p) => {
            let text = cd_ingest::read_text(p).map_err(|e| anyhow::anyhow!("--config: {e}"))?;
            parse_config(&text, &p.display().to_string())?
        }
        None => Definitions::default(),
    };
    let o = overrides;
    d.seed = o.seed.unwrap_or(d.seed);
    d.bootstrap_resamples = o.bootstrap.unwrap_or(d.bootstrap_resamples);
    d.bootstrap_jitter &= !o.no_jitter;
    d.top_k_largest = o.top_k.unwrap_or(d.top_k_largest);
    if o.all_submissions {
        d.paper_statuses = cd_domain::definitions::PaperStatusFilter::All;
    }
    if let Some(v) = &o.vintage {
        d.vintage = Some(v.clone());
    }
    // The choices, each over the value in force (`Definitions::set_from_text`).
    for (flag, key, text) in [
        ("--author-evidence", "author_evidence", &o.author_evidence),
        ("--venue-set", "venue_set", &o.venue_set),
        ("--notability", "notability_filter", &o.notability),
        ("--academic-only", "academic_only", &o.academic_only),
        ("--large-scale", "large_scale_rule", &o.large_scale),
        ("--frontier", "frontier_rule", &o.frontier),
        ("--team-source", "team_source", &o.team_source),
        ("--gap-from", "gap_from", &o.gap_from),
    ] {
        if let Some(text) = text {
            d.set_from_text(key, text).map_err(|e| usage(format!("{flag}: {e}")))?;
        }
    }
    d.validate().map_err(usage)?;
    Ok(d)
}

impl DefinitionArgs {
    /// `load_definitions` with this argument's own `--config`.
    pub fn load(&self) -> anyhow::Result<Definitions> {
        load_definitions(self.config.as_deref(), self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::exit_code_of;
    use cd_domain::definitions::{AcademicOnlyRule, FrontierRule, LargeScaleRule};

    #[test]
    fn config_then_flags() {
        // The file's parsing is `Definitions::from_toml`'s (tested in cd-domain); here, the flags over it.
        let args = DefinitionArgs {
            bootstrap: Some(50),
            frontier: Some("percentile:95".into()),
            academic_only: Some("loose".into()),
            no_jitter: true,
            ..Default::default()
        };
        let d = load_definitions(None, &args).unwrap();
        assert_eq!(d.bootstrap_resamples, 50);
        assert!(!d.bootstrap_jitter);
        assert_eq!(d.academic_only, AcademicOnlyRule::Loose);
        assert_eq!(d.frontier_rule, FrontierRule::Percentile { percentile: 95.0, window_years: 1.0 });
    }

    #[test]
    fn a_flag_keeps_the_config_files_other_values() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(
            &cfg,
            "large_scale_rule = { kind = \"z_score\", threshold = 0.7, window_years = 2.0 }\n",
        )
        .unwrap();
        let args = DefinitionArgs { large_scale: Some("zscore:1.5".into()), ..Default::default() };
        let d = load_definitions(Some(&cfg), &args).unwrap();
        assert_eq!(d.large_scale_rule, LargeScaleRule::ZScore { threshold: 1.5, window_years: 2.0 });
    }

    #[test]
    fn errors_name_flag_key_and_allowed_values_and_exit_2() {
        let e = parse_config("bootstrap_resampels = 3\n", "bad.toml").unwrap_err();
        let msg = format!("{e:#}");
        assert!(msg.contains("bad.toml") && msg.contains("bootstrap_resampels"), "{msg}");
        assert!(msg.contains("bootstrap_resamples"), "lists the allowed keys: {msg}");
        assert_eq!(exit_code_of(&e), 2);
        let flags = |f: fn(&mut DefinitionArgs)| {
            let mut a = DefinitionArgs::default();
            f(&mut a);
            format!("{}", load_definitions(None, &a).unwrap_err())
        };
        assert!(flags(|a| a.frontier = Some("top-n:0".into())).contains("frontier_rule: top_n n must be ≥ 1"));
        assert!(flags(|a| a.large_scale = Some("big".into())).starts_with("--large-scale: unknown rule"));
        assert_eq!(
            flags(|a| a.academic_only = Some("lax".into())),
            "--academic-only: unknown rule \"lax\"; allowed: strict, loose"
        );
        assert!(flags(|a| a.team_source = Some("labels".into())).starts_with("--team-source: unknown source"));
        assert!(flags(|a| a.bootstrap = Some(0)).contains("bootstrap_resamples: must be 1–1000000"));
        let e = load_definitions(None, &DefinitionArgs { gap_from: Some("x".into()), ..Default::default() });
        assert_eq!(exit_code_of(&e.unwrap_err()), 2);
    }
}
