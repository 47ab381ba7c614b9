//! How a command reaches Circle's key: Circle itself with the person's API
//! key, a rehearsal's simulated Circle with a practice key, or nobody at
//! all when the key comes from a file.

use std::path::Path;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::api_key;
use super::error::CliError;
use crate::ceremony::{CeremonyContext, CeremonyError, Deps, Mode};
use crate::simulator::Simulator;

/// The address an offline rehearsal is given for Circle. Nothing is sent
/// there: the client is made only when a step needs Circle, and an offline
/// command has none. Should one ever be made by mistake, the discard port
/// on loopback reaches no Circle, real or simulated.
const OFFLINE_REHEARSAL_URL: &str = "http://127.0.0.1:9/";

/// A practice API key for the simulated Circle, which accepts any key of
/// the right shape. Not a secret; never valid with Circle.
pub fn practice_api_key() -> Zeroizing<String> {
    Zeroizing::new(format!(
        "TEST_API_KEY:rehearsal{}:practice",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    ))
}

/// The API key a command fetches Circle's key with: none offline, a
/// practice key in a rehearsal, the person's otherwise (read before any
/// work starts, so a prompt comes first).
pub fn api_key(
    rehearsal: bool,
    online: bool,
    file: Option<&Path>,
) -> Result<Option<Zeroizing<String>>, CliError> {
    Ok(match (online, rehearsal) {
        (false, _) => None,
        (true, true) => Some(practice_api_key()),
        (true, false) => Some(api_key::read(file)?),
    })
}

/// The ceremony context for a command, with the simulated Circle it talks
/// to in an online rehearsal (kept running as long as the caller holds it).
/// A rehearsal about a known registration plays that app's Circle, with the
/// rehearsal's kept key, so its key matches the one on record.
pub async fn open(
    deps: &Deps,
    rehearsal: bool,
    online: bool,
    app: Option<&str>,
) -> Result<(CeremonyContext, Option<Arc<Simulator>>), CliError> {
    let (mode, simulator) = match (rehearsal, online) {
        (false, _) => (Mode::Real, None),
        (true, true) => {
            let simulator = match app {
                Some(app_id) => deps.start_simulator_for_app(app_id).await?,
                None => deps.start_simulator().await?,
            };
            (Mode::Rehearsal(simulator.base_url()), Some(simulator))
        }
        (true, false) => {
            let url = url::Url::parse(OFFLINE_REHEARSAL_URL)
                .map_err(|e| CeremonyError::Internal(e.to_string()))?;
            (Mode::Rehearsal(url), None)
        }
    };
    Ok((CeremonyContext::open(deps, &mode)?, simulator))
}
