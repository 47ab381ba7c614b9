//! The single-use ciphertext Circle accepts in place of the entity secret.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::rngs::SysRng;
use sha2::Sha256;

use super::{CirclePublicKey, EntitySecret};
use crate::error::Explain;
use crate::text::secret as text;

/// Base64 length of a ciphertext under a 4096-bit key: 512 bytes, 684
/// characters. Circle's documentation tells people to check this.
pub const CIPHERTEXT_BASE64_LEN_4096: usize = 684;

/// RSA-OAEP (SHA-256, MGF1-SHA-256, empty label) of the 32 raw secret bytes,
/// standard base64.
///
/// Every ciphertext is single-use, so this type is neither `Clone` nor
/// serializable, and handing it to the network consumes it.
pub struct Ciphertext {
    base64: String,
}

/// Encryption failed (only possible with a broken key or random source).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", text::encrypt_failed(.0))]
pub struct EncryptError(String);

impl Explain for EncryptError {
    fn next_step(&self) -> String {
        text::ENCRYPT_FAILED_NEXT.to_owned()
    }
}

impl Ciphertext {
    /// Encrypt the secret afresh: OAEP is randomized, so two calls never give
    /// the same ciphertext.
    pub fn encrypt(secret: &EntitySecret, key: &CirclePublicKey) -> Result<Self, EncryptError> {
        // OAEP with SHA-256 for both the label hash and MGF1.
        let bytes = key
            .rsa()
            .oaep_encrypt_with_rng::<Sha256, _>(&mut SysRng, secret.raw_bytes())
            .map_err(|e| EncryptError(e.to_string()))?;
        Ok(Self {
            base64: STANDARD.encode(bytes),
        })
    }

    /// The text to show for pasting into Circle Console.
    pub fn as_str(&self) -> &str {
        &self.base64
    }

    /// Length in characters (684 for Circle's 4096-bit key).
    pub fn len(&self) -> usize {
        self.base64.len()
    }

    /// Never true for a real ciphertext.
    pub fn is_empty(&self) -> bool {
        self.base64.is_empty()
    }

    /// Give the text up to be sent; the value is gone afterwards, so it cannot
    /// be sent twice.
    pub fn into_wire(self) -> String {
        self.base64
    }
}

