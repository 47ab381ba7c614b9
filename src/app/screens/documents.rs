//! A registration's documents (calendar reminder, ceremony record), offered
//! wherever a registration is shown: the save dialog, a typed path for when
//! no dialog can be shown, and what was saved.

use std::path::PathBuf;

use egui::Ui;

use crate::app::wizard::WizardApp;
use crate::app::worker::{Command, DocumentKind};
use crate::store::RegistrationRecord;
use crate::text;

impl WizardApp {
    /// Everything about a registration's documents: the dialog buttons,
    /// the typed path, what was saved.
    pub(in crate::app) fn documents_ui(&mut self, ui: &mut Ui, record: &RegistrationRecord) {
        ui.horizontal_wrapped(|ui| {
            self.document_buttons_ui(
                ui,
                record,
                [
                    text::wizard::SAVE_REMINDER_DIALOG,
                    text::wizard::SAVE_RECORD_DIALOG,
                ],
            );
        });
        self.document_path_ui(ui, record);
        self.saved_documents_ui(ui);
    }

    /// The two dialog buttons, with these labels.
    pub(in crate::app) fn document_buttons_ui(
        &mut self,
        ui: &mut Ui,
        record: &RegistrationRecord,
        labels: [&str; 2],
    ) -> bool {
        let enabled = self.busy.is_none();
        let mut clicked = false;
        for (kind, label) in [DocumentKind::CalendarReminder, DocumentKind::CeremonyRecord]
            .into_iter()
            .zip(labels)
        {
            if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                self.save_document(kind, record, None);
                clicked = true;
            }
        }
        clicked
    }

    /// The typed-path fallback for both documents.
    pub(in crate::app) fn document_path_ui(&mut self, ui: &mut Ui, record: &RegistrationRecord) {
        let enabled = self.busy.is_none();
        ui.add(egui::Label::new(text::wizard::DOCUMENT_TYPED).wrap());
        ui.horizontal_wrapped(|ui| {
            let field = egui::TextEdit::singleline(&mut self.typed_path)
                .desired_width(ui.available_width().clamp(200.0, 420.0));
            ui.add_enabled(enabled, field)
                .accessible_name(text::home::DOCUMENT_PATH);
            let typed = self.typed_path.trim();
            let path = (!typed.is_empty()).then(|| PathBuf::from(typed));
            for (kind, label) in [
                (
                    DocumentKind::CalendarReminder,
                    text::home::SAVE_REMINDER_HERE,
                ),
                (DocumentKind::CeremonyRecord, text::home::SAVE_RECORD_HERE),
            ] {
                if ui
                    .add_enabled(enabled && path.is_some(), egui::Button::new(label))
                    .clicked()
                {
                    self.save_document(kind, record, path.clone());
                }
            }
        });
    }

    /// What was saved in this session.
    fn saved_documents_ui(&self, ui: &mut Ui) {
        for (kind, path) in &self.saved_documents {
            let line = match kind {
                DocumentKind::CalendarReminder => text::home::reminder_saved(path),
                DocumentKind::CeremonyRecord => text::home::record_saved(path),
            };
            ui.add(egui::Label::new(line).wrap());
        }
    }

    fn save_document(
        &mut self,
        kind: DocumentKind,
        record: &RegistrationRecord,
        path: Option<PathBuf>,
    ) {
        self.send(Command::SaveDocument {
            kind,
            record: Box::new(record.clone()),
            path,
            kept: self.recovery_kept,
        });
    }
}
