//! What this machine knows at launch: registrations, their rotation status,
//! whether their secret is still in the keychain, and unfinished ceremonies.

use crate::store::{
    InProgress, Journal, Records, RegistrationRecord, RotationStatus, rotation_status,
};

use super::deps::AppDeps;

/// One known registration.
#[derive(Debug, Clone)]
pub struct KnownRegistration {
    /// The record.
    pub record: RegistrationRecord,
    /// Due, overdue or fine.
    pub rotation: RotationStatus,
    /// Whether the keychain still holds its secret (`None`: could not check).
    pub in_keychain: Option<bool>,
}

/// The start screen's facts.
#[derive(Debug, Clone, Default)]
pub struct StatusView {
    /// Registrations, real first, then rehearsals.
    pub registrations: Vec<KnownRegistration>,
    /// Ceremonies that did not finish (a crash, a closed window).
    pub unfinished: Vec<InProgress>,
    /// Problems reading the records, for a person.
    pub problems: Vec<String>,
}

impl StatusView {
    /// Read records and journals, real and rehearsal. Blocking: the worker
    /// runs it off the async threads.
    pub fn load(deps: &AppDeps) -> Self {
        let mut view = Self::default();
        let now = deps.clock.now();
        for rehearsal in [false, true] {
            let dir = deps.data_dir_for(rehearsal);
            if !dir.exists() {
                continue;
            }
            match Records::open(dir.clone()).and_then(|r| r.list()) {
                Ok(records) => {
                    for record in records {
                        let in_keychain = (deps.stores)(&record.keychain_service)
                            .ok()
                            .and_then(|store| store.get(&record.keychain_account).ok())
                            .map(|found| found.is_some());
                        view.registrations.push(KnownRegistration {
                            rotation: rotation_status(&record, now),
                            record,
                            in_keychain,
                        });
                    }
                }
                Err(e) => view.problems.push(e.to_string()),
            }
            match Journal::open(dir).and_then(|j| j.unfinished()) {
                Ok(list) => view.unfinished.extend(list),
                Err(e) => view.problems.push(e.to_string()),
            }
        }
        view
    }
}
