//! The onboarding steps before the irreversible one: each a composition of
//! the shared steps, gated on the stages it may run at.

use std::path::{Path, PathBuf};

use super::{Onboarding, OnboardingStage as S, ReviewFacts};
use crate::ceremony::bookkeeping::LogLine;
use crate::ceremony::steps::{
    self, KeyPolicy, StagePlan, check_api_key, check_keychain, read_secret, stage_secret,
};
use crate::ceremony::{CeremonyError, ChosenPlace};
use crate::secret::EntitySecret;
use crate::store::{Outcome, Stage};
use crate::text::not_yet;

impl Onboarding {
    /// Refuse a step unless the ceremony is at one of `allowed`.
    pub(super) fn require(&self, allowed: &[S], why: &'static str) -> Result<(), CeremonyError> {
        if allowed.contains(&self.stage) {
            Ok(())
        } else {
            Err(CeremonyError::NotYet(why))
        }
    }

    /// Step 1: prove the keychain works (write, read back, delete a probe).
    pub async fn check_keychain(&mut self) -> Result<String, CeremonyError> {
        self.require(
            &[S::Start, S::KeychainReady, S::KeyAccepted],
            not_yet::KEYCHAIN_FIRST,
        )?;
        match check_keychain(&self.ctx, &self.book).await {
            Ok(backend) => {
                self.backend = Some(backend.clone());
                if self.stage == S::Start {
                    self.stage = S::KeychainReady;
                }
                Ok(backend)
            }
            Err(e) => {
                self.backend = None;
                self.stage = S::Start;
                Err(e)
            }
        }
    }

    /// Step 2: check the API key against Circle and learn the app id. A
    /// carried-on ceremony then takes its staged secret from the keychain.
    pub async fn submit_api_key(&mut self, text: &str) -> Result<(), CeremonyError> {
        self.require(
            &[S::KeychainReady, S::KeyAccepted, S::SecretReady],
            not_yet::KEYCHAIN_WORKS_NOTHING_STORED,
        )?;
        let policy = match &self.continues {
            Some(entry) => KeyPolicy::Continue {
                environment: entry.environment,
                app_id: entry.app_id.clone(),
            },
            None => KeyPolicy::FirstRegistration,
        };
        let accepted = check_api_key(&self.ctx, &self.book, text, &policy).await?;
        self.api_key = Some(accepted.key);
        self.app_id = Some(accepted.app_id);
        self.live_confirmed = false;
        self.secret = None;
        self.stage = S::KeyAccepted;
        if let Some(entry) = self.continues.clone() {
            let secret = read_secret(
                &self.ctx,
                &entry.keychain_account,
                Some(&entry.secret_fingerprint),
            )
            .await?;
            self.secret = Some(secret);
            self.stage = S::SecretStored;
            self.book
                .log(
                    LogLine::new("resume", Outcome::Succeeded)
                        .secret(self.secret_fingerprint())
                        .detail(crate::text::log::carried_on(&entry.keychain_account)),
                )
                .await;
        }
        Ok(())
    }

    /// A LIVE key needs an explicit confirmation before registration.
    pub fn confirm_live(&mut self, confirmed: bool) {
        self.live_confirmed = confirmed;
    }

    /// Step 3a: generate a new secret (replacing one not yet stored).
    pub async fn generate_secret(&mut self) -> Result<String, CeremonyError> {
        self.set_secret(EntitySecret::generate(), false).await
    }

    /// Step 3b: import an existing 64-hex secret instead.
    pub async fn import_secret(&mut self, hex: &str) -> Result<String, CeremonyError> {
        self.set_secret(EntitySecret::import_hex(hex)?, true).await
    }

    async fn set_secret(
        &mut self,
        secret: EntitySecret,
        imported: bool,
    ) -> Result<String, CeremonyError> {
        self.require(
            &[S::KeyAccepted, S::SecretReady],
            not_yet::API_KEY_FIRST_NEVER_REPLACED,
        )?;
        if self.continues.is_some() {
            return Err(CeremonyError::NotYet(not_yet::CARRIED_ON_KEEPS_SECRET));
        }
        let fingerprint = secret.fingerprint();
        self.secret = Some(secret);
        self.secret_imported = imported;
        self.stage = S::SecretReady;
        self.book.secret_made(imported, &fingerprint).await;
        Ok(fingerprint)
    }

    /// Step 3c: stage the secret in the keychain (pending until Circle
    /// accepts it); counts only after a read back through a fresh entry
    /// matched. Journals the ceremony first, so a crash from here on is
    /// noticed at the next launch.
    pub async fn store_secret(&mut self) -> Result<(), CeremonyError> {
        self.require(&[S::SecretReady], not_yet::NO_NEW_SECRET_TO_STORE)?;
        let (Some(secret), Some(environment), Some(app_id)) = (
            self.secret.as_ref(),
            self.environment(),
            self.app_id.clone(),
        ) else {
            return Err(CeremonyError::NotYet(not_yet::NO_SECRET_TO_STORE));
        };
        let plan = StagePlan {
            environment,
            app_id,
            retire: None,
            previous_recovery: None,
        };
        stage_secret(&self.ctx, &mut self.book, secret, plan).await?;
        self.stage = S::SecretStored;
        Ok(())
    }

