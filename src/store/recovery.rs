//! Writing the recovery file: the only way to reset a lost entity secret,
//! downloadable once. Created new (never over an existing file), owner-only,
//! fsynced, moved into place without clobbering, read back and compared.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use super::fsutil::{self, RemoveOnDrop};
use crate::error::Explain;
use crate::secret::{RecoveryFile, sha256_hex};
use crate::text::recovery as text;

/// The suggested file name for a recovery file saved at `now`:
/// `recovery_file_<yyyymmdd-hhmmss>.dat`, in UTC.
pub fn default_file_name(now: DateTime<Utc>) -> String {
    format!("recovery_file_{}.dat", now.format("%Y%m%d-%H%M%S"))
}

/// A recovery file safely on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenRecovery {
    /// Where it is.
    pub path: PathBuf,
    /// Lowercase hex SHA-256 of its bytes, as read back from disk.
    pub sha256: String,
}

/// Why the recovery file could not be written. In every case the content is
/// still in memory and the person is asked to choose another place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecoveryWriteError {
    /// Something is already at the target path; it was left untouched.
    #[error("{}", text::recovery_exists(&.path.display().to_string()))]
    ExistsAlready {
        /// The target path.
        path: PathBuf,
    },
    /// The target's folder does not exist (or is not a folder).
    #[error("{}", text::recovery_dir_missing(&.dir.display().to_string()))]
    DirectoryMissing {
        /// The folder.
        dir: PathBuf,
    },
    /// Writing there is not allowed (permissions, a read-only drive).
    #[error("{}", text::recovery_permission(&.path.display().to_string()))]
    PermissionDenied {
        /// The target path.
        path: PathBuf,
    },
    /// No space left (or over quota).
    #[error("{}", text::recovery_disk_full(&.path.display().to_string()))]
    DiskFull {
        /// The target path.
        path: PathBuf,
    },
    /// The file read back from disk differs from what was written; it was
    /// removed.
    #[error("{}", text::recovery_mismatch(&.path.display().to_string()))]
    ReadBackMismatch {
        /// The target path.
        path: PathBuf,
    },
    /// Any other failure.
    #[error("{}", text::recovery_io(&.path.display().to_string(), .detail))]
    Io {
        /// The target path.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
}

impl RecoveryWriteError {
    /// What to do about this failure in particular, without the general
    /// advice (which depends on whether anything was received yet).
    pub fn hint(&self) -> &'static str {
        match self {
            Self::ExistsAlready { .. } => text::RECOVERY_EXISTS_HINT,
            Self::DirectoryMissing { .. } => text::RECOVERY_DIR_MISSING_HINT,
            Self::PermissionDenied { .. } => text::RECOVERY_PERMISSION_HINT,
            Self::DiskFull { .. } => text::RECOVERY_DISK_FULL_HINT,
            Self::ReadBackMismatch { .. } => text::RECOVERY_MISMATCH_HINT,
            Self::Io { .. } => text::RECOVERY_IO_HINT,
        }
    }
}

impl Explain for RecoveryWriteError {
    /// Advice for a write after registration: the content is held.
    fn next_step(&self) -> String {
        format!(
            "{} {} {}",
            self.hint(),
            text::RECOVERY_CONTENT_HELD,
            text::RECOVERY_CHOOSE_ANOTHER
        )
    }
}

/// Map an IO error while working on `path` (in `dir`).
fn classify(err: &io::Error, path: &Path, dir: &Path) -> RecoveryWriteError {
    use io::ErrorKind as K;
    match err.kind() {
        K::AlreadyExists => RecoveryWriteError::ExistsAlready {
            path: path.to_path_buf(),
        },
        K::NotFound | K::NotADirectory => RecoveryWriteError::DirectoryMissing {
            dir: dir.to_path_buf(),
        },
        K::PermissionDenied | K::ReadOnlyFilesystem => RecoveryWriteError::PermissionDenied {
            path: path.to_path_buf(),
        },
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => RecoveryWriteError::DiskFull {
            path: path.to_path_buf(),
        },
        _ => RecoveryWriteError::Io {
            path: path.to_path_buf(),
            detail: err.to_string(),
        },
    }
}

