//! Rehearsal only: a panel, clearly marked, standing in for Circle
//! Console. The person pastes the ciphertexts (or uploads the recovery
//! file) as they would in Console, and downloads the new recovery file it
//! offers; the simulated Circle checks them as Console does.

use std::path::PathBuf;

use egui::{Color32, RichText, Ui};

use crate::app::console_view::ConsoleView;
use crate::app::widgets::typed_path_ui;
use crate::app::wizard::WizardApp;
use crate::app::worker::SimulatedConsoleCommand as C;
use crate::ceremony::console::ConsoleKind;
use crate::text::console as words;

/// The rehearsal badge's colour, for the panel's frame.
const REHEARSAL_COLOR: Color32 = Color32::from_rgb(0xb3, 0x6b, 0x00);

impl WizardApp {
    pub(super) fn simulated_console_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        ui.add_space(8.0);
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(2.0, REHEARSAL_COLOR))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(words::SIMULATED_TITLE)
                        .strong()
                        .color(REHEARSAL_COLOR),
                );
                ui.add(egui::Label::new(words::SIMULATED_INTRO).wrap());
                if self.console_inputs.sim_offers_download {
                    self.simulated_download_ui(ui);
                } else {
                    self.simulated_form_ui(ui, view.kind);
                }
            });
    }

    fn simulated_form_ui(&mut self, ui: &mut Ui, kind: ConsoleKind) {
        let enabled = self.busy.is_none();
        if kind == ConsoleKind::Rotation {
            self.pasted_field_ui(ui, words::SIM_CURRENT_FIELD, Field::Current);
        }
        if kind == ConsoleKind::Reset {
            ui.label(words::SIM_UPLOAD_FIELD);
            let field = egui::TextEdit::singleline(&mut self.console_inputs.sim_upload)
                .desired_width(ui.available_width().clamp(200.0, 420.0));
            ui.add_enabled(enabled, field)
                .accessible_name(words::SIM_UPLOAD_FIELD);
        }
        self.pasted_field_ui(ui, words::sim_new_field(kind), Field::New);
        let inputs = &self.console_inputs;
        let new = inputs.sim_new.trim().to_owned();
        let ready = !new.is_empty()
            && match kind {
                ConsoleKind::Rotation => !inputs.sim_current.trim().is_empty(),
                ConsoleKind::Reset | ConsoleKind::Registration => true,
            };
        let upload = inputs.sim_upload.trim();
        let upload = (!upload.is_empty()).then(|| PathBuf::from(upload));
        if ui
            .add_enabled(enabled && ready, egui::Button::new(words::sim_submit(kind)))
            .clicked()
        {
            let current = inputs.sim_current.trim().to_owned();
            self.send(match kind {
                ConsoleKind::Rotation => C::Rotate { current, new },
                ConsoleKind::Reset => C::Reset {
                    recovery_file: upload,
                    new,
                },
                ConsoleKind::Registration => C::Register { new },
            });
        }
    }

    /// A field for a pasted ciphertext, with a Paste button.
    fn pasted_field_ui(&mut self, ui: &mut Ui, label: &str, which: Field) {
        let enabled = self.busy.is_none();
        ui.label(label);
        ui.horizontal_wrapped(|ui| {
            let text = match which {
                Field::Current => &mut self.console_inputs.sim_current,
                Field::New => &mut self.console_inputs.sim_new,
            };
            let field = egui::TextEdit::singleline(text)
                .font(egui::TextStyle::Monospace)
                .desired_width(ui.available_width().clamp(200.0, 480.0) - 80.0);
            ui.add_enabled(enabled, field).accessible_name(label);
            if ui
                .add_enabled(
                    enabled && self.clipboard.available(),
                    egui::Button::new(words::paste_into(label)),
                )
                .clicked()
            {
                let pasted = self.clipboard.read().map(|t| t.trim().to_owned());
                let target = match which {
                    Field::Current => &mut self.console_inputs.sim_current,
                    Field::New => &mut self.console_inputs.sim_new,
                };
                *target = pasted.unwrap_or_default();
            }
        });
    }

    fn simulated_download_ui(&mut self, ui: &mut Ui) {
        let enabled = self.busy.is_none();
        ui.add(egui::Label::new(RichText::new(words::SIM_ACCEPTED).strong()).wrap());
        if ui
            .add_enabled(enabled, egui::Button::new(words::SIM_DOWNLOAD))
            .clicked()
        {
            self.send(C::Download(None));
        }
        ui.add(egui::Label::new(words::SIM_DOWNLOAD_TYPED).wrap());
        if let Some(path) = typed_path_ui(
            ui,
            &mut self.console_inputs.sim_download,
            words::SIM_DOWNLOAD_PATH,
            words::SIM_DOWNLOAD_HERE,
            enabled,
        ) {
            self.send(C::Download(Some(path)));
        }
    }
}

/// Which pasted field.
#[derive(Clone, Copy)]
enum Field {
    Current,
    New,
}
