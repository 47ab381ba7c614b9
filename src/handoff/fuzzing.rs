//! The recipients parser opened to a fuzz target (`fuzz/`), and the
//! regression test that replays it. Not part of the API: nothing in the
//! product calls this.

#![allow(
    clippy::expect_used,
    reason = "a target states what must hold; a failed expectation is a finding"
)]

use super::{MAX_RECIPIENTS, MAX_TEXT_BYTES, Problem, RecipientsError, parse_recipients};
use crate::error::Explain;

/// Any bytes as a recipients text. Never panics, and asserts what must
/// hold of the answer:
///
/// - every accepted recipient, written out again (with its name), parses
///   back to itself, and nothing a private key marker is in was accepted;
/// - an error names only lines that exist, in order, for the reason it
///   gives (a duplicate's first line comes before it; "too long" is too
///   long; "none" has only comments and blank lines).
pub fn recipients(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match parse_recipients(&text) {
        Ok(found) => {
            assert!(!found.is_empty(), "Ok with no recipient");
            for recipient in &found {
                let line = match recipient.name() {
                    Some(name) => format!("{} {name}", recipient.public_key()),
                    None => recipient.public_key().to_owned(),
                };
                let again = parse_recipients(&line).expect("a recipient written out parses");
                assert_eq!(again.len(), 1);
                assert_eq!(again[0].public_key(), recipient.public_key());
                assert_eq!(again[0].fingerprint(), recipient.fingerprint());
                assert!(recipient.fingerprint().starts_with("SHA256:"));
            }
            assert!(
                !text.to_ascii_uppercase().contains("AGE-SECRET-KEY-"),
                "a text with an age identity in it was accepted"
            );
        }
        Err(error) => check_error(&text, &error),
    }
}

/// An error points at lines that exist and says why in words of its own:
/// it holds numbers and reasons only (its types hold no text), so nothing
/// of the input can be echoed.
fn check_error(text: &str, error: &RecipientsError) {
    let lines = text.lines().count();
    match error {
        RecipientsError::PrivateKey { line, .. } => assert!((1..=lines).contains(line)),
        RecipientsError::BadLines { problems, total } => {
            assert!(!problems.is_empty() && problems.len() <= *total);
            assert!(problems.windows(2).all(|w| w[0].line < w[1].line));
            for p in problems {
                assert!((1..=lines).contains(&p.line));
                if let Problem::Duplicate { first_line } = p.problem {
                    assert!(first_line < p.line);
                }
            }
        }
        RecipientsError::TooLong => assert!(text.len() > MAX_TEXT_BYTES),
        RecipientsError::TooMany { count } => assert!(*count > MAX_RECIPIENTS),
        RecipientsError::NoRecipients => assert!(
            text.trim_start_matches('\u{FEFF}')
                .lines()
                .map(str::trim)
                .all(|l| l.is_empty() || l.starts_with('#'))
        ),
    }
    let words = format!("{error}\n{}", error.next_step());
    assert!(!words.is_empty());
}
