//! Circle's public key: fetched from Circle with the API key (given again
//! for a ceremony carried on: it is never kept), or imported from a file —
//! the only way for a registration through Console, which never talks to
//! Circle. Its fingerprint is compared with the one on record; a change is
//! shown loudly and must be acknowledged before any ciphertext is made.

use egui::{RichText, Ui};

use super::secret::app_facts_ui;
use crate::app::console_view::ConsoleView;
use crate::app::wizard::WizardApp;
use crate::app::worker::ConsoleCommand;
use crate::ceremony::console::{ConsoleKind, ConsoleStage};
use crate::text::{self, console as words};

impl WizardApp {
    pub(super) fn console_key_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        ui.label(RichText::new(words::STAGED).strong());
        app_facts_ui(ui, view);
        ui.add_space(6.0);
        self.pending_handoff_offer_ui(ui, view);
        if view.stage == ConsoleStage::ShownForConsole {
            // Carried on after ciphertexts were shown: Console may have
            // acted already; the answer needs no key.
            ui.add(egui::Label::new(RichText::new(words::RESUMED_SHOWN).strong()).wrap());
            self.console_did_ui(ui, view);
            ui.add_space(6.0);
        }
        ui.label(RichText::new(words::KEY_HEADING).strong());
        match &view.key {
            None => self.console_key_sources_ui(ui, view),
            Some(key) => {
                if let Some(ack) = self.key_facts_ui(ui, key, view.key_change_acknowledged) {
                    self.send(ConsoleCommand::AcknowledgeKeyChange(ack));
                    if let Some(v) = self.console.as_mut() {
                        v.key_change_acknowledged = ack;
                    }
                }
                egui::CollapsingHeader::new(text::home::USE_ANOTHER_KEY)
                    .show(ui, |ui| self.console_key_sources_ui(ui, view));
            }
        }
        let blocked = if view.key.is_none() {
            Some(text::home::KEY_NEEDED)
        } else if !self
            .console
            .as_ref()
            .is_some_and(|v| v.key_change_acknowledged)
        {
            Some(text::home::KEY_CHANGE_NEEDED)
        } else {
            None
        };
        ui.add_space(6.0);
        ui.add(egui::Label::new(words::SHOW_EXPLAINED).wrap());
        let (_, next) = self.nav_ui(ui, false, words::SHOW_BUTTON, blocked);
        if next {
            self.send(ConsoleCommand::MakeCiphertexts);
        }
        self.console_footer_ui(ui);
    }

    /// From Circle (not for the offline registration), or from a file.
    fn console_key_sources_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        if view.kind != ConsoleKind::Registration {
            ui.label(RichText::new(text::home::KEY_FROM_CIRCLE).strong());
            if view.masked_api_key.is_some() {
                if ui
                    .add_enabled(
                        self.busy.is_none(),
                        egui::Button::new(text::home::FETCH_KEY),
                    )
                    .clicked()
                {
                    self.send(ConsoleCommand::FetchKey(None));
                }
            } else {
                ui.add(egui::Label::new(text::home::KEY_FROM_CIRCLE_HINT).wrap());
                if let Some(key) = self.api_key_entry_ui(ui, text::home::FETCH_KEY) {
                    self.send(ConsoleCommand::FetchKey(Some(key)));
                }
            }
            ui.add_space(6.0);
            ui.label(RichText::new(text::home::KEY_FROM_FILE).strong());
        } else {
            ui.add(egui::Label::new(words::KEY_OFFLINE).wrap());
        }
        self.key_file_ui(ui, text::home::IMPORT_KEY, |path| {
            ConsoleCommand::ImportKey(path).into()
        });
    }
}
