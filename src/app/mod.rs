//! The desktop face: an eframe app whose screens render the ceremony's state
//! and send commands to a worker that runs them on the async runtime.

pub mod clipboard;
mod deps;
pub mod file_dialog;
mod screens;
mod snapshot;
mod widgets;
mod wizard;
mod worker;

pub use deps::AppDeps;
pub use snapshot::Snapshot;
pub use widgets::{ErrorView, SecretField};
pub use wizard::{Screen, WizardApp, window_title};
pub use worker::{Command, DocumentKind, Event, Finished, RegisterResult, SecretUse, WorkerHandle};
