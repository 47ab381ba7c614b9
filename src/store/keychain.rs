//! The secret store: a trait over the OS keychain, the names entries are kept
//! under, its error type, and the policy every store shares (never replace a
//! different secret; a write counts only after a read-back matches).

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use crate::error::Explain;
use crate::secret::{EntitySecret, Environment};
use crate::text::keychain as text;

/// The keychain service name of the product's entries.
pub const SERVICE: &str = "entity-secret-wizard";

/// The keychain service name of rehearsal-mode entries, kept apart so a
/// rehearsal can never touch a real secret.
pub const REHEARSAL_SERVICE: &str = "entity-secret-wizard.rehearsal";

/// Prefix of the throwaway accounts [`SecretStore::probe`] writes.
pub const PROBE_ACCOUNT_PREFIX: &str = "probe:";

/// The keychain account of a Circle app's secret: `test:<appId>` or
/// `live:<appId>`, with `:pending` appended for a secret that is stored but
/// not yet accepted by Circle (every ceremony stages its new secret there).
pub fn account_name(env: Environment, app_id: &str, pending: bool) -> String {
    if pending {
        pending_account_name(env, app_id)
    } else {
        format!("{}:{app_id}", env.slug())
    }
}

/// The account of a new secret that Circle has not accepted yet.
pub fn pending_account_name(env: Environment, app_id: &str) -> String {
    format!("{}:{app_id}:pending", env.slug())
}

/// The account a rotation keeps the replaced secret under, named for the
/// moment it was retired so several rotations never collide.
pub fn retired_account_name(env: Environment, app_id: &str, at: DateTime<Utc>) -> String {
    format!(
        "{}:{app_id}:retired:{}",
        env.slug(),
        at.format("%Y%m%dT%H%M%SZ")
    )
}

/// What an account of this app's naming scheme holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    /// The registered secret.
    Active,
    /// A new secret not (known to be) accepted by Circle.
    Pending,
    /// A secret replaced by a rotation.
    Retired,
}

/// Read an account name back: environment, app id and kind. `None` for a
/// name this app does not make (a probe entry, something else's).
pub fn parse_account(account: &str) -> Option<(Environment, String, AccountKind)> {
    let mut parts = account.split(':');
    let env = match parts.next()? {
        "test" => Environment::Test,
        "live" => Environment::Live,
        _ => return None,
    };
    let app_id = parts.next().filter(|a| !a.is_empty())?.to_owned();
    let kind = match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => AccountKind::Active,
        (Some("pending"), None, _) => AccountKind::Pending,
        (Some("retired"), Some(stamp), None) if !stamp.is_empty() => AccountKind::Retired,
        _ => return None,
    };
    Some((env, app_id, kind))
}

/// Whether an entry exists, learned without reading (decrypting) it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// There is an entry.
    Present,
    /// There is none.
    Absent,
    /// There is an entry in a locked keychain: it is there, and cannot be
    /// read until the keychain is unlocked.
    Locked,
}

/// The entries under one service name, found without reading any secret.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeychainListing {
    /// The accounts that could be seen, sorted.
    pub accounts: Vec<String>,
    /// Entries in a locked keychain whose account names cannot be seen
    /// until it is unlocked.
    pub locked_unnamed: usize,
}

/// What a successful [`SecretStore::probe`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeReport {
    /// The keychain in use, for a person: e.g. "Secret Service (GNOME Keyring)".
    pub backend: String,
}

/// Somewhere to keep entity secrets: the OS keychain, or memory in tests.
///
/// Every call is blocking (the keychain may show an unlock prompt); callers
/// run them off the UI thread.
pub trait SecretStore: Send + Sync {
    /// The keychain in use, for a person.
    fn backend_name(&self) -> String;

    /// Store `secret` under `account`.
    ///
    /// Succeeds only after reading the entry back through a fresh handle and
    /// finding the same secret. Refuses with [`StoreError::WouldOverwrite`]
    /// when a different secret is already there; storing the same secret
    /// again is a no-op.
    fn put(&self, account: &str, secret: &EntitySecret) -> Result<(), StoreError>;

    /// The secret under `account`, or `None` when there is no entry.
    ///
    /// An entry that does not hold a well-formed secret is
    /// [`StoreError::Damaged`], never `None`.
    fn get(&self, account: &str) -> Result<Option<EntitySecret>, StoreError>;

    /// Remove the entry under `account`. Deleting a missing entry is `Ok`.
    fn delete(&self, account: &str) -> Result<(), StoreError>;

    /// Prove the store works: write a throwaway entry, read it back through a
    /// fresh handle, delete it.
    fn probe(&self) -> Result<ProbeReport, StoreError>;

