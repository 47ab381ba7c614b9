//! Rotation, reset and registration through Console, end to end against the
//! simulated Circle playing Console with Console's own checks, and stopped
//! at every step boundary: after a stop, nothing is lost, the keychain holds
//! exactly the expected active, pending and retired entries, and the status
//! offers the right way forward.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::{Path, PathBuf};

use common::rig::{KEY, Rig};
use entity_secret_wizard::ceremony::console::{
    ConsoleCeremony, ConsoleKind, ConsoleStage, ImportProblem,
};
use entity_secret_wizard::ceremony::status::{NextStep, Situation};
use entity_secret_wizard::ceremony::steps::CiphertextOf;
use entity_secret_wizard::ceremony::{CeremonyError, RegisterOutcome};
use entity_secret_wizard::secret::Environment;
use entity_secret_wizard::simulator::ConsoleError;
use entity_secret_wizard::store::{self, Journal, Records, RegistrationRecord, SecretStore};

/// Register with the onboarding ceremony; returns the record.
async fn registered(rig: &Rig) -> RegistrationRecord {
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    let RegisterOutcome::Saved(saved) = o.register().await.unwrap() else {
        panic!("registration failed")
    };
    saved.record
}

/// A rotation up to the ciphertexts shown for Console; returns them as
/// (current, new).
async fn rotation_to_console(rig: &Rig) -> (ConsoleCeremony, String, String) {
    let mut c = ConsoleCeremony::new(rig.ctx(), ConsoleKind::Rotation);
    c.check_keychain().await.unwrap();
    c.submit_api_key(KEY).await.unwrap();
    c.generate_secret().await.unwrap();
    c.stage_new_secret().await.unwrap();
    c.fetch_public_key().await.unwrap();
    let shown = c.make_ciphertexts().await.unwrap();
    assert_eq!(shown.len(), 2);
    assert_eq!(shown[0].0, CiphertextOf::Current);
    assert_eq!(shown[1].0, CiphertextOf::New);
    let mut it = shown.into_iter();
    let current = it.next().unwrap().1.into_wire();
    let new = it.next().unwrap().1.into_wire();
    (c, current, new)
}

