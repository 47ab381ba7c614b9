//! The keychain of a command that needs none (`public-key`): the core's
//! context always comes with a store, and this one refuses everything, so
//! that such a command runs where there is no keychain at all, and can
//! never touch a secret by mistake.

use crate::ceremony::{Deps, StoreFactory};
use crate::secret::EntitySecret;
use crate::store::{ProbeReport, SecretStore, StoreError};
use crate::text::cli as text;

struct NoKeychain;

impl NoKeychain {
    fn refusal() -> StoreError {
        StoreError::NoSecretService {
            detail: text::NO_KEYCHAIN_FOR_THIS_COMMAND.to_owned(),
        }
    }
}

impl SecretStore for NoKeychain {
    fn backend_name(&self) -> String {
        text::NO_KEYCHAIN_FOR_THIS_COMMAND.to_owned()
    }

    fn put(&self, _account: &str, _secret: &EntitySecret) -> Result<(), StoreError> {
        Err(Self::refusal())
    }

    fn get(&self, _account: &str) -> Result<Option<EntitySecret>, StoreError> {
        Err(Self::refusal())
    }

    fn delete(&self, _account: &str) -> Result<(), StoreError> {
        Err(Self::refusal())
    }

    fn probe(&self) -> Result<ProbeReport, StoreError> {
        Err(Self::refusal())
    }
}

/// `deps` with a keychain that refuses every operation.
pub fn without_keychain(deps: &Deps) -> Deps {
    let stores: StoreFactory = std::sync::Arc::new(|_: &str| {
        Ok(std::sync::Arc::new(NoKeychain) as std::sync::Arc<dyn SecretStore>)
    });
    Deps {
        stores,
        ..deps.clone()
    }
}
