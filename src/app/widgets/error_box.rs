//! How every error is shown: what happened, what to do, the request id.

use egui::{RichText, Ui};

use crate::error::Explain;

/// An error as a person reads it. Built from any [`Explain`] error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorView {
    /// What happened.
    pub message: String,
    /// What to do.
    pub next_step: String,
    /// Circle's request id, for support.
    pub request_id: Option<String>,
}

impl ErrorView {
    /// Capture an error's message, next step and request id.
    pub fn from_error(error: &dyn Explain) -> Self {
        Self {
            message: error.to_string(),
            next_step: error.next_step(),
            request_id: error.request_id().map(str::to_owned),
        }
    }
}

/// Draw an error box; returns its message, announced to screen readers as
/// it appears, and described by what to do (for a field to be described by).
pub fn error_box_ui(ui: &mut Ui, error: &ErrorView) -> egui::Response {
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().error_fg_color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let message = ui.add(
                egui::Label::new(
                    RichText::new(&error.message)
                        .strong()
                        .color(ui.visuals().error_fg_color),
                )
                .wrap(),
            );
            ui.add(egui::Label::new(&error.next_step).wrap());
            super::announce(&message, true);
            super::describe(&message, &error.next_step);
            if let Some(id) = &error.request_id {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Circle request id:");
                    ui.label(RichText::new(id).monospace());
                });
            }
            message
        })
        .inner
}
