//! The home screen's keychain entries that nothing explains: what each is,
//! and its ways forward: check with Circle, discard where that is safe.

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::Start;
use crate::ceremony::status::{NextStep, StraySecret};
use crate::ceremony::{CheckSubject, DiscardTarget};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn stray_list_ui(&mut self, ui: &mut Ui, strays: &[StraySecret]) {
        if strays.is_empty() {
            return;
        }
        ui.heading(text::status::STRAYS_TITLE);
        for stray in strays {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(text::home::item_title(
                        stray.rehearsal,
                        stray.environment,
                        &stray.app_id,
                    ))
                    .strong(),
                );
                ui.add(
                    egui::Label::new(
                        RichText::new(text::home::keychain_entry(&stray.service, &stray.account))
                            .monospace(),
                    )
                    .wrap(),
                );
                // What it is, and so why only some ways are offered.
                ui.add(egui::Label::new(text::status::stray(stray.kind)).wrap());
                ui.horizontal_wrapped(|ui| {
                    for step in &stray.next {
                        let label = text::status::next_step_label(*step);
                        let clicked = ui
                            .add_enabled(self.busy.is_none(), egui::Button::new(label))
                            .on_hover_text(text::status::next_step_help(*step))
                            .clicked();
                        if clicked {
                            self.stray_step(*step, stray);
                        }
                    }
                });
            });
        }
        ui.add_space(8.0);
    }

    fn stray_step(&mut self, step: NextStep, stray: &StraySecret) {
        let rehearsal = stray.rehearsal;
        let account = stray.account.clone();
        let (screen, start) = match step {
            NextStep::Discard => (
                Screen::Discard,
                Start::Discard {
                    rehearsal,
                    target: DiscardTarget::Stray { account },
                },
            ),
            NextStep::CheckWithCircle => (
                Screen::Check,
                Start::Check {
                    rehearsal,
                    subject: CheckSubject::Stray { account },
                },
            ),
            // The status offers strays nothing else.
            NextStep::Resume | NextStep::Finish | NextStep::Dismiss | NextStep::UnlockKeychain => {
                return;
            }
        };
        self.open(screen, rehearsal, start);
    }
}
