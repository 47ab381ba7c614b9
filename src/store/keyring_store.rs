//! The real OS keychain: the Secret Service on Linux and the BSDs, the login
//! Keychain on macOS, Credential Manager on Windows.
//!
//! The platform store is named explicitly and constructed anew for every
//! [`KeyringStore`], rather than going through `keyring::Entry`, whose store
//! is chosen once per process in a `LazyLock`: with that, a keyring that was
//! locked or not yet started at the first attempt could never be retried.
//! There is no fallback: no mock store, no kernel keyutils (which forgets on
//! reboot). Without a keychain, [`KeyringStore::new`] is an error.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error as KeyringError};
use zeroize::{Zeroize, Zeroizing};

use super::keychain::{
    KeychainListing, Presence, ProbeReport, RawEntries, SecretStore, StoreError, get_secret,
    presence_by_reading, probe_store, put_secret,
};
use crate::secret::EntitySecret;

/// The OS keychain, holding entries under one service name.
#[derive(Debug)]
pub struct KeyringStore {
    service: String,
    store: Arc<CredentialStore>,
    backend: String,
}

impl KeyringStore {
    /// Connect to the platform keychain, for entries under `service`
    /// ([`super::SERVICE`] or [`super::REHEARSAL_SERVICE`]).
    ///
    /// Each call connects afresh, so calling it again after the person has
    /// unlocked or started their keyring works. On Linux this needs a D-Bus
    /// session bus with a Secret Service provider (GNOME Keyring, KWallet,
    /// KeePassXC, …); without one it returns [`StoreError::NoSecretService`].
    pub fn new(service: &str) -> Result<Self, StoreError> {
        let (store, backend) = platform::open()?;
        Ok(Self {
            service: service.to_owned(),
            store,
            backend,
        })
    }

    /// The service name entries are kept under.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// A fresh entry handle: nothing is cached between calls, so every read
    /// (the read-back after a write in particular) asks the keychain itself.
    fn entry(&self, account: &str) -> Result<Entry, StoreError> {
        let label = platform::label(&self.service, account);
        let modifiers: Option<HashMap<&str, &str>> =
            label.as_deref().map(|l| HashMap::from([("label", l)]));
        self.store
            .build(&self.service, account, modifiers.as_ref())
            .map_err(|e| map_error(e, account))
    }
}

impl RawEntries for KeyringStore {
    fn read_raw(&self, account: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
        match self.entry(account)?.get_password() {
            Ok(text) => Ok(Some(Zeroizing::new(text))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(e) => Err(map_error(e, account)),
        }
    }

    fn write_raw(&self, account: &str, hex: &str) -> Result<(), StoreError> {
        // Stored as text (the 64 hex characters), not raw bytes: KWallet's
        // Secret Service bridge only keeps UTF-8, and the text form is what a
        // person would see if they ever looked in the keychain application.
        self.entry(account)?
            .set_password(hex)
            .map_err(|e| map_error(e, account))
    }

    fn delete_raw(&self, account: &str) -> Result<(), StoreError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(e) => Err(map_error(e, account)),
        }
    }
}

impl SecretStore for KeyringStore {
    fn backend_name(&self) -> String {
        self.backend.clone()
    }

    fn put(&self, account: &str, secret: &EntitySecret) -> Result<(), StoreError> {
        put_secret(self, account, secret)
    }

    fn get(&self, account: &str) -> Result<Option<EntitySecret>, StoreError> {
        get_secret(self, account)
    }

    fn delete(&self, account: &str) -> Result<(), StoreError> {
        self.delete_raw(account)
    }

    fn probe(&self) -> Result<ProbeReport, StoreError> {
        probe_store(self, self.backend.clone())
    }

    fn presence(&self, account: &str) -> Result<Presence, StoreError> {
        match platform::presence(&self.service, account) {
            Some(answer) => answer,
            None => presence_by_reading(self.get(account)),
        }
    }

    fn list(&self) -> Result<Option<KeychainListing>, StoreError> {
        platform::list(&self.service)
    }
}

/// What the platform error turned out to mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    /// No keychain service (or no session bus) to talk to.
    NoService,
    /// Locked, refused, or a prompt was dismissed.
    Locked,
}

