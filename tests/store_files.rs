//! The store's files on a real file system: the recovery-file writer, the
//! location notes, and the non-secret records, ceremony log and journal.

// clippy.toml allows unwrap inside #[test] functions only; the helpers here
// are test code too, and a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use entity_secret_wizard::clock::{Clock, FixedClock};
use entity_secret_wizard::error::Explain;
use entity_secret_wizard::secret::{EntitySecret, Environment, RecoveryFile};
use entity_secret_wizard::store::location::{MountConvention, cloud_provider, removable_mount};
use entity_secret_wizard::store::{
    CeremonyKind, CeremonyLog, InProgress, Journal, LocationNote, LogEntry, Outcome, Records,
    RecordsError, RecoveryWriteError, RegistrationRecord, RotationStatus, SERVICE, Stage,
    account_name, location_notes, prove_writable, rotate_by, rotation_status, write_recovery_file,
};
use tempfile::TempDir;
use uuid::Uuid;

const CONTENT: &str = "c2VjcmV0IHJlY292ZXJ5IGZpbGUgY29udGVudCwgYnl0ZSBmb3IgYnl0ZQ==";

fn recovery() -> RecoveryFile {
    RecoveryFile::new(CONTENT.to_owned())
}

/// File names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 0, 0).unwrap()
}

// ---------------------------------------------------------------------------
// Recovery file

#[test]
fn recovery_file_is_written_byte_for_byte_privately_and_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery_file_20250115-100000.dat");
    let file = recovery();
    let written = write_recovery_file(&path, &file).unwrap();
    assert_eq!(written.path, path);
    assert_eq!(written.sha256, file.sha256());
    // Exactly the bytes received: no newline added, nothing decoded.
    assert_eq!(fs::read(&path).unwrap(), CONTENT.as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
        use std::os::unix::fs::MetadataExt;
        // One name only: the temp link was removed.
        assert_eq!(fs::metadata(&path).unwrap().nlink(), 1);
    }
    assert_eq!(names(dir.path()), vec!["recovery_file_20250115-100000.dat"]);
}

#[test]
fn recovery_writer_never_replaces_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery.dat");
    fs::write(&path, b"an older recovery file").unwrap();
    let file = recovery();
    let err = write_recovery_file(&path, &file).unwrap_err();
    assert_eq!(
        err,
        RecoveryWriteError::ExistsAlready { path: path.clone() }
    );
    assert!(err.next_step().contains("still held"));
    assert_eq!(fs::read(&path).unwrap(), b"an older recovery file");
    assert_eq!(names(dir.path()), vec!["recovery.dat"]);
    // The content is still there to save elsewhere.
    let elsewhere = dir.path().join("recovery-2.dat");
    write_recovery_file(&elsewhere, &file).unwrap();
    assert_eq!(fs::read(&elsewhere).unwrap(), CONTENT.as_bytes());
}

#[cfg(unix)]
#[test]
fn recovery_writer_treats_a_dangling_symlink_as_existing() {
    let dir = tempfile::tempdir().unwrap();
    let aim = dir.path().join("somewhere-else.dat");
    let path = dir.path().join("recovery.dat");
    std::os::unix::fs::symlink(&aim, &path).unwrap();
    let err = write_recovery_file(&path, &recovery()).unwrap_err();
    assert!(
        matches!(err, RecoveryWriteError::ExistsAlready { .. }),
        "{err:?}"
    );
    assert!(!aim.exists());
    assert_eq!(names(dir.path()), vec!["recovery.dat"]);
}

