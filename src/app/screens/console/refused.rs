//! Console refused the new secret, or the person gave up: nothing changed
//! at Circle, and the new secret waits to be discarded after its
//! fingerprint is typed — said loudly, because if Console did accept it,
//! it is the registered secret now.

use egui::{RichText, Ui};

use crate::app::console_view::ConsoleView;
use crate::app::widgets::warning_ui;
use crate::app::wizard::WizardApp;
use crate::app::worker::ConsoleCommand;
use crate::ceremony::console::ConsoleStage;
use crate::text::console as words;

impl WizardApp {
    pub(super) fn console_refused_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        let fingerprint = view.new_fingerprint.clone().unwrap_or_default();
        if view.stage == ConsoleStage::Discarded {
            ui.label(RichText::new(words::discarded(&fingerprint)).strong());
        } else {
            ui.add(egui::Label::new(words::refused(view.kind)).wrap());
            warning_ui(ui, words::ONLY_IF_NOT_ACCEPTED);
            ui.label(RichText::new(&fingerprint).monospace().strong());
            if let Some(typed) =
                self.typed_fingerprint_ui(ui, &fingerprint, words::DISCARD_NEW_SECRET)
            {
                self.send(ConsoleCommand::DiscardNewSecret(typed));
            }
            ui.add(egui::Label::new(words::KEEP_FOR_NOW).wrap());
        }
        self.console_footer_ui(ui);
    }
}
