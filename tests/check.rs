//! Checking with Circle which secret it holds (an empty wallet set made
//! with a ciphertext of the secret), as the proof that a registration works
//! and as the one safe way forward where a ceremony got no clear answer.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use chrono::Utc;
use common::rig::{KEY, Rig};
use entity_secret_wizard::ceremony::status::{NextStep, Situation};
use entity_secret_wizard::ceremony::{
    CheckAnswer, CheckSession, CheckSubject, RegisterOutcome, Settled,
};
use entity_secret_wizard::secret::{EntitySecret, Environment};
use entity_secret_wizard::simulator::{Endpoint, Fault};
use entity_secret_wizard::store::{
    self, CeremonyKind, InProgress, Journal, Records, RecoveryProgress, RecoveryWarning,
    SecretStore, Stage,
};

fn only_unfinished(rig: &Rig) -> InProgress {
    let status = rig.status();
    assert_eq!(status.unfinished.len(), 1, "{:#?}", status.unfinished);
    status.unfinished[0].entry.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proving_a_registration_works_creates_one_named_wallet_set_and_records_it() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    let RegisterOutcome::Saved(saved) = o.register().await.unwrap() else {
        panic!()
    };
    let mut check = CheckSession::new(
        rig.ctx(),
        CheckSubject::Registration(Box::new(saved.record)),
    )
    .unwrap();
    let name = check.wallet_set_name();
    assert!(name.starts_with("Entity Secret Wizard check "), "{name}");
    check.give_api_key(KEY).await.unwrap();
    let answer = check.run().await.unwrap().clone();
    let CheckAnswer::Registered { wallet_set_id, .. } = &answer else {
        panic!("{answer:?}")
    };
    // Asking again (as after a lost answer) never makes a second set: the
    // same wallet set comes back.
    let again = check.run().await.unwrap().clone();
    assert!(
        matches!(&again, CheckAnswer::Registered { wallet_set_id: id, .. } if id == wallet_set_id),
        "{again:?}"
    );
    let sets = rig.sim.wallet_sets();
    assert_eq!(sets.len(), 1);
    assert_eq!(&sets[0].id, wallet_set_id);
    assert_eq!(sets[0].name.as_deref(), Some(name.as_str()));
    assert_eq!(check.settle().await.unwrap(), Settled::Proved);
    let record = &Records::open(rig.dir()).unwrap().list().unwrap()[0];
    let proof = record.last_check.as_ref().unwrap();
    assert!(proof.accepted);
    assert_eq!(proof.wallet_set_id.as_ref(), Some(wallet_set_id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_no_clear_answer_circle_says_it_holds_the_secret_and_it_is_adopted() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    rig.sim
        .push_fault(Endpoint::Register, Fault::DropAfterRegister);
    assert!(matches!(
        o.register().await.unwrap(),
        RegisterOutcome::OutcomeUnknown { .. }
    ));
    drop(o);
    let status = rig.status();
    assert_eq!(status.unfinished[0].situation, Situation::SentNoAnswer);
    assert_eq!(status.unfinished[0].next, vec![NextStep::CheckWithCircle]);

    let entry = only_unfinished(&rig);
    let mut check =
        CheckSession::new(rig.ctx(), CheckSubject::Unfinished(Box::new(entry))).unwrap();
    check.give_api_key(KEY).await.unwrap();
    assert!(matches!(
        check.run().await.unwrap(),
        CheckAnswer::Registered { .. }
    ));
    assert_eq!(check.settle().await.unwrap(), Settled::Adopted);
    // The secret is the app's active one, recorded, with the missing
    // recovery file said (a rotation gets one).
    assert_eq!(
        rig.store.get(&rig.account()).unwrap(),
        rig.sim.registered_secret()
    );
    assert!(rig.store.get(&rig.pending()).unwrap().is_none());
    let status = rig.status();
    assert!(status.unfinished.is_empty());
    assert_eq!(
        status.registrations[0].record.recovery_warning,
        Some(RecoveryWarning::NotSaved)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn circle_holding_another_secret_makes_ours_discardable() {
    let rig = Rig::new().await;
    let mut o = rig.ceremony();
    rig.to_review(&mut o).await;
    // No clear answer, and in truth the request never registered: someone
    // else's secret is what Circle holds.
    rig.sim
        .set_registered_secret(Some(EntitySecret::generate()));
    rig.sim.push_fault(Endpoint::Register, Fault::ServerError);
    rig.sim.push_fault(Endpoint::Register, Fault::ServerError);
    rig.sim.push_fault(Endpoint::Register, Fault::ServerError);
    rig.sim.push_fault(Endpoint::Register, Fault::ServerError);
    assert!(matches!(
        o.register().await.unwrap(),
        RegisterOutcome::OutcomeUnknown { .. }
    ));
    drop(o);
    let entry = only_unfinished(&rig);
    let mut check =
        CheckSession::new(rig.ctx(), CheckSubject::Unfinished(Box::new(entry))).unwrap();
    check.give_api_key(KEY).await.unwrap();
    assert!(matches!(
        check.run().await.unwrap(),
        CheckAnswer::OtherSecret { .. }
    ));
    assert_eq!(check.settle().await.unwrap(), Settled::NotRegistered);
    let status = rig.status();
    assert_eq!(status.unfinished[0].situation, Situation::Refused);
    assert_eq!(status.unfinished[0].next, vec![NextStep::Discard]);
    assert!(rig.sim.wallet_sets().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn circle_holding_nothing_lets_the_ceremony_carry_on_and_register() {
    let rig = Rig::new().await;
    // A journal that says "sent", for a secret that never reached Circle.
    let secret = EntitySecret::generate();
    rig.store.put(&rig.pending(), &secret).unwrap();
    let now = Utc::now();
    Journal::open(rig.dir())
        .unwrap()
        .begin(&InProgress {
            id: uuid::Uuid::new_v4(),
            rehearsal: true,
            ceremony: CeremonyKind::Onboarding,
            environment: Environment::Test,
            app_id: rig.sim.app_id().to_owned(),
            secret_fingerprint: secret.fingerprint(),
            keychain_service: store::REHEARSAL_SERVICE.to_owned(),
            keychain_account: rig.pending(),
            stage: Stage::RegistrationSent,
            started_at: now,
            updated_at: now,
            promote_to: Some(rig.account()),
            retire: None,
            recovery: RecoveryProgress::None,
            promoted: false,
            record_written: false,
            previous_recovery: None,
            public_key_fingerprint: None,
            accepted_at: None,
        })
        .unwrap();
    let entry = only_unfinished(&rig);
    let mut check =
        CheckSession::new(rig.ctx(), CheckSubject::Unfinished(Box::new(entry))).unwrap();
    check.give_api_key(KEY).await.unwrap();
    assert!(matches!(
        check.run().await.unwrap(),
        CheckAnswer::NothingRegistered { .. }
    ));
    assert_eq!(check.settle().await.unwrap(), Settled::NeverSent);
    let status = rig.status();
    assert_eq!(status.unfinished[0].situation, Situation::NothingSent);
    assert_eq!(
        status.unfinished[0].next,
        vec![NextStep::Resume, NextStep::Discard]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stray_secret_circle_holds_is_adopted_as_the_registration() {
    let rig = Rig::new().await;
    let secret = EntitySecret::generate();
    rig.sim.set_registered_secret(Some(secret.duplicate()));
    rig.store.put(&rig.pending(), &secret).unwrap();
    let status = rig.status();
    assert_eq!(status.strays.len(), 1);
    let mut check = CheckSession::new(
        rig.ctx(),
        CheckSubject::Stray {
            account: rig.pending(),
        },
    )
    .unwrap();
    check.give_api_key(KEY).await.unwrap();
    check.run().await.unwrap();
    assert_eq!(check.settle().await.unwrap(), Settled::Adopted);
    let status = rig.status();
    assert!(status.strays.is_empty() && status.unfinished.is_empty());
    assert_eq!(status.registrations.len(), 1);
    assert_eq!(
        status.registrations[0].record.secret_fingerprint,
        secret.fingerprint()
    );
}
