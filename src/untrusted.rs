//! Text from outside (Circle's answers, the app's own records, file names)
//! made safe to show: characters that could rewrite a terminal, reorder a
//! line or hide inside it are replaced by a visible escape such as
//! `\u{202E}`, while ordinary text in any script is left alone.
//!
//! Two forms: [`neutralize`] for single-line fields (ids, names, one-line
//! messages), where even a line break is escaped, and
//! [`neutralize_multiline`] for longer messages, which keeps `\n`, and
//! [`neutralize_layout`] for a whole screen of terminal output, which keeps
//! the tabs of its layout too.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control, bidirectional and invisible formatting
/// character replaced by a visible `\u{…}` escape, line breaks included.
/// Borrowed unchanged when there is nothing to replace.
pub fn neutralize(text: &str) -> Cow<'_, str> {
    neutralize_with(text, |_| false)
}

/// Like [`neutralize`], but a line feed (`\n`) is kept as it is, for
/// messages of several lines. A carriage return is still escaped: on a
/// terminal it would let a later part of the line overwrite an earlier one.
pub fn neutralize_multiline(text: &str) -> Cow<'_, str> {
    neutralize_with(text, |c| c == '\n')
}

/// Like [`neutralize_multiline`], but a tab is kept too: for output whose
/// own layout (the command line's) is made of line breaks and tabs.
pub fn neutralize_layout(text: &str) -> Cow<'_, str> {
    neutralize_with(text, |c| c == '\n' || c == '\t')
}

/// Whether `c` is shown as an escape by [`neutralize`].
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// `text` with every unsafe character escaped, except those `kept`.
fn neutralize_with(text: &str, kept: impl Fn(char) -> bool) -> Cow<'_, str> {
    let escaped = |c: char| is_unsafe_char(c) && !kept(c);
    let Some(first) = text.find(escaped) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if escaped(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters that draw nothing, or change how the rest of the line is
/// drawn, without being controls: Unicode's format characters (category
/// Cf: the bidirectional embeddings, overrides, isolates and marks, the
/// zero-width space and joiners, the word joiner, the byte-order mark, the
/// tag characters…), the line and paragraph separators, and the
/// characters that render as blank although they are letters (the Hangul
/// fillers) or combining marks (the combining grapheme joiner). Variation
/// selectors are left alone: emoji need them.
fn is_invisible_format(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x034F
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x115F..=0x1160
            | 0x180E
            | 0x200B..=0x200F
            | 0x2028..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFEFF
            | 0xFFA0
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE007F
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in [
            "",
            "5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162",
            "Crème brûlée, Ærø, Łódź",
            "東京の秘密 — 한국어 — العربية — עברית",
            "emoji 🔐 ❤\u{FE0F} and ‘quotes’ “too” …",
            r"C:\Users\me\recovery_file.dat",
            "tab-free spaces  and  more",
        ] {
            assert!(
                matches!(neutralize(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
            assert!(matches!(neutralize_multiline(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn controls_and_bidi_become_visible_escapes() {
        let cases = [
            ("app\u{202E}dcba", "app\\u{202E}dcba"),
            ("\u{1b}[2Jcleared", "\\u{001B}[2Jcleared"),
            ("a\nb\r\tc", "a\\u{000A}b\\u{000D}\\u{0009}c"),
            (
                "nul\u{0}del\u{7f}c1\u{85}\u{9b}",
                "nul\\u{0000}del\\u{007F}c1\\u{0085}\\u{009B}",
            ),
            (
                "\u{202A}\u{202B}\u{202C}\u{202D}",
                "\\u{202A}\\u{202B}\\u{202C}\\u{202D}",
            ),
            (
                "\u{2066}\u{2067}\u{2068}\u{2069}",
                "\\u{2066}\\u{2067}\\u{2068}\\u{2069}",
            ),
            ("\u{200E}\u{200F}\u{61C}", "\\u{200E}\\u{200F}\\u{061C}"),
            (
                "zero\u{200B}width\u{200C}\u{200D}\u{2060}\u{FEFF}",
                "zero\\u{200B}width\\u{200C}\\u{200D}\\u{2060}\\u{FEFF}",
            ),
            ("soft\u{AD}hyphen", "soft\\u{00AD}hyphen"),
            ("line\u{2028}para\u{2029}", "line\\u{2028}para\\u{2029}"),
            ("tag\u{E0041}\u{E007F}", "tag\\u{E0041}\\u{E007F}"),
            ("filler\u{3164}\u{115F}", "filler\\u{3164}\\u{115F}"),
            ("é\u{202E}東", "é\\u{202E}東"),
        ];
        for (input, want) in cases {
            assert_eq!(neutralize(input), want, "{input:?}");
        }
    }

    #[test]
    fn the_multiline_form_keeps_only_line_feeds() {
        assert_eq!(neutralize_multiline("one\ntwo"), "one\ntwo");
        assert_eq!(
            neutralize_multiline("one\r\ntwo\u{1b}[A\u{202E}"),
            "one\\u{000D}\ntwo\\u{001B}[A\\u{202E}"
        );
        assert_eq!(neutralize("one\ntwo"), "one\\u{000A}two");
    }

    #[test]
    fn nothing_unsafe_survives_any_character() {
        // Every character of the Basic Multilingual Plane and the tag block,
        // alone and between letters.
        let all = (0u32..0x1_0000)
            .chain(0xE0000..0xE0080)
            .filter_map(char::from_u32);
        for c in all {
            let text = format!("a{c}b");
            let shown = neutralize(&text);
            assert!(!shown.chars().any(is_unsafe_char), "{:04X}", u32::from(c));
            if !is_unsafe_char(c) {
                assert_eq!(shown, text);
            }
        }
    }
}
