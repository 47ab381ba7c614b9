//! What a screen reader hears of the window's words: the same words without
//! their decorative glyphs.
//!
//! The screens draw "Next ▶", "◀ Back", "✔ The keychain works" and
//! "⚠ DIFFERENT…": the glyphs help the eye, and a screen reader reads them
//! out as "black right-pointing triangle", "heavy check mark". The widgets
//! are named without them here, in one place, for every screen: each
//! accessibility update leaving egui has the leading or trailing glyph of
//! its names and static texts removed. What a person typed (a text field's
//! value) is never touched.

use egui::accesskit::{Node, Role};
use egui::{Context, FullOutput};

/// The glyphs that decorate a text's start or end and are not words.
const DECORATIONS: [char; 7] = ['✔', '⚠', '▶', '◀', '○', '✖', 'ℹ'];

/// `text` as it is spoken: without a decorative glyph (and the space beside
/// it) at its start or end. Other text is returned as it is.
pub fn spoken(text: &str) -> String {
    let mut t = text.trim();
    if let Some(rest) = t.strip_prefix(DECORATIONS) {
        t = rest.trim_start();
    }
    if let Some(rest) = t.strip_suffix(DECORATIONS) {
        t = rest.trim_end();
    }
    if t.is_empty() {
        // A glyph alone is all there is to say.
        text.to_owned()
    } else {
        t.to_owned()
    }
}

/// Names every widget of each accessibility update as [`spoken`] says it.
///
/// Added to the context when the wizard is made, so the window and the
/// tests' harness hear the same names.
#[derive(Debug, Default)]
pub struct SpokenNames;

impl egui::Plugin for SpokenNames {
    fn debug_name(&self) -> &'static str {
        "names without decorative glyphs"
    }

    fn output_hook(&mut self, _ctx: &Context, output: &mut FullOutput) {
        if let Some(update) = &mut output.platform_output.accesskit_update {
            for (_, node) in &mut update.nodes {
                unglyph(node);
            }
        }
    }
}

/// Remove the decorations of one node's name, description and, for static
/// text only, value.
fn unglyph(node: &mut Node) {
    if let Some(label) = node.label().map(spoken) {
        node.set_label(label);
    }
    if let Some(description) = node.description().map(spoken) {
        node.set_description(description);
    }
    // Screen readers (Orca through AT-SPI) read a description and not a
    // placeholder: a field's example is said as its description.
    if node.description().is_none()
        && let Some(placeholder) = node.placeholder().map(str::to_owned)
    {
        node.set_description(placeholder);
    }
    let typed = matches!(
        node.role(),
        Role::TextInput
            | Role::PasswordInput
            | Role::MultilineTextInput
            | Role::SearchInput
            | Role::EmailInput
            | Role::NumberInput
            | Role::PhoneNumberInput
            | Role::UrlInput
            | Role::DateInput
            | Role::DateTimeInput
            | Role::WeekInput
            | Role::MonthInput
            | Role::TimeInput
            | Role::SpinButton
            | Role::ComboBox
            | Role::EditableComboBox
    );
    if !typed && let Some(value) = node.value().map(spoken) {
        node.set_value(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decorations_at_either_end_are_not_spoken() {
        assert_eq!(spoken("Next ▶"), "Next");
        assert_eq!(spoken("◀ Back"), "Back");
        assert_eq!(
            spoken("✔ The keychain works: GNOME."),
            "The keychain works: GNOME."
        );
        assert_eq!(spoken("⚠ DIFFERENT from"), "DIFFERENT from");
        assert_eq!(spoken("Store in keychain ▶"), "Store in keychain");
    }

    #[test]
    fn glyphs_inside_a_text_and_a_glyph_alone_stay() {
        assert_eq!(
            spoken("Circle Console → Keys ▶ here"),
            "Circle Console → Keys ▶ here"
        );
        assert_eq!(spoken("✔"), "✔");
        assert_eq!(spoken("Ask Circle"), "Ask Circle");
    }

    #[test]
    fn the_plugin_names_a_button_without_its_arrow_and_keeps_a_typed_value() {
        let ctx = Context::default();
        ctx.enable_accesskit();
        ctx.add_plugin(SpokenNames);
        let mut typed = "▶ typed".to_owned();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let _ = ui.button("Next ▶");
            ui.text_edit_singleline(&mut typed);
        });
        let update = output.platform_output.accesskit_update.take().unwrap();
        output.drop_without_applying_deltas();
        let button = update
            .nodes
            .iter()
            .find(|(_, n)| n.role() == Role::Button)
            .unwrap();
        assert_eq!(button.1.label(), Some("Next"));
        let field = update
            .nodes
            .iter()
            .find(|(_, n)| n.role() == Role::TextInput)
            .unwrap();
        assert_eq!(field.1.value(), Some("▶ typed"));
    }
}
