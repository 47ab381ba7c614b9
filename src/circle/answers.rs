//! What a successful call gives back, and how a 2xx body is read.

use std::borrow::Cow;

use zeroize::Zeroizing;

use super::CircleError;
use crate::secret::{CirclePublicKey, RecoveryFile};
use crate::text::circle as text;

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
    /// The app id: a UUID in its usual 36-character form (anything else is
    /// refused), as Circle wrote it.
    pub app_id: String,
}

/// A registration Circle accepted (any 2xx answer).
#[derive(Debug)]
pub struct Registration {
    /// What to save: the recovery file, or the whole body when it has none.
    pub recovery: RecoveryContent,
    /// The body was cut short (larger than the limit, or the connection broke
    /// while it arrived): a [`RecoveryContent::WholeBody`] holds only its
    /// start.
    pub body_truncated: bool,
}

/// The one copy kept of what a registration answer carried.
#[derive(Debug)]
pub enum RecoveryContent {
    /// `data.recoveryFile`, the body's string, as received. Check
    /// [`RecoveryFile::looks_valid`] before trusting it.
    RecoveryFile(RecoveryFile),
    /// The body had no `data.recoveryFile` string (or was not JSON): the
    /// registration happened anyway, so the whole body is kept as received
    /// (invalid UTF-8 replaced), to be saved under a clearly marked name.
    WholeBody(RecoveryFile),
}

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
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| malformed(text::BODY_NOT_JSON.to_owned()))?;
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
    // The app id is shown, written to records and names keychain entries:
    // refuse anything but the UUID every Circle app id is, rather than
    // display a hostile text (a bidirectional override, an escape sequence).
    if !is_uuid_text(&app_id) {
        return Err(malformed(text::APP_ID_NOT_UUID));
    }
    Ok(EntityConfig { app_id })
}

/// Whether `text` is a UUID in the hyphenated form: 8-4-4-4-12 hex digits.
fn is_uuid_text(text: &str) -> bool {
    const HYPHENS: [usize; 4] = [8, 13, 18, 23];
    text.len() == 36
        && text.bytes().enumerate().all(|(i, b)| {
            if HYPHENS.contains(&i) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
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
/// whatever the body holds. Exactly one copy of what matters is kept, and
/// the body's buffer is wiped when it is dropped.
pub(crate) fn parse_registration(
    mut body: Zeroizing<Vec<u8>>,
    body_truncated: bool,
) -> Registration {
    // Deserializing borrows the string from the body where it can (Circle's
    // base64 has no escapes), so it is copied once, into the file. Any other
    // shape (no data, a number, not JSON) means no recovery file.
    if let Ok(parsed) = serde_json::from_slice::<RegistrationBody<'_>>(&body) {
        return Registration {
            recovery: RecoveryContent::RecoveryFile(RecoveryFile::new(
                parsed.data.recovery_file.into_owned(),
            )),
            body_truncated,
        };
    }
    // The whole body is kept: moved, not copied, when it is UTF-8.
    let whole = match String::from_utf8(std::mem::take(&mut *body)) {
        Ok(text) => text,
        Err(not_utf8) => {
            let bytes = Zeroizing::new(not_utf8.into_bytes());
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    Registration {
        recovery: RecoveryContent::WholeBody(RecoveryFile::new(whole)),
        body_truncated,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::error::Explain;

    const PEM_4096: &str = include_str!("../../tests/fixtures/rsa4096.spki.pem");

    const APP_ID: &str = "5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162";

    #[test]
    fn entity_config() {
        let body = format!(r#"{{"data":{{"appId":"{APP_ID}"}},"extra":1}}"#);
        let ok = parse_entity_config(body.as_bytes(), "id").unwrap();
        assert_eq!(ok.app_id, APP_ID);
        let upper = APP_ID.to_ascii_uppercase();
        let body = format!(r#"{{"data":{{"appId":"{upper}"}}}}"#);
        assert_eq!(
            parse_entity_config(body.as_bytes(), "id").unwrap().app_id,
            upper
        );
        let long = format!(r#"{{"data":{{"appId":"{}"}}}}"#, "a".repeat(201));
        let hostile: Vec<String> = [
            "5b3d2c9e-7f10-4a8e-9a4c-1d2e3f40516\\u202e",
            "\\u202e5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162",
            "5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162\\u001b[2J",
            "5b3d2c9e-7f10-4a8e-9a4c-1d2e3f40516\\u200b",
            "5b3d2c9e7f104a8e9a4c1d2e3f405162",
            "{5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162}",
            "urn:uuid:5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162",
            "5b3d2c9e-7f10-4a8e-9a4c-1d2e3f40516g",
            "5b3d2c9e-7f10-4a8e-9a4c_1d2e3f405162",
            " 5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162",
            "a1b2-c3",
        ]
        .iter()
        .map(|id| format!(r#"{{"data":{{"appId":"{id}"}}}}"#))
        .collect();
        for bad in hostile.iter().map(String::as_bytes).chain([
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
        ]) {
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

    fn parse(body: &[u8], truncated: bool) -> Registration {
        parse_registration(Zeroizing::new(body.to_vec()), truncated)
    }

    fn recovery_file(r: &Registration) -> Option<&RecoveryFile> {
        match &r.recovery {
            RecoveryContent::RecoveryFile(file) => Some(file),
            RecoveryContent::WholeBody(_) => None,
        }
    }

    #[test]
    fn registration_keeps_whatever_came() {
        let r = parse(br#"{"data":{"recoveryFile":"aGVsbG8="}}"#, false);
        assert_eq!(recovery_file(&r).unwrap().as_bytes(), b"aGVsbG8=");
        assert!(!r.body_truncated);

        // Escapes are decoded (the string is what JSON says it is).
        let r = parse(br#"{"data":{"recoveryFile":"ab\/cd=="}}"#, false);
        assert_eq!(recovery_file(&r).unwrap().as_bytes(), b"ab/cd==");

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
            let r = parse(body, false);
            let RecoveryContent::WholeBody(whole) = &r.recovery else {
                panic!("{body:?}: {r:?}");
            };
            assert_eq!(whole.as_bytes(), String::from_utf8_lossy(body).as_bytes());
        }
        let r = parse(b"{\"data\":{\"recoveryFile\":\"\"}}", true);
        assert!(recovery_file(&r).unwrap().is_empty());
        assert!(r.body_truncated);
    }
}
