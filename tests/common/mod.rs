//! Helpers shared by the integration tests.

#![allow(dead_code, clippy::unwrap_used)]

pub mod rig;

use std::path::Path;

/// The pre-made RSA-4096 key the simulated Circle uses in tests.
pub fn fixture_key() -> rsa::PrivateKey {
    use rsa::pkcs8::DecodePrivateKey;
    rsa::PrivateKey::from_pkcs8_pem(include_str!("../fixtures/rsa4096.key.pem")).unwrap()
}

/// Everything under `dir`, recursively, as bytes: for asserting that no
/// secret byte was written anywhere.
pub fn all_bytes_under(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(all_bytes_under(&p));
        } else {
            out.extend(std::fs::read(&p).unwrap());
        }
    }
    out
}
