//! The entity secret: 32 random bytes that Circle never stores.

use std::fmt;

use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use crate::error::Explain;

/// Length of the secret in bytes.
pub const SECRET_LEN: usize = 32;

/// A Circle entity secret.
///
/// Zeroized on drop; `Debug` and `Display` print only the fingerprint; equality
/// is constant-time. The hex form leaves this type only through
/// [`EntitySecret::expose_hex`], whose name makes every use easy to audit.
pub struct EntitySecret {
    bytes: Zeroizing<[u8; SECRET_LEN]>,
}

/// Why a typed or stored secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretParseError {
    /// Nothing was given.
    #[error("The entity secret is empty.")]
    Empty,
    /// Spaces, tabs or line breaks inside or around the text.
    #[error("The entity secret contains spaces or line breaks.")]
    Whitespace,
    /// Not 64 characters.
    #[error("The entity secret has {0} characters; it must have exactly 64.")]
    WrongLength(usize),
    /// A character outside 0-9 and a-f.
    #[error(
        "The entity secret contains a character that is not hexadecimal (0-9, a-f) at position {0}."
    )]
    NotHex(usize),
}

impl Explain for SecretParseError {
    fn next_step(&self) -> String {
        match self {
            Self::Whitespace => {
                "Paste the secret again without spaces or line breaks.".to_owned()
            }
            _ => "An entity secret is exactly 64 hexadecimal characters (0-9, a-f). Copy it again from where you keep it.".to_owned()
        }
    }
}

impl EntitySecret {
    /// A new secret from the operating system's random number generator.
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; SECRET_LEN]);
        OsRng.fill_bytes(bytes.as_mut());
        Self { bytes }
    }

    /// Parse exactly 64 hex characters, in any case.
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
        let mut bytes = Zeroizing::new([0u8; SECRET_LEN]);
        // Length and alphabet were checked above, so decoding cannot fail; map
        // the error anyway rather than panic.
        hex::decode_to_slice(text, bytes.as_mut()).map_err(|_| SecretParseError::NotHex(1))?;
        Ok(Self { bytes })
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
        let mut digest = Sha256::digest(self.bytes.as_ref());
        let out = hex::encode(&digest[..8]);
        digest.as_mut_slice().zeroize();
        out
    }

    /// A second value holding the same secret (for handing one to a store
    /// while keeping the other). Deliberately not `Clone`, so copies are
    /// visible in the code.
    pub fn duplicate(&self) -> Self {
        Self {
            bytes: Zeroizing::new(*self.bytes),
        }
    }
}

impl PartialEq for EntitySecret {
    fn eq(&self, other: &Self) -> bool {
        self.bytes.ct_eq(&*other.bytes).into()
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
            assert!(!got.next_step().is_empty());
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
