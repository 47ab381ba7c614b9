//! The simulated Circle Console: rotation and reset, which Circle offers only
//! in its web console, checked the way the console checks them.

use super::entity::Verdict;
use super::state::Shared;
use crate::error::Explain;

/// Why the simulated Console refused a rotation or reset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsoleError {
    /// There is no secret to rotate or reset.
    #[error("The simulated Circle has no entity secret registered yet.")]
    NotRegistered,
    /// A ciphertext was used before.
    #[error("The simulated Console refused a ciphertext that had already been used.")]
    CiphertextReused,
    /// A ciphertext did not decrypt to a 32-byte secret.
    #[error("The simulated Console could not decrypt a ciphertext to an entity secret.")]
    InvalidCiphertext,
    /// The "current secret" ciphertext holds another secret.
    #[error("The ciphertext of the current secret does not match the registered secret.")]
    WrongCurrentSecret,
    /// The recovery file is not the latest one issued.
    #[error("The recovery file is not the current one for this entity.")]
    WrongRecoveryFile,
    /// A first registration for an entity that already has a secret.
    #[error("The simulated Circle already has an entity secret registered.")]
    AlreadyRegistered,
    /// The new secret of a rotation is the current one.
    #[error("The new secret is the one registered now.")]
    SameSecret,
}

impl Explain for ConsoleError {
    fn next_step(&self) -> String {
        match self {
            Self::NotRegistered => "Register an entity secret first.",
            Self::CiphertextReused | Self::InvalidCiphertext => {
                "Make a fresh ciphertext with this app and paste it again, whole."
            }
            Self::WrongCurrentSecret => {
                "Use the secret that is registered now; if it is lost, reset with the recovery file instead."
            }
            Self::WrongRecoveryFile => {
                "Use the recovery file from the latest registration, rotation or reset: each one makes the previous file useless."
            }
            Self::AlreadyRegistered => {
                "An entity has one secret: rotate it (with the secret) or reset it (with the recovery file) instead."
            }
            Self::SameSecret => "Paste the ciphertext of the new secret in the second field.",
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
