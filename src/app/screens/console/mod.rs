//! The Console ceremonies (rotation, reset, registration through Console):
//! one shape, a file per step, the ceremony's kind deciding the words. The
//! step shown is the one the ceremony's stage says, so a ceremony carried
//! on after a stop opens where it stopped.

mod done;
mod key;
mod recovery;
mod refused;
mod secret;
mod shown;
mod simulated;
mod start;

use egui::{RichText, Ui};

use crate::app::chrome::log_problem_ui;
use crate::app::console_view::ConsoleStep;
use crate::app::wizard::WizardApp;
use crate::text::console as text;

impl WizardApp {
    pub(in crate::app) fn console_ui(&mut self, ui: &mut Ui) {
        let Some(view) = self.console.clone() else {
            // The keychain check (and, in rehearsal, the simulated Circle)
            // is under way, or did not start.
            ui.heading(text::OPENING_TITLE);
            self.busy_ui(ui);
            self.messages_ui(ui);
            self.back_home_ui(ui);
            return;
        };
        ui.heading(text::title(view.kind));
        if view.resumed {
            ui.label(RichText::new(text::RESUMED).italics());
        }
        ui.add_space(4.0);
        match view.step() {
            ConsoleStep::Start => self.console_start_ui(ui, &view),
            ConsoleStep::Secret => self.console_secret_ui(ui, &view),
            ConsoleStep::Key => self.console_key_ui(ui, &view),
            ConsoleStep::Shown => self.console_shown_ui(ui, &view),
            ConsoleStep::Recovery => self.console_recovery_ui(ui, &view),
            ConsoleStep::Done => self.console_done_ui(ui, &view),
            ConsoleStep::Refused => self.console_refused_ui(ui, &view),
        }
        log_problem_ui(ui, view.log_problem.as_deref());
    }

    /// Progress, news, and the way back to the start where leaving is
    /// safe: every step but the recovery file's, which must be saved.
    fn console_footer_ui(&mut self, ui: &mut Ui) {
        self.busy_ui(ui);
        self.messages_ui(ui);
        let holding = self
            .console
            .as_ref()
            .is_some_and(|v| v.holds_unsaved_recovery());
        if holding {
            ui.add(egui::Label::new(RichText::new(text::SAVE_BEFORE_LEAVING).italics()).wrap());
        } else {
            self.back_home_ui(ui);
        }
    }
}
