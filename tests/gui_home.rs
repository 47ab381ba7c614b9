//! The home screen and the sessions it opens, driven through the window's
//! accessibility tree: what a launch finds after a ceremony stopped, and
//! that every way forward it offers works — resume, discard (only after the
//! fingerprint is typed), dismiss, finish — and registrations with their
//! problems and documents, in a window as small as 640×520.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use std::path::PathBuf;

use egui::accesskit::Role;
use entity_secret_wizard::app::Screen;
use entity_secret_wizard::ceremony::status::Situation;
use entity_secret_wizard::secret::{EntitySecret, Environment, sha256_hex};
use entity_secret_wizard::store::{
    self, CeremonyKind, InProgress, Journal, Records, RecoveryProgress, SecretStore, Stage,
};
use entity_secret_wizard::text::{self, home};
use gui_support::flow::*;
use gui_support::prepare::*;
use gui_support::{Setup, Wizard};

/// On the discard screen: type `typed` as the fingerprint.
fn type_fingerprint(w: &mut Wizard, typed: &str) {
    w.type_into(Role::TextInput, home::DISCARD_FIELD, typed);
    w.settle();
}

/// On the discard screen, with the fingerprint shown: a wrong one keeps the
/// button disabled and deletes nothing; the right one (any case, spaces
/// between) deletes the secret, and the home screen says so.
fn discard_with_wrong_then_right(w: &mut Wizard, account: &str, fingerprint: &str) {
    w.wait_for("the fingerprint from the keychain", |w| {
        w.shows(fingerprint)
    });
    assert_eq!(w.screen(), Screen::Discard);
    w.assert_shows(home::DISCARD_INTRO);
    w.assert_readable();
    assert!(!w.button_enabled(home::DISCARD_BUTTON), "nothing typed yet");

    type_fingerprint(w, "0000000000000000");
    w.assert_shows(home::DISCARD_MISMATCH);
    assert!(!w.button_enabled(home::DISCARD_BUTTON));
    // Enter does not delete either.
    w.harness.key_press(egui::Key::Enter);
    w.settle();
    assert!(
        w.store.contains(account),
        "nothing deleted on a wrong answer"
    );

    let typed = format!("{} {}", &fingerprint[..8], &fingerprint[8..]).to_uppercase();
    type_fingerprint(w, &typed);
    assert!(!w.shows(home::DISCARD_MISMATCH));
    w.click(home::DISCARD_BUTTON);
    w.wait_for("the home screen", |w| {
        w.screen() == Screen::Start && w.shows(&home::discarded(fingerprint))
    });
    assert!(!w.store.contains(account));
}

/// On the home screen with a ceremony stopped after storing its secret
/// (with this fingerprint): Resume, carry it on with that secret (nothing
/// new is made), register it; one ceremony from start to end.
fn resume_and_register(w: &mut Wizard, fingerprint: &str) {
    w.click("Resume");
    w.wait_for("the keychain check", |w| w.shows(KEYCHAIN_OK));
    w.assert_shows("REHEARSAL");
    w.click("Next");
    w.click("Use a practice key");
    check_key(w);
    // Straight on to the stored secret: nothing new is made.
    w.click("Next");
    w.wait_for("the stored secret", |w| w.shows(text::wizard::STORED_FOUND));
    assert_eq!(w.screen(), Screen::Stored);
    w.assert_shows(fingerprint);
    assert_eq!(w.store.accounts().len(), 1, "nothing new in the keychain");

    w.click("Next");
    assert_eq!(w.screen(), Screen::Destination);
    let target = w.dest_path("recovery.dat");
    type_destination(w, &target);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    review_and_confirm(w);
    w.click("Register this secret");
    w.wait_for("done", |w| w.shows(text::wizard::DONE_TITLE));
    assert!(target.exists());
    assert!(w.unfinished().is_empty());
}

