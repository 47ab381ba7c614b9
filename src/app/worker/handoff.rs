//! The handoff to servers in the worker: a session of its own beside the
//! ceremony held (a handoff from the Done screen or from inside a rotation
//! leaves that ceremony as it was), reading a recipients file, writing the
//! age file where the save dialog or a typed path says, and listing what
//! an app's recorded handoff files carry now.

use std::path::PathBuf;

use super::super::handoff_view::{HandoffNews, HandoffView};
use super::super::widgets::ErrorView;
use super::protocol::Event;
use super::{NOT_OPEN, Session, Worker};
use crate::ceremony::{
    CeremonyContext, HandoffRequest, HandoffSession, HandoffTarget, blocking, handoff_files,
};
use crate::handoff::{HandoffError, HandoffFormat, Recipient, read_recipients_file};
use crate::secret::Environment;
use crate::store::RegistrationRecord;
use crate::text::handoff as text;

/// The steps of a handoff.
#[derive(Debug)]
pub enum HandoffCommand {
    /// Open a handoff of a registration's active secret.
    Registration(Box<RegistrationRecord>),
    /// Open a handoff of the new secret of the Console ceremony held now,
    /// before Console switches to it.
    PendingOfSession,
    /// Read recipients from a file (`None`: the open dialog).
    LoadRecipients(Option<PathBuf>),
    /// Encrypt the secret to these recipients and write the file where
    /// the typed path says (a folder gets the offered name) or, for
    /// `None`, where the save dialog says.
    Save {
        /// Who can open it.
        recipients: Vec<Recipient>,
        /// Binary or armored.
        format: HandoffFormat,
        /// Typed, or `None` for the save dialog.
        path: Option<PathBuf>,
    },
    /// List an app's recorded handoff files with what each carries now.
    ListFiles {
        /// Whether the app is a rehearsal one.
        rehearsal: bool,
        /// TEST or LIVE.
        environment: Environment,
        /// Circle's app id.
        app_id: String,
        /// The secret the screen is about, returned with the list.
        fingerprint: String,
    },
    /// Leave the handoff.
    Close,
}

impl Worker {
    /// Run one handoff step and tell the UI what came of it.
    pub(super) async fn handoff(&mut self, command: HandoffCommand) {
        match command {
            HandoffCommand::Close => {
                // Nothing to wait for: the panel is gone already.
                self.handoff = None;
                return;
            }
            // A quick read beside the screen's own commands, which keep
            // their progress line.
            HandoffCommand::ListFiles { .. } => {}
            _ => self.io.busy(text::WORKING_BUSY),
        }
        match self.handoff_step(command).await {
            Ok(news) => self.io.emit(Event::Handoff(Box::new(news))),
            Err(e) => self.io.emit(Event::Failed(ErrorView::from_error(&e))),
        }
    }

    async fn handoff_step(&mut self, command: HandoffCommand) -> Result<HandoffNews, HandoffError> {
        match command {
            HandoffCommand::Registration(record) => {
                let ctx = self.context(record.rehearsal).await?;
                self.open_handoff(ctx, HandoffTarget::Registration(*record))
            }
            HandoffCommand::PendingOfSession => {
                let Some(Session::Console(state)) = &self.session else {
                    return Err(NOT_OPEN.into());
                };
                let (entry, mode) = state.pending().ok_or(NOT_OPEN)?;
                let ctx = CeremonyContext::open(&self.io.deps.core, &mode)?;
                self.open_handoff(ctx, HandoffTarget::Pending(entry))
            }
            HandoffCommand::LoadRecipients(typed) => {
                let opened = self
                    .io
                    .typed_or_opened(typed, text::LOAD_FILE_TITLE)
                    .await?;
                let Some(path) = opened else {
                    return Ok(HandoffNews::NoPathChosen);
                };
                Ok(match blocking(move || read_recipients_file(&path)).await? {
                    Ok(found) => HandoffNews::Recipients(found),
                    Err(e) => HandoffNews::Refused(ErrorView::from_error(&e)),
                })
            }
            HandoffCommand::Save {
                recipients,
                format,
                path,
            } => {
                let session = self.handoff.as_ref().ok_or(NOT_OPEN)?;
                let name = session.default_file_name();
                let chosen = self
                    .io
                    .typed_or_saved(path, text::SAVE_TITLE, None, name.clone())
                    .await?;
                let Some(path) = chosen else {
                    return Ok(HandoffNews::NoPathChosen);
                };
                let path =
                    blocking(move || if path.is_dir() { path.join(name) } else { path }).await?;
                let request = HandoffRequest {
                    recipients,
                    format,
                    path,
                };
                let handed = session.hand_off(request).await?;
                Ok(HandoffNews::View(Box::new(HandoffView::of(
                    session,
                    Some(handed),
                ))))
            }
            HandoffCommand::ListFiles {
                rehearsal,
                environment,
                app_id,
                fingerprint,
            } => {
                let ctx = self.context(rehearsal).await?;
                let files = handoff_files(&ctx, environment, &app_id).await?;
                Ok(HandoffNews::Files(fingerprint, files))
            }
            HandoffCommand::Close => {
                self.handoff = None;
                Ok(HandoffNews::Closed)
            }
        }
    }

    /// Hold a new handoff session of `target`; any earlier one goes.
    fn open_handoff(
        &mut self,
        ctx: CeremonyContext,
        target: HandoffTarget,
    ) -> Result<HandoffNews, HandoffError> {
        self.handoff = None;
        let session = HandoffSession::new(ctx, target)?;
        let view = HandoffView::of(&session, None);
        self.handoff = Some(session);
        Ok(HandoffNews::View(Box::new(view)))
    }
}