/// The target must not exist and its folder must; returns the folder.
fn check_target(path: &Path) -> Result<PathBuf, RecoveryWriteError> {
    let dir = fsutil::parent_dir(path);
    // symlink_metadata: a dangling symlink at the target counts as
    // "exists", since creating through it would write somewhere else.
    match fs::symlink_metadata(path) {
        Ok(_) => {
            return Err(RecoveryWriteError::ExistsAlready {
                path: path.to_path_buf(),
            });
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(classify(&e, path, &dir)),
    }
    match fs::metadata(&dir) {
        Ok(m) if m.is_dir() => Ok(dir),
        Ok(_) => Err(RecoveryWriteError::DirectoryMissing { dir }),
        Err(e) => Err(classify(&e, path, &dir)),
    }
}

/// How much a probe writes: one block, enough to notice a full disk.
const PROBE_BYTES: usize = 4096;

/// Prove that a recovery file could be written at `path`, before anything
/// irreversible happens: the target does not exist, its folder does, and a
/// probe file can be created new, written, synced and removed there.
pub fn prove_writable(path: &Path) -> Result<(), RecoveryWriteError> {
    let dir = check_target(path)?;
    let probe = fsutil::temp_path(&dir, "recovery_file_probe");
    let mut guard = RemoveOnDrop::new(probe.clone());
    let mut file = fsutil::create_new_private(&probe).map_err(|e| classify(&e, path, &dir))?;
    file.write_all(&[0u8; PROBE_BYTES])
        .and_then(|()| file.sync_all())
        .map_err(|e| classify(&e, path, &dir))?;
    drop(file);
    fs::remove_file(&probe).map_err(|e| classify(&e, path, &dir))?;
    guard.disarm();
    Ok(())
}

/// A write of the recovery file, planned before it starts: the hidden
/// temporary file's name is known (and can be journaled) before a byte is
/// written, so a process killed half-way leaves a file the next launch can
/// find and finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedWrite {
    /// Where the file is going.
    pub target: PathBuf,
    /// The hidden file in the same folder that holds the content until it is
    /// linked into place.
    pub temp: PathBuf,
}

/// Plan a write to `path`: the target must not exist and its folder must.
pub fn plan_write(path: &Path) -> Result<PlannedWrite, RecoveryWriteError> {
    plan_write_as(path, "recovery_file")
}

/// Plan a write of another private file (a handoff file) with the same
/// guarantees, its hidden temporary file named after `stem`.
pub fn plan_write_as(path: &Path, stem: &str) -> Result<PlannedWrite, RecoveryWriteError> {
    let dir = check_target(path)?;
    Ok(PlannedWrite {
        target: path.to_path_buf(),
        temp: fsutil::temp_path(&dir, stem),
    })
}

/// Write `file` to `path`, which must not exist ([`plan_write`], then
/// [`write_planned`]).
pub fn write_recovery_file(
    path: &Path,
    file: &RecoveryFile,
) -> Result<WrittenRecovery, RecoveryWriteError> {
    write_planned(&plan_write(path)?, file)
}

/// Carry out a planned write.
///
/// Exclusive create of the hidden temp file (mode 0600 on unix), the exact
/// bytes, fsync, then into place without ever replacing an existing file,
/// fsync of the folder, and a read-back whose SHA-256 must match
/// [`RecoveryFile::sha256`]. On any failure nothing of ours is left behind
/// (no temp file, no half-verified target) and the content stays with the
/// caller.
pub fn write_planned(
    plan: &PlannedWrite,
    file: &RecoveryFile,
) -> Result<WrittenRecovery, RecoveryWriteError> {
    write_planned_bytes(plan, file.as_bytes())
}

/// [`write_planned`] for any content: the read-back must match the SHA-256
/// of `bytes`.
pub fn write_planned_bytes(
    plan: &PlannedWrite,
    bytes: &[u8],
) -> Result<WrittenRecovery, RecoveryWriteError> {
    let path = plan.target.as_path();
    // Checked again: time has passed since the plan.
    let dir = check_target(path)?;
    let fail = |e: io::Error| classify(&e, path, &dir);

    let tmp = plan.temp.clone();
    let tmp_guard = RemoveOnDrop::new(tmp.clone());
    let mut out = fsutil::create_new_private(&tmp).map_err(fail)?;
    out.write_all(bytes).map_err(fail)?;
    out.sync_all().map_err(fail)?;
    drop(out);

    place_without_clobbering(&tmp, path).map_err(fail)?;
    // From here the target is ours: remove it again if it cannot be
    // verified, so a failed save never leaves a file that looks good.
    let mut target_guard = RemoveOnDrop::new(path.to_path_buf());
    // The temp name is now a second link to the same file (or gone, after
    // a rename); drop it before syncing the folder so both changes land.
    drop(tmp_guard);
    fsutil::sync_dir(&dir).map_err(fail)?;

    // The page cache may answer this read rather than the disk; what it
    // proves is that the file in place is the one intended, byte for byte.
    let back = read_private(path).map_err(fail)?;
    let sha256 = sha256_hex(&back);
    if sha256 != sha256_hex(bytes) {
        return Err(RecoveryWriteError::ReadBackMismatch {
            path: path.to_path_buf(),
        });
    }
    target_guard.disarm();
    Ok(WrittenRecovery {
        path: path.to_path_buf(),
        sha256,
    })
}

/// Read a file that may hold recovery material into a buffer that is wiped
/// when dropped, sized once so that growing it leaves no stray copies.
pub fn read_private(path: &Path) -> io::Result<Zeroizing<Vec<u8>>> {
    let mut file = fs::File::open(path)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let capacity = usize::try_from(len).unwrap_or(0).saturating_add(1);
    let mut buffer = Zeroizing::new(Vec::with_capacity(capacity));
    file.read_to_end(&mut buffer)?;
    Ok(buffer)
}

