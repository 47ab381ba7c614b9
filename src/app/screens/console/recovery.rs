//! After Console accepted: the new recovery file Console gave, imported
//! (refused when empty, not base64, or the old file by its SHA-256), then
//! saved apart from this computer with the same write-and-verify and the
//! same location warnings as at registration. Or, when it never came to
//! this computer, where it is kept, recorded with its SHA-256 if known.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::app::console_view::ConsoleView;
use crate::app::widgets::warning_ui;
use crate::app::widgets::{location_notes_ui, typed_path_ui};
use crate::app::wizard::WizardApp;
use crate::app::worker::ConsoleCommand;
use crate::ceremony::console::ConsoleKind;
use crate::text::{self, console as words};

impl WizardApp {
    pub(super) fn console_recovery_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        ui.add(egui::Label::new(RichText::new(words::accepted(view.kind)).strong()).wrap());
        if let Some(old) = view
            .previous
            .as_ref()
            .and_then(|r| r.recovery_path.as_deref())
        {
            warning_ui(ui, &words::old_recovery_worthless(old));
        }
        ui.add_space(6.0);
        ui.label(RichText::new(words::IMPORT_HEADING).strong());
        ui.add(egui::Label::new(words::IMPORT_HINT).wrap());
        self.path_row_ui(
            ui,
            words::IMPORT_RECOVERY,
            Path::Import,
            words::RECOVERY_TO_IMPORT,
            words::IMPORT_THIS_RECOVERY,
        );
        if let Some(sha256) = &view.held_recovery_sha256 {
            ui.label(RichText::new(words::imported(sha256)).strong());
            self.console_destination_ui(ui, view);
        }
        ui.add_space(8.0);
        egui::CollapsingHeader::new(words::ELSEWHERE_HEADING)
            .default_open(view.kind == ConsoleKind::Registration)
            .show(ui, |ui| self.elsewhere_ui(ui));
        self.console_footer_ui(ui);
    }

    fn console_destination_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        ui.add_space(6.0);
        ui.label(RichText::new(text::wizard::DESTINATION_TITLE).strong());
        ui.add(egui::Label::new(words::DESTINATION_INTRO).wrap());
        self.path_row_ui(
            ui,
            text::wizard::CHOOSE_WHERE,
            Path::Destination,
            text::wizard::RECOVERY_FILE_PATH,
            words::USE_THIS_PATH,
        );
        if let Some(path) = &view.destination {
            ui.label(RichText::new(text::wizard::WRITABLE).strong());
            ui.label(RichText::new(path.display().to_string()).monospace());
            if let Some((index, ack)) = location_notes_ui(ui, &view.notes, self.busy.is_none()) {
                self.send(ConsoleCommand::Acknowledge(index, ack));
                if let Some(slot) = self.console.as_mut().and_then(|v| v.notes.get_mut(index)) {
                    slot.1 = ack;
                }
            }
        }
        let acknowledged = self
            .console
            .as_ref()
            .is_some_and(ConsoleView::warnings_acknowledged);
        let blocked = if view.destination.is_none() {
            Some(text::wizard::CHOOSE_PLACE_FIRST)
        } else if !acknowledged {
            Some(text::wizard::ACKNOWLEDGE_FIRST)
        } else {
            None
        };
        let (_, next) = self.nav_ui(ui, false, words::SAVE_RECOVERY_BUTTON, blocked);
        if next {
            self.send(ConsoleCommand::SaveRecovery);
        }
    }

    /// A dialog button, and the typed path beside it.
    fn path_row_ui(
        &mut self,
        ui: &mut Ui,
        dialog: &str,
        which: Path,
        field: &str,
        use_typed: &str,
    ) {
        let enabled = self.busy.is_none();
        if ui.add_enabled(enabled, egui::Button::new(dialog)).clicked() {
            self.send(which.command(None));
        }
        if let Some(path) = typed_path_ui(ui, which.text(self), field, use_typed, enabled) {
            self.send(which.command(Some(path)));
        }
    }

    /// Where a recovery file that never came here is kept.
    fn elsewhere_ui(&mut self, ui: &mut Ui) {
        let enabled = self.busy.is_none();
        ui.add(egui::Label::new(words::ELSEWHERE_HINT).wrap());
        ui.label(words::ELSEWHERE_PLACE);
        let place = egui::TextEdit::singleline(&mut self.console_inputs.elsewhere_place)
            .desired_width(ui.available_width().min(480.0));
        ui.add_enabled(enabled, place)
            .accessible_name(words::ELSEWHERE_PLACE);
        ui.label(words::ELSEWHERE_SHA256);
        let sha = egui::TextEdit::singleline(&mut self.console_inputs.elsewhere_sha256)
            .font(egui::TextStyle::Monospace)
            .desired_width(ui.available_width().min(560.0));
        ui.add_enabled(enabled, sha)
            .accessible_name(words::ELSEWHERE_SHA256);
        let inputs = &self.console_inputs;
        let place = inputs.elsewhere_place.trim().to_owned();
        let sha256 = inputs.elsewhere_sha256.trim().to_owned();
        if ui
            .add_enabled(
                enabled && !place.is_empty(),
                egui::Button::new(words::RECORD_ELSEWHERE),
            )
            .clicked()
        {
            self.send(ConsoleCommand::RecordElsewhere {
                place,
                sha256: (!sha256.is_empty()).then_some(sha256),
            });
        }
    }
}

/// Which typed path a row is for.
#[derive(Clone, Copy)]
enum Path {
    Import,
    Destination,
}

impl Path {
    fn text(self, app: &mut WizardApp) -> &mut String {
        match self {
            Self::Import => &mut app.console_inputs.recovery_file,
            Self::Destination => &mut app.console_inputs.destination,
        }
    }

    fn command(self, path: Option<PathBuf>) -> ConsoleCommand {
        match self {
            Self::Import => ConsoleCommand::ImportRecovery(path),
            Self::Destination => ConsoleCommand::ChooseDestination(path),
        }
    }
}
