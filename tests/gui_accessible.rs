//! What a screen reader is given, through the accessibility tree the window
//! hands to AccessKit (AT-SPI on Linux): names without decorative glyphs,
//! named panels, scroll bar and progress, errors tied to their field and
//! announced, descriptions; and what the window says honestly: where it
//! talks to, what is a rehearsal, what to compare a fingerprint with, what
//! the person did with the recovery file.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use std::time::Duration;

use egui::accesskit::{Live, Role};
use egui_kittest::Node;
use egui_kittest::kittest::{NodeT, Queryable};
use entity_secret_wizard::app::Screen;
use entity_secret_wizard::ceremony::documents::RecoveryKept;
use entity_secret_wizard::secret::{ApiKeyError, Environment};
use entity_secret_wizard::simulator::{Endpoint, Fault};
use entity_secret_wizard::text::{self, window as words};
use gui_support::flow::*;
use gui_support::{Setup, Wizard};

/// The first node whose label or value is exactly `text`.
fn node_saying<'a>(w: &'a Wizard, text: &str) -> Node<'a> {
    w.harness
        .root()
        .children_recursive()
        .find(|n| {
            let n = n.accesskit_node();
            n.label().as_deref() == Some(text) || n.value().as_deref() == Some(text)
        })
        .unwrap_or_else(|| panic!("nothing says {text:?}; the tree:\n{}", w.dump()))
}

/// The button named exactly `name` (no glyph stripped by the test).
fn exact_button<'a>(w: &'a Wizard, name: &'a str) -> Option<Node<'a>> {
    w.harness.query_by_role_and_label(Role::Button, name)
}

/// Whether `field` is described by `message` (a screen reader on the field
/// reads the message).
fn described_by(field: &Node<'_>, message: &Node<'_>) -> bool {
    field
        .accesskit_node()
        .data()
        .described_by()
        .contains(&message.accesskit_node().locate().0)
}

/// The first message announced as it appears, interrupting (an error).
fn announced(w: &Wizard) -> Option<Node<'_>> {
    w.harness
        .root()
        .children_recursive()
        .find(|n| n.accesskit_node().data().live() == Some(Live::Assertive))
}

fn api_key_field(w: &Wizard) -> Node<'_> {
    w.harness
        .get_by_role_and_label(Role::PasswordInput, "API key")
}

#[test]
fn buttons_and_status_lines_are_named_without_their_glyphs_which_stay_on_screen() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    assert!(exact_button(&w, "Next").is_some(), "{}", w.dump());
    assert!(exact_button(&w, "Next ▶").is_none());
    assert!(exact_button(&w, "Back").is_some());
    assert!(w.painted_text().iter().any(|t| t == "Next ▶"));
    assert!(w.painted_text().iter().any(|t| t == "◀ Back"));
    // The status line is heard as words.
    node_saying(&w, "The keychain works: In-memory test store.");
    assert!(
        !w.texts().iter().any(|t| t.starts_with('✔')),
        "no check mark read aloud: {:?}",
        w.texts()
    );
    w.click("Next");
    w.click(text::wizard::USE_PRACTICE_KEY);
    check_key(&mut w);
    w.click("Next");
    w.click(text::wizard::GENERATE);
    w.wait_for("a secret", |w| w.shows(text::wizard::GENERATED_HERE));
    assert!(exact_button(&w, "Store in keychain").is_some());
    assert!(
        w.painted_text()
            .iter()
            .any(|t| t == text::wizard::STORE_BUTTON)
    );
    store_secret(&mut w);
    w.click("Next");
    assert!(exact_button(&w, "Review").is_some());
}

#[test]
fn the_panels_the_scroll_bar_and_the_progress_are_named() {
    let mut w = Wizard::new(Setup::default());
    assert!(
        w.harness
            .query_by_role_and_label(Role::Pane, words::HEADER_PANEL)
            .is_some(),
        "{}",
        w.dump()
    );
    assert!(
        w.harness
            .query_by_role_and_label(Role::Pane, words::SCREEN_PANEL)
            .is_some()
    );
    assert!(w.harness.query_by_label(words::SCREEN_SCROLL).is_some());

    // The review is longer than the smallest window: its scroll bar is
    // there, named, saying where it stands.
    to_confirmed_review(&mut w, "recovery.dat");
    w.resize(egui::vec2(640.0, 520.0));
    let bar = w
        .harness
        .query_by_role_and_label(Role::ScrollBar, words::SCREEN_SCROLL_BAR)
        .unwrap_or_else(|| panic!("no named scroll bar; the tree:\n{}", w.dump()));
    assert!(bar.accesskit_node().numeric_value().is_some());
    w.resize(egui::vec2(1100.0, 1800.0));
    assert!(
        w.harness
            .query_by_role_and_label(Role::ScrollBar, words::SCREEN_SCROLL_BAR)
            .is_none(),
        "no bar where everything fits"
    );
}

