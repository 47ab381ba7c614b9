//! Step 7: registration in flight, then the recovery file written and
//! verified; every failure shown with the choices that keep everything.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::{OnboardingCommand, RegisterResult};
use crate::ceremony::OnboardingStage;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn registering_ui(&mut self, ui: &mut Ui) {
        ui.heading("Registering");
        self.busy_ui(ui);
        let stage = self.snapshot.as_ref().map(|s| s.stage);
        let unsaved = self.register_result == Some(RegisterResult::RecoveryUnsaved)
            || stage == Some(OnboardingStage::Registered);
        if unsaved {
            ui.label(
                RichText::new(text::wizard::RECOVERY_UNSAVED)
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            if let Some(sha) = self
                .snapshot
                .as_ref()
                .and_then(|s| s.unsaved_recovery_sha256.clone())
            {
                ui.label(text::wizard::recovery_held(&sha));
            }
            self.messages_ui(ui);
            let enabled = self.busy.is_none();
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add_enabled(enabled, egui::Button::new(text::wizard::SAME_PLACE_AGAIN))
                    .clicked()
                {
                    let same = self.snapshot.as_ref().and_then(|s| s.destination.clone());
                    self.send(OnboardingCommand::SaveRecovery(same));
                }
                if ui
                    .add_enabled(enabled, egui::Button::new(text::home::SAVE_ELSEWHERE))
                    .clicked()
                {
                    self.send(OnboardingCommand::SaveRecovery(None));
                }
            });
            ui.label(text::wizard::DESTINATION_TYPED);
            ui.horizontal_wrapped(|ui| {
                let field = egui::TextEdit::singleline(&mut self.typed_path)
                    .desired_width(ui.available_width().min(520.0) - 130.0);
                ui.add_enabled(enabled, field)
                    .accessible_name(text::wizard::RECOVERY_FILE_PATH);
                if ui
                    .add_enabled(
                        enabled && !self.typed_path.trim().is_empty(),
                        egui::Button::new("Save here"),
                    )
                    .clicked()
                {
                    self.send(OnboardingCommand::SaveRecovery(Some(PathBuf::from(
                        self.typed_path.trim(),
                    ))));
                }
            });
            return;
        }
        if self.busy.is_none() && self.error.is_some() {
            // Registration failed before anything was registered.
            ui.label(text::wizard::REGISTER_FAILED_NOTHING_LOST);
            self.messages_ui(ui);
            if ui.button(text::wizard::BACK_TO_REVIEW).clicked() {
                self.error = None;
                self.screen = Screen::Review;
            }
        } else if self.busy.is_some() {
            ui.label(text::wizard::REGISTERING_WAIT);
        }
    }
}
