//! What a successful call gives back, and how a 2xx body is read.

use std::borrow::Cow;

use super::CircleError;
use crate::secret::{CirclePublicKey, RecoveryFile};

/// A successful call's value, with the facts a record or support needs.
#[derive(Debug)]
pub struct Answer<T> {
    /// What Circle answered.
    pub value: T,
    /// The request id of the attempt that succeeded: the one Circle echoed
    /// back, or else the one sent.
    pub request_id: String,
    /// How many attempts it took (1 when the first one succeeded).
    pub attempts: u32,
}

/// The entity configuration: which Circle app the API key belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityConfig {
    /// The app id (a UUID in practice).
    pub app_id: String,
}

/// A registration Circle accepted (any 2xx answer).
#[derive(Debug)]
pub struct Registration {
    /// `data.recoveryFile`, when the body had it as a string. It is kept as
    /// received; check [`RecoveryFile::looks_valid`] before trusting it.
    pub recovery_file: Option<RecoveryFile>,
    /// The whole body as received (invalid UTF-8 replaced), kept for the case
    /// where `recovery_file` is missing: the registration happened anyway, and
    /// whatever came must be saved under a clearly marked name.
    pub raw_body: RecoveryFile,
    /// The body was cut short (larger than the limit, or the connection broke
    /// while it arrived): `raw_body` holds only its start.
    pub body_truncated: bool,
}

/// Longest app id accepted; Circle's are 36-character UUIDs.
const MAX_APP_ID_CHARS: usize = 200;

/// `data.<field>` of a JSON body, or why it is not there.
fn data_field(
    body: &[u8],
    field: &str,
    request_id: &str,
) -> Result<serde_json::Value, CircleError> {
    let malformed = |problem: String| CircleError::MalformedResponse {
        request_id: Some(request_id.to_owned()),
        problem,
    };
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|_| malformed("the body is not valid JSON".to_owned()))?;
    match value.get("data").and_then(|data| data.get(field)) {
        Some(found) => Ok(found.clone()),
        None => Err(malformed(format!("it has no data.{field}"))),
    }
}

/// Read `{"data":{"appId":"…"}}`.
pub(crate) fn parse_entity_config(
    body: &[u8],
    request_id: &str,
) -> Result<EntityConfig, CircleError> {
    let value = data_field(body, "appId", request_id)?;
    let malformed = |problem: &str| CircleError::MalformedResponse {
        request_id: Some(request_id.to_owned()),
        problem: problem.to_owned(),
    };
    let serde_json::Value::String(app_id) = value else {
        return Err(malformed("data.appId is not text"));
    };
    // The app id is shown and written to records: refuse anything a real id
    // would never contain rather than display it.
    if app_id.is_empty()
        || app_id.chars().count() > MAX_APP_ID_CHARS
        || app_id.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(malformed(
            "data.appId is empty, too long or contains spaces or control characters",
        ));
    }
    Ok(EntityConfig { app_id })
}

/// Read `{"data":{"publicKey":"<PEM>"}}` and parse the key.
pub(crate) fn parse_public_key(
    body: &[u8],
    request_id: &str,
) -> Result<CirclePublicKey, CircleError> {
    let value = data_field(body, "publicKey", request_id)?;
    let serde_json::Value::String(pem) = value else {
        return Err(CircleError::MalformedResponse {
            request_id: Some(request_id.to_owned()),
            problem: "data.publicKey is not text".to_owned(),
        });
    };
    CirclePublicKey::from_pem(&pem).map_err(|source| CircleError::PublicKey {
        request_id: Some(request_id.to_owned()),
        source,
    })
}

#[derive(serde::Deserialize)]
struct RegistrationBody<'a> {
    #[serde(borrow)]
    data: RegistrationData<'a>,
}

#[derive(serde::Deserialize)]
struct RegistrationData<'a> {
    #[serde(rename = "recoveryFile", borrow)]
    recovery_file: Cow<'a, str>,
}

