//! The desktop face: an eframe app whose screens render the ceremony's state
//! and send commands to a worker that runs them on the async runtime.

mod check_view;
mod chrome;
pub mod clipboard;
mod close;
mod console_view;
mod deps;
mod events;
pub mod file_dialog;
mod handoff_news;
mod handoff_view;
mod inputs;
mod launch;
mod look;
mod screen;
mod screens;
mod session_view;
mod snapshot;
mod spoken;
mod widgets;
mod wizard;
mod worker;

pub use check_view::CheckView;
pub use console_view::{ConsoleStep, ConsoleView, ShownCiphertext};
pub use deps::AppDeps;
pub use handoff_view::{HandoffFiles, HandoffNews, HandoffPanel, HandoffView};
pub use inputs::{ConsoleDid, ConsoleInputs};
pub use launch::run;
pub use session_view::{
    CiphertextView, DiscardKind, DiscardView, FinishingView, KeyView, SessionView,
};
pub use snapshot::Snapshot;
pub use spoken::{SpokenNames, spoken};
pub use widgets::{ErrorView, SecretField};
pub use wizard::{Screen, WizardApp, window_title};
pub use worker::{
    CheckCommand, CiphertextCommand, Command, ConsoleCommand, DiscardCommand, DocumentKind, Event,
    Finished, FinishingCommand, HandoffCommand, LeftoverTarget, OnboardingCommand, RegisterResult,
    SecretUse, SimulatedConsoleCommand, Start, WorkerHandle,
};