    /// Whether `account` has an entry, without reading its secret: no
    /// decryption, no unlock prompt where the platform allows that. A
    /// store that cannot tell without reading falls back to [`Self::get`],
    /// reporting a locked keychain as [`Presence::Locked`].
    fn presence(&self, account: &str) -> Result<Presence, StoreError> {
        presence_by_reading(self.get(account))
    }

    /// Every entry under this store's service name, without reading any
    /// secret; `Ok(None)` where the platform cannot enumerate entries.
    fn list(&self) -> Result<Option<KeychainListing>, StoreError> {
        Ok(None)
    }
}

/// Presence from the result of reading an entry: for stores that cannot
/// tell without reading. A damaged entry is there; a locked keychain is
/// its own answer.
pub fn presence_by_reading(
    read: Result<Option<EntitySecret>, StoreError>,
) -> Result<Presence, StoreError> {
    match read {
        Ok(Some(_)) | Err(StoreError::Damaged { .. }) => Ok(Presence::Present),
        Ok(None) => Ok(Presence::Absent),
        Err(StoreError::Locked { .. }) => Ok(Presence::Locked),
        Err(e) => Err(e),
    }
}

/// Why the keychain could not do what was asked. Never holds secret material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No keychain service is reachable: no Secret Service provider, or no
    /// D-Bus session at all.
    #[error("{}", text::no_secret_service(.detail))]
    NoSecretService {
        /// What the platform said.
        detail: String,
    },
    /// The keychain is locked, or access was refused or a prompt dismissed.
    #[error("{}", text::locked(.detail))]
    Locked {
        /// What the platform said.
        detail: String,
    },
    /// The entry read back after writing did not hold the secret written.
    #[error("{}", text::read_back_mismatch(.account))]
    ReadBackMismatch {
        /// The keychain account.
        account: String,
    },
    /// The entry exists but does not hold a well-formed entity secret.
    #[error("{}", text::damaged(.account))]
    Damaged {
        /// The keychain account.
        account: String,
    },
    /// A different secret is already stored under this account.
    #[error("{}", text::would_overwrite(.account, .existing_fingerprint))]
    WouldOverwrite {
        /// The keychain account.
        account: String,
        /// Fingerprint of the secret already there (safe to show).
        existing_fingerprint: String,
    },
    /// More than one keychain item matches the account.
    #[error("{}", text::ambiguous(*.count, .account))]
    Ambiguous {
        /// The keychain account.
        account: String,
        /// How many entries matched.
        count: usize,
    },
    /// Any other failure of the platform keychain.
    #[error("{}", text::platform(.detail))]
    Platform {
        /// What the platform said (never secret material).
        detail: String,
    },
}

impl Explain for StoreError {
    fn next_step(&self) -> String {
        let step = match self {
            Self::NoSecretService { .. } => text::NO_SECRET_SERVICE_NEXT,
            Self::Locked { .. } => text::LOCKED_NEXT,
            Self::ReadBackMismatch { .. } => text::READ_BACK_MISMATCH_NEXT,
            Self::Damaged { .. } => text::DAMAGED_NEXT,
            Self::WouldOverwrite { .. } => text::WOULD_OVERWRITE_NEXT,
            Self::Ambiguous { .. } => text::AMBIGUOUS_NEXT,
            Self::Platform { .. } => text::PLATFORM_NEXT,
        };
        match self {
            Self::Damaged { .. } | Self::Ambiguous { .. } => {
                format!("{step} (Keychain application: {}.)", text::KEYCHAIN_APP)
            }
            _ => step.to_owned(),
        }
    }
}

/// The three primitive operations a store offers on hex text. The policy in
/// this module sits on top, so the real keychain and the in-memory store
/// behave the same.
pub(super) trait RawEntries {
    /// The text under `account`, read through a fresh handle; `None` when
    /// there is no entry.
    fn read_raw(&self, account: &str) -> Result<Option<Zeroizing<String>>, StoreError>;
    /// Create or replace the text under `account`.
    fn write_raw(&self, account: &str, hex: &str) -> Result<(), StoreError>;
    /// Remove the entry; a missing entry is `Ok`.
    fn delete_raw(&self, account: &str) -> Result<(), StoreError>;
}

/// Read and parse; a stored value that does not parse is `Damaged`.
pub(super) fn get_secret(
    raw: &impl RawEntries,
    account: &str,
) -> Result<Option<EntitySecret>, StoreError> {
    match raw.read_raw(account)? {
        None => Ok(None),
        Some(text) => EntitySecret::from_hex(&text)
            .map(Some)
            // The parse error names a position or length, never content, but
            // a damaged entry is reported by account alone anyway.
            .map_err(|_| StoreError::Damaged {
                account: account.to_owned(),
            }),
    }
}

