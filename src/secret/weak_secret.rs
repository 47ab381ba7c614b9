//! Values no random generator would give: an imported secret that is one of
//! these was made up by a person or a broken tool, and anyone could guess it.
//!
//! The checks are deliberately few and blunt. Each one describes a set of at
//! most 2^128 of the 2^256 possible secrets, so a secret drawn from a real
//! random generator lands in one with probability below 2^-127: refusing
//! these never refuses a real secret.

use std::fmt;

use super::entity_secret::SECRET_LEN;
use crate::text::secret as text;

/// The longest repeating unit looked for, in bytes. A secret made of a
/// 16-byte unit twice holds at most 128 bits, half what it should, and is
/// what a doubled paste of a shorter value looks like.
const LONGEST_REPEATED_UNIT: usize = SECRET_LEN / 2;

/// Why a secret is obviously not random.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// Every byte is zero.
    AllZero,
    /// One byte repeated 32 times (`ffff…`, `1111…`).
    RepeatedByte,
    /// A unit of this many bytes (2 to 16) repeated (`0102…0102`,
    /// `deadbeef…deadbeef`, a 32-character value pasted twice).
    RepeatedUnit(usize),
    /// Each byte the previous one plus a fixed step (`000102…1f`,
    /// `fffefd…`, `00020406…`).
    Sequence,
}

impl fmt::Display for Weakness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AllZero => f.write_str(text::WEAK_ALL_ZERO),
            Self::RepeatedByte => f.write_str(text::WEAK_REPEATED_BYTE),
            Self::RepeatedUnit(n) => f.write_str(&text::weak_repeated_unit(*n)),
            Self::Sequence => f.write_str(text::WEAK_SEQUENCE),
        }
    }
}

/// The first weakness found in `bytes`, if any.
///
/// Not constant-time: it runs only on a value a person typed in, once, and
/// an observer who can time it learns at most which of these shapes the
/// value is not.
pub fn weakness(bytes: &[u8; SECRET_LEN]) -> Option<Weakness> {
    if bytes.iter().all(|&b| b == 0) {
        return Some(Weakness::AllZero);
    }
    if let Some(unit) = (1..=LONGEST_REPEATED_UNIT).find(|&n| has_period(bytes, n)) {
        return Some(if unit == 1 {
            Weakness::RepeatedByte
        } else {
            Weakness::RepeatedUnit(unit)
        });
    }
    let step = bytes[1].wrapping_sub(bytes[0]);
    if bytes
        .windows(2)
        .all(|pair| pair[1].wrapping_sub(pair[0]) == step)
    {
        return Some(Weakness::Sequence);
    }
    None
}

/// Whether every byte equals the one `period` places before it.
fn has_period(bytes: &[u8], period: usize) -> bool {
    bytes.iter().zip(&bytes[period..]).all(|(a, b)| a == b)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn from_hex(hex: &str) -> [u8; SECRET_LEN] {
        let mut out = [0u8; SECRET_LEN];
        hex::decode_to_slice(hex, &mut out).unwrap();
        out
    }

    fn ramp(start: u8, step: u8) -> [u8; SECRET_LEN] {
        let mut out = [0u8; SECRET_LEN];
        let mut b = start;
        for slot in &mut out {
            *slot = b;
            b = b.wrapping_add(step);
        }
        out
    }

    /// Half of a random-looking secret, as a person might paste it twice.
    const PASTED: &str = "8f3a0c5e9b2d47f1a6e0c3b9d5f8a2e1";

    /// `unit_hex` repeated to 32 bytes, the last repeat cut short if need be.
    fn repeated(unit_hex: &str) -> [u8; SECRET_LEN] {
        from_hex(&unit_hex.repeat(64 / unit_hex.len() + 1)[..64])
    }

    /// `bytes` with the bits of `mask` flipped in the byte at `at`.
    fn flip(mut bytes: [u8; SECRET_LEN], at: usize, mask: u8) -> [u8; SECRET_LEN] {
        bytes[at] ^= mask;
        bytes
    }

    #[test]
    fn obvious_values_are_named() {
        let cases: &[(&str, [u8; SECRET_LEN], Option<Weakness>)] = &[
            ("zeros", [0; 32], Some(Weakness::AllZero)),
            ("ff", [0xff; 32], Some(Weakness::RepeatedByte)),
            ("11", [0x11; 32], Some(Weakness::RepeatedByte)),
            (
                "0102 repeated",
                repeated("0102"),
                Some(Weakness::RepeatedUnit(2)),
            ),
            (
                "deadbeef",
                repeated("deadbeef"),
                Some(Weakness::RepeatedUnit(4)),
            ),
            // Hex digits typed in order: 01 23 45 67 89 ab cd ef, repeated.
            (
                "0123…ef typed",
                repeated("0123456789abcdef"),
                Some(Weakness::RepeatedUnit(8)),
            ),
            (
                "pasted twice",
                repeated(PASTED),
                Some(Weakness::RepeatedUnit(16)),
            ),
            // Three bytes do not divide 32; a repeat still counts.
            (
                "0a0b0c repeated",
                repeated("0a0b0c"),
                Some(Weakness::RepeatedUnit(3)),
            ),
            ("00 01 02 …", ramp(0, 1), Some(Weakness::Sequence)),
            ("ff fe fd …", ramp(0xff, 0xff), Some(Weakness::Sequence)),
            ("f0 f1 … wrapping", ramp(0xf0, 1), Some(Weakness::Sequence)),
            ("00 02 04 …", ramp(0, 2), Some(Weakness::Sequence)),
            (
                "random",
                from_hex("8f3a0c5e9b2d47f1a6e0c3b9d5f8a2e17c4b0d9e3f6a1c8b5e2d7f0a9c3b6e14"),
                None,
            ),
            // Nearly a pattern is not a pattern: one byte off in each shape.
            ("zeros but the last", flip([0; 32], 31, 1), None),
            ("deadbeef but one", flip(repeated("deadbeef"), 17, 1), None),
            ("ramp but the last", flip(ramp(0, 1), 31, 0x1f), None),
            (
                "pasted twice but one",
                flip(
                    from_hex(&"8f3a0c5e9b2d47f1a6e0c3b9d5f8a2e1".repeat(2)),
                    31,
                    0x80,
                ),
                None,
            ),
            // A unit of 17 bytes is no longer refused: 136 bits or more.
            (
                "17-byte unit",
                {
                    let mut b = ramp(3, 7);
                    b.copy_within(0..15, 17);
                    b
                },
                None,
            ),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(weakness(bytes), *want, "{name}");
        }
    }

    #[test]
    fn each_weakness_reads_as_a_reason() {
        assert_eq!(Weakness::AllZero.to_string(), "it is all zeros");
        assert_eq!(
            Weakness::RepeatedUnit(4).to_string(),
            "it is a pattern of 4 bytes repeated"
        );
        assert!(Weakness::RepeatedByte.to_string().contains("one byte"));
        assert!(Weakness::Sequence.to_string().contains("counting"));
    }
}
