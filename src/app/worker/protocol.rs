//! What the UI and the worker say to each other: commands (one user intent
//! each, grouped by the session they belong to) and events.

use std::path::PathBuf;

use zeroize::Zeroizing;

use super::super::handoff_view::HandoffNews;
use super::super::session_view::SessionView;
use super::super::widgets::ErrorView;
use super::handoff::HandoffCommand;
use crate::ceremony::console::ConsoleKind;
use crate::ceremony::status::StatusView;
use crate::ceremony::steps::CiphertextOf;
use crate::ceremony::{CheckSubject, DiscardTarget};
use crate::secret::Environment;
use crate::store::{InProgress, RegistrationRecord};

/// What the UI asks the worker to do.
#[derive(Debug)]
pub enum Command {
    /// Read the registrations, unfinished ceremonies and stray keychain
    /// entries known here.
    LoadStatus,
    /// Start a session from the home screen (or do a one-shot way forward).
    Start(Start),
    /// A step of the onboarding session.
    Onboarding(OnboardingCommand),
    /// A step of finishing an accepted ceremony.
    Finishing(FinishingCommand),
    /// A step of making ciphertexts on demand.
    Ciphertext(CiphertextCommand),
    /// The typed confirmation of a discard.
    Discard(DiscardCommand),
    /// A step of a Console ceremony (rotation, reset, registration through
    /// Console).
    Console(ConsoleCommand),
    /// A step of checking with Circle which secret it holds.
    Check(CheckCommand),
    /// Rehearsal only: what the person does in the simulated Circle
    /// Console.
    SimulatedConsole(SimulatedConsoleCommand),
    /// Write a document (calendar reminder, ceremony record) of a
    /// registration.
    SaveDocument {
        /// Which document.
        kind: DocumentKind,
        /// The registration it is about.
        record: Box<RegistrationRecord>,
        /// Where (typed), or `None` for the save dialog.
        path: Option<PathBuf>,
        /// What the person did with the recovery file, for the ceremony
        /// record, when they said.
        kept: Option<crate::ceremony::documents::RecoveryKept>,
    },
    /// A step of handing a secret to the servers (beside the session
    /// held, which it leaves as it was).
    Handoff(HandoffCommand),
    /// Rehearsal only: write the simulated Circle's public key as a PEM
    /// file, so the offline import can be practised. `None`: the dialog.
    SaveSimulatorKey(Option<PathBuf>),
    /// Leave the session and return to the home screen.
    Abandon,
}

/// The ways a session starts from the home screen.
#[derive(Debug)]
pub enum Start {
    /// A new onboarding ceremony, real or rehearsal; runs the keychain
    /// check at once.
    Begin {
        /// Against the simulated Circle.
        rehearsal: bool,
    },
    /// Carry on an unfinished registration with its stored secret.
    Resume(Box<InProgress>),
    /// Read an unregistered secret's fingerprint for a typed confirmation.
    Discard {
        /// Whether the secret is a rehearsal one.
        rehearsal: bool,
        /// Which secret.
        target: DiscardTarget,
    },
    /// Remove a journal entry with nothing behind it (one shot).
    Dismiss(Box<InProgress>),
    /// Finish a ceremony Circle accepted.
    Finish(Box<InProgress>),
    /// Make ciphertexts of a registration's secret.
    Ciphertext(Box<RegistrationRecord>),
    /// A new Console ceremony; runs the keychain check at once. A rotation
    /// or reset of a known registration names it (in rehearsal, its app's
    /// simulated Circle answers).
    Console {
        /// Which ceremony.
        kind: ConsoleKind,
        /// Against the simulated Circle.
        rehearsal: bool,
        /// The registration it replaces the secret of, if known here.
        record: Option<Box<RegistrationRecord>>,
    },
    /// Carry on an unfinished Console ceremony with its stored secrets.
    ResumeConsole(Box<InProgress>),
    /// Ask Circle whether a secret is the registered one: prove that a
    /// registration works, or settle an item that got no clear answer.
    Check {
        /// Whether the secret is a rehearsal one.
        rehearsal: bool,
        /// Whose secret.
        subject: CheckSubject,
    },
    /// Read a registration's retired secret's fingerprint for a typed
    /// confirmation of its deletion.
    DeleteRetired {
        /// The registration it belonged to.
        record: Box<RegistrationRecord>,
        /// Its keychain account.
        account: String,
    },
}

