//! The app state and its frame: drain worker events, guard the close button,
//! draw the current screen.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Ui, UiKind, ViewportCommand};
use zeroize::Zeroizing;

pub use super::screen::{Screen, window_title};

use super::check_view::CheckView;
use super::clipboard::{ClipboardPort, ForgetfulClipboard};
use super::close::writes;
use super::console_view::{ConsoleStep, ConsoleView};
use super::deps::AppDeps;
use super::file_dialog::DialogControl;
use super::handoff_view::{HandoffFiles, HandoffPanel};
use super::inputs::ConsoleInputs;
use super::look::{badge_ui, install_fonts, style};
use super::screen::steps_of;
use super::session_view::{CiphertextView, DiscardView, FinishingView};
use super::snapshot::Snapshot;
use super::widgets::{ErrorView, SecretField, describe, step_indicator_ui};
use super::worker::{
    Command, DocumentKind, OnboardingCommand, RegisterResult, Start, WorkerHandle,
};
use crate::ceremony::OnboardingStage;
use crate::ceremony::documents::RecoveryKept;
use crate::ceremony::status::StatusView;
use crate::secret::Environment;
use crate::text;

/// How long a revealed secret stays on screen.
pub const REVEAL_FOR: Duration = crate::policy::REVEAL_FOR;

/// The wizard. Holds only what the screens need to draw and the transient
/// inputs; the ceremony itself lives in the worker.
pub struct WizardApp {
    pub(super) worker: WorkerHandle,
    pub(super) screen: Screen,
    /// Whether the session shown is a rehearsal.
    pub(super) rehearsal: bool,
    /// The onboarding session's state.
    pub(super) snapshot: Option<Snapshot>,
    /// The finishing session's state.
    pub(super) finishing: Option<FinishingView>,
    /// The ciphertext session's state.
    pub(super) ciphertext: Option<CiphertextView>,
    /// The discard session's state.
    pub(super) discard: Option<DiscardView>,
    /// The Console ceremony's state.
    pub(super) console: Option<ConsoleView>,
    /// The check's state.
    pub(super) check: Option<CheckView>,
    /// What is typed on the Console ceremonies' and the check's screens.
    pub(super) console_inputs: ConsoleInputs,
    pub(super) status: Option<StatusView>,
    pub(super) busy: Option<&'static str>,
    pub(super) error: Option<ErrorView>,
    pub(super) notice: Option<String>,
    /// A native dialog is open; the worker waits for it.
    pub(super) dialog_open: Option<OpenDialog>,
    /// What the last dialog left to say: why no path came back, or the new
    /// name used for a chosen file that exists.
    pub(super) dialog_note: Option<String>,
    /// What the window wants of an open dialog.
    pub(super) dialogs: Arc<DialogControl>,
    pub(super) api_key_field: SecretField,
    pub(super) show_api_key: bool,
    pub(super) import_field: SecretField,
    pub(super) importing: bool,
    pub(super) revealed: Option<(Zeroizing<String>, Instant)>,
    pub(super) clipboard: ForgetfulClipboard,
    pub(super) typed_path: String,
    /// A typed path of Circle's public key file.
    pub(super) key_path: String,
    /// The fingerprint typed to confirm a discard.
    pub(super) discard_typed: String,
    /// The last ciphertext made, and how many were made in this session.
    pub(super) made: Option<(String, usize)>,
    /// The registration (its app id) whose typed document path is shown
    /// on the home screen, after a dialog was cancelled there.
    pub(super) home_documents_for: Option<String>,
    pub(super) register_result: Option<RegisterResult>,
    /// The close was refused, for this reason (shown until dismissed).
    pub(super) close_refused: Option<&'static str>,
    pub(super) saved_documents: Vec<(DocumentKind, PathBuf)>,
    /// What the person said they did with the recovery file, on the
    /// last screen.
    pub(super) recovery_kept: Option<RecoveryKept>,
    /// When the API key field last changed (egui's input time), so its
    /// shape is judged only after a pause in typing.
    pub(super) api_key_edited_at: Option<f64>,
    /// The typed API key is judged now: the person tried to send it, or
    /// pasted a whole one.
    pub(super) api_key_judged: bool,
    pub(super) last_title: String,
    /// Whether the window last asked the system to keep its content out of
    /// screenshots and screen sharing.
    pub(super) content_protected: bool,
    /// The running command writes to the keychain, Circle or the disk.
    pub(super) writing: bool,
    /// The handoff to servers, open over the screen it was asked from.
    pub(super) handoff: Option<HandoffPanel>,
    /// The handoff files a Console ceremony's Done screen lists.
    pub(super) handoff_files: HandoffFiles,
}

