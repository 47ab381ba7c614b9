//! The wizard driven through its accessibility tree (egui_kittest): found by
//! role and label, clicked, typed into, against the simulated Circle on
//! loopback, an in-memory keychain, a scripted save dialog and a memory
//! clipboard. The app state is the real one; only the outside is replaced.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use std::path::PathBuf;
use std::time::Duration;

use egui::accesskit::Role;
use egui::{FontId, Key};
use egui_kittest::kittest::Queryable;
use entity_secret_wizard::app::Screen;
use entity_secret_wizard::circle::CircleError;
use entity_secret_wizard::error::Explain;
use entity_secret_wizard::secret::{ApiKeyError, EntitySecret, Environment, sha256_hex};
use entity_secret_wizard::simulator::{Endpoint, Fault};
use entity_secret_wizard::store::{self, Records, SecretStore};
use entity_secret_wizard::text;
use gui_support::flow::*;
use gui_support::{Setup, Wizard, all_bytes_under, no_secret_service};

// ---------------------------------------------------------------------------
// Checks of the flow (its steps are in gui_support::flow).
// ---------------------------------------------------------------------------

/// The API key field holds `key`, shown to screen readers as one bullet per
/// character and nothing more.
fn assert_key_masked(w: &Wizard, key: &str, why: &str) {
    let field = w
        .harness
        .get_by_role_and_label(Role::PasswordInput, "API key");
    assert_eq!(
        field.value().unwrap(),
        "•".repeat(key.chars().count()),
        "{why}"
    );
}

/// On the Done screen: the document path starts empty, so neither "here"
/// button points at the recovery file.
fn assert_document_path_empty(w: &Wizard) {
    let field = w
        .harness
        .get_by_role_and_label(Role::TextInput, "Document path");
    assert_eq!(field.value().unwrap_or_default(), "", "{}", w.dump());
    assert!(!w.button_enabled("Save reminder here"));
    assert!(!w.button_enabled("Save record here"));
}

fn is_secret_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

// ---------------------------------------------------------------------------
// 1 and 5: a whole rehearsal, every screen recorded.
// ---------------------------------------------------------------------------

/// What one screen showed.
struct Visit {
    screen: Screen,
    what: &'static str,
    texts: Vec<String>,
}

fn visit(w: &Wizard, what: &'static str, visits: &mut Vec<Visit>) {
    // Every control on every screen can be reached by role and name.
    w.harness.check_accessibility();
    visits.push(Visit {
        screen: w.screen(),
        what,
        texts: w.texts(),
    });
}

/// Paths a full rehearsal writes.
struct Written {
    recovery: PathBuf,
    reminder: PathBuf,
    record: PathBuf,
    revealed_hex: String,
}

/// The whole rehearsal from the first screen to the start screen again.
/// The dialog must answer `recovery_file.dat`, then `reminder.ics`.
fn full_rehearsal(w: &mut Wizard) -> (Vec<Visit>, Written) {
    let mut v = Vec::new();
    visit(w, "start", &mut v);
    begin_rehearsal(w);
    visit(w, "keychain checked", &mut v);

    w.click("Next");
    visit(w, "api key, empty", &mut v);
    w.click("Use a practice key");
    visit(w, "api key, filled", &mut v);
    check_key(w);
    visit(w, "api key, accepted", &mut v);

    w.click("Next");
    visit(w, "secret, none yet", &mut v);
    w.click("Generate a new secret");
    w.wait_for("a secret", |w| w.shows("Generated on this computer"));
    visit(w, "secret, hidden", &mut v);
    w.click("Reveal secret for 30 s");
    w.wait_for("the revealed secret", |w| {
        w.texts().iter().any(|t| is_secret_hex(t))
    });
    visit(w, "secret, revealed", &mut v);
    let revealed_hex = w.texts().into_iter().find(|t| is_secret_hex(t)).unwrap();
    w.click("Hide secret");
    store_secret(w);
    visit(w, "stored", &mut v);

    w.click("Next");
    visit(w, "destination, none yet", &mut v);
    w.click("Choose where to save…");
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    visit(w, "destination, chosen", &mut v);
    let recovery = w.dest_path("recovery_file.dat");
    w.assert_shows(&recovery.display().to_string());

    w.click("Review");
    w.wait_for("the review", |w| w.shows("Circle public key (SHA-256)"));
    visit(w, "review", &mut v);
    w.click_role(Role::CheckBox, text::wizard::REVIEW_CONFIRM);
    w.wait_for("the confirmation", |w| {
        w.button_enabled("Register this secret")
    });
    visit(w, "review, confirmed", &mut v);

    // A slow Circle, so the registering step can be seen.
    w.sim
        .push_fault(Endpoint::Register, Fault::Delay(Duration::from_millis(700)));
    w.click("Register this secret");
    w.run_until("registration in flight", |w| {
        w.screen() == Screen::Registering && w.shows(text::wizard::REGISTERING_WAIT)
    });
    visit(w, "registering", &mut v);
    w.wait_for("the done screen", |w| w.shows(text::wizard::DONE_TITLE));
    visit(w, "done", &mut v);

    // The reminder through the (scripted) dialog, the record to a typed path.
    let reminder = w.dest_path("reminder.ics");
    w.click("Save calendar reminder (.ics)…");
    w.wait_for("the reminder", |w| {
        w.shows_containing("✔ Calendar reminder saved to")
    });
    w.assert_shows(&format!(
        "✔ Calendar reminder saved to {}",
        reminder.display()
    ));
    // The dialog opened where the recovery file went, not wherever the
    // desktop portal happened to be.
    assert_eq!(
        w.dialogs.save_folders().last(),
        Some(&Some(w.dest.path().to_path_buf()))
    );
    let record = w.dest_path("ceremony-record.md");
    w.type_into(
        Role::TextInput,
        "Document path",
        &record.display().to_string(),
    );
    w.click("Save record here");
    w.wait_for("the record", |w| {
        w.shows_containing("✔ Ceremony record saved to")
    });
    w.assert_shows(&format!("✔ Ceremony record saved to {}", record.display()));
    // A typed folder gets the document under its own name.
    let folder = w.dest.path().join("records");
    std::fs::create_dir(&folder).unwrap();
    w.type_into(
        Role::TextInput,
        "Document path",
        &folder.display().to_string(),
    );
    w.click("Save reminder here");
    w.wait_for("the reminder in a folder", |w| {
        w.shows_containing(&format!(
            "✔ Calendar reminder saved to {}/REHEARSAL-rotate-entity-secret-test-",
            folder.display()
        ))
    });
    let in_folder: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(in_folder.len(), 1);
    assert!(
        std::fs::read_to_string(&in_folder[0])
            .unwrap()
            .contains("TRIGGER:-P14D")
    );
    visit(w, "done, documents saved", &mut v);

    w.click_role(Role::RadioButton, text::window::RECOVERY_KEPT_REMOVABLE);
    w.assert_shows(text::wizard::DONE_FINISHED);
    visit(w, "done, finished", &mut v);
    w.click("Back to the start");
    w.wait_for("the start screen with the new registration", |w| {
        w.screen() == Screen::Start && w.shows_containing("[Rehearsal] TEST — app")
    });
    visit(w, "start, afterwards", &mut v);
    (
        v,
        Written {
            recovery,
            reminder,
            record,
            revealed_hex,
        },
    )
}

