//! What the app is given from outside: the runtime, the stores, the dialog,
//! the clock. One real set for the product, one per test.

use std::path::PathBuf;
use std::sync::Arc;

use crate::circle::ClientConfig;
use crate::clock::{Clock, SystemClock};
use crate::simulator::Simulator;
use crate::simulator::{Endpoint, Fault};
use crate::store::{KeyringStore, SecretStore, StoreError};

use super::file_dialog::{FileDialog, NativeFileDialog};

/// Opens the keychain under a service name. Called afresh for every keychain
/// check, so a keychain unlocked after a failure is found on retry.
pub type StoreFactory = Arc<dyn Fn(&str) -> Result<Arc<dyn SecretStore>, StoreError> + Send + Sync>;

/// Everything the app needs from outside.
#[derive(Clone)]
pub struct AppDeps {
    /// The async runtime, created in `main`.
    pub runtime: tokio::runtime::Handle,
    /// Where records, the log and the journal live; rehearsals use a
    /// `rehearsal` folder inside it.
    pub data_dir: PathBuf,
    /// The home folder (for the recovery file's location checks).
    pub home: PathBuf,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// The save dialog.
    pub file_dialog: Arc<dyn FileDialog>,
    /// The keychain.
    pub stores: StoreFactory,
    /// How to reach Circle (the rehearsal replaces the base URL with the
    /// simulator's).
    pub circle: ClientConfig,
    /// A pre-made key for the simulated Circle (tests); `None` makes a new
    /// RSA-4096 key for each rehearsal.
    pub simulator_key: Option<rsa::PrivateKey>,
    /// Faults queued on the simulated Circle when a rehearsal starts (the
    /// screenshot tour uses a delay to show registration in progress).
    pub simulator_faults: Vec<(Endpoint, Fault)>,
    /// A simulated Circle already running (tests), used by rehearsals
    /// instead of starting one, so a test can queue faults on it and see
    /// what it received.
    pub simulator: Option<Arc<Simulator>>,
}

impl AppDeps {
    /// The product's real dependencies.
    pub fn real(runtime: tokio::runtime::Handle, circle: ClientConfig) -> Result<Self, String> {
        let dirs = directories::ProjectDirs::from(
            "com",
            "Circle Entity Secret Wizard",
            "entity-secret-wizard",
        )
        .ok_or("No home folder was found, so there is nowhere to keep records.")?;
        let home = directories::BaseDirs::new()
            .map(|b| b.home_dir().to_path_buf())
            .ok_or("No home folder was found.")?;
        Ok(Self {
            runtime,
            data_dir: dirs.data_dir().to_path_buf(),
            home,
            clock: Arc::new(SystemClock),
            file_dialog: Arc::new(NativeFileDialog),
            stores: Arc::new(|service: &str| {
                KeyringStore::new(service).map(|s| Arc::new(s) as Arc<dyn SecretStore>)
            }),
            circle,
            simulator_key: None,
            simulator_faults: Vec::new(),
            simulator: None,
        })
    }

    /// The records folder for a real ceremony or a rehearsal.
    pub fn data_dir_for(&self, rehearsal: bool) -> PathBuf {
        if rehearsal {
            self.data_dir.join("rehearsal")
        } else {
            self.data_dir.clone()
        }
    }
}
