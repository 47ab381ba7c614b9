//! Drives the real wizard through its accessibility tree, against the
//! simulated Circle on loopback, with an in-memory keychain, a scripted save
//! dialog and a memory clipboard.

#![allow(dead_code)]

pub mod console;
pub mod flow;
mod painted;
pub mod prepare;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use egui::accesskit::Role;
use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::kittest::{AccessKitNode, NodeT, Queryable};
use egui_kittest::{Harness, Node};
use entity_secret_wizard::app::clipboard::MemoryClipboard;
use entity_secret_wizard::app::file_dialog::{
    FileDialog, NativeFileDialog, ParentWindow, Scripted, ScriptedFileDialog,
};
use entity_secret_wizard::app::{AppDeps, Screen, WizardApp, spoken};
use entity_secret_wizard::ceremony::{Deps, SimulatorSource, StoreFactory};
use entity_secret_wizard::circle::ClientConfig;
use entity_secret_wizard::clock::FixedClock;
use entity_secret_wizard::simulator::Simulator;
use entity_secret_wizard::store::{self, MemoryStore, SecretStore, StoreError};

/// How long any one wait for the worker may take.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A wizard in a test harness, and everything around it.
///
/// Field order is drop order: the app (and its worker handle) goes first,
/// then the runtime its worker runs on.
pub struct Wizard {
    pub harness: Harness<'static, WizardApp>,
    /// Every viewport command the app sent, in order, from every frame
    /// stepped through [`Wizard::step`].
    pub commands: Vec<ViewportCommand>,
    pub sim: Arc<Simulator>,
    /// The keychain of rehearsals, where most tests work.
    pub store: Arc<MemoryStore>,
    /// The keychain of the product's own service.
    pub real_store: Arc<MemoryStore>,
    pub clipboard: MemoryClipboard,
    /// The records folder given to the app.
    pub data: tempfile::TempDir,
    /// A folder for recovery files and documents.
    pub dest: tempfile::TempDir,
    /// The scripted file dialog the app was given.
    pub dialogs: Arc<ScriptedFileDialog>,
    /// What the app was given, for a relaunch.
    deps: AppDeps,
    size: egui::Vec2,
    /// The worker's runtime; last, so it outlives the app.
    _runtime: tokio::runtime::Runtime,
}

/// The two keychain services the app uses, each its own store (as the OS
/// keychain keeps them apart).
pub struct Keychains {
    /// The product's own service.
    pub real: Arc<MemoryStore>,
    /// The rehearsal service.
    pub rehearsal: Arc<MemoryStore>,
}

/// Prepares the records folder and the keychains before a launch.
pub type BeforeLaunch = Box<dyn FnOnce(&Path, &Keychains)>;

/// How to set a wizard up.
#[derive(Default)]
pub struct Setup {
    /// The save dialog's answers, one per call, as file names inside
    /// [`Wizard::dest`]; `None` is a cancelled dialog. After these: cancelled.
    pub dialog: Vec<Option<&'static str>>,
    /// The save dialog's answers in full, instead of `dialog` (a dialog that
    /// hangs until the window wishes something, a reason for no path); a
    /// relative path is inside [`Wizard::dest`].
    pub dialog_script: Option<Vec<Scripted>>,
    /// Run on the records folder and the keychain before the app starts
    /// (to test what a launch finds).
    pub before_launch: Option<BeforeLaunch>,
    /// The open dialog's answers, one per call, as full paths; `None` is a
    /// cancelled dialog. After these: cancelled.
    pub opened: Vec<Option<PathBuf>>,
    /// The window's size; tall by default, so a whole screen is in the
    /// accessibility tree.
    pub size: Option<egui::Vec2>,
    /// Each launch starts its own simulated Circle for rehearsals (a new
    /// app), as the product does, instead of sharing [`Wizard::sim`].
    pub fresh_simulator: bool,
    /// How the name of [`Wizard::dest`] (a temporary folder either way)
    /// starts, for paths that read well in screenshots.
    pub dest_prefix: Option<&'static str>,
    /// The platform's own dialog (the desktop portal) instead of a scripted
    /// one, for dialogs that belong to the window of this portal name
    /// (`x11:<XID>`).
    pub native_dialog: Option<String>,
}

/// The fixed time of every test: 2026-11-21 12:00 UTC.
pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
}

