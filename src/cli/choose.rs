//! Which registration a command acts on: the one `--app-id` names, or the
//! only one known.

use super::args::WhichRegistration;
use super::error::CliError;
use crate::ceremony::Deps;
use crate::store::{Records, RegistrationRecord};
use crate::text::cli as text;

/// The registrations known for real ceremonies or for rehearsals, read
/// without creating the data folder when there is none.
pub fn registrations(deps: &Deps, rehearsal: bool) -> Result<Vec<RegistrationRecord>, CliError> {
    let dir = deps.data_dir_for(rehearsal);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    Ok(Records::open(dir)?.list()?)
}

/// The registration `--app-id` and `--rehearsal` name ([`one`] of
/// [`registrations`]).
pub fn named(deps: &Deps, which: &WhichRegistration) -> Result<RegistrationRecord, CliError> {
    one(
        registrations(deps, which.rehearsal)?,
        which.app_id.as_deref(),
        which.rehearsal,
    )
}

/// The registration of `app_id`, or with none given, the only one there is.
pub fn one(
    records: Vec<RegistrationRecord>,
    app_id: Option<&str>,
    rehearsal: bool,
) -> Result<RegistrationRecord, CliError> {
    let known = || records.iter().map(text::registration_name).collect();
    match app_id {
        Some(id) => {
            let matching: Vec<&RegistrationRecord> =
                records.iter().filter(|r| r.app_id == id).collect();
            match matching.as_slice() {
                [only] => Ok((*only).clone()),
                [] if records.is_empty() => Err(CliError::NoRegistration { rehearsal }),
                [] => Err(CliError::UnknownApp {
                    app_id: id.to_owned(),
                    known: known(),
                    rehearsal,
                }),
                // The same app id under TEST and LIVE cannot come from
                // Circle, but records are files a person can edit.
                _ => Err(CliError::SeveralRegistrations {
                    known: known(),
                    rehearsal,
                }),
            }
        }
        None => match records.as_slice() {
            [only] => Ok(only.clone()),
            [] => Err(CliError::NoRegistration { rehearsal }),
            _ => Err(CliError::SeveralRegistrations {
                known: known(),
                rehearsal,
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Environment;
    use chrono::Utc;

    fn record(app_id: &str) -> RegistrationRecord {
        RegistrationRecord {
            rehearsal: false,
            environment: Environment::Test,
            app_id: app_id.to_owned(),
            secret_fingerprint: "0011223344556677".to_owned(),
            public_key_fingerprint: "AB:CD".to_owned(),
            registered_at: Utc::now(),
            rotate_by: Utc::now(),
            recovery_sha256: None,
            recovery_path: None,
            keychain_service: "s".to_owned(),
            keychain_account: format!("test:{app_id}"),
            recovery_warning: None,
            ceremony: None,
            retired: Vec::new(),
            last_check: None,
            handoffs: Vec::new(),
        }
    }

    #[test]
    fn the_only_registration_needs_no_app_id() {
        assert_eq!(one(vec![record("a")], None, false).unwrap().app_id, "a");
    }

    #[test]
    fn several_need_an_app_id_and_an_unknown_one_is_not_found() {
        let two = vec![record("a"), record("b")];
        assert!(matches!(
            one(two.clone(), None, false),
            Err(CliError::SeveralRegistrations { known, .. }) if known.len() == 2
        ));
        assert_eq!(one(two.clone(), Some("b"), false).unwrap().app_id, "b");
        assert!(matches!(
            one(two, Some("c"), false),
            Err(CliError::UnknownApp { .. })
        ));
        assert!(matches!(
            one(Vec::new(), Some("c"), true),
            Err(CliError::NoRegistration { rehearsal: true })
        ));
    }
}
