//! The handoff to servers as a ceremony: the secret read from the keychain
//! (a registration's active one, or the new one of a rotation or reset not
//! yet accepted), encrypted with age to the recipients, written as a new
//! private file that is read back, then logged and recorded with the
//! recipients' fingerprints and names and the file's SHA-256 and place.
//! Never the secret.

use std::path::PathBuf;

use uuid::Uuid;

use super::bookkeeping::{Bookkeeping, LogLine};
use super::steps::read_secret;
use super::{CeremonyContext, CeremonyError, blocking};
use crate::handoff::{
    self, HandoffError, HandoffFile, HandoffFormat, PendingRefusal, Recipient, RecipientsError,
};
use crate::secret::Environment;
use crate::store::{
    self, CarriedSecret, CeremonyKind, HandoffKept, HandoffRecord, InProgress, Outcome,
    RegistrationRecord, Stage,
};

/// The stem of a handoff file's hidden temporary name while it is written.
const TEMP_STEM: &str = "entity-secret-handoff";

/// Which secret is handed over.
#[derive(Debug, Clone)]
pub enum HandoffTarget {
    /// A registration's active secret.
    Registration(RegistrationRecord),
    /// The new secret of an unfinished ceremony (a rotation, a reset, a
    /// registration through Console), from its journal entry: prepared for
    /// the servers before Console switches.
    Pending(InProgress),
}

impl HandoffTarget {
    /// TEST or LIVE.
    pub fn environment(&self) -> Environment {
        match self {
            Self::Registration(r) => r.environment,
            Self::Pending(e) => e.environment,
        }
    }

    /// Circle's app id.
    pub fn app_id(&self) -> &str {
        match self {
            Self::Registration(r) => &r.app_id,
            Self::Pending(e) => &e.app_id,
        }
    }

    /// The fingerprint of the secret handed over.
    pub fn secret_fingerprint(&self) -> &str {
        match self {
            Self::Registration(r) => &r.secret_fingerprint,
            Self::Pending(e) => &e.secret_fingerprint,
        }
    }

    /// Whether this is the new secret of a ceremony under way.
    pub fn is_pending(&self) -> bool {
        matches!(self, Self::Pending(_))
    }

    /// The keychain account the secret is under now.
    fn account(&self) -> &str {
        match self {
            Self::Registration(r) => &r.keychain_account,
            Self::Pending(e) if e.promoted => e.final_account(),
            Self::Pending(e) => &e.keychain_account,
        }
    }

    fn carried(&self) -> CarriedSecret {
        match self {
            Self::Registration(_) => CarriedSecret::Active,
            Self::Pending(e) => CarriedSecret::Pending {
                ceremony_id: e.id,
                ceremony: e.ceremony,
            },
        }
    }
}

/// What to write: to whom, how, where.
#[derive(Debug, Clone)]
pub struct HandoffRequest {
    /// Who can open the file ([`handoff::parse_recipients`]).
    pub recipients: Vec<Recipient>,
    /// Binary or armored.
    pub format: HandoffFormat,
    /// Where the new file goes; nothing may be there.
    pub path: PathBuf,
}

/// A handoff file written, read back and recorded.
#[derive(Debug, Clone)]
pub struct Handed {
    /// What was recorded (its path, SHA-256, recipients).
    pub record: HandoffRecord,
    /// Where the record was kept; `None` when recording failed (the file
    /// is safe; [`HandoffSession::log_problem`] says what failed).
    pub kept: Option<HandoffKept>,
    /// The recipients, for the opening command's key.
    pub kinds: Vec<handoff::RecipientKind>,
}

impl Handed {
    /// Everything the person reads now ([`crate::text::handoff::report`]).
    pub fn report(&self) -> String {
        crate::text::handoff::report(&self.record, &self.kinds)
    }
}

/// Handing one secret to the servers.
pub struct HandoffSession {
    ctx: CeremonyContext,
    target: HandoffTarget,
    book: Bookkeeping,
}

