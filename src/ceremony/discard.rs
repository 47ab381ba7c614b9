//! Discarding an unregistered secret: only one that cannot be registered
//! (never sent, or refused by Circle), only after the person typed its
//! fingerprint, read from the keychain now.

use std::sync::Arc;

use super::bookkeeping::{Bookkeeping, LogLine};
use super::steps::read_secret;
use super::{CeremonyContext, CeremonyError, blocking};
use crate::store::{self, AccountKind, CeremonyKind, InProgress, Outcome, Presence};
use crate::text::not_yet;

/// What is being discarded.
#[derive(Debug, Clone)]
pub enum DiscardTarget {
    /// The staged secret of an unfinished ceremony.
    Unfinished(Box<InProgress>),
    /// A keychain entry of this app that nothing explains.
    Stray {
        /// Its account.
        account: String,
    },
}

/// A discard waiting for the person's typed confirmation.
pub struct Discard {
    ctx: CeremonyContext,
    book: Bookkeeping,
    account: String,
    fingerprint: String,
}

impl Discard {
    /// Check that `target` may be discarded, and read its fingerprint for
    /// the person to confirm. Refused for a secret Circle may hold.
    pub async fn prepare(
        ctx: CeremonyContext,
        target: DiscardTarget,
    ) -> Result<Self, CeremonyError> {
        let (account, expected, book) = match target {
            DiscardTarget::Unfinished(entry) => {
                if entry.may_be_registered() {
                    return Err(CeremonyError::MayBeRegistered {
                        account: entry.keychain_account.clone(),
                    });
                }
                let account = entry.keychain_account.clone();
                let expected = Some(entry.secret_fingerprint.clone());
                (account, expected, Bookkeeping::resumed(&ctx, *entry))
            }
            DiscardTarget::Stray { account } => {
                match store::parse_account(&account) {
                    Some((_, _, AccountKind::Pending | AccountKind::Retired)) => {}
                    // A secret under an active name may be the registered
                    // one; it is never offered for deletion.
                    _ => return Err(CeremonyError::MayBeRegistered { account }),
                }
                // Another ceremony working on it must finish first.
                let journal = ctx.journal.clone();
                let busy = blocking(move || journal.unfinished()).await??;
                if busy.iter().any(|e| e.keychain_account == account) {
                    return Err(CeremonyError::MayBeRegistered { account });
                }
                (
                    account,
                    None,
                    Bookkeeping::new(&ctx, CeremonyKind::Keychain),
                )
            }
        };
        let secret = read_secret(&ctx, &account, expected.as_deref()).await?;
        Ok(Self {
            fingerprint: secret.fingerprint(),
            ctx,
            book,
            account,
        })
    }

    /// The keychain account.
    pub fn account(&self) -> &str {
        &self.account
    }

    /// The fingerprint the person must type.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Delete the secret if `typed` is its fingerprint (case and spaces
    /// ignored), then close the ceremony's journal entry.
    pub async fn confirm(mut self, typed: &str) -> Result<(), CeremonyError> {
        delete_confirmed(
            &self.ctx,
            &mut self.book,
            &self.account,
            &self.fingerprint,
            typed,
        )
        .await
    }
}

/// Delete the secret under `account` if `typed` is `fingerprint` (case and
/// spaces ignored) and the keychain still holds that very secret; log it
/// and close the ceremony's journal entry.
pub(crate) async fn delete_confirmed(
    ctx: &CeremonyContext,
    book: &mut Bookkeeping,
    account: &str,
    fingerprint: &str,
    typed: &str,
) -> Result<(), CeremonyError> {
    let typed: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if typed != fingerprint {
        return Err(CeremonyError::FingerprintNotConfirmed);
    }
    // Read again: it must still be the secret the person confirmed.
    read_secret(ctx, account, Some(fingerprint)).await?;
    let store = Arc::clone(&ctx.store);
    let target = account.to_owned();
    blocking(move || store.delete(&target)).await??;
    book.log(
        LogLine::new("discard_secret", Outcome::Succeeded)
            .secret(Some(fingerprint.to_owned()))
            .detail(format!("deleted from the keychain ({account})")),
    )
    .await;
    book.finish().await;
    Ok(())
}

/// Remove the journal entry of a ceremony that has nothing behind it: it
/// stopped before its secret was stored, or its secret is gone. Refused if
/// the keychain does hold the secret, or Circle may.
pub async fn dismiss(ctx: CeremonyContext, entry: InProgress) -> Result<(), CeremonyError> {
    if entry.may_be_registered() {
        return Err(CeremonyError::MayBeRegistered {
            account: entry.keychain_account.clone(),
        });
    }
    let store = Arc::clone(&ctx.store);
    let account = entry.keychain_account.clone();
    if blocking(move || store.presence(&account)).await?? != Presence::Absent {
        return Err(CeremonyError::NotYet(not_yet::DISCARD_INSTEAD));
    }
    let mut book = Bookkeeping::resumed(&ctx, entry);
    book.log(LogLine::new("dismiss", Outcome::Succeeded).detail("nothing was left behind"))
        .await;
    book.finish().await;
    Ok(())
}
