//! Where the command line's words go: results on stdout (what scripts
//! read), errors and warnings on stderr, each in one place so nothing else
//! prints.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::error::CliError;
use crate::untrusted::{is_unsafe_char, neutralize_layout};

/// Write a command's result to stdout, all at once. A closed pipe (the
/// reader went away) or a full disk is an error, never a panic.
///
/// Whatever came from outside (an app id in a records file, Circle's words)
/// may hold an escape sequence that rewrites the terminal or a
/// bidirectional override that reorders the line; such characters are
/// shown as visible escapes (`\u{202E}`). Line breaks and tabs are ours.
pub fn out(text: &str) -> Result<(), CliError> {
    write_stdout(&neutralize_layout(text))
}

/// Write a JSON document to stdout. Characters a terminal would act on or
/// hide are written as JSON's own `\uXXXX` escapes, so the value a program
/// reads is unchanged while a person looking at it sees them.
pub fn json(document: &str) -> Result<(), CliError> {
    write_stdout(&json_escaped(document))
}

fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| CliError::Output(e.to_string()))
}

/// A serialized JSON document with every unsafe character other than the
/// pretty-printer's line breaks written as a `\uXXXX` escape (a surrogate
/// pair above U+FFFF). serde_json escapes the C0 controls inside strings
/// already, and puts nothing but `\n` and spaces between tokens, so every
/// character escaped here is inside a string, where the escape means the
/// same character.
pub fn json_escaped(document: &str) -> Cow<'_, str> {
    if !document.contains(|c: char| is_unsafe_char(c) && c != '\n') {
        return Cow::Borrowed(document);
    }
    let mut out = String::with_capacity(document.len() + 16);
    for c in document.chars() {
        if is_unsafe_char(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of progress, for commands that report steps as they happen.
pub fn line(text: &str) -> Result<(), CliError> {
    out(&format!("{text}\n"))
}

/// An error for a person, on stderr.
pub fn error(text: &str) {
    to_stderr("error", text);
}

/// A warning for a person, on stderr: something to know that does not stop
/// the command.
pub fn warning(text: &str) {
    to_stderr("warning", text);
}

fn to_stderr(kind: &str, text: &str) {
    // Nothing useful is left to do if stderr itself is gone.
    let _ = writeln!(io::stderr().lock(), "{kind}: {}", neutralize_layout(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_sees_escapes_for_what_would_act_on_it_and_keeps_our_layout() {
        let shown = neutralize_layout("app\u{202E}lave\x1b[2J\tnext\nline\r");
        assert_eq!(shown, "app\\u{202E}lave\\u{001B}[2J\tnext\nline\\u{000D}");
        assert!(matches!(
            neutralize_layout("plain\ttext\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn json_keeps_its_values_and_shows_the_characters_as_escapes() {
        let value = serde_json::json!({ "app_id": "a\u{202E}b\u{E0041}\u{7F}c\u{1b}" });
        let document = serde_json::to_string_pretty(&value).unwrap();
        let escaped = json_escaped(&document);
        assert!(!escaped.contains(|c: char| is_unsafe_char(c) && c != '\n'));
        assert!(escaped.contains("\\u202e") && escaped.contains("\\udb40\\udc41"));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }
}
