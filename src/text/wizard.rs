//! The wizard's screens: introductions, hints, confirmations and outcomes.

/// Title of the recovery file save dialog.
pub const SAVE_DIALOG_TITLE: &str = "Save the Circle recovery file";
/// Title of the document save dialog.
pub const SAVE_DOCUMENT_TITLE: &str = "Save document";

/// Hover text of the REHEARSAL badge.
pub const REHEARSAL_BADGE_HINT: &str = "A rehearsal against a simulated Circle running inside this app. Nothing leaves this computer and nothing is registered with Circle.";

/// Start screen introduction.
pub const START_INTRO: &str = "This wizard creates your Circle entity secret, keeps it in this computer's keychain, registers it with Circle and saves the one-time recovery file. Circle never stores the secret: if both the secret and the recovery file are lost, the wallets cannot be recovered.";
/// Next to the Rehearsal button.
pub const START_REHEARSAL: &str = "Practise the whole ceremony against a simulated Circle. No Circle account needed; nothing leaves this computer.";
/// Next to the real button.
pub const START_REAL: &str = "Register a new entity secret with your Circle account. You need an API key from Circle Console.";

/// Keychain step introduction.
pub const KEYCHAIN_INTRO: &str = "The entity secret will be kept in this computer's keychain. First, the wizard checks that the keychain works: it writes a test entry, reads it back and deletes it.";
/// Keychain check passed.
pub const KEYCHAIN_OK: &str = "A test entry was written, read back and deleted.";
/// Keychain check failed: general advice next to the retry button.
pub const KEYCHAIN_FIX: &str = "Fix the keychain as described above, then try again. The wizard never falls back to a weaker store.";

/// API key step introduction.
pub const API_KEY_INTRO: &str = "Paste your Circle API key (Circle Console → Keys). It is checked with Circle, kept only in memory for this ceremony, and never saved.";
/// Hint under the API key field.
pub const API_KEY_PASTE_HINT: &str = "Click the field and paste with Ctrl+V (Cmd+V on a Mac). The key looks like TEST_API_KEY:…:… or LIVE_API_KEY:…:…";
/// Warning for a LIVE key.
pub const LIVE_WARNING: &str =
    "This is a LIVE key: the secret will control wallets with real funds.";
/// Checkbox to confirm a LIVE key.
pub const LIVE_CONFIRM: &str =
    "I mean to register an entity secret for a LIVE (production) account";

/// Secret step introduction.
pub const SECRET_INTRO: &str = "The entity secret is 32 random bytes. Generate a new one here, or import one you already have. Only its fingerprint is shown unless you ask to see it.";
/// Hint for importing.
pub const SECRET_IMPORT_HINT: &str = "Paste the existing secret: exactly 64 hexadecimal characters (0-9, a-f). It is checked as you type and never shown.";
/// Where to keep a copy.
pub const SECRET_KEEP_A_COPY: &str = "Keep a copy of the secret in your team's secrets manager (a password manager or vault) — never in a file, an email or a chat.";
/// After storing.
pub const STORED_NEXT: &str = "Next, choose where the recovery file will be saved. It is chosen and checked now, before anything is registered.";

/// Destination step introduction.
pub const DESTINATION_INTRO: &str = "Circle gives the recovery file once, at registration. It is the only way to reset the secret if it is lost. Save it somewhere apart from this computer: a USB drive or other removable media is best.";
/// The typed-path fallback.
pub const DESTINATION_TYPED: &str =
    "If no dialog appears, type the full path of the new file here:";

/// Review introduction.
pub const REVIEW_INTRO: &str = "Check these facts. The next step cannot be undone.";
/// What becomes irreversible.
pub const REVIEW_IRREVERSIBLE: &str = "Registering sets this secret for the Circle account for good: it cannot be registered again, only rotated (with the secret) or reset (with the recovery file) in Circle Console. The recovery file is offered only once.";
/// Review confirmation checkbox.
pub const REVIEW_CONFIRM: &str =
    "I have checked the facts above and understand that registration cannot be undone";

/// While registering.
pub const REGISTERING_WAIT: &str = "Sending a freshly encrypted secret to Circle, then writing and verifying the recovery file. Do not close the window.";
/// Registration failed harmlessly.
pub const REGISTER_FAILED_NOTHING_LOST: &str = "Nothing was registered. The secret is still in the keychain; you can try again from the review.";
/// The recovery file is only in memory.
pub const RECOVERY_UNSAVED: &str = "Circle registered the secret, but the recovery file could not be written. It is held in memory, and this window will not close until it is saved somewhere.";

