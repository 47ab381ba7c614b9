//! What the window says about itself: the names and descriptions a screen
//! reader is given, where the ceremony talks to, what a rehearsal's
//! documents are, and what the person did with the recovery file.

use crate::secret::Environment;

/// The header panel's name.
pub const HEADER_PANEL: &str = "Title, mode and steps";
/// The panel of the screen shown.
pub const SCREEN_PANEL: &str = "Current screen";
/// The scrolling area of the screen shown.
pub const SCREEN_SCROLL: &str = "Current screen's content";
/// The screen's scroll bar.
pub const SCREEN_SCROLL_BAR: &str = "Scroll the current screen";
/// The value of the progress indicator while something runs: there is no
/// measure of how far it got, only that it runs.
pub const IN_PROGRESS: &str = "In progress";

/// What the TEST or LIVE tag means, for screen readers.
pub fn environment_description(environment: Environment) -> &'static str {
    match environment {
        Environment::Test => {
            "TEST: an API key of Circle's test environment (testnets): no real funds."
        }
        Environment::Live => {
            "LIVE: an API key of Circle's live environment (mainnets): real funds."
        }
    }
}

/// Where the ceremony talks to: Circle's own address.
pub fn endpoint_circle(url: &str) -> String {
    format!("Talks to Circle at {url}.")
}
/// Where a rehearsal talks to.
pub fn endpoint_simulated(url: &str) -> String {
    format!(
        "Talks to the simulated Circle at {url}, running inside this app: nothing reaches Circle."
    )
}
/// Where the ceremony talks to: not Circle's address.
pub fn endpoint_elsewhere(url: &str) -> String {
    format!(
        "⚠ NOT CIRCLE'S ADDRESS: this ceremony talks to {url}, not https://api.circle.com. Go on only if you set this address on purpose (--circle-url or ESW_CIRCLE_URL): whoever answers there sees the API key and the ciphertext."
    )
}
/// The fact's name on Review.
pub const ENDPOINT_FACT: &str = "Circle address";

/// What to compare Circle's key fingerprint with.
pub const REVIEW_FINGERPRINT: &str = "Compare the Circle public key fingerprint above with one you got another way: the fingerprint your security team publishes, the record of a previous ceremony (\"Circle public key fingerprint\"), or `entity-secret-wizard public-key` run on another machine. A different fingerprint means something between you and Circle is not what it seems: stop.";
/// Where to see the simulated Circle's fingerprint in a rehearsal.
pub const REVIEW_FINGERPRINT_REHEARSAL: &str = "In this rehearsal the key is the simulated Circle's, made inside this app, so no one else has its fingerprint: practise with the key file (\"Import Circle's key from a file\" below saves it), and `entity-secret-wizard public-key --file` on another machine shows the same fingerprint for that file.";

/// The question that replaces a tick on the Done screen.
pub const RECOVERY_KEPT_QUESTION: &str = "What did you do with the recovery file?";
/// The answers, as on screen and in the ceremony record.
pub const RECOVERY_KEPT_REMOVABLE: &str = "Moved it to removable media (a USB drive) kept apart";
/// Printed.
pub const RECOVERY_KEPT_PRINTED: &str = "Printed it and deleted it from this computer";
/// Something else.
pub const RECOVERY_KEPT_OTHER: &str = "Something else (say what in the ceremony record)";
/// Not yet.
pub const RECOVERY_KEPT_NOT_YET: &str = "Nothing yet: it is still where it was written";
/// The record's row name.
pub const RECOVERY_KEPT_ROW: &str = "What was done with the recovery file";
/// The record's row when no answer was given before it was saved.
pub const RECOVERY_KEPT_UNANSWERED: &str = "not said before this record was saved";
/// Said when the answer is "not yet".
pub const RECOVERY_KEPT_STILL_HERE: &str = "The recovery file is still on this computer, next to the keychain: move it apart before you close the window.";

/// The API key step's footer when Circle accepted the key but the ceremony
/// cannot go on with it.
pub const KEY_CANNOT_GO_ON: &str =
    "This key cannot start a new registration: see the message above.";

/// A rehearsal document's title prefix, and its file name's.
pub const REHEARSAL_PREFIX: &str = "REHEARSAL";

/// A registration's line on the home screen as a screen reader is told it:
/// the Circle key's whole fingerprint, which the screen shortens.
pub fn registered_facts_spoken(registered: &str, secret: &str, public_key: &str) -> String {
    format!("Registered {registered}, secret {secret}, Circle key {public_key}")
}
