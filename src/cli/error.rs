//! Why a command failed, in the same two parts as every error the window
//! shows (what happened, what to do, and Circle's request id), with the
//! exit status it ends with.

use std::path::PathBuf;
use std::process::ExitCode;

use super::exit::Exit;
use crate::ceremony::CeremonyError;
use crate::error::{Explain, explain};
use crate::store::RecordsError;
use crate::text::cli as text;

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A ceremony step failed.
    #[error(transparent)]
    Ceremony(#[from] CeremonyError),
    /// The handoff to servers failed or its recipients were refused.
    #[error(transparent)]
    Handoff(#[from] crate::handoff::HandoffError),
    /// No registration is known (in this mode).
    #[error("{}", text::no_registration(*.rehearsal))]
    NoRegistration {
        /// Rehearsal registrations were looked for.
        rehearsal: bool,
    },
    /// `--app-id` names no known registration.
    #[error("{}", text::unknown_app(.app_id, *.rehearsal))]
    UnknownApp {
        /// What was asked for.
        app_id: String,
        /// The registrations that are known, for a person.
        known: Vec<String>,
        /// Rehearsal registrations were looked for.
        rehearsal: bool,
    },
    /// Several registrations, and no `--app-id` to choose one.
    #[error("{}", text::several_registrations(.known.len(), *.rehearsal))]
    SeveralRegistrations {
        /// The registrations, for a person.
        known: Vec<String>,
        /// Rehearsal registrations were looked at.
        rehearsal: bool,
    },
    /// No API key in the environment or a file, and no terminal to ask on.
    #[error("{}", text::NO_API_KEY)]
    NoApiKey,
    /// The API key file could not be read.
    #[error("{}", text::api_key_file(&.path.display().to_string(), .detail))]
    ApiKeyFile {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// Circle's key is not the one on the registration's record.
    #[error("{}", text::key_changed(.recorded, .found))]
    KeyChanged {
        /// The fingerprint on record.
        recorded: String,
        /// The key's fingerprint.
        found: String,
    },
    /// `--accept-key` names another fingerprint than the key's.
    #[error("{}", text::accepted_key_differs(.given, .found))]
    AcceptedKeyDiffers {
        /// What was given.
        given: String,
        /// The key's fingerprint.
        found: String,
    },
    /// The simulated Circle said the account already has a secret.
    #[error("{}", text::REHEARSAL_ALREADY_REGISTERED)]
    AlreadyRegistered {
        /// Circle's request id.
        request_id: Option<String>,
    },
    /// The simulated Circle gave no clear answer to the registration.
    #[error("{}", text::rehearsal_outcome_unknown(.reason))]
    OutcomeUnknown {
        /// Why.
        reason: String,
        /// Circle's request id.
        request_id: Option<String>,
    },
    /// The simulated Console refused a rehearsed rotation or reset.
    #[error(transparent)]
    SimulatedConsole(#[from] crate::simulator::ConsoleError),
    /// Waiting for a stop signal failed.
    #[error("{}", text::signal_failed(.0))]
    Signal(String),
    /// Writing the output failed (a closed pipe, a full disk).
    #[error("{}", text::output_failed(.0))]
    Output(String),
}

impl From<RecordsError> for CliError {
    fn from(error: RecordsError) -> Self {
        Self::Ceremony(error.into())
    }
}

impl Explain for CliError {
    fn next_step(&self) -> String {
        match self {
            Self::Ceremony(e) => e.next_step(),
            Self::Handoff(e) => e.next_step(),
            Self::NoRegistration { rehearsal } => text::no_registration_next(*rehearsal),
            Self::UnknownApp { known, .. } | Self::SeveralRegistrations { known, .. } => {
                text::choose_app_next(known)
            }
            Self::NoApiKey => text::no_api_key_next(),
            Self::ApiKeyFile { .. } => text::API_KEY_FILE_NEXT.to_owned(),
            Self::KeyChanged { found, .. } => text::key_changed_next(found),
            Self::AcceptedKeyDiffers { .. } => text::ACCEPTED_KEY_DIFFERS_NEXT.to_owned(),
            Self::AlreadyRegistered { .. } => text::REHEARSAL_ALREADY_REGISTERED_NEXT.to_owned(),
            Self::OutcomeUnknown { .. } => text::REHEARSAL_OUTCOME_UNKNOWN_NEXT.to_owned(),
            Self::SimulatedConsole(e) => e.next_step(),
            Self::Signal(_) => text::SIGNAL_FAILED_NEXT.to_owned(),
            Self::Output(_) => text::OUTPUT_FAILED_NEXT.to_owned(),
        }
    }

    fn request_id(&self) -> Option<&str> {
        match self {
            Self::Ceremony(e) => e.request_id(),
            Self::Handoff(e) => e.request_id(),
            Self::AlreadyRegistered { request_id } | Self::OutcomeUnknown { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }
}

impl CliError {
    /// The status the command exits with.
    pub fn exit(&self) -> Exit {
        match self {
            Self::Ceremony(e) => Exit::of(e),
            Self::Handoff(e) => super::handoff::exit_of(e),
            Self::NoRegistration { .. } | Self::UnknownApp { .. } => Exit::NotFound,
            Self::SeveralRegistrations { .. } | Self::NoApiKey => Exit::Usage,
            Self::ApiKeyFile { .. } => Exit::Files,
            Self::KeyChanged { .. } | Self::AcceptedKeyDiffers { .. } => Exit::Refused,
            Self::AlreadyRegistered { .. }
            | Self::OutcomeUnknown { .. }
            | Self::SimulatedConsole(_) => Exit::Circle,
            Self::Signal(_) | Self::Output(_) => Exit::Failed,
        }
    }

    /// Say what happened and what to do on stderr, as the window's error
    /// box says it, and give the exit status.
    pub fn report(&self) -> ExitCode {
        super::say::error(&explain(self));
        self.exit().into()
    }
}
