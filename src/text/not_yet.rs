//! Why a ceremony step cannot be taken yet: the reason shown after "Not
//! yet:" (see [`crate::text::ceremony::not_yet`]), whose next step is to
//! finish the earlier steps first.

/// The keychain is checked before anything else.
pub const KEYCHAIN_FIRST: &str = "the keychain is checked first";
/// Generating needs a working keychain and nothing stored.
pub const KEYCHAIN_WORKS_NOTHING_STORED: &str =
    "the keychain must work first, and the secret must not be stored yet";
/// The API key comes first.
pub const API_KEY_FIRST: &str = "the API key comes first";
/// The API key comes before a secret, and a stored one stays.
pub const API_KEY_FIRST_NEVER_REPLACED: &str =
    "the API key comes first, and a stored secret is never replaced";
/// A carried-on ceremony does not take another secret.
pub const CARRIED_ON_KEEPS_SECRET: &str = "a carried-on ceremony keeps the secret it stored";
/// There is no new secret to store.
pub const NO_NEW_SECRET_TO_STORE: &str = "there is no new secret to store";
/// There is no secret to store.
pub const NO_SECRET_TO_STORE: &str = "there is no secret to store";
/// Fetching the key needs a stored secret and nothing registered.
pub const STORED_NOTHING_REGISTERED: &str =
    "the secret must be stored first, and nothing registered yet";
/// The API key is missing.
pub const API_KEY_MISSING: &str = "the API key is missing";
/// The recovery file's place comes before the review.
pub const DESTINATION_BEFORE_REVIEW: &str = "the recovery file's place is chosen before the review";
/// The review facts are incomplete.
pub const REVIEW_INCOMPLETE: &str = "the review facts are incomplete";
/// The review comes before registering.
pub const REVIEW_FIRST: &str = "the review must come first";
/// Nothing was received to save.
pub const NOTHING_RECEIVED: &str = "nothing was received to save";
/// The ceremony has no journal entry.
pub const NOT_JOURNALED: &str = "the ceremony was not journaled";
/// A stray entry that is not this app's.
pub const NOT_THIS_APPS_ENTRY: &str = "this keychain entry is not this app's";
/// Circle has not been asked.
pub const CIRCLE_NOT_ASKED: &str = "Circle has not been asked yet";
/// Circle's public key comes first.
pub const PUBLIC_KEY_FIRST: &str = "Circle's public key comes first";
/// Circle's public key is needed first.
pub const PUBLIC_KEY_NEEDED: &str = "Circle's public key is needed first";
/// The ciphertexts for Console come first.
pub const CIPHERTEXTS_FIRST: &str = "the ciphertexts for Console come first";
/// Only an unfinished ceremony can be given up.
pub const ONLY_UNFINISHED_GIVEN_UP: &str = "only a ceremony that has not finished can be given up";
/// Only a refused new secret is discarded.
pub const ONLY_REFUSED_DISCARDED: &str = "only a refused new secret is discarded";
/// There is no new secret.
pub const NO_NEW_SECRET: &str = "there is no new secret";
/// Console's acceptance comes first.
pub const CONSOLE_ACCEPTED_FIRST: &str = "the person says Console accepted first";
/// The recovery file comes first.
pub const RECOVERY_FILE_FIRST: &str = "the recovery file comes first";
/// No place chosen for the recovery file.
pub const CHOOSE_DESTINATION: &str = "choose where the recovery file goes";
/// No place said for the recovery file.
pub const SAY_WHERE_KEPT: &str = "say where the recovery file is kept";
/// Not a Console ceremony.
pub const NOT_CONSOLE: &str = "this is not a Console ceremony";
/// The API key has its own step.
pub const API_KEY_OWN_STEP: &str = "the API key is given at its own step";
/// The app is not known.
pub const APP_NOT_KNOWN: &str = "the app is not known yet";
/// The app comes before a staged secret, and a staged one stays.
pub const APP_FIRST_NEVER_REPLACED: &str =
    "the app comes first, and a staged secret is never replaced";
/// Asking Circle needs an API key.
pub const API_KEY_NEEDED_TO_ASK: &str =
    "an API key is needed to ask Circle; import the key from a file instead";
/// The new secret is stored first.
pub const NEW_SECRET_STORED_FIRST: &str = "the new secret must be stored first";
/// Only a rotation uses the current secret.
pub const ONLY_ROTATION_CURRENT: &str = "only a rotation uses the current secret";
/// An unfinished ceremony's secret in the keychain is discarded, not dropped.
pub const DISCARD_INSTEAD: &str = "its secret is in the keychain: discard it instead";
/// Only an accepted ceremony is finished this way.
pub const ONLY_ACCEPTED_FINISHED: &str = "only a ceremony Circle accepted is finished this way";
/// No recovery file to save.
pub const NO_RECOVERY_FILE: &str = "there is no recovery file to save";
/// A recovery file found on disk is saved first.
pub const FOUND_FILE_FIRST: &str = "the recovery file found on disk must be saved first";
/// Not a retired secret of this registration.
pub const NOT_RETIRED: &str = "that keychain entry is not a retired secret of this registration";