#[test]
fn racing_writers_to_one_path_leave_exactly_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery.dat");
    let results: Vec<(String, Result<_, RecoveryWriteError>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let path = path.clone();
                s.spawn(move || {
                    let content = format!("{CONTENT}{i}");
                    let file = RecoveryFile::new(content.clone());
                    (content, write_recovery_file(&path, &file))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let winners: Vec<&String> = results
        .iter()
        .filter(|(_, r)| r.is_ok())
        .map(|(c, _)| c)
        .collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    for (_, r) in &results {
        if let Err(e) = r {
            assert!(
                matches!(e, RecoveryWriteError::ExistsAlready { .. }),
                "{e:?}"
            );
        }
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), *winners[0]);
    assert_eq!(names(dir.path()), vec!["recovery.dat"]);
}

#[test]
fn recovery_writer_reports_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("unplugged");
    let err = write_recovery_file(&gone.join("recovery.dat"), &recovery()).unwrap_err();
    assert_eq!(err, RecoveryWriteError::DirectoryMissing { dir: gone });
    // A file where the folder should be is not a folder.
    let file_not_dir = dir.path().join("plain");
    fs::write(&file_not_dir, b"x").unwrap();
    let err = write_recovery_file(&file_not_dir.join("recovery.dat"), &recovery()).unwrap_err();
    assert!(
        matches!(err, RecoveryWriteError::DirectoryMissing { .. }),
        "{err:?}"
    );
}

/// A folder this process cannot write: a read-only temp folder, or, when
/// running as root (CI), where permissions do not bind, /sys.
#[cfg(target_os = "linux")]
fn unwritable_dir(scratch: &TempDir) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let ro = scratch.path().join("read-only");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o500)).unwrap();
    if fs::write(ro.join("can-i"), b"x").is_ok() {
        fs::remove_file(ro.join("can-i")).unwrap();
        return PathBuf::from("/sys");
    }
    ro
}

#[cfg(target_os = "linux")]
#[test]
fn read_only_folder_is_permission_denied_and_the_content_survives() {
    let scratch = tempfile::tempdir().unwrap();
    let ro = unwritable_dir(&scratch);
    let target = ro.join("recovery_file_test.dat");
    let file = recovery();

    let err = prove_writable(&target).unwrap_err();
    assert_eq!(
        err,
        RecoveryWriteError::PermissionDenied {
            path: target.clone()
        }
    );
    let err = write_recovery_file(&target, &file).unwrap_err();
    assert_eq!(
        err,
        RecoveryWriteError::PermissionDenied {
            path: target.clone()
        }
    );
    let step = err.next_step();
    assert!(
        step.contains("still held") && step.contains("another place"),
        "{step}"
    );
    assert!(!target.exists());
    if ro.starts_with(scratch.path()) {
        assert!(names(&ro).is_empty(), "{:?}", names(&ro));
    }
    // The caller still holds the bytes and can save them elsewhere.
    let other = scratch.path().join("recovery.dat");
    write_recovery_file(&other, &file).unwrap();
    assert_eq!(fs::read(&other).unwrap(), CONTENT.as_bytes());
}

#[test]
fn prove_writable_checks_target_folder_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("recovery.dat");
    prove_writable(&target).unwrap();
    assert!(names(dir.path()).is_empty());

    fs::write(&target, b"x").unwrap();
    assert_eq!(
        prove_writable(&target).unwrap_err(),
        RecoveryWriteError::ExistsAlready {
            path: target.clone()
        }
    );

    let missing = dir.path().join("missing");
    assert_eq!(
        prove_writable(&missing.join("recovery.dat")).unwrap_err(),
        RecoveryWriteError::DirectoryMissing { dir: missing }
    );
    assert_eq!(names(dir.path()), vec!["recovery.dat"]);
}

// ---------------------------------------------------------------------------
// Location notes

#[test]
fn a_folder_under_home_is_on_the_same_disk_as_the_keychain() {
    let home = tempfile::tempdir().unwrap();
    let docs = home.path().join("Documents");
    fs::create_dir(&docs).unwrap();
    let notes = location_notes(&docs.join("recovery.dat"), home.path());
    assert_eq!(notes, vec![LocationNote::SameFilesystemAsHome]);
    assert_eq!(
        notes[0].acknowledgement().as_deref(),
        Some("I understand the recovery file will be on the same disk as this computer's keychain")
    );
}

