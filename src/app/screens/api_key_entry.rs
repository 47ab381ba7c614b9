//! An API key typed for one request or one check, wherever one is asked
//! for outside the onboarding's own step: masked, a practice key in
//! rehearsal, its shape checked as typed, sent by a button or Enter.

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use super::api_key::practice_api_key;
use crate::app::wizard::WizardApp;
use crate::secret::ApiKey;
use crate::text;

impl WizardApp {
    /// Draw the field and a button labelled `send_label`; returns the key
    /// typed when the person sends it.
    pub(in crate::app) fn api_key_entry_ui(
        &mut self,
        ui: &mut Ui,
        send_label: &str,
    ) -> Option<Zeroizing<String>> {
        let enabled = self.busy.is_none();
        let width = ui.available_width().min(620.0);
        let field = ui
            .add_enabled_ui(enabled, |ui| {
                self.api_key_field.ui(ui, "API key", false, width)
            })
            .inner;
        let enter = field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let shape =
            (!self.api_key_field.is_empty()).then(|| ApiKey::parse(self.api_key_field.text()));
        if let Some(Err(e)) = &shape {
            ui.label(RichText::new(e.to_string()).color(ui.visuals().error_fg_color));
        }
        let well_formed = matches!(shape, Some(Ok(_)));
        let mut send = false;
        ui.horizontal_wrapped(|ui| {
            send = ui
                .add_enabled(enabled && well_formed, egui::Button::new(send_label))
                .clicked()
                || (enter && enabled && well_formed);
            if self.rehearsal
                && ui
                    .add_enabled(enabled, egui::Button::new(text::wizard::USE_PRACTICE_KEY))
                    .clicked()
            {
                self.api_key_field.set_text(&practice_api_key());
            }
        });
        send.then(|| Zeroizing::new(self.api_key_field.text().to_owned()))
    }
}
