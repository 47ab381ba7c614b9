//! What this machine has registered: one non-secret record per Circle app
//! (environment and app id), with fingerprints, dates and where things are.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::json_file::{self, FORMAT_VERSION, RecordsError};
use crate::secret::Environment;

/// Days from registration (or rotation) to the next rotation.
pub const ROTATION_PERIOD_DAYS: i64 = 180;

/// Days before the rotation date from which it is shown as due soon.
pub const DUE_SOON_DAYS: i64 = 14;

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
    /// Fingerprint of Circle's public key at registration.
    pub public_key_fingerprint: String,
    /// When Circle accepted the secret.
    pub registered_at: DateTime<Utc>,
    /// When the secret should be rotated ([`rotate_by`]).
    pub rotate_by: DateTime<Utc>,
    /// SHA-256 of the recovery file, when one was saved.
    pub recovery_sha256: Option<String>,
    /// Where the recovery file was saved, when it was.
    pub recovery_path: Option<PathBuf>,
    /// The keychain service the secret is under.
    pub keychain_service: String,
    /// The keychain account the secret is under.
    pub keychain_account: String,
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
}

/// The registrations file in a data folder.
#[derive(Debug)]
pub struct Records {
    path: PathBuf,
    /// Serializes read-modify-write within this process; a second process
    /// (the CLI beside the GUI) can still race, and the atomic rename keeps
    /// the file whole in that case, the last writer winning.
    lock: Mutex<()>,
}

impl Records {
    /// The records in `dir` (created, owner-only, if missing). Pass
    /// [`super::default_data_dir`], or its [`super::rehearsal_dir`] in
    /// rehearsal mode.
    pub fn open(dir: PathBuf) -> Result<Self, RecordsError> {
        json_file::ensure_dir(&dir)?;
        Ok(Self {
            path: dir.join(RECORDS_FILE),
            lock: Mutex::new(()),
        })
    }

    /// The file's path.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Every registration, in the order first recorded. A damaged file is
    /// moved aside and reported as [`RecordsError::Corrupt`].
    pub fn list(&self) -> Result<Vec<RegistrationRecord>, RecordsError> {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        self.read()
    }

    /// Add `record`, or replace the one with the same environment and app id.
    pub fn upsert(&self, record: &RegistrationRecord) -> Result<(), RecordsError> {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        let mut all = self.read()?;
        match all
            .iter_mut()
            .find(|r| r.environment == record.environment && r.app_id == record.app_id)
        {
            Some(existing) => *existing = record.clone(),
            None => all.push(record.clone()),
        }
        json_file::save(
            &self.path,
            &RecordsFile {
                version: FORMAT_VERSION,
                registrations: all,
            },
        )
    }

    fn read(&self) -> Result<Vec<RegistrationRecord>, RecordsError> {
        Ok(json_file::load::<RecordsFile>(&self.path)?
            .map(|f| f.registrations)
            .unwrap_or_default())
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
        }
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