#[test]
fn a_progress_indicator_says_what_runs() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    w.click("Next");
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.sim
        .push_fault(Endpoint::Entity, Fault::Delay(Duration::from_millis(1500)));
    w.click(text::wizard::CHECK_KEY);
    w.run_until("the check in flight", |w| {
        w.harness.query_by_role(Role::ProgressIndicator).is_some()
    });
    let progress = w.harness.get_by_role(Role::ProgressIndicator);
    let node = progress.accesskit_node();
    assert!(node.label().is_some_and(|l| !l.is_empty()), "{}", w.dump());
    assert_eq!(node.value().as_deref(), Some(words::IN_PROGRESS));
    check_key_done(&mut w);
}

/// Wait for the delayed check to end.
fn check_key_done(w: &mut Wizard) {
    w.wait_for("Circle to accept the key", |w| {
        w.shows_containing("Circle accepted the key")
    });
}

#[test]
fn a_key_error_is_tied_to_the_field_and_announced() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    w.click("Next");
    // The hint is the field's description.
    assert_eq!(
        api_key_field(&w).accesskit_node().description().as_deref(),
        Some(text::wizard::API_KEY_PASTE_HINT)
    );
    w.type_into(Role::PasswordInput, "API key", "TEST_API_KEY:onlytwoparts");
    w.click(text::wizard::CHECK_KEY);
    let complaint = ApiKeyError::WrongShape.to_string();
    let said = node_saying(&w, &complaint);
    assert_eq!(said.accesskit_node().data().live(), Some(Live::Assertive));
    assert!(
        described_by(&api_key_field(&w), &said),
        "the field is described by its complaint"
    );

    // What Circle says of the key, too.
    w.click("Clear");
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.sim.push_fault(Endpoint::Entity, Fault::Unauthorized);
    w.click(text::wizard::CHECK_KEY);
    let refused = entity_secret_wizard::circle::CircleError::Unauthorized { request_id: None };
    w.wait_for("the refusal", |w| w.shows(&refused.to_string()));
    let said = node_saying(&w, &refused.to_string());
    assert_eq!(said.accesskit_node().data().live(), Some(Live::Assertive));
    assert!(described_by(&api_key_field(&w), &said));
}

#[test]
fn why_a_typed_recovery_file_place_cannot_be_used_describes_its_field() {
    let mut w = Wizard::new(Setup::default());
    to_destination(&mut w);
    let nowhere = w.dest_path("no-such-folder").join("recovery.dat");
    type_destination(&mut w, &nowhere);
    w.wait_for("the refusal", |w| announced(w).is_some());
    let error = announced(&w).unwrap();
    let field = w
        .harness
        .get_by_role_and_label(Role::TextInput, text::wizard::RECOVERY_FILE_PATH);
    assert!(described_by(&field, &error), "{}", w.dump());
}

#[test]
fn the_practice_key_changes_the_fields_value() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    w.click("Next");
    assert_eq!(api_key_field(&w).value().unwrap_or_default(), "");
    w.click(text::wizard::USE_PRACTICE_KEY);
    let masked = api_key_field(&w).value().unwrap_or_default();
    assert!(masked.chars().count() > 20, "{masked:?}");
    assert!(masked.chars().all(|c| c == '•'), "masked: {masked:?}");
}

