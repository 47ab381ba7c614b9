//! What every screen shares around its content: the navigation row, the
//! progress line, the error and notice.

use egui::{Key, RichText, Ui};

use super::file_dialog::Wish;
use super::widgets::{announce, describe, error_box_ui};
use super::wizard::WizardApp;
use super::worker::Command;
use crate::text;

impl WizardApp {
    /// The row at the bottom of a step: Back (where safe) and the step's main
    /// action. A disabled action says why. Enter triggers the action.
    /// Returns (back clicked, next clicked).
    pub(super) fn nav_ui(
        &mut self,
        ui: &mut Ui,
        back: bool,
        next_label: &str,
        next_blocked: Option<&str>,
    ) -> (bool, bool) {
        let mut back_clicked = false;
        let mut next_clicked = false;
        ui.add_space(12.0);
        ui.separator();
        // Wrapped: in a narrow window the reason a step is blocked goes
        // under the buttons rather than off the window's edge.
        ui.horizontal_wrapped(|ui| {
            let enabled = self.busy.is_none();
            if back
                && ui
                    .add_enabled(enabled, egui::Button::new(text::wizard::BACK))
                    .clicked()
            {
                back_clicked = true;
            }
            let can_next = enabled && next_blocked.is_none();
            let response = ui.add_enabled(
                can_next,
                egui::Button::new(RichText::new(next_label).strong()),
            );
            if response.clicked() {
                next_clicked = true;
            }
            if let Some(why) = next_blocked {
                ui.add(egui::Label::new(RichText::new(why).italics().weak()).wrap());
            }
        });
        // Enter is the default action, unless a control elsewhere is busy
        // with the keyboard (a text field keeps its Enter).
        let text_focus =
            ui.ctx().memory(|m| m.focused().is_some()) && ui.ctx().egui_wants_keyboard_input();
        if !next_clicked
            && self.busy.is_none()
            && next_blocked.is_none()
            && !text_focus
            && ui.input(|i| i.key_pressed(Key::Enter))
        {
            next_clicked = true;
        }
        (back_clicked, next_clicked)
    }

    /// Progress line while the worker runs something: a spinner named by
    /// what runs (a screen reader hears a progress bar with a name and a
    /// value), and the words, announced when they appear.
    pub(super) fn busy_ui(&self, ui: &mut Ui) {
        if let Some(what) = self.busy {
            ui.horizontal_wrapped(|ui| {
                let spinner = ui.spinner();
                ui.ctx().accesskit_node_builder(spinner.id, |node| {
                    node.set_role(egui::accesskit::Role::ProgressIndicator);
                    node.set_label(what);
                    node.set_value(text::window::IN_PROGRESS);
                });
                let words = ui.add(egui::Label::new(what).wrap());
                announce(&words, false);
            });
        }
        if let Some(open) = self.dialog_open {
            self.open_dialog_ui(ui, open.saving);
        }
    }

    /// While a native dialog is open: the promise its "Replace?" contradicts
    /// (save dialogs), and a way out when it went behind the window or
    /// never appeared.
    fn open_dialog_ui(&self, ui: &mut Ui, saving: bool) {
        if saving {
            ui.add(egui::Label::new(RichText::new(text::dialog::NEVER_REPLACED).strong()).wrap());
        }
        ui.horizontal_wrapped(|ui| {
            let again = ui.button(text::dialog::SHOW_AGAIN);
            describe(&again, text::dialog::SHOW_AGAIN_HINT);
            if again.on_hover_text(text::dialog::SHOW_AGAIN_HINT).clicked() {
                self.dialogs.wish(Wish::ShowAgain);
            }
            let instead = ui.button(text::dialog::TYPE_INSTEAD);
            describe(&instead, text::dialog::TYPE_INSTEAD_HINT);
            if instead
                .on_hover_text(text::dialog::TYPE_INSTEAD_HINT)
                .clicked()
            {
                self.dialogs.wish(Wish::GiveUp);
            }
        });
    }

    /// The current error or notice; returns the error's message, for a
    /// field to be described by.
    pub(super) fn messages_ui(&self, ui: &mut Ui) -> Option<egui::Response> {
        let error = self.error.as_ref().map(|e| error_box_ui(ui, e));
        for n in [&self.dialog_note, &self.notice].into_iter().flatten() {
            let notice = ui.add(egui::Label::new(RichText::new(n).italics()).wrap());
            announce(&notice, false);
        }
        error
    }

    /// A button back to the home screen, leaving the session.
    pub(super) fn back_home_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        if ui
            .add_enabled(
                self.busy.is_none(),
                egui::Button::new(text::home::BACK_HOME),
            )
            .clicked()
        {
            self.send(Command::Abandon);
        }
    }
}

/// A failure to write the session's records, log or journal, if any.
pub(super) fn log_problem_ui(ui: &mut Ui, problem: Option<&str>) {
    if let Some(problem) = problem {
        ui.add(
            egui::Label::new(
                RichText::new(text::wizard::log_problem(problem)).color(ui.visuals().warn_fg_color),
            )
            .wrap(),
        );
    }
}
