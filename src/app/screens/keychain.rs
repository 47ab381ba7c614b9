//! Step 1: the keychain works (a probe entry written, read back, deleted).

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::{Command, OnboardingCommand};
use crate::ceremony::OnboardingStage;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn keychain_ui(&mut self, ui: &mut Ui) {
        ui.heading("Keychain");
        ui.label(text::wizard::KEYCHAIN_INTRO);
        ui.add_space(8.0);
        self.busy_ui(ui);
        let ready = self
            .snapshot
            .as_ref()
            .is_some_and(|s| s.stage.has_reached(OnboardingStage::KeychainReady));
        if let (true, Some(backend)) = (
            ready,
            self.snapshot.as_ref().and_then(|s| s.backend.clone()),
        ) {
            ui.label(RichText::new(text::wizard::keychain_works(&backend)).strong());
            ui.label(text::wizard::KEYCHAIN_OK);
        }
        self.messages_ui(ui);
        if self.error.is_some() && self.busy.is_none() {
            ui.label(text::wizard::KEYCHAIN_FIX);
            if ui.button("Try again").clicked() {
                self.send(OnboardingCommand::CheckKeychain);
            }
        }
        let blocked = (!ready).then_some(text::wizard::KEYCHAIN_FIRST);
        let (back, next) = self.nav_ui(ui, true, "Next ▶", blocked);
        if back {
            self.send(Command::Abandon);
        }
        if next {
            self.screen = Screen::ApiKey;
        }
    }
}
