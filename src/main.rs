//! Entry point: parse arguments, create the async runtime, then open the
//! wizard or run a command-line command.

use std::process::ExitCode;

use clap::Parser;
use entity_secret_wizard::cli::{self, Cli, CliCommand};
use entity_secret_wizard::text;

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
        Err(e) => return cli::fail(&text::wizard::runtime_failed(&e.to_string())),
    };
    let circle = match args.circle_config() {
        Ok(c) => c,
        Err(e) => return cli::fail(&e),
    };
    match args.command {
        None | Some(CliCommand::Gui) => open_window(runtime.handle().clone(), circle),
        Some(command) => cli::run(command, &runtime, circle),
    }
}

/// The window, in a build that has it.
#[cfg(feature = "gui")]
fn open_window(
    runtime: tokio::runtime::Handle,
    circle: entity_secret_wizard::circle::ClientConfig,
) -> ExitCode {
    entity_secret_wizard::app::run(runtime, circle)
}

/// A build without the window says so, and what it can do instead.
#[cfg(not(feature = "gui"))]
fn open_window(
    _runtime: tokio::runtime::Handle,
    _circle: entity_secret_wizard::circle::ClientConfig,
) -> ExitCode {
    cli::fail(text::wizard::NO_WINDOW_IN_THIS_BUILD)
}
