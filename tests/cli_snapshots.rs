//! What the command line prints, word for word, kept in
//! `tests/cli_snapshots/*.txt`: every `--help`, and each command's output
//! against the simulated Circle, with run-specific values (paths, ports,
//! ids, times, fingerprints) replaced by placeholders. A change to any of
//! it shows up here as a diff to review; `ESW_UPDATE_SNAPSHOTS=1 cargo test
//! --test cli_snapshots -- --include-ignored` rewrites them.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod cli_support;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use cli_support::registered::{self, KeychainEntry, Registered};
use cli_support::sim::Sim;
use cli_support::{
    Bus, Home, Normalizer, fixture_fingerprint, fixture_public_key, keychain_lock, snapshot,
};
use entity_secret_wizard::secret::EntitySecret;
use entity_secret_wizard::store::{self, Stage};

const API_KEY: &str = "TEST_API_KEY:abcd1234:s3cretpart";

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

fn normalizer(home: &Home, sim: Option<&Sim>) -> Normalizer {
    let mut n = Normalizer::new(home);
    n.literal(&fixture_fingerprint(), "[FIXTURE-KEY-FINGERPRINT]");
    if let Some(sim) = sim {
        n.literal(sim.app_id(), "[APP-ID]");
    }
    n
}

#[test]
fn help_of_every_command() {
    let home = Home::new();
    for (name, args) in [
        ("help", &["--help"][..]),
        ("help-status", &["status", "--help"]),
        ("help-ciphertext", &["ciphertext", "--help"]),
        ("help-public-key", &["public-key", "--help"]),
        ("help-rehearse", &["rehearse", "--help"]),
        ("help-record", &["record", "--help"]),
    ] {
        let run = home.run(Bus::None, args);
        run.expect(0);
        snapshot(name, &run.both());
    }
}

#[test]
fn status_of_an_empty_computer() {
    let home = Home::new();
    let n = normalizer(&home, None);
    snapshot(
        "status-empty",
        &n.apply(&home.run(Bus::None, &["status"]).both()),
    );
    snapshot(
        "status-empty-json",
        &n.apply(&home.run(Bus::None, &["status", "--json"]).both()),
    );
}

#[test]
fn public_key_from_the_simulated_circle_and_from_a_file() {
    let home = Home::new();
    let sim = Sim::start();
    let n = normalizer(&home, Some(&sim));
    Registered::record_only(&home, false, sim.app_id(), &fixture_fingerprint(), 1);
    let run = home.run_with(
        Bus::None,
        &["public-key", "--circle-url", &sim.url()],
        &[("CIRCLE_API_KEY", API_KEY)],
    );
    snapshot("public-key-circle", &n.apply(&run.both()));
    let key = fixture_public_key();
    let run = home.run(Bus::None, &["public-key", "--file", path(&key)]);
    snapshot("public-key-file", &n.apply(&run.both()));
    Registered::record_only(&home, false, "app-other", &"AB:".repeat(32)[..95], 1);
    let run = home.run(
        Bus::None,
        &["public-key", "--file", path(&key), "--app-id", "app-other"],
    );
    snapshot("public-key-file-different", &n.apply(&run.both()));
}

#[test]
fn errors_say_what_happened_and_what_to_do() {
    let home = Home::new();
    let n = normalizer(&home, None);
    let key = fixture_public_key();
    let ciphertext = ["ciphertext", "--public-key", path(&key)];
    snapshot(
        "error-no-registration",
        &n.apply(&home.run(Bus::None, &ciphertext).both()),
    );
    Registered::record_only(&home, false, "app-one", &fixture_fingerprint(), 1);
    Registered::record_only(&home, false, "app-two", &fixture_fingerprint(), 1);
    snapshot(
        "error-several-registrations",
        &n.apply(&home.run(Bus::None, &ciphertext).both()),
    );
    snapshot(
        "error-no-api-key",
        &n.apply(
            &home
                .run(Bus::None, &["public-key", "--app-id", "app-one"])
                .both(),
        ),
    );
}

#[test]
fn rehearse_with_a_memory_store_needs_no_keychain_and_keeps_no_record() {
    let home = Home::new();
    let n = normalizer(&home, None);
    let target = home.root().join("recovery.dat");
    let run = home.run(
        Bus::None,
        &[
            "rehearse",
            "--memory-store",
            "--recovery-file",
            path(&target),
        ],
    );
    snapshot("rehearse-memory-store", &n.apply(&run.both()));
    assert!(target.exists());
    let status = home.run(Bus::None, &["status", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(v["registrations"].as_array().unwrap().len(), 0);
}

#[test]
fn rehearse_serve_prints_where_and_how_to_reach_it() {
    let home = Home::new();
    let mut child = home
        .command(Bus::None, &["rehearse", "--serve"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    while !printed.contains("Serving until") {
        assert!(stdout.read_line(&mut printed).unwrap() > 0, "{printed}");
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // The app id is the only UUID, the key's fingerprint the only one.
    snapshot("rehearse-serve", &normalizer(&home, None).apply(&printed));
}

/// A registration ceremony stopped after its secret was stored, with its
/// secret staged in the keychain.
fn stopped_after_storing(home: &Home, secret: &EntitySecret) -> KeychainEntry {
    let app = "app-staged";
    let entry = registered::unfinished(home, app, Stage::SecretStored, &secret.fingerprint());
    KeychainEntry::put(store::REHEARSAL_SERVICE, &entry.keychain_account, secret)
}

#[test]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
fn every_command_against_the_simulated_circle_with_the_keychain() {
    let _lock = keychain_lock();
    let home = Home::new();
    let sim = Sim::start();
    let mut n = normalizer(&home, Some(&sim));
    // Due for rotation in ten days.
    let registered =
        Registered::record_only(&home, false, sim.app_id(), &fixture_fingerprint(), 170).stored();
    n.literal(&registered.record.secret_fingerprint, "[SECRET]");
    let staged = EntitySecret::generate();
    let _staged = stopped_after_storing(&home, &staged);
    n.literal(&staged.fingerprint(), "[STAGED-SECRET]");
    let key = fixture_public_key();
    let url = sim.url();
    let env = [("CIRCLE_API_KEY", API_KEY)];
    for (name, args) in [
        ("status", &["status"][..]),
        ("status-json", &["status", "--json"]),
        ("ciphertext-circle", &["ciphertext", "--circle-url", &url]),
        (
            "ciphertext-file",
            &["ciphertext", "--public-key", path(&key)],
        ),
        ("public-key", &["public-key", "--circle-url", &url]),
        ("record", &["record"]),
        ("record-json", &["record", "--json"]),
    ] {
        let run = home.run_with(Bus::Session, args, &env);
        snapshot(&format!("keychain-{name}"), &n.apply(&run.both()));
    }
}
