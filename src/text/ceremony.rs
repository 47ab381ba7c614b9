//! The ceremonies' own refusals and failures: what happened and what to do.

use crate::policy;

/// The keychain holds a secret of this app: most likely registered here.
pub fn secret_already_on_machine(account: &str) -> String {
    format!(
        "This computer's keychain already holds an entity secret for this Circle app ({account})."
    )
}
/// What to do then.
pub const SECRET_ALREADY_ON_MACHINE_NEXT: &str = "Nothing was changed. This app is registered from this computer: its registration is on the start screen, where it can be rotated. A second secret is never made over the first.";

/// A secret of this app is staged in the keychain and not registered.
pub fn unregistered_secret_waiting(account: &str) -> String {
    format!(
        "This computer's keychain holds a new entity secret for this Circle app that was never registered ({account})."
    )
}
/// What to do then.
pub const UNREGISTERED_SECRET_WAITING_NEXT: &str = "Nothing was changed. The start screen lists it: carry on with it (Resume), or discard it after checking its fingerprint.";

/// The records name a registration made here, but its secret is gone.
pub fn registered_here_secret_missing(account: &str) -> String {
    format!(
        "This Circle app was registered from this computer, but its secret is no longer in the keychain ({account})."
    )
}
/// What to do then.
pub const REGISTERED_HERE_SECRET_MISSING_NEXT: &str = "Nothing was changed. Registering again is not possible: an account has one entity secret. If the secret is kept elsewhere (a secrets manager), put it back; if it is lost, reset it in Circle Console with the recovery file.";

/// The API key belongs to another app than the ceremony being continued.
pub fn key_for_another_app(expected: &str, found: &str) -> String {
    format!("This API key belongs to {found}, but the ceremony being continued is for {expected}.")
}
/// What to do then.
pub const KEY_FOR_ANOTHER_APP_NEXT: &str =
    "Use an API key of the Circle account the ceremony was started for.";

/// A ceremony that needs a registration made here found none.
pub fn not_registered_here(app: &str) -> String {
    format!("This computer has no record of a registration for {app}.")
}
/// What to do then.
pub const NOT_REGISTERED_HERE_NEXT: &str = "Use the computer the secret was registered from, or an API key of the app registered here. A lost secret is reset in Circle Console with the recovery file.";

/// A secret the ceremony needs is not in the keychain.
pub fn secret_missing(account: &str) -> String {
    format!("The keychain has no entity secret under {account}.")
}
/// What to do then.
pub const SECRET_MISSING_NEXT: &str = "Check that this is the keychain (and the user account) the secret was stored in. If the secret is lost, it can be reset in Circle Console with the recovery file.";

/// The keychain holds another secret than the journal names.
pub fn secret_not_the_one_journaled(account: &str, expected: &str, found: &str) -> String {
    format!(
        "The keychain entry {account} holds the secret with fingerprint {found}, not the one this ceremony stored ({expected})."
    )
}
/// What to do then.
pub const SECRET_NOT_THE_ONE_JOURNALED_NEXT: &str = "Nothing was changed. Another program or ceremony replaced it; do not go on with this ceremony. Compare the fingerprints with your ceremony records before deleting anything.";

/// A public key file could not be read.
pub fn key_file(path: &str, detail: &str) -> String {
    format!("The public key file {path} could not be read ({detail}).")
}
/// What to do then.
pub const KEY_FILE_NEXT: &str = "Choose the PEM file holding Circle's entity public key, as fetched from Circle on another computer.";

/// The simulated Circle did not start.
pub fn simulator_failed(detail: &str) -> String {
    format!("The simulated Circle could not start ({detail}).")
}
/// What to do then.
pub const SIMULATOR_FAILED_NEXT: &str = "Try the rehearsal again; nothing was registered anywhere.";

/// A step came too early.
pub fn not_yet(why: &str) -> String {
    format!("This step cannot run yet: {why}.")
}
/// What to do then.
pub const NOT_YET_NEXT: &str = "Finish the earlier steps first.";

/// The location warnings were not all acknowledged.
pub const WARNINGS_NOT_ACKNOWLEDGED: &str =
    "Each warning about the recovery file's location needs your acknowledgement first.";
/// What to do then.
pub const WARNINGS_NOT_ACKNOWLEDGED_NEXT: &str =
    "Read each warning and tick its box, or choose another place (removable media is best).";

/// The review was not confirmed.
pub const NOT_CONFIRMED: &str =
    "Registration needs your explicit confirmation on the review screen.";
/// What to do then.
pub const NOT_CONFIRMED_NEXT: &str = "Read the review, tick the confirmation, then register.";

/// A LIVE key was not confirmed.
pub const LIVE_NOT_CONFIRMED: &str =
    "This is a LIVE key: registering affects real wallets, and needs your explicit confirmation.";
/// What to do then.
pub const LIVE_NOT_CONFIRMED_NEXT: &str =
    "Tick the LIVE confirmation if you really mean to register a production account.";

