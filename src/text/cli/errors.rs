//! The command line's own errors: what happened, and what to do.

use crate::cli::API_KEY_ENV;
use crate::secret::EXPECTED_KEY_BITS;
use crate::store::RegistrationRecord;

fn which(rehearsal: bool) -> &'static str {
    if rehearsal { "rehearsal " } else { "" }
}

/// No registration known.
pub fn no_registration(rehearsal: bool) -> String {
    format!(
        "This computer has no record of a {}registration.",
        which(rehearsal)
    )
}
/// What to do then.
pub fn no_registration_next(rehearsal: bool) -> String {
    if rehearsal {
        "Run `entity-secret-wizard rehearse` first, or leave out --rehearsal for the real registrations.".to_owned()
    } else {
        "Register first in the wizard's window (run entity-secret-wizard with no command), or add --rehearsal for the rehearsal registrations.".to_owned()
    }
}
/// `--app-id` names nothing known.
pub fn unknown_app(app_id: &str, rehearsal: bool) -> String {
    format!(
        "This computer has no record of a {}registration for app {app_id}.",
        which(rehearsal)
    )
}
/// Several registrations, none chosen.
pub fn several_registrations(count: usize, rehearsal: bool) -> String {
    format!(
        "This computer knows {count} {}registrations; which one is meant?",
        which(rehearsal)
    )
}
/// Choose one of these.
pub fn choose_app_next(known: &[String]) -> String {
    format!("Name one with --app-id. Known: {}.", known.join("; "))
}
/// A registration, for a person.
pub fn registration_name(record: &RegistrationRecord) -> String {
    format!("{} app {}", record.environment, record.app_id)
}
/// No API key anywhere.
pub const NO_API_KEY: &str =
    "No Circle API key was given, and there is no terminal to ask for one.";
/// What to do then.
pub fn no_api_key_next() -> String {
    format!(
        "Put the key in the {API_KEY_ENV} environment variable, or in a file named with --api-key-file FILE (readable by you only), or run the command on a terminal to type it."
    )
}
/// The prompt for the API key.
pub const API_KEY_PROMPT: &str = "Circle API key (not shown as you type): ";
/// The API key file could not be read.
pub fn api_key_file(path: &str, detail: &str) -> String {
    format!("The API key file {path} could not be read ({detail}).")
}
/// What to do then.
pub const API_KEY_FILE_NEXT: &str = "Name a file that holds only the API key (TEST_API_KEY:…:… or LIVE_API_KEY:…:…), readable by you.";
/// Too large to be a key.
pub fn api_key_file_too_large(bytes: u64) -> String {
    format!("{bytes} bytes is far too large for an API key")
}
/// Not text.
pub const API_KEY_FILE_NOT_TEXT: &str = "it is not text";
/// Others can read the key file.
pub fn api_key_file_readable(path: &str) -> String {
    format!(
        "The API key file {path} can be read by other users of this computer; make it yours only (chmod 600)."
    )
}
/// Circle's key is not the one on record.
pub fn key_changed(recorded: &str, found: &str) -> String {
    format!(
        "Circle's public key ({found}) is not the one on record for this registration ({recorded}). No ciphertext was made: one made with a key that is not Circle's hands the secret to whoever holds that key."
    )
}
/// What to do then.
pub fn key_changed_next(found: &str) -> String {
    format!(
        "Confirm with Circle, out of band, that its key changed. If it did, run the command again with --accept-key {found}."
    )
}
/// `--accept-key` names another key.
pub fn accepted_key_differs(given: &str, found: &str) -> String {
    format!("--accept-key {given} is not the fingerprint of Circle's key ({found}).")
}
/// What to do then.
pub const ACCEPTED_KEY_DIFFERS_NEXT: &str = "No ciphertext was made. Check the fingerprint you compared out of band; give it whole, as `public-key` prints it.";
/// A warning: a changed key was used as accepted.
pub fn key_change_accepted(recorded: &str, found: &str) -> String {
    format!(
        "Circle's key {found} differs from the one on record ({recorded}); it is used because --accept-key names it."
    )
}
/// A warning: an unusual key size.
pub fn unusual_key_size(bits: usize) -> String {
    format!(
        "Circle's key has {bits} bits; Circle normally uses {EXPECTED_KEY_BITS}. Compare its fingerprint out of band."
    )
}
/// A warning: the log, records or journal could not be written.
pub fn bookkeeping_problem(problem: &str) -> String {
    format!("The ceremony log or records could not be written: {problem}")
}
/// The rehearsal found the account registered.
pub const REHEARSAL_ALREADY_REGISTERED: &str =
    "The simulated Circle answered that its account already has an entity secret.";
/// What to do then.
pub const REHEARSAL_ALREADY_REGISTERED_NEXT: &str = "Run the rehearsal again: each one starts a new simulated Circle. Its unregistered secret is listed by `entity-secret-wizard status`.";
/// The rehearsal got no clear answer.
pub fn rehearsal_outcome_unknown(reason: &str) -> String {
    format!("The simulated Circle gave no clear answer to the registration ({reason}).")
}
/// What to do then.
pub const REHEARSAL_OUTCOME_UNKNOWN_NEXT: &str =
    "Run the rehearsal again. Nothing was registered with the real Circle.";
/// Waiting for a signal failed.
pub fn signal_failed(detail: &str) -> String {
    format!("Could not listen for the stop signal ({detail}).")
}
/// What to do then.
pub const SIGNAL_FAILED_NEXT: &str =
    "Run the command again; stop it with Ctrl-C or by sending it SIGTERM.";
/// The output could not be written.
pub fn output_failed(detail: &str) -> String {
    format!("The output could not be written ({detail}).")
}
/// What to do then.
pub const OUTPUT_FAILED_NEXT: &str =
    "Run the command again with its output going somewhere that accepts it.";
/// Why a command that needs no keychain has none.
pub const NO_KEYCHAIN_FOR_THIS_COMMAND: &str = "this command does not use the keychain";
/// `gui` reached the command dispatcher.
pub const GUI_IS_OPENED_BY_MAIN: &str = "internal: the window is opened by main";
