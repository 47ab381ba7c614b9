//! The documents a finished ceremony offers: a calendar reminder of the
//! rotation date and a ceremony record to print, sign and keep. Fingerprints
//! only; never the secret.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};

use super::SaveOutcome;
use crate::store::RegistrationRecord;

/// Days before the rotation date the calendar alarm fires.
pub const REMINDER_DAYS_BEFORE: i64 = 14;

/// An iCalendar (RFC 5545) file: an all-day event on the rotation date with
/// an alarm 14 days before.
pub fn rotation_reminder_ics(record: &RegistrationRecord, now: DateTime<Utc>) -> String {
    let day = record.rotate_by.date_naive();
    let next_day = day + Duration::days(1);
    let summary = format!(
        "Rotate the Circle entity secret ({} app {})",
        record.environment.label(),
        record.app_id
    );
    let description = format!(
        "The Circle entity secret registered on {} is due for rotation. Secret fingerprint {}. Circle public key SHA-256 {}. Run the rotation ceremony in Entity Secret Wizard.",
        record.registered_at.format("%Y-%m-%d"),
        record.secret_fingerprint,
        record.public_key_fingerprint
    );
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        format!(
            "PRODID:-//Entity Secret Wizard//{}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!(
            "UID:{}-{}@entity-secret-wizard",
            record.app_id,
            record.rotate_by.format("%Y%m%d")
        ),
        format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")),
        format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")),
        format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")),
        format!("SUMMARY:{}", escape_ics(&summary)),
        format!("DESCRIPTION:{}", escape_ics(&description)),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        format!("DESCRIPTION:{}", escape_ics(&summary)),
        format!("TRIGGER:-P{REMINDER_DAYS_BEFORE}D"),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold_ics(&line));
        out.push_str("\r\n");
    }
    out
}

/// A file name for the reminder.
pub fn ics_file_name(record: &RegistrationRecord) -> String {
    format!(
        "rotate-entity-secret-{}-{}.ics",
        record.environment.slug(),
        record.rotate_by.format("%Y%m%d")
    )
}

/// A file name for the ceremony record.
pub fn record_file_name(record: &RegistrationRecord) -> String {
    format!(
        "entity-secret-ceremony-{}-{}.md",
        record.environment.slug(),
        record.registered_at.format("%Y%m%d-%H%M%S")
    )
}

/// Who ran the ceremony and with what, for the record.
#[derive(Debug, Clone)]
pub struct RecordContext {
    /// The OS user.
    pub os_user: String,
    /// The keychain backend.
    pub keychain_backend: String,
    /// Whether it was a rehearsal.
    pub rehearsal: bool,
}

/// A readable ceremony record (Markdown), with blank lines for witnesses.
pub fn ceremony_record_markdown(outcome: &SaveOutcome, context: &RecordContext) -> String {
    let r = &outcome.record;
    let mut out = String::new();
    let title = if context.rehearsal {
        "Entity secret registration — REHEARSAL (nothing was registered with Circle)"
    } else {
        "Entity secret registration"
    };
    out.push_str(&format!("# {title}\n\n"));
    let rows = [
        (
            "Date (UTC)",
            r.registered_at.format("%Y-%m-%d %H:%M:%S").to_string(),
        ),
        ("Run by (OS user)", context.os_user.clone()),
        (
            "App version",
            format!("Entity Secret Wizard {}", env!("CARGO_PKG_VERSION")),
        ),
        ("Environment", r.environment.label().to_owned()),
        ("Circle app id", r.app_id.clone()),
        (
            "Entity secret fingerprint (SHA-256, first 8 bytes)",
            r.secret_fingerprint.clone(),
        ),
        (
            "Circle public key fingerprint (SHA-256 of SPKI)",
            r.public_key_fingerprint.clone(),
        ),
        (
            "Keychain",
            format!(
                "{} — service `{}`, account `{}`",
                context.keychain_backend, r.keychain_service, r.keychain_account
            ),
        ),
        ("Recovery file", outcome.written.path.display().to_string()),
        ("Recovery file SHA-256", outcome.written.sha256.clone()),
        ("Rotate by", r.rotate_by.format("%Y-%m-%d").to_string()),
    ];
    out.push_str("| | |\n|---|---|\n");
    for (k, v) in rows {
        out.push_str(&format!("| {k} | {} |\n", v.replace('|', "\\|")));
    }
    if let Some(u) = &outcome.unverified {
        out.push_str(&format!(
            "\n**Warning:** {}\n",
            crate::text::recovery::unverified_reason(u.reason)
        ));
    }
    out.push_str("\nThe entity secret itself is not in this record. Keep this record with the recovery file's location, apart from this computer.\n");
    out.push_str("\n## Signatures\n\n");
    for role in ["Performed by", "Witness", "Witness"] {
        out.push_str(&format!(
            "{role}: name ______________________________  signature ______________________  date __________\n\n"
        ));
    }
    out
}

/// Write a new document; never overwrites an existing file.
pub fn write_document(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// An IO error from writing a document, in words for a person.
pub fn describe_io_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::AlreadyExists => {
            "a file with that name already exists there, and it is never overwritten".to_owned()
        }
        K::NotFound => "that folder does not exist".to_owned(),
        K::PermissionDenied => "this app is not allowed to write there".to_owned(),
        K::StorageFull => "the disk is full".to_owned(),
        _ => error.to_string(),
    }
}

fn escape_ics(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Fold lines longer than 75 octets (RFC 5545 §3.1), never inside a
/// UTF-8 character.
fn fold_ics(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out
}
