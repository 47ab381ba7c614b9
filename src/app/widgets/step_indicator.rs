//! "Step N of M", with every step's name and whether it is done.

use egui::{RichText, TextWrapMode, Ui};

/// The onboarding steps, in order, as named on screen.
pub const STEPS: [&str; 8] = [
    "Keychain",
    "API key",
    "Secret",
    "Stored",
    "Recovery file",
    "Review",
    "Register",
    "Done",
];

/// Draw the indicator of `steps` with `current` (0-based) as the current
/// step.
pub fn step_indicator_ui(ui: &mut Ui, steps: &[&str], current: usize) {
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::Label::new(
                RichText::new(format!("Step {} of {}", current + 1, steps.len())).strong(),
            )
            .wrap_mode(TextWrapMode::Extend),
        );
        ui.separator();
        for (i, name) in steps.iter().enumerate() {
            let (mark, text) = if i < current {
                ("✔", RichText::new(*name).weak())
            } else if i == current {
                ("▶", RichText::new(*name).strong().underline())
            } else {
                ("○", RichText::new(*name).weak())
            };
            let state = if i < current {
                "done"
            } else if i == current {
                "current"
            } else {
                "to do"
            };
            // One label per step, so a screen reader hears each step once,
            // by its state rather than by the symbol.
            let mut job = egui::text::LayoutJob::default();
            let style = ui.style().clone();
            RichText::new(format!("{mark} ")).weak().append_to(
                &mut job,
                &style,
                egui::FontSelection::Default,
                egui::Align::Center,
            );
            text.append_to(
                &mut job,
                &style,
                egui::FontSelection::Default,
                egui::Align::Center,
            );
            // Never broken inside: a narrow window moves the whole step,
            // its mark with it, to the next line.
            let response = ui.add(egui::Label::new(job).wrap_mode(TextWrapMode::Extend));
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Label, true, format!("{name}: {state}"))
            });
        }
    });
}
