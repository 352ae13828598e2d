//! Any bytes as the content of Epoch's GPU-clusters and ML-hardware tables: each reader returns an error
//! or a read report in which every row is loaded or rejected; it never panics or hangs.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = cd_ingest::compute::read_clusters_bytes("fuzz.csv", data) {
        assert!(t.report.is_balanced());
        assert_eq!(t.clusters.len(), t.report.rows_loaded);
    }
    if let Ok(t) = cd_ingest::compute::read_hardware_bytes("fuzz.csv", data) {
        assert!(t.report.is_balanced());
        assert_eq!(t.accelerators.len(), t.report.rows_loaded);
    }
});
