//! The scanner against serde_json's derived visitors (the reference): generated works (escapes, unicode,
//! nulls, missing fields, unknown fields with nested values, numbers in every JSON form, whitespace,
//! escaped keys, abstracts on and off) must read to the same `OpenAlexWork`, and corrupted ones
//! (truncated, bytes replaced, inserted or deleted) must be accepted or rejected as serde_json accepts or
//! rejects them.

use super::super::{build_work, line_text, parse_work, parse_work_serde, ReadOptions};
use super::{work, Stop};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// The scanner alone agrees with the reference on `line`: what it accepts reads the same (the same
/// work, or the same missing-id rejection); what it rejects as invalid serde_json rejects as JSON; and
/// [`parse_work`] (the scanner, serde_json after it) returns exactly the reference's result.
fn agree(line: &[u8], abstracts: bool) -> Result<Outcome, TestCaseError> {
    let opts = ReadOptions { abstracts, ..ReadOptions::default() };
    let reference = parse_work_serde(line, &opts);
    prop_assert_eq!(&parse_work(line, &opts), &reference);
    let Ok(text) = line_text(line) else { return Ok(Outcome::NotUtf8) };
    let json_error = matches!(&reference, Err((field, _)) if field.is_empty());
    match work(text, abstracts) {
        Ok(raw) => {
            prop_assert!(!json_error, "scanner accepts what serde_json rejects: {:?}", reference);
            prop_assert_eq!(&build_work(raw, &opts), &reference);
            Ok(Outcome::Accepted)
        }
        Err(Stop::Invalid(at)) => {
            prop_assert!(
                json_error,
                "scanner rejects at byte {} what serde_json accepts: {:?}",
                at,
                reference
            );
            Ok(Outcome::Rejected)
        }
        Err(Stop::Defer(at)) => {
            prop_assert_eq!(text.as_bytes()[at], b'[', "deferred only at an array");
            Ok(Outcome::Deferred)
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Accepted,
    Rejected,
    Deferred,
    NotUtf8,
}

// ---- generated JSON text ----

/// JSON whitespace between tokens: mostly none.
fn ws() -> impl Strategy<Value = String> {
    prop_oneof![8 => Just(String::new()), 1 => Just(" ".to_string()), 1 => "[ \t\r\n]{1,3}"]
}

/// A character of a string's content: ASCII letters and digits, the characters JSON must or may escape,
/// control characters, two- to four-byte UTF-8 (including U+2028, which JSON need not escape).
fn content_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::char::range('a', 'z'),
        2 => Just(' '),
        1 => proptest::char::range('0', '9'),
        1 => proptest::sample::select(vec!['"', '\\', '/', '\u{8}', '\u{c}', '\n', '\r', '\t', '\0', '\u{1f}', '\u{7f}']),
        1 => proptest::sample::select(vec!['é', 'ß', '—', '\u{2028}', '\u{ffff}', '😀', '\u{10ffff}', '中']),
        1 => any::<char>(),
    ]
}

/// How a character is written: raw when JSON allows it, as a short escape when it has one, or as `\u`
/// (lower or upper hex; a surrogate pair beyond the BMP).
fn encode(c: char, how: u8, out: &mut String) {
    let short = match c {
        '"' => Some("\\\""),
        '\\' => Some("\\\\"),
        '/' => Some("\\/"),
        '\u{8}' => Some("\\b"),
        '\u{c}' => Some("\\f"),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\t' => Some("\\t"),
        _ => None,
    };
    let must_escape = c == '"' || c == '\\' || (c as u32) < 0x20;
    match (how % 4, short) {
        (0 | 1, _) if !must_escape => out.push(c),
        (0..=2, Some(short)) => out.push_str(short),
        _ => {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                if how & 4 == 0 {
                    out.push_str(&format!("\\u{:04x}", u));
                } else {
                    out.push_str(&format!("\\u{:04X}", u));
                }
            }
        }
    }
}

/// A JSON string literal of `text`-like content with random escaping.
fn jstring() -> impl Strategy<Value = String> {
    prop::collection::vec((content_char(), any::<u8>()), 0..12).prop_map(|cs| {
        let mut s = String::from("\"");
        // Mostly plain: the escapes of one string in four.
        let escapes = cs.first().is_some_and(|&(_, h)| h % 4 == 0);
        for (c, how) in cs {
            encode(c, if escapes { how } else { how & !3 }, &mut s);
        }
        s.push('"');
        s
    })
}

