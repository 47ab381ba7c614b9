//! The parsers of this module that read what a server sends, opened to the
//! fuzz targets (`fuzz/`) and their regression test. Not part of the API:
//! nothing in the product calls these.

use std::time::Duration;

use zeroize::Zeroizing;

use super::answers::{self, EntityConfig, Registration};
use super::error_body;
use super::redact::Redactor;
use super::{CircleError, transport};
use crate::secret::CirclePublicKey;

/// The longest excerpt of a server's text kept in an error, in characters.
pub const EXCERPT_CHARS: usize = error_body::EXCERPT_CHARS;

/// Read a 2xx answer to `GET /v1/w3s/config/entity`.
pub fn parse_entity_config(body: &[u8]) -> Result<EntityConfig, CircleError> {
    answers::parse_entity_config(body, "fuzz")
}

/// Read a 2xx answer to `GET /v1/w3s/config/entity/publicKey`.
pub fn parse_public_key(body: &[u8]) -> Result<CirclePublicKey, CircleError> {
    answers::parse_public_key(body, "fuzz")
}

/// Read a 2xx answer to the registration.
pub fn parse_registration(body: &[u8], body_truncated: bool) -> Registration {
    answers::parse_registration(Zeroizing::new(body.to_vec()), body_truncated)
}

/// Map an error answer, as the client does for a request made with `key`
/// (`PREFIX:ID:SECRET`, or none), including the echoed request id header.
pub fn error_from_answer(
    status: u16,
    body: &[u8],
    request_id_header: Option<&[u8]>,
    key: Option<&str>,
) -> CircleError {
    let redactor = key.map_or_else(Redactor::nothing, Redactor::for_secret);
    let request_id = transport::echoed_request_id(request_id_header, &redactor)
        .unwrap_or_else(|| "sent-id".to_owned());
    error_body::error_from_answer(
        status,
        body,
        Some(request_id),
        Some(Duration::from_secs(1)),
        &redactor,
    )
}

/// `text` with every form of `key` redacted, as errors show it.
pub fn redact(key: &str, text: &str) -> String {
    Redactor::for_secret(key).redact(text).into_owned()
}

/// Whether `text` spells `key` in any form the redactor knows.
pub fn finds_key(key: &str, text: &str) -> bool {
    Redactor::for_secret(key).finds_key_in(text)
}

/// `text` cleaned for an error message with `key` redacted: what a
/// server's message becomes on screen.
pub fn clean_excerpt(text: &str, key: &str) -> String {
    error_body::clean_excerpt(text, &Redactor::for_secret(key))
}
