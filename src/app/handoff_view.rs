//! What the handoff panel renders: the worker's copy of the handoff
//! session (which secret, the offered file name, the file once written)
//! and what the person chose (recipients, their names, the format, typed
//! paths). Nothing here is secret: recipients are public keys parsed and
//! written out again, never the text they came from.

use crate::ceremony::{Handed, HandoffSession, HandoffTarget};
use crate::handoff::{HandoffFile, HandoffFormat, Recipient};
use crate::secret::Environment;
use crate::store::CeremonyKind;

use super::widgets::ErrorView;

/// A handoff session as the panel sees it.
#[derive(Debug, Clone)]
pub struct HandoffView {
    /// TEST or LIVE.
    pub environment: Environment,
    /// Circle's app id.
    pub app_id: String,
    /// The fingerprint of the secret handed over.
    pub secret_fingerprint: String,
    /// The ceremony whose new secret it is, when it is not the registered
    /// one yet.
    pub pending: Option<CeremonyKind>,
    /// Whether this is a rehearsal.
    pub rehearsal: bool,
    /// The name the file is offered under.
    pub default_file_name: String,
    /// The file, once written, read back and recorded.
    pub handed: Option<Handed>,
    /// A bookkeeping failure to show (the file itself is safe).
    pub log_problem: Option<String>,
}

impl HandoffView {
    /// Copy what a handoff session shows.
    pub fn of(session: &HandoffSession, handed: Option<Handed>) -> Self {
        let target = session.target();
        Self {
            environment: target.environment(),
            app_id: target.app_id().to_owned(),
            secret_fingerprint: target.secret_fingerprint().to_owned(),
            pending: match target {
                HandoffTarget::Registration(_) => None,
                HandoffTarget::Pending(entry) => Some(entry.ceremony),
            },
            rehearsal: session.is_rehearsal(),
            default_file_name: session.default_file_name(),
            handed,
            log_problem: session.log_problem(),
        }
    }
}

/// The worker's news about a handoff.
#[derive(Debug)]
pub enum HandoffNews {
    /// A session is open, or a file was written (the view says which).
    View(Box<HandoffView>),
    /// Recipients read from a file.
    Recipients(Vec<Recipient>),
    /// A recipients file was refused: why, with line numbers.
    Refused(ErrorView),
    /// The save or open dialog gave no path (the screen already says why).
    NoPathChosen,
    /// The handoff files recorded for an app, with what each carries now;
    /// for the secret with this fingerprint.
    Files(String, Vec<HandoffFile>),
    /// The session was let go.
    Closed,
}

/// The panel's state in the window: open over the screen it came from.
#[derive(Debug, Default)]
pub struct HandoffPanel {
    /// The session, once the worker opened it.
    pub view: Option<HandoffView>,
    /// The recipients so far, each with the name typed for the record.
    pub recipients: Vec<(Recipient, String)>,
    /// Why the last recipients given were refused.
    pub refused: Option<ErrorView>,
    /// Binary or armored.
    pub format: HandoffFormat,
    /// A recipients file path, typed.
    pub recipients_path: String,
    /// Where the file goes, typed.
    pub save_path: String,
}

impl HandoffPanel {
    /// Add `found` to the list; a key already listed keeps its place and
    /// name.
    pub fn add(&mut self, found: Vec<Recipient>) {
        for recipient in found {
            let known = self
                .recipients
                .iter()
                .any(|(r, _)| r.public_key() == recipient.public_key());
            if !known {
                let name = recipient.name().unwrap_or_default().to_owned();
                self.recipients.push((recipient, name));
            }
        }
    }

    /// The recipients with the names typed for them.
    pub fn named(&self) -> Vec<Recipient> {
        self.recipients
            .iter()
            .map(|(r, name)| r.clone().with_name(Some(name)))
            .collect()
    }
}

/// The handoff files of the secret a Console ceremony's Done screen shows,
/// once read: for that secret's fingerprint.
#[derive(Debug, Default)]
pub struct HandoffFiles {
    /// The fingerprint asked about, so the list is read once.
    pub asked: Option<String>,
    /// The files, once read.
    pub files: Option<Vec<HandoffFile>>,
}
