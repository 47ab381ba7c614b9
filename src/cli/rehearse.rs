//! `rehearse`: a whole registration against the simulated Circle, printed
//! step by step (fingerprints only, never the secret).

use std::path::PathBuf;
use std::sync::Arc;

use super::args::RehearseArgs;
use super::error::CliError;
use super::exit::Exit;
use super::{fallback, reach, rehearse_console, say, serve};
use crate::ceremony::{
    CeremonyContext, Deps, Mode, Onboarding, RegisterOutcome, SaveOutcome, StoreFactory,
};
use crate::circle::ClientConfig;
use crate::store::{self, MemoryStore, SecretStore};
use crate::text::cli as text;

/// Run a rehearsal, or with `--serve`, the simulated Circle alone.
pub async fn run(args: RehearseArgs, circle: ClientConfig) -> Result<Exit, CliError> {
    if args.serve {
        return serve::run(circle).await;
    }
    let mut deps = Deps::real(circle)?;
    // Where a recovery file goes when its own place fails: the rehearsal
    // folder that outlives this process, even with --memory-store.
    let fallback_dir = deps.data_dir_for(true);
    // Kept alive until the end: with --memory-store the records live here
    // and are forgotten with the secret.
    let _forgotten = if args.memory_store {
        say::line(&text::step("keychain", text::REHEARSE_MEMORY_STORE))?;
        let memory: Arc<dyn SecretStore> = Arc::new(MemoryStore::new());
        let factory: StoreFactory = Arc::new(move |_: &str| Ok(Arc::clone(&memory)));
        deps.stores = factory;
        let dir = tempfile::tempdir().map_err(|e| CliError::Output(e.to_string()))?;
        deps.data_dir = dir.path().to_path_buf();
        Some(dir)
    } else {
        None
    };
    say::line(&text::step("simulator", text::REHEARSE_STARTING))?;
    let simulator = deps.start_simulator().await?;
    say::line(&text::step(
        "simulator",
        &text::listening(&simulator.base_url()),
    ))?;
    let ctx = CeremonyContext::open(&deps, &Mode::Rehearsal(simulator.base_url()))?;
    let mut o = Onboarding::new(ctx);
    let backend = o.check_keychain().await?;
    say::line(&text::step("keychain", &text::keychain_works(&backend)))?;
    o.submit_api_key(&reach::practice_api_key()).await?;
    say::line(&text::step(
        "api key",
        &text::key_accepted(
            &o.masked_api_key().unwrap_or_default(),
            o.environment().map(|e| e.label()).unwrap_or_default(),
            o.app_id().unwrap_or_default(),
        ),
    ))?;
    let fingerprint = o.generate_secret().await?;
    say::line(&text::step("secret", &text::secret_generated(&fingerprint)))?;
    o.store_secret().await?;
    say::line(&text::step(
        "stored",
        &text::secret_stored(
            o.keychain_service(),
            &o.keychain_account().unwrap_or_default(),
        ),
    ))?;
    let target = match args.recovery_file {
        Some(path) => path,
        None => deps
            .data_dir_for(true)
            .join(store::default_file_name(chrono::Utc::now())),
    };
    choose_destination(&mut o, target).await?;
    let facts = o.review().await?;
    say::line(&text::step(
        "review",
        &text::reviewed(&facts.public_key_fingerprint, facts.public_key_bits),
    ))?;
    o.confirm_review(true);
    let (saved, exit) = match o.register().await? {
        RegisterOutcome::Saved(saved) => {
            say::line(&text::step("register", text::REHEARSE_ACCEPTED))?;
            (*saved, Exit::Ok)
        }
        RegisterOutcome::RecoveryUnsaved(failure) => {
            // Nothing may stop the save now, not even a closed stdout.
            let _ = say::line(&text::step("register", text::REHEARSE_ACCEPTED));
            let saved = fallback::save(&mut o, &failure, &fallback_dir).await?;
            (saved, Exit::RecoveryElsewhere)
        }
        RegisterOutcome::AlreadyRegistered { request_id, .. } => {
            return Err(CliError::AlreadyRegistered { request_id });
        }
        RegisterOutcome::OutcomeUnknown { request_id, reason } => {
            return Err(CliError::OutcomeUnknown { reason, request_id });
        }
    };
    done(&saved)?;
    if let Some(problem) = o.log_problem() {
        say::warning(&text::bookkeeping_problem(&problem));
    }
    if let Some(ceremony) = args.ceremony {
        drop(o);
        rehearse_console::run(&deps, &simulator, ceremony, &saved, &fallback_dir).await?;
    }
    Ok(exit)
}

async fn choose_destination(o: &mut Onboarding, target: PathBuf) -> Result<(), CliError> {
    o.choose_destination(target.clone()).await?;
    let notes: Vec<String> = o
        .location_notes()
        .map(|(note, _)| note.message().to_owned())
        .collect();
    say::line(&text::step(
        "destination",
        &text::destination_writable(&target.display().to_string()),
    ))?;
    for (i, note) in notes.iter().enumerate() {
        say::line(&text::step("destination", &text::note_acknowledged(note)))?;
        o.acknowledge_warning(i, true);
    }
    Ok(())
}

fn done(saved: &SaveOutcome) -> Result<(), CliError> {
    say::line(&text::step(
        "recovery file",
        &text::recovery_written(
            &saved.written.path.display().to_string(),
            &saved.written.sha256,
        ),
    ))?;
    say::line(&text::step(
        "done",
        &text::rotate_by(&saved.record.rotate_by.format("%Y-%m-%d").to_string()),
    ))
}
