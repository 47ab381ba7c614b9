//! Steps of the onboarding flow as a person does them, shared by the GUI
//! tests.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use entity_secret_wizard::app::Screen;
use entity_secret_wizard::secret::{EntitySecret, Environment};
use entity_secret_wizard::store::{self, SecretStore};
use entity_secret_wizard::text;

use super::Wizard;

/// What the keychain screen says once the check passed.
pub const KEYCHAIN_OK: &str = "✔ The keychain works: In-memory test store.";

/// What the destination screen says once the place is proven writable.
pub const WRITABLE: &str = "✔ This place is writable:";

/// Start screen → Rehearsal → the keychain check passed.
pub fn begin_rehearsal(w: &mut Wizard) {
    w.click("Rehearsal");
    w.wait_for("the keychain check", |w| w.shows(KEYCHAIN_OK));
}

/// On the API key screen: send the key in the field and wait for Circle.
pub fn check_key(w: &mut Wizard) {
    w.click("Check key with Circle");
    w.wait_for("Circle to accept the key", |w| {
        w.shows_containing("✔ Circle accepted the key")
    });
}

/// From the keychain screen to a generated secret.
pub fn to_generated_secret(w: &mut Wizard) {
    w.click("Next");
    w.click("Use a practice key");
    check_key(w);
    w.click("Next");
    assert_eq!(w.screen(), Screen::Secret);
    w.click("Generate a new secret");
    w.wait_for("a secret", |w| w.shows("Generated on this computer"));
}

/// On the secret screen: store it and wait for the read-back.
pub fn store_secret(w: &mut Wizard) {
    w.click("Store in keychain");
    w.wait_for("the keychain write", |w| {
        w.screen() == Screen::Stored && w.shows("Stored in the keychain")
    });
}

/// From the start screen to the destination screen.
pub fn to_destination(w: &mut Wizard) {
    begin_rehearsal(w);
    to_generated_secret(w);
    store_secret(w);
    w.click("Next");
    assert_eq!(w.screen(), Screen::Destination);
}

/// On the destination screen: type a path and use it.
pub fn type_destination(w: &mut Wizard, path: &Path) {
    w.type_into(
        Role::TextInput,
        "Recovery file path",
        &path.display().to_string(),
    );
    w.click("Use this path");
}

/// On the destination screen, after a dialog chose `existing`, which
/// exists: the screen says the free name `used` beside it is used instead,
/// and the path field holds it.
pub fn assert_renamed_destination(w: &Wizard, existing: &Path, used: &Path) {
    w.assert_shows(&text::dialog::renamed(
        &existing.display().to_string(),
        &used.display().to_string(),
    ));
    let field = w
        .harness
        .get_by_role_and_label(Role::TextInput, "Recovery file path");
    assert_eq!(field.value().unwrap(), used.display().to_string());
}

/// On the destination screen with a place chosen: to the review, confirmed.
pub fn review_and_confirm(w: &mut Wizard) {
    w.click("Review");
    w.wait_for("the review", |w| {
        w.screen() == Screen::Review && w.shows("Circle public key (SHA-256)")
    });
    w.click_role(Role::CheckBox, text::wizard::REVIEW_CONFIRM);
    w.wait_for("the confirmation", |w| {
        w.button_enabled("Register this secret")
    });
}

/// From the start screen to a confirmed review, the recovery file going to
/// `dest/name` (typed).
pub fn to_confirmed_review(w: &mut Wizard, name: &str) -> PathBuf {
    to_destination(w);
    let target = w.dest_path(name);
    type_destination(w, &target);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    review_and_confirm(w);
    target
}

pub fn registered_account(w: &Wizard) -> String {
    store::account_name(Environment::Test, w.sim.app_id(), false)
}

/// The secret in the in-memory keychain for the simulator's app: staged
/// under the pending account until Circle accepts it, then active.
pub fn stored_secret(w: &Wizard) -> EntitySecret {
    let pending = store::pending_account_name(Environment::Test, w.sim.app_id());
    match w.store.get(&pending).unwrap() {
        Some(secret) => secret,
        None => w.store.get(&registered_account(w)).unwrap().unwrap(),
    }
}

/// Click `button`, whose dialog cannot be shown (it answers Cancel), and
/// type `path` into the field labelled `field` that the screen offers
/// instead.
pub fn type_after_no_dialog(w: &mut Wizard, button: &str, field: &str, path: &Path) {
    w.click(button);
    w.wait_for("the cancelled dialog", |w| w.shows(text::dialog::CANCELLED));
    w.type_into(Role::TextInput, field, &path.display().to_string());
}

/// Import Circle's key from a file that is not the one on record (a typed
/// path): the screen says so loudly, in the error colour.
pub fn import_a_different_key(w: &mut Wizard) {
    let other = super::prepare::fixture("rsa2048.spki.pem");
    w.type_into(
        Role::TextInput,
        text::home::KEY_FILE_PATH,
        &other.display().to_string(),
    );
    w.click(text::home::IMPORT_THIS_FILE);
    let different = text::home::key_different(&w.sim.public_key().fingerprint());
    w.wait_for("the other key", |w| w.shows(&different));
    let error = w.error_color();
    assert_eq!(w.painted_color_of(&different), Some(error));
}

/// A rehearsal registered up to the request, whose connection drops after
/// Circle registered the secret: the no-answer screen.
pub fn sent_with_no_answer(w: &mut Wizard) {
    to_confirmed_review(w, "recovery.dat");
    w.sim.push_fault(
        entity_secret_wizard::simulator::Endpoint::Register,
        entity_secret_wizard::simulator::Fault::DropAfterRegister,
    );
    w.click("Register this secret");
    w.wait_for("no answer", |w| w.screen() == Screen::OutcomeUnknown);
}
