//! The command line: `--help`, what each command prints, and its own
//! errors. The words for registrations, unfinished ceremonies and their ways
//! forward are the window's, from [`crate::text::status`].

mod errors;
mod reports;
mod steps;

use std::fmt::Write as _;

pub use errors::*;
pub use reports::*;
pub use steps::*;

use crate::cli::{API_KEY_ENV, Exit};

// ----- --help -----

/// What the program is.
pub const ABOUT: &str = "Entity Secret Wizard: register, keep, rotate and reset a Circle entity secret. With no command, opens the wizard window. The entity secret itself is never printed.";
/// `--circle-url`.
pub const HELP_CIRCLE_URL: &str =
    "Circle's API base URL (https only; plain http only to 127.0.0.1, [::1] or localhost)";
/// `--extra-ca`.
pub const HELP_EXTRA_CA: &str =
    "An extra CA certificate (PEM) to trust, e.g. for a TLS-inspecting corporate proxy";
/// `gui`.
pub const ABOUT_GUI: &str = "Open the wizard window (the default)";
/// `status`.
pub const ABOUT_STATUS: &str = "Show the registrations, rotation dates, keychain presence, unfinished ceremonies and unregistered secrets this computer knows, with the way forward for each";
/// After `status --help`.
pub const AFTER_STATUS: &str = "The ways forward (resume, discard, finish, …) are taken in the wizard's window. `--json` prints the same facts in a stable shape (\"schema\": 1), with fingerprints only.";
/// `status --json`.
pub const HELP_STATUS_JSON: &str = "Print JSON (schema 1) instead of text";
/// `ciphertext`.
pub const ABOUT_CIPHERTEXT: &str = "Print a fresh, single-use ciphertext of a registered entity secret (base64, for a Circle Console form or an API call), and nothing else, on stdout";
/// `public-key`.
pub const ABOUT_PUBLIC_KEY: &str = "Show Circle's entity public key: its SHA-256 fingerprint, its size, and whether it is the key on record";
/// `rehearse`.
pub const ABOUT_REHEARSE: &str = "Run a whole registration against the built-in simulated Circle and print each step (fingerprints only); with --serve, run the simulated Circle alone. Nothing leaves this computer";
/// `record`.
pub const ABOUT_RECORD: &str = "Print the ceremony log: every step of every ceremony, with fingerprints and Circle request ids";
/// `--app-id`.
pub const HELP_APP_ID: &str =
    "The Circle app of the registration (may be left out when only one is known)";
/// `--rehearsal`.
pub const HELP_REHEARSAL: &str =
    "Use the rehearsal registrations (and the simulated Circle) instead of the real ones";
/// `ciphertext --public-key`.
pub const HELP_PUBLIC_KEY_FILE: &str = "Circle's public key from this PEM file, with no network at all (otherwise it is fetched from Circle)";
/// `--api-key-file`.
pub const HELP_API_KEY_FILE: &str =
    "Read the Circle API key from this file (see below for the other ways)";
/// `--accept-key`.
pub const HELP_ACCEPT_KEY: &str = "Use Circle's key even if it differs from the one on record, but only if its SHA-256 fingerprint is exactly this one (compared out of band first)";
/// `public-key --file`.
pub const HELP_KEY_FILE: &str =
    "Read the key from this PEM file instead of fetching it from Circle";
/// `rehearse --recovery-file`.
pub const HELP_RECOVERY_FILE: &str = "Where to write the rehearsal's recovery file (a new file)";
/// `rehearse --memory-store`.
pub const HELP_MEMORY_STORE: &str = "Keep the rehearsal secret in memory instead of the keychain (for machines with no keychain; explicit, never a fallback)";
/// `rehearse --serve`.
pub const HELP_SERVE: &str = "Run only the simulated Circle on a loopback address (printed) until Ctrl-C or SIGTERM, to try curl or Circle's SDKs against it";
/// `record --json`.
pub const HELP_RECORD_JSON: &str = "Print JSON (schema 1) instead of text";
/// `record --rehearsal`.
pub const HELP_RECORD_REHEARSAL: &str = "Print the rehearsals' log instead of the real one";

/// What an exit status means.
pub fn exit_meaning(exit: Exit) -> &'static str {
    match exit {
        Exit::Ok => "done",
        Exit::Failed => "failed for a reason none of the others names (stderr says which)",
        Exit::Usage => "the command line was not understood, or an input it needs is missing",
        Exit::NotFound => "nothing to act on: no registration known, or not the one asked for",
        Exit::Keychain => "the keychain: locked, absent, or the secret is not in it",
        Exit::Circle => "Circle: unreachable, or it refused the request or the API key",
        Exit::Files => "a file: records, ceremony log, key file, recovery file or handoff file",
        Exit::Refused => {
            "refused for safety: a key or fingerprint does not match the one on record, or a private key was given as a recipient"
        }
        Exit::RecoveryElsewhere => {
            "done, but the recovery file is not where it was asked to go (stderr says where)"
        }
    }
}

/// The exit status table, after the top-level `--help`.
pub fn exit_codes_help() -> String {
    let mut out = String::from("Exit status:\n");
    for exit in Exit::ALL {
        let _ = writeln!(out, "  {}  {}", exit.code(), exit_meaning(exit));
    }
    out.push_str("Errors go to stderr: what happened, then what to do.");
    out
}

/// Where the API key comes from, after `--help` of the commands that ask
/// Circle.
pub fn api_key_help() -> String {
    format!(
        "The API key, for commands that ask Circle: from --api-key-file FILE, else the {API_KEY_ENV} environment variable, else a prompt on the terminal (not echoed). Never a command-line argument: ps and the shell's history would keep it. With --rehearsal, a practice key is used."
    )
}