    /// Step 4: choose where the recovery file goes; proven writable now,
    /// before anything irreversible. Warnings about the place need an
    /// acknowledgement each.
    pub async fn choose_destination(&mut self, path: PathBuf) -> Result<(), CeremonyError> {
        self.require(
            &[
                S::SecretStored,
                S::DestinationChosen,
                S::Reviewed,
                S::OutcomeUnknown,
            ],
            not_yet::STORED_NOTHING_REGISTERED,
        )?;
        let checked = ChosenPlace::probe(&path, &self.ctx.home).await?;
        let notes = match checked {
            Ok(notes) => notes,
            Err(e) => {
                self.book
                    .log(LogLine::new("destination", Outcome::Failed).detail(e.to_string()))
                    .await;
                return Err(CeremonyError::Destination(e));
            }
        };
        self.place.choose(path.clone(), notes);
        self.confirmed = false;
        if self.stage != S::OutcomeUnknown {
            self.stage = S::DestinationChosen;
        }
        self.book
            .advance(Stage::DestinationChosen { path: path.clone() })
            .await?;
        self.book
            .log(LogLine::new("destination", Outcome::Succeeded).detail(path.display().to_string()))
            .await;
        Ok(())
    }

    /// Acknowledge (or withdraw) the warning at `index` of `location_notes`.
    pub fn acknowledge_warning(&mut self, index: usize, acknowledged: bool) {
        self.place.acknowledge(index, acknowledged);
    }

    /// Step 5: fetch Circle's public key for the review.
    pub async fn review(&mut self) -> Result<ReviewFacts, CeremonyError> {
        self.require_review()?;
        let Some(key) = self.api_key.as_ref() else {
            return Err(CeremonyError::NotYet(not_yet::API_KEY_MISSING));
        };
        let app = self.app();
        let checked = steps::fetch_public_key(
            &self.ctx,
            &self.book,
            key,
            app.as_ref().map(|(e, a)| (*e, a.as_str())),
        )
        .await?;
        self.reviewed(checked).await
    }

    /// Step 5, offline: Circle's public key from a PEM file fetched
    /// elsewhere instead of from Circle.
    pub async fn review_with_key_file(
        &mut self,
        path: &Path,
    ) -> Result<ReviewFacts, CeremonyError> {
        self.require_review()?;
        let app = self.app();
        let checked = steps::import_public_key(
            &self.book,
            path,
            app.as_ref().map(|(e, a)| (*e, a.as_str())),
        )
        .await?;
        self.reviewed(checked).await
    }

    fn require_review(&self) -> Result<(), CeremonyError> {
        self.require(
            &[S::DestinationChosen, S::Reviewed, S::OutcomeUnknown],
            not_yet::DESTINATION_BEFORE_REVIEW,
        )?;
        if self.place.path().is_none() {
            return Err(CeremonyError::NotYet(not_yet::DESTINATION_BEFORE_REVIEW));
        }
        if !self.warnings_acknowledged() {
            return Err(CeremonyError::WarningsNotAcknowledged);
        }
        Ok(())
    }

    fn app(&self) -> Option<(crate::secret::Environment, String)> {
        Some((self.environment()?, self.app_id.clone()?))
    }

    async fn reviewed(
        &mut self,
        checked: steps::CheckedPublicKey,
    ) -> Result<ReviewFacts, CeremonyError> {
        let fingerprint = checked.key.fingerprint();
        self.public_key = Some(checked);
        self.key_change_acknowledged = false;
        self.confirmed = false;
        if self.stage != S::OutcomeUnknown {
            self.stage = S::Reviewed;
        }
        self.book
            .update(|e| e.public_key_fingerprint = Some(fingerprint))
            .await?;
        self.review_facts()
            .ok_or(CeremonyError::NotYet(not_yet::REVIEW_INCOMPLETE))
    }

    /// Acknowledge that Circle's key fingerprint differs from the one on
    /// record.
    pub fn acknowledge_key_change(&mut self, acknowledged: bool) {
        self.key_change_acknowledged = acknowledged;
    }

    /// Confirm (or withdraw confirmation of) the review.
    pub fn confirm_review(&mut self, confirmed: bool) {
        self.confirmed = confirmed;
    }

    /// Go back one step where that is safe: never once the secret is stored
    /// (it stays in the keychain) except to choose another destination, and
    /// never once registration was sent.
    pub fn back(&mut self) -> bool {
        let to = match self.stage {
            S::KeyAccepted if self.continues.is_none() => {
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
                self.place.clear();
                S::SecretStored
            }
            _ => return false,
        };
        self.stage = to;
        true
    }
}