impl WizardApp {
    /// A wizard at its start screen. `ctx` wakes the UI when the worker has
    /// news.
    pub fn new(
        ctx: &egui::Context,
        deps: AppDeps,
        clipboard: Option<Box<dyn ClipboardPort>>,
    ) -> Self {
        install_fonts(ctx);
        ctx.add_plugin(super::spoken::SpokenNames);
        style(ctx);
        let repaint_ctx = ctx.clone();
        let dialogs = Arc::clone(&deps.dialogs);
        let worker = WorkerHandle::spawn(deps, Arc::new(move || repaint_ctx.request_repaint()));
        worker.send(Command::LoadStatus);
        Self {
            worker,
            screen: Screen::Start,
            rehearsal: false,
            snapshot: None,
            finishing: None,
            ciphertext: None,
            discard: None,
            console: None,
            check: None,
            console_inputs: ConsoleInputs::default(),
            status: None,
            busy: Some(text::home::READING_STATUS_BUSY),
            error: None,
            notice: None,
            dialog_open: None,
            dialog_note: None,
            dialogs,
            api_key_field: SecretField::new(),
            show_api_key: false,
            import_field: SecretField::new(),
            importing: false,
            revealed: None,
            clipboard: ForgetfulClipboard::new(clipboard),
            typed_path: String::new(),
            key_path: String::new(),
            discard_typed: String::new(),
            made: None,
            home_documents_for: None,
            register_result: None,
            close_refused: None,
            saved_documents: Vec::new(),
            recovery_kept: None,
            api_key_edited_at: None,
            api_key_judged: false,
            last_title: text::APP_NAME.to_owned(),
            content_protected: false,
            writing: false,
            handoff: None,
            handoff_files: HandoffFiles::default(),
        }
    }

