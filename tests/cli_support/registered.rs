//! A registration as a ceremony leaves it, made directly: its record in the
//! home's data folder and, when asked, its secret in the session's real
//! keychain, removed again when the value is dropped.

use chrono::{DateTime, Duration, Utc};
use entity_secret_wizard::secret::{EntitySecret, Environment};
use entity_secret_wizard::store::{
    self, CeremonyKind, InProgress, Journal, KeyringStore, Records, RecoveryProgress,
    RegistrationRecord, SecretStore, Stage, account_name, pending_account_name,
};

use super::Home;

/// A registration made for a test.
pub struct Registered {
    pub record: RegistrationRecord,
    /// The secret, known to the test so it can look for its bytes.
    pub secret: EntitySecret,
    /// Its keychain entry, once stored.
    entry: Option<KeychainEntry>,
}

/// A secret in the session's keychain, deleted again when dropped (the
/// caller holds [`super::keychain_lock`]).
pub struct KeychainEntry {
    keychain: KeyringStore,
    account: String,
}

impl KeychainEntry {
    pub fn put(service: &str, account: &str, secret: &EntitySecret) -> Self {
        let keychain = KeyringStore::new(service)
            .expect("a Secret Service in the session (tests/run.sh starts one)");
        keychain.put(account, secret).unwrap();
        Self {
            keychain,
            account: account.to_owned(),
        }
    }
}

impl Drop for KeychainEntry {
    fn drop(&mut self) {
        if let Err(e) = self.keychain.delete(&self.account) {
            eprintln!("could not remove the test's keychain entry: {e}");
        }
    }
}

impl Registered {
    /// A record of `app_id`, registered `days_ago`, with Circle's key
    /// fingerprint `key_fingerprint`; the secret is not stored anywhere.
    pub fn record_only(
        home: &Home,
        rehearsal: bool,
        app_id: &str,
        key_fingerprint: &str,
        days_ago: i64,
    ) -> Self {
        let secret = EntitySecret::generate();
        let registered_at: DateTime<Utc> = Utc::now() - Duration::days(days_ago);
        let service = if rehearsal {
            store::REHEARSAL_SERVICE
        } else {
            store::SERVICE
        };
        let record = RegistrationRecord {
            rehearsal,
            environment: Environment::Test,
            app_id: app_id.to_owned(),
            secret_fingerprint: secret.fingerprint(),
            public_key_fingerprint: key_fingerprint.to_owned(),
            registered_at,
            rotate_by: store::rotate_by(registered_at),
            recovery_sha256: Some(entity_secret_wizard::secret::sha256_hex(b"recovery")),
            recovery_path: Some(home.root().join("usb").join("recovery_file.dat")),
            keychain_service: service.to_owned(),
            keychain_account: account_name(Environment::Test, app_id, false),
            recovery_warning: None,
            ceremony: None,
            retired: Vec::new(),
            last_check: None,
            handoffs: Vec::new(),
        };
        Records::open(home.data_dir_for(rehearsal))
            .unwrap()
            .upsert(&record)
            .unwrap();
        Self {
            record,
            secret,
            entry: None,
        }
    }

    /// With the secret stored in the session's keychain (the caller holds
    /// [`super::keychain_lock`]); removed again on drop.
    pub fn stored(mut self) -> Self {
        self.entry = Some(KeychainEntry::put(
            &self.record.keychain_service,
            &self.record.keychain_account,
            &self.secret,
        ));
        self
    }

    /// The secret's bytes in every form that must never be printed.
    pub fn secret_forms(&self) -> Vec<Vec<u8>> {
        secret_forms(&self.secret)
    }
}

/// A rehearsal registration of `app_id` that stopped at `stage`, journaled
/// the way the core journals it (its secret, if any, is the caller's).
pub fn unfinished(home: &Home, app_id: &str, stage: Stage, secret_fingerprint: &str) -> InProgress {
    let now = Utc::now();
    let entry = InProgress {
        id: uuid::Uuid::new_v4(),
        rehearsal: true,
        ceremony: CeremonyKind::Onboarding,
        environment: Environment::Test,
        app_id: app_id.to_owned(),
        secret_fingerprint: secret_fingerprint.to_owned(),
        keychain_service: store::REHEARSAL_SERVICE.to_owned(),
        keychain_account: pending_account_name(Environment::Test, app_id),
        stage,
        started_at: now,
        updated_at: now,
        promote_to: Some(account_name(Environment::Test, app_id, false)),
        retire: None,
        recovery: RecoveryProgress::None,
        promoted: false,
        record_written: false,
        previous_recovery: None,
        public_key_fingerprint: None,
        accepted_at: None,
    };
    Journal::open(home.data_dir_for(true))
        .unwrap()
        .begin(&entry)
        .unwrap();
    entry
}

/// A secret as 64 hex characters (both cases), as base64 of its 32 raw
/// bytes (padded, unpadded, URL-safe), and as the raw bytes themselves.
pub fn secret_forms(secret: &EntitySecret) -> Vec<Vec<u8>> {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    let hex = secret.expose_hex();
    let raw = hex::decode(hex.as_bytes()).unwrap();
    vec![
        hex.as_bytes().to_vec(),
        hex.to_uppercase().into_bytes(),
        STANDARD.encode(&raw).into_bytes(),
        STANDARD_NO_PAD.encode(&raw).into_bytes(),
        URL_SAFE_NO_PAD.encode(&raw).into_bytes(),
        raw,
    ]
}

/// Assert that no form of `secret` is anywhere in `bytes`.
pub fn assert_no_secret(secret: &EntitySecret, what: &str, bytes: &[u8]) {
    for (i, form) in secret_forms(secret).iter().enumerate() {
        assert!(
            !bytes.windows(form.len()).any(|w| w == form.as_slice()),
            "form {i} of the secret appears in {what}"
        );
    }
}
