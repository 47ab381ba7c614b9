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
mod tests;
