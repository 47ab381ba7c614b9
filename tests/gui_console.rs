//! The rotation ceremony driven through the window's accessibility tree,
//! end to end against the simulated Circle and its simulated Console:
//! pasted, downloaded, imported and saved; refused in Console and
//! discarded; the wrong ciphertexts pasted; the old recovery file imported
//! by mistake; Circle's key changed; the window closed at every step.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use egui::accesskit::Role;
use entity_secret_wizard::app::{ConsoleStep, Screen};
use entity_secret_wizard::ceremony::console::ConsoleKind;
use entity_secret_wizard::ceremony::status::Situation;
use entity_secret_wizard::store::{CeremonyKind, Records, SecretStore, Stage};
use entity_secret_wizard::text::{self, console as words, home};
use gui_support::console::*;
use gui_support::flow::*;
use gui_support::prepare::*;
use gui_support::{Setup, Wizard};

#[test]
fn a_rotation_pasted_in_the_simulated_console_retires_the_old_secret_and_restarts_the_record() {
    let mut w = Wizard::new(Setup::default());
    let old = registered(&mut w);
    let (current, new) = rotation_to_console(&mut w);
    w.assert_readable();
    // Labelled by what they are of, current first, each decrypting to it.
    w.assert_shows(&words::ciphertext_of(
        entity_secret_wizard::ceremony::steps::CiphertextOf::Current,
        &old.fingerprint(),
    ));
    assert_eq!(decrypted(&current), old.expose_hex().as_str());
    let pending_secret = w.store.get(&pending(&w)).unwrap().unwrap();
    assert_eq!(decrypted(&new), pending_secret.expose_hex().as_str());
    w.assert_shows(words::SWITCHES_AT_ONCE);
    w.assert_shows(words::SIMULATED_TITLE);
    // The journal said so before they were shown.
    assert_eq!(w.unfinished()[0].stage, Stage::CiphertextShown);

    // Copied and pasted as in Console: the copy buttons, then the paste
    // buttons of the simulated Console's fields.
    w.click(words::copy_label(
        entity_secret_wizard::ceremony::steps::CiphertextOf::Current,
    ));
    w.click(&words::paste_into(words::SIM_CURRENT_FIELD));
    w.click(words::copy_label(
        entity_secret_wizard::ceremony::steps::CiphertextOf::New,
    ));
    w.click(&words::paste_into(words::sim_new_field(
        ConsoleKind::Rotation,
    )));
    w.click(words::sim_submit(ConsoleKind::Rotation));
    w.wait_for("the simulated Console's answer", |w| {
        w.shows(words::SIM_ACCEPTED)
    });
    assert_eq!(w.sim.registered_secret(), Some(pending_secret.duplicate()));
    let downloaded = download(&mut w, "console_download.dat");
    let issued = w.sim.issued_recovery_files().pop().unwrap();
    assert_eq!(std::fs::read_to_string(&downloaded).unwrap(), issued);

    console_did(&mut w, ConsoleKind::Rotation, true);
    // The download is offered for the import.
    w.click(words::IMPORT_THIS_RECOVERY);
    w.wait_for("the import", |w| w.shows_containing("✔ Imported; SHA-256"));
    // Imported and not saved apart yet: the window stays, and says why.
    assert!(w.request_close(), "the close is refused");
    w.step();
    w.assert_shows(words::CLOSE_REFUSED_IMPORTED);
    w.click(text::wizard::STAY);
    assert!(!w.has_button(home::BACK_HOME), "no leaving either");
    let saved = save_and_finish(&mut w, "recovery_after_rotation.dat");
    w.assert_readable();
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), issued);

    // The keychain: the new secret active, the old one retired, nothing
    // pending; the record restarts from today and remembers the old one.
    let active = w.store.get(&registered_account(&w)).unwrap().unwrap();
    assert_eq!(active, pending_secret);
    assert!(w.store.get(&pending(&w)).unwrap().is_none());
    let records = Records::open(w.rehearsal_dir()).unwrap().list().unwrap();
    let record = &records[0];
    assert_eq!(record.secret_fingerprint, pending_secret.fingerprint());
    assert_eq!(record.ceremony, Some(CeremonyKind::Rotation));
    assert_eq!(record.recovery_path.as_deref(), Some(saved.as_path()));
    assert_eq!(record.retired.len(), 1);
    let retired = &record.retired[0];
    assert_eq!(retired.fingerprint, old.fingerprint());
    assert_eq!(
        w.store.get(&retired.keychain_account).unwrap(),
        Some(old.duplicate())
    );
    w.assert_shows(&words::retired_kept(
        &old.fingerprint(),
        &retired.keychain_account,
    ));
    assert!(w.unfinished().is_empty());
    assert!(!w.request_close(), "finished: the window closes");

    // Home lists the retired secret under the registration, with Delete.
    w.click(home::BACK_HOME);
    w.wait_for("the home screen", |w| w.has_button(home::ROTATE));
    let delete = home::retired_delete(&old.fingerprint());
    assert!(w.has_button(&delete));
}

