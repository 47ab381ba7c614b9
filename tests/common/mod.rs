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

/// Delete from the session's keychain the rehearsal entries that the data
/// folder under `xdg_data_home` knows of (its registrations, their retired
/// secrets, its unfinished ceremonies), as `status --json` of the binary
/// `bin` names them. The tests of a run share one keychain: a rehearsal
/// left in it would show up in every later test's status as a stray.
pub fn forget_rehearsal_entries(bin: &str, home: &Path, xdg_data_home: &Path) {
    use entity_secret_wizard::store::{self, KeyringStore, SecretStore};
    let Ok(out) = std::process::Command::new(bin)
        .args(["status", "--json"])
        .env("HOME", home)
        .env("XDG_DATA_HOME", xdg_data_home)
        .output()
    else {
        return;
    };
    let Ok(status) = serde_json::from_slice::<serde_json::Value>(&out.stdout) else {
        return;
    };
    let mut accounts = Vec::new();
    let rehearsal = |item: &serde_json::Value| item["rehearsal"] == true;
    for registration in status["registrations"].as_array().into_iter().flatten() {
        if rehearsal(registration) {
            accounts.extend(registration["keychain"]["account"].as_str());
            for retired in registration["retired"].as_array().into_iter().flatten() {
                accounts.extend(retired["account"].as_str());
            }
        }
    }
    for unfinished in status["unfinished"].as_array().into_iter().flatten() {
        if rehearsal(unfinished) {
            accounts.extend(unfinished["keychain"]["account"].as_str());
        }
    }
    if let Ok(keychain) = KeyringStore::new(store::REHEARSAL_SERVICE) {
        for account in accounts {
            let _ = keychain.delete(account);
        }
    }
}
