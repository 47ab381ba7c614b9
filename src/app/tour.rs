//! The screenshot tour: drives a rehearsal in the real window to one screen
//! and says when it is there, so a script can photograph every step. It
//! sends the same commands a person's clicks send.

use std::path::PathBuf;

use zeroize::Zeroizing;

use super::wizard::Screen;
use super::worker::Command;

/// A tour to one screen.
#[derive(Debug)]
pub struct Tour {
    /// Where the tour ends.
    pub target: Screen,
    /// Commands still to send, one per finished step.
    pub(super) pending: std::collections::VecDeque<Command>,
    /// Written (empty) once the target screen is drawn.
    pub ready_file: Option<PathBuf>,
    pub(super) arrived: bool,
}

impl Tour {
    /// The commands that bring a rehearsal to `target`, writing the recovery
    /// file to `recovery_file`.
    pub fn new(target: Screen, recovery_file: PathBuf, ready_file: Option<PathBuf>) -> Self {
        use Screen as S;
        let order = [
            S::Keychain,
            S::ApiKey,
            S::Secret,
            S::Stored,
            S::Destination,
            S::Review,
            S::Registering,
            S::Done,
        ];
        let depth = order.iter().position(|s| *s == target).map_or(0, |i| i + 1);
        let practice = Zeroizing::new("TEST_API_KEY:rehearsal7f3a:practice".to_owned());
        let all = vec![
            Command::Begin { rehearsal: true },
            Command::SubmitApiKey(practice),
            Command::GenerateSecret,
            Command::StoreSecret,
            Command::ChooseDestination(recovery_file),
            Command::Review,
            Command::Register,
        ];
        let steps = match target {
            S::Done => all.len(),
            S::Registering => all.len(),
            _ => depth.min(all.len()),
        };
        Self {
            target,
            pending: all.into_iter().take(steps).collect(),
            ready_file,
            arrived: false,
        }
    }
}
