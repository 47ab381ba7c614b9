//! The onboarding ceremony: first registration of an entity secret, in the
//! one order of operations that loses nothing if it stops between any two
//! steps.
//!
//! 1. The keychain works.
//! 2. The API key is accepted.
//! 3. The secret is made, staged under the pending account, and read back.
//! 4. The recovery file's destination is chosen and proven writable.
//! 5. Circle's public key is fetched (or imported) and its fingerprint shown.
//! 6. A fresh ciphertext is registered.
//! 7. The recovery file is written and verified before success is shown;
//!    then the secret becomes the app's active secret and is recorded.

mod facts;
mod register;
mod steps;

pub use facts::{RegisterOutcome, ReviewFacts, SaveOutcome, UnverifiedRecovery};

use super::bookkeeping::Bookkeeping;
use super::steps::{CheckedPublicKey, PendingRecovery};
use super::{CeremonyContext, ChosenPlace};
use crate::secret::{ApiKey, EntitySecret, Environment};
use crate::store::{self, CeremonyKind, InProgress, LocationNote, Stage};

/// Where the onboarding ceremony stands. Each stage is reached only when
/// the check of the one before it passed; which steps may run at which
/// stage is said explicitly at each step, never by an ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnboardingStage {
    /// Nothing checked yet.
    Start,
    /// The keychain wrote, read back and deleted a probe entry.
    KeychainReady,
    /// Circle accepted the API key and named the app.
    KeyAccepted,
    /// A secret was generated or imported, not yet stored.
    SecretReady,
    /// The secret is in the keychain (pending) and read back identical.
    SecretStored,
    /// The recovery file's destination is proven writable.
    DestinationChosen,
    /// Circle's public key is known; registration may be sent.
    Reviewed,
    /// Circle accepted the registration; the recovery file is held in memory
    /// and not yet written. Nothing may be lost from here: the window must
    /// not close.
    Registered,
    /// The recovery file is written and verified and the records are kept.
    Done,
    /// Circle answered that this account already has an entity secret.
    AlreadyRegistered,
    /// The request was sent but no clear answer came: it may have registered.
    OutcomeUnknown,
}

impl OnboardingStage {
    /// How far along the usual path this stage is, for screens that show
    /// what is done: the outcomes of a refused or unanswered registration
    /// count as the review they came from, never as past Done.
    pub fn step(self) -> u8 {
        match self {
            Self::Start => 0,
            Self::KeychainReady => 1,
            Self::KeyAccepted => 2,
            Self::SecretReady => 3,
            Self::SecretStored => 4,
            Self::DestinationChosen => 5,
            Self::Reviewed | Self::AlreadyRegistered | Self::OutcomeUnknown => 6,
            Self::Registered => 7,
            Self::Done => 8,
        }
    }

    /// Whether this stage is at or past `other` on the usual path.
    pub fn has_reached(self, other: Self) -> bool {
        self.step() >= other.step()
    }
}

/// The onboarding ceremony. Owned by whoever drives it (the window's worker,
/// the command line, a test); every step checks the stage before acting.
pub struct Onboarding {
    ctx: CeremonyContext,
    book: Bookkeeping,
    stage: OnboardingStage,
    backend: Option<String>,
    api_key: Option<ApiKey>,
    app_id: Option<String>,
    live_confirmed: bool,
    secret: Option<EntitySecret>,
    secret_imported: bool,
    place: ChosenPlace,
    public_key: Option<CheckedPublicKey>,
    key_change_acknowledged: bool,
    confirmed: bool,
    /// Held from the moment Circle answers until it is written and verified.
    recovery: Option<PendingRecovery>,
    outcome: Option<SaveOutcome>,
    /// An attempt got no clear answer: a later "already registered" may
    /// mean this very secret.
    possibly_registered: bool,
    /// The unfinished ceremony this one carries on, if it does.
    continues: Option<InProgress>,
}

impl Onboarding {
    /// A new ceremony at its first step.
    pub fn new(ctx: CeremonyContext) -> Self {
        let book = Bookkeeping::new(&ctx, CeremonyKind::Onboarding);
        Self::with(ctx, book, None)
    }

    /// Carry on an unfinished registration whose secret is staged in the
    /// keychain: the same keychain and API key checks, then the stored
    /// secret (it must be the one the journal names) instead of a new one.
    /// If its registration was sent before the stop, a later "already
    /// registered" answer is reported as possibly this secret.
    pub fn resume(ctx: CeremonyContext, entry: InProgress) -> Self {
        let book = Bookkeeping::resumed(&ctx, entry.clone());
        let mut o = Self::with(ctx, book, Some(entry.clone()));
        o.possibly_registered = entry.may_be_registered();
        o
    }

    fn with(ctx: CeremonyContext, book: Bookkeeping, continues: Option<InProgress>) -> Self {
        Self {
            ctx,
            book,
            stage: OnboardingStage::Start,
            backend: None,
            api_key: None,
            app_id: None,
            live_confirmed: false,
            secret: None,
            secret_imported: false,
            place: ChosenPlace::default(),
            public_key: None,
            key_change_acknowledged: false,
            confirmed: false,
            recovery: None,
            outcome: None,
            possibly_registered: false,
            continues,
        }
    }

