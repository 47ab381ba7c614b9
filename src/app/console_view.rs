//! What the screens render of a Console ceremony (rotation, reset,
//! registration through Console): a copy of its non-secret state after
//! every command, and which step of the shared shape it stands at.

use std::path::PathBuf;

use crate::ceremony::console::{ConsoleCeremony, ConsoleKind, ConsoleOutcome, ConsoleStage};
use crate::ceremony::steps::CiphertextOf;
use crate::secret::Environment;
use crate::store::{LocationNote, RegistrationRecord};

use super::session_view::KeyView;

/// A ciphertext shown for Console: not secret, single-use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownCiphertext {
    /// Of which secret.
    pub of: CiphertextOf,
    /// Standard base64.
    pub text: String,
    /// How many of this secret were made in this session (1 for the first).
    pub number: u32,
}

/// A Console ceremony as the screens see it.
#[derive(Debug, Clone)]
pub struct ConsoleView {
    /// Which ceremony.
    pub kind: ConsoleKind,
    /// Where it stands.
    pub stage: ConsoleStage,
    /// Whether this is a rehearsal.
    pub rehearsal: bool,
    /// Whether it carries on one that stopped.
    pub resumed: bool,
    /// The keychain's name, once probed.
    pub backend: Option<String>,
    /// TEST or LIVE, once known.
    pub environment: Option<Environment>,
    /// The app, once known.
    pub app_id: Option<String>,
    /// The masked API key, when one was given in this session.
    pub masked_api_key: Option<String>,
    /// The app's record before this ceremony.
    pub previous: Option<RegistrationRecord>,
    /// The current secret's fingerprint (rotation).
    pub current_fingerprint: Option<String>,
    /// The new secret's fingerprint (kept after it was discarded, to say
    /// which one went).
    pub new_fingerprint: Option<String>,
    /// Whether the new secret was imported.
    pub new_imported: bool,
    /// The keychain service and the account the new secret waits under.
    pub pending_entry: Option<(String, String)>,
    /// Circle's key, once known.
    pub key: Option<KeyView>,
    /// Whether a changed key was acknowledged (true when unchanged).
    pub key_change_acknowledged: bool,
    /// The ciphertexts on screen, current secret's first.
    pub ciphertexts: Vec<ShownCiphertext>,
    /// SHA-256 of the imported recovery file, held until saved.
    pub held_recovery_sha256: Option<String>,
    /// Where the imported file goes.
    pub destination: Option<PathBuf>,
    /// Location notes of the destination, with their acknowledgement.
    pub notes: Vec<(LocationNote, bool)>,
    /// The result, once done.
    pub outcome: Option<ConsoleOutcome>,
    /// The app of the simulated Circle (rehearsal), for the offline
    /// registration's typed app id.
    pub simulated_app: Option<String>,
    /// A bookkeeping failure to show.
    pub log_problem: Option<String>,
    /// Where Circle is reached (the simulated Circle's address in a
    /// rehearsal).
    pub circle_url: String,
}

/// The steps of the shared shape, each a screen of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleStep {
    /// The keychain check, then the app (API key, or typed offline).
    Start,
    /// The new secret: generated or imported, then stored as pending.
    Secret,
    /// Circle's public key, fetched or from a file, compared.
    Key,
    /// The ciphertexts and the Console steps; then what Console did.
    Shown,
    /// The new recovery file: imported, then saved apart.
    Recovery,
    /// Finished.
    Done,
    /// Console refused (or the person gave up): the new secret waits to be
    /// discarded, or was.
    Refused,
}

impl ConsoleStep {
    /// The step names of the indicator, in order (Refused is not a step).
    pub const NAMES: [&'static str; 6] = [
        "Keychain and app",
        "New secret",
        "Circle's key",
        "Console",
        "Recovery file",
        "Done",
    ];

    /// The indicator's position, for the steps on the way.
    pub fn index(self) -> Option<usize> {
        Some(match self {
            Self::Start => 0,
            Self::Secret => 1,
            Self::Key => 2,
            Self::Shown => 3,
            Self::Recovery => 4,
            Self::Done => 5,
            Self::Refused => return None,
        })
    }
}

impl ConsoleView {
    /// Copy what a Console ceremony shows.
    pub fn of(
        c: &ConsoleCeremony,
        resumed: bool,
        ciphertexts: &[ShownCiphertext],
        simulated_app: Option<String>,
        discarded: Option<String>,
    ) -> Self {
        Self {
            kind: c.kind(),
            stage: c.stage(),
            rehearsal: c.is_rehearsal(),
            resumed,
            backend: c.backend().map(str::to_owned),
            environment: c.environment(),
            app_id: c.app_id().map(str::to_owned),
            masked_api_key: c.masked_api_key(),
            previous: c.previous_record().cloned(),
            current_fingerprint: c.current_fingerprint(),
            new_fingerprint: c.new_fingerprint().or(discarded),
            new_imported: c.new_secret_imported(),
            pending_entry: c
                .journal_entry()
                .map(|e| (e.keychain_service.clone(), e.keychain_account.clone())),
            key: c.public_key().map(KeyView::of),
            key_change_acknowledged: c.key_change_acknowledged(),
            ciphertexts: ciphertexts.to_vec(),
            held_recovery_sha256: c.held_recovery_sha256(),
            destination: c.destination().map(|p| p.to_path_buf()),
            notes: c.location_notes().map(|(n, a)| (n.clone(), a)).collect(),
            outcome: c.outcome().cloned(),
            simulated_app,
            log_problem: c.log_problem(),
            circle_url: c.circle_url().to_string(),
        }
    }

    /// The step the screens show: where the stage says, except that
    /// ciphertexts need Circle's key, which a carried-on ceremony has to
    /// fetch or import again.
    pub fn step(&self) -> ConsoleStep {
        use ConsoleStage as S;
        match self.stage {
            S::Start | S::KeychainReady => ConsoleStep::Start,
            S::AppKnown | S::SecretReady => ConsoleStep::Secret,
            S::SecretStaged | S::KeyReady => ConsoleStep::Key,
            S::ShownForConsole if self.key.is_none() => ConsoleStep::Key,
            S::ShownForConsole => ConsoleStep::Shown,
            S::Accepted | S::RecoveryImported => ConsoleStep::Recovery,
            S::Done => ConsoleStep::Done,
            S::Refused | S::Discarded => ConsoleStep::Refused,
        }
    }

    /// Whether an imported recovery file is held and not yet saved: the
    /// window does not close then.
    pub fn holds_unsaved_recovery(&self) -> bool {
        self.held_recovery_sha256.is_some() && self.stage == ConsoleStage::RecoveryImported
    }

    /// Whether every warning about the destination is acknowledged.
    pub fn warnings_acknowledged(&self) -> bool {
        self.notes.iter().all(|(n, a)| !n.is_warning() || *a)
    }

    /// The ciphertext of `of` on screen, if any.
    pub fn ciphertext(&self, of: CiphertextOf) -> Option<&ShownCiphertext> {
        self.ciphertexts.iter().find(|c| c.of == of)
    }
}
