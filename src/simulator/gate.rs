//! What happens to every request before its endpoint sees it: logged, its
//! request id echoed, a queued fault applied, the API key's shape checked.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::connection::ConnectionHandle;
use super::faults::{Endpoint, Fault};
use super::replies;
use super::state::{RequestRecord, Shared};
use crate::circle::endpoints::REQUEST_ID_HEADER;
use crate::secret::ApiKey;
use crate::text::simulator as text;

/// Largest registration body read; a real one is under 1 KiB.
const MAX_REGISTER_BODY: usize = 64 * 1024;

/// The middleware around every route.
pub(crate) async fn gate(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let request_id = header_text(request.headers(), REQUEST_ID_HEADER);
    shared.record(RequestRecord {
        method: request.method().to_string(),
        path: request.uri().path().to_owned(),
        request_id: request_id.clone(),
        user_agent: header_text(request.headers(), header::USER_AGENT.as_str()),
        accept: header_text(request.headers(), header::ACCEPT.as_str()),
        content_type: header_text(request.headers(), header::CONTENT_TYPE.as_str()),
        authorization_sent: request.headers().contains_key(header::AUTHORIZATION),
    });
    let mut response = answer(&shared, request, next).await;
    let echoed = request_id
        .and_then(|id| HeaderValue::from_str(&id).ok())
        .unwrap_or_else(|| {
            HeaderValue::from_str(&uuid::Uuid::new_v4().to_string())
                .unwrap_or(HeaderValue::from_static("simulator"))
        });
    response.headers_mut().insert(REQUEST_ID_HEADER, echoed);
    response
}

/// The answer: a queued fault's, or the endpoint's.
async fn answer(shared: &Shared, request: Request, next: Next) -> Response {
    let endpoint = Endpoint::of(request.method(), request.uri().path());
    let request = if endpoint == Some(Endpoint::Register) {
        match note_ciphertext(shared, request).await {
            Ok(request) => request,
            Err(response) => return response,
        }
    } else {
        request
    };
    let fault = endpoint.and_then(|endpoint| shared.take_fault(endpoint));
    match fault {
        None => admit(request, next).await,
        Some(Fault::Delay(duration)) => {
            if shared.sleep(duration).await {
                admit(request, next).await
            } else {
                StatusCode::SERVICE_UNAVAILABLE.into_response()
            }
        }
        Some(Fault::RateLimited) => replies::rate_limited(),
        Some(Fault::ServerError) => replies::server_error(),
        Some(Fault::Html520) => replies::html_520(),
        Some(Fault::MalformedJson) => replies::malformed_json(),
        Some(Fault::Unauthorized) => replies::unauthorized("Invalid credentials."),
        Some(Fault::HugeBody) => replies::huge_body(),
        Some(Fault::DropAfterRegister) => {
            let connection = request
                .extensions()
                .get::<ConnectInfo<ConnectionHandle>>()
                .map(|info| info.0.clone());
            // Do the work for real (the registration happens), then make sure
            // not one byte of the answer leaves.
            let _ = admit(request, next).await;
            match connection {
                Some(connection) => {
                    connection.abort();
                    // Never sent: the connection fails before hyper writes it.
                    StatusCode::INTERNAL_SERVER_ERROR.into_response()
                }
                // Only if the router was built without connect info, which
                // `Simulator::start` never does.
                None => replies::server_error(),
            }
        }
    }
}

/// Note the ciphertext of a registration as it arrives, before any fault
/// can turn the request away, so tests see every ciphertext on the wire.
/// The body is read whole (it is small) and handed on unchanged.
async fn note_ciphertext(shared: &Shared, request: Request) -> Result<Request, Response> {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_REGISTER_BODY).await else {
        return Err(replies::circle_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            2,
            text::BODY_TOO_LARGE,
        ));
    };
    if let Ok(serde_json::Value::Object(fields)) = serde_json::from_slice(&bytes)
        && let Some(serde_json::Value::String(ciphertext)) = fields.get("entitySecretCiphertext")
    {
        shared.with_entity(|e| e.note_received(ciphertext));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Check the API key's shape on Circle's endpoints, then run the endpoint.
async fn admit(request: Request, next: Next) -> Response {
    let needs_key = request.uri().path().starts_with("/v1/");
    if needs_key && !has_well_formed_key(request.headers()) {
        return replies::unauthorized("Malformed API key.");
    }
    next.run(request).await
}

/// `Authorization: Bearer TEST_API_KEY:<id>:<secret>` (or `LIVE_API_KEY`),
/// exactly: the same shape check as [`ApiKey::parse`], with no whitespace
/// tolerated around the key.
fn has_well_formed_key(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return false;
    };
    let Ok(value) = value.to_str() else {
        return false;
    };
    let Some(key) = value.strip_prefix("Bearer ") else {
        return false;
    };
    key == key.trim() && ApiKey::parse(key).is_ok()
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn with_auth(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn key_shape() {
        assert!(has_well_formed_key(&with_auth(
            "Bearer TEST_API_KEY:abc:def"
        )));
        assert!(has_well_formed_key(&with_auth(
            "Bearer LIVE_API_KEY:a-b:c_d"
        )));
        for bad in [
            "Bearer TEST_CLIENT_KEY:abc:def",
            "Bearer TEST_API_KEY:abc",
            "Bearer TEST_API_KEY::def",
            "Bearer  TEST_API_KEY:abc:def",
            "Bearer TEST_API_KEY:abc:def ",
            "bearer TEST_API_KEY:abc:def",
            "TEST_API_KEY:abc:def",
            "Bearer nonsense",
            "Bearer ",
        ] {
            assert!(!has_well_formed_key(&with_auth(bad)), "{bad}");
        }
        assert!(!has_well_formed_key(&HeaderMap::new()));
    }
}