/// As in the product: each run of the app makes its own simulated Circle.
/// A rehearsal stopped after storing its secret, then a new run; returns
/// the wizard, the secret's account and its fingerprint.
fn stopped_in_an_earlier_run() -> (Wizard, String, String) {
    let mut w = Wizard::new(Setup {
        fresh_simulator: true,
        ..Setup::default()
    });
    begin_rehearsal(&mut w);
    to_generated_secret(&mut w);
    store_secret(&mut w);
    let account = w.store.accounts().pop().unwrap();
    let fingerprint = w.store.get(&account).unwrap().unwrap().fingerprint();
    w.relaunch();
    w.assert_shows(text::status::UNFINISHED_TITLE);
    (w, account, fingerprint)
}

// ---------------------------------------------------------------------------
// Unfinished ceremonies: resume, discard, dismiss, a refusal.
// ---------------------------------------------------------------------------

#[test]
fn a_ceremony_stopped_after_storing_its_secret_resumes_with_it_and_registers_it() {
    let mut w = Wizard::new(Setup::default());
    let fingerprint = stopped_after_storing(&mut w);
    w.assert_shows(&text::status::situation(
        &Situation::NothingSent,
        CeremonyKind::Onboarding,
    ));
    w.assert_shows_containing(&fingerprint);
    assert!(w.has_button("Resume"));
    assert!(w.has_button("Discard…"));
    w.assert_readable();

    resume_and_register(&mut w, &fingerprint);
    assert_eq!(
        w.sim.registered_secret().unwrap().fingerprint(),
        fingerprint,
        "the stored secret is the one registered"
    );
    assert_eq!(w.store.accounts(), vec![registered_account(&w)]);
    w.click_role(Role::RadioButton, text::window::RECOVERY_KEPT_REMOVABLE);
    w.click(home::BACK_HOME);
    w.wait_for("the home screen", |w| w.has_button(home::NEW_CIPHERTEXT));
    assert!(!w.shows(text::status::UNFINISHED_TITLE));
}

#[test]
fn an_unregistered_secret_is_discarded_only_after_its_fingerprint_is_typed() {
    let mut w = Wizard::new(Setup::default());
    let fingerprint = stopped_after_storing(&mut w);
    let account = pending_account(&w);
    w.click("Discard…");
    discard_with_wrong_then_right(&mut w, &account, &fingerprint);
    assert!(!w.shows(text::status::UNFINISHED_TITLE));
    assert!(w.unfinished().is_empty());
    // The log says what was deleted, by fingerprint.
    let deleted = w.logged("discard_secret");
    assert_eq!(deleted.len(), 1);
    assert_eq!(
        deleted[0].secret_fingerprint.as_deref(),
        Some(fingerprint.as_str())
    );
    // A new rehearsal may begin for the app: nothing waits in its way.
    begin_rehearsal(&mut w);
    to_generated_secret(&mut w);
}

#[test]
fn after_circle_refuses_the_secret_it_is_listed_with_discard_and_no_resume() {
    let mut w = Wizard::new(Setup::default());
    to_confirmed_review(&mut w, "recovery.dat");
    w.sim.set_registered_secret(Some(EntitySecret::generate()));
    w.click("Register this secret");
    w.wait_for("the 409 screen", |w| {
        w.screen() == Screen::AlreadyRegistered
    });
    let ours = stored_secret(&w).fingerprint();
    w.click(home::BACK_HOME);
    w.wait_for("the home screen", |w| {
        w.screen() == Screen::Start && w.shows(text::status::UNFINISHED_TITLE)
    });
    w.assert_shows(&text::status::situation(
        &Situation::Refused,
        CeremonyKind::Onboarding,
    ));
    w.assert_shows_containing(&ours);
    assert!(
        !w.has_button("Resume"),
        "a refused secret cannot be registered"
    );
    let account = pending_account(&w);
    w.click("Discard…");
    discard_with_wrong_then_right(&mut w, &account, &ours);
    assert!(w.store.accounts().is_empty());
}

#[test]
fn a_rehearsal_stopped_in_an_earlier_run_is_resumed_with_its_apps_simulated_circle() {
    // The new run's simulated Circle answers as the rehearsal's app, with
    // the kept rehearsal key: the practice key is accepted for it.
    let (mut w, _, fingerprint) = stopped_in_an_earlier_run();
    resume_and_register(&mut w, &fingerprint);
}

