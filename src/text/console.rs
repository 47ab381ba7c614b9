//! The Console ceremonies in the window (rotation, reset, registration
//! through Console) and the simulated Console of rehearsals: headings,
//! the Console steps written out, labels, outcomes. The kind of ceremony
//! decides the words where the steps are the same.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::ceremony::console::ConsoleKind;
use crate::ceremony::steps::CiphertextOf;

// ----- every step -----

/// Heading while the ceremony opens.
pub const OPENING_TITLE: &str = "Opening the ceremony";

/// The ceremony's heading.
pub fn title(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Rotation => "Rotate the entity secret",
        ConsoleKind::Reset => "Reset the entity secret",
        ConsoleKind::Registration => "Register through Circle Console",
    }
}

/// A ceremony carried on after a stop.
pub const RESUMED: &str = "Carrying on the ceremony that stopped: its secrets were read back from the keychain, each the one its journal names.";

/// Why the way back to the start is not offered.
pub const SAVE_BEFORE_LEAVING: &str = "Save the imported recovery file first: the new secret becomes the active one only once it is saved apart from this computer.";

/// Label of the keychain retry.
pub const TRY_AGAIN: &str = "Try again";

/// What the ceremony is, at its first step.
pub fn intro(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Rotation => {
            "A rotation replaces the current entity secret, which is in this computer's keychain, with a new one. Circle does it only in Circle Console: this app makes the new secret, stores it, and prepares the two ciphertexts Console asks for. The old secret is kept, as retired, until you delete it."
        }
        ConsoleKind::Reset => {
            "A reset replaces an entity secret that is lost or compromised. Circle does it only in Circle Console, where you upload the current recovery file and paste a ciphertext of a new secret: this app makes the new secret, stores it, and prepares that ciphertext."
        }
        ConsoleKind::Registration => {
            "For a workstation with no route to Circle: Circle's public key comes from a file, the secret is made and stored here, and only its ciphertext (single-use, revealing nothing about the secret) is carried to Circle Console on another computer. No network request is made at any point."
        }
    }
}

/// The secret a rotation or reset replaces.
pub fn replaces(fingerprint: &str, registered_at: DateTime<Utc>) -> String {
    format!(
        "It replaces the secret {fingerprint}, registered on {}.",
        registered_at.format("%Y-%m-%d")
    )
}

/// Heading of the API key.
pub const API_KEY_HEADING: &str = "Circle API key";

/// What the API key is for.
pub fn api_key_hint(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Rotation => {
            "An API key of the app whose secret is rotated (Circle Console → Keys). It names the app and fetches Circle's public key; it is kept only in memory and never saved. The app must be registered from this computer, with its secret in the keychain."
        }
        _ => {
            "An API key of the app whose secret is reset (Circle Console → Keys). It names the app and fetches Circle's public key; it is kept only in memory and never saved."
        }
    }
}

/// The checkbox of a compromised secret.
pub const COMPROMISED: &str =
    "The secret was compromised (someone else may have it), not only lost";
/// Heading of what else to do.
pub const COMPROMISED_TITLE: &str = "A compromised secret: besides this reset";
/// What else to do about a compromised secret.
pub const COMPROMISED_TODO: [&str; 4] = [
    "Rotate the app's API keys in Circle Console (Keys): whoever has the secret may have a key too.",
    "Review the recent transactions and wallet activity of the account for anything you did not do.",
    "Tell your security lead, and whoever your incident process names; tell Circle support if funds moved.",
    "Find how the secret got out (a file, a chat, a log, a copied clipboard) and close that way.",
];

/// Heading of the typed app.
pub const APP_HEADING: &str = "The app, as Circle Console shows it";
/// How to find the app id offline.
pub const APP_HINT: &str = "Nothing is asked of Circle from here: choose TEST or LIVE and type the app id that Circle Console shows for the account (its entity configuration), on the computer where Console is open.";
/// Label of the typed app id.
pub const APP_ID: &str = "App id";
/// Rehearsal: fill the simulated Circle's app id.
pub const USE_SIMULATED_APP: &str = "Use the simulated Circle's app id";
/// Label of the button that sets the typed app.
pub const USE_THIS_APP: &str = "Use this app";

// ----- the new secret -----

/// Heading of the new secret.
pub const NEW_SECRET_HEADING: &str = "The new secret";

