//! One row of a two-column grid of facts: a name and its value.

use egui::{RichText, Ui};

/// Add a row to a grid: the fact's name, then its value, wrapped so that a
/// long path or fingerprint never runs off the window.
pub fn fact_row(ui: &mut Ui, name: &str, value: impl Into<RichText>) {
    ui.label(name);
    ui.add(egui::Label::new(value.into()).wrap());
    ui.end_row();
}
