//! Any bytes as the content of an Epoch model table (plain or gzip-compressed): the reader returns an
//! error or a read report in which every row is loaded or rejected; it never panics or hangs.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = cd_ingest::epoch::read_epoch_bytes("fuzz.csv", data) {
        assert!(t.report.is_balanced());
        assert_eq!(t.models.len(), t.report.rows_loaded);
    }
});
