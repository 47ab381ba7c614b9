//! Finished: the new secret is the active one, the recovery file saved
//! and verified (or recorded as kept elsewhere), the replaced secret kept
//! as retired, the old recovery file worthless; the record, reminder and
//! ceremony log restart from today. Proving it works is offered, never
//! done by default.

use egui::{RichText, Ui};

use super::start::compromised_list_ui;
use crate::app::console_view::ConsoleView;
use crate::app::widgets::{recovery_warning_ui, registration_facts};
use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::Start;
use crate::ceremony::CheckSubject;
use crate::ceremony::console::ConsoleKind;
use crate::text::{self, console as words};

impl WizardApp {
    pub(super) fn console_done_ui(&mut self, ui: &mut Ui, view: &ConsoleView) {
        let Some(outcome) = view.outcome.clone() else {
            return;
        };
        let record = &outcome.record;
        ui.add(
            egui::Label::new(
                RichText::new(words::done(view.kind, outcome.written.is_some())).strong(),
            )
            .wrap(),
        );
        ui.add_space(6.0);
        registration_facts(ui, "console-done-facts", record);
        recovery_warning_ui(ui, record);
        if let Some(retired) = &outcome.retired {
            ui.add(
                egui::Label::new(words::retired_kept(
                    &retired.fingerprint,
                    &retired.to_account,
                ))
                .wrap(),
            );
        }
        if let Some(old) = &outcome.previous_recovery {
            ui.add(egui::Label::new(words::old_recovery_worthless(old)).wrap());
        }
        if view.kind == ConsoleKind::Reset && self.console_inputs.compromised {
            compromised_list_ui(ui);
        }
        ui.add_space(6.0);
        ui.add(egui::Label::new(text::wizard::done_rotation()).wrap());
        if outcome.written.is_some() {
            ui.add(
                egui::Label::new(RichText::new(text::wizard::DONE_MOVE_RECOVERY).strong()).wrap(),
            );
        }
        ui.add_space(8.0);
        self.documents_ui(ui, record);
        match view.kind {
            ConsoleKind::Registration => self.handoff_offer_ui(ui, record),
            ConsoleKind::Rotation | ConsoleKind::Reset => self.handoff_files_ui(ui, record),
        }
        // An offline workstation has no route to Circle to prove anything.
        if view.kind != ConsoleKind::Registration {
            self.prove_offer_ui(ui, record);
        }
        self.console_footer_ui(ui);
    }

    /// "Prove it works", offered after a ceremony and never run by
    /// default: it creates something in the account, said on its screen
    /// before the person consents.
    pub(in crate::app) fn prove_offer_ui(
        &mut self,
        ui: &mut Ui,
        record: &crate::store::RegistrationRecord,
    ) {
        ui.add_space(8.0);
        ui.add(egui::Label::new(text::check::PROVE_OFFER).wrap());
        if ui
            .add_enabled(
                self.busy.is_none(),
                egui::Button::new(text::check::PROVE_BUTTON),
            )
            .clicked()
        {
            let rehearsal = record.rehearsal;
            self.open(
                Screen::Check,
                rehearsal,
                Start::Check {
                    rehearsal,
                    subject: CheckSubject::Registration(Box::new(record.clone())),
                },
            );
        }
    }
}
