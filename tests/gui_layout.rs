//! Every screen of a rehearsal, at the smallest window the app allows
//! (640 × 520) and on a full-HD screen (1920 × 1080): no text is cut off at
//! a side or taller than where it is shown, the API key is one line in its
//! one-line field, the step indicator keeps each mark with its step. See
//! `Wizard::clipped_texts` for what "cut off" means and why.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use egui::accesskit::Role;
use entity_secret_wizard::app::{ConsoleStep, Screen};
use entity_secret_wizard::ceremony::console::ConsoleKind;
use entity_secret_wizard::text::{self, console as words, home};
use gui_support::console::*;
use gui_support::flow::*;
use gui_support::prepare::*;
use gui_support::{Setup, Wizard};

#[test]
fn every_screen_of_a_rehearsed_onboarding_fits_both_sizes() {
    let mut w = Wizard::new(Setup::default());
    w.assert_fits("the start screen");
    begin_rehearsal(&mut w);
    w.assert_fits("the keychain step");
    w.click("Next");
    w.assert_fits("the empty API key step");
    // A key as long as Circle's (78 characters), wider than the field at
    // 640 points: one line, masked and shown.
    let long_key = format!(
        "TEST_API_KEY:{}:{}",
        "0a1b2c3d".repeat(4),
        "4e5f6a7b".repeat(4)
    );
    w.type_into(Role::PasswordInput, "API key", &long_key);
    w.assert_fits("a long key, masked");
    w.click("Show key");
    w.assert_fits("a long key, shown");
    w.click("Hide key");
    w.click("Clear");
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.assert_fits("the practice key, masked");
    // The paste hint names the Mac's key in letters: the "⌘" glyph comes
    // from a fallback font wider than its advance, and overlapped the next
    // character.
    assert!(
        !w.painted_text().iter().any(|t| t.contains('⌘')),
        "{:?}",
        w.painted_text()
    );
    check_key(&mut w);
    w.assert_fits("the key accepted");
    w.click("Next");
    w.assert_fits("the secret step");
    w.click(text::wizard::GENERATE);
    w.wait_for("a secret", |w| w.shows(text::wizard::GENERATED_HERE));
    w.assert_fits("a generated secret");
    // At the smallest width the step indicator wraps, each step whole.
    w.resize(egui::vec2(640.0, 520.0));
    let broken = w.broken_marked_texts(&["✔ ", "▶ ", "○ "]);
    assert!(broken.is_empty(), "steps broken over two lines: {broken:?}");
    w.resize(egui::vec2(1100.0, 1800.0));
    store_secret(&mut w);
    w.assert_fits("the stored step");
    w.click("Next");
    w.assert_fits("the recovery file step");
    // A long path, as a removable disk's often is.
    let deep = w.dest_path("a-folder-with-a-rather-long-name-for-the-ceremony-of-this-year");
    std::fs::create_dir(&deep).unwrap();
    type_destination(&mut w, &deep.join("recovery_file_of_the_entity_secret.dat"));
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    w.assert_fits("a chosen recovery file place");
    review_and_confirm(&mut w);
    w.assert_fits("the review");
    w.click(text::wizard::REGISTER_BUTTON);
    w.wait_for("done", |w| w.shows(text::wizard::DONE_TITLE));
    assert_eq!(w.screen(), Screen::Done);
    w.assert_fits("the done step");
    w.click_role(Role::RadioButton, text::window::RECOVERY_KEPT_REMOVABLE);
    w.click(text::home::BACK_HOME);
    w.wait_for("the home screen", |w| w.has_button(home::NEW_CIPHERTEXT));
    w.assert_fits("the home screen with a registration");
}

#[test]
fn every_screen_of_a_rehearsed_rotation_fits_both_sizes() {
    let mut w = Wizard::new(Setup::default());
    registered(&mut w);
    w.click(home::ROTATE);
    w.wait_for("the API key", |w| w.shows(words::API_KEY_HEADING));
    w.assert_fits("the rotation's API key");
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.click(text::wizard::CHECK_KEY);
    w.wait_for("the new secret's step", |w| {
        step(w) == Some(ConsoleStep::Secret)
    });
    w.assert_fits("the rotation's new secret");
    generate_and_stage(&mut w);
    w.assert_fits("the rotation's key step");
    fetch_key_and_show(&mut w);
    w.assert_fits("the ciphertexts for Console");
    let shown = shown_ciphertexts(&w);
    paste_in_simulated_console(&mut w, ConsoleKind::Rotation, &shown[0], &shown[1]);
    w.assert_fits("the simulated Console's answer");
    let downloaded = download(&mut w, "rotation_download.dat");
    console_did(&mut w, ConsoleKind::Rotation, true);
    w.assert_fits("the recovery step");
    import_recovery(&mut w, &downloaded);
    w.assert_fits("an imported recovery file");
    save_and_finish(&mut w, "recovery_after_rotation.dat");
    w.assert_fits("the rotation done");
}

#[test]
fn every_screen_of_a_rehearsed_reset_and_registration_through_console_fits_both_sizes() {
    let mut w = Wizard::new(Setup::default());
    let (_, current_file) = registered_with_recovery_file(&mut w);
    w.click(home::RESET);
    w.wait_for("the API key", |w| w.shows(words::API_KEY_HEADING));
    w.click_role(Role::CheckBox, words::COMPROMISED);
    w.assert_fits("the reset's API key, compromised");
    open_key_in_reset(&mut w);
    generate_and_stage(&mut w);
    fetch_key_and_show(&mut w);
    w.assert_fits("the reset's ciphertext and recovery file");
    let shown = shown_ciphertexts(&w);
    w.type_into(
        Role::TextInput,
        words::SIM_UPLOAD_FIELD,
        &current_file.display().to_string(),
    );
    paste_in_simulated_console(&mut w, ConsoleKind::Reset, "", &shown[0]);
    let downloaded = download(&mut w, "reset_download.dat");
    console_did(&mut w, ConsoleKind::Reset, true);
    w.assert_fits("the reset's recovery step");
    import_recovery(&mut w, &downloaded);
    save_and_finish(&mut w, "recovery_after_reset.dat");
    w.assert_fits("the reset done");

    // A registration through Console, from a fresh start.
    let mut w = Wizard::new(Setup::default());
    w.click(home::REHEARSE_THROUGH_CONSOLE);
    w.wait_for("the app step", |w| w.shows(words::APP_HEADING));
    w.assert_fits("the app step");
    w.click(words::USE_SIMULATED_APP);
    w.click(words::USE_THIS_APP);
    w.wait_for("the new secret's step", |w| {
        step(w) == Some(ConsoleStep::Secret)
    });
    generate_and_stage(&mut w);
    w.assert_fits("the offline key step");
    simulated_key_from_a_file(&mut w);
    w.assert_fits("a key from a file");
    w.click(words::SHOW_BUTTON);
    w.wait_for("the ciphertext", |w| step(w) == Some(ConsoleStep::Shown));
    w.assert_fits("the ciphertext to carry");
}

/// On a reset's API key step: the practice key, checked.
fn open_key_in_reset(w: &mut Wizard) {
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.click(text::wizard::CHECK_KEY);
    w.wait_for("the new secret's step", |w| {
        step(w) == Some(ConsoleStep::Secret)
    });
    w.assert_fits("the reset's new secret");
}
