//! The command-line face over the same ceremony code: scriptable, and it
//! never prints the secret.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::app::{AppDeps, StatusView};
use crate::ceremony::{CeremonyContext, Onboarding, RegisterOutcome};
use crate::circle::{CircleClient, ClientConfig};
use crate::clock::SystemClock;
use crate::error::{Explain, explain};
use crate::simulator::Simulator;
use crate::store::{
    self, CeremonyLog, Journal, KeyringStore, MemoryStore, Records, RotationStatus, SecretStore,
};

/// Entity Secret Wizard: register, keep, rotate and reset a Circle entity
/// secret. With no command, opens the wizard window.
#[derive(Debug, Parser)]
#[command(name = "entity-secret-wizard", version = crate::build_info::VERSION, about)]
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
    /// Open the wizard with a rehearsal driven to one screen (for
    /// screenshots of the real window).
    #[command(hide = true)]
    Tour {
        /// The screen to stop at.
        #[arg(long, value_enum)]
        screen: crate::app::Screen,
        /// Where the rehearsal's recovery file goes (a new file).
        #[arg(long)]
        recovery_file: PathBuf,
        /// A file created once the screen is drawn.
        #[arg(long)]
        ready_file: Option<PathBuf>,
    },
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
        CliCommand::Gui | CliCommand::Tour { .. } => fail("internal: the GUI is opened by main"),
        CliCommand::Status => status(runtime, circle),
        CliCommand::Rehearse {
            recovery_file,
            memory_store,
        } => match runtime.block_on(rehearse(recovery_file, memory_store, circle)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => fail(&message),
        },
    }
}

fn status(runtime: &tokio::runtime::Runtime, circle: ClientConfig) -> ExitCode {
    let deps = match AppDeps::real(runtime.handle().clone(), circle) {
        Ok(d) => d,
        Err(e) => return fail(&e),
    };
    let view = StatusView::load(&deps);
    println!("Records: {}", deps.data_dir.display());
    if view.registrations.is_empty() {
        println!("No registrations known on this computer.");
    }
    for known in &view.registrations {
        let r = &known.record;
        println!(
            "{}{} app {} — registered {} — secret {} — Circle key {} — rotate by {} ({}) — keychain: {}",
            if r.rehearsal { "[rehearsal] " } else { "" },
            r.environment,
            r.app_id,
            r.registered_at.format("%Y-%m-%d"),
            r.secret_fingerprint,
            r.public_key_fingerprint,
            r.rotate_by.format("%Y-%m-%d"),
            rotation_words(known.rotation),
            match known.in_keychain {
                Some(true) => "present",
                Some(false) => "MISSING",
                None => "could not check",
            }
        );
    }
    for item in &view.unfinished {
        println!(
            "UNFINISHED {}{} {} app {} — stage {:?} — secret {} ({}/{})",
            if item.rehearsal { "[rehearsal] " } else { "" },
            item.ceremony.label(),
            item.environment,
            item.app_id,
            item.stage,
            item.secret_fingerprint,
            item.keychain_service,
            item.keychain_account
        );
    }
    for p in &view.problems {
        println!("PROBLEM {p}");
    }
    ExitCode::SUCCESS
}

fn rotation_words(status: RotationStatus) -> String {
    match status {
        RotationStatus::Ok { days_left } => format!("{days_left} days left"),
        RotationStatus::DueSoon { days_left } => format!("DUE in {days_left} days"),
        RotationStatus::Overdue { days } => format!("OVERDUE by {days} days"),
    }
}

