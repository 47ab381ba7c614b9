//! The command line: `--help`, what each command prints, and its own
//! errors. The words for registrations, unfinished ceremonies and their ways
//! forward are the window's, from [`crate::text::status`].

use std::fmt::Write as _;
use std::path::Path;

use crate::ceremony::status::{KeychainPresence, StraySecret, Unfinished};
use crate::ceremony::steps::{KeyComparison, KeyOrigin};
use crate::cli::{API_KEY_ENV, Exit};
use crate::secret::{EXPECTED_KEY_BITS, Environment};
use crate::store::{LogEntry, Outcome, RegistrationRecord, RetiredSecret};
use crate::text::status::presence;

// ----- --help -----

/// What the program is.
pub const ABOUT: &str = "Entity Secret Wizard: register, keep, rotate and reset a Circle entity secret. With no command, opens the wizard window. The entity secret itself is never printed.";
/// `--circle-url`.
pub const HELP_CIRCLE_URL: &str =
    "Circle's API base URL (https only; plain http only to 127.0.0.1, [::1] or localhost)";
/// `--extra-ca`.
pub const HELP_EXTRA_CA: &str =
    "An extra CA certificate (PEM) to trust, e.g. for a TLS-inspecting corporate proxy";
/// `gui`.
pub const ABOUT_GUI: &str = "Open the wizard window (the default)";
/// `status`.
pub const ABOUT_STATUS: &str = "Show the registrations, rotation dates, keychain presence, unfinished ceremonies and unregistered secrets this computer knows, with the way forward for each";
/// After `status --help`.
pub const AFTER_STATUS: &str = "The ways forward (resume, discard, finish, …) are taken in the wizard's window. `--json` prints the same facts in a stable shape (\"schema\": 1), with fingerprints only.";
/// `status --json`.
pub const HELP_STATUS_JSON: &str = "Print JSON (schema 1) instead of text";
/// `ciphertext`.
pub const ABOUT_CIPHERTEXT: &str = "Print a fresh, single-use ciphertext of a registered entity secret (base64, for a Circle Console form or an API call), and nothing else, on stdout";
/// `public-key`.
pub const ABOUT_PUBLIC_KEY: &str = "Show Circle's entity public key: its SHA-256 fingerprint, its size, and whether it is the key on record";
/// `rehearse`.
pub const ABOUT_REHEARSE: &str = "Run a whole registration against the built-in simulated Circle and print each step (fingerprints only); with --serve, run the simulated Circle alone. Nothing leaves this computer";
/// `record`.
pub const ABOUT_RECORD: &str = "Print the ceremony log: every step of every ceremony, with fingerprints and Circle request ids";
/// `--app-id`.
pub const HELP_APP_ID: &str =
    "The Circle app of the registration (may be left out when only one is known)";
/// `--rehearsal`.
pub const HELP_REHEARSAL: &str =
    "Use the rehearsal registrations (and the simulated Circle) instead of the real ones";
/// `ciphertext --public-key`.
pub const HELP_PUBLIC_KEY_FILE: &str = "Circle's public key from this PEM file, with no network at all (otherwise it is fetched from Circle)";
/// `--api-key-file`.
pub const HELP_API_KEY_FILE: &str =
    "Read the Circle API key from this file (see below for the other ways)";
/// `--accept-key`.
pub const HELP_ACCEPT_KEY: &str = "Use Circle's key even if it differs from the one on record, but only if its SHA-256 fingerprint is exactly this one (compared out of band first)";
/// `public-key --file`.
pub const HELP_KEY_FILE: &str =
    "Read the key from this PEM file instead of fetching it from Circle";
