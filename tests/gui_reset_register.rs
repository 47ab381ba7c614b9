//! The reset ceremony (a lost or compromised secret, with the current
//! recovery file uploaded in Console) and the registration through Console
//! from a workstation with no route to Circle, driven through the window's
//! accessibility tree against the simulated Circle and its simulated
//! Console.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use egui::accesskit::Role;
use entity_secret_wizard::app::ConsoleStep;
use entity_secret_wizard::ceremony::console::ConsoleKind;
use entity_secret_wizard::secret::sha256_hex;
use entity_secret_wizard::store::{CeremonyKind, Records, RecoveryWarning, SecretStore};
use entity_secret_wizard::text::{self, console as words, home};
use gui_support::console::*;
use gui_support::flow::*;
use gui_support::{Setup, Wizard};

#[test]
fn a_reset_with_the_current_recovery_file_replaces_a_lost_secret() {
    let mut w = Wizard::new(Setup::default());
    let (lost, current_file) = registered_with_recovery_file(&mut w);
    // The secret is lost: the home says so, and offers Reset, not Rotate.
    w.store.delete(&registered_account(&w)).unwrap();
    w.relaunch();
    assert!(w.has_button(home::RESET));
    assert!(!w.has_button(home::ROTATE));

    w.click(home::RESET);
    w.wait_for("the API key", |w| w.shows(words::API_KEY_HEADING));
    // Compromised, not only lost: what else to do is listed.
    w.click_role(Role::CheckBox, words::COMPROMISED);
    w.assert_shows_containing(words::COMPROMISED_TODO[0]);
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.click(text::wizard::CHECK_KEY);
    w.wait_for("the new secret's step", |w| {
        step(w) == Some(ConsoleStep::Secret)
    });
    w.assert_shows(&lost.fingerprint());
    generate_and_stage(&mut w);
    fetch_key_and_show(&mut w);
    // One ciphertext (of the new secret), and where the current recovery
    // file is, with its SHA-256 to compare before uploading it.
    let shown = shown_ciphertexts(&w);
    assert_eq!(shown.len(), 1);
    let sha = sha256_hex(std::fs::read(&current_file).unwrap().as_slice());
    w.assert_shows_containing(&format!("{} (SHA-256 {sha})", current_file.display()));
    w.assert_readable();

    // The wrong file uploaded: refused, as Console would.
    let wrong = w.dest_path("some_other_file.dat");
    std::fs::write(&wrong, "bm90IHRoZSBjdXJyZW50IG9uZQ==").unwrap();
    w.type_into(
        Role::TextInput,
        words::SIM_UPLOAD_FIELD,
        &wrong.display().to_string(),
    );
    paste_in_simulated_console(&mut w, ConsoleKind::Reset, "", &shown[0]);
    w.assert_shows_containing("not the current one");
    // The current file, with a fresh ciphertext.
    use entity_secret_wizard::ceremony::steps::CiphertextOf;
    w.click(words::another_label(CiphertextOf::New));
    w.wait_for("a fresh ciphertext", |w| {
        !shown_ciphertexts(w).contains(&shown[0])
    });
    let fresh = shown_ciphertexts(&w).pop().unwrap();
    w.type_into(
        Role::TextInput,
        words::SIM_UPLOAD_FIELD,
        &current_file.display().to_string(),
    );
    paste_in_simulated_console(&mut w, ConsoleKind::Reset, "", &fresh);
    w.assert_shows(words::SIM_ACCEPTED);
    let downloaded = download(&mut w, "reset_download.dat");
    console_did(&mut w, ConsoleKind::Reset, true);
    w.assert_shows(&words::old_recovery_worthless(&current_file));
    import_recovery(&mut w, &downloaded);
    save_and_finish(&mut w, "recovery_after_reset.dat");
    w.assert_shows(words::done(ConsoleKind::Reset, true));
    w.assert_shows_containing(words::COMPROMISED_TODO[1]);
    w.assert_readable();

    let registered = w.sim.registered_secret().unwrap();
    assert_eq!(
        w.store.get(&registered_account(&w)).unwrap(),
        Some(registered.duplicate())
    );
    assert_eq!(
        accounts(&w),
        vec![registered_account(&w)],
        "nothing to retire"
    );
    let record = &Records::open(w.rehearsal_dir()).unwrap().list().unwrap()[0];
    assert_eq!(record.ceremony, Some(CeremonyKind::Reset));
    assert_eq!(record.secret_fingerprint, registered.fingerprint());
    assert!(w.unfinished().is_empty());
    // Proving it works is offered, and nothing was done by default.
    assert!(w.has_button(text::check::PROVE_BUTTON));
    assert!(w.sim.wallet_sets().is_empty());
}

