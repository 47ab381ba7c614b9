//! The command-line face over the same ceremony code: scriptable, and it
//! never prints the secret.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod rehearse;
mod status;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::circle::ClientConfig;

/// Entity Secret Wizard: register, keep, rotate and reset a Circle entity
/// secret. With no command, opens the wizard window.
#[derive(Debug, Parser)]
#[command(name = "entity-secret-wizard", version, about)]
pub struct Cli {
    /// Circle's API base URL (https only; http only for 127.0.0.1/localhost).
    #[arg(long, global = true, env = "ESW_CIRCLE_URL")]
    pub circle_url: Option<String>,
    /// An extra CA certificate (PEM) to trust, e.g. for a corporate TLS proxy.
    #[arg(long, global = true, env = "ESW_EXTRA_CA")]
    pub extra_ca: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Open the wizard window (the default).
    Gui,
    /// Run a whole registration against the built-in simulated Circle and
    /// print each step (redacted). Nothing leaves this computer.
    Rehearse {
        /// Where to write the rehearsal's recovery file (a new file).
        #[arg(long)]
        recovery_file: Option<PathBuf>,
        /// Keep the rehearsal secret in memory instead of the keychain
        /// (for machines with no keychain; explicit, never a fallback).
        #[arg(long)]
        memory_store: bool,
    },
    /// Show the registrations and unfinished ceremonies this computer knows.
    Status,
}

impl Cli {
    /// The Circle client settings from the arguments.
    pub fn circle_config(&self) -> Result<ClientConfig, String> {
        let mut config = ClientConfig::default();
        if let Some(url) = &self.circle_url {
            config.base_url =
                url::Url::parse(url).map_err(|e| format!("--circle-url is not a URL: {e}"))?;
        }
        config.extra_ca_pem = self.extra_ca.clone();
        Ok(config)
    }
}

/// Print an error for a person and return the failure exit code.
pub fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

/// Run a command-line command.
pub fn run(
    command: CliCommand,
    runtime: &tokio::runtime::Runtime,
    circle: ClientConfig,
) -> ExitCode {
    match command {
        CliCommand::Gui => fail("internal: the GUI is opened by main"),
        CliCommand::Status => status::run(runtime, circle),
        CliCommand::Rehearse {
            recovery_file,
            memory_store,
        } => match runtime.block_on(rehearse::run(recovery_file, memory_store, circle)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => fail(&message),
        },
    }
}
