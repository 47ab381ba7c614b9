//! The app's own non-secret JSON files (records, journal): a version number,
//! atomic replacement under an operating-system file lock, and a damaged
//! file moved aside and reported — never silently emptied or overwritten.
//!
//! The lock is an advisory `flock` on a `<file>.lock` beside each file, held
//! for a whole read-modify-write: two processes on one data folder (the
//! window and the command line, or two windows) each see the other's
//! change, and no update is lost. Under the lock, temporary files of an
//! earlier writer that was killed half-way are removed.

use std::io;
use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::fsutil;
use crate::error::Explain;
use crate::text::records as text;

/// Why a records, ceremony-log or journal file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordsError {
    /// Reading or writing failed.
    #[error("{}", text::records_io(&.path.display().to_string(), .detail))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// The file did not parse; it was moved aside unchanged.
    #[error("{}", text::records_corrupt(&.path.display().to_string(), &.kept_at.display().to_string()))]
    Corrupt {
        /// Where the file was.
        path: PathBuf,
        /// Where the damaged file is kept now.
        kept_at: PathBuf,
    },
    /// The file was written by a newer version of the app; left untouched.
    #[error("{}", text::records_newer(&.path.display().to_string(), *.version))]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The format version found.
        version: u32,
    },
    /// A journal update named a ceremony the journal does not hold.
    #[error("{}", text::records_not_in_journal(&.id.to_string()))]
    NotInJournal {
        /// The ceremony id.
        id: uuid::Uuid,
    },
    /// Another unfinished ceremony already uses this keychain entry.
    #[error("{}", text::records_account_busy(.started, .account))]
    AccountBusy {
        /// The keychain account.
        account: String,
        /// When the other ceremony began, for a person.
        started: String,
    },
    /// There is no home folder to keep the app's data in.
    #[error("{}", text::RECORDS_NO_DATA_DIR)]
    NoDataDir,
}

impl Explain for RecordsError {
    fn next_step(&self) -> String {
        match self {
            Self::Io { .. } => text::RECORDS_IO_NEXT,
            Self::Corrupt { .. } => text::RECORDS_CORRUPT_NEXT,
            Self::NewerVersion { .. } => text::RECORDS_NEWER_NEXT,
            Self::NotInJournal { .. } => text::RECORDS_NOT_IN_JOURNAL_NEXT,
            Self::AccountBusy { .. } => text::RECORDS_ACCOUNT_BUSY_NEXT,
            Self::NoDataDir => text::RECORDS_NO_DATA_DIR_NEXT,
        }
        .to_owned()
    }
}

impl RecordsError {
    /// An IO error about `path`.
    pub(super) fn io(path: &Path, err: &io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            detail: err.to_string(),
        }
    }
}

/// The format version this build writes and understands. Version 1 files
/// (an earlier build) are read too: every field added since has a default.
pub(super) const FORMAT_VERSION: u32 = 2;

/// Only the version, read first so a newer file is told apart from a
/// damaged one.
#[derive(serde::Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Create the app's data folder (owner-only) if it is not there yet.
pub(super) fn ensure_dir(dir: &Path) -> Result<(), RecordsError> {
    fsutil::create_private_dir(dir).map_err(|e| RecordsError::io(dir, &e))
}

/// An exclusive lock on one of the app's files, released when dropped.
pub(super) struct FileLock {
    _file: std::fs::File,
}

/// Take the lock of `path` (waiting for another process that holds it),
/// then remove the temporary files a killed writer of `path` left behind:
/// under the lock, no live writer can own one.
pub(super) fn lock(path: &Path) -> Result<FileLock, RecordsError> {
    let lock_path = lock_path(path);
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options
        .open(&lock_path)
        .map_err(|e| RecordsError::io(&lock_path, &e))?;
    file.lock().map_err(|e| RecordsError::io(&lock_path, &e))?;
    remove_stale_temp_files(path);
    Ok(FileLock { _file: file })
}

/// `<file>.lock` beside `path`.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// Remove `.<file name>_<hex>.tmp` files beside `path`: what
/// [`save`] leaves when its process is killed between creating the
/// temporary file and renaming it. Best effort: a file that cannot be
/// removed now is tried again at the next write.
fn remove_stale_temp_files(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}_");
    let Ok(entries) = std::fs::read_dir(fsutil::parent_dir(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if file_name.starts_with(&prefix) && file_name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Read `path` as `T`. `Ok(None)` when there is no file. A file that does
/// not parse is moved aside and reported as [`RecordsError::Corrupt`].
/// Callers hold [`lock`].
pub(super) fn load<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, RecordsError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(RecordsError::io(path, &e)),
    };
    match serde_json::from_slice::<VersionOnly>(&bytes) {
        Ok(v) if v.version > FORMAT_VERSION => {
            return Err(RecordsError::NewerVersion {
                path: path.to_path_buf(),
                version: v.version,
            });
        }
        Ok(_) => {}
        Err(_) => return Err(keep_aside(path)),
    }
    match serde_json::from_slice::<T>(&bytes) {
        Ok(value) => Ok(Some(value)),
        Err(_) => Err(keep_aside(path)),
    }
}

/// Write `value` to `path` atomically (temp file, fsync, rename, 0600).
/// Callers hold [`lock`].
pub(super) fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), RecordsError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| RecordsError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    bytes.push(b'\n');
    fsutil::replace_atomically(path, &bytes).map_err(|e| RecordsError::io(path, &e))
}

/// Move a damaged file to `<name>.corrupt-<UTC timestamp>` (with a counter
/// if that is taken) by rename, so its bytes stay exactly as they were.
fn keep_aside(path: &Path) -> RecordsError {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    let dir = fsutil::parent_dir(path);
    for n in 0..1000u32 {
        let candidate = if n == 0 {
            dir.join(format!("{name}.corrupt-{stamp}"))
        } else {
            dir.join(format!("{name}.corrupt-{stamp}-{n}"))
        };
        // A hard link refuses an existing target, so no earlier kept copy is
        // ever replaced; where links are unsupported, check before renaming.
        let moved = match std::fs::hard_link(path, &candidate) {
            Ok(()) => std::fs::remove_file(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) if !candidate.exists() => std::fs::rename(path, &candidate),
            Err(_) => continue,
        };
        return match moved {
            Ok(()) => {
                // Best effort: the damaged file is already kept under its new
                // name, which is what the person is told; a failed directory
                // fsync here cannot lose its bytes, only the rename.
                let _ = fsutil::sync_dir(&dir);
                RecordsError::Corrupt {
                    path: path.to_path_buf(),
                    kept_at: candidate,
                }
            }
            Err(e) => RecordsError::Io {
                path: path.to_path_buf(),
                detail: text::records_move_aside_failed(&e.to_string()),
            },
        };
    }
    RecordsError::Io {
        path: path.to_path_buf(),
        detail: text::RECORDS_TOO_MANY_DAMAGED.to_owned(),
    }
}