#[test]
fn a_rehearsal_stopped_in_an_earlier_run_can_still_be_discarded() {
    let (mut w, account, fingerprint) = stopped_in_an_earlier_run();
    w.click("Discard…");
    discard_with_wrong_then_right(&mut w, &account, &fingerprint);
    assert!(!w.shows(text::status::UNFINISHED_TITLE));
}

#[test]
fn a_ceremony_whose_secret_is_gone_is_dismissed() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    to_generated_secret(&mut w);
    store_secret(&mut w);
    let account = pending_account(&w);
    w.relaunch();
    // The secret went away by other means.
    w.store.delete(&account).unwrap();
    w.relaunch();
    w.assert_shows(&text::status::situation(
        &Situation::SecretGone,
        CeremonyKind::Onboarding,
    ));
    assert!(!w.has_button("Resume"));
    assert!(!w.has_button("Discard…"));
    w.click("Dismiss");
    w.wait_for("the note gone", |w| w.shows(home::DISMISSED));
    assert!(!w.shows(text::status::UNFINISHED_TITLE));
    assert!(w.unfinished().is_empty());
}

#[test]
fn no_answer_from_circle_is_shown_with_what_is_known_and_only_a_check_with_circle() {
    let mut w = Wizard::new(Setup::default());
    sent_with_no_answer(&mut w);
    w.relaunch();
    w.assert_shows(&text::status::situation(
        &Situation::SentNoAnswer,
        CeremonyKind::Onboarding,
    ));
    // Circle may hold it: neither resumed, nor discarded, nor sent again;
    // only asked about.
    for label in ["Resume", "Discard…", "Finish", "Dismiss"] {
        assert!(!w.has_button(label), "{label}");
    }
    assert!(w.has_button("Check with Circle…"));
    assert_eq!(w.sim.received_ciphertexts().len(), 1);
}

// ---------------------------------------------------------------------------
// Keychain entries nothing explains.
// ---------------------------------------------------------------------------

#[test]
fn stray_keychain_entries_are_listed_with_discard_where_safe_and_the_reason_where_not() {
    let stray_pending = store::pending_account_name(Environment::Test, "stray-app");
    let stray_active = store::account_name(Environment::Live, "unrecorded-app", false);
    let pending_secret = EntitySecret::generate();
    let fingerprint = pending_secret.fingerprint();
    let (p, a) = (stray_pending.clone(), stray_active.clone());
    let mut w = Wizard::new(Setup {
        before_launch: Some(Box::new(move |_, keychains| {
            keychains.rehearsal.put(&p, &pending_secret).unwrap();
            keychains
                .rehearsal
                .put(&a, &EntitySecret::generate())
                .unwrap();
        })),
        ..Setup::default()
    });
    w.assert_shows(text::status::STRAYS_TITLE);
    w.assert_shows(&home::item_title(true, Environment::Test, "stray-app"));
    w.assert_shows(&home::item_title(true, Environment::Live, "unrecorded-app"));
    w.assert_shows(text::status::stray(store::AccountKind::Pending));
    w.assert_shows(text::status::stray(store::AccountKind::Active));
    // Discard for the staged one only; the other may be registered. Both
    // can be checked with Circle.
    assert_eq!(w.count_buttons("Discard…"), 1);
    assert_eq!(w.count_buttons("Check with Circle…"), 2);
    w.assert_readable();

    w.click("Discard…");
    discard_with_wrong_then_right(&mut w, &stray_pending, &fingerprint);
    assert!(!w.shows(&home::item_title(true, Environment::Test, "stray-app")));
    w.assert_shows(&home::item_title(true, Environment::Live, "unrecorded-app"));
    assert!(w.store.contains(&stray_active));
}

// ---------------------------------------------------------------------------
// Registrations.
// ---------------------------------------------------------------------------

