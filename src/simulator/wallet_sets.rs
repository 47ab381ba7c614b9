//! `POST /v1/w3s/developer/walletSets`: a call that needs the entity secret,
//! as Circle checks it — a fresh ciphertext of the registered secret, an
//! idempotency key that makes a repeated request answer as the first did.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::entity::Verdict;
use super::replies::circle_error;
use super::state::Shared;
use crate::text::simulator as text;

/// A wallet set the simulator created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletSetRecord {
    /// Its id.
    pub id: String,
    /// The name it was given.
    pub name: Option<String>,
    /// The idempotency key of the request that created it.
    pub idempotency_key: String,
}

/// The wallet sets created, and the answers by idempotency key.
#[derive(Default)]
pub(crate) struct WalletSets {
    pub created: Vec<WalletSetRecord>,
    answers: HashMap<String, (StatusCode, Value)>,
}

#[derive(serde::Deserialize)]
struct Body {
    #[serde(rename = "entitySecretCiphertext")]
    ciphertext: String,
    #[serde(rename = "idempotencyKey")]
    idempotency_key: String,
    name: Option<String>,
}

/// The handler.
pub(crate) async fn create(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let Ok(body) = serde_json::from_slice::<Body>(&body) else {
        return circle_error(
            StatusCode::BAD_REQUEST,
            2,
            text::WALLET_SET_PARAMETERS_REQUIRED,
        );
    };
    if uuid::Uuid::parse_str(&body.idempotency_key).is_err() {
        return circle_error(StatusCode::BAD_REQUEST, 2, text::IDEMPOTENCY_KEY_NOT_UUID);
    }
    if let Some((status, answer)) =
        shared.with_wallet_sets(|w| w.answers.get(&body.idempotency_key).cloned())
    {
        return (status, Json(answer)).into_response();
    }
    let ciphertext = body.ciphertext.clone();
    let worker = Arc::clone(&shared);
    // RSA decryption takes milliseconds of CPU: off the async workers.
    let verdict = tokio::task::spawn_blocking(move || {
        worker.with_entity(|e| e.note_received(&ciphertext));
        worker.open_ciphertext(&ciphertext)
    })
    .await;
    let (status, answer) = match verdict {
        Ok(Verdict::Accepted(secret)) => {
            match shared.with_entity(|e| e.registered.as_ref().map(|r| *r == secret)) {
                None => error(StatusCode::BAD_REQUEST, 156016, text::SECRET_NOT_SET),
                Some(false) => error(StatusCode::BAD_REQUEST, 156013, text::SECRET_INVALID),
                Some(true) => {
                    let id = uuid::Uuid::new_v4().to_string();
                    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                    shared.with_wallet_sets(|w| {
                        w.created.push(WalletSetRecord {
                            id: id.clone(),
                            name: body.name.clone(),
                            idempotency_key: body.idempotency_key.clone(),
                        })
                    });
                    (
                        StatusCode::CREATED,
                        json!({ "data": { "walletSet": {
                            "id": id,
                            "custodyType": "DEVELOPER",
                            "name": body.name,
                            "createDate": now,
                            "updateDate": now,
                        } } }),
                    )
                }
            }
        }
        Ok(Verdict::Reused) => error(StatusCode::BAD_REQUEST, 156004, text::CIPHERTEXT_REUSED),
        Ok(Verdict::Invalid) => error(StatusCode::BAD_REQUEST, 156013, text::SECRET_INVALID),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            -1,
            text::PROCESSING_FAILED,
        ),
    };
    shared.with_wallet_sets(|w| {
        w.answers
            .insert(body.idempotency_key.clone(), (status, answer.clone()))
    });
    (status, Json(answer)).into_response()
}

fn error(status: StatusCode, code: i64, message: &str) -> (StatusCode, Value) {
    (status, json!({ "code": code, "message": message }))
}
