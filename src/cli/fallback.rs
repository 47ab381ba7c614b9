//! A recovery file whose chosen place failed after Circle accepted the
//! secret. The window keeps the content and asks for another place; a
//! command cannot ask (it may have no terminal), so it saves the content
//! itself, to a clearly named file in the data folder (then the home
//! folder), says exactly where, and does not exit while the content is held
//! only in memory: with every place failing, it asks on a terminal or waits
//! and tries again, saying so.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::error::CliError;
use super::say;
use crate::ceremony::{CeremonyError, Onboarding, SaveOutcome};
use crate::error::explain;
use crate::text::cli as text;

/// How long to wait before trying every place again.
const RETRY_EVERY: Duration = Duration::from_secs(5);

/// Save the recovery file `o` holds, after `failure` at its chosen place.
/// Returns only once it is written and verified, or when nothing is held.
pub async fn save(
    o: &mut Onboarding,
    failure: &CeremonyError,
    data_dir: &Path,
) -> Result<SaveOutcome, CliError> {
    // The content's fingerprint as received, before any other write: what
    // the saved file must match, for the person and for anyone checking.
    let held = o.unsaved_recovery_sha256().unwrap_or_default();
    say::warning(&text::recovery_place_failed(&explain(failure), &held));
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let places: Vec<PathBuf> = std::iter::once(data_dir.to_path_buf())
        .chain(home)
        .collect();
    loop {
        // The data folder may not exist yet (a rehearsal kept in memory);
        // a failure to make it shows as the save's own failure below.
        let _ = create_private_dir(data_dir);
        for dir in &places {
            if let Some(saved) = try_at(o, dir.join(fallback_name())).await? {
                return Ok(saved);
            }
        }
        match ask_for_a_place().await {
            Some(path) => {
                if let Some(saved) = try_at(o, path).await? {
                    return Ok(saved);
                }
            }
            None => {
                say::warning(&text::recovery_waiting(RETRY_EVERY.as_secs()));
                tokio::time::sleep(RETRY_EVERY).await;
            }
        }
    }
}

/// One attempt: the outcome if saved, `None` if this place failed and the
/// content is still held, an error if nothing is held any more.
async fn try_at(o: &mut Onboarding, path: PathBuf) -> Result<Option<SaveOutcome>, CliError> {
    match o.save_recovery(Some(path.clone())).await {
        Ok(saved) => {
            say::warning(&text::recovery_saved_instead(
                &saved.written.path.display().to_string(),
                &saved.written.sha256,
            ));
            Ok(Some(saved))
        }
        Err(e) if o.holds_unsaved_recovery() => {
            say::warning(&text::recovery_fallback_failed(
                &path.display().to_string(),
                &explain(&e),
            ));
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// The fallback file's name: says what it is, and when.
fn fallback_name() -> String {
    format!(
        "recovery_file_FALLBACK_{}.dat",
        chrono::Utc::now().format("%Y%m%d-%H%M%S")
    )
}

/// A path typed on the terminal, when there is one; `None` to wait.
async fn ask_for_a_place() -> Option<PathBuf> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    say::warning(text::RECOVERY_ASK_FOR_A_PLACE);
    let typed = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    })
    .await
    .ok()?
    .ok()?;
    let typed = typed.trim();
    (!typed.is_empty()).then(|| PathBuf::from(typed))
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
