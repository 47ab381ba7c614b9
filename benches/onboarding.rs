//! A whole onboarding against the in-process simulated Circle, key
//! generation excluded (the simulator's key is the test fixture, made
//! once): keychain probe, API key, secret, keychain write and read-back,
//! destination, Circle's key, registration over loopback HTTP with a real
//! RSA-4096 decryption on the simulator's side, and the recovery file
//! written and verified. `cargo bench --bench onboarding`.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use entity_secret_wizard::ceremony::{
    CeremonyContext, Deps, Mode, Onboarding, RegisterOutcome, SimulatorSource, StoreFactory,
};
use entity_secret_wizard::circle::ClientConfig;
use entity_secret_wizard::clock::FixedClock;
use entity_secret_wizard::simulator::Simulator;
use entity_secret_wizard::store::{MemoryStore, SecretStore};
use rsa::pkcs8::DecodePrivateKey;

const KEY_4096: &str = include_str!("../tests/fixtures/rsa4096.key.pem");

fn onboarding(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let key = rsa::PrivateKey::from_pkcs8_pem(KEY_4096).unwrap();
    let mut group = c.benchmark_group("onboarding");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("whole_registration_in_process", |b| {
        b.iter_batched(
            || {
                // A new Circle account and a clean computer each time.
                let sim = runtime.block_on(Simulator::start(key.clone())).unwrap();
                let dirs = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
                (sim, dirs)
            },
            |(sim, (data, dest))| {
                runtime.block_on(async {
                    let store: Arc<dyn SecretStore> = Arc::new(MemoryStore::new());
                    let stores: StoreFactory = Arc::new(move |_: &str| Ok(Arc::clone(&store)));
                    let deps = Deps {
                        data_dir: data.path().to_path_buf(),
                        home: "/nonexistent-home".into(),
                        clock: Arc::new(FixedClock(Utc::now())),
                        stores,
                        circle: ClientConfig::with_base_url(sim.base_url()),
                        simulator: SimulatorSource::Generate,
                    };
                    let ctx =
                        CeremonyContext::open(&deps, &Mode::Rehearsal(sim.base_url())).unwrap();
                    let mut o = Onboarding::new(ctx);
                    o.check_keychain().await.unwrap();
                    o.submit_api_key("TEST_API_KEY:bench:practice")
                        .await
                        .unwrap();
                    o.generate_secret().await.unwrap();
                    o.store_secret().await.unwrap();
                    o.choose_destination(dest.path().join("recovery_file.dat"))
                        .await
                        .unwrap();
                    o.review().await.unwrap();
                    o.confirm_review(true);
                    assert!(matches!(
                        o.register().await.unwrap(),
                        RegisterOutcome::Saved(_)
                    ));
                });
                drop(sim);
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, onboarding);
criterion_main!(benches);
