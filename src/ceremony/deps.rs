//! What every face (the window, the command line, a test) gives the core
//! from outside: where files go, the clock, the keychain, how to reach
//! Circle, and where a rehearsal's simulated Circle comes from. One real
//! set for the product; tests build their own.

use std::path::PathBuf;
use std::sync::Arc;

use crate::circle::ClientConfig;
use crate::clock::{Clock, SystemClock};
use crate::simulator::Simulator;
use crate::store::{self, KeyringStore, SecretStore, StoreError};

use super::CeremonyError;

/// Opens the keychain under a service name. Called afresh for every
/// context, so a keychain unlocked or started after a failure is found on
/// the next try.
pub type StoreFactory = Arc<dyn Fn(&str) -> Result<Arc<dyn SecretStore>, StoreError> + Send + Sync>;

/// Where a rehearsal's simulated Circle comes from.
#[derive(Clone)]
pub enum SimulatorSource {
    /// Make a new RSA-4096 key for it (seconds of work).
    Generate,
    /// Use this key (tests: a key made once).
    Key(Box<rsa::PrivateKey>),
    /// Use this simulator, already running (tests that inspect it).
    Running(Arc<Simulator>),
}

/// Everything the ceremonies need from outside.
#[derive(Clone)]
pub struct Deps {
    /// Where records, the ceremony log and the journal live; rehearsals use
    /// a `rehearsal` folder inside it.
    pub data_dir: PathBuf,
    /// The home folder, for the recovery file's location checks.
    pub home: PathBuf,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// The keychain.
    pub stores: StoreFactory,
    /// How to reach Circle; a rehearsal replaces the base URL with its
    /// simulator's.
    pub circle: ClientConfig,
    /// The simulated Circle of rehearsals.
    pub simulator: SimulatorSource,
}

impl Deps {
    /// The product's real dependencies: the platform's data folder, the
    /// system clock and the OS keychain.
    pub fn real(circle: ClientConfig) -> Result<Self, CeremonyError> {
        let data_dir = store::default_data_dir()?;
        let home = directories::BaseDirs::new()
            .map(|b| b.home_dir().to_path_buf())
            .ok_or(CeremonyError::Records(store::RecordsError::NoDataDir))?;
        Ok(Self {
            data_dir,
            home,
            clock: Arc::new(SystemClock),
            stores: Arc::new(|service: &str| {
                KeyringStore::new(service).map(|s| Arc::new(s) as Arc<dyn SecretStore>)
            }),
            circle,
            simulator: SimulatorSource::Generate,
        })
    }

    /// The records folder for real ceremonies or for rehearsals.
    pub fn data_dir_for(&self, rehearsal: bool) -> PathBuf {
        if rehearsal {
            store::rehearsal_dir(&self.data_dir)
        } else {
            self.data_dir.clone()
        }
    }

    /// The keychain service name for real entries or rehearsal ones.
    pub fn service_for(rehearsal: bool) -> &'static str {
        if rehearsal {
            store::REHEARSAL_SERVICE
        } else {
            store::SERVICE
        }
    }

    /// Start (or reuse) the simulated Circle for a rehearsal.
    pub async fn start_simulator(&self) -> Result<Arc<Simulator>, CeremonyError> {
        let started = match &self.simulator {
            SimulatorSource::Running(sim) => return Ok(Arc::clone(sim)),
            SimulatorSource::Key(key) => Simulator::start(key.as_ref().clone()).await,
            SimulatorSource::Generate => Simulator::start_with_new_key().await,
        };
        started
            .map(Arc::new)
            .map_err(|e| CeremonyError::SimulatorFailed(e.to_string()))
    }
}