/// Done headline.
pub const DONE_TITLE: &str = "✔ Registered. The recovery file is written and verified.";
/// About rotation.
pub fn done_rotation() -> String {
    format!(
        "Rotate the secret every {} days. This app will remind you at launch from {} days before; a calendar reminder helps too.",
        crate::policy::ROTATION_PERIOD_DAYS,
        crate::policy::DUE_SOON_DAYS
    )
}
/// Move the recovery file.
pub const DONE_MOVE_RECOVERY: &str = "If the recovery file is on this computer's disk, move it to removable media or another safe place now.";
/// Typed path for documents.
pub const DOCUMENT_TYPED: &str = "If no dialog appears, type a folder (each document is saved there under its own name) or a full file path:";
/// Finished.
pub const DONE_FINISHED: &str = "All done. You can close this window.";

/// 409 explanation.
pub const ALREADY_REGISTERED: &str = "Circle answered that this account already has an entity secret. An account can register only one; nothing was changed at Circle.";
/// 409 after an ambiguous earlier attempt.
pub const ALREADY_REGISTERED_MAYBE_OURS: &str = "An earlier attempt in this ceremony got no clear answer, so the secret made here may be the one that was registered. Keep it in the keychain, and rotate it in Circle Console soon to get a recovery file.";
/// 409: what to do.
pub const ALREADY_REGISTERED_NEXT: &str = "If you have the current secret, rotate it in Circle Console. If it is lost, reset it in Circle Console with the recovery file. The rotation and reset ceremonies of this app prepare what Console asks for.";

/// Connection lost after sending.
pub const OUTCOME_UNKNOWN: &str = "The registration was sent, but no clear answer came back: Circle may have registered this secret.";
/// What to do then.
pub const OUTCOME_UNKNOWN_NEXT: &str = "Check with Circle instead of sending it again: one call that needs the entity secret says whether Circle holds this secret. If it does, it becomes the app's registration here (rotate it soon, in Circle Console, to get a recovery file); if nothing is registered, the ceremony can carry on; if another secret is, this one can be discarded.";

/// Close refused: title.
pub const CLOSE_REFUSED_TITLE: &str = "Not yet";
/// Close refused while a request is in flight.
pub const CLOSE_REFUSED_IN_FLIGHT: &str = "A step that writes to the keychain, to Circle or to the recovery file is under way. Closing now could leave you not knowing whether it happened. Wait for it to finish.";
/// Close refused while the recovery file is unsaved.
pub const CLOSE_REFUSED_UNSAVED: &str = "Circle sent the recovery file and it is not saved yet. It cannot be downloaded again: save it first.";

/// Copy failed.
pub const CLIPBOARD_FAILED: &str =
    "Copy it from the revealed secret instead, or into your secrets manager directly.";

/// After a destination problem, before registration.
pub const DESTINATION_NOTHING_SENT: &str = "Nothing has been sent to Circle yet. Choose another place for the recovery file — removable media such as a USB drive is best.";

/// Progress line while registering.
pub const REGISTERING_BUSY: &str = "Registering with Circle…";

/// Paste found nothing.
pub const CLIPBOARD_EMPTY: &str =
    "The clipboard holds no text. Copy the key in Circle Console first.";

/// Progress line before the worker names a writing step.
pub const WRITING_BUSY: &str = "Working…";

/// Progress line of the keychain check.
pub const CHECKING_KEYCHAIN_BUSY: &str = "Checking the keychain…";
/// Progress line of the API key check.
pub const CHECKING_API_KEY_BUSY: &str = "Checking the API key with Circle…";
/// Progress line of the keychain write.
pub const STORING_BUSY: &str = "Storing the secret in the keychain and reading it back…";
/// Progress line while Circle's key is fetched.
pub const FETCHING_KEY_BUSY: &str = "Fetching Circle's public key…";
/// Progress line while Circle's key is read from a file.
pub const READING_KEY_BUSY: &str = "Reading Circle's public key from the file…";
/// Progress line while the recovery file is written.
pub const WRITING_RECOVERY_BUSY: &str = "Writing and verifying the recovery file…";
/// Progress line while an accepted ceremony is finished.
pub const COMPLETING_BUSY: &str = "Moving the secret into place and writing the record…";
/// Progress line while a ciphertext is made.
pub const ENCRYPTING_BUSY: &str = "Reading the secret from the keychain and encrypting it…";
/// Progress line while a secret's fingerprint is read for a discard.
pub const READING_FINGERPRINT_BUSY: &str = "Reading the secret's fingerprint from the keychain…";
/// Progress line while a secret is deleted.
pub const DISCARDING_BUSY: &str = "Deleting the secret from the keychain…";
/// Progress line while a stopped ceremony is looked at.
pub const OPENING_FINISH_BUSY: &str = "Reading what the ceremony left…";
/// Progress line while the simulated Circle starts.
pub const PREPARING_SIMULATOR_BUSY: &str =
    "Preparing the simulated Circle (making its RSA-4096 key)…";

