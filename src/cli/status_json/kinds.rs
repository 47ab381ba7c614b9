//! The names `status --json` gives each kind of thing: spelled out here,
//! one match per kind, so that renaming a variant in the core can never
//! change what scripts read.

use crate::ceremony::status::{
    Attention, KeychainPresence, NextStep, RegistrationAction, Situation,
};
use crate::store::{AccountKind, CeremonyKind, RecoveryWarning};

/// What a stray keychain entry is.
pub(super) fn account_kind(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Active => "active",
        AccountKind::Pending => "pending",
        AccountKind::Retired => "retired",
    }
}

pub(super) fn presence_kind(presence: &KeychainPresence) -> &'static str {
    match presence {
        KeychainPresence::Present => "present",
        KeychainPresence::Missing => "missing",
        KeychainPresence::Locked => "locked",
        KeychainPresence::Unknown(_) => "unknown",
    }
}

pub(super) fn next_step_kind(step: NextStep) -> &'static str {
    match step {
        NextStep::Resume => "resume",
        NextStep::Discard => "discard",
        NextStep::CheckWithCircle => "check_with_circle",
        NextStep::Finish => "finish",
        NextStep::Dismiss => "dismiss",
        NextStep::UnlockKeychain => "unlock_keychain",
    }
}

pub(super) fn situation_kind(situation: &Situation) -> &'static str {
    match situation {
        Situation::NothingSent => "nothing_sent",
        Situation::NothingStored => "nothing_stored",
        Situation::SecretGone => "secret_gone",
        Situation::SentNoAnswer => "sent_no_answer",
        Situation::ShownForConsole => "shown_for_console",
        Situation::Refused => "refused",
        Situation::RefusedInConsole => "refused_in_console",
        Situation::AcceptedAwaitingRecovery => "accepted_awaiting_recovery",
        Situation::RefusedPossiblyThis => "refused_possibly_this",
        Situation::AcceptedRecoveryLost => "accepted_recovery_lost",
        Situation::AcceptedRecoveryInTemp { .. } => "accepted_recovery_in_temp",
        Situation::AcceptedBookkeepingLeft => "accepted_bookkeeping_left",
    }
}

pub(super) fn attention_kind(attention: &Attention) -> &'static str {
    match attention {
        Attention::SecretMissing => "secret_missing",
        Attention::KeychainLocked => "keychain_locked",
        Attention::KeychainUnavailable { .. } => "keychain_unavailable",
        Attention::Recovery { .. } => "recovery_file",
        Attention::RotationDueSoon { .. } => "rotation_due_soon",
        Attention::RotationOverdue { .. } => "rotation_overdue",
    }
}

pub(super) fn recovery_warning_kind(warning: &RecoveryWarning) -> &'static str {
    match warning {
        RecoveryWarning::Unverified { .. } => "unverified",
        RecoveryWarning::NotSaved => "not_saved",
        RecoveryWarning::KeptElsewhere { .. } => "kept_elsewhere",
    }
}

pub(super) fn action(action: RegistrationAction) -> &'static str {
    match action {
        RegistrationAction::NewCiphertext => "new_ciphertext",
        RegistrationAction::ExportReminder => "export_reminder",
        RegistrationAction::ExportRecord => "export_record",
    }
}

pub(super) fn ceremony_kind(kind: CeremonyKind) -> &'static str {
    match kind {
        CeremonyKind::Onboarding => "onboarding",
        CeremonyKind::Rotation => "rotation",
        CeremonyKind::Reset => "reset",
        CeremonyKind::Ciphertext => "ciphertext",
        CeremonyKind::Keychain => "keychain",
        CeremonyKind::PublicKeyImport => "public_key_import",
        CeremonyKind::ConsoleRegistration => "console_registration",
        CeremonyKind::Check => "check",
        CeremonyKind::Handoff => "handoff",
    }
}
