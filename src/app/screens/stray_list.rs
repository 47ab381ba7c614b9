//! The home screen's keychain entries that nothing explains: what each is,
//! Discard where that is safe, and the reason where it is not.

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::Start;
use crate::ceremony::DiscardTarget;
use crate::ceremony::status::{NextStep, StraySecret};
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
                // "Check with Circle" gets its button here once it exists.
                if stray.next.contains(&NextStep::Discard) {
                    let label = text::status::next_step_label(NextStep::Discard);
                    if ui
                        .add_enabled(self.busy.is_none(), egui::Button::new(label))
                        .on_hover_text(text::status::next_step_help(NextStep::Discard))
                        .clicked()
                    {
                        self.open(
                            Screen::Discard,
                            stray.rehearsal,
                            Start::Discard {
                                rehearsal: stray.rehearsal,
                                target: DiscardTarget::Stray {
                                    account: stray.account.clone(),
                                },
                            },
                        );
                    }
                }
            });
        }
        ui.add_space(8.0);
    }
}
