//! The worker's plumbing, shared by every session: sending events (and
//! waking the UI), and asking the person for a path in a native dialog.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::super::deps::AppDeps;
use super::super::file_dialog::{DialogAsk, DialogFuture, free_name_beside};
use super::super::widgets::ErrorView;
use super::protocol::{Event, Finished};
use crate::ceremony::{CeremonyError, blocking};
use crate::text::dialog as dialog_text;

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

    /// Ask where to save a file, in a dialog that starts in `directory`
    /// (home when `None`). `None`: no path, and the screen says why. A
    /// chosen file that exists is never replaced: a free name beside it is
    /// used, and the screen says so.
    pub(super) async fn ask_save_path(
        &self,
        title: &'static str,
        directory: Option<PathBuf>,
        file_name: String,
    ) -> Result<Option<PathBuf>, CeremonyError> {
        let ask = DialogAsk {
            title: dialog_text::save_title(title),
            // Never the portal's own idea of a starting folder (whatever
            // folder its process happens to be in): the one asked for, or
            // home.
            directory: directory.unwrap_or_else(|| self.deps.core.home.clone()),
            file_name: Some(file_name),
        };
        let dialog = self.deps.file_dialog.save_file(&ask, &self.deps.dialogs);
        let Some(chosen) = self.shown(true, dialog).await else {
            return Ok(None);
        };
        // The dialog asked "Replace?" of its own; the wizard never does.
        let (used, note) = blocking(move || {
            if std::fs::symlink_metadata(&chosen).is_err() {
                return (Some(chosen), None);
            }
            let shown = chosen.display().to_string();
            match free_name_beside(&chosen) {
                Some(free) => {
                    let note = dialog_text::renamed(&shown, &free.display().to_string());
                    (Some(free), Some(note))
                }
                None => (None, Some(dialog_text::exists_no_free_name(&shown))),
            }
        })
        .await?;
        self.emit(Event::DialogClosed(note));
        Ok(used)
    }

    /// Ask which file to open, in a dialog that starts at home. `None`: no
    /// file, and the screen says why.
    pub(super) async fn ask_open_path(
        &self,
        title: &'static str,
    ) -> Result<Option<PathBuf>, CeremonyError> {
        let ask = DialogAsk {
            title: title.to_owned(),
            directory: self.deps.core.home.clone(),
            file_name: None,
        };
        let dialog = self.deps.file_dialog.open_file(&ask, &self.deps.dialogs);
        let opened = self.shown(false, dialog).await;
        if opened.is_some() {
            self.emit(Event::DialogClosed(None));
        }
        Ok(opened)
    }

    /// Show a dialog: the window knows it is open until it answers. With
    /// no path, the window is told it closed and why; with one, the caller
    /// says it closed (a save may have more to say).
    async fn shown(&self, saving: bool, dialog: DialogFuture<'_>) -> Option<PathBuf> {
        self.emit(Event::DialogOpen { saving });
        match dialog.await {
            Ok(path) => Some(path),
            Err(why) => {
                self.emit(Event::DialogClosed(Some(why.message())));
                None
            }
        }
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
