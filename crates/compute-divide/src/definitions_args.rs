//! Definitions from the command line: `--config FILE.toml` (parsed into `Definitions`, unknown keys are
//! errors) and per-flag overrides, validated. Shared by the analysis commands and `report`.
//!
//! Precedence: built-in defaults < config file < flags. Any bad key or out-of-range value is a usage
//! error (exit code 2) naming the key and the allowed values.

use crate::common::usage;
use cd_domain::definitions::{
    AcademicOnlyRule, FrontierRule, GapFrom, LargeScaleRule, NotabilityFilter, TeamSourceRule,
};
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

fn parse_num<T: std::str::FromStr>(key: &str, text: &str, allowed: &str) -> anyhow::Result<T> {
    text.trim().parse().map_err(|_| usage(format!("{key}: {text:?} is not a number; allowed: {allowed}")))
}

/// `zscore[:SD]` or `threshold[:FLOP]` over `current`: a value the flag does not give (the window, or
/// the number itself) keeps the rule in force when it is of the same kind, else the default of
/// `Definitions` (the defaults live only in `cd-domain`).
pub fn parse_large_scale(text: &str, current: &LargeScaleRule) -> anyhow::Result<LargeScaleRule> {
    const ALLOWED: &str = "zscore[:SD] (SD finite), threshold[:FLOP] (FLOP > 0)";
    let (kind, value) = text.split_once(':').map_or((text, None), |(k, v)| (k, Some(v)));
    let default_grid = cd_domain::definitions::SpecCurveGrid::default().large_scale;
    let zscore = [current].into_iter().chain(&default_grid).find_map(|r| match *r {
        LargeScaleRule::ZScore { threshold, window_years } => Some((threshold, window_years)),
        _ => None,
    });
    let threshold = [current].into_iter().chain(&default_grid).find_map(|r| match *r {
        LargeScaleRule::Threshold { min_flop } => Some(min_flop),
        _ => None,
    });
    match (kind.trim(), zscore, threshold) {
        ("zscore", Some((t, w)), _) => Ok(LargeScaleRule::ZScore {
            threshold: value.map(|v| parse_num("--large-scale", v, ALLOWED)).transpose()?.unwrap_or(t),
            window_years: w,
        }),
        ("threshold", _, Some(f)) => Ok(LargeScaleRule::Threshold {
            min_flop: value.map(|v| parse_num("--large-scale", v, ALLOWED)).transpose()?.unwrap_or(f),
        }),
        (other, _, _) => Err(usage(format!("--large-scale: unknown rule {other:?}; allowed: {ALLOWED}"))),
    }
}

/// `top-n[:N]`, `percentile[:P]` or `residual[:OOM]` over `current`, as [`parse_large_scale`]: missing
/// values come from the rule in force when it is of the same kind, else from the spec-curve defaults.
pub fn parse_frontier(text: &str, current: &FrontierRule) -> anyhow::Result<FrontierRule> {
    const ALLOWED: &str = "top-n[:N] (N ≥ 1), percentile[:P] (0–100), residual[:OOM]";
    let (kind, value) = text.split_once(':').map_or((text, None), |(k, v)| (k, Some(v)));
    let grid = cd_domain::definitions::SpecCurveGrid::default().open_closed_frontier;
    let mut known = vec![*current, Definitions::default().frontier_rule];
    known.extend(grid);
    match kind.trim() {
        "top-n" | "top_n" => {
            let n = known.iter().find_map(|r| match *r {
                FrontierRule::TopN { n } => Some(n),
                _ => None,
            });
            let given: Option<usize> = value.map(|v| parse_num("--frontier", v, ALLOWED)).transpose()?;
            Ok(FrontierRule::TopN { n: given.or(n).unwrap_or(1) })
        }
        "percentile" => {
            let (p, w) = known
                .iter()
                .find_map(|r| match *r {
                    FrontierRule::Percentile { percentile, window_years } => Some((percentile, window_years)),
                    _ => None,
                })
                .unwrap_or((90.0, 1.0));
            let given: Option<f64> = value.map(|v| parse_num("--frontier", v, ALLOWED)).transpose()?;
            Ok(FrontierRule::Percentile { percentile: given.unwrap_or(p), window_years: w })
        }
        "residual" => {
            let m = known
                .iter()
                .find_map(|r| match *r {
                    FrontierRule::Residual { min_residual_oom } => Some(min_residual_oom),
                    _ => None,
                })
                .unwrap_or(0.5);
            let given: Option<f64> = value.map(|v| parse_num("--frontier", v, ALLOWED)).transpose()?;
            Ok(FrontierRule::Residual { min_residual_oom: given.unwrap_or(m) })
        }
        other => Err(usage(format!("--frontier: unknown rule {other:?}; allowed: {ALLOWED}"))),
    }
}

/// Check every value's range (`Definitions::validate`, the one validation in `cd-domain`).
pub fn validate(d: &Definitions) -> Result<(), String> {
    d.validate()
}

