//! Any bytes as the content of a Paper Copilot file: the reader returns an error or a read report in
//! which every row is loaded or rejected; it never panics or hangs.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = cd_ingest::papers::papercopilot::parse_records("fuzz2020.json", "fuzz", 2020, data) {
        assert!(t.report.is_balanced());
        assert_eq!(t.papers.len(), t.report.rows_loaded);
    }
});
