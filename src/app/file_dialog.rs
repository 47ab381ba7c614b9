//! The native save dialog, behind a trait so tests can answer it.

use std::path::{Path, PathBuf};

/// Asks a person where to save a file.
///
/// Called on a blocking worker thread, never on the UI thread.
pub trait FileDialog: Send + Sync {
    /// The chosen path, or `None` when the person cancelled — or when no
    /// dialog could be shown, which looks the same; the screen therefore
    /// always offers a typed path as well.
    fn save_file(&self, title: &str, directory: Option<&Path>, file_name: &str) -> Option<PathBuf>;
}

/// The platform dialog through rfd (XDG desktop portal on Linux).
#[derive(Debug, Default)]
pub struct NativeFileDialog;

impl FileDialog for NativeFileDialog {
    fn save_file(&self, title: &str, directory: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(file_name);
        if let Some(dir) = directory {
            dialog = dialog.set_directory(dir);
        }
        dialog.save_file()
    }
}

/// A dialog that answers with fixed paths, in order (tests, screenshots).
#[derive(Debug, Default)]
pub struct ScriptedFileDialog {
    answers: std::sync::Mutex<std::collections::VecDeque<Option<PathBuf>>>,
}

impl ScriptedFileDialog {
    /// A dialog that gives these answers, one per call, then `None`.
    pub fn new(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self {
            answers: std::sync::Mutex::new(answers.into_iter().collect()),
        }
    }
}

impl FileDialog for ScriptedFileDialog {
    fn save_file(
        &self,
        _title: &str,
        _directory: Option<&Path>,
        _file_name: &str,
    ) -> Option<PathBuf> {
        // A poisoned lock means a test already panicked; answering Cancel is fine.
        self.answers.lock().ok()?.pop_front().flatten()
    }
}