/// Give `tmp` the name `target`, failing with `AlreadyExists` rather than
/// replacing anything there.
///
/// A hard link is the portable no-clobber rename on unix: `link` fails if
/// the target exists. File systems without hard links (FAT and exFAT, i.e.
/// most USB drives, which is where we recommend putting the file) refuse
/// with EPERM or EOPNOTSUPP; there Linux offers `renameat2(RENAME_NOREPLACE)`,
/// and elsewhere we fall back to checking and then renaming, which leaves a
/// moment in which another program could create the target. That window is
/// acceptable only because the name is fresh and in a folder the person just
/// chose.
fn place_without_clobbering(tmp: &Path, target: &Path) -> io::Result<()> {
    match fs::hard_link(tmp, target) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // We just created `tmp` in this folder, so "permission denied" from
        // link here means links are not supported, not that writing is not.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
            ) || e.raw_os_error().is_some_and(is_no_links_errno) =>
        {
            rename_no_replace(tmp, target)
        }
        Err(e) => Err(e),
    }
}

/// Error numbers that mean "no hard links here" beyond those std maps to
/// `Unsupported`/`PermissionDenied` (ENOSYS, and EMLINK on FAT drivers that
/// report a link count of one).
fn is_no_links_errno(code: i32) -> bool {
    #[cfg(target_os = "linux")]
    {
        code == 38 /* ENOSYS */ || code == 31 /* EMLINK */
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = code;
        false
    }
}

#[cfg(target_os = "linux")]
fn rename_no_replace(tmp: &Path, target: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, tmp, CWD, target, RenameFlags::NOREPLACE) {
        Ok(()) => Ok(()),
        // The file system does not know the flag: check, then rename.
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
            check_then_rename(tmp, target)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn rename_no_replace(tmp: &Path, target: &Path) -> io::Result<()> {
    check_then_rename(tmp, target)
}

/// The last resort (see [`place_without_clobbering`]).
fn check_then_rename(tmp: &Path, target: &Path) -> io::Result<()> {
    match fs::symlink_metadata(target) {
        Ok(_) => Err(io::Error::from(io::ErrorKind::AlreadyExists)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::rename(tmp, target),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn default_name_is_utc_timestamp() {
        let t = Utc.with_ymd_and_hms(2025, 2, 3, 4, 5, 6).unwrap();
        assert_eq!(default_file_name(t), "recovery_file_20250203-040506.dat");
    }

    #[test]
    fn io_errors_are_classified() {
        let p = Path::new("/x/recovery.dat");
        let d = Path::new("/x");
        let kind = |k: io::ErrorKind| classify(&io::Error::from(k), p, d);
        assert!(matches!(
            kind(io::ErrorKind::AlreadyExists),
            RecoveryWriteError::ExistsAlready { .. }
        ));
        assert!(matches!(
            kind(io::ErrorKind::NotFound),
            RecoveryWriteError::DirectoryMissing { .. }
        ));
        assert!(matches!(
            kind(io::ErrorKind::PermissionDenied),
            RecoveryWriteError::PermissionDenied { .. }
        ));
        assert!(matches!(
            kind(io::ErrorKind::ReadOnlyFilesystem),
            RecoveryWriteError::PermissionDenied { .. }
        ));
        assert!(matches!(
            kind(io::ErrorKind::StorageFull),
            RecoveryWriteError::DiskFull { .. }
        ));
        assert!(matches!(
            kind(io::ErrorKind::QuotaExceeded),
            RecoveryWriteError::DiskFull { .. }
        ));
        assert!(matches!(
            kind(io::ErrorKind::TimedOut),
            RecoveryWriteError::Io { .. }
        ));
        #[cfg(target_os = "linux")]
        assert!(matches!(
            classify(&io::Error::from_raw_os_error(28), p, d),
            RecoveryWriteError::DiskFull { .. }
        ));
    }

    #[test]
    fn every_next_step_says_the_content_is_held() {
        let p = PathBuf::from("/x/r.dat");
        for e in [
            RecoveryWriteError::ExistsAlready { path: p.clone() },
            RecoveryWriteError::DirectoryMissing { dir: p.clone() },
            RecoveryWriteError::PermissionDenied { path: p.clone() },
            RecoveryWriteError::DiskFull { path: p.clone() },
            RecoveryWriteError::ReadBackMismatch { path: p.clone() },
            RecoveryWriteError::Io {
                path: p.clone(),
                detail: "x".into(),
            },
        ] {
            let step = e.next_step();
            assert!(step.contains("still held"), "{step}");
            assert!(step.contains("another place"), "{step}");
            assert!(step.contains("removable media"), "{step}");
        }
    }

    #[test]
    fn check_then_rename_refuses_an_existing_target() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join("a");
        let target = dir.path().join("b");
        fs::write(&tmp, b"new").unwrap();
        fs::write(&target, b"old").unwrap();
        let err = check_then_rename(&tmp, &target).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&target).unwrap(), b"old");
        #[cfg(target_os = "linux")]
        {
            let err = rename_no_replace(&tmp, &target).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
            assert_eq!(fs::read(&target).unwrap(), b"old");
        }
        fs::remove_file(&target).unwrap();
        rename_no_replace(&tmp, &target).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert!(!tmp.exists());
    }
}
