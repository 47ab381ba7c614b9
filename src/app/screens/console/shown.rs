//! The ciphertexts for Console, each labelled with the secret it is of,
//! with copy and "make another"; the Console steps written out beside
//! them; for the offline registration, the ciphertext saved as a file to
//! carry; in rehearsal, the simulated Console; then what Console did.

use egui::{RichText, Ui};

use crate::app::console_view::ConsoleView;
use crate::app::inputs::ConsoleDid;
use crate::app::widgets::typed_path_ui;
use crate::app::widgets::warning_ui;
use crate::app::wizard::WizardApp;
use crate::app::worker::ConsoleCommand;
use crate::ceremony::console::ConsoleKind;
use crate::ceremony::steps::CiphertextOf;
use crate::text::{self, console as words};

impl WizardApp {
    pub(super) fn console_shown_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        self.pending_handoff_offer_ui(ui, view);
        ui.label(RichText::new(words::console_heading(view.kind)).strong());
        console_steps_ui(ui, view);
        if view.kind == ConsoleKind::Rotation {
            warning_ui(ui, words::SWITCHES_AT_ONCE);
        }
        ui.add_space(6.0);
        if view.ciphertexts.is_empty() {
            // Carried on: the key is known again, nothing is on screen.
            if ui
                .add_enabled(self.busy.is_none(), egui::Button::new(words::SHOW_BUTTON))
                .clicked()
            {
                self.send(ConsoleCommand::MakeCiphertexts);
            }
        }
        for shown in view.ciphertexts.clone() {
            self.shown_ciphertext_ui(ui, view, shown.of, &shown.text, shown.number);
        }
        ui.add(egui::Label::new(RichText::new(text::home::SINGLE_USE).strong()).wrap());
        if view.kind == ConsoleKind::Registration && view.ciphertext(CiphertextOf::New).is_some() {
            self.ciphertext_file_ui(ui);
        }
        if view.rehearsal {
            self.simulated_console_ui(ui, view);
        }
        ui.add_space(8.0);
        self.console_did_ui(ui, view);
        ui.add(egui::Label::new(RichText::new(words::SHOWN_MAY_CLOSE).italics()).wrap());
        self.console_footer_ui(ui);
    }

    fn shown_ciphertext_ui(
        &mut self,
        ui: &mut Ui,
        view: &ConsoleView,
        of: CiphertextOf,
        ciphertext: &str,
        number: u32,
    ) {
        let fingerprint = match of {
            CiphertextOf::Current => view.current_fingerprint.clone(),
            CiphertextOf::New => view.new_fingerprint.clone(),
        }
        .unwrap_or_default();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(words::ciphertext_of(of, &fingerprint)).strong());
            if number > 1 {
                ui.label(words::made_afresh(number));
            }
            self.ciphertext_block_ui(ui, ciphertext, words::copy_label(of));
            if ui
                .add_enabled(
                    self.busy.is_none(),
                    egui::Button::new(words::another_label(of)),
                )
                .clicked()
            {
                self.send(ConsoleCommand::MakeAnother(of));
            }
        });
    }

    /// The offline registration's ciphertext, as a file to carry.
    fn ciphertext_file_ui(&mut self, ui: &mut Ui) {
        let enabled = self.busy.is_none();
        ui.add(egui::Label::new(words::CIPHERTEXT_FILE_EXPLAINED).wrap());
        if ui
            .add_enabled(enabled, egui::Button::new(words::SAVE_CIPHERTEXT))
            .clicked()
        {
            self.send(ConsoleCommand::SaveCiphertextFile(None));
        }
        ui.add(egui::Label::new(text::wizard::DOCUMENT_TYPED).wrap());
        if let Some(path) = typed_path_ui(
            ui,
            &mut self.console_inputs.ciphertext_file,
            words::CIPHERTEXT_FILE_PATH,
            words::SAVE_CIPHERTEXT_HERE,
            enabled,
        ) {
            self.send(ConsoleCommand::SaveCiphertextFile(Some(path)));
        }
    }

    /// What Console did: a deliberate choice, then one button.
    pub(super) fn console_did_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        ui.label(RichText::new(words::WHAT_DID_CONSOLE_DO).strong());
        let did = &mut self.console_inputs.console_did;
        ui.radio_value(
            did,
            Some(ConsoleDid::Accepted),
            words::did_accept(view.kind),
        );
        ui.radio_value(did, Some(ConsoleDid::Refused), words::DID_REFUSE);
        let chosen = *did;
        // A button, never Enter: this answer decides which secret is the
        // registered one.
        let mut next = false;
        ui.horizontal_wrapped(|ui| {
            next = ui
                .add_enabled(
                    self.busy.is_none() && chosen.is_some(),
                    egui::Button::new(RichText::new(words::CONSOLE_DID_BUTTON).strong()),
                )
                .clicked();
            if chosen.is_none() {
                ui.label(
                    RichText::new(words::CHOOSE_WHAT_CONSOLE_DID)
                        .italics()
                        .weak(),
                );
            }
        });
        match chosen.filter(|_| next) {
            Some(ConsoleDid::Accepted) => self.send(ConsoleCommand::Accepted),
            Some(ConsoleDid::Refused) => self.send(ConsoleCommand::Refused),
            None => {}
        }
    }
}

/// The Console steps, numbered, in the ceremony's words.
fn console_steps_ui(ui: &mut Ui, view: &ConsoleView) {
    let app = match (view.environment, &view.app_id) {
        (Some(env), Some(app)) => format!("{} {app}", env.label()),
        _ => String::new(),
    };
    let previous = view.previous.as_ref();
    let steps = words::console_steps(
        view.kind,
        &app,
        previous.and_then(|r| r.recovery_path.as_deref()),
        previous.and_then(|r| r.recovery_sha256.as_deref()),
    );
    for (i, step) in steps.iter().enumerate() {
        ui.add(egui::Label::new(format!("{}. {step}", i + 1)).wrap());
    }
}
