//! One error type for the ceremonies: each variant carries the typed error
//! of the layer that failed, or says what the ceremony itself refused, with
//! its words in [`crate::text::ceremony`].

use std::path::PathBuf;

use crate::circle::CircleError;
use crate::error::Explain;
use crate::secret::{ApiKeyError, EncryptError, PublicKeyError, SecretParseError};
use crate::store::{RecordsError, RecoveryWriteError, StoreError};
use crate::text::ceremony as text;

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
    /// The keychain already holds the registered secret of this app.
    #[error("{}", text::secret_already_on_machine(.account))]
    SecretAlreadyOnMachine {
        /// The keychain account that is taken.
        account: String,
    },
    /// The keychain holds a staged, unregistered secret of this app.
    #[error("{}", text::unregistered_secret_waiting(.account))]
    UnregisteredSecretWaiting {
        /// The pending account.
        account: String,
    },
    /// This computer registered the app, and its secret is gone.
    #[error("{}", text::registered_here_secret_missing(.account))]
    RegisteredHereSecretMissing {
        /// The account the record names.
        account: String,
    },
    /// The API key belongs to another app than the ceremony's.
    #[error("{}", text::key_for_another_app(.expected, .found))]
    KeyForAnotherApp {
        /// The ceremony's app.
        expected: String,
        /// The key's app.
        found: String,
    },
    /// The ceremony needs a registration made here, and there is none.
    #[error("{}", text::not_registered_here(.app))]
    NotRegisteredHere {
        /// The app, for a person.
        app: String,
    },
    /// A secret the ceremony needs is not in the keychain.
    #[error("{}", text::secret_missing(.account))]
    SecretMissing {
        /// The account.
        account: String,
    },
    /// The keychain holds another secret than the journal names.
    #[error("{}", text::secret_not_the_one_journaled(.account, .expected, .found))]
    SecretNotTheOneJournaled {
        /// The account.
        account: String,
        /// The journal's fingerprint.
        expected: String,
        /// The keychain's.
        found: String,
    },
    /// A public key file could not be read.
    #[error("{}", text::key_file(&.path.display().to_string(), .detail))]
    KeyFile {
        /// The file.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// The secret may be registered with Circle: it is never deleted.
    #[error("{}", text::may_be_registered(.account))]
    MayBeRegistered {
        /// The keychain account.
        account: String,
    },
    /// The typed fingerprint is not the secret's.
    #[error("{}", text::FINGERPRINT_NOT_CONFIRMED)]
    FingerprintNotConfirmed,
    /// The app id typed for an offline ceremony is not one.
    #[error("{}", text::app_id_not_valid(.typed))]
    AppIdNotValid {
        /// What was typed (shortened).
        typed: String,
    },
    /// The new secret of a rotation is the current one.
    #[error("{}", text::NEW_SECRET_IS_CURRENT)]
    NewSecretIsCurrent,
    /// An imported recovery file was refused.
    #[error("{}", text::recovery_import(&.path.display().to_string(), *.problem))]
    RecoveryImport {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        problem: crate::ceremony::console::ImportProblem,
    },
    /// A typed SHA-256 is not 64 hexadecimal characters.
    #[error("{}", text::SHA256_NOT_VALID)]
    Sha256NotValid,
    /// The simulated Circle did not start.
    #[error("{}", text::simulator_failed(.0))]
    SimulatorFailed(String),
    /// A step was asked for before the steps it depends on.
    #[error("{}", text::not_yet(.0))]
    NotYet(&'static str),
    /// The location warnings were not all acknowledged.
    #[error("{}", text::WARNINGS_NOT_ACKNOWLEDGED)]
    WarningsNotAcknowledged,
    /// The review was not confirmed.
    #[error("{}", text::NOT_CONFIRMED)]
    NotConfirmed,
    /// A LIVE key was not confirmed.
    #[error("{}", text::LIVE_NOT_CONFIRMED)]
    LiveNotConfirmed,
    /// A changed Circle key fingerprint was not acknowledged.
    #[error("{}", text::KEY_CHANGE_NOT_ACKNOWLEDGED)]
    KeyChangeNotAcknowledged,
    /// A document (reminder, record) could not be written.
    #[error("{}", text::document(.0))]
    Document(String),
    /// A background task ended abnormally.
    #[error("{}", text::internal(.0))]
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
            Self::Destination(e) => format!("{} {}", e.hint(), text::DESTINATION_NOTHING_SENT),
            Self::Records(e) => e.next_step(),
            Self::SecretAlreadyOnMachine { .. } => text::SECRET_ALREADY_ON_MACHINE_NEXT.to_owned(),
            Self::UnregisteredSecretWaiting { .. } => {
                text::UNREGISTERED_SECRET_WAITING_NEXT.to_owned()
            }
            Self::RegisteredHereSecretMissing { .. } => {
                text::REGISTERED_HERE_SECRET_MISSING_NEXT.to_owned()
            }
            Self::KeyForAnotherApp { .. } => text::KEY_FOR_ANOTHER_APP_NEXT.to_owned(),
            Self::NotRegisteredHere { .. } => text::NOT_REGISTERED_HERE_NEXT.to_owned(),
            Self::SecretMissing { .. } => text::SECRET_MISSING_NEXT.to_owned(),
            Self::SecretNotTheOneJournaled { .. } => {
                text::SECRET_NOT_THE_ONE_JOURNALED_NEXT.to_owned()
            }
            Self::KeyFile { .. } => text::KEY_FILE_NEXT.to_owned(),
            Self::MayBeRegistered { .. } => text::MAY_BE_REGISTERED_NEXT.to_owned(),
            Self::FingerprintNotConfirmed => text::FINGERPRINT_NOT_CONFIRMED_NEXT.to_owned(),
            Self::AppIdNotValid { .. } => text::APP_ID_NOT_VALID_NEXT.to_owned(),
            Self::NewSecretIsCurrent => text::NEW_SECRET_IS_CURRENT_NEXT.to_owned(),
            Self::RecoveryImport { problem, .. } => text::recovery_import_next(*problem).to_owned(),
            Self::Sha256NotValid => text::SHA256_NOT_VALID_NEXT.to_owned(),
            Self::SimulatorFailed(_) => text::SIMULATOR_FAILED_NEXT.to_owned(),
            Self::NotYet(_) => text::NOT_YET_NEXT.to_owned(),
            Self::WarningsNotAcknowledged => text::WARNINGS_NOT_ACKNOWLEDGED_NEXT.to_owned(),
            Self::NotConfirmed => text::NOT_CONFIRMED_NEXT.to_owned(),
            Self::LiveNotConfirmed => text::LIVE_NOT_CONFIRMED_NEXT.to_owned(),
            Self::KeyChangeNotAcknowledged => text::KEY_CHANGE_NOT_ACKNOWLEDGED_NEXT.to_owned(),
            Self::Document(_) => text::DOCUMENT_NEXT.to_owned(),
            Self::Internal(_) => text::INTERNAL_NEXT.to_owned(),
        }
    }

    fn request_id(&self) -> Option<&str> {
        match self {
            Self::Circle(e) => e.request_id(),
            _ => None,
        }
    }
}
