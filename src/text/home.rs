//! The window's home screen and the sessions it opens (discard, finish,
//! ciphertexts on demand, Circle's key from a file): headings, button
//! labels, explanations and outcomes.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::secret::Environment;

// ----- the home screen -----

/// Heading of the registrations.
pub const REGISTRATIONS_TITLE: &str = "Registrations known on this computer";
/// Heading of the ceremony choices.
pub const CHOOSE_TITLE: &str = "Start a ceremony";
/// Label of the button that starts a rehearsal.
pub const REHEARSAL: &str = "Rehearsal";
/// Label of the button that starts a real registration.
pub const REGISTER_WITH_CIRCLE: &str = "Register with Circle";
/// Progress line while the home screen is read.
pub const READING_STATUS_BUSY: &str = "Reading what this computer knows…";

/// The name of an item: rehearsal or not, environment and app.
pub fn item_title(rehearsal: bool, environment: Environment, app_id: &str) -> String {
    format!(
        "{}{} — app {app_id}",
        if rehearsal { "[Rehearsal] " } else { "" },
        environment.label()
    )
}

/// The facts of an unfinished ceremony.
pub fn unfinished_facts(
    kind: &str,
    started_at: DateTime<Utc>,
    secret_fingerprint: &str,
    presence: &str,
) -> String {
    format!(
        "{kind}, started {}; secret {secret_fingerprint} ({presence}).",
        started_at.format("%Y-%m-%d %H:%M UTC")
    )
}

/// The facts of a registration.
pub fn registered_facts(
    registered_at: DateTime<Utc>,
    secret_fingerprint: &str,
    public_key_fingerprint: &str,
) -> String {
    let short: String = public_key_fingerprint.chars().take(23).collect();
    format!(
        "Registered {} · secret {secret_fingerprint} · Circle key {short}…",
        registered_at.format("%Y-%m-%d")
    )
}

/// Whether a registration's secret is in the keychain.
pub fn secret_presence(presence: &str) -> String {
    format!("Secret: {presence}.")
}

/// A stray entry's keychain name.
pub fn keychain_entry(service: &str, account: &str) -> String {
    format!("Keychain entry {service} / {account}")
}

/// Label of the ciphertext action.
pub const NEW_CIPHERTEXT: &str = "New ciphertext…";
/// Label of the rotation action.
pub const ROTATE: &str = "Rotate…";
/// What a rotation does, for its button.
pub const ROTATE_HELP: &str = "Replace this secret with a new one in Circle Console, with ciphertexts of both made here. The old one is kept as retired until you delete it.";
/// Label of the reset action.
pub const RESET: &str = "Reset…";
/// What a reset does, for its button.
pub const RESET_HELP: &str = "Replace a lost or compromised secret in Circle Console, with the current recovery file and a ciphertext of a new secret made here.";

/// A retired secret under its registration.
pub fn retired_line(fingerprint: &str, account: &str, at: DateTime<Utc>, presence: &str) -> String {
    format!(
        "Retired secret {fingerprint}, replaced on {}, kept as {account} ({presence}). Circle no longer accepts it.",
        at.format("%Y-%m-%d")
    )
}

/// Label of a retired secret's delete button.
pub fn retired_delete(fingerprint: &str) -> String {
    format!("Delete retired {fingerprint}…")
}

/// A retired secret was deleted.
pub fn retired_deleted(fingerprint: &str) -> String {
    format!(
        "✔ The retired secret {fingerprint} was deleted, and its registration's record no longer lists it."
    )
}

/// Heading of the ceremonies beyond a first registration.
pub const OTHER_CEREMONIES_TITLE: &str = "Other ceremonies";
/// Label of the offline registration.
pub const REGISTER_THROUGH_CONSOLE: &str = "Register through Console…";
/// What it is.
pub const REGISTER_THROUGH_CONSOLE_HELP: &str = "For a workstation with no route to Circle: the secret is made and kept here, and only its single-use ciphertext is carried to Circle Console on another computer.";
/// Label of its rehearsal.
pub const REHEARSE_THROUGH_CONSOLE: &str = "Rehearse it";
/// Label of a reset of an app not registered from here.
pub const RESET_IN_CONSOLE: &str = "Reset in Circle Console…";
/// What it is.
pub const RESET_IN_CONSOLE_HELP: &str = "For an app whose secret is lost or compromised and was not registered from this computer (a registration made here has its own Reset button above). You need the current recovery file.";
/// Label of the reminder action.
pub const SAVE_REMINDER: &str = "Save reminder…";
/// Label of the record action.
pub const SAVE_RECORD: &str = "Save record…";
/// Label of the reminder action with a typed path.
pub const SAVE_REMINDER_HERE: &str = "Save reminder here";
/// Label of the record action with a typed path.
pub const SAVE_RECORD_HERE: &str = "Save record here";
/// Label of the typed document path.
pub const DOCUMENT_PATH: &str = "Document path";

