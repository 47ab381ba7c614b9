//! The worker's plumbing, shared by every session: sending events (and
//! waking the UI), and asking the person for a path in a native dialog on a
//! blocking thread.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::super::deps::AppDeps;
use super::super::widgets::ErrorView;
use super::protocol::{Event, Finished};
use crate::ceremony::{CeremonyError, blocking};

/// What a session's command handler returns: the news for the UI, or
/// `None` when the UI needs only the new state.
pub(super) type Outcome = Result<Option<Finished>, CeremonyError>;

/// The worker's outside: the app's dependencies and the way to the UI.
pub(super) struct WorkerIo {
    pub(super) deps: AppDeps,
    events: UnboundedSender<Event>,
    repaint: Arc<dyn Fn() + Send + Sync>,
}

impl WorkerIo {
    pub(super) fn new(
        deps: AppDeps,
        events: UnboundedSender<Event>,
        repaint: Arc<dyn Fn() + Send + Sync>,
    ) -> Self {
        Self {
            deps,
            events,
            repaint,
        }
    }

    /// Send an event and wake the UI.
    pub(super) fn emit(&self, event: Event) {
        // The receiver is gone only when the window closed.
        let _ = self.events.send(event);
        (self.repaint)();
    }

    /// Say what is being done now.
    pub(super) fn busy(&self, what: &'static str) {
        self.emit(Event::Busy(what));
    }

    /// Report a failure for a person.
    pub(super) fn failed(&self, error: &CeremonyError) {
        self.emit(Event::Failed(ErrorView::from_error(error)));
    }

    /// Ask where to save a file. `None`: cancelled, or no dialog could be
    /// shown.
    pub(super) async fn ask_save_path(
        &self,
        title: &'static str,
        directory: Option<PathBuf>,
        file_name: String,
    ) -> Result<Option<PathBuf>, CeremonyError> {
        let dialog = Arc::clone(&self.deps.file_dialog);
        // Never the portal's own idea of a starting folder (whatever folder
        // its process happens to be in): the one asked for, or home.
        let directory = directory.unwrap_or_else(|| self.deps.core.home.clone());
        blocking(move || dialog.save_file(title, Some(&directory), &file_name)).await
    }

    /// Ask which file to open. `None`: cancelled, or no dialog could be
    /// shown.
    pub(super) async fn ask_open_path(
        &self,
        title: &'static str,
    ) -> Result<Option<PathBuf>, CeremonyError> {
        let dialog = Arc::clone(&self.deps.file_dialog);
        let home = self.deps.core.home.clone();
        blocking(move || dialog.open_file(title, Some(&home))).await
    }

    /// A typed path, or one from the open dialog; `None` when the dialog
    /// was cancelled.
    pub(super) async fn typed_or_opened(
        &self,
        typed: Option<PathBuf>,
        title: &'static str,
    ) -> Result<Option<PathBuf>, CeremonyError> {
        match typed {
            Some(path) => Ok(Some(path)),
            None => self.ask_open_path(title).await,
        }
    }

    /// A typed path, or one from the save dialog; `None` when the dialog
    /// was cancelled.
    pub(super) async fn typed_or_saved(
        &self,
        typed: Option<PathBuf>,
        title: &'static str,
        directory: Option<PathBuf>,
        file_name: String,
    ) -> Result<Option<PathBuf>, CeremonyError> {
        match typed {
            Some(path) => Ok(Some(path)),
            None => self.ask_save_path(title, directory, file_name).await,
        }
    }
}