#[cfg(target_os = "linux")]
#[test]
fn another_file_system_is_not_the_same_disk() {
    // /proc is always its own file system, whatever holds the temp folder.
    let home = tempfile::tempdir().unwrap();
    let notes = location_notes(Path::new("/proc/recovery.dat"), home.path());
    assert!(
        !notes.contains(&LocationNote::SameFilesystemAsHome),
        "{notes:?}"
    );
    // A folder that cannot be examined gives no disk note either way.
    let notes = location_notes(Path::new("/no/such/folder/recovery.dat"), home.path());
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn cloud_sync_folders_are_recognised_case_insensitively() {
    let cases: &[(&str, Option<&str>)] = &[
        ("/home/ann/Dropbox/keys", Some("Dropbox")),
        ("/home/ann/dropbox", Some("Dropbox")),
        ("/Users/ann/Dropbox (Personal)/x", Some("Dropbox")),
        ("/home/ann/OneDrive/Documents", Some("OneDrive")),
        ("C:/Users/ann/OneDrive - Contoso/Backups", Some("OneDrive")),
        (
            "/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/x",
            Some("iCloud Drive"),
        ),
        (
            "/users/ann/library/mobile documents/x",
            Some("iCloud Drive"),
        ),
        ("C:/Users/ann/iCloudDrive/x", Some("iCloud Drive")),
        (
            "/Users/ann/Library/CloudStorage/GoogleDrive-ann@example.com/My Drive",
            Some("Google Drive"),
        ),
        (
            "/Users/ann/Library/CloudStorage/OneDrive-Personal/x",
            Some("OneDrive"),
        ),
        ("/Users/ann/Library/CloudStorage/Dropbox/x", Some("Dropbox")),
        ("/Users/ann/Library/CloudStorage/Box-Box/x", Some("Box")),
        (
            "/Users/ann/Library/CloudStorage/SomethingNew/x",
            Some("a cloud storage service"),
        ),
        ("/Volumes/GoogleDrive/My Drive/x", Some("Google Drive")),
        ("/home/ann/Google Drive/x", Some("Google Drive")),
        ("G:/My Drive", Some("Google Drive")),
        ("/home/ann/Documents", None),
        ("/home/ann/Library/CloudStorage", None),
        ("/home/ann/dropboxes", None),
        ("/media/ann/USB", None),
    ];
    for (path, want) in cases {
        assert_eq!(cloud_provider(Path::new(path)), *want, "{path}");
    }
    // And through location_notes, under a temp home, folders not created yet.
    let home = tempfile::tempdir().unwrap();
    let notes = location_notes(&home.path().join("Dropbox/recovery.dat"), home.path());
    assert_eq!(
        notes,
        vec![LocationNote::CloudSync {
            provider: "Dropbox"
        }]
    );
    assert!(notes[0].acknowledgement().unwrap().contains("Dropbox"));
}

#[cfg(unix)]
#[test]
fn a_symlink_into_a_cloud_folder_is_still_the_cloud() {
    let home = tempfile::tempdir().unwrap();
    let real = home.path().join("Dropbox").join("Documents");
    fs::create_dir_all(&real).unwrap();
    let link = home.path().join("Documents");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let notes = location_notes(&link.join("recovery.dat"), home.path());
    assert_eq!(
        notes,
        vec![
            LocationNote::SameFilesystemAsHome,
            LocationNote::CloudSync {
                provider: "Dropbox"
            }
        ]
    );
    assert!(notes.iter().all(LocationNote::is_warning));
}

#[test]
fn removable_mount_points_by_platform() {
    let linux = MountConvention::Linux;
    let mac = MountConvention::MacOs;
    for yes in [
        "/media/ann/USB",
        "/media/USB/keys",
        "/run/media/ann/USB",
        "/mnt/usb",
    ] {
        assert!(removable_mount(Path::new(yes), linux), "{yes}");
        assert!(!removable_mount(Path::new(yes), mac), "{yes}");
    }
    for no in [
        "/media",
        "/mnt",
        "/run/media",
        "/home/ann/media/x",
        "/mntx/a",
        "/Volumes/USB",
    ] {
        assert!(!removable_mount(Path::new(no), linux), "{no}");
    }
    assert!(removable_mount(Path::new("/Volumes/BACKUP/keys"), mac));
    assert!(!removable_mount(Path::new("/Volumes"), mac));
    assert!(!removable_mount(
        Path::new("/media/ann/USB"),
        MountConvention::Other
    ));
}

// ---------------------------------------------------------------------------
// Records

fn record(env: Environment, app: &str, registered_at: DateTime<Utc>) -> RegistrationRecord {
    RegistrationRecord {
        rehearsal: false,
        environment: env,
        app_id: app.to_owned(),
        secret_fingerprint: "0011223344556677".into(),
        public_key_fingerprint: "ab".repeat(32),
        registered_at,
        rotate_by: rotate_by(registered_at),
        recovery_sha256: Some(recovery().sha256()),
        recovery_path: Some(PathBuf::from("/media/ann/USB/recovery.dat")),
        keychain_service: SERVICE.into(),
        keychain_account: account_name(env, app, false),
        recovery_warning: None,
        ceremony: None,
        retired: Vec::new(),
        last_check: None,
        handoffs: Vec::new(),
    }
}

#[test]
fn records_round_trip_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let records = Records::open(dir.path().to_path_buf()).unwrap();
    assert!(records.list().unwrap().is_empty());
    let a = record(Environment::Test, "app-a", t0());
    let b = record(Environment::Live, "app-b", t0() + Duration::days(1));
    records.upsert(&a).unwrap();
    records.upsert(&b).unwrap();
    let reopened = Records::open(dir.path().to_path_buf()).unwrap();
    assert_eq!(reopened.list().unwrap(), vec![a.clone(), b.clone()]);

    // Same environment and app: replaced in place. Same app, other
    // environment: a separate record.
    let mut a2 = a.clone();
    a2.secret_fingerprint = "8899aabbccddeeff".into();
    reopened.upsert(&a2).unwrap();
    let live_a = record(Environment::Live, "app-a", t0());
    reopened.upsert(&live_a).unwrap();
    assert_eq!(records.list().unwrap(), vec![a2, b, live_a]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(records.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }
    // Only the file itself and its (empty) lock: no temp files left.
    assert_eq!(
        names(dir.path()),
        vec!["registrations.json", "registrations.json.lock"]
    );
}

#[test]
fn a_damaged_records_file_is_kept_aside_byte_for_byte_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let records = Records::open(dir.path().to_path_buf()).unwrap();
    let damaged: &[u8] = b"{\"version\":1,\"registrations\":[{\"rehearsal\":tru";
    fs::write(records.path(), damaged).unwrap();

    let err = records.list().unwrap_err();
    let RecordsError::Corrupt { path, kept_at } = &err else {
        panic!("expected Corrupt, got {err:?}");
    };
    assert_eq!(path, records.path());
    assert!(
        kept_at
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("registrations.json.corrupt-")
    );
    assert_eq!(fs::read(kept_at).unwrap(), damaged);
    assert!(!records.path().exists());
    assert!(!err.next_step().is_empty());

    // The app carries on with a new file; the kept copy stays.
    assert!(records.list().unwrap().is_empty());
    records
        .upsert(&record(Environment::Test, "a", t0()))
        .unwrap();
    assert_eq!(fs::read(kept_at).unwrap(), damaged);

    // Valid JSON of the wrong shape is damaged too, and a second copy never
    // replaces the first.
    fs::write(records.path(), b"[1, 2, 3]").unwrap();
    let RecordsError::Corrupt {
        kept_at: second, ..
    } = records.list().unwrap_err()
    else {
        panic!("expected Corrupt");
    };
    assert_ne!(&second, kept_at);
    assert_eq!(fs::read(&second).unwrap(), b"[1, 2, 3]");
    assert_eq!(fs::read(kept_at).unwrap(), damaged);
}

