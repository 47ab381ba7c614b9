//! Ciphertexts on demand and Circle's public key from a file (the offline
//! path), driven through the window's accessibility tree: a ciphertext made
//! with no network decrypts to the registered secret, and a key that
//! differs from the one on record is used only once acknowledged.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use base64::Engine;
use egui::accesskit::Role;
use entity_secret_wizard::app::Screen;
use entity_secret_wizard::secret::EntitySecret;
use entity_secret_wizard::simulator::{Endpoint, Fault};
use entity_secret_wizard::store::Records;
use entity_secret_wizard::text::{self, home};
use gui_support::flow::*;
use gui_support::prepare::*;
use gui_support::{Setup, Wizard, all_bytes_under};

// ---------------------------------------------------------------------------
// Ciphertexts on demand.
// ---------------------------------------------------------------------------

/// The ciphertext on screen: the one text of standard base64 this long.
fn shown_ciphertext(w: &Wizard, length: usize) -> Option<String> {
    w.texts()
        .into_iter()
        .find(|t| t.len() == length && base64::engine::general_purpose::STANDARD.decode(t).is_ok())
}

fn fixture_key_2048() -> rsa::PrivateKey {
    use rsa::pkcs8::DecodePrivateKey;
    rsa::PrivateKey::from_pkcs8_pem(include_str!("fixtures/rsa2048.key.pem")).unwrap()
}

fn decrypts_to(ciphertext: &str, secret: &EntitySecret, key: &rsa::PrivateKey) {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(ciphertext)
        .unwrap();
    let plain = key.oaep_decrypt::<sha2::Sha256>(&bytes).unwrap();
    assert_eq!(hex::encode(plain), secret.expose_hex().as_str());
}

#[test]
fn a_ciphertext_on_demand_with_a_key_file_and_no_network_decrypts_to_the_secret() {
    let mut w = Wizard::new(Setup {
        opened: vec![Some(fixture("rsa4096.spki.pem"))],
        ..Setup::default()
    });
    let secret = registered(&mut w);
    // No network: every request would fail, and none is made.
    for _ in 0..10 {
        w.sim.push_fault(Endpoint::Any, Fault::Unauthorized);
    }
    let requests = w.sim.requests().len();

    w.click(home::NEW_CIPHERTEXT);
    w.wait_for("the ciphertext screen", |w| w.shows(home::CIPHERTEXT_INTRO));
    assert_eq!(w.screen(), Screen::Ciphertext);
    w.assert_shows(&secret.fingerprint());
    assert!(!w.has_button(home::MAKE), "no ciphertext without a key");
    w.assert_readable();

    w.click(home::IMPORT_KEY);
    w.wait_for("the key", |w| w.shows(home::KEY_SAME));
    w.assert_shows(&w.sim.public_key().fingerprint());
    w.assert_shows(&home::key_bits(4096));
    w.assert_shows(&home::key_from_file(&fixture("rsa4096.spki.pem")));

    w.click(home::MAKE);
    w.wait_for("a ciphertext", |w| shown_ciphertext(w, 684).is_some());
    let first = shown_ciphertext(&w, 684).unwrap();
    w.assert_shows(&home::ciphertext_length(684));
    w.assert_shows(home::SINGLE_USE);
    decrypts_to(&first, &secret, &common::fixture_key());
    w.assert_readable();

    w.click(home::MAKE_ANOTHER);
    w.wait_for("another ciphertext", |w| {
        shown_ciphertext(w, 684).is_some_and(|c| c != first)
    });
    let second = shown_ciphertext(&w, 684).unwrap();
    decrypts_to(&second, &secret, &common::fixture_key());
    assert_eq!(w.sim.requests().len(), requests, "no request was made");

    // Copied, and cleared when the window closes (still ours).
    w.click(home::COPY);
    assert_eq!(
        w.clipboard.0.lock().unwrap().as_deref(),
        Some(second.as_str())
    );
    w.assert_shows_containing("Clipboard clears in ");
    assert!(!w.request_close(), "nothing unsaved: closing is allowed");
    assert_eq!(w.clipboard.0.lock().unwrap().as_deref(), None);

    // The log says two ciphertexts were made, by fingerprints only.
    let made = w.logged("ciphertext");
    assert_eq!(made.len(), 2);
    assert_eq!(
        made[0].secret_fingerprint.as_deref(),
        Some(secret.fingerprint().as_str())
    );
    let hex = secret.expose_hex();
    let written = all_bytes_under(w.data.path());
    assert!(
        !written
            .windows(hex.len())
            .any(|window| window == hex.as_bytes()),
        "no secret in any file"
    );
}

