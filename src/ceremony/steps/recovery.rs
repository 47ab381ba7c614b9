//! A recovery file that exists only in memory, and its way to disk: the
//! same journaled, verified write whether it came in Circle's answer or
//! from a file the person downloaded from Console.

use std::path::PathBuf;
use std::sync::Arc;

use crate::ceremony::bookkeeping::{Bookkeeping, LogLine};
use crate::ceremony::{CeremonyContext, CeremonyError, blocking};
use crate::secret::RecoveryFile;
use crate::store::{self, Outcome, RecoveryProgress, UnverifiedReason, WrittenRecovery};

/// Where a pending recovery file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoveryOrigin {
    /// Circle's answer to the registration.
    CircleAnswer {
        /// Circle's request id.
        request_id: String,
    },
    /// A file the person downloaded from Circle Console and imported.
    Imported {
        /// Where it was imported from.
        path: PathBuf,
    },
    /// A temporary file left by a save that was stopped half-way.
    LeftBehind {
        /// The temporary file.
        path: PathBuf,
    },
}

/// A recovery file held in memory until it is written and verified.
#[derive(Clone)]
pub struct PendingRecovery {
    /// The content, shared with the blocking writer thread.
    pub content: Arc<RecoveryFile>,
    /// Why it is not a verified recovery file, if it is not.
    pub problem: Option<UnverifiedReason>,
    /// Where it came from.
    pub origin: RecoveryOrigin,
}

impl std::fmt::Debug for PendingRecovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingRecovery")
            .field("content", &self.content)
            .field("problem", &self.problem)
            .field("origin", &self.origin)
            .finish()
    }
}

impl PendingRecovery {
    /// The SHA-256 of the content.
    pub fn sha256(&self) -> String {
        self.content.sha256()
    }
}

/// Write `pending` to `target` (a new file), journaling the temporary
/// file's name before a byte is written and the verified result after.
/// An UNVERIFIED content goes under a clearly marked name beside `target`.
pub async fn save_pending_recovery(
    ctx: &CeremonyContext,
    book: &mut Bookkeeping,
    pending: &PendingRecovery,
    target: PathBuf,
) -> Result<WrittenRecovery, CeremonyError> {
    let target = match pending.problem {
        // A clearly marked name, so nobody mistakes it for a verified file.
        Some(_) => target.with_file_name(format!(
            "recovery_file_UNVERIFIED_{}.dat",
            ctx.clock.now().format("%Y%m%d-%H%M%S")
        )),
        None => target,
    };
    let sha256 = pending.sha256();
    let plan_for = target.clone();
    let plan = match blocking(move || store::plan_write(&plan_for)).await? {
        Ok(plan) => plan,
        Err(e) => return Err(failed(book, e).await),
    };
    book.update_or_note(|e| {
        e.recovery = RecoveryProgress::Writing {
            temp: plan.temp.clone(),
            target: plan.target.clone(),
            sha256: sha256.clone(),
            unverified: pending.problem,
        };
    })
    .await;
    let content = Arc::clone(&pending.content);
    let written = match blocking(move || store::write_planned(&plan, &content)).await? {
        Ok(written) => written,
        Err(e) => {
            // Nothing of the failed write is left on disk: back to "held".
            book.update_or_note(|e| {
                e.recovery = RecoveryProgress::Held {
                    sha256,
                    unverified: pending.problem,
                }
            })
            .await;
            return Err(failed(book, e).await);
        }
    };
    let verified = pending.problem.is_none();
    book.update_or_note(|e| {
        e.recovery = RecoveryProgress::Saved {
            path: written.path.clone(),
            sha256: written.sha256.clone(),
            unverified: pending.problem,
        };
    })
    .await;
    book.log(
        LogLine::new("write_recovery_file", Outcome::Succeeded).detail(if verified {
            format!(
                "written and verified: {} sha256 {}",
                written.path.display(),
                written.sha256
            )
        } else {
            format!("written UNVERIFIED to {}", written.path.display())
        }),
    )
    .await;
    Ok(written)
}

async fn failed(book: &Bookkeeping, e: store::RecoveryWriteError) -> CeremonyError {
    book.log(LogLine::new("write_recovery_file", Outcome::Failed).detail(e.to_string()))
        .await;
    CeremonyError::Recovery(e)
}

/// A recovery file from bytes read from disk, moved (not copied) into its
/// zeroizing type; `None`, with the bytes wiped, when they are not text (a
/// recovery file is base64, so never a valid one).
pub fn recovery_from_bytes(mut bytes: zeroize::Zeroizing<Vec<u8>>) -> Option<RecoveryFile> {
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(text) => Some(RecoveryFile::new(text)),
        Err(e) => {
            let mut raw = e.into_bytes();
            zeroize::Zeroize::zeroize(&mut raw);
            None
        }
    }
}
