//! An in-memory secret store for tests, with switches that make the next call
//! fail. The product never uses it, least of all as a fallback when the OS
//! keychain is missing.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use zeroize::Zeroizing;

use super::keychain::{
    KeychainListing, Presence, ProbeReport, RawEntries, SecretStore, StoreError, get_secret,
    probe_store, put_secret,
};
use crate::secret::EntitySecret;

/// The name [`MemoryStore::backend_name`] reports.
pub const MEMORY_BACKEND_NAME: &str = "In-memory test store";

/// Failures armed for the next call of each kind.
#[derive(Debug, Default)]
struct Faults {
    put: Option<StoreError>,
    get: Option<StoreError>,
    delete: Option<StoreError>,
    probe: Option<StoreError>,
    /// Accept the next raw write but keep nothing, as a broken keychain
    /// might: exercises the read-back check itself.
    drop_next_write: bool,
    /// Behave like a locked keychain until unlocked: every read and write
    /// fails with `Locked`, while presence and listing still answer.
    locked: bool,
}

/// Entity secrets kept in process memory (zeroized when removed or dropped).
///
/// Behaves like [`super::KeyringStore`]: the same refusal to replace a
/// different secret, the same read-back check and the same damaged-entry
/// error, because both sit on the same policy code.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Zeroizing<String>>>,
    faults: Mutex<Faults>,
    /// How many times a secret was read (decrypted, on a real keychain).
    reads: std::sync::atomic::AtomicUsize,
    /// While true, writes wait (a slow keychain, at a moment a test picks).
    held: Mutex<bool>,
    released: Condvar,
}

/// Lock, carrying on after a panic elsewhere: the map stays consistent
/// because every critical section is a single insert, get or remove.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Make the next [`SecretStore::put`] fail with `error` (once).
    pub fn fail_next_put(&self, error: StoreError) {
        lock(&self.faults).put = Some(error);
    }

    /// Make the next [`SecretStore::get`] fail with `error` (once).
    pub fn fail_next_get(&self, error: StoreError) {
        lock(&self.faults).get = Some(error);
    }

    /// Make the next [`SecretStore::delete`] fail with `error` (once).
    pub fn fail_next_delete(&self, error: StoreError) {
        lock(&self.faults).delete = Some(error);
    }

    /// Make the next [`SecretStore::probe`] fail with `error` (once).
    pub fn fail_next_probe(&self, error: StoreError) {
        lock(&self.faults).probe = Some(error);
    }

    /// Silently lose the next write, so that a `put` meets its read-back
    /// check (and fails with [`StoreError::ReadBackMismatch`]).
    pub fn drop_next_write(&self) {
        lock(&self.faults).drop_next_write = true;
    }

    /// Put arbitrary text under `account`, bypassing every check: for tests
    /// of damaged entries.
    pub fn insert_raw(&self, account: &str, text: &str) {
        lock(&self.entries).insert(account.to_owned(), Zeroizing::new(text.to_owned()));
    }

    /// Lock (or unlock) the store: while locked, reading or writing a
    /// secret fails with [`StoreError::Locked`], as a locked keyring does.
    pub fn set_locked(&self, locked: bool) {
        lock(&self.faults).locked = locked;
    }

    /// Make every write wait until [`MemoryStore::release_writes`], as a
    /// keychain waiting on an unlock prompt does.
    pub fn hold_writes(&self) {
        *lock(&self.held) = true;
    }

    /// Let held writes (and later ones) go on.
    pub fn release_writes(&self) {
        *lock(&self.held) = false;
        self.released.notify_all();
    }

    /// How many secrets were read so far: a status check must read none.
    pub fn secret_reads(&self) -> usize {
        self.reads.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Whether there is an entry under `account`.
    pub fn contains(&self, account: &str) -> bool {
        lock(&self.entries).contains_key(account)
    }

    /// The accounts that have entries, sorted.
    pub fn accounts(&self) -> Vec<String> {
        let mut out: Vec<String> = lock(&self.entries).keys().cloned().collect();
        out.sort();
        out
    }
}

impl RawEntries for MemoryStore {
    fn read_raw(&self, account: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
        self.refuse_if_locked()?;
        self.reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(lock(&self.entries).get(account).cloned())
    }

    fn write_raw(&self, account: &str, hex: &str) -> Result<(), StoreError> {
        let mut held = lock(&self.held);
        while *held {
            held = self
                .released
                .wait(held)
                .unwrap_or_else(PoisonError::into_inner);
        }
        drop(held);
        self.refuse_if_locked()?;
        if std::mem::take(&mut lock(&self.faults).drop_next_write) {
            return Ok(());
        }
        lock(&self.entries).insert(account.to_owned(), Zeroizing::new(hex.to_owned()));
        Ok(())
    }

    fn delete_raw(&self, account: &str) -> Result<(), StoreError> {
        self.refuse_if_locked()?;
        lock(&self.entries).remove(account);
        Ok(())
    }
}

impl MemoryStore {
    fn refuse_if_locked(&self) -> Result<(), StoreError> {
        if lock(&self.faults).locked {
            return Err(StoreError::Locked {
                detail: crate::text::keychain::MEMORY_STORE_LOCKED.to_owned(),
            });
        }
        Ok(())
    }
}

impl SecretStore for MemoryStore {
    fn backend_name(&self) -> String {
        MEMORY_BACKEND_NAME.to_owned()
    }

    fn put(&self, account: &str, secret: &EntitySecret) -> Result<(), StoreError> {
        if let Some(e) = lock(&self.faults).put.take() {
            return Err(e);
        }
        put_secret(self, account, secret)
    }

    fn get(&self, account: &str) -> Result<Option<EntitySecret>, StoreError> {
        if let Some(e) = lock(&self.faults).get.take() {
            return Err(e);
        }
        get_secret(self, account)
    }