/// Title of the open dialog for Circle's public key.
pub const OPEN_KEY_TITLE: &str = "Open Circle's public key (PEM)";
/// Title of the save dialog for the simulated Circle's key.
pub const SAVE_SIMULATOR_KEY_TITLE: &str = "Save the simulated Circle's public key";
/// File name of the simulated Circle's key.
pub const SIMULATOR_KEY_FILE_NAME: &str = "circle-public-key-rehearsal.pem";
/// A record's keychain when its backend cannot be named now.
pub const KEYCHAIN_UNNAMED: &str = "keychain";
/// A record's operator when the OS does not say.
pub const OS_USER_UNKNOWN: &str = "unknown";

/// Label of the button that closes the close-refused notice.
pub const STAY: &str = "Stay and finish";

/// The secret could not be put on the clipboard.
pub fn copy_failed(detail: &str) -> String {
    format!("The secret could not be copied: {detail}")
}

/// Label of the Done screen's reminder button.
pub const SAVE_REMINDER_DIALOG: &str = "Save calendar reminder (.ics)…";
/// Label of the Done screen's record button.
pub const SAVE_RECORD_DIALOG: &str = "Save ceremony record…";

/// The ceremony's bookkeeping could not all be written.
pub fn log_problem(problem: &str) -> String {
    format!("The records of this ceremony could not all be written: {problem}")
}

/// Label of the typed recovery file path.
pub const RECOVERY_FILE_PATH: &str = "Recovery file path";

/// Label of the practice key button (rehearsal).
pub const USE_PRACTICE_KEY: &str = "Use a practice key";
/// No clipboard on this system.
pub const NO_CLIPBOARD: &str = "No clipboard on this system.";

/// Label of the register button.
pub const REGISTER_BUTTON: &str = "Register this secret";
/// Why the register button waits.
pub const CONFIRM_FIRST: &str = "Tick the confirmation first.";
/// Label of the button that fetches Circle's key again.
pub const FETCH_AGAIN: &str = "Fetch Circle's key again";
/// Label of the Back button.
pub const BACK: &str = "◀ Back";

/// The secret was written and read back.
pub const STORED_WRITTEN: &str =
    "✔ Written, and read back identical through a fresh keychain entry.";
/// A carried-on ceremony found its secret.
pub const STORED_FOUND: &str = "✔ Found in the keychain: the secret this ceremony stored before it stopped, with the fingerprint its journal names. Nothing new was made.";

/// Why Next waits on the API key screen.
pub const KEY_NOT_ACCEPTED_YET: &str = "Circle must accept the key first.";
/// Why Next waits for a LIVE key.
pub const LIVE_NOT_CONFIRMED_YET: &str = "Confirm the LIVE key first.";
/// Label of the API key check button.
pub const CHECK_KEY: &str = "Check key with Circle";
/// Heading of the no-answer screen.
pub const OUTCOME_UNKNOWN_TITLE: &str = "No clear answer from Circle";
/// Label of the button that leaves a ceremony to carry on later.
pub const LEAVE_FOR_NOW: &str = "Leave for now";
/// Heading of the destination screen.
pub const DESTINATION_TITLE: &str = "Where the recovery file goes";
/// Label of the save dialog button.
pub const CHOOSE_WHERE: &str = "Choose where to save…";
/// The destination was proven writable.
pub const WRITABLE: &str = "✔ This place is writable:";
/// Why Review waits for a place.
pub const CHOOSE_PLACE_FIRST: &str = "Choose a place for the recovery file first.";
/// Why Review waits for acknowledgements.
pub const ACKNOWLEDGE_FIRST: &str = "Acknowledge each warning, or choose another place.";
/// Heading of the 409 screen.
pub const ALREADY_REGISTERED_TITLE: &str = "This account already has an entity secret";
/// Why Next waits on the keychain screen.
pub const KEYCHAIN_FIRST: &str = "The keychain check must pass first.";
/// Label of the button that writes the recovery file to its place again.
pub const SAME_PLACE_AGAIN: &str = "Try the same place again";
/// Label of the button back to the review.
pub const BACK_TO_REVIEW: &str = "◀ Back to the review";
/// Heading of the stored screen.
pub const STORED_TITLE: &str = "Stored in the keychain";
/// Label of the generate button once there is a secret.
pub const GENERATE_DIFFERENT: &str = "Generate a different secret";
/// Label of the generate button.
pub const GENERATE: &str = "Generate a new secret";
/// Label of the import button.
pub const IMPORT_SECRET: &str = "Import an existing secret";
/// Label of the masked import field.
pub const EXISTING_SECRET: &str = "Existing entity secret";
/// Label of the button that imports the typed secret.
pub const USE_THIS_SECRET: &str = "Use this secret";
/// Where a generated secret came from.
pub const GENERATED_HERE: &str = "Generated on this computer";
/// Why Store waits.
pub const SECRET_FIRST: &str = "Generate or import a secret first.";
/// Label of the store button.
pub const STORE_BUTTON: &str = "Store in keychain ▶";

