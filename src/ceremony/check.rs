//! Checking with Circle which secret it holds, by the one call that needs
//! the entity secret: creating an empty wallet set, named for the check,
//! with a fresh ciphertext of the secret in question. Circle accepts it only
//! when that secret is the registered one.
//!
//! Used two ways: to *prove it works* after a registration, rotation or
//! reset (opt-in, never by default), and to *check with Circle* where a
//! ceremony stopped without a clear answer — never a blind re-send. The
//! call creates something in the account, so the faces say exactly what
//! before the person consents.

use uuid::Uuid;

use super::bookkeeping::{Bookkeeping, LogLine};
use super::steps::{self, KeyPolicy, check_api_key, read_secret};
use super::{CeremonyContext, CeremonyError, blocking};
use crate::circle::CircleError;
use crate::error::Explain;
use crate::secret::{ApiKey, Ciphertext, CirclePublicKey, Environment};
use crate::store::{
    self, CeremonyKind, CheckRecord, InProgress, Outcome, RecoveryProgress, RegistrationRecord,
    Stage,
};
use crate::text::not_yet;

/// Whose secret is checked.
#[derive(Debug, Clone)]
pub enum CheckSubject {
    /// A registration known here: prove its secret works.
    Registration(Box<RegistrationRecord>),
    /// An unfinished ceremony whose secret Circle may hold.
    Unfinished(Box<InProgress>),
    /// A keychain entry of this app that nothing explains.
    Stray {
        /// Its account.
        account: String,
    },
}

/// What Circle said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckAnswer {
    /// Circle accepted the secret: it is the registered one. The call
    /// created this wallet set.
    Registered {
        /// The wallet set created.
        wallet_set_id: String,
        /// Circle's request id.
        request_id: String,
    },
    /// Circle holds another secret.
    OtherSecret {
        /// Circle's request id.
        request_id: Option<String>,
    },
    /// Circle holds no secret for this account yet.
    NothingRegistered {
        /// Circle's request id.
        request_id: Option<String>,
    },
}

/// What became of the subject after the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// A registration's proof was recorded.
    Proved,
    /// A registration's secret is NOT the one Circle holds: recorded, and
    /// shown as a problem.
    Disproved,
    /// The secret is the registered one: it became the app's active secret
    /// and is recorded, with no recovery file (a rotation gets one).
    Adopted,
    /// The secret is not registered (Circle holds another one): it may now
    /// be discarded.
    NotRegistered,
    /// Nothing is registered: the ceremony may carry on and register it,
    /// knowing it was never registered.
    NeverSent,
}

/// A check of one secret.
pub struct CheckSession {
    ctx: CeremonyContext,
    book: Bookkeeping,
    subject: CheckSubject,
    environment: Environment,
    app_id: String,
    account: String,
    fingerprint: Option<String>,
    api_key: Option<ApiKey>,
    key: Option<CirclePublicKey>,
    answer: Option<CheckAnswer>,
    idempotency_key: Uuid,
}

impl CheckSession {
    /// A check of `subject`'s secret; nothing is asked of Circle yet.
    pub fn new(ctx: CeremonyContext, subject: CheckSubject) -> Result<Self, CeremonyError> {
        let (environment, app_id, account, fingerprint, book) = match &subject {
            CheckSubject::Registration(r) => (
                r.environment,
                r.app_id.clone(),
                r.keychain_account.clone(),
                Some(r.secret_fingerprint.clone()),
                Bookkeeping::new(&ctx, CeremonyKind::Check),
            ),
            CheckSubject::Unfinished(e) => (
                e.environment,
                e.app_id.clone(),
                e.keychain_account.clone(),
                Some(e.secret_fingerprint.clone()),
                Bookkeeping::resumed(&ctx, e.as_ref().clone()),
            ),
            CheckSubject::Stray { account } => {
                let Some((environment, app_id, _)) = store::parse_account(account) else {
                    return Err(CeremonyError::NotYet(not_yet::NOT_THIS_APPS_ENTRY));
                };
                (
                    environment,
                    app_id,
                    account.clone(),
                    None,
                    Bookkeeping::new(&ctx, CeremonyKind::Check),
                )
            }
        };
        Ok(Self {
            ctx,
            book,
            subject,
            environment,
            app_id,
            account,
            fingerprint,
            api_key: None,
            key: None,
            answer: None,
            idempotency_key: Uuid::new_v4(),
        })
    }