/// What Console's download leaves on this computer.
fn downloaded(rig: &Rig, content: &str) -> PathBuf {
    let path = rig.dest.path().join(format!(
        "downloaded_recovery_file_{}.dat",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::write(&path, content).unwrap();
    path
}

async fn save_imported(rig: &Rig, c: &mut ConsoleCeremony, file: &Path) -> PathBuf {
    c.import_recovery_file(file).await.unwrap();
    let saved_to = rig.dest.path().join(format!(
        "recovery_file_saved_{}.dat",
        uuid::Uuid::new_v4().simple()
    ));
    c.choose_destination(saved_to.clone()).await.unwrap();
    c.save_recovery().await.unwrap();
    saved_to
}

fn accounts(rig: &Rig) -> Vec<String> {
    rig.store.accounts()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotation_retires_the_old_secret_and_restarts_the_record() {
    let rig = Rig::new().await;
    let before = registered(&rig).await;
    let old = rig.sim.registered_secret().unwrap();
    let (mut c, current, new) = rotation_to_console(&rig).await;
    assert_eq!(c.stage(), ConsoleStage::ShownForConsole);
    // Console's checks: the current secret, then the new one.
    let file = rig.sim.console_rotate(&current, &new).unwrap();
    let new_secret = rig.sim.registered_secret().unwrap();
    assert_ne!(new_secret, old);
    assert_eq!(Some(new_secret.fingerprint()), c.new_fingerprint());
    c.console_accepted().await.unwrap();
    let download = downloaded(&rig, &file);
    let saved_to = save_imported(&rig, &mut c, &download).await;
    assert_eq!(c.stage(), ConsoleStage::Done);
    let outcome = c.outcome().unwrap().clone();
    assert_eq!(std::fs::read_to_string(&saved_to).unwrap(), file);

    // The keychain: the new secret active, the old one retired, nothing
    // pending.
    assert_eq!(
        rig.store.get(&rig.account()).unwrap(),
        Some(new_secret.duplicate())
    );
    let retired = outcome.retired.clone().unwrap();
    assert_eq!(
        rig.store.get(&retired.to_account).unwrap(),
        Some(old.duplicate())
    );
    assert!(rig.store.get(&rig.pending()).unwrap().is_none());
    assert_eq!(accounts(&rig).len(), 2, "{:?}", accounts(&rig));

    // The record restarts from this date and remembers the retired secret.
    let records = Records::open(rig.dir()).unwrap().list().unwrap();
    assert_eq!(records.len(), 1);
    let after = &records[0];
    assert_eq!(after.secret_fingerprint, new_secret.fingerprint());
    assert_eq!(after.recovery_path.as_deref(), Some(saved_to.as_path()));
    assert_eq!(after.retired.len(), 1);
    assert_eq!(after.retired[0].fingerprint, before.secret_fingerprint);
    assert_eq!(outcome.previous_recovery, before.recovery_path);
    assert!(
        Journal::open(rig.dir())
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty()
    );
    let status = rig.status();
    assert!(status.unfinished.is_empty() && status.strays.is_empty());
    assert_eq!(status.registrations[0].retired.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_refuses_swapped_or_reused_ciphertexts_as_it_would() {
    let rig = Rig::new().await;
    registered(&rig).await;
    let old = rig.sim.registered_secret().unwrap();
    let (mut c, current, new) = rotation_to_console(&rig).await;
    // Pasted the wrong way round.
    assert_eq!(
        rig.sim.console_rotate(&new, &current),
        Err(ConsoleError::WrongCurrentSecret)
    );
    // Those two are used now: pasting them again is refused as stale.
    assert_eq!(
        rig.sim.console_rotate(&current, &new),
        Err(ConsoleError::CiphertextReused)
    );
    assert_eq!(rig.sim.registered_secret(), Some(old));
    // "Make another" gives fresh ones that work.
    let current = c
        .make_another(CiphertextOf::Current)
        .await
        .unwrap()
        .into_wire();
    let new = c.make_another(CiphertextOf::New).await.unwrap().into_wire();
    rig.sim.console_rotate(&current, &new).unwrap();
    assert_eq!(
        rig.sim.registered_secret().map(|s| s.fingerprint()),
        c.new_fingerprint()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_old_recovery_file_imported_by_mistake_is_refused() {
    let rig = Rig::new().await;
    let before = registered(&rig).await;
    let (mut c, current, new) = rotation_to_console(&rig).await;
    let file = rig.sim.console_rotate(&current, &new).unwrap();
    c.console_accepted().await.unwrap();
    let old_file = before.recovery_path.clone().unwrap();
    let err = c.import_recovery_file(&old_file).await.unwrap_err();
    assert!(
        matches!(
            err,
            CeremonyError::RecoveryImport {
                problem: ImportProblem::SameAsPrevious,
                ..
            }
        ),
        "{err:?}"
    );
    let empty = downloaded(&rig, "");
    assert!(matches!(
        c.import_recovery_file(&empty).await,
        Err(CeremonyError::RecoveryImport {
            problem: ImportProblem::Empty,
            ..
        })
    ));
    let garbage = downloaded(&rig, "<html>not a recovery file</html>");
    assert!(matches!(
        c.import_recovery_file(&garbage).await,
        Err(CeremonyError::RecoveryImport {
            problem: ImportProblem::NotBase64,
            ..
        })
    ));
    let right = downloaded(&rig, &file);
    save_imported(&rig, &mut c, &right).await;
    assert_eq!(c.stage(), ConsoleStage::Done);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_in_console_the_new_secret_is_discarded_after_its_fingerprint_and_nothing_else_changes()
 {
    let rig = Rig::new().await;
    let before = registered(&rig).await;
    let (mut c, _, _) = rotation_to_console(&rig).await;
    let new_fp = c.new_fingerprint().unwrap();
    c.console_refused().await.unwrap();
    assert!(matches!(
        c.discard_new_secret("nope").await,
        Err(CeremonyError::FingerprintNotConfirmed)
    ));
    assert!(rig.store.get(&rig.pending()).unwrap().is_some());
    c.discard_new_secret(&new_fp).await.unwrap();
    assert_eq!(c.stage(), ConsoleStage::Discarded);
    assert!(rig.store.get(&rig.pending()).unwrap().is_none());
    assert_eq!(
        rig.store
            .get(&rig.account())
            .unwrap()
            .unwrap()
            .fingerprint(),
        before.secret_fingerprint
    );
    assert_eq!(
        Records::open(rig.dir()).unwrap().list().unwrap(),
        vec![before]
    );
    assert!(rig.status().unfinished.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_replaces_a_lost_secret_with_the_current_recovery_file() {
    let rig = Rig::new().await;
    let before = registered(&rig).await;
    // The secret is lost.
    rig.store.delete(&rig.account()).unwrap();
    let mut c = ConsoleCeremony::new(rig.ctx(), ConsoleKind::Reset);
    c.check_keychain().await.unwrap();
    c.submit_api_key(KEY).await.unwrap();
    assert_eq!(c.previous_record().unwrap(), &before);
    c.generate_secret().await.unwrap();
    c.stage_new_secret().await.unwrap();
    c.fetch_public_key().await.unwrap();
    let shown = c.make_ciphertexts().await.unwrap();
    assert_eq!(shown.len(), 1, "a reset pastes only the new secret");
    let ciphertext = shown.into_iter().next().unwrap().1.into_wire();
    // Console checks the recovery file uploaded is the current one.
    let current_file = std::fs::read_to_string(before.recovery_path.as_ref().unwrap()).unwrap();
    assert_eq!(
        rig.sim
            .console_reset_with_recovery_file("bm90IGl0", &ciphertext),
        Err(ConsoleError::WrongRecoveryFile)
    );
    let ciphertext = c.make_another(CiphertextOf::New).await.unwrap().into_wire();
    let file = rig
        .sim
        .console_reset_with_recovery_file(&current_file, &ciphertext)
        .unwrap();
    c.console_accepted().await.unwrap();
    let download = downloaded(&rig, &file);
    save_imported(&rig, &mut c, &download).await;
    let new_secret = rig.sim.registered_secret().unwrap();
    assert_eq!(
        rig.store.get(&rig.account()).unwrap(),
        Some(new_secret.duplicate())
    );
    assert!(
        c.outcome().unwrap().retired.is_none(),
        "nothing was left to retire"
    );
    let records = Records::open(rig.dir()).unwrap().list().unwrap();
    assert_eq!(records[0].secret_fingerprint, new_secret.fingerprint());
    assert_eq!(records[0].ceremony, Some(store::CeremonyKind::Reset));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_through_console_makes_no_network_request() {
    let rig = Rig::new().await;
    let requests_before = rig.sim.requests().len();
    let mut c = ConsoleCeremony::new(rig.ctx(), ConsoleKind::Registration);
    c.check_keychain().await.unwrap();
    // Offline: the app is typed, never asked of Circle.
    assert!(matches!(
        c.set_app(Environment::Test, "not an app id").await,
        Err(CeremonyError::AppIdNotValid { .. })
    ));
    c.set_app(Environment::Test, rig.sim.app_id())
        .await
        .unwrap();
    c.generate_secret().await.unwrap();
    c.stage_new_secret().await.unwrap();
    assert!(matches!(
        c.fetch_public_key().await,
        Err(CeremonyError::NotYet(_))
    ));
    let key_file =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rsa4096.spki.pem");
    c.import_public_key(&key_file).await.unwrap();
    let shown = c.make_ciphertexts().await.unwrap();
    let ciphertext = shown.into_iter().next().unwrap().1.into_wire();
    let carried = rig.dest.path().join("ciphertext.txt");
    c.save_ciphertext_file(ciphertext.clone(), &carried)
        .await
        .unwrap();
    assert_eq!(std::fs::read_to_string(&carried).unwrap(), ciphertext);
    // On another machine, in Console.
    let file = rig.sim.console_register(&ciphertext).unwrap();
    c.console_accepted().await.unwrap();
    let download = downloaded(&rig, &file);
    save_imported(&rig, &mut c, &download).await;
    assert_eq!(
        rig.store.get(&rig.account()).unwrap(),
        rig.sim.registered_secret()
    );
    assert_eq!(
        rig.sim.requests().len(),
        requests_before,
        "no request was made"
    );
    let record = &Records::open(rig.dir()).unwrap().list().unwrap()[0];
    assert_eq!(
        record.ceremony,
        Some(store::CeremonyKind::ConsoleRegistration)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovery_file_kept_elsewhere_is_recorded_as_such() {
    let rig = Rig::new().await;
    let mut c = ConsoleCeremony::new(rig.ctx(), ConsoleKind::Registration);
    c.check_keychain().await.unwrap();
    c.set_app(Environment::Test, rig.sim.app_id())
        .await
        .unwrap();
    c.generate_secret().await.unwrap();
    c.stage_new_secret().await.unwrap();
    let key_file =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rsa4096.spki.pem");
    c.import_public_key(&key_file).await.unwrap();
    let ciphertext = c
        .make_ciphertexts()
        .await
        .unwrap()
        .pop()
        .unwrap()
        .1
        .into_wire();
    let file = rig.sim.console_register(&ciphertext).unwrap();
    c.console_accepted().await.unwrap();
    assert!(matches!(
        c.record_recovery_elsewhere("safe", Some("abc")).await,
        Err(CeremonyError::Sha256NotValid)
    ));
    let sha = entity_secret_wizard::secret::sha256_hex(file.as_bytes());
    let outcome = c
        .record_recovery_elsewhere("USB drive 2 in the office safe", Some(&sha.to_uppercase()))
        .await
        .unwrap();
    assert_eq!(
        outcome.record.recovery_sha256.as_deref(),
        Some(sha.as_str())
    );
    assert!(matches!(
        outcome.record.recovery_warning,
        Some(store::RecoveryWarning::KeptElsewhere { .. })
    ));
}

/// Where a rotation stops, for the test below.
#[derive(Debug, Clone, Copy)]
enum StopAt {
    Staged,
    KeyFetched,
    Shown,
    ShownAndConsoleRotated,
    Accepted,
    Imported,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotation_stopped_at_every_step_loses_nothing_and_carries_on() {
    for stop in [
        StopAt::Staged,
        StopAt::KeyFetched,
        StopAt::Shown,
        StopAt::ShownAndConsoleRotated,
        StopAt::Accepted,
        StopAt::Imported,
    ] {
        let rig = Rig::new().await;
        let before = registered(&rig).await;
        let old = rig.sim.registered_secret().unwrap();
        let mut c = ConsoleCeremony::new(rig.ctx(), ConsoleKind::Rotation);
        c.check_keychain().await.unwrap();
        c.submit_api_key(KEY).await.unwrap();
        c.generate_secret().await.unwrap();
        c.stage_new_secret().await.unwrap();
        let new_fp = c.new_fingerprint().unwrap();
        let mut console_file = None;
        if !matches!(stop, StopAt::Staged) {
            c.fetch_public_key().await.unwrap();
        }
        if matches!(
            stop,
            StopAt::Shown | StopAt::ShownAndConsoleRotated | StopAt::Accepted | StopAt::Imported
        ) {
            let mut shown = c.make_ciphertexts().await.unwrap().into_iter();
            let current = shown.next().unwrap().1.into_wire();
            let new = shown.next().unwrap().1.into_wire();
            if !matches!(stop, StopAt::Shown) {
                console_file = Some(rig.sim.console_rotate(&current, &new).unwrap());
            }
        }
        if matches!(stop, StopAt::Accepted | StopAt::Imported) {
            c.console_accepted().await.unwrap();
        }
        if matches!(stop, StopAt::Imported) {
            let download = downloaded(&rig, console_file.as_ref().unwrap());
            c.import_recovery_file(&download).await.unwrap();
        }
        drop(c); // stopped

        // Nothing lost: both secrets in the keychain, where the journal says.
        let mut expected = vec![rig.account(), rig.pending()];
        expected.sort();
        assert_eq!(accounts(&rig), expected, "{stop:?}");
        assert_eq!(
            rig.store.get(&rig.account()).unwrap(),
            Some(old.duplicate())
        );
        assert_eq!(
            rig.store
                .get(&rig.pending())
                .unwrap()
                .unwrap()
                .fingerprint(),
            new_fp
        );
        let status = rig.status();
        assert_eq!(status.unfinished.len(), 1, "{stop:?}");
        let item = &status.unfinished[0];
        let (situation, next) = match stop {
            StopAt::Staged | StopAt::KeyFetched => (
                Situation::NothingSent,
                vec![NextStep::Resume, NextStep::Discard],
            ),
            StopAt::Shown | StopAt::ShownAndConsoleRotated => {
                (Situation::ShownForConsole, vec![NextStep::Resume])
            }
            StopAt::Accepted | StopAt::Imported => {
                (Situation::AcceptedAwaitingRecovery, vec![NextStep::Resume])
            }
        };
        assert_eq!(item.situation, situation, "{stop:?}");
        assert_eq!(item.next, next, "{stop:?}");
        // The record is untouched until the end.
        assert_eq!(
            Records::open(rig.dir()).unwrap().list().unwrap(),
            vec![before.clone()]
        );

        // Carry on to the end.
        let mut c = ConsoleCeremony::resume(rig.ctx(), item.entry.clone()).unwrap();
        c.check_keychain().await.unwrap();
        assert_eq!(c.new_fingerprint().unwrap(), new_fp);
        if matches!(stop, StopAt::Staged | StopAt::KeyFetched) {
            assert_eq!(c.stage(), ConsoleStage::SecretStaged);
            // The API key is never kept: it is given again to ask Circle.
            c.give_api_key(KEY).await.unwrap();
            c.fetch_public_key().await.unwrap();
        }
        if matches!(stop, StopAt::Staged | StopAt::KeyFetched | StopAt::Shown) {
            if matches!(stop, StopAt::Shown) {
                assert_eq!(c.stage(), ConsoleStage::ShownForConsole);
                let key_file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/rsa4096.spki.pem");
                c.import_public_key(&key_file).await.unwrap();
            }
            let mut shown = c.make_ciphertexts().await.unwrap().into_iter();
            let current = shown.next().unwrap().1.into_wire();
            let new = shown.next().unwrap().1.into_wire();
            console_file = Some(rig.sim.console_rotate(&current, &new).unwrap());
        }
        if !matches!(stop, StopAt::Accepted | StopAt::Imported) {
            c.console_accepted().await.unwrap();
        }
        assert_eq!(c.stage(), ConsoleStage::Accepted, "{stop:?}");
        let download = downloaded(&rig, console_file.as_ref().unwrap());
        save_imported(&rig, &mut c, &download).await;

        let new_secret = rig.sim.registered_secret().unwrap();
        assert_eq!(new_secret.fingerprint(), new_fp);
        assert_eq!(
            rig.store.get(&rig.account()).unwrap(),
            Some(new_secret.duplicate())
        );
        assert!(rig.store.get(&rig.pending()).unwrap().is_none());
        let retired = c.outcome().unwrap().retired.clone().unwrap();
        assert_eq!(
            rig.store.get(&retired.to_account).unwrap(),
            Some(old.duplicate())
        );
        assert!(rig.status().unfinished.is_empty(), "{stop:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotation_needs_a_registration_here() {
    let rig = Rig::new().await;
    let mut c = ConsoleCeremony::new(rig.ctx(), ConsoleKind::Rotation);
    c.check_keychain().await.unwrap();
    let err = c.submit_api_key(KEY).await.unwrap_err();
    assert!(
        matches!(err, CeremonyError::NotRegisteredHere { .. }),
        "{err:?}"
    );
    // And the new secret of a rotation must differ from the current one.
    let rig = Rig::new().await;
    registered(&rig).await;
    let current = rig.store.get(&rig.account()).unwrap().unwrap();
    let mut c = ConsoleCeremony::new(rig.ctx(), ConsoleKind::Rotation);
    c.check_keychain().await.unwrap();
    c.submit_api_key(KEY).await.unwrap();
    assert!(matches!(
        c.import_secret(&current.expose_hex()).await,
        Err(CeremonyError::NewSecretIsCurrent)
    ));
}