#[test]
fn refused_in_console_the_new_secret_is_discarded_after_its_fingerprint_and_nothing_else_changes() {
    let mut w = Wizard::new(Setup::default());
    let old = registered(&mut w);
    let before = Records::open(w.rehearsal_dir()).unwrap().list().unwrap();
    rotation_to_console(&mut w);
    let new_fp = w.store.get(&pending(&w)).unwrap().unwrap().fingerprint();
    console_did(&mut w, ConsoleKind::Rotation, false);
    w.assert_shows(words::refused(ConsoleKind::Rotation));
    w.assert_shows(words::ONLY_IF_NOT_ACCEPTED);
    w.assert_readable();
    w.type_into(Role::TextInput, home::DISCARD_FIELD, "0000000000000000");
    w.settle();
    w.assert_shows(home::DISCARD_MISMATCH);
    assert!(!w.button_enabled(words::DISCARD_NEW_SECRET));
    w.type_into(Role::TextInput, home::DISCARD_FIELD, &new_fp.to_uppercase());
    w.settle();
    w.click(words::DISCARD_NEW_SECRET);
    w.wait_for("the discard", |w| w.shows(&words::discarded(&new_fp)));
    assert_eq!(accounts(&w), vec![registered_account(&w)]);
    assert_eq!(w.store.get(&registered_account(&w)).unwrap(), Some(old));
    assert_eq!(
        Records::open(w.rehearsal_dir()).unwrap().list().unwrap(),
        before
    );
    assert!(w.unfinished().is_empty());
}

#[test]
fn swapped_or_stale_ciphertexts_are_refused_by_the_simulated_console_and_fresh_ones_work() {
    let mut w = Wizard::new(Setup::default());
    let old = registered(&mut w);
    let (current, new) = rotation_to_console(&mut w);
    // Pasted the wrong way round.
    paste_in_simulated_console(&mut w, ConsoleKind::Rotation, &new, &current);
    w.assert_shows_containing("does not match the registered secret");
    assert_eq!(w.sim.registered_secret(), Some(old.duplicate()));
    // The same two again, the right way round: used, so stale.
    paste_in_simulated_console(&mut w, ConsoleKind::Rotation, &current, &new);
    w.assert_shows_containing("had already been used");
    assert_eq!(w.sim.registered_secret(), Some(old.duplicate()));
    // "Make another" of each: fresh ones, which Console takes.
    use entity_secret_wizard::ceremony::steps::CiphertextOf;
    w.click(words::another_label(CiphertextOf::Current));
    w.wait_for("another current", |w| {
        !shown_ciphertexts(w).contains(&current)
    });
    w.click(words::another_label(CiphertextOf::New));
    w.wait_for("another new", |w| !shown_ciphertexts(w).contains(&new));
    w.assert_shows(&words::made_afresh(2));
    let fresh = shown_ciphertexts(&w);
    assert_eq!(decrypted(&fresh[0]), old.expose_hex().as_str());
    paste_in_simulated_console(&mut w, ConsoleKind::Rotation, &fresh[0], &fresh[1]);
    w.assert_shows(words::SIM_ACCEPTED);
    let pending_secret = w.store.get(&pending(&w)).unwrap().unwrap();
    assert_eq!(w.sim.registered_secret(), Some(pending_secret));
}

#[test]
fn the_old_recovery_file_imported_by_mistake_is_refused_and_the_new_one_is_taken() {
    let mut w = Wizard::new(Setup::default());
    let (_, old_file) = registered_with_recovery_file(&mut w);
    let (current, new) = rotation_to_console(&mut w);
    paste_in_simulated_console(&mut w, ConsoleKind::Rotation, &current, &new);
    let downloaded = download(&mut w, "new_recovery.dat");
    console_did(&mut w, ConsoleKind::Rotation, true);
    w.assert_shows(&words::old_recovery_worthless(&old_file));
    import_recovery(&mut w, &old_file);
    w.assert_shows_containing("it is the recovery file of the secret being replaced");
    assert_eq!(step(&w), Some(ConsoleStep::Recovery));
    // An empty file, and one that is not base64.
    let empty = w.dest_path("empty.dat");
    std::fs::write(&empty, "").unwrap();
    import_recovery(&mut w, &empty);
    w.assert_shows_containing("it is empty");
    import_recovery(&mut w, &downloaded);
    w.assert_shows_containing("✔ Imported; SHA-256");
    save_and_finish(&mut w, "recovery_after.dat");
}

