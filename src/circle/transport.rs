//! One HTTP attempt: send, then read a capped body, and say precisely how it
//! failed when it did — above all whether the request can have reached
//! Circle, which decides whether a registration may be retried.

use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use zeroize::Zeroizing;

use super::endpoints::REQUEST_ID_HEADER;
use super::error_body::{clean_excerpt, echoed_request_id};
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
    fn from_reqwest(error: reqwest::Error) -> Self {
        let error = error.without_url();
        if let Some(tls) = tls_failure(&error) {
            return Self::Tls(clean_excerpt(&tls, &[]));
        }
        let detail = describe(&error);
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
pub(crate) fn describe(error: &(dyn std::error::Error + 'static)) -> String {
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
    clean_excerpt(&parts.join(": "), &[])
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
        let mut header = HeaderValue::from_str(&value).map_err(|_| {
            Failure::Setup("the API key cannot be sent in an HTTP header".to_owned())
        })?;
        // Keeps the value out of reqwest's and hyper's debug output.
        header.set_sensitive(true);
        request = request.header(AUTHORIZATION, header);
    }
    if let Some(json) = outgoing.json {
        request = request.header(CONTENT_TYPE, "application/json").body(json);
    }
    let mut response = request.send().await.map_err(Failure::from_reqwest)?;
    let headers = response.headers();
    let request_id =
        echoed_request_id(headers.get(REQUEST_ID_HEADER).map(|value| value.as_bytes()))
            .unwrap_or_else(|| outgoing.request_id.to_owned());
    let retry_after = parse_retry_after(
        headers
            .get(reqwest::header::RETRY_AFTER)
            .map(|value| value.as_bytes()),
    );
    let status = response.status().as_u16();
    let (body, end) = read_capped(&mut response).await;
    Ok(Reply {
        status,
        request_id,
        retry_after,
        body,
        end,
    })
}

/// Read at most [`MAX_BODY_BYTES`], chunk by chunk, so a hostile 10 MiB
/// answer is never held whole.
async fn read_capped(response: &mut reqwest::Response) -> (Zeroizing<Vec<u8>>, BodyEnd) {
    let expected = response
        .content_length()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(16 * 1024);
    // Reserving up front avoids regrowing (and leaving un-zeroized copies of)
    // the buffer for any honest answer.
    let mut body = Zeroizing::new(Vec::with_capacity(expected.min(MAX_BODY_BYTES)));
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = MAX_BODY_BYTES - body.len();
                if chunk.len() > room {
                    body.extend_from_slice(&chunk[..room]);
                    return (body, BodyEnd::TooLarge);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return (body, BodyEnd::Complete),
            Err(e) => return (body, BodyEnd::Failed(Failure::from_reqwest(e))),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn describe_joins_causes_on_one_line() {
        let inner = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused\nnow");
        let text = describe(&inner);
        assert_eq!(text, "refused now");
    }
}
