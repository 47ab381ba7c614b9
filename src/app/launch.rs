//! Opening the window: the viewport (title, app id, icon, sizes), the
//! clipboard, and the wizard on the runtime `main` made.

use std::process::ExitCode;

use super::clipboard::{ClipboardPort, SystemClipboard};
use super::{AppDeps, WizardApp, window_title};
use crate::cli;
use crate::desktop_identity;
use crate::error::explain;
use crate::text;

/// Open the window and run it until it closes.
pub fn run(runtime: tokio::runtime::Handle, circle: crate::circle::ClientConfig) -> ExitCode {
    let deps = match AppDeps::real(runtime, circle) {
        Ok(d) => d,
        Err(e) => return cli::fail(&explain(&e)),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(window_title(false))
            .with_app_id(desktop_identity::APP_ID)
            .with_icon(desktop_identity::window_icon().unwrap_or_default())
            .with_inner_size([920.0, 760.0])
            .with_min_inner_size([640.0, 520.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "entity-secret-wizard",
        options,
        Box::new(|cc| {
            cc.egui_ctx
                .add_plugin(desktop_identity::FrameName::new(window_title(false)));
            // A machine with no clipboard still runs the wizard; copying is
            // then disabled and the screen says so.
            let clipboard = SystemClipboard::open()
                .ok()
                .map(|c| Box::new(c) as Box<dyn ClipboardPort>);
            Ok(Box::new(WizardApp::new(&cc.egui_ctx, deps, clipboard)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => cli::fail(&text::wizard::window_failed(&e.to_string())),
    }
}
