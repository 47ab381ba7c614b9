//! The simulated Circle: its answers (in Circle's own wording, as a
//! rehearsal shows them) and its simulated Console's refusals.

// ----- the simulated Console -----

/// No secret to rotate or reset.
pub const CONSOLE_NOT_REGISTERED: &str =
    "The simulated Circle has no entity secret registered yet.";
/// A ciphertext was used before.
pub const CONSOLE_CIPHERTEXT_REUSED: &str =
    "The simulated Console refused a ciphertext that had already been used.";
/// A ciphertext did not decrypt to a secret.
pub const CONSOLE_INVALID_CIPHERTEXT: &str =
    "The simulated Console could not decrypt a ciphertext to an entity secret.";
/// The "current secret" ciphertext holds another secret.
pub const CONSOLE_WRONG_CURRENT_SECRET: &str =
    "The ciphertext of the current secret does not match the registered secret.";
/// The recovery file is not the latest one.
pub const CONSOLE_WRONG_RECOVERY_FILE: &str =
    "The recovery file is not the current one for this entity.";
/// A first registration where a secret exists.
pub const CONSOLE_ALREADY_REGISTERED: &str =
    "The simulated Circle already has an entity secret registered.";
/// The new secret of a rotation is the current one.
pub const CONSOLE_SAME_SECRET: &str = "The new secret is the one registered now.";
/// What to do about a reused or unreadable ciphertext.
pub const CONSOLE_CIPHERTEXT_NEXT: &str =
    "Make a fresh ciphertext with this app and paste it again, whole.";
/// What to do about the wrong current secret.
pub const CONSOLE_WRONG_CURRENT_SECRET_NEXT: &str =
    "Use the secret that is registered now; if it is lost, reset with the recovery file instead.";
/// What to do about an old recovery file.
pub const CONSOLE_WRONG_RECOVERY_FILE_NEXT: &str = "Use the recovery file from the latest registration, rotation or reset: each one makes the previous file useless.";
/// What to do about a second registration.
pub const CONSOLE_ALREADY_REGISTERED_NEXT: &str = "An entity has one secret: rotate it (with the secret) or reset it (with the recovery file) instead.";
/// What to do about a rotation to the same secret.
pub const CONSOLE_SAME_SECRET_NEXT: &str =
    "Paste the ciphertext of the new secret in the second field.";

// ----- the simulated API's answers -----

/// The request body is over the limit.
pub const BODY_TOO_LARGE: &str = "The request body is too large.";
/// A registration without a ciphertext.
pub const CIPHERTEXT_REQUIRED: &str = "API parameter invalid: entitySecretCiphertext is required.";
/// A wallet set request without its parameters.
pub const WALLET_SET_PARAMETERS_REQUIRED: &str =
    "API parameter invalid: entitySecretCiphertext and idempotencyKey are required.";
/// An idempotency key that is not a UUID.
pub const IDEMPOTENCY_KEY_NOT_UUID: &str = "API parameter invalid: idempotencyKey must be a UUID.";
/// A registration where a secret exists (156015).
pub const ALREADY_SET: &str = "The secret for this entity has already been set.";
/// A ciphertext sent twice (156004).
pub const CIPHERTEXT_REUSED: &str = "Reusing an entity secret ciphertext is not allowed. Please re-encrypt the entity secret to generate new ciphertext.";
/// A ciphertext that does not hold a secret (156013).
pub const SECRET_INVALID: &str = "The entity secret is invalid.";
/// No secret registered yet (156016).
pub const SECRET_NOT_SET: &str = "The entity secret has not been set yet.";
/// The simulator's own failure.
pub const PROCESSING_FAILED: &str = "The simulator failed to process the ciphertext.";
/// A simulated rate limit.
pub const TOO_MANY_REQUESTS: &str = "Too many requests, please retry later.";
/// A simulated server error.
pub const SERVER_ERROR: &str = "Something went wrong (simulated server error).";
/// A simulated CDN's page for status 520.
pub const HTML_520: &str = "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<title>api.circle.com | 520: Web server is returning an unknown error</title>\n</head>\n<body>\n<h1>Web server is returning an unknown error</h1>\n<p>Error code 520 (simulated)</p>\n</body>\n</html>\n";
/// A connection cut by a simulated fault.
pub const CONNECTION_ABORTED: &str = "connection aborted by a simulator fault";
