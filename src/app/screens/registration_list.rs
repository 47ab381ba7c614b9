//! The home screen's registrations: facts, rotation date, what needs
//! attention (in the warning or error colour, with what to do), and the
//! actions each offers.

use egui::{RichText, Ui};

use crate::app::wizard::{Screen, WizardApp};
use crate::app::worker::Start;
use crate::ceremony::status::{Attention, KnownRegistration, RegistrationAction};
use crate::store::RotationStatus;
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
        ui.add(
            egui::Label::new(text::home::registered_facts(
                r.registered_at,
                &r.secret_fingerprint,
                &r.public_key_fingerprint,
            ))
            .wrap(),
        );
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
        let key = format!("{}/{}", r.keychain_service, r.keychain_account);
        let enabled = self.busy.is_none();
        ui.horizontal_wrapped(|ui| {
            // Rotation and reset get their buttons here once their
            // ceremonies exist; until then none is shown.
            if known.actions.contains(&RegistrationAction::NewCiphertext)
                && ui
                    .add_enabled(enabled, egui::Button::new(text::home::NEW_CIPHERTEXT))
                    .clicked()
            {
                self.open(
                    Screen::Ciphertext,
                    r.rehearsal,
                    Start::Ciphertext(Box::new(r.clone())),
                );
            }
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

/// Whether something stops the registration's secret from being used: a
/// problem, shown in the error colour. The rest are warnings.
fn is_problem(attention: &Attention) -> bool {
    matches!(
        attention,
        Attention::SecretMissing | Attention::KeychainUnavailable { .. }
    )
}
