//! How the desktop knows the wizard: the application id that ties the window
//! to its desktop entry and icon, the window icon, and the window's name as
//! assistive technology reads it.
//!
//! egui gives the window's accessibility root (the AT-SPI "frame") no name,
//! while screen readers announce that name when the window gains focus; and
//! winit cannot read an X11 window's title back, so egui cannot fill it in
//! from the title either. [`FrameName`] keeps the root's name equal to the
//! window title, following every title change (" — Rehearsal").
//!
//! The AT-SPI *application* name is not set here: accesskit_unix 0.24 takes
//! it from the executable's file name (`app_name()` in its `src/context.rs`)
//! with no way to change it; the Debian package installs the executable under
//! the product's name for that reason.

use std::sync::Arc;

use egui::{FullOutput, ViewportCommand, ViewportId};

/// The desktop application id: the desktop entry's and the AppStream
/// component's name, the Wayland app id and the X11 `WM_CLASS`, by which the
/// desktop finds the wizard's icon and entry for its window.
pub const APP_ID: &str = "io.github.entity_secret_wizard.EntitySecretWizard";

/// The icon, 256 × 256, rendered from `assets/icon.svg`.
const ICON_PNG: &[u8] = include_bytes!(
    "../assets/icons/hicolor/256x256/apps/io.github.entity_secret_wizard.EntitySecretWizard.png"
);

/// The window icon (title bar, task switcher), or `None` if it cannot be
/// decoded — which a test rules out; the window then opens with the
/// desktop's default icon rather than not at all.
pub fn window_icon() -> Option<Arc<egui::IconData>> {
    eframe::icon_data::from_png_bytes(ICON_PNG)
        .ok()
        .map(Arc::new)
}

/// Keeps the accessibility root's name equal to the window title.
///
/// Add it with `egui::Context::add_plugin` when the window is created. It
/// watches the viewport commands the app sends and names the root node in
/// every accessibility update, so a new title is read out from the same
/// frame on.
#[derive(Debug)]
pub struct FrameName {
    title: String,
}

impl FrameName {
    /// Starts from the title the window opens with.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
        }
    }
}

impl egui::Plugin for FrameName {
    fn debug_name(&self) -> &'static str {
        "frame accessible name"
    }

    fn output_hook(&mut self, _ctx: &egui::Context, output: &mut FullOutput) {
        if let Some(root) = output.viewport_output.get(&ViewportId::ROOT) {
            for command in &root.commands {
                if let ViewportCommand::Title(title) = command {
                    self.title.clone_from(title);
                }
            }
        }
        // egui sends the whole tree every pass, the root node included.
        let root_id = egui::accesskit_root_id().accesskit_id();
        if let Some(update) = &mut output.platform_output.accesskit_update {
            for (id, node) in &mut update.nodes {
                if *id == root_id {
                    node.set_label(self.title.as_str());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_icon_is_the_256_pixel_png() {
        let icon = window_icon().unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }

    /// The root node's label in the accessibility update of one pass.
    fn root_label(ctx: &egui::Context, title_command: Option<&str>) -> Option<String> {
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label("a screen");
            if let Some(title) = title_command {
                ui.ctx()
                    .send_viewport_cmd(ViewportCommand::Title(title.to_owned()));
            }
        });
        let update = output.platform_output.accesskit_update.take().unwrap();
        output.drop_without_applying_deltas();
        let root_id = egui::accesskit_root_id().accesskit_id();
        let (_, root) = update.nodes.iter().find(|(id, _)| *id == root_id).unwrap();
        assert_eq!(root.role(), egui::accesskit::Role::Window);
        root.label().map(str::to_owned)
    }

    #[test]
    fn the_frame_is_named_after_the_window_title_and_follows_it() {
        let ctx = egui::Context::default();
        ctx.enable_accesskit();
        // Without the plugin, egui leaves the window unnamed.
        assert_eq!(root_label(&ctx, None), None);

        ctx.add_plugin(FrameName::new("Entity Secret Wizard"));
        assert_eq!(
            root_label(&ctx, None).as_deref(),
            Some("Entity Secret Wizard")
        );
        // A new title names the frame in the same pass, and stays.
        assert_eq!(
            root_label(&ctx, Some("Entity Secret Wizard — Rehearsal")).as_deref(),
            Some("Entity Secret Wizard — Rehearsal")
        );
        assert_eq!(
            root_label(&ctx, None).as_deref(),
            Some("Entity Secret Wizard — Rehearsal")
        );
    }
}