/// What the new secret is.
pub fn new_secret_intro(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Rotation => {
            "Generate the new secret here, or import one you already have (it must differ from the current one). Only its fingerprint is shown unless you ask to see it."
        }
        _ => {
            "Generate the new secret here, or import one you already have. Only its fingerprint is shown unless you ask to see it."
        }
    }
}

/// The servers need the new secret when Console switches.
pub const SERVERS_BEFORE_CONSOLE: &str = "Console switches to the new secret at once. Hand it to your servers (through your secrets manager) before you paste anything in Console, so they are ready.";
/// What storing as pending does.
pub const STAGE_EXPLAINED: &str = "Next, the new secret is stored in the keychain under its own pending entry, apart from the current one, and read back through a fresh entry. The ceremony's journal says so first, so a stop at any moment loses nothing. Only then is anything shown for Console.";
/// Label of the stage button.
pub const STAGE_BUTTON: &str = "Store as pending and read back ▶";

/// Fact names.
pub const APP: &str = "App";
/// Fact name of the accepted API key.
pub const API_KEY: &str = "API key";
/// Fact name of the current secret.
pub const CURRENT_SECRET: &str = "Current secret";
/// Fact name of the secret a reset replaces.
pub const REPLACED_SECRET: &str = "Secret replaced";
/// Fact name of the new secret.
pub const NEW_SECRET: &str = "New secret";
/// Fact name of the pending keychain entry.
pub const PENDING_ENTRY: &str = "Pending keychain entry";

// ----- Circle's key -----

/// The new secret is stored.
pub const STAGED: &str = "✔ The new secret is stored as pending and read back identical.";
/// Carried on after the ciphertexts were shown.
pub const RESUMED_SHOWN: &str = "Ciphertexts of the new secret were shown for Console before this window closed, and Console may have acted on them. If you know what Console did, say it now. Otherwise get Circle's key again to make fresh ciphertexts.";
/// Heading of Circle's key.
pub const KEY_HEADING: &str = "Circle's public key";
/// The offline registration's key.
pub const KEY_OFFLINE: &str = "This workstation never talks to Circle: import Circle's public key from a PEM file fetched on another computer. Its fingerprint is shown, to compare with one obtained another way.";
/// What showing the ciphertexts does.
pub const SHOW_EXPLAINED: &str = "The ceremony's journal records that the ciphertexts were shown before they are: from then on, only you know whether Console acted on them.";
/// Label of the button that makes the ciphertexts.
pub const SHOW_BUTTON: &str = "Show the ciphertexts for Console ▶";

// ----- Console -----

/// Heading of the Console step.
pub fn console_heading(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Rotation => "In Circle Console: rotate",
        ConsoleKind::Reset => "In Circle Console: reset",
        ConsoleKind::Registration => "In Circle Console, on another computer: register",
    }
}

/// Where in Console, said plainly: the menu names are not this app's to
/// know for certain.
const WHERE_IN_CONSOLE: &str = "find the entity secret settings (under Developer → Entity Secret, or Configurator → Entity Secret; the names may differ in your version of Console)";

/// The Console steps, in order. `app` names the app; a reset shows where
/// the recovery file saved last time is, and its SHA-256.
pub fn console_steps(
    kind: ConsoleKind,
    app: &str,
    previous_recovery: Option<&Path>,
    previous_sha256: Option<&str>,
) -> Vec<String> {
    let open =
        format!("Sign in to Circle Console for the account of app {app}, and {WHERE_IN_CONSOLE}.");
    match kind {
        ConsoleKind::Rotation => vec![
            open,
            "Choose to rotate the entity secret.".to_owned(),
            "Paste the ciphertext of the CURRENT secret (below, first) in the field for the current, existing entity secret's ciphertext.".to_owned(),
            "Paste the ciphertext of the NEW secret (below, second) in the field for the new entity secret's ciphertext.".to_owned(),
            "Confirm. Console switches to the new secret at once.".to_owned(),
            "Download the new recovery file Console offers, then come back here.".to_owned(),
        ],
        ConsoleKind::Reset => vec![
            open,
            "Choose to reset the entity secret.".to_owned(),
            match (previous_recovery, previous_sha256) {
                (Some(path), Some(sha)) => format!("Upload your current recovery file. The one this computer saved last time is {} (SHA-256 {sha}): compare before you upload.", path.display()),
                (Some(path), None) => format!("Upload your current recovery file. The one this computer saved last time is {}.", path.display()),
                _ => "Upload your current recovery file: the one from the latest registration, rotation or reset (each makes the one before useless).".to_owned(),
            },
            "Paste the ciphertext of the NEW secret (below) in the field for the new entity secret's ciphertext.".to_owned(),
            "Confirm. Console switches to the new secret at once.".to_owned(),
            "Download the new recovery file Console offers, then come back here.".to_owned(),
        ],
        ConsoleKind::Registration => vec![
            format!("On a computer that can reach Circle, sign in to Circle Console for the account of app {app}, and {WHERE_IN_CONSOLE}."),
            "Choose to register the entity secret.".to_owned(),
            "Paste the ciphertext below, or the content of the file you carried, in the entity secret ciphertext field.".to_owned(),
            "Confirm, and download the recovery file Console offers.".to_owned(),
            "Bring the recovery file back to this computer on removable media, or note where it is kept.".to_owned(),
        ],
    }
}

