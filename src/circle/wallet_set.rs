//! `POST /v1/w3s/developer/walletSets`: the one call this product makes that
//! needs the entity secret, used to prove which secret Circle holds.

use reqwest::Method;
use uuid::Uuid;

use super::answers::Answer;
use super::client::failure_error;
use super::config::endpoint_url;
use super::endpoints::WALLET_SETS;
use super::error_body::error_from_answer;
use super::redact::Redactor;
use super::transport::{self, BodyEnd, Outgoing};
use super::{CircleClient, CircleError};
use crate::secret::{ApiKey, Ciphertext, EncryptError};
use crate::text::circle as text;

/// A wallet set Circle created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletSet {
    /// Its id.
    pub id: String,
}

impl CircleClient {
    /// Create an empty wallet set named `name`, authorised by a ciphertext
    /// of the entity secret: Circle answers 2xx only if it is the
    /// registered secret (`InvalidSecret` when another one is,
    /// `NotRegistered` when none is).
    ///
    /// Every attempt carries the same `idempotency_key`, so Circle answers a
    /// repeat as it answered the first: retrying after a lost answer never
    /// creates a second set. Each attempt still encrypts afresh.
    pub async fn create_wallet_set(
        &self,
        key: &ApiKey,
        name: &str,
        idempotency_key: Uuid,
        mut make_ciphertext: impl FnMut() -> Result<Ciphertext, EncryptError>,
    ) -> Result<Answer<WalletSet>, CircleError> {
        let url = endpoint_url(&self.config().base_url, WALLET_SETS)?;
        let http = self.http().await?;
        let redactor = Redactor::new(Some(key));
        let max_attempts = self.config().max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let json = serde_json::json!({
                "idempotencyKey": idempotency_key.to_string(),
                "entitySecretCiphertext": make_ciphertext()?.into_wire(),
                "name": name,
            })
            .to_string();
            let request_id = Uuid::new_v4().to_string();
            let outgoing = Outgoing {
                method: Method::POST,
                url: url.clone(),
                key: Some(key),
                redactor: &redactor,
                json: Some(json),
                request_id: &request_id,
            };
            let (error, retry_after) = match transport::attempt(http, outgoing).await {
                Ok(reply) if reply.is_success() && matches!(reply.end, BodyEnd::Complete) => {
                    let id = parse_wallet_set(&reply.body, &reply.request_id)?;
                    return Ok(Answer {
                        value: WalletSet { id },
                        request_id: reply.request_id,
                        attempts: attempt,
                    });
                }
                Ok(reply) if reply.is_success() => (
                    CircleError::MalformedResponse {
                        request_id: Some(reply.request_id),
                        problem: text::ANSWER_CUT_SHORT.to_owned(),
                    },
                    None,
                ),
                Ok(reply) => (
                    error_from_answer(
                        reply.status,
                        &reply.body,
                        Some(reply.request_id),
                        reply.retry_after,
                        &redactor,
                    ),
                    reply.retry_after,
                ),
                Err(failure) => (failure_error(failure, request_id), None),
            };
            // The idempotency key makes every retry safe, an answer lost on
            // the way included.
            let retry = error.is_transient() || error.may_have_registered();
            if retry && attempt < max_attempts {
                self.pause(attempt, retry_after).await;
                continue;
            }
            return Err(error);
        }
    }
}

fn parse_wallet_set(body: &[u8], request_id: &str) -> Result<String, CircleError> {
    let malformed = |problem: &str| CircleError::MalformedResponse {
        request_id: Some(request_id.to_owned()),
        problem: problem.to_owned(),
    };
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| malformed(text::BODY_NOT_JSON))?;
    value
        .pointer("/data/walletSet/id")
        .and_then(serde_json::Value::as_str)
        .filter(|id| !id.is_empty() && id.len() <= 64)
        .map(str::to_owned)
        .ok_or_else(|| malformed("it has no data.walletSet.id"))
}
