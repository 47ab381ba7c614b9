//! The single-use ciphertext Circle accepts in place of the entity secret.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::rngs::OsRng;
use rsa::Oaep;
use sha2::Sha256;

use super::{CirclePublicKey, EntitySecret};
use crate::error::Explain;

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
#[error("The entity secret could not be encrypted with Circle's public key ({0}).")]
pub struct EncryptError(String);

impl Explain for EncryptError {
    fn next_step(&self) -> String {
        "Fetch Circle's public key again and retry. If it keeps failing, the key is unusable: do not register with it.".to_owned()
    }
}

impl Ciphertext {
    /// Encrypt the secret afresh: OAEP is randomized, so two calls never give
    /// the same ciphertext.
    pub fn encrypt(secret: &EntitySecret, key: &CirclePublicKey) -> Result<Self, EncryptError> {
        let padding = Oaep::new::<Sha256>();
        let bytes = key
            .rsa()
            .encrypt(&mut OsRng, padding, secret.raw_bytes())
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
