//! What the onboarding ceremony tells its faces: the facts to review, and
//! what came of registering and saving.

use std::path::PathBuf;

use crate::ceremony::CeremonyError;
use crate::ceremony::steps::{KeyComparison, KeyOrigin};
use crate::secret::Environment;
use crate::store::{RegistrationRecord, UnverifiedReason, WrittenRecovery};

/// What the review screen shows before the irreversible step.
#[derive(Debug, Clone)]
pub struct ReviewFacts {
    /// TEST or LIVE.
    pub environment: Environment,
    /// Circle's app id.
    pub app_id: String,
    /// SHA-256 of Circle's public key (SPKI DER), colon-separated.
    pub public_key_fingerprint: String,
    /// The key's size, for a warning when it is not 4096 bits.
    pub public_key_bits: usize,
    /// Where the key came from (Circle, or a file).
    pub key_origin: KeyOrigin,
    /// How its fingerprint compares with the records.
    pub key_comparison: KeyComparison,
    /// The secret's fingerprint.
    pub secret_fingerprint: String,
    /// Where the recovery file will be written.
    pub destination: PathBuf,
    /// Where Circle is reached.
    pub circle_url: url::Url,
}

/// A recovery file that Circle's answer did not contain in the documented
/// shape, saved as it came under a clearly marked name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnverifiedRecovery {
    /// Where the received content was written.
    pub path: PathBuf,
    /// What was wrong with it.
    pub reason: UnverifiedReason,
}

/// The result of writing the recovery file and finishing the ceremony.
#[derive(Debug, Clone)]
pub struct SaveOutcome {
    /// The file, read back and compared.
    pub written: WrittenRecovery,
    /// The record kept for this registration.
    pub record: RegistrationRecord,
    /// Set when Circle's answer had no well-formed recovery file.
    pub unverified: Option<UnverifiedRecovery>,
}

/// What came of sending the registration.
#[derive(Debug)]
pub enum RegisterOutcome {
    /// Registered, and the recovery file written and verified.
    Saved(Box<SaveOutcome>),
    /// Registered, but the recovery file could not be written: it is held in
    /// memory until `save_recovery` succeeds somewhere.
    RecoveryUnsaved(CeremonyError),
    /// Circle says this account already has an entity secret. The secret made
    /// here stays in the keychain (pending) until discarded.
    AlreadyRegistered {
        /// An earlier attempt got no clear answer, so it may have been this
        /// secret that was registered.
        possibly_this_secret: bool,
        /// Circle's request id.
        request_id: Option<String>,
    },
    /// The request was sent and no clear answer came back (the connection
    /// broke, or Circle answered with server errors): it may have happened.
    OutcomeUnknown {
        /// The request id to give Circle support.
        request_id: Option<String>,
        /// What happened, for a person.
        reason: String,
    },
}
