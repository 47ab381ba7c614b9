//! The keychain: next steps for every keychain error, and the name of the
//! keychain application by platform.

/// The keychain application a person opens to look at entries, by platform.
#[cfg(target_os = "macos")]
pub const KEYCHAIN_APP: &str = "Keychain Access";
/// The keychain application a person opens to look at entries, by platform.
#[cfg(target_os = "windows")]
pub const KEYCHAIN_APP: &str = "Credential Manager";
/// The keychain application a person opens to look at entries, by platform.
#[cfg(not(any(target_os = "macos", target_os = "windows")))]
pub const KEYCHAIN_APP: &str = "Passwords and Keys (Seahorse) or KWallet Manager";

/// Next step when there is no keychain service to talk to.
#[cfg(not(any(target_os = "macos", target_os = "windows")))]
pub const NO_SECRET_SERVICE_NEXT: &str = "Start a Secret Service provider such as GNOME Keyring or KWallet, or log in to a desktop session, then try again. This app never falls back to an unprotected store.";
/// Next step when there is no keychain service to talk to.
#[cfg(any(target_os = "macos", target_os = "windows"))]
pub const NO_SECRET_SERVICE_NEXT: &str = "Log in to a desktop session as yourself (not through a remote shell), then try again. This app never falls back to an unprotected store.";

/// Next step when the keychain is locked or refused access.
#[cfg(not(any(target_os = "macos", target_os = "windows")))]
pub const LOCKED_NEXT: &str = "Unlock the login keyring (or create one, if there is none) in Passwords and Keys (Seahorse) or KWallet, then try again. If a password prompt appeared and was dismissed, try again and accept it.";
/// Next step when the keychain is locked or refused access.
#[cfg(target_os = "macos")]
pub const LOCKED_NEXT: &str =
    "Unlock the login keychain (Keychain Access) and try again; when macOS asks, allow access.";
/// Next step when the keychain is locked or refused access.
#[cfg(target_os = "windows")]
pub const LOCKED_NEXT: &str = "Make sure you are logged in to Windows as yourself, then try again.";

/// Next step when a written secret did not read back the same.
pub const READ_BACK_MISMATCH_NEXT: &str = "Do not continue: the secret is not safely stored yet. Try again; if it happens again, look in the keychain application for entries named entity-secret-wizard and tell your administrator.";

/// Next step when a keychain entry does not hold a well-formed secret.
pub const DAMAGED_NEXT: &str = "Nothing was changed. Look at the entry in the keychain application. If you hold this secret elsewhere, delete the damaged entry there and import the secret again; if you do not, keep the entry and ask for help before deleting anything.";

/// Next step when storing would replace a different secret.
pub const WOULD_OVERWRITE_NEXT: &str = "Nothing was changed: an entity secret is never replaced silently. If this app is already registered, use the status screen or the rotation ceremony. Delete the stored secret only if you are certain Circle no longer uses it.";

/// Next step when several keychain entries match one name.
pub const AMBIGUOUS_NEXT: &str = "Nothing was changed. Open the keychain application, find the entries named entity-secret-wizard with this account, and keep only the right one; then try again.";

/// Next step for any other keychain failure.
pub const PLATFORM_NEXT: &str = "Try again. If it keeps failing, restart the keychain service or log out and in again; nothing was stored by the failed attempt.";