/// `rehearse --recovery-file`.
pub const HELP_RECOVERY_FILE: &str = "Where to write the rehearsal's recovery file (a new file)";
/// `rehearse --memory-store`.
pub const HELP_MEMORY_STORE: &str = "Keep the rehearsal secret in memory instead of the keychain (for machines with no keychain; explicit, never a fallback)";
/// `rehearse --serve`.
pub const HELP_SERVE: &str = "Run only the simulated Circle on a loopback address (printed) until Ctrl-C or SIGTERM, to try curl or Circle's SDKs against it";
/// `record --json`.
pub const HELP_RECORD_JSON: &str = "Print JSON (schema 1) instead of text";
/// `record --rehearsal`.
pub const HELP_RECORD_REHEARSAL: &str = "Print the rehearsals' log instead of the real one";

/// What an exit status means.
pub fn exit_meaning(exit: Exit) -> &'static str {
    match exit {
        Exit::Ok => "done",
        Exit::Failed => "failed for a reason none of the others names (stderr says which)",
        Exit::Usage => "the command line was not understood, or an input it needs is missing",
        Exit::NotFound => "nothing to act on: no registration known, or not the one asked for",
        Exit::Keychain => "the keychain: locked, absent, or the secret is not in it",
        Exit::Circle => "Circle: unreachable, or it refused the request or the API key",
        Exit::Files => "a file: records, ceremony log, key file or recovery file",
        Exit::Refused => {
            "refused for safety: a key or fingerprint does not match the one on record"
        }
        Exit::RecoveryElsewhere => {
            "done, but the recovery file is not where it was asked to go (stderr says where)"
        }
    }
}

/// The exit status table, after the top-level `--help`.
pub fn exit_codes_help() -> String {
    let mut out = String::from("Exit status:\n");
    for exit in Exit::ALL {
        let _ = writeln!(out, "  {}  {}", exit.code(), exit_meaning(exit));
    }
    out.push_str("Errors go to stderr: what happened, then what to do.");
    out
}

/// Where the API key comes from, after `--help` of the commands that ask
/// Circle.
pub fn api_key_help() -> String {
    format!(
        "The API key, for commands that ask Circle: from --api-key-file FILE, else the {API_KEY_ENV} environment variable, else a prompt on the terminal (not echoed). Never a command-line argument: ps and the shell's history would keep it. With --rehearsal, a practice key is used."
    )
}

// ----- errors of the command line -----

fn which(rehearsal: bool) -> &'static str {
    if rehearsal { "rehearsal " } else { "" }
}

/// No registration known.
pub fn no_registration(rehearsal: bool) -> String {
    format!(
        "This computer has no record of a {}registration.",
        which(rehearsal)
    )
}
/// What to do then.
pub fn no_registration_next(rehearsal: bool) -> String {
    if rehearsal {
        "Run `entity-secret-wizard rehearse` first, or leave out --rehearsal for the real registrations.".to_owned()
    } else {
        "Register first in the wizard's window (run entity-secret-wizard with no command), or add --rehearsal for the rehearsal registrations.".to_owned()
    }
}
/// `--app-id` names nothing known.
pub fn unknown_app(app_id: &str, rehearsal: bool) -> String {
    format!(
        "This computer has no record of a {}registration for app {app_id}.",
        which(rehearsal)
    )
}
/// Several registrations, none chosen.
pub fn several_registrations(count: usize, rehearsal: bool) -> String {
    format!(
        "This computer knows {count} {}registrations; which one is meant?",
        which(rehearsal)
    )
}
/// Choose one of these.
pub fn choose_app_next(known: &[String]) -> String {
    format!("Name one with --app-id. Known: {}.", known.join("; "))
}
/// A registration, for a person.
pub fn registration_name(record: &RegistrationRecord) -> String {
    format!("{} app {}", record.environment, record.app_id)
}
/// No API key anywhere.
pub const NO_API_KEY: &str =
    "No Circle API key was given, and there is no terminal to ask for one.";
