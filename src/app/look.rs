//! How the window looks: fonts, text sizes, spacing, badges.

use egui::{RichText, Ui};

/// egui's fonts, with its monospace font (Hack) as a last resort for the
/// proportional text too: Ubuntu-Light has no arrows, and the prose uses
/// "→" ("Circle Console → Keys"), which would otherwise be drawn as a box.
pub(super) fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        family.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Slightly larger text and more air than egui's defaults: the wizard is
/// read carefully, by people who do not use tools like it every day. Applied
/// to both themes, so the system's light or dark choice still rules.
pub(super) fn style(ctx: &egui::Context) {
    use egui::{FontFamily, FontId, TextStyle};
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 7.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 26.0;
    });
}

/// A small coloured label.
pub(super) fn badge_ui(ui: &mut Ui, label: &str, color: egui::Color32) -> egui::Response {
    egui::Frame::new()
        .fill(color)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(RichText::new(label).strong().color(egui::Color32::WHITE))
        })
        .inner
}
