//! The exit statuses: a small, stable table that scripts can rely on, and
//! which status each failure ends with.

use std::process::ExitCode;

use crate::ceremony::CeremonyError;

/// How a command ended. The numbers are part of the command line's
/// interface: never renumber, only add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done.
    Ok,
    /// Failed for a reason none of the others names.
    Failed,
    /// The command line was not understood, or an input it needs is missing
    /// (clap's own status for usage errors).
    Usage,
    /// Nothing to act on: no registration known, or not the one asked for.
    NotFound,
    /// The keychain: locked, absent, or the secret is not in it.
    Keychain,
    /// Circle: unreachable, or it refused the request or the API key.
    Circle,
    /// A file: records, ceremony log, a key file, the recovery file.
    Files,
    /// Refused for safety: a key or fingerprint does not match the record,
    /// or a confirmation is missing.
    Refused,
    /// Done, but the recovery file is not where it was asked to go: it was
    /// saved to the fallback file that stderr names.
    RecoveryElsewhere,
}

impl Exit {
    /// Every status, in order, for the table in `--help`.
    pub const ALL: [Self; 9] = [
        Self::Ok,
        Self::Failed,
        Self::Usage,
        Self::NotFound,
        Self::Keychain,
        Self::Circle,
        Self::Files,
        Self::Refused,
        Self::RecoveryElsewhere,
    ];

    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            Self::Ok => 0,
            Self::Failed => 1,
            Self::Usage => 2,
            Self::NotFound => 3,
            Self::Keychain => 4,
            Self::Circle => 5,
            Self::Files => 6,
            Self::Refused => 7,
            Self::RecoveryElsewhere => 8,
        }
    }

    /// The status a ceremony failure ends the command with.
    pub fn of(error: &CeremonyError) -> Self {
        use CeremonyError as E;
        match error {
            E::Keychain(_)
            | E::SecretAlreadyOnMachine { .. }
            | E::UnregisteredSecretWaiting { .. }
            | E::RegisteredHereSecretMissing { .. }
            | E::SecretMissing { .. }
            | E::SecretNotTheOneJournaled { .. }
            | E::NewSecretIsCurrent => Self::Keychain,
            E::Circle(_) | E::ApiKey(_) | E::KeyForAnotherApp { .. } => Self::Circle,
            E::Recovery(_)
            | E::Destination(_)
            | E::Records(_)
            | E::KeyFile { .. }
            | E::RecoveryImport { .. }
            | E::Document(_) => Self::Files,
            E::NotRegisteredHere { .. } => Self::NotFound,
            E::PublicKey(_)
            | E::MayBeRegistered { .. }
            | E::FingerprintNotConfirmed
            | E::WarningsNotAcknowledged
            | E::NotConfirmed
            | E::LiveNotConfirmed
            | E::KeyChangeNotAcknowledged
            | E::AppIdNotValid { .. }
            | E::Sha256NotValid => Self::Refused,
            E::Secret(_)
            | E::Encrypt(_)
            | E::SimulatorFailed(_)
            | E::NotYet(_)
            | E::Internal(_) => Self::Failed,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        Self::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_are_distinct_and_in_table_order() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes, (0..9).collect::<Vec<u8>>());
    }

    #[test]
    fn usage_is_the_status_clap_exits_with() {
        use clap::Parser;
        // clap exits on a usage error before any command runs; the table
        // must say the same number.
        let error = crate::cli::Cli::try_parse_from(["entity-secret-wizard", "status", "--bogus"])
            .unwrap_err();
        assert_eq!(error.exit_code(), i32::from(Exit::Usage.code()));
    }
}
