//! Splitting Epoch's list-valued cells (organisations, authors, domains, tasks, countries, categories).
//!
//! Epoch joins list items with commas. What the shipped vintages show, and what this module does about it:
//! - Items are joined with a bare comma in the main columns (`Google,DeepMind`) but with `", "` in the
//!   lookup columns (`Organization (from Organization)`) and in `Authors`.
//! - An item that itself contains a comma is sometimes CSV-quoted inside the cell
//!   (`Stanford University,"SambaNova Systems, Inc",Peking University`, 2025-08-07), sometimes not
//!   (`NVIDIA,NERSC, Lawrence Berkeley National Laboratory,...`, notable 2025-12-02), and company names
//!   carry legal suffixes after a comma (`Qilin Hesheng Network Technology Co., Ltd. (APUS)`).
//! - Items may hold line breaks (`Indraprastha Institute of Information Technology\nDelhi`).
//! - No shipped cell has a comma inside parentheses, but one would not split the item.
//!
//! This module only splits strings; it never decides what an organisation is.

/// One item as tokenised, with what preceded it.
struct Token {
    text: String,
    /// The item was written in double quotes.
    quoted: bool,
    /// The comma before this item was followed by whitespace (`", "`).
    after_spaced_comma: bool,
}

/// Collapse runs of whitespace (including line breaks) to one space and trim.
pub fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Tokenise on commas that are outside double quotes (when `honour_quotes`) and outside parentheses (when
/// `protect_parens`). Returns the tokens, whether a separating comma was followed directly by a
/// non-space character, whether parentheses balanced and whether every quote was closed.
fn tokenize(cell: &str, protect_parens: bool, honour_quotes: bool) -> (Vec<Token>, bool, bool, bool) {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut in_quotes = false;
    let mut depth = 0i32;
    let mut after_spaced = false;
    let mut any_bare = false;
    let mut at_item_start = true;
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cur.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(c);
            }
            continue;
        }
        match c {
            '"' if at_item_start && honour_quotes => {
                in_quotes = true;
                quoted = true;
                at_item_start = false;
            }
            ',' if !protect_parens || depth == 0 => {
                tokens.push(Token {
                    text: std::mem::take(&mut cur),
                    quoted,
                    after_spaced_comma: after_spaced,
                });
                quoted = false;
                at_item_start = true;
                match chars.peek() {
                    Some(n) if n.is_whitespace() => after_spaced = true,
                    Some(_) => {
                        after_spaced = false;
                        any_bare = true;
                    }
                    None => after_spaced = false,
                }
            }
            _ => {
                if c == '(' {
                    depth += 1;
                } else if c == ')' {
                    depth -= 1;
                }
                if !(at_item_start && c.is_whitespace()) {
                    at_item_start = false;
                }
                cur.push(c);
            }
        }
    }
    tokens.push(Token { text: cur, quoted, after_spaced_comma: after_spaced });
    (tokens, any_bare, depth == 0, !in_quotes)
}

fn tokens(cell: &str) -> (Vec<Token>, bool) {
    // An unclosed parenthesis or quote would swallow the rest of the list: then split as if it were an
    // ordinary character.
    let (t, bare, parens_ok, quotes_ok) = tokenize(cell, true, true);
    if parens_ok && quotes_ok {
        return (t, bare);
    }
    let (t, bare, _, _) = tokenize(cell, parens_ok, quotes_ok);
    (t, bare)
}

/// Split a plain list cell (authors, domains, tasks, countries, categories, notability): commas outside
/// double quotes and parentheses separate items; items are trimmed, inner whitespace collapsed, empty
/// items dropped.
pub fn split_list(cell: &str) -> Vec<String> {
    tokens(cell).0.into_iter().map(|t| clean(&t.text)).filter(|s| !s.is_empty()).collect()
}