/// A rotation takes effect at once.
pub const SWITCHES_AT_ONCE: &str = "⚠ The change takes effect at once: API requests made with the old secret fail from that moment, those already in flight too. Plan a quiet moment, and have the servers ready with the new secret.";

/// The heading of a ciphertext.
pub fn ciphertext_of(of: CiphertextOf, fingerprint: &str) -> String {
    match of {
        CiphertextOf::Current => format!("Ciphertext of the CURRENT secret ({fingerprint})"),
        CiphertextOf::New => format!("Ciphertext of the NEW secret ({fingerprint})"),
    }
}

/// A ciphertext made again.
pub fn made_afresh(number: u32) -> String {
    format!("Made afresh (number {number} of this secret in this ceremony).")
}

/// Label of a ciphertext's copy button.
pub fn copy_label(of: CiphertextOf) -> &'static str {
    match of {
        CiphertextOf::Current => "Copy the current secret's ciphertext",
        CiphertextOf::New => "Copy the new secret's ciphertext",
    }
}

/// Label of a ciphertext's make-another button.
pub fn another_label(of: CiphertextOf) -> &'static str {
    match of {
        CiphertextOf::Current => "Make another of the current secret",
        CiphertextOf::New => "Make another of the new secret",
    }
}

/// The ciphertext as a file to carry.
pub const CIPHERTEXT_FILE_EXPLAINED: &str = "Carry the ciphertext to the computer where Console is open, as a file (on removable media) or copied. It is single-use and reveals nothing about the secret; the secret itself never leaves this computer.";
/// Label of the ciphertext file dialog button.
pub const SAVE_CIPHERTEXT: &str = "Save the ciphertext as a file…";
/// Label of the typed ciphertext file path.
pub const CIPHERTEXT_FILE_PATH: &str = "Ciphertext file path";
/// Label of the typed-path save button.
pub const SAVE_CIPHERTEXT_HERE: &str = "Save the ciphertext here";
/// Title of the ciphertext save dialog.
pub const SAVE_CIPHERTEXT_TITLE: &str = "Save the ciphertext to carry to Circle Console";
/// The ciphertext file's name.
pub const CIPHERTEXT_FILE_NAME: &str = "entity-secret-ciphertext.txt";
/// The ciphertext was written.
pub fn ciphertext_saved(path: &Path) -> String {
    format!("✔ The ciphertext was saved to {}.", path.display())
}
/// Why the ciphertext cannot be saved yet.
pub const CIPHERTEXT_FIRST: &str = "the ciphertext of the new secret is shown first";

/// Heading of what Console did.
pub const WHAT_DID_CONSOLE_DO: &str = "What did Console do?";

/// The accepted choice.
pub fn did_accept(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Registration => "Console registered the secret and offered a recovery file",
        _ => "Console accepted the new secret and offered a new recovery file",
    }
}

/// The refused choice.
pub const DID_REFUSE: &str = "Console refused it, or I did not go through with it";
/// Why the button waits.
pub const CHOOSE_WHAT_CONSOLE_DID: &str = "Choose what Console did first.";
/// Label of the button that says it.
pub const CONSOLE_DID_BUTTON: &str = "Continue ▶";
/// Closing is allowed while Console is in the person's hands.
pub const SHOWN_MAY_CLOSE: &str = "You may close this window while you are in Console: the ceremony's journal keeps this step, and the start screen offers to resume it.";

