//! A hand-written, validating, zero-copy JSON scanner for the fields the reader keeps: a byte cursor
//! over one line that walks objects and arrays, dispatches keys by a match on their raw bytes, finds the
//! end of a string eight bytes at a time in a register, skips unwanted values without building anything, and
//! unescapes only kept strings (and keys) that hold a backslash. It fills the same wire structs as
//! serde_json's derived visitors ([`super::RawWork`] and the rest) and accepts exactly what serde_json
//! accepts into them (serde_json 1.0, `src/de.rs` and `src/read.rs`):
//!
//! - JSON's grammar (RFC 8259) everywhere, the unwanted values included: no trailing commas, keys are
//!   strings, numbers without leading zeros and with digits after `.` and `e`, literals spelled out,
//!   nothing but whitespace (space, tab, CR, LF) after the work;
//! - strings: no control character (U+0000–U+001F) unescaped, escapes only `\" \\ \/ \b \f \n \r \t` and
//!   `\u` with four hex digits; in kept strings and in the keys of the wire structs (which serde_json
//!   unescapes) a `\u` surrogate must be a high one immediately followed by a `\u` low one, while in
//!   skipped values any four hex digits pass, as serde_json's `ignore_str` lets them;
//! - types: a kept string field is a string or null, a year an integer in `i32`, a count an integer in
//!   `u64`, a word position an integer in `u32` (`-0`, fractions, exponents and integers beyond `u64` are
//!   floats to serde_json, so not integers), a score any number or null; a struct field is an object or
//!   null, a list field an array or null, and the items of the authorships, institutions, topics,
//!   concepts and positions lists may not be null (those of the id and affiliation string lists may);
//! - a key of a wire struct given twice is an error (serde's `duplicate_field`), unknown keys are skipped
//!   at any depth (serde_json's `ignore_value` has no depth limit, and neither has [`Cursor::skip`]);
//! - scores are read as serde_json reads them: directly when the number is exact in two rounding steps
//!   (at most 15 digits, at most 22 after the point, no exponent: one division by an exact power of ten),
//!   otherwise by serde_json itself on the number's bytes, so every score is bit for bit serde_json's.
//!
//! The one form left to serde_json is a struct written as an array (serde_json reads `["W1", ...]`
//! as the struct's fields in order): the scanner stops with [`Stop::Defer`] and the caller parses the line
//! with serde_json. Any other stop is [`Stop::Invalid`]: the line is malformed for serde_json too, and the
//! caller parses it again with serde_json for its message (line and column).

use super::{short_id, Few, FewStrings, InvertedIndex, RawAuthorship, RawConcept, RawInstitution, RawLevel};
use super::{RawLocation, RawNamed, RawTopic, RawWork, ShortIds, Str};
use std::borrow::Cow;

/// Why the scanner stopped, with the byte offset in the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Not accepted by serde_json either.
    Invalid(usize),
    /// A struct written as a JSON array: serde_json's to read.
    Defer(usize),
}

type R<T> = Result<T, Stop>;

/// The wire structs of one line (already checked to be UTF-8). `abstracts`: read
/// `abstract_inverted_index` (else it is skipped as any value, as the serde path skips it).
pub(super) fn work(text: &str, abstracts: bool) -> R<RawWork<'_>> {
    let b = text.as_bytes();
    let mut c = Cursor { text, b, i: 0, abstracts };
    c.ws();
    let work = match c.peek() {
        Some(b'{') => c.work()?,
        Some(b'[') => return Err(c.defer()),
        _ => return Err(c.bad()),
    };
    c.ws();
    if c.i != b.len() {
        return Err(c.bad());
    }
    Ok(work)
}

