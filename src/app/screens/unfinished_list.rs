//! The home screen's unfinished ceremonies: what is known of each, and a
//! button for each way forward this app offers.

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::{Command, Start};
use crate::ceremony::console::ConsoleKind;
use crate::ceremony::status::{NextStep, Unfinished};
use crate::ceremony::{CheckSubject, DiscardTarget};
use crate::store::{CeremonyKind, InProgress};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn unfinished_list_ui(&mut self, ui: &mut Ui, unfinished: &[Unfinished]) {
        if unfinished.is_empty() {
            return;
        }
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(text::status::UNFINISHED_TITLE)
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                );
                for item in unfinished {
                    ui.add_space(4.0);
                    self.unfinished_ui(ui, item);
                }
            });
        ui.add_space(8.0);
    }

    fn unfinished_ui(&mut self, ui: &mut Ui, item: &Unfinished) {
        let e = &item.entry;
        entry_heading_ui(ui, e, &text::status::presence(&item.secret));
        ui.add(egui::Label::new(text::status::situation(&item.situation, e.ceremony)).wrap());
        let enabled = self.busy.is_none();
        ui.horizontal_wrapped(|ui| {
            for step in &item.next {
                if !offered(*step, e.ceremony) {
                    continue;
                }
                let clicked = ui
                    .add_enabled(
                        enabled,
                        egui::Button::new(text::status::next_step_label(*step)),
                    )
                    .on_hover_text(text::status::next_step_help(*step))
                    .clicked();
                if clicked {
                    self.take_step(*step, item);
                }
            }
        });
    }

    fn take_step(&mut self, step: NextStep, item: &Unfinished) {
        let entry = Box::new(item.entry.clone());
        let rehearsal = entry.rehearsal;
        match step {
            NextStep::Resume if ConsoleKind::of(entry.ceremony).is_some() => {
                self.open(Screen::Console, rehearsal, Start::ResumeConsole(entry));
            }
            NextStep::Resume => self.open(Screen::Keychain, rehearsal, Start::Resume(entry)),
            NextStep::Discard => self.open(
                Screen::Discard,
                rehearsal,
                Start::Discard {
                    rehearsal,
                    target: DiscardTarget::Unfinished(entry),
                },
            ),
            NextStep::Finish => self.open(Screen::Finish, rehearsal, Start::Finish(entry)),
            NextStep::Dismiss => self.send(Start::Dismiss(entry)),
            NextStep::UnlockKeychain => self.send(Command::LoadStatus),
            NextStep::CheckWithCircle => self.open(
                Screen::Check,
                rehearsal,
                Start::Check {
                    rehearsal,
                    subject: CheckSubject::Unfinished(entry),
                },
            ),
        }
    }
}

/// An unfinished ceremony's name and facts; `secret` says where its secret
/// is.
pub(in crate::app) fn entry_heading_ui(ui: &mut Ui, e: &InProgress, secret: &str) {
    ui.label(
        RichText::new(text::home::item_title(
            e.rehearsal,
            e.environment,
            &e.app_id,
        ))
        .strong(),
    );
    ui.add(
        egui::Label::new(text::home::unfinished_facts(
            e.ceremony.label(),
            e.started_at,
            &e.secret_fingerprint,
            secret,
        ))
        .wrap(),
    );
}

/// Whether this window has a button for `step` of a ceremony of `kind`:
/// never a button for something that does not exist.
pub(in crate::app) fn offered(step: NextStep, kind: CeremonyKind) -> bool {
    match step {
        // A registration, or a Console ceremony, each by its own session.
        NextStep::Resume => kind == CeremonyKind::Onboarding || ConsoleKind::of(kind).is_some(),
        NextStep::CheckWithCircle
        | NextStep::Discard
        | NextStep::Finish
        | NextStep::Dismiss
        | NextStep::UnlockKeychain => true,
    }
}
