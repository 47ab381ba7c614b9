//! Notes about where the recovery file is about to go: warnings a person must
//! acknowledge (the same disk as the keychain, a cloud-synced folder) and the
//! good case (removable media). Notes, not errors: the person decides.

use std::path::{Component, Path, PathBuf};

use super::fsutil;
use crate::text::location as text;

/// Something worth knowing about a recovery-file destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocationNote {
    /// Warning: on the same file system as the home folder, where the
    /// keychain keeps the secret, so one disk failure loses both.
    SameFilesystemAsHome,
    /// Warning: inside a folder a cloud service syncs.
    CloudSync {
        /// The service, for a person ("Dropbox", "iCloud Drive", …).
        provider: &'static str,
    },
    /// Good: looks like removable media, on another file system.
    RemovableMedia,
}

impl LocationNote {
    /// Whether the person must acknowledge this note before going on.
    pub fn is_warning(&self) -> bool {
        !matches!(self, Self::RemovableMedia)
    }

    /// What the note says.
    pub fn message(&self) -> String {
        match self {
            Self::SameFilesystemAsHome => text::SAME_FILESYSTEM_MESSAGE.to_owned(),
            Self::CloudSync { provider } => text::cloud_sync_message(provider),
            Self::RemovableMedia => text::REMOVABLE_MEDIA_MESSAGE.to_owned(),
        }
    }

    /// The "I understand …" text of a warning's checkbox; `None` for the
    /// good case.
    pub fn acknowledgement(&self) -> Option<String> {
        match self {
            Self::SameFilesystemAsHome => Some(text::SAME_FILESYSTEM_ACK.to_owned()),
            Self::CloudSync { provider } => Some(text::cloud_sync_ack(provider)),
            Self::RemovableMedia => None,
        }
    }
}

/// Notes about saving the recovery file at `path`, for a person whose home
/// folder is `home`. Warnings first. Looks at the folder as given and, where
/// it resolves, with symlinks followed (a `~/Documents` that is really a
/// link into Dropbox is still Dropbox).
pub fn location_notes(path: &Path, home: &Path) -> Vec<LocationNote> {
    let dir = fsutil::parent_dir(path);
    let mut seen: Vec<PathBuf> = vec![dir.clone()];
    if let Ok(real) = std::fs::canonicalize(&dir)
        && real != dir
    {
        seen.push(real);
    }
    notes_from_facts(
        &seen,
        same_filesystem(&dir, home),
        MountConvention::current(),
    )
}

/// The decision, from facts gathered elsewhere (pure, so tests can give any
/// facts): `dirs` are the destination folder's names, `same_fs` whether it
/// shares a file system with the home folder (`None`: could not tell).
fn notes_from_facts(
    dirs: &[PathBuf],
    same_fs: Option<bool>,
    convention: MountConvention,
) -> Vec<LocationNote> {
    let mut notes = Vec::new();
    if same_fs == Some(true) {
        notes.push(LocationNote::SameFilesystemAsHome);
    }
    if let Some(provider) = dirs.iter().find_map(|d| cloud_provider(d)) {
        notes.push(LocationNote::CloudSync { provider });
    }
    // A folder under /mnt or /media on the system disk is not removable
    // media, whatever its name: say the good thing only when it is true.
    if same_fs != Some(true) && dirs.iter().any(|d| removable_mount(d, convention)) {
        notes.push(LocationNote::RemovableMedia);
    }
    notes
}

/// Whether `dir` and `home` are on the same file system; `None` if either
/// cannot be examined.
#[cfg(unix)]
fn same_filesystem(dir: &Path, home: &Path) -> Option<bool> {
    use std::os::unix::fs::MetadataExt;
    let dir_dev = std::fs::metadata(dir).ok()?.dev();
    let home_dev = std::fs::metadata(home).ok()?.dev();
    Some(dir_dev == home_dev)
}

/// Whether `dir` and `home` are on the same volume (drive letter or share).
#[cfg(windows)]
fn same_filesystem(dir: &Path, home: &Path) -> Option<bool> {
    let volume = |p: &Path| -> Option<String> {
        let real = std::fs::canonicalize(p).ok()?;
        match real.components().next()? {
            Component::Prefix(prefix) => Some(prefix.as_os_str().to_string_lossy().to_lowercase()),
            _ => None,
        }
    };
    Some(volume(dir)? == volume(home)?)
}

/// Elsewhere the question cannot be answered.
#[cfg(not(any(unix, windows)))]
fn same_filesystem(_dir: &Path, _home: &Path) -> Option<bool> {
    None
}