#[test]
fn a_records_file_from_a_newer_version_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let records = Records::open(dir.path().to_path_buf()).unwrap();
    let newer = br#"{"version": 7, "registrations": "a shape we do not know"}"#;
    fs::write(records.path(), newer).unwrap();
    let err = records.list().unwrap_err();
    assert!(
        matches!(err, RecordsError::NewerVersion { version: 7, .. }),
        "{err:?}"
    );
    let err = records
        .upsert(&record(Environment::Test, "a", t0()))
        .unwrap_err();
    assert!(matches!(err, RecordsError::NewerVersion { .. }));
    assert_eq!(fs::read(records.path()).unwrap(), newer);
}

#[test]
fn rotation_status_boundaries() {
    let rec = record(Environment::Test, "a", t0());
    let due = rec.rotate_by;
    assert_eq!(due, t0() + Duration::days(180));
    let at = |t: DateTime<Utc>| rotation_status(&rec, FixedClock(t).now());

    assert_eq!(at(t0()), RotationStatus::Ok { days_left: 180 });
    assert_eq!(
        at(due - Duration::days(14) - Duration::seconds(1)),
        RotationStatus::Ok { days_left: 15 }
    );
    assert_eq!(
        at(due - Duration::days(14)),
        RotationStatus::DueSoon { days_left: 14 }
    );
    assert_eq!(
        at(due - Duration::days(1)),
        RotationStatus::DueSoon { days_left: 1 }
    );
    assert_eq!(
        at(due - Duration::hours(1)),
        RotationStatus::DueSoon { days_left: 1 }
    );
    assert_eq!(at(due), RotationStatus::DueSoon { days_left: 0 });
    assert_eq!(
        at(due + Duration::seconds(1)),
        RotationStatus::Overdue { days: 0 }
    );
    assert_eq!(
        at(due + Duration::days(1)),
        RotationStatus::Overdue { days: 1 }
    );
    assert_eq!(
        at(due + Duration::days(30) + Duration::hours(5)),
        RotationStatus::Overdue { days: 30 }
    );
}

