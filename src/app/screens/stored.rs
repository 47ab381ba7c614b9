//! Step 4: the keychain write and its read-back.

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn stored_ui(&mut self, ui: &mut Ui) {
        ui.heading("Stored in the keychain");
        if let Some(s) = &self.snapshot {
            ui.label(
                RichText::new("✔ Written, and read back identical through a fresh keychain entry.")
                    .strong(),
            );
            egui::Grid::new("stored-facts")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Keychain");
                    ui.label(s.backend.clone().unwrap_or_default());
                    ui.end_row();
                    ui.label("Service");
                    ui.label(RichText::new(&s.keychain_service).monospace());
                    ui.end_row();
                    ui.label("Account");
                    ui.label(
                        RichText::new(s.keychain_account.clone().unwrap_or_default()).monospace(),
                    );
                    ui.end_row();
                    ui.label("Secret fingerprint");
                    ui.label(
                        RichText::new(s.secret_fingerprint.clone().unwrap_or_default()).monospace(),
                    );
                    ui.end_row();
                });
        }
        ui.add_space(6.0);
        ui.label(text::STORED_NEXT);
        self.messages_ui(ui);
        // No Back: the secret is in the keychain now and stays there.
        let (_, next) = self.nav_ui(ui, false, "Next ▶", None);
        if next {
            self.screen = Screen::Destination;
        }
    }
}