fn rehearsal_setup() -> Setup {
    Setup {
        dialog: vec![Some("recovery_file.dat"), Some("reminder.ics")],
        ..Setup::default()
    }
}

#[test]
fn a_whole_rehearsal_from_the_first_screen_to_done() {
    let mut w = Wizard::new(rehearsal_setup());
    let (visits, written) = full_rehearsal(&mut w);

    // Every step screen was seen, each saying which step it is, each with
    // the REHEARSAL badge; the start screen has neither.
    let mut seen_steps = Vec::new();
    for visit in &visits {
        let steps: Vec<&String> = visit
            .texts
            .iter()
            .filter(|t| t.starts_with("Step ") && t.ends_with(" of 8"))
            .collect();
        match visit.screen.step_index() {
            Some(index) => {
                let expected = format!("Step {} of 8", index + 1);
                assert!(
                    steps.iter().all(|s| **s == expected) && !steps.is_empty(),
                    "{}: expected {expected:?}, saw {steps:?}",
                    visit.what
                );
                assert!(
                    visit.texts.iter().any(|t| t == "REHEARSAL"),
                    "{}: no REHEARSAL badge",
                    visit.what
                );
                seen_steps.push(index);
            }
            None => {
                assert!(steps.is_empty(), "{}: {steps:?}", visit.what);
                assert!(
                    !visit.texts.iter().any(|t| t == "REHEARSAL"),
                    "{}: a badge on a non-step screen",
                    visit.what
                );
            }
        }
    }
    seen_steps.dedup();
    assert_eq!(seen_steps, (0..8).collect::<Vec<_>>(), "steps in order");

    // The window title said so during the rehearsal, and not afterwards.
    let titles = w.titles();
    assert_eq!(
        titles,
        vec![
            "Entity Secret Wizard — Rehearsal".to_owned(),
            "Entity Secret Wizard".to_owned()
        ]
    );

    // The recovery file is what the simulated Circle issued, byte for byte.
    let issued = w.sim.issued_recovery_files();
    assert_eq!(issued.len(), 1);
    assert_eq!(
        std::fs::read(&written.recovery).unwrap(),
        issued[0].as_bytes()
    );
    // The keychain holds exactly the secret Circle decrypted, and it is the
    // one the screen revealed.
    let stored = stored_secret(&w);
    assert_eq!(Some(stored.duplicate()), w.sim.registered_secret());
    assert_eq!(stored.expose_hex().as_str(), written.revealed_hex);
    assert_eq!(
        w.store.accounts(),
        vec![registered_account(&w)],
        "no probe entry left behind"
    );

    // The record of the registration, and the documents.
    let records = Records::open(w.data.path().join(store::REHEARSAL_SUBDIR))
        .unwrap()
        .list()
        .unwrap();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.registered_at, gui_support::now());
    assert_eq!((record.rotate_by - record.registered_at).num_days(), 180);
    let ics = std::fs::read_to_string(&written.reminder).unwrap();
    assert!(
        ics.contains(&format!(
            "DTSTART;VALUE=DATE:{}\r\n",
            record.rotate_by.format("%Y%m%d")
        )),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20270520\r\n"), "{ics}");
    assert!(ics.contains("TRIGGER:-P14D\r\n"), "{ics}");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    let md = std::fs::read_to_string(&written.record).unwrap();
    assert!(md.contains("REHEARSAL"), "{md}");
    assert!(md.contains(&stored.fingerprint()), "{md}");
    assert!(md.contains(&w.sim.public_key().fingerprint()), "{md}");
    assert!(md.contains(&sha256_hex(issued[0].as_bytes())), "{md}");
    assert!(
        !md.to_lowercase().contains(written.revealed_hex.as_str()),
        "no secret in the record"
    );
    // The Done screen showed the rotation date.
    let done = visits.iter().find(|v| v.what == "done").unwrap();
    assert!(done.texts.iter().any(|t| t == "2027-05-20"));
}

