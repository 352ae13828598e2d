//! Name normalisation shared by the registry index and the queries, so that both sides agree.
//!
//! Lower case, diacritics removed (NFKD, combining marks dropped), apostrophes and accent signs deleted
//! (`Noah's` → `noahs`, `F´ed´erale` → `federale`), `&` spelled `and`, every other non-alphanumeric
//! character a space, spaces collapsed, a leading `the` dropped. Pure string work; no I/O.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalise an institution name for lookup.
pub fn normalize(name: &str) -> String {
    if name.is_ascii() {
        normalize_ascii(name)
    } else {
        normalize_unicode(name)
    }
}

/// [`normalize`] of an ASCII name, without NFKD (the identity on ASCII, which has no combining marks):
/// the same result, several times faster (GRID's names are mostly ASCII).
fn normalize_ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    let push = |c: char, out: &mut String, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push(' ');
        }
        *pending = false;
        out.push(c);
    };
    for c in name.chars() {
        match c {
            '\'' | '`' => {}
            '&' => {
                pending_space = true;
                for a in ['a', 'n', 'd'] {
                    push(a, &mut out, &mut pending_space);
                }
                pending_space = true;
            }
            c if c.is_ascii_alphanumeric() => push(c.to_ascii_lowercase(), &mut out, &mut pending_space),
            _ => pending_space = true,
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// [`normalize`] of any name.
fn normalize_unicode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    let push_word_char = |c: char, out: &mut String, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push(' ');
        }
        *pending = false;
        out.push(c);
    };
    // Apostrophes and accent signs go before NFKD, which would turn `´` into a space and a combining mark.
    let without_apostrophes: Vec<char> =
        name.chars().filter(|c| !matches!(c, '\'' | '’' | '‘' | '´' | '`' | 'ʼ')).collect();
    // A space before a combining mark is an accent torn off its letter (`E \u{301}cole`): dropped, so
    // the word stays whole.
    let joined = without_apostrophes.iter().enumerate().filter(|&(i, c)| {
        !(c.is_whitespace() && without_apostrophes.get(i + 1).is_some_and(|n| is_combining_mark(*n)))
    });
    for c in joined.map(|(_, c)| *c).nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '&' => {
                pending_space = true;
                for a in "and".chars() {
                    push_word_char(a, &mut out, &mut pending_space);
                }
                pending_space = true;
            }
            // Letters that NFKD does not decompose.
            'ß' => {
                push_word_char('s', &mut out, &mut pending_space);
                push_word_char('s', &mut out, &mut pending_space);
            }
            'ø' | 'Ø' => push_word_char('o', &mut out, &mut pending_space),
            'æ' | 'Æ' => {
                push_word_char('a', &mut out, &mut pending_space);
                push_word_char('e', &mut out, &mut pending_space);
            }
            'ł' | 'Ł' => push_word_char('l', &mut out, &mut pending_space),
            'đ' | 'Đ' => push_word_char('d', &mut out, &mut pending_space),
            c if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    push_word_char(l, &mut out, &mut pending_space);
                }
            }
            _ => pending_space = true,
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// Remove parenthesised parts: `Carnegie Mellon University (CMU)` → `Carnegie Mellon University`.
/// Returns the text outside parentheses and the texts inside them.
pub fn split_parentheses(name: &str) -> (String, Vec<String>) {
    let mut outside = String::new();
    let mut inside = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in name.chars() {
        match c {
            '(' | '[' | '（' => {
                depth += 1;
                if depth == 1 {
                    cur.clear();
                    continue;
                }
            }
            ')' | ']' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    inside.push(cur.trim().to_string());
                    continue;
                }
            }
            _ => {}
        }
        if depth == 0 {
            outside.push(c);
        } else {
            cur.push(c);
        }
    }
    if depth > 0 && !cur.trim().is_empty() {
        // Unclosed parenthesis (Epoch truncates some names): keep its content as an alternative.
        inside.push(cur.trim().to_string());
    }
    (outside.trim().to_string(), inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_agrees_with_the_unicode_path() {
        let names = [
            "The University of Tokyo",
            "AT&T Labs",
            "Noah's Ark Lab",
            "  Dept. of EECS,   MIT  ",
            "the",
            "the ",
            "Theory Group & the Lab",
            "&&",
            "& Co",
            "`quoted` name's",
            "Google (United States)",
            "ETH Zurich/ETH Zürich",
            "Tab\there\nnewline",
            "X-Lab_42 + Y",
            "",
            "!!!",
        ];
        for n in names.iter().filter(|n| n.is_ascii()) {
            assert_eq!(normalize_ascii(n), normalize_unicode(n), "{n:?}");
        }
        // Every printable ASCII character, alone and between words.
        for b in 0u8..128 {
            let c = b as char;
            for n in [c.to_string(), format!("a{c}b"), format!("the{c}x"), format!("{c}the x")] {
                assert_eq!(normalize_ascii(&n), normalize_unicode(&n), "{n:?}");
            }
        }
    }

    #[test]
    fn normalises() {
        assert_eq!(normalize("The University of Tokyo"), "university of tokyo");
        assert_eq!(normalize("Université de Montréal"), "universite de montreal");
        assert_eq!(
            normalize("Ecole Polytechnique F´ed´erale de Lausanne (EPFL)"),
            "ecole polytechnique federale de lausanne epfl"
        );
        assert_eq!(normalize("Huawei Noah's Ark Lab"), "huawei noahs ark lab");
        assert_eq!(normalize("Technische Universität München"), "technische universitat munchen");
        assert_eq!(normalize("AT&T Labs"), "at and t labs");
        assert_eq!(normalize("  Google   DeepMind, London "), "google deepmind london");
        assert_eq!(normalize("Ludwig-Maximilians-Universität"), "ludwig maximilians universitat");
        assert_eq!(normalize("Wrocław"), "wroclaw");
        assert_eq!(normalize("E \u{301}cole Normale Supe \u{301}rieure"), "ecole normale superieure");
    }

    #[test]
    fn parentheses() {
        let (o, i) = split_parentheses("Carnegie Mellon University (CMU)");
        assert_eq!((o.as_str(), i), ("Carnegie Mellon University", vec!["CMU".to_string()]));
        let (o, i) = split_parentheses("Institut Universitaire de France (IUF");
        assert_eq!((o.as_str(), i), ("Institut Universitaire de France", vec!["IUF".to_string()]));
    }
}