/// What to do then.
pub fn no_api_key_next() -> String {
    format!(
        "Put the key in the {API_KEY_ENV} environment variable, or in a file named with --api-key-file FILE (readable by you only), or run the command on a terminal to type it."
    )
}
/// The prompt for the API key.
pub const API_KEY_PROMPT: &str = "Circle API key (not shown as you type): ";
/// The API key file could not be read.
pub fn api_key_file(path: &str, detail: &str) -> String {
    format!("The API key file {path} could not be read ({detail}).")
}
/// What to do then.
pub const API_KEY_FILE_NEXT: &str = "Name a file that holds only the API key (TEST_API_KEY:…:… or LIVE_API_KEY:…:…), readable by you.";
/// Too large to be a key.
pub fn api_key_file_too_large(bytes: u64) -> String {
    format!("{bytes} bytes is far too large for an API key")
}
/// Not text.
pub const API_KEY_FILE_NOT_TEXT: &str = "it is not text";
/// Others can read the key file.
pub fn api_key_file_readable(path: &str) -> String {
    format!(
        "The API key file {path} can be read by other users of this computer; make it yours only (chmod 600)."
    )
}
/// Circle's key is not the one on record.
pub fn key_changed(recorded: &str, found: &str) -> String {
    format!(
        "Circle's public key ({found}) is not the one on record for this registration ({recorded}). No ciphertext was made: one made with a key that is not Circle's hands the secret to whoever holds that key."
    )
}
/// What to do then.
pub fn key_changed_next(found: &str) -> String {
    format!(
        "Confirm with Circle, out of band, that its key changed. If it did, run the command again with --accept-key {found}."
    )
}
/// `--accept-key` names another key.
pub fn accepted_key_differs(given: &str, found: &str) -> String {
    format!("--accept-key {given} is not the fingerprint of Circle's key ({found}).")
}
/// What to do then.
pub const ACCEPTED_KEY_DIFFERS_NEXT: &str = "No ciphertext was made. Check the fingerprint you compared out of band; give it whole, as `public-key` prints it.";
/// A warning: a changed key was used as accepted.
pub fn key_change_accepted(recorded: &str, found: &str) -> String {
    format!(
        "Circle's key {found} differs from the one on record ({recorded}); it is used because --accept-key names it."
    )
}
/// A warning: an unusual key size.
pub fn unusual_key_size(bits: usize) -> String {
    format!(
        "Circle's key has {bits} bits; Circle normally uses {EXPECTED_KEY_BITS}. Compare its fingerprint out of band."
    )
}
/// A warning: the log, records or journal could not be written.
pub fn bookkeeping_problem(problem: &str) -> String {
    format!("The ceremony log or records could not be written: {problem}")
}
/// The rehearsal found the account registered.
pub const REHEARSAL_ALREADY_REGISTERED: &str =
    "The simulated Circle answered that its account already has an entity secret.";
/// What to do then.
pub const REHEARSAL_ALREADY_REGISTERED_NEXT: &str = "Run the rehearsal again: each one starts a new simulated Circle. Its unregistered secret is listed by `entity-secret-wizard status`.";
/// The rehearsal got no clear answer.
pub fn rehearsal_outcome_unknown(reason: &str) -> String {
    format!("The simulated Circle gave no clear answer to the registration ({reason}).")
}
/// What to do then.
pub const REHEARSAL_OUTCOME_UNKNOWN_NEXT: &str =
    "Run the rehearsal again. Nothing was registered with the real Circle.";
/// Waiting for a signal failed.
pub fn signal_failed(detail: &str) -> String {
    format!("Could not listen for the stop signal ({detail}).")
}
/// What to do then.
pub const SIGNAL_FAILED_NEXT: &str =
    "Run the command again; stop it with Ctrl-C or by sending it SIGTERM.";
/// The output could not be written.
pub fn output_failed(detail: &str) -> String {
    format!("The output could not be written ({detail}).")
}
/// What to do then.
pub const OUTPUT_FAILED_NEXT: &str =
    "Run the command again with its output going somewhere that accepts it.";
