//! Turning the bytes of a CSV file into text, whatever encoding the file arrived in.
//!
//! Epoch's exports are UTF-8, sometimes with a byte-order mark; files that passed through a spreadsheet
//! may be Windows-1252 or UTF-16. Decoding never fails: bytes that cannot be decoded are replaced, and the
//! caller gets a note saying what was done so that the read report can tell the user.

use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Decoded text and, when the input was not clean UTF-8, a note saying how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// 1-based line of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count()
}

/// Decode `bytes`: strip a UTF-8 byte-order mark; honour a UTF-16 byte-order mark; otherwise UTF-8. Input
/// that is not valid UTF-8 is decoded lossily: as UTF-8 with U+FFFD replacements when it is mostly UTF-8
/// (it has more valid multi-byte characters than invalid sequences), else as Windows-1252.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_unmarked(rest);
    }
    for (bom, enc) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            let note = format!(
                "decoded as {}{}",
                enc.name(),
                if had_errors { " (some invalid sequences replaced by U+FFFD)" } else { "" }
            );
            return Decoded { text: text.into_owned(), note: Some(note) };
        }
    }
    decode_unmarked(bytes)
}

fn decode_unmarked(bytes: &[u8]) -> Decoded {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded { text: s.to_string(), note: None };
    }
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    let mut first_bad: Option<usize> = None;
    let mut offset = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            first_bad.get_or_insert(offset);
        }
        offset += chunk.invalid().len();
    }
    let first_line = line_of(bytes, first_bad.unwrap_or(0));
    if multibyte > invalid {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        let note = format!(
            "not valid UTF-8: {invalid} invalid byte sequence(s) replaced by U+FFFD (first on line \
             {first_line}); the rest is UTF-8"
        );
        Decoded { text: text.into_owned(), note: Some(note) }
    } else {
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
        let note =
            format!("not valid UTF-8 (first invalid byte on line {first_line}); decoded as Windows-1252");
        Decoded { text: text.into_owned(), note: Some(note) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_is_stripped_silently() {
        let d = decode(b"\xEF\xBB\xBFModel\nA\n");
        assert_eq!(d.text, "Model\nA\n");
        assert_eq!(d.note, None);
    }

    #[test]
    fn windows_1252_fallback() {
        // "Universit\xe9 de Montr\xe9al" in Windows-1252.
        let d = decode(b"Model\nUniversit\xe9 de Montr\xe9al\n");
        assert_eq!(d.text, "Model\nUniversité de Montréal\n");
        assert_eq!(
            d.note.as_deref(),
            Some("not valid UTF-8 (first invalid byte on line 2); decoded as Windows-1252")
        );
    }

    #[test]
    fn mostly_utf8_keeps_utf8() {
        let mut b = "Model\nZürich, Montréal \u{2019}\n".as_bytes().to_vec();
        b.extend_from_slice(b"\xff\n");
        let d = decode(&b);
        assert!(d.text.contains("Zürich") && d.text.contains('\u{FFFD}'), "{}", d.text);
        assert!(d.note.unwrap().contains("1 invalid byte sequence(s)"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Model\nA\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b);
        assert_eq!(d.text, "Model\nA\n");
        assert!(d.note.unwrap().contains("UTF-16LE"));
    }
}