/// A key written as JSON: plain, or (one in eight) every character as a `\u` escape.
fn key(name: &'static str) -> impl Strategy<Value = String> {
    (any::<u8>()).prop_map(move |h| {
        let mut s = String::from("\"");
        for c in name.chars() {
            encode(c, if h % 8 == 0 { 3 | (h & 4) } else { 0 }, &mut s);
        }
        s.push('"');
        s
    })
}

/// A JSON number in any valid form: integers (negative, zero, huge), fractions, exponents (`e`/`E`,
/// signed), many digits.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        (0u32..1000).prop_map(|n| n.to_string()),
        Just("-0".to_string()),
        Just("0".to_string()),
        Just("18446744073709551616".to_string()),
        Just("-9223372036854775809".to_string()),
        (any::<bool>(), 0u64..100_000, "[0-9]{1,25}")
            .prop_map(|(neg, i, f)| format!("{}{i}.{f}", if neg { "-" } else { "" })),
        (0u64..1000, "[0-9]{0,6}", prop::sample::select(vec!["e", "E", "e+", "e-", "E-", "E+"]), 0u32..320)
            .prop_map(|(i, f, e, x)| if f.is_empty() {
                format!("{i}{e}{x}")
            } else {
                format!("{i}.{f}{e}{x}")
            }),
        any::<f64>().prop_filter("finite", |v| v.is_finite()).prop_map(|v| format!("{v:?}")),
        any::<f64>().prop_filter("finite", |v| v.is_finite()).prop_map(|v| format!("{v:e}")),
    ]
}

/// A score: any number (out-of-range exponents included, which serde_json rejects), or null.
fn score() -> impl Strategy<Value = String> {
    prop_oneof![1 => Just("null".to_string()), 2 => (0u32..100_000).prop_map(|n| format!("0.{n}")), 3 => number()]
}

