//! The screens of the window, and where each sits in its ceremony's steps.

use super::console_view::ConsoleStep;
use super::widgets::STEPS;
use crate::text;

/// The screens of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The home: what this computer knows, each item with its ways
    /// forward, and the choice of a new ceremony.
    Start,
    /// The keychain check.
    Keychain,
    /// The API key.
    ApiKey,
    /// Generate or import the secret.
    Secret,
    /// The keychain write and read-back.
    Stored,
    /// Where the recovery file goes.
    Destination,
    /// The last look before the irreversible step.
    Review,
    /// Registration in progress, and the recovery file being written.
    Registering,
    /// Finished.
    Done,
    /// Circle said the account already has a secret (409).
    AlreadyRegistered,
    /// No answer came after sending.
    OutcomeUnknown,
    /// Delete an unregistered (or a retired) secret after typing its
    /// fingerprint.
    Discard,
    /// Finish a ceremony Circle accepted.
    Finish,
    /// Fresh ciphertexts of a registration's secret.
    Ciphertext,
    /// A Console ceremony (rotation, reset, registration through
    /// Console), at the step its stage says.
    Console,
    /// Checking with Circle which secret it holds.
    Check,
}

impl Screen {
    /// The step indicator's position, for screens that are steps.
    pub fn step_index(self) -> Option<usize> {
        Some(match self {
            Screen::Start
            | Screen::AlreadyRegistered
            | Screen::OutcomeUnknown
            | Screen::Discard
            | Screen::Finish
            | Screen::Ciphertext
            | Screen::Console
            | Screen::Check => return None,
            Screen::Keychain => 0,
            Screen::ApiKey => 1,
            Screen::Secret => 2,
            Screen::Stored => 3,
            Screen::Destination => 4,
            Screen::Review => 5,
            Screen::Registering => 6,
            Screen::Done => 7,
        })
    }
}

/// The step indicator of a screen: its ceremony's step names and its
/// position among them. The onboarding's screens are steps; a Console
/// ceremony's step is its stage's.
pub fn steps_of(
    screen: Screen,
    console: Option<ConsoleStep>,
) -> Option<(&'static [&'static str], usize)> {
    match (screen, console) {
        (Screen::Console, Some(step)) => step.index().map(|i| (&ConsoleStep::NAMES[..], i)),
        _ => screen.step_index().map(|i| (&STEPS[..], i)),
    }
}

/// The window title, with " — Rehearsal" in rehearsal mode.
pub fn window_title(rehearsal: bool) -> String {
    if rehearsal {
        format!("{} — Rehearsal", text::APP_NAME)
    } else {
        text::APP_NAME.to_owned()
    }
}
