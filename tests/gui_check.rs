//! Checking with Circle which secret it holds, driven through the window's
//! accessibility tree: after "no clear answer" (never a blind re-send), for
//! a keychain entry nothing explains, and "prove it works" after a
//! registration — each saying what the call creates before consent. And a
//! registration's retired secret deleted after its fingerprint is typed.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use chrono::Duration;
use egui::accesskit::Role;
use entity_secret_wizard::app::Screen;
use entity_secret_wizard::ceremony::{CheckSubject, Settled};
use entity_secret_wizard::secret::{EntitySecret, Environment};
use entity_secret_wizard::store::{self, Records, RecoveryWarning, RetiredSecret, SecretStore};
use entity_secret_wizard::text::{self, check as words, home};
use gui_support::flow::*;
use gui_support::prepare::*;
use gui_support::{Setup, Wizard};

/// The name of the wallet set a check makes, at the tests' fixed time.
const WALLET_SET: &str = "Entity Secret Wizard check 2026-11-21 12:00 UTC";

/// Whose secret the check on screen is about.
fn subject(w: &Wizard) -> CheckSubject {
    w.app().check_view().unwrap().of.clone()
}

/// On the check screen: a practice key, then what the call creates, with
/// the Ask button waiting for consent; then consent and ask.
fn consent_and_ask(w: &mut Wizard) {
    w.wait_for("the check", |w| w.screen() == Screen::Check);
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.click(text::wizard::CHECK_KEY);
    w.wait_for("what the call creates", |w| w.shows(words::WHAT_IT_CREATES));
    w.assert_shows(&words::creates(WALLET_SET));
    assert!(!w.button_enabled(words::ASK_BUTTON), "consent first");
    assert!(w.sim.wallet_sets().is_empty(), "nothing created yet");
    w.assert_readable();
    w.click_role(Role::CheckBox, &words::consent(WALLET_SET));
    w.click(words::ASK_BUTTON);
    w.wait_for("Circle's answer", |w| {
        w.shows_containing("Circle accepted this secret")
            || w.shows_containing("Circle refused this secret")
            || w.shows_containing("Circle holds no entity secret")
    });
}

#[test]
fn after_no_clear_answer_a_check_with_circle_adopts_the_secret_it_holds() {
    let mut w = Wizard::new(Setup::default());
    sent_with_no_answer(&mut w);
    w.assert_shows(text::wizard::OUTCOME_UNKNOWN_NEXT);
    let ours = stored_secret(&w);
    w.click("Check with Circle…");
    consent_and_ask(&mut w);
    w.assert_shows(words::intro(&subject(&w)));
    w.assert_shows_containing("Circle accepted this secret");
    w.assert_shows(words::settled(&Settled::Adopted, &subject(&w)));
    // One wallet set, by the name shown; the registration never re-sent.
    let sets = w.sim.wallet_sets();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].name.as_deref(), Some(WALLET_SET));
    let registrations = w
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/entitySecret"))
        .count();
    assert_eq!(registrations, 1, "never sent again");
    // The secret is the app's registration now, with no recovery file said.
    assert_eq!(w.store.get(&registered_account(&w)).unwrap(), Some(ours));
    let record = &Records::open(w.rehearsal_dir()).unwrap().list().unwrap()[0];
    assert_eq!(record.recovery_warning, Some(RecoveryWarning::NotSaved));
    assert!(w.unfinished().is_empty());
    w.click(home::BACK_HOME);
    w.wait_for("the home screen", |w| w.has_button(home::ROTATE));
}

#[test]
fn prove_it_works_is_offered_after_a_registration_never_done_by_default_and_recorded() {
    let mut w = Wizard::new(Setup::default());
    to_confirmed_review(&mut w, "recovery.dat");
    w.click("Register this secret");
    w.wait_for("done", |w| w.shows(text::wizard::DONE_TITLE));
    w.assert_shows(words::PROVE_OFFER);
    assert!(w.sim.wallet_sets().is_empty(), "not by default");
    w.click(words::PROVE_BUTTON);
    consent_and_ask(&mut w);
    w.assert_shows("Prove it works");
    w.assert_shows(words::settled(&Settled::Proved, &subject(&w)));
    let record = &Records::open(w.rehearsal_dir()).unwrap().list().unwrap()[0];
    let proof = record.last_check.clone().unwrap();
    assert!(proof.accepted);
    assert_eq!(proof.wallet_set_id, Some(w.sim.wallet_sets()[0].id.clone()));
    w.click(home::BACK_HOME);
    w.wait_for("the home screen", |w| w.has_button(home::ROTATE));
    w.assert_shows(&words::last_check(&proof));
}

