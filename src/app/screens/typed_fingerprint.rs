//! The typed confirmation of a deletion: the fingerprint read from the
//! keychain, typed back by the person; the delete button waits for a match
//! (the core checks again).

use egui::{RichText, Ui};

use crate::app::session_view::fingerprint_matches;
use crate::app::wizard::WizardApp;
use crate::text;

impl WizardApp {
    /// The field and a delete button labelled `delete_label`; returns what
    /// was typed when the button is clicked.
    pub(in crate::app) fn typed_fingerprint_ui(
        &mut self,
        ui: &mut Ui,
        fingerprint: &str,
        delete_label: &str,
    ) -> Option<String> {
        let enabled = self.busy.is_none();
        ui.label(text::home::DISCARD_FIELD);
        let field = egui::TextEdit::singleline(&mut self.discard_typed)
            .font(egui::TextStyle::Monospace)
            .desired_width(ui.available_width().min(320.0));
        ui.add_enabled(enabled, field)
            .accessible_name(text::home::DISCARD_FIELD);
        let typed = self.discard_typed.trim().to_owned();
        let matches = fingerprint_matches(&typed, fingerprint);
        if !typed.is_empty() && !matches {
            ui.label(
                RichText::new(text::home::DISCARD_MISMATCH).color(ui.visuals().error_fg_color),
            );
        }
        let mut confirmed = None;
        ui.horizontal_wrapped(|ui| {
            let delete =
                egui::Button::new(RichText::new(delete_label).color(ui.visuals().error_fg_color));
            if ui.add_enabled(enabled && matches, delete).clicked() {
                confirmed = Some(typed.clone());
            }
            if !matches {
                ui.label(RichText::new(text::home::DISCARD_WAITING).italics().weak());
            }
        });
        confirmed
    }
}
