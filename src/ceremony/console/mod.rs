//! The ceremonies Circle does only in its web Console: rotation (the current
//! secret is known), reset (the secret is lost or compromised; the current
//! recovery file proves who asks) and first registration through Console
//! from a workstation with no route to Circle.
//!
//! Each is the same shape, composed of the shared steps: a new secret is
//! staged (pending) and read back before anything is shown; Circle's key is
//! fetched or imported and compared with the records; the journal says the
//! ciphertext was shown before it is; the person says what Console did;
//! accepted, the new recovery file Console gave is imported and saved apart
//! from this computer, and only then does the new secret become the active
//! one (a rotation keeps the old one as retired); refused, the new secret is
//! discarded after its fingerprint is typed, and nothing else changes.

mod outcome;
mod prepare;

use super::bookkeeping::Bookkeeping;
use super::steps::{CheckedPublicKey, KeyComparison, PendingRecovery};
use super::{CeremonyContext, ChosenPlace};
use crate::secret::{ApiKey, EntitySecret, Environment};
use crate::store::{CeremonyKind, InProgress, LocationNote, RegistrationRecord};

pub use outcome::{ConsoleOutcome, ImportProblem};

/// Which Console ceremony.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleKind {
    /// Replace the current secret, which is in the keychain.
    Rotation,
    /// Replace a lost or compromised secret, with the current recovery file.
    Reset,
    /// Register a first secret in Console, from a workstation that never
    /// talks to Circle.
    Registration,
}

impl ConsoleKind {
    /// The ceremony kind the journal and log know.
    pub fn ceremony(self) -> CeremonyKind {
        match self {
            Self::Rotation => CeremonyKind::Rotation,
            Self::Reset => CeremonyKind::Reset,
            Self::Registration => CeremonyKind::ConsoleRegistration,
        }
    }

    /// The kind of a journaled ceremony, if it is a Console one.
    pub fn of(kind: CeremonyKind) -> Option<Self> {
        match kind {
            CeremonyKind::Rotation => Some(Self::Rotation),
            CeremonyKind::Reset => Some(Self::Reset),
            CeremonyKind::ConsoleRegistration => Some(Self::Registration),
            _ => None,
        }
    }
}

/// Where a Console ceremony stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleStage {
    /// Nothing checked yet.
    Start,
    /// The keychain works.
    KeychainReady,
    /// The app is known: from Circle with an API key, or typed by the
    /// person on an offline workstation.
    AppKnown,
    /// A new secret is made (or imported), not yet stored.
    SecretReady,
    /// The new secret is in the keychain (pending) and read back.
    SecretStaged,
    /// Circle's public key is known and compared with the records.
    KeyReady,
    /// Ciphertexts were shown for Console: from here only the person knows
    /// whether Console acted.
    ShownForConsole,
    /// The person said Console accepted: its new recovery file is awaited.
    Accepted,
    /// The new recovery file is imported and held, not yet saved.
    RecoveryImported,
    /// The new secret is active, the recovery file saved, the record kept.
    Done,
    /// The person said Console refused (or they gave up): the new secret
    /// waits to be discarded.
    Refused,
    /// The new secret was discarded; nothing else changed.
    Discarded,
}

/// A Console ceremony. Owned by whoever drives it; every step checks the
/// stage before acting.
pub struct ConsoleCeremony {
    kind: ConsoleKind,
    ctx: CeremonyContext,
    book: Bookkeeping,
    stage: ConsoleStage,
    backend: Option<String>,
    api_key: Option<ApiKey>,
    environment: Option<Environment>,
    app_id: Option<String>,
    /// The app's record before this ceremony (rotation: required).
    previous: Option<RegistrationRecord>,
    /// The current secret (rotation only), read from the keychain.
    current: Option<EntitySecret>,
    new_secret: Option<EntitySecret>,
    new_imported: bool,
    key: Option<CheckedPublicKey>,
    key_change_acknowledged: bool,
    recovery: Option<PendingRecovery>,
    place: ChosenPlace,
    outcome: Option<ConsoleOutcome>,
    /// How many ciphertexts were made, for the screen.
    ciphertexts_made: u32,
}

impl ConsoleCeremony {
    /// A new ceremony of `kind` at its first step.
    pub fn new(ctx: CeremonyContext, kind: ConsoleKind) -> Self {
        let book = Bookkeeping::new(&ctx, kind.ceremony());
        Self::with(ctx, book, kind)
    }