#[test]
fn a_registration_through_console_carries_the_ciphertext_as_a_file_and_makes_no_request() {
    let mut w = Wizard::new(Setup::default());
    let requests = w.sim.requests().len();
    let ciphertext = offline_registration_to_console(&mut w);
    // Carried as a file: exactly the ciphertext, which decrypts to the
    // staged secret; the secret itself is in no file.
    let carried = w.dest_path("carry");
    std::fs::create_dir(&carried).unwrap();
    w.type_into(
        Role::TextInput,
        words::CIPHERTEXT_FILE_PATH,
        &carried.display().to_string(),
    );
    w.click(words::SAVE_CIPHERTEXT_HERE);
    let file = carried.join(words::CIPHERTEXT_FILE_NAME);
    w.wait_for("the file", |w| w.shows(&words::ciphertext_saved(&file)));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ciphertext);
    let staged = w.store.get(&pending(&w)).unwrap().unwrap();
    assert_eq!(decrypted(&ciphertext), staged.expose_hex().as_str());
    w.assert_readable();

    // On the other computer: the simulated Console registers it.
    paste_in_simulated_console(&mut w, ConsoleKind::Registration, "", &ciphertext);
    w.assert_shows(words::SIM_ACCEPTED);
    let downloaded = download(&mut w, "registered_download.dat");
    console_did(&mut w, ConsoleKind::Registration, true);
    import_recovery(&mut w, &downloaded);
    save_and_finish(&mut w, "recovery_file.dat");
    w.assert_shows(words::done(ConsoleKind::Registration, true));
    assert!(!w.has_button(text::check::PROVE_BUTTON), "offline");

    assert_eq!(w.sim.registered_secret(), Some(staged.duplicate()));
    assert_eq!(w.store.get(&registered_account(&w)).unwrap(), Some(staged));
    let record = &Records::open(w.rehearsal_dir()).unwrap().list().unwrap()[0];
    assert_eq!(record.ceremony, Some(CeremonyKind::ConsoleRegistration));
    assert_eq!(w.sim.requests().len(), requests, "no request was made");
}

#[test]
fn a_recovery_file_that_never_comes_here_is_recorded_where_it_is_kept() {
    let mut w = Wizard::new(Setup::default());
    let ciphertext = offline_registration_to_console(&mut w);
    paste_in_simulated_console(&mut w, ConsoleKind::Registration, "", &ciphertext);
    // Downloaded on the other computer, and kept there.
    let kept = w.dest_path("elsewhere.dat");
    download(&mut w, "elsewhere.dat");
    let sha = sha256_hex(std::fs::read(&kept).unwrap().as_slice());
    console_did(&mut w, ConsoleKind::Registration, true);
    w.type_into(
        Role::TextInput,
        words::ELSEWHERE_PLACE,
        "USB drive 2, office safe",
    );
    w.type_into(Role::TextInput, words::ELSEWHERE_SHA256, "abc");
    w.click(words::RECORD_ELSEWHERE);
    w.wait_for("the refusal", |w| w.shows(text::ceremony::SHA256_NOT_VALID));
    w.type_into(
        Role::TextInput,
        words::ELSEWHERE_SHA256,
        &sha.to_uppercase(),
    );
    w.click(words::RECORD_ELSEWHERE);
    w.wait_for("done", |w| step(w) == Some(ConsoleStep::Done));
    w.assert_shows(words::done(ConsoleKind::Registration, false));
    let record = &Records::open(w.rehearsal_dir()).unwrap().list().unwrap()[0];
    assert_eq!(record.recovery_sha256.as_deref(), Some(sha.as_str()));
    assert_eq!(
        record.recovery_warning,
        Some(RecoveryWarning::KeptElsewhere {
            place: "USB drive 2, office safe".to_owned()
        })
    );
}
