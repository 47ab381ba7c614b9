//! What this computer knows, and the one safe way forward for each item:
//! every registration with its rotation date and keychain presence, every
//! ceremony left unfinished, every keychain entry this app made that is not
//! registered. Both faces render this same view; neither decides on its own
//! what a person should do next.
//!
//! Nothing here reads a secret: keychain presence is learned without
//! decrypting (and without an unlock prompt where the platform allows).

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::Deps;
use crate::secret::{Environment, sha256_hex};
use crate::store::{
    self, AccountKind, CeremonyKind, InProgress, Journal, Presence, Records, RecoveryProgress,
    RecoveryWarning, RegistrationRecord, RetiredSecret, RotationStatus, SecretStore, Stage,
    rotation_status,
};

/// Whether a secret is in the keychain, as far as can be told without
/// reading it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", content = "detail", rename_all = "snake_case")]
pub enum KeychainPresence {
    /// It is there.
    Present,
    /// It is not.
    Missing,
    /// The keychain is locked: it is there, and unreadable until unlocked.
    Locked,
    /// The keychain could not be asked.
    Unknown(String),
}

/// Something about a registration that needs the person's attention.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Attention {
    /// The registered secret is not in this computer's keychain.
    SecretMissing,
    /// The keychain is locked; the secret could not be confirmed.
    KeychainLocked,
    /// The keychain could not be asked at all.
    KeychainUnavailable {
        /// What the keychain said.
        detail: String,
    },
    /// The recovery file is a saved answer marked UNVERIFIED, or was never
    /// saved, or is kept somewhere the person recorded by hand.
    Recovery {
        /// The warning on the record.
        warning: RecoveryWarning,
    },
    /// Rotation is due within the warning window.
    RotationDueSoon {
        /// Days left.
        days_left: i64,
    },
    /// Rotation is overdue.
    RotationOverdue {
        /// Days since the rotation date.
        days: i64,
    },
}

/// What can be done with a registration from the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationAction {
    /// Make a fresh ciphertext of its secret.
    NewCiphertext,
    /// Save the rotation reminder (.ics).
    ExportReminder,
    /// Save the ceremony record.
    ExportRecord,
}

/// One known registration.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KnownRegistration {
    /// The record.
    pub record: RegistrationRecord,
    /// Due, overdue or fine.
    #[serde(skip)]
    pub rotation: RotationStatus,
    /// Whether the keychain holds its secret.
    pub secret: KeychainPresence,
    /// Retired secrets, with whether the keychain still holds each.
    pub retired: Vec<(RetiredSecret, KeychainPresence)>,
    /// What needs attention, most serious first.
    pub attention: Vec<Attention>,
    /// What the person can do with it.
    pub actions: Vec<RegistrationAction>,
}

/// What is known about an unfinished ceremony.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Situation {
    /// It stopped before anything left this computer; its secret is staged.
    NothingSent,
    /// It stopped while storing the secret; the keychain has none.
    NothingStored,
    /// Its secret, staged and never sent, is no longer in the keychain.
    SecretGone,
    /// The registration was sent and no answer was recorded.
    SentNoAnswer,
    /// A ciphertext of the new secret was shown for Circle Console, which
    /// may or may not have accepted it.
    ShownForConsole,
    /// Circle said the account already has another secret.
    Refused,
    /// The person said Circle Console refused the new secret, or gave up.
    RefusedInConsole,
    /// Console accepted the new secret; the recovery file it gave is still
    /// to be imported and saved.
    AcceptedAwaitingRecovery,
    /// Circle said the account already has a secret, which may be this one.
    RefusedPossiblyThis,
    /// Circle accepted it; the recovery file was only in memory and is lost.
    AcceptedRecoveryLost,
    /// Circle accepted it; the recovery file's whole content is in a
    /// temporary file left beside its destination.
    AcceptedRecoveryInTemp {
        /// The temporary file.
        temp: PathBuf,
        /// Where it was going.
        target: PathBuf,
    },
    /// Circle accepted it and the recovery file is saved; the keychain move
    /// or the record is left.
    AcceptedBookkeepingLeft,
}

