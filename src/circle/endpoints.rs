//! The paths of the Circle endpoints this product uses, shared
//! by the client and the simulator so the two cannot drift apart.

/// `GET`: health check, no authentication.
pub const PING: &str = "/ping";
/// `GET`: the entity configuration (`data.appId`); checks the API key.
pub const ENTITY_CONFIG: &str = "/v1/w3s/config/entity";
/// `GET`: the entity public key (`data.publicKey`).
pub const PUBLIC_KEY: &str = "/v1/w3s/config/entity/publicKey";
/// `POST`: register the entity secret ciphertext.
pub const REGISTER: &str = "/v1/w3s/config/entity/entitySecret";

/// `POST`: create a wallet set; needs a ciphertext of the registered
/// entity secret, so it proves which secret Circle holds.
pub const WALLET_SETS: &str = "/v1/w3s/developer/walletSets";

/// The request header carrying the request id, sent and echoed back.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The `User-Agent` sent on every call.
pub const USER_AGENT: &str = concat!("entity-secret-wizard/", env!("CARGO_PKG_VERSION"));
