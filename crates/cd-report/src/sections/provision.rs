//! The "Compute provision" section: public and private AI compute, the cost of the frontier and what a
//! national budget buys (`cd_analysis::provision`, specified in docs/provision.md).

use crate::figure::{Axis, Figure, Interval, Layer, Panel, Point, Series};
use crate::listing::provision::{cost_assumptions, doubling_ci, headline, sig};
use crate::palette;
use crate::scale::AxisKind;
use crate::table::Table;
use crate::{FigureBlock, Section};
use cd_analysis::provision::ProvisionStudy;
use cd_domain::{Definitions, TeamKind};

pub const ID: &str = "provision";
pub const TITLE: &str = "Compute provision: public and private AI compute, the cost of the frontier";

fn sector_color(sector: &str) -> &'static str {
    match sector {
        "private" => palette::VERMILLION,
        "public" => palette::BLUE,
        "public_private" => palette::BLUISH_GREEN,
        _ => palette::GREY,
    }
}

/// The section of a provision study.
pub fn section(study: &ProvisionStudy, defs: &Definitions) -> crate::Result<Section> {
    let mut section = Section::new(ID, TITLE);
    let p = &defs.provision;
    let c = &study.capacity;
    let pp = &study.price_performance;
    let w = &study.what_if;
    let pct = |v: Option<f64>| v.map_or("-".to_string(), |x| format!("{:.1}%", 100.0 * x));
    if let Some(s) = c.shares.last() {
        let mut left_out: Vec<&str> = vec![];
        if p.drop_possible_duplicates {
            left_out.push("flagged possible duplicates");
        }
        if p.drop_excluded {
            left_out.push("flagged `Exclude`");
        }
        if p.standard_analysis_only {
            left_out.push("not in Epoch's standard analysis");
        }
        left_out.push("planned");
        let academic = c.academic.last().map_or("-".into(), |a| {
            let plural = if a.clusters == 1 { "" } else { "s" };
            format!(
                "{} H100-equivalents in {} cluster{plural} ({})",
                sig(a.h100_equivalents),
                a.clusters,
                pct(a.share_h100)
            )
        });
        section.paragraphs.push(format!(
            "How much of the world's AI compute is public? Of the {} H100-equivalents in the {} AI \
             supercomputers of Epoch's GPU-clusters table operational at the end of {}, {} sit in public \
             clusters and {} in public/private ones ({} of 16-bit OP/s public). The largest public cluster \
             has {} of the largest cluster's H100-equivalents. Clusters with an academic owner or user hold \
             {academic}. Definitions: clusters {} are left out{}; Epoch's table covers known clusters only, \
             so the totals are lower bounds.",
            sig(s.total_h100_equivalents),
            s.clusters,
            s.year,
            pct(s.public_share_h100),
            pct(s.public_private_share_h100),
            pct(s.public_share_ops),
            pct(s.largest_public_ratio),
            left_out.join(", "),
            if p.drop_superseded {
                ", and a phase stops counting once the phase that supersedes it runs"
            } else {
                ""
            },
        ));
    }
    section.paragraphs.push(format!(
        "What does the frontier cost? Price-performance of accelerators (peak {} FLOP/s per release-price \
         dollar, {} accelerators) doubles every {} years (95% bootstrap interval {}). At that trend the \
         costs below assume {}. Dollars cover the accelerators only (no networking, energy, buildings or \
         staff), so they are lower bounds of a run's cost.",
        pp.precision.as_str(),
        pp.n,
        pp.doubling_years.map_or("-".into(), sig),
        doubling_ci(pp.doubling_years_ci95),
        cost_assumptions(p)
    ));
    section.paragraphs.push(format!(
        "What would a national budget change? With the share of a budget for large runs spent in {}, the \
         runs per year at the industry frontier ({} FLOP), at the top-{} scale ({} FLOP) and at the \
         large-scale threshold ({} FLOP), and the lag of the largest affordable run behind the industry \
         frontier (in orders of magnitude, and in years of the industry-only trend of {} OOM per year), are \
         in the table below. The industry frontier is the largest industry-only model of the study's \
         notable models, which may sit below the largest models known.",
        w.year.map_or("-".into(), |y| y.to_string()),
        w.scales.first().map_or("-".into(), |s| sig(s.training_flop)),
        w.top_scale_n,
        w.scales.iter().find(|s| s.name == "top_n").map_or("-".into(), |s| sig(s.training_flop)),
        sig(p.large_run_flop),
        w.industry_slope_oom_per_year.map_or("-".into(), sig)
    ));
    let with_ci = |v: Option<f64>, ci: Option<[f64; 2]>| {
        format!(
            "{}{}",
            v.map_or("-".into(), sig),
            ci.map_or(String::new(), |[a, b]| format!(" [{}, {}]", sig(a), sig(b)))
        )
    };
    for s in &w.scenarios {
        let runs: Vec<String> = s
            .runs
            .iter()
            .map(|r| format!("{} at {}", with_ci(r.runs_per_year, r.runs_per_year_ci95), r.scale))
            .collect();
        section.paragraphs.push(format!(
            "{} (${} per year, {:.0}% for large runs: ${}): {} runs per year; its largest run would be {} \
             orders of magnitude ({} years) {} the industry frontier. Source: {}.",
            s.name,
            sig(s.usd_per_year),
            100.0 * s.large_run_share,
            sig(s.large_run_usd),
            runs.join(", "),
            with_ci(
                s.lag.lag_oom.map(f64::abs),
                s.lag.lag_oom_ci95.map(|[a, b]| if s.lag.lag_oom.unwrap_or(0.0) < 0.0 {
                    [-b, -a]
                } else {
                    [a, b]
                })
            ),
            s.lag.lag_years.map_or("-".into(), |y| sig(y.abs())),
            if s.lag.lag_oom.unwrap_or(0.0) < 0.0 { "beyond" } else { "behind" },
            s.source
        ));
    }

    // Figure 1: capacity by sector.
    let mut fig = Figure::new("provision_capacity", "AI supercomputer capacity by sector");
    fig.panel_height = 340.0;
    let mut layers = vec![];
    let mut sectors: Vec<&str> = c.rows.iter().map(|r| r.sector).collect();
    sectors.dedup();
    sectors.sort();
    sectors.dedup();
    for sector in &sectors {
        let pts: Vec<(f64, f64)> = c
            .rows
            .iter()
            .filter(|r| r.sector == *sector && r.h100_equivalents > 0.0)
            .map(|r| (r.year as f64, r.h100_equivalents.log10()))
            .collect();
        let series = Series::new(*sector, sector_color(sector));
        layers.push(Layer::Line { series: series.clone(), points: pts.clone(), dashed: false });
        layers.push(Layer::Points {
            series,
            points: pts
                .iter()
                .map(|&(x, y)| Point {
                    x,
                    y,
                    title: format!("{sector} {x:.0}: {} H100e", sig(10f64.powf(y))),
                })
                .collect(),
            hollow: false,
            radius: 3.0,
        });
    }
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("End of year", AxisKind::Year),
        y: Axis::new("H100-equivalents operational", AxisKind::Log10),
        layers,
    });
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "H100-equivalents of the clusters operational at the end of each year, by Epoch's sector \
             (`Public/Private` counted as `{}`), cumulative over first operational dates, minus \
             decommissioned and superseded clusters. Log scale.",
            p.public_private_as.as_str()
        ),
        claim: "Academia lacks the compute for frontier research; nationally sponsored infrastructure would \
                restore its scrutiny (Besiroglu et al. 2024)."
            .into(),
    });

    // Figure 2: the frontier's cost per year by team.
    let mut fig = Figure::new("provision_frontier_cost", "Cost of the frontier training run per year");
    fig.panel_height = 340.0;
    let mut layers = vec![];
    for (team, kind) in [("industry_only", TeamKind::IndustryOnly), ("academic_only", TeamKind::AcademicOnly)]
    {
        let rows: Vec<_> = study.frontier_cost.iter().filter(|r| r.team == team && r.usd.is_some()).collect();
        let series = Series::new(palette::team_label(kind), palette::team_color(kind));
        layers.push(Layer::ErrorBars {
            series: series.clone(),
            intervals: rows
                .iter()
                .filter_map(|r| {
                    let [lo, hi] = r.usd_ci95?;
                    Some(Interval { at: r.year as f64, lo: lo.log10(), hi: hi.log10() })
                })
                .collect(),
            horizontal: false,
        });
        layers.push(Layer::Points {
            series,
            points: rows
                .iter()
                .filter_map(|r| {
                    Some(Point {
                        x: r.year as f64,
                        y: r.usd?.log10(),
                        title: format!(
                            "{} {}: ${} ({} FLOP, {} GPU-years)",
                            team,
                            r.year,
                            sig(r.usd?),
                            sig(r.training_flop),
                            sig(r.gpu_years)
                        ),
                    })
                })
                .collect(),
            hollow: false,
            radius: 3.5,
        });
    }
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("Year", AxisKind::Year),
        y: Axis::new("Cost of the largest model so far (USD)", AxisKind::Log10),
        layers,
    });
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "The largest industry-only and academic-only training run published up to each year, priced at \
             that year's fitted price-performance ({}), with 95% intervals from the bootstrap of the \
             price-performance fit. Log scale.",
            cost_assumptions(p)
        ),
        claim: String::new(),
    });

    // Figure 3: the what-if curve.
    let mut fig = Figure::new("provision_what_if", "What a yearly budget for large runs buys");
    fig.panel_height = 340.0;
    let series = Series::new("lag of the largest affordable run", palette::BLUE);
    let curve: Vec<_> = w.curve.iter().filter(|q| q.lag.lag_oom.is_some()).collect();
    let layers = vec![
        Layer::Band {
            series: series.clone(),
            points: curve
                .iter()
                .filter_map(|q| {
                    let [lo, hi] = q.lag.lag_oom_ci95?;
                    Some(Interval { at: q.large_run_usd.log10(), lo, hi })
                })
                .collect(),
        },
        Layer::Line {
            series: series.clone(),
            points: curve.iter().filter_map(|q| Some((q.large_run_usd.log10(), q.lag.lag_oom?))).collect(),
            dashed: false,
        },
        Layer::Points {
            series: Series::new("budget scenarios", palette::VERMILLION),
            points: w
                .scenarios
                .iter()
                .filter_map(|s| {
                    Some(Point {
                        x: s.large_run_usd.log10(),
                        y: s.lag.lag_oom?,
                        title: format!("{}: ${} per year for large runs", s.name, sig(s.large_run_usd)),
                    })
                })
                .collect(),
            hollow: false,
            radius: 4.0,
        },
        Layer::HRule { y: 0.0, label: "industry frontier".into() },
    ];
    fig.panels.push(Panel {
        title: None,
        x: Axis::new("Dollars per year for large runs", AxisKind::Log10),
        y: Axis::new("Lag behind the industry frontier (OOM)", AxisKind::Linear),
        layers,
    });
    section.figures.push(FigureBlock {
        figure: fig,
        caption: format!(
            "Orders of magnitude between the industry frontier of {} and the largest run a yearly budget for \
             large runs affords, spent on one run, with 95% intervals from the price-performance bootstrap; \
             below zero the budget reaches past the frontier. Dots: the budget scenarios. Assumptions: {}.",
            w.year.map_or("-".into(), |y| y.to_string()),
            cost_assumptions(p)
        ),
        claim: String::new(),
    });

    let mut t = Table::new(
        "provision_headline",
        "Headline numbers and their assumptions",
        &["measure", "value", "assumptions"],
    );
    let rows = headline(study, defs);
    for r in &rows {
        t.push(r.to_vec());
    }
    t.json = serde_json::to_value(&rows)?;
    section.tables.push(t);

    let mut t = Table::new(
        "provision_capacity",
        "Capacity of operational clusters by year and sector",
        &["year", "sector", "clusters", "h100_equivalents", "ops_16bit"],
    );
    for r in &c.rows {
        t.push(vec![
            r.year.to_string(),
            r.sector.into(),
            r.clusters.to_string(),
            sig(r.h100_equivalents),
            sig(r.ops_16bit),
        ]);
    }
    t.json = serde_json::json!({ "rows": c.rows, "shares": c.shares, "accounting": c.accounting });
    t.html_row_limit = Some(40);
    section.tables.push(t);

    let mut t = Table::new(
        "provision_academic",
        "Clusters with an academic owner or user (institution classifier), by year",
        &["year", "clusters", "h100_equivalents", "share_of_total", "names (latest year)"],
    );
    for r in &c.academic {
        t.push(vec![
            r.year.to_string(),
            r.clusters.to_string(),
            sig(r.h100_equivalents),
            pct(r.share_h100),
            r.names.join("; "),
        ]);
    }
    t.json = serde_json::to_value(&c.academic)?;
    section.tables.push(t);

    let mut t = Table::new(
        "provision_countries",
        "Capacity by country and sector in the latest year (largest countries)",
        &["country", "sector", "clusters", "h100_equivalents", "public_share_of_country"],
    );
    for r in &c.countries {
        t.push(vec![
            r.country.clone(),
            r.sector.into(),
            r.clusters.to_string(),
            sig(r.h100_equivalents),
            pct(r.public_share_h100),
        ]);
    }
    t.json = serde_json::to_value(&c.countries)?;
    section.tables.push(t);

    let mut t = Table::new(
        "provision_frontier_cost",
        "Cost of the industry-only and academic-only frontier per year",
        &["year", "team", "training_flop", "usd", "usd_ci95", "gpu_years"],
    );
    for r in &study.frontier_cost {
        t.push(vec![
            r.year.to_string(),
            r.team.into(),
            sig(r.training_flop),
            r.usd.map_or("-".into(), sig),
            r.usd_ci95.map_or("-".into(), |[a, b]| format!("[{}, {}]", sig(a), sig(b))),
            sig(r.gpu_years),
        ]);
    }
    t.json = serde_json::to_value(&study.frontier_cost)?;
    section.tables.push(t);

    let mut t = Table::new(
        "provision_what_if",
        "Budget scenarios: runs per year at each scale and the lag of the largest affordable run",
        &[
            "scenario",
            "usd_per_year",
            "large_run_share",
            "runs_industry_frontier",
            "runs_top_n",
            "runs_large_scale",
            "lag_oom",
            "lag_years",
            "source",
        ],
    );
    let runs = |s: &cd_analysis::provision::ScenarioResult, n: &str| {
        s.runs.iter().find(|r| r.scale == n).map_or("-".into(), |r| {
            format!(
                "{}{}",
                r.runs_per_year.map_or("-".into(), sig),
                r.runs_per_year_ci95.map_or(String::new(), |[a, b]| format!(" [{}, {}]", sig(a), sig(b)))
            )
        })
    };
    let with_ci = |v: Option<f64>, ci: Option<[f64; 2]>| {
        format!(
            "{}{}",
            v.map_or("-".into(), sig),
            ci.map_or(String::new(), |[a, b]| format!(" [{}, {}]", sig(a), sig(b)))
        )
    };
    for s in &w.scenarios {
        t.push(vec![
            s.name.clone(),
            sig(s.usd_per_year),
            format!("{:.0}%", 100.0 * s.large_run_share),
            runs(s, "industry_frontier"),
            runs(s, "top_n"),
            runs(s, "large_scale"),
            with_ci(s.lag.lag_oom, s.lag.lag_oom_ci95),
            with_ci(s.lag.lag_years, s.lag.lag_years_ci95),
            s.source.clone(),
        ]);
    }
    t.json = serde_json::to_value(w)?;
    section.tables.push(t);
    Ok(section)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cd_analysis::gap::{GapResult, GapRow};
    use cd_analysis::provision::provision_study;
    use cd_domain::{Accelerator, ClusterSector, ClusterStatus, GpuCluster, PubDate};

    fn cluster(name: &str, sector: ClusterSector, h100: f64, year: i32) -> GpuCluster {
        GpuCluster {
            row: 1,
            name: name.into(),
            status: ClusterStatus::Existing,
            sector,
            certainty: None,
            h100_equivalents: Some(h100),
            ops_16bit: Some(h100 * 1e15),
            country: Some("Freedonia".into()),
            owners: vec![],
            users: vec![],
            first_operational: PubDate::ymd(year, 6, 1),
            decommissioned: None,
            superseded_by: None,
            hardware_cost_usd: None,
            standard_analysis: true,
            exclude: false,
            possible_duplicate: false,
        }
    }

    fn chip(name: &str, year: i32, flops: f64, price: f64) -> Accelerator {
        Accelerator {
            row: 1,
            name: name.into(),
            manufacturer: None,
            kind: None,
            release_date: PubDate::ymd(year, 1, 1),
            price_usd: Some(price),
            fp32_flops: None,
            fp16_flops: None,
            tf32_flops: None,
            tensor_fp16_flops: Some(flops),
            int8_ops: None,
        }
    }

    #[test]
    fn three_figures_with_one_mark_per_value() {
        let clusters = vec![
            cluster("a", ClusterSector::Private, 1000.0, 2021),
            cluster("b", ClusterSector::Public, 100.0, 2022),
            cluster("c", ClusterSector::PublicPrivate, 50.0, 2022),
        ];
        let hardware =
            vec![chip("x", 2020, 1e14, 1e4), chip("y", 2022, 4e14, 2e4), chip("z", 2024, 8e14, 2e4)];
        let row = |year, i: f64, a: f64| GapRow {
            year,
            industry_max_log10: Some(i),
            academic_max_log10: Some(a),
            gap_max_oom: Some(i - a),
            gap_max_years: None,
            industry_top_n_log10: None,
            academic_top_n_log10: None,
            gap_top_n_oom: None,
            gap_top_n_years: None,
        };
        let gap = GapResult {
            gap_from: cd_domain::definitions::GapFrom::DlEra,
            top_n: 5,
            industry_slope_oom_per_year: Some(0.6),
            rows: vec![row(2021, 23.0, 21.0), row(2022, 24.0, 21.5)],
            gap_max_trend_oom_per_year: None,
            gap_top_n_trend_oom_per_year: None,
        };
        let defs = Definitions { bootstrap_resamples: 50, ..Definitions::default() };
        let study = provision_study(&clusters, &[false, true, false], &hardware, &[], &gap, &defs);
        let s = section(&study, &defs).unwrap();
        let ids: Vec<&str> = s.figures.iter().map(|f| f.figure.id.as_str()).collect();
        assert_eq!(ids, ["provision_capacity", "provision_frontier_cost", "provision_what_if"]);
        // Capacity: private 2021 and 2022, public and public/private 2022.
        assert_eq!(s.figures[0].figure.mark_count(), 4);
        // Cost: two teams in two years.
        assert_eq!(s.figures[1].figure.mark_count(), 4);
        // What-if: one dot per scenario.
        assert_eq!(s.figures[2].figure.mark_count(), defs.provision.scenarios.len());
        let names: Vec<&str> = s.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "provision_headline",
                "provision_capacity",
                "provision_academic",
                "provision_countries",
                "provision_frontier_cost",
                "provision_what_if"
            ]
        );
        assert!(
            s.paragraphs[0].contains("Of the 1150 H100-equivalents in the 3 AI supercomputers"),
            "{}",
            s.paragraphs[0]
        );
        assert!(s.paragraphs[0].contains("8.7% sit in public clusters"), "{}", s.paragraphs[0]);
    }
}