/// Any JSON value, nested (the unknown fields): objects with any keys (escaped ones included), arrays,
/// strings with escapes and lone surrogates (which serde_json's skipping accepts), numbers, literals.
fn any_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        jstring(),
        number(),
        prop::sample::select(vec![
            "null",
            "true",
            "false",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"\\uDBFF\\u0041\""
        ])
        .prop_map(str::to_string),
    ];
    leaf.prop_recursive(4, 24, 5, |inner| {
        prop_oneof![
            (prop::collection::vec((ws(), inner.clone()), 0..5)).prop_map(|items| {
                let body: Vec<String> = items.into_iter().map(|(w, v)| format!("{w}{v}{w}")).collect();
                format!("[{}]", body.join(","))
            }),
            (prop::collection::vec(
                (prop_oneof![jstring(), key("id"), key("display_name")], ws(), inner),
                0..5
            ))
            .prop_map(|members| {
                let body: Vec<String> =
                    members.into_iter().map(|(k, w, v)| format!("{w}{k}{w}:{w}{v}")).collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

/// A member `"key":value` of a known field, or `None` (the field missing).
fn member(name: &'static str, value: BoxedStrategy<String>) -> BoxedStrategy<Option<String>> {
    prop::option::weighted(0.75, (key(name), ws(), value))
        .prop_map(|m| m.map(|(k, w, v)| format!("{k}{w}:{w}{v}")))
        .boxed()
}

fn or_null(value: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop_oneof![1 => Just("null".to_string()), 5 => value].boxed()
}

/// Unknown members (names no wire struct knows).
fn unknown_members() -> impl Strategy<Value = Vec<Option<String>>> {
    prop::collection::vec(
        (
            prop::sample::select(vec!["ids", "locations", "x", "counts_by_year", "is_oa", "\\u0078y", "idx"]),
            any_value(),
        )
            .prop_map(|(k, v)| Some(format!("\"{k}\":{v}"))),
        0..3,
    )
}

/// An object of the given members (missing ones left out) and unknown ones, in a shuffled order; one
/// object in 40 has a known member twice (which serde_json rejects: `duplicate field`).
fn object(members: Vec<BoxedStrategy<Option<String>>>) -> BoxedStrategy<String> {
    let twice = prop::option::weighted(0.025, any::<prop::sample::Index>());
    (members, unknown_members(), ws(), twice)
        .prop_flat_map(|(known, unknown, w, twice)| {
            let mut present: Vec<String> = known.into_iter().flatten().collect();
            if let Some(i) = twice.filter(|_| !present.is_empty()) {
                present.push(present[i.index(present.len())].clone());
            }
            present.extend(unknown.into_iter().flatten());
            (Just(present).prop_shuffle(), Just(w))
        })
        .prop_map(|(present, w)| format!("{{{w}{}{w}}}", present.join(&format!("{w},{w}"))))
        .boxed()
}

fn list(item: BoxedStrategy<String>, max: usize) -> BoxedStrategy<String> {
    (prop::collection::vec(item, 0..max), ws())
        .prop_map(|items| format!("[{}]", items.0.join(&format!("{},", items.1))))
        .boxed()
}

fn opt_string() -> BoxedStrategy<String> {
    or_null(jstring().boxed())
}

fn named() -> BoxedStrategy<String> {
    object(vec![member("display_name", opt_string())])
}

fn level() -> BoxedStrategy<String> {
    object(vec![member("id", opt_string()), member("display_name", opt_string())])
}

fn topic() -> BoxedStrategy<String> {
    object(vec![
        member("id", opt_string()),
        member("display_name", opt_string()),
        member("score", score().boxed()),
        member("subfield", or_null(level())),
        member("field", or_null(level())),
        member("domain", or_null(named())),
    ])
}

fn institution() -> BoxedStrategy<String> {
    let kind = prop_oneof![
        3 => prop::sample::select(vec!["\"education\"", "\"company\"", "\"government\"", "\"facility\"",
            "\"healthcare\"", "\"nonprofit\"", "\"archive\"", "\"funder\"", "\"other\"", "\"\"", "null"])
            .prop_map(str::to_string),
        1 => jstring(),
    ];
    object(vec![
        member("id", opt_string()),
        member("display_name", opt_string()),
        member("ror", opt_string()),
        member("type", kind.boxed()),
        member("country_code", opt_string()),
    ])
}

fn authorship() -> BoxedStrategy<String> {
    object(vec![
        member("author", or_null(named())),
        member("institutions", or_null(list(institution(), 3))),
        member("raw_affiliation_strings", or_null(list(opt_string(), 3))),
    ])
}

fn inverted_index() -> BoxedStrategy<String> {
    let positions = prop::collection::vec(prop_oneof![8 => 0u64..60, 1 => 0u64..=u64::from(u32::MAX)], 0..4)
        .prop_map(|p| format!("[{}]", p.iter().map(u64::to_string).collect::<Vec<_>>().join(",")));
    prop::collection::vec((jstring(), positions), 0..8)
        .prop_map(|words| {
            let body: Vec<String> = words.into_iter().map(|(w, p)| format!("{w}:{p}")).collect();
            format!("{{{}}}", body.join(","))
        })
        .boxed()
}

fn year() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (1900i32..2030).prop_map(|y| y.to_string()),
        1 => any::<i32>().prop_map(|y| y.to_string()),
        1 => Just("null".to_string()),
    ]
    .boxed()
}

fn count() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (0u64..10_000).prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => Just("null".to_string()),
    ]
    .boxed()
}

/// A work that serde_json accepts (given at most one of each known key, which `object` ensures).
fn valid_work() -> BoxedStrategy<String> {
    let id = prop_oneof![
        4 => (1u64..1_000_000_000).prop_map(|n| format!("\"https://openalex.org/W{n}\"")),
        1 => jstring(),
        1 => Just("null".to_string()),
    ];
    let concept = object(vec![member("id", opt_string()), member("score", score().boxed())]);
    let location = object(vec![member("source", or_null(named()))]);
    (
        object(vec![
            member("id", id.boxed()),
            member("doi", opt_string()),
            member("title", opt_string()),
            member("display_name", opt_string()),
            member("publication_year", year()),
            member("type", opt_string()),
            member("primary_location", or_null(location)),
            member("authorships", or_null(list(authorship(), 4))),
            member("primary_topic", or_null(topic())),
            member("topics", or_null(list(topic(), 3))),
            member("abstract_inverted_index", or_null(inverted_index())),
            member("referenced_works", or_null(list(opt_string(), 4))),
            member("cited_by_count", count()),
            member("concepts", or_null(list(concept, 4))),
        ]),
        ws(),
    )
        .prop_map(|(w, space)| format!("{space}{w}{space}"))
        .boxed()
}

/// A corruption of a line: truncated, a byte replaced (by a structural byte, a control character or any
/// byte), a byte inserted or deleted, or the byte after a backslash replaced (a bad escape, a `\u` cut
/// short or a surrogate left alone).
#[derive(Debug, Clone)]
enum Corruption {
    Truncate(prop::sample::Index),
    Replace(prop::sample::Index, u8),
    Insert(prop::sample::Index, u8),
    Delete(prop::sample::Index),
    AfterBackslash(prop::sample::Index, u8),
}

fn corruption() -> impl Strategy<Value = Corruption> {
    let byte = prop_oneof![
        3 => prop::sample::select(b"\"\\{}[],:0123456789-+.eEnultrfsa /x".to_vec()),
        1 => prop::sample::select(vec![0u8, 0x1f, 0x7f, b'\t', b'\n', b'\r', 0x0c]),
        1 => any::<u8>(),
    ];
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Corruption::Truncate),
        (any::<prop::sample::Index>(), byte.clone()).prop_map(|(i, b)| Corruption::Replace(i, b)),
        (any::<prop::sample::Index>(), byte).prop_map(|(i, b)| Corruption::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Corruption::Delete),
        (any::<prop::sample::Index>(), prop::sample::select(b"abuxU\"/dD0 ".to_vec()))
            .prop_map(|(i, b)| Corruption::AfterBackslash(i, b)),
    ]
}

