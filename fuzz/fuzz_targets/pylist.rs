//! Any text as an AI Index list cell: the parser returns the list or an error, in time linear in the
//! text, never overflowing the stack however deep the nesting.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(list) = cd_ingest::papers::pylist::parse_py_list(&text) {
        assert!(list.items.len() <= text.len());
    }
});
