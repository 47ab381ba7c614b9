//! Interop with an independent implementation: Debian's `age` command line
//! (the Go reference, installed by scripts/install-deps.sh) opens what the
//! product writes, binary and armored, with an X25519 identity from
//! `age-keygen` and with `ssh-ed25519` and `ssh-rsa` private keys from
//! `ssh-keygen`, to exactly the 64 hex characters in the keychain; a key
//! that is not a recipient opens nothing. A missing `age` fails these tests
//! with how to install it; they are never skipped.
//!
//! The first test goes through the core with the in-memory keychain; the
//! second runs the `handoff` command against the real Secret Service,
//! which only `tests/run.sh` provides.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod cli_support;
mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use cli_support::registered::{Registered, assert_no_secret};
use cli_support::{Bus, Home, keychain_lock, tool};
use common::rig::Rig;
use entity_secret_wizard::ceremony::{
    HandoffRequest, HandoffSession, HandoffTarget, RegisterOutcome,
};
use entity_secret_wizard::handoff::{HandoffFormat, parse_recipients};
use entity_secret_wizard::secret::EntitySecret;
use entity_secret_wizard::store::{Records, SecretStore};

/// Keys made with the reference tools, in a folder of their own.
struct Keys {
    dir: tempfile::TempDir,
}

