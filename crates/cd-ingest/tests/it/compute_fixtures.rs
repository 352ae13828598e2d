//! The readers of Epoch's compute tables on fixtures with drifted column names, bad values and flags:
//! exact row accounting, rejections naming file, row and column, and missing-column errors.

use cd_domain::{ClusterSector, ClusterStatus, PubDate};
use cd_ingest::compute::{read_clusters, read_clusters_bytes, read_hardware, ComputeError};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compute").join(name)
}

#[test]
fn drifted_clusters_table_is_read_with_exact_accounting() {
    let t = read_clusters(&fixture("clusters_drifted.csv")).unwrap();
    let r = &t.report;
    assert_eq!((r.rows_read, r.rows_loaded, r.rows_rejected), (13, 8, 5), "{:#?}", r.rejections);
    assert!(r.is_balanced());
    let rej: Vec<(usize, &str)> = r.rejections.iter().map(|x| (x.row, x.field.as_str())).collect();
    assert_eq!(
        rej,
        vec![
            (9, "First operational"),
            (10, "H100e"),
            (11, "sector"),
            (12, "Cluster name"),
            (13, "Possible duplicate?"),
        ]
    );
    assert!(r.rejections[0].reason.contains("13/45/2021"), "{}", r.rejections[0].reason);
    assert!(r.rejections[0].file.ends_with("clusters_drifted.csv"));
    let a = &t.clusters[0];
    assert_eq!(a.name, "Alpha Phase 1");
    assert_eq!(a.h100_equivalents, Some(1000.0));
    assert_eq!(a.ops_16bit, Some(1e18));
    assert_eq!(a.first_operational, PubDate::ymd(2020, 3, 15));
    assert_eq!(a.superseded_by.as_deref(), Some("Alpha Phase 2"));
    assert!(a.standard_analysis && !a.exclude && !a.possible_duplicate);
    let beta = &t.clusters[2];
    assert_eq!(beta.users, vec!["Stanford University".to_string(), "MIT".to_string()]);
    assert_eq!(beta.first_operational, PubDate::ymd(2021, 7, 1));
    let gamma = &t.clusters[3];
    assert_eq!((gamma.status, gamma.sector), (ClusterStatus::Decommissioned, ClusterSector::PublicPrivate));
    assert_eq!(gamma.decommissioned, PubDate::ymd(2022, 11, 30));
    assert!(t.clusters[5].possible_duplicate);
    assert_eq!(t.clusters[6].sector, ClusterSector::Unknown);
    assert!(t.clusters[6].exclude);
    assert_eq!(t.clusters[7].h100_equivalents, None);
    // Hardware Cost has no column here: noted, not an error.
    assert!(r.notes.iter().any(|n| n.contains("hardware_cost")), "{:?}", r.notes);
}

#[test]
fn drifted_hardware_table_is_read_with_exact_accounting() {
    let t = read_hardware(&fixture("hardware_drifted.csv")).unwrap();
    let r = &t.report;
    assert_eq!((r.rows_read, r.rows_loaded, r.rows_rejected), (6, 4, 2), "{:#?}", r.rejections);
    assert_eq!((r.rejections[0].row, r.rejections[0].field.as_str()), (5, "Release Date"));
    assert_eq!(
        (r.rejections[1].row, r.rejections[1].field.as_str()),
        (6, "Tensor FP16/BF16 performance (FLOP/s)")
    );
    assert_eq!(t.accelerators[0].price_usd, Some(1000.0));
    assert_eq!(t.accelerators[2].price_usd, Some(4000.0));
    assert_eq!(t.accelerators[1].tensor_fp16_flops, Some(1e14));
    assert_eq!(t.accelerators[3].price_usd, None);
}

#[test]
fn a_missing_required_column_names_the_field_and_its_spellings() {
    let e = read_clusters_bytes(
        "x.csv",
        b"Name,Status,Sector,First Operational Date\na,Existing,Public,1/1/2020\n",
    )
    .unwrap_err();
    assert!(matches!(e, ComputeError::MissingColumns { .. }));
    let msg = e.to_string();
    assert!(
        msg.starts_with("x.csv: required column missing: h100_equivalents (any of `H100 equivalents`"),
        "{msg}"
    );
    assert!(read_clusters_bytes("e.csv", b"  \n")
        .unwrap_err()
        .to_string()
        .contains("e.csv: the file is empty"));
}

#[test]
fn semicolon_separated_vintage_with_other_words_for_sector_and_status() {
    let text = "Name;Status;Sector;H100 equivalents;First Operational Date\n\
                A;Operational;Government;1.234,0;2024-05\n\
                B;Under construction;Industry;10;\n\
                C;Retired;Academia;5;1/2/2019\n";
    // `1.234,0` is not a number in this reader (no decimal-comma locale): the row is rejected, named.
    let t = read_clusters_bytes("semi.csv", text.as_bytes()).unwrap();
    let r = &t.report;
    assert_eq!((r.rows_read, r.rows_loaded, r.rows_rejected), (3, 2, 1));
    assert_eq!((r.rejections[0].row, r.rejections[0].field.as_str()), (1, "H100 equivalents"));
    assert!(r.notes.iter().any(|n| n.contains("';'")), "{:?}", r.notes);
    assert_eq!(
        (t.clusters[0].status, t.clusters[0].sector),
        (ClusterStatus::Planned, ClusterSector::Private)
    );
    assert_eq!(
        (t.clusters[1].status, t.clusters[1].sector),
        (ClusterStatus::Decommissioned, ClusterSector::Public)
    );
    assert_eq!(t.clusters[1].first_operational, PubDate::ymd(2019, 1, 2));
}
