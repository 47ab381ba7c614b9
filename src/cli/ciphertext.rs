//! `ciphertext`: a fresh, single-use ciphertext of a registered secret, and
//! nothing else on stdout, so that `$(entity-secret-wizard ciphertext)`
//! is the value a Console form or an API call wants.

use super::args::CiphertextArgs;
use super::error::CliError;
use super::exit::Exit;
use super::{choose, reach, say};
use crate::ceremony::steps::{CheckedPublicKey, KeyComparison};
use crate::ceremony::{CiphertextSession, Deps};
use crate::circle::ClientConfig;
use crate::text::cli as text;

/// Make one ciphertext and print it.
pub fn run(
    args: CiphertextArgs,
    runtime: &tokio::runtime::Runtime,
    circle: ClientConfig,
) -> Result<Exit, CliError> {
    let deps = Deps::real(circle)?;
    let rehearsal = args.which.rehearsal;
    let record = choose::named(&deps, &args.which)?;
    let online = args.public_key.is_none();
    let api_key = reach::api_key(rehearsal, online, args.api_key_file.as_deref())?;
    let wire = runtime.block_on(async {
        let (ctx, _simulator) =
            reach::open(&deps, rehearsal, online, Some(record.app_id.as_str())).await?;
        let mut session = CiphertextSession::new(ctx, record);
        let checked = match (&args.public_key, &api_key) {
            (Some(path), _) => session.import_key(path).await?,
            (None, Some(key)) => session.fetch_key(key).await?,
            (None, None) => return Err(CliError::NoApiKey),
        };
        trust(checked, args.accept_key.as_deref())?;
        let ciphertext = session.make().await?;
        if let Some(problem) = session.log_problem() {
            say::warning(&text::bookkeeping_problem(&problem));
        }
        Ok(ciphertext.into_wire())
    })?;
    say::out(&format!("{wire}\n"))?;
    Ok(Exit::Ok)
}

/// Whether the secret may be encrypted with this key. A key other than the
/// one on record could be anybody's, and a ciphertext made with it hands
/// the secret to whoever holds its private half: it is used only when the
/// person names its exact fingerprint with `--accept-key`.
fn trust(checked: &CheckedPublicKey, accepted: Option<&str>) -> Result<(), CliError> {
    let found = checked.key.fingerprint();
    if !checked.key.has_expected_size() {
        say::warning(&text::unusual_key_size(checked.key.bits()));
    }
    match (accepted, &checked.comparison) {
        (Some(given), comparison) => {
            if same_fingerprint(given, &found) {
                if let KeyComparison::Different { recorded } = comparison {
                    say::warning(&text::key_change_accepted(recorded, &found));
                }
                Ok(())
            } else {
                Err(CliError::AcceptedKeyDiffers {
                    given: given.to_owned(),
                    found,
                })
            }
        }
        (None, KeyComparison::Different { recorded }) => Err(CliError::KeyChanged {
            recorded: recorded.clone(),
            found,
        }),
        (None, KeyComparison::Same | KeyComparison::NeverSeen) => Ok(()),
    }
}

/// Fingerprints compared as a person types them: any case, with or without
/// colons and spaces. Only a whole fingerprint matches, never a prefix.
fn same_fingerprint(given: &str, found: &str) -> bool {
    let canonical = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, ':' | ' '))
            .flat_map(char::to_uppercase)
            .collect()
    };
    !given.trim().is_empty() && canonical(given) == canonical(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_matches_whatever_its_case_and_colons_but_never_a_prefix() {
        let found = "AB:CD:EF:01";
        assert!(same_fingerprint("ab:cd:ef:01", found));
        assert!(same_fingerprint("ABCDEF01", found));
        assert!(same_fingerprint("ab cd ef 01", found));
        assert!(!same_fingerprint("AB:CD:EF", found));
        assert!(!same_fingerprint("", ""));
        assert!(!same_fingerprint("AB:CD:EF:02", found));
    }
}
