//! The documents a registration offers: the calendar reminder and the
//! ceremony record. Fingerprints only; never the secret.

use crate::policy;
use crate::secret::Environment;

/// The reminder's title.
pub fn reminder_summary(environment: Environment, app_id: &str) -> String {
    format!(
        "Rotate the Circle entity secret ({} app {app_id})",
        environment.label()
    )
}

/// The reminder's description.
pub fn reminder_description(registered: &str, secret: &str, public_key: &str) -> String {
    format!(
        "The Circle entity secret registered on {registered} is due for rotation (every {} days). Secret fingerprint {secret}. Circle public key SHA-256 {public_key}. Run the rotation ceremony in Entity Secret Wizard.",
        policy::ROTATION_PERIOD_DAYS
    )
}

/// The record's title.
pub fn record_title(rehearsal: bool) -> &'static str {
    if rehearsal {
        "Entity secret registration — REHEARSAL (nothing was registered with Circle)"
    } else {
        "Entity secret registration"
    }
}

/// The record's row for the recovery file when none was saved here.
pub const RECORD_NO_RECOVERY_FILE: &str = "not saved on this computer";

/// The record's closing note.
pub const RECORD_NO_SECRET: &str = "The entity secret itself is not in this record. Keep this record with the recovery file's location, apart from this computer.";

/// A line for a signature.
pub fn signature_line(role: &str) -> String {
    format!(
        "{role}: name ______________________________  signature ______________________  date __________"
    )
}

/// A document's name is taken.
pub const DOCUMENT_EXISTS: &str =
    "a file with that name already exists there, and it is never overwritten";
/// A document's folder is missing.
pub const DOCUMENT_NO_FOLDER: &str = "that folder does not exist";
/// A document's folder is not writable.
pub const DOCUMENT_NOT_ALLOWED: &str = "this app is not allowed to write there";
/// A document's disk is full.
pub const DOCUMENT_DISK_FULL: &str = "the disk is full";

/// The record's label for the secret's fingerprint.
pub const RECORD_SECRET_FINGERPRINT: &str = "Entity secret fingerprint (SHA-256, first 8 bytes)";
/// The record's label for the public key's fingerprint.
pub const RECORD_KEY_FINGERPRINT: &str = "Circle public key fingerprint (SHA-256 of SPKI)";
