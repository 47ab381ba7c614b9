//! The journal of unfinished ceremonies, for crash safety: like a hardware
//! wallet recording that a backup has started, a ceremony is written here
//! before its first irreversible step, each fact is added as it happens, and
//! the entry is removed when the ceremony ends. The next launch reads it to
//! say exactly what was left half-done and what to do about it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::json_file::{self, FORMAT_VERSION, RecordsError};
use super::log::CeremonyKind;
use super::records::UnverifiedReason;
use crate::secret::Environment;

/// The journal file's name in the data folder.
pub const JOURNAL_FILE: &str = "journal.json";

/// How far an unfinished ceremony got with Circle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Stage {
    /// The new secret is being written to the keychain: recorded first, so
    /// a crash during the write is noticed too.
    StoringSecret,
    /// The new secret is in the keychain; nothing sent to Circle and nothing
    /// shown for Console yet.
    SecretStored,
    /// The recovery file's destination was chosen and proven writable.
    DestinationChosen {
        /// Where the recovery file is to go.
        path: PathBuf,
    },
    /// The registration request was sent; its answer is not known yet.
    RegistrationSent,
    /// A ciphertext of the new secret was shown for Circle Console, which
    /// may accept it at any moment: only the person knows whether it did.
    CiphertextShown,
    /// Circle (or Console) accepted the new secret. What is still to do is
    /// in the entry's other fields.
    Registered,
    /// The person said Circle Console refused the new secret (or that they
    /// gave up): it waits in the keychain to be discarded.
    ConsoleRefused,
    /// Circle answered that the account already has an entity secret. The
    /// new secret stays in the keychain until the person discards it.
    AlreadyRegistered {
        /// An earlier attempt got no clear answer, so the secret Circle
        /// holds may be this one.
        possibly_this_secret: bool,
    },
}

impl Stage {
    /// Whether nothing of the new secret has left this computer yet.
    pub fn is_before_sending(&self) -> bool {
        matches!(
            self,
            Self::StoringSecret | Self::SecretStored | Self::DestinationChosen { .. }
        )
    }

    /// Whether Circle may hold the secret at this stage.
    pub fn may_be_registered(&self) -> bool {
        match self {
            Self::RegistrationSent | Self::CiphertextShown | Self::Registered => true,
            Self::AlreadyRegistered {
                possibly_this_secret,
            } => *possibly_this_secret,
            Self::StoringSecret
            | Self::SecretStored
            | Self::DestinationChosen { .. }
            | Self::ConsoleRefused => false,
        }
    }
}

/// How far the recovery file of an accepted secret got.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RecoveryProgress {
    /// Nothing received (yet).
    #[default]
    None,
    /// Received and held in memory only: lost if the process stops.
    Held {
        /// SHA-256 of the content.
        sha256: String,
        /// Why the content is not a verified recovery file, if it is not.
        #[serde(default)]
        unverified: Option<UnverifiedReason>,
    },
    /// Being written: the complete content is in `temp` (a hidden file
    /// beside `target`) until it is linked into place.
    Writing {
        /// The hidden temporary file.
        temp: PathBuf,
        /// Where it is going.
        target: PathBuf,
        /// SHA-256 of the content.
        sha256: String,
        /// Why the content is not a verified recovery file, if it is not.
        #[serde(default)]
        unverified: Option<UnverifiedReason>,
    },
    /// Written, read back and compared.
    Saved {
        /// Where it is.
        path: PathBuf,
        /// SHA-256 of what is there.
        sha256: String,
        /// Why the content is not a verified recovery file (and was saved
        /// under an UNVERIFIED name), if it is not.
        #[serde(default)]
        unverified: Option<UnverifiedReason>,
    },
    /// It never came to this computer; the person said where it is.
    Elsewhere {
        /// Where, in the person's words.
        place: String,
        /// Its SHA-256, when the person gave it.
        sha256: Option<String>,
    },
}

/// A secret a rotation moves aside once the new one is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retirement {
    /// Where the current secret is now.
    pub from_account: String,
    /// Where it is kept once retired.
    pub to_account: String,
    /// Its fingerprint.
    pub fingerprint: String,
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
    /// Fingerprint of the new secret.
    pub secret_fingerprint: String,
    /// The keychain service the secret is under.
    pub keychain_service: String,
    /// The keychain account the new secret is under now (a pending account
    /// until Circle accepts it).
    pub keychain_account: String,
    /// How far it got.
    pub stage: Stage,
    /// When it began.
    pub started_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// The account the new secret moves to once accepted; `None` when it is
    /// already there (journals of format 1).
    #[serde(default)]
    pub promote_to: Option<String>,
    /// The current secret a rotation retires once the new one is accepted.
    #[serde(default)]
    pub retire: Option<Retirement>,
    /// The recovery file of the accepted secret.
    #[serde(default)]
    pub recovery: RecoveryProgress,
    /// The new secret was moved to its active account (and the old one
    /// retired).
    #[serde(default)]
    pub promoted: bool,
    /// The registration record was written.
    #[serde(default)]
    pub record_written: bool,
    /// Where the recovery file saved at the last ceremony was, for a reset
    /// (the person uploads it in Console); copied from the record at start.
    #[serde(default)]
    pub previous_recovery: Option<PathBuf>,
    /// Fingerprint of Circle's public key the new secret was encrypted
    /// with, once known (for the record written after a stop).
    #[serde(default)]
    pub public_key_fingerprint: Option<String>,
    /// When Circle (or Console) accepted the new secret: the registration
    /// date of its record, however late the record is written.
    #[serde(default)]
    pub accepted_at: Option<DateTime<Utc>>,
}

