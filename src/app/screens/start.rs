//! The first screen: rehearsal or the real thing, and what this computer
//! already knows (registrations, rotation, unfinished ceremonies).

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::Command;
use crate::store::{RotationStatus, Stage};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn start_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        if let Some(status) = &self.status
            && !status.unfinished.is_empty()
        {
            {
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(RichText::new(text::UNFINISHED_TITLE).strong().color(ui.visuals().warn_fg_color));
                        for item in &status.unfinished {
                            let what = match &item.stage {
                                Stage::StoringSecret => text::UNFINISHED_STORING,
                                Stage::SecretStored | Stage::DestinationChosen { .. } => text::UNFINISHED_BEFORE_REGISTRATION,
                                Stage::RegistrationSent => text::UNFINISHED_SENT,
                                Stage::Registered { recovery_saved: false, .. } => text::UNFINISHED_RECOVERY_UNSAVED,
                                Stage::Registered { .. } => text::UNFINISHED_BEFORE_REGISTRATION,
                            };
                            ui.label(format!(
                                "{}{} — {} app {} — started {} — secret {} in the keychain ({}, {}).",
                                if item.rehearsal { "[Rehearsal] " } else { "" },
                                item.ceremony.label(),
                                item.environment.label(),
                                item.app_id,
                                item.started_at.format("%Y-%m-%d %H:%M UTC"),
                                item.secret_fingerprint,
                                item.keychain_service,
                                item.keychain_account,
                            ));
                            ui.label(what);
                            ui.add_space(4.0);
                        }
                    });
                ui.add_space(8.0);
            }
        }

        ui.label(text::START_INTRO);
        ui.add_space(12.0);
        let enabled = self.busy.is_none();
        ui.horizontal(|ui| {
            let rehearse = ui.add_enabled(
                enabled,
                egui::Button::new(RichText::new("Rehearsal").size(18.0))
                    .min_size(egui::vec2(220.0, 40.0)),
            );
            ui.add(egui::Label::new(text::START_REHEARSAL).wrap());
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
            ui.add(egui::Label::new(text::START_REAL).wrap());
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
                let (rotation, color) = match known.rotation {
                    RotationStatus::Ok { days_left } => (
                        format!(
                            "Rotate by {} ({days_left} days left).",
                            r.rotate_by.format("%Y-%m-%d")
                        ),
                        ui.visuals().text_color(),
                    ),
                    RotationStatus::DueSoon { days_left } => (
                        format!(
                            "Rotation due by {} — {days_left} days left.",
                            r.rotate_by.format("%Y-%m-%d")
                        ),
                        ui.visuals().warn_fg_color,
                    ),
                    RotationStatus::Overdue { days } => (
                        format!(
                            "Rotation overdue by {days} days (was due {}).",
                            r.rotate_by.format("%Y-%m-%d")
                        ),
                        ui.visuals().error_fg_color,
                    ),
                };
                ui.label(RichText::new(rotation).color(color));
                let keychain = match known.in_keychain {
                    Some(true) => "Secret present in the keychain.".to_owned(),
                    Some(false) => "The secret is NOT in this computer's keychain.".to_owned(),
                    None => "The keychain could not be checked.".to_owned(),
                };
                ui.label(keychain);
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
