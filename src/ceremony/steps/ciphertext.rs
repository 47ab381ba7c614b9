//! A fresh ciphertext of a stored secret: read from the keychain (it must
//! be the secret the records or journal name), encrypted once with Circle's
//! key, logged by fingerprints. Never cached: every call is a new one.

use crate::ceremony::bookkeeping::{Bookkeeping, LogLine};
use crate::ceremony::{CeremonyContext, CeremonyError};
use crate::secret::{Ciphertext, CirclePublicKey};
use crate::store::Outcome;

use super::read_secret;

/// What a ciphertext is of, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiphertextOf {
    /// The registered secret.
    Current,
    /// A new secret staged for a Console ceremony.
    New,
}

/// Encrypt the secret under `account` (whose fingerprint must be
/// `fingerprint`) with `key`.
pub async fn make_ciphertext(
    ctx: &CeremonyContext,
    book: &Bookkeeping,
    account: &str,
    fingerprint: &str,
    key: &CirclePublicKey,
    of: CiphertextOf,
) -> Result<Ciphertext, CeremonyError> {
    let secret = read_secret(ctx, account, Some(fingerprint)).await?;
    let ciphertext = Ciphertext::encrypt(&secret, key)?;
    book.log(
        LogLine::new("ciphertext", Outcome::Succeeded)
            .secret(Some(secret.fingerprint()))
            .public_key(Some(key.fingerprint()))
            .detail(crate::text::log::ciphertext(
                matches!(of, CiphertextOf::Current),
                ciphertext.len(),
            )),
    )
    .await;
    Ok(ciphertext)
}
