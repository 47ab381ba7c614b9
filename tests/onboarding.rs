//! The onboarding ceremony end to end against the simulated Circle over real
//! HTTP, with the in-memory secret store: the happy path and every failure
//! path of the order of operations that loses nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::time::Duration;

use common::all_bytes_under;
use entity_secret_wizard::ceremony::{CeremonyError, OnboardingStage, RegisterOutcome};
use entity_secret_wizard::circle::CircleError;
use entity_secret_wizard::secret::EntitySecret;
use entity_secret_wizard::simulator::{Endpoint, Fault};
use entity_secret_wizard::store::{CeremonyLog, Journal, Records, SecretStore, Stage, StoreError};

use common::rig::{KEY, Rig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_registration_keeps_everything_and_leaks_nothing() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    let facts = o.review_facts().unwrap();
    assert_eq!(
        facts.public_key_fingerprint,
        rig.sim.public_key().fingerprint()
    );
    assert_eq!(facts.app_id, rig.sim.app_id());

    let outcome = o.register().await.unwrap();
    let RegisterOutcome::Saved(saved) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(o.stage(), OnboardingStage::Done);
    assert!(!o.holds_unsaved_recovery());

    // The keychain holds exactly the secret the simulator decrypted.
    let stored = rig.staged().unwrap();
    let registered = rig.sim.registered_secret().unwrap();
    assert_eq!(stored, registered);
    // The recovery file on disk is byte for byte what the simulator issued.
    let issued = rig.sim.issued_recovery_files();
    assert_eq!(issued.len(), 1);
    assert_eq!(std::fs::read(rig.target()).unwrap(), issued[0].as_bytes());
    assert_eq!(saved.written.path, rig.target());
    assert!(saved.unverified.is_none());
    // Nothing else was left in the destination (no temp or probe files).
    assert_eq!(Rig::files_in(rig.dest.path()), vec![rig.target()]);

    // Records, log and journal.
    let records = Records::open(rig.dir()).unwrap().list().unwrap();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r.secret_fingerprint, stored.fingerprint());
    assert_eq!(r.public_key_fingerprint, rig.sim.public_key().fingerprint());
    assert_eq!(
        r.recovery_sha256.as_deref(),
        Some(saved.written.sha256.as_str())
    );
    assert_eq!((r.rotate_by - r.registered_at).num_days(), 180);
    assert!(
        Journal::open(rig.dir())
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty()
    );
    let log = CeremonyLog::open(rig.dir()).unwrap().read_all().unwrap();
    let steps: Vec<&str> = log.entries.iter().map(|e| e.step.as_str()).collect();
    for step in [
        "keychain_probe",
        "api_key",
        "generate_secret",
        "store_secret",
        "destination",
        "public_key",
        "register",
        "write_recovery_file",
    ] {
        assert!(steps.contains(&step), "log lacks {step}: {steps:?}");
    }
    assert!(log.damaged.is_empty());

    // No secret bytes anywhere but the keychain: not in records, log,
    // journal, nor the recovery file; neither as hex nor raw.
    let hex = stored.expose_hex();
    let mut everything = all_bytes_under(rig.data.path());
    everything.extend(all_bytes_under(rig.dest.path()));
    let text = String::from_utf8_lossy(&everything).to_lowercase();
    assert!(!text.contains(hex.as_str()));
    assert!(!text.contains(&hex[..24]));
    let raw = hex::decode(hex.as_str()).unwrap();
    assert!(!everything.windows(16).any(|w| w == &raw[..16]));
    // And the API key is nowhere either.
    assert!(!text.contains("s3cretpart"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_secret_is_the_one_registered() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    o.check_keychain().await.unwrap();
    o.submit_api_key(KEY).await.unwrap();
    assert!(matches!(
        o.import_secret("abc").await,
        Err(CeremonyError::Secret(_))
    ));
    // An obviously weak value (a repeated pattern) is refused with its reason.
    let weak = "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef";
    assert!(matches!(
        o.import_secret(weak).await,
        Err(CeremonyError::Secret(
            entity_secret_wizard::secret::SecretParseError::Weak(_)
        ))
    ));
    let hex = "5B2F8E91c4d7a06e3b19f2c8d5e7a4b1096c3e8f2a7d5b1e4c9f6a3d8e2b7c05";
    o.import_secret(hex).await.unwrap();
    assert!(o.secret_imported());
    o.store_secret().await.unwrap();
    o.choose_destination(rig.target()).await.unwrap();
    o.review().await.unwrap();
    o.confirm_review(true);
    assert!(matches!(
        o.register().await.unwrap(),
        RegisterOutcome::Saved(_)
    ));
    assert_eq!(
        rig.sim.registered_secret().unwrap(),
        EntitySecret::from_hex(hex).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unavailable_keychain_stops_before_a_secret_is_made() {
    let rig = Rig::new().await;
    rig.store.fail_next_probe(StoreError::NoSecretService {
        detail: "no bus".into(),
    });
    let mut o = rig.ceremony();
    let err = o.check_keychain().await.unwrap_err();
    assert!(matches!(
        err,
        CeremonyError::Keychain(StoreError::NoSecretService { .. })
    ));
    assert!(entity_secret_wizard::error::Explain::next_step(&err).contains("Secret Service"));
    assert_eq!(o.stage(), OnboardingStage::Start);
    assert!(matches!(
        o.submit_api_key(KEY).await,
        Err(CeremonyError::NotYet(_))
    ));
    assert!(matches!(
        o.generate_secret().await,
        Err(CeremonyError::NotYet(_))
    ));
    assert!(rig.store.accounts().is_empty());
    assert!(rig.sim.requests().is_empty(), "nothing may reach Circle");
    // Retry after the keychain is fixed.
    o.check_keychain().await.unwrap();
    assert_eq!(o.stage(), OnboardingStage::KeychainReady);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_api_key_goes_no_further() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    o.check_keychain().await.unwrap();
    assert!(matches!(
        o.submit_api_key("TEST_CLIENT_KEY:a:b").await,
        Err(CeremonyError::ApiKey(_))
    ));
    rig.sim.push_fault(Endpoint::Entity, Fault::Unauthorized);
    let err = o.submit_api_key(KEY).await.unwrap_err();
    assert!(
        matches!(err, CeremonyError::Circle(CircleError::Unauthorized { .. })),
        "{err:?}"
    );
    assert!(entity_secret_wizard::error::Explain::request_id(&err).is_some());
    assert_eq!(o.stage(), OnboardingStage::KeychainReady);
    assert!(matches!(
        o.generate_secret().await,
        Err(CeremonyError::NotYet(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unwritable_destination_stops_before_registering() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_stored(&mut o).await;
    let missing = rig.dest.path().join("no-such-folder").join("recovery.dat");
    let err = o.choose_destination(missing).await.unwrap_err();
    assert!(matches!(err, CeremonyError::Destination(_)), "{err:?}");
    // Before registration, the advice must not claim anything is held.
    let advice = entity_secret_wizard::error::Explain::next_step(&err);
    assert!(advice.contains("Nothing has been sent"), "{advice}");
    assert!(!advice.contains("still held"), "{advice}");
    // An existing file is never a destination.
    std::fs::write(rig.target(), b"keep me").unwrap();
    assert!(matches!(
        o.choose_destination(rig.target()).await,
        Err(CeremonyError::Destination(_))
    ));
    assert_eq!(std::fs::read(rig.target()).unwrap(), b"keep me");
    assert_eq!(o.stage(), OnboardingStage::SecretStored);
    assert!(matches!(o.review().await, Err(CeremonyError::NotYet(_))));
    assert!(matches!(o.register().await, Err(CeremonyError::NotYet(_))));
    assert!(rig.sim.received_ciphertexts().is_empty());
    // The secret is still in the keychain.
    assert!(rig.staged().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn already_registered_is_its_own_outcome_and_keeps_the_secret() {
    let rig = Rig::new().await;
    rig.sim
        .set_registered_secret(Some(EntitySecret::generate()));
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    let outcome = o.register().await.unwrap();
    let RegisterOutcome::AlreadyRegistered {
        possibly_this_secret,
        request_id,
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert!(!possibly_this_secret);
    assert!(request_id.is_some());
    assert_eq!(o.stage(), OnboardingStage::AlreadyRegistered);
    assert!(rig.staged().is_some(), "the secret stays in the keychain");
    assert!(
        Rig::files_in(rig.dest.path()).is_empty(),
        "no recovery file is invented"
    );
    assert!(Records::open(rig.dir()).unwrap().list().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limited_then_registered_with_a_fresh_ciphertext() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    rig.sim.push_fault(Endpoint::Register, Fault::RateLimited);
    assert!(matches!(
        o.register().await.unwrap(),
        RegisterOutcome::Saved(_)
    ));
    let sent = rig.sim.received_ciphertexts();
    assert_eq!(sent.len(), 2);
    assert_ne!(sent[0], sent[1], "every attempt is encrypted afresh");
    assert_eq!(
        rig.store.get(&rig.account()).unwrap().unwrap(),
        rig.sim.registered_secret().unwrap(),
        "once accepted, the secret is the app's active one"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_dropped_after_registering_says_it_may_have_happened() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    rig.sim
        .push_fault(Endpoint::Register, Fault::DropAfterRegister);
    let outcome = o.register().await.unwrap();
    assert!(
        matches!(outcome, RegisterOutcome::OutcomeUnknown { .. }),
        "{outcome:?}"
    );
    assert_eq!(o.stage(), OnboardingStage::OutcomeUnknown);
    assert_eq!(
        rig.sim.received_ciphertexts().len(),
        1,
        "never resent blindly"
    );
    // The server did register; our secret is still in the keychain.
    let ours = rig.staged().unwrap();
    assert_eq!(rig.sim.registered_secret().unwrap(), ours);
    // The journal remembers, for the next launch.
    let unfinished = Journal::open(rig.dir()).unwrap().unfinished().unwrap();
    assert_eq!(unfinished.len(), 1);
    assert_eq!(unfinished[0].stage, Stage::RegistrationSent);
    assert_eq!(unfinished[0].secret_fingerprint, ours.fingerprint());
    // Trying again tells the person it was most likely this secret.
    let again = o.register().await.unwrap();
    assert!(
        matches!(
            again,
            RegisterOutcome::AlreadyRegistered {
                possibly_this_secret: true,
                ..
            }
        ),
        "{again:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_recovery_write_keeps_the_content_until_saved_elsewhere() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    // Something takes the destination's name while the request is in flight
    // (a delay makes the window), so the write after registration fails.
    rig.sim
        .push_fault(Endpoint::Register, Fault::Delay(Duration::from_millis(400)));
    let squatter = rig.target();
    let squat = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        std::fs::write(&squatter, b"someone else's file").unwrap();
    });
    let outcome = o.register().await.unwrap();
    squat.await.unwrap();
    let RegisterOutcome::RecoveryUnsaved(err) = outcome else {
        panic!("{outcome:?}")
    };
    assert!(matches!(err, CeremonyError::Recovery(_)), "{err:?}");
    assert_eq!(o.stage(), OnboardingStage::Registered);
    assert!(o.holds_unsaved_recovery());
    assert_eq!(
        std::fs::read(rig.target()).unwrap(),
        b"someone else's file",
        "never clobbered"
    );
    let issued = rig.sim.issued_recovery_files();
    assert_eq!(
        o.unsaved_recovery_sha256().unwrap(),
        entity_secret_wizard::secret::sha256_hex(issued[0].as_bytes())
    );
    let unfinished = Journal::open(rig.dir()).unwrap().unfinished().unwrap();
    assert_eq!(unfinished[0].stage, Stage::Registered);
    assert!(matches!(
        unfinished[0].recovery,
        entity_secret_wizard::store::RecoveryProgress::Held { .. }
    ));

    let elsewhere = rig.dest.path().join("elsewhere.dat");
    let saved = o.save_recovery(Some(elsewhere.clone())).await.unwrap();
    assert_eq!(saved.written.path, elsewhere);
    assert_eq!(std::fs::read(&elsewhere).unwrap(), issued[0].as_bytes());
    assert!(!o.holds_unsaved_recovery());
    assert_eq!(o.stage(), OnboardingStage::Done);
    assert!(
        Journal::open(rig.dir())
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_key_needs_explicit_confirmation() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    o.check_keychain().await.unwrap();
    o.submit_api_key("LIVE_API_KEY:abcd:efgh").await.unwrap();
    assert!(!o.live_confirmed());
    o.generate_secret().await.unwrap();
    o.store_secret().await.unwrap();
    o.choose_destination(rig.target()).await.unwrap();
    o.review().await.unwrap();
    o.confirm_review(true);
    assert!(matches!(
        o.register().await,
        Err(CeremonyError::LiveNotConfirmed)
    ));
    assert!(rig.sim.received_ciphertexts().is_empty());
    o.confirm_live(true);
    assert!(matches!(
        o.register().await.unwrap(),
        RegisterOutcome::Saved(_)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_needs_each_warning_acknowledged_and_the_review_confirmed() {
    let rig = Rig::new().await;
    // A home folder on the same disk as the destination: a warning.
    let mut o = rig.ceremony_with_home(rig.dest.path().to_path_buf());
    rig.to_stored(&mut o).await;
    o.choose_destination(rig.target()).await.unwrap();
    let warnings: Vec<usize> = o
        .location_notes()
        .enumerate()
        .filter(|(_, (n, _))| n.is_warning())
        .map(|(i, _)| i)
        .collect();
    assert!(!warnings.is_empty(), "same disk as home must warn");
    assert!(matches!(
        o.review().await,
        Err(CeremonyError::WarningsNotAcknowledged)
    ));
    for i in warnings {
        o.acknowledge_warning(i, true);
    }
    o.review().await.unwrap();
    assert!(matches!(
        o.register().await,
        Err(CeremonyError::NotConfirmed)
    ));
    assert!(rig.sim.received_ciphertexts().is_empty());
    o.confirm_review(true);
    assert!(matches!(
        o.register().await.unwrap(),
        RegisterOutcome::Saved(_)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_already_in_the_keychain_for_this_app_is_never_replaced() {
    let rig = Rig::new().await;
    let existing = EntitySecret::generate();
    rig.store.put(&rig.account(), &existing).unwrap();
    let mut o = rig.ceremony();
    o.check_keychain().await.unwrap();
    let err = o.submit_api_key(KEY).await.unwrap_err();
    assert!(
        matches!(err, CeremonyError::SecretAlreadyOnMachine { .. }),
        "{err:?}"
    );
    assert_eq!(rig.store.get(&rig.account()).unwrap().unwrap(), existing);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_is_refused_once_the_secret_is_stored_or_sent() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    o.check_keychain().await.unwrap();
    o.submit_api_key(KEY).await.unwrap();
    o.generate_secret().await.unwrap();
    assert!(o.back(), "an unstored secret may be discarded");
    assert_eq!(o.stage(), OnboardingStage::KeyAccepted);
    o.generate_secret().await.unwrap();
    o.store_secret().await.unwrap();
    assert!(!o.back());
    o.choose_destination(rig.target()).await.unwrap();
    assert!(o.back());
    assert_eq!(o.stage(), OnboardingStage::SecretStored);
    o.choose_destination(rig.target()).await.unwrap();
    o.review().await.unwrap();
    o.confirm_review(true);
    assert!(matches!(
        o.register().await.unwrap(),
        RegisterOutcome::Saved(_)
    ));
    assert!(!o.back());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journal_covers_the_keychain_write_itself() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    let journal = || Journal::open(rig.dir()).unwrap().unfinished().unwrap();
    o.check_keychain().await.unwrap();
    o.submit_api_key(KEY).await.unwrap();
    o.generate_secret().await.unwrap();

    // A write that fails outright stores nothing and leaves nothing open.
    rig.store.fail_next_put(StoreError::Locked {
        detail: "locked".into(),
    });
    let err = o.store_secret().await.unwrap_err();
    assert!(
        matches!(err, CeremonyError::Keychain(StoreError::Locked { .. })),
        "{err:?}"
    );
    assert_eq!(o.stage(), OnboardingStage::SecretReady);
    assert!(journal().is_empty());

    // A write whose read-back does not match leaves an entry behind: the
    // journal keeps pointing at it for the next launch.
    rig.store.drop_next_write();
    let err = o.store_secret().await.unwrap_err();
    assert!(
        matches!(
            err,
            CeremonyError::Keychain(StoreError::ReadBackMismatch { .. })
        ),
        "{err:?}"
    );
    let open = journal();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].stage, Stage::StoringSecret);
    assert_eq!(open[0].keychain_account, rig.pending());
    let first = open[0].id;

    // Trying again after the mismatch continues the same journal entry: a
    // second one would be left behind, pointing at the same keychain entry,
    // and reported as unfinished at the next launch.
    rig.store.delete(&rig.pending()).unwrap();
    o.store_secret().await.unwrap();
    let open = journal();
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].id, first);
    assert_eq!(open[0].stage, Stage::SecretStored);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_records_failure_after_registering_never_costs_the_recovery_file() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    // The records file cannot be replaced: a folder stands in its place.
    std::fs::create_dir_all(rig.dir().join("registrations.json")).unwrap();
    let outcome = o.register().await.unwrap();
    assert!(matches!(outcome, RegisterOutcome::Saved(_)), "{outcome:?}");
    assert_eq!(o.stage(), OnboardingStage::Done);
    assert!(!o.holds_unsaved_recovery());
    assert_eq!(
        std::fs::read(rig.target()).unwrap(),
        rig.sim.issued_recovery_files()[0].as_bytes()
    );
    // Said, not silent.
    assert!(o.log_problem().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_on_every_attempt_are_an_unknown_outcome_not_a_failure() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    for _ in 0..4 {
        rig.sim.push_fault(Endpoint::Register, Fault::ServerError);
    }
    let outcome = o.register().await.unwrap();
    let RegisterOutcome::OutcomeUnknown { request_id, reason } = &outcome else {
        panic!("{outcome:?}")
    };
    assert!(request_id.is_some());
    assert!(reason.contains("server"), "{reason}");
    assert_eq!(o.stage(), OnboardingStage::OutcomeUnknown);
    // The journal keeps saying the registration may have been sent.
    let unfinished = Journal::open(rig.dir()).unwrap().unfinished().unwrap();
    assert_eq!(unfinished[0].stage, Stage::RegistrationSent);
    assert!(rig.staged().is_some());
}
