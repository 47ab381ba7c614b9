//! `rehearse --serve`: the simulated Circle alone, on a printed loopback
//! address, until stopped, so that other tools (curl, Circle's SDKs) can be
//! tried against it.

use super::error::CliError;
use super::exit::Exit;
use super::{reach, say};
use crate::ceremony::Deps;
use crate::circle::ClientConfig;
use crate::text::cli as text;

/// Serve until SIGINT (Ctrl-C) or SIGTERM, then exit 0.
pub async fn run(circle: ClientConfig) -> Result<Exit, CliError> {
    let deps = Deps::real(circle)?;
    // Listening for the signals starts first: a stop sent as soon as the
    // address is printed must not be missed.
    let stop = stop_signal()?;
    say::line(&text::step("simulator", text::REHEARSE_STARTING))?;
    let simulator = deps.start_simulator().await?;
    let practice = reach::practice_api_key();
    say::out(&text::serving(
        &simulator.base_url(),
        simulator.app_id(),
        &practice,
        &simulator.public_key().fingerprint(),
    ))?;
    stop.await?;
    say::line(text::SERVE_STOPPED)?;
    Ok(Exit::Ok)
}

/// A future that ends at the first SIGINT or SIGTERM.
#[cfg(unix)]
fn stop_signal() -> Result<impl Future<Output = Result<(), CliError>>, CliError> {
    use tokio::signal::unix::{SignalKind, signal};
    let failed = |e: std::io::Error| CliError::Signal(e.to_string());
    let mut interrupt = signal(SignalKind::interrupt()).map_err(failed)?;
    let mut terminate = signal(SignalKind::terminate()).map_err(failed)?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        Ok(())
    })
}

/// A future that ends at the first Ctrl-C.
#[cfg(not(unix))]
fn stop_signal() -> Result<impl Future<Output = Result<(), CliError>>, CliError> {
    Ok(async {
        tokio::signal::ctrl_c()
            .await
            .map_err(|e| CliError::Signal(e.to_string()))
    })
}
