//! Domain types: parse, don't validate. A value of one of these types is
//! already known to be well formed, and every one that holds secret material
//! zeroizes itself and redacts its `Debug`/`Display`.

mod api_key;
mod ciphertext;
mod entity_secret;
mod public_key;
mod recovery_file;
mod rsa_sanity;
mod weak_secret;

pub use api_key::{ApiKey, ApiKeyError, Environment};
pub use ciphertext::{CIPHERTEXT_BASE64_LEN_4096, Ciphertext, EncryptError};
pub use entity_secret::{EntitySecret, SECRET_LEN, SecretParseError};
pub use public_key::{
    CirclePublicKey, EXPECTED_BITS as EXPECTED_KEY_BITS, MIN_BITS, PublicKeyError,
};
pub use recovery_file::RecoveryFile;
pub use weak_secret::Weakness;

use sha2::{Digest, Sha256};

/// Lowercase hex of the SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
