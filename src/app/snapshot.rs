//! What the screens render: a copy of the ceremony's non-secret state, made
//! by the worker after every command. Nothing secret is ever in it.

use std::path::PathBuf;

use crate::ceremony::{Onboarding, OnboardingStage, ReviewFacts, SaveOutcome};
use crate::secret::Environment;
use crate::store::{InProgress, LocationNote};

/// The onboarding ceremony as the screens see it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Where the ceremony stands.
    pub stage: OnboardingStage,
    /// Whether this is a rehearsal.
    pub rehearsal: bool,
    /// The keychain backend's name.
    pub backend: Option<String>,
    /// TEST or LIVE.
    pub environment: Option<Environment>,
    /// The masked API key.
    pub masked_api_key: Option<String>,
    /// Circle's app id.
    pub app_id: Option<String>,
    /// The secret's fingerprint.
    pub secret_fingerprint: Option<String>,
    /// Whether the secret was imported.
    pub secret_imported: bool,
    /// Keychain service name.
    pub keychain_service: String,
    /// Keychain account name.
    pub keychain_account: Option<String>,
    /// The recovery file destination.
    pub destination: Option<PathBuf>,
    /// Location notes with their acknowledgement.
    pub notes: Vec<(LocationNote, bool)>,
    /// Whether every warning is acknowledged.
    pub warnings_acknowledged: bool,
    /// Whether a LIVE key is confirmed (true for TEST).
    pub live_confirmed: bool,
    /// Whether the review is confirmed.
    pub review_confirmed: bool,
    /// Whether a changed Circle key was acknowledged (true when it did not
    /// change).
    pub key_change_acknowledged: bool,
    /// Whether this ceremony carries on one that stopped, with its stored
    /// secret.
    pub resumed: bool,
    /// The review facts.
    pub review: Option<ReviewFacts>,
    /// The final outcome.
    pub outcome: Option<SaveOutcome>,
    /// SHA-256 of a recovery file held only in memory.
    pub unsaved_recovery_sha256: Option<String>,
    /// A failure to write the ceremony log.
    pub log_problem: Option<String>,
    /// Where Circle is reached (the simulated Circle's address in a
    /// rehearsal).
    pub circle_url: String,
    /// The ceremony's journal entry, once it has one (a check with Circle
    /// after no clear answer is about it).
    pub entry: Option<InProgress>,
}

impl Snapshot {
    /// Copy the non-secret state of a ceremony.
    pub fn of(o: &Onboarding) -> Self {
        Self {
            stage: o.stage(),
            rehearsal: o.is_rehearsal(),
            backend: o.backend().map(str::to_owned),
            environment: o.environment(),
            masked_api_key: o.masked_api_key(),
            app_id: o.app_id().map(str::to_owned),
            secret_fingerprint: o.secret_fingerprint(),
            secret_imported: o.secret_imported(),
            keychain_service: o.keychain_service().to_owned(),
            keychain_account: o.keychain_account(),
            destination: o.destination().map(|p| p.to_path_buf()),
            notes: o.location_notes().map(|(n, a)| (n.clone(), a)).collect(),
            warnings_acknowledged: o.warnings_acknowledged(),
            live_confirmed: o.live_confirmed(),
            review_confirmed: o.review_confirmed(),
            key_change_acknowledged: o.key_change_acknowledged(),
            resumed: o.continues().is_some(),
            review: o.review_facts(),
            outcome: o.outcome().cloned(),
            unsaved_recovery_sha256: o.unsaved_recovery_sha256(),
            log_problem: o.log_problem(),
            circle_url: o.circle_url().to_string(),
            entry: o.journal_entry().cloned(),
        }
    }
}