#[test]
fn descriptions_name_the_choices_the_tags_and_the_fields_examples() {
    let mut w = Wizard::new(Setup::default());
    for (button, description) in [
        (text::home::REHEARSAL, text::wizard::START_REHEARSAL),
        (text::home::REGISTER_WITH_CIRCLE, text::wizard::START_REAL),
    ] {
        assert_eq!(
            w.button(button).accesskit_node().description().as_deref(),
            Some(description)
        );
    }
    to_destination(&mut w);
    let field = w
        .harness
        .get_by_role_and_label(Role::TextInput, text::wizard::RECOVERY_FILE_PATH);
    assert_eq!(
        field.accesskit_node().description().as_deref(),
        Some("/media/usb/recovery_file.dat")
    );
    let tag = node_saying(&w, "TEST");
    assert_eq!(
        tag.accesskit_node().description().as_deref(),
        Some(words::environment_description(Environment::Test))
    );
    let rehearsal = node_saying(&w, "REHEARSAL");
    assert_eq!(
        rehearsal.accesskit_node().description().as_deref(),
        Some(text::wizard::REHEARSAL_BADGE_HINT)
    );
}

#[test]
fn the_home_screen_gives_circles_whole_key_fingerprint_to_a_screen_reader() {
    let mut w = Wizard::new(Setup::default());
    gui_support::prepare::registered(&mut w);
    let whole = w.sim.public_key().fingerprint();
    // The line's name (what a screen reader says of it), not only the
    // text runs drawn, which are shortened.
    let line = w
        .harness
        .root()
        .children_recursive()
        .find(|n| {
            let n = n.accesskit_node();
            n.role() == Role::Label && n.label().is_some_and(|l| l.contains("Circle key"))
        })
        .unwrap_or_else(|| panic!("{}", w.dump()));
    let name = line.accesskit_node().label().unwrap();
    assert!(name.ends_with(&format!("Circle key {whole}")), "{name}");
}

// ---------------------------------------------------------------------------
// Honest about where it talks to, and what is a rehearsal.
// ---------------------------------------------------------------------------

#[test]
fn a_rehearsal_says_it_talks_to_the_simulated_circle_on_the_key_step_and_the_review() {
    let mut w = Wizard::new(Setup::default());
    begin_rehearsal(&mut w);
    w.click("Next");
    let url = w.app().snapshot().unwrap().circle_url.clone();
    assert_eq!(url, w.sim.base_url().to_string());
    w.assert_shows(&words::endpoint_simulated(&url));
    w.click(text::wizard::USE_PRACTICE_KEY);
    check_key(&mut w);
    w.click("Next");
    w.click(text::wizard::GENERATE);
    w.wait_for("a secret", |w| w.shows(text::wizard::GENERATED_HERE));
    store_secret(&mut w);
    w.click("Next");
    let target = w.dest_path("recovery.dat");
    type_destination(&mut w, &target);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    review_and_confirm(&mut w);
    w.assert_shows(words::ENDPOINT_FACT);
    w.assert_shows(&url);
    w.assert_shows(&words::endpoint_simulated(&url));
    // What to compare the fingerprint with, and in a rehearsal where.
    w.assert_shows(words::REVIEW_FINGERPRINT);
    w.assert_shows(words::REVIEW_FINGERPRINT_REHEARSAL);
}

#[test]
fn a_real_session_sent_elsewhere_than_circle_says_so_loudly() {
    // The tests' "Register with Circle" talks to the simulator on
    // loopback, as `--circle-url` would make it.
    let mut w = Wizard::new(Setup::default());
    w.click(text::home::REGISTER_WITH_CIRCLE);
    w.wait_for("the keychain check", |w| w.button_enabled("Next"));
    w.click("Next");
    let url = w.sim.base_url().to_string();
    let loud = words::endpoint_elsewhere(&url);
    w.assert_shows(&loud);
    assert_eq!(w.painted_color_of(&loud), Some(w.error_color()));
    assert!(!w.shows(&words::endpoint_simulated(&url)));
}

#[test]
fn a_rehearsed_rotation_says_where_it_talks_to_with_its_api_key() {
    let mut w = Wizard::new(Setup::default());
    gui_support::prepare::registered(&mut w);
    w.click(text::home::ROTATE);
    w.wait_for("the API key", |w| w.shows(text::console::API_KEY_HEADING));
    let url = w.sim.base_url().to_string();
    w.assert_shows(&words::endpoint_simulated(&url));
}

