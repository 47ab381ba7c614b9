//! `rehearse`: a whole registration against the simulated Circle, printed
//! step by step (redacted).

use std::path::PathBuf;
use std::sync::Arc;

use crate::ceremony::{CeremonyContext, Deps, Mode, Onboarding, RegisterOutcome, StoreFactory};
use crate::circle::ClientConfig;
use crate::error::{Explain, explain};
use crate::simulator::Simulator;
use crate::store::{self, MemoryStore, SecretStore};

/// Run a rehearsal.
pub async fn run(
    recovery_file: Option<PathBuf>,
    memory_store: bool,
    circle: ClientConfig,
) -> Result<(), String> {
    let say = |step: &str, what: &str| println!("[{step}] {what}");
    let e = |err: &dyn Explain| explain(err);
    let mut deps = Deps::real(circle).map_err(|err| e(&err))?;
    // Kept alive until the end: with --memory-store the records live here
    // and are forgotten with the secret.
    let _forgotten;
    if memory_store {
        say(
            "keychain",
            "using an in-memory store, as asked (--memory-store); the secret and this rehearsal's records are forgotten at exit",
        );
        let store: Arc<dyn SecretStore> = Arc::new(MemoryStore::new());
        let factory: StoreFactory = Arc::new(move |_: &str| Ok(Arc::clone(&store)));
        deps.stores = factory;
        let dir = tempfile::tempdir().map_err(|err| err.to_string())?;
        deps.data_dir = dir.path().to_path_buf();
        _forgotten = Some(dir);
    } else {
        _forgotten = None;
    }
    let data_dir = deps.data_dir_for(true);
    say(
        "simulator",
        "making an RSA-4096 key and starting the simulated Circle on 127.0.0.1…",
    );
    let simulator: Arc<Simulator> = deps.start_simulator().await.map_err(|err| e(&err))?;
    say(
        "simulator",
        &format!("listening at {}", simulator.base_url()),
    );
    let ctx = CeremonyContext::open(&deps, &Mode::Rehearsal(simulator.base_url()))
        .map_err(|err| e(&err))?;
    let mut o = Onboarding::new(ctx);
    let backend = o.check_keychain().await.map_err(|err| e(&err))?;
    say(
        "keychain",
        &format!("works: {backend} (probe written, read back, deleted)"),
    );
    let practice_key = format!(
        "TEST_API_KEY:rehearsal{}:practice",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    o.submit_api_key(&practice_key)
        .await
        .map_err(|err| e(&err))?;
    say(
        "api key",
        &format!(
            "accepted: {} — environment {} — app id {}",
            o.masked_api_key().unwrap_or_default(),
            o.environment().map(|x| x.label()).unwrap_or("?"),
            o.app_id().unwrap_or_default()
        ),
    );
    let fingerprint = o.generate_secret().await.map_err(|err| e(&err))?;
    say(
        "secret",
        &format!("generated; fingerprint {fingerprint} (the secret itself is never printed)"),
    );
    o.store_secret().await.map_err(|err| e(&err))?;
    say(
        "stored",
        &format!(
            "in the keychain as {} / {}, read back identical",
            o.keychain_service(),
            o.keychain_account().unwrap_or_default()
        ),
    );
    let target = match recovery_file {
        Some(p) => p,
        None => data_dir.join(store::default_file_name(chrono::Utc::now())),
    };
    o.choose_destination(target.clone())
        .await
        .map_err(|err| e(&err))?;
    let notes: Vec<String> = o
        .location_notes()
        .map(|(n, _)| n.message().to_owned())
        .collect();
    say("destination", &format!("{} is writable", target.display()));
    for (i, note) in notes.iter().enumerate() {
        say(
            "destination",
            &format!("note: {note} (acknowledged for the rehearsal)"),
        );
        o.acknowledge_warning(i, true);
    }
    let facts = o.review().await.map_err(|err| e(&err))?;
    say(
        "review",
        &format!(
            "Circle public key SHA-256 {} ({} bits)",
            facts.public_key_fingerprint, facts.public_key_bits
        ),
    );
    o.confirm_review(true);
    match o.register().await.map_err(|err| e(&err))? {
        RegisterOutcome::Saved(saved) => {
            say("register", "Circle accepted the registration");
            say(
                "recovery file",
                &format!(
                    "written and verified: {} (SHA-256 {})",
                    saved.written.path.display(),
                    saved.written.sha256
                ),
            );
            say(
                "done",
                &format!("rotate by {}", saved.record.rotate_by.format("%Y-%m-%d")),
            );
            Ok(())
        }
        RegisterOutcome::RecoveryUnsaved(err) => Err(e(&err)),
        RegisterOutcome::AlreadyRegistered { .. } => {
            Err("the simulated Circle said already registered".to_owned())
        }
        RegisterOutcome::OutcomeUnknown { .. } => {
            Err("no answer from the simulated Circle".to_owned())
        }
    }
}
