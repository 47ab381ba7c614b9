//! Keeping the API key out of every text that comes back from a server and
//! may be shown, logged or recorded.
//!
//! A server (or a proxy, a firewall page, a broken gateway) may echo the
//! request it got, `Authorization` header included. It may echo the key
//! whole, or only its ID or SECRET part, or a piece of one (a log line cut
//! short), percent-encoded, JSON-escaped, HTML-escaped, in base64 or hex,
//! wrapped over lines, or with invisible characters between its letters. So the text is first *normalized* for
//! matching — escapes decoded (repeatedly, for double encoding), whitespace,
//! controls and invisible characters skipped, letters compared without
//! regard to case — and every match is mapped back to the span of the
//! original text it came from, which is replaced by `[redacted]`.
//!
//! Redaction comes before anything else is done to a text (cleaning,
//! cutting to length), so no cut can leave half a key behind.

use std::borrow::Cow;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use zeroize::Zeroizing;

use crate::secret::ApiKey;
use crate::untrusted::is_unsafe_char;

/// What replaces a redacted span.
pub(crate) const REDACTED: &str = "[redacted]";

/// The shortest piece of the key's ID or SECRET part that is matched on
/// its own: no run of this many consecutive characters of either part is
/// ever shown. A shorter piece could turn up by chance in ordinary text
/// (and gives too little away to matter); the whole key is always matched,
/// however short its parts. Circle's ID and SECRET parts are 32 characters.
pub(crate) const MIN_PART_CHARS: usize = 8;

/// Escapes decoded one layer at a time, at most this many layers deep.
const MAX_DECODING_LAYERS: usize = 4;

/// Stands for any character outside ASCII in the matching text; no needle
/// contains it.
const NON_ASCII: u8 = 0;

/// A run of [`MIN_PART_CHARS`] characters of a part, lowercase.
type Piece = [u8; MIN_PART_CHARS];

/// The forms of one API key that must never be shown.
pub(crate) struct Redactor {
    /// Lowercase ASCII forms of the key and of its parts: the whole key,
    /// and base64 (standard and URL-safe, at each of the three alignments)
    /// and hex of the key and of each part.
    needles: Vec<Zeroizing<String>>,
    /// Every run of [`MIN_PART_CHARS`] characters of the ID and SECRET
    /// parts (and of `ID:SECRET`, across the colon), sorted: any piece of
    /// a part that long, the whole part included, contains one.
    pieces: Zeroizing<Vec<Piece>>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Redactor({} forms, {} pieces, redacted)",
            self.needles.len(),
            self.pieces.len()
        )
    }
}

impl Redactor {
    /// A redactor for the key a call is made with; with no key, nothing is
    /// redacted.
    pub(crate) fn new(key: Option<&ApiKey>) -> Self {
        key.map_or_else(Self::nothing, |key| Self::for_secret(key.expose()))
    }

    /// A redactor that changes nothing (a call without a key).
    pub(crate) fn nothing() -> Self {
        Self {
            needles: Vec::new(),
            pieces: Zeroizing::new(Vec::new()),
        }
    }

    /// A redactor for a key given as text (`PREFIX:ID:SECRET`): the whole
    /// of it, and each part (and `ID:SECRET`) at least [`MIN_PART_CHARS`]
    /// long, and every piece of those parts that long.
    pub(crate) fn for_secret(key: &str) -> Self {
        let mut parts: Vec<&str> = Vec::new();
        if let Some((_prefix, rest)) = key.split_once(':') {
            parts.push(rest);
            parts.extend(rest.split(':'));
        }
        parts.retain(|part| part.len() >= MIN_PART_CHARS);
        let mut pieces: Zeroizing<Vec<Piece>> = Zeroizing::new(Vec::new());
        for part in &parts {
            for window in part.as_bytes().windows(MIN_PART_CHARS) {
                let mut piece: Piece = [0; MIN_PART_CHARS];
                for (to, from) in piece.iter_mut().zip(window) {
                    *to = from.to_ascii_lowercase();
                }
                pieces.push(piece);
            }
        }
        pieces.sort_unstable();
        pieces.dedup();
        let mut needles: Vec<Zeroizing<String>> = vec![Zeroizing::new(key.to_ascii_lowercase())];
        for source in std::iter::once(key).chain(parts) {
            let bytes = source.as_bytes();
            needles.push(Zeroizing::new(hex::encode(bytes)));
            // Inside a longer base64 text the source starts at any offset;
            // skipping 0, 1 or 2 of its bytes lines it up with a 3-byte
            // group, and the whole groups that follow encode the same way
            // whatever surrounds them.
            for skip in 0..3 {
                let rest = bytes.get(skip..).unwrap_or_default();
                let whole = &rest[..rest.len() - rest.len() % 3];
                for engine in [&STANDARD_NO_PAD, &URL_SAFE_NO_PAD] {
                    let encoded = Zeroizing::new(engine.encode(whole));
                    if encoded.len() >= MIN_PART_CHARS {
                        needles.push(Zeroizing::new(encoded.to_ascii_lowercase()));
                    }
                }
            }
        }
        needles.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
        needles.dedup_by(|a, b| a.as_str() == b.as_str());
        needles.retain(|n| !n.is_empty());
        Self { needles, pieces }
    }

