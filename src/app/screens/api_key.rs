//! Step 2: the API key, masked, checked with Circle; TEST or LIVE and the
//! app id shown; a LIVE key needs an explicit confirmation.

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use crate::app::widgets::{described_by, endpoint_ui, fact_row};
use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::OnboardingCommand;
use crate::ceremony::OnboardingStage;
use crate::secret::Environment;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn api_key_ui(&mut self, ui: &mut Ui) {
        ui.heading("API key");
        ui.add(egui::Label::new(text::wizard::API_KEY_INTRO).wrap());
        if let Some(s) = &self.snapshot {
            endpoint_ui(ui, &s.circle_url, s.rehearsal);
        }
        ui.add_space(8.0);
        let accepted = self
            .snapshot
            .as_ref()
            .is_some_and(|s| s.stage.has_reached(OnboardingStage::KeyAccepted));
        let enabled = self.busy.is_none();

        let mut field = None;
        if !accepted {
            ui.label("Circle API key");
            let width = ui.available_width().min(620.0);
            let reveal = self.show_api_key;
            let key_field = self.api_key_field_ui(ui, reveal, width);
            // Enter in the field checks the key, as the button does.
            let enter = key_field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal_wrapped(|ui| {
                let label = if self.show_api_key {
                    "Hide key"
                } else {
                    "Show key"
                };
                if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                    self.show_api_key = !self.show_api_key;
                }
                if ui
                    .add_enabled(
                        enabled && self.clipboard.available(),
                        egui::Button::new("Paste"),
                    )
                    .clicked()
                {
                    match self.clipboard.read() {
                        Some(text) => self.api_key_filled(text.trim()),
                        None => self.notice = Some(text::wizard::CLIPBOARD_EMPTY.to_owned()),
                    }
                }
                if ui
                    .add_enabled(
                        enabled && !self.api_key_field.is_empty(),
                        egui::Button::new("Clear"),
                    )
                    .clicked()
                {
                    self.api_key_field.clear();
                }
                if self.rehearsal
                    && ui
                        .add_enabled(enabled, egui::Button::new(text::wizard::USE_PRACTICE_KEY))
                        .clicked()
                {
                    self.api_key_filled(&practice_api_key());
                }
            });
            ui.add(egui::Label::new(RichText::new(text::wizard::API_KEY_PASTE_HINT).weak()).wrap());
            // Shape problems are shown once judged (sent, or a pause in
            // typing), before anything is sent.
            let shape = self.api_key_shape_ui(ui, &key_field);
            let can_check = enabled && shape.is_some();
            let clicked = ui
                .add_enabled(can_check, egui::Button::new(text::wizard::CHECK_KEY))
                .clicked()
                || (enter && can_check);
            if let Some(key) = self.api_key_sent(clicked, shape.as_ref()) {
                self.send(OnboardingCommand::SubmitApiKey(key));
            }
            field = Some(key_field);
        }

        self.busy_ui(ui);
        let error = self.messages_ui(ui);
        // What Circle or the ceremony said about the key describes its
        // field.
        if let (Some(field), Some(error)) = (&field, &error) {
            described_by(field, error);
        }

        let mut live_confirmed = true;
        if let (true, Some(s)) = (accepted, self.snapshot.as_ref()) {
            let env = s.environment.map_or("?", Environment::label);
            ui.label(
                RichText::new(text::wizard::key_accepted(
                    &s.masked_api_key.clone().unwrap_or_default(),
                ))
                .strong(),
            );
            egui::Grid::new("api-key-facts")
                .num_columns(2)
                .show(ui, |ui| {
                    fact_row(ui, "Environment", RichText::new(env).strong());
                    fact_row(
                        ui,
                        "App id",
                        RichText::new(s.app_id.clone().unwrap_or_default()).monospace(),
                    );
                });
            if s.environment == Some(Environment::Live) {
                ui.add_space(6.0);
                ui.label(
                    RichText::new(text::wizard::LIVE_WARNING).color(ui.visuals().warn_fg_color),
                );
                let mut confirmed = s.live_confirmed;
                if ui
                    .checkbox(&mut confirmed, text::wizard::LIVE_CONFIRM)
                    .changed()
                {
                    self.send(OnboardingCommand::ConfirmLive(confirmed));
                    if let Some(snap) = self.snapshot.as_mut() {
                        snap.live_confirmed = confirmed;
                    }
                }
                live_confirmed = confirmed;
            }
        }
        let blocked = if !accepted && error.is_some() {
            // Circle may well have accepted it, and the ceremony still
            // cannot go on: say what is true.
            Some(text::window::KEY_CANNOT_GO_ON)
        } else if !accepted {
            Some(text::wizard::KEY_NOT_ACCEPTED_YET)
        } else if !live_confirmed {
            Some(text::wizard::LIVE_NOT_CONFIRMED_YET)
        } else {
            None
        };
        let (back, next) = self.nav_ui(ui, true, "Next ▶", blocked);
        if back {
            if accepted {
                self.send(OnboardingCommand::Back);
            }
            self.screen = Screen::Keychain;
        }
        if next {
            // A carried-on ceremony has its secret already: it was read
            // back from the keychain when the key was accepted.
            let stored = self
                .snapshot
                .as_ref()
                .is_some_and(|s| s.stage.has_reached(OnboardingStage::SecretStored));
            self.screen = if stored {
                Screen::Stored
            } else {
                Screen::Secret
            };
        }
    }
}

/// A practice key for the simulated Circle, which accepts any well-formed
/// TEST key.
pub(in crate::app) fn practice_api_key() -> Zeroizing<String> {
    Zeroizing::new(format!(
        "TEST_API_KEY:rehearsal{}:practice",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    ))
}