#[test]
fn every_text_on_every_screen_has_glyphs_in_the_app_fonts() {
    let mut w = Wizard::new(rehearsal_setup());
    let (visits, _) = full_rehearsal(&mut w);
    let mut missing = Vec::new();
    for visit in &visits {
        for (t, chars) in w.lacking_glyphs(&visit.texts) {
            missing.push(format!("{}: {chars:?} in {t:?}", visit.what));
        }
    }
    assert!(
        missing.is_empty(),
        "texts with glyphs the fonts lack:\n{}",
        missing.join("\n")
    );
    let font = FontId::proportional(14.0);
    // The symbols the wizard relies on, explicitly.
    for symbol in ["✔", "▶", "◀", "○", "⚠", "•", "→", "…", "—"] {
        assert!(
            w.harness.ctx.fonts_mut(|f| f.has_glyphs(&font, symbol)),
            "{symbol}"
        );
    }
}

// ---------------------------------------------------------------------------
// 2: unhappy paths.
// ---------------------------------------------------------------------------

#[test]
fn a_badly_shaped_api_key_says_why_and_cannot_be_sent() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    w.click("Next");
    let before = w.sim.requests().len();

    w.type_into(Role::PasswordInput, "API key", "TEST_API_KEY:onlytwoparts");
    // Not judged while being typed (it may be a key half-typed)...
    assert!(!w.shows(&ApiKeyError::WrongShape.to_string()));
    // ...but when sent: said, tied to the field, and nothing sent.
    w.click("Check key with Circle");
    w.assert_shows(&ApiKeyError::WrongShape.to_string());
    assert!(!w.button_enabled("Next"));
    w.assert_shows("Circle must accept the key first.");

    w.click("Clear");
    let field = w
        .harness
        .get_by_role_and_label(Role::PasswordInput, "API key");
    assert_eq!(field.value().unwrap_or_default(), "", "Clear empties it");
    assert!(!w.button_enabled("Clear"));
    w.type_into(Role::PasswordInput, "API key", "TEST_CLIENT_KEY:abc:def");
    assert!(!w.shows(&ApiKeyError::ClientKey.to_string()));
    // A pause in typing judges it without sending.
    w.pause_typing();
    w.assert_shows(&ApiKeyError::ClientKey.to_string());

    // Enter does not send it either.
    w.harness.key_press(Key::Enter);
    w.settle();
    assert_eq!(w.sim.requests().len(), before, "nothing reached Circle");
    assert_eq!(w.screen(), Screen::ApiKey);

    // A well-shaped key clears the complaint.
    w.click("Clear");
    assert!(!w.shows(&ApiKeyError::ClientKey.to_string()));
    w.type_into(
        Role::PasswordInput,
        "API key",
        "TEST_API_KEY:abcd1234:efgh5678",
    );
    assert!(w.button_enabled("Check key with Circle"));
    for complaint in [
        ApiKeyError::Empty,
        ApiKeyError::ClientKey,
        ApiKeyError::UnknownPrefix,
        ApiKeyError::WrongShape,
        ApiKeyError::BadCharacter,
        ApiKeyError::TooLong,
    ] {
        assert!(!w.shows(&complaint.to_string()), "{complaint:?}");
    }
}

#[test]
fn a_refused_api_key_shows_the_error_the_next_step_and_the_request_id() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    w.click("Next");
    w.click("Use a practice key");
    w.sim.push_fault(Endpoint::Entity, Fault::Unauthorized);
    w.click("Check key with Circle");
    let refused = CircleError::Unauthorized { request_id: None };
    w.wait_for("the refusal", |w| w.shows(&refused.to_string()));
    w.assert_shows(&refused.next_step());
    w.assert_shows("Circle request id:");
    let ids: Vec<String> = w
        .sim
        .request_log()
        .into_iter()
        .filter(|(_, path, _)| path.ends_with("/config/entity"))
        .filter_map(|(_, _, id)| id)
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    w.assert_shows(&ids[0]);
    assert!(!w.button_enabled("Next"));
    assert_eq!(w.screen(), Screen::ApiKey);
    assert!(w.app().snapshot().unwrap().environment.is_none());

    // The key is still in the field: trying again works.
    let field = w
        .harness
        .get_by_role_and_label(Role::PasswordInput, "API key");
    assert!(field.value().is_some_and(|v| !v.is_empty()));
    check_key(&mut w);
    assert!(!w.shows(&refused.to_string()), "the old error is gone");
    assert!(w.button_enabled("Next"));
}

#[test]
fn a_failing_keychain_shows_the_fix_and_try_again_recovers() {
    let mut w = Wizard::new(Setup::default());
    let failure = no_secret_service();
    let (message, next_step) = (failure.to_string(), failure.next_step());
    w.store.fail_next_probe(failure);
    w.click("Rehearsal");
    w.wait_for("the keychain error", |w| w.shows(&message));
    w.assert_shows(&next_step);
    w.assert_shows(text::wizard::KEYCHAIN_FIX);
    w.harness.check_accessibility();
    assert!(!w.shows(KEYCHAIN_OK));
    assert!(!w.button_enabled("Next"));
    w.assert_shows("The keychain check must pass first.");
    assert!(w.store.accounts().is_empty());
    assert!(w.sim.requests().is_empty(), "nothing reached Circle");

    w.click("Try again");
    w.wait_for("the keychain check", |w| w.shows(KEYCHAIN_OK));
    assert!(!w.shows(&message));
    assert!(!w.has_button("Try again"));
    assert!(w.button_enabled("Next"));
    w.click("Next");
    assert_eq!(w.screen(), Screen::ApiKey);
}

