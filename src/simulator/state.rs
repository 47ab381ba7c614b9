//! What the simulator's handlers share: the entity, the request log, the
//! fault queue and the shutdown signal.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rsa::PrivateKey;
use tokio::sync::watch;

use super::entity::{self, Entity, Registered, Verdict};
use super::faults::{Endpoint, Fault};
use super::wallet_sets::WalletSets;
use crate::secret::CirclePublicKey;

/// Requests kept in the log; older ones are dropped (a rehearsal never gets
/// near this).
const MAX_LOGGED_REQUESTS: usize = 10_000;

/// One request as the simulator saw it. Never holds the API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// `GET` or `POST`.
    pub method: String,
    /// The path, without query.
    pub path: String,
    /// The `X-Request-Id` header, if sent.
    pub request_id: Option<String>,
    /// The `User-Agent` header, if sent.
    pub user_agent: Option<String>,
    /// The `Accept` header, if sent.
    pub accept: Option<String>,
    /// The `Content-Type` header, if sent.
    pub content_type: Option<String>,
    /// Whether an `Authorization` header was sent (its value is not kept).
    pub authorization_sent: bool,
}

/// State shared by every handler of one simulator.
pub(crate) struct Shared {
    pub app_id: String,
    pub private_key: PrivateKey,
    pub public_key: CirclePublicKey,
    entity: Mutex<Entity>,
    log: Mutex<VecDeque<RequestRecord>>,
    faults: Mutex<VecDeque<(Endpoint, Fault)>>,
    wallet_sets: Mutex<WalletSets>,
    shutdown: watch::Receiver<bool>,
}

/// Lock, carrying on after a panic elsewhere: the data stays consistent
/// because every critical section below is a few plain assignments.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub fn new(
        app_id: String,
        private_key: PrivateKey,
        public_key: CirclePublicKey,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        Self {
            app_id,
            private_key,
            public_key,
            entity: Mutex::new(Entity::default()),
            log: Mutex::new(VecDeque::new()),
            faults: Mutex::new(VecDeque::new()),
            wallet_sets: Mutex::new(WalletSets::default()),
            shutdown,
        }
    }

    /// Run `f` on the wallet sets under their lock.
    pub fn with_wallet_sets<R>(&self, f: impl FnOnce(&mut WalletSets) -> R) -> R {
        f(&mut lock(&self.wallet_sets))
    }

    /// Run `f` on the entity under its lock.
    pub fn with_entity<R>(&self, f: impl FnOnce(&mut Entity) -> R) -> R {
        f(&mut lock(&self.entity))
    }

    pub fn record(&self, record: RequestRecord) {
        let mut log = lock(&self.log);
        if log.len() >= MAX_LOGGED_REQUESTS {
            log.pop_front();
        }
        log.push_back(record);
    }

    pub fn requests(&self) -> Vec<RequestRecord> {
        lock(&self.log).iter().cloned().collect()
    }

    pub fn push_fault(&self, endpoint: Endpoint, fault: Fault) {
        lock(&self.faults).push_back((endpoint, fault));
    }

    pub fn clear_faults(&self) {
        lock(&self.faults).clear();
    }

    /// Take the first queued fault that applies to a request for `endpoint`.
    pub fn take_fault(&self, endpoint: Endpoint) -> Option<Fault> {
        let mut faults = lock(&self.faults);
        let index = faults
            .iter()
            .position(|(queued, _)| queued.covers(endpoint))?;
        faults.remove(index).map(|(_, fault)| fault)
    }

    /// Sleep, unless the simulator shuts down first (then false).
    pub async fn sleep(&self, duration: Duration) -> bool {
        let mut shutdown = self.shutdown.clone();
        tokio::select! {
            () = tokio::time::sleep(duration) => true,
            _ = shutdown.wait_for(|stop| *stop) => false,
        }
    }

    /// Check a ciphertext (single use first, then decryption) and decrypt it.
    /// Blocking: RSA-4096 decryption takes milliseconds of CPU.
    pub fn open_ciphertext(&self, ciphertext: &str) -> Verdict<crate::secret::EntitySecret> {
        if !self.with_entity(|e| e.first_sight(ciphertext)) {
            return Verdict::Reused;
        }
        match entity::decrypt(&self.private_key, ciphertext) {
            Some(secret) => Verdict::Accepted(secret),
            None => Verdict::Invalid,
        }
    }

    /// The registration endpoint's logic. Blocking (see `open_ciphertext`).
    pub fn register(&self, ciphertext: &str) -> Verdict<Registered> {
        match self.open_ciphertext(ciphertext) {
            Verdict::Accepted(secret) => Verdict::Accepted(self.with_entity(|e| {
                if e.registered.is_some() {
                    Registered::Already
                } else {
                    Registered::Now(e.set_with_new_recovery_file(secret))
                }
            })),
            Verdict::Reused => Verdict::Reused,
            Verdict::Invalid => Verdict::Invalid,
        }
    }
}
