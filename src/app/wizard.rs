//! The app state and its frame: drain worker events, guard the close button,
//! draw the current screen.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Key, RichText, Ui, ViewportCommand};
use zeroize::Zeroizing;

use super::clipboard::{ClipboardPort, ForgetfulClipboard};
use super::deps::AppDeps;
use super::snapshot::Snapshot;
use super::widgets::{ErrorView, SecretField, error_box_ui, step_indicator_ui};
use super::worker::{
    Command, DocumentKind, Event, Finished, RegisterResult, SecretUse, WorkerHandle,
};
use crate::ceremony::OnboardingStage;
use crate::ceremony::status::StatusView;
use crate::text;

/// How long a revealed secret stays on screen.
pub const REVEAL_FOR: Duration = crate::policy::REVEAL_FOR;

/// The screens of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Choose rehearsal or real; status of this machine.
    Start,
    /// The keychain check.
    Keychain,
    /// The API key.
    ApiKey,
    /// Generate or import the secret.
    Secret,
    /// The keychain write and read-back.
    Stored,
    /// Where the recovery file goes.
    Destination,
    /// The last look before the irreversible step.
    Review,
    /// Registration in progress, and the recovery file being written.
    Registering,
    /// Finished.
    Done,
    /// Circle said the account already has a secret (409).
    AlreadyRegistered,
    /// No answer came after sending.
    OutcomeUnknown,
}

impl Screen {
    /// The step indicator's position, for screens that are steps.
    pub fn step_index(self) -> Option<usize> {
        Some(match self {
            Screen::Start | Screen::AlreadyRegistered | Screen::OutcomeUnknown => return None,
            Screen::Keychain => 0,
            Screen::ApiKey => 1,
            Screen::Secret => 2,
            Screen::Stored => 3,
            Screen::Destination => 4,
            Screen::Review => 5,
            Screen::Registering => 6,
            Screen::Done => 7,
        })
    }
}

/// The window title, with " — Rehearsal" in rehearsal mode.
pub fn window_title(rehearsal: bool) -> String {
    if rehearsal {
        format!("{} — Rehearsal", text::APP_NAME)
    } else {
        text::APP_NAME.to_owned()
    }
}

