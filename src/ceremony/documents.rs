//! The documents a finished ceremony offers: a calendar reminder of the
//! rotation date and a ceremony record to print, sign and keep. Fingerprints
//! only; never the secret.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};

use super::SaveOutcome;
use crate::store::RegistrationRecord;
use crate::text::documents as text;

/// Days before the rotation date the calendar alarm fires.
pub const REMINDER_DAYS_BEFORE: i64 = crate::policy::DUE_SOON_DAYS;

/// An iCalendar (RFC 5545) file: an all-day event on the rotation date with
/// an alarm 14 days before.
pub fn rotation_reminder_ics(record: &RegistrationRecord, now: DateTime<Utc>) -> String {
    let day = record.rotate_by.date_naive();
    let next_day = day + Duration::days(1);
    let summary = rehearsal_marked(
        record.rehearsal,
        text::reminder_summary(record.environment, &record.app_id),
    );
    let description = text::reminder_description(
        &record.registered_at.format("%Y-%m-%d").to_string(),
        &record.secret_fingerprint,
        &record.public_key_fingerprint,
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

/// A file name for the reminder; a rehearsal's says so, so a real
/// reminder saved next to it never collides with it or is mistaken for it.
pub fn ics_file_name(record: &RegistrationRecord) -> String {
    rehearsal_named(
        record.rehearsal,
        format!(
            "rotate-entity-secret-{}-{}.ics",
            record.environment.slug(),
            record.rotate_by.format("%Y%m%d")
        ),
    )
}

/// A file name for the ceremony record; a rehearsal's says so.
pub fn record_file_name(record: &RegistrationRecord) -> String {
    rehearsal_named(
        record.rehearsal,
        format!(
            "entity-secret-ceremony-{}-{}.md",
            record.environment.slug(),
            record.registered_at.format("%Y%m%d-%H%M%S")
        ),
    )
}

/// A rehearsal document's title: REHEARSAL first.
fn rehearsal_marked(rehearsal: bool, title: String) -> String {
    rehearsal_first(rehearsal, " — ", title)
}

/// A rehearsal document's file name: REHEARSAL first.
fn rehearsal_named(rehearsal: bool, name: String) -> String {
    rehearsal_first(rehearsal, "-", name)
}

/// `text` with REHEARSAL and `separator` before it, in a rehearsal.
fn rehearsal_first(rehearsal: bool, separator: &str, text: String) -> String {
    if rehearsal {
        format!("{}{separator}{text}", crate::text::window::REHEARSAL_PREFIX)
    } else {
        text
    }
}

/// What the person did with the recovery file after the ceremony wrote it,
/// as they answered on the last screen, for the ceremony record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryKept {
    /// Moved to removable media kept apart.
    RemovableMedia,
    /// Printed, and deleted from the computer.
    Printed,
    /// Something else, said in the record by hand.
    Other,
    /// Nothing yet: still where it was written.
    NotYet,
}

impl RecoveryKept {
    /// Every answer, in the order offered.
    pub const ALL: [Self; 4] = [
        Self::RemovableMedia,
        Self::Printed,
        Self::Other,
        Self::NotYet,
    ];

    /// The answer in words, as offered and as recorded.
    pub fn words(self) -> &'static str {
        use crate::text::window as words;
        match self {
            Self::RemovableMedia => words::RECOVERY_KEPT_REMOVABLE,
            Self::Printed => words::RECOVERY_KEPT_PRINTED,
            Self::Other => words::RECOVERY_KEPT_OTHER,
            Self::NotYet => words::RECOVERY_KEPT_NOT_YET,
        }
    }
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
    /// What the person said they did with the recovery file, when the
    /// record is saved at the ceremony's end after they answered.
    pub recovery_kept: Option<RecoveryKept>,
}

