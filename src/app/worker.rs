//! The worker: owns the ceremony on the async runtime, runs one command at a
//! time, and sends events back to the UI, waking it with `request_repaint`.
//! The UI thread never blocks and never does IO.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use zeroize::Zeroizing;

use super::deps::AppDeps;
use super::snapshot::Snapshot;
use super::widgets::ErrorView;
use crate::ceremony::status::StatusView;
use crate::ceremony::{CeremonyContext, CeremonyError, Mode, Onboarding, RegisterOutcome};
use crate::ceremony::{blocking, documents};
use crate::simulator::Simulator;
use crate::store;

/// What the UI asks the worker to do. Each variant is one user intent.
#[derive(Debug)]
pub enum Command {
    /// Read the registrations and unfinished ceremonies known here.
    LoadStatus,
    /// Start an onboarding ceremony, real or rehearsal; runs the keychain
    /// check at once.
    Begin {
        /// Against the simulated Circle.
        rehearsal: bool,
    },
    /// Check the keychain again (after the person fixed it).
    CheckKeychain,
    /// Check an API key against Circle.
    SubmitApiKey(Zeroizing<String>),
    /// Confirm (or not) that a LIVE key is meant.
    ConfirmLive(bool),
    /// Generate a new secret.
    GenerateSecret,
    /// Import a secret typed or pasted by the person.
    ImportSecret(Zeroizing<String>),
    /// Store the secret in the keychain and read it back.
    StoreSecret,
    /// Show the native save dialog for the recovery file.
    OpenSaveDialog,
    /// Use this path for the recovery file (typed, or from the dialog).
    ChooseDestination(PathBuf),
    /// Acknowledge a location warning.
    Acknowledge(usize, bool),
    /// Fetch Circle's public key for the review.
    Review,
    /// Confirm the review.
    ConfirmReview(bool),
    /// Send the registration.
    Register,
    /// Write the recovery file held in memory, to the destination or another
    /// path.
    SaveRecovery(Option<PathBuf>),
    /// Go back one step where that is safe.
    Back,
    /// Hand the secret's hex to the UI, for revealing or copying.
    RevealSecret(SecretUse),
    /// Write a document (calendar reminder, ceremony record) to a path.
    SaveDocument {
        /// Which document.
        kind: DocumentKind,
        /// Where (typed, or `None` for the save dialog).
        path: Option<PathBuf>,
    },
    /// Leave the ceremony and return to the start screen.
    Abandon,
}

/// Why the UI wants the secret's hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretUse {
    /// Show it on screen for a while.
    Reveal,
    /// Put it on the clipboard for a while.
    Copy,
}

/// The documents the Done screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// An .ics calendar reminder of the rotation date.
    CalendarReminder,
    /// The Markdown ceremony record.
    CeremonyRecord,
}

/// What the worker tells the UI.
pub enum Event {
    /// A command started (the UI shows progress).
    Busy(&'static str),
    /// The ceremony's state after a command.
    Snapshot(Box<Snapshot>),
    /// The ceremony ended or was abandoned.
    NoCeremony,
    /// A command failed; nothing was lost.
    Failed(ErrorView),
    /// A command finished without error.
    Finished(Finished),
    /// The secret's hex, asked for explicitly.
    Secret(Zeroizing<String>, SecretUse),
    /// Registrations and unfinished ceremonies known here.
    Status(Box<StatusView>),
}

/// Which command finished, so the UI can move to the next screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finished {
    /// The keychain check passed.
    KeychainChecked,
    /// The API key was accepted.
    ApiKeyAccepted,
    /// A secret was generated or imported.
    SecretReady,
    /// The secret was stored and read back.
    SecretStored,
    /// The save dialog was cancelled, or no dialog could be shown.
    DialogCancelled,
    /// A destination was chosen and proven writable.
    DestinationChosen,
    /// The public key was fetched.
    Reviewed,
    /// Registration outcome.
    Registered(RegisterResult),
    /// The recovery file was written after an earlier failure.
    RecoverySaved,
    /// A document was written.
    DocumentSaved(DocumentKind, PathBuf),
    /// Back was applied.
    WentBack,
}

