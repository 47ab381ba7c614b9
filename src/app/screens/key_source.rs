//! Circle's public key from a file (the offline path), and its facts,
//! wherever the key is needed: the review and ciphertexts on demand. In
//! rehearsal, the simulated Circle's key can be saved as a file first, so
//! the path can be practised.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::app::session_view::KeyView;
use crate::app::widgets::fact_row;
use crate::app::wizard::WizardApp;
use crate::app::worker::Command;
use crate::ceremony::steps::{KeyComparison, KeyOrigin};
use crate::text;

impl WizardApp {
    /// The import button (open dialog) labelled `label`, the typed-path
    /// fallback, and in rehearsal the simulated key as a file. `import`
    /// makes the command for a path (`None`: the dialog).
    pub(in crate::app) fn key_file_ui(
        &mut self,
        ui: &mut Ui,
        label: &str,
        import: fn(Option<PathBuf>) -> Command,
    ) {
        let enabled = self.busy.is_none();
        if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
            self.send(import(None));
        }
        ui.add(egui::Label::new(text::home::KEY_FILE_TYPED).wrap());
        ui.horizontal_wrapped(|ui| {
            let field = egui::TextEdit::singleline(&mut self.key_path)
                .desired_width(ui.available_width().clamp(200.0, 420.0));
            ui.add_enabled(enabled, field)
                .accessible_name(text::home::KEY_FILE_PATH);
            let path = self.typed_key_path();
            if ui
                .add_enabled(
                    enabled && path.is_some(),
                    egui::Button::new(text::home::IMPORT_THIS_FILE),
                )
                .clicked()
            {
                self.send(import(path.clone()));
            }
        });
        if self.rehearsal {
            let path = self.typed_key_path();
            ui.add(egui::Label::new(RichText::new(text::home::SIMULATOR_KEY_HINT).weak()).wrap());
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add_enabled(enabled, egui::Button::new(text::home::SAVE_SIMULATOR_KEY))
                    .clicked()
                {
                    self.send(Command::SaveSimulatorKey(None));
                }
                if ui
                    .add_enabled(
                        enabled && path.is_some(),
                        egui::Button::new(text::home::SAVE_SIMULATOR_KEY_HERE),
                    )
                    .clicked()
                {
                    self.send(Command::SaveSimulatorKey(path.clone()));
                }
            });
        }
    }

    fn typed_key_path(&self) -> Option<PathBuf> {
        let typed = self.key_path.trim();
        (!typed.is_empty()).then(|| PathBuf::from(typed))
    }

    /// The key's fingerprint, size, origin and comparison with the records
    /// (loud when different), and the acknowledgement a different key
    /// needs. Returns the acknowledgement when the person changed it.
    pub(in crate::app) fn key_facts_ui(
        &self,
        ui: &mut Ui,
        key: &KeyView,
        acknowledged: bool,
    ) -> Option<bool> {
        egui::Grid::new("key-facts")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                fact_row(
                    ui,
                    text::home::KEY_FINGERPRINT,
                    RichText::new(&key.fingerprint).monospace(),
                );
                fact_row(ui, text::home::KEY_SIZE, text::home::key_bits(key.bits));
                let origin = match &key.origin {
                    KeyOrigin::Circle { request_id } => text::home::key_from_circle(request_id),
                    KeyOrigin::File { path } => text::home::key_from_file(path),
                };
                fact_row(ui, text::home::KEY_ORIGIN, origin);
            });
        if key.bits != crate::secret::EXPECTED_KEY_BITS {
            ui.add(
                egui::Label::new(
                    RichText::new(text::home::key_size_warning(key.bits))
                        .color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            );
        }
        match &key.comparison {
            KeyComparison::Same => {
                ui.add(egui::Label::new(text::home::KEY_SAME).wrap());
                None
            }
            KeyComparison::NeverSeen => {
                ui.add(egui::Label::new(text::home::KEY_NEVER_SEEN).wrap());
                None
            }
            KeyComparison::Different { recorded } => {
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(2.0, ui.visuals().error_fg_color))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.add(
                            egui::Label::new(
                                RichText::new(text::home::key_different(recorded))
                                    .strong()
                                    .color(ui.visuals().error_fg_color),
                            )
                            .wrap(),
                        );
                        let mut ack = acknowledged;
                        let changed = ui
                            .add_enabled(
                                self.busy.is_none(),
                                egui::Checkbox::new(&mut ack, text::home::KEY_CHANGE_ACKNOWLEDGE),
                            )
                            .changed();
                        changed.then_some(ack)
                    })
                    .inner
            }
        }
    }
}
