//! Discarding an unregistered secret, in the worker: its fingerprint read
//! from the keychain, then deleted only when the person typed it.

use super::super::session_view::{DiscardView, SessionView};
use super::io::{Outcome, WorkerIo};
use super::protocol::{DiscardCommand as C, Finished};
use crate::ceremony::{CeremonyContext, CeremonyError, Discard, DiscardTarget, Mode};
use crate::text::wizard as text;

/// A discard, and how to prepare it again: a confirmation that failed uses
/// it up, and the person may try again.
pub(super) struct DiscardState {
    mode: Mode,
    target: DiscardTarget,
    discard: Option<Discard>,
}

impl DiscardState {
    /// Check that `target` may be discarded and read its fingerprint.
    pub(super) async fn prepare(
        mode: Mode,
        target: DiscardTarget,
        io: &WorkerIo,
    ) -> Result<Self, CeremonyError> {
        let mut state = Self {
            mode,
            target,
            discard: None,
        };
        state.read_again(io).await?;
        Ok(state)
    }

    async fn read_again(&mut self, io: &WorkerIo) -> Result<(), CeremonyError> {
        io.busy(text::READING_FINGERPRINT_BUSY);
        let ctx = CeremonyContext::open(&io.deps.core, &self.mode)?;
        self.discard = Some(Discard::prepare(ctx, self.target.clone()).await?);
        Ok(())
    }

    /// What the screen shows.
    pub(super) fn view(&self) -> Option<SessionView> {
        let discard = self.discard.as_ref()?;
        Some(SessionView::Discard(Box::new(DiscardView::of(
            discard,
            self.mode.is_rehearsal(),
        ))))
    }

    /// Run the confirmation.
    pub(super) async fn handle(&mut self, command: C, io: &WorkerIo) -> Outcome {
        let C::Confirm(typed) = command;
        let Some(discard) = self.discard.take() else {
            return Err(CeremonyError::NotYet(text::FINGERPRINT_READ_FIRST));
        };
        io.busy(text::DISCARDING_BUSY);
        match discard.confirm(&typed).await {
            Ok(()) => Ok(Some(Finished::Discarded)),
            Err(e) => {
                // Ready for another try; if even reading fails, that is
                // what the person needs to know, so it is reported instead.
                self.read_again(io).await?;
                Err(e)
            }
        }
    }
}
