//! The four endpoints, answering as Circle documents.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::entity::{Registered, Verdict};
use super::replies::circle_error;
use super::state::Shared;
use crate::text::simulator as text;

/// `GET /ping`.
pub(crate) async fn ping() -> Json<Value> {
    Json(json!({ "message": "pong" }))
}

/// `GET /v1/w3s/config/entity`.
pub(crate) async fn entity_config(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(json!({ "data": { "appId": shared.app_id } }))
}

/// `GET /v1/w3s/config/entity/publicKey`, in Circle's documented shape.
pub(crate) async fn public_key(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(json!({ "data": { "publicKey": shared.public_key.to_circle_pem() } }))
}

#[derive(serde::Deserialize)]
struct RegisterBody {
    #[serde(rename = "entitySecretCiphertext")]
    ciphertext: String,
}

/// `POST /v1/w3s/config/entity/entitySecret`.
pub(crate) async fn register(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let Ok(RegisterBody { ciphertext }) = serde_json::from_slice(&body) else {
        return circle_error(StatusCode::BAD_REQUEST, 2, text::CIPHERTEXT_REQUIRED);
    };
    // RSA-4096 decryption takes milliseconds of CPU: off the async workers.
    let verdict = tokio::task::spawn_blocking(move || shared.register(&ciphertext)).await;
    match verdict {
        Ok(Verdict::Accepted(Registered::Now(recovery_file))) => (
            StatusCode::OK,
            Json(json!({ "data": { "recoveryFile": recovery_file } })),
        )
            .into_response(),
        Ok(Verdict::Accepted(Registered::Already)) => {
            circle_error(StatusCode::CONFLICT, 156015, text::ALREADY_SET)
        }
        Ok(Verdict::Reused) => {
            circle_error(StatusCode::BAD_REQUEST, 156004, text::CIPHERTEXT_REUSED)
        }
        Ok(Verdict::Invalid) => circle_error(StatusCode::BAD_REQUEST, 156013, text::SECRET_INVALID),
        Err(_) => circle_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            -1,
            text::PROCESSING_FAILED,
        ),
    }
}

/// Any other path: Circle's 404 shape.
pub(crate) async fn not_found() -> Response {
    circle_error(StatusCode::NOT_FOUND, 404, "Not found.")
}
