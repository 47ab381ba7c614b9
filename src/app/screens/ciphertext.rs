//! Ciphertexts on demand: a registration's secret encrypted afresh with
//! Circle's key (from Circle, or from a file with no network), shown to
//! copy into a Console form or an API call. Single-use: "Make another" for
//! every use.

use std::time::Instant;

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use super::api_key::practice_api_key;
use crate::app::chrome::log_problem_ui;
use crate::app::session_view::CiphertextView;
use crate::app::widgets::{ErrorView, fact_row};
use crate::app::wizard::WizardApp;
use crate::app::worker::CiphertextCommand;
use crate::secret::ApiKey;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn ciphertext_ui(&mut self, ui: &mut Ui) {
        ui.heading(text::home::CIPHERTEXT_TITLE);
        ui.add(egui::Label::new(text::home::CIPHERTEXT_INTRO).wrap());
        ui.add_space(6.0);
        let Some(view) = self.ciphertext.clone() else {
            self.busy_ui(ui);
            self.messages_ui(ui);
            self.back_home_ui(ui);
            return;
        };
        let r = &view.record;
        egui::Grid::new("ciphertext-registration")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                fact_row(
                    ui,
                    "Registration",
                    text::home::item_title(r.rehearsal, r.environment, &r.app_id),
                );
                fact_row(
                    ui,
                    "Secret fingerprint",
                    RichText::new(&r.secret_fingerprint).monospace(),
                );
                fact_row(
                    ui,
                    "Keychain entry",
                    RichText::new(format!("{} / {}", r.keychain_service, r.keychain_account))
                        .monospace(),
                );
            });
        ui.add_space(6.0);
        match &view.key {
            None => self.key_sources_ui(ui),
            Some(key) => {
                if let Some(ack) = self.key_facts_ui(ui, key, view.key_change_acknowledged) {
                    self.send(CiphertextCommand::AcknowledgeKeyChange(ack));
                    if let Some(v) = self.ciphertext.as_mut() {
                        v.key_change_acknowledged = ack;
                    }
                }
                ui.add_space(6.0);
                self.make_ui(ui, &view);
                egui::CollapsingHeader::new(text::home::USE_ANOTHER_KEY)
                    .show(ui, |ui| self.key_sources_ui(ui));
            }
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        log_problem_ui(ui, view.log_problem.as_deref());
        self.back_home_ui(ui);
    }

    /// Circle's key from Circle (with an API key of this app) or a file.
    fn key_sources_ui(&mut self, ui: &mut Ui) {
        let enabled = self.busy.is_none();
        ui.label(RichText::new(text::home::KEY_FROM_CIRCLE).strong());
        ui.add(egui::Label::new(text::home::KEY_FROM_CIRCLE_HINT).wrap());
        let width = ui.available_width().min(620.0);
        let field = ui
            .add_enabled_ui(enabled, |ui| {
                self.api_key_field.ui(ui, "API key", false, width)
            })
            .inner;
        let enter = field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let well_formed = ApiKey::parse(self.api_key_field.text()).is_ok();
        ui.horizontal_wrapped(|ui| {
            let fetch = ui
                .add_enabled(
                    enabled && well_formed,
                    egui::Button::new(text::home::FETCH_KEY),
                )
                .clicked();
            if fetch || (enter && enabled && well_formed) {
                let key = Zeroizing::new(self.api_key_field.text().to_owned());
                self.send(CiphertextCommand::FetchKey(key));
            }
            if self.rehearsal
                && ui
                    .add_enabled(enabled, egui::Button::new(text::wizard::USE_PRACTICE_KEY))
                    .clicked()
            {
                self.api_key_field.set_text(&practice_api_key());
            }
        });
        ui.add_space(6.0);
        ui.label(RichText::new(text::home::KEY_FROM_FILE).strong());
        self.key_file_ui(ui, text::home::IMPORT_KEY, |path| {
            CiphertextCommand::ImportKey(path).into()
        });
    }

    /// The make button, and the last ciphertext made.
    fn make_ui(&mut self, ui: &mut Ui, view: &CiphertextView) {
        let enabled = self.busy.is_none();
        let blocked = if view.key.is_none() {
            Some(text::home::KEY_NEEDED)
        } else if !view.may_make() {
            Some(text::home::KEY_CHANGE_NEEDED)
        } else {
            None
        };
        let label = if self.made.is_some() {
            text::home::MAKE_ANOTHER
        } else {
            text::home::MAKE
        };
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(
                    enabled && blocked.is_none(),
                    egui::Button::new(RichText::new(label).strong()),
                )
                .clicked()
            {
                self.send(CiphertextCommand::Make);
            }
            if let Some(why) = blocked {
                ui.label(RichText::new(why).italics().weak());
            }
        });
        let Some((ciphertext, _)) = self.made.clone() else {
            return;
        };
        ui.add_space(6.0);
        ui.label(RichText::new(text::home::CIPHERTEXT).strong());
        // Not secret, and not editable: a label that wraps and can be
        // selected, with no undo history behind it.
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // Base64 has no words: break anywhere, so every line is full and
            // none looks like a separate piece.
            let mut job = egui::text::LayoutJob::simple(
                ciphertext.clone(),
                egui::TextStyle::Monospace.resolve(ui.style()),
                ui.visuals().text_color(),
                ui.available_width(),
            );
            job.wrap.break_anywhere = true;
            ui.add(egui::Label::new(job).selectable(true));
        });
        ui.label(text::home::ciphertext_length(ciphertext.chars().count()));
        ui.horizontal_wrapped(|ui| {
            let now = Instant::now();
            let copy = ui.add_enabled(
                self.clipboard.available(),
                egui::Button::new(text::home::COPY),
            );
            if copy.clicked()
                && let Err(e) = self.clipboard.copy(Zeroizing::new(ciphertext.clone()), now)
            {
                self.error = Some(ErrorView {
                    message: e,
                    next_step: text::home::COPY_FAILED_NEXT.to_owned(),
                    request_id: None,
                });
            }
            if let Some(left) = self.clipboard.remaining(now) {
                ui.label(text::home::clipboard_clears(left.as_secs()));
            } else if !self.clipboard.available() {
                ui.label(RichText::new(text::wizard::NO_CLIPBOARD).weak());
            }
        });
        ui.add(egui::Label::new(RichText::new(text::home::SINGLE_USE).strong()).wrap());
    }
}