/// The steps of the onboarding session.
#[derive(Debug)]
pub enum OnboardingCommand {
    /// Check the keychain again (after the person fixed it).
    CheckKeychain,
    /// Check an API key against Circle.
    SubmitApiKey(Zeroizing<String>),
    /// Confirm (or not) that a LIVE key is meant.
    ConfirmLive(bool),
    /// Generate a new secret.
    GenerateSecret,
    /// Import a secret typed or pasted by the person.
    ImportSecret(Zeroizing<String>),
    /// Store the secret in the keychain and read it back.
    StoreSecret,
    /// Show the native save dialog for the recovery file.
    OpenSaveDialog,
    /// Use this path for the recovery file (typed, or from the dialog).
    ChooseDestination(PathBuf),
    /// Acknowledge a location warning.
    Acknowledge(usize, bool),
    /// Fetch Circle's public key for the review.
    Review,
    /// Read Circle's public key from a PEM file instead (offline); `None`
    /// shows the open dialog.
    ReviewWithKeyFile(Option<PathBuf>),
    /// Acknowledge that Circle's key differs from the one on record.
    AcknowledgeKeyChange(bool),
    /// Confirm the review.
    ConfirmReview(bool),
    /// Send the registration.
    Register,
    /// Write the recovery file held in memory, to the destination or
    /// another path (`None`: the save dialog).
    SaveRecovery(Option<PathBuf>),
    /// Go back one step where that is safe.
    Back,
    /// Hand the secret's hex to the UI, for revealing or copying.
    RevealSecret(SecretUse),
}

/// The steps of finishing an accepted ceremony.
#[derive(Debug)]
pub enum FinishingCommand {
    /// Save the recovery file found in a temporary file.
    SaveLeftover(LeftoverTarget),
    /// Move the secret into place, write the record, close the journal.
    Complete,
}

/// Where a recovery file found on disk is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftoverTarget {
    /// Where it was going when the app stopped.
    WhereItWasGoing,
    /// A place chosen in the save dialog.
    Dialog,
    /// A typed path.
    Path(PathBuf),
}

/// The steps of making ciphertexts on demand.
#[derive(Debug)]
pub enum CiphertextCommand {
    /// Fetch Circle's key with an API key of the registration's app.
    FetchKey(Zeroizing<String>),
    /// Read Circle's key from a PEM file (`None`: the open dialog).
    ImportKey(Option<PathBuf>),
    /// Acknowledge that the key differs from the one on record.
    AcknowledgeKeyChange(bool),
    /// Make a fresh ciphertext.
    Make,
}

/// The step of a discard.
#[derive(Debug)]
pub enum DiscardCommand {
    /// Delete the secret if this is its fingerprint.
    Confirm(String),
}