// ---------------------------------------------------------------------------
// Ceremony log

fn log_entry(step: &str, outcome: Outcome, at: DateTime<Utc>) -> LogEntry {
    LogEntry::new(at, false, CeremonyKind::Onboarding, step, outcome)
}

#[test]
fn log_appends_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let log = CeremonyLog::open(dir.path().to_path_buf()).unwrap();
    assert!(log.read_all().unwrap().entries.is_empty());
    let entries = vec![
        log_entry("keychain_check", Outcome::Succeeded, t0()),
        log_entry("register", Outcome::Started, t0() + Duration::seconds(5))
            .with_secret_fingerprint("0011223344556677")
            .with_public_key_fingerprint("ab".repeat(32)),
        log_entry("register", Outcome::Failed, t0() + Duration::seconds(6))
            .with_request_id(Uuid::new_v4().to_string())
            .with_detail("HTTP 409: the secret for this entity has already been set"),
    ];
    for e in &entries {
        log.append(e).unwrap();
    }
    let reopened = CeremonyLog::open(dir.path().to_path_buf()).unwrap();
    let read = reopened.read_all().unwrap();
    assert_eq!(read.entries, entries);
    assert!(read.damaged.is_empty());
    let text = fs::read_to_string(log.path()).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(text.ends_with('\n'));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(log.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }
}