impl HandoffSession {
    /// A session for `target`. The new secret of a ceremony is refused
    /// while it is not stored yet and once it was refused by Console.
    pub fn new(ctx: CeremonyContext, target: HandoffTarget) -> Result<Self, HandoffError> {
        let book = match &target {
            HandoffTarget::Registration(_) => Bookkeeping::new(&ctx, CeremonyKind::Handoff),
            HandoffTarget::Pending(entry) => {
                if let Some(refusal) = pending_refusal(&entry.stage) {
                    return Err(HandoffError::PendingNotHanded(refusal));
                }
                // Its lines in the log go with the ceremony's (same kind and
                // id); the journal entry itself is never written from here.
                Bookkeeping::resumed(&ctx, entry.clone())
            }
        };
        Ok(Self { ctx, target, book })
    }

    /// Which secret.
    pub fn target(&self) -> &HandoffTarget {
        &self.target
    }

    /// Whether this is a rehearsal.
    pub fn is_rehearsal(&self) -> bool {
        self.ctx.rehearsal
    }

    /// The name the file is offered under ([`handoff::default_file_name`]).
    pub fn default_file_name(&self) -> String {
        handoff::default_file_name(
            self.target.environment(),
            self.target.app_id(),
            self.target.secret_fingerprint(),
            self.ctx.rehearsal,
        )
    }

    /// A bookkeeping failure to show, if any (the file itself is safe).
    pub fn log_problem(&self) -> Option<String> {
        self.book.problem()
    }

    /// Read the secret, encrypt it to the recipients, write the file (new,
    /// owner-only, synced, read back), then log and record it. A failure
    /// before the file is in place leaves nothing behind; one while
    /// recording is kept for [`Self::log_problem`] and the file is handed.
    pub async fn hand_off(&self, request: HandoffRequest) -> Result<Handed, HandoffError> {
        let HandoffRequest {
            mut recipients,
            format,
            path,
        } = request;
        // The log and the record say where the file is for later, from
        // anywhere: a relative path would mean nothing then.
        let path = std::path::absolute(&path).unwrap_or(path);
        dedup_by_key(&mut recipients);
        if recipients.is_empty() {
            return Err(RecipientsError::NoRecipients.into());
        }
        if recipients.len() > handoff::MAX_RECIPIENTS {
            return Err(RecipientsError::TooMany {
                count: recipients.len(),
            }
            .into());
        }
        let fingerprint = self.target.secret_fingerprint().to_owned();
        self.book
            .log(
                LogLine::new("handoff", Outcome::Started)
                    .secret(Some(fingerprint.clone()))
                    .detail(describe(&recipients, format, &path)),
            )
            .await;
        let result = self.write(&recipients, format, path.clone()).await;
        let (sha256, path) = match result {
            Ok(written) => written,
            Err(e) => {
                self.book
                    .log(
                        LogLine::new("handoff", Outcome::Failed)
                            .secret(Some(fingerprint))
                            .detail(e.to_string()),
                    )
                    .await;
                return Err(e);
            }
        };
        let record = HandoffRecord {
            id: Uuid::new_v4(),
            at: self.book.now(),
            secret_fingerprint: fingerprint.clone(),
            carried: self.target.carried(),
            path,
            sha256,
            armored: format.is_armored(),
            recipients: recipients.iter().map(Recipient::to_record).collect(),
        };
        let kept = self.record(&record).await;
        self.book
            .log(
                LogLine::new("handoff", Outcome::Succeeded)
                    .secret(Some(fingerprint))
                    .detail(format!(
                        "{} sha256 {}",
                        describe(&recipients, format, &record.path),
                        record.sha256
                    )),
            )
            .await;
        Ok(Handed {
            record,
            kept,
            kinds: recipients.iter().map(Recipient::kind).collect(),
        })
    }

