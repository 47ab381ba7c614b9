//! What this machine has registered: one non-secret record per Circle app
//! (environment and app id), with fingerprints, dates and where things are.

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::handoffs::{HandoffKept, HandoffRecord, WaitingHandoff, merge_handoffs};
use super::json_file::{self, FORMAT_VERSION, RecordsError};
use super::log::CeremonyKind;
use crate::secret::Environment;

pub use crate::policy::{DUE_SOON_DAYS, ROTATION_PERIOD_DAYS};

/// The records file's name in the data folder.
pub const RECORDS_FILE: &str = "registrations.json";

/// The rotation date for a secret registered at `registered_at`.
pub fn rotate_by(registered_at: DateTime<Utc>) -> DateTime<Utc> {
    registered_at + Duration::days(ROTATION_PERIOD_DAYS)
}

/// One registration this machine knows about. Holds fingerprints (SHA-256
/// prefixes), never a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationRecord {
    /// Whether this was a rehearsal against the simulated Circle.
    pub rehearsal: bool,
    /// TEST or LIVE.
    pub environment: Environment,
    /// Circle's app id (from `GET /v1/w3s/config/entity`).
    pub app_id: String,
    /// [`crate::secret::EntitySecret::fingerprint`] of the registered secret.
    pub secret_fingerprint: String,
    /// Fingerprint of Circle's public key at the last ceremony.
    pub public_key_fingerprint: String,
    /// When Circle accepted the secret now registered (by registration,
    /// rotation or reset).
    pub registered_at: DateTime<Utc>,
    /// When the secret should be rotated ([`rotate_by`]).
    pub rotate_by: DateTime<Utc>,
    /// SHA-256 of the recovery file, when one was saved (or its SHA-256 was
    /// recorded by hand where it never reached this computer).
    pub recovery_sha256: Option<String>,
    /// Where the recovery file was saved, when it was.
    pub recovery_path: Option<PathBuf>,
    /// The keychain service the secret is under.
    pub keychain_service: String,
    /// The keychain account the secret is under.
    pub keychain_account: String,
    /// A problem with the recovery file that stays shown until the person
    /// resolves it (by a rotation, which issues a new one).
    #[serde(default)]
    pub recovery_warning: Option<RecoveryWarning>,
    /// The ceremony that registered the current secret (records of format 1
    /// have none: it was a registration).
    #[serde(default)]
    pub ceremony: Option<CeremonyKind>,
    /// Earlier secrets of this app kept in the keychain after a rotation
    /// until the person deletes them, newest last.
    #[serde(default)]
    pub retired: Vec<RetiredSecret>,
    /// The last time the secret was proved to work with Circle.
    #[serde(default)]
    pub last_check: Option<CheckRecord>,
    /// Every handoff file made of this app's secrets (the active one, a
    /// pending one, and those since retired), oldest first. Kept across
    /// rotations and resets: [`Records::upsert`] never drops one.
    #[serde(default)]
    pub handoffs: Vec<HandoffRecord>,
}

/// A call that needed the entity secret, and what Circle said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Whether Circle accepted the secret.
    pub accepted: bool,
    /// The wallet set it created, when it did.
    pub wallet_set_id: Option<String>,
    /// Circle's request id.
    pub request_id: Option<String>,
}

/// Something wrong with the recovery file of a registration, kept on its
/// record until resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecoveryWarning {
    /// Circle's answer was saved as it came, under a name marked UNVERIFIED:
    /// it held no recovery file in the documented shape.
    Unverified {
        /// Why it is unverified.
        reason: UnverifiedReason,
    },
    /// Circle accepted the secret, but no recovery file was ever saved.
    NotSaved,
    /// The recovery file never came to this computer; the person recorded
    /// where it is.
    KeptElsewhere {
        /// Where the person said it is.
        place: String,
    },
}

/// Why a saved answer is not a verified recovery file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnverifiedReason {
    /// The recovery file was not standard base64.
    NotBase64,
    /// The answer had no recovery file at all.
    Missing,
}