/// Keys of `input` that `known` (the parsed definitions written back) lacks, at any nesting level: serde
/// cannot refuse unknown fields inside internally tagged rules, so they are found here.
fn unknown_keys(input: &toml::Value, known: &toml::Value, path: &str, out: &mut Vec<String>) {
    match (input, known) {
        (toml::Value::Table(i), toml::Value::Table(k)) => {
            for (key, v) in i {
                let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match k.get(key) {
                    Some(kv) => unknown_keys(v, kv, &at, out),
                    None => out.push(at),
                }
            }
        }
        (toml::Value::Array(i), toml::Value::Array(k)) => {
            for (n, (iv, kv)) in i.iter().zip(k).enumerate() {
                unknown_keys(iv, kv, &format!("{path}[{n}]"), out);
            }
        }
        _ => {}
    }
}

/// Parse a TOML config into `Definitions` (defaults for absent keys; unknown keys are errors at every
/// level).
pub fn parse_config(text: &str, origin: &str) -> anyhow::Result<Definitions> {
    let d = toml::from_str::<Definitions>(text)
        .map_err(|e| usage(format!("{origin}: {}", e.to_string().trim())))?;
    let input: toml::Value =
        toml::from_str(text).map_err(|e| usage(format!("{origin}: {}", e.to_string().trim())))?;
    let known = toml::Value::try_from(&d).map_err(|e| usage(format!("{origin}: {e}")))?;
    let mut unknown = vec![];
    unknown_keys(&input, &known, "", &mut unknown);
    if !unknown.is_empty() {
        return Err(usage(format!(
            "{origin}: unknown key{} {}; see `report --print-config` for the keys and their values",
            if unknown.len() > 1 { "s" } else { "" },
            unknown.join(", ")
        )));
    }
    Ok(d)
}