#[test]
fn a_registration_whose_secret_is_missing_is_shown_as_a_problem_with_what_to_do() {
    let mut w = Wizard::new(Setup::default());
    let secret = EntitySecret::generate();
    recorded(&mut w, &secret);
    let problem = format!(
        "⚠ {}",
        text::status::attention(&entity_secret_wizard::ceremony::status::Attention::SecretMissing)
    );
    w.assert_shows(&problem);
    let error = w.error_color();
    assert_eq!(
        w.painted_color_of(&problem),
        Some(error),
        "in the error colour"
    );
    // No ciphertext of a secret that is not here; the documents still are.
    assert!(!w.has_button(home::NEW_CIPHERTEXT));
    assert!(w.has_button(home::SAVE_REMINDER));
    assert!(w.has_button(home::SAVE_RECORD));
}

#[test]
fn a_registrations_documents_are_saved_from_the_home_screen() {
    let mut w = Wizard::new(Setup {
        dialog: vec![Some("reminder.ics"), None],
        ..Setup::default()
    });
    let secret = registered(&mut w);
    w.click(home::SAVE_REMINDER);
    let reminder = w.dest_path("reminder.ics");
    w.wait_for("the reminder", |w| {
        w.shows(&home::reminder_saved(&reminder))
    });
    assert!(
        std::fs::read_to_string(&reminder)
            .unwrap()
            .contains("TRIGGER:-P14D")
    );
    // No dialog: the typed path under the registration.
    let record = w.dest_path("record.md");
    type_after_no_dialog(&mut w, home::SAVE_RECORD, home::DOCUMENT_PATH, &record);
    w.click(home::SAVE_RECORD_HERE);
    w.wait_for("the record", |w| w.shows(&home::record_saved(&record)));
    let md = std::fs::read_to_string(&record).unwrap();
    assert!(md.contains("REHEARSAL"), "{md}");
    assert!(md.contains(&secret.fingerprint()), "{md}");
    assert!(md.contains(&w.sim.public_key().fingerprint()), "{md}");
    assert!(!md.contains(secret.expose_hex().as_str()));
}

// ---------------------------------------------------------------------------
// Finishing what Circle accepted.
// ---------------------------------------------------------------------------

/// What a stop leaves when Circle accepted the secret and the recovery
/// file was being written: the secret staged, the journal naming the
/// temporary file, which holds the whole content. Returns the content,
/// the temporary file and the target.
fn accepted_with_recovery_in_temp(w: &mut Wizard) -> (String, PathBuf, PathBuf) {
    let secret = EntitySecret::generate();
    w.sim.set_registered_secret(Some(secret.duplicate()));
    w.store.put(&pending_account(w), &secret).unwrap();
    let content = "cmVjb3ZlcnkgZmlsZSBmcm9tIENpcmNsZQ==".to_owned();
    let temp = w.dest_path(".recovery_file_0123456789abcdef.tmp");
    let target = w.dest_path("recovery_file.dat");
    std::fs::write(&temp, &content).unwrap();
    let now = gui_support::now();
    Journal::open(w.rehearsal_dir())
        .unwrap()
        .begin(&InProgress {
            id: uuid::Uuid::new_v4(),
            rehearsal: true,
            ceremony: CeremonyKind::Onboarding,
            environment: Environment::Test,
            app_id: w.sim.app_id().to_owned(),
            secret_fingerprint: secret.fingerprint(),
            keychain_service: store::REHEARSAL_SERVICE.to_owned(),
            keychain_account: pending_account(w),
            stage: Stage::Registered,
            started_at: now,
            updated_at: now,
            promote_to: Some(registered_account(w)),
            retire: None,
            recovery: RecoveryProgress::Writing {
                temp: temp.clone(),
                target: target.clone(),
                sha256: sha256_hex(content.as_bytes()),
                unverified: None,
            },
            promoted: false,
            record_written: false,
            previous_recovery: None,
            public_key_fingerprint: Some(w.sim.public_key().fingerprint()),
            accepted_at: Some(now),
        })
        .unwrap();
    w.relaunch();
    (content, temp, target)
}

