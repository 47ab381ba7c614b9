//! Files the worker writes for the person, none of them secret: a
//! registration's calendar reminder and ceremony record, and in rehearsal
//! the simulated Circle's public key. Each is created new, never over an
//! existing file; a typed folder gets the file under its own name.

use std::path::PathBuf;

use super::io::{Outcome, WorkerIo};
use super::protocol::{DocumentKind, Finished};
use crate::ceremony::{CeremonyError, blocking, documents};
use crate::simulator::Simulator;
use crate::store::{self, RegistrationRecord};
use crate::text::wizard as text;

/// Write a registration's reminder or record.
pub(super) async fn save_document(
    io: &WorkerIo,
    kind: DocumentKind,
    record: &RegistrationRecord,
    path: Option<PathBuf>,
    kept: Option<documents::RecoveryKept>,
) -> Outcome {
    let (content, name) = match kind {
        DocumentKind::CalendarReminder => (
            documents::rotation_reminder_ics(record, io.deps.core.clock.now()),
            documents::ics_file_name(record),
        ),
        DocumentKind::CeremonyRecord => {
            let stores = io.deps.core.stores.clone();
            let service = record.keychain_service.clone();
            // Only the backend's name is wanted; a keychain that cannot be
            // opened now still gets its record written.
            let backend = blocking(move || stores(&service).map(|s| s.backend_name()))
                .await?
                .unwrap_or_else(|_| text::KEYCHAIN_UNNAMED.to_owned());
            let context = documents::RecordContext {
                os_user: store::os_user().unwrap_or_else(|| text::OS_USER_UNKNOWN.to_owned()),
                keychain_backend: backend,
                rehearsal: record.rehearsal,
                recovery_kept: kept,
            };
            (
                documents::registration_record_markdown(record, &context),
                documents::record_file_name(record),
            )
        }
    };
    Ok(Some(
        // Where the recovery file went: the person's documents of this
        // ceremony together.
        match write_new(
            io,
            text::SAVE_DOCUMENT_TITLE,
            content,
            name,
            path,
            recovery_folder(record),
        )
        .await?
        {
            Some(written) => Finished::DocumentSaved(kind, written),
            None => Finished::NoPathChosen,
        },
    ))
}

/// The folder the registration's recovery file was saved in, if it is
/// known and still there.
fn recovery_folder(record: &RegistrationRecord) -> Option<PathBuf> {
    let folder = record.recovery_path.as_deref()?.parent()?;
    folder.is_dir().then(|| folder.to_path_buf())
}

/// Write the simulated Circle's key in the shape Circle serves it, for
/// practising the offline import.
pub(super) async fn save_simulator_key(
    io: &WorkerIo,
    simulator: Option<&Simulator>,
    path: Option<PathBuf>,
) -> Outcome {
    let Some(simulator) = simulator else {
        return Err(CeremonyError::NotYet(text::SIMULATOR_ONLY_IN_REHEARSAL));
    };
    let pem = simulator.public_key().to_circle_pem();
    let name = text::SIMULATOR_KEY_FILE_NAME.to_owned();
    Ok(Some(
        match write_new(io, text::SAVE_SIMULATOR_KEY_TITLE, pem, name, path, None).await? {
            Some(written) => Finished::SimulatorKeySaved(written),
            None => Finished::NoPathChosen,
        },
    ))
}

/// Write `content` as a new file at the typed path (a folder gets `name`
/// inside it) or where the save dialog says; `None` when it was cancelled.
async fn write_new(
    io: &WorkerIo,
    title: &'static str,
    content: String,
    name: String,
    typed: Option<PathBuf>,
    folder: Option<PathBuf>,
) -> Result<Option<PathBuf>, CeremonyError> {
    let Some(path) = io
        .typed_or_saved(typed, title, folder, name.clone())
        .await?
    else {
        return Ok(None);
    };
    let written = blocking(move || {
        let target = if path.is_dir() {
            path.join(&name)
        } else {
            path
        };
        documents::write_document(&target, &content).map(|()| target)
    })
    .await?
    .map_err(|e| CeremonyError::Document(documents::describe_io_error(&e)))?;
    Ok(Some(written))
}
