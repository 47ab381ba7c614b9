//! The close button: refused while something must not be left half-done
//! (a write in flight, a recovery file not yet saved), with a notice that
//! says which; otherwise allowed, clearing what this app put on the
//! clipboard. Closing while Console is in the person's hands is allowed:
//! the journal keeps the step and the start screen offers to resume it.

use std::time::Instant;

use egui::ViewportCommand;

use super::wizard::WizardApp;
use super::worker::{
    CheckCommand, Command, ConsoleCommand, FinishingCommand, HandoffCommand, OnboardingCommand,
    SimulatedConsoleCommand, Start,
};
use crate::text;

impl WizardApp {
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            if let Some(reason) = self.close_refused_because() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.close_refused = Some(reason);
            } else {
                // Leaving: clear a secret we put on the clipboard.
                self.clipboard.tick(Instant::now(), true);
            }
        }
    }

    pub(super) fn close_refused_ui(&mut self, ctx: &egui::Context) {
        let Some(reason) = self.close_refused else {
            return;
        };
        let modal = egui::Modal::new(egui::Id::unique("close-refused")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading(text::wizard::CLOSE_REFUSED_TITLE);
            ui.add(egui::Label::new(reason).wrap());
            ui.add_space(8.0);
            if ui.button(text::wizard::STAY).clicked() {
                self.close_refused = None;
            }
        });
        if modal.should_close() {
            self.close_refused = None;
        }
    }
}

/// Whether a command writes something that must not be half-done (the
/// keychain, Circle, the recovery file, the journal): closing is refused
/// while it runs.
pub(super) fn writes(command: &Command) -> bool {
    matches!(
        command,
        Command::Onboarding(
            OnboardingCommand::Register
                | OnboardingCommand::StoreSecret
                | OnboardingCommand::SaveRecovery(_)
        ) | Command::Finishing(FinishingCommand::SaveLeftover(_) | FinishingCommand::Complete)
            | Command::Discard(_)
            | Command::Start(Start::Dismiss(_))
            | Command::Console(
                ConsoleCommand::StageSecret
                    | ConsoleCommand::MakeCiphertexts
                    | ConsoleCommand::SaveCiphertextFile(_)
                    | ConsoleCommand::Accepted
                    | ConsoleCommand::Refused
                    | ConsoleCommand::DiscardNewSecret(_)
                    | ConsoleCommand::SaveRecovery
                    | ConsoleCommand::RecordElsewhere { .. }
            )
            | Command::Check(CheckCommand::Run | CheckCommand::Settle)
            | Command::SimulatedConsole(SimulatedConsoleCommand::Download(_))
            | Command::Handoff(HandoffCommand::Save { .. })
    )
}
