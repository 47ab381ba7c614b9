//! Opening the window: the viewport (title, app id, icon, sizes), the
//! clipboard, and the wizard on the runtime `main` made.

use std::process::ExitCode;

use super::clipboard::{ClipboardPort, SystemClipboard};
use super::file_dialog::ParentWindow;
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
            if let Some(parent) = parent_window(cc, &deps.runtime) {
                deps.dialogs.set_parent(parent);
            }
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

/// The window as the desktop portal names it, so its dialogs stay above
/// the window: `x11:<XID>`, or on Wayland a handle exported through
/// xdg-foreign (kept exported as long as the window lives). `None` when the
/// window system offers neither; the dialogs then open unparented.
#[cfg(target_os = "linux")]
fn parent_window(
    cc: &eframe::CreationContext<'_>,
    runtime: &tokio::runtime::Handle,
) -> Option<ParentWindow> {
    use raw_window_handle::{HasDisplayHandle, HasWindowHandle};
    let window = cc.window_handle().ok()?.as_raw();
    let display = cc.display_handle().ok().map(|d| d.as_raw());
    // On Wayland this is one round trip to the compositor, before the
    // first frame.
    let identifier = runtime.block_on(ashpd::WindowIdentifier::from_raw_handle(
        &window,
        display.as_ref(),
    ))?;
    Some(ParentWindow::new(
        identifier.to_string(),
        Box::new(identifier),
    ))
}

/// Elsewhere the platform's dialogs find their window themselves.
#[cfg(not(target_os = "linux"))]
fn parent_window(
    _cc: &eframe::CreationContext<'_>,
    _runtime: &tokio::runtime::Handle,
) -> Option<ParentWindow> {
    None
}