impl fmt::Debug for Ciphertext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ciphertext({} base64 characters)", self.base64.len())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::{Oaep, PrivateKey, PublicKey};
    use sha1::Sha1;

    const KEY_4096: &str = include_str!("../../tests/fixtures/rsa4096.key.pem");
    const KEY_2048: &str = include_str!("../../tests/fixtures/rsa2048.key.pem");
    const SPKI_2048: &str = include_str!("../../tests/fixtures/rsa2048.spki.pem");
    const HEX: &str = "00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210";

    fn private(pem: &str) -> PrivateKey {
        PrivateKey::from_pkcs8_pem(pem).unwrap()
    }

    fn public(private: &PrivateKey) -> CirclePublicKey {
        CirclePublicKey::from_rsa(PublicKey::from(private)).unwrap()
    }

    fn secret() -> EntitySecret {
        EntitySecret::from_hex(HEX).unwrap()
    }

    #[test]
    fn a_4096_bit_key_gives_684_base64_characters_of_512_bytes() {
        let key = public(&private(KEY_4096));
        assert!(key.has_expected_size());
        let ct = Ciphertext::encrypt(&secret(), &key).unwrap();
        assert_eq!(ct.len(), CIPHERTEXT_BASE64_LEN_4096);
        assert_eq!(ct.len(), 684);
        assert_eq!(ct.as_str().len(), 684);
        assert!(!ct.is_empty());
        assert!(ct.as_str().is_ascii());
        assert!(!ct.as_str().contains(['\n', '\r', ' ']));
        let raw = STANDARD.decode(ct.as_str()).unwrap();
        assert_eq!(raw.len(), 512);
        // Standard alphabet with padding: re-encoding gives the same text.
        assert_eq!(STANDARD.encode(&raw), ct.as_str());
    }

    #[test]
    fn decrypts_with_oaep_sha256_mgf1_sha256_to_the_32_raw_bytes() {
        let private = private(KEY_4096);
        let s = secret();
        let ct = Ciphertext::encrypt(&s, &public(&private)).unwrap();
        let raw = STANDARD.decode(ct.into_wire()).unwrap();
        let plain = private.oaep_decrypt::<Sha256>(&raw).unwrap();
        assert_eq!(plain.len(), 32);
        assert_eq!(plain.as_slice(), s.raw_bytes());
        assert_eq!(plain, hex::decode(HEX).unwrap());
        // The 32 raw bytes, never the 64-character hex text.
        assert_ne!(plain.as_slice(), HEX.as_bytes());
    }

    #[test]
    fn does_not_decrypt_with_mgf1_sha1() {
        let private = private(KEY_4096);
        let ct = Ciphertext::encrypt(&secret(), &public(&private)).unwrap();
        let raw = STANDARD.decode(ct.as_str()).unwrap();
        let wrong = private.decrypt(Oaep::<Sha256, Sha1>::new_with_mgf_hash(), &raw);
        assert!(wrong.is_err(), "MGF1-SHA-1 must not decrypt");
        // Nor with SHA-1 throughout (the rsa crate's and many libraries' old
        // default).
        let wrong = private.decrypt(Oaep::<Sha1>::new(), &raw);
        assert!(wrong.is_err(), "OAEP-SHA-1 must not decrypt");
        // Nor with a non-empty label.
        let wrong = private.decrypt(Oaep::<Sha256>::new_with_label(&b"label"[..]), &raw);
        assert!(wrong.is_err(), "a labelled OAEP must not decrypt");
    }

    #[test]
    fn two_encryptions_of_one_secret_differ_and_both_decrypt() {
        let private = private(KEY_4096);
        let key = public(&private);
        let s = secret();
        let a = Ciphertext::encrypt(&s, &key).unwrap();
        let b = Ciphertext::encrypt(&s, &key).unwrap();
        assert_ne!(a.as_str(), b.as_str());
        for ct in [a, b] {
            let raw = STANDARD.decode(ct.as_str()).unwrap();
            let plain = private.oaep_decrypt::<Sha256>(&raw).unwrap();
            assert_eq!(plain.as_slice(), s.raw_bytes());
        }
    }

    #[test]
    fn a_2048_bit_key_gives_344_base64_characters() {
        let private = private(KEY_2048);
        let key = CirclePublicKey::from_pem(SPKI_2048).unwrap();
        assert_eq!(key, public(&private));
        assert!(!key.has_expected_size());
        let s = secret();
        let ct = Ciphertext::encrypt(&s, &key).unwrap();
        assert_eq!(ct.len(), 344);
        let raw = STANDARD.decode(ct.as_str()).unwrap();
        assert_eq!(raw.len(), 256);
        let plain = private.oaep_decrypt::<Sha256>(&raw).unwrap();
        assert_eq!(plain.as_slice(), s.raw_bytes());
    }

    #[test]
    fn debug_does_not_contain_the_base64() {
        let key = public(&private(KEY_4096));
        let ct = Ciphertext::encrypt(&secret(), &key).unwrap();
        let dbg = format!("{ct:?}");
        assert_eq!(dbg, "Ciphertext(684 base64 characters)");
        assert!(!dbg.contains(ct.as_str()));
        assert!(!dbg.contains(&ct.as_str()[..16]));
        assert!(!dbg.contains(HEX));
    }

    #[test]
    fn encrypt_error_explains_itself() {
        let e = EncryptError("message too long".to_owned());
        assert!(e.to_string().contains("message too long"));
        assert!(!e.next_step().is_empty());
    }
}
