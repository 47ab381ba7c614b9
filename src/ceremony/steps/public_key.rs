//! Circle's public key: fetched from Circle, or imported from a PEM file
//! fetched elsewhere (the offline path), and compared with every
//! fingerprint on record.

use std::path::{Path, PathBuf};

use crate::ceremony::bookkeeping::{Bookkeeping, LogLine};
use crate::ceremony::{CeremonyContext, CeremonyError, blocking};
use crate::error::Explain;
use crate::secret::{ApiKey, CirclePublicKey, Environment};
use crate::store::{Outcome, RegistrationRecord};

/// Where a public key came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOrigin {
    /// Fetched from Circle (or the simulator) with the API key.
    Circle {
        /// Circle's request id.
        request_id: String,
    },
    /// Read from a PEM file.
    File {
        /// The file.
        path: PathBuf,
    },
}

/// How a key's fingerprint compares with what this computer saw before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyComparison {
    /// The same fingerprint is on record for this app.
    Same,
    /// This app's record has another fingerprint: something between this
    /// computer and Circle may not be what it seems, or Circle changed keys.
    Different {
        /// The fingerprint on record.
        recorded: String,
    },
    /// No fingerprint on record to compare with.
    NeverSeen,
}

/// A key, where it came from, and how it compares.
#[derive(Debug, Clone)]
pub struct CheckedPublicKey {
    /// The key.
    pub key: CirclePublicKey,
    /// Where it came from.
    pub origin: KeyOrigin,
    /// How it compares with the records.
    pub comparison: KeyComparison,
}

/// Compare `fingerprint` with the records of one app (or, with no app, of
/// every app): the same as one of them, different from all of them, or
/// nothing to compare with.
pub fn compare_fingerprint(
    records: &[RegistrationRecord],
    app: Option<(Environment, &str)>,
    fingerprint: &str,
) -> KeyComparison {
    let relevant: Vec<&RegistrationRecord> = records
        .iter()
        .filter(|r| app.is_none_or(|(env, id)| r.environment == env && r.app_id == id))
        .collect();
    if relevant
        .iter()
        .any(|r| r.public_key_fingerprint == fingerprint)
    {
        KeyComparison::Same
    } else if let Some(last) = relevant.last() {
        KeyComparison::Different {
            recorded: last.public_key_fingerprint.clone(),
        }
    } else {
        KeyComparison::NeverSeen
    }
}

/// Fetch Circle's key with the API key, and compare it with the app's
/// record.
pub async fn fetch_public_key(
    ctx: &CeremonyContext,
    book: &Bookkeeping,
    api_key: &ApiKey,
    app: Option<(Environment, &str)>,
) -> Result<CheckedPublicKey, CeremonyError> {
    let answer = match ctx.circle()?.public_key(api_key).await {
        Ok(answer) => answer,
        Err(e) => {
            book.log(
                LogLine::new("public_key", Outcome::Failed)
                    .request(e.request_id().map(str::to_owned))
                    .detail(e.to_string()),
            )
            .await;
            return Err(e.into());
        }
    };
    let checked = checked(
        book,
        answer.value,
        KeyOrigin::Circle {
            request_id: answer.request_id.clone(),
        },
        app,
    )
    .await?;
    book.log(
        LogLine::new("public_key", Outcome::Succeeded)
            .request(Some(answer.request_id))
            .public_key(Some(checked.key.fingerprint()))
            .detail(comparison_words(&checked.comparison)),
    )
    .await;
    Ok(checked)
}

/// Read Circle's key from a PEM file, with no network at all, and compare
/// it with the app's record (or every record, when no app is known yet).
pub async fn import_public_key(
    book: &Bookkeeping,
    path: &Path,
    app: Option<(Environment, &str)>,
) -> Result<CheckedPublicKey, CeremonyError> {
    let read_from = path.to_path_buf();
    let parsed = blocking(move || read_key_file(&read_from)).await?;
    let key = match parsed {
        Ok(key) => key,
        Err(e) => {
            book.log(
                LogLine::new("public_key_import", Outcome::Failed)
                    .detail(format!("{}: {e}", path.display())),
            )
            .await;
            return Err(e);
        }
    };
    let checked = checked(
        book,
        key,
        KeyOrigin::File {
            path: path.to_path_buf(),
        },
        app,
    )
    .await?;
    book.log(
        LogLine::new("public_key_import", Outcome::Succeeded)
            .public_key(Some(checked.key.fingerprint()))
            .detail(format!(
                "{}; {}",
                path.display(),
                comparison_words(&checked.comparison)
            )),
    )
    .await;
    Ok(checked)
}

/// The largest key file read: a PEM of an RSA-16384 key is under 3 KiB.
const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

fn read_key_file(path: &Path) -> Result<CirclePublicKey, CeremonyError> {
    let io = |e: std::io::Error| CeremonyError::KeyFile {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_KEY_FILE_BYTES {
        return Err(CeremonyError::KeyFile {
            path: path.to_path_buf(),
            detail: crate::text::ceremony::key_file_too_large(size),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(CirclePublicKey::from_pem(&text)?)
}

async fn checked(
    book: &Bookkeeping,
    key: CirclePublicKey,
    origin: KeyOrigin,
    app: Option<(Environment, &str)>,
) -> Result<CheckedPublicKey, CeremonyError> {
    // A records file that cannot be read must not hide a changed key: the
    // comparison is then "never seen", and the failure is shown.
    let records = match book.list_records().await {
        Ok(records) => records,
        Err(e) => {
            book.note(Err(e));
            Vec::new()
        }
    };
    let comparison = compare_fingerprint(&records, app, &key.fingerprint());
    Ok(CheckedPublicKey {
        key,
        origin,
        comparison,
    })
}

fn comparison_words(comparison: &KeyComparison) -> String {
    match comparison {
        KeyComparison::Same => crate::text::ceremony::KEY_SAME_AS_RECORD.to_owned(),
        KeyComparison::Different { recorded } => {
            crate::text::ceremony::key_differs_from_record(recorded)
        }
        KeyComparison::NeverSeen => crate::text::ceremony::KEY_NEVER_SEEN.to_owned(),
    }
}
