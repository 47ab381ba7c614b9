//! States the GUI tests prepare before a launch or between launches: a
//! ceremony stopped after storing its secret, a registration of the
//! simulated Circle's app.

use std::path::PathBuf;

use entity_secret_wizard::secret::{EntitySecret, Environment};
use entity_secret_wizard::store::{self, CeremonyKind, Records, RegistrationRecord, SecretStore};
use entity_secret_wizard::text::{self, home};

use super::Wizard;
use super::flow::*;

/// Run a rehearsal up to a stored secret, then stop the app there and start
/// it again. Returns the stored secret's fingerprint.
pub fn stopped_after_storing(w: &mut Wizard) -> String {
    begin_rehearsal(w);
    to_generated_secret(w);
    store_secret(w);
    let fingerprint = stored_secret(w).fingerprint();
    w.relaunch();
    w.wait_for("the unfinished ceremony", |w| {
        w.shows(text::status::UNFINISHED_TITLE)
    });
    fingerprint
}

/// The simulated Circle's app's pending keychain account.
pub fn pending_account(w: &Wizard) -> String {
    store::pending_account_name(Environment::Test, w.sim.app_id())
}

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A rehearsal record of the simulated Circle's app, registered now.
pub fn record_of(
    w: &Wizard,
    secret: &EntitySecret,
    public_key_fingerprint: String,
) -> RegistrationRecord {
    let now = super::now();
    RegistrationRecord {
        rehearsal: true,
        environment: Environment::Test,
        app_id: w.sim.app_id().to_owned(),
        secret_fingerprint: secret.fingerprint(),
        public_key_fingerprint,
        registered_at: now,
        rotate_by: store::rotate_by(now),
        recovery_sha256: None,
        recovery_path: None,
        keychain_service: store::REHEARSAL_SERVICE.to_owned(),
        keychain_account: registered_account(w),
        recovery_warning: None,
        ceremony: Some(CeremonyKind::Onboarding),
        retired: Vec::new(),
        last_check: None,
        handoffs: Vec::new(),
    }
}

/// The simulated Circle's app registered from this computer: its secret in
/// the keychain and at Circle, its record written; then a launch.
pub fn registered(w: &mut Wizard) -> EntitySecret {
    let secret = EntitySecret::generate();
    w.sim.set_registered_secret(Some(secret.duplicate()));
    w.store.put(&registered_account(w), &secret).unwrap();
    recorded(w, &secret);
    w.wait_for("the registration", |w| w.has_button(home::NEW_CIPHERTEXT));
    secret
}

/// The record of `secret` registered for the simulated Circle's app (with
/// its key), then a launch.
pub fn recorded(w: &mut Wizard, secret: &EntitySecret) {
    let record = record_of(w, secret, w.sim.public_key().fingerprint());
    Records::open(w.rehearsal_dir())
        .unwrap()
        .upsert(&record)
        .unwrap();
    w.relaunch();
}