fn corrupt(line: &str, how: &[Corruption]) -> Vec<u8> {
    let mut b = line.as_bytes().to_vec();
    for c in how {
        if b.is_empty() {
            break;
        }
        match c {
            Corruption::Truncate(i) => b.truncate(i.index(b.len())),
            Corruption::Replace(i, x) => {
                let i = i.index(b.len());
                b[i] = *x;
            }
            Corruption::Insert(i, x) => b.insert(i.index(b.len() + 1), *x),
            Corruption::Delete(i) => {
                b.remove(i.index(b.len()));
            }
            Corruption::AfterBackslash(i, x) => {
                let escapes: Vec<usize> = (0..b.len() - 1).filter(|&k| b[k] == b'\\').collect();
                if !escapes.is_empty() {
                    let k = escapes[i.index(escapes.len())] + 1;
                    b[k] = *x;
                }
            }
        }
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    /// (1) Generated valid works read the same through the scanner as through serde_json, abstracts
    /// rebuilt and skipped.
    #[test]
    fn scanner_reads_generated_works_as_serde_json(line in valid_work()) {
        for abstracts in [true, false] {
            let outcome = agree(line.as_bytes(), abstracts)?;
            // The generator writes only what serde_json accepts, but for scores out of range and
            // members written twice.
            let opts = ReadOptions { abstracts, ..ReadOptions::default() };
            let meant = |r: &str| r.contains("out of range") || r.contains("duplicate field");
            if !matches!(parse_work_serde(line.as_bytes(), &opts), Err((f, r)) if f.is_empty() && meant(&r)) {
                prop_assert_eq!(outcome, Outcome::Accepted, "{}", line);
            }
        }
    }

    /// (2) Corrupted works: the scanner accepts exactly what serde_json accepts, and reads it the same.
    #[test]
    fn scanner_accepts_corrupted_works_as_serde_json(line in valid_work(), how in prop::collection::vec(corruption(), 1..4)) {
        let bad = corrupt(&line, &how);
        for abstracts in [true, false] {
            agree(&bad, abstracts)?;
        }
    }

    /// Unknown values alone (any nesting, escapes, numbers), as the only unknown field of a work.
    #[test]
    fn scanner_skips_any_value_as_serde_json(value in any_value(), how in prop::collection::vec(corruption(), 0..2)) {
        let line = format!("{{\"id\":\"W1\",\"x\":{value}}}");
        prop_assert_eq!(agree(line.as_bytes(), true)?, Outcome::Accepted, "{}", line);
        agree(&corrupt(&line, &how), true)?;
    }

    /// Scores in every number form read to the same bits.
    #[test]
    fn scanner_reads_scores_as_serde_json(score in number()) {
        let line = format!(r#"{{"id":"W1","concepts":[{{"id":"C1","score":{score}}}],"topics":[{{"id":"T1","score":{score}}}]}}"#);
        agree(line.as_bytes(), true)?;
    }
}

/// Hand-picked lines at the edges of serde_json's rules, each checked for agreement, with the outcome
/// serde_json gives.
#[test]
fn edge_lines_agree_with_serde_json() {
    use Outcome::*;
    let cases: &[(&str, Outcome)] = &[
        (r#"{"id":"W1"}"#, Accepted),
        (r#" {"id":"W1"} "#, Accepted),
        (r#"{"id":"W1"}x"#, Rejected),
        (r#"{"id":"W1",}"#, Rejected),
        (r#"{"id":"W1","x":[1,]}"#, Rejected),
        (r#"{"id":"W1","x":{"a":1,}}"#, Rejected),
        (r#"{"id":"W1","id":"W2"}"#, Rejected),
        (r#"{"id":"W1","\u0069d":"W2"}"#, Rejected),
        (r#"{"\u0069d":"W2"}"#, Accepted),
        (r#"{"id":"W1","x":1,"x":2}"#, Accepted),
        (r#"{"id":"W1","publication_year":2017.0}"#, Rejected),
        (r#"{"id":"W1","publication_year":-0}"#, Rejected),
        (r#"{"id":"W1","publication_year":-2147483648}"#, Accepted),
        (r#"{"id":"W1","publication_year":2147483648}"#, Rejected),
        (r#"{"id":"W1","publication_year":"2017"}"#, Rejected),
        (r#"{"id":"W1","cited_by_count":18446744073709551615}"#, Accepted),
        (r#"{"id":"W1","cited_by_count":18446744073709551616}"#, Rejected),
        (r#"{"id":"W1","cited_by_count":-1}"#, Rejected),
        (r#"{"id":"W1","cited_by_count":1e3}"#, Rejected),
        (r#"{"id":"W1","cited_by_count":01}"#, Rejected),
        (r#"{"id":"W1","x":01}"#, Rejected),
        (r#"{"id":"W1","x":1.}"#, Rejected),
        (r#"{"id":"W1","x":1e}"#, Rejected),
        (r#"{"id":"W1","x":-}"#, Rejected),
        (r#"{"id":"W1","x":1e999}"#, Accepted),
        (r#"{"id":"W1","concepts":[{"id":"C1","score":1e999}]}"#, Rejected),
        (r#"{"id":"W1","concepts":[{"id":"C1","score":1e-999}]}"#, Accepted),
        (r#"{"id":"W1","concepts":[null]}"#, Rejected),
        (r#"{"id":"W1","referenced_works":[null,"https://openalex.org/W2"]}"#, Accepted),
        (r#"{"id":"W1","title":"\ud800"}"#, Rejected),
        (r#"{"id":"W1","title":"\udc00"}"#, Rejected),
        (r#"{"id":"W1","title":"\ud83d\ude00"}"#, Accepted),
        (r#"{"id":"W1","x":"\ud800"}"#, Accepted),
        (r#"{"id":"W1","\ud800":1}"#, Rejected),
        (r#"{"id":"W1","x":{"\ud800":1}}"#, Accepted),
        (r#"{"id":"W1","x":"\x"}"#, Rejected),
        (r#"{"id":"W1","x":"\u00g0"}"#, Rejected),
        ("{\"id\":\"W1\",\"x\":\"a\tb\"}", Rejected),
        ("{\"id\":\"W1\",\"title\":\"a\u{1}b\"}", Rejected),
        ("{\"id\":\"W1\",\t\"title\":\"a\"\r\n}", Accepted),
        ("{\"id\":\"W1\",\"title\":\"a\"}\u{c}", Rejected),
        (r#"{"id":"W1","x":nul}"#, Rejected),
        (r#"{"id":"W1","x":True}"#, Rejected),
        (r#"{"id":"W1","abstract_inverted_index":5}"#, Rejected),
        (r#"{"id":"W1","abstract_inverted_index":{"a":[-1]}}"#, Rejected),
        (r#"{"id":"W1","abstract_inverted_index":{"a":[4294967296]}}"#, Rejected),
        (r#"{"id":"W1","abstract_inverted_index":{"a":[null]}}"#, Rejected),
        (r#"{"id":"W1","abstract_inverted_index":{"a":null}}"#, Rejected),
        (r#"{"id":"W1","abstract_inverted_index":{"\ud800":[0]}}"#, Rejected),
        (r#"{"id":"W1","primary_location":{"source":["Venue"]}}"#, Deferred),
        (r#"["W1"]"#, Deferred),
        (r#""W1""#, Rejected),
        ("", Rejected),
        (r#"{"title":"no id"}"#, Accepted),
    ];
    for (line, want) in cases {
        let got = agree(line.as_bytes(), true).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(&got, want, "{line}");
    }
    // With abstracts skipped, any value is accepted there, as by the serde path.
    assert_eq!(agree(br#"{"id":"W1","abstract_inverted_index":5}"#, false).unwrap(), Outcome::Accepted);
    assert_eq!(
        agree(br#"{"id":"W1","abstract_inverted_index":{"\ud800":[-1]}}"#, false).unwrap(),
        Outcome::Accepted
    );
    // Deferred forms read as serde_json reads them.
    let opts = ReadOptions::default();
    let w = parse_work(br#"{"id":"W1","primary_location":{"source":["Venue"]}}"#, &opts).unwrap();
    assert_eq!(w.paper.venue, "Venue");
    assert_eq!(parse_work(br#"["W7"]"#, &opts).unwrap().paper.paper_id, "W7");
}
