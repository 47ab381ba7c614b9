//! Where things are kept: the OS keychain, the recovery file, non-secret records and the ceremony log.
//!
//! One concept per file:
//!
//! - [`keychain`]: the [`SecretStore`] trait, account and service names, [`StoreError`];
//! - [`keyring_store`]: the real keychain (Secret Service, macOS Keychain, Windows
//!   Credential Manager), named explicitly;
//! - [`memory_store`]: the in-memory store for tests, with failure switches;
//! - [`recovery`]: the recovery-file writer (new file, 0600, fsync, no clobbering,
//!   read back and compared);
//! - [`location`]: warnings about where the recovery file is about to go;
//! - [`records`], [`log`], [`journal`]: non-secret JSON files — what is
//!   registered, what happened, and what was left unfinished;
//! - [`handoffs`]: what the records keep of each handoff file made for the
//!   servers;
//!
//! Every call here is blocking; callers run them off the UI thread.

mod data_dir;
mod fsutil;
pub mod handoffs;
pub mod journal;
mod json_file;
pub mod keychain;
pub mod keyring_store;
pub mod location;
pub mod log;
pub mod memory_store;
pub mod records;
pub mod recovery;

pub use data_dir::{REHEARSAL_SUBDIR, default_data_dir, rehearsal_dir};
pub use handoffs::{CarriedSecret, HandoffKept, HandoffRecipient, HandoffRecord, WaitingHandoff};
pub use journal::{InProgress, Journal, RecoveryProgress, Retirement, Stage};
pub use json_file::RecordsError;
pub use keychain::{
    AccountKind, KeychainListing, Presence, ProbeReport, REHEARSAL_SERVICE, SERVICE, SecretStore,
    StoreError, account_name, parse_account, pending_account_name, retired_account_name,
};
pub use keyring_store::KeyringStore;
pub use location::{LocationNote, location_notes};
pub use log::{CeremonyKind, CeremonyLog, DamagedLine, LogContents, LogEntry, Outcome, os_user};
pub use memory_store::MemoryStore;
pub use records::{
    CheckRecord, DUE_SOON_DAYS, ROTATION_PERIOD_DAYS, Records, RecoveryWarning, RegistrationRecord,
    RetiredSecret, RotationStatus, UnverifiedReason, rotate_by, rotation_status,
};
pub use recovery::{
    PlannedWrite, RecoveryWriteError, WrittenRecovery, default_file_name, plan_write,
    plan_write_as, prove_writable, read_private, write_planned, write_planned_bytes,
    write_recovery_file,
};
