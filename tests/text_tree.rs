//! Every sentence a person reads lives in `src/text/`: this test reads the
//! rest of `src/` and fails on any string literal that reads as prose (five
//! words or more), outside test code and comments.
//!
//! The rule that tells prose from machine strings is about words, never
//! about particular literals: a word is a run of letters (with inner
//! apostrophes or hyphens) once surrounding punctuation is trimmed, and
//! format placeholders (`{}`, `{name:?}`) are not words. So a path
//! (`recovery_file_{}.dat`), a URL, a format (`{} — {} app {}`), a JSON key or
//! a header name has too few words to count, while a sentence with a
//! placeholder in it still does.
//!
//! Left out, because no person using the app reads them: comments and doc
//! comments; `#[cfg(test)]` items, `tests.rs` files and `tests/` folders;
//! the `reason = "…"` of lint attributes (`#[allow(…)]`, `#[expect(…)]`) and
//! the notes of `#[must_use = "…"]` and `#[doc = "…"]`, which are for the next
//! programmer; and the messages of `.expect(…)`, `assert!`, `panic!` and
//! `unreachable!`, which state an invariant for whoever fixes the bug that
//! broke it. (A panic is a bug, never a way to tell a person something.)
//!
//! Literals are read the way the compiler reads them: escapes decoded (so
//! `\n` separates words), `\` line continuations joined, raw strings
//! (`r#"…"#`) and byte strings included, and the pieces of a `concat!(…)`
//! joined into the one string they make.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::{Path, PathBuf};

/// Words in a literal from which it counts as prose.
const PROSE_WORDS: usize = 5;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A token of Rust source, as far as this test needs: comments, numbers,
/// char literals and lifetimes are dropped on the way.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A string literal's value (escapes decoded), and its first line.
    Str(String, usize),
    /// An identifier or keyword.
    Ident(String),
    /// Any other single character.
    Punct(char),
}

/// The tokens of a Rust source file.
fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            // Block comments nest in Rust.
            let mut depth = 0;
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // An escaped char literal: '\n', '\'', '\u{1F600}'.
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                // A plain char literal, '"' included.
                i += 3;
            } else {
                // A lifetime or a loop label.
                i += 1;
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
            }
        } else if c == '"' {
            let start = line;
            let (text, end) = quoted(&chars, i + 1, &mut line);
            out.push(Token::Str(text, start));
            i = end;
        } else if c.is_alphanumeric() || c == '_' {
            let begin = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = chars[begin..i].iter().collect();
            let prefix = matches!(word.as_str(), "r" | "br" | "cr");
            if prefix && (at(i) == '"' || at(i) == '#') {
                let mut j = i;
                while at(j) == '#' {
                    j += 1;
                }
                if at(j) == '"' {
                    let hashes = j - i;
                    let start = line;
                    let (text, end) = raw(&chars, j + 1, hashes, &mut line);
                    out.push(Token::Str(text, start));
                    i = end;
                    continue;
                }
            }
            if matches!(word.as_str(), "b" | "c") && at(i) == '"' {
                let start = line;
                let (text, end) = quoted(&chars, i + 1, &mut line);
                out.push(Token::Str(text, start));
                i = end;
                continue;
            }
            out.push(Token::Ident(word));
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

/// A quoted literal's value from just after its opening quote, with
/// escapes decoded, and the index just after its closing quote.
fn quoted(chars: &[char], mut i: usize, line: &mut usize) -> (String, usize) {
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut text = String::new();
    while i < chars.len() && chars[i] != '"' {
        let c = chars[i];
        if c == '\n' {
            *line += 1;
        }
        if c != '\\' {
            text.push(c);
            i += 1;
            continue;
        }
        let e = at(i + 1);
        i += 2;
        match e {
            'n' => text.push('\n'),
            't' => text.push('\t'),
            'r' => text.push('\r'),
            '0' => text.push('\0'),
            'x' => {
                let hex: String = chars[i..(i + 2).min(chars.len())].iter().collect();
                text.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                i += 2;
            }
            'u' => {
                // \u{…}
                let close = (i..chars.len()).find(|&k| chars[k] == '}').unwrap_or(i);
                let hex: String = chars[(i + 1).min(close)..close].iter().collect();
                text.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                i = close + 1;
            }
            '\n' => {
                // A line continuation: the newline and the next line's
                // leading whitespace are not part of the string.
                *line += 1;
                while at(i).is_whitespace() {
                    if at(i) == '\n' {
                        *line += 1;
                    }
                    i += 1;
                }
            }
            other => text.push(other),
        }
    }
    (text, i + 1)
}

/// A raw literal's value from just after its opening quote, and the index
/// just after its closing quote and hashes.
fn raw(chars: &[char], mut i: usize, hashes: usize, line: &mut usize) -> (String, usize) {
    let mut text = String::new();
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return (text, i + 1 + hashes);
        }
        if chars[i] == '\n' {
            *line += 1;
        }
        text.push(chars[i]);
        i += 1;
    }
    (text, i)
}

