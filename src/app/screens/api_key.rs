//! Step 2: the API key, masked, checked with Circle; TEST or LIVE and the
//! app id shown; a LIVE key needs an explicit confirmation.

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use crate::app::widgets::fact_row;
use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::OnboardingCommand;
use crate::ceremony::OnboardingStage;
use crate::secret::{ApiKey, Environment};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn api_key_ui(&mut self, ui: &mut Ui) {
        ui.heading("API key");
        ui.label(text::wizard::API_KEY_INTRO);
        ui.add_space(8.0);
        let accepted = self
            .snapshot
            .as_ref()
            .is_some_and(|s| s.stage.has_reached(OnboardingStage::KeyAccepted));
        let enabled = self.busy.is_none();

        if !accepted {
            ui.label("Circle API key");
            let width = ui.available_width().min(620.0);
            let reveal = self.show_api_key;
            let field = ui
                .add_enabled_ui(enabled, |ui| {
                    self.api_key_field.ui(ui, "API key", reveal, width)
                })
                .inner;
            // Enter in the field checks the key, as the button does.
            let enter = field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
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
                        Some(text) => self.api_key_field.set_text(text.trim()),
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
                    self.api_key_field.set_text(&practice_api_key());
                }
            });
            ui.label(RichText::new(text::wizard::API_KEY_PASTE_HINT).weak());
            // Shape problems are shown as typed, before anything is sent.
            let shape =
                (!self.api_key_field.is_empty()).then(|| ApiKey::parse(self.api_key_field.text()));
            let shape_error = match &shape {
                Some(Err(e)) => Some(e.to_string()),
                _ => None,
            };
            if let Some(e) = &shape_error {
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
            }
            let can_check = enabled && matches!(shape, Some(Ok(_)));
            if ui
                .add_enabled(can_check, egui::Button::new(text::wizard::CHECK_KEY))
                .clicked()
                || (enter && can_check)
            {
                self.send(OnboardingCommand::SubmitApiKey(Zeroizing::new(
                    self.api_key_field.text().to_owned(),
                )));
            }
        }

        self.busy_ui(ui);
        self.messages_ui(ui);

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
        let blocked = if !accepted {
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