impl Wizard {
    pub fn new(setup: Setup) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let key = crate::common::fixture_key();
        let sim = Arc::new(runtime.block_on(Simulator::start(key)).unwrap());
        let keychains = Keychains {
            real: Arc::new(MemoryStore::new()),
            rehearsal: Arc::new(MemoryStore::new()),
        };
        let data = tempfile::tempdir().unwrap();
        if let Some(prepare) = setup.before_launch {
            prepare(data.path(), &keychains);
        }
        let dest = match setup.dest_prefix {
            Some(prefix) => tempfile::Builder::new().prefix(prefix).tempdir(),
            None => tempfile::tempdir(),
        }
        .unwrap();
        let clipboard = MemoryClipboard::default();
        let answers: Vec<Option<PathBuf>> = setup
            .dialog
            .iter()
            .map(|a| a.map(|name| dest.path().join(name)))
            .collect();
        let (real, rehearsal) = (
            Arc::clone(&keychains.real),
            Arc::clone(&keychains.rehearsal),
        );
        let stores: StoreFactory = Arc::new(move |service: &str| {
            let store = if service == store::REHEARSAL_SERVICE {
                &rehearsal
            } else {
                &real
            };
            Ok(Arc::clone(store) as Arc<dyn SecretStore>)
        });
        let dialogs = Arc::new(
            match setup.dialog_script {
                Some(script) => {
                    ScriptedFileDialog::answering(script.into_iter().map(|answer| match answer {
                        Scripted::Path(p) if p.is_relative() => Scripted::Path(dest.path().join(p)),
                        other => other,
                    }))
                }
                None => ScriptedFileDialog::new(answers),
            }
            .with_opens(setup.opened),
        );
        let deps = AppDeps {
            runtime: runtime.handle().clone(),
            core: Deps {
                data_dir: data.path().to_path_buf(),
                // Elsewhere, so no "same disk as home" warning needs ticking.
                home: PathBuf::from("/nonexistent-home-of-the-gui-tests"),
                clock: Arc::new(FixedClock(now())),
                stores,
                circle: ClientConfig {
                    backoff_base: Duration::from_millis(5),
                    request_timeout: Duration::from_secs(5),
                    // "Register with Circle" talks to the same simulator on
                    // loopback, standing in for Circle; a rehearsal uses it
                    // anyway.
                    ..ClientConfig::with_base_url(sim.base_url())
                },
                simulator: if setup.fresh_simulator {
                    SimulatorSource::Key(Box::new(crate::common::fixture_key()))
                } else {
                    SimulatorSource::Running(Arc::clone(&sim))
                },
            },
            file_dialog: match setup.native_dialog {
                Some(_) => Arc::new(NativeFileDialog),
                None => Arc::clone(&dialogs) as Arc<dyn FileDialog>,
            },
            dialogs: Arc::default(),
        };
        if let Some(parent) = setup.native_dialog {
            deps.dialogs
                .set_parent(ParentWindow::new(parent, Box::new(())));
        }
        let size = setup.size.unwrap_or(egui::vec2(1100.0, 1800.0));
        let harness = launch(deps.clone(), &clipboard, size);
        let mut wizard = Self {
            harness,
            commands: Vec::new(),
            sim,
            store: keychains.rehearsal,
            real_store: keychains.real,
            clipboard,
            data,
            dest,
            dialogs,
            deps,
            size,
            _runtime: runtime,
        };
        wizard.wait_until_ready();
        wizard
    }

    fn wait_until_ready(&mut self) {
        self.run_until("the start screen to be ready", |w| {
            !w.app().is_busy() && w.button_enabled("Rehearsal")
        });
    }

    /// Close the app as a stopped process would (no goodbye to the
    /// worker's ceremony) and start it again on the same keychain, records
    /// and simulated Circle.
    pub fn relaunch(&mut self) {
        self.harness = launch(self.deps.clone(), &self.clipboard, self.size);
        self.commands.clear();
        self.wait_until_ready();
    }

    pub fn app(&self) -> &WizardApp {
        self.harness.state()
    }

    pub fn screen(&self) -> Screen {
        self.app().screen()
    }

    /// A path inside the destination folder.
    pub fn dest_path(&self, name: &str) -> PathBuf {
        self.dest.path().join(name)
    }

    /// Run one step (one frame per queued event) and keep the commands the
    /// app sent to the window.
    pub fn step(&mut self) {
        self.harness.step();
        if let Some(viewport) = self.harness.output().viewport_output.get(&ViewportId::ROOT) {
            self.commands.extend(viewport.commands.iter().cloned());
        }
    }

    /// Step until `done` holds; panic with the tree's texts on timeout.
    #[track_caller]
    pub fn run_until(&mut self, what: &str, done: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.step();
            if done(self) {
                // One more frame, so a Grid's sizing pass is behind us.
                self.step();
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; screen {:?}, busy {}; the tree:\n{}",
                    self.screen(),
                    self.app().is_busy(),
                    self.dump()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Step until the app is idle (no command running) and `done` holds:
    /// the worker sends the new state before the news that the command
    /// finished, so a screen can look finished a frame before it is.
    #[track_caller]
    pub fn wait_for(&mut self, what: &str, done: impl Fn(&Self) -> bool) {
        self.run_until(what, |w| !w.app().is_busy() && done(w));
    }

    /// Every node with its role, label and value, indented, for failures.
    pub fn dump(&self) -> String {
        fn walk(node: &Node<'_>, depth: usize, out: &mut String) {
            let n = node.accesskit_node();
            let label = n.label().unwrap_or_default();
            let value = n.value().unwrap_or_default();
            let placeholder = n.data().placeholder().unwrap_or_default().to_owned();
            if !label.is_empty() || !value.is_empty() || !placeholder.is_empty() {
                out.push_str(&format!(
                    "{}{:?} {label:?} {value:?}{}{}\n",
                    "  ".repeat(depth),
                    n.role(),
                    if placeholder.is_empty() {
                        String::new()
                    } else {
                        format!(" placeholder {placeholder:?}")
                    },
                    if n.is_disabled() { " (disabled)" } else { "" }
                ));
            }
            for child in node.children() {
                walk(&child, depth + 1, out);
            }
        }
        let mut out = String::new();
        walk(&self.harness.root(), 0, &mut out);
        out
    }

    /// Every text in the tree: labels, values, descriptions and
    /// placeholders, both as the nodes hold them and as a screen reader is
    /// told (which masks password fields).
    pub fn texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for node in self.harness.root().children_recursive() {
            collect_texts(&node.accesskit_node(), &mut out);
        }
        out
    }

    /// Whether some node's label or value is exactly `text` as a screen
    /// reader is told it (without its decorative glyphs, see
    /// `entity_secret_wizard::app::spoken`).
    pub fn shows(&self, text: &str) -> bool {
        let said = spoken(text);
        self.texts().contains(&said)
    }

    /// Whether some node's label or value contains `text` as a screen
    /// reader is told it.
    pub fn shows_containing(&self, text: &str) -> bool {
        let said = spoken(text);
        self.texts().iter().any(|t| t.contains(&said))
    }

    #[track_caller]
    pub fn assert_shows(&self, text: &str) {
        assert!(
            self.shows(text),
            "expected {text:?} on screen {:?}; the tree:\n{}",
            self.screen(),
            self.dump()
        );
    }

    #[track_caller]
    pub fn assert_shows_containing(&self, text: &str) {
        assert!(
            self.shows_containing(text),
            "expected text containing {text:?} on screen {:?}; the tree:\n{}",
            self.screen(),
            self.dump()
        );
    }

    /// The button drawn with `label`, found by the name a screen reader
    /// hears: the label without its decorative glyphs ("Next ▶" is the
    /// button "Next").
    #[track_caller]
    pub fn button<'a>(&'a self, label: &'a str) -> Node<'a> {
        let said = spoken(label);
        let found = self
            .harness
            .query_all_by_role(Role::Button)
            .find(|b| b.accesskit_node().label().as_deref() == Some(said.as_str()));
        match found {
            Some(node) => node,
            None => panic!(
                "no button {label:?} on screen {:?}; the tree:\n{}",
                self.screen(),
                self.dump()
            ),
        }
    }

    pub fn has_button(&self, label: &str) -> bool {
        self.harness
            .query_by_role_and_label(Role::Button, &spoken(label))
            .is_some()
    }

    pub fn button_enabled(&self, label: &str) -> bool {
        self.harness
            .query_by_role_and_label(Role::Button, &spoken(label))
            .is_some_and(|b| !b.accesskit_node().is_disabled())
    }

    /// Click an enabled button and step.
    #[track_caller]
    pub fn click(&mut self, label: &str) {
        let button = self.button(label);
        assert!(
            !button.accesskit_node().is_disabled(),
            "button {label:?} is disabled on screen {:?}; the tree:\n{}",
            self.screen(),
            self.dump()
        );
        button.click();
        self.settle();
    }

    /// Step twice: the frame that handles queued input, then one that draws
    /// what it changed (a new screen is drawn the frame after the click).
    pub fn settle(&mut self) {
        self.step();
        self.step();
    }

    /// Click the node with this role and label, and step.
    #[track_caller]
    pub fn click_role(&mut self, role: Role, label: &str) {
        self.harness
            .get_by_role_and_label(role, &spoken(label))
            .click();
        self.settle();
    }

    /// Focus the field with this role and label, replace its text with
    /// `text`, and step.
    #[track_caller]
    pub fn type_into(&mut self, role: Role, label: &str, text: &str) {
        let field = self.harness.get_by_role_and_label(role, label);
        field.click();
        self.step();
        // Select whatever is there, so the typed text replaces it.
        self.harness
            .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        self.step();
        self.harness
            .get_by_role_and_label(role, label)
            .type_text(text);
        self.step();
    }

    /// Let two seconds of the window's time pass with no input: a pause in
    /// typing (the harness advances egui's clock a quarter second a frame).
    pub fn pause_typing(&mut self) {
        for _ in 0..8 {
            self.step();
        }
    }

    /// Ask the window to close, as the window manager's close button does,
    /// and step. Returns whether the app cancelled the close.
    pub fn request_close(&mut self) -> bool {
        let before = self.commands.len();
        self.harness
            .input_mut()
            .viewports
            .entry(ViewportId::ROOT)
            .or_default()
            .events
            .push(ViewportEvent::Close);
        self.step();
        self.commands[before..]
            .iter()
            .any(|c| matches!(c, ViewportCommand::CancelClose))
    }

    /// The labels of every window title the app set.
    pub fn titles(&self) -> Vec<String> {
        self.commands
            .iter()
            .filter_map(|c| match c {
                ViewportCommand::Title(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    }

    /// How many buttons carry this label.
    pub fn count_buttons(&self, label: &str) -> usize {
        self.harness
            .query_all_by_role_and_label(Role::Button, &spoken(label))
            .count()
    }

    /// The records folder of rehearsals.
    pub fn rehearsal_dir(&self) -> PathBuf {
        store::rehearsal_dir(self.data.path())
    }

    /// The ceremonies unfinished in the rehearsal journal.
    pub fn unfinished(&self) -> Vec<store::InProgress> {
        store::Journal::open(self.rehearsal_dir())
            .unwrap()
            .unfinished()
            .unwrap()
    }

    /// The rehearsal ceremony log's entries of `step`.
    pub fn logged(&self, step: &str) -> Vec<store::LogEntry> {
        store::CeremonyLog::open(self.rehearsal_dir())
            .unwrap()
            .read_all()
            .unwrap()
            .entries
            .into_iter()
            .filter(|e| e.step == step)
            .collect()
    }
}

fn launch(
    deps: AppDeps,
    clipboard: &MemoryClipboard,
    size: egui::Vec2,
) -> Harness<'static, WizardApp> {
    let boxed = clipboard.clone();
    Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| WizardApp::new(&cc.egui_ctx, deps, Some(Box::new(boxed))))
}

fn collect_texts(node: &AccessKitNode<'_>, out: &mut Vec<String>) {
    let data = node.data();
    for raw in [
        data.label(),
        data.value(),
        data.description(),
        data.placeholder(),
    ]
    .into_iter()
    .flatten()
    {
        out.push(raw.to_owned());
    }
    out.extend(node.label());
    out.extend(node.value());
}

#[allow(
    unused_imports,
    reason = "not every GUI test file looks for secret bytes"
)]
pub use crate::common::all_bytes_under;

/// A keychain error for [`MemoryStore::fail_next_probe`].
pub fn no_secret_service() -> StoreError {
    StoreError::NoSecretService {
        detail: "org.freedesktop.secrets was not provided by any .service files".into(),
    }
}
