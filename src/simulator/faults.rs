//! Fault switches: queued misbehaviours, each used up by one request.

use std::time::Duration;

use axum::http::Method;

use crate::circle::endpoints;

/// Which requests a queued fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `GET /ping`.
    Ping,
    /// `GET /v1/w3s/config/entity`.
    Entity,
    /// `GET /v1/w3s/config/entity/publicKey`.
    PublicKey,
    /// `POST /v1/w3s/config/entity/entitySecret`.
    Register,
    /// `POST /v1/w3s/developer/walletSets`.
    WalletSets,
    /// Whichever of the above comes next.
    Any,
}

impl Endpoint {
    /// The endpoint a request is for, if it is one of Circle's.
    pub(crate) fn of(method: &Method, path: &str) -> Option<Self> {
        match (method, path) {
            (&Method::GET, endpoints::PING) => Some(Self::Ping),
            (&Method::GET, endpoints::ENTITY_CONFIG) => Some(Self::Entity),
            (&Method::GET, endpoints::PUBLIC_KEY) => Some(Self::PublicKey),
            (&Method::POST, endpoints::REGISTER) => Some(Self::Register),
            (&Method::POST, endpoints::WALLET_SETS) => Some(Self::WalletSets),
            _ => None,
        }
    }

    /// Whether a fault queued for `self` applies to a request for `request`.
    pub(crate) fn covers(self, request: Self) -> bool {
        self == Self::Any || self == request
    }
}

/// A misbehaviour of the simulated Circle, for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Wait this long, then answer normally.
    Delay(Duration),
    /// HTTP 429 with `Retry-After: 1`.
    RateLimited,
    /// HTTP 500 with a JSON error body.
    ServerError,
    /// HTTP 520 with an HTML page, as a CDN sends when the origin fails.
    Html520,
    /// HTTP 200 with JSON cut off in the middle.
    MalformedJson,
    /// HTTP 401, whatever the key.
    Unauthorized,
    /// Handle the request for real (so a registration does happen), then
    /// close the connection without sending a single byte of the answer.
    DropAfterRegister,
    /// HTTP 200 with a 10 MiB body, sent in chunks without a length.
    HugeBody,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_recognised_by_method_and_path() {
        assert_eq!(Endpoint::of(&Method::GET, "/ping"), Some(Endpoint::Ping));
        assert_eq!(
            Endpoint::of(&Method::POST, "/v1/w3s/config/entity/entitySecret"),
            Some(Endpoint::Register)
        );
        assert_eq!(
            Endpoint::of(&Method::GET, "/v1/w3s/config/entity/entitySecret"),
            None
        );
        assert_eq!(Endpoint::of(&Method::GET, "/nope"), None);
        assert!(Endpoint::Any.covers(Endpoint::Register));
        assert!(Endpoint::Entity.covers(Endpoint::Entity));
        assert!(!Endpoint::Entity.covers(Endpoint::PublicKey));
    }
}
