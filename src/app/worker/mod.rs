//! The worker: owns one session at a time on the async runtime, runs one
//! command at a time, and sends events back to the UI, waking it with
//! `request_repaint`. The UI thread never blocks and never does IO.
//!
//! A session is one of the ceremonies a person can be in (onboarding,
//! finishing, ciphertexts, a discard, a Console ceremony, a check with
//! Circle); each has its own file with its command handling, and this file
//! only routes commands to the session they belong to and starts sessions
//! from the home screen.

mod check;
mod ciphertext;
mod console;
mod discard;
mod documents;
mod finishing;
mod handoff;
mod io;
mod onboarding;
mod protocol;
mod rehearsal;
mod simulated_console;

use std::sync::Arc;

use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

pub use handoff::HandoffCommand;
pub use protocol::{
    CheckCommand, CiphertextCommand, Command, ConsoleCommand, DiscardCommand, DocumentKind, Event,
    Finished, FinishingCommand, LeftoverTarget, OnboardingCommand, RegisterResult, SecretUse,
    SimulatedConsoleCommand, Start,
};

use self::check::CheckState;
use self::ciphertext::CiphertextState;
use self::console::ConsoleState;
use self::discard::{DiscardState, Target};
use self::io::{Outcome, WorkerIo};
use self::onboarding::OnboardingSession;
use self::simulated_console::SimulatedConsole;
use super::deps::AppDeps;
use super::session_view::{FinishingView, SessionView};
use crate::ceremony::console::ConsoleKind;
use crate::ceremony::status::StatusView;
use crate::ceremony::{
    CeremonyContext, CeremonyError, CheckSession, CheckSubject, CiphertextSession, Finishing,
    HandoffSession, Mode, blocking, dismiss,
};
use crate::secret::Environment;
use crate::simulator::Simulator;
use crate::store::{self, InProgress};
use crate::text::{console as console_text, wizard as text};

/// A command for a session that is not the one held.
const NOT_OPEN: CeremonyError = CeremonyError::NotYet(text::NOT_OPEN);

/// The session the worker holds. A new kind of ceremony is a new variant
/// with its own command enum and handler file.
enum Session {
    Onboarding(Box<OnboardingSession>),
    Finishing(Box<Finishing>),
    Ciphertext(Box<CiphertextState>),
    Discard(Box<DiscardState>),
    Console(Box<ConsoleState>),
    Check(Box<CheckState>),
}

impl Session {
    fn view(&self) -> Option<SessionView> {
        match self {
            Self::Onboarding(s) => s.view(),
            Self::Finishing(f) => Some(SessionView::Finishing(Box::new(FinishingView::of(f)))),
            Self::Ciphertext(c) => Some(c.view()),
            Self::Discard(d) => d.view(),
            Self::Console(c) => c.view(),
            Self::Check(c) => Some(c.view()),
        }
    }

    /// Why leaving now is refused, if it is: something held that is not
    /// saved in its place yet.
    fn unsaved(&self) -> Option<&'static str> {
        match self {
            Self::Onboarding(s) => s
                .holds_unsaved_recovery()
                .then_some(text::RECOVERY_NOT_SAVED_YET),
            // Imported from Console's download, which is still on disk;
            // but the new secret becomes active only once it is saved
            // apart, so the ceremony is not left half-way from here.
            Self::Console(c) => c
                .holds_unsaved_recovery()
                .then_some(console_text::IMPORTED_NOT_SAVED_YET),
            // A recovery file found on disk stays there, and the journal
            // still names it: leaving loses nothing.
            Self::Finishing(_) | Self::Ciphertext(_) | Self::Discard(_) | Self::Check(_) => None,
        }
    }
}

/// The UI's end of the worker.
pub struct WorkerHandle {
    commands: tokio::sync::mpsc::UnboundedSender<Command>,
    events: UnboundedReceiver<Event>,
}

