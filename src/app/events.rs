//! The worker's news, applied to the window's state once per frame.

use std::time::Instant;

use super::session_view::SessionView;
use super::widgets::ErrorView;
use super::wizard::{OpenDialog, REVEAL_FOR, Screen, WizardApp};
use super::worker::{Command, DocumentKind, Event, Finished, RegisterResult, SecretUse};
use crate::text;

impl WizardApp {
    pub(super) fn drain_events(&mut self) {
        while let Some(event) = self.worker.try_recv() {
            match event {
                Event::Busy(what) => self.busy = Some(what),
                Event::View(view) => self.show_view(*view),
                Event::NoCeremony => {
                    // Nothing typed for a ceremony outlives it.
                    self.api_key_field.clear();
                    self.import_field.clear();
                    self.show_api_key = false;
                    self.snapshot = None;
                    self.finishing = None;
                    self.ciphertext = None;
                    self.discard = None;
                    self.console = None;
                    self.check = None;
                    self.console_inputs = Default::default();
                    self.made = None;
                    self.busy = None;
                    self.screen = Screen::Start;
                    self.send(Command::LoadStatus);
                }
                Event::Failed(e) => {
                    self.busy = None;
                    self.error = Some(e);
                }
                Event::Status(s) => {
                    self.busy = None;
                    self.status = Some(*s);
                }
                Event::Secret(hex, SecretUse::Reveal) => {
                    self.revealed = Some((hex, Instant::now() + REVEAL_FOR));
                }
                Event::Secret(hex, SecretUse::Copy) => {
                    if let Err(e) = self.clipboard.copy(hex, Instant::now()) {
                        self.error = Some(ErrorView {
                            message: text::wizard::copy_failed(&e),
                            next_step: text::wizard::CLIPBOARD_FAILED.to_owned(),
                            request_id: None,
                        });
                    }
                }
                Event::Finished(f) => {
                    self.busy = None;
                    self.on_finished(f);
                }
                Event::Handoff(news) => self.on_handoff(*news),
                Event::DialogOpen { saving } => {
                    self.dialog_open = Some(OpenDialog {
                        saving,
                        busy_before: self.busy,
                    });
                    self.busy = Some(text::dialog::OPEN_BUSY);
                }
                Event::DialogClosed(note) => {
                    self.dialog_note = note;
                    // The command goes on (or ends with its own news).
                    if let Some(open) = self.dialog_open.take() {
                        self.busy = open.busy_before;
                    }
                }
            }
        }
    }

    fn show_view(&mut self, view: SessionView) {
        match view {
            SessionView::Onboarding(s) => self.snapshot = Some(*s),
            SessionView::Finishing(f) => self.finishing = Some(*f),
            SessionView::Ciphertext(c) => self.ciphertext = Some(*c),
            SessionView::Discard(d) => self.discard = Some(*d),
            SessionView::Console(c) => self.console = Some(*c),
            SessionView::Check(c) => self.check = Some(*c),
        }
    }

    fn on_finished(&mut self, finished: Finished) {
        match finished {
            Finished::KeychainChecked
            | Finished::WentBack
            | Finished::DiscardReady
            | Finished::Completed
            | Finished::Opened
            | Finished::Progressed => {}
            Finished::ApiKeyAccepted => {
                // The key now lives in the ceremony; drop the typed copy.
                self.api_key_field.clear();
                self.show_api_key = false;
            }
            Finished::SecretReady => {
                self.import_field.clear();
                self.importing = false;
            }
            Finished::SecretStored => {
                self.hide_secret();
                self.screen = Screen::Stored;
            }
            // The dialog's own news already said why.
            Finished::NoPathChosen => {}
            Finished::DestinationChosen => {
                if let Some(path) = self.snapshot.as_ref().and_then(|s| s.destination.clone()) {
                    self.typed_path = path.display().to_string();
                }
                if let Some(path) = self.console.as_ref().and_then(|c| c.destination.clone()) {
                    self.console_inputs.destination = path.display().to_string();
                }
            }
            Finished::Reviewed => self.screen = Screen::Review,
            Finished::Registered(result) => {
                self.screen = match &result {
                    RegisterResult::Saved => Screen::Done,
                    RegisterResult::RecoveryUnsaved => Screen::Registering,
                    RegisterResult::AlreadyRegistered { .. } => Screen::AlreadyRegistered,
                    RegisterResult::OutcomeUnknown { .. } => Screen::OutcomeUnknown,
                };
                if self.screen == Screen::Done {
                    // The Done screen's document path starts empty, not as
                    // the recovery file's path (saving there always fails).
                    self.typed_path.clear();
                }
                self.register_result = Some(result);
            }
            Finished::RecoverySaved => {
                self.typed_path.clear();
                self.screen = Screen::Done;
            }
            Finished::DocumentSaved(kind, path) => {
                if self.screen == Screen::Start {
                    // The home screen has no list of its own: say it once.
                    self.notice = Some(match kind {
                        DocumentKind::CalendarReminder => text::home::reminder_saved(&path),
                        DocumentKind::CeremonyRecord => text::home::record_saved(&path),
                    });
                } else {
                    self.saved_documents.push((kind, path));
                }
            }
            Finished::Discarded => {
                let fingerprint = self.discard.take().map(|d| d.fingerprint);
                self.discard_typed.clear();
                self.screen = Screen::Start;
                self.send(Command::LoadStatus);
                self.notice = Some(text::home::discarded(&fingerprint.unwrap_or_default()));
            }
            Finished::Dismissed => {
                self.send(Command::LoadStatus);
                self.notice = Some(text::home::DISMISSED.to_owned());
            }
            Finished::LeftoverSaved(path) => {
                self.typed_path.clear();
                self.notice = Some(text::home::leftover_saved(&path));
            }
            Finished::KeyReady => {
                self.api_key_field.clear();
                self.show_api_key = false;
                self.made = None;
            }
            Finished::CiphertextMade(ciphertext) => {
                let count = self.made.as_ref().map_or(0, |(_, n)| *n) + 1;
                self.made = Some((ciphertext, count));
            }
            Finished::SimulatorKeySaved(path) => {
                self.key_path = path.display().to_string();
                self.notice = Some(text::home::simulator_key_saved(&path));
            }
            Finished::CiphertextFileSaved(path) => {
                self.notice = Some(text::console::ciphertext_saved(&path));
            }
            Finished::SimulatedConsoleAccepted => {
                // Used now: Console never takes them again.
                self.console_inputs.sim_current.clear();
                self.console_inputs.sim_new.clear();
                self.console_inputs.sim_offers_download = true;
            }
            Finished::SimulatedDownloaded(path) => {
                self.console_inputs.sim_offers_download = false;
                self.console_inputs.recovery_file = path.display().to_string();
                self.notice = Some(text::console::simulated_downloaded(&path));
            }
            Finished::RetiredDeleted(fingerprint) => {
                self.discard = None;
                self.discard_typed.clear();
                self.screen = Screen::Start;
                self.send(Command::LoadStatus);
                self.notice = Some(text::home::retired_deleted(&fingerprint));
            }
        }
    }
}
