//! The registration was sent and the connection lost before any answer:
//! the way forward is to ask Circle which secret it holds.

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::{Command, RegisterResult, Start};
use crate::ceremony::CheckSubject;
use crate::ceremony::status::NextStep;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn outcome_unknown_ui(&mut self, ui: &mut Ui) {
        ui.heading(text::wizard::OUTCOME_UNKNOWN_TITLE);
        ui.label(RichText::new(text::wizard::OUTCOME_UNKNOWN).strong());
        if let Some(s) = &self.snapshot {
            ui.label(text::wizard::secret_kept_unknown(
                &s.secret_fingerprint.clone().unwrap_or_default(),
                &s.keychain_service,
                &s.keychain_account.clone().unwrap_or_default(),
            ));
        }
        if let Some(RegisterResult::OutcomeUnknown { request_id, reason }) = &self.register_result {
            ui.label(RichText::new(reason).italics());
            if let Some(id) = request_id {
                ui.label(text::wizard::request_id(id));
            }
        }
        ui.label(text::wizard::OUTCOME_UNKNOWN_NEXT);
        self.messages_ui(ui);
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            self.check_this_ceremony_ui(ui);
            if ui
                .add_enabled(
                    self.busy.is_none(),
                    egui::Button::new(text::wizard::LEAVE_FOR_NOW),
                )
                .clicked()
            {
                self.send(Command::Abandon);
            }
        });
    }

    /// "Check with Circle…" for the onboarding ceremony on screen, which
    /// Circle may hold: never a blind re-send, Circle is asked which secret
    /// it holds.
    pub(in crate::app) fn check_this_ceremony_ui(&mut self, ui: &mut Ui) {
        let entry = self.snapshot.as_ref().and_then(|s| s.entry.clone());
        let check = text::status::next_step_label(NextStep::CheckWithCircle);
        if ui
            .add_enabled(
                self.busy.is_none() && entry.is_some(),
                egui::Button::new(check),
            )
            .on_hover_text(text::status::next_step_help(NextStep::CheckWithCircle))
            .clicked()
            && let Some(entry) = entry
        {
            let rehearsal = self.rehearsal;
            self.open(
                Screen::Check,
                rehearsal,
                Start::Check {
                    rehearsal,
                    subject: CheckSubject::Unfinished(Box::new(entry)),
                },
            );
        }
    }
}
