//! The home screen's registrations: facts, rotation date, what needs
//! attention (in the warning or error colour, with what to do), the last
//! proof that it works, its retired secrets, and the actions each offers.

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::Start;
use crate::ceremony::CheckSubject;
use crate::ceremony::console::ConsoleKind;
use crate::ceremony::status::{Attention, KnownRegistration, RegistrationAction};
use crate::store::{RegistrationRecord, RotationStatus};
use crate::text;

impl WizardApp {
    pub(in crate::app) fn registration_list_ui(
        &mut self,
        ui: &mut Ui,
        registrations: &[KnownRegistration],
    ) {
        ui.heading(text::home::REGISTRATIONS_TITLE);
        if registrations.is_empty() {
            ui.label(RichText::new(text::status::NOTHING_YET).weak());
        }
        for known in registrations {
            let stroke = if known.attention.iter().any(is_problem) {
                egui::Stroke::new(1.5, ui.visuals().error_fg_color)
            } else {
                ui.visuals().widgets.noninteractive.bg_stroke
            };
            egui::Frame::group(ui.style())
                .stroke(stroke)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    self.registration_ui(ui, known);
                });
        }
        ui.add_space(8.0);
    }

    fn registration_ui(&mut self, ui: &mut Ui, known: &KnownRegistration) {
        let r = &known.record;
        ui.label(
            RichText::new(text::home::item_title(
                r.rehearsal,
                r.environment,
                &r.app_id,
            ))
            .strong(),
        );
        let facts = ui.add(
            egui::Label::new(text::home::registered_facts(
                r.registered_at,
                &r.secret_fingerprint,
                &r.public_key_fingerprint,
            ))
            .wrap(),
        );
        // The screen shortens Circle's key fingerprint; a screen reader is
        // given all of it.
        let spoken = text::window::registered_facts_spoken(
            &r.registered_at.format("%Y-%m-%d").to_string(),
            &r.secret_fingerprint,
            &r.public_key_fingerprint,
        );
        facts.ctx.accesskit_node_builder(facts.id, |node| {
            node.set_label(spoken.as_str());
            node.set_value(spoken.as_str());
        });
        let color = match known.rotation {
            RotationStatus::Ok { .. } => ui.visuals().text_color(),
            RotationStatus::DueSoon { .. } => ui.visuals().warn_fg_color,
            RotationStatus::Overdue { .. } => ui.visuals().error_fg_color,
        };
        ui.add(
            egui::Label::new(
                RichText::new(text::status::rotation(known.rotation, r.rotate_by)).color(color),
            )
            .wrap(),
        );
        ui.add(
            egui::Label::new(text::home::secret_presence(&text::status::presence(
                &known.secret,
            )))
            .wrap(),
        );
        for attention in &known.attention {
            // The rotation line above already says these, in colour.
            if matches!(
                attention,
                Attention::RotationDueSoon { .. } | Attention::RotationOverdue { .. }
            ) {
                continue;
            }
            let color = if is_problem(attention) {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().warn_fg_color
            };
            ui.add(
                egui::Label::new(
                    RichText::new(format!("⚠ {}", text::status::attention(attention))).color(color),
                )
                .wrap(),
            );
        }
        if let Some(check) = &r.last_check {
            let color = if check.accepted {
                ui.visuals().text_color()
            } else {
                ui.visuals().error_fg_color
            };
            ui.add(
                egui::Label::new(RichText::new(text::check::last_check(check)).color(color)).wrap(),
            );
        }
        self.retired_list_ui(ui, known);
        let key = format!("{}/{}", r.keychain_service, r.keychain_account);
        // The secret is here (or in a locked keychain): what needs it is
        // offered; a reset never needs it.
        let secret_here = known.actions.contains(&RegistrationAction::NewCiphertext);
        ui.horizontal_wrapped(|ui| {
            if secret_here {
                self.registration_actions_ui(ui, r);
            }
            self.console_button_ui(ui, r, ConsoleKind::Reset);
            let documents = known.actions.contains(&RegistrationAction::ExportReminder)
                && known.actions.contains(&RegistrationAction::ExportRecord);
            if documents
                && self.document_buttons_ui(
                    ui,
                    r,
                    [text::home::SAVE_REMINDER, text::home::SAVE_RECORD],
                )
            {
                // The typed-path fallback, under this registration.
                if self.home_documents_for.as_deref() != Some(key.as_str()) {
                    self.typed_path.clear();
                }
                self.home_documents_for = Some(key.clone());
            }
        });
        if self.home_documents_for.as_deref() == Some(key.as_str()) {
            self.document_path_ui(ui, r);
        }
    }
}

impl WizardApp {
    /// What needs the registration's secret: a ciphertext, a rotation,
    /// proving it works.
    fn registration_actions_ui(&mut self, ui: &mut Ui, r: &RegistrationRecord) {
        let enabled = self.busy.is_none();
        if ui
            .add_enabled(enabled, egui::Button::new(text::home::NEW_CIPHERTEXT))
            .clicked()
        {
            self.open(
                Screen::Ciphertext,
                r.rehearsal,
                Start::Ciphertext(Box::new(r.clone())),
            );
        }
        self.console_button_ui(ui, r, ConsoleKind::Rotation);
        self.handoff_button_ui(ui, r);
        let prove = ui
            .add_enabled(enabled, egui::Button::new(text::check::PROVE_BUTTON))
            .on_hover_text(text::check::PROVE_OFFER);
        if prove.clicked() {
            self.open(
                Screen::Check,
                r.rehearsal,
                Start::Check {
                    rehearsal: r.rehearsal,
                    subject: CheckSubject::Registration(Box::new(r.clone())),
                },
            );
        }
    }

    /// Rotate or reset this registration's secret in Console.
    fn console_button_ui(&mut self, ui: &mut Ui, r: &RegistrationRecord, kind: ConsoleKind) {
        let (label, help) = match kind {
            ConsoleKind::Rotation => (text::home::ROTATE, text::home::ROTATE_HELP),
            ConsoleKind::Reset | ConsoleKind::Registration => {
                (text::home::RESET, text::home::RESET_HELP)
            }
        };
        if ui
            .add_enabled(self.busy.is_none(), egui::Button::new(label))
            .on_hover_text(help)
            .clicked()
        {
            self.open(
                Screen::Console,
                r.rehearsal,
                Start::Console {
                    kind,
                    rehearsal: r.rehearsal,
                    record: Some(Box::new(r.clone())),
                },
            );
        }
    }

    /// The registration's retired secrets, each with its deletion.
    fn retired_list_ui(&mut self, ui: &mut Ui, known: &KnownRegistration) {
        for (retired, presence) in &known.retired {
            ui.horizontal_wrapped(|ui| {
                ui.add(
                    egui::Label::new(text::home::retired_line(
                        &retired.fingerprint,
                        &retired.keychain_account,
                        retired.retired_at,
                        &text::status::presence(presence),
                    ))
                    .wrap(),
                );
                let label = text::home::retired_delete(&retired.fingerprint);
                if ui
                    .add_enabled(self.busy.is_none(), egui::Button::new(label))
                    .clicked()
                {
                    self.open(
                        Screen::Discard,
                        known.record.rehearsal,
                        Start::DeleteRetired {
                            record: Box::new(known.record.clone()),
                            account: retired.keychain_account.clone(),
                        },
                    );
                }
            });
        }
    }
}

/// Whether something stops the registration's secret from being used: a
/// problem, shown in the error colour. The rest are warnings.
fn is_problem(attention: &Attention) -> bool {
    matches!(
        attention,
        Attention::SecretMissing | Attention::KeychainUnavailable { .. }
    )
}