/// Legal-form suffixes that follow a comma inside one company name (`Acme, Inc.`).
const LEGAL_SUFFIXES: [&str; 22] = [
    "inc",
    "inc.",
    "incorporated",
    "ltd",
    "ltd.",
    "limited",
    "llc",
    "l.l.c.",
    "co.",
    "co",
    "corp",
    "corp.",
    "gmbh",
    "ag",
    "s.a.",
    "sa",
    "s.p.a.",
    "b.v.",
    "n.v.",
    "plc",
    "llp",
    "pte.",
];

fn starts_with_legal_suffix(item: &str) -> bool {
    let first = item.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    LEGAL_SUFFIXES.contains(&first.as_str())
}

/// Split an `Organization` cell. Besides `split_list`'s rules: when the cell separates items with bare
/// commas, an item introduced by `", "` belongs to the previous item (`NERSC, Lawrence Berkeley National
/// Laboratory`); and an item that starts with a legal suffix (`Inc.`, `Ltd.` ...) always does.
pub fn split_organizations(cell: &str) -> Vec<String> {
    let (toks, any_bare) = tokens(cell);
    let mut out: Vec<String> = Vec::new();
    for t in toks {
        let item = clean(&t.text);
        if item.is_empty() {
            continue;
        }
        let joins_previous = !t.quoted
            && !out.is_empty()
            && ((any_bare && t.after_spaced_comma) || starts_with_legal_suffix(&item));
        match out.last_mut() {
            Some(prev) if joins_previous => {
                prev.push_str(", ");
                prev.push_str(&item);
            }
            _ => out.push(item),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn plain_lists() {
        assert_eq!(split_list("Language,Vision"), v(&["Language", "Vision"]));
        assert_eq!(split_list(" W. W. Bledsoe, I. Browning ,"), v(&["W. W. Bledsoe", "I. Browning"]));
        assert_eq!(split_list("Teven Le\nScao, Yihan Wang"), v(&["Teven Le Scao", "Yihan Wang"]));
        assert_eq!(split_list(""), Vec::<String>::new());
        assert_eq!(split_list("Industry - Academia Collaboration (Industry leaning)").len(), 1);
    }

    #[test]
    fn organisations_as_shipped() {
        // all_ml_systems_2025-08-07.csv, quoted items with commas and a line break.
        assert_eq!(
            split_organizations("Stanford University,\"SambaNova Systems, Inc\",Peking University"),
            v(&["Stanford University", "SambaNova Systems, Inc", "Peking University"])
        );
        assert_eq!(
            split_organizations("EleutherAI,\"Indraprastha Institute of Information Technology\nDelhi\",X"),
            v(&["EleutherAI", "Indraprastha Institute of Information Technology Delhi", "X"])
        );
        // notable_ai_models_2025-12-02.csv: an unquoted comma inside a name, in a bare-comma list.
        assert_eq!(
            split_organizations("NVIDIA,NERSC, Lawrence Berkeley National Laboratory,Rice University"),
            v(&["NVIDIA", "NERSC, Lawrence Berkeley National Laboratory", "Rice University"])
        );
        // large_scale_ai_models_2025-12-02.csv: a legal suffix after a comma.
        assert_eq!(
            split_organizations("Qilin Hesheng Network Technology Co., Ltd. (APUS)"),
            v(&["Qilin Hesheng Network Technology Co., Ltd. (APUS)"])
        );
        // The ", "-joined lookup column of 2023 and a ", " list in 2025-08-07.
        assert_eq!(split_organizations("AT&T, Bell Laboratories"), v(&["AT&T", "Bell Laboratories"]));
        assert_eq!(
            split_organizations("Massachusetts Institute of Technology (MIT), Genesis Therapeutics"),
            v(&["Massachusetts Institute of Technology (MIT)", "Genesis Therapeutics"])
        );
    }

    #[test]
    fn parentheses_protect_commas_unless_unbalanced() {
        assert_eq!(split_organizations("Foo (Lab A, Lab B),Bar"), v(&["Foo (Lab A, Lab B)", "Bar"]));
        assert_eq!(split_list("Foo (Lab A,Bar"), v(&["Foo (Lab A", "Bar"]));
        assert_eq!(split_list("\"Foo Inc,Bar"), v(&["\"Foo Inc", "Bar"]));
    }
}
