//! Ciphertexts on demand, in the worker: Circle's key from Circle or from a
//! file, then a fresh ciphertext per request. A key that differs from the
//! one on record is used only once the person acknowledged it: a ciphertext
//! made with a stranger's key hands the secret to whoever holds that key.

use super::super::session_view::{CiphertextView, SessionView};
use super::io::{Outcome, WorkerIo};
use super::protocol::{CiphertextCommand as C, Finished};
use crate::ceremony::steps::KeyComparison;
use crate::ceremony::{CeremonyError, CiphertextSession};
use crate::text::wizard as text;

/// A ciphertext session and the person's acknowledgement of a changed key.
pub(super) struct CiphertextState {
    session: CiphertextSession,
    key_change_acknowledged: bool,
}

impl CiphertextState {
    /// A session with no key yet.
    pub(super) fn new(session: CiphertextSession) -> Self {
        Self {
            session,
            key_change_acknowledged: false,
        }
    }

    /// What the screen shows.
    pub(super) fn view(&self) -> SessionView {
        SessionView::Ciphertext(Box::new(CiphertextView::of(
            &self.session,
            self.key_change_acknowledged,
        )))
    }

    /// Run one step.
    pub(super) async fn handle(&mut self, command: C, io: &WorkerIo) -> Outcome {
        Ok(Some(match command {
            C::FetchKey(api_key) => {
                io.busy(text::FETCHING_KEY_BUSY);
                self.key_change_acknowledged = false;
                self.session.fetch_key(&api_key).await?;
                Finished::KeyReady
            }
            C::ImportKey(typed) => {
                let Some(path) = io.typed_or_opened(typed, text::OPEN_KEY_TITLE).await? else {
                    return Ok(Some(Finished::NoPathChosen));
                };
                io.busy(text::READING_KEY_BUSY);
                self.key_change_acknowledged = false;
                self.session.import_key(&path).await?;
                Finished::KeyReady
            }
            C::AcknowledgeKeyChange(yes) => {
                self.key_change_acknowledged = yes;
                return Ok(None);
            }
            C::Make => {
                let changed = self
                    .session
                    .key()
                    .is_some_and(|k| matches!(k.comparison, KeyComparison::Different { .. }));
                if changed && !self.key_change_acknowledged {
                    return Err(CeremonyError::KeyChangeNotAcknowledged);
                }
                io.busy(text::ENCRYPTING_BUSY);
                Finished::CiphertextMade(self.session.make().await?.into_wire())
            }
        }))
    }
}