/// Map a keyring-core error to ours. Secret bytes that some variants carry
/// (a value that was not UTF-8, or not in the store's format) are wiped here
/// and never shown.
pub(super) fn map_error(err: KeyringError, account: &str) -> StoreError {
    match err {
        KeyringError::NoDefaultStore => StoreError::NoSecretService {
            detail: crate::text::keychain::NO_CREDENTIAL_STORE.to_owned(),
        },
        KeyringError::PlatformFailure(e) => match classify(e.as_ref()) {
            Some(Meaning::NoService) => StoreError::NoSecretService {
                detail: describe(e.as_ref()),
            },
            Some(Meaning::Locked) => StoreError::Locked {
                detail: describe(e.as_ref()),
            },
            None => StoreError::Platform {
                detail: describe(e.as_ref()),
            },
        },
        KeyringError::NoStorageAccess(e) => match classify(e.as_ref()) {
            Some(Meaning::NoService) => StoreError::NoSecretService {
                detail: describe(e.as_ref()),
            },
            Some(Meaning::Locked) | None => StoreError::Locked {
                detail: describe(e.as_ref()),
            },
        },
        KeyringError::BadEncoding(mut bytes) => {
            bytes.zeroize();
            StoreError::Damaged {
                account: account.to_owned(),
            }
        }
        KeyringError::BadDataFormat(mut bytes, _) => {
            bytes.zeroize();
            StoreError::Damaged {
                account: account.to_owned(),
            }
        }
        KeyringError::Ambiguous(entries) => StoreError::Ambiguous {
            account: account.to_owned(),
            count: entries.len(),
        },
        // NoEntry is handled by every caller before it gets here; the rest
        // (Invalid, TooLong, BadStoreFormat, NotSupportedByStore and variants
        // added later) carry descriptions, never secret bytes.
        other => StoreError::Platform {
            detail: other.to_string(),
        },
    }
}

