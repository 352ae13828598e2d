//! Any bytes as a paper CSV in each of the three CSV formats (AI Index, conference list, generic): each
//! reader returns an error or a read report in which every row is loaded or rejected. The readers take
//! a path, so the bytes go to a file in the temporary folder (one per process).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("cd-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("neurips2020.csv");
    std::fs::write(&path, data).unwrap();
    use cd_ingest::papers::{aiindex, conference, generic};
    for read in [aiindex::read_ai_index_csv, conference::read_conference_csv, generic::read_generic_csv] {
        if let Ok(t) = read(&path) {
            assert!(t.report.is_balanced(), "{:?}", t.report);
        }
    }
});
