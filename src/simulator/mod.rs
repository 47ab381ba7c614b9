//! A simulated Circle on loopback: rehearsal mode and tests.
//!
//! Real HTTP on `127.0.0.1`, a real RSA key, real OAEP decryption,
//! single-use ciphertexts, 409 on a second registration, and fault switches
//! ([`Fault`]) for everything that goes wrong in the field. It never logs;
//! what it saw is available through the inspection methods.

mod connection;
mod console;
mod entity;
mod faults;
mod gate;
mod handlers;
mod replies;
mod state;
mod wallet_sets;

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use rand::rngs::SysRng;
use rsa::{PrivateKey, PublicKey};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use url::Url;

pub use console::ConsoleError;
pub use faults::{Endpoint, Fault};
pub use state::RequestRecord;
pub use wallet_sets::WalletSetRecord;

use crate::circle::endpoints;
use crate::secret::{CirclePublicKey, EntitySecret};
use connection::{AbortableListener, ConnectionHandle};
use state::Shared;

/// Size of the key [`Simulator::start_with_new_key`] generates: Circle's.
pub const GENERATED_KEY_BITS: usize = 4096;

/// How long [`Simulator::shutdown`] waits for open connections to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A new RSA key of Circle's size, for a simulated Circle. Blocking: it
/// takes a second or more of CPU.
pub fn new_key() -> io::Result<PrivateKey> {
    PrivateKey::new(&mut SysRng, GENERATED_KEY_BITS).map_err(io::Error::other)
}

/// A running simulated Circle. Stops when dropped (or on [`shutdown`]).
///
/// [`shutdown`]: Simulator::shutdown
pub struct Simulator {
    shared: Arc<Shared>,
    base_url: Url,
    stop: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
}

impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulator")
            .field("base_url", &self.base_url.as_str())
            .field("app_id", &self.shared.app_id)
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// Start on `127.0.0.1` at a free port, on the current tokio runtime,
    /// with the given entity key (at least 2048 bits).
    pub async fn start(private_key: PrivateKey) -> io::Result<Self> {
        Self::start_for_app(private_key, uuid::Uuid::new_v4().to_string()).await
    }

    /// Start like [`start`](Self::start), answering with this app id: a
    /// rehearsal of a rotation or reset plays the Console of the app it
    /// registered earlier.
    pub async fn start_for_app(private_key: PrivateKey, app_id: String) -> io::Result<Self> {
        let public_key = CirclePublicKey::from_rsa(PublicKey::from(&private_key))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await?;
        let address = listener.local_addr()?;
        let base_url = Url::parse(&format!("http://{address}"))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let (stop, stopped) = watch::channel(false);
        let shared = Arc::new(Shared::new(
            app_id,
            private_key,
            public_key,
            stopped.clone(),
        ));
        let app = Router::new()
            .route(endpoints::PING, get(handlers::ping))
            .route(endpoints::ENTITY_CONFIG, get(handlers::entity_config))
            .route(endpoints::PUBLIC_KEY, get(handlers::public_key))
            .route(endpoints::REGISTER, post(handlers::register))
            .route(endpoints::WALLET_SETS, post(wallet_sets::create))
            .fallback(handlers::not_found)
            .layer(axum::middleware::from_fn_with_state(
                Arc::clone(&shared),
                gate::gate,
            ))
            .with_state(Arc::clone(&shared))
            .into_make_service_with_connect_info::<ConnectionHandle>();
        let mut stopped = stopped;
        let serve =
            axum::serve(AbortableListener::new(listener), app).with_graceful_shutdown(async move {
                // An error means the sender is gone, which also means stop.
                let _ = stopped.wait_for(|stop| *stop).await;
            });
        // Serving ends once the stop signal is sent and every open
        // connection has finished, so no task outlives the simulator.
        let server = tokio::spawn(async move {
            let _ = serve.await;
        });
        Ok(Self {
            shared,
            base_url,
            stop,
            server: Some(server),
        })
    }

    /// Start with a freshly generated RSA-4096 key (takes seconds; done on a
    /// blocking thread).
    pub async fn start_with_new_key() -> io::Result<Self> {
        let key = tokio::task::spawn_blocking(new_key)
            .await
            .map_err(io::Error::other)??;
        Self::start(key).await
    }

    /// Seed the simulated Circle with a registration made in an earlier
    /// rehearsal (its secret, from the rehearsal keychain, and the content
    /// of the recovery file saved then, when it can be read), so its
    /// Console can rotate or reset it.
    pub fn seed_registration(&self, secret: EntitySecret, recovery_file: Option<String>) {
        self.shared.with_entity(|e| e.seed(secret, recovery_file));
    }

    /// Where it listens, e.g. `http://127.0.0.1:41234/`.
    pub fn base_url(&self) -> Url {
        self.base_url.clone()
    }

    /// The app id it reports (a random UUID per simulator).
    pub fn app_id(&self) -> &str {
        &self.shared.app_id
    }

    /// Its entity public key.
    pub fn public_key(&self) -> CirclePublicKey {
        self.shared.public_key.clone()
    }

    /// The secret registered now, if any.
    pub fn registered_secret(&self) -> Option<EntitySecret> {
        self.shared
            .with_entity(|e| e.registered.as_ref().map(EntitySecret::duplicate))
    }

    /// Every recovery file issued, oldest first.
    pub fn issued_recovery_files(&self) -> Vec<String> {
        self.shared
            .with_entity(|e| e.recovery_files.iter().map(|f| f.to_string()).collect())
    }

    /// Every ciphertext that arrived (at the registration endpoint, faults
    /// included, and at the Console), oldest first, valid or not, repeats
    /// included.
    pub fn received_ciphertexts(&self) -> Vec<String> {
        self.shared.with_entity(|e| e.received.clone())
    }

    /// Every wallet set created, oldest first.
    pub fn wallet_sets(&self) -> Vec<WalletSetRecord> {
        self.shared.with_wallet_sets(|w| w.created.clone())
    }

    /// Every request as `(method, path, X-Request-Id)`, oldest first.
    pub fn request_log(&self) -> Vec<(String, String, Option<String>)> {
        self.requests()
            .into_iter()
            .map(|r| (r.method, r.path, r.request_id))
            .collect()
    }

    /// Every request with the headers tests check, oldest first.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.requests()
    }

    /// Forget the registered secret, as if the entity never had one (and its
    /// recovery file stops working). Ciphertexts seen stay used.
    pub fn console_reset(&self) {
        self.shared.with_entity(|e| {
            e.registered = None;
            e.valid_recovery_file = None;
        });
    }

    /// Set (or clear) the registered secret directly, without issuing a
    /// recovery file: the starting point for a rotation or reset rehearsal.
    pub fn set_registered_secret(&self, secret: Option<EntitySecret>) {
        self.shared.with_entity(|e| {
            e.registered = secret;
            e.valid_recovery_file = None;
        });
    }

    /// The Console's rotation: a ciphertext of the current secret and one of
    /// the new secret. Returns the new recovery file. Blocking: decrypts with
    /// RSA (milliseconds).
    pub fn console_rotate(
        &self,
        current_ciphertext: &str,
        new_ciphertext: &str,
    ) -> Result<String, ConsoleError> {
        console::rotate(&self.shared, current_ciphertext, new_ciphertext)
    }

    /// The Console's reset: the current recovery file and a ciphertext of the
    /// new secret. Returns the new recovery file. Blocking, like
    /// [`console_rotate`](Self::console_rotate).
    pub fn console_reset_with_recovery_file(
        &self,
        recovery_file: &str,
        new_ciphertext: &str,
    ) -> Result<String, ConsoleError> {
        console::reset(&self.shared, recovery_file, new_ciphertext)
    }

    /// The Console's first registration (registration through Console): a
    /// ciphertext of the new secret. Returns the recovery file. Blocking,
    /// like [`console_rotate`](Self::console_rotate).
    pub fn console_register(&self, new_ciphertext: &str) -> Result<String, ConsoleError> {
        console::register(&self.shared, new_ciphertext)
    }

    /// Queue a fault for the next request to `endpoint`. Faults are used up
    /// in the order queued, one per request.
    pub fn push_fault(&self, endpoint: Endpoint, fault: Fault) {
        self.shared.push_fault(endpoint, fault);
    }

    /// Drop every queued fault.
    pub fn clear_faults(&self) {
        self.shared.clear_faults();
    }

    /// Stop accepting, let open connections finish (delayed answers are cut
    /// short), and wait for the server task to end.
    pub async fn shutdown(mut self) {
        self.stop.send_replace(true);
        if let Some(mut server) = self.server.take()
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut server)
                .await
                .is_err()
        {
            server.abort();
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        // The server task sees this, stops accepting and ends once its open
        // connections are done; nothing here can await.
        self.stop.send_replace(true);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::secret::Ciphertext;
    use rsa::pkcs8::DecodePrivateKey;

    fn key() -> PrivateKey {
        PrivateKey::from_pkcs8_pem(include_str!("../../tests/fixtures/rsa4096.key.pem")).unwrap()
    }

    fn ct(sim: &Simulator, secret: &EntitySecret) -> String {
        Ciphertext::encrypt(secret, &sim.public_key())
            .unwrap()
            .into_wire()
    }

    #[tokio::test]
    async fn debug_shows_address_and_app_only() {
        let sim = Simulator::start(key()).await.unwrap();
        let secret = EntitySecret::generate();
        sim.set_registered_secret(Some(secret.duplicate()));
        let shown = format!("{sim:?}");
        assert!(shown.contains(sim.base_url().as_str()));
        assert!(shown.contains(sim.app_id()));
        assert!(!shown.contains(secret.expose_hex().as_str()));
        assert!(!shown.contains(&secret.fingerprint()));
        sim.shutdown().await;
    }

    #[tokio::test]
    async fn small_keys_are_refused() {
        let small =
            PrivateKey::from_pkcs8_pem(include_str!("../../tests/fixtures/rsa2048.key.pem"))
                .unwrap();
        assert!(
            Simulator::start(small).await.is_ok(),
            "2048 bits is allowed"
        );
        let tiny = PrivateKey::new(&mut SysRng, 1024).unwrap();
        let err = Simulator::start(tiny).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }

    #[tokio::test]
    async fn console_rotation_checks_the_current_secret() {
        let sim = Simulator::start(key()).await.unwrap();
        let first = EntitySecret::generate();
        let second = EntitySecret::generate();
        assert_eq!(
            sim.console_rotate(&ct(&sim, &first), &ct(&sim, &second)),
            Err(ConsoleError::NotRegistered)
        );
        sim.set_registered_secret(Some(first.duplicate()));
        assert_eq!(
            sim.console_rotate(&ct(&sim, &second), &ct(&sim, &second)),
            Err(ConsoleError::WrongCurrentSecret)
        );
        assert_eq!(
            sim.console_rotate("bm90IGEgY2lwaGVydGV4dA==", &ct(&sim, &second)),
            Err(ConsoleError::InvalidCiphertext)
        );
        let current = ct(&sim, &first);
        let file = sim.console_rotate(&current, &ct(&sim, &second)).unwrap();
        assert_eq!(sim.registered_secret(), Some(second.duplicate()));
        assert_eq!(sim.issued_recovery_files(), vec![file]);
        // The same ciphertext twice is refused, even for the Console.
        assert_eq!(
            sim.console_rotate(&current, &ct(&sim, &first)),
            Err(ConsoleError::CiphertextReused)
        );
        let err = ConsoleError::WrongRecoveryFile;
        assert!(!crate::error::Explain::next_step(&err).is_empty());
    }

    #[tokio::test]
    async fn console_reset_needs_the_latest_recovery_file() {
        let sim = Simulator::start(key()).await.unwrap();
        let a = EntitySecret::generate();
        let b = EntitySecret::generate();
        let c = EntitySecret::generate();
        sim.set_registered_secret(Some(a.duplicate()));
        let first = sim.console_rotate(&ct(&sim, &a), &ct(&sim, &b)).unwrap();
        let second = sim
            .console_reset_with_recovery_file(&first, &ct(&sim, &c))
            .unwrap();
        assert_eq!(sim.registered_secret(), Some(c.duplicate()));
        // The first file was spent by the reset.
        assert_eq!(
            sim.console_reset_with_recovery_file(&first, &ct(&sim, &a)),
            Err(ConsoleError::WrongRecoveryFile)
        );
        assert_eq!(sim.issued_recovery_files(), vec![first, second.clone()]);
        sim.console_reset();
        assert_eq!(sim.registered_secret(), None);
        assert_eq!(
            sim.console_reset_with_recovery_file(&second, &ct(&sim, &a)),
            Err(ConsoleError::NotRegistered)
        );
    }

    #[tokio::test]
    async fn shutdown_closes_the_port() {
        let sim = Simulator::start(key()).await.unwrap();
        let address = sim.base_url().socket_addrs(|| None).unwrap()[0];
        assert!(tokio::net::TcpStream::connect(address).await.is_ok());
        sim.shutdown().await;
        assert!(tokio::net::TcpStream::connect(address).await.is_err());
    }

    #[tokio::test]
    #[ignore = "generates an RSA-4096 key, which takes seconds"]
    async fn starts_with_a_generated_4096_bit_key() {
        let sim = Simulator::start_with_new_key().await.unwrap();
        assert_eq!(sim.public_key().bits(), GENERATED_KEY_BITS);
        sim.shutdown().await;
    }

    #[tokio::test]
    async fn shutdown_is_prompt_with_open_and_busy_connections() {
        let sim = Simulator::start(key()).await.unwrap();
        let client = crate::circle::CircleClient::new(crate::circle::ClientConfig {
            max_attempts: 1,
            ..crate::circle::ClientConfig::with_base_url(sim.base_url())
        })
        .unwrap();
        // One idle keep-alive connection, and one request held by a delay.
        client.ping().await.unwrap();
        sim.push_fault(Endpoint::Ping, Fault::Delay(Duration::from_secs(60)));
        let busy = tokio::spawn(async move { client.ping().await });
        while sim.requests().len() < 2 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let started = std::time::Instant::now();
        sim.shutdown().await;
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        // The held request gets an answer (503) rather than hanging.
        let _ = tokio::time::timeout(Duration::from_secs(5), busy)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn faults_are_used_up_in_order() {
        let sim = Simulator::start(key()).await.unwrap();
        sim.push_fault(Endpoint::Register, Fault::ServerError);
        sim.push_fault(Endpoint::Any, Fault::RateLimited);
        assert_eq!(
            sim.shared.take_fault(Endpoint::Entity),
            Some(Fault::RateLimited)
        );
        assert_eq!(sim.shared.take_fault(Endpoint::Entity), None);
        sim.push_fault(Endpoint::PublicKey, Fault::HugeBody);
        sim.clear_faults();
        assert_eq!(sim.shared.take_fault(Endpoint::PublicKey), None);
        assert_eq!(sim.shared.take_fault(Endpoint::Register), None);
    }
}