/// Read a 2xx registration body. Never fails: the registration happened
/// whatever the body holds.
pub(crate) fn parse_registration(body: &[u8], body_truncated: bool) -> Registration {
    // Deserializing borrows the string from the body where it can, so the
    // recovery file is not copied around more than needed. Any other shape
    // (no data, a number, not JSON) means no recovery file.
    let recovery_file = serde_json::from_slice::<RegistrationBody<'_>>(body)
        .ok()
        .map(|parsed| RecoveryFile::new(parsed.data.recovery_file.into_owned()));
    Registration {
        recovery_file,
        raw_body: RecoveryFile::new(String::from_utf8_lossy(body).into_owned()),
        body_truncated,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::error::Explain;

    const PEM_4096: &str = include_str!("../../tests/fixtures/rsa4096.spki.pem");

    #[test]
    fn entity_config() {
        let ok = parse_entity_config(br#"{"data":{"appId":"a1b2-c3"},"extra":1}"#, "id").unwrap();
        assert_eq!(ok.app_id, "a1b2-c3");
        let long = format!(r#"{{"data":{{"appId":"{}"}}}}"#, "a".repeat(201));
        for bad in [
            &b""[..],
            b"null",
            b"{}",
            b"{\"data\":null}",
            b"{\"data\":{\"appId\":7}}",
            b"{\"data\":{\"appId\":\"\"}}",
            b"{\"data\":{\"appId\":\"a\\nb\"}}",
            b"{\"data\":{\"appId\":\"a b\"}}",
            b"{\"data\":{\"appId\":\"abc",
            b"\xff\xfe\x00",
            long.as_bytes(),
        ] {
            let err = parse_entity_config(bad, "req-1").unwrap_err();
            assert!(
                matches!(err, CircleError::MalformedResponse { .. }),
                "{err:?}"
            );
            assert_eq!(err.request_id(), Some("req-1"));
            assert!(!err.next_step().is_empty());
        }
    }

    #[test]
    fn public_key() {
        let body = serde_json::json!({ "data": { "publicKey": PEM_4096 } }).to_string();
        let key = parse_public_key(body.as_bytes(), "id").unwrap();
        assert_eq!(key.bits(), 4096);

        let bad = serde_json::json!({ "data": { "publicKey": "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----\n" } }).to_string();
        let err = parse_public_key(bad.as_bytes(), "id").unwrap_err();
        assert!(matches!(err, CircleError::PublicKey { .. }), "{err:?}");
        assert_eq!(err.request_id(), Some("id"));
        assert!(!err.next_step().is_empty());

        for malformed in [
            &b"{\"data\":{\"publicKey\":[]}}"[..],
            b"{\"data\":{}}",
            b"<html>",
        ] {
            let err = parse_public_key(malformed, "id").unwrap_err();
            assert!(
                matches!(err, CircleError::MalformedResponse { .. }),
                "{err:?}"
            );
        }
    }

    #[test]
    fn registration_keeps_whatever_came() {
        let r = parse_registration(br#"{"data":{"recoveryFile":"aGVsbG8="}}"#, false);
        assert_eq!(r.recovery_file.as_ref().unwrap().as_bytes(), b"aGVsbG8=");
        assert!(!r.body_truncated);
        assert_eq!(
            r.raw_body.as_bytes(),
            br#"{"data":{"recoveryFile":"aGVsbG8="}}"#
        );

        // Escapes are decoded (the string is what JSON says it is).
        let r = parse_registration(br#"{"data":{"recoveryFile":"ab\/cd=="}}"#, false);
        assert_eq!(r.recovery_file.unwrap().as_bytes(), b"ab/cd==");

        for body in [
            &b""[..],
            b"null",
            b"{}",
            b"{\"data\":{}}",
            b"{\"data\":{\"recoveryFile\":12}}",
            b"{\"data\":{\"recoveryFile\":null}}",
            b"{\"data\":\"x\"}",
            b"{\"data\":{\"recoveryFile\":\"abc",
            b"<html>OK</html>",
            b"\xff\x00\xfe",
        ] {
            let r = parse_registration(body, false);
            assert!(r.recovery_file.is_none(), "{body:?}");
            assert_eq!(r.raw_body.len(), String::from_utf8_lossy(body).len());
        }
        let r = parse_registration(b"{\"data\":{\"recoveryFile\":\"\"}}", true);
        assert!(r.recovery_file.unwrap().is_empty());
        assert!(r.body_truncated);
    }
}
