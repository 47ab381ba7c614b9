//! Checking with Circle which secret it holds: to prove a registration
//! works, or to settle an item that got no clear answer. An API key, then
//! exactly what the call creates (an empty wallet set, by name, which
//! stays in the account) with an explicit consent, then Circle's answer
//! and what it means for the person.

use egui::{RichText, Ui};

use crate::app::check_view::CheckView;
use crate::app::chrome::log_problem_ui;
use crate::app::widgets::fact_row;
use crate::app::wizard::WizardApp;
use crate::app::worker::CheckCommand;
use crate::text::{self, check as words};

impl WizardApp {
    pub(in crate::app) fn check_ui(&mut self, ui: &mut Ui) {
        let Some(view) = self.check.clone() else {
            ui.heading(words::CHECK_TITLE);
            self.busy_ui(ui);
            self.messages_ui(ui);
            self.back_home_ui(ui);
            return;
        };
        ui.heading(words::title(&view.of));
        ui.add(egui::Label::new(words::intro(&view.of)).wrap());
        ui.add_space(6.0);
        egui::Grid::new("check-facts")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                fact_row(
                    ui,
                    words::APP,
                    text::home::item_title(view.rehearsal, view.environment, &view.app_id),
                );
                fact_row(
                    ui,
                    words::KEYCHAIN_ENTRY,
                    RichText::new(&view.account).monospace(),
                );
                if let Some(fp) = &view.fingerprint {
                    fact_row(ui, words::SECRET, RichText::new(fp).monospace());
                }
            });
        ui.add_space(6.0);
        if view.answer.is_some() {
            self.check_answer_ui(ui, &view);
        } else if view.key_given {
            self.check_consent_ui(ui, &view);
        } else {
            ui.label(RichText::new(words::API_KEY_HEADING).strong());
            ui.add(egui::Label::new(words::API_KEY_HINT).wrap());
            if let Some(key) = self.api_key_entry_ui(ui, text::wizard::CHECK_KEY) {
                self.send(CheckCommand::GiveApiKey(key));
            }
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        log_problem_ui(ui, view.log_problem.as_deref());
        self.back_home_ui(ui);
    }

    /// What the call creates, said before the person consents.
    fn check_consent_ui(&mut self, ui: &mut Ui, view: &CheckView) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(words::WHAT_IT_CREATES).strong());
            ui.add(egui::Label::new(words::creates(&view.wallet_set_name)).wrap());
        });
        let mut consent = self.console_inputs.consent;
        if ui
            .add_enabled(
                self.busy.is_none(),
                egui::Checkbox::new(&mut consent, words::consent(&view.wallet_set_name)),
            )
            .changed()
        {
            self.console_inputs.consent = consent;
            self.send(CheckCommand::Consent(consent));
        }
        ui.horizontal_wrapped(|ui| {
            let ask = ui.add_enabled(
                self.busy.is_none() && consent,
                egui::Button::new(RichText::new(words::ASK_BUTTON).strong()),
            );
            if ask.clicked() {
                self.send(CheckCommand::Run);
            }
            if !consent {
                ui.label(RichText::new(words::CONSENT_WAITING).italics().weak());
            }
        });
    }

    /// Circle's answer, and what became of the secret.
    fn check_answer_ui(&mut self, ui: &mut Ui, view: &CheckView) {
        let Some(answer) = &view.answer else {
            return;
        };
        ui.label(RichText::new(words::answer(answer)).strong());
        if let Some(id) = words::answer_request_id(answer) {
            ui.label(text::wizard::request_id(id));
        }
        match &view.settled {
            Some(settled) => {
                ui.add(egui::Label::new(words::settled(settled, &view.of)).wrap());
            }
            None => {
                if ui
                    .add_enabled(self.busy.is_none(), egui::Button::new(words::SETTLE_AGAIN))
                    .clicked()
                {
                    self.send(CheckCommand::Settle);
                }
            }
        }
    }
}
