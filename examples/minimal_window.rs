//! The yardstick for the wizard's window: an empty eframe window with the
//! same renderer, features, window size and release profile, and one line of
//! text. `scripts/measure-window.sh` measures both the same way.

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Minimal eframe window")
            .with_inner_size([920.0, 760.0]),
        ..Default::default()
    };
    eframe::run_ui_native("minimal-window", options, |ui, _frame| {
        ui.label("An empty eframe window.");
    })
}
