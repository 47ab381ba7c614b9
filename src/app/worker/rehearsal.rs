//! Rehearsal across launches: the simulated Circle lives only while the app
//! runs, so an item of an earlier rehearsal (a registration to rotate,
//! reset or check, a ceremony to carry on) gets a simulated Circle that
//! answers as its app, with the kept rehearsal key, and — for what needs a
//! registration — is told what that app registered: its secret from the
//! rehearsal keychain and its recovery file from where it was saved. This
//! happens only on the rehearsal path; a real ceremony never comes here.

use std::sync::Arc;

use super::io::WorkerIo;
use crate::ceremony::{CeremonyError, SimulatorSource, blocking};
use crate::secret::{EntitySecret, Environment};
use crate::simulator::Simulator;
use crate::store::{self, Records, RegistrationRecord};
use crate::text::wizard as text;

/// The simulated Circle of `app_id`: `held` if it answers as that app
/// already (it remembers this run), else a new one for the app, seeded
/// with `record` when there is one.
pub(super) async fn simulator_for_app(
    io: &WorkerIo,
    held: Option<&Arc<Simulator>>,
    app_id: &str,
    record: Option<&RegistrationRecord>,
) -> Result<Arc<Simulator>, CeremonyError> {
    if let Some(sim) = held.filter(|s| s.app_id() == app_id) {
        return Ok(Arc::clone(sim));
    }
    io.busy(text::PREPARING_SIMULATOR_BUSY);
    let sim = io.deps.core.start_simulator_for_app(app_id).await?;
    // A simulator handed in already running (tests) remembers for itself.
    let shared = matches!(io.deps.core.simulator, SimulatorSource::Running(_));
    if let (Some(record), false) = (record, shared) {
        seed(io, &sim, record.clone()).await?;
    }
    Ok(sim)
}

/// Tell a new simulated Circle what the app registered in an earlier run.
async fn seed(
    io: &WorkerIo,
    sim: &Simulator,
    record: RegistrationRecord,
) -> Result<(), CeremonyError> {
    let stores = io.deps.core.stores.clone();
    let (secret, recovery_file) = blocking(move || {
        let secret = stores(store::REHEARSAL_SERVICE)
            .ok()
            .and_then(|s| s.get(&record.keychain_account).ok().flatten());
        let recovery_file = record
            .recovery_path
            .as_deref()
            .and_then(|p| store::read_private(p).ok())
            .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok());
        (secret, recovery_file)
    })
    .await?;
    // A secret lost from the keychain (what a reset is for) is still the
    // registered one at Circle: a stand-in nobody knows plays it, so the
    // simulated Console holds a secret as Circle would.
    let secret = secret.unwrap_or_else(EntitySecret::generate);
    sim.seed_registration(secret, recovery_file);
    Ok(())
}

/// The rehearsal record of an app, if this computer has one.
pub(super) async fn record_of(
    io: &WorkerIo,
    environment: Environment,
    app_id: &str,
) -> Result<Option<RegistrationRecord>, CeremonyError> {
    let dir = io.deps.core.data_dir_for(true);
    let app_id = app_id.to_owned();
    blocking(move || {
        if !dir.exists() {
            return Ok(None);
        }
        Records::open(dir)?.find(environment, &app_id)
    })
    .await?
    .map_err(CeremonyError::from)
}
