//! Tests of `redact`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

const KEY: &str = "TEST_API_KEY:0123abcdef456789:s3cr3tPart9xyz";

fn redactor() -> Redactor {
    Redactor::for_secret(KEY)
}

#[test]
fn plain_text_is_borrowed() {
    let r = redactor();
    for text in ["", "nothing here", "TEST_API_KEY: is a prefix", "s3cr3tP"] {
        assert!(matches!(r.redact(text), Cow::Borrowed(_)), "{text}");
    }
    assert!(matches!(Redactor::nothing().redact(KEY), Cow::Borrowed(_)));
}

#[test]
fn pieces_of_a_part_are_redacted_from_eight_characters_on() {
    let r = redactor();
    assert_eq!(r.redact("id 0123abcdef45678"), "id [redacted]");
    assert_eq!(r.redact("cut s3cr3tPart9xy"), "cut [redacted]");
    assert_eq!(r.redact("cut 3cr3tPar."), "cut [redacted].");
    assert_eq!(r.redact("cut 3cr3tPa."), "cut 3cr3tPa.", "seven characters");
    assert_eq!(r.redact("across 6789:s3cr"), "across [redacted]");
    assert_eq!(r.redact("TEST_API_KEY:0123abcd"), "TEST_API_KEY:[redacted]");
}

#[test]
fn short_parts_are_not_matched_alone_but_the_whole_key_is() {
    let r = Redactor::for_secret("LIVE_API_KEY:ab:cd");
    assert_eq!(r.redact("ab cd abcd"), "ab cd abcd");
    assert_eq!(r.redact("x LIVE_API_KEY:ab:cd y"), "x [redacted] y");
}

#[test]
fn spans_map_back_to_the_original_text() {
    let r = redactor();
    assert_eq!(
        r.redact("before s3cr3t\u{200B}Part9xyz after"),
        "before [redacted] after"
    );
    assert_eq!(
        r.redact("a%2573%2533cr3tPart9xyz b"),
        "a[redacted] b",
        "double percent-encoding"
    );
    assert_eq!(r.redact("é0123abcdef456789é"), "é[redacted]é");
    // The ID starts with hex digits: `%01` or `\x01` before it must not
    // hide it.
    assert_eq!(r.redact("%0123abcdef456789"), "%[redacted]");
    assert_eq!(r.redact("\\x0123abcdef456789"), "\\x[redacted]");
    assert_eq!(r.redact("&#0123abcdef456789"), "&#[redacted]");
}

#[test]
fn base64_at_every_alignment() {
    let r = redactor();
    for prefix in ["", "B", "Be", "Bearer "] {
        let blob = STANDARD_NO_PAD.encode(format!("{prefix}{KEY} and more"));
        let shown = r.redact(&blob);
        assert!(shown.contains(REDACTED), "{prefix:?}: {shown}");
    }
}

#[test]
fn escapes_are_decoded() {
    let cases = [
        "\\u0073\\u0033cr3tPart9xyz",
        "\\u{73}3cr3tPart9xyz",
        "\\x733cr3tPart9xyz",
        "&#115;3cr3tPart9xyz",
        "&#x73;3cr3tPart9xyz",
        "s3cr3t%E2%80%8BPart9xyz",
        "s3cr3t\\u200bPart9xyz",
        "s3cr3t\\uDB40\\uDC20Part9xyz",
        "s3cr3t&#x200B;Part9xyz",
        "S3CR3TPART9XYZ",
    ];
    for case in cases {
        assert_eq!(redactor().redact(case), REDACTED, "{case}");
    }
}

#[test]
fn broken_escapes_are_left_alone() {
    let r = redactor();
    for text in [
        "%",
        "%4",
        "%zz",
        "\\u",
        "\\u12",
        "\\u{}",
        "\\u{110000",
        "&#;",
        "&#x;",
        "&#12",
        "%F0%9F",
        "\\uD800",
        "%C3",
    ] {
        assert_eq!(r.redact(text), text);
    }
}
