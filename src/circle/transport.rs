//! One HTTP attempt: send, then read a capped body, and say precisely how it
//! failed when it did — above all whether the request can have reached
//! Circle, which decides whether a registration may be retried.

use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use zeroize::Zeroizing;

use super::endpoints::REQUEST_ID_HEADER;
use super::error_body::clean_excerpt;
use super::redact::Redactor;
use super::retry::parse_retry_after;
use super::tls::tls_failure;
use crate::secret::ApiKey;

/// The most bytes of a body ever read (1 MiB); Circle's largest answer, the
/// public key, is under 1 KiB.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// How an attempt failed below HTTP.
#[derive(Debug)]
pub(crate) enum Failure {
    /// No connection was made: the request never left this computer.
    Connect(String),
    /// The TLS handshake failed: the request never left either.
    Tls(String),
    /// The request could not even be built; nothing was sent.
    Setup(String),
    /// Time ran out after the connection was made: the request may have
    /// been delivered.
    Timeout,
    /// The connection broke after it was made: the request may have been
    /// delivered.
    Broken(String),
}

impl Failure {
    /// The failure `error` amounts to. Its text is cleaned like any text
    /// from outside: a server's words can reach it.
    fn from_reqwest(error: reqwest::Error, redactor: &Redactor) -> Self {
        let error = error.without_url();
        if let Some(tls) = tls_failure(&error) {
            return Self::Tls(clean_excerpt(&tls, redactor));
        }
        let detail = describe(&error, redactor);
        if error.is_builder() {
            Self::Setup(detail)
        } else if error.is_connect() {
            // Connect timeouts land here too: still nothing sent.
            Self::Connect(detail)
        } else if error.is_timeout() {
            Self::Timeout
        } else {
            Self::Broken(detail)
        }
    }
}

/// The chain of causes as one short line, without the generic wrappers
/// reqwest and hyper add, e.g. "tcp connect error: Connection refused".
/// Cleaned like any text from outside (see [`clean_excerpt`]): a server's
/// words can reach it.
pub(crate) fn describe(error: &(dyn std::error::Error + 'static), redactor: &Redactor) -> String {
    const WRAPPERS: [&str; 2] = ["error sending request", "client error ("];
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(err) = current {
        let text = err.to_string();
        let generic = WRAPPERS.iter().any(|w| text.starts_with(w));
        if !generic && parts.last() != Some(&text) {
            parts.push(text);
        }
        current = err.source();
    }
    if parts.is_empty() {
        // Nothing but wrappers: better the generic text than none.
        parts.push(error.to_string());
    }
    clean_excerpt(&parts.join(": "), redactor)
}

/// How reading the body ended.
#[derive(Debug)]
pub(crate) enum BodyEnd {
    /// All of it arrived.
    Complete,
    /// It went past [`MAX_BODY_BYTES`]; reading stopped there.
    TooLarge,
    /// The connection failed while it arrived.
    Failed(Failure),
}

/// An HTTP answer, whatever its status.
pub(crate) struct Reply {
    /// The status code.
    pub status: u16,
    /// The id Circle echoed back, or else the one sent.
    pub request_id: String,
    /// `Retry-After` in seconds, capped.
    pub retry_after: Option<Duration>,
    /// The body, or its start (see `end`). Zeroized: a registration answer
    /// holds the recovery file.
    pub body: Zeroizing<Vec<u8>>,
    /// Whether the body is whole.
    pub end: BodyEnd,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// What to send.
pub(crate) struct Outgoing<'a> {
    pub method: reqwest::Method,
    pub url: reqwest::Url,
    pub key: Option<&'a ApiKey>,
    /// Every form of `key`, to keep out of whatever the answer makes shown.
    pub redactor: &'a Redactor,
    /// A JSON body (POST only).
    pub json: Option<String>,
    pub request_id: &'a str,
}

/// Send one request and read its answer.
pub(crate) async fn attempt(
    http: &reqwest::Client,
    outgoing: Outgoing<'_>,
) -> Result<Reply, Failure> {
    let mut request = http
        .request(outgoing.method, outgoing.url)
        .header(ACCEPT, "application/json")
        .header(REQUEST_ID_HEADER, outgoing.request_id);
    if let Some(key) = outgoing.key {
        let value = Zeroizing::new(format!("Bearer {}", key.expose()));
        let mut header = HeaderValue::from_str(&value)
            .map_err(|_| Failure::Setup(crate::text::circle::KEY_NOT_A_HEADER.to_owned()))?;
        // Keeps the value out of reqwest's and hyper's debug output.
        header.set_sensitive(true);
        request = request.header(AUTHORIZATION, header);
    }
    if let Some(json) = outgoing.json {
        request = request.header(CONTENT_TYPE, "application/json").body(json);
    }
    let redactor = outgoing.redactor;
    let mut response = request
        .send()
        .await
        .map_err(|e| Failure::from_reqwest(e, redactor))?;
    let headers = response.headers();
    let request_id = echoed_request_id(
        headers.get(REQUEST_ID_HEADER).map(|value| value.as_bytes()),
        redactor,
    )
    .unwrap_or_else(|| outgoing.request_id.to_owned());
    let retry_after = parse_retry_after(
        headers
            .get(reqwest::header::RETRY_AFTER)
            .map(|value| value.as_bytes()),
    );
    let status = response.status().as_u16();
    let (body, end) = read_capped(&mut response, redactor).await;
    Ok(Reply {
        status,
        request_id,
        retry_after,
        body,
        end,
    })
}

/// The request id the server echoed, if it is a plausible id: 1 to 128
/// letters, digits, `-`, `_` or `.` (a UUID, as sent, is one), with no
/// form of the API key in it. Anything else is ignored, never shown: the
/// id sent is reported instead.
pub(crate) fn echoed_request_id(value: Option<&[u8]>, redactor: &Redactor) -> Option<String> {
    let text = std::str::from_utf8(value?).ok()?.trim();
    let plausible = (1..=128).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    (plausible && !redactor.finds_key_in(text)).then(|| text.to_owned())
}

/// Read at most [`MAX_BODY_BYTES`], chunk by chunk, so a hostile 10 MiB
/// answer is never held whole.
async fn read_capped(
    response: &mut reqwest::Response,
    redactor: &Redactor,
) -> (Zeroizing<Vec<u8>>, BodyEnd) {
    let expected = response
        .content_length()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(16 * 1024);
    // Reserving up front avoids regrowing the buffer for any honest answer;
    // a longer one grows through `append_zeroizing`, which leaves no copy.
    let mut body = Zeroizing::new(Vec::with_capacity(expected.min(MAX_BODY_BYTES)));
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = MAX_BODY_BYTES - body.len();
                if chunk.len() > room {
                    append_zeroizing(&mut body, &chunk[..room]);
                    return (body, BodyEnd::TooLarge);
                }
                append_zeroizing(&mut body, &chunk);
            }
            Ok(None) => return (body, BodyEnd::Complete),
            Err(e) => {
                return (body, BodyEnd::Failed(Failure::from_reqwest(e, redactor)));
            }
        }
    }
}

