//! The command-line face over the same ceremony code as the window:
//! scriptable, with a documented exit status ([`Exit`]), results on stdout,
//! errors on stderr in the window's words, and the entity secret never
//! printed. It builds its context only through the core's `Deps` and
//! `CeremonyContext::open`, and imports nothing from the window.
//!
//! One command per file; `args` is the shape of the command line, `say`
//! the only place that writes to the terminal.

mod api_key;
mod args;
mod choose;
mod ciphertext;
mod error;
mod exit;
mod fallback;
mod handoff;
mod no_keychain;
mod public_key;
mod reach;
mod record;
mod rehearse;
mod rehearse_console;
mod say;
mod serve;
mod status;
mod status_json;

use std::process::ExitCode;

pub use api_key::API_KEY_ENV;
pub use args::{
    CiphertextArgs, Cli, CliCommand, HandoffArgs, PublicKeyArgs, RecordArgs, RehearseArgs,
    StatusArgs, WhichRegistration,
};
pub use error::CliError;
pub use exit::Exit;
pub use record::SCHEMA as RECORD_SCHEMA;
pub use status_json::SCHEMA as STATUS_SCHEMA;

use crate::circle::ClientConfig;
use crate::text::cli as text;

/// Print an error for a person and return the failure exit status.
pub fn fail(message: &str) -> ExitCode {
    say::error(message);
    Exit::Failed.into()
}

/// Run a command-line command.
pub fn run(
    command: CliCommand,
    runtime: &tokio::runtime::Runtime,
    circle: ClientConfig,
) -> ExitCode {
    let result = match command {
        CliCommand::Gui => return fail(text::GUI_IS_OPENED_BY_MAIN),
        CliCommand::Status(args) => status::run(&args, circle),
        CliCommand::Ciphertext(args) => ciphertext::run(args, runtime, circle),
        CliCommand::PublicKey(args) => public_key::run(args, runtime, circle),
        CliCommand::Rehearse(args) => runtime.block_on(rehearse::run(args, circle)),
        CliCommand::Record(args) => record::run(&args, circle),
        CliCommand::Handoff(args) => handoff::run(args, runtime, circle),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(error) => error.report(),
    }
}