#[test]
fn rehearsal_documents_say_rehearsal_in_their_name_and_title() {
    let mut w = Wizard::new(Setup {
        dialog: vec![Some("recovery.dat")],
        ..Setup::default()
    });
    to_confirmed_review_by_dialog(&mut w);
    w.click(text::wizard::REGISTER_BUTTON);
    w.wait_for("done", |w| w.shows(text::wizard::DONE_TITLE));
    let folder = w.dest.path().to_path_buf();
    w.type_into(
        Role::TextInput,
        text::home::DOCUMENT_PATH,
        &folder.display().to_string(),
    );
    w.click(text::home::SAVE_REMINDER_HERE);
    w.wait_for("the reminder", |w| {
        w.shows_containing("Calendar reminder saved to")
    });
    let ics = only_file_starting(&folder, "REHEARSAL-rotate-entity-secret-");
    let content = std::fs::read_to_string(&ics).unwrap();
    assert!(
        content.contains("SUMMARY:REHEARSAL — Rotate the Circle entity secret"),
        "{content}"
    );
}

/// The one file in `folder` whose name starts with `prefix`.
fn only_file_starting(folder: &std::path::Path, prefix: &str) -> std::path::PathBuf {
    let found: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

/// From the start screen to a confirmed review, the recovery file's place
/// from the (scripted) dialog.
fn to_confirmed_review_by_dialog(w: &mut Wizard) {
    to_destination(w);
    w.click(text::wizard::CHOOSE_WHERE);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    review_and_confirm(w);
}

#[test]
fn the_done_step_asks_what_was_done_with_the_recovery_file_and_records_it() {
    let mut w = Wizard::new(Setup::default());
    to_confirmed_review(&mut w, "recovery.dat");
    w.click(text::wizard::REGISTER_BUTTON);
    w.wait_for("done", |w| w.shows(text::wizard::DONE_TITLE));
    assert_eq!(w.screen(), Screen::Done);
    // A question, not a tick; nothing to go home by before an answer.
    w.assert_shows(words::RECOVERY_KEPT_QUESTION);
    assert!(
        w.harness.query_by_role(Role::CheckBox).is_none(),
        "{}",
        w.dump()
    );
    assert!(!w.has_button(text::home::BACK_HOME));
    w.click_role(Role::RadioButton, words::RECOVERY_KEPT_NOT_YET);
    w.assert_shows(words::RECOVERY_KEPT_STILL_HERE);
    w.click_role(Role::RadioButton, RecoveryKept::Printed.words());
    assert!(!w.shows(words::RECOVERY_KEPT_STILL_HERE));
    w.assert_shows(text::wizard::DONE_FINISHED);

    // The ceremony record says what was answered.
    let record = w.dest_path("record.md");
    w.type_into(
        Role::TextInput,
        text::home::DOCUMENT_PATH,
        &record.display().to_string(),
    );
    w.click(text::home::SAVE_RECORD_HERE);
    w.wait_for("the record", |w| {
        w.shows_containing("Ceremony record saved to")
    });
    let content = std::fs::read_to_string(&record).unwrap();
    assert!(
        content.contains(&format!(
            "| {} | {} |",
            words::RECOVERY_KEPT_ROW,
            words::RECOVERY_KEPT_PRINTED
        )),
        "{content}"
    );
    assert!(content.contains("REHEARSAL"), "{content}");
}

#[test]
fn a_key_that_cannot_start_a_second_registration_does_not_blame_circle() {
    let mut w = Wizard::new(Setup::default());
    to_confirmed_review(&mut w, "recovery.dat");
    w.click(text::wizard::REGISTER_BUTTON);
    w.wait_for("done", |w| w.shows(text::wizard::DONE_TITLE));
    w.click_role(Role::RadioButton, RecoveryKept::RemovableMedia.words());
    w.click(text::home::BACK_HOME);
    w.wait_for("the home screen", |w| {
        w.has_button(text::home::NEW_CIPHERTEXT)
    });
    // The same app again: Circle accepts the key, the ceremony refuses.
    begin_rehearsal(&mut w);
    w.click("Next");
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.click(text::wizard::CHECK_KEY);
    w.wait_for("the refusal", |w| {
        w.app().snapshot().is_some() && !w.app().is_busy() && w.shows(words::KEY_CANNOT_GO_ON)
    });
    assert!(!w.shows(text::wizard::KEY_NOT_ACCEPTED_YET), "{}", w.dump());
}