/// The whole line skipped as one value (for the bench: the scanner's skipping against serde_json's).
pub(super) fn skip_line(text: &str) -> bool {
    let b = text.as_bytes();
    let mut c = Cursor { text, b, i: 0, abstracts: false };
    c.skip().is_ok()
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `w` (eight bytes of a line, first byte lowest) that ends the plain run
/// of a string: `"`, `\\` or a control character (below 0x20). Bytes above the lowest such byte may be
/// marked falsely (by the borrow of the subtraction), never bytes below it, so the trailing zeros find it.
#[inline(always)]
fn string_stop_bits(w: u64) -> u64 {
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    (quote.wrapping_sub(ONES) & !quote | backslash.wrapping_sub(ONES) & !backslash | control) & HIGH_BITS
}

/// Position of the first `"`, `\\` or control character in `b` from `from`, eight bytes at a time in a
/// register (as serde_json's `skip_to_escape`): strings here are short (355 per generated work, 14
/// bytes on average, 96% at most 32), too short for a SIMD search's call and set-up to pay.
#[inline(always)]
fn string_stop(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(word) = b.get(i..i + 8) {
        let bits = string_stop_bits(u64::from_le_bytes(word.try_into().expect("8 bytes")));
        if bits != 0 {
            return Some(i + (bits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).map(|k| i + k)
}

/// Just past the closing quote of a plain string (no escape, no control character) whose content
/// starts at `from`; `None` when the string's first stop is not its closing quote, or comes within the
/// line's last eight bytes ([`string_stop`] then). Whether the stop is a quote is read from the quote
/// bits (a quote bit at the lowest stop is never false), not by loading the byte again.
#[inline(always)]
fn plain_string_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(word) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        let quote = w ^ (ONES * u64::from(b'"'));
        let quote = quote.wrapping_sub(ONES) & !quote & HIGH_BITS;
        let stops = string_stop_bits(w);
        if stops != 0 {
            let lowest = stops & stops.wrapping_neg();
            return (quote & lowest != 0).then(|| i + (lowest.trailing_zeros() / 8) as usize + 1);
        }
        i += 8;
    }
    None
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// The value of four hex digits.
fn hex4(h: &[u8]) -> Option<u32> {
    let mut n = 0u32;
    for &c in h.get(..4)? {
        n = n << 4 | (c as char).to_digit(16)?;
    }
    Some(n)
}

/// The text of a string's raw bytes (between its quotes, already checked by [`Cursor::string_end`]) with
/// its escapes replaced, as serde_json's `parse_str` does: an escaped surrogate must be a high one followed
/// at once by an escaped low one (`None` otherwise, where serde_json fails).
fn unescape(raw: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\\', &raw[i..]) {
        out.extend_from_slice(&raw[i..i + k]);
        i += k + 1;
        let e = *raw.get(i)?;
        i += 1;
        let byte = match e {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let n = hex4(raw.get(i..)?)?;
                i += 4;
                let code = match n {
                    0xdc00..=0xdfff => return None,
                    0xd800..=0xdbff => {
                        if raw.get(i..i + 2)? != b"\\u" {
                            return None;
                        }
                        let low = hex4(raw.get(i + 2..)?)?;
                        i += 6;
                        if !(0xdc00..=0xdfff).contains(&low) {
                            return None;
                        }
                        0x1_0000 + ((n - 0xd800) << 10 | (low - 0xdc00))
                    }
                    n => n,
                };
                let mut utf8 = [0u8; 4];
                out.extend_from_slice(char::from_u32(code)?.encode_utf8(&mut utf8).as_bytes());
                continue;
            }
            _ => return None,
        };
        out.push(byte);
    }
    out.extend_from_slice(&raw[i..]);
    String::from_utf8(out).ok()
}

/// Marks field `bit` of a struct as seen; a second time is an error (serde's `duplicate_field`).
#[inline]
fn first(seen: &mut u32, bit: u32, at: usize) -> R<()> {
    if *seen & (1 << bit) != 0 {
        return Err(Stop::Invalid(at));
    }
    *seen |= 1 << bit;
    Ok(())
}

/// The open containers of a skipped value: one bit per level (1: object), inline for the first 64.
struct Frames {
    inline: u64,
    depth: usize,
    deeper: Vec<bool>,
}

impl Frames {
    #[inline]
    fn push(&mut self, object: bool) {
        if self.depth < 64 {
            self.inline = self.inline & !(1 << self.depth) | (u64::from(object) << self.depth);
        } else {
            self.deeper.push(object);
        }
        self.depth += 1;
    }

    #[inline]
    fn top_is_object(&self) -> bool {
        let d = self.depth - 1;
        if d < 64 {
            self.inline >> d & 1 == 1
        } else {
            self.deeper[d - 64]
        }
    }

    #[inline]
    fn pop(&mut self) {
        self.depth -= 1;
        if self.depth >= 64 {
            self.deeper.pop();
        }
    }
}

struct Cursor<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    abstracts: bool,
}