/// A readable ceremony record (Markdown), with blank lines for witnesses,
/// from what the ceremony that just ended wrote.
pub fn ceremony_record_markdown(outcome: &SaveOutcome, context: &RecordContext) -> String {
    record_markdown(
        &outcome.record,
        Some(&outcome.written.path),
        Some(&outcome.written.sha256),
        outcome
            .unverified
            .as_ref()
            .map(|u| crate::text::recovery::unverified_reason(u.reason).to_owned()),
        context,
    )
}

/// The same record from a registration's record alone (from the home
/// screen, or after a ceremony finished after a stop): its recovery file
/// as recorded, and the warning the record keeps, if any.
pub fn registration_record_markdown(
    record: &RegistrationRecord,
    context: &RecordContext,
) -> String {
    record_markdown(
        record,
        record.recovery_path.as_deref(),
        record.recovery_sha256.as_deref(),
        record
            .recovery_warning
            .as_ref()
            .map(crate::text::status::recovery_warning),
        context,
    )
}

fn record_markdown(
    r: &RegistrationRecord,
    recovery_path: Option<&Path>,
    recovery_sha256: Option<&str>,
    warning: Option<String>,
    context: &RecordContext,
) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", text::record_title(context.rehearsal)));
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
            crate::text::documents::RECORD_SECRET_FINGERPRINT,
            r.secret_fingerprint.clone(),
        ),
        (
            crate::text::documents::RECORD_KEY_FINGERPRINT,
            r.public_key_fingerprint.clone(),
        ),
        (
            "Keychain",
            format!(
                "{} — service `{}`, account `{}`",
                context.keychain_backend, r.keychain_service, r.keychain_account
            ),
        ),
        (
            "Recovery file",
            recovery_path.map_or_else(
                || text::RECORD_NO_RECOVERY_FILE.to_owned(),
                |p| p.display().to_string(),
            ),
        ),
        (
            "Recovery file SHA-256",
            recovery_sha256.unwrap_or("—").to_owned(),
        ),
        ("Rotate by", r.rotate_by.format("%Y-%m-%d").to_string()),
    ];
    let kept = context
        .recovery_kept
        .map(|k| (crate::text::window::RECOVERY_KEPT_ROW, k.words().to_owned()));
    out.push_str("| | |\n|---|---|\n");
    for (k, v) in rows.into_iter().chain(kept) {
        out.push_str(&format!("| {k} | {} |\n", v.replace('|', "\\|")));
    }
    if let Some(warning) = warning {
        out.push_str(&format!("\n**Warning:** {warning}\n"));
    }
    out.push_str(&format!("\n{}\n", text::RECORD_NO_SECRET));
    out.push_str("\n## Signatures\n\n");
    for role in ["Performed by", "Witness", "Witness"] {
        out.push_str(&text::signature_line(role));
        out.push_str("\n\n");
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
        K::AlreadyExists => text::DOCUMENT_EXISTS.to_owned(),
        K::NotFound => text::DOCUMENT_NO_FOLDER.to_owned(),
        K::PermissionDenied => text::DOCUMENT_NOT_ALLOWED.to_owned(),
        K::StorageFull => text::DOCUMENT_DISK_FULL.to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ceremony::SaveOutcome;
    use crate::secret::Environment;
    use crate::store::{RecoveryWarning, WrittenRecovery};
    use chrono::TimeZone;

    fn record() -> RegistrationRecord {
        let at = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        RegistrationRecord {
            rehearsal: false,
            environment: Environment::Live,
            app_id: "app-1".to_owned(),
            secret_fingerprint: "0011223344556677".to_owned(),
            public_key_fingerprint: "AA:BB".to_owned(),
            registered_at: at,
            rotate_by: crate::store::rotate_by(at),
            recovery_sha256: Some("ab".repeat(32)),
            recovery_path: Some(std::path::PathBuf::from("/media/usb/recovery_file.dat")),
            keychain_service: "svc".to_owned(),
            keychain_account: "live:app-1".to_owned(),
            recovery_warning: None,
            ceremony: None,
            retired: Vec::new(),
            last_check: None,
            handoffs: Vec::new(),
        }
    }

    fn context() -> RecordContext {
        RecordContext {
            os_user: "alice".to_owned(),
            keychain_backend: "Secret Service".to_owned(),
            rehearsal: false,
            recovery_kept: None,
        }
    }

    #[test]
    fn a_record_from_the_registration_alone_is_the_one_the_ceremony_wrote() {
        let r = record();
        let outcome = SaveOutcome {
            written: WrittenRecovery {
                path: r.recovery_path.clone().unwrap(),
                sha256: r.recovery_sha256.clone().unwrap(),
            },
            record: r.clone(),
            unverified: None,
        };
        assert_eq!(
            registration_record_markdown(&r, &context()),
            ceremony_record_markdown(&outcome, &context())
        );
    }

    #[test]
    fn a_record_with_no_recovery_file_says_so_and_keeps_its_warning() {
        let mut r = record();
        r.recovery_path = None;
        r.recovery_sha256 = None;
        r.recovery_warning = Some(RecoveryWarning::NotSaved);
        let md = registration_record_markdown(&r, &context());
        assert!(
            md.contains(&format!(
                "| Recovery file | {} |",
                text::RECORD_NO_RECOVERY_FILE
            )),
            "{md}"
        );
        assert!(md.contains("| Recovery file SHA-256 | — |"), "{md}");
        assert!(
            md.contains(&format!(
                "**Warning:** {}",
                crate::text::status::recovery_warning(&RecoveryWarning::NotSaved)
            )),
            "{md}"
        );
        assert!(
            md.contains("0011223344556677") && md.contains("AA:BB"),
            "{md}"
        );
        assert!(md.starts_with(&format!("# {}\n", text::record_title(false))));
    }

    #[test]
    fn the_reminder_rings_as_many_days_before_as_the_home_screen_warns() {
        let r = record();
        let ics = rotation_reminder_ics(&r, r.registered_at);
        assert!(
            ics.contains(&format!("TRIGGER:-P{}D\r\n", crate::policy::DUE_SOON_DAYS)),
            "{ics}"
        );
        assert!(ics.contains("DTSTART;VALUE=DATE:20270520\r\n"), "{ics}");
    }

    #[test]
    fn a_rehearsals_documents_say_rehearsal_in_their_file_names_and_titles() {
        let real = record();
        let mut rehearsal = record();
        rehearsal.rehearsal = true;
        assert!(!ics_file_name(&real).contains("REHEARSAL"));
        assert!(!record_file_name(&real).contains("REHEARSAL"));
        assert_eq!(
            ics_file_name(&rehearsal),
            format!("REHEARSAL-{}", ics_file_name(&real))
        );
        assert_eq!(
            record_file_name(&rehearsal),
            format!("REHEARSAL-{}", record_file_name(&real))
        );
        let ics = rotation_reminder_ics(&rehearsal, rehearsal.registered_at);
        assert!(
            ics.contains("SUMMARY:REHEARSAL — Rotate the Circle entity secret"),
            "{ics}"
        );
        let real_ics = rotation_reminder_ics(&real, real.registered_at);
        assert!(
            real_ics.contains("SUMMARY:Rotate the Circle entity secret"),
            "{real_ics}"
        );
    }

    #[test]
    fn the_record_says_what_was_done_with_the_recovery_file_when_it_was_said() {
        let r = record();
        let unsaid = registration_record_markdown(&r, &context());
        assert!(!unsaid.contains(crate::text::window::RECOVERY_KEPT_ROW));
        let said = registration_record_markdown(
            &r,
            &RecordContext {
                recovery_kept: Some(RecoveryKept::RemovableMedia),
                ..context()
            },
        );
        assert!(
            said.contains(&format!(
                "| {} | {} |",
                crate::text::window::RECOVERY_KEPT_ROW,
                RecoveryKept::RemovableMedia.words()
            )),
            "{said}"
        );
    }
}
