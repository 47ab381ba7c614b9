//! The native save and open dialogs, behind a trait so tests can answer
//! them.
//!
//! On Linux the dialog is asked of the desktop portal directly
//! ([`portal`]): the request carries the window it belongs to, can be
//! closed by the wizard (the person gave up waiting, or wants it shown
//! again), and its answer tells a Cancel from a missing or failing dialog
//! service. Elsewhere rfd shows the platform's own dialog.

mod control;
#[cfg(target_os = "linux")]
mod portal;
mod scripted;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;

pub use control::{DialogControl, ParentWindow, Wish};
pub use scripted::{Scripted, ScriptedFileDialog};

use crate::text::dialog as text;

/// What a dialog asks.
#[derive(Debug, Clone)]
pub struct DialogAsk {
    /// The dialog's title.
    pub title: String,
    /// The folder it starts in.
    pub directory: PathBuf,
    /// The file name it proposes (save dialogs).
    pub file_name: Option<String>,
}

/// Why a dialog gave no path. Each has its own words: a person who pressed
/// Cancel is not told that the computer has no dialog service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoPath {
    /// The person cancelled the dialog, or closed it.
    Cancelled,
    /// The wizard closed the dialog because the person chose to type a
    /// path instead.
    GaveUp,
    /// No dialog could be shown: no session bus, or no desktop portal on it.
    NoService,
    /// The dialog service did not take the request in time.
    NoAnswer,
    /// The dialog service refused the request or failed; its words.
    Failed(String),
}

impl NoPath {
    /// What the screen says.
    pub fn message(&self) -> String {
        match self {
            Self::Cancelled => text::CANCELLED.to_owned(),
            Self::GaveUp => text::GAVE_UP.to_owned(),
            Self::NoService => text::NO_SERVICE.to_owned(),
            Self::NoAnswer => text::no_answer(control::ACCEPT_WITHIN.as_secs()),
            Self::Failed(why) => text::failed(why),
        }
    }
}

/// A dialog's outcome: the chosen path, or why there is none.
pub type DialogResult = Result<PathBuf, NoPath>;

/// A dialog in progress; it ends with the person's answer, or when the
/// [`DialogControl`] is told to give up.
pub type DialogFuture<'a> = Pin<Box<dyn Future<Output = DialogResult> + Send + 'a>>;

/// Asks a person where to save a file, or which file to open.
///
/// Awaited on the worker, never on the UI thread. While it runs, the UI
/// may tell `control` to show the dialog again or to give up.
pub trait FileDialog: Send + Sync {
    /// Where to save.
    fn save_file<'a>(&'a self, ask: &'a DialogAsk, control: &'a DialogControl) -> DialogFuture<'a>;

    /// Which file to open.
    fn open_file<'a>(&'a self, ask: &'a DialogAsk, control: &'a DialogControl) -> DialogFuture<'a>;
}

/// The platform's dialog: the desktop portal on Linux, rfd elsewhere.
#[derive(Debug, Default)]
pub struct NativeFileDialog;

impl FileDialog for NativeFileDialog {
    fn save_file<'a>(&'a self, ask: &'a DialogAsk, control: &'a DialogControl) -> DialogFuture<'a> {
        Box::pin(native(Kind::Save, ask, control))
    }

    fn open_file<'a>(&'a self, ask: &'a DialogAsk, control: &'a DialogControl) -> DialogFuture<'a> {
        Box::pin(native(Kind::Open, ask, control))
    }
}

/// A save or an open dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Save,
    Open,
}

#[cfg(target_os = "linux")]
async fn native(kind: Kind, ask: &DialogAsk, control: &DialogControl) -> DialogResult {
    // The portal identifies its caller through /proc/<pid>/root, which a
    // non-dumpable process closes (see `harden`).
    let _portal = crate::harden::PortalAccess::open();
    portal::ask(kind, ask, control).await
}

#[cfg(not(target_os = "linux"))]
async fn native(kind: Kind, ask: &DialogAsk, _control: &DialogControl) -> DialogResult {
    // The platform's dialogs are modal to the application and always
    // exist, so `None` is a Cancel; they cannot be closed from outside.
    let ask = ask.clone();
    let chosen = tokio::task::spawn_blocking(move || {
        let mut dialog = rfd::FileDialog::new()
            .set_title(&ask.title)
            .set_directory(&ask.directory);
        match kind {
            Kind::Save => {
                if let Some(name) = &ask.file_name {
                    dialog = dialog.set_file_name(name);
                }
                dialog.save_file()
            }
            Kind::Open => dialog.pick_file(),
        }
    })
    .await
    .map_err(|e| NoPath::Failed(e.to_string()))?;
    chosen.ok_or(NoPath::Cancelled)
}

/// A free name beside `path`, for a chosen file that exists: `name-2.ext`,
/// `name-3.ext`, …; `None` if a hundred are taken.
pub fn free_name_beside(path: &Path) -> Option<PathBuf> {
    let folder = path.parent()?;
    let stem = path.file_stem()?.to_string_lossy();
    let extension = path.extension().map(|e| e.to_string_lossy());
    (2..=100).find_map(|n| {
        let name = match &extension {
            Some(ext) => format!("{stem}-{n}.{ext}"),
            None => format!("{stem}-{n}"),
        };
        let candidate = folder.join(name);
        // Not `exists`: a dangling symlink is taken too.
        std::fs::symlink_metadata(&candidate)
            .is_err()
            .then_some(candidate)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_name_skips_every_taken_one_including_dangling_links() {
        let dir = tempfile::tempdir().unwrap();
        let chosen = dir.path().join("recovery_file.dat");
        std::fs::write(&chosen, b"x").unwrap();
        std::fs::write(dir.path().join("recovery_file-2.dat"), b"x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            dir.path().join("nowhere"),
            dir.path().join("recovery_file-3.dat"),
        )
        .unwrap();
        let free = free_name_beside(&chosen).unwrap();
        #[cfg(unix)]
        assert_eq!(free, dir.path().join("recovery_file-4.dat"));
        let bare = dir.path().join("record");
        std::fs::write(&bare, b"x").unwrap();
        assert_eq!(
            free_name_beside(&bare).unwrap(),
            dir.path().join("record-2")
        );
    }

    #[test]
    fn each_reason_for_no_path_has_its_own_words() {
        let all = [
            NoPath::Cancelled,
            NoPath::GaveUp,
            NoPath::NoService,
            NoPath::NoAnswer,
            NoPath::Failed("boom".into()),
        ];
        let words: std::collections::HashSet<String> = all.iter().map(NoPath::message).collect();
        assert_eq!(words.len(), all.len());
        assert!(
            !NoPath::Cancelled
                .message()
                .contains("no file dialog service")
        );
        assert!(
            NoPath::NoService
                .message()
                .contains("no file dialog service")
        );
        assert!(NoPath::Failed("boom".into()).message().contains("boom"));
    }
}
