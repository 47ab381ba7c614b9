//! The HTTP client for the Circle endpoints this product uses, and its error
//! mapping.
//!
//! - [`CircleClient`]: `ping`, `entity_config`, `public_key`, `register`,
//!   with retries and a fresh request id (and ciphertext) per attempt.
//! - [`ClientConfig`]: base URL, extra CA, timeouts, retry budget.
//! - [`CircleError`]: every failure, as "what happened / what to do"; no
//!   form of the API key ever reaches one, and text from Circle in it is
//!   neutralized (see [`crate::untrusted`]).

mod answers;
mod client;
mod config;
pub mod endpoints;
mod error;
mod error_body;
#[doc(hidden)]
pub mod fuzzing;
mod redact;
mod retry;
mod tls;
mod transport;
mod wallet_set;

pub use answers::{Answer, EntityConfig, RecoveryContent, Registration};
pub use client::CircleClient;
pub use config::{ClientConfig, DEFAULT_BASE_URL};
pub use error::CircleError;
pub use tls::install_crypto_provider;
pub use transport::MAX_BODY_BYTES;
pub use wallet_set::WalletSet;
