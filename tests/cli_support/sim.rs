//! The simulated Circle with the fixtures' key, on a runtime of its own, so
//! that a test can run the binary (blocking) while it answers.

use entity_secret_wizard::simulator::Simulator;
use rsa::pkcs8::DecodePrivateKey;

/// A simulated Circle serving in the background.
pub struct Sim {
    pub sim: Simulator,
    // Declared last: dropped after the simulator, whose drop stops it.
    _runtime: tokio::runtime::Runtime,
}

impl Sim {
    /// Start one with the fixtures' RSA-4096 key.
    pub fn start() -> Self {
        let key = rsa::PrivateKey::from_pkcs8_pem(
            &std::fs::read_to_string(super::fixture_dir().join("rsa4096.key.pem")).unwrap(),
        )
        .unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let sim = runtime.block_on(Simulator::start(key)).unwrap();
        Self {
            sim,
            _runtime: runtime,
        }
    }

    /// Its base URL, for `--circle-url`.
    pub fn url(&self) -> String {
        self.sim.base_url().to_string()
    }

    pub fn app_id(&self) -> &str {
        self.sim.app_id()
    }
}