/// Why a command that needs no keychain has none.
pub const NO_KEYCHAIN_FOR_THIS_COMMAND: &str = "this command does not use the keychain";
/// `gui` reached the command dispatcher.
pub const GUI_IS_OPENED_BY_MAIN: &str = "internal: the window is opened by main";

// ----- status -----

/// Where the records are.
pub fn records_line(data_dir: &Path) -> String {
    format!("Records: {}", data_dir.display())
}
/// Heading of the registrations (the start screen's).
pub const REGISTRATIONS_TITLE: &str = "Registrations known on this computer";
/// Heading of the problems.
pub const PROBLEMS_TITLE: &str = "Problems";
/// Before the ways forward.
pub const WHAT_TO_DO: &str = "What to do:";
/// Where the ways forward are taken.
pub const WAYS_FORWARD_ARE_IN_THE_WINDOW: &str = "These ways forward are taken in the wizard's window: run entity-secret-wizard with no command.";

fn rehearsal_mark(rehearsal: bool) -> &'static str {
    if rehearsal { "[Rehearsal] " } else { "" }
}
/// One way forward: the window's button label (without the "…" that
/// says a button asks more), then what it does.
pub fn next_step_line(label: &str, help: &str) -> String {
    format!("- {}: {help}", label.trim_end_matches('…'))
}
/// An unfinished ceremony (the start screen's line).
pub fn unfinished_line(item: &Unfinished) -> String {
    let e = &item.entry;
    format!(
        "{}{}: {} app {}, started {}, secret {} ({}).",
        rehearsal_mark(e.rehearsal),
        e.ceremony.label(),
        e.environment.label(),
        e.app_id,
        e.started_at.format("%Y-%m-%d %H:%M UTC"),
        e.secret_fingerprint,
        presence(&item.secret),
    )
}
/// A registration's heading (the start screen's).
pub fn registration_heading(r: &RegistrationRecord) -> String {
    format!(
        "{}{} — app {}",
        rehearsal_mark(r.rehearsal),
        r.environment.label(),
        r.app_id
    )
}
/// A registration's fingerprints.
pub fn registration_facts(r: &RegistrationRecord) -> String {
    format!(
        "Registered {} · secret {} · Circle key {}",
        r.registered_at.format("%Y-%m-%d"),
        r.secret_fingerprint,
        r.public_key_fingerprint
    )
}
/// Whether the secret is in the keychain.
pub fn secret_presence(secret: &KeychainPresence) -> String {
    format!("Secret: {}.", presence(secret))
}
/// Where the recovery file is.
pub fn recovery_line(r: &RegistrationRecord) -> String {
    match (&r.recovery_path, &r.recovery_sha256) {
        (Some(path), Some(sha)) => format!("Recovery file: {} (SHA-256 {sha}).", path.display()),
        (Some(path), None) => format!("Recovery file: {}.", path.display()),
        (None, Some(sha)) => format!("Recovery file: not on this computer (SHA-256 {sha})."),
        (None, None) => "Recovery file: none recorded.".to_owned(),
    }
}
/// A retired secret.
pub fn retired_line(r: &RetiredSecret, secret: &KeychainPresence) -> String {
    format!(
        "Retired secret {} ({}), retired {}: {}.",
        r.fingerprint,
        r.keychain_account,
        r.retired_at.format("%Y-%m-%d"),
        presence(secret)
    )
}
/// A keychain entry nothing explains.
pub fn stray_line(s: &StraySecret) -> String {
    format!(
        "{}{} app {}: {} / {}",
        rehearsal_mark(s.rehearsal),
        s.environment.label(),
        s.app_id,
        s.service,
        s.account
    )
}

// ----- public-key -----

