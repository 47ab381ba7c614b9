//! The simulated Circle entity: its private key, the registered secret, the
//! ciphertexts it has seen (each single-use) and the recovery files it issued.

use std::collections::HashSet;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::Rng;
use rand::rand_core::UnwrapErr;
use rand::rngs::SysRng;
use rsa::PrivateKey;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::secret::EntitySecret;

/// Random bytes behind a simulated recovery file; real ones are a few
/// hundred bytes of base64.
const RECOVERY_FILE_BYTES: usize = 384;

/// What became of a ciphertext.
#[derive(Debug)]
pub(crate) enum Verdict<T> {
    /// Accepted.
    Accepted(T),
    /// Seen before (code 156004).
    Reused,
    /// Not base64, not decryptable with the entity key, or not 32 bytes
    /// (code 156013).
    Invalid,
}

/// Registration outcomes beyond the ciphertext check.
#[derive(Debug)]
pub(crate) enum Registered {
    /// The secret is set; here is the recovery file.
    Now(String),
    /// A secret was already set (code 156015).
    Already,
}

/// The entity's mutable state, behind the simulator's lock.
#[derive(Default)]
pub(crate) struct Entity {
    pub registered: Option<EntitySecret>,
    seen: HashSet<String>,
    pub received: Vec<String>,
    /// Zeroized when the simulator goes: a rehearsal leaves no copy of a
    /// recovery file behind in memory.
    pub recovery_files: Vec<Zeroizing<String>>,
    /// Index into `recovery_files` of the one that can still reset the
    /// secret: every rotation or reset invalidates the previous one.
    pub valid_recovery_file: Option<usize>,
}

impl Entity {
    /// Note a ciphertext that arrived, whatever becomes of it (a fault may
    /// turn the request away before it is looked at).
    pub fn note_received(&mut self, ciphertext: &str) {
        self.received.push(ciphertext.to_owned());
    }

    /// Use a ciphertext up; false if it was used before. Every ciphertext
    /// that is looked at counts, valid or not, as in Circle's single-use rule.
    pub fn first_sight(&mut self, ciphertext: &str) -> bool {
        self.seen.insert(ciphertext.to_owned())
    }

    /// Set a new secret and issue its recovery file.
    pub fn set_with_new_recovery_file(&mut self, secret: EntitySecret) -> String {
        self.registered = Some(secret);
        let file = new_recovery_file();
        self.recovery_files.push(Zeroizing::new(file.clone()));
        self.valid_recovery_file = Some(self.recovery_files.len() - 1);
        file
    }

    /// A registration from an earlier run: the secret, and the recovery
    /// file issued for it then (if known), which stays valid.
    pub fn seed(&mut self, secret: EntitySecret, recovery_file: Option<String>) {
        self.registered = Some(secret);
        match recovery_file {
            Some(file) => {
                self.recovery_files.push(Zeroizing::new(file));
                self.valid_recovery_file = Some(self.recovery_files.len() - 1);
            }
            None => self.valid_recovery_file = None,
        }
    }

    /// The recovery file that can still reset the secret.
    pub fn current_recovery_file(&self) -> Option<&str> {
        self.valid_recovery_file
            .and_then(|i| self.recovery_files.get(i))
            .map(|file| file.as_str())
    }
}

/// Decrypt a ciphertext the way Circle does: standard base64, RSA-OAEP with
/// SHA-256 and MGF1-SHA-256, exactly 32 bytes.
pub(crate) fn decrypt(key: &PrivateKey, ciphertext: &str) -> Option<EntitySecret> {
    let raw = STANDARD.decode(ciphertext.as_bytes()).ok()?;
    let plain = Zeroizing::new(key.oaep_decrypt::<Sha256>(&raw).ok()?);
    if plain.len() != 32 {
        return None;
    }
    let hex = Zeroizing::new(hex::encode(plain.as_slice()));
    EntitySecret::from_hex(&hex).ok()
}

fn new_recovery_file() -> String {
    let mut bytes = Zeroizing::new([0u8; RECOVERY_FILE_BYTES]);
    UnwrapErr(SysRng).fill_bytes(bytes.as_mut());
    STANDARD.encode(bytes.as_slice())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::secret::{Ciphertext, CirclePublicKey};
    use rsa::PublicKey;
    use rsa::pkcs8::DecodePrivateKey;

    #[test]
    fn decrypts_only_32_byte_secrets_under_its_own_key() {
        let key = PrivateKey::from_pkcs8_pem(include_str!("../../tests/fixtures/rsa4096.key.pem"))
            .unwrap();
        let public = CirclePublicKey::from_rsa(PublicKey::from(&key)).unwrap();
        let secret = EntitySecret::generate();
        let ct = Ciphertext::encrypt(&secret, &public).unwrap();
        assert_eq!(decrypt(&key, ct.as_str()).unwrap(), secret);

        // 64 bytes (the hex text encrypted instead of the raw bytes).
        let raw = key
            .to_public_key()
            .oaep_encrypt::<Sha256>(secret.expose_hex().as_bytes())
            .unwrap();
        assert!(decrypt(&key, &STANDARD.encode(raw)).is_none());
        assert!(decrypt(&key, "not base64!").is_none());
        assert!(decrypt(&key, "").is_none());
        assert!(decrypt(&key, &STANDARD.encode([0u8; 512])).is_none());
    }

    #[test]
    fn recovery_files_are_base64_and_distinct() {
        let a = new_recovery_file();
        let b = new_recovery_file();
        assert_ne!(a, b);
        assert_eq!(STANDARD.decode(&a).unwrap().len(), RECOVERY_FILE_BYTES);
        assert_eq!(a.len(), 512);
    }

    #[test]
    fn ciphertexts_are_single_use() {
        let mut entity = Entity::default();
        assert!(entity.first_sight("abc"));
        assert!(!entity.first_sight("abc"));
        assert!(entity.first_sight("abd"));
        assert!(entity.received.is_empty(), "arrival is noted separately");
        entity.note_received("abc");
        assert_eq!(entity.received, ["abc"]);
    }
}
