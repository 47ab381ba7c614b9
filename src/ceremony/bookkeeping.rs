//! What every ceremony writes down besides the keychain: its journal entry
//! (so a crash is found at the next launch), its lines in the ceremony log,
//! and the registration records — in one place, with one clock, and always
//! off the async threads.

use std::sync::{Arc, Mutex, PoisonError};

use uuid::Uuid;

use super::{CeremonyContext, CeremonyError, blocking};
use crate::clock::Clock;
use crate::store::{
    CeremonyKind, CeremonyLog, InProgress, Journal, LogEntry, Outcome, Records, RegistrationRecord,
    Stage,
};

/// One line for the ceremony log. Fingerprints and words only.
#[derive(Debug, Clone)]
pub struct LogLine {
    step: &'static str,
    outcome: Outcome,
    secret_fingerprint: Option<String>,
    public_key_fingerprint: Option<String>,
    request_id: Option<String>,
    detail: Option<String>,
}

impl LogLine {
    /// A step and how it ended.
    pub fn new(step: &'static str, outcome: Outcome) -> Self {
        Self {
            step,
            outcome,
            secret_fingerprint: None,
            public_key_fingerprint: None,
            request_id: None,
            detail: None,
        }
    }

    /// With the fingerprint of the secret involved.
    pub fn secret(mut self, fingerprint: Option<String>) -> Self {
        self.secret_fingerprint = fingerprint;
        self
    }

    /// With the fingerprint of Circle's public key.
    pub fn public_key(mut self, fingerprint: Option<String>) -> Self {
        self.public_key_fingerprint = fingerprint;
        self
    }

    /// With Circle's request id.
    pub fn request(mut self, id: Option<String>) -> Self {
        self.request_id = id;
        self
    }

    /// With words for a person (never secret material).
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// The bookkeeping of one ceremony.
pub struct Bookkeeping {
    kind: CeremonyKind,
    rehearsal: bool,
    journal: Journal,
    log: CeremonyLog,
    records: Records,
    clock: Arc<dyn Clock>,
    entry: Option<InProgress>,
    /// The last failure to write the log, records or journal after a step
    /// had happened: bookkeeping never stops a ceremony once Circle has
    /// acted, but its failure is never silent either.
    problem: Mutex<Option<String>>,
}

impl Bookkeeping {
    /// Bookkeeping for a new ceremony of `kind`; nothing is journaled until
    /// [`Self::begin`].
    pub fn new(ctx: &CeremonyContext, kind: CeremonyKind) -> Self {
        Self {
            kind,
            rehearsal: ctx.rehearsal,
            journal: ctx.journal.clone(),
            log: ctx.log.clone(),
            records: ctx.records.clone(),
            clock: Arc::clone(&ctx.clock),
            entry: None,
            problem: Mutex::new(None),
        }
    }

    /// Bookkeeping that carries on an unfinished ceremony's journal entry.
    pub fn resumed(ctx: &CeremonyContext, entry: InProgress) -> Self {
        let mut book = Self::new(ctx, entry.ceremony);
        book.entry = Some(entry);
        book
    }

    /// The ceremony's kind.
    pub fn kind(&self) -> CeremonyKind {
        self.kind
    }

    /// The journal entry, once begun.
    pub fn entry(&self) -> Option<&InProgress> {
        self.entry.as_ref()
    }

    /// Now, by the ceremony's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The registration records.
    pub fn records(&self) -> &Records {
        &self.records
    }

    /// Journal `entry` as begun. A ceremony that already has an entry (a
    /// step retried after a failure) keeps its id, so a retry never leaves
    /// a second entry behind; another ceremony's entry for the same
    /// keychain account is refused by the journal.
    pub async fn begin(&mut self, mut entry: InProgress) -> Result<(), CeremonyError> {
        if let Some(existing) = &self.entry {
            entry.id = existing.id;
            entry.started_at = existing.started_at;
        }
        let journal = self.journal.clone();
        let copy = entry.clone();
        blocking(move || journal.begin(&copy)).await??;
        self.entry = Some(entry);
        Ok(())
    }