/// Store with the product's policy: refuse to replace a different secret,
/// and count the write only after a fresh read-back matches.
pub(super) fn put_secret(
    raw: &impl RawEntries,
    account: &str,
    secret: &EntitySecret,
) -> Result<(), StoreError> {
    // Check-then-write is not atomic against another process writing the
    // same account at the same moment; the read-back below catches that
    // case as a mismatch rather than letting it pass.
    match get_secret(raw, account)? {
        Some(existing) if existing == *secret => return Ok(()),
        Some(existing) => {
            return Err(StoreError::WouldOverwrite {
                account: account.to_owned(),
                existing_fingerprint: existing.fingerprint(),
            });
        }
        None => {}
    }
    raw.write_raw(account, &secret.expose_hex())?;
    match get_secret(raw, account) {
        Ok(Some(back)) if back == *secret => Ok(()),
        // A value that reads back damaged or missing is still "not what was
        // written": the caller must not go on either way.
        Ok(_) | Err(StoreError::Damaged { .. }) => Err(StoreError::ReadBackMismatch {
            account: account.to_owned(),
        }),
        Err(other) => Err(other),
    }
}

/// Write, read back and delete a throwaway entry.
pub(super) fn probe_store(
    raw: &impl RawEntries,
    backend: String,
) -> Result<ProbeReport, StoreError> {
    let account = format!("{PROBE_ACCOUNT_PREFIX}{}", uuid::Uuid::new_v4());
    let probe = EntitySecret::generate();
    raw.write_raw(&account, &probe.expose_hex())?;
    let back = get_secret(raw, &account);
    // Delete whatever happened on the read, so a failed probe leaves nothing
    // behind; the read's error wins over the delete's.
    let deleted = raw.delete_raw(&account);
    match back {
        Ok(Some(b)) if b == probe => {}
        Ok(_) | Err(StoreError::Damaged { .. }) => {
            return Err(StoreError::ReadBackMismatch { account });
        }
        Err(e) => return Err(e),
    }
    deleted?;
    Ok(ProbeReport { backend })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_names_parse_back() {
        use chrono::TimeZone;
        let at = Utc.with_ymd_and_hms(2026, 5, 1, 8, 9, 10).unwrap();
        let retired = retired_account_name(Environment::Live, "app-1", at);
        assert_eq!(retired, "live:app-1:retired:20260501T080910Z");
        assert_eq!(
            parse_account(&retired),
            Some((Environment::Live, "app-1".into(), AccountKind::Retired))
        );
        assert_eq!(
            parse_account("test:app-1"),
            Some((Environment::Test, "app-1".into(), AccountKind::Active))
        );
        assert_eq!(
            parse_account("test:app-1:pending"),
            Some((Environment::Test, "app-1".into(), AccountKind::Pending))
        );
        for other in [
            "probe:1234",
            "test:",
            "test",
            "dev:app",
            "test:app:pending:x",
            "test:app:retired",
            "test:app:retired:",
            "test:app:other",
        ] {
            assert_eq!(parse_account(other), None, "{other}");
        }
    }

    #[test]
    fn account_names() {
        assert_eq!(
            account_name(Environment::Test, "app-1", false),
            "test:app-1"
        );
        assert_eq!(
            account_name(Environment::Live, "app-1", false),
            "live:app-1"
        );
        assert_eq!(
            account_name(Environment::Test, "app-1", true),
            "test:app-1:pending"
        );
        assert_eq!(
            account_name(Environment::Live, "app-1", true),
            "live:app-1:pending"
        );
        assert_ne!(SERVICE, REHEARSAL_SERVICE);
    }

    #[test]
    fn every_error_has_a_next_step_and_no_secret() {
        let secret = EntitySecret::generate();
        let errors = [
            StoreError::NoSecretService { detail: "x".into() },
            StoreError::Locked { detail: "x".into() },
            StoreError::ReadBackMismatch {
                account: "test:a".into(),
            },
            StoreError::Damaged {
                account: "test:a".into(),
            },
            StoreError::WouldOverwrite {
                account: "test:a".into(),
                existing_fingerprint: secret.fingerprint(),
            },
            StoreError::Ambiguous {
                account: "test:a".into(),
                count: 2,
            },
            StoreError::Platform { detail: "x".into() },
        ];
        for e in errors {
            let shown = crate::error::explain(&e);
            assert!(!e.next_step().is_empty());
            assert!(!shown.contains(secret.expose_hex().as_str()));
        }
        assert!(
            StoreError::NoSecretService {
                detail: String::new()
            }
            .next_step()
            .contains("Secret Service")
                || cfg!(any(target_os = "macos", target_os = "windows"))
        );
        assert!(
            StoreError::Damaged {
                account: "a".into()
            }
            .to_string()
            .contains("damaged")
        );
    }
}
