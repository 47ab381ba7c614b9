//! The desktop face: an eframe app whose screens render the ceremony's state
//! and send commands to a worker that runs them on the async runtime.

mod chrome;
pub mod clipboard;
mod deps;
mod events;
pub mod file_dialog;
mod launch;
mod look;
mod screens;
mod session_view;
mod snapshot;
mod widgets;
mod wizard;
mod worker;

pub use deps::AppDeps;
pub use launch::run;
pub use session_view::{CiphertextView, DiscardView, FinishingView, KeyView, SessionView};
pub use snapshot::Snapshot;
pub use widgets::{ErrorView, SecretField};
pub use wizard::{Screen, WizardApp, window_title};
pub use worker::{
    CiphertextCommand, Command, DiscardCommand, DocumentKind, Event, Finished, FinishingCommand,
    LeftoverTarget, OnboardingCommand, RegisterResult, SecretUse, Start, WorkerHandle,
};
