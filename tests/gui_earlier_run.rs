//! Rehearsal across launches, as in the product: each run of the app makes
//! its own simulated Circle, so a registration rehearsed in an earlier run
//! gets, in a later one, a simulated Circle that answers as its app (with
//! the kept rehearsal key) and is told what that app registered: its
//! secret from the rehearsal keychain and its recovery file from where it
//! was saved. Its simulated Console then rotates and resets it as if it
//! remembered.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use egui::accesskit::Role;
use entity_secret_wizard::app::ConsoleStep;
use entity_secret_wizard::ceremony::console::ConsoleKind;
use entity_secret_wizard::store::{CeremonyKind, Records, SecretStore};
use entity_secret_wizard::text::{self, console as words, home};
use gui_support::console::*;
use gui_support::flow::*;
use gui_support::{Setup, Wizard};

/// The rehearsal's one registration record.
fn record(w: &Wizard) -> entity_secret_wizard::store::RegistrationRecord {
    Records::open(w.rehearsal_dir()).unwrap().list().unwrap()[0].clone()
}

#[test]
fn a_registration_rehearsed_in_an_earlier_run_is_rotated_then_reset_in_later_runs() {
    let mut w = Wizard::new(Setup {
        fresh_simulator: true,
        ..Setup::default()
    });
    // Run 1: registered, the recovery file saved.
    to_confirmed_review(&mut w, "recovery_run1.dat");
    w.click("Register this secret");
    w.wait_for("done", |w| w.shows(text::wizard::DONE_TITLE));
    let first = record(&w);

    // Run 2: a rotation. The simulated Console knows the current secret,
    // or it would refuse the current secret's ciphertext.
    w.relaunch();
    let (current, new) = rotation_to_console(&mut w);
    paste_in_simulated_console(&mut w, ConsoleKind::Rotation, &current, &new);
    w.assert_shows(words::SIM_ACCEPTED);
    let downloaded = download(&mut w, "rotation_download.dat");
    console_did(&mut w, ConsoleKind::Rotation, true);
    import_recovery(&mut w, &downloaded);
    let rotated_file = save_and_finish(&mut w, "recovery_run2.dat");
    let second = record(&w);
    assert_eq!(second.retired[0].fingerprint, first.secret_fingerprint);

    // Run 3: first the retired secret is deleted (the tests' clock stands
    // still, and the next retirement would take the same keychain name).
    w.relaunch();
    w.click(&home::retired_delete(&first.secret_fingerprint));
    w.wait_for("the fingerprint", |w| w.shows(home::RETIRED_DELETE_TITLE));
    w.type_into(
        Role::TextInput,
        home::DISCARD_FIELD,
        &first.secret_fingerprint,
    );
    w.settle();
    w.click(home::DISCARD_BUTTON);
    w.wait_for("the home screen", |w| {
        w.shows(&home::retired_deleted(&first.secret_fingerprint))
    });
    // Then a reset (compromised: the secret is still here). The simulated
    // Console knows run 2's recovery file as the current one; run 1's is
    // worthless.
    w.click(home::RESET);
    w.wait_for("the API key", |w| w.shows(words::API_KEY_HEADING));
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.click(text::wizard::CHECK_KEY);
    w.wait_for("the new secret's step", |w| {
        step(w) == Some(ConsoleStep::Secret)
    });
    generate_and_stage(&mut w);
    fetch_key_and_show(&mut w);
    let ciphertext = shown_ciphertexts(&w).pop().unwrap();
    let old_file = first.recovery_path.clone().unwrap();
    w.type_into(
        Role::TextInput,
        words::SIM_UPLOAD_FIELD,
        &old_file.display().to_string(),
    );
    paste_in_simulated_console(&mut w, ConsoleKind::Reset, "", &ciphertext);
    w.assert_shows_containing("not the current one");
    use entity_secret_wizard::ceremony::steps::CiphertextOf;
    w.click(words::another_label(CiphertextOf::New));
    w.wait_for("a fresh ciphertext", |w| {
        !shown_ciphertexts(w).contains(&ciphertext)
    });
    let fresh = shown_ciphertexts(&w).pop().unwrap();
    w.type_into(
        Role::TextInput,
        words::SIM_UPLOAD_FIELD,
        &rotated_file.display().to_string(),
    );
    paste_in_simulated_console(&mut w, ConsoleKind::Reset, "", &fresh);
    w.assert_shows(words::SIM_ACCEPTED);
    let downloaded = download(&mut w, "reset_download.dat");
    console_did(&mut w, ConsoleKind::Reset, true);
    import_recovery(&mut w, &downloaded);
    save_and_finish(&mut w, "recovery_run3.dat");
    let third = record(&w);
    assert_eq!(third.ceremony, Some(CeremonyKind::Reset));
    // The compromised secret, still in the keychain, is kept as retired
    // too: nothing is deleted without the person.
    let retired: Vec<_> = third.retired.iter().map(|r| &r.fingerprint).collect();
    assert_eq!(retired, [&second.secret_fingerprint]);
    assert_eq!(
        w.store
            .get(&third.keychain_account)
            .unwrap()
            .unwrap()
            .fingerprint(),
        third.secret_fingerprint
    );
    assert!(w.unfinished().is_empty());
}

#[test]
fn a_new_rehearsal_after_one_about_an_earlier_registration_is_another_app() {
    let mut w = Wizard::new(Setup {
        fresh_simulator: true,
        ..Setup::default()
    });
    to_confirmed_review(&mut w, "recovery_run1.dat");
    w.click("Register this secret");
    w.wait_for("done", |w| w.shows(text::wizard::DONE_TITLE));
    let first = record(&w);
    // Run 2: the registration's simulated Circle is started to rotate it;
    // then a new rehearsal registers a new app, not that one again.
    w.relaunch();
    open_with_key(&mut w, home::ROTATE);
    w.click(home::BACK_HOME);
    w.wait_for("the home screen", |w| w.has_button(home::ROTATE));
    begin_rehearsal(&mut w);
    to_generated_secret(&mut w);
    assert!(!w.shows_containing(&first.app_id), "another app");
}
