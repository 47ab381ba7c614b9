//! Everything a ceremony needs from the outside world, gathered once, by
//! one constructor that every face uses.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use url::Url;

use super::{CeremonyError, Deps};
use crate::circle::{CircleClient, ClientConfig};
use crate::clock::Clock;
use crate::store::{CeremonyLog, Journal, Records, SecretStore};

/// Real Circle, or a rehearsal against the simulated Circle at an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Circle itself (or the base URL the person configured).
    Real,
    /// The simulated Circle listening at this base URL; rehearsal keychain
    /// entries and records.
    Rehearsal(Url),
}

impl Mode {
    /// Whether this is a rehearsal.
    pub fn is_rehearsal(&self) -> bool {
        matches!(self, Self::Rehearsal(_))
    }
}

/// The IO a ceremony uses: one real and one test implementation each.
pub struct CeremonyContext {
    /// How to reach Circle; the client itself is made on first use, so an
    /// offline ceremony never loads trust roots or opens a socket.
    circle_config: ClientConfig,
    circle: OnceLock<CircleClient>,
    /// The OS keychain (or the in-memory store in tests).
    pub store: Arc<dyn SecretStore>,
    /// The keychain service name entries are kept under.
    pub keychain_service: String,
    /// Non-secret registration records.
    pub records: Records,
    /// The append-only ceremony log.
    pub log: CeremonyLog,
    /// Unfinished ceremonies, for recovery after a crash.
    pub journal: Journal,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// The home folder, for the recovery file's location checks.
    pub home: PathBuf,
    /// The folder of records, log and journal.
    pub data_dir: PathBuf,
    /// Whether this is a rehearsal against the simulated Circle.
    pub rehearsal: bool,
}

impl CeremonyContext {
    /// The one place a context is built: the keychain opened afresh (so a
    /// keychain unlocked since the last try is found), the records of the
    /// real data folder or of its rehearsal folder, and the Circle settings
    /// (the simulator's address in a rehearsal).
    pub fn open(deps: &Deps, mode: &Mode) -> Result<Self, CeremonyError> {
        let rehearsal = mode.is_rehearsal();
        let service = Deps::service_for(rehearsal);
        let data_dir = deps.data_dir_for(rehearsal);
        let circle_config = match mode {
            Mode::Real => deps.circle.clone(),
            Mode::Rehearsal(url) => ClientConfig {
                base_url: url.clone(),
                ..deps.circle.clone()
            },
        };
        Ok(Self {
            circle_config,
            circle: OnceLock::new(),
            store: (deps.stores)(service)?,
            keychain_service: service.to_owned(),
            records: Records::open(data_dir.clone())?,
            log: CeremonyLog::open(data_dir.clone())?,
            journal: Journal::open(data_dir.clone())?,
            clock: Arc::clone(&deps.clock),
            home: deps.home.clone(),
            data_dir,
            rehearsal,
        })
    }

    /// The Circle client, made on first use.
    pub fn circle(&self) -> Result<&CircleClient, CeremonyError> {
        if let Some(client) = self.circle.get() {
            return Ok(client);
        }
        let client = CircleClient::new(self.circle_config.clone())?;
        // A second thread racing here made an equal client; either will do.
        Ok(self.circle.get_or_init(|| client))
    }

    /// Where Circle is reached (shown on screen, so a redirected ceremony
    /// cannot go unnoticed).
    pub fn circle_url(&self) -> &Url {
        &self.circle_config.base_url
    }
}
