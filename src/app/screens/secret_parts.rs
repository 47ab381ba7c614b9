//! The parts of choosing a new secret that every ceremony shares: generate
//! or import (typed into a masked field that keeps no undo history), and
//! then its facts, with the secret itself masked, revealed only on request
//! for a while, copied to a clipboard that clears itself.

use std::time::Instant;

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use crate::app::widgets::fact_row;
use crate::app::wizard::WizardApp;
use crate::app::worker::SecretUse;
use crate::secret::EntitySecret;
use crate::text;

/// Where the person wants the new secret from.
pub(in crate::app) enum SecretSource {
    /// The operating system's generator.
    Generate,
    /// The secret typed or pasted (64 hex characters, checked as typed).
    Import(Zeroizing<String>),
}

impl WizardApp {
    /// Generate, or import with the masked field; returns the choice made.
    pub(in crate::app) fn secret_source_ui(
        &mut self,
        ui: &mut Ui,
        have_secret: bool,
    ) -> Option<SecretSource> {
        let enabled = self.busy.is_none();
        let mut chosen = None;
        ui.horizontal_wrapped(|ui| {
            let label = if have_secret {
                text::wizard::GENERATE_DIFFERENT
            } else {
                text::wizard::GENERATE
            };
            if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                self.hide_secret();
                chosen = Some(SecretSource::Generate);
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
        if !self.importing {
            return chosen;
        }
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
        let well_formed = enabled && matches!(check, Some(Ok(_)));
        if ui
            .add_enabled(
                well_formed,
                egui::Button::new(text::wizard::USE_THIS_SECRET),
            )
            .clicked()
            || (enter && well_formed)
        {
            self.hide_secret();
            chosen = Some(SecretSource::Import(Zeroizing::new(
                self.import_field.text().to_owned(),
            )));
        }
        chosen
    }

    /// The secret's fingerprint and origin, the secret masked (or revealed
    /// while its time lasts), and the reveal, hide and copy buttons;
    /// returns what the person asked the secret for.
    pub(in crate::app) fn secret_facts_ui(
        &mut self,
        ui: &mut Ui,
        fingerprint: &str,
        imported: bool,
    ) -> Option<SecretUse> {
        let enabled = self.busy.is_none();
        egui::Grid::new("secret-facts")
            .num_columns(2)
            .show(ui, |ui| {
                fact_row(
                    ui,
                    "Fingerprint",
                    RichText::new(fingerprint).monospace().strong(),
                );
                fact_row(
                    ui,
                    "Origin",
                    if imported {
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
                                egui::WidgetInfo::labeled(egui::Role::Label, true, "Secret hidden")
                            });
                    }
                }
                ui.end_row();
            });
        let mut asked = None;
        ui.horizontal_wrapped(|ui| {
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
                asked = Some(SecretUse::Reveal);
            }
            let copy = ui.add_enabled(
                enabled && self.clipboard.available(),
                egui::Button::new("Copy secret"),
            );
            if copy.clicked() {
                asked = Some(SecretUse::Copy);
            }
            if let Some(left) = self.clipboard.remaining(now) {
                ui.label(text::home::clipboard_clears(left.as_secs()));
            } else if !self.clipboard.available() {
                ui.label(RichText::new(text::wizard::NO_CLIPBOARD).weak());
            }
        });
        asked
    }
}
