//! What a whole rehearsal leaves in the process's memory: a core dump taken
//! by gdb at the very end (at `exit`, after every value was dropped) holds
//! no copy of the entity secret (raw, hex in either case, base64) and none
//! of the recovery file. Values in zeroizing types wipe themselves; the
//! binary's allocator wipes every other block when it is freed, so the
//! copies libraries make (HTTP buffers, JSON parsers) go too.
//!
//! Needs a Secret Service (the rehearsal keeps its secret in the real
//! keychain) and gdb: `tests/run.sh` provides both and runs it.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::process::Command;

use base64::Engine;
use entity_secret_wizard::store::{self, KeyringStore, Records, SecretStore};

const BIN: &str = env!("CARGO_BIN_EXE_entity-secret-wizard");

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    memchr::memmem::find_iter(haystack, needle).count()
}

#[test]
#[ignore = "needs a Secret Service and gdb (tests/run.sh runs it)"]
fn a_core_dump_at_the_end_of_a_rehearsal_holds_no_secret_and_no_recovery_file() {
    let home = tempfile::tempdir().unwrap();
    let recovery = home.path().join("recovery_file.dat");
    let core = home.path().join("core");
    let out = Command::new("gdb")
        .args([
            "-q",
            "-batch",
            "-ex",
            "set pagination off",
            "-ex",
            "break exit",
            "-ex",
            "run",
            "-ex",
        ])
        .arg(format!("generate-core-file {}", core.display()))
        .args(["-ex", "kill", "--args", BIN, "rehearse", "--recovery-file"])
        .arg(&recovery)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("share"))
        .output()
        .expect("gdb runs (scripts/install-deps.sh installs it)");
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(log.contains("written and verified"), "{log}");
    let dump = std::fs::read(&core).unwrap_or_else(|e| panic!("no core ({e}): {log}"));
    assert!(dump.len() > 1_000_000, "a real core of the process");

    // The recovery file the rehearsal saved.
    let file = std::fs::read(&recovery).unwrap();
    assert!(file.len() > 32);
    assert_eq!(count(&dump, &file), 0, "a copy of the recovery file");
    assert_eq!(count(&dump, &file[..32]), 0, "part of the recovery file");

    // The secret it registered, read back from the keychain.
    let dir = store::rehearsal_dir(&home.path().join("share").join("entity-secret-wizard"));
    let record = Records::open(dir).unwrap().list().unwrap().pop().unwrap();
    let keychain = KeyringStore::new(store::REHEARSAL_SERVICE).unwrap();
    let secret = keychain.get(&record.keychain_account).unwrap().unwrap();
    let hex = secret.expose_hex();
    let raw = hex::decode(hex.as_str()).unwrap();
    let forms: [(&str, Vec<u8>); 4] = [
        ("raw", raw.clone()),
        ("hex", hex.as_bytes().to_vec()),
        ("HEX", hex.to_uppercase().into_bytes()),
        (
            "base64",
            base64::engine::general_purpose::STANDARD
                .encode(&raw)
                .into_bytes(),
        ),
    ];
    for (name, form) in forms {
        assert_eq!(count(&dump, &form), 0, "a copy of the secret ({name})");
    }
    keychain.delete(&record.keychain_account).unwrap();
}
