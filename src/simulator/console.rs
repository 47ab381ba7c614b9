//! The simulated Circle Console: rotation and reset, which Circle offers only
//! in its web console, checked the way the console checks them.

use super::entity::Verdict;
use super::state::Shared;
use crate::error::Explain;
use crate::text::simulator as text;

/// Why the simulated Console refused a rotation or reset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsoleError {
    /// There is no secret to rotate or reset.
    #[error("{}", text::CONSOLE_NOT_REGISTERED)]
    NotRegistered,
    /// A ciphertext was used before.
    #[error("{}", text::CONSOLE_CIPHERTEXT_REUSED)]
    CiphertextReused,
    /// A ciphertext did not decrypt to a 32-byte secret.
    #[error("{}", text::CONSOLE_INVALID_CIPHERTEXT)]
    InvalidCiphertext,
    /// The "current secret" ciphertext holds another secret.
    #[error("{}", text::CONSOLE_WRONG_CURRENT_SECRET)]
    WrongCurrentSecret,
    /// The recovery file is not the latest one issued.
    #[error("{}", text::CONSOLE_WRONG_RECOVERY_FILE)]
    WrongRecoveryFile,
    /// A first registration for an entity that already has a secret.
    #[error("{}", text::CONSOLE_ALREADY_REGISTERED)]
    AlreadyRegistered,
    /// The new secret of a rotation is the current one.
    #[error("{}", text::CONSOLE_SAME_SECRET)]
    SameSecret,
}

impl Explain for ConsoleError {
    fn next_step(&self) -> String {
        match self {
            // The same advice as Circle's own answer to this.
            Self::NotRegistered => crate::text::circle::NOT_REGISTERED_NEXT,
            Self::CiphertextReused | Self::InvalidCiphertext => text::CONSOLE_CIPHERTEXT_NEXT,
            Self::WrongCurrentSecret => text::CONSOLE_WRONG_CURRENT_SECRET_NEXT,
            Self::WrongRecoveryFile => text::CONSOLE_WRONG_RECOVERY_FILE_NEXT,
            Self::AlreadyRegistered => text::CONSOLE_ALREADY_REGISTERED_NEXT,
            Self::SameSecret => text::CONSOLE_SAME_SECRET_NEXT,
        }
        .to_owned()
    }
}

fn open(shared: &Shared, ciphertext: &str) -> Result<crate::secret::EntitySecret, ConsoleError> {
    shared.with_entity(|e| e.note_received(ciphertext));
    match shared.open_ciphertext(ciphertext) {
        Verdict::Accepted(secret) => Ok(secret),
        Verdict::Reused => Err(ConsoleError::CiphertextReused),
        Verdict::Invalid => Err(ConsoleError::InvalidCiphertext),
    }
}

/// Rotate: the current secret proves who is asking; the new one replaces it,
/// and a new recovery file is issued (the old one stops working).
pub(crate) fn rotate(
    shared: &Shared,
    current_ciphertext: &str,
    new_ciphertext: &str,
) -> Result<String, ConsoleError> {
    if shared.with_entity(|e| e.registered.is_none()) {
        return Err(ConsoleError::NotRegistered);
    }
    let current = open(shared, current_ciphertext)?;
    let new = open(shared, new_ciphertext)?;
    shared.with_entity(|e| {
        if e.registered.as_ref() != Some(&current) {
            return Err(ConsoleError::WrongCurrentSecret);
        }
        if current == new {
            return Err(ConsoleError::SameSecret);
        }
        Ok(e.set_with_new_recovery_file(new))
    })
}

/// First registration in the Console (for a workstation with no route to
/// Circle): the ciphertext of the new secret; the recovery file is issued.
pub(crate) fn register(shared: &Shared, new_ciphertext: &str) -> Result<String, ConsoleError> {
    if shared.with_entity(|e| e.registered.is_some()) {
        return Err(ConsoleError::AlreadyRegistered);
    }
    let new = open(shared, new_ciphertext)?;
    shared.with_entity(|e| {
        // Checked again under the lock: another registration may have won.
        if e.registered.is_some() {
            return Err(ConsoleError::AlreadyRegistered);
        }
        Ok(e.set_with_new_recovery_file(new))
    })
}

/// Reset: the current recovery file proves who is asking; the new secret
/// replaces the lost one, and a new recovery file is issued.
pub(crate) fn reset(
    shared: &Shared,
    recovery_file: &str,
    new_ciphertext: &str,
) -> Result<String, ConsoleError> {
    let valid = shared.with_entity(|e| {
        if e.registered.is_none() {
            return Err(ConsoleError::NotRegistered);
        }
        // Constant time is beside the point in a simulator; equality is.
        Ok(e.current_recovery_file() == Some(recovery_file))
    })?;
    if !valid {
        return Err(ConsoleError::WrongRecoveryFile);
    }
    let new = open(shared, new_ciphertext)?;
    shared.with_entity(|e| {
        // Checked again under the lock: a rotation may have happened since.
        if e.current_recovery_file() != Some(recovery_file) {
            return Err(ConsoleError::WrongRecoveryFile);
        }
        Ok(e.set_with_new_recovery_file(new))
    })
}
