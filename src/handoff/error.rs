//! Why a handoff file was not made: what happened and what to do. In every
//! case the secret is still only in the keychain, and nothing of a refused
//! recipients text was kept.

use std::path::PathBuf;

use super::problems::RecipientsError;
use crate::ceremony::CeremonyError;
use crate::error::Explain;
use crate::store::RecoveryWriteError;
use crate::text::handoff as text;

/// Why a handoff did not happen.
#[derive(Debug, thiserror::Error)]
pub enum HandoffError {
    /// A ceremony step failed (the keychain, the records).
    #[error(transparent)]
    Ceremony(#[from] CeremonyError),
    /// The recipients were refused.
    #[error(transparent)]
    Recipients(#[from] RecipientsError),
    /// A recipients file could not be read.
    #[error("{}", text::recipients_file(&.path.display().to_string(), .detail))]
    RecipientsFile {
        /// The file.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// A recipients file is not text.
    #[error("{}", text::recipients_file_not_text(&.path.display().to_string()))]
    RecipientsFileNotText {
        /// The file.
        path: PathBuf,
    },
    /// The pending secret of this ceremony is not one to hand over.
    #[error("{}", text::pending_not_handed(*.0))]
    PendingNotHanded(PendingRefusal),
    /// age could not encrypt.
    #[error("{}", text::encrypt_failed(.0))]
    Encrypt(String),
    /// The handoff file could not be written; nothing was left there.
    #[error("{}", text::write_failed(.0))]
    Write(RecoveryWriteError),
}

/// Why the pending secret of an unfinished ceremony is not handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingRefusal {
    /// The ceremony stopped before the secret was in the keychain.
    NotStored,
    /// Console (or Circle) refused it: it waits to be discarded and will
    /// never be the registered secret.
    Refused,
}

impl Explain for HandoffError {
    fn next_step(&self) -> String {
        match self {
            Self::Ceremony(e) => e.next_step(),
            Self::Recipients(e) => e.next_step(),
            Self::RecipientsFile { .. } => text::RECIPIENTS_FILE_NEXT.to_owned(),
            Self::RecipientsFileNotText { .. } => text::RECIPIENTS_FILE_NOT_TEXT_NEXT.to_owned(),
            Self::PendingNotHanded(refusal) => text::pending_not_handed_next(*refusal).to_owned(),
            Self::Encrypt(_) => text::ENCRYPT_FAILED_NEXT.to_owned(),
            Self::Write(e) => format!("{} {}", e.hint(), text::WRITE_FAILED_NEXT),
        }
    }

    fn request_id(&self) -> Option<&str> {
        match self {
            Self::Ceremony(e) => e.request_id(),
            _ => None,
        }
    }
}

impl From<RecoveryWriteError> for HandoffError {
    fn from(error: RecoveryWriteError) -> Self {
        Self::Write(error)
    }
}
