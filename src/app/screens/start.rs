//! The first screen: rehearsal or the real thing, and what this computer
//! already knows (registrations, rotation, unfinished ceremonies).

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::Command;
use crate::ceremony::status::Attention;
use crate::store::RotationStatus;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn start_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        if let Some(status) = &self.status
            && !status.unfinished.is_empty()
        {
            egui::Frame::group(ui.style())
                .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(
                        RichText::new(text::status::UNFINISHED_TITLE)
                            .strong()
                            .color(ui.visuals().warn_fg_color),
                    );
                    for item in &status.unfinished {
                        let e = &item.entry;
                        ui.add(
                            egui::Label::new(format!(
                                "{}{}: {} app {}, started {}, secret {} ({}).",
                                if e.rehearsal { "[Rehearsal] " } else { "" },
                                e.ceremony.label(),
                                e.environment.label(),
                                e.app_id,
                                e.started_at.format("%Y-%m-%d %H:%M UTC"),
                                e.secret_fingerprint,
                                text::status::presence(&item.secret),
                            ))
                            .wrap(),
                        );
                        ui.add(
                            egui::Label::new(text::status::situation(&item.situation, e.ceremony))
                                .wrap(),
                        );
                        ui.add_space(4.0);
                    }
                });
            ui.add_space(8.0);
        }

        ui.label(text::wizard::START_INTRO);
        ui.add_space(12.0);
        let enabled = self.busy.is_none();
        ui.horizontal(|ui| {
            let rehearse = ui.add_enabled(
                enabled,
                egui::Button::new(RichText::new("Rehearsal").size(18.0))
                    .min_size(egui::vec2(220.0, 40.0)),
            );
            ui.add(egui::Label::new(text::wizard::START_REHEARSAL).wrap());
            if rehearse.clicked() {
                self.begin(true);
            }
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let real = ui.add_enabled(
                enabled,
                egui::Button::new(RichText::new("Register with Circle").size(18.0))
                    .min_size(egui::vec2(220.0, 40.0)),
            );
            ui.add(egui::Label::new(text::wizard::START_REAL).wrap());
            if real.clicked() {
                self.begin(false);
            }
        });
        ui.add_space(16.0);
        self.busy_ui(ui);
        self.messages_ui(ui);

        let Some(status) = &self.status else { return };
        ui.heading("Registrations known on this computer");
        if status.registrations.is_empty() {
            ui.label(RichText::new("None yet.").weak());
        }
        for known in &status.registrations {
            let r = &known.record;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(format!(
                        "{}{} — app {}",
                        if r.rehearsal { "[Rehearsal] " } else { "" },
                        r.environment.label(),
                        r.app_id
                    ))
                    .strong(),
                );
                ui.label(format!(
                    "Registered {} · secret {} · Circle key {}",
                    r.registered_at.format("%Y-%m-%d"),
                    r.secret_fingerprint,
                    short_fingerprint(&r.public_key_fingerprint)
                ));
                let color = match known.rotation {
                    RotationStatus::Ok { .. } => ui.visuals().text_color(),
                    RotationStatus::DueSoon { .. } => ui.visuals().warn_fg_color,
                    RotationStatus::Overdue { .. } => ui.visuals().error_fg_color,
                };
                ui.label(
                    RichText::new(text::status::rotation(known.rotation, r.rotate_by)).color(color),
                );
                ui.label(format!(
                    "Secret: {}.",
                    text::status::presence(&known.secret)
                ));
                for attention in &known.attention {
                    if matches!(
                        attention,
                        Attention::RotationDueSoon { .. } | Attention::RotationOverdue { .. }
                    ) {
                        continue;
                    }
                    ui.add(
                        egui::Label::new(
                            RichText::new(text::status::attention(attention))
                                .color(ui.visuals().error_fg_color),
                        )
                        .wrap(),
                    );
                }
            });
        }
        for problem in &status.problems {
            ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
        }
    }

    fn begin(&mut self, rehearsal: bool) {
        self.rehearsal = rehearsal;
        self.screen = Screen::Keychain;
        self.snapshot = None;
        self.register_result = None;
        self.saved_documents.clear();
        self.stored_apart = false;
        self.typed_path.clear();
        self.send(Command::Begin { rehearsal });
    }
}

fn short_fingerprint(fp: &str) -> String {
    fp.chars().take(23).collect::<String>() + "…"
}
