//! Tests of `error`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

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
