//! What a handoff file carries now. Circle switches secrets the moment
//! Console accepts a rotation or reset, so after a ceremony the person must
//! know which files on the servers' side hold the new secret and which hold
//! one that no longer works.

use crate::secret::Environment;
use crate::store::{CarriedSecret, HandoffRecord, InProgress, RegistrationRecord, WaitingHandoff};

/// What a handoff file's secret is today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carries {
    /// The app's registered secret: the servers need this file.
    Active,
    /// The new secret of a ceremony still under way: not registered until
    /// Console accepts it.
    Pending,
    /// A secret Circle accepted once and no longer does (rotated away or
    /// reset): requests made with it fail.
    Retired,
    /// A secret Circle never accepted (its ceremony was discarded).
    NeverAccepted,
}

impl Carries {
    /// Whether the file should be deleted wherever it was copied.
    pub fn is_obsolete(self) -> bool {
        matches!(self, Self::Retired | Self::NeverAccepted)
    }
}

/// A handoff file and what it carries now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoffFile {
    /// What was recorded when it was written.
    pub handoff: HandoffRecord,
    /// What its secret is today.
    pub carries: Carries,
}

/// What `handoff` carries, given the app's record (if any) and the
/// unfinished ceremonies.
pub fn classify(
    handoff: &HandoffRecord,
    record: Option<&RegistrationRecord>,
    unfinished: &[InProgress],
) -> Carries {
    let fingerprint = handoff.secret_fingerprint.as_str();
    if record.is_some_and(|r| r.secret_fingerprint == fingerprint) {
        return Carries::Active;
    }
    if unfinished
        .iter()
        .any(|e| e.secret_fingerprint == fingerprint)
    {
        return Carries::Pending;
    }
    let was_registered = handoff.carried == CarriedSecret::Active
        || record.is_some_and(|r| r.retired.iter().any(|old| old.fingerprint == fingerprint));
    if was_registered {
        Carries::Retired
    } else {
        Carries::NeverAccepted
    }
}

/// Every handoff file of one app, oldest first: those on its record and
/// those still waiting for it.
pub fn handoff_files(
    environment: Environment,
    app_id: &str,
    records: &[RegistrationRecord],
    waiting: &[WaitingHandoff],
    unfinished: &[InProgress],
) -> Vec<HandoffFile> {
    let record = records
        .iter()
        .find(|r| r.environment == environment && r.app_id == app_id);
    let unfinished: Vec<InProgress> = unfinished
        .iter()
        .filter(|e| e.environment == environment && e.app_id == app_id)
        .cloned()
        .collect();
    let waiting = waiting
        .iter()
        .filter(|w| w.environment == environment && w.app_id == app_id)
        .map(|w| &w.handoff);
    let mut files: Vec<HandoffFile> = record
        .map(|r| r.handoffs.iter())
        .into_iter()
        .flatten()
        .chain(waiting)
        .map(|handoff| HandoffFile {
            carries: classify(handoff, record, &unfinished),
            handoff: handoff.clone(),
        })
        .collect();
    files.sort_by_key(|f| f.handoff.at);
    files
}

#[cfg(test)]
mod tests;
