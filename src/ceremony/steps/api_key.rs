//! The API key step: Circle accepts the key and names the app, and the app
//! is in the state the ceremony needs on this computer.

use std::sync::Arc;

use crate::ceremony::bookkeeping::{Bookkeeping, LogLine};
use crate::ceremony::{CeremonyContext, CeremonyError, blocking};
use crate::error::Explain;
use crate::secret::{ApiKey, Environment};
use crate::store::{self, Outcome, Presence};

/// What a ceremony requires of the app the key belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPolicy {
    /// A first registration: no secret of this app on this computer, staged
    /// or registered, and no record of one.
    FirstRegistration,
    /// An unfinished ceremony carried on: the key must belong to its app.
    Continue {
        /// The ceremony's environment.
        environment: Environment,
        /// The ceremony's app.
        app_id: String,
    },
    /// A ceremony on a registration made here (rotation): its record and its
    /// secret must be on this computer.
    RegisteredHere,
    /// A reset: the app may have been registered anywhere, and its secret
    /// may be gone; only no other new secret may be waiting.
    Reset,
}

/// A key Circle accepted.
#[derive(Debug)]
pub struct AcceptedKey {
    /// The key.
    pub key: ApiKey,
    /// The app Circle named.
    pub app_id: String,
}

/// Parse the key, ask Circle which app it belongs to, and apply `policy`.
pub async fn check_api_key(
    ctx: &CeremonyContext,
    book: &Bookkeeping,
    text: &str,
    policy: &KeyPolicy,
) -> Result<AcceptedKey, CeremonyError> {
    let key = ApiKey::parse(text)?;
    let answer = match ctx.circle()?.entity_config(&key).await {
        Ok(answer) => answer,
        Err(e) => {
            book.log(
                LogLine::new("api_key", Outcome::Failed)
                    .request(e.request_id().map(str::to_owned))
                    .detail(e.to_string()),
            )
            .await;
            return Err(e.into());
        }
    };
    let app_id = answer.value.app_id;
    let environment = key.environment();
    if let Err(refusal) = check_app_policy(ctx, book, policy, environment, &app_id).await {
        book.log(
            LogLine::new("api_key", Outcome::Failed)
                .request(Some(answer.request_id))
                .detail(refusal.to_string()),
        )
        .await;
        return Err(refusal);
    }
    book.log(
        LogLine::new("api_key", Outcome::Succeeded)
            .request(Some(answer.request_id))
            .detail(format!("{environment} {app_id}")),
    )
    .await;
    Ok(AcceptedKey { key, app_id })
}

/// Apply `policy` to an app (for a key Circle accepted, or an app the
/// person typed on an offline workstation).
pub async fn check_app_policy(
    ctx: &CeremonyContext,
    book: &Bookkeeping,
    policy: &KeyPolicy,
    environment: Environment,
    app_id: &str,
) -> Result<(), CeremonyError> {
    let active = store::account_name(environment, app_id, false);
    let pending = store::pending_account_name(environment, app_id);
    let record = book
        .list_records()
        .await?
        .into_iter()
        .find(|r| r.environment == environment && r.app_id == app_id);
    match policy {
        KeyPolicy::FirstRegistration => {
            // A secret for this app already here means it was most likely
            // registered from here: never generate a second one over it.
            if presence(ctx, &active).await? != Presence::Absent {
                return Err(CeremonyError::SecretAlreadyOnMachine { account: active });
            }
            if presence(ctx, &pending).await? != Presence::Absent {
                return Err(CeremonyError::UnregisteredSecretWaiting { account: pending });
            }
            if let Some(record) = record {
                return Err(CeremonyError::RegisteredHereSecretMissing {
                    account: record.keychain_account,
                });
            }
            Ok(())
        }
        KeyPolicy::Continue {
            environment: want_env,
            app_id: want_app,
        } => {
            if *want_env != environment || want_app != app_id {
                return Err(CeremonyError::KeyForAnotherApp {
                    expected: format!("{want_env} {want_app}"),
                    found: format!("{environment} {app_id}"),
                });
            }
            Ok(())
        }
        KeyPolicy::Reset => {
            if presence(ctx, &pending).await? != Presence::Absent {
                return Err(CeremonyError::UnregisteredSecretWaiting { account: pending });
            }
            Ok(())
        }
        KeyPolicy::RegisteredHere => {
            let Some(record) = record else {
                return Err(CeremonyError::NotRegisteredHere {
                    app: format!("{environment} {app_id}"),
                });
            };
            if presence(ctx, &record.keychain_account).await? == Presence::Absent {
                return Err(CeremonyError::SecretMissing {
                    account: record.keychain_account,
                });
            }
            Ok(())
        }
    }
}

async fn presence(ctx: &CeremonyContext, account: &str) -> Result<Presence, CeremonyError> {
    let store = Arc::clone(&ctx.store);
    let account = account.to_owned();
    Ok(blocking(move || store.presence(&account)).await??)
}
