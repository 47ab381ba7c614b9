//! The onboarding ceremony: first registration of an entity secret, in the
//! the one order of operations that loses nothing if it stops between any
//! two steps.
//!
//! 1. The keychain works.
//! 2. The API key is accepted.
//! 3. The secret is made, stored, and read back.
//! 4. The recovery file's destination is chosen and proven writable.
//! 5. Circle's public key is fetched and its fingerprint shown.
//! 6. A fresh ciphertext is registered.
//! 7. The recovery file is written and verified before success is shown.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use super::{CeremonyContext, CeremonyError, blocking};
use crate::circle::{CircleError, RecoveryContent};
use crate::error::Explain;
use crate::secret::{ApiKey, Ciphertext, CirclePublicKey, EntitySecret, Environment, RecoveryFile};
use crate::store::{
    self, CeremonyKind, InProgress, LocationNote, LogEntry, Outcome, RegistrationRecord, Stage,
    StoreError, WrittenRecovery,
};

/// Days between registration and the recommended rotation.
pub const ROTATION_DAYS: i64 = 180;

/// Where the onboarding ceremony stands. Each stage is reached only when the
/// check of the one before it passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OnboardingStage {
    /// Nothing checked yet.
    Start,
    /// The keychain wrote, read back and deleted a probe entry.
    KeychainReady,
    /// Circle accepted the API key and named the app.
    KeyAccepted,
    /// A secret was generated or imported, not yet stored.
    SecretReady,
    /// The secret is in the keychain and read back identical.
    SecretStored,
    /// The recovery file's destination is proven writable.
    DestinationChosen,
    /// Circle's public key is fetched; registration may be sent.
    Reviewed,
    /// Circle accepted the registration; the recovery file is held in memory
    /// and not yet written. Nothing may be lost from here: the window must
    /// not close.
    Registered,
    /// The recovery file is written and verified and the records are kept.
    Done,
    /// Circle answered that this account already has an entity secret.
    AlreadyRegistered,
    /// The request was sent but no answer came: it may have registered.
    OutcomeUnknown,
}

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
    /// The secret's fingerprint.
    pub secret_fingerprint: String,
    /// Where the recovery file will be written.
    pub destination: PathBuf,
    /// Whether a different public key was seen before for this app.
    pub public_key_changed_from: Option<String>,
}

/// A recovery file that Circle's answer did not contain in the documented
/// shape, saved as it came under a clearly marked name.
#[derive(Debug, Clone)]
pub struct UnverifiedRecovery {
    /// Where the received content was written.
    pub path: PathBuf,
    /// What was wrong with it, for a person.
    pub reason: &'static str,
}