#[test]
fn a_cancelled_dialog_points_to_the_typed_path_which_then_works() {
    let mut w = Wizard::new(Setup {
        dialog: vec![None],
        ..Setup::default()
    });
    to_destination(&mut w);
    w.click("Choose where to save…");
    w.wait_for("the cancelled dialog's hint", |w| {
        w.shows(text::dialog::CANCELLED)
    });
    w.assert_shows(text::wizard::DESTINATION_TYPED);
    assert!(!w.button_enabled("Review"));
    w.assert_shows("Choose a place for the recovery file first.");

    let target = w.dest_path("typed.dat");
    type_destination(&mut w, &target);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    w.assert_shows(&target.display().to_string());
    assert!(!w.shows(text::dialog::CANCELLED));
    assert!(w.button_enabled("Review"));
    review_and_confirm(&mut w);
    w.assert_shows(&target.display().to_string());
}

#[test]
fn an_unwritable_destination_shows_the_error_and_review_stays_disabled() {
    let mut w = Wizard::new(Setup::default());
    to_destination(&mut w);
    let missing = w.dest_path("no-such-folder").join("recovery.dat");
    type_destination(&mut w, &missing);
    let complaint = format!(
        "The folder {} does not exist.",
        missing.parent().unwrap().display()
    );
    w.wait_for("the destination error", |w| w.shows(&complaint));
    w.assert_shows_containing(text::recovery::RECOVERY_DIR_MISSING_HINT);
    assert!(!w.shows(WRITABLE));
    assert!(!w.button_enabled("Review"));
    w.assert_shows("Choose a place for the recovery file first.");
    // Enter does not reach the review either.
    w.harness.key_press(Key::Enter);
    w.settle();
    assert_eq!(w.screen(), Screen::Destination);
    assert!(w.sim.received_ciphertexts().is_empty());
    assert!(std::fs::read_dir(w.dest.path()).unwrap().next().is_none());
    // The secret is still in the keychain.
    stored_secret(&w);
}

#[test]
fn already_registered_keeps_the_secret_in_the_keychain() {
    let mut w = Wizard::new(Setup::default());
    let target = to_confirmed_review(&mut w, "recovery.dat");
    let theirs = EntitySecret::generate();
    w.sim.set_registered_secret(Some(theirs.duplicate()));
    w.click("Register this secret");
    w.wait_for("the 409 screen", |w| {
        w.shows("This account already has an entity secret")
    });
    assert_eq!(w.screen(), Screen::AlreadyRegistered);
    w.assert_shows(text::wizard::ALREADY_REGISTERED);
    w.assert_shows(text::wizard::ALREADY_REGISTERED_NEXT);
    w.harness.check_accessibility();
    assert!(!w.shows(text::wizard::ALREADY_REGISTERED_MAYBE_OURS));
    w.assert_shows_containing("Circle request id: ");
    let ours = stored_secret(&w);
    w.assert_shows(&format!(
        "The secret made here (fingerprint {}) is kept in the keychain as {} / {}. It was not registered.",
        ours.fingerprint(),
        store::REHEARSAL_SERVICE,
        store::pending_account_name(Environment::Test, w.sim.app_id())
    ));
    assert_ne!(ours, theirs);
    assert_eq!(w.sim.registered_secret(), Some(theirs));
    assert!(!target.exists(), "no recovery file is invented");
    assert!(!w.request_close(), "nothing unsaved: closing is allowed");

    w.click("Back to the start");
    w.wait_for("the start screen", |w| w.screen() == Screen::Start);
    stored_secret(&w);
}

#[test]
fn rate_limited_then_registered_with_a_fresh_ciphertext() {
    let mut w = Wizard::new(Setup::default());
    let target = to_confirmed_review(&mut w, "recovery.dat");
    w.sim.push_fault(Endpoint::Register, Fault::RateLimited);
    w.click("Register this secret");
    w.wait_for("the done screen", |w| w.shows(text::wizard::DONE_TITLE));
    let sent = w.sim.received_ciphertexts();
    assert_eq!(sent.len(), 2);
    assert_ne!(sent[0], sent[1], "every attempt is encrypted afresh");
    assert_eq!(Some(stored_secret(&w)), w.sim.registered_secret());
    assert_eq!(
        std::fs::read(&target).unwrap(),
        w.sim.issued_recovery_files()[0].as_bytes()
    );
    // The path typed for the recovery file is not offered for documents.
    assert_document_path_empty(&w);
}

