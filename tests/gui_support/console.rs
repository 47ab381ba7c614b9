//! Steps of the Console ceremonies (rotation, reset, registration through
//! Console) as a person does them in the window, and the states they start
//! from, shared by the GUI tests.

use std::path::PathBuf;

use base64::Engine;
use egui::accesskit::Role;
use egui_kittest::kittest::NodeT;
use entity_secret_wizard::app::{ConsoleStep, Screen};
use entity_secret_wizard::ceremony::console::ConsoleKind;
use entity_secret_wizard::secret::{EntitySecret, Environment, sha256_hex};
use entity_secret_wizard::store::{self, Records, SecretStore};
use entity_secret_wizard::text::{self, console as words};

use super::Wizard;
use super::flow::registered_account;
use super::prepare::record_of;

/// The step of the Console ceremony on screen, if one is.
pub fn step(w: &Wizard) -> Option<ConsoleStep> {
    w.app().console_step()
}

/// The ciphertexts shown (as labels, not what was pasted into a field),
/// in the order shown: standard base64 of Circle's RSA-4096 key, 684
/// characters.
pub fn shown_ciphertexts(w: &Wizard) -> Vec<String> {
    let mut seen = Vec::new();
    for node in w.harness.root().children_recursive() {
        let node = node.accesskit_node();
        if node.role() != Role::Label {
            continue;
        }
        let Some(t) = node.value() else { continue };
        let is_one = t.len() == 684 && base64::engine::general_purpose::STANDARD.decode(&t).is_ok();
        if is_one && !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen
}

/// The secret a ciphertext holds, decrypted with the simulated Circle's key.
pub fn decrypted(ciphertext: &str) -> String {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(ciphertext)
        .unwrap();
    let plain = crate::common::fixture_key()
        .oaep_decrypt::<sha2::Sha256>(&bytes)
        .unwrap();
    hex::encode(plain)
}

/// The simulated Circle's app registered from this computer, with a
/// recovery file saved in `dest` that the simulated Console holds as the
/// current one; then a launch. Returns the secret and the file.
pub fn registered_with_recovery_file(w: &mut Wizard) -> (EntitySecret, PathBuf) {
    let secret = EntitySecret::generate();
    let content = "b2xkIHJlY292ZXJ5IGZpbGUgb2YgdGhlIGN1cnJlbnQgc2VjcmV0".to_owned();
    let path = w.dest_path("recovery_file_before.dat");
    std::fs::write(&path, &content).unwrap();
    w.sim
        .seed_registration(secret.duplicate(), Some(content.clone()));
    w.store.put(&registered_account(w), &secret).unwrap();
    let mut record = record_of(w, &secret, w.sim.public_key().fingerprint());
    record.recovery_path = Some(path.clone());
    record.recovery_sha256 = Some(sha256_hex(content.as_bytes()));
    Records::open(w.rehearsal_dir())
        .unwrap()
        .upsert(&record)
        .unwrap();
    w.relaunch();
    w.wait_for("the registration", |w| w.has_button(text::home::RESET));
    (secret, path)
}

/// From the home screen: open a rotation or reset of the registration and
/// give a practice API key, up to the new secret's step.
pub fn open_with_key(w: &mut Wizard, button: &str) {
    w.click(button);
    w.wait_for("the API key", |w| w.shows(words::API_KEY_HEADING));
    assert_eq!(w.screen(), Screen::Console);
    w.click(text::wizard::USE_PRACTICE_KEY);
    w.click(text::wizard::CHECK_KEY);
    w.wait_for("the new secret's step", |w| {
        step(w) == Some(ConsoleStep::Secret)
    });
}

/// On the new secret's step: generate one and store it as pending.
pub fn generate_and_stage(w: &mut Wizard) {
    w.click(text::wizard::GENERATE);
    w.wait_for("a new secret", |w| w.shows(text::wizard::GENERATED_HERE));
    w.click(words::STAGE_BUTTON);
    w.wait_for("the key step", |w| step(w) == Some(ConsoleStep::Key));
    w.assert_shows(words::STAGED);
}

/// On the key step: fetch Circle's key and show the ciphertexts.
pub fn fetch_key_and_show(w: &mut Wizard) {
    w.click(text::home::FETCH_KEY);
    w.wait_for("Circle's key", |w| w.shows(text::home::KEY_SAME));
    w.click(words::SHOW_BUTTON);
    w.wait_for("the ciphertexts", |w| step(w) == Some(ConsoleStep::Shown));
}

/// A rotation of the registration from the home screen up to the
/// ciphertexts shown for Console; returns (current, new).
pub fn rotation_to_console(w: &mut Wizard) -> (String, String) {
    open_with_key(w, text::home::ROTATE);
    generate_and_stage(w);
    fetch_key_and_show(w);
    let shown = shown_ciphertexts(w);
    assert_eq!(shown.len(), 2, "{}", w.dump());
    (shown[0].clone(), shown[1].clone())
}

/// In the simulated Console: type these into the fields and submit.
pub fn paste_in_simulated_console(w: &mut Wizard, kind: ConsoleKind, current: &str, new: &str) {
    if kind == ConsoleKind::Rotation {
        w.type_into(Role::TextInput, words::SIM_CURRENT_FIELD, current);
    }
    w.type_into(Role::TextInput, words::sim_new_field(kind), new);
    w.click(words::sim_submit(kind));
    w.wait_for("the simulated Console's answer", |w| {
        w.shows(words::SIM_ACCEPTED) || w.shows_containing("The simulated Console refused")
    });
}

/// Download what the simulated Console offers to `dest/name` (typed).
pub fn download(w: &mut Wizard, name: &str) -> PathBuf {
    let path = w.dest_path(name);
    w.type_into(
        Role::TextInput,
        words::SIM_DOWNLOAD_PATH,
        &path.display().to_string(),
    );
    w.click(words::SIM_DOWNLOAD_HERE);
    w.wait_for("the download", |w| {
        w.shows(&words::simulated_downloaded(&path))
    });
    path
}

/// Say what Console did.
pub fn console_did(w: &mut Wizard, kind: ConsoleKind, accepted: bool) {
    let choice = if accepted {
        words::did_accept(kind)
    } else {
        words::DID_REFUSE
    };
    w.click_role(Role::RadioButton, choice);
    w.click(words::CONSOLE_DID_BUTTON);
    let expected = if accepted {
        ConsoleStep::Recovery
    } else {
        ConsoleStep::Refused
    };
    w.wait_for("what Console did, said", |w| step(w) == Some(expected));
}

/// On the recovery step: import the file at `path` (typed).
pub fn import_recovery(w: &mut Wizard, path: &std::path::Path) {
    w.type_into(
        Role::TextInput,
        words::RECOVERY_TO_IMPORT,
        &path.display().to_string(),
    );
    w.click(words::IMPORT_THIS_RECOVERY);
    w.wait_for("the import, or why not", |w| {
        w.shows_containing("✔ Imported; SHA-256")
            || w.shows_containing("is not the new recovery file")
    });
}

/// On the recovery step with a file imported: choose `dest/name` (typed)
/// as its place, proven writable.
pub fn choose_recovery_place(w: &mut Wizard, name: &str) -> PathBuf {
    let target = w.dest_path(name);
    w.type_into(
        Role::TextInput,
        text::wizard::RECOVERY_FILE_PATH,
        &target.display().to_string(),
    );
    w.click(words::USE_THIS_PATH);
    w.wait_for("the destination check", |w| w.shows(text::wizard::WRITABLE));
    target
}

/// On the recovery step with a file imported: save it to `dest/name` and
/// finish.
pub fn save_and_finish(w: &mut Wizard, name: &str) -> PathBuf {
    let target = choose_recovery_place(w, name);
    w.click(words::SAVE_RECOVERY_BUTTON);
    w.wait_for("done", |w| step(w) == Some(ConsoleStep::Done));
    target
}

/// On a key step with no route to Circle: save the simulated Circle's key
/// as a file (typed path), and import it.
pub fn simulated_key_from_a_file(w: &mut Wizard) {
    let key_file = w.dest_path("circle-key.pem");
    w.type_into(
        Role::TextInput,
        text::home::KEY_FILE_PATH,
        &key_file.display().to_string(),
    );
    w.click(text::home::SAVE_SIMULATOR_KEY_HERE);
    w.wait_for("the key file", |w| {
        w.shows(&text::home::simulator_key_saved(&key_file))
    });
    w.click(text::home::IMPORT_THIS_FILE);
    w.wait_for("the key", |w| w.shows(text::home::KEY_NEVER_SEEN));
}

/// The keychain accounts of the simulated Circle's app, sorted.
pub fn accounts(w: &Wizard) -> Vec<String> {
    let mut all = w.store.accounts();
    all.sort();
    all
}

/// The app's pending account.
pub fn pending(w: &Wizard) -> String {
    store::pending_account_name(Environment::Test, w.sim.app_id())
}

/// The start screen → rehearse a registration through Console → the
/// simulated Circle's app typed → a new secret staged → Circle's key from
/// a file (the simulated Circle's, saved first) → the ciphertext shown.
pub fn offline_registration_to_console(w: &mut Wizard) -> String {
    w.click(text::home::REHEARSE_THROUGH_CONSOLE);
    w.wait_for("the app step", |w| w.shows(words::APP_HEADING));
    w.assert_shows(words::intro(ConsoleKind::Registration));
    assert!(!w.has_button(text::wizard::CHECK_KEY), "no API key offline");
    w.click(words::USE_SIMULATED_APP);
    w.click(words::USE_THIS_APP);
    w.wait_for("the new secret's step", |w| {
        step(w) == Some(ConsoleStep::Secret)
    });
    generate_and_stage(w);
    assert!(
        !w.has_button(text::home::FETCH_KEY),
        "never asked of Circle"
    );
    simulated_key_from_a_file(w);
    w.click(words::SHOW_BUTTON);
    w.wait_for("the ciphertext", |w| step(w) == Some(ConsoleStep::Shown));
    let shown = shown_ciphertexts(w);
    assert_eq!(shown.len(), 1);
    shown[0].clone()
}
