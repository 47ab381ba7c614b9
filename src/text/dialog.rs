//! What the window says about the native file dialogs: why no path came
//! back, what to do while one is open, and the promise that an existing
//! file is never replaced.

/// The person pressed Cancel, or closed the dialog.
pub const CANCELLED: &str = "The dialog was cancelled or closed: nothing was chosen. Choose again, or type the path in the field.";
/// The person chose to type a path instead, and the wizard closed the dialog.
pub const GAVE_UP: &str = "The dialog was closed. Type the path in the field instead.";
/// No dialog could be shown.
pub const NO_SERVICE: &str = "No file dialog could be opened: this computer has no file dialog service (the desktop portal, xdg-desktop-portal). Type the path in the field instead.";

/// The dialog service took no request within `seconds`.
pub fn no_answer(seconds: u64) -> String {
    format!(
        "The file dialog service did not answer within {seconds} seconds, so no dialog was shown. Type the path in the field instead."
    )
}

/// The dialog service refused or failed, in its own words (maybe none).
pub fn failed(why: &str) -> String {
    if why.is_empty() {
        "The file dialog ended without a choice and gave no reason. Choose again, or type the path in the field.".to_owned()
    } else {
        format!(
            "The file dialog service could not show a dialog ({why}). Type the path in the field instead."
        )
    }
}

/// Progress line while a dialog is open.
pub const OPEN_BUSY: &str = "A file dialog is open.";
/// Said while a save dialog is open, before the dialog's own "Replace?".
pub const NEVER_REPLACED: &str = "An existing file is never replaced: if you choose one, the wizard keeps it and uses a new name beside it.";
/// The same promise, in a save dialog's title.
pub fn save_title(title: &str) -> String {
    format!("{title} (an existing file is never replaced)")
}
/// Label of the button that closes the open dialog and opens it again.
pub const SHOW_AGAIN: &str = "Show the dialog again";
/// Its description.
pub const SHOW_AGAIN_HINT: &str =
    "Closes the dialog and opens it again, above this window, if it went behind or is lost.";
/// Label of the button that closes the open dialog.
pub const TYPE_INSTEAD: &str = "Type a path instead";
/// Its description.
pub const TYPE_INSTEAD_HINT: &str =
    "Closes the dialog; type the path in the field on this screen instead.";

/// A chosen file existed, and a new name beside it is used.
pub fn renamed(chosen: &str, used: &str) -> String {
    format!(
        "{chosen} already exists and is never replaced: the wizard uses {used} beside it instead."
    )
}
/// A chosen file existed, and no free name was found beside it.
pub fn exists_no_free_name(chosen: &str) -> String {
    format!(
        "{chosen} already exists and is never replaced, and no free name was found beside it. Choose another folder or name."
    )
}
