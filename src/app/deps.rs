//! What the window is given from outside: the async runtime, the core's
//! dependencies, and the save dialog. One real set for the product, one per
//! test.

use std::sync::Arc;

use crate::ceremony::{CeremonyError, Deps};
use crate::circle::ClientConfig;

use super::file_dialog::{DialogControl, FileDialog, NativeFileDialog};

/// Everything the app needs from outside.
#[derive(Clone)]
pub struct AppDeps {
    /// The async runtime, created in `main`.
    pub runtime: tokio::runtime::Handle,
    /// What the ceremonies need: data folder, clock, keychain, Circle.
    pub core: Deps,
    /// The save and open dialogs.
    pub file_dialog: Arc<dyn FileDialog>,
    /// What the window wants of an open dialog, and the window dialogs
    /// belong to.
    pub dialogs: Arc<DialogControl>,
}

impl AppDeps {
    /// The product's real dependencies.
    pub fn real(
        runtime: tokio::runtime::Handle,
        circle: ClientConfig,
    ) -> Result<Self, CeremonyError> {
        Ok(Self {
            runtime,
            core: Deps::real(circle)?,
            file_dialog: Arc::new(NativeFileDialog),
            dialogs: Arc::default(),
        })
    }
}
