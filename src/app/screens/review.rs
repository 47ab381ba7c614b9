//! Step 6: the last look before the irreversible step.

use egui::{RichText, Ui};

use crate::app::widgets::fact_row;
use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::Command;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn review_ui(&mut self, ui: &mut Ui) {
        ui.heading("Review");
        ui.label(text::wizard::REVIEW_INTRO);
        ui.add_space(8.0);
        let snapshot = self.snapshot.clone();
        let Some(s) = snapshot.as_ref() else { return };
        let Some(facts) = &s.review else {
            self.busy_ui(ui);
            self.messages_ui(ui);
            return;
        };
        egui::Grid::new("review-facts")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                fact_row(
                    ui,
                    "Environment",
                    RichText::new(facts.environment.label()).strong(),
                );
                fact_row(ui, "App id", RichText::new(&facts.app_id).monospace());
                fact_row(
                    ui,
                    "Circle public key (SHA-256)",
                    RichText::new(&facts.public_key_fingerprint).monospace(),
                );
                fact_row(
                    ui,
                    "Secret fingerprint",
                    RichText::new(&facts.secret_fingerprint).monospace(),
                );
                fact_row(
                    ui,
                    "Keychain entry",
                    RichText::new(format!(
                        "{} / {}",
                        s.keychain_service,
                        s.keychain_account.clone().unwrap_or_default()
                    ))
                    .monospace(),
                );
                fact_row(
                    ui,
                    "Recovery file",
                    RichText::new(facts.destination.display().to_string()).monospace(),
                );
            });
        ui.add_space(6.0);
        ui.label(text::wizard::REVIEW_FINGERPRINT);
        if facts.public_key_bits != crate::secret::EXPECTED_KEY_BITS {
            ui.label(RichText::new(format!("⚠ Circle's key has {} bits; Circle normally uses 4096. Compare the fingerprint out of band before you go on.", facts.public_key_bits)).color(ui.visuals().warn_fg_color));
        }
        if let crate::ceremony::steps::KeyComparison::Different { recorded } = &facts.key_comparison
        {
            ui.label(RichText::new(format!("⚠ This computer saw a different Circle public key for this app before ({recorded}). Confirm with Circle that the key changed before you register.")).color(ui.visuals().error_fg_color));
        }
        ui.add_space(8.0);
        ui.label(RichText::new(text::wizard::REVIEW_IRREVERSIBLE).strong());
        ui.add_space(6.0);
        let mut confirmed = s.review_confirmed;
        if ui
            .add_enabled(
                self.busy.is_none(),
                egui::Checkbox::new(&mut confirmed, text::wizard::REVIEW_CONFIRM),
            )
            .changed()
        {
            self.send(Command::ConfirmReview(confirmed));
            if let Some(snap) = self.snapshot.as_mut() {
                snap.review_confirmed = confirmed;
            }
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        let blocked = (!confirmed).then_some("Tick the confirmation first.");
        let (back, next) = self.nav_ui(ui, true, "Register this secret", blocked);
        if back {
            self.send(Command::Back);
            self.screen = Screen::Destination;
        }
        if next {
            self.register_result = None;
            self.screen = Screen::Registering;
            self.send(Command::Register);
        }
    }
}
