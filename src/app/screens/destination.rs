//! Step 5: where the recovery file goes. Native save dialog, a typed path
//! for when no dialog can be shown, and the location warnings, each with its
//! own acknowledgement.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::app::widgets::{described_by, location_notes_ui};
use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::OnboardingCommand;
use crate::ceremony::OnboardingStage;
use crate::text;

impl WizardApp {
    pub(in crate::app) fn destination_ui(&mut self, ui: &mut Ui) {
        ui.heading(text::wizard::DESTINATION_TITLE);
        ui.label(text::wizard::DESTINATION_INTRO);
        ui.add_space(8.0);
        let enabled = self.busy.is_none();
        if ui
            .add_enabled(enabled, egui::Button::new(text::wizard::CHOOSE_WHERE))
            .clicked()
        {
            self.send(OnboardingCommand::OpenSaveDialog);
        }
        ui.add_space(4.0);
        ui.label(text::wizard::DESTINATION_TYPED);
        let field = ui.horizontal_wrapped(|ui| {
            let field = egui::TextEdit::singleline(&mut self.typed_path)
                .hint_text("/media/usb/recovery_file.dat")
                .desired_width(ui.available_width().min(520.0) - 110.0);
            let field = ui
                .add_enabled(enabled, field)
                .accessible_name(text::wizard::RECOVERY_FILE_PATH);
            let path_given = !self.typed_path.trim().is_empty();
            if ui
                .add_enabled(enabled && path_given, egui::Button::new("Use this path"))
                .clicked()
            {
                self.send(OnboardingCommand::ChooseDestination(PathBuf::from(
                    self.typed_path.trim(),
                )));
            }
            field
        });
        self.busy_ui(ui);
        // Why a typed place cannot be used describes its field.
        if let Some(error) = self.messages_ui(ui) {
            described_by(&field.inner, &error);
        }

        let snapshot = self.snapshot.clone();
        let chosen = snapshot
            .as_ref()
            .filter(|s| s.stage.has_reached(OnboardingStage::DestinationChosen));
        if let Some(s) = chosen {
            if let Some(path) = &s.destination {
                ui.add_space(8.0);
                ui.label(RichText::new(text::wizard::WRITABLE).strong());
                ui.label(RichText::new(path.display().to_string()).monospace());
            }
            if let Some((index, ack)) = location_notes_ui(ui, &s.notes, self.busy.is_none()) {
                self.send(OnboardingCommand::Acknowledge(index, ack));
                if let Some(slot) = self
                    .snapshot
                    .as_mut()
                    .and_then(|snap| snap.notes.get_mut(index))
                {
                    slot.1 = ack;
                }
            }
        }
        let acknowledged = self
            .snapshot
            .as_ref()
            .is_some_and(|s| s.notes.iter().all(|(n, a)| !n.is_warning() || *a));
        let blocked = if chosen.is_none() {
            Some(text::wizard::CHOOSE_PLACE_FIRST)
        } else if !acknowledged {
            Some(text::wizard::ACKNOWLEDGE_FIRST)
        } else {
            None
        };
        let (back, next) = self.nav_ui(ui, true, "Review ▶", blocked);
        if back {
            if chosen.is_some() {
                self.send(OnboardingCommand::Back);
            }
            self.screen = Screen::Stored;
        }
        if next {
            // The review screen shows the fetch, and if Circle cannot be
            // reached, the way to import its key from a file instead.
            self.screen = Screen::Review;
            self.send(OnboardingCommand::Review);
        }
    }
}
