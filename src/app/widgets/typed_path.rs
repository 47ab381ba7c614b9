//! A path typed by hand, for when no file dialog can be shown: a field
//! named for screen readers, and a button that waits for something typed.

use std::path::PathBuf;

use egui::Ui;

/// Draw the field (named `field`) and the button (labelled `button`) in a
/// row; returns the typed path when the button is clicked.
pub fn typed_path_ui(
    ui: &mut Ui,
    text: &mut String,
    field: &str,
    button: &str,
    enabled: bool,
) -> Option<PathBuf> {
    ui.horizontal_wrapped(|ui| {
        let edit = egui::TextEdit::singleline(text)
            .desired_width(ui.available_width().clamp(200.0, 420.0));
        ui.add_enabled(enabled, edit).accessible_name(field);
        let typed = text.trim();
        let clicked = ui
            .add_enabled(enabled && !typed.is_empty(), egui::Button::new(button))
            .clicked();
        clicked.then(|| PathBuf::from(typed))
    })
    .inner
}
