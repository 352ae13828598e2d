//! Any bytes as one OpenAlex JSON line, through the reader's scanner and through serde_json's derived
//! visitors (the reference), abstracts rebuilt and skipped: what the scanner accepts reads to the same
//! result (work or missing-id rejection); what it rejects as invalid, serde_json rejects as JSON; and
//! `parse_work` (the scanner, serde_json after it) returns exactly the reference's result.
#![no_main]
use cd_ingest::papers::openalex::{parse_work, parse_work_scanner, parse_work_serde, ReadOptions, ScanStop};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for abstracts in [true, false] {
        let opts = ReadOptions { abstracts, ..ReadOptions::default() };
        let reference = parse_work_serde(data, &opts);
        assert_eq!(parse_work(data, &opts), reference);
        let json_error = matches!(&reference, Err((field, _)) if field.is_empty());
        match parse_work_scanner(data, &opts) {
            Ok(got) => assert_eq!(got, reference),
            Err(ScanStop::Invalid(at)) => assert!(json_error, "scanner rejects at {at} what serde_json accepts"),
            Err(ScanStop::Defer(at)) => assert_eq!(data[at], b'['),
        }
    }
});
