//! `public-key`: Circle's entity public key, from Circle or from a PEM file,
//! with its SHA-256 fingerprint (of the DER SubjectPublicKeyInfo, as the
//! window shows it), its size, and whether it is the key on record.

use super::args::PublicKeyArgs;
use super::error::CliError;
use super::exit::Exit;
use super::{choose, no_keychain, reach, say};
use crate::ceremony::steps::{self, CheckedPublicKey, KeyComparison};
use crate::ceremony::{Bookkeeping, CeremonyError, Deps};
use crate::circle::ClientConfig;
use crate::secret::{ApiKey, Environment};
use crate::store::{CeremonyKind, RegistrationRecord};
use crate::text::cli as text;

/// What the key was compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComparedWith {
    /// The record of one app.
    App(Environment, String),
    /// Every registration on record (a key file, several registrations,
    /// and no `--app-id`).
    Every(usize),
}

/// Show the key. Exits with [`Exit::Refused`] when it differs from the
/// record, so a script can stop there.
pub fn run(
    args: PublicKeyArgs,
    runtime: &tokio::runtime::Runtime,
    circle: ClientConfig,
) -> Result<Exit, CliError> {
    // Nothing here reads a secret: the command runs with no keychain.
    let deps = no_keychain::without_keychain(&Deps::real(circle)?);
    let rehearsal = args.which.rehearsal;
    let records = choose::registrations(&deps, rehearsal)?;
    let named = match &args.which.app_id {
        Some(id) => Some(choose::one(records.clone(), Some(id), rehearsal)?),
        None => None,
    };
    let online = args.file.is_none();
    let api_key = reach::api_key(rehearsal, online, args.api_key_file.as_deref())?;
    let (checked, compared) = runtime.block_on(async {
        let app = named
            .as_ref()
            .map(|r| r.app_id.clone())
            .or_else(|| only(&records).map(|r| r.app_id));
        let (ctx, _simulator) = reach::open(&deps, rehearsal, online, app.as_deref()).await?;
        let book = Bookkeeping::new(&ctx, CeremonyKind::PublicKeyImport);
        match (&args.file, &api_key) {
            (Some(path), _) => {
                let compared = match named.or_else(|| only(&records)) {
                    Some(r) => ComparedWith::App(r.environment, r.app_id),
                    None => ComparedWith::Every(records.len()),
                };
                let app = match &compared {
                    ComparedWith::App(env, id) => Some((*env, id.as_str())),
                    ComparedWith::Every(_) => None,
                };
                let checked = steps::import_public_key(&book, path, app).await?;
                Ok((checked, compared))
            }
            (None, Some(text)) => {
                // The API key says which app's record to compare with.
                let key = ApiKey::parse(text).map_err(CeremonyError::from)?;
                let config = ctx
                    .circle()?
                    .entity_config(&key)
                    .await
                    .map_err(CeremonyError::from)?;
                let (env, app_id) = (key.environment(), config.value.app_id);
                if let Some(named) = &named
                    && (named.environment != env || named.app_id != app_id)
                {
                    return Err(CeremonyError::KeyForAnotherApp {
                        expected: text::registration_name(named),
                        found: format!("{env} {app_id}"),
                    }
                    .into());
                }
                let checked =
                    steps::fetch_public_key(&ctx, &book, &key, Some((env, app_id.as_str())))
                        .await?;
                Ok((checked, ComparedWith::App(env, app_id)))
            }
            (None, None) => Err(CliError::NoApiKey),
        }
    })?;
    say::out(&render(&checked, &compared))?;
    Ok(match checked.comparison {
        KeyComparison::Different { .. } => Exit::Refused,
        KeyComparison::Same | KeyComparison::NeverSeen => Exit::Ok,
    })
}

fn only(records: &[RegistrationRecord]) -> Option<RegistrationRecord> {
    match records {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// The report, one labelled fact per line.
pub fn render(checked: &CheckedPublicKey, compared: &ComparedWith) -> String {
    let key = &checked.key;
    let mut out = String::new();
    out.push_str(&text::key_origin_line(&checked.origin));
    out.push_str(&text::key_fingerprint_line(&key.fingerprint()));
    out.push_str(&text::key_size_line(key.bits(), key.has_expected_size()));
    let against = match compared {
        ComparedWith::App(env, id) => text::compared_app(*env, id),
        ComparedWith::Every(count) => text::compared_every(*count),
    };
    out.push_str(&text::key_record_line(&checked.comparison, &against));
    out
}