/// A secret that was replaced by a rotation and kept in the keychain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetiredSecret {
    /// Its fingerprint.
    pub fingerprint: String,
    /// The keychain account it is kept under.
    pub keychain_account: String,
    /// When it stopped being the registered secret.
    pub retired_at: DateTime<Utc>,
}

/// How close a registration is to its rotation date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotationStatus {
    /// More than [`DUE_SOON_DAYS`] days left.
    Ok {
        /// Days left, counting a started day as a day.
        days_left: i64,
    },
    /// The rotation date is at most [`DUE_SOON_DAYS`] days away.
    DueSoon {
        /// Days left, counting a started day as a day (0 only at the very
        /// moment of the rotation date).
        days_left: i64,
    },
    /// The rotation date has passed.
    Overdue {
        /// Whole days since the rotation date (0 during the first day).
        days: i64,
    },
}

/// Where `record` stands at `now`.
///
/// "Days left" rounds up (one hour before the date is "1 day left"), so
/// [`RotationStatus::DueSoon`] starts exactly [`DUE_SOON_DAYS`] × 24 hours
/// before the rotation date and never shows the same count as
/// [`RotationStatus::Ok`]. Overdue days round down.
pub fn rotation_status(record: &RegistrationRecord, now: DateTime<Utc>) -> RotationStatus {
    let left = record.rotate_by - now;
    if left < Duration::zero() {
        return RotationStatus::Overdue {
            days: (-left).num_days(),
        };
    }
    let whole = left.num_days();
    let days_left = if left > Duration::days(whole) {
        whole + 1
    } else {
        whole
    };
    if days_left <= DUE_SOON_DAYS {
        RotationStatus::DueSoon { days_left }
    } else {
        RotationStatus::Ok { days_left }
    }
}

/// The file's shape on disk.
#[derive(Serialize, Deserialize)]
struct RecordsFile {
    version: u32,
    registrations: Vec<RegistrationRecord>,
    /// Handoffs of apps with no record yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    waiting_handoffs: Vec<WaitingHandoff>,
}

/// The registrations file in a data folder.
#[derive(Debug, Clone)]
pub struct Records {
    path: PathBuf,
}

impl Records {
    /// The records in `dir` (created, owner-only, if missing). Pass
    /// [`super::default_data_dir`], or its [`super::rehearsal_dir`] in
    /// rehearsal mode.
    pub fn open(dir: PathBuf) -> Result<Self, RecordsError> {
        json_file::ensure_dir(&dir)?;
        Ok(Self {
            path: dir.join(RECORDS_FILE),
        })
    }

    /// The file's path.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Every registration, in the order first recorded. A damaged file is
    /// moved aside and reported as [`RecordsError::Corrupt`].
    pub fn list(&self) -> Result<Vec<RegistrationRecord>, RecordsError> {
        let _held = json_file::lock(&self.path)?;
        self.read()
    }

    /// The record of one Circle app, if there is one.
    pub fn find(
        &self,
        environment: Environment,
        app_id: &str,
    ) -> Result<Option<RegistrationRecord>, RecordsError> {
        Ok(self
            .list()?
            .into_iter()
            .find(|r| r.environment == environment && r.app_id == app_id))
    }

