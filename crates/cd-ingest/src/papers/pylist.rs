//! A small parser for Python list literals as the AI Index files write them: `['MIT', "O'Reilly", None]`.
//!
//! Accepts single- and double-quoted strings with backslash escapes (`\'`, `\"`, `\\`, `\n`, `\t`,
//! `\xNN`, `\uNNNN`), `None`, and bare numbers (kept as text); nested lists are flattened into text
//! elements. It stops at the closing `]` and hands back whatever follows, so a caller can report trailing
//! garbage (a scraper that glued the next title onto the list) without losing the list itself. It never
//! evaluates anything and never panics on malformed input.

/// A parsed list: the elements (`None` for Python `None`) and any non-blank text after the closing `]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyList {
    pub items: Vec<Option<String>>,
    pub trailing: String,
}

/// Deepest nesting of lists inside a list cell (`[[…]]` is depth 2). Deeper cells are an error of the
/// cell (the row is read with an empty list and a note), never a stack overflow: the parser recurses once
/// per level and reads every character once, so time and memory stay linear in the cell's length.
pub const MAX_LIST_DEPTH: usize = 32;

/// Parse a Python list literal. Errors describe what was expected and at which character.
pub fn parse_py_list(text: &str) -> Result<PyList, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    skip_ws(&chars, &mut i);
    if chars.get(i) != Some(&'[') {
        let shown: String = text.chars().take(40).collect();
        return Err(format!("expected a Python list such as ['a', None], found '{shown}'"));
    }
    let items = parse_list_at(&chars, &mut i, 1)?;
    let trailing: String = chars[i..].iter().collect::<String>().trim().to_string();
    Ok(PyList { items, trailing })
}

/// The list opening at `chars[*i]` (a `[`), at nesting `depth` (1 for the outer list); `*i` ends after
/// its closing `]`.
fn parse_list_at(chars: &[char], i: &mut usize, depth: usize) -> Result<Vec<Option<String>>, String> {
    if depth > MAX_LIST_DEPTH {
        return Err(format!("lists nested deeper than {MAX_LIST_DEPTH} levels (at character {})", *i + 1));
    }
    *i += 1;
    let mut items = Vec::new();
    loop {
        skip_ws(chars, i);
        match chars.get(*i) {
            None => return Err(format!("list not closed: missing ']' at character {}", *i + 1)),
            Some(']') => {
                *i += 1;
                return Ok(items);
            }
            Some(_) => {}
        }
        items.push(parse_item(chars, i, depth)?);
        skip_ws(chars, i);
        match chars.get(*i) {
            Some(',') => *i += 1,
            Some(']') => {}
            None => return Err(format!("list not closed: missing ']' at character {}", *i + 1)),
            Some(c) => return Err(format!("expected ',' or ']' at character {}, found '{c}'", *i + 1)),
        }
    }
}

fn skip_ws(chars: &[char], i: &mut usize) {
    while chars.get(*i).is_some_and(|c| c.is_whitespace()) {
        *i += 1;
    }
}

fn parse_item(chars: &[char], i: &mut usize, depth: usize) -> Result<Option<String>, String> {
    match chars[*i] {
        q @ ('\'' | '"') => parse_string(chars, i, q).map(Some),
        // A nested list: its elements flattened into one text.
        '[' => {
            Ok(Some(parse_list_at(chars, i, depth + 1)?.into_iter().flatten().collect::<Vec<_>>().join("; ")))
        }
        _ => {
            let start = *i;
            while chars.get(*i).is_some_and(|c| *c != ',' && *c != ']') {
                *i += 1;
            }
            let word: String = chars[start..*i].iter().collect::<String>().trim().to_string();
            match word.as_str() {
                "None" => Ok(None),
                w if !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c)) => {
                    Ok(Some(w.to_string()))
                }
                w => Err(format!("expected a quoted string or None at character {}, found '{w}'", start + 1)),
            }
        }
    }
}

fn parse_string(chars: &[char], i: &mut usize, quote: char) -> Result<String, String> {
    let start = *i;
    *i += 1;
    let mut out = String::new();
    loop {
        let Some(&c) = chars.get(*i) else {
            return Err(format!("string opened at character {} is not closed", start + 1));
        };
        *i += 1;
        if c == quote {
            return Ok(out);
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = chars.get(*i) else {
            return Err(format!("string opened at character {} ends in a backslash", start + 1));
        };
        *i += 1;
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '\\' | '\'' | '"' => out.push(e),
            'x' | 'u' | 'U' => {
                let len = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = chars.get(*i..*i + len).map(|s| s.iter().collect()).unwrap_or_default();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if hex.len() == len => {
                        out.push(ch);
                        *i += len;
                    }
                    _ => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            // Python keeps unknown escapes as written.
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(s: &str) -> Vec<Option<String>> {
        parse_py_list(s).unwrap().items
    }

    #[test]
    fn quotes_none_and_escapes() {
        assert_eq!(
            items(r#"['MIT', "O'Reilly", None, 'a\'b', 'Z\xfcrich', 'caf\u00e9']"#),
            vec![
                Some("MIT".into()),
                Some("O'Reilly".into()),
                None,
                Some("a'b".into()),
                Some("Zürich".into()),
                Some("café".into())
            ]
        );
        assert_eq!(items("[]"), Vec::<Option<String>>::new());
        assert_eq!(items(" [ 'a' , ] "), vec![Some("a".into())]);
        assert_eq!(items("[['a', 'b'], 3]"), vec![Some("a; b".into()), Some("3".into())]);
    }

    #[test]
    fn trailing_text_is_handed_back() {
        let p = parse_py_list("[None, None] https://nips.cc/virtual/2023/poster/70180").unwrap();
        assert_eq!(p.items, vec![None, None]);
        assert_eq!(p.trailing, "https://nips.cc/virtual/2023/poster/70180");
    }

    #[test]
    fn malformed_is_an_error_not_a_panic() {
        assert!(parse_py_list("Authors section not found.").unwrap_err().contains("expected a Python list"));
        assert!(parse_py_list("['a', 'b'").unwrap_err().contains("not closed"));
        assert!(parse_py_list("['a").unwrap_err().contains("not closed"));
        assert!(parse_py_list("['a' 'b']").unwrap_err().contains("expected ','"));
        assert!(parse_py_list("").is_err());
        assert!(parse_py_list("[foo bar]").is_err());
    }

    /// Issue 11: 32,000 nested brackets overflowed the stack (abort), 16,000 cost 1.3 GB, and a million
    /// unclosed ones exhausted memory. Now each is an error of the cell, found in linear time.
    #[test]
    fn deep_nesting_is_an_error_not_an_abort() {
        let deep = format!("{}{}", "[".repeat(32_000), "]".repeat(32_000));
        assert!(parse_py_list(&deep).unwrap_err().contains("nested deeper than 32 levels"));
        assert!(parse_py_list(&"[".repeat(1_000_000)).unwrap_err().contains("nested deeper"));
        let ok = format!("{}'a'{}", "[".repeat(MAX_LIST_DEPTH), "]".repeat(MAX_LIST_DEPTH));
        assert_eq!(parse_py_list(&ok).unwrap().items, vec![Some("a".into())]);
        let over = format!("{}'a'{}", "[".repeat(MAX_LIST_DEPTH + 1), "]".repeat(MAX_LIST_DEPTH + 1));
        assert!(parse_py_list(&over).is_err());
        // Wide rather than deep is fine: 100,000 nested pairs side by side.
        let wide = format!("[{}]", vec!["['x']"; 100_000].join(","));
        assert_eq!(parse_py_list(&wide).unwrap().items.len(), 100_000);
    }
}
