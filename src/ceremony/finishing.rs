//! Finishing a ceremony that stopped after Circle accepted its secret: the
//! journal says what is left (a recovery file in a temporary file, the
//! keychain move, the record), and each is done once, in the order that
//! loses nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::bookkeeping::{Bookkeeping, LogLine};
use super::status::file_has_sha;
use super::steps::{
    PendingRecovery, RecoveryOrigin, promote, read_secret, record_accepted, recovery_from_bytes,
    save_pending_recovery,
};
use super::{CeremonyContext, CeremonyError, blocking};
use crate::secret::{EntitySecret, RecoveryFile};
use crate::store::{
    self, InProgress, Outcome, RecoveryProgress, RegistrationRecord, Stage, WrittenRecovery,
};
use crate::text::not_yet;

/// A recovery file found in the temporary file a stopped save left.
#[derive(Debug, Clone)]
pub struct LeftBehind {
    /// The temporary file.
    pub temp: PathBuf,
    /// Where it was going.
    pub target: PathBuf,
    /// Its SHA-256 (checked against the journal's).
    pub sha256: String,
}

/// An accepted ceremony being finished.
pub struct Finishing {
    ctx: CeremonyContext,
    book: Bookkeeping,
    secret: EntitySecret,
    leftover: Option<(LeftBehind, PendingRecovery)>,
    record: Option<RegistrationRecord>,
}

impl Finishing {
    /// Look at what an accepted ceremony left: its secret (under the pending
    /// account, or already under its final one) and, where the journal says
    /// the recovery file was being written, the file on disk.
    pub async fn open(ctx: CeremonyContext, entry: InProgress) -> Result<Self, CeremonyError> {
        if entry.stage != Stage::Registered {
            return Err(CeremonyError::NotYet(not_yet::ONLY_ACCEPTED_FINISHED));
        }
        let secret = match read_secret(
            &ctx,
            &entry.keychain_account,
            Some(&entry.secret_fingerprint),
        )
        .await
        {
            Ok(secret) => secret,
            Err(CeremonyError::SecretMissing { .. }) => {
                read_secret(&ctx, entry.final_account(), Some(&entry.secret_fingerprint)).await?
            }
            Err(e) => return Err(e),
        };
        let mut book = Bookkeeping::resumed(&ctx, entry.clone());
        let leftover = match &entry.recovery {
            RecoveryProgress::Writing {
                temp,
                target,
                sha256,
                unverified,
            } => {
                let (temp, target, sha256) = (temp.clone(), target.clone(), sha256.clone());
                let unverified = *unverified;
                let probe = (temp.clone(), target.clone(), sha256.clone());
                let (done, in_temp) = blocking(move || {
                    (
                        file_has_sha(&probe.1, &probe.2),
                        file_has_sha(&probe.0, &probe.2),
                    )
                })
                .await?;
                if done {
                    // The file got into place; only the journal was behind.
                    book.update(|e| {
                        e.recovery = RecoveryProgress::Saved {
                            path: target.clone(),
                            sha256: sha256.clone(),
                            unverified,
                        };
                    })
                    .await?;
                    remove_temp(&temp).await;
                    None
                } else if in_temp {
                    let content = read_recovery(&temp).await?;
                    let pending = PendingRecovery {
                        content: Arc::new(content),
                        problem: unverified,
                        origin: RecoveryOrigin::LeftBehind { path: temp.clone() },
                    };
                    Some((
                        LeftBehind {
                            temp,
                            target,
                            sha256,
                        },
                        pending,
                    ))
                } else {
                    None
                }
            }
            _ => None,
        };
        Ok(Self {
            ctx,
            book,
            secret,
            leftover,
            record: None,
        })
    }

    /// The ceremony's journal entry.
    pub fn entry(&self) -> Option<&InProgress> {
        self.book.entry()
    }

    /// Whether this is a rehearsal.
    pub fn is_rehearsal(&self) -> bool {
        self.ctx.rehearsal
    }

    /// A recovery file waiting in a temporary file to be saved.
    pub fn leftover(&self) -> Option<&LeftBehind> {
        self.leftover.as_ref().map(|(l, _)| l)
    }

    /// Whether something is held that must be saved before leaving.
    pub fn holds_unsaved_recovery(&self) -> bool {
        self.leftover.is_some()
    }

    /// The record, once written.
    pub fn record(&self) -> Option<&RegistrationRecord> {
        self.record.as_ref()
    }

    /// A bookkeeping failure to show, if any.
    pub fn log_problem(&self) -> Option<String> {
        self.book.problem()
    }

    /// Save the recovery file found in the temporary file, to where it was
    /// going or to `target`, then remove the temporary file.
    pub async fn save_leftover(
        &mut self,
        target: Option<PathBuf>,
    ) -> Result<WrittenRecovery, CeremonyError> {
        let Some((left, pending)) = self.leftover.clone() else {
            return Err(CeremonyError::NotYet(not_yet::NO_RECOVERY_FILE));
        };
        let target = target.unwrap_or_else(|| left.target.clone());
        let written = save_pending_recovery(&self.ctx, &mut self.book, &pending, target).await?;
        self.leftover = None;
        remove_temp(&left.temp).await;
        Ok(written)
    }

    /// Move the secret into place, write the record and close the journal.
    /// Refused while a recovery file found on disk is not saved yet.
    pub async fn complete(&mut self) -> Result<RegistrationRecord, CeremonyError> {
        if self.leftover.is_some() {
            return Err(CeremonyError::NotYet(not_yet::FOUND_FILE_FIRST));
        }
        promote(&self.ctx, &mut self.book, &self.secret).await?;
        let record = record_accepted(&mut self.book, |entry| entry.updated_at).await?;
        self.book
            .log(
                LogLine::new("finish", Outcome::Succeeded)
                    .secret(Some(record.secret_fingerprint.clone()))
                    .detail("finished after a stop"),
            )
            .await;
        self.book.finish().await;
        self.record = Some(record.clone());
        Ok(record)
    }
}

async fn read_recovery(path: &Path) -> Result<RecoveryFile, CeremonyError> {
    let from = path.to_path_buf();
    let bytes = blocking(move || store::read_private(&from))
        .await?
        .map_err(|e| CeremonyError::Internal(format!("{}: {e}", path.display())))?;
    recovery_from_bytes(bytes)
        .ok_or_else(|| CeremonyError::Internal(format!("{} is not text", path.display())))
}

async fn remove_temp(path: &Path) {
    let path = path.to_path_buf();
    // Best effort: a temporary file left behind is harmless now that its
    // content is saved, and the next save in that folder ignores it.
    let _ = blocking(move || std::fs::remove_file(path)).await;
}