#[test]
fn a_connection_dropped_after_registering_says_no_answer() {
    let mut w = Wizard::new(Setup::default());
    let target = to_confirmed_review(&mut w, "recovery.dat");
    w.sim
        .push_fault(Endpoint::Register, Fault::DropAfterRegister);
    w.click("Register this secret");
    w.wait_for("the no-answer screen", |w| {
        w.shows("No clear answer from Circle")
    });
    assert_eq!(w.screen(), Screen::OutcomeUnknown);
    w.assert_shows(text::wizard::OUTCOME_UNKNOWN);
    w.assert_shows(text::wizard::OUTCOME_UNKNOWN_NEXT);
    w.harness.check_accessibility();
    let ours = stored_secret(&w);
    w.assert_shows_containing(&format!("(fingerprint {})", ours.fingerprint()));
    w.assert_shows_containing("Do not delete it.");
    assert_eq!(
        w.sim.received_ciphertexts().len(),
        1,
        "never resent blindly"
    );
    assert_eq!(w.sim.registered_secret(), Some(ours.duplicate()));
    assert!(!target.exists());

    // The way forward asks Circle which secret it holds (tests/gui_check.rs);
    // nothing offers to send the same secret blindly again.
    assert!(w.has_button("Check with Circle…"));
    assert!(!w.has_button("Try again with the same secret"));
    assert_eq!(stored_secret(&w), ours);
}

/// Register while something takes the destination's name (a delay on
/// Circle's side makes the window), so the recovery file cannot be written.
/// Returns the squatted destination.
fn register_into_a_taken_destination(w: &mut Wizard) -> PathBuf {
    let target = to_confirmed_review(w, "recovery.dat");
    w.sim.push_fault(
        Endpoint::Register,
        Fault::Delay(Duration::from_millis(1000)),
    );
    let sim = std::sync::Arc::clone(&w.sim);
    let squatted = target.clone();
    let squatter = std::thread::Builder::new()
        .name("squatter".to_owned())
        .spawn(move || {
            // The ciphertext is noted on arrival, before the delay.
            while sim.received_ciphertexts().is_empty() {
                std::thread::sleep(Duration::from_millis(2));
            }
            std::fs::write(&squatted, b"someone else's file").unwrap();
        })
        .unwrap();
    w.click("Register this secret");
    squatter.join().unwrap();
    target
}

#[test]
fn a_failed_recovery_write_keeps_it_until_saved_elsewhere() {
    let mut w = Wizard::new(Setup::default());
    let target = register_into_a_taken_destination(&mut w);
    // Registration happened: at no frame may the screen say otherwise.
    let said_nothing_registered = std::cell::Cell::new(false);
    w.wait_for("the unsaved state", |w| {
        if w.shows(text::wizard::REGISTER_FAILED_NOTHING_LOST) {
            said_nothing_registered.set(true);
        }
        w.shows(text::wizard::RECOVERY_UNSAVED)
    });
    assert!(
        !said_nothing_registered.get(),
        "the screen said nothing was registered"
    );
    assert_eq!(w.screen(), Screen::Registering);
    w.assert_shows("Step 7 of 8");
    let issued = w.sim.issued_recovery_files();
    assert_eq!(issued.len(), 1);
    w.assert_shows(&format!(
        "Recovery file held in memory, SHA-256 {}.",
        sha256_hex(issued[0].as_bytes())
    ));
    assert!(w.button_enabled("Try the same place again"));
    assert!(w.button_enabled("Choose another place…"));
    w.harness.check_accessibility();
    assert_eq!(std::fs::read(&target).unwrap(), b"someone else's file");

    let elsewhere = w.dest_path("elsewhere.dat");
    w.type_into(
        Role::TextInput,
        "Recovery file path",
        &elsewhere.display().to_string(),
    );
    w.click("Save here");
    w.wait_for("the done screen", |w| w.shows(text::wizard::DONE_TITLE));
    assert_eq!(std::fs::read(&elsewhere).unwrap(), issued[0].as_bytes());
    assert_eq!(
        std::fs::read(&target).unwrap(),
        b"someone else's file",
        "never clobbered"
    );
    w.assert_shows(&elsewhere.display().to_string());
    assert_document_path_empty(&w);
    assert_eq!(Some(stored_secret(&w)), w.sim.registered_secret());
}

#[test]
fn the_write_that_follows_a_save_dialog_is_busy_and_unclosable_until_it_ends() {
    let mut w = Wizard::new(Setup {
        dialog: vec![Some("elsewhere.dat")],
        ..Setup::default()
    });
    let _ = register_into_a_taken_destination(&mut w);
    w.wait_for("the unsaved state", |w| {
        w.shows(text::wizard::RECOVERY_UNSAVED)
    });
    // The keychain move after the write waits: the command is under way
    // after its dialog closed, for as long as the test says (and no longer
    // than the test, pass or fail, or the app's runtime never ends).
    struct ReleaseOnDrop(std::sync::Arc<entity_secret_wizard::store::MemoryStore>);
    impl Drop for ReleaseOnDrop {
        fn drop(&mut self) {
            self.0.release_writes();
        }
    }
    w.store.hold_writes();
    let _release = ReleaseOnDrop(std::sync::Arc::clone(&w.store));
    w.click("Choose another place…");
    let elsewhere = w.dest_path("elsewhere.dat");
    w.run_until("the file written after the dialog", |_| elsewhere.exists());
    assert!(w.app().is_busy(), "idle while the ceremony still writes");
    w.assert_shows(text::wizard::WRITING_RECOVERY_BUSY);
    assert!(w.request_close(), "close must be cancelled while it writes");
    w.settle();
    w.assert_shows(text::wizard::CLOSE_REFUSED_IN_FLIGHT);
    w.store.release_writes();
    w.wait_for("the done screen", |w| w.shows(text::wizard::DONE_TITLE));
}

// ---------------------------------------------------------------------------
// 3: closing.
// ---------------------------------------------------------------------------

