//! The journal of unfinished ceremonies, for crash safety: like a hardware
//! wallet recording that a backup has started, a ceremony is written here
//! before its first irreversible step and removed when it ends, so the next
//! launch can say what was left half-done (a pending secret, an unsaved
//! recovery file) and where things are.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::json_file::{self, FORMAT_VERSION, RecordsError};
use super::log::CeremonyKind;
use crate::secret::Environment;

/// The journal file's name in the data folder.
pub const JOURNAL_FILE: &str = "journal.json";

/// How far an unfinished ceremony got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Stage {
    /// The new secret is being written to the keychain: recorded first, so
    /// a crash during the write is noticed too.
    StoringSecret,
    /// The new secret is in the keychain; nothing sent to Circle yet.
    SecretStored,
    /// The recovery file's destination was chosen and proven writable.
    DestinationChosen {
        /// Where the recovery file is to go.
        path: PathBuf,
    },
    /// The registration request was sent; its answer is not known yet.
    RegistrationSent,
    /// Circle accepted the secret.
    Registered {
        /// Whether the recovery file has been written and verified.
        recovery_saved: bool,
        /// Where it was written, if it was.
        recovery_path: Option<PathBuf>,
    },
}

/// An unfinished ceremony. Holds fingerprints and names, never a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InProgress {
    /// This ceremony's id.
    pub id: Uuid,
    /// Whether this is a rehearsal.
    pub rehearsal: bool,
    /// Which ceremony.
    pub ceremony: CeremonyKind,
    /// TEST or LIVE.
    pub environment: Environment,
    /// Circle's app id.
    pub app_id: String,
    /// Fingerprint of the secret being registered.
    pub secret_fingerprint: String,
    /// The keychain service the secret is under.
    pub keychain_service: String,
    /// The keychain account the secret is under.
    pub keychain_account: String,
    /// How far it got.
    pub stage: Stage,
    /// When it began.
    pub started_at: DateTime<Utc>,
    /// When the stage last changed.
    pub updated_at: DateTime<Utc>,
}

/// The file's shape on disk.
#[derive(Serialize, Deserialize)]
struct JournalFile {
    version: u32,
    unfinished: Vec<InProgress>,
}

/// The journal in a data folder.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    /// Serializes read-modify-write within this process.
    lock: Mutex<()>,
}

impl Journal {
    /// The journal in `dir` (created, owner-only, if missing).
    pub fn open(dir: PathBuf) -> Result<Self, RecordsError> {
        json_file::ensure_dir(&dir)?;
        Ok(Self {
            path: dir.join(JOURNAL_FILE),
            lock: Mutex::new(()),
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Record that `entry` has begun (replacing any entry with its id).
    pub fn begin(&self, entry: &InProgress) -> Result<(), RecordsError> {
        self.modify(|all| {
            all.retain(|e| e.id != entry.id);
            all.push(entry.clone());
            Ok(())
        })
    }

    /// Replace the journal's copy of `entry` (matched by id) with this one,
    /// typically with a new `stage` and `updated_at`. An id the journal does
    /// not hold is [`RecordsError::NotInJournal`]: the ceremony may have been
    /// finished elsewhere, and resurrecting it silently would mislead.
    pub fn update(&self, entry: &InProgress) -> Result<(), RecordsError> {
        self.modify(|all| {
            let slot = all
                .iter_mut()
                .find(|e| e.id == entry.id)
                .ok_or(RecordsError::NotInJournal { id: entry.id })?;
            *slot = entry.clone();
            Ok(())
        })
    }

    /// Ceremony `id` ended (either way). Finishing an unknown id is `Ok`, so
    /// finishing twice is harmless.
    pub fn finish(&self, id: Uuid) -> Result<(), RecordsError> {
        self.modify(|all| {
            all.retain(|e| e.id != id);
            Ok(())
        })
    }

    /// The ceremonies begun and not finished, oldest first.
    pub fn unfinished(&self) -> Result<Vec<InProgress>, RecordsError> {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        self.read()
    }

    fn read(&self) -> Result<Vec<InProgress>, RecordsError> {
        Ok(json_file::load::<JournalFile>(&self.path)?
            .map(|f| f.unfinished)
            .unwrap_or_default())
    }

    fn modify(
        &self,
        change: impl FnOnce(&mut Vec<InProgress>) -> Result<(), RecordsError>,
    ) -> Result<(), RecordsError> {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        let mut all = self.read()?;
        change(&mut all)?;
        json_file::save(
            &self.path,
            &JournalFile {
                version: FORMAT_VERSION,
                unfinished: all,
            },
        )
    }
}
