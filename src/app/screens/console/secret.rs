//! The new secret: the app it is for (and, in a rotation, the secret it
//! replaces), generated or imported, then stored under its own pending
//! keychain account and read back before anything is shown for Console.

use egui::{RichText, Ui};

use crate::app::console_view::ConsoleView;
use crate::app::screens::secret_parts::SecretSource;
use crate::app::widgets::fact_row;
use crate::app::wizard::WizardApp;
use crate::app::worker::ConsoleCommand;
use crate::ceremony::console::{ConsoleKind, ConsoleStage};
use crate::text::{self, console as words};

impl WizardApp {
    pub(super) fn console_secret_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        app_facts_ui(ui, view);
        ui.add_space(6.0);
        ui.label(RichText::new(words::NEW_SECRET_HEADING).strong());
        ui.add(egui::Label::new(words::new_secret_intro(view.kind)).wrap());
        let have_secret = view.stage == ConsoleStage::SecretReady;
        match self.secret_source_ui(ui, have_secret) {
            Some(SecretSource::Generate) => self.send(ConsoleCommand::GenerateSecret),
            Some(SecretSource::Import(hex)) => self.send(ConsoleCommand::ImportSecret(hex)),
            None => {}
        }
        if let (true, Some(fingerprint)) = (have_secret, &view.new_fingerprint) {
            ui.add_space(8.0);
            if let Some(use_) = self.secret_facts_ui(ui, fingerprint, view.new_imported) {
                self.send(ConsoleCommand::RevealNewSecret(use_));
            }
            ui.add(
                egui::Label::new(RichText::new(text::wizard::SECRET_KEEP_A_COPY).strong()).wrap(),
            );
            if view.kind != ConsoleKind::Registration {
                ui.add(egui::Label::new(words::SERVERS_BEFORE_CONSOLE).wrap());
            }
        }
        ui.add_space(6.0);
        ui.add(egui::Label::new(words::STAGE_EXPLAINED).wrap());
        let blocked = (!have_secret).then_some(text::wizard::SECRET_FIRST);
        let (_, next) = self.nav_ui(ui, false, words::STAGE_BUTTON, blocked);
        if next {
            self.hide_secret();
            self.send(ConsoleCommand::StageSecret);
        }
        self.console_footer_ui(ui);
    }
}

/// The app the ceremony is about, and the secret it replaces.
pub(super) fn app_facts_ui(ui: &mut Ui, view: &ConsoleView) {
    egui::Grid::new("console-app")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            if let (Some(env), Some(app)) = (view.environment, &view.app_id) {
                fact_row(
                    ui,
                    words::APP,
                    text::home::item_title(view.rehearsal, env, app),
                );
            }
            if let Some(masked) = &view.masked_api_key {
                fact_row(ui, words::API_KEY, text::wizard::key_accepted(masked));
            }
            if let Some(fp) = &view.current_fingerprint {
                fact_row(ui, words::CURRENT_SECRET, RichText::new(fp).monospace());
            } else if let Some(previous) = &view.previous {
                fact_row(
                    ui,
                    words::REPLACED_SECRET,
                    RichText::new(&previous.secret_fingerprint).monospace(),
                );
            }
            if let Some(fp) = view
                .new_fingerprint
                .as_ref()
                .filter(|_| view.stage != ConsoleStage::SecretReady)
            {
                fact_row(
                    ui,
                    words::NEW_SECRET,
                    RichText::new(fp).monospace().strong(),
                );
            }
            if let Some((service, account)) = &view.pending_entry {
                fact_row(
                    ui,
                    words::PENDING_ENTRY,
                    RichText::new(format!("{service} / {account}")).monospace(),
                );
            }
        });
}
