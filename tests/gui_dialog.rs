//! The native file dialog as the window handles it, with a scripted dialog:
//! what the screen offers while one is open (show it again, type a path
//! instead), the words for each way a dialog gives no path, and a chosen
//! file that exists (never replaced: a new name beside it). The real
//! portal's dialog is driven in `tests/portal_dialog.rs`.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use egui_kittest::kittest::NodeT;
use entity_secret_wizard::app::Screen;
use entity_secret_wizard::app::file_dialog::{NoPath, Scripted};
use entity_secret_wizard::text;
use gui_support::flow::*;
use gui_support::{Setup, Wizard};

fn with_script(script: Vec<Scripted>) -> Wizard {
    Wizard::new(Setup {
        dialog_script: Some(script),
        ..Setup::default()
    })
}

/// On the destination screen, open the save dialog and wait until the
/// window says it is open.
fn open_dialog(w: &mut Wizard) {
    w.click("Choose where to save…");
    // Busy all the while: the worker waits for the dialog.
    w.run_until("the open dialog's controls", |w| {
        w.has_button(text::dialog::TYPE_INSTEAD)
    });
}

#[test]
fn while_a_save_dialog_is_open_the_window_promises_no_replacing_and_offers_a_way_out() {
    let mut w = with_script(vec![Scripted::Hang]);
    to_destination(&mut w);
    open_dialog(&mut w);
    w.assert_shows(text::dialog::OPEN_BUSY);
    w.assert_shows(text::dialog::NEVER_REPLACED);
    assert!(w.button_enabled(text::dialog::SHOW_AGAIN));
    assert!(w.button_enabled(text::dialog::TYPE_INSTEAD));
    // The step's own buttons wait for the dialog.
    assert!(!w.button_enabled("Choose where to save…"));
    // Each way out says what it does, for screen readers too.
    let again = w.button(text::dialog::SHOW_AGAIN);
    assert_eq!(
        again.accesskit_node().description().as_deref(),
        Some(text::dialog::SHOW_AGAIN_HINT)
    );
    // The dialog itself carries the promise in its title, above its own
    // "Replace?".
    let asked = w.dialogs.save_asks();
    assert_eq!(asked.len(), 1);
    assert_eq!(
        asked[0].title,
        text::dialog::save_title(text::wizard::SAVE_DIALOG_TITLE)
    );
}

#[test]
fn giving_up_on_a_dialog_closes_it_and_the_typed_path_then_works() {
    let mut w = with_script(vec![Scripted::Hang]);
    to_destination(&mut w);
    open_dialog(&mut w);
    w.click(text::dialog::TYPE_INSTEAD);
    w.wait_for("the dialog closed", |w| w.shows(text::dialog::GAVE_UP));
    assert!(!w.has_button(text::dialog::TYPE_INSTEAD));
    assert!(!w.shows(text::dialog::OPEN_BUSY));
    assert!(!w.shows(text::dialog::CANCELLED));
    assert!(w.button_enabled("Choose where to save…"));

    let target = w.dest_path("typed.dat");
    type_destination(&mut w, &target);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    assert!(!w.shows(text::dialog::GAVE_UP));
    assert!(w.button_enabled("Review"));
}

#[test]
fn showing_a_dialog_again_asks_again_and_its_answer_is_used() {
    // Shown again, the dialog answers with a path in the test's folder.
    let mut w = with_script(vec![Scripted::Hang, Scripted::Path("again.dat".into())]);
    let target = w.dest_path("again.dat");
    to_destination(&mut w);
    open_dialog(&mut w);
    w.click(text::dialog::SHOW_AGAIN);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    w.assert_shows(&target.display().to_string());
    assert_eq!(
        w.dialogs.save_asks().len(),
        2,
        "the dialog was not shown again"
    );
    assert!(!w.has_button(text::dialog::SHOW_AGAIN));
}

#[test]
fn a_cancel_and_a_missing_dialog_service_are_told_apart() {
    let mut w = with_script(vec![
        Scripted::No(NoPath::Cancelled),
        Scripted::No(NoPath::NoService),
        Scripted::No(NoPath::NoAnswer),
        Scripted::No(NoPath::Failed("Portal operation not allowed".into())),
    ]);
    to_destination(&mut w);

    w.click("Choose where to save…");
    w.wait_for("the cancel", |w| w.shows(text::dialog::CANCELLED));
    assert!(!w.shows_containing("no file dialog service"));

    w.click("Choose where to save…");
    w.wait_for("no service", |w| w.shows(text::dialog::NO_SERVICE));
    assert!(!w.shows(text::dialog::CANCELLED));

    w.click("Choose where to save…");
    w.wait_for("no answer", |w| {
        w.shows_containing("did not answer within 10 seconds")
    });

    w.click("Choose where to save…");
    w.wait_for("a refusal", |w| {
        w.shows_containing("(Portal operation not allowed)")
    });
    // The typed path is there all along.
    w.assert_shows(text::wizard::DESTINATION_TYPED);
    assert_eq!(w.screen(), Screen::Destination);
}

#[test]
fn a_chosen_file_that_exists_is_kept_and_a_new_name_beside_it_is_used() {
    let mut w = with_script(vec![Scripted::Path("recovery_file.dat".into())]);
    let existing = w.dest_path("recovery_file.dat");
    std::fs::write(&existing, b"an earlier recovery file").unwrap();
    to_destination(&mut w);
    w.click("Choose where to save…");
    let used = w.dest_path("recovery_file-2.dat");
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    assert_renamed_destination(&w, &existing, &used);

    // All the way to the file: written under the new name, the old one as
    // it was.
    review_and_confirm(&mut w);
    w.click("Register this secret");
    w.wait_for("done", |w| w.screen() == Screen::Done);
    assert_eq!(
        std::fs::read(&existing).unwrap(),
        b"an earlier recovery file"
    );
    assert!(std::fs::metadata(&used).unwrap().len() > 0);
}