#[test]
fn a_ciphertext_with_a_key_that_differs_from_the_record_waits_for_an_acknowledgement() {
    let mut w = Wizard::new(Setup::default());
    let secret = registered(&mut w);
    w.click(home::NEW_CIPHERTEXT);
    w.wait_for("the ciphertext screen", |w| w.shows(home::KEY_FROM_CIRCLE));
    // From Circle, with an API key of the app: the key on record.
    w.type_into(
        Role::PasswordInput,
        "API key",
        "TEST_API_KEY:ondemand1:secretpart",
    );
    w.click(home::FETCH_KEY);
    w.wait_for("Circle's key", |w| w.shows(home::KEY_SAME));
    w.assert_shows_containing("Circle (request id ");

    // Then another key, from a typed path: different, and loud about it.
    w.click_role(Role::DisclosureTriangle, home::USE_ANOTHER_KEY);
    import_a_different_key(&mut w);
    w.assert_shows(&home::key_size_warning(2048));
    assert!(!w.button_enabled(home::MAKE));
    w.assert_shows(home::KEY_CHANGE_NEEDED);

    w.click_role(Role::CheckBox, home::KEY_CHANGE_ACKNOWLEDGE);
    w.wait_for("the acknowledgement", |w| w.button_enabled(home::MAKE));
    w.click(home::MAKE);
    // 256 bytes of RSA-2048, in base64.
    w.wait_for("a ciphertext", |w| shown_ciphertext(w, 344).is_some());
    w.assert_shows(&home::ciphertext_length(344));
    decrypts_to(
        &shown_ciphertext(&w, 344).unwrap(),
        &secret,
        &fixture_key_2048(),
    );
}

// ---------------------------------------------------------------------------
// Circle's key from a file on the review screen (the offline path).
// ---------------------------------------------------------------------------

/// To the review with Circle's key unreachable: the screen offers the file.
fn to_review_without_circle(w: &mut Wizard) {
    to_destination(w);
    let target = w.dest_path("recovery.dat");
    type_destination(w, &target);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    w.sim.push_fault(Endpoint::PublicKey, Fault::Unauthorized);
    w.click("Review");
    w.wait_for("the failed fetch", |w| {
        w.screen() == Screen::Review && w.has_button(home::IMPORT_KEY_INSTEAD)
    });
    w.assert_shows(home::REVIEW_OFFLINE);
    assert!(!w.button_enabled(text::wizard::REGISTER_BUTTON));
}

#[test]
fn the_review_takes_circles_key_from_a_file_saved_from_the_rehearsal() {
    let mut w = Wizard::new(Setup {
        dialog: vec![Some("circle-key.pem")],
        ..Setup::default()
    });
    to_review_without_circle(&mut w);
    w.assert_readable();
    // Rehearsal: the simulated Circle's key as a file, to practise with.
    w.click(home::SAVE_SIMULATOR_KEY);
    let key_file = w.dest_path("circle-key.pem");
    w.wait_for("the key file", |w| {
        w.shows(&home::simulator_key_saved(&key_file))
    });
    let pem = std::fs::read_to_string(&key_file).unwrap();
    assert!(pem.starts_with("-----BEGIN RSA PUBLIC KEY-----\n"), "{pem}");
    let fetches = w.sim.requests().len();
    w.click(home::IMPORT_THIS_FILE);
    w.wait_for("the review", |w| w.shows(home::KEY_NEVER_SEEN));
    assert_eq!(w.sim.requests().len(), fetches, "no request for the key");
    w.assert_shows(&w.sim.public_key().fingerprint());
    w.assert_shows(&home::key_from_file(&key_file));

    w.click_role(Role::CheckBox, text::wizard::REVIEW_CONFIRM);
    w.click(text::wizard::REGISTER_BUTTON);
    w.wait_for("done", |w| w.shows(text::wizard::DONE_TITLE));
    assert_eq!(w.sim.registered_secret(), Some(stored_secret(&w)));
    let records = Records::open(w.rehearsal_dir()).unwrap().list().unwrap();
    assert_eq!(
        records[0].public_key_fingerprint,
        w.sim.public_key().fingerprint()
    );
}

#[test]
fn a_key_file_that_differs_from_the_record_must_be_acknowledged_before_registering() {
    let mut w = Wizard::new(Setup::default());
    to_review_without_circle(&mut w);
    // As if this computer kept a record of another key for this app: the
    // review compares with the app's records.
    let secret = EntitySecret::generate();
    let recorded = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";
    let records = Records::open(w.rehearsal_dir()).unwrap();
    records
        .upsert(&record_of(&w, &secret, recorded.to_owned()))
        .unwrap();

    let key_file = fixture("rsa4096.spki.pem");
    w.type_into(
        Role::TextInput,
        home::KEY_FILE_PATH,
        &key_file.display().to_string(),
    );
    w.click(home::IMPORT_THIS_FILE);
    w.wait_for("the review", |w| w.shows(&home::key_different(recorded)));
    w.click_role(Role::CheckBox, text::wizard::REVIEW_CONFIRM);
    assert!(!w.button_enabled(text::wizard::REGISTER_BUTTON));
    w.assert_shows(home::KEY_CHANGE_NEEDED);
    w.click_role(Role::CheckBox, home::KEY_CHANGE_ACKNOWLEDGE);
    w.wait_for("register enabled", |w| {
        w.button_enabled(text::wizard::REGISTER_BUTTON)
    });

    // The record names this key after all: the same key needs nothing.
    records
        .upsert(&record_of(&w, &secret, w.sim.public_key().fingerprint()))
        .unwrap();
    w.click_role(Role::DisclosureTriangle, home::KEY_FILE_HEADER);
    w.click(home::IMPORT_THIS_FILE);
    w.wait_for("the review again", |w| w.shows(home::KEY_SAME));
    assert!(!w.shows(&home::key_different(recorded)));
    // A new key means a new look: the confirmation starts unticked.
    assert!(!w.button_enabled(text::wizard::REGISTER_BUTTON));
    w.click_role(Role::CheckBox, text::wizard::REVIEW_CONFIRM);
    w.wait_for("register enabled", |w| {
        w.button_enabled(text::wizard::REGISTER_BUTTON)
    });
}
