//! Checking with Circle which secret it holds, in the window: "prove it
//! works" for a registration, "check with Circle" for an item that got no
//! clear answer. What the call creates is said before the person consents;
//! what the answer means is said after.

use crate::ceremony::{CheckAnswer, CheckSubject, Settled};
use crate::store::CheckRecord;

/// Heading while the check opens.
pub const CHECK_TITLE: &str = "Check with Circle";

/// The screen's heading.
pub fn title(of: &CheckSubject) -> &'static str {
    match of {
        CheckSubject::Registration(_) => "Prove it works",
        CheckSubject::Unfinished(_) | CheckSubject::Stray { .. } => CHECK_TITLE,
    }
}

/// What the check is for.
pub fn intro(of: &CheckSubject) -> &'static str {
    match of {
        CheckSubject::Registration(_) => {
            "One call that needs the entity secret, made with a fresh ciphertext of this registration's secret: Circle accepts it only if the secret is the one registered. Optional, and never done without your consent."
        }
        CheckSubject::Unfinished(_) => {
            "Circle may or may not hold this secret: the ceremony got no clear answer. Instead of sending it blindly again, one call that needs the entity secret asks Circle whether this secret is the registered one."
        }
        CheckSubject::Stray { .. } => {
            "Nothing on this computer says whether Circle holds this secret. One call that needs the entity secret asks Circle whether it is the registered one."
        }
    }
}

/// Fact names.
pub const APP: &str = "App";
/// Fact name of the keychain entry.
pub const KEYCHAIN_ENTRY: &str = "Keychain entry";
/// Fact name of the secret.
pub const SECRET: &str = "Secret fingerprint";

/// Heading of the API key.
pub const API_KEY_HEADING: &str = "Circle API key";
/// What the API key is for.
pub const API_KEY_HINT: &str = "An API key of this app (Circle Console → Keys): it fetches Circle's public key and makes the one call. It is kept only in memory and never saved. Nothing is created yet.";

/// Heading of what the call creates.
pub const WHAT_IT_CREATES: &str = "What the check creates in your Circle account";

/// What the call creates, exactly.
pub fn creates(name: &str) -> String {
    format!(
        "One wallet set named \"{name}\". It is empty: no wallets, no addresses, no funds. It stays in the account after the check, listed with your other wallet sets. Circle creates it only if the secret is the registered one; otherwise nothing is created."
    )
}

/// The consent checkbox.
pub fn consent(name: &str) -> String {
    format!("I agree to create the empty wallet set \"{name}\" in this account")
}

/// Label of the button that makes the call.
pub const ASK_BUTTON: &str = "Ask Circle ▶";
/// Why the button waits.
pub const CONSENT_WAITING: &str = "Tick your consent first.";
/// Why the call is refused without consent.
pub const CONSENT_FIRST: &str = "the person consents to the call on screen first";
/// Progress line of the call.
pub const CHECKING_BUSY: &str = "Asking Circle, with a fresh ciphertext of the secret…";
/// Progress line while the answer is recorded.
pub const SETTLING_BUSY: &str = "Recording Circle's answer…";
/// Label of the button that records the answer again.
pub const SETTLE_AGAIN: &str = "Record the answer again";

/// Circle's answer.
pub fn answer(answer: &CheckAnswer) -> String {
    match answer {
        CheckAnswer::Registered { wallet_set_id, .. } => format!(
            "✔ Circle accepted this secret: it is the registered one. The empty wallet set {wallet_set_id} was created."
        ),
        CheckAnswer::OtherSecret { .. } => {
            "✘ Circle refused this secret: the account has another one registered. Nothing was created.".to_owned()
        }
        CheckAnswer::NothingRegistered { .. } => {
            "Circle holds no entity secret for this account yet. Nothing was created.".to_owned()
        }
    }
}

/// Circle's request id of an answer.
pub fn answer_request_id(answer: &CheckAnswer) -> Option<&str> {
    match answer {
        CheckAnswer::Registered { request_id, .. } => Some(request_id),
        CheckAnswer::OtherSecret { request_id } | CheckAnswer::NothingRegistered { request_id } => {
            request_id.as_deref()
        }
    }
}

/// What the answer means for the person, now that it is acted on.
pub fn settled(settled: &Settled, of: &CheckSubject) -> &'static str {
    match (settled, of) {
        (Settled::Proved, _) => {
            "Recorded: the registration's record now says when its secret was last proved to work."
        }
        (Settled::Disproved, _) => {
            "Recorded as a problem: the secret in this computer's keychain is NOT the one Circle holds. Ciphertexts made from it will be refused. If the registered secret is lost, reset it in Circle Console with the recovery file."
        }
        (Settled::Adopted, _) => {
            "This secret is the registered one, so it is now the app's active secret here, and recorded. No recovery file ever reached this computer for it: rotate it soon, in Circle Console, to get one."
        }
        (Settled::NotRegistered, CheckSubject::Stray { .. }) => {
            "This secret is not the registered one. If it is a pending one, it may be discarded from the start screen; one under a registered name is never offered for deletion."
        }
        (Settled::NotRegistered, _) => {
            "This secret is not the registered one, and never will be: the start screen now offers to discard it."
        }
        (Settled::NeverSent, _) => {
            "Known now: nothing was registered. The start screen offers to resume the ceremony and register this secret, or to discard it."
        }
    }
}

/// "Prove it works", offered after a ceremony.
pub const PROVE_OFFER: &str = "Optional: prove it works with one call that needs the entity secret. It creates an empty wallet set in the account, said on the next screen before you consent.";
/// Label of the prove button.
pub const PROVE_BUTTON: &str = "Prove it works…";

/// The last check of a registration, on the start screen.
pub fn last_check(check: &CheckRecord) -> String {
    let when = check.at.format("%Y-%m-%d %H:%M UTC");
    if check.accepted {
        format!("✔ Proved to work with Circle on {when}.")
    } else {
        format!("✘ Circle refused this secret on {when}: it is not the registered one.")
    }
}
