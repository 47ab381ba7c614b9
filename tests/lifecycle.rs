//! The life of a secret after the ceremony that made it stops: what the
//! next launch says, and that each way forward it offers works and loses
//! nothing — resume, discard (only what cannot be registered, only after
//! the fingerprint is typed), dismiss, finishing an accepted ceremony whose
//! recovery file was half-written, and ciphertexts on demand with a key
//! read from a file.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::path::PathBuf;

use base64::Engine;
use common::rig::{KEY, Rig};
use entity_secret_wizard::ceremony::status::{Attention, NextStep, Situation};
use entity_secret_wizard::ceremony::steps::KeyComparison;
use entity_secret_wizard::ceremony::{
    CeremonyError, CiphertextSession, Discard, DiscardTarget, Finishing, Onboarding,
    OnboardingStage, RegisterOutcome, dismiss,
};
use entity_secret_wizard::secret::EntitySecret;
use entity_secret_wizard::simulator::{Endpoint, Fault};
use entity_secret_wizard::store::{
    InProgress, Journal, Records, RecoveryProgress, RecoveryWarning, SecretStore, UnverifiedReason,
};

fn journal(rig: &Rig) -> Vec<InProgress> {
    Journal::open(rig.dir()).unwrap().unfinished().unwrap()
}