#[test]
fn a_damaged_log_line_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let log = CeremonyLog::open(dir.path().to_path_buf()).unwrap();
    let first = log_entry("one", Outcome::Succeeded, t0());
    log.append(&first).unwrap();
    // A crash in the middle of an append: half a line, no newline.
    let mut bytes = fs::read(log.path()).unwrap();
    bytes.extend_from_slice(b"{\"time\":\"2025-01-15T10:00:01Z\",\"os_us");
    fs::write(log.path(), &bytes).unwrap();
    let third = log_entry("three", Outcome::Cancelled, t0() + Duration::seconds(2));
    log.append(&third).unwrap();

    let read = log.read_all().unwrap();
    assert_eq!(read.entries, vec![first, third]);
    assert_eq!(read.damaged.len(), 1);
    assert_eq!(read.damaged[0].line, 2);
    assert!(!read.damaged[0].error.is_empty());
}

// ---------------------------------------------------------------------------
// Journal

fn in_progress(app: &str) -> InProgress {
    InProgress {
        id: Uuid::new_v4(),
        rehearsal: true,
        ceremony: CeremonyKind::Onboarding,
        environment: Environment::Test,
        app_id: app.to_owned(),
        secret_fingerprint: "0011223344556677".into(),
        keychain_service: SERVICE.into(),
        keychain_account: account_name(Environment::Test, app, false),
        stage: Stage::SecretStored,
        started_at: t0(),
        updated_at: t0(),
        promote_to: None,
        retire: None,
        recovery: Default::default(),
        promoted: false,
        record_written: false,
        previous_recovery: None,
        public_key_fingerprint: None,
        accepted_at: None,
    }
}

#[test]
fn journal_begin_update_finish_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(dir.path().to_path_buf()).unwrap();
    assert!(journal.unfinished().unwrap().is_empty());

    let mut a = in_progress("a");
    let b = in_progress("b");
    journal.begin(&a).unwrap();
    journal.begin(&b).unwrap();

    a.stage = Stage::DestinationChosen {
        path: PathBuf::from("/media/ann/USB/recovery.dat"),
    };
    a.updated_at = t0() + Duration::minutes(1);
    journal.update(&a).unwrap();
    a.stage = Stage::RegistrationSent;
    journal.update(&a).unwrap();
    a.stage = Stage::Registered;
    journal.update(&a).unwrap();

    // A crash here: the next launch finds both, as they were.
    let reopened = Journal::open(dir.path().to_path_buf()).unwrap();
    assert_eq!(reopened.unfinished().unwrap(), vec![a.clone(), b.clone()]);

    reopened.finish(a.id).unwrap();
    reopened.finish(a.id).unwrap();
    assert_eq!(journal.unfinished().unwrap(), vec![b.clone()]);

    // Updating a finished ceremony does not bring it back.
    let err = journal.update(&a).unwrap_err();
    assert_eq!(err, RecordsError::NotInJournal { id: a.id });
    assert_eq!(journal.unfinished().unwrap(), vec![b.clone()]);

    journal.finish(b.id).unwrap();
    assert!(
        Journal::open(dir.path().to_path_buf())
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty()
    );
    assert_eq!(names(dir.path()), vec!["journal.json", "journal.json.lock"]);
}

#[test]
fn a_damaged_journal_is_kept_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(dir.path().to_path_buf()).unwrap();
    fs::write(journal.path(), b"\0\0\0garbage").unwrap();
    let err = journal.unfinished().unwrap_err();
    let RecordsError::Corrupt { kept_at, .. } = err else {
        panic!("expected Corrupt, got {err:?}");
    };
    assert_eq!(fs::read(&kept_at).unwrap(), b"\0\0\0garbage");
    assert!(journal.unfinished().unwrap().is_empty());
}

// ---------------------------------------------------------------------------
// Nothing secret on disk

