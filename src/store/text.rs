//! The prose a person reads about the keychain, the recovery file and the
//! records: next steps for every store error, and the location notes with
//! their "I understand" texts. Kept together so the wording can be reviewed
//! (and one day translated) in one place.

// ---------------------------------------------------------------------------
// Keychain

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

// ---------------------------------------------------------------------------
// Recovery file

/// The start of every recovery-file next step: nothing is lost yet.
pub const RECOVERY_CONTENT_HELD: &str =
    "The recovery file's content is still held by this app, so nothing is lost.";

/// How to finish every recovery-file next step.
pub const RECOVERY_CHOOSE_ANOTHER: &str =
    "Choose another place to save it — removable media such as a USB drive is best.";

/// The target file is already there.
pub const RECOVERY_EXISTS_HINT: &str =
    "An existing file is never overwritten; pick a new file name or another folder.";

/// The folder is gone.
pub const RECOVERY_DIR_MISSING_HINT: &str =
    "The folder may have been removed or the drive unplugged.";

/// No permission to write.
pub const RECOVERY_PERMISSION_HINT: &str =
    "This folder (or the drive) does not allow writing here.";

/// The disk is full.
pub const RECOVERY_DISK_FULL_HINT: &str = "That disk is full.";

/// The written file did not read back the same.
pub const RECOVERY_MISMATCH_HINT: &str =
    "The file written there did not read back correctly and was removed; the drive may be failing.";

/// Any other IO failure.
pub const RECOVERY_IO_HINT: &str = "Writing there failed.";

// ---------------------------------------------------------------------------
// Records, ceremony log and journal

/// Next step when a record file could not be read or written.
pub const RECORDS_IO_NEXT: &str = "Check that the app's data folder exists and is writable and that the disk is not full, then retry. Your keychain entry and your recovery file are not affected.";

/// Next step when a record file was damaged and moved aside.
pub const RECORDS_CORRUPT_NEXT: &str = "Nothing was deleted: the damaged file was kept, byte for byte, under the name shown. Your entity secret is still in the keychain and your recovery file where you saved it. Restore the file from a backup if you have one, or keep the damaged copy for support; the app starts a new file.";

/// Next step when a record file comes from a newer version of the app.
pub const RECORDS_NEWER_NEXT: &str = "Use the newer version of Entity Secret Wizard that wrote this file; this version leaves it untouched.";

/// Next step when a journal entry is unknown.
pub const RECORDS_NOT_IN_JOURNAL_NEXT: &str = "The ceremony may have been finished in another window. Check the status screen before going on.";

/// Next step when there is no home folder to keep records in.
pub const RECORDS_NO_DATA_DIR_NEXT: &str =
    "Set the HOME environment variable (or log in normally), then start the app again.";

// ---------------------------------------------------------------------------
// Recovery-file location notes

/// Warning: same disk as the keychain.
pub const SAME_FILESYSTEM_MESSAGE: &str = "This place is on the same disk as your home folder, where this computer's keychain keeps the entity secret. If that disk fails or this computer is lost, the secret and its recovery file are lost together.";

/// Acknowledgement of the same-disk warning.
pub const SAME_FILESYSTEM_ACK: &str =
    "I understand the recovery file will be on the same disk as this computer's keychain";

/// Good case: removable media.
pub const REMOVABLE_MEDIA_MESSAGE: &str = "This place looks like removable media: the best place for a recovery file. Keep the drive somewhere safe, away from this computer.";

/// Warning: a cloud-synced folder.
pub fn cloud_sync_message(provider: &str) -> String {
    format!(
        "This folder is synced by {provider}: a copy of the recovery file will be uploaded to {provider}'s servers and to every device signed in to that account. Anyone who gets that copy and into your Circle Console could reset your entity secret."
    )
}

/// Acknowledgement of the cloud-sync warning.
pub fn cloud_sync_ack(provider: &str) -> String {
    format!("I understand the recovery file will be copied to {provider}")
}
