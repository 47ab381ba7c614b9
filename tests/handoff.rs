//! The handoff to servers through the core, with the in-memory keychain and
//! the simulated Circle: the file opens for each recipient to exactly the
//! keychain's 64 hex, is written new and owner-only, and is logged and
//! recorded with fingerprints, names, place and SHA-256, never the secret;
//! a private key given as a recipient is refused and no copy of it reaches
//! the log, the records or any file (a file with one bad line is refused
//! whole: tests/handoff_cli.rs); the new secret of a rotation is handed
//! over before Console, and afterwards each file says what it carries.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::all_bytes_under;
use common::rig::{KEY, Rig};
use entity_secret_wizard::ceremony::console::{ConsoleCeremony, ConsoleKind};
use entity_secret_wizard::ceremony::{
    Handed, HandoffRequest, HandoffSession, HandoffTarget, RegisterOutcome, handoff_files,
};
use entity_secret_wizard::handoff::{
    self, Carries, HandoffError, HandoffFormat, PendingRefusal, PrivateKeyKind, RecipientsError,
    parse_recipients, read_recipients_file,
};
use entity_secret_wizard::secret::{EntitySecret, Environment};
use entity_secret_wizard::store::{
    CarriedSecret, CeremonyKind, HandoffKept, Records, RecoveryWriteError, RegistrationRecord,
    SecretStore,
};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/handoff")
            .join(name),
    )
    .unwrap()
}

async fn registered(rig: &Rig) -> RegistrationRecord {
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    let RegisterOutcome::Saved(saved) = o.register().await.unwrap() else {
        panic!("registration failed")
    };
    saved.record
}

/// What `age -d` gives with `identity`, done here with the age library.
fn open_with(file: &[u8], identity: &dyn age::Identity) -> Result<Vec<u8>, age::DecryptError> {
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(file))?;
    let mut out = Vec::new();
    decryptor
        .decrypt(std::iter::once(identity))?
        .read_to_end(&mut out)
        .unwrap();
    Ok(out)
}

fn ssh_identity() -> age::ssh::Identity {
    age::ssh::Identity::from_buffer(fixture("ed25519-private").as_bytes(), None).unwrap()
}

/// Neither the hex (any case, or its first 24 characters) nor 16 raw bytes
/// of `secret` are in `bytes`.
fn assert_no_secret(secret: &EntitySecret, what: &str, bytes: &[u8]) {
    let hex = secret.expose_hex();
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    assert!(!text.contains(&hex[..24]), "the secret's hex is in {what}");
    let raw = hex::decode(hex.as_str()).unwrap();
    assert!(
        !bytes.windows(16).any(|w| w == &raw[..16]),
        "the secret's bytes are in {what}"
    );
}

fn log_text(rig: &Rig) -> String {
    std::fs::read_to_string(rig.dir().join("ceremony-log.jsonl")).unwrap()
}

