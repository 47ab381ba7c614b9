//! After Circle (or Console) has accepted a new secret: it becomes the
//! app's active secret in the keychain, a rotation's old secret is kept as
//! retired, and the record is written. Each step is journaled, and each can
//! be run again after a stop: it looks at the keychain and does only what
//! is left.

use std::sync::Arc;

use crate::ceremony::bookkeeping::{Bookkeeping, LogLine};
use crate::ceremony::{CeremonyContext, CeremonyError, blocking};
use chrono::{DateTime, Utc};

use crate::secret::EntitySecret;
use crate::store::{
    self, InProgress, Outcome, RecoveryProgress, RecoveryWarning, RegistrationRecord,
    RetiredSecret, SecretStore,
};
use crate::text::not_yet;

/// Move the accepted secret from its pending account to the active one,
/// retiring the secret that was there. In this order, so that at every
/// moment each secret is under at least one account: old to retired, old
/// removed from active, new to active, new removed from pending.
pub async fn promote(
    ctx: &CeremonyContext,
    book: &mut Bookkeeping,
    new_secret: &EntitySecret,
) -> Result<(), CeremonyError> {
    let Some(entry) = book.entry().cloned() else {
        return Err(CeremonyError::NotYet(not_yet::NOT_JOURNALED));
    };
    if entry.promoted {
        return Ok(());
    }
    let Some(active) = entry.promote_to.clone() else {
        // Format 1 journals stored the secret under its final name.
        book.update(|e| e.promoted = true).await?;
        return Ok(());
    };
    let store = Arc::clone(&ctx.store);
    let new = new_secret.duplicate();
    let retire = entry.retire.clone();
    let pending = entry.keychain_account.clone();
    blocking(move || move_into_place(store.as_ref(), &pending, &active, &new, retire.as_ref()))
        .await??;
    book.update(|e| e.promoted = true).await?;
    book.log(
        LogLine::new("promote_secret", Outcome::Succeeded)
            .secret(Some(new_secret.fingerprint()))
            .detail(match &entry.retire {
                Some(r) => crate::text::log::promoted_retiring(
                    entry.final_account(),
                    &r.fingerprint,
                    &r.to_account,
                ),
                None => crate::text::log::promoted(entry.final_account()),
            }),
    )
    .await;
    Ok(())
}

fn move_into_place(
    store: &dyn SecretStore,
    pending: &str,
    active: &str,
    new: &EntitySecret,
    retire: Option<&crate::store::Retirement>,
) -> Result<(), crate::store::StoreError> {
    let current = store.get(active)?;
    let already_active = current.as_ref().is_some_and(|c| c == new);
    if !already_active {
        if let Some(old) = current {
            if let Some(retire) = retire {
                // Kept first, so the old secret is never only in memory.
                store.put(&retire.to_account, &old)?;
            }
            // Without a retirement plan the active account must be empty
            // (a first registration): `put` below refuses to replace it.
            if retire.is_some() {
                store.delete(active)?;
            }
        }
        store.put(active, new)?;
    }
    store.delete(pending)
}

/// Write the record of the accepted secret and journal that it is written.
pub async fn record_registration(
    book: &mut Bookkeeping,
    record: RegistrationRecord,
) -> Result<(), CeremonyError> {
    book.upsert_record(record).await?;
    book.update(|e| e.record_written = true).await
}

/// After [`promote`]: the registration the journal describes, recorded
/// beside what this computer's previous record of the app knew (a
/// rotation keeps its history), and the journal told the record is
/// written. `when` gives the moment that stands in for the acceptance in a
/// journal that never recorded it.
pub async fn record_accepted(
    book: &mut Bookkeeping,
    when: impl FnOnce(&InProgress) -> DateTime<Utc>,
) -> Result<RegistrationRecord, CeremonyError> {
    let Some(entry) = book.entry().cloned() else {
        return Err(CeremonyError::NotYet(not_yet::NOT_JOURNALED));
    };
    let previous = book
        .list_records()
        .await?
        .into_iter()
        .find(|r| r.environment == entry.environment && r.app_id == entry.app_id);
    let record = accepted_record(&entry, previous.as_ref(), when(&entry));
    record_registration(book, record.clone()).await?;
    Ok(record)
}

/// SHA-256 of nothing: an empty answer saved as it came has no SHA-256
/// worth recording as a recovery file's.
const SHA256_OF_NOTHING: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The record of a secret Circle accepted, from its journal entry: the same
/// for every ceremony, whether it finished at once or after a stop.
/// `previous` is the app's record before (a rotation keeps its history);
/// `now` stands in for the moment of acceptance only in a journal that
/// never recorded it.
pub fn accepted_record(
    entry: &InProgress,
    previous: Option<&RegistrationRecord>,
    now: DateTime<Utc>,
) -> RegistrationRecord {
    let accepted_at = entry.accepted_at.unwrap_or(now);
    let (recovery_sha256, recovery_path, recovery_warning) = match &entry.recovery {
        RecoveryProgress::Saved {
            path,
            sha256,
            unverified,
        } => (
            (sha256 != SHA256_OF_NOTHING).then(|| sha256.clone()),
            Some(path.clone()),
            unverified.map(|reason| RecoveryWarning::Unverified { reason }),
        ),
        RecoveryProgress::Elsewhere { place, sha256 } => (
            sha256.clone(),
            None,
            Some(RecoveryWarning::KeptElsewhere {
                place: place.clone(),
            }),
        ),
        RecoveryProgress::None
        | RecoveryProgress::Held { .. }
        | RecoveryProgress::Writing { .. } => (None, None, Some(RecoveryWarning::NotSaved)),
    };
    let mut retired = previous.map(|p| p.retired.clone()).unwrap_or_default();
    if let Some(r) = &entry.retire {
        retired.push(RetiredSecret {
            fingerprint: r.fingerprint.clone(),
            keychain_account: r.to_account.clone(),
            retired_at: accepted_at,
        });
    }
    RegistrationRecord {
        rehearsal: entry.rehearsal,
        environment: entry.environment,
        app_id: entry.app_id.clone(),
        secret_fingerprint: entry.secret_fingerprint.clone(),
        public_key_fingerprint: entry
            .public_key_fingerprint
            .clone()
            .or_else(|| previous.map(|p| p.public_key_fingerprint.clone()))
            .unwrap_or_default(),
        registered_at: accepted_at,
        rotate_by: store::rotate_by(accepted_at),
        recovery_sha256,
        recovery_path,
        keychain_service: entry.keychain_service.clone(),
        keychain_account: entry.final_account().to_owned(),
        recovery_warning,
        ceremony: Some(entry.ceremony),
        retired,
        last_check: None,
        // Handoff files of the replaced secret stay on the record, which
        // can then say that they carry a retired secret.
        handoffs: previous.map(|p| p.handoffs.clone()).unwrap_or_default(),
    }
}
