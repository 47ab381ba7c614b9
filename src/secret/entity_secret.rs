//! The entity secret: 32 random bytes that Circle never stores.

use std::fmt;

use rand::Rng;
use rand::rand_core::UnwrapErr;
use rand::rngs::SysRng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use super::weak_secret::{Weakness, weakness};
use crate::error::Explain;
use crate::text::secret as text;

/// Length of the secret in bytes.
pub const SECRET_LEN: usize = 32;

/// A Circle entity secret.
///
/// Zeroized on drop; `Debug` and `Display` print only the fingerprint; equality
/// is constant-time. The hex form leaves this type only through
/// [`EntitySecret::expose_hex`], whose name makes every use easy to audit.
pub struct EntitySecret {
    // On the heap, so that moving an `EntitySecret` (into a store, a ceremony,
    // a channel) moves a pointer and leaves no copy of the bytes behind in a
    // stack frame that nothing zeroizes. The bytes are written only once they
    // are in place here.
    bytes: Box<Zeroizing<[u8; SECRET_LEN]>>,
}

/// Why a typed or stored secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretParseError {
    /// Nothing was given.
    #[error("{}", text::SECRET_EMPTY)]
    Empty,
    /// Spaces, tabs or line breaks inside or around the text.
    #[error("{}", text::SECRET_WHITESPACE)]
    Whitespace,
    /// Not 64 characters.
    #[error("{}", text::secret_wrong_length(*.0))]
    WrongLength(usize),
    /// A character outside 0-9 and a-f.
    #[error("{}", text::secret_not_hex(*.0))]
    NotHex(usize),
    /// Well formed, but a value no random generator gives (only from
    /// [`EntitySecret::import_hex`]).
    #[error("{}", text::secret_weak(&.0.to_string()))]
    Weak(Weakness),
}

impl Explain for SecretParseError {
    fn next_step(&self) -> String {
        match self {
            Self::Whitespace => text::SECRET_WHITESPACE_NEXT.to_owned(),
            // Not "rotate": a rotation needs a ciphertext of the current
            // secret, which this app will not make of a value it refuses.
            Self::Weak(_) => text::SECRET_WEAK_NEXT.to_owned(),
            _ => text::secret_next(),
        }
    }
}

impl EntitySecret {
    /// A new secret from the operating system's random number generator.
    ///
    /// The weak shapes [`EntitySecret::import_hex`] refuses are not re-drawn
    /// here: together they are fewer than 2^129 of the 2^256 values, so a
    /// working generator hits one with probability below 2^-127, and one that
    /// did would be broken rather than unlucky (an all-zero generator would
    /// make a re-draw loop forever).
    ///
    /// Panics if the operating system cannot give random bytes at all: no
    /// secret is better than a predictable one, and every later step needs
    /// the same generator.
    pub fn generate() -> Self {
        let mut secret = Self::zeroed();
        UnwrapErr(SysRng).fill_bytes(secret.bytes.as_mut_slice());
        secret
    }

    /// Parse a secret a person typed or pasted to import it: the syntax of
    /// [`EntitySecret::from_hex`], and then values that are obviously not
    /// random (all zeros, one byte or a short pattern repeated, a counting
    /// sequence) are refused with [`SecretParseError::Weak`].
    ///
    /// Only imports use this. A secret already in the keychain is read with
    /// `from_hex`, so a weak secret stored or registered before this check
    /// existed stays readable and can still be rotated away.
    pub fn import_hex(text: &str) -> Result<Self, SecretParseError> {
        let secret = Self::from_hex(text)?;
        match weakness(&secret.bytes) {
            Some(w) => Err(SecretParseError::Weak(w)),
            None => Ok(secret),
        }
    }

