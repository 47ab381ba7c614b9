//! What is known about a recovery file's chosen place: each warning in the
//! warning colour with its own "I understand", each good sign with a tick.

use egui::{RichText, Ui};

use crate::store::LocationNote;

/// Draw `notes`; returns the acknowledgement the person changed, if any,
/// as (index, acknowledged).
pub fn location_notes_ui(
    ui: &mut Ui,
    notes: &[(LocationNote, bool)],
    enabled: bool,
) -> Option<(usize, bool)> {
    let mut changed = None;
    for (index, (note, acknowledged)) in notes.iter().enumerate() {
        ui.add_space(4.0);
        if note.is_warning() {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("⚠ {}", note.message()))
                        .color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            );
            let mut ack = *acknowledged;
            let label = note.acknowledgement().unwrap_or_default();
            if ui
                .add_enabled(enabled, egui::Checkbox::new(&mut ack, label))
                .changed()
            {
                changed = Some((index, ack));
            }
        } else {
            ui.add(
                egui::Label::new(RichText::new(format!("✔ {}", note.message())).strong()).wrap(),
            );
        }
    }
    changed
}
