//! Everything that can go wrong talking to Circle, each with what to do next.

use std::path::PathBuf;
use std::time::Duration;

use crate::error::Explain;
use crate::secret::{EncryptError, PublicKeyError};
use crate::text::circle as text;

/// A failed call to Circle.
///
/// `Display` is one sentence for a person; [`Explain::next_step`] says what
/// to do. Every variant that follows an HTTP exchange carries the request id
/// (the `X-Request-Id` sent, or the one Circle echoed back). No variant ever
/// holds the API key, the entity secret or a ciphertext.
#[derive(Debug, thiserror::Error)]
pub enum CircleError {
    /// Circle already has an entity secret for this account (HTTP 409, code
    /// 156015). Never a success: the secret just sent was not registered,
    /// unless an earlier attempt of the same call was.
    #[error("{}", text::already_registered(*.after_ambiguous_attempt))]
    AlreadyRegistered {
        /// The request that got the 409.
        request_id: Option<String>,
        /// An earlier attempt of this same registration got a server error
        /// (5xx), so the secret Circle has may be the one just sent.
        after_ambiguous_attempt: bool,
    },
    /// Circle could not use the entity secret in the ciphertext (code 156013).
    #[error("{}", text::INVALID_SECRET)]
    InvalidSecret {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// A ciphertext was sent twice (code 156004).
    #[error("{}", text::CIPHERTEXT_REUSED)]
    CiphertextReused {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// The account has no entity secret yet (code 156016).
    #[error("{}", text::NOT_REGISTERED)]
    NotRegistered {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// A TEST key used against LIVE or the reverse (code 156006).
    #[error("{}", text::ENVIRONMENT_MISMATCH)]
    EnvironmentMismatch {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// Circle does not know the API key (code 156007).
    #[error("{}", text::KEY_NOT_FOUND)]
    KeyNotFound {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// HTTP 401: the key is malformed, revoked or unknown.
    #[error("{}", text::UNAUTHORIZED)]
    Unauthorized {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// HTTP 403: the key may not do this.
    #[error("{}", text::FORBIDDEN)]
    Forbidden {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// HTTP 429, still after every retry.
    #[error("{}", text::RATE_LIMITED)]
    RateLimited {
        /// The last request Circle turned away.
        request_id: Option<String>,
        /// How long Circle asked to wait, if it said.
        retry_after: Option<Duration>,
    },
    /// A 5xx answer with a JSON body, still after every retry.
    #[error("{}", text::server(*.status, .excerpt))]
    Server {
        /// The last request that failed.
        request_id: Option<String>,
        /// The HTTP status.
        status: u16,
        /// Circle's message or the start of the body, cleaned, at most 200
        /// characters.
        excerpt: String,
    },
    /// An answer that is not JSON: typically a proxy's, firewall's or CDN's
    /// web page (e.g. HTTP 520).
    #[error("{}", text::non_json(*.status, .excerpt))]
    NonJson {
        /// The request that got this answer.
        request_id: Option<String>,
        /// The HTTP status.
        status: u16,
        /// The start of the body, cleaned, at most 200 characters.
        excerpt: String,
    },
    /// Any other error answer from Circle.
    #[error("{}", text::api(*.status, *.code, .message))]
    Api {
        /// The request Circle refused.
        request_id: Option<String>,
        /// The HTTP status.
        status: u16,
        /// Circle's numeric error code, when it sent one.
        code: Option<i64>,
        /// Circle's message (or the start of the body), cleaned, at most 200
        /// characters.
        message: String,
    },
    /// A success status whose body could not be understood.
    #[error("{}", text::malformed_response(.problem))]
    MalformedResponse {
        /// The request whose answer was malformed.
        request_id: Option<String>,
        /// What was wrong, for a person (never the body itself).
        problem: String,
    },
    /// An answer bigger than any Circle answer; reading stopped at the limit.
    #[error("{}", text::body_too_large(*.limit))]
    BodyTooLarge {
        /// The request with the oversized answer.
        request_id: Option<String>,
        /// The limit in bytes.
        limit: usize,
    },
    /// No complete answer in time, still after every retry.
    #[error("{}", text::TIMEOUT)]
    Timeout {
        /// The last request that timed out.
        request_id: Option<String>,
    },
    /// No connection could be opened, still after every retry.
    #[error("{}", text::connect(.detail))]
    Connect {
        /// The last request id tried (it never reached Circle).
        request_id: Option<String>,
        /// The network error, without the URL.
        detail: String,
    },
    /// The connection broke before the answer was complete, still after
    /// every retry (calls that change nothing only).
    #[error("{}", text::interrupted(.detail))]
    Interrupted {
        /// The last request that was interrupted.
        request_id: Option<String>,
        /// The network error, without the URL.
        detail: String,
    },
    /// The TLS handshake failed, e.g. a certificate was not trusted.
    #[error("{}", text::tls(.detail))]
    Tls {
        /// The request id tried (it never reached Circle).
        request_id: Option<String>,
        /// The TLS error.
        detail: String,
    },
    /// The registration was sent but no complete answer came back: it may
    /// have happened. Never retried.
    #[error("{}", text::OUTCOME_UNKNOWN)]
    OutcomeUnknown {
        /// The request that may have registered the secret: the one to give
        /// Circle support.
        request_id: Option<String>,
    },
    /// An earlier attempt of the registration got a server error (after which
    /// Circle may have acted) and the later attempts failed too.
    #[error("{}", text::gave_up_after_server_error(&.last.to_string()))]
    GaveUpAfterServerError {
        /// The attempt that got the server error: the one to give Circle
        /// support.
        request_id: Option<String>,
        /// How the last attempt failed.
        last: Box<CircleError>,
    },
    /// The base URL would send the API key unencrypted.
    #[error("{}", text::insecure_url(.url))]
    InsecureUrl {
        /// The refused URL, without any credentials.
        url: String,
    },
    /// The base URL is unusable for another reason.
    #[error("{}", text::bad_base_url(.problem))]
    BadBaseUrl {
        /// What is wrong with it.
        problem: &'static str,
    },
    /// The extra CA certificate file could not be used.
    #[error("{}", text::bad_ca_file(&.path.display().to_string(), .problem))]
    BadCaFile {
        /// The file.
        path: PathBuf,
        /// Why.
        problem: String,
    },
    /// The HTTP client could not be set up at all.
    #[error("{}", text::setup(.detail))]
    Setup {
        /// The underlying error.
        detail: String,
    },
    /// Circle sent a public key that cannot be used.
    #[error("{}", text::public_key(&.source.to_string()))]
    PublicKey {
        /// The request that fetched the key.
        request_id: Option<String>,
        /// Why the key was refused.
        #[source]
        source: PublicKeyError,
    },
    /// Encrypting the secret for an attempt failed; nothing was sent.
    #[error(transparent)]
    Encrypt(#[from] EncryptError),
}

impl Explain for CircleError {
    fn next_step(&self) -> String {
        let text = match self {
            Self::AlreadyRegistered {
                after_ambiguous_attempt: true,
                ..
            } => text::ALREADY_REGISTERED_AMBIGUOUS_NEXT,
            Self::AlreadyRegistered { .. } => text::ALREADY_REGISTERED_NEXT,
            Self::InvalidSecret { .. } => text::INVALID_SECRET_NEXT,
            Self::CiphertextReused { .. } => text::CIPHERTEXT_REUSED_NEXT,
            Self::NotRegistered { .. } => text::NOT_REGISTERED_NEXT,
            Self::EnvironmentMismatch { .. }
            | Self::KeyNotFound { .. }
            | Self::Unauthorized { .. } => text::FIX_KEY_NEXT,
            Self::Forbidden { .. } => text::FORBIDDEN_NEXT,
            Self::RateLimited { .. } => text::RATE_LIMITED_NEXT,
            Self::Server { .. } => text::RETRY_LATER_NEXT,
            Self::NonJson { .. } => text::NON_JSON_NEXT,
            Self::Api { .. } => text::API_NEXT,
            Self::MalformedResponse { .. } | Self::BodyTooLarge { .. } => text::MALFORMED_NEXT,
            Self::Timeout { .. } | Self::Interrupted { .. } => text::TIMEOUT_NEXT,
            Self::Connect { .. } => text::NETWORK_NEXT,
            Self::Tls { .. } => text::TLS_NEXT,
            Self::OutcomeUnknown { .. } | Self::GaveUpAfterServerError { .. } => {
                text::OUTCOME_UNKNOWN_NEXT
            }
            Self::InsecureUrl { .. } | Self::BadBaseUrl { .. } => text::BAD_URL_NEXT,
            Self::BadCaFile { .. } => text::BAD_CA_FILE_NEXT,
            Self::Setup { .. } => text::SETUP_NEXT,
            Self::PublicKey { source, .. } => return source.next_step(),
            Self::Encrypt(e) => return e.next_step(),
        };
        text.to_owned()
    }

    fn request_id(&self) -> Option<&str> {
        match self {
            Self::AlreadyRegistered { request_id, .. }
            | Self::InvalidSecret { request_id }
            | Self::CiphertextReused { request_id }
            | Self::NotRegistered { request_id }
            | Self::EnvironmentMismatch { request_id }
            | Self::KeyNotFound { request_id }
            | Self::Unauthorized { request_id }
            | Self::Forbidden { request_id }
            | Self::RateLimited { request_id, .. }
            | Self::Server { request_id, .. }
            | Self::NonJson { request_id, .. }
            | Self::Api { request_id, .. }
            | Self::MalformedResponse { request_id, .. }
            | Self::BodyTooLarge { request_id, .. }
            | Self::Timeout { request_id }
            | Self::Connect { request_id, .. }
            | Self::Interrupted { request_id, .. }
            | Self::Tls { request_id, .. }
            | Self::OutcomeUnknown { request_id }
            | Self::GaveUpAfterServerError { request_id, .. }
            | Self::PublicKey { request_id, .. } => request_id.as_deref(),
            Self::InsecureUrl { .. }
            | Self::BadBaseUrl { .. }
            | Self::BadCaFile { .. }
            | Self::Setup { .. }
            | Self::Encrypt(_) => None,
        }
    }
}

impl CircleError {
    /// For an error from [`register`](super::CircleClient::register):
    /// whether Circle may have registered the secret anyway, so the secret
    /// must be kept and the next 409 may be this secret's own. True for
    /// [`OutcomeUnknown`](Self::OutcomeUnknown), for a 5xx answer (Circle may
    /// fail after acting) and for an ambiguous 409.
    pub fn may_have_registered(&self) -> bool {
        matches!(
            self,
            Self::OutcomeUnknown { .. }
                | Self::GaveUpAfterServerError { .. }
                | Self::Server { .. }
                | Self::NonJson {
                    status: 500..=599,
                    ..
                }
                | Self::AlreadyRegistered {
                    after_ambiguous_attempt: true,
                    ..
                }
        )
    }

    /// Whether a later attempt of a call that changes nothing (a GET) may
    /// succeed: rate limits, server errors and network trouble.
    pub(crate) fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. }
                | Self::Server { .. }
                | Self::NonJson {
                    status: 500..=599,
                    ..
                }
                | Self::Timeout { .. }
                | Self::Connect { .. }
                | Self::Interrupted { .. }
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// One of every variant, for the checks that apply to all.
    pub(crate) fn every_variant() -> Vec<CircleError> {
        let id = || Some("0b6e1c1e-2a51-4b9a-9d0c-6f5b0c1d2e3f".to_owned());
        vec![
            CircleError::AlreadyRegistered {
                request_id: id(),
                after_ambiguous_attempt: false,
            },
            CircleError::AlreadyRegistered {
                request_id: id(),
                after_ambiguous_attempt: true,
            },
            CircleError::InvalidSecret { request_id: id() },
            CircleError::CiphertextReused { request_id: id() },
            CircleError::NotRegistered { request_id: id() },
            CircleError::EnvironmentMismatch { request_id: id() },
            CircleError::KeyNotFound { request_id: id() },
            CircleError::Unauthorized { request_id: id() },
            CircleError::Forbidden { request_id: id() },
            CircleError::RateLimited {
                request_id: id(),
                retry_after: Some(Duration::from_secs(1)),
            },
            CircleError::Server {
                request_id: id(),
                status: 503,
                excerpt: String::new(),
            },
            CircleError::NonJson {
                request_id: id(),
                status: 520,
                excerpt: "Web server is returning an unknown error".to_owned(),
            },
            CircleError::Api {
                request_id: id(),
                status: 400,
                code: Some(2),
                message: "Invalid parameter".to_owned(),
            },
            CircleError::MalformedResponse {
                request_id: id(),
                problem: "the body is not JSON".to_owned(),
            },
            CircleError::BodyTooLarge {
                request_id: id(),
                limit: 1024 * 1024,
            },
            CircleError::Timeout { request_id: id() },
            CircleError::Connect {
                request_id: id(),
                detail: "connection refused".to_owned(),
            },
            CircleError::Interrupted {
                request_id: id(),
                detail: "connection reset".to_owned(),
            },
            CircleError::Tls {
                request_id: id(),
                detail: "invalid peer certificate: UnknownIssuer".to_owned(),
            },
            CircleError::OutcomeUnknown { request_id: id() },
            CircleError::GaveUpAfterServerError {
                request_id: id(),
                last: Box::new(CircleError::RateLimited {
                    request_id: id(),
                    retry_after: None,
                }),
            },
            CircleError::InsecureUrl {
                url: "http://api.circle.com/".to_owned(),
            },
            CircleError::BadBaseUrl {
                problem: "it names no host",
            },
            CircleError::BadCaFile {
                path: PathBuf::from("/tmp/ca.pem"),
                problem: "no certificate in it".to_owned(),
            },
            CircleError::Setup {
                detail: "no TLS provider".to_owned(),
            },
            CircleError::PublicKey {
                request_id: id(),
                source: PublicKeyError::TooSmall(1024),
            },
            // `Encrypt` is left out: `EncryptError` has no public constructor.
        ]
    }

    #[test]
    fn every_variant_says_what_happened_and_what_to_do() {
        for err in every_variant() {
            let shown = err.to_string();
            assert!(!shown.is_empty(), "{err:?}");
            assert!(!shown.contains('\n'), "one line: {shown}");
            assert!(!err.next_step().is_empty(), "{err:?}");
            let rendered = crate::error::explain(&err);
            if let Some(id) = err.request_id() {
                assert!(rendered.contains(id));
            }
        }
    }

    #[test]
    fn request_ids_are_reported_for_http_exchanges() {
        let err = CircleError::OutcomeUnknown {
            request_id: Some("abc".to_owned()),
        };
        assert_eq!(err.request_id(), Some("abc"));
        let err = CircleError::InsecureUrl { url: String::new() };
        assert_eq!(err.request_id(), None);
    }

    #[test]
    fn ambiguous_409_says_so() {
        let plain = CircleError::AlreadyRegistered {
            request_id: None,
            after_ambiguous_attempt: false,
        };
        let ambiguous = CircleError::AlreadyRegistered {
            request_id: None,
            after_ambiguous_attempt: true,
        };
        assert!(plain.to_string().contains("was not registered"));
        assert!(ambiguous.to_string().contains("may have been"));
        assert!(ambiguous.next_step().contains("Keep this secret"));
    }

    #[test]
    fn errors_that_may_hide_a_registration() {
        let may: Vec<String> = every_variant()
            .iter()
            .filter(|e| e.may_have_registered())
            .map(|e| format!("{e:?}"))
            .collect();
        // A 409 after an ambiguous attempt, a 5xx (JSON or not), a broken
        // connection after sending, and giving up after a 5xx.
        assert_eq!(may.len(), 5, "{may:#?}");
        assert!(!CircleError::Unauthorized { request_id: None }.may_have_registered());
    }

    #[test]
    fn transient_errors_are_the_retryable_ones() {
        let transient: Vec<bool> = every_variant().iter().map(|e| e.is_transient()).collect();
        assert_eq!(transient.iter().filter(|t| **t).count(), 6, "{transient:?}");
        assert!(
            !CircleError::NonJson {
                request_id: None,
                status: 404,
                excerpt: String::new()
            }
            .is_transient()
        );
    }
}