/// The index just after the group that opens at `open` (a `(`, `[` or `{`).
fn after_group(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Punct('(' | '[' | '{') => depth += 1,
            Token::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return k + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// The index just after the item that starts at `start` (after its
/// attributes): at its `;` or at the end of its first top-level block.
fn after_item(tokens: &[Token], start: usize) -> usize {
    let mut k = start;
    while k < tokens.len() {
        match tokens[k] {
            Token::Punct(';') => return k + 1,
            Token::Punct('{') => return after_group(tokens, k),
            Token::Punct('(' | '[') => k = after_group(tokens, k),
            _ => k += 1,
        }
    }
    tokens.len()
}

fn ident(token: Option<&Token>, name: &str) -> bool {
    matches!(token, Some(Token::Ident(word)) if word == name)
}

/// Whether the attribute whose `[` is at `open` gates its item on tests:
/// `#[cfg(test)]` or `#[cfg(all(test, …))]`.
fn is_cfg_test(tokens: &[Token], open: usize) -> bool {
    let t = |k: usize| tokens.get(open + k);
    ident(t(1), "cfg")
        && t(2) == Some(&Token::Punct('('))
        && (ident(t(3), "test") && t(4) == Some(&Token::Punct(')'))
            || ident(t(3), "all") && t(4) == Some(&Token::Punct('(')) && ident(t(5), "test"))
}

/// Whether the attribute whose `[` is at `open` speaks to programmers only:
/// a lint's `reason`, a `must_use` or `deprecated` note, or `#[doc = "…"]`
/// (a doc comment written as an attribute).
fn is_programmer_attribute(tokens: &[Token], open: usize) -> bool {
    matches!(tokens.get(open + 1), Some(Token::Ident(name))
        if matches!(name.as_str(), "allow" | "expect" | "warn" | "deny" | "forbid" | "must_use" | "deprecated" | "doc"))
}

/// Whether the tokens at `k` start a panic's message: `.expect(…)`, or an
/// assertion or panic macro. These state an invariant for whoever fixes the
/// bug that broke it; a person using the app never sees them otherwise.
/// Returns the index of the `(` that opens the arguments.
fn panic_message(tokens: &[Token], k: usize) -> Option<usize> {
    let Some(Token::Ident(name)) = tokens.get(k) else {
        return None;
    };
    let open = |at: usize| (tokens.get(at) == Some(&Token::Punct('('))).then_some(at);
    if name == "expect" && k > 0 && tokens[k - 1] == Token::Punct('.') {
        return open(k + 1);
    }
    let macros = [
        "panic",
        "unreachable",
        "todo",
        "unimplemented",
        "assert",
        "assert_eq",
        "assert_ne",
        "debug_assert",
        "debug_assert_eq",
        "debug_assert_ne",
    ];
    if macros.contains(&name.as_str()) && tokens.get(k + 1) == Some(&Token::Punct('!')) {
        return open(k + 2);
    }
    None
}

/// The string literals of a file that a person may read, as (line, value):
/// outside test items and lint attributes, with `concat!` pieces joined.
fn literals(source: &str) -> Vec<(usize, String)> {
    let tokens = tokens(source);
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        match &tokens[k] {
            Token::Punct('#') => {
                let open = if tokens.get(k + 1) == Some(&Token::Punct('!')) {
                    k + 2
                } else {
                    k + 1
                };
                if tokens.get(open) != Some(&Token::Punct('[')) {
                    k += 1;
                } else if is_cfg_test(&tokens, open) {
                    // The gated item: skip its other attributes, then it.
                    let mut next = after_group(&tokens, open);
                    while tokens.get(next) == Some(&Token::Punct('#')) {
                        next = after_group(&tokens, next + 1);
                    }
                    k = after_item(&tokens, next);
                } else if is_programmer_attribute(&tokens, open) {
                    k = after_group(&tokens, open);
                } else {
                    k += 1;
                }
            }
            Token::Ident(name)
                if name == "concat"
                    && tokens.get(k + 1) == Some(&Token::Punct('!'))
                    && tokens.get(k + 2) == Some(&Token::Punct('(')) =>
            {
                let end = after_group(&tokens, k + 2);
                let mut joined = String::new();
                let mut first = None;
                let mut depth = 0usize;
                for token in &tokens[k + 2..end] {
                    match token {
                        Token::Punct('(' | '[' | '{') => depth += 1,
                        Token::Punct(')' | ']' | '}') => depth -= 1,
                        // Only the pieces themselves, not the arguments of
                        // a macro inside (`env!("NAME")`).
                        Token::Str(text, line) if depth == 1 => {
                            first.get_or_insert(*line);
                            joined.push_str(text);
                        }
                        _ => {}
                    }
                }
                if let Some(line) = first {
                    out.push((line, joined));
                }
                k = end;
            }
            Token::Ident(_) if panic_message(&tokens, k).is_some() => {
                k = panic_message(&tokens, k).map_or(k + 1, |open| after_group(&tokens, open));
            }
            Token::Str(text, line) => {
                out.push((*line, text.clone()));
                k += 1;
            }
            _ => k += 1,
        }
    }
    out
}

