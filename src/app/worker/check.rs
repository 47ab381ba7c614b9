//! A check with Circle in the worker: the API key (Circle's key is fetched
//! with it), the person's consent to a call that creates something in the
//! account, the call, and acting on the answer. The call is refused here
//! without the consent given on screen.

use super::super::check_view::CheckView;
use super::super::session_view::SessionView;
use super::io::{Outcome, WorkerIo};
use super::protocol::{CheckCommand as C, Finished};
use crate::ceremony::{CeremonyError, CheckSession, Settled};
use crate::text::{check as check_text, wizard as text};

/// A check, the person's consent, and what became of the secret.
pub(super) struct CheckState {
    session: CheckSession,
    key_given: bool,
    consented: bool,
    settled: Option<Settled>,
}

impl CheckState {
    /// A check with nothing asked of Circle yet.
    pub(super) fn new(session: CheckSession) -> Self {
        Self {
            session,
            key_given: false,
            consented: false,
            settled: None,
        }
    }

    /// What the screen shows.
    pub(super) fn view(&self) -> SessionView {
        SessionView::Check(Box::new(CheckView::of(
            &self.session,
            self.key_given,
            self.consented,
            self.settled.clone(),
        )))
    }

    /// Run one step.
    pub(super) async fn handle(&mut self, command: C, io: &WorkerIo) -> Outcome {
        Ok(Some(match command {
            C::GiveApiKey(api_key) => {
                io.busy(text::CHECKING_API_KEY_BUSY);
                self.session.give_api_key(&api_key).await?;
                self.key_given = true;
                Finished::KeyReady
            }
            C::Consent(yes) => {
                self.consented = yes;
                return Ok(None);
            }
            C::Run => {
                if !self.consented {
                    return Err(CeremonyError::NotYet(check_text::CONSENT_FIRST));
                }
                if self.session.answer().is_none() {
                    io.busy(check_text::CHECKING_BUSY);
                    self.session.run().await?;
                }
                self.settle(io).await?
            }
            C::Settle => self.settle(io).await?,
        }))
    }

    /// Act on Circle's answer, once: settled is settled.
    async fn settle(&mut self, io: &WorkerIo) -> Result<Finished, CeremonyError> {
        if self.settled.is_none() {
            io.busy(check_text::SETTLING_BUSY);
            self.settled = Some(self.session.settle().await?);
        }
        Ok(Finished::Progressed)
    }
}
