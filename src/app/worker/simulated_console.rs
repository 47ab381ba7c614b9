//! Rehearsal only: the simulated Circle Console, with Console's real checks
//! (the current secret's ciphertext must be of the registered secret, the
//! new one must differ, ciphertexts are single-use, the uploaded recovery
//! file must be the current one). What it accepts it answers with a new
//! recovery file, held here until the person downloads it, as Console
//! offers its download.

use std::path::PathBuf;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::super::widgets::ErrorView;
use super::io::{Outcome, WorkerIo};
use super::protocol::{Event, Finished, SimulatedConsoleCommand as C};
use crate::ceremony::{CeremonyError, blocking};
use crate::secret::RecoveryFile;
use crate::simulator::{ConsoleError, Simulator};
use crate::store;
use crate::text::{console as console_text, wizard as text};

/// The simulated Console's side of the worker: the recovery file it offers
/// for download after it accepted.
#[derive(Default)]
pub(super) struct SimulatedConsole {
    offered: Option<Zeroizing<String>>,
}

impl SimulatedConsole {
    /// Forget what was offered (a new session began).
    pub(super) fn clear(&mut self) {
        self.offered = None;
    }

    /// Act as Console would on what the person pasted or uploaded.
    pub(super) async fn handle(
        &mut self,
        simulator: Option<&Arc<Simulator>>,
        command: C,
        io: &WorkerIo,
    ) -> Outcome {
        let Some(sim) = simulator.cloned() else {
            return Err(CeremonyError::NotYet(text::SIMULATOR_ONLY_IN_REHEARSAL));
        };
        let answer = match command {
            C::Download(typed) => return self.download(typed, io).await,
            C::Rotate { current, new } => {
                blocking(move || sim.console_rotate(current.trim(), new.trim())).await?
            }
            C::Register { new } => blocking(move || sim.console_register(new.trim())).await?,
            C::Reset { recovery_file, new } => {
                let title = console_text::OPEN_UPLOAD_TITLE;
                let Some(path) = io.typed_or_opened(recovery_file, title).await? else {
                    return Ok(Some(Finished::NoPathChosen));
                };
                let uploaded = read_upload(path.clone()).await?;
                blocking(move || sim.console_reset_with_recovery_file(&uploaded, new.trim()))
                    .await?
            }
        };
        match answer {
            Ok(file) => {
                self.offered = Some(Zeroizing::new(file));
                Ok(Some(Finished::SimulatedConsoleAccepted))
            }
            Err(refused) => {
                // Console's refusal is the news, said in Console's words;
                // nothing of the ceremony failed.
                io.emit(Event::Failed(refused_view(&refused)));
                Ok(None)
            }
        }
    }

    async fn download(&mut self, typed: Option<PathBuf>, io: &WorkerIo) -> Outcome {
        let Some(content) = self.offered.clone() else {
            return Err(CeremonyError::NotYet(console_text::NOTHING_TO_DOWNLOAD));
        };
        let name = store::default_file_name(io.deps.core.clock.now());
        let title = console_text::DOWNLOAD_TITLE;
        let Some(path) = io.typed_or_saved(typed, title, None, name.clone()).await? else {
            return Ok(Some(Finished::NoPathChosen));
        };
        let written = blocking(move || {
            let target = if path.is_dir() { path.join(name) } else { path };
            store::write_recovery_file(&target, &RecoveryFile::new(content.to_string()))
        })
        .await??;
        self.offered = None;
        Ok(Some(Finished::SimulatedDownloaded(written.path)))
    }
}

/// The uploaded file's text, exactly (Console compares it whole).
async fn read_upload(path: PathBuf) -> Result<Zeroizing<String>, CeremonyError> {
    let shown = path.clone();
    let bytes = blocking(move || store::read_private(&path))
        .await?
        .map_err(|e| CeremonyError::KeyFile {
            path: shown.clone(),
            detail: e.to_string(),
        })?;
    String::from_utf8(bytes.to_vec())
        .map(Zeroizing::new)
        .map_err(|_| CeremonyError::KeyFile {
            path: shown,
            detail: console_text::UPLOAD_NOT_TEXT.to_owned(),
        })
}

/// Console's refusal, as the screen shows it.
fn refused_view(refused: &ConsoleError) -> ErrorView {
    let mut view = ErrorView::from_error(refused);
    view.message = console_text::simulated_refusal(&view.message);
    view
}