#[test]
fn closing_is_refused_while_registering_and_while_the_recovery_file_is_unsaved() {
    let mut w = Wizard::new(Setup::default());
    assert!(!w.request_close(), "the start screen closes");

    let _ = register_into_a_taken_destination(&mut w);
    // In flight: refused, and told why.
    w.run_until("registration in flight", |w| {
        w.app().is_busy() && w.shows(text::wizard::REGISTERING_WAIT)
    });
    assert!(w.request_close(), "close must be cancelled while in flight");
    w.settle();
    w.assert_shows(text::wizard::CLOSE_REFUSED_TITLE);
    w.assert_shows(text::wizard::CLOSE_REFUSED_IN_FLIGHT);
    w.harness.check_accessibility();
    w.click("Stay and finish");
    assert!(!w.shows(text::wizard::CLOSE_REFUSED_TITLE));

    w.wait_for("the unsaved state", |w| {
        w.shows(text::wizard::RECOVERY_UNSAVED)
    });
    assert!(w.request_close(), "close must be cancelled while unsaved");
    w.settle();
    w.assert_shows(text::wizard::CLOSE_REFUSED_TITLE);
    w.assert_shows(text::wizard::CLOSE_REFUSED_UNSAVED);
    // And again: every attempt is refused.
    w.click("Stay and finish");
    assert!(w.request_close());
    w.settle();
    w.assert_shows(text::wizard::CLOSE_REFUSED_UNSAVED);
    w.click("Stay and finish");
    assert!(!w.shows(text::wizard::CLOSE_REFUSED_TITLE));

    let elsewhere = w.dest_path("elsewhere.dat");
    w.type_into(
        Role::TextInput,
        "Recovery file path",
        &elsewhere.display().to_string(),
    );
    w.click("Save here");
    w.wait_for("the done screen", |w| w.shows(text::wizard::DONE_TITLE));
    assert!(!w.request_close(), "saved: closing is allowed");
    w.settle();
    assert!(!w.shows(text::wizard::CLOSE_REFUSED_TITLE));
}

// ---------------------------------------------------------------------------
// 4: secrets.
// ---------------------------------------------------------------------------

/// A recording `eframe::Storage`.
#[derive(Default)]
struct RecordingStorage {
    written: Vec<(String, String)>,
}

impl eframe::Storage for RecordingStorage {
    fn get_string(&self, _key: &str) -> Option<String> {
        None
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.written.push((key.to_owned(), value));
    }
    fn remove_string(&mut self, _key: &str) {}
    fn flush(&mut self) {}
}

/// The last content-protection request the window made, if any.
fn last_protection(w: &Wizard) -> Option<bool> {
    w.commands.iter().rev().find_map(|c| match c {
        egui::ViewportCommand::ContentProtected(on) => Some(*on),
        _ => None,
    })
}

#[test]
fn the_secret_is_shown_only_when_asked_and_copied_exactly() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    to_generated_secret(&mut w);

    let hidden_tree = w.texts();
    let hidden_paint = w.painted_text();
    w.assert_shows("Secret hidden");
    assert_eq!(last_protection(&w), None, "nothing secret on screen yet");
    assert!(!hidden_tree.iter().any(|t| is_secret_hex(t)));

    w.click("Reveal secret for 30 s");
    w.wait_for("the revealed secret", |w| {
        w.texts().iter().any(|t| is_secret_hex(t))
    });
    let hex = w.texts().into_iter().find(|t| is_secret_hex(t)).unwrap();
    assert!(w.painted_text().iter().any(|t| t.contains(&hex)));
    w.assert_shows_containing("Hides itself in ");
    // Before the reveal, neither a screen reader nor the eye got it.
    assert!(
        !hidden_tree
            .iter()
            .any(|t| t.to_lowercase().contains(&hex[..16]))
    );
    assert!(
        !hidden_paint
            .iter()
            .any(|t| t.to_lowercase().contains(&hex[..16]))
    );

    // While it is readable, the window asks to be left out of screenshots
    // and screen sharing; hidden again, it gives the window back.
    assert_eq!(last_protection(&w), Some(true));

    w.click("Hide secret");
    w.step();
    assert_eq!(last_protection(&w), Some(false));
    assert!(!w.texts().iter().any(|t| t.contains(&hex[..16])));
    assert!(!w.painted_text().iter().any(|t| t.contains(&hex[..16])));
    assert!(w.has_button("Reveal secret for 30 s"));

    assert!(w.clipboard.0.lock().unwrap().is_none());
    w.click("Copy secret");
    w.wait_for("the copy", |w| w.clipboard.0.lock().unwrap().is_some());
    assert_eq!(w.clipboard.0.lock().unwrap().as_deref(), Some(hex.as_str()));
    w.wait_for("the countdown", |w| {
        w.shows_containing("Clipboard clears in ")
    });
    assert!(
        !w.texts().iter().any(|t| t.contains(&hex[..16])),
        "copying does not show it"
    );

    // It is the secret that gets stored and registered.
    store_secret(&mut w);
    assert_eq!(stored_secret(&w).expose_hex().as_str(), hex);
}

