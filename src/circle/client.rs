//! The Circle client: the four calls this product makes, with retries that never
//! risk sending a registration twice blind.

use std::fmt;
use std::sync::Arc;

use reqwest::Method;
use tokio::sync::OnceCell;
use uuid::Uuid;

use super::CircleError;
use super::answers::{
    Answer, EntityConfig, Registration, parse_entity_config, parse_public_key, parse_registration,
};
use super::config::{ClientConfig, check_base_url, endpoint_url, is_loopback};
use super::endpoints::{ENTITY_CONFIG, PING, PUBLIC_KEY, REGISTER, USER_AGENT};
use super::error_body::error_from_answer;
use super::redact::Redactor;
use super::retry::delay_before;
use super::tls::{install_crypto_provider, load_extra_roots};
use super::transport::{self, BodyEnd, Failure, MAX_BODY_BYTES, Outgoing, Reply};
use crate::error::Explain;
use crate::secret::{ApiKey, Ciphertext, CirclePublicKey, EncryptError};

/// A client for Circle's entity secret endpoints (or the simulator).
///
/// Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct CircleClient {
    /// Built on first use: with `https://`, building loads the operating
    /// system's trust roots, which takes milliseconds that a command making
    /// no request should not pay.
    http: Arc<OnceCell<reqwest::Client>>,
    /// The extra CA certificates, read (and checked) when the client is made.
    extra_roots: Arc<[reqwest::Certificate]>,
    config: ClientConfig,
}

impl fmt::Debug for CircleClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CircleClient")
            .field("base_url", &self.config.base_url.as_str())
            .finish_non_exhaustive()
    }
}

/// A 2xx answer to a call that changes nothing.
struct Fetched {
    reply: Reply,
    attempts: u32,
}

impl CircleClient {
    /// Make a client. Refuses a base URL that is not `https://` (except the
    /// loopback simulator) and an unusable extra CA file. Nothing else is
    /// loaded until the first request.
    pub fn new(config: ClientConfig) -> Result<Self, CircleError> {
        check_base_url(&config.base_url)?;
        install_crypto_provider();
        let extra_roots = match &config.extra_ca_pem {
            Some(path) => load_extra_roots(path)?,
            None => Vec::new(),
        };
        Ok(Self {
            http: Arc::new(OnceCell::new()),
            extra_roots: extra_roots.into(),
            config,
        })
    }

    /// The HTTP client, built on first use and shared by every clone.
    pub(super) async fn http(&self) -> Result<&reqwest::Client, CircleError> {
        self.http
            .get_or_try_init(|| async { build_http(&self.config, &self.extra_roots) })
            .await
    }

    /// The settings this client was built with.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Check that Circle (or the simulator) answers at all. No API key.
    pub async fn ping(&self) -> Result<(), CircleError> {
        self.fetch(PING, None).await.map(|_| ())
    }

    /// Check the API key and learn which Circle app it belongs to.
    pub async fn entity_config(&self, key: &ApiKey) -> Result<Answer<EntityConfig>, CircleError> {
        let fetched = self.fetch(ENTITY_CONFIG, Some(key)).await?;
        let value = parse_entity_config(&fetched.reply.body, &fetched.reply.request_id)?;
        Ok(answer(value, fetched))
    }

    /// Fetch Circle's entity public key.
    pub async fn public_key(&self, key: &ApiKey) -> Result<Answer<CirclePublicKey>, CircleError> {
        let fetched = self.fetch(PUBLIC_KEY, Some(key)).await?;
        let value = parse_public_key(&fetched.reply.body, &fetched.reply.request_id)?;
        Ok(answer(value, fetched))
    }

