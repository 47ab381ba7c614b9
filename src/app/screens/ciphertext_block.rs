//! A ciphertext on screen, wherever one is shown (ciphertexts on demand,
//! the Console ceremonies): one wrapped block that can be selected, its
//! length, and a copy button with the clipboard's countdown.

use std::time::Instant;

use egui::{RichText, Ui};
use zeroize::Zeroizing;

use crate::app::widgets::ErrorView;
use crate::app::wizard::WizardApp;
use crate::text;

impl WizardApp {
    /// Draw `ciphertext` with a copy button labelled `copy_label`.
    pub(in crate::app) fn ciphertext_block_ui(
        &mut self,
        ui: &mut Ui,
        ciphertext: &str,
        copy_label: &str,
    ) {
        // Not secret, and not editable: a label that wraps and can be
        // selected, with no undo history behind it.
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // Base64 has no words: break anywhere, so every line is full and
            // none looks like a separate piece.
            let mut job = egui::text::LayoutJob::simple(
                ciphertext.to_owned(),
                egui::TextStyle::Monospace.resolve(ui.style()),
                ui.visuals().text_color(),
                ui.available_width(),
            );
            job.wrap.break_anywhere = true;
            ui.add(egui::Label::new(job).selectable(true));
        });
        ui.label(text::home::ciphertext_length(ciphertext.chars().count()));
        ui.horizontal_wrapped(|ui| {
            let now = Instant::now();
            let copy = ui.add_enabled(self.clipboard.available(), egui::Button::new(copy_label));
            if copy.clicked()
                && let Err(e) = self
                    .clipboard
                    .copy(Zeroizing::new(ciphertext.to_owned()), now)
            {
                self.error = Some(ErrorView {
                    message: e,
                    next_step: text::home::COPY_FAILED_NEXT.to_owned(),
                    request_id: None,
                });
            }
            if let Some(left) = self.clipboard.remaining(now) {
                ui.label(text::home::clipboard_clears(left.as_secs()));
            } else if !self.clipboard.available() {
                ui.label(RichText::new(text::wizard::NO_CLIPBOARD).weak());
            }
        });
    }
}