impl Keys {
    fn new() -> Self {
        let keys = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        for name in ["x25519", "outsider"] {
            let out = tool(
                "age-keygen",
                &[OsStr::new("-o"), keys.path(name).as_os_str()],
            );
            assert!(out.status.success(), "age-keygen: {out:?}");
        }
        for (name, kind, bits) in [
            ("id_ed25519", "ed25519", None),
            ("id_rsa", "rsa", Some("3072")),
            ("outsider_ed25519", "ed25519", None),
        ] {
            let mut args = vec!["-q", "-t", kind, "-N", "", "-C", name];
            if let Some(bits) = bits {
                args.extend(["-b", bits]);
            }
            let file = keys.path(name);
            let mut args: Vec<&OsStr> = args.into_iter().map(OsStr::new).collect();
            args.extend([OsStr::new("-f"), file.as_os_str()]);
            let out = tool("ssh-keygen", &args);
            assert!(out.status.success(), "ssh-keygen: {out:?}");
        }
        keys
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// An identity's recipient, as `age-keygen -y` prints it.
    fn age_recipient(&self, name: &str) -> String {
        let out = tool(
            "age-keygen",
            &[OsStr::new("-y"), self.path(name).as_os_str()],
        );
        assert!(out.status.success(), "age-keygen -y: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    fn ssh_public(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(&format!("{name}.pub")))
            .unwrap()
            .trim()
            .to_owned()
    }

    /// A recipients file as a deploy team keeps one.
    fn recipients(&self) -> String {
        format!(
            "# deploy team\n{} ci\n{}\n{}\n",
            self.age_recipient("x25519"),
            self.ssh_public("id_ed25519"),
            self.ssh_public("id_rsa")
        )
    }
}

/// `age -d -i IDENTITY FILE`.
fn age_decrypt(identity: &Path, file: &Path) -> Output {
    tool(
        "age",
        &[
            OsStr::new("-d"),
            OsStr::new("-i"),
            identity.as_os_str(),
            file.as_os_str(),
        ],
    )
}

/// Every recipient's key opens `file` to exactly `secret`'s 64 hex (no
/// newline); the outsiders' keys open nothing.
fn assert_opens_for_recipients_only(keys: &Keys, file: &Path, secret: &EntitySecret) {
    for identity in ["x25519", "id_ed25519", "id_rsa"] {
        let out = age_decrypt(&keys.path(identity), file);
        assert!(
            out.status.success(),
            "age -d -i {identity}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.stdout,
            secret.expose_hex().as_bytes(),
            "what age -d -i {identity} printed"
        );
    }
    for outsider in ["outsider", "outsider_ed25519"] {
        let out = age_decrypt(&keys.path(outsider), file);
        assert!(!out.status.success(), "{outsider} opened the file");
        assert!(out.stdout.is_empty());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("no identity matched"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_age_command_line_opens_what_the_core_writes_for_each_recipient_and_no_one_else() {
    let keys = Keys::new();
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    let RegisterOutcome::Saved(saved) = o.register().await.unwrap() else {
        panic!("registration failed")
    };
    let record = saved.record;
    let secret = rig.store.get(&record.keychain_account).unwrap().unwrap();
    let session = HandoffSession::new(rig.ctx(), HandoffTarget::Registration(record)).unwrap();
    for (format, name) in [
        (HandoffFormat::Binary, "binary.age"),
        (HandoffFormat::Armored, "armored.age"),
    ] {
        let path = rig.dest.path().join(name);
        session
            .hand_off(HandoffRequest {
                recipients: parse_recipients(&keys.recipients()).unwrap(),
                format,
                path: path.clone(),
            })
            .await
            .unwrap();
        assert_opens_for_recipients_only(&keys, &path, &secret);
    }
}

fn run_handoff(home: &Home, args: &[&str]) -> cli_support::Run {
    let mut all = vec!["handoff"];
    all.extend_from_slice(args);
    home.run(Bus::Session, &all)
}

#[test]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
fn the_handoff_command_writes_what_age_opens_and_says_how_without_the_secret() {
    let _lock = keychain_lock();
    let keys = Keys::new();
    let home = Home::new();
    let app = "2f0c1d4e-5b6a-4789-8abc-def012345678";
    let registered = Registered::record_only(&home, false, app, "AA:BB", 10).stored();
    let out_dir = home.root().join("out");
    std::fs::create_dir(&out_dir).unwrap();

    // Each recipient given with --to, into the current folder: the offered
    // name, recorded with the whole path.
    let x25519 = keys.age_recipient("x25519");
    let ed25519 = keys.ssh_public("id_ed25519");
    let rsa = keys.ssh_public("id_rsa");
    let mut command = home.command(
        Bus::Session,
        &[
            "handoff", "--to", &x25519, "--to", &ed25519, "--to", &rsa, "--out", ".",
        ],
    );
    let run = cli_support::Run::of(command.current_dir(&out_dir).output().unwrap());
    run.expect(0);
    let name = format!(
        "entity-secret-test-{app}-{}.age",
        &registered.record.secret_fingerprint[..8]
    );
    let binary = out_dir.join(&name);
    assert_opens_for_recipients_only(&keys, &binary, &registered.secret);
    assert!(
        run.stdout
            .contains(&format!("written and read back: {}\n", binary.display())),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("age -d -i KEY {name}")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("export CIRCLE_ENTITY_SECRET=\"$(age -d")
    );

    // From a recipients file, armored, to a file name given.
    let list = home.root().join("recipients.txt");
    std::fs::write(&list, keys.recipients()).unwrap();
    let armored = out_dir.join("for-the-ticket.age");
    let run2 = run_handoff(
        &home,
        &[
            "--recipients-file",
            list.to_str().unwrap(),
            "--armor",
            "--out",
            armored.to_str().unwrap(),
        ],
    );
    run2.expect(0);
    assert!(
        std::fs::read(&armored)
            .unwrap()
            .starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
    );
    assert_opens_for_recipients_only(&keys, &armored, &registered.secret);

    // The same file name again is refused; the file is untouched.
    let before = std::fs::read(&armored).unwrap();
    let again = run_handoff(
        &home,
        &["--to", &x25519, "--out", armored.to_str().unwrap()],
    );
    again.expect(6);
    assert!(
        again.stderr.contains("never overwritten"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read(&armored).unwrap(), before);

    // The record keeps both files; nothing printed or kept holds the secret.
    let record = Records::open(home.data_dir()).unwrap().list().unwrap();
    let paths: Vec<&Path> = record[0]
        .handoffs
        .iter()
        .map(|h| h.path.as_path())
        .collect();
    assert_eq!(paths, [binary.as_path(), armored.as_path()]);
    for run in [&run, &run2, &again] {
        assert_no_secret(&registered.secret, "stdout", run.stdout.as_bytes());
        assert_no_secret(&registered.secret, "stderr", run.stderr.as_bytes());
    }
    assert_no_secret(
        &registered.secret,
        "the data folder",
        &common::all_bytes_under(&home.data_dir()),
    );
}
