//! The irreversible step and what must follow it: send a fresh ciphertext,
//! keep whatever Circle answers, write and verify the recovery file, then
//! make the secret the app's active one and record it.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Onboarding, OnboardingStage as S, RegisterOutcome, SaveOutcome, UnverifiedRecovery};
use crate::ceremony::bookkeeping::LogLine;
use crate::ceremony::steps::{
    PendingRecovery, RecoveryOrigin, accepted_record, promote, record_registration,
    save_pending_recovery,
};
use crate::ceremony::{CeremonyError, blocking};
use crate::circle::{CircleError, RecoveryContent};
use crate::error::Explain;
use crate::secret::Ciphertext;
use crate::store::{self, Outcome, RecoveryProgress, RegistrationRecord, Stage, UnverifiedReason};
use crate::text::log as text_log;
use crate::text::not_yet;

impl Onboarding {
    /// Steps 6 and 7: send a fresh ciphertext, then write and verify the
    /// recovery file. Circle errors that leave nothing registered return
    /// `Err` and the ceremony stays at the review, ready to retry.
    pub async fn register(&mut self) -> Result<RegisterOutcome, CeremonyError> {
        self.require(&[S::Reviewed, S::OutcomeUnknown], not_yet::REVIEW_FIRST)?;
        if !self.confirmed {
            return Err(CeremonyError::NotConfirmed);
        }
        if !self.live_confirmed() {
            return Err(CeremonyError::LiveNotConfirmed);
        }
        if !self.key_change_acknowledged() {
            return Err(CeremonyError::KeyChangeNotAcknowledged);
        }
        let Some(destination) = self.place.path().map(std::path::Path::to_path_buf) else {
            return Err(CeremonyError::NotYet("earlier steps are incomplete"));
        };
        // The destination was proven writable at step 4; prove it again so a
        // drive pulled out since then is noticed before the irreversible step.
        let probe = destination.clone();
        blocking(move || store::prove_writable(&probe))
            .await?
            .map_err(CeremonyError::Destination)?;
        let (Some(key), Some(secret), Some(public_key)) = (
            self.api_key.as_ref(),
            self.secret.as_ref(),
            self.public_key.as_ref(),
        ) else {
            return Err(CeremonyError::NotYet("earlier steps are incomplete"));
        };
        let was_sent_before = self.possibly_registered || self.journal_says_sent();
        self.book.advance(Stage::RegistrationSent).await?;
        // Every attempt encrypts afresh: a ciphertext is single-use.
        let result = self
            .ctx
            .circle()?
            .register(key, || Ciphertext::encrypt(secret, &public_key.key))
            .await;
        let fingerprint = self.secret_fingerprint();
        let key_fingerprint = Some(public_key.key.fingerprint());
        match result {
            Ok(answer) => {
                let registration = answer.value;
                let (content, problem) = match registration.recovery {
                    RecoveryContent::RecoveryFile(file) if file.looks_valid() => (file, None),
                    RecoveryContent::RecoveryFile(file) => {
                        (file, Some(UnverifiedReason::NotBase64))
                    }
                    RecoveryContent::WholeBody(body) => (body, Some(UnverifiedReason::Missing)),
                };
                let pending = PendingRecovery {
                    content: Arc::new(content),
                    problem,
                    origin: RecoveryOrigin::CircleAnswer {
                        request_id: answer.request_id.clone(),
                    },
                };
                let sha256 = pending.sha256();
                self.recovery = Some(pending);
                self.stage = S::Registered;
                // Circle has acted: nothing may stop the recovery file from
                // being written now, not even a failing journal.
                let now = self.ctx.clock.now();
                self.book
                    .update_or_note(|e| {
                        e.stage = Stage::Registered;
                        e.accepted_at = Some(now);
                        e.recovery = RecoveryProgress::Held {
                            sha256,
                            unverified: problem,
                        };
                    })
                    .await;
                self.book
                    .log(
                        LogLine::new("register", Outcome::Succeeded)
                            .secret(fingerprint)
                            .public_key(key_fingerprint)
                            .request(Some(answer.request_id))
                            .detail(match problem {
                                None => text_log::REGISTER_ACCEPTED.to_owned(),
                                Some(UnverifiedReason::NotBase64) => {
                                    text_log::REGISTER_RECOVERY_NOT_BASE64.to_owned()
                                }
                                Some(UnverifiedReason::Missing) => {
                                    text_log::REGISTER_RECOVERY_MISSING.to_owned()
                                }
                            }),
                    )
                    .await;
                match self.save_recovery(None).await {
                    Ok(saved) => Ok(RegisterOutcome::Saved(Box::new(saved))),
                    Err(e) => Ok(RegisterOutcome::RecoveryUnsaved(e)),
                }
            }
            Err(CircleError::AlreadyRegistered {
                after_ambiguous_attempt,
                request_id,
            }) => {
                let possibly_this_secret = after_ambiguous_attempt || was_sent_before;
                self.stage = S::AlreadyRegistered;
                // The journal keeps the entry: the secret stays in the
                // keychain (pending) until the person discards it, and if it
                // may be the registered one, the next launch must say so.
                self.book
                    .update_or_note(|e| {
                        e.stage = Stage::AlreadyRegistered {
                            possibly_this_secret,
                        };
                    })
                    .await;
                self.book
                    .log(
                        LogLine::new("register", Outcome::Failed)
                            .secret(fingerprint)
                            .request(request_id.clone())
                            .detail(if possibly_this_secret {
                                text_log::ALREADY_REGISTERED_POSSIBLY_THIS
                            } else {
                                text_log::ALREADY_REGISTERED
                            }),
                    )
                    .await;
                Ok(RegisterOutcome::AlreadyRegistered {
                    possibly_this_secret,
                    request_id,
                })
            }
            Err(e) if e.may_have_registered() => {
                // The connection broke after sending, or Circle answered with
                // server errors: it may have acted. The journal stays at
                // RegistrationSent, so the next launch says so too.
                self.possibly_registered = true;
                self.stage = S::OutcomeUnknown;
                let request_id = e.request_id().map(str::to_owned);
                self.book
                    .log(
                        LogLine::new("register", Outcome::Failed)
                            .secret(fingerprint)
                            .request(request_id.clone())
                            .detail(format!("outcome unknown: {e}")),
                    )
                    .await;
                Ok(RegisterOutcome::OutcomeUnknown {
                    request_id,
                    reason: e.to_string(),
                })
            }
            Err(e) => {
                self.book
                    .log(
                        LogLine::new("register", Outcome::Failed)
                            .secret(fingerprint)
                            .request(e.request_id().map(str::to_owned))
                            .detail(e.to_string()),
                    )
                    .await;
                // Circle refused, or the request never left: nothing was
                // registered by this attempt. Unless an earlier one may
                // have, the journal goes back to the review too.
                if !was_sent_before {
                    self.book
                        .update(|e| e.stage = Stage::DestinationChosen { path: destination })
                        .await?;
                }
                Err(e.into())
            }
        }
    }