    /// Whether this is a rehearsal.
    pub fn is_rehearsal(&self) -> bool {
        self.ctx.rehearsal
    }

    /// What is checked.
    pub fn subject(&self) -> &CheckSubject {
        &self.subject
    }

    /// The app.
    pub fn app(&self) -> (Environment, &str) {
        (self.environment, &self.app_id)
    }

    /// The keychain account of the secret checked.
    pub fn account(&self) -> &str {
        &self.account
    }

    /// The secret's fingerprint, where known before the check.
    pub fn fingerprint(&self) -> Option<&str> {
        self.fingerprint.as_deref()
    }

    /// The name of the wallet set the check creates: what the person
    /// consents to before the call.
    pub fn wallet_set_name(&self) -> String {
        format!(
            "Entity Secret Wizard check {}",
            self.ctx.clock.now().format("%Y-%m-%d %H:%M UTC")
        )
    }

    /// What Circle said, once asked.
    pub fn answer(&self) -> Option<&CheckAnswer> {
        self.answer.as_ref()
    }

    /// Where Circle is reached.
    pub fn circle_url(&self) -> &url::Url {
        self.ctx.circle_url()
    }

    /// A bookkeeping failure to show, if any.
    pub fn log_problem(&self) -> Option<String> {
        self.book.problem()
    }

    /// The API key, which must belong to the app; Circle's key is fetched
    /// with it.
    pub async fn give_api_key(&mut self, text: &str) -> Result<(), CeremonyError> {
        let policy = KeyPolicy::Continue {
            environment: self.environment,
            app_id: self.app_id.clone(),
        };
        let accepted = check_api_key(&self.ctx, &self.book, text, &policy).await?;
        let checked = steps::fetch_public_key(
            &self.ctx,
            &self.book,
            &accepted.key,
            Some((self.environment, self.app_id.as_str())),
        )
        .await?;
        self.key = Some(checked.key);
        self.api_key = Some(accepted.key);
        Ok(())
    }

    /// Make the call, with the person's consent given on screen.
    pub async fn run(&mut self) -> Result<&CheckAnswer, CeremonyError> {
        let (Some(api_key), Some(key)) = (self.api_key.as_ref(), self.key.as_ref()) else {
            return Err(CeremonyError::NotYet(not_yet::API_KEY_FIRST));
        };
        let secret = read_secret(&self.ctx, &self.account, self.fingerprint.as_deref()).await?;
        let name = self.wallet_set_name();
        let result = self
            .ctx
            .circle()?
            .create_wallet_set(api_key, &name, self.idempotency_key, || {
                Ciphertext::encrypt(&secret, key)
            })
            .await;
        let answer = match result {
            Ok(answer) => CheckAnswer::Registered {
                wallet_set_id: answer.value.id,
                request_id: answer.request_id,
            },
            Err(CircleError::InvalidSecret { request_id }) => {
                CheckAnswer::OtherSecret { request_id }
            }
            Err(CircleError::NotRegistered { request_id }) => {
                CheckAnswer::NothingRegistered { request_id }
            }
            Err(e) => {
                self.book
                    .log(
                        LogLine::new("check", Outcome::Failed)
                            .secret(Some(secret.fingerprint()))
                            .request(e.request_id().map(str::to_owned))
                            .detail(e.to_string()),
                    )
                    .await;
                return Err(e.into());
            }
        };
        let (outcome, request, detail) = match &answer {
            CheckAnswer::Registered {
                wallet_set_id,
                request_id,
            } => (
                Outcome::Succeeded,
                Some(request_id.clone()),
                crate::text::log::check_accepted(wallet_set_id, &name),
            ),
            CheckAnswer::OtherSecret { request_id } => (
                Outcome::Failed,
                request_id.clone(),
                crate::text::log::CHECK_OTHER_SECRET.to_owned(),
            ),
            CheckAnswer::NothingRegistered { request_id } => (
                Outcome::Failed,
                request_id.clone(),
                crate::text::log::CHECK_NOTHING_REGISTERED.to_owned(),
            ),
        };
        self.book
            .log(
                LogLine::new("check", outcome)
                    .secret(Some(secret.fingerprint()))
                    .public_key(Some(key.fingerprint()))
                    .request(request)
                    .detail(detail),
            )
            .await;
        self.fingerprint = Some(secret.fingerprint());
        Ok(self.answer.insert(answer))
    }

