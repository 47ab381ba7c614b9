//! Step 8: what now exists and where, the rotation date, the calendar
//! reminder and the ceremony record.

use egui::{RichText, Ui};

use crate::app::chrome::log_problem_ui;
use crate::app::widgets::{describe, registration_facts, warning_ui};
use crate::app::wizard::WizardApp;
use crate::app::worker::Command;
use crate::ceremony::documents::RecoveryKept;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn done_ui(&mut self, ui: &mut Ui) {
        ui.heading("Done");
        let snapshot = self.snapshot.clone();
        let Some(outcome) = snapshot.as_ref().and_then(|s| s.outcome.clone()) else {
            return;
        };
        let s = snapshot.as_ref();
        let record = &outcome.record;
        ui.label(RichText::new(text::wizard::DONE_TITLE).strong());
        if let Some(unverified) = &outcome.unverified {
            ui.label(
                RichText::new(text::recovery::unverified_reason(unverified.reason))
                    .color(ui.visuals().error_fg_color),
            );
        }
        ui.add_space(6.0);
        registration_facts(ui, "done-facts", record);
        ui.add_space(6.0);
        ui.label(text::wizard::done_rotation());
        ui.add(egui::Label::new(RichText::new(text::wizard::DONE_MOVE_RECOVERY).strong()).wrap());
        ui.add_space(8.0);
        // Asked before the documents, so the ceremony record saved below
        // carries the answer.
        self.recovery_kept_ui(ui);
        ui.add_space(8.0);
        self.documents_ui(ui, record);
        self.handoff_offer_ui(ui, record);
        self.prove_offer_ui(ui, record);
        self.busy_ui(ui);
        self.messages_ui(ui);
        log_problem_ui(ui, s.and_then(|s| s.log_problem.as_deref()));
        ui.add_space(10.0);
        if let Some(kept) = self.recovery_kept {
            if kept == RecoveryKept::NotYet {
                warning_ui(ui, text::window::RECOVERY_KEPT_STILL_HERE);
            } else {
                ui.label(RichText::new(text::wizard::DONE_FINISHED).strong());
            }
            if ui.button(text::home::BACK_HOME).clicked() {
                self.send(Command::Abandon);
            }
        }
    }

    /// What the person did with the recovery file: asked, not ticked (a
    /// tick could contradict the warning about where the file is).
    fn recovery_kept_ui(&mut self, ui: &mut Ui) {
        ui.add(
            egui::Label::new(RichText::new(text::window::RECOVERY_KEPT_QUESTION).strong()).wrap(),
        );
        for kept in RecoveryKept::ALL {
            let answer = ui.radio(self.recovery_kept == Some(kept), kept.words());
            // Each answer is said with the question it answers.
            describe(&answer, text::window::RECOVERY_KEPT_QUESTION);
            if answer.clicked() {
                self.recovery_kept = Some(kept);
            }
        }
    }
}
