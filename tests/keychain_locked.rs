//! A keychain locked from outside the process, as a person's desktop locks
//! it (a screen lock, a timeout, `Lock` from another program): the real
//! binary, in a D-Bus session of its own with a gnome-keyring of its own,
//! rehearses a registration; the keyring is then locked over D-Bus; and the
//! commands that need the secret must say it is locked, with what to do,
//! within seconds: never hang on an unlock prompt no one can answer, never
//! call it missing, never touch the registration.
//!
//! Needs `dbus-run-session` and `gnome-keyring-daemon` (`tests/run.sh`
//! installs them and runs this); its keyring is its own, so the session's
//! other tests are not locked out.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod cli_support;

use std::process::Command;

use cli_support::{Home, bin};
use entity_secret_wizard::text;
use serde_json::Value;

/// The script run inside the private session: unlock a fresh login keyring,
/// rehearse, lock it, then ask for a ciphertext and the status. Each
/// command's exit status is written to a file of its own.
const SCRIPT: &str = r#"
set -u
printf '%s' locked-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$BIN" rehearse >"$OUT/rehearse.out" 2>&1
echo $? >"$OUT/rehearse.rc"
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login \
    >"$OUT/lock.out" 2>&1
echo $? >"$OUT/lock.rc"
timeout 60 "$BIN" ciphertext --rehearsal >"$OUT/ciphertext.out" 2>"$OUT/ciphertext.err"
echo $? >"$OUT/ciphertext.rc"
timeout 60 "$BIN" status --json >"$OUT/status.out" 2>"$OUT/status.err"
echo $? >"$OUT/status.rc"
"#;

#[test]
#[ignore = "needs gnome-keyring and dbus-run-session (tests/run.sh runs it)"]
fn a_keychain_locked_from_outside_is_said_to_be_locked_and_nothing_waits_for_it() {
    let home = Home::new();
    let out = home.root().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let status = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", SCRIPT])
        .env("BIN", bin())
        .env("OUT", &out)
        .env("HOME", home.home())
        .env("XDG_DATA_HOME", home.xdg_data())
        .env("USER", "tester")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("GNOME_KEYRING_CONTROL")
        .env_remove("ESW_CIRCLE_URL")
        .env_remove("CIRCLE_API_KEY")
        .status()
        .unwrap();
    assert!(status.success(), "dbus-run-session: {status}");
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap_or_default();
    let rc = |name: &str| read(&format!("{name}.rc")).trim().to_owned();

    assert_eq!(rc("rehearse"), "0", "{}", read("rehearse.out"));
    assert_eq!(rc("lock"), "0", "{}", read("lock.out"));

    // Exit 4 (the keychain), not 124 (killed by the timeout: a hang on a
    // prompt), and the keychain's own words for a locked keychain.
    assert_eq!(rc("ciphertext"), "4", "stderr: {}", read("ciphertext.err"));
    let err = read("ciphertext.err");
    assert!(err.contains(text::keychain::LOCKED_NEXT), "{err}");
    assert!(read("ciphertext.out").is_empty(), "no ciphertext printed");

    // The status says locked (not missing) and keeps the registration.
    assert_eq!(rc("status"), "0", "{}", read("status.err"));
    let v: Value = serde_json::from_str(&read("status.out")).unwrap();
    let registration = &v["registrations"][0];
    assert_eq!(registration["rehearsal"], true);
    assert_eq!(
        registration["keychain"]["presence"],
        "locked",
        "{}",
        read("status.out")
    );
}
