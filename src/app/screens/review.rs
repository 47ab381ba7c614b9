//! Step 6: the last look before the irreversible step. Circle's key is
//! fetched from Circle, or imported from a file fetched elsewhere (the
//! offline path); a key that differs from the one on record must be
//! acknowledged before anything is sent.

use egui::{RichText, Ui};

use crate::app::session_view::KeyView;
use crate::app::widgets::{endpoint_ui, fact_row};
use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::OnboardingCommand;
use crate::ceremony::OnboardingStage;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn review_ui(&mut self, ui: &mut Ui) {
        ui.heading("Review");
        ui.add(egui::Label::new(text::wizard::REVIEW_INTRO).wrap());
        ui.add_space(8.0);
        let snapshot = self.snapshot.clone();
        let Some(s) = snapshot.as_ref() else { return };
        let Some(facts) = &s.review else {
            // No key yet: fetching it, or the fetch failed (no route to
            // Circle, perhaps): the file is the other way.
            self.busy_ui(ui);
            self.messages_ui(ui);
            if self.busy.is_none() {
                if ui.button(text::wizard::FETCH_AGAIN).clicked() {
                    self.send(OnboardingCommand::Review);
                }
                self.offline_key_ui(ui);
            }
            let (back, _) = self.nav_ui(
                ui,
                true,
                text::wizard::REGISTER_BUTTON,
                Some(text::home::KEY_NEEDED),
            );
            if back {
                self.screen = Screen::Destination;
            }
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
                fact_row(
                    ui,
                    text::window::ENDPOINT_FACT,
                    RichText::new(&s.circle_url).monospace(),
                );
            });
        endpoint_ui(ui, &s.circle_url, s.rehearsal);
        ui.add_space(6.0);
        let key = KeyView {
            fingerprint: facts.public_key_fingerprint.clone(),
            bits: facts.public_key_bits,
            origin: facts.key_origin.clone(),
            comparison: facts.key_comparison.clone(),
        };
        if let Some(ack) = self.key_facts_ui(ui, &key, s.key_change_acknowledged) {
            self.send(OnboardingCommand::AcknowledgeKeyChange(ack));
            if let Some(snap) = self.snapshot.as_mut() {
                snap.key_change_acknowledged = ack;
            }
        }
        ui.add(egui::Label::new(text::window::REVIEW_FINGERPRINT).wrap());
        if s.rehearsal {
            ui.add(egui::Label::new(text::window::REVIEW_FINGERPRINT_REHEARSAL).wrap());
        }
        egui::CollapsingHeader::new(text::home::KEY_FILE_HEADER)
            .show(ui, |ui| self.offline_key_ui(ui));
        ui.add_space(8.0);
        ui.add(egui::Label::new(RichText::new(text::wizard::REVIEW_IRREVERSIBLE).strong()).wrap());
        ui.add_space(6.0);
        let mut confirmed = s.review_confirmed;
        if ui
            .add_enabled(
                self.busy.is_none(),
                egui::Checkbox::new(&mut confirmed, text::wizard::REVIEW_CONFIRM),
            )
            .changed()
        {
            self.send(OnboardingCommand::ConfirmReview(confirmed));
            if let Some(snap) = self.snapshot.as_mut() {
                snap.review_confirmed = confirmed;
            }
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        let acknowledged = self
            .snapshot
            .as_ref()
            .is_some_and(|s| s.key_change_acknowledged);
        let blocked = if !acknowledged {
            Some(text::home::KEY_CHANGE_NEEDED)
        } else if !confirmed {
            Some(text::wizard::CONFIRM_FIRST)
        } else {
            None
        };
        let (back, next) = self.nav_ui(ui, true, text::wizard::REGISTER_BUTTON, blocked);
        if back {
            if s.stage == OnboardingStage::Reviewed {
                self.send(OnboardingCommand::Back);
            }
            self.screen = Screen::Destination;
        }
        if next {
            self.register_result = None;
            self.screen = Screen::Registering;
            self.send(OnboardingCommand::Register);
        }
    }

    /// Circle's key from a PEM file instead of from Circle.
    fn offline_key_ui(&mut self, ui: &mut Ui) {
        ui.add(egui::Label::new(text::home::REVIEW_OFFLINE).wrap());
        self.key_file_ui(ui, text::home::IMPORT_KEY_INSTEAD, |path| {
            OnboardingCommand::ReviewWithKeyFile(path).into()
        });
    }
}
