//! Deleting a secret: an unregistered one, or a registration's retired
//! one. The fingerprint read from the keychain just now, typed back by the
//! person; the delete button waits for a match.

use egui::{RichText, Ui};

use crate::app::session_view::DiscardKind;
use crate::app::widgets::fact_row;
use crate::app::wizard::WizardApp;
use crate::app::worker::DiscardCommand;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn discard_ui(&mut self, ui: &mut Ui) {
        let view = self.discard.clone();
        let (title, intro) = match view.as_ref().map(|v| v.kind) {
            Some(DiscardKind::Retired { in_keychain }) => (
                text::home::RETIRED_DELETE_TITLE,
                text::home::retired_delete_intro(in_keychain),
            ),
            _ => (text::home::DISCARD_TITLE, text::home::DISCARD_INTRO),
        };
        ui.heading(title);
        ui.add(egui::Label::new(intro).wrap());
        ui.add_space(8.0);
        if let Some(view) = view {
            egui::Grid::new("discard-facts")
                .num_columns(2)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    if let Some((env, app)) = &view.app {
                        fact_row(ui, "App", format!("{} {app}", env.label()));
                    }
                    fact_row(
                        ui,
                        "Keychain entry",
                        RichText::new(&view.account).monospace(),
                    );
                    fact_row(
                        ui,
                        "Fingerprint",
                        RichText::new(&view.fingerprint).monospace().strong(),
                    );
                });
            ui.add_space(6.0);
            let label = match view.kind {
                DiscardKind::Retired { in_keychain: false } => text::home::RETIRED_FORGET_BUTTON,
                _ => text::home::DISCARD_BUTTON,
            };
            if let Some(typed) = self.typed_fingerprint_ui(ui, &view.fingerprint, label) {
                self.send(DiscardCommand::Confirm(typed));
            }
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        self.back_home_ui(ui);
    }
}