/// A literal with its format placeholders (`{}`, `{name}`, `{0:>8}`) taken
/// out; `{{` and `}}` stay as the braces they print, and braces around
/// anything else (JSON, say) stay too.
fn without_placeholders(literal: &str) -> String {
    let chars: Vec<char> = literal.chars().collect();
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '{' || c == '}') && chars.get(i + 1) == Some(&c) {
            plain.push(c);
            i += 2;
            continue;
        }
        if c == '{' {
            let spec = chars[i + 1..]
                .iter()
                .position(|&d| d == '}')
                .filter(|&len| {
                    chars[i + 1..i + 1 + len]
                        .iter()
                        .all(|&d| d.is_alphanumeric() || "_.:?<>^#+-$".contains(d))
                });
            if let Some(len) = spec {
                plain.push(' ');
                i += len + 2;
                continue;
            }
        }
        plain.push(c);
        i += 1;
    }
    plain
}

/// Whether a whitespace-separated piece of a literal is a word of prose: a
/// run of letters, with apostrophes or hyphens only inside, once the
/// punctuation around it is trimmed. `https://…`, `a_b`, `x.rs`, `--flag`,
/// `0600` and `{"key":` are not.
fn is_word(piece: &str) -> bool {
    let word = piece.trim_matches(|c: char| "\"'`“”‘’«»()[],.;:!?…—–*-".contains(c));
    let Some(first) = word.chars().next() else {
        return false;
    };
    let last = word.chars().last().unwrap_or(first);
    first.is_alphabetic()
        && last.is_alphabetic()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
}

/// Whether a literal reads as prose for a person.
fn is_prose(literal: &str) -> bool {
    let words = without_placeholders(literal)
        .split_whitespace()
        .filter(|piece| is_word(piece))
        .count();
    words >= PROSE_WORDS
}

/// Whether a file under `src/` is test code as a whole.
fn is_test_file(relative: &Path) -> bool {
    relative.file_name().is_some_and(|name| name == "tests.rs")
        || relative
            .components()
            .any(|part| part.as_os_str() == "tests")
}

/// Every literal of the product's code under `src/` (test files left out),
/// as (path relative to `src/`, line, value), in path order.
fn product_literals() -> Vec<(PathBuf, usize, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap().to_path_buf();
        if is_test_file(&relative) {
            continue;
        }
        let source = std::fs::read_to_string(file).unwrap();
        for (line, literal) in literals(&source) {
            out.push((relative.clone(), line, literal));
        }
    }
    out
}