/// The wizard. Holds only what the screens need to draw and the transient
/// inputs; the ceremony itself lives in the worker.
pub struct WizardApp {
    pub(super) worker: WorkerHandle,
    pub(super) screen: Screen,
    pub(super) rehearsal: bool,
    pub(super) snapshot: Option<Snapshot>,
    pub(super) status: Option<StatusView>,
    pub(super) busy: Option<&'static str>,
    pub(super) error: Option<ErrorView>,
    pub(super) notice: Option<String>,
    pub(super) api_key_field: SecretField,
    pub(super) show_api_key: bool,
    pub(super) import_field: SecretField,
    pub(super) importing: bool,
    pub(super) revealed: Option<(Zeroizing<String>, Instant)>,
    pub(super) clipboard: ForgetfulClipboard,
    pub(super) typed_path: String,
    pub(super) register_result: Option<RegisterResult>,
    pub(super) close_refused: bool,
    pub(super) saved_documents: Vec<(DocumentKind, PathBuf)>,
    pub(super) stored_apart: bool,
    pub(super) last_title: String,
    /// The running command writes to the keychain, Circle or the disk.
    pub(super) writing: bool,
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
        style(ctx);
        let repaint_ctx = ctx.clone();
        let worker = WorkerHandle::spawn(deps, Arc::new(move || repaint_ctx.request_repaint()));
        worker.send(Command::LoadStatus);
        Self {
            worker,
            screen: Screen::Start,
            rehearsal: false,
            snapshot: None,
            status: None,
            busy: Some("Reading what this computer knows…"),
            error: None,
            notice: None,
            api_key_field: SecretField::new(),
            show_api_key: false,
            import_field: SecretField::new(),
            importing: false,
            revealed: None,
            clipboard: ForgetfulClipboard::new(clipboard),
            typed_path: String::new(),
            register_result: None,
            close_refused: false,
            saved_documents: Vec::new(),
            stored_apart: false,
            last_title: text::APP_NAME.to_owned(),
            writing: false,
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

    /// Whether closing the window must be refused now: a request in flight,
    /// or a recovery file received and not yet written and verified.
    pub fn must_not_close(&self) -> bool {
        let unsaved = self.snapshot.as_ref().is_some_and(|s| {
            s.unsaved_recovery_sha256.is_some() || s.stage == OnboardingStage::Registered
        });
        unsaved || self.writing()
    }

    /// Whether a command that writes something that must not be half-done
    /// (the keychain, Circle, the recovery file) is running.
    fn writing(&self) -> bool {
        self.busy.is_some() && self.writing
    }

    pub(super) fn send(&mut self, command: Command) {
        self.error = None;
        self.notice = None;
        self.writing = matches!(
            command,
            Command::Register | Command::StoreSecret | Command::SaveRecovery(_)
        );
        if matches!(command, Command::Register) {
            // Busy from the click on, not from the worker's first message:
            // a close request in between must already be refused.
            self.busy = Some(text::wizard::REGISTERING_BUSY);
        } else if self.writing {
            self.busy = Some(text::wizard::WRITING_BUSY);
        }
        self.worker.send(command);
    }

    fn drain_events(&mut self) {
        while let Some(event) = self.worker.try_recv() {
            match event {
                Event::Busy(what) => self.busy = Some(what),
                Event::Snapshot(s) => self.snapshot = Some(*s),
                Event::NoCeremony => {
                    self.snapshot = None;
                    self.busy = None;
                    self.screen = Screen::Start;
                    self.send(Command::LoadStatus);
                }
                Event::Failed(e) => {
                    self.busy = None;
                    self.error = Some(e);
                }
                Event::Status(s) => {
                    self.busy = None;
                    self.status = Some(*s);
                }
                Event::Secret(hex, SecretUse::Reveal) => {
                    self.revealed = Some((hex, Instant::now() + REVEAL_FOR));
                }
                Event::Secret(hex, SecretUse::Copy) => {
                    if let Err(e) = self.clipboard.copy_secret(hex, Instant::now()) {
                        self.error = Some(ErrorView {
                            message: format!("The secret could not be copied: {e}"),
                            next_step: text::wizard::CLIPBOARD_FAILED.to_owned(),
                            request_id: None,
                        });
                    }
                }
                Event::Finished(f) => {
                    self.busy = None;
                    self.on_finished(f);
                }
            }
        }
    }

    fn on_finished(&mut self, finished: Finished) {
        match finished {
            Finished::KeychainChecked => {}
            Finished::ApiKeyAccepted => {
                // The key now lives in the ceremony; drop the typed copy.
                self.api_key_field.clear();
                self.show_api_key = false;
            }
            Finished::SecretReady => {
                self.import_field.clear();
                self.importing = false;
            }
            Finished::SecretStored => {
                self.hide_secret();
                self.screen = Screen::Stored;
            }
            Finished::DialogCancelled => {
                self.notice = Some(text::wizard::DIALOG_CANCELLED.to_owned())
            }
            Finished::DestinationChosen => {
                if let Some(path) = self.snapshot.as_ref().and_then(|s| s.destination.clone()) {
                    self.typed_path = path.display().to_string();
                }
            }
            Finished::Reviewed => self.screen = Screen::Review,
            Finished::Registered(result) => {
                self.screen = match &result {
                    RegisterResult::Saved => Screen::Done,
                    RegisterResult::RecoveryUnsaved => Screen::Registering,
                    RegisterResult::AlreadyRegistered { .. } => Screen::AlreadyRegistered,
                    RegisterResult::OutcomeUnknown { .. } => Screen::OutcomeUnknown,
                };
                if self.screen == Screen::Done {
                    // The Done screen's document path starts empty, not as
                    // the recovery file's path (saving there always fails).
                    self.typed_path.clear();
                }
                self.register_result = Some(result);
            }
            Finished::RecoverySaved => {
                self.typed_path.clear();
                self.screen = Screen::Done;
            }
            Finished::DocumentSaved(kind, path) => self.saved_documents.push((kind, path)),
            Finished::WentBack => {}
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

    fn guard_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            if self.must_not_close() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.close_refused = true;
            } else {
                // Leaving: clear a secret we put on the clipboard.
                self.clipboard.tick(Instant::now(), true);
            }
        }
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

    fn title(&mut self, ctx: &egui::Context) {
        let rehearsal = self
            .snapshot
            .as_ref()
            .map_or(self.rehearsal, |s| s.rehearsal);
        let title = window_title(rehearsal && self.screen != Screen::Start);
        if title != self.last_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    fn header_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.heading(text::APP_NAME);
            let rehearsal = self
                .snapshot
                .as_ref()
                .map_or(self.rehearsal, |s| s.rehearsal);
            if rehearsal && self.screen != Screen::Start {
                badge_ui(ui, "REHEARSAL", egui::Color32::from_rgb(0xb3, 0x6b, 0x00))
                    .on_hover_text(text::wizard::REHEARSAL_BADGE_HINT);
            }
            if let Some(env) = self.snapshot.as_ref().and_then(|s| s.environment) {
                let color = match env {
                    crate::secret::Environment::Test => egui::Color32::from_rgb(0x2e, 0x7d, 0x32),
                    crate::secret::Environment::Live => egui::Color32::from_rgb(0xc6, 0x28, 0x28),
                };
                badge_ui(ui, env.label(), color);
            }
        });
        if let Some(index) = self.screen.step_index() {
            step_indicator_ui(ui, index);
        }
    }

    fn close_refused_ui(&mut self, ctx: &egui::Context) {
        if !self.close_refused {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("close-refused")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading(text::wizard::CLOSE_REFUSED_TITLE);
            let reason = if self.writing() {
                text::wizard::CLOSE_REFUSED_IN_FLIGHT
            } else {
                text::wizard::CLOSE_REFUSED_UNSAVED
            };
            ui.label(reason);
            ui.add_space(8.0);
            if ui.button("Stay and finish").clicked() {
                self.close_refused = false;
            }
        });
        if modal.should_close() {
            self.close_refused = false;
        }
    }

    fn screen_ui(&mut self, ui: &mut Ui) {
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
        }
    }

    /// The row at the bottom of a step: Back (where safe) and the step's main
    /// action. A disabled action says why. Enter triggers the action.
    /// Returns (back clicked, next clicked).
    pub(super) fn nav_ui(
        &mut self,
        ui: &mut Ui,
        back: bool,
        next_label: &str,
        next_blocked: Option<&str>,
    ) -> (bool, bool) {
        let mut back_clicked = false;
        let mut next_clicked = false;
        ui.add_space(12.0);
        ui.separator();
        ui.horizontal(|ui| {
            let enabled = self.busy.is_none();
            if back
                && ui
                    .add_enabled(enabled, egui::Button::new("◀ Back"))
                    .clicked()
            {
                back_clicked = true;
            }
            let can_next = enabled && next_blocked.is_none();
            let response = ui.add_enabled(
                can_next,
                egui::Button::new(RichText::new(next_label).strong()),
            );
            if response.clicked() {
                next_clicked = true;
            }
            if let Some(why) = next_blocked {
                ui.label(RichText::new(why).italics().weak());
            }
        });
        // Enter is the default action, unless a control elsewhere is busy
        // with the keyboard (a text field keeps its Enter).
        let text_focus =
            ui.ctx().memory(|m| m.focused().is_some()) && ui.ctx().egui_wants_keyboard_input();
        if !next_clicked
            && self.busy.is_none()
            && next_blocked.is_none()
            && !text_focus
            && ui.input(|i| i.key_pressed(Key::Enter))
        {
            next_clicked = true;
        }
        (back_clicked, next_clicked)
    }

    /// Progress line while the worker runs something.
    pub(super) fn busy_ui(&self, ui: &mut Ui) {
        if let Some(what) = self.busy {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(what);
            });
        }
    }

    /// The current error or notice.
    pub(super) fn messages_ui(&self, ui: &mut Ui) {
        if let Some(e) = &self.error {
            error_box_ui(ui, e);
        }
        if let Some(n) = &self.notice {
            ui.label(RichText::new(n).italics());
        }
    }
}

/// egui's fonts, with its monospace font (Hack) as a last resort for the
/// proportional text too: Ubuntu-Light has no arrows, and the prose uses
/// "→" ("Circle Console → Keys"), which would otherwise be drawn as a box.
fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        family.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Slightly larger text and more air than egui's defaults: the wizard is
/// read carefully, by people who do not use tools like it every day. Applied
/// to both themes, so the system's light or dark choice still rules.
fn style(ctx: &egui::Context) {
    use egui::{FontFamily, FontId, TextStyle};
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 7.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 26.0;
    });
}

/// A small coloured label.
pub(super) fn badge_ui(ui: &mut Ui, label: &str, color: egui::Color32) -> egui::Response {
    egui::Frame::new()
        .fill(color)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(RichText::new(label).strong().color(egui::Color32::WHITE))
        })
        .inner
}

impl eframe::App for WizardApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.drain_events();
        self.guard_close(&ctx);
        self.timers(&ctx);
        self.title(&ctx);
        egui::Panel::top("header").show(ui, |ui| {
            ui.add_space(4.0);
            self.header_ui(ui);
            ui.add_space(4.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    ui.set_max_width(760.0);
                    self.screen_ui(ui);
                });
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
