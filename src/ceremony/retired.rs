//! Deleting a registration's retired secret: one a rotation (or a reset of
//! a secret still in the keychain) replaced and kept, in case the servers
//! still needed it for a while. Circle no longer accepts it, so deleting it
//! loses nothing any wallet depends on; still, only after the person typed
//! its fingerprint, and only the very secret the record names. The record
//! then forgets it.

use super::bookkeeping::{Bookkeeping, LogLine};
use super::discard::delete_confirmed;
use super::steps::read_secret;
use super::{CeremonyContext, CeremonyError, blocking};
use crate::store::{AccountKind, CeremonyKind, Outcome, RegistrationRecord, RetiredSecret};
use crate::text::not_yet;

/// A retired secret waiting for the person's typed confirmation.
pub struct RetiredDeletion {
    ctx: CeremonyContext,
    book: Bookkeeping,
    record: RegistrationRecord,
    retired: RetiredSecret,
    in_keychain: bool,
}

impl RetiredDeletion {
    /// Check that `account` is one of `record`'s retired secrets, and that
    /// the keychain holds that very secret (or nothing: then only the
    /// record is left to tidy).
    pub async fn prepare(
        ctx: CeremonyContext,
        record: RegistrationRecord,
        account: &str,
    ) -> Result<Self, CeremonyError> {
        let Some(retired) = record
            .retired
            .iter()
            .find(|r| r.keychain_account == account)
            .cloned()
        else {
            return Err(CeremonyError::NotYet(not_yet::NOT_RETIRED));
        };
        // Never the registered secret, whatever the record says.
        let is_retired_name = matches!(
            crate::store::parse_account(account),
            Some((_, _, AccountKind::Retired))
        );
        if !is_retired_name || account == record.keychain_account {
            return Err(CeremonyError::MayBeRegistered {
                account: account.to_owned(),
            });
        }
        let in_keychain = match read_secret(&ctx, account, Some(&retired.fingerprint)).await {
            Ok(_) => true,
            Err(CeremonyError::SecretMissing { .. }) => false,
            Err(e) => return Err(e),
        };
        let book = Bookkeeping::new(&ctx, CeremonyKind::Keychain);
        Ok(Self {
            ctx,
            book,
            record,
            retired,
            in_keychain,
        })
    }

    /// The keychain account.
    pub fn account(&self) -> &str {
        &self.retired.keychain_account
    }

    /// The fingerprint the person must type (the keychain's, which is the
    /// record's).
    pub fn fingerprint(&self) -> &str {
        &self.retired.fingerprint
    }

    /// The retired secret as the record has it.
    pub fn retired(&self) -> &RetiredSecret {
        &self.retired
    }

    /// The registration it belonged to.
    pub fn record(&self) -> &RegistrationRecord {
        &self.record
    }

    /// Whether the keychain still holds it (if not, only the record forgets
    /// it).
    pub fn in_keychain(&self) -> bool {
        self.in_keychain
    }

    /// Delete it if `typed` is its fingerprint (case and spaces ignored),
    /// then remove it from the record. The keychain goes first: a record
    /// that still lists a deleted secret says "not in the keychain" and can
    /// be tidied again, while the reverse would leave a secret nothing
    /// explains.
    pub async fn confirm(mut self, typed: &str) -> Result<(), CeremonyError> {
        let account = self.retired.keychain_account.clone();
        let fingerprint = self.retired.fingerprint.clone();
        if self.in_keychain {
            delete_confirmed(&self.ctx, &mut self.book, &account, &fingerprint, typed).await?;
        } else {
            let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
            if !typed.eq_ignore_ascii_case(&fingerprint) {
                return Err(CeremonyError::FingerprintNotConfirmed);
            }
        }
        let records = self.book.records().clone();
        let (environment, app_id) = (self.record.environment, self.record.app_id.clone());
        let gone = account.clone();
        blocking(move || {
            records.update(environment, &app_id, |r| {
                r.retired.retain(|x| x.keychain_account != gone)
            })
        })
        .await??;
        self.book
            .log(
                LogLine::new("forget_retired", Outcome::Succeeded)
                    .secret(Some(fingerprint))
                    .detail(format!("removed from the record ({account})")),
            )
            .await;
        Ok(())
    }
}
