//! What every face (the window, the command line, a test) gives the core
//! from outside: where files go, the clock, the keychain, how to reach
//! Circle, and where a rehearsal's simulated Circle comes from. One real
//! set for the product; tests build their own.

use std::path::PathBuf;
use std::sync::Arc;

use crate::circle::ClientConfig;
use crate::clock::{Clock, SystemClock};
use crate::simulator::{self, Simulator};
use crate::store::{self, KeyringStore, SecretStore, StoreError};

use super::CeremonyError;

/// Opens the keychain under a service name. Called afresh for every
/// context, so a keychain unlocked or started after a failure is found on
/// the next try.
pub type StoreFactory = Arc<dyn Fn(&str) -> Result<Arc<dyn SecretStore>, StoreError> + Send + Sync>;

/// Where a rehearsal's simulated Circle comes from.
#[derive(Clone)]
pub enum SimulatorSource {
    /// Its key is kept in the rehearsal folder, made once (a second or
    /// more of work) and read in milliseconds ever after: the product.
    RehearsalKey,
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
            simulator: SimulatorSource::RehearsalKey,
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
        if let SimulatorSource::Running(sim) = &self.simulator {
            return Ok(Arc::clone(sim));
        }
        let key = self.simulator_key().await?;
        Simulator::start(key)
            .await
            .map(Arc::new)
            .map_err(|e| CeremonyError::SimulatorFailed(e.to_string()))
    }

    /// Start the simulated Circle of an app registered in an earlier
    /// rehearsal (a rotation or reset rehearsal plays its Console). A
    /// running simulator of tests is reused as it is.
    pub async fn start_simulator_for_app(
        &self,
        app_id: &str,
    ) -> Result<Arc<Simulator>, CeremonyError> {
        if let SimulatorSource::Running(sim) = &self.simulator {
            return Ok(Arc::clone(sim));
        }
        let key = self.simulator_key().await?;
        Simulator::start_for_app(key, app_id.to_owned())
            .await
            .map(Arc::new)
            .map_err(|e| CeremonyError::SimulatorFailed(e.to_string()))
    }

    /// Make sure the rehearsal's key exists, making it now if it does not:
    /// the window calls this at launch, so the first rehearsal does not
    /// wait for it.
    pub async fn prepare_rehearsal_key(&self) -> Result<(), CeremonyError> {
        if matches!(self.simulator, SimulatorSource::RehearsalKey) {
            self.simulator_key().await?;
        }
        Ok(())
    }

    async fn simulator_key(&self) -> Result<rsa::PrivateKey, CeremonyError> {
        let failed = |e: std::io::Error| CeremonyError::SimulatorFailed(e.to_string());
        match &self.simulator {
            SimulatorSource::Key(key) => Ok(key.as_ref().clone()),
            SimulatorSource::Generate => super::blocking(simulator::new_key).await?.map_err(failed),
            SimulatorSource::RehearsalKey | SimulatorSource::Running(_) => {
                let path = self.data_dir_for(true).join(REHEARSAL_KEY_FILE);
                super::blocking(move || rehearsal_key(&path))
                    .await?
                    .map_err(failed)
            }
        }
    }
}

/// The rehearsal's simulated Circle key, in the rehearsal folder.
pub const REHEARSAL_KEY_FILE: &str = "simulated-circle-key.pem";

/// Serialises making the key between the launch warm-up and a rehearsal
/// that starts before it ends, so the key is made once.
static KEY_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Read the rehearsal key at `path`, or make it and keep it there (a new
/// file, owner-only). A damaged file is replaced: it only ever holds a
/// rehearsal key.
fn rehearsal_key(path: &std::path::Path) -> std::io::Result<rsa::PrivateKey> {
    use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
    let _held = KEY_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Ok(pem) = std::fs::read_to_string(path)
        && let Ok(key) = rsa::PrivateKey::from_pkcs8_pem(&pem)
    {
        return Ok(key);
    }
    let key = simulator::new_key()?;
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(std::io::Error::other)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = path.with_extension(format!("{}.tmp", uuid::Uuid::new_v4().simple()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    {
        use std::io::Write;
        let mut file = options.open(&temp)?;
        file.write_all(pem.as_bytes())?;
        file.sync_all()?;
    }
    std::fs::rename(&temp, path)?;
    Ok(key)
}