/// A changed Circle key was not acknowledged.
pub const KEY_CHANGE_NOT_ACKNOWLEDGED: &str = "Circle's public key fingerprint differs from the one on record, and that has not been acknowledged.";
/// What to do then.
pub const KEY_CHANGE_NOT_ACKNOWLEDGED_NEXT: &str = "Compare the new fingerprint with one obtained another way (your security team, Circle support, the public-key command on another computer). Acknowledge the change only if it checks out; otherwise stop.";

/// A document could not be written.
pub fn document(detail: &str) -> String {
    format!("The document could not be written ({detail}).")
}
/// What to do then.
pub const DOCUMENT_NEXT: &str =
    "Choose another place or file name; an existing file is never overwritten.";

/// A background task ended abnormally.
pub fn internal(detail: &str) -> String {
    format!("An internal task stopped unexpectedly ({detail}).")
}
/// What to do then.
pub const INTERNAL_NEXT: &str = "Nothing irreversible was done by the failed task. Try the step again; if it keeps failing, restart the app: the keychain and the journal keep your progress.";

/// After a destination problem, before registration.
pub const DESTINATION_NOTHING_SENT: &str = "Nothing has been sent to Circle yet. Choose another place for the recovery file: removable media such as a USB drive is best.";

/// The rotation advice after registration, with the policy numbers.
pub fn rotation_advice() -> String {
    format!(
        "Rotate the secret every {} days. This app reminds you at launch from {} days before; a calendar reminder helps too.",
        policy::ROTATION_PERIOD_DAYS,
        policy::DUE_SOON_DAYS
    )
}

/// A secret Circle may hold is not deleted.
pub fn may_be_registered(account: &str) -> String {
    format!("The secret under {account} may be registered with Circle, so it is not deleted.")
}
/// What to do then.
pub const MAY_BE_REGISTERED_NEXT: &str = "Check with Circle first (from the start screen). A secret Circle holds is the only key to its wallets.";

/// The typed fingerprint did not match.
pub const FINGERPRINT_NOT_CONFIRMED: &str =
    "The fingerprint typed is not the fingerprint of the secret to be deleted.";
/// What to do then.
pub const FINGERPRINT_NOT_CONFIRMED_NEXT: &str = "Nothing was deleted. Type the 16 characters shown, exactly, to confirm that this is the secret you mean to delete.";

/// The app id typed for an offline ceremony is not one.
pub fn app_id_not_valid(typed: &str) -> String {
    format!(
        "\"{typed}\" is not a Circle app id (Circle's app ids look like 1c1e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b)."
    )
}
/// What to do then.
pub const APP_ID_NOT_VALID_NEXT: &str = "Copy the app id from Circle Console (the same page that shows the API keys) and paste it whole.";

/// The new secret of a rotation is the current one.
pub const NEW_SECRET_IS_CURRENT: &str =
    "The new secret is the secret registered now: a rotation needs a different one.";
/// What to do then.
pub const NEW_SECRET_IS_CURRENT_NEXT: &str = "Generate a new secret here instead of importing one.";

/// An imported recovery file was refused.
pub fn recovery_import(path: &str, problem: crate::ceremony::console::ImportProblem) -> String {
    use crate::ceremony::console::ImportProblem as P;
    let why = match problem {
        P::Empty => "it is empty",
        P::TooLarge => "it is far larger than any recovery file",
        P::NotText => "it is not text, and a recovery file is base64 text",
        P::NotBase64 => "it is not in the recovery file's format (standard base64)",
        P::SameAsPrevious => {
            "it is the recovery file of the secret being replaced, which Console has made worthless"
        }
    };
    format!("{path} is not the new recovery file: {why}.")
}
/// What to do after an imported recovery file was refused.
pub fn recovery_import_next(problem: crate::ceremony::console::ImportProblem) -> &'static str {
    use crate::ceremony::console::ImportProblem as P;
    match problem {
        P::SameAsPrevious => {
            "Choose the file Console downloaded just now (look in the browser's downloads, newest first). The new secret is registered already; nothing is lost while you look."
        }
        _ => {
            "Choose the file Console downloaded when it accepted the new secret, usually named recovery_file_….dat. The new secret is registered already; nothing is lost while you look."
        }
    }
}

/// A typed SHA-256 is not one.
pub const SHA256_NOT_VALID: &str = "That SHA-256 is not 64 hexadecimal characters.";
/// What to do then.
pub const SHA256_NOT_VALID_NEXT: &str = "Paste the SHA-256 of the recovery file as the computer that saved it printed it (for example by sha256sum), or leave it empty.";

/// A key file too large to be a public key.
pub fn key_file_too_large(size: u64) -> String {
    format!("{size} bytes is far too large for a public key")
}
/// Circle's key has the fingerprint on record.
pub const KEY_SAME_AS_RECORD: &str = "same fingerprint as on record";
/// Circle's key differs from the one on record.
pub fn key_differs_from_record(recorded: &str) -> String {
    format!("DIFFERENT from the fingerprint on record ({recorded})")
}
/// No key on record to compare with.
pub const KEY_NEVER_SEEN: &str = "no fingerprint on record to compare with";