    /// Parse exactly 64 hex characters, in any case: the strict syntax
    /// parser, for stored values and Circle's side of the simulator. For a
    /// secret a person imports, use [`EntitySecret::import_hex`].
    ///
    /// Surrounding whitespace is refused rather than trimmed: the caller
    /// decides whether a paste may be trimmed, this type never guesses.
    pub fn from_hex(text: &str) -> Result<Self, SecretParseError> {
        if text.is_empty() {
            return Err(SecretParseError::Empty);
        }
        if text.chars().any(char::is_whitespace) {
            return Err(SecretParseError::Whitespace);
        }
        let len = text.chars().count();
        if len != SECRET_LEN * 2 {
            return Err(SecretParseError::WrongLength(len));
        }
        if let Some(pos) = text.chars().position(|c| !c.is_ascii_hexdigit()) {
            return Err(SecretParseError::NotHex(pos + 1));
        }
        let mut secret = Self::zeroed();
        // Length and alphabet were checked above, so decoding cannot fail; map
        // the error anyway rather than panic.
        hex::decode_to_slice(text, secret.bytes.as_mut_slice())
            .map_err(|_| SecretParseError::NotHex(1))?;
        Ok(secret)
    }

    /// All zeros, already on the heap: the buffer every constructor fills in
    /// place.
    fn zeroed() -> Self {
        Self {
            bytes: Box::new(Zeroizing::new([0u8; SECRET_LEN])),
        }
    }

    /// The secret as 64 lowercase hex characters, in a buffer that zeroizes
    /// itself. Every call site is a place where the secret leaves this type.
    pub fn expose_hex(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(SECRET_LEN * 2));
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        for b in self.bytes.iter() {
            out.push(char::from(DIGITS[usize::from(b >> 4)]));
            out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
        }
        out
    }

    /// The 32 raw bytes: what Circle's key encrypts.
    pub(crate) fn raw_bytes(&self) -> &[u8; SECRET_LEN] {
        &self.bytes
    }

    /// The first 8 bytes of SHA-256 of the raw secret, as 16 hex characters:
    /// safe to show, log and record, and enough to tell two secrets apart.
    pub fn fingerprint(&self) -> String {
        let mut digest = Sha256::digest(self.bytes.as_slice());
        let out = hex::encode(&digest[..8]);
        digest.as_mut_slice().zeroize();
        out
    }

    /// A second value holding the same secret (for handing one to a store
    /// while keeping the other). Deliberately not `Clone`, so copies are
    /// visible in the code.
    pub fn duplicate(&self) -> Self {
        let mut copy = Self::zeroed();
        copy.bytes.copy_from_slice(self.bytes.as_slice());
        copy
    }
}

impl PartialEq for EntitySecret {
    fn eq(&self, other: &Self) -> bool {
        self.bytes.ct_eq(other.bytes.as_slice()).into()
    }
}

impl Eq for EntitySecret {}

impl fmt::Debug for EntitySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "EntitySecret(fingerprint {}, redacted)",
            self.fingerprint()
        )
    }
}