    /// The secret from the keychain, sealed and written; the file's
    /// SHA-256 and place.
    async fn write(
        &self,
        recipients: &[Recipient],
        format: HandoffFormat,
        path: PathBuf,
    ) -> Result<(String, PathBuf), HandoffError> {
        let secret = read_secret(
            &self.ctx,
            self.target.account(),
            Some(self.target.secret_fingerprint()),
        )
        .await?;
        let recipients = recipients.to_vec();
        let written = blocking(move || -> Result<_, HandoffError> {
            let sealed = handoff::seal(&secret, &recipients, format)?;
            drop(secret);
            let plan = store::plan_write_as(&path, TEMP_STEM)?;
            Ok(store::write_planned_bytes(&plan, &sealed)?)
        })
        .await??;
        Ok((written.sha256, written.path))
    }

    /// Keep `record` on the app's record (or waiting for it). A failure is
    /// noted and logged, never a reason to call the written file a failure.
    async fn record(&self, record: &HandoffRecord) -> Option<HandoffKept> {
        let records = self.ctx.records.clone();
        let environment = self.target.environment();
        let app_id = self.target.app_id().to_owned();
        let copy = record.clone();
        let result = blocking(move || records.add_handoff(environment, &app_id, copy))
            .await
            .and_then(|r| r.map_err(CeremonyError::from));
        match result {
            Ok(kept) => Some(kept),
            Err(e) => {
                self.book
                    .log(
                        LogLine::new("handoff_record", Outcome::Failed)
                            .secret(Some(record.secret_fingerprint.clone()))
                            .detail(e.to_string()),
                    )
                    .await;
                self.book.note(Err(e));
                None
            }
        }
    }
}

/// Every handoff file recorded for one app, with what it carries now: for
/// the Done screen of a rotation or reset (which files carry the new
/// secret, which a retired one) and for the registration's facts.
pub async fn handoff_files(
    ctx: &CeremonyContext,
    environment: Environment,
    app_id: &str,
) -> Result<Vec<HandoffFile>, CeremonyError> {
    let records = ctx.records.clone();
    let journal = ctx.journal.clone();
    let app_id = app_id.to_owned();
    blocking(move || -> Result<_, CeremonyError> {
        let all = records.list()?;
        let waiting = records.waiting_handoffs()?;
        let unfinished = journal.unfinished()?;
        Ok(handoff::handoff_files(
            environment,
            &app_id,
            &all,
            &waiting,
            &unfinished,
        ))
    })
    .await?
}

/// Why the new secret of a ceremony at `stage` is not handed over, if it
/// is not.
fn pending_refusal(stage: &Stage) -> Option<PendingRefusal> {
    match stage {
        Stage::StoringSecret => Some(PendingRefusal::NotStored),
        Stage::ConsoleRefused
        | Stage::AlreadyRegistered {
            possibly_this_secret: false,
        } => Some(PendingRefusal::Refused),
        Stage::SecretStored
        | Stage::DestinationChosen { .. }
        | Stage::RegistrationSent
        | Stage::CiphertextShown
        | Stage::Registered
        | Stage::AlreadyRegistered {
            possibly_this_secret: true,
        } => None,
    }
}

/// The same key given twice counts once (the first name is kept).
fn dedup_by_key(recipients: &mut Vec<Recipient>) {
    let mut seen = std::collections::HashSet::new();
    recipients.retain(|r| seen.insert(r.public_key().to_owned()));
}

/// For the log: who, how and where.
fn describe(recipients: &[Recipient], format: HandoffFormat, path: &std::path::Path) -> String {
    let who: Vec<String> = recipients
        .iter()
        .map(|r| match r.name() {
            Some(name) => format!("{} {} ({name})", r.kind().slug(), r.fingerprint()),
            None => format!("{} {}", r.kind().slug(), r.fingerprint()),
        })
        .collect();
    format!(
        "{} file {} to {}",
        if format.is_armored() {
            "armored"
        } else {
            "binary"
        },
        path.display(),
        who.join(", ")
    )
}