    /// The screen shown now.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The last state the worker reported.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.snapshot.as_ref()
    }

    /// Whether a command is running.
    pub fn is_busy(&self) -> bool {
        self.busy.is_some()
    }

    /// The check with Circle shown now, if one is.
    pub fn check_view(&self) -> Option<&CheckView> {
        self.check.as_ref()
    }

    /// The Console ceremony's step shown now, if one is.
    pub fn console_step(&self) -> Option<ConsoleStep> {
        self.console.as_ref().map(ConsoleView::step)
    }

    /// Whether closing the window must be refused now: a request in flight,
    /// or a recovery file received and not yet written and verified, or
    /// imported from Console and not yet saved apart.
    pub fn must_not_close(&self) -> bool {
        self.close_refused_because().is_some()
    }

    /// Why closing must be refused now, in words that say what is true.
    pub(super) fn close_refused_because(&self) -> Option<&'static str> {
        let unsaved = self.snapshot.as_ref().is_some_and(|s| {
            s.unsaved_recovery_sha256.is_some() || s.stage == OnboardingStage::Registered
        });
        let imported = self
            .console
            .as_ref()
            .is_some_and(ConsoleView::holds_unsaved_recovery);
        if self.writing() {
            Some(text::wizard::CLOSE_REFUSED_IN_FLIGHT)
        } else if unsaved {
            Some(text::wizard::CLOSE_REFUSED_UNSAVED)
        } else if imported {
            Some(text::console::CLOSE_REFUSED_IMPORTED)
        } else {
            None
        }
    }

    /// Whether a command that writes something that must not be half-done
    /// (the keychain, Circle, the recovery file) is running.
    pub(super) fn writing(&self) -> bool {
        self.busy.is_some() && self.writing
    }

    pub(super) fn send(&mut self, command: impl Into<Command>) {
        let command = command.into();
        self.error = None;
        self.notice = None;
        self.dialog_note = None;
        self.writing = writes(&command);
        let registering = matches!(command, Command::Onboarding(OnboardingCommand::Register));
        if registering {
            // Busy from the click on, not from the worker's first message:
            // a close request in between must already be refused.
            self.busy = Some(text::wizard::REGISTERING_BUSY);
        } else if self.writing
            || matches!(command, Command::Start(_) | Command::SimulatedConsole(_))
        {
            // Every start ends in news (ready, or why not); until then the
            // screen it opens shows progress and takes no clicks.
            self.busy = Some(text::wizard::WRITING_BUSY);
        } else if matches!(command, Command::LoadStatus) {
            // The home screen's buttons wait for what is true now.
            self.busy = Some(text::home::READING_STATUS_BUSY);
        }
        self.worker.send(command);
    }

    /// Open a session from the home screen on `screen`, with nothing left
    /// of the one before.
    pub(super) fn open(&mut self, screen: Screen, rehearsal: bool, start: Start) {
        self.rehearsal = rehearsal;
        self.screen = screen;
        self.snapshot = None;
        self.finishing = None;
        self.ciphertext = None;
        self.discard = None;
        self.console = None;
        self.check = None;
        self.console_inputs = ConsoleInputs::default();
        self.register_result = None;
        self.saved_documents.clear();
        self.recovery_kept = None;
        self.api_key_edited_at = None;
        self.api_key_judged = false;
        self.typed_path.clear();
        self.key_path.clear();
        self.discard_typed.clear();
        self.made = None;
        self.home_documents_for = None;
        self.api_key_field.clear();
        self.show_api_key = false;
        self.handoff_files = HandoffFiles::default();
        self.send(start);
    }

    /// TEST or LIVE, for the header's badge, once the session knows.
    fn environment(&self) -> Option<Environment> {
        match self.screen {
            Screen::Start => None,
            Screen::Discard => self
                .discard
                .as_ref()
                .and_then(|d| d.app.as_ref().map(|a| a.0)),
            Screen::Finish => self.finishing.as_ref().and_then(|f| {
                f.entry
                    .as_ref()
                    .map(|e| e.environment)
                    .or(f.record.as_ref().map(|r| r.environment))
            }),
            Screen::Ciphertext => self.ciphertext.as_ref().map(|c| c.record.environment),
            Screen::Console => self.console.as_ref().and_then(|c| c.environment),
            Screen::Check => self.check.as_ref().map(|c| c.environment),
            _ => self.snapshot.as_ref().and_then(|s| s.environment),
        }
    }

    pub(super) fn hide_secret(&mut self) {
        self.revealed = None;
    }

    /// The revealed secret, while its time lasts.
    pub(super) fn revealed_secret(&self) -> Option<&str> {
        self.revealed
            .as_ref()
            .filter(|(_, until)| Instant::now() < *until)
            .map(|(hex, _)| hex.as_str())
    }

    fn timers(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        self.clipboard.tick(now, false);
        if self
            .revealed
            .as_ref()
            .is_some_and(|(_, until)| now >= *until)
        {
            self.revealed = None;
        }
        // Redraw once a second only while a countdown is on screen; an idle
        // wizard draws nothing.
        if self.revealed.is_some() || self.clipboard.remaining(now).is_some() {
            ctx.request_repaint_after(Duration::from_secs(1));
        }
    }

    /// Whether a secret (the entity secret or the API key) is readable on
    /// screen right now.
    pub fn shows_a_secret(&self) -> bool {
        self.revealed.is_some() || (self.show_api_key && self.screen == Screen::ApiKey)
    }

    /// While a secret is readable, ask the system to keep the window out of
    /// screenshots, recordings and screen sharing (Windows and macOS honour
    /// this; X11 and Wayland have no such request), and give the window back
    /// to them as soon as the secret is hidden: a witnessed ceremony over a
    /// shared screen should see every other step.
    fn content_protection(&mut self, ctx: &egui::Context) {
        let wanted = self.shows_a_secret();
        if wanted != self.content_protected {
            ctx.send_viewport_cmd(ViewportCommand::ContentProtected(wanted));
            self.content_protected = wanted;
        }
    }

    fn title(&mut self, ctx: &egui::Context) {
        let title = window_title(self.rehearsal && self.screen != Screen::Start);
        if title != self.last_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    /// Whether what the window shows belongs to a rehearsal: a rehearsal's
    /// screens, or a handoff panel for a rehearsal's registration (opened
    /// over the home screen, which is neither).
    fn shows_rehearsal(&self) -> bool {
        match self.handoff.as_ref().and_then(|p| p.view.as_ref()) {
            Some(view) => view.rehearsal,
            None => self.rehearsal && self.screen != Screen::Start,
        }
    }

    fn header_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.heading(text::APP_NAME);
            if self.shows_rehearsal() {
                let badge = badge_ui(ui, "REHEARSAL", egui::Color32::from_rgb(0xb3, 0x6b, 0x00))
                    .on_hover_text(text::wizard::REHEARSAL_BADGE_HINT);
                describe(&badge, text::wizard::REHEARSAL_BADGE_HINT);
            }
            if let Some(env) = self.environment() {
                let color = match env {
                    Environment::Test => egui::Color32::from_rgb(0x2e, 0x7d, 0x32),
                    Environment::Live => egui::Color32::from_rgb(0xc6, 0x28, 0x28),
                };
                let badge = badge_ui(ui, env.label(), color);
                describe(&badge, text::window::environment_description(env));
            }
        });
        if let Some((steps, index)) = steps_of(self.screen, self.console_step()) {
            step_indicator_ui(ui, steps, index);
        }
    }

    fn screen_ui(&mut self, ui: &mut Ui) {
        if self.handoff.is_some() {
            // Over the screen it was asked from, which stays as it was.
            self.handoff_ui(ui);
            return;
        }
        match self.screen {
            Screen::Start => self.start_ui(ui),
            Screen::Keychain => self.keychain_ui(ui),
            Screen::ApiKey => self.api_key_ui(ui),
            Screen::Secret => self.secret_ui(ui),
            Screen::Stored => self.stored_ui(ui),
            Screen::Destination => self.destination_ui(ui),
            Screen::Review => self.review_ui(ui),
            Screen::Registering => self.registering_ui(ui),
            Screen::Done => self.done_ui(ui),
            Screen::AlreadyRegistered => self.already_registered_ui(ui),
            Screen::OutcomeUnknown => self.outcome_unknown_ui(ui),
            Screen::Discard => self.discard_ui(ui),
            Screen::Finish => self.finish_ui(ui),
            Screen::Ciphertext => self.ciphertext_ui(ui),
            Screen::Console => self.console_ui(ui),
            Screen::Check => self.check_ui(ui),
        }
    }
}

