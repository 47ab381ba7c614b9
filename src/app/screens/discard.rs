//! Discarding an unregistered secret: the fingerprint read from the
//! keychain just now, typed back by the person; the delete button waits for
//! a match.

use egui::{RichText, Ui};

use crate::app::widgets::fact_row;
use crate::app::wizard::WizardApp;
use crate::app::worker::DiscardCommand;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn discard_ui(&mut self, ui: &mut Ui) {
        ui.heading(text::home::DISCARD_TITLE);
        ui.add(egui::Label::new(text::home::DISCARD_INTRO).wrap());
        ui.add_space(8.0);
        let enabled = self.busy.is_none();
        if let Some(view) = self.discard.clone() {
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
            ui.label(text::home::DISCARD_FIELD);
            let field = egui::TextEdit::singleline(&mut self.discard_typed)
                .font(egui::TextStyle::Monospace)
                .desired_width(ui.available_width().min(320.0));
            ui.add_enabled(enabled, field)
                .accessible_name(text::home::DISCARD_FIELD);
            let typed = self.discard_typed.trim();
            let matches = view.matches(typed);
            if !typed.is_empty() && !matches {
                ui.label(
                    RichText::new(text::home::DISCARD_MISMATCH).color(ui.visuals().error_fg_color),
                );
            }
            ui.horizontal_wrapped(|ui| {
                let delete = egui::Button::new(
                    RichText::new(text::home::DISCARD_BUTTON).color(ui.visuals().error_fg_color),
                );
                if ui.add_enabled(enabled && matches, delete).clicked() {
                    let typed = self.discard_typed.clone();
                    self.send(DiscardCommand::Confirm(typed));
                }
                if !matches {
                    ui.label(RichText::new(text::home::DISCARD_WAITING).italics().weak());
                }
            });
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        self.back_home_ui(ui);
    }
}
