//! Any bytes as a paper CSV in each of the three CSV formats (AI Index, conference list, generic): each
//! reader returns an error or a read report in which every row is loaded or rejected. The bytes are read
//! from memory through the readers' `*_from` / `*_bytes` entry points, which the path readers call.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    use cd_ingest::papers::{aiindex, conference, generic};
    let path = Path::new("neurips2020.csv");
    let tables = [
        aiindex::read_ai_index_bytes(path, data),
        conference::read_conference_from(path, data),
        generic::read_generic_from(path, data),
    ];
    for t in tables.into_iter().flatten() {
        assert!(t.report.is_balanced(), "{:?}", t.report);
    }
});