    /// Register the entity secret.
    ///
    /// `make_ciphertext` is called once per attempt: a ciphertext is single
    /// use, so every attempt sends a fresh one. Retries happen only when
    /// Circle answered 429 or 5xx, or when no connection could be made. Once
    /// the request may have been delivered without a complete answer, the
    /// result is [`CircleError::OutcomeUnknown`] at once. Any 2xx is a
    /// registration, whatever its body.
    pub async fn register(
        &self,
        key: &ApiKey,
        mut make_ciphertext: impl FnMut() -> Result<Ciphertext, EncryptError>,
    ) -> Result<Answer<Registration>, CircleError> {
        let url = endpoint_url(&self.config.base_url, REGISTER)?;
        let http = self.http().await?;
        let redactor = Redactor::new(Some(key));
        let max_attempts = self.config.max_attempts.max(1);
        // The request id of an earlier attempt that got a 5xx, after which
        // Circle may have registered the secret even though it reported an
        // error. Any later failure must then say so.
        let mut ambiguous: Option<String> = None;
        let give_up = |ambiguous: &Option<String>, error: CircleError| match ambiguous {
            Some(id) if !error.may_have_registered() => CircleError::GaveUpAfterServerError {
                request_id: Some(id.clone()),
                last: Box::new(error),
            },
            _ => error,
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let ciphertext = make_ciphertext()?;
            let json =
                serde_json::json!({ "entitySecretCiphertext": ciphertext.into_wire() }).to_string();
            let request_id = Uuid::new_v4().to_string();
            let outgoing = Outgoing {
                method: Method::POST,
                url: url.clone(),
                key: Some(key),
                redactor: &redactor,
                json: Some(json),
                request_id: &request_id,
            };
            let reply = match transport::attempt(http, outgoing).await {
                Ok(reply) => reply,
                Err(Failure::Connect(detail)) => {
                    if attempt < max_attempts {
                        self.pause(attempt, None).await;
                        continue;
                    }
                    return Err(give_up(
                        &ambiguous,
                        CircleError::Connect {
                            request_id: Some(request_id),
                            detail,
                        },
                    ));
                }
                Err(Failure::Tls(detail)) => {
                    return Err(give_up(
                        &ambiguous,
                        CircleError::Tls {
                            request_id: Some(request_id),
                            detail,
                        },
                    ));
                }
                Err(Failure::Setup(detail)) => return Err(CircleError::Setup { detail }),
                // Sent, or perhaps sent: never again.
                Err(Failure::Timeout | Failure::Broken(_)) => {
                    return Err(CircleError::OutcomeUnknown {
                        request_id: Some(request_id),
                    });
                }
            };
            if reply.is_success() {
                // Circle said yes. A body cut short still means registered;
                // the caller saves whatever arrived.
                let truncated = !matches!(reply.end, BodyEnd::Complete);
                return Ok(Answer {
                    value: parse_registration(reply.body, truncated),
                    request_id: reply.request_id,
                    attempts: attempt,
                });
            }
            let mut error = error_from_answer(
                reply.status,
                &reply.body,
                Some(reply.request_id),
                reply.retry_after,
                &redactor,
            );
            if let CircleError::AlreadyRegistered {
                after_ambiguous_attempt,
                ..
            } = &mut error
            {
                *after_ambiguous_attempt = ambiguous.is_some();
            }
            let server_error = (500..600).contains(&reply.status);
            if (reply.status == 429 || server_error) && attempt < max_attempts {
                if server_error {
                    ambiguous = error.request_id().map(str::to_owned);
                }
                self.pause(attempt, reply.retry_after).await;
                continue;
            }
            return Err(give_up(&ambiguous, error));
        }
    }