#[test]
fn the_typed_api_key_is_masked_unless_shown() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    w.click("Next");
    let key = "TEST_API_KEY:gui0test:t0psecretpart";
    w.type_into(Role::PasswordInput, "API key", key);
    assert_key_masked(&w, key, "only bullets, one per character");
    assert!(!w.texts().iter().any(|t| t.contains("t0psecretpart")));
    assert!(!w.painted_text().iter().any(|t| t.contains("t0psecretpart")));

    w.click("Show key");
    assert!(
        w.painted_text().iter().any(|t| t.contains(key)),
        "Show key draws the key"
    );
    let field = w.harness.get_by_role_and_label(Role::TextInput, "API key");
    assert_eq!(
        field.value().unwrap(),
        key,
        "a screen reader may read the key once the person asked to see it"
    );
    w.click("Hide key");
    assert!(!w.painted_text().iter().any(|t| t.contains("t0psecretpart")));
    assert!(!w.texts().iter().any(|t| t.contains("t0psecretpart")));

    check_key(&mut w);
    w.assert_shows_containing("TEST_API_KEY:gui0");
    assert!(!w.texts().iter().any(|t| t.contains("t0psecretpart")));
    assert!(!w.painted_text().iter().any(|t| t.contains("t0psecretpart")));
    assert!(
        w.harness
            .query_by_role_and_label(Role::PasswordInput, "API key")
            .is_none(),
        "the field is gone once Circle accepted the key"
    );
}

#[test]
fn the_secret_is_in_no_file_and_no_persisted_state() {
    let mut w = Wizard::new(rehearsal_setup());
    let (_, written) = full_rehearsal(&mut w);
    let hex = stored_secret(&w).expose_hex();
    assert_eq!(hex.as_str(), written.revealed_hex);

    let mut everything = all_bytes_under(w.data.path());
    everything.extend(all_bytes_under(w.dest.path()));
    let text = String::from_utf8_lossy(&everything).to_lowercase();
    assert!(!text.is_empty());
    assert!(!text.contains(hex.as_str()));
    assert!(!text.contains(&hex[..16]));
    let raw = hex::decode(hex.as_str()).unwrap();
    assert!(!everything.windows(16).any(|win| win == &raw[..16]));
    // The practice key's secret part is nowhere either.
    assert!(!text.contains(":practice"));

    assert!(!eframe::App::persist_egui_memory(w.app()));
    let mut storage = RecordingStorage::default();
    eframe::App::save(w.harness.state_mut(), &mut storage);
    assert!(storage.written.is_empty(), "{:?}", storage.written);
}

// ---------------------------------------------------------------------------
// 6: keyboard.
// ---------------------------------------------------------------------------

#[test]
fn enter_triggers_the_enabled_next() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    // The keychain screen: Enter is Next.
    w.harness.key_press(Key::Enter);
    w.settle();
    assert_eq!(w.screen(), Screen::ApiKey);
    // Next is disabled here: Enter does nothing.
    w.harness.key_press(Key::Enter);
    w.settle();
    assert_eq!(w.screen(), Screen::ApiKey);

    w.click("Use a practice key");
    check_key(&mut w);
    w.click("Next");
    w.click("Generate a new secret");
    w.wait_for("a secret", |w| w.shows("Generated on this computer"));
    store_secret(&mut w);
    assert!(w.button_enabled("Next"));
    w.harness.key_press(Key::Enter);
    w.settle();
    assert_eq!(w.screen(), Screen::Destination);
    w.assert_shows("Step 5 of 8");
}

// ---------------------------------------------------------------------------
// Unit: the step indicator's positions.
// ---------------------------------------------------------------------------

#[test]
fn step_index_covers_the_eight_steps_in_order() {
    let steps = [
        Screen::Keychain,
        Screen::ApiKey,
        Screen::Secret,
        Screen::Stored,
        Screen::Destination,
        Screen::Review,
        Screen::Registering,
        Screen::Done,
    ];
    for (i, screen) in steps.iter().enumerate() {
        assert_eq!(screen.step_index(), Some(i), "{screen:?}");
    }
    for screen in [
        Screen::Start,
        Screen::AlreadyRegistered,
        Screen::OutcomeUnknown,
    ] {
        assert_eq!(screen.step_index(), None, "{screen:?}");
    }
}

#[test]
fn paste_fills_the_masked_key_field_from_the_clipboard() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    w.click("Next");
    w.click("Paste");
    w.assert_shows(text::wizard::CLIPBOARD_EMPTY);
    let key = "TEST_API_KEY:paste123:fromclipboard";
    *w.clipboard.0.lock().unwrap() = Some(format!("{key}\n"));
    w.click("Paste");
    assert_key_masked(&w, key, "pasted, trimmed, and masked");
    assert!(!w.texts().iter().any(|t| t.contains("fromclipboard")));
    assert!(w.button_enabled("Check key with Circle"));
}