/// The steps of a Console ceremony.
#[derive(Debug)]
pub enum ConsoleCommand {
    /// Check the keychain again (after the person fixed it).
    CheckKeychain,
    /// Check an API key with Circle (rotation, reset).
    SubmitApiKey(Zeroizing<String>),
    /// The app typed by the person, with no route to Circle (registration
    /// through Console).
    SetApp {
        /// TEST or LIVE.
        environment: Environment,
        /// The app id Console shows.
        app_id: String,
    },
    /// Generate the new secret.
    GenerateSecret,
    /// Import the new secret typed or pasted by the person.
    ImportSecret(Zeroizing<String>),
    /// Store the new secret as pending and read it back.
    StageSecret,
    /// Fetch Circle's key; a carried-on ceremony gives the API key again.
    FetchKey(Option<Zeroizing<String>>),
    /// Read Circle's key from a PEM file (`None`: the open dialog).
    ImportKey(Option<PathBuf>),
    /// Acknowledge that Circle's key differs from the one on record.
    AcknowledgeKeyChange(bool),
    /// Make the ciphertexts for Console (journaled as shown first).
    MakeCiphertexts,
    /// Make another ciphertext of one secret.
    MakeAnother(CiphertextOf),
    /// Write the ciphertext of the new secret to a file to carry
    /// (`None`: the save dialog).
    SaveCiphertextFile(Option<PathBuf>),
    /// Console accepted the new secret.
    Accepted,
    /// Console refused it, or the person gives up.
    Refused,
    /// Delete the refused new secret if this is its fingerprint.
    DiscardNewSecret(String),
    /// Import the recovery file Console gave (`None`: the open dialog).
    ImportRecovery(Option<PathBuf>),
    /// Where the imported recovery file is saved (`None`: the save dialog).
    ChooseDestination(Option<PathBuf>),
    /// Acknowledge a location warning.
    Acknowledge(usize, bool),
    /// Write and verify the recovery file, then finish.
    SaveRecovery,
    /// The recovery file never came here: record where it is kept.
    RecordElsewhere {
        /// Where, in the person's words.
        place: String,
        /// Its SHA-256, if the person has it.
        sha256: Option<String>,
    },
    /// Hand the new secret's hex to the UI, for revealing or copying.
    RevealNewSecret(SecretUse),
}

/// The steps of checking with Circle.
#[derive(Debug)]
pub enum CheckCommand {
    /// The API key of the secret's app; Circle's key is fetched with it.
    GiveApiKey(Zeroizing<String>),
    /// The person's consent to the call (and what it creates).
    Consent(bool),
    /// Make the call, then act on the answer.
    Run,
    /// Act on the answer again (after a failure to record it).
    Settle,
}

/// Rehearsal only: the simulated Circle Console, with Console's checks.
#[derive(Debug)]
pub enum SimulatedConsoleCommand {
    /// Rotate: the ciphertext pasted as the current secret's, and the one
    /// pasted as the new secret's.
    Rotate {
        /// Pasted in the current secret's field.
        current: String,
        /// Pasted in the new secret's field.
        new: String,
    },
    /// Reset: the recovery file uploaded (`None`: the open dialog) and the
    /// new secret's ciphertext.
    Reset {
        /// The file uploaded.
        recovery_file: Option<PathBuf>,
        /// Pasted in the new secret's field.
        new: String,
    },
    /// First registration through Console.
    Register {
        /// Pasted in the ciphertext field.
        new: String,
    },
    /// Download the recovery file the simulated Console offers
    /// (`None`: the save dialog).
    Download(Option<PathBuf>),
}

/// Why the UI wants the secret's hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretUse {
    /// Show it on screen for a while.
    Reveal,
    /// Put it on the clipboard for a while.
    Copy,
}

/// The documents a registration offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// An .ics calendar reminder of the rotation date.
    CalendarReminder,
    /// The Markdown ceremony record.
    CeremonyRecord,
}