/// The one safe way forward for an item, or one of several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    /// Carry on the ceremony from the step after where it stopped.
    Resume,
    /// Delete the unregistered secret, after a typed confirmation of its
    /// fingerprint.
    Discard,
    /// Ask Circle whether this secret is the registered one (a call that
    /// needs the entity secret; never a blind re-send).
    CheckWithCircle,
    /// Finish what is left after Circle accepted: save the recovery file,
    /// move the secret into place, write the record.
    Finish,
    /// Remove a journal entry that has nothing behind it.
    Dismiss,
    /// Unlock the keychain, then look again.
    UnlockKeychain,
}

/// An unfinished ceremony, what is known, and what to do.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Unfinished {
    /// The journal entry.
    pub entry: InProgress,
    /// What is known.
    pub situation: Situation,
    /// Whether the keychain holds its secret.
    pub secret: KeychainPresence,
    /// The ways forward, the recommended one first.
    pub next: Vec<NextStep>,
}

/// A keychain entry this app made that is not a registration known here
/// and belongs to no unfinished ceremony.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StraySecret {
    /// Rehearsal or real.
    pub rehearsal: bool,
    /// The keychain service.
    pub service: String,
    /// The keychain account.
    pub account: String,
    /// TEST or LIVE.
    pub environment: Environment,
    /// The app.
    pub app_id: String,
    /// Staged (pending), registered-looking (active) or retired.
    #[serde(skip)]
    pub kind: AccountKind,
    /// The ways forward.
    pub next: Vec<NextStep>,
}

/// The home screen's facts.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StatusView {
    /// When it was read.
    pub read_at: Option<DateTime<Utc>>,
    /// Registrations, real first, then rehearsals.
    pub registrations: Vec<KnownRegistration>,
    /// Ceremonies that did not finish (a crash, a closed window).
    pub unfinished: Vec<Unfinished>,
    /// Keychain entries of this app that nothing explains.
    pub strays: Vec<StraySecret>,
    /// Entries in a locked keychain whose names cannot be seen.
    pub locked_entries: usize,
    /// Problems reading the records or the keychain, for a person.
    pub problems: Vec<String>,
}

impl StatusView {
    /// Read records, journals and keychain listings, real and rehearsal.
    /// Blocking: run it off the async threads.
    pub fn load(deps: &Deps) -> Self {
        let mut view = Self {
            read_at: Some(deps.clock.now()),
            ..Self::default()
        };
        for rehearsal in [false, true] {
            view.load_one(deps, rehearsal);
        }
        view
    }

    fn load_one(&mut self, deps: &Deps, rehearsal: bool) {
        let dir = deps.data_dir_for(rehearsal);
        let service = Deps::service_for(rehearsal);
        let store = (deps.stores)(service);
        let records = if dir.exists() {
            match Records::open(dir.clone()).and_then(|r| r.list()) {
                Ok(records) => records,
                Err(e) => {
                    self.problems.push(e.to_string());
                    Vec::new()
                }
            }
        } else {
            Vec::new()
        };
        let journal = if dir.exists() {
            match Journal::open(dir).and_then(|j| j.unfinished()) {
                Ok(list) => list,
                Err(e) => {
                    self.problems.push(e.to_string());
                    Vec::new()
                }
            }
        } else {
            Vec::new()
        };
        let store = match store {
            Ok(store) => Some(store),
            Err(e) => {
                // Only worth saying where there is something to look for.
                if !records.is_empty() || !journal.is_empty() {
                    self.problems.push(e.to_string());
                }
                None
            }
        };
        let presence = |account: &str| -> KeychainPresence {
            match &store {
                None => KeychainPresence::Unknown("no keychain".to_owned()),
                Some(s) => presence_of(s.as_ref(), account),
            }
        };
        let now = deps.clock.now();
        for record in &records {
            self.registrations
                .push(known_registration(record.clone(), now, &presence));
        }
        for entry in &journal {
            self.unfinished.push(unfinished(entry.clone(), &presence));
        }
        if let Some(store) = &store {
            match store.list() {
                Ok(Some(listing)) => {
                    self.locked_entries += listing.locked_unnamed;
                    self.strays.extend(strays(
                        &listing.accounts,
                        &records,
                        &journal,
                        service,
                        rehearsal,
                    ));
                }
                Ok(None) => {}
                Err(e) => {
                    if !records.is_empty() || !journal.is_empty() {
                        self.problems.push(e.to_string());
                    }
                }
            }
        }
    }

