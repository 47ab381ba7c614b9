//! The first step: what this ceremony is, the keychain check, and the app:
//! an API key checked with Circle (rotation, reset), or the environment and
//! app id typed from Console (registration through Console, offline).

use egui::{RichText, Ui};

use crate::app::console_view::ConsoleView;
use crate::app::widgets::endpoint_ui;
use crate::app::wizard::WizardApp;
use crate::app::worker::ConsoleCommand;
use crate::ceremony::console::{ConsoleKind, ConsoleStage};
use crate::secret::Environment;
use crate::text::{self, console as words};

impl WizardApp {
    pub(super) fn console_start_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        ui.add(egui::Label::new(words::intro(view.kind)).wrap());
        if view.kind == ConsoleKind::Reset {
            self.compromised_ui(ui);
        }
        if let Some(previous) = &view.previous {
            ui.add(
                egui::Label::new(words::replaces(
                    &previous.secret_fingerprint,
                    previous.registered_at,
                ))
                .wrap(),
            );
        }
        ui.add_space(6.0);
        let ready = view.stage == ConsoleStage::KeychainReady;
        if let (true, Some(backend)) = (ready, &view.backend) {
            ui.label(RichText::new(text::wizard::keychain_works(backend)).strong());
        }
        if !ready {
            self.busy_ui(ui);
            self.messages_ui(ui);
            if self.error.is_some() && self.busy.is_none() {
                ui.add(egui::Label::new(text::wizard::KEYCHAIN_FIX).wrap());
                if ui.button(words::TRY_AGAIN).clicked() {
                    self.send(ConsoleCommand::CheckKeychain);
                }
            }
            self.back_home_ui(ui);
            return;
        }
        ui.add_space(6.0);
        match view.kind {
            ConsoleKind::Rotation | ConsoleKind::Reset => {
                ui.label(RichText::new(words::API_KEY_HEADING).strong());
                endpoint_ui(ui, &view.circle_url, view.rehearsal);
                ui.add(egui::Label::new(words::api_key_hint(view.kind)).wrap());
                if let Some(key) = self.api_key_entry_ui(ui, text::wizard::CHECK_KEY) {
                    self.send(ConsoleCommand::SubmitApiKey(key));
                }
            }
            ConsoleKind::Registration => self.typed_app_ui(ui, view),
        }
        self.console_footer_ui(ui);
    }

    /// A reset of a compromised secret: what else to do.
    pub(super) fn compromised_ui(&mut self, ui: &mut Ui) {
        ui.checkbox(&mut self.console_inputs.compromised, words::COMPROMISED);
        if self.console_inputs.compromised {
            compromised_list_ui(ui);
        }
    }

    /// The app typed from Console, with no route to Circle.
    fn typed_app_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        let enabled = self.busy.is_none();
        ui.label(RichText::new(words::APP_HEADING).strong());
        ui.add(egui::Label::new(words::APP_HINT).wrap());
        let inputs = &mut self.console_inputs;
        ui.horizontal_wrapped(|ui| {
            ui.radio_value(&mut inputs.live, false, Environment::Test.label());
            ui.radio_value(&mut inputs.live, true, Environment::Live.label());
        });
        let field = egui::TextEdit::singleline(&mut inputs.app_id)
            .font(egui::TextStyle::Monospace)
            .desired_width(ui.available_width().min(420.0));
        ui.add_enabled(enabled, field)
            .accessible_name(words::APP_ID);
        if inputs.live {
            ui.add(
                egui::Label::new(
                    RichText::new(text::wizard::LIVE_WARNING).color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            );
        }
        let typed = inputs.app_id.trim().to_owned();
        let live = inputs.live;
        ui.horizontal_wrapped(|ui| {
            if let Some(app) = view.simulated_app.as_deref().filter(|_| view.rehearsal)
                && ui
                    .add_enabled(enabled, egui::Button::new(words::USE_SIMULATED_APP))
                    .clicked()
            {
                self.console_inputs.app_id = app.to_owned();
                self.console_inputs.live = false;
            }
            if ui
                .add_enabled(
                    enabled && !typed.is_empty(),
                    egui::Button::new(words::USE_THIS_APP),
                )
                .clicked()
            {
                let environment = if live {
                    Environment::Live
                } else {
                    Environment::Test
                };
                self.send(ConsoleCommand::SetApp {
                    environment,
                    app_id: typed.clone(),
                });
            }
        });
    }
}

/// What else to do about a compromised secret.
pub(super) fn compromised_list_ui(ui: &mut Ui) {
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(words::COMPROMISED_TITLE).strong());
            for item in words::COMPROMISED_TODO {
                ui.add(egui::Label::new(format!("• {item}")).wrap());
            }
        });
}