/// Defaults, then the config file, then the flags; validated.
pub fn load_definitions(config: Option<&Path>, overrides: &DefinitionArgs) -> anyhow::Result<Definitions> {
    let mut d = match config {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| usage(format!("--config {}: cannot read: {e}", p.display())))?;
            parse_config(&text, &p.display().to_string())?
        }
        None => Definitions::default(),
    };
    let o = overrides;
    if let Some(s) = o.seed {
        d.seed = s;
    }
    if let Some(e) = &o.author_evidence {
        d.author_evidence = cd_domain::definitions::AuthorEvidence::parse(e).ok_or_else(|| {
            usage(format!("--author-evidence: unknown evidence {e:?}; allowed: string, domain, both"))
        })?;
    }
    if o.all_submissions {
        d.paper_statuses = cd_domain::definitions::PaperStatusFilter::All;
    }
    if let Some(b) = o.bootstrap {
        d.bootstrap_resamples = b;
    }
    if o.no_jitter {
        d.bootstrap_jitter = false;
    }
    if let Some(n) = &o.notability {
        d.notability_filter = match n.as_str() {
            "study" => NotabilityFilter::Study,
            "any_criterion" | "any-criterion" => NotabilityFilter::AnyCriterion,
            "none" => NotabilityFilter::None,
            other => {
                return Err(usage(format!(
                    "--notability: unknown filter {other:?}; allowed: study, any_criterion, none"
                )))
            }
        };
    }
    if let Some(a) = &o.academic_only {
        d.academic_only = match a.as_str() {
            "strict" => AcademicOnlyRule::Strict,
            "loose" => AcademicOnlyRule::Loose,
            other => {
                return Err(usage(format!("--academic-only: unknown rule {other:?}; allowed: strict, loose")))
            }
        };
    }
    if let Some(r) = &o.large_scale {
        d.large_scale_rule = parse_large_scale(r, &d.large_scale_rule)?;
    }
    if let Some(r) = &o.frontier {
        d.frontier_rule = parse_frontier(r, &d.frontier_rule)?;
    }
    if let Some(t) = &o.team_source {
        d.team_source = TeamSourceRule::parse(t).ok_or_else(|| {
            usage(format!(
                "--team-source: unknown source {t:?}; allowed: epoch_label, derived, label_then_derived"
            ))
        })?;
    }
    if let Some(g) = &o.gap_from {
        d.gap_from = GapFrom::parse(g)
            .ok_or_else(|| usage(format!("--gap-from: unknown choice {g:?}; allowed: dl_era, all_models")))?;
    }
    if let Some(k) = o.top_k {
        d.top_k_largest = k;
    }
    if let Some(v) = &o.vintage {
        d.vintage = Some(v.clone());
    }
    validate(&d).map_err(usage)?;
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

    #[test]
    fn config_then_flags() {
        let d = parse_config(
            "bootstrap_resamples = 200\nlarge_scale_rule = { kind = \"threshold\", min_flop = 1e22 }\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(d.bootstrap_resamples, 200);
        assert_eq!(d.large_scale_rule, LargeScaleRule::Threshold { min_flop: 1e22 });
        assert_eq!(d.seed, Definitions::default().seed);
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
    fn unknown_keys_are_errors_at_every_level() {
        for (text, key) in [
            ("[large_scale_rule]\nkind = \"z_score\"\nthreshold = 0.7\nwindow_years = 1.0\ncolour = \"red\"\n", "colour"),
            ("[[periods]]\nlabel = \"a\"\nstart_year = 2010\nfoo = \"bar\"\n", "foo"),
            ("[spec_curve]\nresampels = 3\n", "resampels"),
            ("[topic_scoring]\nweight = 3\n", "weight"),
        ] {
            let e = parse_config(text, "t.toml").unwrap_err();
            assert!(format!("{e:#}").contains(key), "{text}: {e:#}");
        }
        let d =
            parse_config("[spec_curve]\nresamples = 50\nteam_source = [\"derived\"]\n", "t.toml").unwrap();
        assert_eq!(d.spec_curve.resamples, 50);
        assert_eq!(d.spec_curve.team_source, vec![TeamSourceRule::Derived]);
        assert_eq!(d.spec_curve.notability.len(), 3, "absent keys keep their defaults");
    }

    #[test]
    fn a_flag_keeps_the_config_files_other_values() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(
            &cfg,
            "large_scale_rule = { kind = \"z_score\", threshold = 0.7, window_years = 2.0 }\n\
             frontier_rule = { kind = \"percentile\", percentile = 80.0, window_years = 3.0 }\n",
        )
        .unwrap();
        let args = DefinitionArgs {
            large_scale: Some("zscore:1.5".into()),
            frontier: Some("percentile:95".into()),
            team_source: Some("derived".into()),
            gap_from: Some("all_models".into()),
            ..Default::default()
        };
        let d = load_definitions(Some(&cfg), &args).unwrap();
        assert_eq!(d.large_scale_rule, LargeScaleRule::ZScore { threshold: 1.5, window_years: 2.0 });
        assert_eq!(d.frontier_rule, FrontierRule::Percentile { percentile: 95.0, window_years: 3.0 });
        assert_eq!((d.team_source, d.gap_from), (TeamSourceRule::Derived, GapFrom::AllModels));
        // A bare kind takes the value in force, else the default.
        let d = load_definitions(
            Some(&cfg),
            &DefinitionArgs { large_scale: Some("zscore".into()), ..Default::default() },
        )
        .unwrap();
        assert_eq!(d.large_scale_rule, LargeScaleRule::ZScore { threshold: 0.7, window_years: 2.0 });
        let d = load_definitions(
            None,
            &DefinitionArgs { large_scale: Some("threshold".into()), ..Default::default() },
        )
        .unwrap();
        assert_eq!(d.large_scale_rule, LargeScaleRule::Threshold { min_flop: 1e23 });
        let e = load_definitions(
            None,
            &DefinitionArgs { team_source: Some("labels".into()), ..Default::default() },
        )
        .unwrap_err();
        assert!(format!("{e}").contains("allowed: epoch_label, derived, label_then_derived"), "{e}");
    }

    #[test]
    fn errors_name_key_and_allowed_values_and_exit_2() {
        let e = parse_config("bootstrap_resampels = 3\n", "bad.toml").unwrap_err();
        let msg = format!("{e:#}");
        assert!(msg.contains("bad.toml") && msg.contains("bootstrap_resampels"), "{msg}");
        assert!(msg.contains("bootstrap_resamples"), "lists the allowed keys: {msg}");
        assert_eq!(exit_code_of(&e), 2);
        let e = load_definitions(
            None,
            &DefinitionArgs { frontier: Some("top-n:0".into()), ..Default::default() },
        )
        .unwrap_err();
        assert!(format!("{e}").contains("frontier_rule: top_n n must be ≥ 1"), "{e}");
        assert_eq!(exit_code_of(&e), 2);
        let e =
            load_definitions(None, &DefinitionArgs { large_scale: Some("big".into()), ..Default::default() })
                .unwrap_err();
        assert!(format!("{e}").contains("allowed: zscore[:SD]"), "{e}");
        let e = load_definitions(
            None,
            &DefinitionArgs { academic_only: Some("lax".into()), ..Default::default() },
        )
        .unwrap_err();
        assert!(format!("{e}").contains("allowed: strict, loose"), "{e}");
        let e =
            parse_config("academia_leaning_min_share = 0.3\n", "x").and_then(|d| validate(&d).map_err(usage));
        assert!(format!("{}", e.unwrap_err()).contains("academia_leaning_min_share"));
        let e =
            load_definitions(None, &DefinitionArgs { bootstrap: Some(0), ..Default::default() }).unwrap_err();
        assert!(format!("{e}").contains("bootstrap_resamples: must be 1–1000000"));
    }
}
