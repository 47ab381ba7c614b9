//! What `status`, `public-key` and `record` print: the facts, in the
//! window's words where the window says the same thing.

use std::path::Path;

use crate::ceremony::status::{KeychainPresence, StraySecret, Unfinished};
use crate::ceremony::steps::{KeyComparison, KeyOrigin};
use crate::secret::{EXPECTED_KEY_BITS, Environment};
use crate::store::{LogEntry, Outcome, RegistrationRecord, RetiredSecret};
use crate::text::status::presence;

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
