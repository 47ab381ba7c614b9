//! Everything that can go wrong talking to Circle, each with what to do next.

use std::path::PathBuf;
use std::time::Duration;

use crate::error::Explain;
use crate::secret::{EncryptError, PublicKeyError};

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
    #[error("Circle says this account already has an entity secret{}.", if *.after_ambiguous_attempt { ", but an earlier attempt of this registration failed with a server error and may have been the one that set it" } else { ", so this one was not registered" })]
    AlreadyRegistered {
        /// The request that got the 409.
        request_id: Option<String>,
        /// An earlier attempt of this same registration got a server error
        /// (5xx), so the secret Circle has may be the one just sent.
        after_ambiguous_attempt: bool,
    },
    /// Circle could not use the entity secret in the ciphertext (code 156013).
    #[error("Circle rejected the entity secret as invalid.")]
    InvalidSecret {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// A ciphertext was sent twice (code 156004).
    #[error("Circle refused a ciphertext that had already been used.")]
    CiphertextReused {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// The account has no entity secret yet (code 156016).
    #[error("Circle says no entity secret is registered for this account yet.")]
    NotRegistered {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// A TEST key used against LIVE or the reverse (code 156006).
    #[error("Circle says the API key belongs to the other environment (TEST versus LIVE).")]
    EnvironmentMismatch {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// Circle does not know the API key (code 156007).
    #[error("Circle could not find this API key.")]
    KeyNotFound {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// HTTP 401: the key is malformed, revoked or unknown.
    #[error("Circle did not accept the API key (HTTP 401).")]
    Unauthorized {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// HTTP 403: the key may not do this.
    #[error("The API key is not allowed to do this (HTTP 403).")]
    Forbidden {
        /// The request Circle rejected.
        request_id: Option<String>,
    },
    /// HTTP 429, still after every retry.
    #[error(
        "Circle is limiting how fast requests may be sent (HTTP 429), and the retries did not get through."
    )]
    RateLimited {
        /// The last request Circle turned away.
        request_id: Option<String>,
        /// How long Circle asked to wait, if it said.
        retry_after: Option<Duration>,
    },
    /// A 5xx answer with a JSON body, still after every retry.
    #[error("Circle had a server problem (HTTP {status}){}", excerpt_suffix(.excerpt))]
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
    #[error("The answer (HTTP {status}) was not from Circle's API but a page from something in between, such as a proxy, firewall or CDN{}", excerpt_suffix(.excerpt))]
    NonJson {
        /// The request that got this answer.
        request_id: Option<String>,
        /// The HTTP status.
        status: u16,
        /// The start of the body, cleaned, at most 200 characters.
        excerpt: String,
    },
    /// Any other error answer from Circle.
    #[error("Circle refused the request (HTTP {status}{}){}", code_suffix(*.code), excerpt_suffix(.message))]
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
    #[error("Circle's answer could not be understood: {problem}.")]
    MalformedResponse {
        /// The request whose answer was malformed.
        request_id: Option<String>,
        /// What was wrong, for a person (never the body itself).
        problem: String,
    },
    /// An answer bigger than any Circle answer; reading stopped at the limit.
    #[error("The answer was larger than {}, far more than Circle ever sends, so reading it stopped.", size_text(*.limit))]
    BodyTooLarge {
        /// The request with the oversized answer.
        request_id: Option<String>,
        /// The limit in bytes.
        limit: usize,
    },
    /// No complete answer in time, still after every retry.
    #[error("Circle did not answer in time.")]
    Timeout {
        /// The last request that timed out.
        request_id: Option<String>,
    },
    /// No connection could be opened, still after every retry.
    #[error("Could not connect to Circle ({detail}).")]
    Connect {
        /// The last request id tried (it never reached Circle).
        request_id: Option<String>,
        /// The network error, without the URL.
        detail: String,
    },
    /// The connection broke before the answer was complete, still after
    /// every retry (calls that change nothing only).
    #[error("The connection to Circle broke before the answer was complete ({detail}).")]
    Interrupted {
        /// The last request that was interrupted.
        request_id: Option<String>,
        /// The network error, without the URL.
        detail: String,
    },
    /// The TLS handshake failed, e.g. a certificate was not trusted.
    #[error("The secure connection to Circle could not be set up ({detail}).")]
    Tls {
        /// The request id tried (it never reached Circle).
        request_id: Option<String>,
        /// The TLS error.
        detail: String,
    },
    /// The registration was sent but no complete answer came back: it may
    /// have happened. Never retried.
    #[error(
        "The registration was sent, but the connection broke before Circle's answer arrived, so it may have happened."
    )]
    OutcomeUnknown {
        /// The request that may have registered the secret: the one to give
        /// Circle support.
        request_id: Option<String>,
    },
    /// An earlier attempt of the registration got a server error (after which
    /// Circle may have acted) and the later attempts failed too.
    #[error(
        "Circle answered an earlier attempt with a server error and the later attempts failed too ({last}), so the registration may have happened."
    )]
    GaveUpAfterServerError {
        /// The attempt that got the server error: the one to give Circle
        /// support.
        request_id: Option<String>,
        /// How the last attempt failed.
        last: Box<CircleError>,
    },
    /// The base URL would send the API key unencrypted.
    #[error(
        "Refusing to send the API key to {url}: only https:// addresses are allowed (plain http:// only to this computer)."
    )]
    InsecureUrl {
        /// The refused URL, without any credentials.
        url: String,
    },
    /// The base URL is unusable for another reason.
    #[error("The Circle address cannot be used: {problem}.")]
    BadBaseUrl {
        /// What is wrong with it.
        problem: &'static str,
    },
    /// The extra CA certificate file could not be used.
    #[error("The extra CA certificate file {} could not be used: {problem}.", .path.display())]
    BadCaFile {
        /// The file.
        path: PathBuf,
        /// Why.
        problem: String,
    },
    /// The HTTP client could not be set up at all.
    #[error("The connection to Circle could not be prepared ({detail}).")]
    Setup {
        /// The underlying error.
        detail: String,
    },
    /// Circle sent a public key that cannot be used.
    #[error("Circle's public key cannot be used: {source}")]
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