#[test]
fn records_log_and_journal_never_hold_the_secret() {
    let dir = tempfile::tempdir().unwrap();
    let secret =
        EntitySecret::from_hex("8f3a0c5e9b2d47f1a6e0c3b9d5f8a2e17c4b0d9e3f6a1c8b5e2d7f0a9c3b6e14")
            .unwrap();
    let hex = secret.expose_hex();
    let fingerprint = secret.fingerprint();

    let records = Records::open(dir.path().to_path_buf()).unwrap();
    let mut rec = record(Environment::Live, "app-x", t0());
    rec.secret_fingerprint = fingerprint.clone();
    records.upsert(&rec).unwrap();

    let log = CeremonyLog::open(dir.path().to_path_buf()).unwrap();
    log.append(
        &log_entry("secret_stored", Outcome::Succeeded, t0())
            .with_secret_fingerprint(fingerprint.clone())
            .with_detail(format!("{secret}")),
    )
    .unwrap();
    log.append(&log_entry("debug", Outcome::Failed, t0()).with_detail(format!("{secret:?}")))
        .unwrap();

    let journal = Journal::open(dir.path().to_path_buf()).unwrap();
    let mut entry = in_progress("app-x");
    entry.secret_fingerprint = fingerprint.clone();
    journal.begin(&entry).unwrap();

    let mut seen_fingerprint = 0;
    for name in names(dir.path()) {
        let text = fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(!text.contains(hex.as_str()), "{name} holds the secret");
        assert!(
            !text.to_uppercase().contains(&hex.to_uppercase()),
            "{name} holds the secret"
        );
        // Nor a long piece of it.
        assert!(
            !text.contains(&hex[..24]),
            "{name} holds part of the secret"
        );
        if text.contains(&fingerprint) {
            seen_fingerprint += 1;
        }
    }
    assert_eq!(seen_fingerprint, 3, "every file records the fingerprint");
}

// ---------------------------------------------------------------------------
// Two processes on one data folder

/// Set in the children of the test below: the folder to write to, and
/// which child this is.
const CHILD_DIR: &str = "ESW_TEST_RECORDS_CHILD_DIR";
const CHILD_NAME: &str = "ESW_TEST_RECORDS_CHILD_NAME";
/// Records each child adds, and journal entries each begins and finishes.
const PER_CHILD: usize = 60;

/// The work of one child process: add records and journal entries one by
/// one, each a read-modify-write of the whole file.
fn child_writes(dir: &Path, name: &str) {
    let records = Records::open(dir.to_path_buf()).unwrap();
    let journal = Journal::open(dir.to_path_buf()).unwrap();
    for i in 0..PER_CHILD {
        records
            .upsert(&record(Environment::Test, &format!("{name}-{i}"), t0()))
            .unwrap();
        let mut entry = in_progress(&format!("{name}-{i}"));
        journal.begin(&entry).unwrap();
        entry.stage = Stage::RegistrationSent;
        journal.update(&entry).unwrap();
    }
}

#[test]
fn two_processes_on_one_data_folder_never_lose_each_others_updates() {
    if let (Ok(dir), Ok(name)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_NAME)) {
        // This process is one of the two writers started below.
        child_writes(Path::new(&dir), &name);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let me = std::env::current_exe().unwrap();
    let children: Vec<_> = ["one", "two"]
        .iter()
        .map(|name| {
            std::process::Command::new(&me)
                .args([
                    "--exact",
                    "two_processes_on_one_data_folder_never_lose_each_others_updates",
                ])
                .env(CHILD_DIR, dir.path())
                .env(CHILD_NAME, name)
                // Captured: the children's own "test result" lines must not
                // be counted as tests of this run.
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Every record and every journal entry of both processes is there: a
    // lock held by one process alone would have let the other's whole-file
    // replacement drop some of them.
    let records = Records::open(dir.path().to_path_buf())
        .unwrap()
        .list()
        .unwrap();
    assert_eq!(records.len(), 2 * PER_CHILD);
    let unfinished = Journal::open(dir.path().to_path_buf())
        .unwrap()
        .unfinished()
        .unwrap();
    assert_eq!(unfinished.len(), 2 * PER_CHILD);
    assert!(
        unfinished
            .iter()
            .all(|e| e.stage == Stage::RegistrationSent)
    );
    // And no temporary file is left behind.
    assert_eq!(
        names(dir.path()),
        vec![
            "journal.json",
            "journal.json.lock",
            "registrations.json",
            "registrations.json.lock"
        ]
    );
}
