//! The real OS keychain: a round trip through the Secret Service, and the
//! typed error when there is no session bus at all.
//!
//! The round trip needs a Secret Service on a D-Bus session bus, so it is
//! ignored by a plain `cargo test`; `tests/run.sh` runs it inside
//! `dbus-run-session` with a throwaway, unlocked gnome-keyring. Every entry
//! lives under a unique service name (`entity-secret-wizard.ci-<uuid>`) and is
//! deleted at the end, pass or fail.

// clippy.toml allows these inside #[test] functions only; the helpers here
// are test code too: a panic is how a test fails, and the cleanup guard says
// on stderr what it could not delete.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use entity_secret_wizard::error::{Explain, explain};
use entity_secret_wizard::secret::{EntitySecret, Environment};
use entity_secret_wizard::store::{KeyringStore, SecretStore, StoreError, account_name};
use uuid::Uuid;

fn ci_service() -> String {
    format!("entity-secret-wizard.ci-{}", Uuid::new_v4())
}

/// Deletes the entry when dropped, so a failed assertion leaves nothing in
/// the keyring.
struct Cleanup<'a> {
    store: &'a KeyringStore,
    account: String,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.store.delete(&self.account) {
            eprintln!("cleanup of {} failed: {}", self.account, explain(&e));
        }
    }
}

fn open(service: &str) -> KeyringStore {
    KeyringStore::new(service).unwrap_or_else(|e| panic!("no keychain: {}", explain(&e)))
}

#[test]
#[ignore = "needs a Secret Service in a D-Bus session: run by tests/run.sh"]
fn real_keychain_round_trip() {
    let service = ci_service();
    let store = open(&service);
    eprintln!("keychain backend: {}", store.backend_name());

    let report = store
        .probe()
        .unwrap_or_else(|e| panic!("probe: {}", explain(&e)));
    assert_eq!(report.backend, store.backend_name());
    #[cfg(target_os = "linux")]
    assert!(
        report.backend.starts_with("Secret Service"),
        "{}",
        report.backend
    );

    let account = account_name(Environment::Test, &format!("app-{}", Uuid::new_v4()), false);
    let _cleanup = Cleanup {
        store: &store,
        account: account.clone(),
    };
    assert_eq!(store.get(&account).unwrap(), None);

    let secret = EntitySecret::generate();
    store.put(&account, &secret).unwrap();

    // Through a store connected afresh, as after a restart.
    let fresh = open(&service);
    assert_eq!(fresh.get(&account).unwrap(), Some(secret.duplicate()));

    // The same secret again is fine; a different one is refused and the
    // stored one is untouched.
    fresh.put(&account, &secret).unwrap();
    let other = EntitySecret::generate();
    match fresh.put(&account, &other) {
        Err(StoreError::WouldOverwrite {
            account: a,
            existing_fingerprint,
        }) => {
            assert_eq!(a, account);
            assert_eq!(existing_fingerprint, secret.fingerprint());
        }
        other => panic!("expected WouldOverwrite, got {other:?}"),
    }
    assert_eq!(store.get(&account).unwrap(), Some(secret.duplicate()));

    // Another service name (as rehearsal mode uses) does not see the entry,
    // and the pending account is separate.
    assert_eq!(open(&ci_service()).get(&account).unwrap(), None);
    assert_eq!(store.get(&format!("{account}:pending")).unwrap(), None);

    store.delete(&account).unwrap();
    assert_eq!(fresh.get(&account).unwrap(), None);
    // Deleting a missing entry is fine.
    store.delete(&account).unwrap();
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
#[test]
#[ignore = "needs a Secret Service in a D-Bus session: run by tests/run.sh"]
fn a_damaged_entry_is_reported_not_replaced() {
    use keyring_core::api::CredentialStoreApi;

    let service = ci_service();
    let store = open(&service);
    let account = account_name(Environment::Live, "app-damaged", false);
    let _cleanup = Cleanup {
        store: &store,
        account: account.clone(),
    };
    // Something else wrote a value that is not a secret under our name.
    let raw = zbus_secret_service_keyring_store::Store::new().unwrap();
    raw.build(&service, &account, None)
        .unwrap()
        .set_password("not an entity secret")
        .unwrap();

    let err = store.get(&account).unwrap_err();
    assert_eq!(
        err,
        StoreError::Damaged {
            account: account.clone()
        }
    );
    assert!(err.to_string().contains("damaged"));
    let err = store.put(&account, &EntitySecret::generate()).unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    let still = raw
        .build(&service, &account, None)
        .unwrap()
        .get_password()
        .unwrap();
    assert_eq!(still, "not an entity secret");
}

/// Set in the child process of the unreachable-bus test.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
const CHILD_MARKER: &str = "ESW_TEST_UNREACHABLE_BUS_CHILD";

/// With the session bus address pointing at a socket that does not exist,
/// connecting is a typed error that tells the person to start a Secret
/// Service. The environment is process-wide, so the check runs in a child
/// process (this test binary, running only [`unreachable_bus_child`]).
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
#[test]
fn an_unreachable_session_bus_is_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("no-bus-here");
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "unreachable_bus_child",
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_MARKER, "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", socket.display()),
        )
        .env_remove("DBUS_STARTER_ADDRESS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains("1 passed"),
        "child did not run:\n{stdout}\n{stderr}"
    );
    eprintln!("{stderr}");
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
#[test]
#[ignore = "runs only as the child process of an_unreachable_session_bus_is_a_typed_error"]
fn unreachable_bus_child() {
    if std::env::var_os(CHILD_MARKER).is_none() {
        return;
    }
    let err = KeyringStore::new(&ci_service()).unwrap_err();
    eprintln!("with no session bus: {}", explain(&err));
    assert!(matches!(err, StoreError::NoSecretService { .. }), "{err:?}");
    assert!(
        err.next_step().contains("Secret Service"),
        "{}",
        err.next_step()
    );
}
