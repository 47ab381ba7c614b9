//! Everything a ceremony needs from the outside world, gathered once.

use std::path::PathBuf;
use std::sync::Arc;

use crate::circle::CircleClient;
use crate::clock::Clock;
use crate::store::{CeremonyLog, Journal, Records, SecretStore};

/// The IO a ceremony uses: one real and one test implementation each.
pub struct CeremonyContext {
    /// Circle, or the simulated Circle on loopback.
    pub circle: CircleClient,
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
    /// Whether this is a rehearsal against the simulated Circle.
    pub rehearsal: bool,
}
