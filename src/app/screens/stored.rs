//! Step 4: the keychain write and its read-back.

use egui::{RichText, Ui};

use crate::app::widgets::fact_row;
use crate::app::wizard::{Screen, WizardApp};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn stored_ui(&mut self, ui: &mut Ui) {
        ui.heading(text::wizard::STORED_TITLE);
        if let Some(s) = &self.snapshot {
            let what = if s.resumed {
                text::wizard::STORED_FOUND
            } else {
                text::wizard::STORED_WRITTEN
            };
            ui.add(egui::Label::new(RichText::new(what).strong()).wrap());
            egui::Grid::new("stored-facts")
                .num_columns(2)
                .show(ui, |ui| {
                    fact_row(ui, "Keychain", s.backend.clone().unwrap_or_default());
                    fact_row(
                        ui,
                        "Service",
                        RichText::new(&s.keychain_service).monospace(),
                    );
                    fact_row(
                        ui,
                        "Account",
                        RichText::new(s.keychain_account.clone().unwrap_or_default()).monospace(),
                    );
                    fact_row(
                        ui,
                        "Secret fingerprint",
                        RichText::new(s.secret_fingerprint.clone().unwrap_or_default()).monospace(),
                    );
                });
        }
        ui.add_space(6.0);
        ui.label(text::wizard::STORED_NEXT);
        self.messages_ui(ui);
        // No Back: the secret is in the keychain now and stays there.
        let (_, next) = self.nav_ui(ui, false, "Next ▶", None);
        if next {
            self.screen = Screen::Destination;
        }
    }
}
