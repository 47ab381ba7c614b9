//! A sentence that must not be missed: strong, in the warning colour,
//! wrapped to the window.

use egui::{RichText, Ui};

/// Draw `text` as a warning.
pub fn warning_ui(ui: &mut Ui, text: &str) {
    ui.add(
        egui::Label::new(
            RichText::new(text)
                .strong()
                .color(ui.visuals().warn_fg_color),
        )
        .wrap(),
    );
}