impl fmt::Display for EntitySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entity secret {} (redacted)", self.fingerprint())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    #[test]
    fn generated_secrets_differ_and_round_trip() {
        let a = EntitySecret::generate();
        let b = EntitySecret::generate();
        assert_ne!(a, b);
        let back = EntitySecret::from_hex(&a.expose_hex()).unwrap();
        assert_eq!(a, back);
        assert_eq!(a.expose_hex().len(), 64);
    }

    #[test]
    fn accepts_any_case_and_exports_lowercase() {
        let s = EntitySecret::from_hex(&HEX.to_uppercase()).unwrap();
        assert_eq!(s.expose_hex().as_str(), HEX);
        assert_eq!(s.raw_bytes()[..2], [0x00, 0x11]);
    }

    #[test]
    fn bad_inputs_give_typed_errors() {
        let cases: &[(&str, SecretParseError)] = &[
            ("", SecretParseError::Empty),
            (" ", SecretParseError::Whitespace),
            (&format!("{HEX}\n"), SecretParseError::Whitespace),
            (&format!(" {HEX}"), SecretParseError::Whitespace),
            (&HEX[..63], SecretParseError::WrongLength(63)),
            (&format!("{HEX}0"), SecretParseError::WrongLength(65)),
            (&format!("{}g", &HEX[..63]), SecretParseError::NotHex(64)),
            (&"é".repeat(64), SecretParseError::NotHex(1)),
            (&"a".repeat(100_000), SecretParseError::WrongLength(100_000)),
            ("\0", SecretParseError::WrongLength(1)),
        ];
        for (input, want) in cases {
            let got = EntitySecret::from_hex(input).unwrap_err();
            assert_eq!(&got, want, "input {:?}", &input[..input.len().min(10)]);
            assert_eq!(EntitySecret::import_hex(input).unwrap_err(), got);
            assert!(!got.next_step().is_empty());
        }
    }

    #[test]
    fn moving_a_secret_moves_a_pointer_not_the_bytes() {
        let s = EntitySecret::generate();
        let at = s.raw_bytes().as_ptr();
        // Moved into a box, a vector and back out: the bytes never move, so
        // no unzeroized copy is left in a stack frame along the way.
        let boxed = Box::new(s);
        let mut held = vec![*boxed];
        let back = held.pop().unwrap();
        assert_eq!(back.raw_bytes().as_ptr(), at);
        let copy = back.duplicate();
        assert_ne!(copy.raw_bytes().as_ptr(), at);
        assert_eq!(copy, back);
    }

    #[test]
    fn import_refuses_obviously_weak_values_with_the_reason() {
        let cases: &[(String, Weakness)] = &[
            ("0".repeat(64), Weakness::AllZero),
            ("F".repeat(64), Weakness::RepeatedByte),
            ("deadbeef".repeat(8), Weakness::RepeatedUnit(4)),
            ("0123456789abcdef".repeat(4), Weakness::RepeatedUnit(8)),
            (HEX.to_owned(), Weakness::RepeatedUnit(16)),
            (
                (0u8..32).map(|b| format!("{b:02x}")).collect(),
                Weakness::Sequence,
            ),
        ];
        for (input, want) in cases {
            let got = EntitySecret::import_hex(input).unwrap_err();
            assert_eq!(got, SecretParseError::Weak(*want), "{input}");
            assert!(got.to_string().contains(&want.to_string()), "{got}");
            assert!(got.next_step().contains("Generate a new secret"), "{got}");
            // The strict parser that reads stored secrets still reads it, so
            // a weak secret already in the keychain is never made unreadable.
            assert!(EntitySecret::from_hex(input).is_ok(), "{input}");
        }
    }

    #[test]
    fn import_checks_syntax_first_and_accepts_random_values() {
        assert_eq!(EntitySecret::import_hex(""), Err(SecretParseError::Empty));
        assert_eq!(
            EntitySecret::import_hex(&"0".repeat(63)),
            Err(SecretParseError::WrongLength(63))
        );
        let real = "8f3a0c5e9b2d47f1a6e0c3b9d5f8a2e17c4b0d9e3f6a1c8b5e2d7f0a9c3b6e14";
        let imported = EntitySecret::import_hex(real).unwrap();
        assert_eq!(imported, EntitySecret::from_hex(real).unwrap());
        for _ in 0..100 {
            let fresh = EntitySecret::generate();
            assert_eq!(
                EntitySecret::import_hex(&fresh.expose_hex()).unwrap(),
                fresh
            );
        }
    }

    #[test]
    fn debug_and_display_never_show_the_secret() {
        let s = EntitySecret::from_hex(HEX).unwrap();
        let dbg = format!("{s:?}");
        let disp = format!("{s}");
        for shown in [&dbg, &disp] {
            assert!(!shown.contains(HEX));
            assert!(!shown.contains("00112233"));
            assert!(shown.contains(&s.fingerprint()));
        }
    }

    #[test]
    fn fingerprint_is_first_8_bytes_of_sha256() {
        let s = EntitySecret::from_hex(HEX).unwrap();
        let full = crate::secret::sha256_hex(s.raw_bytes());
        assert_eq!(s.fingerprint(), full[..16]);
        assert_eq!(s.fingerprint().len(), 16);
    }
}