impl WorkerHandle {
    /// Start the worker on the runtime in `deps`.
    pub fn spawn(deps: AppDeps, repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (command_tx, command_rx) = unbounded_channel();
        let (event_tx, event_rx) = unbounded_channel();
        let runtime = deps.runtime.clone();
        let worker = Worker {
            io: WorkerIo::new(deps, event_tx, repaint),
            session: None,
            handoff: None,
            simulator: None,
            simulated: SimulatedConsole::default(),
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
    io: WorkerIo,
    session: Option<Session>,
    /// A handoff to servers, beside the session.
    handoff: Option<HandoffSession>,
    /// Kept alive from the first rehearsal on: dropping it stops the server,
    /// and a rehearsal carried on later must find the same simulated Circle.
    simulator: Option<Arc<Simulator>>,
    /// The simulated Console's offer of a recovery file (rehearsal).
    simulated: SimulatedConsole,
}

impl Worker {
    async fn run(mut self, mut commands: UnboundedReceiver<Command>) {
        let deps = self.io.deps.core.clone();
        tokio::spawn(async move {
            // Making the rehearsal's key now spares the first rehearsal the
            // wait. A failure is not lost: the first rehearsal that needs
            // the key tries again and says why it cannot.
            let _ = deps.prepare_rehearsal_key().await;
        });
        while let Some(command) = commands.recv().await {
            let outcome = self.handle(command).await;
            // The state first, then the news: a screen reacting to `Failed`
            // or `Finished` must already see the state the command left.
            if let Some(view) = self.session.as_ref().and_then(Session::view) {
                self.io.emit(Event::View(Box::new(view)));
            }
            match outcome {
                Ok(Some(finished)) => self.io.emit(Event::Finished(finished)),
                Ok(None) => {}
                Err(e) => self.io.failed(&e),
            }
        }
    }

    async fn handle(&mut self, command: Command) -> Outcome {
        match command {
            Command::LoadStatus => {
                self.load_status().await;
                Ok(None)
            }
            Command::Start(start) => self.start(start).await,
            Command::SaveDocument {
                kind,
                record,
                path,
                kept,
            } => documents::save_document(&self.io, kind, &record, path, kept).await,
            Command::SaveSimulatorKey(path) => {
                documents::save_simulator_key(&self.io, self.simulator.as_deref(), path).await
            }
            Command::SimulatedConsole(c) => {
                self.simulated
                    .handle(self.simulator.as_ref(), c, &self.io)
                    .await
            }
            Command::Handoff(c) => {
                self.handoff(c).await;
                Ok(None)
            }
            Command::Abandon => {
                self.refuse_if_unsaved()?;
                self.session = None;
                self.simulated.clear();
                self.io.emit(Event::NoCeremony);
                Ok(None)
            }
            command => {
                let outcome = self.route(command).await;
                if matches!(outcome, Ok(Some(Finished::Discarded))) {
                    // Nothing is left to confirm; the home screen is next.
                    self.session = None;
                }
                outcome
            }
        }
    }

    /// Hand a session's command to the session it belongs to.
    async fn route(&mut self, command: Command) -> Outcome {
        if matches!(
            command,
            Command::Onboarding(OnboardingCommand::CheckKeychain)
        ) {
            return self.check_keychain().await;
        }
        let io = &self.io;
        match (self.session.as_mut(), command) {
            (Some(Session::Onboarding(s)), Command::Onboarding(c)) => s.handle(c, io).await,
            (Some(Session::Finishing(f)), Command::Finishing(c)) => {
                finishing::handle(f, c, io).await
            }
            (Some(Session::Ciphertext(s)), Command::Ciphertext(c)) => s.handle(c, io).await,
            (Some(Session::Discard(d)), Command::Discard(c)) => d.handle(c, io).await,
            (Some(Session::Console(s)), Command::Console(c)) => s.handle(c, io).await,
            (Some(Session::Check(s)), Command::Check(c)) => s.handle(c, io).await,
            _ => Err(NOT_OPEN),
        }
    }

    async fn load_status(&self) {
        let deps = self.io.deps.core.clone();
        // A crashed load still shows the home screen, saying why nothing
        // is listed.
        let status = blocking(move || StatusView::load(&deps))
            .await
            .unwrap_or_else(|e| StatusView {
                problems: vec![e.to_string()],
                ..StatusView::default()
            });
        self.io.emit(Event::Status(Box::new(status)));
    }

    /// Open a session from the home screen, replacing the one held (the
    /// home screen is shown only when nothing unsaved is held).
    async fn start(&mut self, start: Start) -> Outcome {
        self.refuse_if_unsaved()?;
        self.session = None;
        self.simulated.clear();
        match start {
            Start::Begin { rehearsal } => {
                if rehearsal {
                    self.let_go_of_a_registered_simulator().await?;
                }
                self.session = Some(Session::Onboarding(Box::new(OnboardingSession::new(
                    rehearsal, None,
                ))));
                self.check_keychain().await
            }
            Start::Resume(entry) => {
                self.session = Some(Session::Onboarding(Box::new(OnboardingSession::new(
                    entry.rehearsal,
                    Some(*entry),
                ))));
                self.check_keychain().await
            }
            Start::Console {
                kind,
                rehearsal,
                record,
            } => {
                let app = record.as_ref().map(|r| (r.environment, r.app_id.clone()));
                self.open_console(kind, rehearsal, app, None).await
            }
            Start::ResumeConsole(entry) => {
                let Some(kind) = ConsoleKind::of(entry.ceremony) else {
                    return Err(NOT_OPEN);
                };
                let app = Some((entry.environment, entry.app_id.clone()));
                self.open_console(kind, entry.rehearsal, app, Some(*entry))
                    .await
            }
            Start::Check { rehearsal, subject } => {
                let app = subject_app(&subject);
                let mode = self.mode_for(rehearsal, app).await?;
                let ctx = CeremonyContext::open(&self.io.deps.core, &mode)?;
                let session = CheckSession::new(ctx, subject)?;
                self.session = Some(Session::Check(Box::new(CheckState::new(session))));
                Ok(Some(Finished::Opened))
            }
            Start::Discard { rehearsal, target } => {
                self.open_discard(rehearsal, Target::Unregistered(target))
                    .await
            }
            Start::DeleteRetired { record, account } => {
                self.open_discard(record.rehearsal, Target::Retired(record, account))
                    .await
            }
            Start::Dismiss(entry) => {
                let ctx = self.context(entry.rehearsal).await?;
                dismiss(ctx, *entry).await?;
                Ok(Some(Finished::Dismissed))
            }
            Start::Finish(entry) => {
                let ctx = self.context(entry.rehearsal).await?;
                self.io.busy(text::OPENING_FINISH_BUSY);
                let finishing = Finishing::open(ctx, *entry).await?;
                self.session = Some(Session::Finishing(Box::new(finishing)));
                Ok(Some(Finished::Opened))
            }
            Start::Ciphertext(record) => {
                let ctx = self.context(record.rehearsal).await?;
                let session = CiphertextSession::new(ctx, *record);
                self.session = Some(Session::Ciphertext(Box::new(CiphertextState::new(session))));
                Ok(Some(Finished::Opened))
            }
        }
    }

    /// A Console ceremony, new or carried on, with its keychain checked. In
    /// rehearsal, the simulated Circle answers as the ceremony's app when
    /// it is known.
    async fn open_console(
        &mut self,
        kind: ConsoleKind,
        rehearsal: bool,
        app: Option<(Environment, String)>,
        resume: Option<InProgress>,
    ) -> Outcome {
        let mode = self.mode_for(rehearsal, app).await?;
        let simulated_app = match &mode {
            Mode::Rehearsal(_) => self.simulator.as_ref().map(|s| s.app_id().to_owned()),
            Mode::Real => None,
        };
        let mut state = ConsoleState::new(mode, kind, resume, simulated_app);
        // Held even if the check fails: "Try again" comes back to it.
        let outcome = state.check_keychain(&self.io).await;
        self.session = Some(Session::Console(Box::new(state)));
        outcome
    }

    async fn open_discard(&mut self, rehearsal: bool, target: Target) -> Outcome {
        let mode = self.mode(rehearsal).await?;
        let state = DiscardState::prepare(mode, target, &self.io).await?;
        self.session = Some(Session::Discard(Box::new(state)));
        Ok(Some(Finished::DiscardReady))
    }

    /// Build the onboarding ceremony afresh and check the keychain. The
    /// session stays even when this fails (the simulated Circle did not
    /// start, the keychain is locked), so "Try again" comes back here.
    async fn check_keychain(&mut self) -> Outcome {
        let Some(Session::Onboarding(session)) = &self.session else {
            return Err(NOT_OPEN);
        };
        let (rehearsal, app) = (session.rehearsal(), session.app());
        let mode = self.mode_for(rehearsal, app).await?;
        let Some(Session::Onboarding(session)) = self.session.as_mut() else {
            return Err(NOT_OPEN);
        };
        session.check_keychain(&self.io, &mode).await
    }

    /// Refuse to leave a session that holds something not yet saved.
    fn refuse_if_unsaved(&self) -> Result<(), CeremonyError> {
        match self.session.as_ref().and_then(Session::unsaved) {
            Some(why) => Err(CeremonyError::NotYet(why)),
            None => Ok(()),
        }
    }

    /// Real Circle, or for a rehearsal item of a known app the simulated
    /// Circle of that app (seeded with its registration when it is new);
    /// with no app, the simulated Circle running or a new one.
    async fn mode_for(
        &mut self,
        rehearsal: bool,
        app: Option<(Environment, String)>,
    ) -> Result<Mode, CeremonyError> {
        let Some((environment, app_id)) = app.filter(|_| rehearsal) else {
            return self.mode(rehearsal).await;
        };
        let record = rehearsal::record_of(&self.io, environment, &app_id).await?;
        let sim = rehearsal::simulator_for_app(
            &self.io,
            self.simulator.as_ref(),
            &app_id,
            record.as_ref(),
        )
        .await?;
        let url = sim.base_url();
        self.simulator = Some(sim);
        Ok(Mode::Rehearsal(url))
    }

    /// A new rehearsal registers a new app: a simulated Circle kept for an
    /// app this computer has a rehearsal registration of (one registered,
    /// rotated or reset in this run) would refuse it as already registered
    /// here, so it is let go and the next rehearsal starts its own.
    async fn let_go_of_a_registered_simulator(&mut self) -> Result<(), CeremonyError> {
        let Some(app_id) = self.simulator.as_ref().map(|s| s.app_id().to_owned()) else {
            return Ok(());
        };
        // The simulated app answers in the environment of the key given
        // to it: either may have been rehearsed.
        for environment in [Environment::Test, Environment::Live] {
            if rehearsal::record_of(&self.io, environment, &app_id)
                .await?
                .is_some()
            {
                self.simulator = None;
                break;
            }
        }
        Ok(())
    }

    /// Real Circle, or the simulated one (started on first use).
    async fn mode(&mut self, rehearsal: bool) -> Result<Mode, CeremonyError> {
        if !rehearsal {
            return Ok(Mode::Real);
        }
        if self.simulator.is_none() {
            self.io.busy(text::PREPARING_SIMULATOR_BUSY);
            self.simulator = Some(self.io.deps.core.start_simulator().await?);
        }
        let url = self.simulator.as_ref().map(|sim| sim.base_url());
        url.map(Mode::Rehearsal)
            .ok_or_else(|| CeremonyError::SimulatorFailed(text::SIMULATOR_NOT_STARTED.to_owned()))
    }

    /// A context for a real or rehearsal session.
    async fn context(&mut self, rehearsal: bool) -> Result<CeremonyContext, CeremonyError> {
        let mode = self.mode(rehearsal).await?;
        CeremonyContext::open(&self.io.deps.core, &mode)
    }
}

/// The app whose secret a check is about.
fn subject_app(subject: &CheckSubject) -> Option<(Environment, String)> {
    match subject {
        CheckSubject::Registration(r) => Some((r.environment, r.app_id.clone())),
        CheckSubject::Unfinished(e) => Some((e.environment, e.app_id.clone())),
        CheckSubject::Stray { account } => {
            store::parse_account(account).map(|(environment, app_id, _)| (environment, app_id))
        }
    }
}
