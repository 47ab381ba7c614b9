//! The command line with the real keychain: ciphertexts of a secret kept in
//! the Secret Service, decrypted by an independent implementation (the
//! `openssl` command line) to the very secret `status --json` fingerprints;
//! a key other than the one on record refused; and no byte of the secret,
//! in any form, in anything any command prints.
//!
//! These need a Secret Service on the session bus, so a plain `cargo test`
//! leaves them out; `tests/run.sh` runs them in a private D-Bus session
//! with a throwaway gnome-keyring. Each takes the keychain lock (they share
//! the product's service names) and removes what it stored.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod cli_support;
mod common;

use std::ffi::OsStr;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cli_support::registered::{Registered, assert_no_secret};
use cli_support::sim::Sim;
use cli_support::{
    Bus, Home, field_of_each, fixture_dir, fixture_fingerprint, fixture_public_key, keychain_lock,
    tool,
};
use entity_secret_wizard::secret::{Environment, sha256_hex};
use entity_secret_wizard::store::{self, KeyringStore, SecretStore};
use entity_secret_wizard::text;
use serde_json::Value;

const API_KEY: &str = "TEST_API_KEY:abcd1234:s3cretpart";

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

/// `openssl pkeyutl -decrypt` with RSA-OAEP, SHA-256, MGF1-SHA-256 and the
/// fixtures' private key.
fn openssl_decrypt(home: &Home, ciphertext_base64: &str) -> Vec<u8> {
    let input = home.root().join("ciphertext.bin");
    std::fs::write(&input, STANDARD.decode(ciphertext_base64.trim()).unwrap()).unwrap();
    let key = fixture_dir().join("rsa4096.key.pem");
    let args: Vec<&OsStr> = [
        OsStr::new("pkeyutl"),
        OsStr::new("-decrypt"),
        OsStr::new("-inkey"),
        key.as_os_str(),
        OsStr::new("-in"),
        input.as_os_str(),
        OsStr::new("-pkeyopt"),
        OsStr::new("rsa_padding_mode:oaep"),
        OsStr::new("-pkeyopt"),
        OsStr::new("rsa_oaep_md:sha256"),
        OsStr::new("-pkeyopt"),
        OsStr::new("rsa_mgf1_md:sha256"),
    ]
    .to_vec();
    let out = tool("openssl", &args);
    assert!(
        out.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
fn a_ciphertext_made_offline_decrypts_with_openssl_to_the_secret_status_json_fingerprints() {
    let _lock = keychain_lock();
    let home = Home::new();
    let registered =
        Registered::record_only(&home, false, "app-openssl", &fixture_fingerprint(), 1).stored();
    // A Circle address where nothing listens: the key file is all there is.
    let key = fixture_public_key();
    let args = [
        "ciphertext",
        "--public-key",
        path(&key),
        "--circle-url",
        "http://127.0.0.1:9/",
    ];
    let run = home.run(Bus::Session, &args);
    run.expect(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // Only the ciphertext and a newline: 512 bytes, 684 base64 characters.
    assert_eq!(run.stdout.len(), 685, "{}", run.stdout);
    assert!(run.stdout.ends_with('\n'));
    let plain = openssl_decrypt(&home, &run.stdout);
    assert_eq!(plain.len(), 32);

    let status = home.run(Bus::Session, &["status", "--json"]);
    status.expect(0);
    let v: Value = serde_json::from_str(&status.stdout).unwrap();
    let fingerprint = &sha256_hex(&plain)[..16];
    assert_eq!(v["registrations"][0]["secret_fingerprint"], fingerprint);
    assert_eq!(v["registrations"][0]["keychain"]["presence"], "present");
    assert_eq!(registered.secret.fingerprint(), fingerprint);

    // Every run is a fresh ciphertext of the same secret.
    let again = home.run(Bus::Session, &args);
    again.expect(0);
    assert_ne!(again.stdout, run.stdout);
    assert_eq!(openssl_decrypt(&home, &again.stdout), plain);
}

#[test]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
fn a_ciphertext_with_the_key_from_circle_is_of_the_registered_secret() {
    let _lock = keychain_lock();
    let home = Home::new();
    let sim = Sim::start();
    let registered =
        Registered::record_only(&home, false, sim.app_id(), &fixture_fingerprint(), 1).stored();
    let run = home.run_with(
        Bus::Session,
        &["ciphertext", "--circle-url", &sim.url()],
        &[("CIRCLE_API_KEY", API_KEY)],
    );
    run.expect(0);
    let plain = openssl_decrypt(&home, &run.stdout);
    assert_eq!(
        hex::encode(plain),
        registered.secret.expose_hex().as_str(),
        "the ciphertext is of the registered secret"
    );
}

#[test]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
fn a_key_other_than_the_one_on_record_is_used_only_when_its_fingerprint_is_named() {
    let _lock = keychain_lock();
    let home = Home::new();
    let recorded = "AB:".repeat(31) + "AB";
    let _registered = Registered::record_only(&home, false, "app-changed", &recorded, 1).stored();
    let key = fixture_public_key();
    let fp = fixture_fingerprint();
    let base = ["ciphertext", "--public-key", path(&key)];

    let run = home.run(Bus::Session, &base);
    run.expect(7);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        format!(
            "error: {}\n{}\n",
            text::cli::key_changed(&recorded, &fp),
            text::cli::key_changed_next(&fp)
        )
    );
    // A fingerprint that is not the key's, or only its beginning.
    for wrong in [recorded.as_str(), &fp[..47]] {
        let run = home.run(
            Bus::Session,
            &[&base[..], &["--accept-key", wrong]].concat(),
        );
        run.expect(7);
        assert!(run.stdout.is_empty());
    }
    // The key's own, typed any way.
    let typed = fp.replace(':', "").to_lowercase();
    let run = home.run(
        Bus::Session,
        &[&base[..], &["--accept-key", &typed]].concat(),
    );
    run.expect(0);
    assert_eq!(run.stdout.len(), 685);
    assert!(run.stderr.starts_with("warning: "), "{}", run.stderr);
}

#[test]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
fn no_command_prints_a_byte_of_the_secret_in_any_form() {
    let _lock = keychain_lock();
    let home = Home::new();
    let sim = Sim::start();
    let registered =
        Registered::record_only(&home, false, sim.app_id(), &fixture_fingerprint(), 1).stored();
    let key = fixture_public_key();
    let url = sim.url();
    let env = [("CIRCLE_API_KEY", API_KEY)];
    // Every command, the ways it succeeds and some ways it fails.
    let commands: Vec<(Vec<&str>, i32)> = vec![
        (vec!["status"], 0),
        (vec!["status", "--json"], 0),
        (vec!["ciphertext", "--public-key", path(&key)], 0),
        (vec!["ciphertext", "--circle-url", &url], 0),
        (
            vec![
                "ciphertext",
                "--public-key",
                path(&key),
                "--accept-key",
                "00",
            ],
            7,
        ),
        (
            vec!["ciphertext", "--public-key", path(&key), "--app-id", "none"],
            3,
        ),
        (vec!["public-key", "--circle-url", &url], 0),
        (vec!["public-key", "--file", path(&key)], 0),
        (vec!["record"], 0),
        (vec!["record", "--json"], 0),
        (vec!["--help"], 0),
    ];
    for (args, code) in &commands {
        let run = home.run_with(Bus::Session, args, &env);
        run.expect(*code);
        assert_no_secret(
            &registered.secret,
            &format!("stdout of {args:?}"),
            &run.raw_stdout,
        );
        assert_no_secret(
            &registered.secret,
            &format!("stderr of {args:?}"),
            &run.raw_stderr,
        );
    }
}

#[test]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
fn rehearse_keeps_its_secret_in_the_keychain_and_prints_no_byte_of_it() {
    let _lock = keychain_lock();
    let home = Home::new();
    let run = home.run(Bus::Session, &["rehearse"]);
    run.expect(0);
    let status = home.run(Bus::Session, &["status", "--json"]);
    let v: Value = serde_json::from_str(&status.stdout).unwrap();
    let r = &v["registrations"][0];
    assert_eq!(r["rehearsal"], true);
    assert_eq!(r["keychain"]["presence"], "present");
    let account = store::account_name(Environment::Test, r["app_id"].as_str().unwrap(), false);
    let keychain = KeyringStore::new(store::REHEARSAL_SERVICE).unwrap();
    let secret = keychain.get(&account).unwrap().unwrap();
    keychain.delete(&account).unwrap();
    assert_eq!(r["secret_fingerprint"], secret.fingerprint());
    let record = home.run(Bus::Session, &["record", "--rehearsal"]);
    for (what, bytes) in [
        ("rehearse's stdout", &run.raw_stdout),
        ("rehearse's stderr", &run.raw_stderr),
        ("status --json", &status.raw_stdout),
        ("record", &record.raw_stdout),
    ] {
        assert_no_secret(&secret, what, bytes);
    }
    // Nothing of it in any file the rehearsal wrote either.
    let written = common::all_bytes_under(&home.data_dir());
    assert_no_secret(&secret, "the data folder", &written);
}

#[test]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
fn status_lists_a_stray_keychain_entry_with_the_window_s_ways_forward() {
    let _lock = keychain_lock();
    let home = Home::new();
    let keychain = KeyringStore::new(store::REHEARSAL_SERVICE).unwrap();
    let account = store::pending_account_name(Environment::Test, "app-stray");
    keychain
        .put(
            &account,
            &entity_secret_wizard::secret::EntitySecret::generate(),
        )
        .unwrap();
    let run = home.run(Bus::Session, &["status"]);
    let json = home.run(Bus::Session, &["status", "--json"]);
    keychain.delete(&account).unwrap();
    run.expect(0);
    assert!(
        run.stdout.contains(text::status::STRAYS_TITLE),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(text::status::stray(store::AccountKind::Pending))
    );
    assert!(run.stdout.contains(&account));
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    // Other tests of this run share the session's keychain; find ours by name.
    let stray = v["strays"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["keychain_account"] == account.as_str())
        .unwrap_or_else(|| panic!("no stray {account} in {}", json.stdout));
    assert_eq!(stray["kind"], "pending");
    assert_eq!(
        field_of_each(&stray["next"], "step"),
        ["check_with_circle", "discard"]
    );
}