    /// Act on the answer, the one way that is safe for it: record a proof;
    /// adopt a secret Circle holds; mark one it does not as discardable; or
    /// let a ceremony that never reached Circle carry on.
    pub async fn settle(&mut self) -> Result<Settled, CeremonyError> {
        let Some(answer) = self.answer.clone() else {
            return Err(CeremonyError::NotYet(not_yet::CIRCLE_NOT_ASKED));
        };
        let registered = matches!(answer, CheckAnswer::Registered { .. });
        match (self.subject.clone(), answer) {
            (CheckSubject::Registration(record), answer) => {
                let check = CheckRecord {
                    at: self.book.now(),
                    accepted: registered,
                    wallet_set_id: match &answer {
                        CheckAnswer::Registered { wallet_set_id, .. } => {
                            Some(wallet_set_id.clone())
                        }
                        _ => None,
                    },
                    request_id: match &answer {
                        CheckAnswer::Registered { request_id, .. } => Some(request_id.clone()),
                        CheckAnswer::OtherSecret { request_id }
                        | CheckAnswer::NothingRegistered { request_id } => request_id.clone(),
                    },
                };
                let records = self.book.records().clone();
                blocking(move || {
                    records.update(record.environment, &record.app_id, |r| {
                        r.last_check = Some(check)
                    })
                })
                .await??;
                Ok(if registered {
                    Settled::Proved
                } else {
                    Settled::Disproved
                })
            }
            (CheckSubject::Unfinished(entry), CheckAnswer::Registered { .. }) => {
                self.adopt(entry.keychain_account.clone()).await
            }
            (CheckSubject::Unfinished(_), CheckAnswer::OtherSecret { .. }) => {
                self.book
                    .update(|e| {
                        e.stage = Stage::AlreadyRegistered {
                            possibly_this_secret: false,
                        }
                    })
                    .await?;
                Ok(Settled::NotRegistered)
            }
            (CheckSubject::Unfinished(_), CheckAnswer::NothingRegistered { .. }) => {
                // Known now: nothing reached Circle. The ceremony may carry
                // on and register this secret with its eyes open.
                self.book.update(|e| e.stage = Stage::SecretStored).await?;
                Ok(Settled::NeverSent)
            }
            (CheckSubject::Stray { account }, CheckAnswer::Registered { .. }) => {
                self.adopt(account).await
            }
            (CheckSubject::Stray { .. }, _) => Ok(Settled::NotRegistered),
        }
    }

    /// The secret under `account` is the registered one: journal that
    /// Circle holds it (a stray gets an entry of its own), then move it into
    /// place and record it. No recovery file ever came for it.
    async fn adopt(&mut self, account: String) -> Result<Settled, CeremonyError> {
        let secret = read_secret(&self.ctx, &account, self.fingerprint.as_deref()).await?;
        let now = self.book.now();
        let key_fingerprint = self.key.as_ref().map(CirclePublicKey::fingerprint);
        if self.book.entry().is_none() {
            let active = store::account_name(self.environment, &self.app_id, false);
            self.book
                .begin(InProgress {
                    id: Bookkeeping::new_id(),
                    rehearsal: self.ctx.rehearsal,
                    ceremony: CeremonyKind::Check,
                    environment: self.environment,
                    app_id: self.app_id.clone(),
                    secret_fingerprint: secret.fingerprint(),
                    keychain_service: self.ctx.keychain_service.clone(),
                    keychain_account: account.clone(),
                    stage: Stage::Registered,
                    started_at: now,
                    updated_at: now,
                    promote_to: (account != active).then_some(active),
                    retire: None,
                    recovery: RecoveryProgress::None,
                    promoted: false,
                    record_written: false,
                    previous_recovery: None,
                    public_key_fingerprint: key_fingerprint.clone(),
                    accepted_at: Some(now),
                })
                .await?;
        } else {
            self.book
                .update(|e| {
                    e.stage = Stage::Registered;
                    e.accepted_at.get_or_insert(now);
                    if e.public_key_fingerprint.is_none() {
                        e.public_key_fingerprint = key_fingerprint;
                    }
                })
                .await?;
        }
        steps::promote(&self.ctx, &mut self.book, &secret).await?;
        steps::record_accepted(&mut self.book, |_| now).await?;
        self.book.finish().await;
        Ok(Settled::Adopted)
    }
}