    /// Whether there is anything at all to show.
    pub fn is_empty(&self) -> bool {
        self.registrations.is_empty()
            && self.unfinished.is_empty()
            && self.strays.is_empty()
            && self.problems.is_empty()
    }
}

fn presence_of(store: &dyn SecretStore, account: &str) -> KeychainPresence {
    match store.presence(account) {
        Ok(Presence::Present) => KeychainPresence::Present,
        Ok(Presence::Absent) => KeychainPresence::Missing,
        Ok(Presence::Locked) => KeychainPresence::Locked,
        Err(store::StoreError::Locked { .. }) => KeychainPresence::Locked,
        Err(e) => KeychainPresence::Unknown(e.to_string()),
    }
}

fn known_registration(
    record: RegistrationRecord,
    now: DateTime<Utc>,
    presence: &dyn Fn(&str) -> KeychainPresence,
) -> KnownRegistration {
    let secret = presence(&record.keychain_account);
    let rotation = rotation_status(&record, now);
    let mut attention = Vec::new();
    match &secret {
        KeychainPresence::Present => {}
        KeychainPresence::Missing => attention.push(Attention::SecretMissing),
        KeychainPresence::Locked => attention.push(Attention::KeychainLocked),
        KeychainPresence::Unknown(detail) => attention.push(Attention::KeychainUnavailable {
            detail: detail.clone(),
        }),
    }
    if let Some(warning) = &record.recovery_warning {
        attention.push(Attention::Recovery {
            warning: warning.clone(),
        });
    }
    match rotation {
        RotationStatus::Overdue { days } => attention.push(Attention::RotationOverdue { days }),
        RotationStatus::DueSoon { days_left } => {
            attention.push(Attention::RotationDueSoon { days_left })
        }
        RotationStatus::Ok { .. } => {}
    }
    let mut actions = Vec::new();
    if secret == KeychainPresence::Present || secret == KeychainPresence::Locked {
        actions.push(RegistrationAction::NewCiphertext);
    }
    actions.push(RegistrationAction::ExportReminder);
    actions.push(RegistrationAction::ExportRecord);
    let retired = record
        .retired
        .iter()
        .map(|r| (r.clone(), presence(&r.keychain_account)))
        .collect();
    KnownRegistration {
        record,
        rotation,
        secret,
        retired,
        attention,
        actions,
    }
}

