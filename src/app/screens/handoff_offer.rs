//! Where the handoff is offered: a registration's "Hand to servers…", the
//! new secret of a rotation or reset before Console switches ("prepare
//! the servers' copy first"), and on a Console ceremony's Done screen the
//! app's handoff files, which carry the new secret and which a retired
//! one.

use egui::{RichText, Ui};

use crate::app::console_view::ConsoleView;
use crate::app::handoff_view::{HandoffFiles, HandoffPanel};
use crate::app::widgets::warning_ui;
use crate::app::wizard::WizardApp;
use crate::app::worker::{Command, HandoffCommand};
use crate::ceremony::console::ConsoleKind;
use crate::store::RegistrationRecord;
use crate::text::handoff as words;

impl WizardApp {
    /// "Hand to servers…" for a registration's active secret.
    pub(in crate::app) fn handoff_button_ui(&mut self, ui: &mut Ui, record: &RegistrationRecord) {
        if ui
            .add_enabled(self.busy.is_none(), egui::Button::new(words::ACTION))
            .on_hover_text(words::ACTION_HELP)
            .clicked()
        {
            self.open_handoff(HandoffCommand::Registration(Box::new(record.clone())));
        }
    }

    /// The same, with a sentence saying what it does (the Done screens).
    pub(in crate::app) fn handoff_offer_ui(&mut self, ui: &mut Ui, record: &RegistrationRecord) {
        ui.add_space(8.0);
        ui.add(egui::Label::new(words::ACTION_HELP).wrap());
        self.handoff_button_ui(ui, record);
    }

    /// Inside a rotation or reset, once the new secret is stored and
    /// before Console switches to it: hand it over first.
    pub(in crate::app) fn pending_handoff_offer_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        if !matches!(view.kind, ConsoleKind::Rotation | ConsoleKind::Reset) {
            return;
        }
        warning_ui(ui, words::PREPARE_SERVERS_FIRST);
        if ui
            .add_enabled(self.busy.is_none(), egui::Button::new(words::ACTION))
            .on_hover_text(words::ACTION_HELP)
            .clicked()
        {
            self.open_handoff(HandoffCommand::PendingOfSession);
        }
        ui.add_space(6.0);
    }

    /// The app's recorded handoff files and what each carries now, read
    /// once for the secret `record` holds; then the offer to hand it over.
    pub(in crate::app) fn handoff_files_ui(&mut self, ui: &mut Ui, record: &RegistrationRecord) {
        let fingerprint = &record.secret_fingerprint;
        if self.handoff_files.asked.as_deref() != Some(fingerprint.as_str()) {
            self.handoff_files = HandoffFiles {
                asked: Some(fingerprint.clone()),
                files: None,
            };
            // Straight to the worker: the screen's error, notice and
            // progress line stay as they are.
            self.worker
                .send(Command::Handoff(HandoffCommand::ListFiles {
                    rehearsal: record.rehearsal,
                    environment: record.environment,
                    app_id: record.app_id.clone(),
                    fingerprint: fingerprint.clone(),
                }));
        }
        ui.add_space(8.0);
        ui.label(RichText::new(words::FILES_HEADING).strong());
        match &self.handoff_files.files {
            None => {}
            Some(files) if files.is_empty() => {
                ui.add(egui::Label::new(RichText::new(words::NO_FILES).weak()).wrap());
            }
            Some(files) => {
                for file in files {
                    let line = words::file_line(&file.handoff, file.carries);
                    let mut shown = RichText::new(line);
                    if file.carries.is_obsolete() {
                        shown = shown.color(ui.visuals().warn_fg_color);
                    }
                    ui.add(egui::Label::new(shown).wrap());
                }
            }
        }
        ui.add(egui::Label::new(words::HAND_NEW_NOW).wrap());
        self.handoff_button_ui(ui, record);
    }

    /// Open the panel and the worker's session of the secret `command`
    /// names.
    fn open_handoff(&mut self, command: HandoffCommand) {
        self.handoff = Some(HandoffPanel::default());
        self.send_handoff(command);
    }
}
