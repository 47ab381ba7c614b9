//! After Console: the person says what it did. Accepted, the new recovery
//! file Console gave is imported, checked and saved apart from this
//! computer, and only then does the new secret become the active one.
//! Refused, the new secret is discarded after its fingerprint is typed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{ConsoleCeremony, ConsoleStage as S};
use crate::ceremony::bookkeeping::LogLine;
use crate::ceremony::discard::delete_confirmed;
use crate::ceremony::steps::{
    PendingRecovery, RecoveryOrigin, accepted_record, promote, record_registration,
    recovery_from_bytes, save_pending_recovery,
};
use crate::ceremony::{CeremonyError, ChosenPlace, blocking};
use crate::store::{
    self, Outcome, RecoveryProgress, RegistrationRecord, Retirement, Stage, WrittenRecovery,
};
use crate::text::not_yet;

/// What a finished Console ceremony left.
#[derive(Debug, Clone)]
pub struct ConsoleOutcome {
    /// The record of the new secret.
    pub record: RegistrationRecord,
    /// The new recovery file, saved and verified (absent when it was
    /// recorded as kept elsewhere).
    pub written: Option<WrittenRecovery>,
    /// Where the replaced secret is kept, after a rotation (or a reset of
    /// a secret still in the keychain).
    pub retired: Option<Retirement>,
    /// The recovery file of the previous secret, worthless now.
    pub previous_recovery: Option<PathBuf>,
}

/// Why an imported recovery file was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportProblem {
    /// The file is empty.
    Empty,
    /// Far larger than any recovery file.
    TooLarge,
    /// Not text, so not base64.
    NotText,
    /// Text, but not standard base64.
    NotBase64,
    /// The same bytes as the recovery file of the secret being replaced.
    SameAsPrevious,
}

/// The largest file accepted as a recovery file: Circle's are a few KiB.
const MAX_RECOVERY_BYTES: u64 = 1024 * 1024;

impl ConsoleCeremony {
    /// The person says Console accepted the new secret. From now on it is
    /// the registered one: the journal says so before anything else.
    pub async fn console_accepted(&mut self) -> Result<(), CeremonyError> {
        self.require(&[S::ShownForConsole], not_yet::CIPHERTEXTS_FIRST)?;
        let now = self.book.now();
        self.book
            .update(|e| {
                e.stage = Stage::Registered;
                e.accepted_at = Some(now);
            })
            .await?;
        self.stage = S::Accepted;
        self.book
            .log(
                LogLine::new("console", Outcome::Succeeded)
                    .secret(self.new_fingerprint())
                    .detail(crate::text::log::CONSOLE_ACCEPTED),
            )
            .await;
        Ok(())
    }

    /// The person says Console refused, or gives up: the new secret waits to
    /// be discarded; nothing else changes.
    pub async fn console_refused(&mut self) -> Result<(), CeremonyError> {
        self.require(
            &[S::SecretStaged, S::KeyReady, S::ShownForConsole],
            not_yet::ONLY_UNFINISHED_GIVEN_UP,
        )?;
        self.book.advance(Stage::ConsoleRefused).await?;
        self.stage = S::Refused;
        self.book
            .log(
                LogLine::new("console", Outcome::Cancelled)
                    .secret(self.new_fingerprint())
                    .detail(crate::text::log::CONSOLE_REFUSED),
            )
            .await;
        Ok(())
    }

    /// Delete the new secret after a refusal, once its fingerprint is typed.
    pub async fn discard_new_secret(&mut self, typed: &str) -> Result<(), CeremonyError> {
        self.require(&[S::Refused], not_yet::ONLY_REFUSED_DISCARDED)?;
        let (Some(entry), Some(fingerprint)) = (self.book.entry().cloned(), self.new_fingerprint())
        else {
            return Err(CeremonyError::NotYet(not_yet::NO_NEW_SECRET));
        };
        delete_confirmed(
            &self.ctx,
            &mut self.book,
            &entry.keychain_account,
            &fingerprint,
            typed,
        )
        .await?;
        self.new_secret = None;
        self.stage = S::Discarded;
        Ok(())
    }

