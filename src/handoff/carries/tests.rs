use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use super::*;
use crate::store::{CeremonyKind, RecoveryProgress, RetiredSecret, Stage};

const APP: &str = "app";

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH + Duration::minutes(minutes)
}

fn handoff(fingerprint: &str, carried: CarriedSecret, minutes: i64) -> HandoffRecord {
    HandoffRecord {
        id: Uuid::new_v4(),
        at: at(minutes),
        secret_fingerprint: fingerprint.to_owned(),
        carried,
        path: PathBuf::from(format!("/x/{fingerprint}.age")),
        sha256: "ab".repeat(32),
        armored: false,
        recipients: Vec::new(),
    }
}

fn pending() -> CarriedSecret {
    CarriedSecret::Pending {
        ceremony_id: Uuid::nil(),
        ceremony: CeremonyKind::Rotation,
    }
}

fn record(current: &str, retired: &[&str], handoffs: Vec<HandoffRecord>) -> RegistrationRecord {
    RegistrationRecord {
        rehearsal: false,
        environment: Environment::Test,
        app_id: APP.to_owned(),
        secret_fingerprint: current.to_owned(),
        public_key_fingerprint: String::new(),
        registered_at: at(0),
        rotate_by: at(0),
        recovery_sha256: None,
        recovery_path: None,
        keychain_service: "s".to_owned(),
        keychain_account: "test:app".to_owned(),
        recovery_warning: None,
        ceremony: None,
        retired: retired
            .iter()
            .map(|f| RetiredSecret {
                fingerprint: (*f).to_owned(),
                keychain_account: format!("test:app:retired:{f}"),
                retired_at: at(0),
            })
            .collect(),
        last_check: None,
        handoffs,
    }
}

fn unfinished(fingerprint: &str) -> InProgress {
    InProgress {
        id: Uuid::new_v4(),
        rehearsal: false,
        ceremony: CeremonyKind::Rotation,
        environment: Environment::Test,
        app_id: APP.to_owned(),
        secret_fingerprint: fingerprint.to_owned(),
        keychain_service: "s".to_owned(),
        keychain_account: "test:app:pending".to_owned(),
        stage: Stage::CiphertextShown,
        started_at: at(0),
        updated_at: at(0),
        promote_to: Some("test:app".to_owned()),
        retire: None,
        recovery: RecoveryProgress::None,
        promoted: false,
        record_written: false,
        previous_recovery: None,
        public_key_fingerprint: None,
        accepted_at: None,
    }
}

#[test]
fn during_a_rotation_the_old_file_is_active_and_the_new_one_pending() {
    let files = vec![
        handoff("old", CarriedSecret::Active, 1),
        handoff("new", pending(), 2),
    ];
    let r = record("old", &[], files.clone());
    let during = [unfinished("new")];
    assert_eq!(classify(&files[0], Some(&r), &during), Carries::Active);
    assert_eq!(classify(&files[1], Some(&r), &during), Carries::Pending);
}

#[test]
fn after_a_rotation_the_new_file_is_active_and_the_old_one_retired() {
    let files = vec![
        handoff("old", CarriedSecret::Active, 1),
        handoff("new", pending(), 2),
    ];
    let r = record("new", &["old"], files.clone());
    assert_eq!(classify(&files[0], Some(&r), &[]), Carries::Retired);
    assert_eq!(classify(&files[1], Some(&r), &[]), Carries::Active);
}

#[test]
fn after_a_reset_the_replaced_secret_is_retired_though_no_keychain_kept_it() {
    let old = handoff("lost", CarriedSecret::Active, 1);
    let r = record("new", &[], vec![old.clone()]);
    assert_eq!(classify(&old, Some(&r), &[]), Carries::Retired);
}

#[test]
fn a_discarded_ceremony_leaves_a_file_circle_never_accepted() {
    let never = handoff("refused", pending(), 1);
    let r = record("current", &[], vec![never.clone()]);
    assert_eq!(classify(&never, Some(&r), &[]), Carries::NeverAccepted);
    assert!(Carries::NeverAccepted.is_obsolete() && Carries::Retired.is_obsolete());
    assert!(!Carries::Active.is_obsolete() && !Carries::Pending.is_obsolete());
}

#[test]
fn the_files_of_one_app_include_those_waiting_for_its_record_in_time_order() {
    let on_record = handoff("a", CarriedSecret::Active, 5);
    let waiting_file = handoff("b", pending(), 3);
    let other_app = WaitingHandoff {
        environment: Environment::Test,
        app_id: "other".to_owned(),
        handoff: handoff("c", pending(), 1),
    };
    let waiting = vec![
        WaitingHandoff {
            environment: Environment::Test,
            app_id: APP.to_owned(),
            handoff: waiting_file.clone(),
        },
        other_app,
    ];
    let records = vec![record("a", &[], vec![on_record.clone()])];
    let files = handoff_files(
        Environment::Test,
        APP,
        &records,
        &waiting,
        &[unfinished("b")],
    );
    assert_eq!(
        files,
        vec![
            HandoffFile {
                handoff: waiting_file,
                carries: Carries::Pending
            },
            HandoffFile {
                handoff: on_record,
                carries: Carries::Active
            },
        ]
    );
    assert!(handoff_files(Environment::Live, APP, &records, &waiting, &[]).is_empty());
}
