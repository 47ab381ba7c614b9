//! One error type for the ceremonies: each variant carries the typed error
//! of the layer that failed, so its message and next step stay in one place.

use crate::circle::CircleError;
use crate::error::Explain;
use crate::secret::{ApiKeyError, EncryptError, PublicKeyError, SecretParseError};
use crate::store::{RecordsError, RecoveryWriteError, StoreError};

/// Why a ceremony step did not advance.
#[derive(Debug, thiserror::Error)]
pub enum CeremonyError {
    /// The keychain failed.
    #[error(transparent)]
    Keychain(#[from] StoreError),
    /// Circle (or the network) failed.
    #[error(transparent)]
    Circle(#[from] CircleError),
    /// The API key text was refused.
    #[error(transparent)]
    ApiKey(#[from] ApiKeyError),
    /// An imported secret was refused.
    #[error(transparent)]
    Secret(#[from] SecretParseError),
    /// The public key was refused.
    #[error(transparent)]
    PublicKey(#[from] PublicKeyError),
    /// Encryption failed.
    #[error(transparent)]
    Encrypt(#[from] EncryptError),
    /// The recovery file could not be written after registration; its
    /// content is held in memory.
    #[error(transparent)]
    Recovery(#[from] RecoveryWriteError),
    /// The chosen destination is not usable; nothing was registered yet.
    #[error(transparent)]
    Destination(RecoveryWriteError),
    /// Records, log or journal could not be written.
    #[error(transparent)]
    Records(#[from] RecordsError),
    /// The keychain already holds a secret for this Circle app on this machine.
    #[error(
        "This computer's keychain already holds an entity secret for this Circle app ({account})."
    )]
    SecretAlreadyOnMachine {
        /// The keychain account that is taken.
        account: String,
    },
    /// A step was asked for before the steps it depends on.
    #[error("This step cannot run yet: {0}.")]
    NotYet(&'static str),
    /// The location warnings were not all acknowledged.
    #[error("Each warning about the recovery file's location needs your acknowledgement first.")]
    WarningsNotAcknowledged,
    /// The review was not confirmed.
    #[error("Registration needs your explicit confirmation on the review screen.")]
    NotConfirmed,
    /// A LIVE key was not confirmed.
    #[error(
        "This is a LIVE key: registering affects real wallets, and needs your explicit confirmation."
    )]
    LiveNotConfirmed,
    /// A document (reminder, record) could not be written.
    #[error("The document could not be written ({0}).")]
    Document(String),
    /// A background task ended abnormally.
    #[error("An internal task stopped unexpectedly ({0}).")]
    Internal(String),
}

impl Explain for CeremonyError {
    fn next_step(&self) -> String {
        match self {
            Self::Keychain(e) => e.next_step(),
            Self::Circle(e) => e.next_step(),
            Self::ApiKey(e) => e.next_step(),
            Self::Secret(e) => e.next_step(),
            Self::PublicKey(e) => e.next_step(),
            Self::Encrypt(e) => e.next_step(),
            Self::Recovery(e) => e.next_step(),
            Self::Destination(e) => format!("{} {}", e.hint(), crate::text::DESTINATION_NOTHING_SENT),
            Self::Records(e) => e.next_step(),
            Self::SecretAlreadyOnMachine { .. } => "Nothing was changed. This app is probably registered already: use the status screen, or the rotation ceremony, rather than registering again.".to_owned(),
            Self::NotYet(_) => "Finish the earlier steps first.".to_owned(),
            Self::WarningsNotAcknowledged => "Read each warning and tick its box, or choose another place (removable media is best).".to_owned(),
            Self::NotConfirmed => "Read the review, tick the confirmation, then register.".to_owned(),
            Self::LiveNotConfirmed => "Tick the LIVE confirmation if you really mean to register a production account.".to_owned(),
            Self::Document(_) => "Choose another place or file name; an existing file is never overwritten.".to_owned(),
            Self::Internal(_) => "Nothing irreversible was done by the failed task. Try the step again; if it keeps failing, restart the app — the keychain and records keep your progress.".to_owned(),
        }
    }

    fn request_id(&self) -> Option<&str> {
        match self {
            Self::Circle(e) => e.request_id(),
            _ => None,
        }
    }
}