    fn with(ctx: CeremonyContext, book: Bookkeeping, kind: ConsoleKind) -> Self {
        Self {
            kind,
            ctx,
            book,
            stage: ConsoleStage::Start,
            backend: None,
            api_key: None,
            environment: None,
            app_id: None,
            previous: None,
            current: None,
            new_secret: None,
            new_imported: false,
            key: None,
            key_change_acknowledged: false,
            recovery: None,
            place: ChosenPlace::default(),
            outcome: None,
            ciphertexts_made: 0,
        }
    }

    // ----- what the faces read -----

    /// Which ceremony.
    pub fn kind(&self) -> ConsoleKind {
        self.kind
    }

    /// Where it stands.
    pub fn stage(&self) -> ConsoleStage {
        self.stage
    }

    /// Whether this is a rehearsal.
    pub fn is_rehearsal(&self) -> bool {
        self.ctx.rehearsal
    }

    /// Where Circle is reached (unused on the offline path).
    pub fn circle_url(&self) -> &url::Url {
        self.ctx.circle_url()
    }

    /// The keychain's name, once probed.
    pub fn backend(&self) -> Option<&str> {
        self.backend.as_deref()
    }

    /// TEST or LIVE, once known.
    pub fn environment(&self) -> Option<Environment> {
        self.environment
    }

    /// The app, once known.
    pub fn app_id(&self) -> Option<&str> {
        self.app_id.as_deref()
    }

    /// The masked API key, when one was given.
    pub fn masked_api_key(&self) -> Option<String> {
        self.api_key.as_ref().map(ApiKey::masked)
    }

    /// The app's record before this ceremony.
    pub fn previous_record(&self) -> Option<&RegistrationRecord> {
        self.previous.as_ref()
    }

    /// The current secret's fingerprint (rotation).
    pub fn current_fingerprint(&self) -> Option<String> {
        self.current.as_ref().map(EntitySecret::fingerprint)
    }

    /// The new secret's fingerprint, once there is one.
    pub fn new_fingerprint(&self) -> Option<String> {
        self.new_secret.as_ref().map(EntitySecret::fingerprint)
    }

    /// Whether the new secret was imported rather than generated.
    pub fn new_secret_imported(&self) -> bool {
        self.new_imported
    }

    /// Circle's key, once known.
    pub fn public_key(&self) -> Option<&CheckedPublicKey> {
        self.key.as_ref()
    }

    /// Whether a changed key fingerprint was acknowledged (true when it did
    /// not change).
    pub fn key_change_acknowledged(&self) -> bool {
        self.key_change_acknowledged
            || !matches!(
                self.key.as_ref().map(|k| &k.comparison),
                Some(KeyComparison::Different { .. })
            )
    }

    /// How many ciphertexts were made in this ceremony.
    pub fn ciphertexts_made(&self) -> u32 {
        self.ciphertexts_made
    }

    /// The SHA-256 of the imported recovery file held in memory.
    pub fn held_recovery_sha256(&self) -> Option<String> {
        self.recovery.as_ref().map(PendingRecovery::sha256)
    }

    /// Whether a recovery file is held only in memory (the window must not
    /// close): it was imported from a file, so it is not lost, but it is not
    /// saved apart from this computer yet either.
    pub fn holds_unsaved_recovery(&self) -> bool {
        self.recovery.is_some()
    }

    /// The chosen destination of the new recovery file.
    pub fn destination(&self) -> Option<&std::path::Path> {
        self.place.path()
    }

    /// The location notes of the destination, with their acknowledgement.
    pub fn location_notes(&self) -> impl Iterator<Item = (&LocationNote, bool)> {
        self.place.notes()
    }

    /// Whether every warning about the destination is acknowledged.
    pub fn warnings_acknowledged(&self) -> bool {
        self.place.warnings_acknowledged()
    }

    /// The result, once done.
    pub fn outcome(&self) -> Option<&ConsoleOutcome> {
        self.outcome.as_ref()
    }

    /// A bookkeeping failure to show, if any.
    pub fn log_problem(&self) -> Option<String> {
        self.book.problem()
    }

    /// The journal entry, once the new secret is staged.
    pub fn journal_entry(&self) -> Option<&InProgress> {
        self.book.entry()
    }

    /// The new secret's hex, for the person who explicitly asked for it
    /// (to hand it to the servers before Console switches).
    pub fn expose_new_secret_hex(&self) -> Option<zeroize::Zeroizing<String>> {
        self.new_secret.as_ref().map(EntitySecret::expose_hex)
    }

    fn require(
        &self,
        allowed: &[ConsoleStage],
        why: &'static str,
    ) -> Result<(), super::CeremonyError> {
        if allowed.contains(&self.stage) {
            Ok(())
        } else {
            Err(super::CeremonyError::NotYet(why))
        }
    }
}
