//! Any bytes as the archive `data pull` downloaded: it is checked (every entry read within the size
//! limit, here lowered to 64 KiB; the ratio check starts past 10 MiB) and its CSV entries unpacked into a
//! scratch folder and named after their newest publication date, or it is refused with an error; never
//! a panic, a hang or a file outside the folder.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("cd-fuzz-zip-{}", std::process::id()));
    let epoch = dir.join("epoch");
    std::fs::create_dir_all(&epoch).unwrap();
    let mut opts = cd_ingest::pull::PullOptions::new("http://127.0.0.1/all_ai_models.zip", &dir);
    opts.progress = false;
    opts.max_entry_bytes = 64 << 10;
    if let Ok(files) = cd_ingest::pull::unpack_bytes(data, &epoch, &opts) {
        assert!(!files.is_empty());
        for f in &files {
            assert_eq!(f.path.parent(), Some(epoch.as_path()), "{:?} escaped the folder", f.path);
            assert!(f.bytes <= opts.max_entry_bytes);
        }
    }
    // Nothing may be written beside `epoch/`, and nothing is kept between inputs.
    for e in std::fs::read_dir(&dir).unwrap() {
        assert_eq!(e.unwrap().file_name(), "epoch");
    }
    std::fs::remove_dir_all(&epoch).unwrap();
});
