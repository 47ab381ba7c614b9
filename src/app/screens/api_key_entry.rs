//! An API key typed for one request or one check, wherever one is asked
//! for outside the onboarding's own step: masked, a practice key in
//! rehearsal, its shape judged once the person sends it or stops typing,
//! sent by a button or Enter.

use egui::{Response, RichText, Ui};
use zeroize::Zeroizing;

use super::api_key::practice_api_key;
use crate::app::widgets::{announce, describe, described_by};
use crate::app::wizard::WizardApp;
use crate::secret::{ApiKey, ApiKeyError};
use crate::text;

/// How long typing must pause before a half-typed key is judged: a valid
/// prefix being typed is not an error yet.
const JUDGE_AFTER_SECONDS: f64 = 1.5;

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
        let field = self.api_key_field_ui(ui, false, width);
        let enter = field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let shape = self.api_key_shape_ui(ui, &field);
        let mut clicked = false;
        ui.horizontal_wrapped(|ui| {
            clicked = ui
                .add_enabled(enabled && shape.is_some(), egui::Button::new(send_label))
                .clicked()
                || (enter && enabled && shape.is_some());
            if self.rehearsal
                && ui
                    .add_enabled(enabled, egui::Button::new(text::wizard::USE_PRACTICE_KEY))
                    .clicked()
            {
                self.api_key_filled(&practice_api_key());
            }
        });
        self.api_key_sent(clicked, shape.as_ref())
    }

    /// The masked field, described by the paste hint; a typed change is
    /// noted for the pause before judging.
    pub(in crate::app) fn api_key_field_ui(
        &mut self,
        ui: &mut Ui,
        reveal: bool,
        width: f32,
    ) -> Response {
        let enabled = self.busy.is_none();
        let field = ui
            .add_enabled_ui(enabled, |ui| {
                self.api_key_field.ui(ui, "API key", reveal, width)
            })
            .inner;
        describe(&field, text::wizard::API_KEY_PASTE_HINT);
        if field.changed() {
            self.api_key_edited_at = Some(ui.input(|i| i.time));
            self.api_key_judged = false;
        }
        field
    }

    /// The field filled with a whole key (pasted, the practice key):
    /// judged at once.
    pub(in crate::app) fn api_key_filled(&mut self, key: &str) {
        self.api_key_field.set_text(key);
        self.api_key_edited_at = None;
        self.api_key_judged = true;
    }

    /// The typed key's shape (`None` when the field is empty). What is
    /// wrong with it is shown only once it is judged: after the person
    /// tried to send it, or stopped typing for a moment. It is then tied to
    /// the field (which a screen reader describes by it) and read out.
    pub(in crate::app) fn api_key_shape_ui(
        &mut self,
        ui: &mut Ui,
        field: &Response,
    ) -> Option<Result<ApiKey, ApiKeyError>> {
        if self.api_key_field.is_empty() {
            return None;
        }
        let shape = ApiKey::parse(self.api_key_field.text());
        let now = ui.input(|i| i.time);
        let paused = match self.api_key_edited_at {
            Some(at) if now - at < JUDGE_AFTER_SECONDS => {
                // Wake up when the pause is long enough to judge.
                ui.ctx()
                    .request_repaint_after_secs((JUDGE_AFTER_SECONDS - (now - at)) as f32);
                false
            }
            _ => true,
        };
        if let (Err(e), true) = (&shape, self.api_key_judged || paused) {
            let complaint = ui.add(
                egui::Label::new(RichText::new(e.to_string()).color(ui.visuals().error_fg_color))
                    .wrap(),
            );
            described_by(field, &complaint);
            announce(&complaint, true);
        }
        Some(shape)
    }

    /// The send button was clicked (or Enter pressed): the key when it is
    /// well-formed, or else it is judged now (its complaint shown).
    pub(in crate::app) fn api_key_sent(
        &mut self,
        clicked: bool,
        shape: Option<&Result<ApiKey, ApiKeyError>>,
    ) -> Option<Zeroizing<String>> {
        if !clicked {
            return None;
        }
        match shape {
            Some(Ok(_)) => Some(Zeroizing::new(self.api_key_field.text().to_owned())),
            _ => {
                self.api_key_judged = true;
                None
            }
        }
    }
}
