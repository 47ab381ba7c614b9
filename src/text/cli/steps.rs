//! What `rehearse` says step by step, what it says when the recovery
//! file's place fails, and what `rehearse --serve` prints.

// ----- rehearse -----

/// One step's line.
pub fn step(step: &str, what: &str) -> String {
    format!("[{step}] {what}")
}
/// `--memory-store`.
pub const REHEARSE_MEMORY_STORE: &str = "using an in-memory store, as asked (--memory-store); the secret and this rehearsal's records are forgotten at exit";
/// The simulator starts.
pub const REHEARSE_STARTING: &str = "starting the simulated Circle on 127.0.0.1 (its RSA-4096 key is made once, then kept in the rehearsal folder)…";
/// Where it listens.
pub fn listening(url: &url::Url) -> String {
    format!("listening at {url}")
}
/// The keychain works.
pub fn keychain_works(backend: &str) -> String {
    format!("works: {backend} (probe written, read back, deleted)")
}
/// The key was accepted.
pub fn key_accepted(masked: &str, environment: &str, app_id: &str) -> String {
    format!("accepted: {masked} — environment {environment} — app id {app_id}")
}
/// The secret was made.
pub fn secret_generated(fingerprint: &str) -> String {
    format!("generated; fingerprint {fingerprint} (the secret itself is never printed)")
}
/// The secret is stored.
pub fn secret_stored(service: &str, account: &str) -> String {
    format!("in the keychain as {service} / {account}, read back identical")
}
/// The destination is writable.
pub fn destination_writable(path: &str) -> String {
    format!("{path} is writable")
}
/// A location note, acknowledged.
pub fn note_acknowledged(note: &str) -> String {
    format!("note: {note} (acknowledged for the rehearsal)")
}
/// The review.
pub fn reviewed(fingerprint: &str, bits: usize) -> String {
    format!("Circle public key SHA-256 {fingerprint} ({bits} bits)")
}
/// Circle accepted.
pub const REHEARSE_ACCEPTED: &str = "the simulated Circle accepted the registration";
/// The recovery file is safe.
pub fn recovery_written(path: &str, sha256: &str) -> String {
    format!("written and verified: {path} (SHA-256 {sha256})")
}
/// The rotation date.
pub fn rotate_by(date: &str) -> String {
    format!("rotate by {date}")
}

// ----- the recovery file's fallback -----

/// The chosen place failed.
pub fn recovery_place_failed(explained: &str, sha256: &str) -> String {
    format!(
        "The recovery file could not be written where it was to go.\n{explained}\nIts content (SHA-256 {sha256}) is held in memory; this command saves it to a fallback file now."
    )
}
/// A fallback place failed too.
pub fn recovery_fallback_failed(path: &str, explained: &str) -> String {
    format!("The fallback file {path} could not be written either.\n{explained}")
}
/// Saved in the fallback place.
pub fn recovery_saved_instead(path: &str, sha256: &str) -> String {
    format!(
        "The recovery file was saved instead to {path} (SHA-256 {sha256}), written, read back and verified. Move it now to a safe place apart from this computer (removable media is best), then delete it here."
    )
}
/// Every place failed: asking.
pub const RECOVERY_ASK_FOR_A_PLACE: &str = "Every fallback place failed. Type the full path of a new file to save the recovery file to (on removable media, ideally), or press Enter to try the same places again:";
/// Every place failed: waiting.
pub fn recovery_waiting(seconds: u64) -> String {
    format!(
        "Every fallback place failed; the recovery file is still held in memory. Trying again in {seconds} s. Free some space or fix the folder's permissions; stopping this command now would lose the recovery file."
    )
}

// ----- rehearse --serve -----

/// The served simulator's address and what to try it with.
pub fn serving(url: &url::Url, app_id: &str, practice_key: &str, fingerprint: &str) -> String {
    let base = url.as_str().trim_end_matches('/');
    format!(
        "Simulated Circle: {url}\nApp id: {app_id}\nPractice API key: {practice_key}\nCircle public key SHA-256: {fingerprint}\nTry: curl -H 'Authorization: Bearer {practice_key}' {base}/v1/w3s/config/entity/publicKey\nServing until Ctrl-C or SIGTERM.\n"
    )
}
/// Stopped.
pub const SERVE_STOPPED: &str = "Stopped.";

/// `--ceremony`'s help.
pub const HELP_CEREMONY: &str = "After the registration, rehearse this ceremony too: rotation (the current secret replaced, the old one kept as retired) or reset (a new secret registered with the recovery file); the simulated Circle plays Console";

/// The Console ceremony begins.
pub fn console_begins(kind: &str) -> String {
    format!("now the {kind}, on the same simulated Circle")
}

/// The new secret is staged.
pub fn new_secret_staged(fingerprint: &str, account: &str) -> String {
    format!(
        "new secret {fingerprint} stored as pending ({account}) and read back, before anything is shown for Console"
    )
}

/// Ciphertexts were made for Console.
pub fn ciphertexts_for_console(count: usize) -> String {
    format!("{count} fresh ciphertext(s) made for Console (single-use; not printed)")
}

/// The simulated Console accepted.
pub const CONSOLE_ACCEPTED: &str =
    "the simulated Console accepted them and offered a new recovery file, downloaded here";

/// The new recovery file was imported.
pub fn recovery_imported(sha256: &str) -> String {
    format!("the new recovery file imported (SHA-256 {sha256}): not empty, base64, not the old one")
}

/// The old secret is retired.
pub fn old_secret_retired(fingerprint: &str, account: &str) -> String {
    format!(
        "the previous secret {fingerprint} is kept as retired ({account}); its recovery file is worthless now"
    )
}

/// The new secret is active.
pub fn new_secret_active(fingerprint: &str, account: &str) -> String {
    format!("the new secret {fingerprint} is the active one ({account})")
}