// ----- the simulated Console (rehearsal) -----

/// Heading of the simulated Console.
pub const SIMULATED_TITLE: &str = "SIMULATED Circle Console — rehearsal only";
/// What the simulated Console is.
pub const SIMULATED_INTRO: &str = "This panel stands in for Circle Console in a rehearsal, with Console's checks: the current secret's ciphertext must be of the registered secret, the new one must differ, every ciphertext is single-use, and the uploaded recovery file must be the current one. Paste here what you would paste there.";
/// Label of the current secret's field.
pub const SIM_CURRENT_FIELD: &str = "Current entity secret's ciphertext";
/// Label of the uploaded recovery file.
pub const SIM_UPLOAD_FIELD: &str = "Recovery file to upload (path; empty: choose in a dialog)";

/// Label of the new secret's field.
pub fn sim_new_field(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Registration => "Entity secret ciphertext",
        _ => "New entity secret's ciphertext",
    }
}

/// Label of the simulated Console's button.
pub fn sim_submit(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Rotation => "Rotate in the simulated Console",
        ConsoleKind::Reset => "Reset in the simulated Console",
        ConsoleKind::Registration => "Register in the simulated Console",
    }
}

/// Label of a paste button.
pub fn paste_into(field: &str) -> String {
    format!("Paste: {field}")
}

/// The simulated Console accepted.
pub const SIM_ACCEPTED: &str = "✔ The simulated Console accepted: the new secret is the registered one there now. It offers the new recovery file, once: download it.";
/// Label of the download dialog button.
pub const SIM_DOWNLOAD: &str = "Download the recovery file…";
/// The typed download path.
pub const SIM_DOWNLOAD_TYPED: &str = "If no dialog appears, type where the download goes:";
/// Label of the typed download path.
pub const SIM_DOWNLOAD_PATH: &str = "Download path";
/// Label of the typed download button.
pub const SIM_DOWNLOAD_HERE: &str = "Download here";
/// Title of the download dialog.
pub const DOWNLOAD_TITLE: &str = "Download the recovery file (simulated Console)";
/// Title of the upload dialog.
pub const OPEN_UPLOAD_TITLE: &str = "Upload the current recovery file (simulated Console)";
/// Why nothing can be downloaded.
pub const NOTHING_TO_DOWNLOAD: &str = "the simulated Console offers no recovery file now";
/// An uploaded file that is not text.
pub const UPLOAD_NOT_TEXT: &str = "it is not text, so it is not a recovery file";

/// The simulated Console refused.
pub fn simulated_refusal(what: &str) -> String {
    format!("The simulated Console refused: {what}")
}

/// The download was written.
pub fn simulated_downloaded(path: &Path) -> String {
    format!(
        "✔ The simulated Console's recovery file was downloaded to {}. Say below what Console did, then import this file.",
        path.display()
    )
}

// ----- the new recovery file -----

/// Console accepted.
pub fn accepted(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Registration => {
            "Console registered the secret: it is the registered one now. Import the recovery file Console offered, and save it apart from this computer; the secret becomes the app's active one after that."
        }
        _ => {
            "Console accepted: the new secret is the registered one now. Import the new recovery file Console offered, and save it apart from this computer; the new secret becomes the active one after that."
        }
    }
}

/// The old recovery file no longer works.
pub fn old_recovery_worthless(path: &Path) -> String {
    format!(
        "The old recovery file ({}) is worthless now: it can never reset anything again. Keep it apart from the new one so the two are never confused.",
        path.display()
    )
}

/// Heading of the import.
pub const IMPORT_HEADING: &str = "The new recovery file";
/// How to import.
pub const IMPORT_HINT: &str = "Choose the file Console downloaded (or type its path). It is checked: not empty, plausible content, and not the old recovery file.";
/// Label of the import dialog button.
pub const IMPORT_RECOVERY: &str = "Import the recovery file…";
/// Label of the typed import path.
pub const RECOVERY_TO_IMPORT: &str = "Recovery file to import";
/// Label of the typed import button.
pub const IMPORT_THIS_RECOVERY: &str = "Import this file";
/// Title of the import dialog.
pub const OPEN_RECOVERY_TITLE: &str = "Import the recovery file Circle Console gave";