/// The error and its sources, one line.
fn describe(err: &(dyn StdError + Send + Sync + 'static)) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        let text = s.to_string();
        // Wrappers often repeat their source's text; say it once.
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

/// Work out whether a platform error means "no keychain" or "locked".
fn classify(err: &(dyn StdError + Send + Sync + 'static)) -> Option<Meaning> {
    if let Some(meaning) = platform::classify(err) {
        return Some(meaning);
    }
    // A last resort for errors wrapped in ways the downcast above does not
    // see: D-Bus names are stable, so matching them in the text is safe.
    let text = describe(err);
    if text.contains("ServiceUnknown") || text.contains("NameHasNoOwner") {
        Some(Meaning::NoService)
    } else if text.contains("IsLocked") || text.contains("AccessDenied") {
        Some(Meaning::Locked)
    } else {
        None
    }
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
mod platform {
    //! Linux and the BSDs: the Secret Service over the D-Bus session bus.

    use std::collections::HashMap;
    use std::error::Error as StdError;
    use std::sync::Arc;

    use keyring_core::CredentialStore;
    use secret_service::EncryptionType;
    use secret_service::blocking::SecretService;

    use super::{KeychainListing, Meaning, Presence, StoreError, map_error};

    /// The well-known D-Bus name every Secret Service provider owns.
    const SECRETS_BUS_NAME: &str = "org.freedesktop.secrets";

    /// The attribute names the keyring store files entries under.
    const SERVICE_ATTRIBUTE: &str = "service";
    const ACCOUNT_ATTRIBUTE: &str = "username";

    /// A connection for searching only: no secret crosses it, so no
    /// session encryption is negotiated.
    fn search_connection() -> Result<SecretService<'static>, StoreError> {
        SecretService::connect(EncryptionType::Plain).map_err(|e| ss_error(e, ""))
    }

    fn ss_error(e: secret_service::Error, account: &str) -> StoreError {
        map_error(keyring_core::Error::PlatformFailure(Box::new(e)), account)
    }

    /// Presence by an attribute search, which lists locked items without
    /// unlocking them: no GetSecret, no prompt.
    pub(super) fn presence(service: &str, account: &str) -> Option<Result<Presence, StoreError>> {
        Some((|| {
            let ss = search_connection()?;
            let found = ss
                .search_items(HashMap::from([
                    (SERVICE_ATTRIBUTE, service),
                    (ACCOUNT_ATTRIBUTE, account),
                ]))
                .map_err(|e| ss_error(e, account))?;
            Ok(if !found.unlocked.is_empty() {
                Presence::Present
            } else if !found.locked.is_empty() {
                Presence::Locked
            } else {
                Presence::Absent
            })
        })())
    }

    /// Every entry under `service`, by the same search; a locked item whose
    /// attributes cannot be read is counted, not named.
    pub(super) fn list(service: &str) -> Result<Option<KeychainListing>, StoreError> {
        let ss = search_connection()?;
        let found = ss
            .search_items(HashMap::from([(SERVICE_ATTRIBUTE, service)]))
            .map_err(|e| ss_error(e, ""))?;
        let mut listing = KeychainListing::default();
        for item in found.unlocked.iter() {
            match item.get_attributes() {
                Ok(attributes) => match attributes.get(ACCOUNT_ATTRIBUTE) {
                    Some(account) => listing.accounts.push(account.clone()),
                    None => listing.locked_unnamed += 1,
                },
                Err(e) => return Err(ss_error(e, "")),
            }
        }
        listing.locked_unnamed += found.locked.len();
        listing.accounts.sort();
        listing.accounts.dedup();
        Ok(Some(listing))
    }

    pub(super) fn open() -> Result<(Arc<CredentialStore>, String), StoreError> {
        let store =
            zbus_secret_service_keyring_store::Store::new().map_err(|e| map_error(e, ""))?;
        let backend = match provider() {
            Some(name) => format!("Secret Service ({name})"),
            None => "Secret Service".to_owned(),
        };
        Ok((store, backend))
    }

    /// The label shown in Passwords and Keys (Seahorse) when an item is
    /// created, so a person tidying their keyring knows what it is.
    pub(super) fn label(service: &str, account: &str) -> Option<String> {
        Some(format!("Circle entity secret {account} ({service})"))
    }

    /// Which program provides the Secret Service, for the keychain step's
    /// "using …" line. Best effort: inside a sandbox, or without /proc,
    /// the answer is simply "Secret Service".
    fn provider() -> Option<String> {
        let conn = zbus::blocking::Connection::session().ok()?;
        let dbus = zbus::blocking::fdo::DBusProxy::new(&conn).ok()?;
        let name = zbus::names::BusName::try_from(SECRETS_BUS_NAME).ok()?;
        let pid = dbus.get_connection_unix_process_id(name).ok()?;
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
        provider_from_process_name(comm.trim())
    }

    /// A person's name for the program, from its (15-character) process name.
    pub(super) fn provider_from_process_name(comm: &str) -> Option<String> {
        let name = if comm.starts_with("gnome-keyring") {
            "GNOME Keyring"
        } else if comm.starts_with("kwalletd") || comm.starts_with("ksecretd") {
            "KWallet"
        } else if comm.starts_with("keepassxc") {
            "KeePassXC"
        } else if comm.starts_with("oo7") {
            "oo7"
        } else if comm.is_empty() {
            return None;
        } else {
            return Some(comm.to_owned());
        };
        Some(name.to_owned())
    }

    pub(super) fn classify(err: &(dyn StdError + Send + Sync + 'static)) -> Option<Meaning> {
        use secret_service::Error as Ss;
        match err.downcast_ref::<Ss>()? {
            Ss::Unavailable => Some(Meaning::NoService),
            Ss::Locked | Ss::NoResult | Ss::Prompt | Ss::PromptDisconnected => {
                Some(Meaning::Locked)
            }
            Ss::Zbus(z) => zbus_meaning(z),
            Ss::ZbusFdo(f) => fdo_meaning(f),
            _ => None,
        }
    }

    fn zbus_meaning(err: &zbus::Error) -> Option<Meaning> {
        use std::io::ErrorKind;
        match err {
            zbus::Error::Address(_) | zbus::Error::InterfaceNotFound => Some(Meaning::NoService),
            // The bus address names a socket nobody listens on (a stale
            // DBUS_SESSION_BUS_ADDRESS, a session that ended).
            zbus::Error::InputOutput(io) | zbus::Error::Connection(io, _)
                if matches!(
                    io.kind(),
                    ErrorKind::NotFound
                        | ErrorKind::ConnectionRefused
                        | ErrorKind::PermissionDenied
                ) =>
            {
                Some(Meaning::NoService)
            }
            zbus::Error::MethodError(name, _, _) => match name.as_str() {
                "org.freedesktop.DBus.Error.ServiceUnknown"
                | "org.freedesktop.DBus.Error.NameHasNoOwner"
                | "org.freedesktop.DBus.Error.Spawn.ChildExited"
                | "org.freedesktop.DBus.Error.Spawn.ExecFailed" => Some(Meaning::NoService),
                "org.freedesktop.DBus.Error.AccessDenied"
                | "org.freedesktop.Secret.Error.IsLocked" => Some(Meaning::Locked),
                _ => None,
            },
            zbus::Error::FDO(f) => fdo_meaning(f),
            _ => None,
        }
    }

    fn fdo_meaning(err: &zbus::fdo::Error) -> Option<Meaning> {
        use zbus::fdo::Error as Fdo;
        match err {
            Fdo::ServiceUnknown(_)
            | Fdo::NameHasNoOwner(_)
            | Fdo::SpawnChildExited(_)
            | Fdo::SpawnExecFailed(_) => Some(Meaning::NoService),
            Fdo::AccessDenied(_) => Some(Meaning::Locked),
            _ => None,
        }
    }
}

#[cfg(target_os = "macos")]
mod platform {
    //! macOS: the login keychain.

    use std::error::Error as StdError;
    use std::sync::Arc;

    use keyring_core::CredentialStore;

    use super::{Meaning, StoreError, map_error};

    pub(super) fn open() -> Result<(Arc<CredentialStore>, String), StoreError> {
        let store =
            apple_native_keyring_store::keychain::Store::new().map_err(|e| map_error(e, ""))?;
        Ok((store, "macOS Keychain (login keychain)".to_owned()))
    }

    /// The macOS store takes no label modifier.
    pub(super) fn label(_service: &str, _account: &str) -> Option<String> {
        None
    }

    pub(super) fn classify(_err: &(dyn StdError + Send + Sync + 'static)) -> Option<Meaning> {
        None
    }

    /// No attribute search here without reading: the caller reads instead.
    pub(super) fn presence(
        _service: &str,
        _account: &str,
    ) -> Option<Result<super::Presence, StoreError>> {
        None
    }

    /// Enumerating entries is not offered on this platform.
    pub(super) fn list(_service: &str) -> Result<Option<super::KeychainListing>, StoreError> {
        Ok(None)
    }
}

#[cfg(target_os = "windows")]
mod platform {
    //! Windows: Credential Manager.

    use std::error::Error as StdError;
    use std::sync::Arc;

    use keyring_core::CredentialStore;

    use super::{Meaning, StoreError, map_error};

    pub(super) fn open() -> Result<(Arc<CredentialStore>, String), StoreError> {
        let store = windows_native_keyring_store::Store::new().map_err(|e| map_error(e, ""))?;
        Ok((store, "Windows Credential Manager".to_owned()))
    }

    /// The Windows store takes no label modifier.
    pub(super) fn label(_service: &str, _account: &str) -> Option<String> {
        None
    }

    pub(super) fn classify(_err: &(dyn StdError + Send + Sync + 'static)) -> Option<Meaning> {
        None
    }

    /// No attribute search here without reading: the caller reads instead.
    pub(super) fn presence(
        _service: &str,
        _account: &str,
    ) -> Option<Result<super::Presence, StoreError>> {
        None
    }

    /// Enumerating entries is not offered on this platform.
    pub(super) fn list(_service: &str) -> Result<Option<super::KeychainListing>, StoreError> {
        Ok(None)
    }
}

#[cfg(not(any(
    all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ),
    target_os = "macos",
    target_os = "windows"
)))]
mod platform {
    //! Anywhere else: no keychain, said plainly.

    use std::error::Error as StdError;
    use std::sync::Arc;

    use keyring_core::CredentialStore;

    use super::{Meaning, StoreError};

    pub(super) fn open() -> Result<(Arc<CredentialStore>, String), StoreError> {
        Err(StoreError::NoSecretService {
            detail: crate::text::keychain::UNSUPPORTED_PLATFORM.to_owned(),
        })
    }

    pub(super) fn label(_service: &str, _account: &str) -> Option<String> {
        None
    }

    pub(super) fn classify(_err: &(dyn StdError + Send + Sync + 'static)) -> Option<Meaning> {
        None
    }

    /// No attribute search here without reading: the caller reads instead.
    pub(super) fn presence(
        _service: &str,
        _account: &str,
    ) -> Option<Result<super::Presence, StoreError>> {
        None
    }

    /// Enumerating entries is not offered on this platform.
    pub(super) fn list(_service: &str) -> Result<Option<super::KeychainListing>, StoreError> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests;