async fn hand(
    session: &HandoffSession,
    recipients: &str,
    format: HandoffFormat,
    path: &Path,
) -> Result<Handed, HandoffError> {
    session
        .hand_off(HandoffRequest {
            recipients: parse_recipients(recipients).unwrap(),
            format,
            path: path.to_path_buf(),
        })
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registrations_secret_opens_for_every_recipient_and_is_recorded_without_it() {
    let rig = Rig::new().await;
    let record = registered(&rig).await;
    let secret = rig.store.get(&record.keychain_account).unwrap().unwrap();
    let x25519 = age::x25519::Identity::generate();
    let recipients = format!(
        "# the deploy team\n{} web servers\n{}",
        x25519.to_public(),
        fixture("ed25519.pub").trim()
    );
    let session =
        HandoffSession::new(rig.ctx(), HandoffTarget::Registration(record.clone())).unwrap();
    let name = session.default_file_name();
    assert!(name.starts_with(&format!("entity-secret-test-{}-", record.app_id)));
    assert!(name.ends_with("-REHEARSAL.age"), "{name}");
    assert!(name.contains(&record.secret_fingerprint[..8]), "{name}");

    for (format, file_name) in [
        (HandoffFormat::Binary, name.clone()),
        (HandoffFormat::Armored, format!("armored-{name}")),
    ] {
        let path = rig.dest.path().join(&file_name);
        let handed = hand(&session, &recipients, format, &path).await.unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(
            bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"),
            format.is_armored()
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Exactly the 64 hex in the keychain, no newline, for each of them.
        let hex = secret.expose_hex();
        assert_eq!(open_with(&bytes, &x25519).unwrap(), hex.as_bytes());
        assert_eq!(open_with(&bytes, &ssh_identity()).unwrap(), hex.as_bytes());
        // Someone else's key opens nothing.
        assert!(open_with(&bytes, &age::x25519::Identity::generate()).is_err());

        assert_eq!(handed.kept, Some(HandoffKept::OnRecord));
        let r = &handed.record;
        assert_eq!(r.path, path);
        assert_eq!(r.sha256, entity_secret_wizard::secret::sha256_hex(&bytes));
        assert_eq!(r.secret_fingerprint, secret.fingerprint());
        assert_eq!(r.carried, CarriedSecret::Active);
        assert_eq!(r.armored, format.is_armored());
        let names: Vec<Option<&str>> = r.recipients.iter().map(|x| x.name.as_deref()).collect();
        assert_eq!(names, [Some("web servers"), Some("deploy@web1")]);
        assert_eq!(
            r.recipients[1].fingerprint,
            "SHA256:DuNB0CwsVpYSnMNvp1+3P3QQhmiTIPF/54Me+HsSoYA"
        );
        let report = handed.report();
        assert!(
            report.contains(&format!("age -d -i KEY {file_name}")),
            "{report}"
        );
        assert!(
            report.contains("export CIRCLE_ENTITY_SECRET=\"$(age -d -i KEY"),
            "{report}"
        );
        assert!(report.contains("as sensitive as its recipients' private keys"));
        assert!(!report.contains(hex.as_str()));
    }

    // The record holds both files; the log says who, where and the SHA-256.
    let saved = Records::open(rig.dir())
        .unwrap()
        .find(Environment::Test, &record.app_id)
        .unwrap()
        .unwrap();
    assert_eq!(saved.handoffs.len(), 2);
    let log = log_text(&rig);
    for handoff in &saved.handoffs {
        assert!(log.contains(&handoff.sha256), "{log}");
        assert!(log.contains(&handoff.recipients[0].fingerprint));
    }
    assert!(log.contains("\"ceremony\":\"handoff\""), "{log}");
    assert_eq!(session.log_problem(), None);
    // No form of the secret anywhere but the keychain.
    assert_no_secret(
        &secret,
        "the data folder",
        &all_bytes_under(rig.data.path()),
    );
    assert_no_secret(
        &secret,
        "the files written",
        &all_bytes_under(rig.dest.path()),
    );

    let files = handoff_files(&rig.ctx(), Environment::Test, &record.app_id)
        .await
        .unwrap();
    assert_eq!(files.len(), 2);
    assert!(files.iter().all(|f| f.carries == Carries::Active));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_key_given_as_a_recipient_is_refused_and_never_kept() {
    let rig = Rig::new().await;
    let record = registered(&rig).await;
    let age_identity = fixture("x25519-identity.txt");
    let ssh_private = fixture("ed25519-private");
    for (text, kind) in [
        (age_identity.clone(), PrivateKeyKind::AgeIdentity),
        (ssh_private.clone(), PrivateKeyKind::OpenSsh),
        (
            format!("{}\n{}", fixture("ed25519.pub"), age_identity),
            PrivateKeyKind::AgeIdentity,
        ),
    ] {
        let error = parse_recipients(&text).unwrap_err();
        assert!(
            matches!(error, RecipientsError::PrivateKey { kind: k, .. } if k == kind),
            "{error:?}"
        );
    }
    // From a file, too: read, refused, nothing written.
    let pasted = rig.dest.path().join("recipients.txt");
    std::fs::write(&pasted, &age_identity).unwrap();
    assert!(matches!(
        read_recipients_file(&pasted),
        Err(HandoffError::Recipients(RecipientsError::PrivateKey { .. }))
    ));
    std::fs::remove_file(&pasted).unwrap();

    // A real handoff afterwards, so that the log and records have content.
    let session = HandoffSession::new(rig.ctx(), HandoffTarget::Registration(record)).unwrap();
    let x25519 = age::x25519::Identity::generate();
    hand(
        &session,
        &x25519.to_public().to_string(),
        HandoffFormat::Armored,
        &rig.dest.path().join("f.age"),
    )
    .await
    .unwrap();

    let kept = [
        all_bytes_under(&rig.dir()),
        all_bytes_under(rig.dest.path()),
    ]
    .concat();
    for secret_line in age_identity.lines().chain(ssh_private.lines()) {
        let secret_line = secret_line.trim();
        if secret_line.starts_with("AGE-SECRET-KEY") || secret_line.len() > 40 {
            assert!(
                !kept
                    .windows(secret_line.len())
                    .any(|w| w == secret_line.as_bytes()),
                "a line of a private key was kept: {secret_line}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_file_is_never_replaced_and_the_failure_is_logged() {
    let rig = Rig::new().await;
    let record = registered(&rig).await;
    let target = rig.dest.path().join("taken.age");
    std::fs::write(&target, b"someone else's").unwrap();
    let session = HandoffSession::new(rig.ctx(), HandoffTarget::Registration(record)).unwrap();
    let error = hand(
        &session,
        fixture("x25519.txt").trim(),
        HandoffFormat::Binary,
        &target,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            error,
            HandoffError::Write(RecoveryWriteError::ExistsAlready { .. })
        ),
        "{error:?}"
    );
    let said = entity_secret_wizard::error::explain(&error);
    assert!(said.contains("never overwritten"), "{said}");
    assert!(said.contains("still only in the keychain"), "{said}");
    assert_eq!(std::fs::read(&target).unwrap(), b"someone else's");
    assert_eq!(
        Rig::files_in(rig.dest.path()).len(),
        2,
        "recovery file and the taken one"
    );
    assert!(
        Records::open(rig.dir()).unwrap().list().unwrap()[0]
            .handoffs
            .is_empty()
    );
    let log = log_text(&rig);
    let failed = log
        .lines()
        .filter(|l| l.contains("\"step\":\"handoff\"") && l.contains("\"outcome\":\"failed\""))
        .count();
    assert_eq!(failed, 1, "{log}");
}

/// A rotation up to the ciphertexts for Console.
async fn rotation_to_console(rig: &Rig) -> (ConsoleCeremony, String, String) {
    let mut c = ConsoleCeremony::new(rig.ctx(), ConsoleKind::Rotation);
    c.check_keychain().await.unwrap();
    c.submit_api_key(KEY).await.unwrap();
    c.generate_secret().await.unwrap();
    c.stage_new_secret().await.unwrap();
    c.fetch_public_key().await.unwrap();
    let mut shown = c.make_ciphertexts().await.unwrap().into_iter();
    let current = shown.next().unwrap().1.into_wire();
    let new = shown.next().unwrap().1.into_wire();
    (c, current, new)
}

async fn finish_console(rig: &Rig, c: &mut ConsoleCeremony, recovery_file: &str) {
    c.console_accepted().await.unwrap();
    let download = rig.dest.path().join("downloaded.dat");
    std::fs::write(&download, recovery_file).unwrap();
    c.import_recovery_file(&download).await.unwrap();
    c.choose_destination(rig.dest.path().join("recovery_new.dat"))
        .await
        .unwrap();
    c.save_recovery().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotations_new_secret_goes_to_the_servers_before_console_and_done_says_which_file_is_which()
 {
    let rig = Rig::new().await;
    let record = registered(&rig).await;
    let x25519 = age::x25519::Identity::generate();
    let to = x25519.to_public().to_string();

    let active =
        HandoffSession::new(rig.ctx(), HandoffTarget::Registration(record.clone())).unwrap();
    let old_path = rig.dest.path().join(active.default_file_name());
    hand(&active, &to, HandoffFormat::Binary, &old_path)
        .await
        .unwrap();

    let (mut c, current, new) = rotation_to_console(&rig).await;
    let entry = c.journal_entry().unwrap().clone();
    let pending = HandoffSession::new(rig.ctx(), HandoffTarget::Pending(entry.clone())).unwrap();
    let new_path = rig.dest.path().join(pending.default_file_name());
    assert_ne!(
        new_path, old_path,
        "the new secret's file has a name of its own"
    );
    let handed = hand(&pending, &to, HandoffFormat::Armored, &new_path)
        .await
        .unwrap();
    assert_eq!(
        handed.record.carried,
        CarriedSecret::Pending {
            ceremony_id: entry.id,
            ceremony: CeremonyKind::Rotation
        }
    );
    let report = handed.report();
    assert!(
        report.contains("NEW entity secret of this rotation"),
        "{report}"
    );
    assert!(report.contains("CIRCLE_ENTITY_SECRET_NEXT"), "{report}");
    // It opens to the new secret, staged and not yet registered.
    let new_secret: EntitySecret = rig.store.get(&rig.pending()).unwrap().unwrap();
    assert_eq!(
        open_with(&std::fs::read(&new_path).unwrap(), &x25519).unwrap(),
        new_secret.expose_hex().as_bytes()
    );
    // Its log lines go with the rotation's.
    let log = log_text(&rig);
    let line = log
        .lines()
        .rev()
        .find(|l| l.contains("\"step\":\"handoff\""))
        .unwrap();
    assert!(line.contains("\"ceremony\":\"rotation\""), "{line}");
    assert!(line.contains(&entry.id.to_string()), "{line}");

    let carries = |files: &[handoff::HandoffFile]| -> Vec<(PathBuf, Carries)> {
        files
            .iter()
            .map(|f| (f.handoff.path.clone(), f.carries))
            .collect()
    };
    let during = handoff_files(&rig.ctx(), Environment::Test, &record.app_id)
        .await
        .unwrap();
    assert_eq!(
        carries(&during),
        vec![
            (old_path.clone(), Carries::Active),
            (new_path.clone(), Carries::Pending)
        ]
    );

    // Console switches; the ceremony writes the record it read before the
    // handoff, and neither file is forgotten.
    let file = rig.sim.console_rotate(&current, &new).unwrap();
    finish_console(&rig, &mut c, &file).await;
    let after = handoff_files(&rig.ctx(), Environment::Test, &record.app_id)
        .await
        .unwrap();
    assert_eq!(
        carries(&after),
        vec![(old_path, Carries::Retired), (new_path, Carries::Active)]
    );
    let text: Vec<String> = after
        .iter()
        .map(|f| entity_secret_wizard::text::handoff::file_line(&f.handoff, f.carries))
        .collect();
    assert!(text[0].contains("no longer accepts"), "{text:?}");
    assert!(text[1].contains("the servers need it"), "{text:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_rotations_secret_is_not_handed_and_an_earlier_file_of_it_is_obsolete() {
    let rig = Rig::new().await;
    let record = registered(&rig).await;
    let (mut c, _, _) = rotation_to_console(&rig).await;
    let entry = c.journal_entry().unwrap().clone();
    let session = HandoffSession::new(rig.ctx(), HandoffTarget::Pending(entry)).unwrap();
    let path = rig.dest.path().join(session.default_file_name());
    hand(
        &session,
        fixture("x25519.txt").trim(),
        HandoffFormat::Binary,
        &path,
    )
    .await
    .unwrap();

    c.console_refused().await.unwrap();
    let refused = c.journal_entry().unwrap().clone();
    assert!(matches!(
        HandoffSession::new(rig.ctx(), HandoffTarget::Pending(refused)),
        Err(HandoffError::PendingNotHanded(PendingRefusal::Refused))
    ));
    let fingerprint = c.new_fingerprint().unwrap();
    c.discard_new_secret(&fingerprint).await.unwrap();
    let files = handoff_files(&rig.ctx(), Environment::Test, &record.app_id)
        .await
        .unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].carries, Carries::NeverAccepted);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_new_secret_of_an_app_with_no_record_is_recorded_once_its_record_is_written() {
    let rig = Rig::new().await;
    let mut c = ConsoleCeremony::new(rig.ctx(), ConsoleKind::Registration);
    c.check_keychain().await.unwrap();
    c.set_app(Environment::Test, rig.sim.app_id())
        .await
        .unwrap();
    c.generate_secret().await.unwrap();
    c.stage_new_secret().await.unwrap();
    let entry = c.journal_entry().unwrap().clone();
    let session = HandoffSession::new(rig.ctx(), HandoffTarget::Pending(entry)).unwrap();
    let handed = hand(
        &session,
        fixture("ed25519.pub").trim(),
        HandoffFormat::Binary,
        &rig.dest.path().join(session.default_file_name()),
    )
    .await
    .unwrap();
    assert_eq!(handed.kept, Some(HandoffKept::Waiting));
    let records = Records::open(rig.dir()).unwrap();
    assert_eq!(records.waiting_handoffs().unwrap().len(), 1);

    c.import_public_key(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rsa4096.spki.pem"),
    )
    .await
    .unwrap();
    let ciphertext = c
        .make_ciphertexts()
        .await
        .unwrap()
        .into_iter()
        .next()
        .unwrap()
        .1;
    let file = rig.sim.console_register(&ciphertext.into_wire()).unwrap();
    finish_console(&rig, &mut c, &file).await;

    assert!(records.waiting_handoffs().unwrap().is_empty());
    let saved = records.list().unwrap();
    assert_eq!(saved[0].handoffs, vec![handed.record]);
    let files = handoff_files(&rig.ctx(), Environment::Test, rig.sim.app_id())
        .await
        .unwrap();
    assert_eq!(files[0].carries, Carries::Active);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_missing_from_the_keychain_fails_before_any_file_is_made() {
    let rig = Rig::new().await;
    let record = registered(&rig).await;
    rig.store.delete(&record.keychain_account).unwrap();
    let session = HandoffSession::new(rig.ctx(), HandoffTarget::Registration(record)).unwrap();
    let path = rig.dest.path().join("f.age");
    let error = hand(
        &session,
        fixture("x25519.txt").trim(),
        HandoffFormat::Binary,
        &path,
    )
    .await
    .unwrap_err();
    assert!(matches!(error, HandoffError::Ceremony(_)), "{error:?}");
    assert!(!path.exists());
    let log = log_text(&rig);
    assert!(log.contains("\"outcome\":\"failed\""), "{log}");
    assert_eq!(session.log_problem(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_written_is_handed_even_when_the_records_cannot_keep_it() {
    let rig = Rig::new().await;
    let record = registered(&rig).await;
    let secret = rig.store.get(&record.keychain_account).unwrap().unwrap();
    let session = HandoffSession::new(rig.ctx(), HandoffTarget::Registration(record)).unwrap();
    // The records file is damaged between the start and the end.
    std::fs::write(rig.dir().join("registrations.json"), b"{ damaged").unwrap();
    let x25519 = age::x25519::Identity::generate();
    let path = rig.dest.path().join("f.age");
    let handed = hand(
        &session,
        &x25519.to_public().to_string(),
        HandoffFormat::Binary,
        &path,
    )
    .await
    .unwrap();
    assert_eq!(handed.kept, None);
    let problem = session.log_problem().unwrap();
    assert!(problem.contains("damaged"), "{problem}");
    assert_eq!(
        open_with(&std::fs::read(&path).unwrap(), &x25519).unwrap(),
        secret.expose_hex().as_bytes()
    );
    let log = log_text(&rig);
    assert!(log.contains("\"step\":\"handoff_record\""), "{log}");
    assert!(log.contains(&handed.record.sha256), "{log}");
}