/// The file was imported.
pub fn imported(sha256: &str) -> String {
    format!("✔ Imported; SHA-256 {sha256}. Now save it apart from this computer.")
}

/// Where the imported file goes.
pub const DESTINATION_INTRO: &str = "Save it somewhere apart from this computer: a USB drive or other removable media is best. It is written as a new file, read back and compared before the new secret becomes the active one.";
/// Label of the typed destination button.
pub const USE_THIS_PATH: &str = "Use this path";
/// Label of the save button.
pub const SAVE_RECOVERY_BUTTON: &str = "Save, verify and finish ▶";

/// Heading of the recovery file kept elsewhere.
pub const ELSEWHERE_HEADING: &str = "The recovery file never comes to this computer";
/// What recording it elsewhere does.
pub const ELSEWHERE_HINT: &str = "If the recovery file stays where Console downloaded it (on another computer, or removable media kept elsewhere), record where it is kept, and its SHA-256 if you have it (typed or pasted). The record says so until a later rotation.";
/// Label of the place.
pub const ELSEWHERE_PLACE: &str = "Where the recovery file is kept";
/// Label of the SHA-256.
pub const ELSEWHERE_SHA256: &str = "Its SHA-256 (optional, 64 hexadecimal characters)";
/// Label of the button.
pub const RECORD_ELSEWHERE: &str = "Record this and finish";
/// Why the ceremony cannot be left.
pub const IMPORTED_NOT_SAVED_YET: &str =
    "the imported recovery file is not saved apart from this computer yet";
/// The close refused while an imported file is not saved.
pub const CLOSE_REFUSED_IMPORTED: &str = "The new recovery file from Console is imported but not saved apart from this computer yet, and the new secret becomes the active one only once it is. Save it first, on this screen. (The file Console downloaded is still where it was put.)";

// ----- done -----

/// The headline.
pub fn done(kind: ConsoleKind, saved_here: bool) -> &'static str {
    match (kind, saved_here) {
        (ConsoleKind::Rotation, true) => {
            "✔ Rotated. The new secret is the active one, and the new recovery file is written and verified."
        }
        (ConsoleKind::Reset, true) => {
            "✔ Reset. The new secret is the active one, and the new recovery file is written and verified."
        }
        (ConsoleKind::Registration, true) => {
            "✔ Registered through Console. The secret is the app's active one, and the recovery file is written and verified."
        }
        (ConsoleKind::Registration, false) => {
            "✔ Registered through Console. The secret is the app's active one; the recovery file is recorded as kept elsewhere."
        }
        (_, false) => {
            "✔ Done. The new secret is the active one; the new recovery file is recorded as kept elsewhere."
        }
    }
}

/// Where the replaced secret is kept.
pub fn retired_kept(fingerprint: &str, account: &str) -> String {
    format!(
        "The replaced secret {fingerprint} is kept in the keychain as {account}, retired, until you delete it from the start screen (Circle no longer accepts it)."
    )
}

// ----- refused -----

/// Console refused.
pub fn refused(kind: ConsoleKind) -> &'static str {
    match kind {
        ConsoleKind::Registration => {
            "Console did not register the secret: nothing changed at Circle. The new secret waits in the keychain, unregistered; discard it."
        }
        ConsoleKind::Reset => {
            "Console did not take the new secret: nothing changed at Circle, and the current recovery file still works. The new secret waits in the keychain, unregistered; discard it."
        }
        ConsoleKind::Rotation => {
            "Console did not take the new secret: nothing changed at Circle, and the current secret and its recovery file still work. The new secret waits in the keychain, unregistered; discard it."
        }
    }
}
/// The warning before the discard.
pub const ONLY_IF_NOT_ACCEPTED: &str = "Only if Console did NOT accept it. If Console did, this is the registered secret now, and deleting it loses what the wallets depend on. Type its fingerprint to delete it:";
/// Label of the delete button.
pub const DISCARD_NEW_SECRET: &str = "Delete the new secret";
/// It may wait.
pub const KEEP_FOR_NOW: &str =
    "Not sure? Leave it: the start screen lists it, and it can be discarded later.";

/// The new secret was deleted.
pub fn discarded(fingerprint: &str) -> String {
    format!(
        "✔ The new secret {fingerprint} was deleted from the keychain. Nothing else changed: the records and the current secret are as they were."
    )
}