    /// Change the entry and write it; nothing happens before [`Self::begin`].
    pub async fn update(
        &mut self,
        change: impl FnOnce(&mut InProgress),
    ) -> Result<(), CeremonyError> {
        let Some(entry) = self.entry.as_mut() else {
            return Ok(());
        };
        change(entry);
        entry.updated_at = self.clock.now();
        let journal = self.journal.clone();
        let copy = entry.clone();
        blocking(move || journal.update(&copy)).await??;
        Ok(())
    }

    /// Record how far the ceremony got with Circle. Never moves an entry
    /// that may already be registered back to an earlier stage: choosing a
    /// new destination after an unanswered registration must not make the
    /// next launch believe nothing was sent.
    pub async fn advance(&mut self, stage: Stage) -> Result<(), CeremonyError> {
        let downgrade = self
            .entry
            .as_ref()
            .is_some_and(|e| e.may_be_registered() && stage.is_before_sending());
        if downgrade {
            return Ok(());
        }
        self.update(|e| e.stage = stage).await
    }

    /// Like [`Self::update`], for after Circle has acted: a failure is kept
    /// for the screen instead of stopping the ceremony.
    pub async fn update_or_note(&mut self, change: impl FnOnce(&mut InProgress)) {
        let result = self.update(change).await;
        self.note(result);
    }

    /// The ceremony ended (either way): remove its journal entry. A failure
    /// only leaves a stale entry, which the next launch explains; it is
    /// logged and kept for the screen.
    pub async fn finish(&mut self) {
        let Some(entry) = self.entry.take() else {
            return;
        };
        let journal = self.journal.clone();
        let result = blocking(move || journal.finish(entry.id))
            .await
            .and_then(|r| r.map_err(CeremonyError::from));
        if let Err(e) = result {
            self.log(
                LogLine::new("journal", Outcome::Failed).detail(format!("could not close: {e}")),
            )
            .await;
            self.note(Err(e));
        }
    }

    /// Add or replace the record of a registration.
    pub async fn upsert_record(&self, record: RegistrationRecord) -> Result<(), CeremonyError> {
        let records = self.records.clone();
        blocking(move || records.upsert(&record)).await??;
        Ok(())
    }

    /// Every registration record.
    pub async fn list_records(&self) -> Result<Vec<RegistrationRecord>, CeremonyError> {
        let records = self.records.clone();
        Ok(blocking(move || records.list()).await??)
    }

    /// Log that a new secret is ready, and whether it was imported or
    /// generated here: every ceremony that makes one says it the same way.
    pub async fn secret_made(&self, imported: bool, fingerprint: &str) {
        let step = if imported {
            "import_secret"
        } else {
            "generate_secret"
        };
        self.log(LogLine::new(step, Outcome::Succeeded).secret(Some(fingerprint.to_owned())))
            .await;
    }

    /// Append a line to the ceremony log. The log is a record for people,
    /// not a step of the ceremony: a failure to append never stops a
    /// ceremony half-way, and is kept for the screen instead.
    pub async fn log(&self, line: LogLine) {
        let mut entry = LogEntry::new(
            self.clock.now(),
            self.rehearsal,
            self.kind,
            line.step,
            line.outcome,
        );
        entry.secret_fingerprint = line.secret_fingerprint;
        entry.public_key_fingerprint = line.public_key_fingerprint;
        entry.request_id = line.request_id;
        entry.detail = line.detail;
        entry.ceremony_id = self.entry.as_ref().map(|e| e.id);
        let log = self.log.clone();
        let result = blocking(move || log.append(&entry))
            .await
            .and_then(|r| r.map_err(CeremonyError::from));
        self.note(result);
    }

    /// Keep a bookkeeping failure for the screen.
    pub fn note(&self, result: Result<(), CeremonyError>) {
        if let Err(e) = result {
            *self.problem.lock().unwrap_or_else(PoisonError::into_inner) = Some(e.to_string());
        }
    }

    /// The last bookkeeping failure, if any.
    pub fn problem(&self) -> Option<String> {
        self.problem
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// A fresh id for a new entry.
    pub fn new_id() -> Uuid {
        Uuid::new_v4()
    }
}
