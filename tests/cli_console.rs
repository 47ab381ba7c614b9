//! `rehearse --ceremony rotation|reset` on the command line: the Console
//! ceremony after the registration, on the same simulated Circle, and
//! `status --json` afterwards listing the new fingerprint as active and the
//! old one as retired. Needs a Secret Service (`tests/run.sh`).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::process::Command;

mod common;

/// Forgets the rehearsal's keychain entries when dropped, pass or fail: the
/// session's keychain is shared by the whole run.
struct Forget(std::path::PathBuf);

impl Drop for Forget {
    fn drop(&mut self) {
        common::forget_rehearsal_entries(BIN, &self.0, &self.0.join("share"));
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_entity-secret-wizard");

fn run(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .output()
        .unwrap()
}

/// The fingerprint a step line names after `word`.
fn fingerprint_after(stdout: &str, step: &str, word: &str) -> String {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(step) && l.contains(word))
        .unwrap_or_else(|| panic!("no {step} line with {word} in:\n{stdout}"));
    let rest = &line[line.find(word).unwrap() + word.len()..];
    rest.split_whitespace().next().unwrap().to_owned()
}

#[test]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
fn a_rehearsed_rotation_and_reset_leave_the_new_secret_active_and_the_old_retired() {
    for ceremony in ["rotation", "reset"] {
        let home = tempfile::tempdir().unwrap();
        let out = run(home.path(), &["rehearse", "--ceremony", ceremony]);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let _cleanup = Forget(home.path().to_path_buf());
        let status = run(home.path(), &["status", "--json"]);
        let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
        let first = fingerprint_after(&stdout, "[secret]", "fingerprint ");
        let new = fingerprint_after(&stdout, "[stored]", "new secret ");
        assert_ne!(first, new);
        assert!(status.status.success());
        let registrations = json["registrations"].as_array().unwrap();
        assert_eq!(registrations.len(), 1, "{json:#}");
        let registration = &registrations[0];
        assert_eq!(
            registration["secret_fingerprint"],
            new.as_str(),
            "{ceremony}"
        );
        assert_eq!(registration["keychain"]["presence"], "present");
        let retired = registration["retired"].as_array().unwrap();
        assert_eq!(retired.len(), 1, "{json:#}");
        assert_eq!(retired[0]["fingerprint"], first.as_str());
        assert_eq!(retired[0]["presence"], "present");
        assert!(json["unfinished"].as_array().unwrap().is_empty());
    }
}
