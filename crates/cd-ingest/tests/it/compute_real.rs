//! The shipped compute tables (`epoch_compute/`, 2025-12): counts from the data README.

use cd_domain::{ClusterSector, ClusterStatus};
use cd_ingest::compute::{read_clusters, read_hardware};

#[test]
fn shipped_clusters_and_hardware_counts() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let dir = data.epoch_compute();
    let t = read_clusters(&dir.join("gpu_clusters_2025-12.csv")).unwrap();
    let r = &t.report;
    assert_eq!((r.rows_read, r.rows_loaded, r.rows_rejected), (786, 786, 0), "{:?}", r.rejections);
    let count = |f: &dyn Fn(&cd_domain::GpuCluster) -> bool| t.clusters.iter().filter(|c| f(c)).count();
    assert_eq!(count(&|c| c.status == ClusterStatus::Existing), 609);
    assert_eq!(count(&|c| c.status == ClusterStatus::Planned), 171);
    assert_eq!(count(&|c| c.status == ClusterStatus::Decommissioned), 6);
    assert_eq!(count(&|c| c.sector == ClusterSector::Private), 494);
    assert_eq!(count(&|c| c.sector == ClusterSector::Public), 179);
    assert_eq!(count(&|c| c.sector == ClusterSector::PublicPrivate), 95);
    assert_eq!(count(&|c| c.sector == ClusterSector::Unknown), 18);
    assert_eq!(count(&|c| c.possible_duplicate), 94);
    assert_eq!(count(&|c| c.standard_analysis), 482);
    assert_eq!(count(&|c| c.exclude), 0);
    assert_eq!(count(&|c| c.h100_equivalents.is_some()), 703);
    assert_eq!(count(&|c| c.first_operational.is_some()), 608);
    let h = read_hardware(&dir.join("ml_hardware_2025-12.csv")).unwrap();
    assert_eq!((h.report.rows_read, h.report.rows_loaded, h.report.rows_rejected), (170, 170, 0));
    assert_eq!(h.accelerators.iter().filter(|a| a.price_usd.is_some()).count(), 53);
    assert_eq!(h.accelerators.iter().filter(|a| a.tensor_fp16_flops.is_some()).count(), 64);
}
