//! Step 3: generate a secret, or import an existing one; fingerprint shown,
//! the secret itself masked, revealed only on request for 30 seconds, copied
//! to a clipboard that clears itself.

use egui::{RichText, Ui};

use super::secret_parts::SecretSource;
use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::OnboardingCommand;
use crate::ceremony::OnboardingStage;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn secret_ui(&mut self, ui: &mut Ui) {
        ui.heading("Entity secret");
        ui.label(text::wizard::SECRET_INTRO);
        ui.add_space(8.0);
        let snapshot = self.snapshot.clone();
        let have_secret = snapshot
            .as_ref()
            .is_some_and(|s| s.stage.has_reached(OnboardingStage::SecretReady));

        match self.secret_source_ui(ui, have_secret) {
            Some(SecretSource::Generate) => self.send(OnboardingCommand::GenerateSecret),
            Some(SecretSource::Import(hex)) => self.send(OnboardingCommand::ImportSecret(hex)),
            None => {}
        }

        if let (true, Some(s)) = (have_secret, snapshot.as_ref()) {
            ui.add_space(10.0);
            let fingerprint = s.secret_fingerprint.clone().unwrap_or_default();
            if let Some(use_) = self.secret_facts_ui(ui, &fingerprint, s.secret_imported) {
                self.send(OnboardingCommand::RevealSecret(use_));
            }
            ui.add_space(6.0);
            ui.label(RichText::new(text::wizard::SECRET_KEEP_A_COPY).strong());
        }

        self.busy_ui(ui);
        self.messages_ui(ui);
        let blocked = (!have_secret).then_some(text::wizard::SECRET_FIRST);
        let (back, next) = self.nav_ui(ui, true, text::wizard::STORE_BUTTON, blocked);
        if back {
            self.hide_secret();
            if have_secret {
                self.send(OnboardingCommand::Back);
            }
            self.screen = Screen::ApiKey;
        }
        if next {
            self.send(OnboardingCommand::StoreSecret);
        }
    }
}