    /// Step 7: write the recovery file held in memory, to the chosen
    /// destination or, after a failure, to another path; verified by
    /// reading it back. Then the secret becomes the app's active secret and
    /// the registration is recorded.
    pub async fn save_recovery(
        &mut self,
        path: Option<PathBuf>,
    ) -> Result<SaveOutcome, CeremonyError> {
        self.require(&[S::Registered], not_yet::NOTHING_RECEIVED)?;
        let Some(pending) = self.recovery.clone() else {
            return Err(CeremonyError::NotYet(not_yet::NOTHING_RECEIVED));
        };
        let target = match path.or_else(|| self.place.path().map(std::path::Path::to_path_buf)) {
            Some(p) => p,
            None => return Err(CeremonyError::NotYet("no destination was chosen")),
        };
        let written = save_pending_recovery(&self.ctx, &mut self.book, &pending, target).await?;
        // The file is safe on disk: from here the ceremony is done, and a
        // failing keychain move or record is reported, never a reason to
        // write the file again.
        self.recovery = None;
        self.place.written_at(written.path.clone());
        let unverified = pending.problem.map(|reason| UnverifiedRecovery {
            path: written.path.clone(),
            reason,
        });
        let record = self.make_record()?;
        self.finish_registration(record.clone()).await;
        self.stage = S::Done;
        let outcome = SaveOutcome {
            written,
            record,
            unverified,
        };
        self.outcome = Some(outcome.clone());
        Ok(outcome)
    }

    /// Move the secret to its active account, write the record, close the
    /// journal. Failures are kept for the screen; the journal stays open
    /// when something is left, so the next launch finishes it.
    async fn finish_registration(&mut self, record: RegistrationRecord) {
        if let Some(secret) = self.secret.as_ref() {
            let promoted = promote(&self.ctx, &mut self.book, secret).await;
            self.book.note(promoted);
        }
        let recorded = record_registration(&mut self.book, record).await;
        self.book.note(recorded);
        let all_done = self
            .book
            .entry()
            .is_some_and(|e| e.promoted && e.record_written);
        if all_done {
            self.book.finish().await;
        }
    }

    /// The record of this registration, from the journal entry (which
    /// knows where the recovery file went, and whether it is verified).
    fn make_record(&self) -> Result<RegistrationRecord, CeremonyError> {
        let Some(entry) = self.book.entry() else {
            return Err(CeremonyError::NotYet(not_yet::NOT_JOURNALED));
        };
        Ok(accepted_record(entry, None, self.ctx.clock.now()))
    }
}
