//! The recipients parser opened to a fuzz target (`fuzz/`), and the
//! regression test that replays it. Not part of the API: nothing in the
//! product calls this.

#![allow(
    clippy::expect_used,
    reason = "a target states what must hold; a failed expectation is a finding"
)]

use super::{RecipientsError, parse_recipients};
use crate::error::Explain;

/// Any bytes as a recipients text. Never panics, and asserts what must
/// hold of the answer:
///
/// - every accepted recipient, written out again (with its name), parses
///   back to itself, and nothing a private key marker is in was accepted;
/// - no error says anything of the text beyond line numbers and reasons:
///   no line of the input longer than a few characters appears in it.
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

/// An error's words hold no piece of the text: only numbers and reasons.
fn check_error(text: &str, error: &RecipientsError) {
    let shown = format!("{error}\n{}", error.next_step());
    for line in text.lines().map(str::trim).filter(|l| l.len() >= 24) {
        assert!(
            !shown.contains(line),
            "an error repeats a line of the input: {shown}"
        );
    }
    if let RecipientsError::BadLines { problems, total } = error {
        assert!(!problems.is_empty() && problems.len() <= *total);
        assert!(problems.windows(2).all(|w| w[0].line < w[1].line));
    }
}
