//! The handoff panel of the window: its headings, buttons, fields and
//! notices.

/// The handoff panel's heading.
pub const TITLE: &str = "Hand the secret to the servers";
/// Which secret the panel hands over: a registration's.
pub fn target_registered(environment: &str, app_id: &str, fingerprint: &str) -> String {
    format!(
        "The registered entity secret of {environment} app {app_id} (fingerprint {fingerprint})."
    )
}
/// Which secret the panel hands over: a ceremony's new one.
pub fn target_pending(
    ceremony: &str,
    environment: &str,
    app_id: &str,
    fingerprint: &str,
) -> String {
    format!(
        "The NEW entity secret of this {ceremony} of {environment} app {app_id} (fingerprint {fingerprint}), not registered until Console accepts it."
    )
}
/// The recipients' heading.
pub const RECIPIENTS_HEADING: &str = "Recipients";
/// Why there is no field to paste into.
pub const NO_FIELD_EXPLAINED: &str = "Public keys are read straight from the clipboard or from a file, never typed into a field here: a private key pasted by mistake is refused and leaves no copy behind.";
/// Read the recipients from the clipboard.
pub const PASTE: &str = "Paste recipients";
/// Read the recipients from a file chosen in the open dialog.
pub const LOAD_FILE: &str = "Load recipients file…";
/// The typed path of a recipients file.
pub const RECIPIENTS_FILE_PATH: &str = "Recipients file path";
/// Read the typed recipients file.
pub const LOAD_THIS_FILE: &str = "Load this recipients file";
/// The open dialog's title.
pub const LOAD_FILE_TITLE: &str = "Choose a file of public keys";
/// What the typed recipients file field is for.
pub const RECIPIENTS_FILE_TYPED: &str = "If no dialog appears, type the path of an age recipients file, a .pub file or an authorized_keys file:";
/// The clipboard holds no text.
pub const CLIPBOARD_EMPTY: &str = "The clipboard holds no text.";
/// What to do then.
pub const CLIPBOARD_EMPTY_NEXT: &str = "Copy the public keys (age1… or ssh-… lines) and press Paste recipients again, or load them from a file.";
/// No clipboard at all.
pub const NO_CLIPBOARD_NEXT: &str = "Load the public keys from a file instead.";
/// Nothing listed yet.
pub const NO_RECIPIENTS_YET: &str = "No recipient yet.";
/// How many are listed.
pub fn recipients_listed(count: usize) -> String {
    if count == 1 {
        "1 recipient; each can open the file:".to_owned()
    } else {
        format!("{count} recipients; each can open the file:")
    }
}
/// The name field of one recipient, for screen readers.
pub fn name_field(number: usize) -> String {
    format!("Name of recipient {number} for the record")
}
/// One recipient's fingerprint, for screen readers and the eye.
pub fn recipient_listed(number: usize, kind: &str, fingerprint: &str) -> String {
    format!("{number}. {kind} {fingerprint}")
}
/// Remove every listed recipient.
pub const CLEAR: &str = "Clear recipients";
/// The output's heading.
pub const FORMAT_HEADING: &str = "File format";
/// age's binary format.
pub const FORMAT_BINARY: &str = "Binary (.age), for a file transfer";
/// ASCII armor.
pub const FORMAT_ARMORED: &str =
    "Armored text (-----BEGIN AGE ENCRYPTED FILE-----), to paste into a ticket";
/// Save through the save dialog.
pub const SAVE: &str = "Save handoff file…";
/// The save dialog's title.
pub const SAVE_TITLE: &str = "Save the handoff file";
/// What the typed path field is for.
pub const SAVE_TYPED: &str = "If no dialog appears, type a folder (the file is saved there under its offered name) or a full file path; nothing is ever written over an existing file:";
/// The typed save path.
pub const SAVE_PATH: &str = "Handoff file path";
/// Save at the typed path.
pub const SAVE_HERE: &str = "Save handoff file here";
/// Why Save waits.
pub const RECIPIENTS_NEEDED: &str = "Add at least one recipient first.";
/// The name the file is offered under.
pub fn offered_name(name: &str) -> String {
    format!("Offered as {name}")
}
/// Working.
pub const WORKING_BUSY: &str = "Working on the handoff file…";
/// Leave the panel.
pub const CLOSE: &str = "Close the handoff";
/// Hand the same secret to other recipients.
pub const ANOTHER: &str = "Hand to other recipients";
/// Before the command.
pub const OPEN_WITH: &str = "To open it where a recipient's private key is:";
/// Before the env example.
pub const ENV_WITH: &str = "To put the secret into an environment variable:";
/// The recorded files' heading on the Done screen of a rotation or reset.
pub const FILES_HEADING: &str = "Handoff files of this app";
/// No handoff file was recorded for the app.
pub const NO_FILES: &str = "No handoff file of this app is recorded on this computer.";
/// The offer on the Done screen of a rotation or reset.
pub const HAND_NEW_NOW: &str = "Hand the new secret to the servers if they do not have it yet:";
