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
pub const LOCKED_NEXT: &str = "Unlock the login keyring (or create one, if there is none) in Passwords and Keys (Seahorse) or KWallet Manager, then try again. If a password prompt appeared and was dismissed, try again and accept it.";
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

/// No keychain service to talk to.
pub fn no_secret_service(detail: &str) -> String {
    format!(
        "No keychain service is running for this session ({detail}), so there is nowhere safe to keep the entity secret."
    )
}
/// The keychain is locked or refused access.
pub fn locked(detail: &str) -> String {
    format!("The keychain is locked, or access to it was refused ({detail}).")
}
/// A written secret did not read back the same.
pub fn read_back_mismatch(account: &str) -> String {
    format!(
        "The keychain accepted the entity secret for {account}, but reading it back gave something else."
    )
}
/// An entry does not hold a well-formed secret.
pub fn damaged(account: &str) -> String {
    format!(
        "The keychain entry for {account} is damaged: it does not hold a {}-character entity secret.",
        crate::secret::SECRET_LEN * 2
    )
}
/// Storing would replace a different secret.
pub fn would_overwrite(account: &str, existing_fingerprint: &str) -> String {
    format!(
        "The keychain already holds a different entity secret under {account} (fingerprint {existing_fingerprint}); it was left untouched."
    )
}
/// Several entries match one name.
pub fn ambiguous(count: usize, account: &str) -> String {
    format!("The keychain holds {count} entries for {account} where there should be one.")
}
/// Any other keychain failure.
pub fn platform(detail: &str) -> String {
    format!("The keychain reported an error: {detail}.")
}
/// What the platform said when there is no credential store at all.
pub const NO_CREDENTIAL_STORE: &str = "no credential store is available";
/// What is said on a platform with no supported keychain.
pub const UNSUPPORTED_PLATFORM: &str = "this platform has no supported keychain";
/// What the in-memory store says when a test locked it.
pub const MEMORY_STORE_LOCKED: &str = "the in-memory test store is locked";