/// Circle accepted the API key.
pub fn key_accepted(masked: &str) -> String {
    format!("✔ Circle accepted the key ({masked}).")
}

/// The keychain check passed.
pub fn keychain_works(backend: &str) -> String {
    format!("✔ The keychain works: {backend}.")
}

/// A typed secret is well formed.
pub fn import_well_formed(fingerprint: &str) -> String {
    format!("✔ 64 hexadecimal characters. Fingerprint {fingerprint}.")
}

/// Label of the reveal button.
pub fn reveal_label() -> String {
    format!(
        "Reveal secret for {} s",
        crate::policy::REVEAL_FOR.as_secs()
    )
}

/// How long a revealed secret stays.
pub fn hides_in(seconds: u64) -> String {
    format!("Hides itself in {seconds} s.")
}

/// The recovery file held only in memory.
pub fn recovery_held(sha256: &str) -> String {
    format!("Recovery file held in memory, SHA-256 {sha256}.")
}

/// Circle's request id, for support.
pub fn request_id(id: &str) -> String {
    format!("Circle request id: {id}")
}

/// After a 409: where the secret made here is.
pub fn secret_kept_refused(fingerprint: &str, service: &str, account: &str) -> String {
    format!(
        "The secret made here (fingerprint {fingerprint}) is kept in the keychain as {service} / {account}. It was not registered."
    )
}

/// After no answer: where the secret is, and to keep it.
pub fn secret_kept_unknown(fingerprint: &str, service: &str, account: &str) -> String {
    format!(
        "The secret (fingerprint {fingerprint}) stays in the keychain as {service} / {account}. Do not delete it."
    )
}

/// Why a step cannot run yet: the discard's fingerprint is not read.
pub const FINGERPRINT_READ_FIRST: &str = "the fingerprint is read first";
/// Why a step cannot run yet: the keychain is not checked.
pub const KEYCHAIN_CHECKED_FIRST: &str = "the keychain is checked first";
/// Why a step cannot run: it belongs to another ceremony.
pub const NOT_OPEN: &str = "that step belongs to a ceremony that is not open";
/// Why the window cannot leave the ceremony yet.
pub const RECOVERY_NOT_SAVED_YET: &str = "the recovery file Circle sent is not saved yet";
/// Why the simulated Circle is missing.
pub const SIMULATOR_NOT_STARTED: &str = "it was not started";
/// Why the simulated Circle's key cannot be saved.
pub const SIMULATOR_ONLY_IN_REHEARSAL: &str = "the simulated Circle runs only in rehearsal";

/// The async runtime did not start.
pub fn runtime_failed(detail: &str) -> String {
    format!("The async runtime could not start: {detail}")
}

/// The window did not open.
pub fn window_failed(detail: &str) -> String {
    format!(
        "The window could not open ({detail}). The wizard needs a graphical desktop session; on a machine without one, try `entity-secret-wizard rehearse`."
    )
}

/// A build without the window was asked for it.
pub const NO_WINDOW_IN_THIS_BUILD: &str = "This build of Entity Secret Wizard has no window (it was built without the gui feature). Use its commands instead: `entity-secret-wizard --help`.";
