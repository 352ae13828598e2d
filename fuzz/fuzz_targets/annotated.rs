//! Any text as an annotated paper CSV (`compute-divide annotated --input`): the parser returns the papers
//! and a read report in which every row is loaded or rejected, or an error; it never panics or hangs.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok((papers, report)) = cd_analysis::topics::annotated::parse_annotated_csv(&text, "fuzz.csv") {
        assert!(report.is_balanced(), "{report:?}");
        assert_eq!(papers.len(), report.rows_loaded);
    }
});