    /// `text` with every span that spells the key (in any form above)
    /// replaced by [`REDACTED`]. Borrowed when nothing matched.
    pub(crate) fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let spans = self.spans(text);
        if spans.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (start, end) in spans {
            out.push_str(&text[at..start]);
            out.push_str(REDACTED);
            at = end;
        }
        out.push_str(&text[at..]);
        Cow::Owned(out)
    }

    /// Whether `text` spells the key in any form.
    pub(crate) fn finds_key_in(&self, text: &str) -> bool {
        !self.spans(text).is_empty()
    }

    /// The byte spans of `text` to redact, sorted and merged.
    fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        if self.needles.is_empty() && self.pieces.is_empty() {
            return Vec::new();
        }
        // Offsets are kept in 32 bits to halve the memory a 1 MiB body
        // takes; a text too long for them (never a body, which is capped)
        // is redacted whole rather than searched.
        if u32::try_from(text.len()).is_err() {
            return vec![(0, text.len())];
        }
        // Every layer is searched, the undecoded text included: decoding
        // can swallow the start of a key that merely follows a `%` or `\x`.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut units = first_units(text);
        for layer in 0..=MAX_DECODING_LAYERS {
            self.find_in(&units, &mut spans);
            if layer == MAX_DECODING_LAYERS {
                break;
            }
            match decode_layer(&units) {
                Some(decoded) => units = decoded,
                None => break,
            }
        }
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (start, end) in spans {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }

    /// Add the spans of the original text where `units` spell a needle.
    fn find_in(&self, units: &[Unit], spans: &mut Vec<(usize, usize)>) {
        // Every unit is one ASCII byte, so the matching text is ASCII and
        // its byte offsets are unit indices.
        let haystack: String = units.iter().map(|u| char::from(u.byte)).collect();
        let mut found = |i: usize, len: usize| {
            spans.push((units[i].start as usize, units[i + len - 1].end as usize));
        };
        for needle in &self.needles {
            for (i, matched) in haystack.match_indices(needle.as_str()) {
                found(i, matched.len());
            }
        }
        if !self.pieces.is_empty() {
            for (i, window) in haystack.as_bytes().windows(MIN_PART_CHARS).enumerate() {
                if self.pieces.binary_search_by(|p| p[..].cmp(window)).is_ok() {
                    found(i, MIN_PART_CHARS);
                }
            }
        }
    }
}

/// One character of the matching text, and the bytes of the original text
/// it stands for.
#[derive(Clone, Copy)]
struct Unit {
    /// Lowercase ASCII, or [`NON_ASCII`].
    byte: u8,
    start: u32,
    end: u32,
}

/// Characters skipped when matching: a key never contains them, and a
/// server could slip them between its letters to hide it.
fn skipped(c: char) -> bool {
    c.is_whitespace() || is_unsafe_char(c) || c == '\u{FFFD}'
}

/// The units of `text`, which is shorter than 4 GiB (see `spans`).
fn first_units(text: &str) -> Vec<Unit> {
    text.char_indices()
        .filter(|(_, c)| !skipped(*c))
        .map(|(start, c)| {
            // Both fit: the text is shorter than u32::MAX bytes.
            let start = u32::try_from(start).unwrap_or(u32::MAX);
            let width = u32::try_from(c.len_utf8()).unwrap_or(4);
            Unit {
                byte: ascii_byte(c),
                start,
                end: start.saturating_add(width),
            }
        })
        .collect()
}

fn ascii_byte(c: char) -> u8 {
    if c.is_ascii() && c != '\0' {
        c.to_ascii_lowercase() as u8
    } else {
        NON_ASCII
    }
}