/// The cloud service that syncs `path`, from its folder names (compared
/// case-insensitively, anywhere in the path: under the home folder as
/// `~/Dropbox`, or absolute as `/Volumes/GoogleDrive` or `G:\My Drive`).
pub fn cloud_provider(path: &Path) -> Option<&'static str> {
    let names: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().to_lowercase()),
            _ => None,
        })
        .collect();
    for (i, name) in names.iter().enumerate() {
        let next = names.get(i + 1).map(String::as_str);
        let provider = match name.as_str() {
            // macOS: ~/Library/Mobile Documents is iCloud Drive's store.
            "library" if next == Some("mobile documents") => Some("iCloud Drive"),
            // macOS File Provider folders: ~/Library/CloudStorage/<Provider-account>/.
            "library" if next == Some("cloudstorage") => {
                names.get(i + 2).map(|p| cloud_storage_provider(p))
            }
            "icloud drive" | "iclouddrive" => Some("iCloud Drive"),
            "onedrive" => Some("OneDrive"),
            n if n.starts_with("onedrive - ") => Some("OneDrive"),
            "dropbox" => Some("Dropbox"),
            n if n.starts_with("dropbox (") => Some("Dropbox"),
            "google drive" | "googledrive" | "my drive" => Some("Google Drive"),
            _ => None,
        };
        if provider.is_some() {
            return provider;
        }
    }
    None
}

/// The service behind a `~/Library/CloudStorage/<name>` folder.
fn cloud_storage_provider(name: &str) -> &'static str {
    if name.starts_with("googledrive") {
        "Google Drive"
    } else if name.starts_with("onedrive") {
        "OneDrive"
    } else if name.starts_with("dropbox") {
        "Dropbox"
    } else if name.starts_with("box") {
        "Box"
    } else if name.starts_with("icloud") {
        "iCloud Drive"
    } else {
        "a cloud storage service"
    }
}

/// Where an operating system mounts removable media.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MountConvention {
    /// `/media/…`, `/run/media/…`, `/mnt/…`.
    Linux,
    /// `/Volumes/…`.
    MacOs,
    /// No convention known (Windows drive letters say nothing about it).
    Other,
}

impl MountConvention {
    /// This platform's convention.
    pub fn current() -> Self {
        if cfg!(target_os = "macos") {
            Self::MacOs
        } else if cfg!(unix) {
            Self::Linux
        } else {
            Self::Other
        }
    }
}

/// Whether `path` is somewhere removable media is mounted under
/// `convention` (path logic only: a mount point's own folder, such as
/// `/media` itself, does not count; the caller also checks the file system).
pub fn removable_mount(path: &Path, convention: MountConvention) -> bool {
    let roots: &[&str] = match convention {
        MountConvention::Linux => &["/run/media", "/media", "/mnt"],
        MountConvention::MacOs => &["/Volumes"],
        MountConvention::Other => &[],
    };
    roots.iter().any(|root| {
        path.strip_prefix(root)
            .is_ok_and(|rest| rest.components().any(|c| matches!(c, Component::Normal(_))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn facts_to_notes() {
        let home_dir = [p("/home/ann/Documents")];
        assert_eq!(
            notes_from_facts(&home_dir, Some(true), MountConvention::Linux),
            vec![LocationNote::SameFilesystemAsHome]
        );
        assert!(notes_from_facts(&home_dir, Some(false), MountConvention::Linux).is_empty());
        assert!(notes_from_facts(&home_dir, None, MountConvention::Linux).is_empty());

        let usb = [p("/media/ann/USB")];
        assert_eq!(
            notes_from_facts(&usb, Some(false), MountConvention::Linux),
            vec![LocationNote::RemovableMedia]
        );
        // /mnt on the system disk is not removable media.
        assert_eq!(
            notes_from_facts(&[p("/mnt/data")], Some(true), MountConvention::Linux),
            vec![LocationNote::SameFilesystemAsHome]
        );

        let dropbox = [p("/home/ann/Dropbox/keys"), p("/data/Dropbox/keys")];
        assert_eq!(
            notes_from_facts(&dropbox, Some(true), MountConvention::Linux),
            vec![
                LocationNote::SameFilesystemAsHome,
                LocationNote::CloudSync {
                    provider: "Dropbox"
                }
            ]
        );
        // The symlink-resolved name counts too.
        let linked = [p("/home/ann/Documents"), p("/home/ann/OneDrive/Documents")];
        assert_eq!(
            notes_from_facts(&linked, Some(false), MountConvention::Linux),
            vec![LocationNote::CloudSync {
                provider: "OneDrive"
            }]
        );
    }

    #[test]
    fn warnings_have_acknowledgements_and_the_good_case_does_not() {
        let same = LocationNote::SameFilesystemAsHome;
        assert!(same.is_warning());
        assert_eq!(
            same.acknowledgement().as_deref(),
            Some(
                "I understand the recovery file will be on the same disk as this computer's keychain"
            )
        );
        let cloud = LocationNote::CloudSync {
            provider: "Dropbox",
        };
        assert!(cloud.is_warning());
        assert!(cloud.message().contains("Dropbox"));
        assert!(cloud.acknowledgement().unwrap().contains("Dropbox"));
        let usb = LocationNote::RemovableMedia;
        assert!(!usb.is_warning());
        assert_eq!(usb.acknowledgement(), None);
        assert!(usb.message().contains("removable"));
    }
}
