//! Turning an error answer (status and body) into a [`CircleError`], by
//! Circle's error codes and HTTP statuses. Bodies are untrusted: any bytes,
//! any size, any JSON shape must give a typed error and never panic, and no
//! form of the API key may reach the error.

use std::time::Duration;

use super::CircleError;
use super::redact::Redactor;
use crate::untrusted::neutralize;

/// Longest excerpt of a body or message kept in an error, in characters.
pub(crate) const EXCERPT_CHARS: usize = 200;

/// Circle's error codes that have their own meaning.
mod code {
    pub const CIPHERTEXT_REUSED: i64 = 156004;
    pub const ENVIRONMENT_MISMATCH: i64 = 156006;
    pub const KEY_NOT_FOUND: i64 = 156007;
    pub const INVALID_SECRET: i64 = 156013;
    pub const ALREADY_REGISTERED: i64 = 156015;
    pub const NOT_REGISTERED: i64 = 156016;
}

/// What an error answer said, read leniently.
#[derive(Debug, Default, PartialEq, Eq)]
struct ErrorBody {
    /// The body is a JSON object (Circle's shape, perhaps with odd fields).
    is_json_object: bool,
    code: Option<i64>,
    /// `message` as sent: neither redacted nor cut yet, since a cut made
    /// first could leave part of a key behind.
    message: Option<String>,
}