/// The result of writing the recovery file.
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
    /// here stays in the keychain; nothing was registered.
    AlreadyRegistered {
        /// An earlier attempt of this same registration got a server error,
        /// so it may have been this secret that was registered.
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

/// The onboarding ceremony. Owned by whoever drives it (the GUI's worker, the
/// command line, a test); every method checks the stage before acting.
pub struct Onboarding {
    ctx: CeremonyContext,
    stage: OnboardingStage,
    backend: Option<String>,
    api_key: Option<ApiKey>,
    app_id: Option<String>,
    live_confirmed: bool,
    secret: Option<EntitySecret>,
    secret_imported: bool,
    destination: Option<PathBuf>,
    notes: Vec<LocationNote>,
    acknowledged: Vec<bool>,
    public_key: Option<CirclePublicKey>,
    confirmed: bool,
    /// Held from the moment Circle answers until it is written and verified.
    recovery: Option<PendingRecovery>,
    journal: Option<InProgress>,
    outcome: Option<SaveOutcome>,
    possibly_registered: bool,
    /// The last failure to write the ceremony log, records or journal once a
    /// step had happened, shown to the person: bookkeeping never stops a
    /// ceremony, but its failure is never silent.
    log_problem: RefCell<Option<String>>,
}

/// What Circle sent back, held in memory until it is on disk.
struct PendingRecovery {
    /// Shared so a blocking writer thread can read it while it stays here.
    content: Arc<RecoveryFile>,
    /// `None` when the content is in the documented shape.
    problem: Option<&'static str>,
    request_id: String,
}

impl Onboarding {
    /// A new ceremony at its first step.
    pub fn new(ctx: CeremonyContext) -> Self {
        Self {
            ctx,
            stage: OnboardingStage::Start,
            backend: None,
            api_key: None,
            app_id: None,
            live_confirmed: false,
            secret: None,
            secret_imported: false,
            destination: None,
            notes: Vec::new(),
            acknowledged: Vec::new(),
            public_key: None,
            confirmed: false,
            recovery: None,
            journal: None,
            outcome: None,
            possibly_registered: false,
            log_problem: RefCell::new(None),
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

    /// The keychain account the secret is stored under.
    pub fn keychain_account(&self) -> Option<String> {
        Some(store::account_name(
            self.environment()?,
            self.app_id.as_deref()?,
            false,
        ))
    }

    /// The keychain service entries are stored under.
    pub fn keychain_service(&self) -> &str {
        &self.ctx.keychain_service
    }

    /// The chosen recovery file destination.
    pub fn destination(&self) -> Option<&Path> {
        self.destination.as_deref()
    }

    /// The location notes for the destination, with whether each warning is
    /// acknowledged.
    pub fn location_notes(&self) -> impl Iterator<Item = (&LocationNote, bool)> {
        self.notes.iter().zip(self.acknowledged.iter().copied())
    }

    /// Whether every warning about the destination is acknowledged.
    pub fn warnings_acknowledged(&self) -> bool {
        self.notes
            .iter()
            .zip(&self.acknowledged)
            .all(|(note, ack)| !note.is_warning() || *ack)
    }

    /// Whether a LIVE key was explicitly confirmed (always true for TEST).
    pub fn live_confirmed(&self) -> bool {
        self.live_confirmed || self.environment() == Some(Environment::Test)
    }

    /// Whether the review was confirmed.
    pub fn review_confirmed(&self) -> bool {
        self.confirmed
    }

    /// The facts for the review screen, once the public key is fetched.
    pub fn review_facts(&self) -> Option<ReviewFacts> {
        let key = self.public_key.as_ref()?;
        Some(ReviewFacts {
            environment: self.environment()?,
            app_id: self.app_id.clone()?,
            public_key_fingerprint: key.fingerprint(),
            public_key_bits: key.bits(),
            secret_fingerprint: self.secret_fingerprint()?,
            destination: self.destination.clone()?,
            public_key_changed_from: self.previous_public_key_fingerprint(key),
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
        self.log_problem.borrow().clone()
    }

    /// The SHA-256 of the recovery file held in memory, if any.
    pub fn unsaved_recovery_sha256(&self) -> Option<String> {
        self.recovery.as_ref().map(|r| r.content.sha256())
    }

    // ----- the steps -----

    /// Step 1: prove the keychain works (write, read back, delete a probe).
    pub async fn check_keychain(&mut self) -> Result<String, CeremonyError> {
        self.require_at_most(
            OnboardingStage::KeyAccepted,
            "the keychain is checked first",
        )?;
        let store = Arc::clone(&self.ctx.store);
        let result = blocking(move || store.probe()).await?;
        match result {
            Ok(report) => {
                self.log(
                    "keychain_probe",
                    Outcome::Succeeded,
                    None,
                    Some(report.backend.clone()),
                );
                self.backend = Some(report.backend.clone());
                self.stage = self.stage.max(OnboardingStage::KeychainReady);
                Ok(report.backend)
            }
            Err(e) => {
                self.log("keychain_probe", Outcome::Failed, None, Some(e.to_string()));
                self.backend = None;
                self.stage = OnboardingStage::Start;
                Err(e.into())
            }
        }
    }

    /// Step 2: check the API key against Circle and learn the app id.
    pub async fn submit_api_key(&mut self, text: &str) -> Result<(), CeremonyError> {
        self.require_at_least(
            OnboardingStage::KeychainReady,
            "the keychain must work first",
        )?;
        self.require_at_most(OnboardingStage::SecretReady, "the secret is already stored")?;
        let key = ApiKey::parse(text)?;
        let answer = match self.ctx.circle.entity_config(&key).await {
            Ok(answer) => answer,
            Err(e) => {
                self.log(
                    "api_key",
                    Outcome::Failed,
                    e.request_id().map(str::to_owned),
                    Some(e.to_string()),
                );
                return Err(e.into());
            }
        };
        let app_id = answer.value.app_id;
        // A secret for this app already on this machine means it was most
        // likely registered from here: never generate a second one over it.
        let account = store::account_name(key.environment(), &app_id, false);
        let store = Arc::clone(&self.ctx.store);
        let lookup = account.clone();
        let existing = blocking(move || store.get(&lookup)).await??;
        if existing.is_some() {
            self.log(
                "api_key",
                Outcome::Failed,
                Some(answer.request_id),
                Some(format!(
                    "a secret for this app is already in the keychain ({account})"
                )),
            );
            return Err(CeremonyError::SecretAlreadyOnMachine { account });
        }
        self.log(
            "api_key",
            Outcome::Succeeded,
            Some(answer.request_id),
            Some(format!("{} {app_id}", key.environment())),
        );
        self.api_key = Some(key);
        self.app_id = Some(app_id);
        self.live_confirmed = false;
        self.secret = None;
        self.stage = OnboardingStage::KeyAccepted;
        Ok(())
    }

    /// A LIVE key needs an explicit confirmation before registration.
    pub fn confirm_live(&mut self, confirmed: bool) {
        self.live_confirmed = confirmed;
    }

    /// Step 3a: generate a new secret (replacing one not yet stored).
    pub fn generate_secret(&mut self) -> Result<String, CeremonyError> {
        self.require_between(OnboardingStage::KeyAccepted, OnboardingStage::SecretReady)?;
        let secret = EntitySecret::generate();
        let fingerprint = secret.fingerprint();
        self.secret = Some(secret);
        self.secret_imported = false;
        self.stage = OnboardingStage::SecretReady;
        self.log_secret("generate_secret", Outcome::Succeeded, None, None);
        Ok(fingerprint)
    }

    /// Step 3b: import an existing 64-hex secret instead.
    pub fn import_secret(&mut self, hex: &str) -> Result<String, CeremonyError> {
        self.require_between(OnboardingStage::KeyAccepted, OnboardingStage::SecretReady)?;
        let secret = EntitySecret::from_hex(hex)?;
        let fingerprint = secret.fingerprint();
        self.secret = Some(secret);
        self.secret_imported = true;
        self.stage = OnboardingStage::SecretReady;
        self.log_secret("import_secret", Outcome::Succeeded, None, None);
        Ok(fingerprint)
    }

    /// Step 3c: store the secret in the keychain; counts only after a read
    /// back through a fresh entry matched. Starts the journal, so a crash from
    /// here on is noticed at the next launch.
    pub async fn store_secret(&mut self) -> Result<(), CeremonyError> {
        self.require_between(OnboardingStage::SecretReady, OnboardingStage::SecretReady)?;
        let (Some(secret), Some(account)) = (self.secret.as_ref(), self.keychain_account()) else {
            return Err(CeremonyError::NotYet("there is no secret to store"));
        };
        // The journal first: a crash during the keychain write must still
        // be found at the next launch.
        let now = self.ctx.clock.now();
        let entry = InProgress {
            id: Uuid::new_v4(),
            rehearsal: self.ctx.rehearsal,
            ceremony: CeremonyKind::Onboarding,
            environment: self.environment().unwrap_or(Environment::Test),
            app_id: self.app_id.clone().unwrap_or_default(),
            secret_fingerprint: secret.fingerprint(),
            keychain_service: self.ctx.keychain_service.clone(),
            keychain_account: account.clone(),
            stage: Stage::StoringSecret,
            started_at: now,
            updated_at: now,
        };
        self.ctx.journal.begin(&entry)?;
        self.journal = Some(entry);
        let copy = secret.duplicate();
        let store = Arc::clone(&self.ctx.store);
        if let Err(e) = blocking(move || store.put(&account, &copy)).await? {
            self.log_secret("store_secret", Outcome::Failed, None, Some(e.to_string()));
            // A failed read-back leaves an entry behind, which the journal
            // must keep pointing at; any other failure stored nothing.
            if !matches!(e, StoreError::ReadBackMismatch { .. }) {
                self.finish_journal();
            }
            return Err(e.into());
        }
        self.journal_stage(Stage::SecretStored)?;
        self.stage = OnboardingStage::SecretStored;
        self.log_secret(
            "store_secret",
            Outcome::Succeeded,
            None,
            Some(self.ctx.store.backend_name()),
        );
        Ok(())
    }

    /// Step 4: choose where the recovery file goes; proven writable now,
    /// before anything irreversible. Returns the location notes (warnings need
    /// an acknowledgement each).
    pub fn choose_destination(&mut self, path: PathBuf) -> Result<(), CeremonyError> {
        self.require_between(OnboardingStage::SecretStored, OnboardingStage::Reviewed)?;
        if let Err(e) = store::prove_writable(&path) {
            self.log("destination", Outcome::Failed, None, Some(e.to_string()));
            return Err(CeremonyError::Destination(e));
        }
        self.notes = store::location_notes(&path, &self.ctx.home);
        self.acknowledged = vec![false; self.notes.len()];
        self.destination = Some(path.clone());
        self.confirmed = false;
        self.stage = OnboardingStage::DestinationChosen;
        self.journal_stage(Stage::DestinationChosen { path: path.clone() })?;
        self.log(
            "destination",
            Outcome::Succeeded,
            None,
            Some(path.display().to_string()),
        );
        Ok(())
    }

    /// Acknowledge (or withdraw) the warning at `index` of `location_notes`.
    pub fn acknowledge_warning(&mut self, index: usize, acknowledged: bool) {
        if let Some(slot) = self.acknowledged.get_mut(index) {
            *slot = acknowledged;
        }
    }

    /// Step 5: fetch Circle's public key for the review.
    pub async fn review(&mut self) -> Result<ReviewFacts, CeremonyError> {
        self.require_between(
            OnboardingStage::DestinationChosen,
            OnboardingStage::Reviewed,
        )?;
        if !self.warnings_acknowledged() {
            return Err(CeremonyError::WarningsNotAcknowledged);
        }
        let Some(key) = self.api_key.as_ref() else {
            return Err(CeremonyError::NotYet("the API key is missing"));
        };
        let answer = match self.ctx.circle.public_key(key).await {
            Ok(answer) => answer,
            Err(e) => {
                self.log(
                    "public_key",
                    Outcome::Failed,
                    e.request_id().map(str::to_owned),
                    Some(e.to_string()),
                );
                return Err(e.into());
            }
        };
        let fingerprint = answer.value.fingerprint();
        self.public_key = Some(answer.value);
        self.confirmed = false;
        self.stage = OnboardingStage::Reviewed;
        self.log(
            "public_key",
            Outcome::Succeeded,
            Some(answer.request_id),
            Some(fingerprint),
        );
        self.review_facts()
            .ok_or(CeremonyError::NotYet("the review facts are incomplete"))
    }

    /// Confirm (or withdraw confirmation of) the review.
    pub fn confirm_review(&mut self, confirmed: bool) {
        self.confirmed = confirmed;
    }

    /// Step 6 and 7: send a fresh ciphertext, then write and verify the
    /// recovery file. Circle errors that leave nothing registered return
    /// `Err` and the ceremony stays at the review, ready to retry.
    pub async fn register(&mut self) -> Result<RegisterOutcome, CeremonyError> {
        if !matches!(
            self.stage,
            OnboardingStage::Reviewed | OnboardingStage::OutcomeUnknown
        ) {
            return Err(CeremonyError::NotYet("the review must come first"));
        }
        if !self.confirmed {
            return Err(CeremonyError::NotConfirmed);
        }
        if !self.live_confirmed() {
            return Err(CeremonyError::LiveNotConfirmed);
        }
        let Some(destination) = self.destination.clone() else {
            return Err(CeremonyError::NotYet("earlier steps are incomplete"));
        };
        if self.api_key.is_none() || self.secret.is_none() || self.public_key.is_none() {
            return Err(CeremonyError::NotYet("earlier steps are incomplete"));
        }
        // The destination was proven writable at step 4; prove it again so a
        // drive pulled out since then is noticed before the irreversible step.
        store::prove_writable(&destination).map_err(CeremonyError::Destination)?;
        self.journal_stage(Stage::RegistrationSent)?;
        let (Some(key), Some(secret), Some(public_key)) = (
            self.api_key.as_ref(),
            self.secret.as_ref(),
            self.public_key.as_ref(),
        ) else {
            return Err(CeremonyError::NotYet("earlier steps are incomplete"));
        };
        // Every attempt encrypts afresh: a ciphertext is single-use.
        let result = self
            .ctx
            .circle
            .register(key, || Ciphertext::encrypt(secret, public_key))
            .await;
        match result {
            Ok(answer) => {
                let registration = answer.value;
                let (content, problem) = match registration.recovery {
                    RecoveryContent::RecoveryFile(file) if file.looks_valid() => (file, None),
                    RecoveryContent::RecoveryFile(file) => {
                        (file, Some(crate::text::RECOVERY_NOT_BASE64))
                    }
                    RecoveryContent::WholeBody(body) => (body, Some(crate::text::RECOVERY_MISSING)),
                };
                let problem_text = problem;
                self.recovery = Some(PendingRecovery {
                    content: Arc::new(content),
                    problem,
                    request_id: answer.request_id.clone(),
                });
                self.stage = OnboardingStage::Registered;
                self.log_secret(
                    "register",
                    Outcome::Succeeded,
                    Some(answer.request_id),
                    problem_text.map(str::to_owned),
                );
                // Circle has acted: nothing may stop the recovery file from
                // being written now, not even a failing journal.
                let journaled = self.journal_stage(Stage::Registered {
                    recovery_saved: false,
                    recovery_path: None,
                });
                self.note_bookkeeping(journaled);
                match self.save_recovery(None).await {
                    Ok(saved) => Ok(RegisterOutcome::Saved(Box::new(saved))),
                    Err(e) => Ok(RegisterOutcome::RecoveryUnsaved(e)),
                }
            }
            Err(CircleError::AlreadyRegistered {
                after_ambiguous_attempt,
                request_id,
            }) => {
                let possibly_this_secret = after_ambiguous_attempt || self.possibly_registered;
                self.stage = OnboardingStage::AlreadyRegistered;
                self.log_secret(
                    "register",
                    Outcome::Failed,
                    request_id.clone(),
                    Some("already registered (409)".to_owned()),
                );
                self.finish_journal();
                Ok(RegisterOutcome::AlreadyRegistered {
                    possibly_this_secret,
                    request_id,
                })
            }
            Err(e) if e.may_have_registered() => {
                // The connection broke after sending, or Circle answered with
                // server errors: it may have acted. The journal stays at
                // RegistrationSent, so the next launch says so too, and a
                // later 409 is reported as possibly this secret.
                self.possibly_registered = true;
                self.stage = OnboardingStage::OutcomeUnknown;
                let request_id = e.request_id().map(str::to_owned);
                self.log_secret(
                    "register",
                    Outcome::Failed,
                    request_id.clone(),
                    Some(format!("outcome unknown: {e}")),
                );
                Ok(RegisterOutcome::OutcomeUnknown {
                    request_id,
                    reason: e.to_string(),
                })
            }
            Err(e) => {
                self.log_secret(
                    "register",
                    Outcome::Failed,
                    e.request_id().map(str::to_owned),
                    Some(e.to_string()),
                );
                // Circle refused, or the request never left: nothing was
                // registered. Back to the review, journal too.
                self.journal_stage(Stage::DestinationChosen { path: destination })?;
                Err(e.into())
            }
        }
    }

    /// Step 7: write the recovery file held in memory, to the chosen
    /// destination or, after a failure, to another path. Verified by reading
    /// it back. Only then is the registration recorded and success shown.
    pub async fn save_recovery(
        &mut self,
        path: Option<PathBuf>,
    ) -> Result<SaveOutcome, CeremonyError> {
        if self.stage != OnboardingStage::Registered {
            return Err(CeremonyError::NotYet("nothing was received to save"));
        }
        let Some(pending) = self.recovery.as_ref() else {
            return Err(CeremonyError::NotYet("nothing was received to save"));
        };
        let mut target = match path {
            Some(p) => p,
            None => self
                .destination
                .clone()
                .ok_or(CeremonyError::NotYet("no destination was chosen"))?,
        };
        if pending.problem.is_some() {
            // A clearly marked name, so nobody mistakes it for a verified file.
            let name = format!(
                "recovery_file_UNVERIFIED_{}.dat",
                self.ctx.clock.now().format("%Y%m%d-%H%M%S")
            );
            target = target.with_file_name(name);
        }
        let content = Arc::clone(&pending.content);
        let write_to = target.clone();
        let written =
            match blocking(move || store::write_recovery_file(&write_to, &content)).await? {
                Ok(w) => w,
                Err(e) => {
                    self.log_secret(
                        "write_recovery_file",
                        Outcome::Failed,
                        None,
                        Some(e.to_string()),
                    );
                    return Err(e.into());
                }
            };
        let unverified = pending.problem.map(|reason| UnverifiedRecovery {
            path: written.path.clone(),
            reason,
        });
        let request_id = pending.request_id.clone();
        let record = self.make_record(&written)?;
        // The file is safe on disk: from here the ceremony is done, and a
        // failing record is reported, never a reason to write the file again.
        let recorded = self
            .ctx
            .records
            .upsert(&record)
            .map_err(CeremonyError::from);
        self.note_bookkeeping(recorded);
        self.recovery = None;
        self.destination = Some(written.path.clone());
        self.stage = OnboardingStage::Done;
        self.log_secret(
            "write_recovery_file",
            Outcome::Succeeded,
            Some(request_id),
            Some(match &unverified {
                Some(_) => format!("written UNVERIFIED to {}", written.path.display()),
                None => format!(
                    "written and verified: {} sha256 {}",
                    written.path.display(),
                    written.sha256
                ),
            }),
        );
        self.finish_journal();
        let outcome = SaveOutcome {
            written,
            record,
            unverified,
        };
        self.outcome = Some(outcome.clone());
        Ok(outcome)
    }

    /// Go back one step where that is safe. Never once the secret is stored
    /// (it stays in the keychain) except to choose another destination, and
    /// never once registration was sent.
    pub fn back(&mut self) -> bool {
        use OnboardingStage as S;
        let to = match self.stage {
            S::KeyAccepted => {
                self.api_key = None;
                self.app_id = None;
                S::KeychainReady
            }
            S::SecretReady => {
                self.secret = None;
                S::KeyAccepted
            }
            S::Reviewed => {
                self.public_key = None;
                self.confirmed = false;
                S::DestinationChosen
            }
            S::DestinationChosen => {
                self.destination = None;
                self.notes.clear();
                self.acknowledged.clear();
                S::SecretStored
            }
            _ => return false,
        };
        self.stage = to;
        true
    }

    // ----- internals -----

    fn require_at_least(
        &self,
        stage: OnboardingStage,
        why: &'static str,
    ) -> Result<(), CeremonyError> {
        if self.stage >= stage && self.stage <= OnboardingStage::Done {
            Ok(())
        } else {
            Err(CeremonyError::NotYet(why))
        }
    }

    fn require_at_most(
        &self,
        stage: OnboardingStage,
        why: &'static str,
    ) -> Result<(), CeremonyError> {
        if self.stage <= stage {
            Ok(())
        } else {
            Err(CeremonyError::NotYet(why))
        }
    }

    fn require_between(
        &self,
        low: OnboardingStage,
        high: OnboardingStage,
    ) -> Result<(), CeremonyError> {
        if self.stage >= low && self.stage <= high {
            Ok(())
        } else {
            Err(CeremonyError::NotYet(
                "an earlier step is not finished, or this step is past",
            ))
        }
    }

    fn previous_public_key_fingerprint(&self, key: &CirclePublicKey) -> Option<String> {
        let env = self.environment()?;
        let app_id = self.app_id.as_deref()?;
        let records = self.ctx.records.list().ok()?;
        let fingerprint = key.fingerprint();
        records
            .into_iter()
            .find(|r| r.environment == env && r.app_id == app_id)
            .map(|r| r.public_key_fingerprint)
            .filter(|previous| *previous != fingerprint)
    }

    fn make_record(&self, written: &WrittenRecovery) -> Result<RegistrationRecord, CeremonyError> {
        let (Some(environment), Some(app_id), Some(secret_fingerprint), Some(key), Some(account)) = (
            self.environment(),
            self.app_id.clone(),
            self.secret_fingerprint(),
            self.public_key.as_ref(),
            self.keychain_account(),
        ) else {
            return Err(CeremonyError::NotYet("earlier steps are incomplete"));
        };
        let registered_at: DateTime<Utc> = self.ctx.clock.now();
        Ok(RegistrationRecord {
            rehearsal: self.ctx.rehearsal,
            environment,
            app_id,
            secret_fingerprint,
            public_key_fingerprint: key.fingerprint(),
            registered_at,
            rotate_by: registered_at + Duration::days(ROTATION_DAYS),
            recovery_sha256: Some(written.sha256.clone()),
            recovery_path: Some(written.path.clone()),
            keychain_service: self.ctx.keychain_service.clone(),
            keychain_account: account,
        })
    }

    /// Keep a records or journal failure for the screen instead of failing
    /// a step that already happened.
    fn note_bookkeeping(&self, result: Result<(), CeremonyError>) {
        if let Err(e) = result {
            *self.log_problem.borrow_mut() = Some(e.to_string());
        }
    }

    fn journal_stage(&mut self, stage: Stage) -> Result<(), CeremonyError> {
        if let Some(entry) = self.journal.as_mut() {
            entry.stage = stage;
            entry.updated_at = self.ctx.clock.now();
            self.ctx.journal.update(entry)?;
        }
        Ok(())
    }

    fn finish_journal(&mut self) {
        if let Some(entry) = self.journal.take()
            && let Err(e) = self.ctx.journal.finish(entry.id)
        {
            // The ceremony itself succeeded; a stale journal entry only
            // shows a needless warning at the next launch. Say so in the log.
            self.log(
                "journal",
                Outcome::Failed,
                None,
                Some(format!("could not close: {e}")),
            );
        }
    }

    /// Log a step without the secret's fingerprint.
    fn log(
        &self,
        step: &str,
        outcome: Outcome,
        request_id: Option<String>,
        detail: Option<String>,
    ) {
        self.write_log(step, outcome, request_id, detail, false);
    }

    /// Log a step with the secret's fingerprint.
    fn log_secret(
        &self,
        step: &str,
        outcome: Outcome,
        request_id: Option<String>,
        detail: Option<String>,
    ) {
        self.write_log(step, outcome, request_id, detail, true);
    }

    fn write_log(
        &self,
        step: &str,
        outcome: Outcome,
        request_id: Option<String>,
        detail: Option<String>,
        with_secret: bool,
    ) {
        let mut entry = LogEntry::new(
            self.ctx.clock.now(),
            self.ctx.rehearsal,
            CeremonyKind::Onboarding,
            step,
            outcome,
        );
        if with_secret {
            entry.secret_fingerprint = self.secret_fingerprint();
        }
        entry.public_key_fingerprint = self.public_key.as_ref().map(CirclePublicKey::fingerprint);
        entry.request_id = request_id;
        entry.detail = detail;
        // The log is a record for people, not a step of the ceremony: a
        // failure to append must not stop a registration half-way, so it is
        // kept for the screen to show instead.
        if let Err(e) = self.ctx.log.append(&entry) {
            *self.log_problem.borrow_mut() = Some(e.to_string());
        }
    }
}
