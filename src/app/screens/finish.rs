//! Finishing a ceremony Circle accepted: a recovery file found whole in a
//! temporary file is saved first (where it was going, or elsewhere), then
//! the secret is moved into place and the record written.

use egui::{RichText, Ui};

use super::unfinished_list::entry_heading_ui;
use crate::app::chrome::log_problem_ui;
use crate::app::session_view::FinishingView;
use crate::app::widgets::{recovery_warning_ui, registration_facts, typed_path_ui};
use crate::app::wizard::WizardApp;
use crate::app::worker::{FinishingCommand, LeftoverTarget};
use crate::store::RegistrationRecord;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn finish_ui(&mut self, ui: &mut Ui) {
        ui.heading(text::home::FINISH_TITLE);
        let view = self.finishing.clone();
        if let Some(e) = view.as_ref().and_then(|v| v.entry.as_ref()) {
            entry_heading_ui(ui, e, &e.keychain_account);
        }
        ui.add_space(6.0);
        match &view {
            Some(FinishingView {
                record: Some(record),
                ..
            }) => self.finished_ui(ui, record),
            Some(FinishingView {
                leftover: Some(left),
                ..
            }) => {
                ui.add(
                    egui::Label::new(
                        RichText::new(text::home::leftover_found(
                            &left.temp,
                            &left.target,
                            &left.sha256,
                        ))
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                    )
                    .wrap(),
                );
                self.leftover_buttons_ui(ui);
            }
            Some(_) => {
                ui.add(egui::Label::new(text::home::FINISH_READY).wrap());
                if ui
                    .add_enabled(
                        self.busy.is_none(),
                        egui::Button::new(RichText::new(text::home::FINISH_BUTTON).strong()),
                    )
                    .clicked()
                {
                    self.send(FinishingCommand::Complete);
                }
            }
            None => {}
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        log_problem_ui(ui, view.as_ref().and_then(|v| v.log_problem.as_deref()));
        self.back_home_ui(ui);
    }

    fn leftover_buttons_ui(&mut self, ui: &mut Ui) {
        let enabled = self.busy.is_none();
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(
                    enabled,
                    egui::Button::new(text::home::SAVE_WHERE_IT_WAS_GOING),
                )
                .clicked()
            {
                self.send(FinishingCommand::SaveLeftover(
                    LeftoverTarget::WhereItWasGoing,
                ));
            }
            if ui
                .add_enabled(enabled, egui::Button::new(text::home::SAVE_ELSEWHERE))
                .clicked()
            {
                self.send(FinishingCommand::SaveLeftover(LeftoverTarget::Dialog));
            }
        });
        ui.add(egui::Label::new(text::wizard::DESTINATION_TYPED).wrap());
        if let Some(path) = typed_path_ui(
            ui,
            &mut self.typed_path,
            text::wizard::RECOVERY_FILE_PATH,
            text::home::SAVE_HERE,
            enabled,
        ) {
            self.send(FinishingCommand::SaveLeftover(LeftoverTarget::Path(path)));
        }
    }

    fn finished_ui(&mut self, ui: &mut Ui, record: &RegistrationRecord) {
        ui.label(RichText::new(text::home::FINISHED).strong());
        registration_facts(ui, "finished-facts", record);
        recovery_warning_ui(ui, record);
        self.documents_ui(ui, record);
    }
}
