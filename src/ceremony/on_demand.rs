//! Ciphertext on demand: a fresh ciphertext of a registered secret, for a
//! Console form or a manual API call. Circle's key comes from Circle (with
//! an API key of the same app) or from a PEM file, with no network at all.

use std::path::Path;

use super::bookkeeping::Bookkeeping;
use super::steps::{
    self, CheckedPublicKey, CiphertextOf, KeyPolicy, check_api_key, make_ciphertext,
};
use super::{CeremonyContext, CeremonyError};
use crate::secret::Ciphertext;
use crate::store::{CeremonyKind, RegistrationRecord};
use crate::text::not_yet;

/// Making ciphertexts of one registration's secret.
pub struct CiphertextSession {
    ctx: CeremonyContext,
    book: Bookkeeping,
    record: RegistrationRecord,
    key: Option<CheckedPublicKey>,
}

impl CiphertextSession {
    /// A session for `record`'s secret; no key yet.
    pub fn new(ctx: CeremonyContext, record: RegistrationRecord) -> Self {
        let book = Bookkeeping::new(&ctx, CeremonyKind::Ciphertext);
        Self {
            ctx,
            book,
            record,
            key: None,
        }
    }

    /// The registration.
    pub fn record(&self) -> &RegistrationRecord {
        &self.record
    }

    /// Whether this is a rehearsal.
    pub fn is_rehearsal(&self) -> bool {
        self.ctx.rehearsal
    }

    /// Where Circle is reached.
    pub fn circle_url(&self) -> &url::Url {
        self.ctx.circle_url()
    }

    /// The key ciphertexts are made with, once there is one.
    pub fn key(&self) -> Option<&CheckedPublicKey> {
        self.key.as_ref()
    }

    /// A bookkeeping failure to show, if any.
    pub fn log_problem(&self) -> Option<String> {
        self.book.problem()
    }

    /// Fetch Circle's key with an API key, which must belong to the
    /// registration's app.
    pub async fn fetch_key(&mut self, api_key: &str) -> Result<&CheckedPublicKey, CeremonyError> {
        let policy = KeyPolicy::Continue {
            environment: self.record.environment,
            app_id: self.record.app_id.clone(),
        };
        let accepted = check_api_key(&self.ctx, &self.book, api_key, &policy).await?;
        let app = Some((self.record.environment, self.record.app_id.as_str()));
        let checked = steps::fetch_public_key(&self.ctx, &self.book, &accepted.key, app).await?;
        Ok(self.key.insert(checked))
    }

    /// Read Circle's key from a PEM file; no network.
    pub async fn import_key(&mut self, path: &Path) -> Result<&CheckedPublicKey, CeremonyError> {
        let app = Some((self.record.environment, self.record.app_id.as_str()));
        let checked = steps::import_public_key(&self.book, path, app).await?;
        Ok(self.key.insert(checked))
    }

    /// A fresh ciphertext of the registered secret.
    pub async fn make(&self) -> Result<Ciphertext, CeremonyError> {
        let Some(key) = self.key.as_ref() else {
            return Err(CeremonyError::NotYet(not_yet::PUBLIC_KEY_NEEDED));
        };
        make_ciphertext(
            &self.ctx,
            &self.book,
            &self.record.keychain_account,
            &self.record.secret_fingerprint,
            &key.key,
            CiphertextOf::Current,
        )
        .await
    }
}
