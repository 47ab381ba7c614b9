//! The handoff to servers driven through the window's accessibility tree:
//! from a registration on the start screen, from the Done screen of an
//! onboarding rehearsal, and of the new secret inside a rotation rehearsal
//! before the simulated Console switches; each file opened here with the
//! age library and the test's own identity. A private key pasted as a
//! recipient is refused and leaves no line of itself anywhere.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use std::io::Read;
use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use entity_secret_wizard::app::{ConsoleStep, Screen};
use entity_secret_wizard::ceremony::console::ConsoleKind;
use entity_secret_wizard::ceremony::steps::CiphertextOf;
use entity_secret_wizard::handoff::{Carries, PrivateKeyKind, RecipientKind, parse_recipients};
use entity_secret_wizard::secret::{EntitySecret, Environment};
use entity_secret_wizard::store::{Records, SecretStore};
use entity_secret_wizard::text::{self, console as console_words, handoff as words, home};
use gui_support::console::*;
use gui_support::flow::*;
use gui_support::prepare::*;
use gui_support::{Setup, Wizard, all_bytes_under};

/// What `age -d -i KEY FILE` prints, done here with the age library.
fn opened(path: &Path, identity: &age::x25519::Identity) -> String {
    let bytes = std::fs::read(path).unwrap();
    let decryptor =
        age::Decryptor::new_buffered(age::armor::ArmoredReader::new(&bytes[..])).unwrap();
    let mut out = String::new();
    decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    out
}

/// The fingerprint the window lists for a public key.
fn fingerprint_of(public_key: &str) -> String {
    parse_recipients(public_key).unwrap()[0]
        .fingerprint()
        .to_owned()
}

/// Put `text` on the clipboard, as a person copying it would.
fn copy(w: &Wizard, text: &str) {
    *w.clipboard.0.lock().unwrap() = Some(text.to_owned());
}

/// Click "Hand to servers…" and wait for the panel.
fn open_panel(w: &mut Wizard) {
    w.click(words::ACTION);
    w.wait_for("the handoff panel", |w| {
        w.app().handoff_panel().is_some_and(|p| p.view.is_some())
    });
    w.assert_shows(words::TITLE);
}

/// Paste the recipient of `identity` named `name` and see it listed.
fn paste_recipient(w: &mut Wizard, identity: &age::x25519::Identity, name: &str) {
    let public = identity.to_public().to_string();
    copy(w, &format!("{public} {name}"));
    w.click(words::PASTE);
    w.assert_shows(&words::recipient_listed(
        1,
        RecipientKind::X25519.slug(),
        &fingerprint_of(&public),
    ));
}

/// Save at a typed path.
fn save_typed(w: &mut Wizard, path: &Path) {
    w.type_into(
        Role::TextInput,
        words::SAVE_PATH,
        &path.display().to_string(),
    );
    w.click(words::SAVE_HERE);
}