/// Where the key came from.
pub fn key_origin_line(origin: &KeyOrigin) -> String {
    match origin {
        KeyOrigin::Circle { request_id } => {
            format!("Source: Circle (request id {request_id})\n")
        }
        KeyOrigin::File { path } => format!("Source: the file {}\n", path.display()),
    }
}
/// The fingerprint.
pub fn key_fingerprint_line(fingerprint: &str) -> String {
    format!("SHA-256: {fingerprint}\n")
}
/// The size.
pub fn key_size_line(bits: usize, expected: bool) -> String {
    if expected {
        format!("Size: {bits} bits\n")
    } else {
        format!(
            "Size: {bits} bits (Circle normally uses {EXPECTED_KEY_BITS}: compare the fingerprint out of band)\n"
        )
    }
}
/// One app, as compared with.
pub fn compared_app(environment: Environment, app_id: &str) -> String {
    format!("{environment} app {app_id}")
}
/// Every registration, as compared with.
pub fn compared_every(count: usize) -> String {
    match count {
        0 => "any registration (none is known)".to_owned(),
        1 => "the registration".to_owned(),
        n => format!("any of the {n} registrations"),
    }
}
/// How the key compares with the record.
pub fn key_record_line(comparison: &KeyComparison, against: &str) -> String {
    match comparison {
        KeyComparison::Same => format!("On record: the same fingerprint, for {against}.\n"),
        KeyComparison::Different { recorded } => format!(
            "On record: DIFFERENT from the fingerprint for {against} ({recorded}). Do not use this key until Circle confirms, out of band, that its key changed.\n"
        ),
        KeyComparison::NeverSeen => {
            format!("On record: no fingerprint for {against} to compare with.\n")
        }
    }
}

// ----- record -----

/// Above the log.
pub fn log_heading(path: &str) -> String {
    format!("Ceremony log: {path}\n\n")
}
/// Nothing logged.
pub const LOG_EMPTY: &str = "Nothing has been logged yet.";
/// One entry's first line.
pub fn log_entry_heading(e: &LogEntry) -> String {
    format!(
        "{}  {}{}  {}  {}",
        e.time.format("%Y-%m-%d %H:%M:%S UTC"),
        rehearsal_mark(e.rehearsal),
        e.ceremony.label(),
        e.step,
        outcome(e.outcome)
    )
}
/// One entry's facts, those it has.
pub fn log_entry_facts(e: &LogEntry) -> Vec<String> {
    let mut facts = Vec::new();
    if let Some(fp) = &e.secret_fingerprint {
        facts.push(format!("secret {fp}"));
    }
    if let Some(fp) = &e.public_key_fingerprint {
        facts.push(format!("Circle key {fp}"));
    }
    if let Some(id) = &e.request_id {
        facts.push(format!("Circle request id {id}"));
    }
    if let Some(detail) = &e.detail {
        facts.push(detail.clone());
    }
    facts.push(format!(
        "by {}, version {}",
        e.os_user.as_deref().unwrap_or("an unknown user"),
        e.app_version
    ));
    facts
}
fn outcome(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Started => "started",
        Outcome::Succeeded => "succeeded",
        Outcome::Failed => "FAILED",
        Outcome::Cancelled => "cancelled",
    }
}
/// Above the damaged lines.
pub fn log_damaged_title(count: usize) -> String {
    format!(
        "{count} lines of the log could not be read (a stop mid-write, or an edit by hand); they are left in the file as they are:"
    )
}
/// One damaged line.
pub fn log_damaged_line(line: usize, error: &str) -> String {
    format!("  line {line}: {error}")
}

// ----- rehearse -----

/// One step's line.
pub fn step(step: &str, what: &str) -> String {
    format!("[{step}] {what}")
}
/// `--memory-store`.
pub const REHEARSE_MEMORY_STORE: &str = "using an in-memory store, as asked (--memory-store); the secret and this rehearsal's records are forgotten at exit";
/// The simulator starts.
pub const REHEARSE_STARTING: &str =
    "making an RSA-4096 key and starting the simulated Circle on 127.0.0.1…";
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