fn only_unfinished(rig: &Rig) -> entity_secret_wizard::ceremony::status::Unfinished {
    let status = rig.status();
    assert_eq!(status.unfinished.len(), 1, "{:#?}", status.unfinished);
    status.unfinished.into_iter().next().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopped_after_storing_it_resumes_with_the_same_secret_and_registers_it() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_stored(&mut o).await;
    let fingerprint = o.secret_fingerprint().unwrap();
    drop(o); // the window closed, the process stopped

    let item = only_unfinished(&rig);
    assert_eq!(item.situation, Situation::NothingSent);
    assert_eq!(item.next, vec![NextStep::Resume, NextStep::Discard]);

    let mut o = Onboarding::resume(rig.ctx(), item.entry.clone());
    o.check_keychain().await.unwrap();
    o.submit_api_key(KEY).await.unwrap();
    // Straight to the stored secret: no new one is made.
    assert_eq!(o.stage(), OnboardingStage::SecretStored);
    assert_eq!(o.secret_fingerprint().unwrap(), fingerprint);
    assert!(matches!(
        o.generate_secret().await,
        Err(CeremonyError::NotYet(_))
    ));
    o.choose_destination(rig.target()).await.unwrap();
    o.review().await.unwrap();
    o.confirm_review(true);
    let outcome = o.register().await.unwrap();
    assert!(matches!(outcome, RegisterOutcome::Saved(_)), "{outcome:?}");
    assert_eq!(
        rig.sim.registered_secret().unwrap().fingerprint(),
        fingerprint
    );
    // One ceremony from start to end: its journal entry is closed, the
    // secret is now the app's active one, and nothing is pending.
    assert!(journal(&rig).is_empty());
    assert!(rig.store.get(&rig.pending()).unwrap().is_none());
    assert_eq!(
        rig.store
            .get(&rig.account())
            .unwrap()
            .unwrap()
            .fingerprint(),
        fingerprint
    );
    assert!(rig.status().unfinished.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_registration_is_refused_while_an_unregistered_secret_waits() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_stored(&mut o).await;
    drop(o);
    let mut again = rig.ceremony();
    again.check_keychain().await.unwrap();
    let err = again.submit_api_key(KEY).await.unwrap_err();
    assert!(
        matches!(err, CeremonyError::UnregisteredSecretWaiting { .. }),
        "{err:?}"
    );
    let advice = entity_secret_wizard::error::Explain::next_step(&err);
    assert!(advice.contains("Resume"), "{advice}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discard_needs_the_typed_fingerprint() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_stored(&mut o).await;
    let fingerprint = o.secret_fingerprint().unwrap();
    drop(o);
    let item = only_unfinished(&rig);

    let discard = Discard::prepare(
        rig.ctx(),
        DiscardTarget::Unfinished(Box::new(item.entry.clone())),
    )
    .await
    .unwrap();
    assert_eq!(discard.fingerprint(), fingerprint);
    let err = discard.confirm("0000000000000000").await.unwrap_err();
    assert!(matches!(err, CeremonyError::FingerprintNotConfirmed));
    assert!(rig.staged().is_some(), "nothing deleted on a wrong answer");
    assert_eq!(journal(&rig).len(), 1);

    let discard = Discard::prepare(rig.ctx(), DiscardTarget::Unfinished(Box::new(item.entry)))
        .await
        .unwrap();
    // Case and spaces do not matter.
    let typed = format!(" {} {} ", &fingerprint[..8], &fingerprint[8..]).to_uppercase();
    discard.confirm(&typed).await.unwrap();
    assert!(rig.staged().is_none());
    assert!(journal(&rig).is_empty());
    assert!(rig.status().is_empty());
    // A new ceremony for the app may now begin.
    let mut fresh = rig.ceremony();
    fresh.check_keychain().await.unwrap();
    fresh.submit_api_key(KEY).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_circle_may_hold_is_never_discarded() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    rig.sim
        .push_fault(Endpoint::Register, Fault::DropAfterRegister);
    let outcome = o.register().await.unwrap();
    assert!(matches!(outcome, RegisterOutcome::OutcomeUnknown { .. }));
    drop(o);

    let item = only_unfinished(&rig);
    assert_eq!(item.situation, Situation::SentNoAnswer);
    assert_eq!(item.next, vec![NextStep::CheckWithCircle]);
    let err = Discard::prepare(
        rig.ctx(),
        DiscardTarget::Unfinished(Box::new(item.entry.clone())),
    )
    .await
    .err()
    .unwrap();
    assert!(
        matches!(err, CeremonyError::MayBeRegistered { .. }),
        "{err:?}"
    );
    assert!(matches!(
        dismiss(rig.ctx(), item.entry).await,
        Err(CeremonyError::MayBeRegistered { .. })
    ));
    assert!(rig.staged().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_leaves_a_discardable_secret_and_after_no_answer_it_is_kept() {
    // Another secret is registered: ours was refused and may be discarded.
    let rig = Rig::new().await;
    rig.sim
        .set_registered_secret(Some(EntitySecret::generate()));
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    o.register().await.unwrap();
    drop(o);
    let item = only_unfinished(&rig);
    assert_eq!(item.situation, Situation::Refused);
    assert_eq!(item.next, vec![NextStep::Discard]);

    // No answer, then "already registered": it may be ours. The journal
    // keeps it, and says so.
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    rig.sim
        .push_fault(Endpoint::Register, Fault::DropAfterRegister);
    o.register().await.unwrap();
    let again = o.register().await.unwrap();
    assert!(matches!(
        again,
        RegisterOutcome::AlreadyRegistered {
            possibly_this_secret: true,
            ..
        }
    ));
    drop(o);
    let item = only_unfinished(&rig);
    assert_eq!(item.situation, Situation::RefusedPossiblyThis);
    assert_eq!(item.next, vec![NextStep::CheckWithCircle]);
    assert!(rig.staged().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journal_entry_with_nothing_behind_it_can_be_dismissed() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_stored(&mut o).await;
    drop(o);
    // The secret went away by other means.
    rig.store.delete(&rig.pending()).unwrap();
    let item = only_unfinished(&rig);
    assert_eq!(item.situation, Situation::SecretGone);
    assert_eq!(item.next, vec![NextStep::Dismiss]);
    dismiss(rig.ctx(), item.entry).await.unwrap();
    assert!(journal(&rig).is_empty());
}

/// Register, with the recovery file's save failing (its name is taken
/// while the request is in flight), and stop there: the content was only
/// in memory. Returns the journal entry and the content Circle issued.
async fn registered_with_recovery_unsaved(rig: &Rig) -> (InProgress, String) {
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    rig.sim.push_fault(
        Endpoint::Register,
        Fault::Delay(std::time::Duration::from_millis(300)),
    );
    let squatter = rig.target();
    let squat = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        std::fs::write(squatter, b"someone else's").unwrap();
    });
    let outcome = o.register().await.unwrap();
    squat.await.unwrap();
    assert!(matches!(outcome, RegisterOutcome::RecoveryUnsaved(_)));
    drop(o);
    std::fs::remove_file(rig.target()).unwrap();
    let entry = journal(rig).pop().unwrap();
    assert!(matches!(entry.recovery, RecoveryProgress::Held { .. }));
    (entry, rig.sim.issued_recovery_files().pop().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_before_the_link_the_next_launch_finishes_the_save_from_the_temporary_file() {
    let rig = Rig::new().await;
    let (mut entry, content) = registered_with_recovery_unsaved(&rig).await;
    // What a kill between writing the hidden file and linking it leaves:
    // the journal names both, and the hidden file holds everything.
    let temp = rig.dest.path().join(".recovery_file_0123456789abcdef.tmp");
    std::fs::write(&temp, &content).unwrap();
    entry.recovery = RecoveryProgress::Writing {
        temp: temp.clone(),
        target: rig.target(),
        sha256: entity_secret_wizard::secret::sha256_hex(content.as_bytes()),
        unverified: None,
    };
    Journal::open(rig.dir()).unwrap().update(&entry).unwrap();

    let item = only_unfinished(&rig);
    assert_eq!(
        item.situation,
        Situation::AcceptedRecoveryInTemp {
            temp: temp.clone(),
            target: rig.target()
        }
    );
    assert_eq!(item.next, vec![NextStep::Finish]);
    let mut finishing = Finishing::open(rig.ctx(), item.entry).await.unwrap();
    assert!(finishing.holds_unsaved_recovery());
    assert!(matches!(
        finishing.complete().await,
        Err(CeremonyError::NotYet(_))
    ));
    let written = finishing.save_leftover(None).await.unwrap();
    assert_eq!(written.path, rig.target());
    assert_eq!(std::fs::read_to_string(rig.target()).unwrap(), content);
    assert!(!temp.exists());
    let record = finishing.complete().await.unwrap();
    assert_eq!(
        record.recovery_path.as_deref(),
        Some(rig.target().as_path())
    );
    assert_eq!(record.recovery_warning, None);
    assert!(journal(&rig).is_empty());
    assert_eq!(
        rig.store.get(&rig.account()).unwrap(),
        rig.sim.registered_secret()
    );
    assert!(rig.store.get(&rig.pending()).unwrap().is_none());
    let status = rig.status();
    assert!(status.unfinished.is_empty());
    assert_eq!(status.registrations.len(), 1);
    assert!(status.registrations[0].attention.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_a_verified_write_the_file_is_found_where_it_went() {
    let rig = Rig::new().await;
    let (mut entry, content) = registered_with_recovery_unsaved(&rig).await;
    // The file got into place; the journal was not told.
    std::fs::write(rig.target(), &content).unwrap();
    entry.recovery = RecoveryProgress::Writing {
        temp: rig.dest.path().join(".recovery_file_gone.tmp"),
        target: rig.target(),
        sha256: entity_secret_wizard::secret::sha256_hex(content.as_bytes()),
        unverified: None,
    };
    Journal::open(rig.dir()).unwrap().update(&entry).unwrap();
    let item = only_unfinished(&rig);
    assert_eq!(item.situation, Situation::AcceptedBookkeepingLeft);
    let mut finishing = Finishing::open(rig.ctx(), item.entry).await.unwrap();
    assert!(!finishing.holds_unsaved_recovery());
    let record = finishing.complete().await.unwrap();
    assert_eq!(
        record.recovery_path.as_deref(),
        Some(rig.target().as_path())
    );
    assert_eq!(
        record.recovery_sha256.as_deref(),
        Some(entity_secret_wizard::secret::sha256_hex(content.as_bytes()).as_str())
    );
    let records = Records::open(rig.dir()).unwrap().list().unwrap();
    assert_eq!(records, vec![record]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_recovery_file_is_finished_with_a_warning_that_stays() {
    let rig = Rig::new().await;
    let (entry, _) = registered_with_recovery_unsaved(&rig).await;
    let item = only_unfinished(&rig);
    assert_eq!(item.situation, Situation::AcceptedRecoveryLost);
    let mut finishing = Finishing::open(rig.ctx(), entry).await.unwrap();
    let record = finishing.complete().await.unwrap();
    assert_eq!(record.recovery_warning, Some(RecoveryWarning::NotSaved));
    assert_eq!(record.recovery_sha256, None);
    let status = rig.status();
    assert!(status.unfinished.is_empty());
    assert!(
        status.registrations[0]
            .attention
            .contains(&Attention::Recovery {
                warning: RecoveryWarning::NotSaved
            }),
        "{:?}",
        status.registrations[0].attention
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unverified_recovery_file_stays_flagged_on_its_registration() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    rig.sim.push_fault(Endpoint::Register, Fault::MalformedJson);
    let outcome = o.register().await.unwrap();
    let RegisterOutcome::Saved(saved) = outcome else {
        panic!("{outcome:?}")
    };
    assert!(saved.unverified.is_some());
    drop(o);
    let status = rig.status();
    assert_eq!(status.registrations.len(), 1);
    assert_eq!(
        status.registrations[0].record.recovery_warning,
        Some(RecoveryWarning::Unverified {
            reason: UnverifiedReason::Missing
        })
    );
    assert!(
        status.registrations[0]
            .attention
            .iter()
            .any(|a| matches!(a, Attention::Recovery { .. }))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ciphertext_on_demand_with_a_key_file_decrypts_to_the_registered_secret() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    let RegisterOutcome::Saved(saved) = o.register().await.unwrap() else {
        panic!()
    };
    let record = saved.record.clone();
    drop(o);
    let key_file =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rsa4096.spki.pem");

    // No network at all: the simulator is told to fail every request.
    for _ in 0..10 {
        rig.sim.push_fault(Endpoint::Any, Fault::Unauthorized);
    }
    let requests_before = rig.sim.requests().len();
    let mut session = CiphertextSession::new(rig.ctx(), record.clone());
    assert!(matches!(
        session.make().await,
        Err(CeremonyError::NotYet(_))
    ));
    let key = session.import_key(&key_file).await.unwrap();
    assert_eq!(key.comparison, KeyComparison::Same);
    let first = session.make().await.unwrap().into_wire();
    let second = session.make().await.unwrap().into_wire();
    assert_eq!(first.len(), 684);
    assert_ne!(first, second, "every ciphertext is fresh");
    assert_eq!(rig.sim.requests().len(), requests_before, "no request made");
    let private = common::fixture_key();
    for ciphertext in [first, second] {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(ciphertext)
            .unwrap();
        let plain = private.oaep_decrypt::<sha2::Sha256>(&bytes).unwrap();
        let registered = rig.sim.registered_secret().unwrap();
        assert_eq!(hex::encode(plain), registered.expose_hex().as_str());
    }
    // The log says a ciphertext was made, by fingerprints only.
    let log = entity_secret_wizard::store::CeremonyLog::open(rig.dir())
        .unwrap()
        .read_all()
        .unwrap();
    let made: Vec<_> = log
        .entries
        .iter()
        .filter(|e| e.step == "ciphertext")
        .collect();
    assert_eq!(made.len(), 2);
    assert_eq!(
        made[0].secret_fingerprint.as_deref(),
        Some(record.secret_fingerprint.as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_status_reads_no_secret_and_says_locked_as_its_own_state() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    o.register().await.unwrap();
    drop(o);
    let reads = rig.store.secret_reads();
    let status = rig.status();
    assert!(status.registrations[0].attention.is_empty());
    rig.store.set_locked(true);
    let status = rig.status();
    assert_eq!(
        status.registrations[0].secret,
        entity_secret_wizard::ceremony::status::KeychainPresence::Locked
    );
    assert!(
        status.registrations[0]
            .attention
            .contains(&Attention::KeychainLocked)
    );
    assert_eq!(rig.store.secret_reads(), reads, "no secret was read");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_secret_nothing_explains_is_listed_with_a_safe_way_forward() {
    let rig = Rig::new().await;
    rig.store
        .put(&rig.pending(), &EntitySecret::generate())
        .unwrap();
    rig.store
        .put(
            &entity_secret_wizard::store::account_name(
                entity_secret_wizard::secret::Environment::Live,
                "some-app",
                false,
            ),
            &EntitySecret::generate(),
        )
        .unwrap();
    let status = rig.status();
    assert_eq!(status.strays.len(), 2, "{:#?}", status.strays);
    let live = status
        .strays
        .iter()
        .find(|s| s.app_id == "some-app")
        .unwrap();
    assert_eq!(live.next, vec![NextStep::CheckWithCircle], "never discard");
    let pending = status
        .strays
        .iter()
        .find(|s| s.account == rig.pending())
        .unwrap();
    assert_eq!(
        pending.next,
        vec![NextStep::CheckWithCircle, NextStep::Discard]
    );
    let err = Discard::prepare(
        rig.ctx(),
        DiscardTarget::Stray {
            account: live.account.clone(),
        },
    )
    .await
    .err()
    .unwrap();
    assert!(matches!(err, CeremonyError::MayBeRegistered { .. }));
    let discard = Discard::prepare(
        rig.ctx(),
        DiscardTarget::Stray {
            account: rig.pending(),
        },
    )
    .await
    .unwrap();
    let fingerprint = discard.fingerprint().to_owned();
    discard.confirm(&fingerprint).await.unwrap();
    assert_eq!(rig.status().strays.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rehearsal_key_is_made_once_and_kept_owner_only() {
    use entity_secret_wizard::ceremony::{Deps, SimulatorSource};
    let rig = Rig::new().await;
    let mut deps = Deps {
        simulator: SimulatorSource::RehearsalKey,
        ..rig.ctx_deps()
    };
    deps.data_dir = rig.data.path().to_path_buf();
    deps.prepare_rehearsal_key().await.unwrap();
    let file = rig
        .dir()
        .join(entity_secret_wizard::ceremony::REHEARSAL_KEY_FILE);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    let first = deps.start_simulator().await.unwrap();
    let second = deps.start_simulator_for_app("some-app").await.unwrap();
    assert_eq!(
        first.public_key().fingerprint(),
        second.public_key().fingerprint(),
        "the same key, read back, not made again"
    );
    assert_eq!(second.app_id(), "some-app");
}