/// A native dialog open over a running command.
#[derive(Debug, Clone, Copy)]
pub(super) struct OpenDialog {
    /// It asks where to save.
    pub(super) saving: bool,
    /// What the command was doing before the dialog opened: shown again
    /// when the dialog closes, as the command goes on (a recovery file's
    /// write after its dialog is as busy, and as unclosable, as before).
    pub(super) busy_before: Option<&'static str>,
}

/// Name the nearest enclosing `Ui` of `kind` (a panel, a scroll area) for
/// screen readers: egui gives their accessibility nodes a role and no name.
fn name_enclosing(ui: &Ui, kind: UiKind, name: &str) {
    if let Some(enclosing) = ui.stack().iter().find(|s| s.kind() == Some(kind)) {
        ui.ctx()
            .accesskit_node_builder(enclosing.unique_id, |node| node.set_label(name));
    }
}

/// Name the screen's vertical scroll bar, when it is shown, and say where
/// it stands (per cent scrolled), as a screen reader reads a scroll bar.
fn name_scroll_bar(ui: &Ui, scrolled: &egui::containers::scroll_area::ScrollAreaOutput<()>) {
    // egui's scroll bars are the area's id with the axis (1: vertical).
    let bar = scrolled.id.with(1_usize);
    if !ui.ctx().has_accesskit_node(bar) {
        return;
    }
    let room = (scrolled.content_size.y - scrolled.inner_rect.height()).max(0.0);
    let at = if room > 0.0 {
        f64::from((scrolled.state.clamped_offset().y / room).clamp(0.0, 1.0)) * 100.0
    } else {
        0.0
    };
    ui.ctx().accesskit_node_builder(bar, |node| {
        node.set_label(text::window::SCREEN_SCROLL_BAR);
        node.set_numeric_value(at.round());
        node.set_min_numeric_value(0.0);
        node.set_max_numeric_value(100.0);
    });
}

impl eframe::App for WizardApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.drain_events();
        self.guard_close(&ctx);
        self.timers(&ctx);
        self.content_protection(&ctx);
        self.title(&ctx);
        egui::Panel::top("header").show(ui, |ui| {
            name_enclosing(ui, UiKind::TopPanel, text::window::HEADER_PANEL);
            ui.add_space(4.0);
            self.header_ui(ui);
            ui.add_space(4.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            name_enclosing(ui, UiKind::CentralPanel, text::window::SCREEN_PANEL);
            let scrolled = egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    name_enclosing(ui, UiKind::ScrollArea, text::window::SCREEN_SCROLL);
                    // Never wider than the window: `set_max_width` would
                    // widen a narrower one, and every line would run off
                    // its edge.
                    ui.set_max_width(ui.available_width().min(760.0));
                    self.screen_ui(ui);
                });
            name_scroll_bar(ui, &scrolled);
        });
        self.close_refused_ui(&ctx);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.clipboard.tick(Instant::now(), true);
    }

    fn persist_egui_memory(&self) -> bool {
        // Nothing of a session is kept: no window state that could hold text.
        false
    }
}