impl<'a> Cursor<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[cold]
    fn bad(&self) -> Stop {
        Stop::Invalid(self.i)
    }

    #[cold]
    fn defer(&self) -> Stop {
        Stop::Defer(self.i)
    }

    /// Skips JSON whitespace (serde_json's: space, LF, TAB, CR).
    #[inline]
    fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            if matches!(c, b' ' | b'\n' | b'\t' | b'\r') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    #[inline]
    fn eat(&mut self, c: u8) -> R<()> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.bad())
        }
    }

    #[inline]
    fn null(&mut self) -> R<()> {
        if self.b[self.i..].starts_with(b"null") {
            self.i += 4;
            Ok(())
        } else {
            Err(self.bad())
        }
    }

    /// From just after a string's opening quote to just after its closing one; whether it held an
    /// escape. Escapes are checked as serde_json's `ignore_str` checks them (any four hex digits after
    /// `\u`); control characters are rejected.
    #[inline(always)]
    fn string_end(&mut self) -> R<bool> {
        match plain_string_end(self.b, self.i) {
            Some(end) => {
                self.i = end;
                Ok(false)
            }
            None => self.string_end_slow(),
        }
    }

    /// [`Self::string_end`] past escapes (or to the error).
    #[inline(never)]
    fn string_end_slow(&mut self) -> R<bool> {
        let mut escaped = false;
        loop {
            let Some(at) = string_stop(self.b, self.i) else {
                self.i = self.b.len();
                return Err(self.bad());
            };
            self.i = at;
            match self.b[at] {
                b'"' => {
                    self.i += 1;
                    return Ok(escaped);
                }
                b'\\' => {
                    escaped = true;
                    self.escape()?;
                }
                _ => return Err(self.bad()),
            }
        }
    }

    /// One escape sequence at the cursor (on its backslash).
    #[inline(never)]
    fn escape(&mut self) -> R<()> {
        match self.b.get(self.i + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.i += 2;
                Ok(())
            }
            Some(b'u') => match self.b.get(self.i + 2..self.i + 6) {
                Some(h) if h.iter().all(u8::is_ascii_hexdigit) => {
                    self.i += 6;
                    Ok(())
                }
                _ => Err(self.bad()),
            },
            _ => Err(self.bad()),
        }
    }

    /// A kept string at the cursor (on its opening quote): borrowed from the line unless it holds escapes.
    #[inline(always)]
    fn string(&mut self) -> R<Str<'a>> {
        self.i += 1;
        let start = self.i;
        let escaped = self.string_end()?;
        let end = self.i - 1;
        if !escaped {
            Ok(Str(Cow::Borrowed(&self.text[start..end])))
        } else {
            unescape(&self.b[start..end]).map(|s| Str(Cow::Owned(s))).ok_or(Stop::Invalid(start))
        }
    }

    /// A key at the cursor (on its opening quote), unescaped if it holds escapes (as serde_json does
    /// before matching it to a field).
    #[inline(always)]
    fn key(&mut self) -> R<Cow<'a, [u8]>> {
        self.i += 1;
        let start = self.i;
        let escaped = self.string_end()?;
        let raw = &self.b[start..self.i - 1];
        if !escaped {
            Ok(Cow::Borrowed(raw))
        } else {
            unescape(raw).map(|s| Cow::Owned(s.into_bytes())).ok_or(Stop::Invalid(start))
        }
    }

    /// `Option<Str>`: a string or null.
    #[inline]
    fn opt_string(&mut self) -> R<Option<Str<'a>>> {
        match self.peek() {
            Some(b'"') => self.string().map(Some),
            Some(b'n') => self.null().map(|()| None),
            _ => Err(self.bad()),
        }
    }

    /// An integer as serde_json reads one into an integer type: (negative, magnitude). A fraction, an
    /// exponent, `-0` or a magnitude beyond `u64` makes a float, which no integer type accepts.
    #[inline]
    fn integer(&mut self) -> R<(bool, u64)> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let mut v: u64 = match self.peek() {
            Some(b'0') => {
                self.i += 1;
                0
            }
            Some(c @ b'1'..=b'9') => {
                self.i += 1;
                u64::from(c - b'0')
            }
            _ => return Err(self.bad()),
        };
        if v > 0 {
            while let Some(c @ b'0'..=b'9') = self.peek() {
                v = v.checked_mul(10).and_then(|v| v.checked_add(u64::from(c - b'0'))).ok_or(self.bad())?;
                self.i += 1;
            }
        }
        if matches!(self.peek(), Some(b'0'..=b'9' | b'.' | b'e' | b'E')) || (negative && v == 0) {
            return Err(self.bad());
        }
        Ok((negative, v))
    }

    /// `Option<i32>`.
    fn opt_i32(&mut self) -> R<Option<i32>> {
        if self.peek() == Some(b'n') {
            return self.null().map(|()| None);
        }
        let at = self.i;
        match self.integer()? {
            (false, v) => i32::try_from(v).map(Some).map_err(|_| Stop::Invalid(at)),
            (true, v) if v <= 1 << 31 => Ok(Some((-(v as i64)) as i32)),
            _ => Err(Stop::Invalid(at)),
        }
    }

    /// `Option<u64>`.
    fn opt_u64(&mut self) -> R<Option<u64>> {
        if self.peek() == Some(b'n') {
            return self.null().map(|()| None);
        }
        let at = self.i;
        match self.integer()? {
            (false, v) => Ok(Some(v)),
            _ => Err(Stop::Invalid(at)),
        }
    }

    /// A number, checked as serde_json's `ignore_integer` checks it (the value is not read).
    #[inline(always)]
    fn skip_number(&mut self) -> R<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.bad());
                }
            }
            Some(b'1'..=b'9') => {
                self.i += 1;
                self.digits();
            }
            _ => return Err(self.bad()),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.bad());
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.bad());
            }
        }
        Ok(())
    }

    #[inline]
    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    /// `Option<f64>`: a number (any JSON form) or null, to the bit as serde_json reads it.
    fn opt_f64(&mut self) -> R<Option<f64>> {
        if self.peek() == Some(b'n') {
            return self.null().map(|()| None);
        }
        let start = self.i;
        self.skip_number()?;
        let span = &self.b[start..self.i];
        Ok(Some(match exact_decimal(span) {
            Some(v) => v,
            None => serde_json::from_slice::<f64>(span).map_err(|_| Stop::Invalid(start))?,
        }))
    }

    /// An array at the cursor (on `[`): `item` for every item, with the cursor on it (whitespace skipped).
    #[inline]
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> R<()>) -> R<()> {
        self.i += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b']') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.bad()),
            }
        }
    }

    /// An object at the cursor (on `{`): `field(cursor, key)` for every key, with the cursor on its value
    /// (whitespace skipped); `field` consumes the value.
    #[inline]
    fn object(&mut self, mut field: impl FnMut(&mut Self, &[u8]) -> R<()>) -> R<()> {
        self.i += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.bad());
            }
            let key = self.key()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            field(self, &key)?;
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.bad()),
            }
        }
    }

    /// Whether a struct is at the cursor (`Option<struct>`: `false` for null, consumed); a struct written
    /// as an array is left to serde_json.
    #[inline]
    fn opt_struct(&mut self) -> R<bool> {
        match self.peek() {
            Some(b'{') => Ok(true),
            Some(b'n') => self.null().map(|()| false),
            Some(b'[') => Err(self.defer()),
            _ => Err(self.bad()),
        }
    }

    /// A struct that may not be null (an item of a list of structs).
    #[inline]
    fn expect_struct(&mut self) -> R<()> {
        match self.peek() {
            Some(b'{') => Ok(()),
            Some(b'[') => Err(self.defer()),
            _ => Err(self.bad()),
        }
    }

    /// Whether a list is at the cursor (`Option<list>`: `false` for null, consumed).
    #[inline]
    fn opt_list(&mut self) -> R<bool> {
        match self.peek() {
            Some(b'[') => Ok(true),
            Some(b'n') => self.null().map(|()| false),
            _ => Err(self.bad()),
        }
    }

    /// Any value, unread (serde's `IgnoredAny`): checked as serde_json's `ignore_value` checks it, without
    /// recursion (any depth). A scalar (most skipped values: flags, URLs, counts) is skipped here, inline in
    /// the caller; a container (or whitespace, or an error) in [`Self::skip_nested`], out of line.
    #[inline(always)]
    fn skip(&mut self) -> R<()> {
        if self.skip_scalar()? {
            Ok(())
        } else {
            self.skip_nested()
        }
    }

    /// A string, number or literal at the cursor, skipped (checked as serde_json's `ignore_value` checks
    /// it): `Ok(true)`; `Ok(false)` with the cursor unmoved when no scalar starts there (a container,
    /// whitespace or an error: the caller's to read).
    #[inline(always)]
    fn skip_scalar(&mut self) -> R<bool> {
        match self.peek() {
            Some(b'"') => {
                self.i += 1;
                self.string_end()?;
            }
            Some(b'-' | b'0'..=b'9') => self.skip_number()?,
            Some(b'n') => self.null()?,
            Some(b't') => self.literal(b"true")?,
            Some(b'f') => self.literal(b"false")?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Scalars separated by bare commas at the cursor (an array's items after its `[` or a comma),
    /// skipped: `Ok(true)` after the last one, the cursor on what follows it (not a comma); `Ok(false)`
    /// with the cursor on an item that is not a scalar (a container, whitespace or an error: the caller's
    /// to read). A malformed scalar is an error here as anywhere.
    #[inline(always)]
    fn skip_scalar_items(&mut self) -> R<bool> {
        loop {
            if !self.skip_scalar()? {
                return Ok(false);
            }
            if self.peek() != Some(b',') {
                return Ok(true);
            }
            self.i += 1;
        }
    }

    /// An array of scalars separated by bare commas at the cursor (on `[`; `[]` too), skipped: `Ok(true)`.
    /// Anything else in it (whitespace, a container, an error of structure): the cursor back on the `[`
    /// and `Ok(false)`, for the general steps to read it from there. A malformed scalar is an error here
    /// as anywhere.
    #[inline]
    fn skip_flat_array(&mut self) -> R<bool> {
        let start = self.i;
        self.i += 1;
        if self.peek() == Some(b']') || (self.skip_scalar_items()? && self.peek() == Some(b']')) {
            self.i += 1;
            return Ok(true);
        }
        self.i = start;
        Ok(false)
    }

    /// [`Self::skip`] of any value, containers at any depth. The items of an array and the members of an
    /// object whose values are scalars separated by bare commas (word positions, URLs, flags: most skipped
    /// values) are read by a short loop of their own; anything else (a nested container, whitespace, an
    /// error) goes back to the general steps from where it stands, which check it as before.
    #[inline(never)]
    fn skip_nested(&mut self) -> R<()> {
        let mut frames = Frames { inline: 0, depth: 0, deeper: Vec::new() };
        // Whether the innermost open container is an object (when one is open): kept here so that the
        // frequent commas need not read it from `frames`.
        let mut object = false;
        'value: loop {
            // A value at the cursor.
            self.ws();
            if !self.skip_scalar()? {
                match self.peek() {
                    Some(b'{') => {
                        self.i += 1;
                        self.ws();
                        if self.peek() == Some(b'}') {
                            self.i += 1;
                        } else {
                            frames.push(true);
                            object = true;
                            self.skip_key()?;
                            // Members with scalar values (or arrays of scalars: the words and positions of an
                            // abstract) at once; then a value ended in an object.
                            loop {
                                let skipped = self.skip_scalar()?
                                    || (self.peek() == Some(b'[') && self.skip_flat_array()?);
                                if !skipped {
                                    // Any other value of a member: read it by the general steps.
                                    continue 'value;
                                }
                                if self.peek() != Some(b',') {
                                    break;
                                }
                                self.i += 1;
                                self.ws();
                                self.skip_key()?;
                            }
                        }
                    }
                    Some(b'[') => {
                        self.i += 1;
                        self.ws();
                        if self.peek() == Some(b']') {
                            self.i += 1;
                        } else {
                            frames.push(false);
                            object = false;
                            // Scalar items at once; then a value ended in an array.
                            if !self.skip_scalar_items()? {
                                // Not a scalar item (after `[` or a comma): read it as any value.
                                continue 'value;
                            }
                        }
                    }
                    _ => return Err(self.bad()),
                }
            }
            // A value ended: close containers until the next value.
            loop {
                if frames.depth == 0 {
                    return Ok(());
                }
                self.ws();
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        if object {
                            self.ws();
                            self.skip_key()?;
                        }
                        break;
                    }
                    Some(b']') if !object => {
                        self.i += 1;
                        frames.pop();
                        object = frames.depth > 0 && frames.top_is_object();
                    }
                    Some(b'}') if object => {
                        self.i += 1;
                        frames.pop();
                        object = frames.depth > 0 && frames.top_is_object();
                    }
                    _ => return Err(self.bad()),
                }
            }
        }
    }

    /// The key and colon of a member of a skipped object (cursor on the key, whitespace skipped).
    #[inline]
    fn skip_key(&mut self) -> R<()> {
        self.eat(b'"')?;
        self.string_end()?;
        self.ws();
        self.eat(b':')
    }

    #[inline]
    fn literal(&mut self, word: &[u8]) -> R<()> {
        if self.b[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(())
        } else {
            Err(self.bad())
        }
    }

    // ---- the wire structs ----

    fn work(&mut self) -> R<RawWork<'a>> {
        let mut w = RawWork {
            id: None,
            doi: None,
            title: None,
            display_name: None,
            publication_year: None,
            work_type: None,
            primary_location: None,
            authorships: None,
            primary_topic: None,
            topics: None,
            abstract_inverted_index: None,
            referenced_works: None,
            cited_by_count: None,
            concepts: None,
        };
        let mut seen = 0u32;
        let abstracts = self.abstracts;
        self.object(|c, key| {
            let at = c.i;
            match key {
                b"id" => {
                    first(&mut seen, 0, at)?;
                    w.id = c.opt_string()?;
                }
                b"doi" => {
                    first(&mut seen, 1, at)?;
                    w.doi = c.opt_string()?;
                }
                b"title" => {
                    first(&mut seen, 2, at)?;
                    w.title = c.opt_string()?;
                }
                b"display_name" => {
                    first(&mut seen, 3, at)?;
                    w.display_name = c.opt_string()?;
                }
                b"publication_year" => {
                    first(&mut seen, 4, at)?;
                    w.publication_year = c.opt_i32()?;
                }
                b"type" => {
                    first(&mut seen, 5, at)?;
                    w.work_type = c.opt_string()?;
                }
                b"primary_location" => {
                    first(&mut seen, 6, at)?;
                    if c.opt_struct()? {
                        w.primary_location = Some(c.location()?);
                    }
                }
                b"authorships" => {
                    first(&mut seen, 7, at)?;
                    if c.opt_list()? {
                        // Room for most works' authors at once (no growing copy of these large structs).
                        let mut list = Vec::with_capacity(8);
                        c.array(|c| {
                            c.expect_struct()?;
                            list.push(c.authorship()?);
                            Ok(())
                        })?;
                        w.authorships = Some(list);
                    }
                }
                b"primary_topic" => {
                    first(&mut seen, 8, at)?;
                    if c.opt_struct()? {
                        w.primary_topic = Some(c.topic()?);
                    }
                }
                b"topics" => {
                    first(&mut seen, 9, at)?;
                    if c.opt_list()? {
                        let mut list = Vec::new();
                        c.array(|c| {
                            c.expect_struct()?;
                            list.push(c.topic()?);
                            Ok(())
                        })?;
                        w.topics = Some(list);
                    }
                }
                b"abstract_inverted_index" => {
                    first(&mut seen, 10, at)?;
                    if !abstracts {
                        // As the serde path: null, or any value skipped.
                        c.skip()?;
                    } else if c.peek() == Some(b'n') {
                        c.null()?;
                    } else if c.peek() == Some(b'{') {
                        w.abstract_inverted_index = Some(c.inverted_index()?);
                    } else {
                        return Err(c.bad());
                    }
                }
                b"referenced_works" => {
                    first(&mut seen, 11, at)?;
                    if c.opt_list()? {
                        let mut ids = Vec::with_capacity(16);
                        c.array(|c| {
                            if let Some(id) = c.opt_string()? {
                                ids.push(short_id(&id).to_string());
                            }
                            Ok(())
                        })?;
                        w.referenced_works = Some(ShortIds(ids));
                    }
                }
                b"cited_by_count" => {
                    first(&mut seen, 12, at)?;
                    w.cited_by_count = c.opt_u64()?;
                }
                b"concepts" => {
                    first(&mut seen, 13, at)?;
                    if c.opt_list()? {
                        let mut list = Vec::new();
                        c.array(|c| {
                            c.expect_struct()?;
                            list.push(c.concept()?);
                            Ok(())
                        })?;
                        w.concepts = Some(list);
                    }
                }
                _ => c.skip()?,
            }
            Ok(())
        })?;
        Ok(w)
    }

    fn location(&mut self) -> R<RawLocation<'a>> {
        let mut source = None;
        let mut seen = 0u32;
        self.object(|c, key| {
            match key {
                b"source" => {
                    first(&mut seen, 0, c.i)?;
                    if c.opt_struct()? {
                        source = Some(c.named()?);
                    }
                }
                _ => c.skip()?,
            }
            Ok(())
        })?;
        Ok(RawLocation { source })
    }

    fn named(&mut self) -> R<RawNamed<'a>> {
        let mut display_name = None;
        let mut seen = 0u32;
        self.object(|c, key| {
            match key {
                b"display_name" => {
                    first(&mut seen, 0, c.i)?;
                    display_name = c.opt_string()?;
                }
                _ => c.skip()?,
            }
            Ok(())
        })?;
        Ok(RawNamed { display_name })
    }

    fn level(&mut self) -> R<RawLevel<'a>> {
        let mut l = RawLevel { id: None, display_name: None };
        let mut seen = 0u32;
        self.object(|c, key| {
            match key {
                b"id" => {
                    first(&mut seen, 0, c.i)?;
                    l.id = c.opt_string()?;
                }
                b"display_name" => {
                    first(&mut seen, 1, c.i)?;
                    l.display_name = c.opt_string()?;
                }
                _ => c.skip()?,
            }
            Ok(())
        })?;
        Ok(l)
    }

    fn authorship(&mut self) -> R<RawAuthorship<'a>> {
        let mut a = RawAuthorship { author: None, institutions: None, raw_affiliation_strings: None };
        let mut seen = 0u32;
        self.object(|c, key| {
            match key {
                b"author" => {
                    first(&mut seen, 0, c.i)?;
                    if c.opt_struct()? {
                        a.author = Some(c.named()?);
                    }
                }
                b"institutions" => {
                    first(&mut seen, 1, c.i)?;
                    if c.opt_list()? {
                        let mut few = Few::default();
                        c.array(|c| {
                            c.expect_struct()?;
                            few.push(c.institution()?);
                            Ok(())
                        })?;
                        a.institutions = Some(few);
                    }
                }
                b"raw_affiliation_strings" => {
                    first(&mut seen, 2, c.i)?;
                    if c.opt_list()? {
                        let mut few = Few::default();
                        c.array(|c| {
                            if let Some(s) = c.opt_string()? {
                                few.push(s);
                            }
                            Ok(())
                        })?;
                        a.raw_affiliation_strings = Some(FewStrings(few));
                    }
                }
                _ => c.skip()?,
            }
            Ok(())
        })?;
        Ok(a)
    }

    fn institution(&mut self) -> R<RawInstitution<'a>> {
        let mut inst =
            RawInstitution { id: None, display_name: None, ror: None, kind: None, country_code: None };
        let mut seen = 0u32;
        self.object(|c, key| {
            let at = c.i;
            match key {
                b"id" => {
                    first(&mut seen, 0, at)?;
                    inst.id = c.opt_string()?;
                }
                b"display_name" => {
                    first(&mut seen, 1, at)?;
                    inst.display_name = c.opt_string()?;
                }
                b"ror" => {
                    first(&mut seen, 2, at)?;
                    inst.ror = c.opt_string()?;
                }
                b"type" => {
                    first(&mut seen, 3, at)?;
                    inst.kind = c.opt_string()?;
                }
                b"country_code" => {
                    first(&mut seen, 4, at)?;
                    inst.country_code = c.opt_string()?;
                }
                _ => c.skip()?,
            }
            Ok(())
        })?;
        Ok(inst)
    }

    fn topic(&mut self) -> R<RawTopic<'a>> {
        let mut t =
            RawTopic { id: None, display_name: None, score: None, subfield: None, field: None, domain: None };
        let mut seen = 0u32;
        self.object(|c, key| {
            let at = c.i;
            match key {
                b"id" => {
                    first(&mut seen, 0, at)?;
                    t.id = c.opt_string()?;
                }
                b"display_name" => {
                    first(&mut seen, 1, at)?;
                    t.display_name = c.opt_string()?;
                }
                b"score" => {
                    first(&mut seen, 2, at)?;
                    t.score = c.opt_f64()?;
                }
                b"subfield" => {
                    first(&mut seen, 3, at)?;
                    if c.opt_struct()? {
                        t.subfield = Some(c.level()?);
                    }
                }
                b"field" => {
                    first(&mut seen, 4, at)?;
                    if c.opt_struct()? {
                        t.field = Some(c.level()?);
                    }
                }
                b"domain" => {
                    first(&mut seen, 5, at)?;
                    if c.opt_struct()? {
                        t.domain = Some(c.named()?);
                    }
                }
                _ => c.skip()?,
            }
            Ok(())
        })?;
        Ok(t)
    }

    fn concept(&mut self) -> R<RawConcept<'a>> {
        let mut k = RawConcept { id: None, score: None };
        let mut seen = 0u32;
        self.object(|c, key| {
            match key {
                b"id" => {
                    first(&mut seen, 0, c.i)?;
                    k.id = c.opt_string()?;
                }
                b"score" => {
                    first(&mut seen, 1, c.i)?;
                    k.score = c.opt_f64()?;
                }
                _ => c.skip()?,
            }
            Ok(())
        })?;
        Ok(k)
    }

    /// `abstract_inverted_index` (cursor on `{`): words (keys, unescaped as kept strings) and their
    /// positions (integers in `u32`, no nulls), as the serde path's visitor collects them.
    fn inverted_index(&mut self) -> R<InvertedIndex<'a>> {
        let mut out = InvertedIndex { words: Vec::with_capacity(64), positions: Vec::with_capacity(128) };
        self.i += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(out);
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.bad());
            }
            let word = self.string()?;
            let number = out.words.len() as u32;
            out.words.push(word);
            self.ws();
            self.eat(b':')?;
            self.ws();
            if self.peek() != Some(b'[') {
                return Err(self.bad());
            }
            let positions = &mut out.positions;
            self.array(|c| {
                let at = c.i;
                match c.integer()? {
                    (false, p) if p <= u64::from(u32::MAX) => {
                        positions.push((p as u32, number));
                        Ok(())
                    }
                    _ => Err(Stop::Invalid(at)),
                }
            })?;
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.i += 1;
                    return Ok(out);
                }
                _ => return Err(self.bad()),
            }
        }
    }
}