/// A calendar reminder was written.
pub fn reminder_saved(path: &Path) -> String {
    format!("✔ Calendar reminder saved to {}", path.display())
}

/// A ceremony record was written.
pub fn record_saved(path: &Path) -> String {
    format!("✔ Ceremony record saved to {}", path.display())
}

/// A secret was discarded.
pub fn discarded(fingerprint: &str) -> String {
    format!("✔ The unregistered secret {fingerprint} was deleted from the keychain.")
}

/// A journal entry was dismissed.
pub const DISMISSED: &str = "✔ The note was removed: nothing was left behind it.";

/// Back to the home screen.
pub const BACK_HOME: &str = "Back to the start";

// ----- discard -----

/// Heading of a retired secret's deletion.
pub const RETIRED_DELETE_TITLE: &str = "Delete a retired secret";

/// What deleting a retired secret does.
pub fn retired_delete_intro(in_keychain: bool) -> &'static str {
    if in_keychain {
        "A rotation replaced this secret and kept it, in case something still needed it for a while. Circle no longer accepts it, so deleting it loses nothing any wallet depends on. To be sure the right one goes, type its fingerprint, read from the keychain just now."
    } else {
        "A rotation replaced this secret and kept it, but it is no longer in this computer's keychain. Confirm its fingerprint, and the registration's record stops listing it."
    }
}

/// Label of the button that removes a retired secret no longer in the
/// keychain from the record.
pub const RETIRED_FORGET_BUTTON: &str = "Remove it from the record";

/// Discard screen heading.
pub const DISCARD_TITLE: &str = "Discard an unregistered secret";
/// What a discard is.
pub const DISCARD_INTRO: &str = "Circle never registered this secret (it was never sent, or Circle refused it), so deleting it from the keychain loses nothing that any wallet depends on. To be sure the right one goes, type its fingerprint, read from the keychain just now.";
/// Label of the typed fingerprint.
pub const DISCARD_FIELD: &str = "Fingerprint to confirm";
/// The typed text is not the fingerprint.
pub const DISCARD_MISMATCH: &str = "This is not the fingerprint shown above.";
/// Label of the delete button.
pub const DISCARD_BUTTON: &str = "Delete this secret";
/// Why the delete button waits.
pub const DISCARD_WAITING: &str = "Type the fingerprint first.";

// ----- finish -----

/// Finish screen heading.
pub const FINISH_TITLE: &str = "Finish a ceremony Circle accepted";
/// The recovery file was found in a temporary file.
pub fn leftover_found(temp: &Path, target: &Path, sha256: &str) -> String {
    format!(
        "The recovery file Circle sent was found whole in {} (SHA-256 {sha256}), on its way to {}. Save it first: it cannot be downloaded again.",
        temp.display(),
        target.display()
    )
}
/// Save the leftover where it was going.
pub const SAVE_WHERE_IT_WAS_GOING: &str = "Save it where it was going";
/// Save the leftover elsewhere.
pub const SAVE_ELSEWHERE: &str = "Choose another place…";
/// Save the leftover at a typed path.
pub const SAVE_HERE: &str = "Save here";
/// The recovery file was saved.
pub fn leftover_saved(path: &Path) -> String {
    format!(
        "✔ The recovery file is saved and verified at {}.",
        path.display()
    )
}
/// What finishing does.
pub const FINISH_READY: &str = "What is left: make the secret the app's active one in the keychain, and write the registration's record.";
/// Label of the finish button.
pub const FINISH_BUTTON: &str = "Finish";
/// Why the finish button waits.
pub const FINISH_WAITING: &str = "Save the recovery file first.";
/// After finishing.
pub const FINISHED: &str =
    "✔ Finished. The secret is the app's active one, and the registration is recorded.";

// ----- ciphertexts on demand -----