/// The registration's outcome, as the UI needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterResult {
    /// Registered and saved.
    Saved,
    /// Registered; the recovery file is not written yet.
    RecoveryUnsaved,
    /// Circle says the account already has a secret.
    AlreadyRegistered {
        /// An earlier ambiguous attempt may have registered this secret.
        possibly_this_secret: bool,
        /// Circle's request id.
        request_id: Option<String>,
    },
    /// No clear answer after sending: it may have happened.
    OutcomeUnknown {
        /// The request id to give Circle support.
        request_id: Option<String>,
        /// What happened, for a person.
        reason: String,
    },
}

/// The UI's end of the worker.
pub struct WorkerHandle {
    commands: UnboundedSender<Command>,
    events: UnboundedReceiver<Event>,
}

impl WorkerHandle {
    /// Start the worker on the runtime in `deps`.
    pub fn spawn(deps: AppDeps, repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (command_tx, command_rx) = unbounded_channel();
        let (event_tx, event_rx) = unbounded_channel();
        let runtime = deps.runtime.clone();
        let worker = Worker {
            deps,
            ceremony: None,
            rehearsal: false,
            simulator: None,
            events: event_tx,
            repaint,
        };
        runtime.spawn(worker.run(command_rx));
        Self {
            commands: command_tx,
            events: event_rx,
        }
    }

    /// Queue a command. If the worker is gone (only at shutdown) the command
    /// is dropped; the UI is closing anyway.
    pub fn send(&self, command: Command) {
        let _ = self.commands.send(command);
    }

    /// The next event, if one is waiting.
    pub fn try_recv(&mut self) -> Option<Event> {
        self.events.try_recv().ok()
    }
}

struct Worker {
    deps: AppDeps,
    ceremony: Option<Onboarding>,
    /// Whether the current (or last begun) ceremony is a rehearsal.
    rehearsal: bool,
    /// Kept alive for the whole rehearsal: dropping it stops the server.
    simulator: Option<Arc<Simulator>>,
    events: UnboundedSender<Event>,
    repaint: Arc<dyn Fn() + Send + Sync>,
}

impl Worker {
    async fn run(mut self, mut commands: UnboundedReceiver<Command>) {
        while let Some(command) = commands.recv().await {
            self.handle(command).await;
            if let Some(ceremony) = &self.ceremony {
                self.emit(Event::Snapshot(Box::new(Snapshot::of(ceremony))));
            }
        }
    }

    fn emit(&self, event: Event) {
        // The receiver is gone only when the window closed.
        let _ = self.events.send(event);
        (self.repaint)();
    }

    /// The state first, then the news: a screen reacting to `Failed` or
    /// `Finished` must already see the state the command left.
    fn emit_snapshot(&self) {
        if let Some(ceremony) = &self.ceremony {
            self.emit(Event::Snapshot(Box::new(Snapshot::of(ceremony))));
        }
    }

    fn fail(&self, error: &CeremonyError) {
        self.emit_snapshot();
        self.emit(Event::Failed(ErrorView::from_error(error)));
    }

    fn done(&self, finished: Finished) {
        self.emit_snapshot();
        self.emit(Event::Finished(finished));
    }

    async fn handle(&mut self, command: Command) {
        match command {
            Command::LoadStatus => {
                let deps = self.deps.core.clone();
                // A crashed load still shows the start screen, saying why
                // nothing is listed.
                let status = blocking(move || StatusView::load(&deps))
                    .await
                    .unwrap_or_else(|e| StatusView {
                        problems: vec![e.to_string()],
                        ..StatusView::default()
                    });
                self.emit(Event::Status(Box::new(status)));
            }
            Command::Begin { rehearsal } => {
                self.rehearsal = rehearsal;
                self.ceremony = None;
                if rehearsal {
                    self.emit(Event::Busy(
                        "Preparing the simulated Circle (making its RSA-4096 key)…",
                    ));
                    if let Err(e) = self.start_simulator().await {
                        self.fail(&e);
                        return;
                    }
                }
                self.check_keychain().await;
            }
            Command::CheckKeychain => self.check_keychain().await,
            Command::Abandon => {
                if self
                    .ceremony
                    .as_ref()
                    .is_some_and(Onboarding::holds_unsaved_recovery)
                {
                    self.fail(&CeremonyError::NotYet(
                        "the recovery file Circle sent is not saved yet",
                    ));
                    return;
                }
                self.ceremony = None;
                self.emit(Event::NoCeremony);
            }
            command => {
                let Some(ceremony) = self.ceremony.as_mut() else {
                    self.emit(Event::Failed(ErrorView {
                        message: "No ceremony is in progress.".to_owned(),
                        next_step: "Start one from the first screen.".to_owned(),
                        request_id: None,
                    }));
                    return;
                };
                let result =
                    Self::step(ceremony, command, &self.deps, &self.events, &self.repaint).await;
                match result {
                    Ok(Some(finished)) => self.done(finished),
                    Ok(None) => {}
                    Err(e) => self.fail(&e),
                }
            }
        }
    }

