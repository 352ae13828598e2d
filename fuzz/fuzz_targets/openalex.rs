//! Any bytes as one OpenAlex JSON line: the parser returns a work or a (field, reason) error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = cd_ingest::papers::openalex::ReadOptions::default();
    let _ = cd_ingest::papers::openalex::parse_work(data, &opts);
});