#[test]
fn a_changed_circle_key_is_shown_loudly_and_must_be_acknowledged() {
    let mut w = Wizard::new(Setup::default());
    registered(&mut w);
    open_with_key(&mut w, home::ROTATE);
    generate_and_stage(&mut w);
    import_a_different_key(&mut w);
    assert!(!w.button_enabled(words::SHOW_BUTTON));
    w.assert_shows(home::KEY_CHANGE_NEEDED);
    w.click_role(Role::CheckBox, home::KEY_CHANGE_ACKNOWLEDGE);
    w.wait_for("the acknowledgement", |w| {
        w.button_enabled(words::SHOW_BUTTON)
    });
    // Nothing was shown for Console meanwhile.
    assert_eq!(w.unfinished()[0].stage, Stage::SecretStored);
    // Circle's own key again: the same as on record, no acknowledgement.
    w.click_role(Role::DisclosureTriangle, home::USE_ANOTHER_KEY);
    w.click(home::FETCH_KEY);
    w.wait_for("Circle's key", |w| w.shows(home::KEY_SAME));
    assert!(w.button_enabled(words::SHOW_BUTTON));
}

#[test]
fn closing_the_window_at_each_step_is_allowed_until_a_file_is_imported_and_resume_carries_on() {
    let mut w = Wizard::new(Setup::default());
    let old = registered(&mut w);
    open_with_key(&mut w, home::ROTATE);
    // Nothing stored yet: closing leaves nothing behind.
    assert!(!w.request_close());
    generate_and_stage(&mut w);
    assert!(
        !w.request_close(),
        "staged: the journal and keychain keep it"
    );
    w.relaunch();
    w.assert_shows(&text::status::situation(
        &Situation::NothingSent,
        CeremonyKind::Rotation,
    ));
    w.click("Resume");
    w.wait_for("the key step", |w| step(w) == Some(ConsoleStep::Key));
    w.assert_shows(words::RESUMED);
    // The API key is never kept: it is given again to ask Circle.
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.click(home::FETCH_KEY);
    w.wait_for("Circle's key", |w| w.shows(home::KEY_SAME));
    w.click(words::SHOW_BUTTON);
    w.wait_for("the ciphertexts", |w| step(w) == Some(ConsoleStep::Shown));
    w.assert_shows(words::SHOWN_MAY_CLOSE);
    assert!(!w.request_close(), "in Console's hands: allowed");
    w.relaunch();
    w.assert_shows(&text::status::situation(
        &Situation::ShownForConsole,
        CeremonyKind::Rotation,
    ));
    assert!(!w.has_button("Discard…"), "Console may have taken it");
    w.click("Resume");
    w.wait_for("the key step, carried on", |w| {
        w.shows(words::RESUMED_SHOWN)
    });
    // Carried on: Circle's key again, then fresh ciphertexts (those shown
    // before the window closed are not shown again).
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.click(home::FETCH_KEY);
    w.wait_for("the ciphertexts again", |w| {
        step(w) == Some(ConsoleStep::Shown)
    });
    w.click(words::SHOW_BUTTON);
    w.wait_for("fresh ciphertexts", |w| shown_ciphertexts(w).len() == 2);
    let shown = shown_ciphertexts(&w);
    paste_in_simulated_console(&mut w, ConsoleKind::Rotation, &shown[0], &shown[1]);
    let downloaded = download(&mut w, "downloaded.dat");
    console_did(&mut w, ConsoleKind::Rotation, true);
    assert!(!w.request_close(), "accepted, nothing imported: allowed");
    w.relaunch();
    w.assert_shows(&text::status::situation(
        &Situation::AcceptedAwaitingRecovery,
        CeremonyKind::Rotation,
    ));
    w.click("Resume");
    w.wait_for("the recovery step", |w| {
        step(w) == Some(ConsoleStep::Recovery)
    });
    import_recovery(&mut w, &downloaded);
    assert!(w.request_close(), "imported and not saved: refused");
    w.step();
    w.assert_shows(words::CLOSE_REFUSED_IMPORTED);
    w.click(text::wizard::STAY);
    save_and_finish(&mut w, "saved.dat");
    assert_ne!(
        w.store.get(&registered_account(&w)).unwrap(),
        Some(old),
        "rotated"
    );
    assert!(w.unfinished().is_empty());
    assert_eq!(w.screen(), Screen::Console);
}

#[test]
fn the_console_step_wraps_to_a_640_by_520_window() {
    let mut w = Wizard::new(Setup::default());
    registered(&mut w);
    rotation_to_console(&mut w);
    // The longest step (two ciphertexts, the Console steps, the simulated
    // Console) in a small window: nothing runs off its right edge.
    w.harness.set_size(egui::vec2(640.0, 520.0));
    w.settle();
    let past = w.painted_past(640.0);
    assert!(past.is_empty(), "texts past the window's edge: {past:#?}");
}
