//! `rehearse --ceremony rotation|reset`: after the registration, the Console
//! ceremony on the same simulated Circle, which plays Console with Console's
//! checks; each step printed with fingerprints only.

use std::path::Path;
use std::sync::Arc;

use super::args::RehearsedCeremony;
use super::error::CliError;
use super::{reach, say};
use crate::ceremony::console::{ConsoleCeremony, ConsoleKind};
use crate::ceremony::{CeremonyContext, Deps, Mode, SaveOutcome};
use crate::simulator::Simulator;
use crate::text::cli as text;
use crate::text::cli as words;

/// Rehearse `ceremony` on the registration `registered` just made.
pub async fn run(
    deps: &Deps,
    simulator: &Arc<Simulator>,
    ceremony: RehearsedCeremony,
    registered: &SaveOutcome,
    folder: &Path,
) -> Result<(), CliError> {
    let kind = match ceremony {
        RehearsedCeremony::Rotation => ConsoleKind::Rotation,
        RehearsedCeremony::Reset => ConsoleKind::Reset,
    };
    let name = match kind {
        ConsoleKind::Rotation => "rotation",
        _ => "reset",
    };
    say::line(&text::step(name, &words::console_begins(name)))?;
    let ctx = CeremonyContext::open(deps, &Mode::Rehearsal(simulator.base_url()))?;
    let mut c = ConsoleCeremony::new(ctx, kind);
    c.check_keychain().await?;
    c.submit_api_key(&reach::practice_api_key()).await?;
    let fingerprint = c.generate_secret().await?;
    c.stage_new_secret().await?;
    let pending = c
        .journal_entry()
        .map(|e| e.keychain_account.clone())
        .unwrap_or_default();
    say::line(&text::step(
        "stored",
        &words::new_secret_staged(&fingerprint, &pending),
    ))?;
    c.fetch_public_key().await?;
    let ciphertexts: Vec<String> = c
        .make_ciphertexts()
        .await?
        .into_iter()
        .map(|(_, ciphertext)| ciphertext.into_wire())
        .collect();
    say::line(&text::step(
        "console",
        &words::ciphertexts_for_console(ciphertexts.len()),
    ))?;
    // The simulated Console, with Console's checks.
    let sim = Arc::clone(simulator);
    let old_file = match &registered.record.recovery_path {
        Some(path) => std::fs::read_to_string(path).ok(),
        None => None,
    };
    let new_file = tokio::task::spawn_blocking(move || match (kind, ciphertexts.as_slice()) {
        (ConsoleKind::Rotation, [current, new]) => sim.console_rotate(current, new),
        (_, [new]) => sim.console_reset_with_recovery_file(&old_file.unwrap_or_default(), new),
        _ => Err(crate::simulator::ConsoleError::InvalidCiphertext),
    })
    .await
    .map_err(|e| crate::ceremony::CeremonyError::Internal(e.to_string()))??;
    c.console_accepted().await?;
    say::line(&text::step("console", words::CONSOLE_ACCEPTED))?;
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let download = folder.join(format!("console-download-{name}-{stamp}.dat"));
    std::fs::write(&download, &new_file)
        .map_err(|e| CliError::Output(format!("{}: {e}", download.display())))?;
    let sha256 = c.import_recovery_file(&download).await?;
    say::line(&text::step(
        "recovery file",
        &words::recovery_imported(&sha256),
    ))?;
    let target = folder.join(format!("recovery_file_{stamp}-after-{name}.dat"));
    c.choose_destination(target).await?;
    let notes = c.location_notes().count();
    for i in 0..notes {
        c.acknowledge_warning(i, true);
    }
    let outcome = c.save_recovery().await?;
    // The downloaded copy was only a stand-in for Console's download.
    let _ = std::fs::remove_file(&download);
    if let Some(written) = &outcome.written {
        say::line(&text::step(
            "recovery file",
            &text::recovery_written(&written.path.display().to_string(), &written.sha256),
        ))?;
    }
    if let Some(retired) = &outcome.retired {
        say::line(&text::step(
            "retired",
            &words::old_secret_retired(&retired.fingerprint, &retired.to_account),
        ))?;
    }
    say::line(&text::step(
        "done",
        &words::new_secret_active(
            &outcome.record.secret_fingerprint,
            &outcome.record.keychain_account,
        ),
    ))?;
    say::line(&text::step(
        "done",
        &text::rotate_by(&outcome.record.rotate_by.format("%Y-%m-%d").to_string()),
    ))?;
    if let Some(problem) = c.log_problem() {
        say::warning(&text::bookkeeping_problem(&problem));
    }
    Ok(())
}