fn unfinished(entry: InProgress, presence: &dyn Fn(&str) -> KeychainPresence) -> Unfinished {
    use NextStep as N;
    let staged = presence(&entry.keychain_account);
    let final_secret = presence(entry.final_account());
    // After a stop during the keychain move, the new secret may already be
    // under its final name.
    let secret = if staged == KeychainPresence::Missing && entry.stage == Stage::Registered {
        final_secret
    } else {
        staged
    };
    let locked = secret == KeychainPresence::Locked;
    let (situation, mut next) = match &entry.stage {
        Stage::StoringSecret | Stage::SecretStored | Stage::DestinationChosen { .. } => {
            match (&entry.stage, &secret) {
                (_, KeychainPresence::Present | KeychainPresence::Locked) => {
                    (Situation::NothingSent, vec![N::Resume, N::Discard])
                }
                (Stage::StoringSecret, _) => (Situation::NothingStored, vec![N::Dismiss]),
                _ => (Situation::SecretGone, vec![N::Dismiss]),
            }
        }
        Stage::RegistrationSent => (Situation::SentNoAnswer, vec![N::CheckWithCircle]),
        Stage::CiphertextShown => (Situation::ShownForConsole, vec![N::Resume]),
        Stage::ConsoleRefused => (Situation::RefusedInConsole, vec![N::Discard]),
        Stage::AlreadyRegistered {
            possibly_this_secret: false,
        } => (Situation::Refused, vec![N::Discard]),
        Stage::AlreadyRegistered {
            possibly_this_secret: true,
        } => (Situation::RefusedPossiblyThis, vec![N::CheckWithCircle]),
        Stage::Registered => match accepted_situation(&entry) {
            // Console ceremonies carry on where the recovery file is
            // imported; the others only have bookkeeping left.
            Situation::AcceptedAwaitingRecovery => {
                (Situation::AcceptedAwaitingRecovery, vec![N::Resume])
            }
            other => (other, vec![N::Finish]),
        },
    };
    if locked {
        next.insert(0, N::UnlockKeychain);
    }
    Unfinished {
        entry,
        situation,
        secret,
        next,
    }
}

/// What is known of the recovery file of an accepted secret, checked on
/// disk: a journal that says "writing" may be behind a file that was in
/// fact finished, or ahead of one that never got its content.
fn accepted_situation(entry: &InProgress) -> Situation {
    match &entry.recovery {
        RecoveryProgress::Writing {
            temp,
            target,
            sha256,
            ..
        } => {
            if file_has_sha(target, sha256) {
                Situation::AcceptedBookkeepingLeft
            } else if file_has_sha(temp, sha256) {
                Situation::AcceptedRecoveryInTemp {
                    temp: temp.clone(),
                    target: target.clone(),
                }
            } else {
                Situation::AcceptedRecoveryLost
            }
        }
        RecoveryProgress::Saved { .. } | RecoveryProgress::Elsewhere { .. } => {
            Situation::AcceptedBookkeepingLeft
        }
        RecoveryProgress::None | RecoveryProgress::Held { .. } => {
            match entry.ceremony {
                // Console ceremonies: the file is where Console's download
                // put it, on the person's disk; carrying on imports it.
                CeremonyKind::Rotation
                | CeremonyKind::Reset
                | CeremonyKind::ConsoleRegistration => Situation::AcceptedAwaitingRecovery,
                _ => Situation::AcceptedRecoveryLost,
            }
        }
    }
}

/// Whether `path` holds exactly the content with this SHA-256.
pub fn file_has_sha(path: &std::path::Path, sha256: &str) -> bool {
    store::read_private(path).is_ok_and(|bytes| sha256_hex(&bytes) == sha256)
}

fn strays(
    accounts: &[String],
    records: &[RegistrationRecord],
    journal: &[InProgress],
    service: &str,
    rehearsal: bool,
) -> Vec<StraySecret> {
    let explained = |account: &str| {
        records.iter().any(|r| {
            r.keychain_account == account || r.retired.iter().any(|x| x.keychain_account == account)
        }) || journal.iter().any(|e| {
            e.keychain_account == account
                || e.final_account() == account
                || e.retire.as_ref().is_some_and(|r| r.to_account == account)
        })
    };
    accounts
        .iter()
        .filter(|a| !explained(a))
        .filter_map(|account| {
            let (environment, app_id, kind) = store::parse_account(account)?;
            let next = match kind {
                // Staged and unexplained: Circle may or may not have it.
                AccountKind::Pending => vec![NextStep::CheckWithCircle, NextStep::Discard],
                // Under an active name with no record: it may well be the
                // registered secret; never offered for deletion.
                AccountKind::Active => vec![NextStep::CheckWithCircle],
                AccountKind::Retired => vec![NextStep::Discard],
            };
            Some(StraySecret {
                rehearsal,
                service: service.to_owned(),
                account: account.clone(),
                environment,
                app_id,
                kind,
                next,
            })
        })
        .collect()
}
