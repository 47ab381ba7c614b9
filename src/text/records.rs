//! The records, the ceremony log and the journal: next steps when they
//! cannot be read or written.

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

/// Next step when another unfinished ceremony uses the same keychain entry.
pub const RECORDS_ACCOUNT_BUSY_NEXT: &str = "Finish or discard that ceremony first: it is listed on the start screen (or by the status command) with the way forward.";

/// A record file could not be read or written.
pub fn records_io(path: &str, detail: &str) -> String {
    format!("Could not read or write {path}: {detail}.")
}
/// A record file was damaged and moved aside.
pub fn records_corrupt(path: &str, kept_at: &str) -> String {
    format!(
        "{path} was damaged and could not be read; it was moved aside, unchanged, to {kept_at}."
    )
}
/// A record file comes from a newer version of the app.
pub fn records_newer(path: &str, version: u32) -> String {
    format!("{path} was written by a newer version of Entity Secret Wizard (format {version}).")
}
/// A journal update named an unknown ceremony.
pub fn records_not_in_journal(id: &str) -> String {
    format!("The journal has no unfinished ceremony with id {id}.")
}
/// Another unfinished ceremony uses the keychain entry.
pub fn records_account_busy(started: &str, account: &str) -> String {
    format!(
        "Another unfinished ceremony (started {started}) already uses the keychain entry {account}."
    )
}
/// No home folder.
pub const RECORDS_NO_DATA_DIR: &str = "There is no home folder to keep this app's records in.";
/// Why a damaged file is still in place: moving it aside failed.
pub fn records_move_aside_failed(detail: &str) -> String {
    format!("the file is damaged, and moving it aside failed: {detail}")
}
/// Why a damaged file is still in place: too many copies kept already.
pub const RECORDS_TOO_MANY_DAMAGED: &str =
    "the file is damaged, and too many damaged copies are already kept beside it";
