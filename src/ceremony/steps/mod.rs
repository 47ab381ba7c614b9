//! The steps every ceremony is made of. Each takes the context and the
//! ceremony's bookkeeping, does one thing in the order that loses nothing,
//! logs what it did, and says what failed as a typed error.

mod api_key;
mod ciphertext;
mod finish;
mod keychain;
mod public_key;
mod recovery;
mod stage;

pub use api_key::{AcceptedKey, KeyPolicy, check_api_key, check_app_policy};
pub use ciphertext::{CiphertextOf, make_ciphertext};
pub use finish::{accepted_record, promote, record_accepted, record_registration};
pub use keychain::{check_keychain, read_secret};
pub use public_key::{
    CheckedPublicKey, KeyComparison, KeyOrigin, compare_fingerprint, fetch_public_key,
    import_public_key,
};
pub use recovery::{PendingRecovery, RecoveryOrigin, recovery_from_bytes, save_pending_recovery};
pub use stage::{StagePlan, stage_secret};