    /// Add `record`, or replace the one with the same environment and app id.
    ///
    /// Handoffs are a history only ever added to, and a ceremony writes a
    /// record built from the one it read when it began: so the handoffs on
    /// disk (made meanwhile, or waiting for this app's first record) are
    /// kept, and the record's own are added to them.
    pub fn upsert(&self, record: &RegistrationRecord) -> Result<(), RecordsError> {
        self.modify_file(|file| {
            let same = |environment: Environment, app_id: &str| {
                environment == record.environment && app_id == record.app_id
            };
            let mut handoffs = Vec::new();
            if let Some(existing) = file
                .registrations
                .iter()
                .find(|r| same(r.environment, &r.app_id))
            {
                handoffs = existing.handoffs.clone();
            }
            let (adopted, waiting): (Vec<WaitingHandoff>, Vec<WaitingHandoff>) = file
                .waiting_handoffs
                .drain(..)
                .partition(|w| same(w.environment, &w.app_id));
            file.waiting_handoffs = waiting;
            merge_handoffs(
                &mut handoffs,
                adopted.into_iter().map(|w| w.handoff).collect(),
            );
            merge_handoffs(&mut handoffs, record.handoffs.clone());
            let mut record = record.clone();
            record.handoffs = handoffs;
            match file
                .registrations
                .iter_mut()
                .find(|r| same(r.environment, &r.app_id))
            {
                Some(existing) => *existing = record,
                None => file.registrations.push(record),
            }
        })
    }

    /// Record a handoff of an app's secret: on its record, or, when the app
    /// has none yet, beside the records until [`Self::upsert`] writes one.
    pub fn add_handoff(
        &self,
        environment: Environment,
        app_id: &str,
        handoff: HandoffRecord,
    ) -> Result<HandoffKept, RecordsError> {
        let mut kept = HandoffKept::Waiting;
        self.modify_file(|file| {
            match file
                .registrations
                .iter_mut()
                .find(|r| r.environment == environment && r.app_id == app_id)
            {
                Some(record) => {
                    merge_handoffs(&mut record.handoffs, vec![handoff]);
                    kept = HandoffKept::OnRecord;
                }
                None => file.waiting_handoffs.push(WaitingHandoff {
                    environment,
                    app_id: app_id.to_owned(),
                    handoff,
                }),
            }
        })?;
        Ok(kept)
    }

    /// The handoffs of apps that have no record yet.
    pub fn waiting_handoffs(&self) -> Result<Vec<WaitingHandoff>, RecordsError> {
        let _held = json_file::lock(&self.path)?;
        Ok(self.read_file()?.waiting_handoffs)
    }

    /// Change the record of one Circle app in place, under the lock; `Ok(false)`
    /// when there is no such record.
    pub fn update(
        &self,
        environment: Environment,
        app_id: &str,
        change: impl FnOnce(&mut RegistrationRecord),
    ) -> Result<bool, RecordsError> {
        let mut found = false;
        self.modify(|all| {
            if let Some(record) = all
                .iter_mut()
                .find(|r| r.environment == environment && r.app_id == app_id)
            {
                change(record);
                found = true;
            }
        })?;
        Ok(found)
    }

    fn modify(
        &self,
        change: impl FnOnce(&mut Vec<RegistrationRecord>),
    ) -> Result<(), RecordsError> {
        self.modify_file(|file| change(&mut file.registrations))
    }

    fn modify_file(&self, change: impl FnOnce(&mut RecordsFile)) -> Result<(), RecordsError> {
        let _held = json_file::lock(&self.path)?;
        let mut file = self.read_file()?;
        change(&mut file);
        file.version = FORMAT_VERSION;
        json_file::save(&self.path, &file)
    }

    fn read(&self) -> Result<Vec<RegistrationRecord>, RecordsError> {
        Ok(self.read_file()?.registrations)
    }