async fn rehearse(
    recovery_file: Option<PathBuf>,
    memory_store: bool,
    circle: ClientConfig,
) -> Result<(), String> {
    let say = |step: &str, what: &str| println!("[{step}] {what}");
    let e = |err: &dyn Explain| explain(err);
    let deps = AppDeps::real(tokio::runtime::Handle::current(), circle.clone())?;
    let data_dir = deps.data_dir_for(true);
    say(
        "simulator",
        "making an RSA-4096 key and starting the simulated Circle on 127.0.0.1…",
    );
    let simulator = Simulator::start_with_new_key()
        .await
        .map_err(|err| format!("the simulated Circle could not start: {err}"))?;
    say(
        "simulator",
        &format!("listening at {}", simulator.base_url()),
    );
    let secret_store: Arc<dyn SecretStore> = if memory_store {
        say(
            "keychain",
            "using an in-memory store, as asked (--memory-store); the secret is forgotten at exit",
        );
        Arc::new(MemoryStore::new())
    } else {
        Arc::new(KeyringStore::new(store::REHEARSAL_SERVICE).map_err(|err| e(&err))?)
    };
    let ctx = CeremonyContext {
        circle: CircleClient::new(ClientConfig {
            base_url: simulator.base_url(),
            ..circle
        })
        .map_err(|err| e(&err))?,
        store: secret_store,
        // Records must not claim a keychain entry that does not exist.
        keychain_service: if memory_store {
            "in memory only (forgotten at exit)".to_owned()
        } else {
            store::REHEARSAL_SERVICE.to_owned()
        },
        records: Records::open(data_dir.clone()).map_err(|err| e(&err))?,
        log: CeremonyLog::open(data_dir.clone()).map_err(|err| e(&err))?,
        journal: Journal::open(data_dir.clone()).map_err(|err| e(&err))?,
        clock: Arc::new(SystemClock),
        home: deps.home.clone(),
        rehearsal: true,
    };
    let mut o = Onboarding::new(ctx);
    let backend = o.check_keychain().await.map_err(|err| e(&err))?;
    say(
        "keychain",
        &format!("works: {backend} (probe written, read back, deleted)"),
    );
    let practice_key = format!(
        "TEST_API_KEY:rehearsal{}:practice",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    o.submit_api_key(&practice_key)
        .await
        .map_err(|err| e(&err))?;
    say(
        "api key",
        &format!(
            "accepted: {} — environment {} — app id {}",
            o.masked_api_key().unwrap_or_default(),
            o.environment().map(|x| x.label()).unwrap_or("?"),
            o.app_id().unwrap_or_default()
        ),
    );
    let fingerprint = o.generate_secret().map_err(|err| e(&err))?;
    say(
        "secret",
        &format!("generated; fingerprint {fingerprint} (the secret itself is never printed)"),
    );
    o.store_secret().await.map_err(|err| e(&err))?;
    say(
        "stored",
        &format!(
            "in the keychain as {} / {}, read back identical",
            o.keychain_service(),
            o.keychain_account().unwrap_or_default()
        ),
    );
    let target = match recovery_file {
        Some(p) => p,
        None => {
            std::fs::create_dir_all(&data_dir)
                .map_err(|err| format!("{}: {err}", data_dir.display()))?;
            data_dir.join(store::default_file_name(chrono::Utc::now()))
        }
    };
    o.choose_destination(target.clone())
        .map_err(|err| e(&err))?;
    let notes: Vec<String> = o
        .location_notes()
        .map(|(n, _)| n.message().to_owned())
        .collect();
    say("destination", &format!("{} is writable", target.display()));
    for (i, note) in notes.iter().enumerate() {
        say(
            "destination",
            &format!("note: {note} (acknowledged for the rehearsal)"),
        );
        o.acknowledge_warning(i, true);
    }
    let facts = o.review().await.map_err(|err| e(&err))?;
    say(
        "review",
        &format!(
            "Circle public key SHA-256 {} ({} bits)",
            facts.public_key_fingerprint, facts.public_key_bits
        ),
    );
    o.confirm_review(true);
    match o.register().await.map_err(|err| e(&err))? {
        RegisterOutcome::Saved(saved) => {
            say("register", "Circle accepted the registration");
            say(
                "recovery file",
                &format!(
                    "written and verified: {} (SHA-256 {})",
                    saved.written.path.display(),
                    saved.written.sha256
                ),
            );
            say(
                "done",
                &format!("rotate by {}", saved.record.rotate_by.format("%Y-%m-%d")),
            );
            Ok(())
        }
        RegisterOutcome::RecoveryUnsaved(err) => Err(e(&err)),
        RegisterOutcome::AlreadyRegistered { .. } => {
            Err("the simulated Circle said already registered".to_owned())
        }
        RegisterOutcome::OutcomeUnknown { .. } => {
            Err("no answer from the simulated Circle".to_owned())
        }
    }
}
