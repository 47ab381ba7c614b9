//! Small file-system building blocks shared by the recovery-file writer and
//! the JSON records: private new files, temp names, directory fsync.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Create `path` new (failing if anything is there, symlinks included),
/// readable and writable by the owner only.
pub(super) fn create_new_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    // On Windows a new file in the user's profile inherits an ACL that
    // admits only the user, SYSTEM and administrators; nothing to add.
    options.open(path)
}

/// Create `dir` and its parents, owner-only on unix for the parts created.
pub(super) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// A hidden, random name in `dir`: `.<stem>_<32 hex>.tmp`.
pub(super) fn temp_path(dir: &Path, stem: &str) -> PathBuf {
    dir.join(format!(".{stem}_{}.tmp", uuid::Uuid::new_v4().simple()))
}

/// The directory holding `path`; `.` for a bare file name.
pub(super) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Make a rename or link in `dir` durable.
///
/// Some file systems (and most FUSE ones) cannot fsync a directory and say
/// so with `EINVAL`; the data itself was already synced, so that is not a
/// failure. Windows has no directory fsync; NTFS journals the metadata.
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        match File::open(dir).and_then(|d| d.sync_all()) {
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
                ) =>
            {
                Ok(())
            }
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Removes a file when dropped unless disarmed: temp files never outlive a
/// failed write.
pub(super) struct RemoveOnDrop {
    path: Option<PathBuf>,
}

impl RemoveOnDrop {
    pub(super) fn new(path: PathBuf) -> Self {
        Self { path: Some(path) }
    }

    /// Keep the file after all.
    pub(super) fn disarm(&mut self) {
        self.path = None;
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            // Best effort: there is no one to report to from a destructor,
            // and the write's own error is already on its way to the caller.
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Replace `path` with `bytes` atomically: a private temp file in the same
/// directory, written and fsynced, renamed over `path`, directory fsynced.
/// A reader sees the old file or the new one, never half of either. For the
/// app's own non-secret files only: this does replace.
pub(super) fn replace_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    let tmp = temp_path(&dir, &stem);
    let mut guard = RemoveOnDrop::new(tmp.clone());
    let mut file = create_new_private(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)?;
    guard.disarm();
    sync_dir(&dir)
}