    /// Import the recovery file Console gave (downloaded on this computer or
    /// carried to it). Refused when it is empty, not base64, or the same as
    /// the recovery file of the secret it replaces.
    pub async fn import_recovery_file(&mut self, path: &Path) -> Result<String, CeremonyError> {
        self.require(
            &[S::Accepted, S::RecoveryImported],
            not_yet::CONSOLE_ACCEPTED_FIRST,
        )?;
        let from = path.to_path_buf();
        let read = blocking(
            move || -> std::io::Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
                if std::fs::metadata(&from)?.len() > MAX_RECOVERY_BYTES {
                    return Ok(None);
                }
                store::read_private(&from).map(Some)
            },
        )
        .await?;
        let refuse = |problem| CeremonyError::RecoveryImport {
            path: path.to_path_buf(),
            problem,
        };
        let bytes = match read {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Err(refuse(ImportProblem::TooLarge)),
            Err(e) => {
                return Err(CeremonyError::KeyFile {
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                });
            }
        };
        if bytes.is_empty() {
            return Err(refuse(ImportProblem::Empty));
        }
        let Some(content) = recovery_from_bytes(bytes) else {
            return Err(refuse(ImportProblem::NotText));
        };
        if !content.looks_valid() {
            return Err(refuse(ImportProblem::NotBase64));
        }
        let sha256 = content.sha256();
        if self
            .previous
            .as_ref()
            .and_then(|r| r.recovery_sha256.as_deref())
            == Some(sha256.as_str())
        {
            return Err(refuse(ImportProblem::SameAsPrevious));
        }
        self.recovery = Some(PendingRecovery {
            content: Arc::new(content),
            problem: None,
            origin: RecoveryOrigin::Imported {
                path: path.to_path_buf(),
            },
        });
        let held = sha256.clone();
        self.book
            .update_or_note(|e| {
                e.recovery = RecoveryProgress::Held {
                    sha256: held,
                    unverified: None,
                };
            })
            .await;
        self.stage = S::RecoveryImported;
        self.book
            .log(
                LogLine::new("import_recovery_file", Outcome::Succeeded)
                    .secret(self.new_fingerprint())
                    .detail(format!("{} sha256 {sha256}", path.display())),
            )
            .await;
        Ok(sha256)
    }

    /// Choose where the imported recovery file is saved; proven writable
    /// now, with the same location notes as at registration.
    pub async fn choose_destination(&mut self, path: PathBuf) -> Result<(), CeremonyError> {
        self.require(&[S::RecoveryImported], not_yet::RECOVERY_FILE_FIRST)?;
        let notes = ChosenPlace::probe(&path, &self.ctx.home)
            .await?
            // After Console accepted, a place that fails is not "nothing sent":
            // the recovery file is held (and the imported file is still there).
            .map_err(CeremonyError::Recovery)?;
        self.place.choose(path, notes);
        Ok(())
    }

    /// Acknowledge (or withdraw) the warning at `index` of the location notes.
    pub fn acknowledge_warning(&mut self, index: usize, acknowledged: bool) {
        self.place.acknowledge(index, acknowledged);
    }

    /// Write and verify the recovery file at the chosen place; then the new
    /// secret becomes the active one (the replaced one kept as retired), the
    /// record restarts from today, and the journal closes.
    pub async fn save_recovery(&mut self) -> Result<ConsoleOutcome, CeremonyError> {
        self.require(&[S::RecoveryImported], not_yet::RECOVERY_FILE_FIRST)?;
        let (Some(pending), Some(target)) = (
            self.recovery.clone(),
            self.place.path().map(std::path::Path::to_path_buf),
        ) else {
            return Err(CeremonyError::NotYet(not_yet::CHOOSE_DESTINATION));
        };
        if !self.warnings_acknowledged() {
            return Err(CeremonyError::WarningsNotAcknowledged);
        }
        let written = save_pending_recovery(&self.ctx, &mut self.book, &pending, target).await?;
        self.recovery = None;
        self.finish(Some(written)).await
    }

    /// The recovery file never came to this computer: record where the
    /// person says it is (and its SHA-256 if they have it), then finish.
    pub async fn record_recovery_elsewhere(
        &mut self,
        place: &str,
        sha256: Option<&str>,
    ) -> Result<ConsoleOutcome, CeremonyError> {
        self.require(
            &[S::Accepted, S::RecoveryImported],
            not_yet::CONSOLE_ACCEPTED_FIRST,
        )?;
        let place = place.trim();
        if place.is_empty() {
            return Err(CeremonyError::NotYet(not_yet::SAY_WHERE_KEPT));
        }
        let sha256 = match sha256.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) => {
                Some(s.to_ascii_lowercase())
            }
            Some(_) => return Err(CeremonyError::Sha256NotValid),
            None => None,
        };
        let place = place.to_owned();
        self.book
            .update(|e| e.recovery = RecoveryProgress::Elsewhere { place, sha256 })
            .await?;
        self.recovery = None;
        self.finish(None).await
    }

    async fn finish(
        &mut self,
        written: Option<WrittenRecovery>,
    ) -> Result<ConsoleOutcome, CeremonyError> {
        let Some(secret) = self.new_secret.as_ref() else {
            return Err(CeremonyError::NotYet(not_yet::NO_NEW_SECRET));
        };
        // The recovery file is safe: a failing keychain move or record is
        // reported and left for the next launch to finish, never a reason
        // to lose what is done.
        let promoted = promote(&self.ctx, &mut self.book, secret).await;
        let Some(entry) = self.book.entry().cloned() else {
            return Err(CeremonyError::NotYet(not_yet::NOT_JOURNALED));
        };
        let record = accepted_record(&entry, self.previous.as_ref(), self.book.now());
        let recorded = record_registration(&mut self.book, record.clone()).await;
        let done = promoted.is_ok() && recorded.is_ok();
        self.book.note(promoted);
        self.book.note(recorded);
        if done {
            self.book.finish().await;
        }
        self.stage = S::Done;
        let outcome = ConsoleOutcome {
            record,
            written,
            retired: entry.retire.clone(),
            previous_recovery: entry.previous_recovery.clone(),
        };
        self.outcome = Some(outcome.clone());
        Ok(outcome)
    }
}