#[test]
fn long_prose_lives_only_in_the_text_tree() {
    let mut found = Vec::new();
    for (relative, line, literal) in product_literals() {
        if relative.starts_with("text") {
            continue;
        }
        if is_prose(&literal) {
            let shown: String = literal.chars().take(70).collect();
            found.push(format!("{}:{line}: {shown:?}", relative.display()));
        }
    }
    assert!(
        found.is_empty(),
        "{} long literals outside src/text/ (move each into the text tree):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Whether a literal writes `number` as a count of `units` ("180 days",
/// "30-second"), instead of formatting it from its constant.
fn writes_number(literal: &str, number: u64, units: &[&str]) -> bool {
    let number = number.to_string();
    let pieces: Vec<&str> = literal
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|piece| !piece.is_empty())
        .collect();
    let bare = |piece: &str| {
        piece
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    pieces.windows(2).any(|pair| {
        bare(pair[0]) == number && units.iter().any(|unit| bare(pair[1]).starts_with(unit))
    })
}

#[test]
fn policy_numbers_are_formatted_from_their_constants() {
    use entity_secret_wizard::policy;
    let days = ["day"];
    let seconds = ["second", "sec"];
    let numbers: [(&str, u64, &[&str]); 4] = [
        (
            "ROTATION_PERIOD_DAYS",
            policy::ROTATION_PERIOD_DAYS.unsigned_abs(),
            &days,
        ),
        ("DUE_SOON_DAYS", policy::DUE_SOON_DAYS.unsigned_abs(), &days),
        ("REVEAL_FOR", policy::REVEAL_FOR.as_secs(), &seconds),
        (
            "CLIPBOARD_CLEAR_AFTER",
            policy::CLIPBOARD_CLEAR_AFTER.as_secs(),
            &seconds,
        ),
    ];
    let mut found = Vec::new();
    for (relative, line, literal) in product_literals() {
        if relative == Path::new("policy.rs") {
            continue;
        }
        for (name, number, units) in numbers {
            if writes_number(&literal, number, units) {
                found.push(format!("{}:{line}: {name} written out", relative.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "format these from crate::policy:\n{}",
        found.join("\n")
    );
    assert!(writes_number("rotate every 180 days.", 180, &days));
    assert!(writes_number("shown for 30-second periods", 30, &seconds));
    assert!(!writes_number("rotate every {} days.", 180, &days));
    assert!(!writes_number("HTTP 180 bytes", 180, &days));
}

#[test]
fn prose_is_told_from_labels_and_machine_strings() {
    assert!(is_prose("The keychain is locked, or access was refused."));
    assert!(is_prose("Nothing was registered: {detail} try again later"));
    assert!(is_prose("Could not connect to Circle ({detail})."));
    assert!(is_prose("Don't close the window until it's done"));
    assert!(!is_prose("Save record here"));
    assert!(!is_prose("{} — {} app {}"));
    assert!(!is_prose("{name:>8} {value:?} {0} {} {}"));
    assert!(!is_prose("recovery_file_{}.dat"));
    assert!(!is_prose(
        "https://api.circle.com/v1/w3s/config/entity/publicKey"
    ));
    assert!(!is_prose(
        r#"{"schema": 1, "app_id": "x", "environment": "TEST"}"#
    ));
    assert!(!is_prose("--app-id --rehearsal --json --api-key-file 0600"));
    assert!(!is_prose(
        "/usr/share/applications/entity-secret-wizard.desktop"
    ));
    // Placeholders are not words, but escaped braces and the words around
    // them are.
    assert!(!is_prose("{a} {b} {c} {d} {e} one"));
    assert!(is_prose("{{ this is not a placeholder }}"));
}

#[test]
fn literals_are_read_as_the_compiler_reads_them() {
    let values = |source: &str| -> Vec<String> {
        literals(source).into_iter().map(|(_, text)| text).collect()
    };
    assert_eq!(
        values(r##"let a = "one two"; let b = r#"three "four" five"#; // "six seven""##),
        ["one two", r#"three "four" five"#]
    );
    assert_eq!(values(r#"let q = '"'; let s = "x";"#), ["x"]);
    assert_eq!(
        values(r#"let q = '\''; let l: &'a str = "y"; '\u{1F600}';"#),
        ["y"]
    );
    // Escapes separate words; a line continuation joins lines.
    assert_eq!(values(r#"f("a\nb\"c\\")"#), ["a\nb\"c\\"]);
    assert_eq!(values("f(\"one \\\n      two\")"), ["one two"]);
    assert!(is_prose(&values(r#""one\ntwo\nthree\nfour\nfive""#)[0]));
    // A multi-line literal and a multi-line raw literal keep their lines.
    assert_eq!(
        literals("x\n\"a\nb\" r#\"c\nd\"#\n\"e\""),
        [
            (2, "a\nb".to_owned()),
            (3, "c\nd".to_owned()),
            (5, "e".to_owned())
        ]
    );
    // Byte strings count; block comments (nested) do not.
    assert_eq!(
        values(r#"b"bytes" /* "no /* "nested" */ still" */ br"raw""#),
        ["bytes", "raw"]
    );
    // The pieces of concat! are one string.
    assert_eq!(
        values(r#"concat!("one two ", "three ", env!("X"), "four five")"#),
        ["one two three four five"]
    );
    // Test items and lint reasons are left out, the code after them is not.
    let source = r#"
        #[cfg(test)]
        fn helper() -> &'static str { "one" }
        #[allow(clippy::expect_used, reason = "two")]
        fn real() -> &'static str { "three" }
        #[cfg(test)]
        #[allow(dead_code)]
        mod tests { fn f() { let _ = "four"; } }
        #[cfg(all(test, unix))]
        const X: &str = "five";
        #[error("six")]
        struct E;
        #[must_use = "seven"]
        #[doc = "a doc comment written as an attribute"]
        fn g() { x.expect("eight"); assert!(y, "nine {}", "ten"); expect("eleven"); }
    "#;
    assert_eq!(values(source), ["three", "six", "eleven"]);
    assert!(is_test_file(Path::new("store/tests.rs")));
    assert!(is_test_file(Path::new("ceremony/tests/console.rs")));
    assert!(!is_test_file(Path::new("ceremony/testsuite.rs")));
}
