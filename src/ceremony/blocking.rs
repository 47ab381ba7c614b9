//! Running blocking IO (the keychain, files, the save dialog) off the async
//! threads, with a panicked task reported as an error rather than lost.

use super::CeremonyError;

/// Run `f` on the runtime's blocking pool and wait for it.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, CeremonyError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CeremonyError::Internal(e.to_string()))
}