    async fn step(
        ceremony: &mut Onboarding,
        command: Command,
        deps: &AppDeps,
        events: &UnboundedSender<Event>,
        repaint: &Arc<dyn Fn() + Send + Sync>,
    ) -> Result<Option<Finished>, CeremonyError> {
        let busy = |what: &'static str| {
            let _ = events.send(Event::Busy(what));
            repaint();
        };
        Ok(Some(match command {
            Command::SubmitApiKey(text) => {
                busy("Checking the API key with Circle…");
                ceremony.submit_api_key(&text).await?;
                Finished::ApiKeyAccepted
            }
            Command::ConfirmLive(yes) => {
                ceremony.confirm_live(yes);
                return Ok(None);
            }
            Command::GenerateSecret => {
                ceremony.generate_secret().await?;
                Finished::SecretReady
            }
            Command::ImportSecret(text) => {
                ceremony.import_secret(&text).await?;
                Finished::SecretReady
            }
            Command::StoreSecret => {
                busy("Storing the secret in the keychain and reading it back…");
                ceremony.store_secret().await?;
                Finished::SecretStored
            }
            Command::OpenSaveDialog => {
                busy("Waiting for the save dialog…");
                let start_dir = ceremony
                    .destination()
                    .and_then(|p| p.parent().map(|d| d.to_path_buf()))
                    .unwrap_or_else(|| deps.core.home.clone());
                let chosen = ask_save_path(
                    deps,
                    crate::text::wizard::SAVE_DIALOG_TITLE,
                    Some(start_dir),
                    store::default_file_name(deps.core.clock.now()),
                )
                .await?;
                match chosen {
                    Some(path) => {
                        ceremony.choose_destination(path).await?;
                        Finished::DestinationChosen
                    }
                    None => Finished::DialogCancelled,
                }
            }
            Command::ChooseDestination(path) => {
                ceremony.choose_destination(path).await?;
                Finished::DestinationChosen
            }
            Command::Acknowledge(index, yes) => {
                ceremony.acknowledge_warning(index, yes);
                return Ok(None);
            }
            Command::Review => {
                busy("Fetching Circle's public key…");
                ceremony.review().await?;
                Finished::Reviewed
            }
            Command::ConfirmReview(yes) => {
                ceremony.confirm_review(yes);
                return Ok(None);
            }
            Command::Register => {
                busy(crate::text::wizard::REGISTERING_BUSY);
                let outcome = ceremony.register().await?;
                Finished::Registered(match outcome {
                    RegisterOutcome::Saved(_) => RegisterResult::Saved,
                    RegisterOutcome::RecoveryUnsaved(e) => {
                        // The state first (registered), so the screen never
                        // reads this error as "nothing was registered".
                        let _ = events.send(Event::Snapshot(Box::new(Snapshot::of(ceremony))));
                        let _ = events.send(Event::Failed(ErrorView::from_error(&e)));
                        RegisterResult::RecoveryUnsaved
                    }
                    RegisterOutcome::AlreadyRegistered {
                        possibly_this_secret,
                        request_id,
                    } => RegisterResult::AlreadyRegistered {
                        possibly_this_secret,
                        request_id,
                    },
                    RegisterOutcome::OutcomeUnknown { request_id, reason } => {
                        RegisterResult::OutcomeUnknown { request_id, reason }
                    }
                })
            }
            Command::SaveRecovery(path) => {
                busy("Writing and verifying the recovery file…");
                let path = match path {
                    Some(p) => Some(p),
                    None => {
                        let chosen = ask_save_path(
                            deps,
                            crate::text::wizard::SAVE_DIALOG_TITLE,
                            None,
                            store::default_file_name(deps.core.clock.now()),
                        )
                        .await?;
                        match chosen {
                            Some(p) => Some(p),
                            None => return Ok(Some(Finished::DialogCancelled)),
                        }
                    }
                };
                ceremony.save_recovery(path).await?;
                Finished::RecoverySaved
            }
            Command::Back => {
                if !ceremony.back() {
                    return Ok(None);
                }
                Finished::WentBack
            }
            Command::RevealSecret(use_) => {
                if let Some(hex) = ceremony.expose_secret_hex() {
                    let _ = events.send(Event::Secret(hex, use_));
                    repaint();
                }
                return Ok(None);
            }
            Command::SaveDocument { kind, path } => {
                let Some(outcome) = ceremony.outcome().cloned() else {
                    return Err(CeremonyError::NotYet("the ceremony is not finished"));
                };
                let (text, name) = match kind {
                    DocumentKind::CalendarReminder => (
                        documents::rotation_reminder_ics(&outcome.record, deps.core.clock.now()),
                        documents::ics_file_name(&outcome.record),
                    ),
                    DocumentKind::CeremonyRecord => (
                        documents::ceremony_record_markdown(
                            &outcome,
                            &documents::RecordContext {
                                os_user: store::os_user().unwrap_or_else(|| "unknown".to_owned()),
                                keychain_backend: ceremony
                                    .backend()
                                    .unwrap_or("keychain")
                                    .to_owned(),
                                rehearsal: ceremony.is_rehearsal(),
                            },
                        ),
                        documents::record_file_name(&outcome.record),
                    ),
                };
                let path = match path {
                    Some(p) => p,
                    None => {
                        let chosen = ask_save_path(
                            deps,
                            crate::text::wizard::SAVE_DOCUMENT_TITLE,
                            None,
                            name.clone(),
                        )
                        .await?;
                        match chosen {
                            Some(p) => p,
                            None => return Ok(Some(Finished::DialogCancelled)),
                        }
                    }
                };
                let written = blocking(move || {
                    // A typed folder gets the document under its own name.
                    let target = if path.is_dir() {
                        path.join(&name)
                    } else {
                        path
                    };
                    documents::write_document(&target, &text).map(|()| target)
                })
                .await?
                .map_err(|e| CeremonyError::Document(documents::describe_io_error(&e)))?;
                Finished::DocumentSaved(kind, written)
            }
            Command::Abandon
            | Command::LoadStatus
            | Command::Begin { .. }
            | Command::CheckKeychain => return Ok(None),
        }))
    }

    async fn start_simulator(&mut self) -> Result<(), CeremonyError> {
        if self.simulator.is_none() {
            self.simulator = Some(self.deps.core.start_simulator().await?);
        }
        Ok(())
    }

    /// Build (or rebuild) the ceremony with a freshly opened keychain.
    fn rebuild(&mut self, rehearsal: bool) -> Result<(), CeremonyError> {
        let mode = match (&self.simulator, rehearsal) {
            (Some(sim), true) => Mode::Rehearsal(sim.base_url()),
            (None, true) => {
                return Err(CeremonyError::SimulatorFailed(
                    "it was not started".to_owned(),
                ));
            }
            (_, false) => Mode::Real,
        };
        let ctx = CeremonyContext::open(&self.deps.core, &mode)?;
        self.ceremony = Some(Onboarding::new(ctx));
        Ok(())
    }

    /// Check the keychain with a freshly opened store: the person may have
    /// unlocked or started it since the last try.
    async fn check_keychain(&mut self) {
        self.emit(Event::Busy("Checking the keychain…"));
        if let Err(e) = self.rebuild(self.rehearsal) {
            self.ceremony = None;
            self.fail(&e);
            return;
        }
        let Some(ceremony) = self.ceremony.as_mut() else {
            return;
        };
        match ceremony.check_keychain().await {
            Ok(_) => self.done(Finished::KeychainChecked),
            Err(e) => self.fail(&e),
        }
    }
}

/// Ask the person where to save a file, on a blocking thread (the native
/// dialog blocks). `None`: cancelled, or no dialog could be shown.
async fn ask_save_path(
    deps: &AppDeps,
    title: &'static str,
    directory: Option<PathBuf>,
    file_name: String,
) -> Result<Option<PathBuf>, CeremonyError> {
    let dialog = Arc::clone(&deps.file_dialog);
    blocking(move || dialog.save_file(title, directory.as_deref(), &file_name)).await
}
