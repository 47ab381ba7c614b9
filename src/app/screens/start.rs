//! The home of the app: what this computer knows, each item with its ways
//! forward, and then the choice of a new ceremony. In this order:
//! unfinished ceremonies (they may be holding something), registrations,
//! keychain entries nothing explains, the ceremony choices (a first
//! registration, rehearsed or real; then the Console ceremonies that do
//! not start from a registration known here).

use egui::{RichText, Ui};

use crate::app::widgets::describe;
use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::Start;
use crate::ceremony::console::ConsoleKind;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn start_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        // News first, where it is seen without scrolling.
        self.busy_ui(ui);
        self.messages_ui(ui);
        if let Some(status) = self.status.clone() {
            self.unfinished_list_ui(ui, &status.unfinished);
            self.registration_list_ui(ui, &status.registrations);
            self.stray_list_ui(ui, &status.strays);
            if status.locked_entries > 0 {
                ui.add(
                    egui::Label::new(
                        RichText::new(text::status::locked_entries(status.locked_entries))
                            .color(ui.visuals().warn_fg_color),
                    )
                    .wrap(),
                );
            }
            for problem in &status.problems {
                ui.add(
                    egui::Label::new(RichText::new(problem).color(ui.visuals().error_fg_color))
                        .wrap(),
                );
            }
            ui.add_space(12.0);
        }
        self.choices_ui(ui);
    }

    /// Rehearsal or the real thing.
    fn choices_ui(&mut self, ui: &mut Ui) {
        ui.heading(text::home::CHOOSE_TITLE);
        ui.add(egui::Label::new(text::wizard::START_INTRO).wrap());
        ui.add_space(8.0);
        let enabled = self.busy.is_none();
        for (rehearsal, label, description) in [
            (true, text::home::REHEARSAL, text::wizard::START_REHEARSAL),
            (
                false,
                text::home::REGISTER_WITH_CIRCLE,
                text::wizard::START_REAL,
            ),
        ] {
            // The description wraps in the column beside the button.
            ui.horizontal(|ui| {
                let button = ui.add_enabled(
                    enabled,
                    egui::Button::new(RichText::new(label).size(18.0))
                        .min_size(egui::vec2(220.0, 40.0)),
                );
                ui.add(egui::Label::new(description).wrap());
                // The sentence beside the button is its description.
                describe(&button, description);
                if button.clicked() {
                    self.open(Screen::Keychain, rehearsal, Start::Begin { rehearsal });
                }
            });
            ui.add_space(6.0);
        }
        ui.add_space(6.0);
        ui.label(RichText::new(text::home::OTHER_CEREMONIES_TITLE).strong());
        for (label, description, kind) in [
            (
                text::home::REGISTER_THROUGH_CONSOLE,
                text::home::REGISTER_THROUGH_CONSOLE_HELP,
                ConsoleKind::Registration,
            ),
            (
                text::home::RESET_IN_CONSOLE,
                text::home::RESET_IN_CONSOLE_HELP,
                ConsoleKind::Reset,
            ),
        ] {
            ui.horizontal(|ui| {
                let real = ui.add_enabled(enabled, egui::Button::new(label));
                describe(&real, description);
                // A reset needs an app the simulated Circle knows: only a
                // registration rehearsed here has one (its own Reset).
                let rehearse = kind == ConsoleKind::Registration
                    && ui
                        .add_enabled(
                            enabled,
                            egui::Button::new(text::home::REHEARSE_THROUGH_CONSOLE),
                        )
                        .clicked();
                ui.add(egui::Label::new(description).wrap());
                for (clicked, rehearsal) in [(real.clicked(), false), (rehearse, true)] {
                    if clicked {
                        self.open(
                            Screen::Console,
                            rehearsal,
                            Start::Console {
                                kind,
                                rehearsal,
                                record: None,
                            },
                        );
                    }
                }
            });
        }
    }
}