#[test]
fn finishing_after_a_stop_saves_the_recovery_file_found_in_a_temporary_file() {
    let mut w = Wizard::new(Setup::default());
    let (content, temp, target) = accepted_with_recovery_in_temp(&mut w);
    w.assert_shows(&text::status::situation(
        &Situation::AcceptedRecoveryInTemp {
            temp: temp.clone(),
            target: target.clone(),
        },
        CeremonyKind::Onboarding,
    ));
    assert!(!w.has_button("Discard…"), "Circle holds it");
    w.click("Finish");
    w.wait_for("the finish screen", |w| {
        w.has_button(home::SAVE_WHERE_IT_WAS_GOING)
    });
    assert_eq!(w.screen(), Screen::Finish);
    w.assert_shows(&home::leftover_found(
        &temp,
        &target,
        &sha256_hex(content.as_bytes()),
    ));
    assert!(
        !w.has_button(home::FINISH_BUTTON),
        "the file is saved first"
    );
    w.assert_readable();

    w.click(home::SAVE_WHERE_IT_WAS_GOING);
    w.wait_for("the saved file", |w| {
        w.shows(&home::leftover_saved(&target))
    });
    assert_eq!(std::fs::read_to_string(&target).unwrap(), content);
    assert!(!temp.exists());
    w.click(home::FINISH_BUTTON);
    w.wait_for("finished", |w| w.shows(home::FINISHED));
    w.assert_shows(&target.display().to_string());
    assert_eq!(w.store.accounts(), vec![registered_account(&w)]);
    assert!(w.unfinished().is_empty());
    let records = Records::open(w.rehearsal_dir()).unwrap().list().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].recovery_path.as_deref(), Some(target.as_path()));
    assert_eq!(records[0].recovery_warning, None);

    w.click(home::BACK_HOME);
    w.wait_for("the home screen", |w| w.has_button(home::NEW_CIPHERTEXT));
    assert!(!w.shows(text::status::UNFINISHED_TITLE));
}

#[test]
fn a_recovery_file_found_on_disk_can_be_saved_somewhere_else_first() {
    let mut w = Wizard::new(Setup::default());
    let (content, temp, target) = accepted_with_recovery_in_temp(&mut w);
    w.click("Finish");
    w.wait_for("the finish screen", |w| {
        w.has_button(home::SAVE_WHERE_IT_WAS_GOING)
    });
    // No dialog here: the typed path.
    let elsewhere = w.dest_path("elsewhere.dat");
    type_after_no_dialog(
        &mut w,
        home::SAVE_ELSEWHERE,
        text::wizard::RECOVERY_FILE_PATH,
        &elsewhere,
    );
    w.click(home::SAVE_HERE);
    w.wait_for("the saved file", |w| {
        w.shows(&home::leftover_saved(&elsewhere))
    });
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), content);
    assert!(!target.exists() && !temp.exists());
    w.click(home::FINISH_BUTTON);
    w.wait_for("finished", |w| w.shows(home::FINISHED));
    let records = Records::open(w.rehearsal_dir()).unwrap().list().unwrap();
    assert_eq!(
        records[0].recovery_path.as_deref(),
        Some(elsewhere.as_path())
    );
}

// ---------------------------------------------------------------------------
// A small window.
// ---------------------------------------------------------------------------

#[test]
fn the_home_screen_wraps_to_a_640_by_520_window() {
    let mut w = Wizard::new(Setup {
        size: Some(egui::vec2(640.0, 520.0)),
        before_launch: Some(Box::new(|_, keychains| {
            let stray =
                store::pending_account_name(Environment::Live, "a-rather-long-app-id-0123456789");
            keychains
                .rehearsal
                .put(&stray, &EntitySecret::generate())
                .unwrap();
        })),
        ..Setup::default()
    });
    stopped_after_storing(&mut w);
    let secret = EntitySecret::generate();
    recorded(&mut w, &secret);
    w.assert_shows(text::status::STRAYS_TITLE);
    let past = w.painted_past(640.0);
    assert!(past.is_empty(), "texts past the window's edge: {past:#?}");
}
