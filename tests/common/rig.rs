//! A simulated Circle, an in-memory keychain and temporary folders, with
//! ceremonies built on them the way the app builds them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use entity_secret_wizard::ceremony::status::StatusView;
use entity_secret_wizard::ceremony::{
    CeremonyContext, Deps, Mode, Onboarding, SimulatorSource, StoreFactory,
};
use entity_secret_wizard::circle::ClientConfig;
use entity_secret_wizard::clock::FixedClock;
use entity_secret_wizard::secret::EntitySecret;
use entity_secret_wizard::simulator::Simulator;
use entity_secret_wizard::store::{self, MemoryStore, SecretStore};

pub const KEY: &str = "TEST_API_KEY:abcd1234:s3cretpart";

pub struct Rig {
    pub sim: Simulator,
    /// The keychain of the rehearsal service, which the ceremonies use.
    pub store: Arc<MemoryStore>,
    /// The keychain of the real service: empty unless a test fills it.
    pub real_store: Arc<MemoryStore>,
    pub data: tempfile::TempDir,
    pub dest: tempfile::TempDir,
}

impl Rig {
    pub async fn new() -> Self {
        let key = super::fixture_key();
        Self {
            sim: Simulator::start(key).await.unwrap(),
            store: Arc::new(MemoryStore::new()),
            real_store: Arc::new(MemoryStore::new()),
            data: tempfile::tempdir().unwrap(),
            dest: tempfile::tempdir().unwrap(),
        }
    }

    pub fn ceremony(&self) -> Onboarding {
        // A home elsewhere, so no location warning needs acknowledging
        // unless a test wants one.
        self.ceremony_with_home(PathBuf::from("/nonexistent-home"))
    }

    pub fn ceremony_with_home(&self, home: PathBuf) -> Onboarding {
        Onboarding::new(self.ctx_with_home(home))
    }

    /// A fresh context, as a new launch of the app would build it.
    pub fn ctx(&self) -> CeremonyContext {
        self.ctx_with_home(PathBuf::from("/nonexistent-home"))
    }

    fn ctx_with_home(&self, home: PathBuf) -> CeremonyContext {
        CeremonyContext::open(&self.deps(self.circle(), home), &self.mode()).unwrap()
    }

    /// The dependencies a context of this rig is built from.
    pub fn ctx_deps(&self) -> Deps {
        self.deps(self.circle(), PathBuf::from("/nonexistent-home"))
    }

    /// Quick retries, short timeouts, aimed at the simulator.
    pub fn circle(&self) -> ClientConfig {
        ClientConfig {
            backoff_base: Duration::from_millis(5),
            request_timeout: Duration::from_secs(5),
            ..ClientConfig::with_base_url(self.sim.base_url())
        }
    }

    /// The status view, as the next launch would read it.
    pub fn status(&self) -> StatusView {
        StatusView::load(&self.deps(self.circle(), PathBuf::from("/nonexistent-home")))
    }

    pub fn deps(&self, circle: ClientConfig, home: PathBuf) -> Deps {
        let rehearsal = self.store.clone();
        let real = self.real_store.clone();
        let stores: StoreFactory = Arc::new(move |service: &str| {
            Ok(if service == store::REHEARSAL_SERVICE {
                rehearsal.clone() as Arc<dyn SecretStore>
            } else {
                real.clone() as Arc<dyn SecretStore>
            })
        });
        Deps {
            data_dir: self.data.path().to_path_buf(),
            home,
            clock: Arc::new(FixedClock(
                Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap(),
            )),
            stores,
            circle,
            simulator: SimulatorSource::Generate,
        }
    }

    pub fn mode(&self) -> Mode {
        Mode::Rehearsal(self.sim.base_url())
    }

    /// The rehearsal records folder the ceremonies write to.
    pub fn dir(&self) -> PathBuf {
        store::rehearsal_dir(self.data.path())
    }

    pub fn pending(&self) -> String {
        store::pending_account_name(
            entity_secret_wizard::secret::Environment::Test,
            self.sim.app_id(),
        )
    }

    /// The new secret wherever it is now: staged under the pending account
    /// until Circle accepts it, the app's active secret after.
    pub fn staged(&self) -> Option<EntitySecret> {
        match self.store.get(&self.pending()).unwrap() {
            Some(secret) => Some(secret),
            None => self.store.get(&self.account()).unwrap(),
        }
    }

    pub fn target(&self) -> PathBuf {
        self.dest.path().join("recovery_file_test.dat")
    }

    pub fn account(&self) -> String {
        store::account_name(
            entity_secret_wizard::secret::Environment::Test,
            self.sim.app_id(),
            false,
        )
    }

    /// Run the ceremony up to a stored secret (steps 1 to 3).
    pub async fn to_stored(&self, o: &mut Onboarding) {
        o.check_keychain().await.unwrap();
        o.submit_api_key(KEY).await.unwrap();
        o.generate_secret().await.unwrap();
        o.store_secret().await.unwrap();
    }

    /// Run the ceremony up to the review (steps 1 to 5).
    pub async fn to_review(&self, o: &mut Onboarding) {
        self.to_stored(o).await;
        o.choose_destination(self.target()).await.unwrap();
        for i in 0..o.location_notes().count() {
            o.acknowledge_warning(i, true);
        }
        o.review().await.unwrap();
        o.confirm_review(true);
    }

    pub fn files_in(dir: &Path) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    }
}
