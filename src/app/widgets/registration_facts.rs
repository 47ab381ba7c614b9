//! A registration's facts in a grid: where its secret and recovery file
//! are, and when to rotate it.

use egui::{RichText, Ui};

use super::fact_row;
use crate::store::RegistrationRecord;

/// Draw the grid `id` of `record`'s facts.
pub fn registration_facts(ui: &mut Ui, id: &str, record: &RegistrationRecord) {
    egui::Grid::new(id)
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
            if let Some(path) = &record.recovery_path {
                fact_row(
                    ui,
                    "Recovery file",
                    RichText::new(path.display().to_string()).monospace(),
                );
            }
            if let Some(sha256) = &record.recovery_sha256 {
                fact_row(
                    ui,
                    "Recovery file SHA-256",
                    RichText::new(sha256).monospace(),
                );
            }
            fact_row(
                ui,
                "Rotate by",
                RichText::new(record.rotate_by.format("%Y-%m-%d").to_string()).strong(),
            );
        });
}

/// The record's recovery file warning, if it has one, in the warning
/// colour.
pub fn recovery_warning_ui(ui: &mut Ui, record: &RegistrationRecord) {
    if let Some(warning) = &record.recovery_warning {
        ui.add(
            egui::Label::new(
                RichText::new(crate::text::status::recovery_warning(warning))
                    .color(ui.visuals().warn_fg_color),
            )
            .wrap(),
        );
    }
}