    fn read_file(&self) -> Result<RecordsFile, RecordsError> {
        Ok(
            json_file::load::<RecordsFile>(&self.path)?.unwrap_or(RecordsFile {
                version: FORMAT_VERSION,
                registrations: Vec::new(),
                waiting_handoffs: Vec::new(),
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn record(app: &str, registered_at: DateTime<Utc>) -> RegistrationRecord {
        RegistrationRecord {
            rehearsal: false,
            environment: Environment::Test,
            app_id: app.to_owned(),
            secret_fingerprint: "0011223344556677".into(),
            public_key_fingerprint: "ab".repeat(32),
            registered_at,
            rotate_by: rotate_by(registered_at),
            recovery_sha256: None,
            recovery_path: None,
            keychain_service: super::super::SERVICE.into(),
            keychain_account: format!("test:{app}"),
            recovery_warning: None,
            ceremony: None,
            retired: Vec::new(),
            last_check: None,
            handoffs: Vec::new(),
        }
    }

    fn handoff(n: u128, fingerprint: &str) -> HandoffRecord {
        HandoffRecord {
            id: uuid::Uuid::from_u128(n),
            at: Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
            secret_fingerprint: fingerprint.to_owned(),
            carried: super::super::CarriedSecret::Active,
            path: PathBuf::from(format!("/srv/{n}.age")),
            sha256: "cd".repeat(32),
            armored: true,
            recipients: Vec::new(),
        }
    }

    #[test]
    fn a_record_written_from_an_older_copy_keeps_the_handoffs_made_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let records = Records::open(dir.path().to_path_buf()).unwrap();
        let t = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
        let read_by_a_ceremony = record("a", t);
        records.upsert(&read_by_a_ceremony).unwrap();
        let kept = records
            .add_handoff(Environment::Test, "a", handoff(1, "0011223344556677"))
            .unwrap();
        assert_eq!(kept, HandoffKept::OnRecord);
        // The ceremony finishes with the record it read before the handoff.
        let mut rotated = read_by_a_ceremony.clone();
        rotated.secret_fingerprint = "8899aabbccddeeff".into();
        rotated.handoffs.push(handoff(2, "8899aabbccddeeff"));
        records.upsert(&rotated).unwrap();
        let ids: Vec<u128> = records.list().unwrap()[0]
            .handoffs
            .iter()
            .map(|h| h.id.as_u128())
            .collect();
        assert_eq!(ids, [1, 2]);
    }

    #[test]
    fn a_handoff_of_an_app_with_no_record_waits_for_its_first_record() {
        let dir = tempfile::tempdir().unwrap();
        let records = Records::open(dir.path().to_path_buf()).unwrap();
        let t = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
        records.upsert(&record("other", t)).unwrap();
        let kept = records
            .add_handoff(Environment::Test, "a", handoff(7, "0011223344556677"))
            .unwrap();
        assert_eq!(kept, HandoffKept::Waiting);
        assert_eq!(records.waiting_handoffs().unwrap().len(), 1);
        assert!(records.list().unwrap()[0].handoffs.is_empty());
        // Another environment's record of the same id does not take it.
        let mut live = record("a", t);
        live.environment = Environment::Live;
        records.upsert(&live).unwrap();
        assert_eq!(records.waiting_handoffs().unwrap().len(), 1);
        records.upsert(&record("a", t)).unwrap();
        assert!(records.waiting_handoffs().unwrap().is_empty());
        let a = records.find(Environment::Test, "a").unwrap().unwrap();
        assert_eq!(a.handoffs, vec![handoff(7, "0011223344556677")]);
        // Nothing of it is written when there is nothing waiting.
        let text = std::fs::read_to_string(records.path()).unwrap();
        assert!(!text.contains("waiting_handoffs"), "{text}");
    }

    #[test]
    fn rotate_by_is_180_days_later() {
        let t = Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap();
        assert_eq!(
            rotate_by(t),
            Utc.with_ymd_and_hms(2025, 6, 30, 12, 0, 0).unwrap()
        );
    }

    #[test]
    fn upsert_is_keyed_by_environment_and_app() {
        let dir = tempfile::tempdir().unwrap();
        let records = Records::open(dir.path().to_path_buf()).unwrap();
        let t = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
        records.upsert(&record("a", t)).unwrap();
        let mut live = record("a", t);
        live.environment = Environment::Live;
        records.upsert(&live).unwrap();
        let mut again = record("a", t);
        again.secret_fingerprint = "ffffffffffffffff".into();
        records.upsert(&again).unwrap();
        let all = records.list().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0], again);
        assert_eq!(all[1].environment, Environment::Live);
    }
}
