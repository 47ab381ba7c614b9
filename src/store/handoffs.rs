//! What the records keep of a handoff to servers: the entity secret
//! encrypted with age to the public keys of the people or machines that
//! deploy it. Fingerprints, names, places and hashes; never the secret, and
//! never anything a person pasted except a public key parsed and written
//! out again.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::log::CeremonyKind;
use crate::secret::Environment;

/// One handoff file, as recorded after it was written and read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffRecord {
    /// This handoff's id: records merge handoffs by it.
    pub id: Uuid,
    /// When the file was written.
    pub at: DateTime<Utc>,
    /// Fingerprint of the secret inside.
    pub secret_fingerprint: String,
    /// Which secret it was when the file was made.
    pub carried: CarriedSecret,
    /// Where the file was written.
    pub path: PathBuf,
    /// Lowercase hex SHA-256 of the file, as read back.
    pub sha256: String,
    /// ASCII armor (`-----BEGIN AGE ENCRYPTED FILE-----`) or binary.
    pub armored: bool,
    /// Who can open it.
    pub recipients: Vec<HandoffRecipient>,
}

/// Which secret a handoff file carried when it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CarriedSecret {
    /// The app's registered, active secret.
    Active,
    /// The new secret of an unfinished ceremony (a rotation or reset before
    /// Console accepted it), prepared for the servers ahead of the switch.
    Pending {
        /// The ceremony's journal id.
        ceremony_id: Uuid,
        /// Which ceremony.
        ceremony: CeremonyKind,
    },
}

/// One recipient of a handoff file: a public key, never a private one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffRecipient {
    /// `x25519`, `ssh-ed25519` or `ssh-rsa`.
    pub kind: String,
    /// `SHA256:` and the unpadded base64 of the key's SHA-256 (for SSH keys,
    /// what `ssh-keygen -l` shows).
    pub fingerprint: String,
    /// The name given for the record, if any.
    pub name: Option<String>,
    /// The public key as age and OpenSSH write it (no comment), so that the
    /// same recipients can be used again.
    pub public_key: String,
}

/// A handoff of an app that has no registration record yet (a reset or a
/// registration through Console on a computer that never registered it):
/// kept beside the records, and moved into the app's record when one is
/// written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingHandoff {
    /// TEST or LIVE.
    pub environment: Environment,
    /// Circle's app id.
    pub app_id: String,
    /// The handoff.
    pub handoff: HandoffRecord,
}

/// Where a recorded handoff was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoffKept {
    /// On the app's registration record.
    OnRecord,
    /// Beside the records, until the app's record is written.
    Waiting,
}

/// `into` with every handoff of `from` that it does not hold yet (by id)
/// appended, order kept.
pub(super) fn merge_handoffs(into: &mut Vec<HandoffRecord>, from: Vec<HandoffRecord>) {
    for handoff in from {
        if !into.iter().any(|h| h.id == handoff.id) {
            into.push(handoff);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handoff(n: u128) -> HandoffRecord {
        HandoffRecord {
            id: Uuid::from_u128(n),
            at: DateTime::<Utc>::UNIX_EPOCH,
            secret_fingerprint: "0011223344556677".into(),
            carried: CarriedSecret::Active,
            path: PathBuf::from(format!("/x/{n}.age")),
            sha256: "ab".repeat(32),
            armored: false,
            recipients: Vec::new(),
        }
    }

    #[test]
    fn merging_keeps_order_and_never_doubles_a_handoff() {
        let mut into = vec![handoff(1), handoff(2)];
        merge_handoffs(&mut into, vec![handoff(2), handoff(3), handoff(1)]);
        let ids: Vec<u128> = into.iter().map(|h| h.id.as_u128()).collect();
        assert_eq!(ids, [1, 2, 3]);
    }
}
