//! The native save and open dialogs, behind a trait so tests can answer
//! them.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Asks a person where to save a file, or which file to open.
///
/// Called on a blocking worker thread, never on the UI thread.
pub trait FileDialog: Send + Sync {
    /// The chosen path, or `None` when the person cancelled — or when no
    /// dialog could be shown, which looks the same; the screen therefore
    /// always offers a typed path as well.
    fn save_file(&self, title: &str, directory: Option<&Path>, file_name: &str) -> Option<PathBuf>;

    /// The file chosen to open, or `None` as for [`FileDialog::save_file`].
    fn open_file(&self, title: &str, directory: Option<&Path>) -> Option<PathBuf>;
}

/// The platform dialog through rfd (XDG desktop portal on Linux).
#[derive(Debug, Default)]
pub struct NativeFileDialog;

impl FileDialog for NativeFileDialog {
    fn save_file(&self, title: &str, directory: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        let _portal = crate::harden::PortalAccess::open();
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(file_name);
        if let Some(dir) = directory {
            dialog = dialog.set_directory(dir);
        }
        dialog.save_file()
    }

    fn open_file(&self, title: &str, directory: Option<&Path>) -> Option<PathBuf> {
        let _portal = crate::harden::PortalAccess::open();
        let mut dialog = rfd::FileDialog::new().set_title(title);
        if let Some(dir) = directory {
            dialog = dialog.set_directory(dir);
        }
        dialog.pick_file()
    }
}

/// A dialog that answers with fixed paths, in order (tests, screenshots):
/// one queue for save dialogs, one for open dialogs.
#[derive(Debug, Default)]
pub struct ScriptedFileDialog {
    saves: Mutex<VecDeque<Option<PathBuf>>>,
    opens: Mutex<VecDeque<Option<PathBuf>>>,
    /// The folder each save dialog was asked to start in, in order.
    save_folders: Mutex<Vec<Option<PathBuf>>>,
}

impl ScriptedFileDialog {
    /// A dialog whose save dialogs give these answers, one per call, then
    /// `None`; its open dialogs answer `None`.
    pub fn new(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self {
            saves: Mutex::new(answers.into_iter().collect()),
            opens: Mutex::default(),
            save_folders: Mutex::default(),
        }
    }

    /// The folder each save dialog so far was asked to start in.
    pub fn save_folders(&self) -> Vec<Option<PathBuf>> {
        self.save_folders
            .lock()
            .map(|f| f.clone())
            .unwrap_or_default()
    }

    /// The same, with these answers for open dialogs, one per call.
    pub fn with_opens(self, answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self {
            opens: Mutex::new(answers.into_iter().collect()),
            ..self
        }
    }
}

/// The next answer; a poisoned lock means a test already panicked, and
/// answering Cancel is fine then.
fn next_answer(queue: &Mutex<VecDeque<Option<PathBuf>>>) -> Option<PathBuf> {
    queue.lock().ok()?.pop_front().flatten()
}

impl FileDialog for ScriptedFileDialog {
    fn save_file(
        &self,
        _title: &str,
        directory: Option<&Path>,
        _file_name: &str,
    ) -> Option<PathBuf> {
        if let Ok(mut folders) = self.save_folders.lock() {
            folders.push(directory.map(Path::to_path_buf));
        }
        next_answer(&self.saves)
    }

    fn open_file(&self, _title: &str, _directory: Option<&Path>) -> Option<PathBuf> {
        next_answer(&self.opens)
    }
}
