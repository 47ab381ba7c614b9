//! The recovery file: hints for every failure to write it.

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

/// Why a received recovery file is saved under an UNVERIFIED name: not base64.
pub const RECOVERY_NOT_BASE64: &str = "Circle's answer contained a recovery file that is not in the documented format (standard base64). It was saved exactly as received under a name marked UNVERIFIED. Keep it, and rotate the entity secret in Circle Console soon to get a new recovery file.";

/// Why a received answer is saved under an UNVERIFIED name: no recovery file.
pub const RECOVERY_MISSING: &str = "Circle accepted the registration, but its answer did not contain a recovery file. Everything Circle sent was saved under a name marked UNVERIFIED. The entity secret is registered and safe in the keychain; rotate it in Circle Console soon to get a new recovery file.";

/// Why a saved answer is not a verified recovery file, for a person.
pub fn unverified_reason(reason: crate::store::UnverifiedReason) -> &'static str {
    match reason {
        crate::store::UnverifiedReason::NotBase64 => RECOVERY_NOT_BASE64,
        crate::store::UnverifiedReason::Missing => RECOVERY_MISSING,
    }
}

/// Something is already at the target path.
pub fn recovery_exists(path: &str) -> String {
    format!("A file named {path} already exists.")
}
/// The target's folder does not exist.
pub fn recovery_dir_missing(dir: &str) -> String {
    format!("The folder {dir} does not exist.")
}
/// Writing there is not allowed.
pub fn recovery_permission(path: &str) -> String {
    format!("This app is not allowed to write {path}.")
}
/// No space left.
pub fn recovery_disk_full(path: &str) -> String {
    format!("There is not enough space on the disk to write {path}.")
}
/// The file read back differs.
pub fn recovery_mismatch(path: &str) -> String {
    format!("The recovery file written to {path} did not read back the same.")
}
/// Any other failure.
pub fn recovery_io(path: &str, detail: &str) -> String {
    format!("Writing {path} failed: {detail}.")
}