/// Decode one layer of escapes: `%XX` (UTF-8 sequences included),
/// `\uXXXX` (surrogate pairs included), `\u{X…}`, `\xXX`, `\/`, `&#N;` and
/// `&#xH;`. `None` when there was nothing to decode.
fn decode_layer(units: &[Unit]) -> Option<Vec<Unit>> {
    let mut out = Vec::with_capacity(units.len());
    let mut changed = false;
    let mut i = 0;
    while i < units.len() {
        match decode_escape(&units[i..]) {
            Some((c, used)) => {
                changed = true;
                if !skipped(c) {
                    out.push(Unit {
                        byte: ascii_byte(c),
                        start: units[i].start,
                        end: units[i + used - 1].end,
                    });
                }
                i += used;
            }
            None => {
                out.push(units[i]);
                i += 1;
            }
        }
    }
    changed.then_some(out)
}

/// The character an escape at the start of `units` stands for, and how
/// many units it takes.
fn decode_escape(units: &[Unit]) -> Option<(char, usize)> {
    let at = |i: usize| units.get(i).map(|u| u.byte);
    match (at(0)?, at(1)?) {
        (b'%', _) => percent_escape(units),
        (b'\\', b'u') if at(2) == Some(b'{') => {
            let digits = hex_run(units, 3, 6);
            if digits.1 == 0 || at(3 + digits.1) != Some(b'}') {
                return None;
            }
            Some((char_or_marker(digits.0), 4 + digits.1))
        }
        (b'\\', b'u') => {
            let (high, 4) = hex_run(units, 2, 4) else {
                return None;
            };
            if (0xD800..0xDC00).contains(&high)
                && at(6) == Some(b'\\')
                && at(7) == Some(b'u')
                && let (low @ 0xDC00..0xE000, 4) = hex_run(units, 8, 4)
            {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return Some((char_or_marker(code), 12));
            }
            Some((char_or_marker(high), 6))
        }
        (b'\\', b'x') => match hex_run(units, 2, 2) {
            (code, 2) => Some((char_or_marker(code), 4)),
            _ => None,
        },
        (b'\\', b'/') => Some(('/', 2)),
        (b'&', b'#') => {
            let (code, digits, from) = if at(2) == Some(b'x') {
                let (code, digits) = hex_run(units, 3, 6);
                (code, digits, 3)
            } else {
                let (code, digits) = decimal_run(units, 2, 7);
                (code, digits, 2)
            };
            if digits == 0 || at(from + digits) != Some(b';') {
                return None;
            }
            Some((char_or_marker(code), from + digits + 1))
        }
        _ => None,
    }
}

/// `%XX`, or a run of them spelling one UTF-8 character.
fn percent_escape(units: &[Unit]) -> Option<(char, usize)> {
    let byte_at = |k: usize| -> Option<u8> {
        let base = k * 3;
        if units.get(base)?.byte != b'%' {
            return None;
        }
        match hex_run(units, base + 1, 2) {
            (value, 2) => u8::try_from(value).ok(),
            _ => None,
        }
    };
    let lead = byte_at(0)?;
    let len = match lead {
        0x00..=0x7F => return Some((char_or_marker(u32::from(lead)), 3)),
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        // A stray continuation or invalid byte: something non-ASCII.
        _ => return Some(('\u{FFFD}', 3)),
    };
    let mut bytes = vec![lead];
    for k in 1..len {
        match byte_at(k) {
            Some(b) => bytes.push(b),
            None => return Some(('\u{FFFD}', 3)),
        }
    }
    match std::str::from_utf8(&bytes)
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Some((c, len * 3)),
        None => Some(('\u{FFFD}', 3)),
    }
}

/// Up to `max` hex digits from `units[from..]`: their value and count.
fn hex_run(units: &[Unit], from: usize, max: usize) -> (u32, usize) {
    digit_run(units, from, max, 16)
}

/// Up to `max` decimal digits from `units[from..]`: their value and count.
fn decimal_run(units: &[Unit], from: usize, max: usize) -> (u32, usize) {
    digit_run(units, from, max, 10)
}

fn digit_run(units: &[Unit], from: usize, max: usize, radix: u32) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut count = 0;
    while count < max {
        let Some(digit) = units
            .get(from + count)
            .and_then(|u| char::from(u.byte).to_digit(radix))
        else {
            break;
        };
        value = value.saturating_mul(radix).saturating_add(digit);
        count += 1;
    }
    (value, count)
}

/// The character with this code, or U+FFFD for a code that is none (a lone
/// surrogate, a value past U+10FFFF).
fn char_or_marker(code: u32) -> char {
    char::from_u32(code).unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests;
