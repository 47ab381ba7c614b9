//! Ciphertexts on demand: a registration's secret encrypted afresh with
//! Circle's key (from Circle, or from a file with no network), shown to
//! copy into a Console form or an API call. Single-use: "Make another" for
//! every use.

use egui::{RichText, Ui};

use crate::app::chrome::log_problem_ui;
use crate::app::session_view::CiphertextView;
use crate::app::widgets::fact_row;
use crate::app::wizard::WizardApp;
use crate::app::worker::CiphertextCommand;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn ciphertext_ui(&mut self, ui: &mut Ui) {
        ui.heading(text::home::CIPHERTEXT_TITLE);
        ui.add(egui::Label::new(text::home::CIPHERTEXT_INTRO).wrap());
        ui.add_space(6.0);
        let Some(view) = self.ciphertext.clone() else {
            self.busy_ui(ui);
            self.messages_ui(ui);
            self.back_home_ui(ui);
            return;
        };
        let r = &view.record;
        egui::Grid::new("ciphertext-registration")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                fact_row(
                    ui,
                    "Registration",
                    text::home::item_title(r.rehearsal, r.environment, &r.app_id),
                );
                fact_row(
                    ui,
                    "Secret fingerprint",
                    RichText::new(&r.secret_fingerprint).monospace(),
                );
                fact_row(
                    ui,
                    "Keychain entry",
                    RichText::new(format!("{} / {}", r.keychain_service, r.keychain_account))
                        .monospace(),
                );
            });
        ui.add_space(6.0);
        match &view.key {
            None => self.key_sources_ui(ui),
            Some(key) => {
                if let Some(ack) = self.key_facts_ui(ui, key, view.key_change_acknowledged) {
                    self.send(CiphertextCommand::AcknowledgeKeyChange(ack));
                    if let Some(v) = self.ciphertext.as_mut() {
                        v.key_change_acknowledged = ack;
                    }
                }
                ui.add_space(6.0);
                self.make_ui(ui, &view);
                egui::CollapsingHeader::new(text::home::USE_ANOTHER_KEY)
                    .show(ui, |ui| self.key_sources_ui(ui));
            }
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        log_problem_ui(ui, view.log_problem.as_deref());
        self.back_home_ui(ui);
    }

    /// Circle's key from Circle (with an API key of this app) or a file.
    fn key_sources_ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new(text::home::KEY_FROM_CIRCLE).strong());
        ui.add(egui::Label::new(text::home::KEY_FROM_CIRCLE_HINT).wrap());
        if let Some(key) = self.api_key_entry_ui(ui, text::home::FETCH_KEY) {
            self.send(CiphertextCommand::FetchKey(key));
        }
        ui.add_space(6.0);
        ui.label(RichText::new(text::home::KEY_FROM_FILE).strong());
        self.key_file_ui(ui, text::home::IMPORT_KEY, |path| {
            CiphertextCommand::ImportKey(path).into()
        });
    }

    /// The make button, and the last ciphertext made.
    fn make_ui(&mut self, ui: &mut Ui, view: &CiphertextView) {
        let enabled = self.busy.is_none();
        let blocked = if view.key.is_none() {
            Some(text::home::KEY_NEEDED)
        } else if !view.may_make() {
            Some(text::home::KEY_CHANGE_NEEDED)
        } else {
            None
        };
        let label = if self.made.is_some() {
            text::home::MAKE_ANOTHER
        } else {
            text::home::MAKE
        };
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(
                    enabled && blocked.is_none(),
                    egui::Button::new(RichText::new(label).strong()),
                )
                .clicked()
            {
                self.send(CiphertextCommand::Make);
            }
            if let Some(why) = blocked {
                ui.label(RichText::new(why).italics().weak());
            }
        });
        let Some((ciphertext, _)) = self.made.clone() else {
            return;
        };
        ui.add_space(6.0);
        ui.label(RichText::new(text::home::CIPHERTEXT).strong());
        self.ciphertext_block_ui(ui, &ciphertext, text::home::COPY);
        ui.add(egui::Label::new(RichText::new(text::home::SINGLE_USE).strong()).wrap());
    }
}
