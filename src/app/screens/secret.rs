//! Step 3: generate a secret, or import an existing one; fingerprint shown,
//! the secret itself masked, revealed only on request for 30 seconds, copied
//! to a clipboard that clears itself.

use std::time::Instant;

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use crate::app::widgets::fact_row;
use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::{OnboardingCommand, SecretUse};
use crate::ceremony::OnboardingStage;
use crate::secret::EntitySecret;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn secret_ui(&mut self, ui: &mut Ui) {
        ui.heading("Entity secret");
        ui.label(text::wizard::SECRET_INTRO);
        ui.add_space(8.0);
        let enabled = self.busy.is_none();
        let snapshot = self.snapshot.clone();
        let have_secret = snapshot
            .as_ref()
            .is_some_and(|s| s.stage.has_reached(OnboardingStage::SecretReady));

        ui.horizontal(|ui| {
            let label = if have_secret {
                text::wizard::GENERATE_DIFFERENT
            } else {
                text::wizard::GENERATE
            };
            if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                self.hide_secret();
                self.send(OnboardingCommand::GenerateSecret);
            }
            let label = if self.importing {
                "Cancel import"
            } else {
                text::wizard::IMPORT_SECRET
            };
            if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                self.importing = !self.importing;
                self.import_field.clear();
            }
        });

        if self.importing {
            ui.add_space(6.0);
            ui.label(text::wizard::SECRET_IMPORT_HINT);
            let width = ui.available_width().min(620.0);
            let field = self
                .import_field
                .ui(ui, text::wizard::EXISTING_SECRET, false, width);
            let enter = field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let check = (!self.import_field.is_empty())
                .then(|| EntitySecret::from_hex(self.import_field.text()));
            match &check {
                Some(Ok(s)) => {
                    ui.label(text::wizard::import_well_formed(&s.fingerprint()));
                }
                Some(Err(e)) => {
                    ui.label(RichText::new(e.to_string()).color(ui.visuals().error_fg_color));
                }
                None => {}
            }
            if ui
                .add_enabled(
                    enabled && matches!(check, Some(Ok(_))),
                    egui::Button::new(text::wizard::USE_THIS_SECRET),
                )
                .clicked()
                || (enter && enabled && matches!(check, Some(Ok(_))))
            {
                self.hide_secret();
                self.send(OnboardingCommand::ImportSecret(Zeroizing::new(
                    self.import_field.text().to_owned(),
                )));
            }
        }

        if let (true, Some(s)) = (have_secret, snapshot.as_ref()) {
            ui.add_space(10.0);
            egui::Grid::new("secret-facts")
                .num_columns(2)
                .show(ui, |ui| {
                    fact_row(
                        ui,
                        "Fingerprint",
                        RichText::new(s.secret_fingerprint.clone().unwrap_or_default())
                            .monospace()
                            .strong(),
                    );
                    fact_row(
                        ui,
                        "Origin",
                        if s.secret_imported {
                            "Imported"
                        } else {
                            text::wizard::GENERATED_HERE
                        },
                    );
                    ui.label("Secret");
                    match self.revealed_secret() {
                        Some(hex) => {
                            ui.label(RichText::new(hex).monospace());
                        }
                        None => {
                            ui.label(RichText::new("•".repeat(64)).monospace())
                                .widget_info(|| {
                                    egui::WidgetInfo::labeled(
                                        egui::Role::Label,
                                        true,
                                        "Secret hidden",
                                    )
                                });
                        }
                    }
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                let now = Instant::now();
                if let Some((_, until)) = &self.revealed {
                    let left = until.saturating_duration_since(now).as_secs();
                    if ui.button("Hide secret").clicked() {
                        self.hide_secret();
                    }
                    ui.label(text::wizard::hides_in(left));
                } else if ui
                    .add_enabled(enabled, egui::Button::new(text::wizard::reveal_label()))
                    .clicked()
                {
                    self.send(OnboardingCommand::RevealSecret(SecretUse::Reveal));
                }
                let copy = ui.add_enabled(
                    enabled && self.clipboard.available(),
                    egui::Button::new("Copy secret"),
                );
                if copy.clicked() {
                    self.send(OnboardingCommand::RevealSecret(SecretUse::Copy));
                }
                if let Some(left) = self.clipboard.remaining(now) {
                    ui.label(text::home::clipboard_clears(left.as_secs()));
                } else if !self.clipboard.available() {
                    ui.label(RichText::new(text::wizard::NO_CLIPBOARD).weak());
                }
            });
            ui.add_space(6.0);
            ui.label(RichText::new(text::wizard::SECRET_KEEP_A_COPY).strong());
        }

        self.busy_ui(ui);
        self.messages_ui(ui);
        let blocked = (!have_secret).then_some(text::wizard::SECRET_FIRST);
        let (back, next) = self.nav_ui(ui, true, text::wizard::STORE_BUTTON, blocked);
        if back {
            self.hide_secret();
            if have_secret {
                self.send(OnboardingCommand::Back);
            }
            self.screen = Screen::ApiKey;
        }
        if next {
            self.send(OnboardingCommand::StoreSecret);
        }
    }
}