    // ----- what the faces read -----

    /// The current stage.
    pub fn stage(&self) -> OnboardingStage {
        self.stage
    }

    /// Whether this is a rehearsal.
    pub fn is_rehearsal(&self) -> bool {
        self.ctx.rehearsal
    }

    /// Where Circle is reached.
    pub fn circle_url(&self) -> &url::Url {
        self.ctx.circle_url()
    }

    /// The unfinished ceremony this one carries on, if it does.
    pub fn continues(&self) -> Option<&InProgress> {
        self.continues.as_ref()
    }

    /// The keychain backend's name, once probed.
    pub fn backend(&self) -> Option<&str> {
        self.backend.as_deref()
    }

    /// TEST or LIVE, once the key is accepted.
    pub fn environment(&self) -> Option<Environment> {
        self.api_key.as_ref().map(ApiKey::environment)
    }

    /// The masked API key.
    pub fn masked_api_key(&self) -> Option<String> {
        self.api_key.as_ref().map(ApiKey::masked)
    }

    /// Circle's app id, once the key is accepted.
    pub fn app_id(&self) -> Option<&str> {
        self.app_id.as_deref()
    }

    /// The secret's fingerprint, once there is a secret.
    pub fn secret_fingerprint(&self) -> Option<String> {
        self.secret.as_ref().map(EntitySecret::fingerprint)
    }

    /// Whether the secret was imported rather than generated.
    pub fn secret_imported(&self) -> bool {
        self.secret_imported
    }

    /// The secret's hex, for the person who explicitly asked to see or copy
    /// it. Every call is a deliberate exposure.
    pub fn expose_secret_hex(&self) -> Option<zeroize::Zeroizing<String>> {
        self.secret.as_ref().map(EntitySecret::expose_hex)
    }

    /// The keychain account the secret is stored under now: the pending
    /// account until Circle accepts it, the active one after.
    pub fn keychain_account(&self) -> Option<String> {
        let env = self.environment()?;
        let app = self.app_id.as_deref()?;
        Some(match self.stage {
            OnboardingStage::Done => store::account_name(env, app, false),
            _ => store::pending_account_name(env, app),
        })
    }

    /// The keychain service entries are stored under.
    pub fn keychain_service(&self) -> &str {
        &self.ctx.keychain_service
    }

    /// The chosen recovery file destination.
    pub fn destination(&self) -> Option<&std::path::Path> {
        self.place.path()
    }

    /// The location notes for the destination, with whether each warning is
    /// acknowledged.
    pub fn location_notes(&self) -> impl Iterator<Item = (&LocationNote, bool)> {
        self.place.notes()
    }

    /// Whether every warning about the destination is acknowledged.
    pub fn warnings_acknowledged(&self) -> bool {
        self.place.warnings_acknowledged()
    }

    /// Whether a LIVE key was explicitly confirmed (always true for TEST).
    pub fn live_confirmed(&self) -> bool {
        self.live_confirmed || self.environment() == Some(Environment::Test)
    }

    /// Whether the review was confirmed.
    pub fn review_confirmed(&self) -> bool {
        self.confirmed
    }

    /// Whether a changed public key fingerprint was acknowledged (always
    /// true when it did not change).
    pub fn key_change_acknowledged(&self) -> bool {
        self.key_change_acknowledged
            || !matches!(
                self.public_key.as_ref().map(|k| &k.comparison),
                Some(super::steps::KeyComparison::Different { .. })
            )
    }

    /// The facts for the review screen, once the public key is known.
    pub fn review_facts(&self) -> Option<ReviewFacts> {
        let key = self.public_key.as_ref()?;
        Some(ReviewFacts {
            environment: self.environment()?,
            app_id: self.app_id.clone()?,
            public_key_fingerprint: key.key.fingerprint(),
            public_key_bits: key.key.bits(),
            key_origin: key.origin.clone(),
            key_comparison: key.comparison.clone(),
            secret_fingerprint: self.secret_fingerprint()?,
            destination: self.place.path()?.to_path_buf(),
            circle_url: self.ctx.circle_url().clone(),
        })
    }

    /// The result once the recovery file is written.
    pub fn outcome(&self) -> Option<&SaveOutcome> {
        self.outcome.as_ref()
    }

    /// Whether something received from Circle is held only in memory, so the
    /// window must not close.
    pub fn holds_unsaved_recovery(&self) -> bool {
        self.recovery.is_some()
    }

    /// Why the ceremony log, records or journal could not be written, if
    /// they could not.
    pub fn log_problem(&self) -> Option<String> {
        self.book.problem()
    }

    /// The SHA-256 of the recovery file held in memory, if any.
    pub fn unsaved_recovery_sha256(&self) -> Option<String> {
        self.recovery.as_ref().map(PendingRecovery::sha256)
    }

    /// The journal entry of this ceremony, once it has one.
    pub fn journal_entry(&self) -> Option<&InProgress> {
        self.book.entry()
    }

    /// Whether the journal says the registration may have reached Circle.
    fn journal_says_sent(&self) -> bool {
        self.book
            .entry()
            .is_some_and(|e| matches!(e.stage, Stage::RegistrationSent))
    }
}
