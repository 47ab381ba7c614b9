//! The answers the simulator sends besides success: Circle's error bodies
//! and the canned misbehaviours of the fault switches.

use std::convert::Infallible;

use crate::text::simulator as text;
use axum::Json;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Size of the [`Fault::HugeBody`](super::Fault::HugeBody) answer.
pub(crate) const HUGE_BODY_BYTES: usize = 10 * 1024 * 1024;
static HUGE_CHUNK: [u8; 64 * 1024] = [b'a'; 64 * 1024];

/// Circle's error shape: `{"code": <int>, "message": "<text>"}`.
pub(crate) fn circle_error(status: StatusCode, code: i64, message: &str) -> Response {
    (
        status,
        Json(serde_json::json!({ "code": code, "message": message })),
    )
        .into_response()
}

pub(crate) fn unauthorized(message: &str) -> Response {
    circle_error(StatusCode::UNAUTHORIZED, 401, message)
}

pub(crate) fn rate_limited() -> Response {
    let mut response = circle_error(StatusCode::TOO_MANY_REQUESTS, 429, text::TOO_MANY_REQUESTS);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

pub(crate) fn server_error() -> Response {
    circle_error(StatusCode::INTERNAL_SERVER_ERROR, -1, text::SERVER_ERROR)
}

/// What a CDN sends when the origin misbehaves: status 520 and a web page.
pub(crate) fn html_520() -> Response {
    let page = text::HTML_520; // 520 is in the valid range for a status code; the fallback is only
    // there to avoid a panic path.
    let status = StatusCode::from_u16(520).unwrap_or(StatusCode::BAD_GATEWAY);
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=UTF-8")],
        page,
    )
        .into_response()
}

/// Status 200 and JSON that stops in the middle of a string.
pub(crate) fn malformed_json() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"data":{"appId":"3f1c9a2e-5b7d-4e6f-8a9b"#,
    )
        .into_response()
}

/// Status 200 and 10 MiB, streamed in chunks with no `Content-Length`, so a
/// client has to count what it reads.
pub(crate) fn huge_body() -> Response {
    let prefix = futures_util::stream::iter([Ok::<_, Infallible>(Bytes::from_static(
        br#"{"data":{"padding":""#,
    ))]);
    let chunks = futures_util::stream::iter(
        (0..HUGE_BODY_BYTES / HUGE_CHUNK.len())
            .map(|_| Ok::<_, Infallible>(Bytes::from_static(&HUGE_CHUNK))),
    );
    use futures_util::StreamExt;
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from_stream(prefix.chain(chunks)),
    )
        .into_response()
}