/// What the worker tells the UI.
pub enum Event {
    /// A command started (the UI shows progress).
    Busy(&'static str),
    /// The session's state after a command.
    View(Box<SessionView>),
    /// The session ended or was abandoned.
    NoCeremony,
    /// A command failed; nothing was lost.
    Failed(ErrorView),
    /// A command finished without error.
    Finished(Finished),
    /// The secret's hex, asked for explicitly.
    Secret(Zeroizing<String>, SecretUse),
    /// Registrations, unfinished ceremonies and strays known here.
    Status(Box<StatusView>),
    /// News of the handoff to servers.
    Handoff(Box<HandoffNews>),
    /// A native dialog opened (a save dialog, or an open dialog).
    DialogOpen {
        /// It asks where to save.
        saving: bool,
    },
    /// The dialog closed; what the screen says about it (why no path came
    /// back, or the new name used for a file that exists), if anything.
    DialogClosed(Option<String>),
}

/// Which command finished, so the UI can move to the next screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finished {
    /// The keychain check passed.
    KeychainChecked,
    /// The API key was accepted.
    ApiKeyAccepted,
    /// A secret was generated or imported.
    SecretReady,
    /// The secret was stored and read back.
    SecretStored,
    /// A dialog gave no path (the screen already says why).
    NoPathChosen,
    /// A destination was chosen and proven writable.
    DestinationChosen,
    /// Circle's public key is known (fetched or imported).
    Reviewed,
    /// Registration outcome.
    Registered(RegisterResult),
    /// The recovery file was written after an earlier failure.
    RecoverySaved,
    /// A document was written.
    DocumentSaved(DocumentKind, PathBuf),
    /// Back was applied.
    WentBack,
    /// The fingerprint of a secret to discard was read.
    DiscardReady,
    /// The secret was deleted.
    Discarded,
    /// The journal entry was removed.
    Dismissed,
    /// The recovery file found on disk was saved here.
    LeftoverSaved(PathBuf),
    /// The accepted ceremony is finished and recorded.
    Completed,
    /// Circle's key for ciphertexts is known.
    KeyReady,
    /// A fresh ciphertext (not secret, single-use).
    CiphertextMade(String),
    /// The simulated Circle's key was written here.
    SimulatorKeySaved(PathBuf),
    /// A session was opened and is ready for its first step.
    Opened,
    /// A step finished; the session's view says what comes next.
    Progressed,
    /// The ciphertext to carry was written here.
    CiphertextFileSaved(PathBuf),
    /// The simulated Console accepted; it offers a recovery file to
    /// download.
    SimulatedConsoleAccepted,
    /// The simulated Console's recovery file was downloaded here.
    SimulatedDownloaded(PathBuf),
    /// A registration's retired secret was deleted (its fingerprint).
    RetiredDeleted(String),
}

/// The registration's outcome, as the UI needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterResult {
    /// Registered and saved.
    Saved,
    /// Registered; the recovery file is not written yet.
    RecoveryUnsaved,
    /// Circle says the account already has a secret.
    AlreadyRegistered {
        /// An earlier ambiguous attempt may have registered this secret.
        possibly_this_secret: bool,
        /// Circle's request id.
        request_id: Option<String>,
    },
    /// No clear answer after sending: it may have happened.
    OutcomeUnknown {
        /// The request id to give Circle support.
        request_id: Option<String>,
        /// What happened, for a person.
        reason: String,
    },
}

impl From<OnboardingCommand> for Command {
    fn from(command: OnboardingCommand) -> Self {
        Self::Onboarding(command)
    }
}

impl From<FinishingCommand> for Command {
    fn from(command: FinishingCommand) -> Self {
        Self::Finishing(command)
    }
}

impl From<CiphertextCommand> for Command {
    fn from(command: CiphertextCommand) -> Self {
        Self::Ciphertext(command)
    }
}

impl From<DiscardCommand> for Command {
    fn from(command: DiscardCommand) -> Self {
        Self::Discard(command)
    }
}

impl From<ConsoleCommand> for Command {
    fn from(command: ConsoleCommand) -> Self {
        Self::Console(command)
    }
}

impl From<CheckCommand> for Command {
    fn from(command: CheckCommand) -> Self {
        Self::Check(command)
    }
}

impl From<SimulatedConsoleCommand> for Command {
    fn from(command: SimulatedConsoleCommand) -> Self {
        Self::SimulatedConsole(command)
    }
}

impl From<HandoffCommand> for Command {
    fn from(command: HandoffCommand) -> Self {
        Self::Handoff(command)
    }
}

impl From<Start> for Command {
    fn from(start: Start) -> Self {
        Self::Start(start)
    }
}