#[test]
fn the_start_screen_shows_unfinished_ceremonies_first_then_rotation_and_keychain_status() {
    use entity_secret_wizard::store::{
        CeremonyKind, InProgress, Journal, RegistrationRecord, Stage,
    };
    let registered = gui_support::now() - chrono::Duration::days(170);
    let long_ago = gui_support::now() - chrono::Duration::days(200);
    let record = |rehearsal: bool, app_id: &str, at| RegistrationRecord {
        rehearsal,
        environment: Environment::Test,
        app_id: app_id.to_owned(),
        secret_fingerprint: "0011223344556677".to_owned(),
        public_key_fingerprint: "AA:BB".to_owned(),
        registered_at: at,
        rotate_by: store::rotate_by(at),
        recovery_sha256: None,
        recovery_path: None,
        keychain_service: if rehearsal {
            store::REHEARSAL_SERVICE
        } else {
            store::SERVICE
        }
        .to_owned(),
        keychain_account: store::account_name(Environment::Test, app_id, false),
        recovery_warning: None,
        ceremony: None,
        retired: Vec::new(),
        last_check: None,
        handoffs: Vec::new(),
    };
    let mut w = Wizard::new(Setup {
        before_launch: Some(Box::new(move |data, keychain| {
            // A real registration due in 10 days, whose secret is here.
            Records::open(data.to_path_buf())
                .unwrap()
                .upsert(&record(false, "app-due-soon", registered))
                .unwrap();
            keychain
                .real
                .put(
                    &store::account_name(Environment::Test, "app-due-soon", false),
                    &EntitySecret::generate(),
                )
                .unwrap();
            // A rehearsal registration, overdue, whose secret is gone.
            Records::open(store::rehearsal_dir(data))
                .unwrap()
                .upsert(&record(true, "app-overdue", long_ago))
                .unwrap();
            // A ceremony that sent its registration and never heard back.
            Journal::open(data.to_path_buf())
                .unwrap()
                .begin(&InProgress {
                    id: uuid::Uuid::new_v4(),
                    rehearsal: false,
                    ceremony: CeremonyKind::Onboarding,
                    environment: Environment::Live,
                    app_id: "app-crashed".to_owned(),
                    secret_fingerprint: "8899aabbccddeeff".to_owned(),
                    keychain_service: store::SERVICE.to_owned(),
                    keychain_account: store::account_name(Environment::Live, "app-crashed", false),
                    stage: Stage::RegistrationSent,
                    started_at: gui_support::now(),
                    updated_at: gui_support::now(),
                    promote_to: None,
                    retire: None,
                    recovery: Default::default(),
                    promoted: false,
                    record_written: false,
                    previous_recovery: None,
                    public_key_fingerprint: None,
                    accepted_at: None,
                })
                .unwrap();
        })),
        ..Setup::default()
    });
    w.wait_for("the status", |w| w.shows(text::status::UNFINISHED_TITLE));
    w.assert_shows(&text::status::situation(
        &entity_secret_wizard::ceremony::status::Situation::SentNoAnswer,
        CeremonyKind::Onboarding,
    ));
    w.assert_shows_containing("app-crashed");
    w.assert_shows_containing("8899aabbccddeeff");
    // Circle may hold it: no button sends it again or deletes it; it is
    // checked with Circle.
    for label in ["Resume", "Discard…"] {
        assert!(!w.has_button(label), "{label}");
    }
    assert!(w.has_button("Check with Circle…"));
    // Unfinished first: above the choice of ceremony.
    let texts = w.texts();
    let unfinished_at = texts
        .iter()
        .position(|t| t == text::status::UNFINISHED_TITLE)
        .unwrap();
    let choice_at = texts.iter().position(|t| t == "Rehearsal").unwrap();
    assert!(unfinished_at < choice_at, "{texts:?}");
    // Rotation status and keychain presence of each known registration.
    w.assert_shows_containing("app-due-soon");
    w.assert_shows_containing("Rotation due by 2026-12-01");
    w.assert_shows_containing("10 days left");
    w.assert_shows_containing("Secret: in the keychain.");
    w.assert_shows_containing("[Rehearsal] TEST — app app-overdue");
    w.assert_shows_containing("Rotation overdue by 20 days");
    w.assert_shows_containing("NOT in this computer's keychain");
}

#[test]
fn enter_in_the_key_field_checks_the_key() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    w.click("Next");
    w.type_into(
        Role::PasswordInput,
        "API key",
        "TEST_API_KEY:enter123:keyboardonly",
    );
    assert!(w.sim.requests().is_empty(), "nothing sent before Enter");
    w.harness.key_press(Key::Enter);
    w.wait_for("Circle to accept the key", |w| {
        w.shows_containing("✔ Circle accepted the key")
    });
    assert_eq!(w.screen(), Screen::ApiKey);
}

#[test]
fn registering_with_circle_is_the_same_ceremony_without_rehearsal_marks() {
    let mut w = Wizard::new(Setup::default());
    w.click("Register with Circle");
    w.wait_for("the keychain check", |w| w.shows(KEYCHAIN_OK));
    assert!(
        !w.shows("REHEARSAL"),
        "no rehearsal badge for the real thing"
    );
    w.click("Next");
    assert!(
        !w.has_button("Use a practice key"),
        "no practice key against Circle"
    );
    w.type_into(
        Role::PasswordInput,
        "API key",
        "TEST_API_KEY:realmode1:secretpart",
    );
    check_key(&mut w);
    w.click("Next");
    w.click("Generate a new secret");
    w.wait_for("a secret", |w| w.shows("Generated on this computer"));
    store_secret(&mut w);
    // Stored under the product's own keychain service, not the rehearsal's.
    w.assert_shows(store::SERVICE);
    assert!(!w.shows(store::REHEARSAL_SERVICE));
    w.click("Next");
    let target = w.dest_path("recovery.dat");
    type_destination(&mut w, &target);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    review_and_confirm(&mut w);
    w.click("Register this secret");
    w.wait_for("done", |w| w.screen() == Screen::Done);
    assert!(!w.shows("REHEARSAL"));
    assert!(
        w.titles().iter().all(|t| t == text::APP_NAME),
        "{:?}",
        w.titles()
    );
    assert_eq!(
        std::fs::read(&target).unwrap(),
        w.sim.issued_recovery_files()[0].as_bytes()
    );
    // The record is a real one, kept with the real records.
    let records = Records::open(w.data.path().to_path_buf())
        .unwrap()
        .list()
        .unwrap();
    assert_eq!(records.len(), 1);
    assert!(!records[0].rehearsal);
    assert_eq!(records[0].keychain_service, store::SERVICE);
    assert!(
        !store::rehearsal_dir(w.data.path())
            .join("registrations.json")
            .exists()
    );
}