    fn delete(&self, account: &str) -> Result<(), StoreError> {
        if let Some(e) = lock(&self.faults).delete.take() {
            return Err(e);
        }
        self.delete_raw(account)
    }

    fn probe(&self) -> Result<ProbeReport, StoreError> {
        if let Some(e) = lock(&self.faults).probe.take() {
            return Err(e);
        }
        probe_store(self, self.backend_name())
    }

    fn presence(&self, account: &str) -> Result<Presence, StoreError> {
        let present = lock(&self.entries).contains_key(account);
        Ok(match (present, lock(&self.faults).locked) {
            (false, _) => Presence::Absent,
            (true, false) => Presence::Present,
            (true, true) => Presence::Locked,
        })
    }

    fn list(&self) -> Result<Option<KeychainListing>, StoreError> {
        // Like the Secret Service, a locked store still shows that entries
        // exist, but not their names.
        if lock(&self.faults).locked {
            return Ok(Some(KeychainListing {
                accounts: Vec::new(),
                locked_unnamed: lock(&self.entries).len(),
            }));
        }
        Ok(Some(KeychainListing {
            accounts: self.accounts(),
            locked_unnamed: 0,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_delete() {
        let store = MemoryStore::new();
        let s = EntitySecret::generate();
        assert_eq!(store.get("test:a").unwrap(), None);
        store.put("test:a", &s).unwrap();
        assert_eq!(store.get("test:a").unwrap(), Some(s.duplicate()));
        store.delete("test:a").unwrap();
        assert_eq!(store.get("test:a").unwrap(), None);
        // Deleting a missing entry is fine.
        store.delete("test:a").unwrap();
    }

    #[test]
    fn never_replaces_a_different_secret() {
        let store = MemoryStore::new();
        let first = EntitySecret::generate();
        let second = EntitySecret::generate();
        store.put("test:a", &first).unwrap();
        // The same secret again is a no-op.
        store.put("test:a", &first.duplicate()).unwrap();
        let err = store.put("test:a", &second).unwrap_err();
        assert_eq!(
            err,
            StoreError::WouldOverwrite {
                account: "test:a".into(),
                existing_fingerprint: first.fingerprint(),
            }
        );
        assert_eq!(store.get("test:a").unwrap(), Some(first));
        // Other accounts are independent.
        store.put("test:a:pending", &second).unwrap();
    }

    #[test]
    fn damaged_entries_are_errors_not_none_and_are_not_replaced() {
        let store = MemoryStore::new();
        store.insert_raw("test:a", "not a secret");
        let err = store.get("test:a").unwrap_err();
        assert_eq!(
            err,
            StoreError::Damaged {
                account: "test:a".into()
            }
        );
        assert!(err.to_string().contains("damaged"));
        let err = store.put("test:a", &EntitySecret::generate()).unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }));
        store.delete("test:a").unwrap();
        store.put("test:a", &EntitySecret::generate()).unwrap();
    }

    #[test]
    fn a_lost_write_fails_the_read_back() {
        let store = MemoryStore::new();
        store.drop_next_write();
        let err = store.put("test:a", &EntitySecret::generate()).unwrap_err();
        assert_eq!(
            err,
            StoreError::ReadBackMismatch {
                account: "test:a".into()
            }
        );
        assert!(!store.contains("test:a"));
        store.put("test:a", &EntitySecret::generate()).unwrap();
    }

    #[test]
    fn injected_failures_fire_once() {
        let store = MemoryStore::new();
        let s = EntitySecret::generate();
        let locked = StoreError::Locked {
            detail: "test".into(),
        };

        store.fail_next_put(locked.clone());
        assert_eq!(store.put("test:a", &s).unwrap_err(), locked);
        assert!(!store.contains("test:a"));
        store.put("test:a", &s).unwrap();

        store.fail_next_get(StoreError::Platform { detail: "x".into() });
        assert!(store.get("test:a").is_err());
        assert!(store.get("test:a").unwrap().is_some());

        store.fail_next_delete(locked.clone());
        assert_eq!(store.delete("test:a").unwrap_err(), locked);
        assert!(store.contains("test:a"));

        let none = StoreError::NoSecretService { detail: "x".into() };
        store.fail_next_probe(none.clone());
        assert_eq!(store.probe().unwrap_err(), none);
        assert_eq!(store.probe().unwrap().backend, MEMORY_BACKEND_NAME);
    }

    #[test]
    fn probe_leaves_nothing_behind() {
        let store = MemoryStore::new();
        let report = store.probe().unwrap();
        assert_eq!(report.backend, "In-memory test store");
        assert!(store.accounts().is_empty());
        store.drop_next_write();
        assert!(matches!(
            store.probe().unwrap_err(),
            StoreError::ReadBackMismatch { .. }
        ));
        assert!(store.accounts().is_empty());
    }

    #[test]
    fn a_locked_store_answers_presence_without_reading() {
        let store = MemoryStore::new();
        store.put("test:a", &EntitySecret::generate()).unwrap();
        let reads = store.secret_reads();
        store.set_locked(true);
        assert_eq!(store.presence("test:a").unwrap(), Presence::Locked);
        assert_eq!(store.presence("test:b").unwrap(), Presence::Absent);
        assert_eq!(store.list().unwrap().unwrap().locked_unnamed, 1);
        assert!(matches!(
            store.get("test:a"),
            Err(StoreError::Locked { .. })
        ));
        store.set_locked(false);
        assert_eq!(store.presence("test:a").unwrap(), Presence::Present);
        assert_eq!(store.list().unwrap().unwrap().accounts, vec!["test:a"]);
        assert_eq!(
            store.secret_reads(),
            reads,
            "presence and listing read nothing"
        );
    }
}
