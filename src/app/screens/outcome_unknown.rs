//! The registration was sent and the connection lost before any answer.

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::{Command, OnboardingCommand, RegisterResult};
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
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    self.busy.is_none(),
                    egui::Button::new(text::wizard::TRY_AGAIN_SAME_SECRET),
                )
                .clicked()
            {
                self.register_result = None;
                self.screen = Screen::Registering;
                self.send(OnboardingCommand::Register);
            }
            if ui
                .add_enabled(self.busy.is_none(), egui::Button::new("Leave for now"))
                .clicked()
            {
                self.send(Command::Abandon);
            }
        });
    }
}