/// Append to a buffer that may hold a recovery file. `Vec` would move its
/// bytes to a bigger allocation and free the old one as it was; here the
/// old one is a `Zeroizing` that is wiped when it is replaced.
fn append_zeroizing(body: &mut Zeroizing<Vec<u8>>, more: &[u8]) {
    let needed = body.len() + more.len();
    if needed > body.capacity() {
        let capacity = needed
            .max(body.capacity() * 2)
            .min(MAX_BODY_BYTES.max(needed));
        let mut grown = Zeroizing::new(Vec::with_capacity(capacity));
        grown.extend_from_slice(body);
        *body = grown;
    }
    body.extend_from_slice(more);
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn describe_joins_causes_on_one_line() {
        let inner = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused\nnow");
        let text = describe(&inner, &Redactor::nothing());
        assert_eq!(text, "refused now");
    }

    #[test]
    fn echoed_ids_are_checked() {
        let none = Redactor::nothing();
        let id = "5b3d2c9e-7f10-4a8e-9a4c-1d2e3f405162";
        assert_eq!(echoed_request_id(None, &none), None);
        assert_eq!(echoed_request_id(Some(b""), &none), None);
        assert_eq!(
            echoed_request_id(Some(id.as_bytes()), &none).as_deref(),
            Some(id)
        );
        assert_eq!(
            echoed_request_id(Some(b" abc-1.x_2 "), &none).as_deref(),
            Some("abc-1.x_2")
        );
        for bad in [
            &b"a b"[..],
            b"\xff\xfe",
            &[b'a'; 129],
            b"a:b",
            b"a%3Ab",
            b"<script>",
            b"\xe2\x80\xae",
        ] {
            assert_eq!(echoed_request_id(Some(bad), &none), None, "{bad:?}");
        }
        let key = Redactor::for_secret("TEST_API_KEY:0123abcdef456789:s3cr3tPart9xyz");
        assert_eq!(echoed_request_id(Some(b"s3cr3tPart9xyz"), &key), None);
        assert_eq!(echoed_request_id(Some(b"req-0123abcdef456789"), &key), None);
        assert_eq!(
            echoed_request_id(Some(id.as_bytes()), &key).as_deref(),
            Some(id)
        );
    }

    #[test]
    fn growing_the_body_keeps_every_byte() {
        let mut body = Zeroizing::new(Vec::with_capacity(2));
        for chunk in [&b"ab"[..], b"cde", b"", b"fghijklmnop"] {
            append_zeroizing(&mut body, chunk);
        }
        assert_eq!(body.as_slice(), b"abcdefghijklmnop");
        assert!(body.capacity() >= body.len());
    }
}
