//! The keychain step: prove it works before anything depends on it; and
//! reading a stored secret back for a later step.

use std::sync::Arc;

use crate::ceremony::bookkeeping::{Bookkeeping, LogLine};
use crate::ceremony::{CeremonyContext, CeremonyError, blocking};
use crate::secret::EntitySecret;
use crate::store::Outcome;

/// Write, read back and delete a probe entry. Returns the keychain's name
/// for a person.
pub async fn check_keychain(
    ctx: &CeremonyContext,
    book: &Bookkeeping,
) -> Result<String, CeremonyError> {
    let store = Arc::clone(&ctx.store);
    match blocking(move || store.probe()).await? {
        Ok(report) => {
            book.log(
                LogLine::new("keychain_probe", Outcome::Succeeded).detail(report.backend.clone()),
            )
            .await;
            Ok(report.backend)
        }
        Err(e) => {
            book.log(LogLine::new("keychain_probe", Outcome::Failed).detail(e.to_string()))
                .await;
            Err(e.into())
        }
    }
}

/// The secret under `account`, which must be there and, when a fingerprint
/// is given, be that secret: a ceremony continued after a stop works only
/// with the secret its journal names.
pub async fn read_secret(
    ctx: &CeremonyContext,
    account: &str,
    expected_fingerprint: Option<&str>,
) -> Result<EntitySecret, CeremonyError> {
    let store = Arc::clone(&ctx.store);
    let lookup = account.to_owned();
    let found = blocking(move || store.get(&lookup)).await??;
    let Some(secret) = found else {
        return Err(CeremonyError::SecretMissing {
            account: account.to_owned(),
        });
    };
    if let Some(expected) = expected_fingerprint
        && secret.fingerprint() != expected
    {
        return Err(CeremonyError::SecretNotTheOneJournaled {
            account: account.to_owned(),
            expected: expected.to_owned(),
            found: secret.fingerprint(),
        });
    }
    Ok(secret)
}