/// Ciphertext screen heading.
pub const CIPHERTEXT_TITLE: &str = "New ciphertext";
/// What the ciphertext is for.
pub const CIPHERTEXT_INTRO: &str = "A fresh ciphertext of this registration's entity secret, for a Circle Console form or a manual API call. It is made with Circle's public key: fetch it from Circle with an API key of this app, or import it from a file fetched on another computer (no network needed).";
/// Heading of the key from Circle.
pub const KEY_FROM_CIRCLE: &str = "Circle's public key from Circle";
/// Label of the fetch button.
pub const FETCH_KEY: &str = "Fetch Circle's key";
/// Heading of the key from a file.
pub const KEY_FROM_FILE: &str = "Or from a file";
/// Label of the make button.
pub const MAKE: &str = "Make a ciphertext";
/// Label of the make-another button.
pub const MAKE_ANOTHER: &str = "Make another";
/// Why the make button waits.
pub const KEY_NEEDED: &str = "Circle's public key is needed first.";
/// Why the make button waits after a changed key.
pub const KEY_CHANGE_NEEDED: &str = "Acknowledge the changed key first.";
/// Label of the ciphertext fact.
pub const CIPHERTEXT: &str = "Ciphertext";
/// The ciphertext's length.
pub fn ciphertext_length(length: usize) -> String {
    format!("{length} characters (a ciphertext for Circle's RSA-4096 key has 684).")
}
/// The ciphertext is single-use.
pub const SINGLE_USE: &str = "Single use: Circle refuses a ciphertext it has seen before. Make another for every form, every request and every retry.";
/// Label of the copy button.
pub const COPY: &str = "Copy";
/// The clipboard will be cleared.
pub fn clipboard_clears(seconds: u64) -> String {
    format!("Clipboard clears in {seconds} s.")
}
/// The clipboard could not be written.
pub const COPY_FAILED_NEXT: &str =
    "Select the ciphertext on screen and copy it with Ctrl+C (⌘C on a Mac) instead.";

// ----- Circle's key from a file, and its facts -----

/// Label of the open-dialog button.
pub const IMPORT_KEY: &str = "Import Circle's public key from a file…";
/// Label of the open-dialog button on the review screen.
pub const IMPORT_KEY_INSTEAD: &str = "Import Circle's public key from a file instead…";
/// The offline path on the review screen.
pub const REVIEW_OFFLINE: &str = "No route to Circle from here? Import Circle's public key from a PEM file fetched on another computer: its fingerprint is shown and compared with the records, and nothing goes over the network until registration.";
/// The typed-path fallback.
pub const KEY_FILE_TYPED: &str = "If no dialog appears, type the path of the PEM file:";
/// Label of the typed key path.
pub const KEY_FILE_PATH: &str = "Public key file path";
/// Label of the import button for a typed path.
pub const IMPORT_THIS_FILE: &str = "Import this file";
/// Rehearsal: why the simulated key can be saved.
pub const SIMULATOR_KEY_HINT: &str = "Rehearsal: save the simulated Circle's key as a file, then import it, to practise the offline path.";
/// Label of the save-simulated-key button.
pub const SAVE_SIMULATOR_KEY: &str = "Save the simulated Circle's key as a file…";
/// Label of the save-simulated-key button with a typed path.
pub const SAVE_SIMULATOR_KEY_HERE: &str = "Save the simulated key here";
/// The simulated key was saved.
pub fn simulator_key_saved(path: &Path) -> String {
    format!(
        "✔ The simulated Circle's key was saved to {}. Import it with the buttons above.",
        path.display()
    )
}

/// Label of the key fingerprint fact.
pub const KEY_FINGERPRINT: &str = "Circle public key (SHA-256)";
/// Label of the key size fact.
pub const KEY_SIZE: &str = "Key size";
/// The key's size.
pub fn key_bits(bits: usize) -> String {
    format!("{bits} bits")
}
/// Label of the key origin fact.
pub const KEY_ORIGIN: &str = "From";
/// A key fetched from Circle.
pub fn key_from_circle(request_id: &str) -> String {
    format!("Circle (request id {request_id})")
}
/// A key read from a file.
pub fn key_from_file(path: &Path) -> String {
    format!("the file {}", path.display())
}
/// A key of an unusual size.
pub fn key_size_warning(bits: usize) -> String {
    format!(
        "⚠ Circle's key has {bits} bits; Circle normally uses 4096. Compare the fingerprint out of band before you go on."
    )
}
/// The same key as on record.
pub const KEY_SAME: &str = "✔ The same fingerprint as this computer's record of this app.";
/// No key on record to compare with.
pub const KEY_NEVER_SEEN: &str = "No fingerprint on record for this app to compare with: compare it with one obtained another way (a colleague's computer, Circle support).";
/// A different key than on record.
pub fn key_different(recorded: &str) -> String {
    format!(
        "⚠ DIFFERENT from the fingerprint on record for this app ({recorded}). Something between this computer and Circle may have swapped the key, or Circle changed it. Confirm with Circle, out of band, before you use it: a ciphertext made with a stranger's key gives the secret away."
    )
}
/// The acknowledgement of a changed key.
pub const KEY_CHANGE_ACKNOWLEDGE: &str =
    "I confirmed with Circle, out of band, that its public key changed";
/// The other key sources, once a key is known.
pub const USE_ANOTHER_KEY: &str = "Use another key";
/// Heading of the offline key on the review screen, once a key is shown.
pub const KEY_FILE_HEADER: &str = "Circle's public key from a file (offline)";

/// How Circle's key is fetched for ciphertexts.
pub const KEY_FROM_CIRCLE_HINT: &str = "With an API key of this registration's app (Circle Console → Keys), used for this request only and never saved:";
