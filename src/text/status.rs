//! The home screen and the `status` command: what is known about each item
//! and what each way forward does, in the same words on both faces.

use chrono::{DateTime, Utc};

use crate::ceremony::status::{Attention, KeychainPresence, NextStep, Situation};
use crate::store::{AccountKind, CeremonyKind, RecoveryWarning, RotationStatus};
use crate::text::keychain::KEYCHAIN_APP;
use crate::text::recovery::unverified_reason;

/// Heading of the unfinished ceremonies.
pub const UNFINISHED_TITLE: &str = "Unfinished on this computer";

/// Heading of the stray keychain entries.
pub const STRAYS_TITLE: &str = "Secrets in the keychain that are not registrations";

/// What is known about an unfinished ceremony.
pub fn situation(situation: &Situation, kind: CeremonyKind) -> String {
    match situation {
        Situation::NothingSent => "It stopped before anything was sent to Circle. Its new secret is in the keychain, not registered: carry on with it, or discard it.".to_owned(),
        Situation::NothingStored => "It stopped while storing its new secret, and the keychain has none: nothing was stored and nothing was sent to Circle.".to_owned(),
        Situation::SecretGone => "It stopped before anything was sent to Circle, and its secret is no longer in the keychain: nothing is left to carry on with.".to_owned(),
        Situation::SentNoAnswer => "Its registration was sent, and no answer was recorded: Circle may hold this secret. Keep it. Check with Circle to find out; registering blindly again could hide what happened.".to_owned(),
        Situation::ShownForConsole => format!("A ciphertext of its new secret was shown for Circle Console, which may have accepted it. Carry on to say what Console did{}.", match kind {
            CeremonyKind::Onboarding => "",
            _ => " and import the recovery file it gave",
        }),
        Situation::RefusedInConsole => "Circle Console refused the new secret, or the ceremony was given up: the new secret was never registered and nothing else changed. Discard it.".to_owned(),
        Situation::AcceptedAwaitingRecovery => "Circle Console accepted the new secret: it is the registered one now. Carry on to import the recovery file Console gave and save it apart from this computer; the secret becomes the active one after that.".to_owned(),
        Situation::Refused => "Circle answered that the account already has another entity secret, so this new one was never registered. It is safe to discard.".to_owned(),
        Situation::RefusedPossiblyThis => "Circle answered that the account already has an entity secret, after an earlier attempt that got no clear answer: the registered secret may be this one, and its recovery file never arrived. Keep it, and check with Circle.".to_owned(),
        Situation::AcceptedRecoveryLost => "Circle accepted this secret, but the recovery file it sent was never saved and cannot be downloaded again. Finish the ceremony to make the secret the app's active one; then rotate it to get a new recovery file.".to_owned(),
        Situation::AcceptedRecoveryInTemp { temp, target } => format!("Circle accepted this secret, and the whole recovery file is in {} (it was on its way to {}). Finish saving it.", temp.display(), target.display()),
        Situation::AcceptedBookkeepingLeft => "Circle accepted this secret and the recovery file is saved; moving the secret to its final keychain entry or writing the record is left. Finish the ceremony.".to_owned(),
    }
}

/// A button's label for a way forward.
pub fn next_step_label(step: NextStep) -> &'static str {
    match step {
        NextStep::Resume => "Resume",
        NextStep::Discard => "Discard…",
        NextStep::CheckWithCircle => "Check with Circle…",
        NextStep::Finish => "Finish",
        NextStep::Dismiss => "Dismiss",
        NextStep::UnlockKeychain => "Look again",
    }
}

/// What a way forward does, for its button's description and the command
/// line.
pub fn next_step_help(step: NextStep) -> String {
    match step {
        NextStep::Resume => "Carry on from the step after the one that finished, with the secret already stored.".to_owned(),
        NextStep::Discard => "Delete this unregistered secret from the keychain, after you confirm its fingerprint.".to_owned(),
        NextStep::CheckWithCircle => "Ask Circle, with your API key, whether this secret is the registered one. It makes one call that needs the entity secret and says first what that call creates.".to_owned(),
        NextStep::Finish => "Save what is left to save, move the secret to its final keychain entry, and write the record.".to_owned(),
        NextStep::Dismiss => "Remove this note: there is nothing behind it to keep.".to_owned(),
        NextStep::UnlockKeychain => format!("The keychain is locked. Unlock it ({KEYCHAIN_APP}), then look again."),
    }
}

/// The keychain presence of a secret.
pub fn presence(presence: &KeychainPresence) -> String {
    match presence {
        KeychainPresence::Present => "in the keychain".to_owned(),
        KeychainPresence::Missing => "NOT in this computer's keychain".to_owned(),
        KeychainPresence::Locked => "in a locked keychain (unlock it to use the secret)".to_owned(),
        KeychainPresence::Unknown(detail) => format!("the keychain could not be asked ({detail})"),
    }
}

/// Something that needs attention on a registration.
pub fn attention(attention: &Attention) -> String {
    match attention {
        Attention::SecretMissing => format!(
            "The registered secret is not in this computer's keychain. If it is kept elsewhere (a secrets manager), nothing is lost; otherwise reset it in Circle Console with the recovery file. Check {KEYCHAIN_APP} first."
        ),
        Attention::KeychainLocked => format!(
            "The keychain is locked, so the secret could not be confirmed. Unlock it ({KEYCHAIN_APP}) and look again."
        ),
        Attention::KeychainUnavailable { detail } => {
            format!("The keychain could not be asked ({detail}).")
        }
        Attention::Recovery { warning } => recovery_warning(warning),
        Attention::RotationDueSoon { days_left } => format!("Rotation is due in {days_left} days."),
        Attention::RotationOverdue { days } => format!("Rotation is overdue by {days} days."),
    }
}

/// A recovery file warning kept on a record.
pub fn recovery_warning(warning: &RecoveryWarning) -> String {
    match warning {
        RecoveryWarning::Unverified { reason } => format!("UNVERIFIED recovery file. {}", unverified_reason(*reason)),
        RecoveryWarning::NotSaved => "No recovery file was saved for this secret: it cannot be reset if it is lost. Rotate it in Circle Console to get a new recovery file.".to_owned(),
        RecoveryWarning::KeptElsewhere { place } => format!("The recovery file never came to this computer; it was recorded as kept at: {place}."),
    }
}

/// The rotation line of a registration.
pub fn rotation(status: RotationStatus, rotate_by: DateTime<Utc>) -> String {
    let date = rotate_by.format("%Y-%m-%d");
    match status {
        RotationStatus::Ok { days_left } => format!("Rotate by {date} ({days_left} days left)."),
        RotationStatus::DueSoon { days_left } => {
            format!("Rotation due by {date}: {days_left} days left.")
        }
        RotationStatus::Overdue { days } => {
            format!("Rotation overdue by {days} days (was due {date}).")
        }
    }
}

/// What a stray keychain entry is.
pub fn stray(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Pending => {
            "A new secret that no record or unfinished ceremony explains: it may never have been registered, or the ceremony's journal was lost. Check with Circle before discarding it."
        }
        AccountKind::Active => {
            "A secret under a registered name with no record on this computer: it may well be the registered secret. It is never offered for deletion; check with Circle."
        }
        AccountKind::Retired => {
            "A secret replaced by a rotation, with no record left: it no longer works with Circle."
        }
    }
}

/// Nothing known yet.
pub const NOTHING_YET: &str = "None yet.";

/// Entries in a locked keychain.
pub fn locked_entries(count: usize) -> String {
    format!(
        "{count} entries of this app are in a locked keychain; unlock it ({KEYCHAIN_APP}) to see them."
    )
}