impl InProgress {
    /// The account the secret ends up under once everything is done.
    pub fn final_account(&self) -> &str {
        self.promote_to.as_deref().unwrap_or(&self.keychain_account)
    }

    /// Whether Circle may hold the new secret: from the moment it was sent
    /// or shown for Console on.
    pub fn may_be_registered(&self) -> bool {
        self.stage.may_be_registered()
    }
}

/// The file's shape on disk.
#[derive(Serialize, Deserialize)]
struct JournalFile {
    version: u32,
    unfinished: Vec<InProgress>,
}

/// The journal in a data folder. Every change is a read-modify-write under
/// an operating-system file lock, so two processes never lose each other's
/// entries.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
}

impl Journal {
    /// The journal in `dir` (created, owner-only, if missing).
    pub fn open(dir: PathBuf) -> Result<Self, RecordsError> {
        json_file::ensure_dir(&dir)?;
        Ok(Self {
            path: dir.join(JOURNAL_FILE),
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Record that `entry` has begun. Beginning the same id again replaces
    /// it (a retried step). Refused with [`RecordsError::AccountBusy`] when
    /// another unfinished ceremony already uses the same keychain entry: a
    /// second entry would leave the first one orphaned.
    pub fn begin(&self, entry: &InProgress) -> Result<(), RecordsError> {
        self.modify(|all| {
            if let Some(other) = all.iter().find(|e| {
                e.id != entry.id
                    && e.keychain_service == entry.keychain_service
                    && (e.keychain_account == entry.keychain_account
                        || e.final_account() == entry.final_account())
            }) {
                return Err(RecordsError::AccountBusy {
                    account: entry.keychain_account.clone(),
                    started: other.started_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                });
            }
            all.retain(|e| e.id != entry.id);
            all.push(entry.clone());
            Ok(())
        })
    }

    /// Replace the journal's copy of `entry` (matched by id) with this one.
    /// An id the journal does not hold is [`RecordsError::NotInJournal`]:
    /// the ceremony may have been finished elsewhere, and resurrecting it
    /// silently would mislead.
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
        let _held = json_file::lock(&self.path)?;
        self.read()
    }

    /// One unfinished ceremony by id.
    pub fn get(&self, id: Uuid) -> Result<Option<InProgress>, RecordsError> {
        Ok(self.unfinished()?.into_iter().find(|e| e.id == id))
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
        let _held = json_file::lock(&self.path)?;
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(account: &str) -> InProgress {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        InProgress {
            id: Uuid::new_v4(),
            rehearsal: false,
            ceremony: CeremonyKind::Onboarding,
            environment: Environment::Test,
            app_id: "app".into(),
            secret_fingerprint: "0011223344556677".into(),
            keychain_service: "svc".into(),
            keychain_account: account.into(),
            stage: Stage::StoringSecret,
            started_at: t,
            updated_at: t,
            promote_to: None,
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
    fn a_second_ceremony_on_the_same_account_is_refused_and_a_retry_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path().to_path_buf()).unwrap();
        let first = entry("test:app:pending");
        journal.begin(&first).unwrap();
        // The same ceremony retrying its step: one entry, not two.
        journal.begin(&first).unwrap();
        assert_eq!(journal.unfinished().unwrap().len(), 1);
        let second = entry("test:app:pending");
        assert!(matches!(
            journal.begin(&second),
            Err(RecordsError::AccountBusy { .. })
        ));
        assert_eq!(journal.unfinished().unwrap(), vec![first.clone()]);
        // Another account is fine.
        journal.begin(&entry("test:other:pending")).unwrap();
        assert_eq!(journal.unfinished().unwrap().len(), 2);
        journal.finish(first.id).unwrap();
        journal.begin(&second).unwrap();
    }

    #[test]
    fn a_format_1_journal_is_read_with_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path().to_path_buf()).unwrap();
        std::fs::write(
            journal.path(),
            r#"{"version":1,"unfinished":[{"id":"6f1c2b4e-8a59-4a43-9d53-2d2f4f7e1c11","rehearsal":false,"ceremony":"onboarding","environment":"test","app_id":"a","secret_fingerprint":"00","keychain_service":"s","keychain_account":"test:a","stage":{"kind":"secret_stored"},"started_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}]}"#,
        )
        .unwrap();
        let all = journal.unfinished().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].final_account(), "test:a");
        assert_eq!(all[0].recovery, RecoveryProgress::None);
    }

    #[test]
    fn temporary_files_of_a_killed_writer_are_removed_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path().to_path_buf()).unwrap();
        let stale = dir.path().join(".journal.json_0123456789abcdef.tmp");
        std::fs::write(&stale, b"{half").unwrap();
        let unrelated = dir.path().join(".recovery_file_0123.tmp");
        std::fs::write(&unrelated, b"keep").unwrap();
        journal.begin(&entry("test:app")).unwrap();
        assert!(!stale.exists());
        assert!(unrelated.exists(), "only the journal's own temporary files");
    }
}