/// Wait for the file at `path` to be written, and check what the panel
/// says about it: the command that opens it, the variable, how sensitive.
fn wait_saved(w: &mut Wizard, path: &Path, pending: bool) {
    w.wait_for("the handoff file", |w| w.shows(&words::saved(path)));
    let name = words::file_name_of(path);
    w.assert_shows(&words::open_command(&name, &[RecipientKind::X25519]));
    w.assert_shows(&words::env_example(
        &name,
        &[RecipientKind::X25519],
        pending,
    ));
    w.assert_shows(words::SENSITIVE);
    assert_eq!(w.shows(words::PENDING_DEPLOY), pending);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// The offered file name of the simulated Circle's app's secret.
fn offered(w: &Wizard, secret: &EntitySecret) -> String {
    entity_secret_wizard::handoff::default_file_name(
        Environment::Test,
        w.sim.app_id(),
        &secret.fingerprint(),
        true,
    )
}

#[test]
fn a_registration_is_handed_to_servers_from_the_start_screen() {
    let mut w = Wizard::new(Setup {
        dialog: vec![Some("servers.age")],
        ..Setup::default()
    });
    let secret = registered(&mut w);
    let identity = age::x25519::Identity::generate();
    assert!(!w.shows("REHEARSAL"), "the home screen is no rehearsal");
    open_panel(&mut w);
    // The panel is about a rehearsal's registration, and its header says so.
    w.assert_shows("REHEARSAL");
    w.assert_shows(&words::target_registered(
        "TEST",
        w.sim.app_id(),
        &secret.fingerprint(),
    ));
    w.assert_shows(&words::offered_name(&offered(&w, &secret)));
    assert!(offered(&w, &secret).ends_with("-REHEARSAL.age"));
    assert!(!w.button_enabled(words::SAVE), "no recipient yet");
    paste_recipient(&mut w, &identity, "web servers");
    // The name came from the line; a person may change it for the record.
    let field = words::name_field(1);
    w.type_into(Role::TextInput, &field, "web fleet");
    w.click_role(Role::RadioButton, words::FORMAT_ARMORED);
    w.assert_readable();

    w.click(words::SAVE);
    let armored = w.dest_path("servers.age");
    wait_saved(&mut w, &armored, false);
    assert!(
        std::fs::read(&armored)
            .unwrap()
            .starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
    );
    assert_eq!(opened(&armored, &identity), secret.expose_hex().as_str());
    w.assert_shows(&words::recipient_line(
        "x25519",
        &fingerprint_of(&identity.to_public().to_string()),
        Some("web fleet"),
    ));
    w.assert_readable();
    // The long path, hash and commands wrap in a small window.
    w.harness.set_size(egui::vec2(640.0, 520.0));
    w.settle();
    let past = w.painted_past(640.0);
    assert!(past.is_empty(), "texts past the window's edge: {past:#?}");
    w.harness.set_size(egui::vec2(1100.0, 1800.0));
    w.settle();

    // Again, binary, with no dialog: a typed folder gets the offered name.
    w.click(words::ANOTHER);
    w.click_role(Role::RadioButton, words::FORMAT_BINARY);
    let folder = w.dest.path().to_path_buf();
    type_after_no_dialog(&mut w, words::SAVE, words::SAVE_PATH, &folder);
    w.click(words::SAVE_HERE);
    let binary = w.dest_path(&offered(&w, &secret));
    wait_saved(&mut w, &binary, false);
    assert!(
        std::fs::read(&binary)
            .unwrap()
            .starts_with(b"age-encryption.org/v1")
    );
    assert_eq!(opened(&binary, &identity), secret.expose_hex().as_str());

    // Both recorded on the registration, with the name given.
    let record = Records::open(w.rehearsal_dir()).unwrap().list().unwrap()[0].clone();
    assert_eq!(record.handoffs.len(), 2);
    assert_eq!(
        record.handoffs[0].recipients[0].name.as_deref(),
        Some("web fleet")
    );
    assert_eq!(w.logged("handoff").len(), 4, "started and succeeded, twice");

    w.click(words::CLOSE);
    assert!(w.app().handoff_panel().is_none());
    w.wait_for("the home screen", |w| w.has_button(home::ROTATE));
    assert_eq!(w.screen(), Screen::Start);
}

#[test]
fn the_done_screen_of_an_onboarding_hands_the_new_registration_over() {
    let keys = tempfile::tempdir().unwrap();
    let identity = age::x25519::Identity::generate();
    let recipients = keys.path().join("recipients.txt");
    std::fs::write(
        &recipients,
        format!("# deploy\n{} deploy@web1\n", identity.to_public()),
    )
    .unwrap();
    let mut w = Wizard::new(Setup {
        opened: vec![Some(recipients)],
        ..Setup::default()
    });
    to_confirmed_review(&mut w, "recovery.dat");
    w.click("Register this secret");
    w.wait_for("done", |w| w.screen() == Screen::Done);
    let secret = stored_secret(&w);
    w.assert_shows(words::ACTION_HELP);
    open_panel(&mut w);
    w.click(words::LOAD_FILE);
    w.wait_for("the recipients file", |w| {
        w.shows(&words::recipient_listed(
            1,
            "x25519",
            &fingerprint_of(&identity.to_public().to_string()),
        ))
    });
    let target = w.dest_path("typed.age");
    save_typed(&mut w, &target);
    wait_saved(&mut w, &target, false);
    assert_eq!(opened(&target, &identity), secret.expose_hex().as_str());
    // A new file, never over one: the same path again is refused.
    w.click(words::ANOTHER);
    save_typed(&mut w, &target);
    w.wait_for("the refusal", |w| {
        w.shows_containing("The handoff file was not written")
    });
    assert_eq!(opened(&target, &identity), secret.expose_hex().as_str());

    // Closing the panel finds the Done screen as it was.
    w.click(words::CLOSE);
    assert_eq!(w.screen(), Screen::Done);
    w.assert_shows(text::wizard::DONE_TITLE);
}

#[test]
fn the_new_secret_of_a_rotation_is_handed_over_before_console_and_done_says_what_each_file_carries()
{
    let mut w = Wizard::new(Setup {
        dialog: vec![Some("next.age")],
        ..Setup::default()
    });
    let old = registered(&mut w);
    let identity = age::x25519::Identity::generate();
    // The servers' copy of the current secret, from the start screen.
    open_panel(&mut w);
    paste_recipient(&mut w, &identity, "web");
    let old_file = w.dest_path("current.age");
    save_typed(&mut w, &old_file);
    wait_saved(&mut w, &old_file, false);
    w.click(words::CLOSE);
    w.wait_for("the home screen", |w| w.has_button(home::ROTATE));

    // The rotation: once the new secret is stored, before Console.
    open_with_key(&mut w, home::ROTATE);
    assert!(!w.shows(words::PREPARE_SERVERS_FIRST), "nothing stored yet");
    generate_and_stage(&mut w);
    w.assert_shows(words::PREPARE_SERVERS_FIRST);
    let new = w.store.get(&pending(&w)).unwrap().unwrap();
    open_panel(&mut w);
    w.assert_shows(&words::target_pending(
        "rotation",
        "TEST",
        w.sim.app_id(),
        &new.fingerprint(),
    ));
    paste_recipient(&mut w, &identity, "web");
    w.click(words::SAVE);
    let new_file = w.dest_path("next.age");
    wait_saved(&mut w, &new_file, true);
    assert_eq!(opened(&new_file, &identity), new.expose_hex().as_str());
    assert_ne!(new.expose_hex().as_str(), old.expose_hex().as_str());
    w.assert_readable();
    w.click(words::CLOSE);
    assert_eq!(step(&w), Some(ConsoleStep::Key), "the rotation waits");

    // Console switches; the rotation finishes.
    fetch_key_and_show(&mut w);
    w.assert_shows(words::PREPARE_SERVERS_FIRST);
    w.click(console_words::copy_label(CiphertextOf::Current));
    w.click(&console_words::paste_into(console_words::SIM_CURRENT_FIELD));
    w.click(console_words::copy_label(CiphertextOf::New));
    w.click(&console_words::paste_into(console_words::sim_new_field(
        ConsoleKind::Rotation,
    )));
    w.click(console_words::sim_submit(ConsoleKind::Rotation));
    w.wait_for("the simulated Console's answer", |w| {
        w.shows(console_words::SIM_ACCEPTED)
    });
    download(&mut w, "console_download.dat");
    console_did(&mut w, ConsoleKind::Rotation, true);
    w.click(console_words::IMPORT_THIS_RECOVERY);
    w.wait_for("the import", |w| w.shows_containing("✔ Imported; SHA-256"));
    save_and_finish(&mut w, "recovery_after_rotation.dat");

    // Done says which file carries the new secret and which the retired.
    w.assert_shows(words::FILES_HEADING);
    w.wait_for("the handoff files", |w| {
        says_carries(w, &new_file, Carries::Active) && says_carries(w, &old_file, Carries::Retired)
    });
    w.assert_readable();
}

/// Whether a line names the file at `path` and says it `carries`.
fn says_carries(w: &Wizard, path: &Path, carries: Carries) -> bool {
    let named = format!("{} (secret", path.display());
    let said = words::carries(carries);
    w.texts()
        .iter()
        .any(|t| t.starts_with(&named) && t.ends_with(said))
}

#[test]
fn a_private_key_pasted_as_a_recipient_is_refused_and_no_line_of_it_is_kept() {
    let mut w = Wizard::new(Setup::default());
    registered(&mut w);
    open_panel(&mut w);
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handoff");
    // As age-keygen writes it: two comments, then the private key.
    let age_file = std::fs::read_to_string(fixtures.join("x25519-identity.txt")).unwrap();
    let public = std::fs::read_to_string(fixtures.join("x25519.txt")).unwrap();
    let public = public.trim();
    let ssh_file = std::fs::read_to_string(fixtures.join("ed25519-private")).unwrap();
    for (pasted, line, kind) in [
        (&age_file, 3, PrivateKeyKind::AgeIdentity),
        (&ssh_file, 1, PrivateKeyKind::OpenSsh),
    ] {
        copy(&w, pasted);
        w.click(words::PASTE);
        w.assert_shows(&words::private_key_refused(line, kind));
        w.assert_shows(&words::private_key_next(kind));
        let panel = w.app().handoff_panel().unwrap();
        assert!(panel.recipients.is_empty());
        let kept = format!("{panel:?}");
        let texts = w.texts().join("\n");
        let files = String::from_utf8_lossy(&all_bytes_under(w.data.path())).into_owned();
        for secret_line in pasted
            .lines()
            .map(str::trim)
            .filter(|l| l.len() > 20 && !l.starts_with('#'))
        {
            assert!(
                !kept.contains(secret_line),
                "{secret_line} kept in the panel"
            );
            assert!(!texts.contains(secret_line), "{secret_line} on screen");
            assert!(!files.contains(secret_line), "{secret_line} in the records");
        }
        // Nor on the clipboard, where the next paste would find it.
        assert_eq!(
            *w.clipboard.0.lock().unwrap(),
            None,
            "the clipboard cleared"
        );
        assert!(!w.button_enabled(words::SAVE));
    }

    // A line that is no key says which line and why; nothing is listed.
    let dss = format!("{public}\nssh-dss AAAAB3NzaC1kc3M=\n");
    copy(&w, &dss);
    w.click(words::PASTE);
    w.assert_shows_containing("line 2: a DSA key");
    // A refused public key is left on the clipboard: nothing secret in it.
    assert_eq!(w.clipboard.0.lock().unwrap().as_deref(), Some(dss.as_str()));
    assert!(w.app().handoff_panel().unwrap().recipients.is_empty());

    // The public key alone is taken.
    copy(&w, public);
    w.click(words::PASTE);
    assert_eq!(w.app().handoff_panel().unwrap().recipients.len(), 1);
    assert!(w.button_enabled(words::SAVE));
    w.assert_readable();
}