#[test]
fn a_stray_secret_circle_holds_is_checked_and_becomes_the_registration() {
    let secret = EntitySecret::generate();
    let mut w = Wizard::new(Setup::default());
    w.sim.set_registered_secret(Some(secret.duplicate()));
    w.store.put(&pending_account(&w), &secret).unwrap();
    w.relaunch();
    w.assert_shows(text::status::STRAYS_TITLE);
    w.click("Check with Circle…");
    consent_and_ask(&mut w);
    w.assert_shows_containing("Circle accepted this secret");
    w.click(home::BACK_HOME);
    w.wait_for("the home screen", |w| w.has_button(home::ROTATE));
    assert!(!w.shows(text::status::STRAYS_TITLE));
    assert_eq!(w.store.get(&registered_account(&w)).unwrap(), Some(secret));
}

/// A registration of the simulated Circle's app with a retired secret
/// under its retired keychain name (in the keychain or not); then a launch.
/// Returns the retired secret and its account.
fn with_retired(w: &mut Wizard, in_keychain: bool) -> (EntitySecret, String) {
    let active = registered(w);
    let old = EntitySecret::generate();
    let retired_at = gui_support::now() - Duration::days(3);
    let account = store::retired_account_name(Environment::Test, w.sim.app_id(), retired_at);
    if in_keychain {
        w.store.put(&account, &old).unwrap();
    }
    let mut record = record_of(w, &active, w.sim.public_key().fingerprint());
    record.retired.push(RetiredSecret {
        fingerprint: old.fingerprint(),
        keychain_account: account.clone(),
        retired_at,
    });
    Records::open(w.rehearsal_dir())
        .unwrap()
        .upsert(&record)
        .unwrap();
    w.relaunch();
    w.assert_shows_containing(&format!("Retired secret {}", old.fingerprint()));
    (old, account)
}

/// On the home screen: delete the retired secret with this fingerprint,
/// by the button labelled `button` once the fingerprint is typed.
fn delete_retired(w: &mut Wizard, fingerprint: &str, in_keychain: bool, button: &str) {
    w.click(&home::retired_delete(fingerprint));
    w.wait_for("the fingerprint", |w| w.shows(home::RETIRED_DELETE_TITLE));
    w.assert_shows(home::retired_delete_intro(in_keychain));
    w.assert_readable();
    assert!(!w.button_enabled(button));
    w.type_into(Role::TextInput, home::DISCARD_FIELD, fingerprint);
    w.settle();
    w.click(button);
    w.wait_for("the home screen", |w| {
        w.shows(&home::retired_deleted(fingerprint))
    });
    let record = &Records::open(w.rehearsal_dir()).unwrap().list().unwrap()[0];
    assert!(record.retired.is_empty());
    assert!(!w.has_button(&home::retired_delete(fingerprint)));
    assert!(
        w.store.contains(&registered_account(w)),
        "the active one stays"
    );
}

#[test]
fn a_retired_secret_is_deleted_after_its_fingerprint_and_the_record_forgets_it() {
    let mut w = Wizard::new(Setup::default());
    let (old, account) = with_retired(&mut w, true);
    delete_retired(&mut w, &old.fingerprint(), true, home::DISCARD_BUTTON);
    assert!(!w.store.contains(&account));
}

#[test]
fn a_retired_secret_gone_from_the_keychain_is_removed_from_the_record() {
    let mut w = Wizard::new(Setup::default());
    let (old, _) = with_retired(&mut w, false);
    w.assert_shows_containing(&text::status::presence(
        &entity_secret_wizard::ceremony::status::KeychainPresence::Missing,
    ));
    delete_retired(
        &mut w,
        &old.fingerprint(),
        false,
        home::RETIRED_FORGET_BUTTON,
    );
}