/// ": “excerpt”." — without a second full stop when the excerpt ends a
/// sentence itself.
fn excerpt_suffix(excerpt: &str) -> String {
    if excerpt.is_empty() {
        ".".to_owned()
    } else if excerpt.ends_with(['.', '!', '?']) {
        format!(": \u{201c}{excerpt}\u{201d}")
    } else {
        format!(": \u{201c}{excerpt}\u{201d}.")
    }
}

fn size_text(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

fn code_suffix(code: Option<i64>) -> String {
    code.map(|c| format!(", code {c}")).unwrap_or_default()
}

const FIX_KEY: &str = "Copy the API key again from Circle Console (Keys), check it is a Wallets API key for the intended environment, and try again.";
const RETRY_LATER: &str = "Wait a few minutes and try again; repeated failures can make Circle lock the key out for a while. If it persists, check https://status.circle.com and give Circle support the request id.";
const NETWORK: &str = "Check the network connection. On a managed network, a proxy or firewall may block api.circle.com: set HTTPS_PROXY (and NO_PROXY) to your proxy, or ask IT to allow it.";

impl Explain for CircleError {
    fn next_step(&self) -> String {
        let text = match self {
            Self::AlreadyRegistered {
                after_ambiguous_attempt: true,
                ..
            } => {
                "Keep this secret: it may be the registered one. Check in Circle Console whether it works by rotating it there (rotation needs the current secret and gives a new recovery file); if it is not the registered one, use the recovery file you already have to reset it."
            }
            Self::AlreadyRegistered { .. } => {
                "Nothing was changed. If you have the current secret, rotate it in Circle Console; if it is lost, reset it there with the recovery file. This app prepares the ciphertexts for both."
            }
            Self::InvalidSecret { .. } => {
                "Fetch Circle's public key again and make sure the secret is 64 hexadecimal characters, then try again with a fresh ciphertext."
            }
            Self::CiphertextReused { .. } => {
                "Try again: this app makes a fresh ciphertext for every request. Never paste an old ciphertext."
            }
            Self::NotRegistered { .. } => "Register an entity secret for this account first.",
            Self::EnvironmentMismatch { .. }
            | Self::KeyNotFound { .. }
            | Self::Unauthorized { .. } => FIX_KEY,
            Self::Forbidden { .. } => {
                "In Circle Console, give this API key access to Developer-Controlled Wallets, or use a key that has it."
            }
            Self::RateLimited { .. } => "Wait a minute, then try again. Nothing needs to change.",
            Self::Server { .. } => RETRY_LATER,
            Self::NonJson { .. } => {
                "Try again in a few minutes. If it keeps happening, a proxy or firewall may be blocking api.circle.com: ask IT, or set HTTPS_PROXY to your proxy."
            }
            Self::Api { .. } => {
                "Check the API key and the account in Circle Console. If it persists, give Circle support the request id."
            }
            Self::MalformedResponse { .. } | Self::BodyTooLarge { .. } => {
                "Try again. If it persists, something between this computer and Circle (a proxy or firewall) may be altering the answers: check HTTPS_PROXY or ask IT."
            }
            Self::Timeout { .. } | Self::Interrupted { .. } => {
                "Check the network connection and try again. A slow proxy or firewall may be in the way: check HTTPS_PROXY or ask IT."
            }
            Self::Connect { .. } => NETWORK,
            Self::Tls { .. } => {
                "If your organization inspects HTTPS traffic, ask IT for its root certificate as a PEM file and add it as the extra CA certificate. Also check that the computer's clock is right."
            }
            Self::OutcomeUnknown { .. } | Self::GaveUpAfterServerError { .. } => {
                "Keep this secret: it may now be the registered one. Do not generate another. Check in Circle Console whether an entity secret is set; if it is, the recovery file was lost in transit, so rotate the secret there to get a new one. Give Circle support the request id if unsure."
            }
            Self::InsecureUrl { .. } | Self::BadBaseUrl { .. } => {
                "Use https://api.circle.com (or leave the address at its default)."
            }
            Self::BadCaFile { .. } => {
                "Choose a PEM file holding one or more certificates (-----BEGIN CERTIFICATE-----), or remove the extra CA setting."
            }
            Self::Setup { .. } => {
                "Restart the app. If it keeps happening, check the extra CA setting and report the message."
            }
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
