//! Entry point: parse arguments, create the async runtime, then open the
//! wizard or run a command-line command.

use std::process::ExitCode;

use clap::Parser;
use entity_secret_wizard::app::clipboard::{ClipboardPort, SystemClipboard};
use entity_secret_wizard::app::{AppDeps, WizardApp, window_title};
use entity_secret_wizard::cli::{self, Cli, CliCommand};
use entity_secret_wizard::desktop_identity;
use entity_secret_wizard::error::explain;

/// Every block of memory is wiped when it is freed: copies of a secret or of
/// a recovery file that libraries make in buffers of their own (the HTTP
/// stack's read and write buffers, JSON parsers) never outlive their use,
/// where zeroizing types cannot reach them.
#[global_allocator]
static ALLOCATOR: zalloc::ZeroizingAlloc<std::alloc::System> =
    zalloc::ZeroizingAlloc(std::alloc::System);

fn main() -> ExitCode {
    if let Err(e) = entity_secret_wizard::harden::harden_process() {
        return cli::fail(&entity_secret_wizard::error::explain(&e));
    }
    let args = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("esw-worker")
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return cli::fail(&format!("The async runtime could not start: {e}")),
    };
    let circle = match args.circle_config() {
        Ok(c) => c,
        Err(e) => return cli::fail(&e),
    };
    match args.command {
        None | Some(CliCommand::Gui) => run_gui(runtime.handle().clone(), circle),
        Some(command) => cli::run(command, &runtime, circle),
    }
}

fn run_gui(
    runtime: tokio::runtime::Handle,
    circle: entity_secret_wizard::circle::ClientConfig,
) -> ExitCode {
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
        Err(e) => cli::fail(&format!(
            "The window could not open ({e}). The wizard needs a graphical desktop session; on a machine without one, try `entity-secret-wizard rehearse`."
        )),
    }
}
