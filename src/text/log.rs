//! The ceremony log's details: what each logged step did, as the `record`
//! command and the record document show it. Fingerprints only.

/// A registration Circle accepted.
pub const REGISTER_ACCEPTED: &str = "Circle accepted the registration";
/// Accepted, but the recovery file was not base64.
pub const REGISTER_RECOVERY_NOT_BASE64: &str = "accepted; the recovery file is not base64";
/// Accepted, but no recovery file came.
pub const REGISTER_RECOVERY_MISSING: &str = "accepted; the answer held no recovery file";
/// A 409, possibly for this very secret.
pub const ALREADY_REGISTERED_POSSIBLY_THIS: &str = "already registered (409), possibly this secret";
/// A 409.
pub const ALREADY_REGISTERED: &str = "already registered (409)";
/// A ceremony carried on from a secret in the keychain.
pub fn carried_on(account: &str) -> String {
    format!("carried on from the keychain ({account})")
}
/// A ciphertext made, of the registered secret or of the new one.
pub fn ciphertext(of_registered: bool, characters: usize) -> String {
    let which = if of_registered { "registered" } else { "new" };
    format!("a fresh, single-use ciphertext of the {which} secret ({characters} characters)")
}
/// A new secret promoted, the previous one kept.
pub fn promoted_retiring(active: &str, previous: &str, kept_as: &str) -> String {
    format!("now the active secret ({active}); the previous one ({previous}) is kept as {kept_as}")
}
/// A new secret promoted.
pub fn promoted(active: &str) -> String {
    format!("now the active secret ({active})")
}
/// The person says Console accepted.
pub const CONSOLE_ACCEPTED: &str = "Circle Console accepted the new secret (said by the person)";
/// The person says Console refused, or gave up.
pub const CONSOLE_REFUSED: &str = "refused in Circle Console, or given up (said by the person)";
/// A check Circle accepted.
pub fn check_accepted(wallet_set_id: &str, name: &str) -> String {
    format!("Circle accepted this secret; wallet set {wallet_set_id} \"{name}\" created")
}
/// A check: Circle holds another secret.
pub const CHECK_OTHER_SECRET: &str = "Circle holds another secret";
/// A check: Circle holds none.
pub const CHECK_NOTHING_REGISTERED: &str = "Circle holds no secret for this account";