/// A number (checked JSON syntax) as serde_json reads it, when that is one exact division: a
/// significand of at most 15 digits (exact in an f64) over a power of ten of at most 22 (exact too), no
/// exponent. serde_json computes `significand as f64` and divides by its table's power of ten, so the
/// one rounding is the same; `None` for any other number (serde_json reads those).
#[inline]
fn exact_decimal(span: &[u8]) -> Option<f64> {
    let (negative, digits) = match span.first()? {
        b'-' => (true, &span[1..]),
        _ => (false, span),
    };
    let mut significand = 0u64;
    let mut count = 0usize;
    let mut fraction: Option<usize> = None;
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                significand = significand * 10 + u64::from(c - b'0');
                count += 1;
                if count > 15 {
                    return None;
                }
                if let Some(f) = fraction.as_mut() {
                    *f += 1;
                }
            }
            b'.' => fraction = Some(0),
            _ => return None,
        }
    }
    let f = significand as f64;
    let v = match fraction {
        None | Some(0) => f,
        Some(k) => f / *POW10.get(k)?,
    };
    Some(if negative { -v } else { v })
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod agreement;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_stop_agrees_with_a_byte_loop() {
        // Quotes, backslashes and control characters at every offset, among bytes one off from them
        // ('!' '#' '[' ']' ' ') and bytes with the high bit set (UTF-8), which the word trick must not
        // mistake for them.
        let text: Vec<u8> = (0..400u32)
            .map(|i| match i % 41 {
                40 => b'"',
                13 if i % 3 == 0 => b'\\',
                27 if i % 5 == 0 => [0u8, 0x1f, b'\t', b'\n'][(i % 4) as usize],
                k => [b'!', b'#', b'[', b']', 0xe9, 0x80, b' ', 0xdc, 0x7f][k as usize % 9],
            })
            .collect();
        for start in 0..text.len() {
            for end in start..text.len().min(start + 90) {
                let hay = &text[..end];
                let want =
                    hay[start..].iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).map(|k| start + k);
                assert_eq!(string_stop(hay, start), want, "{start}..{end}");
                if let Some(plain) = plain_string_end(hay, start) {
                    assert_eq!((hay[plain - 1], Some(plain - 1)), (b'"', want), "{start}..{end}");
                } else {
                    // Not a quote, or in a word that would reach past the end.
                    let past_end = |at: usize| start + ((at - start) / 8 + 1) * 8 > end;
                    assert!(want.is_none_or(|at| hay[at] != b'"' || past_end(at)), "{start}..{end}");
                }
            }
        }
    }

    #[test]
    fn unescape_follows_serde_json() {
        for raw in [r"plain", r#"a\"b\\c\/d\b\f\n\r\t"#, r"\u00e9t\u00E9", r"\ud83d\ude00!", r"\u0000"] {
            let want: String = serde_json::from_str(&format!("\"{raw}\"")).unwrap();
            assert_eq!(unescape(raw.as_bytes()).as_deref(), Some(want.as_str()), "{raw}");
        }
        // Lone or reversed surrogates, a high surrogate followed by another escape: errors in both.
        for raw in
            [r"\ud800", r"\udc00", r"\ud800x", r"\ud800\n", r"\ud800\ud800", r"\udc00\ud800", r"\ud800\u0041"]
        {
            assert!(serde_json::from_str::<String>(&format!("\"{raw}\"")).is_err(), "{raw}");
            assert_eq!(unescape(raw.as_bytes()), None, "{raw}");
        }
    }

    #[test]
    fn exact_decimals_equal_serde_json_bit_for_bit() {
        for s in [
            "0",
            "-0",
            "1",
            "-5",
            "0.95",
            "-0.0",
            "0.000001",
            "123456789012345",
            "1.23456789012345",
            "0.1234567890123456789012",
            "7.5",
        ] {
            let want: f64 = serde_json::from_str(s).unwrap();
            let got = exact_decimal(s.as_bytes());
            if let Some(got) = got {
                assert_eq!(got.to_bits(), want.to_bits(), "{s}");
            }
        }
        assert_eq!(exact_decimal(b"1e5"), None);
        assert_eq!(exact_decimal(b"1234567890123456"), None);
        assert_eq!(exact_decimal(b"0.00000000000000000000001"), None);
    }

    #[test]
    fn skipping_has_no_depth_limit_and_checks_structure() {
        let deep = format!("{{\"id\":\"W1\",\"x\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(work(&deep, false).is_ok());
        assert!(serde_json::from_str::<serde::de::IgnoredAny>(&deep).is_ok());
        let unbalanced = format!("{{\"id\":\"W1\",\"x\":{}{}}}", "[".repeat(200), "]".repeat(199));
        assert!(matches!(work(&unbalanced, false), Err(Stop::Invalid(_))));
        let mixed = r#"{"id":"W1","x":[{"a":[1,{"b":[]}]}}]}"#;
        assert!(matches!(work(mixed, false), Err(Stop::Invalid(_))));
    }

    /// The short loops of skipping (scalar items of arrays, scalar members of objects) and the general
    /// steps they fall back to accept exactly what serde_json accepts: whitespace around commas, trailing
    /// and doubled commas, containers after scalars, nesting across the 64 inline frames.
    #[test]
    fn skipped_values_are_checked_as_serde_json_checks_them() {
        let mut values: Vec<String> = [
            "[1,2,3]",
            "[1 ,2]",
            "[1, 2]",
            "[ 1,2 ]",
            "[1,]",
            "[,1]",
            "[1,,2]",
            "[1 2]",
            "[1]]",
            "[01]",
            "[1,-]",
            "[1,\"a\",true,null,false,-0.5e3]",
            "[1,{\"a\":1},2]",
            "[1,[2,[3]],4]",
            "[[],[1],{}]",
            "[\"a\",\"b\" ,\"c\"]",
            "[\"a\\\"b\",\"c\\u00e9\"]",
            "[\"a\\x\"]",
            "[1,nul]",
            "[1,tru]",
            "[1.]",
            "[1e]",
            "[-]",
            "{\"a\":1,\"b\":\"x\",\"c\":null}",
            "{\"a\":1,}",
            "{\"a\":1 ,\"b\":2}",
            "{\"a\": 1}",
            "{\"a\" :1}",
            "{\"a\":1,\"b\":{\"c\":[1,2]},\"d\":true}",
            "{\"a\":1,\"b\"}",
            "{\"a\":1,2:3}",
            "{\"a\":tru}",
            "{\"a\":1}}",
            "{\"a\":1,,\"b\":2}",
            "{\"a\":1\"b\":2}",
            "{\"a\\n\":1}",
            "{\"a\":[1,2],\"b\":3}",
            "[{\"a\":[1,{\"b\":\"c\"}]},[[[]]]]",
            "{\"a\":{\"b\":1,\"c\":[true,{}]},\"d\":[]}",
            "{\"a\":[1,2}",
            "[{\"a\":1]}",
        ]
        .map(String::from)
        .to_vec();
        for depth in [63, 64, 65, 130] {
            let open: String = (0..depth).map(|k| if k % 2 == 0 { "[1," } else { "{\"k\":" }).collect();
            let close: String = (0..depth).rev().map(|k| if k % 2 == 0 { "]" } else { "}" }).collect();
            values.push(format!("{open}2{close}"));
            let wrong: String = (0..depth).map(|k| if k % 2 == 0 { "}" } else { "]" }).collect();
            values.push(format!("{open}2{wrong}"));
        }
        for v in &values {
            let line = format!("{{\"id\":\"W1\",\"x\":{v},\"y\":{v}}}");
            let want = serde_json::from_str::<serde::de::IgnoredAny>(&line).is_ok();
            assert_eq!(work(&line, false).is_ok(), want, "{v}");
        }
    }

    #[test]
    fn structs_written_as_arrays_are_left_to_serde_json() {
        assert!(matches!(work(r#"["W1"]"#, true), Err(Stop::Defer(0))));
        assert!(matches!(work(r#"{"id":"W1","primary_location":[null]}"#, true), Err(Stop::Defer(_))));
    }
}
