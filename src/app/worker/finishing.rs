//! Finishing a ceremony Circle accepted, in the worker: save a recovery file
//! found in a temporary file, then complete (keychain move, record).

use super::io::{Outcome, WorkerIo};
use super::protocol::{Finished, FinishingCommand as C, LeftoverTarget};
use crate::ceremony::Finishing;
use crate::text::wizard as text;

/// Run one step of finishing.
pub(super) async fn handle(finishing: &mut Finishing, command: C, io: &WorkerIo) -> Outcome {
    Ok(Some(match command {
        C::SaveLeftover(target) => {
            let path = match target {
                LeftoverTarget::WhereItWasGoing => None,
                LeftoverTarget::Path(path) => Some(path),
                LeftoverTarget::Dialog => {
                    let name = finishing
                        .leftover()
                        .and_then(|l| l.target.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    match io
                        .ask_save_path(text::SAVE_DIALOG_TITLE, None, name)
                        .await?
                    {
                        Some(path) => Some(path),
                        None => return Ok(Some(Finished::NoPathChosen)),
                    }
                }
            };
            io.busy(text::WRITING_RECOVERY_BUSY);
            let written = finishing.save_leftover(path).await?;
            Finished::LeftoverSaved(written.path)
        }
        C::Complete => {
            io.busy(text::COMPLETING_BUSY);
            finishing.complete().await?;
            Finished::Completed
        }
    }))
}
