//! Circle answered 409: this account already has an entity secret.

use egui::{RichText, Ui};

use crate::app::wizard::WizardApp;
use crate::app::worker::{Command, RegisterResult};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn already_registered_ui(&mut self, ui: &mut Ui) {
        ui.heading("This account already has an entity secret");
        ui.label(text::wizard::ALREADY_REGISTERED);
        if let Some(s) = &self.snapshot {
            ui.label(format!(
                "The secret made here (fingerprint {}) is kept in the keychain as {} / {}. It was not registered.",
                s.secret_fingerprint.clone().unwrap_or_default(),
                s.keychain_service,
                s.keychain_account.clone().unwrap_or_default()
            ));
        }
        if let Some(RegisterResult::AlreadyRegistered {
            possibly_this_secret,
            request_id,
        }) = &self.register_result
        {
            if *possibly_this_secret {
                ui.label(
                    RichText::new(text::wizard::ALREADY_REGISTERED_MAYBE_OURS)
                        .color(ui.visuals().warn_fg_color),
                );
            }
            if let Some(id) = request_id {
                ui.label(format!("Circle request id: {id}"));
            }
        }
        ui.add_space(6.0);
        ui.label(RichText::new(text::wizard::ALREADY_REGISTERED_NEXT).strong());
        ui.add_space(8.0);
        if ui.button("Back to the start").clicked() {
            self.send(Command::Abandon);
        }
    }
}
