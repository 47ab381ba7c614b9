//! Step 8: what now exists and where, the rotation date, the calendar
//! reminder and the ceremony record.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::app::widgets::fact_row;
use crate::app::wizard::WizardApp;
use crate::app::worker::{Command, DocumentKind};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn done_ui(&mut self, ui: &mut Ui) {
        ui.heading("Done");
        let snapshot = self.snapshot.clone();
        let Some(outcome) = snapshot.as_ref().and_then(|s| s.outcome.clone()) else {
            return;
        };
        let s = snapshot.as_ref();
        let record = &outcome.record;
        ui.label(RichText::new(text::wizard::DONE_TITLE).strong());
        if let Some(unverified) = &outcome.unverified {
            ui.label(
                RichText::new(text::recovery::unverified_reason(unverified.reason))
                    .color(ui.visuals().error_fg_color),
            );
        }
        ui.add_space(6.0);
        egui::Grid::new("done-facts")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                fact_row(
                    ui,
                    "Environment",
                    RichText::new(record.environment.label()).strong(),
                );
                fact_row(ui, "App id", RichText::new(&record.app_id).monospace());
                fact_row(
                    ui,
                    "Secret fingerprint",
                    RichText::new(&record.secret_fingerprint).monospace(),
                );
                fact_row(
                    ui,
                    "Keychain entry",
                    RichText::new(format!(
                        "{} / {}",
                        record.keychain_service, record.keychain_account
                    ))
                    .monospace(),
                );
                fact_row(
                    ui,
                    "Recovery file",
                    RichText::new(outcome.written.path.display().to_string()).monospace(),
                );
                fact_row(
                    ui,
                    "Recovery file SHA-256",
                    RichText::new(&outcome.written.sha256).monospace(),
                );
                fact_row(
                    ui,
                    "Rotate by",
                    RichText::new(record.rotate_by.format("%Y-%m-%d").to_string()).strong(),
                );
            });
        ui.add_space(6.0);
        ui.label(text::wizard::DONE_ROTATION);
        ui.label(RichText::new(text::wizard::DONE_MOVE_RECOVERY).strong());
        ui.add_space(8.0);
        let enabled = self.busy.is_none();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(enabled, egui::Button::new("Save calendar reminder (.ics)…"))
                .clicked()
            {
                self.send(Command::SaveDocument {
                    kind: DocumentKind::CalendarReminder,
                    path: None,
                });
            }
            if ui
                .add_enabled(enabled, egui::Button::new("Save ceremony record…"))
                .clicked()
            {
                self.send(Command::SaveDocument {
                    kind: DocumentKind::CeremonyRecord,
                    path: None,
                });
            }
        });
        ui.label(text::wizard::DOCUMENT_TYPED);
        ui.horizontal(|ui| {
            let field = egui::TextEdit::singleline(&mut self.typed_path)
                .desired_width(ui.available_width().min(520.0) - 250.0);
            ui.add_enabled(enabled, field)
                .accessible_name("Document path");
            let given = !self.typed_path.trim().is_empty();
            if ui
                .add_enabled(enabled && given, egui::Button::new("Save reminder here"))
                .clicked()
            {
                self.send(Command::SaveDocument {
                    kind: DocumentKind::CalendarReminder,
                    path: Some(PathBuf::from(self.typed_path.trim())),
                });
            }
            if ui
                .add_enabled(enabled && given, egui::Button::new("Save record here"))
                .clicked()
            {
                self.send(Command::SaveDocument {
                    kind: DocumentKind::CeremonyRecord,
                    path: Some(PathBuf::from(self.typed_path.trim())),
                });
            }
        });
        for (kind, path) in &self.saved_documents {
            let what = match kind {
                DocumentKind::CalendarReminder => "Calendar reminder",
                DocumentKind::CeremonyRecord => "Ceremony record",
            };
            ui.label(format!("✔ {what} saved to {}", path.display()));
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        if let Some(problem) = s.and_then(|s| s.log_problem.clone()) {
            ui.label(
                RichText::new(format!(
                    "The records of this ceremony could not all be written: {problem}"
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        ui.add_space(10.0);
        ui.checkbox(&mut self.stored_apart, text::wizard::DONE_STORED_APART);
        if self.stored_apart {
            ui.label(RichText::new(text::wizard::DONE_FINISHED).strong());
            if ui.button("Back to the start").clicked() {
                self.send(Command::Abandon);
            }
        }
    }
}
