//! Times `paper_slots` for each paper part, called again and again on one `PaperSources` and one
//! `ClassifiedPapers` (as `serve` does for every new query of a paper panel), and checks that every call
//! gives the sections of the first call under the same definitions.
//!
//! `cargo run --release -p cd-study --example paper_slots_timing -- DATA_DIR [ROUNDS [PART...]]` (parts:
//! publications, review, adoption, topics; all by default)

use cd_analysis::paper_study::PaperPart;
use cd_domain::definitions::PaperStatusFilter;
use cd_domain::Definitions;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().expect("usage: paper_slots_timing DATA_DIR [ROUNDS [PART...]]");
    let rounds: u64 = args.next().map_or(5, |r| r.parse().expect("ROUNDS is a number"));
    let data = cd_ingest::locate::DataDir { root: root.into() };
    let defs = Definitions::default();
    let t = Instant::now();
    let src = cd_study::read_paper_sources(&data, &defs).expect("read").expect("the data folder has papers");
    println!("read: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let classified = cd_study::classify_papers(&src, &defs).expect("classify");
    println!("classify: {:.0} ms; {}", t.elapsed().as_secs_f64() * 1e3, rss());
    let variants: Vec<(&str, Definitions)> = vec![
        ("default", defs.clone()),
        ("all statuses", Definitions { paper_statuses: PaperStatusFilter::All, ..defs.clone() }),
        ("top 5 models", Definitions { adoption_top_models: 5, ..defs.clone() }),
    ];
    let named: Vec<String> = args.collect();
    let parts: Vec<PaperPart> =
        [PaperPart::Publications, PaperPart::Review, PaperPart::Adoption, PaperPart::Topics]
            .into_iter()
            .filter(|p| named.is_empty() || named.iter().any(|n| n.eq_ignore_ascii_case(&format!("{p:?}"))))
            .collect();
    for part in parts {
        for (name, d) in &variants {
            let mut first: Option<String> = None;
            let mut ms = Vec::new();
            for round in 0..rounds {
                // A new seed each round (which the topic test reads: it keeps one).
                let seed = if part == PaperPart::Topics { d.seed } else { d.seed + round };
                let d = Definitions { seed, ..d.clone() };
                let t = Instant::now();
                let slots = cd_study::paper_slots(&src, &classified, &d, &[part]).expect("slots");
                ms.push(t.elapsed().as_secs_f64() * 1e3);
                let text = format!("{:?}", slots.iter().map(|s| s.to_section()).collect::<Vec<_>>());
                match &first {
                    None => first = Some(text),
                    Some(f) => assert!(*f == text, "{part:?} {name}: round {round} differs from round 0"),
                }
            }
            let shown: Vec<String> = ms.iter().map(|m| format!("{m:.0}")).collect();
            println!("{part:?} [{name}]: {} ms; {}", shown.join(" "), rss());
        }
    }
}

/// The resident set size of this process (Linux), to see what the kept values cost.
fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .unwrap_or("VmRSS: n/a")
        .split_whitespace()
        .skip(1)
        .collect::<Vec<_>>()
        .join(" ")
}
