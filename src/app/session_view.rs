//! What the screens render of each session: a copy of its non-secret state,
//! made by the worker after every command. Nothing secret is ever in it.

use crate::ceremony::steps::{CheckedPublicKey, KeyComparison, KeyOrigin};
use crate::ceremony::{CiphertextSession, Discard, Finishing, LeftBehind, RetiredDeletion};
use crate::secret::Environment;
use crate::store::{self, InProgress, RegistrationRecord};

use super::check_view::CheckView;
use super::console_view::ConsoleView;
use super::snapshot::Snapshot;

/// One session's state, as the screens see it.
#[derive(Debug, Clone)]
pub enum SessionView {
    /// The onboarding ceremony (new or resumed).
    Onboarding(Box<Snapshot>),
    /// Finishing a ceremony Circle accepted.
    Finishing(Box<FinishingView>),
    /// Ciphertexts on demand.
    Ciphertext(Box<CiphertextView>),
    /// A discard waiting for its typed confirmation.
    Discard(Box<DiscardView>),
    /// A Console ceremony.
    Console(Box<ConsoleView>),
    /// A check with Circle.
    Check(Box<CheckView>),
}

/// Finishing an accepted ceremony.
#[derive(Debug, Clone)]
pub struct FinishingView {
    /// The ceremony's journal entry (until it is closed).
    pub entry: Option<InProgress>,
    /// Whether this is a rehearsal.
    pub rehearsal: bool,
    /// A recovery file waiting in a temporary file.
    pub leftover: Option<LeftBehind>,
    /// The record, once written.
    pub record: Option<RegistrationRecord>,
    /// A bookkeeping failure to show.
    pub log_problem: Option<String>,
}

impl FinishingView {
    /// Copy what a finishing session shows.
    pub fn of(f: &Finishing) -> Self {
        Self {
            entry: f.entry().cloned(),
            rehearsal: f.is_rehearsal(),
            leftover: f.leftover().cloned(),
            record: f.record().cloned(),
            log_problem: f.log_problem(),
        }
    }
}

/// Circle's public key as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyView {
    /// SHA-256 of the SPKI DER.
    pub fingerprint: String,
    /// Its size.
    pub bits: usize,
    /// Where it came from.
    pub origin: KeyOrigin,
    /// How it compares with the records.
    pub comparison: KeyComparison,
}

impl KeyView {
    /// Copy a checked key's facts.
    pub fn of(checked: &CheckedPublicKey) -> Self {
        Self {
            fingerprint: checked.key.fingerprint(),
            bits: checked.key.bits(),
            origin: checked.origin.clone(),
            comparison: checked.comparison.clone(),
        }
    }

    /// Whether the key differs from the one on record.
    pub fn is_different(&self) -> bool {
        matches!(self.comparison, KeyComparison::Different { .. })
    }
}

/// Ciphertexts on demand for one registration.
#[derive(Debug, Clone)]
pub struct CiphertextView {
    /// The registration.
    pub record: RegistrationRecord,
    /// Whether it is a rehearsal registration.
    pub rehearsal: bool,
    /// Circle's key, once fetched or imported.
    pub key: Option<KeyView>,
    /// Whether a Different key was acknowledged.
    pub key_change_acknowledged: bool,
    /// A bookkeeping failure to show.
    pub log_problem: Option<String>,
}

impl CiphertextView {
    /// Copy what a ciphertext session shows.
    pub fn of(session: &CiphertextSession, key_change_acknowledged: bool) -> Self {
        Self {
            record: session.record().clone(),
            rehearsal: session.is_rehearsal(),
            key: session.key().map(KeyView::of),
            key_change_acknowledged,
            log_problem: session.log_problem(),
        }
    }

    /// Whether ciphertexts may be made: a key, and a changed key
    /// acknowledged.
    pub fn may_make(&self) -> bool {
        self.key
            .as_ref()
            .is_some_and(|k| !k.is_different() || self.key_change_acknowledged)
    }
}

/// What a discard deletes, for the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardKind {
    /// A secret Circle never registered.
    Unregistered,
    /// A registration's retired secret, which Circle no longer accepts.
    Retired {
        /// Whether the keychain still holds it (if not, only the record
        /// forgets it).
        in_keychain: bool,
    },
}

/// A discard waiting for the person to type the fingerprint.
#[derive(Debug, Clone)]
pub struct DiscardView {
    /// What is deleted.
    pub kind: DiscardKind,
    /// Whether it is a rehearsal secret.
    pub rehearsal: bool,
    /// The keychain account.
    pub account: String,
    /// TEST or LIVE, and the app, when the account name says.
    pub app: Option<(Environment, String)>,
    /// The fingerprint read from the keychain now.
    pub fingerprint: String,
}

impl DiscardView {
    /// Copy what a discard shows.
    pub fn of(discard: &Discard, rehearsal: bool) -> Self {
        Self {
            kind: DiscardKind::Unregistered,
            rehearsal,
            account: discard.account().to_owned(),
            app: store::parse_account(discard.account()).map(|(env, app, _)| (env, app)),
            fingerprint: discard.fingerprint().to_owned(),
        }
    }

    /// Copy what a retired secret's deletion shows.
    pub fn of_retired(deletion: &RetiredDeletion, rehearsal: bool) -> Self {
        Self {
            kind: DiscardKind::Retired {
                in_keychain: deletion.in_keychain(),
            },
            rehearsal,
            account: deletion.account().to_owned(),
            app: store::parse_account(deletion.account()).map(|(env, app, _)| (env, app)),
            fingerprint: deletion.fingerprint().to_owned(),
        }
    }

    /// Whether `typed` is the fingerprint, as the core compares it: case
    /// and spaces do not matter. The button waits for this; the core
    /// checks again.
    pub fn matches(&self, typed: &str) -> bool {
        fingerprint_matches(typed, &self.fingerprint)
    }
}

/// Whether `typed` is `fingerprint`, as the core compares them: case and
/// spaces do not matter.
pub fn fingerprint_matches(typed: &str, fingerprint: &str) -> bool {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    typed.eq_ignore_ascii_case(fingerprint)
}

impl SessionView {
    /// Whether the session is a rehearsal.
    pub fn rehearsal(&self) -> bool {
        match self {
            Self::Onboarding(s) => s.rehearsal,
            Self::Finishing(f) => f.rehearsal,
            Self::Ciphertext(c) => c.rehearsal,
            Self::Discard(d) => d.rehearsal,
            Self::Console(c) => c.rehearsal,
            Self::Check(c) => c.rehearsal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_fingerprint_matches_in_any_case_with_spaces_and_nothing_else() {
        let view = DiscardView {
            kind: DiscardKind::Unregistered,
            rehearsal: true,
            account: "test:app:pending".to_owned(),
            app: None,
            fingerprint: "0011aabbccddeeff".to_owned(),
        };
        assert!(view.matches("0011aabbccddeeff"));
        assert!(view.matches(" 0011AABB ccdd eeff "));
        for wrong in [
            "",
            "0011aabbccddeef",
            "0011aabbccddeeff0",
            "0011aabbccddeefe",
        ] {
            assert!(!view.matches(wrong), "{wrong:?}");
        }
    }
}
