//! The onboarding session in the worker: a new registration, or one carried
//! on from where it stopped, each command one step of the ceremony.

use super::super::session_view::SessionView;
use super::super::snapshot::Snapshot;
use super::io::{Outcome, WorkerIo};
use super::protocol::{Event, Finished, OnboardingCommand as C, RegisterResult};
use crate::ceremony::{CeremonyContext, CeremonyError, Mode, Onboarding, RegisterOutcome};
use crate::secret::Environment;
use crate::store::{self, InProgress};
use crate::text::wizard as text;

/// An onboarding ceremony, and how to build it again when the keychain is
/// checked again (a keychain unlocked since is found by a fresh context).
pub(super) struct OnboardingSession {
    rehearsal: bool,
    resume: Option<InProgress>,
    ceremony: Option<Onboarding>,
}

impl OnboardingSession {
    /// A session that builds a new ceremony, or carries on `resume`.
    pub(super) fn new(rehearsal: bool, resume: Option<InProgress>) -> Self {
        Self {
            rehearsal,
            resume,
            ceremony: None,
        }
    }

    /// Whether it is a rehearsal.
    pub(super) fn rehearsal(&self) -> bool {
        self.rehearsal
    }

    /// The app of the ceremony carried on, if it is one: a rehearsal
    /// carried on after a relaunch needs that app's simulated Circle.
    pub(super) fn app(&self) -> Option<(Environment, String)> {
        self.resume
            .as_ref()
            .map(|e| (e.environment, e.app_id.clone()))
    }

    /// What the screens show, once there is a ceremony.
    pub(super) fn view(&self) -> Option<SessionView> {
        let ceremony = self.ceremony.as_ref()?;
        Some(SessionView::Onboarding(Box::new(Snapshot::of(ceremony))))
    }

    /// Whether a recovery file is held only in memory.
    pub(super) fn holds_unsaved_recovery(&self) -> bool {
        self.ceremony
            .as_ref()
            .is_some_and(Onboarding::holds_unsaved_recovery)
    }

    /// Build the ceremony with a freshly opened keychain and check it.
    pub(super) async fn check_keychain(&mut self, io: &WorkerIo, mode: &Mode) -> Outcome {
        io.busy(text::CHECKING_KEYCHAIN_BUSY);
        self.ceremony = None;
        let ctx = CeremonyContext::open(&io.deps.core, mode)?;
        let ceremony = self.ceremony.insert(match &self.resume {
            Some(entry) => Onboarding::resume(ctx, entry.clone()),
            None => Onboarding::new(ctx),
        });
        ceremony.check_keychain().await?;
        Ok(Some(Finished::KeychainChecked))
    }

    /// Run one step (all but the keychain check, which needs the mode
    /// from the worker).
    pub(super) async fn handle(&mut self, command: C, io: &WorkerIo) -> Outcome {
        let Some(ceremony) = self.ceremony.as_mut() else {
            return Err(CeremonyError::NotYet(text::KEYCHAIN_CHECKED_FIRST));
        };
        Ok(Some(match command {
            C::CheckKeychain => return Ok(None),
            C::SubmitApiKey(key) => {
                io.busy(text::CHECKING_API_KEY_BUSY);
                ceremony.submit_api_key(&key).await?;
                Finished::ApiKeyAccepted
            }
            C::ConfirmLive(yes) => {
                ceremony.confirm_live(yes);
                return Ok(None);
            }
            C::GenerateSecret => {
                ceremony.generate_secret().await?;
                Finished::SecretReady
            }
            C::ImportSecret(hex) => {
                ceremony.import_secret(&hex).await?;
                Finished::SecretReady
            }
            C::StoreSecret => {
                io.busy(text::STORING_BUSY);
                ceremony.store_secret().await?;
                Finished::SecretStored
            }
            C::OpenSaveDialog => {
                let start_dir = ceremony
                    .destination()
                    .and_then(|p| p.parent().map(|d| d.to_path_buf()))
                    .unwrap_or_else(|| io.deps.core.home.clone());
                let name = store::default_file_name(io.deps.core.clock.now());
                match io
                    .ask_save_path(text::SAVE_DIALOG_TITLE, Some(start_dir), name)
                    .await?
                {
                    Some(path) => {
                        ceremony.choose_destination(path).await?;
                        Finished::DestinationChosen
                    }
                    None => Finished::NoPathChosen,
                }
            }
            C::ChooseDestination(path) => {
                ceremony.choose_destination(path).await?;
                Finished::DestinationChosen
            }
            C::Acknowledge(index, yes) => {
                ceremony.acknowledge_warning(index, yes);
                return Ok(None);
            }
            C::Review => {
                io.busy(text::FETCHING_KEY_BUSY);
                ceremony.review().await?;
                Finished::Reviewed
            }
            C::ReviewWithKeyFile(typed) => {
                let Some(path) = io.typed_or_opened(typed, text::OPEN_KEY_TITLE).await? else {
                    return Ok(Some(Finished::NoPathChosen));
                };
                io.busy(text::READING_KEY_BUSY);
                ceremony.review_with_key_file(&path).await?;
                Finished::Reviewed
            }
            C::AcknowledgeKeyChange(yes) => {
                ceremony.acknowledge_key_change(yes);
                return Ok(None);
            }
            C::ConfirmReview(yes) => {
                ceremony.confirm_review(yes);
                return Ok(None);
            }
            C::Register => {
                io.busy(text::REGISTERING_BUSY);
                let outcome = ceremony.register().await?;
                Finished::Registered(register_result(outcome, ceremony, io))
            }
            C::SaveRecovery(path) => {
                io.busy(text::WRITING_RECOVERY_BUSY);
                let path = match path {
                    Some(path) => path,
                    None => {
                        let name = store::default_file_name(io.deps.core.clock.now());
                        match io
                            .ask_save_path(text::SAVE_DIALOG_TITLE, None, name)
                            .await?
                        {
                            Some(path) => path,
                            None => return Ok(Some(Finished::NoPathChosen)),
                        }
                    }
                };
                ceremony.save_recovery(Some(path)).await?;
                Finished::RecoverySaved
            }
            C::Back => {
                if !ceremony.back() {
                    return Ok(None);
                }
                Finished::WentBack
            }
            C::RevealSecret(use_) => {
                if let Some(hex) = ceremony.expose_secret_hex() {
                    io.emit(Event::Secret(hex, use_));
                }
                return Ok(None);
            }
        }))
    }
}

/// The registration's outcome as the UI needs it. A recovery file that
/// could not be written is reported at once, the state first (registered),
/// so the screen never reads the error as "nothing was registered".
fn register_result(
    outcome: RegisterOutcome,
    ceremony: &Onboarding,
    io: &WorkerIo,
) -> RegisterResult {
    match outcome {
        RegisterOutcome::Saved(_) => RegisterResult::Saved,
        RegisterOutcome::RecoveryUnsaved(e) => {
            io.emit(Event::View(Box::new(SessionView::Onboarding(Box::new(
                Snapshot::of(ceremony),
            )))));
            io.failed(&e);
            RegisterResult::RecoveryUnsaved
        }
        RegisterOutcome::AlreadyRegistered {
            possibly_this_secret,
            request_id,
        } => RegisterResult::AlreadyRegistered {
            possibly_this_secret,
            request_id,
        },
        RegisterOutcome::OutcomeUnknown { request_id, reason } => {
            RegisterResult::OutcomeUnknown { request_id, reason }
        }
    }
}