fn read_error_body(body: &[u8]) -> ErrorBody {
    let Ok(serde_json::Value::Object(mut map)) = serde_json::from_slice::<serde_json::Value>(body)
    else {
        return ErrorBody::default();
    };
    let code = match map.get("code") {
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        // Some gateways quote numbers; accept digits only.
        Some(serde_json::Value::String(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    let message = match map.remove("message") {
        Some(serde_json::Value::String(s)) => Some(s),
        _ => None,
    };
    ErrorBody {
        is_json_object: true,
        code,
        message,
    }
}

/// Map a non-2xx answer. `redactor` holds the API key the request carried,
/// which must never appear in the result, in case a hostile page echoes the
/// request.
pub(crate) fn error_from_answer(
    status: u16,
    body: &[u8],
    request_id: Option<String>,
    retry_after: Option<Duration>,
    redactor: &Redactor,
) -> CircleError {
    let parsed = read_error_body(body);
    // Circle's own code decides first: it is more precise than the status.
    match parsed.code {
        Some(code::ALREADY_REGISTERED) => {
            return CircleError::AlreadyRegistered {
                request_id,
                after_ambiguous_attempt: false,
            };
        }
        Some(code::INVALID_SECRET) => return CircleError::InvalidSecret { request_id },
        Some(code::CIPHERTEXT_REUSED) => return CircleError::CiphertextReused { request_id },
        Some(code::NOT_REGISTERED) => return CircleError::NotRegistered { request_id },
        Some(code::ENVIRONMENT_MISMATCH) => {
            return CircleError::EnvironmentMismatch { request_id };
        }
        Some(code::KEY_NOT_FOUND) => return CircleError::KeyNotFound { request_id },
        _ => {}
    }
    let message = || {
        let cleaned = parsed
            .message
            .as_deref()
            .map(|m| clean_excerpt(m, redactor))
            .unwrap_or_default();
        if cleaned.is_empty() {
            body_excerpt(body, redactor)
        } else {
            cleaned
        }
    };
    match status {
        401 => CircleError::Unauthorized { request_id },
        403 => CircleError::Forbidden { request_id },
        409 => CircleError::AlreadyRegistered {
            request_id,
            after_ambiguous_attempt: false,
        },
        429 => CircleError::RateLimited {
            request_id,
            retry_after,
        },
        _ if !parsed.is_json_object => CircleError::NonJson {
            request_id,
            status,
            excerpt: body_excerpt(body, redactor),
        },
        500..=599 => CircleError::Server {
            request_id,
            status,
            excerpt: message(),
        },
        _ => CircleError::Api {
            request_id,
            status,
            code: parsed.code,
            message: message(),
        },
    }
}

/// The start of a body as text a person can read (see [`clean_excerpt`]);
/// invalid UTF-8 is replaced. The whole body is redacted before it is cut:
/// it is at most [`super::MAX_BODY_BYTES`].
pub(crate) fn body_excerpt(body: &[u8], redactor: &Redactor) -> String {
    clean_excerpt(&String::from_utf8_lossy(body), redactor)
}

/// Clean a text from outside for an error message: every form of the key
/// redacted first, then control characters and runs of whitespace turned
/// into single spaces, invisible and bidirectional characters shown as
/// escapes, and the result cut to at most [`EXCERPT_CHARS`] characters
/// (never inside an escape).
pub(crate) fn clean_excerpt(text: &str, redactor: &Redactor) -> String {
    let text = redactor.redact(text);
    let mut out = String::new();
    let mut count = 0;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_control() || c.is_whitespace() || c == '\u{fffd}' {
            pending_space = !out.is_empty();
            continue;
        }
        let mut buffer = [0u8; 4];
        let shown = neutralize(c.encode_utf8(&mut buffer));
        let needed = shown.chars().count() + usize::from(pending_space);
        if count + needed > EXCERPT_CHARS {
            break;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push_str(&shown);
        count += needed;
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::error::Explain;

    fn none() -> Redactor {
        Redactor::nothing()
    }

    const ID: &str = "5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162";

    fn map(status: u16, body: &[u8]) -> CircleError {
        let err = error_from_answer(status, body, Some(ID.to_owned()), None, &none());
        assert!(!err.next_step().is_empty(), "{err:?}");
        assert_eq!(err.request_id(), Some(ID), "{err:?}");
        err
    }

    fn json(code: i64, message: &str) -> Vec<u8> {
        serde_json::json!({ "code": code, "message": message })
            .to_string()
            .into_bytes()
    }

    #[test]
    fn the_protocol_table() {
        let already = json(156015, "The secret for this entity has already been set.");
        assert!(matches!(
            map(409, &already),
            CircleError::AlreadyRegistered {
                after_ambiguous_attempt: false,
                ..
            }
        ));
        assert!(matches!(
            map(409, b""),
            CircleError::AlreadyRegistered { .. }
        ));
        assert!(matches!(
            map(400, &json(156013, "invalid")),
            CircleError::InvalidSecret { .. }
        ));
        assert!(matches!(
            map(400, &json(156004, "reused")),
            CircleError::CiphertextReused { .. }
        ));
        assert!(matches!(
            map(400, &json(156016, "not set")),
            CircleError::NotRegistered { .. }
        ));
        assert!(matches!(
            map(400, &json(156006, "mismatch")),
            CircleError::EnvironmentMismatch { .. }
        ));
        assert!(matches!(
            map(404, &json(156007, "not found")),
            CircleError::KeyNotFound { .. }
        ));
        assert!(matches!(
            map(401, &json(401, "Malformed API key.")),
            CircleError::Unauthorized { .. }
        ));
        assert!(matches!(
            map(401, b"<html>401</html>"),
            CircleError::Unauthorized { .. }
        ));
        assert!(matches!(
            map(403, &json(3, "Forbidden")),
            CircleError::Forbidden { .. }
        ));
        let limited = error_from_answer(429, b"", None, Some(Duration::from_secs(2)), &none());
        assert!(matches!(
            limited,
            CircleError::RateLimited {
                retry_after: Some(d),
                ..
            } if d == Duration::from_secs(2)
        ));
        match map(500, &json(-1, "Internal error")) {
            CircleError::Server {
                status, excerpt, ..
            } => {
                assert_eq!(status, 500);
                assert_eq!(excerpt, "Internal error");
            }
            other => panic!("{other:?}"),
        }
        match map(
            520,
            b"<!DOCTYPE html>\n<html><head><title>520: Web server is returning an unknown error</title>",
        ) {
            CircleError::NonJson {
                status, excerpt, ..
            } => {
                assert_eq!(status, 520);
                assert!(excerpt.starts_with("<!DOCTYPE html> <html>"), "{excerpt}");
            }
            other => panic!("{other:?}"),
        }
        match map(400, &json(2, "API parameter invalid")) {
            CircleError::Api {
                status,
                code,
                message,
                ..
            } => {
                assert_eq!((status, code), (400, Some(2)));
                assert_eq!(message, "API parameter invalid");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn extra_fields_and_an_errors_array_are_tolerated() {
        let body = br#"{"code":156015,"message":"set","errors":[{"error":"x","location":"y"}],"extra":{"a":[1,2]}}"#;
        assert!(matches!(
            map(409, body),
            CircleError::AlreadyRegistered { .. }
        ));
        let body = br#"{"code":2,"message":"bad","errors":[{"invalidValue":null}]}"#;
        assert!(matches!(
            map(400, body),
            CircleError::Api { code: Some(2), .. }
        ));
    }

    #[test]
    fn hostile_bodies_give_typed_errors() {
        let huge = vec![b'a'; 10 * 1024 * 1024];
        let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        let cases: Vec<(u16, Vec<u8>)> = vec![
            (400, Vec::new()),
            (400, b"null".to_vec()),
            (400, br#"{"code":"x"}"#.to_vec()),
            (400, br#"{"code":1.5,"message":7}"#.to_vec()),
            (400, br#"{"code":99999999999999999999999}"#.to_vec()),
            (400, b"[1,2,3]".to_vec()),
            (400, b"\"just a string\"".to_vec()),
            (400, br#"{"code":156015"#.to_vec()),
            (400, binary.clone()),
            (400, huge.clone()),
            (500, Vec::new()),
            (500, b"null".to_vec()),
            (500, binary),
            (500, huge),
            (502, b"<html><body>Bad gateway</body></html>".to_vec()),
            (418, b"{}".to_vec()),
            (302, b"".to_vec()),
        ];
        for (status, body) in cases {
            let err = map(status, &body);
            let shown = err.to_string();
            assert!(shown.chars().count() < 600, "{status}: {shown}");
            assert!(!shown.chars().any(char::is_control), "{shown:?}");
            match &err {
                CircleError::NonJson { excerpt, .. }
                | CircleError::Server { excerpt, .. }
                | CircleError::Api {
                    message: excerpt, ..
                } => {
                    assert!(excerpt.chars().count() <= EXCERPT_CHARS, "{excerpt}");
                }
                other => panic!("status {status}: unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn json_shapes_decide_between_non_json_and_api() {
        assert!(matches!(map(400, b""), CircleError::NonJson { .. }));
        assert!(matches!(map(400, b"null"), CircleError::NonJson { .. }));
        assert!(matches!(
            map(400, br#"{"code":"x"}"#),
            CircleError::Api { code: None, .. }
        ));
        assert!(matches!(
            map(400, br#"{"code":"156013"}"#),
            CircleError::InvalidSecret { .. }
        ));
        assert!(matches!(map(503, b"{}"), CircleError::Server { .. }));
        assert!(matches!(map(503, b""), CircleError::NonJson { .. }));
    }

    #[test]
    fn excerpts_are_short_clean_and_never_show_the_key() {
        let key = "TEST_API_KEY:abcd:s3cr3t";
        let page = format!(
            "<html>\r\n<body>\tEchoing your headers: Authorization: Bearer {key}\u{0}\u{7}\u{1b}[31m {} </body>",
            "x".repeat(1000)
        );
        let err = error_from_answer(520, page.as_bytes(), None, None, &Redactor::for_secret(key));
        let CircleError::NonJson { excerpt, .. } = &err else {
            panic!("{err:?}");
        };
        assert!(!excerpt.contains("s3cr3t"), "{excerpt}");
        assert!(excerpt.contains("[redacted]"), "{excerpt}");
        assert!(!excerpt.chars().any(char::is_control), "{excerpt:?}");
        assert!(!excerpt.contains("  "), "{excerpt:?}");
        assert_eq!(excerpt.chars().count(), EXCERPT_CHARS);
        assert!(!err.to_string().contains("s3cr3t"));

        let message = serde_json::json!({ "code": 1, "message": format!("bad key {key}") });
        let err = error_from_answer(
            400,
            message.to_string().as_bytes(),
            None,
            None,
            &Redactor::for_secret(key),
        );
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
    }

    #[test]
    fn clean_excerpt_edge_cases() {
        assert_eq!(clean_excerpt("", &none()), "");
        assert_eq!(clean_excerpt("  \n\t ", &none()), "");
        assert_eq!(clean_excerpt("\n a \n b \n", &none()), "a b");
        assert_eq!(
            clean_excerpt(&"é".repeat(300), &none()).chars().count(),
            200
        );
    }

    #[test]
    fn a_key_across_the_cut_is_redacted_before_cutting() {
        let key = "TEST_API_KEY:0123abcdef456789:s3cr3tPart9xyz";
        let redactor = Redactor::for_secret(key);
        for lead in 150..EXCERPT_CHARS {
            let text = format!("{} {key} tail", "x".repeat(lead));
            let shown = clean_excerpt(&text, &redactor);
            for part in ["s3cr3t", "0123abcd", "TEST_API_KEY:0"] {
                assert!(!shown.contains(part), "{lead}: {shown}");
            }
            let json = serde_json::json!({ "code": 2, "message": text }).to_string();
            let err = error_from_answer(400, json.as_bytes(), None, None, &redactor);
            assert!(
                !format!("{err} {err:?}").contains("s3cr3t"),
                "{lead}: {err:?}"
            );
        }
    }

    #[test]
    fn circles_text_is_neutralized_and_escapes_are_never_cut() {
        let json = serde_json::json!({ "code": 2, "message": "bad \u{202E}txet\u{1b}[2J" });
        let err = error_from_answer(400, json.to_string().as_bytes(), None, None, &none());
        let CircleError::Api { message, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(message, "bad \\u{202E}txet [2J");
        assert!(!err.to_string().contains('\u{202E}'));

        let text = format!("{}\u{200B}", "a".repeat(EXCERPT_CHARS - 3));
        let shown = clean_excerpt(&text, &none());
        assert_eq!(
            shown,
            "a".repeat(EXCERPT_CHARS - 3),
            "the escape does not fit"
        );
        let text = format!("{}\u{200B}", "a".repeat(EXCERPT_CHARS - 8));
        let shown = clean_excerpt(&text, &none());
        assert!(shown.ends_with("a\\u{200B}"), "{shown}");
        assert_eq!(shown.chars().count(), EXCERPT_CHARS);
    }
}