    /// A GET with retries on rate limits, server errors and network trouble.
    async fn fetch(&self, path: &str, key: Option<&ApiKey>) -> Result<Fetched, CircleError> {
        let url = endpoint_url(&self.config.base_url, path)?;
        let http = self.http().await?;
        let redactor = Redactor::new(key);
        let max_attempts = self.config.max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request_id = Uuid::new_v4().to_string();
            let outgoing = Outgoing {
                method: Method::GET,
                url: url.clone(),
                key,
                redactor: &redactor,
                json: None,
                request_id: &request_id,
            };
            let (error, retry_after) = match transport::attempt(http, outgoing).await {
                Ok(reply) => match check_fetched(reply, &redactor) {
                    Ok(reply) => {
                        return Ok(Fetched {
                            reply,
                            attempts: attempt,
                        });
                    }
                    Err(failed) => failed,
                },
                Err(failure) => (failure_error(failure, request_id), None),
            };
            if error.is_transient() && attempt < max_attempts {
                self.pause(attempt, retry_after).await;
                continue;
            }
            return Err(error);
        }
    }

    pub(super) async fn pause(&self, attempt: u32, retry_after: Option<std::time::Duration>) {
        tokio::time::sleep(delay_before(
            attempt + 1,
            self.config.backoff_base,
            retry_after,
        ))
        .await;
    }
}

/// Turn a GET's answer into a whole 2xx body, or the error it amounts to
/// with the `Retry-After` it carried.
fn check_fetched(
    reply: Reply,
    redactor: &Redactor,
) -> Result<Reply, (CircleError, Option<std::time::Duration>)> {
    let request_id = Some(reply.request_id.clone());
    if !reply.is_success() {
        let error = error_from_answer(
            reply.status,
            &reply.body,
            request_id,
            reply.retry_after,
            redactor,
        );
        return Err((error, reply.retry_after));
    }
    match reply.end {
        BodyEnd::Complete => Ok(reply),
        BodyEnd::TooLarge => Err((
            CircleError::BodyTooLarge {
                request_id,
                limit: MAX_BODY_BYTES,
            },
            None,
        )),
        BodyEnd::Failed(failure) => Err((failure_error(failure, reply.request_id), None)),
    }
}

/// Whether requests to this base URL can need TLS, and so the trust roots.
/// Plain `http://` is only ever allowed to this computer, and redirects
/// are never followed, so such a client never makes a TLS connection.
fn needs_trust_roots(config: &ClientConfig) -> bool {
    config.base_url.scheme() != "http"
}

/// The reqwest client for `config`.
fn build_http(
    config: &ClientConfig,
    extra_roots: &[reqwest::Certificate],
) -> Result<reqwest::Client, CircleError> {
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(config.connect_timeout)
        .timeout(config.request_timeout)
        // A redirect could resend the ciphertext somewhere else; Circle's
        // API never redirects, so a 3xx is reported as an error instead.
        .redirect(reqwest::redirect::Policy::none())
        // Every attempt must be one this module decided on, with its own
        // request id and its own fresh ciphertext.
        .retry(reqwest::retry::never());
    if is_loopback(&config.base_url) {
        // The simulator is on this computer: a configured HTTP_PROXY must
        // not carry rehearsal traffic off it.
        builder = builder.no_proxy();
    }
    builder = if needs_trust_roots(config) {
        builder.tls_certs_merge(extra_roots.iter().cloned())
    } else {
        // No TLS will ever happen: an empty set of roots instead of the
        // operating system's, which would be read from disk for nothing.
        builder.tls_certs_only([])
    };
    builder.build().map_err(|e| CircleError::Setup {
        detail: transport::describe(&e, &Redactor::nothing()),
    })
}

fn answer<T>(value: T, fetched: Fetched) -> Answer<T> {
    Answer {
        value,
        request_id: fetched.reply.request_id,
        attempts: fetched.attempts,
    }
}

/// The error a network failure amounts to for a call that changes nothing.
pub(super) fn failure_error(failure: Failure, request_id: String) -> CircleError {
    let request_id = Some(request_id);
    match failure {
        Failure::Connect(detail) => CircleError::Connect { request_id, detail },
        Failure::Tls(detail) => CircleError::Tls { request_id, detail },
        Failure::Setup(detail) => CircleError::Setup { detail },
        Failure::Timeout => CircleError::Timeout { request_id },
        Failure::Broken(detail) => CircleError::Interrupted { request_id, detail },
    }
}
