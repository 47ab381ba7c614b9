//! Staging a new secret: journaled first, then stored under the app's
//! pending account and read back. It becomes the app's active secret only
//! once Circle has accepted it (see `finish`).

use std::path::PathBuf;
use std::sync::Arc;

use crate::ceremony::bookkeeping::{Bookkeeping, LogLine};
use crate::ceremony::{CeremonyContext, CeremonyError, blocking};
use crate::secret::{EntitySecret, Environment};
use crate::store::{self, InProgress, Outcome, RecoveryProgress, Retirement, Stage, StoreError};

/// Where a staged secret belongs.
#[derive(Debug, Clone)]
pub struct StagePlan {
    /// TEST or LIVE.
    pub environment: Environment,
    /// Circle's app id.
    pub app_id: String,
    /// The current secret a rotation retires once the new one is accepted.
    pub retire: Option<Retirement>,
    /// The recovery file of the last ceremony (a reset uploads it).
    pub previous_recovery: Option<PathBuf>,
}

/// Journal the ceremony, then store `secret` under the pending account and
/// read it back through a fresh entry. A failure that stored nothing closes
/// the journal entry again; a read-back mismatch keeps it, since something
/// may be in the keychain.
pub async fn stage_secret(
    ctx: &CeremonyContext,
    book: &mut Bookkeeping,
    secret: &EntitySecret,
    plan: StagePlan,
) -> Result<(), CeremonyError> {
    let account = store::pending_account_name(plan.environment, &plan.app_id);
    let now = book.now();
    // The journal first: a crash during the keychain write must still be
    // found at the next launch.
    book.begin(InProgress {
        id: Bookkeeping::new_id(),
        rehearsal: ctx.rehearsal,
        ceremony: book.kind(),
        environment: plan.environment,
        app_id: plan.app_id.clone(),
        secret_fingerprint: secret.fingerprint(),
        keychain_service: ctx.keychain_service.clone(),
        keychain_account: account.clone(),
        stage: Stage::StoringSecret,
        started_at: now,
        updated_at: now,
        promote_to: Some(store::account_name(plan.environment, &plan.app_id, false)),
        retire: plan.retire,
        recovery: RecoveryProgress::None,
        promoted: false,
        record_written: false,
        previous_recovery: plan.previous_recovery,
        public_key_fingerprint: None,
        accepted_at: None,
    })
    .await?;
    let copy = secret.duplicate();
    let store = Arc::clone(&ctx.store);
    let target = account.clone();
    if let Err(e) = blocking(move || store.put(&target, &copy)).await? {
        book.log(
            LogLine::new("store_secret", Outcome::Failed)
                .secret(Some(secret.fingerprint()))
                .detail(e.to_string()),
        )
        .await;
        if !matches!(e, StoreError::ReadBackMismatch { .. }) {
            book.finish().await;
        }
        return Err(e.into());
    }
    book.advance(Stage::SecretStored).await?;
    book.log(
        LogLine::new("store_secret", Outcome::Succeeded)
            .secret(Some(secret.fingerprint()))
            .detail(format!("{} / {account}", ctx.store.backend_name())),
    )
    .await;
    Ok(())
}
