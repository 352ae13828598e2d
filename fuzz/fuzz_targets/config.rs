//! Any text as a `--config` TOML file: it parses into `Definitions` (unknown keys refused by serde at
//! every level) and validates, or fails with a message; it never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(d) = toml::from_str::<cd_domain::Definitions>(text) {
            let _ = d.validate();
        }
    }
});
