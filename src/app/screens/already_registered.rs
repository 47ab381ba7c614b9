//! Circle answered 409: this account already has an entity secret.

use egui::{RichText, Ui};

use crate::app::wizard::WizardApp;
use crate::app::worker::{Command, RegisterResult};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn already_registered_ui(&mut self, ui: &mut Ui) {
        ui.heading(text::wizard::ALREADY_REGISTERED_TITLE);
        ui.label(text::wizard::ALREADY_REGISTERED);
        if let Some(s) = &self.snapshot {
            ui.label(text::wizard::secret_kept_refused(
                &s.secret_fingerprint.clone().unwrap_or_default(),
                &s.keychain_service,
                &s.keychain_account.clone().unwrap_or_default(),
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
                ui.label(text::wizard::request_id(id));
            }
        }
        ui.add_space(6.0);
        ui.label(RichText::new(text::wizard::ALREADY_REGISTERED_NEXT).strong());
        ui.add_space(8.0);
        let maybe_ours = matches!(
            self.register_result,
            Some(RegisterResult::AlreadyRegistered {
                possibly_this_secret: true,
                ..
            })
        );
        ui.horizontal_wrapped(|ui| {
            // It may be this secret: ask Circle rather than guess.
            if maybe_ours {
                self.check_this_ceremony_ui(ui);
            }
            if ui.button(text::home::BACK_HOME).clicked() {
                self.send(Command::Abandon);
            }
        });
    }
}
