//! Discarding a secret, in the worker: an unregistered one, or a
//! registration's retired one; its fingerprint read from the keychain,
//! then deleted only when the person typed it.

use super::super::session_view::{DiscardView, SessionView};
use super::io::{Outcome, WorkerIo};
use super::protocol::{DiscardCommand as C, Finished};
use crate::ceremony::{
    CeremonyContext, CeremonyError, Discard, DiscardTarget, Mode, RetiredDeletion,
};
use crate::store::RegistrationRecord;
use crate::text::wizard as text;

/// What is to be deleted.
#[derive(Clone)]
pub(super) enum Target {
    /// A secret Circle never registered.
    Unregistered(DiscardTarget),
    /// A registration's retired secret, by its keychain account.
    Retired(Box<RegistrationRecord>, String),
}

/// The deletion prepared, with the fingerprint read.
enum Prepared {
    Unregistered(Box<Discard>),
    Retired(Box<RetiredDeletion>),
}

/// A discard, and how to prepare it again: a confirmation that failed uses
/// it up, and the person may try again.
pub(super) struct DiscardState {
    mode: Mode,
    target: Target,
    prepared: Option<Prepared>,
}

impl DiscardState {
    /// Check that `target` may be deleted and read its fingerprint.
    pub(super) async fn prepare(
        mode: Mode,
        target: Target,
        io: &WorkerIo,
    ) -> Result<Self, CeremonyError> {
        let mut state = Self {
            mode,
            target,
            prepared: None,
        };
        state.read_again(io).await?;
        Ok(state)
    }

    async fn read_again(&mut self, io: &WorkerIo) -> Result<(), CeremonyError> {
        io.busy(text::READING_FINGERPRINT_BUSY);
        let ctx = CeremonyContext::open(&io.deps.core, &self.mode)?;
        self.prepared = Some(match self.target.clone() {
            Target::Unregistered(target) => {
                Prepared::Unregistered(Box::new(Discard::prepare(ctx, target).await?))
            }
            Target::Retired(record, account) => Prepared::Retired(Box::new(
                RetiredDeletion::prepare(ctx, *record, &account).await?,
            )),
        });
        Ok(())
    }

    /// What the screen shows.
    pub(super) fn view(&self) -> Option<SessionView> {
        let rehearsal = self.mode.is_rehearsal();
        let view = match self.prepared.as_ref()? {
            Prepared::Unregistered(d) => DiscardView::of(d, rehearsal),
            Prepared::Retired(r) => DiscardView::of_retired(r, rehearsal),
        };
        Some(SessionView::Discard(Box::new(view)))
    }

    /// Run the confirmation.
    pub(super) async fn handle(&mut self, command: C, io: &WorkerIo) -> Outcome {
        let C::Confirm(typed) = command;
        let Some(prepared) = self.prepared.take() else {
            return Err(CeremonyError::NotYet(text::FINGERPRINT_READ_FIRST));
        };
        io.busy(text::DISCARDING_BUSY);
        let result = match prepared {
            Prepared::Unregistered(discard) => (*discard).confirm(&typed).await.map(|()| None),
            Prepared::Retired(deletion) => {
                let fingerprint = deletion.fingerprint().to_owned();
                (*deletion)
                    .confirm(&typed)
                    .await
                    .map(|()| Some(fingerprint))
            }
        };
        match result {
            Ok(None) => Ok(Some(Finished::Discarded)),
            Ok(Some(fingerprint)) => Ok(Some(Finished::RetiredDeleted(fingerprint))),
            Err(e) => {
                // Ready for another try; if even reading fails, that is
                // what the person needs to know, so it is reported instead.
                self.read_again(io).await?;
                Err(e)
            }
        }
    }
}
